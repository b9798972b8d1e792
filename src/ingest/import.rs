//! The import itself: a file (CSV text, or each recognised sheet of a
//! workbook) → one transaction each, with the import recorded, its problems
//! stored as they are found, and the same bytes (or sheet) never imported
//! twice. Also the preview the wizard shows before anything is written.
//!
//! It decides nothing about rows (that is `rows`) and never prints.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::source::{Body, SheetNote, Source};
use super::{
    delimiter_name, display_name, kinds, meetups, read, record_problem, resolve_kind, rows,
    sheet_sources, workbook, ImportOptions, ImportReport, Kind, Mapping, Preview, Problem,
    Severity,
};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::timing::timed;

/// How much of a CSV a preview reads: enough for the header rows, the
/// delimiter and sample rows, without reading a million-row file twice.
const PREVIEW_BYTES: u64 = 1 << 20;
/// Rows of each sheet a workbook preview keeps.
const PREVIEW_ROWS: usize = 80;

fn read_head(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    f.take(PREVIEW_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if workbook::is_container(&bytes) {
        // A workbook is a zip: it cannot be read from its head.
        return read(path);
    }
    if bytes.len() as u64 == PREVIEW_BYTES {
        // Cut at the last line break so no half record is sniffed.
        if let Some(i) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes.truncate(i + 1);
        }
    }
    Ok(bytes)
}

/// Recognises a file without importing it (a CSV from its first megabyte;
/// a workbook's first recognised sheet).
pub fn preview(path: &Path) -> Result<Preview> {
    preview_sheet(path, None)
}

/// As [`preview`], of one sheet of a workbook (`None`: the first one that
/// would be imported).
pub fn preview_sheet(path: &Path, sheet: Option<&str>) -> Result<Preview> {
    let bytes = read_head(path)?;
    if !workbook::is_container(&bytes) {
        let until = chrono::Local::now().date_naive();
        if let Some((file, encoding)) = meetups::recognise(path, &bytes, until)? {
            return Ok(meetings_preview(path, &file, encoding));
        }
    }
    let (src, kind, sheets) = if workbook::is_container(&bytes) {
        // What an import would do with every sheet, whichever is shown.
        let (mut chosen, notes) =
            sheet_sources(path, &bytes, &ImportOptions::default(), Some(PREVIEW_ROWS))?;
        if let Some(name) = sheet {
            let opts = ImportOptions {
                sheet: Some(name.to_string()),
                ..ImportOptions::default()
            };
            chosen = sheet_sources(path, &bytes, &opts, Some(PREVIEW_ROWS))?.0;
        }
        // The sheet asked for, else the first in workbook order (not import
        // order).
        let first = sheet.map(str::to_string).or_else(|| {
            notes
                .iter()
                .find(|n| n.skipped_because.is_none())
                .map(|n| n.sheet.clone())
        });
        let i = chosen
            .iter()
            .position(|(_, s)| s.sheet().map(str::to_string) == first)
            .unwrap_or(0);
        let (k, s) = chosen.remove(i);
        (s, Some(k), notes)
    } else {
        let s = super::source::text_source(path, &bytes)?;
        let k = resolve_kind(&s, &ImportOptions::default()).ok();
        (s, k, Vec::new())
    };
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
    let sample_rows = src
        .records()
        .take(8)
        .filter_map(|r| r.ok())
        .map(|(_, rec)| rec.iter().map(str::to_string).collect())
        .collect();
    Ok(Preview {
        file: display_name(path),
        kind,
        shape: src.layout.shape,
        shape_label: src.layout.shape.label().to_string(),
        encoding: src.encoding.clone(),
        delimiter: delimiter_of(&src),
        columns: src.layout.columns.iter().map(|c| c.name.clone()).collect(),
        mapping,
        wave_guess: kinds::guess_wave(&display_name(path)),
        sample_rows,
        sheet: src.sheet().map(str::to_string),
        sheets,
    })
}

/// An attendance report or calendar: its meetings as rows.
fn meetings_preview(
    path: &Path,
    file: &super::attendance::MeetingFile,
    encoding: String,
) -> Preview {
    Preview {
        file: display_name(path),
        kind: Some(Kind::Meetings),
        shape: file.shape,
        shape_label: file.shape.label().to_string(),
        encoding,
        delimiter: "—".into(),
        columns: vec!["Start".into(), "Title".into(), "Attendees".into()],
        mapping: Mapping {
            kind: Some(Kind::Meetings),
            ..Mapping::default()
        },
        wave_guess: None,
        sample_rows: file
            .meetings
            .iter()
            .take(8)
            .map(|m| {
                let who: Vec<String> = m.attendees.iter().map(|a| a.shown()).collect();
                vec![
                    super::values::iso_stamp(m.start),
                    m.title.clone().unwrap_or_default(),
                    who.join(", "),
                ]
            })
            .collect(),
        sheet: None,
        sheets: Vec::new(),
    }
}

fn delimiter_of(src: &Source<'_>) -> String {
    match src.body {
        Body::Sheet(_) => "cells".into(),
        Body::Text(_) => delimiter_name(src.layout.delimiter),
    }
}

/// Imports one file in one transaction (a workbook: each recognised sheet
/// in its own; the first sheet's report is returned, see
/// [`import_file_sheets`] for all of them).
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

/// Imports every table of a file: a CSV's one, or each recognised sheet of
/// a workbook (one transaction each). The outer error is a file that cannot
/// be used at all; each sheet then succeeds or fails on its own.
pub fn import_file_sheets(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<Vec<Result<ImportReport>>> {
    let bytes = read(path)?;
    import_bytes_sheets(store, path, &bytes, opts, progress)
}

/// Imports a file's bytes; `path` names it in the report and history.
pub fn import_bytes(
    store: &mut Store,
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<ImportReport> {
    import_bytes_sheets(store, path, bytes, opts, progress)?
        .into_iter()
        .next()
        .unwrap_or_else(|| {
            Err(Error::NotATable {
                file: path.to_path_buf(),
                reason: "nothing in this file could be imported".into(),
            })
        })
}

/// As [`import_file_sheets`], from bytes.
pub fn import_bytes_sheets(
    store: &mut Store,
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<Vec<Result<ImportReport>>> {
    store.bulk_write(|store| import_tables(store, path, bytes, opts, progress))
}

fn import_tables(
    store: &mut Store,
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<Vec<Result<ImportReport>>> {
    if !workbook::is_container(bytes) {
        if matches!(opts.kind, None | Some(Kind::Meetings)) {
            let until = opts.as_of.unwrap_or_else(|| meetups::default_until(store));
            if let Some((file, encoding)) = meetups::recognise(path, bytes, until)? {
                return Ok(vec![meetups::import(
                    store, path, bytes, file, encoding, opts,
                )]);
            }
        }
        let (src, kind) = timed("import: decode and detect", || {
            let src = super::source::text_source(path, bytes)?;
            let kind = resolve_kind(&src, opts)?;
            Ok::<_, Error>((src, kind))
        })?;
        return Ok(vec![import_source(
            store,
            path,
            &src,
            kind,
            opts,
            Vec::new(),
            progress,
        )]);
    }
    let (sources, notes) = sheet_sources(path, bytes, opts, None)?;
    let n = sources.len().max(1) as f64;
    Ok(sources
        .into_iter()
        .enumerate()
        .map(|(i, (kind, src))| {
            let mut part = |f: f64| progress((i as f64 + f) / n);
            import_source(store, path, &src, kind, opts, notes.clone(), &mut part)
        })
        .collect())
}

fn import_source(
    store: &mut Store,
    path: &Path,
    src: &Source<'_>,
    kind: Kind,
    opts: &ImportOptions,
    sheets: Vec<SheetNote>,
    progress: &mut dyn FnMut(f64),
) -> Result<ImportReport> {
    let sheet = src.sheet().map(str::to_string);
    if src.records().next().is_none() {
        // Recording an import of nothing would only clutter the history.
        let whose = match &sheet {
            Some(s) => format!("sheet “{s}” has"),
            None => "the file has".into(),
        };
        return Err(Error::NotATable {
            file: path.to_path_buf(),
            reason: format!("{whose} its header row(s) but no data rows, so there is nothing to import; check that the export included the data"),
        });
    }
    let file = display_name(path);

    let wave = (kind == Kind::Survey).then(|| {
        opts.wave
            .clone()
            .or_else(|| opts.mapping.as_ref().and_then(|m| m.wave.clone()))
            .or_else(|| kinds::guess_wave(&file))
            .or_else(|| sheet.as_deref().and_then(kinds::guess_wave))
            .unwrap_or_else(|| {
                // No wave named or guessable: the file's own name keeps
                // distinct exports apart and tells the user which one it was.
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "survey".into())
            })
    });

    let mut report = ImportReport::empty(
        &file,
        kind,
        src.layout.shape,
        src.encoding.clone(),
        delimiter_of(src),
        opts.dry_run,
    );
    report.wave = wave.clone();
    report.sheet = sheet.clone();
    report.sheets = sheets;

    if let Some(prev) = store.find_import_by_sha(&src.sha256)? {
        // Same bytes as before: nothing to do, and say so.
        report.already_imported_as = Some(prev.id);
        report.rows_total = prev.rows_total as u64;
        report.rows_duplicate = prev.rows_total as u64;
        return Ok(report);
    }

    let mut early = Vec::new();
    let file_problem = |reason: String| Problem {
        line: None,
        place: None,
        column: None,
        value: None,
        reason,
        severity: Severity::Warning,
    };
    if src.replaced > 0 {
        early.push(file_problem(format!(
            "{} byte(s) could not be read as {} and were replaced with `\u{FFFD}`; re-export the file as UTF-8 if names look wrong",
            src.replaced, src.encoding
        )));
    }
    if src.pretending.is_some() {
        early.push(file_problem(
            "this file has a workbook's name but is CSV text inside; it was read as CSV".into(),
        ));
    }
    if let Body::Sheet(t) = &src.body {
        for n in &t.notes {
            let col = n
                .col
                .checked_sub(t.first_col)
                .and_then(|i| src.layout.columns.get(i as usize))
                .map(|c| c.name.clone());
            early.push(Problem {
                line: Some(n.row),
                place: Some(format!(
                    "{}!{}{}",
                    super::source::quote_sheet(&t.name),
                    workbook::column_letters(n.col),
                    n.row
                )),
                column: col,
                value: Some(n.value.clone()),
                reason: n.reason.clone(),
                severity: Severity::Warning,
            });
        }
        if t.notes_dropped > 0 {
            early.push(file_problem(format!(
                "{} more cells of this sheet had the same kinds of problem and are not listed one by one",
                t.notes_dropped
            )));
        }
    }

    let tx = store.transaction()?;
    tx.execute(
        "INSERT INTO imports (file_name, sha256, kind, shape, wave, encoding, delimiter,
            rows_total, rows_imported, rows_skipped, rows_duplicate, imported_at, sheet)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, 0, 0, ?8, ?9)",
        rusqlite::params![
            file,
            src.sha256,
            kind.as_str(),
            src.layout.shape.label(),
            wave,
            src.encoding,
            delimiter_of(src),
            chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
            sheet,
        ],
    )?;
    let import_id = tx.last_insert_rowid();
    for problem in early {
        record_problem(&tx, import_id, &mut report, problem)?;
    }

    let mut ctx = rows::Context {
        tx: &tx,
        import_id,
        src,
        opts,
        wave: wave.as_deref(),
        report: &mut report,
        progress,
        problem_write_error: None,
        dates: None,
        progress_shown: 0.0,
    };
    timed("import: rows", || rows::import_rows(kind, &mut ctx))?;
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
        timed("import: commit", || tx.commit())?;
        report.import_id = Some(import_id);
        if matches!(kind, Kind::Roster | Kind::Pairings) {
            rematch_after(store, &mut report);
        }
    }
    Ok(report)
}

/// A new roster or pairing sheet may be the fix that unmatched meetings of
/// earlier attendance reports and calendars were waiting for: they are
/// tried again at once (their own transaction; the import stands whatever
/// happens here).
fn rematch_after(store: &mut Store, report: &mut ImportReport) {
    let waiting = store
        .status()
        .map(|s| s.unmatched_meetings > 0)
        .unwrap_or(false);
    if !waiting {
        return;
    }
    let note = match meetups::rematch(store) {
        Ok(r) if r.matched > 0 => format!(
            "{} meeting(s) of earlier attendance reports or calendars now match a pairing and were added; {} still match none",
            r.matched, r.still_unmatched
        ),
        Ok(_) => return,
        Err(e) => format!("the unmatched meetings could not be matched again ({e}); run `mentorscope rematch`"),
    };
    report.rematched_note = Some(note);
}

/// Imports several files, roster first so that identities in the others
/// resolve whatever order they were given in. Each file (each sheet of a
/// workbook) is its own transaction; one failure does not stop the others.
/// A workbook gives one entry per imported sheet.
pub fn import_files(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &ImportOptions,
) -> Vec<(PathBuf, Result<ImportReport>)> {
    import_files_with_progress(store, paths, opts, &mut |_, _| {})
}

/// As [`import_files`], calling `progress` with the file and the fraction
/// of its rows done (0.0–1.0) now and then. Every call is made inside that
/// file's transaction, after the import is recorded and before it commits,
/// so a call says the transaction is open (the kill tests rely on this).
pub fn import_files_with_progress(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(&Path, f64),
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
    let mut out = Vec::new();
    for (_, _, p) in ordered {
        match import_file_sheets(store, p, opts, &mut |f| progress(p, f)) {
            Ok(results) => out.extend(results.into_iter().map(|r| (p.clone(), r))),
            Err(e) => out.push((p.clone(), Err(e))),
        }
    }
    out
}

/// The mapping that an import used, with the marks the program's survey
/// items carry (reverse-coded, declared scales) so next month's export of
/// the same survey, into a new program database, is read the same way.
pub fn mapping_with_marks(store: &Store, path: &Path, opts: &ImportOptions) -> Result<Mapping> {
    let mut m = mapping_for(path, opts)?;
    if m.kind != Some(Kind::Survey) {
        return Ok(m);
    }
    let headers = preview_sheet(path, opts.sheet.as_deref())?.columns;
    for h in headers {
        if m.columns.values().any(|c| c == &h) {
            continue;
        }
        let (reverse, scale) = store.item_marks(&h)?;
        if reverse || scale.is_some() {
            m.items
                .insert(h, crate::store::ItemMarks { reverse, scale });
        }
    }
    Ok(m)
}

/// The mapping that an import used, to save and reuse next month.
pub fn mapping_for(path: &Path, opts: &ImportOptions) -> Result<Mapping> {
    let bytes = read(path)?;
    let src = if workbook::is_container(&bytes) {
        let (mut chosen, _) = sheet_sources(path, &bytes, opts, Some(PREVIEW_ROWS))?;
        chosen.remove(0).1
    } else {
        super::source::text_source(path, &bytes)?
    };
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
        items: opts
            .mapping
            .as_ref()
            .map(|m| m.items.clone())
            .unwrap_or_default(),
    })
}
