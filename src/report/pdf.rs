//! The PDF of the review pack, for e-mail: a summary page with the headline
//! figures and verdicts, one page per chart (the chart as vector graphics,
//! its title and its reading), then the quiet pairings, the data-quality
//! notes and the definitions. Written with krilla (pure Rust; charts go in
//! through krilla-svg), with the embedded font subset into the file.
//!
//! Layout is two passes: [`Layout`] places text lines and charts on A4
//! landscape pages (breaking pages where needed), then [`draw`] paints
//! them. No dates except the as-of date; no random document ids.

use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use super::text::{definitions, headlines, outcome_label, reading, scope_line};
use crate::analysis::{Analysis, AnalysisOptions};
use crate::charts::theme::{text_width, wrap, BOLD_TTF, REGULAR_TTF};
use crate::charts::{date_long, Chart, ChartExtras};
use crate::error::{Error, Result};

const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
const MARGIN: f32 = 40.0;
const BOTTOM: f32 = PAGE_H - 52.0;

type Rgb = (u8, u8, u8);
const INK: Rgb = (0x1F, 0x23, 0x28);
const MUTED: Rgb = (0x4B, 0x55, 0x63);
const SUBTLE: Rgb = (0x6B, 0x72, 0x80);
const RULE: Rgb = (0xE5, 0xE7, 0xEB);
const BLUE: Rgb = (0x00, 0x5A, 0x8C);
const VERMILLION: Rgb = (0xA8, 0x4A, 0x00);

enum Item {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: String,
    },
    Rule {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Rgb,
    },
    Chart {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

struct Layout {
    pages: Vec<Vec<Item>>,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn page(&mut self) -> &mut Vec<Item> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > MARGIN + 1.0 {
            self.new_page();
        }
    }

    /// Wrapped text at `x` within `width`; returns the height used.
    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &mut self,
        text: &str,
        x: f32,
        width: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        leading: f32,
    ) -> f32 {
        let lines = wrap(text, size as f64, bold, width as f64);
        let start = self.y;
        for l in lines {
            self.ensure(leading);
            let baseline = self.y + size;
            self.page().push(Item::Text {
                x,
                baseline,
                size,
                bold,
                colour,
                text: l,
            });
            self.y += leading;
        }
        self.y - start
    }

    fn rule(&mut self, colour: Rgb) {
        let y = self.y;
        self.page().push(Item::Rule {
            x: MARGIN,
            y,
            w: PAGE_W - 2.0 * MARGIN,
            h: 0.75,
            colour,
        });
    }
}

fn font(bold: bool) -> Result<Font> {
    let bytes: &'static [u8] = if bold { BOLD_TTF } else { REGULAR_TTF };
    let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(bytes);
    Font::new(data.into(), 0)
        .ok_or_else(|| Error::Analysis("the embedded font could not be read".into()))
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

pub fn render(
    name: &str,
    a: &Analysis,
    charts: &[Chart],
    trees: &[usvg::Tree],
    x: &ChartExtras,
    o: &AnalysisOptions,
) -> Result<Vec<u8>> {
    let layout = lay_out(name, a, charts, x, o);
    draw(name, a, layout, trees)
}

fn lay_out(
    name: &str,
    a: &Analysis,
    charts: &[Chart],
    x: &ChartExtras,
    o: &AnalysisOptions,
) -> Layout {
    let width = PAGE_W - 2.0 * MARGIN;
    let as_of = a.as_of.map(date_long).unwrap_or_else(|| "—".into());
    let launch = a.launch.map(date_long).unwrap_or_else(|| "—".into());
    let mut l = Layout::new();

    // Summary page.
    l.paragraph(
        "MENTORSHIP PROGRAM REVIEW",
        MARGIN,
        width,
        8.5,
        true,
        SUBTLE,
        13.0,
    );
    l.paragraph(name, MARGIN, width, 22.0, true, INK, 28.0);
    l.paragraph(
        &format!("As of {as_of} · launched {launch}"),
        MARGIN,
        width,
        10.5,
        false,
        MUTED,
        15.0,
    );
    l.paragraph(&scope_line(a, o), MARGIN, width, 9.5, false, MUTED, 13.0);
    l.y += 8.0;
    l.rule(RULE);
    l.y += 14.0;
    let left_w = 190.0;
    let right_x = MARGIN + left_w + 24.0;
    let right_w = PAGE_W - MARGIN - right_x;
    for h in headlines(a) {
        // Keep a card together: measure it first.
        let right_lines = wrap(&h.verdict, 9.5, false, right_w as f64).len()
            + h.caveats
                .iter()
                .map(|c| wrap(c, 8.5, false, (right_w - 10.0) as f64).len())
                .sum::<usize>();
        let est = (14.0 + right_lines as f32 * 12.5).max(62.0) + 14.0;
        l.ensure(est);
        let top = l.y;
        l.paragraph(h.section, MARGIN, left_w, 10.0, true, INK, 14.0);
        l.paragraph(&h.figure, MARGIN, left_w, 17.0, true, BLUE, 22.0);
        l.paragraph(&h.figure_note, MARGIN, left_w, 8.0, false, SUBTLE, 10.5);
        let left_end = l.y;
        l.y = top;
        let colour = match h.outcome.as_str() {
            "improved" => BLUE,
            "worsened" => VERMILLION,
            _ => MUTED,
        };
        l.paragraph(
            outcome_label(&h.outcome),
            right_x,
            right_w,
            9.0,
            true,
            colour,
            14.0,
        );
        l.paragraph(&h.verdict, right_x, right_w, 9.5, false, INK, 12.5);
        for c in &h.caveats {
            let y = l.y;
            l.page().push(Item::Text {
                x: right_x,
                baseline: y + 8.5,
                size: 8.5,
                bold: false,
                colour: MUTED,
                text: "•".into(),
            });
            l.paragraph(c, right_x + 10.0, right_w - 10.0, 8.5, false, MUTED, 11.5);
        }
        l.y = l.y.max(left_end) + 8.0;
        l.rule(RULE);
        l.y += 10.0;
    }

    // One page per chart: the chart shrinks (keeping its shape, centred)
    // until its reading fits under it, so a long reading never spills onto
    // a page of its own.
    let full_h = width * 1080.0 / 1920.0;
    for (i, c) in charts.iter().enumerate() {
        l.new_page();
        l.paragraph(
            &format!(
                "{} of {} · {}",
                i + 1,
                charts.len(),
                c.kind.label().to_uppercase()
            ),
            MARGIN,
            width,
            8.5,
            true,
            SUBTLE,
            14.0,
        );
        let r = reading(c.kind, a, x);
        let reading_h = wrap(&r.paragraph, 9.0, false, width as f64).len() as f32 * 12.0;
        let chart_h = full_h
            .min(BOTTOM - l.y - 10.0 - reading_h)
            .max(full_h * 0.5);
        let chart_w = chart_h * 1920.0 / 1080.0;
        let chart_x = MARGIN + (width - chart_w) / 2.0;
        let y = l.y;
        l.page().push(Item::Chart {
            index: i,
            x: chart_x,
            y,
            w: chart_w,
            h: chart_h,
        });
        l.page().push(Item::Rule {
            x: chart_x,
            y,
            w: chart_w,
            h: 0.5,
            colour: RULE,
        });
        l.y += chart_h + 10.0;
        l.paragraph(&r.paragraph, MARGIN, width, 9.0, false, INK, 12.0);
    }

    // Quiet pairings, data quality, definitions.
    l.new_page();
    l.paragraph("Quiet pairings", MARGIN, width, 15.0, true, INK, 22.0);
    let quiet = &a.engagement.quiet_pairs;
    if quiet.is_empty() {
        l.paragraph(
            "Every active pairing met in the last 30 days.",
            MARGIN,
            width,
            9.5,
            false,
            INK,
            13.0,
        );
    } else {
        l.paragraph(
            &format!("Active pairings with no meeting in the 30 days up to {as_of}, longest silence first."),
            MARGIN,
            width,
            9.5,
            false,
            INK,
            15.0,
        );
        let cols = [MARGIN, MARGIN + 250.0, MARGIN + 500.0];
        let header = ["Mentor", "Mentee", "Last meeting"];
        l.ensure(14.0);
        for (c, t) in cols.iter().zip(header) {
            let y = l.y;
            l.page().push(Item::Text {
                x: *c,
                baseline: y + 9.0,
                size: 9.0,
                bold: true,
                colour: MUTED,
                text: t.into(),
            });
        }
        l.y += 14.0;
        for q in quiet.iter().take(super::QUIET_ROWS) {
            l.ensure(13.0);
            let y = l.y;
            let last = q
                .last_meeting
                .map(date_long)
                .unwrap_or_else(|| "never".into());
            for (c, t) in cols.iter().zip([&q.mentor, &q.mentee, &last]) {
                let t = crate::charts::theme::ellipsize(t, 9.0, false, 240.0);
                l.page().push(Item::Text {
                    x: *c,
                    baseline: y + 9.0,
                    size: 9.0,
                    bold: false,
                    colour: INK,
                    text: t,
                });
            }
            l.y += 13.0;
        }
    }
    if quiet.len() > super::QUIET_ROWS {
        l.paragraph(
            &format!(
                "… and {} more; every quiet pairing is listed in analysis.json (engagement.quiet_pairs).",
                quiet.len() - super::QUIET_ROWS
            ),
            MARGIN,
            width,
            9.0,
            false,
            MUTED,
            13.0,
        );
    }
    l.y += 16.0;
    l.ensure(60.0);
    l.paragraph("Data quality", MARGIN, width, 15.0, true, INK, 22.0);
    if a.data_quality.notes.is_empty() {
        l.paragraph(
            "No problems found in how the files fit together.",
            MARGIN,
            width,
            9.5,
            false,
            INK,
            13.0,
        );
    }
    for n in &a.data_quality.notes {
        l.paragraph(&format!("• {n}"), MARGIN, width, 9.5, false, INK, 13.0);
    }
    l.y += 6.0;
    l.paragraph(
        "Protecting respondents",
        MARGIN,
        width,
        11.0,
        true,
        INK,
        16.0,
    );
    for n in super::text::privacy_notes(a) {
        l.paragraph(&format!("• {n}"), MARGIN, width, 9.5, false, INK, 13.0);
    }
    l.y += 16.0;
    l.ensure(60.0);
    l.paragraph("Definitions", MARGIN, width, 15.0, true, INK, 22.0);
    for (term, def) in definitions(a) {
        let lines = wrap(&def, 9.0, false, (width - 160.0) as f64).len();
        l.ensure(lines as f32 * 12.0 + 4.0);
        let top = l.y;
        l.paragraph(&term, MARGIN, 150.0, 9.0, true, INK, 12.0);
        let after_term = l.y;
        l.y = top;
        l.paragraph(&def, MARGIN + 160.0, width - 160.0, 9.0, false, INK, 12.0);
        l.y = l.y.max(after_term) + 4.0;
    }
    l
}

fn draw(name: &str, a: &Analysis, layout: Layout, trees: &[usvg::Tree]) -> Result<Vec<u8>> {
    let regular = font(false)?;
    let bold = font(true)?;
    let mut doc = Document::new();
    let as_of = a.as_of.map(date_long).unwrap_or_else(|| "—".into());
    let mut meta = Metadata::new()
        .title(format!("{name} — review as of {as_of}"))
        .creator("Mentorscope".into())
        .language("en".into());
    meta = meta.producer("Mentorscope (krilla)".into());
    doc.set_metadata(meta);
    let n_pages = layout.pages.len();
    for (pi, items) in layout.pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| Error::Analysis("invalid PDF page size".into()))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let footer = format!("{name} · as of {as_of} · Mentorscope");
        let footer = crate::charts::theme::ellipsize(&footer, 7.5, false, 600.0);
        let mut all = items;
        all.push(Item::Text {
            x: MARGIN,
            baseline: PAGE_H - 24.0,
            size: 7.5,
            bold: false,
            colour: SUBTLE,
            text: footer,
        });
        let num = format!("{} / {}", pi + 1, n_pages);
        all.push(Item::Text {
            x: PAGE_W - MARGIN - text_width(&num, 7.5, false) as f32,
            baseline: PAGE_H - 24.0,
            size: 7.5,
            bold: false,
            colour: SUBTLE,
            text: num,
        });
        for item in all {
            match item {
                Item::Text {
                    x,
                    baseline,
                    size,
                    bold: b,
                    colour,
                    text,
                } => {
                    surface.set_fill(Some(fill(colour)));
                    surface.draw_text(
                        Point::from_xy(x, baseline),
                        if b { bold.clone() } else { regular.clone() },
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Item::Rule { x, y, w, h, colour } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = Rect::from_xywh(x, y, w, h) {
                        pb.push_rect(r);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(fill(colour)));
                        surface.draw_path(&path);
                    }
                }
                Item::Chart { index, x, y, w, h } => {
                    if let (Some(tree), Some(size)) = (trees.get(index), Size::from_wh(w, h)) {
                        surface.push_transform(&Transform::from_translate(x, y));
                        surface.draw_svg(tree, size, SvgSettings::default());
                        surface.pop();
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| Error::Analysis(format!("could not write the PDF: {e:?}")))
}
