//! M1 charts, one module each: satisfaction per item before/after with
//! confidence intervals (`items`, a dumbbell), the distribution of answers
//! as diverging stacked bars (`distribution`), eNPS before/after (`enps`)
//! and the composite and eNPS across every wave (`trend`, M7). This module
//! holds what they share: the wave names, the suppression message and the
//! t intervals. Suppressed waves and items are never drawn.

mod distribution;
mod enps;
mod items;
mod trend;

pub(super) use distribution::distribution;
pub(super) use enps::enps;
pub(super) use items::items;
pub(super) use trend::trend;

use plotters::style::text_anchor::HPos;

use crate::analysis::Analysis;
use crate::charts::theme::{axis_title, signed, steps, y_grid, Area, DrawResult, GridLine, AXIS};

/// The eNPS value axis, shared by the eNPS and trend charts: signed
/// labels from `from` to `to`, a strong zero line, and its title above.
pub(super) fn enps_axis(
    area: &Area<'_>,
    at: impl Fn(f64) -> i32,
    (from, to, step): (f64, f64, f64),
    (x0, x1): (i32, i32),
    title_y: i32,
    zero_width: u32,
) -> DrawResult {
    y_grid(area, at, &steps(from, to, step), x0, x1, |v| {
        GridLine::labelled(signed(v, 0)).strong_if(v.abs() < 1e-9, AXIS, zero_width)
    })?;
    axis_title(area, "eNPS (points)", 0, title_y, HPos::Left)
}

/// Mean and 95% CI (t interval) from n, mean, SD.
pub(super) fn t_interval(n: usize, mean: f64, sd: f64) -> Option<(f64, f64, f64)> {
    if n < 2 || !sd.is_finite() {
        return None;
    }
    let t = crate::stats::t_crit95((n - 1) as f64)?;
    let half = t * sd / (n as f64).sqrt();
    Some((mean, mean - half, mean + half))
}

pub(super) fn waves(a: &Analysis) -> (String, String) {
    let u = &a.survey_unpaired;
    (
        u.before_wave.clone().unwrap_or_else(|| "before".into()),
        u.after_wave.clone().unwrap_or_else(|| "after".into()),
    )
}

pub(super) fn suppressed_detail(a: &Analysis) -> String {
    let u = &a.survey_unpaired;
    let (bw, aw) = waves(a);
    format!(
        "Fewer than {k} people answered in at least one wave ({bw}: {nb}, {aw}: {na}). Survey results over fewer than {k} respondents are never shown, because a small group can identify who said what.",
        k = a.min_group_size,
        nb = u.n_before,
        na = u.n_after
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_interval_is_symmetric_with_the_t_quantile() {
        let (mean, lo, hi) = t_interval(4, 2.0, (2.0f64 / 3.0).sqrt()).unwrap();
        // t(0.975, 3) = 3.182446305
        assert!((hi - mean - 3.182446305 * (2.0f64 / 3.0).sqrt() / 2.0).abs() < 1e-6);
        assert!((mean - lo - (hi - mean)).abs() < 1e-12);
        assert_eq!(t_interval(1, 2.0, 0.5), None);
    }
}
