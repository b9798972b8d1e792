//! The team-delivery verdict (M4), checked against the trend before launch
//! (the interrupted time series of M6).

use super::{capitalise, chance, outcome, pct, signed, verdict};
use crate::analysis::{Analysis, Verdict};

pub(super) fn delivery(a: &Analysis) -> Verdict {
    let d = &a.delivery;
    if d.before.team_weeks == 0 || d.after.team_weeks == 0 {
        return verdict(
            "no_data",
            "Import weekly team metrics from before and after the launch to compare delivery."
                .into(),
            vec![],
        );
    }
    let mut parts = Vec::new();
    if let (Some(b), Some(x), Some(rel)) = (
        d.before.deploys_per_team_week,
        d.after.deploys_per_team_week,
        d.deploys_relative_change,
    ) {
        parts.push(format!(
            "deployments per team-week went from {b:.1} to {x:.1} ({})",
            pct(rel)
        ));
    }
    if let (Some(b), Some(x)) = (d.before.change_failure_rate, d.after.change_failure_rate) {
        parts.push(format!(
            "change failure rate from {:.0}% to {:.0}%",
            b * 100.0,
            x * 100.0
        ));
    }
    if let (Some(b), Some(x)) = (d.before.mttr_hours_median, d.after.mttr_hours_median) {
        parts.push(format!(
            "median time to restore from {b:.1} to {x:.1} hours"
        ));
    }
    let mut headline = format!("After launch, {}", parts.join("; "));
    let better = d.deploys_relative_change.is_some_and(|r| r > 0.0);
    match d.deploys_mann_whitney_p {
        Some(p) => headline.push_str(&format!(". For deployments, {}.", chance(p))),
        None => headline.push('.'),
    }
    let mut caveats = vec![
        format!(
            "{} team-weeks before launch, {} after.",
            d.before.team_weeks, d.after.team_weeks
        ),
        "Delivery also changes for reasons outside the program (tooling, staffing, season).".into(),
    ];
    let its = &d.its;
    let raw_sig = d.deploys_mann_whitney_p.is_some_and(|p| p < 0.05);
    if let (Some(level), Some([lo, hi]), Some(p)) = (
        its.level_change.estimate,
        its.level_change.ci95,
        its.level_change.p,
    ) {
        let trend = its.pre_slope.map(|s| {
            if s > 0.0 {
                "already rising"
            } else {
                "already falling"
            }
        });
        let jump = format!(
            "allowing for the trend before launch, deployments per team-week changed by {} at launch (95% CI {} to {})",
            signed(level, 2),
            signed(lo, 2),
            signed(hi, 2)
        );
        if raw_sig && p >= 0.05 {
            // The before/after gap is the old trend carrying on.
            caveats.insert(0, format!("Without that adjustment: {headline}"));
            let lead = match trend {
                Some(t) => format!("Deployments were {t} before launch; {jump}, which cannot be told apart from that trend ({})." , chance(p)),
                None => format!("{}, which cannot be told apart from the trend ({}).", capitalise(&jump), chance(p)),
            };
            return verdict(outcome(Some(p), level > 0.0), lead, caveats);
        }
        caveats.insert(
            0,
            format!("Interrupted time series: {jump}; {}.", chance(p)),
        );
        if let (Some(s), Some(sp)) = (its.slope_change.estimate, its.slope_change.p) {
            if sp < 0.05 {
                caveats.push(format!(
                    "The weekly trend itself changed after launch by {} deployments per team-week per week.",
                    signed(s, 3)
                ));
            }
        }
    } else if let Some(reason) = &its.reason {
        caveats.push(format!(
            "The trend before launch could not be taken into account: {reason}."
        ));
    }
    verdict(outcome(d.deploys_mann_whitney_p, better), headline, caveats)
}
