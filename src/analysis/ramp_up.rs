//! M2: ramp-up time, hire → first milestone of the chosen kind, per group:
//! Kaplan–Meier medians (with the biased naive median only beside them)
//! and the log-rank test.

use chrono::NaiveDate;
use serde::Serialize;

use super::adjusted::{AdjustedHazard, UnadjustedHazard};
use super::frames::from_day_number;
use super::population::{censored, curve_of, Population};
use crate::stats;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct SurvivalGroup {
    pub n: usize,
    pub events: usize,
    pub km_median_days: Option<f64>,
    /// The naive median of those who had the event: biased toward fast
    /// rampers, shown only beside the KM median.
    pub naive_median_days: Option<f64>,
    /// The KM curve: (day, S, lower, upper) at each distinct time.
    pub curve: Vec<[f64; 4]>,
    pub censored_times: Vec<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct RampUp {
    pub milestone_kind: Option<String>,
    pub window_start: Option<NaiveDate>,
    pub mentored: SurvivalGroup,
    pub not_mentored: SurvivalGroup,
    pub logrank_p: Option<f64>,
    pub group_labels: [String; 2],
    /// Cox PH stratified by team × level (M6).
    pub adjusted: AdjustedHazard,
    /// The same Cox model without strata: the raw gap as a hazard ratio.
    pub unadjusted: UnadjustedHazard,
}

pub(crate) fn ramp_up(pop: &Population) -> RampUp {
    let mut out = RampUp {
        milestone_kind: pop.milestone_kind.clone(),
        window_start: pop.window_start.map(from_day_number),
        group_labels: pop.labels.clone(),
        ..Default::default()
    };
    if pop.window_start.is_none() {
        return out;
    }
    let groups: [(Vec<f64>, Vec<bool>); 2] =
        [0, 1].map(|g| pop.times(g, |e| (e.ramp_days, e.ramped)));
    for (g, (t, e)) in groups.iter().enumerate() {
        let km = stats::kaplan_meier(t, e);
        let mut naive: Vec<f64> = t
            .iter()
            .zip(e)
            .filter(|(_, e)| **e)
            .map(|(t, _)| *t)
            .collect();
        let grp = SurvivalGroup {
            n: t.len(),
            events: e.iter().filter(|e| **e).count(),
            km_median_days: km.as_ref().and_then(|k| k.median()),
            naive_median_days: median(&mut naive),
            curve: km.as_ref().map(curve_of).unwrap_or_default(),
            censored_times: censored(t, e),
        };
        if g == 0 {
            out.mentored = grp;
        } else {
            out.not_mentored = grp;
        }
    }
    let ((ta, ea), (tb, eb)) = (&groups[0], &groups[1]);
    out.logrank_p = stats::logrank(ta, ea, tb, eb).map(|l| l.p);
    out
}

fn median(xs: &mut [f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(|a, b| a.total_cmp(b));
    let n = xs.len();
    Some(if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    })
}
