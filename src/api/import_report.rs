//! What the import wizard shows after an import: the report of each file
//! (or sheet) in words, its counts, its problems with their places, and for
//! attendance reports and calendars which meetings matched a pairing. Plain
//! data for the window; the numbers come from the importer's report.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::views::kind_label;
use crate::ingest::{ImportReport, Problem, Severity};

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ProblemView {
    pub line: Option<u64>,
    /// Where in a workbook (`Sheet1!C14`); `null` for CSV files.
    pub place: Option<String>,
    pub column: Option<String>,
    pub value: Option<String>,
    /// What is wrong and how to fix it.
    pub reason: String,
    /// `skipped` or `warning`.
    pub severity: String,
    pub severity_label: String,
}

impl From<&Problem> for ProblemView {
    fn from(p: &Problem) -> Self {
        ProblemView {
            line: p.line,
            place: p.place.clone(),
            column: p.column.clone(),
            value: p.value.clone(),
            reason: p.reason.clone(),
            severity: p.severity.as_str().into(),
            severity_label: match p.severity {
                Severity::Skipped => "Row skipped",
                Severity::Warning => "Imported with a warning",
            }
            .into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportReportView {
    pub import_id: Option<i64>,
    pub file: String,
    /// The workbook sheet this import read.
    pub sheet: Option<String>,
    /// `teams`, `zoom`, `meet` or `calendar` for meetings from those.
    pub source: Option<String>,
    /// Meetings that matched no pairing (kept; `rematch` tries them again).
    pub rows_unmatched: u64,
    /// Each meeting of an attendance report or calendar and what became of it.
    pub meetings: Vec<MeetingView>,
    pub kind: String,
    pub kind_label: String,
    pub shape_label: String,
    pub encoding: String,
    pub delimiter: String,
    pub wave: Option<String>,
    pub rows_total: u64,
    pub rows_imported: u64,
    pub rows_skipped: u64,
    pub rows_duplicate: u64,
    pub already_imported_as: Option<i64>,
    /// One sentence: what happened to the rows.
    pub summary: String,
    /// The first problems (all of them up to 5,000).
    pub problems: Vec<ProblemView>,
    pub problems_total: u32,
}

/// One meeting of an attendance report or calendar in the import report.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct MeetingView {
    pub started_at: String,
    pub title: Option<String>,
    pub attendees: u32,
    /// `mentor → mentee` of each pairing it counted for.
    pub pairings: Vec<String>,
    /// Why it matched no pairing; `null` when it matched.
    pub unmatched_because: Option<String>,
}

const PROBLEMS_SHOWN: usize = 5000;

impl From<&ImportReport> for ImportReportView {
    fn from(r: &ImportReport) -> Self {
        use crate::charts::theme::thousands;
        let summary = if let Some(prev) = r.already_imported_as {
            format!("This exact file was imported before (import #{prev}); nothing changed.")
        } else if r.source.is_some() {
            format!(
                "{} of {} meetings matched a pairing; {} matched none and are kept as unmatched meetings{}.",
                thousands(r.rows_imported),
                thousands(r.rows_total),
                thousands(r.rows_unmatched),
                if r.rows_duplicate > 0 {
                    format!("; {} were already in the program", thousands(r.rows_duplicate))
                } else {
                    String::new()
                }
            )
        } else if r.import_id.is_none() && r.rows_total > 0 && r.rows_imported == 0 {
            format!(
                "None of the {} rows could be used, so nothing was imported. The problems below say why.",
                thousands(r.rows_total)
            )
        } else {
            let mut s = format!(
                "{} of {} rows imported",
                thousands(r.rows_imported),
                thousands(r.rows_total)
            );
            if r.rows_skipped > 0 {
                s.push_str(&format!(", {} skipped", thousands(r.rows_skipped)));
            }
            if r.rows_duplicate > 0 {
                s.push_str(&format!(
                    ", {} already in the program from an earlier file",
                    thousands(r.rows_duplicate)
                ));
            }
            s.push('.');
            if let Some(n) = &r.rematched_note {
                let mut chars = n.chars();
                s.push(' ');
                s.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                s.push_str(chars.as_str());
                s.push('.');
            }
            s
        };
        ImportReportView {
            import_id: r.import_id,
            file: r.file.clone(),
            sheet: r.sheet.clone(),
            source: r.source.clone(),
            rows_unmatched: r.rows_unmatched,
            meetings: r
                .meetings
                .iter()
                .map(|m| MeetingView {
                    started_at: m.started_at.replace('T', " "),
                    title: m.title.clone(),
                    attendees: u32::try_from(m.attendees).unwrap_or(u32::MAX),
                    pairings: m.pairings.clone(),
                    unmatched_because: m.unmatched_because.clone(),
                })
                .collect(),
            kind: r.kind.as_str().into(),
            kind_label: kind_label(r.kind.as_str()),
            shape_label: r.shape_label.clone(),
            encoding: r.encoding.clone(),
            delimiter: r.delimiter.clone(),
            wave: r.wave.clone(),
            rows_total: r.rows_total,
            rows_imported: r.rows_imported,
            rows_skipped: r.rows_skipped,
            rows_duplicate: r.rows_duplicate,
            already_imported_as: r.already_imported_as,
            summary,
            problems: r
                .problems
                .iter()
                .take(PROBLEMS_SHOWN)
                .map(ProblemView::from)
                .collect(),
            problems_total: u32::try_from(r.problems_total).unwrap_or(u32::MAX),
        }
    }
}
