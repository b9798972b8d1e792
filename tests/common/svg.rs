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
