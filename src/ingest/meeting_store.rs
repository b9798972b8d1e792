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
use std::ops::Range;

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

/// What makes two meetings the same one, hashed. A caller with another
/// thread to spare hashes there ([`MeetingWriter::keys`]).
#[derive(Clone)]
pub(crate) struct MeetingKeys(foldhash::fast::RandomState);

impl MeetingKeys {
    pub(crate) fn key(&self, mentor: &str, mentee: &str, started_at: &str) -> u64 {
        self.0.hash_one((mentor, mentee, started_at))
    }
}

/// Rows per `INSERT`: one statement's set-up and tear-down then comes once
/// per 64 meetings rather than once per meeting, which at a million rows is
/// a good part of SQLite's work. 64 × 9 parameters stays far below SQLite's
/// limit of 32,766.
const ROWS_PER_INSERT: usize = 64;
const COLUMNS: usize = 9;
/// Pending text past which the meetings are written at once: rows with
/// megabyte notes must not make the pending ones a copy of the file.
const PENDING_BYTES: usize = 1 << 20;

/// A meeting waiting for its `INSERT`, its text kept in [`Pending::text`]
/// (one buffer, reused, instead of strings per row).
struct PendingRow {
    import_id: i64,
    started_at: Range<usize>,
    mentor: Range<usize>,
    mentee: Range<usize>,
    duration_min: Option<f64>,
    topics: Option<Range<usize>>,
    notes: Option<Range<usize>>,
    line: i64,
    source: Option<Range<usize>>,
}

#[derive(Default)]
struct Pending {
    rows: Vec<PendingRow>,
    text: String,
}

impl Pending {
    fn put(&mut self, s: &str) -> Range<usize> {
        let at = self.text.len();
        self.text.push_str(s);
        at..self.text.len()
    }

    fn add(&mut self, m: &NewMeeting<'_>) {
        let row = PendingRow {
            import_id: m.import_id,
            started_at: self.put(m.started_at),
            mentor: self.put(m.mentor),
            mentee: self.put(m.mentee),
            duration_min: m.duration_min,
            topics: m.topics.map(|t| self.put(t)),
            notes: m.notes.map(|t| self.put(t)),
            line: m.line,
            source: m.source.map(|t| self.put(t)),
        };
        self.rows.push(row);
    }

    fn clear(&mut self) {
        self.rows.clear();
        self.text.clear();
    }

    /// Binds row `r` to the parameters from `first` (1-based) on.
    fn bind(&self, stmt: &mut Statement<'_>, first: usize, r: &PendingRow) -> Result<()> {
        let text = |range: &Range<usize>| &self.text[range.clone()];
        let opt = |range: &Option<Range<usize>>| range.as_ref().map(text);
        stmt.raw_bind_parameter(first, r.import_id)?;
        stmt.raw_bind_parameter(first + 1, text(&r.started_at))?;
        stmt.raw_bind_parameter(first + 2, text(&r.mentor))?;
        stmt.raw_bind_parameter(first + 3, text(&r.mentee))?;
        stmt.raw_bind_parameter(first + 4, r.duration_min)?;
        stmt.raw_bind_parameter(first + 5, opt(&r.topics))?;
        stmt.raw_bind_parameter(first + 6, opt(&r.notes))?;
        stmt.raw_bind_parameter(first + 7, r.line)?;
        stmt.raw_bind_parameter(first + 8, opt(&r.source))?;
        Ok(())
    }
}

/// Writes meetings inside one transaction (the caller's), skipping those
/// already stored. It must not outlive that transaction: the keys it holds
/// are the transaction's view of the table. Meetings are written in groups:
/// [`MeetingWriter::finish`] writes the last of them and must be called
/// before the transaction commits.
pub(crate) struct MeetingWriter<'c> {
    conn: &'c Connection,
    insert_one: Statement<'c>,
    insert_many: Statement<'c>,
    /// Hash of (mentor, mentee, started_at) → the id of a stored or pending
    /// meeting with that hash; read on the first write.
    keys: Option<HashMap<u64, i64>>,
    hasher: MeetingKeys,
    /// How many meetings the caller may write: room for their keys is made
    /// once, rather than the map growing (and rehashing) as it fills.
    expected: usize,
    pending: Pending,
    /// The id the next pending meeting will get: SQLite gives a new row
    /// one more than the largest id in the table (checked after each
    /// write, [`MeetingWriter::flush`]).
    next_id: i64,
}

fn insert_sql(rows: usize) -> String {
    let one = format!("({})", ["?"; COLUMNS].join(", "));
    format!(
        "INSERT INTO meetings (import_id, started_at, mentor, mentee, duration_min, topics, notes, line, source) VALUES {}",
        vec![one; rows].join(", ")
    )
}

impl<'c> MeetingWriter<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<Self> {
        Ok(MeetingWriter {
            conn,
            insert_one: conn.prepare(&insert_sql(1))?,
            insert_many: conn.prepare(&insert_sql(ROWS_PER_INSERT))?,
            keys: None,
            hasher: MeetingKeys(foldhash::fast::RandomState::default()),
            expected: 0,
            pending: Pending::default(),
            next_id: 1,
        })
    }

    /// Says that up to `n` meetings may be written (an upper bound: a
    /// file's line count).
    pub(crate) fn expect(&mut self, n: usize) {
        self.expected = n;
    }

    /// The hashing of meeting keys this writer uses, for [`Self::write_keyed`].
    pub(crate) fn keys(&self) -> MeetingKeys {
        self.hasher.clone()
    }

    /// Every stored meeting's key, and one more than the largest id.
    fn load_keys(&self) -> Result<(HashMap<u64, i64>, i64)> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, mentor, mentee, started_at FROM meetings")?;
        let mut rows = stmt.query([])?;
        let mut keys = HashMap::new();
        keys.reserve(self.expected);
        let mut largest = 0;
        while let Some(r) = rows.next()? {
            // Borrowed, not copied: a million keys are read here.
            let text = |i: usize| -> rusqlite::Result<&str> {
                r.get_ref(i)?.as_str().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e))
                })
            };
            let h = self.hasher.key(text(1)?, text(2)?, text(3)?);
            let id: i64 = r.get(0)?;
            largest = largest.max(id);
            keys.entry(h).or_insert(id);
        }
        Ok((keys, largest + 1))
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

    /// Stores the meeting unless it is already there; true when stored (or
    /// pending: written at the latest by [`Self::finish`]).
    pub(crate) fn write(&mut self, m: &NewMeeting<'_>) -> Result<bool> {
        let key = self.hasher.key(m.mentor, m.mentee, m.started_at);
        self.write_keyed(m, key)
    }

    /// As [`Self::write`], with the meeting's key made by [`Self::keys`].
    pub(crate) fn write_keyed(&mut self, m: &NewMeeting<'_>, key: u64) -> Result<bool> {
        debug_assert_eq!(key, self.hasher.key(m.mentor, m.mentee, m.started_at));
        if self.keys.is_none() {
            let (keys, next_id) = self.load_keys()?;
            self.keys = Some(keys);
            self.next_id = next_id;
        }
        let known = self.keys.as_ref().and_then(|k| k.get(&key).copied());
        if let Some(id) = known {
            // Compared in the table: the pending meetings go there first.
            self.flush()?;
            if self.stored(id, m)? {
                return Ok(false);
            }
        }
        let id = self.next_id;
        self.next_id += 1;
        if let Some(keys) = self.keys.as_mut() {
            keys.entry(key).or_insert(id);
        }
        self.pending.add(m);
        if self.pending.rows.len() == ROWS_PER_INSERT || self.pending.text.len() >= PENDING_BYTES {
            self.flush()?;
        }
        Ok(true)
    }

    /// Writes the pending meetings: a full group in one statement, a part
    /// one by one.
    fn flush(&mut self) -> Result<()> {
        let n = self.pending.rows.len();
        if n == 0 {
            return Ok(());
        }
        if n == ROWS_PER_INSERT {
            for (i, r) in self.pending.rows.iter().enumerate() {
                self.pending
                    .bind(&mut self.insert_many, i * COLUMNS + 1, r)?;
            }
            self.insert_many.raw_execute()?;
        } else {
            for r in &self.pending.rows {
                self.pending.bind(&mut self.insert_one, 1, r)?;
                self.insert_one.raw_execute()?;
            }
        }
        self.pending.clear();
        // The ids promised to the keys are SQLite's: a new row gets one
        // more than the largest id. Should that ever not hold, the keys are
        // read again from the table rather than trusted.
        if self.conn.last_insert_rowid() != self.next_id - 1 {
            let (keys, next_id) = self.load_keys()?;
            self.keys = Some(keys);
            self.next_id = next_id;
        }
        Ok(())
    }

    /// Writes what is still pending. Without it those meetings are lost.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.flush()
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
        w.finish().unwrap();
        // A later writer reads what is stored.
        let mut w = MeetingWriter::new(store.conn()).unwrap();
        assert!(!w.write(&meeting("a", "c", "2025-01-01T09:00:00")).unwrap());
        assert!(w.write(&meeting("c", "a", "2025-01-01T09:00:00")).unwrap());
        w.finish().unwrap();
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
        let h = w.hasher.key("c", "d", "t2");
        w.keys.as_mut().unwrap().insert(h, first);
        // ("c", "d", "t2") is found by the search, not stored again …
        assert!(!w.write(&meeting("c", "d", "t2")).unwrap());
        // … and a new meeting whose hash points at another is stored.
        let h = w.hasher.key("e", "f", "t3");
        w.keys.as_mut().unwrap().insert(h, first);
        assert!(w.write(&meeting("e", "f", "t3")).unwrap());
        w.finish().unwrap();
        assert_eq!(count(&store), 3);
    }

    /// Every stored meeting as (mentor, mentee, started_at, notes, line).
    fn stored_rows(store: &Store) -> Vec<(String, String, String, Option<String>, i64)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT mentor, mentee, started_at, notes, line FROM meetings ORDER BY line")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn meetings_written_in_groups_are_each_stored_once_with_their_fields() {
        let store = store_with_import();
        let mut w = MeetingWriter::new(store.conn()).unwrap();
        let big = "n".repeat(PENDING_BYTES / 3);
        let mut expected = Vec::new();
        let stamps: Vec<String> = (0..300)
            .map(|i| format!("2025-01-01T{:02}:{:02}:00", i / 60, i % 60))
            .collect();
        let mut line = 1;
        for (i, at) in stamps.iter().enumerate() {
            line += 1;
            // Every seventh has long notes: groups end on bytes as well as rows.
            let notes = (i % 7 == 0).then_some(big.as_str());
            let mut m = meeting("a", "b", at);
            m.notes = notes;
            m.line = line;
            assert!(w.write(&m).unwrap(), "meeting {i}");
            expected.push((
                "a".to_string(),
                "b".to_string(),
                at.clone(),
                notes.map(str::to_string),
                line,
            ));
            // The same again, at once (still pending) and of one written
            // long ago (in the table): neither stored.
            line += 1;
            let mut again = meeting("a", "b", at);
            again.line = line;
            assert!(!w.write(&again).unwrap(), "again {i}");
            let mut old = meeting("a", "b", &stamps[i / 2]);
            old.line = line;
            assert!(!w.write(&old).unwrap(), "old {i}");
        }
        w.finish().unwrap();
        assert_eq!(stored_rows(&store), expected);
    }

    #[test]
    fn a_row_written_beside_the_writer_leaves_its_checks_right() {
        // A row another statement wrote takes the id the writer meant for a
        // pending meeting; its duplicates must still be found, and nothing
        // dropped.
        let store = store_with_import();
        let mut w = MeetingWriter::new(store.conn()).unwrap();
        assert!(w.write(&meeting("a", "b", "t1")).unwrap());
        store
            .conn()
            .execute(
                "INSERT INTO meetings (import_id, started_at, mentor, mentee, line) VALUES (1, 'x', 'y', 'z', 9)",
                [],
            )
            .unwrap();
        for i in 0..100 {
            assert!(w.write(&meeting("c", "d", &format!("u{i}"))).unwrap());
        }
        // The first group's ids were not the ones promised: the keys were
        // read again, and (a, b, t1) is under the id it got.
        let h = w.hasher.key("a", "b", "t1");
        assert_eq!(w.keys.as_ref().unwrap()[&h], 2);
        assert!(!w.write(&meeting("a", "b", "t1")).unwrap());
        assert!(!w.write(&meeting("c", "d", "u0")).unwrap());
        assert!(!w.write(&meeting("c", "d", "u99")).unwrap());
        w.finish().unwrap();
        assert_eq!(count(&store), 102);
    }
}
