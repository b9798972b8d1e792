// The satisfaction view's "Survey items" section: every survey item, how
// its answers are read, the waves that asked it, and the two marks a
// person can set — reverse-coded (flipped before anything is computed) and
// the scale of an item answered with plain numbers (then it counts in the
// satisfaction composite). A change is saved at once and the comparison
// is drawn again with the new numbers.
import { asError, markSurveyItem, surveyItems, type ItemMarkRequest, type SurveyItemView } from "../api";
import { h, nextId, select } from "../dom";
import { errorBox, toast, type ViewContext } from "../ui";

/// "0-10" → "0–10", as the window writes ranges.
const dash = (scale: string) => scale.replace(/-/g, "–");

/// The items, or the failure to read them (shown in the section; the
/// comparison above still shows).
export async function loadSurveyItems(): Promise<SurveyItemView[] | { error: unknown }> {
  try {
    return await surveyItems();
  } catch (e) {
    return { error: e };
  }
}

/// True while a change is on its way: a second one waits for the redraw.
/// (The control is not disabled meanwhile: that would take the keyboard
/// focus away, and the redraw gives focus back to the control that had it.)
let pending = false;

/// Sends one change; on success the view is drawn again (every number
/// follows), on failure the message shows and `undo` puts the control
/// back as it was.
async function mark(ctx: ViewContext, req: ItemMarkRequest, undo: () => void, done: string) {
  pending = true;
  try {
    await markSurveyItem(req);
  } catch (e) {
    pending = false;
    undo();
    toast(asError(e).message, "error");
    return;
  }
  pending = false;
  toast(done);
  ctx.rerender();
}

function reverseCell(item: SurveyItemView, ctx: ViewContext): HTMLElement {
  const box = h("input", {
    data: { test: "item-reverse" },
    attrs: { type: "checkbox", "aria-label": `Reverse-coded: ${item.text}` },
  });
  box.checked = item.reverse;
  // A numeric item is flipped on its declared scale: without one there is
  // nothing to flip it on.
  const onScale = item.kind === "likert" || item.scale !== null;
  if (!onScale && !item.reverse) {
    const why = nextId("item-why");
    box.disabled = true;
    box.title = "Declare the item's scale first: only an item on a scale can be reverse-coded.";
    box.setAttribute("aria-describedby", why);
    return h("td", null, box, h("span", { id: why, class: "hint" }, "declare its scale first"));
  }
  box.addEventListener("click", (e) => {
    if (pending) e.preventDefault();
  });
  box.addEventListener("change", () => {
    const now = box.checked;
    void mark(
      ctx,
      { text: item.text, reverse: now },
      () => (box.checked = !now),
      now ? `“${item.text}” is reverse-coded: its answers are flipped.` : `“${item.text}” is no longer reverse-coded.`,
    );
  });
  return h("td", null, box);
}

function scaleCell(item: SurveyItemView, ctx: ViewContext): HTMLElement {
  if (!item.can_declare_scale) {
    return h("td", { class: "muted" }, item.in_composite ? "Counted" : "Not counted");
  }
  const before = item.scale ?? "";
  const s = select(
    [{ value: "", label: "Not counted" }, ...item.scale_choices.map((c) => ({ value: c, label: dash(c) }))],
    before,
    (v) => {
      if (pending) {
        s.value = before;
        return;
      }
      // Withdrawing the scale of a reverse-coded item un-flips it too (an
      // item off its scale cannot stay flipped).
      const req: ItemMarkRequest = { text: item.text, scale: v };
      if (!v && item.reverse) req.reverse = false;
      void mark(
        ctx,
        req,
        () => (s.value = before),
        v
          ? `“${item.text}” is read on ${dash(v)} and counts in satisfaction.`
          : `“${item.text}” no longer counts in satisfaction${req.reverse === false ? " (and is no longer reverse-coded)" : ""}.`,
      );
    },
    { data: { test: "item-scale" }, attrs: { "aria-label": `Scale: ${item.text}` } },
  );
  return h("td", null, s);
}

/// The section, or nothing when the program has no survey items.
export function itemsSection(items: SurveyItemView[] | { error: unknown }, ctx: ViewContext): HTMLElement | null {
  const head = h("h2", { id: "items-h", class: "panel-title-small" }, "Survey items");
  const section = (...body: (HTMLElement | null)[]) =>
    h("section", { class: "panel survey-items", data: { test: "survey-items" }, attrs: { "aria-labelledby": "items-h" } }, head, ...body);
  if (!Array.isArray(items)) return section(errorBox(items.error, ctx.rerender));
  if (!items.length) return null;
  const table = h(
    "table",
    { class: "data items-table" },
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        ["Item", "Read as", "Waves", "Reverse-coded", "Scale"].map((c) => h("th", { attrs: { scope: "col" } }, c)),
      ),
    ),
    h(
      "tbody",
      null,
      items.map((i) =>
        h(
          "tr",
          { data: { item: i.text } },
          h("th", { attrs: { scope: "row" }, class: "item-text" }, i.text),
          h("td", { class: "nowrap" }, i.read_as),
          h("td", null, i.waves.flatMap((w, n) => [n ? ", " : "", h("span", { class: "nowrap" }, w)])),
          reverseCell(i, ctx),
          scaleCell(i, ctx),
        ),
      ),
    ),
  );
  return section(
    h(
      "p",
      { class: "muted small" },
      "Reverse-coded items are flipped before anything is computed; a numeric item counts in satisfaction once its scale is declared.",
    ),
    h("div", { class: "items-scroll" }, table),
  );
}
