//! What a presenter says over each chart: its verdict, the numbers behind
//! it (n, estimates, confidence intervals, p-values) and its caveats, as
//! short lines for the slides' speaker notes. The words come from the same
//! verdicts and readings as the HTML and PDF ([`super::text`]); the numbers
//! from `Analysis` as it is, so a value the analysis suppressed (a `None`
//! beside `suppressed`) is said to be hidden and never shown.

use super::findings;
use crate::analysis::{Analysis, CohortRow, SurvivalGroup, Verdict};
use crate::charts::theme::{num, p_text, pct, signed, signed_pct, thousands};
use crate::charts::{date_long, ChartExtras, ChartKind};

/// The speaker notes of one chart slide.
pub struct ChartNotes {
    pub verdict: Option<String>,
    pub numbers: Vec<String>,
    pub caveats: Vec<String>,
    /// How to read the chart: its reading without the verdict and caveats.
    pub how_to_read: String,
}

/// The verdict a chart illustrates (the two engagement charts without a
/// comparison of their own share the engagement verdict's caveats only in
/// their reading).
pub fn verdict_of(kind: ChartKind, a: &Analysis) -> Option<&Verdict> {
    let v = &a.verdicts;
    match kind {
        ChartKind::SatisfactionItems
        | ChartKind::SatisfactionDistribution
        | ChartKind::Enps
        | ChartKind::SatisfactionTrend => v.survey.as_ref(),
        ChartKind::RampUp => v.ramp_up.as_ref(),
        ChartKind::Retention => v.retention.as_ref(),
        ChartKind::Delivery | ChartKind::DeliveryTrend => v.delivery.as_ref(),
        ChartKind::MeetingsPerMonth => v.engagement.as_ref(),
        ChartKind::PairEngagement
        | ChartKind::TopicCoverage
        | ChartKind::AdjustedEffects
        | ChartKind::Cohorts
        | ChartKind::Formats
        | ChartKind::SkillGrowth
        | ChartKind::SkillCoverage
        | ChartKind::CommentTerms => None,
    }
}

pub fn chart_notes(kind: ChartKind, a: &Analysis, x: &ChartExtras) -> ChartNotes {
    let paragraph = super::text::reading(kind, a, x).paragraph;
    let v = verdict_of(kind, a);
    // The reading ends with the verdict and its caveats; the notes give
    // them their own headings, so they are cut from "how to read".
    let how_to_read = v
        .and_then(|v| paragraph.find(v.headline.as_str()))
        .map(|i| paragraph[..i].trim_end().to_string())
        .unwrap_or_else(|| paragraph.clone());
    ChartNotes {
        verdict: v.map(|v| v.headline.clone()),
        numbers: numbers(kind, a, x),
        caveats: v.map(|v| v.caveats.clone()).unwrap_or_default(),
        how_to_read,
    }
}

/// The first sentence of `text` (up to ". " or the end).
pub fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(i) => &text[..=i],
        None => text,
    }
}

fn opt(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map(f).unwrap_or_else(|| "—".into())
}

fn ci(c: Option<[f64; 2]>, decimals: usize) -> String {
    c.map(|[lo, hi]| {
        format!(
            "95% CI {} to {}",
            signed(lo, decimals),
            signed(hi, decimals)
        )
    })
    .unwrap_or_else(|| "no CI".into())
}

fn p(x: Option<f64>) -> String {
    x.map(p_text).unwrap_or_else(|| "p not available".into())
}

fn hidden(a: &Analysis) -> String {
    format!(
        "hidden (fewer than {} respondents, or a few could be worked out)",
        a.min_group_size
    )
}

fn survival_line(label: &str, g: &SurvivalGroup) -> String {
    format!(
        "{label}: n = {}, {} reached it, Kaplan–Meier median {} days (naive median of those who reached it: {})",
        g.n,
        g.events,
        opt(g.km_median_days, |d| format!("{d:.0}")),
        opt(g.naive_median_days, |d| format!("{d:.0} days")),
    )
}

/// One cohort's (or format's) row: its size and every figure it has.
fn cohort_line(a: &Analysis, r: &CohortRow) -> String {
    let satisfaction = if r.suppressed {
        hidden(a)
    } else {
        opt(r.after_mean, |m| {
            format!("{} out of 5 (n = {})", num(m, 2), r.after_n)
        })
    };
    format!(
        "{}: {} pairings, {} mentees, {} meetings per pairing, ramp-up median {}, still employed at 12 months {}, satisfaction after {}",
        r.cohort,
        r.pairings,
        r.mentees,
        opt(r.meetings_per_pair, |x| num(x, 1)),
        opt(r.ramp_km_median_days, |d| format!("{d:.0} days")),
        opt(r.retained_365, pct),
        satisfaction,
    )
}

fn numbers(kind: ChartKind, a: &Analysis, x: &ChartExtras) -> Vec<String> {
    let mut out = Vec::new();
    match kind {
        ChartKind::SatisfactionItems => {
            let u = &a.survey_unpaired;
            if u.suppressed && u.n_before + u.n_after == 0 {
                out.push("All items: no before/after survey answers".into());
            } else if u.suppressed {
                out.push(format!("All items: {}", hidden(a)));
            } else {
                out.push(format!(
                    "All items: {} → {} out of 5 (n = {} → {}), difference {}, {}, Welch {}, Cohen's d {}, Mann–Whitney {}",
                    opt(u.mean_before, |m| num(m, 2)),
                    opt(u.mean_after, |m| num(m, 2)),
                    u.n_before,
                    u.n_after,
                    opt(u.diff, |d| signed(d, 2)),
                    ci(u.ci95, 2),
                    p(u.welch_p),
                    opt(u.cohens_d, |d| num(d, 2)),
                    p(u.mann_whitney_p),
                ));
            }
            let pr = &a.survey_paired;
            if pr.suppressed {
                out.push(format!("People who answered both: {}", hidden(a)));
            } else {
                out.push(format!(
                    "People who answered both (n = {}): mean change {}, {}, paired t {}",
                    pr.n_pairs,
                    opt(pr.mean_diff, |d| signed(d, 2)),
                    ci(pr.ci95, 2),
                    p(pr.p),
                ));
            }
            let m = &a.item_means;
            for (i, item) in m.items.iter().enumerate() {
                let side = |v: Option<&Option<f64>>, n: Option<&usize>| match v.copied().flatten() {
                    Some(v) => format!("{} (n = {})", num(v, 2), n.copied().unwrap_or(0)),
                    None => hidden(a),
                };
                out.push(format!(
                    "“{item}”: {} → {}",
                    side(m.before.get(i), m.n_before.get(i)),
                    side(m.after.get(i), m.n_after.get(i)),
                ));
            }
        }
        ChartKind::SatisfactionDistribution => {
            for d in &a.item_distributions {
                let counts = |c: &Option<Vec<Option<u64>>>| match c {
                    Some(c) => c
                        .iter()
                        .map(|n| n.map_or_else(|| "hidden".to_string(), |n| n.to_string()))
                        .collect::<Vec<_>>()
                        .join(" / "),
                    None => hidden(a),
                };
                out.push(format!(
                    "“{}” (answers per level, {} levels, most negative first): before {}; after {}",
                    d.item,
                    d.scale_points,
                    counts(&d.before),
                    counts(&d.after)
                ));
            }
        }
        ChartKind::Enps => {
            let e = &a.enps;
            let side = |v: Option<f64>, n: usize| match v {
                Some(v) => format!("{} (n = {n})", signed(v, 0)),
                None if n > 0 => hidden(a),
                None => "no answers".into(),
            };
            out.push(format!(
                "eNPS{}: before {}; after {}",
                e.item
                    .as_ref()
                    .map(|i| format!(" on “{i}”"))
                    .unwrap_or_default(),
                side(e.before, e.n_before),
                side(e.after, e.n_after)
            ));
        }
        ChartKind::RampUp => {
            let r = &a.ramp_up;
            out.push(format!(
                "Milestone: “{}”{}",
                r.milestone_kind.as_deref().unwrap_or("none found"),
                r.window_start
                    .map(|d| format!("; people hired from {}", date_long(d)))
                    .unwrap_or_default()
            ));
            out.push(survival_line(&r.group_labels[0], &r.mentored));
            out.push(survival_line(&r.group_labels[1], &r.not_mentored));
            out.push(format!("Log-rank test: {}", p(r.logrank_p)));
        }
        ChartKind::Retention => {
            let t = &a.retention;
            for (label, g) in t.group_labels.iter().zip([&t.mentored, &t.not_mentored]) {
                out.push(format!(
                    "{label}: n = {}, {} left, still employed at 12 months {}",
                    g.n,
                    g.exits,
                    opt(g.retained_365, pct)
                ));
            }
            out.push(format!("Log-rank test: {}", p(t.logrank_p)));
        }
        ChartKind::Delivery => {
            let d = &a.delivery;
            for (label, s) in [("Before launch", &d.before), ("After launch", &d.after)] {
                out.push(format!(
                    "{label}: {} team-weeks, {} deploys per team-week, change failure rate {}, median time to restore {} h",
                    thousands(s.team_weeks as u64),
                    opt(s.deploys_per_team_week, |x| num(x, 2)),
                    opt(s.change_failure_rate, pct),
                    opt(s.mttr_hours_median, |x| num(x, 1)),
                ));
            }
            out.push(format!(
                "Change: deploys {}, change failure rate {}, time to restore {}; deploys Mann–Whitney {}",
                opt(d.deploys_relative_change, signed_pct),
                opt(d.change_failure_rate_relative_change, signed_pct),
                opt(d.mttr_relative_change, signed_pct),
                p(d.deploys_mann_whitney_p),
            ));
        }
        ChartKind::MeetingsPerMonth => {
            let e = &a.engagement;
            out.push(format!(
                "{} meetings, {} hours, {} pairings ({} meetings per pairing)",
                thousands(e.meetings as u64),
                num(e.hours, 0),
                thousands(e.pairs as u64),
                opt(e.meetings_per_pair, |x| num(x, 1)),
            ));
            if !e.meetings_per_month.is_empty() {
                out.push(format!(
                    "Per month: {}",
                    e.meetings_per_month
                        .iter()
                        .map(|m| format!("{} {}", m.month, m.meetings))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        ChartKind::PairEngagement => {
            let e = &a.engagement;
            out.push(format!(
                "{} active pairings; {} met in the last 30 days; {} quiet",
                e.active_pairs,
                e.active_pairs_met_last_30d,
                e.quiet_pairs.len()
            ));
            for q in e.quiet_pairs.iter().take(10) {
                out.push(format!(
                    "Quiet: {} and {}, last met {}",
                    q.mentor,
                    q.mentee,
                    q.last_meeting
                        .map(date_long)
                        .unwrap_or_else(|| "never".into())
                ));
            }
            if e.quiet_pairs.len() > 10 {
                out.push(format!(
                    "… and {} more quiet pairings (all in the workbook, sheet “engagement”).",
                    e.quiet_pairs.len() - 10
                ));
            }
        }
        ChartKind::SatisfactionTrend => out.push(findings::trend(a)),
        ChartKind::AdjustedEffects => out.push(findings::like_for_like(a)),
        ChartKind::DeliveryTrend => out.push(findings::delivery_trend(a)),
        ChartKind::Cohorts => {
            out.push(findings::breakdown(
                &a.cohorts,
                a.cohorts_kruskal_p,
                "cohorts",
            ));
            out.extend(a.cohorts.iter().map(|r| cohort_line(a, r)));
        }
        ChartKind::Formats => {
            let rows = a.formats.as_deref().unwrap_or_default();
            out.push(findings::breakdown(rows, a.formats_kruskal_p, "formats"));
            out.extend(rows.iter().map(|r| cohort_line(a, r)));
        }
        ChartKind::SkillGrowth | ChartKind::SkillCoverage => {
            out.push(findings::skills(a));
            out.extend(findings::skill_lines(a));
        }
        ChartKind::CommentTerms => out.extend(findings::comment_lines(a)),
        ChartKind::TopicCoverage => {
            let total = x.pairings_with_meetings.max(1) as f64;
            for t in x.topics.iter().take(15) {
                out.push(format!(
                    "{}: {} of {} pairings ({}), {} meetings",
                    t.topic,
                    t.pairings,
                    x.pairings_with_meetings,
                    pct(t.pairings as f64 / total),
                    t.meetings
                ));
            }
            if x.topics.len() > 15 {
                out.push(format!("… and {} more topics.", x.topics.len() - 15));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_the_first_full_stop_not_a_decimal_point() {
        assert_eq!(
            first_sentence("Rose from 3.2 to 3.4. Then more."),
            "Rose from 3.2 to 3.4."
        );
        assert_eq!(first_sentence("One sentence"), "One sentence");
    }
}
