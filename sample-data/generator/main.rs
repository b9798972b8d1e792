//! Deterministic synthetic-data generator for Mentorscope's sample data set: it writes the
//! nine CSV exports a mentorship-program manager would collect (HR roster, mentoring pairings
//! with their program format, calendar meetings, four survey waves from four survey tools —
//! Qualtrics, Google Forms, Microsoft Forms, SurveyMonkey — ramp-up milestones and weekly team
//! delivery metrics) with their real-world quirks (BOM, CRLF, US and day-first dates, decimal
//! commas, Windows-1252, multi-row headers), plants known effects for the analysis to find —
//! including a selection effect (mentees are more junior, and juniors ramp slower and leave
//! more) under a smaller real program effect — and writes a README.md with the truth figures
//! measured on the generated rows. Every random draw comes from a `ChaCha8Rng` stream seeded
//! from one `u64`, each part of the data on its own stream, so a seed always gives
//! byte-identical files. All people are invented from small name lists; no real person appears.
//!
//! Usage: `generate [--people N] [--seed S] [--out DIR]` (defaults: 300, 20240101,
//! `sample-data`). In the Mentorscope repo it is the example `generate-sample`:
//! `cargo run --release --example generate-sample -- --out sample-data`.

mod activity;
mod delivery;
mod model;
mod people;
mod readme;
mod report;
mod skills;
mod surveys;
mod util;
mod vocab;
mod write;

use std::path::PathBuf;
use std::{env, fs, process};

use model::{Wave, World};
use util::{to_windows_1252, to_windows_1252_lossy, Res};

fn generate(seed: u64, n: usize) -> World {
    let mut people = people::gen_people(seed, n);
    people::gen_prelaunch_terminations(seed, &mut people);
    people::gen_mentees(seed, &mut people);
    people::gen_terminations(seed, &mut people);
    people::gen_formats(seed, &mut people);
    let mut pairings = people::gen_pairings(seed, &people);
    let meetings = activity::gen_meetings(seed, &people, &mut pairings);
    let milestones = activity::gen_milestones(seed, &people);
    let surveys = surveys::gen_surveys(seed, &mut people);
    let weeks = delivery::gen_team_weeks(seed);
    World {
        people,
        pairings,
        meetings,
        milestones,
        surveys,
        weeks,
    }
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
    let roster_rows = write::roster_rows(&w);
    roster.extend(write::csv_bytes(&roster_rows, b',', crlf)?);
    let pairing_rows = write::pairing_rows(cfg.seed, &w);
    let meeting_rows = write::meeting_rows(&w);
    let pre_rows = write::pre_rows(cfg.seed, &w);
    let three_rows = write::three_month_rows(&w);
    let twelve_rows = write::twelve_month_rows(cfg.seed, &w);
    let post_rows = write::post_rows(cfg.seed, &w);
    let milestone_rows = write::milestone_rows(&w);
    let team_rows = write::team_rows(&w);
    let skill_rows = skills::skill_rows(cfg.seed, &w);
    let team_utf8 = String::from_utf8(write::csv_bytes(&team_rows, b';', crlf)?)?;
    let twelve_utf8 = String::from_utf8(write::csv_bytes(&twelve_rows, b',', crlf)?)?;

    let files: Vec<(&str, Vec<u8>, usize)> = vec![
        ("roster.csv", roster, roster_rows.len() - 1),
        (
            "pairings.csv",
            write::csv_bytes(&pairing_rows, b',', lf)?,
            pairing_rows.len() - 1,
        ),
        (
            "meetings.csv",
            write::csv_bytes(&meeting_rows, b',', lf)?,
            meeting_rows.len() - 1,
        ),
        (
            Wave::Pre.file(),
            write::csv_bytes(&pre_rows, b',', crlf)?,
            pre_rows.len() - 3,
        ),
        (
            Wave::ThreeMonth.file(),
            write::csv_bytes(&three_rows, b',', crlf)?,
            three_rows.len() - 1,
        ),
        (
            Wave::TwelveMonth.file(),
            to_windows_1252_lossy(&twelve_utf8),
            twelve_rows.len() - 1,
        ),
        (
            Wave::Post.file(),
            write::csv_bytes(&post_rows, b',', lf)?,
            post_rows.len() - 2,
        ),
        (
            "milestones.csv",
            write::csv_bytes(&milestone_rows, b',', lf)?,
            milestone_rows.len() - 1,
        ),
        (
            "team-metrics.csv",
            to_windows_1252(&team_utf8)?,
            team_rows.len() - 1,
        ),
        (
            "skills.csv",
            write::csv_bytes(&skill_rows, b',', lf)?,
            skill_rows.len() - 1,
        ),
    ];
    fs::create_dir_all(&cfg.out)?;
    for (name, bytes, _) in &files {
        fs::write(cfg.out.join(name), bytes)?;
    }
    let counts: Vec<(&str, usize)> = files.iter().map(|(n, _, c)| (*n, *c)).collect();
    let truth = report::report(&w, cfg.seed, &counts);
    fs::write(cfg.out.join("README.md"), readme::readme(&truth))?;
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
