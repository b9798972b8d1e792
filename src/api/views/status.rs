//! What the database holds and the import history, as the window lists
//! them, and the review pack's charts by id.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ComparisonKind;
use crate::charts::ChartKind;
use crate::error::Result;
use crate::store::Store;

/// A chart the review pack can contain.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ChartChoice {
    /// The chart's id (`satisfaction_items`, `ramp_up`, …).
    pub kind: String,
    pub label: String,
    pub comparison: ComparisonKind,
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
        "skills" => "Skill assessments",
        other => other,
    }
    .to_string()
}

fn chart_comparison(k: ChartKind) -> ComparisonKind {
    ComparisonKind::VIEWS
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
