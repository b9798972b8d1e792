//! The import wizard's side of the library: a preview per file (kind and
//! shape detected, how sure we are, the column for each field, the first
//! rows), column mappings the user confirmed and wants reused next month,
//! importing several files with progress and cancel, and the problems list
//! as a CSV that is safe to open in a spreadsheet.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::views::kind_label;
use super::ErrorView;
use crate::error::{Error, Result};
use crate::ingest::kinds::{self, normalise_header};
use crate::ingest::table::Column;
use crate::ingest::{self, ImportOptions, ImportReport, Kind, Mapping, Problem, Severity};
use crate::store::Store;

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct KindChoice {
    pub kind: String,
    pub label: String,
}

/// One field of the chosen kind and the file's column for it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FieldChoice {
    pub field: String,
    pub label: String,
    pub required: bool,
    pub column: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FilePreview {
    pub path: String,
    pub file: String,
    /// The kind detected (or chosen, or remembered); `null` when unknown.
    pub kind: Option<String>,
    pub kind_label: String,
    pub kinds: Vec<KindChoice>,
    /// False when the user should check the kind or the columns.
    pub confident: bool,
    /// What needs the user's attention, in words.
    pub attention: Vec<String>,
    pub shape_label: String,
    pub encoding: String,
    pub delimiter: String,
    pub columns: Vec<String>,
    pub fields: Vec<FieldChoice>,
    pub is_survey: bool,
    /// The survey wave guessed from the file name or remembered.
    pub wave: Option<String>,
    /// The first rows, as text (shown with textContent only).
    pub sample_rows: Vec<Vec<String>>,
    /// True when a mapping saved for files with these headers was applied.
    pub remembered: bool,
    /// Set when the file cannot be read at all; the rest is empty then.
    pub error: Option<ErrorView>,
    /// The sheet shown, for a workbook.
    pub sheet: Option<String>,
    /// A workbook's sheets, to switch the preview between.
    pub sheets: Vec<SheetChoice>,
    /// True for an attendance report or calendar: meetings, not rows.
    pub is_meetings_source: bool,
}

/// One sheet of a workbook in the wizard.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct SheetChoice {
    pub name: String,
    /// False for hidden, empty and unrecognised sheets.
    pub importable: bool,
    /// Why it would not be imported; empty when it would.
    pub note: String,
}

fn field_label(field: &str) -> String {
    match field {
        "person_id" => "Employee ID",
        "name" => "Name",
        "email" => "E-mail",
        "team" => "Team",
        "level" => "Level",
        "hire_date" => "Hire date",
        "exit_date" => "Exit date",
        "mentor" => "Mentor",
        "mentee" => "Mentee",
        "cohort" => "Cohort",
        "start" => "Start date",
        "end" => "End date",
        "date" => "Date",
        "duration_min" => "Duration (minutes)",
        "topics" => "Topics",
        "notes" => "Notes",
        "person" => "Person",
        "milestone" => "Milestone",
        "period_start" => "Week starting",
        "deployments" => "Deployments",
        "incidents" => "Incidents",
        "mttr_hours" => "Time to restore (hours)",
        "change_failure_rate" => "Change failure rate",
        other => other,
    }
    .to_string()
}

/// Column mappings the user confirmed, keyed by the file's headers, kept in
/// a small JSON file beside the program database.
pub struct MappingBook {
    path: Option<PathBuf>,
    entries: BTreeMap<String, Mapping>,
}

#[derive(Serialize, Deserialize, Default)]
struct BookFile {
    #[serde(default)]
    mappings: BTreeMap<String, Mapping>,
}

impl MappingBook {
    /// The book that lives next to `db` (`saved-mappings.json`).
    pub fn beside(db: Option<&Path>) -> MappingBook {
        let path = db
            .and_then(|d| d.parent())
            .map(|p| p.join("saved-mappings.json"));
        let entries = path
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|b| serde_json::from_slice::<BookFile>(&b).ok())
            .map(|f| f.mappings)
            .unwrap_or_default();
        MappingBook { path, entries }
    }

    fn signature(columns: &[String]) -> String {
        columns
            .iter()
            .map(|c| normalise_header(c))
            .collect::<Vec<_>>()
            .join("|")
    }

    pub fn lookup(&self, columns: &[String]) -> Option<&Mapping> {
        self.entries.get(&Self::signature(columns))
    }

    pub fn remember(&mut self, columns: &[String], mapping: Mapping) -> Result<()> {
        self.entries.insert(Self::signature(columns), mapping);
        let Some(path) = &self.path else {
            return Ok(());
        };
        let bytes = serde_json::to_vec_pretty(&BookFile {
            mappings: self.entries.clone(),
        })
        .map_err(|e| Error::InvalidArgument(format!("could not save the column mapping: {e}")))?;
        let tmp = path.with_extension("json.partial");
        std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    }
}

fn kinds_list() -> Vec<KindChoice> {
    Kind::ALL
        .into_iter()
        .map(|k| KindChoice {
            kind: k.as_str().into(),
            label: kind_label(k.as_str()),
        })
        .collect()
}

fn failed_preview(path: &Path, e: &Error) -> FilePreview {
    FilePreview {
        path: path.display().to_string(),
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        kind: None,
        kind_label: "Cannot be read".into(),
        kinds: kinds_list(),
        confident: false,
        attention: Vec::new(),
        shape_label: String::new(),
        encoding: String::new(),
        delimiter: String::new(),
        columns: Vec::new(),
        fields: Vec::new(),
        is_survey: false,
        wave: None,
        sample_rows: Vec::new(),
        remembered: false,
        error: Some(ErrorView::from(e)),
        sheet: None,
        sheets: Vec::new(),
        is_meetings_source: false,
    }
}

/// What the wizard shows for one file. `kind` overrides the detected kind
/// (the user picked another in the dropdown); `columns` overrides the
/// column for some fields.
pub fn preview_file(
    path: &Path,
    kind: Option<&str>,
    columns: Option<&BTreeMap<String, String>>,
    book: &MappingBook,
) -> FilePreview {
    preview_file_sheet(path, None, kind, columns, book)
}

/// As [`preview_file`], of one sheet of a workbook (`None`: the first
/// that would be imported).
pub fn preview_file_sheet(
    path: &Path,
    sheet: Option<&str>,
    kind: Option<&str>,
    columns: Option<&BTreeMap<String, String>>,
    book: &MappingBook,
) -> FilePreview {
    let p = match ingest::preview_sheet(path, sheet) {
        Ok(p) => p,
        Err(e) => return failed_preview(path, &e),
    };
    let remembered_mapping = book.lookup(&p.columns).cloned();
    let chosen = kind.and_then(Kind::parse);
    let detected = p.kind;
    let effective = chosen
        .or(remembered_mapping.as_ref().and_then(|m| m.kind))
        .or(detected);
    let cols: Vec<Column> = p
        .columns
        .iter()
        .map(|c| Column {
            name: c.clone(),
            code: c.clone(),
        })
        .collect();
    let mut attention = Vec::new();
    let mut fields = Vec::new();
    let remembered = remembered_mapping.is_some() && chosen.is_none() && columns.is_none();
    if let Some(k) = effective {
        let mut mapping = remembered_mapping
            .clone()
            .filter(|m| m.kind == Some(k))
            .unwrap_or_default();
        if let Some(overrides) = columns {
            for (f, c) in overrides {
                if c.is_empty() {
                    mapping.columns.remove(f);
                } else {
                    mapping.columns.insert(f.clone(), c.clone());
                }
            }
        }
        let mapped = kinds::map_fields(k, &cols, Some(&mapping));
        for f in kinds::fields(k) {
            // An explicit "not in this file" choice stays empty.
            let cleared = columns
                .and_then(|o| o.get(f.name))
                .is_some_and(|c| c.is_empty());
            let column = if cleared {
                None
            } else {
                mapped.get(f.name).map(|&i| p.columns[i].clone())
            };
            if f.required && column.is_none() {
                attention.push(format!(
                    "Choose the column that holds {}.",
                    field_label(f.name).to_lowercase()
                ));
            }
            fields.push(FieldChoice {
                field: f.name.into(),
                label: field_label(f.name),
                required: f.required,
                column,
            });
        }
        if k == Kind::Roster
            && !fields
                .iter()
                .any(|f| (f.field == "person_id" || f.field == "email") && f.column.is_some())
        {
            attention.push("Choose the column with the employee ID or the e-mail.".into());
        }
    } else {
        attention
            .push("Mentorscope could not tell what kind of file this is. Choose its kind.".into());
    }
    // A second kind that also explains the headers makes the guess weak.
    if chosen.is_none() && !remembered && effective != Some(Kind::Survey) {
        let fitting = Kind::ALL
            .into_iter()
            .filter(|k| kinds::score(*k, &cols).is_some())
            .count();
        if fitting > 1 {
            attention.push(
                "These headers fit more than one kind of file; check the kind is right.".into(),
            );
        }
    }
    let is_meetings_source = p.shape.source().is_some();
    if is_meetings_source {
        // Meetings of an attendance report or calendar have no columns to
        // choose: the fields come from the tool's own layout.
        fields.clear();
        attention.clear();
    }
    let is_survey = effective == Some(Kind::Survey);
    let wave = if is_survey {
        remembered_mapping
            .as_ref()
            .and_then(|m| m.wave.clone())
            .or(p.wave_guess.clone())
    } else {
        None
    };
    if is_survey && wave.is_none() {
        attention.push(
            "Name the survey wave (for example pre or post) so before and after can be compared."
                .into(),
        );
    }
    FilePreview {
        path: path.display().to_string(),
        file: p.file,
        kind: effective.map(|k| k.as_str().to_string()),
        kind_label: effective
            .map(|k| kind_label(k.as_str()))
            .unwrap_or_else(|| "Unknown".into()),
        kinds: kinds_list(),
        confident: attention.is_empty(),
        attention,
        shape_label: p.shape_label,
        encoding: p.encoding,
        delimiter: p.delimiter,
        columns: p.columns,
        fields,
        is_survey,
        wave,
        sample_rows: p.sample_rows.into_iter().take(5).collect(),
        remembered,
        error: None,
        sheet: p.sheet,
        sheets: p
            .sheets
            .into_iter()
            .map(|n| SheetChoice {
                importable: n.skipped_because.is_none(),
                note: n.skipped_because.unwrap_or_default(),
                name: n.sheet,
            })
            .collect(),
        is_meetings_source,
    }
}

/// One file to import with the user's choices.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct ImportRequest {
    pub path: String,
    pub kind: Option<String>,
    /// field → the file's header for it (only the fields the user set).
    pub columns: BTreeMap<String, String>,
    pub wave: Option<String>,
    /// Save the kind, columns and wave for files with the same headers.
    pub remember: bool,
    /// The one sheet of a workbook to import (`null`: every recognised sheet).
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportProgress {
    /// 0-based index of the file being imported.
    pub file_index: u32,
    pub file_count: u32,
    pub file: String,
    /// 0.0–1.0 through this file.
    pub fraction: f64,
}

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

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportOutcome {
    pub path: String,
    pub file: String,
    /// The workbook sheet (one outcome per imported sheet).
    pub sheet: Option<String>,
    pub report: Option<ImportReportView>,
    pub error: Option<ErrorView>,
    /// True when the user cancelled before this file started.
    pub cancelled: bool,
}

fn options_for(req: &ImportRequest) -> Result<ImportOptions> {
    let kind = match req.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(Kind::parse(k).ok_or_else(|| {
            Error::InvalidArgument(format!("“{k}” is not a kind of file Mentorscope knows"))
        })?),
        None => None,
    };
    let columns: BTreeMap<String, String> = req
        .columns
        .iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(f, c)| (f.clone(), c.clone()))
        .collect();
    let wave = req
        .wave
        .as_ref()
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty());
    Ok(ImportOptions {
        kind,
        sheet: req.sheet.clone().filter(|s| !s.is_empty()),
        as_of: None,
        wave: wave.clone(),
        mapping: (!columns.is_empty()).then(|| Mapping {
            kind,
            columns,
            date_orders: BTreeMap::new(),
            wave,
        }),
        dry_run: false,
    })
}

/// Imports the files (roster first, so identities resolve), each in its own
/// transaction. `cancel` is checked between files: a file that has started
/// finishes or rolls back as a whole.
pub fn import_requests(
    store: &mut Store,
    requests: &[ImportRequest],
    book: &mut MappingBook,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Vec<ImportOutcome> {
    let mut order: Vec<(u8, usize)> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let rank = r
                .kind
                .as_deref()
                .and_then(Kind::parse)
                .or_else(|| {
                    ingest::preview(Path::new(&r.path))
                        .ok()
                        .and_then(|p| p.kind)
                })
                .map(Kind::import_rank)
                .unwrap_or(u8::MAX);
            (rank, i)
        })
        .collect();
    order.sort();
    let count = requests.len() as u32;
    let mut out = Vec::new();
    for (n, (_, i)) in order.into_iter().enumerate() {
        let req = &requests[i];
        let path = PathBuf::from(&req.path);
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| req.path.clone());
        let mut outcome = ImportOutcome {
            path: req.path.clone(),
            file: file.clone(),
            sheet: None,
            report: None,
            error: None,
            cancelled: false,
        };
        if cancel.load(Ordering::SeqCst) {
            outcome.cancelled = true;
            out.push(outcome);
            continue;
        }
        progress(ImportProgress {
            file_index: n as u32,
            file_count: count,
            file: file.clone(),
            fraction: 0.0,
        });
        let result = options_for(req).and_then(|opts| {
            let mut last = -1.0f64;
            let reports = ingest::import_file_sheets(store, &path, &opts, &mut |f| {
                // A few hundred updates per file are plenty for a bar.
                if f - last >= 0.005 || f >= 1.0 {
                    last = f;
                    progress(ImportProgress {
                        file_index: n as u32,
                        file_count: count,
                        file: file.clone(),
                        fraction: f,
                    });
                }
            })?;
            let any = reports
                .iter()
                .any(|r| r.as_ref().is_ok_and(|r| r.import_id.is_some()));
            if req.remember && any {
                let m = ingest::mapping_for(&path, &opts)?;
                let headers = ingest::preview_sheet(&path, opts.sheet.as_deref())?.columns;
                book.remember(&headers, m)?;
            }
            Ok(reports)
        });
        match result {
            Ok(reports) => {
                let many = reports.len() > 1;
                for r in reports {
                    let mut o = outcome.clone();
                    match r {
                        Ok(r) => {
                            o.sheet = r.sheet.clone();
                            o.report = Some(ImportReportView::from(&r));
                        }
                        Err(e) => o.error = Some(ErrorView::from(&e)),
                    }
                    if many {
                        out.push(o);
                    } else {
                        outcome = o;
                    }
                }
                if many {
                    progress(ImportProgress {
                        file_index: n as u32,
                        file_count: count,
                        file: file.clone(),
                        fraction: 1.0,
                    });
                    continue;
                }
            }
            Err(e) => outcome.error = Some(ErrorView::from(&e)),
        }
        progress(ImportProgress {
            file_index: n as u32,
            file_count: count,
            file,
            fraction: 1.0,
        });
        out.push(outcome);
    }
    out
}

/// Which problems to export: an import's recorded problems, or (for a file
/// that imported nothing) the list the report showed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct ProblemsExport {
    pub import_id: Option<i64>,
    pub file: String,
    pub problems: Vec<ProblemView>,
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
    let file = match export.import_id {
        Some(id) => store.import(id)?.file_name,
        None => export.file.clone(),
    };
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
            neutralise(p.value.as_deref().unwrap_or("")),
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
    fn a_confirmed_mapping_is_remembered_for_the_same_headers() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        let mut book = MappingBook::beside(Some(&db));
        let headers = vec!["Staff No".to_string(), "Joined (date)".to_string()];
        let m = Mapping {
            kind: Some(Kind::Roster),
            ..Mapping::default()
        };
        book.remember(&headers, m.clone()).unwrap();
        let again = MappingBook::beside(Some(&db));
        let same_shape = vec!["staff no".to_string(), "Joined".to_string()];
        assert_eq!(again.lookup(&same_shape), Some(&m));
        assert_eq!(again.lookup(&["Other".to_string()]), None);
    }
}
