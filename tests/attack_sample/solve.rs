//! What the reader must not solve for, and the solve: single answers,
//! composites, recommendation scores, one person's change, and the sums of
//! every small group the filters describe.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::common::attack::{self, finish_row, put, Row, Space};
use crate::read::Published;
use crate::truth::{Filter, Truth};
use crate::K;
use mentorscope::analysis::frames::Id;

/// Every group of responses the reader could name: per wave, every filter
/// combination (up to all three), those in it who skipped an item, the
/// mentees of each cohort and format in it, those without a team or a
/// level, and the rest of every wider group.
pub fn groups(t: &Truth) -> Vec<(String, Vec<usize>)> {
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
pub struct Outcome {
    pub leaks: Vec<String>,
    /// The first target recovered in the answers' system (A) or the
    /// recommendation scores' (B), for [`explain`].
    pub first: Option<(bool, Row)>,
    pub unknowns: usize,
    pub rank: usize,
    pub unique_rows: usize,
    pub targets: usize,
}

pub fn solve(t: &Truth, p: &Published) -> Outcome {
    let mut leaks = Vec::new();
    let mut first: Option<(bool, Row)> = None;
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
            if first.is_none() {
                first = Some((space.unknowns() == t.ua.len(), row));
            }
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
        first,
        unknowns: sa.unknowns() + sb.unknowns(),
        rank: sa.rank() + sb.rank(),
        unique_rows,
        targets,
    }
}

/// Prints which published figures, with which weights, give the first
/// target recovered (a debugging aid, and what the rules-off test reports).
pub fn explain(t: &Truth, p: &Published, o: &Outcome) {
    let Some((in_a, target)) = &o.first else {
        return;
    };
    let (rows, n) = if *in_a {
        (&p.a, t.ua.len())
    } else {
        (&p.b, t.ue.len())
    };
    let mut seen = HashSet::new();
    let unique: Vec<&(String, Row)> = rows.iter().filter(|(_, r)| seen.insert(r)).collect();
    let plain: Vec<Row> = unique.iter().map(|(_, r)| r.clone()).collect();
    let Some(w) = attack::combination(&plain, n, target) else {
        return;
    };
    eprintln!("  {} from:", o.leaks[0]);
    for (i, c) in w {
        let c = match attack::as_fraction(c) {
            Some((a, 1)) => format!("{a:+}"),
            Some((a, b)) => format!("{a:+}/{b}"),
            None => "(weight)".into(),
        };
        eprintln!("    {c} × sum behind {}", unique[i].0);
    }
}
