//! Hostile and broken input, generated here: very wide files, huge fields,
//! ragged rows, duplicate response IDs, impossible dates, negative
//! durations, formula-looking cells and markup. Each gets a clear message or
//! imports what it can; nothing panics; a refused file changes nothing.

mod common;

use std::path::PathBuf;

use mentorscope::ingest::{self, ImportOptions, Kind, Severity};

fn file(db: &common::TempDb, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = db.dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const ROSTER: &str =
    "Employee ID,Work Email,Hire Date\nE1,a@example.com,2024-01-02\nE2,b@example.com,2024-02-03\n";

#[test]
fn ten_thousand_columns_are_refused_or_read_without_panic() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..10_000).map(|i| i.to_string()).collect();
    let p = file(
        &db,
        "wide.csv",
        format!("{}\n{}\n", header.join(","), row.join(",")),
    );
    let err = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("could not tell what kind"),
        "{err}"
    );
    assert!(store.status().unwrap().imports.is_empty());
}

#[test]
fn a_one_megabyte_field_is_kept_whole() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    ingest::import_file(
        &mut store,
        &file(&db, "roster.csv", ROSTER),
        &ImportOptions::default(),
    )
    .unwrap();
    let note = "x".repeat(1 << 20);
    let p = file(
        &db,
        "meetings.csv",
        format!("Date,Mentor,Mentee,Notes\n2025-01-10,E1,E2,\"{note}\"\n"),
    );
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!(r.rows_imported, 1);
    let len: i64 = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row("SELECT length(notes) FROM meetings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(len, 1 << 20);
}

#[test]
fn ragged_rows_import_what_they_have() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    ingest::import_file(
        &mut store,
        &file(&db, "roster.csv", ROSTER),
        &ImportOptions::default(),
    )
    .unwrap();
    // Line 3 lacks the mentee; line 4 has extra cells.
    let p = file(&db, "meetings.csv", "Date,Mentor,Mentee,Duration\n2025-01-10,E1,E2,30\n2025-01-11,E1\n2025-01-12,E1,E2,45,extra,cells\n");
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!(r.rows_imported, 2);
    assert_eq!(r.rows_skipped, 1);
    let p = &r.problems[0];
    assert_eq!(
        (p.line, p.column.as_deref(), p.severity),
        (Some(3), Some("Mentee"), Severity::Skipped)
    );
    assert!(p.reason.contains("Mentee is empty"), "{}", p.reason);
}

#[test]
fn duplicate_response_ids_keep_the_first_and_say_so() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let p = file(
        &db,
        "pulse-pre.csv",
        "Response ID,Timestamp,I feel supported\nR1,2025-01-10 10:00,Agree\nR2,2025-01-10 11:00,Disagree\nR1,2025-01-10 12:00,Strongly agree\n",
    );
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!((r.rows_imported, r.rows_skipped), (2, 1));
    assert_eq!(r.problems[0].line, Some(4));
    assert!(
        r.problems[0]
            .reason
            .contains("same response appears on line 2"),
        "{:?}",
        r.problems
    );
}

#[test]
fn future_and_pre_1970_dates_are_flagged_with_their_line() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let p = file(&db, "roster.csv", "Employee ID,Work Email,Hire Date\nE1,a@example.com,1962-05-01\nE2,b@example.com,2093-01-01\nE3,c@example.com,2024-01-01\n");
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    // Optional values: the people are kept, the dates left empty and listed.
    assert_eq!(r.rows_imported, 3);
    let lines: Vec<_> = r
        .problems
        .iter()
        .map(|p| {
            (
                p.line,
                p.reason.contains("before 1970") || p.reason.contains("in the future"),
            )
        })
        .collect();
    assert_eq!(lines, [(Some(2), true), (Some(3), true)]);
    // A meeting's date is required: an impossible one skips the row.
    let p = file(
        &db,
        "meetings.csv",
        "Date,Mentor,Mentee\n2099-01-01,E1,E2\n2025-01-01,E1,E3\n",
    );
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!((r.rows_imported, r.rows_skipped), (1, 1));
}

#[test]
fn negative_durations_are_left_empty_and_reported() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    ingest::import_file(
        &mut store,
        &file(&db, "roster.csv", ROSTER),
        &ImportOptions::default(),
    )
    .unwrap();
    let p = file(
        &db,
        "meetings.csv",
        "Date,Mentor,Mentee,Duration (min)\n2025-01-10,E1,E2,-30\n",
    );
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!(r.rows_imported, 1);
    assert!(
        r.problems[0].reason.contains("between 0 and 1440"),
        "{:?}",
        r.problems
    );
    assert_eq!(r.problems[0].severity, Severity::Warning);
}

#[test]
fn formulas_and_markup_are_stored_as_plain_text() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let p = file(
        &db,
        "roster.csv",
        "Employee ID,Full Name,Work Email,Department,Hire Date\nE1,=HYPERLINK(\"http://x\"),a@example.com,<img src=x onerror=alert(1)>,2024-01-02\nE2,<script>alert(1)</script>,b@example.com,@SUM(A1),2024-01-02\n",
    );
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!(r.rows_imported, 2);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let names: Vec<(String, String)> = conn
        .prepare("SELECT name, team FROM people ORDER BY person_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        names,
        [
            (
                "=HYPERLINK(\"http://x\")".to_string(),
                "<img src=x onerror=alert(1)>".to_string()
            ),
            (
                "<script>alert(1)</script>".to_string(),
                "@SUM(A1)".to_string()
            )
        ]
    );
}

#[test]
fn mixed_encodings_in_one_file_keep_the_good_text() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let mut bytes =
        "Employee ID,Full Name,Work Email,Hire Date\nE1,Zoë Łukasz,a@example.com,2024-01-02\n"
            .as_bytes()
            .to_vec();
    bytes.extend_from_slice(b"E2,Ren\xe9e,b@example.com,2024-01-02\n");
    let p = file(&db, "roster.csv", bytes);
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!(r.encoding, "UTF-8");
    assert_eq!(r.rows_imported, 2);
    assert!(
        r.problems
            .iter()
            .any(|p| p.reason.contains("could not be read as UTF-8")),
        "{:?}",
        r.problems
    );
    let name: String = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row("SELECT name FROM people WHERE person_id = 'E1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(name, "Zoë Łukasz");
}

#[test]
fn a_file_where_every_row_fails_records_no_import() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let p = file(
        &db,
        "meetings.csv",
        "Date,Mentor,Mentee\nnot a date,E1,E2\nnever,E1,E2\n",
    );
    let r = ingest::import_file(
        &mut store,
        &p,
        &ImportOptions {
            kind: Some(Kind::Meetings),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((r.rows_imported, r.rows_skipped), (0, 2));
    assert!(r.import_id.is_none());
    assert!(store.status().unwrap().imports.is_empty());
}
