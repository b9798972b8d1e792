//! The curious reader on the sample program, through the CLI (issue 16,
//! item 3). The sample's exports are imported with the built `mentorscope`
//! binary, one item is marked reverse-coded, and `analyze --json` is run
//! with no filter, every single filter (each team, level and cohort: the
//! filters the CLI offers) and every combination of two, over every pair
//! of survey waves (`--before`/`--after`, earlier wave first). Every
//! published survey figure — the composites and their n, item means,
//! per-item differences, the distributions and their positive shares,
//! eNPS, the paired change, the adjusted difference, the trend's means and
//! eNPS per wave, the cohort and format rows — becomes a row of a linear
//! system over every respondent's answers, read from the database (the
//! truth): the reader knows the org chart, who answered which wave and
//! which items, on which scale and in which direction. Each figure's value
//! is checked against the truth first, so the reader's model of what a
//! figure covers cannot drift from what the CLI computes.
//!
//! The reader must not be able to solve for any single answer, any one
//! response's composite, any one person's change between two waves, or the
//! sum (so the mean) of fewer than k people — over every group the filters
//! describe, the rest of every wider group, the people who skipped an item,
//! the mentees of a cohort or format and those without a team or level.
//! The algebra is `common::attack` (shared with `privacy_attack.rs`).
//!
//! The same reader, fed the library's output with the three rules against
//! subtraction switched off, must find something: the proof that it can
//! see a leak on this program's shape.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use common::attack::{self, finish_row, frac, int, put, Row, Space};
use mentorscope::analysis::frames::{Id, ProgramData};
use mentorscope::analysis::{analyze_data, AnalysisOptions};
use serde_json::Value;

const K: usize = 5;

/// The item marked reverse-coded for the run (the setting a manager makes
/// in the app), so the reader's coefficients carry a direction.
const REVERSED: &str = "I would like to still be working here in a year";

// ------------------------------------------------------------------ truth

struct Item {
    points: i64,
    reverse: bool,
}

impl Item {
    /// The coefficient of the raw answer in the value on the 1–5 scale
    /// (the constant part is known to the reader and drops out).
    fn coef(&self) -> u64 {
        let c = frac(4, self.points - 1);
        if self.reverse {
            attack::neg(c)
        } else {
            c
        }
    }
    fn value(&self, raw: f64) -> f64 {
        let v = 1.0 + 4.0 * (raw - 1.0) / (self.points - 1) as f64;
        if self.reverse {
            6.0 - v
        } else {
            v
        }
    }
    /// The level shown in a distribution (reverse-coded items flipped).
    fn level(&self, raw: f64) -> usize {
        let x = raw as i64;
        (if self.reverse { self.points + 1 - x } else { x }) as usize
    }
}

struct Resp {
    wave: usize,
    who: Option<Id>,
    submitted: i64,
    id: i64,
    /// (item, raw answer), Likert items only.
    likert: Vec<(usize, f64)>,
    /// The recommendation (0–10) answer.
    nps: Option<f64>,
}

impl Resp {
    fn composite(&self, items: &[Item]) -> f64 {
        self.likert
            .iter()
            .map(|(j, x)| items[*j].value(*x))
            .sum::<f64>()
            / self.likert.len() as f64
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct Filter {
    cohort: Option<String>,
    team: Option<String>,
    level: Option<String>,
}

impl Filter {
    fn count(&self) -> usize {
        [&self.cohort, &self.team, &self.level]
            .iter()
            .filter(|x| x.is_some())
            .count()
    }
    fn args(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (flag, v) in [
            ("--cohort", &self.cohort),
            ("--team", &self.team),
            ("--level", &self.level),
        ] {
            if let Some(v) = v {
                out.push(flag.to_string());
                out.push(v.clone());
            }
        }
        out
    }
}

struct Truth {
    data: ProgramData,
    items: Vec<Item>,
    item_of: HashMap<String, usize>,
    resp: Vec<Resp>,
    teams: BTreeSet<String>,
    levels: BTreeSet<String>,
    cohorts: BTreeSet<String>,
    /// Unknowns of the answers: (response, item) → column.
    ua: HashMap<(usize, usize), usize>,
    /// Unknowns of the recommendation scores (promoter 1, detractor −1).
    ue: HashMap<usize, usize>,
}

impl Truth {
    fn load(store: &mentorscope::Store) -> Truth {
        let data = ProgramData::load(store).expect("the program loads");
        let mut items: Vec<Item> = Vec::new();
        let mut item_of: HashMap<String, usize> = HashMap::new();
        // question → (item or None for the recommendation question)
        let mut question: HashMap<i64, Option<usize>> = HashMap::new();
        let mut recommend: HashMap<&str, (i64, i64)> = HashMap::new();
        for q in &data.questions {
            match q.kind.as_str() {
                "likert" => {
                    let key = mentorscope::store::item_key(&q.text);
                    let j = *item_of.entry(key.clone()).or_insert_with(|| {
                        items.push(Item {
                            points: q.scale_points.unwrap_or(5),
                            reverse: data.reverse_items.contains(&key),
                        });
                        items.len() - 1
                    });
                    assert_eq!(
                        items[j].points,
                        q.scale_points.unwrap_or(5),
                        "one scale per item across waves"
                    );
                    question.insert(q.id, Some(j));
                }
                "zero_to_ten" => {
                    let t = q.text.to_lowercase();
                    if t.contains("recommend") || t.contains("nps") {
                        let e = recommend
                            .entry(q.wave.as_str())
                            .or_insert((q.position, q.id));
                        if q.position < e.0 {
                            *e = (q.position, q.id);
                        }
                    }
                }
                _ => {}
            }
        }
        for (_, id) in recommend.values() {
            question.insert(*id, None);
        }
        let index: HashMap<i64, usize> = data
            .responses
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        let mut resp: Vec<Resp> = data
            .responses
            .iter()
            .map(|r| Resp {
                wave: data.waves.iter().position(|w| *w == r.wave).unwrap(),
                who: r.respondent,
                submitted: r.submitted.unwrap_or(i64::MIN),
                id: r.id,
                likert: Vec::new(),
                nps: None,
            })
            .collect();
        for a in &data.answers {
            let (Some(&i), Some(&q), Some(x)) = (
                index.get(&a.response_id),
                question.get(&a.question_id),
                a.value_num,
            ) else {
                continue;
            };
            match q {
                Some(j) => resp[i].likert.push((j, x)),
                None => resp[i].nps = Some(x),
            }
        }
        let mut ua = HashMap::new();
        let mut ue = HashMap::new();
        for (r, x) in resp.iter().enumerate() {
            for (j, _) in &x.likert {
                let n = ua.len();
                ua.insert((r, *j), n);
            }
            if x.nps.is_some() {
                let n = ue.len();
                ue.insert(r, n);
            }
        }
        let teams = data.people.iter().filter_map(|p| p.team.clone()).collect();
        let levels = data.people.iter().filter_map(|p| p.level.clone()).collect();
        let cohorts = data
            .pairings
            .iter()
            .filter_map(|p| p.cohort.clone())
            .collect();
        Truth {
            data,
            items,
            item_of,
            resp,
            teams,
            levels,
            cohorts,
            ua,
            ue,
        }
    }

    fn person(&self, id: Id) -> Option<&mentorscope::analysis::frames::Person> {
        self.data.people.get(id as usize).filter(|p| p.id == id)
    }

    /// Team and level filters (the cohort filter aside).
    fn tl_ok(&self, f: &Filter, id: Id) -> bool {
        let p = self.person(id);
        f.team
            .as_ref()
            .is_none_or(|t| p.is_some_and(|p| p.team.as_ref() == Some(t)))
            && f.level
                .as_ref()
                .is_none_or(|l| p.is_some_and(|p| p.level.as_ref() == Some(l)))
    }

    /// The pairings a filter lets in: of its cohort, mentee in its team
    /// and level.
    fn pairings(&self, f: &Filter) -> Vec<usize> {
        (0..self.data.pairings.len())
            .filter(|&i| {
                let p = &self.data.pairings[i];
                f.cohort
                    .as_ref()
                    .is_none_or(|c| p.cohort.as_ref() == Some(c))
                    && self.tl_ok(f, p.mentee)
            })
            .collect()
    }

    fn lets_in(&self, f: &Filter, r: &Resp) -> bool {
        let Some(id) = r.who else {
            return f.count() == 0;
        };
        self.tl_ok(f, id)
            && (f.cohort.is_none()
                || self.pairings(f).iter().any(|&i| {
                    let p = &self.data.pairings[i];
                    p.mentor == id || p.mentee == id
                }))
    }

    /// Responses of a wave the filter lets in that have a composite.
    fn scored(&self, f: &Filter, wave: usize) -> Vec<usize> {
        (0..self.resp.len())
            .filter(|&r| {
                let x = &self.resp[r];
                x.wave == wave && !x.likert.is_empty() && self.lets_in(f, x)
            })
            .collect()
    }

    /// Mentees of the filter's pairings, by cohort or by format.
    fn breakdown(&self, f: &Filter, by_format: bool) -> BTreeMap<String, HashSet<Id>> {
        let mut out: BTreeMap<String, HashSet<Id>> = BTreeMap::new();
        for i in self.pairings(f) {
            let p = &self.data.pairings[i];
            let key = if by_format {
                p.format.as_deref().map(str::trim).filter(|s| !s.is_empty())
            } else {
                p.cohort.as_deref().map(str::trim).filter(|s| !s.is_empty())
            };
            if let Some(key) = key {
                out.entry(key.to_string()).or_default().insert(p.mentee);
            }
        }
        out
    }

    fn composite_row(&self, rs: &[usize], weight: impl Fn(usize) -> u64) -> Row {
        let mut row = HashMap::new();
        for &r in rs {
            let x = &self.resp[r];
            let w = attack::mul(weight(r), frac(1, x.likert.len() as i64));
            for (j, _) in &x.likert {
                put(
                    &mut row,
                    self.ua[&(r, *j)],
                    attack::mul(w, self.items[*j].coef()),
                );
            }
        }
        finish_row(row)
    }

    fn item_row(&self, rs: &[usize], j: usize, w: u64) -> Row {
        let mut row = HashMap::new();
        for &r in rs {
            if let Some(&x) = self.ua.get(&(r, j)) {
                put(&mut row, x, attack::mul(w, self.items[j].coef()));
            }
        }
        finish_row(row)
    }

    fn nps_row(&self, rs: &[usize]) -> Row {
        let mut row = HashMap::new();
        for &r in rs {
            if let Some(&x) = self.ue.get(&r) {
                put(&mut row, x, 1);
            }
        }
        finish_row(row)
    }

    /// Distinct people (anonymous responses one each).
    fn people(&self, rs: &[usize]) -> usize {
        let mut who = HashSet::new();
        let mut anon = 0;
        for &r in rs {
            match self.resp[r].who {
                Some(p) => {
                    who.insert(p);
                }
                None => anon += 1,
            }
        }
        who.len() + anon
    }

    /// Each person's latest response with a composite in a wave.
    fn latest(&self, rs: &[usize]) -> HashMap<Id, usize> {
        let mut out: HashMap<Id, usize> = HashMap::new();
        for &r in rs {
            if let Some(p) = self.resp[r].who {
                let key = |i: usize| (self.resp[i].submitted, self.resp[i].id);
                let e = out.entry(p).or_insert(r);
                if key(r) > key(*e) {
                    *e = r;
                }
            }
        }
        out
    }
}

// ------------------------------------------------------------------ reading

/// Everything published, as rows of the three systems: answers (A),
/// recommendation scores (B), and the answer counts per level of each
/// (wave, item) (C).
#[derive(Default)]
struct Published {
    a: Vec<(String, Row)>,
    b: Vec<(String, Row)>,
    c: BTreeMap<(usize, usize), Vec<Vec<(usize, usize)>>>,
    /// Non-null survey figures read (each output counted).
    figures: usize,
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn close(what: &str, published: f64, truth: f64) {
    assert!(
        (published - truth).abs() <= 1e-9 * truth.abs().max(1.0),
        "{what}: the reader's model gives {truth}, the CLI published {published}"
    );
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    v.iter().sum::<f64>() / v.len() as f64
}

fn enps(t: &Truth, rs: &[usize]) -> f64 {
    let vals: Vec<f64> = rs.iter().filter_map(|&r| t.resp[r].nps).collect();
    let p = vals.iter().filter(|v| **v >= 9.0).count() as f64;
    let d = vals.iter().filter(|v| **v <= 6.0).count() as f64;
    100.0 * (p - d) / vals.len() as f64
}

/// Reads one `analyze --json` output for a filter and a wave pair.
fn read(t: &Truth, f: &Filter, bw: usize, aw: usize, a: &Value, out: &mut Published) {
    let tag = format!("{f:?} {}→{}", t.data.waves[bw], t.data.waves[aw]);
    let wave_of = |name: &str| t.data.waves.iter().position(|w| w == name).unwrap();
    let scored = [t.scored(f, bw), t.scored(f, aw)];
    let all_in = |w: usize| -> Vec<usize> {
        (0..t.resp.len())
            .filter(|&r| t.resp[r].wave == w && t.lets_in(f, &t.resp[r]))
            .collect()
    };
    let comp_mean = |rs: &[usize]| mean(rs.iter().map(|&r| t.resp[r].composite(&t.items)));
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
    if su["diff"].as_f64().is_some() {
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
    if su["adjusted"]["diff"].as_f64().is_some() {
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
    if let Some(m) = num(&a["survey_paired"]["mean_diff"]) {
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
            if let Some(m) = num(&im[key][i]) {
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
        if let Some(m) = num(&w["mean"]) {
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

// ------------------------------------------------------------------ targets

/// Every group of responses the reader could name: per wave, every filter
/// combination (up to all three), those in it who skipped an item, the
/// mentees of each cohort and format in it, those without a team or a
/// level, and the rest of every wider group.
fn groups(t: &Truth) -> Vec<(String, Vec<usize>)> {
    let opt = |s: &BTreeSet<String>| -> Vec<Option<String>> {
        std::iter::once(None)
            .chain(s.iter().cloned().map(Some))
            .collect()
    };
    let mut filters = Vec::new();
    for c in opt(&t.cohorts) {
        for team in opt(&t.teams) {
            for level in opt(&t.levels) {
                filters.push(Filter {
                    cohort: c.clone(),
                    team: team.clone(),
                    level: level.clone(),
                });
            }
        }
    }
    let everyone = Filter::default();
    let cohorts = t.breakdown(&everyone, false);
    let formats = t.breakdown(&everyone, true);
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for w in 0..t.data.waves.len() {
        let mut sets: Vec<(String, Vec<usize>)> = Vec::new();
        for f in &filters {
            let rs = t.scored(f, w);
            let name = format!("{f:?} wave {w}");
            let skipped: Vec<usize> = rs
                .iter()
                .copied()
                .filter(|&r| t.resp[r].likert.len() < t.items.len())
                .collect();
            out.push((format!("{name}, skipped an item"), skipped));
            for (label, by) in [("cohort", &cohorts), ("format", &formats)] {
                for (g, mentees) in by {
                    let sub: Vec<usize> = rs
                        .iter()
                        .copied()
                        .filter(|&r| t.resp[r].who.is_some_and(|p| mentees.contains(&p)))
                        .collect();
                    sets.push((format!("{name}, mentees of {label} {g}"), sub));
                }
            }
            sets.push((name, rs));
        }
        let all = t.scored(&everyone, w);
        for (label, team) in [("no team", true), ("no level", false)] {
            let rs: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&r| {
                    let p = t.resp[r].who.and_then(|id| t.person(id));
                    p.is_none_or(|p| {
                        if team {
                            p.team.is_none()
                        } else {
                            p.level.is_none()
                        }
                    })
                })
                .collect();
            sets.push((format!("wave {w}, {label}"), rs));
        }
        // The rest of every wider group.
        let bits: Vec<Vec<u64>> = sets
            .iter()
            .map(|(_, rs)| {
                let mut b = vec![0u64; t.resp.len().div_ceil(64)];
                for &r in rs {
                    b[r / 64] |= 1 << (r % 64);
                }
                b
            })
            .collect();
        for (i, (a_name, a_set)) in sets.iter().enumerate() {
            for (k, (b_name, b_set)) in sets.iter().enumerate() {
                if b_set.len() < a_set.len()
                    && bits[k].iter().zip(&bits[i]).all(|(b, a)| b & !a == 0)
                {
                    let rest: Vec<usize> = a_set
                        .iter()
                        .copied()
                        .filter(|r| bits[k][r / 64] & (1 << (r % 64)) == 0)
                        .collect();
                    out.push((format!("{a_name} minus {b_name}"), rest));
                }
            }
        }
        out.extend(sets);
    }
    let mut seen = HashSet::new();
    out.into_iter()
        .filter_map(|(name, mut rs)| {
            rs.sort_unstable();
            let n = t.people(&rs);
            (n > 0 && n < K && seen.insert(rs.clone())).then_some((name, rs))
        })
        .collect()
}

/// What the reader recovered from everything published.
struct Outcome {
    leaks: Vec<String>,
    unknowns: usize,
    rank: usize,
    unique_rows: usize,
    targets: usize,
}

fn solve(t: &Truth, p: &Published) -> Outcome {
    let mut leaks = Vec::new();
    let mut targets = 0;
    let mut unique_rows = 0;
    let mut build = |rows: &[(String, Row)], n: usize| -> Space {
        let mut seen: HashSet<&Row> = HashSet::new();
        let mut s = Space::new(n);
        for (_, r) in rows {
            if seen.insert(r) {
                unique_rows += 1;
                s.add(r);
            }
        }
        s.close();
        s
    };
    let sa = build(&p.a, t.ua.len());
    let sb = build(&p.b, t.ue.len());
    let mut check = |space: &Space, name: String, row: Row| {
        if row.is_empty() {
            return;
        }
        targets += 1;
        if space.contains(&row) {
            leaks.push(name);
        }
    };
    // Single answers, single composites, single recommendation scores.
    for (&(r, j), &x) in &t.ua {
        check(
            &sa,
            format!("response {r}'s answer to item {j}"),
            vec![(x, 1)],
        );
    }
    for r in 0..t.resp.len() {
        if !t.resp[r].likert.is_empty() {
            check(
                &sa,
                format!("response {r}'s composite"),
                t.composite_row(&[r], |_| 1),
            );
        }
        if let Some(&x) = t.ue.get(&r) {
            check(&sb, format!("response {r}'s recommendation"), vec![(x, 1)]);
        }
    }
    // One person's change between any two waves.
    let everyone = Filter::default();
    let latest: Vec<HashMap<Id, usize>> = (0..t.data.waves.len())
        .map(|w| t.latest(&t.scored(&everyone, w)))
        .collect();
    for b in 0..latest.len() {
        for a in b + 1..latest.len() {
            for (p, &ra) in &latest[a] {
                if let Some(&rb) = latest[b].get(p) {
                    let row =
                        t.composite_row(&[ra, rb], |r| if r == ra { 1 } else { attack::neg(1) });
                    check(&sa, format!("person {p}'s change, wave {b} to {a}"), row);
                }
            }
        }
    }
    // Small groups: their composite sum, item sums, recommendation sum.
    for (name, rs) in groups(t) {
        let size = t.people(&rs);
        check(
            &sa,
            format!("composite sum of {size} people: {name}"),
            t.composite_row(&rs, |_| 1),
        );
        for j in 0..t.items.len() {
            check(
                &sa,
                format!("item {j} sum of {size} people: {name}"),
                t.item_row(&rs, j, 1),
            );
        }
        check(
            &sb,
            format!("recommendation sum of {size} people: {name}"),
            t.nps_row(&rs),
        );
    }
    // The counts per level, block by block: unknowns (response, level),
    // each answer exactly one level.
    for (&(w, j), rows) in &p.c {
        let points = t.items[j].points as usize;
        let rs: Vec<usize> = (0..t.resp.len())
            .filter(|&r| t.resp[r].wave == w && t.ua.contains_key(&(r, j)))
            .collect();
        let local: HashMap<usize, usize> = rs.iter().enumerate().map(|(i, r)| (*r, i)).collect();
        let col = |r: usize, l: usize| local[&r] * points + (l - 1);
        let mut s = Space::new(rs.len() * points);
        for &r in &rs {
            let row: Row = (1..=points).map(|l| (col(r, l), 1)).collect();
            s.add(&row);
        }
        let mut seen = HashSet::new();
        for row in rows {
            if seen.insert(row) {
                unique_rows += 1;
                let mut m = HashMap::new();
                for &(r, l) in row {
                    put(&mut m, col(r, l), 1);
                }
                s.add(&finish_row(m));
            }
        }
        s.close();
        for &r in &rs {
            targets += 1;
            if (1..=points).all(|l| s.contains(&[(col(r, l), 1)])) {
                leaks.push(format!(
                    "response {r}'s answer to item {j} (from the counts per level, wave {w})"
                ));
            }
        }
    }
    Outcome {
        leaks,
        unknowns: sa.unknowns() + sb.unknowns(),
        rank: sa.rank() + sb.rank(),
        unique_rows,
        targets,
    }
}

// ------------------------------------------------------------------ runs

/// No filter, each single filter, each combination of two.
fn filters(t: &Truth) -> Vec<Filter> {
    let opt = |s: &BTreeSet<String>| -> Vec<Option<String>> {
        std::iter::once(None)
            .chain(s.iter().cloned().map(Some))
            .collect()
    };
    let mut out = Vec::new();
    for c in opt(&t.cohorts) {
        for team in opt(&t.teams) {
            for level in opt(&t.levels) {
                let f = Filter {
                    cohort: c.clone(),
                    team: team.clone(),
                    level: level.clone(),
                };
                if f.count() <= 2 {
                    out.push(f);
                }
            }
        }
    }
    out
}

/// Every pair of waves, the earlier one as "before".
fn wave_pairs(t: &Truth) -> Vec<(usize, usize)> {
    let n = t.data.waves.len();
    (0..n)
        .flat_map(|b| (b + 1..n).map(move |a| (b, a)))
        .collect()
}

fn cli(db: &Path, args: &[String]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mentorscope"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the CLI runs")
}

/// Imports the sample's exports with the CLI and marks one item
/// reverse-coded.
fn sample_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("sample.db");
    let mut files: Vec<String> = std::fs::read_dir(common::repo().join("sample-data"))
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "csv").then(|| p.display().to_string())
        })
        .collect();
    files.sort();
    let mut args = vec!["import".to_string()];
    args.extend(files);
    let out = cli(&db, &args);
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut store = mentorscope::Store::open(&db).unwrap();
    store.set_item_reverse(REVERSED, true).unwrap();
    db
}

fn report(what: &str, t: &Truth, runs: usize, p: &Published, o: &Outcome) {
    eprintln!(
        "{what}: {} filter combinations × {} wave pairs = {runs} outputs; {} published survey figures ({} unique rows); {} unknowns ({} answers, {} recommendation scores), rank {}; {} targets; {} recovered",
        filters(t).len(),
        wave_pairs(t).len(),
        p.figures,
        o.unique_rows,
        o.unknowns,
        t.ua.len(),
        t.ue.len(),
        o.rank,
        o.targets,
        o.leaks.len(),
    );
}

#[test]
fn the_reader_recovers_nothing_from_the_sample_program_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let t = Truth::load(&mentorscope::Store::open(&db).unwrap());
    assert!(
        t.items.iter().any(|i| i.reverse),
        "an item is reverse-coded"
    );
    assert_eq!(t.data.waves.len(), 4, "the sample has four waves");
    let mut p = Published::default();
    let mut runs = 0;
    for f in filters(&t) {
        for (b, a) in wave_pairs(&t) {
            let mut args = vec![
                "analyze".to_string(),
                "--json".into(),
                "--before".into(),
                t.data.waves[b].clone(),
                "--after".into(),
                t.data.waves[a].clone(),
            ];
            args.extend(f.args());
            let out = cli(&db, &args);
            assert!(
                out.status.success(),
                "analyze {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let json: Value = serde_json::from_slice(&out.stdout).expect("analyze --json is JSON");
            read(&t, &f, b, a, &json, &mut p);
            runs += 1;
        }
    }
    let o = solve(&t, &p);
    report("sample through the CLI", &t, runs, &p, &o);
    assert!(
        o.leaks.is_empty(),
        "the reader recovered {} thing(s) from the sample program, e.g.:\n{}",
        o.leaks.len(),
        o.leaks[..o.leaks.len().min(10)].join("\n")
    );
}

#[test]
fn without_the_subtraction_rules_the_reader_recovers_answers_in_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let store = mentorscope::Store::open(&db).unwrap();
    let t = Truth::load(&store);
    // The same figures from the library, with the rules against
    // subtraction off (no front door can do this): only the minimum group
    // size stands.
    let mut p = Published::default();
    let mut runs = 0;
    for f in filters(&t) {
        for (b, a) in wave_pairs(&t) {
            let mut o = AnalysisOptions {
                cohort: f.cohort.clone(),
                team: f.team.clone(),
                level: f.level.clone(),
                before_wave: Some(t.data.waves[b].clone()),
                after_wave: Some(t.data.waves[a].clone()),
                min_group_size: K,
                ..Default::default()
            };
            o.disclosure.remainder = false;
            o.disclosure.overlap = false;
            o.disclosure.complementary = false;
            let json = serde_json::to_value(analyze_data(&t.data, &o).unwrap()).unwrap();
            read(&t, &f, b, a, &json, &mut p);
            runs += 1;
        }
    }
    let o = solve(&t, &p);
    report("sample, subtraction rules off", &t, runs, &p, &o);
    for l in o.leaks.iter().take(5) {
        eprintln!("  recovered: {l}");
    }
    assert!(
        !o.leaks.is_empty(),
        "with the remainder, overlap and complementary rules off the reader found nothing in the sample"
    );
}

#[test]
fn the_algebra_sees_a_difference_and_only_that() {
    // x0 + x1 + x2 and x1 + x2 published: x0 follows, x1 does not.
    let mut s = Space::new(3);
    s.add(&[(0, 1), (1, 1), (2, 1)]);
    s.add(&[(1, 1), (2, 1)]);
    s.close();
    assert!(s.contains(&[(0, 1)]));
    assert!(!s.contains(&[(1, 1)]));
    assert!(s.contains(&[(0, int(3)), (1, int(2)), (2, int(2))]));
    // Means with fractions: (x0 + x1)/2 and x1/3 give x0.
    let mut s = Space::new(2);
    s.add(&[(0, frac(1, 2)), (1, frac(1, 2))]);
    s.add(&[(1, frac(1, 3))]);
    s.close();
    assert!(s.contains(&[(0, frac(-7, 5))]));
    // OLS weights of a two-group difference: the mean of group 1 minus
    // the mean of group 0.
    let x = vec![vec![1, 0], vec![1, 0], vec![1, 1], vec![1, 1], vec![1, 1]];
    let w = attack::ols_weights(&x, 1).unwrap();
    assert_eq!(
        w,
        vec![frac(-1, 2), frac(-1, 2), frac(1, 3), frac(1, 3), frac(1, 3)]
    );
}
