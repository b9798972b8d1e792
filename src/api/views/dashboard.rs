//! The dashboard: participants, active pairings, meetings this month and
//! the satisfaction, ramp-up and retention changes, each card with its
//! verdict and the comparison it opens, and every comparison's verdict.

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::super::program::{FilterChoices, Program};
use super::super::{date_text, Controls};
use super::{scope_text, verdict_view, ComparisonKind, VerdictView};
use crate::charts::theme::{num, pct, signed, thousands};
use crate::error::Result;

/// One headline card.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Card {
    /// `participants`, `active_pairings`, `meetings_this_month`,
    /// `satisfaction_change`, `ramp_up_change`, `retention_change`.
    pub id: String,
    pub label: String,
    /// The big figure, formatted.
    pub figure: String,
    /// The figure's value (for tests and screen readers), if there is one.
    pub value: Option<f64>,
    /// One line under the figure saying what it is made of.
    pub detail: String,
    /// How sure we can be, in one sentence (the verdict's last clause).
    pub outcome: Option<String>,
    pub outcome_label: Option<String>,
    pub verdict: Option<String>,
    /// The comparison this card opens.
    pub comparison: Option<ComparisonKind>,
    /// Why the figure is withheld (a survey wave under the minimum group
    /// size), so the window can say it is hidden on purpose.
    pub suppressed: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Dashboard {
    pub as_of: Option<String>,
    pub launch: Option<String>,
    /// "Everyone in the data" or the filters in force, in words.
    pub scope: String,
    pub cards: Vec<Card>,
    pub verdicts: Vec<VerdictView>,
    pub data_quality: Vec<String>,
    pub choices: FilterChoices,
    /// Set when this is the dashboard saved at an earlier launch, shown
    /// while the one for the data as it is now is worked out: why it may
    /// be out of date, in words for the window's notice.
    #[serde(default)]
    pub provisional: Option<String>,
}

/// The card's line under the figure: the verdict's closing clause (how
/// sure we can be), since the figure and detail already give the numbers.
/// The whole verdict is in the list below the cards.
fn how_sure(headline: &str) -> String {
    match headline.rsplit_once("; ") {
        Some((_, tail)) if tail.len() > 12 => super::super::upper_first(tail),
        _ => headline.to_string(),
    }
}

/// "; like for like, hazard ratio 1.56 (1.07–2.26)" for a card's detail.
fn like_for_like(adj: &crate::analysis::AdjustedHazard) -> String {
    match (adj.hazard_ratio, adj.ci95) {
        (Some(h), Some([lo, hi])) => format!(
            "; like for like, hazard ratio {} ({}–{})",
            num(h, 2),
            num(lo, 2),
            num(hi, 2)
        ),
        _ => String::new(),
    }
}

fn days(d: Option<f64>) -> String {
    d.map(|d| format!("{d:.0} days"))
        .unwrap_or_else(|| "not reached".into())
}

/// The dashboard for these controls.
pub fn dashboard(program: &Program, controls: &Controls) -> Result<Dashboard> {
    let opts = controls.to_options()?;
    let a = program.analysis(&opts)?;
    let a = a.as_ref();
    let mut cards = Vec::new();

    let scoped = program.pairings_in_scope(&opts);
    let mut people = std::collections::HashSet::new();
    for &i in &scoped {
        let p = &program.data.pairings[i];
        people.insert(p.mentor);
        people.insert(p.mentee);
    }
    let mentees: std::collections::HashSet<_> = scoped
        .iter()
        .map(|&i| program.data.pairings[i].mentee)
        .collect();
    cards.push(Card {
        id: "participants".into(),
        label: "Participants".into(),
        figure: thousands(people.len() as u64),
        value: Some(people.len() as f64),
        detail: format!(
            "{} mentees and {} mentors in {} pairings",
            thousands(mentees.len() as u64),
            thousands(
                scoped
                    .iter()
                    .map(|&i| program.data.pairings[i].mentor)
                    .collect::<std::collections::HashSet<_>>()
                    .len() as u64
            ),
            thousands(scoped.len() as u64)
        ),
        outcome: None,
        outcome_label: None,
        verdict: None,
        comparison: None,
        suppressed: None,
    });

    let e = &a.engagement;
    let quiet = e.quiet_pairs.len();
    cards.push(Card {
        id: "active_pairings".into(),
        label: "Active pairings".into(),
        figure: thousands(e.active_pairs as u64),
        value: Some(e.active_pairs as f64),
        detail: if quiet == 0 {
            format!(
                "all {} met in the last 30 days",
                thousands(e.active_pairs_met_last_30d as u64)
            )
        } else {
            format!(
                "{} met in the last 30 days; {} quiet",
                thousands(e.active_pairs_met_last_30d as u64),
                thousands(quiet as u64)
            )
        },
        outcome: Some(
            if quiet > 0 {
                "attention"
            } else {
                "descriptive"
            }
            .into(),
        ),
        outcome_label: Some(
            if quiet > 0 {
                "Some need a nudge"
            } else {
                "Activity"
            }
            .into(),
        ),
        verdict: None,
        comparison: Some(ComparisonKind::Engagement),
        suppressed: None,
    });

    let (month_key, month_label) = match a.as_of {
        Some(d) => (
            format!("{:04}-{:02}", d.year(), d.month()),
            format!(
                "in {} (1–{} {})",
                d.format("%B %Y"),
                d.day(),
                d.format("%b")
            ),
        ),
        None => (String::new(), "no meetings yet".into()),
    };
    let this_month = e
        .meetings_per_month
        .iter()
        .find(|m| m.month == month_key)
        .map(|m| m.meetings)
        .unwrap_or(0);
    cards.push(Card {
        id: "meetings_this_month".into(),
        label: "Meetings this month".into(),
        figure: thousands(this_month),
        value: Some(this_month as f64),
        detail: month_label,
        outcome: None,
        outcome_label: None,
        verdict: None,
        comparison: Some(ComparisonKind::Engagement),
        suppressed: None,
    });

    let u = &a.survey_unpaired;
    let v = verdict_view(ComparisonKind::Survey, a);
    let (figure, value, detail) = match (u.suppressed, u.diff, u.mean_before, u.mean_after) {
        (true, _, _, _) => (
            "Hidden".into(),
            None,
            format!(
                "fewer than {} respondents in a wave, so results are not shown",
                a.min_group_size
            ),
        ),
        (false, Some(d), Some(b), Some(af)) => (
            signed(d, 2),
            Some(d),
            format!(
                "{} → {} out of 5 ({} → {} responses){}",
                num(b, 2),
                num(af, 2),
                thousands(u.n_before as u64),
                thousands(u.n_after as u64),
                u.adjusted
                    .diff
                    .filter(|_| !u.adjusted.suppressed)
                    .map(|d| format!("; like for like {}", signed(d, 2)))
                    .unwrap_or_default()
            ),
        ),
        _ => (
            "—".into(),
            None,
            "needs a before and an after survey".into(),
        ),
    };
    cards.push(Card {
        id: "satisfaction_change".into(),
        label: "Satisfaction change".into(),
        figure,
        value,
        detail,
        outcome: Some(v.outcome.clone()),
        outcome_label: Some(v.outcome_label.clone()),
        verdict: Some(how_sure(&v.headline)),
        comparison: Some(ComparisonKind::Survey),
        suppressed: u.suppressed.then(|| {
            format!(
                "fewer than {} respondents in a survey wave",
                a.min_group_size
            )
        }),
    });

    let r = &a.ramp_up;
    let v = verdict_view(ComparisonKind::RampUp, a);
    let ramp_diff = match (r.mentored.km_median_days, r.not_mentored.km_median_days) {
        (Some(m), Some(n)) => Some(m - n),
        _ => None,
    };
    cards.push(Card {
        id: "ramp_up_change".into(),
        label: "Ramp-up time".into(),
        figure: ramp_diff
            .map(|d| format!("{} days", signed(d, 0)))
            .unwrap_or_else(|| "—".into()),
        value: ramp_diff,
        detail: format!(
            "median {} ({}) vs {} ({}){}",
            days(r.mentored.km_median_days),
            r.group_labels[0].to_lowercase(),
            days(r.not_mentored.km_median_days),
            r.group_labels[1].to_lowercase(),
            like_for_like(&r.adjusted)
        ),
        outcome: Some(v.outcome.clone()),
        outcome_label: Some(v.outcome_label.clone()),
        verdict: Some(how_sure(&v.headline)),
        comparison: Some(ComparisonKind::RampUp),
        suppressed: None,
    });

    let t = &a.retention;
    let v = verdict_view(ComparisonKind::Retention, a);
    let ret_diff = match (t.mentored.retained_365, t.not_mentored.retained_365) {
        (Some(m), Some(n)) => Some(m - n),
        _ => None,
    };
    let p = |x: Option<f64>| x.map(pct).unwrap_or_else(|| "—".into());
    cards.push(Card {
        id: "retention_change".into(),
        label: "12-month retention".into(),
        figure: ret_diff
            .map(|d| format!("{} pts", signed(d * 100.0, 0)))
            .unwrap_or_else(|| "—".into()),
        value: ret_diff,
        detail: format!(
            "{} ({}) vs {} ({}) still here after a year{}",
            p(t.mentored.retained_365),
            t.group_labels[0].to_lowercase(),
            p(t.not_mentored.retained_365),
            t.group_labels[1].to_lowercase(),
            like_for_like(&t.adjusted)
        ),
        outcome: Some(v.outcome.clone()),
        outcome_label: Some(v.outcome_label.clone()),
        verdict: Some(how_sure(&v.headline)),
        comparison: Some(ComparisonKind::Retention),
        suppressed: None,
    });

    Ok(Dashboard {
        as_of: date_text(a.as_of),
        launch: date_text(a.launch),
        scope: scope_text(&opts),
        cards,
        verdicts: ComparisonKind::ALL
            .into_iter()
            .map(|k| verdict_view(k, a))
            .collect(),
        data_quality: a.data_quality.notes.clone(),
        choices: program.choices(&opts),
        provisional: None,
    })
}
