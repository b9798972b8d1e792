//! The bad-input cases of issue 7 that `bad_input.rs` and `invalid_files.rs`
//! do not already cover: refused files through the CLI (empty, blank, only
//! a header, binary, a real PNG renamed `.csv`, unknown kind, a required
//! column missing) leave every row of every table as it was (a dump of the
//! database compared before and after); future and
//! pre-1970 dates, mentor = mentee, unknown people and unknown Likert labels
//! are each named with line, column and value. (What a very large file
//! costs in memory is `robustness_large_file.rs`.)

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mentorscope::ingest::{self, ImportOptions, ImportReport, Problem, Severity};

const BIN: &str = env!("CARGO_BIN_EXE_mentorscope");

const ROSTER: &str = "Employee ID,Full Name,Work Email,Department,Hire Date\n\
E1,Ana Silva,ana@example.com,Data,2024-01-02\n\
E2,Bo Chen,bo@example.com,Data,2024-02-03\n\
E3,Cy Diaz,cy@example.com,Web,2024-03-04\n";

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run the CLI")
}

/// Every table's schema, row count and a SHA-256 of every row (in rowid
/// order, values with their SQLite types): what a refused import must leave
/// exactly as it was. (The file's bytes are not the measure: opening a
/// database in WAL mode may rewrite its header without changing content.)
fn dump(db: &Path) -> Vec<String> {
    use sha2::Digest;
    let c = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<(String, String)> = c
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Vec::new();
    for (name, sql) in tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let cols = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        let (mut n, mut h) = (0u64, sha2::Sha256::new());
        while let Some(r) = rows.next().unwrap() {
            for i in 0..cols {
                h.update(format!("{:?}\u{1f}", r.get_ref(i).unwrap()).as_bytes());
            }
            h.update(b"\x1e");
            n += 1;
        }
        out.push(format!("{name} ({sql}): {n} rows, {:x}", h.finalize()));
    }
    out
}

fn integrity(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// The one problem on `line`, or a failure that lists what there was.
fn problem_on<'a>(r: &'a ImportReport, line: u64, column: &str) -> &'a Problem {
    r.problems
        .iter()
        .find(|p| p.line == Some(line) && p.column.as_deref() == Some(column))
        .unwrap_or_else(|| {
            panic!(
                "{}: no problem on line {line}, column {column}: {:#?}",
                r.file, r.problems
            )
        })
}

fn with_roster() -> (common::TempDb, mentorscope::Store) {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let roster = write(db.dir.path(), "roster.csv", ROSTER);
    ingest::import_file(&mut store, &roster, &ImportOptions::default()).unwrap();
    (db, store)
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn refused_files_name_the_file_and_leave_the_database_as_it_was() {
    let db = common::temp_db();
    let dir = db.dir.path();
    let ok = cli(
        &db.path,
        &[
            "import",
            common::sample("roster.csv").to_str().unwrap(),
            common::sample("pairings.csv").to_str().unwrap(),
        ],
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = dump(&db.path);
    assert_eq!(count(&db.path, "SELECT COUNT(*) FROM imports"), 2);
    assert!(
        before
            .iter()
            .any(|t| t.starts_with("imports ") && t.contains(": 2 rows")),
        "{before:?}"
    );

    let png = std::fs::read(common::repo().join("src-tauri/icons/icon.png")).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.windows(4).any(|w| w == b"IEND"),
        "a whole PNG image, not just its signature"
    );
    // Compressed data looks like this: every byte value about equally often,
    // so NULs are rare (0.4%) but control bytes are not.
    let mut binary = vec![0u8; 4096];
    rand::RngCore::fill_bytes(
        &mut <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(9),
        &mut binary,
    );
    binary[0] = b'x';
    // (file, bytes, what the user must read, the line it must name); a
    // file named `meetings-…` is imported with `--kind meetings`.
    let cases: Vec<(&str, Vec<u8>, &str, Option<u64>)> = vec![
        ("empty.csv", vec![], "the file is empty", None),
        (
            "blank.csv",
            b" \r\n\t\n\n".to_vec(),
            "the file is empty",
            None,
        ),
        (
            "header-only.csv",
            b"Meeting Date,Mentor,Mentee\r\n\r\n".to_vec(),
            "no data rows",
            None,
        ),
        ("noise.csv", binary, "binary data, not text", None),
        ("logo.csv", png, "this is a PNG image, not a CSV file", None),
        (
            "products.csv",
            b"Product,Price,Colour\nMug,3,red\n".to_vec(),
            "could not tell what kind of file this is",
            None,
        ),
        (
            "meetings-no-mentee.csv",
            b"\n\nMeeting Date,Mentor,Notes\n2025-01-10,ana@example.com,x\n".to_vec(),
            "no column for mentee",
            Some(3),
        ),
    ];
    for (name, bytes, message, line) in &cases {
        let path = write(dir, name, bytes);
        let kind: &[&str] = if name.starts_with("meetings-") {
            &["--kind", "meetings"]
        } else {
            &[]
        };
        let args = |json: &[&'static str]| {
            let mut a = vec!["import"];
            a.extend_from_slice(kind);
            a.extend_from_slice(json);
            a.push(path.to_str().unwrap());
            a
        };
        let out = cli(&db.path, &args(&[]));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(name),
            "{name}: the message must name the file: {stderr}"
        );
        assert!(
            stderr.contains(message),
            "{name}: expected `{message}` in: {stderr}"
        );
        if let Some(l) = line {
            assert!(stderr.contains(&format!("line {l}")), "{name}: {stderr}");
        }
        assert!(stderr.contains("Nothing was imported"), "{name}: {stderr}");
        assert!(
            dump(&db.path) == before,
            "{name}: a refused file changed the database"
        );

        // The same refusal as JSON: a code the UI can branch on, and words.
        let out = cli(&db.path, &args(&["--json"]));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let err = &v[0]["error"];
        assert!(
            err["code"].as_str().is_some_and(|c| !c.is_empty()),
            "{name}: {v}"
        );
        assert!(
            err["message"].as_str().is_some_and(|m| m.contains(message)),
            "{name}: {v}"
        );
    }
    assert_eq!(integrity(&db.path), "ok");
}

#[test]
fn future_and_pre_1970_dates_are_named_with_line_column_and_value() {
    let (db, mut store) = with_roster();
    let dir = db.dir.path();
    let meetings = write(
        dir,
        "meetings.csv",
        "Meeting Date,Mentor,Mentee\n2099-01-01,E1,E2\n1965-03-01,E1,E2\n2025-01-10,E1,E2\n",
    );
    let r = ingest::import_file(&mut store, &meetings, &ImportOptions::default()).unwrap();
    // A meeting needs its date: both rows are skipped, the good one kept.
    assert_eq!((r.rows_imported, r.rows_skipped), (1, 2));
    for (line, value, says) in [(2, "2099-01-01", "future"), (3, "1965-03-01", "1970")] {
        let p = problem_on(&r, line, "Meeting Date");
        assert_eq!(p.value.as_deref(), Some(value));
        assert_eq!(p.severity, Severity::Skipped);
        assert!(p.reason.contains(says) && p.reason.contains(value), "{p:?}");
    }

    let milestones = write(
        dir,
        "milestones.csv",
        "Employee ID,Milestone,Date\nE1,First PR,12/31/2099\nE2,First PR,1/1/1960\nE3,First PR,2024-05-01\n",
    );
    let r = ingest::import_file(&mut store, &milestones, &ImportOptions::default()).unwrap();
    assert_eq!(r.rows_imported, 1);
    for (line, value) in [(2, "12/31/2099"), (3, "1/1/1960")] {
        let p = problem_on(&r, line, "Date");
        assert_eq!(p.value.as_deref(), Some(value));
        assert_eq!(p.severity, Severity::Skipped);
    }

    // A survey's submission time is optional: the answers are kept, the
    // impossible time left empty and listed.
    let survey = write(
        dir,
        "pulse-pre.csv",
        "Response ID,Timestamp,Email,I feel supported\n\
         R1,2099-01-10 10:00,ana@example.com,Agree\n\
         R2,12/31/1969 23:00,bo@example.com,Disagree\n\
         R3,2025-01-10 09:00,cy@example.com,Strongly agree\n",
    );
    let r = ingest::import_file(&mut store, &survey, &ImportOptions::default()).unwrap();
    assert_eq!(r.rows_imported, 3);
    for (line, value) in [(2, "2099-01-10 10:00"), (3, "12/31/1969 23:00")] {
        let p = problem_on(&r, line, "Timestamp");
        assert_eq!(p.value.as_deref(), Some(value));
        assert_eq!(p.severity, Severity::Warning);
    }
    let kept = count(
        &db.path,
        "SELECT COUNT(*) FROM survey_responses WHERE submitted_at IS NOT NULL",
    );
    assert_eq!(kept, 1, "only the plausible submission time is stored");
}

#[test]
fn mentor_equal_to_mentee_is_skipped_and_named() {
    let (db, mut store) = with_roster();
    let dir = db.dir.path();
    let pairings = write(
        dir,
        "pairings.csv",
        "Mentor Email,Mentee Email,Cohort\nana@example.com,ANA@example.com ,Spring\nana@example.com,bo@example.com,Spring\n",
    );
    let r = ingest::import_file(&mut store, &pairings, &ImportOptions::default()).unwrap();
    assert_eq!((r.rows_imported, r.rows_skipped), (1, 1));
    // Same person by ID and by e-mail in one row of meetings.
    let meetings = write(
        dir,
        "meetings.csv",
        "Date,Mentor,Mentee\n2025-01-10,E1,ana@example.com\n2025-01-11,E1,E2\n",
    );
    let m = ingest::import_file(&mut store, &meetings, &ImportOptions::default()).unwrap();
    assert_eq!((m.rows_imported, m.rows_skipped), (1, 1));
    for rep in [&r, &m] {
        let p = rep
            .problems
            .iter()
            .find(|p| p.line == Some(2))
            .unwrap_or_else(|| panic!("{}: {:?}", rep.file, rep.problems));
        assert_eq!(p.severity, Severity::Skipped);
        assert!(p.reason.contains("same person"), "{p:?}");
    }
    assert_eq!(
        count(
            &db.path,
            "SELECT COUNT(*) FROM pairings WHERE mentor = mentee"
        ),
        0
    );
    assert_eq!(
        count(
            &db.path,
            "SELECT COUNT(*) FROM meetings WHERE mentor = mentee"
        ),
        0
    );
}

#[test]
fn unknown_people_are_named_and_never_silently_dropped() {
    let (db, mut store) = with_roster();
    let dir = db.dir.path();
    let files = [
        (
            "pairings.csv",
            "Mentor Email,Mentee Email\nana@example.com,ghost@example.com\nana@example.com,bo@example.com\n",
            "Mentee Email",
            "ghost@example.com",
            "SELECT COUNT(*) FROM pairings WHERE mentee LIKE '%ghost%'",
        ),
        (
            "meetings.csv",
            "Date,Mentor,Mentee\n2025-01-10,E9,E2\n2025-01-11,E1,E2\n",
            "Mentor",
            "E9",
            "SELECT COUNT(*) FROM meetings WHERE mentor = 'E9'",
        ),
        (
            "milestones.csv",
            "Employee ID,Milestone,Date\nE404,First PR,2024-05-01\nE1,First PR,2024-05-01\n",
            "Employee ID",
            "E404",
            "SELECT COUNT(*) FROM milestones WHERE person = 'E404'",
        ),
    ];
    for (name, text, column, value, stored) in files {
        let path = write(dir, name, text);
        let r = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap();
        let p = problem_on(&r, 2, column);
        assert_eq!(p.value.as_deref(), Some(value), "{name}");
        assert!(p.reason.contains("not on the roster"), "{name}: {p:?}");
        // Whatever the kind's rule, the report and the database agree.
        let in_db = count(&db.path, stored);
        match p.severity {
            Severity::Skipped => assert_eq!((in_db, r.rows_imported), (0, 1), "{name}"),
            Severity::Warning => assert_eq!((in_db, r.rows_imported), (1, 2), "{name}"),
        }
    }
    // INPUTS.md: an unknown person in a pairing skips the row.
    let pairings = store.problems(store.imports().unwrap()[1].id).unwrap();
    assert!(pairings.iter().any(|p| p.severity == Severity::Skipped));
}

/// A file with a problem on nearly every row: the report keeps the first
/// `PROBLEMS_KEPT` in memory, counts them all, and the database holds every
/// one in file order (so the Problems list and its CSV lose nothing).
#[test]
fn a_problem_on_every_row_is_counted_and_stored_in_full_but_kept_in_memory_in_part() {
    let (db, mut store) = with_roster();
    let unknown = ingest::PROBLEMS_KEPT + 2_500;
    let mut text = String::from("Date,Mentor,Mentee\n2025-01-10,E1,E2\n");
    for i in 0..unknown {
        text.push_str(&format!("2025-01-11,X{i},E2\n"));
    }
    let path = write(db.dir.path(), "meetings.csv", text);
    let r = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!(r.rows_total, unknown as u64 + 1);
    assert_eq!(r.problems_total, unknown as u64);
    assert_eq!(r.problems.len(), ingest::PROBLEMS_KEPT);
    // The ones kept are the first ones: lines 3, 4, 5 …
    for (i, p) in r.problems.iter().enumerate() {
        assert_eq!(p.line, Some(i as u64 + 3));
    }
    let stored = store.problems(r.import_id.unwrap()).unwrap();
    assert_eq!(stored.len(), unknown);
    for (i, p) in stored.iter().enumerate() {
        assert_eq!(p.line, Some(i as u64 + 3), "stored problem {i}");
        assert_eq!(p.column.as_deref(), Some("Mentor"));
        assert_eq!(p.value.as_deref(), Some(format!("X{i}").as_str()));
    }
    // The CLI's report counts the ones it does not print.
    let path = write(db.dir.path(), "meetings-2.csv", {
        let mut t = String::from("Date,Mentor,Mentee\n2025-02-10,E1,E2\n");
        for i in 0..unknown {
            t.push_str(&format!("2025-02-11,Y{i},E2\n"));
        }
        t
    });
    drop(store);
    let out = cli(&db.path, &["import", path.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let more = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("… and "))
        .unwrap_or_else(|| panic!("no `… and N more problems` line: {stdout}"));
    let shown = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("line "))
        .count();
    let n: usize = more
        .split_whitespace()
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    assert!(shown > 0, "{stdout}");
    assert_eq!(n + shown, unknown, "{stdout}");
}

#[test]
fn unknown_likert_labels_are_kept_as_text_and_left_out_of_scores() {
    let (db, mut store) = with_roster();
    let mut text = String::from("Response ID,Email,I feel supported in my role\n");
    let answers = [
        "Strongly agree",
        "Agree",
        "Neither agree nor disagree",
        "Disagree",
        "Agree",
        "Kinda agree",
        "Strongly disagree",
    ];
    for (i, a) in answers.iter().enumerate() {
        text.push_str(&format!("R{i},p{i}@example.com,{a}\n"));
    }
    let path = write(db.dir.path(), "pulse-post.csv", text);
    let r = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!(
        r.rows_imported,
        answers.len() as u64,
        "the response is kept"
    );
    // Header is line 1, so answer i is on line i + 2.
    let p = problem_on(&r, 7, "I feel supported in my role");
    assert_eq!(p.value.as_deref(), Some("Kinda agree"));
    assert_eq!(p.severity, Severity::Warning);
    // The message names the scale, never the answer: problems are logged
    // and shown, and a survey answer is a respondent's own words.
    assert!(!p.reason.contains("Kinda"), "{p:?}");
    assert!(
        p.reason.contains("not on the") && p.reason.contains("scale"),
        "{p:?}"
    );
    let (text_kept, scored): (i64, i64) = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row(
            "SELECT COUNT(*), COUNT(value_num) FROM survey_answers WHERE value_text = 'Kinda agree'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((text_kept, scored), (1, 0));
    let scored_all = count(&db.path, "SELECT COUNT(value_num) FROM survey_answers");
    assert_eq!(scored_all, answers.len() as i64 - 1);
}
