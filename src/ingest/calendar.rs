//! Calendars → meetings: `.ics` files from Outlook/Exchange and Google
//! Calendar (parsed with `icalendar`; recurring series expanded with
//! `rrule`, EXDATE and edited occurrences applied, time zones by IANA or
//! Windows name) and Outlook's CSV calendar export (`Subject, Start Date,
//! Start Time, End Date, End Time, …, Required Attendees`).
//!
//! Times are kept as the wall-clock time in the event's own zone, as a
//! meeting log would write them; UTC times are shown in the calendar's zone.
//! A series is expanded up to a bound the caller gives (the program's last
//! date), and never past [`MAX_OCCURRENCES`]; both are said when they cut.
//! It reads only; matching and writing are `meetups`.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use icalendar::parser::{self, Component};

use super::attendance::{Attendee, FoundMeeting, MeetingFile};
use super::kinds::normalise_header;
use super::values::{self, DateOrder, DateOrderEvidence};

/// Occurrences of one series at most; a daily series over decades is a
/// mistake in the file, not a program's meetings.
pub const MAX_OCCURRENCES: u16 = 2000;

pub fn is_ics(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
}

/// Windows zone names (Outlook writes them as TZID) → IANA, for the zones
/// most programs run in. From CLDR's `windowsZones.xml` (territory 001).
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("India Standard Time", "Asia/Calcutta"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("UTC", "Etc/UTC"),
    ("Coordinated Universal Time", "Etc/UTC"),
];

/// A TZID as an IANA zone: IANA names, Windows names, and Outlook's quoted
/// or `/`-prefixed spellings. `None` for zones only the file defines.
pub fn zone(tzid: &str) -> Option<chrono_tz::Tz> {
    let t = tzid.trim().trim_matches('"').trim_start_matches('/');
    if let Ok(z) = t.parse::<chrono_tz::Tz>() {
        return Some(z);
    }
    WINDOWS_ZONES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(t))
        .and_then(|(_, iana)| iana.parse().ok())
}

fn param<'a>(p: &'a parser::Property<'_>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str())
}

/// A DTSTART-like value as local wall-clock time: `20250107T131500`
/// (floating or with TZID), `…Z` (UTC, shown in `home`), `20250107` (a day).
fn when(p: &parser::Property<'_>, home: Option<chrono_tz::Tz>) -> Option<(NaiveDateTime, bool)> {
    let v = p.val.as_str().trim();
    if v.len() == 8 {
        let d = NaiveDate::parse_from_str(v, "%Y%m%d").ok()?;
        return Some((d.and_hms_opt(0, 0, 0)?, true));
    }
    let utc = v.ends_with('Z') || v.ends_with('z');
    let t = NaiveDateTime::parse_from_str(v.trim_end_matches(['Z', 'z']), "%Y%m%dT%H%M%S").ok()?;
    if utc {
        let z = param(p, "TZID").and_then(zone).or(home);
        return Some(match z {
            Some(z) => (z.from_utc_datetime(&t).naive_local(), false),
            None => (t, false),
        });
    }
    Some((t, false))
}

/// `mailto:ana@example.com` with `CN=Ana Silva`.
fn person(p: &parser::Property<'_>) -> Attendee {
    let v = p.val.as_str().trim();
    let email = v
        .strip_prefix("mailto:")
        .or_else(|| v.strip_prefix("MAILTO:"))
        .map(|e| e.trim().to_lowercase())
        .filter(|e| e.contains('@'));
    Attendee {
        email,
        name: param(p, "CN").map(|n| n.trim_matches('"').to_string()),
        intervals: Vec::new(),
    }
}

fn line_of_event(text: &str, n: usize) -> u64 {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim().eq_ignore_ascii_case("BEGIN:VEVENT"))
        .nth(n)
        .map(|(i, _)| i as u64 + 1)
        .unwrap_or(1)
}

/// Reads an `.ics` calendar. `until` bounds recurring series.
pub fn read_ics(text: &str, until: NaiveDate) -> Result<MeetingFile, String> {
    let unfolded = parser::unfold(text.trim_start_matches('\u{feff}'));
    let cal = parser::read_calendar(&unfolded).map_err(|_| {
        "this calendar file could not be read: its BEGIN/END blocks or property lines are broken; export the calendar again".to_string()
    })?;
    let home = cal
        .properties
        .iter()
        .find(|p| p.name.as_str() == "X-WR-TIMEZONE")
        .and_then(|p| zone(p.val.as_str()));
    let events: Vec<&Component<'_>> = cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let mut notes = Vec::new();
    let mut meetings = Vec::new();
    // Edited occurrences (RECURRENCE-ID) replace the series' own.
    let mut overrides: Vec<(String, NaiveDateTime)> = Vec::new();
    for e in &events {
        if let (Some(uid), Some(rid)) = (e.find_prop("UID"), e.find_prop("RECURRENCE-ID")) {
            if let Some((t, _)) = when(rid, home) {
                overrides.push((uid.val.as_str().to_string(), t));
            }
        }
    }
    let until_t = until.and_hms_opt(23, 59, 59).unwrap_or_default();
    for (n, e) in events.iter().enumerate() {
        let line = line_of_event(text, n);
        if e.find_prop("STATUS")
            .is_some_and(|s| s.val.as_str().eq_ignore_ascii_case("CANCELLED"))
        {
            continue;
        }
        let Some((start, _all_day)) = e.find_prop("DTSTART").and_then(|p| when(p, home)) else {
            notes.push((
                line,
                "this event has no readable start (DTSTART); it was left out".into(),
            ));
            continue;
        };
        let end = e
            .find_prop("DTEND")
            .and_then(|p| when(p, home))
            .map(|x| x.0);
        let length = end
            .map(|e| e - start)
            .filter(|d| *d >= chrono::Duration::zero());
        let title = e
            .find_prop("SUMMARY")
            .map(|p| {
                p.val
                    .as_str()
                    .replace("\\,", ",")
                    .replace("\\;", ";")
                    .replace("\\n", " ")
                    .trim()
                    .to_string()
            })
            .filter(|t| !t.is_empty());
        let mut attendees: Vec<Attendee> = Vec::new();
        for p in e
            .properties
            .iter()
            .filter(|p| matches!(p.name.as_str(), "ORGANIZER" | "ATTENDEE"))
        {
            if param(p, "PARTSTAT").is_some_and(|s| s.eq_ignore_ascii_case("DECLINED")) {
                continue;
            }
            let a = person(p);
            if (a.email.is_some() || a.name.is_some())
                && !attendees
                    .iter()
                    .any(|x| x.email.is_some() && x.email == a.email)
            {
                attendees.push(a);
            }
        }
        let uid = e.find_prop("UID").map(|p| p.val.as_str().to_string());
        let is_override = e.find_prop("RECURRENCE-ID").is_some();
        let mut starts = vec![start];
        if let (Some(rule), false) = (e.find_prop("RRULE"), is_override) {
            let exdates: Vec<NaiveDateTime> = e
                .properties
                .iter()
                .filter(|p| p.name.as_str() == "EXDATE")
                .flat_map(|p| {
                    let tz = param(p, "TZID").map(str::to_string);
                    p.val
                        .as_str()
                        .split(',')
                        .filter_map(|v| {
                            let mut q = parser::Property::new_ref("EXDATE", v.trim());
                            if let Some(tz) = &tz {
                                q.params
                                    .push(parser::Parameter::new_ref("TZID", Some(tz.as_str())));
                            }
                            when(&q, home).map(|x| x.0)
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            let tzid = e
                .find_prop("DTSTART")
                .and_then(|p| param(p, "TZID"))
                .map(str::to_string);
            let to_local = |t: NaiveDateTime| -> NaiveDateTime {
                match tzid.as_deref().and_then(zone).or(home) {
                    Some(z) => z.from_utc_datetime(&t).naive_local(),
                    None => tzid
                        .as_deref()
                        .and_then(|id| defined_offset(&cal.components, id, t))
                        .map(|off| t + off)
                        .unwrap_or(t),
                }
            };
            match expand(rule.val.as_str(), start, until_t, &to_local) {
                Ok((all, capped)) => {
                    if capped {
                        notes.push((line, format!("this series repeats more than {MAX_OCCURRENCES} times before {until}; only the first {MAX_OCCURRENCES} were read")));
                    }
                    // A series that starts after the bound still has its
                    // first meeting, as a single event would.
                    let all = if all.is_empty() { vec![start] } else { all };
                    starts = all
                        .into_iter()
                        .filter(|s| !exdates.contains(s))
                        .filter(|s| {
                            !overrides
                                .iter()
                                .any(|(u, t)| Some(u) == uid.as_ref() && t == s)
                        })
                        .collect();
                }
                Err(why) => {
                    notes.push((line, format!("the repeat rule of this series could not be read ({why}); only its first occurrence was kept")));
                }
            }
        }
        for s in starts.into_iter().filter(|s| *s <= until_t || *s == start) {
            let e_end = length.map(|l| s + l);
            meetings.push(FoundMeeting {
                line,
                title: title.clone(),
                start: s,
                end: e_end,
                attendees: attendees
                    .iter()
                    .cloned()
                    .map(|mut a| {
                        a.intervals = vec![(s, e_end.unwrap_or(s))];
                        a
                    })
                    .collect(),
            });
        }
    }
    meetings.sort_by_key(|m| (m.start, m.line));
    Ok(MeetingFile {
        source: "calendar",
        shape: super::Shape::Calendar,
        meetings,
        whole_event: true,
        notes,
    })
}

/// The UTC offset at `t` of a zone the file defines itself (a VTIMEZONE
/// whose name no time-zone database knows, as Exchange writes
/// `GMT +0100 (Standard) / GMT +0200 (Daylight)`): daylight time between the
/// months its DAYLIGHT and STANDARD rules start, to the month; that is all an
/// UNTIL at a series' end needs.
fn defined_offset(
    components: &[Component<'_>],
    tzid: &str,
    t: NaiveDateTime,
) -> Option<chrono::Duration> {
    use chrono::Datelike;
    let vtz = components.iter().find(|c| {
        c.name.as_str() == "VTIMEZONE"
            && c.find_prop("TZID")
                .is_some_and(|p| p.val.as_str().trim_matches('"') == tzid.trim_matches('"'))
    })?;
    let part = |name: &str| -> Option<(u32, chrono::Duration)> {
        let c = vtz.components.iter().find(|c| c.name.as_str() == name)?;
        let off = c.find_prop("TZOFFSETTO")?.val.as_str().trim().to_string();
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let digits: String = off.chars().filter(|c| c.is_ascii_digit()).collect();
        let h: i64 = digits.get(0..2)?.parse().ok()?;
        let m: i64 = digits.get(2..4).unwrap_or("0").parse().ok()?;
        let month = c
            .find_prop("RRULE")
            .and_then(|r| {
                r.val
                    .as_str()
                    .split(';')
                    .find_map(|kv| kv.strip_prefix("BYMONTH="))
                    .and_then(|m| m.parse().ok())
            })
            .or_else(|| {
                c.find_prop("DTSTART")
                    .and_then(|d| d.val.as_str().get(4..6)?.parse().ok())
            })?;
        Some((month, chrono::Duration::minutes(sign * (h * 60 + m))))
    };
    let (std_month, std_off) = part("STANDARD")?;
    let Some((dl_month, dl_off)) = part("DAYLIGHT") else {
        return Some(std_off);
    };
    let m = t.month();
    let daylight = if dl_month < std_month {
        dl_month <= m && m < std_month
    } else {
        m >= dl_month || m < std_month
    };
    Some(if daylight { dl_off } else { std_off })
}

/// The starts of a series, wall-clock, up to `until`. The rule is applied
/// to wall-clock time (as if it were UTC), which is what a calendar means by
/// "every Tuesday at 9:00" across a daylight-saving change.
fn expand(
    rule: &str,
    start: NaiveDateTime,
    until: NaiveDateTime,
    to_local: &dyn Fn(NaiveDateTime) -> NaiveDateTime,
) -> Result<(Vec<NaiveDateTime>, bool), String> {
    // Exchange writes `BYDAY=MO, TU`; the grammar has no spaces.
    let mut rule: String = rule.chars().filter(|c| !c.is_whitespace()).collect();
    // An UNTIL in UTC is moved to wall-clock time like everything else.
    if let Some(i) = rule.find("UNTIL=") {
        let rest = &rule[i + 6..];
        let v: String = rest.chars().take_while(|c| *c != ';').collect();
        let local = if v.len() == 8 {
            format!("{v}T235959")
        } else {
            let t = NaiveDateTime::parse_from_str(v.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                .map_err(|_| "UNTIL is not a date".to_string())?;
            let t = if v.ends_with('Z') { to_local(t) } else { t };
            t.format("%Y%m%dT%H%M%S").to_string()
        };
        rule = rule.replacen(&format!("UNTIL={v}"), &format!("UNTIL={local}Z"), 1);
    }
    let parsed: rrule::RRule<rrule::Unvalidated> =
        rule.parse().map_err(|e: rrule::RRuleError| e.to_string())?;
    let tz = rrule::Tz::UTC;
    let dt = tz.from_utc_datetime(&start);
    let set = parsed.build(dt).map_err(|e| e.to_string())?;
    let result = set
        .before(tz.from_utc_datetime(&until))
        .all(MAX_OCCURRENCES);
    Ok((
        result.dates.into_iter().map(|d| d.naive_utc()).collect(),
        result.limited,
    ))
}

/// Outlook's "Export to a file > Comma Separated Values" of a calendar.
pub fn is_outlook_csv(header: &[String]) -> bool {
    let n: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let has = |x: &str| n.iter().any(|c| c == x);
    has("subject")
        && has("startdate")
        && has("starttime")
        && (has("requiredattendees") || has("meetingorganizer"))
}

pub fn read_outlook_csv(text: &str) -> Result<MeetingFile, String> {
    let delimiter = super::table::sniff_delimiter(text);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = super::table::LineCounter::new(text);
    let mut recs = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|_| "this calendar export could not be read as CSV".to_string())?;
        let line = lines.line_at(rec.position().map(|p| p.byte() as usize).unwrap_or(0));
        recs.push((line, rec));
    }
    let Some((_, header)) = recs.first() else {
        return Err("the file is empty".into());
    };
    let n: Vec<String> = header.iter().map(normalise_header).collect();
    let c = |x: &str| n.iter().position(|h| h == x);
    let (subject, sd, st, ed, et) = (
        c("subject"),
        c("startdate"),
        c("starttime"),
        c("enddate"),
        c("endtime"),
    );
    let people_cols: Vec<usize> = ["meetingorganizer", "requiredattendees", "optionalattendees"]
        .iter()
        .filter_map(|x| c(x))
        .collect();
    let mut ev = DateOrderEvidence::default();
    for (_, rec) in recs.iter().skip(1) {
        for i in [sd, ed].into_iter().flatten() {
            if let Some(v) = rec.get(i) {
                ev.observe(v);
            }
        }
    }
    let order = ev
        .decide(if delimiter == b';' {
            DateOrder::Dmy
        } else {
            DateOrder::Mdy
        })
        .0;
    let mut notes = Vec::new();
    let mut meetings = Vec::new();
    for (line, rec) in recs.iter().skip(1) {
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(str::trim).unwrap_or("");
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let at = |d: &str, t: &str| {
            values::parse_datetime(format!("{d} {t}").trim(), order)
                .ok()
                .flatten()
        };
        let Some(start) = at(get(sd), get(st)) else {
            notes.push((
                *line,
                "this event's start date or time could not be read; it was left out".into(),
            ));
            continue;
        };
        let end = at(get(ed), get(et)).filter(|e| *e >= start);
        let mut attendees = Vec::new();
        for &i in &people_cols {
            // Outlook joins attendees with `;` and writes names, or e-mails
            // when the person is outside the address book.
            for who in rec
                .get(i)
                .unwrap_or("")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let email = who
                    .contains('@')
                    .then(|| who.trim_matches(['<', '>']).to_lowercase());
                let a = Attendee {
                    email,
                    name: (!who.contains('@')).then(|| who.to_string()),
                    intervals: vec![(start, end.unwrap_or(start))],
                };
                if !attendees.contains(&a) {
                    attendees.push(a);
                }
            }
        }
        meetings.push(FoundMeeting {
            line: *line,
            title: Some(get(subject).to_string()).filter(|s| !s.is_empty()),
            start,
            end,
            attendees,
        });
    }
    Ok(MeetingFile {
        source: "calendar",
        shape: super::Shape::OutlookCalendar,
        meetings,
        whole_event: true,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekly_series_with_exdate_and_windows_zone() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:1:1\r\nDTSTART;TZID=W. Europe Standard Time:20250106T090000\r\nDTEND;TZID=W. Europe Standard Time:20250106T093000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5\r\nEXDATE;TZID=W. Europe Standard Time:20250113T090000\r\nORGANIZER;CN=Ana:mailto:ana@x.com\r\nATTENDEE;CN=Bo:mailto:Bo@X.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let f = read_ics(ics, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()).unwrap();
        let starts: Vec<String> = f.meetings.iter().map(|m| m.start.to_string()).collect();
        assert_eq!(
            starts,
            [
                "2025-01-06 09:00:00",
                "2025-01-20 09:00:00",
                "2025-01-27 09:00:00",
                "2025-02-03 09:00:00"
            ]
        );
        assert_eq!(
            f.meetings[0].attendees[1].email.as_deref(),
            Some("bo@x.com")
        );
        assert_eq!(zone("GMT Standard Time"), Some(chrono_tz::Europe::London));
    }

    #[test]
    fn endless_series_stops_at_the_bound() {
        let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20250101T090000\nDTEND:20250101T100000\nRRULE:FREQ=DAILY\nEND:VEVENT\nEND:VCALENDAR\n";
        let f = read_ics(ics, NaiveDate::from_ymd_opt(2025, 1, 10).unwrap()).unwrap();
        assert_eq!(f.meetings.len(), 10);
    }
}
