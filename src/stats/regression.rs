//! Ordinary least squares with heteroskedasticity-robust (HC3) and
//! cluster-robust standard errors — the regression-adjusted survey
//! difference and the interrupted time series of team delivery (M6).
//!
//! It makes statsmodels' choices, so `sm.OLS(y, X).fit(cov_type="HC3")` and
//! `fit(cov_type="cluster", cov_kwds={"groups": g})` give the same numbers:
//! HC3 weights each squared residual by 1/(1 − hᵢ)²; the cluster sandwich
//! sums the scores within each cluster and scales by G/(G − 1) ·
//! (n − 1)/(n − p); intervals and p-values come from the normal
//! distribution. The design is solved through a Cholesky factorisation of
//! X'X (nalgebra) after an SVD check that no column is a combination of
//! the others; such a design gets a reason, never a number.

use nalgebra::{DMatrix, DVector};

use super::cox::Z_975;
use super::distributions::normal_two_sided_p;

/// How the coefficients' covariance is estimated.
#[derive(Debug, Clone, Copy)]
pub enum RobustCovariance<'a> {
    /// MacKinnon–White HC3.
    Hc3,
    /// Clustered by the group number of each row (statsmodels'
    /// `cov_type="cluster"` with its default small-sample correction).
    Cluster(&'a [u32]),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OlsFit {
    pub n: usize,
    pub coefficients: Vec<f64>,
    /// Robust standard errors, one per coefficient.
    pub se: Vec<f64>,
    /// Clusters seen (0 for HC3).
    pub clusters: usize,
}

/// One coefficient with its normal-theory interval and p.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub estimate: f64,
    pub se: f64,
    pub ci95: (f64, f64),
    pub p: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OlsFailure {
    BadInput,
    /// Fewer rows than coefficients, or a column that is a combination of
    /// the others (e.g. a team with only one level).
    Collinear,
    /// HC3 is undefined when a row has leverage 1 (it alone decides a
    /// coefficient).
    LeverageOne,
    /// The cluster sandwich needs at least two clusters.
    OneCluster,
    /// The model fits every value exactly (e.g. everyone gave the same
    /// answer): there is no variation left to judge the estimate by.
    PerfectFit,
}

impl OlsFailure {
    pub fn reason(self) -> &'static str {
        match self {
            OlsFailure::BadInput => "there is no data to fit",
            OlsFailure::Collinear => {
                "team and level explain each other in this data (for example a team with a single level), so their effects cannot be separated"
            }
            OlsFailure::LeverageOne => {
                "a single response decides one of the adjustments on its own, so a robust error cannot be computed"
            }
            OlsFailure::OneCluster => {
                "only one team has delivery data, so a trend change cannot be told apart from that team's own ups and downs"
            }
            OlsFailure::PerfectFit => {
                "the answers do not vary once level and team are taken into account, so there is nothing to test"
            }
        }
    }
}

impl OlsFit {
    pub fn estimate(&self, j: usize) -> Option<Estimate> {
        let (b, se) = (*self.coefficients.get(j)?, *self.se.get(j)?);
        if !(se.is_finite() && se > 0.0) {
            return None;
        }
        Some(Estimate {
            estimate: b,
            se,
            ci95: (b - Z_975 * se, b + Z_975 * se),
            p: normal_two_sided_p(b / se)?,
        })
    }
}

/// Least squares of `y` on the `p` columns of `x` (row-major, n × p; put a
/// column of ones in it for an intercept).
pub fn ols(
    y: &[f64],
    x: &[f64],
    p: usize,
    cov: RobustCovariance<'_>,
) -> Result<OlsFit, OlsFailure> {
    let n = y.len();
    if p == 0
        || x.len() != n * p
        || !y.iter().chain(x).all(|v| v.is_finite())
        || matches!(cov, RobustCovariance::Cluster(g) if g.len() != n)
    {
        return Err(OlsFailure::BadInput);
    }
    if n <= p {
        return Err(OlsFailure::Collinear);
    }
    let row = |i: usize| &x[i * p..(i + 1) * p];
    // The designs here are mostly dummy columns (a level, a team), so a row
    // has a handful of non-zero entries among dozens: every per-row sum
    // below runs over those alone, which keeps the fit linear in n rather
    // than n·p² (a zero term adds nothing to a sum, so the values are the
    // same).
    let mut nz: Vec<usize> = Vec::with_capacity(p);
    let nonzero = |i: usize, nz: &mut Vec<usize>| {
        nz.clear();
        nz.extend(
            row(i)
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0.0)
                .map(|(a, _)| a),
        );
    };
    let mut lower = vec![0.0f64; p * p];
    let mut xty = DVector::<f64>::zeros(p);
    for i in 0..n {
        let r = row(i);
        nonzero(i, &mut nz);
        for (ai, &a) in nz.iter().enumerate() {
            xty[a] += r[a] * y[i];
            for &b in &nz[..=ai] {
                lower[a * p + b] += r[a] * r[b];
            }
        }
    }
    let mut xtx = DMatrix::<f64>::zeros(p, p);
    for a in 0..p {
        for b in 0..=a {
            xtx[(a, b)] = lower[a * p + b];
            xtx[(b, a)] = lower[a * p + b];
        }
    }
    // Rank check on the scaled cross-product: a column that is a
    // combination of others leaves a singular value near zero.
    let scale: Vec<f64> = (0..p)
        .map(|a| xtx[(a, a)].sqrt().max(f64::MIN_POSITIVE))
        .collect();
    let scaled = DMatrix::from_fn(p, p, |a, b| xtx[(a, b)] / (scale[a] * scale[b]));
    let sv = scaled.singular_values();
    let (smax, smin) = sv.iter().fold((0.0f64, f64::INFINITY), |(hi, lo), s| {
        (hi.max(*s), lo.min(*s))
    });
    if !(smin > 1e-10 * smax) {
        return Err(OlsFailure::Collinear);
    }
    let chol = xtx.clone().cholesky().ok_or(OlsFailure::Collinear)?;
    let bread = chol.inverse();
    let beta = chol.solve(&xty);
    let residual = |i: usize| {
        y[i] - row(i)
            .iter()
            .zip(beta.iter())
            .map(|(a, b)| a * b)
            .sum::<f64>()
    };
    let rss: f64 = (0..n).map(|i| residual(i).powi(2)).sum();
    let scale: f64 = y.iter().map(|v| v * v).sum::<f64>().max(1.0);
    if rss <= 1e-20 * scale {
        return Err(OlsFailure::PerfectFit);
    }

    let mut meat = DMatrix::<f64>::zeros(p, p);
    let mut clusters = 0;
    match cov {
        RobustCovariance::Hc3 => {
            let mut acc = vec![0.0f64; p * p];
            for i in 0..n {
                let r = row(i);
                nonzero(i, &mut nz);
                // hᵢ = rᵢ' (X'X)⁻¹ rᵢ over the row's non-zero entries.
                let h: f64 = nz
                    .iter()
                    .map(|&b| nz.iter().map(|&a| r[a] * bread[(a, b)]).sum::<f64>() * r[b])
                    .sum();
                if !(1.0 - h > 1e-10) {
                    return Err(OlsFailure::LeverageOne);
                }
                let e = residual(i);
                let w = e * e / ((1.0 - h) * (1.0 - h));
                for (ai, &a) in nz.iter().enumerate() {
                    for &b in &nz[..=ai] {
                        acc[a * p + b] += w * r[a] * r[b];
                    }
                }
            }
            for a in 0..p {
                for b in 0..=a {
                    meat[(a, b)] = acc[a * p + b];
                    meat[(b, a)] = acc[a * p + b];
                }
            }
        }
        RobustCovariance::Cluster(groups) => {
            let mut ids: Vec<u32> = groups.to_vec();
            ids.sort_unstable();
            ids.dedup();
            clusters = ids.len();
            if clusters < 2 {
                return Err(OlsFailure::OneCluster);
            }
            let mut scores = vec![DVector::<f64>::zeros(p); clusters];
            for i in 0..n {
                let g = ids
                    .binary_search(&groups[i])
                    .map_err(|_| OlsFailure::BadInput)?;
                let e = residual(i);
                for (a, v) in row(i).iter().enumerate() {
                    scores[g][a] += v * e;
                }
            }
            for u in &scores {
                meat += u * u.transpose();
            }
            let g = clusters as f64;
            meat *= g / (g - 1.0) * ((n - 1) as f64 / (n - p) as f64);
        }
    }
    let covariance = &bread * meat * &bread;
    Ok(OlsFit {
        n,
        coefficients: beta.iter().copied().collect(),
        se: (0..p).map(|j| covariance[(j, j)].max(0.0).sqrt()).collect(),
        clusters,
    })
}
