//! The adjusted (M6) and over-time (M7) results as compact, aligned
//! plain-text tables for a terminal: raw beside like-for-like with the
//! smallest detectable effect, the delivery trend at launch, every survey
//! wave in time order, and the cohort and format tables. What `mentorscope
//! analyze` prints after the verdicts. Suppressed survey figures read
//! "hidden"; nothing here computes a statistic.

use crate::analysis::{AdjustedHazard, Analysis, CohortRow, UnadjustedHazard};
use crate::charts::theme::{num, p_text, pct, signed};

/// Columns: the first left-aligned, the rest right-aligned, two spaces
/// apart, widths by characters (not bytes) so "−" and "–" line up.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cols = header.len();
    let mut width = vec![0usize; cols];
    for r in std::iter::once(header.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .chain(rows.iter().cloned())
    {
        for (i, c) in r.iter().enumerate().take(cols) {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let line = |r: &[String]| {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .take(cols)
            .map(|(i, c)| {
                let pad = " ".repeat(width[i] - c.chars().count());
                if i == 0 {
                    format!("{c}{pad}")
                } else {
                    format!("{pad}{c}")
                }
            })
            .collect();
        format!("  {}", cells.join("  ").trim_end())
    };
    let mut out = vec![line(
        &header.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    )];
    out.extend(rows.iter().map(|r| line(r)));
    out.join("\n") + "\n"
}

fn hr_cell(h: Option<f64>, ci: Option<[f64; 2]>, p: Option<f64>) -> String {
    match (h, ci) {
        (Some(h), Some([lo, hi])) => format!(
            "{} ({}–{}){}",
            num(h, 2),
            num(lo, 2),
            num(hi, 2),
            p.map(|p| format!(" {}", p_text(p))).unwrap_or_default()
        ),
        _ => "—".into(),
    }
}

fn diff_cell(d: Option<f64>, ci: Option<[f64; 2]>, p: Option<f64>) -> String {
    match (d, ci) {
        (Some(d), Some([lo, hi])) => format!(
            "{} ({} to {}){}",
            signed(d, 2),
            signed(lo, 2),
            signed(hi, 2),
            p.map(|p| format!(" {}", p_text(p))).unwrap_or_default()
        ),
        _ => "—".into(),
    }
}

fn hazard_row(name: &str, raw: &UnadjustedHazard, adj: &AdjustedHazard) -> Vec<String> {
    vec![
        name.to_string(),
        hr_cell(raw.hazard_ratio, raw.ci95, raw.p),
        hr_cell(adj.hazard_ratio, adj.ci95, adj.p),
        adj.mde_hr_80
            .map(|m| format!("HR {}", num(m, 2)))
            .unwrap_or_else(|| "—".into()),
    ]
}

/// Raw beside like for like, and the delivery trend at launch.
pub fn adjusted(a: &Analysis) -> String {
    let mut rows = Vec::new();
    if a.ramp_up.window_start.is_some() {
        rows.push(hazard_row(
            "Ramp-up (hazard ratio)",
            &a.ramp_up.unadjusted,
            &a.ramp_up.adjusted,
        ));
        rows.push(hazard_row(
            "Retention (hazard ratio)",
            &a.retention.unadjusted,
            &a.retention.adjusted,
        ));
    }
    let u = &a.survey_unpaired;
    if u.suppressed {
        rows.push(vec![
            "Satisfaction (difference)".into(),
            "hidden".into(),
            "hidden".into(),
            "—".into(),
        ]);
    } else if u.diff.is_some() {
        rows.push(vec![
            "Satisfaction (difference)".into(),
            diff_cell(u.diff, u.ci95, u.welch_p),
            if u.adjusted.suppressed {
                "hidden".into()
            } else {
                diff_cell(u.adjusted.diff, u.adjusted.ci95, u.adjusted.p)
            },
            u.mde_80
                .map(|m| format!("{} points", num(m, 2)))
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    let mut out = String::from("Raw vs like for like (same team and level), 95% CI and p\n");
    if rows.is_empty() {
        out.push_str("  No comparison could be made.\n");
    } else {
        out.push_str(&table(
            &["", "raw", "like for like", "smallest detectable"],
            &rows,
        ));
    }
    out.push_str(
        "  Hazard ratio above 1: mentored people reach the milestone (or leave) sooner.\n",
    );
    let its = &a.delivery.its;
    if let (Some(l), Some([lo, hi])) = (its.level_change.estimate, its.level_change.ci95) {
        out.push_str(&format!(
            "  Delivery, jump at launch beyond the earlier trend: {} per team-week (95% CI {} to {}{})",
            signed(l, 2),
            signed(lo, 2),
            signed(hi, 2),
            its.level_change
                .p
                .map(|p| format!(", {}", p_text(p)))
                .unwrap_or_default()
        ));
        if let (Some(s), Some([slo, shi])) = (its.slope_change.estimate, its.slope_change.ci95) {
            out.push_str(&format!(
                "; trend change {} per week (95% CI {} to {})",
                signed(s, 3),
                signed(slo, 3),
                signed(shi, 3)
            ));
        }
        out.push_str(".\n");
    }
    out
}

/// Every survey wave in time order.
pub fn waves(a: &Analysis) -> String {
    if a.waves.is_empty() {
        return String::new();
    }
    let k = a.min_group_size;
    let rows: Vec<Vec<String>> = a
        .waves
        .iter()
        .map(|w| {
            let (mean, ci, enps) = if w.suppressed {
                (
                    format!("hidden (< {k} or would reveal a few)"),
                    String::new(),
                    String::new(),
                )
            } else {
                (
                    w.mean.map(|m| num(m, 2)).unwrap_or_else(|| "—".into()),
                    w.ci95
                        .map(|[lo, hi]| format!("{}–{}", num(lo, 2), num(hi, 2)))
                        .unwrap_or_default(),
                    w.enps.map(|e| signed(e, 0)).unwrap_or_else(|| "—".into()),
                )
            };
            vec![
                w.wave.clone(),
                w.median_date.map(|d| d.to_string()).unwrap_or_default(),
                w.n.to_string(),
                mean,
                ci,
                enps,
            ]
        })
        .collect();
    format!(
        "Survey waves in time order\n{}",
        table(
            &["wave", "median date", "n", "mean (1–5)", "95% CI", "eNPS"],
            &rows
        )
    )
}

/// The cohort or format table, with its Kruskal–Wallis p.
pub fn breakdown(a: &Analysis, title: &str, rows: &[CohortRow], p: Option<f64>) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let k = a.min_group_size;
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.cohort.clone(),
                r.pairings.to_string(),
                r.mentees.to_string(),
                r.meetings_per_pair
                    .map(|m| num(m, 1))
                    .unwrap_or_else(|| "—".into()),
                r.ramp_km_median_days
                    .map(|d| format!("{d:.0} d"))
                    .unwrap_or_else(|| "—".into()),
                r.retained_365.map(pct).unwrap_or_else(|| "—".into()),
                if r.suppressed {
                    format!("hidden (< {k} or would reveal a few)")
                } else {
                    r.after_mean
                        .map(|m| format!("{} (n {})", num(m, 2), r.after_n))
                        .unwrap_or_else(|| "—".into())
                },
            ]
        })
        .collect();
    let test = p
        .map(|p| format!(" (Kruskal–Wallis on satisfaction after: {})", p_text(p)))
        .unwrap_or_default();
    format!(
        "{title}{test}\n{}",
        table(
            &[
                "",
                "pairings",
                "mentees",
                "meetings/pair",
                "ramp-up median",
                "12-mo retention",
                "satisfaction after",
            ],
            &body
        )
    )
}

/// Everything above, in the order `analyze` prints it.
pub fn tables(a: &Analysis) -> String {
    let mut parts = vec![adjusted(a), waves(a)];
    parts.push(breakdown(a, "Cohorts", &a.cohorts, a.cohorts_kruskal_p));
    match &a.formats {
        Some(rows) => parts.push(breakdown(a, "Program formats", rows, a.formats_kruskal_p)),
        None => parts.push("Program formats: none in the pairing sheet.\n".into()),
    }
    parts.push(super::plain_skills::skills(a));
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_characters_not_bytes() {
        let t = table(
            &["", "a"],
            &[
                vec!["x".into(), "−1.00".into()],
                vec!["long name".into(), "1.00".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        // Every right-aligned column ends at the same character.
        let ends: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        assert_eq!(ends[1], ends[2], "{t}");
        assert!(lines[1].starts_with("  x "));
    }
}
