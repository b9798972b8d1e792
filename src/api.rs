//! The data that crosses to the desktop UI, and the few library functions
//! only the UI needs (the dashboard's headline cards, one view per
//! comparison, the people and pairings table, the import wizard's preview
//! and saved column mappings, the problems CSV, a chosen part of the review
//! pack).
//!
//! Every number the window shows is computed here or in `analysis`; the UI
//! only lays it out. Every type here derives `ts_rs::TS`, and
//! `ui/src/generated/api.ts` is generated from them ([`bindings::typescript`];
//! a test fails when the committed file drifts). Types are views, not the
//! library's own structs: they carry the formatted text a program manager
//! reads *and* the raw value (for tests and for charts), and they change
//! only when the window changes.
//!
//! Nothing here knows about Tauri; `src-tauri` calls these functions from
//! thin commands.

pub mod bindings;
mod help;
mod import;
mod import_report;
mod items;
mod mapping_book;
mod pack;
mod people;
mod problems;
mod program;
mod template;
mod views;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analysis::{AnalysisOptions, Split};
use crate::error::{Error, Result};

pub use help::{
    about_view, anchor, definitions, AboutView, DocBlock, DocListItem, DocSpan, DocView,
    LicenceView,
};
pub use import::{
    import_requests, preview_file, problems_csv, FieldChoice, FilePreview, ImportOutcome,
    ImportProgress, ImportReportView, ImportRequest, KindChoice, MappingBook, ProblemView,
    ProblemsExport,
};
pub use import::{preview_file_sheet, MeetingView, SheetChoice};
pub use items::{items_text, mark_item, survey_items, ItemMarkRequest, SurveyItemView};
pub use pack::{
    chart_file, chart_pixels, export_pack, ChartFormat, ChartPixels, PackProgress, PackRequest,
    PackResult,
};
pub use people::{people, PairingRow, PairingStatus, PeopleQuery, PeopleTable, PersonRow};
pub use program::{FilterChoices, HiddenFilter, Program};
pub use template::{
    skill_frameworks, write_skills_template, FrameworkChoice, TemplateRequest, TemplateWritten,
};
pub use views::{
    comparison, dashboard, status_view, Card, ChartChoice, ChartView, Comparison, ComparisonKind,
    Dashboard, ImportRecordView, StatCell, StatRow, StatTable, StatusView, VerdictView,
};
pub use views::{launch_dashboard_saved, provisional_dashboard, save_dashboard, saved_dashboard};

/// An error as the window shows it: a stable code to branch on and a
/// sentence a program manager can act on.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ErrorView {
    /// `io`, `not_a_table`, `unknown_kind`, `missing_column`, `row`,
    /// `database`, `migration`, `not_found`, `invalid_argument`, `analysis`,
    /// `busy`, `cancelled`, `clipboard`.
    pub code: String,
    pub message: String,
}

impl ErrorView {
    pub fn new(code: &str, message: impl Into<String>) -> ErrorView {
        ErrorView {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl From<&Error> for ErrorView {
    fn from(e: &Error) -> Self {
        let code = serde_json::to_value(e.code())
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "error".into());
        let message = match e {
            // SQLite's own words mean nothing to a program manager; say what
            // happened and what to try, and keep the detail at the end.
            Error::Db(inner) => format!(
                "Mentorscope could not read or write its program database. Close any other Mentorscope window and try again. (Detail: {inner})"
            ),
            Error::Io { file, source } => format!(
                "Could not open {}: {}. Check that the file still exists and is not open in another program.",
                file.display(),
                lower_first(&source.to_string())
            ),
            other => upper_first(&other.to_string()),
        };
        ErrorView { code, message }
    }
}

impl From<Error> for ErrorView {
    fn from(e: Error) -> Self {
        ErrorView::from(&e)
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// How ramp-up and retention split people into two groups.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum SplitChoice {
    #[default]
    Mentored,
    HiredAfterLaunch,
}

/// The filters (cohort, team, level, date range) and the comparison
/// controls, as the window holds them. They apply to every view. Dates are
/// `YYYY-MM-DD`; empty strings count as "not set".
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct Controls {
    pub cohort: Option<String>,
    pub team: Option<String>,
    pub level: Option<String>,
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub launch: Option<String>,
    pub as_of: Option<String>,
    pub before_wave: Option<String>,
    pub after_wave: Option<String>,
    pub skill_before_wave: Option<String>,
    pub skill_after_wave: Option<String>,
    pub split: SplitChoice,
    pub milestone_kind: Option<String>,
    pub min_group_size: Option<u32>,
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn parse_date(label: &str, s: &Option<String>) -> Result<Option<NaiveDate>> {
    match non_empty(s) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                Error::InvalidArgument(format!(
                    "the {label} “{v}” is not a date; pick one from the calendar (year-month-day, like 2025-03-31)"
                ))
            }),
    }
}

impl Controls {
    /// The library's options for these controls, or a sentence saying which
    /// control is wrong.
    pub fn to_options(&self) -> Result<AnalysisOptions> {
        let k = self.min_group_size.unwrap_or(5);
        if !(crate::disclosure::MIN_K as u32..=1000).contains(&k) {
            return Err(Error::InvalidArgument(format!(
                "the minimum group size must be between 3 and 1000 (it is {k}); smaller groups let a reader work out individual answers"
            )));
        }
        let o = AnalysisOptions {
            launch: parse_date("launch date", &self.launch)?,
            as_of: parse_date("as-of date", &self.as_of)?,
            before_wave: non_empty(&self.before_wave),
            after_wave: non_empty(&self.after_wave),
            skill_before_wave: non_empty(&self.skill_before_wave),
            skill_after_wave: non_empty(&self.skill_after_wave),
            min_group_size: k as usize,
            cohort: non_empty(&self.cohort),
            team: non_empty(&self.team),
            level: non_empty(&self.level),
            date_from: parse_date("start of the date range", &self.date_from)?,
            date_to: parse_date("end of the date range", &self.date_to)?,
            milestone_kind: non_empty(&self.milestone_kind),
            split: match self.split {
                SplitChoice::Mentored => Split::Mentored,
                SplitChoice::HiredAfterLaunch => Split::HiredAfterLaunch,
            },
            min_comments: crate::disclosure::DEFAULT_K_COMMENTS,
            disclosure: Default::default(),
        };
        if let (Some(f), Some(t)) = (o.date_from, o.date_to) {
            if f > t {
                return Err(Error::InvalidArgument(
                    "the date range ends before it starts; swap the two dates".into(),
                ));
            }
        }
        Ok(o)
    }
}

/// Text for a p-value the way the verdicts say it.
pub(crate) fn p_text(p: Option<f64>) -> String {
    match p {
        None => "not available".into(),
        Some(p) if p < 0.001 => "p < 0.001".into(),
        Some(p) if p < 0.01 => format!("p = {p:.3}"),
        Some(p) => format!("p = {p:.2}"),
    }
}

pub(crate) fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_with_blank_fields_mean_defaults() {
        let c = Controls {
            cohort: Some("  ".into()),
            date_from: Some(String::new()),
            ..Controls::default()
        };
        let o = c.to_options().unwrap();
        assert_eq!(o.cohort, None);
        assert_eq!(o.date_from, None);
        assert_eq!(o.min_group_size, 5);
    }

    #[test]
    fn a_bad_date_is_named_in_plain_words() {
        let c = Controls {
            as_of: Some("31/02/2025".into()),
            ..Controls::default()
        };
        let msg = ErrorView::from(c.to_options().unwrap_err()).message;
        assert!(
            msg.starts_with("The as-of date “31/02/2025” is not a date"),
            "{msg}"
        );
    }

    #[test]
    fn a_backwards_date_range_is_refused() {
        let c = Controls {
            date_from: Some("2025-06-01".into()),
            date_to: Some("2025-01-01".into()),
            ..Controls::default()
        };
        assert!(c.to_options().is_err());
    }

    #[test]
    fn p_values_read_like_the_verdicts() {
        assert_eq!(p_text(Some(0.0004)), "p < 0.001");
        assert_eq!(p_text(Some(0.0058)), "p = 0.006");
        assert_eq!(p_text(Some(0.2345)), "p = 0.23");
        assert_eq!(p_text(None), "not available");
    }
}
