//! Storing each meeting once. A meeting is the same meeting when its mentor,
//! mentee and start are the same: a row of an export that overlaps an
//! earlier one, or a meeting both logged and found in a calendar, counts as
//! a duplicate and is not stored twice.
//!
//! Up to schema 4 a unique index on those three text columns said so. At a
//! million meetings keeping that index up to date cost the import more than
//! the rest of SQLite's work together (BENCHMARKS.md, issue 17), so schema 5
//! dropped it and the check is made here: a hash of every stored key, read
//! once per transaction when the first meeting is written, and the stored
//! row compared on a hash match, so that a collision can never drop a
//! meeting. Every writer of `meetings` goes through [`MeetingWriter`].

use std::hash::BuildHasher;

use foldhash::{HashMap, HashMapExt};
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Statement};

use crate::error::Result;

/// One meeting to store.
pub(crate) struct NewMeeting<'a> {
    pub import_id: i64,
    pub started_at: &'a str,
    pub mentor: &'a str,
    pub mentee: &'a str,
    pub duration_min: Option<f64>,
    pub topics: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub line: i64,
    pub source: Option<&'a str>,
}

/// Writes meetings inside one transaction (the caller's), skipping those
/// already stored. It must not outlive that transaction: the keys it holds
/// are the transaction's view of the table.
pub(crate) struct MeetingWriter<'c> {
    conn: &'c Connection,
    insert: Statement<'c>,
    /// Hash of (mentor, mentee, started_at) → the id of a stored meeting
    /// with that hash; read on the first write.
    keys: Option<HashMap<u64, i64>>,
    hasher: foldhash::fast::RandomState,
    /// How many meetings the caller may write: room for their keys is made
    /// once, rather than the map growing (and rehashing) as it fills.
    expected: usize,
}

impl<'c> MeetingWriter<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<Self> {
        let insert = conn.prepare(
            "INSERT INTO meetings (import_id, started_at, mentor, mentee, duration_min, topics, notes, line, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        Ok(MeetingWriter {
            conn,
            insert,
            keys: None,
            hasher: foldhash::fast::RandomState::default(),
            expected: 0,
        })
    }

    /// Says that up to `n` meetings may be written (an upper bound: a
    /// file's line count).
    pub(crate) fn expect(&mut self, n: usize) {
        self.expected = n;
    }

    fn key(&self, mentor: &str, mentee: &str, started_at: &str) -> u64 {
        self.hasher.hash_one((mentor, mentee, started_at))
    }

    fn load_keys(&self) -> Result<HashMap<u64, i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, mentor, mentee, started_at FROM meetings")?;
        let mut rows = stmt.query([])?;
        let mut keys = HashMap::new();
        keys.reserve(self.expected);
        while let Some(r) = rows.next()? {
            // Borrowed, not copied: a million keys are read here.
            let text = |i: usize| -> rusqlite::Result<&str> {
                r.get_ref(i)?.as_str().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e))
                })
            };
            let h = self.key(text(1)?, text(2)?, text(3)?);
            keys.entry(h).or_insert(r.get::<_, i64>(0)?);
        }
        Ok(keys)
    }

    /// Whether this meeting is already stored: the meeting under a matching
    /// hash is compared, and only when it differs (a collision, about one
    /// in 10¹² pairs) is the table searched.
    fn stored(&self, id: i64, m: &NewMeeting<'_>) -> Result<bool> {
        let same: Option<bool> = self
            .conn
            .prepare_cached(
                "SELECT mentor = ?2 AND mentee = ?3 AND started_at = ?4 FROM meetings WHERE id = ?1",
            )?
            .query_row(params![id, m.mentor, m.mentee, m.started_at], |r| {
                r.get(0)
            })
            .optional()?;
        if same == Some(true) {
            return Ok(true);
        }
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM meetings WHERE mentor = ?1 AND mentee = ?2 AND started_at = ?3)",
            )?
            .query_row(params![m.mentor, m.mentee, m.started_at], |r| r.get(0))?)
    }

    /// Stores the meeting unless it is already there; true when stored.
    pub(crate) fn write(&mut self, m: &NewMeeting<'_>) -> Result<bool> {
        if self.keys.is_none() {
            self.keys = Some(self.load_keys()?);
        }
        let h = self.key(m.mentor, m.mentee, m.started_at);
        let known = self.keys.as_ref().and_then(|k| k.get(&h).copied());
        if let Some(id) = known {
            if self.stored(id, m)? {
                return Ok(false);
            }
        }
        self.insert.execute(params![
            m.import_id,
            m.started_at,
            m.mentor,
            m.mentee,
            m.duration_min,
            m.topics,
            m.notes,
            m.line,
            m.source
        ])?;
        let id = self.conn.last_insert_rowid();
        if let Some(keys) = self.keys.as_mut() {
            keys.entry(h).or_insert(id);
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn meeting<'a>(mentor: &'a str, mentee: &'a str, at: &'a str) -> NewMeeting<'a> {
        NewMeeting {
            import_id: 1,
            started_at: at,
            mentor,
            mentee,
            duration_min: Some(30.0),
            topics: None,
            notes: None,
            line: 2,
            source: None,
        }
    }

    fn store_with_import() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO imports (id, file_name, sha256, kind, shape, encoding, delimiter,
                    rows_total, rows_imported, rows_skipped, rows_duplicate, imported_at)
                 VALUES (1, 'm.csv', 'x', 'meetings', 'csv', 'UTF-8', ',', 0, 0, 0, 0, '2025-01-01T00:00:00')",
                [],
            )
            .unwrap();
        store
    }

    fn count(store: &Store) -> i64 {
        store
            .conn()
            .query_row("SELECT COUNT(*) FROM meetings", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_meeting_is_stored_once_within_a_write_and_across_writers() {
        let store = store_with_import();
        let mut w = MeetingWriter::new(store.conn()).unwrap();
        assert!(w.write(&meeting("a", "b", "2025-01-01T09:00:00")).unwrap());
        assert!(!w.write(&meeting("a", "b", "2025-01-01T09:00:00")).unwrap());
        // Any one of the three differing is another meeting.
        assert!(w.write(&meeting("a", "c", "2025-01-01T09:00:00")).unwrap());
        assert!(w.write(&meeting("b", "a", "2025-01-01T09:00:00")).unwrap());
        assert!(w.write(&meeting("a", "b", "2025-01-01T09:30:00")).unwrap());
        // The fields are kept apart: "ab"+"c" is not "a"+"bc".
        assert!(w.write(&meeting("ab", "c", "t")).unwrap());
        assert!(w.write(&meeting("a", "bc", "t")).unwrap());
        drop(w);
        // A later writer reads what is stored.
        let mut w = MeetingWriter::new(store.conn()).unwrap();
        assert!(!w.write(&meeting("a", "c", "2025-01-01T09:00:00")).unwrap());
        assert!(w.write(&meeting("c", "a", "2025-01-01T09:00:00")).unwrap());
        drop(w);
        assert_eq!(count(&store), 7);
    }

    #[test]
    fn a_hash_collision_neither_drops_a_meeting_nor_stores_one_twice() {
        let store = store_with_import();
        let mut w = MeetingWriter::new(store.conn()).unwrap();
        assert!(w.write(&meeting("a", "b", "t1")).unwrap());
        assert!(w.write(&meeting("c", "d", "t2")).unwrap());
        // Force every key of the table onto one hash, as a collision would
        // leave it: the meeting under the hash is another one.
        let first = *w.keys.as_ref().unwrap().values().min().unwrap();
        let h = w.key("c", "d", "t2");
        w.keys.as_mut().unwrap().insert(h, first);
        // ("c", "d", "t2") is found by the search, not stored again …
        assert!(!w.write(&meeting("c", "d", "t2")).unwrap());
        // … and a new meeting whose hash points at another is stored.
        let h = w.key("e", "f", "t3");
        w.keys.as_mut().unwrap().insert(h, first);
        assert!(w.write(&meeting("e", "f", "t3")).unwrap());
        drop(w);
        assert_eq!(count(&store), 3);
    }
}
