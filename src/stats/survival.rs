//! Time-to-event statistics: the Kaplan–Meier estimate with lifelines'
//! exponential Greenwood band, and the two-group log-rank test.

use std::iter::Peekable;
use std::slice;

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal};

use super::{all_finite, positive};

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
