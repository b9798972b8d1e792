// Keyboard and screen-reader plumbing every view shares (see
// docs/ACCESSIBILITY.md): focus that survives a redraw, arrow keys in
// tab-like groups, modal dialogs that close on Escape and give focus back,
// and live regions that announce progress and results. No view should
// need its own key handling beyond calling these.
import { button, h } from "./dom";

// ---------- focus that survives a redraw ----------

/// What identifies a control across a redraw: its test id, field, name or
/// label, and the file/import/chart card it sits in. Auto-generated ids
/// are not used (they change every render).
type FocusKey = { tag: string; attrs: [string, string][]; scope: [string, string] | null; text: string };

const KEY_ATTRS = ["data-test", "data-field", "data-focus", "name", "aria-label", "href", "role"];
const SCOPE_ATTRS = ["data-file", "data-import", "data-chart", "data-card", "data-verdict"];

function keyOf(el: Element): FocusKey | null {
  if (el === document.body || el === document.documentElement) return null;
  const attrs: [string, string][] = [];
  for (const a of KEY_ATTRS) {
    const v = el.getAttribute(a);
    if (v !== null) attrs.push([a, v]);
  }
  let scope: [string, string] | null = null;
  for (let p = el.parentElement; p && !scope; p = p.parentElement) {
    for (const a of SCOPE_ATTRS) {
      const v = p.getAttribute(a);
      if (v !== null) {
        scope = [a, v];
        break;
      }
    }
  }
  const text = attrs.length ? "" : (el.textContent ?? "").trim().slice(0, 80);
  return { tag: el.tagName, attrs, scope, text };
}

function matches(el: Element, k: FocusKey): boolean {
  if (el.tagName !== k.tag) return false;
  if (!k.attrs.every(([a, v]) => el.getAttribute(a) === v)) return false;
  if (k.text && (el.textContent ?? "").trim().slice(0, 80) !== k.text) return false;
  if (k.scope) {
    const [a, v] = k.scope;
    const s = el.parentElement?.closest(`[${a}]`);
    if (!s || s.getAttribute(a) !== v) return false;
  }
  return true;
}

/// Remembers the focused control; `restore()` puts focus back on the same
/// control after `root` was redrawn (a filter, a column choice, a wizard
/// step). Returns true when it found it.
export function rememberFocus(): { restore: (root?: ParentNode) => boolean; lost: () => boolean } {
  const active = document.activeElement;
  const key = active ? keyOf(active) : null;
  return {
    // True when something had focus and the redraw took it away: focus
    // fell back to the page body (and the view did not put it elsewhere).
    lost: () => {
      const now = document.activeElement;
      return !!active && active !== document.body && (now === null || now === document.body || !now.isConnected);
    },
    restore: (root: ParentNode = document) => {
      if (!key) return false;
      if (active && active.isConnected && document.activeElement === active) return true;
      const all = root.querySelectorAll(key.tag.toLowerCase());
      for (const el of all) {
        if (matches(el, key) && el instanceof HTMLElement && !el.hasAttribute("disabled")) {
          el.focus({ preventScroll: false });
          return document.activeElement === el;
        }
      }
      return false;
    },
  };
}

/// Focus a heading or panel that is not normally focusable (for "you are
/// here now" after a step): it gets tabindex=-1 so focus() works.
export function focusTarget(el: Element | null | undefined, preventScroll = false) {
  if (!(el instanceof HTMLElement)) return;
  if (!el.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
    el.setAttribute("tabindex", "-1");
  }
  el.focus({ preventScroll });
}

/// Keeps whatever receives focus inside `scroller` in view. WebKitGTK does
/// not always scroll a scrolling column to a control reached with
/// Shift+Tab (seen with number inputs), which would leave the focused
/// control off screen (WCAG 2.4.11).
export function keepFocusInView(scroller: HTMLElement) {
  scroller.addEventListener("focusin", (e) => {
    const el = e.target as HTMLElement;
    const reveal = () => {
      if (document.activeElement !== el) return;
      const r = el.getBoundingClientRect();
      const box = scroller.getBoundingClientRect();
      if (r.top < box.top || r.bottom > box.bottom) el.scrollIntoView({ block: "nearest" });
    };
    // Now, and once more after the engine's own scrolling (a timer, not an
    // animation frame: frames may not run in a window that is not drawn).
    reveal();
    window.setTimeout(reveal, 50);
  });
}

// ---------- arrow keys in a group ----------

/// Makes `container`'s items (matching `selector`) one Tab stop, moved
/// between with the arrow keys, Home and End (the ARIA pattern for tabs,
/// toolbars, radio-like groups and menus). `activate` runs when an arrow
/// moves to an item if `followFocus` (tabs that show their panel at once).
export function rovingFocus(
  container: HTMLElement,
  selector: string,
  opts: { orientation?: "horizontal" | "vertical" | "both"; followFocus?: boolean; activate?: (el: HTMLElement) => void } = {},
) {
  const orientation = opts.orientation ?? "horizontal";
  const items = () => [...container.querySelectorAll<HTMLElement>(selector)].filter((e) => !e.hasAttribute("disabled"));
  const sync = (current: HTMLElement | null) => {
    const list = items();
    const chosen = current ?? list.find((e) => e.getAttribute("aria-selected") === "true" || e.getAttribute("aria-checked") === "true") ?? list[0];
    for (const e of list) e.tabIndex = e === chosen ? 0 : -1;
  };
  sync(null);
  container.addEventListener("keydown", (e) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLElement);
    if (i < 0) return;
    const prev = (orientation !== "vertical" && e.key === "ArrowLeft") || (orientation !== "horizontal" && e.key === "ArrowUp");
    const next = (orientation !== "vertical" && e.key === "ArrowRight") || (orientation !== "horizontal" && e.key === "ArrowDown");
    let to = -1;
    if (prev) to = (i - 1 + list.length) % list.length;
    else if (next) to = (i + 1) % list.length;
    else if (e.key === "Home") to = 0;
    else if (e.key === "End") to = list.length - 1;
    if (to < 0) return;
    e.preventDefault();
    const target = list[to];
    sync(target);
    target.focus();
    if (opts.followFocus) (opts.activate ?? ((el) => el.click()))(target);
  });
  // Clicking an item makes it the Tab stop too.
  container.addEventListener("focusin", (e) => {
    const t = e.target as HTMLElement;
    if (items().includes(t)) sync(t);
  });
  // A redraw of the items (new tabs) keeps one Tab stop.
  new MutationObserver(() => sync(container.querySelector<HTMLElement>(`${selector}[tabindex="0"]`))).observe(container, {
    childList: true,
  });
}

// ---------- dialogs ----------

let openDialogs = 0;
export const dialogOpen = () => openDialogs > 0;

/// A modal dialog (the native <dialog>: the rest of the window is inert
/// while it is open). Escape or the cancel button closes it; focus goes to
/// `initial` (or the first control) when it opens and back to whatever had
/// it before when it closes. Resolves with the value `close(v)` was called
/// with, or null when cancelled.
export function openDialog<T>(opts: {
  title: string;
  body: (close: (v: T | null) => void) => (Node | string | null)[];
  actions: (close: (v: T | null) => void) => HTMLElement[];
  initial?: string;
  role?: "dialog" | "alertdialog";
  test?: string;
}): Promise<T | null> {
  const opener = document.activeElement as HTMLElement | null;
  const titleId = `dlg-title-${Math.random().toString(36).slice(2, 8)}`;
  const descId = `${titleId}-desc`;
  return new Promise((resolve) => {
    let done = false;
    const dlg = h("dialog", {
      class: "dialog",
      data: opts.test ? { test: opts.test } : undefined,
      attrs: { "aria-labelledby": titleId, "aria-describedby": descId, role: opts.role ?? "dialog" },
    });
    const close = (v: T | null) => {
      if (done) return;
      done = true;
      openDialogs -= 1;
      if (dlg.open) dlg.close();
      dlg.remove();
      // Back to where the person was; if that control is gone (the dialog
      // removed it), the caller moves focus somewhere sensible.
      if (opener && opener.isConnected) opener.focus();
      resolve(v);
    };
    dlg.append(
      h("h2", { id: titleId, class: "dialog-title" }, opts.title),
      h("div", { id: descId, class: "dialog-body" }, opts.body(close)),
      h("div", { class: "dialog-actions" }, opts.actions(close)),
    );
    // Escape: the native "cancel" event; closing it ourselves keeps the
    // promise and focus handling in one place.
    dlg.addEventListener("cancel", (e) => {
      e.preventDefault();
      close(null);
    });
    document.body.append(dlg);
    openDialogs += 1;
    dlg.showModal();
    const first = (opts.initial ? dlg.querySelector<HTMLElement>(opts.initial) : null) ?? dlg.querySelector<HTMLElement>("button, input, select, textarea, [tabindex]");
    first?.focus();
  });
}

/// "Are you sure?" with a named action: resolves true when confirmed.
export async function confirmDialog(opts: {
  title: string;
  text: string;
  confirm: string;
  cancel?: string;
  danger?: boolean;
  test?: string;
}): Promise<boolean> {
  const r = await openDialog<boolean>({
    title: opts.title,
    role: "alertdialog",
    test: opts.test,
    body: () => [h("p", null, opts.text)],
    // The safe choice has focus first, so Enter does no harm.
    initial: "[data-dialog=cancel]",
    actions: (close) => [
      button(opts.cancel ?? "Cancel", () => close(false), "btn-quiet", { data: { dialog: "cancel" } }),
      button(opts.confirm, () => close(true), opts.danger ? "btn-danger" : "btn-primary", { data: { dialog: "confirm" } }),
    ],
  });
  return r === true;
}

// ---------- live regions ----------

let politeRegion: HTMLElement | null = null;
let assertiveRegion: HTMLElement | null = null;

/// The two regions screen readers listen to; they must exist before the
/// first announcement (a region added together with its text is often not
/// read), so main.ts calls this at start.
export function liveRegions(): HTMLElement {
  politeRegion = h("div", { class: "visually-hidden", id: "announce-polite", attrs: { "aria-live": "polite", "aria-atomic": "true" } });
  assertiveRegion = h("div", { class: "visually-hidden", id: "announce-assertive", attrs: { "aria-live": "assertive", "aria-atomic": "true" } });
  return h("div", { class: "live-regions" }, politeRegion, assertiveRegion);
}

/// Says `text` to a screen reader without moving focus: progress steps,
/// results, "saved". Errors interrupt (assertive); the rest waits.
export function announce(text: string, urgent = false) {
  const r = urgent ? assertiveRegion : politeRegion;
  if (!r) return;
  // Clearing first makes the same sentence twice be read twice.
  r.textContent = "";
  window.setTimeout(() => (r.textContent = text), 30);
}

/// Announces progress at most every `step` (0–1) of the way, so a fast
/// progress bar does not flood the screen reader.
export function progressAnnouncer(step = 0.25) {
  let last = -1;
  let lastLabel = "";
  return (fraction: number, label: string) => {
    const bucket = Math.floor(fraction / step);
    if (label !== lastLabel || bucket > last) {
      last = bucket;
      lastLabel = label;
      announce(`${label}: ${Math.round(fraction * 100)}%`);
    }
  };
}
