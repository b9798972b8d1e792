// The window: a sidebar of views, the filter bar that applies everywhere,
// and a router over `#/view` addresses. Views live in ./views.
import "@fontsource/inter/latin-400.css";
import "@fontsource/inter/latin-ext-400.css";
import "@fontsource/inter/latin-600.css";
import "@fontsource/inter/latin-ext-600.css";
import "@fontsource/inter/latin-700.css";
import "./style.css";

import "./a11y.css";
import "./theme-dark.css";

import { focusTarget, keepFocusInView, liveRegions, rememberFocus } from "./a11y";
import { onFileDrop, status, type ComparisonKind, type StatusView } from "./api";
import { button, fill, h, select } from "./dom";
import { emptyControls, errorBox, go, releaseImages, state } from "./ui";
import { renderWelcome } from "./views/welcome";
import { renderDashboard } from "./views/dashboard";
import { renderComparison } from "./views/compare";
import { renderPeople } from "./views/people";
import { renderImport } from "./views/importer";
import { renderHistory } from "./views/history";
import { renderPack } from "./views/pack";
import { renderAbout, renderDefinitions } from "./views/help";

type Route =
  | { view: "welcome" }
  | { view: "dashboard" }
  | { view: "compare"; kind: ComparisonKind }
  | { view: "people" }
  | { view: "import" }
  | { view: "history" }
  | { view: "pack" }
  | { view: "definitions" }
  | { view: "about" };

const COMPARISONS: { kind: ComparisonKind; label: string }[] = [
  { kind: "survey", label: "Satisfaction" },
  { kind: "ramp_up", label: "Ramp-up" },
  { kind: "retention", label: "Retention" },
  { kind: "delivery", label: "Team delivery" },
  { kind: "engagement", label: "Engagement" },
  { kind: "skills", label: "Skills" },
  { kind: "comments", label: "Comments" },
];

/// Views of the whole program over time: every survey wave, every cohort.
const OVER_TIME: { kind: ComparisonKind; label: string }[] = [
  { kind: "trends", label: "Trends" },
  { kind: "cohorts", label: "Cohorts" },
];

function parseRoute(): Route {
  const parts = location.hash.replace(/^#\/?/, "").split("/");
  switch (parts[0]) {
    case "dashboard":
      return { view: "dashboard" };
    case "compare": {
      const k = [...COMPARISONS, ...OVER_TIME].find((c) => c.kind === parts[1]);
      return k ? { view: "compare", kind: k.kind } : { view: "dashboard" };
    }
    case "people":
      return { view: "people" };
    case "import":
      return { view: "import" };
    case "history":
      return { view: "history" };
    case "pack":
      return { view: "pack" };
    case "welcome":
      return { view: "welcome" };
    case "definitions":
      return { view: "definitions" };
    case "about":
      return { view: "about" };
    default:
      return state.status?.empty ? { view: "welcome" } : { view: "dashboard" };
  }
}


const app = document.getElementById("app") as HTMLElement;
const sidebar = h("nav", { class: "sidebar", attrs: { "aria-label": "Views" } });
const filterBar = h("div", { class: "filter-bar", attrs: { role: "search", "aria-label": "Filters" } });
const main = h("main", { id: "main", attrs: { tabindex: "-1" } });
const dropOverlay = h(
  "div",
  { class: "drop-overlay", attrs: { "aria-hidden": "true" } },
  h("div", null, h("strong", null, "Drop to import"), h("span", null, "CSV exports, Excel workbooks, attendance reports, calendars")),
);

function navLink(hash: string, label: string, active: boolean, testId: string) {
  return h(
    "li",
    null,
    h(
      "a",
      {
        class: active ? "nav-link active" : "nav-link",
        data: { test: testId },
        attrs: { href: hash, "aria-current": active ? "page" : undefined },
      },
      label,
    ),
  );
}

function renderSidebar(route: Route) {
  const empty = state.status?.empty ?? true;
  const is = (v: Route["view"]) => route.view === v;
  fill(sidebar, 
    h("div", { class: "brand" }, h("span", { class: "brand-mark", attrs: { "aria-hidden": "true" } }), "Mentorscope"),
    empty
      ? h("ul", { class: "nav" }, navLink("#/welcome", "Get started", is("welcome"), "nav-welcome"))
      : h(
          "ul",
          { class: "nav" },
          navLink("#/dashboard", "Dashboard", is("dashboard"), "nav-dashboard"),
          h("li", { class: "nav-group" }, "Comparisons"),
          COMPARISONS.map((c) =>
            navLink(
              `#/compare/${c.kind}`,
              c.label,
              route.view === "compare" && route.kind === c.kind,
              `nav-${c.kind}`,
            ),
          ),
          h("li", { class: "nav-group" }, "Over time"),
          OVER_TIME.map((c) =>
            navLink(
              `#/compare/${c.kind}`,
              c.label,
              route.view === "compare" && route.kind === c.kind,
              `nav-${c.kind}`,
            ),
          ),
          h("li", { class: "nav-group" }, "Program"),
          navLink("#/people", "People & pairings", is("people"), "nav-people"),
          navLink("#/pack", "Review pack", is("pack"), "nav-pack"),
        ),
    h(
      "ul",
      { class: "nav nav-data" },
      h("li", { class: "nav-group" }, "Data"),
      navLink("#/import", "Import files", is("import"), "nav-import"),
      navLink("#/history", "Import history", is("history"), "nav-history"),
      h("li", { class: "nav-group" }, "Help"),
      navLink("#/definitions", "Definitions", is("definitions"), "nav-definitions"),
      navLink("#/about", "About", is("about"), "nav-about"),
    ),
    state.status
      ? h(
          "p",
          { class: "db-path", attrs: { title: state.status.db_path } },
          "Program database",
          h("br"),
          // Breaks only after a slash (a zero-width space; still plain text).
          h("span", null, state.status.db_path.replace(/\//g, "/\u200b")),
        )
      : null,
  );
}

function dateInput(value: string | null, onChange: (v: string | null) => void, label: string) {
  const c = state.choices;
  const i = h("input", {
    attrs: { type: "date", "aria-label": label, min: c?.first_date ?? undefined, max: c?.last_date ?? undefined },
  });
  i.value = value ?? "";
  i.addEventListener("change", () => onChange(i.value || null));
  return i;
}

let datesOpen = false;

/// "All dates" until the user asks for a range: an empty date input in
/// WebKit shows today's date greyed out, which reads like a filter.
function dateFilter(ctl: typeof state.controls, update: (p: Partial<typeof ctl>) => void): HTMLElement {
  const c = state.choices;
  if (!datesOpen && !ctl.date_from && !ctl.date_to) {
    return h(
      "div",
      { class: "filter" },
      h("span", null, "Dates"),
      button("All dates", () => {
        datesOpen = true;
        renderFilterBar(true);
        (filterBar.querySelector("[data-test='filter-from']") as HTMLElement | null)?.focus();
      }, "btn-small btn-select", { data: { test: "filter-dates" }, attrs: { "aria-label": "All dates: choose a date range" } }),
    );
  }
  const from = dateInput(ctl.date_from ?? c?.first_date ?? null, (v) => update({ date_from: v }), "From");
  from.dataset.test = "filter-from";
  const to = dateInput(ctl.date_to ?? c?.last_date ?? null, (v) => update({ date_to: v }), "To");
  to.dataset.test = "filter-to";
  return h(
    "div",
    { class: "filter filter-dates", attrs: { role: "group", "aria-label": "Date range" } },
    h("span", null, "Dates"),
    from,
    h("span", { class: "muted" }, "to"),
    to,
  );
}

function renderFilterBar(show: boolean) {
  filterBar.hidden = !show;
  if (!show) return;
  const c = state.choices;
  const ctl = state.controls;
  const update = (patch: Partial<typeof ctl>) => {
    state.controls = { ...state.controls, ...patch };
    void render();
  };
  // On the views that show survey figures, a value that would leave them
  // hidden to protect respondents is greyed out with its reason; elsewhere
  // (ramp-up, retention, delivery …) it can be chosen, and says so.
  const route = parseRoute();
  const surveyView = route.view === "compare" && ["survey", "trends", "cohorts"].includes(route.kind);
  const hidden = new Map((c?.survey_hidden ?? []).map((f) => [`${f.dimension}/${f.value}`, f.reason]));
  const opts = (dimension: string, all: string, list: string[] | undefined) => [
    { value: "", label: all },
    ...(list ?? []).map((v) => {
      const why = hidden.get(`${dimension}/${v}`);
      return why
        ? { value: v, label: `${v} (survey hidden)`, disabled: surveyView, title: `Survey figures hidden: ${why}` }
        : { value: v, label: v };
    }),
  ];
  const active = [ctl.cohort, ctl.team, ctl.level, ctl.date_from, ctl.date_to].filter(Boolean).length;
  fill(filterBar, 
    h("span", { class: "filter-title" }, "Filters"),
    h(
      "label",
      { class: "filter" },
      h("span", null, "Cohort"),
      select(opts("cohort", "All cohorts", c?.cohorts), ctl.cohort, (v) => update({ cohort: v || null }), {
        data: { test: "filter-cohort" },
      }),
    ),
    h(
      "label",
      { class: "filter" },
      h("span", null, "Team"),
      select(opts("team", "All teams", c?.teams), ctl.team, (v) => update({ team: v || null }), {
        data: { test: "filter-team" },
      }),
    ),
    h(
      "label",
      { class: "filter" },
      h("span", null, "Level"),
      select(opts("level", "All levels", c?.levels), ctl.level, (v) => update({ level: v || null }), {
        data: { test: "filter-level" },
      }),
    ),
    dateFilter(ctl, update),
    surveyView && hidden.size
      ? h(
          "p",
          { class: "filter-note muted small", data: { test: "filter-note" } },
          `Greyed out to protect survey respondents: ${[...(c?.survey_hidden ?? [])]
            .map((f) => `${f.value} (${f.reason})`)
            .join("; ")}.`,
        )
      : null,
    active
      ? button(`Clear ${active === 1 ? "filter" : `${active} filters`}`, () => {
          state.controls = { ...emptyControls(), ...pickControls(state.controls) };
          datesOpen = false;
          void render();
        }, "btn-link", { data: { test: "filter-reset" } })
      : null,
  );
}

/// Comparison controls survive "Clear filters"; only the filters reset.
function pickControls(c: typeof state.controls) {
  return {
    launch: c.launch,
    as_of: c.as_of,
    before_wave: c.before_wave,
    after_wave: c.after_wave,
    skill_before_wave: c.skill_before_wave,
    skill_after_wave: c.skill_after_wave,
    split: c.split,
    milestone_kind: c.milestone_kind,
    min_group_size: c.min_group_size,
  };
}

let renderSeq = 0;
let lastView = "";

async function render() {
  const seq = ++renderSeq;
  const route = parseRoute();
  // A redraw must not throw away the keyboard user's place: the control
  // that had focus (a filter, a setting, a column choice) gets it back.
  const focus = rememberFocus();
  if (!state.status) {
    try {
      state.status = await status();
    } catch (e) {
      main.replaceChildren(errorBox(e, () => void render()));
      return;
    }
  }
  if (seq !== renderSeq) return;
  if (state.status.empty && ["dashboard", "compare", "people", "pack"].includes(route.view)) {
    location.replace("#/welcome");
    return;
  }
  renderSidebar(route);
  renderFilterBar(["dashboard", "compare", "people", "pack"].includes(route.view));
  focus.restore(filterBar);
  releaseImages();
  const viewKey = route.view + ("kind" in route ? `/${route.kind}` : "");
  const page = h("div", { class: `page page-${route.view}`, data: { view: viewKey } });
  main.replaceChildren(page);
  const ctx = {
    isCurrent: () => seq === renderSeq,
    refreshChrome: () => {
      const kept = rememberFocus();
      renderSidebar(route);
      renderFilterBar(["dashboard", "compare", "people", "pack"].includes(route.view));
      kept.restore(filterBar);
    },
    rerender: () => void render(),
  };
  switch (route.view) {
    case "welcome":
      await renderWelcome(page, ctx);
      break;
    case "dashboard":
      await renderDashboard(page, ctx);
      break;
    case "compare":
      await renderComparison(page, ctx, route.kind);
      break;
    case "people":
      await renderPeople(page, ctx);
      break;
    case "import":
      await renderImport(page, ctx);
      break;
    case "history":
      await renderHistory(page, ctx);
      break;
    case "pack":
      await renderPack(page, ctx);
      break;
    case "definitions":
      await renderDefinitions(page, ctx);
      break;
    case "about":
      await renderAbout(page, ctx);
      break;
  }
  if (seq === renderSeq && viewKey !== lastView) {
    // A new view: move focus to its heading, as a screen reader expects.
    lastView = viewKey;
    (page.querySelector("h1") as HTMLElement | null)?.focus({ preventScroll: true });
    main.scrollTop = 0;
  } else if (seq === renderSeq && !focus.restore() && focus.lost()) {
    // The same view redrawn and the focused control is gone (an undo
    // removed its row): start again from the view's heading, not the
    // top of the window.
    focusTarget(page.querySelector("h1"));
  }
  if (seq === renderSeq) document.body.dataset.ready = viewKey;
}


app.replaceChildren(
  h("a", { class: "skip-link", attrs: { href: "#main" }, on: { click: (e) => { e.preventDefault(); main.focus(); } } }, "Skip to content"),
  h("div", { class: "shell" }, sidebar, h("div", { class: "main-col" }, filterBar, main)),
  dropOverlay,
  liveRegions(),
);

keepFocusInView(main);

window.addEventListener("hashchange", () => void render());

// Another window or the command line may have imported or undone something
// while this window was in the background: coming back, show the data as
// it is now (but never interrupt an import in progress).
const importsKey = (s: StatusView) => s.imports.map((i) => i.id).join(",");
window.addEventListener("focus", () => {
  if (!state.status || parseRoute().view === "import") return;
  const before = importsKey(state.status);
  status()
    .then((now) => {
      if (state.status && importsKey(now) !== before && parseRoute().view !== "import") {
        state.status = now;
        void render();
      }
    })
    .catch(() => {
      // The next action will show the error in context.
    });
});
void onFileDrop({
  over: (over) => dropOverlay.classList.toggle("visible", over),
  drop: (paths) => {
    state.pendingFiles = [...new Set([...state.pendingFiles, ...paths])];
    go("#/import");
  },
}).catch(() => {
  // Without drag-and-drop the "Choose files" button still works.
});
void render();
