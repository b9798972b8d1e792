//! The analysis on the data that breaks naive code: no post wave, one group
//! empty, everyone censored, identical answers, a wave under the minimum
//! group size, ties everywhere, a single team, and filters that narrow a
//! survey group below k. Each must give an honest, non-crashing answer.

mod common;

use std::path::Path;

use mentorscope::analysis::{analyze, AnalysisOptions};
use mentorscope::ingest::{self, ImportOptions};
use mentorscope::Store;

fn import(store: &mut Store, dir: &Path, name: &str, text: &str, wave: Option<&str>) {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    let opts = ImportOptions {
        wave: wave.map(str::to_string),
        ..Default::default()
    };
    let r = ingest::import_file(store, &p, &opts).unwrap();
    assert_eq!(r.rows_skipped, 0, "{name}: {:?}", r.problems);
}

fn roster(n: usize, team_of: impl Fn(usize) -> &'static str) -> String {
    let mut s = String::from("Employee ID,Work Email,Department,Hire Date,Termination Date\n");
    for i in 0..n {
        s.push_str(&format!(
            "P{i:03},p{i}@example.com,{},2024-{:02}-01,\n",
            team_of(i),
            1 + i % 12
        ));
    }
    s
}

fn survey(
    people: std::ops::Range<usize>,
    answer: impl Fn(usize) -> &'static str,
    day: &str,
) -> String {
    let mut s = String::from("Timestamp,Email Address,I feel supported,I see a future here\n");
    for i in people {
        s.push_str(&format!(
            "{day} 10:00:00,p{i}@example.com,{},{}\n",
            answer(i),
            answer(i + 1)
        ));
    }
    s
}

fn setup(n: usize) -> (common::TempDb, Store) {
    let db = common::temp_db();
    let mut store = common::open(&db);
    import(
        &mut store,
        db.dir.path(),
        "roster.csv",
        &roster(n, |i| if i % 2 == 0 { "Data" } else { "Web" }),
        None,
    );
    (db, store)
}

#[test]
fn no_post_wave_means_no_comparison_not_a_crash() {
    let (db, mut store) = setup(20);
    import(
        &mut store,
        db.dir.path(),
        "pre.csv",
        &survey(0..20, |_| "Agree", "1/10/2025"),
        Some("pre"),
    );
    let a = analyze(&store, &AnalysisOptions::default()).unwrap();
    let v = a.verdicts.survey.unwrap();
    assert_eq!(v.outcome, "no_data", "{v:?}");
    assert!(
        v.headline.contains("before and one from after"),
        "{}",
        v.headline
    );
}

#[test]
fn identical_answers_have_no_test_but_honest_means() {
    let (db, mut store) = setup(20);
    import(
        &mut store,
        db.dir.path(),
        "pre.csv",
        &survey(0..20, |_| "Agree", "1/10/2025"),
        Some("pre"),
    );
    import(
        &mut store,
        db.dir.path(),
        "post.csv",
        &survey(0..20, |_| "Agree", "6/10/2025"),
        Some("post"),
    );
    let a = analyze(&store, &AnalysisOptions::default()).unwrap();
    let u = &a.survey_unpaired;
    assert!(!u.suppressed);
    assert_eq!(u.n_before, 20);
    // The means are still there and exact: "Agree" is 4 on the 5-point
    // agreement scale, in every item and so in the composite.
    assert_eq!((u.mean_before, u.mean_after), (Some(4.0), Some(4.0)));
    assert_eq!(u.diff, Some(0.0));
    for side in [&a.item_means.before, &a.item_means.after] {
        assert!(!side.is_empty());
        assert!(side.iter().all(|m| *m == Some(4.0)), "{side:?}");
    }
    // Zero variance in both waves: the t statistic is undefined (SciPy: nan).
    assert_eq!(u.welch_p, None);
    assert_eq!(a.survey_paired.p, None);
    let v = a.verdicts.survey.unwrap();
    assert!(v.headline.contains("do not vary enough"), "{}", v.headline);
}

#[test]
fn wave_under_the_minimum_group_size_is_suppressed() {
    let (db, mut store) = setup(20);
    import(
        &mut store,
        db.dir.path(),
        "pre.csv",
        &survey(0..4, |_| "Agree", "1/10/2025"),
        Some("pre"),
    );
    import(
        &mut store,
        db.dir.path(),
        "post.csv",
        &survey(0..20, |_| "Strongly agree", "6/10/2025"),
        Some("post"),
    );
    let a = analyze(&store, &AnalysisOptions::default()).unwrap();
    assert!(a.survey_unpaired.suppressed);
    assert_eq!(a.survey_unpaired.mean_before, None);
    assert_eq!(
        a.survey_unpaired.mean_after, None,
        "both sides are hidden, or the other reveals the small one by difference"
    );
    assert!(a.survey_paired.suppressed);
    assert!(a.item_means.before.iter().all(Option::is_none));
    assert!(a.item_distributions.iter().all(|d| d.before.is_none()));
    assert_eq!(a.verdicts.survey.unwrap().outcome, "too_few");
    // With k = 3 the same data is shown.
    let a = analyze(
        &store,
        &AnalysisOptions {
            min_group_size: 3,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!a.survey_unpaired.suppressed);
    assert_eq!(a.survey_unpaired.mean_before, Some(4.0));
}

#[test]
fn team_filter_that_narrows_a_wave_below_k_suppresses_it() {
    let (db, mut store) = setup(20);
    // People 0..8 answered pre; of them only 0,2,4,6 are in Data.
    import(
        &mut store,
        db.dir.path(),
        "pre.csv",
        &survey(
            0..8,
            |i| if i % 3 == 0 { "Agree" } else { "Disagree" },
            "1/10/2025",
        ),
        Some("pre"),
    );
    import(
        &mut store,
        db.dir.path(),
        "post.csv",
        &survey(0..20, |_| "Agree", "6/10/2025"),
        Some("post"),
    );
    let all = analyze(&store, &AnalysisOptions::default()).unwrap();
    assert!(!all.survey_unpaired.suppressed);
    let data = analyze(
        &store,
        &AnalysisOptions {
            team: Some("Data".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        data.survey_unpaired.suppressed,
        "4 Data respondents before is under k = 5"
    );
    assert!(data.item_means.before.iter().all(Option::is_none));
    assert_eq!(data.enps.before, None);
}

#[test]
fn everyone_censored_and_one_group_empty() {
    let (db, mut store) = setup(12);
    // No milestone is reached by anyone → no window, and no pairing → one group.
    import(
        &mut store,
        db.dir.path(),
        "milestones.csv",
        "Employee ID,Milestone,Date\nP000,First PR,2023-01-01\n",
        None,
    );
    let a = analyze(&store, &AnalysisOptions::default()).unwrap();
    // The only milestone is before the hire date, so it does not count.
    assert_eq!(a.ramp_up.window_start, None);
    assert_eq!(a.verdicts.ramp_up.unwrap().outcome, "no_data");
    import(
        &mut store,
        db.dir.path(),
        "milestones2.csv",
        "Employee ID,Milestone,Date\nP001,First PR,2024-03-01\n",
        None,
    );
    let a = analyze(
        &store,
        &AnalysisOptions {
            as_of: "2024-02-15".parse().ok(),
            ..Default::default()
        },
    )
    .unwrap();
    // As of mid-February nobody has ramped: all censored, no median.
    assert_eq!(a.ramp_up.not_mentored.events, 0);
    assert_eq!(a.ramp_up.not_mentored.km_median_days, None);
    assert_eq!(a.ramp_up.mentored.n, 0);
    assert_eq!(a.ramp_up.logrank_p, None);
    // Nobody mentored: no hazard ratio, raw or like for like, and each
    // says why instead of a NaN.
    for h in [&a.ramp_up.unadjusted, &a.retention.unadjusted] {
        assert_eq!((h.hazard_ratio, h.ci95, h.p), (None, None, None), "{h:?}");
        assert!(
            h.reason.as_deref().is_some_and(|r| r.contains("one group")),
            "{h:?}"
        );
    }
    assert!(a.ramp_up.adjusted.hazard_ratio.is_none() && a.ramp_up.adjusted.reason.is_some());
    let v = a.verdicts.ramp_up.unwrap();
    assert_eq!(v.outcome, "too_few", "{v:?}");
    assert!(
        v.caveats.iter().any(|c| c.contains("No pairing data")),
        "{v:?}"
    );
}

#[test]
fn single_team_delivery_with_ties_everywhere() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let mut s = String::from("Team,Week Start,Deployments,Incidents,MTTR (hours)\n");
    for w in 0..20 {
        let day =
            chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap() + chrono::Duration::weeks(w - 10);
        s.push_str(&format!("Solo,{day},5,1,2\n"));
    }
    import(&mut store, db.dir.path(), "metrics.csv", &s, None);
    let a = analyze(
        &store,
        &AnalysisOptions {
            launch: "2025-01-06".parse().ok(),
            ..Default::default()
        },
    )
    .unwrap();
    let d = &a.delivery;
    assert_eq!(d.before.team_weeks, 10);
    assert_eq!(d.after.team_weeks, 10);
    assert_eq!(d.before.deploys_per_team_week, Some(5.0));
    assert_eq!(d.after.change_failure_rate, Some(0.2));
    assert_eq!(d.deploys_relative_change, Some(0.0));
    // All values tied: Mann–Whitney's variance is zero (SciPy gives nan).
    assert_eq!(d.deploys_mann_whitney_p, None);
}

#[test]
fn unknown_wave_is_a_clear_error() {
    let (db, mut store) = setup(6);
    import(
        &mut store,
        db.dir.path(),
        "pre.csv",
        &survey(0..6, |_| "Agree", "1/10/2025"),
        Some("pre"),
    );
    let err = analyze(
        &store,
        &AnalysisOptions {
            after_wave: Some("6-month".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no survey wave `6-month`; the imported waves are: pre"
    );
}
