//! M4: team delivery before vs after launch — deploys per team-week,
//! change failure rate, MTTR, their relative changes, the Mann–Whitney test
//! on deploys, and the weekly series the chart draws.

use foldhash::HashSet;
use polars::prelude::*;
use serde::Serialize;

use chrono::NaiveDate;

use super::adjusted::{self, InterruptedTimeSeries, WeekRow};
use super::frames::{self, from_day_number, ProgramData};
use super::scope::Scope;
use crate::error::Result;
use crate::stats;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct DeliverySide {
    pub team_weeks: usize,
    pub deploys_per_team_week: Option<f64>,
    pub change_failure_rate: Option<f64>,
    pub mttr_hours_median: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Delivery {
    pub before: DeliverySide,
    pub after: DeliverySide,
    pub deploys_relative_change: Option<f64>,
    pub change_failure_rate_relative_change: Option<f64>,
    pub mttr_relative_change: Option<f64>,
    pub deploys_mann_whitney_p: Option<f64>,
    /// Per week (all teams): (week day-number, mean deploys, CFR, median MTTR).
    pub weekly: Vec<WeeklyDelivery>,
    /// Level and slope change at launch beyond the trend before it (M6).
    pub its: InterruptedTimeSeries,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeeklyDelivery {
    pub week: NaiveDate,
    pub deploys_per_team: f64,
    pub change_failure_rate: Option<f64>,
    pub mttr_hours_median: Option<f64>,
}

fn relative(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    match (before, after) {
        (Some(b), Some(a)) if b != 0.0 => Some(a / b - 1.0),
        _ => None,
    }
}

pub(crate) fn delivery(data: &ProgramData, scope: &Scope, launch: Option<i32>) -> Result<Delivery> {
    let teams: Option<HashSet<String>> = scope.people.as_ref().map(|_| {
        data.people
            .iter()
            .filter(|p| scope.person_in(p.id))
            .filter_map(|p| p.team.clone())
            .collect()
    });
    let rows: Vec<&frames::TeamWeek> = data
        .team_weeks
        .iter()
        .filter(|t| teams.as_ref().is_none_or(|s| s.contains(&t.team)))
        .filter(|t| scope.day_in(t.day))
        .collect();
    let mut out = Delivery::default();
    let Some(launch) = launch else { return Ok(out) };
    let df = frames::frame(vec![
        Column::new(
            "after".into(),
            rows.iter().map(|t| t.day >= launch).collect::<Vec<_>>(),
        ),
        Column::new("day".into(), rows.iter().map(|t| t.day).collect::<Vec<_>>()),
        Column::new(
            "deployments".into(),
            rows.iter().map(|t| t.deployments).collect::<Vec<_>>(),
        ),
        Column::new(
            "incidents".into(),
            rows.iter().map(|t| t.incidents).collect::<Vec<_>>(),
        ),
        Column::new(
            "mttr".into(),
            rows.iter().map(|t| t.mttr_hours).collect::<Vec<_>>(),
        ),
    ])?;
    // CFR counts only weeks where both deployments and incidents are known.
    let both = col("deployments")
        .is_not_null()
        .and(col("incidents").is_not_null());
    let sides = df
        .clone()
        .lazy()
        .group_by([col("after")])
        .agg([
            len().alias("weeks"),
            col("deployments").mean().alias("deploys"),
            col("incidents").filter(both.clone()).sum().alias("inc"),
            col("deployments").filter(both.clone()).sum().alias("dep"),
            col("mttr").median().alias("mttr"),
        ])
        .collect()?;
    let after: Vec<Option<bool>> = sides.column("after")?.bool()?.iter().collect();
    let weeks = frames::i64_values(&sides, "weeks")?;
    let dep_mean = frames::f64_values(&sides, "deploys")?;
    let inc = frames::f64_values(&sides, "inc")?;
    let dep = frames::f64_values(&sides, "dep")?;
    let mttr = frames::f64_values(&sides, "mttr")?;
    for i in 0..after.len() {
        let side = DeliverySide {
            team_weeks: weeks[i].unwrap_or(0) as usize,
            deploys_per_team_week: dep_mean[i],
            change_failure_rate: match (inc[i], dep[i]) {
                (Some(a), Some(b)) if b > 0.0 => Some(a / b),
                _ => None,
            },
            mttr_hours_median: mttr[i],
        };
        if after[i] == Some(true) {
            out.after = side;
        } else {
            out.before = side;
        }
    }
    out.deploys_relative_change = relative(
        out.before.deploys_per_team_week,
        out.after.deploys_per_team_week,
    );
    out.change_failure_rate_relative_change = relative(
        out.before.change_failure_rate,
        out.after.change_failure_rate,
    );
    out.mttr_relative_change = relative(out.before.mttr_hours_median, out.after.mttr_hours_median);
    let before_d: Vec<f64> = rows
        .iter()
        .filter(|t| t.day < launch)
        .filter_map(|t| t.deployments)
        .collect();
    let after_d: Vec<f64> = rows
        .iter()
        .filter(|t| t.day >= launch)
        .filter_map(|t| t.deployments)
        .collect();
    out.deploys_mann_whitney_p = stats::mann_whitney_u(&before_d, &after_d).map(|m| m.p);
    let its_rows: Vec<WeekRow<'_>> = rows
        .iter()
        .filter_map(|t| {
            t.deployments.map(|d| WeekRow {
                team: t.team.as_str(),
                weeks: f64::from(t.day - launch) / 7.0,
                deployments: d,
            })
        })
        .collect();
    out.its = adjusted::delivery_its(&its_rows);

    let weekly = df
        .lazy()
        .group_by([col("day")])
        .agg([
            col("deployments").mean().alias("deploys"),
            col("incidents").filter(both.clone()).sum().alias("inc"),
            col("deployments").filter(both).sum().alias("dep"),
            col("mttr").median().alias("mttr"),
        ])
        .sort(["day"], SortMultipleOptions::default())
        .collect()?;
    let days = frames::i64_values(&weekly, "day")?;
    let d = frames::f64_values(&weekly, "deploys")?;
    let inc = frames::f64_values(&weekly, "inc")?;
    let dep = frames::f64_values(&weekly, "dep")?;
    let m = frames::f64_values(&weekly, "mttr")?;
    for i in 0..days.len() {
        let (Some(day), Some(dd)) = (days[i], d[i]) else {
            continue;
        };
        out.weekly.push(WeeklyDelivery {
            week: from_day_number(day as i32),
            deploys_per_team: dd,
            change_failure_rate: match (inc[i], dep[i]) {
                (Some(a), Some(b)) if b > 0.0 => Some(a / b),
                _ => None,
            },
            mttr_hours_median: m[i],
        });
    }
    Ok(out)
}
