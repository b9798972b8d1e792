//! Where the per-user program database lives, and carrying it over from
//! the folder an earlier release used.
//!
//! The folder is the platform's app-data directory joined with the app's
//! identifier (`~/.local/share/…` on Linux, `~/Library/Application
//! Support/…` on macOS, `%APPDATA%\…` on Windows, from `directories`), so
//! the CLI and the desktop app always open the same file. This module only
//! decides the path and moves an earlier folder into place; it never opens
//! the database (that is [`super::Store::open`]).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The app's identifier: the per-user folder's name. Must equal
/// `identifier` in `src-tauri/tauri.conf.json` (a test checks it).
///
/// Releases up to 0.1 used `com.mentorscope.app`; an identifier ending in
/// `.app` clashes with the macOS application-bundle extension, so it
/// changed, and [`default_db_path`] carries the old folder over.
pub const APP_IDENTIFIER: &str = "com.mentorscope.desktop";

/// Folders earlier releases kept the program database in, newest first.
pub const EARLIER_IDENTIFIERS: &[&str] = &["com.mentorscope.app"];

/// The database's file name inside the folder.
pub const DB_FILE_NAME: &str = "mentorscope.db";

/// The per-user program database that both the desktop app and the CLI open
/// when none is named. `MENTORSCOPE_DB` overrides it (tests, scripts).
///
/// On the first start after the identifier changed, an earlier release's
/// folder (database, its WAL and backups, saved column mappings) is moved
/// to the new place, so nobody loses their program by upgrading.
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("MENTORSCOPE_DB") {
        return Ok(PathBuf::from(p));
    }
    let base = directories::BaseDirs::new().ok_or_else(|| {
        Error::InvalidArgument(
            "could not find your home folder to keep the program database in; pass --db FILE"
                .into(),
        )
    })?;
    Ok(db_path_in(base.data_dir()))
}

/// The database path under the app-data directory `data_dir`, after moving
/// an earlier release's folder into place when the current one has no
/// database yet. Should the move fail (a read-only or locked folder), the
/// earlier database is used where it is: starting with an empty program
/// would look like data loss.
pub fn db_path_in(data_dir: &Path) -> PathBuf {
    let folder = data_dir.join(APP_IDENTIFIER);
    let db = folder.join(DB_FILE_NAME);
    if db.exists() {
        return db;
    }
    for old in EARLIER_IDENTIFIERS {
        let old_folder = data_dir.join(old);
        if !old_folder.join(DB_FILE_NAME).is_file() {
            continue;
        }
        return match move_folder(&old_folder, &folder) {
            Ok(()) => db,
            // Another process (the CLI and the app starting together) may
            // have moved it first.
            Err(_) if db.exists() => db,
            Err(_) => old_folder.join(DB_FILE_NAME),
        };
    }
    db
}

/// Moves everything in `from` into `to`: one rename when `to` does not exist
/// (atomic on one file system, which both share under the app-data
/// directory), else file by file, never overwriting what `to` already holds.
/// The database moves together with its `-wal` and `-shm` files, so
/// committed data not yet checkpointed comes along.
fn move_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    if !to.exists() {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        return std::fs::rename(from, to);
    }
    // The database and its companions first: if anything fails after them,
    // the program is already in its new place.
    let mut entries: Vec<PathBuf> = std::fs::read_dir(from)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|p| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        (
            !name.is_some_and(|n| n.starts_with(DB_FILE_NAME)),
            p.clone(),
        )
    });
    for entry in entries {
        let Some(name) = entry.file_name() else {
            continue;
        };
        let target = to.join(name);
        if !target.exists() {
            std::fs::rename(&entry, &target)?;
        }
    }
    // Only an emptied folder goes; anything left is the user's to keep.
    let _ = std::fs::remove_dir(from);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn program_in(folder: &Path) -> i64 {
        let mut store = Store::open(&folder.join(DB_FILE_NAME)).unwrap();
        crate::sample::import_into(&mut store).unwrap();
        store.status().unwrap().people
    }

    #[test]
    fn identifier_matches_the_app_bundle() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../src-tauri/tauri.conf.json")).unwrap();
        assert_eq!(conf["identifier"], APP_IDENTIFIER);
        assert!(
            !APP_IDENTIFIER.ends_with(".app"),
            "macOS reads a name ending in .app as an application bundle"
        );
    }

    #[test]
    fn an_earlier_release_folder_is_carried_over_on_first_start() {
        let data = tempfile::tempdir().unwrap();
        let old = data.path().join(EARLIER_IDENTIFIERS[0]);
        let people = program_in(&old);
        assert!(people > 0);
        std::fs::write(old.join("saved-mappings.json"), b"{\"mappings\":[]}").unwrap();

        let db = db_path_in(data.path());
        assert_eq!(db, data.path().join(APP_IDENTIFIER).join(DB_FILE_NAME));
        assert!(!old.exists(), "the old folder is moved, not copied");
        assert!(db.with_file_name("saved-mappings.json").is_file());
        let store = Store::open(&db).unwrap();
        assert_eq!(store.status().unwrap().people, people);
        assert!(!store.status().unwrap().imports.is_empty());

        // The second start finds it in place and moves nothing.
        assert_eq!(db_path_in(data.path()), db);
    }

    #[test]
    fn a_folder_already_there_without_a_database_receives_the_old_files() {
        let data = tempfile::tempdir().unwrap();
        let old = data.path().join(EARLIER_IDENTIFIERS[0]);
        let people = program_in(&old);
        // Something else (the webview's own data) made the new folder first.
        let new = data.path().join(APP_IDENTIFIER);
        std::fs::create_dir_all(new.join("webview")).unwrap();
        std::fs::create_dir_all(old.join("webview")).unwrap();

        let db = db_path_in(data.path());
        assert_eq!(db, new.join(DB_FILE_NAME));
        assert_eq!(Store::open(&db).unwrap().status().unwrap().people, people);
        // A name both folders hold is left where it was, not overwritten.
        assert!(old.join("webview").is_dir());
        assert!(!old.join(DB_FILE_NAME).exists());
    }

    #[test]
    fn a_current_database_wins_and_the_old_folder_is_left_alone() {
        let data = tempfile::tempdir().unwrap();
        let old = data.path().join(EARLIER_IDENTIFIERS[0]);
        program_in(&old);
        let new = data.path().join(APP_IDENTIFIER);
        std::fs::create_dir_all(&new).unwrap();
        let current = Store::open(&new.join(DB_FILE_NAME)).unwrap();
        assert_eq!(current.status().unwrap().people, 0);
        drop(current);

        assert_eq!(db_path_in(data.path()), new.join(DB_FILE_NAME));
        assert!(old.join(DB_FILE_NAME).is_file());
        assert_eq!(
            Store::open(&new.join(DB_FILE_NAME))
                .unwrap()
                .status()
                .unwrap()
                .people,
            0
        );
    }

    #[test]
    fn a_first_start_with_nothing_earlier_creates_nothing_yet() {
        let data = tempfile::tempdir().unwrap();
        let db = db_path_in(data.path());
        assert_eq!(db, data.path().join(APP_IDENTIFIER).join(DB_FILE_NAME));
        assert!(!db.exists());
    }

    #[test]
    fn an_old_folder_that_cannot_move_is_used_where_it_is() {
        let data = tempfile::tempdir().unwrap();
        let old = data.path().join(EARLIER_IDENTIFIERS[0]);
        let people = program_in(&old);
        // A file where the new folder should be: every move into it fails
        // (for root too, unlike a permission bit).
        std::fs::write(data.path().join(APP_IDENTIFIER), b"not a folder").unwrap();
        let db = db_path_in(data.path());
        assert_eq!(db, old.join(DB_FILE_NAME));
        assert_eq!(Store::open(&db).unwrap().status().unwrap().people, people);
    }
}
