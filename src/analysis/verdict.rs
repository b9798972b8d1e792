//! Numbers → sentences. Each verdict says what changed, by how much, and
//! how sure we can be, in words a program manager can repeat to leadership;
//! caveats name what the data cannot support. Thresholds: p < 0.05 is
//! "unlikely to be chance", p < 0.001 "very unlikely"; anything else is "no
//! clear difference", never "no effect".

use super::frames::ProgramData;
use super::{Analysis, Verdict};

fn chance(p: f64) -> String {
    if p < 0.001 {
        "a difference this large is very unlikely to be chance (p < 0.001)".into()
    } else if p < 0.05 {
        format!(
            "a difference this large is unlikely to be chance (p = {})",
            p_text(p)
        )
    } else {
        format!(
            "a difference this size could easily be chance (p = {})",
            p_text(p)
        )
    }
}

fn p_text(p: f64) -> String {
    if p < 0.01 {
        format!("{p:.3}")
    } else {
        format!("{p:.2}")
    }
}

fn signed(x: f64, decimals: usize) -> String {
    format!(
        "{}{:.*}",
        if x >= 0.0 { "+" } else { "−" },
        decimals,
        x.abs()
    )
}

fn pct(x: f64) -> String {
    format!(
        "{}{:.0}%",
        if x >= 0.0 { "+" } else { "−" },
        (x * 100.0).abs()
    )
}

fn outcome(p: Option<f64>, better: bool) -> String {
    match p {
        Some(p) if p < 0.05 => if better { "improved" } else { "worsened" }.into(),
        Some(_) => "no_clear_difference".into(),
        None => "too_few".into(),
    }
}

fn verdict(outcome: impl Into<String>, headline: String, caveats: Vec<String>) -> Verdict {
    Verdict {
        outcome: outcome.into(),
        headline,
        caveats,
    }
}

pub(super) fn all(a: &Analysis, data: &ProgramData) -> super::Verdicts {
    super::Verdicts {
        survey: Some(survey(a)),
        ramp_up: Some(ramp_up(a, data)),
        retention: Some(retention(a, data)),
        delivery: Some(delivery(a)),
        engagement: Some(engagement(a)),
    }
}

fn survey(a: &Analysis) -> Verdict {
    let u = &a.survey_unpaired;
    if a.waves.len() < 2 {
        return verdict(
            "no_data",
            "Import a survey from before and one from after the program to compare satisfaction."
                .into(),
            vec![],
        );
    }
    if u.suppressed {
        return verdict(
            "too_few",
            format!(
                "Too few responses to say: each wave needs at least {} respondents to protect their confidentiality ({} before, {} after).",
                a.min_group_size,
                thousands(u.n_before),
                thousands(u.n_after)
            ),
            vec![],
        );
    }
    let (Some(b), Some(af), Some(d)) = (u.mean_before, u.mean_after, u.diff) else {
        return verdict(
            "too_few",
            "Too few answered the satisfaction questions to say.".into(),
            vec![],
        );
    };
    let mut caveats = Vec::new();
    let ci = u
        .ci95
        .map(|[lo, hi]| format!(", 95% CI {} to {}", signed(lo, 2), signed(hi, 2)))
        .unwrap_or_default();
    let change = if d.abs() < 0.005 {
        format!("Satisfaction stayed at {b:.1} out of 5")
    } else {
        format!(
            "Satisfaction {} from {b:.1} to {af:.1} out of 5 ({}{ci})",
            if d > 0.0 { "rose" } else { "fell" },
            signed(d, 2)
        )
    };
    let tail = match u.welch_p {
        Some(p) => chance(p),
        None => "the answers do not vary enough to test the difference".into(),
    };
    if !a.survey_paired.suppressed {
        if let (Some(md), Some(p)) = (a.survey_paired.mean_diff, a.survey_paired.p) {
            caveats.push(format!(
                "Among the {} people who answered both surveys, the average change was {}; {}.",
                thousands(a.survey_paired.n_pairs),
                signed(md, 2),
                chance(p)
            ));
        }
    } else if a.survey_paired.n_pairs > 0 {
        caveats.push(format!(
            "Only {} people answered both surveys, too few for a same-person comparison.",
            thousands(a.survey_paired.n_pairs)
        ));
    }
    let ratio = u.n_before.max(u.n_after) as f64 / u.n_before.min(u.n_after).max(1) as f64;
    if ratio > 2.0 {
        caveats.push(format!(
            "The waves have very different numbers of responses ({} vs {}); who chose to answer may differ.",
            thousands(u.n_before),
            thousands(u.n_after)
        ));
    }
    caveats.push("A before/after survey shows change over the program's time, not that the program caused it.".into());
    verdict(
        outcome(u.welch_p, d > 0.0),
        format!("{change}; {tail}."),
        caveats,
    )
}

fn days(x: f64) -> String {
    format!("{x:.0} days")
}

fn ramp_up(a: &Analysis, data: &ProgramData) -> Verdict {
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
    let med = |g: &super::SurvivalGroup| {
        g.km_median_days
            .map(days)
            .unwrap_or_else(|| "not reached yet".into())
    };
    let kind = r.milestone_kind.clone().unwrap_or_default();
    let mut headline = format!(
        "Typical time to \u{201c}{kind}\u{201d}: {} for {} ({} people) vs {} for {} ({} people)",
        med(m),
        g1.to_lowercase(),
        thousands(m.n),
        med(n),
        g2.to_lowercase(),
        thousands(n.n)
    );
    let better = match (m.km_median_days, n.km_median_days) {
        (Some(x), Some(y)) => x < y,
        (Some(_), None) => true,
        _ => false,
    };
    match r.logrank_p {
        Some(p) => headline.push_str(&format!("; {}.", chance(p))),
        None => headline.push_str("; too few events to test the difference."),
    }
    verdict(outcome(r.logrank_p, better), headline, caveats)
}

fn retention(a: &Analysis, data: &ProgramData) -> Verdict {
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
    let better = match (m.retained_365, n.retained_365) {
        (Some(x), Some(y)) => x > y,
        _ => false,
    };
    let mut headline = format!(
        "After 12 months, {} of {} people were still here vs {} of {} people",
        pc(m.retained_365),
        g1.to_lowercase(),
        pc(n.retained_365),
        g2.to_lowercase()
    );
    match r.logrank_p {
        Some(p) => headline.push_str(&format!("; {}.", chance(p))),
        None => headline.push_str("; too few exits to test the difference."),
    }
    caveats.push("People who joined a mentoring program may differ from those who did not; this shows association, not cause.".into());
    verdict(outcome(r.logrank_p, better), headline, caveats)
}

fn delivery(a: &Analysis) -> Verdict {
    let d = &a.delivery;
    if d.before.team_weeks == 0 || d.after.team_weeks == 0 {
        return verdict(
            "no_data",
            "Import weekly team metrics from before and after the launch to compare delivery."
                .into(),
            vec![],
        );
    }
    let mut parts = Vec::new();
    if let (Some(b), Some(x), Some(rel)) = (
        d.before.deploys_per_team_week,
        d.after.deploys_per_team_week,
        d.deploys_relative_change,
    ) {
        parts.push(format!(
            "deployments per team-week went from {b:.1} to {x:.1} ({})",
            pct(rel)
        ));
    }
    if let (Some(b), Some(x)) = (d.before.change_failure_rate, d.after.change_failure_rate) {
        parts.push(format!(
            "change failure rate from {:.0}% to {:.0}%",
            b * 100.0,
            x * 100.0
        ));
    }
    if let (Some(b), Some(x)) = (d.before.mttr_hours_median, d.after.mttr_hours_median) {
        parts.push(format!(
            "median time to restore from {b:.1} to {x:.1} hours"
        ));
    }
    let mut headline = format!("After launch, {}", parts.join("; "));
    let better = d.deploys_relative_change.is_some_and(|r| r > 0.0);
    match d.deploys_mann_whitney_p {
        Some(p) => headline.push_str(&format!(". For deployments, {}.", chance(p))),
        None => headline.push('.'),
    }
    let caveats = vec![
        format!(
            "{} team-weeks before launch, {} after.",
            d.before.team_weeks, d.after.team_weeks
        ),
        "Delivery also changes for reasons outside the program (tooling, staffing, season).".into(),
    ];
    verdict(outcome(d.deploys_mann_whitney_p, better), headline, caveats)
}

fn engagement(a: &Analysis) -> Verdict {
    let e = &a.engagement;
    if e.pairs == 0 && e.meetings == 0 {
        return verdict(
            "no_data",
            "Import the pairing sheet and meeting log to see engagement.".into(),
            vec![],
        );
    }
    let mut caveats = Vec::new();
    let quiet = e.active_pairs.saturating_sub(e.active_pairs_met_last_30d);
    if quiet > 0 {
        caveats.push(format!(
            "{} active pairings have not met in the last 30 days; they may need a nudge.",
            thousands(quiet)
        ));
    }
    let headline = format!(
        "{} meetings ({} hours) across {} pairings, {} per pairing; {} of {} active pairings met in the last 30 days.",
        thousands(e.meetings),
        thousands(e.hours.round() as usize),
        thousands(e.pairs),
        e.meetings_per_pair.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into()),
        thousands(e.active_pairs_met_last_30d),
        thousands(e.active_pairs)
    );
    verdict("descriptive", headline, caveats)
}

/// 1234567 → "1,234,567": counts in sentences read like the cards.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
