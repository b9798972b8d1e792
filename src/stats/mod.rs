//! Statistics on plain slices (placeholder signatures while the real module is written).
#![allow(unused)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    pub sd: f64,
}
pub fn summary(x: &[f64]) -> Option<Summary> {
    None
}
pub struct WelchTest {
    pub diff: f64,
    pub t: f64,
    pub df: f64,
    pub p: f64,
    pub ci95: (f64, f64),
}
pub fn welch_t(before: &[f64], after: &[f64]) -> Option<WelchTest> {
    None
}
pub struct PairedTest {
    pub n: usize,
    pub mean_diff: f64,
    pub t: f64,
    pub df: f64,
    pub p: f64,
    pub ci95: (f64, f64),
}
pub fn paired_t(diffs: &[f64]) -> Option<PairedTest> {
    None
}
pub fn cohens_d(before: &[f64], after: &[f64]) -> Option<f64> {
    None
}
pub struct MannWhitney {
    pub u: f64,
    pub p: f64,
}
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> Option<MannWhitney> {
    None
}
pub struct KaplanMeier {
    pub times: Vec<f64>,
    pub at_risk: Vec<usize>,
    pub events: Vec<usize>,
    pub censored: Vec<usize>,
    pub survival: Vec<f64>,
    pub ci_lower: Vec<f64>,
    pub ci_upper: Vec<f64>,
}
pub fn kaplan_meier(durations: &[f64], observed: &[bool]) -> Option<KaplanMeier> {
    None
}
impl KaplanMeier {
    pub fn n(&self) -> usize {
        0
    }
    pub fn n_events(&self) -> usize {
        0
    }
    pub fn survival_at(&self, t: f64) -> f64 {
        1.0
    }
    pub fn median(&self) -> Option<f64> {
        None
    }
}
pub struct LogRank {
    pub chi2: f64,
    pub p: f64,
}
pub fn logrank(a: &[f64], oa: &[bool], b: &[f64], ob: &[bool]) -> Option<LogRank> {
    None
}
