//! Statistics on plain `f64` slices, one file per estimator family:
//! `hypothesis` (Welch and paired t, Cohen's d, Mann–Whitney U,
//! Kruskal–Wallis), `survival` (Kaplan–Meier with its 95% band, log-rank),
//! `cox` (stratified Cox proportional hazards, Efron ties, and its
//! proportional-hazards test), `regression` (OLS with HC3 and
//! cluster-robust errors), `multiple` (Holm), `power` (minimum detectable
//! effects), `distributions` (t and normal tails and quantiles). This module
//! owns the arithmetic only. It must not know about Polars, SQLite, files or
//! any other I/O, must not panic on data, and must not hand-roll special
//! functions (the t, normal and χ² distributions come from `statrs`, linear
//! algebra from `nalgebra`; only the t quantile is polished, see
//! `distributions`). Each function makes the same choices as the SciPy,
//! lifelines or statsmodels call named in its doc, so an analyst re-checking
//! a number in a notebook gets it to about 1e-9 (see `tests/golden/`).
//! Where a test is undefined — too few values, zero variance, no events, a
//! NaN or infinite input — the answer is `None` (or a failure with its
//! reason), never a NaN or an infinity that a report could print as if it
//! meant something.

// `!(x > y)` is how these modules say "not a positive, finite comparison",
// NaN included, on purpose; and index loops follow the formulas' subscripts.
#![allow(clippy::neg_cmp_op_on_partial_ord, clippy::needless_range_loop)]

mod cox;
mod distributions;
mod hypothesis;
mod multiple;
mod power;
mod regression;
mod survival;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_m6;

pub use cox::{cox_ph_stratified, CoxFailure, CoxFit, Z_975};
pub(crate) use distributions::t_p_and_crit;
pub use distributions::{normal_two_sided_p, t_crit95};
pub use hypothesis::{
    cohens_d, kruskal_wallis, mann_whitney_u, paired_t, welch_t, KruskalWallis, MannWhitney,
    PairedTest, WelchTest,
};
pub use multiple::holm;
pub use power::{mde_hazard_ratio, mde_two_means, Z_80};
pub use regression::{ols, Estimate, OlsFailure, OlsFit, RobustCovariance};
pub use survival::{kaplan_meier, logrank, KaplanMeier, LogRank};

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
pub(crate) fn sum(x: &[f64]) -> f64 {
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

pub(crate) fn mean(x: &[f64]) -> f64 {
    sum(x) / x.len() as f64
}

/// Two-pass sample variance (ddof = 1), as numpy computes it; the one-pass
/// Σx² − n·mean² formula cancels catastrophically on offset data.
pub(crate) fn variance(x: &[f64], mean: f64) -> f64 {
    if x.len() < 2 {
        return f64::NAN;
    }
    let squares: Vec<f64> = x.iter().map(|v| (v - mean) * (v - mean)).collect();
    sum(&squares) / (x.len() - 1) as f64
}

/// `x > 0` that is false for NaN too: a NaN variance means "undefined",
/// the same as a zero one.
pub(crate) fn positive(x: f64) -> bool {
    x > 0.0
}

pub(crate) fn all_finite(x: &[f64]) -> bool {
    x.iter().all(|v| v.is_finite())
}
