//! Store → plain rows → Polars frames: the one place where the database is
//! read for analysis and identities are resolved against the roster (an
//! e-mail in one file and an employee ID in another are the same person).
//! Dates become days since 1970-01-01 (`i32`) so every comparison is integer
//! arithmetic, the same in every frame.

use std::collections::{HashMap, HashSet};

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

/// `2025-01-31` or `2025-01-31T09:00:00` → day number.
pub fn parse_day(s: &str) -> Option<i32> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
        .ok()
        .map(day_number)
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub team: Option<String>,
    pub level: Option<String>,
    pub hire: Option<i32>,
    pub exit: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct Pairing {
    pub mentor: String,
    pub mentee: String,
    pub cohort: Option<String>,
    pub start: Option<i32>,
    pub end: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub day: i32,
    pub mentor: String,
    pub mentee: String,
    pub duration_min: Option<f64>,
    pub topics: Option<String>,
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
    pub respondent: Option<String>,
    pub submitted: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub response_id: i64,
    pub question_id: i64,
    pub value_num: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Milestone {
    pub person: String,
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
    pub milestones: Vec<Milestone>,
    pub team_weeks: Vec<TeamWeek>,
    /// Waves in time order (earliest submission first).
    pub waves: Vec<String>,
    /// Survey identities, meeting and pairing people not on the roster.
    pub unknown_identities: HashSet<String>,
    pub dates_out_of_range: usize,
}

impl ProgramData {
    pub fn load(store: &Store) -> Result<ProgramData> {
        let conn = store.conn();
        let mut d = ProgramData::default();

        let mut index: HashMap<String, String> = HashMap::new();
        {
            let mut stmt = conn.prepare("SELECT person_id, email, team, level, hire_date, exit_date FROM person ORDER BY person_id")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?;
            for row in rows {
                let (id, email, team, level, hire, exit) = row?;
                if let Some(e) = email {
                    index.insert(e, id.clone());
                }
                index.insert(id.clone(), id.clone());
                d.people.push(Person {
                    id,
                    team,
                    level,
                    hire: hire.as_deref().and_then(parse_day),
                    exit: exit.as_deref().and_then(parse_day),
                });
            }
        }
        let roster_known = !d.people.is_empty();
        let mut unknown = HashSet::new();
        let mut resolve = |raw: String| -> String {
            match index.get(&raw) {
                Some(id) => id.clone(),
                None => {
                    if roster_known {
                        unknown.insert(raw.clone());
                    }
                    raw
                }
            }
        };

        {
            let mut stmt = conn.prepare(
                "SELECT mentor, mentee, cohort, start_date, end_date FROM pairings ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?;
            for row in rows {
                let (mentor, mentee, cohort, start, end) = row?;
                d.pairings.push(Pairing {
                    mentor: resolve(mentor),
                    mentee: resolve(mentee),
                    cohort,
                    start: start.as_deref().and_then(parse_day),
                    end: end.as_deref().and_then(parse_day),
                });
            }
        }
        {
            let mut stmt = conn.prepare(
                "SELECT started_at, mentor, mentee, duration_min, topics FROM meetings ORDER BY id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let started: String = r.get(0)?;
                let Some(day) = parse_day(&started) else {
                    continue;
                };
                d.meetings.push(Meeting {
                    day,
                    mentor: resolve(r.get(1)?),
                    mentee: resolve(r.get(2)?),
                    duration_min: r.get(3)?,
                    topics: r.get(4)?,
                });
            }
        }
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
                "SELECT id, wave, respondent, submitted_at FROM survey_responses ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?;
            for row in rows {
                let (id, wave, respondent, submitted) = row?;
                d.responses.push(Response {
                    id,
                    wave,
                    respondent: respondent.map(&mut resolve),
                    submitted,
                });
            }
        }
        {
            let mut stmt = conn.prepare(
                "SELECT a.response_id, a.question_id, a.value_num FROM survey_answers a
                 JOIN survey_questions q ON q.id = a.question_id
                 WHERE q.kind IN ('likert', 'zero_to_ten') AND a.value_num IS NOT NULL",
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
        {
            let mut stmt =
                conn.prepare("SELECT person, milestone, date FROM milestones ORDER BY id")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (person, kind, date) = row?;
                let Some(day) = parse_day(&date) else {
                    continue;
                };
                d.milestones.push(Milestone {
                    person: resolve(person),
                    kind,
                    day,
                });
            }
        }
        {
            let mut stmt = conn.prepare(
                "SELECT team, period_start, deployments, incidents, mttr_hours FROM team_metrics ORDER BY team, period_start",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })?;
            for row in rows {
                let (team, start, deployments, incidents, mttr_hours) = row?;
                let Some(day) = parse_day(&start) else {
                    continue;
                };
                d.team_weeks.push(TeamWeek {
                    team,
                    day,
                    deployments,
                    incidents,
                    mttr_hours,
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
        d.unknown_identities = unknown;
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
                    .filter_map(|r| r.submitted.as_deref().and_then(parse_day)),
            );
        days.max()
    }
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
