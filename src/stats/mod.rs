//! The statistics behind "is this real or noise?": Welch and paired t tests,
//! Mann–Whitney U, Cohen's d, Kaplan–Meier with exponential-Greenwood bands,
//! and the log-rank test — on plain `f64` slices.
//!
//! Every function makes the choice SciPy or lifelines makes, so an analyst
//! re-checking a number in a notebook gets the same answer to ~1e-9 (see
//! `tests/golden/`). Distributions come from `statrs`; nothing here hand-rolls
//! a special function. This module knows nothing of Polars, SQLite or files,
//! and returns `None` where SciPy would return `nan` (too few values, zero
//! variance), so callers can never print a meaningless number.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal, StudentsT};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    /// Sample standard deviation (ddof = 1); NaN when n < 2.
    pub sd: f64,
}

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

/// Sample variance (ddof = 1), two-pass for accuracy.
fn variance(x: &[f64], m: f64) -> f64 {
    if x.len() < 2 {
        return f64::NAN;
    }
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() - 1) as f64
}

pub fn summary(x: &[f64]) -> Option<Summary> {
    if x.is_empty() {
        return None;
    }
    let m = mean(x);
    Some(Summary {
        n: x.len(),
        mean: m,
        sd: variance(x, m).sqrt(),
    })
}

fn t_two_sided(t: f64, df: f64) -> Option<(f64, f64)> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let p = 2.0 * dist.sf(t.abs());
    let crit = dist.inverse_cdf(0.975);
    Some((p.min(1.0), crit))
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WelchTest {
    /// mean(after) − mean(before)
    pub diff: f64,
    pub t: f64,
    pub df: f64,
    pub p: f64,
    pub ci95: (f64, f64),
}

/// Welch's unequal-variance t test of `after` against `before`:
/// `scipy.stats.ttest_ind(after, before, equal_var=False)`, with the 95% CI
/// of the difference on the Welch–Satterthwaite degrees of freedom.
pub fn welch_t(before: &[f64], after: &[f64]) -> Option<WelchTest> {
    let (nb, na) = (before.len(), after.len());
    if nb < 2 || na < 2 {
        return None;
    }
    let (mb, ma) = (mean(before), mean(after));
    let (vb, va) = (
        variance(before, mb) / nb as f64,
        variance(after, ma) / na as f64,
    );
    let se2 = vb + va;
    if !(se2 > 0.0) {
        return None;
    }
    let se = se2.sqrt();
    let diff = ma - mb;
    let t = diff / se;
    let df = se2 * se2 / (vb * vb / (nb - 1) as f64 + va * va / (na - 1) as f64);
    let (p, crit) = t_two_sided(t, df)?;
    Some(WelchTest {
        diff,
        t,
        df,
        p,
        ci95: (diff - crit * se, diff + crit * se),
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedTest {
    pub n: usize,
    pub mean_diff: f64,
    pub t: f64,
    pub df: f64,
    pub p: f64,
    pub ci95: (f64, f64),
}

/// Paired t test on the differences (after − before):
/// `scipy.stats.ttest_rel` / `ttest_1samp(diffs, 0)`.
pub fn paired_t(diffs: &[f64]) -> Option<PairedTest> {
    let n = diffs.len();
    if n < 2 {
        return None;
    }
    let m = mean(diffs);
    let sd = variance(diffs, m).sqrt();
    if !(sd > 0.0) {
        return None;
    }
    let se = sd / (n as f64).sqrt();
    let t = m / se;
    let df = (n - 1) as f64;
    let (p, crit) = t_two_sided(t, df)?;
    Some(PairedTest {
        n,
        mean_diff: m,
        t,
        df,
        p,
        ci95: (m - crit * se, m + crit * se),
    })
}

/// Cohen's d: the difference of means over the pooled standard deviation
/// (weights n − 1).
pub fn cohens_d(before: &[f64], after: &[f64]) -> Option<f64> {
    let (nb, na) = (before.len(), after.len());
    if nb < 2 || na < 2 {
        return None;
    }
    let (mb, ma) = (mean(before), mean(after));
    let pooled = (((nb - 1) as f64 * variance(before, mb) + (na - 1) as f64 * variance(after, ma))
        / (nb + na - 2) as f64)
        .sqrt();
    (pooled > 0.0).then(|| (ma - mb) / pooled)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U of the first sample.
    pub u: f64,
    pub p: f64,
}

/// Average ranks (1-based) with ties sharing the mean rank, and Σ(t³ − t)
/// over tie groups.
fn ranks(values: &[f64]) -> (Vec<f64>, f64) {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut r = vec![0.0; values.len()];
    let mut ties = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i + 1;
        while j < idx.len() && values[idx[j]] == values[idx[i]] {
            j += 1;
        }
        let avg = (i + j + 1) as f64 / 2.0;
        for &k in &idx[i..j] {
            r[k] = avg;
        }
        let t = (j - i) as f64;
        ties += t * t * t - t;
        i = j;
    }
    (r, ties)
}

/// Two-sided Mann–Whitney U, normal approximation with tie and continuity
/// corrections: `scipy.stats.mannwhitneyu(x, y, alternative="two-sided",
/// method="asymptotic", use_continuity=True)`.
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> Option<MannWhitney> {
    let (n1, n2) = (x.len() as f64, y.len() as f64);
    if x.is_empty() || y.is_empty() {
        return None;
    }
    let all: Vec<f64> = x.iter().chain(y).copied().collect();
    let (r, ties) = ranks(&all);
    let r1: f64 = r[..x.len()].iter().sum();
    let u1 = r1 - n1 * (n1 + 1.0) / 2.0;
    let u2 = n1 * n2 - u1;
    let n = n1 + n2;
    let mu = n1 * n2 / 2.0;
    let s = (n1 * n2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)))).sqrt();
    if !(s > 0.0) {
        return None;
    }
    // SciPy: the larger U, minus 0.5 for continuity, doubled one-sided p.
    let z = (u1.max(u2) - mu - 0.5) / s;
    let normal = Normal::new(0.0, 1.0).ok()?;
    let p = (2.0 * normal.sf(z)).clamp(0.0, 1.0);
    Some(MannWhitney { u: u1, p })
}

/// A Kaplan–Meier estimate, one entry per distinct time (event or
/// censoring), ascending, like lifelines' event table.
#[derive(Debug, Clone, PartialEq)]
pub struct KaplanMeier {
    pub times: Vec<f64>,
    pub at_risk: Vec<usize>,
    pub events: Vec<usize>,
    pub censored: Vec<usize>,
    /// S just after each time.
    pub survival: Vec<f64>,
    /// 95% exponential-Greenwood (log(−log)) band, as lifelines computes it.
    pub ci_lower: Vec<f64>,
    pub ci_upper: Vec<f64>,
}

/// Distinct times with (events, censored) counts, ascending.
fn event_table(durations: &[f64], observed: &[bool]) -> Vec<(f64, usize, usize)> {
    let mut pairs: Vec<(f64, bool)> = durations
        .iter()
        .copied()
        .zip(observed.iter().copied())
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, usize, usize)> = Vec::new();
    for (t, e) in pairs {
        match out.last_mut() {
            Some(last) if last.0 == t => {
                if e {
                    last.1 += 1
                } else {
                    last.2 += 1
                }
            }
            _ => out.push((t, usize::from(e), usize::from(!e))),
        }
    }
    out
}

pub fn kaplan_meier(durations: &[f64], observed: &[bool]) -> Option<KaplanMeier> {
    if durations.is_empty() || durations.len() != observed.len() {
        return None;
    }
    let z = Normal::new(0.0, 1.0).ok()?.inverse_cdf(0.975);
    let table = event_table(durations, observed);
    let mut at_risk = durations.len();
    let mut s = 1.0f64;
    let mut greenwood = 0.0f64;
    let mut km = KaplanMeier {
        times: Vec::with_capacity(table.len()),
        at_risk: Vec::with_capacity(table.len()),
        events: Vec::with_capacity(table.len()),
        censored: Vec::with_capacity(table.len()),
        survival: Vec::with_capacity(table.len()),
        ci_lower: Vec::with_capacity(table.len()),
        ci_upper: Vec::with_capacity(table.len()),
    };
    for (t, d, c) in table {
        let n = at_risk as f64;
        let d_f = d as f64;
        s *= 1.0 - d_f / n;
        greenwood += d_f / (n * (n - d_f));
        // lifelines: v = log S; bounds exp(−exp(log(−v) ± z·√G / v)). Where
        // that is undefined it reports a band of 1..1 at S = 1 and 0..0 once
        // everyone has had the event.
        let v = s.ln();
        let band = |sign: f64| {
            if s == 0.0 {
                return 0.0;
            }
            let b = (-(((-v).ln()) + sign * z * greenwood.sqrt() / v).exp()).exp();
            if b.is_nan() {
                1.0
            } else {
                b
            }
        };
        km.times.push(t);
        km.at_risk.push(at_risk);
        km.events.push(d);
        km.censored.push(c);
        km.survival.push(s);
        km.ci_upper.push(band(1.0));
        km.ci_lower.push(band(-1.0));
        at_risk -= d + c;
    }
    Some(km)
}

impl KaplanMeier {
    pub fn n(&self) -> usize {
        self.at_risk.first().copied().unwrap_or(0)
    }

    pub fn n_events(&self) -> usize {
        self.events.iter().sum()
    }

    /// S(t) of the right-continuous step function: events at exactly `t`
    /// count (S(365) includes exits on day 365).
    pub fn survival_at(&self, t: f64) -> f64 {
        match self.times.iter().rposition(|&x| x <= t) {
            Some(i) => self.survival[i],
            None => 1.0,
        }
    }

    /// The smallest time with S(t) ≤ 0.5; `None` when the curve never gets
    /// there ("not reached", lifelines' `inf`). S is a product of fractions
    /// that is often exactly ½ in truth (31/62) but 0.5000000000000003 in
    /// floating point, so the comparison allows for rounding.
    pub fn median(&self) -> Option<f64> {
        self.times
            .iter()
            .zip(&self.survival)
            .find(|(_, s)| **s <= 0.5 + 1e-12)
            .map(|(t, _)| *t)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogRank {
    pub chi2: f64,
    pub p: f64,
}

/// Two-group log-rank test, χ² with 1 degree of freedom and hypergeometric
/// variance: `lifelines.statistics.logrank_test`.
pub fn logrank(
    durations_a: &[f64],
    observed_a: &[bool],
    durations_b: &[f64],
    observed_b: &[bool],
) -> Option<LogRank> {
    if durations_a.is_empty() || durations_b.is_empty() {
        return None;
    }
    let ta = event_table(durations_a, observed_a);
    let tb = event_table(durations_b, observed_b);
    let mut times: Vec<f64> = ta.iter().chain(&tb).map(|r| r.0).collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let (mut na, mut nb) = (durations_a.len() as f64, durations_b.len() as f64);
    let (mut ia, mut ib) = (0, 0);
    let (mut o_minus_e, mut var) = (0.0f64, 0.0f64);
    for t in times {
        let (da, ca) = match ta.get(ia) {
            Some(r) if r.0 == t => {
                ia += 1;
                (r.1 as f64, r.2 as f64)
            }
            _ => (0.0, 0.0),
        };
        let (db, cb) = match tb.get(ib) {
            Some(r) if r.0 == t => {
                ib += 1;
                (r.1 as f64, r.2 as f64)
            }
            _ => (0.0, 0.0),
        };
        let n = na + nb;
        let d = da + db;
        if d > 0.0 && n > 0.0 {
            o_minus_e += da - d * na / n;
            if n > 1.0 {
                var += d * (na / n) * (1.0 - na / n) * (n - d) / (n - 1.0);
            }
        }
        na -= da + ca;
        nb -= db + cb;
    }
    if !(var > 0.0) {
        return None;
    }
    let chi2 = o_minus_e * o_minus_e / var;
    let p = ChiSquared::new(1.0).ok()?.sf(chi2);
    Some(LogRank { chi2, p })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_variance_has_no_t_test() {
        assert!(welch_t(&[3.0, 3.0, 3.0], &[3.0, 3.0]).is_none());
        assert!(paired_t(&[0.5, 0.5, 0.5]).is_none());
        assert!(cohens_d(&[1.0, 1.0], &[1.0, 1.0]).is_none());
    }

    #[test]
    fn too_few_values_have_no_test() {
        assert!(welch_t(&[1.0], &[2.0, 3.0]).is_none());
        assert!(paired_t(&[1.0]).is_none());
        assert!(mann_whitney_u(&[], &[1.0]).is_none());
        assert!(summary(&[]).is_none());
        assert!(kaplan_meier(&[], &[]).is_none());
    }

    #[test]
    fn all_tied_mann_whitney_has_no_p() {
        assert!(mann_whitney_u(&[2.0, 2.0, 2.0], &[2.0, 2.0]).is_none());
    }

    #[test]
    fn everyone_censored_never_reaches_the_median() {
        let km = kaplan_meier(&[5.0, 10.0, 20.0], &[false, false, false]).unwrap();
        assert_eq!(km.median(), None);
        assert_eq!(km.survival_at(100.0), 1.0);
        assert_eq!(km.n(), 3);
        assert_eq!(km.n_events(), 0);
    }

    #[test]
    fn survival_step_includes_events_at_exactly_t() {
        let km = kaplan_meier(&[100.0, 365.0, 400.0, 500.0], &[true, true, false, true]).unwrap();
        assert_eq!(km.survival_at(364.0), 0.75);
        assert_eq!(km.survival_at(365.0), 0.5);
        assert_eq!(km.median(), Some(365.0));
    }

    fn close(name: &str, golden: &serde_json::Value, ours: Option<f64>) {
        match golden.as_f64() {
            None => assert!(
                ours.is_none() || ours.is_some_and(f64::is_nan),
                "{name}: golden null, ours {ours:?}"
            ),
            Some(g) => {
                let o = ours.unwrap_or_else(|| panic!("{name}: golden {g}, ours None"));
                let tol = (1e-9 * g.abs()).max(1e-12);
                assert!((g - o).abs() <= tol, "{name}: golden {g}, ours {o}");
            }
        }
    }

    fn floats(v: &serde_json::Value) -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    }

    fn bools(v: &serde_json::Value) -> Vec<bool> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_bool().unwrap())
            .collect()
    }

    /// Every value against SciPy / lifelines (tests/golden/golden_stats.py).
    #[test]
    fn matches_scipy_and_lifelines() {
        let g: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/golden/stats_golden.json")).unwrap();
        let mut checked = 0;
        for c in g["two_sample"].as_array().unwrap() {
            let name = c["name"].as_str().unwrap();
            let (b, a) = (floats(&c["before"]), floats(&c["after"]));
            let w = welch_t(&b, &a);
            close(&format!("{name} welch t"), &c["welch"]["t"], w.map(|w| w.t));
            close(
                &format!("{name} welch df"),
                &c["welch"]["df"],
                w.map(|w| w.df),
            );
            close(&format!("{name} welch p"), &c["welch"]["p"], w.map(|w| w.p));
            close(
                &format!("{name} welch lo"),
                &c["welch"]["ci"][0],
                w.map(|w| w.ci95.0),
            );
            close(
                &format!("{name} welch hi"),
                &c["welch"]["ci"][1],
                w.map(|w| w.ci95.1),
            );
            close(&format!("{name} d"), &c["cohens_d"], cohens_d(&b, &a));
            let m = mann_whitney_u(&b, &a);
            close(
                &format!("{name} U"),
                &c["mann_whitney"]["u"],
                m.map(|m| m.u),
            );
            close(
                &format!("{name} MWU p"),
                &c["mann_whitney"]["p"],
                m.map(|m| m.p),
            );
            checked += 8;
        }
        for c in g["paired"].as_array().unwrap() {
            let name = c["name"].as_str().unwrap();
            let t = paired_t(&floats(&c["diffs"]));
            close(&format!("{name} t"), &c["t"], t.map(|t| t.t));
            close(&format!("{name} df"), &c["df"], t.map(|t| t.df));
            close(&format!("{name} p"), &c["p"], t.map(|t| t.p));
            close(&format!("{name} lo"), &c["ci"][0], t.map(|t| t.ci95.0));
            close(&format!("{name} hi"), &c["ci"][1], t.map(|t| t.ci95.1));
            close(&format!("{name} mean"), &c["mean"], t.map(|t| t.mean_diff));
            checked += 6;
        }
        for c in g["survival"].as_array().unwrap() {
            let name = c["name"].as_str().unwrap();
            for key in ["a", "b"] {
                let s = &c[key];
                let km = kaplan_meier(&floats(&s["t"]), &bools(&s["e"])).unwrap();
                let times = floats(&s["times"]);
                assert_eq!(km.times, times, "{name} {key} times");
                for (i, t) in times.iter().enumerate() {
                    close(
                        &format!("{name} {key} S({t})"),
                        &s["survival"][i],
                        Some(km.survival[i]),
                    );
                    close(
                        &format!("{name} {key} lower({t})"),
                        &s["lower"][i],
                        Some(km.ci_lower[i]),
                    );
                    close(
                        &format!("{name} {key} upper({t})"),
                        &s["upper"][i],
                        Some(km.ci_upper[i]),
                    );
                    checked += 3;
                }
                close(&format!("{name} {key} median"), &s["median"], km.median());
                close(
                    &format!("{name} {key} S(365)"),
                    &s["s365"],
                    Some(km.survival_at(365.0)),
                );
                checked += 2;
            }
            let (a, b) = (&c["a"], &c["b"]);
            let lr = logrank(
                &floats(&a["t"]),
                &bools(&a["e"]),
                &floats(&b["t"]),
                &bools(&b["e"]),
            );
            close(
                &format!("{name} logrank chi2"),
                &c["logrank"]["chi2"],
                lr.map(|l| l.chi2),
            );
            close(
                &format!("{name} logrank p"),
                &c["logrank"]["p"],
                lr.map(|l| l.p),
            );
            checked += 2;
        }
        assert!(checked > 300, "{checked}");
    }

    #[test]
    fn median_is_reached_when_survival_is_exactly_one_half() {
        // 62 people, 31 events one by one: S = 31/62 after the 31st, which
        // floating point rounds to a hair above 0.5.
        let t: Vec<f64> = (1..=62).map(f64::from).collect();
        let e: Vec<bool> = (1..=62).map(|i| i <= 40).collect();
        let km = kaplan_meier(&t, &e).unwrap();
        assert_eq!(km.median(), Some(31.0));
    }

    #[test]
    fn logrank_without_events_is_undefined() {
        assert!(logrank(&[1.0, 2.0], &[false, false], &[3.0], &[false]).is_none());
    }
}
