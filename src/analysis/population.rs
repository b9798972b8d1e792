//! Who enters the ramp-up (M2) and retention (M3) comparisons, and each
//! person's times: hired inside `[window start, as-of]`, in the filters'
//! scope, in one of the two groups of the split. Both comparisons, their
//! Kaplan–Meier curves and the adjusted (Cox) models read this one list, so
//! they always count the same people.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use super::frames::{Id, ProgramData};
use super::scope::Scope;
use super::{AnalysisOptions, Split};

/// One person of the population. Group 0 is "mentored" (or "hired on or
/// after launch"), group 1 the comparison group.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entrant {
    pub person: Id,
    pub group: usize,
    /// Days from hire to the first milestone of the kind, or to censoring.
    pub ramp_days: f64,
    pub ramped: bool,
    /// Days from hire to exit, or to as-of.
    pub stay_days: f64,
    pub left: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Population {
    pub milestone_kind: Option<String>,
    pub window_start: Option<i32>,
    pub labels: [String; 2],
    pub entrants: Vec<Entrant>,
}

impl Population {
    pub(crate) fn build(
        data: &ProgramData,
        opts: &AnalysisOptions,
        scope: &Scope,
        as_of: i32,
        launch: Option<i32>,
    ) -> Population {
        // Milestone kind: the one asked for, else the most frequent (ties by name).
        let kind = opts.milestone_kind.clone().or_else(|| {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &data.milestones {
                *counts.entry(m.kind.as_str()).or_insert(0) += 1;
            }
            counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(k, _)| k.to_string())
        });
        let hire_of: HashMap<Id, i32> = data
            .people
            .iter()
            .filter_map(|p| p.hire.map(|h| (p.id, h)))
            .collect();
        // First milestone of the kind on or after hire, per person.
        let mut first: HashMap<Id, i32> = HashMap::new();
        if let Some(kind) = &kind {
            for m in data.milestones.iter().filter(|m| &m.kind == kind) {
                if let Some(&h) = hire_of.get(&m.person) {
                    if m.day >= h {
                        let e = first.entry(m.person).or_insert(m.day);
                        *e = (*e).min(m.day);
                    }
                }
            }
        }
        let window_start = first.keys().filter_map(|p| hire_of.get(p).copied()).min();
        let labels = match opts.split {
            Split::Mentored => ["Mentored".to_string(), "Not mentored".to_string()],
            Split::HiredAfterLaunch => [
                "Hired on/after launch".to_string(),
                "Hired before launch".to_string(),
            ],
        };
        let mut entrants = Vec::new();
        if let Some(ws) = window_start {
            for p in &data.people {
                let Some(h) = p.hire else { continue };
                if h < ws || h > as_of || !scope.person_in(p.id) {
                    continue;
                }
                let group = match opts.split {
                    Split::Mentored => usize::from(!scope.mentees.contains(&p.id)),
                    Split::HiredAfterLaunch => usize::from(launch.is_none_or(|l| h < l)),
                };
                let exit = p.exit.filter(|e| *e <= as_of);
                let censor_exit = p.exit.filter(|e| *e < as_of);
                let (ramp_days, ramped) = match first.get(&p.id).filter(|d| **d <= as_of) {
                    Some(d) => ((d - h) as f64, true),
                    None => ((censor_exit.unwrap_or(as_of).min(as_of) - h) as f64, false),
                };
                let (stay_days, left) = match exit {
                    Some(e) => ((e - h) as f64, true),
                    None => ((as_of - h) as f64, false),
                };
                entrants.push(Entrant {
                    person: p.id,
                    group,
                    ramp_days,
                    ramped,
                    stay_days,
                    left,
                });
            }
        }
        Population {
            milestone_kind: kind,
            window_start,
            labels,
            entrants,
        }
    }

    /// (times, events) of one group, in population order.
    pub(crate) fn times(
        &self,
        group: usize,
        pick: impl Fn(&Entrant) -> (f64, bool),
    ) -> (Vec<f64>, Vec<bool>) {
        self.entrants
            .iter()
            .filter(|e| e.group == group)
            .map(pick)
            .unzip()
    }
}

/// The KM curve as the charts and the JSON carry it: (day, S, lower, upper)
/// at each distinct time.
pub(crate) fn curve_of(km: &crate::stats::KaplanMeier) -> Vec<[f64; 4]> {
    km.times
        .iter()
        .enumerate()
        .map(|(i, t)| [*t, km.survival[i], km.ci_lower[i], km.ci_upper[i]])
        .collect()
}

/// Times of the censored, for the charts' tick marks.
pub(crate) fn censored(times: &[f64], events: &[bool]) -> Vec<f64> {
    times
        .iter()
        .zip(events)
        .filter(|(_, e)| !**e)
        .map(|(t, _)| *t)
        .collect()
}
