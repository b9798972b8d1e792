//! The PDF report (being written).
use crate::analysis::{Analysis, AnalysisOptions};
use crate::charts::{Chart, ChartExtras};
use crate::error::Result;
use resvg::usvg;
pub fn render(
    _name: &str,
    _a: &Analysis,
    _charts: &[Chart],
    _t: &[usvg::Tree],
    _e: &ChartExtras,
    _o: &AnalysisOptions,
) -> Result<Vec<u8>> {
    Ok(Vec::new())
}
