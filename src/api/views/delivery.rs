//! The team-delivery view's numbers (M4), with the interrupted time series
//! of M6.

use super::*;
use crate::analysis::Change;
use crate::charts::theme::{pct, signed_pct};

pub(super) fn tables(a: &Analysis) -> Vec<StatTable> {
    let d = &a.delivery;
    let rel =
        |x: Option<f64>, key: &str| cell(x.map(signed_pct).unwrap_or_else(|| "—".into()), x, key);
    let mut out = vec![StatTable {
        caption: "Team-weeks before vs after launch".into(),
        columns: vec![
            String::new(),
            "Before launch".into(),
            "After launch".into(),
            "Change".into(),
        ],
        rows: vec![
            row(
                "Team-weeks",
                None,
                vec![
                    count(d.before.team_weeks, "delivery.before.team_weeks"),
                    count(d.after.team_weeks, "delivery.after.team_weeks"),
                    plain(""),
                ],
            ),
            row(
                "Deployments per team-week",
                None,
                vec![
                    opt_num(
                        d.before.deploys_per_team_week,
                        1,
                        "delivery.before.deploys_per_team_week",
                    ),
                    opt_num(
                        d.after.deploys_per_team_week,
                        1,
                        "delivery.after.deploys_per_team_week",
                    ),
                    rel(
                        d.deploys_relative_change,
                        "delivery.deploys_relative_change",
                    ),
                ],
            ),
            row(
                "Change failure rate",
                Some("incidents per deployment"),
                vec![
                    cell(
                        d.before
                            .change_failure_rate
                            .map(pct)
                            .unwrap_or_else(|| "—".into()),
                        d.before.change_failure_rate,
                        "delivery.before.change_failure_rate",
                    ),
                    cell(
                        d.after
                            .change_failure_rate
                            .map(pct)
                            .unwrap_or_else(|| "—".into()),
                        d.after.change_failure_rate,
                        "delivery.after.change_failure_rate",
                    ),
                    rel(
                        d.change_failure_rate_relative_change,
                        "delivery.change_failure_rate_relative_change",
                    ),
                ],
            ),
            row(
                "Median time to restore (hours)",
                None,
                vec![
                    opt_num(
                        d.before.mttr_hours_median,
                        1,
                        "delivery.before.mttr_hours_median",
                    ),
                    opt_num(
                        d.after.mttr_hours_median,
                        1,
                        "delivery.after.mttr_hours_median",
                    ),
                    rel(d.mttr_relative_change, "delivery.mttr_relative_change"),
                ],
            ),
            row(
                "Mann–Whitney test on deployments",
                Some("is the change in deployments more than chance?"),
                vec![
                    plain(""),
                    plain(""),
                    p_cell(d.deploys_mann_whitney_p, "delivery.deploys_mann_whitney_p"),
                ],
            ),
        ],
    }];
    out.push(trend_table(a));
    out
}

fn change_cells(c: &Change, key: &str, decimals: usize) -> Vec<StatCell> {
    vec![
        cell(
            c.estimate
                .map(|e| signed(e, decimals))
                .unwrap_or_else(|| "—".into()),
            c.estimate,
            &format!("{key}.estimate"),
        ),
        ci_cell(c.ci95, decimals, &format!("{key}.ci95")),
        p_cell(c.p, &format!("{key}.p")),
    ]
}

/// The interrupted time series: the jump and the change of trend at launch
/// beyond the trend before it (M6).
fn trend_table(a: &Analysis) -> StatTable {
    let its = &a.delivery.its;
    let mut rows = vec![
        row(
            "Jump at launch",
            Some("deploys per team-week, beyond the trend before launch"),
            change_cells(&its.level_change, "delivery.its.level_change", 2),
        ),
        row(
            "Change in the weekly trend",
            Some("deploys per team-week, per week"),
            change_cells(&its.slope_change, "delivery.its.slope_change", 3),
        ),
        row(
            "Team-weeks and teams",
            None,
            vec![
                count(its.team_weeks, "delivery.its.team_weeks"),
                count(its.teams, "delivery.its.teams"),
                plain(""),
            ],
        ),
    ];
    if let Some(why) = &its.reason {
        rows.push(row(
            "Why there is no estimate",
            None,
            vec![plain(why.clone()), plain(""), plain("")],
        ));
    }
    StatTable {
        caption: "Against the trend before launch (interrupted time series)".into(),
        columns: vec![
            String::new(),
            "Estimate".into(),
            "95% CI".into(),
            "p-value".into(),
        ],
        rows,
    }
}
