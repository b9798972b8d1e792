//! M6 chart: a forest plot of raw against like-for-like effects — ramp-up
//! and retention as hazard ratios on one log axis (raw: the Cox model
//! without strata; like for like: stratified by team × level), and the
//! survey difference on its own axis (raw Welch difference, the same people
//! in both waves, and the difference adjusted for level and team). Each row
//! is a dot and its 95% interval with the estimate, p and n written beside
//! it, and a reference line marks "no difference". A suppressed survey
//! figure is never drawn; the row says why.

use plotters::element::Polygon;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::survival::group_noun;
use super::theme::*;
use super::{empty, ChartContext, Drawn};
use crate::analysis::{AdjustedHazard, Analysis, UnadjustedHazard};

/// The raw row's colour, the same-people row's, and the like-for-like row's.
const RAW: RGBColor = BEFORE;
const SAME_PEOPLE: RGBColor = SKY_BLUE;
const LIKE_FOR_LIKE: RGBColor = AFTER;

/// Axis ends on the log scale: an interval beyond them ends in an arrow.
const HR_MIN: f64 = 1.0 / 16.0;
const HR_MAX: f64 = 16.0;

/// One row: what it is, its estimate and interval if there is one, and the
/// words beside it.
struct Row {
    label: &'static str,
    colour: RGBColor,
    estimate: Option<(f64, [f64; 2])>,
    figure: String,
    detail: String,
}

struct Section {
    heading: String,
    hint: String,
    rows: Vec<Row>,
}

fn hr_row(
    label: &'static str,
    colour: RGBColor,
    hr: Option<f64>,
    ci: Option<[f64; 2]>,
    p: Option<f64>,
    reason: Option<&str>,
    n_events: String,
) -> Row {
    match (hr, ci) {
        (Some(h), Some([lo, hi])) => Row {
            label,
            colour,
            estimate: Some((h, [lo, hi])),
            figure: format!(
                "{} ({}–{}){}",
                num(h, 2),
                num(lo, 2),
                num(hi, 2),
                p.map(|p| format!(", {}", p_text(p))).unwrap_or_default()
            ),
            detail: n_events,
        },
        _ => Row {
            label,
            colour,
            estimate: None,
            figure: "could not be estimated".into(),
            detail: reason.unwrap_or("not enough data").to_string(),
        },
    }
}

fn hazard_rows(raw: &UnadjustedHazard, adj: &AdjustedHazard, n: usize, events: &str) -> Vec<Row> {
    let counts = format!(
        "n = {}, {} {events}",
        thousands(n as u64),
        thousands(adj.events as u64)
    );
    vec![
        hr_row(
            "Raw: everyone",
            RAW,
            raw.hazard_ratio,
            raw.ci95,
            raw.p,
            raw.reason.as_deref(),
            counts.clone(),
        ),
        hr_row(
            "Like for like (same team and level)",
            LIKE_FOR_LIKE,
            adj.hazard_ratio,
            adj.ci95,
            adj.p,
            adj.reason.as_deref(),
            format!(
                "{} of {} team-and-level groups can be compared",
                thousands(adj.strata_used as u64),
                thousands(adj.strata as u64)
            ),
        ),
    ]
}

fn diff_row(
    label: &'static str,
    colour: RGBColor,
    diff: Option<f64>,
    ci: Option<[f64; 2]>,
    p: Option<f64>,
    hidden: Option<String>,
    n: String,
) -> Row {
    if let Some(why) = hidden {
        return Row {
            label,
            colour,
            estimate: None,
            figure: "hidden".into(),
            detail: why,
        };
    }
    match (diff, ci) {
        (Some(d), Some([lo, hi])) => Row {
            label,
            colour,
            estimate: Some((d, [lo, hi])),
            figure: format!(
                "{} ({} to {}){}",
                signed(d, 2),
                signed(lo, 2),
                signed(hi, 2),
                p.map(|p| format!(", {}", p_text(p))).unwrap_or_default()
            ),
            detail: n,
        },
        _ => Row {
            label,
            colour,
            estimate: None,
            figure: "could not be estimated".into(),
            detail: "not enough answers in both waves".into(),
        },
    }
}

/// The like-for-like finding of one comparison: `Some(Some(words))` when
/// its interval excludes `reference`, `Some(None)` when it does not, `None`
/// when there is no like-for-like estimate.
fn finding(
    ci: Option<[f64; 2]>,
    reference: f64,
    above: &str,
    below: &str,
) -> Option<Option<String>> {
    ci.map(|[lo, hi]| {
        if lo > reference {
            Some(above.to_string())
        } else if hi < reference {
            Some(below.to_string())
        } else {
            None
        }
    })
}

/// "Like for like (same team and level): mentored people reach “First PR”
/// sooner and stay longer; no clear change in satisfaction".
fn title(
    first: &str,
    hazards: [Option<(Option<String>, &str)>; 2],
    survey: Option<Option<String>>,
) -> String {
    let verbs: Vec<String> = hazards
        .iter()
        .flatten()
        .filter_map(|(f, _)| f.clone())
        .collect();
    let mut unclear: Vec<&str> = hazards
        .iter()
        .flatten()
        .filter(|(f, _)| f.is_none())
        .map(|(_, name)| *name)
        .collect();
    let mut parts = Vec::new();
    if !verbs.is_empty() {
        parts.push(format!("{first} {}", verbs.join(" and ")));
    }
    match survey {
        Some(Some(words)) => parts.push(words),
        Some(None) => unclear.push("satisfaction"),
        None => {}
    }
    if !unclear.is_empty() {
        let list = match unclear.as_slice() {
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
            [] => String::new(),
        };
        parts.push(format!("no clear difference in {list}"));
    }
    if parts.is_empty() {
        "Raw comparisons; like for like could not be compared".to_string()
    } else {
        format!("Like for like (same team and level): {}", parts.join("; "))
    }
}

/// Ticks of the hazard-ratio axis: the doublings around 1 first (0.25,
/// 0.5, 1, 2, 4 …), then in-between values where they clear their
/// neighbours by `min_px`.
fn hr_ticks(x: &LogScale, min_px: i32) -> Vec<f64> {
    const DOUBLINGS: [f64; 9] = [0.0625, 0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];
    const BETWEEN: [f64; 10] = [0.1, 0.2, 0.33, 0.67, 0.8, 1.25, 1.5, 3.0, 5.0, 10.0];
    let inside = |v: &f64| *v >= x.d0 * 0.999 && *v <= x.d1 * 1.001;
    let mut out: Vec<f64> = DOUBLINGS.into_iter().filter(inside).collect();
    for v in BETWEEN.into_iter().filter(inside) {
        if out.iter().all(|t| (x.at(*t) - x.at(v)).abs() >= min_px) {
            out.push(v);
        }
    }
    out.sort_by(f64::total_cmp);
    out
}

/// A logarithmic map from data values to pixels.
#[derive(Debug, Clone, Copy)]
struct LogScale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl LogScale {
    fn at(&self, v: f64) -> i32 {
        let t = (v.ln() - self.d0.ln()) / (self.d1.ln() - self.d0.ln());
        (self.r0 + t * (self.r1 - self.r0)).round() as i32
    }
}

/// A grid line of either axis; the "no difference" line is strong.
fn grid_line(label: String, no_difference: bool) -> GridLine {
    let g = GridLine::labelled(label);
    if no_difference {
        GridLine {
            bold: true,
            ..g.strong(INK, 2)
        }
    } else {
        g
    }
}

/// "0.5", "1", "1.25": a tick label without trailing zeros.
fn tick(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub(super) fn adjusted_effects(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let footer = ctx.footer(a, &["roster", "milestones", "pairings", "survey"]);
    let k = a.min_group_size;
    let labels = &a.ramp_up.group_labels;
    let first = if labels[0].is_empty() {
        "mentored people".to_string()
    } else {
        group_noun(&labels[0])
    };
    let kind = a
        .ramp_up
        .milestone_kind
        .clone()
        .unwrap_or_else(|| "the milestone".into());
    let (r, t, u, pr) = (
        &a.ramp_up,
        &a.retention,
        &a.survey_unpaired,
        &a.survey_paired,
    );
    let mut hazards = Vec::new();
    if r.window_start.is_some() {
        hazards.push(Section {
            heading: format!("Ramp-up to “{kind}”"),
            hint: format!("above 1: {first} get there sooner"),
            rows: hazard_rows(
                &r.unadjusted,
                &r.adjusted,
                r.mentored.n + r.not_mentored.n,
                "reached it",
            ),
        });
        hazards.push(Section {
            heading: "Retention".into(),
            hint: format!("above 1: {first} leave sooner"),
            rows: hazard_rows(
                &t.unadjusted,
                &t.adjusted,
                t.mentored.n + t.not_mentored.n,
                "left",
            ),
        });
    }
    let (bw, aw) = (
        u.before_wave.clone().unwrap_or_else(|| "before".into()),
        u.after_wave.clone().unwrap_or_else(|| "after".into()),
    );
    let hidden =
        |suppressed: bool| suppressed.then(|| format!("fewer than {k} respondents in a wave"));
    let survey = (u.diff.is_some() || u.suppressed).then(|| Section {
        heading: format!("Satisfaction: {aw} vs {bw}"),
        hint: "above 0: higher after the program".into(),
        rows: vec![
            diff_row(
                "Raw: everyone who answered",
                RAW,
                u.diff,
                u.ci95,
                u.welch_p,
                hidden(u.suppressed),
                format!(
                    "n = {} → {} responses",
                    thousands(u.n_before as u64),
                    thousands(u.n_after as u64)
                ),
            ),
            diff_row(
                "Same people in both waves",
                SAME_PEOPLE,
                pr.mean_diff,
                pr.ci95,
                pr.p,
                hidden(pr.suppressed || u.suppressed),
                format!("n = {} people", thousands(pr.n_pairs as u64)),
            ),
            diff_row(
                "Like for like (same team and level)",
                LIKE_FOR_LIKE,
                u.adjusted.diff,
                u.adjusted.ci95,
                u.adjusted.p,
                hidden(u.suppressed).or_else(|| {
                    // Hidden by disclosure control although both waves are
                    // large enough: a team-and-level group in the model, or
                    // the few respondents left out of it, is too small.
                    u.adjusted
                        .suppressed
                        .then(|| format!("a group behind it has fewer than {k} respondents"))
                }),
                format!(
                    "n = {} responses on the roster",
                    thousands(u.adjusted.n as u64)
                ),
            ),
        ],
    });
    let drawn = hazards
        .iter()
        .chain(survey.iter())
        .flat_map(|s| &s.rows)
        .filter(|r| r.estimate.is_some())
        .count();
    if drawn == 0 {
        return empty(
            Frame::new(
                "Raw vs like for like: nothing to compare yet",
                "This chart sets each raw comparison beside the same comparison made only between people of the same team and level.",
                footer,
            ),
            "Not enough data",
            "Import a roster with teams, levels and hire dates, a pairing sheet and milestones (or two survey waves) to compare like for like.",
        );
    }

    let title = title(
        &first,
        [
            finding(
                r.adjusted.ci95,
                1.0,
                &format!("reach “{kind}” sooner"),
                &format!("reach “{kind}” later"),
            )
            .map(|f| (f, "ramp-up")),
            finding(t.adjusted.ci95, 1.0, "leave sooner", "stay longer").map(|f| (f, "retention")),
        ],
        finding(
            (!u.adjusted.suppressed && !u.suppressed)
                .then_some(u.adjusted.ci95)
                .flatten(),
            0.0,
            "satisfaction rose",
            "satisfaction fell",
        ),
    );
    let mut legend = vec![
        LegendEntry::new(Swatch::Interval, RAW, "Raw"),
        LegendEntry::new(Swatch::Interval, LIKE_FOR_LIKE, "Like for like"),
    ];
    if survey.is_some() {
        legend.insert(
            1,
            LegendEntry::new(Swatch::Interval, SAME_PEOPLE, "Same people (survey)"),
        );
    }
    let frame = Frame::new(
        title,
        "Dots are estimates, lines their 95% confidence intervals. Raw compares everyone; like for like, only people of the same team and level.",
        footer,
    )
    .with_legend(legend);

    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let label_w = 470;
        let right_w = 500;
        let (x0, x1) = (label_w + 40, pw - right_w);
        let heading_h = 64;
        let axis_h = 62;
        let panel_gap = 12;
        let n_rows = hazards
            .iter()
            .chain(survey.iter())
            .map(|s| s.rows.len())
            .sum::<usize>() as i32;
        let n_heads = (hazards.len() + survey.iter().count()) as i32;
        let n_axes = i32::from(!hazards.is_empty()) + i32::from(survey.is_some());
        let fixed = n_heads * heading_h + n_axes * axis_h + panel_gap;
        let row_h = ((ph - fixed) / n_rows.max(1)).clamp(40, 70);
        let mut y = 0;

        let draw_section_rows = |y: &mut i32,
                                 s: &Section,
                                 at: &dyn Fn(f64) -> i32,
                                 lo_px: i32,
                                 hi_px: i32|
         -> DrawResult {
            let heading = ellipsize(&s.heading, 24.0, true, label_w as f64);
            text(
                area,
                &heading,
                0,
                *y + 6,
                24.0,
                true,
                INK,
                HPos::Left,
                VPos::Top,
            )?;
            let hint = ellipsize(&s.hint, NOTE_PX, false, label_w as f64);
            text(
                area,
                &hint,
                0,
                *y + 38,
                NOTE_PX,
                false,
                MUTED,
                HPos::Left,
                VPos::Top,
            )?;
            *y += heading_h;
            for row in &s.rows {
                let cy = *y + row_h / 2;
                text(
                    area,
                    row.label,
                    24,
                    cy,
                    LABEL_PX,
                    false,
                    INK,
                    HPos::Left,
                    VPos::Center,
                )?;
                if let Some((est, [lo, hi])) = row.estimate {
                    let (a0, a1) = (at(lo).max(lo_px), at(hi).min(hi_px));
                    line(area, vec![(a0, cy), (a1, cy)], row.colour, 5)?;
                    // An interval that runs off the axis ends in an arrow.
                    for (end, clipped, dir) in [(a0, at(lo) < lo_px, -1), (a1, at(hi) > hi_px, 1)] {
                        if clipped {
                            area.draw(&Polygon::new(
                                vec![(end + dir * 14, cy), (end, cy - 9), (end, cy + 9)],
                                row.colour.filled(),
                            ))?;
                        }
                    }
                    dot(area, at(est).clamp(lo_px, hi_px), cy, 11, row.colour)?;
                }
                let colour = if row.estimate.is_some() { INK } else { SUBTLE };
                text(
                    area,
                    &row.figure,
                    x1 + 24,
                    cy - 12,
                    LABEL_PX,
                    true,
                    colour,
                    HPos::Left,
                    VPos::Center,
                )?;
                let detail = ellipsize(&row.detail, NOTE_PX, false, (right_w - 24) as f64);
                text(
                    area,
                    &detail,
                    x1 + 24,
                    cy + 14,
                    NOTE_PX,
                    false,
                    SUBTLE,
                    HPos::Left,
                    VPos::Center,
                )?;
                *y += row_h;
            }
            Ok(())
        };

        if !hazards.is_empty() {
            let ends = hazards
                .iter()
                .flat_map(|s| &s.rows)
                .filter_map(|r| r.estimate)
                .flat_map(|(_, [lo, hi])| [lo, hi]);
            let (lo, hi) = ends.fold((1.0f64, 1.0f64), |(l, h), v| (l.min(v), h.max(v)));
            let scale = LogScale {
                d0: (lo / 1.15).clamp(HR_MIN, 0.8),
                d1: (hi * 1.15).clamp(1.25, HR_MAX),
                r0: x0 as f64,
                r1: x1 as f64,
            };
            let top = y;
            let bottom = top
                + hazards
                    .iter()
                    .map(|s| heading_h + row_h * s.rows.len() as i32)
                    .sum::<i32>();
            x_grid(
                area,
                |v| scale.at(v),
                &hr_ticks(&scale, 84),
                top + heading_h / 2,
                bottom,
                |v| grid_line(tick(v), (v - 1.0).abs() < 1e-12),
            )?;
            for s in &hazards {
                draw_section_rows(&mut y, s, &|v| scale.at(v), x0, x1)?;
            }
            axis_title(
                area,
                "Hazard ratio (log scale; 1 = no difference)",
                (x0 + x1) / 2,
                bottom + 34,
                HPos::Center,
            )?;
            y += axis_h + panel_gap;
        }

        if let Some(s) = &survey {
            let ends = s
                .rows
                .iter()
                .filter_map(|r| r.estimate)
                .flat_map(|(_, [lo, hi])| [lo, hi]);
            let (lo, hi) = ends.fold((0.0f64, 0.0f64), |(l, h), v| (l.min(v), h.max(v)));
            let step = nice_step((hi - lo).max(0.2), 6);
            let d0 = ((lo - step * 0.4) / step).floor() * step;
            let d1 = ((hi + step * 0.4) / step).ceil() * step;
            let x = Linear::new((d0, d1), (x0 as f64, x1 as f64));
            let top = y;
            let bottom = top + heading_h + row_h * s.rows.len() as i32;
            x_grid(
                area,
                |v| x.at(v),
                &steps(d0, d1, step),
                top + heading_h / 2,
                bottom,
                |v| {
                    if v.abs() < step * 1e-6 {
                        grid_line("0".into(), true)
                    } else {
                        grid_line(signed(v, 2), false)
                    }
                },
            )?;
            draw_section_rows(&mut y, s, &|v| x.at(v), x0, x1)?;
            axis_title(
                area,
                "Difference in mean satisfaction, after − before (0 = no change)",
                (x0 + x1) / 2,
                bottom + 34,
                HPos::Center,
            )?;
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}
