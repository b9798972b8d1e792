//! The distribution of answers to each question, before and after, as
//! diverging stacked bars centred on the middle answer.

use plotters::style::text_anchor::{HPos, VPos};

use super::{suppressed_detail, waves};
use crate::analysis::Analysis;
use crate::charts::theme::*;
use crate::charts::{empty, ChartContext, Drawn};

pub(crate) fn distribution(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let u = &a.survey_unpaired;
    let footer = ctx.footer(a, &["survey"]);
    let (bw, aw) = waves(a);
    let dists = &a.item_distributions;
    if dists.is_empty() || a.waves.len() < 2 {
        return empty(
            Frame::new(
                "Survey answers: no before/after survey to compare",
                "This chart shows how answers to each question were spread, before and after.",
                footer,
            ),
            "Not enough data",
            "Import two waves of the same survey (e.g. pre and post) to see how answers changed.",
        );
    }
    if u.suppressed {
        return empty(
            Frame::new(
                "Survey answers: hidden to protect respondents",
                format!("Survey waves {bw} and {aw}."),
                footer,
            ),
            "Too few respondents to show",
            &suppressed_detail(a),
        );
    }
    // Share positive (above the middle) per side.
    let positive = |c: &[u64]| {
        let n: u64 = c.iter().sum();
        let k = c.len();
        (n > 0).then(|| c[k.div_ceil(2)..].iter().sum::<u64>() as f64 / n as f64)
    };
    let mut more = 0;
    let mut compared = 0;
    let mut pos_before = Vec::new();
    let mut pos_after = Vec::new();
    for d in dists {
        let pb = d.before.as_deref().and_then(positive);
        let pa = d.after.as_deref().and_then(positive);
        if let (Some(b), Some(a)) = (pb, pa) {
            compared += 1;
            if a > b {
                more += 1;
            }
            pos_before.push(b);
            pos_after.push(a);
        }
    }
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let title = match (mean(&pos_before), mean(&pos_after)) {
        (Some(_), Some(_)) if more * 2 > compared => {
            format!("More positive answers on {more} of {compared} questions after the program")
        }
        (Some(_), Some(_)) => {
            format!("Positive answers rose on only {more} of {compared} questions")
        }
        _ => "Survey answers before and after the program".into(),
    };
    let averages = match (mean(&pos_before), mean(&pos_after)) {
        (Some(b), Some(a)) => format!(
            " Positive answers (above the middle) averaged {} before and {} after.",
            pct(b),
            pct(a)
        ),
        _ => String::new(),
    };
    let subtitle = format!(
        "Share of answers per level, centred on the middle answer; {bw}: n = {}, {aw}: n = {} responses.{averages}",
        thousands(u.n_before as u64),
        thousands(u.n_after as u64)
    );
    // One swatch per level, from most negative to most positive.
    let points = dists.iter().map(|d| d.scale_points).max().unwrap_or(5);
    let frame = Frame::new(title, subtitle, footer).with_legend(vec![LegendEntry::new(
        Swatch::Scale(likert_colours(points)),
        MUTED,
        format!("Answer level, from 1 (most negative) to {points} (most positive)"),
    )]);
    let k = a.min_group_size;
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let label_w = 470;
        let side_w = 100;
        let x0 = label_w + 40 + side_w;
        let x1 = pw - 170;
        // The axis spans what the bars need, in quarters.
        let (mut neg_ext, mut pos_ext) = (0.25f64, 0.25f64);
        for c in dists.iter().flat_map(|d| [&d.before, &d.after]).flatten() {
            let n: u64 = c.iter().sum();
            if n == 0 {
                continue;
            }
            let kp = c.len();
            let neg = (c[..kp / 2].iter().sum::<u64>() as f64
                + if kp % 2 == 1 {
                    c[kp / 2] as f64 / 2.0
                } else {
                    0.0
                })
                / n as f64;
            neg_ext = neg_ext.max(neg);
            pos_ext = pos_ext.max(1.0 - neg);
        }
        let d0 = -(neg_ext * 4.0 - 1e-9).ceil() / 4.0;
        let d1 = (pos_ext * 4.0 - 1e-9).ceil() / 4.0;
        let x = Linear::new((d0, d1), (x0 as f64, x1 as f64));
        let top = 24;
        let bottom = ph - 70;
        let group_h = ((bottom - top) / dists.len() as i32).min(150);
        let bottom = top + group_h * dists.len() as i32;
        let bar_h = ((group_h - 24) / 2).min(44);

        // Grid at every 25%.
        x_grid(
            area,
            |v| x.at(v),
            &steps(d0, d1, 0.25),
            top - 8,
            bottom,
            |v| {
                GridLine::labelled(format!("{}%", (v.abs() * 100.0).round() as i32)).strong_if(
                    v.abs() < 1e-9,
                    AXIS,
                    2,
                )
            },
        )?;
        axis_title(
            area,
            "← more negative   ·   share of answers (%)   ·   more positive →",
            (x0 + x1) / 2,
            bottom + 38,
            HPos::Center,
        )?;

        for (gi, d) in dists.iter().enumerate() {
            let gy = top + group_h * gi as i32;
            let ls = wrap_lines(&d.item, LABEL_PX, false, label_w as f64, 3);
            let lh = 28;
            let mid = gy + group_h / 2 - 4;
            lines(
                area,
                &ls,
                0,
                mid - lh * ls.len() as i32 / 2,
                LABEL_PX,
                lh,
                false,
                INK,
                HPos::Left,
            )?;
            let colours = likert_colours(d.scale_points);
            for (si, (counts, wave)) in [(&d.before, &bw), (&d.after, &aw)].into_iter().enumerate()
            {
                let y0 = mid - bar_h - 3 + si as i32 * (bar_h + 6);
                let y1 = y0 + bar_h;
                let yc = (y0 + y1) / 2;
                let wave_label = ellipsize(wave, TICK_PX, si == 1, (side_w - 10) as f64);
                text(
                    area,
                    &wave_label,
                    x0 - 16,
                    yc,
                    TICK_PX,
                    si == 1,
                    if si == 0 { MUTED } else { INK },
                    HPos::Right,
                    VPos::Center,
                )?;
                let Some(c) = counts else {
                    text(
                        area,
                        &format!("Hidden: fewer than {k} answers"),
                        x.at(0.0),
                        yc,
                        TICK_PX,
                        false,
                        SUBTLE,
                        HPos::Center,
                        VPos::Center,
                    )?;
                    continue;
                };
                let n: u64 = c.iter().sum();
                if n == 0 {
                    text(
                        area,
                        "No answers",
                        x.at(0.0),
                        yc,
                        TICK_PX,
                        false,
                        SUBTLE,
                        HPos::Center,
                        VPos::Center,
                    )?;
                    continue;
                }
                let share: Vec<f64> = c.iter().map(|v| *v as f64 / n as f64).collect();
                let kp = share.len();
                let neg: f64 = share[..kp / 2].iter().sum::<f64>()
                    + if kp % 2 == 1 {
                        share[kp / 2] / 2.0
                    } else {
                        0.0
                    };
                let mut at = -neg;
                for (l, s) in share.iter().enumerate() {
                    let (a0, a1) = (x.at(at), x.at(at + s));
                    if a1 > a0 {
                        rect(area, a0, y0, a1, y1, colours[l])?;
                        // A hairline keeps equal neighbours apart.
                        line(area, vec![(a1, y0), (a1, y1)], BACKGROUND, 1)?;
                    }
                    if *s >= 0.06 {
                        let fg = if l == 0 || l + 1 == kp {
                            BACKGROUND
                        } else {
                            INK
                        };
                        text(
                            area,
                            &format!("{:.0}", s * 100.0),
                            (a0 + a1) / 2,
                            yc,
                            NOTE_PX,
                            false,
                            fg,
                            HPos::Center,
                            VPos::Center,
                        )?;
                    }
                    at += s;
                }
                let pos = share[kp.div_ceil(2)..].iter().sum::<f64>();
                let ends = x.at(at);
                text(
                    area,
                    &format!("{:.0}% positive", pos * 100.0),
                    ends.max(x.at(0.0)) + 12,
                    yc,
                    TICK_PX,
                    si == 1,
                    if si == 1 { BLUE } else { MUTED },
                    HPos::Left,
                    VPos::Center,
                )?;
            }
            if gi + 1 < dists.len() {
                line(
                    area,
                    vec![(0, gy + group_h), (pw, gy + group_h)],
                    hex(0xF1F2F4),
                    1,
                )?;
            }
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}
