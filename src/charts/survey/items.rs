//! Satisfaction per item, before vs after: a dumbbell of means with their
//! 95% confidence intervals, the composite first, the change and n of each
//! row at the right.

use plotters::style::text_anchor::{HPos, VPos};

use super::t_interval;
use super::{suppressed_detail, waves};
use crate::analysis::Analysis;
use crate::charts::theme::*;
use crate::charts::{empty, ChartContext, Drawn};

struct Row {
    label: String,
    bold: bool,
    before: Option<(f64, f64, f64)>,
    after: Option<(f64, f64, f64)>,
    n_before: usize,
    n_after: usize,
}

pub(crate) fn items(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let u = &a.survey_unpaired;
    let footer = ctx.footer(a, &["survey"]);
    let (bw, aw) = waves(a);
    if a.item_means.items.is_empty() || a.waves.len() < 2 {
        return empty(
            Frame::new("Satisfaction: no before/after survey to compare", "This chart compares two survey waves, for example one before the program and one after it.", footer),
            "Not enough data",
            "Import two waves of the same survey (e.g. pre and post) to see how answers changed.",
        );
    }
    if u.suppressed {
        return empty(
            Frame::new(
                "Satisfaction: hidden to protect respondents",
                format!("Survey waves {bw} and {aw}."),
                footer,
            ),
            "Too few respondents to show",
            &suppressed_detail(a),
        );
    }

    let whole_only = a.items_whole_program_only();
    let mut rows = Vec::new();
    let composite = |mean: Option<f64>, sd: Option<f64>, n: usize| {
        mean.and_then(|m| t_interval(n, m, sd.unwrap_or(f64::NAN)))
            .or(mean.map(|m| (m, m, m)))
    };
    rows.push(Row {
        label: "All items (average per person)".into(),
        bold: true,
        before: composite(u.mean_before, u.sd_before, u.n_before),
        after: composite(u.mean_after, u.sd_after, u.n_after),
        n_before: u.n_before,
        n_after: u.n_after,
    });
    let im = &a.item_means;
    for (i, item) in im.items.iter().enumerate() {
        let side = |mean: Option<f64>, ci: Option<[f64; 2]>| {
            let m = mean?;
            Some(ci.map(|[lo, hi]| (m, lo, hi)).unwrap_or((m, m, m)))
        };
        rows.push(Row {
            label: item.clone(),
            bold: false,
            before: side(im.before[i], im.ci_before.get(i).copied().flatten()),
            after: side(im.after[i], im.ci_after.get(i).copied().flatten()),
            n_before: im.n_before[i],
            n_after: im.n_after[i],
        });
    }

    let item_rows = &rows[1..];
    let shown = item_rows
        .iter()
        .filter(|r| r.before.is_some() && r.after.is_some())
        .count();
    let higher = item_rows
        .iter()
        .filter(|r| matches!((r.before, r.after), (Some(b), Some(a)) if a.0 > b.0))
        .count();
    let (mb, ma) = (
        u.mean_before.unwrap_or(f64::NAN),
        u.mean_after.unwrap_or(f64::NAN),
    );
    let title = match u.ci95 {
        Some([lo, _]) if lo > 0.0 => format!(
            "Satisfaction rose after the program, from {} to {} out of 5",
            num(mb, 1),
            num(ma, 1)
        ),
        Some([_, hi]) if hi < 0.0 => format!(
            "Satisfaction fell after the program, from {} to {} out of 5",
            num(mb, 1),
            num(ma, 1)
        ),
        _ => format!(
            "No clear change in satisfaction: {} before, {} after, out of 5",
            num(mb, 1),
            num(ma, 1)
        ),
    };
    let mut subtitle = format!(
        "Mean answer on a 1–5 scale, {bw} (n = {}) vs {aw} (n = {}); whiskers are 95% confidence intervals. Higher after on {higher} of {shown} items",
        thousands(u.n_before as u64),
        thousands(u.n_after as u64)
    );
    if let (Some(d), Some([lo, hi])) = (u.diff, u.ci95) {
        subtitle.push_str(&format!(
            "; overall {} (95% CI {} to {}{}).",
            signed(d, 2),
            signed(lo, 2),
            signed(hi, 2),
            u.welch_p
                .map(|p| format!(", {}", p_text(p)))
                .unwrap_or_default()
        ));
    } else {
        subtitle.push('.');
    }
    let frame = Frame::new(title, subtitle, footer).with_legend(vec![
        LegendEntry::new(Swatch::Dot, BEFORE, format!("Before ({bw})")),
        LegendEntry::new(Swatch::Dot, AFTER, format!("After ({aw})")),
        LegendEntry::new(Swatch::Line(4), MUTED, "95% confidence interval"),
    ]);
    let k = a.min_group_size;
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let label_w = 520;
        // Zoom to the data (to whole half-points, at least 1.5 wide) so
        // differences of a few tenths are visible; the axis says where.
        let ends = rows.iter().flat_map(|r| [r.before, r.after]).flatten();
        let (lo, hi) = ends.fold((f64::MAX, f64::MIN), |(l, h), (_, a, b)| {
            (l.min(a), h.max(b))
        });
        let (mut d0, mut d1) = if lo <= hi {
            (
                ((lo - 0.15) * 2.0).floor() / 2.0,
                ((hi + 0.15) * 2.0).ceil() / 2.0,
            )
        } else {
            (1.0, 5.0)
        };
        while d1 - d0 < 1.5 {
            d0 -= 0.5;
            d1 += 0.5;
        }
        let (d0, d1) = (d0.max(1.0), d1.min(5.0));
        let x = Linear::new((d0, d1), ((label_w + 70) as f64, (pw - 250) as f64));
        let rows_top = 28;
        let rows_bottom = ph - 86;
        let row_h = ((rows_bottom - rows_top) / rows.len() as i32).min(124);
        let rows_bottom = rows_top + row_h * rows.len() as i32;

        // The right-hand column's heading.
        text(
            area,
            "Change",
            pw,
            4,
            LABEL_PX,
            true,
            MUTED,
            HPos::Right,
            VPos::Center,
        )?;

        // Grid: whole and half points labelled, whole points strong.
        x_grid(
            area,
            |v| x.at(v),
            &steps(d0, d1, 0.25),
            rows_top,
            rows_bottom,
            |v| {
                let half = (v * 2.0 - (v * 2.0).round()).abs() < 1e-9;
                GridLine {
                    colour: if (v - v.round()).abs() < 1e-9 {
                        GRID
                    } else {
                        PANEL
                    },
                    width: 2,
                    label: half.then(|| format!("{v}")),
                    bold: false,
                }
            },
        )?;
        axis_title(
            area,
            "Mean answer (1 = most negative, 5 = most positive)",
            x.at((d0 + d1) / 2.0),
            rows_bottom + 44,
            HPos::Center,
        )?;

        for (i, r) in rows.iter().enumerate() {
            let cy = rows_top + row_h * i as i32 + row_h / 2;
            if i == 1 {
                line(
                    area,
                    vec![(0, rows_top + row_h), (pw, rows_top + row_h)],
                    AXIS,
                    1,
                )?;
            }
            let ls = wrap_lines(&r.label, LABEL_PX, r.bold, label_w as f64, 2);
            let lh = 28;
            lines(
                area,
                &ls,
                0,
                cy - lh * ls.len() as i32 / 2,
                LABEL_PX,
                lh,
                r.bold,
                INK,
                HPos::Left,
            )?;

            let up = match (r.before, r.after) {
                (Some(b), Some(a)) => a.0 >= b.0,
                _ => true,
            };
            for (side, v, colour, dy) in [(0, r.before, BEFORE, -12), (1, r.after, AFTER, 12)] {
                let Some((m, lo, hi)) = v else { continue };
                let y = cy + dy;
                line(area, vec![(x.at(lo), y), (x.at(hi), y)], colour, 4)?;
                dot(area, x.at(m), y, 10, colour)?;
                // Before's value sits on the outer side, away from after's.
                let left = (side == 0) == up;
                let (lx, h) = if left {
                    (x.at(lo) - 14, HPos::Right)
                } else {
                    (x.at(hi) + 14, HPos::Left)
                };
                let (c, bold) = if side == 0 {
                    (MUTED, false)
                } else {
                    (AFTER, true)
                };
                text(area, &num(m, 2), lx, y, TICK_PX, bold, c, h, VPos::Center)?;
            }
            let (change, sub) = match (r.before, r.after) {
                (Some(b), Some(a)) => (
                    signed(a.0 - b.0, 2),
                    format!(
                        "n {} → {}",
                        thousands(r.n_before as u64),
                        thousands(r.n_after as u64)
                    ),
                ),
                _ if whole_only && r.n_before + r.n_after > 0 && !r.bold => {
                    ("hidden".to_string(), "whole program only".to_string())
                }
                _ => ("hidden".to_string(), format!("fewer than {k} answers")),
            };
            text(
                area,
                &change,
                pw,
                cy - 14,
                24.0,
                true,
                INK,
                HPos::Right,
                VPos::Center,
            )?;
            text(
                area,
                &sub,
                pw,
                cy + 16,
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
