//! What happens to the database across imports: re-importing changes
//! nothing, an overlapping later export adds only what is new, `undo`
//! restores the counts before, a dry run writes nothing, a saved mapping is
//! reused, and an import killed at any point it was seen to reach leaves the database
//! exactly as it was or with the import whole, never in between.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use mentorscope::ingest::{self, ImportOptions, Kind, Mapping};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const ROSTER: &str = "Employee ID,Full Name,Work Email,Department,Hire Date\n\
E1,Ana Silva,ana@example.com,Data,3/1/2024\n\
E2,Bo Chen,bo@example.com,Data,4/1/2024\n\
E3,Cy Diaz,cy@example.com,Web,5/1/2024\n";

fn survey_rows(range: std::ops::Range<usize>) -> String {
    let mut s = String::from("Timestamp,Email Address,I feel supported in my role\n");
    for i in range {
        s.push_str(&format!(
            "1/{}/2025 10:00:00,p{i}@example.com,Agree\n",
            1 + i % 28
        ));
    }
    s
}

#[test]
fn reimporting_the_same_file_changes_nothing() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let roster = write(db.dir.path(), "roster.csv", ROSTER);
    let first = ingest::import_file(&mut store, &roster, &ImportOptions::default()).unwrap();
    assert_eq!(first.rows_imported, 3);
    let before = store.status().unwrap();
    let again = ingest::import_file(&mut store, &roster, &ImportOptions::default()).unwrap();
    assert_eq!(again.already_imported_as, first.import_id);
    assert_eq!(again.rows_imported, 0);
    assert_eq!(store.status().unwrap(), before);
}

#[test]
fn overlapping_export_adds_only_new_responses() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let jan = write(db.dir.path(), "pulse-jan.csv", &survey_rows(0..100));
    let feb = write(db.dir.path(), "pulse-feb.csv", &survey_rows(50..150));
    let opts = ImportOptions {
        wave: Some("pre".into()),
        ..Default::default()
    };
    let a = ingest::import_file(&mut store, &jan, &opts).unwrap();
    assert_eq!(a.rows_imported, 100);
    let b = ingest::import_file(&mut store, &feb, &opts).unwrap();
    assert_eq!(b.rows_imported, 50);
    assert_eq!(b.rows_duplicate, 50);
    assert_eq!(store.status().unwrap().survey_responses, 150);
}

#[test]
fn undo_restores_the_previous_counts() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let roster = write(db.dir.path(), "roster.csv", ROSTER);
    ingest::import_file(&mut store, &roster, &ImportOptions::default()).unwrap();
    let before = store.status().unwrap();
    let meetings = write(
        db.dir.path(),
        "meetings.csv",
        "Meeting Date,Mentor,Mentee,Duration (min)\n2025-02-01,ana@example.com,E2,30\n2025-02-15,E1,bo@example.com,45\n",
    );
    let r = ingest::import_file(&mut store, &meetings, &ImportOptions::default()).unwrap();
    assert_eq!(store.status().unwrap().meetings, 2);
    store.undo(r.import_id.unwrap()).unwrap();
    assert_eq!(store.status().unwrap(), before);
    // Undoing a roster import that a later roster superseded brings the
    // earlier values back.
    let newer = write(
        db.dir.path(),
        "roster-v2.csv",
        &ROSTER.replace("Web", "Platform"),
    );
    let r2 = ingest::import_file(&mut store, &newer, &ImportOptions::default()).unwrap();
    store.undo(r2.import_id.unwrap()).unwrap();
    assert_eq!(store.status().unwrap(), before);
}

#[test]
fn dry_run_writes_nothing() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let roster = write(db.dir.path(), "roster.csv", ROSTER);
    let r = ingest::import_file(
        &mut store,
        &roster,
        &ImportOptions {
            dry_run: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.rows_imported, 3);
    assert!(r.import_id.is_none());
    let s = store.status().unwrap();
    assert_eq!(s.people, 0);
    assert!(s.imports.is_empty());
}

#[test]
fn saved_mapping_reads_unusual_headers_and_day_first_dates() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    ingest::import_file(
        &mut store,
        &write(db.dir.path(), "roster.csv", ROSTER),
        &ImportOptions::default(),
    )
    .unwrap();
    // "Coach"/"Learner" are no known spellings, and every date reads either way.
    let file = write(
        db.dir.path(),
        "sessions.csv",
        "When,Coach,Learner\n01/02/2025,E1,E2\n03/04/2025,E1,E3\n",
    );
    let err = ingest::import_file(&mut store, &file, &ImportOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("could not tell what kind"),
        "{err}"
    );
    let mapping: Mapping = serde_json::from_str(
        r#"{"kind":"meetings","columns":{"date":"When","mentor":"Coach","mentee":"Learner"},"date_orders":{"When":"dmy"}}"#,
    )
    .unwrap();
    let opts = ImportOptions {
        mapping: Some(mapping),
        ..Default::default()
    };
    let r = ingest::import_file(&mut store, &file, &opts).unwrap();
    assert_eq!(r.kind, Kind::Meetings);
    assert_eq!(r.rows_imported, 2);
    let saved = ingest::mapping_for(&file, &opts).unwrap();
    assert_eq!(saved.columns["mentee"], "Learner");
    let days: Vec<String> = rusqlite::Connection::open(&db.path)
        .unwrap()
        .prepare("SELECT started_at FROM meetings ORDER BY started_at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(days, ["2025-02-01T00:00:00", "2025-04-03T00:00:00"]);
}

fn big_meetings(dir: &Path, rows: usize) -> PathBuf {
    let p = dir.join("meetings-big.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    writeln!(f, "Meeting Date,Mentor,Mentee,Duration (min),Topics").unwrap();
    for i in 0..rows {
        writeln!(
            f,
            "2025-{:02}-{:02} {:02}:{:02},m{}@example.com,e{}@example.com,45,Code review; Career growth",
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60,
            i % 997,
            i
        )
        .unwrap();
    }
    p
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// Kills an import (SIGKILL on Unix, TerminateProcess on Windows) at
/// points the test has seen it reach (`common/kill.rs`), through each
/// journal it may write with: progress lines inside the transaction, the
/// commit being written, the commit over. Before the commit the database
/// must be exactly as it was; once the commit is over, the import must be
/// there whole; never anything between. Nothing is timed.
#[test]
fn import_killed_midway_leaves_the_database_as_it_was() {
    use common::kill::{self, len, wal, Journal};
    let db = common::temp_db();
    let rows = 60_000;
    let file = big_meetings(db.dir.path(), rows);
    let bin = env!("CARGO_BIN_EXE_mentorscope");
    // A first, complete import of something else, so "as it was" is not empty.
    let roster = write(db.dir.path(), "roster.csv", ROSTER);
    let ok = Command::new(bin)
        .args(["--db"])
        .arg(&db.path)
        .arg("import")
        .arg(&roster)
        .output()
        .unwrap();
    assert!(ok.status.success());
    let pristine = db.dir.path().join("pristine.db");
    std::fs::copy(&db.path, &pristine).unwrap();
    // 64 KiB: well inside what the commit writes (megabytes for these rows).
    const SOME: u64 = 64 << 10;
    enum Point {
        Rows(f64),
        Commit,
        Committed,
    }
    let points = [
        (Point::Rows(0.0), Journal::Rollback),
        (Point::Rows(0.3), Journal::Rollback),
        (Point::Rows(0.6), Journal::Wal),
        (Point::Rows(0.9), Journal::Rollback),
        (Point::Rows(1.0), Journal::Wal),
        (Point::Commit, Journal::Rollback),
        (Point::Committed, Journal::Rollback),
        (Point::Commit, Journal::Wal),
        (Point::Committed, Journal::Wal),
    ];
    let (mut rolled_back, mut late_kills) = (0, 0);
    for (k, (point, journal)) in points.iter().enumerate() {
        assert_eq!(
            (len(&wal(&db.path)), kill::journal(&db.path).exists()),
            (0, false),
            "kill #{k}: a journal before the import"
        );
        let base = len(&db.path);
        let holder = journal.arrange(&db.path);
        let mut child = kill::spawn_import(bin, &db.path, &file);
        let seen = match point {
            Point::Rows(f) => {
                let seen = child.wait_progress(*f);
                assert!(
                    !seen || journal.in_use(&db.path),
                    "kill #{k}: the import does not write through the {journal:?} journal"
                );
                seen
            }
            Point::Commit => child.wait_commit(&db.path, *journal, base, SOME),
            Point::Committed => child.wait_committed(&db.path, *journal, base, SOME),
        };
        if let Point::Rows(f) = point {
            assert!(seen, "kill #{k}: the import ended before progress {f}");
        }
        let alive = child.kill();
        drop(holder);
        kill::reopen(bin, &db.path);
        let integrity: String = rusqlite::Connection::open(&db.path)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "after kill #{k}");
        let meetings = count(&db.path, "SELECT COUNT(*) FROM meetings");
        let imports = count(&db.path, "SELECT COUNT(*) FROM imports");
        let landed = match (meetings, imports) {
            (0, 1) => false,
            (m, 2) if m == rows as i64 => true,
            _ => panic!("partial import after kill #{k}: {meetings} meetings, {imports} imports"),
        };
        if seen && alive {
            match point {
                Point::Rows(_) if !landed => rolled_back += 1,
                Point::Committed => {
                    // Only committed pages are checkpointed into the file,
                    // and a rollback journal gone is the commit over.
                    assert!(landed, "kill #{k} after the commit lost the import");
                    late_kills += 1;
                }
                Point::Commit => late_kills += 1,
                _ => {}
            }
        }
        if landed {
            // Back to the database before the import for the next point.
            kill::remove_db(&db.path);
            std::fs::copy(&pristine, &db.path).unwrap();
        }
    }
    eprintln!("{rolled_back} kills rolled back inside the transaction, {late_kills} in or after the commit");
    assert!(
        rolled_back >= 3,
        "only {rolled_back} of five kills inside the transaction left the database as it was"
    );
    // The next import works and is complete.
    let out = Command::new(bin)
        .arg("--db")
        .arg(&db.path)
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        count(&db.path, "SELECT COUNT(*) FROM meetings"),
        rows as i64
    );
}

#[test]
fn two_writers_at_once_wait_for_each_other_and_both_land() {
    let db = common::temp_db();
    let bin = env!("CARGO_BIN_EXE_mentorscope");
    let a = big_meetings(db.dir.path(), 60_000);
    let b_dir = db.dir.path().join("b");
    std::fs::create_dir_all(&b_dir).unwrap();
    // Same shape, different people, so both imports add rows.
    let b = b_dir.join("meetings-other.csv");
    std::fs::write(
        &b,
        std::fs::read_to_string(&a)
            .unwrap()
            .replace("@example.com", "@example.org"),
    )
    .unwrap();
    let spawn = |f: &Path| {
        Command::new(bin)
            .arg("--db")
            .arg(&db.path)
            .arg("import")
            .arg(f)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (ca, cb) = (spawn(&a), spawn(&b));
    let (oa, ob) = (
        ca.wait_with_output().unwrap(),
        cb.wait_with_output().unwrap(),
    );
    assert!(
        oa.status.success(),
        "{}",
        String::from_utf8_lossy(&oa.stderr)
    );
    assert!(
        ob.status.success(),
        "{}",
        String::from_utf8_lossy(&ob.stderr)
    );
    assert_eq!(count(&db.path, "SELECT COUNT(*) FROM meetings"), 120_000);
    assert_eq!(count(&db.path, "SELECT COUNT(*) FROM imports"), 2);
}

/// Each date column is read in the day/month order its values decide, the
/// rows being read once unless they decide the order a column was read in
/// first (month-first in comma files, day-first in semicolon files): then
/// nothing of that first reading is left, neither rows nor problems. A
/// column whose values cannot decide is said so, before the rows' problems,
/// in the report and in the database alike.
#[test]
fn each_date_column_is_read_in_the_order_its_values_decide() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let dir = db.dir.path();
    // Every import here also holds the progress bar to its rule: it only
    // rises, to 1, however often the rows are read.
    let import = |store: &mut mentorscope::Store, name: &str, text: &str| {
        let path = write(dir, name, text);
        let mut shown = Vec::new();
        let r =
            ingest::import_file_with_progress(store, &path, &ImportOptions::default(), &mut |f| {
                shown.push(f)
            })
            .unwrap();
        assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{name}: {shown:?}");
        assert_eq!(shown.last(), Some(&1.0), "{name}");
        r
    };
    let days = |import_id: Option<i64>| -> Vec<String> {
        let c = rusqlite::Connection::open(&db.path).unwrap();
        let mut stmt = c
            .prepare("SELECT started_at FROM meetings WHERE import_id = ?1 ORDER BY line")
            .unwrap();
        let out = stmt
            .query_map([import_id.unwrap()], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        out
    };
    let undecided = |p: &ingest::Problem| p.reason.contains("either way round");

    // Day-first values in a comma file: every row read day-first, and none
    // of the month-first reading's skipped rows or problems left; the
    // progress bar never goes back for the second reading.
    let r = import(
        &mut store,
        "dmy.csv",
        "Date,Mentor,Mentee,Duration (min)\n03/02/2025,a1,b1,30\n25/02/2025,a1,b2,30\n14/03/2025,a2,b2,abc\n",
    );
    assert_eq!((r.rows_imported, r.rows_skipped), (3, 0));
    assert_eq!(
        days(r.import_id),
        [
            "2025-02-03T00:00:00",
            "2025-02-25T00:00:00",
            "2025-03-14T00:00:00"
        ]
    );
    let stored = store.problems(r.import_id.unwrap()).unwrap();
    assert_eq!(
        (r.problems_total, r.problems.len(), stored.len()),
        (1, 1, 1)
    );
    assert_eq!(r.problems, stored);
    assert!(
        r.problems[0].reason.contains("not a number"),
        "{:?}",
        r.problems
    );

    // The first value that says day-first far into the file: the rows
    // before it are read again, and the progress bar holds meanwhile.
    let mut text = String::from("Date,Mentor,Mentee\n");
    for i in 0..20_000 {
        text.push_str(&format!("03/02/2025,late{i},x{i}\n"));
    }
    text.push_str("31/01/2025,late,x\n");
    let r = import(&mut store, "late.csv", &text);
    assert_eq!((r.rows_imported, r.problems_total), (20_001, 0));
    assert_eq!(days(r.import_id)[0], "2025-02-03T00:00:00");

    // Month-first values in a semicolon file (read day-first until the
    // values say otherwise).
    let r = import(
        &mut store,
        "mdy.csv",
        "Date;Mentor;Mentee\n02/03/2025;a3;b3\n02/25/2025;a3;b4\n",
    );
    assert_eq!((r.rows_imported, r.problems_total), (2, 0));
    assert_eq!(
        days(r.import_id),
        ["2025-02-03T00:00:00", "2025-02-25T00:00:00"]
    );

    // A mixed column goes by its majority; the other rows fail once each.
    let r = import(
        &mut store,
        "mixed.csv",
        "Date,Mentor,Mentee\n13/01/2025,a5,b5\n20/01/2025,a5,b6\n01/30/2025,a6,b6\n",
    );
    assert_eq!(
        (r.rows_imported, r.rows_skipped, r.problems_total),
        (2, 1, 1)
    );
    assert_eq!(r.problems[0].line, Some(4));
    assert_eq!(store.problems(r.import_id.unwrap()).unwrap(), r.problems);

    // Values that read the same either way: month-first, said first.
    let r = import(
        &mut store,
        "undecided.csv",
        "Date,Mentor,Mentee,Duration (min)\n03/02/2025,a7,b7,abc\n04/02/2025,a7,b8,30\n",
    );
    assert_eq!(
        days(r.import_id),
        ["2025-03-02T00:00:00", "2025-04-02T00:00:00"]
    );
    assert_eq!(r.problems_total, 2);
    assert!(undecided(&r.problems[0]) && r.problems[0].line.is_none());
    assert_eq!(r.problems[0].column.as_deref(), Some("Date"));
    assert_eq!(r.problems[1].line, Some(2));
    assert_eq!(store.problems(r.import_id.unwrap()).unwrap(), r.problems);

    // ISO dates decide nothing and need nothing said.
    let r = import(
        &mut store,
        "iso.csv",
        "Date,Mentor,Mentee\n2025-02-03,a9,b9\n",
    );
    assert_eq!((r.rows_imported, r.problems_total), (1, 0));
    assert!(store.problems(r.import_id.unwrap()).unwrap().is_empty());

    // With more row problems than the report keeps, it keeps the warning
    // first and as many of the rows' problems as ever after it.
    let extra = 5;
    let mut text = String::from("Date,Mentor,Mentee,Duration (min)\n");
    for i in 0..ingest::PROBLEMS_KEPT + extra {
        text.push_str(&format!("03/02/2025,c{i},d{i},abc\n"));
    }
    let r = import(&mut store, "many.csv", &text);
    assert_eq!(r.problems_total as usize, ingest::PROBLEMS_KEPT + extra + 1);
    assert_eq!(r.problems.len(), ingest::PROBLEMS_KEPT);
    assert!(undecided(&r.problems[0]));
    for (i, p) in r.problems.iter().enumerate().skip(1) {
        assert_eq!(p.line, Some(i as u64 + 1), "problem {i}");
    }
    let stored = store.problems(r.import_id.unwrap()).unwrap();
    assert_eq!(stored.len(), ingest::PROBLEMS_KEPT + extra + 1);
    assert_eq!(stored[..ingest::PROBLEMS_KEPT], r.problems[..]);
}
