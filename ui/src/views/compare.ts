// One comparison: the verdict, the controls that change it, its charts
// (as images) and its numbers (n, estimates, confidence intervals, p).
import {
  comparison,
  pickSavePath,
  copyChart,
  saveChart,
  saveSkillsTemplate,
  skillFrameworks,
  type FrameworkChoice,
  type ChartView,
  type Comparison,
  type ComparisonKind,
  type StatTable,
} from "../api";
import { append, button, field, h, longDate, nextId, pill, select, srOnly } from "../dom";
import { chartImage, errorBox, loading, pageHeader, state, toast, type ViewContext } from "../ui";
import { itemsSection, loadSurveyItems } from "./items";

function controlsPanel(c: Comparison, ctx: ViewContext): HTMLElement | null {
  const ctl = state.controls;
  const set = (patch: Partial<typeof ctl>) => {
    state.controls = { ...state.controls, ...patch };
    ctx.rerender();
  };
  const waves = c.choices.waves.map((w) => ({ value: w, label: w }));
  const parts: HTMLElement[] = [];
  for (const name of c.controls) {
    switch (name) {
      case "before_wave":
        parts.push(
          field(
            "Before",
            select([{ value: "", label: "Earliest wave" }, ...waves], ctl.before_wave, (v) => set({ before_wave: v || null }), {
              data: { test: "control-before" },
            }),
          ),
        );
        break;
      case "after_wave":
        parts.push(
          field(
            "After",
            select([{ value: "", label: "Latest wave" }, ...waves], ctl.after_wave, (v) => set({ after_wave: v || null }), {
              data: { test: "control-after" },
            }),
          ),
        );
        break;
      case "skill_before_wave":
      case "skill_after_wave": {
        const skillWaves = c.choices.skill_waves.map((w) => ({ value: w, label: w }));
        const before = name === "skill_before_wave";
        parts.push(
          field(
            before ? "Skills before" : "Skills after",
            select(
              [{ value: "", label: before ? "Earliest wave" : "Latest wave" }, ...skillWaves],
              before ? ctl.skill_before_wave : ctl.skill_after_wave,
              (v) => set(before ? { skill_before_wave: v || null } : { skill_after_wave: v || null }),
              { data: { test: before ? "control-skill-before" : "control-skill-after" } },
            ),
          ),
        );
        break;
      }
      case "min_group_size": {
        const i = h("input", {
          data: { test: "control-min-group" },
          attrs: { type: "number", min: "1", max: "1000", step: "1", inputmode: "numeric" },
        });
        i.value = String(ctl.min_group_size ?? 5);
        const apply = () => {
          if (i.value.trim() === "") return;
          const n = Number(i.value);
          if (n === (ctl.min_group_size ?? 5)) return;
          if (Number.isInteger(n) && n >= 1 && n <= 1000) set({ min_group_size: n });
          else toast("The minimum group size is a whole number from 1 to 1000.", "error");
        };
        i.addEventListener("change", apply);
        i.addEventListener("keydown", (e) => {
          if (e.key === "Enter") apply();
        });
        parts.push(field("Minimum group size", i, "smaller survey groups are hidden"));
        break;
      }
      case "launch":
      case "as_of": {
        const i = h("input", {
          data: { test: `control-${name}` },
          attrs: {
            type: "date",
            min: c.choices.first_date ?? undefined,
            max: c.choices.last_date ?? undefined,
          },
        });
        const chosen = name === "launch" ? ctl.launch : ctl.as_of;
        const current = name === "launch" ? c.launch : c.as_of;
        // Show the date in force (an empty date box in WebKit shows today's
        // date greyed out, which reads like a value).
        i.value = chosen ?? current ?? "";
        const apply = (v: string | null) => set(name === "launch" ? { launch: v } : { as_of: v });
        i.addEventListener("change", () => {
          if (i.value !== (current ?? "")) apply(i.value || null);
        });
        const hint = chosen
          ? h("span", { class: "hint" }, "your choice · ", button("use the data's date", () => apply(null), "btn-link btn-inline"))
          : h("span", { class: "hint" }, name === "launch" ? "earliest pairing start" : "latest date in the data");
        const f = field(name === "launch" ? "Launch date" : "As-of date", i);
        f.append(hint);
        parts.push(f);
        break;
      }
      case "split":
        parts.push(
          field(
            "Compare",
            select(
              [
                { value: "mentored", label: "Mentored vs not mentored" },
                { value: "hired_after_launch", label: "Hired after launch vs before" },
              ],
              ctl.split,
              (v) => set({ split: v === "hired_after_launch" ? "hired_after_launch" : "mentored" }),
              { data: { test: "control-split" } },
            ),
          ),
        );
        break;
      case "milestone_kind":
        parts.push(
          field(
            "Milestone",
            select(
              [{ value: "", label: "Most frequent" }, ...c.choices.milestone_kinds.map((m) => ({ value: m, label: m }))],
              ctl.milestone_kind,
              (v) => set({ milestone_kind: v || null }),
              { data: { test: "control-milestone" } },
            ),
          ),
        );
        break;
    }
  }
  if (!parts.length) return null;
  return h(
    "section",
    { class: "panel controls", attrs: { "aria-labelledby": "controls-h" } },
    h("h2", { id: "controls-h", class: "panel-title-small" }, "Settings for this comparison"),
    h("div", { class: "controls-grid" }, parts),
  );
}

async function saveAs(chart: ChartView, format: "png" | "svg") {
  try {
    const stem = chart.kind.replace(/_/g, "-");
    const path = await pickSavePath(`Save the ${chart.label} chart`, `${stem}.${format}`, format);
    if (!path) return;
    const written = await saveChart(state.controls, chart.kind, format, path);
    toast(`Saved ${written}`);
  } catch (e) {
    toast((e as { message?: string }).message ?? "Could not save the chart.", "error");
  }
}

/// Copies the chart as a picture (at the 2× size the slides use), for
/// pasting into an existing deck.
async function copyAsPicture(chart: ChartView) {
  try {
    await copyChart(state.controls, chart.kind);
    toast(`Copied the ${chart.label} chart. Paste it into a slide or a message.`);
  } catch (e) {
    toast((e as { message?: string }).message ?? "Could not copy the picture. Use “Save as PNG” instead.", "error");
  }
}

/// A chart: the picture (named by its finding, described by every number
/// it plots), how to read it, the same numbers in words for anyone who
/// cannot see it, and its actions. The picture sits on a light canvas in
/// both themes (charts are drawn light, as in the review pack).
export function chartFigure(c: ChartView): HTMLElement {
  const descId = nextId("chart-words");
  const headId = nextId("chart-h");
  const img = chartImage(c.svg, c.title, descId);
  const of = srOnly(` (${c.label} chart)`);
  return h(
    "figure",
    { class: "panel chart", data: { chart: c.kind }, attrs: { "aria-labelledby": headId } },
    h("h2", { class: "visually-hidden", id: headId }, c.label),
    h("div", { class: "chart-canvas" }, img),
    h("figcaption", null, h("p", { class: "reading" }, c.reading)),
    h(
      "details",
      { class: "chart-words" },
      h("summary", null, "The chart in words", of.cloneNode(true)),
      h("p", { id: descId, data: { test: "chart-description" } }, c.description),
    ),
    h(
      "div",
      { class: "chart-actions" },
      button(["Save as PNG…", of.cloneNode(true)], () => void saveAs(c, "png"), "btn-small"),
      button(["Save as SVG…", of.cloneNode(true)], () => void saveAs(c, "svg"), "btn-small"),
      button(["Copy picture", of.cloneNode(true)], () => void copyAsPicture(c), "btn-small", { data: { test: "copy-picture" } }),
    ),
  );
}

export function statTable(t: StatTable): HTMLElement {
  const table = h("table", { class: "data stats" });
  table.append(h("caption", null, t.caption));
  table.append(
    h("thead", null, h("tr", null, t.columns.map((c, i) => h("th", { attrs: { scope: "col" }, class: i ? "num" : "" }, c || srOnly("Measure"))))),
  );
  const body = h("tbody");
  for (const r of t.rows) {
    body.append(
      h(
        "tr",
        null,
        h("th", { attrs: { scope: "row" } }, r.label, r.hint ? h("span", { class: "hint" }, r.hint) : null),
        r.cells.map((c) =>
          h(
            "td",
            {
              class: c.suppressed ? "num suppressed" : "num",
              // The key says which `analyze --json` number this is; a
              // withheld number keeps it and says why (for tests and for
              // anyone wondering whether it is missing by mistake).
              data: c.key
                ? { key: c.key, values: JSON.stringify(c.values), ...(c.suppressed ? { suppressed: c.suppressed } : {}) }
                : undefined,
            },
            c.text,
            c.suppressed ? srOnly(`: ${c.suppressed}`) : null,
          ),
        ),
      ),
    );
  }
  table.append(body);
  return h("div", { class: "panel table-panel" }, table);
}

/// The Skills view's "start an assessment" panel: a ready-to-fill sheet
/// of a built-in framework, people from the roster, saved where the user
/// chooses, that imports back with no mapping.
function templatePanel(frameworks: FrameworkChoice[]): HTMLElement | null {
  if (!frameworks.length) return null;
  let framework = frameworks[0].id;
  let long = false;
  const save = async (ext: "xlsx" | "csv") => {
    try {
      const f = frameworks.find((x) => x.id === framework) ?? frameworks[0];
      const stem = `skills-${f.id}`;
      const path = await pickSavePath("Save the skills sheet to fill in", `${stem}.${ext}`, ext);
      if (!path) return;
      const w = await saveSkillsTemplate({ framework, wave: "pre", rater: "self", long }, path);
      toast(`Saved ${w.path}: ${w.rows} ${long ? "rows" : "people"} × ${w.areas} areas of ${w.framework}. Fill in a rating per area, then import it.`);
    } catch (e) {
      toast((e as { message?: string }).message ?? "Could not save the sheet.", "error");
    }
  };
  return h(
    "section",
    { class: "panel controls", attrs: { "aria-labelledby": "template-h" }, data: { test: "skills-template" } },
    h("h2", { id: "template-h", class: "panel-title-small" }, "Start a skills assessment"),
    h(
      "div",
      { class: "controls-grid" },
      field(
        "Framework",
        select(
          frameworks.map((f) => ({ value: f.id, label: `${f.title} (${f.areas})` })),
          framework,
          (v) => (framework = v),
          { data: { test: "template-framework" } },
        ),
      ),
      field(
        "Layout",
        select(
          [
            { value: "wide", label: "One column per area" },
            { value: "long", label: "One row per person and area" },
          ],
          "wide",
          (v) => (long = v === "long"),
          { data: { test: "template-layout" } },
        ),
      ),
      h(
        "div",
        { class: "field" },
        button("Save as Excel…", () => void save("xlsx"), "", { data: { test: "template-xlsx" } }),
        button("Save as CSV…", () => void save("csv"), "btn-link", { data: { test: "template-csv" } }),
      ),
    ),
    h("p", { class: "muted small" }, "People come from the roster; every rating cell offers the framework's scale. The filled-in sheet imports with no mapping."),
  );
}

export async function renderComparison(root: HTMLElement, ctx: ViewContext, kind: ComparisonKind) {
  const done = loading(root, "Working out the comparison…");
  // The satisfaction view also lists the survey items, read meanwhile.
  const items = kind === "survey" ? loadSurveyItems() : null;
  let c: Comparison;
  try {
    c = await comparison(state.controls, kind);
  } catch (e) {
    done();
    if (ctx.isCurrent()) root.append(errorBox(e, ctx.rerender));
    return;
  }
  done();
  if (!ctx.isCurrent()) return;
  // The filter values that would hide survey figures depend on the
  // filters and settings chosen: the bar follows each answer.
  const stale = state.choices === null || JSON.stringify(state.choices.survey_hidden) !== JSON.stringify(c.choices.survey_hidden);
  state.choices = c.choices;
  if (stale) ctx.refreshChrome();
  const frameworks = kind === "skills" ? await skillFrameworks().catch(() => []) : [];
  const itemList = items ? await items : null;
  if (!ctx.isCurrent()) return;
  const v = c.verdict;
  append(root, [
    pageHeader(c.title, c.question),
    h(
      "section",
      { class: `panel verdict verdict-${v.outcome}`, data: { test: "verdict", outcome: v.outcome }, attrs: { "aria-label": "Verdict" } },
      h("div", { class: "verdict-head" }, pill(v.outcome, v.outcome_label), h("span", { class: "muted small" }, `As of ${longDate(c.as_of)} · ${c.scope}`)),
      h("p", { class: "verdict-headline big" }, v.headline),
      v.caveats.length ? h("ul", { class: "caveats" }, v.caveats.map((x) => h("li", null, x))) : null,
    ),
    controlsPanel(c, ctx),
    kind === "skills" ? templatePanel(frameworks) : null,
    h(
      "div",
      { class: "compare-body" },
      c.charts.length ? h("div", { class: "charts" }, c.charts.map(chartFigure)) : null,
      h(
        "section",
        {
          // Tables of many columns (cohorts, waves) take the full width.
          class: c.tables.some((t) => t.columns.length > 4) ? "numbers numbers-wide" : "numbers",
          attrs: { "aria-label": "The numbers" },
        },
        c.tables.map(statTable),
      ),
    ),
    itemList ? itemsSection(itemList, ctx) : null,
  ]);
}
