//! The one look every chart shares: canvas size, the embedded font, the
//! Okabe–Ito colour-blind-safe palette, the title/subtitle/footer frame and
//! the text helpers (measure, wrap, draw) that keep labels inside the canvas.
//!
//! Every size here is in SVG pixels of the 1920×1080 canvas; PNGs are the
//! same drawing rasterised at 1× and 2×.

use std::sync::{Once, OnceLock};

use ab_glyph::{Font, FontRef, GlyphId};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

/// Canvas width and height (slide size).
pub const W: i32 = 1920;
pub const H: i32 = 1080;
/// Left and right margin of the title, plot and footer.
pub const MARGIN_X: i32 = 96;

/// The family name under which the embedded font is registered with
/// plotters, written into the SVG, and loaded into the rasteriser's font
/// database: all three must agree.
pub const FAMILY: &str = "DejaVu Sans";
pub static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

pub const fn hex(c: u32) -> RGBColor {
    RGBColor((c >> 16) as u8, (c >> 8) as u8, c as u8)
}

// Text and structure.
pub const INK: RGBColor = hex(0x1F2328);
pub const MUTED: RGBColor = hex(0x4B5563);
pub const SUBTLE: RGBColor = hex(0x6B7280);
pub const AXIS: RGBColor = hex(0x9CA3AF);
pub const GRID: RGBColor = hex(0xE5E7EB);
pub const PANEL: RGBColor = hex(0xF3F4F6);
pub const BACKGROUND: RGBColor = hex(0xFFFFFF);

// Okabe & Ito (2008), "Color Universal Design".
pub const ORANGE: RGBColor = hex(0xE69F00);
pub const SKY_BLUE: RGBColor = hex(0x56B4E9);
pub const GREEN: RGBColor = hex(0x009E73);
pub const BLUE: RGBColor = hex(0x0072B2);
pub const VERMILLION: RGBColor = hex(0xD55E00);
pub const PURPLE: RGBColor = hex(0xCC79A7);

/// Before is a quiet grey and after the program's blue, so the eye goes to
/// "now" first; the pair stays distinct for every colour-vision type.
pub const BEFORE: RGBColor = hex(0x8A8F98);
pub const AFTER: RGBColor = BLUE;
/// The two groups of ramp-up and retention (mentored, not mentored).
pub const GROUPS: [RGBColor; 2] = [BLUE, ORANGE];
/// Something that needs attention (a quiet pairing, a skill area never
/// discussed).
pub const ALERT: RGBColor = VERMILLION;

/// Diverging Likert colours from most negative to most positive, built from
/// the Okabe–Ito vermillion/orange and blue/sky-blue pairs around a grey.
pub fn likert_colours(points: usize) -> Vec<RGBColor> {
    let half = points / 2;
    let neg_ends = (VERMILLION, hex(0xF2C572));
    let pos_ends = (hex(0x9ACFEF), BLUE);
    let mut out: Vec<RGBColor> = match half {
        0 => vec![],
        1 => vec![ORANGE],
        2 => vec![VERMILLION, ORANGE],
        3 => vec![VERMILLION, ORANGE, neg_ends.1],
        n => ramp(neg_ends.0, neg_ends.1, n),
    };
    if points % 2 == 1 {
        out.push(hex(0xCFD3D8));
    }
    out.extend(match half {
        0 => vec![],
        1 => vec![SKY_BLUE],
        2 => vec![SKY_BLUE, BLUE],
        3 => vec![pos_ends.0, SKY_BLUE, BLUE],
        n => ramp(pos_ends.0, pos_ends.1, n),
    });
    out
}

fn ramp(a: RGBColor, b: RGBColor, n: usize) -> Vec<RGBColor> {
    let mix = |x: u8, y: u8, t: f64| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    (0..n)
        .map(|i| {
            let t = if n > 1 {
                i as f64 / (n - 1) as f64
            } else {
                0.0
            };
            RGBColor(mix(a.0, b.0, t), mix(a.1, b.1, t), mix(a.2, b.2, t))
        })
        .collect()
}

/// Registers the embedded font with plotters once per process.
pub fn ensure_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are the font files compiled into this binary, so
        // registration cannot fail on a user's machine.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, REGULAR_TTF);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, BOLD_TTF);
    });
}

fn face(bold: bool) -> &'static FontRef<'static> {
    static REGULAR: OnceLock<FontRef<'static>> = OnceLock::new();
    static BOLD: OnceLock<FontRef<'static>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, BOLD_TTF)
    } else {
        (&REGULAR, REGULAR_TTF)
    };
    cell.get_or_init(|| FontRef::try_from_slice(bytes).expect("the embedded font parses"))
}

/// Width in pixels of `text` set at `px` (the SVG font-size).
pub fn text_width(text: &str, px: f64, bold: bool) -> f64 {
    let f = face(bold);
    let upem = f.units_per_em().unwrap_or(2048.0) as f64;
    let mut w = 0.0;
    let mut prev: Option<GlyphId> = None;
    for c in text.chars() {
        let g = f.glyph_id(c);
        if let Some(p) = prev {
            w += f.kern_unscaled(p, g) as f64;
        }
        w += f.h_advance_unscaled(g) as f64;
        prev = Some(g);
    }
    w * px / upem
}

/// Greedy word wrap to `max_width` pixels. A single word longer than the
/// line is cut with an ellipsis rather than allowed to overflow.
pub fn wrap(text: &str, px: f64, bold: bool, max_width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, px, bold) <= max_width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|l| ellipsize(&l, px, bold, max_width))
        .collect()
}

/// Wraps to at most `max_lines`, ending the last line with an ellipsis when
/// text was dropped.
pub fn wrap_lines(
    text: &str,
    px: f64,
    bold: bool,
    max_width: f64,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = wrap(text, px, bold, max_width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let shortened = ellipsize(&format!("{last} …"), px, bold, max_width);
            *last = if shortened.ends_with('…') {
                shortened
            } else {
                format!("{last}…")
            };
        }
    }
    lines
}

/// Cuts `text` to fit `max_width`, ending with "…" when cut.
pub fn ellipsize(text: &str, px: f64, bold: bool, max_width: f64) -> String {
    if text_width(text, px, bold) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut n = chars.len();
    while n > 0 {
        let s: String = chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        if text_width(&s, px, bold) <= max_width {
            return s;
        }
        n -= 1;
    }
    "…".into()
}

/// A text style at SVG font-size `px`. plotters writes `size / 1.24` into
/// the SVG, so the size handed to it is scaled up to match.
pub fn style(px: f64, bold: bool, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    let font = (FAMILY, px * 1.24).into_font().style(if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    });
    TextStyle {
        font,
        color: colour.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub type DrawError = plotters::drawing::DrawingAreaErrorKind<std::io::Error>;
pub type DrawResult<T = ()> = Result<T, DrawError>;

/// Draws `text` with its top-left (or other anchor) at `(x, y)`.
#[allow(clippy::too_many_arguments)]
pub fn text(
    area: &Area<'_>,
    s: &str,
    x: i32,
    y: i32,
    px: f64,
    bold: bool,
    colour: RGBColor,
    h: HPos,
    v: VPos,
) -> DrawResult {
    if s.is_empty() {
        return Ok(());
    }
    area.draw(&Text::new(
        s.to_string(),
        (x, y),
        style(px, bold, colour, h, v),
    ))
}

/// Draws several lines top-down from `y`, each `line_height` apart.
#[allow(clippy::too_many_arguments)]
pub fn lines(
    area: &Area<'_>,
    ls: &[String],
    x: i32,
    y: i32,
    px: f64,
    line_height: i32,
    bold: bool,
    colour: RGBColor,
    h: HPos,
) -> DrawResult {
    for (i, l) in ls.iter().enumerate() {
        text(
            area,
            l,
            x,
            y + i as i32 * line_height,
            px,
            bold,
            colour,
            h,
            VPos::Top,
        )?;
    }
    Ok(())
}

pub const TITLE_PX: f64 = 40.0;
pub const SUBTITLE_PX: f64 = 25.0;
pub const LABEL_PX: f64 = 22.0;
pub const TICK_PX: f64 = 20.0;
pub const NOTE_PX: f64 = 18.0;
pub const FOOTER_PX: f64 = 17.0;

/// How a legend entry's swatch is drawn: the same mark the plot uses for
/// that series, so a reader matches them at a glance.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    /// A filled dot (a point estimate, a meeting).
    Dot,
    /// A filled square (a bar, a shaded band).
    Box,
    /// A solid line of this width (a curve, a level).
    Line(u32),
    /// A dashed line of this width (a guide, a counterfactual).
    Dashed(u32),
    /// A dot on a line: an estimate with its 95% interval.
    Interval,
    /// Numbered boxes in these colours (the levels of a Likert scale).
    Scale(Vec<RGBColor>),
    /// An empty box outlined in the colour (something withheld).
    Outline,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub swatch: Swatch,
    pub colour: RGBColor,
    pub label: String,
}

impl LegendEntry {
    pub fn new(swatch: Swatch, colour: RGBColor, label: impl Into<String>) -> LegendEntry {
        LegendEntry {
            swatch,
            colour,
            label: label.into(),
        }
    }
}

/// What frames every chart: a title that states the finding, a subtitle
/// that says what is drawn and over how many people, the legend, and a
/// footer naming the source files and the as-of date. Every chart draws
/// these through [`draw_chart`], so they sit in the same place on every
/// slide.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    pub title: String,
    pub subtitle: String,
    /// Drawn in one row (wrapping when it must) under the subtitle.
    pub legend: Vec<LegendEntry>,
    pub footer: String,
    /// The "not enough data" panel's words, when the chart shows one
    /// instead of data (for its text alternative).
    pub panel: Option<String>,
}

impl Frame {
    pub fn new(title: impl Into<String>, subtitle: impl Into<String>, footer: String) -> Frame {
        Frame {
            title: title.into(),
            subtitle: subtitle.into(),
            legend: Vec::new(),
            footer,
            panel: None,
        }
    }

    pub fn with_legend(mut self, legend: Vec<LegendEntry>) -> Frame {
        self.legend = legend;
        self
    }
}

/// Height of one legend row.
const LEGEND_ROW: i32 = 40;

/// Draws the frame on a fresh canvas and hands the plot area to `body`.
/// Returns the SVG text.
pub fn draw_chart(frame: &Frame, body: impl FnOnce(&Area<'_>) -> DrawResult) -> DrawResult<String> {
    ensure_fonts();
    let mut svg = String::with_capacity(64 * 1024);
    {
        let root = SVGBackend::with_string(&mut svg, (W as u32, H as u32)).into_drawing_area();
        root.fill(&BACKGROUND)?;
        let width = (W - 2 * MARGIN_X) as f64;
        let title = wrap_lines(&frame.title, TITLE_PX, true, width, 2);
        lines(
            &root,
            &title,
            MARGIN_X,
            48,
            TITLE_PX,
            52,
            true,
            INK,
            HPos::Left,
        )?;
        let mut y = 48 + 52 * title.len() as i32 + 10;
        let subtitle = wrap_lines(&frame.subtitle, SUBTITLE_PX, false, width, 2);
        lines(
            &root,
            &subtitle,
            MARGIN_X,
            y,
            SUBTITLE_PX,
            34,
            false,
            MUTED,
            HPos::Left,
        )?;
        y += 34 * subtitle.len() as i32 + 34;
        if !frame.legend.is_empty() {
            let rows = legend(&root, &frame.legend, MARGIN_X, y + LEGEND_ROW / 2 - 8)?;
            y += LEGEND_ROW * rows + 8;
        }

        let footer_y = H - 52;
        root.draw(&PathElement::new(
            vec![(MARGIN_X, footer_y - 16), (W - MARGIN_X, footer_y - 16)],
            GRID.stroke_width(2),
        ))?;
        let footer = ellipsize(&frame.footer, FOOTER_PX, false, width);
        text(
            &root,
            &footer,
            MARGIN_X,
            footer_y,
            FOOTER_PX,
            false,
            SUBTLE,
            HPos::Left,
            VPos::Top,
        )?;

        let plot = root.margin(
            y as u32,
            (H - footer_y + 36) as u32,
            MARGIN_X as u32,
            MARGIN_X as u32,
        );
        body(&plot)?;
        root.present()?;
    }
    Ok(svg)
}

/// Width of an entry's swatch, before its label.
fn swatch_width(s: &Swatch) -> i32 {
    match s {
        Swatch::Dot => 20,
        Swatch::Box | Swatch::Outline => 22,
        Swatch::Line(_) | Swatch::Dashed(_) | Swatch::Interval => 40,
        Swatch::Scale(colours) => 48 * colours.len() as i32 - 4,
    }
}

/// Draws the legend left to right from `(x, y)` (the first row's centre
/// line), starting a new row when an entry would run past the right
/// margin; returns the number of rows.
fn legend(area: &Area<'_>, entries: &[LegendEntry], x: i32, y: i32) -> DrawResult<i32> {
    let right = W - MARGIN_X;
    let (mut lx, mut ly, mut rows) = (x, y, 1);
    for e in entries {
        let label = ellipsize(&e.label, LABEL_PX, false, (right - x - 100) as f64);
        let w = swatch_width(&e.swatch) + 12 + text_width(&label, LABEL_PX, false).ceil() as i32;
        if lx > x && lx + w > right {
            lx = x;
            ly += LEGEND_ROW;
            rows += 1;
        }
        let sw = swatch_width(&e.swatch);
        match &e.swatch {
            Swatch::Dot => {
                area.draw(&Circle::new((lx + 10, ly), 10, e.colour.filled()))?;
            }
            Swatch::Box => rect(area, lx, ly - 11, lx + sw, ly + 11, e.colour)?,
            Swatch::Outline => {
                let (x0, y0, x1, y1) = (lx, ly - 11, lx + sw, ly + 11);
                rect(area, x0, y0, x1, y1, BACKGROUND)?;
                line(
                    area,
                    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
                    e.colour,
                    1,
                )?;
            }
            Swatch::Line(width) => line(area, vec![(lx, ly), (lx + sw, ly)], e.colour, *width)?,
            Swatch::Dashed(width) => dashed(area, (lx, ly), (lx + sw, ly), e.colour, *width, 6)?,
            Swatch::Interval => {
                line(area, vec![(lx, ly), (lx + sw, ly)], e.colour, 4)?;
                dot(area, lx + sw / 2, ly, 8, e.colour)?;
            }
            Swatch::Scale(colours) => {
                for (i, c) in colours.iter().enumerate() {
                    let bx = lx + 48 * i as i32;
                    rect(area, bx, ly - 14, bx + 44, ly + 14, *c)?;
                    let ends = i == 0 || i + 1 == colours.len();
                    text(
                        area,
                        &format!("{}", i + 1),
                        bx + 22,
                        ly,
                        TICK_PX,
                        true,
                        if ends { BACKGROUND } else { INK },
                        HPos::Center,
                        VPos::Center,
                    )?;
                }
            }
        }
        text(
            area,
            &label,
            lx + sw + 12,
            ly,
            LABEL_PX,
            false,
            INK,
            HPos::Left,
            VPos::Center,
        )?;
        lx += w + 40;
    }
    Ok(rows)
}

/// The plot area's message when there is nothing honest to draw.
pub fn empty_message(area: &Area<'_>, headline: &str, detail: &str) -> DrawResult {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    area.draw(&Rectangle::new([(0, 0), (w, h)], PANEL.filled()))?;
    text(
        area,
        headline,
        w / 2,
        h / 2 - 30,
        34.0,
        true,
        MUTED,
        HPos::Center,
        VPos::Center,
    )?;
    let detail = wrap_lines(detail, LABEL_PX, false, (w - 200) as f64, 3);
    lines(
        area,
        &detail,
        w / 2,
        h / 2 + 12,
        LABEL_PX,
        32,
        false,
        SUBTLE,
        HPos::Center,
    )?;
    Ok(())
}

/// Number formatting with a true minus sign.
pub fn num(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("−{s}")
    } else {
        s
    }
}

pub fn signed(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let zero = !s.chars().any(|c| c.is_ascii_digit() && c != '0');
    if zero {
        s
    } else if x < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

pub fn pct(x: f64) -> String {
    format!("{}%", num(x * 100.0, 0))
}

pub fn signed_pct(x: f64) -> String {
    format!("{}%", signed(x * 100.0, 0))
}

/// 1234567 → "1,234,567".
pub fn thousands(n: u64) -> String {
    crate::analysis::thousands(n as usize)
}

/// A "nice" axis step for `range` with about `target` ticks.
pub fn nice_step(range: f64, target: usize) -> f64 {
    let raw = range / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ticks fall on 1, 2, 2.5 or 5 times a power of ten, the step just
    /// above the range divided by the wanted number of ticks.
    #[test]
    fn axis_steps_are_round_numbers() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12 * b.abs().max(1.0);
        for (range, ticks, want) in [
            (5.0, 5, 1.0),
            (7.0, 5, 2.0),
            (10.0, 5, 2.0),
            (12.0, 5, 2.5),
            (20.0, 5, 5.0),
            (40.0, 5, 10.0),
            (0.3, 3, 0.1),
            (1_000_000.0, 4, 250_000.0),
            (1_000_000.0, 3, 500_000.0),
        ] {
            let got = nice_step(range, ticks);
            assert!(
                close(got, want),
                "nice_step({range}, {ticks}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn wraps_long_words_with_an_ellipsis() {
        let l = wrap("Supercalifragilisticexpialidocious", 20.0, false, 100.0);
        assert_eq!(l.len(), 1);
        assert!(l[0].ends_with('…'));
        assert!(text_width(&l[0], 20.0, false) <= 100.0);
    }

    #[test]
    fn wrap_lines_marks_dropped_text() {
        let l = wrap_lines(
            "one two three four five six seven eight",
            20.0,
            false,
            80.0,
            2,
        );
        assert_eq!(l.len(), 2);
        assert!(l[1].ends_with('…'));
    }

    #[test]
    fn numbers_use_a_true_minus() {
        assert_eq!(num(-19.7, 0), "−20");
        assert_eq!(num(-0.04, 1), "0.0");
        assert_eq!(signed(0.25, 2), "+0.25");
        assert_eq!(thousands(1_050), "1,050");
        assert_eq!(thousands(100), "100");
    }

    #[test]
    fn likert_palette_runs_negative_to_positive() {
        let c = likert_colours(5);
        assert_eq!(c.len(), 5);
        assert_eq!(c[0], VERMILLION);
        assert_eq!(c[4], BLUE);
        assert_eq!(likert_colours(7).len(), 7);
        assert_eq!(likert_colours(4).len(), 4);
    }
}

/// A linear map from data values to pixels.
#[derive(Debug, Clone, Copy)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        Linear {
            d0: domain.0,
            d1: domain.1,
            r0: range.0,
            r1: range.1,
        }
    }

    pub fn at(&self, v: f64) -> i32 {
        let t = if self.d1 == self.d0 {
            0.5
        } else {
            (v - self.d0) / (self.d1 - self.d0)
        };
        (self.r0 + t * (self.r1 - self.r0)).round() as i32
    }
}

/// `p = 0.006`, `p < 0.001`, `p = 0.43`.
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else if p < 0.01 {
        format!("p = {p:.3}")
    } else {
        format!("p = {p:.2}")
    }
}

/// A filled dot with a white ring, so overlapping dots stay distinct.
pub fn dot(area: &Area<'_>, x: i32, y: i32, r: i32, colour: RGBColor) -> DrawResult {
    area.draw(&Circle::new((x, y), r + 2, BACKGROUND.filled()))?;
    area.draw(&Circle::new((x, y), r, colour.filled()))
}

pub fn line(area: &Area<'_>, pts: Vec<(i32, i32)>, colour: RGBColor, width: u32) -> DrawResult {
    area.draw(&PathElement::new(pts, colour.stroke_width(width)))
}

/// A dashed straight line.
pub fn dashed(
    area: &Area<'_>,
    from: (i32, i32),
    to: (i32, i32),
    colour: RGBColor,
    width: u32,
    dash: i32,
) -> DrawResult {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1.0 {
        return Ok(());
    }
    let steps = (len / (2 * dash) as f64).ceil() as i32;
    for i in 0..steps {
        let t0 = (i * 2 * dash) as f64 / len;
        let t1 = (((i * 2 + 1) * dash) as f64 / len).min(1.0);
        let p = |t: f64| {
            (
                (from.0 as f64 + dx * t).round() as i32,
                (from.1 as f64 + dy * t).round() as i32,
            )
        };
        line(area, vec![p(t0), p(t1)], colour, width)?;
    }
    Ok(())
}

pub fn rect(area: &Area<'_>, x0: i32, y0: i32, x1: i32, y1: i32, colour: RGBColor) -> DrawResult {
    area.draw(&Rectangle::new(
        [(x0.min(x1), y0.min(y1)), (x0.max(x1), y0.max(y1))],
        colour.filled(),
    ))
}

/// `from`, `from + step`, … up to `to` (inclusive, allowing for rounding).
pub fn steps(from: f64, to: f64, step: f64) -> Vec<f64> {
    // A zero, negative or NaN step, or an empty range, gives one value.
    if step.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) || to < from || to.is_nan() {
        return vec![from];
    }
    let n = ((to - from) / step + 1e-9).floor() as usize;
    (0..=n).map(|i| from + i as f64 * step).collect()
}

/// How one grid line of an axis is drawn, and its label if it has one.
pub struct GridLine {
    pub colour: RGBColor,
    pub width: u32,
    pub label: Option<String>,
    pub bold: bool,
}

impl GridLine {
    /// A faint line with a label.
    pub fn labelled(label: String) -> GridLine {
        GridLine {
            colour: GRID,
            width: 1,
            label: Some(label),
            bold: false,
        }
    }

    /// The same line drawn strong (a zero line, a reference value).
    pub fn strong(mut self, colour: RGBColor, width: u32) -> GridLine {
        self.colour = colour;
        self.width = width;
        self
    }

    /// Strong when `cond` holds (the zero line of an axis).
    pub fn strong_if(self, cond: bool, colour: RGBColor, width: u32) -> GridLine {
        if cond {
            self.strong(colour, width)
        } else {
            self
        }
    }
}

/// A value axis drawn as horizontal grid lines from `x0` to `x1`, each
/// labelled right-aligned just left of `x0`.
pub fn y_grid(
    area: &Area<'_>,
    at: impl Fn(f64) -> i32,
    values: &[f64],
    x0: i32,
    x1: i32,
    style: impl Fn(f64) -> GridLine,
) -> DrawResult {
    for &v in values {
        let g = style(v);
        line(area, vec![(x0, at(v)), (x1, at(v))], g.colour, g.width)?;
        if let Some(l) = &g.label {
            text(
                area,
                l,
                x0 - 12,
                at(v),
                TICK_PX,
                g.bold,
                MUTED,
                HPos::Right,
                VPos::Center,
            )?;
        }
    }
    Ok(())
}

/// A value axis drawn as vertical grid lines from `y0` to `y1`, each
/// labelled centred just below `y1`.
pub fn x_grid(
    area: &Area<'_>,
    at: impl Fn(f64) -> i32,
    values: &[f64],
    y0: i32,
    y1: i32,
    style: impl Fn(f64) -> GridLine,
) -> DrawResult {
    for &v in values {
        let g = style(v);
        line(area, vec![(at(v), y0), (at(v), y1)], g.colour, g.width)?;
        if let Some(l) = &g.label {
            text(
                area,
                l,
                at(v),
                y1 + 10,
                TICK_PX,
                g.bold,
                MUTED,
                HPos::Center,
                VPos::Top,
            )?;
        }
    }
    Ok(())
}

/// An axis title: above the plot at the left (`HPos::Left`, a value axis)
/// or centred under it (`HPos::Center`, the horizontal axis).
pub fn axis_title(area: &Area<'_>, s: &str, x: i32, y: i32, h: HPos) -> DrawResult {
    let v = if matches!(h, HPos::Center) {
        VPos::Top
    } else {
        VPos::Bottom
    };
    text(area, s, x, y, LABEL_PX, false, MUTED, h, v)
}

/// A panel's heading inside the plot area: bold, top-left at `(x, y)`.
pub fn panel_heading(area: &Area<'_>, s: &str, x: i32, y: i32) -> DrawResult {
    text(area, s, x, y, LABEL_PX, true, INK, HPos::Left, VPos::Top)
}

/// A short note in the quiet colour, centred on `y`.
pub fn note(area: &Area<'_>, s: &str, x: i32, y: i32, h: HPos) -> DrawResult {
    text(area, s, x, y, NOTE_PX, false, SUBTLE, h, VPos::Center)
}
