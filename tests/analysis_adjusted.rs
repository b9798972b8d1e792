//! The adjusted comparisons on a program where mentoring has **no** effect
//! but the mentees are more junior, and juniors ramp up slower and leave
//! more (issue 14, "Done means"): the raw log-rank tests find a difference
//! — the selection effect — while the Cox hazard ratios stratified by team
//! × level have CIs that cover 1, and the verdicts lead with the adjusted
//! estimate and say why the raw gap is there.
//!
//! The program is generated here, deterministically (ChaCha8, one seed),
//! written as CSV exports to a temporary folder and imported through the
//! importer like any user's files. Outcomes depend on level only; whether
//! someone is mentored depends on level only; so the true hazard ratio of
//! `mentored` within a team × level stratum is exactly 1.

mod common;

use chrono::{Duration, NaiveDate};
use mentorscope::analysis::{analyze, Analysis, AnalysisOptions};
use mentorscope::ingest::{self, ImportOptions};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, LogNormal};

const PEOPLE: usize = 2000;
const SEED: u64 = 14;
const TEAMS: [&str; 4] = ["Atlas", "Beacon", "Comet", "Delta"];
/// Share of hires per level L1..L5.
const LEVEL_WEIGHTS: [f64; 5] = [0.30, 0.30, 0.20, 0.12, 0.08];
/// Chance of being mentored per level: the selection effect.
const MENTORED_BY_LEVEL: [f64; 5] = [0.60, 0.45, 0.15, 0.03, 0.0];
/// Median days to the first merged PR per level, mentored or not.
const RAMP_MEDIAN_BY_LEVEL: [f64; 5] = [85.0, 70.0, 55.0, 45.0, 40.0];
/// Share leaving within 12 months per level, mentored or not.
const LEAVE_12M_BY_LEVEL: [f64; 5] = [0.26, 0.22, 0.12, 0.09, 0.07];

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn as_of() -> NaiveDate {
    ymd(2026, 6, 30)
}

fn level_of(rng: &mut ChaCha8Rng) -> usize {
    let mut x: f64 = rng.random();
    for (i, w) in LEVEL_WEIGHTS.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    LEVEL_WEIGHTS.len() - 1
}

fn csv_text(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

/// Writes roster, pairings and milestones of the no-effect program to `dir`.
fn write_program(dir: &std::path::Path) {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut roster = vec![vec![
        "Employee ID".to_string(),
        "Full Name".into(),
        "Work Email".into(),
        "Department".into(),
        "Job Level".into(),
        "Hire Date".into(),
        "Termination Date".into(),
    ]];
    let mut pairings = vec![vec![
        "Mentor Email".to_string(),
        "Mentee Email".into(),
        "Start Date".into(),
    ]];
    let mut milestones = vec![vec![
        "Employee ID".to_string(),
        "Milestone".into(),
        "Date".into(),
    ]];
    // Seniors hired long ago are the mentors; they are outside the
    // population (no milestone, hired before its window).
    let mentors: Vec<String> = (0..40).map(|i| format!("mentor{i}@example.com")).collect();
    for (i, m) in mentors.iter().enumerate() {
        roster.push(vec![
            format!("M{i:04}"),
            format!("Mentor {i}"),
            m.clone(),
            TEAMS[i % TEAMS.len()].to_string(),
            "L5".into(),
            "2021-03-01".into(),
            String::new(),
        ]);
    }
    let span = (ymd(2025, 12, 31) - ymd(2024, 1, 1)).num_days();
    for i in 0..PEOPLE {
        let team = TEAMS[rng.random_range(0..TEAMS.len())];
        let level = level_of(&mut rng);
        let hire = ymd(2024, 1, 1) + Duration::days(rng.random_range(0..=span));
        let mentored = rng.random_bool(MENTORED_BY_LEVEL[level]);
        // Outcomes from the level alone: log-normal ramp-up, exponential
        // time to leaving with the level's 12-month share.
        let ramp = LogNormal::new(RAMP_MEDIAN_BY_LEVEL[level].ln(), 0.4)
            .unwrap()
            .sample(&mut rng)
            .round()
            .max(5.0) as i64;
        let rate = -(1.0 - LEAVE_12M_BY_LEVEL[level]).ln() / 365.0;
        let stay = Exp::new(rate).unwrap().sample(&mut rng).ceil() as i64;
        let exit = hire + Duration::days(stay.max(1));
        let exit = (exit <= as_of()).then_some(exit);
        let id = format!("E{i:05}");
        let email = format!("person{i}@example.com");
        roster.push(vec![
            id.clone(),
            format!("Person {i}"),
            email.clone(),
            team.to_string(),
            format!("L{}", level + 1),
            hire.to_string(),
            exit.map(|d| d.to_string()).unwrap_or_default(),
        ]);
        if mentored {
            let mentor = &mentors[rng.random_range(0..mentors.len())];
            pairings.push(vec![
                mentor.clone(),
                email,
                (hire + Duration::days(7)).to_string(),
            ]);
        }
        let pr = hire + Duration::days(ramp);
        if pr <= as_of() && exit.is_none_or(|e| pr < e) {
            milestones.push(vec![id, "First PR merged".into(), pr.to_string()]);
        }
    }
    for (name, rows) in [
        ("roster.csv", &roster),
        ("pairings.csv", &pairings),
        ("milestones.csv", &milestones),
    ] {
        std::fs::write(dir.join(name), csv_text(rows)).unwrap();
    }
}

fn no_effect_analysis() -> Analysis {
    let dir = tempfile::tempdir().unwrap();
    write_program(dir.path());
    let db = common::temp_db();
    let mut store = common::open(&db);
    let files: Vec<_> = ["roster.csv", "pairings.csv", "milestones.csv"]
        .iter()
        .map(|f| dir.path().join(f))
        .collect();
    for (p, r) in ingest::import_files(&mut store, &files, &ImportOptions::default()) {
        let r = r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert_eq!(r.rows_skipped, 0, "{}: {:?}", p.display(), r.problems);
    }
    analyze(
        &store,
        &AnalysisOptions {
            as_of: Some(as_of()),
            ..Default::default()
        },
    )
    .unwrap()
}

fn covers_one(ci: Option<[f64; 2]>) -> bool {
    ci.is_some_and(|[lo, hi]| lo < 1.0 && 1.0 < hi)
}

#[test]
fn without_an_effect_the_raw_gap_is_selection_and_the_adjusted_ratio_covers_one() {
    let a = no_effect_analysis();

    // Ramp-up: raw, mentored people are slower (they are juniors) and the
    // log-rank test calls it; like for like, nothing.
    let r = &a.ramp_up;
    assert!(r.mentored.n > 500 && r.not_mentored.n > 1000, "{r:?}");
    assert!(
        r.mentored.km_median_days.unwrap() > r.not_mentored.km_median_days.unwrap() + 5.0,
        "{r:?}"
    );
    assert!(
        r.logrank_p.unwrap() < 0.05,
        "raw log-rank p {:?}",
        r.logrank_p
    );
    let adj = &r.adjusted;
    assert!(covers_one(adj.ci95), "{adj:?}");
    assert!(adj.p.unwrap() > 0.05, "{adj:?}");
    assert_eq!(
        adj.explained_by.as_deref(),
        Some("mentees being more junior")
    );
    let v = a.verdicts.ramp_up.as_ref().unwrap();
    assert_eq!(v.outcome, "no_clear_difference", "{v:?}");
    assert!(
        v.headline.starts_with(
            "Much of the raw gap is explained by mentees being more junior; compared like for like \
             (same team and level), the mentored group reaches \u{201c}First PR merged\u{201d} about as \
             fast as the others (hazard ratio "
        ),
        "{}",
        v.headline
    );
    assert!(
        v.headline.contains("could easily be chance"),
        "{}",
        v.headline
    );
    assert!(
        v.caveats[0].starts_with("Without that adjustment: Typical time to"),
        "{v:?}"
    );
    assert!(
        v.caveats
            .iter()
            .any(|c| c.contains("could have been detected reliably")),
        "the minimum detectable effect, not \"no effect\": {v:?}"
    );

    // Retention: raw, mentored people leave more (juniors again); like for
    // like, about as often as the others.
    let t = &a.retention;
    assert!(
        t.mentored.retained_365.unwrap() < t.not_mentored.retained_365.unwrap(),
        "{t:?}"
    );
    assert!(
        t.logrank_p.unwrap() < 0.05,
        "raw log-rank p {:?}",
        t.logrank_p
    );
    let adj = &t.adjusted;
    assert!(covers_one(adj.ci95), "{adj:?}");
    assert!(adj.p.unwrap() > 0.05, "{adj:?}");
    let v = a.verdicts.retention.as_ref().unwrap();
    assert_eq!(v.outcome, "no_clear_difference", "{v:?}");
    assert!(
        v.headline.starts_with(
            "Much of the raw gap is explained by mentees being more junior; compared like for like \
             (same team and level), the mentored group leaves about as often as the others (hazard ratio "
        ),
        "{}",
        v.headline
    );
    assert!(
        v.caveats[0].starts_with("Without that adjustment: After 12 months,"),
        "{v:?}"
    );
}
