//! M5 charts: meetings per month, pair engagement (which pairings met when,
//! with the ones that went quiet standing out) and topic coverage against
//! the program's skill areas.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use plotters::style::text_anchor::{HPos, VPos};

use super::delivery::month_starts;
use super::theme::*;
use super::{date_long, empty, ChartContext, ChartExtras, Drawn, PairTimeline};
use crate::analysis::Analysis;

pub(super) const QUIET_DAYS: i64 = 30;

fn month_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok()
}

fn last_day_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .map(|n| n - Duration::days(1))
        .unwrap_or(d)
}

pub(super) fn per_month(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let e = &a.engagement;
    let footer = ctx.footer(a, &["meetings"]);
    let counts: BTreeMap<NaiveDate, u64> = e
        .meetings_per_month
        .iter()
        .filter_map(|m| month_of(&m.month).map(|d| (d, m.meetings)))
        .collect();
    let (Some(first), Some(last)) = (counts.keys().next().copied(), counts.keys().last().copied())
    else {
        return empty(
            Frame::new("Meetings: none recorded yet", "Mentoring meetings per month, from the calendar or meeting-log export.", footer),
            "Not enough data",
            "Import a meeting log (date, mentor, mentee, duration, topics) to see how often pairs meet.",
        );
    };
    let months: Vec<(NaiveDate, u64)> = month_starts(first, last)
        .into_iter()
        .map(|m| (m, counts.get(&m).copied().unwrap_or(0)))
        .collect();
    // The as-of month is partial unless as-of is its last day.
    let partial = a
        .as_of
        .filter(|d| d.with_day(1) == Some(last) && *d != last_day_of_month(*d));
    let full: Vec<u64> = months
        .iter()
        .filter(|(m, _)| partial.is_none() || *m != last)
        .map(|(_, c)| *c)
        .collect();
    let avg = if full.is_empty() {
        0.0
    } else {
        full.iter().sum::<u64>() as f64 / full.len() as f64
    };
    let title = format!(
        "{} mentoring meetings over {} months, about {:.0} a month",
        thousands(e.meetings as u64),
        months.len(),
        avg
    );
    let frame = Frame::new(
        title,
        format!(
            "Meetings logged per calendar month, {} hours in all across {} pairings; {} of {} active pairings met in the last {QUIET_DAYS} days.",
            thousands(e.hours.round() as u64),
            thousands(e.pairs as u64),
            e.active_pairs_met_last_30d,
            e.active_pairs
        ),
        footer,
    );
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let left = 90;
        let top = 40;
        let bottom = ph - 80;
        let max = months.iter().map(|m| m.1).max().unwrap_or(0).max(1) as f64;
        let step = nice_step(max, 5).max(1.0);
        let y_max = (max * 1.08 / step).ceil() * step;
        let y = Linear::new((0.0, y_max), (bottom as f64, top as f64));
        y_grid(
            area,
            |v| y.at(v),
            &steps(0.0, y_max, step),
            left,
            pw,
            |v| {
                let g = GridLine::labelled(format!("{v:.0}"));
                if v == 0.0 {
                    g.strong(AXIS, 2)
                } else {
                    g
                }
            },
        )?;
        axis_title(area, "Meetings per month", 0, top - 18, HPos::Left)?;
        let slot = (pw - left) as f64 / months.len() as f64;
        let bar = (slot * 0.72).max(2.0);
        let label_every =
            ((months.len() as f64 * 70.0 / (pw - left) as f64).ceil() as usize).max(1);
        let show_values = slot >= 44.0;
        for (i, (m, c)) in months.iter().enumerate() {
            let cx = left as f64 + slot * (i as f64 + 0.5);
            let is_partial = partial.is_some() && *m == last;
            let colour = if is_partial { SKY_BLUE } else { AFTER };
            let (x0, x1) = (
                (cx - bar / 2.0).round() as i32,
                (cx + bar / 2.0).round() as i32,
            );
            if *c > 0 {
                rect(area, x0, y.at(*c as f64), x1, y.at(0.0), colour)?;
            }
            if show_values {
                text(
                    area,
                    &thousands(*c),
                    cx as i32,
                    y.at(*c as f64) - 8,
                    NOTE_PX,
                    false,
                    INK,
                    HPos::Center,
                    VPos::Bottom,
                )?;
            }
            if i % label_every == 0 {
                text(
                    area,
                    &m.format("%b").to_string(),
                    cx as i32,
                    bottom + 10,
                    TICK_PX,
                    false,
                    MUTED,
                    HPos::Center,
                    VPos::Top,
                )?;
            }
            if i == 0 || m.month() == 1 {
                text(
                    area,
                    &m.year().to_string(),
                    cx as i32,
                    bottom + 38,
                    TICK_PX,
                    true,
                    MUTED,
                    HPos::Center,
                    VPos::Top,
                )?;
            }
            if is_partial {
                if let Some(d) = partial {
                    text(
                        area,
                        &format!("to {}", d.format("%-d %b")),
                        cx as i32,
                        y.at(*c as f64) - 34,
                        NOTE_PX,
                        false,
                        SUBTLE,
                        HPos::Center,
                        VPos::Bottom,
                    )?;
                }
            }
        }
        if let Some(l) = a
            .launch
            .filter(|l| *l >= first && *l <= last_day_of_month(last))
        {
            let idx = months
                .iter()
                .position(|(m, _)| m.year() == l.year() && m.month() == l.month())
                .unwrap_or(0);
            let frac = (l.day() - 1) as f64 / last_day_of_month(l).day() as f64;
            let lx = (left as f64 + slot * (idx as f64 + frac)).round() as i32;
            if idx > 0 || frac > 0.0 {
                dashed(area, (lx, top), (lx, bottom), INK, 2, 8)?;
                text(
                    area,
                    &format!("Launch {}", date_long(l)),
                    lx + 8,
                    top,
                    NOTE_PX,
                    true,
                    INK,
                    HPos::Left,
                    VPos::Top,
                )?;
            }
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}

/// Where the pairing rows start below the top of the plot area (room for
/// the "since last meeting" heading).
const PAIRS_TOP: i32 = 34;

fn bottom_guess(ph: i32) -> i32 {
    ph - 60
}

pub(super) fn is_quiet(p: &PairTimeline, as_of: NaiveDate) -> bool {
    p.meetings
        .last()
        .is_none_or(|d| *d <= as_of - Duration::days(QUIET_DAYS))
}

pub(super) fn pairs(a: &Analysis, x: &ChartExtras, ctx: &ChartContext) -> Drawn {
    let footer = ctx.footer(a, &["pairings", "meetings"]);
    let Some(as_of) = a.as_of else {
        return empty(
            Frame::new(
                "Pair engagement: no pairings or meetings imported",
                "Which active pairings met when.",
                footer,
            ),
            "Not enough data",
            "Import a pairing sheet and a meeting log.",
        );
    };
    if x.active_pairs.is_empty() {
        return empty(
            Frame::new(format!("Pair engagement: no pairing is active on {}", date_long(as_of)), "Which active pairings met when; pairings that stopped meeting stand out.", footer),
            "No active pairings",
            "A pairing is active when it has started and has not ended by the as-of date. Import a pairing sheet, or choose another as-of date.",
        );
    }
    let quiet: Vec<&PairTimeline> = x
        .active_pairs
        .iter()
        .filter(|p| is_quiet(p, as_of))
        .collect();
    let mut recent: Vec<&PairTimeline> = x
        .active_pairs
        .iter()
        .filter(|p| !is_quiet(p, as_of))
        .collect();
    // Quiet ones first, longest silence first (never met first of all);
    // then the rest, least recently met first.
    recent.sort_by(|a, b| {
        (a.meetings.last(), &a.mentor, &a.mentee).cmp(&(b.meetings.last(), &b.mentor, &b.mentee))
    });
    const MAX_ROWS: usize = 30;
    let mut rows: Vec<(&PairTimeline, bool)> = quiet.iter().map(|p| (*p, true)).collect();
    rows.extend(recent.iter().map(|p| (*p, false)));
    let hidden = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    let n_quiet = quiet.len();
    let n_active = x.active_pairs.len();
    let title = if n_quiet == 0 {
        format!(
            "All {} active pairings met in the last {QUIET_DAYS} days",
            thousands(n_active as u64)
        )
    } else {
        format!(
            "{} of {} active pairings have not met in the last {QUIET_DAYS} days",
            thousands(n_quiet as u64),
            thousands(n_active as u64)
        )
    };
    let hidden_note = if hidden > 0 {
        let hidden_quiet = n_quiet.saturating_sub(MAX_ROWS);
        if hidden_quiet > 0 {
            format!(
                " Showing the {MAX_ROWS} quietest; {} more are not shown ({} of them quiet).",
                thousands(hidden as u64),
                thousands(hidden_quiet as u64)
            )
        } else {
            format!(
                " {} pairings that met recently are not shown.",
                thousands(hidden as u64)
            )
        }
    } else {
        String::new()
    };
    let frame = Frame::new(
        title,
        format!(
            "Each row is a pairing active on {} (mentor → mentee), each dot a meeting in the 12 months before. Quiet pairings in vermillion, longest silence first.{hidden_note}",
            date_long(as_of)
        ),
        footer,
    )
    .with_legend(vec![
        LegendEntry::new(Swatch::Dot, AFTER, "Met in the last 30 days"),
        LegendEntry::new(Swatch::Dot, ALERT, "Quiet: no meeting in 30 days"),
        LegendEntry::new(Swatch::Box, PANEL, "Last 30 days"),
    ]);
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let px = (((bottom_guess(ph) - PAIRS_TOP) / rows.len().max(1) as i32).min(44) as f64
            * 0.68)
            .clamp(13.0, 20.0);
        let label_w = rows
            .iter()
            .map(|(p, q)| text_width(&format!("{} → {}", p.mentor, p.mentee), px, *q).ceil() as i32)
            .max()
            .unwrap_or(0)
            .clamp(120, 420);
        let right_w = 150;
        let left = label_w + 20;
        let right = pw - right_w;
        let top = PAIRS_TOP;
        let bottom = bottom_guess(ph);
        let row_h = ((bottom - top) / rows.len().max(1) as i32).min(44);
        let bottom = top + row_h * rows.len() as i32;
        let window_start = as_of - Duration::days(364);
        let t = |d: NaiveDate| (d - window_start).num_days() as f64;
        let xs = Linear::new((0.0, 365.0), (left as f64, right as f64));

        // The last 30 days and the month grid.
        rect(
            area,
            xs.at(t(as_of - Duration::days(QUIET_DAYS - 1))),
            top - 6,
            xs.at(365.0),
            bottom,
            PANEL,
        )?;
        for m in month_starts(window_start, as_of) {
            let mx = xs.at(t(m));
            line(area, vec![(mx, top - 6), (mx, bottom)], GRID, 1)?;
            text(
                area,
                &m.format("%b").to_string(),
                mx,
                bottom + 10,
                TICK_PX,
                false,
                MUTED,
                HPos::Center,
                VPos::Top,
            )?;
            if m.month() == 1 || mx < xs.at(31.0) {
                text(
                    area,
                    &m.year().to_string(),
                    mx,
                    bottom + 36,
                    TICK_PX,
                    true,
                    MUTED,
                    HPos::Center,
                    VPos::Top,
                )?;
            }
        }
        text(
            area,
            "Since last meeting",
            pw,
            top - 20,
            NOTE_PX,
            true,
            MUTED,
            HPos::Right,
            VPos::Bottom,
        )?;

        for (i, (p, quiet)) in rows.iter().enumerate() {
            let cy = top + row_h * i as i32 + row_h / 2;
            let colour = if *quiet { ALERT } else { AFTER };
            let label = ellipsize(
                &format!("{} → {}", p.mentor, p.mentee),
                px,
                *quiet,
                label_w as f64,
            );
            text(
                area,
                &label,
                0,
                cy,
                px,
                *quiet,
                if *quiet { ALERT } else { INK },
                HPos::Left,
                VPos::Center,
            )?;
            // The pairing's span within the window.
            let s = p.start.map(|d| t(d).max(0.0)).unwrap_or(0.0);
            let en = p.end.map(|d| t(d).min(365.0)).unwrap_or(365.0);
            if en > s {
                line(
                    area,
                    vec![(xs.at(s), cy), (xs.at(en), cy)],
                    GRID,
                    (row_h / 5).clamp(2, 6) as u32,
                )?;
            }
            let r = (row_h / 4).clamp(3, 7);
            for d in p
                .meetings
                .iter()
                .filter(|d| **d > window_start && **d <= as_of)
            {
                area.draw(&plotters::element::Circle::new(
                    (xs.at(t(*d)), cy),
                    r,
                    plotters::style::ShapeStyle::from(&colour).filled(),
                ))?;
            }
            let since = match p.meetings.last() {
                Some(d) => format!("{} days", (as_of - *d).num_days()),
                None => "never met".into(),
            };
            text(
                area,
                &since,
                pw,
                cy,
                px,
                *quiet,
                if *quiet { ALERT } else { SUBTLE },
                HPos::Right,
                VPos::Center,
            )?;
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}

pub(super) fn topics(a: &Analysis, x: &ChartExtras, ctx: &ChartContext) -> Drawn {
    let footer = ctx.footer(a, &["meetings"]);
    let denom = x.pairings_with_meetings;
    if x.topics.is_empty() || denom == 0 {
        return empty(
            Frame::new("Topic coverage: no meeting topics recorded", "Which of the program's skill areas mentoring conversations covered.", footer),
            "Not enough data",
            "Import a meeting log with a topics column (topics separated by ; or |) to see what pairs talk about.",
        );
    }
    const MAX_ROWS: usize = 14;
    let areas: Vec<_> = x.topics.iter().filter(|t| t.skill_area).collect();
    let others: Vec<_> = x.topics.iter().filter(|t| !t.skill_area).collect();
    let mut rows: Vec<_> = areas
        .iter()
        .chain(others.iter())
        .take(MAX_ROWS)
        .copied()
        .collect();
    if x.skill_areas_given && rows.len() < areas.len() {
        rows = areas.iter().take(MAX_ROWS).copied().collect();
    }
    let share = |n: usize| n as f64 / denom as f64;
    let missing: Vec<&str> = areas
        .iter()
        .filter(|t| t.pairings == 0)
        .map(|t| t.topic.as_str())
        .collect();
    let title = if x.skill_areas_given && !missing.is_empty() {
        let names = missing
            .iter()
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if missing.len() > 3 {
            format!(" and {} more", missing.len() - 3)
        } else {
            String::new()
        };
        format!(
            "{} of {} skill areas never came up in meetings: {names}{more}",
            missing.len(),
            areas.len()
        )
    } else {
        let covered: Vec<_> = areas.iter().filter(|t| t.pairings > 0).collect();
        match (covered.first(), covered.last()) {
            (Some(top), Some(low)) if covered.len() > 1 => format!(
                "{} reached the most pairings ({}), {} the fewest ({})",
                top.topic,
                pct(share(top.pairings)),
                low.topic,
                pct(share(low.pairings))
            ),
            (Some(top), _) => format!(
                "{} was discussed by {} of pairings",
                top.topic,
                pct(share(top.pairings))
            ),
            _ => "Topic coverage".into(),
        }
    };
    let basis = if x.skill_areas_given {
        "the program's skill areas (then other topics)"
    } else {
        "each topic found in the meeting logs"
    };
    let frame = Frame::new(
        title,
        format!(
            "Share of the {} pairings with at least one meeting that discussed {basis} at least once; meetings on the topic at the right.",
            thousands(denom as u64)
        ),
        footer,
    );
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let label_w = rows
            .iter()
            .map(|t| text_width(&t.topic, LABEL_PX, t.skill_area).ceil() as i32)
            .max()
            .unwrap_or(0)
            .clamp(120, 420);
        let left = label_w + 30;
        let right = pw - 330;
        let top = 20;
        let bottom = ph - 70;
        let row_h = ((bottom - top) / rows.len().max(1) as i32).min(96);
        let bottom = top + row_h * rows.len() as i32;
        let xs = Linear::new((0.0, 1.0), (left as f64, right as f64));
        x_grid(
            area,
            |v| xs.at(v),
            &steps(0.0, 1.0, 0.25),
            top,
            bottom,
            |v| GridLine::labelled(format!("{:.0}%", v * 100.0)).strong_if(v == 0.0, AXIS, 2),
        )?;
        axis_title(
            area,
            "Share of pairings that discussed it",
            xs.at(0.5),
            bottom + 40,
            HPos::Center,
        )?;
        let bar_h = ((row_h as f64 * 0.62) as i32).min(52);
        for (i, t) in rows.iter().enumerate() {
            let cy = top + row_h * i as i32 + row_h / 2;
            let not_discussed = t.pairings == 0;
            let colour = if not_discussed {
                ALERT
            } else if t.skill_area {
                AFTER
            } else {
                BEFORE
            };
            let label = ellipsize(&t.topic, LABEL_PX, t.skill_area, label_w as f64);
            text(
                area,
                &label,
                label_w,
                cy,
                LABEL_PX,
                t.skill_area,
                if not_discussed { ALERT } else { INK },
                HPos::Right,
                VPos::Center,
            )?;
            if not_discussed {
                text(
                    area,
                    "never discussed",
                    left + 12,
                    cy,
                    LABEL_PX,
                    true,
                    ALERT,
                    HPos::Left,
                    VPos::Center,
                )?;
                continue;
            }
            let s = share(t.pairings);
            rect(
                area,
                xs.at(0.0),
                cy - bar_h / 2,
                xs.at(s),
                cy + bar_h / 2,
                colour,
            )?;
            text(
                area,
                &pct(s),
                xs.at(s) + 12,
                cy,
                LABEL_PX,
                true,
                INK,
                HPos::Left,
                VPos::Center,
            )?;
            text(
                area,
                &format!(
                    "{} pairings · {} meetings",
                    thousands(t.pairings as u64),
                    thousands(t.meetings)
                ),
                pw,
                cy,
                NOTE_PX,
                false,
                SUBTLE,
                HPos::Right,
                VPos::Center,
            )?;
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}
