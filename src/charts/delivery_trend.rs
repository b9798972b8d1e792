//! M6 chart: the interrupted time series of team delivery — mean
//! deployments per team-week, week by week, with the line fitted before
//! launch, that line carried on past launch as a dashed counterfactual
//! (what the trend alone would have given), the line fitted after launch,
//! and the jump at launch with its 95% interval. A rise that was already
//! under way before launch shows as a steep dashed line, not as a jump.
//!
//! The lines are the analysis's fit (`delivery.its`), drawn, never refitted.

use chrono::NaiveDate;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::delivery::{month_axis, WEEKLY};
use super::theme::*;
use super::{date_long, empty, ChartContext, Drawn};
use crate::analysis::frames::day_number;
use crate::analysis::{Analysis, Change};

/// Weeks from launch to the start of `week` (negative before launch).
fn weeks_since(launch: NaiveDate, week: NaiveDate) -> f64 {
    f64::from(day_number(week) - day_number(launch)) / 7.0
}

fn change_text(c: &Change, decimals: usize, unit: &str) -> Option<String> {
    let (e, [lo, hi]) = (c.estimate?, c.ci95?);
    Some(format!(
        "{}{unit} (95% CI {} to {}{})",
        signed(e, decimals),
        signed(lo, decimals),
        signed(hi, decimals),
        c.p.map(|p| format!(", {}", p_text(p))).unwrap_or_default()
    ))
}

pub(super) fn delivery_trend(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let d = &a.delivery;
    let its = &d.its;
    let footer = ctx.footer(a, &["team_metrics"]);
    let Some(launch) = a.launch else {
        return empty(
            Frame::new(
                "Delivery trend: no launch date to compare around",
                "This chart compares the delivery trend before launch with what happened after it.",
                footer,
            ),
            "Not enough data",
            "Import a pairing sheet (its earliest start is the launch date) or give --launch.",
        );
    };
    let (Some(a0), Some(b0), Some(level)) =
        (its.pre_intercept, its.pre_slope, its.level_change.estimate)
    else {
        let why = its
            .reason
            .clone()
            .unwrap_or_else(|| "there are no team metrics to fit a trend to".into());
        return empty(
            Frame::new(
                "Delivery trend: no trend to compare",
                "This chart compares the delivery trend before launch with what happened after it.",
                footer,
            ),
            "Not enough data",
            &format!(
                "The trend could not be fitted: {why}. It needs weekly team metrics from both before and after the launch date."
            ),
        );
    };
    if d.weekly.is_empty() {
        return empty(
            Frame::new(
                "Delivery trend: no team metrics imported",
                "Deployments per team-week before and after launch, against the trend before it.",
                footer,
            ),
            "Not enough data",
            "Import a team-metrics export (team, week, deployments) to see the trend.",
        );
    }
    let slope = its.slope_change.estimate.unwrap_or(0.0);
    let pre = |w: f64| a0 + b0 * w;
    let post = |w: f64| a0 + level + (b0 + slope) * w;

    let title = match its.level_change.ci95 {
        Some([lo, _]) if lo > 0.0 => format!(
            "Deploys jumped at launch by {} per team-week beyond the trend before it",
            num(level, 1)
        ),
        Some([_, hi]) if hi < 0.0 => format!(
            "Deploys dropped at launch by {} per team-week below the trend before it",
            num(-level, 1)
        ),
        _ => format!(
            "No clear jump in deploys at launch beyond the trend before it ({} per team-week)",
            signed(level, 1)
        ),
    };
    let slope_part = change_text(&its.slope_change, 3, " per week")
        .map(|s| format!(" Change in the weekly trend after launch: {s}."))
        .unwrap_or_default();
    let frame = Frame::new(
        title,
        format!(
            "Mean deployments per team-week, {} team-weeks of {} teams. Lines fitted before and after launch (team effects, errors clustered by team).{slope_part}",
            thousands(its.team_weeks as u64),
            thousands(its.teams as u64)
        ),
        footer,
    )
    .with_legend(vec![
        LegendEntry::new(Swatch::Dot, WEEKLY, "Each week, mean over teams"),
        LegendEntry::new(Swatch::Line(5), BEFORE, "Trend before launch"),
        LegendEntry::new(Swatch::Dashed(4), BEFORE, "That trend carried on"),
        LegendEntry::new(Swatch::Line(5), AFTER, "Fitted after launch"),
    ]);

    let first = d.weekly.first().map(|w| w.week).unwrap_or(launch);
    let last = d.weekly.last().map(|w| w.week).unwrap_or(launch);
    let w0 = weeks_since(launch, first.min(launch));
    let w1 = weeks_since(launch, last.max(launch)) + 1.0;
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let left = 90;
        let top = 36;
        let bottom = ph - 72;
        let x = Linear::new((w0, w1), (left as f64, (pw - 10) as f64));
        let max = d
            .weekly
            .iter()
            .map(|w| w.deploys_per_team)
            .chain([pre(w0), pre(w1), post(0.0), post(w1)])
            .fold(0.0f64, f64::max);
        let step = nice_step(max.max(1.0), 5);
        let y_max = (max * 1.05 / step).ceil() * step;
        let y = Linear::new((0.0, y_max), (bottom as f64, top as f64));
        let decimals = if step.fract() == 0.0 { 0 } else { 1 };
        y_grid(
            area,
            |v| y.at(v),
            &steps(0.0, y_max, step),
            left,
            pw - 10,
            |v| GridLine::labelled(num(v, decimals)).strong_if(v == 0.0, AXIS, 2),
        )?;
        axis_title(area, "Deploys per team-week", 0, top - 14, HPos::Left)?;
        month_axis(
            area,
            first.min(launch),
            last.max(launch),
            |m| x.at(weeks_since(launch, m)),
            bottom,
        )?;

        for w in &d.weekly {
            // A week's dot sits in the middle of its week.
            let wx = x.at(weeks_since(launch, w.week) + 0.5);
            area.draw(&plotters::element::Circle::new(
                (wx, y.at(w.deploys_per_team)),
                5,
                WEEKLY.filled(),
            ))?;
        }
        let xl = x.at(0.0);
        line(area, vec![(xl, top), (xl, bottom)], INK, 2)?;
        line(
            area,
            vec![(x.at(w0), y.at(pre(w0))), (xl, y.at(pre(0.0)))],
            BEFORE,
            5,
        )?;
        dashed(
            area,
            (xl, y.at(pre(0.0))),
            (x.at(w1), y.at(pre(w1))),
            BEFORE,
            4,
            12,
        )?;
        line(
            area,
            vec![(xl, y.at(post(0.0))), (x.at(w1), y.at(post(w1)))],
            AFTER,
            5,
        )?;
        let label = format!("Launch {}", date_long(launch));
        let lw = text_width(&label, NOTE_PX, true) as i32;
        let (lx, h) = if xl + 10 + lw < pw {
            (xl + 10, HPos::Left)
        } else {
            (xl - 10, HPos::Right)
        };
        text(area, &label, lx, top, NOTE_PX, true, INK, h, VPos::Top)?;

        // The jump: a bracket from the carried-on trend to the fitted line
        // just after launch, and its size with its interval.
        let bx = xl + 18;
        let (ya, yb) = (y.at(pre(0.0)), y.at(post(0.0)));
        line(area, vec![(bx, ya), (bx, yb)], INK, 3)?;
        for yy in [ya, yb] {
            line(area, vec![(bx - 8, yy), (bx + 8, yy)], INK, 3)?;
        }
        if let Some(jump) = change_text(&its.level_change, 2, "") {
            let lines_ = ["Jump at launch, per team-week:".to_string(), jump];
            let w = lines_
                .iter()
                .map(|l| text_width(l, LABEL_PX, true))
                .fold(0.0, f64::max) as i32;
            // On whichever side of the two lines has more room.
            let (ty0, ty1) = {
                let (upper, lower) = (ya.min(yb), ya.max(yb));
                if upper - top > bottom - lower {
                    (
                        (upper - 130).max(top + 30),
                        (upper - 130).max(top + 30) + 70,
                    )
                } else {
                    (
                        (lower + 60).min(bottom - 80),
                        (lower + 60).min(bottom - 80) + 70,
                    )
                }
            };
            let tx = (bx + 20).min(pw - w - 24);
            area.draw(&plotters::element::Rectangle::new(
                [(tx - 8, ty0 - 4), (tx + w + 16, ty1 + 4)],
                BACKGROUND.mix(0.9).filled(),
            ))?;
            text(
                area,
                &lines_[0],
                tx,
                ty0 + 16,
                LABEL_PX,
                false,
                INK,
                HPos::Left,
                VPos::Center,
            )?;
            text(
                area,
                &lines_[1],
                tx,
                ty0 + 50,
                LABEL_PX,
                true,
                INK,
                HPos::Left,
                VPos::Center,
            )?;
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}
