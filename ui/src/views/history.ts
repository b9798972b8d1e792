// Import history: every import, newest first, with its problems and undo.
import { confirmDialog, focusTarget } from "../a11y";
import { importProblems, status, undoImport, type ImportRecordView, type StatusView } from "../api";
import { button, h, srOnly, thousands } from "../dom";
import { errorBox, go, loading, pageHeader, state, toast, type ViewContext } from "../ui";
import { saveProblemsCsv } from "./importer";

export async function renderHistory(root: HTMLElement, ctx: ViewContext) {
  const done = loading(root, "Reading the history…");
  let s: StatusView;
  try {
    s = await status();
  } catch (e) {
    done();
    if (ctx.isCurrent()) root.append(errorBox(e, ctx.rerender));
    return;
  }
  done();
  if (!ctx.isCurrent()) return;
  state.status = s;

  root.append(
    pageHeader(
      "Import history",
      s.empty
        ? "Nothing has been imported yet."
        : `${thousands(s.people)} people, ${thousands(s.pairings)} pairings, ${thousands(s.meetings)} meetings, ${thousands(s.survey_responses)} survey responses, ${thousands(s.milestones)} milestones and ${thousands(s.team_metric_rows)} team-weeks from ${s.imports.length} file${s.imports.length === 1 ? "" : "s"}.`,
      button("Import files", () => go("#/import"), "btn-primary"),
    ),
  );
  if (s.empty) return;

  const detail = h("div", { class: "history-detail" });
  const rows = s.imports.map((i) => historyRow(i, detail, ctx));
  root.append(
    h(
      "div",
      { class: "panel table-panel" },
      h(
        "table",
        { class: "data history", data: { test: "history-table" } },
        h("caption", { class: "visually-hidden" }, "Imports, newest first"),
        h(
          "thead",
          null,
          h("tr", null, ["#", "File", "Kind", "Rows imported", "Skipped", "Imported on", ""].map((c, n) => h("th", { attrs: { scope: "col" }, class: n === 3 || n === 4 ? "num" : "" }, c || srOnly("Actions")))),
        ),
        h("tbody", null, rows),
      ),
    ),
    detail,
  );
}

function historyRow(i: ImportRecordView, detail: HTMLElement, ctx: ViewContext): HTMLElement {
  const actions = h("div", { class: "row-actions" });
  const showProblems = button(
    "Problems",
    async () => {
      try {
        const problems = await importProblems(i.id);
        detail.replaceChildren(
          h(
            "section",
            { class: "panel" },
            h("h2", null, `Problems in ${i.file_name} (#${i.id})`),
            problems.length
              ? h(
                  "div",
                  null,
                  h(
                    "table",
                    { class: "data problems-table" },
                    h("thead", null, h("tr", null, ["Line", "Column", "Value", "Problem and how to fix it", "Row"].map((c) => h("th", { attrs: { scope: "col" } }, c)))),
                    h(
                      "tbody",
                      null,
                      problems.slice(0, 200).map((p) =>
                        h(
                          "tr",
                          null,
                          h("td", { class: "num" }, p.line === null ? "—" : thousands(p.line)),
                          h("td", null, p.column ?? "—"),
                          h("td", null, p.value === null ? "—" : h("code", null, p.value)),
                          h("td", null, p.reason),
                          h("td", null, p.severity_label),
                        ),
                      ),
                    ),
                  ),
                  problems.length > 200 ? h("p", { class: "muted small" }, `The first 200 of ${thousands(problems.length)}; the CSV has them all.`) : null,
                  button("Save problems as CSV…", () => void saveProblemsCsv(i.id, i.file_name, []), "btn-small"),
                )
              : h("p", null, "No problems: every row was imported as it was."),
          ),
        );
        // Take the reader to what they asked for.
        focusTarget(detail.querySelector("h2"));
      } catch (e) {
        detail.replaceChildren(errorBox(e));
      }
    },
    "btn-small",
    { data: { test: `problems-${i.id}` } },
  );
  showProblems.append(srOnly(` of import ${i.id}, ${i.file_name}`));
  const undo = button(
    ["Undo…", srOnly(` import ${i.id}, ${i.file_name}`)],
    async () => {
      // Undo removes everything this file added: ask first, in a dialog
      // that Escape closes (focus then comes back to this button).
      const sure = await confirmDialog({
        title: `Remove import #${i.id}?`,
        text: `This removes ${i.file_name} and everything it added (${thousands(i.rows_imported)} rows). Files imported after it stay.`,
        confirm: "Remove",
        cancel: "Keep",
        danger: true,
        test: `confirm-undo-${i.id}`,
      });
      if (!sure) return;
      try {
        state.status = await undoImport(i.id);
        state.choices = null;
        toast(`Removed ${i.file_name} (import #${i.id}) and everything it added.`);
        ctx.refreshChrome();
        ctx.rerender();
      } catch (e) {
        toast((e as { message?: string }).message ?? "Could not undo the import.", "error");
      }
    },
    "btn-small btn-quiet",
    { data: { test: `undo-${i.id}` } },
  );
  actions.append(showProblems, undo);
  return h(
    "tr",
    { data: { import: String(i.id) } },
    h("td", { class: "num" }, String(i.id)),
    h("td", null, i.file_name),
    h("td", null, i.kind_label, i.wave ? h("span", { class: "sub" }, `wave ${i.wave}`) : null),
    h("td", { class: "num" }, `${thousands(i.rows_imported)} of ${thousands(i.rows_total)}`),
    h("td", { class: "num" }, thousands(i.rows_skipped)),
    h("td", { class: "nowrap" }, i.imported_at),
    h("td", null, actions),
  );
}
