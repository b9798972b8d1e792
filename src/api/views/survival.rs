//! The ramp-up and retention views' numbers (M2, M3), with the raw and
//! like-for-like hazard ratios of M6.

use super::*;
use crate::analysis::{AdjustedHazard, UnadjustedHazard};
use crate::charts::theme::pct;

pub(super) fn tables(a: &Analysis, ramp: bool) -> Vec<StatTable> {
    let mut out = km_tables(a, ramp);
    let (key, raw, adj, labels, what) = if ramp {
        let r = &a.ramp_up;
        (
            "ramp_up",
            &r.unadjusted,
            &r.adjusted,
            &r.group_labels,
            "reach the milestone",
        )
    } else {
        let t = &a.retention;
        (
            "retention",
            &t.unadjusted,
            &t.adjusted,
            &t.group_labels,
            "leave",
        )
    };
    if a.ramp_up.window_start.is_some() {
        out.push(adjusted_table(key, raw, adj, &labels[0], what));
    }
    out
}

fn hr_cell(h: Option<f64>, key: &str) -> StatCell {
    opt_num(h, 2, key)
}

fn hr_ci_cell(ci: Option<[f64; 2]>, key: &str) -> StatCell {
    match ci {
        Some([lo, hi]) => StatCell {
            text: format!("{}–{}", num(lo, 2), num(hi, 2)),
            values: vec![lo, hi],
            key: Some(key.into()),
            suppressed: None,
        },
        None => cell("—", None, key),
    }
}

/// Raw against like for like, as hazard ratios (M6), with what the
/// like-for-like comparison rests on and what it could have detected.
fn adjusted_table(
    key: &str,
    raw: &UnadjustedHazard,
    adj: &AdjustedHazard,
    first: &str,
    what: &str,
) -> StatTable {
    let k = |f: &str| format!("{key}.{f}");
    let mut rows =
        vec![
        row(
            "Hazard ratio",
            Some(&format!(
                "above 1: {} people {what} sooner; 1: no difference",
                first.to_lowercase()
            )),
            vec![
                hr_cell(raw.hazard_ratio, &k("unadjusted.hazard_ratio")),
                hr_cell(adj.hazard_ratio, &k("adjusted.hazard_ratio")),
            ],
        ),
        row(
            "95% confidence interval",
            None,
            vec![
                hr_ci_cell(raw.ci95, &k("unadjusted.ci95")),
                hr_ci_cell(adj.ci95, &k("adjusted.ci95")),
            ],
        ),
        row(
            "p-value",
            None,
            vec![
                p_cell(raw.p, &k("unadjusted.p")),
                p_cell(adj.p, &k("adjusted.p")),
            ],
        ),
        row(
            "Team-and-level groups compared",
            Some("groups holding both mentored and other people"),
            vec![
                plain(""),
                cell(
                    format!(
                        "{} of {}",
                        thousands(adj.strata_used as u64),
                        thousands(adj.strata as u64)
                    ),
                    Some(adj.strata_used as f64),
                    &k("adjusted.strata_used"),
                ),
            ],
        ),
        row(
            "Proportional-hazards test",
            Some("below 0.05: the gap changes over time, and one ratio summarises it only roughly"),
            vec![plain(""), p_cell(adj.ph_test_p, &k("adjusted.ph_test_p"))],
        ),
        row(
            "Smallest detectable hazard ratio",
            Some("with 80% power; a smaller real difference may exist"),
            vec![plain(""), opt_num(adj.mde_hr_80, 2, &k("adjusted.mde_hr_80"))],
        ),
    ];
    if let Some(why) = adj.reason.as_ref().or(raw.reason.as_ref()) {
        rows.push(row(
            "Why an estimate is missing",
            None,
            vec![plain(""), plain(why.clone())],
        ));
    }
    StatTable {
        caption: "Raw vs like for like (same team and level)".into(),
        columns: vec![
            String::new(),
            "Raw: everyone".into(),
            "Like for like".into(),
        ],
        rows,
    }
}

/// The Kaplan–Meier numbers per group and the log-rank test.
fn km_tables(a: &Analysis, ramp: bool) -> Vec<StatTable> {
    if ramp {
        let r = &a.ramp_up;
        let median = |d: Option<f64>, key: &str| {
            cell(
                d.map(|d| format!("{d:.0} days"))
                    .unwrap_or_else(|| "not reached".into()),
                d,
                key,
            )
        };
        vec![StatTable {
            caption: format!(
                "Days from hire to “{}”",
                r.milestone_kind.as_deref().unwrap_or("milestone")
            ),
            columns: vec![
                String::new(),
                r.group_labels[0].clone(),
                r.group_labels[1].clone(),
            ],
            rows: vec![
                row(
                    "People",
                    None,
                    vec![
                        count(r.mentored.n, "ramp_up.mentored.n"),
                        count(r.not_mentored.n, "ramp_up.not_mentored.n"),
                    ],
                ),
                row(
                    "Reached the milestone",
                    None,
                    vec![
                        count(r.mentored.events, "ramp_up.mentored.events"),
                        count(r.not_mentored.events, "ramp_up.not_mentored.events"),
                    ],
                ),
                row(
                    "Typical time (Kaplan–Meier median)",
                    Some("counts people who have not reached it yet, too"),
                    vec![
                        median(r.mentored.km_median_days, "ramp_up.mentored.km_median_days"),
                        median(
                            r.not_mentored.km_median_days,
                            "ramp_up.not_mentored.km_median_days",
                        ),
                    ],
                ),
                row(
                    "Median of those who reached it",
                    Some("biased toward fast starters; shown for comparison only"),
                    vec![
                        median(
                            r.mentored.naive_median_days,
                            "ramp_up.mentored.naive_median_days",
                        ),
                        median(
                            r.not_mentored.naive_median_days,
                            "ramp_up.not_mentored.naive_median_days",
                        ),
                    ],
                ),
                row(
                    "Log-rank test",
                    Some("is the difference between the curves more than chance?"),
                    vec![p_cell(r.logrank_p, "ramp_up.logrank_p"), plain("")],
                ),
                row(
                    "People hired from",
                    None,
                    vec![
                        plain(
                            r.window_start
                                .map(charts::date_long)
                                .unwrap_or_else(|| "—".into()),
                        ),
                        plain(""),
                    ],
                ),
            ],
        }]
    } else {
        let t = &a.retention;
        let share =
            |x: Option<f64>, key: &str| cell(x.map(pct).unwrap_or_else(|| "—".into()), x, key);
        vec![StatTable {
            caption: "Still employed 12 months after hire".into(),
            columns: vec![
                String::new(),
                t.group_labels[0].clone(),
                t.group_labels[1].clone(),
            ],
            rows: vec![
                row(
                    "People",
                    None,
                    vec![
                        count(t.mentored.n, "retention.mentored.n"),
                        count(t.not_mentored.n, "retention.not_mentored.n"),
                    ],
                ),
                row(
                    "Left",
                    None,
                    vec![
                        count(t.mentored.exits, "retention.mentored.exits"),
                        count(t.not_mentored.exits, "retention.not_mentored.exits"),
                    ],
                ),
                row(
                    "12-month retention (Kaplan–Meier)",
                    None,
                    vec![
                        share(t.mentored.retained_365, "retention.mentored.retained_365"),
                        share(
                            t.not_mentored.retained_365,
                            "retention.not_mentored.retained_365",
                        ),
                    ],
                ),
                row(
                    "Log-rank test",
                    Some("is the difference between the curves more than chance?"),
                    vec![p_cell(t.logrank_p, "retention.logrank_p"), plain("")],
                ),
            ],
        }]
    }
}
