//! SIGKILL at random points of a large import, many times over. A kill is
//! the harshest crash there is: no destructor, no rollback code, only
//! SQLite's journal: the rollback journal an import writes through when it
//! has the database to itself, or the write-ahead log when another
//! connection has it open (half the kills each). After every kill the
//! database must pass
//! `PRAGMA integrity_check` and `foreign_key_check`, hold the import wholly
//! or not at all, and take the next import; at the end an unkilled import
//! must land complete.
//!
//! Every kill comes after the test has *seen* the point it aimed at (see
//! `common/kill.rs`): a progress line at a drawn fraction of the rows (the
//! transaction open, part of the file written into it), the commit being
//! written (the `-wal` file, or the database file with the `-journal`
//! still there, past a drawn size), or the commit over (the checkpoint
//! past a drawn size, or the journal gone; the import must then be there
//! in full). The points are
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

use common::kill::{self, len, wal, Journal};
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
    /// Every row read, and the commit this many bytes into being written.
    Commit(u64),
    /// The commit over, with this many bytes of it in the database file.
    Committed(u64),
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
    // grows by its new pages, and the commit writes at least those pages,
    // to the database file (rollback journal) or the WAL first. Sizes, not
    // times.
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
    // Per journal, per kind of point: kills made while the child ran, of
    // those how many found the import absent and how many found it whole;
    // and points the child got past before the test could see them (no
    // kill made).
    let mut made = [[0usize; 3]; 2];
    let (mut absent, mut whole, mut unseen) =
        ([[0usize; 3]; 2], [[0usize; 3]; 2], [[0usize; 3]; 2]);
    for k in 0..KILLS {
        // Blocks of four kills take turns between the journals; in each,
        // half the kills inside the transaction and a quarter each while
        // the commit is written and after it; where in each is drawn.
        let (j, journal) = if (k / 4) % 2 == 0 {
            (0, Journal::Rollback)
        } else {
            (1, Journal::Wal)
        };
        let point = match k % 4 {
            0 | 1 => Point::Rows(rng.random_range(0.0..1.0)),
            2 => Point::Commit(rng.random_range(1..grown)),
            _ => Point::Committed(rng.random_range(0..grown)),
        };
        let at = format!("seed {seed}, kill #{k} at {point:?} through the {journal:?} journal");
        // Each kill starts with neither journal (the CLI opened the
        // database after the last one), so a WAL size or a journal can
        // only be this import's.
        assert_eq!(
            (len(&wal(&db.path)), kill::journal(&db.path).exists()),
            (0, false),
            "{at}: a journal before the import"
        );
        let base = len(&db.path);
        let holder = journal.arrange(&db.path);

        let mut child = kill::spawn_import(BIN, &db.path, &file);
        let (i, seen) = match point {
            Point::Rows(f) => {
                let seen = child.wait_progress(f);
                // The import writes through the journal this kill is for.
                assert!(
                    !seen || journal.in_use(&db.path),
                    "{at}: the other journal is in use"
                );
                (0, seen)
            }
            Point::Commit(w) => (1, child.wait_commit(&db.path, journal, base, w)),
            Point::Committed(v) => (2, child.wait_committed(&db.path, journal, base, v)),
        };
        // The rows are always reached by a working import: its progress
        // lines are always written. The commit always writes past `grown`
        // bytes, but a poll can miss a commit that is over between two
        // looks; such points count as unseen, never as kills.
        if matches!(point, Point::Rows(_)) {
            assert!(seen, "{at}: the import ended without reaching it");
        }
        let alive = child.kill();
        drop(holder);
        kill::reopen(BIN, &db.path);
        let (integrity, fk, meetings, imports) = inspect(&db.path);
        assert_eq!(integrity, "ok", "{at}");
        assert_eq!(fk, 0, "{at}: foreign keys broken");
        let landed = match (meetings, imports) {
            (0, 1) => false,
            (m, 2) if m == ROWS => true,
            other => panic!("{at} left half an import: (meetings, imports) = {other:?}"),
        };
        if seen && alive {
            made[j][i] += 1;
            if landed {
                whole[j][i] += 1;
            } else {
                absent[j][i] += 1;
            }
            if matches!(point, Point::Committed(_)) {
                // Only a committed import reaches the database file through
                // the WAL, and a rollback journal gone is the commit over.
                assert!(landed, "{at}: the commit was over, yet the import is gone");
            }
        } else if !seen {
            unseen[j][i] += 1;
        }
        if landed {
            // Start the next kill from the database before the import.
            kill::remove_db(&db.path);
            std::fs::copy(&pristine, &db.path).unwrap();
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "seed {seed}: {KILLS} points; [rollback, WAL] kills made during rows / commit / after: {made:?}, \
         import absent after: {absent:?}, whole after: {whole:?}; \
         commit over before it was seen: {unseen:?}"
    );
    // The points the test exists for were reached and killed in, through
    // each journal: inside the transaction with the import rolled back,
    // and at least one kill in or after the commit.
    for (j, name) in ["rollback", "WAL"].iter().enumerate() {
        assert!(
            absent[j][0] >= KILLS / 8,
            "seed {seed}: only {} kills landed inside the transaction through the {name} journal",
            absent[j][0]
        );
        assert!(
            made[j][1] + made[j][2] > 0,
            "seed {seed}: no kill landed in or after a commit through the {name} journal ({unseen:?} unseen)"
        );
    }

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
