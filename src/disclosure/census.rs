//! Who answered what, as counts: every survey respondent ("unit": a person,
//! or one anonymous response) has a signature — team, level, the cohorts
//! they are in, the cohorts and formats they are a mentee of — and every
//! wave and quantity (the composite, each item, each answer level of an
//! item, the recommend item, the paired before/after set) has a count of
//! units per signature. Any selection's count is then a sum over
//! signatures, so the rules can weigh thousands of selections without
//! touching a value.

use std::collections::{BTreeMap, HashMap};

use foldhash::HashMap as FastMap;

use super::selection::{Selection, Signature};
use crate::analysis::frames::{Id, ProgramData};

/// One respondent: a person on the roster or in the files, or one
/// anonymous response (each counts as its own respondent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Person(Id),
    Anonymous(i64),
}

/// A quantity published for one wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// The satisfaction composite.
    Composite,
    /// One Likert item, by the census's item number.
    Item(u32),
    /// How many answered one level (1..k on the item's own scale, reverse
    /// coding applied) of one item: a bar of the distribution.
    ItemLevel(u32, u8),
    /// The 0–10 recommend item behind eNPS.
    Enps,
    /// People who answered both this wave and the other (the paired
    /// comparison), by the other wave's index.
    Paired(u32),
    /// Respondents who skipped at least one Likert item of the wave. Never
    /// published itself: a composite minus its items reveals exactly this
    /// group's answers, so the items of a selection are shown only where
    /// this group may be (none, or at least k, by every rule).
    Partial,
    /// Respondents who wrote a comment (a free-text answer) in the wave
    /// (M9): their terms and quotes are published only when the group
    /// reaches the comment threshold.
    Comment,
}

pub struct Census {
    pub(crate) k: usize,
    /// The comment threshold (M9), never below `k`.
    pub(crate) k_comments: usize,
    pub(crate) switches: super::Switches,
    pub(crate) signatures: Vec<Signature>,
    /// (wave, measure) → units per signature.
    counts: HashMap<(u32, Measure), Vec<u32>>,
    /// Per wave: the identified units with a composite, and their signature.
    composite_people: Vec<BTreeMap<Id, u32>>,
    /// The paired rows, worked out once per (wave, other wave) when first
    /// asked for: the overlap and complementary rules ask for them under
    /// every team, level and cohort.
    paired: Vec<std::sync::OnceLock<Vec<u32>>>,
    items: HashMap<String, u32>,
    /// Signatures per value of each dimension (team, level, cohort, mentee
    /// cohort, mentee format), so a count under a filter reads only the
    /// signatures that can match rather than all of them.
    by_value: [Vec<Vec<u32>>; 5],
    pub(crate) teams: Vec<String>,
    pub(crate) levels: Vec<String>,
    pub(crate) cohorts: Vec<String>,
    pub(crate) row_cohorts: Vec<String>,
    pub(crate) formats: Vec<String>,
    pub(crate) waves: Vec<String>,
    item_names: Vec<String>,
}

/// Interns names in order of first sight.
fn intern(names: &mut Vec<String>, index: &mut HashMap<String, u32>, name: &str) -> u32 {
    if let Some(&i) = index.get(name) {
        return i;
    }
    let i = names.len() as u32;
    names.push(name.to_string());
    index.insert(name.to_string(), i);
    i
}

impl Census {
    /// Counts every wave of the program. `row_cohort` names the cohort row a
    /// pairing belongs to (M7's cohort, with its half-year fallback).
    pub fn build(
        data: &ProgramData,
        k: usize,
        row_cohort: impl Fn(&crate::analysis::frames::Pairing) -> String,
    ) -> Census {
        let mut c = Census {
            k,
            k_comments: k.max(super::DEFAULT_K_COMMENTS),
            switches: super::Switches::default(),
            signatures: Vec::new(),
            counts: HashMap::new(),
            composite_people: vec![BTreeMap::new(); data.waves.len()],
            paired: (0..data.waves.len() * data.waves.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            items: HashMap::new(),
            by_value: Default::default(),
            teams: Vec::new(),
            levels: Vec::new(),
            cohorts: Vec::new(),
            row_cohorts: Vec::new(),
            formats: Vec::new(),
            waves: data.waves.clone(),
            item_names: Vec::new(),
        };
        let (mut ti, mut li, mut ci, mut ri, mut fi) = Default::default();
        // Each person's signature, as the filters and breakdowns see them.
        let mut person_sig: HashMap<Id, Signature> = HashMap::new();
        for p in &data.people {
            let sig = person_sig.entry(p.id).or_default();
            sig.team = p.team.as_deref().map(|t| intern(&mut c.teams, &mut ti, t));
            sig.level = p
                .level
                .as_deref()
                .map(|l| intern(&mut c.levels, &mut li, l));
        }
        for pr in &data.pairings {
            if let Some(cohort) = pr.cohort.as_deref() {
                let id = intern(&mut c.cohorts, &mut ci, cohort);
                for who in [pr.mentor, pr.mentee] {
                    person_sig.entry(who).or_default().cohorts.push(id);
                }
            }
            let row = intern(&mut c.row_cohorts, &mut ri, &row_cohort(pr));
            let mentee = person_sig.entry(pr.mentee).or_default();
            mentee.mentee_cohorts.push(row);
            if let Some(f) = pr
                .format
                .as_deref()
                .map(str::trim)
                .filter(|f| !f.is_empty())
            {
                let id = intern(&mut c.formats, &mut fi, f);
                mentee.mentee_formats.push(id);
            }
        }
        for sig in person_sig.values_mut() {
            for v in [
                &mut sig.cohorts,
                &mut sig.mentee_cohorts,
                &mut sig.mentee_formats,
            ] {
                v.sort_unstable();
                v.dedup();
            }
        }
        let mut sig_index: HashMap<Signature, u32> = HashMap::new();
        let mut signature_of = |c: &mut Census, unit: Unit| -> u32 {
            let sig = match unit {
                Unit::Person(id) => person_sig.get(&id).cloned().unwrap_or_default(),
                Unit::Anonymous(_) => Signature {
                    anonymous: true,
                    ..Default::default()
                },
            };
            if let Some(&i) = sig_index.get(&sig) {
                return i;
            }
            let i = c.signatures.len() as u32;
            c.signatures.push(sig.clone());
            sig_index.insert(sig, i);
            i
        };

        let wave_of: HashMap<&str, u32> = data
            .waves
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i as u32))
            .collect();
        // question → (measure kind, points, reverse)
        let mut item_index = HashMap::new();
        let mut questions: HashMap<i64, (Option<u32>, f64, bool)> = HashMap::new();
        for q in &data.questions {
            let key = crate::store::item_key(&q.text);
            match q.kind.as_str() {
                "likert" => {
                    let id = intern(&mut c.item_names, &mut item_index, &key);
                    let reverse = data.reverse_items.contains(&key);
                    questions.insert(
                        q.id,
                        (Some(id), q.scale_points.unwrap_or(5) as f64, reverse),
                    );
                }
                "zero_to_ten"
                    if {
                        let t = q.text.to_lowercase();
                        t.contains("recommend") || t.contains("nps")
                    } =>
                {
                    questions.insert(q.id, (None, 11.0, false));
                }
                _ => {}
            }
        }
        c.items = item_index;
        // response id → (wave, unit)
        let mut response: FastMap<i64, (u32, Unit)> = FastMap::default();
        for r in &data.responses {
            let Some(&w) = wave_of.get(r.wave.as_str()) else {
                continue;
            };
            let unit = match r.respondent {
                Some(p) => Unit::Person(p),
                None => Unit::Anonymous(r.id),
            };
            response.insert(r.id, (w, unit));
        }
        // Likert items asked per wave, to find the respondents who skipped
        // one.
        let mut asked: HashMap<u32, std::collections::HashSet<u32>> = HashMap::new();
        for q in &data.questions {
            if let (Some(&w), Some(&(Some(item), _, _))) =
                (wave_of.get(q.wave.as_str()), questions.get(&q.id))
            {
                asked.entry(w).or_default().insert(item);
            }
        }
        // Every (wave, measure, unit) an answer counts in, then distinct
        // ones only: a person who answered twice is one respondent. A sorted
        // vector rather than a hash set: there are a few per answer, and
        // the counts are filled in this order below anyway.
        let mut entries: Vec<(u32, Measure, Unit)> = Vec::with_capacity(data.answers.len() * 3);
        for a in &data.answers {
            let (Some(&(w, unit)), Some(&(item, points, reverse)), Some(x)) = (
                response.get(&a.response_id),
                questions.get(&a.question_id),
                a.value_num,
            ) else {
                continue;
            };
            match item {
                Some(i) => {
                    let level = if reverse {
                        points as i64 + 1 - x as i64
                    } else {
                        x as i64
                    };
                    entries.push((w, Measure::Composite, unit));
                    entries.push((w, Measure::Item(i), unit));
                    entries.push((w, Measure::ItemLevel(i, level.clamp(0, 255) as u8), unit));
                }
                None => entries.push((w, Measure::Enps, unit)),
            }
        }
        for comment in &data.comments {
            if let Some(&(w, unit)) = response.get(&comment.response_id) {
                entries.push((w, Measure::Comment, unit));
            }
        }
        entries.sort_unstable();
        entries.dedup();
        // Distinct items answered per (wave, unit): the entries hold each
        // (wave, item, unit) once.
        let mut answered: FastMap<(u32, Unit), usize> = FastMap::default();
        for (w, m, unit) in &entries {
            if let Measure::Item(_) = m {
                *answered.entry((*w, *unit)).or_default() += 1;
            }
        }
        let mut partial: Vec<(u32, Measure, Unit)> = answered
            .into_iter()
            .filter(|((w, _), n)| asked.get(w).is_some_and(|all| *n < all.len()))
            .map(|((w, unit), _)| (w, Measure::Partial, unit))
            .collect();
        if !partial.is_empty() {
            entries.append(&mut partial);
            entries.sort_unstable();
        }
        // Signatures are interned in order of first sight, once per unit.
        let mut unit_sig: FastMap<Unit, u32> = FastMap::default();
        let mut current: Option<((u32, Measure), Vec<u32>)> = None;
        for (w, m, unit) in entries {
            let s = match unit_sig.get(&unit) {
                Some(&s) => s,
                None => {
                    let s = signature_of(&mut c, unit);
                    unit_sig.insert(unit, s);
                    s
                }
            };
            if current.as_ref().is_none_or(|(key, _)| *key != (w, m)) {
                if let Some((key, row)) = current.take() {
                    c.counts.insert(key, row);
                }
                current = Some(((w, m), Vec::new()));
            }
            if let Some((_, row)) = current.as_mut() {
                if row.len() <= s as usize {
                    row.resize(s as usize + 1, 0);
                }
                row[s as usize] += 1;
            }
            if let (Measure::Composite, Unit::Person(id)) = (m, unit) {
                c.composite_people[w as usize].insert(id, s);
            }
        }
        if let Some((key, row)) = current.take() {
            c.counts.insert(key, row);
        }
        c.index_signatures();
        c
    }

    /// The same census with some rules switched off (tests only).
    pub fn with_switches(mut self, switches: super::Switches) -> Census {
        self.switches = switches;
        self
    }

    /// The same census with another comment threshold (M9); never below
    /// the minimum group size.
    pub fn with_comment_threshold(mut self, k_comments: usize) -> Census {
        self.k_comments = k_comments.max(self.k);
        self
    }

    /// The smallest group a figure of this quantity may describe.
    pub(crate) fn k_of(&self, m: Measure) -> usize {
        match m {
            Measure::Comment => self.k_comments,
            _ => self.k,
        }
    }

    pub fn item_id(&self, item_key: &str) -> Option<u32> {
        self.items.get(item_key).copied()
    }

    pub fn wave_id(&self, wave: &str) -> Option<u32> {
        self.waves.iter().position(|w| w == wave).map(|i| i as u32)
    }

    /// Units per signature of one wave and quantity (borrowed: the rules
    /// ask for counts thousands of times).
    fn row(&self, wave: u32, measure: Measure) -> std::borrow::Cow<'_, [u32]> {
        if let Measure::Paired(other) = measure {
            let (Some(a), Some(b), Some(cell)) = (
                self.composite_people.get(wave as usize),
                self.composite_people.get(other as usize),
                self.paired
                    .get(wave as usize * self.waves.len() + other as usize),
            ) else {
                return std::borrow::Cow::Borrowed(&[]);
            };
            let row = cell.get_or_init(|| {
                // Both maps iterate in person order: one merge pass.
                let mut row = vec![0u32; self.signatures.len()];
                let mut theirs = b.keys().peekable();
                for (id, s) in a {
                    while theirs.next_if(|o| *o < id).is_some() {}
                    if theirs.peek() == Some(&id) {
                        row[*s as usize] += 1;
                    }
                }
                row
            });
            return std::borrow::Cow::Borrowed(row.as_slice());
        }
        match self.counts.get(&(wave, measure)) {
            Some(row) => std::borrow::Cow::Borrowed(row.as_slice()),
            None => std::borrow::Cow::Borrowed(&[]),
        }
    }

    fn index_signatures(&mut self) {
        let mut by: [Vec<Vec<u32>>; 5] = [
            vec![Vec::new(); self.teams.len()],
            vec![Vec::new(); self.levels.len()],
            vec![Vec::new(); self.cohorts.len()],
            vec![Vec::new(); self.row_cohorts.len()],
            vec![Vec::new(); self.formats.len()],
        ];
        for (i, sig) in self.signatures.iter().enumerate() {
            let i = i as u32;
            let mut add = |d: usize, v: u32| {
                if let Some(list) = by[d].get_mut(v as usize) {
                    list.push(i);
                }
            };
            if let Some(t) = sig.team {
                add(0, t);
            }
            if let Some(l) = sig.level {
                add(1, l);
            }
            for (d, values) in [
                (2, &sig.cohorts),
                (3, &sig.mentee_cohorts),
                (4, &sig.mentee_formats),
            ] {
                for v in values {
                    add(d, *v);
                }
            }
        }
        self.by_value = by;
    }

    /// The signatures a selection can match: those of the value of its
    /// narrowest constraint, or `None` (all) for the whole program.
    fn candidates(&self, s: &Selection) -> Option<&[u32]> {
        let list = |d: usize, v: u32| {
            self.by_value[d]
                .get(v as usize)
                .map_or(&[][..], Vec::as_slice)
        };
        let constraints = s
            .team
            .map(|t| list(0, t))
            .into_iter()
            .chain(s.level.map(|l| list(1, l)))
            .chain(s.cohorts.iter().map(|c| list(2, *c)))
            .chain(s.mentee_cohorts.iter().map(|c| list(3, *c)))
            .chain(s.mentee_formats.iter().map(|f| list(4, *f)));
        constraints.min_by_key(|l| l.len())
    }

    /// Respondents of one wave and quantity within a selection.
    pub fn count(&self, wave: u32, measure: Measure, selection: &Selection) -> usize {
        let row = self.row(wave, measure);
        let n_at = |s: usize| row.get(s).copied().unwrap_or(0) as usize;
        let matching = |s: &usize| n_at(*s) > 0 && selection.matches(&self.signatures[*s]);
        match self.candidates(selection) {
            Some(list) => list
                .iter()
                .map(|s| *s as usize)
                .filter(matching)
                .map(n_at)
                .sum(),
            None => (0..row.len()).filter(matching).map(n_at).sum(),
        }
    }

    /// The values a partition dimension takes.
    pub(crate) fn values(&self, dim: super::selection::Dimension) -> u32 {
        use super::selection::Dimension;
        (match dim {
            Dimension::Team => self.teams.len(),
            Dimension::Level => self.levels.len(),
            Dimension::Cohort => self.cohorts.len(),
            Dimension::MenteeCohort => self.row_cohorts.len(),
            Dimension::MenteeFormat => self.formats.len(),
        }) as u32
    }

    pub fn team_id(&self, name: &str) -> Option<u32> {
        self.teams.iter().position(|t| t == name).map(|i| i as u32)
    }
    pub fn level_id(&self, name: &str) -> Option<u32> {
        self.levels.iter().position(|t| t == name).map(|i| i as u32)
    }
    pub fn cohort_id(&self, name: &str) -> Option<u32> {
        self.cohorts
            .iter()
            .position(|t| t == name)
            .map(|i| i as u32)
    }
    pub fn row_cohort_id(&self, name: &str) -> Option<u32> {
        self.row_cohorts
            .iter()
            .position(|t| t == name)
            .map(|i| i as u32)
    }
    /// The cohort filter with the same name as a cohort row, if any.
    pub(crate) fn filter_cohort_of_row(&self, row: u32) -> Option<u32> {
        let name = self.row_cohorts.get(row as usize)?;
        self.cohort_id(name)
    }

    pub fn format_id(&self, name: &str) -> Option<u32> {
        self.formats
            .iter()
            .position(|t| t == name)
            .map(|i| i as u32)
    }

    /// A selection in words, for the list of suppressions.
    pub fn describe(&self, s: &Selection) -> String {
        let mut parts = Vec::new();
        let name = |v: &[String], i: u32| v.get(i as usize).cloned().unwrap_or_default();
        if let Some(t) = s.team {
            parts.push(format!("team {}", name(&self.teams, t)));
        }
        if let Some(l) = s.level {
            parts.push(format!("level {}", name(&self.levels, l)));
        }
        for c in &s.cohorts {
            parts.push(format!("cohort {}", name(&self.cohorts, *c)));
        }
        for c in &s.mentee_cohorts {
            parts.push(format!("mentees of cohort {}", name(&self.row_cohorts, *c)));
        }
        for f in &s.mentee_formats {
            parts.push(format!("mentees of format {}", name(&self.formats, *f)));
        }
        if parts.is_empty() {
            "whole program".into()
        } else {
            parts.join(", ")
        }
    }

    pub fn describe_measure(&self, m: Measure) -> String {
        let item = |i: u32| self.item_names.get(i as usize).cloned().unwrap_or_default();
        match m {
            Measure::Composite => "satisfaction composite".into(),
            Measure::Item(i) => format!("item \u{201c}{}\u{201d}", item(i)),
            Measure::ItemLevel(i, l) => {
                format!("item \u{201c}{}\u{201d}, answer level {l}", item(i))
            }
            Measure::Enps => "eNPS".into(),
            Measure::Paired(o) => format!(
                "paired comparison with wave {}",
                self.waves.get(o as usize).cloned().unwrap_or_default()
            ),
            Measure::Partial => "item averages (a few respondents skipped some items)".into(),
            Measure::Comment => "comments".into(),
        }
    }
}
