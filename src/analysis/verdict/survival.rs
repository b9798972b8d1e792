//! The ramp-up (M2) and retention (M3) verdicts, led by the stratified Cox
//! hazard ratio (M6) when it disagrees with the raw comparison in direction
//! or in significance: "weren't the mentees just different people?" is
//! answered in the headline, not in a footnote.

use super::{capitalise, chance, outcome, p_text, thousands, verdict};
use crate::analysis::frames::ProgramData;
use crate::analysis::{AdjustedHazard, Analysis, SurvivalGroup, Verdict};

fn days(x: f64) -> String {
    format!("{x:.0} days")
}

fn hr_text(a: &AdjustedHazard) -> String {
    match (a.hazard_ratio, a.ci95) {
        (Some(hr), Some([lo, hi])) => format!("hazard ratio {hr:.2}, 95% CI {lo:.2}–{hi:.2}"),
        _ => String::new(),
    }
}

/// Whether the adjusted estimate disagrees with the raw one in direction
/// or in significance, so the verdict must lead with it.
fn disagrees(raw_p: Option<f64>, raw_better: bool, adj: &AdjustedHazard, adj_better: bool) -> bool {
    let (Some(rp), Some(ap)) = (raw_p, adj.p) else {
        return false;
    };
    (rp < 0.05) != (ap < 0.05) || ((rp < 0.05 || ap < 0.05) && raw_better != adj_better)
}

/// What could have been seen when nothing was: the minimum detectable
/// hazard ratio, in words.
fn mde_sentence(adj: &AdjustedHazard) -> Option<String> {
    adj.mde_hr_80.map(|m| {
        format!(
            "With {} events, no hazard ratio closer to 1 than {m:.2} (or {:.2}) could have been detected reliably; a smaller real difference may exist.",
            thousands(adj.events),
            1.0 / m
        )
    })
}

/// The caveats every adjusted result adds: the PH test, a failed fit.
fn adjusted_caveats(adj: &AdjustedHazard, caveats: &mut Vec<String>) {
    if let Some(reason) = &adj.reason {
        caveats.push(format!(
            "A like-for-like comparison (same team and level) could not be made: {reason}."
        ));
    }
    if let Some(p) = adj.ph_test_p.filter(|p| *p < 0.05) {
        caveats.push(format!(
            "The gap between the groups changes over time (proportional-hazards test p = {}), so one hazard ratio summarises it only roughly.",
            p_text(p)
        ));
    }
    if adj.hazard_ratio.is_some() && adj.strata_used < adj.strata {
        caveats.push(format!(
            "{} of {} team-and-level groups hold both mentored and other people and so inform the like-for-like comparison.",
            thousands(adj.strata_used),
            thousands(adj.strata)
        ));
    }
}

pub(super) fn ramp_up(a: &Analysis, data: &ProgramData) -> Verdict {
    let r = &a.ramp_up;
    if data.people.is_empty() || r.milestone_kind.is_none() || r.window_start.is_none() {
        return verdict(
            "no_data",
            "Import the roster (with hire dates) and a milestones file to measure ramp-up time."
                .into(),
            vec![],
        );
    }
    let [g1, g2] = &r.group_labels;
    let (m, n) = (&r.mentored, &r.not_mentored);
    let mut caveats = Vec::new();
    if data.pairings.is_empty() {
        caveats.push("No pairing data is imported, so everyone counts as not mentored.".into());
    }
    for (label, g) in [(g1, m), (g2, n)] {
        if g.n > 0 && g.events < 10 {
            caveats.push(format!(
                "{label}: only {} of {} reached the milestone; the estimate is rough.",
                thousands(g.events),
                thousands(g.n)
            ));
        }
        if g.n > 0 && (g.n - g.events) as f64 / g.n as f64 > 0.5 {
            caveats.push(format!(
                "{label}: most people ({} of {}) have not reached the milestone yet, so the median may move.",
                thousands(g.n - g.events),
                thousands(g.n)
            ));
        }
    }
    if m.n == 0 || n.n == 0 {
        return verdict(
            "too_few",
            format!(
                "Only one group has people ({g1}: {}, {g2}: {}), so there is nothing to compare.",
                thousands(m.n),
                thousands(n.n)
            ),
            caveats,
        );
    }
    let med = |g: &SurvivalGroup| {
        g.km_median_days
            .map(days)
            .unwrap_or_else(|| "not reached yet".into())
    };
    let kind = r.milestone_kind.clone().unwrap_or_default();
    let raw = format!(
        "Typical time to \u{201c}{kind}\u{201d}: {} for {} ({} people) vs {} for {} ({} people)",
        med(m),
        g1.to_lowercase(),
        thousands(m.n),
        med(n),
        g2.to_lowercase(),
        thousands(n.n)
    );
    let raw_better = match (m.km_median_days, n.km_median_days) {
        (Some(x), Some(y)) => x < y,
        (Some(_), None) => true,
        _ => false,
    };
    let adj = &r.adjusted;
    // A hazard ratio above 1: the first group reaches the milestone sooner.
    let adj_better = adj.hazard_ratio.is_some_and(|hr| hr > 1.0);
    let like_for_like = {
        let how = match (adj.hazard_ratio, adj.p) {
            (Some(hr), Some(p)) if p < 0.05 && hr > 1.0 => "sooner",
            (Some(_), Some(p)) if p < 0.05 => "later",
            _ => "about as fast as the others",
        };
        format!(
            "compared like for like (same team and level), the {} group reaches \u{201c}{kind}\u{201d} {how} ({})",
            g1.to_lowercase(),
            hr_text(adj)
        )
    };
    compared(
        Compared {
            raw,
            raw_better,
            logrank_p: r.logrank_p,
            adj,
            adj_better,
            like_for_like,
            events: "events",
            unadjusted_note: None,
        },
        caveats,
    )
}

pub(super) fn retention(a: &Analysis, data: &ProgramData) -> Verdict {
    let r = &a.retention;
    if data.people.is_empty() || a.ramp_up.window_start.is_none() {
        return verdict(
            "no_data",
            "Import the roster with hire and exit dates to measure retention.".into(),
            vec![],
        );
    }
    let [g1, g2] = &a.ramp_up.group_labels;
    let (m, n) = (&r.mentored, &r.not_mentored);
    if m.n == 0 || n.n == 0 {
        return verdict(
            "too_few",
            format!(
                "Only one group has people ({g1}: {}, {g2}: {}), so there is nothing to compare.",
                thousands(m.n),
                thousands(n.n)
            ),
            vec![],
        );
    }
    let mut caveats = Vec::new();
    for (label, g) in [(g1, m), (g2, n)] {
        if g.exits < 5 {
            caveats.push(format!(
                "{label}: only {} people left, so the estimate is rough.",
                thousands(g.exits)
            ));
        }
    }
    let pc = |x: Option<f64>| {
        x.map(|v| format!("{:.0}%", v * 100.0))
            .unwrap_or_else(|| "—".into())
    };
    let raw_better = match (m.retained_365, n.retained_365) {
        (Some(x), Some(y)) => x > y,
        _ => false,
    };
    let raw = format!(
        "After 12 months, {} of {} people were still here vs {} of {} people",
        pc(m.retained_365),
        g1.to_lowercase(),
        pc(n.retained_365),
        g2.to_lowercase()
    );
    let adj = &r.adjusted;
    // A hazard ratio below 1: the first group leaves less often.
    let adj_better = adj.hazard_ratio.is_some_and(|hr| hr < 1.0);
    let like_for_like = {
        let how = match (adj.hazard_ratio, adj.p) {
            (Some(hr), Some(p)) if p < 0.05 && hr < 1.0 => "is less likely to leave",
            (Some(_), Some(p)) if p < 0.05 => "is more likely to leave",
            _ => "leaves about as often as the others",
        };
        format!(
            "compared like for like (same team and level), the {} group {how} ({})",
            g1.to_lowercase(),
            hr_text(adj)
        )
    };
    compared(
        Compared {
            raw,
            raw_better,
            logrank_p: r.logrank_p,
            adj,
            adj_better,
            like_for_like,
            events: "exits",
            unadjusted_note: Some("People who joined a mentoring program may differ from those who did not; this shows association, not cause."),
        },
        caveats,
    )
}

/// The headline when the adjusted estimate leads: why raw and adjusted
/// differ first when the raw gap shrinks, after when it grows.
fn lead(like_for_like: &str, adj: &AdjustedHazard, raw_p: Option<f64>) -> String {
    let test = chance(adj.p.unwrap_or(1.0));
    match (&adj.explained_by, raw_p.is_some_and(|p| p < 0.05)) {
        (Some(e), true) => {
            format!("Much of the raw gap is explained by {e}; {like_for_like}; {test}.")
        }
        (Some(e), false) => format!(
            "{}; {test}. The raw comparison hides this because of {e}.",
            capitalise(like_for_like)
        ),
        (None, _) => format!("{}; {test}.", capitalise(like_for_like)),
    }
}

/// A survival comparison (ramp-up, retention) in words, its raw figures
/// and its like-for-like hazard ratio side by side.
struct Compared<'a> {
    raw: String,
    raw_better: bool,
    logrank_p: Option<f64>,
    adj: &'a AdjustedHazard,
    adj_better: bool,
    like_for_like: String,
    /// What "too few … to test" counts: events, exits.
    events: &'static str,
    /// Said when there is no like-for-like estimate at all.
    unadjusted_note: Option<&'static str>,
}

/// Led by the like-for-like result when it and the raw one disagree (the
/// raw one becomes a caveat), else by the raw one with the like-for-like
/// one as its first caveat; the smallest detectable effect when nothing
/// was found.
fn compared(c: Compared<'_>, mut caveats: Vec<String>) -> Verdict {
    let adj = c.adj;
    adjusted_caveats(adj, &mut caveats);
    if disagrees(c.logrank_p, c.raw_better, adj, c.adj_better) {
        let headline = lead(&c.like_for_like, adj, c.logrank_p);
        caveats.insert(0, format!("Without that adjustment: {}.", c.raw));
        if adj.p.is_some_and(|p| p >= 0.05) {
            caveats.extend(mde_sentence(adj));
        }
        return verdict(outcome(adj.p, c.adj_better), headline, caveats);
    }
    let mut headline = c.raw;
    match c.logrank_p {
        Some(p) => headline.push_str(&format!("; {}.", chance(p))),
        None => headline.push_str(&format!("; too few {} to test the difference.", c.events)),
    }
    if adj.hazard_ratio.is_some() {
        caveats.insert(
            0,
            format!(
                "{} — consistent with the raw comparison.",
                capitalise(&c.like_for_like)
            ),
        );
    } else if let Some(note) = c.unadjusted_note {
        caveats.push(note.into());
    }
    if c.logrank_p.is_some_and(|p| p >= 0.05) {
        caveats.extend(mde_sentence(adj));
    }
    verdict(outcome(c.logrank_p, c.raw_better), headline, caveats)
}
