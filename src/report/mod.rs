//! The review pack: the analysis, every chart as SVG and PNG (1920×1080 and
//! 3840×2160), a self-contained HTML report and a PDF of the same, written
//! to one folder. What leadership receives.
//!
//! The pack is a pure function of the database and the options: the same
//! inputs give the same bytes (no clock, no random ids, no hash-map order),
//! so a pack can be checked into a team's records and diffed. The only date
//! in it is the as-of date. This module never prints; the CLI and the
//! desktop app decide what to tell the user.

mod extras;
mod html;
mod pdf;
mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::frames::ProgramData;
use crate::analysis::{analyze_data, Analysis, AnalysisOptions};
use crate::charts::{self, Chart, ChartContext, ChartExtras};
use crate::error::{Error, Result};
use crate::store::Store;

pub use extras::parse_skill_areas;
pub use text::{reading, Reading};

#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
pub struct ReportOptions {
    pub analysis: AnalysisOptions,
    /// The program's skill areas, for topic coverage (default: the topics
    /// found in the meeting logs).
    pub skill_areas: Option<Vec<String>>,
    /// The name shown on the cover (default: "Mentorship program").
    pub program_name: Option<String>,
}

/// One file of the pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Path relative to the pack folder, `/`-separated.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The rendered pack, in memory.
#[derive(Debug, Clone)]
pub struct ReviewPack {
    pub analysis: Analysis,
    pub charts: Vec<Chart>,
    pub files: Vec<PackFile>,
}

/// How far building a pack has got, for progress bars.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub step: String,
    pub done: usize,
    pub total: usize,
}

pub const HTML_FILE: &str = "review.html";
pub const PDF_FILE: &str = "review.pdf";
pub const JSON_FILE: &str = "analysis.json";

/// File names per kind (`survey`, `roster`, …) of everything imported, for
/// chart footers.
pub fn sources(store: &Store) -> Result<BTreeMap<String, Vec<String>>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for i in store.status()?.imports {
        let name = Path::new(&i.file_name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(i.file_name);
        let e = out.entry(i.kind).or_default();
        if !e.contains(&name) {
            e.push(name);
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    Ok(out)
}

/// Analyses the store and renders the whole pack.
pub fn build(store: &Store, opts: &ReportOptions) -> Result<ReviewPack> {
    build_with_progress(store, opts, &mut |_| {})
}

pub fn build_with_progress(
    store: &Store,
    opts: &ReportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ReviewPack> {
    let data = ProgramData::load(store)?;
    let ctx = ChartContext {
        sources: sources(store)?,
    };
    build_from_data(&data, &ctx, opts, progress)
}

pub fn build_from_data(
    data: &ProgramData,
    ctx: &ChartContext,
    opts: &ReportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ReviewPack> {
    let n_charts = charts::ChartKind::ALL.len();
    let total = 2 + n_charts + 2;
    let mut step = 0;
    let mut report = |s: &str| {
        progress(Progress {
            step: s.to_string(),
            done: step,
            total,
        });
        step += 1;
    };
    report("Analysing");
    let a = analyze_data(data, &opts.analysis)?;
    let extras = extras::compute(data, &a, &opts.analysis, opts.skill_areas.as_deref());
    report("Drawing charts");
    let charts = charts::render_all(&a, &extras, ctx)?;

    let mut files = Vec::new();
    let trees: Vec<_> = charts
        .iter()
        .map(|c| charts::parse_svg(&c.svg))
        .collect::<Result<_>>()?;
    for (c, tree) in charts.iter().zip(&trees) {
        report(&format!("Rendering {}", c.kind.label()));
        let stem = c.kind.file_stem();
        files.push(PackFile {
            name: format!("charts/{stem}.svg"),
            bytes: c.svg.clone().into_bytes(),
        });
        files.push(PackFile {
            name: format!("charts/{stem}.png"),
            bytes: charts::png_of_tree(tree, 1)?,
        });
        files.push(PackFile {
            name: format!("charts/{stem}@2x.png"),
            bytes: charts::png_of_tree(tree, 2)?,
        });
    }
    let name = opts
        .program_name
        .clone()
        .unwrap_or_else(|| "Mentorship program".into());
    report("Writing the HTML report");
    files.push(PackFile {
        name: HTML_FILE.into(),
        bytes: html::render(&name, &a, &charts, &extras, &opts.analysis).into_bytes(),
    });
    report("Writing the PDF");
    files.push(PackFile {
        name: PDF_FILE.into(),
        bytes: pdf::render(&name, &a, &charts, &trees, &extras, &opts.analysis)?,
    });
    files.push(PackFile {
        name: JSON_FILE.into(),
        bytes: serde_json::to_vec_pretty(&a)
            .map_err(|e| Error::Analysis(format!("could not write the analysis JSON: {e}")))?,
    });
    Ok(ReviewPack {
        analysis: a,
        charts,
        files,
    })
}

impl ReviewPack {
    /// Writes every file under `dir` (created if needed) and returns their
    /// paths. Files are written whole to a temporary name and renamed, so a
    /// reader never sees half a file.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for f in &self.files {
            let path = dir.join(&f.name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            let tmp = path.with_extension("partial");
            std::fs::write(&tmp, &f.bytes).map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
            written.push(path);
        }
        Ok(written)
    }

    pub fn file(&self, name: &str) -> Option<&PackFile> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// Extras are public so the desktop app can draw the same charts one at a
/// time.
pub fn chart_extras(data: &ProgramData, a: &Analysis, opts: &ReportOptions) -> ChartExtras {
    extras::compute(data, a, &opts.analysis, opts.skill_areas.as_deref())
}
