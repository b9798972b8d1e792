//! Video tools' attendance reports → meetings with who attended when:
//! Microsoft Teams (the 2021 single table of joins and leaves; the 2022+
//! "1. Summary / 2. Participants / 3. In-meeting activities" sections; any
//! of English, French, German, Spanish headers and dates such as
//! `13/04/2021 à 09:01:31`), Zoom participant reports (a meeting block, a
//! blank line, the participant table) and Google Meet attendance CSVs (the
//! Workspace report and the "Meet Attendance" extension's tab-in-quotes
//! export).
//!
//! Teams' own layouts are in `teams`. It only reads: matching attendees to
//! pairings and writing is `meetups`.
//! It never logs a name.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::kinds::normalise_header;
use super::values::{self, DateOrder, DateOrderEvidence};

/// One person at one meeting, as the file names them.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendee {
    pub email: Option<String>,
    pub name: Option<String>,
    /// When they were in the meeting (join, leave).
    pub intervals: Vec<(NaiveDateTime, NaiveDateTime)>,
}

impl Attendee {
    /// The identity as the file gave it: the e-mail, else the name.
    pub fn shown(&self) -> String {
        self.email
            .clone()
            .or_else(|| self.name.clone())
            .unwrap_or_default()
    }
}

/// One meeting found in a file.
#[derive(Debug, Clone)]
pub struct FoundMeeting {
    /// Line of the file where the meeting (or its first attendee) is.
    pub line: u64,
    pub title: Option<String>,
    pub start: NaiveDateTime,
    pub end: Option<NaiveDateTime>,
    pub attendees: Vec<Attendee>,
}

/// What a meetings file held.
#[derive(Debug, Clone)]
pub struct MeetingFile {
    /// `teams`, `zoom`, `meet`, `calendar` (stored in `meetings.source`).
    pub source: &'static str,
    pub shape: super::Shape,
    pub meetings: Vec<FoundMeeting>,
    /// Calendar meetings last as long as the event, not the overlap of
    /// attendance (nobody's attendance is recorded).
    pub whole_event: bool,
    /// (line, reason) of what could not be read; listed as warnings.
    pub notes: Vec<(u64, String)>,
}

/// Lines of a text with their 1-based numbers, without line ends.
fn numbered(text: &str) -> Vec<(u64, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.trim_end_matches('\r')))
        .collect()
}

pub(super) fn split(line: &str, delim: char) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delim as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    r.records()
        .next()
        .and_then(|x| x.ok())
        .map(|rec| rec.iter().map(|s| s.trim().to_string()).collect())
        .unwrap_or_default()
}

fn delim_of(line: &str) -> char {
    if line.contains('\t') {
        '\t'
    } else if line.matches(';').count() > line.matches(',').count() {
        ';'
    } else {
        ','
    }
}

/// Header cell → what it means, across the languages Teams writes.
fn role(h: &str) -> Option<&'static str> {
    let n = normalise_header(h);
    let any = |xs: &[&str]| xs.iter().any(|x| n == *x);
    let starts = |xs: &[&str]| xs.iter().any(|x| n.starts_with(x));
    Some(
        if any(&[
            "fullname",
            "nomcomplet",
            "vollständigername",
            "nombrecompleto",
            "name",
            "nom",
            "nombre",
            "participant",
            "participantname",
            "names",
            "displayname",
        ]) || n == "nameoriginalname"
        {
            "name"
        } else if any(&["firstname", "prénom", "vorname"]) {
            "first"
        } else if any(&[
            "lastname",
            "nomdefamille",
            "nachname",
            "apellidos",
            "apellido",
        ]) {
            "last"
        } else if any(&[
            "useraction",
            "activitédelutilisateur",
            "action",
            "benutzeraktion",
            "accióndelusuario",
            "acción",
            "activité",
        ]) {
            "action"
        } else if any(&[
            "timestamp",
            "horodatage",
            "zeitstempel",
            "marcadetiempo",
            "marcatemporal",
        ]) {
            "stamp"
        } else if starts(&[
            "firstjoin",
            "jointime",
            "timejoined",
            "joinedat",
            "firstseen",
            "heuredarrivée",
            "premièreparticipation",
            "premièrearrivée",
            "ersterbeitritt",
            "beitrittszeit",
            "horadeunión",
            "primeraunión",
            "horadeentrada",
            "arrivaltime",
        ]) {
            "join"
        } else if starts(&[
            "lastleave",
            "leavetime",
            "timeexited",
            "leftat",
            "lastseen",
            "heurededépart",
            "dernierdépart",
            "letztesverlassen",
            "zeitdesverlassens",
            "horadesalida",
            "últimasalida",
        ]) {
            "leave"
        } else if starts(&[
            "email",
            "useremail",
            "courriel",
            "adressedemessagerie",
            "correoelectrónico",
            "participantidupn",
            "iddeparticipant",
            "teilnehmerid",
            "iddelparticipante",
            "emailaddress",
        ]) {
            "email"
        } else if starts(&[
            "inmeetingduration",
            "duration",
            "duréedelaréunion",
            "durée",
            "dauer",
            "duración",
        ]) {
            "duration"
        } else {
            return None;
        },
    )
}

pub(super) fn roles(header: &[String]) -> Vec<Option<&'static str>> {
    let mut seen = std::collections::HashSet::new();
    header
        .iter()
        .map(|h| role(h).filter(|r| seen.insert(*r)))
        .collect()
}

pub(super) fn col(roles: &[Option<&'static str>], r: &str) -> Option<usize> {
    roles.iter().position(|x| *x == Some(r))
}

/// Teams writes `13/04/2021 à 09:01:31`, `13.4.2021, 09:01:31`,
/// `4/13/2021, 9:01:31 AM`, `14/11/22, 09:30:46`.
fn clean_stamp(s: &str) -> String {
    let mut t = s.trim().to_string();
    for w in [" à ", " um ", " a las ", " a la ", " at "] {
        t = t.replace(w, " ");
    }
    t.replace(", ", " ").replace(['\u{a0}', '\u{202f}'], " ")
}

/// The day/month order of a report's stamps: what the values say, else
/// the clock's: Teams writes month-first with a 12-hour clock (en-US) and
/// day-first with a 24-hour clock (en-GB, French, German, Spanish …).
pub(super) fn stamps_order<'a>(
    cells: impl Iterator<Item = &'a str>,
    fallback: DateOrder,
) -> DateOrder {
    let mut ev = DateOrderEvidence::default();
    let (mut twelve, mut any) = (false, false);
    for c in cells {
        let t = clean_stamp(c);
        let upper = t.to_uppercase();
        twelve |= upper.ends_with("AM") || upper.ends_with("PM");
        any = true;
        ev.observe(&t);
    }
    let fallback = match (any, twelve) {
        (true, true) => DateOrder::Mdy,
        (true, false) if fallback == DateOrder::Dmy => DateOrder::Dmy,
        _ => fallback,
    };
    ev.decide(fallback).0
}

pub(super) fn stamp(s: &str, order: DateOrder) -> Option<NaiveDateTime> {
    values::parse_datetime(&clean_stamp(s), order)
        .ok()
        .flatten()
}

/// Recognises an attendance report in decoded text.
pub fn recognise(text: &str, file_stem: &str) -> Option<MeetingFile> {
    let lines = numbered(text);
    let first = lines.iter().find(|(_, l)| !l.trim().is_empty())?.1.trim();
    let head = normalise_header(first.split(['\t', ',', ';']).next().unwrap_or(""));
    if head == "1summary" || head == "1résumé" || head == "1zusammenfassung" || head == "1resumen"
    {
        return Some(super::teams::sections(&lines));
    }
    if head.starts_with("attendancefor") {
        return meet_extension(&lines);
    }
    let cells = split(first, delim_of(first));
    let norm: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
    if norm.first().map(String::as_str) == Some("meetingid") && norm.iter().any(|c| c == "topic") {
        return zoom(&lines);
    }
    let r = roles(&cells);
    if col(&r, "name").is_some() && col(&r, "action").is_some() && col(&r, "stamp").is_some() {
        return Some(super::teams::table_2021(&lines, &cells, file_stem));
    }
    if norm.first().map(String::as_str) == Some("nameoriginalname")
        || (col(&r, "join").is_some()
            && col(&r, "leave").is_some()
            && (col(&r, "email").is_some()
                || col(&r, "first").is_some()
                || col(&r, "name").is_some()))
    {
        let source = if norm
            .iter()
            .any(|c| c == "nameoriginalname" || c == "useremail")
        {
            "zoom"
        } else {
            "meet"
        };
        let shape = if source == "zoom" {
            super::Shape::ZoomParticipants
        } else {
            super::Shape::MeetAttendance
        };
        let mut notes = Vec::new();
        let date = date_in_name(file_stem);
        let (mut m, _) = participant_table(&lines, 0, None, date, &mut notes)?;
        m.title = m.title.or_else(|| Some(file_stem.to_string()));
        return Some(MeetingFile {
            source,
            shape,
            meetings: vec![m],
            whole_event: false,
            notes,
        });
    }
    None
}

/// `… (2021-01-19 at 10:30 GMT-8)` or `2020-09-07` in a file name: the
/// meeting's day for reports whose rows hold only times.
fn date_in_name(stem: &str) -> Option<NaiveDate> {
    let b = stem.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = stem.get(i..i + 10)?;
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    })
}

/// A participant table starting at `lines[start]` (its header), up to a
/// blank line: one attendee per person (rejoins merged by e-mail or name).
pub(super) fn participant_table(
    lines: &[(u64, &str)],
    start: usize,
    title: Option<String>,
    day: Option<NaiveDate>,
    notes: &mut Vec<(u64, String)>,
) -> Option<(FoundMeeting, DateOrder)> {
    let (hline, header) = lines.get(start)?;
    let delim = file_delim(lines);
    let header = split(header, delim);
    let r = roles(&header);
    let (join, leave) = (col(&r, "join")?, col(&r, "leave")?);
    let body: Vec<(u64, Vec<String>)> = lines[start + 1..]
        .iter()
        .take_while(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| (*n, split(l, delim)))
        .collect();
    // Without a deciding value: 12-hour stamps are month-first (en-US),
    // 24-hour ones day-first (en-GB, French, German, Spanish …).
    let fallback = DateOrder::Dmy;
    let order = stamps_order(
        body.iter()
            .flat_map(|(_, c)| [c.get(join), c.get(leave)])
            .flatten()
            .map(String::as_str),
        fallback,
    );
    let mut people: Vec<Attendee> = Vec::new();
    for (n, cells) in &body {
        let get = |k: Option<usize>| {
            k.and_then(|i| cells.get(i))
                .map(|s| s.trim())
                .filter(|s| !values::is_missing(s))
        };
        let when = |k: usize| -> Option<NaiveDateTime> {
            let v = get(Some(k))?;
            stamp(v, order).or_else(|| {
                let t = chrono::NaiveTime::parse_from_str(v, "%H:%M:%S")
                    .or_else(|_| chrono::NaiveTime::parse_from_str(v, "%H:%M"))
                    .or_else(|_| chrono::NaiveTime::parse_from_str(&v.to_uppercase(), "%I:%M %p"))
                    .ok()?;
                Some(day?.and_time(t))
            })
        };
        let (Some(a), Some(b)) = (when(join), when(leave)) else {
            notes.push((
                *n,
                "the join or leave time of this attendee could not be read; the row was left out"
                    .into(),
            ));
            continue;
        };
        let email = get(col(&r, "email"))
            .filter(|e| e.contains('@'))
            .map(|e| e.to_lowercase());
        let name = match (get(col(&r, "first")), get(col(&r, "last"))) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (Some(f), None) => Some(f.to_string()),
            _ => get(col(&r, "name")).map(|s| strip_original(s).to_string()),
        };
        if email.is_none() && name.is_none() {
            continue;
        }
        let (a, b) = if b < a { (b, a) } else { (a, b) };
        let same = people.iter_mut().find(|p| {
            (email.is_some() && p.email == email)
                || (email.is_none() && p.email.is_none() && p.name == name)
        });
        match same {
            Some(p) => p.intervals.push((a, b)),
            None => people.push(Attendee {
                email,
                name,
                intervals: vec![(a, b)],
            }),
        }
    }
    let start_t = people
        .iter()
        .flat_map(|p| p.intervals.iter().map(|i| i.0))
        .min()?;
    let end_t = people
        .iter()
        .flat_map(|p| p.intervals.iter().map(|i| i.1))
        .max();
    Some((
        FoundMeeting {
            line: *hline + 1,
            title,
            start: start_t,
            end: end_t,
            attendees: people,
        },
        order,
    ))
}

/// A report's delimiter: tab when any of its first lines has one (Teams'
/// UTF-16 reports), else comma; a `;` inside a title must not decide it.
pub(super) fn file_delim(lines: &[(u64, &str)]) -> char {
    if lines.iter().take(40).any(|(_, l)| l.contains('\t')) {
        '\t'
    } else {
        ','
    }
}

/// Zoom's `Name (Original Name)` cells hold `Current (Original)`.
fn strip_original(s: &str) -> &str {
    match s.find(" (") {
        Some(i) if s.ends_with(')') => s[..i].trim(),
        _ => s,
    }
}

fn zoom(lines: &[(u64, &str)]) -> Option<MeetingFile> {
    let header = split(lines[0].1, delim_of(lines[0].1));
    let values = split(lines.get(1)?.1, delim_of(lines[0].1));
    let norm: Vec<String> = header.iter().map(|c| normalise_header(c)).collect();
    let get = |n: &str| {
        norm.iter()
            .position(|c| c == n)
            .and_then(|i| values.get(i))
            .cloned()
    };
    let title = get("topic");
    let start = lines.iter().position(|(_, l)| {
        let first = normalise_header(l.split(',').next().unwrap_or(""));
        first == "nameoriginalname" || first == "name" || first == "participant"
    })?;
    let mut notes = Vec::new();
    let order = stamps_order(get("starttime").iter().map(String::as_str), DateOrder::Mdy);
    let day = get("starttime")
        .and_then(|s| stamp(&s, order))
        .map(|d| d.date());
    let (mut m, _) = participant_table(lines, start, title, day, &mut notes)?;
    if let Some(s) = get("starttime").and_then(|s| stamp(&s, order)) {
        m.start = s;
    }
    if let Some(e) = get("endtime").and_then(|s| stamp(&s, order)) {
        m.end = Some(e);
    }
    m.line = lines[1].0;
    Some(MeetingFile {
        source: "zoom",
        shape: super::Shape::ZoomParticipants,
        meetings: vec![m],
        whole_event: false,
        notes,
    })
}

/// The "Google Meet Attendance" extension: `Attendance for: NAME on DATE`,
/// a blank line, then lines that are one quoted field holding tab-separated
/// cells: `Names<TAB>DATE H:MM<TAB>Arrival time`, then per person
/// `Name<TAB>?<TAB>9:01 (6min) [9:06]` (arrival, minutes present, last seen).
fn meet_extension(lines: &[(u64, &str)]) -> Option<MeetingFile> {
    let pre = lines.first()?.1;
    let title = pre
        .split(':')
        .nth(1)
        .map(|s| s.split(" on ").next().unwrap_or(s).trim().to_string());
    let day = date_in_name(pre)?;
    let mut notes = Vec::new();
    let mut people = Vec::new();
    let mut first_line = None;
    for (n, l) in lines.iter().skip(1) {
        let inner = l.trim().trim_matches('"');
        let cells: Vec<&str> = inner.split('\t').collect();
        if cells.len() < 3 || normalise_header(cells[0]) == "names" {
            continue;
        }
        let arrival = cells[2];
        let time = arrival.split_whitespace().next().unwrap_or("");
        let minutes = arrival
            .split('(')
            .nth(1)
            .and_then(|s| s.split("min").next())
            .and_then(|m| m.trim().parse::<i64>().ok());
        let parsed = time
            .split_once(':')
            .and_then(|(h, m)| Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)))
            .and_then(|(h, m)| day.and_hms_opt(h, m, 0));
        match (parsed, minutes) {
            (Some(a), Some(mins)) => {
                first_line.get_or_insert(*n);
                people.push(Attendee {
                    email: None,
                    name: Some(cells[0].trim().to_string()),
                    intervals: vec![(a, a + Duration::minutes(mins))],
                });
            }
            _ => notes.push((
                *n,
                "this attendee's arrival time or minutes could not be read; left out".into(),
            )),
        }
    }
    let start = people.iter().map(|p| p.intervals[0].0).min()?;
    let end = people.iter().map(|p| p.intervals[0].1).max();
    Some(MeetingFile {
        source: "meet",
        shape: super::Shape::MeetAttendance,
        meetings: vec![FoundMeeting {
            line: first_line.unwrap_or(3),
            title,
            start,
            end,
            attendees: people,
        }],
        whole_event: false,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_teams_2021_dates_and_actions() {
        let text = "Nom complet\tActivité de l'utilisateur\tHorodatage\nAda Lovelace\tRejoint\t13/04/2021 à 09:01:31\nAda Lovelace\tA quitté\t13/04/2021 à 09:31:31\nBo Chen\tRejoint\t13/04/2021 à 09:05:00\n";
        let f = recognise(text, "réunion").unwrap();
        assert_eq!(f.source, "teams");
        let m = &f.meetings[0];
        assert_eq!(m.start.to_string(), "2021-04-13 09:01:31");
        assert_eq!(m.attendees.len(), 2);
        let ada = m
            .attendees
            .iter()
            .find(|a| a.name.as_deref() == Some("Ada Lovelace"))
            .unwrap();
        assert_eq!(ada.intervals[0].1.to_string(), "2021-04-13 09:31:31");
        // Bo never left: present until the last event of the report.
        let bo = m
            .attendees
            .iter()
            .find(|a| a.name.as_deref() == Some("Bo Chen"))
            .unwrap();
        assert_eq!(bo.intervals[0].1.to_string(), "2021-04-13 09:31:31");
    }

    #[test]
    fn zoom_rejoins_are_one_attendee() {
        let text = "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\n1,Weekly 1:1,04/15/2020 03:00:00 PM,04/15/2020 04:00:00 PM,a@x.com,60,2,\n\nName (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\nAda,a@x.com,04/15/2020 03:00:00 PM,04/15/2020 03:20:00 PM,20\nBo,b@x.com,04/15/2020 03:05:00 PM,04/15/2020 03:50:00 PM,45\nAda,a@x.com,04/15/2020 03:30:00 PM,04/15/2020 04:00:00 PM,30\n";
        let f = recognise(text, "participants").unwrap();
        let m = &f.meetings[0];
        assert_eq!(m.title.as_deref(), Some("Weekly 1:1"));
        assert_eq!(m.attendees.len(), 2);
        assert_eq!(m.attendees[0].intervals.len(), 2);
    }
}
