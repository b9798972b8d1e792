//! Helpers shared by the integration tests: where the sample program and the
//! shared real-world fixtures are, and a fresh database per test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use mentorscope::Store;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    repo().join("sample-data").join(name)
}

/// `../shared/fixtures/real` beside the repository.
pub fn fixtures() -> PathBuf {
    let p = repo().join("../shared/fixtures/real");
    assert!(
        p.is_dir(),
        "the shared fixtures are missing at {}",
        p.display()
    );
    p
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
