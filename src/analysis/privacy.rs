//! The analysis's side of disclosure control: every survey figure of an
//! [`Analysis`] is listed as a [`Figure`] (wave, quantity, selection),
//! `disclosure` decides, and the hidden ones are blanked here — values set
//! to `null`, `suppressed` set — before the analysis leaves the library,
//! so JSON, charts, the pack and the app only ever see what may be shown.
//! Tests that depend on what other figures were published (Holm across
//! items, Kruskal–Wallis across cohorts) are recomputed from the published
//! figures only.

use super::cohorts::CohortRow;
use super::{Analysis, AnalysisOptions};
use crate::disclosure::{Census, Decisions, Figure, Measure, Selection, Suppression};
use crate::stats;

/// The selection the options describe, in the census's numbers. A value
/// the census does not know matches nobody.
pub(crate) fn selection(census: &Census, opts: &AnalysisOptions) -> Selection {
    const NOBODY: u32 = u32::MAX;
    Selection {
        team: opts
            .team
            .as_deref()
            .map(|t| census.team_id(t).unwrap_or(NOBODY)),
        level: opts
            .level
            .as_deref()
            .map(|l| census.level_id(l).unwrap_or(NOBODY)),
        cohorts: opts
            .cohort
            .as_deref()
            .map(|c| vec![census.cohort_id(c).unwrap_or(NOBODY)])
            .unwrap_or_default(),
        ..Default::default()
    }
}

/// What each published figure of the analysis is, so the decisions can be
/// applied back.
enum Slot {
    /// Not published: gates the item figures of one side.
    Partial(bool),
    Unpaired,
    Paired,
    Item(usize, bool),
    Level(usize, bool, usize),
    Enps(bool),
    Wave(usize),
    WaveEnps(usize),
    Cohort(usize),
    Format(usize),
    /// One wave's comments (M9): before (false) or after (true).
    Comments(bool),
}

/// Decides and blanks every survey figure of `a`; returns what was hidden.
pub(crate) fn protect(
    a: &mut Analysis,
    opts: &AnalysisOptions,
    census: &Census,
) -> Vec<Suppression> {
    let sel = selection(census, opts);
    let mut figures: Vec<Figure> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let mut push = |wave: Option<u32>, measure: Measure, selection: &Selection, slot: Slot| {
        if let Some(wave) = wave {
            figures.push(Figure {
                wave,
                measure,
                selection: selection.clone(),
            });
            slots.push(slot);
        }
    };
    let wave_of = |w: &Option<String>| w.as_deref().and_then(|w| census.wave_id(w));
    let (bw, aw) = (
        wave_of(&a.survey_unpaired.before_wave),
        wave_of(&a.survey_unpaired.after_wave),
    );
    push(bw, Measure::Composite, &sel, Slot::Unpaired);
    push(aw, Measure::Composite, &sel, Slot::Unpaired);
    if let Some(b) = bw {
        push(aw, Measure::Paired(b), &sel, Slot::Paired);
    }
    // Items (means, answer levels, tests) are published for the whole
    // program only: under a filter, a group's items beside its composite
    // and the composites of the team and level partitions can be solved
    // together for the few who skipped an item (docs/PRIVACY.md rule 5).
    let filtered = opts.team.is_some() || opts.level.is_some() || opts.cohort.is_some();
    push(bw, Measure::Partial, &sel, Slot::Partial(false));
    push(aw, Measure::Partial, &sel, Slot::Partial(true));
    for (i, item) in a.item_means.items.iter().enumerate() {
        if filtered {
            break;
        }
        let Some(id) = census.item_id(&crate::store::item_key(item)) else {
            continue;
        };
        for (after, w) in [(false, bw), (true, aw)] {
            push(w, Measure::Item(id), &sel, Slot::Item(i, after));
        }
        if let Some(d) = a.item_distributions.get(i) {
            for l in 0..d.scale_points {
                for (after, w) in [(false, bw), (true, aw)] {
                    push(
                        w,
                        Measure::ItemLevel(id, (l + 1) as u8),
                        &sel,
                        Slot::Level(i, after, l),
                    );
                }
            }
        }
    }
    push(bw, Measure::Enps, &sel, Slot::Enps(false));
    push(aw, Measure::Enps, &sel, Slot::Enps(true));
    for (i, w) in a.waves.iter().enumerate() {
        let id = census.wave_id(&w.wave);
        push(id, Measure::Composite, &sel, Slot::Wave(i));
        push(id, Measure::Enps, &sel, Slot::WaveEnps(i));
    }
    for (i, row) in a.cohorts.iter().enumerate() {
        if let Some(c) = census.row_cohort_id(&row.cohort) {
            let s = Selection {
                mentee_cohorts: vec![c],
                ..sel.clone()
            };
            push(aw, Measure::Composite, &s, Slot::Cohort(i));
        }
    }
    for (i, row) in a.formats.iter().flatten().enumerate() {
        if let Some(f) = census.format_id(&row.cohort) {
            let s = Selection {
                mentee_formats: vec![f],
                ..sel.clone()
            };
            push(aw, Measure::Composite, &s, Slot::Format(i));
        }
    }
    // Comments (M9): each wave's, under the comment threshold.
    let comment_wave =
        |c: &Option<super::comments::CommentWave>| c.as_ref().and_then(|c| census.wave_id(&c.wave));
    push(
        comment_wave(&a.comments.before),
        Measure::Comment,
        &sel,
        Slot::Comments(false),
    );
    push(
        comment_wave(&a.comments.after),
        Measure::Comment,
        &sel,
        Slot::Comments(true),
    );
    let decisions = census.decide(&figures, |f| census.label(f));
    let mut suppressions = decisions.suppressions.clone();
    let extra = apply(a, &slots, &decisions);
    if filtered {
        suppressions.extend(whole_program_only_items(a));
    }
    // Answer levels hidden to protect another hidden level.
    for (i, after, l) in extra {
        if let Some(f) = slots
            .iter()
            .position(|s| matches!(s, Slot::Level(j, x, m) if *j == i && *x == after && *m == l))
        {
            suppressions.push(Suppression {
                place: census.label(&figures[f]),
                rule: crate::disclosure::Rule::Complementary,
            });
        }
    }
    suppressions.sort();
    suppressions.dedup();
    suppressions
}

/// Under a filter: every item figure blanked, one suppression per item
/// and wave that had something to hide.
fn whole_program_only_items(a: &mut Analysis) -> Vec<Suppression> {
    let mut out = Vec::new();
    let u = &a.survey_unpaired;
    let waves = [u.before_wave.clone(), u.after_wave.clone()];
    let m = &mut a.item_means;
    for (i, item) in m.items.iter().enumerate() {
        for (after, wave) in [(false, &waves[0]), (true, &waves[1])] {
            let (mean, ci) = if after {
                (&mut m.after[i], &mut m.ci_after[i])
            } else {
                (&mut m.before[i], &mut m.ci_before[i])
            };
            let had = mean.is_some();
            (*mean, *ci) = (None, None);
            if let Some(d) = a.item_distributions.get_mut(i) {
                if after {
                    (d.after, d.positive_after) = (None, None);
                } else {
                    (d.before, d.positive_before) = (None, None);
                }
            }
            if had {
                out.push(Suppression {
                    place: format!(
                        "{} wave · item “{item}” · under a filter",
                        wave.as_deref()
                            .unwrap_or(if after { "after" } else { "before" })
                    ),
                    rule: crate::disclosure::Rule::WholeProgramOnly,
                });
            }
        }
    }
    for t in a.item_tests.iter_mut() {
        t.suppressed = true;
        (t.diff, t.welch_p, t.p_holm) = (None, None, None);
    }
    out
}

/// Blanks what the decisions hide; returns the answer levels hidden by
/// complementary suppression within a distribution (item, after, level).
fn apply(a: &mut Analysis, slots: &[Slot], d: &Decisions) -> Vec<(usize, bool, usize)> {
    let mut extra = Vec::new();
    let hidden = |want: &dyn Fn(&Slot) -> bool| {
        slots
            .iter()
            .enumerate()
            .any(|(i, s)| want(s) && d.is_hidden(i))
    };
    // The unpaired comparison publishes both means and their difference:
    // one hidden wave hides it all.
    if hidden(&|s| matches!(s, Slot::Unpaired)) {
        let u = &mut a.survey_unpaired;
        u.suppressed = true;
        (u.mean_before, u.mean_after, u.sd_before, u.sd_after, u.diff) =
            (None, None, None, None, None);
        (u.ci95, u.welch_t, u.welch_df, u.welch_p) = (None, None, None, None);
        (u.cohens_d, u.mann_whitney_p, u.mde_80) = (None, None, None);
        hide_adjusted(&mut u.adjusted);
    }
    // The adjusted model leaves out respondents not on the roster; a few
    // left out would be the difference between it and the raw figures.
    let adj = &a.survey_unpaired.adjusted;
    let k = a.min_group_size;
    if !adj.suppressed
        && ((adj.n_excluded > 0 && adj.n_excluded < k)
            || (adj.smallest_group > 0 && adj.smallest_group < k))
    {
        hide_adjusted(&mut a.survey_unpaired.adjusted);
    }
    // The paired change is the after sum minus the before sum of the
    // people in both waves: beside one published wave mean it gives the
    // other wave's sum over them, so it is shown only when both are.
    if hidden(&|s| matches!(s, Slot::Paired)) || a.survey_unpaired.suppressed {
        let p = &mut a.survey_paired;
        p.suppressed = true;
        (p.mean_diff, p.ci95, p.t, p.df, p.p) = (None, None, None, None, None);
    }
    let items = a.item_means.items.len();
    for i in 0..items {
        for after in [false, true] {
            let partial = hidden(&|s| matches!(s, Slot::Partial(x) if *x == after));
            if partial || hidden(&|s| matches!(s, Slot::Item(j, x) if *j == i && *x == after)) {
                let m = &mut a.item_means;
                if after {
                    (m.after[i], m.ci_after[i]) = (None, None);
                } else {
                    (m.before[i], m.ci_before[i]) = (None, None);
                }
                if let Some(dist) = a.item_distributions.get_mut(i) {
                    if after {
                        dist.after = None;
                    } else {
                        dist.before = None;
                    }
                }
            }
        }
        if let Some(dist) = a.item_distributions.get_mut(i) {
            let mut positive: [Option<f64>; 2] = [None, None];
            for (after, side) in [(false, &mut dist.before), (true, &mut dist.after)] {
                let Some(counts) = side else { continue };
                let raw: Vec<u64> = counts.iter().map(|c| c.unwrap_or(0)).collect();
                let hide: Vec<bool> = (0..counts.len())
                    .map(|l| {
                        hidden(&|s| matches!(s, Slot::Level(j, x, m) if *j == i && *x == after && *m == l))
                    })
                    .collect();
                for l in hide_levels(counts, hide, a.min_group_size) {
                    extra.push((i, after, l));
                }
                positive[usize::from(after)] = positive_share(&raw, counts, a.min_group_size);
            }
            dist.positive_before = positive[0];
            dist.positive_after = positive[1];
        }
    }
    // Item tests: shown only where both sides are, Holm over those alone.
    for (i, t) in a.item_tests.iter_mut().enumerate() {
        if a.item_means.before.get(i).copied().flatten().is_none()
            || a.item_means.after.get(i).copied().flatten().is_none()
        {
            t.suppressed = true;
            (t.diff, t.welch_p, t.p_holm) = (None, None, None);
        }
    }
    let adjusted = stats::holm(&a.item_tests.iter().map(|t| t.welch_p).collect::<Vec<_>>());
    for (t, p) in a.item_tests.iter_mut().zip(adjusted) {
        t.p_holm = p;
    }
    for (after, hide) in [
        (false, hidden(&|s| matches!(s, Slot::Enps(false)))),
        (true, hidden(&|s| matches!(s, Slot::Enps(true)))),
    ] {
        if hide {
            if after {
                a.enps.after = None;
            } else {
                a.enps.before = None;
            }
        }
    }
    for (i, w) in a.waves.iter_mut().enumerate() {
        if hidden(&|s| matches!(s, Slot::Wave(j) if *j == i)) {
            w.suppressed = true;
            (w.mean, w.ci95, w.enps) = (None, None, None);
        }
        if hidden(&|s| matches!(s, Slot::WaveEnps(j) if *j == i)) {
            w.enps = None;
        }
    }
    let hide_rows = |rows: &mut [CohortRow], want: &dyn Fn(usize) -> bool| {
        for (i, r) in rows.iter_mut().enumerate() {
            if want(i) {
                r.suppressed = true;
                r.after_mean = None;
            }
        }
    };
    hide_rows(&mut a.cohorts, &|i| {
        hidden(&|s| matches!(s, Slot::Cohort(j) if *j == i))
    });
    a.cohorts_kruskal_p = super::cohorts::kruskal(&a.cohorts);
    if let Some(rows) = a.formats.as_mut() {
        hide_rows(rows, &|i| {
            hidden(&|s| matches!(s, Slot::Format(j) if *j == i))
        });
        a.formats_kruskal_p = super::cohorts::kruskal(rows);
    }
    let c = &mut a.comments;
    for (after, side) in [(false, &mut c.before), (true, &mut c.after)] {
        if let Some(w) = side {
            if hidden(&|s| matches!(s, Slot::Comments(x) if *x == after)) {
                super::comments::hide(w);
                c.suppressed = true;
            }
        }
    }
    if c.suppressed {
        c.distinctive = None;
    }
    extra
}

fn hide_adjusted(adj: &mut super::AdjustedDifference) {
    adj.suppressed = true;
    (adj.diff, adj.ci95, adj.p) = (None, None, None);
    adj.reason = Some(
        "hidden to protect respondents: a team-and-level group in the model, or the few left out of it, holds fewer than the minimum group size"
            .into(),
    );
}

/// The share of answers above the middle, when publishing it cannot reveal
/// a hidden level: the hidden answers above the middle, and those at or
/// below it, must each be none or at least k (the share gives away the
/// first, and the total then the second).
fn positive_share(raw: &[u64], shown: &[Option<u64>], k: usize) -> Option<f64> {
    let n: u64 = raw.iter().sum();
    if n == 0 {
        return None;
    }
    let upper_from = raw.len().div_ceil(2);
    let (mut hidden_up, mut hidden_low) = (0u64, 0u64);
    for (l, (r, s)) in raw.iter().zip(shown).enumerate() {
        if s.is_none() {
            if l >= upper_from {
                hidden_up += r;
            } else {
                hidden_low += r;
            }
        }
    }
    let small = |x: u64| (1..k as u64).contains(&x);
    if small(hidden_up) || small(hidden_low) {
        return None;
    }
    Some(raw[upper_from..].iter().sum::<u64>() as f64 / n as f64)
}

/// Hides the levels the rules hide, then complementary suppression within
/// the distribution: the hidden levels together must not hold between 1
/// and k − 1 answers, or the total minus the shown levels reveals them, so
/// the smallest shown levels are hidden until they do not. Partners are
/// taken from the same side of the middle first, so that the share of
/// positive answers can still be shown (see [`positive_share`]).
fn hide_levels(counts: &mut [Option<u64>], mut hide: Vec<bool>, k: usize) -> Vec<usize> {
    let mut added = Vec::new();
    let upper_from = counts.len().div_ceil(2);
    let raw: Vec<u64> = counts.iter().map(|c| c.unwrap_or(0)).collect();
    let small = |x: u64| (1..k as u64).contains(&x);
    let total = |hide: &[bool], side: Option<bool>| -> u64 {
        (0..raw.len())
            .filter(|&l| hide[l] && side.is_none_or(|up| (l >= upper_from) == up))
            .map(|l| raw[l])
            .sum()
    };
    let smallest = |hide: &[bool], side: Option<bool>| -> Option<usize> {
        (0..raw.len())
            .filter(|&l| !hide[l] && raw[l] > 0)
            .filter(|&l| side.is_none_or(|up| (l >= upper_from) == up))
            .min_by_key(|&l| (raw[l], l))
    };
    for side in [true, false] {
        while small(total(&hide, Some(side))) {
            match smallest(&hide, Some(side)) {
                Some(l) => {
                    hide[l] = true;
                    added.push(l);
                }
                None => break,
            }
        }
    }
    while small(total(&hide, None)) {
        match smallest(&hide, None) {
            Some(l) => {
                hide[l] = true;
                added.push(l);
            }
            None => break,
        }
    }
    for (c, h) in counts.iter_mut().zip(hide) {
        if h {
            *c = None;
        }
    }
    added
}
