// Generated from src/api/*.rs by `mentorscope::api::bindings::typescript()`.
// Do not edit: change the Rust types, then run
//   UPDATE_BINDINGS=1 cargo test --lib api::bindings

export type ErrorView = { 
/**
 * `io`, `not_a_table`, `unknown_kind`, `missing_column`, `row`,
 * `database`, `migration`, `not_found`, `invalid_argument`, `analysis`,
 * `busy`, `cancelled`, `clipboard`.
 */
code: string, message: string, };

export type SplitChoice = "mentored" | "hired_after_launch";

export type Controls = { cohort: string | null, team: string | null, level: string | null, date_from: string | null, date_to: string | null, launch: string | null, as_of: string | null, before_wave: string | null, after_wave: string | null, skill_before_wave: string | null, skill_after_wave: string | null, split: SplitChoice, milestone_kind: string | null, min_group_size: number | null, };

export type FilterChoices = { cohorts: Array<string>, teams: Array<string>, levels: Array<string>, 
/**
 * Survey waves in time order.
 */
waves: Array<string>, 
/**
 * Skill-assessment waves in time order (M8).
 */
skill_waves: Array<string>, milestone_kinds: Array<string>, 
/**
 * The earliest and latest dates in the data (bounds for date pickers).
 */
first_date: string | null, last_date: string | null, 
/**
 * Filter values that, with the other filters as chosen, would leave
 * survey figures hidden to protect respondents: the window greys them
 * out on the survey views, with the reason.
 */
survey_hidden: Array<HiddenFilter>, };

export type HiddenFilter = { 
/**
 * `cohort`, `team` or `level`.
 */
dimension: string, value: string, 
/**
 * Why, in one line ("fewer than 5 survey respondents with this filter").
 */
reason: string, };

export type ComparisonKind = "survey" | "ramp_up" | "retention" | "delivery" | "engagement" | "trends" | "cohorts" | "skills" | "comments";

export type VerdictView = { comparison: ComparisonKind, title: string, 
/**
 * `improved`, `worsened`, `no_clear_difference`, `too_few`, `no_data`,
 * `descriptive`.
 */
outcome: string, outcome_label: string, headline: string, caveats: Array<string>, };

export type Card = { 
/**
 * `participants`, `active_pairings`, `meetings_this_month`,
 * `satisfaction_change`, `ramp_up_change`, `retention_change`.
 */
id: string, label: string, 
/**
 * The big figure, formatted.
 */
figure: string, 
/**
 * The figure's value (for tests and screen readers), if there is one.
 */
value: number | null, 
/**
 * One line under the figure saying what it is made of.
 */
detail: string, 
/**
 * How sure we can be, in one sentence (the verdict's last clause).
 */
outcome: string | null, outcome_label: string | null, verdict: string | null, 
/**
 * The comparison this card opens.
 */
comparison: ComparisonKind | null, 
/**
 * Why the figure is withheld (a survey wave under the minimum group
 * size), so the window can say it is hidden on purpose.
 */
suppressed: string | null, };

export type ChartChoice = { 
/**
 * The chart's id (`satisfaction_items`, `ramp_up`, …).
 */
kind: string, label: string, comparison: ComparisonKind, };

export type Dashboard = { as_of: string | null, launch: string | null, 
/**
 * "Everyone in the data" or the filters in force, in words.
 */
scope: string, cards: Array<Card>, verdicts: Array<VerdictView>, data_quality: Array<string>, choices: FilterChoices, 
/**
 * Set when this is the dashboard saved at an earlier launch, shown
 * while the one for the data as it is now is worked out: why it may
 * be out of date, in words for the window's notice.
 */
provisional: string | null, };

export type ImportRecordView = { id: number, file_name: string, kind: string, kind_label: string, wave: string | null, rows_total: number, rows_imported: number, rows_skipped: number, rows_duplicate: number, 
/**
 * `YYYY-MM-DD HH:MM`.
 */
imported_at: string, };

export type StatusView = { db_path: string, 
/**
 * True when nothing has been imported: the window shows the first-run
 * screen.
 */
empty: boolean, people: number, pairings: number, meetings: number, survey_responses: number, survey_waves: Array<string>, milestones: number, team_metric_rows: number, 
/**
 * Newest first.
 */
imports: Array<ImportRecordView>, 
/**
 * Every chart, in review-pack order.
 */
charts: Array<ChartChoice>, };

export type StatCell = { text: string, values: Array<number>, key: string | null, 
/**
 * Why the number is not shown, when it is hidden on purpose (a group
 * under the minimum size); the cell keeps its key so a reader (or a
 * test) can tell a protected number from a missing one.
 */
suppressed: string | null, };

export type StatRow = { label: string, 
/**
 * A line under the label explaining it, if it needs one.
 */
hint: string | null, cells: Array<StatCell>, };

export type StatTable = { caption: string, columns: Array<string>, rows: Array<StatRow>, };

export type ChartView = { kind: string, label: string, 
/**
 * The finding, as the chart's title states it.
 */
title: string, subtitle: string, 
/**
 * SVG text; the window shows it through an `<img>`, never as markup.
 */
svg: string, has_data: boolean, 
/**
 * How to read the chart and what it shows.
 */
reading: string, 
/**
 * The chart in words: its finding and every number it plots (its
 * text alternative for screen readers), from the same analysis.
 */
description: string, };

export type Comparison = { kind: ComparisonKind, title: string, question: string, verdict: VerdictView, charts: Array<ChartView>, tables: Array<StatTable>, 
/**
 * Names of the controls that change this comparison.
 */
controls: Array<string>, as_of: string | null, launch: string | null, scope: string, choices: FilterChoices, };

export type PairingStatus = "quiet" | "active" | "upcoming" | "ended";

export type PairingRow = { mentor: string, mentor_id: string, mentee: string, mentee_id: string, cohort: string | null, start: string | null, end: string | null, meetings: number, last_meeting: string | null, status: PairingStatus, 
/**
 * "no meeting for 138 days" (quiet), "Active", "Ended", …
 */
status_text: string, };

export type PersonRow = { person_id: string, name: string, email: string | null, team: string | null, level: string | null, hire_date: string | null, exit_date: string | null, 
/**
 * "Mentor", "Mentee", "Mentor and mentee" or "—".
 */
role: string, pairings: number, };

export type PeopleQuery = { 
/**
 * Words to find in names, IDs, e-mails, teams, levels and cohorts.
 */
search: string, quiet_only: boolean, 
/**
 * At most this many rows of each table (default 200).
 */
limit: number | null, };

export type PeopleTable = { as_of: string | null, 
/**
 * Quiet pairings first, then active, upcoming, ended.
 */
pairings: Array<PairingRow>, 
/**
 * Pairings matching the search (before the limit).
 */
pairings_matching: number, pairings_in_scope: number, quiet_in_scope: number, people: Array<PersonRow>, people_matching: number, people_in_scope: number, };

export type KindChoice = { kind: string, label: string, };

export type FieldChoice = { field: string, label: string, required: boolean, column: string | null, };

export type FilePreview = { path: string, file: string, 
/**
 * The kind detected (or chosen, or remembered); `null` when unknown.
 */
kind: string | null, kind_label: string, kinds: Array<KindChoice>, 
/**
 * False when the user should check the kind or the columns.
 */
confident: boolean, 
/**
 * What needs the user's attention, in words.
 */
attention: Array<string>, shape_label: string, encoding: string, delimiter: string, columns: Array<string>, fields: Array<FieldChoice>, is_survey: boolean, 
/**
 * The survey wave guessed from the file name or remembered.
 */
wave: string | null, 
/**
 * The first rows, as text (shown with textContent only).
 */
sample_rows: Array<Array<string>>, 
/**
 * True when a mapping saved for files with these headers was applied.
 */
remembered: boolean, 
/**
 * Set when the file cannot be read at all; the rest is empty then.
 */
error: ErrorView | null, 
/**
 * The sheet shown, for a workbook.
 */
sheet: string | null, 
/**
 * A workbook's sheets, to switch the preview between.
 */
sheets: Array<SheetChoice>, 
/**
 * True for an attendance report or calendar: meetings, not rows.
 */
is_meetings_source: boolean, };

export type ImportRequest = { path: string, kind: string | null, 
/**
 * field → the file's header for it (only the fields the user set).
 */
columns: { [key in string]: string }, wave: string | null, 
/**
 * Save the kind, columns and wave for files with the same headers.
 */
remember: boolean, 
/**
 * The one sheet of a workbook to import (`null`: every recognised sheet).
 */
sheet: string | null, };

export type ImportProgress = { 
/**
 * 0-based index of the file being imported.
 */
file_index: number, file_count: number, file: string, 
/**
 * 0.0–1.0 through this file.
 */
fraction: number, };

export type ProblemView = { line: number | null, 
/**
 * Where in a workbook (`Sheet1!C14`); `null` for CSV files.
 */
place: string | null, column: string | null, value: string | null, 
/**
 * What is wrong and how to fix it.
 */
reason: string, 
/**
 * `skipped` or `warning`.
 */
severity: string, severity_label: string, };

export type ImportReportView = { import_id: number | null, file: string, 
/**
 * The workbook sheet this import read.
 */
sheet: string | null, 
/**
 * `teams`, `zoom`, `meet` or `calendar` for meetings from those.
 */
source: string | null, 
/**
 * Meetings that matched no pairing (kept; `rematch` tries them again).
 */
rows_unmatched: number, 
/**
 * Each meeting of an attendance report or calendar and what became of it.
 */
meetings: Array<MeetingView>, kind: string, kind_label: string, shape_label: string, encoding: string, delimiter: string, wave: string | null, rows_total: number, rows_imported: number, rows_skipped: number, rows_duplicate: number, already_imported_as: number | null, 
/**
 * One sentence: what happened to the rows.
 */
summary: string, 
/**
 * The first problems (all of them up to 5,000).
 */
problems: Array<ProblemView>, problems_total: number, };

export type ImportOutcome = { path: string, file: string, 
/**
 * The workbook sheet (one outcome per imported sheet).
 */
sheet: string | null, report: ImportReportView | null, error: ErrorView | null, 
/**
 * True when the user cancelled before this file started.
 */
cancelled: boolean, };

export type ProblemsExport = { import_id: number | null, file: string, problems: Array<ProblemView>, 
/**
 * The kind of file (`survey`, …) when there is no import to look up.
 */
kind: string | null, };

export type SheetChoice = { name: string, 
/**
 * False for hidden, empty and unrecognised sheets.
 */
importable: boolean, 
/**
 * Why it would not be imported; empty when it would.
 */
note: string, };

export type MeetingView = { started_at: string, title: string | null, attendees: number, 
/**
 * `mentor → mentee` of each pairing it counted for.
 */
pairings: Array<string>, 
/**
 * Why it matched no pairing; `null` when it matched.
 */
unmatched_because: string | null, };

export type PackRequest = { 
/**
 * Chart ids (`satisfaction_items`, …); empty means every chart.
 */
charts: Array<string>, png: boolean, svg: boolean, html: boolean, pdf: boolean, 
/**
 * Slides (`review.pptx`), every chart on its own slide.
 */
pptx: boolean, 
/**
 * The analyst's workbook (`review.xlsx`), every number.
 */
xlsx: boolean, program_name: string | null, 
/**
 * The folder to write into (created if needed).
 */
dir: string, 
/**
 * Replace people's names with stable pseudonyms, for a pack sent
 * beyond the program team.
 */
redact_names: boolean, };

export type PackProgress = { step: string, done: number, total: number, };

export type PackResult = { dir: string, 
/**
 * Paths relative to `dir`, `/`-separated.
 */
files: Array<string>, };

export type ChartFormat = "svg" | "png";

export type DocSpan = { text: string, 
/**
 * `plain`, `code`, `strong` or `em`.
 */
style: string, target: string | null, };

export type DocListItem = { 
/**
 * 0 for a top-level item, 1 for an item under it.
 */
level: number, spans: Array<DocSpan>, };

export type DocBlock = { "kind": "heading", level: number, text: string, 
/**
 * GitHub's anchor for the heading, so links written for the
 * repository's page work here too.
 */
anchor: string, } | { "kind": "paragraph", spans: Array<DocSpan>, } | { "kind": "list", items: Array<DocListItem>, } | { "kind": "code", text: string, } | { "kind": "table", header: Array<Array<DocSpan>>, rows: Array<Array<Array<DocSpan>>>, };

export type DocView = { title: string, 
/**
 * Where the document lives in the repository, for people who read it there.
 */
source: string, blocks: Array<DocBlock>, };

export type LicenceView = { name: string, id: string, packages: Array<string>, text: string, };

export type AboutView = { name: string, version: string, 
/**
 * SPDX expression of Mentorscope's own licence.
 */
licence: string, licence_text: string, 
/**
 * The program database this window works on (`None` in memory).
 */
database: string | null, schema_version: number, 
/**
 * Operating system and processor this build is for, e.g. `linux x86_64`.
 */
platform: string, third_party_packages: number, 
/**
 * One entry per licence, most used first.
 */
third_party: Array<LicenceView>, };

export type FrameworkChoice = { id: string, title: string, 
/**
 * How many skill areas (or questions) it rates.
 */
areas: number, };

export type TemplateRequest = { framework: string, wave: string, rater: string, long: boolean, };

export type TemplateWritten = { path: string, 
/**
 * Rows to fill in: people, or people × areas in the long shape.
 */
rows: number, areas: number, framework: string, };

export type SurveyItemView = { text: string, 
/**
 * `likert`, `numeric` or `zero_to_ten`.
 */
kind: string, 
/**
 * How the answers are read, for people: "Agreement, 5 levels",
 * "Numbers 0–10", "Numbers 1–5".
 */
read_as: string, 
/**
 * The survey waves that asked it, in import order.
 */
waves: Array<string>, reverse: boolean, 
/**
 * The declared scale of a numeric item (`"0-10"`), if any.
 */
scale: string | null, 
/**
 * Whether it counts in the satisfaction composite.
 */
in_composite: boolean, 
/**
 * Whether a scale can be declared (numeric and 0–10 items).
 */
can_declare_scale: boolean, 
/**
 * The scales the window offers for it.
 */
scale_choices: Array<string>, };

export type ItemMarkRequest = { text: string, reverse?: boolean, 
/**
 * `"0-10"` declares a scale, `""` withdraws it; left out, unchanged.
 */
scale?: string, };
