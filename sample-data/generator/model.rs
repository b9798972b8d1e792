//! The generated program as plain data: people, pairings, meetings, milestones, survey answers
//! per wave and team-weeks, and the calendar of the four survey waves. Generation fills it,
//! the writers turn it into files, the report measures it; none of that logic lives here.

use chrono::{NaiveDate, NaiveDateTime};

use crate::util::{launch, plus, ymd};
use crate::vocab::{SURVEY_SHIFT_MENTEE, SURVEY_SHIFT_OTHER};

pub struct Person {
    pub id: String,
    pub first: String,
    pub last: String,
    pub email: String,
    pub dept: usize,
    pub level: u8,
    pub hire: NaiveDate,
    pub term: Option<NaiveDate>,
    /// Latent engagement, shifts every survey answer of this person.
    pub engagement: f64,
    pub eligible: bool,
    pub mentee: bool,
    pub first_start: Option<NaiveDate>,
    /// Index into `vocab::FORMATS`, for mentees.
    pub format: Option<usize>,
    /// Answered each wave (`Wave::ALL` order).
    pub answered: [bool; 4],
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
    pub fn employed_on(&self, d: NaiveDate) -> bool {
        self.hire <= d && self.term.is_none_or(|t| t > d)
    }
    /// Index date of the retention comparison: first pairing start for mentees, otherwise the
    /// later of hire and launch.
    pub fn retention_index(&self) -> NaiveDate {
        self.first_start.unwrap_or_else(|| self.hire.max(launch()))
    }
    /// Level 1..5 as an index 0..4.
    pub fn level_index(&self) -> usize {
        usize::from(self.level.clamp(1, 5) - 1)
    }
    /// A mentee whose first pairing had started by `d`: their survey answers carry the
    /// mentee shift of a wave that closes on `d`.
    pub fn paired_by(&self, d: NaiveDate) -> bool {
        self.mentee && self.first_start.is_some_and(|s| s <= d)
    }
}

/// Hired on/after launch and paired during onboarding (within 30 days of hire).
pub fn is_mentored_hire(p: &Person) -> bool {
    p.hire >= launch() && p.mentee && p.first_start.is_some_and(|s| s <= plus(p.hire, 30))
}

pub struct Pairing {
    pub mentor: usize,
    pub mentee: usize,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub quiet: bool,
}

pub struct Meeting {
    pub at: NaiveDateTime,
    pub mentor: String,
    pub mentee: String,
    pub minutes: u32,
    pub topics: String,
    pub notes: String,
}

pub struct Milestone {
    pub person: usize,
    pub kind: &'static str,
    pub date: NaiveDate,
}

#[derive(Clone)]
pub struct SurveyAnswer {
    /// The roster person, or `None` when the answer cannot be tied to one (an address not on
    /// the roster, or an anonymous Microsoft Forms response).
    pub person: Option<usize>,
    pub email: String,
    pub first: String,
    pub last: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub items: [Option<u8>; 5],
    pub nps: Option<u8>,
    pub comment: String,
    pub progress: u32,
}

pub struct TeamWeek {
    pub team: usize,
    pub week: NaiveDate,
    pub deployments: u64,
    pub incidents: u64,
    pub mttr: Option<f64>,
    pub cfr: Option<f64>,
}

/// The four survey waves in time order, each written by a different survey tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wave {
    /// Baseline, December 2024, Qualtrics.
    Pre,
    /// April 2025, Google Forms.
    ThreeMonth,
    /// January 2026, Microsoft Forms.
    TwelveMonth,
    /// June 2026, SurveyMonkey.
    Post,
}

impl Wave {
    pub const ALL: [Wave; 4] = [Wave::Pre, Wave::ThreeMonth, Wave::TwelveMonth, Wave::Post];

    pub fn index(self) -> usize {
        self as usize
    }
    /// The wave name Mentorscope guesses from the file name.
    pub fn name(self) -> &'static str {
        match self {
            Wave::Pre => "pre",
            Wave::ThreeMonth => "3-month",
            Wave::TwelveMonth => "12-month",
            Wave::Post => "post",
        }
    }
    pub fn file(self) -> &'static str {
        match self {
            Wave::Pre => "survey-pre.csv",
            Wave::ThreeMonth => "survey-3-month.csv",
            Wave::TwelveMonth => "survey-12-month.csv",
            Wave::Post => "survey-post.csv",
        }
    }
    /// First and last day the survey is open.
    pub fn window(self) -> (NaiveDate, NaiveDate) {
        match self {
            Wave::Pre => (ymd(2024, 12, 2), ymd(2024, 12, 20)),
            Wave::ThreeMonth => (ymd(2025, 4, 7), ymd(2025, 4, 25)),
            Wave::TwelveMonth => (ymd(2026, 1, 12), ymd(2026, 1, 30)),
            Wave::Post => (ymd(2026, 6, 1), ymd(2026, 6, 19)),
        }
    }
    /// Invited: hired at least three days before the survey opens and still employed when it
    /// closes.
    pub fn in_scope(self, p: &Person) -> bool {
        let (open, close) = self.window();
        p.hire <= plus(open, -3) && p.employed_on(close)
    }
    /// The planted composite shift of a person in this wave.
    pub fn shift(self, p: &Person) -> f64 {
        if self.shifts_as_mentee(p) {
            SURVEY_SHIFT_MENTEE[self.index()]
        } else {
            SURVEY_SHIFT_OTHER[self.index()]
        }
    }
    /// Counted with the mentees in this wave: at baseline every future mentee (so the
    /// before/after groups hold the same kind of people); later, mentees paired by the close.
    pub fn shifts_as_mentee(self, p: &Person) -> bool {
        match self {
            Wave::Pre => p.mentee,
            _ => p.paired_by(self.window().1),
        }
    }
}

pub struct World {
    pub people: Vec<Person>,
    pub pairings: Vec<Pairing>,
    pub meetings: Vec<Meeting>,
    pub milestones: Vec<Milestone>,
    /// Answers per wave, in `Wave::ALL` order.
    pub surveys: [Vec<SurveyAnswer>; 4],
    pub weeks: Vec<TeamWeek>,
}
