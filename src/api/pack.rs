//! The review pack as the window exports it: the charts the user chose, in
//! the formats they chose, into the folder they chose; and one chart on its
//! own as SVG or PNG, or as pixels for the clipboard.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::program::Program;
use super::views::chart_from_id;
use super::Controls;
use crate::charts::{self, ChartKind};
use crate::error::{Error, Result};
use crate::report::{self, ReportOptions, HTML_FILE, JSON_FILE, PDF_FILE, PPTX_FILE, XLSX_FILE};

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct PackRequest {
    /// Chart ids (`satisfaction_items`, …); empty means every chart.
    pub charts: Vec<String>,
    pub png: bool,
    pub svg: bool,
    pub html: bool,
    pub pdf: bool,
    /// Slides (`review.pptx`), every chart on its own slide.
    pub pptx: bool,
    /// The analyst's workbook (`review.xlsx`), every number.
    pub xlsx: bool,
    pub program_name: Option<String>,
    /// The folder to write into (created if needed).
    pub dir: String,
    /// Replace people's names with stable pseudonyms, for a pack sent
    /// beyond the program team.
    #[serde(default)]
    pub redact_names: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PackProgress {
    pub step: String,
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PackResult {
    pub dir: String,
    /// Paths relative to `dir`, `/`-separated.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChartFormat {
    Svg,
    Png,
}

/// Builds the pack from the loaded program and writes the chosen part of it.
/// The HTML, PDF and slides always contain every chart (they are the
/// report); the
/// chart files are the ones chosen; `analysis.json` always comes along so
/// anyone can re-check the numbers.
pub fn export_pack(
    program: &Program,
    controls: &Controls,
    req: &PackRequest,
    progress: &mut dyn FnMut(PackProgress),
) -> Result<PackResult> {
    if req.dir.trim().is_empty() {
        return Err(Error::InvalidArgument(
            "choose a folder to save the review pack in".into(),
        ));
    }
    if !(req.png || req.svg || req.html || req.pdf || req.pptx || req.xlsx) {
        return Err(Error::InvalidArgument(
            "choose at least one format (PNG, SVG, HTML, PDF, PowerPoint or Excel)".into(),
        ));
    }
    let mut chosen: Vec<ChartKind> = Vec::new();
    for id in &req.charts {
        chosen.push(
            chart_from_id(id).ok_or_else(|| {
                Error::InvalidArgument(format!("there is no chart called “{id}”"))
            })?,
        );
    }
    if chosen.is_empty() {
        chosen = ChartKind::ALL.to_vec();
    }
    let opts = ReportOptions {
        analysis: controls.to_options()?,
        skill_areas: None,
        program_name: req
            .program_name
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        redact_names: req.redact_names,
    };
    // The report counts the steps it starts; the last message (after the
    // files are written) says all of them are done, so a bar ends full.
    let mut total = 0;
    let mut pack = report::build_from_data(&program.data, &program.ctx, &opts, &mut |p| {
        total = p.total as u32;
        progress(PackProgress {
            step: p.step,
            done: p.done as u32,
            total,
        })
    })?;
    let keep = |name: &str| -> bool {
        if name == JSON_FILE {
            return true;
        }
        if name == HTML_FILE {
            return req.html;
        }
        if name == PDF_FILE {
            return req.pdf;
        }
        if name == PPTX_FILE {
            return req.pptx;
        }
        if name == XLSX_FILE {
            return req.xlsx;
        }
        let Some(file) = name.strip_prefix("charts/") else {
            return false;
        };
        let chart_ok = chosen.iter().any(|k| {
            file.strip_prefix(k.file_stem())
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('@'))
        });
        chart_ok && ((req.svg && file.ends_with(".svg")) || (req.png && file.ends_with(".png")))
    };
    pack.files.retain(|f| keep(&f.name));
    let dir = Path::new(&req.dir);
    pack.write_to(dir)?;
    progress(PackProgress {
        step: "Saved".into(),
        done: total,
        total,
    });
    Ok(PackResult {
        dir: dir.display().to_string(),
        files: pack.files.iter().map(|f| f.name.clone()).collect(),
    })
}

/// One chart as pixels, for the clipboard: 3840×2160 (the 2× the slides
/// use), RGBA with straight alpha, rows top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

pub fn chart_pixels(program: &Program, controls: &Controls, chart: &str) -> Result<ChartPixels> {
    let c = render_one(program, controls, chart)?;
    let tree = charts::parse_svg(&c.svg)?;
    let (width, height, rgba) = charts::rgba_of_tree(&tree, 2)?;
    Ok(ChartPixels {
        width,
        height,
        rgba,
    })
}

fn render_one(program: &Program, controls: &Controls, chart: &str) -> Result<charts::Chart> {
    let kind = chart_from_id(chart)
        .ok_or_else(|| Error::InvalidArgument(format!("there is no chart called “{chart}”")))?;
    let opts = controls.to_options()?;
    let a = program.analysis(&opts)?;
    let ropts = ReportOptions {
        analysis: opts,
        ..ReportOptions::default()
    };
    let extras = report::chart_extras(&program.data, &a, &ropts);
    charts::render(kind, &a, &extras, &program.ctx)
}

/// One chart as SVG text bytes or a PNG (1920×1080), with a file name.
pub fn chart_file(
    program: &Program,
    controls: &Controls,
    chart: &str,
    format: ChartFormat,
) -> Result<(String, Vec<u8>)> {
    let c = render_one(program, controls, chart)?;
    let kind = c.kind;
    Ok(match format {
        ChartFormat::Svg => (format!("{}.svg", kind.file_stem()), c.svg.into_bytes()),
        ChartFormat::Png => (format!("{}.png", kind.file_stem()), charts::png(&c.svg, 1)?),
    })
}
