//! The program the privacy robustness tests (`tests/robustness_privacy*.rs`)
//! import, built so that the size of every filtered group — and the figure
//! it would show — is known from the data itself, not from the code under
//! test; and the filters they drive the CLI through. The review pack read
//! back as text is `privacy_pack`; what the rules say each skill row and
//! comment wave must be, `privacy_expected`.
//!
//! - 40 people on the roster: 20 mentees who answer both survey waves
//!   (0–19: four team × level groups of 3, 6, 7 and 4, split over two
//!   cohorts by parity), 10 people of team Ops at level L3 in no pairing
//!   (20–29), and their 10 mentors (30–39, Ops, L3), who answer no survey;
//!   6 anonymous respondents answer each wave.
//! - A free-text question in both waves, answered by some respondents only
//!   ([`comments`]): every comment carries a word no other comment has
//!   ([`token`]), so any output can be searched for one person's words.
//! - Skill assessments ([`rated`], [`rating`]): two areas, three raters,
//!   before (`pre`) and after (`post`), with team × level × rater groups
//!   of 2 to 7 people rated in both waves, and a few people rated before
//!   only (who are in no skill row).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_mentorscope");
pub const RESPONDENTS: usize = 20;
pub const ANONYMOUS: usize = 6;

pub fn team(i: usize) -> &'static str {
    if i < 9 {
        "Data"
    } else if i < 20 {
        "Web"
    } else {
        "Ops"
    }
}

pub fn level(i: usize) -> &'static str {
    match i {
        0..=2 | 9..=15 => "L1",
        3..=8 | 16..=19 => "L2",
        _ => "L3",
    }
}

/// Even respondents are mentees of the Spring cohort, odd ones of Fall;
/// their mentors (30–39) answer no survey. (Not 0–9 and 10–19: then team
/// Data, 0–8, would lie inside cohort Spring but for one person, and the
/// overlap rule across views would rightly hide it at any k.)
pub fn cohort(i: usize) -> &'static str {
    if i.is_multiple_of(2) {
        "Spring"
    } else {
        "Fall"
    }
}

/// Distinctive enough to find in any output: nobody is called this.
pub fn name(i: usize) -> String {
    format!("Zelphine Quorvath{i:02}")
}

pub fn email(i: usize) -> String {
    format!("zq{i:02}@quorvath.example")
}

pub const LIKERT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];

/// (item 1, item 2) for respondent `i` (`None` = anonymous `a`) in a wave.
/// The Data × L1 group (0–2) has composites 1.5, 2, 2 before (mean 1.83)
/// and 4.5, 4, 4 after (mean 4.17).
pub fn answers(i: Option<usize>, a: usize, post: bool) -> (u8, u8) {
    match (i, post) {
        (Some(0), false) => (1, 2),
        (Some(1 | 2), false) => (2, 2),
        (Some(0), true) => (4, 5),
        (Some(1 | 2), true) => (4, 4),
        (Some(i), false) => (3, 3 + (i % 2) as u8),
        (Some(i), true) => (3 + (i % 3 == 0) as u8, 4),
        (None, false) => (2 + (a % 2) as u8, 5),
        (None, true) => (5, 5),
    }
}

// ---------------------------------------------------------------------
// Comments (M9): who wrote one, and the word only they wrote.

/// Whether survey row `row` (0–19: respondent `row`; 20–25: anonymous
/// respondent `row − 20`) wrote a comment in a wave. Before: every mentee
/// but 19 (Data 9, Web 10, L1 10, L2 9, Spring 10, Fall 9) and 4 of the 6
/// anonymous respondents, 23 in all. After: every mentee (Data 9, Web 11,
/// L1 10, L2 10, Spring 10, Fall 10) and no anonymous one, 20 in all.
/// Groups of 9 to 11 people straddle the comment threshold at its default
/// (10); smaller ones (a team at one level, a cohort in a team) the
/// threshold at 7 or at k.
pub fn comments(row: usize, post: bool) -> bool {
    if post {
        row < RESPONDENTS
    } else {
        row != 19 && row < RESPONDENTS + 4
    }
}

/// The word only survey row `row` wrote, in one wave: found in an output,
/// it is that person's comment.
pub fn token(row: usize, post: bool) -> String {
    format!("snarkwid{row:02}{}", if post { "a" } else { "b" })
}

/// Every comment token of a wave, with its survey row.
pub fn tokens(post: bool) -> Vec<(usize, String)> {
    (0..RESPONDENTS + ANONYMOUS)
        .filter(|&r| comments(r, post))
        .map(|r| (r, token(r, post)))
        .collect()
}

/// The comment of survey row `row` in a wave (empty when they wrote none):
/// "Mauvewhistle" in every one (a term every comment uses, so its count
/// is the number of comments), their own token, and their name (which
/// quotes must not show).
pub fn comment_text(row: usize, post: bool) -> String {
    if !comments(row, post) {
        return String::new();
    }
    let who = if row < RESPONDENTS {
        name(row)
    } else {
        "someone".into()
    };
    if post {
        format!(
            "Mauvewhistle {} says {who} enjoyed the weekly pairing sessions",
            token(row, post)
        )
    } else {
        format!(
            "Mauvewhistle {} says {who} wants clearer pairing goals",
            token(row, post)
        )
    }
}

// ---------------------------------------------------------------------
// Skill assessments (M8).

/// The skill areas: words nobody else uses, so a rating row's contents can
/// be searched for.
pub const AREAS: [&str; 2] = ["Quindle design", "Borogove triage"];
pub const RATERS: [&str; 3] = ["self", "mentor", "manager"];
/// Proficiency labels, 1–5 (METRICS.md M8).
pub const LEVELS: [&str; 5] = ["Novice", "Beginner", "Intermediate", "Advanced", "Expert"];

/// Who is rated, in groups: Data × L1 (0–2), Data × L2 (3–8), Web × L1
/// (9–15), Web × L2 (16–19) and the Ops people at L3 in no pairing
/// (20–29): (group, position in it).
fn skill_group(i: usize) -> (usize, usize) {
    match i {
        0..=2 => (0, i),
        3..=8 => (1, i - 3),
        9..=15 => (2, i - 9),
        16..=19 => (3, i - 16),
        _ => (4, i - 20),
    }
}

/// How many of each group ([`skill_group`]) are rated in both waves, per
/// area and rater: sizes 1 to 7, so at k = 3 and k = 5 there are groups of
/// k − 1, k and k + 1. Mentors rate mentees only. (Borogove triage by
/// mentors: level L1 holds 6 people and team Web 7, and they differ by the
/// 1 of Data × L1 and the 2 of Web × L2: the overlap rule's case at k = 5.)
const RATED: [[[usize; 5]; 3]; 2] = [
    // Quindle design: self, mentor, manager
    [[3, 6, 7, 4, 6], [2, 5, 4, 3, 0], [3, 4, 6, 2, 4]],
    // Borogove triage
    [[3, 6, 7, 4, 6], [1, 4, 5, 2, 0], [2, 5, 5, 4, 4]],
];

/// Whether person `i` is rated by `rater` (index into [`RATERS`]) in
/// `area` in both waves.
pub fn rated(i: usize, area: usize, rater: usize) -> bool {
    let (g, pos) = skill_group(i);
    i < 30 && pos < RATED[area][rater][g]
}

/// The next person of the group after those rated in both waves is rated
/// before only: in no row.
pub fn rated_before_only(i: usize, area: usize, rater: usize) -> bool {
    let (g, pos) = skill_group(i);
    i < 30 && pos == RATED[area][rater][g] && !(g == 4 && RATED[area][rater][g] == 0)
}

/// Rating 1–5 of person `i` in an area by a rater, before or after.
/// (Quindle design rated by self, Data × L1: changes 0.5, 0.25 and 0.5 on
/// the 0–1 scale, mean +0.42, a figure no other row of that group shows.)
pub fn rating(i: usize, area: usize, rater: usize, post: bool) -> usize {
    let before = 1 + (i * 7 + area * 3 + rater * 5) % 4;
    if post {
        (before + (2 + 2 * (i % 2) + area + rater) % 3).min(5)
    } else {
        before
    }
}

/// The rating on the 0–1 scale the rows use: (x − 1)/4.
pub fn unit(i: usize, area: usize, rater: usize, post: bool) -> f64 {
    (rating(i, area, rater, post) as f64 - 1.0) / 4.0
}

fn skills_csv() -> String {
    let mut s = String::from("Email,Wave,Assessment Date,Skill Area,Rating,Rater\n");
    for i in 0..30 {
        for area in 0..AREAS.len() {
            for rater in 0..RATERS.len() {
                let both = rated(i, area, rater);
                if !both && !rated_before_only(i, area, rater) {
                    continue;
                }
                let waves: &[bool] = if both { &[false, true] } else { &[false] };
                for &post in waves {
                    writeln!(
                        s,
                        "{},{},{},{},{},{}",
                        email(i),
                        if post { "post" } else { "pre" },
                        if post { "2025-09-20" } else { "2025-01-20" },
                        AREAS[area],
                        LEVELS[rating(i, area, rater, post) - 1],
                        RATERS[rater]
                    )
                    .unwrap();
                }
            }
        }
    }
    s
}

// ---------------------------------------------------------------------
// The files, the import, the CLI.

pub struct Program {
    pub _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub files: Vec<PathBuf>,
}

pub fn write_program() -> Program {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut roster =
        String::from("Employee ID,Full Name,Work Email,Department,Job Level,Hire Date\n");
    for i in 0..40 {
        writeln!(
            roster,
            "Q{i:03},{},{},{},{},2023-{:02}-15",
            name(i),
            email(i),
            team(i),
            level(i),
            1 + i % 12
        )
        .unwrap();
    }
    let mut pairings = String::from("Mentor Email,Mentee Email,Cohort,Start Date\n");
    for i in 0..RESPONDENTS {
        writeln!(
            pairings,
            "{},{},{},2025-02-01",
            email(30 + i % 10),
            email(i),
            cohort(i)
        )
        .unwrap();
    }
    let survey = |post: bool| {
        let mut s = String::from(
            "Response ID,Timestamp,Email,I feel supported in my role,I know what is expected of me,How likely are you to recommend this team? (0-10),What would make the program better?\n",
        );
        let month = if post { "09" } else { "01" };
        let who = (0..RESPONDENTS)
            .map(Some)
            .chain((0..ANONYMOUS).map(|_| None));
        for (row, i) in who.enumerate() {
            let (a, b) = answers(i, row, post);
            writeln!(
                s,
                "R{month}-{row},2025-{month}-10 10:{row:02},{},{},{},{},\"{}\"",
                i.map(email).unwrap_or_default(),
                LIKERT[a as usize - 1],
                LIKERT[b as usize - 1],
                row % 11,
                comment_text(row, post)
            )
            .unwrap();
        }
        s
    };
    let files = [
        ("roster.csv", roster),
        ("pairings.csv", pairings),
        ("pulse-pre.csv", survey(false)),
        ("pulse-post.csv", survey(true)),
        ("skills.csv", skills_csv()),
    ]
    .into_iter()
    .map(|(n, text)| {
        let p = d.join(n);
        std::fs::write(&p, text).unwrap();
        p
    })
    .collect();
    Program {
        db: d.join("program.db"),
        _dir: dir,
        files,
    }
}

pub fn cli(db: &Path, args: &[String]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run the CLI")
}

pub fn imported() -> Program {
    let p = write_program();
    let mut args = vec!["import".to_string()];
    args.extend(p.files.iter().map(|f| f.display().to_string()));
    let out = cli(&p.db, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    p
}

/// `analyze --json` with these arguments, parsed.
pub fn analyze_json(p: &Program, extra: &[String]) -> Value {
    let mut args = vec!["analyze".to_string(), "--json".into()];
    args.extend(extra.iter().cloned());
    let out = cli(&p.db, &args);
    assert!(
        out.status.success(),
        "{extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

// ---------------------------------------------------------------------
// The filters.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    pub cohort: Option<&'static str>,
    pub team: Option<&'static str>,
    pub level: Option<&'static str>,
}

impl Filter {
    pub const NONE: Filter = Filter {
        cohort: None,
        team: None,
        level: None,
    };

    pub fn all() -> Vec<Filter> {
        let mut out = Vec::new();
        for cohort in [None, Some("Spring"), Some("Fall")] {
            for team in [None, Some("Data"), Some("Web")] {
                for level in [None, Some("L1"), Some("L2")] {
                    out.push(Filter {
                        cohort,
                        team,
                        level,
                    });
                }
            }
        }
        out
    }

    pub fn args(&self) -> Vec<String> {
        let mut a = Vec::new();
        for (flag, v) in [
            ("--cohort", self.cohort),
            ("--team", self.team),
            ("--level", self.level),
        ] {
            if let Some(v) = v {
                a.push(flag.to_string());
                a.push(v.to_string());
            }
        }
        a
    }

    pub fn narrows(&self) -> bool {
        self.cohort.is_some() || self.team.is_some() || self.level.is_some()
    }

    /// Whether mentee `i` (0–19) is in scope.
    pub fn keeps(&self, i: usize) -> bool {
        self.team.is_none_or(|t| team(i) == t)
            && self.level.is_none_or(|l| level(i) == l)
            && self.cohort.is_none_or(|c| cohort(i) == c)
    }

    /// Whether roster person `i` (0–29) is in scope: a mentee by their
    /// team, level and cohort; one of the Ops people in no pairing
    /// (20–29) by their team and level, and under no cohort filter (a
    /// cohort lets in only its pairings' people).
    pub fn admits(&self, i: usize) -> bool {
        if i < RESPONDENTS {
            return self.keeps(i);
        }
        self.team.is_none_or(|t| team(i) == t)
            && self.level.is_none_or(|l| level(i) == l)
            && self.cohort.is_none()
    }

    /// Whether survey row `row` (0–19 identified, 20–25 anonymous) is in
    /// scope: anonymous respondents only without a filter (they cannot be
    /// placed in a team or cohort).
    pub fn admits_row(&self, row: usize) -> bool {
        if row < RESPONDENTS {
            self.keeps(row)
        } else {
            !self.narrows()
        }
    }

    /// The respondents in scope (anonymous ones only without a filter: they
    /// cannot be placed in a team or cohort).
    pub fn scope(&self) -> Vec<Option<usize>> {
        let mut s: Vec<Option<usize>> = (0..RESPONDENTS)
            .filter(|&i| self.keeps(i))
            .map(Some)
            .collect();
        if !self.narrows() {
            s.extend((0..ANONYMOUS).map(|_| None));
        }
        s
    }

    /// The composite mean the scope would show in a wave.
    pub fn mean(&self, post: bool) -> Option<f64> {
        let scope = self.scope();
        let mut anon = 0;
        let composites: Vec<f64> = scope
            .iter()
            .map(|i| {
                let row = match i {
                    Some(i) => *i,
                    None => {
                        anon += 1;
                        RESPONDENTS + anon - 1
                    }
                };
                let (a, b) = answers(*i, row, post);
                (a as f64 + b as f64) / 2.0
            })
            .collect();
        (!composites.is_empty()).then(|| composites.iter().sum::<f64>() / composites.len() as f64)
    }

    /// Every wider selection a reader can open: this one with one or more
    /// of its filters dropped, up to the whole program.
    pub fn wider(&self) -> Vec<Filter> {
        let mut out = Vec::new();
        for mask in 0u8..8 {
            let w = Filter {
                cohort: self.cohort.filter(|_| mask & 1 != 0),
                team: self.team.filter(|_| mask & 2 != 0),
                level: self.level.filter(|_| mask & 4 != 0),
            };
            if w != *self && !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }
}
