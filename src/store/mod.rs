//! The SQLite store: opening a program database with the right pragmas,
//! bringing its schema up to date with embedded forward-only migrations,
//! import history (list, find by content hash, undo) and counts.
//!
//! It owns SQL and nothing else: it does not parse files (that is `ingest`)
//! and does not compute metrics (that is `analysis`). Writes of an import go
//! through one transaction that `ingest` opens with [`Store::transaction`].
//! Where the per-user database lives is `location`.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::error::{Error, Result};

pub(crate) mod items;
mod journal;
mod location;
mod view_cache;
pub use items::{item_key, ItemMarks, ItemScale, SurveyItem};
pub use location::{
    db_path_in, default_db_path, APP_IDENTIFIER, DB_FILE_NAME, EARLIER_IDENTIFIERS,
};

/// Embedded migrations, in order. Index + 1 is the schema version after it.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_workbooks_attendance_skills.sql"),
    include_str!("migrations/0003_item_scales.sql"),
    include_str!("migrations/0004_view_cache.sql"),
    include_str!("migrations/0005_meetings_without_key_index.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ImportRecord {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub kind: String,
    pub shape: String,
    pub wave: Option<String>,
    /// The workbook sheet this import read; `None` for CSV.
    pub sheet: Option<String>,
    pub rows_total: i64,
    pub rows_imported: i64,
    pub rows_skipped: i64,
    pub rows_duplicate: i64,
    pub imported_at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Status {
    pub people: i64,
    pub pairings: i64,
    pub meetings: i64,
    /// Meetings of attendance reports and calendars that matched no pairing.
    pub unmatched_meetings: i64,
    pub survey_responses: i64,
    pub survey_waves: Vec<String>,
    pub milestones: i64,
    pub team_metric_rows: i64,
    pub imports: Vec<ImportRecord>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    /// Before migrating a database that already holds data, a copy of it is
    /// written beside it (`<name>.v<old>.bak`), so a failed or unwanted
    /// upgrade never costs the user their program.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with_migrations(path, MIGRATIONS)
    }

    /// [`Store::open`] with `migrations` in place of the embedded ones: a
    /// seam for tests of the upgrade path (a later step, a step that fails)
    /// that no shipped migration exercises yet. Not for the app.
    #[doc(hidden)]
    pub fn open_with_migrations(path: &Path, migrations: &[&str]) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
        }
        let conn = Connection::open(path)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure()?;
        store.migrate(migrations)?;
        Ok(store)
    }

    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.configure()?;
        store.migrate(MIGRATIONS)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn configure(&self) -> Result<()> {
        // WAL lets the app read while the CLI writes (`journal`); the busy
        // timeout makes a second writer wait for the first instead of
        // failing at once.
        self.conn.busy_timeout(journal::BUSY)?;
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .or_else(|_| self.conn.pragma_update(None, "journal_mode", "DELETE"))?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Up to 64 MiB of page cache: a million-row import then keeps its
        // index pages in memory instead of spilling and re-reading them.
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn migrate(&mut self, migrations: &[&str]) -> Result<()> {
        let latest = migrations.len() as i64;
        let current = self.schema_version()?;
        if current > latest {
            return Err(Error::Migration(format!(
                "this database was written by a newer Mentorscope (schema {current}, this build knows {latest}); update the app"
            )));
        }
        if current == latest {
            return Ok(());
        }
        if current > 0 {
            if let Some(path) = &self.path {
                let backup = path.with_extension(format!("v{current}.bak"));
                let _ = std::fs::remove_file(&backup);
                self.conn
                    .execute("VACUUM INTO ?1", params![backup.to_string_lossy()])
                    .map_err(|e| {
                        Error::Migration(format!("could not write a backup first: {e}"))
                    })?;
            }
        }
        // Another process (the app and the CLI opening a new database at the
        // same moment) may be migrating too: take the write lock first, then
        // look again at what is left to do. All steps land together or not
        // at all.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in migrations.iter().enumerate().skip(current as usize) {
            let version = i as i64 + 1;
            tx.execute_batch(sql)
                .map_err(|e| Error::Migration(format!("step {version}: {e}")))?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn transaction(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    pub fn find_import_by_sha(&self, sha256: &str) -> Result<Option<ImportRecord>> {
        Ok(self
            .conn
            .query_row(
                &format!("{IMPORT_SELECT} WHERE sha256 = ?1 ORDER BY id LIMIT 1"),
                params![sha256],
                import_from_row,
            )
            .optional()?)
    }

    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let mut stmt = self.conn.prepare(&format!("{IMPORT_SELECT} ORDER BY id"))?;
        let rows = stmt.query_map([], import_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn import(&self, id: i64) -> Result<ImportRecord> {
        self.conn
            .query_row(
                &format!("{IMPORT_SELECT} WHERE id = ?1"),
                params![id],
                import_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("there is no import #{id}")))
    }

    /// Problems recorded for one import, in file order.
    pub fn problems(&self, import_id: i64) -> Result<Vec<crate::ingest::Problem>> {
        let mut stmt = self.conn.prepare(
            "SELECT line, column_name, value, reason, severity, place FROM import_problems
             WHERE import_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![import_id], |r| {
            let severity: String = r.get(4)?;
            Ok(crate::ingest::Problem {
                line: r.get::<_, Option<i64>>(0)?.map(|l| l as u64),
                place: r.get(5)?,
                column: r.get(1)?,
                value: r.get(2)?,
                reason: r.get(3)?,
                severity: if severity == "skipped" {
                    crate::ingest::Severity::Skipped
                } else {
                    crate::ingest::Severity::Warning
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Removes one import and everything it added, in one transaction.
    pub fn undo(&mut self, import_id: i64) -> Result<ImportRecord> {
        let record = self.import(import_id)?;
        let tx = self.transaction()?;
        // Answers cascade from responses; the rest cascade from imports, but
        // explicit deletes use the import_id indexes and keep this fast.
        for table in [
            "survey_responses",
            "survey_questions",
            "meetings",
            "unmatched_meetings",
            "skill_assessments",
            "pairings",
            "milestones",
            "team_metrics",
            "people",
            "import_problems",
        ] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE import_id = ?1"),
                params![import_id],
            )?;
        }
        tx.execute("DELETE FROM imports WHERE id = ?1", params![import_id])?;
        tx.commit()?;
        Ok(record)
    }

    /// Changes whenever another connection (the CLI, a second window)
    /// commits to the database; a cached view compares it to know it is
    /// stale. SQLite's `PRAGMA data_version`.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Survey waves in the order they were run (first submission).
    pub fn survey_waves(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT wave FROM survey_responses GROUP BY wave ORDER BY MIN(IFNULL(submitted_at, '')), MIN(import_id)",
        )?;
        let waves = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(waves)
    }

    pub fn status(&self) -> Result<Status> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let survey_waves = self.survey_waves()?;
        Ok(Status {
            people: count("SELECT COUNT(DISTINCT person_id) FROM people")?,
            pairings: count("SELECT COUNT(*) FROM pairings")?,
            meetings: count("SELECT COUNT(*) FROM meetings")?,
            unmatched_meetings: count("SELECT COUNT(*) FROM unmatched_meetings")?,
            survey_responses: count("SELECT COUNT(*) FROM survey_responses")?,
            survey_waves,
            milestones: count("SELECT COUNT(*) FROM milestones")?,
            team_metric_rows: count("SELECT COUNT(*) FROM team_metrics")?,
            imports: self.imports()?,
        })
    }
}

const IMPORT_SELECT: &str = "SELECT id, file_name, sha256, kind, shape, wave, rows_total, rows_imported, rows_skipped, rows_duplicate, imported_at, sheet FROM imports";

fn import_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ImportRecord> {
    Ok(ImportRecord {
        id: r.get(0)?,
        file_name: r.get(1)?,
        sha256: r.get(2)?,
        kind: r.get(3)?,
        shape: r.get(4)?,
        wave: r.get(5)?,
        rows_total: r.get(6)?,
        rows_imported: r.get(7)?,
        rows_skipped: r.get(8)?,
        rows_duplicate: r.get(9)?,
        imported_at: r.get(10)?,
        sheet: r.get(11)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_database_is_at_latest_schema_with_foreign_keys_on() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let fk: i64 = store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn file_database_uses_wal() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("p.db")).unwrap();
        assert_eq!(store.journal_mode().unwrap(), "wal");
    }

    #[test]
    fn refuses_database_from_a_newer_build() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        let err = Store::open(&path).err().unwrap();
        assert!(err.to_string().contains("newer Mentorscope"), "{err}");
    }

    #[test]
    fn undo_of_unknown_import_says_so() {
        let mut store = Store::open_in_memory().unwrap();
        let err = store.undo(42).unwrap_err();
        assert_eq!(err.to_string(), "there is no import #42");
    }
}
