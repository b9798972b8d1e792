//! Importing the files program managers already have.
//!
//! bytes → text (`encoding`) → table layout and survey-tool shape (`table`)
//! → kind and column mapping (`kinds`) → typed, validated rows (`values`,
//! `rows`) → one transaction in the store, with every problem recorded per
//! row (line, column, value, reason). A row that cannot be used is skipped
//! and listed; a file that cannot be used imports nothing and says why.
//!
//! This module never prints: it returns an [`ImportReport`]. It never logs a
//! cell's contents either; values appear only in the report the user reads.

mod attendance;
mod calendar;
mod cells;
mod encoding;
mod import;
pub mod kinds;
mod meeting_store;
mod meetings;
pub mod meetups;
mod outcomes;
mod pass;
mod people;
mod rematch;
mod rows;
mod skills;
mod source;
mod survey;
pub mod table;
mod teams;
pub mod values;
pub mod workbook;

use std::path::Path;

use serde::Serialize;

pub use import::{
    import_bytes, import_bytes_sheets, import_file, import_file_sheets, import_file_with_progress,
    import_files, import_files_with_progress, mapping_for, mapping_with_marks, preview,
    preview_sheet,
};
pub use kinds::{Kind, Mapping};
pub use source::SheetNote;
pub use table::Shape;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row was not imported.
    Skipped,
    /// The row was imported; one value was left out or looks wrong.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Skipped => "skipped",
            Severity::Warning => "warning",
        }
    }
}

/// One problem with one row (or, with no line, with the whole file).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Problem {
    /// The CSV line, or the sheet row of a workbook.
    pub line: Option<u64>,
    /// Where it is as a spreadsheet user reads it (`Sheet1!C14`); `None`
    /// for CSV files, whose line and column say it.
    pub place: Option<String>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub reason: String,
    pub severity: Severity,
}

/// How a file's columns were understood.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnUse {
    pub column: String,
    /// The canonical field, or for surveys the question kind (`likert`,
    /// `zero_to_ten`, `text` …), or `ignored`.
    pub used_as: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub import_id: Option<i64>,
    pub kind: Kind,
    pub shape: Shape,
    pub shape_label: String,
    pub encoding: String,
    pub delimiter: String,
    pub wave: Option<String>,
    /// The sheet of a workbook this import read; `None` for CSV.
    pub sheet: Option<String>,
    /// Every sheet of the workbook and whether it was imported (empty for CSV).
    pub sheets: Vec<SheetNote>,
    pub columns: Vec<ColumnUse>,
    pub rows_total: u64,
    pub rows_imported: u64,
    pub rows_skipped: u64,
    /// Rows already in the database from an earlier import (overlapping
    /// exports), not imported again.
    pub rows_duplicate: u64,
    /// Meetings of an attendance report or calendar that matched no
    /// pairing: kept under unmatched meetings (`rematch` tries them again).
    pub rows_unmatched: u64,
    /// Where meetings came from (`teams`, `zoom`, `meet`, `calendar`).
    pub source: Option<String>,
    /// What became of each meeting of an attendance report or calendar
    /// (the first [`meetups::MEETINGS_SHOWN`]).
    pub meetings: Vec<meetups::MeetingOutcome>,
    /// After a roster or pairing sheet: what became of the meetings that
    /// were waiting unmatched.
    pub rematched_note: Option<String>,
    /// Set when this exact file was imported before; nothing changed.
    pub already_imported_as: Option<i64>,
    pub dry_run: bool,
    /// The first [`PROBLEMS_KEPT`] problems, in file order. Every problem is
    /// written to the database as it is found (`Store::problems` lists them
    /// all once the import is committed), so a file with a problem on each
    /// of millions of rows imports in bounded memory.
    pub problems: Vec<Problem>,
    /// How many problems were found, kept here or not.
    pub problems_total: u64,
}

impl ImportReport {
    pub(crate) fn empty(
        file: &str,
        kind: Kind,
        shape: Shape,
        encoding: String,
        delimiter: String,
        dry_run: bool,
    ) -> ImportReport {
        ImportReport {
            file: file.to_string(),
            import_id: None,
            kind,
            shape,
            shape_label: shape.label().to_string(),
            encoding,
            delimiter,
            wave: None,
            sheet: None,
            sheets: Vec::new(),
            columns: Vec::new(),
            rows_total: 0,
            rows_imported: 0,
            rows_skipped: 0,
            rows_duplicate: 0,
            rows_unmatched: 0,
            source: None,
            meetings: Vec::new(),
            rematched_note: None,
            already_imported_as: None,
            dry_run,
            problems: Vec::new(),
            problems_total: 0,
        }
    }
}

/// How many problems an [`ImportReport`] holds in memory; the rest are
/// only counted (and stored).
pub const PROBLEMS_KEPT: usize = 10_000;

const INSERT_PROBLEM: &str =
    "INSERT INTO import_problems (import_id, line, column_name, value, reason, severity, place)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// Stores one problem of an import in its transaction and counts it in the
/// report, keeping the first [`PROBLEMS_KEPT`] in memory.
pub(crate) fn record_problem(
    tx: &rusqlite::Transaction<'_>,
    import_id: i64,
    report: &mut ImportReport,
    problem: Problem,
) -> rusqlite::Result<()> {
    tx.prepare_cached(INSERT_PROBLEM)?
        .execute(rusqlite::params![
            import_id,
            problem.line.map(|l| l as i64),
            problem.column,
            problem.value,
            problem.reason,
            problem.severity.as_str(),
            problem.place
        ])?;
    report.problems_total += 1;
    if report.problems.len() < PROBLEMS_KEPT {
        report.problems.push(problem);
    }
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub kind: Option<Kind>,
    pub wave: Option<String>,
    pub mapping: Option<Mapping>,
    pub dry_run: bool,
    /// The one sheet of a workbook to import (default: every sheet whose
    /// headers are recognised).
    pub sheet: Option<String>,
    /// Recurring calendar series are expanded up to this day (default: the
    /// latest date the program holds, else today).
    pub as_of: Option<chrono::NaiveDate>,
}

/// What the importer recognised in a file, before anything is written: for
/// the import wizard's preview and for ordering several files.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file: String,
    pub kind: Option<Kind>,
    pub shape: Shape,
    pub shape_label: String,
    pub encoding: String,
    pub delimiter: String,
    pub columns: Vec<String>,
    pub mapping: Mapping,
    pub wave_guess: Option<String>,
    /// First data rows, as text.
    pub sample_rows: Vec<Vec<String>>,
    /// The sheet previewed, for a workbook.
    pub sheet: Option<String>,
    /// Every sheet of a workbook and whether it would be imported.
    pub sheets: Vec<SheetNote>,
}

pub(crate) use source::Source;

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// A workbook's sheets to import (kind, source) and a note on every sheet.
pub(crate) type SheetSources = (Vec<(Kind, Source<'static>)>, Vec<SheetNote>);

/// The sheets of a workbook to import, each with its kind, in import order
/// (roster first), and what became of every sheet. `max_rows` reads only
/// the first rows of each (a preview). A workbook with no sheet to import
/// is an error that says why for each sheet.
pub(crate) fn sheet_sources(
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
    max_rows: Option<usize>,
) -> Result<SheetSources> {
    let not_a_table = |reason: String| Error::NotATable {
        file: path.to_path_buf(),
        reason,
    };
    let mut book = workbook::open(bytes).map_err(not_a_table)?;
    let file_sha = hex(&sha2::Digest::finalize(
        <sha2::Sha256 as sha2::Digest>::new_with_prefix(bytes),
    ));
    let all = book.sheets();
    if let Some(want) = &opts.sheet {
        if !all.iter().any(|(n, _)| n == want) {
            let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
            return Err(not_a_table(format!(
                "this workbook has no sheet named “{want}”; its sheets are: {}",
                names.join(", ")
            )));
        }
    }
    let mut notes = Vec::new();
    let mut chosen = Vec::new();
    for (name, state) in &all {
        let picked = opts.sheet.as_deref() == Some(name.as_str());
        if opts.sheet.is_some() && !picked {
            notes.push(SheetNote {
                sheet: name.clone(),
                skipped_because: Some("another sheet was chosen".into()),
            });
            continue;
        }
        if let (Some(why), false) = (source::sheet_state_reason(*state), picked) {
            notes.push(SheetNote {
                sheet: name.clone(),
                skipped_because: Some(why.into()),
            });
            continue;
        }
        let table = book.read_sheet(name, max_rows).map_err(not_a_table)?;
        if source::looks_like_crosstab(&table) {
            let why = "it is a summary table (a crosstab of percentages with \"Unweighted n\" rows), not one row per response. Export the individual responses instead (SurveyMonkey: Analyze > Save As > Export file > All individual responses, as CSV or XLSX)";
            if all.len() == 1 || picked {
                return Err(Error::UnknownKind {
                    file: path.to_path_buf(),
                    reason: format!("sheet “{name}”: {why}"),
                });
            }
            notes.push(SheetNote {
                sheet: name.clone(),
                skipped_because: Some(why.into()),
            });
            continue;
        }
        let src = match source::sheet_source(path, &file_sha, book.format, table) {
            Ok(s) => s,
            Err(why) => {
                notes.push(SheetNote {
                    sheet: name.clone(),
                    skipped_because: Some(why),
                });
                continue;
            }
        };
        match resolve_kind(&src, opts) {
            Ok(k) => {
                notes.push(SheetNote {
                    sheet: name.clone(),
                    skipped_because: None,
                });
                chosen.push((k, src));
            }
            Err(e) => {
                let why = match &e {
                    Error::UnknownKind { reason, .. } => reason.clone(),
                    other => other.to_string(),
                };
                if picked || all.len() == 1 {
                    return Err(e);
                }
                notes.push(SheetNote {
                    sheet: name.clone(),
                    skipped_because: Some(why),
                });
            }
        }
    }
    if chosen.is_empty() {
        let list: Vec<String> = notes
            .iter()
            .map(|n| {
                format!(
                    "“{}”: {}",
                    n.sheet,
                    n.skipped_because.as_deref().unwrap_or("")
                )
            })
            .collect();
        return Err(Error::UnknownKind {
            file: path.to_path_buf(),
            reason: format!(
                "no sheet of this workbook could be imported ({})",
                list.join("; ")
            ),
        });
    }
    chosen.sort_by_key(|(k, _)| k.import_rank());
    Ok((chosen, notes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn delimiter_name(d: u8) -> String {
    match d {
        b',' => "comma".into(),
        b';' => "semicolon".into(),
        b'\t' => "tab".into(),
        b'|' => "pipe".into(),
        other => format!("`{}`", other as char),
    }
}

fn resolve_kind(src: &Source<'_>, opts: &ImportOptions) -> Result<Kind> {
    if let Some(k) = opts.kind.or(opts.mapping.as_ref().and_then(|m| m.kind)) {
        return Ok(k);
    }
    // A wide skills sheet (one column per skill area) has no fixed headers
    // to score, so it is recognised from its ratings first.
    if skills::looks_wide(src) {
        return Ok(Kind::Skills);
    }
    if let Some(k) = kinds::detect(src.layout.shape, &src.layout.columns) {
        return Ok(k);
    }
    if survey::has_likert_column(src) {
        return Ok(Kind::Survey);
    }
    Err(Error::UnknownKind {
        file: src.file.clone(),
        reason: format!(
            "could not tell what kind of file this is from its headers ({}). Mentorscope reads rosters (Employee ID, Hire Date …), pairings (Mentor, Mentee …), meetings (Date, Mentor, Mentee …), surveys, milestones (Employee ID, Milestone, Date), team metrics (Team, Week, Deployments …) and skill assessments (Employee ID, Wave, Skill area, Rating …). If it is one of these, choose the kind with --kind",
            headers_for_message(&src.layout.columns, 12)
        ),
    })
}

/// The header names, for a message — unless the "header" is really a row of
/// data (a file exported without its header row), whose names and e-mails
/// must not end up in messages, logs and error reports.
pub(crate) fn headers_for_message(columns: &[table::Column], max: usize) -> String {
    let looks_like_data = columns.iter().any(|c| {
        let v = c.name.trim();
        v.contains('@')
            || matches!(
                values::parse_datetime(v, values::DateOrder::Mdy),
                Ok(Some(_))
            )
            || matches!(values::parse_number(v, false), Ok(Some(_)))
    });
    if looks_like_data {
        return "the first line holds e-mail addresses, dates or numbers, so it looks like data, not column names; export the file with its header row".into();
    }
    let names: Vec<&str> = columns.iter().take(max).map(|c| c.name.as_str()).collect();
    format!(
        "{}{}",
        names.join(", "),
        if columns.len() > max { ", …" } else { "" }
    )
}
