//! M7: cohort over cohort, and the same by program format — per cohort of
//! the pairing sheet (else the half-year its pairings started): mentees,
//! meetings per pairing, their ramp-up KM median and 12-month retention,
//! and their mean composite in the after wave (suppressed under k), with a
//! Kruskal–Wallis test across the cohorts that may be shown.

use foldhash::{HashMap, HashMapExt, HashSet};
use serde::Serialize;

use super::engagement::pair_key;
use super::frames::{from_day_number, Id, ProgramData};
use super::population::Population;
use super::scope::Scope;
use super::trends::{distinct_respondents, Composite};
use crate::stats;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct CohortRow {
    /// The cohort (or format) name.
    pub cohort: String,
    pub pairings: usize,
    pub mentees: usize,
    pub meetings_per_pair: Option<f64>,
    pub ramp_km_median_days: Option<f64>,
    pub retained_365: Option<f64>,
    /// Respondents among the mentees in the after wave.
    pub after_n: usize,
    pub after_mean: Option<f64>,
    /// The after-wave figure is hidden (disclosure control).
    pub suppressed: bool,
    /// The after-wave composites behind `after_mean`, for the test across
    /// rows; never published.
    #[serde(skip)]
    pub(crate) after_values: Vec<f64>,
}

/// Kruskal–Wallis across the rows whose after-wave figure is shown (at
/// least two).
pub(crate) fn kruskal(rows: &[CohortRow]) -> Option<f64> {
    let shown: Vec<&[f64]> = rows
        .iter()
        .filter(|r| !r.suppressed && !r.after_values.is_empty())
        .map(|r| r.after_values.as_slice())
        .collect();
    stats::kruskal_wallis(&shown).map(|kw| kw.p)
}

/// The cohort a pairing belongs to: its sheet's cohort, else the half-year
/// it started (`2025-H1`), else `(none)`.
fn cohort_of(cohort: Option<&str>, start: Option<i32>) -> String {
    if let Some(c) = cohort.map(str::trim).filter(|c| !c.is_empty()) {
        return c.to_string();
    }
    match start.map(from_day_number) {
        Some(d) => {
            use chrono::Datelike;
            format!("{}-H{}", d.year(), if d.month() <= 6 { 1 } else { 2 })
        }
        None => super::adjusted::NONE_VALUE.to_string(),
    }
}

/// Rows keyed by `key` of each pairing in scope, in name order, and the
/// Kruskal–Wallis p across the rows that are not suppressed (at least two).
pub(crate) fn table(
    data: &ProgramData,
    scope: &Scope,
    pop: Option<&Population>,
    after: Option<&[Composite]>,
    k: usize,
    key: impl Fn(&super::frames::Pairing) -> Option<String>,
) -> (Vec<CohortRow>, Option<f64>) {
    // cohort → pairings (indexes)
    let mut groups: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for &i in &scope.pairings {
        if let Some(name) = key(&data.pairings[i]) {
            groups.entry(name).or_default().push(i);
        }
    }
    // Meetings in scope per pairing key.
    let mut meetings: HashMap<u64, usize> = HashMap::new();
    for m in data.meetings.iter().filter(|m| scope.day_in(m.day)) {
        *meetings.entry(pair_key(m.mentor, m.mentee)).or_insert(0) += 1;
    }
    let entrant_of: HashMap<Id, usize> = pop
        .map(|p| {
            p.entrants
                .iter()
                .enumerate()
                .map(|(i, e)| (e.person, i))
                .collect()
        })
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (name, pairings) in groups {
        let mentees: HashSet<Id> = pairings.iter().map(|&i| data.pairings[i].mentee).collect();
        let keys: HashSet<u64> = pairings
            .iter()
            .map(|&i| pair_key(data.pairings[i].mentor, data.pairings[i].mentee))
            .collect();
        let met: usize = keys
            .iter()
            .map(|k| meetings.get(k).copied().unwrap_or(0))
            .sum();
        let mut row = CohortRow {
            cohort: name,
            pairings: pairings.len(),
            mentees: mentees.len(),
            meetings_per_pair: Some(met as f64 / pairings.len() as f64),
            ..Default::default()
        };
        if let Some(pop) = pop {
            let (mut rt, mut re, mut st, mut se) = (vec![], vec![], vec![], vec![]);
            let mut ids: Vec<&Id> = mentees.iter().collect();
            ids.sort_unstable();
            for id in ids {
                if let Some(&i) = entrant_of.get(id) {
                    let e = &pop.entrants[i];
                    rt.push(e.ramp_days);
                    re.push(e.ramped);
                    st.push(e.stay_days);
                    se.push(e.left);
                }
            }
            row.ramp_km_median_days = stats::kaplan_meier(&rt, &re).and_then(|km| km.median());
            row.retained_365 = stats::kaplan_meier(&st, &se).map(|km| km.survival_at(365.0));
        }
        let answers: Vec<Composite> = after
            .unwrap_or(&[])
            .iter()
            .filter(|c| c.respondent.is_some_and(|p| mentees.contains(&p)))
            .copied()
            .collect();
        row.after_n = distinct_respondents(&answers);
        row.suppressed = row.after_n < k;
        if !row.suppressed {
            let values: Vec<f64> = answers.iter().map(|c| c.value).collect();
            row.after_mean = stats::summary(&values).map(|s| s.mean);
            row.after_values = values;
        }
        rows.push(row);
    }
    let p = kruskal(&rows);
    (rows, p)
}

/// The cohort row a pairing belongs to.
pub(crate) fn row_name(p: &super::frames::Pairing) -> String {
    cohort_of(p.cohort.as_deref(), p.start)
}

pub(crate) fn cohorts(
    data: &ProgramData,
    scope: &Scope,
    pop: Option<&Population>,
    after: Option<&[Composite]>,
    k: usize,
) -> (Vec<CohortRow>, Option<f64>) {
    table(data, scope, pop, after, k, |p| {
        Some(cohort_of(p.cohort.as_deref(), p.start))
    })
}

/// By program format, or `None` when no pairing carries one.
pub(crate) fn formats(
    data: &ProgramData,
    scope: &Scope,
    pop: Option<&Population>,
    after: Option<&[Composite]>,
    k: usize,
) -> Option<(Vec<CohortRow>, Option<f64>)> {
    if !data.pairings.iter().any(|p| p.format.is_some()) {
        return None;
    }
    Some(table(data, scope, pop, after, k, |p| {
        p.format
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_string)
    }))
}
