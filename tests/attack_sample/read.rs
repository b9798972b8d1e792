//! The reader at work: every survey figure one `analyze --json` output
//! publishes, checked against the truth (so the reader's model of what a
//! figure covers cannot drift from the CLI's) and turned into rows.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::common::attack::{self, finish_row, frac, put, Row};
use crate::truth::{Filter, Truth};
use mentorscope::analysis::frames::Id;
use serde_json::Value;

/// A published count over answer levels: the (response, level) pairs it
/// adds up.
pub type LevelRow = Vec<(usize, usize)>;

/// Everything published, as rows of the three systems: answers (A),
/// recommendation scores (B), and the answer counts per level of each
/// (wave, item) (C).
#[derive(Default)]
pub struct Published {
    pub a: Vec<(String, Row)>,
    pub b: Vec<(String, Row)>,
    pub c: BTreeMap<(usize, usize), Vec<LevelRow>>,
    /// Non-null survey figures read (each output counted).
    pub figures: usize,
}

pub fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// A figure, or the midpoint of its 95% interval when only the interval
/// is published (a symmetric interval's midpoint is the figure).
pub fn num_or_mid(v: &Value, interval: &Value) -> Option<f64> {
    num(v).or_else(|| Some((num(&interval[0])? + num(&interval[1])?) / 2.0))
}

/// The top-level keys of `analyze --json` the reader reads, and those that
/// hold no survey answer figure. A key in neither fails the test, so a new
/// output cannot escape the reader unnoticed.
const READ: &[&str] = &[
    "survey_unpaired",
    "survey_paired",
    "item_means",
    "item_distributions",
    "enps",
    "item_tests",
    "waves",
    "cohorts",
    "formats",
];
const NOT_SURVEY_FIGURES: &[&str] = &[
    "as_of",
    "launch",
    "min_group_size",
    "ramp_up",
    "retention",
    "delivery",
    "engagement",
    "data_quality",
    "verdicts",
    // Tests across figures computed from the published rows only (rule 8).
    "cohorts_kruskal_p",
    "formats_kruskal_p",
    // Free text (M9) and skill ratings (M8): not in this reader
    // (docs/PRIVACY.md, known gaps).
    "comments",
    "skills",
    "suppressions",
];

pub fn close(what: &str, published: f64, truth: f64) {
    assert!(
        (published - truth).abs() <= 1e-9 * truth.abs().max(1.0),
        "{what}: the reader's model gives {truth}, the CLI published {published}"
    );
}

pub fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    v.iter().sum::<f64>() / v.len() as f64
}

pub fn enps(t: &Truth, rs: &[usize]) -> f64 {
    let vals: Vec<f64> = rs.iter().filter_map(|&r| t.resp[r].nps).collect();
    let p = vals.iter().filter(|v| **v >= 9.0).count() as f64;
    let d = vals.iter().filter(|v| **v <= 6.0).count() as f64;
    100.0 * (p - d) / vals.len() as f64
}

/// Reads one `analyze --json` output for a filter and a wave pair.
pub fn read(t: &Truth, f: &Filter, bw: usize, aw: usize, a: &Value, out: &mut Published) {
    let tag = format!("{f:?} {}→{}", t.data.waves[bw], t.data.waves[aw]);
    let wave_of = |name: &str| t.data.waves.iter().position(|w| w == name).unwrap();
    let scored = [t.scored(f, bw), t.scored(f, aw)];
    let all_in = |w: usize| -> Vec<usize> {
        (0..t.resp.len())
            .filter(|&r| t.resp[r].wave == w && t.lets_in(f, &t.resp[r]))
            .collect()
    };
    let comp_mean = |rs: &[usize]| mean(rs.iter().map(|&r| t.resp[r].composite(&t.items)));
    for key in a.as_object().expect("an object").keys() {
        assert!(
            READ.contains(&key.as_str()) || NOT_SURVEY_FIGURES.contains(&key.as_str()),
            "`analyze --json` has a key the reader does not know: `{key}`; read its survey figures or list it"
        );
    }
    let su = &a["survey_unpaired"];
    for (side, key) in [(0, "mean_before"), (1, "mean_after")] {
        if let Some(m) = num(&su[key]) {
            close(&format!("{tag} {key}"), m, comp_mean(&scored[side]));
            out.figures += 1;
            out.a.push((
                format!("{tag} {key}"),
                t.composite_row(&scored[side], |_| 1),
            ));
        }
    }
    if let Some(d) = num_or_mid(&su["diff"], &su["ci95"]) {
        close(
            &format!("{tag} diff"),
            d,
            comp_mean(&scored[1]) - comp_mean(&scored[0]),
        );
        out.figures += 1;
        let (nb, na) = (scored[0].len() as i64, scored[1].len() as i64);
        let mut rs = scored[0].clone();
        rs.extend(&scored[1]);
        let row = t.composite_row(&rs, |r| {
            if t.resp[r].wave == aw {
                frac(1, na)
            } else {
                attack::neg(frac(1, nb))
            }
        });
        out.a.push((format!("{tag} diff"), row));
    }
    if num_or_mid(&su["adjusted"]["diff"], &su["adjusted"]["ci95"]).is_some() {
        out.figures += 1;
        // OLS of the composite on after + level + team dummies over the
        // respondents on the roster; its `after` weights.
        let mut rs: Vec<usize> = scored[0].clone();
        rs.extend(&scored[1]);
        rs.retain(|&r| t.resp[r].who.is_some_and(|id| t.person(id).is_some()));
        let tl: Vec<(String, String)> = rs
            .iter()
            .map(|&r| {
                let p = t.person(t.resp[r].who.unwrap()).unwrap();
                (
                    p.team.clone().unwrap_or_default(),
                    p.level.clone().unwrap_or_default(),
                )
            })
            .collect();
        let levels: BTreeSet<&String> = tl.iter().map(|x| &x.1).collect();
        let teams: BTreeSet<&String> = tl.iter().map(|x| &x.0).collect();
        let x: Vec<Vec<i64>> = rs
            .iter()
            .zip(&tl)
            .map(|(&r, (team, level))| {
                let mut row = vec![1, i64::from(t.resp[r].wave == aw)];
                row.extend(levels.iter().skip(1).map(|l| i64::from(*l == level)));
                row.extend(teams.iter().skip(1).map(|x| i64::from(*x == team)));
                row
            })
            .collect();
        let w = attack::ols_weights(&x, 1).expect("a published adjusted difference has a fit");
        let pos: HashMap<usize, usize> = rs.iter().enumerate().map(|(i, r)| (*r, i)).collect();
        out.a.push((
            format!("{tag} adjusted"),
            t.composite_row(&rs, |r| w[pos[&r]]),
        ));
    }
    if let Some(m) = num_or_mid(
        &a["survey_paired"]["mean_diff"],
        &a["survey_paired"]["ci95"],
    ) {
        let (lb, la) = (t.latest(&scored[0]), t.latest(&scored[1]));
        let both: Vec<Id> = lb.keys().filter(|p| la.contains_key(p)).copied().collect();
        close(
            &format!("{tag} paired"),
            m,
            mean(
                both.iter()
                    .map(|p| t.resp[la[p]].composite(&t.items) - t.resp[lb[p]].composite(&t.items)),
            ),
        );
        out.figures += 1;
        let after: Vec<usize> = both.iter().map(|p| la[p]).collect();
        let before: Vec<usize> = both.iter().map(|p| lb[p]).collect();
        let mut rs = after.clone();
        rs.extend(&before);
        let after: HashSet<usize> = after.into_iter().collect();
        out.a.push((
            format!("{tag} paired"),
            t.composite_row(&rs, |r| {
                if after.contains(&r) {
                    1
                } else {
                    attack::neg(1)
                }
            }),
        ));
    }
    // Items (by their text), their differences, distributions.
    let im = &a["item_means"];
    let texts: Vec<&str> = im["items"]
        .as_array()
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (i, text) in texts.iter().enumerate() {
        let j = t.item_of[&mentorscope::store::item_key(text)];
        let answered = |side: usize| -> Vec<usize> {
            scored[side]
                .iter()
                .copied()
                .filter(|r| t.ua.contains_key(&(*r, j)))
                .collect()
        };
        let item_mean = |rs: &[usize]| {
            mean(rs.iter().map(|&r| {
                let x = t.resp[r].likert.iter().find(|(q, _)| *q == j).unwrap().1;
                t.items[j].value(x)
            }))
        };
        for (side, key) in [(0, "before"), (1, "after")] {
            if let Some(m) = num_or_mid(&im[key][i], &im[format!("ci_{key}")][i]) {
                close(
                    &format!("{tag} item {i} {key}"),
                    m,
                    item_mean(&answered(side)),
                );
                out.figures += 1;
                out.a.push((
                    format!("{tag} item {i} {key}"),
                    t.item_row(&scored[side], j, 1),
                ));
            }
        }
        if let Some(test) = a["item_tests"].as_array().and_then(|v| v.get(i)) {
            if test["diff"].as_f64().is_some() {
                out.figures += 1;
                let (nb, na) = (answered(0).len() as i64, answered(1).len() as i64);
                let mut row: HashMap<usize, u64> = HashMap::new();
                for (x, c) in t.item_row(&scored[1], j, frac(1, na)) {
                    put(&mut row, x, c);
                }
                for (x, c) in t.item_row(&scored[0], j, attack::neg(frac(1, nb))) {
                    put(&mut row, x, c);
                }
                out.a
                    .push((format!("{tag} item {i} diff"), finish_row(row)));
            }
        }
    }
    for d in a["item_distributions"].as_array().into_iter().flatten() {
        let j = t.item_of[&mentorscope::store::item_key(d["item"].as_str().unwrap())];
        let item = &t.items[j];
        let points = item.points as usize;
        for (side, key, pos_key) in [
            (0, "before", "positive_before"),
            (1, "after", "positive_after"),
        ] {
            let w = [bw, aw][side];
            let answers: Vec<(usize, usize)> = scored[side]
                .iter()
                .filter_map(|&r| {
                    let x = t.resp[r].likert.iter().find(|(q, _)| *q == j)?.1;
                    Some((r, item.level(x)))
                })
                .collect();
            let Some(levels) = d[key].as_array() else {
                continue;
            };
            let block = out.c.entry((w, j)).or_default();
            for (l, c) in levels.iter().enumerate() {
                if let Some(c) = c.as_u64() {
                    let truth = answers.iter().filter(|(_, x)| *x == l + 1).count();
                    assert_eq!(c as usize, truth, "{tag} item {j} {key} level {}", l + 1);
                    out.figures += 1;
                    block.push(answers.iter().map(|(r, _)| (*r, l + 1)).collect());
                }
            }
            if let Some(share) = num(&d[pos_key]) {
                let upper = points.div_ceil(2) + 1;
                let truth = answers.iter().filter(|(_, x)| *x >= upper).count() as f64
                    / answers.len() as f64;
                close(&format!("{tag} item {j} {pos_key}"), share, truth);
                out.figures += 1;
                // The share is the count of the upper levels over n.
                block.push(
                    answers
                        .iter()
                        .flat_map(|(r, _)| (upper..=points).map(move |l| (*r, l)))
                        .collect(),
                );
            }
        }
    }
    // eNPS of the pair, and the trend's waves.
    let en = &a["enps"];
    for (side, key) in [(0, "before"), (1, "after")] {
        if let Some(m) = num(&en[key]) {
            let rs = all_in([bw, aw][side]);
            close(&format!("{tag} enps {key}"), m, enps(t, &rs));
            out.figures += 1;
            out.b.push((format!("{tag} enps {key}"), t.nps_row(&rs)));
        }
    }
    for w in a["waves"].as_array().into_iter().flatten() {
        let wi = wave_of(w["wave"].as_str().unwrap());
        if let Some(m) = num_or_mid(&w["mean"], &w["ci95"]) {
            let rs = t.scored(f, wi);
            close(&format!("{tag} trend {wi}"), m, comp_mean(&rs));
            out.figures += 1;
            out.a
                .push((format!("{tag} trend {wi}"), t.composite_row(&rs, |_| 1)));
        }
        if let Some(m) = num(&w["enps"]) {
            let rs = all_in(wi);
            close(&format!("{tag} trend enps {wi}"), m, enps(t, &rs));
            out.figures += 1;
            out.b
                .push((format!("{tag} trend enps {wi}"), t.nps_row(&rs)));
        }
    }
    // Cohort and format rows: mentees of the filter's pairings, after wave.
    for (key, by_format) in [("cohorts", false), ("formats", true)] {
        let groups = t.breakdown(f, by_format);
        for row in a[key].as_array().into_iter().flatten() {
            let Some(m) = num(&row["after_mean"]) else {
                continue;
            };
            let name = row["cohort"].as_str().unwrap();
            let rs: Vec<usize> = scored[1]
                .iter()
                .copied()
                .filter(|&r| t.resp[r].who.is_some_and(|p| groups[name].contains(&p)))
                .collect();
            close(&format!("{tag} {key} {name}"), m, comp_mean(&rs));
            out.figures += 1;
            out.a
                .push((format!("{tag} {key} {name}"), t.composite_row(&rs, |_| 1)));
        }
    }
}
