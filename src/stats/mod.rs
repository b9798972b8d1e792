//! Statistics on plain `f64` slices: summaries, Welch and paired t tests,
//! Cohen's d, Mann–Whitney U, Kaplan–Meier with its 95% band, and the
//! log-rank test. This module owns the arithmetic only. It must not know
//! about Polars, SQLite, files or any other I/O, must not panic on data, and
//! must not hand-roll special functions (the t, normal and χ² distributions
//! come from `statrs`; only its t quantile is polished, see `t_quantile`).
//! Each function makes the same choices as the SciPy or lifelines call named
//! in its doc, so an analyst re-checking a number in a notebook gets it to
//! about 1e-9 (see `tests/golden/golden_stats.py`). Where
//! a test is undefined — too few values, zero variance, no events, a NaN or
//! infinite input — the answer is `None`, never a NaN or an infinity that a
//! report could print as if it meant something.

use std::iter::Peekable;
use std::slice;

use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    /// Sample standard deviation (ddof = 1); NaN when n < 2.
    pub sd: f64,
}

/// Descriptive only, so a NaN in the data shows up as a NaN mean (as in
/// numpy) rather than hiding the group; `None` only when there is no data.
pub fn summary(x: &[f64]) -> Option<Summary> {
    if x.is_empty() {
        return None;
    }
    let mean = mean(x);
    Some(Summary {
        n: x.len(),
        mean,
        sd: variance(x, mean).sqrt(),
    })
}

/// Compensated (Neumaier) sum: on values sharing a large common offset a
/// plain running sum loses the low digits that a difference of two means is
/// made of.
fn sum(x: &[f64]) -> f64 {
    let mut s = 0.0f64;
    let mut c = 0.0f64;
    for &v in x {
        let t = s + v;
        c += if s.abs() >= v.abs() {
            (s - t) + v
        } else {
            (v - t) + s
        };
        s = t;
    }
    s + c
}

fn mean(x: &[f64]) -> f64 {
    sum(x) / x.len() as f64
}

/// Two-pass sample variance (ddof = 1), as numpy computes it; the one-pass
/// Σx² − n·mean² formula cancels catastrophically on offset data.
fn variance(x: &[f64], mean: f64) -> f64 {
    if x.len() < 2 {
        return f64::NAN;
    }
    let squares: Vec<f64> = x.iter().map(|v| (v - mean) * (v - mean)).collect();
    sum(&squares) / (x.len() - 1) as f64
}

/// `x > 0` that is false for NaN too: a NaN variance means "undefined",
/// the same as a zero one.
fn positive(x: f64) -> bool {
    x > 0.0
}

fn all_finite(x: &[f64]) -> bool {
    x.iter().all(|v| v.is_finite())
}

/// Two-sided p and the 97.5% quantile of Student's t with `df` degrees of
/// freedom (non-integer for Welch).
fn t_p_and_crit(t: f64, df: f64) -> Option<(f64, f64)> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let p = (2.0 * dist.sf(t.abs())).min(1.0);
    Some((p, t_quantile(&dist, 0.975)))
}

/// The 97.5% quantile of Student's t with `df` degrees of freedom, for a
/// 95% confidence interval; `None` when `df` is not a positive number.
pub fn t_crit95(df: f64) -> Option<f64> {
    StudentsT::new(0.0, 1.0, df)
        .ok()
        .map(|dist| t_quantile(&dist, 0.975))
}

/// `statrs`' t quantile drifts at large degrees of freedom (1e-7 relative
/// at 200,000, 1e-4 at ten million, against SciPy) because its incomplete
/// beta loses digits there. From 1,000 degrees of freedom on, the
/// Cornish–Fisher expansion of t around the normal quantile (Abramowitz &
/// Stegun 26.7.5, four terms) is used instead, its error being of order
/// df⁻⁵; below that, two Newton steps on `statrs`' upper tail and
/// density polish its quantile. Either way the result is within 1e-10
/// (relative) of `scipy.stats.t.ppf`.
fn t_quantile(dist: &StudentsT, p: f64) -> f64 {
    let df = dist.freedom();
    if df >= 1000.0 {
        if let Ok(normal) = Normal::new(0.0, 1.0) {
            let z = normal.inverse_cdf(p);
            let z2 = z * z;
            let g1 = (z2 + 1.0) * z / 4.0;
            let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
            let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
            let g4 =
                ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
            return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
        }
    }
    let mut x = dist.inverse_cdf(p);
    for _ in 0..2 {
        let density = dist.pdf(x);
        if !(density.is_finite() && density > 0.0) {
            break;
        }
        // Upper tail: sf(x) near 0.025 keeps more digits than cdf near 0.975.
        let next = x + (dist.sf(x) - (1.0 - p)) / density;
        if !next.is_finite() {
            break;
        }
        x = next;
    }
    x
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WelchTest {
    /// mean(after) − mean(before).
    pub diff: f64,
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// Two-sided.
    pub p: f64,
    /// 95% confidence interval of `diff`.
    pub ci95: (f64, f64),
}

/// Welch's unequal-variance t test of `after` against `before`, as
/// `scipy.stats.ttest_ind(after, before, equal_var=False)` with its
/// `confidence_interval()`. `None` when either side has fewer than two
/// values or the standard error is 0 (SciPy answers nan, or ±inf with
/// p = 0 when both sides are constant but different).
pub fn welch_t(before: &[f64], after: &[f64]) -> Option<WelchTest> {
    let (nb, na) = (before.len(), after.len());
    if nb < 2 || na < 2 || !all_finite(before) || !all_finite(after) {
        return None;
    }
    let (mb, ma) = (mean(before), mean(after));
    let vb = variance(before, mb) / nb as f64;
    let va = variance(after, ma) / na as f64;
    let se2 = vb + va;
    if !positive(se2) {
        return None;
    }
    let se = se2.sqrt();
    let diff = ma - mb;
    let t = diff / se;
    let df = se2 * se2 / (vb * vb / (nb - 1) as f64 + va * va / (na - 1) as f64);
    let (p, crit) = t_p_and_crit(t, df)?;
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
    /// Two-sided.
    pub p: f64,
    /// 95% confidence interval of `mean_diff`.
    pub ci95: (f64, f64),
}

/// Paired t test on `diffs` = after − before, as `scipy.stats.ttest_rel`
/// (equivalently `ttest_1samp(diffs, 0)`). `None` when n < 2 or every
/// difference is the same (sd = 0: SciPy answers nan or ±inf).
pub fn paired_t(diffs: &[f64]) -> Option<PairedTest> {
    let n = diffs.len();
    if n < 2 || !all_finite(diffs) {
        return None;
    }
    let m = mean(diffs);
    let sd = variance(diffs, m).sqrt();
    if !positive(sd) {
        return None;
    }
    let se = sd / (n as f64).sqrt();
    let t = m / se;
    let df = (n - 1) as f64;
    let (p, crit) = t_p_and_crit(t, df)?;
    Some(PairedTest {
        n,
        mean_diff: m,
        t,
        df,
        p,
        ci95: (m - crit * se, m + crit * se),
    })
}

/// (mean(after) − mean(before)) / pooled sd, pooled with weights n − 1.
/// `None` when either side has fewer than two values or the pooled sd is 0.
pub fn cohens_d(before: &[f64], after: &[f64]) -> Option<f64> {
    let (nb, na) = (before.len(), after.len());
    if nb < 2 || na < 2 || !all_finite(before) || !all_finite(after) {
        return None;
    }
    let (mb, ma) = (mean(before), mean(after));
    let pooled_var = ((nb - 1) as f64 * variance(before, mb)
        + (na - 1) as f64 * variance(after, ma))
        / (nb + na - 2) as f64;
    let pooled = pooled_var.sqrt();
    positive(pooled).then(|| (ma - mb) / pooled)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U of the first sample (SciPy's `statistic`).
    pub u: f64,
    /// Two-sided.
    pub p: f64,
}

/// Average 1-based ranks of `values` (ties share their mean rank) and the
/// tie term Σ(t³ − t) over groups of equal values.
fn average_ranks(values: &[f64]) -> (Vec<f64>, f64) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut tie_term = 0.0;
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1..=end; their mean:
        let rank = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        let t = (end - start) as f64;
        tie_term += t * t * t - t;
        start = end;
    }
    (ranks, tie_term)
}

/// Two-sided Mann–Whitney U by the normal approximation with tie and
/// continuity corrections, exactly `scipy.stats.mannwhitneyu(x, y,
/// alternative="two-sided", method="asymptotic", use_continuity=True)`.
/// `None` when either side is empty, and when every value is the same: the
/// tie-corrected variance is then 0 and the approximation is undefined
/// (SciPy divides by zero and clips the result to p = 1.0).
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> Option<MannWhitney> {
    if x.is_empty() || y.is_empty() || !all_finite(x) || !all_finite(y) {
        return None;
    }
    let (n1, n2) = (x.len() as f64, y.len() as f64);
    let pooled: Vec<f64> = x.iter().chain(y).copied().collect();
    let (ranks, tie_term) = average_ranks(&pooled);
    let r1 = sum(&ranks[..x.len()]);
    let u1 = r1 - n1 * (n1 + 1.0) / 2.0;
    let u2 = n1 * n2 - u1;
    let n = n1 + n2;
    let sd = (n1 * n2 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)))).sqrt();
    if !positive(sd) {
        return None;
    }
    // SciPy takes the larger U and always subtracts the 0.5, then doubles
    // the upper tail; at U = n1·n2/2 that exceeds 1 and is clipped.
    let z = (u1.max(u2) - n1 * n2 / 2.0 - 0.5) / sd;
    let normal = Normal::new(0.0, 1.0).ok()?;
    let p = (2.0 * normal.sf(z)).clamp(0.0, 1.0);
    Some(MannWhitney { u: u1, p })
}

/// A Kaplan–Meier estimate: one entry per distinct time at which someone
/// had the event or was censored, ascending, like lifelines' `event_table`
/// without its leading row at time 0 where nobody leaves.
#[derive(Debug, Clone, PartialEq)]
pub struct KaplanMeier {
    pub times: Vec<f64>,
    /// At risk just before each time (lifelines counts those censored at a
    /// time as still at risk at it).
    pub at_risk: Vec<usize>,
    pub events: Vec<usize>,
    pub censored: Vec<usize>,
    /// S just after each time.
    pub survival: Vec<f64>,
    /// 95% exponential-Greenwood (log(−log)) band, as lifelines'
    /// `confidence_interval_`: 1..1 while S = 1 and 0..0 once S = 0.
    pub ci_lower: Vec<f64>,
    pub ci_upper: Vec<f64>,
}

/// (time, events, censored).
type EventRow = (f64, usize, usize);

/// Distinct times, ascending, with their (events, censored) counts; `None`
/// for a NaN or infinite duration, which has no place on a time axis.
fn event_table(durations: &[f64], observed: &[bool]) -> Option<Vec<EventRow>> {
    if !all_finite(durations) {
        return None;
    }
    let mut pairs: Vec<(f64, bool)> = durations
        .iter()
        .copied()
        .zip(observed.iter().copied())
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut table: Vec<EventRow> = Vec::new();
    for (t, event) in pairs {
        // -0.0 and 0.0 sort apart under total_cmp but are one time.
        match table.last_mut() {
            Some(row) if row.0 == t => {
                if event {
                    row.1 += 1;
                } else {
                    row.2 += 1;
                }
            }
            _ => table.push((t, usize::from(event), usize::from(!event))),
        }
    }
    Some(table)
}

/// lifelines' exponential Greenwood band at one time. It computes
/// exp(−exp(log(−log S) ± z·√G / log S)) and replaces the NaN that gives at
/// S = 1 (0/0) by 1; at S = 0 the formula itself goes to exp(−∞) = 0 for
/// both bounds, because lifelines drops the infinite d/(n(n−d)) term of the
/// step that empties the risk set.
fn greenwood_band(s: f64, greenwood: f64, z: f64) -> (f64, f64) {
    if s <= 0.0 {
        return (0.0, 0.0);
    }
    let v = s.ln();
    if !positive(-v) || !positive(greenwood) {
        return (1.0, 1.0);
    }
    let spread = z * greenwood.sqrt() / v;
    let bound = |e: f64| (-(e.exp())).exp();
    let log_neg_v = (-v).ln();
    (bound(log_neg_v - spread), bound(log_neg_v + spread))
}

/// Kaplan–Meier estimate with lifelines' 95% band, as
/// `lifelines.KaplanMeierFitter().fit(durations, observed)`. `None` when
/// empty, when the two slices differ in length, or for a non-finite
/// duration.
pub fn kaplan_meier(durations: &[f64], observed: &[bool]) -> Option<KaplanMeier> {
    if durations.is_empty() || durations.len() != observed.len() {
        return None;
    }
    let table = event_table(durations, observed)?;
    let z = Normal::new(0.0, 1.0).ok()?.inverse_cdf(0.975);
    let rows = table.len();
    let mut km = KaplanMeier {
        times: Vec::with_capacity(rows),
        at_risk: Vec::with_capacity(rows),
        events: Vec::with_capacity(rows),
        censored: Vec::with_capacity(rows),
        survival: Vec::with_capacity(rows),
        ci_lower: Vec::with_capacity(rows),
        ci_upper: Vec::with_capacity(rows),
    };
    let mut at_risk = durations.len();
    let mut s = 1.0f64;
    let mut greenwood = 0.0f64;
    for (t, d, c) in table {
        let (n, d_f) = (at_risk as f64, d as f64);
        s *= (n - d_f) / n;
        if d > 0 && d < at_risk {
            greenwood += d_f / (n * (n - d_f));
        }
        let (lower, upper) = greenwood_band(s, greenwood, z);
        km.times.push(t);
        km.at_risk.push(at_risk);
        km.events.push(d);
        km.censored.push(c);
        km.survival.push(s);
        km.ci_lower.push(lower);
        km.ci_upper.push(upper);
        at_risk = at_risk.saturating_sub(d + c);
    }
    Some(km)
}

impl KaplanMeier {
    /// Everyone who entered: those at risk at the first time.
    pub fn n(&self) -> usize {
        self.at_risk.first().copied().unwrap_or(0)
    }

    pub fn n_events(&self) -> usize {
        self.events.iter().sum()
    }

    /// S(t) of the right-continuous step function, so events at exactly `t`
    /// count (S(365) includes exits on day 365); 1.0 before the first time,
    /// NaN for a NaN `t`.
    pub fn survival_at(&self, t: f64) -> f64 {
        if t.is_nan() {
            return f64::NAN;
        }
        match self.times.partition_point(|&x| x <= t) {
            0 => 1.0,
            i => self.survival[i - 1],
        }
    }

    /// The smallest time with S(t) ≤ 0.5, or `None` when the curve never
    /// gets there (lifelines' `median_survival_time_` = inf). S is a product
    /// of fractions that is often exactly ½ in truth (31/62) yet lands an ulp
    /// or two above it in floating point; each factor adds at most one
    /// rounding, so a slack of one epsilon per step keeps that case reached
    /// without admitting any S genuinely above ½ seen in practice.
    pub fn median(&self) -> Option<f64> {
        self.times
            .iter()
            .zip(&self.survival)
            .enumerate()
            .find(|(step, (_, s))| **s <= 0.5 + f64::EPSILON * (*step + 1) as f64)
            .map(|(_, (t, _))| *t)
    }
}

/// (events, censored) of the next row if it is at time `t`, else none of
/// either: a time missing from one group's table is a time nobody in that
/// group left.
fn take_row_at(rows: &mut Peekable<slice::Iter<'_, EventRow>>, t: f64) -> (f64, f64) {
    match rows.next_if(|r| r.0 == t) {
        Some(&(_, d, c)) => (d as f64, c as f64),
        None => (0.0, 0.0),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogRank {
    /// χ² with 1 degree of freedom.
    pub chi2: f64,
    pub p: f64,
}

/// Two-group log-rank test with the hypergeometric variance, exactly
/// `lifelines.statistics.logrank_test(durations_a, durations_b,
/// observed_a, observed_b)`. `None` when either group is empty, a group's
/// slices differ in length, a duration is not finite, or the variance is 0
/// (no events at all, or every event empties the risk set) — lifelines
/// reports χ² = 0, p = 1 there, which reads as evidence of no difference
/// when there is no evidence at all.
pub fn logrank(
    durations_a: &[f64],
    observed_a: &[bool],
    durations_b: &[f64],
    observed_b: &[bool],
) -> Option<LogRank> {
    if durations_a.is_empty()
        || durations_b.is_empty()
        || durations_a.len() != observed_a.len()
        || durations_b.len() != observed_b.len()
    {
        return None;
    }
    let table_a = event_table(durations_a, observed_a)?;
    let table_b = event_table(durations_b, observed_b)?;
    let (mut rows_a, mut rows_b) = (table_a.iter().peekable(), table_b.iter().peekable());
    let (mut at_risk_a, mut at_risk_b) = (durations_a.len() as f64, durations_b.len() as f64);
    let (mut observed_minus_expected, mut var) = (0.0f64, 0.0f64);
    loop {
        // Walk both tables in time order; a time missing from one group
        // contributes no events or censorings there.
        let t = match (rows_a.peek(), rows_b.peek()) {
            (Some(a), Some(b)) => a.0.min(b.0),
            (Some(a), None) => a.0,
            (None, Some(b)) => b.0,
            (None, None) => break,
        };
        let (d_a, c_a) = take_row_at(&mut rows_a, t);
        let (d_b, c_b) = take_row_at(&mut rows_b, t);
        let n = at_risk_a + at_risk_b;
        let d = d_a + d_b;
        if d > 0.0 {
            observed_minus_expected += d_a - d * at_risk_a / n;
            // With one subject left the (n − d)/(n − 1) factor is 0/0; its
            // term is 0 anyway because one group has nobody at risk.
            if n > 1.0 {
                var += d * (at_risk_a / n) * (at_risk_b / n) * (n - d) / (n - 1.0);
            }
        }
        at_risk_a -= d_a + c_a;
        at_risk_b -= d_b + c_b;
    }
    if !positive(var) {
        return None;
    }
    let chi2 = observed_minus_expected * observed_minus_expected / var;
    let p = ChiSquared::new(1.0).ok()?.sf(chi2);
    Some(LogRank { chi2, p })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    // ---- behaviour at the edges -------------------------------------------

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
        let km = kaplan_meier(&[100.0, 365.0, 400.0, 500.0], &[true, true, false, true])
            .expect("defined");
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
}
