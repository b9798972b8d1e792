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

mod encoding;
pub mod kinds;
mod rows;
pub mod table;
pub mod values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use kinds::{Kind, Mapping};
pub use table::Shape;

use crate::error::{Error, Result};
use crate::store::Store;

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
    pub line: Option<u64>,
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
    pub columns: Vec<ColumnUse>,
    pub rows_total: u64,
    pub rows_imported: u64,
    pub rows_skipped: u64,
    /// Rows already in the database from an earlier import (overlapping
    /// exports), not imported again.
    pub rows_duplicate: u64,
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

/// How many problems an [`ImportReport`] holds in memory; the rest are
/// only counted (and stored).
pub const PROBLEMS_KEPT: usize = 10_000;

const INSERT_PROBLEM: &str =
    "INSERT INTO import_problems (import_id, line, column_name, value, reason, severity)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

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
            problem.severity.as_str()
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
}

pub(crate) struct Source<'a> {
    pub file: PathBuf,
    pub sha256: String,
    pub text: std::borrow::Cow<'a, str>,
    pub encoding: &'static str,
    pub replaced: usize,
    pub layout: table::Layout,
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

pub(crate) fn open_source<'a>(path: &Path, bytes: &'a [u8]) -> Result<Source<'a>> {
    let not_a_table = |reason: &str| Error::NotATable {
        file: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(not_a_table(
            "the file is empty: it has no header row and no data",
        ));
    }
    if let Some(why) = encoding::refuse_binary(bytes) {
        return Err(not_a_table(why));
    }
    let decoded = encoding::decode(bytes).map_err(not_a_table)?;
    let delimiter = table::sniff_delimiter(&decoded.text);
    let layout = table::layout(&decoded.text, delimiter).map_err(|r| not_a_table(&r))?;
    if layout.columns.len() < 2 {
        return Err(not_a_table(
            "only one column was found, so this does not look like a table; check that the file is a CSV export (comma, semicolon or tab separated)",
        ));
    }
    let sha256 = hex(&Sha256::digest(bytes));
    Ok(Source {
        file: path.to_path_buf(),
        sha256,
        encoding: decoded.encoding,
        replaced: decoded.replaced,
        text: decoded.text,
        layout,
    })
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
    if let Some(k) = kinds::detect(src.layout.shape, &src.layout.columns) {
        return Ok(k);
    }
    if rows::has_likert_column(src) {
        return Ok(Kind::Survey);
    }
    Err(Error::UnknownKind {
        file: src.file.clone(),
        reason: format!(
            "could not tell what kind of file this is from its headers ({}). Mentorscope reads rosters (Employee ID, Hire Date …), pairings (Mentor, Mentee …), meetings (Date, Mentor, Mentee …), surveys, milestones (Employee ID, Milestone, Date) and team metrics (Team, Week, Deployments …). If it is one of these, choose the kind with --kind",
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

/// How much of a file a preview reads: enough for the header rows, the
/// delimiter and sample rows, without reading a million-row file twice.
const PREVIEW_BYTES: u64 = 1 << 20;

fn read_head(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    f.take(PREVIEW_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 == PREVIEW_BYTES {
        // Cut at the last line break so no half record is sniffed.
        if let Some(i) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes.truncate(i + 1);
        }
    }
    Ok(bytes)
}

/// Recognises a file without importing it (from its first megabyte).
pub fn preview(path: &Path) -> Result<Preview> {
    let bytes = read_head(path)?;
    let src = open_source(path, &bytes)?;
    let kind = resolve_kind(&src, &ImportOptions::default()).ok();
    let mapping = match kind {
        Some(k) => {
            let fields = kinds::map_fields(k, &src.layout.columns, None);
            Mapping {
                kind: Some(k),
                columns: fields
                    .iter()
                    .map(|(f, &i)| (f.to_string(), src.layout.columns[i].name.clone()))
                    .collect(),
                ..Mapping::default()
            }
        }
        None => Mapping::default(),
    };
    let sample_rows = table::data_records(&src.text, &src.layout)
        .take(8)
        .filter_map(|r| r.ok())
        .map(|(_, rec)| rec.iter().map(str::to_string).collect())
        .collect();
    Ok(Preview {
        file: display_name(path),
        kind,
        shape: src.layout.shape,
        shape_label: src.layout.shape.label().to_string(),
        encoding: src.encoding.to_string(),
        delimiter: delimiter_name(src.layout.delimiter),
        columns: src.layout.columns.iter().map(|c| c.name.clone()).collect(),
        mapping,
        wave_guess: kinds::guess_wave(&display_name(path)),
        sample_rows,
    })
}

/// Imports one file in one transaction.
pub fn import_file(store: &mut Store, path: &Path, opts: &ImportOptions) -> Result<ImportReport> {
    import_file_with_progress(store, path, opts, &mut |_| {})
}

/// As [`import_file`], calling `progress` with the fraction of rows done
/// (0.0–1.0) now and then, for a progress bar.
pub fn import_file_with_progress(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<ImportReport> {
    let bytes = read(path)?;
    import_bytes(store, path, &bytes, opts, progress)
}

/// Imports a file's bytes; `path` names it in the report and history.
pub fn import_bytes(
    store: &mut Store,
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<ImportReport> {
    let src = open_source(path, bytes)?;
    let kind = resolve_kind(&src, opts)?;
    if table::data_records(&src.text, &src.layout).next().is_none() {
        // Recording an import of nothing would only clutter the history.
        return Err(Error::NotATable {
            file: path.to_path_buf(),
            reason: "the file has its header row(s) but no data rows, so there is nothing to import; check that the export included the data".into(),
        });
    }
    let file = display_name(path);

    let wave = (kind == Kind::Survey).then(|| {
        opts.wave
            .clone()
            .or_else(|| opts.mapping.as_ref().and_then(|m| m.wave.clone()))
            .or_else(|| kinds::guess_wave(&file))
            .unwrap_or_else(|| {
                // No wave named or guessable: the file's own name keeps
                // distinct exports apart and tells the user which one it was.
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "survey".into())
            })
    });

    let mut report = ImportReport {
        file: file.clone(),
        import_id: None,
        kind,
        shape: src.layout.shape,
        shape_label: src.layout.shape.label().to_string(),
        encoding: src.encoding.to_string(),
        delimiter: delimiter_name(src.layout.delimiter),
        wave: wave.clone(),
        columns: Vec::new(),
        rows_total: 0,
        rows_imported: 0,
        rows_skipped: 0,
        rows_duplicate: 0,
        already_imported_as: None,
        dry_run: opts.dry_run,
        problems: Vec::new(),
        problems_total: 0,
    };

    if let Some(prev) = store.find_import_by_sha(&src.sha256)? {
        // Same bytes as before: nothing to do, and say so.
        report.already_imported_as = Some(prev.id);
        report.rows_total = prev.rows_total as u64;
        report.rows_duplicate = prev.rows_total as u64;
        return Ok(report);
    }

    let mut early = Vec::new();
    if src.replaced > 0 {
        early.push(Problem {
            line: None,
            column: None,
            value: None,
            reason: format!(
                "{} byte(s) could not be read as {} and were replaced with `\u{FFFD}`; re-export the file as UTF-8 if names look wrong",
                src.replaced, src.encoding
            ),
            severity: Severity::Warning,
        });
    }

    let tx = store.transaction()?;
    tx.execute(
        "INSERT INTO imports (file_name, sha256, kind, shape, wave, encoding, delimiter,
            rows_total, rows_imported, rows_skipped, rows_duplicate, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, 0, 0, ?8)",
        rusqlite::params![
            file,
            src.sha256,
            kind.as_str(),
            src.layout.shape.label(),
            wave,
            src.encoding,
            delimiter_name(src.layout.delimiter),
            chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
        ],
    )?;
    let import_id = tx.last_insert_rowid();
    for problem in early {
        record_problem(&tx, import_id, &mut report, problem)?;
    }

    let mut ctx = rows::Context {
        tx: &tx,
        import_id,
        src: &src,
        opts,
        wave: wave.as_deref(),
        report: &mut report,
        progress,
        problem_write_error: None,
    };
    rows::import_rows(kind, &mut ctx)?;
    if let Some(e) = ctx.problem_write_error.take() {
        return Err(e.into());
    }

    if report.rows_imported == 0 && report.rows_duplicate == 0 && report.rows_total > 0 {
        // Every row failed: recording an empty import would only clutter the
        // history. The report still lists why each row was skipped.
        drop(tx);
        return Ok(report);
    }

    tx.execute(
        "UPDATE imports SET rows_total = ?2, rows_imported = ?3, rows_skipped = ?4, rows_duplicate = ?5 WHERE id = ?1",
        rusqlite::params![
            import_id,
            report.rows_total as i64,
            report.rows_imported as i64,
            report.rows_skipped as i64,
            report.rows_duplicate as i64
        ],
    )?;
    if opts.dry_run {
        drop(tx);
    } else {
        tx.commit()?;
        report.import_id = Some(import_id);
    }
    Ok(report)
}

/// Imports several files, roster first so that identities in the others
/// resolve whatever order they were given in. Each file is its own
/// transaction; one file's failure does not stop the others.
pub fn import_files(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &ImportOptions,
) -> Vec<(PathBuf, Result<ImportReport>)> {
    let mut ordered: Vec<(u8, usize, &PathBuf)> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let rank = opts
                .kind
                .or_else(|| preview(p).ok().and_then(|pv| pv.kind))
                .map(Kind::import_rank)
                .unwrap_or(u8::MAX);
            (rank, i, p)
        })
        .collect();
    ordered.sort();
    ordered
        .into_iter()
        .map(|(_, _, p)| (p.clone(), import_file(store, p, opts)))
        .collect()
}

/// The mapping that an import used, to save and reuse next month.
pub fn mapping_for(path: &Path, opts: &ImportOptions) -> Result<Mapping> {
    let bytes = read(path)?;
    let src = open_source(path, &bytes)?;
    let kind = resolve_kind(&src, opts)?;
    let fields = kinds::map_fields(kind, &src.layout.columns, opts.mapping.as_ref());
    let date_orders: BTreeMap<_, _> = opts
        .mapping
        .as_ref()
        .map(|m| m.date_orders.clone())
        .unwrap_or_default();
    Ok(Mapping {
        kind: Some(kind),
        columns: fields
            .iter()
            .map(|(f, &i)| (f.to_string(), src.layout.columns[i].name.clone()))
            .collect(),
        date_orders,
        wave: opts.wave.clone(),
    })
}
