//! The data generation (a change counter kept in the file by triggers, see
//! `migrations/0004_view_cache.sql`) and the last view of each kind the app
//! showed, so that a large program's dashboard can be shown at launch
//! before the program behind it has been read.

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::error::Result;

impl Store {
    /// A number that changes with every import, undo, rematch and item
    /// mark, in any process, and never goes back.
    pub fn generation(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT n FROM data_generation WHERE id = 1", [], |r| {
                r.get(0)
            })?)
    }

    /// The last `view` saved, whatever build saved it and from whatever
    /// data: (key, generation, body).
    pub fn last_view(&self, view: &str) -> Result<Option<(String, i64, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT key, generation, body FROM view_cache WHERE view = ?1",
                params![view],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// Keeps `body` as the last `view` shown, computed from the data at
    /// `generation` (read before the data was). A body from older data
    /// than the one kept is not saved over it.
    pub fn save_view(&self, view: &str, key: &str, generation: i64, body: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO view_cache (view, key, generation, body) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(view) DO UPDATE SET key = excluded.key,
                 generation = excluded.generation, body = excluded.body
             WHERE excluded.generation >= view_cache.generation",
            params![view, key, generation, body],
        )?;
        Ok(())
    }
}
