//! M8's disclosure control across views (the minimum group per row is
//! applied where the rows are built, `analysis/skills`): the row sizes a skill row is
//! compared with — its wider selections (remainder rule), its siblings in
//! the team and level partitions (complementary suppression) and every
//! one-filter view a reader can open (overlap rule). Counts only: no value
//! of a rating is read here.

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::frames::ProgramData;
use crate::analysis::scope::Scope;
use crate::analysis::skills::{admits, changes};
use crate::analysis::AnalysisOptions;

/// Row sizes (people rated in both waves) per (area, rater).
pub(crate) type RowCounts = BTreeMap<(String, String), usize>;

/// Row sizes in a view.
fn counts(data: &ProgramData, opts: &AnalysisOptions, before: &str, after: &str) -> RowCounts {
    let scope = Scope::new(data, opts);
    let admit = admits(&scope);
    let by_row = changes(&data.skills, before, after, &admit);
    by_row
        .into_iter()
        .map(|(key, people)| (key, people.len()))
        .collect()
}

/// The overlap rule across views (docs/PRIVACY.md): the reader can open
/// any one-filter view — a team, a level, a cohort. Where this view's row
/// and that view's row differ by 1 to k − 1 people in all (those in one
/// and not the other, both ways), the difference of the two figures is
/// those few people's, so the smaller row is hidden (this one, when it is
/// not larger), as the survey figures' rule does.
pub(crate) fn overlapping(
    data: &ProgramData,
    opts: &AnalysisOptions,
    before: &str,
    after: &str,
    k: usize,
    mine: &RowCounts,
) -> BTreeSet<(String, String)> {
    let mut hidden = BTreeSet::new();
    let unfiltered = AnalysisOptions {
        team: None,
        level: None,
        cohort: None,
        ..opts.clone()
    };
    let distinct = |values: Vec<String>| -> Vec<String> {
        let set: BTreeSet<String> = values.into_iter().collect();
        set.into_iter().collect()
    };
    let mut views: Vec<(AnalysisOptions, AnalysisOptions)> = Vec::new();
    if opts.team.is_none() {
        for t in distinct(data.people.iter().filter_map(|p| p.team.clone()).collect()) {
            let view = AnalysisOptions {
                team: Some(t.clone()),
                ..unfiltered.clone()
            };
            let both = AnalysisOptions {
                team: Some(t),
                ..opts.clone()
            };
            views.push((view, both));
        }
    }
    if opts.level.is_none() {
        for l in distinct(data.people.iter().filter_map(|p| p.level.clone()).collect()) {
            let view = AnalysisOptions {
                level: Some(l.clone()),
                ..unfiltered.clone()
            };
            let both = AnalysisOptions {
                level: Some(l),
                ..opts.clone()
            };
            views.push((view, both));
        }
    }
    if opts.cohort.is_none() {
        for c in distinct(
            data.pairings
                .iter()
                .filter_map(|p| p.cohort.clone())
                .collect(),
        ) {
            let view = AnalysisOptions {
                cohort: Some(c.clone()),
                ..unfiltered.clone()
            };
            let both = AnalysisOptions {
                cohort: Some(c),
                ..opts.clone()
            };
            views.push((view, both));
        }
    }
    for (view, both) in views {
        let in_view = counts(data, &view, before, after);
        let in_both = counts(data, &both, before, after);
        for (key, &n) in mine {
            let nv = in_view.get(key).copied().unwrap_or(0);
            if n == 0 || nv == 0 || nv < n {
                continue;
            }
            let shared = in_both.get(key).copied().unwrap_or(0);
            let apart = (n - shared.min(n)) + (nv - shared.min(nv));
            if apart > 0 && apart < k {
                hidden.insert(key.clone());
            }
        }
    }
    hidden
}

/// A filter that splits the program into a partition (each person has at
/// most one value).
#[derive(Clone, Copy)]
enum Dim {
    Team,
    Level,
}

impl Dim {
    fn get(self, o: &AnalysisOptions) -> Option<&String> {
        match self {
            Dim::Team => o.team.as_ref(),
            Dim::Level => o.level.as_ref(),
        }
    }

    fn set(self, o: &AnalysisOptions, v: Option<String>) -> AnalysisOptions {
        let mut o = o.clone();
        match self {
            Dim::Team => o.team = v,
            Dim::Level => o.level = v,
        }
        o
    }
}

/// Complementary suppression within the team and level partitions: the
/// rows of the siblings of this view (the other teams, or levels, under
/// the same other filters) that are hidden, with the people who have no
/// team (level), must not add up to 1 .. k − 1 people, or the parent row
/// minus the published siblings reveals them; the smallest published
/// siblings are hidden until they do not. Decided from counts only, the
/// same way from every view.
pub(crate) fn complementary(
    data: &ProgramData,
    opts: &AnalysisOptions,
    before: &str,
    after: &str,
    k: usize,
) -> BTreeSet<(String, String)> {
    let mut hidden = BTreeSet::new();
    for dim in [Dim::Team, Dim::Level] {
        let Some(mine) = dim.get(opts) else {
            continue;
        };
        let parent = dim.set(opts, None);
        let parent_rows = counts(data, &parent, before, after);
        let mut values: Vec<String> = data
            .people
            .iter()
            .filter_map(|p| match dim {
                Dim::Team => p.team.clone(),
                Dim::Level => p.level.clone(),
            })
            .collect();
        values.sort();
        values.dedup();
        let siblings: Vec<(String, RowCounts)> = values
            .into_iter()
            .map(|v| {
                let rows = counts(data, &dim.set(opts, Some(v.clone())), before, after);
                (v, rows)
            })
            .collect();
        for (key, &total) in &parent_rows {
            let mut ns: Vec<(usize, &str)> = siblings
                .iter()
                .map(|(v, rows)| (rows.get(key).copied().unwrap_or(0), v.as_str()))
                .collect();
            let known: usize = ns.iter().map(|x| x.0).sum();
            let mut gap = total.saturating_sub(known);
            let mut out: BTreeSet<&str> = BTreeSet::new();
            for &(n, v) in &ns {
                if n > 0 && n < k {
                    gap += n;
                    out.insert(v);
                }
            }
            ns.sort();
            let published: Vec<(usize, &str)> = ns
                .iter()
                .copied()
                .filter(|(n, v)| *n >= k && !out.contains(v))
                .collect();
            let mut next = published.into_iter();
            while gap > 0 && gap < k {
                match next.next() {
                    Some((n, v)) => {
                        gap += n;
                        out.insert(v);
                    }
                    None => break,
                }
            }
            if out.contains(mine.as_str()) {
                hidden.insert(key.clone());
            }
        }
    }
    hidden
}

/// Row sizes for every wider selection a reader can open: the current
/// filters with one or more of team, level and cohort dropped.
pub(crate) fn wider_counts(
    data: &ProgramData,
    opts: &AnalysisOptions,
    before: &str,
    after: &str,
) -> Vec<RowCounts> {
    let active = [
        opts.team.is_some(),
        opts.level.is_some(),
        opts.cohort.is_some(),
    ];
    let mut out = Vec::new();
    for mask in 0u8..8 {
        // Keep a filter only where the mask says so; skip the current view.
        let keep = |i: usize| active[i] && mask & (1 << i) != 0;
        let same = (0..3).all(|i| keep(i) == active[i]);
        if same || (0..3).any(|i| !active[i] && mask & (1 << i) != 0) {
            continue;
        }
        let wider = AnalysisOptions {
            team: keep(0).then(|| opts.team.clone()).flatten(),
            level: keep(1).then(|| opts.level.clone()).flatten(),
            cohort: keep(2).then(|| opts.cohort.clone()).flatten(),
            ..opts.clone()
        };
        out.push(counts(data, &wider, before, after));
    }
    out
}
