//! The dashboard (headline cards and verdicts) and one view per comparison
//! (its charts, its numbers with n, estimates, CI and p, the verdict and
//! caveats), plus the Trends and Cohorts views. Each number is shown as text
//! and carried as a value with the `analyze --json` key it came from, so a
//! test can check the window against the CLI.
//!
//! One module per view (`dashboard`, `survey`, `survival`, `delivery`,
//! `engagement`, `trends`, `cohorts`) and `status` for the import history
//! and chart list; this module holds what they share: the comparison kinds,
//! the verdict, the table cells and the comparison view itself.

mod cohorts;
mod comments;
mod dashboard;
mod delivery;
mod engagement;
mod saved;
mod skills;
mod status;
mod survey;
mod survival;
mod trends;

pub use dashboard::{dashboard, Card, Dashboard};
pub use saved::{launch_dashboard_saved, provisional_dashboard, save_dashboard, saved_dashboard};
pub(crate) use status::{chart_from_id, chart_id, kind_label};
pub use status::{status_view, ChartChoice, ImportRecordView, StatusView};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::program::{FilterChoices, Program};
use super::{date_text, p_text, Controls};
use crate::analysis::{Analysis, AnalysisOptions, Verdict};
use crate::charts::theme::{num, signed, thousands};
use crate::charts::{self, ChartKind};
use crate::error::Result;
use crate::report::{self, ReportOptions};

/// The comparisons, one view each.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonKind {
    Survey,
    RampUp,
    Retention,
    Delivery,
    Engagement,
    /// Every survey wave in time order (M7).
    Trends,
    /// Cohort over cohort, and by program format (M7).
    Cohorts,
    /// Skill areas before and after, per rater (M8).
    Skills,
    /// What people wrote in the surveys' open questions (M9).
    Comments,
}

impl ComparisonKind {
    /// The comparisons with a verdict, as the dashboard lists them.
    pub const ALL: [ComparisonKind; 5] = [
        ComparisonKind::Survey,
        ComparisonKind::RampUp,
        ComparisonKind::Retention,
        ComparisonKind::Delivery,
        ComparisonKind::Engagement,
    ];

    /// Every view of this kind, in sidebar order.
    pub const VIEWS: [ComparisonKind; 9] = [
        ComparisonKind::Survey,
        ComparisonKind::RampUp,
        ComparisonKind::Retention,
        ComparisonKind::Delivery,
        ComparisonKind::Engagement,
        ComparisonKind::Trends,
        ComparisonKind::Cohorts,
        ComparisonKind::Skills,
        ComparisonKind::Comments,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ComparisonKind::Survey => "Satisfaction",
            ComparisonKind::RampUp => "Ramp-up",
            ComparisonKind::Retention => "Retention",
            ComparisonKind::Delivery => "Team delivery",
            ComparisonKind::Engagement => "Engagement",
            ComparisonKind::Trends => "Trends",
            ComparisonKind::Cohorts => "Cohorts",
            ComparisonKind::Skills => "Skills",
            ComparisonKind::Comments => "Comments",
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
            ComparisonKind::Trends => "How did satisfaction move across every survey wave?",
            ComparisonKind::Cohorts => {
                "How do the cohorts, and the program's formats, compare with each other?"
            }
            ComparisonKind::Skills => {
                "Which skills grew between the first and the last assessment?"
            }
            ComparisonKind::Comments => "What did people write, and how did it change?",
        }
    }

    fn charts(self) -> &'static [ChartKind] {
        match self {
            ComparisonKind::Survey => &[
                ChartKind::SatisfactionItems,
                ChartKind::SatisfactionDistribution,
                ChartKind::Enps,
            ],
            ComparisonKind::RampUp => &[ChartKind::RampUp, ChartKind::AdjustedEffects],
            ComparisonKind::Retention => &[ChartKind::Retention, ChartKind::AdjustedEffects],
            ComparisonKind::Delivery => &[ChartKind::Delivery, ChartKind::DeliveryTrend],
            ComparisonKind::Engagement => &[
                ChartKind::MeetingsPerMonth,
                ChartKind::PairEngagement,
                ChartKind::TopicCoverage,
            ],
            ComparisonKind::Trends => &[ChartKind::SatisfactionTrend],
            ComparisonKind::Cohorts => &[ChartKind::Cohorts, ChartKind::Formats],
            ComparisonKind::Skills => &[ChartKind::SkillGrowth, ChartKind::SkillCoverage],
            ComparisonKind::Comments => &[ChartKind::CommentTerms],
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
            ComparisonKind::Trends => &["min_group_size"],
            ComparisonKind::Cohorts => &["after_wave", "milestone_kind", "as_of", "min_group_size"],
            ComparisonKind::Skills => &["skill_before_wave", "skill_after_wave", "min_group_size"],
            ComparisonKind::Comments => &["before_wave", "after_wave", "min_group_size"],
        }
    }

    /// The analysis's verdict; the Trends and Cohorts views describe
    /// rather than judge, so they have their own (`descriptive`).
    fn verdict(self, a: &Analysis) -> Option<Verdict> {
        match self {
            ComparisonKind::Survey => a.verdicts.survey.clone(),
            ComparisonKind::RampUp => a.verdicts.ramp_up.clone(),
            ComparisonKind::Retention => a.verdicts.retention.clone(),
            ComparisonKind::Delivery => a.verdicts.delivery.clone(),
            ComparisonKind::Engagement => a.verdicts.engagement.clone(),
            ComparisonKind::Trends => Some(trends::verdict(a)),
            ComparisonKind::Cohorts => Some(cohorts::verdict(a)),
            ComparisonKind::Skills => Some(skills::verdict(a)),
            ComparisonKind::Comments => Some(comments::verdict(a)),
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
        Some(v) => (v.outcome, v.headline, v.caveats),
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
    /// The chart in words: its finding and every number it plots (its
    /// text alternative for screen readers), from the same analysis.
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

/// An item figure under a filter: shown for the whole program only.
fn whole_program_only(of: StatCell) -> StatCell {
    StatCell {
        text: "whole program only".into(),
        values: Vec::new(),
        key: of.key,
        suppressed: Some(
            "item results are shown for the whole program only: under a filter they could be subtracted to reveal a few people's answers".into(),
        ),
    }
}

/// Why a survey figure is hidden: a wave under the minimum group size.
fn wave_reason(k: usize) -> String {
    format!("fewer than {k} respondents in a survey wave")
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
            reading: report::reading(k, a, &extras).paragraph,
            description: c.description,
            has_data: c.has_data,
        });
    }
    let tables = match kind {
        ComparisonKind::Survey => survey::tables(a),
        ComparisonKind::RampUp => survival::tables(a, true),
        ComparisonKind::Retention => survival::tables(a, false),
        ComparisonKind::Delivery => delivery::tables(a),
        ComparisonKind::Engagement => engagement::tables(a, program),
        ComparisonKind::Trends => trends::tables(a),
        ComparisonKind::Cohorts => cohorts::tables(a),
        ComparisonKind::Skills => skills::tables(a),
        ComparisonKind::Comments => comments::tables(a),
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
        choices: program.choices(&opts),
    })
}
