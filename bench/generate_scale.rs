//! Generates a large synthetic program for benchmarks: `--people N` people
//! (default 100,000), about ten meetings per mentee pairing so that 100k
//! people give ≥ 1,000,000 meetings, two survey waves with one response per
//! person each (≥ 200,000 responses), milestones and two years of weekly
//! team metrics. Plain shapes (one header row, ISO dates) so that the
//! benchmark measures scale, not quirk handling; the quirks are covered by
//! `sample-data/` and the tests. Deterministic for a given seed.
//!
//! cargo run --release --example generate-scale -- --people 100000 --out /tmp/ms-100k

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const LIKERT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];
const TOPICS: [&str; 7] = [
    "Career growth",
    "Code review",
    "System design",
    "On-call",
    "Testing",
    "Communication",
    "Promotion",
];

fn main() -> std::io::Result<()> {
    let mut people = 100_000usize;
    let mut out = PathBuf::from("scale-data");
    let mut seed = 7u64;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--people" => people = value.parse().expect("--people takes a number"),
            "--out" => out = PathBuf::from(value),
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            other => panic!("unknown option {other}"),
        }
        i += 2;
    }
    std::fs::create_dir_all(&out)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let launch = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    let horizon = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let teams = (people / 2000).clamp(4, 60);
    let w = |name: &str| -> std::io::Result<BufWriter<File>> {
        Ok(BufWriter::with_capacity(
            1 << 20,
            File::create(out.join(name))?,
        ))
    };

    // Roster.
    let mut roster = w("roster.csv")?;
    writeln!(
        roster,
        "Employee ID,Full Name,Work Email,Team,Job Level,Hire Date,Termination Date"
    )?;
    let mut hire = Vec::with_capacity(people);
    let mut mentee = vec![false; people];
    let mut exit = vec![None; people];
    for p in 0..people {
        let h = NaiveDate::from_ymd_opt(2022, 1, 3).expect("date")
            + Duration::days(rng.random_range(0..1400));
        let is_mentee = h >= launch - Duration::days(200) && rng.random_bool(0.55);
        mentee[p] = is_mentee;
        let leave_rate = if is_mentee { 0.08 } else { 0.2 };
        if rng.random_bool(leave_rate) {
            let e = h + Duration::days(rng.random_range(30..700));
            if e < horizon {
                exit[p] = Some(e);
            }
        }
        hire.push(h);
        let level = if is_mentee {
            rng.random_range(1..3)
        } else {
            rng.random_range(1..6)
        };
        writeln!(
            roster,
            "P{p:06},Person {p},person{p}@example.com,Team {},L{level},{h},{}",
            p % teams,
            exit[p]
                .map(|d: NaiveDate| d.to_string())
                .unwrap_or_default()
        )?;
    }
    roster.flush()?;

    // Pairings and meetings: each mentee gets a mentor, about 10 meetings.
    let mut pairings = w("pairings.csv")?;
    let mut meetings = w("meetings.csv")?;
    writeln!(
        pairings,
        "Mentor Email,Mentee Email,Cohort,Start Date,End Date"
    )?;
    writeln!(meetings, "Meeting Date,Mentor,Mentee,Duration (min),Topics")?;
    let seniors: Vec<usize> = (0..people).filter(|p| !mentee[*p]).collect();
    let mut first = true;
    for p in (0..people).filter(|p| mentee[*p]) {
        let mentor = seniors[rng.random_range(0..seniors.len())];
        let start = if first {
            launch
        } else {
            (hire[p] + Duration::days(rng.random_range(3..30))).max(launch)
        };
        first = false;
        if start >= horizon {
            continue;
        }
        let end = exit[p].filter(|e| *e > start);
        let cohort = if start < NaiveDate::from_ymd_opt(2025, 7, 1).expect("date") {
            "2025-Spring"
        } else {
            "2025-Fall"
        };
        writeln!(
            pairings,
            "person{mentor}@example.com,person{p}@example.com,{cohort},{start},{}",
            end.map(|d| d.to_string()).unwrap_or_default()
        )?;
        let mut day = start + Duration::days(rng.random_range(1..14));
        let stop = end.unwrap_or(horizon).min(horizon);
        let mut n = 0;
        while day <= stop && n < 80 {
            let topic = TOPICS[rng.random_range(0..TOPICS.len())];
            let topic2 = TOPICS[rng.random_range(0..TOPICS.len())];
            writeln!(meetings, "{day} {:02}:{:02},person{mentor}@example.com,person{p}@example.com,{},{topic}; {topic2}", 9 + n % 8, (n * 7) % 60, [30, 45, 60][n % 3])?;
            day += Duration::days(rng.random_range(5..12));
            n += 1;
        }
    }
    pairings.flush()?;
    meetings.flush()?;

    // Two survey waves, everyone answers both.
    for (name, wave_day, lift) in [
        ("survey-pre.csv", "2024-12-10", 0.0),
        ("survey-post.csv", "2026-06-10", 0.5),
    ] {
        let mut s = w(name)?;
        writeln!(s, "Response ID,Timestamp,Email,I feel supported in my role,I know what is expected of me to grow,I would recommend this team (0-10)")?;
        for (p, &is_mentee) in mentee.iter().enumerate().take(people) {
            let base = 3.0 + if is_mentee { lift } else { lift / 5.0 };
            let a = |rng: &mut ChaCha8Rng| {
                LIKERT[((base + rng.random_range(-1.5..1.5)) as usize).clamp(1, 5) - 1]
            };
            let (q1, q2) = (a(&mut rng), a(&mut rng));
            let nps =
                ((6.0 + 2.0 * (base - 3.0) + rng.random_range(-3.0..3.5)) as i64).clamp(0, 10);
            writeln!(
                s,
                "{name}-{p},{wave_day} {:02}:{:02}:00,person{p}@example.com,{q1},{q2},{nps}",
                p % 10 + 8,
                p % 60
            )?;
        }
        s.flush()?;
    }

    // Milestones: first PR merged after a delay, faster for mentees.
    let mut m = w("milestones.csv")?;
    writeln!(m, "Employee ID,Milestone,Date")?;
    for p in 0..people {
        if hire[p] < NaiveDate::from_ymd_opt(2024, 1, 1).expect("date") {
            continue;
        }
        let median: f64 = if mentee[p] { 45.0 } else { 75.0 };
        let delay = (median * (rng.random_range(-0.6f64..0.6)).exp()) as i64;
        let d = hire[p] + Duration::days(delay);
        if d <= horizon && exit[p].is_none_or(|e| d <= e) {
            writeln!(m, "P{p:06},First PR merged,{d}")?;
        }
    }
    m.flush()?;

    // Weekly team metrics for two years.
    let mut t = w("team-metrics.csv")?;
    writeln!(t, "Team,Week Start,Deployments,Incidents,MTTR (hours)")?;
    let mut week = NaiveDate::from_ymd_opt(2024, 7, 1).expect("date");
    while week <= horizon {
        let after = week >= launch;
        for team in 0..teams {
            let deploys: u32 = rng.random_range(4..12) + u32::from(after && rng.random_bool(0.6));
            let p_fail = if after { 0.10 } else { 0.15 };
            let incidents = (0..deploys).filter(|_| rng.random_bool(p_fail)).count();
            let mttr = if incidents > 0 {
                format!(
                    "{:.1}",
                    rng.random_range(1.0..8.0) * if after { 0.8 } else { 1.0 }
                )
            } else {
                String::new()
            };
            writeln!(t, "Team {team},{week},{deploys},{incidents},{mttr}")?;
        }
        week += Duration::weeks(1);
    }
    t.flush()?;
    Ok(())
}
