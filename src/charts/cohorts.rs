//! M7 charts: cohort over cohort, and the same by program format — a
//! table-like small multiple with one row per cohort (or format) and one
//! column per measure: mentees, meetings per pairing, the ramp-up median
//! and 12-month retention of its mentees, and their mean satisfaction in
//! the after wave, each drawn as a bar or dot with its value, and the
//! Kruskal–Wallis test across the rows in the title. A satisfaction figure
//! under the minimum group size is never drawn.
//!
//! Without formats in the pairing sheet the format chart shows a panel
//! saying so, so the review pack always has the same files.

use plotters::style::text_anchor::{HPos, VPos};

use super::theme::*;
use super::{empty, ChartContext, Drawn};
use crate::analysis::{Analysis, CohortRow};

/// Beyond this many rows the chart shows the first ones and says how many
/// more are in `analysis.json`.
const MAX_ROWS: usize = 16;

/// Cohorts or formats: the words that change between the two charts.
struct Breakdown<'a> {
    rows: &'a [CohortRow],
    kruskal_p: Option<f64>,
    /// "cohort" / "format".
    noun: &'static str,
    plural: &'static str,
}

fn column_max(rows: &[&CohortRow], f: impl Fn(&CohortRow) -> Option<f64>) -> f64 {
    rows.iter().filter_map(|r| f(r)).fold(0.0, f64::max)
}

fn title(b: &Breakdown<'_>, aw: &str) -> String {
    let shown: Vec<(&str, f64)> = b
        .rows
        .iter()
        .filter(|r| !r.suppressed)
        .filter_map(|r| r.after_mean.map(|m| (r.cohort.as_str(), m)))
        .collect();
    let low = shown.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let high = shown.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    match (b.kruskal_p, low, high) {
        (Some(p), Some(l), Some(h)) if p < 0.05 => format!(
            "Satisfaction after the program ({aw}) differs between {}: from {} ({}) to {} ({}), Kruskal–Wallis {}",
            b.plural,
            num(l.1, 1),
            l.0,
            num(h.1, 1),
            h.0,
            p_text(p)
        ),
        (Some(p), Some(l), Some(h)) => format!(
            "No clear difference in satisfaction after the program between {}: {} to {} out of 5 (Kruskal–Wallis {})",
            b.plural,
            num(l.1, 1),
            num(h.1, 1),
            p_text(p)
        ),
        _ => format!(
            "{} {} side by side: mentees, meetings, ramp-up, retention",
            b.rows.len(),
            b.plural
        ),
    }
}

fn breakdown_chart(a: &Analysis, b: &Breakdown<'_>, ctx: &ChartContext) -> Drawn {
    let footer = ctx.footer(
        a,
        &["pairings", "meetings", "roster", "milestones", "survey"],
    );
    let k = a.min_group_size;
    let aw = a
        .survey_unpaired
        .after_wave
        .clone()
        .unwrap_or_else(|| "after".into());
    let kind = a
        .ramp_up
        .milestone_kind
        .clone()
        .unwrap_or_else(|| "the milestone".into());
    let more = b.rows.len().saturating_sub(MAX_ROWS);
    let more_note = if more > 0 {
        format!(
            " The first {MAX_ROWS} {} are shown; {more} more are in analysis.json.",
            b.plural
        )
    } else {
        String::new()
    };
    let frame = Frame::new(
        title(b, &aw),
        format!(
            "Per {}: mentees; meetings per pairing; median days to “{kind}” (Kaplan–Meier) and 12-month retention of its mentees; their mean satisfaction in the {aw} wave (hidden under {k} respondents).{more_note}",
            b.noun
        ),
        footer,
    );
    let rows: Vec<&CohortRow> = b.rows.iter().take(MAX_ROWS).collect();
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let label_w = 300;
        let cols = 5;
        let col_w = (pw - label_w) / cols;
        let head_h = 74;
        let row_h = ((ph - head_h - 10) / rows.len().max(1) as i32).clamp(34, 132);
        let bar_h = (row_h * 5 / 10).min(40);
        let px = if row_h < 48 { TICK_PX } else { LABEL_PX };

        let noun = super::survival::capitalise(b.noun);
        let headings = [
            (0, noun.as_str(), "pairings"),
            (1, "Mentees", "people"),
            (2, "Meetings per pairing", "mean"),
            (3, "Ramp-up", "median days"),
            (4, "12-month retention", "of mentees"),
            (5, "Satisfaction", "mean of 1–5, with n"),
        ];
        for (c, h, unit) in headings {
            // Column 0 is the row labels; the measures follow.
            let cx = if c == 0 {
                0
            } else {
                label_w + col_w * (c - 1) + 12
            };
            panel_heading(area, h, cx, 4)?;
            text(
                area,
                unit,
                cx,
                34,
                NOTE_PX,
                false,
                SUBTLE,
                HPos::Left,
                VPos::Top,
            )?;
        }
        line(area, vec![(0, head_h - 8), (pw, head_h - 8)], AXIS, 2)?;

        let maxima = [
            column_max(&rows, |r| Some(r.mentees as f64)),
            column_max(&rows, |r| r.meetings_per_pair),
            column_max(&rows, |r| r.ramp_km_median_days),
            1.0,
        ];
        let bar_w = col_w - 130;
        for (i, r) in rows.iter().enumerate() {
            let top = head_h + row_h * i as i32;
            let cy = top + row_h / 2;
            if i % 2 == 1 {
                rect(area, 0, top, pw, top + row_h, hex(0xF9FAFB))?;
            }
            text(
                area,
                &ellipsize(&r.cohort, px, true, (label_w - 16) as f64),
                0,
                cy - if row_h >= 60 { 12 } else { 0 },
                px,
                true,
                INK,
                HPos::Left,
                VPos::Center,
            )?;
            if row_h >= 60 {
                text(
                    area,
                    &format!("{} pairings", thousands(r.pairings as u64)),
                    0,
                    cy + 16,
                    NOTE_PX,
                    false,
                    SUBTLE,
                    HPos::Left,
                    VPos::Center,
                )?;
            }
            let values = [
                Some(r.mentees as f64).map(|v| (v, thousands(v as u64))),
                r.meetings_per_pair.map(|v| (v, num(v, 1))),
                r.ramp_km_median_days.map(|v| (v, format!("{v:.0}"))),
                r.retained_365.map(|v| (v, pct(v))),
            ];
            for (c, value) in values.iter().enumerate() {
                let cx = label_w + col_w * c as i32 + 12;
                match value {
                    Some((v, label)) => {
                        let len = if maxima[c] > 0.0 {
                            (v / maxima[c] * bar_w as f64).round() as i32
                        } else {
                            0
                        };
                        rect(area, cx, cy - bar_h / 2, cx + len, cy + bar_h / 2, SKY_BLUE)?;
                        text(
                            area,
                            label,
                            cx + len + 10,
                            cy,
                            px,
                            true,
                            INK,
                            HPos::Left,
                            VPos::Center,
                        )?;
                    }
                    None => {
                        let why = if c == 2 && r.mentees > 0 {
                            "not reached"
                        } else {
                            "—"
                        };
                        text(
                            area,
                            why,
                            cx,
                            cy,
                            NOTE_PX,
                            false,
                            SUBTLE,
                            HPos::Left,
                            VPos::Center,
                        )?;
                    }
                }
            }
            // Satisfaction: a dot on the 1–5 scale, or why there is none.
            let sx0 = label_w + col_w * 4 + 12;
            let scale = Linear::new((1.0, 5.0), (sx0 as f64, (sx0 + bar_w - 40) as f64));
            match (r.suppressed, r.after_mean) {
                (false, Some(m)) => {
                    line(
                        area,
                        vec![(scale.at(1.0), cy), (scale.at(5.0), cy)],
                        GRID,
                        3,
                    )?;
                    dot(area, scale.at(m), cy, 9, AFTER)?;
                    text(
                        area,
                        &format!("{} (n = {})", num(m, 2), thousands(r.after_n as u64)),
                        scale.at(5.0) + 12,
                        cy,
                        NOTE_PX,
                        true,
                        INK,
                        HPos::Left,
                        VPos::Center,
                    )?;
                }
                (suppressed, _) => {
                    let why = if suppressed {
                        format!("hidden (fewer than {k} or would reveal a few)")
                    } else {
                        "no answers".to_string()
                    };
                    // The last column is narrower than the sentence:
                    // wrapped (two lines where the row has room), never
                    // run off the canvas.
                    let lh = 22;
                    let max_lines = if row_h >= 2 * lh + 4 { 2 } else { 1 };
                    let ls = wrap_lines(&why, NOTE_PX, false, f64::from(pw - sx0 - 4), max_lines);
                    lines(
                        area,
                        &ls,
                        sx0,
                        cy - lh * ls.len() as i32 / 2 + 2,
                        NOTE_PX,
                        lh,
                        false,
                        SUBTLE,
                        HPos::Left,
                    )?;
                }
            }
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}

pub(super) fn cohorts(a: &Analysis, ctx: &ChartContext) -> Drawn {
    if a.cohorts.is_empty() {
        return empty(
            Frame::new(
                "Cohorts: no pairings to group",
                "Cohort over cohort: mentees, meetings, ramp-up, retention and satisfaction per cohort of the pairing sheet.",
                ctx.footer(a, &["pairings"]),
            ),
            "Not enough data",
            "Import a pairing sheet (with a Cohort column, or start dates to group pairings by half-year) to compare cohorts.",
        );
    }
    breakdown_chart(
        a,
        &Breakdown {
            rows: &a.cohorts,
            kruskal_p: a.cohorts_kruskal_p,
            noun: "cohort",
            plural: "cohorts",
        },
        ctx,
    )
}

pub(super) fn formats(a: &Analysis, ctx: &ChartContext) -> Drawn {
    match a.formats.as_deref() {
        Some(rows) if !rows.is_empty() => breakdown_chart(
            a,
            &Breakdown {
                rows,
                kruskal_p: a.formats_kruskal_p,
                noun: "format",
                plural: "formats",
            },
            ctx,
        ),
        _ => empty(
            Frame::new(
                "Program formats: none in the pairing sheet",
                "The same comparison as for cohorts, by program format (in-house / external / hybrid, one-to-one / group).",
                ctx.footer(a, &["pairings"]),
            ),
            "No formats in the pairing sheet",
            "Add a Format column (or Program type, Track) to the pairing sheet to compare formats side by side.",
        ),
    }
}
