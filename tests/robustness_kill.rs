//! SIGKILL at random points of a large import, many times over. A kill is
//! the harshest crash there is: no destructor, no rollback code, only
//! SQLite's write-ahead log. After every kill the database must pass
//! `PRAGMA integrity_check` and `foreign_key_check`, hold the import wholly
//! or not at all, and take the next import; at the end an unkilled import
//! must land complete.
//!
//! Every kill comes after the test has *seen* the point it aimed at (see
//! `common/kill.rs`): a progress line at a drawn fraction of the rows (the
//! transaction open, part of the file written into it), the `-wal` file
//! past a drawn size (the commit being written), or the database file past
//! its size before by a drawn amount (the commit done, the checkpoint
//! copying it in; the import must then be there in full). The points are
//! drawn from a seeded RNG; the seed is printed, and
//! `MENTORSCOPE_KILL_SEED=<n>` replays a run. Nothing is timed.
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

use common::kill::{self, len, wal};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const BIN: &str = env!("CARGO_BIN_EXE_mentorscope");
/// The importer reports progress every 10,000 rows: 60,000 rows give
/// seven distinct points inside the transaction.
const ROWS: i64 = 60_000;
const KILLS: usize = 24;

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

/// Where a kill is aimed.
#[derive(Debug, Clone, Copy)]
enum Point {
    /// A progress line at or past this fraction of the rows.
    Rows(f64),
    /// Every row read, and the `-wal` file at least this many bytes.
    Commit(u64),
    /// Every row read, and the database file this many bytes past its size
    /// before the import.
    Checkpoint(u64),
}

fn seed() -> u64 {
    match std::env::var("MENTORSCOPE_KILL_SEED") {
        Ok(s) => s.parse().expect("MENTORSCOPE_KILL_SEED is a number"),
        Err(_) => rand::rng().random(),
    }
}

#[test]
fn sigkill_at_observed_points_never_leaves_half_an_import() {
    let seed = seed();
    // Written to the stream itself so it shows for a passing test too.
    let _ = writeln!(
        std::io::stderr(),
        "robustness_kill seed {seed} (MENTORSCOPE_KILL_SEED={seed} replays it)"
    );
    let db = common::temp_db();
    let dir = db.dir.path();
    let roster = dir.join("roster.csv");
    std::fs::write(
        &roster,
        "Employee ID,Full Name,Work Email,Hire Date\nE1,Ana Silva,ana@example.com,2024-01-02\n",
    )
    .unwrap();
    let ok = Command::new(BIN)
        .arg("--db")
        .arg(&db.path)
        .arg("import")
        .arg(&roster)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success());
    // The CLI checkpointed on exit: the database is this one file.
    assert_eq!(len(&wal(&db.path)), 0, "a -wal file outlived the CLI");
    let pristine = dir.join("pristine.db");
    std::fs::copy(&db.path, &pristine).unwrap();
    let file = meetings_file(dir);

    // What one whole import writes (into a scratch copy): the database
    // grows by its new pages, and the commit writes at least those pages
    // (plus frame headers) to the WAL first. Sizes, not times.
    let scratch = dir.join("scratch.db");
    std::fs::copy(&pristine, &scratch).unwrap();
    let (status, lines) = kill::spawn_import(BIN, &scratch, &file).finish();
    assert!(status.success());
    assert_eq!(inspect(&scratch).2, ROWS);
    assert!(
        lines as i64 > ROWS / 10_000,
        "the CLI wrote {lines} progress lines for {ROWS} rows"
    );
    let grown = len(&scratch) - len(&pristine);
    assert!(grown > 1 << 20, "the import added only {grown} bytes");

    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Per kind of point: kills made while the child ran, of those how many
    // found the import absent and how many found it whole; and points the
    // child got past before the test could see them (no kill made).
    let mut made = [0usize; 3];
    let (mut absent, mut whole, mut unseen) = ([0usize; 3], [0usize; 3], [0usize; 3]);
    for k in 0..KILLS {
        // Half the kills inside the transaction, a quarter each in the
        // commit and the checkpoint; where in each is drawn.
        let point = match k % 4 {
            0 | 1 => Point::Rows(rng.random_range(0.0..1.0)),
            2 => Point::Commit(rng.random_range(1..grown)),
            _ => Point::Checkpoint(rng.random_range(0..grown)),
        };
        let at = format!("seed {seed}, kill #{k} at {point:?}");
        // Each kill starts with no WAL (the last inspection checkpointed
        // and removed it), so a WAL size can only be this import's commit.
        assert_eq!(
            len(&wal(&db.path)),
            0,
            "{at}: a -wal file before the import"
        );
        let base = len(&db.path);

        let mut child = kill::spawn_import(BIN, &db.path, &file);
        let (i, seen) = match point {
            Point::Rows(f) => (0, child.wait_progress(f)),
            Point::Commit(w) => (
                1,
                child.wait_progress(1.0) && child.wait_until(|| len(&wal(&db.path)) >= w),
            ),
            Point::Checkpoint(v) => (
                2,
                child.wait_progress(1.0) && child.wait_until(|| len(&db.path) > base + v),
            ),
        };
        // Rows and commit are always reached by a working import: their
        // progress lines are always written, and the commit always writes
        // past `grown` bytes of WAL, but a poll can miss a commit that is
        // over between two looks. Such points count as unseen, never as
        // kills.
        if matches!(point, Point::Rows(_)) {
            assert!(seen, "{at}: the import ended without reaching it");
        }
        let alive = child.kill();
        let (integrity, fk, meetings, imports) = inspect(&db.path);
        assert_eq!(integrity, "ok", "{at}");
        assert_eq!(fk, 0, "{at}: foreign keys broken");
        let landed = match (meetings, imports) {
            (0, 1) => false,
            (m, 2) if m == ROWS => true,
            other => panic!("{at} left half an import: (meetings, imports) = {other:?}"),
        };
        if seen && alive {
            made[i] += 1;
            if landed {
                whole[i] += 1;
            } else {
                absent[i] += 1;
            }
            if matches!(point, Point::Checkpoint(_)) {
                // The database file grows only by checkpointing committed
                // pages: a kill now must find the import there in full.
                assert!(
                    landed,
                    "{at}: the checkpoint had begun, yet the import is gone"
                );
            }
        } else if !seen {
            unseen[i] += 1;
        }
        if landed {
            // Start the next kill from the database before the import.
            kill::remove_db(&db.path);
            std::fs::copy(&pristine, &db.path).unwrap();
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "seed {seed}: {KILLS} points; kills made during rows / commit / checkpoint: {made:?}, \
         import absent after: {absent:?}, whole after: {whole:?}; \
         commit or checkpoint over before it was seen: {unseen:?}"
    );
    // The points the test exists for were reached and killed in: inside
    // the transaction with the import rolled back, and at least one kill
    // in the commit or checkpoint.
    assert!(
        absent[0] >= KILLS / 4,
        "seed {seed}: only {} kills landed inside the transaction",
        absent[0]
    );
    assert!(
        made[1] + made[2] > 0,
        "seed {seed}: no kill landed in a commit or checkpoint ({unseen:?} unseen)"
    );

    // The next import, unkilled, on whatever the last kill left: complete.
    let (status, _) = kill::spawn_import(BIN, &db.path, &file).finish();
    assert!(status.success(), "seed {seed}");
    let (integrity, fk, meetings, imports) = inspect(&db.path);
    assert_eq!(
        (integrity.as_str(), fk, meetings, imports),
        ("ok", 0, ROWS, 2),
        "seed {seed}"
    );
}
