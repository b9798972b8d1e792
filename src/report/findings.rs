//! One-sentence findings of the adjusted (M6) and over-time (M7) results —
//! the like-for-like figures with what could have been detected, the
//! interrupted time series of delivery, the waves in time order, and the
//! cohort and format tables — in the words the pack's readings, the CLI
//! and the app's Trends and Cohorts views share. Plain text; it computes
//! no statistic (every figure is the analysis's), and never names a survey
//! figure the analysis suppressed.

use crate::analysis::{AdjustedHazard, Analysis, CohortRow, UnadjustedHazard};
use crate::charts::theme::{num, p_text, pct, signed};

/// "1.56 (95% CI 1.10–2.20, p = 0.01)".
fn hr(h: Option<f64>, ci: Option<[f64; 2]>, p: Option<f64>) -> Option<String> {
    let (h, [lo, hi]) = (h?, ci?);
    Some(format!(
        "{} (95% CI {}–{}{})",
        num(h, 2),
        num(lo, 2),
        num(hi, 2),
        p.map(|p| format!(", {}", p_text(p))).unwrap_or_default()
    ))
}

fn hazard_pair(what: &str, raw: &UnadjustedHazard, adj: &AdjustedHazard) -> Option<String> {
    let like = hr(adj.hazard_ratio, adj.ci95, adj.p);
    let raw = hr(raw.hazard_ratio, raw.ci95, raw.p);
    match (like, raw) {
        (Some(l), Some(r)) => Some(format!("{what}: hazard ratio {l} like for like, {r} raw")),
        (Some(l), None) => Some(format!("{what}: hazard ratio {l} like for like")),
        (None, _) => adj
            .reason
            .as_ref()
            .map(|why| format!("{what}: no like-for-like estimate ({why})")),
    }
}

/// The like-for-like figures beside the raw ones, and the smallest effect
/// each comparison could have detected.
pub fn like_for_like(a: &Analysis) -> String {
    let mut parts = Vec::new();
    if a.ramp_up.window_start.is_some() {
        parts.extend(hazard_pair(
            "Ramp-up",
            &a.ramp_up.unadjusted,
            &a.ramp_up.adjusted,
        ));
        parts.extend(hazard_pair(
            "Retention",
            &a.retention.unadjusted,
            &a.retention.adjusted,
        ));
    }
    let u = &a.survey_unpaired;
    if !u.suppressed {
        if let (Some(d), Some([lo, hi])) = (u.adjusted.diff, u.adjusted.ci95) {
            parts.push(format!(
                "Satisfaction: {} like for like (95% CI {} to {}{}){}",
                signed(d, 2),
                signed(lo, 2),
                signed(hi, 2),
                u.adjusted
                    .p
                    .map(|p| format!(", {}", p_text(p)))
                    .unwrap_or_default(),
                u.diff
                    .map(|r| format!(", {} raw", signed(r, 2)))
                    .unwrap_or_default()
            ));
        }
    }
    let mut s = if parts.is_empty() {
        "No like-for-like comparison could be made with these data.".to_string()
    } else {
        format!("{}.", parts.join("; "))
    };
    let mde: Vec<String> = [
        a.ramp_up
            .adjusted
            .mde_hr_80
            .map(|m| format!("a hazard ratio of {} for ramp-up", num(m, 2))),
        a.retention
            .adjusted
            .mde_hr_80
            .map(|m| format!("{} for retention", num(m, 2))),
        (!u.suppressed)
            .then_some(u.mde_80)
            .flatten()
            .map(|m| format!("a change of {} points in satisfaction", num(m, 2))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !mde.is_empty() {
        s.push_str(&format!(
            " The smallest effects these data could reliably detect (80% power): {}.",
            mde.join(", ")
        ));
    }
    s
}

/// The jump and the change of trend at launch, or why there is none.
pub fn delivery_trend(a: &Analysis) -> String {
    let its = &a.delivery.its;
    let (Some(l), Some([lo, hi])) = (its.level_change.estimate, its.level_change.ci95) else {
        return match &its.reason {
            Some(why) => format!("The trend could not be fitted: {why}."),
            None => "There are no team metrics to fit a trend to.".into(),
        };
    };
    let verdict = if lo > 0.0 || hi < 0.0 {
        "a jump beyond the trend before launch"
    } else {
        "not distinguishable from the trend that was already there"
    };
    let slope = match (its.slope_change.estimate, its.slope_change.ci95) {
        (Some(s), Some([slo, shi])) => format!(
            " After launch the weekly trend changed by {} per week (95% CI {} to {}).",
            signed(s, 3),
            signed(slo, 3),
            signed(shi, 3)
        ),
        _ => String::new(),
    };
    format!(
        "At launch deployments moved by {} per team-week (95% CI {} to {}{}): {verdict}.{slope}",
        signed(l, 2),
        signed(lo, 2),
        signed(hi, 2),
        its.level_change
            .p
            .map(|p| format!(", {}", p_text(p)))
            .unwrap_or_default()
    )
}

/// Every wave in time order, with what is hidden.
pub fn trend(a: &Analysis) -> String {
    let k = a.min_group_size;
    if a.waves.is_empty() {
        return "No survey waves are imported.".into();
    }
    let shown: Vec<String> = a
        .waves
        .iter()
        .map(|w| match (w.suppressed, w.mean) {
            (false, Some(m)) => format!("{} {} (n = {})", w.wave, num(m, 2), w.n),
            (true, _) => format!("{} hidden (fewer than {k})", w.wave),
            (false, None) => format!("{} no answers", w.wave),
        })
        .collect();
    let enps: Vec<String> = a
        .waves
        .iter()
        .filter_map(|w| w.enps.map(|e| format!("{} {}", w.wave, signed(e, 0))))
        .collect();
    let mut s = format!(
        "Mean satisfaction by wave, in time order: {}.",
        shown.join(", ")
    );
    if !enps.is_empty() {
        s.push_str(&format!(" eNPS: {}.", enps.join(", ")));
    }
    s
}

/// The cohort (or format) rows in one sentence: the satisfaction range and
/// the Kruskal–Wallis test.
pub fn breakdown(rows: &[CohortRow], kruskal_p: Option<f64>, plural: &str) -> String {
    if rows.is_empty() {
        return format!("There are no {plural} to compare.");
    }
    let shown: Vec<&CohortRow> = rows
        .iter()
        .filter(|r| !r.suppressed && r.after_mean.is_some())
        .collect();
    let retained: Vec<String> = rows
        .iter()
        .filter_map(|r| r.retained_365.map(|v| format!("{} {}", r.cohort, pct(v))))
        .collect();
    let mut s = format!("{} {plural}", rows.len());
    match kruskal_p {
        Some(p) if shown.len() >= 2 => {
            let low = shown
                .iter()
                .filter_map(|r| r.after_mean)
                .fold(f64::MAX, f64::min);
            let high = shown
                .iter()
                .filter_map(|r| r.after_mean)
                .fold(f64::MIN, f64::max);
            s.push_str(&format!(
                "; satisfaction after the program ranges from {} to {} out of 5 across the {} that can be shown, and {} (Kruskal–Wallis {}).",
                num(low, 2),
                num(high, 2),
                shown.len(),
                if p < 0.05 {
                    "the difference is unlikely to be chance"
                } else {
                    "the difference could easily be chance"
                },
                p_text(p)
            ));
        }
        _ => s.push_str(
            "; too few of them have enough survey answers to test satisfaction between them.",
        ),
    }
    if !retained.is_empty() {
        s.push_str(&format!(
            " 12-month retention of their mentees: {}.",
            retained.join(", ")
        ));
    }
    s
}

/// The skill rows (M8) one per line: area, rater, n, before → after, the
/// change with its CI and Holm p, and the meeting coverage; hidden rows
/// say so and nothing else.
pub fn skill_lines(a: &Analysis) -> Vec<String> {
    let k = a.min_group_size;
    a.skills
        .iter()
        .map(|r| {
            let who = crate::charts::rater_label(&r.rater);
            match (r.mean_before, r.mean_after, r.mean_change) {
                (Some(b), Some(af), Some(d)) => {
                    let ci = r
                        .ci95
                        .map(|[lo, hi]| format!(" (95% CI {} to {}", signed(lo, 2), signed(hi, 2)))
                        .unwrap_or_else(|| " (".into());
                    let p = r
                        .p_holm
                        .map(|p| format!(", Holm {}", p_text(p)))
                        .unwrap_or_default();
                    let cover = r
                        .coverage
                        .map(|c| format!("; covered in the meetings of {} of its mentees", pct(c)))
                        .unwrap_or_default();
                    format!(
                        "{} ({who}, n = {}): {} → {}, change {}{ci}{p}){cover}",
                        r.area,
                        r.n,
                        num(b, 2),
                        num(af, 2),
                        signed(d, 2)
                    )
                }
                _ => format!(
                    "{} ({who}): hidden (fewer than {k} people, or it would reveal a few)",
                    r.area
                ),
            }
        })
        .collect()
}

/// The skills in one sentence: how many area ratings grew or fell beyond
/// chance (Holm p < 0.05), and how many are hidden.
pub fn skills(a: &Analysis) -> String {
    let Some(first) = a.skills.first() else {
        return "No skill assessments from two waves are imported.".into();
    };
    let shown: Vec<_> = a.skills.iter().filter(|r| !r.suppressed).collect();
    let grew = shown
        .iter()
        .filter(|r| crate::charts::skill_clear(r) == Some(true))
        .count();
    let fell = shown
        .iter()
        .filter(|r| crate::charts::skill_clear(r) == Some(false))
        .count();
    let hidden = a.skills.len() - shown.len();
    let mut s = format!(
        "From {} to {}, {grew} of {} skill-area ratings grew beyond chance (Holm p < 0.05)",
        first.before_wave,
        first.after_wave,
        shown.len()
    );
    if fell > 0 {
        s.push_str(&format!(" and {fell} fell"));
    }
    s.push('.');
    if hidden > 0 {
        s.push_str(&format!(
            " {hidden} more are hidden to protect the people rated."
        ));
    }
    s
}

/// The comments in sentences: each wave's size and most used terms, and
/// the distinctive terms with their z-scores; hidden waves say so.
pub fn comment_lines(a: &Analysis) -> Vec<String> {
    let c = &a.comments;
    let mut out = Vec::new();
    for (side, w) in [("Before", &c.before), ("After", &c.after)] {
        let Some(w) = w else { continue };
        out.push(match (w.n, &w.top_terms) {
            (Some(n), Some(t)) if !t.is_empty() => format!(
                "{side} ({}): {n} comments; most used {}",
                w.wave,
                t.iter()
                    .map(|(t, m)| format!("“{t}” ({m}, {})", pct(*m as f64 / n.max(1) as f64)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (Some(n), _) => format!(
                "{side} ({}): {n} comments; no term is used in enough of them to list",
                w.wave
            ),
            _ => format!(
                "{side} ({}): hidden (fewer than {} comments, or a wider selection differs by fewer)",
                w.wave, c.min_comments
            ),
        });
    }
    if let Some(d) = &c.distinctive {
        let list = |v: &[(String, f64)]| {
            if v.is_empty() {
                "none clearly (every |z| < 1.96)".to_string()
            } else {
                v.iter()
                    .map(|(t, z)| format!("“{t}” (z {})", signed(*z, 2)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        out.push(format!("More typical after: {}", list(&d.after)));
        out.push(format!("More typical before: {}", list(&d.before)));
    }
    if let Some(n) = &c.meeting_notes {
        out.push(match (n.pairings, n.notes, &n.top_terms) {
            (Some(p), Some(m), Some(t)) if !t.is_empty() => format!(
                "Meeting notes (whole program): {m} notes from {p} pairings; most used {}",
                t.iter()
                    .map(|(t, k)| format!("“{t}” ({k} pairings)"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (Some(p), Some(m), _) => format!(
                "Meeting notes (whole program): {m} notes from {p} pairings; no term is used by enough pairings to list"
            ),
            _ => format!(
                "Meeting notes: not shown ({})",
                n.hidden_reason.as_deref().unwrap_or("hidden")
            ),
        });
    }
    out
}
