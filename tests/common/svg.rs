//! Reading a chart's SVG back: its texts, circles, lines and rectangles
//! with their positions and colours, and the value scale its tick labels
//! state, so a test can turn a mark's pixel position into the value it
//! plots and compare that with an independent number.

#[derive(Debug, Clone)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub anchor: String,
    pub content: String,
    /// The SVG font-size, in pixels.
    pub size: f64,
}

#[derive(Debug, Clone)]
pub struct Circle {
    pub cx: f64,
    pub cy: f64,
    pub r: f64,
    pub fill: String,
}

#[derive(Debug, Clone)]
pub struct Polyline {
    pub stroke: String,
    pub width: f64,
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub fill: String,
}

pub struct Marks {
    pub texts: Vec<Text>,
    pub circles: Vec<Circle>,
    pub lines: Vec<Polyline>,
    pub rects: Vec<Rect>,
}

pub fn num_attr(n: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    n.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

pub fn marks(svg: &str) -> Marks {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut m = Marks {
        texts: vec![],
        circles: vec![],
        lines: vec![],
        rects: vec![],
    };
    for n in doc.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "text" => m.texts.push(Text {
                x: num_attr(n, "x"),
                y: num_attr(n, "y"),
                anchor: n.attribute("text-anchor").unwrap_or("").to_string(),
                content: n.text().unwrap_or("").trim().to_string(),
                size: num_attr(n, "font-size"),
            }),
            "circle" => m.circles.push(Circle {
                cx: num_attr(n, "cx"),
                cy: num_attr(n, "cy"),
                r: num_attr(n, "r"),
                fill: n.attribute("fill").unwrap_or("").to_string(),
            }),
            "polyline" => m.lines.push(Polyline {
                stroke: n.attribute("stroke").unwrap_or("").to_string(),
                width: num_attr(n, "stroke-width"),
                points: n
                    .attribute("points")
                    .unwrap_or("")
                    .split_whitespace()
                    .filter_map(|p| {
                        let (x, y) = p.split_once(',')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    })
                    .collect(),
            }),
            "rect" => m.rects.push(Rect {
                x: num_attr(n, "x"),
                y: num_attr(n, "y"),
                w: num_attr(n, "width"),
                h: num_attr(n, "height"),
                fill: n.attribute("fill").unwrap_or("").to_string(),
            }),
            _ => {}
        }
    }
    m
}

/// A tick label as a number: "−0.10" (true minus), "+0.20", "1.25".
pub fn tick_value(s: &str) -> Option<f64> {
    s.replace('−', "-").replace('+', "").parse().ok()
}

/// Least-squares line `pixel = a + b·value` through labelled ticks, with
/// the largest residual, which must be under a pixel for a true scale.
pub fn fit(points: &[(f64, f64)]) -> (f64, f64) {
    assert!(points.len() >= 2, "fewer than two ticks: {points:?}");
    let n = points.len() as f64;
    let (sv, sp) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), (v, p)| (a + v, b + p));
    let (mv, mp) = (sv / n, sp / n);
    let sxx: f64 = points.iter().map(|(v, _)| (v - mv).powi(2)).sum();
    let sxy: f64 = points.iter().map(|(v, p)| (v - mv) * (p - mp)).sum();
    let b = sxy / sxx;
    let a = mp - b * mv;
    let worst = points
        .iter()
        .map(|(v, p)| (a + b * v - p).abs())
        .fold(0.0, f64::max);
    assert!(worst < 1.0, "ticks are not on one scale: {points:?}");
    (a, b)
}

/// Pixel → value through a fitted scale.
pub fn value_at(scale: (f64, f64), pixel: f64) -> f64 {
    (pixel - scale.0) / scale.1
}

/// `got` (read off the chart) equals `want` to within `px` pixels of the
/// scale `per_unit` (pixels per unit).
pub fn close(what: &str, got: f64, want: f64, per_unit: f64, px: f64) {
    let tol = px / per_unit.abs();
    assert!(
        (got - want).abs() <= tol,
        "{what}: the chart shows {got}, expected {want} (tolerance {tol})"
    );
}

/// Every colour a test reads is written `#RRGGBB` by plotters; a test
/// names them the same way.
pub fn same_colour(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The `viewBox` of the SVG's root: (x, y, width, height).
pub fn view_box(svg: &str) -> (f64, f64, f64, f64) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let v: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .expect("the chart has a viewBox")
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    (v[0], v[1], v[2], v[3])
}

/// Every mark that leaves the canvas, as written in the SVG: a rectangle's
/// corners, a polyline's or polygon's points, a circle's extent and a
/// text's anchor point, each against the `viewBox` (half a pixel of slack
/// for strokes drawn on the edge). One line per offender.
pub fn marks_outside_canvas(svg: &str) -> Vec<String> {
    let (vx, vy, vw, vh) = view_box(svg);
    let inside = |x: f64, y: f64| {
        x.is_finite()
            && y.is_finite()
            && x >= vx - 0.5
            && x <= vx + vw + 0.5
            && y >= vy - 0.5
            && y <= vy + vh + 0.5
    };
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let corners: Vec<(f64, f64)> = match n.tag_name().name() {
            "rect" => {
                let (x, y) = (num_attr(n, "x"), num_attr(n, "y"));
                let (w, h) = (num_attr(n, "width"), num_attr(n, "height"));
                vec![(x, y), (x + w, y + h)]
            }
            "circle" => {
                let (x, y, r) = (num_attr(n, "cx"), num_attr(n, "cy"), num_attr(n, "r"));
                vec![(x - r, y - r), (x + r, y + r)]
            }
            "line" => vec![
                (num_attr(n, "x1"), num_attr(n, "y1")),
                (num_attr(n, "x2"), num_attr(n, "y2")),
            ],
            "polyline" | "polygon" => n
                .attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap_or((p, "NaN"));
                    (x.parse().unwrap_or(f64::NAN), y.parse().unwrap_or(f64::NAN))
                })
                .collect(),
            "text" => vec![(num_attr(n, "x"), num_attr(n, "y"))],
            _ => continue,
        };
        if let Some(p) = corners.iter().find(|(x, y)| !inside(*x, *y)) {
            let what = match n.text().map(str::trim) {
                Some(t) if !t.is_empty() => format!(" \"{t}\""),
                _ => String::new(),
            };
            out.push(format!("<{}>{what} at {p:?}", n.tag_name().name()));
        }
    }
    out
}

/// Every text whose glyphs, as the rasteriser lays them out with the
/// embedded font, reach past the canvas: the rendered extent, not an
/// estimate, so a long label drawn end-anchored at the left edge or
/// start-anchored near the right edge is caught. One line per offender.
pub fn texts_outside_canvas(svg: &str) -> Vec<String> {
    use resvg::usvg::{Group, Node};
    let (vx, vy, vw, vh) = view_box(svg);
    let tree = mentorscope::charts::parse_svg(svg).unwrap();
    fn walk(g: &Group, out: &mut Vec<(String, resvg::usvg::Rect)>) {
        for n in g.children() {
            match n {
                Node::Group(g) => walk(g, out),
                Node::Text(t) => {
                    let s: String = t.chunks().iter().map(|c| c.text()).collect();
                    out.push((s, t.abs_bounding_box()));
                }
                _ => {}
            }
        }
    }
    let mut texts = Vec::new();
    walk(tree.root(), &mut texts);
    assert!(!texts.is_empty(), "the chart has no text to check");
    texts
        .into_iter()
        .filter(|(_, b)| {
            // One pixel of slack for anti-aliasing at the edge.
            f64::from(b.left()) < vx - 1.0
                || f64::from(b.top()) < vy - 1.0
                || f64::from(b.right()) > vx + vw + 1.0
                || f64::from(b.bottom()) > vy + vh + 1.0
        })
        .map(|(s, b)| {
            format!(
                "\"{s}\" spans x {:.0}–{:.0}, y {:.0}–{:.0} on a {vw}×{vh} canvas",
                b.left(),
                b.right(),
                b.top(),
                b.bottom()
            )
        })
        .collect()
}

// ------------------------------------------- the sample program's charts

/// The sample program imported into a database file, with `reverse` items marked
/// reverse-coded, and a second connection on it for the test's own SQL.
pub struct Program {
    _db: super::TempDb,
    pub store: mentorscope::Store,
    pub sql: rusqlite::Connection,
}

pub fn program(reverse: &[&str]) -> Program {
    let db = super::temp_db();
    let mut store = super::open(&db);
    mentorscope::sample::import_into(&mut store).unwrap();
    for item in reverse {
        store.set_item_reverse(item, true).unwrap();
    }
    let sql = rusqlite::Connection::open(&db.path).unwrap();
    Program {
        _db: db,
        store,
        sql,
    }
}

/// One chart of the program's default analysis, which must have data.
pub fn chart(p: &Program, kind: mentorscope::charts::ChartKind) -> String {
    use mentorscope::{analysis, charts, report};
    let ctx = charts::ChartContext {
        sources: report::sources(&p.store).unwrap(),
    };
    let data = analysis::frames::ProgramData::load(&p.store).unwrap();
    let a = analysis::analyze_data(&data, &analysis::AnalysisOptions::default()).unwrap();
    let x = report::chart_extras(&data, &a, &report::ReportOptions::default());
    let c = charts::render(kind, &a, &x, &ctx).unwrap();
    assert!(c.has_data, "{kind:?}");
    c.svg
}

// ------------------------------------------------- axes of time charts

/// A date as a day count (any origin: scales are fitted).
pub fn days(d: chrono::NaiveDate) -> f64 {
    use chrono::Datelike;
    f64::from(d.num_days_from_ce())
}

/// The time axis from its month labels ("Jan 2025" under the month's
/// first day): pixels per day.
pub fn month_axis(m: &Marks) -> (f64, f64) {
    let ticks: Vec<(f64, f64)> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle")
        .filter_map(|t| {
            let d =
                chrono::NaiveDate::parse_from_str(&format!("1 {}", t.content), "%d %b %Y").ok()?;
            Some((days(d), t.x))
        })
        .collect();
    fit(&ticks)
}

/// The value axes of stacked panels, top to bottom: right-aligned numeric
/// labels, each panel's running down to its "0" — as (scale, top y, zero y).
pub fn panel_axes(m: &Marks) -> Vec<((f64, f64), f64, f64)> {
    let mut ticks: Vec<(f64, f64)> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "end")
        .filter_map(|t| {
            let (s, pct) = match t.content.strip_suffix('%') {
                Some(s) => (s, true),
                None => (t.content.as_str(), false),
            };
            let v = s.replace(',', "").parse::<f64>().ok()?;
            Some((if pct { v / 100.0 } else { v }, t.y))
        })
        .collect();
    ticks.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut out = Vec::new();
    let mut panel: Vec<(f64, f64)> = Vec::new();
    for t in ticks {
        panel.push(t);
        if t.0 == 0.0 {
            let top = panel.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            out.push((fit(&panel), top, t.1));
            panel.clear();
        }
    }
    out
}
