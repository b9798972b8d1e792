//! Weekly delivery metrics per team (deployments, incidents, time to restore), with the
//! planted change at launch calibrated so the period ratios hold exactly.

use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution, Poisson};

use crate::model::TeamWeek;
use crate::util::*;
use crate::vocab::*;

/// Adds or removes single units at random rows until the selected rows sum to `target`.
fn nudge_total(
    rng: &mut ChaCha8Rng,
    rows: &[usize],
    target: u64,
    value: &mut dyn FnMut(usize, i64) -> bool,
    total: u64,
) {
    let mut total = total;
    let mut guard = 0;
    while total != target && guard < 1_000_000 {
        guard += 1;
        let row = rows[below(rng, rows.len())];
        let step = if total < target { 1 } else { -1 };
        if value(row, step) {
            total = total.saturating_add_signed(step);
        }
    }
}

/// Weekly delivery numbers per team, Mondays 2024-07-01 .. 2026-06-29. Deployments are Poisson
/// and incidents binomial per deployment; afterwards the totals of each period are nudged so the
/// planted ratios hold exactly (deployments +15%, pooled failure rate 0.15 / 0.10), and weekly
/// MTTR is rescaled so its period means sit at the log-normal means (a 20% drop).
pub fn gen_team_weeks(seed: u64) -> Vec<TeamWeek> {
    let mut rng = stream(seed, 10);
    let mut out = Vec::new();
    let mut week = ymd(2024, 7, 1);
    while week <= ymd(2026, 6, 29) {
        for (team, rate) in TEAM_DEPLOY_RATE.iter().enumerate() {
            let lambda = if week >= launch() {
                rate * DEPLOY_UPLIFT
            } else {
                *rate
            };
            let deployments = Poisson::new(lambda).expect("rate").sample(&mut rng) as u64;
            out.push(TeamWeek {
                team,
                week,
                deployments,
                incidents: 0,
                mttr: None,
                cfr: None,
            });
        }
        week = plus(week, 7);
    }
    let before: Vec<usize> = (0..out.len()).filter(|&i| out[i].week < launch()).collect();
    let after: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].week >= launch())
        .collect();
    let sum = |rows: &[usize], out: &[TeamWeek], f: fn(&TeamWeek) -> u64| -> u64 {
        rows.iter().map(|&i| f(&out[i])).sum()
    };

    // Deployments: after-launch mean = 1.15 x before-launch mean.
    let pre_mean = sum(&before, &out, |t| t.deployments) as f64 / before.len() as f64;
    let target = (pre_mean * DEPLOY_UPLIFT * after.len() as f64).round() as u64;
    let total = sum(&after, &out, |t| t.deployments);
    nudge_total(
        &mut rng,
        &after,
        target,
        &mut |i, step| {
            if step < 0 && out[i].deployments == 0 {
                return false;
            }
            out[i].deployments = out[i].deployments.saturating_add_signed(step);
            true
        },
        total,
    );

    // Incidents: binomial per week, then pooled rate per period set exactly.
    for t in out.iter_mut() {
        let p = if t.week >= launch() {
            CFR_AFTER
        } else {
            CFR_BEFORE
        };
        if t.deployments > 0 {
            t.incidents = Binomial::new(t.deployments, p)
                .expect("binomial")
                .sample(&mut rng);
        }
    }
    for (rows, p) in [(&before, CFR_BEFORE), (&after, CFR_AFTER)] {
        let target = (p * sum(rows, &out, |t| t.deployments) as f64).round() as u64;
        let total = sum(rows, &out, |t| t.incidents);
        nudge_total(
            &mut rng,
            rows,
            target,
            &mut |i, step| {
                let t = &mut out[i];
                if (step > 0 && t.incidents >= t.deployments) || (step < 0 && t.incidents == 0) {
                    return false;
                }
                t.incidents = t.incidents.saturating_add_signed(step);
                true
            },
            total,
        );
    }

    // MTTR: mean of the week's incident durations, rescaled per period.
    let sigma = 0.6;
    for (rows, median) in [(&before, MTTR_MEDIAN_BEFORE), (&after, MTTR_MEDIAN_AFTER)] {
        let dist = lognormal(median, sigma);
        let mut raw: Vec<(usize, f64)> = Vec::new();
        for &i in rows.iter() {
            let k = out[i].incidents;
            if k > 0 {
                let total: f64 = (0..k).map(|_| dist.sample(&mut rng)).sum();
                raw.push((i, total / k as f64));
            }
        }
        let values: Vec<f64> = raw.iter().map(|r| r.1).collect();
        let target = median * (sigma * sigma / 2.0).exp();
        let scale = target / mean(&values);
        for (i, v) in raw {
            out[i].mttr = Some(((v * scale) * 10.0).round().max(2.0) / 10.0);
        }
    }
    for t in out.iter_mut() {
        t.cfr = (t.deployments > 0)
            .then(|| (t.incidents as f64 / t.deployments as f64 * 100.0).round() / 100.0);
    }
    out
}
