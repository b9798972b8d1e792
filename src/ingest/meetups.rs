//! Meetings found in attendance reports and calendars → mentoring meetings
//! of pairings. A meeting counts for a pairing when its mentor and its
//! mentee both attended (by e-mail, or by display name resolved through the
//! roster; a name that fits several people is listed, not guessed); its
//! duration is the overlap of their attendance (a calendar event: its
//! length); its topic is the meeting's title. A meeting that fits no pairing
//! is kept in `unmatched_meetings` and listed, and [`rematch`] tries those
//! again after the roster or pairing sheet is fixed.
//!
//! It owns the `meetings.source` and `unmatched_meetings` writes; reading
//! the files is `attendance` and `calendar`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Transaction};
use serde::Serialize;

use super::attendance::{self, Attendee, FoundMeeting, MeetingFile};
use super::meeting_store::{MeetingWriter, NewMeeting};
use super::{calendar, encoding, values, ImportOptions, ImportReport, Problem, Severity};
use crate::error::{Error, Result};
use crate::store::Store;

pub use super::rematch::{rematch, RematchReport};

/// What became of one meeting of the file, for the wizard (the first
/// [`MEETINGS_SHOWN`] of a file).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeetingOutcome {
    pub started_at: String,
    pub title: Option<String>,
    pub attendees: usize,
    /// `mentor → mentee` of each pairing the meeting counted for.
    pub pairings: Vec<String>,
    /// Why it counted for no pairing; `None` when it did.
    pub unmatched_because: Option<String>,
}

pub const MEETINGS_SHOWN: usize = 500;

/// Decodes and recognises an attendance report or calendar; `None` when
/// the bytes are neither (an ordinary table).
pub(crate) fn recognise(
    path: &Path,
    bytes: &[u8],
    until: NaiveDate,
) -> Result<Option<(MeetingFile, String)>> {
    if encoding::refuse_binary(bytes).is_some() {
        return Ok(None);
    }
    let Ok(decoded) = encoding::decode(bytes) else {
        return Ok(None);
    };
    let text = decoded.text.as_ref();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let not_a_table = |reason: String| Error::NotATable {
        file: path.to_path_buf(),
        reason,
    };
    let file = if calendar::is_ics(text) {
        Some(calendar::read_ics(text, until).map_err(not_a_table)?)
    } else if let Some(f) = attendance::recognise(text, &stem) {
        Some(f)
    } else {
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let delim = super::table::sniff_delimiter(text);
        let header: Vec<String> = first
            .split(delim as char)
            .map(|s| s.trim_matches('"').to_string())
            .collect();
        if calendar::is_outlook_csv(&header) {
            Some(calendar::read_outlook_csv(text).map_err(not_a_table)?)
        } else {
            None
        }
    };
    Ok(file.map(|f| (f, decoded.encoding.to_string())))
}

/// The day recurring series are expanded to: the latest date the program
/// holds (meetings, pairings, survey responses), else today.
pub(crate) fn default_until(store: &Store) -> NaiveDate {
    let latest: Option<String> = store
        .conn()
        .query_row(
            "SELECT MAX(d) FROM (SELECT MAX(substr(started_at,1,10)) d FROM meetings
              UNION ALL SELECT MAX(IFNULL(end_date, start_date)) FROM pairings
              UNION ALL SELECT MAX(substr(submitted_at,1,10)) FROM survey_responses)",
            [],
            |r| r.get(0),
        )
        .unwrap_or(None);
    latest
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// A display name as the roster would spell it: case, spacing, accents in
/// place; `Last, First` turned round; `(EXT)`, `(Guest)` dropped.
fn name_key(s: &str) -> String {
    let mut t = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => t.push(c),
            _ => {}
        }
    }
    let t = match t.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => t,
    };
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(crate) struct People {
    by_id: HashMap<String, String>,
    by_name: HashMap<String, Vec<String>>,
    pairs: HashSet<(String, String)>,
}

impl People {
    pub fn load(tx: &Transaction<'_>) -> Result<People> {
        let mut by_id = HashMap::new();
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = tx.prepare("SELECT person_id, email, name FROM person")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, email, name) = row?;
            if let Some(e) = email {
                by_id.insert(e.to_lowercase(), id.clone());
            }
            if let Some(n) = name {
                by_name.entry(name_key(&n)).or_default().push(id.clone());
            }
            by_id.insert(id.clone(), id);
        }
        let mut pairs = HashSet::new();
        let mut stmt = tx.prepare("SELECT mentor, mentee FROM pairings")?;
        for p in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            pairs.insert(p?);
        }
        Ok(People {
            by_id,
            by_name,
            pairs,
        })
    }

    /// The person an attendee is, or why not (`Err(Some(reason))` for a
    /// name that fits several people; `Err(None)` for someone unknown).
    fn resolve(&self, a: &Attendee) -> std::result::Result<String, Option<String>> {
        if let Some(e) = &a.email {
            if let Some(id) = self.by_id.get(e) {
                return Ok(id.clone());
            }
            if self.by_id.is_empty() {
                return Ok(e.clone());
            }
        }
        if let Some(n) = &a.name {
            match self.by_name.get(&name_key(n)).map(Vec::as_slice) {
                Some([one]) => return Ok(one.clone()),
                Some(many) if many.len() > 1 => {
                    return Err(Some(format!(
                        "“{n}” fits {} people on the roster ({}), so it was not matched; a report with e-mails, or distinct names on the roster, resolves it",
                        many.len(),
                        many.join(", ")
                    )))
                }
                _ => {}
            }
        }
        Err(None)
    }
}

/// Total minutes two people were in the meeting together.
fn overlap_minutes(
    a: &[(NaiveDateTime, NaiveDateTime)],
    b: &[(NaiveDateTime, NaiveDateTime)],
) -> f64 {
    let (a, b) = (union(a), union(b));
    let mut secs = 0i64;
    for (s1, e1) in &a {
        for (s2, e2) in &b {
            let (s, e) = ((*s1).max(*s2), (*e1).min(*e2));
            if e > s {
                secs += (e - s).num_seconds();
            }
        }
    }
    secs as f64 / 60.0
}

fn union(xs: &[(NaiveDateTime, NaiveDateTime)]) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut v = xs.to_vec();
    v.sort();
    let mut out: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// A meeting's pairings: (mentor, mentee, minutes), or why none.
pub(crate) fn match_meeting(
    people: &People,
    m: &FoundMeeting,
    whole_event: bool,
    ambiguous: &mut Vec<String>,
) -> std::result::Result<Vec<(String, String, Option<f64>)>, String> {
    let mut who: Vec<(String, &Attendee)> = Vec::new();
    let mut unknown = 0;
    for a in &m.attendees {
        match people.resolve(a) {
            Ok(id) => who.push((id, a)),
            Err(Some(why)) => ambiguous.push(why),
            Err(None) => unknown += 1,
        }
    }
    let mut out = Vec::new();
    let mut apart = false;
    for (x, ax) in &who {
        for (y, ay) in &who {
            if x == y || !people.pairs.contains(&(x.clone(), y.clone())) {
                continue;
            }
            let minutes = if whole_event {
                m.end.map(|e| (e - m.start).num_seconds() as f64 / 60.0)
            } else {
                let o = overlap_minutes(&ax.intervals, &ay.intervals);
                if o <= 0.0 {
                    apart = true;
                    continue;
                }
                Some(o)
            };
            if !out
                .iter()
                .any(|(a, b, _): &(String, String, Option<f64>)| a == x && b == y)
            {
                out.push((
                    x.clone(),
                    y.clone(),
                    minutes.map(|v| (v * 100.0).round() / 100.0),
                ));
            }
        }
    }
    if !out.is_empty() {
        return Ok(out);
    }
    Err(if apart {
        "a mentor and their mentee both attended, but never at the same time".into()
    } else if m.attendees.is_empty() {
        "no attendees are listed for it".into()
    } else if people.pairs.is_empty() {
        "no pairings are imported yet; import the pairing sheet (and the roster)".into()
    } else if who.len() < 2 {
        format!(
            "fewer than two attendees are on the roster ({} attendee(s) not found there)",
            unknown
        )
    } else {
        "no pairing has both its mentor and its mentee among the attendees".into()
    })
}

/// Attendees as stored in `unmatched_meetings.attendees`: one per line,
/// `identity<TAB>name<TAB>start/end,start/end`.
fn attendees_text(m: &FoundMeeting) -> String {
    m.attendees
        .iter()
        .map(|a| {
            let spans: Vec<String> = a
                .intervals
                .iter()
                .map(|(s, e)| format!("{}/{}", values::iso_stamp(*s), values::iso_stamp(*e)))
                .collect();
            format!(
                "{}\t{}\t{}",
                a.shown(),
                a.name.clone().unwrap_or_default(),
                spans.join(",")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn attendees_from_text(s: &str) -> Vec<Attendee> {
    s.lines()
        .map(|l| {
            let mut f = l.split('\t');
            let shown = f.next().unwrap_or("").to_string();
            let name = f.next().filter(|n| !n.is_empty()).map(str::to_string);
            let intervals = f
                .next()
                .unwrap_or("")
                .split(',')
                .filter_map(|p| {
                    let (a, b) = p.split_once('/')?;
                    let r = |x: &str| {
                        values::parse_datetime(x, values::DateOrder::Mdy)
                            .ok()
                            .flatten()
                    };
                    Some((r(a)?, r(b)?))
                })
                .collect();
            Attendee {
                email: shown.contains('@').then(|| shown.clone()),
                name: name.or((!shown.contains('@')).then_some(shown)),
                intervals,
            }
        })
        .collect()
}

/// Writes a meetings file's meetings in the import's transaction.
pub(crate) fn write(
    tx: &Transaction<'_>,
    import_id: i64,
    file: &MeetingFile,
    report: &mut ImportReport,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    let people = People::load(tx)?;
    let mut meet = MeetingWriter::new(tx)?;
    let mut unmatched = tx.prepare(
        "INSERT INTO unmatched_meetings (import_id, started_at, title, duration_min, attendees, reason, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut seen_unmatched = tx.prepare(
        "SELECT 1 FROM unmatched_meetings WHERE started_at = ?1 AND IFNULL(title,'') = IFNULL(?2,'') AND attendees = ?3",
    )?;
    for (line, why) in &file.notes {
        problems.push(Problem {
            line: Some(*line),
            place: None,
            column: None,
            value: None,
            reason: why.clone(),
            severity: Severity::Warning,
        });
    }
    let mut ambiguous_said = HashSet::new();
    for m in &file.meetings {
        report.rows_total += 1;
        let mut ambiguous = Vec::new();
        let outcome = match_meeting(&people, m, file.whole_event, &mut ambiguous);
        for why in ambiguous {
            if ambiguous_said.insert(why.clone()) {
                problems.push(Problem {
                    line: Some(m.line),
                    place: None,
                    column: None,
                    value: None,
                    reason: why,
                    severity: Severity::Warning,
                });
            }
        }
        let started = values::iso_stamp(m.start);
        let mut shown = MeetingOutcome {
            started_at: started.clone(),
            title: m.title.clone(),
            attendees: m.attendees.len(),
            pairings: Vec::new(),
            unmatched_because: None,
        };
        match outcome {
            Ok(pairs) => {
                let mut new = 0;
                for (mentor, mentee, minutes) in &pairs {
                    new += usize::from(meet.write(&NewMeeting {
                        import_id,
                        started_at: &started,
                        mentor,
                        mentee,
                        duration_min: *minutes,
                        topics: m.title.as_deref(),
                        notes: None,
                        line: m.line as i64,
                        source: Some(file.source),
                    })?);
                    shown.pairings.push(format!("{mentor} → {mentee}"));
                }
                if new > 0 {
                    report.rows_imported += 1;
                } else {
                    report.rows_duplicate += 1;
                }
            }
            Err(why) => {
                let text = attendees_text(m);
                let length = m.end.map(|e| (e - m.start).num_seconds() as f64 / 60.0);
                if seen_unmatched.exists(params![started, m.title, text])? {
                    report.rows_duplicate += 1;
                } else {
                    unmatched.execute(params![
                        import_id,
                        started,
                        m.title,
                        length,
                        text,
                        why,
                        m.line as i64
                    ])?;
                    report.rows_unmatched += 1;
                    let list: Vec<String> =
                        m.attendees.iter().take(6).map(Attendee::shown).collect();
                    problems.push(Problem {
                        line: Some(m.line),
                        place: None,
                        column: None,
                        value: Some(list.join(", ")),
                        reason: format!("the meeting of {started} matched no pairing: {why}. It is kept under unmatched meetings and matched again when a fixed roster or pairing sheet is imported (or by `mentorscope rematch`)"),
                        severity: Severity::Warning,
                    });
                }
                shown.unmatched_because = Some(why);
            }
        }
        if report.meetings.len() < MEETINGS_SHOWN {
            report.meetings.push(shown);
        }
    }
    meet.finish()
}

/// Imports a recognised meetings file in one transaction.
pub(crate) fn import(
    store: &mut Store,
    path: &Path,
    bytes: &[u8],
    file: MeetingFile,
    encoding: String,
    opts: &ImportOptions,
) -> Result<ImportReport> {
    use sha2::Digest;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let sha = super::hex(&sha2::Sha256::digest(bytes));
    let mut report = ImportReport::empty(
        &name,
        super::Kind::Meetings,
        file.shape,
        encoding.clone(),
        "—".into(),
        opts.dry_run,
    );
    report.source = Some(file.source.to_string());
    if file.meetings.is_empty() {
        return Err(Error::NotATable {
            file: path.to_path_buf(),
            reason: format!(
                "this {} holds no meetings that could be read",
                file.shape.label()
            ),
        });
    }
    if let Some(prev) = store.find_import_by_sha(&sha)? {
        report.already_imported_as = Some(prev.id);
        report.rows_total = prev.rows_total as u64;
        report.rows_duplicate = prev.rows_total as u64;
        return Ok(report);
    }
    let tx = store.transaction()?;
    tx.execute(
        "INSERT INTO imports (file_name, sha256, kind, shape, wave, encoding, delimiter,
            rows_total, rows_imported, rows_skipped, rows_duplicate, imported_at)
         VALUES (?1, ?2, 'meetings', ?3, NULL, ?4, '—', 0, 0, 0, 0, ?5)",
        params![
            name,
            sha,
            file.shape.label(),
            encoding,
            chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
        ],
    )?;
    let import_id = tx.last_insert_rowid();
    let mut problems = Vec::new();
    write(&tx, import_id, &file, &mut report, &mut problems)?;
    for p in problems {
        super::record_problem(&tx, import_id, &mut report, p)?;
    }
    report.columns = Vec::new();
    if report.rows_imported == 0 && report.rows_duplicate == 0 && report.rows_unmatched == 0 {
        drop(tx);
        return Ok(report);
    }
    tx.execute(
        "UPDATE imports SET rows_total = ?2, rows_imported = ?3, rows_skipped = ?4, rows_duplicate = ?5 WHERE id = ?1",
        params![import_id, report.rows_total as i64, report.rows_imported as i64, report.rows_unmatched as i64, report.rows_duplicate as i64],
    )?;
    if opts.dry_run {
        drop(tx);
    } else {
        tx.commit()?;
        report.import_id = Some(import_id);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 1, 7)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn overlap_counts_only_time_together() {
        // Mentor 9:00–9:30 and 9:40–10:00; mentee 9:10–9:50: 20 + 10 minutes.
        let a = [(t(9, 0), t(9, 30)), (t(9, 40), t(10, 0))];
        let b = [(t(9, 10), t(9, 50))];
        assert_eq!(overlap_minutes(&a, &b), 30.0);
        // Overlapping rejoins of one person are not counted twice.
        let c = [(t(9, 0), t(9, 30)), (t(9, 15), t(9, 45))];
        assert_eq!(overlap_minutes(&c, &[(t(9, 0), t(10, 0))]), 45.0);
    }

    #[test]
    fn names_as_teams_writes_them() {
        assert_eq!(name_key("García Simón, Pedro"), "pedro garcía simón");
        assert_eq!(name_key("JANSSENS JAN (EXT)"), "janssens jan");
    }
}
