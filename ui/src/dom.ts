// Building the page without markup strings: every text from the user's
// files goes through text nodes (textContent), and attributes are set one by
// one from a short list of safe names. There is no innerHTML anywhere.

type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  /// data-* attributes, for tests and styling.
  data?: Record<string, string>;
  /// Other attributes (never event handlers or style).
  attrs?: Record<string, string | boolean | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
}

const FORBIDDEN = /^(on|style$|srcdoc$)/i;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props) {
    if (props.class) e.className = props.class;
    if (props.id) e.id = props.id;
    for (const [k, v] of Object.entries(props.data ?? {})) e.dataset[k] = v;
    for (const [k, v] of Object.entries(props.attrs ?? {})) {
      if (FORBIDDEN.test(k)) throw new Error(`refusing to set attribute ${k}`);
      if (v === undefined || v === false) continue;
      e.setAttribute(k, v === true ? "" : v);
    }
    for (const [ev, fn] of Object.entries(props.on ?? {})) {
      e.addEventListener(ev, fn as EventListener);
    }
  }
  append(e, children);
  return e;
}

export function append(parent: Node, children: (Child | Child[])[]) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

export function clear(e: Element) {
  e.replaceChildren();
}

let uid = 0;
export function nextId(prefix: string) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/// A <label> + control pair.
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = nextId("f");
  return h(
    "div",
    { class: "field" },
    h("label", { attrs: { for: control.id } }, label),
    control,
    hint ? h("span", { class: "hint" }, hint) : null,
  );
}

export type SelectOption = { value: string; label: string; disabled?: boolean; title?: string };

export function select(
  options: SelectOption[],
  value: string | null | undefined,
  onChange: (v: string) => void,
  props?: Props,
): HTMLSelectElement {
  const s = h("select", props ?? null);
  for (const o of options) {
    const opt = h("option", { attrs: { value: o.value, ...(o.title ? { title: o.title } : {}) } }, o.label);
    // The chosen value stays selectable, so the window can always show it.
    if (o.disabled && o.value !== (value ?? "")) opt.disabled = true;
    if (o.value === (value ?? "")) opt.selected = true;
    s.append(opt);
  }
  s.addEventListener("change", () => onChange(s.value));
  return s;
}

export function button(
  label: string | Node | (string | Node)[],
  onClick: (e: MouseEvent) => void,
  cls = "",
  props?: Props,
): HTMLButtonElement {
  const b = h("button", { ...props, class: `btn ${cls}`.trim(), attrs: { type: "button", ...(props?.attrs ?? {}) } }, label);
  b.addEventListener("click", onClick);
  return b;
}

export function pill(outcome: string | null | undefined, label: string | null | undefined): HTMLElement | null {
  if (!label) return null;
  return h("span", { class: `pill pill-${outcome ?? "none"}`, data: { outcome: outcome ?? "" } }, label);
}

const fmt = new Intl.NumberFormat("en-GB");
export const thousands = (n: number) => fmt.format(n);

/// "2026-06-30" → "30 Jun 2026" (unambiguous in every locale).
export function longDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  if (!y || !m || !d) return iso;
  return `${d} ${months[m - 1]} ${y}`;
}

/// A table with a caption and header row; `cells` are already elements or text.
export function table(
  caption: string | null,
  headers: string[],
  rows: (Child | Child[])[][],
  props?: Props,
): HTMLTableElement {
  const t = h("table", props ?? { class: "data" });
  if (!t.className) t.className = "data";
  if (caption) t.append(h("caption", null, caption));
  // An empty corner header still needs a name for screen readers.
  t.append(h("thead", null, h("tr", null, headers.map((x) => h("th", { attrs: { scope: "col" } }, x || srOnly("Item"))))));
  const body = h("tbody");
  for (const r of rows) body.append(h("tr", null, r.map((c) => h("td", null, c))));
  t.append(body);
  return t;
}

/// Replaces an element's children (nulls are skipped).
export function fill(e: Element, ...children: (Child | Child[])[]) {
  e.replaceChildren();
  append(e, children);
}

/// Text for screen readers only (visually hidden): the context a visible
/// label leaves to the layout, e.g. which chart a "Save as PNG" belongs to.
/// Prefer this to aria-label on a control with visible text, so the name
/// still starts with what is on screen (WCAG 2.5.3, label in name).
export function srOnly(text: string): HTMLElement {
  return h("span", { class: "visually-hidden" }, text);
}

/// A decorative character (an arrow, a bullet) that screen readers skip.
export function decor(text: string): HTMLElement {
  return h("span", { attrs: { "aria-hidden": "true" } }, text);
}
