//! Charts: analysis results → plotters drawings → SVG text, and SVG → PNG
//! (1920×1080 and 3840×2160) with the embedded font. One theme and one
//! frame for all (`theme`): the Okabe–Ito palette, a title that states the
//! finding, a subtitle, the legend, axis labels with units, n on every
//! group, and a footer with the source files and the as-of date. One
//! module per comparison (`survey`, `survival`, `forest`, `delivery`,
//! `delivery_trend`, `engagement`, `cohorts`, `skills`, `comments`).
//!
//! Charts read only plain result structs (`Analysis`, plus the few
//! [`ChartExtras`] the analysis does not carry yet). They never query the
//! store, never compute a statistic the analysis owns, and never draw a
//! group the analysis suppressed: the chart says why instead. A chart with
//! nothing honest to show still renders, with a "not enough data" panel,
//! so a review pack always has the same files.

mod cohorts;
mod comments;
mod delivery;
mod delivery_trend;
mod describe;
mod engagement;
mod forest;
mod raster;
mod skills;
mod survey;
mod survival;
pub mod theme;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::error::{Error, Result};

pub use raster::{fontdb, parse as parse_svg, png, png_of_tree, png_of_tree_on, rgba_of_tree};
pub use skills::{clear as skill_clear, rater_label};

/// Every chart of the review pack, in the order the pack presents them.
/// This list is the single source of what the pack, the app's chart menu
/// and every export contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    SatisfactionItems,
    SatisfactionDistribution,
    Enps,
    SatisfactionTrend,
    RampUp,
    Retention,
    AdjustedEffects,
    Delivery,
    DeliveryTrend,
    MeetingsPerMonth,
    PairEngagement,
    TopicCoverage,
    Cohorts,
    Formats,
    SkillGrowth,
    SkillCoverage,
    CommentTerms,
}

impl ChartKind {
    pub const ALL: [ChartKind; 17] = [
        ChartKind::SatisfactionItems,
        ChartKind::SatisfactionDistribution,
        ChartKind::Enps,
        ChartKind::SatisfactionTrend,
        ChartKind::RampUp,
        ChartKind::Retention,
        ChartKind::AdjustedEffects,
        ChartKind::Delivery,
        ChartKind::DeliveryTrend,
        ChartKind::MeetingsPerMonth,
        ChartKind::PairEngagement,
        ChartKind::TopicCoverage,
        ChartKind::Cohorts,
        ChartKind::Formats,
        ChartKind::SkillGrowth,
        ChartKind::SkillCoverage,
        ChartKind::CommentTerms,
    ];

    /// File name without extension, numbered so a folder listing is in
    /// reading order.
    pub fn file_stem(self) -> &'static str {
        match self {
            ChartKind::SatisfactionItems => "01-satisfaction-by-item",
            ChartKind::SatisfactionDistribution => "02-satisfaction-answers",
            ChartKind::Enps => "03-enps",
            ChartKind::SatisfactionTrend => "04-satisfaction-over-time",
            ChartKind::RampUp => "05-ramp-up",
            ChartKind::Retention => "06-retention",
            ChartKind::AdjustedEffects => "07-raw-vs-like-for-like",
            ChartKind::Delivery => "08-team-delivery",
            ChartKind::DeliveryTrend => "09-delivery-trend",
            ChartKind::MeetingsPerMonth => "10-meetings-per-month",
            ChartKind::PairEngagement => "11-pair-engagement",
            ChartKind::TopicCoverage => "12-topic-coverage",
            ChartKind::Cohorts => "13-cohorts",
            ChartKind::Formats => "14-formats",
            ChartKind::SkillGrowth => "15-skill-growth",
            ChartKind::SkillCoverage => "16-skill-coverage",
            ChartKind::CommentTerms => "17-comments",
        }
    }

    /// A short name for menus and section headings.
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::SatisfactionItems => "Satisfaction by item",
            ChartKind::SatisfactionDistribution => "Survey answers",
            ChartKind::Enps => "eNPS",
            ChartKind::SatisfactionTrend => "Satisfaction over time",
            ChartKind::RampUp => "Ramp-up",
            ChartKind::Retention => "Retention",
            ChartKind::AdjustedEffects => "Raw vs like for like",
            ChartKind::Delivery => "Team delivery",
            ChartKind::DeliveryTrend => "Delivery trend at launch",
            ChartKind::MeetingsPerMonth => "Meetings per month",
            ChartKind::PairEngagement => "Pair engagement",
            ChartKind::TopicCoverage => "Topic coverage",
            ChartKind::Cohorts => "Cohorts",
            ChartKind::Formats => "Program formats",
            ChartKind::SkillGrowth => "Skill growth",
            ChartKind::SkillCoverage => "Coverage vs growth",
            ChartKind::CommentTerms => "Comments",
        }
    }
}

/// One rendered chart.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub kind: ChartKind,
    /// The finding, as the chart's title states it.
    pub title: String,
    pub subtitle: String,
    pub svg: String,
    /// False when the chart shows a "not enough data" or "suppressed"
    /// panel instead of data.
    pub has_data: bool,
    /// That panel's words ("Too few respondents to show: …").
    pub panel: Option<String>,
    /// The chart in words: title, subtitle and the numbers it plots (its
    /// text alternative, see `describe`).
    pub description: String,
}

/// What every chart needs besides the numbers: the as-of date and where
/// the data came from (file names per kind: `survey`, `roster`, …).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChartContext {
    pub sources: BTreeMap<String, Vec<String>>,
}

impl ChartContext {
    fn footer(&self, a: &Analysis, kinds: &[&str]) -> String {
        let mut files: Vec<&str> = kinds
            .iter()
            .flat_map(|k| self.sources.get(*k).into_iter().flatten())
            .map(String::as_str)
            .collect();
        files.dedup();
        let source = if files.is_empty() {
            "Source: imported program data".to_string()
        } else {
            format!("Source: {}", files.join(", "))
        };
        let as_of = a
            .as_of
            .map(|d| format!(" · As of {}", date_long(d)))
            .unwrap_or_default();
        format!("{source}{as_of} · Mentorscope")
    }
}

/// One pairing's meetings, for the pair-engagement chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairTimeline {
    pub mentor: String,
    pub mentee: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// Meeting days, ascending.
    pub meetings: Vec<NaiveDate>,
}

/// How widely one skill area (meeting topic) was discussed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicCoverage {
    pub topic: String,
    /// Pairings with at least one meeting on this topic.
    pub pairings: usize,
    pub meetings: u64,
    /// Named in the program's skill areas (when those were given).
    pub skill_area: bool,
}

/// Data the charts need that `Analysis` does not carry (yet).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChartExtras {
    /// Pairings active at as-of, with their meeting days.
    pub active_pairs: Vec<PairTimeline>,
    /// Pairings with at least one meeting (the denominator of coverage).
    pub pairings_with_meetings: usize,
    /// Every skill area given plus every topic discussed, most covered first.
    pub topics: Vec<TopicCoverage>,
    /// True when the skill areas were named by the user rather than taken
    /// from the topics found.
    pub skill_areas_given: bool,
}

/// Renders one chart.
pub fn render(
    kind: ChartKind,
    a: &Analysis,
    extras: &ChartExtras,
    ctx: &ChartContext,
) -> Result<Chart> {
    let drawn = match kind {
        ChartKind::SatisfactionItems => survey::items(a, ctx),
        ChartKind::SatisfactionDistribution => survey::distribution(a, ctx),
        ChartKind::Enps => survey::enps(a, ctx),
        ChartKind::SatisfactionTrend => survey::trend(a, ctx),
        ChartKind::RampUp => survival::ramp_up(a, ctx),
        ChartKind::Retention => survival::retention(a, ctx),
        ChartKind::AdjustedEffects => forest::adjusted_effects(a, ctx),
        ChartKind::Delivery => delivery::delivery(a, ctx),
        ChartKind::DeliveryTrend => delivery_trend::delivery_trend(a, ctx),
        ChartKind::MeetingsPerMonth => engagement::per_month(a, ctx),
        ChartKind::PairEngagement => engagement::pairs(a, extras, ctx),
        ChartKind::TopicCoverage => engagement::topics(a, extras, ctx),
        ChartKind::Cohorts => cohorts::cohorts(a, ctx),
        ChartKind::Formats => cohorts::formats(a, ctx),
        ChartKind::SkillGrowth => skills::growth(a, ctx),
        ChartKind::SkillCoverage => skills::coverage(a, ctx),
        ChartKind::CommentTerms => comments::terms(a, ctx),
    };
    let (frame, svg, has_data) = drawn
        .map_err(|e| Error::Analysis(format!("could not draw the {} chart: {e}", kind.label())))?;
    let numbers = if has_data {
        describe::numbers(kind, a, extras)
    } else {
        describe::no_data(kind, a)
    };
    Ok(Chart {
        kind,
        description: describe::full(&frame.title, &frame.subtitle, &numbers),
        title: frame.title,
        subtitle: frame.subtitle,
        svg,
        has_data,
        panel: frame.panel,
    })
}

/// Renders every chart of the review pack, in order.
pub fn render_all(a: &Analysis, extras: &ChartExtras, ctx: &ChartContext) -> Result<Vec<Chart>> {
    ChartKind::ALL
        .iter()
        .map(|k| render(*k, a, extras, ctx))
        .collect()
}

/// What a chart module hands back: its frame, the SVG, and whether data was
/// drawn.
type Drawn = theme::DrawResult<(theme::Frame, String, bool)>;

/// "30 Jun 2026": unambiguous in every locale.
pub fn date_long(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// Draws `frame` with a "not enough data" panel.
fn empty(mut frame: theme::Frame, headline: &str, detail: &str) -> Drawn {
    let svg = theme::draw_chart(&frame, |area| theme::empty_message(area, headline, detail))?;
    frame.panel = Some(format!("{headline}: {detail}"));
    Ok((frame, svg, false))
}
