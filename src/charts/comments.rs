//! M9 chart: what people wrote. Three panels: the terms most comments used
//! in the before wave and in the after wave (bars: the share of that wave's
//! comments using the term), and the terms most distinctive of each wave by
//! the weighted log-odds z-score (a diverging bar: left more typical
//! before, right more typical after).
//!
//! It draws only what `analysis::comments` published: a wave under the
//! comment threshold is a panel that says so, and quotes never appear in a
//! chart (a picture travels further than the pack's text).

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

use super::theme::*;
use super::{empty, ChartContext, Drawn};
use crate::analysis::comments::{CommentWave, Distinctive};
use crate::analysis::Analysis;

/// Terms per panel (the analysis lists at most ten).
const TERMS: usize = 10;

fn quoted(terms: &[(String, f64)]) -> String {
    terms
        .iter()
        .take(3)
        .map(|(t, z)| format!("“{t}” (z {})", signed(*z, 1)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn title(a: &Analysis) -> String {
    let c = &a.comments;
    let shown = |w: &Option<CommentWave>| w.as_ref().filter(|w| w.n.is_some()).cloned();
    match (&c.distinctive, shown(&c.before), shown(&c.after)) {
        (Some(d), Some(b), Some(af)) => match (d.after.is_empty(), d.before.is_empty()) {
            (false, false) => format!(
                "Comments in {} use {} more, and {} less, than in {}",
                af.wave,
                quoted(&d.after),
                quoted(&d.before),
                b.wave
            ),
            (false, true) => format!(
                "Comments in {} use {} more than in {}",
                af.wave,
                quoted(&d.after),
                b.wave
            ),
            (true, false) => format!(
                "Comments in {} use {} less than in {}",
                af.wave,
                quoted(&d.before),
                b.wave
            ),
            (true, true) => format!(
                "What people wrote did not clearly change between {} and {}",
                b.wave, af.wave
            ),
        },
        (_, b, af) => {
            let w = af.or(b);
            match w.and_then(|w| w.top_terms.clone().map(|t| (w.wave.clone(), t))) {
                Some((wave, terms)) if !terms.is_empty() => format!(
                    "Most used in the comments of {wave}: {}",
                    terms
                        .iter()
                        .take(3)
                        .map(|(t, _)| format!("“{t}”"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => "What people wrote".into(),
            }
        }
    }
}

/// One wave's panel: its top terms as bars of the share of comments.
#[allow(clippy::too_many_arguments)]
fn wave_panel(
    area: &Area<'_>,
    heading: &str,
    w: Option<&CommentWave>,
    strong: &[(String, f64)],
    colour: RGBColor,
    x0: i32,
    width: i32,
    top: i32,
    row_h: i32,
    max_share: f64,
    k: usize,
) -> DrawResult {
    let n = w.and_then(|w| w.n);
    let head = match (w, n) {
        (Some(w), Some(n)) => format!("{heading} ({}) · {} comments", w.wave, thousands(n as u64)),
        (Some(w), None) => format!("{heading} ({})", w.wave),
        (None, _) => heading.to_string(),
    };
    panel_heading(area, &ellipsize(&head, LABEL_PX, true, width as f64), x0, 4)?;
    let (Some(w), Some(n)) = (w, n) else {
        let why = if w.is_some() {
            format!("Hidden: fewer than {k} comments, or a wider selection differs by fewer")
        } else {
            "No comments in this wave".to_string()
        };
        for (i, l) in wrap(&why, NOTE_PX, false, (width - 20) as f64)
            .iter()
            .enumerate()
        {
            note(area, l, x0, top + 24 + 28 * i as i32, HPos::Left)?;
        }
        return Ok(());
    };
    let terms = w.top_terms.as_deref().unwrap_or(&[]);
    let label_w = (width * 2 / 5).min(260);
    let xs = Linear::new(
        (0.0, max_share),
        ((x0 + label_w + 12) as f64, (x0 + width - 70) as f64),
    );
    if terms.is_empty() {
        note(
            area,
            "No term is used in enough comments to list",
            x0,
            top + 24,
            HPos::Left,
        )?;
    }
    for (i, (term, count)) in terms.iter().take(TERMS).enumerate() {
        let cy = top + row_h * i as i32 + row_h / 2;
        let is_strong = strong.iter().any(|(t, _)| t == term);
        let share = *count as f64 / n.max(1) as f64;
        text(
            area,
            &ellipsize(term, LABEL_PX, is_strong, label_w as f64),
            x0 + label_w,
            cy,
            LABEL_PX,
            is_strong,
            INK,
            HPos::Right,
            VPos::Center,
        )?;
        let bar_h = (row_h * 6 / 10).min(36);
        rect(
            area,
            xs.at(0.0),
            cy - bar_h / 2,
            xs.at(share),
            cy + bar_h / 2,
            if is_strong { colour } else { GRID_BAR },
        )?;
        text(
            area,
            &pct(share),
            xs.at(share) + 8,
            cy,
            TICK_PX,
            is_strong,
            if is_strong { INK } else { MUTED },
            HPos::Left,
            VPos::Center,
        )?;
    }
    Ok(())
}

/// Bars of terms that are not distinctive: quiet, so the distinctive
/// ones stand out.
const GRID_BAR: RGBColor = hex(0xC9CDD3);

fn distinctive_panel(
    area: &Area<'_>,
    d: Option<&Distinctive>,
    x0: i32,
    width: i32,
    top: i32,
    row_h: i32,
) -> DrawResult {
    panel_heading(area, "Distinctive (log-odds z)", x0, 4)?;
    let Some(d) = d else {
        note(area, "Needs both waves' comments", x0, top + 24, HPos::Left)?;
        return Ok(());
    };
    let rows: Vec<&(String, f64)> = d
        .after
        .iter()
        .take(TERMS / 2)
        .chain(d.before.iter().take(TERMS / 2))
        .collect();
    if rows.is_empty() {
        for (i, l) in wrap(
            "No term is clearly more typical of either wave (every |z| < 1.96)",
            NOTE_PX,
            false,
            (width - 20) as f64,
        )
        .iter()
        .enumerate()
        {
            note(area, l, x0, top + 24 + 28 * i as i32, HPos::Left)?;
        }
        return Ok(());
    }
    let zmax = rows
        .iter()
        .map(|(_, z)| z.abs())
        .fold(3.0_f64, f64::max)
        .ceil();
    let xs = Linear::new((-zmax, zmax), (x0 as f64 + 10.0, (x0 + width - 10) as f64));
    let bottom = top + row_h * TERMS as i32;
    x_grid(
        area,
        |v| xs.at(v),
        &[-zmax, -1.96, 0.0, 1.96, zmax],
        top,
        bottom,
        |v| {
            let label = if v == 0.0 {
                "0".to_string()
            } else if (v.abs() - 1.96).abs() < 1e-9 {
                signed(v, 2)
            } else {
                signed(v, 0)
            };
            GridLine::labelled(label).strong_if(v == 0.0, AXIS, 2)
        },
    )?;
    note(area, "← before", xs.at(-zmax), bottom + 48, HPos::Left)?;
    note(area, "after →", xs.at(zmax), bottom + 48, HPos::Right)?;
    for (i, (term, z)) in rows.iter().enumerate() {
        let cy = top + row_h * i as i32 + row_h / 2;
        let bar_h = (row_h * 6 / 10).min(36);
        let colour = if *z > 0.0 { AFTER } else { ORANGE };
        rect(
            area,
            xs.at(0.0),
            cy - bar_h / 2,
            xs.at(*z),
            cy + bar_h / 2,
            colour,
        )?;
        // The term sits on the other side of zero from its bar.
        let (x, h) = if *z > 0.0 {
            (xs.at(0.0) - 8, HPos::Right)
        } else {
            (xs.at(0.0) + 8, HPos::Left)
        };
        let half = (width / 2 - 20) as f64;
        text(
            area,
            &ellipsize(&format!("{term} {}", signed(*z, 1)), TICK_PX, true, half),
            x,
            cy,
            TICK_PX,
            true,
            INK,
            h,
            VPos::Center,
        )?;
    }
    Ok(())
}

pub(super) fn terms(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let footer = ctx.footer(a, &["survey"]);
    let c = &a.comments;
    let k = c.min_comments;
    if c.before.is_none() && c.after.is_none() {
        return empty(
            Frame::new(
                "Comments: no free-text answers",
                "The terms people used in the surveys' open questions, before and after.",
                footer,
            ),
            "Not enough data",
            "The surveys have no free-text question (such as “Anything else?”), or nobody answered one.",
        );
    }
    let shown = |w: &Option<CommentWave>| w.as_ref().is_some_and(|w| w.n.is_some());
    if !shown(&c.before) && !shown(&c.after) {
        return empty(
            Frame::new(
                "Comments: hidden to protect the people who wrote them",
                "The terms people used in the surveys' open questions, before and after.",
                footer,
            ),
            "Not shown to protect the people who wrote them",
            &format!("Each wave has fewer than {k} comments in this selection, or a wider selection differs from it by fewer."),
        );
    }
    // One wave only (the before and after wave are the same): one panel.
    let same = matches!((&c.before, &c.after), (Some(b), Some(af)) if b.wave == af.wave);
    let frame = Frame::new(
        title(a),
        format!(
            "Bars: the share of a wave's comments that use the term. Distinctive: weighted log-odds z, after vs before; beyond ±1.96 unlikely to be chance. Waves with fewer than {k} comments are hidden; no comment is quoted here."
        ),
        footer,
    )
    .with_legend(vec![
        LegendEntry::new(Swatch::Box, ORANGE, "more typical before"),
        LegendEntry::new(Swatch::Box, AFTER, "more typical after"),
        LegendEntry::new(Swatch::Box, GRID_BAR, "not distinctive"),
    ]);
    let max_share = [&c.before, &c.after]
        .iter()
        .filter_map(|w| w.as_ref())
        .filter_map(|w| Some((w.n?, w.top_terms.as_ref()?)))
        .flat_map(|(n, t)| t.iter().map(move |(_, c)| *c as f64 / n.max(1) as f64))
        .fold(0.1_f64, f64::max);
    let max_share = ((max_share * 10.0).ceil() / 10.0).min(1.0);
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let gap = 48;
        let top = 48;
        let row_h = ((ph - top - 80) / TERMS as i32).min(64);
        let empty_d = Distinctive::default();
        let (strong_b, strong_a) = match &c.distinctive {
            Some(d) => (&d.before, &d.after),
            None => (&empty_d.before, &empty_d.after),
        };
        if same {
            let w = c.after.as_ref();
            return wave_panel(
                area,
                "Comments",
                w,
                &[],
                AFTER,
                0,
                pw,
                top,
                row_h,
                max_share,
                k,
            );
        }
        let col = (pw - 2 * gap) / 3;
        wave_panel(
            area,
            "Before",
            c.before.as_ref(),
            strong_b,
            ORANGE,
            0,
            col,
            top,
            row_h,
            max_share,
            k,
        )?;
        wave_panel(
            area,
            "After",
            c.after.as_ref(),
            strong_a,
            AFTER,
            col + gap,
            col,
            top,
            row_h,
            max_share,
            k,
        )?;
        distinctive_panel(
            area,
            c.distinctive.as_ref(),
            2 * (col + gap),
            col,
            top,
            row_h,
        )
    })?;
    Ok((frame, svg, true))
}
