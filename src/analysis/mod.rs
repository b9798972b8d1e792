//! The before/after comparisons of METRICS.md (M1–M5), computed with Polars
//! over frames built from the store, tested with `stats`, and turned into
//! plain result structs that serialise to the `analyze --json` contract,
//! each with a verdict in words a program manager can repeat.
//!
//! Definitions live in `docs/METRICS.md`; where this module makes
//! a choice the document leaves open, the comment says which and why. It
//! never reads files and never renders anything.

pub mod frames;
mod verdict;
pub use verdict::thousands;

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::stats;
use crate::store::Store;
use frames::{day_number, from_day_number, Id, ProgramData};

/// How people are split into the two groups of M2 and M3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// Mentees of at least one pairing vs everyone else.
    #[default]
    Mentored,
    /// Hired before the launch date vs on or after it.
    HiredAfterLaunch,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct AnalysisOptions {
    pub launch: Option<NaiveDate>,
    pub as_of: Option<NaiveDate>,
    pub before_wave: Option<String>,
    pub after_wave: Option<String>,
    pub min_group_size: usize,
    pub cohort: Option<String>,
    pub team: Option<String>,
    pub level: Option<String>,
    /// Meetings, survey responses and team-weeks from this day on.
    pub date_from: Option<NaiveDate>,
    /// … up to and including this day.
    pub date_to: Option<NaiveDate>,
    pub milestone_kind: Option<String>,
    pub split: Split,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            launch: None,
            as_of: None,
            before_wave: None,
            after_wave: None,
            min_group_size: 5,
            cohort: None,
            team: None,
            level: None,
            date_from: None,
            date_to: None,
            milestone_kind: None,
            split: Split::Mentored,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Verdict {
    /// `improved`, `worsened`, `no_clear_difference`, `too_few`, `no_data`.
    pub outcome: String,
    pub headline: String,
    pub caveats: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct SurveyUnpaired {
    pub before_wave: Option<String>,
    pub after_wave: Option<String>,
    pub n_before: usize,
    pub n_after: usize,
    pub mean_before: Option<f64>,
    pub mean_after: Option<f64>,
    pub sd_before: Option<f64>,
    pub sd_after: Option<f64>,
    pub diff: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub welch_t: Option<f64>,
    pub welch_df: Option<f64>,
    pub welch_p: Option<f64>,
    pub cohens_d: Option<f64>,
    pub mann_whitney_p: Option<f64>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct SurveyPaired {
    pub n_pairs: usize,
    pub mean_diff: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct ItemMeans {
    /// Item texts, in question order.
    pub items: Vec<String>,
    pub before: Vec<Option<f64>>,
    pub after: Vec<Option<f64>>,
    pub n_before: Vec<usize>,
    pub n_after: Vec<usize>,
}

/// Counts per scale level (1..k on the item's own scale) per item and wave.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemDistribution {
    pub item: String,
    pub scale_points: usize,
    pub before: Option<Vec<u64>>,
    pub after: Option<Vec<u64>>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Enps {
    pub item: Option<String>,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub n_before: usize,
    pub n_after: usize,
}

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
}

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
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct DeliverySide {
    pub team_weeks: usize,
    pub deploys_per_team_week: Option<f64>,
    pub change_failure_rate: Option<f64>,
    pub mttr_hours_median: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Delivery {
    pub before: DeliverySide,
    pub after: DeliverySide,
    pub deploys_relative_change: Option<f64>,
    pub change_failure_rate_relative_change: Option<f64>,
    pub mttr_relative_change: Option<f64>,
    pub deploys_mann_whitney_p: Option<f64>,
    /// Per week (all teams): (week day-number, mean deploys, CFR, median MTTR).
    pub weekly: Vec<WeeklyDelivery>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeeklyDelivery {
    pub week: NaiveDate,
    pub deploys_per_team: f64,
    pub change_failure_rate: Option<f64>,
    pub mttr_hours_median: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Engagement {
    pub meetings: usize,
    pub hours: f64,
    pub pairs: usize,
    pub meetings_per_pair: Option<f64>,
    pub active_pairs: usize,
    pub active_pairs_met_last_30d: usize,
    pub top_topics: BTreeMap<String, u64>,
    /// The same topics, most discussed first.
    pub topics_ranked: Vec<(String, u64)>,
    /// Active pairings with no meeting in the 30 days up to as-of.
    pub quiet_pairs: Vec<QuietPair>,
    pub meetings_per_month: Vec<MonthCount>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuietPair {
    pub mentor: String,
    pub mentee: String,
    pub last_meeting: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthCount {
    pub month: String,
    pub meetings: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct DataQuality {
    pub identities_not_on_roster: usize,
    pub pairings_without_meetings: usize,
    pub survey_responses_without_identity: usize,
    pub dates_after_as_of: usize,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Verdicts {
    pub survey: Option<Verdict>,
    pub ramp_up: Option<Verdict>,
    pub retention: Option<Verdict>,
    pub delivery: Option<Verdict>,
    pub engagement: Option<Verdict>,
}

/// The whole `analyze --json` object (METRICS.md), plus extra keys.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Analysis {
    pub as_of: Option<NaiveDate>,
    pub launch: Option<NaiveDate>,
    pub min_group_size: usize,
    pub survey_unpaired: SurveyUnpaired,
    pub survey_paired: SurveyPaired,
    pub item_means: ItemMeans,
    pub item_distributions: Vec<ItemDistribution>,
    pub enps: Enps,
    pub ramp_up: RampUp,
    pub retention: Retention,
    pub delivery: Delivery,
    pub engagement: Engagement,
    pub data_quality: DataQuality,
    pub verdicts: Verdicts,
    pub waves: Vec<String>,
}

/// Runs every comparison.
pub fn analyze(store: &Store, opts: &AnalysisOptions) -> Result<Analysis> {
    let data = ProgramData::load(store)?;
    analyze_data(&data, opts)
}

pub fn analyze_data(data: &ProgramData, opts: &AnalysisOptions) -> Result<Analysis> {
    let k = opts.min_group_size.max(1);
    let as_of = opts.as_of.map(day_number).or_else(|| data.latest_date());
    let launch = opts
        .launch
        .map(day_number)
        .or_else(|| data.pairings.iter().filter_map(|p| p.start).min());

    let scope = Scope::new(data, opts);

    // The survey comparison is the largest piece; it runs beside the others.
    let (survey_parts, rest) = std::thread::scope(|s| {
        let survey_job = s.spawn(|| survey(data, opts, &scope, k));
        let rest = (|| -> Result<_> {
            let survival_parts = match as_of {
                Some(a) => survival(data, opts, &scope, a, launch)?,
                None => (RampUp::default(), Retention::default()),
            };
            let delivery = delivery(data, &scope, launch)?;
            let engagement = match as_of {
                Some(a) => engagement(data, &scope, a)?,
                None => Engagement::default(),
            };
            Ok((survival_parts, delivery, engagement))
        })();
        let survey_parts = survey_job
            .join()
            .map_err(|_| Error::Analysis("the survey comparison failed".into()));
        (survey_parts, rest)
    });
    let (survey_unpaired, survey_paired, item_means, item_distributions, enps) = survey_parts??;
    let ((ramp_up, retention), delivery, engagement) = rest?;
    let data_quality = quality(data, &scope, as_of);

    let mut a = Analysis {
        as_of: as_of.map(from_day_number),
        launch: launch.map(from_day_number),
        min_group_size: k,
        survey_unpaired,
        survey_paired,
        item_means,
        item_distributions,
        enps,
        ramp_up,
        retention,
        delivery,
        engagement,
        data_quality,
        verdicts: Verdicts::default(),
        waves: data.waves.clone(),
    };
    a.verdicts = verdict::all(&a, data);
    Ok(a)
}

/// Who and what the filters let in.
struct Scope {
    /// People allowed by team/level (None = everyone, incl. people not on
    /// the roster).
    people: Option<HashSet<Id>>,
    /// Pairings (indexes) allowed by cohort and people.
    pairings: Vec<usize>,
    /// With a cohort filter, only people in a pairing of that cohort count.
    cohort_people: Option<HashSet<Id>>,
    mentees: HashSet<Id>,
    from: Option<i32>,
    to: Option<i32>,
}

impl Scope {
    fn new(data: &ProgramData, opts: &AnalysisOptions) -> Scope {
        let people = (opts.team.is_some() || opts.level.is_some()).then(|| {
            data.people
                .iter()
                .filter(|p| {
                    opts.team
                        .as_ref()
                        .is_none_or(|t| p.team.as_ref() == Some(t))
                })
                .filter(|p| {
                    opts.level
                        .as_ref()
                        .is_none_or(|l| p.level.as_ref() == Some(l))
                })
                .map(|p| p.id)
                .collect::<HashSet<_>>()
        });
        let pairings: Vec<usize> = data
            .pairings
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                opts.cohort
                    .as_ref()
                    .is_none_or(|c| p.cohort.as_ref() == Some(c))
            })
            .filter(|(_, p)| people.as_ref().is_none_or(|s| s.contains(&p.mentee)))
            .map(|(i, _)| i)
            .collect();
        let cohort_people = opts.cohort.as_ref().map(|_| {
            pairings
                .iter()
                .flat_map(|&i| [data.pairings[i].mentor, data.pairings[i].mentee])
                .collect()
        });
        let mentees = pairings.iter().map(|&i| data.pairings[i].mentee).collect();
        Scope {
            people,
            pairings,
            cohort_people,
            mentees,
            from: opts.date_from.map(day_number),
            to: opts.date_to.map(day_number),
        }
    }

    fn person_in(&self, id: Id) -> bool {
        self.people.as_ref().is_none_or(|s| s.contains(&id))
            && self.cohort_people.as_ref().is_none_or(|s| s.contains(&id))
    }

    fn day_in(&self, day: i32) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

fn norm_text(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

type SurveyParts = (
    SurveyUnpaired,
    SurveyPaired,
    ItemMeans,
    Vec<ItemDistribution>,
    Enps,
);

/// Responses by their (dense) row ID: a vector, not a hash map, because
/// it is looked up once per answer.
struct ResponsesById<'a> {
    base: i64,
    slots: Vec<Option<&'a frames::Response>>,
}

impl<'a> ResponsesById<'a> {
    fn get(&self, id: i64) -> Option<&'a frames::Response> {
        let i = usize::try_from(id.checked_sub(self.base)?).ok()?;
        self.slots.get(i).copied().flatten()
    }
}

impl<'a> FromIterator<&'a frames::Response> for ResponsesById<'a> {
    fn from_iter<I: IntoIterator<Item = &'a frames::Response>>(iter: I) -> Self {
        let all: Vec<&frames::Response> = iter.into_iter().collect();
        let base = all.iter().map(|r| r.id).min().unwrap_or(0);
        let top = all.iter().map(|r| r.id).max().unwrap_or(base - 1);
        let mut slots = vec![None; usize::try_from(top - base + 1).unwrap_or(0)];
        for r in all {
            slots[(r.id - base) as usize] = Some(r);
        }
        ResponsesById { base, slots }
    }
}

fn survey(
    data: &ProgramData,
    opts: &AnalysisOptions,
    scope: &Scope,
    k: usize,
) -> Result<SurveyParts> {
    let before_wave = opts
        .before_wave
        .clone()
        .or_else(|| data.waves.first().cloned());
    let after_wave = opts
        .after_wave
        .clone()
        .or_else(|| data.waves.last().cloned());
    for w in [&before_wave, &after_wave].into_iter().flatten() {
        if !data.waves.contains(w) {
            return Err(Error::InvalidArgument(format!(
                "there is no survey wave `{w}`; the imported waves are: {}",
                if data.waves.is_empty() {
                    "none".into()
                } else {
                    data.waves.join(", ")
                }
            )));
        }
    }
    let mut unpaired = SurveyUnpaired {
        before_wave: before_wave.clone(),
        after_wave: after_wave.clone(),
        ..Default::default()
    };
    let mut paired = SurveyPaired::default();
    let mut enps = Enps::default();
    let (Some(bw), Some(aw)) = (before_wave, after_wave) else {
        unpaired.suppressed = true;
        paired.suppressed = true;
        return Ok((unpaired, paired, ItemMeans::default(), Vec::new(), enps));
    };

    // Items are matched across waves by their text; question order is the
    // before wave's, then items only the after wave asked.
    let mut item_order: Vec<String> = Vec::new();
    let mut item_text: HashMap<String, String> = HashMap::new();
    let mut q_info: HashMap<i64, (usize, f64, bool)> = HashMap::new(); // question → (item index, points, is_likert)
    let mut enps_item: Option<String> = None;
    for wave in [&bw, &aw] {
        let mut qs: Vec<_> = data.questions.iter().filter(|q| &q.wave == wave).collect();
        qs.sort_by_key(|q| q.position);
        for q in qs {
            let key = norm_text(&q.text);
            match q.kind.as_str() {
                "likert" => {
                    if !item_text.contains_key(&key) {
                        item_order.push(key.clone());
                        item_text.insert(key.clone(), q.text.clone());
                    }
                    let idx = item_order.iter().position(|k| *k == key).unwrap_or(0);
                    q_info.insert(q.id, (idx, q.scale_points.unwrap_or(5) as f64, true));
                }
                "zero_to_ten" => {
                    let t = q.text.to_lowercase();
                    let is_recommend = t.contains("recommend") || t.contains("nps");
                    if enps_item.is_none() && is_recommend {
                        enps_item = Some(key.clone());
                        item_text.insert(key.clone(), q.text.clone());
                    }
                    if enps_item.as_ref() == Some(&key) {
                        q_info.insert(q.id, (usize::MAX, 11.0, false));
                    }
                }
                _ => {}
            }
        }
    }
    enps.item = enps_item.as_ref().and_then(|k| item_text.get(k).cloned());

    // Responses in scope for the two waves.
    let resp: ResponsesById = data
        .responses
        .iter()
        .filter(|r| r.wave == bw || r.wave == aw)
        .filter(|r| match r.respondent {
            Some(p) => scope.person_in(p),
            // Anonymous responses cannot be placed in a team or cohort.
            None => scope.people.is_none() && scope.cohort_people.is_none(),
        })
        .filter(|r| {
            r.submitted
                .is_none_or(|s| scope.day_in(s.div_euclid(86_400) as i32))
        })
        .collect();

    // The long frame of Likert answers on the 1–5 scale.
    let (mut w_col, mut r_col, mut i_col, mut v_col, mut lvl_col) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut e_w, mut e_v, mut e_r) = (vec![], vec![], vec![]);
    for a in &data.answers {
        let (Some(r), Some(&(idx, points, likert)), Some(x)) = (
            resp.get(a.response_id),
            q_info.get(&a.question_id),
            a.value_num,
        ) else {
            continue;
        };
        let is_before = r.wave == bw;
        if likert {
            w_col.push(is_before);
            r_col.push(a.response_id);
            i_col.push(idx as u32);
            v_col.push(1.0 + 4.0 * (x - 1.0) / (points - 1.0));
            lvl_col.push(x as i32);
        } else {
            e_w.push(is_before);
            e_v.push(x);
            e_r.push(a.response_id);
        }
    }
    // Grouping on one integer key is Polars' fast path; the keys pack
    // (item, wave) and (item, wave, level) so no multi-column row encoding
    // is needed.
    let side_item: Vec<u32> = i_col
        .iter()
        .zip(&w_col)
        .map(|(i, b)| i * 2 + u32::from(*b))
        .collect();
    let side_item_level: Vec<u32> = side_item
        .iter()
        .zip(&lvl_col)
        .map(|(si, l)| si << 8 | (*l).clamp(0, 255) as u32)
        .collect();
    let long = frames::frame(vec![
        Column::new("before".into(), w_col),
        Column::new("response".into(), r_col),
        Column::new("value".into(), v_col),
        Column::new("side_item".into(), side_item),
        Column::new("side_item_level".into(), side_item_level),
    ])?;

    // Composite per response (a response belongs to one wave).
    let composite = long
        .clone()
        .lazy()
        .group_by([col("response")])
        .agg([
            col("before").first().alias("before"),
            col("value").mean().alias("composite"),
        ])
        .sort(["response"], SortMultipleOptions::default())
        .collect()?;
    let before_flags: Vec<Option<bool>> = composite.column("before")?.bool()?.iter().collect();
    let responses = frames::i64_values(&composite, "response")?;
    let comps = frames::f64_values(&composite, "composite")?;
    let mut before_vals = Vec::new();
    let mut after_vals = Vec::new();
    // person → (submitted, composite) per wave, latest submission wins.
    let mut latest: [HashMap<Id, (i64, i64, f64)>; 2] = [HashMap::new(), HashMap::new()];
    let mut respondents: [HashSet<Id>; 2] = [HashSet::new(), HashSet::new()];
    let mut anonymous = [0usize; 2];
    for ((b, r), c) in before_flags.iter().zip(&responses).zip(&comps) {
        let (Some(b), Some(r), Some(c)) = (b, r, c) else {
            continue;
        };
        let side = if *b { 0 } else { 1 };
        if *b {
            before_vals.push(*c);
        } else {
            after_vals.push(*c);
        }
        let Some(rr) = resp.get(*r) else {
            continue;
        };
        match rr.respondent {
            Some(p) => {
                respondents[side].insert(p);
                // No time sorts first, as an empty string would.
                let stamp = rr.submitted.unwrap_or(i64::MIN);
                let e = latest[side].entry(p).or_insert((stamp, *r, *c));
                if (stamp, *r) > (e.0, e.1) {
                    *e = (stamp, *r, *c);
                }
            }
            None => anonymous[side] += 1,
        }
    }
    let distinct = [
        respondents[0].len() + anonymous[0],
        respondents[1].len() + anonymous[1],
    ];
    unpaired.n_before = before_vals.len();
    unpaired.n_after = after_vals.len();
    unpaired.suppressed = distinct[0] < k || distinct[1] < k;
    if !unpaired.suppressed {
        let sb = stats::summary(&before_vals);
        let sa = stats::summary(&after_vals);
        unpaired.mean_before = sb.map(|s| s.mean);
        unpaired.mean_after = sa.map(|s| s.mean);
        unpaired.sd_before = sb.map(|s| s.sd).filter(|x| x.is_finite());
        unpaired.sd_after = sa.map(|s| s.sd).filter(|x| x.is_finite());
        unpaired.diff = match (unpaired.mean_before, unpaired.mean_after) {
            (Some(b), Some(a)) => Some(a - b),
            _ => None,
        };
        if let Some(w) = stats::welch_t(&before_vals, &after_vals) {
            unpaired.ci95 = Some([w.ci95.0, w.ci95.1]);
            unpaired.welch_t = Some(w.t);
            unpaired.welch_df = Some(w.df);
            unpaired.welch_p = Some(w.p);
        }
        unpaired.cohens_d = stats::cohens_d(&before_vals, &after_vals);
        unpaired.mann_whitney_p = stats::mann_whitney_u(&before_vals, &after_vals).map(|m| m.p);
    }

    let mut people: Vec<&Id> = latest[0]
        .keys()
        .filter(|p| latest[1].contains_key(*p))
        .collect();
    people.sort();
    let diffs: Vec<f64> = people
        .iter()
        .map(|p| latest[1][*p].2 - latest[0][*p].2)
        .collect();
    paired.n_pairs = diffs.len();
    paired.suppressed = diffs.len() < k;
    if !paired.suppressed {
        paired.mean_diff = stats::summary(&diffs).map(|s| s.mean);
        if let Some(t) = stats::paired_t(&diffs) {
            paired.ci95 = Some([t.ci95.0, t.ci95.1]);
            paired.t = Some(t.t);
            paired.df = Some(t.df);
            paired.p = Some(t.p);
        }
    }

    // Per-item means and response counts.
    let per_item = long
        .clone()
        .lazy()
        .group_by([col("side_item")])
        .agg([col("value").mean().alias("mean"), len().alias("n")])
        .collect()?;
    let n_items = item_order.len();
    let mut means = ItemMeans {
        items: item_order.iter().map(|k| item_text[k].clone()).collect(),
        before: vec![None; n_items],
        after: vec![None; n_items],
        n_before: vec![0; n_items],
        n_after: vec![0; n_items],
    };
    let psi = frames::i64_values(&per_item, "side_item")?;
    let pm = frames::f64_values(&per_item, "mean")?;
    let pn = frames::i64_values(&per_item, "n")?;
    for ((si, m), n) in psi.iter().zip(&pm).zip(&pn) {
        let (Some(si), Some(n)) = (si, n) else {
            continue;
        };
        let (i, b) = ((*si / 2) as usize, *si % 2 == 1);
        let n = *n as usize;
        let show = n >= k;
        if b {
            means.n_before[i] = n;
            means.before[i] = if show { *m } else { None };
        } else {
            means.n_after[i] = n;
            means.after[i] = if show { *m } else { None };
        }
    }

    // Distributions on each item's own scale.
    let dist = long
        .lazy()
        .group_by([col("side_item_level")])
        .agg([len().alias("n")])
        .collect()?;
    let mut points_of: HashMap<usize, usize> = HashMap::new();
    for (idx, p, _) in q_info.values() {
        if *idx != usize::MAX {
            points_of.insert(*idx, *p as usize);
        }
    }
    let mut distributions: Vec<ItemDistribution> = item_order
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let pts = points_of.get(&i).copied().unwrap_or(5);
            ItemDistribution {
                item: item_text[key].clone(),
                scale_points: pts,
                before: (means.n_before[i] >= k).then(|| vec![0; pts]),
                after: (means.n_after[i] >= k).then(|| vec![0; pts]),
            }
        })
        .collect();
    let dsil = frames::i64_values(&dist, "side_item_level")?;
    let dn = frames::i64_values(&dist, "n")?;
    for (sil, n) in dsil.iter().zip(&dn) {
        let (Some(sil), Some(n)) = (sil, n) else {
            continue;
        };
        let (si, l) = (*sil >> 8, *sil & 0xff);
        let d = &mut distributions[(si / 2) as usize];
        let slot = if si % 2 == 1 {
            &mut d.before
        } else {
            &mut d.after
        };
        if let Some(v) = slot {
            if l >= 1 && (l as usize) <= v.len() {
                v[l as usize - 1] = *n as u64;
            }
        }
    }

    // eNPS per wave over non-missing answers.
    for (side, flag) in [(0usize, true), (1, false)] {
        let vals: Vec<f64> = e_w
            .iter()
            .zip(&e_v)
            .filter(|(w, _)| **w == flag)
            .map(|(_, v)| *v)
            .collect();
        let who: HashSet<i64> = e_w
            .iter()
            .zip(&e_r)
            .filter(|(w, _)| **w == flag)
            .map(|(_, r)| *r)
            .collect();
        let n = vals.len();
        let score = (n >= k && who.len() >= k).then(|| {
            let promoters = vals.iter().filter(|v| **v >= 9.0).count() as f64;
            let detractors = vals.iter().filter(|v| **v <= 6.0).count() as f64;
            100.0 * (promoters - detractors) / n as f64
        });
        if side == 0 {
            enps.before = score;
            enps.n_before = n;
        } else {
            enps.after = score;
            enps.n_after = n;
        }
    }
    Ok((unpaired, paired, means, distributions, enps))
}

fn curve_of(km: &stats::KaplanMeier) -> Vec<[f64; 4]> {
    km.times
        .iter()
        .enumerate()
        .map(|(i, t)| [*t, km.survival[i], km.ci_lower[i], km.ci_upper[i]])
        .collect()
}

fn survival(
    data: &ProgramData,
    opts: &AnalysisOptions,
    scope: &Scope,
    as_of: i32,
    launch: Option<i32>,
) -> Result<(RampUp, Retention)> {
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
    let mut ramp = RampUp {
        milestone_kind: kind.clone(),
        window_start: window_start.map(from_day_number),
        group_labels: labels.clone(),
        ..Default::default()
    };
    let mut ret = Retention {
        group_labels: labels,
        ..Default::default()
    };
    let Some(ws) = window_start else {
        return Ok((ramp, ret));
    };

    let (mut rt, mut re, mut st, mut se) = (
        [vec![], vec![]],
        [vec![], vec![]],
        [vec![], vec![]],
        [vec![], vec![]],
    );
    let mut naive = [vec![], vec![]];
    for p in &data.people {
        let Some(h) = p.hire else { continue };
        if h < ws || h > as_of || !scope.person_in(p.id) {
            continue;
        }
        let g = match opts.split {
            Split::Mentored => usize::from(!scope.mentees.contains(&p.id)),
            Split::HiredAfterLaunch => usize::from(launch.is_none_or(|l| h < l)),
        };
        let exit = p.exit.filter(|e| *e <= as_of);
        let censor_exit = p.exit.filter(|e| *e < as_of);
        match first.get(&p.id).filter(|d| **d <= as_of) {
            Some(d) => {
                rt[g].push((d - h) as f64);
                re[g].push(true);
                naive[g].push((d - h) as f64);
            }
            None => {
                rt[g].push((censor_exit.unwrap_or(as_of).min(as_of) - h) as f64);
                re[g].push(false);
            }
        }
        match exit {
            Some(e) => {
                st[g].push((e - h) as f64);
                se[g].push(true);
            }
            None => {
                st[g].push((as_of - h) as f64);
                se[g].push(false);
            }
        }
    }
    for g in 0..2 {
        let km = stats::kaplan_meier(&rt[g], &re[g]);
        let grp = SurvivalGroup {
            n: rt[g].len(),
            events: re[g].iter().filter(|e| **e).count(),
            km_median_days: km.as_ref().and_then(|k| k.median()),
            naive_median_days: median(&mut naive[g].clone()),
            curve: km.as_ref().map(curve_of).unwrap_or_default(),
            censored_times: rt[g]
                .iter()
                .zip(&re[g])
                .filter(|(_, e)| !**e)
                .map(|(t, _)| *t)
                .collect(),
        };
        let kms = stats::kaplan_meier(&st[g], &se[g]);
        let rg = RetentionGroup {
            n: st[g].len(),
            exits: se[g].iter().filter(|e| **e).count(),
            retained_365: kms.as_ref().map(|k| k.survival_at(365.0)),
            curve: kms.as_ref().map(curve_of).unwrap_or_default(),
            censored_times: st[g]
                .iter()
                .zip(&se[g])
                .filter(|(_, e)| !**e)
                .map(|(t, _)| *t)
                .collect(),
        };
        if g == 0 {
            ramp.mentored = grp;
            ret.mentored = rg;
        } else {
            ramp.not_mentored = grp;
            ret.not_mentored = rg;
        }
    }
    ramp.logrank_p = stats::logrank(&rt[0], &re[0], &rt[1], &re[1]).map(|l| l.p);
    ret.logrank_p = stats::logrank(&st[0], &se[0], &st[1], &se[1]).map(|l| l.p);
    Ok((ramp, ret))
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

fn relative(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    match (before, after) {
        (Some(b), Some(a)) if b != 0.0 => Some(a / b - 1.0),
        _ => None,
    }
}

fn delivery(data: &ProgramData, scope: &Scope, launch: Option<i32>) -> Result<Delivery> {
    let teams: Option<HashSet<String>> = scope.people.as_ref().map(|_| {
        data.people
            .iter()
            .filter(|p| scope.person_in(p.id))
            .filter_map(|p| p.team.clone())
            .collect()
    });
    let rows: Vec<&frames::TeamWeek> = data
        .team_weeks
        .iter()
        .filter(|t| teams.as_ref().is_none_or(|s| s.contains(&t.team)))
        .filter(|t| scope.day_in(t.day))
        .collect();
    let mut out = Delivery::default();
    let Some(launch) = launch else { return Ok(out) };
    let df = frames::frame(vec![
        Column::new(
            "after".into(),
            rows.iter().map(|t| t.day >= launch).collect::<Vec<_>>(),
        ),
        Column::new("day".into(), rows.iter().map(|t| t.day).collect::<Vec<_>>()),
        Column::new(
            "deployments".into(),
            rows.iter().map(|t| t.deployments).collect::<Vec<_>>(),
        ),
        Column::new(
            "incidents".into(),
            rows.iter().map(|t| t.incidents).collect::<Vec<_>>(),
        ),
        Column::new(
            "mttr".into(),
            rows.iter().map(|t| t.mttr_hours).collect::<Vec<_>>(),
        ),
    ])?;
    // CFR counts only weeks where both deployments and incidents are known.
    let both = col("deployments")
        .is_not_null()
        .and(col("incidents").is_not_null());
    let sides = df
        .clone()
        .lazy()
        .group_by([col("after")])
        .agg([
            len().alias("weeks"),
            col("deployments").mean().alias("deploys"),
            col("incidents").filter(both.clone()).sum().alias("inc"),
            col("deployments").filter(both.clone()).sum().alias("dep"),
            col("mttr").median().alias("mttr"),
        ])
        .collect()?;
    let after: Vec<Option<bool>> = sides.column("after")?.bool()?.iter().collect();
    let weeks = frames::i64_values(&sides, "weeks")?;
    let dep_mean = frames::f64_values(&sides, "deploys")?;
    let inc = frames::f64_values(&sides, "inc")?;
    let dep = frames::f64_values(&sides, "dep")?;
    let mttr = frames::f64_values(&sides, "mttr")?;
    for i in 0..after.len() {
        let side = DeliverySide {
            team_weeks: weeks[i].unwrap_or(0) as usize,
            deploys_per_team_week: dep_mean[i],
            change_failure_rate: match (inc[i], dep[i]) {
                (Some(a), Some(b)) if b > 0.0 => Some(a / b),
                _ => None,
            },
            mttr_hours_median: mttr[i],
        };
        if after[i] == Some(true) {
            out.after = side;
        } else {
            out.before = side;
        }
    }
    out.deploys_relative_change = relative(
        out.before.deploys_per_team_week,
        out.after.deploys_per_team_week,
    );
    out.change_failure_rate_relative_change = relative(
        out.before.change_failure_rate,
        out.after.change_failure_rate,
    );
    out.mttr_relative_change = relative(out.before.mttr_hours_median, out.after.mttr_hours_median);
    let before_d: Vec<f64> = rows
        .iter()
        .filter(|t| t.day < launch)
        .filter_map(|t| t.deployments)
        .collect();
    let after_d: Vec<f64> = rows
        .iter()
        .filter(|t| t.day >= launch)
        .filter_map(|t| t.deployments)
        .collect();
    out.deploys_mann_whitney_p = stats::mann_whitney_u(&before_d, &after_d).map(|m| m.p);

    let weekly = df
        .lazy()
        .group_by([col("day")])
        .agg([
            col("deployments").mean().alias("deploys"),
            col("incidents").filter(both.clone()).sum().alias("inc"),
            col("deployments").filter(both).sum().alias("dep"),
            col("mttr").median().alias("mttr"),
        ])
        .sort(["day"], SortMultipleOptions::default())
        .collect()?;
    let days = frames::i64_values(&weekly, "day")?;
    let d = frames::f64_values(&weekly, "deploys")?;
    let inc = frames::f64_values(&weekly, "inc")?;
    let dep = frames::f64_values(&weekly, "dep")?;
    let m = frames::f64_values(&weekly, "mttr")?;
    for i in 0..days.len() {
        let (Some(day), Some(dd)) = (days[i], d[i]) else {
            continue;
        };
        out.weekly.push(WeeklyDelivery {
            week: from_day_number(day as i32),
            deploys_per_team: dd,
            change_failure_rate: match (inc[i], dep[i]) {
                (Some(a), Some(b)) if b > 0.0 => Some(a / b),
                _ => None,
            },
            mttr_hours_median: m[i],
        });
    }
    Ok(out)
}

/// A (mentor, mentee) pair as one integer, which hashes in one step.
fn pair_key(mentor: Id, mentee: Id) -> u64 {
    u64::from(mentor) << 32 | u64::from(mentee)
}

fn engagement(data: &ProgramData, scope: &Scope, as_of: i32) -> Result<Engagement> {
    let pair_keys: HashSet<u64> = scope
        .pairings
        .iter()
        .map(|&i| pair_key(data.pairings[i].mentor, data.pairings[i].mentee))
        .collect();
    let filtered_pairs = scope.people.is_some() || scope.cohort_people.is_some();
    // A meeting counts when it is in the date range and, under a team,
    // level or cohort filter, belongs to a pairing that is in scope.
    let meetings: Vec<&frames::Meeting> = data
        .meetings
        .iter()
        .filter(|m| scope.day_in(m.day))
        .filter(|m| !filtered_pairs || pair_keys.contains(&pair_key(m.mentor, m.mentee)))
        .collect();
    let df = frames::frame(vec![
        Column::new(
            "day".into(),
            meetings.iter().map(|m| m.day).collect::<Vec<_>>(),
        ),
        Column::new(
            "duration".into(),
            meetings.iter().map(|m| m.duration_min).collect::<Vec<_>>(),
        ),
    ])?;
    let totals = df
        .clone()
        .lazy()
        .select([len().alias("n"), col("duration").sum().alias("minutes")])
        .collect()?;
    let n = frames::i64_values(&totals, "n")?
        .first()
        .copied()
        .flatten()
        .unwrap_or(0) as usize;
    let minutes = frames::f64_values(&totals, "minutes")?
        .first()
        .copied()
        .flatten()
        .unwrap_or(0.0);

    let mut last_meeting: HashMap<u64, i32> = HashMap::new();
    for m in &meetings {
        if m.day <= as_of {
            let e = last_meeting
                .entry(pair_key(m.mentor, m.mentee))
                .or_insert(m.day);
            *e = (*e).max(m.day);
        }
    }
    let mut active = 0;
    let mut met = 0;
    let mut quiet = Vec::new();
    for &i in &scope.pairings {
        let p = &data.pairings[i];
        let is_active = p.start.is_none_or(|s| s <= as_of) && p.end.is_none_or(|e| as_of <= e);
        if !is_active {
            continue;
        }
        active += 1;
        let last = last_meeting.get(&pair_key(p.mentor, p.mentee)).copied();
        // "The 30 days up to and including as-of": as_of − 29 … as_of.
        if last.is_some_and(|d| d > as_of - 30) {
            met += 1;
        } else {
            quiet.push(QuietPair {
                mentor: data.names[p.mentor as usize].clone(),
                mentee: data.names[p.mentee as usize].clone(),
                last_meeting: last.map(from_day_number),
            });
        }
    }
    quiet.sort_by(|a, b| {
        a.last_meeting
            .cmp(&b.last_meeting)
            .then(a.mentee.cmp(&b.mentee))
    });

    // Topics: counted per spelling with Polars, then folded case-insensitively
    // over the (small) vocabulary and shown in the most common spelling.
    let topic_ids: Vec<u32> = meetings
        .iter()
        .flat_map(|m| {
            data.meeting_topics[m.topics.0 as usize..m.topics.1 as usize]
                .iter()
                .copied()
        })
        .collect();
    let by_spelling = frames::frame(vec![Column::new("topic".into(), topic_ids)])?
        .lazy()
        .group_by([col("topic")])
        .agg([len().alias("n")])
        .collect()?;
    let ids = frames::i64_values(&by_spelling, "topic")?;
    let counts = frames::i64_values(&by_spelling, "n")?;
    // folded → (total, best spelling, its count)
    let mut per_topic: HashMap<String, (u64, &str, u64)> = HashMap::new();
    for (id, c) in ids.iter().zip(&counts) {
        let (Some(id), Some(c)) = (id, c) else {
            continue;
        };
        let spelling = data.topic_spellings[*id as usize].as_str();
        let c = *c as u64;
        let e = per_topic
            .entry(spelling.to_lowercase())
            .or_insert((0, spelling, 0));
        e.0 += c;
        if (c, std::cmp::Reverse(spelling)) > (e.2, std::cmp::Reverse(e.1)) {
            e.1 = spelling;
            e.2 = c;
        }
    }
    let mut ranked: Vec<(String, u64)> = per_topic
        .into_values()
        .map(|(n, s, _)| (s.to_string(), n))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let topics_ranked: Vec<(String, u64)> = ranked.into_iter().take(10).collect();
    let top_topics = topics_ranked.iter().cloned().collect();

    // Meetings per month: count per day with Polars, then roll the few
    // hundred distinct days up into months.
    let per_day = df
        .lazy()
        .group_by([col("day")])
        .agg([len().alias("n")])
        .collect()?;
    let days = frames::i64_values(&per_day, "day")?;
    let day_counts = frames::i64_values(&per_day, "n")?;
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    for (d, c) in days.iter().zip(&day_counts) {
        if let (Some(d), Some(c)) = (d, c) {
            *months
                .entry(from_day_number(*d as i32).format("%Y-%m").to_string())
                .or_insert(0) += *c as u64;
        }
    }
    let pairs = scope.pairings.len();
    Ok(Engagement {
        meetings: n,
        hours: minutes / 60.0,
        pairs,
        meetings_per_pair: (pairs > 0).then(|| n as f64 / pairs as f64),
        active_pairs: active,
        active_pairs_met_last_30d: met,
        top_topics,
        topics_ranked,
        quiet_pairs: quiet,
        meetings_per_month: months
            .into_iter()
            .map(|(month, meetings)| MonthCount { month, meetings })
            .collect(),
    })
}

fn quality(data: &ProgramData, scope: &Scope, as_of: Option<i32>) -> DataQuality {
    // Pairings in scope → whether any meeting was logged for them.
    let mut met: HashMap<u64, bool> = scope
        .pairings
        .iter()
        .map(|&i| {
            (
                pair_key(data.pairings[i].mentor, data.pairings[i].mentee),
                false,
            )
        })
        .collect();
    for m in &data.meetings {
        if let Some(seen) = met.get_mut(&pair_key(m.mentor, m.mentee)) {
            *seen = true;
        }
    }
    let pairings_without_meetings = scope
        .pairings
        .iter()
        .filter(|&&i| !met[&pair_key(data.pairings[i].mentor, data.pairings[i].mentee)])
        .count();
    let survey_responses_without_identity = data
        .responses
        .iter()
        .filter(|r| r.respondent.is_none())
        .count();
    let dates_after_as_of = as_of.map_or(0, |a| {
        data.meetings.iter().filter(|m| m.day > a).count()
            + data.milestones.iter().filter(|m| m.day > a).count()
    });
    let mut notes = Vec::new();
    if data.people.is_empty() {
        notes.push("No roster is imported, so ramp-up and retention cannot be computed and identities cannot be checked.".into());
    }
    if data.pairings.is_empty() {
        notes.push("No pairing sheet is imported, so nobody counts as mentored.".into());
    }
    if !data.unknown_identities.is_empty() {
        notes.push(format!(
            "{} people appear in meetings, pairings or surveys but not on the roster; they are counted where possible but have no team, level or hire date.",
            data.unknown_identities.len()
        ));
    }
    if survey_responses_without_identity > 0 {
        notes.push(format!(
            "{survey_responses_without_identity} survey responses carry no name or e-mail, so they count in wave averages but not in the paired (same-person) comparison."
        ));
    }
    if pairings_without_meetings > 0 {
        notes.push(format!(
            "{pairings_without_meetings} pairings have no recorded meeting at all."
        ));
    }
    DataQuality {
        identities_not_on_roster: data.unknown_identities.len(),
        pairings_without_meetings,
        survey_responses_without_identity,
        dates_after_as_of,
        notes,
    }
}
