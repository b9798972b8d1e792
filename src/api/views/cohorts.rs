//! The Cohorts view (M7): cohort over cohort, and the same by program
//! format when the pairing sheet carries one — mentees, meetings per
//! pairing, the ramp-up median and 12-month retention of the mentees, and
//! their satisfaction in the after wave (hidden under the minimum group
//! size), with the Kruskal–Wallis test across the rows.

use super::*;
use crate::analysis::CohortRow;
use crate::charts::theme::pct;
use crate::report::findings;

/// The view describes rather than judges: the cohorts (and formats) in a
/// sentence each.
pub(super) fn verdict(a: &Analysis) -> Verdict {
    let mut caveats = vec![
        "Cohorts are not randomised, and a later cohort has had less time to ramp up or to leave: compare ramp-up and retention between cohorts of a similar age.".to_string(),
    ];
    match &a.formats {
        Some(rows) => caveats.push(format!(
            "By format: {}",
            findings::breakdown(rows, a.formats_kruskal_p, "formats")
        )),
        None => caveats.push(
            "The pairing sheet names no program format (e.g. in-house / external, one-to-one / group), so formats cannot be compared.".into(),
        ),
    }
    Verdict {
        outcome: if a.cohorts.is_empty() {
            "no_data"
        } else {
            "descriptive"
        }
        .into(),
        headline: findings::breakdown(&a.cohorts, a.cohorts_kruskal_p, "cohorts"),
        caveats,
    }
}

/// One table of cohort (or format) rows; `root` is its `analyze --json`
/// key (`cohorts`, `formats`).
fn table(
    a: &Analysis,
    caption: String,
    rows: &[CohortRow],
    root: &str,
    p: Option<f64>,
    p_key: &str,
) -> StatTable {
    let k = a.min_group_size;
    let mut out: Vec<StatRow> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let key = |f: &str| format!("{root}.{i}.{f}");
            let after = cell(
                r.after_mean
                    .map(|m| format!("{} (n = {})", num(m, 2), thousands(r.after_n as u64)))
                    .unwrap_or_else(|| "no answers".into()),
                r.after_mean,
                &key("after_mean"),
            );
            let after = if r.suppressed {
                hidden(
                    k,
                    after,
                    format!("fewer than {k} respondents in this group"),
                )
            } else {
                after
            };
            row(
                &r.cohort,
                Some(&format!("{} pairings", thousands(r.pairings as u64))),
                vec![
                    count(r.mentees, &key("mentees")),
                    opt_num(r.meetings_per_pair, 1, &key("meetings_per_pair")),
                    cell(
                        r.ramp_km_median_days
                            .map(|d| format!("{d:.0} days"))
                            .unwrap_or_else(|| "not reached".into()),
                        r.ramp_km_median_days,
                        &key("ramp_km_median_days"),
                    ),
                    cell(
                        r.retained_365.map(pct).unwrap_or_else(|| "—".into()),
                        r.retained_365,
                        &key("retained_365"),
                    ),
                    after,
                ],
            )
        })
        .collect();
    out.push(row(
        "Kruskal–Wallis test",
        Some("does satisfaction after the program differ between the rows shown?"),
        vec![plain(""), plain(""), plain(""), plain(""), p_cell(p, p_key)],
    ));
    StatTable {
        caption,
        columns: vec![
            String::new(),
            "Mentees".into(),
            "Meetings per pairing".into(),
            "Ramp-up median".into(),
            "12-month retention".into(),
            "Satisfaction after".into(),
        ],
        rows: out,
    }
}

pub(super) fn tables(a: &Analysis) -> Vec<StatTable> {
    let mut out = vec![table(
        a,
        "Cohort over cohort".into(),
        &a.cohorts,
        "cohorts",
        a.cohorts_kruskal_p,
        "cohorts_kruskal_p",
    )];
    if let Some(rows) = &a.formats {
        out.push(table(
            a,
            "By program format".into(),
            rows,
            "formats",
            a.formats_kruskal_p,
            "formats_kruskal_p",
        ));
    }
    out
}
