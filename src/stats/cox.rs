//! Cox proportional hazards with one covariate, stratified, with Efron's
//! method for tied times — the adjusted ramp-up and retention comparisons
//! (M6) — and the proportional-hazards test on its scaled Schoenfeld
//! residuals.
//!
//! It makes lifelines' choices, so `CoxPHFitter().fit(df, strata=[…])`
//! followed by `proportional_hazard_test(…, time_transform="rank")` gives
//! the same numbers: rows are ordered by stratum, then time, then event
//! (a stable sort, so the caller's order breaks the remaining ties, as the
//! order of the data frame does in lifelines); the "rank" time transform is
//! the running count of events in that order. Newton–Raphson runs from
//! β = 0 with step halving until |Δβ| < 1e-10.
//!
//! A fit that cannot be made says why instead of returning a number:
//! nothing to compare (no stratum with both groups at risk at an event),
//! perfect separation (the likelihood keeps rising as β grows), or no
//! convergence.

use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::distributions::normal_two_sided_p;
use super::{all_finite, positive};

/// The 97.5% quantile of the standard normal, as METRICS.md writes it.
pub const Z_975: f64 = 1.959_963_984_540_054;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoxFit {
    /// Log hazard ratio of x = 1 against x = 0.
    pub beta: f64,
    pub se: f64,
    pub hazard_ratio: f64,
    /// Wald 95% interval of the hazard ratio.
    pub ci95: (f64, f64),
    /// Wald two-sided p.
    pub p: f64,
    pub n: usize,
    pub events: usize,
    /// Strata that hold information: both values of x at risk at an event.
    pub strata_used: usize,
    pub strata: usize,
    /// Proportional-hazards test of x (rank transform); `None` with fewer
    /// than two events.
    pub ph_test_p: Option<f64>,
    pub iterations: usize,
}

/// Why no hazard ratio could be estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoxFailure {
    /// Slices of different lengths, no rows, or a time that is not finite.
    BadInput,
    /// No stratum has both groups at risk when an event happens.
    NoInformation,
    /// One group has every event before the other is at risk of one (or
    /// none at all): the estimate runs off to infinity.
    Separation,
    NotConverged,
}

impl CoxFailure {
    /// In words, for the `reason` of a `null` result.
    pub fn reason(self) -> &'static str {
        match self {
            CoxFailure::BadInput => "there are no people to compare",
            CoxFailure::NoInformation => {
                "no team and level has both mentored and other people with an event, so nobody can be compared like for like"
            }
            CoxFailure::Separation => {
                "within every team and level one group has all the events, so the hazard ratio is not finite (perfect separation)"
            }
            CoxFailure::NotConverged => "the model did not converge",
        }
    }
}

/// One stratum's rows in time order, grouped by distinct time.
struct Stratum {
    /// (x, is_event) in ascending time, then non-events before events.
    rows: Vec<(f64, bool)>,
    /// Start index in `rows` of each distinct time, plus `rows.len()`.
    time_starts: Vec<usize>,
}

/// Sums over one time's risk set and tied events, for one value of β.
#[derive(Default, Clone, Copy)]
struct Evaluation {
    loglik: f64,
    score: f64,
    information: f64,
}

/// The partial log-likelihood, score and information at `beta`, summing
/// strata; with `residuals`, also each event's Schoenfeld residual in row
/// order (stratum, time, event).
fn evaluate(strata: &[Stratum], beta: f64, mut residuals: Option<&mut Vec<f64>>) -> Evaluation {
    let mut ev = Evaluation::default();
    for s in strata {
        let (mut s0, mut s1, mut s2) = (0.0f64, 0.0f64, 0.0f64);
        // Residuals of this stratum are found last time first; keep them
        // per time and put them in order at the end.
        let mut stratum_residuals: Vec<Vec<f64>> = Vec::new();
        for w in (0..s.time_starts.len()).rev() {
            let lo = s.time_starts[w];
            let hi = s.time_starts.get(w + 1).copied().unwrap_or(s.rows.len());
            let (mut d0, mut d1, mut d2, mut sum_x, mut d) = (0.0, 0.0, 0.0, 0.0, 0usize);
            for &(x, is_event) in &s.rows[lo..hi] {
                let r = (beta * x).exp();
                s0 += r;
                s1 += r * x;
                s2 += r * x * x;
                if is_event {
                    d0 += r;
                    d1 += r * x;
                    d2 += r * x * x;
                    sum_x += x;
                    d += 1;
                }
            }
            if d == 0 {
                stratum_residuals.push(Vec::new());
                continue;
            }
            let df = d as f64;
            ev.loglik += beta * sum_x;
            ev.score += sum_x;
            let mut weighted_mean = 0.0;
            for l in 0..d {
                let f = l as f64 / df;
                let a0 = s0 - f * d0;
                let a1 = s1 - f * d1;
                let a2 = s2 - f * d2;
                let m = a1 / a0;
                ev.loglik -= a0.ln();
                ev.score -= m;
                ev.information += a2 / a0 - m * m;
                weighted_mean += m / df;
            }
            if residuals.is_some() {
                stratum_residuals.push(
                    s.rows[lo..hi]
                        .iter()
                        .filter(|(_, e)| *e)
                        .map(|(x, _)| x - weighted_mean)
                        .collect(),
                );
            }
        }
        if let Some(out) = residuals.as_deref_mut() {
            for r in stratum_residuals.into_iter().rev() {
                out.extend(r);
            }
        }
    }
    ev
}

/// Fits the stratified Cox model of `time`/`event` on the covariate `x`.
/// `stratum` numbers each row's stratum; strata are taken in ascending
/// number, so number them in the order lifelines sorts their keys.
pub fn cox_ph_stratified(
    time: &[f64],
    event: &[bool],
    x: &[f64],
    stratum: &[u32],
) -> Result<CoxFit, CoxFailure> {
    let n = time.len();
    if n == 0
        || event.len() != n
        || x.len() != n
        || stratum.len() != n
        || !all_finite(time)
        || !all_finite(x)
    {
        return Err(CoxFailure::BadInput);
    }
    let strata = group(time, event, x, stratum);
    let events = event.iter().filter(|e| **e).count();

    let at_zero = evaluate(&strata, 0.0, None);
    if !positive(at_zero.information) {
        return Err(CoxFailure::NoInformation);
    }
    let strata_used = strata
        .iter()
        .filter(|s| positive(evaluate(std::slice::from_ref(*s), 0.0, None).information))
        .count();

    let mut beta = 0.0f64;
    let mut current = at_zero;
    let mut iterations = 0;
    let converged = loop {
        if iterations >= 200 {
            break false;
        }
        iterations += 1;
        if !positive(current.information) {
            return Err(CoxFailure::Separation);
        }
        let mut step = current.score / current.information;
        let mut next = evaluate(&strata, beta + step, None);
        // Step halving: the log-likelihood is concave in β, so a full
        // Newton step can only overshoot, never lead astray.
        let mut halvings = 0;
        while !(next.loglik >= current.loglik - 1e-12 * current.loglik.abs()) && halvings < 60 {
            step /= 2.0;
            next = evaluate(&strata, beta + step, None);
            halvings += 1;
        }
        beta += step;
        current = next;
        if beta.abs() > 30.0 {
            // exp(30) ≈ 10¹³: no real program effect is this large; the
            // likelihood is running off to infinity.
            return Err(CoxFailure::Separation);
        }
        if step.abs() < 1e-10 {
            break true;
        }
    };
    if !converged {
        return Err(CoxFailure::NotConverged);
    }
    let mut residuals = Vec::with_capacity(events);
    let at_beta = evaluate(&strata, beta, Some(&mut residuals));
    if !positive(at_beta.information) {
        return Err(CoxFailure::Separation);
    }
    let se = 1.0 / at_beta.information.sqrt();
    if !se.is_finite() || se > 1e3 {
        return Err(CoxFailure::Separation);
    }
    let p = normal_two_sided_p(beta / se).ok_or(CoxFailure::NotConverged)?;
    Ok(CoxFit {
        beta,
        se,
        hazard_ratio: beta.exp(),
        ci95: ((beta - Z_975 * se).exp(), (beta + Z_975 * se).exp()),
        p,
        n,
        events,
        strata_used,
        strata: strata.len(),
        ph_test_p: ph_test(&residuals, se * se),
        iterations,
    })
}

/// lifelines' `proportional_hazard_test` with the rank transform: the
/// scaled Schoenfeld residuals (D · Var(β) · r) against the event's rank
/// 1..D in row order.
fn ph_test(residuals: &[f64], variance: f64) -> Option<f64> {
    let d = residuals.len();
    if d < 2 {
        return None;
    }
    let df = d as f64;
    let mean_rank = (df + 1.0) / 2.0;
    let mut cross = 0.0;
    let mut spread = 0.0;
    for (k, r) in residuals.iter().enumerate() {
        let t = (k + 1) as f64 - mean_rank;
        cross += t * df * variance * r;
        spread += t * t;
    }
    let statistic = cross * cross / (df * variance * spread);
    if !statistic.is_finite() {
        return None;
    }
    ChiSquared::new(1.0).ok().map(|c| c.sf(statistic))
}

/// Rows grouped by stratum (ascending), each in time order with its tied
/// times grouped.
fn group(time: &[f64], event: &[bool], x: &[f64], stratum: &[u32]) -> Vec<Stratum> {
    let mut order: Vec<usize> = (0..time.len()).collect();
    order.sort_by(|&a, &b| {
        stratum[a]
            .cmp(&stratum[b])
            .then(time[a].total_cmp(&time[b]))
            .then(event[a].cmp(&event[b]))
    });
    let mut out: Vec<Stratum> = Vec::new();
    let mut last: Option<(u32, f64)> = None;
    for i in order {
        let same_stratum = last.is_some_and(|(s, _)| s == stratum[i]);
        if !same_stratum {
            out.push(Stratum {
                rows: Vec::new(),
                time_starts: Vec::new(),
            });
        }
        let Some(s) = out.last_mut() else { continue };
        // -0.0 and 0.0 are one time.
        if !same_stratum || last.is_some_and(|(_, t)| t != time[i]) {
            s.time_starts.push(s.rows.len());
        }
        s.rows.push((x[i], event[i]));
        last = Some((stratum[i], time[i]));
    }
    out
}
