// The dashboard: six headline cards, the verdict of every comparison, and
// what to know about the data. Every number comes from the library.
import { dashboard, type Card, type Dashboard } from "../api";
import { append, button, decor, h, longDate, pill, srOnly } from "../dom";
import { errorBox, go, loading, pageHeader, state, type ViewContext } from "../ui";

function card(c: Card): HTMLElement {
  const open = c.comparison ? () => go(`#/compare/${c.comparison}`) : null;
  return h(
    "article",
    {
      class: `card card-${c.outcome ?? "plain"}`,
      data: { card: c.id, value: c.value === null ? "" : String(c.value), ...(c.suppressed ? { suppressed: c.suppressed } : {}) },
      attrs: { "aria-labelledby": `card-${c.id}` },
    },
    h("div", { class: "card-top" }, h("h2", { id: `card-${c.id}`, class: "card-label" }, c.label), pill(c.outcome, c.outcome_label)),
    h("p", { class: "card-figure", data: { test: `figure-${c.id}` } }, c.figure),
    h("p", { class: "card-detail" }, c.detail),
    c.verdict ? h("p", { class: "card-verdict" }, c.verdict) : null,
    open
      ? button(
          [c.comparison === "engagement" ? "See engagement" : "See the comparison", srOnly(` for ${c.label.toLowerCase()}`), decor(" →")],
          open,
          "btn-link card-link",
        )
      : null,
  );
}

function verdicts(d: Dashboard): HTMLElement {
  return h(
    "section",
    { class: "panel verdicts", attrs: { "aria-labelledby": "verdicts-h" } },
    h("h2", { id: "verdicts-h" }, "What the evidence says"),
    h(
      "ol",
      { class: "verdict-list" },
      d.verdicts.map((v) =>
        h(
          "li",
          { data: { verdict: v.comparison } },
          h("div", { class: "verdict-head" }, h("h3", null, v.title), pill(v.outcome, v.outcome_label)),
          h("p", { class: "verdict-headline" }, v.headline),
          v.caveats.length ? h("ul", { class: "caveats" }, v.caveats.map((c) => h("li", null, c))) : null,
          button(`Open ${v.title.toLowerCase()}`, () => go(`#/compare/${v.comparison}`), "btn-link"),
        ),
      ),
    ),
  );
}

/// While the dashboard shown is the one saved at an earlier launch: what
/// it is, and that the current one is on its way.
function provisionalNotice(why: string): HTMLElement {
  return h(
    "div",
    { class: "alert alert-info", attrs: { role: "status" }, data: { test: "provisional" } },
    h("span", { class: "spinner", attrs: { "aria-hidden": "true" } }),
    h("span", null, why),
  );
}

export async function renderDashboard(root: HTMLElement, ctx: ViewContext) {
  const done = loading(root, "Reading your program…");
  let d: Dashboard;
  try {
    d = await dashboard(state.controls);
  } catch (e) {
    done();
    if (ctx.isCurrent()) root.append(errorBox(e, ctx.rerender));
    return;
  } finally {
    done();
  }
  if (!ctx.isCurrent()) return;
  draw(root, ctx, d);
  if (!d.provisional) return;
  // The last launch's figures are on screen at once; the current ones
  // replace them when worked out (a large program takes seconds). The
  // view is not marked ready until then.
  try {
    d = await dashboard(state.controls, true);
  } catch (e) {
    if (ctx.isCurrent()) root.replaceChildren(errorBox(e, ctx.rerender));
    return;
  }
  if (!ctx.isCurrent()) return;
  root.replaceChildren();
  draw(root, ctx, d);
}

function draw(root: HTMLElement, ctx: ViewContext, d: Dashboard) {
  const stale = state.choices === null || JSON.stringify(state.choices.survey_hidden) !== JSON.stringify(d.choices.survey_hidden);
  state.choices = d.choices;
  if (stale) ctx.refreshChrome();
  root.classList.toggle("provisional", d.provisional !== null);
  root.setAttribute("aria-busy", d.provisional !== null ? "true" : "false");
  append(root, [
    pageHeader(
      "Dashboard",
      h(
        "span",
        null,
        `As of ${longDate(d.as_of)} · program launched ${longDate(d.launch)} · `,
        h("span", { data: { test: "scope" } }, d.scope),
      ),
    ),
    d.provisional ? provisionalNotice(d.provisional) : null,
    h("section", { class: "cards", attrs: { "aria-label": "Headline figures" } }, d.cards.map(card)),
    verdicts(d),
    d.data_quality.length
      ? h(
          "section",
          { class: "panel quality", attrs: { "aria-labelledby": "quality-h" } },
          h("h2", { id: "quality-h" }, "About the data"),
          h("ul", null, d.data_quality.map((n) => h("li", null, n))),
        )
      : null,
  ]);
}
