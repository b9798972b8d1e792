//! What a comparison could have seen: the smallest effect detectable with
//! 80% power at two-sided α = 0.05 (METRICS.md M6), so "no clear change"
//! comes with the size of change that would have shown.

use super::cox::Z_975;

/// The 80% quantile of the standard normal, as METRICS.md writes it.
pub const Z_80: f64 = 0.841_621_233_572_914_3;

/// Two independent means: (z₀.₉₇₅ + z₀.₈₀) · √(sd_b²/n_b + sd_a²/n_a).
pub fn mde_two_means(
    sd_before: f64,
    n_before: usize,
    sd_after: f64,
    n_after: usize,
) -> Option<f64> {
    if n_before == 0 || n_after == 0 {
        return None;
    }
    let se2 = sd_before * sd_before / n_before as f64 + sd_after * sd_after / n_after as f64;
    let m = (Z_975 + Z_80) * se2.sqrt();
    (m.is_finite() && m > 0.0).then_some(m)
}

/// Schoenfeld's formula for a hazard ratio: exp((z₀.₉₇₅ + z₀.₈₀) /
/// √(events · q · (1 − q))), q the share in the first group.
pub fn mde_hazard_ratio(events: usize, share: f64) -> Option<f64> {
    let info = events as f64 * share * (1.0 - share);
    if !(info > 0.0) {
        return None;
    }
    let hr = ((Z_975 + Z_80) / info.sqrt()).exp();
    hr.is_finite().then_some(hr)
}
