//! The problems of an import as a CSV the user can open in a spreadsheet
//! safely: every cell from a file that a spreadsheet would read as a formula
//! is neutralised. It only formats; the problems come from the store or the
//! report the window showed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::import::ProblemView;
use crate::error::{Error, Result};
use crate::store::Store;

/// Which problems to export: an import's recorded problems, or (for a file
/// that imported nothing) the list the report showed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct ProblemsExport {
    pub import_id: Option<i64>,
    pub file: String,
    pub problems: Vec<ProblemView>,
    /// The kind of file (`survey`, …) when there is no import to look up.
    #[serde(default)]
    pub kind: Option<String>,
}

/// A spreadsheet would run a cell that starts with `=`, `+`, `-` or `@`
/// (and some read tab and carriage return the same way); a leading
/// apostrophe keeps it text.
fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The problems as CSV (UTF-8 with BOM so Excel reads accents): file, line,
/// column, value, problem and fix, what happened to the row.
pub fn problems_csv(store: &Store, export: &ProblemsExport) -> Result<String> {
    let problems: Vec<ProblemView> = match export.import_id {
        Some(id) => store.problems(id)?.iter().map(ProblemView::from).collect(),
        None => export.problems.clone(),
    };
    let (file, kind) = match export.import_id {
        Some(id) => {
            let i = store.import(id)?;
            (i.file_name, Some(i.kind))
        }
        None => (export.file.clone(), export.kind.clone()),
    };
    // The CSV travels (it is mailed to whoever fixes the export): the
    // values of a survey or skill file (or of a file of unknown kind) are
    // answers respondents were promised stay private, so they stay out.
    let private = !matches!(
        kind.as_deref(),
        Some("roster" | "pairings" | "meetings" | "milestones" | "team_metrics")
    );
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::InvalidArgument(format!("could not write the CSV: {e}"));
    w.write_record([
        "File",
        "Line",
        "Place",
        "Column",
        "Value",
        "Problem and fix",
        "Row",
    ])
    .map_err(err)?;
    for p in &problems {
        w.write_record([
            neutralise(&file),
            p.line.map(|l| l.to_string()).unwrap_or_default(),
            neutralise(p.place.as_deref().unwrap_or("")),
            neutralise(p.column.as_deref().unwrap_or("")),
            if private {
                String::new()
            } else {
                neutralise(p.value.as_deref().unwrap_or(""))
            },
            neutralise(&p.reason),
            p.severity_label.clone(),
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::InvalidArgument(format!("could not write the CSV: {e}")))?;
    Ok(format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_cells_are_kept_as_text() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Ada"), "Ada");
    }

    #[test]
    fn problems_csv_neutralises_every_user_cell() {
        let store = Store::open_in_memory().unwrap();
        let csv = problems_csv(
            &store,
            &ProblemsExport {
                import_id: None,
                kind: Some("roster".into()),
                file: "=evil.csv".into(),
                problems: vec![ProblemView {
                    line: Some(3),
                    place: None,
                    column: Some("@col".into()),
                    value: Some("=1+1".into()),
                    reason: "Hire Date `=1+1` is not a date".into(),
                    severity: "skipped".into(),
                    severity_label: "Row skipped".into(),
                }],
            },
        )
        .unwrap();
        assert!(csv.starts_with('\u{FEFF}'));
        assert!(csv.contains("'=evil.csv,3,,'@col,'=1+1,"), "{csv}");
    }

    #[test]
    fn a_survey_files_answers_stay_out_of_the_problems_csv() {
        let store = Store::open_in_memory().unwrap();
        for kind in [Some("survey".to_string()), None] {
            let csv = problems_csv(
                &store,
                &ProblemsExport {
                    import_id: None,
                    kind: kind.clone(),
                    file: "post.csv".into(),
                    problems: vec![ProblemView {
                        line: Some(7),
                        place: None,
                        column: Some("I feel supported".into()),
                        value: Some("Strongly agreeish".into()),
                        reason: "the answer is not on the agreement scale".into(),
                        severity: "warning".into(),
                        severity_label: "kept".into(),
                    }],
                },
            )
            .unwrap();
            assert!(!csv.contains("agreeish"), "{kind:?}: {csv}");
            assert!(
                csv.contains("post.csv,7,,I feel supported,,the answer"),
                "{csv}"
            );
        }
    }
}
