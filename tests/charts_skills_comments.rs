//! The skills (M8) and comments (M9) charts read back through their own
//! axes: every dot, whisker and bar is located in the SVG, its pixel
//! position is turned into a value with the scale the chart's tick labels
//! state, and that value must equal the analysis's number to within a
//! pixel and a half. The analysis's numbers are held to SciPy and to an
//! independent log-odds computation in `analysis_skills` /
//! `analysis_comments`; here the question is only whether the picture
//! draws them, in the right row, panel and colour.

use mentorscope::analysis::{analyze_data, Analysis, AnalysisOptions, SkillRow};
use mentorscope::charts::{self, ChartContext, ChartExtras, ChartKind};
use mentorscope::report::{self, ReportOptions};
use mentorscope::Store;

mod common;
use common::svg::{close, fit, marks, tick_value, value_at, Marks};

const BEFORE: &str = "#8A8F98";
const BLUE: &str = "#0072B2";
const ORANGE: &str = "#E69F00";

fn analysed(opts: &AnalysisOptions) -> (Analysis, ChartExtras, ChartContext) {
    let mut store = Store::open_in_memory().unwrap();
    mentorscope::sample::import_into(&mut store).unwrap();
    let ctx = ChartContext {
        sources: report::sources(&store).unwrap(),
    };
    let data = mentorscope::analysis::frames::ProgramData::load(&store).unwrap();
    let a = analyze_data(&data, opts).unwrap();
    let x = report::chart_extras(&data, &a, &ReportOptions::default());
    (a, x, ctx)
}

/// The tick labels under the plot, split into panels left to right (a
/// panel starts where the values stop rising).
fn panels(m: &Marks, parse: impl Fn(&str) -> Option<f64>) -> Vec<Vec<(f64, f64)>> {
    let bottom = m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle" && parse(&t.content).is_some())
        .map(|t| t.y)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut ticks: Vec<(f64, f64)> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle" && (t.y - bottom).abs() < 1.0)
        .filter_map(|t| Some((parse(&t.content)?, t.x)))
        .collect();
    ticks.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    for t in ticks {
        match out.last_mut() {
            Some(p) if p.last().is_some_and(|l| l.0 < t.0) => p.push(t),
            _ => out.push(vec![t]),
        }
    }
    out
}

/// The y of the row whose label (right-aligned) is `label`.
fn row_y(m: &Marks, label: &str) -> f64 {
    let hits: Vec<f64> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "end" && t.content == label)
        .map(|t| t.y)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "row label {label:?} found {} times",
        hits.len()
    );
    hits[0]
}

fn raters(a: &Analysis) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &a.skills {
        if !out.contains(&r.rater) {
            out.push(r.rater.clone());
        }
    }
    out
}

fn shown(a: &Analysis) -> Vec<&SkillRow> {
    a.skills.iter().filter(|r| !r.suppressed).collect()
}

#[test]
fn skill_growth_dots_are_each_areas_means_in_its_raters_panel() {
    let (a, x, ctx) = analysed(&AnalysisOptions::default());
    assert!(shown(&a).len() >= 10, "the sample has skill rows to draw");
    let c = charts::render(ChartKind::SkillGrowth, &a, &x, &ctx).unwrap();
    assert!(c.has_data);
    let m = marks(&c.svg);
    let ps = panels(&m, tick_value);
    let raters = raters(&a);
    assert_eq!(ps.len(), raters.len(), "one panel per rater: {ps:?}");
    let scales: Vec<(f64, f64)> = ps.iter().map(|p| fit(p)).collect();
    // A dot belongs to the panel whose first tick is the last one left of it.
    let panel_of = |cx: f64| ps.iter().rposition(|p| p[0].1 - 20.0 <= cx).unwrap_or(0);
    let mut checked = 0;
    for r in shown(&a) {
        let y = row_y(&m, &r.area);
        let j = raters.iter().position(|x| *x == r.rater).unwrap();
        let at_row = |fill: &str| -> Vec<f64> {
            m.circles
                .iter()
                .filter(|c| c.fill == fill && (c.cy - y).abs() < 2.0 && panel_of(c.cx) == j)
                .map(|c| value_at(scales[j], c.cx))
                .collect()
        };
        let (b, af) = (at_row(BEFORE), at_row(BLUE));
        assert_eq!(
            (b.len(), af.len()),
            (1, 1),
            "{} / {}: dots {b:?} {af:?}",
            r.area,
            r.rater
        );
        let what = format!("{} ({})", r.area, r.rater);
        close(
            &format!("{what} before"),
            b[0],
            r.mean_before.unwrap(),
            scales[j].1,
            1.5,
        );
        close(
            &format!("{what} after"),
            af[0],
            r.mean_after.unwrap(),
            scales[j].1,
            1.5,
        );
        checked += 1;
    }
    assert_eq!(checked, shown(&a).len());
    // Every clear growth (Holm p < 0.05) is drawn as a blue bar between
    // the dots; a change that could be chance is not.
    let clear: Vec<&SkillRow> = shown(&a)
        .into_iter()
        .filter(|r| r.p_holm.unwrap() < 0.05 && r.mean_change.unwrap() > 0.0)
        .collect();
    let blue_bars = m
        .lines
        .iter()
        .filter(|l| l.stroke == BLUE && l.width >= 5.0)
        .count();
    // The legend's "clear growth" swatch is one more blue line.
    assert_eq!(blue_bars, clear.len() + 1);
}

#[test]
fn coverage_bars_and_change_whiskers_are_the_analysis_numbers() {
    let (a, x, ctx) = analysed(&AnalysisOptions::default());
    let c = charts::render(ChartKind::SkillCoverage, &a, &x, &ctx).unwrap();
    assert!(c.has_data);
    let m = marks(&c.svg);
    let pct = |s: &str| s.strip_suffix('%')?.parse::<f64>().ok().map(|v| v / 100.0);
    let cover_ticks = panels(&m, pct);
    assert_eq!(cover_ticks.len(), 1, "{cover_ticks:?}");
    let cover = fit(&cover_ticks[0]);
    let change_ticks: Vec<(f64, f64)> = panels(&m, |s| {
        (s.starts_with('+') || s.starts_with('−') || s == "0.00")
            .then(|| tick_value(s))
            .flatten()
    })
    .concat();
    let change = fit(&change_ticks);
    let raters = raters(&a);
    let colours = [BLUE, ORANGE];
    for r in shown(&a) {
        let y = row_y(&m, &r.area);
        let j = raters.iter().position(|x| *x == r.rater).unwrap();
        // The coverage bar: the sky-blue rectangle on this row, from 0 to
        // the share (the first rater with a coverage supplies it).
        let want_cover = a
            .skills
            .iter()
            .filter(|s| s.area == r.area)
            .find_map(|s| s.coverage);
        if let Some(want) = want_cover {
            let bar = m
                .rects
                .iter()
                .find(|b| b.fill == "#56B4E9" && b.y <= y && y <= b.y + b.h)
                .unwrap_or_else(|| panic!("no coverage bar on {}", r.area));
            close(
                &format!("{} from", r.area),
                value_at(cover, bar.x),
                0.0,
                cover.1,
                1.5,
            );
            close(
                &format!("{} coverage", r.area),
                value_at(cover, bar.x + bar.w),
                want,
                cover.1,
                1.5,
            );
        }
        // The rater's dot and whisker, somewhere in the row's band.
        let dots: Vec<f64> = m
            .circles
            .iter()
            .filter(|c| {
                c.fill == colours[j] && (c.cy - y).abs() < 40.0 && c.cx > change_ticks[0].1 - 5.0
            })
            .filter(|c| {
                // The rater's band: above the row centre for the first
                // rater, below for the second.
                (c.cy < y) == (j == 0) || raters.len() == 1
            })
            .map(|c| value_at(change, c.cx))
            .collect();
        assert_eq!(dots.len(), 1, "{} ({}): {dots:?}", r.area, r.rater);
        close(
            &format!("{} change", r.area),
            dots[0],
            r.mean_change.unwrap(),
            change.1,
            1.5,
        );
        let [lo, hi] = r.ci95.unwrap();
        let whisker = m
            .lines
            .iter()
            .filter(|l| l.stroke == colours[j] && l.points.len() == 2)
            .find(|l| {
                (l.points[0].1 - l.points[1].1).abs() < 0.5
                    && (c_y(l) - y).abs() < 40.0
                    && ((c_y(l) < y) == (j == 0) || raters.len() == 1)
            })
            .unwrap_or_else(|| panic!("no whisker for {} ({})", r.area, r.rater));
        close(
            &format!("{} CI low", r.area),
            value_at(change, whisker.points[0].0),
            lo,
            change.1,
            1.5,
        );
        close(
            &format!("{} CI high", r.area),
            value_at(change, whisker.points[1].0),
            hi,
            change.1,
            1.5,
        );
    }
}

fn c_y(l: &common::svg::Polyline) -> f64 {
    l.points[0].1
}

#[test]
fn comment_bars_are_shares_of_comments_and_distinctive_bars_are_z_scores() {
    let (a, x, ctx) = analysed(&AnalysisOptions::default());
    let cm = &a.comments;
    let (b, af) = (cm.before.as_ref().unwrap(), cm.after.as_ref().unwrap());
    let c = charts::render(ChartKind::CommentTerms, &a, &x, &ctx).unwrap();
    assert!(c.has_data);
    let m = marks(&c.svg);
    // Each wave's bars, left panel before, middle after: the labels are the
    // terms, each bar's length is proportional to its share of comments,
    // and the label beside it states that share.
    let mut panel_x = Vec::new();
    for w in [b, af] {
        let n = w.n.unwrap() as f64;
        let terms = w.top_terms.as_ref().unwrap();
        assert!(terms.len() >= 5);
        let label_x = m
            .texts
            .iter()
            .filter(|t| t.anchor == "end" && t.content == terms[0].0)
            .map(|t| t.x)
            .fold(f64::INFINITY, f64::min);
        // Pixels per unit of share, from the longest bar (the first).
        let mut px_per_share = None;
        for (term, count) in terms {
            let label = m
                .texts
                .iter()
                .filter(|t| t.anchor == "end" && t.content == *term)
                .min_by(|p, q| (p.x - label_x).abs().total_cmp(&(q.x - label_x).abs()))
                .unwrap_or_else(|| panic!("no label for {term}"));
            let bar = m
                .rects
                .iter()
                .find(|r| {
                    r.x > label.x && r.x < label.x + 40.0 && r.y <= label.y && label.y <= r.y + r.h
                })
                .unwrap_or_else(|| panic!("no bar for {term}"));
            let share = *count as f64 / n;
            let scale = *px_per_share.get_or_insert(bar.w / share);
            assert!(
                (bar.w - scale * share).abs() <= 1.5,
                "{term}: a bar of {} px for {share}, the first bar makes that {} px",
                bar.w,
                scale * share
            );
            let shown = format!("{:.0}%", share * 100.0);
            assert!(
                m.texts.iter().any(|t| t.content == shown
                    && (t.y - label.y).abs() < 1.0
                    && t.x > bar.x + bar.w),
                "{term}: no {shown} beside its bar"
            );
        }
        panel_x.push(label_x);
    }
    assert!(panel_x[0] < panel_x[1], "before is left of after");
    // The distinctive panel: z on a scale its ticks state.
    let d = cm.distinctive.as_ref().unwrap();
    let listed: Vec<&(String, f64)> = d.after.iter().chain(d.before.iter()).collect();
    assert!(
        !listed.is_empty(),
        "the sample's comments have a distinctive term"
    );
    let ticks = panels(&m, |s| {
        (s.starts_with('+') || s.starts_with('−') || s == "0")
            .then(|| tick_value(s))
            .flatten()
    });
    let z = fit(&ticks.concat());
    for (term, want) in listed {
        let label = format!("{term} {}", mentorscope::charts::theme::signed(*want, 1));
        let t = m
            .texts
            .iter()
            .find(|t| t.content == label)
            .unwrap_or_else(|| panic!("no {label}"));
        let bar = m
            .rects
            .iter()
            .find(|r| {
                r.y <= t.y
                    && t.y <= r.y + r.h
                    && (r.fill == BLUE || r.fill == ORANGE)
                    && r.x >= ticks[0][0].1 - 5.0
            })
            .unwrap_or_else(|| panic!("no z bar for {term}"));
        let (from, to) = if *want > 0.0 {
            (bar.x, bar.x + bar.w)
        } else {
            (bar.x + bar.w, bar.x)
        };
        close(&format!("{term} zero"), value_at(z, from), 0.0, z.1, 1.5);
        close(&format!("{term} z"), value_at(z, to), *want, z.1, 1.5);
        assert_eq!(bar.fill, if *want > 0.0 { BLUE } else { ORANGE }, "{term}");
    }
}

#[test]
fn a_hidden_program_draws_no_skill_or_comment_figure() {
    let opts = AnalysisOptions {
        min_group_size: 1000,
        ..Default::default()
    };
    let (a, x, ctx) = analysed(&opts);
    let (open, _, _) = analysed(&AnalysisOptions::default());
    for kind in [
        ChartKind::SkillGrowth,
        ChartKind::SkillCoverage,
        ChartKind::CommentTerms,
    ] {
        let c = charts::render(kind, &a, &x, &ctx).unwrap();
        assert!(!c.has_data, "{kind:?}");
        assert!(
            c.svg.contains("fewer than 1000"),
            "{kind:?} does not say why"
        );
        // No area's change, no term of the open analysis reaches it.
        for r in &open.skills {
            if let Some(d) = r.mean_change {
                let s = mentorscope::charts::theme::signed(d, 2);
                assert!(
                    !c.description.contains(&s) || s == "0.00",
                    "{kind:?} shows {s}"
                );
            }
        }
        for (t, _) in open
            .comments
            .after
            .as_ref()
            .unwrap()
            .top_terms
            .as_ref()
            .unwrap()
        {
            assert!(
                !c.svg.contains(&format!(">{t}<")),
                "{kind:?} shows the term {t}"
            );
        }
    }
}
