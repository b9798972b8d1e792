//! M3: retention per group — Kaplan–Meier of time to exit, 12-month
//! retention S(365) and the log-rank test, on the same population as M2.

use serde::Serialize;

use super::adjusted::{AdjustedHazard, UnadjustedHazard};
use super::population::{censored, curve_of, Population};
use crate::stats;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct RetentionGroup {
    pub n: usize,
    pub exits: usize,
    pub retained_365: Option<f64>,
    pub curve: Vec<[f64; 4]>,
    pub censored_times: Vec<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Retention {
    pub mentored: RetentionGroup,
    pub not_mentored: RetentionGroup,
    pub logrank_p: Option<f64>,
    pub group_labels: [String; 2],
    /// Cox PH stratified by team × level (M6).
    pub adjusted: AdjustedHazard,
    /// The same Cox model without strata: the raw gap as a hazard ratio.
    pub unadjusted: UnadjustedHazard,
}

pub(crate) fn retention(pop: &Population) -> Retention {
    let mut out = Retention {
        group_labels: pop.labels.clone(),
        ..Default::default()
    };
    if pop.window_start.is_none() {
        return out;
    }
    let groups: [(Vec<f64>, Vec<bool>); 2] =
        [0, 1].map(|g| pop.times(g, |e| (e.stay_days, e.left)));
    for (g, (t, e)) in groups.iter().enumerate() {
        let km = stats::kaplan_meier(t, e);
        let grp = RetentionGroup {
            n: t.len(),
            exits: e.iter().filter(|e| **e).count(),
            retained_365: km.as_ref().map(|k| k.survival_at(365.0)),
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
