//! Which journal protects the database while it is written. A program
//! database lives in WAL mode, so that the app reads while the CLI writes.
//! An import is written with a rollback journal instead when nothing else
//! has the database open ([`Store::bulk_write`]).
//!
//! Why: in WAL mode every page an import writes is written twice, into
//! the `-wal` file at commit and into the database by the checkpoint after
//! it. A rollback journal keeps only the original content of the pages an
//! import changes, and pages appended to a table had none: the import's
//! pages are written once. The 100k program's million meetings import in
//! 2.7-3.1 s through the WAL and 1.8-2.5 s through a rollback journal on
//! the project's machine (BENCHMARKS.md, issue 17).
//! Both journals make a transaction all or nothing through a crash or a
//! kill (`robustness_kill` kills imports in both).

use std::time::Duration;

use super::Store;
use crate::error::Result;

/// How long a connection waits for another one's write to end before it
/// says the database is busy.
pub(super) const BUSY: Duration = Duration::from_secs(30);

impl Store {
    /// Runs `f`, an import, with a rollback journal when no other
    /// connection has the database open, then puts the database back in
    /// WAL mode. With another connection open (the app while the CLI
    /// imports) SQLite refuses the switch; it is asked without waiting, and
    /// `f` then runs in WAL mode as any other write. A connection that
    /// opens while `f` writes waits for its commit, as it would for any
    /// writer's. In-memory and non-WAL databases are left as they are.
    pub fn bulk_write<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let switched = self.path.is_some() && self.leave_wal();
        let out = f(self);
        if switched {
            self.enter_wal();
        }
        out
    }

    /// The journal mode in use (`wal`, `delete`, `memory`), lower-cased.
    pub fn journal_mode(&self) -> Result<String> {
        let mode: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        Ok(mode.to_lowercase())
    }

    /// True when the database left WAL mode for a rollback journal.
    fn leave_wal(&self) -> bool {
        if !matches!(self.journal_mode().as_deref(), Ok("wal")) {
            return false;
        }
        // Leaving WAL needs every other connection closed: ask once, and
        // take no for an answer at once rather than after the busy timeout.
        if self.conn.busy_timeout(Duration::ZERO).is_err() {
            return false;
        }
        let mode = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0));
        let restored = self.conn.busy_timeout(BUSY);
        let left = matches!(&mode, Ok(m) if m.eq_ignore_ascii_case("delete"));
        if left && restored.is_err() {
            self.enter_wal();
            return false;
        }
        // In WAL mode NORMAL loses no committed transaction on power loss;
        // with a rollback journal only FULL says the same.
        left && self.conn.pragma_update(None, "synchronous", "FULL").is_ok()
    }

    fn enter_wal(&self) {
        // Should this fail (a reader holding the database past the busy
        // timeout), the database stays in rollback mode, whole and usable,
        // until the next connection opens it in WAL mode (`configure`).
        let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
        let _ = self.conn.pragma_update(None, "synchronous", "NORMAL");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode_of(store: &Store) -> String {
        store.journal_mode().unwrap()
    }

    #[test]
    fn a_bulk_write_alone_uses_a_rollback_journal_and_returns_to_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        let mut store = Store::open(&path).unwrap();
        assert_eq!(mode_of(&store), "wal");
        let during = store.bulk_write(|s| Ok(mode_of(s))).unwrap();
        assert_eq!(during, "delete");
        assert_eq!(mode_of(&store), "wal");
        // Also after a failed write.
        let err = store
            .bulk_write(|_| -> Result<()> { Err(crate::error::Error::NotFound("x".into())) })
            .unwrap_err();
        assert!(err.to_string().contains('x'));
        assert_eq!(mode_of(&store), "wal");
        // A second connection sees WAL mode (it is kept in the file).
        let other = Store::open(&path).unwrap();
        assert_eq!(mode_of(&other), "wal");
    }

    #[test]
    fn a_bulk_write_with_another_connection_open_stays_in_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        let mut store = Store::open(&path).unwrap();
        let reader = Store::open(&path).unwrap();
        reader.status().unwrap();
        let during = store
            .bulk_write(|s| {
                // The write goes ahead, and the reader reads meanwhile.
                s.conn().execute("DELETE FROM imports", [])?;
                Ok(mode_of(s))
            })
            .unwrap();
        assert_eq!(during, "wal");
        assert!(reader.status().unwrap().imports.is_empty());
        assert_eq!(mode_of(&store), "wal");
    }

    #[test]
    fn an_in_memory_database_is_left_as_it_is() {
        let mut store = Store::open_in_memory().unwrap();
        let before = mode_of(&store);
        let during = store.bulk_write(|s| Ok(mode_of(s))).unwrap();
        assert_eq!(
            (during.as_str(), mode_of(&store)),
            (before.as_str(), before.clone())
        );
    }
}
