//! The README written beside the files: what is synthetic, how to regenerate, each file's
//! shape and quirks, the planted effects and the calibration; the measured truth figures are
//! appended from `report`.

pub fn readme(truth: &str) -> String {
    let mut s = String::new();
    s.push_str(
        r#"# Mentorscope sample data (synthetic)

**Everything in this folder is synthetic.** Names are drawn at random from small lists of
invented first and last names, e-mail addresses use the reserved `example.com` domain, IP
addresses come from the RFC 5737 documentation ranges. No row describes a real person, team or
company. The files imitate the exports a mentorship-program manager would collect, including
their quirks, so the importer and the analysis can be tested end to end.

Regenerate (from the repository root; byte-identical for the same seed and people count):

```sh
cargo run --release --example generate-sample -- --out sample-data
# options: --people N (default 300)  --seed S (default 20240101)  --out DIR (default sample-data)
```

The generator is `sample-data/generator/` (example `generate-sample`: `main.rs` and one module
per part — `people.rs`, `activity.rs`, `surveys.rs`, `delivery.rs`, `write.rs`, `report.rs` —
using the dev-dependencies rand 0.9, rand_chacha 0.9, rand_distr 0.5, csv 1, chrono 0.4). It
draws every value from ChaCha8 streams seeded from the one `u64` seed, each part of the data on
its own stream, and rewrites this README with the figures measured on the rows it wrote.

Key dates: program launch **2025-01-06** (earliest pairing start; exactly one pairing starts that
day), data horizon **2026-06-30** (no event after it). Survey waves: baseline December 2024,
3-month April 2025, 12-month January 2026, post June 2026; Mentorscope names them from the file
names (`pre`, `3-month`, `12-month`, `post`) and orders them by date, so its default before/after
comparison is baseline vs post and its trend shows all four.

## Files

| file | encoding, line ends | shape and quirks |
| --- | --- | --- |
| `roster.csv` | UTF-8 **with BOM**, CRLF | HR export. `Employee ID,Full Name,Work Email,Department,Job Level,Hire Date,Termination Date`. IDs `E00001`… in hire order. Six departments: `Platform`, `Payments`, `Mobile`, `Data`, `Équipe Données`, `R&D "Labs"` (the last CSV-quoted as `"R&D ""Labs"""`). Levels `L1`–`L5`. US dates `M/D/YYYY` without leading zeros; hires between 2022-01-01 and 2025-12-31 (weekdays), ~40% on/after launch; Termination Date blank or after hire and ≤ 6/30/2026. Non-ASCII names (`Zoë`, `José`, `Łukasz`, `Aino Mäkinen`, `Núñez`, `Søndergaard`); e-mails `first.last@example.com`, accents folded, duplicates numbered (`first.last2@…`). |
| `pairings.csv` | UTF-8, LF | `Mentor Email,Mentee Email,Cohort,Format,Start Date,End Date`, ISO dates, End Date blank while open. Cohorts `2025-Spring`, `2025-Fall`, `2026-Spring` (named from the start date: Jan–Jun Spring, Jul–Dec Fall). **Format** `In-house` (70% of mentees) or `External`, per mentee: all of a mentee's pairings share it. Mentors are L3–L5 with at most 3 overlapping mentees; mentees mostly L1–L2 recent hires (a few recent L3s). New hires are paired 3–21 days after their hire date; earlier staff joined an intake. About 18% of **mentor** addresses are messy: stray capitals and leading/trailing spaces (` Ana.Silva@Example.com`, `JOSE.NUNEZ@EXAMPLE.COM`, `x.y@example.com `). A pairing ends when planned, when either side leaves; a mentee whose mentor left is re-paired (so a mentee can appear on 2–3 rows). |
| `meetings.csv` | UTF-8, LF | Calendar export. `Meeting Date,Mentor,Mentee,Duration (min),Topics,Notes`. Meeting Date `YYYY-MM-DD HH:MM`, weekdays, between pairing start and min(End Date, 2026-06-30), in-house pairs every 2–3 weeks, external pairs every 3–5 weeks, with holiday gaps and cancellations. Mentor/Mentee are lower-case e-mails. Duration mostly 30/45/60 (a few 20/25/90). Topics, 1–3 per meeting joined with `; `, sometimes lower-cased (`code review`), from the program's skill areas and career topics: `API design; Database modeling; Caching; Observability; Incident response; Code review; Testing; Career growth; Communication; Promotion`. Notes are free text, ~30% blank, some with commas, double quotes or line breaks inside a quoted field; one note is exactly `<script>alert(1)</script>` and one is exactly `=SUM(A1:A2)` (both must stay inert text). Two rows name the off-roster mentee `ghost.person@example.com`. |
| `survey-pre.csv` | UTF-8, no BOM, CRLF | Qualtrics export with **3 header rows**: column IDs (`StartDate`…`UserLanguage`,`Q1`…`Q7`), question texts, and ImportIds as JSON (`"{""ImportId"":""startDate""}"`, … `QID1` … `QID6`, `QID7_TEXT`). Baseline wave, December 2024. Dates `YYYY-MM-DD HH:MM:SS`; `ResponseId` `R_` + 15 alphanumerics; `Status` `IP Address`; `Finished` `True`/`False` (a few abandoned responses with Progress < 100 and the later answers blank); `ExternalReference` empty; `RecipientEmail` the roster address. Q1–Q5 agreement labels (`Strongly disagree` … `Strongly agree`), Q6 0–10, Q7 free text (often blank). About 3% of items skipped. |
| `survey-3-month.csv` | UTF-8, no BOM, CRLF | **Google Forms** responses downloaded from Sheets: one header row, `Timestamp` first (`M/D/YYYY H:MM:SS`, 24-hour, no leading zeros), `Email Address` (collected, lower-case), then one column per question titled with its text: the five statements (answers `Strongly disagree` … `Strongly agree`), the 0–10 recommendation question and the open question. 3-month wave, April 2025, oldest first. One person submitted twice a few minutes apart, changing one answer (both rows are in the file, as in a real sheet). |
| `survey-12-month.csv` | **Windows-1252**, CRLF | **Microsoft Forms** responses saved from Excel as CSV: `ID,Start time,Completion time,Email,Name,Last modified time`, then the statements (answers `Strongly disagree`, `Disagree`, `Neutral`, `Agree`, `Strongly agree`), the 0–10 question and the open question. 12-month wave, January 2026. Times `M/D/YYYY H:MM` without seconds; IDs 1… in completion order; about 30% of e-mails title-cased (`Aino.Makinen@Example.com`); two responses came through the anonymous link (`Email` = `anonymous`, `Name` blank). Names and answers in Windows-1252 (`Zoë` is byte 0xEB, curly apostrophes 0x92, en dash 0x96); a letter the code page lacks is written `?` as Excel does (`Łukasz` → `?ukasz`). `Last modified time` is empty. |
| `survey-post.csv` | UTF-8, LF | SurveyMonkey export with **2 header rows**: row 1 question headings (the agreement matrix heading spans five columns, the four after it empty), row 2 sub-headings (nine blanks, the five statements, `Response`, `Open-Ended Response`). Post wave, June 2026, newest first. Respondent ID 11 digits, Collector ID 9 digits, dates `MM/DD/YYYY hh:mm:ss AM/PM`. About 15% of Email Address values have capitals (`Aino.Makinen@Example.com`). One response comes from an address not on the roster (`robin.tempworth@example.com`). |
| `milestones.csv` | UTF-8, LF | `Employee ID,Milestone,Date` (ISO). Only people hired on/after 2024-01-01. `First PR merged` (most rows) and `First on-call shift` (fewer, later). Right-censored: no row when the event falls after 2026-06-30 or after the person left, and ~4% never get there. |
| `team-metrics.csv` | **Windows-1252**, CRLF, `;`-separated, decimal commas | European Excel export. `Team;Week Start;Deployments;Incidents;MTTR (hours);Change Failure Rate`. One row per team per Monday, 01/07/2024 … 29/06/2026, Week Start **day-first** `DD/MM/YYYY`. `Équipe Données` is encoded as byte 0xC9 / 0xE9 (not UTF-8). MTTR like `3,5`, blank when the week had no incident; Change Failure Rate = incidents/deployments like `0,12`, blank when there were no deployments. |
| `skills.csv` | UTF-8, LF | Skill assessments, long shape: `Employee ID,Wave,Assessment Date,Skill Area,Rating,Rater`. The eleven *Senior backend* areas, rated `Novice` … `Expert` by the person (`Self`) and, for mentees, by their mentor (`Mentor`). Waves `pre` (January 2025, or within two weeks of a later pairing start) and `post` (June 2026), ISO dates. Mentees paired by the end of 2025 and, for comparison, other L1–L3 staff employed at both waves. |

## Planted effects

Inputs to the generator (what the analysis should recover):

- **Who is mentored (the selection effect)**: mentees are half of the eligible juniors (L1–L2
  hired since mid-2023) plus a few recent L3s, so they are far more junior than everybody else.
  Juniors ramp up slower and leave more whether mentored or not, so a raw mentored-vs-not
  comparison mixes the program's effect with who the mentees are.
- **Ramp-up**: days from hire to `First PR merged` are log-normal with median **85 / 70 / 55 /
  45 / 40** days for L1 … L5; a hire paired during onboarding (within 30 days of hire, on/after
  launch) takes **× 0.8** of that within the level. People hired in 2024 who joined an intake
  ramped up before they were paired: no effect for them.
- **Retention**: within 12 months of the index date exactly round(p·n) of each (mentee, level)
  group leave, p = **26 / 22 / 12 / 9 / 7%** for L1 … L5 and **× 0.55** of that for mentees
  (so about 14 / 12% of junior mentees vs 26 / 22% of other juniors); later leavers at half
  that rate.
- **Survey**: every person has a latent engagement level; on the 1–5 composite (mean of Q1–Q5)
  mentees paired by the wave answer **+0.15** (3-month), **+0.35** (12-month) and **+0.5** (post)
  above baseline, everybody else **+0.03 / +0.07 / +0.1**; the 0–10 recommendation score moves
  with it, so **eNPS rises**, more for mentees.
- **Open answers** (the open question of every wave, from their own streams, ~45% blank): at
  baseline mostly an unclear growth path, hard-to-get feedback and confusing onboarding; mentees
  paired by the wave mostly write about their mentor, the 1:1s, a clearer growth path and code
  review help (55% / 75% / 85% of their answers at 3 / 12 months / post), the others less and
  less about the baseline troubles. Meeting notes do not shift.
- **Program formats**: `External` pairs meet every 3–5 weeks, `In-house` pairs every 2–3 weeks,
  so external pairings have fewer meetings; outcomes do not depend on the format.
- **Topic coverage**: each meeting's 1–3 topics are drawn without replacement with weights
  Code review 24, Testing 18, Career growth 16, API design 12, Incident response 9,
  Observability 6, Communication 6, Database modeling 4, Promotion 3, Caching 2: code review
  and testing are covered far more than caching or database modeling.
- **Delivery**: from the week of 2025-01-06 on, deployments per team-week are **+15%**
  (Poisson), the change failure rate drops from **0.15 to 0.10** (binomial incidents per
  deployment) and the median time to restore drops **20%** (log-normal, 4.0 h → 3.2 h).
- **Quiet pairings**: about 20% of the open pairings that started before 2026-02 stop meeting
  61–150 days before 2026-06-30.
- **Data-quality wrinkles**: two meetings name `ghost.person@example.com` (not on the roster);
  one post-survey response comes from `robin.tempworth@example.com` (not on the roster); messy
  mentor e-mails in `pairings.csv`; capitalised e-mails in `survey-post.csv` and
  `survey-12-month.csv`; a double submission in `survey-3-month.csv`; two anonymous responses in
  `survey-12-month.csv`; one HTML/script note and one spreadsheet-formula note in `meetings.csv`.

So that a 300-person sample shows the effects as planted rather than blurred by chance, the
generator calibrates after drawing: the 12-month leavers are an exact share of each (mentee,
level) group, each (mentored hire, level) group's drawn ramp-up delays are rescaled to the
planted median, exactly 70% of mentees are in-house, the delivery totals are nudged to the exact
ratios, MTTR is rescaled per period, and survey engagement is centred within each response
pattern, with each later wave's answers re-drawn (deterministically) until its measured changes
since baseline sit within 0.06 of the planted ones (or the closest of 400 draws). Individual rows
stay random.

- **Skills (M8)**: a person's latent skill per area is 1.4 + 0.45 × level plus noise; by the
  post wave it rises by **0.1** of a level for everyone, and for a mentee by a further **3 × the
  share of their meetings whose topics named the area × (months paired, up to 12) / 12** — so
  growth follows what the meetings covered most (API design and incident response most,
  caching hardly at all; areas no meeting names only by the 0.1). Self-ratings run 0.25 high
  with more noise (sd 0.45) than the mentor's (sd 0.35); both are rounded to Novice … Expert.

## Truth figures (measured on the generated rows)

"#,
    );
    s.push_str(truth);
    s
}
