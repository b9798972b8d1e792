// The import wizard: choose or drop files → check what each one is (kind,
// columns, survey wave, first rows) → import with a progress bar → the
// report, with every problem and the fix, exportable as CSV.
import {
  cancelImport,
  exportProblems,
  importFiles,
  pickFiles,
  pickSavePath,
  previewFile,
  previewFiles,
  status,
  type FilePreview,
  type ImportOutcome,
  type ImportProgress,
  type MeetingView,
  type ProblemView,
} from "../api";
import { announce, focusTarget, progressAnnouncer } from "../a11y";
import { button, h, nextId, select, srOnly, thousands } from "../dom";
import { errorBox, go, pageHeader, state, toast, type ViewContext } from "../ui";

type Item = {
  preview: FilePreview;
  kind: string | null;
  columns: Record<string, string>;
  wave: string;
  remember: boolean;
  touched: boolean;
  /** A workbook: import only the sheet shown (else every recognised sheet). */
  onlySheet: boolean;
};

const wiz: {
  stage: "choose" | "review" | "importing" | "done";
  items: Item[];
  outcomes: ImportOutcome[];
  progress: ImportProgress | null;
  error: unknown;
  /// Where focus goes once the next stage is drawn (a keyboard user's
  /// control disappears when the stage changes).
  focus: string | null;
} = { stage: "choose", items: [], outcomes: [], progress: null, error: null, focus: null };

function itemFrom(p: FilePreview, remember = false): Item {
  const columns: Record<string, string> = {};
  for (const f of p.fields) if (f.column) columns[f.field] = f.column;
  return { preview: p, kind: p.kind, columns, wave: p.wave ?? "", remember, touched: false, onlySheet: false };
}

async function addPaths(paths: string[]) {
  const fresh = paths.filter((p) => !wiz.items.some((i) => i.preview.path === p));
  if (!fresh.length) return;
  const previews = await previewFiles(fresh);
  wiz.items.push(...previews.map((p) => itemFrom(p)));
  wiz.stage = "review";
  wiz.outcomes = [];
  const bad = previews.filter((p) => p.error).length;
  announce(
    `${previews.length} file${previews.length === 1 ? "" : "s"} added: ${previews.map((p) => p.file).join(", ")}.` +
      (bad ? ` ${bad} cannot be imported.` : "") +
      " Check each one, then press Import.",
  );
}

function previewTable(p: FilePreview): HTMLElement {
  const cols = p.columns.slice(0, 12);
  const more = p.columns.length - cols.length;
  return h(
    "div",
    { class: "preview-scroll", attrs: { tabindex: "0", "aria-label": `First rows of ${p.file}` } },
    h(
      "table",
      { class: "data preview" },
      h("thead", null, h("tr", null, cols.map((c) => h("th", { attrs: { scope: "col", title: c } }, c)), more > 0 ? h("th", null, `+${more} more`) : null)),
      h(
        "tbody",
        null,
        p.sample_rows.map((r) =>
          h("tr", null, cols.map((_, i) => h("td", { attrs: { title: r[i] ?? "" } }, r[i] ?? "")), more > 0 ? h("td", null, "…") : null),
        ),
      ),
    ),
  );
}

/** The number of the last preview asked for each file, so an earlier answer arriving late is dropped. */
const latestAsk = new WeakMap<Item, number>();

function fileCard(item: Item, rerender: () => void): HTMLElement {
  const p = item.preview;
  const remove = button(["Remove", srOnly(` ${p.file}`)], () => {
    wiz.items = wiz.items.filter((i) => i !== item);
    if (!wiz.items.length) wiz.stage = "choose";
    // The card is gone: continue from the next one, or from the top.
    wiz.focus = wiz.items.length ? "[data-test=run-import]" : "[data-test=choose-files]";
    announce(`${p.file} removed from this import.`);
    rerender();
  }, "btn-small btn-quiet", { data: { test: "remove-file" } });

  if (p.error) {
    return h(
      "article",
      { class: "file-card file-card-error", data: { file: p.file } },
      h("header", { class: "file-head" }, h("h3", null, p.file), remove),
      h("p", { class: "alert alert-error", attrs: { role: "alert" } }, p.error.message),
      h("p", { class: "muted small" }, "This file will be left out of the import."),
    );
  }

  const refresh = async (kind: string | null, columns: Record<string, string> | null, sheet: string | null = p.sheet) => {
    // Two changes in quick succession (arrow keys through the kinds) ask
    // twice; the answers can arrive in either order, and only the last
    // choice's may land, or the file would import as a kind no longer shown.
    const asked = (latestAsk.get(item) ?? 0) + 1;
    latestAsk.set(item, asked);
    try {
      const np = await previewFile(p.path, kind, columns, sheet);
      if (latestAsk.get(item) !== asked) return;
      const next = itemFrom(np, true);
      next.touched = true;
      // A choice of kind or columns is about the sheet shown: import it alone.
      next.onlySheet = item.onlySheet || ((kind !== null || columns !== null) && np.sheets.length > 1);
      if (item.wave && np.is_survey) next.wave = item.wave;
      Object.assign(item, next);
    } catch (e) {
      if (latestAsk.get(item) !== asked) return;
      toast((e as { message?: string }).message ?? "Could not read the file again.", "error");
    }
    rerender();
  };

  const kindSelect = select(
    [
      ...(p.kind ? [] : [{ value: "", label: "Choose the kind…" }]),
      ...p.kinds.map((k) => ({ value: k.kind, label: k.label })),
    ],
    item.kind,
    (v) => void refresh(v || null, null),
    { data: { test: "kind-select" }, attrs: { "aria-label": `Kind of ${p.file}` } },
  );

  let sheets: HTMLElement | null = null;
  if (p.sheets.length) {
    const importable = p.sheets.filter((s) => s.importable).length;
    const sheetSelect = select(
      // Sheets that cannot be imported are named in the summary below, not offered.
      p.sheets.filter((s) => s.importable || s.name === p.sheet).map((s) => ({ value: s.name, label: s.name })),
      p.sheet,
      (v) => void refresh(null, null, v || null),
      { data: { test: "sheet-select" }, attrs: { "aria-label": `Sheet of ${p.file} to preview` } },
    );
    const only = h("input", { data: { test: "only-sheet" }, attrs: { type: "checkbox" } });
    only.checked = item.onlySheet;
    only.addEventListener("change", () => (item.onlySheet = only.checked));
    sheets = h(
      "div",
      { class: "sheets" },
      h("label", { class: "kind-label" }, h("span", null, "Sheet"), sheetSelect),
      h(
        "p",
        { class: "muted small", data: { test: "sheet-summary" } },
        `${importable} of ${p.sheets.length} sheet${p.sheets.length === 1 ? "" : "s"} will be imported, each on its own`,
        p.sheets.some((s) => !s.importable)
          ? `; skipped: ${p.sheets.filter((s) => !s.importable).map((s) => `${s.name} (${s.note})`).join("; ")}`
          : "",
        ".",
      ),
      p.sheets.length > 1 ? h("label", { class: "check small" }, only, "Import only this sheet") : null,
    );
  }

  const badges = h(
    "p",
    { class: "file-meta" },
    [p.shape_label, p.encoding, p.is_meetings_source ? "meetings matched to pairings on import" : p.delimiter === "cells" ? "workbook cells" : `${p.delimiter}-separated`, p.is_meetings_source ? null : `${p.columns.length} columns`]
      .filter(Boolean)
      .map((b) => h("span", { class: "badge" }, b)),
    p.remembered ? h("span", { class: "badge badge-ok" }, "Using your saved choices") : null,
  );

  const attention = p.attention.length
    ? h("ul", { class: "attention" }, p.attention.map((a) => h("li", null, a)))
    : h("p", { class: "ok-note" }, "Recognised with confidence.");

  let wave: HTMLElement | null = null;
  if (p.is_survey) {
    const listId = nextId("waves");
    const input = h("input", {
      data: { test: "wave-input" },
      attrs: { type: "text", list: listId, placeholder: "e.g. pre, post, 6-month", "aria-label": `Survey wave of ${p.file}` },
    });
    input.value = item.wave;
    input.addEventListener("input", () => {
      item.wave = input.value;
      item.touched = true;
    });
    const known = new Set([...(state.status?.survey_waves ?? []), "pre", "post", "6-month"]);
    wave = h(
      "div",
      { class: "wave" },
      h("label", { attrs: { for: input.id || (input.id = nextId("wave")) } }, "Survey wave"),
      input,
      h("datalist", { id: listId }, [...known].map((w) => h("option", { attrs: { value: w } }))),
      h("span", { class: "hint" }, "Before and after are compared by wave."),
    );
  }

  let mapping: HTMLElement | null = null;
  if (p.fields.length) {
    const grid = h("div", { class: "mapping-grid" });
    for (const f of p.fields) {
      const s = select(
        [{ value: "", label: "— not in this file —" }, ...p.columns.map((c) => ({ value: c, label: c }))],
        f.column,
        (v) => {
          const cols = { ...item.columns, [f.field]: v };
          void refresh(item.kind, cols);
        },
        { data: { field: f.field }, attrs: { "aria-label": `Column for ${f.label}` } },
      );
      grid.append(
        h("span", { class: `map-field${f.required ? " required" : ""}` }, f.label, f.required ? [h("span", { class: "req", attrs: { "aria-hidden": "true" } }, " *"), srOnly(" (required)")] : null),
        s,
      );
    }
    const details = h("details", { class: "mapping", attrs: { open: !p.confident } }, h("summary", null, "Columns"), grid);
    mapping = details;
  }

  const remember = h("input", { attrs: { type: "checkbox" } });
  remember.checked = item.remember;
  remember.addEventListener("change", () => (item.remember = remember.checked));

  return h(
    "article",
    { class: `file-card${p.confident ? "" : " file-card-warn"}`, data: { file: p.file } },
    h(
      "header",
      { class: "file-head" },
      h("h3", null, p.file),
      h("label", { class: "kind-label" }, h("span", null, "Kind"), kindSelect),
      remove,
    ),
    badges,
    sheets,
    attention,
    wave,
    previewTable(p),
    mapping,
    h("label", { class: "check small" }, remember, "Remember these choices for files with the same columns"),
  );
}

function problemsTable(problems: ProblemView[], total: number): HTMLElement {
  const shown = 100;
  const body = h("tbody");
  const fill = (n: number) =>
    body.replaceChildren(
      ...problems.slice(0, n).map((p) =>
        h(
          "tr",
          { class: p.severity === "skipped" ? "row-skipped" : "" },
          h("td", { class: "num" }, p.place ?? (p.line === null ? "—" : thousands(p.line))),
          h("td", null, p.column ?? "—"),
          h("td", null, p.value === null ? "—" : h("code", null, p.value)),
          h("td", null, p.reason),
          h("td", null, h("span", { class: `status status-${p.severity}` }, p.severity_label)),
        ),
      ),
    );
  fill(shown);
  const more =
    problems.length > shown
      ? button(`Show all ${thousands(problems.length)}`, () => {
          fill(problems.length);
          more?.remove();
        }, "btn-small")
      : null;
  return h(
    "div",
    { class: "problems" },
    h(
      "table",
      { class: "data problems-table" },
      h("caption", null, `${thousands(total)} problem${total === 1 ? "" : "s"}`),
      h("thead", null, h("tr", null, ["Line or cell", "Column", "Value", "Problem and how to fix it", "Row"].map((c) => h("th", { attrs: { scope: "col" } }, c)))),
      body,
    ),
    more,
    total > problems.length ? h("p", { class: "muted small" }, `The CSV has all ${thousands(total)}.`) : null,
  );
}

export async function saveProblemsCsv(importId: number | null, file: string, problems: ProblemView[], kind: string | null = null) {
  try {
    const stem = file.replace(/\.[^.]+$/, "");
    const path = await pickSavePath("Save the problems as CSV", `${stem}-problems.csv`, "csv");
    if (!path) return;
    const written = await exportProblems({ import_id: importId, file, problems, kind }, path);
    toast(`Saved ${written}`);
  } catch (e) {
    toast((e as { message?: string }).message ?? "Could not save the CSV.", "error");
  }
}

function meetingsTable(meetings: MeetingView[], total: number): HTMLElement {
  const shown = meetings.slice(0, 200);
  return h(
    "div",
    { class: "problems" },
    h(
      "table",
      { class: "data meetings-table", data: { test: "meetings-table" } },
      h("caption", null, `Meetings in this file${total > shown.length ? ` (first ${thousands(shown.length)} of ${thousands(total)})` : ""}`),
      h("thead", null, h("tr", null, ["Start", "Title", "Attendees", "Counted for", "Status"].map((c) => h("th", { attrs: { scope: "col" } }, c)))),
      h(
        "tbody",
        null,
        shown.map((m) =>
          h(
            "tr",
            { class: m.unmatched_because ? "row-skipped" : "", data: { matched: m.unmatched_because ? "no" : "yes" } },
            h("td", null, m.started_at),
            h("td", null, m.title ?? "—"),
            h("td", { class: "num" }, thousands(m.attendees)),
            h("td", null, m.pairings.length ? m.pairings.join("; ") : m.unmatched_because ?? "—"),
            h("td", null, h("span", { class: `status ${m.unmatched_because ? "status-skipped" : "status-active"}` }, m.unmatched_because ? "Unmatched (kept)" : "Matched")),
          ),
        ),
      ),
    ),
  );
}

function outcomeCard(o: ImportOutcome): HTMLElement {
  if (o.cancelled) {
    return h("article", { class: "report report-cancelled", data: { file: o.file } }, h("h3", null, o.file), h("p", null, "Not imported: you cancelled before this file started."));
  }
  if (o.error || !o.report) {
    return h(
      "article",
      { class: "report report-error", data: { file: o.file, outcome: "refused" } },
      h("div", { class: "report-head" }, h("h3", null, o.file), h("span", { class: "pill pill-worsened" }, "Not imported")),
      h("p", { class: "report-summary" }, o.error?.message ?? "Nothing was imported."),
    );
  }
  const r = o.report;
  const ok = r.import_id !== null;
  const same = r.already_imported_as !== null;
  const counts = r.source
    ? [["Meetings", r.rows_total], ["Matched", r.rows_imported], ["Unmatched", r.rows_unmatched], ["Already there", r.rows_duplicate]]
    : [["Rows", r.rows_total], ["Imported", r.rows_imported], ["Skipped", r.rows_skipped], ["Already there", r.rows_duplicate]];
  return h(
    "article",
    { class: `report ${ok ? "report-ok" : same ? "report-same" : "report-error"}`, data: { file: o.file, sheet: o.sheet ?? "", outcome: ok ? "imported" : same ? "unchanged" : "refused" } },
    h(
      "div",
      { class: "report-head" },
      h("h3", null, o.sheet ? `${o.file} — sheet “${o.sheet}”` : o.file),
      h("span", { class: `pill ${ok ? "pill-improved" : same ? "pill-no_clear_difference" : "pill-worsened"}` }, ok ? `Imported as #${r.import_id}` : same ? "Already imported" : "Not imported"),
    ),
    h("p", { class: "file-meta" }, [r.kind_label, r.shape_label, r.encoding, r.wave ? `wave ${r.wave}` : null].filter(Boolean).map((b) => h("span", { class: "badge" }, b as string))),
    h("p", { class: "report-summary" }, r.summary),
    h(
      "dl",
      { class: "counts" },
      counts.map(([label, n]) => h("div", null, h("dt", null, label as string), h("dd", null, thousands(n as number)))),
    ),
    r.meetings.length ? meetingsTable(r.meetings, Number(r.rows_total)) : null,
    r.problems_total
      ? h(
          "div",
          null,
          problemsTable(r.problems, r.problems_total),
          button("Save problems as CSV…", () => void saveProblemsCsv(r.import_id, r.file, r.problems, r.kind), "btn-small", { data: { test: "export-problems" } }),
        )
      : null,
  );
}

export async function renderImport(root: HTMLElement, ctx: ViewContext) {
  const rerender = () => ctx.rerender();
  if (state.pendingFiles.length) {
    const paths = state.pendingFiles;
    state.pendingFiles = [];
    try {
      await addPaths(paths);
    } catch (e) {
      wiz.error = e;
    }
    if (!ctx.isCurrent()) return;
  }
  const choose = async () => {
    try {
      const paths = await pickFiles();
      if (paths.length) {
        await addPaths(paths);
        rerender();
      }
    } catch (e) {
      toast((e as { message?: string }).message ?? "Could not open the files.", "error");
    }
  };

  root.append(pageHeader("Import files", "Exports from your HR system, mentoring sheet, calendar and survey tools. Nothing is changed until you press Import."));
  if (wiz.error) {
    root.append(errorBox(wiz.error));
    wiz.error = null;
  }

  if (wiz.stage === "choose" || wiz.stage === "review") {
    root.append(
      h(
        "section",
        { class: `dropzone${wiz.items.length ? " dropzone-small" : ""}`, attrs: { "aria-label": "Add files" } },
        h("p", { class: "dropzone-title" }, wiz.items.length ? "Drop more files anywhere on this window" : "Drag your exports onto this window: CSV, Excel workbooks, attendance reports, calendars"),
        h("p", { class: "muted" }, "or"),
        button("Choose files…", () => void choose(), "btn-primary", { data: { test: "choose-files" } }),
        wiz.items.length ? null : h("p", { class: "muted small" }, "Several at once is fine; the roster is imported first."),
      ),
    );
  }

  if (wiz.stage === "review") {
    const ready = wiz.items.filter((i) => !i.preview.error);
    root.append(
      h(
        "section",
        { class: "file-list", attrs: { "aria-labelledby": "files-h" } },
        h("h2", { id: "files-h", class: "visually-hidden" }, "Files to check before importing"),
        wiz.items.map((i) => fileCard(i, rerender)),
      ),
    );
    const go_ = button(
      `Import ${ready.length} file${ready.length === 1 ? "" : "s"}`,
      async () => {
        wiz.stage = "importing";
        wiz.progress = null;
        wiz.focus = "[data-test=importing-h]";
        rerender();
        try {
          wiz.outcomes = await importFiles(
            ready.map((i) => {
              // Every recognised sheet of a workbook imports as detected; a
              // kind or columns chosen by hand belong to the one sheet shown.
              const allSheets = i.preview.sheets.length > 1 && !i.onlySheet;
              return {
                path: i.preview.path,
                kind: allSheets ? null : i.kind,
                columns: allSheets ? {} : i.columns,
                wave: i.preview.is_survey ? i.wave : null,
                remember: i.remember,
                sheet: i.onlySheet ? i.preview.sheet : null,
              };
            }),
            (p) => {
              wiz.progress = p;
              updateProgress();
            },
          );
          wiz.stage = "done";
          wiz.items = [];
          wiz.focus = "#reports-h";
        } catch (e) {
          wiz.stage = "review";
          wiz.error = e;
          wiz.focus = ".alert-error";
        }
        state.status = await status().catch(() => state.status);
        state.choices = null;
        ctx.refreshChrome();
        rerender();
      },
      "btn-primary btn-large",
      { data: { test: "run-import" }, attrs: { disabled: ready.length === 0 } },
    );
    root.append(
      h(
        "div",
        { class: "action-bar" },
        go_,
        button("Start over", () => {
          wiz.items = [];
          wiz.stage = "choose";
          wiz.focus = "[data-test=choose-files]";
          rerender();
        }, "btn-quiet"),
      ),
    );
  }

  let updateProgress = () => {};
  if (wiz.stage === "importing") {
    const bar = h("progress", { data: { test: "import-progress" }, attrs: { max: "1", value: "0", "aria-label": "Import progress" } });
    const label = h("p", { class: "progress-label" }, "Starting…");
    const say = progressAnnouncer();
    const cancel = button("Cancel", async () => {
      cancel.disabled = true;
      cancel.textContent = "Stopping after this file…";
      await cancelImport().catch(() => undefined);
    }, "btn-quiet");
    updateProgress = () => {
      const p = wiz.progress;
      if (!p) return;
      const overall = (p.file_index + p.fraction) / Math.max(1, p.file_count);
      bar.value = overall;
      label.textContent = `File ${p.file_index + 1} of ${p.file_count}: ${p.file} — ${Math.round(p.fraction * 100)}%`;
      say(p.fraction, `File ${p.file_index + 1} of ${p.file_count}, ${p.file}`);
    };
    root.append(
      h(
        "section",
        { class: "panel importing", attrs: { "aria-labelledby": "importing-h", "aria-busy": "true" } },
        h("h2", { id: "importing-h", data: { test: "importing-h" } }, "Importing…"),
        bar,
        label,
        cancel,
      ),
    );
  }

  if (wiz.stage === "done") {
    const imported = wiz.outcomes.filter((o) => o.report?.import_id != null).length;
    root.append(
      h(
        "section",
        { class: "reports", attrs: { "aria-labelledby": "reports-h" } },
        h("h2", { id: "reports-h", data: { test: "reports-h" } }, `Import report: ${imported} of ${wiz.outcomes.length} file${wiz.outcomes.length === 1 ? "" : "s"} imported`),
        wiz.outcomes.map(outcomeCard),
      ),
      h(
        "div",
        { class: "action-bar" },
        state.status && !state.status.empty ? button("See the dashboard", () => go("#/dashboard"), "btn-primary", { data: { test: "to-dashboard" } }) : null,
        button("Import more files", () => {
          wiz.stage = "choose";
          wiz.outcomes = [];
          wiz.focus = "[data-test=choose-files]";
          rerender();
        }, "btn-quiet"),
        button("Import history", () => go("#/history"), "btn-quiet"),
      ),
    );
  }

  if (wiz.focus) {
    focusTarget(root.querySelector(wiz.focus));
    wiz.focus = null;
  }
}
