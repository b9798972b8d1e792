//! Charts read back against the reference tools, not against the analysis:
//! the Kaplan–Meier curves of the ramp-up and retention charts step by
//! step against lifelines' S(t) (tests/golden/km_sample.json, written by
//! `golden_analysis.py --km-out`), and the satisfaction chart's dots
//! against the pandas/SciPy means of tests/golden/analysis_sample.json.
//! Every mark is turned back into a value through the scale the chart's
//! own tick labels state, so a curve drawn as S(t) instead of 1 − S(t),
//! two groups swapped or an item in the wrong row fails here.

use mentorscope::analysis::{analyze_data, AnalysisOptions};
use mentorscope::charts::{self, ChartContext, ChartKind};
use mentorscope::report::{self, ReportOptions};
use mentorscope::Store;
use serde_json::Value;

mod common;
use common::svg::{close, fit, marks, value_at, Marks, Polyline};

const BLUE: &str = "#0072B2";
const ORANGE: &str = "#E69F00";
const BEFORE: &str = "#8A8F98";

fn golden(name: &str) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("tests/golden").join(name)).unwrap(),
    )
    .unwrap()
}

fn svg(kind: ChartKind) -> String {
    let mut store = Store::open_in_memory().unwrap();
    mentorscope::sample::import_into(&mut store).unwrap();
    let ctx = ChartContext {
        sources: report::sources(&store).unwrap(),
    };
    let data = mentorscope::analysis::frames::ProgramData::load(&store).unwrap();
    let a = analyze_data(&data, &AnalysisOptions::default()).unwrap();
    let x = report::chart_extras(&data, &a, &ReportOptions::default());
    let c = charts::render(kind, &a, &x, &ctx).unwrap();
    assert!(c.has_data, "{kind:?}");
    c.svg
}

/// The labels of the horizontal axis: centred numbers on the lowest row
/// of them, as (value, x).
fn bottom_ticks(m: &Marks) -> Vec<(f64, f64)> {
    let bottom = m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle" && t.content.parse::<f64>().is_ok())
        .map(|t| t.y)
        .fold(f64::NEG_INFINITY, f64::max);
    m.texts
        .iter()
        .filter(|t| t.anchor == "middle" && (t.y - bottom).abs() < 1.0)
        .filter_map(|t| Some((t.content.parse::<f64>().ok()?, t.x)))
        .collect()
}

/// The horizontal axis from its numeric tick labels, and the vertical one
/// from its percentage labels (right-aligned).
fn km_axes(m: &Marks) -> ((f64, f64), (f64, f64)) {
    let ys: Vec<(f64, f64)> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "end")
        .filter_map(|t| {
            Some((
                t.content.strip_suffix('%')?.parse::<f64>().ok()? / 100.0,
                t.y,
            ))
        })
        .collect();
    (fit(&bottom_ticks(m)), fit(&ys))
}

/// The curve of one colour: the widest polyline of that colour.
fn curve<'a>(m: &'a Marks, colour: &str) -> &'a Polyline {
    m.lines
        .iter()
        .filter(|l| l.stroke == colour && l.width >= 4.0 && l.points.len() > 4)
        .max_by_key(|l| l.points.len())
        .unwrap_or_else(|| panic!("no curve in {colour}"))
}

/// Every step the polyline draws (a pixel column where its y changes, with
/// the y it changes to) must be lifelines' `value(S(t))` at the last event
/// time inside that column, within 1.5 px; and every column where
/// lifelines' curve changes must have a drawn step. Returns how many steps
/// were compared.
fn check_curve(
    what: &str,
    l: &Polyline,
    reference: &[Value],
    axes: ((f64, f64), (f64, f64)),
    value: impl Fn(f64) -> f64,
) -> usize {
    let (xa, ya) = axes;
    let pts: Vec<(f64, f64)> = reference
        .iter()
        .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
        .collect();
    // Drawn steps: column → the y the curve leaves that column at.
    let mut drawn: Vec<(f64, f64)> = Vec::new();
    for w in l.points.windows(2) {
        if (w[0].0 - w[1].0).abs() < 0.01 && (w[0].1 - w[1].1).abs() > 0.01 {
            match drawn.last_mut() {
                Some(d) if (d.0 - w[1].0).abs() < 0.01 => d.1 = w[1].1,
                _ => drawn.push((w[1].0, w[1].1)),
            }
        }
    }
    let end = l
        .points
        .iter()
        .map(|p| p.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let t_of = |px: f64| value_at(xa, px);
    let mut checked = 0;
    for &(col, y) in &drawn {
        // The times this column covers (half a pixel either side, plus
        // the scale fit's own error).
        let hi = t_of(col + 0.75);
        let lo = t_of(col - 0.75);
        let inside: Vec<&(f64, f64)> = pts.iter().filter(|p| p.0 > lo && p.0 <= hi).collect();
        let last_before = pts.iter().rev().find(|p| p.0 <= hi);
        assert!(
            !inside.is_empty(),
            "{what}: a step at x = {col} (days {lo:.1}–{hi:.1}) where lifelines' curve does not change"
        );
        // Of the event times near the column, the chart's value must be
        // one of them (the fit cannot tell which side of a half pixel a
        // time falls); the last one is the usual.
        let got = value_at(ya, y);
        let tol = 1.5 / ya.1.abs();
        let ok = inside
            .iter()
            .copied()
            .chain(last_before)
            .any(|p| (value(p.1) - got).abs() <= tol);
        assert!(
            ok,
            "{what}: the step at day ≈{:.1} is drawn at {got}, lifelines has {:?} there",
            t_of(col),
            inside.iter().map(|p| (p.0, value(p.1))).collect::<Vec<_>>()
        );
        checked += 1;
    }
    // Every change of lifelines' curve inside the drawn range has a step.
    let columns: std::collections::BTreeSet<i64> = pts
        .windows(2)
        .filter(|w| (w[0].1 - w[1].1).abs() > 1e-12)
        .map(|w| (xa.0 + xa.1 * w[1].0).round() as i64)
        .filter(|&c| (c as f64) <= end)
        .collect();
    let drawn_cols: std::collections::BTreeSet<i64> =
        drawn.iter().map(|d| d.0.round() as i64).collect();
    let missing: Vec<&i64> = columns
        .iter()
        .filter(|c| {
            !(drawn_cols.contains(c)
                || drawn_cols.contains(&(**c - 1))
                || drawn_cols.contains(&(**c + 1)))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "{what}: lifelines steps at columns {missing:?} are not drawn"
    );
    checked
}

#[test]
fn kaplan_meier_curves_are_lifelines_step_by_step() {
    let km = golden("km_sample.json");
    // Ramp-up draws the share who reached the milestone, 1 − S(t);
    // retention the share still employed, S(t). Mentored is the first
    // group (blue), not mentored the second (orange).
    for (kind, key, reached) in [
        (ChartKind::RampUp, "ramp_up", true),
        (ChartKind::Retention, "retention", false),
    ] {
        let m = marks(&svg(kind));
        let axes = km_axes(&m);
        for (colour, group) in [(BLUE, "mentored"), (ORANGE, "not_mentored")] {
            let steps = km[key][group].as_array().unwrap();
            let n = check_curve(
                &format!("{key} {group}"),
                curve(&m, colour),
                steps,
                axes,
                |s| if reached { 1.0 - s } else { s },
            );
            assert!(n >= 5, "{key} {group}: only {n} steps checked");
        }
    }
}

#[test]
fn satisfaction_dots_are_the_scipy_means_in_question_order() {
    let g = golden("analysis_sample.json");
    let m = marks(&svg(ChartKind::SatisfactionItems));
    // The mean axis: half points labelled under the rows.
    let scale = fit(&bottom_ticks(&m));
    for (colour, side, composite) in [
        (BEFORE, "before", "mean_before"),
        (BLUE, "after", "mean_after"),
    ] {
        let want: Vec<f64> = std::iter::once(g["survey_unpaired"][composite].as_f64().unwrap())
            .chain(
                g["item_means"][side]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap()),
            )
            .collect();
        // The plot's dots of this colour, top to bottom (the legend's dot
        // is above them all, so the last ones are the rows).
        let mut dots: Vec<(f64, f64)> = m
            .circles
            .iter()
            .filter(|c| c.fill == colour && c.r >= 9.0)
            .map(|c| (c.cy, c.cx))
            .collect();
        dots.sort_by(|a, b| a.0.total_cmp(&b.0));
        let rows = &dots[dots.len() - want.len()..];
        for (i, ((_, cx), w)) in rows.iter().zip(&want).enumerate() {
            close(
                &format!("{side} row {i}"),
                value_at(scale, *cx),
                *w,
                scale.1,
                1.5,
            );
        }
    }
}
