//! The app's views as the library builds them (no window): every number a
//! view carries with an `analyze --json` key equals the analysis's value at
//! that key, for every view (the five comparisons, Trends and Cohorts),
//! unfiltered, filtered to one team, and with a minimum group size that
//! hides the survey; the comparison views carry raw and like-for-like
//! figures side by side; every chart has a text alternative with its
//! finding; and Trends and Cohorts list every wave and cohort. The window
//! itself is checked the same way against the CLI in `e2e/tests/app.rs`.

use mentorscope::api::{self, ComparisonKind, Controls, Program};
use mentorscope::Store;
use serde_json::Value;

fn program() -> Program {
    let mut store = Store::open_in_memory().unwrap();
    mentorscope::sample::import_into(&mut store).unwrap();
    Program::load(&store).unwrap()
}

/// `a.b.0.c` in a JSON value.
fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(v, |v, part| match part.parse::<usize>() {
            Ok(i) if v.is_array() => v.get(i),
            _ => v.get(part),
        })
}

fn numbers(v: &Value) -> Vec<f64> {
    match v {
        Value::Null => vec![],
        Value::Array(a) => a.iter().filter_map(Value::as_f64).collect(),
        v => v.as_f64().into_iter().collect(),
    }
}

/// Checks every keyed cell of `kind`'s view; returns the keys checked.
fn check(p: &Program, controls: &Controls, kind: ComparisonKind) -> Vec<String> {
    let view = api::comparison(p, controls, kind).unwrap();
    let a = p.analysis(&controls.to_options().unwrap()).unwrap();
    let json = serde_json::to_value(a.as_ref()).unwrap();
    let mut keys = Vec::new();
    for t in &view.tables {
        for r in &t.rows {
            for c in &r.cells {
                let Some(key) = &c.key else { continue };
                let want = at(&json, key)
                    .unwrap_or_else(|| panic!("{kind:?}: `{key}` is not in the analysis"));
                let want = numbers(want);
                let hidden = c.values.is_empty() && c.text.starts_with("hidden");
                assert!(
                    hidden
                        || (c.values.len() == want.len()
                            && c.values
                                .iter()
                                .zip(&want)
                                .all(|(x, y)| (x - y).abs() <= 1e-12 * y.abs().max(1.0))),
                    "{kind:?} `{key}`: view {:?} ({}), analysis {want:?}",
                    c.values,
                    c.text
                );
                keys.push(key.clone());
            }
        }
    }
    for ch in &view.charts {
        assert!(
            ch.description.starts_with(ch.title.trim_end_matches('.')),
            "{kind:?} {}: alt {:?}",
            ch.kind,
            ch.description
        );
        assert!(
            ch.description.len() > ch.title.len() + 20,
            "{}: {}",
            ch.kind,
            ch.description
        );
    }
    keys
}

#[test]
fn every_keyed_number_of_every_view_is_the_analysis_value() {
    let p = program();
    let team = p
        .choices(&mentorscope::analysis::AnalysisOptions::default())
        .teams[0]
        .clone();
    for controls in [
        Controls::default(),
        Controls {
            team: Some(team),
            ..Default::default()
        },
        Controls {
            min_group_size: Some(1000),
            ..Default::default()
        },
    ] {
        for kind in ComparisonKind::VIEWS {
            let keys = check(&p, &controls, kind);
            assert!(keys.len() >= 2, "{kind:?}: only {keys:?}");
        }
    }
}

#[test]
fn comparison_views_put_like_for_like_beside_raw() {
    let p = program();
    let c = Controls::default();
    let keys = |kind| check(&p, &c, kind);
    for (kind, wanted) in [
        (
            ComparisonKind::RampUp,
            vec![
                "ramp_up.unadjusted.hazard_ratio",
                "ramp_up.adjusted.hazard_ratio",
                "ramp_up.adjusted.ci95",
                "ramp_up.adjusted.mde_hr_80",
                "ramp_up.adjusted.ph_test_p",
            ],
        ),
        (
            ComparisonKind::Retention,
            vec![
                "retention.unadjusted.hazard_ratio",
                "retention.adjusted.hazard_ratio",
                "retention.adjusted.p",
            ],
        ),
        (
            ComparisonKind::Survey,
            vec![
                "survey_unpaired.adjusted.diff",
                "survey_unpaired.adjusted.ci95",
                "survey_unpaired.mde_80",
                "item_tests.0.p_holm",
            ],
        ),
        (
            ComparisonKind::Delivery,
            vec![
                "delivery.its.level_change.estimate",
                "delivery.its.level_change.ci95",
                "delivery.its.slope_change.p",
            ],
        ),
    ] {
        let got = keys(kind);
        for w in wanted {
            assert!(got.iter().any(|k| k == w), "{kind:?} lacks {w}: {got:?}");
        }
    }
    // The forest plot sits in the ramp-up and retention views, the trend
    // at launch in the delivery view.
    for (kind, chart) in [
        (ComparisonKind::RampUp, "adjusted_effects"),
        (ComparisonKind::Retention, "adjusted_effects"),
        (ComparisonKind::Delivery, "delivery_trend"),
        (ComparisonKind::Trends, "satisfaction_trend"),
        (ComparisonKind::Cohorts, "cohorts"),
        (ComparisonKind::Cohorts, "formats"),
    ] {
        let v = api::comparison(&p, &c, kind).unwrap();
        assert!(
            v.charts.iter().any(|ch| ch.kind == chart),
            "{kind:?} has no {chart}"
        );
    }
}

#[test]
fn trends_and_cohorts_list_every_wave_and_cohort_and_follow_the_filters() {
    let p = program();
    let all = Controls::default();
    let a = p.analysis(&all.to_options().unwrap()).unwrap();
    let t = api::comparison(&p, &all, ComparisonKind::Trends).unwrap();
    let waves: Vec<&str> = t.tables[0].rows.iter().map(|r| r.label.as_str()).collect();
    let want: Vec<&str> = a.waves.iter().map(|w| w.wave.as_str()).collect();
    assert_eq!(waves, want, "waves in time order");
    assert_eq!(t.verdict.outcome, "descriptive");
    let c = api::comparison(&p, &all, ComparisonKind::Cohorts).unwrap();
    let cohorts: Vec<&str> = c.tables[0]
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .filter(|l| !l.starts_with("Kruskal"))
        .collect();
    let want: Vec<&str> = a.cohorts.iter().map(|c| c.cohort.as_str()).collect();
    assert_eq!(cohorts, want);
    // One cohort selected: the Cohorts view shows that cohort only.
    let one = Controls {
        cohort: Some(want[0].to_string()),
        ..Default::default()
    };
    let c1 = api::comparison(&p, &one, ComparisonKind::Cohorts).unwrap();
    let rows: Vec<&str> = c1.tables[0]
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .filter(|l| !l.starts_with("Kruskal"))
        .collect();
    assert_eq!(rows, vec![want[0]]);
    assert!(c1.scope.contains(want[0]));
    // Under k = 1000 every wave is hidden and says so.
    let hidden = Controls {
        min_group_size: Some(1000),
        ..Default::default()
    };
    let th = api::comparison(&p, &hidden, ComparisonKind::Trends).unwrap();
    for r in &th.tables[0].rows {
        assert!(r.cells[1].text.starts_with("hidden"), "{:?}", r.cells);
    }
}
