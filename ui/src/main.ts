import { loadSample, status, undoImport, type Status, type UiError } from "./api";

const app = document.getElementById("app") as HTMLElement;

// Every piece of text from the user's files goes through textContent: CSV
// content is data, never markup.
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function showError(err: unknown) {
  const msg = (err as UiError)?.message ?? String(err);
  const box = el("div", msg, "error");
  box.setAttribute("role", "alert");
  app.prepend(box);
}

function render(s: Status) {
  app.replaceChildren();
  if (s.imports.length === 0) {
    const empty = el("section", undefined, "empty");
    empty.append(el("h2", "No program data yet"));
    empty.append(el("p", "Import your roster, pairing sheet, meeting logs and surveys, or look around with a synthetic sample program first."));
    const sample = el("button", "Explore the sample program", "primary");
    sample.id = "load-sample";
    sample.addEventListener("click", async () => {
      sample.disabled = true;
      sample.textContent = "Importing the sample program…";
      try {
        render(await loadSample());
      } catch (e) {
        sample.disabled = false;
        sample.textContent = "Explore the sample program";
        showError(e);
      }
    });
    empty.append(sample);
    app.append(empty);
    return;
  }
  const cards = el("section", undefined, "cards");
  const card = (label: string, value: number, id: string) => {
    const c = el("div", undefined, "card");
    const v = el("div", value.toLocaleString(), "value");
    v.id = id;
    c.append(v, el("div", label, "label"));
    cards.append(c);
  };
  card("People", s.people, "count-people");
  card("Pairings", s.pairings, "count-pairings");
  card("Meetings", s.meetings, "count-meetings");
  card("Survey responses", s.survey_responses, "count-responses");
  card("Milestones", s.milestones, "count-milestones");
  card("Team-weeks", s.team_metric_rows, "count-team-weeks");
  app.append(cards);

  const hist = el("section", undefined, "history");
  hist.append(el("h2", "Import history"));
  const table = el("table");
  const head = el("tr");
  for (const h of ["#", "File", "Kind", "Imported", "Skipped", "When", ""]) head.append(el("th", h));
  table.append(head);
  for (const i of s.imports) {
    const tr = el("tr");
    tr.append(el("td", String(i.id)), el("td", i.file_name), el("td", i.kind + (i.wave ? ` (${i.wave})` : "")));
    tr.append(el("td", i.rows_imported.toLocaleString()), el("td", i.rows_skipped.toLocaleString()), el("td", i.imported_at.replace("T", " ")));
    const td = el("td");
    const undo = el("button", "Undo");
    undo.setAttribute("aria-label", `Undo import ${i.id} (${i.file_name})`);
    undo.addEventListener("click", async () => {
      try {
        render(await undoImport(i.id));
      } catch (e) {
        showError(e);
      }
    });
    td.append(undo);
    tr.append(td);
    table.append(tr);
  }
  hist.append(table);
  app.append(hist);
}

status().then(render, showError);
