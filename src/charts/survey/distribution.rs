//! The distribution of answers to each question, before and after, as
//! diverging stacked bars centred on the middle answer.

use plotters::style::text_anchor::{HPos, VPos};

use super::{suppressed_detail, waves};
use plotters::style::RGBColor;

use crate::analysis::{Analysis, ItemDistribution, ItemMeans};
use crate::charts::theme::*;
use crate::charts::{empty, ChartContext, Drawn};

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
    fn of(d: &ItemDistribution, m: &ItemMeans) -> Dist {
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

    fn any_hidden(&self) -> bool {
        self.hidden.iter().any(|(low, up, any)| low + up + any > 0)
    }
}

/// The outline of an answer level hidden to protect respondents.
const HIDDEN_EDGE: RGBColor = RGBColor(0x8A, 0x91, 0x9C);

pub(crate) fn distribution(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let u = &a.survey_unpaired;
    let footer = ctx.footer(a, &["survey"]);
    let (bw, aw) = waves(a);
    // Levels hidden by disclosure control are drawn together, outlined,
    // at the outer end of their side (their total is at least k by the
    // rules, so the block shows nothing a published figure does not).
    let dists: Vec<Dist> = a
        .item_distributions
        .iter()
        .map(|d| Dist::of(d, &a.item_means))
        .collect();
    let dists = &dists;
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
    if a.items_whole_program_only() {
        return empty(
            Frame::new(
                "Survey answers: shown for the whole program only",
                format!("Survey waves {bw} and {aw}."),
                footer,
            ),
            "Shown for the whole program only",
            "Under a team, level or cohort filter, the answers to each question could be subtracted to reveal a few people's. Clear the filters to see them.",
        );
    }
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
    let subtitle = format!(
        "Share of answers per level, centred on the middle answer; {bw}: n = {}, {aw}: n = {} responses.{averages}",
        thousands(u.n_before as u64),
        thousands(u.n_after as u64)
    );
    // One swatch per level, from most negative to most positive. When a
    // numeric item declared on another scale (0–10: 11 levels) sits beside
    // 5-level items, each scale has its own colours, so each gets its own
    // row; the levels of a mixed chart are not numbered in words, since the
    // first level of a 0–10 item is the answer 0.
    let mut scales: Vec<usize> = dists.iter().map(|d| d.scale_points).collect();
    scales.sort_unstable();
    scales.dedup();
    let k = a.min_group_size;
    let mut legend: Vec<LegendEntry> = match scales[..] {
        [] => vec![],
        [points] => vec![LegendEntry::new(
            Swatch::Scale(likert_colours(points)),
            MUTED,
            format!("Answer level, from 1 (most negative) to {points} (most positive)"),
        )],
        _ => scales
            .iter()
            .map(|&points| {
                LegendEntry::new(
                    Swatch::Scale(likert_colours(points)),
                    MUTED,
                    format!("Answer level of the questions on {points} levels, from most negative to most positive"),
                )
            })
            .collect(),
    };
    if dists.iter().any(Dist::any_hidden) {
        legend.push(LegendEntry::new(
            Swatch::Outline,
            HIDDEN_EDGE,
            format!("Hidden: levels with fewer than {k} answers"),
        ));
    }
    let frame = Frame::new(title, subtitle, footer).with_legend(legend);
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
