//! Many tests, one question: Holm's step-down adjustment of p-values, as
//! `statsmodels.stats.multitest.multipletests(p, method="holm")`.

/// Holm-adjusted p-values in the input order; a `None` (a test that could
/// not be run) stays `None` and does not count among the tests.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut present: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|x| x.is_finite()).map(|x| (i, x)))
        .collect();
    present.sort_by(|a, b| a.1.total_cmp(&b.1));
    let m = present.len();
    let mut out = vec![None; p.len()];
    let mut running = 0.0f64;
    for (rank, (i, v)) in present.into_iter().enumerate() {
        running = running.max((m - rank) as f64 * v);
        out[i] = Some(running.min(1.0));
    }
    out
}
