// Shared pieces of the window: app state (filters and controls apply to
// every view), loading and error panels, toasts, and chart images.
import { announce } from "./a11y";
import { asError, type Controls, type FilterChoices, type StatusView } from "./api";
import { button, h } from "./dom";

export const state: {
  controls: Controls;
  choices: FilterChoices | null;
  status: StatusView | null;
  /// Files waiting in the import wizard (dropped or chosen).
  pendingFiles: string[];
} = {
  controls: emptyControls(),
  choices: null,
  status: null,
  pendingFiles: [],
};

export function emptyControls(): Controls {
  return {
    cohort: null,
    team: null,
    level: null,
    date_from: null,
    date_to: null,
    launch: null,
    as_of: null,
    before_wave: null,
    after_wave: null,
    skill_before_wave: null,
    skill_after_wave: null,
    split: "mentored",
    milestone_kind: null,
    min_group_size: null,
  };
}

/// A "working on it" panel that only appears if the wait is noticeable.
export function loading(root: HTMLElement, text: string): () => void {
  const box = h(
    "div",
    { class: "loading", attrs: { role: "status" } },
    h("span", { class: "spinner", attrs: { "aria-hidden": "true" } }),
    h("span", null, text),
  );
  const timer = window.setTimeout(() => root.append(box), 150);
  return () => {
    window.clearTimeout(timer);
    box.remove();
  };
}

export function errorBox(err: unknown, retry?: () => void): HTMLElement {
  const e = asError(err);
  return h(
    "div",
    { class: "alert alert-error", attrs: { role: "alert" }, data: { code: e.code } },
    h("strong", null, "That didn't work. "),
    h("span", { class: "alert-message" }, e.message),
    retry ? button("Try again", retry, "btn-small") : null,
  );
}

/// A short message in the corner, also read out by screen readers (through
/// the live regions, see a11y.ts). A confirmation fades after a few seconds
/// unless the pointer or focus is on it; an error stays until dismissed.
export function toast(text: string, kind: "ok" | "error" = "ok") {
  const host = document.getElementById("toasts");
  announce(text, kind === "error");
  if (!host) return;
  for (const old of [...host.children]) if (old.querySelector(".toast-text")?.textContent === text) old.remove();
  const t = h("div", { class: `toast toast-${kind}`, data: { toast: kind } }, h("span", { class: "toast-text" }, text));
  const dismiss = button("×", () => t.remove(), "toast-close", { attrs: { "aria-label": "Dismiss this message" } });
  t.append(dismiss);
  t.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      t.remove();
    }
  });
  host.append(t);
  if (kind === "ok") {
    let timer = window.setTimeout(() => t.remove(), 6000);
    const hold = () => window.clearTimeout(timer);
    const release = () => {
      hold();
      timer = window.setTimeout(() => t.remove(), 3000);
    };
    t.addEventListener("mouseenter", hold);
    t.addEventListener("focusin", hold);
    t.addEventListener("mouseleave", release);
    t.addEventListener("focusout", release);
  }
}

const liveUrls: string[] = [];

/// Shows chart SVG as an image (a blob: URL), so nothing in it can run or
/// be read as markup by the page. `alt` names it (the chart's finding);
/// `describedBy` is the id of the chart in words (every number it plots).
export function chartImage(svg: string, alt: string, describedBy?: string): HTMLImageElement {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  liveUrls.push(url);
  return h("img", { class: "chart-img", attrs: { src: url, alt, "aria-describedby": describedBy } });
}

export function releaseImages() {
  while (liveUrls.length) URL.revokeObjectURL(liveUrls.pop() as string);
}

export function pageHeader(title: string, subtitle?: string | Node | null, actions?: Node | null): HTMLElement {
  return h(
    "header",
    { class: "page-header" },
    h("div", null, h("h1", { attrs: { tabindex: "-1" } }, title), subtitle ? h("p", { class: "subtitle" }, subtitle) : null),
    actions ?? null,
  );
}

export type ViewContext = {
  /// False once the user has moved on (a slow answer must not draw over
  /// the next view).
  isCurrent: () => boolean;
  /// Redraw the sidebar and filter bar (after the data or choices changed).
  refreshChrome: () => void;
  rerender: () => void;
};

export function go(hash: string) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}
