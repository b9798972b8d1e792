//! The fuzz targets' bodies (`fuzz/src/lib.rs`) as a short, deterministic
//! smoke run on stable: every seed of the fuzz corpus, the sample program,
//! the invalid files, the real exports beside the repository and every
//! input the long fuzz runs ever crashed on (`tests/fixtures/fuzz/`), then a
//! few thousand inputs mutated from the small seeds with a seeded RNG. The
//! bodies panic on any broken promise (a panic in the library, an error that
//! does not name the file or names a line the file does not have, counts
//! that do not add up, a refused file that changed the database …).
//!
//! The long runs are `cargo +nightly fuzz run import` / `values` (README).

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod bodies;
mod common;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use bodies::Outcome;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Files of a folder, sorted, skipping READMEs and the like.
fn inputs_in(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    common::files_under(dir)
        .into_iter()
        .filter(|p| {
            !matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "tsv" | "rs")
            )
        })
        .collect()
}

/// Runs one input through a body; a panic fails the test with where the
/// input came from and a copy of it to reproduce with.
fn run<T>(origin: &str, data: &[u8], body: fn(&[u8]) -> T) -> T {
    match catch_unwind(AssertUnwindSafe(|| body(data))) {
        Ok(t) => t,
        Err(_) => {
            let keep = std::env::temp_dir().join(format!(
                "mentorscope-fuzz-failure-{}",
                origin.replace(['/', ' ', '#'], "_")
            ));
            let _ = std::fs::write(&keep, data);
            panic!(
                "the fuzz body failed on {origin} (input saved to {}; reproduce with \
                 `cargo +nightly fuzz run <target> {}` in fuzz/)",
                keep.display(),
                keep.display()
            );
        }
    }
}

/// Tokens that matter to CSV, encodings, dates, numbers and Likert scales.
const TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\t",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r",
    b"\r\n",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\xe9",
    b"\xc3\xa9",
    b"\xf0\x9f\x98\x80",
    b"=",
    b"@",
    b"<script>",
    b"N/A",
    b"-",
    b"1/1/1970",
    b"31/12/1969",
    b"2099-12-31",
    b"13/31/2025",
    b"45658",
    b"99999999999999999999",
    b"1,5",
    b"1.18874E+11",
    b"-30",
    b"Strongly agree",
    b"Kinda agree",
    b"ana@example.com",
    b"E1",
    b"Employee ID",
    b"Mentor",
    b"Mentee",
    b"Date",
    b"Team",
    b"Week",
    b"Response ID",
    b"Timestamp",
    b"{\"ImportId\":\"QID1\"}",
    b"V1",
    b"12:60 PM",
    b"T",
    b"+02:00",
    b"Z",
    b"(",
    b"5 - ",
];

/// One random edit of the kinds libFuzzer makes, plus CSV-aware ones.
fn mutate(rng: &mut ChaCha8Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    let edits = 1 + rng.random_range(0..4);
    for _ in 0..edits {
        let at = if v.is_empty() {
            0
        } else {
            rng.random_range(0..=v.len())
        };
        match rng.random_range(0..9) {
            0 if !v.is_empty() => {
                let i = rng.random_range(0..v.len());
                v[i] ^= 1 << rng.random_range(0..8);
            }
            1 => v.insert(at, rng.random()),
            2 if !v.is_empty() => {
                let end = (at + rng.random_range(1..16)).min(v.len());
                v.drain(at.min(end)..end);
            }
            3 if !v.is_empty() => {
                let start = rng.random_range(0..v.len());
                let end = (start + rng.random_range(1..64)).min(v.len());
                let chunk = v[start..end].to_vec();
                let times = rng.random_range(1..4);
                for _ in 0..times {
                    v.splice(at..at, chunk.iter().copied());
                }
            }
            4 | 5 => {
                let t = TOKENS[rng.random_range(0..TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            6 if !other.is_empty() => {
                // Splice: this input's head, the other's tail.
                let from = rng.random_range(0..other.len());
                v.truncate(at);
                v.extend_from_slice(&other[from..]);
            }
            7 => v.truncate(at),
            _ => {
                // Choose the options byte (see `split_options`).
                if rng.random_bool(0.5) {
                    v.insert(0, rng.random_range(1..=7));
                } else if !v.is_empty() && (1..=7).contains(&v[0]) {
                    v.remove(0);
                }
            }
        }
    }
    v.truncate(64 * 1024);
    v
}

fn read_all(paths: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    paths
        .iter()
        .map(|p| {
            let name = p
                .strip_prefix(common::repo().parent().unwrap_or(Path::new("/")))
                .unwrap_or(p)
                .display()
                .to_string();
            (name, std::fs::read(p).expect("read seed"))
        })
        .collect()
}

const IMPORT_MUTANTS: usize = 2_500;
const VALUE_MUTANTS: usize = 6_000;

#[test]
fn importer_body_holds_on_every_seed_and_thousands_of_mutants() {
    let repo = common::repo();
    let mut seeds = inputs_in(&repo.join("fuzz/seeds/import"));
    seeds.extend(inputs_in(&repo.join("sample-data/invalid")));
    let regressions = inputs_in(&repo.join("tests/fixtures/fuzz/import"));
    let mut whole = inputs_in(&repo.join("sample-data"));
    whole.retain(|p| p.parent() == Some(&repo.join("sample-data")));
    if let Some(real) = common::fixtures("importer_body_holds_on_every_seed_and_thousands_of_mutants (real exports only)") {
        whole.extend(inputs_in(&real));
    }
    let seeds = read_all(&seeds);
    assert!(
        seeds.len() >= 40,
        "the seed corpus is missing: {}",
        seeds.len()
    );

    let mut outcomes: HashMap<Outcome, usize> = HashMap::new();
    for (name, data) in read_all(&regressions)
        .iter()
        .chain(&read_all(&whole))
        .chain(&seeds)
    {
        *outcomes.entry(run(name, data, bodies::import)).or_default() += 1;
    }

    // Mutants of the small seeds only: the big files would make each run slow
    // without reaching new code.
    let small: Vec<&(String, Vec<u8>)> = seeds.iter().filter(|(_, d)| d.len() <= 4096).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(0x4d45_4e54_4f52);
    let mut mutant_outcomes: HashMap<Outcome, usize> = HashMap::new();
    for n in 0..IMPORT_MUTANTS {
        let (name, base) = small[rng.random_range(0..small.len())];
        let (_, other) = small[rng.random_range(0..small.len())];
        let data = mutate(&mut rng, base, other);
        let origin = format!("mutant #{n} of {name}");
        *mutant_outcomes
            .entry(run(&origin, &data, bodies::import))
            .or_default() += 1;
    }
    eprintln!(
        "import smoke run: {} files as they are ({outcomes:?}), {IMPORT_MUTANTS} mutants ({mutant_outcomes:?})",
        outcomes.values().sum::<usize>()
    );
    // The mutants must reach every end: refusal, import and nothing recorded.
    for o in [
        Outcome::Refused,
        Outcome::Imported,
        Outcome::NothingRecorded,
    ] {
        assert!(
            mutant_outcomes.get(&o).copied().unwrap_or(0) >= 25,
            "too few mutants ended as {o:?}: {mutant_outcomes:?}"
        );
    }
}

#[test]
fn value_parsers_hold_on_every_seed_and_thousands_of_mutants() {
    let repo = common::repo();
    let seeds = read_all(&inputs_in(&repo.join("fuzz/seeds/values")));
    assert!(
        seeds.len() >= 40,
        "the seed corpus is missing: {}",
        seeds.len()
    );
    for (name, data) in read_all(&inputs_in(&repo.join("tests/fixtures/fuzz/values")))
        .iter()
        .chain(&seeds)
    {
        run(name, data, bodies::values);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(0x56_41_4c_55_45);
    for n in 0..VALUE_MUTANTS {
        let (name, base) = &seeds[rng.random_range(0..seeds.len())];
        let (_, other) = &seeds[rng.random_range(0..seeds.len())];
        let mut data = mutate(&mut rng, base, other);
        // The options byte means nothing here; keep values short, as cells are.
        data.truncate(256);
        run(&format!("mutant #{n} of {name}"), &data, bodies::values);
    }
}

#[test]
fn the_mutator_is_deterministic() {
    // The same seed must give the same inputs, or a failure could not be
    // reproduced from its mutant number.
    let base = b"Employee ID,Work Email\nE1,a@example.com\n";
    let run_once = || {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        (0..50)
            .map(|_| mutate(&mut rng, base, b"x,y\n1,2\n"))
            .collect::<Vec<_>>()
    };
    let (a, b) = (run_once(), run_once());
    assert_eq!(a, b);
    assert!(a.iter().filter(|m| m.as_slice() != base).count() > 40);
}

/// Found by `cargo fuzz run values` after 3.9 million inputs
/// (`tests/fixtures/fuzz/values/leap-second-crash-…`): a leap second was
/// parsed as 23:59:60 but stored as 23:59:59, so what the importer read was
/// not what it kept.
#[test]
fn a_leap_second_is_read_as_it_will_be_stored() {
    use mentorscope::ingest::values::{iso_stamp, parse_datetime, DateOrder};
    for (cell, order) in [
        ("22-02-91T23:59:60.", DateOrder::Dmy),
        ("2016-12-31 23:59:60", DateOrder::Mdy),
        ("12/31/2016 11:59:60 PM", DateOrder::Mdy),
    ] {
        let read = parse_datetime(cell, order).unwrap().unwrap();
        assert_eq!(
            iso_stamp(read)[11..],
            *"23:59:59",
            "{cell}: a leap second is kept as the second before it"
        );
        assert_eq!(
            parse_datetime(&iso_stamp(read), order),
            Ok(Some(read)),
            "{cell}"
        );
    }
}
