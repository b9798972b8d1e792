//! M1 charts: satisfaction per item before/after with confidence intervals
//! (a dumbbell), the distribution of answers as diverging stacked bars, and
//! eNPS before/after. Suppressed waves and items are never drawn.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::theme::*;
use super::{empty, ChartContext, Drawn};
use crate::analysis::Analysis;

/// Mean and 95% CI (t interval) from n, mean, SD.
fn t_interval(n: usize, mean: f64, sd: f64) -> Option<(f64, f64, f64)> {
    if n < 2 || !sd.is_finite() {
        return None;
    }
    let t = crate::stats::t_crit95((n - 1) as f64)?;
    let half = t * sd / (n as f64).sqrt();
    Some((mean, mean - half, mean + half))
}

fn waves(a: &Analysis) -> (String, String) {
    let u = &a.survey_unpaired;
    (
        u.before_wave.clone().unwrap_or_else(|| "before".into()),
        u.after_wave.clone().unwrap_or_else(|| "after".into()),
    )
}

fn suppressed_detail(a: &Analysis) -> String {
    let u = &a.survey_unpaired;
    let (bw, aw) = waves(a);
    format!(
        "Fewer than {k} people answered in at least one wave ({bw}: {nb}, {aw}: {na}). Survey results over fewer than {k} respondents are never shown, because a small group can identify who said what.",
        k = a.min_group_size,
        nb = u.n_before,
        na = u.n_after
    )
}

struct Row {
    label: String,
    bold: bool,
    before: Option<(f64, f64, f64)>,
    after: Option<(f64, f64, f64)>,
    n_before: usize,
    n_after: usize,
}

pub(super) fn items(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let u = &a.survey_unpaired;
    let footer = ctx.footer(a, &["survey"]);
    let (bw, aw) = waves(a);
    if a.item_means.items.is_empty() || a.waves.len() < 2 {
        return empty(
            Frame {
                title: "Satisfaction: no before/after survey to compare".into(),
                subtitle: "This chart compares two survey waves, for example one before the program and one after it.".into(),
                footer,
            },
            "Not enough data",
            "Import two waves of the same survey (e.g. pre and post) to see how answers changed.",
        );
    }
    if u.suppressed {
        return empty(
            Frame {
                title: "Satisfaction: hidden to protect respondents".into(),
                subtitle: format!("Survey waves {bw} and {aw}."),
                footer,
            },
            "Too few respondents to show",
            &suppressed_detail(a),
        );
    }

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
    let frame = Frame {
        title,
        subtitle,
        footer,
    };
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
        let rows_top = 56;
        let rows_bottom = ph - 86;
        let row_h = ((rows_bottom - rows_top) / rows.len() as i32).min(124);
        let rows_bottom = rows_top + row_h * rows.len() as i32;

        // Legend and the right-hand column's heading.
        let mut lx = label_w + 60;
        lx = legend_item(area, lx, 16, BEFORE, &format!("Before ({bw})"), true)?;
        lx = legend_item(area, lx, 16, AFTER, &format!("After ({aw})"), true)?;
        line(area, vec![(lx, 16), (lx + 40, 16)], MUTED, 4)?;
        text(
            area,
            "95% confidence interval",
            lx + 52,
            16,
            LABEL_PX,
            false,
            INK,
            HPos::Left,
            VPos::Center,
        )?;
        text(
            area,
            "Change",
            pw,
            16,
            LABEL_PX,
            true,
            MUTED,
            HPos::Right,
            VPos::Center,
        )?;

        // Grid: integers strong, halves faint.
        let steps = ((d1 - d0) / 0.25).round() as i32;
        for i in 0..=steps {
            let v = d0 + i as f64 * 0.25;
            let whole = (v - v.round()).abs() < 1e-9;
            let half = (v * 2.0 - (v * 2.0).round()).abs() < 1e-9;
            let c = if whole { GRID } else { hex(0xF3F4F6) };
            line(
                area,
                vec![(x.at(v), rows_top), (x.at(v), rows_bottom)],
                c,
                2,
            )?;
            if half {
                text(
                    area,
                    &format!("{v}"),
                    x.at(v),
                    rows_bottom + 12,
                    TICK_PX,
                    false,
                    MUTED,
                    HPos::Center,
                    VPos::Top,
                )?;
            }
        }
        text(
            area,
            "Mean answer (1 = most negative, 5 = most positive)",
            x.at((d0 + d1) / 2.0),
            rows_bottom + 44,
            LABEL_PX,
            false,
            MUTED,
            HPos::Center,
            VPos::Top,
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

/// One item's distribution as the chart draws it: published counts (a
/// hidden level as 0) and how many answers are hidden per side.
struct Dist {
    item: String,
    scale_points: usize,
    before: Option<Vec<u64>>,
    after: Option<Vec<u64>>,
    /// Hidden answers per side: (below or at the middle, above it, on
    /// either side when the positive share is hidden too).
    hidden: [(u64, u64, u64); 2],
    positive: [Option<f64>; 2],
}

impl Dist {
    fn of(d: &crate::analysis::ItemDistribution, m: &crate::analysis::ItemMeans) -> Dist {
        let i = m.items.iter().position(|x| *x == d.item);
        let n = [
            i.map(|i| m.n_before[i]).unwrap_or(0) as u64,
            i.map(|i| m.n_after[i]).unwrap_or(0) as u64,
        ];
        let side = |c: &Option<Vec<Option<u64>>>| {
            c.as_ref()
                .map(|v| v.iter().map(|x| x.unwrap_or(0)).collect::<Vec<u64>>())
        };
        let (before, after) = (side(&d.before), side(&d.after));
        // The hidden answers above the middle follow from the positive
        // share when it is shown (disclosure control lets it be shown only
        // then), so hidden levels are drawn on their own side.
        let split = |c: &Option<Vec<u64>>, n: u64, positive: Option<f64>| -> (u64, u64, u64) {
            let Some(c) = c else { return (0, 0, 0) };
            let hidden = n.saturating_sub(c.iter().sum());
            match positive {
                Some(p) => {
                    let upper: u64 = c[c.len().div_ceil(2)..].iter().sum();
                    let up = ((p * n as f64).round() as u64)
                        .saturating_sub(upper)
                        .min(hidden);
                    (hidden - up, up, 0)
                }
                None => (0, 0, hidden),
            }
        };
        let hidden = [
            split(&before, n[0], d.positive_before),
            split(&after, n[1], d.positive_after),
        ];
        Dist {
            item: d.item.clone(),
            scale_points: d.scale_points,
            before,
            after,
            hidden,
            positive: [d.positive_before, d.positive_after],
        }
    }
}

/// The outline of an answer level hidden to protect respondents.
const HIDDEN_EDGE: plotters::style::RGBColor = plotters::style::RGBColor(0x8A, 0x91, 0x9C);

pub(super) fn distribution(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let u = &a.survey_unpaired;
    let footer = ctx.footer(a, &["survey"]);
    let (bw, aw) = waves(a);
    // Levels hidden by disclosure control are drawn together, in grey,
    // after the published ones (their total is at least k by the rules).
    let dists: Vec<Dist> = a
        .item_distributions
        .iter()
        .map(|d| Dist::of(d, &a.item_means))
        .collect();
    let dists = &dists;
    if dists.is_empty() || a.waves.len() < 2 {
        return empty(
            Frame {
                title: "Survey answers: no before/after survey to compare".into(),
                subtitle:
                    "This chart shows how answers to each question were spread, before and after."
                        .into(),
                footer,
            },
            "Not enough data",
            "Import two waves of the same survey (e.g. pre and post) to see how answers changed.",
        );
    }
    if u.suppressed {
        return empty(
            Frame {
                title: "Survey answers: hidden to protect respondents".into(),
                subtitle: format!("Survey waves {bw} and {aw}."),
                footer,
            },
            "Too few respondents to show",
            &suppressed_detail(a),
        );
    }
    // Share positive (above the middle) per side.
    let mut more = 0;
    let mut compared = 0;
    let mut pos_before = Vec::new();
    let mut pos_after = Vec::new();
    for d in dists {
        let (pb, pa) = (d.positive[0], d.positive[1]);
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
    let frame = Frame {
        title,
        subtitle: format!(
            "Share of answers per level, centred on the middle answer; {bw}: n = {}, {aw}: n = {} responses.{averages}",
            thousands(u.n_before as u64),
            thousands(u.n_after as u64)
        ),
        footer,
    };
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
        for (c, (low, up, any)) in dists
            .iter()
            .flat_map(|d| [(&d.before, d.hidden[0]), (&d.after, d.hidden[1])])
            .filter_map(|(c, h)| c.as_ref().map(|c| (c, h)))
        {
            let n: u64 = c.iter().sum::<u64>() + low + up + any;
            if n == 0 {
                continue;
            }
            let kp = c.len();
            let neg = (c[..kp / 2].iter().sum::<u64>() as f64
                + low as f64
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
        let top = 64;
        let bottom = ph - 70;
        let group_h = ((bottom - top) / dists.len() as i32).min(150);
        let bottom = top + group_h * dists.len() as i32;
        let bar_h = ((group_h - 24) / 2).min(44);

        // Legend: one swatch per level, from most negative to most positive.
        let points = dists.iter().map(|d| d.scale_points).max().unwrap_or(5);
        let colours = likert_colours(points);
        let mut lx = x0;
        text(
            area,
            "Most negative",
            lx,
            18,
            LABEL_PX,
            false,
            MUTED,
            HPos::Left,
            VPos::Center,
        )?;
        lx += text_width("Most negative", LABEL_PX, false) as i32 + 16;
        for (i, c) in colours.iter().enumerate() {
            rect(area, lx, 4, lx + 44, 32, *c)?;
            let fg = if i == 0 || i + 1 == colours.len() {
                BACKGROUND
            } else {
                INK
            };
            text(
                area,
                &format!("{}", i + 1),
                lx + 22,
                18,
                TICK_PX,
                true,
                fg,
                HPos::Center,
                VPos::Center,
            )?;
            lx += 48;
        }
        text(
            area,
            "Most positive",
            lx + 12,
            18,
            LABEL_PX,
            false,
            MUTED,
            HPos::Left,
            VPos::Center,
        )?;
        let hx = lx + 12 + text_width("Most positive", LABEL_PX, false) as i32 + 40;
        rect(area, hx, 4, hx + 44, 32, BACKGROUND)?;
        line(
            area,
            vec![(hx, 4), (hx + 44, 4), (hx + 44, 32), (hx, 32), (hx, 4)],
            HIDDEN_EDGE,
            1,
        )?;
        text(
            area,
            &format!("Hidden: levels with fewer than {k} answers"),
            hx + 56,
            18,
            LABEL_PX,
            false,
            MUTED,
            HPos::Left,
            VPos::Center,
        )?;

        // Grid at every 25%.
        for i in (d0 * 4.0).round() as i32..=(d1 * 4.0).round() as i32 {
            let v = i as f64 * 0.25;
            let c = if i == 0 { AXIS } else { GRID };
            line(
                area,
                vec![(x.at(v), top - 8), (x.at(v), bottom)],
                c,
                if i == 0 { 2 } else { 1 },
            )?;
            text(
                area,
                &format!("{}%", (v.abs() * 100.0) as i32),
                x.at(v),
                bottom + 10,
                TICK_PX,
                false,
                MUTED,
                HPos::Center,
                VPos::Top,
            )?;
        }
        text(
            area,
            "← more negative   ·   share of answers (%)   ·   more positive →",
            (x0 + x1) / 2,
            bottom + 38,
            LABEL_PX,
            false,
            MUTED,
            HPos::Center,
            VPos::Top,
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
                let (low, up, any) = d.hidden[si];
                let n: u64 = c.iter().sum::<u64>() + low + up + any;
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
                    + low as f64 / n as f64
                    + if kp % 2 == 1 {
                        share[kp / 2] / 2.0
                    } else {
                        0.0
                    };
                let mut at = -neg;
                // Levels hidden to protect respondents: one outlined block
                // per side, at its outer end.
                let hidden_block = |at: &mut f64, count: u64| -> DrawResult {
                    if count == 0 {
                        return Ok(());
                    }
                    let s = count as f64 / n as f64;
                    let (a0, a1) = (x.at(*at), x.at(*at + s));
                    if a1 > a0 {
                        rect(area, a0, y0, a1, y1, BACKGROUND)?;
                        line(
                            area,
                            vec![(a0, y0), (a1, y0), (a1, y1), (a0, y1), (a0, y0)],
                            HIDDEN_EDGE,
                            1,
                        )?;
                    }
                    *at += s;
                    Ok(())
                };
                hidden_block(&mut at, low)?;
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
                hidden_block(&mut at, up)?;
                hidden_block(&mut at, any)?;
                let ends = x.at(at);
                let label = match d.positive[si] {
                    Some(pos) => format!("{:.0}% positive", pos * 100.0),
                    None => "positive share hidden".into(),
                };
                text(
                    area,
                    &label,
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

pub(super) fn enps(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let e = &a.enps;
    let footer = ctx.footer(a, &["survey"]);
    let (bw, aw) = waves(a);
    let question = e
        .item
        .clone()
        .unwrap_or_else(|| "How likely are you to recommend …".into());
    if e.item.is_none() || a.waves.len() < 2 {
        return empty(
            Frame {
                title: "eNPS: no recommendation question to compare".into(),
                subtitle: "eNPS needs a 0–10 “how likely are you to recommend” question asked in two survey waves.".into(),
                footer,
            },
            "Not enough data",
            "Add a 0–10 recommendation question to the survey, asked before and after the program.",
        );
    }
    let k = a.min_group_size;
    if e.before.is_none() && e.after.is_none() {
        return empty(
            Frame {
                title: "eNPS: hidden to protect respondents".into(),
                subtitle: format!("Question: “{question}”"),
                footer,
            },
            "Too few respondents to show",
            &format!(
                "Fewer than {k} people answered in each wave ({bw}: {}, {aw}: {}). Survey results over fewer than {k} respondents are never shown, because a small group can identify who said what.",
                e.n_before, e.n_after
            ),
        );
    }
    let title = match (e.before, e.after) {
        (Some(b), Some(a)) if a > b + 0.5 => format!(
            "eNPS rose by {} points, from {} to {}",
            num(a - b, 0),
            num(b, 0),
            num(a, 0)
        ),
        (Some(b), Some(a)) if a < b - 0.5 => format!(
            "eNPS fell by {} points, from {} to {}",
            num(b - a, 0),
            num(b, 0),
            num(a, 0)
        ),
        (Some(b), Some(a)) => format!(
            "eNPS held steady: {} before, {} after",
            num(b, 0),
            num(a, 0)
        ),
        _ => "eNPS: at least one wave is hidden to protect respondents".into(),
    };
    let frame = Frame {
        title,
        subtitle: format!(
            "Employee Net Promoter Score, −100 to +100: % promoters (9–10) minus % detractors (0–6). Question: “{question}”"
        ),
        footer,
    };
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let vals: Vec<f64> = [e.before, e.after].iter().flatten().copied().collect();
        let lo = vals.iter().copied().fold(0.0f64, f64::min);
        let hi = vals.iter().copied().fold(0.0f64, f64::max);
        let step = nice_step((hi - lo).max(20.0), 5);
        let d0 = ((lo - step * 0.6) / step).floor() * step;
        let d1 = ((hi + step * 0.6) / step).ceil() * step;
        let (d0, d1) = (d0.max(-100.0), d1.min(100.0));
        let top = 30;
        let bottom = ph - 110;
        let y = Linear::new((d0, d1), (bottom as f64, top as f64));
        let axis_x = 110;
        let mut v = d0;
        while v <= d1 + 1e-9 {
            let c = if v.abs() < 1e-9 { AXIS } else { GRID };
            line(
                area,
                vec![(axis_x, y.at(v)), (pw, y.at(v))],
                c,
                if v.abs() < 1e-9 { 3 } else { 1 },
            )?;
            text(
                area,
                &signed(v, 0),
                axis_x - 14,
                y.at(v),
                TICK_PX,
                false,
                MUTED,
                HPos::Right,
                VPos::Center,
            )?;
            v += step;
        }
        text(
            area,
            "eNPS (points)",
            0,
            top - 16,
            LABEL_PX,
            false,
            MUTED,
            HPos::Left,
            VPos::Bottom,
        )?;
        let slot = (pw - axis_x) / 2;
        let bar_w = (slot / 3).min(300);
        for (i, (val, n, wave, colour)) in [
            (e.before, e.n_before, &bw, BEFORE),
            (e.after, e.n_after, &aw, AFTER),
        ]
        .into_iter()
        .enumerate()
        {
            let cx = axis_x + slot * i as i32 + slot / 2;
            let label = if i == 0 { "Before" } else { "After" };
            text(
                area,
                &format!("{label} ({wave})"),
                cx,
                bottom + 24,
                LABEL_PX,
                true,
                INK,
                HPos::Center,
                VPos::Top,
            )?;
            text(
                area,
                &format!("n = {} answers", thousands(n as u64)),
                cx,
                bottom + 56,
                TICK_PX,
                false,
                MUTED,
                HPos::Center,
                VPos::Top,
            )?;
            match val {
                Some(v) => {
                    rect(
                        area,
                        cx - bar_w / 2,
                        y.at(0.0),
                        cx + bar_w / 2,
                        y.at(v),
                        colour,
                    )?;
                    let (ly, vp) = if v >= 0.0 {
                        (y.at(v) - 10, VPos::Bottom)
                    } else {
                        (y.at(v) + 10, VPos::Top)
                    };
                    text(
                        area,
                        &signed(v, 0),
                        cx,
                        ly,
                        40.0,
                        true,
                        if i == 1 { AFTER } else { MUTED },
                        HPos::Center,
                        vp,
                    )?;
                }
                None => {
                    text(
                        area,
                        &format!("Hidden: fewer than {k} answers"),
                        cx,
                        y.at(0.0) - 30,
                        LABEL_PX,
                        false,
                        SUBTLE,
                        HPos::Center,
                        VPos::Center,
                    )?;
                }
            }
        }
        if let (Some(b), Some(a)) = (e.before, e.after) {
            // Faint guides from each bar's end meet in the middle, where the
            // change is written.
            let mid = axis_x + slot;
            let (yb, ya) = (y.at(b), y.at(a));
            dashed(
                area,
                (axis_x + slot / 2 + bar_w / 2 + 8, yb),
                (mid - 40, yb),
                AXIS,
                2,
                6,
            )?;
            dashed(
                area,
                (mid + 40, ya),
                (axis_x + slot + slot / 2 - bar_w / 2 - 8, ya),
                AXIS,
                2,
                6,
            )?;
            line(area, vec![(mid, yb), (mid, ya)], INK, 3)?;
            let dir = if a >= b { -1 } else { 1 };
            area.draw(&plotters::element::Polygon::new(
                vec![
                    (mid - 12, ya - dir * 16),
                    (mid + 12, ya - dir * 16),
                    (mid, ya),
                ],
                INK.filled(),
            ))?;
            let label = format!("{} points", signed(a - b, 0));
            text(
                area,
                &label,
                mid + 20,
                (yb + ya) / 2,
                30.0,
                true,
                INK,
                HPos::Left,
                VPos::Center,
            )?;
        }
        Ok(())
    })?;
    Ok((frame, svg, e.before.is_some() || e.after.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_interval_is_symmetric_with_the_t_quantile() {
        let (mean, lo, hi) = t_interval(4, 2.0, (2.0f64 / 3.0).sqrt()).unwrap();
        // t(0.975, 3) = 3.182446305
        assert!((hi - mean - 3.182446305 * (2.0f64 / 3.0).sqrt() / 2.0).abs() < 1e-6);
        assert!((mean - lo - (hi - mean)).abs() < 1e-12);
        assert_eq!(t_interval(1, 2.0, 0.5), None);
    }
}
