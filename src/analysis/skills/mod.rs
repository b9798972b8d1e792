//! M8 — skill growth: per skill area and rater, the paired change on the
//! 0–1 scale between the first and last skill wave (n, mean change, 95% CI,
//! paired t p, Holm across the rater's areas), mentored vs not (Welch p),
//! and coverage vs growth (the share of the row's mentees whose meetings
//! carried a topic matching the area, by name or a framework's synonym).
//!
//! Every figure is a skill figure under the privacy rules of METRICS.md:
//! a row over fewer than k people is blanked, and so is a filtered row
//! whose wider group (the same filters with one or more dropped) holds
//! between 1 and k − 1 people more, or whose siblings (the other teams or
//! levels) are hidden in a way that would let the parent row minus the
//! published siblings reveal them (complementary suppression), or which
//! differs by 1 to k − 1 people from the same row in a one-filter view the
//! reader can open (a team, a level, a cohort: the overlap rule); the
//! mentored / not-mentored split is published only when both sides have k.
//! Decisions use counts only.
//! It never reads files and never prints.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::frames::{parse_day, Id, ProgramData};
use super::scope::Scope;
use super::AnalysisOptions;
use crate::disclosure::{Rule, Suppression};
use crate::stats;

// Which rows may be published is decided with the survey figures' rules,
// in the disclosure-control module (`disclosure::skills`).
use crate::disclosure::skills::{complementary, overlapping, wider_counts, RowCounts};

/// One skill rating as the analysis reads it.
#[derive(Debug, Clone)]
pub struct SkillRating {
    /// The roster person, `None` for someone not on the roster.
    pub person: Option<Id>,
    /// The identity as stored, to pair the waves of off-roster people.
    pub person_key: String,
    pub wave: String,
    pub day: Option<i32>,
    pub area: String,
    pub rater: String,
    /// `(x − 1)/(k − 1)`.
    pub unit: f64,
    /// Later rows of the same person, wave, area and rater win.
    pub order: i64,
}

/// Reads `skill_assessments`, resolving people by the roster's IDs.
pub(crate) fn load(
    conn: &rusqlite::Connection,
    names: &[String],
) -> crate::Result<Vec<SkillRating>> {
    let ids: HashMap<&str, Id> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as Id))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT person, wave, assessed_on, area, rater, value, scale_points, id
         FROM skill_assessments ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let person: String = r.get(0)?;
        let day: Option<String> = r.get(2)?;
        let value: f64 = r.get(5)?;
        let k: i64 = r.get(6)?;
        Ok(SkillRating {
            person: ids.get(person.as_str()).copied(),
            person_key: person,
            wave: r.get(1)?,
            day: day.as_deref().and_then(parse_day),
            area: r.get(3)?,
            rater: r.get(4)?,
            unit: if k > 1 {
                (value - 1.0) / (k as f64 - 1.0)
            } else {
                0.0
            },
            order: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One row of `skills` in `analyze --json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkillRow {
    pub area: String,
    pub rater: String,
    pub before_wave: String,
    pub after_wave: String,
    /// People rated in both waves.
    pub n: usize,
    pub mean_before: Option<f64>,
    pub mean_after: Option<f64>,
    pub mean_change: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub p: Option<f64>,
    /// Holm across the areas of the same rater (published rows only).
    pub p_holm: Option<f64>,
    pub n_mentored: Option<usize>,
    pub n_not_mentored: Option<usize>,
    pub mean_change_mentored: Option<f64>,
    pub mean_change_not_mentored: Option<f64>,
    /// Welch's t p of the change, mentored vs not.
    pub mentored_vs_not_p: Option<f64>,
    /// Share of the row's mentees whose meetings covered the area.
    pub coverage: Option<f64>,
    pub suppressed: bool,
    /// The mentored / not-mentored figures are hidden (a side under k).
    pub split_suppressed: bool,
}

/// Skill waves in time order: by their median assessment day when every
/// wave has dates, else by what the names say (pre / baseline first,
/// `N-month` by N, post / exit last).
pub fn wave_order(ratings: &[SkillRating]) -> Vec<String> {
    let mut days: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for r in ratings {
        names.insert(&r.wave);
        if let Some(d) = r.day {
            days.entry(&r.wave).or_default().push(d);
        }
    }
    let all_dated = names.iter().all(|w| days.contains_key(w));
    let median = |w: &str| -> i64 {
        let mut v = days.get(w).cloned().unwrap_or_default();
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or(0) as i64
    };
    let by_name = |w: &str| -> i64 {
        match crate::ingest::kinds::guess_wave(w).as_deref() {
            Some("pre") => -1,
            Some("post") => 1_000_000,
            Some(m) => m
                .strip_suffix("-month")
                .and_then(|n| n.parse::<i64>().ok())
                .unwrap_or(500_000),
            None => 500_000,
        }
    };
    let mut out: Vec<String> = names.iter().map(|w| w.to_string()).collect();
    out.sort_by_key(|w| (if all_dated { median(w) } else { by_name(w) }, w.clone()));
    out
}

/// Raters in a fixed order: self, mentor, manager, then the rest by name.
fn rater_rank(r: &str) -> (u8, String) {
    let rank = match r {
        "self" => 0,
        "mentor" => 1,
        "manager" => 2,
        "peer" => 3,
        _ => 4,
    };
    (rank, r.to_string())
}

/// Each person's change in one area by one rater: person → (before, after).
type Changes = BTreeMap<String, (Option<Id>, f64, f64)>;

pub(crate) fn changes(
    ratings: &[SkillRating],
    before: &str,
    after: &str,
    admit: &dyn Fn(&SkillRating) -> bool,
) -> BTreeMap<(String, String), Changes> {
    // Latest rating per (area, rater, person, wave).
    // (area, rater, person, wave) → the rating and its (day, file order).
    type Key<'r> = (&'r str, &'r str, &'r str, &'r str);
    let mut latest: HashMap<Key<'_>, (&SkillRating, (i32, i64))> = HashMap::new();
    for r in ratings {
        if (r.wave != before && r.wave != after) || !admit(r) {
            continue;
        }
        let key = (
            r.area.as_str(),
            r.rater.as_str(),
            r.person_key.as_str(),
            r.wave.as_str(),
        );
        let rank = (r.day.unwrap_or(i32::MIN), r.order);
        match latest.get(&key) {
            Some((_, old)) if *old >= rank => {}
            _ => {
                latest.insert(key, (r, rank));
            }
        }
    }
    let mut out: BTreeMap<(String, String), Changes> = BTreeMap::new();
    for ((area, rater, person, wave), (r, _)) in &latest {
        if *wave != before {
            continue;
        }
        if let Some((a, _)) = latest.get(&(*area, *rater, *person, after)) {
            out.entry((area.to_string(), rater.to_string()))
                .or_default()
                .insert(person.to_string(), (r.person, r.unit, a.unit));
        }
    }
    out
}

pub(crate) fn admits(scope: &Scope) -> impl Fn(&SkillRating) -> bool + '_ {
    move |r: &SkillRating| match r.person {
        Some(id) => scope.person_in(id),
        // Someone not on the roster has no team, level or cohort: only the
        // unfiltered view counts them.
        None => scope.people.is_none() && scope.cohort_people.is_none(),
    }
}

/// Meetings' topics, per mentee, as normalised names.
fn mentee_topics(data: &ProgramData) -> HashMap<Id, BTreeSet<String>> {
    let mut out: HashMap<Id, BTreeSet<String>> = HashMap::new();
    for m in &data.meetings {
        let (a, b) = m.topics;
        let set = out.entry(m.mentee).or_default();
        for &t in &data.meeting_topics[a as usize..b as usize] {
            if let Some(s) = data.topic_spellings.get(t as usize) {
                set.insert(crate::ingest::kinds::normalise_header(s));
            }
        }
    }
    out
}

/// The skill waves compared: the options' choice, else the first and the
/// last in time order; `None` without skill assessments. A wave that was
/// not imported is an error naming the ones that were.
pub(crate) fn chosen_waves(
    data: &ProgramData,
    opts: &AnalysisOptions,
) -> crate::error::Result<Option<(String, String)>> {
    let waves = wave_order(&data.skills);
    for w in [&opts.skill_before_wave, &opts.skill_after_wave]
        .into_iter()
        .flatten()
    {
        if !waves.contains(w) {
            return Err(crate::error::Error::InvalidArgument(format!(
                "there is no skill-assessment wave `{w}`; the imported ones are: {}",
                if waves.is_empty() {
                    "none".into()
                } else {
                    waves.join(", ")
                }
            )));
        }
    }
    let before = opts
        .skill_before_wave
        .clone()
        .or_else(|| waves.first().cloned());
    let after = opts
        .skill_after_wave
        .clone()
        .or_else(|| waves.last().cloned());
    Ok(before.zip(after))
}

/// The M8 rows and what was hidden.
pub(crate) fn skills(
    data: &ProgramData,
    opts: &AnalysisOptions,
    scope: &Scope,
    k: usize,
) -> (Vec<SkillRow>, Vec<Suppression>) {
    let Some((before, after)) = chosen_waves(data, opts).ok().flatten() else {
        return (Vec::new(), Vec::new());
    };
    let (before, after) = (&before, &after);
    if before == after {
        return (Vec::new(), Vec::new());
    }
    let by_row = changes(&data.skills, before, after, &admits(scope));
    let topics = mentee_topics(data);
    let mut rows: Vec<SkillRow> = Vec::new();
    for ((area, rater), people) in &by_row {
        let diffs: Vec<f64> = people.values().map(|(_, b, a)| a - b).collect();
        let n = diffs.len();
        let (mut mentored, mut not) = (Vec::new(), Vec::new());
        let mut covered = 0usize;
        let names = crate::skills::frameworks::topic_names(area);
        for (id, b, a) in people.values() {
            let is_mentee = id.is_some_and(|i| scope.mentees.contains(&i));
            if is_mentee {
                mentored.push(a - b);
                let hit = id
                    .and_then(|i| topics.get(&i))
                    .is_some_and(|t| names.iter().any(|n| t.contains(n)));
                covered += hit as usize;
            } else {
                not.push(a - b);
            }
        }
        let test = stats::paired_t(&diffs);
        let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        let befores: Vec<f64> = people.values().map(|x| x.1).collect();
        let afters: Vec<f64> = people.values().map(|x| x.2).collect();
        // The split is hidden when a side has 1 to k − 1 people: their
        // changes would follow from the row's mean and the other side's.
        let small = |m: usize| (1..k).contains(&m);
        let split_hidden = small(mentored.len()) || small(not.len());
        rows.push(SkillRow {
            area: area.clone(),
            rater: rater.clone(),
            before_wave: before.clone(),
            after_wave: after.clone(),
            n,
            mean_before: mean(&befores),
            mean_after: mean(&afters),
            mean_change: mean(&diffs),
            ci95: test.map(|t| [t.ci95.0, t.ci95.1]),
            p: test.map(|t| t.p),
            p_holm: None,
            n_mentored: Some(mentored.len()),
            n_not_mentored: Some(not.len()),
            mean_change_mentored: mean(&mentored),
            mean_change_not_mentored: mean(&not),
            mentored_vs_not_p: stats::welch_t(&not, &mentored).map(|w| w.p),
            coverage: (!mentored.is_empty()).then(|| covered as f64 / mentored.len() as f64),
            suppressed: false,
            split_suppressed: false,
        });
        if opts.disclosure.enabled && split_hidden {
            let r = rows.last_mut().expect("just pushed");
            r.split_suppressed = true;
            r.mean_change_mentored = None;
            r.mean_change_not_mentored = None;
            r.mentored_vs_not_p = None;
            if mentored.len() < k {
                r.coverage = None;
            }
        }
    }
    rows.sort_by(|a, b| (rater_rank(&a.rater), &a.area).cmp(&(rater_rank(&b.rater), &b.area)));

    let mut hidden = Vec::new();
    if opts.disclosure.enabled {
        let wider = wider_counts(data, opts, before, after);
        let complement = complementary(data, opts, before, after, k);
        let mine: RowCounts = rows
            .iter()
            .map(|r| ((r.area.clone(), r.rater.clone()), r.n))
            .collect();
        let overlap = overlapping(data, opts, before, after, k, &mine);
        for r in &mut rows {
            let key = (r.area.clone(), r.rater.clone());
            let rule = if r.n < k {
                Some(Rule::MinimumGroup)
            } else if wider
                .iter()
                .any(|w| w.get(&key).is_some_and(|&m| m > r.n && m - r.n < k))
            {
                Some(Rule::Remainder)
            } else if complement.contains(&key) {
                Some(Rule::Complementary)
            } else if overlap.contains(&key) {
                Some(Rule::Overlap)
            } else {
                None
            };
            if let Some(rule) = rule {
                hidden.push(Suppression {
                    place: format!("skills · {} · rated by {}", r.area, r.rater),
                    rule,
                });
                blank(r);
            } else if r.split_suppressed {
                hidden.push(Suppression {
                    place: format!(
                        "skills · {} · rated by {} · mentored vs not",
                        r.area, r.rater
                    ),
                    rule: Rule::MinimumGroup,
                });
            }
        }
    }
    // Holm over the published rows of each rater only: a hidden row's p
    // must not move the others.
    let raters: BTreeSet<String> = rows.iter().map(|r| r.rater.clone()).collect();
    for rater in raters {
        let idx: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].rater == rater && !rows[i].suppressed)
            .collect();
        let ps: Vec<Option<f64>> = idx.iter().map(|&i| rows[i].p).collect();
        for (j, adj) in idx.into_iter().zip(stats::holm(&ps)) {
            rows[j].p_holm = adj;
        }
    }
    (rows, hidden)
}

fn blank(r: &mut SkillRow) {
    r.mean_before = None;
    r.mean_after = None;
    r.mean_change = None;
    r.ci95 = None;
    r.p = None;
    r.n_mentored = None;
    r.n_not_mentored = None;
    r.mean_change_mentored = None;
    r.mean_change_not_mentored = None;
    r.mentored_vs_not_p = None;
    r.coverage = None;
    r.suppressed = true;
    r.split_suppressed = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(wave: &str, day: Option<i32>) -> SkillRating {
        SkillRating {
            person: None,
            person_key: "p".into(),
            wave: wave.into(),
            day,
            area: "a".into(),
            rater: "self".into(),
            unit: 0.0,
            order: 0,
        }
    }

    #[test]
    fn waves_are_ordered_by_date_or_by_what_their_names_say() {
        let named = [
            rating("post", None),
            rating("6-month", None),
            rating("pre", None),
        ];
        assert_eq!(wave_order(&named), ["pre", "6-month", "post"]);
        let dated = [
            rating("b", Some(20)),
            rating("a", Some(30)),
            rating("b", Some(10)),
        ];
        assert_eq!(wave_order(&dated), ["b", "a"]);
    }
}
