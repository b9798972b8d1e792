// First run: nothing imported yet. Two ways in: the user's own files, or
// the synthetic sample program.
import { loadSample } from "../api";
import { button, h } from "../dom";
import { errorBox, go, state, type ViewContext } from "../ui";

const KINDS: [string, string][] = [
  ["Roster", "from your HR system: employee ID, name, team, level, hire and exit dates"],
  ["Pairings", "who mentors whom, with cohort and start date"],
  ["Meeting log", "one row per mentoring session: date, mentor, mentee, duration, topics"],
  ["Surveys", "before and after, straight from Qualtrics, SurveyMonkey, Google or Microsoft Forms"],
  ["Milestones", "for example “First PR merged”, to measure ramp-up"],
  ["Team metrics", "weekly deployments and incidents per team"],
];

export async function renderWelcome(root: HTMLElement, ctx: ViewContext) {
  const msg = h("div", { class: "welcome-msg" });
  const sample = button(
    "Explore the sample program",
    async () => {
      sample.disabled = true;
      own.disabled = true;
      sample.textContent = "Importing the sample program…";
      msg.replaceChildren();
      try {
        state.status = await loadSample();
        ctx.refreshChrome();
        go("#/dashboard");
      } catch (e) {
        sample.disabled = false;
        own.disabled = false;
        sample.textContent = "Explore the sample program";
        msg.append(errorBox(e));
      }
    },
    "btn-secondary btn-large",
    { data: { test: "load-sample" } },
  );
  const own = button("Import your files", () => go("#/import"), "btn-primary btn-large", {
    data: { test: "start-import" },
  });
  root.append(
    h(
      "section",
      { class: "welcome" },
      h("h1", { attrs: { tabindex: "-1" } }, "See what your mentorship program changed"),
      h(
        "p",
        { class: "lead" },
        "Mentorscope turns the exports you already have into before-and-after evidence for leadership: satisfaction, ramp-up time, retention, team delivery and engagement — each with a plain verdict and how sure we can be.",
      ),
      h("div", { class: "welcome-actions" }, own, sample),
      msg,
      h(
        "p",
        { class: "muted small" },
        "The sample program is made up (no real people). It is added to this database; you can remove it later from Import history.",
      ),
      h(
        "div",
        { class: "welcome-kinds" },
        h("h2", null, "What to bring"),
        h(
          "ul",
          null,
          KINDS.map(([k, d]) => h("li", null, h("strong", null, k), h("span", null, d))),
        ),
        h(
          "p",
          { class: "muted small" },
          "Files stay on this computer. Mentorscope recognises each kind from its headers; you can check and correct every guess before anything is imported.",
        ),
      ),
    ),
  );
}
