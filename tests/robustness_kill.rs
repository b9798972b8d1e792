//! SIGKILL at random moments of a large import, many times over. A kill is
//! the harshest crash there is: no destructor, no rollback code, only
//! SQLite's write-ahead log. After every kill the database must pass
//! `PRAGMA integrity_check` and `foreign_key_check`, hold the import wholly
//! or not at all, and take the next import; at the end an unkilled import
//! must land complete.
//!
//! The kill moments are drawn from a seeded RNG over the time one whole
//! import takes on this machine (measured first), so they spread over
//! start-up, reading, writing, commit and the checkpoint at exit wherever
//! the test runs. (`import_lifecycle.rs` kills at eight fixed moments.)
//!
//! Unix only: the point is SIGKILL, which no code in the process can see
//! coming. Windows' nearest equivalent, TerminateProcess, is what std's
//! `Child::kill` sends there, and `import_lifecycle.rs` (which runs on
//! every system) exercises it.
#![cfg(unix)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const BIN: &str = env!("CARGO_BIN_EXE_mentorscope");
const ROWS: i64 = 30_000;
const KILLS: usize = 36;

fn meetings_file(dir: &Path) -> PathBuf {
    let p = dir.join("meetings-large.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    writeln!(f, "Meeting Date,Mentor,Mentee,Duration (min),Topics,Notes").unwrap();
    for i in 0..ROWS {
        writeln!(
            f,
            "2025-{:02}-{:02} {:02}:{:02},m{}@example.com,e{i}@example.com,45,Code review; Career growth,Next steps agreed",
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60,
            i % 997
        )
        .unwrap();
    }
    f.flush().unwrap();
    p
}

fn import(db: &Path, file: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--db")
        .arg(db)
        .arg("import")
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// (integrity_check, foreign-key violations, meetings, imports)
fn inspect(db: &Path) -> (String, i64, i64, i64) {
    let c = rusqlite::Connection::open(db).unwrap();
    let one = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let fk = c
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count() as i64;
    (
        integrity,
        fk,
        one("SELECT COUNT(*) FROM meetings"),
        one("SELECT COUNT(*) FROM imports"),
    )
}

fn remove_db(db: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{ext}", db.display()));
        if p.exists() {
            std::fs::remove_file(&p).unwrap();
        }
    }
}

#[test]
fn sigkill_at_random_moments_never_leaves_half_an_import() {
    let db = common::temp_db();
    let dir = db.dir.path();
    let roster = dir.join("roster.csv");
    std::fs::write(
        &roster,
        "Employee ID,Full Name,Work Email,Hire Date\nE1,Ana Silva,ana@example.com,2024-01-02\n",
    )
    .unwrap();
    assert!(import(&db.path, &roster).status().unwrap().success());
    // The CLI checkpointed on exit: the database is this one file.
    let pristine = dir.join("pristine.db");
    std::fs::copy(&db.path, &pristine).unwrap();
    let file = meetings_file(dir);

    // How long one whole import takes here (into a scratch copy).
    let scratch = dir.join("scratch.db");
    std::fs::copy(&pristine, &scratch).unwrap();
    let t0 = Instant::now();
    assert!(import(&scratch, &file).status().unwrap().success());
    let whole = t0.elapsed();
    assert_eq!(inspect(&scratch).2, ROWS);

    let mut rng = ChaCha8Rng::seed_from_u64(0x4b49_4c4c);
    let (mut before_commit, mut landed, mut already_done) = (0, 0, 0);
    for k in 0..KILLS {
        // Up to 20% past the measured time, to catch commit and exit.
        let at = whole.mul_f64(rng.random_range(0.0..1.2));
        let mut child = import(&db.path, &file).spawn().unwrap();
        std::thread::sleep(at);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        let (integrity, fk, meetings, imports) = inspect(&db.path);
        let at_ms = at.as_millis();
        assert_eq!(integrity, "ok", "kill #{k} at {at_ms} ms");
        assert_eq!(fk, 0, "kill #{k} at {at_ms} ms: foreign keys broken");
        match (meetings, imports) {
            (0, 1) => before_commit += 1,
            (m, 2) if m == ROWS => {
                if finished {
                    already_done += 1;
                } else {
                    landed += 1;
                }
                // Start the next kill from the database before the import.
                remove_db(&db.path);
                std::fs::copy(&pristine, &db.path).unwrap();
            }
            other => panic!(
                "kill #{k} at {at_ms} ms left half an import: (meetings, imports) = {other:?}"
            ),
        }
    }
    eprintln!(
        "{KILLS} kill points over {} ms: {before_commit} before the commit, {landed} after it \
         (process still exiting), {already_done} after the process had finished",
        whole.as_millis()
    );
    assert!(
        before_commit >= KILLS / 3,
        "only {before_commit} of {KILLS} kills landed during the import; the file is too small"
    );

    // The next import, unkilled, on whatever the last kill left: complete.
    let started = Instant::now();
    assert!(import(&db.path, &file).status().unwrap().success());
    assert!(
        started.elapsed() < whole * 20,
        "the import after the kills hung"
    );
    let (integrity, fk, meetings, imports) = inspect(&db.path);
    assert_eq!(
        (integrity.as_str(), fk, meetings, imports),
        ("ok", 0, ROWS, 2)
    );
}
