//! The analysis of the sample program: every value of the `analyze --json`
//! contract equals the independent SciPy + lifelines computation in
//! `tests/golden/` (to 1e-9 relative), with and without filters; and the
//! effects planted in `sample-data/` are recovered and the verdicts say so.

mod common;

use mentorscope::analysis::{analyze, Analysis, AnalysisOptions};
use mentorscope::ingest::{self, ImportOptions};
use serde_json::Value;

fn sample_store() -> (common::TempDb, mentorscope::Store) {
    program_store("sample-data")
}

fn program_store(dir: &str) -> (common::TempDb, mentorscope::Store) {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let files: Vec<_> = std::fs::read_dir(common::repo().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    for (p, r) in ingest::import_files(&mut store, &files, &ImportOptions::default()) {
        r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    (db, store)
}

/// Every leaf of `golden` must be present in `ours` and equal: numbers to
/// 1e-9 relative (1e-12 absolute near zero), everything else exactly.
fn assert_matches(path: &str, golden: &Value, ours: &Value, checked: &mut usize) {
    match golden {
        Value::Object(m) => {
            for (k, g) in m {
                let o = ours
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k} is missing from our output"));
                assert_matches(&format!("{path}.{k}"), g, o, checked);
            }
        }
        Value::Array(a) => {
            let o = ours
                .as_array()
                .unwrap_or_else(|| panic!("{path}: expected an array, got {ours}"));
            assert_eq!(a.len(), o.len(), "{path}: length");
            for (i, (g, x)) in a.iter().zip(o).enumerate() {
                assert_matches(&format!("{path}[{i}]"), g, x, checked);
            }
        }
        Value::Number(g) => {
            let g = g.as_f64().unwrap();
            let x = ours
                .as_f64()
                .unwrap_or_else(|| panic!("{path}: expected {g}, got {ours}"));
            // lifelines stops its Newton steps a little before Mentorscope
            // does (|Δβ| < 1e-10), which shows from the ninth digit of a
            // Cox estimate: hazard ratios (stratified or not) are held to
            // 1e-6, as the issue asks of every M6 value; the rest to 1e-9.
            let cox = [
                "ramp_up.adjusted",
                "retention.adjusted",
                "ramp_up.unadjusted",
                "retention.unadjusted",
            ]
            .iter()
            .any(|k| path.contains(k));
            let tol = ((if cox { 1e-6 } else { 1e-9 }) * g.abs()).max(1e-12);
            assert!((g - x).abs() <= tol, "{path}: golden {g}, ours {x}");
            *checked += 1;
        }
        _ => {
            assert_eq!(golden, ours, "{path}");
            *checked += 1;
        }
    }
}

fn check_golden(file: &str, opts: AnalysisOptions) {
    check_golden_on("sample-data", file, opts)
}

fn check_golden_on(dir: &str, file: &str, opts: AnalysisOptions) {
    let golden_path = common::repo().join("tests/golden").join(file);
    let golden: Value =
        serde_json::from_str(&std::fs::read_to_string(&golden_path).unwrap()).unwrap();
    let (_db, store) = program_store(dir);
    let ours = serde_json::to_value(analyze(&store, &opts).unwrap()).unwrap();
    let mut checked = 0;
    assert_matches("", &golden, &ours, &mut checked);
    assert!(checked > 40, "only {checked} values compared");
}

#[test]
fn matches_scipy_and_lifelines_on_the_sample_program() {
    check_golden("analysis_sample.json", AnalysisOptions::default());
}

#[test]
fn matches_the_reference_when_filtered_to_one_team() {
    check_golden(
        "analysis_sample_team.json",
        AnalysisOptions {
            team: Some("Platform".into()),
            ..Default::default()
        },
    );
}

#[test]
fn matches_the_reference_when_filtered_to_one_cohort() {
    check_golden(
        "analysis_sample_cohort.json",
        AnalysisOptions {
            cohort: Some("2025-Spring".into()),
            ..Default::default()
        },
    );
}

#[test]
fn matches_the_reference_on_a_second_generated_program() {
    check_golden_on(
        "tests/data/program-b",
        "analysis_program_b.json",
        AnalysisOptions::default(),
    );
}

fn sample_analysis() -> Analysis {
    let (_db, store) = sample_store();
    analyze(&store, &AnalysisOptions::default()).unwrap()
}

#[test]
fn planted_effects_are_recovered_and_the_verdicts_say_so() {
    let a = sample_analysis();
    // Survey: composite up by about +0.3 overall (mentees +0.5, others +0.1).
    let u = &a.survey_unpaired;
    assert!(u.diff.unwrap() > 0.15, "{u:?}");
    assert!(u.welch_p.unwrap() < 0.05, "{u:?}");
    let v = a.verdicts.survey.as_ref().unwrap();
    assert_eq!(v.outcome, "improved", "{v:?}");
    assert!(
        v.headline.starts_with("Satisfaction rose from"),
        "{}",
        v.headline
    );
    assert!(a.enps.after.unwrap() > a.enps.before.unwrap());
    // Ramp-up: mentored faster (planted medians 45 vs 75 days).
    let r = &a.ramp_up;
    assert!(
        r.mentored.km_median_days.unwrap() < r.not_mentored.km_median_days.unwrap(),
        "{r:?}"
    );
    assert_eq!(a.verdicts.ramp_up.as_ref().unwrap().outcome, "improved");
    // Retention: mentored people stay more.
    assert!(
        a.retention.mentored.retained_365.unwrap() > a.retention.not_mentored.retained_365.unwrap()
    );
    // Delivery: +15% deployments, CFR 0.15 → 0.10, MTTR down.
    let d = &a.delivery;
    assert!(
        (d.deploys_relative_change.unwrap() - 0.15).abs() < 0.03,
        "{:?}",
        d.deploys_relative_change
    );
    assert!(
        d.before.change_failure_rate.unwrap() > 0.13 && d.after.change_failure_rate.unwrap() < 0.11
    );
    assert!(d.mttr_relative_change.unwrap() < -0.1);
    assert_eq!(a.verdicts.delivery.as_ref().unwrap().outcome, "improved");
    // Engagement: 13 open pairings have gone quiet (generator truth).
    assert_eq!(
        a.engagement.active_pairs - a.engagement.active_pairs_met_last_30d,
        13
    );
    assert_eq!(a.engagement.quiet_pairs.len(), 13);
    // Data quality: the ghost mentee and the off-roster survey respondent.
    assert_eq!(a.data_quality.identities_not_on_roster, 2);
}
