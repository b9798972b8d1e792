//! The analysis of the sample program: every value of the `analyze --json`
//! contract equals the independent SciPy + lifelines computation in
//! `tests/golden/` (to 1e-9 relative), with and without filters, under each
//! analysis option (split, milestone, waves, date range, launch and as-of),
//! and on `tests/data/program-scales` (every recognised label set); and the
//! effects planted in `sample-data/` are recovered and the verdicts say so.

mod common;

use chrono::NaiveDate;
use mentorscope::analysis::{analyze, Analysis, AnalysisOptions, Split};
use mentorscope::ingest::{self, ImportOptions};
use mentorscope::store::ItemScale;
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

/// A p-value's key: `p`, `…_p` or `p_holm`.
fn is_p_value(path: &str) -> bool {
    let key = path.rsplit('.').next().unwrap_or(path);
    key == "p" || key.ends_with("_p") || key == "p_holm"
}

/// What `assert_matches` counted: values compared, and how many of them
/// were p-values below 1e-12 (held relatively, not by the absolute floor).
#[derive(Default)]
struct Checked {
    values: usize,
    tiny_p: usize,
}

/// Every leaf of `golden` must be present in `ours` and equal: numbers to
/// 1e-9 relative (1e-12 absolute near zero, except p-values: a p of 1e-26
/// is held to 1e-9 of itself, not to 1e-12), everything else exactly.
fn assert_matches(path: &str, golden: &Value, ours: &Value, checked: &mut Checked) {
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
            let rel = if cox { 1e-6 } else { 1e-9 };
            // Near zero a difference or an estimate is held to 1e-12
            // absolute; a p-value is not: 1e-30 against 1e-12 would pass
            // anything. Tiny p-values are compared relatively (a p that
            // underflows to 0 must underflow on both sides).
            let tol = if is_p_value(path) {
                rel * g.abs()
            } else {
                (rel * g.abs()).max(1e-12)
            };
            assert!((g - x).abs() <= tol, "{path}: golden {g}, ours {x}");
            if is_p_value(path) && g < 1e-12 {
                checked.tiny_p += 1;
            }
            checked.values += 1;
        }
        _ => {
            assert_eq!(golden, ours, "{path}");
            checked.values += 1;
        }
    }
}

fn check_golden(file: &str, opts: AnalysisOptions) {
    check_golden_on("sample-data", file, opts);
}

fn check_golden_on(dir: &str, file: &str, opts: AnalysisOptions) -> Checked {
    check_golden_with(dir, file, opts, |_| {})
}

/// As `check_golden_on`, with program settings made after the import.
fn check_golden_with(
    dir: &str,
    file: &str,
    opts: AnalysisOptions,
    settings: impl FnOnce(&mut mentorscope::Store),
) -> Checked {
    let golden_path = common::repo().join("tests/golden").join(file);
    let golden: Value =
        serde_json::from_str(&std::fs::read_to_string(&golden_path).unwrap()).unwrap();
    let (_db, mut store) = program_store(dir);
    settings(&mut store);
    // The goldens are the statistics before disclosure control hides any of
    // them (tests/robustness_privacy.rs and tests/privacy_attack.rs check
    // what is hidden).
    let mut opts = opts;
    opts.disclosure.enabled = false;
    let ours = serde_json::to_value(analyze(&store, &opts).unwrap()).unwrap();
    let mut checked = Checked::default();
    // Paths start with the golden file, so a failure names the option set.
    assert_matches(file, &golden, &ours, &mut checked);
    assert!(
        checked.values > 40,
        "{file}: only {} values compared",
        checked.values
    );
    checked
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

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Each analysis option against its own golden (tests/golden/golden_analysis.py
/// run with the same option; the commands are in its header).
#[test]
fn matches_the_reference_under_each_analysis_option() {
    let cases: Vec<(&str, AnalysisOptions)> = vec![
        (
            "analysis_sample_split_hired.json",
            AnalysisOptions {
                split: Split::HiredAfterLaunch,
                ..Default::default()
            },
        ),
        (
            "analysis_sample_milestone_oncall.json",
            AnalysisOptions {
                milestone_kind: Some("First on-call shift".into()),
                ..Default::default()
            },
        ),
        (
            // Four waves: a middle pair, not the default first and last.
            "analysis_sample_waves_3m_12m.json",
            AnalysisOptions {
                before_wave: Some("3-month".into()),
                after_wave: Some("12-month".into()),
                ..Default::default()
            },
        ),
        (
            "analysis_sample_waves_pre_12m.json",
            AnalysisOptions {
                before_wave: Some("pre".into()),
                after_wave: Some("12-month".into()),
                ..Default::default()
            },
        ),
        (
            // Leaves out the last wave (June 2026) and the last five
            // months of meetings and team-weeks; the default after wave
            // becomes the last one in the range.
            "analysis_sample_range.json",
            AnalysisOptions {
                date_from: ymd(2024, 10, 1),
                date_to: ymd(2026, 1, 31),
                ..Default::default()
            },
        ),
        (
            "analysis_sample_launch_asof.json",
            AnalysisOptions {
                launch: ymd(2025, 4, 1),
                as_of: ymd(2026, 3, 31),
                ..Default::default()
            },
        ),
    ];
    for (file, opts) in cases {
        check_golden(file, opts);
    }
}

/// 7-point agreement, 5- and 7-point satisfaction and 5-point frequency
/// answers (stray case and spacing), a 0–10 item and a plain 1–5 column
/// that stay out of the composite; satisfaction falls (a "worsened"
/// verdict, p far below 1e-12) and delivery does not move ("no clear
/// difference").
#[test]
fn matches_the_reference_on_every_label_set() {
    let checked = check_golden_on(
        "tests/data/program-scales",
        "analysis_program_scales.json",
        AnalysisOptions::default(),
    );
    assert!(
        checked.tiny_p >= 2,
        "the golden must hold p-values below 1e-12 (held relatively): {}",
        checked.tiny_p
    );
}

/// A reverse-coded 5-point frequency item: flipped (6 − x) in the
/// composite, the item means and tests, and its distribution's levels.
#[test]
fn matches_the_reference_with_a_reverse_coded_item() {
    check_golden_with(
        "tests/data/program-scales",
        "analysis_program_scales_reverse.json",
        AnalysisOptions::default(),
        |store| {
            store
                .set_item_reverse("How often do you get useful feedback?", true)
                .unwrap()
        },
    );
}

/// Numeric items with a declared scale join the composite (METRICS.md M1):
/// the 0–10 workload item put on 1–5 as 1 + 4·x/10 (11 levels in its
/// distribution), the 1–5 tools rating as it is and reverse-coded on top,
/// beside the reverse-coded frequency item. The reference reads the
/// answers' text and the scales from `item_settings` on its own.
#[test]
fn matches_the_reference_with_declared_scales() {
    check_golden_with(
        "tests/data/program-scales",
        "analysis_program_scales_declared.json",
        AnalysisOptions::default(),
        |store| {
            store
                .set_item_reverse("How often do you get useful feedback?", true)
                .unwrap();
            store
                .mark_item(
                    "How manageable is your workload? (0-10)",
                    None,
                    Some(Some(ItemScale::new(0, 10).unwrap())),
                )
                .unwrap();
            store
                .mark_item(
                    "rate our internal tools  from 1 to 5",
                    Some(true),
                    Some(Some(ItemScale::new(1, 5).unwrap())),
                )
                .unwrap();
        },
    );
}

fn sample_analysis() -> Analysis {
    let (_db, store) = sample_store();
    analyze(&store, &AnalysisOptions::default()).unwrap()
}

#[test]
fn planted_effects_are_recovered_and_the_verdicts_say_so() {
    let a = sample_analysis();
    // Survey: composite up by about +0.2 overall (mentees +0.5, others +0.1).
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
    // Four waves in time order; the planted shifts grow wave by wave, so the
    // composite rises at every wave and eNPS ends above where it started.
    let names: Vec<&str> = a.waves.iter().map(|w| w.wave.as_str()).collect();
    assert_eq!(names, ["pre", "3-month", "12-month", "post"]);
    let means: Vec<f64> = a.waves.iter().map(|w| w.mean.unwrap()).collect();
    assert!(means.windows(2).all(|m| m[1] > m[0]), "{means:?}");
    assert!(a.waves[3].enps.unwrap() > a.waves[0].enps.unwrap());

    // The selection effect: mentees are mostly L1–L2, who ramp slower and
    // leave more. Planted within a level: mentored hires take ×0.8 of the
    // time to their first PR and mentees leave ×0.55 as often.
    // Ramp-up: the raw comparison shows no clear difference (mentored are
    // not even faster); like for like, the hazard ratio points the planted
    // way (above 1: sooner), diluted by 2024 hires who joined an intake
    // after they had ramped up.
    let r = &a.ramp_up;
    assert!(r.logrank_p.unwrap() > 0.05, "{r:?}");
    assert!(
        r.mentored.km_median_days.unwrap() >= r.not_mentored.km_median_days.unwrap(),
        "{r:?}"
    );
    assert!(r.adjusted.hazard_ratio.unwrap() > 1.0, "{:?}", r.adjusted);
    assert_eq!(
        r.adjusted.explained_by.as_deref(),
        Some("mentees being more junior")
    );
    // Retention: raw and adjusted disagree in significance, so the verdict
    // leads with the adjusted estimate and says why.
    let t = &a.retention;
    assert!(t.logrank_p.unwrap() > 0.05, "{t:?}");
    assert!(
        t.mentored.retained_365.unwrap() > t.not_mentored.retained_365.unwrap(),
        "{t:?}"
    );
    let adj = &t.adjusted;
    assert!(adj.hazard_ratio.unwrap() < 1.0, "{adj:?}");
    assert!(adj.ci95.unwrap()[1] < 1.0, "{adj:?}");
    assert!(adj.p.unwrap() < 0.05, "{adj:?}");
    let v = a.verdicts.retention.as_ref().unwrap();
    assert_eq!(v.outcome, "improved", "{v:?}");
    assert!(
        v.headline
            .starts_with("Compared like for like (same team and level), the mentored group is less likely to leave (hazard ratio 0.3"),
        "{}",
        v.headline
    );
    assert!(
        v.headline
            .ends_with("The raw comparison hides this because of mentees being more junior."),
        "{}",
        v.headline
    );
    assert!(
        v.caveats[0].starts_with("Without that adjustment: After 12 months,"),
        "{v:?}"
    );

    // Formats: in-house pairs meet every 2–3 weeks, external every 3–5.
    let f = a.formats.as_ref().expect("pairings carry a format");
    let names: Vec<&str> = f.iter().map(|r| r.cohort.as_str()).collect();
    assert_eq!(names, ["External", "In-house"]);
    assert!(
        f[0].meetings_per_pair.unwrap() < 0.8 * f[1].meetings_per_pair.unwrap(),
        "{f:?}"
    );
    assert!(f[1].mentees > 2 * f[0].mentees, "70% in-house: {f:?}");
    let cohorts: Vec<&str> = a.cohorts.iter().map(|r| r.cohort.as_str()).collect();
    assert_eq!(cohorts, ["2025-Fall", "2025-Spring", "2026-Spring"]);
    // Topics: the planted coverage puts code review and testing first and
    // caching last.
    let ranked: Vec<&str> = a
        .engagement
        .topics_ranked
        .iter()
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(ranked[..2], ["Code review", "Testing"], "{ranked:?}");
    assert_eq!(ranked.last(), Some(&"Caching"), "{ranked:?}");

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
    // Engagement: 16 open pairings have gone quiet (generator truth).
    assert_eq!(
        a.engagement.active_pairs - a.engagement.active_pairs_met_last_30d,
        16
    );
    assert_eq!(a.engagement.quiet_pairs.len(), 16);
    // Data quality: the ghost mentee and the off-roster survey respondent.
    assert_eq!(a.data_quality.identities_not_on_roster, 2);
}
