//! Deterministic synthetic-data generator for Mentorscope's sample data set: it writes the
//! seven CSV exports a mentorship-program manager would collect (HR roster, mentoring
//! pairings, calendar meetings, a Qualtrics pre-survey, a SurveyMonkey post-survey, ramp-up
//! milestones and weekly team delivery metrics) with their real-world quirks (BOM, CRLF,
//! US and day-first dates, decimal commas, Windows-1252, multi-row headers), plants known
//! effects for the analysis to find, and writes a README.md with the truth figures measured
//! on the generated rows. Every random draw comes from a `ChaCha8Rng` stream seeded from one
//! `u64`, each part of the data on its own stream, so a seed always gives byte-identical files.
//! All people are invented from small name lists; no real person appears.
//!
//! Usage: `generate [--people N] [--seed S] [--out DIR]` (defaults: 300, 20240101,
//! `sample-data`). In the Mentorscope repo it is the example `generate-sample`:
//! `cargo run --release --example generate-sample -- --out sample-data`.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs, process};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution, LogNormal, Normal, Poisson};

type Res<T> = Result<T, Box<dyn Error>>;

// ---------------------------------------------------------------------------------------------
// Fixed vocabulary
// ---------------------------------------------------------------------------------------------

const TEAMS: [&str; 6] = [
    "Platform",
    "Payments",
    "Mobile",
    "Data",
    "Équipe Données",
    "R&D \"Labs\"",
];
/// Relative team sizes (roster) and weekly deployment base rates (team metrics).
const TEAM_WEIGHTS: [u32; 6] = [24, 20, 18, 16, 12, 10];
const TEAM_DEPLOY_RATE: [f64; 6] = [14.0, 11.0, 8.0, 6.0, 5.0, 3.0];

const FIRST_NAMES: &[&str] = &[
    "Ana", "Bram", "Chidi", "Dalia", "Emre", "Freya", "Goran", "Hana", "Idris", "Jonas", "Kaia",
    "Lior", "Mirela", "Nadia", "Oskar", "Priya", "Quinn", "Rafael", "Sana", "Tomas", "Ulla",
    "Vera", "Wen", "Yusuf", "Aino", "Elif", "Mateo", "Noor", "Ren", "Signe", "Tariq", "Ines",
    "Kofi", "Maren", "Niko", "Pilar", "Sven",
];
/// Non-ASCII names, drawn now and then (each part about 4% of the time).
const RARE_FIRST_NAMES: &[&str] = &["Zoë", "José", "Łukasz"];
const RARE_LAST_NAMES: &[&str] = &["Mäkinen", "Núñez", "Søndergaard"];
const LAST_NAMES: &[&str] = &[
    "Ashdown",
    "Brennick",
    "Calloway",
    "Dunmore",
    "Ellery",
    "Fairbrook",
    "Garrowby",
    "Hollins",
    "Ivesdale",
    "Jarrick",
    "Kestrel",
    "Lomasney",
    "Merriwell",
    "Northcote",
    "Oakhurst",
    "Pellham",
    "Quarrie",
    "Redfern",
    "Stowell",
    "Thistlewood",
    "Underhay",
    "Vantreight",
    "Westerby",
    "Yarrow",
    "Zellner",
    "Silva",
    "O'Danagh",
    "Brightwater",
    "Castellane",
    "Delacourt",
    "Farrowdale",
    "Halloran",
    "Marchetti",
];

const LIKERT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];
const STATEMENTS: [&str; 5] = [
    "I feel supported in my role",
    "I know what is expected of me to grow",
    "I have someone to go to with technical questions",
    "I am satisfied with my career development",
    "I would like to still be working here in a year",
];
const NPS_QUESTION: &str = "How likely are you to recommend this team as a place to work? (0-10)";
const OPEN_QUESTION: &str = "What would make the program better?";
const TOPICS: [&str; 7] = [
    "Career growth",
    "Code review",
    "System design",
    "On-call",
    "Testing",
    "Communication",
    "Promotion",
];
const NOTES: &[&str] = &[
    "Discussed goals for next quarter.",
    "Walked through the PR backlog, agreed to pair on tests next week.",
    "Reviewed the design doc for the ledger service; follow-up next time.",
    "Talked about on-call nerves. Shadow shift planned.",
    "Mock promotion packet review, feedback: strong story, needs impact numbers.",
    "Short check-in.",
    "Career chat: interested in moving toward data engineering.",
    "Rescheduled from Tuesday.",
    "Went over feedback from the 1:1 with their manager, next steps agreed.",
    "Mentee said \"it finally clicked\" about the deploy pipeline.",
    "Action items:\n- read the incident runbook\n- book a shadow on-call shift",
    "Notes:\n1) testing strategy, flaky tests\n2) how to ask for reviews",
    "Code review etiquette, how to leave kind but clear comments",
    "Practised explaining a system design on the whiteboard",
];
const SURVEY_COMMENTS: &[&str] = &[
    "More structured goals, maybe a template.",
    "Honestly it's fine as is",
    "Match mentors across teams",
    "Time! I can't find time for it.",
    "More pairing sessions, fewer status updates",
    "A clearer path from L2 to L3",
    "Shorter onboarding docs, more hands-on tasks",
    "Better on-call shadowing",
    "Plus de sessions en français, s'il vous plaît",
    "Protected time in the sprint for mentoring",
    "n/a",
    "Group sessions with other mentees, e.g. monthly",
];
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

const GHOST_MENTEE: &str = "ghost.person@example.com";
const UNKNOWN_RESPONDENT: (&str, &str, &str) =
    ("Robin", "Tempworth", "robin.tempworth@example.com");
const SPECIAL_NOTE_SCRIPT: &str = "<script>alert(1)</script>";
const SPECIAL_NOTE_FORMULA: &str = "=SUM(A1:A2)";

// Planted effect sizes (inputs to the generator; the README reports what the rows show).
const SURVEY_BASE: f64 = 3.2;
const SURVEY_SHIFT_MENTEE: f64 = 0.5;
const SURVEY_SHIFT_OTHER: f64 = 0.1;
const RAMP_MEDIAN_MENTORED: f64 = 45.0;
const RAMP_MEDIAN_OTHER: f64 = 75.0;
const LEAVE_12M_MENTEE: f64 = 0.08;
const LEAVE_12M_OTHER: f64 = 0.20;
const DEPLOY_UPLIFT: f64 = 1.15;
const CFR_BEFORE: f64 = 0.15;
const CFR_AFTER: f64 = 0.10;
const MTTR_MEDIAN_BEFORE: f64 = 4.0;
const MTTR_MEDIAN_AFTER: f64 = 3.2;

// ---------------------------------------------------------------------------------------------
// Dates and random helpers
// ---------------------------------------------------------------------------------------------

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}
/// Program launch: the earliest pairing start.
fn launch() -> NaiveDate {
    ymd(2025, 1, 6)
}
/// Data horizon: nothing happens after this day.
fn horizon() -> NaiveDate {
    ymd(2026, 6, 30)
}
fn plus(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}
fn days_from(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}
fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
fn us_date(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.month(), d.day(), d.year())
}
fn day_first(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}
fn iso_minutes(t: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", iso(t.date()), t.hour(), t.minute())
}
fn iso_seconds(t: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}:{:02}",
        iso(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}
fn us_12h(t: NaiveDateTime) -> String {
    let h = t.hour();
    let h12 = match h % 12 {
        0 => 12,
        x => x,
    };
    let ampm = if h < 12 { "AM" } else { "PM" };
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}:{:02} {}",
        t.month(),
        t.day(),
        t.year(),
        h12,
        t.minute(),
        t.second(),
        ampm
    )
}
fn at(d: NaiveDate, h: u32, m: u32, s: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, s).expect("valid time"))
}
fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}
fn weekday_on_or_after(mut d: NaiveDate) -> NaiveDate {
    while is_weekend(d) {
        d = plus(d, 1);
    }
    d
}
fn weekday_on_or_before(mut d: NaiveDate) -> NaiveDate {
    while is_weekend(d) {
        d = plus(d, -1);
    }
    d
}
fn cohort_of(start: NaiveDate) -> String {
    let season = if start.month() <= 6 { "Spring" } else { "Fall" };
    format!("{}-{}", start.year(), season)
}

/// One independent ChaCha8 stream per part of the data, so parts do not shift each other.
fn stream(seed: u64, id: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(id);
    rng
}
fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    let n = u32::try_from(n).expect("small collection");
    rng.random_range(0..n) as usize
}
fn int(rng: &mut ChaCha8Rng, lo: i64, hi: i64) -> i64 {
    rng.random_range(lo..=hi)
}
fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}
fn pick<'a, T>(rng: &mut ChaCha8Rng, xs: &'a [T]) -> &'a T {
    &xs[below(rng, xs.len())]
}
fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.random_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}
fn shuffle<T>(rng: &mut ChaCha8Rng, xs: &mut [T]) {
    for i in (1..xs.len()).rev() {
        let j = below(rng, i + 1);
        xs.swap(i, j);
    }
}
fn date_between(rng: &mut ChaCha8Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    plus(lo, int(rng, 0, days_from(lo, hi)))
}
fn lognormal(median: f64, sigma: f64) -> LogNormal<f64> {
    LogNormal::new(median.ln(), sigma).expect("valid log-normal")
}
fn normal(mean: f64, sd: f64) -> Normal<f64> {
    Normal::new(mean, sd).expect("valid normal")
}

fn median_f64(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}
fn median(values: &[i64]) -> Option<f64> {
    let v: Vec<f64> = values.iter().map(|&x| x as f64).collect();
    median_f64(&v)
}
/// Kaplan-Meier median of (time, event observed) pairs: the first time survival drops to 0.5.
fn km_median(observations: &[(i64, bool)]) -> Option<i64> {
    let mut v = observations.to_vec();
    v.sort_by_key(|&(t, event)| (t, !event));
    let mut at_risk = v.len() as f64;
    let mut survival = 1.0;
    let mut i = 0;
    while i < v.len() {
        let t = v[i].0;
        let (mut events, mut censored) = (0.0, 0.0);
        while i < v.len() && v[i].0 == t {
            if v[i].1 {
                events += 1.0;
            } else {
                censored += 1.0;
            }
            i += 1;
        }
        if events > 0.0 {
            survival *= 1.0 - events / at_risk;
            if survival <= 0.5 {
                return Some(t);
            }
        }
        at_risk -= events + censored;
    }
    None
}
fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        f64::NAN
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}
fn pct(num: usize, den: usize) -> f64 {
    if den == 0 {
        f64::NAN
    } else {
        100.0 * num as f64 / den as f64
    }
}
fn fmt_opt(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |x| format!("{x:.1}"))
}

/// ASCII local part for an e-mail address: strips accents of the few letters the name lists use.
fn ascii_fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let mapped = match c {
            'ë' | 'é' | 'è' => 'e',
            'Ł' | 'ł' => 'l',
            'ä' | 'á' | 'å' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'ü' | 'ú' => 'u',
            'ñ' => 'n',
            'í' => 'i',
            c => c.to_ascii_lowercase(),
        };
        if mapped.is_ascii_alphanumeric() {
            out.push(mapped);
        }
    }
    out
}

/// Title-cases each dot-separated part: `ana.silva2@example.com` -> `Ana.Silva2@Example.com`.
fn title_email(email: &str) -> String {
    let mut out = String::new();
    let mut start = true;
    for c in email.chars() {
        if start {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
        start = c == '.' || c == '@';
    }
    out.replace(".Com", ".com")
}

/// Windows-1252 for the only non-ASCII letters the team file may carry; anything else is an error.
fn to_windows_1252(text: &str) -> Res<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_ascii() => out.push(c as u8),
            'é' => out.push(0xE9),
            'É' => out.push(0xC9),
            other => return Err(format!("cannot encode {other:?} in Windows-1252 here").into()),
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

struct Person {
    id: String,
    first: String,
    last: String,
    email: String,
    dept: usize,
    level: u8,
    hire: NaiveDate,
    term: Option<NaiveDate>,
    /// Latent engagement, shifts every survey answer of this person.
    engagement: f64,
    eligible: bool,
    mentee: bool,
    first_start: Option<NaiveDate>,
    answered_pre: bool,
    answered_post: bool,
}

impl Person {
    fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
    fn employed_on(&self, d: NaiveDate) -> bool {
        self.hire <= d && self.term.is_none_or(|t| t > d)
    }
    /// Index date of the retention comparison: first pairing start for mentees, otherwise the
    /// later of hire and launch.
    fn retention_index(&self) -> NaiveDate {
        self.first_start.unwrap_or_else(|| self.hire.max(launch()))
    }
}

struct Pairing {
    mentor: usize,
    mentee: usize,
    start: NaiveDate,
    end: Option<NaiveDate>,
    quiet: bool,
}

struct Meeting {
    at: NaiveDateTime,
    mentor: String,
    mentee: String,
    minutes: u32,
    topics: String,
    notes: String,
}

struct Milestone {
    person: usize,
    kind: &'static str,
    date: NaiveDate,
}

struct SurveyAnswer {
    person: Option<usize>,
    email: String,
    first: String,
    last: String,
    start: NaiveDateTime,
    end: NaiveDateTime,
    items: [Option<u8>; 5],
    nps: Option<u8>,
    comment: String,
    progress: u32,
}

struct TeamWeek {
    team: usize,
    week: NaiveDate,
    deployments: u64,
    incidents: u64,
    mttr: Option<f64>,
    cfr: Option<f64>,
}

struct World {
    people: Vec<Person>,
    pairings: Vec<Pairing>,
    meetings: Vec<Meeting>,
    milestones: Vec<Milestone>,
    pre: Vec<SurveyAnswer>,
    post: Vec<SurveyAnswer>,
    weeks: Vec<TeamWeek>,
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

fn hire_day(rng: &mut ChaCha8Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    let d = weekday_on_or_after(date_between(rng, lo, hi));
    if d > hi {
        weekday_on_or_before(hi)
    } else {
        d
    }
}

fn gen_people(seed: u64, n: usize) -> Vec<Person> {
    let mut rng = stream(seed, 1);
    let engagement = normal(0.0, 0.55);
    let n_post = (n as f64 * 0.4).round() as usize;
    let forced: [(&str, &str); 5] = [
        ("Aino", "Mäkinen"),
        ("Ana", "Silva"),
        ("Zoë", "Westerby"),
        ("José", "Núñez"),
        ("Łukasz", "Redfern"),
    ];
    let mut raw: Vec<(NaiveDate, usize, Person)> = Vec::with_capacity(n);
    for i in 0..n {
        let post = i >= n - n_post;
        // A growing company: hiring speeds up towards launch and after it.
        let mut hire = if post {
            hire_day(&mut rng, launch(), ymd(2025, 12, 31))
        } else {
            match weighted(&mut rng, &[25, 30, 45]) {
                0 => hire_day(&mut rng, ymd(2022, 1, 1), ymd(2022, 12, 31)),
                1 => hire_day(&mut rng, ymd(2023, 1, 1), ymd(2023, 12, 31)),
                _ => hire_day(&mut rng, ymd(2024, 1, 1), plus(launch(), -1)),
            }
        };
        let level_weights: &[u32] = if post {
            &[45, 35, 14, 5, 1]
        } else if hire >= ymd(2024, 1, 1) {
            &[30, 35, 20, 10, 5]
        } else {
            &[5, 20, 35, 25, 15]
        };
        let mut level = 1 + weighted(&mut rng, level_weights) as u8;
        let mut dept = weighted(&mut rng, &TEAM_WEIGHTS);
        let (first, last) = match forced.get(i) {
            Some((f, l)) => (f.to_string(), l.to_string()),
            None => {
                let firsts = if chance(&mut rng, 0.04) {
                    RARE_FIRST_NAMES
                } else {
                    FIRST_NAMES
                };
                let first = pick(&mut rng, firsts).to_string();
                let lasts = if chance(&mut rng, 0.04) {
                    RARE_LAST_NAMES
                } else {
                    LAST_NAMES
                };
                (first, pick(&mut rng, lasts).to_string())
            }
        };
        if i == 1 {
            // Ana Silva: long-tenured senior, a typical mentor.
            hire = ymd(2022, 3, 14);
            level = 4;
            dept = 1;
        }
        let person = Person {
            id: String::new(),
            first,
            last,
            email: String::new(),
            dept,
            level,
            hire,
            term: None,
            engagement: engagement.sample(&mut rng),
            eligible: false,
            mentee: false,
            first_start: None,
            answered_pre: false,
            answered_post: false,
        };
        raw.push((hire, i, person));
    }
    raw.sort_by_key(|(hire, i, _)| (*hire, *i));
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut people = Vec::with_capacity(n);
    for (k, (_, _, mut p)) in raw.into_iter().enumerate() {
        p.id = format!("E{:05}", k + 1);
        let local = format!("{}.{}", ascii_fold(&p.first), ascii_fold(&p.last));
        let count = seen.entry(local.clone()).or_insert(0);
        *count += 1;
        p.email = if *count == 1 {
            format!("{local}@example.com")
        } else {
            format!("{local}{count}@example.com")
        };
        people.push(p);
    }
    people
}

/// Attrition before launch (nobody is mentored yet): about 15% a year.
fn gen_prelaunch_terminations(seed: u64, people: &mut [Person]) {
    let mut rng = stream(seed, 2);
    for p in people.iter_mut().filter(|p| p.hire < launch()) {
        let span = days_from(p.hire, launch());
        let prob = (0.15 * span as f64 / 365.25).min(0.45);
        if chance(&mut rng, prob) && span > 45 {
            p.term = Some(plus(p.hire, int(&mut rng, 30, span - 1)));
        }
    }
}

/// Picks mentees (half of the eligible juniors, plus a few recent L3s) and their first starts.
fn gen_mentees(seed: u64, people: &mut [Person]) {
    let mut rng = stream(seed, 3);
    let mut eligible: Vec<usize> = (0..people.len())
        .filter(|&i| {
            let p = &people[i];
            p.level <= 2 && p.hire >= ymd(2023, 7, 1) && p.term.is_none()
        })
        .collect();
    for &i in &eligible {
        people[i].eligible = true;
    }
    shuffle(&mut rng, &mut eligible);
    let take = (eligible.len() as f64 * 0.5).round() as usize;
    let mut mentees: Vec<usize> = eligible[..take].to_vec();
    for (i, p) in people.iter().enumerate() {
        if p.level == 3 && p.hire >= ymd(2024, 1, 1) && p.term.is_none() && chance(&mut rng, 0.12) {
            mentees.push(i);
        }
    }
    mentees.sort_unstable();

    // People hired before launch join one of the three cohort intakes; later hires are paired
    // during onboarding, 3-21 days after their start.
    let mut before: Vec<usize> = mentees
        .iter()
        .copied()
        .filter(|&i| people[i].hire < launch())
        .collect();
    shuffle(&mut rng, &mut before);
    let n_spring = ((before.len() as f64) * 0.6).round().max(1.0) as usize;
    let n_fall = ((before.len() as f64) * 0.25).round() as usize;
    for (pos, &i) in before.iter().enumerate() {
        let start = if pos == 0 {
            launch()
        } else if pos < n_spring {
            weekday_on_or_after(date_between(&mut rng, plus(launch(), 1), ymd(2025, 3, 28)))
        } else if pos < n_spring + n_fall {
            weekday_on_or_after(date_between(&mut rng, ymd(2025, 9, 1), ymd(2025, 10, 17)))
        } else {
            weekday_on_or_after(date_between(&mut rng, ymd(2026, 1, 12), ymd(2026, 2, 27)))
        };
        people[i].first_start = Some(start);
    }
    for &i in &mentees {
        people[i].mentee = true;
    }
    for &i in &mentees {
        let p = &mut people[i];
        if p.first_start.is_none() {
            p.first_start = Some(weekday_on_or_after(plus(p.hire, int(&mut rng, 3, 21))));
        }
    }
}

/// Attrition from the retention index date on. Within 12 months exactly round(p * n) of each
/// group leave (stratified so the planted rates show in the rows); later leavers follow.
fn gen_terminations(seed: u64, people: &mut [Person]) {
    let mut rng = stream(seed, 4);
    let end = horizon();
    for mentee in [true, false] {
        for measurable in [true, false] {
            let mut group: Vec<usize> = (0..people.len())
                .filter(|&i| {
                    let p = &people[i];
                    let t0 = p.retention_index();
                    p.mentee == mentee && p.term.is_none() && (plus(t0, 365) <= end) == measurable
                })
                .collect();
            shuffle(&mut rng, &mut group);
            let (p12, later) = if mentee {
                (LEAVE_12M_MENTEE, 0.10)
            } else {
                (LEAVE_12M_OTHER, 0.12)
            };
            let leavers = (group.len() as f64 * p12).round() as usize;
            for (pos, &i) in group.iter().enumerate() {
                let t0 = people[i].retention_index();
                let term = if pos < leavers {
                    Some(plus(t0, int(&mut rng, 20, 364)))
                } else if chance(&mut rng, later) {
                    Some(plus(t0, int(&mut rng, 366, 900)))
                } else {
                    None
                };
                people[i].term = term.filter(|t| *t <= end);
            }
        }
    }
}

fn overlapping(pairings: &[Pairing], mentor: usize, from: NaiveDate, to: NaiveDate) -> usize {
    pairings
        .iter()
        .filter(|p| p.mentor == mentor && p.start <= to && p.end.unwrap_or(horizon()) >= from)
        .count()
}

/// Assigns senior mentors (at most 3 overlapping mentees each), ends pairings, and re-pairs a
/// mentee whose mentor left.
fn gen_pairings(seed: u64, people: &[Person]) -> Vec<Pairing> {
    let mut rng = stream(seed, 5);
    let end = horizon();
    let seniors: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].level >= 3 && !people[i].mentee)
        .collect();
    let mut order: Vec<usize> = (0..people.len()).filter(|&i| people[i].mentee).collect();
    order.sort_by_key(|&i| (people[i].first_start, i));
    let mut pairings: Vec<Pairing> = Vec::new();
    for m in order {
        let mut start = people[m].first_start.expect("mentee has a start");
        for _ in 0..3 {
            let planned = if chance(&mut rng, 0.45) {
                Some(plus(start, int(&mut rng, 150, 270)))
            } else {
                None
            };
            let mut candidates: Vec<(usize, Option<NaiveDate>)> = Vec::new();
            for &s in &seniors {
                let mentor = &people[s];
                if mentor.hire > plus(start, -30)
                    || mentor.term.is_some_and(|t| t <= plus(start, 14))
                {
                    continue;
                }
                let stop = [planned, people[m].term, mentor.term]
                    .into_iter()
                    .flatten()
                    .min()
                    .filter(|d| *d <= end);
                if overlapping(&pairings, s, start, stop.unwrap_or(end)) < 3 {
                    candidates.push((s, stop));
                }
            }
            if candidates.is_empty() {
                break;
            }
            let same: Vec<(usize, Option<NaiveDate>)> = candidates
                .iter()
                .copied()
                .filter(|(s, _)| people[*s].dept == people[m].dept)
                .collect();
            let (mentor, stop) = if !same.is_empty() && chance(&mut rng, 0.6) {
                *pick(&mut rng, &same)
            } else {
                *pick(&mut rng, &candidates)
            };
            pairings.push(Pairing {
                mentor,
                mentee: m,
                start,
                end: stop,
                quiet: false,
            });
            let far = ymd(2100, 1, 1);
            let mentor_left = stop.is_some_and(|d| {
                people[mentor].term == Some(d)
                    && d < planned.unwrap_or(far)
                    && d < people[m].term.unwrap_or(far)
            });
            if !mentor_left {
                break;
            }
            let next = weekday_on_or_after(plus(stop.expect("ended"), int(&mut rng, 7, 21)));
            if next > plus(end, -45) || !people[m].employed_on(next) {
                break;
            }
            start = next;
        }
    }
    pairings.sort_by(|a, b| {
        (a.start, &people[a.mentee].email).cmp(&(b.start, &people[b.mentee].email))
    });
    pairings
}

fn topics(rng: &mut ChaCha8Rng) -> String {
    let k = 1 + weighted(rng, &[45, 40, 15]);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < k {
        let t = below(rng, TOPICS.len());
        if !chosen.contains(&t) {
            chosen.push(t);
        }
    }
    chosen
        .iter()
        .map(|&t| {
            if chance(rng, 0.12) {
                TOPICS[t].to_lowercase()
            } else {
                TOPICS[t].to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn meeting_at(rng: &mut ChaCha8Rng, d: NaiveDate) -> NaiveDateTime {
    let hour = int(rng, 9, 16) as u32;
    let minute = [0, 0, 0, 30, 30, 15, 45][below(rng, 7)];
    at(d, hour, minute, 0)
}

fn gen_meetings(seed: u64, people: &[Person], pairings: &mut [Pairing]) -> Vec<Meeting> {
    let mut rng = stream(seed, 6);
    let end = horizon();
    let mut meetings = Vec::new();
    for p in pairings.iter_mut() {
        let mut window_end = p.end.unwrap_or(end).min(end);
        if p.end.is_none() && p.start <= plus(end, -150) && chance(&mut rng, 0.2) {
            p.quiet = true;
            let stop = plus(end, -int(&mut rng, 61, 150));
            window_end = window_end.min(stop.max(plus(p.start, 30)));
        }
        let mut d = plus(p.start, int(&mut rng, 0, 10));
        let mut cancelled_last = false;
        while d <= window_end {
            // Weekends move back to the Wednesday, Thursday or Friday before.
            let day = match d.weekday() {
                Weekday::Sat => plus(d, -1 - int(&mut rng, 0, 2)),
                Weekday::Sun => plus(d, -2 - int(&mut rng, 0, 2)),
                _ => d,
            };
            let cancel = !cancelled_last && chance(&mut rng, 0.05);
            if !cancel && day >= p.start && day <= window_end {
                let minutes = [30, 45, 60, 20, 25, 90][weighted(&mut rng, &[40, 25, 25, 4, 3, 3])];
                let notes = if chance(&mut rng, 0.3) {
                    String::new()
                } else {
                    pick(&mut rng, NOTES).to_string()
                };
                meetings.push(Meeting {
                    at: meeting_at(&mut rng, day),
                    mentor: people[p.mentor].email.clone(),
                    mentee: people[p.mentee].email.clone(),
                    minutes,
                    topics: topics(&mut rng),
                    notes,
                });
            }
            cancelled_last = cancel;
            d = plus(d, int(&mut rng, 14, 21));
            if chance(&mut rng, 0.08) {
                d = plus(d, int(&mut rng, 7, 14)); // holiday gap
            }
        }
    }
    // Two meetings with a mentee who is not on the roster.
    for (k, day) in [ymd(2025, 5, 14), ymd(2025, 10, 8)].into_iter().enumerate() {
        let pairing = &pairings[(k * pairings.len() / 2).min(pairings.len() - 1)];
        meetings.push(Meeting {
            at: at(day, 10 + 4 * k as u32, 30 * k as u32, 0),
            mentor: people[pairing.mentor].email.clone(),
            mentee: GHOST_MENTEE.to_string(),
            minutes: 30,
            topics: "Career growth".to_string(),
            notes: "Intro chat, will set up a proper pairing".to_string(),
        });
    }
    meetings.sort_by(|a, b| (a.at, &a.mentor, &a.mentee).cmp(&(b.at, &b.mentor, &b.mentee)));
    let n = meetings.len();
    meetings[n / 3].notes = SPECIAL_NOTE_SCRIPT.to_string();
    meetings[2 * n / 3].notes = SPECIAL_NOTE_FORMULA.to_string();
    meetings
}

/// `First PR merged` for hires since 2024 (log-normal delay; 4% never get there) and, for some,
/// `First on-call shift` later. Events after the horizon or after leaving are censored. Delays
/// are drawn per group (mentored hires, other hires since launch, 2024 hires) and rescaled so
/// each group's drawn median is exactly the planted one.
fn gen_milestones(seed: u64, people: &[Person]) -> Vec<Milestone> {
    let mut rng = stream(seed, 7);
    let shape = lognormal(1.0, 0.45);
    let oncall = lognormal(70.0, 0.5);
    struct Draft {
        person: usize,
        group: usize,
        delay: f64,
        never: bool,
        oncall: Option<f64>,
    }
    let mut drafts = Vec::new();
    for (i, p) in people.iter().enumerate() {
        if p.hire < ymd(2024, 1, 1) {
            continue;
        }
        let group = if is_mentored_hire(p) {
            0
        } else if p.hire >= launch() {
            1
        } else {
            2
        };
        let delay = shape.sample(&mut rng);
        let never = chance(&mut rng, 0.04);
        let wants_oncall = p.level <= 3 && chance(&mut rng, 0.55);
        let oc = oncall.sample(&mut rng);
        drafts.push(Draft {
            person: i,
            group,
            delay,
            never,
            oncall: wants_oncall.then_some(oc),
        });
    }
    let targets = [RAMP_MEDIAN_MENTORED, RAMP_MEDIAN_OTHER, RAMP_MEDIAN_OTHER];
    let mut scale = [1.0; 3];
    for (g, target) in targets.iter().enumerate() {
        let raw: Vec<f64> = drafts
            .iter()
            .filter(|d| d.group == g)
            .map(|d| d.delay)
            .collect();
        if let Some(m) = median_f64(&raw) {
            scale[g] = target / m;
        }
    }
    let mut out = Vec::new();
    for d in &drafts {
        let p = &people[d.person];
        let observable = |x: NaiveDate| x <= horizon() && p.term.is_none_or(|t| x < t);
        let pr = plus(p.hire, ((d.delay * scale[d.group]).round() as i64).max(5));
        if d.never || !observable(pr) {
            continue;
        }
        out.push(Milestone {
            person: d.person,
            kind: "First PR merged",
            date: pr,
        });
        if let Some(extra) = d.oncall {
            let oc = plus(pr, (extra.round() as i64).max(7));
            if observable(oc) {
                out.push(Milestone {
                    person: d.person,
                    kind: "First on-call shift",
                    date: oc,
                });
            }
        }
    }
    out
}

/// Hired on/after launch and paired during onboarding (within 30 days of hire).
fn is_mentored_hire(p: &Person) -> bool {
    p.hire >= launch() && p.mentee && p.first_start.is_some_and(|s| s <= plus(p.hire, 30))
}

fn response_id(rng: &mut ChaCha8Rng) -> String {
    let mut s = String::from("R_");
    for _ in 0..15 {
        s.push(ALNUM[below(rng, ALNUM.len())] as char);
    }
    s
}

fn fake_ip(rng: &mut ChaCha8Rng) -> String {
    // Documentation-only address ranges (RFC 5737).
    let prefix = *pick(rng, &["192.0.2", "198.51.100", "203.0.113"]);
    format!("{prefix}.{}", int(rng, 1, 254))
}

fn answer_items(rng: &mut ChaCha8Rng, mu: f64) -> ([Option<u8>; 5], Option<u8>) {
    let noise = normal(0.0, 0.6);
    let offsets = [0.1, -0.1, 0.2, -0.2, 0.0];
    let mut items = [None; 5];
    for (k, item) in items.iter_mut().enumerate() {
        let x = (mu + offsets[k] + noise.sample(rng))
            .round()
            .clamp(1.0, 5.0) as u8;
        if !chance(rng, 0.03) {
            *item = Some(x);
        }
    }
    let nps_noise = normal(0.0, 1.2);
    let nps = (7.0 + 1.8 * (mu - SURVEY_BASE) + nps_noise.sample(rng))
        .round()
        .clamp(0.0, 10.0) as u8;
    let nps = if chance(rng, 0.05) { None } else { Some(nps) };
    (items, nps)
}

fn comment(rng: &mut ChaCha8Rng) -> String {
    if chance(rng, 0.45) {
        String::new()
    } else {
        pick(rng, SURVEY_COMMENTS).to_string()
    }
}

fn survey_time(rng: &mut ChaCha8Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDateTime {
    let d = weekday_on_or_before(date_between(rng, lo, hi));
    let d = if d < lo { lo } else { d };
    at(
        d,
        int(rng, 8, 18) as u32,
        int(rng, 0, 59) as u32,
        int(rng, 0, 59) as u32,
    )
}

fn in_pre_scope(p: &Person) -> bool {
    p.hire <= ymd(2024, 11, 29) && p.employed_on(ymd(2024, 12, 20))
}
fn in_post_scope(p: &Person) -> bool {
    p.hire <= ymd(2026, 5, 29) && p.employed_on(ymd(2026, 6, 19))
}

/// Both survey waves. Who answers is drawn first (about 70% of those employed in December 2024;
/// about 65% of those employed in June 2026, most baseline respondents among them). Engagement
/// is then centred within each (mentee, answered pre, answered post) cell so that who happened to
/// answer does not fake or hide an effect. Post answers carry the planted shift; they are re-drawn
/// from fresh streams (at most 400 times, deterministically) until the measured changes, both
/// for all respondents and for people in both waves, are within 0.06 of the planted ones.
fn gen_surveys(seed: u64, people: &mut [Person]) -> (Vec<SurveyAnswer>, Vec<SurveyAnswer>) {
    let mut rng = stream(seed, 8);
    for p in people.iter_mut() {
        p.answered_pre = in_pre_scope(p) && chance(&mut rng, 0.70);
    }
    let a = people
        .iter()
        .filter(|p| in_post_scope(p) && p.answered_pre)
        .count() as f64;
    let b = people
        .iter()
        .filter(|p| in_post_scope(p) && !p.answered_pre)
        .count() as f64;
    let p_repeat = 0.8;
    let p_other = if b > 0.0 {
        ((0.65 * (a + b) - p_repeat * a) / b).clamp(0.3, 0.9)
    } else {
        0.0
    };
    for p in people.iter_mut() {
        let prob = if p.answered_pre { p_repeat } else { p_other };
        p.answered_post = in_post_scope(p) && chance(&mut rng, prob);
    }
    for cell in 0..8u8 {
        let member = |p: &Person| {
            (u8::from(p.mentee) << 2 | u8::from(p.answered_pre) << 1 | u8::from(p.answered_post))
                == cell
        };
        let values: Vec<f64> = people
            .iter()
            .filter(|p| member(p))
            .map(|p| p.engagement)
            .collect();
        if values.is_empty() {
            continue;
        }
        let centre = mean(&values);
        for p in people.iter_mut().filter(|p| member(p)) {
            p.engagement -= centre;
        }
    }

    let mut pre = Vec::new();
    for (i, p) in people.iter().enumerate().filter(|(_, p)| p.answered_pre) {
        let start = survey_time(&mut rng, ymd(2024, 12, 2), ymd(2024, 12, 20));
        let (mut items, mut nps) = answer_items(&mut rng, SURVEY_BASE + p.engagement);
        let mut comment = comment(&mut rng);
        let mut progress = 100;
        if chance(&mut rng, 0.03) {
            // Abandoned part-way: later questions are blank.
            let answered = [1usize, 3, 5][below(&mut rng, 3)];
            progress = (answered as u32 * 100) / 7;
            for item in items.iter_mut().skip(answered) {
                *item = None;
            }
            nps = None;
            comment.clear();
        }
        let secs = int(&mut rng, 75, 900);
        pre.push(SurveyAnswer {
            person: Some(i),
            email: p.email.clone(),
            first: p.first.clone(),
            last: p.last.clone(),
            start,
            end: start + Duration::seconds(secs),
            items,
            nps,
            comment,
            progress,
        });
    }
    pre.sort_by(|a, b| (a.end, &a.email).cmp(&(b.end, &b.email)));

    let targets = [
        SURVEY_SHIFT_MENTEE,
        SURVEY_SHIFT_MENTEE,
        SURVEY_SHIFT_OTHER,
        SURVEY_SHIFT_OTHER,
    ];
    let mut best: Option<(f64, Vec<SurveyAnswer>)> = None;
    for attempt in 0..400 {
        let mut rng = stream(seed, 1000 + attempt);
        let mut post = Vec::new();
        for (i, p) in people.iter().enumerate().filter(|(_, p)| p.answered_post) {
            let shift = if p.mentee {
                SURVEY_SHIFT_MENTEE
            } else {
                SURVEY_SHIFT_OTHER
            };
            let start = survey_time(&mut rng, ymd(2026, 6, 1), ymd(2026, 6, 19));
            let (items, nps) = answer_items(&mut rng, SURVEY_BASE + p.engagement + shift);
            let secs = int(&mut rng, 60, 900);
            post.push(SurveyAnswer {
                person: Some(i),
                email: p.email.clone(),
                first: p.first.clone(),
                last: p.last.clone(),
                start,
                end: start + Duration::seconds(secs),
                items,
                nps,
                comment: comment(&mut rng),
                progress: 100,
            });
        }
        let changes = survey_changes(people, &pre, &post);
        let miss = changes
            .iter()
            .zip(targets)
            .map(|(c, t)| (c - t).abs())
            .fold(0.0, f64::max);
        // eNPS should move with the composite: about +5 points for others, clearly more for
        // mentees (scaled so 8 eNPS points weigh like 0.06 composite points).
        let enps_change = |m: bool| {
            let before: Vec<&SurveyAnswer> = group_answers(people, &pre, m);
            let after: Vec<&SurveyAnswer> = group_answers(people, &post, m);
            enps(&after) - enps(&before)
        };
        let (mentee_nps, other_nps) = (enps_change(true), enps_change(false));
        let nps_miss = ((other_nps - 5.0).abs().max(20.0 + other_nps - mentee_nps) / 8.0) * 0.06;
        let miss = miss.max(nps_miss);
        let miss = if miss.is_nan() { f64::INFINITY } else { miss };
        if best.as_ref().is_none_or(|(m, _)| miss < *m) {
            best = Some((miss, post));
        }
        if miss <= 0.06 {
            break;
        }
    }
    let mut post = best.map(|(_, post)| post).unwrap_or_default();

    // One respondent whose address is not on the roster.
    let mut rng = stream(seed, 9);
    let start = survey_time(&mut rng, ymd(2026, 6, 1), ymd(2026, 6, 19));
    let (items, nps) = answer_items(&mut rng, SURVEY_BASE);
    post.push(SurveyAnswer {
        person: None,
        email: UNKNOWN_RESPONDENT.2.to_string(),
        first: UNKNOWN_RESPONDENT.0.to_string(),
        last: UNKNOWN_RESPONDENT.1.to_string(),
        start,
        end: start + Duration::seconds(240),
        items,
        nps,
        comment: "I'm a contractor, not sure this applies to me".to_string(),
        progress: 100,
    });
    post.sort_by(|a, b| (a.start, &a.email).cmp(&(b.start, &b.email)));
    (pre, post)
}

/// Adds or removes single units at random rows until the selected rows sum to `target`.
fn nudge_total(
    rng: &mut ChaCha8Rng,
    rows: &[usize],
    target: u64,
    value: &mut dyn FnMut(usize, i64) -> bool,
    total: u64,
) {
    let mut total = total;
    let mut guard = 0;
    while total != target && guard < 1_000_000 {
        guard += 1;
        let row = rows[below(rng, rows.len())];
        let step = if total < target { 1 } else { -1 };
        if value(row, step) {
            total = total.saturating_add_signed(step);
        }
    }
}

/// Weekly delivery numbers per team, Mondays 2024-07-01 .. 2026-06-29. Deployments are Poisson
/// and incidents binomial per deployment; afterwards the totals of each period are nudged so the
/// planted ratios hold exactly (deployments +15%, pooled failure rate 0.15 / 0.10), and weekly
/// MTTR is rescaled so its period means sit at the log-normal means (a 20% drop).
fn gen_team_weeks(seed: u64) -> Vec<TeamWeek> {
    let mut rng = stream(seed, 10);
    let mut out = Vec::new();
    let mut week = ymd(2024, 7, 1);
    while week <= ymd(2026, 6, 29) {
        for (team, rate) in TEAM_DEPLOY_RATE.iter().enumerate() {
            let lambda = if week >= launch() {
                rate * DEPLOY_UPLIFT
            } else {
                *rate
            };
            let deployments = Poisson::new(lambda).expect("rate").sample(&mut rng) as u64;
            out.push(TeamWeek {
                team,
                week,
                deployments,
                incidents: 0,
                mttr: None,
                cfr: None,
            });
        }
        week = plus(week, 7);
    }
    let before: Vec<usize> = (0..out.len()).filter(|&i| out[i].week < launch()).collect();
    let after: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].week >= launch())
        .collect();
    let sum = |rows: &[usize], out: &[TeamWeek], f: fn(&TeamWeek) -> u64| -> u64 {
        rows.iter().map(|&i| f(&out[i])).sum()
    };

    // Deployments: after-launch mean = 1.15 x before-launch mean.
    let pre_mean = sum(&before, &out, |t| t.deployments) as f64 / before.len() as f64;
    let target = (pre_mean * DEPLOY_UPLIFT * after.len() as f64).round() as u64;
    let total = sum(&after, &out, |t| t.deployments);
    nudge_total(
        &mut rng,
        &after,
        target,
        &mut |i, step| {
            if step < 0 && out[i].deployments == 0 {
                return false;
            }
            out[i].deployments = out[i].deployments.saturating_add_signed(step);
            true
        },
        total,
    );

    // Incidents: binomial per week, then pooled rate per period set exactly.
    for t in out.iter_mut() {
        let p = if t.week >= launch() {
            CFR_AFTER
        } else {
            CFR_BEFORE
        };
        if t.deployments > 0 {
            t.incidents = Binomial::new(t.deployments, p)
                .expect("binomial")
                .sample(&mut rng);
        }
    }
    for (rows, p) in [(&before, CFR_BEFORE), (&after, CFR_AFTER)] {
        let target = (p * sum(rows, &out, |t| t.deployments) as f64).round() as u64;
        let total = sum(rows, &out, |t| t.incidents);
        nudge_total(
            &mut rng,
            rows,
            target,
            &mut |i, step| {
                let t = &mut out[i];
                if (step > 0 && t.incidents >= t.deployments) || (step < 0 && t.incidents == 0) {
                    return false;
                }
                t.incidents = t.incidents.saturating_add_signed(step);
                true
            },
            total,
        );
    }

    // MTTR: mean of the week's incident durations, rescaled per period.
    let sigma = 0.6;
    for (rows, median) in [(&before, MTTR_MEDIAN_BEFORE), (&after, MTTR_MEDIAN_AFTER)] {
        let dist = lognormal(median, sigma);
        let mut raw: Vec<(usize, f64)> = Vec::new();
        for &i in rows.iter() {
            let k = out[i].incidents;
            if k > 0 {
                let total: f64 = (0..k).map(|_| dist.sample(&mut rng)).sum();
                raw.push((i, total / k as f64));
            }
        }
        let values: Vec<f64> = raw.iter().map(|r| r.1).collect();
        let target = median * (sigma * sigma / 2.0).exp();
        let scale = target / mean(&values);
        for (i, v) in raw {
            out[i].mttr = Some(((v * scale) * 10.0).round().max(2.0) / 10.0);
        }
    }
    for t in out.iter_mut() {
        t.cfr = (t.deployments > 0)
            .then(|| (t.incidents as f64 / t.deployments as f64 * 100.0).round() / 100.0);
    }
    out
}

fn generate(seed: u64, n: usize) -> World {
    let mut people = gen_people(seed, n);
    gen_prelaunch_terminations(seed, &mut people);
    gen_mentees(seed, &mut people);
    gen_terminations(seed, &mut people);
    let mut pairings = gen_pairings(seed, &people);
    let meetings = gen_meetings(seed, &people, &mut pairings);
    let milestones = gen_milestones(seed, &people);
    let (pre, post) = gen_surveys(seed, &mut people);
    let weeks = gen_team_weeks(seed);
    World {
        people,
        pairings,
        meetings,
        milestones,
        pre,
        post,
        weeks,
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

fn csv_bytes(rows: &[Vec<String>], delimiter: u8, terminator: csv::Terminator) -> Res<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .flexible(false)
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(row)?;
    }
    Ok(w.into_inner().map_err(|e| e.to_string())?)
}

fn strings(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

fn opt_date(d: Option<NaiveDate>, f: fn(NaiveDate) -> String) -> String {
    d.map(f).unwrap_or_default()
}

fn roster_rows(w: &World) -> Vec<Vec<String>> {
    let mut rows = vec![strings(&[
        "Employee ID",
        "Full Name",
        "Work Email",
        "Department",
        "Job Level",
        "Hire Date",
        "Termination Date",
    ])];
    for p in &w.people {
        rows.push(vec![
            p.id.clone(),
            p.full_name(),
            p.email.clone(),
            TEAMS[p.dept].to_string(),
            format!("L{}", p.level),
            us_date(p.hire),
            opt_date(p.term, us_date),
        ]);
    }
    rows
}

fn messy_email(rng: &mut ChaCha8Rng, email: &str) -> String {
    if !chance(rng, 0.18) {
        return email.to_string();
    }
    let title = title_email(email);
    match below(rng, 5) {
        0 => format!(" {title}"),
        1 => format!("{title} "),
        2 => email.to_ascii_uppercase(),
        3 => title.replace("@Example", "@example"),
        _ => format!("{email} "),
    }
}

fn pairing_rows(seed: u64, w: &World) -> Vec<Vec<String>> {
    let mut rng = stream(seed, 11);
    let mut rows = vec![strings(&[
        "Mentor Email",
        "Mentee Email",
        "Cohort",
        "Start Date",
        "End Date",
    ])];
    for p in &w.pairings {
        rows.push(vec![
            messy_email(&mut rng, &w.people[p.mentor].email),
            w.people[p.mentee].email.clone(),
            cohort_of(p.start),
            iso(p.start),
            opt_date(p.end, iso),
        ]);
    }
    rows
}

fn meeting_rows(w: &World) -> Vec<Vec<String>> {
    let mut rows = vec![strings(&[
        "Meeting Date",
        "Mentor",
        "Mentee",
        "Duration (min)",
        "Topics",
        "Notes",
    ])];
    for m in &w.meetings {
        rows.push(vec![
            iso_minutes(m.at),
            m.mentor.clone(),
            m.mentee.clone(),
            m.minutes.to_string(),
            m.topics.clone(),
            m.notes.clone(),
        ]);
    }
    rows
}

const QUALTRICS_META: [(&str, &str, &str); 17] = [
    ("StartDate", "Start Date", "startDate"),
    ("EndDate", "End Date", "endDate"),
    ("Status", "Response Type", "status"),
    ("IPAddress", "IP Address", "ipAddress"),
    ("Progress", "Progress", "progress"),
    ("Duration (in seconds)", "Duration (in seconds)", "duration"),
    ("Finished", "Finished", "finished"),
    ("RecordedDate", "Recorded Date", "recordedDate"),
    ("ResponseId", "Response ID", "_recordId"),
    (
        "RecipientLastName",
        "Recipient Last Name",
        "recipientLastName",
    ),
    (
        "RecipientFirstName",
        "Recipient First Name",
        "recipientFirstName",
    ),
    ("RecipientEmail", "Recipient Email", "recipientEmail"),
    (
        "ExternalReference",
        "External Data Reference",
        "externalDataReference",
    ),
    ("LocationLatitude", "Location Latitude", "locationLatitude"),
    (
        "LocationLongitude",
        "Location Longitude",
        "locationLongitude",
    ),
    (
        "DistributionChannel",
        "Distribution Channel",
        "distributionChannel",
    ),
    ("UserLanguage", "User Language", "userLanguage"),
];

fn label(item: Option<u8>) -> String {
    item.map(|x| LIKERT[usize::from(x) - 1].to_string())
        .unwrap_or_default()
}

fn pre_rows(seed: u64, w: &World) -> Vec<Vec<String>> {
    let mut rng = stream(seed, 12);
    let mut ids: Vec<String> = QUALTRICS_META.iter().map(|m| m.0.to_string()).collect();
    let mut texts: Vec<String> = QUALTRICS_META.iter().map(|m| m.1.to_string()).collect();
    let mut imports: Vec<String> = QUALTRICS_META
        .iter()
        .map(|m| format!("{{\"ImportId\":\"{}\"}}", m.2))
        .collect();
    for q in 1..=7 {
        ids.push(format!("Q{q}"));
        let suffix = if q == 7 { "_TEXT" } else { "" };
        imports.push(format!("{{\"ImportId\":\"QID{q}{suffix}\"}}"));
    }
    texts.extend(STATEMENTS.iter().map(|s| s.to_string()));
    texts.push(NPS_QUESTION.to_string());
    texts.push(OPEN_QUESTION.to_string());
    let mut rows = vec![ids, texts, imports];
    for r in &w.pre {
        let person = &w.people[r.person.expect("pre respondents are on the roster")];
        let language = if person.dept == 4 && chance(&mut rng, 0.5) {
            "FR"
        } else {
            "EN"
        };
        let recorded = r.end + Duration::seconds(int(&mut rng, 0, 2));
        let mut row = vec![
            iso_seconds(r.start),
            iso_seconds(r.end),
            "IP Address".to_string(),
            fake_ip(&mut rng),
            r.progress.to_string(),
            (r.end - r.start).num_seconds().to_string(),
            if r.progress == 100 { "True" } else { "False" }.to_string(),
            iso_seconds(recorded),
            response_id(&mut rng),
            r.last.clone(),
            r.first.clone(),
            r.email.clone(),
            String::new(),
            format!(
                "{:.4}",
                60.1699 + (int(&mut rng, -500, 500) as f64) / 10000.0
            ),
            format!(
                "{:.4}",
                24.9384 + (int(&mut rng, -500, 500) as f64) / 10000.0
            ),
            "email".to_string(),
            language.to_string(),
        ];
        row.extend(r.items.iter().map(|x| label(*x)));
        row.push(r.nps.map(|x| x.to_string()).unwrap_or_default());
        row.push(r.comment.clone());
        rows.push(row);
    }
    rows
}

fn post_rows(seed: u64, w: &World) -> Vec<Vec<String>> {
    let mut rng = stream(seed, 13);
    let mut head1 = strings(&[
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
        "How much do you agree with each statement?",
        "",
        "",
        "",
        "",
    ]);
    head1.push(NPS_QUESTION.to_string());
    head1.push(OPEN_QUESTION.to_string());
    let mut head2 = vec![String::new(); 9];
    head2.extend(STATEMENTS.iter().map(|s| s.to_string()));
    head2.push("Response".to_string());
    head2.push("Open-Ended Response".to_string());
    // Respondent IDs grow with time; SurveyMonkey lists the newest first.
    let mut next_id: u64 = 11_700_000_000 + rng.random_range(0..100_000u64);
    let mut body = Vec::new();
    for r in &w.post {
        next_id += rng.random_range(1_000..250_000u64);
        let email = if chance(&mut rng, 0.15) {
            title_email(&r.email)
        } else {
            r.email.clone()
        };
        let mut row = vec![
            next_id.to_string(),
            "431208765".to_string(),
            us_12h(r.start),
            us_12h(r.end),
            fake_ip(&mut rng),
            email,
            r.first.clone(),
            r.last.clone(),
            String::new(),
        ];
        row.extend(r.items.iter().map(|x| label(*x)));
        row.push(r.nps.map(|x| x.to_string()).unwrap_or_default());
        row.push(r.comment.clone());
        body.push(row);
    }
    body.reverse();
    let mut rows = vec![head1, head2];
    rows.extend(body);
    rows
}

fn milestone_rows(w: &World) -> Vec<Vec<String>> {
    let mut rows = vec![strings(&["Employee ID", "Milestone", "Date"])];
    for m in &w.milestones {
        rows.push(vec![
            w.people[m.person].id.clone(),
            m.kind.to_string(),
            iso(m.date),
        ]);
    }
    rows
}

fn decimal_comma(x: f64, places: usize) -> String {
    format!("{x:.places$}").replace('.', ",")
}

fn team_rows(w: &World) -> Vec<Vec<String>> {
    let mut rows = vec![strings(&[
        "Team",
        "Week Start",
        "Deployments",
        "Incidents",
        "MTTR (hours)",
        "Change Failure Rate",
    ])];
    for t in &w.weeks {
        rows.push(vec![
            TEAMS[t.team].to_string(),
            day_first(t.week),
            t.deployments.to_string(),
            t.incidents.to_string(),
            t.mttr.map(|x| decimal_comma(x, 1)).unwrap_or_default(),
            t.cfr.map(|x| decimal_comma(x, 2)).unwrap_or_default(),
        ]);
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// Truth figures
// ---------------------------------------------------------------------------------------------

fn composite(r: &SurveyAnswer) -> Option<f64> {
    let answered: Vec<f64> = r.items.iter().flatten().map(|&x| f64::from(x)).collect();
    (!answered.is_empty()).then(|| mean(&answered))
}

fn enps(rs: &[&SurveyAnswer]) -> f64 {
    let scores: Vec<u8> = rs.iter().filter_map(|r| r.nps).collect();
    let promoters = scores.iter().filter(|&&s| s >= 9).count();
    let detractors = scores.iter().filter(|&&s| s <= 6).count();
    pct(promoters, scores.len()) - pct(detractors, scores.len())
}

fn group_answers<'a>(
    people: &[Person],
    wave: &'a [SurveyAnswer],
    mentee: bool,
) -> Vec<&'a SurveyAnswer> {
    wave.iter()
        .filter(|r| r.person.is_some_and(|i| people[i].mentee == mentee))
        .collect()
}

struct WaveGroup {
    n: usize,
    composite: f64,
    enps: f64,
}

fn wave_group(people: &[Person], wave: &[SurveyAnswer], mentee: bool) -> WaveGroup {
    let rs = group_answers(people, wave, mentee);
    let comps: Vec<f64> = rs.iter().filter_map(|r| composite(r)).collect();
    WaveGroup {
        n: rs.len(),
        composite: mean(&comps),
        enps: enps(&rs),
    }
}

/// Mean composite change of the people who answered both waves.
fn paired_change(
    people: &[Person],
    pre: &[SurveyAnswer],
    post: &[SurveyAnswer],
    mentee: bool,
) -> (usize, f64) {
    let mut changes = Vec::new();
    for r in post {
        let Some(i) = r.person else { continue };
        if people[i].mentee != mentee {
            continue;
        }
        if let Some(before) = pre.iter().find(|b| b.person == Some(i)) {
            if let (Some(a), Some(b)) = (composite(before), composite(r)) {
                changes.push(b - a);
            }
        }
    }
    (changes.len(), mean(&changes))
}

/// [mentees all respondents, mentees both waves, others all respondents, others both waves].
fn survey_changes(people: &[Person], pre: &[SurveyAnswer], post: &[SurveyAnswer]) -> [f64; 4] {
    let unpaired =
        |m: bool| wave_group(people, post, m).composite - wave_group(people, pre, m).composite;
    [
        unpaired(true),
        paired_change(people, pre, post, true).1,
        unpaired(false),
        paired_change(people, pre, post, false).1,
    ]
}

fn report(w: &World, seed: u64, counts: &[(&str, usize)]) -> String {
    let people = &w.people;
    let end = horizon();
    let mut s = String::new();
    let post_hires = people.iter().filter(|p| p.hire >= launch()).count();
    let leavers = people.iter().filter(|p| p.term.is_some()).count();
    let eligible = people.iter().filter(|p| p.eligible).count();
    let eligible_mentees = people.iter().filter(|p| p.eligible && p.mentee).count();
    let mentees = people.iter().filter(|p| p.mentee).count();
    let mut mentor_ids: Vec<usize> = w.pairings.iter().map(|p| p.mentor).collect();
    mentor_ids.sort_unstable();
    mentor_ids.dedup();
    let _ = writeln!(
        s,
        "Seed {seed}, {} people. Regenerating with the same seed and people count gives the same figures.",
        people.len()
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "### Rows written\n\nData rows, header rows not counted:\n"
    );
    for (file, n) in counts {
        let _ = writeln!(s, "- `{file}`: {n}");
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "### Population\n");
    let _ = writeln!(
        s,
        "- hired on/after launch (2025-01-06): {post_hires} ({:.0}%); with a termination date: {leavers}",
        pct(post_hires, people.len())
    );
    let _ = writeln!(
        s,
        "- eligible for mentoring (L1-L2, hired since 2023-07-01, employed at launch or hired later): {eligible}; \
         of them mentees: {eligible_mentees} ({:.0}%)",
        pct(eligible_mentees, eligible)
    );
    let _ = writeln!(
        s,
        "- mentees in total: {mentees} (the rest are recent L3 hires); distinct mentors: {}",
        mentor_ids.len()
    );
    let mut cohorts: Vec<(String, usize)> = Vec::new();
    for p in &w.pairings {
        let c = cohort_of(p.start);
        match cohorts.iter_mut().find(|(name, _)| *name == c) {
            Some(entry) => entry.1 += 1,
            None => cohorts.push((c, 1)),
        }
    }
    let cohort_list: Vec<String> = cohorts.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let open = w.pairings.iter().filter(|p| p.end.is_none()).count();
    let on_launch = w.pairings.iter().filter(|p| p.start == launch()).count();
    let _ = writeln!(
        s,
        "- pairings: {} ({}); open (no End Date): {open}; starting on 2025-01-06: {on_launch}; earliest start: {}",
        w.pairings.len(),
        cohort_list.join(", "),
        w.pairings.iter().map(|p| p.start).min().map(iso).unwrap_or_default()
    );
    let cutoff = plus(end, -60);
    let quiet_measured = w
        .pairings
        .iter()
        .filter(|p| p.end.is_none() && p.start <= cutoff)
        .filter(|p| {
            let mentor = &people[p.mentor].email;
            let mentee = &people[p.mentee].email;
            !w.meetings
                .iter()
                .any(|m| &m.mentor == mentor && &m.mentee == mentee && m.at.date() >= cutoff)
        })
        .count();
    let quiet_planted = w.pairings.iter().filter(|p| p.quiet).count();
    let _ = writeln!(
        s,
        "- quiet pairings (open, started by {}, no meeting on/after {}): {quiet_measured} (planted: {quiet_planted})",
        iso(cutoff),
        iso(cutoff)
    );
    let _ = writeln!(
        s,
        "- meetings naming `{GHOST_MENTEE}`: {}; post-survey responses from an address not on the roster: {}",
        w.meetings.iter().filter(|m| m.mentee == GHOST_MENTEE).count(),
        w.post.iter().filter(|r| r.person.is_none()).count()
    );
    let _ = writeln!(s);

    let _ = writeln!(
        s,
        "### Survey\n\nComposite = mean of the answered Q1-Q5 mapped 1-5; eNPS = % 9-10 minus % 0-6; \
         mentee = appears as Mentee in pairings.csv; the off-roster response is left out. \
         The post-wave mentee group is mostly 2025 hires who were not there for the baseline; the \
         baseline mentee group is small at the default size, so its eNPS is noisy.\n"
    );
    let _ = writeln!(s, "| group | pre n | pre composite | post n | post composite | change | pre eNPS | post eNPS |");
    let _ = writeln!(s, "| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (name, mentee) in [("mentees", true), ("non-mentees", false)] {
        let a = wave_group(people, &w.pre, mentee);
        let b = wave_group(people, &w.post, mentee);
        let _ = writeln!(
            s,
            "| {name} | {} | {:.2} | {} | {:.2} | {:+.2} | {:+.0} | {:+.0} |",
            a.n,
            a.composite,
            b.n,
            b.composite,
            b.composite - a.composite,
            a.enps,
            b.enps
        );
    }
    let all_pre: Vec<&SurveyAnswer> = w.pre.iter().collect();
    let all_post: Vec<&SurveyAnswer> = w.post.iter().filter(|r| r.person.is_some()).collect();
    let (pm, cm) = paired_change(people, &w.pre, &w.post, true);
    let (po, co) = paired_change(people, &w.pre, &w.post, false);
    let both = w
        .post
        .iter()
        .filter(|r| r.person.is_some_and(|i| people[i].answered_pre))
        .count();
    let _ = writeln!(
        s,
        "\n- everyone: eNPS {:+.0} (pre) -> {:+.0} (post); answered both waves: {both}",
        enps(&all_pre),
        enps(&all_post)
    );
    let _ = writeln!(
        s,
        "- same people in both waves: mentees {cm:+.2} (n={pm}), non-mentees {co:+.2} (n={po})"
    );
    let pre_scope = people.iter().filter(|p| in_pre_scope(p)).count();
    let post_scope = people.iter().filter(|p| in_post_scope(p)).count();
    let _ = writeln!(
        s,
        "- response rates: pre {}/{} ({:.0}%), post {}/{} ({:.0}%) of those employed during the wave",
        w.pre.len(),
        pre_scope,
        pct(w.pre.len(), pre_scope),
        all_post.len(),
        post_scope,
        pct(all_post.len(), post_scope)
    );
    let _ = writeln!(s);

    let _ = writeln!(
        s,
        "### Ramp-up\n\nHires on/after launch; days from Hire Date to `First PR merged`. The naive median uses only the rows \
         present; the Kaplan-Meier median treats the others as censored. Mentored hire = paired within 30 days of hire.\n"
    );
    for (name, mentored) in [("mentored hires", true), ("non-mentored hires", false)] {
        let group: Vec<usize> = (0..people.len())
            .filter(|&i| people[i].hire >= launch() && is_mentored_hire(&people[i]) == mentored)
            .collect();
        let delays: Vec<i64> = w
            .milestones
            .iter()
            .filter(|m| m.kind == "First PR merged" && group.contains(&m.person))
            .map(|m| days_from(people[m.person].hire, m.date))
            .collect();
        let observations: Vec<(i64, bool)> = group
            .iter()
            .map(|&i| {
                let p = &people[i];
                match w
                    .milestones
                    .iter()
                    .find(|m| m.person == i && m.kind == "First PR merged")
                {
                    Some(m) => (days_from(p.hire, m.date), true),
                    None => (days_from(p.hire, p.term.unwrap_or(end).min(end)), false),
                }
            })
            .collect();
        let _ = writeln!(
            s,
            "- {name}: {} people, {} reached it by 2026-06-30 ({} censored: left, not yet, or never), \
             naive median {} days, Kaplan-Meier median {} days (censored at Termination Date or 2026-06-30)",
            group.len(),
            delays.len(),
            group.len() - delays.len(),
            fmt_opt(median(&delays)),
            km_median(&observations).map_or_else(|| "n/a".to_string(), |d| d.to_string())
        );
    }
    let oncall = w
        .milestones
        .iter()
        .filter(|m| m.kind == "First on-call shift")
        .count();
    let _ = writeln!(
        s,
        "- `First on-call shift` rows: {oncall}; people hired since 2024-01-01: {}",
        people.iter().filter(|p| p.hire >= ymd(2024, 1, 1)).count()
    );
    let _ = writeln!(s);

    let _ = writeln!(
        s,
        "### Retention\n\n12 months from the index date: first pairing start for mentees, otherwise the later of \
         Hire Date and launch; only people employed on their index date whose index date + 365 days <= 2026-06-30; \
         retained = no Termination Date on or before index + 365 days.\n"
    );
    for (name, mentee) in [("mentees", true), ("non-mentees", false)] {
        let group: Vec<&Person> = people
            .iter()
            .filter(|p| p.mentee == mentee)
            .filter(|p| {
                let t0 = p.retention_index();
                p.employed_on(t0) && plus(t0, 365) <= end
            })
            .collect();
        let kept = group
            .iter()
            .filter(|p| p.term.is_none_or(|t| t > plus(p.retention_index(), 365)))
            .count();
        let _ = writeln!(
            s,
            "- {name}: {kept}/{} retained ({:.1}%)",
            group.len(),
            pct(kept, group.len())
        );
    }
    let _ = writeln!(s);

    let _ = writeln!(
        s,
        "### Delivery\n\nTeam-weeks before launch: Week Start < 2025-01-06; after: Week Start >= 2025-01-06.\n"
    );
    let before: Vec<&TeamWeek> = w.weeks.iter().filter(|t| t.week < launch()).collect();
    let after: Vec<&TeamWeek> = w.weeks.iter().filter(|t| t.week >= launch()).collect();
    let stats = |ws: &[&TeamWeek]| {
        let deploys: Vec<f64> = ws.iter().map(|t| t.deployments as f64).collect();
        let dep: u64 = ws.iter().map(|t| t.deployments).sum();
        let inc: u64 = ws.iter().map(|t| t.incidents).sum();
        let cfrs: Vec<f64> = ws.iter().filter_map(|t| t.cfr).collect();
        let mttrs: Vec<f64> = ws.iter().filter_map(|t| t.mttr).collect();
        (
            ws.len(),
            mean(&deploys),
            inc as f64 / dep as f64,
            mean(&cfrs),
            mean(&mttrs),
        )
    };
    let (nb, db, pb, cb, mb) = stats(&before);
    let (na, da, pa, ca, ma) = stats(&after);
    let _ = writeln!(
        s,
        "- team-weeks: {nb} before, {na} after; weeks with 0 deployments (blank rate): {}; weeks with 0 incidents (blank MTTR): {}",
        w.weeks.iter().filter(|t| t.cfr.is_none()).count(),
        w.weeks.iter().filter(|t| t.mttr.is_none()).count()
    );
    let _ = writeln!(
        s,
        "- deployments per team-week: {db:.2} -> {da:.2} ({:+.1}%)",
        100.0 * (da / db - 1.0)
    );
    let _ = writeln!(
        s,
        "- change failure rate, pooled (incidents / deployments): {pb:.3} -> {pa:.3}; mean of weekly rates: {cb:.3} -> {ca:.3}"
    );
    let _ = writeln!(
        s,
        "- MTTR, mean of weekly values (hours): {mb:.2} -> {ma:.2} ({:+.1}%)",
        100.0 * (ma / mb - 1.0)
    );
    s
}

fn readme(truth: &str) -> String {
    let mut s = String::new();
    s.push_str(
        r#"# Mentorscope sample data (synthetic)

**Everything in this folder is synthetic.** Names are drawn at random from small lists of
invented first and last names, e-mail addresses use the reserved `example.com` domain, IP
addresses come from the RFC 5737 documentation ranges. No row describes a real person, team or
company. The files imitate the exports a mentorship-program manager would collect, including
their quirks, so the importer and the analysis can be tested end to end.

Regenerate (from the repository root; byte-identical for the same seed and people count):

```sh
cargo run --release --example generate-sample -- --out sample-data
# options: --people N (default 300)  --seed S (default 20240101)  --out DIR (default sample-data)
```

The generator is `sample-data/generator/main.rs` (example `generate-sample`, using the
dev-dependencies rand 0.9, rand_chacha 0.9, rand_distr 0.5, csv 1, chrono 0.4). It draws every
value from ChaCha8 streams seeded from the one `u64` seed, and rewrites this README with the
figures measured on the rows it wrote.

Key dates: program launch **2025-01-06** (earliest pairing start; exactly one pairing starts that
day), data horizon **2026-06-30** (no event after it).

## Files

| file | encoding, line ends | shape and quirks |
| --- | --- | --- |
| `roster.csv` | UTF-8 **with BOM**, CRLF | HR export. `Employee ID,Full Name,Work Email,Department,Job Level,Hire Date,Termination Date`. IDs `E00001`… in hire order. Six departments: `Platform`, `Payments`, `Mobile`, `Data`, `Équipe Données`, `R&D "Labs"` (the last CSV-quoted as `"R&D ""Labs"""`). Levels `L1`–`L5`. US dates `M/D/YYYY` without leading zeros; hires between 2022-01-01 and 2025-12-31 (weekdays), ~40% on/after launch; Termination Date blank or after hire and ≤ 6/30/2026. Non-ASCII names (`Zoë`, `José`, `Łukasz`, `Aino Mäkinen`, `Núñez`, `Søndergaard`); e-mails `first.last@example.com`, accents folded, duplicates numbered (`first.last2@…`). |
| `pairings.csv` | UTF-8, LF | `Mentor Email,Mentee Email,Cohort,Start Date,End Date`, ISO dates, End Date blank while open. Cohorts `2025-Spring`, `2025-Fall`, `2026-Spring` (named from the start date: Jan–Jun Spring, Jul–Dec Fall). Mentors are L3–L5 with at most 3 overlapping mentees; mentees mostly L1–L2 recent hires (a few recent L3s). New hires are paired 3–21 days after their hire date; earlier staff joined an intake. About 18% of **mentor** addresses are messy: stray capitals and leading/trailing spaces (` Ana.Silva@Example.com`, `JOSE.NUNEZ@EXAMPLE.COM`, `x.y@example.com `). A pairing ends when planned, when either side leaves; a mentee whose mentor left is re-paired (so a mentee can appear on 2–3 rows). |
| `meetings.csv` | UTF-8, LF | Calendar export. `Meeting Date,Mentor,Mentee,Duration (min),Topics,Notes`. Meeting Date `YYYY-MM-DD HH:MM`, weekdays, between pairing start and min(End Date, 2026-06-30), every 2–3 weeks with holiday gaps and cancellations. Mentor/Mentee are lower-case e-mails. Duration mostly 30/45/60 (a few 20/25/90). Topics from `Career growth; Code review; System design; On-call; Testing; Communication; Promotion`, joined with `; `, sometimes lower-cased (`code review`). Notes are free text, ~30% blank, some with commas, double quotes or line breaks inside a quoted field; one note is exactly `<script>alert(1)</script>` and one is exactly `=SUM(A1:A2)` (both must stay inert text). Two rows name the off-roster mentee `ghost.person@example.com`. |
| `survey-pre.csv` | UTF-8, no BOM, CRLF | Qualtrics export with **3 header rows**: column IDs (`StartDate`…`UserLanguage`,`Q1`…`Q7`), question texts, and ImportIds as JSON (`"{""ImportId"":""startDate""}"`, … `QID1` … `QID6`, `QID7_TEXT`). Baseline wave, December 2024. Dates `YYYY-MM-DD HH:MM:SS`; `ResponseId` `R_` + 15 alphanumerics; `Status` `IP Address`; `Finished` `True`/`False` (a few abandoned responses with Progress < 100 and the later answers blank); `ExternalReference` empty; `RecipientEmail` the roster address. Q1–Q5 agreement labels (`Strongly disagree` … `Strongly agree`), Q6 0–10, Q7 free text (often blank). About 3% of items skipped. |
| `survey-post.csv` | UTF-8, LF | SurveyMonkey export with **2 header rows**: row 1 question headings (the agreement matrix heading spans five columns, the four after it empty), row 2 sub-headings (nine blanks, the five statements, `Response`, `Open-Ended Response`). Follow-up wave, June 2026, newest first. Respondent ID 11 digits, Collector ID 9 digits, dates `MM/DD/YYYY hh:mm:ss AM/PM`. About 15% of Email Address values have capitals (`Aino.Makinen@Example.com`). One response comes from an address not on the roster (`robin.tempworth@example.com`). |
| `milestones.csv` | UTF-8, LF | `Employee ID,Milestone,Date` (ISO). Only people hired on/after 2024-01-01. `First PR merged` (most rows) and `First on-call shift` (fewer, later). Right-censored: no row when the event falls after 2026-06-30 or after the person left, and ~4% never get there. |
| `team-metrics.csv` | **Windows-1252**, CRLF, `;`-separated, decimal commas | European Excel export. `Team;Week Start;Deployments;Incidents;MTTR (hours);Change Failure Rate`. One row per team per Monday, 01/07/2024 … 29/06/2026, Week Start **day-first** `DD/MM/YYYY`. `Équipe Données` is encoded as byte 0xC9 / 0xE9 (not UTF-8). MTTR like `3,5`, blank when the week had no incident; Change Failure Rate = incidents/deployments like `0,12`, blank when there were no deployments. |

## Planted effects

Inputs to the generator (what the analysis should recover):

- **Survey**: every person has a latent engagement level; in the post wave mentees answer
  about **+0.5** higher on the 1–5 composite (mean of Q1–Q5), non-mentees about **+0.1**; the
  0–10 recommendation score moves with it, so **eNPS rises**, more for mentees.
- **Ramp-up**: hires on/after launch who are paired during onboarding reach `First PR merged`
  after a log-normal delay with median **45 days**; other hires (and everyone hired before
  launch) median **75 days**.
- **Retention**: within 12 months of the index date exactly 8% of mentees and 20% of
  non-mentees leave (12-month retention **~92% vs ~80%**).
- **Delivery**: from the week of 2025-01-06 on, deployments per team-week are **+15%**
  (Poisson), the change failure rate drops from **0.15 to 0.10** (binomial incidents per
  deployment) and the median time to restore drops **20%** (log-normal, 4.0 h → 3.2 h).
- **Quiet pairings**: about 20% of the open pairings that started before 2026-02 stop meeting
  61–150 days before 2026-06-30.
- **Data-quality wrinkles**: two meetings name `ghost.person@example.com` (not on the roster);
  one post-survey response comes from `robin.tempworth@example.com` (not on the roster); messy
  mentor e-mails in `pairings.csv`; capitalised e-mails in `survey-post.csv`; one HTML/script
  note and one spreadsheet-formula note in `meetings.csv`.

So that a 300-person sample shows the effects as planted rather than blurred by chance, the
generator calibrates after drawing: the 12-month leavers are an exact share of each group,
each ramp-up group's drawn delays are rescaled to the planted median, the delivery totals are
nudged to the exact ratios, MTTR is rescaled per period, and survey engagement is centred
within each response pattern, with post-wave answers re-drawn (deterministically) until the
measured changes sit within 0.06 of +0.5 / +0.1. Individual rows stay random.

## Truth figures (measured on the generated rows)

"#,
    );
    s.push_str(truth);
    s
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

struct Config {
    people: usize,
    seed: u64,
    out: PathBuf,
}

const USAGE: &str = "usage: generate [--people N] [--seed S] [--out DIR]\n\
    defaults: --people 300 --seed 20240101 --out sample-data";

fn parse_args() -> Result<Config, String> {
    let mut cfg = Config {
        people: 300,
        seed: 20240101,
        out: PathBuf::from("sample-data"),
    };
    let mut args = env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("generate") {
        args.next();
    }
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            process::exit(0);
        }
        let value = match inline {
            Some(v) => v,
            None => args
                .next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?,
        };
        match flag.as_str() {
            "--people" => {
                cfg.people = value
                    .parse()
                    .map_err(|_| format!("--people: not a whole number: {value}"))?;
            }
            "--seed" => {
                cfg.seed = value
                    .parse()
                    .map_err(|_| format!("--seed: not an unsigned integer: {value}"))?;
            }
            "--out" => cfg.out = PathBuf::from(value),
            other => return Err(format!("unknown argument: {other}\n{USAGE}")),
        }
    }
    if !(60..=20_000).contains(&cfg.people) {
        return Err("--people must be between 60 and 20000".to_string());
    }
    Ok(cfg)
}

fn run(cfg: &Config) -> Res<()> {
    let w = generate(cfg.seed, cfg.people);
    let crlf = csv::Terminator::CRLF;
    let lf = csv::Terminator::Any(b'\n');

    let mut roster = b"\xEF\xBB\xBF".to_vec();
    let roster_rows = roster_rows(&w);
    roster.extend(csv_bytes(&roster_rows, b',', crlf)?);
    let pairing_rows = pairing_rows(cfg.seed, &w);
    let meeting_rows = meeting_rows(&w);
    let pre_rows = pre_rows(cfg.seed, &w);
    let post_rows = post_rows(cfg.seed, &w);
    let milestone_rows = milestone_rows(&w);
    let team_rows = team_rows(&w);
    let team_utf8 = String::from_utf8(csv_bytes(&team_rows, b';', crlf)?)?;

    let files: Vec<(&str, Vec<u8>, usize)> = vec![
        ("roster.csv", roster, roster_rows.len() - 1),
        (
            "pairings.csv",
            csv_bytes(&pairing_rows, b',', lf)?,
            pairing_rows.len() - 1,
        ),
        (
            "meetings.csv",
            csv_bytes(&meeting_rows, b',', lf)?,
            meeting_rows.len() - 1,
        ),
        (
            "survey-pre.csv",
            csv_bytes(&pre_rows, b',', crlf)?,
            pre_rows.len() - 3,
        ),
        (
            "survey-post.csv",
            csv_bytes(&post_rows, b',', lf)?,
            post_rows.len() - 2,
        ),
        (
            "milestones.csv",
            csv_bytes(&milestone_rows, b',', lf)?,
            milestone_rows.len() - 1,
        ),
        (
            "team-metrics.csv",
            to_windows_1252(&team_utf8)?,
            team_rows.len() - 1,
        ),
    ];
    fs::create_dir_all(&cfg.out)?;
    for (name, bytes, _) in &files {
        fs::write(cfg.out.join(name), bytes)?;
    }
    let counts: Vec<(&str, usize)> = files.iter().map(|(n, _, c)| (*n, *c)).collect();
    let truth = report(&w, cfg.seed, &counts);
    fs::write(cfg.out.join("README.md"), readme(&truth))?;
    eprintln!("wrote {} files to {}", files.len() + 1, cfg.out.display());
    eprint!("{truth}");
    Ok(())
}

fn main() {
    let cfg = match parse_args() {
        Ok(cfg) => cfg,
        Err(msg) => {
            eprintln!("{msg}");
            process::exit(2);
        }
    };
    if let Err(e) = run(&cfg) {
        eprintln!("generate: {e}");
        process::exit(1);
    }
}
