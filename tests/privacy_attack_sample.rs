//! The curious reader on the sample program, through the CLI (issue 16,
//! item 3). The sample's exports are imported with the built `mentorscope`
//! binary, one item is marked reverse-coded, and `analyze --json` is run
//! with no filter, every single filter (each team, level and cohort: the
//! filters the CLI offers) and every combination of two, over every pair
//! of survey waves (`--before`/`--after`, earlier wave first). Every
//! published survey figure — the composites and their n, item means,
//! per-item differences, the distributions and their positive shares,
//! eNPS, the paired change, the adjusted difference, the trend's means and
//! eNPS per wave, the cohort and format rows — becomes a row of a linear
//! system over every respondent's answers, read from the database (the
//! truth): the reader knows the org chart, who answered which wave and
//! which items, on which scale and in which direction. Each figure's value
//! is checked against the truth first, so the reader's model of what a
//! figure covers cannot drift from what the CLI computes.
//!
//! The reader must not be able to solve for any single answer, any one
//! response's composite, any one person's change between two waves, or the
//! sum (so the mean) of fewer than k people — over every group the filters
//! describe, the rest of every wider group, the people who skipped an item,
//! the mentees of a cohort or format and those without a team or level.
//! The algebra is `common::attack` (shared with `privacy_attack.rs`).
//!
//! The same reader, fed the library's output with the three rules against
//! subtraction switched off, must find something: the proof that it can
//! see a leak on this program's shape.

mod common;
#[path = "attack_sample/read.rs"]
mod read;
#[path = "attack_sample/solve.rs"]
mod solve;
#[path = "attack_sample/truth.rs"]
mod truth;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::attack::{self, frac, int, Space};
use mentorscope::analysis::{analyze_data, AnalysisOptions};
use read::{read, Published};
use serde_json::Value;
use solve::{solve, Outcome};
use truth::{Filter, Truth};

const K: usize = 5;

/// The item marked reverse-coded for the run (the setting a manager makes
/// in the app), so the reader's coefficients carry a direction.
const REVERSED: &str = "I would like to still be working here in a year";

// ------------------------------------------------------------------ runs

/// What the reader runs: no filter, each single filter and each
/// combination of two over every wave pair; all three filters at once (the
/// CLI takes them too) over the default pair only, the first wave against
/// the last, to stay in CI time — under a filter a wave pair adds only the
/// cohort and format rows of its after wave and the adjusted difference,
/// since the trend publishes every wave's composite and eNPS anyway.
fn plan(t: &Truth) -> Vec<(Filter, Vec<(usize, usize)>)> {
    let last = t.data.waves.len() - 1;
    filters(t)
        .into_iter()
        .map(|f| {
            let pairs = if f.count() <= 2 {
                wave_pairs(t)
            } else {
                vec![(0, last)]
            };
            (f, pairs)
        })
        .collect()
}

/// No filter, each single filter, each combination of two and of three.
fn filters(t: &Truth) -> Vec<Filter> {
    let opt = |s: &BTreeSet<String>| -> Vec<Option<String>> {
        std::iter::once(None)
            .chain(s.iter().cloned().map(Some))
            .collect()
    };
    let mut out = Vec::new();
    for c in opt(&t.cohorts) {
        for team in opt(&t.teams) {
            for level in opt(&t.levels) {
                let f = Filter {
                    cohort: c.clone(),
                    team: team.clone(),
                    level: level.clone(),
                };
                out.push(f);
            }
        }
    }
    out
}

/// Every pair of waves, the earlier one as "before".
fn wave_pairs(t: &Truth) -> Vec<(usize, usize)> {
    let n = t.data.waves.len();
    (0..n)
        .flat_map(|b| (b + 1..n).map(move |a| (b, a)))
        .collect()
}

fn cli(db: &Path, args: &[String]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mentorscope"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the CLI runs")
}

/// Imports the sample's exports with the CLI and marks one item
/// reverse-coded.
fn sample_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("sample.db");
    let mut files: Vec<String> = std::fs::read_dir(common::repo().join("sample-data"))
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "csv").then(|| p.display().to_string())
        })
        .collect();
    files.sort();
    let mut args = vec!["import".to_string()];
    args.extend(files);
    let out = cli(&db, &args);
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut store = mentorscope::Store::open(&db).unwrap();
    store.set_item_reverse(REVERSED, true).unwrap();
    db
}

fn report(what: &str, t: &Truth, runs: usize, p: &Published, o: &Outcome) {
    eprintln!(
        "{what}: {} filter combinations ({} of up to two over {} wave pairs, {} of three over one) = {runs} outputs; {} published survey figures ({} unique rows); {} unknowns ({} answers, {} recommendation scores), rank {}; {} targets; {} recovered",
        filters(t).len(),
        filters(t).iter().filter(|f| f.count() <= 2).count(),
        wave_pairs(t).len(),
        filters(t).iter().filter(|f| f.count() == 3).count(),
        p.figures,
        o.unique_rows,
        o.unknowns,
        t.ua.len(),
        t.ue.len(),
        o.rank,
        o.targets,
        o.leaks.len(),
    );
}

#[test]
fn the_reader_recovers_nothing_from_the_sample_program_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let t = Truth::load(&mentorscope::Store::open(&db).unwrap());
    assert!(
        t.items.iter().any(|i| i.reverse),
        "an item is reverse-coded"
    );
    assert_eq!(t.data.waves.len(), 4, "the sample has four waves");
    let mut p = Published::default();
    let mut runs = 0;
    for (f, pairs) in plan(&t) {
        for (b, a) in pairs {
            let mut args = vec![
                "analyze".to_string(),
                "--json".into(),
                "--before".into(),
                t.data.waves[b].clone(),
                "--after".into(),
                t.data.waves[a].clone(),
            ];
            args.extend(f.args());
            let out = cli(&db, &args);
            assert!(
                out.status.success(),
                "analyze {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let json: Value = serde_json::from_slice(&out.stdout).expect("analyze --json is JSON");
            read(&t, &f, b, a, &json, &mut p);
            runs += 1;
        }
    }
    let o = solve(&t, &p);
    report("sample through the CLI", &t, runs, &p, &o);
    assert!(
        o.leaks.is_empty(),
        "the reader recovered {} thing(s) from the sample program, e.g.:\n{}",
        o.leaks.len(),
        o.leaks[..o.leaks.len().min(10)].join("\n")
    );
}

/// The same figures from the library with some rules off (no front door
/// can do this), through the same reader.
fn attack_with_rules_off(off: &[&str]) -> (Published, Outcome, Truth) {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let t = Truth::load(&mentorscope::Store::open(&db).unwrap());
    let mut p = Published::default();
    let mut runs = 0;
    for (f, pairs) in plan(&t) {
        for (b, a) in pairs {
            let mut o = AnalysisOptions {
                cohort: f.cohort.clone(),
                team: f.team.clone(),
                level: f.level.clone(),
                before_wave: Some(t.data.waves[b].clone()),
                after_wave: Some(t.data.waves[a].clone()),
                min_group_size: K,
                ..Default::default()
            };
            for rule in off {
                match *rule {
                    "remainder" => o.disclosure.remainder = false,
                    "overlap" => o.disclosure.overlap = false,
                    "complementary" => o.disclosure.complementary = false,
                    other => panic!("no rule `{other}` to switch off"),
                }
            }
            let json = serde_json::to_value(analyze_data(&t.data, &o).unwrap()).unwrap();
            read(&t, &f, b, a, &json, &mut p);
            runs += 1;
        }
    }
    let o = solve(&t, &p);
    report(&format!("sample, {off:?} off"), &t, runs, &p, &o);
    for l in o.leaks.iter().take(5) {
        eprintln!("  recovered: {l}");
    }
    solve::explain(&t, &p, &o);
    (p, o, t)
}

#[test]
fn without_complementary_suppression_the_reader_recovers_answers_in_the_sample() {
    // One rule off. (With only the remainder rule off, or only the overlap
    // rule, the sample publishes as many figures as with every rule on and
    // the reader finds nothing: the other rules hide what either would.)
    let (_, o, _) = attack_with_rules_off(&["complementary"]);
    assert!(
        !o.leaks.is_empty(),
        "with complementary suppression off the reader found nothing in the sample"
    );
}

/// `ATTACK_RULES_OFF=remainder` (or `overlap`, `complementary`, a
/// comma-separated list): what the reader recovers from the sample with
/// those rules off.
#[test]
#[ignore]
fn rules_off_from_the_environment() {
    let list = std::env::var("ATTACK_RULES_OFF").unwrap_or_else(|_| "remainder".into());
    let off: Vec<&str> = list.split(',').map(str::trim).collect();
    attack_with_rules_off(&off);
}

#[test]
fn the_algebra_sees_a_difference_and_only_that() {
    // x0 + x1 + x2 and x1 + x2 published: x0 follows, x1 does not.
    let mut s = Space::new(3);
    s.add(&[(0, 1), (1, 1), (2, 1)]);
    s.add(&[(1, 1), (2, 1)]);
    s.close();
    assert!(s.contains(&[(0, 1)]));
    assert!(!s.contains(&[(1, 1)]));
    assert!(s.contains(&[(0, int(3)), (1, int(2)), (2, int(2))]));
    // Means with fractions: (x0 + x1)/2 and x1/3 give x0.
    let mut s = Space::new(2);
    s.add(&[(0, frac(1, 2)), (1, frac(1, 2))]);
    s.add(&[(1, frac(1, 3))]);
    s.close();
    assert!(s.contains(&[(0, frac(-7, 5))]));
    // OLS weights of a two-group difference: the mean of group 1 minus
    // the mean of group 0.
    let x = vec![vec![1, 0], vec![1, 0], vec![1, 1], vec![1, 1], vec![1, 1]];
    let w = attack::ols_weights(&x, 1).unwrap();
    assert_eq!(
        w,
        vec![frac(-1, 2), frac(-1, 2), frac(1, 3), frac(1, 3), frac(1, 3)]
    );
}
