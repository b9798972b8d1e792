//! The kinds of file Mentorscope knows, their canonical fields with the
//! header spellings real exports use, and the column mapping: recognising a
//! kind from headers, and the saved mapping a user confirmed last month.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::table::{Column, Shape};
use super::values::DateOrder;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Roster,
    Pairings,
    Meetings,
    Survey,
    Milestones,
    TeamMetrics,
    /// Skill assessments (M8): ratings of people on skill areas per wave.
    Skills,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Roster,
        Kind::Pairings,
        Kind::Meetings,
        Kind::Survey,
        Kind::Milestones,
        Kind::TeamMetrics,
        Kind::Skills,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Roster => "roster",
            Kind::Pairings => "pairings",
            Kind::Meetings => "meetings",
            Kind::Survey => "survey",
            Kind::Milestones => "milestones",
            Kind::TeamMetrics => "team_metrics",
            Kind::Skills => "skills",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        let n = normalise_header(s);
        Kind::ALL
            .into_iter()
            .find(|k| normalise_header(k.as_str()) == n)
            .or(match n.as_str() {
                "people" | "hr" | "employees" => Some(Kind::Roster),
                "pairs" | "matches" => Some(Kind::Pairings),
                "sessions" => Some(Kind::Meetings),
                "surveys" => Some(Kind::Survey),
                "metrics" | "delivery" | "teammetric" => Some(Kind::TeamMetrics),
                "milestone" => Some(Kind::Milestones),
                "skill" | "skillassessments" | "assessments" => Some(Kind::Skills),
                _ => None,
            })
    }

    /// Files are imported in this order so identities resolve against the
    /// roster whatever order the user picked them in.
    pub fn import_rank(self) -> u8 {
        match self {
            Kind::Roster => 0,
            Kind::Pairings => 1,
            Kind::Meetings => 2,
            Kind::Milestones => 3,
            Kind::Survey => 4,
            Kind::TeamMetrics => 5,
            Kind::Skills => 6,
        }
    }
}

/// One canonical field of a kind.
pub struct Field {
    pub name: &'static str,
    pub synonyms: &'static [&'static str],
    pub required: bool,
    pub is_date: bool,
}

pub(super) const fn f(
    name: &'static str,
    synonyms: &'static [&'static str],
    required: bool,
    is_date: bool,
) -> Field {
    Field {
        name,
        synonyms,
        required,
        is_date,
    }
}

const ROSTER_FIELDS: &[Field] = &[
    f(
        "person_id",
        &[
            "employeeid",
            "empid",
            "workerid",
            "id",
            "personid",
            "employeenumber",
            "staffid",
        ],
        false,
        false,
    ),
    f(
        "name",
        &["fullname", "name", "employeename", "displayname"],
        false,
        false,
    ),
    f(
        "email",
        &["workemail", "email", "emailaddress", "mail"],
        false,
        false,
    ),
    f(
        "team",
        &[
            "team",
            "department",
            "org",
            "organization",
            "organisation",
            "dept",
        ],
        false,
        false,
    ),
    f(
        "level",
        &["level", "joblevel", "grade", "band"],
        false,
        false,
    ),
    f(
        "hire_date",
        &[
            "hiredate",
            "startdate",
            "dateofhire",
            "hired",
            "joined",
            "joindate",
        ],
        false,
        true,
    ),
    f(
        "exit_date",
        &[
            "terminationdate",
            "exitdate",
            "leavedate",
            "enddate",
            "leftdate",
        ],
        false,
        true,
    ),
];

const PAIRINGS_FIELDS: &[Field] = &[
    f(
        "mentor",
        &["mentor", "mentoremail", "mentorid", "mentoremployeeid"],
        true,
        false,
    ),
    f(
        "mentee",
        &[
            "mentee",
            "menteeemail",
            "menteeid",
            "menteeemployeeid",
            "protege",
        ],
        true,
        false,
    ),
    f(
        "cohort",
        &["cohort", "program", "track", "programme"],
        false,
        false,
    ),
    // Not "track": that names a cohort (above).
    f(
        "format",
        &[
            "format",
            "programformat",
            "programtype",
            "mentoringformat",
            "deliveryformat",
        ],
        false,
        false,
    ),
    f(
        "start",
        &["startdate", "start", "matchedon", "matchdate", "paired"],
        false,
        true,
    ),
    f("end", &["enddate", "end", "endedon"], false, true),
];

const MEETINGS_FIELDS: &[Field] = &[
    f(
        "date",
        &[
            "date",
            "meetingdate",
            "start",
            "starttime",
            "when",
            "sessiondate",
            "datetime",
        ],
        true,
        true,
    ),
    f(
        "mentor",
        &[
            "mentor",
            "mentoremail",
            "mentorid",
            "host",
            "organizer",
            "organiser",
        ],
        true,
        false,
    ),
    f(
        "mentee",
        &["mentee", "menteeemail", "menteeid", "attendee", "protege"],
        true,
        false,
    ),
    f(
        "duration_min",
        &[
            "duration",
            "durationmin",
            "durationminutes",
            "minutes",
            "length",
            "mins",
        ],
        false,
        false,
    ),
    f(
        "topics",
        &["topics", "topic", "tags", "focus", "subjects"],
        false,
        false,
    ),
    f(
        "notes",
        &["notes", "note", "summary", "comments"],
        false,
        false,
    ),
];

const MILESTONES_FIELDS: &[Field] = &[
    f(
        "person",
        &[
            "personid",
            "employeeid",
            "empid",
            "id",
            "email",
            "workemail",
            "emailaddress",
            "person",
        ],
        true,
        false,
    ),
    f(
        "milestone",
        &["milestone", "event", "kind", "milestonekind", "achievement"],
        true,
        false,
    ),
    f(
        "date",
        &[
            "date",
            "achievedon",
            "reachedon",
            "milestonedate",
            "completedon",
        ],
        true,
        true,
    ),
];

const TEAM_METRICS_FIELDS: &[Field] = &[
    f(
        "team",
        &["team", "teamname", "squad", "service"],
        true,
        false,
    ),
    f(
        "period_start",
        &[
            "weekstart",
            "week",
            "period",
            "date",
            "periodstart",
            "weekof",
            "weekbeginning",
        ],
        true,
        true,
    ),
    f(
        "deployments",
        &[
            "deployments",
            "deploys",
            "deploycount",
            "deploymentcount",
            "releases",
        ],
        true,
        false,
    ),
    f(
        "incidents",
        &[
            "incidents",
            "failures",
            "failedchanges",
            "failedchangecount",
            "incidentcount",
        ],
        false,
        false,
    ),
    f(
        "mttr_hours",
        &[
            "mttr",
            "mttrhours",
            "meantimetorestore",
            "meantimetorecovery",
            "timetorestore",
        ],
        false,
        false,
    ),
    f(
        "change_failure_rate",
        &["changefailurerate", "cfr", "failurerate"],
        false,
        false,
    ),
];

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Roster => ROSTER_FIELDS,
        Kind::Pairings => PAIRINGS_FIELDS,
        Kind::Meetings => MEETINGS_FIELDS,
        Kind::Milestones => MILESTONES_FIELDS,
        Kind::TeamMetrics => TEAM_METRICS_FIELDS,
        Kind::Skills => super::skills::FIELDS,
        Kind::Survey => &[],
    }
}

/// Header matching ignores case, punctuation, spacing and units in
/// parentheses: `Duration (min)` and `duration` are the same column.
pub fn normalise_header(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    if out.is_empty() {
        // A header that is only a parenthesis still deserves a name.
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    } else {
        out
    }
}

/// A saved, user-confirmed column mapping (`--mapping FILE`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Mapping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// canonical field → header as it appears in the file.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// header → day/month order, for columns the data cannot decide.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub date_orders: BTreeMap<String, DateOrder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave: Option<String>,
    /// A survey's item marks, by column header: reverse-coded items and
    /// the declared scales of numeric ones (`{"reverse": true}`,
    /// `{"scale": "0-10"}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, crate::store::ItemMarks>,
}

/// Which column index each canonical field uses.
pub type FieldColumns = BTreeMap<&'static str, usize>;

/// Maps the fields of `kind` to columns: the saved mapping first, then
/// synonyms. Each column is used by one field only.
pub fn map_fields(kind: Kind, columns: &[Column], mapping: Option<&Mapping>) -> FieldColumns {
    let norm: Vec<String> = columns.iter().map(|c| normalise_header(&c.name)).collect();
    let codes: Vec<String> = columns.iter().map(|c| normalise_header(&c.code)).collect();
    let mut used = vec![false; columns.len()];
    let mut out = FieldColumns::new();
    for field in fields(kind) {
        if let Some(header) = mapping.and_then(|m| m.columns.get(field.name)) {
            let h = normalise_header(header);
            if let Some(i) =
                (0..columns.len()).find(|&i| !used[i] && (norm[i] == h || codes[i] == h))
            {
                used[i] = true;
                out.insert(field.name, i);
            }
        }
    }
    for field in fields(kind) {
        if out.contains_key(field.name) {
            continue;
        }
        // Synonyms are in preference order: "Mentor Email" beats "Mentor ID"
        // only if listed first.
        for syn in field.synonyms {
            if let Some(i) = (0..columns.len()).find(|&i| !used[i] && norm[i] == *syn) {
                used[i] = true;
                out.insert(field.name, i);
                break;
            }
        }
    }
    out
}

/// How well a kind explains these headers: `None` when a required field (or,
/// for the roster, an identity) is missing; else the number of fields found.
pub fn score(kind: Kind, columns: &[Column]) -> Option<usize> {
    if kind == Kind::Survey {
        return None;
    }
    let m = map_fields(kind, columns, None);
    let required_ok = fields(kind)
        .iter()
        .filter(|f| f.required)
        .all(|f| m.contains_key(f.name));
    let identity_ok = kind != Kind::Roster
        || ((m.contains_key("person_id") || m.contains_key("email"))
            && (m.contains_key("hire_date")
                || m.contains_key("team")
                || m.contains_key("name") && m.contains_key("email")));
    (required_ok && identity_ok).then_some(m.len())
}

/// Recognises the kind from the headers (and the shape).
pub fn detect(shape: Shape, columns: &[Column]) -> Option<Kind> {
    if shape.is_survey_tool() {
        return Some(Kind::Survey);
    }
    // SurveyMonkey's condensed export and other tools' one-row exports still
    // carry a response ID column.
    if columns.iter().any(|c| {
        let n = normalise_header(&c.name);
        n == "respondentid" || n == "responseid"
    }) {
        return Some(Kind::Survey);
    }
    Kind::ALL
        .into_iter()
        .filter_map(|k| score(k, columns).map(|s| (s, std::cmp::Reverse(k.import_rank()), k)))
        .max()
        .map(|(_, _, k)| k)
}

/// "pre" / "post" / "6-month" guessed from a file name, if it says.
pub fn guess_wave(file_name: &str) -> Option<String> {
    let lower = file_name.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    for (i, t) in tokens.iter().enumerate() {
        let months = t
            .strip_suffix("month")
            .or_else(|| t.strip_suffix("months"))
            .or_else(|| t.strip_suffix("mo"))
            .and_then(|n| n.parse::<u32>().ok())
            .or_else(|| {
                let next = tokens.get(i + 1)?;
                matches!(*next, "month" | "months" | "mo").then(|| t.parse::<u32>().ok())?
            });
        if let Some(m) = months {
            return Some(format!("{m}-month"));
        }
    }
    let has = |words: &[&str]| tokens.iter().any(|t| words.contains(t));
    if has(&[
        "pre",
        "baseline",
        "before",
        "start",
        "intake",
        "prelaunch",
        "presurvey",
    ]) {
        Some("pre".into())
    } else if has(&[
        "post",
        "after",
        "exit",
        "end",
        "final",
        "followup",
        "postsurvey",
    ]) {
        Some("post".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<Column> {
        names
            .iter()
            .map(|n| Column {
                name: n.to_string(),
                code: n.to_string(),
            })
            .collect()
    }

    #[test]
    fn headers_match_ignoring_case_punctuation_and_units() {
        assert_eq!(normalise_header("Duration (min)"), "duration");
        assert_eq!(normalise_header("  Work E-mail "), "workemail");
        assert_eq!(normalise_header("MTTR (hours)"), "mttr");
    }

    #[test]
    fn recognises_each_kind_from_typical_headers() {
        let cases: &[(&[&str], Kind)] = &[
            (
                &[
                    "Employee ID",
                    "Full Name",
                    "Work Email",
                    "Department",
                    "Hire Date",
                ],
                Kind::Roster,
            ),
            (
                &[
                    "Mentor Email",
                    "Mentee Email",
                    "Cohort",
                    "Start Date",
                    "End Date",
                ],
                Kind::Pairings,
            ),
            (
                &[
                    "Meeting Date",
                    "Mentor",
                    "Mentee",
                    "Duration (min)",
                    "Topics",
                ],
                Kind::Meetings,
            ),
            (&["Employee ID", "Milestone", "Date"], Kind::Milestones),
            (
                &[
                    "Team",
                    "Week Start",
                    "Deployments",
                    "Incidents",
                    "MTTR (hours)",
                ],
                Kind::TeamMetrics,
            ),
        ];
        for (headers, kind) in cases {
            assert_eq!(
                detect(Shape::Plain, &cols(headers)),
                Some(*kind),
                "{headers:?}"
            );
        }
        assert_eq!(detect(Shape::Plain, &cols(&["a", "b", "c"])), None);
    }

    #[test]
    fn a_pairing_format_is_its_own_column_and_a_track_stays_a_cohort() {
        for header in [
            "Format",
            "Program Format",
            "Program type",
            "Mentoring format",
            "Delivery Format",
        ] {
            let c = cols(&["Mentor Email", "Mentee Email", "Track", header]);
            let m = map_fields(Kind::Pairings, &c, None);
            assert_eq!(m.get("format"), Some(&3), "{header}");
            assert_eq!(m.get("cohort"), Some(&2), "{header}");
        }
        let m = map_fields(Kind::Pairings, &cols(&["Mentor", "Mentee", "Track"]), None);
        assert_eq!(m.get("format"), None);
    }

    #[test]
    fn saved_mapping_wins_over_synonyms() {
        let c = cols(&["When", "Coach", "Learner", "Date"]);
        let mut m = Mapping::default();
        m.columns.insert("date".into(), "When".into());
        m.columns.insert("mentor".into(), "Coach".into());
        m.columns.insert("mentee".into(), "Learner".into());
        let f = map_fields(Kind::Meetings, &c, Some(&m));
        assert_eq!(f["date"], 0);
        assert_eq!(f["mentor"], 1);
        assert_eq!(f["mentee"], 2);
    }

    #[test]
    fn wave_is_guessed_from_the_file_name() {
        assert_eq!(guess_wave("survey-pre.csv").as_deref(), Some("pre"));
        assert_eq!(
            guess_wave("Baseline survey 2025.csv").as_deref(),
            Some("pre")
        );
        assert_eq!(guess_wave("post_program.csv").as_deref(), Some("post"));
        assert_eq!(guess_wave("pulse 6 month.csv").as_deref(), Some("6-month"));
        assert_eq!(guess_wave("6mo-followup.csv").as_deref(), Some("6-month"));
        assert_eq!(guess_wave("responses.csv"), None);
    }
}
