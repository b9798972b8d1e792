//! Databases written by earlier schema versions (`tests/fixtures/schema-v*.sqlite`,
//! checked in) open with this build and migrate with their data intact; a
//! migration of a database that holds data writes a backup first; a
//! migration that fails half-way leaves the old database as it was and
//! usable; a database from a newer build is refused untouched.
//!
//! No shipped migration fails or follows the last one, so the upgrade-path
//! tests append steps of their own through `Store::open_with_migrations`,
//! after the real ones read from `src/store/migrations/`.

mod common;

use std::path::{Path, PathBuf};

use mentorscope::analysis::{self, AnalysisOptions};
use mentorscope::error::ErrorCode;
use mentorscope::ingest::{self, ImportOptions};
use mentorscope::store::SCHEMA_VERSION;
use mentorscope::Store;

const TABLES: &[&str] = &[
    "imports",
    "import_problems",
    "people",
    "pairings",
    "meetings",
    "survey_questions",
    "survey_responses",
    "survey_answers",
    "milestones",
    "team_metrics",
];

fn fixture(version: i64) -> PathBuf {
    common::repo().join(format!("tests/fixtures/schema-v{version}.sqlite"))
}

/// A copy of a fixture to open (opening writes), named as the app names it.
fn copy_of(version: i64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("program.db");
    std::fs::copy(fixture(version), &path).unwrap();
    (dir, path)
}

/// Row counts of every table and the schema version, read with plain SQL
/// (not through the store under test).
fn census(path: &Path) -> (i64, Vec<(&'static str, i64)>) {
    let c = rusqlite::Connection::open(path).unwrap();
    let version = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let counts = TABLES
        .iter()
        .map(|t| {
            let n = c
                .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
                .unwrap();
            (*t, n)
        })
        .collect();
    (version, counts)
}

fn integrity(path: &Path) -> String {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// The names a table-valued pragma lists for a table (its second column):
/// `table_info` gives the columns, `index_list` the indexes.
fn names_from(path: &Path, pragma: &str, table: &str) -> Vec<String> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c.prepare(&format!("PRAGMA {pragma}({table})")).unwrap();
    let names = stmt
        .query_map([], |r| r.get::<_, String>(1))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    names
}

fn columns_of(path: &Path, table: &str) -> Vec<String> {
    names_from(path, "table_info", table)
}

/// The shipped migrations, in order, as the store embeds them.
fn shipped() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::repo().join("src/store/migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn backup_of(path: &Path, version: i64) -> PathBuf {
    path.with_extension(format!("v{version}.bak"))
}

/// The store still does its job: reads, analyses, takes a new import.
fn still_works(path: &Path) {
    let mut store = Store::open(path).expect("the database opens");
    let a = analysis::analyze(&store, &AnalysisOptions::default()).expect("analysis runs");
    assert!(a.survey_unpaired.n_before > 0 && a.engagement.meetings > 0);
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("milestones-extra.csv");
    std::fs::write(
        &extra,
        "Employee ID,Milestone,Date\nE00001,Migration checked,2022-06-01\n",
    )
    .unwrap();
    let r = ingest::import_file(&mut store, &extra, &ImportOptions::default()).unwrap();
    assert_eq!(r.rows_imported, 1, "{:?}", r.problems);
}

#[test]
fn every_earlier_schema_version_has_a_fixture_and_migrates_with_its_data() {
    assert_eq!(
        shipped().len() as i64,
        SCHEMA_VERSION,
        "src/store/migrations and the embedded list disagree"
    );
    // The newest fixture may be the current version (nothing to migrate yet);
    // every version before the current one must have one.
    let last = (SCHEMA_VERSION - 1).max(1);
    for version in 1..=last {
        assert!(
            fixture(version).exists(),
            "no fixture for schema version {version}: check in tests/fixtures/schema-v{version}.sqlite \
             made by the build before migration {} (see tests/fixtures/README.md)",
            version + 1
        );
        let (_dir, path) = copy_of(version);
        let (v, before) = census(&path);
        assert_eq!(v, version, "the fixture says it is schema {v}");
        assert!(
            before.iter().all(|(_, n)| *n > 0),
            "every table of the fixture holds rows: {before:?}"
        );

        let store = Store::open(&path).expect("an older database opens");
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let status = store.status().unwrap();
        drop(store);
        let (_, after) = census(&path);
        assert_eq!(after, before, "schema {version}: rows changed in migrating");
        assert_eq!(status.imports.len() as i64, before[0].1);
        assert_eq!(integrity(&path), "ok");
        // What the newest migrations added is there after the upgrade.
        assert!(columns_of(&path, "import_problems").contains(&"place".to_string()));
        assert!(columns_of(&path, "pairings").contains(&"format".to_string()));
        assert!(!columns_of(&path, "skill_assessments").is_empty());
        assert!(!columns_of(&path, "unmatched_meetings").is_empty());
        assert!(columns_of(&path, "item_settings").contains(&"scale_min".to_string()));
        if version >= 2 {
            // The user's marks came through: the reverse-coded item is
            // still marked; schema 2 had no scales and the upgrade declares
            // none, schema 3's declared 0–10 scale is kept.
            let store = Store::open(&path).unwrap();
            assert!(store
                .reverse_items()
                .unwrap()
                .contains("i know what is expected of me to grow"));
            let scales = store.item_scales().unwrap();
            if version == 2 {
                assert!(scales.is_empty());
            } else {
                let recommend = scales
                    .get("how likely are you to recommend this team as a place to work? (0-10)")
                    .expect("schema 3's declared scale");
                assert_eq!((recommend.min, recommend.max), (0, 10));
            }
            // Schema 4: the data generation starts at 1 (a schema-4
            // database keeps the count it had) and nothing is saved for a
            // launch yet.
            if version < 4 {
                assert_eq!(store.generation().unwrap(), 1);
            } else {
                assert!(store.generation().unwrap() > 1);
            }
            assert!(mentorscope::api::saved_dashboard(&store, &Default::default()).is_none());
        }

        let backup = backup_of(&path, version);
        if version < SCHEMA_VERSION {
            assert!(
                backup.exists(),
                "no backup before migrating schema {version}"
            );
            assert_eq!(census(&backup), (version, before.clone()));
        } else {
            assert!(
                !backup.exists(),
                "a backup was written with nothing to migrate"
            );
        }
        // Schema 5: meetings are kept once each without the unique index,
        // which is gone, as is the one on import_id.
        let indexes = indexes_of(&path, "meetings");
        assert!(
            !indexes
                .iter()
                .any(|i| i == "meetings_key" || i == "meetings_import"),
            "schema {version}: {indexes:?}"
        );
        still_works(&path);
        a_stored_meeting_is_not_stored_again(&path);
    }
}

fn indexes_of(path: &Path, table: &str) -> Vec<String> {
    names_from(path, "index_list", table)
}

/// A meetings file holding one meeting the migrated database already has
/// and one it has not: the first counts as a duplicate, the second is
/// stored, and a second import of the same rows stores nothing.
fn a_stored_meeting_is_not_stored_again(path: &Path) {
    let (mentor, mentee, started): (String, String, String) = rusqlite::Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT mentor, mentee, started_at FROM meetings ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let count = || -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM meetings", [], |r| r.get(0))
            .unwrap()
    };
    let before = count();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(path).unwrap();
    let at = started.replace('T', " ");
    for (name, extra) in [("a.csv", ""), ("b.csv", " ")] {
        // b.csv differs by a byte, so it is read, not recognised as a.csv.
        let file = dir.path().join(name);
        std::fs::write(
            &file,
            format!(
                "Date,Mentor,Mentee,Duration (min)\n{at},{mentor},{mentee},30{extra}\n1999-12-31 09:00,{mentor},{mentee},30\n"
            ),
        )
        .unwrap();
        let r = ingest::import_file(&mut store, &file, &ImportOptions::default()).unwrap();
        let (imported, duplicate) = if name == "a.csv" { (1, 1) } else { (0, 2) };
        assert_eq!(
            (r.rows_imported, r.rows_duplicate),
            (imported, duplicate),
            "{name}: {:?}",
            r.problems
        );
    }
    drop(store);
    assert_eq!(count(), before + 1);
}

#[test]
fn a_migration_of_a_database_with_data_writes_a_backup_first() {
    let (_dir, path) = copy_of(1);
    let before = census(&path);
    let mut steps = shipped();
    steps.push("ALTER TABLE people ADD COLUMN pronouns TEXT;".into());
    let refs: Vec<&str> = steps.iter().map(String::as_str).collect();

    let store = Store::open_with_migrations(&path, &refs).expect("the upgrade runs");
    assert_eq!(store.schema_version().unwrap(), steps.len() as i64);
    drop(store);
    assert!(columns_of(&path, "people").contains(&"pronouns".to_string()));

    let backup = backup_of(&path, 1);
    assert!(backup.exists(), "no backup at {}", backup.display());
    assert_eq!(census(&backup), before, "the backup is the database before");
    assert_eq!(integrity(&backup), "ok");
    assert!(!columns_of(&backup, "people").contains(&"pronouns".to_string()));
    assert_eq!(
        census(&path).1,
        before.1,
        "the data came through the upgrade"
    );
}

#[test]
fn a_failed_migration_leaves_the_old_database_as_it_was_and_usable() {
    let (_dir, path) = copy_of(1);
    let before = census(&path);
    let mut steps = shipped();
    // Half a step succeeds (a new column), then it fails (the table exists).
    steps.push("ALTER TABLE people ADD COLUMN pronouns TEXT; CREATE TABLE imports (x);".into());
    let refs: Vec<&str> = steps.iter().map(String::as_str).collect();

    let err = Store::open_with_migrations(&path, &refs)
        .err()
        .expect("the broken step fails");
    assert_eq!(err.code(), ErrorCode::Migration);
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("step {}", steps.len())) && msg.contains("already exists"),
        "the message says which step failed and why: {msg}"
    );

    // Nothing of the attempt remains, not even the half that worked.
    assert_eq!(census(&path), before);
    assert!(!columns_of(&path, "people").contains(&"pronouns".to_string()));
    assert_eq!(integrity(&path), "ok");
    assert!(
        backup_of(&path, 1).exists(),
        "the backup was written before trying"
    );
    // And this build opens it (migrating with the real steps) and works.
    still_works(&path);
}

#[test]
fn a_database_from_a_newer_build_is_refused_and_left_untouched() {
    let (_dir, path) = copy_of(1);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::Migration);
    assert!(err.to_string().contains("newer Mentorscope"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "a refused database must not be written"
    );
    let siblings: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bak"))
        .collect();
    assert!(
        siblings.is_empty(),
        "no backup for a refused database: {siblings:?}"
    );
}

/// Every row of every schema-1 table, in rowid order, reading only the
/// columns schema 1 had: what the 0001 → 0002 migration must keep exactly.
fn v1_rows(path: &Path) -> Vec<(String, Vec<String>)> {
    let v1 = rusqlite::Connection::open_in_memory().unwrap();
    v1.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
        .unwrap();
    let c = rusqlite::Connection::open(path).unwrap();
    TABLES
        .iter()
        .map(|t| {
            let cols: Vec<String> = v1
                .prepare(&format!("PRAGMA table_info({t})"))
                .unwrap()
                .query_map([], |r| r.get::<_, String>(1))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let sql = format!("SELECT {} FROM {t} ORDER BY 1, 2, 3", cols.join(", "));
            let mut stmt = c.prepare(&sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join(" | "))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (t.to_string(), rows)
        })
        .collect()
}

/// A schema-1 database built here from the shipped 0001 SQL (not a checked-in
/// file), holding rows in every table, goes through the real 0001 → 0002
/// migration: every row comes through value for value, the columns 0002 adds
/// to existing tables read NULL on the old rows, its new tables are empty
/// and take their declared defaults, and the backup is the schema-1 database.
#[test]
fn the_0001_to_0002_migration_keeps_every_row_and_gives_the_new_columns_their_defaults() {
    assert_eq!(
        SCHEMA_VERSION, 5,
        "a new migration: extend these tests to it"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("program.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
            .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.execute_batch(
            "INSERT INTO imports VALUES
               (1, 'roster.csv', 'aa11', 'roster', 'csv', NULL, 'UTF-8', ',', 3, 3, 0, 0, '2025-01-05T09:00:00'),
               (2, 'pairings.csv', 'bb22', 'pairings', 'csv', NULL, 'UTF-8', ',', 2, 1, 1, 0, '2025-01-05T09:01:00'),
               (3, 'meetings.csv', 'cc33', 'meetings', 'csv', NULL, 'windows-1252', ';', 2, 2, 0, 0, '2025-02-01T10:00:00'),
               (4, 'pulse-pre.csv', 'dd44', 'survey', 'csv', 'pre', 'UTF-8', ',', 2, 2, 0, 0, '2025-02-02T10:00:00'),
               (5, 'milestones.csv', 'ee55', 'milestones', 'csv', NULL, 'UTF-8', ',', 1, 1, 0, 0, '2025-03-01T10:00:00'),
               (6, 'team-metrics.csv', 'ff66', 'team_metrics', 'csv', NULL, 'UTF-8', ',', 1, 1, 0, 0, '2025-03-02T10:00:00');
             INSERT INTO import_problems VALUES
               (1, 2, 3, 'Mentee Email', 'ghost@example.com', 'not on the roster', 'skipped'),
               (2, 3, NULL, NULL, NULL, '2 byte(s) could not be read', 'warning');
             INSERT INTO people VALUES
               (1, 'E1', 'Ana Silva', 'ana@example.com', 'Data', 'L3', '2024-01-02', NULL),
               (1, 'E2', 'Bo Chen', 'bo@example.com', 'Data', 'L2', '2024-02-03', '2025-06-30'),
               (1, 'E3', 'Cy Diaz', NULL, 'Web', NULL, NULL, NULL);
             INSERT INTO pairings VALUES (1, 2, 'E1', 'E2', 'Spring', '2025-01-06', NULL, 2);
             INSERT INTO meetings VALUES
               (1, 3, '2025-01-10T10:00:00', 'E1', 'E2', 45.0, 'Code review', 'Next steps agreed', 2),
               (2, 3, '2025-01-24T10:00:00', 'E1', 'E2', NULL, NULL, NULL, 3);
             INSERT INTO survey_questions VALUES
               (1, 4, 'pre', 0, 'q1', 'I feel supported', 'likert', 5, 'agreement', 0),
               (2, 4, 'pre', 1, 'q2', 'How likely to recommend', 'zero_to_ten', 11, NULL, 0);
             INSERT INTO survey_responses VALUES
               (1, 4, 'pre', 'R1', 'E2', '2025-01-20T08:00:00', 2),
               (2, 4, 'pre', 'R2', NULL, NULL, 3);
             INSERT INTO survey_answers VALUES
               (1, 1, 'Agree', 4.0), (1, 2, '9', 9.0), (2, 1, 'Kinda agree', NULL);
             INSERT INTO milestones VALUES (1, 5, 'E2', 'First PR', '2025-02-14', 2);
             INSERT INTO team_metrics VALUES (1, 6, 'Data', '2025-01-06', 4.0, 1.0, 2.5, 0.25, 2);",
        )
        .unwrap();
    }
    let (version, before_counts) = census(&path);
    assert_eq!(version, 1);
    assert!(
        before_counts.iter().all(|(_, n)| *n > 0),
        "{before_counts:?}"
    );
    let before = v1_rows(&path);

    let store = Store::open(&path).expect("the schema-1 database opens and migrates");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let status = store.status().unwrap();
    drop(store);
    assert_eq!(
        (
            status.people,
            status.pairings,
            status.meetings,
            status.imports.len()
        ),
        (3, 1, 2, 6)
    );

    let c = rusqlite::Connection::open(&path).unwrap();
    let one = |sql: &str| -> String {
        c.query_row(sql, [], |r| {
            Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(0)?))
        })
        .unwrap()
    };
    assert_eq!(census(&path), (SCHEMA_VERSION, before_counts.clone()));
    for ((table, after), (_, was)) in v1_rows(&path).iter().zip(&before) {
        assert_eq!(after, was, "{table}: a row changed in migrating");
    }
    assert_eq!(integrity(&path), "ok");
    let fk = c
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count();
    assert_eq!(fk, 0, "foreign keys broken by the migration");

    // Columns 0002 adds to tables that had rows: empty on every old row
    // (a CSV import has no sheet, a log meeting no source, and so on).
    for (table, column, rows) in [
        ("imports", "sheet", 6),
        ("import_problems", "place", 2),
        ("meetings", "source", 2),
        ("pairings", "format", 1),
    ] {
        assert_eq!(
            one(&format!(
                "SELECT COUNT(*) FROM {table} WHERE {column} IS NULL"
            )),
            format!("Integer({rows})"),
            "{table}.{column} on the old rows"
        );
    }
    // Its new tables: there, empty, and with the defaults 0002 declares.
    for table in ["unmatched_meetings", "item_settings", "skill_assessments"] {
        assert_eq!(
            one(&format!("SELECT COUNT(*) FROM {table}")),
            "Integer(0)",
            "{table}"
        );
    }
    c.execute(
        "INSERT INTO item_settings (item) VALUES ('i feel supported')",
        [],
    )
    .unwrap();
    assert_eq!(
        one(
            "SELECT reverse || IFNULL(scale_min, '-') || IFNULL(scale_max, '-') FROM item_settings"
        ),
        "Text(\"0--\")"
    );
    c.execute(
        "INSERT INTO skill_assessments (import_id, person, wave, area, value, scale_points, line)
         VALUES (6, 'E2', 'pre', 'Testing', 3, 5, 2)",
        [],
    )
    .unwrap();
    assert_eq!(
        one("SELECT rater || ' ' || IFNULL(assessed_on, '-') FROM skill_assessments"),
        "Text(\"self -\")"
    );
    // The view over people still resolves on the migrated table.
    assert_eq!(one("SELECT COUNT(*) FROM person"), "Integer(3)");
    drop(c);

    let backup = backup_of(&path, 1);
    assert_eq!(census(&backup), (1, before_counts));
    assert_eq!(v1_rows(&backup), before);
    assert!(!columns_of(&backup, "pairings").contains(&"format".to_string()));
}

/// A schema-2 database built here from the shipped 0001 and 0002 SQL, with
/// the user's item marks in it, goes through the real 0002 → 0003
/// migration: the marks come through as they were, no scale is declared by
/// the upgrade, and a scale can then be declared.
#[test]
fn the_0002_to_0003_migration_keeps_the_item_marks_and_declares_no_scale() {
    assert_eq!(
        SCHEMA_VERSION, 5,
        "a new migration: extend these tests to it"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("program.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
            .unwrap();
        c.execute_batch(include_str!(
            "../src/store/migrations/0002_workbooks_attendance_skills.sql"
        ))
        .unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
        c.execute_batch(
            "INSERT INTO imports (id, file_name, sha256, kind, shape, wave, encoding, delimiter, rows_total, rows_imported, rows_skipped, rows_duplicate, imported_at)
               VALUES (1, 'pulse-pre.csv', 'dd44', 'survey', 'csv', 'pre', 'UTF-8', ',', 2, 2, 0, 0, '2025-02-02T10:00:00');
             INSERT INTO survey_questions VALUES
               (1, 1, 'pre', 0, 'q1', 'How often do you get feedback?', 'likert', 5, 'frequency-5', 0),
               (2, 1, 'pre', 1, 'q2', 'Workload (0-10)', 'zero_to_ten', 11, NULL, 0);
             INSERT INTO survey_responses VALUES (1, 1, 'pre', 'R1', NULL, '2025-01-20T08:00:00', 2);
             INSERT INTO survey_answers VALUES (1, 1, 'Often', 4.0), (1, 2, '7', 7.0);
             INSERT INTO item_settings (item, reverse) VALUES
               ('how often do you get feedback?', 1), ('workload (0-10)', 0);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).expect("the schema-2 database opens and migrates");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        store
            .reverse_items()
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        vec!["how often do you get feedback?".to_string()]
    );
    assert!(store.item_scales().unwrap().is_empty());
    let item = store
        .mark_item(
            "Workload (0-10)",
            None,
            Some(Some(mentorscope::store::ItemScale::new(0, 10).unwrap())),
        )
        .unwrap();
    assert!(item.in_composite && !item.reverse);
    drop(store);
    assert!(
        backup_of(&path, 2).exists(),
        "no backup before migrating schema 2"
    );
    assert_eq!(integrity(&path), "ok");
}
