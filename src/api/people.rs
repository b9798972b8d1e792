//! The people and pairings table: every pairing in scope with its meetings
//! and whether it has gone quiet (the analysis's rule: active on the as-of
//! date, no meeting in the 30 days up to it), and the roster with each
//! person's role. Searching happens here so a 100,000-person program never
//! crosses to the window whole.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::program::Program;
use super::{date_text, Controls};
use crate::analysis::frames::{from_day_number, Id};
use crate::error::Result;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum PairingStatus {
    /// Active on the as-of date but no meeting in the last 30 days.
    Quiet,
    Active,
    Upcoming,
    Ended,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PairingRow {
    pub mentor: String,
    pub mentor_id: String,
    pub mentee: String,
    pub mentee_id: String,
    pub cohort: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub meetings: u32,
    pub last_meeting: Option<String>,
    pub status: PairingStatus,
    /// "no meeting for 138 days" (quiet), "Active", "Ended", …
    pub status_text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PersonRow {
    pub person_id: String,
    pub name: String,
    pub email: Option<String>,
    pub team: Option<String>,
    pub level: Option<String>,
    pub hire_date: Option<String>,
    pub exit_date: Option<String>,
    /// "Mentor", "Mentee", "Mentor and mentee" or "—".
    pub role: String,
    pub pairings: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct PeopleQuery {
    /// Words to find in names, IDs, e-mails, teams, levels and cohorts.
    pub search: String,
    pub quiet_only: bool,
    /// At most this many rows of each table (default 200).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PeopleTable {
    pub as_of: Option<String>,
    /// Quiet pairings first, then active, upcoming, ended.
    pub pairings: Vec<PairingRow>,
    /// Pairings matching the search (before the limit).
    pub pairings_matching: u32,
    pub pairings_in_scope: u32,
    pub quiet_in_scope: u32,
    pub people: Vec<PersonRow>,
    pub people_matching: u32,
    pub people_in_scope: u32,
}

fn matches(terms: &[String], fields: &[Option<&str>]) -> bool {
    terms.iter().all(|t| {
        fields
            .iter()
            .flatten()
            .any(|f| f.to_lowercase().contains(t.as_str()))
    })
}

pub fn people(program: &Program, controls: &Controls, q: &PeopleQuery) -> Result<PeopleTable> {
    let opts = controls.to_options()?;
    let a = program.analysis(&opts)?;
    let d = &program.data;
    let limit = q.limit.unwrap_or(200).clamp(1, 5000) as usize;
    let terms: Vec<String> = q
        .search
        .split_whitespace()
        .map(|t| t.to_lowercase())
        .collect();
    let as_of = a.as_of.map(crate::analysis::frames::day_number);
    let (from, to) = (
        opts.date_from.map(crate::analysis::frames::day_number),
        opts.date_to.map(crate::analysis::frames::day_number),
    );

    // Meetings per pairing (same mentor and mentee), in the date range and
    // up to as-of, as the analysis counts them.
    let mut met: HashMap<(Id, Id), (u32, i32)> = HashMap::new();
    for m in &d.meetings {
        if from.is_some_and(|f| m.day < f) || to.is_some_and(|t| m.day > t) {
            continue;
        }
        if as_of.is_some_and(|a| m.day > a) {
            continue;
        }
        let e = met.entry((m.mentor, m.mentee)).or_insert((0, m.day));
        e.0 += 1;
        e.1 = e.1.max(m.day);
    }
    let quiet: std::collections::HashSet<(&str, &str)> = a
        .engagement
        .quiet_pairs
        .iter()
        .map(|p| (p.mentor.as_str(), p.mentee.as_str()))
        .collect();

    let scoped = program.pairings_in_scope(&opts);
    let mut rows = Vec::new();
    let mut quiet_in_scope = 0u32;
    let mut roles: HashMap<Id, (bool, bool, u32)> = HashMap::new();
    for &i in &scoped {
        let p = &d.pairings[i];
        let mentor_id = d.names[p.mentor as usize].clone();
        let mentee_id = d.names[p.mentee as usize].clone();
        roles.entry(p.mentor).or_default().0 = true;
        roles.entry(p.mentor).or_default().2 += 1;
        roles.entry(p.mentee).or_default().1 = true;
        roles.entry(p.mentee).or_default().2 += 1;
        let (meetings, last) = match met.get(&(p.mentor, p.mentee)) {
            Some(&(n, last)) => (n, Some(last)),
            None => (0, None),
        };
        let status = if quiet.contains(&(mentor_id.as_str(), mentee_id.as_str())) {
            PairingStatus::Quiet
        } else {
            match as_of {
                Some(a) if p.start.is_some_and(|s| s > a) => PairingStatus::Upcoming,
                Some(a) if p.end.is_some_and(|e| e < a) => PairingStatus::Ended,
                _ => PairingStatus::Active,
            }
        };
        if status == PairingStatus::Quiet {
            quiet_in_scope += 1;
        }
        if q.quiet_only && status != PairingStatus::Quiet {
            continue;
        }
        let mentor = program.display_name(p.mentor);
        let mentee = program.display_name(p.mentee);
        if !matches(
            &terms,
            &[
                Some(&mentor),
                Some(&mentee),
                Some(&mentor_id),
                Some(&mentee_id),
                p.cohort.as_deref(),
            ],
        ) {
            continue;
        }
        let status_text = match status {
            PairingStatus::Quiet => match (last, as_of) {
                (Some(l), Some(a)) => format!("no meeting for {} days", a - l),
                _ => "has not met yet".into(),
            },
            PairingStatus::Active => "Active".into(),
            PairingStatus::Upcoming => "Not started yet".into(),
            PairingStatus::Ended => "Ended".into(),
        };
        rows.push(PairingRow {
            mentor,
            mentor_id,
            mentee,
            mentee_id,
            cohort: p.cohort.clone(),
            start: p.start.map(|s| from_day_number(s).to_string()),
            end: p.end.map(|e| from_day_number(e).to_string()),
            meetings,
            last_meeting: last.map(|l| from_day_number(l).to_string()),
            status,
            status_text,
        });
    }
    rows.sort_by(|x, y| {
        x.status
            .cmp(&y.status)
            .then_with(|| x.last_meeting.cmp(&y.last_meeting))
            .then_with(|| x.mentee.cmp(&y.mentee))
    });
    let pairings_matching = rows.len() as u32;
    let listed: std::collections::HashSet<String> = rows
        .iter()
        .flat_map(|r| [r.mentor_id.clone(), r.mentee_id.clone()])
        .collect();
    rows.truncate(limit);

    // People: the roster within the team/level filters (and, with a cohort,
    // only that cohort's participants), plus anyone in a scoped pairing
    // who is not on the roster.
    let in_scope = |id: Id, team: Option<&String>, level: Option<&String>| {
        opts.team.as_ref().is_none_or(|t| team == Some(t))
            && opts.level.as_ref().is_none_or(|l| level == Some(l))
            && (opts.cohort.is_none() || roles.contains_key(&id))
    };
    let mut people_rows = Vec::new();
    let mut people_in_scope = 0u32;
    let mut seen = std::collections::HashSet::new();
    let role_text = |id: Id| match roles.get(&id) {
        Some((true, true, _)) => "Mentor and mentee",
        Some((true, false, _)) => "Mentor",
        Some((false, true, _)) => "Mentee",
        _ => "—",
    };
    for p in &d.people {
        if !in_scope(p.id, p.team.as_ref(), p.level.as_ref()) {
            continue;
        }
        seen.insert(p.id);
        people_in_scope += 1;
        let entry = program.roster_entry(p.id);
        let name = program.display_name(p.id);
        let pid = d.names[p.id as usize].clone();
        let email = entry.and_then(|e| e.email.clone());
        if !matches(
            &terms,
            &[
                Some(&name),
                Some(&pid),
                email.as_deref(),
                p.team.as_deref(),
                p.level.as_deref(),
            ],
        ) {
            continue;
        }
        if q.quiet_only && !listed.contains(&pid) {
            continue;
        }
        people_rows.push(PersonRow {
            person_id: pid,
            name,
            email,
            team: p.team.clone(),
            level: p.level.clone(),
            hire_date: date_text(p.hire.map(from_day_number)),
            exit_date: date_text(p.exit.map(from_day_number)),
            role: role_text(p.id).into(),
            pairings: roles.get(&p.id).map(|r| r.2).unwrap_or(0),
        });
    }
    if opts.team.is_none() && opts.level.is_none() {
        let mut off_roster: Vec<Id> = roles
            .keys()
            .copied()
            .filter(|id| !seen.contains(id))
            .collect();
        off_roster.sort();
        for id in off_roster {
            people_in_scope += 1;
            let ident = d.names[id as usize].clone();
            if !matches(&terms, &[Some(&ident)]) {
                continue;
            }
            if q.quiet_only && !listed.contains(&ident) {
                continue;
            }
            people_rows.push(PersonRow {
                name: ident.clone(),
                person_id: ident,
                email: None,
                team: None,
                level: None,
                hire_date: None,
                exit_date: None,
                role: format!("{} (not on the roster)", role_text(id)),
                pairings: roles.get(&id).map(|r| r.2).unwrap_or(0),
            });
        }
    }
    let people_matching = people_rows.len() as u32;
    people_rows.truncate(limit);

    Ok(PeopleTable {
        as_of: date_text(a.as_of),
        pairings: rows,
        pairings_matching,
        pairings_in_scope: scoped.len() as u32,
        quiet_in_scope,
        people: people_rows,
        people_matching,
        people_in_scope,
    })
}
