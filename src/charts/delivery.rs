//! M4 chart: team delivery over time in three stacked panels (deploys per
//! team-week, change failure rate, time to restore), each with its weekly
//! line, the before/after levels the verdict compares, and the launch date.

use chrono::NaiveDate;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

use super::theme::*;
use super::{date_long, empty, ChartContext, Drawn};
use crate::analysis::frames::day_number;
use crate::analysis::Analysis;

/// The thin weekly line: quiet, so the levels stand out.
pub(super) const WEEKLY: RGBColor = hex(0xA7B3C2);

struct Panel {
    name: &'static str,
    unit: &'static str,
    values: Vec<(NaiveDate, Option<f64>)>,
    before: Option<f64>,
    after: Option<f64>,
    change: Option<f64>,
    /// Values are shares, shown as percentages.
    percent: bool,
    note: String,
}

fn fmt(v: f64, percent: bool) -> String {
    if percent {
        format!("{:.0}%", v * 100.0)
    } else if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

pub(super) fn delivery(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let d = &a.delivery;
    let footer = ctx.footer(a, &["team_metrics"]);
    let Some(launch) = a.launch else {
        return empty(
            Frame::new(
                "Team delivery: no launch date to compare around",
                "Delivery is compared before and after the program's launch date.",
                footer,
            ),
            "Not enough data",
            "Import a pairing sheet (its earliest start is the launch date) or give --launch.",
        );
    };
    if d.weekly.is_empty() {
        return empty(
            Frame::new("Team delivery: no team metrics imported", "Deployments, incidents and time to restore per team and week, before and after launch.", footer),
            "Not enough data",
            "Import a team-metrics export (team, week, deployments, incidents, MTTR) to see delivery over time.",
        );
    }
    let change_word = |name: &str, r: Option<f64>| r.map(|r| format!("{name} {}", signed_pct(r)));
    let parts: Vec<String> = [
        change_word("deploys", d.deploys_relative_change),
        change_word("failures", d.change_failure_rate_relative_change),
        change_word("time to restore", d.mttr_relative_change),
    ]
    .into_iter()
    .flatten()
    .collect();
    let title = if parts.is_empty() {
        "Team delivery before and after launch".to_string()
    } else {
        format!("After launch: {}", parts.join(", "))
    };
    let p_part = d
        .deploys_mann_whitney_p
        .map(|p| format!(" Deploys before vs after: Mann–Whitney {}.", p_text(p)))
        .unwrap_or_default();
    let frame = Frame::new(
        title,
        format!(
            "Weekly values across all teams (thin) and the before/after levels (thick): {} team-weeks before launch, {} after.{p_part}",
            thousands(d.before.team_weeks as u64),
            thousands(d.after.team_weeks as u64)
        ),
        footer,
    )
    .with_legend(vec![
        LegendEntry::new(Swatch::Line(2), WEEKLY, "Weekly"),
        LegendEntry::new(Swatch::Line(6), BEFORE, "Before launch"),
        LegendEntry::new(Swatch::Line(6), AFTER, "After launch"),
    ]);
    let panels = [
        Panel {
            name: "Deploys per team-week",
            unit: "",
            values: d
                .weekly
                .iter()
                .map(|w| (w.week, Some(w.deploys_per_team)))
                .collect(),
            before: d.before.deploys_per_team_week,
            after: d.after.deploys_per_team_week,
            change: d.deploys_relative_change,
            percent: false,
            note: "mean".into(),
        },
        Panel {
            name: "Change failure rate",
            unit: "",
            values: d
                .weekly
                .iter()
                .map(|w| (w.week, w.change_failure_rate))
                .collect(),
            before: d.before.change_failure_rate,
            after: d.after.change_failure_rate,
            change: d.change_failure_rate_relative_change,
            percent: true,
            note: "incidents ÷ deploys".into(),
        },
        Panel {
            name: "Time to restore",
            unit: " h",
            values: d
                .weekly
                .iter()
                .map(|w| (w.week, w.mttr_hours_median))
                .collect(),
            before: d.before.mttr_hours_median,
            after: d.after.mttr_hours_median,
            change: d.mttr_relative_change,
            percent: false,
            note: "median, hours".into(),
        },
    ];
    let first = d.weekly.first().map(|w| w.week).unwrap_or(launch);
    let last = d.weekly.last().map(|w| w.week).unwrap_or(launch);
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let side = 330;
        let left = side + 90;
        let top = 12;
        let axis_h = 56;
        let gap = 40;
        let panel_h = (ph - top - axis_h - gap * 2) / 3;
        let (t0, t1) = (
            day_number(first.min(launch)) as f64,
            day_number(last.max(launch)) as f64 + 7.0,
        );
        let x = Linear::new((t0, t1), (left as f64, (pw - 10) as f64));

        let xl = x.at(day_number(launch) as f64);
        for (pi, p) in panels.iter().enumerate() {
            let py0 = top + pi as i32 * (panel_h + gap);
            let py1 = py0 + panel_h;
            // Left: the metric and its before → after.
            text(
                area,
                p.name,
                0,
                py0 + 4,
                24.0,
                true,
                INK,
                HPos::Left,
                VPos::Top,
            )?;
            text(
                area,
                &p.note,
                0,
                py0 + 36,
                NOTE_PX,
                false,
                SUBTLE,
                HPos::Left,
                VPos::Top,
            )?;
            let b = p
                .before
                .map(|v| format!("{}{}", fmt(v, p.percent), p.unit))
                .unwrap_or_else(|| "—".into());
            let af = p
                .after
                .map(|v| format!("{}{}", fmt(v, p.percent), p.unit))
                .unwrap_or_else(|| "—".into());
            text(
                area,
                &b,
                0,
                py0 + 100,
                34.0,
                true,
                BEFORE,
                HPos::Left,
                VPos::Center,
            )?;
            let bw = text_width(&b, 34.0, true) as i32;
            text(
                area,
                "→",
                bw + 14,
                py0 + 100,
                30.0,
                false,
                MUTED,
                HPos::Left,
                VPos::Center,
            )?;
            text(
                area,
                &af,
                bw + 58,
                py0 + 100,
                34.0,
                true,
                AFTER,
                HPos::Left,
                VPos::Center,
            )?;
            if let Some(c) = p.change {
                text(
                    area,
                    &format!("{} relative", signed_pct(c)),
                    0,
                    py0 + 140,
                    LABEL_PX,
                    false,
                    INK,
                    HPos::Left,
                    VPos::Center,
                )?;
            }

            let max = p
                .values
                .iter()
                .filter_map(|v| v.1)
                .chain(p.before)
                .chain(p.after)
                .fold(0.0f64, f64::max);
            if max <= 0.0 {
                text(
                    area,
                    "No values",
                    (left + pw) / 2,
                    (py0 + py1) / 2,
                    LABEL_PX,
                    false,
                    SUBTLE,
                    HPos::Center,
                    VPos::Center,
                )?;
                continue;
            }
            let step = nice_step(max, 3);
            let y_max = (max / step).ceil() * step;
            let y = Linear::new((0.0, y_max), (py1 as f64, py0 as f64 + 6.0));
            y_grid(
                area,
                |v| y.at(v),
                &steps(0.0, y_max, step),
                left,
                pw - 10,
                |v| {
                    GridLine::labelled(if p.percent {
                        format!("{:.0}%", v * 100.0)
                    } else {
                        format!("{v}")
                    })
                    .strong_if(v == 0.0, AXIS, 1)
                },
            )?;
            // Weekly line, broken where a week has no value.
            let mut seg: Vec<(i32, i32)> = Vec::new();
            for (week, val) in &p.values {
                match val {
                    Some(v) => seg.push((x.at(day_number(*week) as f64 + 3.5), y.at(*v))),
                    None => {
                        if seg.len() > 1 {
                            line(area, std::mem::take(&mut seg), WEEKLY, 2)?;
                        }
                        seg.clear();
                    }
                }
            }
            if seg.len() > 1 {
                line(area, seg, WEEKLY, 2)?;
            }
            // Levels.
            if let Some(b) = p.before {
                line(area, vec![(x.at(t0), y.at(b)), (xl, y.at(b))], BEFORE, 6)?;
            }
            if let Some(v) = p.after {
                line(area, vec![(xl, y.at(v)), (x.at(t1), y.at(v))], AFTER, 6)?;
            }
            line(area, vec![(xl, py0), (xl, py1)], INK, 2)?;
        }
        // Shared time axis.
        let axis_y = top + 3 * panel_h + 2 * gap;
        month_axis(
            area,
            first.min(launch),
            last.max(launch),
            |m| x.at(day_number(m) as f64),
            axis_y,
        )?;
        let label = format!("Launch {}", date_long(launch));
        let lw = text_width(&label, NOTE_PX, true) as i32;
        // The launch label sits right of the line unless that would run off.
        if xl + 10 + lw < pw {
            text(
                area,
                &label,
                xl + 10,
                top + 2,
                NOTE_PX,
                true,
                INK,
                HPos::Left,
                VPos::Top,
            )?;
        } else {
            text(
                area,
                &label,
                xl - 10,
                top + 2,
                NOTE_PX,
                true,
                INK,
                HPos::Right,
                VPos::Top,
            )?;
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}

/// A time axis along `y`: a tick at each month start from `from` to `to`,
/// labelled ("Jan 2025") every few months so labels never crowd.
pub(super) fn month_axis(
    area: &Area<'_>,
    from: NaiveDate,
    to: NaiveDate,
    x: impl Fn(NaiveDate) -> i32,
    y: i32,
) -> DrawResult {
    let months = month_starts(from, to);
    let every = (months.len() / 8).max(1);
    for (i, m) in months.iter().enumerate() {
        let mx = x(*m);
        line(area, vec![(mx, y), (mx, y + 6)], AXIS, 2)?;
        if i % every == 0 {
            text(
                area,
                &m.format("%b %Y").to_string(),
                mx,
                y + 12,
                TICK_PX,
                false,
                MUTED,
                HPos::Center,
                VPos::Top,
            )?;
        }
    }
    Ok(())
}

/// First day of every month from `from`'s month (exclusive when `from` is
/// not the 1st) to `to`.
pub(crate) fn month_starts(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    if from.day() != 1 {
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    while let Some(d) = NaiveDate::from_ymd_opt(y, m, 1) {
        if d > to {
            break;
        }
        out.push(d);
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}
