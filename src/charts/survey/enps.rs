//! eNPS before and after: two bars from zero, and the change between them.

use super::{enps_axis, waves};
use crate::analysis::Analysis;
use crate::charts::theme::*;
use crate::charts::{empty, ChartContext, Drawn};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

pub(crate) fn enps(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let e = &a.enps;
    let footer = ctx.footer(a, &["survey"]);
    let (bw, aw) = waves(a);
    let question = e
        .item
        .clone()
        .unwrap_or_else(|| "How likely are you to recommend …".into());
    if e.item.is_none() || a.waves.len() < 2 {
        return empty(
            Frame::new("eNPS: no recommendation question to compare", "eNPS needs a 0–10 “how likely are you to recommend” question asked in two survey waves.", footer),
            "Not enough data",
            "Add a 0–10 recommendation question to the survey, asked before and after the program.",
        );
    }
    let k = a.min_group_size;
    if e.before.is_none() && e.after.is_none() {
        return empty(
            Frame::new("eNPS: hidden to protect respondents", format!("Question: “{question}”"), footer),
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
    let frame = Frame::new(
        title,
        format!(
            "Employee Net Promoter Score, −100 to +100: % promoters (9–10) minus % detractors (0–6). Question: “{question}”"
        ),
        footer,
    );
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
        enps_axis(area, |v| y.at(v), (d0, d1, step), (axis_x, pw), top - 16, 3)?;
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
