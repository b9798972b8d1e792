//! The new M6/M7 charts read back through their own axes: every mark is
//! located in the SVG, its pixel position is turned into a value with the
//! scale the chart's tick labels state (a least-squares fit through the
//! labelled ticks, log for hazard ratios), and that value must equal the
//! analysis's number to within a pixel and a half. The expected numbers
//! come from the analysis (checked against lifelines and statsmodels in
//! `analysis_sample`), never from the chart code, and nothing here depends
//! on the sample program's particular values.

use chrono::NaiveDate;
use mentorscope::analysis::frames::ProgramData;
use mentorscope::analysis::{analyze_data, Analysis, AnalysisOptions, WaveSummary};
use mentorscope::charts::{self, ChartContext, ChartExtras, ChartKind};
use mentorscope::report::{self, ReportOptions};
use mentorscope::Store;

mod common;
use common::svg::{close, fit, marks, tick_value, value_at, Circle, Polyline, Text};

/// Okabe–Ito and theme colours as the SVG writes them.
const BEFORE: &str = "#8A8F98";
const SKY_BLUE: &str = "#56B4E9";
const BLUE: &str = "#0072B2";
const GREEN: &str = "#009E73";

fn sample() -> (ProgramData, ChartContext) {
    let mut store = Store::open_in_memory().unwrap();
    mentorscope::sample::import_into(&mut store).unwrap();
    let ctx = ChartContext {
        sources: report::sources(&store).unwrap(),
    };
    (ProgramData::load(&store).unwrap(), ctx)
}

fn analysed() -> (Analysis, ChartExtras, ChartContext) {
    let (data, ctx) = sample();
    let a = analyze_data(&data, &AnalysisOptions::default()).unwrap();
    let x = report::chart_extras(&data, &a, &ReportOptions::default());
    (a, x, ctx)
}

fn svg_of(kind: ChartKind, a: &Analysis, x: &ChartExtras, ctx: &ChartContext) -> String {
    let c = charts::render(kind, a, x, ctx).unwrap();
    assert!(c.has_data, "{kind:?} drew no data");
    c.svg
}

/// One forest-plot row: colour, estimate, CI, log scale?, name.
type Expected<'a> = (&'a str, Option<f64>, Option<[f64; 2]>, bool, &'a str);

#[test]
fn forest_plot_points_and_whiskers_are_the_analysis_hazard_ratios_and_differences() {
    let (a, x, ctx) = analysed();
    let m = marks(&svg_of(ChartKind::AdjustedEffects, &a, &x, &ctx));
    // Tick rows: centred numeric labels sharing a y. The hazard-ratio axis
    // has "1" and no signed labels; the survey axis has signed ones.
    let mut rows: std::collections::BTreeMap<i64, Vec<&Text>> = Default::default();
    for t in m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle" && tick_value(&t.content).is_some())
    {
        rows.entry(t.y as i64).or_default().push(t);
    }
    let hr_row = rows
        .values()
        .find(|r| r.iter().any(|t| t.content == "1") && r.len() >= 3)
        .expect("a hazard-ratio axis");
    let diff_row = rows
        .values()
        .find(|r| r.iter().any(|t| t.content.starts_with('+')))
        .expect("a survey-difference axis");
    // The hazard-ratio axis is logarithmic: pixel = a + b·ln(value).
    let hr_scale = fit(&hr_row
        .iter()
        .map(|t| (tick_value(&t.content).unwrap().ln(), t.x))
        .collect::<Vec<_>>());
    let diff_scale = fit(&diff_row
        .iter()
        .map(|t| (tick_value(&t.content).unwrap(), t.x))
        .collect::<Vec<_>>());

    let (r, t, u, p) = (
        &a.ramp_up,
        &a.retention,
        &a.survey_unpaired,
        &a.survey_paired,
    );
    // (colour, estimate, ci, log scale?) in drawing order.
    let expected: Vec<Expected<'_>> = vec![
        (
            BEFORE,
            r.unadjusted.hazard_ratio,
            r.unadjusted.ci95,
            true,
            "ramp-up raw",
        ),
        (
            BLUE,
            r.adjusted.hazard_ratio,
            r.adjusted.ci95,
            true,
            "ramp-up like for like",
        ),
        (
            BEFORE,
            t.unadjusted.hazard_ratio,
            t.unadjusted.ci95,
            true,
            "retention raw",
        ),
        (
            BLUE,
            t.adjusted.hazard_ratio,
            t.adjusted.ci95,
            true,
            "retention like for like",
        ),
        (BEFORE, u.diff, u.ci95, false, "survey raw"),
        (SKY_BLUE, p.mean_diff, p.ci95, false, "survey same people"),
        (
            BLUE,
            u.adjusted.diff,
            u.adjusted.ci95,
            false,
            "survey like for like",
        ),
    ];
    // A figure disclosure control hides is drawn as "hidden", never as a
    // dot (on the sample program the like-for-like satisfaction difference
    // is hidden: one response is not on the roster).
    let hidden = expected.iter().filter(|e| e.1.is_none()).count();
    assert_eq!(
        hidden,
        usize::from(u.adjusted.suppressed),
        "only the suppressed like-for-like survey row may be missing"
    );
    if hidden > 0 {
        assert!(
            m.texts.iter().any(|t| t.content == "hidden"),
            "no 'hidden' label"
        );
    }
    let expected: Vec<(&str, f64, [f64; 2], bool, &str)> = expected
        .into_iter()
        .filter_map(|(c, e, ci, log, what)| Some((c, e?, ci?, log, what)))
        .collect();
    // Estimate dots are radius 11 (the legend's are smaller).
    let dots: Vec<&Circle> = m
        .circles
        .iter()
        .filter(|c| c.r == 11.0 && c.fill != "#FFFFFF")
        .collect();
    assert_eq!(dots.len(), expected.len(), "{dots:?}");
    for (dot, (colour, est, [lo, hi], log, what)) in dots.iter().zip(&expected) {
        assert_eq!(&dot.fill, colour, "{what}");
        let (scale, tr): ((f64, f64), fn(f64) -> f64) = if *log {
            (hr_scale, f64::ln)
        } else {
            (diff_scale, |v| v)
        };
        close(what, value_at(scale, dot.cx), tr(*est), scale.1, 1.5);
        // The whisker: the same colour's thick line through the dot's row.
        let whisker = m
            .lines
            .iter()
            .find(|l| {
                &l.stroke == colour
                    && l.width == 5.0
                    && l.points.len() == 2
                    && l.points.iter().all(|p| (p.1 - dot.cy).abs() < 0.5)
            })
            .unwrap_or_else(|| panic!("{what}: no whisker"));
        let (x0, x1) = (whisker.points[0].0, whisker.points[1].0);
        close(
            &format!("{what} lower"),
            value_at(scale, x0),
            tr(*lo),
            scale.1,
            1.5,
        );
        close(
            &format!("{what} upper"),
            value_at(scale, x1),
            tr(*hi),
            scale.1,
            1.5,
        );
    }
    // "No difference" is marked: a reference line at 1 and at 0.
    for (scale, v) in [(hr_scale, 0.0f64), (diff_scale, 0.0)] {
        let px = scale.0 + scale.1 * v;
        assert!(
            m.lines
                .iter()
                .any(|l| l.stroke == "#1F2328" && l.points.iter().all(|p| (p.0 - px).abs() < 1.0)),
            "no reference line at {px}"
        );
    }
}

#[test]
fn trend_chart_points_are_the_wave_means_and_suppressed_waves_are_not_drawn() {
    let (mut a, x, ctx) = analysed();
    // However many waves the sample has, give the chart four, one of them
    // suppressed: a hidden wave keeps its column and shows no figure.
    let extra = |name: &str, date: &str, mean: f64, enps: f64| WaveSummary {
        wave: name.into(),
        median_date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        n: 40,
        mean: Some(mean),
        ci95: Some([mean - 0.2, mean + 0.2]),
        enps: Some(enps),
        suppressed: false,
    };
    a.waves.push(extra("exit-late", "2030-01-15", 3.91, 12.0));
    a.waves.push(WaveSummary {
        wave: "tiny".into(),
        median_date: NaiveDate::parse_from_str("2030-06-15", "%Y-%m-%d").ok(),
        n: 3,
        mean: None,
        ci95: None,
        enps: None,
        suppressed: true,
    });
    let m = marks(&svg_of(ChartKind::SatisfactionTrend, &a, &x, &ctx));
    // The composite axis: right-aligned unsigned labels between 1 and 5.
    let ticks: Vec<(f64, f64)> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "end" && !t.content.starts_with(['+', '−']))
        .filter_map(|t| tick_value(&t.content).map(|v| (v, t.y)))
        .filter(|(v, _)| (1.0..=5.0).contains(v))
        .collect();
    let scale = fit(&ticks);
    let dots: Vec<&Circle> = m
        .circles
        .iter()
        .filter(|c| c.fill == BLUE && c.r == 11.0)
        .collect();
    let shown: Vec<&WaveSummary> = a
        .waves
        .iter()
        .filter(|w| !w.suppressed && w.mean.is_some())
        .collect();
    assert_eq!(dots.len(), shown.len());
    let mut last_x = f64::MIN;
    for (d, w) in dots.iter().zip(&shown) {
        close(
            &format!("wave {}", w.wave),
            value_at(scale, d.cy),
            w.mean.unwrap(),
            scale.1,
            1.5,
        );
        assert!(d.cx > last_x, "waves are not in time order");
        last_x = d.cx;
    }
    // Each wave is named under its column, the hidden one too, and says so.
    for w in &a.waves {
        assert!(m.texts.iter().any(|t| t.content == w.wave), "{}", w.wave);
    }
    assert!(m
        .texts
        .iter()
        .any(|t| t.content.starts_with("Hidden: fewer than")));
    // eNPS: one green dot per wave that has it, read off its own axis.
    let enps_ticks: Vec<(f64, f64)> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "end" && (t.content == "0" || t.content.starts_with(['+', '−'])))
        .filter_map(|t| tick_value(&t.content).map(|v| (v, t.y)))
        .collect();
    let enps_scale = fit(&enps_ticks);
    let green: Vec<&Circle> = m
        .circles
        .iter()
        .filter(|c| c.fill == GREEN && c.r == 9.0)
        .collect();
    let with_enps: Vec<f64> = a.waves.iter().filter_map(|w| w.enps).collect();
    assert_eq!(green.len(), with_enps.len());
    for (d, e) in green.iter().zip(&with_enps) {
        close("eNPS", value_at(enps_scale, d.cy), *e, enps_scale.1, 1.5);
    }
}

#[test]
fn delivery_trend_counterfactual_is_the_pre_launch_line_carried_on() {
    let (a, x, ctx) = analysed();
    let its = &a.delivery.its;
    let (a0, b0) = (its.pre_intercept.unwrap(), its.pre_slope.unwrap());
    let level = its.level_change.estimate.unwrap();
    let slope = its.slope_change.estimate.unwrap();
    let launch = a.launch.unwrap();
    let m = marks(&svg_of(ChartKind::DeliveryTrend, &a, &x, &ctx));
    // y: the right-aligned deploy ticks; x: the month labels ("Jan 2025"),
    // as weeks since launch.
    let y_scale = fit(&m
        .texts
        .iter()
        .filter(|t| t.anchor == "end")
        .filter_map(|t| tick_value(&t.content).map(|v| (v, t.y)))
        .collect::<Vec<_>>());
    let weeks = |d: NaiveDate| (d - launch).num_days() as f64 / 7.0;
    let x_scale = fit(&m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle")
        .filter_map(|t| {
            NaiveDate::parse_from_str(&format!("1 {}", t.content), "%d %b %Y")
                .ok()
                .map(|d| (weeks(d), t.x))
        })
        .collect::<Vec<_>>());
    let at = |p: (f64, f64)| (value_at(x_scale, p.0), value_at(y_scale, p.1));
    // Rounding to whole pixels moves a point by half a pixel on each axis;
    // on a sloped line that shows in y as slope × the x error.
    let y_tol = |slope: f64| 1.5 / y_scale.1.abs() + slope.abs() * 1.5 / x_scale.1.abs();

    // Only marks inside the plot: the legend above it draws the same
    // swatches.
    let plot_top = m
        .texts
        .iter()
        .filter(|t| t.anchor == "end" && tick_value(&t.content).is_some())
        .map(|t| t.y)
        .fold(f64::MAX, f64::min);
    let in_plot = |l: &&Polyline| l.points.iter().all(|p| p.1 >= plot_top - 2.0);
    let dashes: Vec<&Polyline> = m
        .lines
        .iter()
        .filter(|l| l.stroke == BEFORE && l.width == 4.0)
        .filter(in_plot)
        .collect();
    assert!(dashes.len() > 5, "the counterfactual is not dashed");
    let mut ws = Vec::new();
    for d in &dashes {
        for p in &d.points {
            let (w, v) = at(*p);
            assert!(
                (v - (a0 + b0 * w)).abs() <= y_tol(b0),
                "counterfactual point at week {w:.2}: {v} vs {}",
                a0 + b0 * w
            );
            ws.push(w);
        }
    }
    // It starts at launch and runs to the last week.
    let first = ws.iter().copied().fold(f64::MAX, f64::min);
    let last = ws.iter().copied().fold(f64::MIN, f64::max);
    let last_week = a.delivery.weekly.last().unwrap().week;
    assert!(first.abs() < 1.5 / x_scale.1, "starts at week {first}");
    assert!(
        last > weeks(last_week) - 4.0,
        "ends at week {last}, data to {}",
        weeks(last_week)
    );
    // The fitted lines: before launch, the same line; after, shifted by the
    // level change and turned by the slope change.
    let solid = |colour: &str| {
        m.lines
            .iter()
            .filter(in_plot)
            .find(|l| l.stroke == colour && l.width == 5.0)
            .unwrap_or_else(|| panic!("no {colour} fitted line"))
    };
    for p in &solid(BEFORE).points {
        let (w, v) = at(*p);
        assert!((v - (a0 + b0 * w)).abs() <= y_tol(b0), "pre line at {w}");
    }
    for p in &solid(BLUE).points {
        let (w, v) = at(*p);
        let want = a0 + level + (b0 + slope) * w;
        assert!(
            (v - want).abs() <= y_tol(b0 + slope),
            "post line at {w}: {v} vs {want}"
        );
    }
}

#[test]
fn cohort_and_format_charts_show_every_row_with_its_n_and_hide_small_groups() {
    let (mut a, x, ctx) = analysed();
    assert!(!a.cohorts.is_empty());
    let svg = svg_of(ChartKind::Cohorts, &a, &x, &ctx);
    for c in &a.cohorts {
        assert!(svg.contains(&c.cohort), "{}", c.cohort);
        if !c.suppressed {
            let m = c.after_mean.unwrap();
            assert!(
                svg.contains(&format!("{m:.2} (n = {})", c.after_n)),
                "{}: {m:.2} (n = {})",
                c.cohort,
                c.after_n
            );
        }
    }
    // Formats: a clear panel without them, the table with them; a
    // suppressed format's mean never reaches the SVG.
    a.formats = None;
    let none = charts::render(ChartKind::Formats, &a, &x, &ctx).unwrap();
    assert!(!none.has_data);
    assert!(none.svg.contains("No formats in the pairing sheet"));
    let mut rows = a.cohorts.clone();
    rows[0].cohort = "Group sessions".into();
    rows[0].suppressed = true;
    rows[0].after_mean = None;
    let secret = 4.321;
    rows[1].cohort = "One-to-one".into();
    rows[1].after_mean = Some(secret);
    rows[1].suppressed = false;
    a.formats = Some(rows.clone());
    let with = charts::render(ChartKind::Formats, &a, &x, &ctx).unwrap();
    assert!(with.has_data);
    assert!(with.svg.contains("Group sessions") && with.svg.contains("hidden (fewer than"));
    assert!(with.svg.contains("4.32 (n ="));
    rows[1].suppressed = true;
    rows[1].after_mean = None;
    a.formats = Some(rows);
    let hidden = charts::render(ChartKind::Formats, &a, &x, &ctx).unwrap();
    assert!(!hidden.svg.contains("4.32"));
}
