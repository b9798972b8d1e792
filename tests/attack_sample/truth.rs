//! The truth the reader is tested against, and the reader's model of it:
//! every response's answers as the database holds them, the items with
//! their scale and direction, who a filter lets in (as `analysis::scope`
//! does) and the linear forms of composites, item sums and recommendation
//! scores over the unknowns. Built from who answered what, never from the
//! values, except where a published figure is checked against it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::common::attack::{self, finish_row, frac, put, Row};
use mentorscope::analysis::frames::{Id, ProgramData};

pub struct Item {
    pub points: i64,
    pub reverse: bool,
}

impl Item {
    /// The coefficient of the raw answer in the value on the 1–5 scale
    /// (the constant part is known to the reader and drops out).
    pub fn coef(&self) -> u64 {
        let c = frac(4, self.points - 1);
        if self.reverse {
            attack::neg(c)
        } else {
            c
        }
    }
    pub fn value(&self, raw: f64) -> f64 {
        let v = 1.0 + 4.0 * (raw - 1.0) / (self.points - 1) as f64;
        if self.reverse {
            6.0 - v
        } else {
            v
        }
    }
    /// The level shown in a distribution (reverse-coded items flipped).
    pub fn level(&self, raw: f64) -> usize {
        let x = raw as i64;
        (if self.reverse { self.points + 1 - x } else { x }) as usize
    }
}

pub struct Resp {
    pub wave: usize,
    pub who: Option<Id>,
    pub submitted: i64,
    pub id: i64,
    /// (item, raw answer), Likert items only.
    pub likert: Vec<(usize, f64)>,
    /// The recommendation (0–10) answer.
    pub nps: Option<f64>,
}

impl Resp {
    pub fn composite(&self, items: &[Item]) -> f64 {
        self.likert
            .iter()
            .map(|(j, x)| items[*j].value(*x))
            .sum::<f64>()
            / self.likert.len() as f64
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub cohort: Option<String>,
    pub team: Option<String>,
    pub level: Option<String>,
}

impl Filter {
    pub fn count(&self) -> usize {
        [&self.cohort, &self.team, &self.level]
            .iter()
            .filter(|x| x.is_some())
            .count()
    }
    pub fn args(&self) -> Vec<String> {
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

pub struct Truth {
    pub data: ProgramData,
    pub items: Vec<Item>,
    pub item_of: HashMap<String, usize>,
    pub resp: Vec<Resp>,
    pub teams: BTreeSet<String>,
    pub levels: BTreeSet<String>,
    pub cohorts: BTreeSet<String>,
    /// Unknowns of the answers: (response, item) → column.
    pub ua: HashMap<(usize, usize), usize>,
    /// Unknowns of the recommendation scores (promoter 1, detractor −1).
    pub ue: HashMap<usize, usize>,
}

impl Truth {
    pub fn load(store: &mentorscope::Store) -> Truth {
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

    pub fn person(&self, id: Id) -> Option<&mentorscope::analysis::frames::Person> {
        self.data.people.get(id as usize).filter(|p| p.id == id)
    }

    /// Team and level filters (the cohort filter aside).
    pub fn tl_ok(&self, f: &Filter, id: Id) -> bool {
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
    pub fn pairings(&self, f: &Filter) -> Vec<usize> {
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

    pub fn lets_in(&self, f: &Filter, r: &Resp) -> bool {
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
    pub fn scored(&self, f: &Filter, wave: usize) -> Vec<usize> {
        (0..self.resp.len())
            .filter(|&r| {
                let x = &self.resp[r];
                x.wave == wave && !x.likert.is_empty() && self.lets_in(f, x)
            })
            .collect()
    }

    /// Mentees of the filter's pairings, by cohort or by format.
    pub fn breakdown(&self, f: &Filter, by_format: bool) -> BTreeMap<String, HashSet<Id>> {
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

    pub fn composite_row(&self, rs: &[usize], weight: impl Fn(usize) -> u64) -> Row {
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

    pub fn item_row(&self, rs: &[usize], j: usize, w: u64) -> Row {
        let mut row = HashMap::new();
        for &r in rs {
            if let Some(&x) = self.ua.get(&(r, j)) {
                put(&mut row, x, attack::mul(w, self.items[j].coef()));
            }
        }
        finish_row(row)
    }

    pub fn nps_row(&self, rs: &[usize]) -> Row {
        let mut row = HashMap::new();
        for &r in rs {
            if let Some(&x) = self.ue.get(&r) {
                put(&mut row, x, 1);
            }
        }
        finish_row(row)
    }

    /// Distinct people (anonymous responses one each).
    pub fn people(&self, rs: &[usize]) -> usize {
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
    pub fn latest(&self, rs: &[usize]) -> HashMap<Id, usize> {
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
