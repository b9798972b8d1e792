//! The data-quality notes every view and the pack carry: identities not on
//! the roster, pairings with no meeting, anonymous survey responses, dates
//! after as-of, and what is missing altogether.

use foldhash::HashMap;
use serde::Serialize;

use super::engagement::pair_key;
use super::frames::ProgramData;
use super::scope::Scope;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct DataQuality {
    pub identities_not_on_roster: usize,
    pub pairings_without_meetings: usize,
    pub survey_responses_without_identity: usize,
    pub dates_after_as_of: usize,
    pub notes: Vec<String>,
}

pub(crate) fn quality(data: &ProgramData, scope: &Scope, as_of: Option<i32>) -> DataQuality {
    // Pairings in scope → whether any meeting was logged for them.
    let mut met: HashMap<u64, bool> = scope
        .pairings
        .iter()
        .map(|&i| {
            (
                pair_key(data.pairings[i].mentor, data.pairings[i].mentee),
                false,
            )
        })
        .collect();
    for m in &data.meetings {
        if let Some(seen) = met.get_mut(&pair_key(m.mentor, m.mentee)) {
            *seen = true;
        }
    }
    let pairings_without_meetings = scope
        .pairings
        .iter()
        .filter(|&&i| !met[&pair_key(data.pairings[i].mentor, data.pairings[i].mentee)])
        .count();
    let survey_responses_without_identity = data
        .responses
        .iter()
        .filter(|r| r.respondent.is_none())
        .count();
    let dates_after_as_of = as_of.map_or(0, |a| {
        data.meetings.iter().filter(|m| m.day > a).count()
            + data.milestones.iter().filter(|m| m.day > a).count()
    });
    let mut notes = Vec::new();
    if data.people.is_empty() {
        notes.push("No roster is imported, so ramp-up and retention cannot be computed and identities cannot be checked.".into());
    }
    if data.pairings.is_empty() {
        notes.push("No pairing sheet is imported, so nobody counts as mentored.".into());
    }
    if !data.unknown_identities.is_empty() {
        notes.push(format!(
            "{} people appear in meetings, pairings or surveys but not on the roster; they are counted where possible but have no team, level or hire date.",
            data.unknown_identities.len()
        ));
    }
    if survey_responses_without_identity > 0 {
        notes.push(format!(
            "{survey_responses_without_identity} survey responses carry no name or e-mail, so they count in wave averages but not in the paired (same-person) comparison."
        ));
    }
    if pairings_without_meetings > 0 {
        notes.push(format!(
            "{pairings_without_meetings} pairings have no recorded meeting at all."
        ));
    }
    DataQuality {
        identities_not_on_roster: data.unknown_identities.len(),
        pairings_without_meetings,
        survey_responses_without_identity,
        dates_after_as_of,
        notes,
    }
}
