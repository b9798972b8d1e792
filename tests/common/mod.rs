//! Helpers shared by the integration tests: where the sample program and the
//! shared real-world fixtures are, and a fresh database per test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use mentorscope::Store;

pub mod attack;
pub mod kill;
pub mod office;
pub mod privacy_expected;
pub mod privacy_pack;
pub mod privacy_program;
pub mod svg;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    repo().join("sample-data").join(name)
}

/// The real-export corpus `../shared/fixtures/real` beside the repository,
/// or `None` (after printing one line naming the test that skips and why)
/// when the repository was cloned on its own. CI runs with the corpus; a
/// clone must pass without it, so every test that reads it starts with
/// `let Some(root) = common::fixtures("test name") else { return };` and
/// checks what it can only check on real exports — the rest is covered by
/// the repository's own files in `tests/fixtures/`.
pub fn fixtures(test: &str) -> Option<PathBuf> {
    corpus("real", test)
}

/// The second real-export collection, `../shared/fixtures/real-2`
/// (workbooks, attendance reports, calendars); `None` as [`fixtures`].
pub fn fixtures_2(test: &str) -> Option<PathBuf> {
    corpus("real-2", test)
}

fn corpus(name: &str, test: &str) -> Option<PathBuf> {
    let p = repo().join("../shared/fixtures").join(name);
    if p.is_dir() {
        return Some(p);
    }
    if std::env::var_os("MENTORSCOPE_REQUIRE_CORPUS").is_some() {
        panic!(
            "{test}: the real-export corpus is missing at {} and MENTORSCOPE_REQUIRE_CORPUS is set",
            p.display()
        );
    }
    // One line, written to stderr directly: libtest captures `println!`
    // and `eprintln!` of passing tests, but not a write to the stream
    // itself, so the skip shows in every test log.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test}: the real-export corpus ../shared/fixtures/{name} is not beside the repository (it is not part of a clone)"
    );
    None
}

pub struct TempDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn temp_db() -> TempDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("program.db");
    TempDb { dir, path }
}

pub fn open(db: &TempDb) -> Store {
    Store::open(&db.path).expect("open store")
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
