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
/// points the test has seen it reach (`common/kill.rs`): progress lines
/// inside the transaction, the commit writing the `-wal` file, the
/// checkpoint growing the database. Before the commit the database must be
/// exactly as it was; once the checkpoint has begun, the import must be
/// there whole; never anything between. Nothing is timed.
#[test]
fn import_killed_midway_leaves_the_database_as_it_was() {
    use common::kill::{self, len, wal};
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
        Checkpoint,
    }
    let points = [
        Point::Rows(0.0),
        Point::Rows(0.3),
        Point::Rows(0.6),
        Point::Rows(0.9),
        Point::Rows(1.0),
        Point::Commit,
        Point::Checkpoint,
    ];
    let (mut rolled_back, mut late_kills) = (0, 0);
    for (k, point) in points.iter().enumerate() {
        assert_eq!(
            len(&wal(&db.path)),
            0,
            "kill #{k}: a -wal file before the import"
        );
        let base = len(&db.path);
        let mut child = kill::spawn_import(bin, &db.path, &file);
        let seen = match point {
            Point::Rows(f) => child.wait_progress(*f),
            Point::Commit => {
                child.wait_progress(1.0) && child.wait_until(|| len(&wal(&db.path)) >= SOME)
            }
            Point::Checkpoint => {
                child.wait_progress(1.0) && child.wait_until(|| len(&db.path) >= base + SOME)
            }
        };
        if let Point::Rows(f) = point {
            assert!(seen, "kill #{k}: the import ended before progress {f}");
        }
        let alive = child.kill();
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
                Point::Checkpoint => {
                    // Only committed pages are checkpointed into the file.
                    assert!(landed, "kill #{k} in the checkpoint lost the import");
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
    eprintln!("{rolled_back} kills rolled back inside the transaction, {late_kills} in commit or checkpoint");
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
