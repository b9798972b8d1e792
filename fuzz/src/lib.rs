//! The bodies of the fuzz targets, shared by the long libFuzzer runs
//! (`fuzz_targets/*.rs`, nightly, `cargo fuzz run …`) and the short smoke
//! run in the normal test suite (`tests/robustness_fuzz.rs` includes this
//! file on stable), so both exercise the same code with the same checks.
//!
//! A body panics when the library panics or when one of the promises of
//! INPUTS.md does not hold for the input: errors name the file (and a line
//! that exists), a report's counts add up, a refused file changes nothing,
//! re-importing changes nothing, undo restores the database, and every value
//! the importer would store reads back as itself. It depends on nothing but
//! the library's public API.

use std::path::Path;

use mentorscope::error::ErrorCode;
use mentorscope::ingest::values::{self, DateOrder, DateOrderEvidence, LABEL_SETS};
use mentorscope::ingest::{self, kinds, ImportOptions, ImportReport, Kind};
use mentorscope::{Error, Store};

/// The name the fuzzed file is imported under (a survey wave is guessed
/// from it, and every message about it must carry it).
pub const FILE_NAME: &str = "fuzzed-pre.csv";

/// A roster imported before every fuzzed file, so pairings, meetings,
/// milestones and survey respondents can resolve to people.
pub const ROSTER: &[u8] =
    b"Employee ID,Full Name,Work Email,Department,Job Level,Hire Date,Termination Date\n\
E1,Ana Silva,ana@example.com,Data,L2,2024-01-02,\n\
E2,Bo Chen,bo@example.com,Data,L3,3/4/2024,\n\
E3,Cy Diaz,cy@example.com,Web,L2,2024-05-06,2025-06-30\n\
E4,Di Eto,di@example.com,Web,L4,2023-11-30,\n";

/// How the first byte of a fuzz input chooses the import options: bytes
/// 1–6 force a kind (in `Kind::ALL` order), 7 asks for a dry run; the rest
/// is the file. Any other first byte is part of the file, so plain CSV seeds
/// work as they are.
pub fn split_options(data: &[u8]) -> (ImportOptions, &[u8]) {
    match data.first() {
        Some(&b) if (1..=6).contains(&b) => (
            ImportOptions {
                kind: Some(Kind::ALL[usize::from(b - 1)]),
                ..Default::default()
            },
            &data[1..],
        ),
        Some(7) => (
            ImportOptions {
                dry_run: true,
                ..Default::default()
            },
            &data[1..],
        ),
        _ => (ImportOptions::default(), data),
    }
}

/// The highest line number a message about these bytes may name: every
/// line break (LF, CR or CRLF counted twice, which only loosens the bound)
/// plus one.
fn max_line(bytes: &[u8]) -> u64 {
    1 + bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64
}

/// What became of one fuzzed file (the smoke test checks that its inputs
/// reach all three).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Refused as a whole, with a well-formed error.
    Refused,
    /// Imported (or, in a dry run, would have been) with at least one row.
    Imported,
    /// Read, but nothing recorded: no rows, or every row skipped.
    NothingRecorded,
}

/// Bytes → detected encoding, shape and kind → records, into a fresh
/// in-memory store that already holds [`ROSTER`].
pub fn import(data: &[u8]) -> Outcome {
    let (opts, bytes) = split_options(data);
    let mut store = Store::open_in_memory().expect("an in-memory store opens");
    ingest::import_bytes(
        &mut store,
        Path::new("roster.csv"),
        ROSTER,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .expect("the fixed roster imports");
    let before = store.status().expect("status");

    let mut last = 0.0f64;
    // A workbook imports each recognised sheet in its own transaction; a
    // CSV, attendance report or calendar is one.
    let result =
        ingest::import_bytes_sheets(&mut store, Path::new(FILE_NAME), bytes, &opts, &mut |p| {
            assert!(
                (0.0..=1.0).contains(&p) && p >= last,
                "progress must rise within 0..=1: {last} then {p}"
            );
            last = p;
        });
    let after = store.status().expect("status after the import");
    let reports = match result {
        Err(e) => {
            check_error(&e, bytes);
            assert_eq!(after, before, "a refused file changed the database: {e}");
            return Outcome::Refused;
        }
        Ok(results) => results,
    };
    let mut ids = Vec::new();
    let mut any_rows = false;
    let mut refused = 0;
    for result in &reports {
        match result {
            Err(e) => {
                check_error(e, bytes);
                refused += 1;
            }
            Ok(report) => {
                check_report(report, &opts, bytes);
                any_rows |= report.rows_imported > 0;
                if let Some(id) = report.import_id {
                    ids.push((id, report.rows_imported));
                }
            }
        }
    }
    if ids.is_empty() {
        assert_eq!(
            after, before,
            "an import that recorded nothing changed the database"
        );
        return if any_rows {
            Outcome::Imported
        } else if refused == reports.len() {
            Outcome::Refused
        } else {
            Outcome::NothingRecorded
        };
    }
    assert_eq!(after.imports.len(), before.imports.len() + ids.len());
    for (id, rows) in &ids {
        let rec = after.imports.iter().find(|i| i.id == *id);
        assert_eq!(rec.map(|i| i.rows_imported), Some(*rows as i64));
    }

    // The same bytes again: nothing changes, and the report says so.
    let again =
        ingest::import_bytes_sheets(&mut store, Path::new(FILE_NAME), bytes, &opts, &mut |_| {})
            .expect("bytes that imported once import again");
    let again_ids: Vec<i64> = again
        .iter()
        .filter_map(|r| r.as_ref().ok().and_then(|r| r.already_imported_as))
        .collect();
    for (id, _) in &ids {
        assert!(
            again_ids.contains(id),
            "import #{id} was not recognised as already imported"
        );
    }
    assert_eq!(store.status().expect("status"), after);

    // Undo brings back exactly the database before.
    for (id, _) in &ids {
        store.undo(*id).expect("undo of the fuzzed import");
    }
    assert_eq!(store.status().expect("status"), before, "undo left traces");
    Outcome::Imported
}

fn check_error(e: &Error, bytes: &[u8]) {
    let msg = e.to_string();
    assert!(!msg.trim().is_empty(), "an error without words: {e:?}");
    match e.code() {
        ErrorCode::NotATable | ErrorCode::UnknownKind => {}
        // A workbook's lines are sheet rows, not lines of its bytes.
        ErrorCode::MissingColumn | ErrorCode::Row if ingest::workbook::is_container(bytes) => {}
        ErrorCode::MissingColumn | ErrorCode::Row => {
            let line = match e {
                Error::MissingColumn { line, .. } | Error::Row { line, .. } => *line,
                _ => unreachable!("codes match variants"),
            };
            assert!(
                (1..=max_line(bytes)).contains(&line),
                "the error names line {line}, which the file does not have: {msg}"
            );
            assert!(msg.contains(&format!("line {line}")), "{msg}");
        }
        other => panic!("a file's contents caused a {other:?} error: {msg}"),
    }
    assert!(
        msg.starts_with(FILE_NAME),
        "the message must start with the file's name: {msg}"
    );
}

fn check_report(r: &ImportReport, opts: &ImportOptions, bytes: &[u8]) {
    assert_eq!(r.file, FILE_NAME);
    assert!(!r.encoding.is_empty() && !r.delimiter.is_empty());
    if let Some(k) = opts.kind {
        assert_eq!(r.kind, k, "the kind asked for was not used");
    }
    // A survey always names its wave; a skill sheet may (one wave for the
    // file), or carry a wave per row; nothing else has one.
    if r.kind == Kind::Survey {
        assert!(r.wave.is_some(), "a survey without a wave");
    } else if r.kind != Kind::Skills {
        assert!(
            r.wave.is_none(),
            "only surveys and skills have a wave: {:?}",
            r.wave
        );
    }
    assert!(
        r.already_imported_as.is_none(),
        "a fresh store had this file already"
    );
    assert_eq!(
        r.rows_total,
        r.rows_imported + r.rows_skipped + r.rows_duplicate + r.rows_unmatched,
        "the counts do not add up"
    );
    assert!(
        r.rows_unmatched == 0 || r.source.is_some(),
        "only attendance reports and calendars have unmatched meetings"
    );
    for p in &r.problems {
        if let Some(place) = &p.place {
            assert!(
                r.sheet.is_some() && p.line.is_some() && place.contains('!'),
                "a place outside a sheet: {p:?}"
            );
        }
    }
    // A skipped row may have several reasons (mentor and mentee both
    // unknown), but every skipped row has at least one, and only they do.
    let skipped_lines: std::collections::BTreeSet<Option<u64>> = r
        .problems
        .iter()
        .filter(|p| p.severity == ingest::Severity::Skipped)
        .map(|p| p.line)
        .collect();
    assert!(
        skipped_lines.iter().all(Option::is_some),
        "a skipped row without its line"
    );
    assert_eq!(
        skipped_lines.len() as u64,
        r.rows_skipped,
        "rows skipped vs lines with a reason to skip them"
    );
    if opts.dry_run {
        assert!(r.import_id.is_none() && r.dry_run);
    }
    let max = if ingest::workbook::is_container(bytes) {
        u64::MAX
    } else {
        max_line(bytes)
    };
    for p in &r.problems {
        assert!(
            !p.reason.trim().is_empty(),
            "a problem without a reason: {p:?}"
        );
        if let Some(l) = p.line {
            assert!(
                (1..=max).contains(&l),
                "a problem names line {l} of a file with at most {max}: {p:?}"
            );
        }
    }
}

/// One cell through every value parser, and the lines of the input as one
/// column of survey answers.
pub fn values(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    cell(&text);
    for line in text.lines().take(64) {
        cell(line);
    }
    let answers: Vec<&str> = text.lines().take(256).collect();
    let mut distinct = answers.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if let Some((set, unknown)) = values::best_label_set(distinct.iter().copied()) {
        assert!(
            unknown <= distinct.len(),
            "{unknown} unknown of {}",
            distinct.len()
        );
        for a in &distinct {
            if let Some(v) = set.value_of(a) {
                assert!(
                    (1..=set.points()).contains(&v),
                    "{a:?} → {v} on {}",
                    set.name
                );
            }
        }
    }
    let mut evidence = DateOrderEvidence::default();
    for a in &answers {
        evidence.observe(a);
    }
    let (_, ambiguous) = evidence.decide(DateOrder::Mdy);
    if ambiguous {
        assert_eq!(evidence.day_first + evidence.month_first, 0);
    }
}

fn cell(s: &str) {
    let missing = values::is_missing(s);
    let shown = s.trim();

    for decimal_comma in [false, true] {
        match values::parse_number(s, decimal_comma) {
            Ok(Some(v)) => assert!(v.is_finite(), "{s:?} → {v}"),
            Ok(None) => assert!(missing, "{s:?} read as missing"),
            Err(m) => {
                assert!(!missing, "a missing marker is not an error: {s:?}");
                assert!(m.contains("is not a number") && m.contains(shown), "{m}");
            }
        }
    }

    for order in [DateOrder::Mdy, DateOrder::Dmy] {
        match values::parse_datetime(s, order) {
            Ok(Some(dt)) => {
                assert_eq!(values::parse_date(s, order), Ok(Some(dt.date())));
                // What the store would keep must read back as itself.
                if values::implausible_date(dt.date()).is_none() {
                    let stamp = values::iso_stamp(dt);
                    assert_eq!(
                        values::parse_datetime(&stamp, order),
                        Ok(Some(dt)),
                        "{s:?} was stored as {stamp}, which reads back differently"
                    );
                }
            }
            Ok(None) => assert!(missing, "{s:?} read as a missing date"),
            Err(m) => {
                assert!(!missing, "a missing marker is not an error: {s:?}");
                assert!(m.contains("is not a date") && m.contains(shown), "{m}");
            }
        }
    }

    let _ = values::looks_excel_mangled(s);
    if let Some(id) = values::normalise_identity(s) {
        assert!(!id.is_empty() && id.trim() == id, "{s:?} → {id:?}");
    }
    let label = values::norm_label(s);
    assert_eq!(label.trim(), label, "{s:?} → {label:?}");
    for set in LABEL_SETS {
        if let Some(v) = set.value_of(s) {
            assert!(
                (1..=set.points()).contains(&v),
                "{s:?} → {v} on {}",
                set.name
            );
        }
    }
    let _ = kinds::normalise_header(s);
    let _ = kinds::guess_wave(s);
}
