//! M8 charts: skill growth per area as a dumbbell (each area's mean rating
//! in the first and the last skill wave, one panel per rater), and coverage
//! beside growth (the share of mentees whose meetings covered each area,
//! beside that area's mean change with its 95% CI).
//!
//! Both read `Analysis::skills` as the analysis left it: a row the
//! disclosure rules hid is drawn as "hidden", never from other numbers.
//! Clear growth means what the tables say it means: Holm-adjusted p below
//! 0.05 across the areas of one rater.

use std::collections::BTreeMap;

use plotters::style::text_anchor::{HPos, VPos};

use super::theme::*;
use super::{empty, ChartContext, Drawn};
use crate::analysis::{Analysis, SkillRow};

/// More areas than this: the first ones are drawn and the subtitle says
/// how many more `analysis.json` holds (the interview framework has 20).
const MAX_AREAS: usize = 20;
/// Side by side at most this many raters (self, mentor, manager).
const MAX_RATERS: usize = 3;

/// "Self-assessment", "Mentor's rating", …: how a reader says a rater.
pub fn rater_label(rater: &str) -> String {
    match rater {
        "self" => "Self-assessment".into(),
        "mentor" => "Mentor's rating".into(),
        "manager" => "Manager's rating".into(),
        "peer" => "Peer rating".into(),
        other => format!("Rated by {other}"),
    }
}

/// A change the Holm-adjusted test calls clear, with its direction.
pub fn clear(r: &SkillRow) -> Option<bool> {
    match (r.p_holm, r.mean_change) {
        (Some(p), Some(d)) if p < 0.05 && d != 0.0 => Some(d > 0.0),
        _ => None,
    }
}

/// The rows as a grid: raters in the analysis's order (self first), areas
/// ordered by the first rater's change, largest first (hidden rows last).
struct Grid<'a> {
    raters: Vec<&'a str>,
    areas: Vec<&'a str>,
    cells: BTreeMap<(&'a str, &'a str), &'a SkillRow>,
    /// Areas beyond `MAX_AREAS`, not drawn.
    more: usize,
}

fn grid(rows: &[SkillRow]) -> Grid<'_> {
    let mut raters: Vec<&str> = Vec::new();
    let mut cells = BTreeMap::new();
    for r in rows {
        if !raters.contains(&r.rater.as_str()) {
            raters.push(&r.rater);
        }
        cells.insert((r.area.as_str(), r.rater.as_str()), r);
    }
    raters.truncate(MAX_RATERS);
    let mut areas: Vec<&str> = rows.iter().map(|r| r.area.as_str()).collect();
    areas.sort();
    areas.dedup();
    // Order by the first rater that rated the area.
    let change = |area: &str| {
        raters
            .iter()
            .find_map(|rt| cells.get(&(area, *rt)).and_then(|r| r.mean_change))
    };
    areas.sort_by(|a, b| match (change(a), change(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.cmp(b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(b),
    });
    let more = areas.len().saturating_sub(MAX_AREAS);
    areas.truncate(MAX_AREAS);
    Grid {
        raters,
        areas,
        cells,
        more,
    }
}

/// The rows both charts share: one per area, labelled at the left.
#[derive(Clone, Copy)]
struct Rows {
    label_w: i32,
    /// Room above the rows for the panels' headings.
    head_h: i32,
    row_h: i32,
    bottom: i32,
    /// Text size: smaller when the rows are tight (20 areas).
    px: f64,
}

impl Rows {
    fn of(g: &Grid<'_>, ph: i32, max_row: i32) -> Rows {
        let label_w = g
            .areas
            .iter()
            .map(|s| text_width(s, LABEL_PX, false).ceil() as i32)
            .max()
            .unwrap_or(0)
            .clamp(140, 420);
        let head_h = 44;
        let row_h = ((ph - 64 - head_h) / g.areas.len().max(1) as i32).min(max_row);
        Rows {
            label_w,
            head_h,
            row_h,
            bottom: head_h + row_h * g.areas.len() as i32,
            px: if row_h < 34 { TICK_PX } else { LABEL_PX },
        }
    }

    fn centre(&self, i: usize) -> i32 {
        self.head_h + self.row_h * i as i32 + self.row_h / 2
    }

    /// The area names, right-aligned before the plot; every other row
    /// shaded when `stripes`.
    fn labels(&self, area: &Area<'_>, g: &Grid<'_>, pw: i32, stripes: bool) -> DrawResult {
        for (i, name) in g.areas.iter().enumerate() {
            let cy = self.centre(i);
            if stripes && i % 2 == 1 {
                rect(
                    area,
                    0,
                    cy - self.row_h / 2,
                    pw,
                    cy + self.row_h / 2,
                    hex(0xF9FAFB),
                )?;
            }
            text(
                area,
                &ellipsize(name, self.px, false, self.label_w as f64),
                self.label_w,
                cy,
                self.px,
                false,
                INK,
                HPos::Right,
                VPos::Center,
            )?;
        }
        Ok(())
    }
}

fn more_note(more: usize) -> String {
    if more > 0 {
        format!(" The first {MAX_AREAS} areas are shown; {more} more are in analysis.json.")
    } else {
        String::new()
    }
}

/// "n = 169" when every drawn row of a rater has the same n, else the range.
fn n_label(g: &Grid<'_>, rater: &str) -> String {
    let ns: Vec<usize> = g
        .areas
        .iter()
        .filter_map(|a| g.cells.get(&(*a, rater)))
        .filter(|r| !r.suppressed)
        .map(|r| r.n)
        .collect();
    match (ns.iter().min(), ns.iter().max()) {
        (Some(lo), Some(hi)) if lo == hi => format!("n = {}", thousands(*lo as u64)),
        (Some(lo), Some(hi)) => format!("n = {}–{}", thousands(*lo as u64), thousands(*hi as u64)),
        _ => "hidden".into(),
    }
}

fn nothing_shown(a: &Analysis) -> bool {
    a.skills.iter().all(|r| r.suppressed)
}

fn growth_title(a: &Analysis) -> String {
    let shown: Vec<&SkillRow> = a.skills.iter().filter(|r| !r.suppressed).collect();
    let grew: Vec<&&SkillRow> = shown.iter().filter(|r| clear(r) == Some(true)).collect();
    let fell = shown.iter().filter(|r| clear(r) == Some(false)).count();
    let (bw, aw) = (&a.skills[0].before_wave, &a.skills[0].after_wave);
    let most = grew.iter().max_by(|x, y| {
        x.mean_change
            .unwrap_or(0.0)
            .total_cmp(&y.mean_change.unwrap_or(0.0))
    });
    let fell_note = if fell > 0 {
        format!("; {fell} fell clearly")
    } else {
        String::new()
    };
    match most {
        Some(m) => format!(
            "{} of {} skill ratings grew clearly from {bw} to {aw}, most in {} ({} on a 0–1 scale, {}){fell_note}",
            grew.len(),
            shown.len(),
            m.area,
            signed(m.mean_change.unwrap_or(0.0), 2),
            rater_label(&m.rater).to_lowercase()
        ),
        None => format!(
            "No skill area grew clearly from {bw} to {aw} ({} ratings compared){fell_note}",
            shown.len()
        ),
    }
}

/// The legend names only the kinds of bar the chart draws.
fn growth_legend(a: &Analysis, bw: &str, aw: &str) -> Vec<LegendEntry> {
    let shown = || a.skills.iter().filter(|r| !r.suppressed);
    let mut out = vec![
        LegendEntry::new(Swatch::Dot, BEFORE, format!("{bw} (before)")),
        LegendEntry::new(Swatch::Dot, AFTER, format!("{aw} (after)")),
    ];
    if shown().any(|r| clear(r) == Some(true)) {
        out.push(LegendEntry::new(Swatch::Line(6), AFTER, "clear growth"));
    }
    if shown().any(|r| clear(r) == Some(false)) {
        out.push(LegendEntry::new(Swatch::Line(6), ALERT, "clear decline"));
    }
    if shown().any(|r| clear(r).is_none()) {
        out.push(LegendEntry::new(Swatch::Line(6), AXIS, "could be chance"));
    }
    out
}

/// The dumbbell: per area and rater, the mean before (grey) → after (blue).
pub(super) fn growth(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let footer = ctx.footer(a, &["skills"]);
    let k = a.min_group_size;
    if a.skills.is_empty() {
        return empty(
            Frame::new(
                "Skill growth: no skill assessments with two waves",
                "Each skill area's mean rating in the first and the last assessment wave.",
                footer,
            ),
            "Not enough data",
            "Import skill assessments from at least two waves (mentorscope template skills writes a sheet to fill in).",
        );
    }
    if nothing_shown(a) {
        return empty(
            Frame::new(
                "Skill growth: hidden to protect the people rated",
                "Each skill area's mean rating in the first and the last assessment wave.",
                footer,
            ),
            "Not shown to protect the people rated",
            &format!("Every skill area was rated for fewer than {k} people in both waves, or would reveal a few people's ratings."),
        );
    }
    let g = grid(&a.skills);
    let (bw, aw) = (&a.skills[0].before_wave, &a.skills[0].after_wave);
    let frame = Frame::new(
        growth_title(a),
        format!(
            "Mean rating per skill area of the people rated in both {bw} and {aw}, each area's scale put on 0 (its bottom) to 1 (its top). Clear: Holm-adjusted p < 0.05 across one rater's areas. Areas rated for fewer than {k} people are hidden.{}",
            more_note(g.more)
        ),
        footer,
    )
    .with_legend(growth_legend(a, bw, aw));
    let values: Vec<f64> = a
        .skills
        .iter()
        .flat_map(|r| [r.mean_before, r.mean_after])
        .flatten()
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // A tenth of the scale either side, on tenths, inside 0–1.
    let d0 = ((lo * 10.0).floor() / 10.0 - 0.1).max(0.0);
    let d1 = ((hi * 10.0).ceil() / 10.0 + 0.1).min(1.0);
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let rows = Rows::of(&g, ph, 72);
        let Rows {
            label_w,
            head_h,
            row_h,
            bottom,
            px,
        } = rows;
        let gap = 56;
        let change_w = 96;
        let cols = g.raters.len().max(1) as i32;
        let col_w = (pw - label_w - 24 - gap * (cols - 1)) / cols;
        rows.labels(area, &g, pw, true)?;
        for (c, rater) in g.raters.iter().enumerate() {
            let x0 = label_w + 24 + (col_w + gap) * c as i32;
            let x1 = x0 + col_w - change_w;
            let xs = Linear::new((d0, d1), (x0 as f64 + 10.0, x1 as f64 - 10.0));
            panel_heading(
                area,
                &format!("{} · {}", rater_label(rater), n_label(&g, rater)),
                x0,
                4,
            )?;
            text(
                area,
                "change",
                x0 + col_w,
                8,
                NOTE_PX,
                false,
                SUBTLE,
                HPos::Right,
                VPos::Top,
            )?;
            x_grid(
                area,
                |v| xs.at(v),
                &steps(d0, d1, nice_step(d1 - d0, 5)),
                head_h,
                bottom,
                |v| GridLine::labelled(num(v, 1)),
            )?;
            for (i, area_name) in g.areas.iter().enumerate() {
                let cy = rows.centre(i);
                let Some(r) = g.cells.get(&(*area_name, *rater)) else {
                    note(area, "not rated", xs.at((d0 + d1) / 2.0), cy, HPos::Center)?;
                    continue;
                };
                let (Some(b), Some(af)) = (r.mean_before, r.mean_after) else {
                    note(
                        area,
                        &format!("hidden (fewer than {k} or would reveal a few)"),
                        xs.at((d0 + d1) / 2.0),
                        cy,
                        HPos::Center,
                    )?;
                    continue;
                };
                let colour = match clear(r) {
                    Some(true) => AFTER,
                    Some(false) => ALERT,
                    None => AXIS,
                };
                line(area, vec![(xs.at(b), cy), (xs.at(af), cy)], colour, 6)?;
                let rad = (row_h / 4).clamp(5, 10);
                dot(area, xs.at(b), cy, rad, BEFORE)?;
                dot(area, xs.at(af), cy, rad, AFTER)?;
                if let Some(d) = r.mean_change {
                    text(
                        area,
                        &signed(d, 2),
                        x0 + col_w,
                        cy,
                        px,
                        clear(r).is_some(),
                        if clear(r).is_some() { INK } else { MUTED },
                        HPos::Right,
                        VPos::Center,
                    )?;
                }
            }
        }
        axis_title(
            area,
            "Mean rating: 0 = bottom of the area's scale, 1 = top",
            label_w + 24 + (pw - label_w - 24) / 2,
            bottom + 38,
            HPos::Center,
        )
    })?;
    Ok((frame, svg, true))
}

fn coverage_title(a: &Analysis, g: &Grid<'_>) -> String {
    let covered = |area: &str| {
        g.raters
            .iter()
            .find_map(|rt| g.cells.get(&(area, *rt)).and_then(|r| r.coverage))
    };
    let n_areas = g.areas.len() + g.more;
    let never: Vec<&str> = a
        .skills
        .iter()
        .filter(|r| r.coverage == Some(0.0))
        .map(|r| r.area.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let top = g
        .areas
        .iter()
        .filter_map(|ar| covered(ar).map(|c| (*ar, c)))
        .max_by(|x, y| x.1.total_cmp(&y.1));
    match top {
        Some((ar, c)) if !never.is_empty() => format!(
            "Mentoring meetings covered {ar} most ({} of mentees); {} of {n_areas} skill areas never came up",
            pct(c),
            never.len()
        ),
        Some((ar, c)) => format!(
            "Every skill area came up in mentoring meetings; {ar} most often ({} of mentees)",
            pct(c)
        ),
        None => "Skill growth beside what mentoring meetings covered".into(),
    }
}

/// Coverage beside growth: per area, the share of mentees whose meetings
/// covered it (a bar), and each rater's mean change with its 95% CI.
pub(super) fn coverage(a: &Analysis, ctx: &ChartContext) -> Drawn {
    let footer = ctx.footer(a, &["skills", "meetings"]);
    let k = a.min_group_size;
    let has_coverage = a.skills.iter().any(|r| r.coverage.is_some());
    if a.skills.is_empty() || nothing_shown(a) || !has_coverage {
        let detail = if a.skills.is_empty() {
            "Import skill assessments from at least two waves and a meeting log with a topics column.".to_string()
        } else if nothing_shown(a) {
            format!("Every skill area was rated for fewer than {k} people in both waves, or would reveal a few people's ratings.")
        } else {
            format!("No skill area has at least {k} mentees rated in both waves, or the meeting log has no topics column.")
        };
        return empty(
            Frame::new(
                "Coverage vs growth: not enough data",
                "How often mentoring meetings covered each skill area, beside that area's growth.",
                footer,
            ),
            "Not enough data",
            &detail,
        );
    }
    // Most covered first: the reader looks down the bars and across to
    // see whether growth follows.
    let mut g = grid(&a.skills);
    let cover = |area: &str| {
        g.raters
            .iter()
            .find_map(|rt| g.cells.get(&(area, *rt)).and_then(|r| r.coverage))
    };
    let mut areas: Vec<&str> = a.skills.iter().map(|r| r.area.as_str()).collect();
    areas.sort();
    areas.dedup();
    areas.sort_by(|x, y| match (cover(x), cover(y)) {
        (Some(p), Some(q)) => q.total_cmp(&p).then(x.cmp(y)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.cmp(y),
    });
    let more = areas.len().saturating_sub(MAX_AREAS);
    areas.truncate(MAX_AREAS);
    g.areas = areas;
    g.more = more;
    let colours = [BLUE, ORANGE, PURPLE];
    let mut legend = vec![LegendEntry::new(
        Swatch::Box,
        SKY_BLUE,
        "mentees whose meetings covered the area",
    )];
    for (i, r) in g.raters.iter().enumerate() {
        legend.push(LegendEntry::new(
            Swatch::Interval,
            colours[i],
            format!("{}: change, 95% CI", rater_label(r)),
        ));
    }
    let frame = Frame::new(
        coverage_title(a, &g),
        format!(
            "Left: share of the mentees rated in both waves whose mentoring meetings had the area as a topic. Right: the area's mean change on its 0–1 scale, with its 95% confidence interval. Areas and splits under {k} people are hidden.{}",
            more_note(g.more)
        ),
        footer,
    )
    .with_legend(legend);
    let ends: Vec<f64> = a
        .skills
        .iter()
        .filter_map(|r| r.ci95)
        .flat_map(|c| c.into_iter())
        .chain(a.skills.iter().filter_map(|r| r.mean_change))
        .chain([0.0])
        .collect();
    let lo = ends.iter().copied().fold(0.0, f64::min);
    let hi = ends.iter().copied().fold(0.0, f64::max);
    let step = nice_step((hi - lo).max(0.05), 5);
    let d0 = (lo / step).floor() * step;
    let d1 = (hi / step).ceil() * step;
    let svg = draw_chart(&frame, |area| {
        let (pw, ph) = area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let rows = Rows::of(&g, ph, 80);
        let Rows {
            label_w,
            head_h,
            row_h,
            bottom,
            px,
        } = rows;
        rows.labels(area, &g, pw, false)?;
        let c0 = label_w + 24;
        let cover_w = (pw - c0) * 2 / 5;
        let cx = Linear::new((0.0, 1.0), (c0 as f64, (c0 + cover_w - 80) as f64));
        let g0 = c0 + cover_w + 48;
        let gx = Linear::new((d0, d1), (g0 as f64, (pw - 10) as f64));
        panel_heading(area, "Covered in meetings", c0, 4)?;
        panel_heading(area, "Change, 0–1 scale", g0, 4)?;
        x_grid(
            area,
            |v| cx.at(v),
            &steps(0.0, 1.0, 0.25),
            head_h,
            bottom,
            |v| GridLine::labelled(format!("{:.0}%", v * 100.0)).strong_if(v == 0.0, AXIS, 2),
        )?;
        x_grid(
            area,
            |v| gx.at(v),
            &steps(d0, d1, step),
            head_h,
            bottom,
            |v| GridLine::labelled(signed(v, 2)).strong_if(v.abs() < step / 1e6, AXIS, 2),
        )?;
        let nr = g.raters.len().max(1) as i32;
        for (i, area_name) in g.areas.iter().enumerate() {
            let top = head_h + row_h * i as i32;
            let cy = top + row_h / 2;
            let bar_h = (row_h * 55 / 100).min(40);
            match cover(area_name) {
                Some(c) => {
                    rect(
                        area,
                        cx.at(0.0),
                        cy - bar_h / 2,
                        cx.at(c),
                        cy + bar_h / 2,
                        SKY_BLUE,
                    )?;
                    text(
                        area,
                        &pct(c),
                        cx.at(c) + 10,
                        cy,
                        px,
                        true,
                        INK,
                        HPos::Left,
                        VPos::Center,
                    )?;
                }
                None => note(area, "hidden", cx.at(0.0) + 10, cy, HPos::Left)?,
            }
            for (j, rater) in g.raters.iter().enumerate() {
                // The raters share the row, one above the other.
                let ry = top + row_h * (2 * j as i32 + 1) / (2 * nr);
                let Some(r) = g.cells.get(&(*area_name, *rater)) else {
                    continue;
                };
                match (r.mean_change, r.ci95) {
                    (Some(d), ci) => {
                        if let Some([l, h]) = ci {
                            line(area, vec![(gx.at(l), ry), (gx.at(h), ry)], colours[j], 4)?;
                        }
                        dot(
                            area,
                            gx.at(d),
                            ry,
                            (row_h / (3 * nr)).clamp(4, 9),
                            colours[j],
                        )?;
                    }
                    (None, _) => note(area, "hidden", gx.at(0.0) + 10, ry, HPos::Left)?,
                }
            }
        }
        Ok(())
    })?;
    Ok((frame, svg, true))
}
