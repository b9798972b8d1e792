//! M1: survey satisfaction before vs after — the composite's unpaired
//! (Welch, Cohen's d, Mann–Whitney) and paired comparisons, per-item means,
//! tests (Holm-adjusted) and answer distributions, and eNPS per wave — with
//! M6's regression-adjusted difference and minimum detectable effect.
//! Reverse-coded items are flipped (6 − x) before anything is computed.
//! Every figure over fewer than k distinct respondents is suppressed here,
//! before it leaves.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use polars::prelude::*;
use serde::Serialize;

use super::adjusted::{self, AdjustedDifference, ScoredResponse};
use super::frames::{self, Id, ProgramData};
use super::scope::Scope;
use super::AnalysisOptions;
use crate::error::{Error, Result};
use crate::stats;

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
    /// The difference with level and team held fixed (M6).
    pub adjusted: AdjustedDifference,
    /// The smallest difference this comparison could detect with 80%
    /// power (M6).
    pub mde_80: Option<f64>,
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
    /// Whether each item is reverse-coded (its answers flipped, 6 − x).
    pub reverse: Vec<bool>,
    pub before: Vec<Option<f64>>,
    pub after: Vec<Option<f64>>,
    pub n_before: Vec<usize>,
    pub n_after: Vec<usize>,
    /// 95% t interval of each item's mean per wave (hidden with the mean).
    pub ci_before: Vec<Option<[f64; 2]>>,
    pub ci_after: Vec<Option<[f64; 2]>>,
}

/// Counts per scale level (1..k on the item's own scale) per item and wave.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemDistribution {
    pub item: String,
    pub scale_points: usize,
    /// Reverse-coded: the counts are already flipped, so the last level is
    /// always the favourable end.
    pub reverse: bool,
    /// Answers per level; a level whose count may not be published is
    /// `None` (disclosure control), the whole side `None` when hidden.
    pub before: Option<Vec<Option<u64>>>,
    pub after: Option<Vec<Option<u64>>>,
    /// Share of answers above the middle level, per side; `None` when a
    /// level above the middle is hidden (it would reveal the hidden count).
    pub positive_before: Option<f64>,
    pub positive_after: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Enps {
    pub item: Option<String>,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub n_before: usize,
    pub n_after: usize,
}

/// One item's before/after test (M6: many items, one question).
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct ItemTest {
    pub item: String,
    pub diff: Option<f64>,
    pub welch_p: Option<f64>,
    /// Holm-adjusted across the items of the survey.
    pub p_holm: Option<f64>,
    pub suppressed: bool,
}

/// Items are matched across waves (and to their reverse-coding mark) by
/// their text, spacing and case aside.
pub(crate) fn norm_text(s: &str) -> String {
    crate::store::item_key(s)
}

pub(crate) struct SurveyParts {
    pub unpaired: SurveyUnpaired,
    pub paired: SurveyPaired,
    pub item_means: ItemMeans,
    pub item_tests: Vec<ItemTest>,
    pub distributions: Vec<ItemDistribution>,
    pub enps: Enps,
}

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

pub(crate) fn survey(
    data: &ProgramData,
    opts: &AnalysisOptions,
    scope: &Scope,
    k: usize,
) -> Result<SurveyParts> {
    let (first_wave, last_wave) = scope.default_waves(data);
    let before_wave = opts.before_wave.clone().or(first_wave);
    let after_wave = opts.after_wave.clone().or(last_wave);
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
        return Ok(SurveyParts {
            unpaired,
            paired,
            item_means: ItemMeans::default(),
            item_tests: Vec::new(),
            distributions: Vec::new(),
            enps,
        });
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
    let item_reverse: Vec<bool> = item_order
        .iter()
        .map(|k| data.reverse_items.contains(k))
        .collect();

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
        .filter(|r| scope.wave_in(data, &r.wave))
        .collect();

    // The long frame of Likert answers on the 1–5 scale.
    let (mut w_col, mut r_col, mut i_col, mut v_col, mut lvl_col) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut e_w, mut e_v, mut e_r) = (vec![], vec![], vec![]);
    // Each item's answers per wave, for its own test.
    let mut item_values: Vec<[Vec<f64>; 2]> = vec![[Vec::new(), Vec::new()]; item_order.len()];
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
            let reverse = item_reverse.get(idx).copied().unwrap_or(false);
            let on_five = 1.0 + 4.0 * (x - 1.0) / (points - 1.0);
            let (value, level) = if reverse {
                (6.0 - on_five, points as i32 + 1 - x as i32)
            } else {
                (on_five, x as i32)
            };
            w_col.push(is_before);
            r_col.push(a.response_id);
            i_col.push(idx as u32);
            v_col.push(value);
            lvl_col.push(level);
            if let Some(v) = item_values.get_mut(idx) {
                v[usize::from(!is_before)].push(value);
            }
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
    let mut scored: Vec<ScoredResponse> = Vec::with_capacity(comps.len());
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
        scored.push(ScoredResponse {
            after: !*b,
            respondent: rr.respondent,
            composite: *c,
        });
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
        unpaired.mde_80 = match (unpaired.sd_before, unpaired.sd_after) {
            (Some(sb), Some(sa)) => {
                stats::mde_two_means(sb, before_vals.len(), sa, after_vals.len())
            }
            _ => None,
        };
    }
    unpaired.adjusted = adjusted::survey_difference(data, &scored, k);

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
        reverse: item_reverse.clone(),
        before: vec![None; n_items],
        after: vec![None; n_items],
        n_before: vec![0; n_items],
        n_after: vec![0; n_items],
        ci_before: vec![None; n_items],
        ci_after: vec![None; n_items],
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
                reverse: item_reverse.get(i).copied().unwrap_or(false),
                before: (means.n_before[i] >= k).then(|| vec![Some(0); pts]),
                after: (means.n_after[i] >= k).then(|| vec![Some(0); pts]),
                positive_before: None,
                positive_after: None,
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
                v[l as usize - 1] = Some(*n as u64);
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
    // Each item's 95% interval per wave, from its own answers.
    let interval = |v: &[f64], mean: Option<f64>| -> Option<[f64; 2]> {
        let m = mean?;
        let s = stats::summary(v)?;
        let t = stats::t_crit95((v.len() as f64) - 1.0)?;
        (s.sd.is_finite() && v.len() >= 2).then(|| {
            let half = t * s.sd / (v.len() as f64).sqrt();
            [m - half, m + half]
        })
    };
    means.ci_before = (0..means.items.len())
        .map(|i| interval(&item_values[i][0], means.before[i]))
        .collect();
    means.ci_after = (0..means.items.len())
        .map(|i| interval(&item_values[i][1], means.after[i]))
        .collect();

    // Per-item tests, Holm-adjusted across the items shown.
    let mut item_tests: Vec<ItemTest> = means
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let suppressed = means.n_before[i] < k || means.n_after[i] < k;
            let welch = if suppressed {
                None
            } else {
                stats::welch_t(&item_values[i][0], &item_values[i][1])
            };
            ItemTest {
                item: item.clone(),
                diff: match (means.before[i], means.after[i]) {
                    (Some(b), Some(a)) if !suppressed => Some(a - b),
                    _ => None,
                },
                welch_p: welch.map(|w| w.p),
                p_holm: None,
                suppressed,
            }
        })
        .collect();
    let adjusted_p = stats::holm(&item_tests.iter().map(|t| t.welch_p).collect::<Vec<_>>());
    for (t, p) in item_tests.iter_mut().zip(adjusted_p) {
        t.p_holm = p;
    }
    Ok(SurveyParts {
        unpaired,
        paired,
        item_means: means,
        item_tests,
        distributions,
        enps,
    })
}
