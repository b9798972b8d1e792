//! The files as their tools export them: each export's header rows, column order, date and
//! number spellings. Rows only; `main` picks the encoding and line ends.

use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::model::{Wave, World};
use crate::util::*;
use crate::vocab::*;

pub fn csv_bytes(rows: &[Vec<String>], delimiter: u8, terminator: csv::Terminator) -> Res<Vec<u8>> {
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

pub fn roster_rows(w: &World) -> Vec<Vec<String>> {
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

pub fn pairing_rows(seed: u64, w: &World) -> Vec<Vec<String>> {
    let mut rng = stream(seed, 11);
    let mut rows = vec![strings(&[
        "Mentor Email",
        "Mentee Email",
        "Cohort",
        "Format",
        "Start Date",
        "End Date",
    ])];
    for p in &w.pairings {
        let format = w.people[p.mentee].format.map(|f| FORMATS[f]).unwrap_or("");
        rows.push(vec![
            messy_email(&mut rng, &w.people[p.mentor].email),
            w.people[p.mentee].email.clone(),
            cohort_of(p.start),
            format.to_string(),
            iso(p.start),
            opt_date(p.end, iso),
        ]);
    }
    rows
}

pub fn meeting_rows(w: &World) -> Vec<Vec<String>> {
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

pub fn pre_rows(seed: u64, w: &World) -> Vec<Vec<String>> {
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
    for r in &w.surveys[Wave::Pre.index()] {
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

pub fn post_rows(seed: u64, w: &World) -> Vec<Vec<String>> {
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
    for r in &w.surveys[Wave::Post.index()] {
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

/// Google Forms responses downloaded from Sheets: `Timestamp` first (M/D/YYYY H:MM:SS, US
/// locale), the collected `Email Address`, then one column per question titled with its text;
/// oldest first, as the sheet fills.
pub fn three_month_rows(w: &World) -> Vec<Vec<String>> {
    let mut head = strings(&["Timestamp", "Email Address"]);
    head.extend(STATEMENTS.iter().map(|s| s.to_string()));
    head.push(NPS_QUESTION.to_string());
    head.push(OPEN_QUESTION.to_string());
    let mut rows = vec![head];
    for r in &w.surveys[Wave::ThreeMonth.index()] {
        let mut row = vec![us_24h_seconds(r.end), r.email.clone()];
        row.extend(r.items.iter().map(|x| label(*x)));
        row.push(r.nps.map(|x| x.to_string()).unwrap_or_default());
        row.push(r.comment.clone());
        rows.push(row);
    }
    rows
}

/// Microsoft Forms responses as Excel saves them to CSV: `ID, Start time, Completion time,
/// Email, Name, Last modified time`, times M/D/YYYY H:MM without seconds, a sign-in address
/// as the directory spells it (some title-cased), `anonymous` for the anonymous link, Likert
/// columns titled with the statement and `Neutral` in the middle; IDs in completion order.
pub fn twelve_month_rows(seed: u64, w: &World) -> Vec<Vec<String>> {
    let mut rng = stream(seed, 15);
    let mut head = strings(&[
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Last modified time",
    ]);
    head.extend(STATEMENTS.iter().map(|s| s.to_string()));
    head.push(NPS_QUESTION.to_string());
    head.push(OPEN_QUESTION.to_string());
    let mut rows = vec![head];
    for (k, r) in w.surveys[Wave::TwelveMonth.index()].iter().enumerate() {
        let email = if r.person.is_some() && chance(&mut rng, 0.3) {
            title_email(&r.email)
        } else {
            r.email.clone()
        };
        let name = if r.person.is_some() {
            format!("{} {}", r.first, r.last)
        } else {
            String::new()
        };
        let mut row = vec![
            (k + 1).to_string(),
            us_24h_minutes(r.start),
            us_24h_minutes(r.end),
            email,
            name,
            String::new(),
        ];
        row.extend(r.items.iter().map(|x| {
            x.map(|v| LIKERT_MS_FORMS[usize::from(v) - 1].to_string())
                .unwrap_or_default()
        }));
        row.push(r.nps.map(|x| x.to_string()).unwrap_or_default());
        row.push(r.comment.clone());
        rows.push(row);
    }
    rows
}

pub fn milestone_rows(w: &World) -> Vec<Vec<String>> {
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

pub fn team_rows(w: &World) -> Vec<Vec<String>> {
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
