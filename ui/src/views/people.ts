// People and pairings: a searchable table; pairings that have gone quiet
// come first and stand out.
import { announce, rovingFocus } from "../a11y";
import { people, type PairingRow, type PeopleTable, type PersonRow } from "../api";
import { h, longDate, thousands } from "../dom";
import { errorBox, pageHeader, state, type ViewContext } from "../ui";

const view = { search: "", quietOnly: false, tab: "pairings" as "pairings" | "people" };

function pairingRow(p: PairingRow): HTMLElement {
  const quiet = p.status === "quiet";
  return h(
    "tr",
    { class: quiet ? "row-quiet" : "", data: { status: p.status } },
    h("td", null, h("span", { class: `status status-${p.status}` }, p.status === "quiet" ? "Quiet" : p.status_text)),
    h("td", null, h("span", { class: "person" }, p.mentor), h("span", { class: "sub" }, p.mentor_id)),
    h("td", null, h("span", { class: "person" }, p.mentee), h("span", { class: "sub" }, p.mentee_id)),
    h("td", { class: "nowrap" }, p.cohort ?? "—"),
    h("td", { class: "nowrap" }, longDate(p.start), p.end ? h("span", { class: "sub" }, `to ${longDate(p.end)}`) : null),
    h("td", { class: "num" }, thousands(p.meetings)),
    h("td", { class: "nowrap" }, p.last_meeting ? longDate(p.last_meeting) : "never", quiet ? h("span", { class: "sub warn" }, p.status_text) : null),
  );
}

function personRow(p: PersonRow): HTMLElement {
  return h(
    "tr",
    null,
    h("td", null, h("span", { class: "person" }, p.name), h("span", { class: "sub" }, p.person_id)),
    h("td", null, p.email ?? "—"),
    h("td", null, p.team ?? "—"),
    h("td", null, p.level ?? "—"),
    h("td", { class: "nowrap" }, longDate(p.hire_date)),
    h("td", { class: "nowrap" }, p.exit_date ? longDate(p.exit_date) : "—"),
    h("td", null, p.role),
    h("td", { class: "num" }, thousands(p.pairings)),
  );
}

function tables(t: PeopleTable): HTMLElement {
  const head = (cols: string[]) =>
    h("thead", null, h("tr", null, cols.map((c) => h("th", { attrs: { scope: "col" }, class: c === "Meetings" || c === "Pairings" ? "num" : "" }, c))));
  if (view.tab === "pairings") {
    return h(
      "div",
      { class: "panel table-panel", attrs: { id: "tab-panel", role: "tabpanel", "aria-labelledby": "tab-pairings", tabindex: "0" } },
      h(
        "p",
        { class: "table-count", data: { test: "pairings-count" } },
        t.pairings_matching > t.pairings.length
          ? `Showing the first ${thousands(t.pairings.length)} of ${thousands(t.pairings_matching)} pairings. Search to narrow it down.`
          : `${thousands(t.pairings_matching)} pairing${t.pairings_matching === 1 ? "" : "s"}`,
      ),
      t.pairings.length
        ? h(
            "table",
            { class: "data people-table", data: { test: "pairings-table" } },
            h("caption", { class: "visually-hidden" }, "Pairings, quiet ones first"),
            head(["Status", "Mentor", "Mentee", "Cohort", "Started", "Meetings", "Last meeting"]),
            h("tbody", null, t.pairings.map(pairingRow)),
          )
        : h("p", { class: "empty-note" }, "No pairing matches."),
    );
  }
  return h(
    "div",
    { class: "panel table-panel", attrs: { id: "tab-panel", role: "tabpanel", "aria-labelledby": "tab-people", tabindex: "0" } },
    h(
      "p",
      { class: "table-count", data: { test: "people-count" } },
      t.people_matching > t.people.length
        ? `Showing the first ${thousands(t.people.length)} of ${thousands(t.people_matching)} people. Search to narrow it down.`
        : `${thousands(t.people_matching)} ${t.people_matching === 1 ? "person" : "people"}`,
    ),
    t.people.length
      ? h(
          "table",
          { class: "data people-table", data: { test: "people-table" } },
          h("caption", { class: "visually-hidden" }, "People"),
          head(["Name", "E-mail", "Team", "Level", "Hired", "Left", "Role", "Pairings"]),
          h("tbody", null, t.people.map(personRow)),
        )
      : h("p", { class: "empty-note" }, "No one matches."),
  );
}

export async function renderPeople(root: HTMLElement, ctx: ViewContext) {
  // Not a live region (it would read the whole table on every keystroke):
  // the count is announced instead.
  const results = h("div", { class: "people-results" });
  const search = h("input", {
    data: { test: "people-search" },
    attrs: { type: "search", placeholder: "Search names, IDs, e-mails, teams, cohorts", "aria-label": "Search people and pairings" },
  });
  search.value = view.search;
  const quiet = h("input", { data: { test: "quiet-only" }, attrs: { type: "checkbox" } });
  quiet.checked = view.quietOnly;
  const summary = h("p", { class: "subtitle" });

  // The tabs are made once and only their state changes, so the one with
  // focus keeps it; arrow keys move between them (and show their table).
  const tabButton = (id: "pairings" | "people", label: string) => {
    const b = h("button", {
      class: "tab",
      id: `tab-${id}`,
      data: { test: `tab-${id}` },
      attrs: { type: "button", role: "tab", "aria-selected": String(view.tab === id), "aria-controls": "tab-panel" },
    }, label);
    b.addEventListener("click", () => {
      if (view.tab === id) return;
      view.tab = id;
      for (const t of tabs.querySelectorAll("[role=tab]")) t.setAttribute("aria-selected", String(t.id === `tab-${id}`));
      void load();
    });
    return b;
  };
  const tabs = h("div", { class: "tabs", attrs: { role: "tablist", "aria-label": "Table" } }, tabButton("pairings", "Pairings"), tabButton("people", "People"));
  rovingFocus(tabs, "[role=tab]", { followFocus: true });

  let seq = 0;
  let loaded = false;
  async function load() {
    const mine = ++seq;
    let t: PeopleTable;
    try {
      t = await people(state.controls, { search: view.search, quiet_only: view.quietOnly, limit: 200 });
    } catch (e) {
      if (mine === seq && ctx.isCurrent()) results.replaceChildren(errorBox(e, () => void load()));
      return;
    }
    if (mine !== seq || !ctx.isCurrent()) return;
    summary.replaceChildren(
      `${thousands(t.pairings_in_scope)} pairings and ${thousands(t.people_in_scope)} people in view · `,
      t.quiet_in_scope
        ? h("strong", { class: "warn" }, `${thousands(t.quiet_in_scope)} quiet pairing${t.quiet_in_scope === 1 ? "" : "s"}`)
        : "no quiet pairings",
      t.as_of ? ` (no meeting in the 30 days up to ${longDate(t.as_of)})` : "",
    );
    results.replaceChildren(tables(t));
    if (loaded) announce(results.querySelector(".table-count")?.textContent ?? "");
    loaded = true;
  }

  let timer = 0;
  search.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      view.search = search.value;
      void load();
    }, 200);
  });
  quiet.addEventListener("change", () => {
    view.quietOnly = quiet.checked;
    void load();
  });

  root.append(
    pageHeader("People & pairings", summary),
    h(
      "div",
      { class: "toolbar" },
      search,
      h("label", { class: "check" }, quiet, "Only quiet pairings"),
    ),
    tabs,
    results,
  );
  await load();
}
