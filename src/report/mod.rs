//! The review pack: the analysis, every chart as SVG and PNG (1920×1080 and
//! 3840×2160), a self-contained HTML report and a PDF of the same, the
//! slides (`review.pptx`) and the analyst's workbook (`review.xlsx`),
//! written to one folder. What leadership receives.
//!
//! The pack is a pure function of the database and the options: the same
//! inputs give the same bytes (no clock, no random ids, no hash-map order),
//! so a pack can be checked into a team's records and diffed. The only date
//! in it is the as-of date. This module never prints; the CLI and the
//! desktop app decide what to tell the user.

pub mod comments;
mod extras;
pub mod findings;
mod html;
mod notes;
mod pdf;
pub mod plain;
pub mod plain_skills;
mod pptx;
mod redact;
mod slides;
mod text;
mod workbook;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::frames::ProgramData;
use crate::analysis::{analyze_data, Analysis, AnalysisOptions};
use crate::charts::{self, Chart, ChartContext, ChartExtras};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::timing::timed;

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
    /// People's names replaced by stable pseudonyms (`report --redact-names`).
    pub redact_names: bool,
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

/// The HTML and PDF list at most this many quiet pairings; the rest are in
/// `analysis.json`, so a 100,000-person program still gives a readable pack.
const QUIET_ROWS: usize = 100;

pub const HTML_FILE: &str = "review.html";
pub const PDF_FILE: &str = "review.pdf";
pub const JSON_FILE: &str = "analysis.json";
pub const PPTX_FILE: &str = "review.pptx";
pub const XLSX_FILE: &str = "review.xlsx";

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
    let data = timed("load", || ProgramData::load(store))?;
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
    let total = 7;
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
    let mut a = analyze_data(data, &opts.analysis)?;
    let mut extras = timed("report: extras", || {
        extras::compute(data, &a, &opts.analysis, opts.skill_areas.as_deref())
    });
    if opts.redact_names {
        redact::apply(&mut a, &mut extras);
    }
    report("Drawing charts");
    let charts = timed("report: charts (SVG)", || {
        charts::render_all(&a, &extras, ctx)
    })?;

    let mut files = Vec::new();
    let trees: Vec<_> = timed("report: SVG parse", || {
        charts
            .iter()
            .map(|c| charts::parse_svg(&c.svg))
            .collect::<Result<_>>()
    })?;
    report("Rendering the PNGs");
    let pngs = timed("report: PNGs", || rasterise_all(&trees))?;
    for (c, (one, two)) in charts.iter().zip(pngs) {
        let stem = c.kind.file_stem();
        files.push(PackFile {
            name: format!("charts/{stem}.svg"),
            bytes: c.svg.clone().into_bytes(),
        });
        files.push(PackFile {
            name: format!("charts/{stem}.png"),
            bytes: one,
        });
        files.push(PackFile {
            name: format!("charts/{stem}@2x.png"),
            bytes: two,
        });
    }
    let name = opts
        .program_name
        .clone()
        .unwrap_or_else(|| "Mentorship program".into());
    report("Writing the HTML report");
    files.push(PackFile {
        name: HTML_FILE.into(),
        bytes: timed("report: HTML", || {
            html::render(&name, &a, &charts, &extras, &opts.analysis).into_bytes()
        }),
    });
    report("Writing the PDF");
    files.push(PackFile {
        name: PDF_FILE.into(),
        bytes: timed("report: PDF", || {
            pdf::render(&name, &a, &charts, &trees, &extras, &opts.analysis)
        })?,
    });
    let json = serde_json::to_vec_pretty(&a)
        .map_err(|e| Error::Analysis(format!("could not write the analysis JSON: {e}")))?;
    report("Writing the slides");
    // The slides reuse the 2× PNGs just rendered, in chart order.
    let pngs: Vec<&[u8]> = charts
        .iter()
        .map(|c| {
            let name = format!("charts/{}@2x.png", c.kind.file_stem());
            files
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.bytes.as_slice())
                .unwrap_or_default()
        })
        .collect();
    let deck = slides::deck(&name, &a, &charts, &pngs, &extras, &opts.analysis);
    let pptx = timed("report: slides", || pptx::write(&deck))?;
    report("Writing the workbook");
    let xlsx = timed("report: workbook", || {
        workbook::render(&name, &json, &a, &opts.analysis)
    })?;
    files.push(PackFile {
        name: PPTX_FILE.into(),
        bytes: pptx,
    });
    files.push(PackFile {
        name: XLSX_FILE.into(),
        bytes: xlsx,
    });
    files.push(PackFile {
        name: JSON_FILE.into(),
        bytes: json,
    });
    Ok(ReviewPack {
        analysis: a,
        charts,
        files,
    })
}

/// Every chart at 1× and 2×, spread over the machine's cores; each job is
/// independent, and results come back in chart order, so the bytes do not
/// depend on scheduling.
fn rasterise_all(trees: &[resvg::usvg::Tree]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let jobs: Vec<(usize, u32)> = (0..trees.len()).flat_map(|i| [(i, 2), (i, 1)]).collect();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, jobs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<Option<Result<Vec<u8>>>> = (0..jobs.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    // One canvas per worker, drawn on chart after chart.
                    let mut canvas = Vec::new();
                    loop {
                        let j = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&(i, scale)) = jobs.get(j) else {
                            break;
                        };
                        out.push((j, charts::png_of_tree_on(&trees[i], scale, &mut canvas)));
                    }
                    out
                })
            })
            .collect();
        for h in handles {
            // A worker that panicked leaves its jobs empty: reported below.
            if let Ok(results) = h.join() {
                for (j, r) in results {
                    done[j] = Some(r);
                }
            }
        }
    });
    let mut by_chart: Vec<(Vec<u8>, Vec<u8>)> = vec![(Vec::new(), Vec::new()); trees.len()];
    for (j, r) in done.into_iter().enumerate() {
        let (i, scale) = jobs[j];
        let bytes = r.ok_or_else(|| Error::Analysis("a chart could not be rendered".into()))??;
        if scale == 1 {
            by_chart[i].0 = bytes;
        } else {
            by_chart[i].1 = bytes;
        }
    }
    Ok(by_chart)
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
