//! Two-sample and paired hypothesis tests on plain slices: Welch's t, the
//! paired t, Cohen's d, Mann–Whitney U and Kruskal–Wallis H, each making
//! the choices of the SciPy call its doc names.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal};

use super::{all_finite, mean, positive, sum, t_p_and_crit, variance};

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

/// Values this close (relative) are the same value: a survey composite is
/// a mean of answers on a 1–5 scale (7-point answers become sixths,
/// reverse-coded ones 6 − x), and two composites that are equal come out
/// one bit apart when their answers are summed in another order. Counted as
/// different values, they would break ties the data has and move the
/// Mann–Whitney and Kruskal–Wallis p-values with the summation order.
const TIE_TOLERANCE: f64 = 1e-12;

fn tied(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= TIE_TOLERANCE * a.abs().max(b.abs()).max(1.0)
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
        while end < order.len() && tied(values[order[end]], values[order[start]]) {
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
/// alternative="two-sided", method="asymptotic", use_continuity=True)`,
/// with values within `TIE_TOLERANCE` of each other counted as ties.
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

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KruskalWallis {
    /// H, tie-corrected.
    pub h: f64,
    pub df: usize,
    pub p: f64,
}

/// Kruskal–Wallis H test across groups, tie-corrected, as
/// `scipy.stats.kruskal(*groups)` (ties as in `mann_whitney_u`). `None`
/// with fewer than two groups, an
/// empty group, a non-finite value, or every value the same (SciPy refuses
/// that case).
pub fn kruskal_wallis(groups: &[&[f64]]) -> Option<KruskalWallis> {
    if groups.len() < 2 || groups.iter().any(|g| g.is_empty() || !all_finite(g)) {
        return None;
    }
    let pooled: Vec<f64> = groups.iter().flat_map(|g| g.iter().copied()).collect();
    let n = pooled.len() as f64;
    let (ranks, tie_term) = average_ranks(&pooled);
    let correction = 1.0 - tie_term / (n * n * n - n);
    if !positive(correction) {
        return None;
    }
    let mut start = 0;
    let mut ssbn = 0.0;
    for g in groups {
        let r = sum(&ranks[start..start + g.len()]);
        ssbn += r * r / g.len() as f64;
        start += g.len();
    }
    let h = (12.0 / (n * (n + 1.0)) * ssbn - 3.0 * (n + 1.0)) / correction;
    let df = groups.len() - 1;
    let p = ChiSquared::new(df as f64).ok()?.sf(h);
    Some(KruskalWallis { h, df, p })
}
