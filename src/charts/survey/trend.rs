//! M7: satisfaction across every survey wave in time order — the mean
//! composite with its 95% confidence interval (top) and eNPS (below), one
//! column per wave with its name, median submission date and n. A wave
//! under the minimum group size keeps its column but shows no figure.

use plotters::style::text_anchor::{HPos, VPos};

use crate::analysis::{Analysis, WaveSummary};
use crate::charts::theme::*;
use crate::charts::{date_long, empty, ChartContext, Drawn};

use super::enps_axis;

/// The eNPS line's colour: distinct from the composite's blue for every
/// colour-vision type.
const ENPS: plotters::style::RGBColor = GREEN;

/// Narrower than this between two waves' columns, the waves are spaced
/// evenly rather than by date, so their labels never collide.
const MIN_GAP: f64 = 190.0;

/// Each wave's x position: by median date when every wave has one and the
/// columns stay readable, else evenly spaced in time order.
fn columns(waves: &[WaveSummary], x0: f64, x1: f64) -> Vec<i32> {
    let n = waves.len();
    let even = |i: usize| {
        if n == 1 {
            ((x0 + x1) / 2.0).round() as i32
        } else {
            (x0 + (x1 - x0) * i as f64 / (n - 1) as f64).round() as i32
        }
    };
    let days: Option<Vec<f64>> = waves
        .iter()
        .map(|w| {
            w.median_date
                .map(|d| crate::analysis::frames::day_number(d) as f64)
        })
        .collect();
    if let Some(days) = days.filter(|d| d.len() > 1) {
        let (first, last) = (days[0], days[days.len() - 1]);
        if last > first {
            let at = Linear::new((first, last), (x0, x1));
            let xs: Vec<i32> = days.iter().map(|d| at.at(*d)).collect();
            if xs.windows(2).all(|w| f64::from(w[1] - w[0]) >= MIN_GAP) {
                return xs;
            }
        }
    }
    (0..n).map(even).collect()
}

/// The y range of the composite panel: the intervals, to whole
/// half-points, at least one point wide, inside 1–5.
fn composite_domain(shown: &[(usize, f64, [f64; 2])]) -> (f64, f64) {
    let lo = shown.iter().map(|s| s.2[0]).fold(f64::MAX, f64::min);
    let hi = shown.iter().map(|s| s.2[1]).fold(f64::MIN, f64::max);
    let (mut d0, mut d1) = (
        ((lo - 0.1) * 2.0).floor() / 2.0,
        ((hi + 0.2) * 2.0).ceil() / 2.0,
    );
    while d1 - d0 < 1.0 {
        d0 -= 0.5;
        d1 += 0.5;
    }
    (d0.max(1.0), d1.min(5.0))
}

pub(crate) fn trend(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let footer = ctx.footer(a, &["survey"]);
    let k = a.min_group_size;
    let waves = &a.waves;
    if waves.is_empty() {
        return empty(
            Frame::new(
                "Satisfaction over time: no survey imported",
                "This chart follows the average answer across every survey wave, in time order.",
                footer,
            ),
            "Not enough data",
            "Import the survey exports of each wave (e.g. pre, 3-month, 6-month, exit) to see satisfaction over time.",
        );
    }
    // (wave index, mean, CI) of every wave that may be shown.
    let shown: Vec<(usize, f64, [f64; 2])> = waves
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.suppressed)
        .filter_map(|(i, w)| w.mean.map(|m| (i, m, w.ci95.unwrap_or([m, m]))))
        .collect();
    if shown.is_empty() {
        return empty(
            Frame::new(
                "Satisfaction over time: hidden to protect respondents",
                format!("{} survey waves.", waves.len()),
                footer,
            ),
            "Too few respondents to show",
            &format!(
                "Every wave has fewer than {k} respondents. Survey results over fewer than {k} respondents are never shown, because a small group can identify who said what."
            ),
        );
    }
    let name = |i: usize| waves[i].wave.as_str();
    let (fi, fm, fci) = shown[0];
    let (li, lm, lci) = shown[shown.len() - 1];
    let title = if shown.len() == 1 {
        format!(
            "Satisfaction: one survey wave to show so far, {} out of 5 ({})",
            num(fm, 1),
            name(fi)
        )
    } else if lci[0] > fci[1] {
        format!(
            "Satisfaction rose over {} survey waves, from {} ({}) to {} ({}) out of 5",
            waves.len(),
            num(fm, 1),
            name(fi),
            num(lm, 1),
            name(li)
        )
    } else if lci[1] < fci[0] {
        format!(
            "Satisfaction fell over {} survey waves, from {} ({}) to {} ({}) out of 5",
            waves.len(),
            num(fm, 1),
            name(fi),
            num(lm, 1),
            name(li)
        )
    } else {
        format!(
            "Satisfaction over {} survey waves: {} ({}) to {} ({}) out of 5",
            waves.len(),
            num(fm, 1),
            name(fi),
            num(lm, 1),
            name(li)
        )
    };
    let hidden = waves.iter().filter(|w| w.suppressed).count();
    let hidden_note = match hidden {
        0 => String::new(),
        1 => format!(" One wave has fewer than {k} respondents and is not shown."),
        h => format!(" {h} waves have fewer than {k} respondents and are not shown."),
    };
    let has_enps = waves.iter().any(|w| w.enps.is_some());
    let mut legend = vec![LegendEntry::new(
        Swatch::Interval,
        AFTER,
        "Mean satisfaction (1–5) with its 95% confidence interval",
    )];
    if has_enps {
        legend.push(LegendEntry::new(Swatch::Dot, ENPS, "eNPS (−100 to +100)"));
    }
    let frame = Frame::new(
        title,
        format!(
            "Every survey wave in time order (by median answer date): the average of each person's answers, and eNPS where the wave asked the recommendation question.{hidden_note}"
        ),
        footer,
    )
    .with_legend(legend);
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let left = 120;
        let labels_h = 108;
        let xs = columns(waves, (left + 120) as f64, (pw - 120) as f64);
        let slot = if waves.len() > 1 {
            (xs[1..]
                .iter()
                .zip(&xs)
                .map(|(b, a)| b - a)
                .min()
                .unwrap_or(pw))
            .min(360)
        } else {
            360
        };
        let bottom = ph - labels_h;
        let (top_h, gap) = if has_enps {
            (((bottom - 20) as f64 * 0.55) as i32, 76)
        } else {
            (bottom - 20, 0)
        };
        let c_top = 44;
        let c_bottom = c_top + top_h - 28;

        // Composite panel.
        let (d0, d1) = composite_domain(&shown);
        let y = Linear::new((d0, d1), (c_bottom as f64, c_top as f64));
        let step = if d1 - d0 > 2.0 { 0.5 } else { 0.25 };
        y_grid(
            area,
            |v| y.at(v),
            &steps(d0, d1, step),
            left,
            pw,
            |v| {
                // Whole and half points labelled and strong, quarters faint.
                if (v * 2.0 - (v * 2.0).round()).abs() < 1e-9 {
                    GridLine::labelled(format!("{v}")).strong(GRID, 2)
                } else {
                    GridLine {
                        colour: PANEL,
                        width: 1,
                        label: None,
                        bold: false,
                    }
                }
            },
        )?;
        axis_title(
            area,
            "Mean satisfaction (1 = most negative, 5 = most positive)",
            0,
            c_top - 12,
            HPos::Left,
        )?;
        // The line through the means joins neighbouring waves only.
        for pair in shown.windows(2) {
            let ((i, m, _), (j, n, _)) = (pair[0], pair[1]);
            if j == i + 1 {
                line(area, vec![(xs[i], y.at(m)), (xs[j], y.at(n))], SKY_BLUE, 3)?;
            }
        }
        for (i, w) in waves.iter().enumerate() {
            match shown.iter().find(|s| s.0 == i) {
                Some(&(_, m, [lo, hi])) => {
                    line(area, vec![(xs[i], y.at(lo)), (xs[i], y.at(hi))], AFTER, 4)?;
                    for end in [lo, hi] {
                        line(
                            area,
                            vec![(xs[i] - 10, y.at(end)), (xs[i] + 10, y.at(end))],
                            AFTER,
                            3,
                        )?;
                    }
                    dot(area, xs[i], y.at(m), 11, AFTER)?;
                    text(
                        area,
                        &num(m, 2),
                        xs[i],
                        y.at(hi) - 10,
                        LABEL_PX,
                        true,
                        AFTER,
                        HPos::Center,
                        VPos::Bottom,
                    )?;
                    text(
                        area,
                        &format!("95% CI {}–{}", num(lo, 2), num(hi, 2)),
                        xs[i],
                        y.at(lo) + 10,
                        NOTE_PX,
                        false,
                        SUBTLE,
                        HPos::Center,
                        VPos::Top,
                    )?;
                }
                None => {
                    let why = if w.suppressed {
                        format!("Hidden: fewer than {k}")
                    } else {
                        "No answers".to_string()
                    };
                    text(
                        area,
                        &why,
                        xs[i],
                        (c_top + c_bottom) / 2,
                        NOTE_PX,
                        false,
                        SUBTLE,
                        HPos::Center,
                        VPos::Center,
                    )?;
                }
            }
        }

        // eNPS panel.
        if has_enps {
            let e_top = c_bottom + gap;
            let e_bottom = bottom - 16;
            let vals: Vec<f64> = waves.iter().filter_map(|w| w.enps).collect();
            let lo = vals.iter().copied().fold(0.0f64, f64::min);
            let hi = vals.iter().copied().fold(0.0f64, f64::max);
            let step = nice_step((hi - lo).max(20.0), 3);
            let e0 = ((lo - step * 0.3) / step).floor() * step;
            let e1 = ((hi + step * 0.3) / step).ceil() * step;
            let (e0, e1) = (e0.max(-100.0), e1.min(100.0));
            let ey = Linear::new((e0, e1), (e_bottom as f64, e_top as f64));
            enps_axis(
                area,
                |v| ey.at(v),
                (e0, e1, step),
                (left, pw),
                e_top - 12,
                2,
            )?;
            let points: Vec<(usize, f64)> = waves
                .iter()
                .enumerate()
                .filter_map(|(i, w)| w.enps.map(|e| (i, e)))
                .collect();
            for pair in points.windows(2) {
                let ((i, a), (j, b)) = (pair[0], pair[1]);
                if j == i + 1 {
                    line(area, vec![(xs[i], ey.at(a)), (xs[j], ey.at(b))], ENPS, 3)?;
                }
            }
            for (i, e) in &points {
                dot(area, xs[*i], ey.at(*e), 9, ENPS)?;
                text(
                    area,
                    &signed(*e, 0),
                    xs[*i],
                    ey.at(*e) - 14,
                    LABEL_PX,
                    true,
                    ENPS,
                    HPos::Center,
                    VPos::Bottom,
                )?;
            }
        }

        // One label block per wave: name, median date, n.
        line(area, vec![(left, bottom), (pw, bottom)], AXIS, 2)?;
        for (i, w) in waves.iter().enumerate() {
            let width = (slot - 16).max(80) as f64;
            text(
                area,
                &ellipsize(&w.wave, LABEL_PX, true, width),
                xs[i],
                bottom + 14,
                LABEL_PX,
                true,
                INK,
                HPos::Center,
                VPos::Top,
            )?;
            text(
                area,
                &w.median_date
                    .map(date_long)
                    .unwrap_or_else(|| "no dates".into()),
                xs[i],
                bottom + 44,
                TICK_PX,
                false,
                MUTED,
                HPos::Center,
                VPos::Top,
            )?;
            text(
                area,
                &format!("n = {}", thousands(w.n as u64)),
                xs[i],
                bottom + 72,
                TICK_PX,
                false,
                SUBTLE,
                HPos::Center,
                VPos::Top,
            )?;
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}
