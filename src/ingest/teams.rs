//! Microsoft Teams attendance reports: the 2021 single table of joins and
//! leaves (`Full Name, User Action, Timestamp`, names only) and the 2022+
//! sections (`1. Summary`, `2. Participants`, `3. In-Meeting activities`),
//! with headers and dates in English, French, German and Spanish. The
//! shared reading of participant tables and stamps is in `attendance`.

use chrono::NaiveDateTime;

use super::attendance::{
    col, file_delim, participant_table, roles, split, stamp, stamps_order, Attendee, FoundMeeting,
    MeetingFile,
};
use super::kinds::normalise_header;
use super::values::DateOrder;

/// Teams 2022+: `1. Summary` (title, start), `2. Participants` (first
/// join, last leave), `3. In-Meeting activities` (every join and leave; used
/// when present, as it holds the gaps).
pub(super) fn sections(lines: &[(u64, &str)]) -> MeetingFile {
    let mut notes = Vec::new();
    let mut title = None;
    let mut start_cell = None;
    let delim = file_delim(lines);
    let section = |k: &str| {
        lines
            .iter()
            .position(|(_, l)| normalise_header(l.split(delim).next().unwrap_or("")).starts_with(k))
    };
    let end_summary = section("2").unwrap_or(lines.len());
    for (_, l) in &lines[..end_summary] {
        let cells = split(l, delim);
        let key = cells
            .first()
            .map(|c| normalise_header(c))
            .unwrap_or_default();
        let val = cells.get(1).cloned();
        if [
            "meetingtitle",
            "titredelaréunion",
            "titelderbesprechung",
            "títulodelareunión",
            "meetingname",
        ]
        .contains(&key.as_str())
        {
            title = val;
        } else if ["starttime", "heurededébut", "startzeit", "horadeinicio"].contains(&key.as_str())
        {
            start_cell = val;
        }
    }
    let table_at = section("3")
        .filter(|i| lines.get(i + 2).is_some_and(|(_, l)| !l.trim().is_empty()))
        .or(section("2"));
    let day = start_cell
        .as_deref()
        .and_then(|s| stamp(s, stamps_order([s].into_iter(), DateOrder::Dmy)))
        .map(|d| d.date());
    let meeting =
        table_at.and_then(|i| participant_table(lines, i + 1, title.clone(), day, &mut notes));
    let mut meetings = Vec::new();
    if let Some((mut m, order)) = meeting {
        if let Some(s) = start_cell.as_deref().and_then(|s| stamp(s, order)) {
            m.start = s;
        }
        meetings.push(m);
    } else {
        notes.push((
            1,
            "no participants could be read from this Teams report".into(),
        ));
    }
    MeetingFile {
        source: "teams",
        shape: super::Shape::TeamsAttendance,
        meetings,
        whole_event: false,
        notes,
    }
}

/// Teams 2021: `Full Name, User Action, Timestamp`, one row per join or
/// leave; names only (no e-mails), so they are resolved through the roster.
pub(super) fn table_2021(lines: &[(u64, &str)], header: &[String], stem: &str) -> MeetingFile {
    let r = roles(header);
    let delim = file_delim(lines);
    let (ni, ai, ti) = (
        col(&r, "name").unwrap_or(0),
        col(&r, "action").unwrap_or(1),
        col(&r, "stamp").unwrap_or(2),
    );
    let rows: Vec<(u64, Vec<String>)> = lines[1..]
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| (*n, split(l, delim)))
        .collect();
    let fallback = DateOrder::Dmy;
    let order = stamps_order(
        rows.iter()
            .filter_map(|(_, c)| c.get(ti))
            .map(String::as_str),
        fallback,
    );
    let mut notes = Vec::new();
    let mut events: Vec<(u64, String, bool, NaiveDateTime)> = Vec::new();
    for (n, c) in &rows {
        let (Some(name), Some(action), Some(t)) = (
            c.get(ni),
            c.get(ai),
            c.get(ti).and_then(|t| stamp(t, order)),
        ) else {
            notes.push((
                *n,
                "this row's name, action or time could not be read; it was left out".into(),
            ));
            continue;
        };
        let a = normalise_header(action);
        let joined = [
            "joined",
            "rejoint",
            "beigetreten",
            "seunió",
            "unido",
            "joinedbefore",
            "arejoint",
            "sehaunido",
        ]
        .iter()
        .any(|w| a.starts_with(w));
        let left = [
            "left",
            "aquitté",
            "quitté",
            "verlassen",
            "hatverlassen",
            "salió",
            "haabandonado",
            "abandonó",
        ]
        .iter()
        .any(|w| a.starts_with(w));
        if !joined && !left {
            continue;
        }
        events.push((*n, name.trim().to_string(), joined, t));
    }
    let last = events.iter().map(|e| e.3).max();
    let mut people: Vec<Attendee> = Vec::new();
    let mut open: std::collections::HashMap<String, NaiveDateTime> = Default::default();
    for (_, name, joined, t) in &events {
        if *joined {
            open.entry(name.clone()).or_insert(*t);
        } else if let Some(a) = open.remove(name) {
            push_interval(&mut people, name, a, *t);
        }
    }
    for (name, a) in open {
        push_interval(&mut people, &name, a, last.unwrap_or(a));
    }
    people.sort_by(|a, b| a.name.cmp(&b.name));
    let meetings = match events.iter().map(|e| e.3).min() {
        Some(start) => vec![FoundMeeting {
            line: events.first().map(|e| e.0).unwrap_or(2),
            title: Some(stem.to_string()),
            start,
            end: last,
            attendees: people,
        }],
        None => Vec::new(),
    };
    MeetingFile {
        source: "teams",
        shape: super::Shape::TeamsAttendance,
        meetings,
        whole_event: false,
        notes,
    }
}

fn push_interval(people: &mut Vec<Attendee>, name: &str, a: NaiveDateTime, b: NaiveDateTime) {
    match people.iter_mut().find(|p| p.name.as_deref() == Some(name)) {
        Some(p) => p.intervals.push((a, b)),
        None => people.push(Attendee {
            email: None,
            name: Some(name.to_string()),
            intervals: vec![(a, b)],
        }),
    }
}
