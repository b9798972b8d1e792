// The review pack: choose charts and formats, pick a folder, export.
import { announce, focusTarget, progressAnnouncer } from "../a11y";
import { exportPack, pickFolder, type ChartChoice, type PackResult } from "../api";
import { button, h } from "../dom";
import { errorBox, pageHeader, state, type ViewContext } from "../ui";

const choice = {
  charts: null as Set<string> | null,
  png: true,
  svg: true,
  html: true,
  pdf: true,
  pptx: true,
  xlsx: true,
  name: "",
  redact: false,
  last: null as PackResult | null,
};

const GROUPS: [string, string][] = [
  ["survey", "Satisfaction"],
  ["ramp_up", "Ramp-up"],
  ["retention", "Retention"],
  ["delivery", "Team delivery"],
  ["engagement", "Engagement"],
];

function check(label: string, checked: boolean, onChange: (v: boolean) => void, test: string) {
  const i = h("input", { data: { test }, attrs: { type: "checkbox" } });
  i.checked = checked;
  i.addEventListener("change", () => onChange(i.checked));
  return h("label", { class: "check" }, i, label);
}

export async function renderPack(root: HTMLElement, _ctx: ViewContext) {
  const charts: ChartChoice[] = state.status?.charts ?? [];
  if (!choice.charts) choice.charts = new Set(charts.map((c) => c.kind));
  const selected = choice.charts;

  const name = h("input", { data: { test: "pack-name" }, attrs: { type: "text", placeholder: "Mentorship program", id: "pack-name" } });
  name.value = choice.name;
  name.addEventListener("input", () => (choice.name = name.value));

  const result = h("div", { class: "pack-result-host" });
  const bar = h("progress", { attrs: { max: "1", value: "0", "aria-label": "Export progress" } });
  const step = h("p", { class: "progress-label" });
  const progress = h("div", { class: "pack-progress", attrs: { hidden: true } }, bar, step);

  const exportBtn = button(
    "Choose a folder and export…",
    async () => {
      result.replaceChildren();
      const dir = await pickFolder("Choose a folder for the review pack").catch(() => null);
      if (!dir) return;
      exportBtn.disabled = true;
      progress.hidden = false;
      bar.value = 0;
      step.textContent = "Starting…";
      const say = progressAnnouncer();
      try {
        const r = await exportPack(
          state.controls,
          {
            charts: [...selected],
            png: choice.png,
            svg: choice.svg,
            html: choice.html,
            pdf: choice.pdf,
            pptx: choice.pptx,
            xlsx: choice.xlsx,
            program_name: choice.name || null,
            redact_names: choice.redact,
            dir,
          },
          (p) => {
            bar.value = p.total ? p.done / p.total : 0;
            step.textContent = `${p.step}…`;
            say(p.total ? p.done / p.total : 0, "Exporting the review pack");
          },
        );
        choice.last = r;
        showResult(r);
        announce(`Saved ${r.files.length} files in ${r.dir}.`);
      } catch (e) {
        result.replaceChildren(errorBox(e));
      } finally {
        exportBtn.disabled = false;
        progress.hidden = true;
      }
      // The export button was disabled while working (which drops focus):
      // continue from the result, or the error.
      focusTarget(result.querySelector("h2, .alert"));
    },
    "btn-primary btn-large",
    { data: { test: "export-pack" } },
  );

  function showResult(r: PackResult) {
    result.replaceChildren(
      h(
        "section",
        { class: "panel pack-result", data: { test: "pack-result" } },
        h("h2", { data: { test: "pack-result-h" } }, `Saved ${r.files.length} files`),
        h("p", null, "In ", h("code", { data: { test: "pack-dir" } }, r.dir)),
        h("ul", { class: "file-names" }, r.files.map((f) => h("li", null, h("code", null, f)))),
        h("p", { class: "muted small" }, "Open review.html in a browser or send review.pdf; review.pptx is the deck (every chart on its own slide, the numbers in the speaker notes) and the charts folder has each chart as a picture. review.xlsx and analysis.json have every number for anyone who wants to re-check them."),
      ),
    );
  }

  const chartGroups = GROUPS.map(([kind, title]) => {
    const mine = charts.filter((c) => c.comparison === kind);
    if (!mine.length) return null;
    return h(
      "fieldset",
      { class: "chart-group" },
      h("legend", null, title),
      mine.map((c) =>
        check(c.label, selected.has(c.kind), (v) => (v ? selected.add(c.kind) : selected.delete(c.kind)), `pack-chart-${c.kind}`),
      ),
    );
  });

  root.append(
    pageHeader("Review pack", "Everything leadership needs in one folder: a report as HTML and PDF, slides, a workbook with every number, and every chart as a picture. It uses the filters and settings you have chosen."),
    h(
      "div",
      { class: "pack-grid" },
      h(
        "section",
        { class: "panel" },
        h("h2", null, "Charts"),
        h("p", { class: "muted small" }, "The HTML and PDF report and the slides always include every chart; these choose the separate picture files."),
        h("div", { class: "chart-groups" }, chartGroups),
      ),
      h(
        "section",
        { class: "panel" },
        h("h2", null, "Formats"),
        h(
          "div",
          { class: "format-list" },
          check("PDF report", choice.pdf, (v) => (choice.pdf = v), "pack-pdf"),
          check("HTML report", choice.html, (v) => (choice.html = v), "pack-html"),
          check("Slides (PowerPoint)", choice.pptx, (v) => (choice.pptx = v), "pack-pptx"),
          check("Numbers for an analyst (Excel)", choice.xlsx, (v) => (choice.xlsx = v), "pack-xlsx"),
          check("Charts as PNG (for slides)", choice.png, (v) => (choice.png = v), "pack-png"),
          check("Charts as SVG (for designers)", choice.svg, (v) => (choice.svg = v), "pack-svg"),
        ),
        h("div", { class: "field" }, h("label", { attrs: { for: "pack-name" } }, "Name on the cover"), name),
        h(
          "div",
          { class: "format-list" },
          check("Leave people's names out (for a pack sent beyond the program team)", choice.redact, (v) => (choice.redact = v), "pack-redact"),
        ),
        exportBtn,
        progress,
      ),
    ),
    result,
  );
  if (choice.last) showResult(choice.last);
}
