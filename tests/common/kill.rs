//! Killing a CLI import at a moment the test has *seen*, never at a time it
//! guessed. The CLI, run with `MENTORSCOPE_PROGRESS` set, writes
//! `progress <fraction> <file>` to stderr from inside the import's
//! transaction. The 64 MiB page cache holds the transaction's pages until
//! it commits, and where they go then depends on the journal the import
//! writes through (`Store::bulk_write`):
//!
//! - with the database to itself, a rollback journal: the commit writes the
//!   pages into the database file while the `-journal` file is there, and
//!   deleting that file is the commit;
//! - with another connection holding the database open (the app), the
//!   WAL: the commit writes the pages to the `-wal` file, and the database
//!   file grows only when a checkpoint copies committed pages into it.
//!
//! So the things a test can wait for are: a progress line at or past a
//! fraction (the transaction is open and that share of the rows read);
//! the commit being written ([`Watched::wait_commit`]); the commit over
//! ([`Watched::wait_committed`]).
//!
//! Nothing here measures or compares time. Waiting polls a condition with a
//! short sleep; the only limits are guards against a hung child, which fail
//! the test as hung rather than pass it.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// Polling step while waiting for a file to reach a size.
const POLL: Duration = Duration::from_micros(200);
/// Guard against a hung child: this many polls (several minutes) and the
/// test fails saying so.
const MAX_POLLS: u64 = 1_500_000;
/// Guard against a hung child while waiting for its next progress line.
const HUNG: Duration = Duration::from_secs(300);

/// The `-wal` file beside a database.
pub fn wal(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

/// The rollback journal beside a database: there while a transaction
/// written through one is open.
pub fn journal(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-journal", db.display()))
}

/// The journal an import writes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Journal {
    /// The database to itself: a rollback journal.
    Rollback,
    /// Another connection has it open: the WAL.
    Wal,
}

impl Journal {
    /// What makes an import use this journal: for the WAL, a connection
    /// holding the database open as the app does (opened and read once),
    /// to be dropped after the kill; nothing for the rollback journal.
    pub fn arrange(self, db: &Path) -> Option<rusqlite::Connection> {
        match self {
            Journal::Rollback => None,
            Journal::Wal => {
                let c = rusqlite::Connection::open(db).unwrap();
                let mode: String = c
                    .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(mode, "wal", "the database is not in WAL mode");
                c.query_row("SELECT COUNT(*) FROM imports", [], |r| r.get::<_, i64>(0))
                    .unwrap();
                Some(c)
            }
        }
    }

    /// Whether an open import's files show this journal: the `-journal`
    /// file is there only with a rollback journal.
    pub fn in_use(self, db: &Path) -> bool {
        journal(db).exists() == (self == Journal::Rollback)
    }
}

/// Opens the database with the CLI, as the user's next step after a crash
/// would (the app or the CLI opening it): whatever journal the kill left
/// is rolled back or cleared, the database is put back in WAL mode, and on
/// exit the WAL is checkpointed and removed. Asserts it leaves the
/// database one file again.
pub fn reopen(bin: &str, db: &Path) {
    let out = Command::new(bin)
        .arg("--db")
        .arg(db)
        .arg("status")
        .output()
        .expect("start the CLI");
    assert!(
        out.status.success(),
        "the CLI could not open the database after a kill: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        (len(&wal(db)), journal(db).exists()),
        (0, false),
        "a journal outlived the CLI"
    );
}

/// A file's length, 0 when it does not exist.
pub fn len(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// Removes a database and its `-wal`/`-shm`/`-journal` companions.
pub fn remove_db(db: &Path) {
    for ext in ["", "-wal", "-shm", "-journal"] {
        let p = PathBuf::from(format!("{}{ext}", db.display()));
        if p.exists() {
            std::fs::remove_file(&p).unwrap();
        }
    }
}

/// A running `mentorscope import` whose progress the test reads.
pub struct Watched {
    child: Child,
    progress: Receiver<f64>,
    /// The highest fraction seen so far.
    pub seen: f64,
    /// How many progress lines were read.
    pub lines: usize,
}

/// Starts `bin --db db import file` with progress lines on stderr.
pub fn spawn_import(bin: &str, db: &Path, file: &Path) -> Watched {
    let mut child = Command::new(bin)
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(file)
        .env("MENTORSCOPE_PROGRESS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the CLI");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    // Drains stderr to the end, so the child never blocks on a full pipe
    // while the test is busy watching files.
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let fraction = line
                .strip_prefix("progress ")
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|f| f.parse::<f64>().ok());
            if let Some(f) = fraction {
                if tx.send(f).is_err() {
                    break;
                }
            }
        }
    });
    Watched {
        child,
        progress: rx,
        seen: -1.0,
        lines: 0,
    }
}

impl Watched {
    /// Waits for a progress line at or past `fraction`. False when the
    /// child ended without writing one.
    pub fn wait_progress(&mut self, fraction: f64) -> bool {
        while self.seen < fraction {
            match self.progress.recv_timeout(HUNG) {
                Ok(f) => {
                    self.seen = self.seen.max(f);
                    self.lines += 1;
                }
                Err(RecvTimeoutError::Disconnected) => return false,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    panic!("the import wrote no progress for {HUNG:?}: hung");
                }
            }
        }
        true
    }

    /// Polls until `condition` holds. False when the child exited before
    /// it was seen to hold.
    pub fn wait_until(&mut self, mut condition: impl FnMut() -> bool) -> bool {
        for _ in 0..MAX_POLLS {
            if condition() {
                return true;
            }
            if self.child.try_wait().unwrap().is_some() {
                return false;
            }
            std::thread::sleep(POLL);
        }
        let _ = self.child.kill();
        panic!("the import neither reached the awaited state nor exited: hung");
    }

    /// Waits until every row is read and the commit is being written:
    /// through the WAL, the `-wal` file at least `bytes` long; through a
    /// rollback journal, the database file `bytes` past `base` while the
    /// journal is still there. A kill then may find the import absent or
    /// whole, never part of it. False when the child exited first.
    pub fn wait_commit(&mut self, db: &Path, journal: Journal, base: u64, bytes: u64) -> bool {
        self.wait_progress(1.0)
            && match journal {
                Journal::Wal => self.wait_until(|| len(&wal(db)) >= bytes),
                Journal::Rollback => {
                    self.wait_until(|| self::journal(db).exists() && len(db) >= base + bytes)
                }
            }
    }

    /// Waits until the commit is over: through the WAL, the checkpoint has
    /// copied `bytes` into the database file (only committed pages are);
    /// through a rollback journal, the journal is gone with the database
    /// `bytes` past `base`. A kill then must find the import whole. False
    /// when the child exited first.
    pub fn wait_committed(&mut self, db: &Path, journal: Journal, base: u64, bytes: u64) -> bool {
        self.wait_progress(1.0)
            && match journal {
                Journal::Wal => self.wait_until(|| len(db) >= base + bytes),
                // Grown first, then the journal gone: the database grows
                // only inside the commit, and a journal gone after that is
                // the commit over.
                Journal::Rollback => self.wait_until(|| {
                    let grown = len(db) >= base + bytes;
                    grown && !self::journal(db).exists()
                }),
            }
    }

    /// Kills the child now (SIGKILL on Unix, TerminateProcess on Windows)
    /// and reaps it. True when it was still running just before the kill.
    pub fn kill(mut self) -> bool {
        let alive = self.child.try_wait().unwrap().is_none();
        let _ = self.child.kill();
        let _ = self.child.wait();
        alive
    }

    /// Lets the child finish; its exit status and how many progress lines
    /// it wrote.
    pub fn finish(mut self) -> (std::process::ExitStatus, usize) {
        // Drain the progress so the count is complete.
        while let Ok(f) = self.progress.recv_timeout(HUNG) {
            self.seen = self.seen.max(f);
            self.lines += 1;
        }
        (self.child.wait().unwrap(), self.lines)
    }
}
