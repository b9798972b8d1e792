//! M6: the adjusted comparisons that answer "weren't the mentees just
//! different people?" — a Cox model of ramp-up and retention stratified by
//! team × level, the survey difference adjusted for level and team by OLS
//! with HC3 errors, and the interrupted time series of team delivery with
//! errors clustered by team — each with the smallest effect it could have
//! detected. Every result that cannot be computed is `null` with a
//! `reason` in words, never a NaN.
//!
//! Covariates are one-hot with the most frequent value as the reference
//! (ties: alphabetically first); a missing team or level is its own value
//! `(none)`, so nobody drops out for lack of it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::frames::{Id, ProgramData};
use super::population::Population;
use crate::stats::{self, RobustCovariance};

/// What a missing team or level is called in strata and covariates.
pub const NONE_VALUE: &str = "(none)";

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct AdjustedHazard {
    /// exp(β) of `mentored`: above 1, mentored people reach the milestone
    /// sooner (ramp-up) or leave sooner (retention).
    pub hazard_ratio: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub p: Option<f64>,
    pub n: usize,
    pub events: usize,
    /// Team × level strata with both groups at risk at an event, out of all.
    pub strata_used: usize,
    pub strata: usize,
    pub ph_test_p: Option<f64>,
    /// The smallest hazard ratio (above 1) this comparison could detect
    /// with 80% power (Schoenfeld).
    pub mde_hr_80: Option<f64>,
    /// Why there is no estimate, when there is none.
    pub reason: Option<String>,
    /// How the mentored group differs from the others in who they are,
    /// when it differs clearly ("mentees being more junior"), for the
    /// verdict to say why raw and adjusted disagree.
    pub explained_by: Option<String>,
}

/// The number in a level label (`L3` → 3, `IC-2` → 2), for ordering.
fn level_number(level: &str) -> Option<f64> {
    let digits: String = level
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse::<f64>().ok()
}

/// Total variation distance between two groups' distributions of a label.
fn gap<'a>(a: &[&'a str], b: &[&'a str]) -> f64 {
    let mut shares: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for v in a {
        shares.entry(v).or_default().0 += 1.0 / a.len() as f64;
    }
    for v in b {
        shares.entry(v).or_default().1 += 1.0 / b.len() as f64;
    }
    shares.values().map(|(x, y)| (x - y).abs()).sum::<f64>() / 2.0
}

/// In words, how group 0 differs from group 1 in level or team — the larger
/// of the two gaps, when it is at least 15 points.
fn composition(keys: &[(&str, &str)], in_first: &[bool]) -> Option<String> {
    let pick = |first: bool, level: bool| -> Vec<&str> {
        keys.iter()
            .zip(in_first)
            .filter(|(_, f)| **f == first)
            .map(|((t, l), _)| if level { *l } else { *t })
            .collect()
    };
    let (l0, l1, t0, t1) = (
        pick(true, true),
        pick(false, true),
        pick(true, false),
        pick(false, false),
    );
    if l0.is_empty() || l1.is_empty() {
        return None;
    }
    let (level_gap, team_gap) = (gap(&l0, &l1), gap(&t0, &t1));
    if level_gap.max(team_gap) < 0.15 {
        return None;
    }
    if level_gap >= team_gap {
        let mean = |ls: &[&str]| {
            let nums: Vec<f64> = ls.iter().filter_map(|l| level_number(l)).collect();
            (!nums.is_empty()).then(|| nums.iter().sum::<f64>() / nums.len() as f64)
        };
        Some(match (mean(&l0), mean(&l1)) {
            (Some(a), Some(b)) if a + 0.25 < b => "mentees being more junior".into(),
            (Some(a), Some(b)) if a > b + 0.25 => "mentees being more senior".into(),
            _ => "mentees having a different mix of levels".into(),
        })
    } else {
        Some("mentees working in different teams".into())
    }
}

/// The team and level of a person, `(none)` where the roster has none.
fn team_level(data: &ProgramData, id: Id) -> (&str, &str) {
    match data.people.get(id as usize).filter(|p| p.id == id) {
        Some(p) => (
            p.team.as_deref().unwrap_or(NONE_VALUE),
            p.level.as_deref().unwrap_or(NONE_VALUE),
        ),
        None => (NONE_VALUE, NONE_VALUE),
    }
}

/// Which survival outcome of the population a Cox model is fitted to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome {
    RampUp,
    Retention,
}

/// Time, event and `mentored` (group 0 of the population) per entrant.
fn cox_rows(pop: &Population, outcome: Outcome) -> (Vec<f64>, Vec<bool>, Vec<f64>) {
    let (time, event): (Vec<f64>, Vec<bool>) = pop
        .entrants
        .iter()
        .map(|e| match outcome {
            Outcome::RampUp => (e.ramp_days, e.ramped),
            Outcome::Retention => (e.stay_days, e.left),
        })
        .unzip();
    let x: Vec<f64> = pop
        .entrants
        .iter()
        .map(|e| if e.group == 0 { 1.0 } else { 0.0 })
        .collect();
    (time, event, x)
}

/// Cox PH on `mentored` (group 0 of the population), stratified by team ×
/// level, Efron ties (METRICS.md M6).
pub(crate) fn hazard(data: &ProgramData, pop: &Population, outcome: Outcome) -> AdjustedHazard {
    let mut out = AdjustedHazard::default();
    if pop.entrants.is_empty() {
        out.reason = Some("there is nobody in the population to compare".into());
        return out;
    }
    // Strata numbered in the order of their (team, level) keys, as
    // lifelines sorts them.
    let keys: Vec<(&str, &str)> = pop
        .entrants
        .iter()
        .map(|e| team_level(data, e.person))
        .collect();
    let mut distinct: Vec<(&str, &str)> = keys.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let stratum: Vec<u32> = keys
        .iter()
        .map(|k| distinct.binary_search(k).unwrap_or(0) as u32)
        .collect();
    let (time, event, x) = cox_rows(pop, outcome);
    out.n = time.len();
    out.events = event.iter().filter(|e| **e).count();
    let first: Vec<bool> = pop.entrants.iter().map(|e| e.group == 0).collect();
    out.explained_by = composition(&keys, &first);
    out.strata = distinct.len();
    let share = x.iter().sum::<f64>() / x.len() as f64;
    out.mde_hr_80 = stats::mde_hazard_ratio(out.events, share);
    match stats::cox_ph_stratified(&time, &event, &x, &stratum) {
        Ok(fit) => {
            out.hazard_ratio = Some(fit.hazard_ratio);
            out.ci95 = Some([fit.ci95.0, fit.ci95.1]);
            out.p = Some(fit.p);
            out.strata_used = fit.strata_used;
            out.ph_test_p = fit.ph_test_p;
        }
        Err(why) => out.reason = Some(why.reason().to_string()),
    }
    out
}

/// The raw hazard ratio of `mentored`: the same Cox model (Efron ties) with
/// everyone in one stratum, so the raw gap sits on the same scale as the
/// like-for-like one (the forest plot draws both).
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct UnadjustedHazard {
    pub hazard_ratio: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub p: Option<f64>,
    /// Why there is no estimate, when there is none.
    pub reason: Option<String>,
}

pub(crate) fn unadjusted_hazard(pop: &Population, outcome: Outcome) -> UnadjustedHazard {
    let mut out = UnadjustedHazard::default();
    if pop.entrants.is_empty() {
        out.reason = Some("there is nobody in the population to compare".into());
        return out;
    }
    let (time, event, x) = cox_rows(pop, outcome);
    let one_stratum = vec![0u32; time.len()];
    match stats::cox_ph_stratified(&time, &event, &x, &one_stratum) {
        Ok(fit) => {
            out.hazard_ratio = Some(fit.hazard_ratio);
            out.ci95 = Some([fit.ci95.0, fit.ci95.1]);
            out.p = Some(fit.p);
        }
        // The stratified wording ("no team and level …") does not fit a
        // model without strata.
        Err(stats::CoxFailure::NoInformation) => {
            out.reason =
                Some("one group has nobody left to compare with when the events happen".into())
        }
        Err(stats::CoxFailure::Separation) => out.reason = Some(
            "one group has all the events, so the hazard ratio is not finite (perfect separation)"
                .into(),
        ),
        Err(why) => out.reason = Some(why.reason().to_string()),
    }
    out
}

/// A categorical covariate as one-hot columns: the values kept (every
/// value but the reference, alphabetically).
pub(crate) struct Dummies {
    pub kept: Vec<String>,
}

impl Dummies {
    pub(crate) fn of<'a>(values: impl Iterator<Item = &'a str>) -> Dummies {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for v in values {
            *counts.entry(v).or_insert(0) += 1;
        }
        // Most frequent; among equals the alphabetically first (BTreeMap
        // order, so `max_by` must prefer the earlier key on a tie).
        let reference = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.to_string())
            .unwrap_or_default();
        let kept = counts
            .keys()
            .filter(|k| **k != reference)
            .map(|k| k.to_string())
            .collect();
        Dummies { kept }
    }

    pub(crate) fn push_row(&self, value: &str, row: &mut Vec<f64>) {
        row.extend(self.kept.iter().map(|k| if k == value { 1.0 } else { 0.0 }));
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct AdjustedDifference {
    /// The coefficient of `after`: the before → after change with level
    /// and team held fixed.
    pub diff: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub p: Option<f64>,
    /// Responses in the model.
    pub n: usize,
    /// Responses left out because their respondent is not on the roster.
    pub n_excluded: usize,
    pub suppressed: bool,
    pub reason: Option<String>,
    /// The fewest distinct respondents in any wave × team × level group of
    /// the model, for disclosure control: the coefficient weighs each
    /// group differently, so a small group could be worked out from it.
    #[serde(skip)]
    pub(crate) smallest_group: usize,
}

/// One survey response as the adjusted model reads it.
pub(crate) struct ScoredResponse {
    pub after: bool,
    pub respondent: Option<Id>,
    pub composite: f64,
}

/// composite ~ after + level dummies + team dummies, OLS with HC3
/// (METRICS.md M6), over responses whose respondent is on the roster.
pub(crate) fn survey_difference(
    data: &ProgramData,
    responses: &[ScoredResponse],
    k: usize,
) -> AdjustedDifference {
    let mut out = AdjustedDifference::default();
    let on_roster = |r: &ScoredResponse| {
        r.respondent
            .is_some_and(|id| data.people.get(id as usize).is_some_and(|p| p.id == id))
    };
    let rows: Vec<&ScoredResponse> = responses.iter().filter(|r| on_roster(r)).collect();
    out.n = rows.len();
    out.n_excluded = responses.len() - rows.len();
    let mut who: [Vec<Id>; 2] = [Vec::new(), Vec::new()];
    for r in &rows {
        if let Some(id) = r.respondent {
            who[usize::from(r.after)].push(id);
        }
    }
    for w in &mut who {
        w.sort_unstable();
        w.dedup();
    }
    if who[0].len() < k || who[1].len() < k {
        out.suppressed = true;
        out.reason = Some(format!(
            "fewer than {k} respondents on the roster in a wave, so the adjusted figure is hidden"
        ));
        return out;
    }
    let tl: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| team_level(data, r.respondent.unwrap_or(Id::MAX)))
        .collect();
    let mut groups: BTreeMap<(bool, &str, &str), Vec<Id>> = BTreeMap::new();
    for (r, (team, level)) in rows.iter().zip(&tl) {
        if let Some(id) = r.respondent {
            groups.entry((r.after, team, level)).or_default().push(id);
        }
    }
    out.smallest_group = groups
        .values_mut()
        .map(|ids| {
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        })
        .min()
        .unwrap_or(0);
    let levels = Dummies::of(tl.iter().map(|(_, l)| *l));
    let teams = Dummies::of(tl.iter().map(|(t, _)| *t));
    let p = 2 + levels.kept.len() + teams.kept.len();
    let mut x = Vec::with_capacity(rows.len() * p);
    for (r, (team, level)) in rows.iter().zip(&tl) {
        x.push(1.0);
        x.push(if r.after { 1.0 } else { 0.0 });
        levels.push_row(level, &mut x);
        teams.push_row(team, &mut x);
    }
    let y: Vec<f64> = rows.iter().map(|r| r.composite).collect();
    match stats::ols(&y, &x, p, RobustCovariance::Hc3) {
        Ok(fit) => match fit.estimate(1) {
            Some(e) => {
                out.diff = Some(e.estimate);
                out.ci95 = Some([e.ci95.0, e.ci95.1]);
                out.p = Some(e.p);
            }
            None => out.reason = Some("the adjusted difference has no standard error".into()),
        },
        Err(why) => out.reason = Some(why.reason().to_string()),
    }
    out
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Change {
    pub estimate: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub p: Option<f64>,
}

/// The interrupted time series of deployments per team-week.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct InterruptedTimeSeries {
    /// The jump at launch beyond the trend before it.
    pub level_change: Change,
    /// The change in the weekly trend after launch, per week.
    pub slope_change: Change,
    /// The fitted line before launch (intercept and slope per week at the
    /// reference team), extended after launch as the counterfactual.
    pub pre_intercept: Option<f64>,
    pub pre_slope: Option<f64>,
    pub team_weeks: usize,
    pub teams: usize,
    pub reason: Option<String>,
}

/// One team-week as the time series reads it.
pub(crate) struct WeekRow<'a> {
    pub team: &'a str,
    /// (week start − launch) / 7.
    pub weeks: f64,
    pub deployments: f64,
}

/// deployments ~ after + weeks + after·weeks + team dummies, OLS with
/// errors clustered by team (METRICS.md M6).
pub(crate) fn delivery_its(rows: &[WeekRow<'_>]) -> InterruptedTimeSeries {
    let mut out = InterruptedTimeSeries {
        team_weeks: rows.len(),
        ..Default::default()
    };
    let mut names: Vec<&str> = rows.iter().map(|r| r.team).collect();
    names.sort_unstable();
    names.dedup();
    out.teams = names.len();
    if rows.is_empty() {
        out.reason = Some("there are no team-weeks with deployments".into());
        return out;
    }
    let after_rows = rows.iter().filter(|r| r.weeks >= 0.0).count();
    if after_rows == 0 || after_rows == rows.len() {
        out.reason = Some("delivery data covers only one side of the launch date".into());
        return out;
    }
    let teams = Dummies::of(rows.iter().map(|r| r.team));
    let p = 4 + teams.kept.len();
    let mut x = Vec::with_capacity(rows.len() * p);
    let mut cluster = Vec::with_capacity(rows.len());
    for r in rows {
        let after = if r.weeks >= 0.0 { 1.0 } else { 0.0 };
        x.extend([1.0, after, r.weeks, after * r.weeks]);
        teams.push_row(r.team, &mut x);
        cluster.push(names.binary_search(&r.team).unwrap_or(0) as u32);
    }
    let y: Vec<f64> = rows.iter().map(|r| r.deployments).collect();
    match stats::ols(&y, &x, p, RobustCovariance::Cluster(&cluster)) {
        Ok(fit) => {
            let change = |j: usize| match fit.estimate(j) {
                Some(e) => Change {
                    estimate: Some(e.estimate),
                    ci95: Some([e.ci95.0, e.ci95.1]),
                    p: Some(e.p),
                },
                None => Change::default(),
            };
            out.level_change = change(1);
            out.slope_change = change(3);
            // The pre-launch line for the average team: the reference team's
            // intercept shifted by the mean of the team effects, weighted by
            // each team's rows, so the counterfactual sits on the data.
            let mut shift = 0.0;
            for (j, name) in teams.kept.iter().enumerate() {
                let share =
                    rows.iter().filter(|r| r.team == name).count() as f64 / rows.len() as f64;
                shift += share * fit.coefficients[4 + j];
            }
            out.pre_intercept = Some(fit.coefficients[0] + shift);
            out.pre_slope = Some(fit.coefficients[2]);
        }
        Err(why) => out.reason = Some(why.reason().to_string()),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{composition, gap};

    /// Total variation distance, by hand: half the summed share differences.
    #[test]
    fn gap_is_the_total_variation_distance() {
        assert_eq!(
            gap(&["L1", "L1", "L2", "L2"], &["L1", "L2", "L2", "L2"]),
            0.25
        );
        assert_eq!(gap(&["L1", "L2"], &["L2", "L1"]), 0.0);
        assert_eq!(gap(&["L1", "L1"], &["L3"]), 1.0);
        assert!((gap(&["a", "b", "c"], &["a"]) - 2.0 / 3.0).abs() < 1e-15);
    }

    /// The caveat names the larger difference, and only from 15 points up.
    #[test]
    fn composition_names_the_larger_difference_from_fifteen_points() {
        let keys = |v: &[(&'static str, &'static str)]| v.to_vec();
        // Same teams, mentees (first four) at L1, others at L3: levels differ fully.
        let k = keys(&[
            ("A", "L1"),
            ("A", "L1"),
            ("B", "L1"),
            ("B", "L1"),
            ("A", "L3"),
            ("A", "L3"),
            ("B", "L3"),
            ("B", "L3"),
        ]);
        let first = [true, true, true, true, false, false, false, false];
        assert_eq!(
            composition(&k, &first).as_deref(),
            Some("mentees being more junior")
        );
        // Same levels, teams differ fully.
        let k = keys(&[("A", "L2"), ("A", "L3"), ("B", "L2"), ("B", "L3")]);
        let first = [true, true, false, false];
        assert_eq!(
            composition(&k, &first).as_deref(),
            Some("mentees working in different teams")
        );
        // One person in eight moved (12.5 points): no caveat.
        let k = keys(&[
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L2"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
            ("A", "L1"),
        ]);
        let first = [
            true, true, true, true, true, true, true, true, false, false, false, false, false,
            false, false, false,
        ];
        assert_eq!(composition(&k, &first), None);
    }
}
