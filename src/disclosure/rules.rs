//! The rules, applied to the figures one output publishes. Lattice rules
//! (minimum group, remainder, complementary) depend only on the census and
//! the figure, so every output decides the same about the same figure; the
//! overlap rule compares the figures of this output with each other.

use std::cell::RefCell;
use std::collections::HashMap;

use super::census::{Census, Measure};
use super::selection::{Dimension, Selection};
use super::{Rule, Suppression};

/// One figure an output wants to publish.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Figure {
    pub wave: u32,
    pub measure: Measure,
    pub selection: Selection,
}

/// The decision for each figure (in the order given) and the list of what
/// was hidden and why.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    pub hidden: Vec<Option<Rule>>,
    pub suppressions: Vec<Suppression>,
}

impl Decisions {
    pub fn is_hidden(&self, i: usize) -> bool {
        self.hidden.get(i).is_some_and(|h| h.is_some())
    }
}

type Key = (u32, Measure, Selection);
/// A table of published cells: wave, measure and the filters crossed.
type TableKey = (u32, Measure, Vec<Dimension>);

struct Engine<'a> {
    census: &'a Census,
    counts: RefCell<HashMap<Key, usize>>,
    lattice: RefCell<HashMap<Key, Option<Rule>>>,
    tables: RefCell<HashMap<TableKey, bool>>,
}

impl Engine<'_> {
    fn count(&self, wave: u32, m: Measure, s: &Selection) -> usize {
        let key = (wave, m, s.clone());
        if let Some(&n) = self.counts.borrow().get(&key) {
            return n;
        }
        let n = self.census.count(wave, m, s);
        self.counts.borrow_mut().insert(key, n);
        n
    }

    /// Every wider selection a reader can open: the same constraints with
    /// some dropped, and — since a cohort's mentees are among the people the
    /// cohort filter lets in (its mentors and mentees) — a cohort row with
    /// its cohort's filter in its place.
    fn wider(&self, s: &Selection) -> Vec<Selection> {
        let mut out = s.ancestors();
        for c in &s.mentee_cohorts {
            let Some(f) = self.census.filter_cohort_of_row(*c) else {
                continue;
            };
            let mut w = s.clone();
            w.mentee_cohorts.retain(|x| x != c);
            if !w.cohorts.contains(&f) {
                w.cohorts.push(f);
                w.cohorts.sort_unstable();
            }
            if w != *s {
                out.extend(w.ancestors());
                out.push(w);
            }
        }
        out.sort();
        out.dedup();
        out.retain(|w| w != s);
        out
    }

    /// Minimum group and remainder: the rules a figure fails on its own.
    fn own(&self, wave: u32, m: Measure, s: &Selection) -> Option<Rule> {
        let k = self.census.k_of(m);
        let n = self.count(wave, m, s);
        if n == 0 {
            return None;
        }
        if n < k {
            return Some(match m {
                Measure::Comment => Rule::CommentThreshold,
                _ => Rule::MinimumGroup,
            });
        }
        if self.census.switches.remainder {
            for a in self.wider(s) {
                let na = self.count(wave, m, &a);
                if na > n && na - n < k {
                    return Some(Rule::Remainder);
                }
            }
        }
        None
    }

    /// Every lattice rule, memoised: own rules, an identical wider
    /// selection that is hidden, and complementary suppression.
    fn lattice(&self, wave: u32, m: Measure, s: &Selection) -> Option<Rule> {
        let key = (wave, m, s.clone());
        if let Some(r) = self.lattice.borrow().get(&key) {
            return *r;
        }
        let decided = self.decide_lattice(wave, m, s);
        self.lattice.borrow_mut().insert(key, decided);
        decided
    }

    fn decide_lattice(&self, wave: u32, m: Measure, s: &Selection) -> Option<Rule> {
        // The paired change of a selection is the after sum minus the
        // before sum of its people in both waves. Beside the program's own
        // paired change and the wave means of the other selections it can
        // be solved for the few paired people outside it (the curious-
        // reader test found such systems), so it is published for the
        // whole program only.
        if matches!(m, Measure::Paired(_)) && !s.constraints().is_empty() {
            return Some(Rule::Complementary);
        }
        if let Some(r) = self.own(wave, m, s) {
            return Some(r);
        }
        let n = self.count(wave, m, s);
        if n == 0 {
            return None;
        }
        // A wider selection with exactly these respondents publishes the
        // same figure: it must be hidden wherever that one is.
        for a in self.wider(s) {
            if self.count(wave, m, &a) == n {
                if let Some(r) = self.lattice(wave, m, &a) {
                    return Some(r);
                }
            }
        }
        if self.census.switches.overlap {
            if let Some(r) = self.overlaps_a_view(wave, m, s, n) {
                return Some(r);
            }
        }
        if !self.census.switches.complementary {
            return None;
        }
        let dims = s.dims()?;
        if dims.len() >= 2 {
            // A cell of a table of two or more filters: shown only when the
            // whole table can be — hiding a few cells of a table whose
            // margins are published would leave them to be worked out
            // along a row or a column.
            let names: Vec<Dimension> = dims.iter().map(|(d, _)| *d).collect();
            if !self.table_ok(wave, m, &names) {
                return Some(Rule::Complementary);
            }
        } else if let [(dim, value)] = dims.as_slice() {
            if self.hidden_as_complement(wave, m, &Selection::default(), *dim, *value) {
                return Some(Rule::Complementary);
            }
        }
        None
    }

    /// The overlap rule across views: a reader can open any one-filter
    /// view (a team, a level, a cohort). When this selection and such a
    /// view differ by between 1 and k − 1 respondents in all (those in one
    /// and not the other, both ways) — one inside the other included, as
    /// the view is not one of this selection's wider selections — the
    /// difference of their figures is those few people's: the smaller of
    /// the two is hidden (both, when they are the same size).
    fn overlaps_a_view(&self, wave: u32, m: Measure, s: &Selection, n: usize) -> Option<Rule> {
        let k = self.census.k_of(m);
        let fixed: Vec<Dimension> = s
            .dims()
            .unwrap_or_default()
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        for dim in [Dimension::Team, Dimension::Level, Dimension::Cohort] {
            if fixed.contains(&dim) {
                continue;
            }
            for v in 0..self.census.values(dim) {
                let view = Selection::default().with(dim, Some(v));
                if view == *s {
                    continue;
                }
                let nv = self.count(wave, m, &view);
                if nv == 0 || nv < n {
                    continue;
                }
                let both = self.count(wave, m, &s.with(dim, Some(v)));
                // This selection inside the view counts too: the view is
                // not a wider selection of the lattice (another filter), so
                // the remainder rule does not see it.
                let apart = (n - both) + (nv - both);
                if apart > 0 && apart < k {
                    return Some(Rule::Overlap);
                }
            }
        }
        None
    }

    /// One filter's values split the whole program: when the hidden values
    /// (with the people who have none, and anonymous respondents) hold
    /// between 1 and k − 1 respondents, the smallest shown values are
    /// hidden too. Is `value` one of them?
    fn hidden_as_complement(
        &self,
        wave: u32,
        m: Measure,
        parent: &Selection,
        dim: Dimension,
        value: u32,
    ) -> bool {
        let k = self.census.k_of(m);
        let np = self.count(wave, m, parent);
        let children: Vec<(u32, usize, bool)> = (0..self.census.values(dim))
            .map(|v| {
                let child = parent.with(dim, Some(v));
                let nv = self.count(wave, m, &child);
                (v, nv, nv > 0 && self.own(wave, m, &child).is_some())
            })
            .collect();
        let listed: usize = children.iter().map(|c| c.1).sum();
        // Overlapping values (cohorts) can count a person twice; then the
        // parent minus the values is not a group of people at all.
        let implicit = np.saturating_sub(listed);
        // Two sums must each be none or at least k: the hidden values with
        // the people who have no value (the parent minus the shown values),
        // and the hidden values alone — another filter's values, all shown,
        // add up to the people who have a value, so the people without one
        // cannot stand in for a hidden value (the curious-reader test found
        // the teams and the levels solved together that way).
        let hidden: usize = children.iter().filter(|c| c.2).map(|c| c.1).sum();
        let (mut with_none, mut alone) = (implicit + hidden, hidden);
        let small = |x: usize| x > 0 && x < k;
        if !small(with_none) && !small(alone) {
            return false;
        }
        let mut published: Vec<(usize, u32)> = children
            .iter()
            .filter(|c| c.1 > 0 && !c.2)
            .map(|c| (c.1, c.0))
            .collect();
        published.sort_unstable();
        for (nv, v) in published {
            if !small(with_none) && !small(alone) {
                break;
            }
            if v == value {
                return true;
            }
            with_none += nv;
            alone += nv;
        }
        false
    }

    /// Whether every cell of the table over `dims` may be shown: each
    /// non-empty cell passes its own rules, and no row or column of it
    /// leaves between 1 and k − 1 respondents outside its cells (people
    /// without a value, anonymous respondents). Memoised per table.
    fn table_ok(&self, wave: u32, m: Measure, dims: &[Dimension]) -> bool {
        let key = (wave, m, dims.to_vec());
        if let Some(&ok) = self.tables.borrow().get(&key) {
            return ok;
        }
        let ok = self.check_table(wave, m, dims);
        self.tables.borrow_mut().insert(key, ok);
        ok
    }

    fn check_table(&self, wave: u32, m: Measure, dims: &[Dimension]) -> bool {
        let k = self.census.k_of(m);
        // Every combination of values of the dimensions, one dimension
        // possibly left open (the rows and columns).
        let sizes: Vec<u32> = dims.iter().map(|d| self.census.values(*d)).collect();
        let total: u64 = sizes.iter().map(|&n| u64::from(n) + 1).product();
        if total > 20_000 {
            // Too many cells to weigh one by one: show none of them.
            return false;
        }
        for code in 0..total {
            let mut rest = code;
            let vals: Vec<Option<u32>> = sizes
                .iter()
                .map(|&n| {
                    let v = (rest % (u64::from(n) + 1)) as u32;
                    rest /= u64::from(n) + 1;
                    (v < n).then_some(v)
                })
                .collect();
            let sel = dims
                .iter()
                .zip(&vals)
                .fold(Selection::default(), |s, (d, v)| s.with(*d, *v));
            let open: Vec<Dimension> = dims
                .iter()
                .zip(&vals)
                .filter(|(_, v)| v.is_none())
                .map(|(d, _)| *d)
                .collect();
            match open.as_slice() {
                [] => {
                    let n = self.count(wave, m, &sel);
                    if n > 0 && self.own(wave, m, &sel).is_some() {
                        return false;
                    }
                }
                [d] => {
                    // A row: its respondents outside every cell of it.
                    let np = self.count(wave, m, &sel);
                    let listed: usize = (0..self.census.values(*d))
                        .map(|v| self.count(wave, m, &sel.with(*d, Some(v))))
                        .sum();
                    let outside = np.saturating_sub(listed);
                    if outside > 0 && outside < k {
                        return false;
                    }
                    // A hidden row its cells add up to would be shown by
                    // them.
                    if outside == 0 && np > 0 && self.lattice(wave, m, &sel).is_some() {
                        return false;
                    }
                }
                _ => {}
            }
        }
        true
    }

    /// How many respondents two figures of one output differ by, where the
    /// difference could reveal them: the same quantity over two selections,
    /// a paired set and its wave. (A composite and its items are kept apart
    /// by the lattice rules on `Measure::Partial`.)
    fn difference(&self, a: &Figure, b: &Figure) -> Option<usize> {
        let na = self.count(a.wave, a.measure, &a.selection);
        let nb = self.count(b.wave, b.measure, &b.selection);
        let same_selection = a.selection == b.selection;
        match (a.measure, b.measure) {
            (x, y) if x == y && a.wave == b.wave => {
                if same_selection {
                    return None;
                }
                let both = a
                    .selection
                    .and(&b.selection)
                    .map(|s| self.count(a.wave, a.measure, &s))
                    .unwrap_or(0);
                Some(na + nb - 2 * both)
            }
            (Measure::Paired(other), Measure::Composite)
                if same_selection && (b.wave == a.wave || b.wave == other) =>
            {
                Some(na.abs_diff(nb))
            }
            (Measure::Composite, Measure::Paired(other))
                if same_selection && (a.wave == b.wave || a.wave == other) =>
            {
                Some(na.abs_diff(nb))
            }
            _ => None,
        }
    }
}

impl Census {
    /// Decides which of one output's figures may be published. `label`
    /// names a figure for the list of suppressions.
    pub fn decide(&self, figures: &[Figure], label: impl Fn(&Figure) -> String) -> Decisions {
        let engine = Engine {
            census: self,
            counts: RefCell::new(HashMap::new()),
            lattice: RefCell::new(HashMap::new()),
            tables: RefCell::new(HashMap::new()),
        };
        let mut hidden: Vec<Option<Rule>> = figures
            .iter()
            .map(|f| engine.lattice(f.wave, f.measure, &f.selection))
            .collect();
        // Overlap: the smaller of two published figures that differ by a
        // few people goes; repeated until nothing changes, since hiding one
        // can only remove pairs.
        for i in 0..figures.len() {
            for j in 0..figures.len() {
                if !self.switches.overlap || i == j || hidden[i].is_some() || hidden[j].is_some() {
                    continue;
                }
                let Some(d) = engine.difference(&figures[i], &figures[j]) else {
                    continue;
                };
                if d == 0 || d >= self.k_of(figures[i].measure) {
                    continue;
                }
                let ni = engine.count(figures[i].wave, figures[i].measure, &figures[i].selection);
                let nj = engine.count(figures[j].wave, figures[j].measure, &figures[j].selection);
                // The smaller goes; between equals, the narrower selection.
                let drop_i = (
                    ni,
                    std::cmp::Reverse(figures[i].selection.constraints().len()),
                ) <= (
                    nj,
                    std::cmp::Reverse(figures[j].selection.constraints().len()),
                );
                if drop_i {
                    hidden[i] = Some(Rule::Overlap);
                } else {
                    hidden[j] = Some(Rule::Overlap);
                }
            }
        }
        let mut suppressions: Vec<Suppression> = figures
            .iter()
            .zip(&hidden)
            .filter_map(|(f, h)| {
                h.map(|rule| Suppression {
                    place: label(f),
                    rule,
                })
            })
            .collect();
        suppressions.sort();
        suppressions.dedup();
        Decisions {
            hidden,
            suppressions,
        }
    }

    /// A figure in words: wave, quantity, selection.
    pub fn label(&self, f: &Figure) -> String {
        format!(
            "{} wave · {} · {}",
            self.waves.get(f.wave as usize).cloned().unwrap_or_default(),
            self.describe_measure(f.measure),
            self.describe(&f.selection)
        )
    }
}
