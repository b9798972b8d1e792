//! M7: every survey wave in time order — n, the mean composite with its 95%
//! t interval, eNPS — so a program with a baseline, a 3-month, a 6-month
//! and an exit survey shows its whole course, not just two points. Waves
//! are ordered by the median submission date of all their responses (so
//! the order does not move with a filter); each wave's figures count only
//! the responses the filters let in, and a wave under k distinct
//! respondents is suppressed.

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::Serialize;

use super::frames::{from_day_number, Id, ProgramData};
use super::scope::Scope;
use super::survey::norm_text;
use crate::stats;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct WaveSummary {
    pub wave: String,
    pub median_date: Option<NaiveDate>,
    /// Responses with a composite.
    pub n: usize,
    pub mean: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub enps: Option<f64>,
    pub suppressed: bool,
}

/// One response's composite (mean of its answered Likert items on the 1–5
/// scale, reverse-coded items flipped), with its wave and respondent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Composite {
    pub response: usize,
    pub respondent: Option<Id>,
    pub value: f64,
}

/// Whether a response is let in by the filters (the same rule as M1).
pub(crate) fn response_in(data: &ProgramData, scope: &Scope, r: &super::frames::Response) -> bool {
    let who = match r.respondent {
        Some(p) => scope.person_in(p),
        // Anonymous responses cannot be placed in a team or cohort.
        None => scope.people.is_none() && scope.cohort_people.is_none(),
    };
    who && scope.wave_in(data, &r.wave)
}

/// Composites of every response in scope, by wave (index into
/// `data.waves`), in response order.
pub(crate) fn composites(data: &ProgramData, scope: &Scope) -> Vec<Vec<Composite>> {
    let wave_of: HashMap<&str, usize> = data
        .waves
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), i))
        .collect();
    // question → (points, reverse)
    let mut likert: HashMap<i64, (f64, bool)> = HashMap::new();
    for q in data.questions.iter().filter(|q| q.kind == "likert") {
        let reverse = data.reverse_items.contains(&norm_text(&q.text));
        likert.insert(q.id, (q.scale_points.unwrap_or(5) as f64, reverse));
    }
    let index: HashMap<i64, usize> = data
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| response_in(data, scope, r))
        .map(|(i, r)| (r.id, i))
        .collect();
    let mut sums: Vec<(f64, u32)> = vec![(0.0, 0); data.responses.len()];
    for a in &data.answers {
        let (Some(&(points, reverse)), Some(&i), Some(x)) = (
            likert.get(&a.question_id),
            index.get(&a.response_id),
            a.value_num,
        ) else {
            continue;
        };
        let v = 1.0 + 4.0 * (x - 1.0) / (points - 1.0);
        sums[i].0 += if reverse { 6.0 - v } else { v };
        sums[i].1 += 1;
    }
    let mut out = vec![Vec::new(); data.waves.len()];
    for (i, r) in data.responses.iter().enumerate() {
        let (sum, count) = sums[i];
        if count == 0 {
            continue;
        }
        if let Some(&w) = wave_of.get(r.wave.as_str()) {
            out[w].push(Composite {
                response: i,
                respondent: r.respondent,
                value: sum / count as f64,
            });
        }
    }
    out
}

/// Distinct respondents (anonymous responses count one each).
pub(crate) fn distinct_respondents(rows: &[Composite]) -> usize {
    let mut who: HashSet<Id> = HashSet::new();
    let mut anonymous = 0;
    for r in rows {
        match r.respondent {
            Some(p) => {
                who.insert(p);
            }
            None => anonymous += 1,
        }
    }
    who.len() + anonymous
}

pub(crate) fn waves(data: &ProgramData, scope: &Scope, k: usize) -> Vec<WaveSummary> {
    let by_wave = composites(data, scope);
    // eNPS item per wave: its first 0–10 question that mentions
    // recommending (as M1 picks it).
    let mut enps_question: HashMap<&str, (i64, i64)> = HashMap::new();
    for q in data.questions.iter().filter(|q| q.kind == "zero_to_ten") {
        let t = q.text.to_lowercase();
        if t.contains("recommend") || t.contains("nps") {
            let e = enps_question
                .entry(q.wave.as_str())
                .or_insert((q.position, q.id));
            if q.position < e.0 {
                *e = (q.position, q.id);
            }
        }
    }
    let in_scope: HashSet<i64> = data
        .responses
        .iter()
        .filter(|r| response_in(data, scope, r))
        .map(|r| r.id)
        .collect();
    let mut enps_values: HashMap<&str, Vec<(i64, f64)>> = HashMap::new();
    let question_wave: HashMap<i64, &str> =
        enps_question.iter().map(|(w, (_, id))| (*id, *w)).collect();
    for a in &data.answers {
        if let (Some(w), Some(x)) = (question_wave.get(&a.question_id), a.value_num) {
            if in_scope.contains(&a.response_id) {
                enps_values.entry(w).or_default().push((a.response_id, x));
            }
        }
    }
    let mut out: Vec<(Option<i64>, usize, WaveSummary)> = data
        .waves
        .iter()
        .enumerate()
        .map(|(w, name)| {
            let median_date = data.wave_median_day[w].map(from_day_number);
            let rows = &by_wave[w];
            let suppressed = distinct_respondents(rows) < k;
            let values: Vec<f64> = rows.iter().map(|r| r.value).collect();
            let mut s = WaveSummary {
                wave: name.clone(),
                median_date,
                n: values.len(),
                suppressed,
                ..Default::default()
            };
            if !suppressed {
                if let Some(sum) = stats::summary(&values) {
                    s.mean = Some(sum.mean);
                    if values.len() >= 2 && sum.sd.is_finite() {
                        if let Some(t) = stats::t_crit95((values.len() - 1) as f64) {
                            let half = t * sum.sd / (values.len() as f64).sqrt();
                            s.ci95 = Some([sum.mean - half, sum.mean + half]);
                        }
                    }
                }
                if let Some(vals) = enps_values.get(name.as_str()) {
                    let who: HashSet<i64> = vals.iter().map(|(r, _)| *r).collect();
                    if vals.len() >= k && who.len() >= k {
                        let promoters = vals.iter().filter(|(_, v)| *v >= 9.0).count() as f64;
                        let detractors = vals.iter().filter(|(_, v)| *v <= 6.0).count() as f64;
                        s.enps = Some(100.0 * (promoters - detractors) / vals.len() as f64);
                    }
                }
            }
            let order = median_date.map(|d| super::frames::day_number(d) as i64);
            (order, w, s)
        })
        .collect();
    // Time order; waves with no submission dates keep their import order
    // after the dated ones.
    out.sort_by_key(|(order, w, _)| (order.is_none(), *order, *w));
    out.into_iter().map(|(_, _, s)| s).collect()
}
