//! M2/M3 charts: Kaplan–Meier curves per group with their 95% confidence
//! bands, censoring ticks and the medians (ramp-up) or the 12-month mark
//! (retention). Curves are drawn from the analysis's step points, never
//! from people, so a 100,000-person program draws as fast as a small one.

use plotters::element::Polygon;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::theme::*;
use super::{empty, ChartContext, Drawn};
use crate::analysis::Analysis;

/// "Mentored" → "mentored people": the groups as a noun phrase for titles.
pub(crate) fn group_noun(label: &str) -> String {
    match label {
        "Mentored" => "mentored people".into(),
        "Not mentored" => "people not mentored".into(),
        "Hired on/after launch" => "people hired on or after launch".into(),
        "Hired before launch" => "people hired before launch".into(),
        other => other.to_string(),
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// One group's curve, ready to draw: (t, y, y_lo, y_hi) where y is what the
/// chart shows (share still employed, or share who reached the milestone).
struct Series<'a> {
    colour: RGBColor,
    steps: Vec<[f64; 4]>,
    censored: &'a [f64],
    /// Draw a tick per censored time (off when there are so many that the
    /// ticks would merge into a smear).
    ticks: bool,
    /// Where the curve's follow-up ends.
    end: f64,
}

/// The value of the step function at `t`.
fn value_at(steps: &[[f64; 4]], t: f64) -> f64 {
    match steps.iter().rposition(|p| p[0] <= t) {
        Some(i) => steps[i][1],
        None => steps.first().map(|p| p[1]).unwrap_or(0.0),
    }
}

struct Axes {
    x: Linear,
    y: Linear,
    x_max: f64,
}

/// Draws grid, bands, curves and censoring ticks; returns the scales.
fn draw_curves(
    area: &Area<'_>,
    series: &[Series<'_>],
    x_max: f64,
    y_dom: (f64, f64),
    y_title: &str,
    top: i32,
) -> DrawResult<Axes> {
    let (pw, ph) = area.dim_in_pixel();
    let (pw, ph) = (pw as i32, ph as i32);
    let left = 90;
    let bottom = ph - 84;
    let x = Linear::new((0.0, x_max), (left as f64, (pw - 20) as f64));
    let y = Linear::new(y_dom, (bottom as f64, top as f64));

    // Grid and ticks.
    let y_step = if y_dom.1 - y_dom.0 > 0.5 { 0.25 } else { 0.05 };
    y_grid(
        area,
        |v| y.at(v),
        &steps(y_dom.0, y_dom.1, y_step),
        left,
        pw - 20,
        |v| GridLine::labelled(format!("{:.0}%", v * 100.0)),
    )?;
    let x_step = nice_step(x_max, 8).max(1.0);
    let mut t = 0.0;
    while t <= x_max + 1e-9 {
        line(
            area,
            vec![(x.at(t), bottom), (x.at(t), bottom + 8)],
            AXIS,
            2,
        )?;
        text(
            area,
            &format!("{t:.0}"),
            x.at(t),
            bottom + 14,
            TICK_PX,
            false,
            MUTED,
            HPos::Center,
            VPos::Top,
        )?;
        t += x_step;
    }
    line(area, vec![(left, bottom), (pw - 20, bottom)], AXIS, 2)?;
    text(
        area,
        "Days since hire",
        (left + pw - 20) / 2,
        bottom + 46,
        LABEL_PX,
        false,
        MUTED,
        HPos::Center,
        VPos::Top,
    )?;
    text(
        area,
        y_title,
        0,
        top - 30,
        LABEL_PX,
        false,
        MUTED,
        HPos::Left,
        VPos::Bottom,
    )?;

    let clamp_y = |v: f64| v.clamp(y_dom.0, y_dom.1);
    for s in series {
        let end = s.end.min(x_max);
        // Confidence band: upper edge forward, lower edge back.
        let mut upper = vec![];
        let mut lower = vec![];
        let mut prev: Option<[f64; 4]> = None;
        for p in s.steps.iter().filter(|p| p[0] <= end) {
            if let Some(q) = prev {
                upper.push((x.at(p[0]), y.at(clamp_y(q[3]))));
                lower.push((x.at(p[0]), y.at(clamp_y(q[2]))));
            }
            upper.push((x.at(p[0]), y.at(clamp_y(p[3]))));
            lower.push((x.at(p[0]), y.at(clamp_y(p[2]))));
            prev = Some(*p);
        }
        if let Some(q) = prev {
            upper.push((x.at(end), y.at(clamp_y(q[3]))));
            lower.push((x.at(end), y.at(clamp_y(q[2]))));
        }
        lower.reverse();
        upper.extend(lower);
        if upper.len() > 2 {
            area.draw(&Polygon::new(upper, s.colour.mix(0.16).filled()))?;
        }
    }
    for s in series {
        let end = s.end.min(x_max);
        let mut path = vec![];
        let mut last_y = None;
        for p in s.steps.iter().filter(|p| p[0] <= end) {
            if let Some(ly) = last_y {
                path.push((x.at(p[0]), ly));
            }
            let py = y.at(clamp_y(p[1]));
            path.push((x.at(p[0]), py));
            last_y = Some(py);
        }
        if let Some(ly) = last_y {
            path.push((x.at(end), ly));
        }
        line(area, path, s.colour, 4)?;
        if !s.ticks {
            continue;
        }
        // Censoring ticks, one per pixel column at most.
        let mut cols: Vec<i32> = s
            .censored
            .iter()
            .filter(|t| **t <= end)
            .map(|t| x.at(*t))
            .collect();
        cols.sort_unstable();
        cols.dedup();
        for cx in cols {
            let t = (cx as f64 - x.r0) / (x.r1 - x.r0) * x_max;
            let cy = y.at(clamp_y(value_at(&s.steps, t)));
            line(area, vec![(cx, cy - 8), (cx, cy + 8)], s.colour, 2)?;
        }
    }
    Ok(Axes { x, y, x_max })
}

/// One entry per group, its curve's colour, with its n and events.
fn group_legend(
    counts: [(usize, usize); 2],
    labels: &[String; 2],
    events: &str,
) -> Vec<LegendEntry> {
    counts
        .iter()
        .enumerate()
        .map(|(i, (n, e))| {
            LegendEntry::new(
                Swatch::Line(4),
                GROUPS[i],
                format!(
                    "{}: n = {}, {} {events}",
                    labels[i],
                    thousands(*n as u64),
                    thousands(*e as u64)
                ),
            )
        })
        .collect()
}

/// Beyond this many distinct censoring days per group, ticks would merge
/// into a solid line; the chart then leaves them out and says so.
const MAX_TICK_DAYS: usize = 150;

fn ticks_readable(censored: &[&[f64]]) -> bool {
    censored.iter().all(|c| {
        let mut days: Vec<i64> = c.iter().map(|t| t.round() as i64).collect();
        days.sort_unstable();
        days.dedup();
        days.len() <= MAX_TICK_DAYS
    })
}

/// A rounded-up axis end for `t` days.
fn axis_end(t: f64) -> f64 {
    let step = nice_step(t.max(10.0), 8);
    (t / step).ceil() * step
}

pub(super) fn ramp_up(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let r = &a.ramp_up;
    let footer = ctx.footer(a, &["roster", "milestones", "pairings"]);
    let kind = r
        .milestone_kind
        .clone()
        .unwrap_or_else(|| "the milestone".into());
    let groups = [&r.mentored, &r.not_mentored];
    let labels = &r.group_labels;
    if groups.iter().all(|g| g.curve.is_empty()) {
        return empty(
            Frame::new("Ramp-up: no milestones to measure", "Time to productivity is measured from each person's hire date to their first milestone (e.g. first merged pull request).", footer),
            "Not enough data",
            "Import a roster with hire dates and a milestones export (person, milestone, date) to see how fast people ramp up.",
        );
    }
    let m = [groups[0].km_median_days, groups[1].km_median_days];
    let noun = [group_noun(&labels[0]), group_noun(&labels[1])];
    let days = |d: Option<f64>| {
        d.map(|d| format!("{d:.0} days"))
            .unwrap_or_else(|| "not reached".into())
    };
    let title = match (m, r.logrank_p) {
        ([Some(m0), Some(m1)], Some(p)) if p < 0.05 && m0 != m1 => {
            let (fast, slow, d) = if m0 < m1 {
                (0, 1, m1 - m0)
            } else {
                (1, 0, m0 - m1)
            };
            format!(
                "{} reached “{kind}” {d:.0} days sooner: {:.0} vs {:.0} days",
                capitalise(&noun[fast]),
                m[fast].unwrap_or_default(),
                m[slow].unwrap_or_default()
            )
        }
        (_, Some(p)) if p < 0.05 => format!(
            "Time to “{kind}” differs between groups: median {} for {} vs {} for {}",
            days(m[0]),
            noun[0],
            days(m[1]),
            noun[1]
        ),
        _ => format!(
            "No clear difference in time to “{kind}”: median {} vs {}",
            days(m[0]),
            days(m[1])
        ),
    };
    let p_part = r
        .logrank_p
        .map(|p| format!(" Log-rank {}.", p_text(p)))
        .unwrap_or_default();
    let ticks = ticks_readable(&[&groups[0].censored_times, &groups[1].censored_times]);
    let tick_note = if ticks {
        "ticks: people still on the way at the as-of date or who left first"
    } else {
        "people still on the way are counted but too many to mark"
    };
    let frame = Frame::new(
        title,
        format!(
            "Share who reached “{kind}”, by days since hire (Kaplan–Meier). Shaded: 95% confidence band; {tick_note}.{p_part}"
        ),
        footer,
    )
    .with_legend(group_legend(groups.map(|g| (g.n, g.events)), labels, "reached it"));
    let series: Vec<Series<'_>> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.curve.is_empty())
        .map(|(i, g)| Series {
            colour: GROUPS[i],
            steps: std::iter::once([0.0, 0.0, 0.0, 0.0])
                .chain(
                    g.curve
                        .iter()
                        .map(|p| [p[0], 1.0 - p[1], 1.0 - p[3], 1.0 - p[2]]),
                )
                .collect(),
            censored: &g.censored_times,
            ticks,
            end: g
                .curve
                .last()
                .map(|p| p[0])
                .unwrap_or(0.0)
                .max(g.censored_times.iter().copied().fold(0.0, f64::max)),
        })
        .collect();
    // The axis ends a little after the last event: later, curves are flat.
    let last_event = groups
        .iter()
        .flat_map(|g| {
            g.curve
                .windows(2)
                .filter(|w| w[1][1] < w[0][1])
                .map(|w| w[1][0])
                .chain(g.curve.first().filter(|p| p[1] < 1.0).map(|p| p[0]))
        })
        .fold(0.0, f64::max);
    let x_max = axis_end(last_event * 1.1);
    let svg = super::theme::draw_chart(&frame, |area| {
        let ax = draw_curves(
            area,
            &series,
            x_max,
            (0.0, 1.0),
            &format!("Reached “{kind}”"),
            40,
        )?;
        // Medians: a dashed guide at 50% and a drop line per group,
        // labelled where there is room (left of the faster curve, right of
        // the slower one).
        let reached: Vec<(usize, f64)> = m
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.filter(|v| *v <= ax.x_max).map(|v| (i, v)))
            .collect();
        if let Some(far) = reached.iter().map(|(_, v)| *v).reduce(f64::max) {
            dashed(
                area,
                (ax.x.at(0.0), ax.y.at(0.5)),
                (ax.x.at(far), ax.y.at(0.5)),
                MUTED,
                2,
                8,
            )?;
            text(
                area,
                "50%",
                ax.x.at(0.0) + 8,
                ax.y.at(0.5) - 6,
                NOTE_PX,
                false,
                MUTED,
                HPos::Left,
                VPos::Bottom,
            )?;
        }
        let fastest = reached
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| *i);
        for (i, v) in &reached {
            let px = ax.x.at(*v);
            dashed(
                area,
                (px, ax.y.at(0.5)),
                (px, ax.y.at(0.0)),
                GROUPS[*i],
                2,
                8,
            )?;
            dot(area, px, ax.y.at(0.5), 8, GROUPS[*i])?;
            let label = format!("Median {v:.0} days");
            if Some(*i) == fastest && reached.len() > 1 {
                text(
                    area,
                    &label,
                    px - 14,
                    ax.y.at(0.5) - 14,
                    LABEL_PX,
                    true,
                    GROUPS[*i],
                    HPos::Right,
                    VPos::Bottom,
                )?;
            } else {
                text(
                    area,
                    &label,
                    px + 14,
                    ax.y.at(0.5) + 14,
                    LABEL_PX,
                    true,
                    GROUPS[*i],
                    HPos::Left,
                    VPos::Top,
                )?;
            }
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}

pub(super) fn retention(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let r = &a.retention;
    let footer = ctx.footer(a, &["roster", "pairings"]);
    let groups = [&r.mentored, &r.not_mentored];
    let labels = &r.group_labels;
    if groups.iter().all(|g| g.n == 0) {
        return empty(
            Frame::new("Retention: no hires to follow", "Retention follows each person from their hire date to their exit date or the as-of date.", footer),
            "Not enough data",
            "Import a roster with hire and termination dates to see who stayed.",
        );
    }
    let noun = [group_noun(&labels[0]), group_noun(&labels[1])];
    let ret = [groups[0].retained_365, groups[1].retained_365];
    let pc = |v: Option<f64>| v.map(pct).unwrap_or_else(|| "—".into());
    let title = match (ret, r.logrank_p) {
        ([Some(_), Some(_)], Some(p)) if p < 0.05 => format!(
            "12 months after hire, {} of {} were still here vs {} of {}",
            pc(ret[0]),
            noun[0],
            pc(ret[1]),
            noun[1]
        ),
        ([Some(_), Some(_)], _) => format!(
            "No clear difference in 12-month retention: {} of {} vs {} of {}",
            pc(ret[0]),
            noun[0],
            pc(ret[1]),
            noun[1]
        ),
        _ => "Retention by group since hire".into(),
    };
    let p_part = r
        .logrank_p
        .map(|p| format!(" Log-rank {}.", p_text(p)))
        .unwrap_or_default();
    let ticks = ticks_readable(&[&groups[0].censored_times, &groups[1].censored_times]);
    let tick_note = if ticks {
        "ticks: people still employed at the as-of date"
    } else {
        "people still employed count until the as-of date"
    };
    let frame = Frame::new(
        title,
        format!(
            "Share still employed, by days since hire (Kaplan–Meier). Shaded: 95% confidence band; {tick_note}.{p_part}"
        ),
        footer,
    )
    .with_legend(group_legend(groups.map(|g| (g.n, g.exits)), labels, "left"));
    let series: Vec<Series<'_>> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.curve.is_empty())
        .map(|(i, g)| {
            let mut steps = vec![[0.0, 1.0, 1.0, 1.0]];
            steps.extend(g.curve.iter().copied());
            Series {
                colour: GROUPS[i],
                steps,
                censored: &g.censored_times,
                ticks,
                end: g
                    .curve
                    .last()
                    .map(|p| p[0])
                    .unwrap_or(0.0)
                    .max(g.censored_times.iter().copied().fold(0.0, f64::max)),
            }
        })
        .collect();
    let follow_up = series.iter().map(|s| s.end).fold(0.0, f64::max);
    let x_max = axis_end(follow_up.max(400.0));
    let lowest = series
        .iter()
        .flat_map(|s| s.steps.iter().map(|p| p[2]))
        .fold(1.0f64, f64::min);
    let y0 = ((lowest - 0.05) * 10.0).floor().clamp(0.0, 9.0) / 10.0;
    let svg = super::theme::draw_chart(&frame, |area| {
        let ax = draw_curves(area, &series, x_max, (y0, 1.0), "Still employed", 40)?;
        let x365 = ax.x.at(365.0);
        dashed(area, (x365, ax.y.at(1.0)), (x365, ax.y.at(y0)), INK, 2, 8)?;
        text(
            area,
            "12 months",
            x365 + 10,
            ax.y.at(1.0) + 4,
            NOTE_PX,
            true,
            INK,
            HPos::Left,
            VPos::Top,
        )?;
        // The 12-month values, labelled on the right of the mark; the lower
        // one below its dot so the two never collide.
        let mut marks: Vec<(usize, f64)> = ret
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        marks.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (rank, (i, v)) in marks.iter().enumerate() {
            let py = ax.y.at(*v);
            dot(area, x365, py, 9, GROUPS[*i])?;
            let label = pct(*v);
            let w = text_width(&label, 30.0, true) as i32;
            let (y0, y1) = if rank == 0 {
                (py - 52, py - 14)
            } else {
                (py + 22, py + 60)
            };
            area.draw(&plotters::element::Rectangle::new(
                [(x365 + 10, y0), (x365 + 22 + w, y1)],
                BACKGROUND.mix(0.85).filled(),
            ))?;
            text(
                area,
                &label,
                x365 + 16,
                (y0 + y1) / 2,
                30.0,
                true,
                GROUPS[*i],
                HPos::Left,
                VPos::Center,
            )?;
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}
