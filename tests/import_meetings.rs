//! Meetings from where meetings happen: the sample program's meeting log
//! written out as Microsoft Teams (2021 table in English and French, UTF-16;
//! 2022+ sections in English UTF-8 with commas, UTF-16BE with tabs, German
//! and Spanish), Zoom, Google Meet, `.ics` (Google and Outlook, with a
//! recurring series) and Outlook's CSV calendar export would write them,
//! then imported and matched to the sample pairings.
//!
//! The expected meetings are worked out here from the sample CSVs alone
//! (which meetings have a pairing, whose names are unique on the roster) and
//! from how each file was written (the mentee joins 2 minutes after the
//! mentor and leaves at the logged end, so the overlap is the logged minutes
//! less 2), never from the importer's output.

mod common;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDateTime, TimeZone};
use mentorscope::ingest::{self, meetups, ImportOptions, Kind, Shape};
use mentorscope::Store;

struct Logged {
    start: NaiveDateTime,
    mentor: String,
    mentee: String,
    minutes: i64,
    topic: String,
}

fn rows(name: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(common::sample(name)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.trim().to_string()))
                .collect()
        })
        .collect()
}

struct Sample {
    meetings: Vec<Logged>,
    name_of: HashMap<String, String>,
    id_of: HashMap<String, String>,
    unique_name: HashSet<String>,
    pairs: HashSet<(String, String)>,
}

fn sample(n: usize) -> Sample {
    let roster = rows("roster.csv");
    let mut name_of = HashMap::new();
    let mut id_of = HashMap::new();
    let mut count: HashMap<String, usize> = HashMap::new();
    for p in &roster {
        let email = p["Work Email"].to_lowercase();
        name_of.insert(email.clone(), p["Full Name"].clone());
        id_of.insert(email, p["Employee ID"].clone());
        id_of.insert(p["Employee ID"].clone(), p["Employee ID"].clone());
        *count.entry(p["Full Name"].clone()).or_default() += 1;
    }
    let unique_name = count
        .into_iter()
        .filter(|(_, c)| *c == 1)
        .map(|(n, _)| n)
        .collect();
    let id = |s: &str| {
        id_of
            .get(&s.to_lowercase())
            .cloned()
            .unwrap_or_else(|| s.to_lowercase())
    };
    let pairs = rows("pairings.csv")
        .iter()
        .map(|p| (id(&p["Mentor Email"]), id(&p["Mentee Email"])))
        .collect();
    let meetings = rows("meetings.csv")
        .into_iter()
        .filter(|m| !m["Duration (min)"].is_empty())
        .take(n)
        .map(|m| Logged {
            start: NaiveDateTime::parse_from_str(&m["Meeting Date"], "%Y-%m-%d %H:%M").unwrap(),
            mentor: m["Mentor"].to_lowercase(),
            mentee: m["Mentee"].to_lowercase(),
            minutes: m["Duration (min)"].parse().unwrap(),
            topic: m["Topics"].clone(),
        })
        .collect();
    Sample {
        meetings,
        name_of,
        id_of,
        unique_name,
        pairs,
    }
}

impl Sample {
    fn id(&self, email: &str) -> String {
        self.id_of
            .get(email)
            .cloned()
            .unwrap_or_else(|| email.to_string())
    }
    fn paired(&self, m: &Logged) -> bool {
        self.pairs
            .contains(&(self.id(&m.mentor), self.id(&m.mentee)))
    }
    fn named(&self, m: &Logged) -> bool {
        [&m.mentor, &m.mentee].iter().all(|e| {
            self.name_of
                .get(*e)
                .is_some_and(|n| self.unique_name.contains(n))
        })
    }
    fn name(&self, email: &str) -> String {
        self.name_of
            .get(email)
            .cloned()
            .unwrap_or_else(|| email.to_string())
    }
}

fn program() -> (common::TempDb, Store) {
    let db = common::temp_db();
    let mut store = common::open(&db);
    for f in ["roster.csv", "pairings.csv"] {
        ingest::import_file(&mut store, &common::sample(f), &ImportOptions::default()).unwrap();
    }
    (db, store)
}

/// (started_at, mentor, mentee, minutes, topic, source) of every meeting.
fn stored(store_path: &Path) -> BTreeSet<(String, String, String, i64, String, String)> {
    let conn = rusqlite::Connection::open(store_path).unwrap();
    let mut s = conn
        .prepare("SELECT started_at, mentor, mentee, duration_min, IFNULL(topics,''), IFNULL(source,'') FROM meetings")
        .unwrap();
    s.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get::<_, f64>(3)?.round() as i64,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .map(|x| x.unwrap())
    .collect()
}

fn expected(
    s: &Sample,
    keep: impl Fn(&Logged) -> bool,
    minutes: impl Fn(&Logged) -> i64,
    source: &str,
) -> BTreeSet<(String, String, String, i64, String, String)> {
    s.meetings
        .iter()
        .filter(|m| s.paired(m) && keep(m))
        .map(|m| {
            (
                m.start.format("%Y-%m-%dT%H:%M:%S").to_string(),
                s.id(&m.mentor),
                s.id(&m.mentee),
                minutes(m),
                m.topic.clone(),
                source.to_string(),
            )
        })
        .collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

fn import_all(store: &mut Store, files: &[PathBuf], opts: &ImportOptions) -> (u64, u64) {
    let (mut matched, mut unmatched) = (0, 0);
    for f in files {
        let r =
            ingest::import_file(store, f, opts).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert_eq!(r.kind, Kind::Meetings, "{}", f.display());
        matched += r.rows_imported;
        unmatched += r.rows_unmatched;
    }
    (matched, unmatched)
}

const N: usize = 40;

/// Joins and leaves: mentor at `t`, mentee at `t+2`, mentee leaves at the
/// logged end, the mentor 3 minutes later.
fn times(m: &Logged) -> [(bool, bool, NaiveDateTime); 4] {
    let t = m.start;
    let end = t + Duration::minutes(m.minutes);
    [
        (true, true, t),
        (false, true, t + Duration::minutes(2)),
        (false, false, end),
        (true, false, end + Duration::minutes(3)),
    ]
}

#[test]
fn teams_2021_reports_in_english_and_french_utf16_match_by_roster_name() {
    let s = sample(N);
    let (db, mut store) = program();
    let mut files = Vec::new();
    for (i, m) in s.meetings.iter().enumerate() {
        let french = i % 2 == 1;
        let mut text = if french {
            "Nom complet\tActivité de l'utilisateur\tHorodatage\n".to_string()
        } else {
            "Full Name\tUser Action\tTimestamp\n".to_string()
        };
        for (is_mentor, joined, t) in times(m) {
            let who = s.name(if is_mentor { &m.mentor } else { &m.mentee });
            let (action, stamp) = if french {
                (
                    if joined { "Rejoint" } else { "A quitté" },
                    t.format("%d/%m/%Y à %H:%M:%S").to_string(),
                )
            } else {
                (
                    if joined { "Joined" } else { "Left" },
                    t.format("%-m/%-d/%Y, %-I:%M:%S %p").to_string(),
                )
            };
            text.push_str(&format!("{who}\t{action}\t{stamp}\n"));
        }
        let p = db
            .dir
            .path()
            .join(format!("meetingAttendanceList ({i}).csv"));
        std::fs::write(&p, utf16(&text, false)).unwrap();
        files.push(p);
    }
    let (matched, _) = import_all(&mut store, &files, &ImportOptions::default());
    // Titles are not in a 2021 report: the topic is the file's name.
    let got: BTreeSet<_> = stored(&db.path)
        .into_iter()
        .map(|(a, b, c, d, _, f)| (a, b, c, d, f))
        .collect();
    let want: BTreeSet<_> = expected(&s, |m| s.named(m), |m| m.minutes - 2, "teams")
        .into_iter()
        .map(|(a, b, c, d, _, f)| (a, b, c, d, f))
        .collect();
    assert!(
        want.len() >= 20,
        "too few sample meetings to test: {}",
        want.len()
    );
    assert_eq!(got, want);
    assert_eq!(matched as usize, want.len());
    // Meetings of people whose name is on the roster twice are listed.
    let ambiguous = s.meetings.iter().any(|m| s.paired(m) && !s.named(m));
    if ambiguous {
        let problems: Vec<String> = store
            .imports()
            .unwrap()
            .iter()
            .flat_map(|i| store.problems(i.id).unwrap())
            .map(|p| p.reason)
            .collect();
        assert!(
            problems
                .iter()
                .any(|r| r.contains("fits 2 people on the roster")),
            "{problems:?}"
        );
    }
}

fn teams_2022(s: &Sample, m: &Logged, lang: &str, delim: &str) -> String {
    let q = |x: &str| {
        if delim == "," {
            format!("\"{x}\"")
        } else {
            x.to_string()
        }
    };
    let (summary, title, start, parts, header, fmt) = match lang {
        "de" => (
            "1. Zusammenfassung",
            "Titel der Besprechung",
            "Startzeit",
            "2. Teilnehmer",
            [
                "Name",
                "Erster Beitritt",
                "Letztes Verlassen",
                "Dauer in der Besprechung",
                "E-Mail",
                "Teilnehmer-ID (UPN)",
                "Rolle",
            ],
            "%d.%m.%y, %H:%M:%S",
        ),
        "es" => (
            "1. Resumen",
            "Título de la reunión",
            "Hora de inicio",
            "2. Participantes",
            [
                "Nombre",
                "Primera unión",
                "Última salida",
                "Duración en la reunión",
                "Correo electrónico",
                "Id. de participante (UPN)",
                "Rol",
            ],
            "%-d/%-m/%y, %H:%M:%S",
        ),
        "en-gb" => (
            "1. Summary",
            "Meeting title",
            "Start time",
            "2. Participants",
            [
                "Name",
                "First join",
                "Last leave",
                "In-meeting duration",
                "Email",
                "Participant ID (UPN)",
                "Role",
            ],
            "%d/%m/%y, %H:%M:%S",
        ),
        _ => (
            "1. Summary",
            "Meeting title",
            "Start time",
            "2. Participants",
            [
                "Name",
                "First join",
                "Last leave",
                "In-meeting duration",
                "Email",
                "Participant ID (UPN)",
                "Role",
            ],
            "%-m/%-d/%y, %-I:%M:%S %p",
        ),
    };
    let t = times(m);
    let mut out = format!(
        "{summary}\n{}{delim}{}\n{}{delim}{}\n\n{parts}\n",
        q(title),
        q(&m.topic),
        q(start),
        q(&m.start.format(fmt).to_string())
    );
    out.push_str(&header.iter().map(|h| q(h)).collect::<Vec<_>>().join(delim));
    out.push('\n');
    for (who, join, leave, role) in [
        (&m.mentor, t[0].2, t[3].2, "Organizer"),
        (&m.mentee, t[1].2, t[2].2, "Presenter"),
    ] {
        let cells = [
            s.name(who),
            join.format(fmt).to_string(),
            leave.format(fmt).to_string(),
            format!("{}m 0s", (leave - join).num_minutes()),
            who.clone(),
            who.clone(),
            role.to_string(),
        ];
        out.push_str(&cells.iter().map(|c| q(c)).collect::<Vec<_>>().join(delim));
        out.push('\n');
    }
    out.push_str("\n3. In-Meeting activities\n");
    out
}

#[test]
fn teams_2022_sections_in_four_languages_and_encodings_match_by_email() {
    let s = sample(N);
    let (db, mut store) = program();
    let mut files = Vec::new();
    for (i, m) in s.meetings.iter().enumerate() {
        type Encode = fn(&str) -> Vec<u8>;
        let (lang, delim, bytes): (&str, &str, Encode) = match i % 4 {
            0 => ("en-us", ",", |t| t.as_bytes().to_vec()),
            1 => ("en-gb", "\t", |t| utf16(t, true)),
            2 => ("de", "\t", |t| utf16(t, false)),
            _ => ("es", ",", |t| t.as_bytes().to_vec()),
        };
        let p = db.dir.path().join(format!("{}-attendance-{i}.csv", lang));
        std::fs::write(&p, bytes(&teams_2022(&s, m, lang, delim))).unwrap();
        files.push(p);
    }
    let (matched, unmatched) = import_all(&mut store, &files, &ImportOptions::default());
    let want = expected(&s, |_| true, |m| m.minutes - 2, "teams");
    assert_eq!(stored(&db.path), want);
    assert_eq!(matched as usize, want.len());
    assert_eq!((matched + unmatched) as usize, N);
    assert_eq!(store.status().unwrap().unmatched_meetings as u64, unmatched);
}

#[test]
fn zoom_reports_count_the_overlap_of_rejoins() {
    let s = sample(N);
    let (db, mut store) = program();
    let mut files = Vec::new();
    let f = |t: NaiveDateTime| t.format("%m/%d/%Y %I:%M:%S %p").to_string();
    for (i, m) in s.meetings.iter().enumerate() {
        let t = m.start;
        let end = t + Duration::minutes(m.minutes);
        let mut text = format!(
            "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\n{},{},{},{},{},{},2,\n\nName (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n",
            900 + i, m.topic.replace(',', " "), f(t), f(end + Duration::minutes(3)), m.mentor, m.minutes + 3
        );
        // The mentor drops out from minute 10 to 12.
        for (who, a, b) in [
            (&m.mentor, t, t + Duration::minutes(10)),
            (&m.mentee, t + Duration::minutes(2), end),
            (
                &m.mentor,
                t + Duration::minutes(12),
                end + Duration::minutes(3),
            ),
        ] {
            text.push_str(&format!(
                "{},{who},{},{},{},No\n",
                s.name(who),
                f(a),
                f(b),
                (b - a).num_minutes()
            ));
        }
        let p = db.dir.path().join(format!("participants_{i}.csv"));
        std::fs::write(&p, text).unwrap();
        files.push(p);
    }
    import_all(&mut store, &files, &ImportOptions::default());
    let want = expected(&s, |_| true, |m| m.minutes - 4, "zoom");
    assert_eq!(
        stored(&db.path),
        want.iter()
            .map(|(a, b, c, d, e, f)| (
                a.clone(),
                b.clone(),
                c.clone(),
                *d,
                e.replace(',', " "),
                f.clone()
            ))
            .collect()
    );
}

#[test]
fn google_meet_attendance_takes_the_day_from_the_file_name() {
    let s = sample(N);
    let (db, mut store) = program();
    let mut files = Vec::new();
    for (i, m) in s.meetings.iter().enumerate() {
        let t = times(m);
        let mut text = "First name,Last name,Email,Duration,Time joined,Time exited\n".to_string();
        for (who, a, b) in [(&m.mentor, t[0].2, t[3].2), (&m.mentee, t[1].2, t[2].2)] {
            let name = s.name(who);
            let (first, last) = name.split_once(' ').unwrap_or((&name, ""));
            text.push_str(&format!(
                "{first},{last},{who},{} min,{},{}\n",
                (b - a).num_minutes(),
                a.format("%-I:%M %p"),
                b.format("%-I:%M %p")
            ));
        }
        let p = db.dir.path().join(format!(
            "abc-defg-hij{i} ({} at {}).csv",
            m.start.format("%Y-%m-%d"),
            m.start.format("%H:%M")
        ));
        std::fs::write(&p, text).unwrap();
        files.push(p);
    }
    import_all(&mut store, &files, &ImportOptions::default());
    let got: BTreeSet<_> = stored(&db.path)
        .into_iter()
        .map(|(a, b, c, d, _, f)| (a, b, c, d, f))
        .collect();
    let want: BTreeSet<_> = expected(&s, |_| true, |m| m.minutes - 2, "meet")
        .into_iter()
        .map(|(a, b, c, d, _, f)| (a, b, c, d, f))
        .collect();
    assert_eq!(got, want);
    let r = ingest::preview(&files[0]).unwrap();
    assert_eq!(
        (r.kind, r.shape),
        (Some(Kind::Meetings), Shape::MeetAttendance)
    );
}

#[test]
fn calendars_from_google_and_outlook_with_a_recurring_series() {
    let s = sample(N);
    let (db, mut store) = program();
    let london = chrono_tz::Europe::London;
    let stamp = |t: NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
    // Google: times in UTC, the calendar's zone named once.
    let mut google = "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/London\r\n".to_string();
    // Outlook: a Windows zone name, folded long lines.
    let mut outlook =
        "BEGIN:VCALENDAR\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n".to_string();
    for (i, m) in s.meetings.iter().enumerate() {
        let end = m.start + Duration::minutes(m.minutes);
        let people = format!(
            "ORGANIZER;CN={}:mailto:{}\r\nATTENDEE;CN={};PARTSTAT=ACCEPTED:mailto:{}\r\n",
            s.name(&m.mentor),
            m.mentor,
            s.name(&m.mentee),
            m.mentee.to_uppercase()
        );
        if i % 2 == 0 {
            let utc = |t: NaiveDateTime| london.from_local_datetime(&t).unwrap().naive_utc();
            google.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:g{i}@google.com\r\nDTSTART:{}Z\r\nDTEND:{}Z\r\nSUMMARY:{}\r\n{people}END:VEVENT\r\n",
                stamp(utc(m.start)), stamp(utc(end)), m.topic.replace(';', "\\;")
            ));
        } else {
            let long = format!("DESCRIPTION:{}", "Agenda: ".repeat(20));
            let folded: Vec<String> = long
                .as_bytes()
                .chunks(70)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            outlook.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:o{i}\r\nDTSTART;TZID=GMT Standard Time:{}\r\nDTEND;TZID=GMT Standard Time:{}\r\nSUMMARY:{}\r\n{}\r\n{people}END:VEVENT\r\n",
                stamp(m.start), stamp(end), m.topic.replace(';', "\\;"), folded.join("\r\n ")
            ));
        }
    }
    // A weekly series of the first pairing: 6 Mondays, one cancelled.
    let first = s.meetings.iter().find(|m| s.paired(m)).unwrap();
    let series_start = NaiveDateTime::parse_from_str("2025-06-02 09:00", "%Y-%m-%d %H:%M").unwrap();
    outlook.push_str(&format!(
        "BEGIN:VEVENT\r\nUID:series\r\nDTSTART;TZID=GMT Standard Time:{}\r\nDTEND;TZID=GMT Standard Time:{}\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6\r\nEXDATE;TZID=GMT Standard Time:{}\r\nSUMMARY:Weekly 1:1\r\nORGANIZER;CN=x:mailto:{}\r\nATTENDEE:mailto:{}\r\nEND:VEVENT\r\n",
        stamp(series_start), stamp(series_start + Duration::minutes(30)), stamp(series_start + Duration::weeks(2)), first.mentor, first.mentee
    ));
    google.push_str("END:VCALENDAR\r\n");
    outlook.push_str("END:VCALENDAR\r\n");
    let gp = db.dir.path().join("google.ics");
    let op = db.dir.path().join("outlook.ics");
    std::fs::write(&gp, google).unwrap();
    std::fs::write(&op, outlook).unwrap();
    let opts = ImportOptions {
        as_of: Some(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()),
        ..Default::default()
    };
    import_all(&mut store, &[gp, op], &opts);
    let mut want = expected(&s, |_| true, |m| m.minutes, "calendar");
    for w in [0, 1, 3, 4, 5] {
        let t = series_start + Duration::weeks(w);
        want.insert((
            t.format("%Y-%m-%dT%H:%M:%S").to_string(),
            s.id(&first.mentor),
            s.id(&first.mentee),
            30,
            "Weekly 1:1".into(),
            "calendar".into(),
        ));
    }
    assert_eq!(stored(&db.path), want);
}

#[test]
fn outlook_csv_calendar_resolves_names_and_emails() {
    let s = sample(N);
    let (db, mut store) = program();
    let mut text = "\"Subject\",\"Start Date\",\"Start Time\",\"End Date\",\"End Time\",\"All day event\",\"Reminder on/off\",\"Meeting Organizer\",\"Required Attendees\",\"Optional Attendees\",\"Location\"\r\n".to_string();
    for m in &s.meetings {
        let end = m.start + Duration::minutes(m.minutes);
        text.push_str(&format!(
            "\"{}\",\"{}\",\"{}\",\"{}\",\"{}\",\"False\",\"True\",\"{}\",\"{}\",\"\",\"Room 1\"\r\n",
            m.topic, m.start.format("%-m/%-d/%Y"), m.start.format("%-I:%M:%S %p"), end.format("%-m/%-d/%Y"), end.format("%-I:%M:%S %p"),
            s.name(&m.mentor), m.mentee
        ));
    }
    let p = db.dir.path().join("Calendar.CSV");
    std::fs::write(&p, text).unwrap();
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!(r.shape, Shape::OutlookCalendar);
    // The organizer is a name: meetings whose mentor's name is on the
    // roster twice cannot be matched.
    let unique = |m: &Logged| {
        s.name_of
            .get(&m.mentor)
            .is_some_and(|n| s.unique_name.contains(n))
    };
    assert_eq!(
        stored(&db.path),
        expected(&s, unique, |m| m.minutes, "calendar")
    );
    assert_eq!(r.rows_imported + r.rows_unmatched, N as u64);
}

#[test]
fn unmatched_meetings_match_after_the_pairing_sheet_is_fixed() {
    let s = sample(N);
    let db = common::temp_db();
    let mut store = common::open(&db);
    ingest::import_file(
        &mut store,
        &common::sample("roster.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    let mut files = Vec::new();
    for (i, m) in s.meetings.iter().enumerate() {
        let p = db.dir.path().join(format!("attendance-{i}.csv"));
        std::fs::write(&p, teams_2022(&s, m, "en-us", ",")).unwrap();
        files.push(p);
    }
    // No pairings yet: every meeting is kept as unmatched.
    let (matched, unmatched) = import_all(&mut store, &files, &ImportOptions::default());
    assert_eq!((matched, unmatched), (0, N as u64));
    assert_eq!(store.status().unwrap().unmatched_meetings, N as i64);
    // Importing the pairing sheet tries them again at once.
    let p = ingest::import_file(
        &mut store,
        &common::sample("pairings.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    let want = expected(&s, |_| true, |m| m.minutes - 2, "teams");
    let note = p.rematched_note.unwrap_or_default();
    assert!(
        note.starts_with(&format!("{} meeting(s)", want.len())),
        "{note}"
    );
    assert_eq!(stored(&db.path), want);
    assert_eq!(
        store.status().unwrap().unmatched_meetings as usize,
        N - want.len()
    );
    // `rematch` finds nothing more to match, and says why for the rest.
    let r = meetups::rematch(&mut store).unwrap();
    assert_eq!(r.looked_at as usize, N - want.len());
    assert_eq!((r.matched, r.meetings_added), (0, 0));
    assert_eq!(r.still_unmatched as usize, N - want.len());
    assert_eq!(stored(&db.path), want);
    // Undoing an import takes its re-matched meeting with it.
    let first = store
        .imports()
        .unwrap()
        .into_iter()
        .find(|i| i.kind == "meetings")
        .unwrap();
    store.undo(first.id).unwrap();
    assert!(stored(&db.path).len() < want.len() || want.is_empty());
}
