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

fn columns_of(path: &Path, table: &str) -> Vec<String> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c.prepare(&format!("PRAGMA table_info({table})")).unwrap();
    let cols = stmt
        .query_map([], |r| r.get::<_, String>(1))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    cols
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
        still_works(&path);
    }
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
