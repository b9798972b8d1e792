//! What a very large file costs in memory. The importer reads a file whole
//! (its checksum, encoding and layout come from all of its bytes), so the
//! file's own size is a floor; everything beyond it — the CSV reader,
//! validation, SQLite's 64 MiB page cache, the program itself — must stay
//! under one constant whatever the file's size. Shown with two sizes four
//! times apart, imported and refused: a second copy of the file, or every
//! record kept until the end, would exceed the constant at the larger one.
//! Memory is the CLI's own peak RSS, read from the kernel when it is
//! reaped (Linux only).
#![cfg(target_os = "linux")]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mentorscope");
const MIB: u64 = 1 << 20;

/// The most an import may hold beyond the file's own bytes. Measured with
/// the debug build on this stack: 117 MiB (50 MiB file) and 127 MiB
/// (200 MiB file) importing, 114 and 124 MiB refusing. A second copy of
/// the larger file would add 200 MiB.
const OVERHEAD_MIB: u64 = 192;

const ROSTER: &str = "Employee ID,Full Name,Work Email,Department,Hire Date\n\
E1,Ana Silva,ana@example.com,Data,2024-01-02\n\
E2,Bo Chen,bo@example.com,Data,2024-02-03\n";

const NOTE: &str = "Talked through the promotion packet, next steps agreed. ";
/// About 1 MiB of note per meeting.
const NOTE_TIMES: usize = 18_725;

/// Peak resident memory of a child process, read from the kernel when the
/// child is reaped (`wait4`), so it is that process's own high-water mark.
mod peak_rss {
    use std::io::Read;
    use std::process::{Child, Command, Stdio};

    pub struct Run {
        pub code: Option<i32>,
        pub peak_kib: u64,
        pub stdout: String,
        pub stderr: String,
    }

    // The child is reaped by `wait4` below, which clippy cannot see.
    #[allow(clippy::zombie_processes)]
    pub fn run(cmd: &mut Command) -> Run {
        let mut child: Child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut out = child.stdout.take().unwrap();
        let mut err = child.stderr.take().unwrap();
        let t_out = std::thread::spawn(move || {
            let mut s = String::new();
            out.read_to_string(&mut s).ok();
            s
        });
        let t_err = std::thread::spawn(move || {
            let mut s = String::new();
            err.read_to_string(&mut s).ok();
            s
        });
        let mut status = 0i32;
        // SAFETY: all-zero is a valid `rusage` (integers and timevals).
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: the pid is our own unreaped child; both pointers are to
        // live locals of the right types.
        let r = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
        assert_eq!(r, child.id() as i32, "wait4 failed");
        let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
        Run {
            code,
            // Linux reports ru_maxrss in KiB. (With posix_spawn it is the
            // larger of this test process's peak and the CLI's; this test
            // process stays far below either file.)
            peak_kib: usage.ru_maxrss as u64,
            stdout: t_out.join().unwrap(),
            stderr: t_err.join().unwrap(),
        }
    }
}

/// `meetings` meetings, each with a 1 MiB note: every byte goes through
/// decoding, the CSV reader, validation and the database.
fn meetings_file(dir: &Path, name: &str, header: &str, meetings: usize) -> PathBuf {
    let p = dir.join(name);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    writeln!(f, "{header}").unwrap();
    let note = NOTE.repeat(NOTE_TIMES);
    for i in 0..meetings {
        writeln!(
            f,
            "2025-{:02}-{:02} 10:00,E1,E2,45,\"{note}\"",
            1 + i / 28,
            1 + i % 28
        )
        .unwrap();
    }
    f.flush().unwrap();
    p
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn cli(db: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--db").arg(db);
    c
}

/// Imports a file of `meetings` 1 MiB notes into a new database with a
/// roster, then refuses the same size without a mentee column; the memory
/// each run held beyond the file's size, in MiB.
fn overheads(meetings: usize) -> (u64, u64) {
    let db = common::temp_db();
    let dir = db.dir.path();
    let roster = dir.join("roster.csv");
    std::fs::write(&roster, ROSTER).unwrap();
    assert!(cli(&db.path)
        .arg("import")
        .arg(&roster)
        .status()
        .unwrap()
        .success());

    let good = meetings_file(
        dir,
        "meetings-big.csv",
        "Meeting Date,Mentor,Mentee,Duration (min),Notes",
        meetings,
    );
    let size = std::fs::metadata(&good).unwrap().len();
    assert!(size >= meetings as u64 * MIB, "{size} bytes");
    let run = peak_rss::run(cli(&db.path).arg("import").arg(&good));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!("{meetings} imported")),
        "{}",
        run.stdout
    );
    // Every note whole (cells are trimmed, so the last space goes).
    let note_len = NOTE.repeat(NOTE_TIMES).trim_end().len() as i64;
    assert_eq!(
        count(&db.path, "SELECT SUM(length(notes)) FROM meetings"),
        meetings as i64 * note_len
    );
    let imported = run.peak_kib.saturating_sub(size / 1024) / 1024;
    std::fs::remove_file(&good).unwrap();

    // The same size without a mentee column: refused, named, nothing written.
    let bad = meetings_file(
        dir,
        "meetings-no-mentee.csv",
        "Meeting Date,Mentor,Duration (min),Notes",
        meetings,
    );
    let run = peak_rss::run(
        cli(&db.path)
            .args(["import", "--kind", "meetings"])
            .arg(&bad),
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("meetings-no-mentee.csv")
            && run.stderr.contains("line 1")
            && run.stderr.contains("no column for mentee"),
        "{}",
        run.stderr
    );
    let refused = run.peak_kib.saturating_sub(size / 1024) / 1024;
    assert_eq!(count(&db.path, "SELECT COUNT(*) FROM imports"), 2);
    std::fs::remove_file(&bad).unwrap();
    (imported, refused)
}

#[test]
fn a_large_file_is_held_once_plus_a_constant_whatever_its_size() {
    for meetings in [50, 200] {
        let (imported, refused) = overheads(meetings);
        let _ = writeln!(
            std::io::stderr(),
            "{meetings} MiB file: peak RSS beyond the file's size {imported} MiB importing, \
             {refused} MiB refusing (constant bound {OVERHEAD_MIB} MiB)"
        );
        assert!(
            imported <= OVERHEAD_MIB,
            "importing a {meetings} MiB file held {imported} MiB beyond its size (bound {OVERHEAD_MIB})"
        );
        assert!(
            refused <= OVERHEAD_MIB,
            "refusing a {meetings} MiB file held {refused} MiB beyond its size (bound {OVERHEAD_MIB})"
        );
    }
}
