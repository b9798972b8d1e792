//! Store → plain rows → Polars frames: the one place where the database is
//! read for analysis and identities are resolved against the roster (an
//! e-mail in one file and an employee ID in another are the same person).
//! Dates become days since 1970-01-01 (`i32`) so every comparison is integer
//! arithmetic, the same in every frame.

use foldhash::{HashMap, HashMapExt, HashSet};

use chrono::NaiveDate;
use polars::prelude::*;

use crate::error::Result;
use crate::store::Store;

pub fn day_number(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days() as i32
}

pub fn from_day_number(n: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Duration::days(n as i64)
}

/// `2025-01-31` or `2025-01-31T09:00:00` → day number. The store writes
/// only this form, so a byte-level read is enough; it runs a million times
/// per analysis.
pub fn parse_day(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
    Some(day_number(date))
}

/// `2025-01-31T09:15:00` → seconds since 1970 (midnight when no time).
pub fn parse_stamp(s: &str) -> Option<i64> {
    let day = parse_day(s)? as i64 * 86_400;
    let b = s.as_bytes();
    if b.len() >= 19 {
        let two = |i: usize| -> Option<i64> {
            (b[i].is_ascii_digit() && b[i + 1].is_ascii_digit())
                .then(|| i64::from(b[i] - b'0') * 10 + i64::from(b[i + 1] - b'0'))
        };
        return Some(day + two(11)? * 3600 + two(14)? * 60 + two(17)?);
    }
    Some(day)
}

/// A person, as an index into [`ProgramData::names`]. Identities are
/// interned once at load, so a million meetings compare integers, not
/// strings.
pub type Id = u32;

#[derive(Debug, Clone)]
pub struct Person {
    pub id: Id,
    pub team: Option<String>,
    pub level: Option<String>,
    pub hire: Option<i32>,
    pub exit: Option<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_level_dates_agree_with_chrono() {
        for s in [
            "1970-01-01",
            "2024-02-29",
            "2026-06-30T23:59:59",
            "1999-12-31T00:00:00",
        ] {
            let chrono_day = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d")
                .map(day_number)
                .ok();
            assert_eq!(parse_day(s), chrono_day, "{s}");
        }
        assert_eq!(parse_day("2025-02-30"), None);
        assert_eq!(parse_day("25-01-01"), None);
        assert_eq!(parse_stamp("1970-01-02T01:02:03"), Some(86_400 + 3723));
        assert_eq!(parse_stamp("1970-01-02"), Some(86_400));
    }
}

#[derive(Debug, Clone)]
pub struct Pairing {
    pub mentor: Id,
    pub mentee: Id,
    pub cohort: Option<String>,
    /// The program format the pairing sheet names (M7), if any.
    pub format: Option<String>,
    pub start: Option<i32>,
    pub end: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub day: i32,
    pub mentor: Id,
    pub mentee: Id,
    pub duration_min: Option<f64>,
    /// Range into [`ProgramData::meeting_topics`].
    pub topics: (u32, u32),
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: i64,
    pub wave: String,
    pub position: i64,
    pub text: String,
    pub kind: String,
    pub scale_points: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub id: i64,
    pub wave: String,
    pub respondent: Option<Id>,
    /// Submission time in seconds since 1970, if the export had one.
    pub submitted: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub response_id: i64,
    pub question_id: i64,
    pub value_num: Option<f64>,
}

/// One free-text survey answer (a `text` question): a comment of M9. Read
/// only by `analysis::comments` and never logged.
#[derive(Debug, Clone)]
pub struct CommentText {
    pub response_id: i64,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Milestone {
    pub person: Id,
    pub kind: String,
    pub day: i32,
}

#[derive(Debug, Clone)]
pub struct TeamWeek {
    pub team: String,
    pub day: i32,
    pub deployments: Option<f64>,
    pub incidents: Option<f64>,
    pub mttr_hours: Option<f64>,
}

/// Everything analysis reads, with identities resolved.
#[derive(Debug, Clone, Default)]
pub struct ProgramData {
    pub people: Vec<Person>,
    pub pairings: Vec<Pairing>,
    pub meetings: Vec<Meeting>,
    pub questions: Vec<Question>,
    pub responses: Vec<Response>,
    pub answers: Vec<Answer>,
    /// Free-text answers, by response, in question order (M9).
    pub comments: Vec<CommentText>,
    /// Every word of the roster's names, lower-cased (two letters or
    /// more): kept out of the comments' terms and quotes (M9).
    pub name_words: std::collections::HashSet<String>,
    pub milestones: Vec<Milestone>,
    pub team_weeks: Vec<TeamWeek>,
    /// Waves in time order (earliest submission first).
    pub waves: Vec<String>,
    /// Each wave's median submission day (as `waves`), `None` for a wave
    /// without submission times: a date range takes or leaves a survey
    /// wave whole, by this day, so no range can split a wave's
    /// respondents into small groups.
    pub wave_median_day: Vec<Option<i32>>,
    /// Identity strings by [`Id`]: the roster's person IDs first, then
    /// references that are not on the roster, as the files spelled them.
    pub names: Vec<String>,
    /// Topic spellings as written; meetings point into `meeting_topics`, a
    /// flat list of indexes into this.
    pub topic_spellings: Vec<String>,
    pub meeting_topics: Vec<u32>,
    /// Meeting notes with text in them (M9): (index into `meetings`, text).
    pub meeting_notes: Vec<(u32, String)>,
    /// People in meetings, pairings, milestones or surveys not on the roster.
    pub unknown_identities: HashSet<Id>,
    /// Survey items marked reverse-coded, by `store::item_key`.
    pub reverse_items: std::collections::BTreeSet<String>,
    /// Skill assessments (M8), on 0–1.
    pub skills: Vec<super::skills::SkillRating>,
}

fn sql_err(e: rusqlite::types::FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

/// Borrows a TEXT value without copying it.
fn text(v: rusqlite::types::ValueRef<'_>) -> rusqlite::Result<&str> {
    v.as_str().map_err(sql_err)
}

fn opt_text(v: rusqlite::types::ValueRef<'_>) -> rusqlite::Result<Option<&str>> {
    v.as_str_or_null().map_err(sql_err)
}

fn day_of(v: rusqlite::types::ValueRef<'_>) -> rusqlite::Result<Option<i32>> {
    Ok(opt_text(v)?.and_then(parse_day))
}

struct LoadedMeetings {
    meetings: Vec<Meeting>,
    topic_spellings: Vec<String>,
    meeting_topics: Vec<u32>,
    /// The meetings' people use Ids local to this list until the caller
    /// maps them onto the roster.
    names: Vec<String>,
    /// Meeting notes that are not blank: (index into `meetings`, text).
    notes: Vec<(u32, String)>,
}

/// Reads the meetings table with identities interned locally, so it can run
/// before (and beside) the roster read.
fn load_meetings(conn: &rusqlite::Connection) -> Result<LoadedMeetings> {
    let mut out = LoadedMeetings {
        meetings: Vec::new(),
        topic_spellings: Vec::new(),
        meeting_topics: Vec::new(),
        names: Vec::new(),
        notes: Vec::new(),
    };
    let mut local: HashMap<String, Id> = HashMap::new();
    let mut intern = |raw: &str, names: &mut Vec<String>| -> Id {
        if let Some(&id) = local.get(raw) {
            return id;
        }
        let id = names.len() as Id;
        names.push(raw.to_string());
        local.insert(raw.to_string(), id);
        id
    };
    let mut topic_index: HashMap<String, u32> = HashMap::new();
    let mut topic_lists: HashMap<String, Vec<u32>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT started_at, mentor, mentee, duration_min, topics, notes FROM meetings ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(day) = day_of(r.get_ref(0)?)? else {
            continue;
        };
        let start = out.meeting_topics.len() as u32;
        if let Some(t) = opt_text(r.get_ref(4)?)? {
            // The same topic lists recur across a program's meetings: each
            // distinct list is split once.
            if let Some(ks) = topic_lists.get(t) {
                out.meeting_topics.extend_from_slice(ks);
            } else {
                let mut ks = Vec::new();
                // METRICS.md M5: topics split on `;`, `|` or line breaks.
                for part in t.split([';', '|', '\n', '\r']) {
                    let p = part.trim();
                    if p.is_empty() {
                        continue;
                    }
                    let k = match topic_index.get(p) {
                        Some(&k) => k,
                        None => {
                            let k = out.topic_spellings.len() as u32;
                            out.topic_spellings.push(p.to_string());
                            topic_index.insert(p.to_string(), k);
                            k
                        }
                    };
                    ks.push(k);
                }
                out.meeting_topics.extend_from_slice(&ks);
                topic_lists.insert(t.to_string(), ks);
            }
        }
        let mentor = intern(text(r.get_ref(1)?)?, &mut out.names);
        let mentee = intern(text(r.get_ref(2)?)?, &mut out.names);
        // Only notes with words in them are kept: most meetings have none,
        // and a million empty strings would cost memory for nothing.
        if let Some(n) = opt_text(r.get_ref(5)?)?.filter(|n| !n.trim().is_empty()) {
            out.notes.push((out.meetings.len() as u32, n.to_string()));
        }
        out.meetings.push(Meeting {
            day,
            mentor,
            mentee,
            duration_min: r.get(3)?,
            topics: (start, out.meeting_topics.len() as u32),
        });
    }
    Ok(out)
}

/// The free-text answers of every survey (M9), blank ones left out.
fn load_comments(conn: &rusqlite::Connection) -> Result<Vec<CommentText>> {
    let mut stmt = conn.prepare(
        "SELECT a.response_id, a.value_text FROM survey_answers a
         JOIN survey_questions q ON q.id = a.question_id
         WHERE q.kind = 'text' AND a.value_text IS NOT NULL AND TRIM(a.value_text) <> ''
         ORDER BY a.response_id, q.position",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CommentText {
            response_id: r.get(0)?,
            text: r.get(1)?,
        })
    })?;
    let mut out = Vec::new();
    for c in rows {
        out.push(c?);
    }
    Ok(out)
}

/// The words of every roster name, lower-cased, two letters or more.
fn load_name_words(conn: &rusqlite::Connection) -> Result<std::collections::HashSet<String>> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut stmt = conn.prepare("SELECT DISTINCT name FROM people WHERE name IS NOT NULL")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = std::collections::HashSet::new();
    for name in rows {
        for w in name?.unicode_words() {
            if w.chars().count() >= 2 {
                out.insert(w.to_lowercase());
            }
        }
    }
    Ok(out)
}

impl ProgramData {
    pub fn load(store: &Store) -> Result<ProgramData> {
        let conn = store.conn();
        let mut d = ProgramData::default();
        // Meetings are most of the rows: a second connection reads them on
        // another core while this one reads everything else (file databases).
        let background = match store.path() {
            Some(p) => {
                // Used by this one thread only, so SQLite's own locking can go.
                let c = rusqlite::Connection::open_with_flags(
                    p,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                Some(std::thread::spawn(move || load_meetings(&c)))
            }
            None => None,
        };

        // person_id and e-mail → Id; any other reference gets an Id of its
        // own and is remembered as "not on the roster".
        let mut alias: HashMap<String, Id> = HashMap::new();
        {
            // The latest roster row per person (the `person` view), read as
            // one scan and settled here: the view's correlated subquery costs
            // more than the scan at 100,000 people.
            type Row = (
                String,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<i32>,
                Option<i32>,
                i64,
            );
            let mut stmt = conn.prepare(
                "SELECT person_id, email, team, level, hire_date, exit_date, import_id FROM people",
            )?;
            let mut rows = stmt.query([])?;
            let mut all: Vec<Row> = Vec::new();
            while let Some(r) = rows.next()? {
                all.push((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    day_of(r.get_ref(4)?)?,
                    day_of(r.get_ref(5)?)?,
                    r.get(6)?,
                ));
            }
            // By person ID (byte order, as SQLite's BINARY collation), latest import last.
            all.sort_unstable_by(|a, b| (a.0.as_bytes(), a.6).cmp(&(b.0.as_bytes(), b.6)));
            let mut it = all.into_iter().peekable();
            while let Some(row) = it.next() {
                if it.peek().is_some_and(|next| next.0 == row.0) {
                    continue;
                }
                let (person_id, email, team, level, hire, exit, _) = row;
                let id = d.names.len() as Id;
                alias.insert(person_id.clone(), id);
                d.names.push(person_id);
                if let Some(e) = email {
                    alias.entry(e).or_insert(id);
                }
                d.people.push(Person {
                    id,
                    team,
                    level,
                    hire,
                    exit,
                });
            }
        }
        // Survey and team tables need no identities: read them while the
        // meetings are still loading.
        {
            let mut stmt = conn.prepare(
                "SELECT id, wave, position, text, kind, scale_points FROM survey_questions ORDER BY import_id, position",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(Question {
                    id: r.get(0)?,
                    wave: r.get(1)?,
                    position: r.get(2)?,
                    text: r.get(3)?,
                    kind: r.get(4)?,
                    scale_points: r.get(5)?,
                })
            })?;
            for q in rows {
                d.questions.push(q?);
            }
        }
        {
            let mut stmt = conn.prepare(
                "SELECT a.response_id, a.question_id, a.value_num FROM survey_answers a
                 JOIN survey_questions q ON q.id = a.question_id
                 WHERE q.kind IN ('likert', 'numeric', 'zero_to_ten') AND a.value_num IS NOT NULL",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(Answer {
                    response_id: r.get(0)?,
                    question_id: r.get(1)?,
                    value_num: r.get(2)?,
                })
            })?;
            for a in rows {
                d.answers.push(a?);
            }
        }
        d.comments = load_comments(conn)?;
        if !d.comments.is_empty() {
            d.name_words = load_name_words(conn)?;
        }
        {
            let mut stmt = conn.prepare(
                "SELECT team, period_start, deployments, incidents, mttr_hours FROM team_metrics ORDER BY team, period_start",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let Some(day) = day_of(r.get_ref(1)?)? else {
                    continue;
                };
                d.team_weeks.push(TeamWeek {
                    team: r.get(0)?,
                    day,
                    deployments: r.get(2)?,
                    incidents: r.get(3)?,
                    mttr_hours: r.get(4)?,
                });
            }
        }
        {
            let mut stmt = conn.prepare(
                "SELECT wave FROM survey_responses GROUP BY wave ORDER BY MIN(IFNULL(submitted_at, '9999')), MIN(import_id)",
            )?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            for w in rows {
                d.waves.push(w?);
            }
        }
        let roster_len = d.people.len() as Id;
        {
            let mut extra: HashMap<String, Id> = HashMap::new();
            let names = &mut d.names;
            let mut resolve = |raw: &str| -> Id {
                if let Some(&id) = alias.get(raw).or_else(|| extra.get(raw)) {
                    return id;
                }
                let id = names.len() as Id;
                names.push(raw.to_string());
                extra.insert(raw.to_string(), id);
                id
            };

            let mut pairings = Vec::new();
            {
                let mut stmt = conn.prepare(
                    "SELECT mentor, mentee, cohort, start_date, end_date, format FROM pairings ORDER BY id",
                )?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    pairings.push(Pairing {
                        mentor: resolve(text(r.get_ref(0)?)?),
                        mentee: resolve(text(r.get_ref(1)?)?),
                        cohort: r.get(2)?,
                        format: r.get(5)?,
                        start: day_of(r.get_ref(3)?)?,
                        end: day_of(r.get_ref(4)?)?,
                    });
                }
            }
            let mut responses = Vec::new();
            {
                let mut stmt = conn.prepare(
                    "SELECT id, wave, respondent, submitted_at FROM survey_responses ORDER BY id",
                )?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    responses.push(Response {
                        id: r.get(0)?,
                        wave: r.get(1)?,
                        respondent: opt_text(r.get_ref(2)?)?.map(&mut resolve),
                        submitted: opt_text(r.get_ref(3)?)?.and_then(parse_stamp),
                    });
                }
            }
            let mut milestones = Vec::new();
            {
                let mut stmt =
                    conn.prepare("SELECT person, milestone, date FROM milestones ORDER BY id")?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    let Some(day) = day_of(r.get_ref(2)?)? else {
                        continue;
                    };
                    milestones.push(Milestone {
                        person: resolve(text(r.get_ref(0)?)?),
                        kind: r.get(1)?,
                        day,
                    });
                }
            }
            let loaded = match background {
                Some(h) => h
                    .join()
                    .map_err(|_| crate::Error::Analysis("reading the meetings failed".into()))??,
                None => load_meetings(conn)?,
            };
            // The meetings' local Ids → roster Ids (or new off-roster Ids).
            let remap: Vec<Id> = loaded.names.iter().map(|n| resolve(n)).collect();
            let mut meetings = loaded.meetings;
            for m in &mut meetings {
                m.mentor = remap[m.mentor as usize];
                m.mentee = remap[m.mentee as usize];
            }
            d.pairings = pairings;
            d.meetings = meetings;
            d.responses = responses;
            d.milestones = milestones;
            d.topic_spellings = loaded.topic_spellings;
            d.meeting_topics = loaded.meeting_topics;
            d.meeting_notes = loaded.notes;
        }
        d.reverse_items = store.reverse_items()?;
        read_declared_scales(&mut d, &store.item_scales()?);
        d.wave_median_day = d
            .waves
            .iter()
            .map(|w| {
                let mut stamps: Vec<i64> = d
                    .responses
                    .iter()
                    .filter(|r| &r.wave == w)
                    .filter_map(|r| r.submitted)
                    .collect();
                median_day(&mut stamps)
            })
            .collect();
        if roster_len > 0 {
            d.unknown_identities = (roster_len..d.names.len() as Id).collect();
        }
        d.skills = super::skills::load(conn, &d.names)?;

        Ok(d)
    }

    /// The latest date that appears in any imported table.
    pub fn latest_date(&self) -> Option<i32> {
        let days = self
            .people
            .iter()
            .flat_map(|p| [p.hire, p.exit])
            .chain(self.pairings.iter().flat_map(|p| [p.start, p.end]))
            .flatten()
            .chain(self.meetings.iter().map(|m| m.day))
            .chain(self.milestones.iter().map(|m| m.day))
            .chain(self.team_weeks.iter().map(|t| t.day))
            .chain(
                self.responses
                    .iter()
                    .filter_map(|r| r.submitted.map(|s| s.div_euclid(86_400) as i32)),
            );
        days.max()
    }
}

/// The median of submission times (seconds), as a day number; the mean of
/// the middle two for an even count, as NumPy's median.
pub fn median_day(stamps: &mut [i64]) -> Option<i32> {
    if stamps.is_empty() {
        return None;
    }
    stamps.sort_unstable();
    let n = stamps.len();
    let mid = if n % 2 == 1 {
        stamps[n / 2] as f64
    } else {
        (stamps[n / 2 - 1] as f64 + stamps[n / 2] as f64) / 2.0
    };
    Some((mid / 86_400.0).floor() as i32)
}

/// Builds a frame from named columns of equal length.
pub fn frame(columns: Vec<Column>) -> Result<DataFrame> {
    Ok(DataFrame::new_infer_height(columns)?)
}

pub fn f64_values(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

pub fn i64_values(df: &DataFrame, name: &str) -> Result<Vec<Option<i64>>> {
    let c = df.column(name)?.cast(&DataType::Int64)?;
    Ok(c.i64()?.iter().collect())
}

pub fn str_values(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    let c = df.column(name)?;
    Ok(c.str()?.iter().map(|s| s.map(str::to_string)).collect())
}

/// A numeric item whose scale the user declared is read from here on as a
/// Likert item on that scale (METRICS.md M1), so the composite, the item
/// figures, the distributions, the disclosure census and the charts treat
/// it as one: its kind becomes `likert`, its points the scale's, and each
/// answer its level (1 … points). An answer off the scale (the scale was
/// declared before a later import) is left out rather than stretched.
fn read_declared_scales(
    d: &mut ProgramData,
    scales: &std::collections::BTreeMap<String, crate::store::ItemScale>,
) {
    if scales.is_empty() {
        return;
    }
    let mut declared = HashMap::new();
    for q in &mut d.questions {
        if q.kind != "numeric" && q.kind != "zero_to_ten" {
            continue;
        }
        if let Some(s) = scales.get(&crate::store::item_key(&q.text)) {
            q.kind = "likert".into();
            q.scale_points = Some(s.points());
            declared.insert(q.id, *s);
        }
    }
    if declared.is_empty() {
        return;
    }
    d.answers
        .retain_mut(|a| match declared.get(&a.question_id) {
            None => true,
            Some(s) => match a.value_num.and_then(|x| s.level(x)) {
                Some(level) => {
                    a.value_num = Some(level);
                    true
                }
                None => false,
            },
        });
}
