//! Killing a CLI import at a moment the test has *seen*, never at a time it
//! guessed. The CLI, run with `MENTORSCOPE_PROGRESS` set, writes
//! `progress <fraction> <file>` to stderr from inside the import's
//! transaction; in WAL mode the transaction's pages reach the `-wal` file
//! only when it commits (the 64 MiB page cache holds them until then), and
//! the database file itself grows only when a checkpoint copies committed
//! pages into it. So the three things a test can wait for are:
//!
//! - a progress line at or past a fraction: the transaction is open and
//!   that share of the rows has been read;
//! - the `-wal` file past a size: the commit is being written;
//! - the database file past its size before the import: the commit is
//!   done and the checkpoint is copying it in.
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

/// A file's length, 0 when it does not exist.
pub fn len(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// Removes a database and its `-wal`/`-shm` companions.
pub fn remove_db(db: &Path) {
    for ext in ["", "-wal", "-shm"] {
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
