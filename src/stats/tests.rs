//! Unit tests of the statistics: behaviour at the edges, and every value
//! against SciPy and lifelines (`tests/golden/stats_golden.json`, made by
//! `tests/golden/golden_stats.py`).

use super::*;
use serde_json::Value;

// ---- behaviour at the edges -------------------------------------------

/// The compensated sum keeps what a running sum drops: Python's
/// `math.fsum` (exact) gives 1.0 and 2.0 here, `sum` gives 0.0 for both.
/// Each half of Neumaier's step matters: the second case needs the branch
/// for an addend larger than the running sum.
#[test]
fn compensated_sum_keeps_the_digits_a_running_sum_loses() {
    assert_eq!(sum(&[1e16, 1.0, -1e16]), 1.0);
    assert_eq!(sum(&[1.0, 1e100, 1.0, -1e100]), 2.0);
    assert_eq!(sum(&[0.1; 10]), 1.0);
    assert_eq!(sum(&[]), 0.0);
}

#[test]
fn t_quantile_matches_scipy_from_one_to_ten_million_degrees_of_freedom() {
    // scipy.stats.t.ppf(0.975, df), SciPy 1.17.1.
    let scipy = [
        (1.0, 12.706204736174694),
        (2.0, 4.302652729749462),
        (3.5, 2.9400886379827282),
        (10.0, 2.228138851986274),
        (29.0, 2.045229642132703),
        (50.5, 2.0080664982950434),
        (100.0, 1.9839715185235518),
        (999.0, 1.9623414611334493),
        (1000.0, 1.9623390808264083),
        (5000.0, 1.9604385517065073),
        (1e4, 1.960201239890626),
        (1e5, 1.9599877075346095),
        (2e5, 1.959975845966768),
        (1e6, 1.959966356814107),
        (1e7, 1.959964221767205),
    ];
    for (df, want) in scipy {
        let got = t_crit95(df).unwrap();
        assert!(
            ((got - want) / want).abs() < 1e-10,
            "df {df}: {got} vs SciPy {want}"
        );
    }
    assert_eq!(t_crit95(0.0), None);
    assert_eq!(t_crit95(f64::NAN), None);
}

#[test]
fn zero_variance_gives_no_t_test_and_no_effect_size() {
    assert_eq!(welch_t(&[3.0, 3.0, 3.0], &[3.0, 3.0]), None);
    assert_eq!(welch_t(&[2.0, 2.0, 2.0], &[5.0, 5.0, 5.0, 5.0]), None);
    assert_eq!(paired_t(&[0.5, 0.5, 0.5]), None);
    assert_eq!(cohens_d(&[1.0, 1.0], &[1.0, 1.0]), None);
}

#[test]
fn zero_variance_on_one_side_still_tests() {
    assert!(welch_t(&[3.0, 3.0, 3.0], &[1.0, 4.0, 6.0]).is_some());
    assert!(cohens_d(&[3.0, 3.0, 3.0], &[1.0, 4.0, 6.0]).is_some());
}

#[test]
fn empty_input_gives_none() {
    assert_eq!(summary(&[]), None);
    assert_eq!(welch_t(&[], &[1.0, 2.0]), None);
    assert_eq!(paired_t(&[]), None);
    assert_eq!(cohens_d(&[1.0, 2.0], &[]), None);
    assert_eq!(mann_whitney_u(&[], &[1.0]), None);
    assert_eq!(mann_whitney_u(&[1.0], &[]), None);
    assert_eq!(kaplan_meier(&[], &[]), None);
    assert_eq!(logrank(&[], &[], &[1.0], &[true]), None);
    assert_eq!(logrank(&[1.0], &[true], &[], &[]), None);
}

#[test]
fn fewer_than_two_values_gives_no_t_test() {
    assert_eq!(welch_t(&[1.0], &[2.0, 3.0]), None);
    assert_eq!(paired_t(&[1.0]), None);
    assert_eq!(cohens_d(&[1.0], &[2.0, 3.0]), None);
}

#[test]
fn summary_of_one_value_has_nan_sd() {
    let s = summary(&[4.0]).expect("defined");
    assert_eq!((s.n, s.mean), (1, 4.0));
    assert!(s.sd.is_nan());
}

#[test]
fn non_finite_input_gives_none_not_nan() {
    assert_eq!(welch_t(&[1.0, f64::NAN], &[2.0, 3.0]), None);
    assert_eq!(paired_t(&[1.0, f64::INFINITY]), None);
    assert_eq!(cohens_d(&[1.0, 2.0], &[f64::NAN, 3.0]), None);
    assert_eq!(mann_whitney_u(&[1.0, f64::NAN], &[2.0]), None);
    assert_eq!(kaplan_meier(&[1.0, f64::NAN], &[true, true]), None);
    assert_eq!(logrank(&[1.0], &[true], &[f64::NAN], &[true]), None);
}

#[test]
fn ties_everywhere_in_mann_whitney_give_none() {
    assert_eq!(mann_whitney_u(&[2.0, 2.0, 2.0], &[2.0, 2.0]), None);
    assert_eq!(mann_whitney_u(&[7.0], &[7.0]), None);
}

#[test]
fn composites_one_bit_apart_are_ties_in_the_rank_tests() {
    // 17/6 summed in two orders: equal in truth, one bit apart in f64.
    let (a, b) = (2.8333333333333335_f64, 2.833333333333333_f64);
    assert_ne!(a, b);
    let x = [a, 1.0, 2.5, 4.0];
    let (apart, exact) = ([b, 3.0, 2.0, 4.5], [a, 3.0, 2.0, 4.5]);
    assert_eq!(mann_whitney_u(&x, &apart), mann_whitney_u(&x, &exact));
    assert_eq!(kruskal_wallis(&[&x, &apart]), kruskal_wallis(&[&x, &exact]));
    // Values that truly differ stay apart.
    assert_ne!(
        mann_whitney_u(&x, &[a + 1e-9, 3.0, 2.0, 4.5]),
        mann_whitney_u(&x, &exact)
    );
}

#[test]
fn mann_whitney_with_equal_rank_sums_has_p_one() {
    let m = mann_whitney_u(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]).expect("defined");
    assert_eq!((m.u, m.p), (4.5, 1.0));
}

#[test]
fn kaplan_meier_rejects_mismatched_lengths() {
    assert_eq!(kaplan_meier(&[1.0, 2.0], &[true]), None);
    assert_eq!(logrank(&[1.0, 2.0], &[true], &[1.0], &[true]), None);
}

#[test]
fn all_censored_never_reaches_the_median_and_survival_stays_one() {
    let km = kaplan_meier(&[5.0, 10.0, 20.0], &[false, false, false]).expect("defined");
    assert_eq!(km.median(), None);
    assert_eq!(km.survival, vec![1.0; 3]);
    assert_eq!(km.survival_at(100.0), 1.0);
    assert_eq!(
        (km.ci_lower.clone(), km.ci_upper.clone()),
        (vec![1.0; 3], vec![1.0; 3])
    );
    assert_eq!((km.n(), km.n_events()), (3, 0));
}

#[test]
fn survival_at_includes_events_at_exactly_t() {
    let km =
        kaplan_meier(&[100.0, 365.0, 400.0, 500.0], &[true, true, false, true]).expect("defined");
    assert_eq!(km.survival_at(364.0), 0.75);
    assert_eq!(km.survival_at(365.0), 0.5);
    assert_eq!(km.median(), Some(365.0));
}

#[test]
fn survival_before_the_first_time_is_one() {
    let km = kaplan_meier(&[10.0, 20.0], &[true, true]).expect("defined");
    assert_eq!(km.survival_at(9.999), 1.0);
    assert_eq!(km.survival_at(-5.0), 1.0);
    assert!(km.survival_at(f64::NAN).is_nan());
}

#[test]
fn band_is_zero_once_everyone_has_had_the_event() {
    let km = kaplan_meier(&[1.0, 2.0, 3.0], &[true, true, true]).expect("defined");
    assert_eq!(km.survival[2], 0.0);
    assert_eq!((km.ci_lower[2], km.ci_upper[2]), (0.0, 0.0));
    assert!(km.ci_lower[0] > 0.0 && km.ci_upper[0] < 1.0);
}

#[test]
fn median_is_reached_when_survival_is_exactly_one_half() {
    // 62 people, one event a day for 40 days: S = 31/62 after day 31,
    // which the running product rounds to a hair above 0.5.
    let t: Vec<f64> = (1..=62).map(f64::from).collect();
    let e: Vec<bool> = (1..=62).map(|i| i <= 40).collect();
    let km = kaplan_meier(&t, &e).expect("defined");
    assert_eq!(km.median(), Some(31.0));
}

#[test]
fn logrank_without_events_gives_none() {
    assert_eq!(
        logrank(&[1.0, 2.0], &[false, false], &[3.0], &[false]),
        None
    );
}

#[test]
fn logrank_when_every_event_empties_the_risk_set_gives_none() {
    assert_eq!(
        logrank(&[10.0, 10.0], &[true, true], &[10.0], &[true]),
        None
    );
}

// ---- golden values from SciPy and lifelines ----------------------------

/// Relative 1e-9, or absolute 1e-12 near zero. A golden null means the
/// module must answer `None` (or NaN for a summary's sd).
fn assert_close(what: &str, golden: &Value, ours: Option<f64>) {
    match (golden.as_f64(), ours) {
        (None, None) => {}
        (None, Some(o)) => assert!(o.is_nan(), "{what}: golden null, ours {o}"),
        (Some(g), None) => panic!("{what}: golden {g}, ours None"),
        (Some(g), Some(o)) => {
            let tol = (1e-9 * g.abs()).max(1e-12);
            assert!(
                (g - o).abs() <= tol,
                "{what}: golden {g:e}, ours {o:e}, off by {:e}",
                (g - o).abs()
            );
        }
    }
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("golden array")
        .iter()
        .map(|x| x.as_f64().expect("golden float"))
        .collect()
}

fn bools(v: &Value) -> Vec<bool> {
    v.as_array()
        .expect("golden array")
        .iter()
        .map(|x| x.as_bool().expect("golden bool"))
        .collect()
}

fn golden() -> Value {
    serde_json::from_str(include_str!("../../tests/golden/stats_golden.json"))
        .expect("golden JSON parses")
}

fn name(case: &Value) -> &str {
    case["name"].as_str().expect("case name")
}

#[test]
fn summaries_match_numpy() {
    let g = golden();
    for case in g["two_sample"].as_array().expect("two_sample") {
        for side in ["before", "after"] {
            let s = summary(&floats(&case[side])).expect("non-empty");
            let want = &case[format!("summary_{side}")];
            let what = format!("{} {side}", name(case));
            assert_eq!(s.n as u64, want["n"].as_u64().expect("n"), "{what} n");
            assert_close(&format!("{what} mean"), &want["mean"], Some(s.mean));
            assert_close(&format!("{what} sd"), &want["sd"], Some(s.sd));
        }
    }
}

#[test]
fn two_sample_tests_match_scipy() {
    let g = golden();
    let cases = g["two_sample"].as_array().expect("two_sample");
    assert!(cases.len() >= 15);
    for case in cases {
        let name = name(case);
        let (before, after) = (floats(&case["before"]), floats(&case["after"]));

        let w = welch_t(&before, &after);
        let gw = &case["welch"];
        assert_eq!(
            w.is_none(),
            gw.is_null(),
            "{name}: welch {w:?} vs golden {gw}"
        );
        if let Some(w) = w {
            assert_close(&format!("{name} welch diff"), &gw["diff"], Some(w.diff));
            assert_close(&format!("{name} welch t"), &gw["t"], Some(w.t));
            assert_close(&format!("{name} welch df"), &gw["df"], Some(w.df));
            assert_close(&format!("{name} welch p"), &gw["p"], Some(w.p));
            assert_close(
                &format!("{name} welch ci low"),
                &gw["ci"][0],
                Some(w.ci95.0),
            );
            assert_close(
                &format!("{name} welch ci high"),
                &gw["ci"][1],
                Some(w.ci95.1),
            );
        }

        assert_close(
            &format!("{name} cohen's d"),
            &case["cohens_d"],
            cohens_d(&before, &after),
        );

        let m = mann_whitney_u(&before, &after);
        let gm = &case["mann_whitney"];
        assert_eq!(
            m.is_none(),
            gm.is_null(),
            "{name}: mwu {m:?} vs golden {gm}"
        );
        if let Some(m) = m {
            assert_close(&format!("{name} U"), &gm["u"], Some(m.u));
            assert_close(&format!("{name} mwu p"), &gm["p"], Some(m.p));
        }
    }
}

#[test]
fn paired_tests_match_scipy() {
    let g = golden();
    let cases = g["paired"].as_array().expect("paired");
    assert!(cases.len() >= 8);
    for case in cases {
        let name = name(case);
        let t = paired_t(&floats(&case["diffs"]));
        let gt = &case["result"];
        assert_eq!(t.is_none(), gt.is_null(), "{name}: {t:?} vs golden {gt}");
        if let Some(t) = t {
            assert_eq!(t.n as u64, gt["n"].as_u64().expect("n"), "{name} n");
            assert_close(&format!("{name} mean"), &gt["mean_diff"], Some(t.mean_diff));
            assert_close(&format!("{name} t"), &gt["t"], Some(t.t));
            assert_close(&format!("{name} df"), &gt["df"], Some(t.df));
            assert_close(&format!("{name} p"), &gt["p"], Some(t.p));
            assert_close(&format!("{name} ci low"), &gt["ci"][0], Some(t.ci95.0));
            assert_close(&format!("{name} ci high"), &gt["ci"][1], Some(t.ci95.1));
        }
    }
}

fn check_km(what: &str, g: &Value) {
    let km = kaplan_meier(&floats(&g["t"]), &bools(&g["e"])).expect("non-empty group");
    let times = floats(&g["times"]);
    assert_eq!(km.times, times, "{what} times");
    let counts = |key: &str| -> Vec<usize> {
        g[key]
            .as_array()
            .expect("counts")
            .iter()
            .map(|v| v.as_u64().expect("count") as usize)
            .collect()
    };
    assert_eq!(km.at_risk, counts("at_risk"), "{what} at risk");
    assert_eq!(km.events, counts("events"), "{what} events");
    assert_eq!(km.censored, counts("censored"), "{what} censored");
    assert_eq!(km.n(), floats(&g["t"]).len(), "{what} n");
    for (i, t) in times.iter().enumerate() {
        assert_close(
            &format!("{what} S({t})"),
            &g["survival"][i],
            Some(km.survival[i]),
        );
        assert_close(
            &format!("{what} lower({t})"),
            &g["lower"][i],
            Some(km.ci_lower[i]),
        );
        assert_close(
            &format!("{what} upper({t})"),
            &g["upper"][i],
            Some(km.ci_upper[i]),
        );
    }
    assert_close(&format!("{what} median"), &g["median"], km.median());
    assert_close(
        &format!("{what} S(365)"),
        &g["s365"],
        Some(km.survival_at(365.0)),
    );
    for q in g["survival_at"].as_array().expect("survival_at") {
        let t = q[0].as_f64().expect("query time");
        assert_close(
            &format!("{what} survival_at({t})"),
            &q[1],
            Some(km.survival_at(t)),
        );
    }
}

#[test]
fn kaplan_meier_matches_lifelines() {
    let g = golden();
    let cases = g["survival"].as_array().expect("survival");
    assert!(cases.len() >= 10);
    for case in cases {
        for group in ["a", "b"] {
            check_km(&format!("{} group {group}", name(case)), &case[group]);
        }
    }
}

#[test]
fn logrank_matches_lifelines() {
    let g = golden();
    for case in g["survival"].as_array().expect("survival") {
        let name = name(case);
        let (a, b) = (&case["a"], &case["b"]);
        let lr = logrank(
            &floats(&a["t"]),
            &bools(&a["e"]),
            &floats(&b["t"]),
            &bools(&b["e"]),
        );
        let gl = &case["logrank"];
        assert_eq!(lr.is_none(), gl.is_null(), "{name}: {lr:?} vs golden {gl}");
        if let Some(lr) = lr {
            assert_close(&format!("{name} chi2"), &gl["chi2"], Some(lr.chi2));
            assert_close(&format!("{name} p"), &gl["p"], Some(lr.p));
        }
    }
}
