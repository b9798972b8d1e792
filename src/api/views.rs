//! The dashboard (headline cards and verdicts) and one view per comparison
//! (its charts, its numbers with n, estimates, CI and p, the verdict and
//! caveats). Each number is shown as text and carried as a value with the
//! `analyze --json` key it came from, so a test can check the window against
//! the CLI.

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::program::{FilterChoices, Program};
use super::{date_text, p_text, Controls};
use crate::analysis::{Analysis, AnalysisOptions, Verdict};
use crate::charts::theme::{num, pct, signed, signed_pct, thousands};
use crate::charts::{self, ChartKind};
use crate::error::Result;
use crate::report::{self, ReportOptions};
use crate::store::Store;

/// The comparisons, one view each.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonKind {
    Survey,
    RampUp,
    Retention,
    Delivery,
    Engagement,
}

impl ComparisonKind {
    pub const ALL: [ComparisonKind; 5] = [
        ComparisonKind::Survey,
        ComparisonKind::RampUp,
        ComparisonKind::Retention,
        ComparisonKind::Delivery,
        ComparisonKind::Engagement,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ComparisonKind::Survey => "Satisfaction",
            ComparisonKind::RampUp => "Ramp-up",
            ComparisonKind::Retention => "Retention",
            ComparisonKind::Delivery => "Team delivery",
            ComparisonKind::Engagement => "Engagement",
        }
    }

    fn question(self) -> &'static str {
        match self {
            ComparisonKind::Survey => {
                "Did people rate their support and growth higher after the program than before?"
            }
            ComparisonKind::RampUp => {
                "Do mentored people reach their first milestone sooner than others?"
            }
            ComparisonKind::Retention => {
                "Are mentored people more likely to still be here a year after they were hired?"
            }
            ComparisonKind::Delivery => {
                "Did teams ship more often, and break less, after the program launched?"
            }
            ComparisonKind::Engagement => "Are the pairings meeting, and what do they talk about?",
        }
    }

    fn charts(self) -> &'static [ChartKind] {
        match self {
            ComparisonKind::Survey => &[
                ChartKind::SatisfactionItems,
                ChartKind::SatisfactionDistribution,
                ChartKind::Enps,
            ],
            ComparisonKind::RampUp => &[ChartKind::RampUp],
            ComparisonKind::Retention => &[ChartKind::Retention],
            ComparisonKind::Delivery => &[ChartKind::Delivery],
            ComparisonKind::Engagement => &[
                ChartKind::MeetingsPerMonth,
                ChartKind::PairEngagement,
                ChartKind::TopicCoverage,
            ],
        }
    }

    /// Which controls change this comparison.
    fn controls(self) -> &'static [&'static str] {
        match self {
            ComparisonKind::Survey => &["before_wave", "after_wave", "min_group_size"],
            ComparisonKind::RampUp => &["split", "milestone_kind", "launch", "as_of"],
            ComparisonKind::Retention => &["split", "launch", "as_of"],
            ComparisonKind::Delivery => &["launch"],
            ComparisonKind::Engagement => &["as_of"],
        }
    }

    fn verdict(self, a: &Analysis) -> &Option<Verdict> {
        match self {
            ComparisonKind::Survey => &a.verdicts.survey,
            ComparisonKind::RampUp => &a.verdicts.ramp_up,
            ComparisonKind::Retention => &a.verdicts.retention,
            ComparisonKind::Delivery => &a.verdicts.delivery,
            ComparisonKind::Engagement => &a.verdicts.engagement,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct VerdictView {
    pub comparison: ComparisonKind,
    pub title: String,
    /// `improved`, `worsened`, `no_clear_difference`, `too_few`, `no_data`,
    /// `descriptive`.
    pub outcome: String,
    pub outcome_label: String,
    pub headline: String,
    pub caveats: Vec<String>,
}

fn outcome_label(outcome: &str) -> &'static str {
    match outcome {
        "improved" => "Improved",
        "worsened" => "Worsened",
        "no_clear_difference" => "No clear difference",
        "too_few" => "Too few to tell",
        "no_data" => "No data yet",
        "descriptive" => "Activity",
        _ => "See details",
    }
}

fn verdict_view(kind: ComparisonKind, a: &Analysis) -> VerdictView {
    let (outcome, headline, caveats) = match kind.verdict(a) {
        Some(v) => (v.outcome.clone(), v.headline.clone(), v.caveats.clone()),
        None => (
            "no_data".to_string(),
            "There is not enough data for this comparison yet.".to_string(),
            Vec::new(),
        ),
    };
    VerdictView {
        comparison: kind,
        title: kind.title().into(),
        outcome_label: outcome_label(&outcome).into(),
        outcome,
        headline,
        caveats,
    }
}

/// One headline card.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Card {
    /// `participants`, `active_pairings`, `meetings_this_month`,
    /// `satisfaction_change`, `ramp_up_change`, `retention_change`.
    pub id: String,
    pub label: String,
    /// The big figure, formatted.
    pub figure: String,
    /// The figure's value (for tests and screen readers), if there is one.
    pub value: Option<f64>,
    /// One line under the figure saying what it is made of.
    pub detail: String,
    /// How sure we can be, in one sentence (the verdict's last clause).
    pub outcome: Option<String>,
    pub outcome_label: Option<String>,
    pub verdict: Option<String>,
    /// The comparison this card opens.
    pub comparison: Option<ComparisonKind>,
    /// Why the figure is withheld (a survey wave under the minimum group
    /// size), so the window can say it is hidden on purpose.
    pub suppressed: Option<String>,
}

/// A chart the review pack can contain.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ChartChoice {
    /// The chart's id (`satisfaction_items`, `ramp_up`, …).
    pub kind: String,
    pub label: String,
    pub comparison: ComparisonKind,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Dashboard {
    pub as_of: Option<String>,
    pub launch: Option<String>,
    /// "Everyone in the data" or the filters in force, in words.
    pub scope: String,
    pub cards: Vec<Card>,
    pub verdicts: Vec<VerdictView>,
    pub data_quality: Vec<String>,
    pub choices: FilterChoices,
}

/// Import history as the window lists it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportRecordView {
    pub id: i64,
    pub file_name: String,
    pub kind: String,
    pub kind_label: String,
    pub wave: Option<String>,
    pub rows_total: i64,
    pub rows_imported: i64,
    pub rows_skipped: i64,
    pub rows_duplicate: i64,
    /// `YYYY-MM-DD HH:MM`.
    pub imported_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct StatusView {
    pub db_path: String,
    /// True when nothing has been imported: the window shows the first-run
    /// screen.
    pub empty: bool,
    pub people: i64,
    pub pairings: i64,
    pub meetings: i64,
    pub survey_responses: i64,
    pub survey_waves: Vec<String>,
    pub milestones: i64,
    pub team_metric_rows: i64,
    /// Newest first.
    pub imports: Vec<ImportRecordView>,
    /// Every chart, in review-pack order.
    pub charts: Vec<ChartChoice>,
}

pub(crate) fn kind_label(kind: &str) -> String {
    match kind {
        "roster" => "Roster",
        "pairings" => "Pairings",
        "meetings" => "Meeting log",
        "survey" => "Survey",
        "milestones" => "Milestones",
        "team_metrics" => "Team metrics",
        other => other,
    }
    .to_string()
}

fn chart_comparison(k: ChartKind) -> ComparisonKind {
    ComparisonKind::ALL
        .into_iter()
        .find(|c| c.charts().contains(&k))
        .unwrap_or(ComparisonKind::Engagement)
}

pub(crate) fn chart_id(k: ChartKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(crate) fn chart_from_id(id: &str) -> Option<ChartKind> {
    ChartKind::ALL.into_iter().find(|k| chart_id(*k) == id)
}

pub fn status_view(store: &Store) -> Result<StatusView> {
    let s = store.status()?;
    let mut imports: Vec<ImportRecordView> = s
        .imports
        .into_iter()
        .map(|i| ImportRecordView {
            id: i.id,
            kind_label: kind_label(&i.kind),
            kind: i.kind,
            file_name: i.file_name,
            wave: i.wave,
            rows_total: i.rows_total,
            rows_imported: i.rows_imported,
            rows_skipped: i.rows_skipped,
            rows_duplicate: i.rows_duplicate,
            imported_at: i.imported_at.replace('T', " ").chars().take(16).collect(),
        })
        .collect();
    imports.reverse();
    Ok(StatusView {
        db_path: store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "(in memory)".into()),
        empty: imports.is_empty(),
        people: s.people,
        pairings: s.pairings,
        meetings: s.meetings,
        survey_responses: s.survey_responses,
        survey_waves: s.survey_waves,
        milestones: s.milestones,
        team_metric_rows: s.team_metric_rows,
        imports,
        charts: ChartKind::ALL
            .into_iter()
            .map(|k| ChartChoice {
                kind: chart_id(k),
                label: k.label().into(),
                comparison: chart_comparison(k),
            })
            .collect(),
    })
}

fn scope_text(o: &AnalysisOptions) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &o.cohort {
        parts.push(format!("cohort {c}"));
    }
    if let Some(t) = &o.team {
        parts.push(format!("team {t}"));
    }
    if let Some(l) = &o.level {
        parts.push(format!("level {l}"));
    }
    match (o.date_from, o.date_to) {
        (Some(f), Some(t)) => parts.push(format!(
            "{} to {}",
            charts::date_long(f),
            charts::date_long(t)
        )),
        (Some(f), None) => parts.push(format!("from {}", charts::date_long(f))),
        (None, Some(t)) => parts.push(format!("up to {}", charts::date_long(t))),
        (None, None) => {}
    }
    if parts.is_empty() {
        "Everyone in the data".into()
    } else {
        let s = parts.join(", ");
        format!("Only {s}")
    }
}

/// The card's line under the figure: the verdict's closing clause (how
/// sure we can be), since the figure and detail already give the numbers.
/// The whole verdict is in the list below the cards.
fn how_sure(headline: &str) -> String {
    match headline.rsplit_once("; ") {
        Some((_, tail)) if tail.len() > 12 => super::upper_first(tail),
        _ => headline.to_string(),
    }
}

fn days(d: Option<f64>) -> String {
    d.map(|d| format!("{d:.0} days"))
        .unwrap_or_else(|| "not reached".into())
}

/// The dashboard for these controls.
pub fn dashboard(program: &Program, controls: &Controls) -> Result<Dashboard> {
    let opts = controls.to_options()?;
    let a = program.analysis(&opts)?;
    let a = a.as_ref();
    let mut cards = Vec::new();

    let scoped = program.pairings_in_scope(&opts);
    let mut people = std::collections::HashSet::new();
    for &i in &scoped {
        let p = &program.data.pairings[i];
        people.insert(p.mentor);
        people.insert(p.mentee);
    }
    let mentees: std::collections::HashSet<_> = scoped
        .iter()
        .map(|&i| program.data.pairings[i].mentee)
        .collect();
    cards.push(Card {
        id: "participants".into(),
        label: "Participants".into(),
        figure: thousands(people.len() as u64),
        value: Some(people.len() as f64),
        detail: format!(
            "{} mentees and {} mentors in {} pairings",
            thousands(mentees.len() as u64),
            thousands(
                scoped
                    .iter()
                    .map(|&i| program.data.pairings[i].mentor)
                    .collect::<std::collections::HashSet<_>>()
                    .len() as u64
            ),
            thousands(scoped.len() as u64)
        ),
        outcome: None,
        outcome_label: None,
        verdict: None,
        comparison: None,
        suppressed: None,
    });

    let e = &a.engagement;
    let quiet = e.quiet_pairs.len();
    cards.push(Card {
        id: "active_pairings".into(),
        label: "Active pairings".into(),
        figure: thousands(e.active_pairs as u64),
        value: Some(e.active_pairs as f64),
        detail: if quiet == 0 {
            format!(
                "all {} met in the last 30 days",
                thousands(e.active_pairs_met_last_30d as u64)
            )
        } else {
            format!(
                "{} met in the last 30 days; {} quiet",
                thousands(e.active_pairs_met_last_30d as u64),
                thousands(quiet as u64)
            )
        },
        outcome: Some(
            if quiet > 0 {
                "attention"
            } else {
                "descriptive"
            }
            .into(),
        ),
        outcome_label: Some(
            if quiet > 0 {
                "Some need a nudge"
            } else {
                "Activity"
            }
            .into(),
        ),
        verdict: None,
        comparison: Some(ComparisonKind::Engagement),
        suppressed: None,
    });

    let (month_key, month_label) = match a.as_of {
        Some(d) => (
            format!("{:04}-{:02}", d.year(), d.month()),
            format!(
                "in {} (1–{} {})",
                d.format("%B %Y"),
                d.day(),
                d.format("%b")
            ),
        ),
        None => (String::new(), "no meetings yet".into()),
    };
    let this_month = e
        .meetings_per_month
        .iter()
        .find(|m| m.month == month_key)
        .map(|m| m.meetings)
        .unwrap_or(0);
    cards.push(Card {
        id: "meetings_this_month".into(),
        label: "Meetings this month".into(),
        figure: thousands(this_month),
        value: Some(this_month as f64),
        detail: month_label,
        outcome: None,
        outcome_label: None,
        verdict: None,
        comparison: Some(ComparisonKind::Engagement),
        suppressed: None,
    });

    let u = &a.survey_unpaired;
    let v = verdict_view(ComparisonKind::Survey, a);
    let (figure, value, detail) = match (u.suppressed, u.diff, u.mean_before, u.mean_after) {
        (true, _, _, _) => (
            "Hidden".into(),
            None,
            format!(
                "fewer than {} respondents in a wave, so results are not shown",
                a.min_group_size
            ),
        ),
        (false, Some(d), Some(b), Some(af)) => (
            signed(d, 2),
            Some(d),
            format!(
                "{} → {} out of 5 ({} → {} responses)",
                num(b, 2),
                num(af, 2),
                thousands(u.n_before as u64),
                thousands(u.n_after as u64)
            ),
        ),
        _ => (
            "—".into(),
            None,
            "needs a before and an after survey".into(),
        ),
    };
    cards.push(Card {
        id: "satisfaction_change".into(),
        label: "Satisfaction change".into(),
        figure,
        value,
        detail,
        outcome: Some(v.outcome.clone()),
        outcome_label: Some(v.outcome_label.clone()),
        verdict: Some(how_sure(&v.headline)),
        comparison: Some(ComparisonKind::Survey),
        suppressed: u.suppressed.then(|| {
            format!(
                "fewer than {} respondents in a survey wave",
                a.min_group_size
            )
        }),
    });

    let r = &a.ramp_up;
    let v = verdict_view(ComparisonKind::RampUp, a);
    let ramp_diff = match (r.mentored.km_median_days, r.not_mentored.km_median_days) {
        (Some(m), Some(n)) => Some(m - n),
        _ => None,
    };
    cards.push(Card {
        id: "ramp_up_change".into(),
        label: "Ramp-up time".into(),
        figure: ramp_diff
            .map(|d| format!("{} days", signed(d, 0)))
            .unwrap_or_else(|| "—".into()),
        value: ramp_diff,
        detail: format!(
            "median {} ({}) vs {} ({})",
            days(r.mentored.km_median_days),
            r.group_labels[0].to_lowercase(),
            days(r.not_mentored.km_median_days),
            r.group_labels[1].to_lowercase()
        ),
        outcome: Some(v.outcome.clone()),
        outcome_label: Some(v.outcome_label.clone()),
        verdict: Some(how_sure(&v.headline)),
        comparison: Some(ComparisonKind::RampUp),
        suppressed: None,
    });

    let t = &a.retention;
    let v = verdict_view(ComparisonKind::Retention, a);
    let ret_diff = match (t.mentored.retained_365, t.not_mentored.retained_365) {
        (Some(m), Some(n)) => Some(m - n),
        _ => None,
    };
    let p = |x: Option<f64>| x.map(pct).unwrap_or_else(|| "—".into());
    cards.push(Card {
        id: "retention_change".into(),
        label: "12-month retention".into(),
        figure: ret_diff
            .map(|d| format!("{} pts", signed(d * 100.0, 0)))
            .unwrap_or_else(|| "—".into()),
        value: ret_diff,
        detail: format!(
            "{} ({}) vs {} ({}) still here after a year",
            p(t.mentored.retained_365),
            t.group_labels[0].to_lowercase(),
            p(t.not_mentored.retained_365),
            t.group_labels[1].to_lowercase()
        ),
        outcome: Some(v.outcome.clone()),
        outcome_label: Some(v.outcome_label.clone()),
        verdict: Some(how_sure(&v.headline)),
        comparison: Some(ComparisonKind::Retention),
        suppressed: None,
    });

    Ok(Dashboard {
        as_of: date_text(a.as_of),
        launch: date_text(a.launch),
        scope: scope_text(&opts),
        cards,
        verdicts: ComparisonKind::ALL
            .into_iter()
            .map(|k| verdict_view(k, a))
            .collect(),
        data_quality: a.data_quality.notes.clone(),
        choices: program.choices(),
    })
}

/// One number in a table: its text, its value(s), and its `analyze --json`
/// key (dotted path) when it comes straight from there.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct StatCell {
    pub text: String,
    pub values: Vec<f64>,
    pub key: Option<String>,
    /// Why the number is not shown, when it is hidden on purpose (a group
    /// under the minimum size); the cell keeps its key so a reader (or a
    /// test) can tell a protected number from a missing one.
    pub suppressed: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct StatRow {
    pub label: String,
    /// A line under the label explaining it, if it needs one.
    pub hint: Option<String>,
    pub cells: Vec<StatCell>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct StatTable {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<StatRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ChartView {
    pub kind: String,
    pub label: String,
    /// The finding, as the chart's title states it.
    pub title: String,
    pub subtitle: String,
    /// SVG text; the window shows it through an `<img>`, never as markup.
    pub svg: String,
    pub has_data: bool,
    /// How to read the chart and what it shows.
    pub reading: String,
    /// The chart in words: the finding and every number it plots (its text
    /// alternative for screen readers), from the same analysis.
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Comparison {
    pub kind: ComparisonKind,
    pub title: String,
    pub question: String,
    pub verdict: VerdictView,
    pub charts: Vec<ChartView>,
    pub tables: Vec<StatTable>,
    /// Names of the controls that change this comparison.
    pub controls: Vec<String>,
    pub as_of: Option<String>,
    pub launch: Option<String>,
    pub scope: String,
    pub choices: FilterChoices,
}

fn cell(text: impl Into<String>, value: Option<f64>, key: &str) -> StatCell {
    StatCell {
        text: text.into(),
        values: value.into_iter().collect(),
        key: Some(key.into()),
        suppressed: None,
    }
}

fn opt_num(x: Option<f64>, decimals: usize, key: &str) -> StatCell {
    cell(
        x.map(|x| num(x, decimals)).unwrap_or_else(|| "—".into()),
        x,
        key,
    )
}

fn count(n: usize, key: &str) -> StatCell {
    cell(thousands(n as u64), Some(n as f64), key)
}

fn p_cell(p: Option<f64>, key: &str) -> StatCell {
    cell(p_text(p), p, key)
}

fn ci_cell(ci: Option<[f64; 2]>, decimals: usize, key: &str) -> StatCell {
    match ci {
        Some([lo, hi]) => StatCell {
            text: format!("{} to {}", signed(lo, decimals), signed(hi, decimals)),
            values: vec![lo, hi],
            key: Some(key.into()),
            suppressed: None,
        },
        None => cell("—", None, key),
    }
}

fn plain(text: impl Into<String>) -> StatCell {
    StatCell {
        text: text.into(),
        values: Vec::new(),
        key: None,
        suppressed: None,
    }
}

fn row(label: &str, hint: Option<&str>, cells: Vec<StatCell>) -> StatRow {
    StatRow {
        label: label.into(),
        hint: hint.map(str::to_string),
        cells,
    }
}

/// A number withheld because its group is under the minimum size `k`:
/// no value, the reason, and still the key of the number it stands for.
fn hidden(k: usize, of: StatCell, reason: String) -> StatCell {
    StatCell {
        text: format!("hidden (fewer than {k})"),
        values: Vec::new(),
        key: of.key,
        suppressed: Some(reason),
    }
}

fn survey_tables(a: &Analysis) -> Vec<StatTable> {
    let u = &a.survey_unpaired;
    let k = a.min_group_size;
    let before = u.before_wave.clone().unwrap_or_else(|| "before".into());
    let after = u.after_wave.clone().unwrap_or_else(|| "after".into());
    let sup = u.suppressed;
    let wave_reason = || format!("fewer than {k} respondents in a survey wave");
    let or_hidden = |c: StatCell| if sup { hidden(k, c, wave_reason()) } else { c };
    let mut tables = vec![
        StatTable {
            caption: "All responses, before vs after".into(),
            columns: vec![
                String::new(),
                format!("Before ({before})"),
                format!("After ({after})"),
                "Change".into(),
            ],
            rows: vec![
                row(
                    "Responses",
                    None,
                    vec![
                        count(u.n_before, "survey_unpaired.n_before"),
                        count(u.n_after, "survey_unpaired.n_after"),
                        plain(""),
                    ],
                ),
                row(
                    "Average satisfaction",
                    Some("mean of each person's answers, on a 1–5 scale"),
                    vec![
                        or_hidden(opt_num(u.mean_before, 2, "survey_unpaired.mean_before")),
                        or_hidden(opt_num(u.mean_after, 2, "survey_unpaired.mean_after")),
                        or_hidden(cell(
                            u.diff.map(|d| signed(d, 2)).unwrap_or_else(|| "—".into()),
                            u.diff,
                            "survey_unpaired.diff",
                        )),
                    ],
                ),
                row(
                    "Spread (standard deviation)",
                    None,
                    vec![
                        or_hidden(opt_num(u.sd_before, 2, "survey_unpaired.sd_before")),
                        or_hidden(opt_num(u.sd_after, 2, "survey_unpaired.sd_after")),
                        plain(""),
                    ],
                ),
            ],
        },
        StatTable {
            caption: "Is the change more than chance?".into(),
            columns: vec!["Test".into(), "Result".into(), "p-value".into()],
            rows: vec![
                row(
                    "95% confidence interval of the change",
                    Some("the range the true change most likely lies in"),
                    vec![
                        or_hidden(ci_cell(u.ci95, 2, "survey_unpaired.ci95")),
                        plain(""),
                    ],
                ),
                row(
                    "Welch's t-test",
                    None,
                    vec![
                        or_hidden(cell(
                            match (u.welch_t, u.welch_df) {
                                (Some(t), Some(df)) => {
                                    format!("t = {}, df = {}", num(t, 2), num(df, 1))
                                }
                                _ => "—".into(),
                            },
                            u.welch_t,
                            "survey_unpaired.welch_t",
                        )),
                        or_hidden(p_cell(u.welch_p, "survey_unpaired.welch_p")),
                    ],
                ),
                row(
                    "Mann–Whitney U test",
                    Some("does not assume answers are evenly spaced"),
                    vec![
                        plain(""),
                        or_hidden(p_cell(u.mann_whitney_p, "survey_unpaired.mann_whitney_p")),
                    ],
                ),
                row(
                    "Effect size (Cohen's d)",
                    Some("0.2 small, 0.5 medium, 0.8 large"),
                    vec![
                        or_hidden(opt_num(u.cohens_d, 2, "survey_unpaired.cohens_d")),
                        plain(""),
                    ],
                ),
            ],
        },
    ];
    let p = &a.survey_paired;
    let psup = p.suppressed;
    let por = |c: StatCell| {
        if psup {
            hidden(k, c, format!("fewer than {k} people answered both surveys"))
        } else {
            c
        }
    };
    tables.push(StatTable {
        caption: "People who answered both surveys".into(),
        columns: vec![String::new(), "Result".into(), "p-value".into()],
        rows: vec![
            row(
                "People",
                None,
                vec![count(p.n_pairs, "survey_paired.n_pairs"), plain("")],
            ),
            row(
                "Average change per person",
                None,
                vec![
                    por(cell(
                        p.mean_diff
                            .map(|d| signed(d, 2))
                            .unwrap_or_else(|| "—".into()),
                        p.mean_diff,
                        "survey_paired.mean_diff",
                    )),
                    por(p_cell(p.p, "survey_paired.p")),
                ],
            ),
            row(
                "95% confidence interval",
                None,
                vec![por(ci_cell(p.ci95, 2, "survey_paired.ci95")), plain("")],
            ),
        ],
    });
    let im = &a.item_means;
    tables.push(StatTable {
        caption: "Each question (average, 1–5)".into(),
        columns: vec![
            "Question".into(),
            format!("Before ({before})"),
            format!("After ({after})"),
        ],
        rows: im
            .items
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let b = im.before.get(i).copied().flatten();
                let af = im.after.get(i).copied().flatten();
                let nb = im.n_before.get(i).copied().unwrap_or(0);
                let na = im.n_after.get(i).copied().unwrap_or(0);
                // An item answered by fewer than k people is withheld (the
                // analysis leaves its mean out); one nobody answered is "—".
                let side = |m: Option<f64>, n: usize, key: String| {
                    let c = opt_num(m, 2, &key);
                    match m {
                        Some(_) => StatCell {
                            text: format!("{} (n = {})", c.text, thousands(n as u64)),
                            ..c
                        },
                        None if n > 0 => hidden(
                            k,
                            c,
                            format!("fewer than {k} people answered this question"),
                        ),
                        None => c,
                    }
                };
                let cb = side(b, nb, format!("item_means.before.{i}"));
                let ca = side(af, na, format!("item_means.after.{i}"));
                row(q, None, vec![cb, ca])
            })
            .collect(),
    });
    let en = &a.enps;
    if en.item.is_some() {
        tables.push(StatTable {
            caption: "Employee Net Promoter Score (−100 to +100)".into(),
            columns: vec![
                String::new(),
                format!("Before ({before})"),
                format!("After ({after})"),
            ],
            rows: vec![row(
                "eNPS",
                en.item.as_deref(),
                vec![
                    enps_cell(en.before, en.n_before, k, "enps.before"),
                    enps_cell(en.after, en.n_after, k, "enps.after"),
                ],
            )],
        });
    }
    tables
}

/// One wave's eNPS; a wave with answers but under the minimum group size
/// is withheld, one with no answers is "—".
fn enps_cell(score: Option<f64>, n: usize, k: usize, key: &str) -> StatCell {
    let c = cell(
        score.map(|x| signed(x, 0)).unwrap_or_else(|| "—".into()),
        score,
        key,
    );
    if score.is_none() && n > 0 {
        hidden(
            k,
            c,
            format!("fewer than {k} people answered this question"),
        )
    } else {
        c
    }
}

fn survival_tables(a: &Analysis, ramp: bool) -> Vec<StatTable> {
    if ramp {
        let r = &a.ramp_up;
        let median = |d: Option<f64>, key: &str| {
            cell(
                d.map(|d| format!("{d:.0} days"))
                    .unwrap_or_else(|| "not reached".into()),
                d,
                key,
            )
        };
        vec![StatTable {
            caption: format!(
                "Days from hire to “{}”",
                r.milestone_kind.as_deref().unwrap_or("milestone")
            ),
            columns: vec![
                String::new(),
                r.group_labels[0].clone(),
                r.group_labels[1].clone(),
            ],
            rows: vec![
                row(
                    "People",
                    None,
                    vec![
                        count(r.mentored.n, "ramp_up.mentored.n"),
                        count(r.not_mentored.n, "ramp_up.not_mentored.n"),
                    ],
                ),
                row(
                    "Reached the milestone",
                    None,
                    vec![
                        count(r.mentored.events, "ramp_up.mentored.events"),
                        count(r.not_mentored.events, "ramp_up.not_mentored.events"),
                    ],
                ),
                row(
                    "Typical time (Kaplan–Meier median)",
                    Some("counts people who have not reached it yet, too"),
                    vec![
                        median(r.mentored.km_median_days, "ramp_up.mentored.km_median_days"),
                        median(
                            r.not_mentored.km_median_days,
                            "ramp_up.not_mentored.km_median_days",
                        ),
                    ],
                ),
                row(
                    "Median of those who reached it",
                    Some("biased toward fast starters; shown for comparison only"),
                    vec![
                        median(
                            r.mentored.naive_median_days,
                            "ramp_up.mentored.naive_median_days",
                        ),
                        median(
                            r.not_mentored.naive_median_days,
                            "ramp_up.not_mentored.naive_median_days",
                        ),
                    ],
                ),
                row(
                    "Log-rank test",
                    Some("is the difference between the curves more than chance?"),
                    vec![p_cell(r.logrank_p, "ramp_up.logrank_p"), plain("")],
                ),
                row(
                    "People hired from",
                    None,
                    vec![
                        plain(
                            r.window_start
                                .map(charts::date_long)
                                .unwrap_or_else(|| "—".into()),
                        ),
                        plain(""),
                    ],
                ),
            ],
        }]
    } else {
        let t = &a.retention;
        let share =
            |x: Option<f64>, key: &str| cell(x.map(pct).unwrap_or_else(|| "—".into()), x, key);
        vec![StatTable {
            caption: "Still employed 12 months after hire".into(),
            columns: vec![
                String::new(),
                t.group_labels[0].clone(),
                t.group_labels[1].clone(),
            ],
            rows: vec![
                row(
                    "People",
                    None,
                    vec![
                        count(t.mentored.n, "retention.mentored.n"),
                        count(t.not_mentored.n, "retention.not_mentored.n"),
                    ],
                ),
                row(
                    "Left",
                    None,
                    vec![
                        count(t.mentored.exits, "retention.mentored.exits"),
                        count(t.not_mentored.exits, "retention.not_mentored.exits"),
                    ],
                ),
                row(
                    "12-month retention (Kaplan–Meier)",
                    None,
                    vec![
                        share(t.mentored.retained_365, "retention.mentored.retained_365"),
                        share(
                            t.not_mentored.retained_365,
                            "retention.not_mentored.retained_365",
                        ),
                    ],
                ),
                row(
                    "Log-rank test",
                    Some("is the difference between the curves more than chance?"),
                    vec![p_cell(t.logrank_p, "retention.logrank_p"), plain("")],
                ),
            ],
        }]
    }
}

fn delivery_tables(a: &Analysis) -> Vec<StatTable> {
    let d = &a.delivery;
    let rel =
        |x: Option<f64>, key: &str| cell(x.map(signed_pct).unwrap_or_else(|| "—".into()), x, key);
    vec![StatTable {
        caption: "Team-weeks before vs after launch".into(),
        columns: vec![
            String::new(),
            "Before launch".into(),
            "After launch".into(),
            "Change".into(),
        ],
        rows: vec![
            row(
                "Team-weeks",
                None,
                vec![
                    count(d.before.team_weeks, "delivery.before.team_weeks"),
                    count(d.after.team_weeks, "delivery.after.team_weeks"),
                    plain(""),
                ],
            ),
            row(
                "Deployments per team-week",
                None,
                vec![
                    opt_num(
                        d.before.deploys_per_team_week,
                        1,
                        "delivery.before.deploys_per_team_week",
                    ),
                    opt_num(
                        d.after.deploys_per_team_week,
                        1,
                        "delivery.after.deploys_per_team_week",
                    ),
                    rel(
                        d.deploys_relative_change,
                        "delivery.deploys_relative_change",
                    ),
                ],
            ),
            row(
                "Change failure rate",
                Some("incidents per deployment"),
                vec![
                    cell(
                        d.before
                            .change_failure_rate
                            .map(pct)
                            .unwrap_or_else(|| "—".into()),
                        d.before.change_failure_rate,
                        "delivery.before.change_failure_rate",
                    ),
                    cell(
                        d.after
                            .change_failure_rate
                            .map(pct)
                            .unwrap_or_else(|| "—".into()),
                        d.after.change_failure_rate,
                        "delivery.after.change_failure_rate",
                    ),
                    rel(
                        d.change_failure_rate_relative_change,
                        "delivery.change_failure_rate_relative_change",
                    ),
                ],
            ),
            row(
                "Median time to restore (hours)",
                None,
                vec![
                    opt_num(
                        d.before.mttr_hours_median,
                        1,
                        "delivery.before.mttr_hours_median",
                    ),
                    opt_num(
                        d.after.mttr_hours_median,
                        1,
                        "delivery.after.mttr_hours_median",
                    ),
                    rel(d.mttr_relative_change, "delivery.mttr_relative_change"),
                ],
            ),
            row(
                "Mann–Whitney test on deployments",
                Some("is the change in deployments more than chance?"),
                vec![
                    plain(""),
                    plain(""),
                    p_cell(d.deploys_mann_whitney_p, "delivery.deploys_mann_whitney_p"),
                ],
            ),
        ],
    }]
}

fn engagement_tables(a: &Analysis, program: &Program) -> Vec<StatTable> {
    let e = &a.engagement;
    let mut tables = vec![StatTable {
        caption: "Meetings".into(),
        columns: vec![String::new(), "Value".into()],
        rows: vec![
            row(
                "Meetings",
                None,
                vec![count(e.meetings, "engagement.meetings")],
            ),
            row(
                "Hours together",
                None,
                vec![cell(
                    thousands(e.hours.round() as u64),
                    Some(e.hours),
                    "engagement.hours",
                )],
            ),
            row("Pairings", None, vec![count(e.pairs, "engagement.pairs")]),
            row(
                "Meetings per pairing",
                None,
                vec![opt_num(
                    e.meetings_per_pair,
                    1,
                    "engagement.meetings_per_pair",
                )],
            ),
            row(
                "Active pairings",
                Some("started and not ended on the as-of date"),
                vec![count(e.active_pairs, "engagement.active_pairs")],
            ),
            row(
                "… that met in the last 30 days",
                None,
                vec![count(
                    e.active_pairs_met_last_30d,
                    "engagement.active_pairs_met_last_30d",
                )],
            ),
        ],
    }];
    let top: Vec<StatRow> = e
        .topics_ranked
        .iter()
        .map(|(t, n)| {
            row(
                t,
                None,
                vec![cell(
                    thousands(*n),
                    Some(*n as f64),
                    &format!("engagement.top_topics.{t}"),
                )],
            )
        })
        .collect();
    if !top.is_empty() {
        tables.push(StatTable {
            caption: "Most discussed topics".into(),
            columns: vec!["Topic".into(), "Meetings".into()],
            rows: top,
        });
    }
    if !e.quiet_pairs.is_empty() {
        // Names from the roster where there is one; the analysis names
        // people by ID.
        let by_ident: BTreeMap<&str, u32> = program
            .data
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i as u32))
            .collect();
        let name = |ident: &str| match by_ident.get(ident) {
            Some(&id) => program.display_name(id),
            None => ident.to_string(),
        };
        const SHOWN: usize = 25;
        let mut rows: Vec<StatRow> = e
            .quiet_pairs
            .iter()
            .take(SHOWN)
            .map(|q| {
                row(
                    &format!("{} → {}", name(&q.mentor), name(&q.mentee)),
                    None,
                    vec![plain(
                        q.last_meeting
                            .map(charts::date_long)
                            .unwrap_or_else(|| "never met".into()),
                    )],
                )
            })
            .collect();
        if e.quiet_pairs.len() > SHOWN {
            rows.push(row(
                &format!(
                    "… and {} more (see People & pairings)",
                    thousands((e.quiet_pairs.len() - SHOWN) as u64)
                ),
                None,
                vec![plain("")],
            ));
        }
        tables.push(StatTable {
            caption: format!(
                "Quiet pairings: active, but no meeting in the last 30 days ({})",
                thousands(e.quiet_pairs.len() as u64)
            ),
            columns: vec!["Mentor → mentee".into(), "Last meeting".into()],
            rows,
        });
    }
    tables
}

/// One comparison: charts, numbers, verdict.
pub fn comparison(
    program: &Program,
    controls: &Controls,
    kind: ComparisonKind,
) -> Result<Comparison> {
    let opts = controls.to_options()?;
    let a = program.analysis(&opts)?;
    let a = a.as_ref();
    let ropts = ReportOptions {
        analysis: opts.clone(),
        ..ReportOptions::default()
    };
    let extras = report::chart_extras(&program.data, a, &ropts);
    let mut charts_out = Vec::new();
    for &k in kind.charts() {
        let c = charts::render(k, a, &extras, &program.ctx)?;
        charts_out.push(ChartView {
            kind: chart_id(k),
            label: k.label().into(),
            title: c.title,
            subtitle: c.subtitle,
            svg: c.svg,
            has_data: c.has_data,
            reading: report::reading(k, a, &extras).paragraph,
            description: c.description,
        });
    }
    let tables = match kind {
        ComparisonKind::Survey => survey_tables(a),
        ComparisonKind::RampUp => survival_tables(a, true),
        ComparisonKind::Retention => survival_tables(a, false),
        ComparisonKind::Delivery => delivery_tables(a),
        ComparisonKind::Engagement => engagement_tables(a, program),
    };
    Ok(Comparison {
        kind,
        title: kind.title().into(),
        question: kind.question().into(),
        verdict: verdict_view(kind, a),
        charts: charts_out,
        tables,
        controls: kind.controls().iter().map(|s| s.to_string()).collect(),
        as_of: date_text(a.as_of),
        launch: date_text(a.launch),
        scope: scope_text(&opts),
        choices: program.choices(),
    })
}
