//! Filters that cannot be subtracted: for each value of each filter
//! (cohort, team, level), whether choosing it — with the other filters as
//! they are — would show survey figures, or whether disclosure control
//! would hide them (too few respondents, or too few left in a wider group).
//! The app greys such a value out with the reason, as survey tools do; the
//! CLI's `filters` command lists the same. Counts only, never values.

use serde::Serialize;

use super::frames::ProgramData;
use super::AnalysisOptions;
use crate::disclosure::{Census, Figure, Measure, Rule};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FilterValue {
    /// `cohort`, `team` or `level`.
    pub dimension: String,
    pub value: String,
    /// Survey figures can be shown with this value chosen.
    pub available: bool,
    /// Why not, in one line.
    pub reason: Option<String>,
}

/// Every value of every filter, with whether it may be chosen.
pub fn filter_values(data: &ProgramData, opts: &AnalysisOptions) -> Result<Vec<FilterValue>> {
    crate::disclosure::check_min_group(opts.min_group_size)?;
    let census = Census::build(data, opts.min_group_size, super::cohorts::row_name);
    // The waves the analysis compares, defaults as in `survey` (the first
    // and last in the date range).
    let (first_wave, last_wave) = super::scope::Scope::new(data, opts).default_waves(data);
    let waves: Vec<u32> = [
        opts.before_wave.clone().or(first_wave),
        opts.after_wave.clone().or(last_wave),
    ]
    .iter()
    .flatten()
    .filter_map(|w| census.wave_id(w))
    .collect();
    let mut values: Vec<(&str, Vec<String>)> = vec![
        (
            "cohort",
            names(data.pairings.iter().map(|p| p.cohort.as_deref())),
        ),
        ("team", names(data.people.iter().map(|p| p.team.as_deref()))),
        (
            "level",
            names(data.people.iter().map(|p| p.level.as_deref())),
        ),
    ];
    let mut out = Vec::new();
    for (dimension, list) in values.drain(..) {
        for value in list {
            let mut o = opts.clone();
            match dimension {
                "cohort" => o.cohort = Some(value.clone()),
                "team" => o.team = Some(value.clone()),
                _ => o.level = Some(value.clone()),
            }
            let sel = super::privacy::selection(&census, &o);
            let figures: Vec<Figure> = waves
                .iter()
                .map(|&wave| Figure {
                    wave,
                    measure: Measure::Composite,
                    selection: sel.clone(),
                })
                .collect();
            let rule = census
                .decide(&figures, |f| census.label(f))
                .hidden
                .into_iter()
                .flatten()
                .min();
            out.push(FilterValue {
                dimension: dimension.to_string(),
                value,
                available: rule.is_none(),
                reason: rule.map(|r| reason(r, opts.min_group_size)),
            });
        }
    }
    Ok(out)
}

fn names<'a>(it: impl Iterator<Item = Option<&'a str>>) -> Vec<String> {
    it.flatten()
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn reason(rule: Rule, k: usize) -> String {
    match rule {
        Rule::MinimumGroup => format!("fewer than {k} survey respondents with this filter"),
        Rule::Remainder => format!(
            "fewer than {k} respondents would be left outside it, so comparing with the wider group would reveal them"
        ),
        Rule::Complementary => {
            "hidden so that a smaller hidden group cannot be worked out from the totals".into()
        }
        other => other.describe().to_string(),
    }
}
