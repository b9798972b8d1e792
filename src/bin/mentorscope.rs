//! The `mentorscope` command line: a thin front door over the library.
//! It parses arguments, calls the library, and prints either a readable
//! report or JSON. Errors go to stderr as sentences, with a non-zero exit;
//! it never panics on user input.

// A million small allocations come and go in an analysis or an import;
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use mentorscope::analysis::{self, Analysis, AnalysisOptions, Split};
use mentorscope::ingest::{self, ImportOptions, ImportReport, Kind, Mapping, Severity};
use mentorscope::{api, report, Error, Store};

#[derive(Parser)]
#[command(
    name = "mentorscope",
    version,
    about = "Turn a mentorship program's exports into evidence for leadership."
)]
struct Cli {
    /// Program database (default: the same one the desktop app opens).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import exports: CSV, workbooks (.xlsx .xlsm .xlsb .xls .ods), attendance reports, calendars.
    Import {
        /// The kind of every file (default: recognised from the headers).
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        /// Survey wave, e.g. pre, post, 6-month (default: guessed from the file name).
        #[arg(long)]
        wave: Option<String>,
        /// A saved column mapping (JSON) to use.
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// Write the mapping used for the (single) file to FILE, to reuse next time.
        #[arg(long, value_name = "FILE")]
        save_mapping: Option<PathBuf>,
        /// Check the files and report, but write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The one sheet of a workbook to import (default: every sheet whose headers are recognised).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Expand recurring calendar meetings up to this day (default: the latest date in the program, else today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// What the database holds, and the import history.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Remove one import and everything it added.
    Undo {
        #[arg(value_name = "IMPORT_ID")]
        import_id: i64,
    },
    /// Compare before and after: satisfaction, ramp-up, retention, delivery, engagement.
    Analyze {
        #[command(flatten)]
        args: AnalyzeArgs,
        /// Print the METRICS.md JSON contract instead of the summary.
        #[arg(long)]
        json: bool,
    },
    /// Match the unmatched meetings of attendance reports and calendars again, after fixing the roster or pairings.
    Rematch {
        #[arg(long)]
        json: bool,
    },
    /// List the problems recorded for one import.
    Problems {
        #[arg(value_name = "IMPORT_ID")]
        import_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Write the review pack: every chart as SVG and PNG, an HTML report, a PDF, slides (PPTX) and a workbook (XLSX).
    Report {
        /// Folder to write the pack into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        args: AnalyzeArgs,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// Which filter values (cohort, team, level) can show survey figures, and why not.
    Filters {
        #[command(flatten)]
        args: AnalyzeArgs,
        #[arg(long)]
        json: bool,
    },
    /// The survey items and their marks; mark one reverse-coded, or declare the scale of a numeric item.
    Items {
        /// The item to change, by its text as the survey asked it (case and spacing aside).
        #[arg(long)]
        item: Option<String>,
        /// Mark the item reverse-coded: its answers are flipped (6 − x on the 1–5 scale).
        #[arg(long, requires = "item", conflicts_with = "not_reverse")]
        reverse: bool,
        /// Take the reverse-coded mark off.
        #[arg(long, requires = "item")]
        not_reverse: bool,
        /// Declare the scale of an item answered with numbers (1-5, 1-7, 0-10): it then counts in the composite.
        #[arg(
            long,
            requires = "item",
            conflicts_with = "no_scale",
            value_name = "MIN-MAX"
        )]
        scale: Option<String>,
        /// Withdraw a declared scale (the item leaves the composite).
        #[arg(long, requires = "item")]
        no_scale: bool,
        #[arg(long)]
        json: bool,
    },
    /// Import the bundled sample program into a throwaway database and write its review pack.
    Demo {
        /// Folder to write the pack into.
        #[arg(long, value_name = "DIR", default_value = "mentorscope-review-pack")]
        out: PathBuf,
    },
    /// Write a ready-to-fill sheet: `template skills --framework NAME --out FILE.csv|.xlsx`.
    Template {
        /// What the sheet is for (`skills`).
        #[arg(value_name = "WHAT")]
        what: String,
        /// `senior-backend`, `mentoring-craft` or `interview-calibration`.
        #[arg(long)]
        framework: String,
        /// The file to write (`.xlsx` for a workbook with a rating legend, else CSV).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The wave to put on every row.
        #[arg(long, default_value = "pre")]
        wave: String,
        /// The rater to put on every row (`self`, `mentor`, `manager`).
        #[arg(long, default_value = "self")]
        rater: String,
        /// One row per person and area (Skill area, Rating) instead of a column per area.
        #[arg(long)]
        long: bool,
    },
    /// Version, licence, the program database, and the open-source packages inside with their licences.
    About {
        /// Print every third-party licence text in full.
        #[arg(long)]
        licences: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args, Clone)]
struct AnalyzeArgs {
    /// Program launch date (default: the earliest pairing start).
    #[arg(long, value_name = "DATE")]
    launch: Option<NaiveDate>,
    /// The day to look from (default: the latest date in the data).
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Survey wave to use as "before" (default: the earliest).
    #[arg(long, value_name = "WAVE")]
    before: Option<String>,
    /// Survey wave to use as "after" (default: the latest).
    #[arg(long, value_name = "WAVE")]
    after: Option<String>,
    /// Skill-assessment wave to use as "before" (default: the earliest).
    #[arg(long, value_name = "WAVE")]
    skill_before: Option<String>,
    /// Skill-assessment wave to use as "after" (default: the latest).
    #[arg(long, value_name = "WAVE")]
    skill_after: Option<String>,
    /// Survey results over fewer respondents than this are suppressed.
    #[arg(long, value_name = "N", default_value_t = 5)]
    min_group: usize,
    /// Comments (free-text answers) are analysed or quoted only for groups
    /// of at least this many people who wrote one (never below --min-group).
    #[arg(long, value_name = "N", default_value_t = mentorscope::disclosure::DEFAULT_K_COMMENTS)]
    min_comments: usize,
    #[arg(long)]
    cohort: Option<String>,
    #[arg(long)]
    team: Option<String>,
    #[arg(long)]
    level: Option<String>,
    /// Only meetings, survey responses and team-weeks from this day on.
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// … up to and including this day.
    #[arg(long, value_name = "DATE")]
    to: Option<NaiveDate>,
    /// Milestone that marks "ramped up" (default: the most frequent).
    #[arg(long, value_name = "KIND")]
    milestone: Option<String>,
    /// Split ramp-up and retention by `mentored` or `hired-after-launch`.
    #[arg(long, value_enum, default_value = "mentored")]
    split: SplitArg,
}

#[derive(clap::Args, Clone)]
struct PackArgs {
    /// The program's skill areas, separated by `;` or `,`, for topic coverage
    /// (default: the topics found in the meeting logs).
    #[arg(long, value_name = "LIST")]
    skill_areas: Option<String>,
    /// Program name for the report's cover (default: "Mentorship program").
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Replace people's names with stable pseudonyms (for packs sent beyond the program team).
    #[arg(long)]
    redact_names: bool,
}

#[derive(clap::ValueEnum, Clone, Copy)]
enum SplitArg {
    Mentored,
    HiredAfterLaunch,
}

impl AnalyzeArgs {
    fn options(&self) -> AnalysisOptions {
        AnalysisOptions {
            launch: self.launch,
            as_of: self.as_of,
            before_wave: self.before.clone(),
            after_wave: self.after.clone(),
            skill_before_wave: self.skill_before.clone(),
            skill_after_wave: self.skill_after.clone(),
            min_group_size: self.min_group,
            min_comments: self.min_comments,
            cohort: self.cohort.clone(),
            team: self.team.clone(),
            level: self.level.clone(),
            date_from: self.from,
            date_to: self.to,
            milestone_kind: self.milestone.clone(),
            split: match self.split {
                SplitArg::Mentored => Split::Mentored,
                SplitArg::HiredAfterLaunch => Split::HiredAfterLaunch,
            },
            disclosure: Default::default(),
        }
    }
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        format!("unknown kind `{s}`; use one of roster, pairings, meetings, survey, milestones, team_metrics")
    })
}

fn main() -> ExitCode {
    quiet_broken_pipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mentorscope: {e}");
            ExitCode::from(2)
        }
    }
}

/// `mentorscope status --json | head` must end quietly when `head` stops
/// reading, as other command-line tools do, not panic in `println!`. Rust
/// ignores SIGPIPE by default; restoring the default action ends the process
/// on a closed pipe. Only output is cut short: every import is committed (or
/// rolled back) before its report is printed.
fn quiet_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists;
    // SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn open(db: Option<PathBuf>) -> Result<Store, Error> {
    let path = match db {
        Some(p) => p,
        None => mentorscope::default_db_path()?,
    };
    Store::open(&path)
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Template {
            what,
            framework,
            out,
            wave,
            rater,
            long,
        } => {
            if what != "skills" {
                return Err(Error::InvalidArgument(format!(
                    "there is no template for “{what}”; the one there is: skills"
                )));
            }
            let store = open(cli.db)?;
            let f = mentorscope::skills::frameworks::find(&framework)?;
            let opts = mentorscope::skills::template::TemplateOptions { wave, rater, long };
            let n = mentorscope::skills::template::write(&store, &f, &opts, &out)?;
            println!(
                "Wrote {} ({} {}, {} areas of {}). Fill in a rating per area, then import it.",
                out.display(),
                n,
                if long { "rows" } else { "people" },
                f.areas.len(),
                f.title
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::About { licences, json } => {
            // Names the database without opening (or creating) it.
            let db = match cli.db {
                Some(p) => p,
                None => mentorscope::default_db_path()?,
            };
            let a = mentorscope::api::about_view(Some(&db));
            if json {
                println!("{}", serde_json::to_string_pretty(&a).unwrap_or_default());
            } else if licences {
                print!("{}", mentorscope::about::THIRD_PARTY_TEXT);
            } else {
                println!("{} {} ({})", a.name, a.version, a.platform);
                println!("Licence: {}", a.licence);
                println!("Program database: {}", db.display());
                println!(
                    "Built from {} open-source packages under {} licences:",
                    a.third_party_packages,
                    a.third_party.len()
                );
                for g in &a.third_party {
                    println!("  {:>4}  {}", g.packages.len(), g.name);
                }
                println!("`mentorscope about --licences` prints every licence in full.");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            kind,
            wave,
            mapping,
            save_mapping,
            dry_run,
            sheet,
            as_of,
            json,
            files,
        } => {
            let mapping = match mapping {
                Some(p) => {
                    let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
                    Some(serde_json::from_str::<Mapping>(&text).map_err(|e| {
                        Error::InvalidArgument(format!(
                            "{}: not a valid mapping file: {e}",
                            p.display()
                        ))
                    })?)
                }
                None => None,
            };
            if save_mapping.is_some() && files.len() != 1 {
                return Err(Error::InvalidArgument(
                    "--save-mapping works with one file at a time".into(),
                ));
            }
            let opts = ImportOptions {
                kind,
                wave,
                mapping,
                dry_run,
                sheet,
                as_of,
            };
            let mut store = open(cli.db)?;
            // With `MENTORSCOPE_PROGRESS` set, each progress step goes to
            // stderr as `progress <fraction> <file>`: written from inside
            // the file's transaction, so a script (and the kill tests) can
            // see an import under way. File names only, never row contents.
            let show_progress = std::env::var_os("MENTORSCOPE_PROGRESS").is_some();
            let results =
                ingest::import_files_with_progress(&mut store, &files, &opts, &mut |p, f| {
                    if show_progress {
                        eprintln!("progress {f:.4} {}", p.display());
                    }
                });
            let mut failed = false;
            let mut json_out = Vec::new();
            for (path, result) in results {
                match result {
                    Ok(report) => {
                        if json {
                            json_out.push(serde_json::to_value(&report).unwrap_or_default());
                        } else {
                            print_report(&report);
                        }
                    }
                    Err(e) => {
                        failed = true;
                        if json {
                            json_out.push(serde_json::json!({
                                "file": path.display().to_string(),
                                "error": mentorscope::error::UiError::from(&e),
                            }));
                        } else {
                            // Database errors (a full disk) do not carry the
                            // file; with several files the user must know which.
                            let msg = e.to_string();
                            let name = path.display().to_string();
                            let shown = if msg.contains(&name) {
                                msg
                            } else {
                                format!("{name}: {msg}")
                            };
                            eprintln!("✗ {shown}\n  Nothing was imported from this file.\n");
                        }
                    }
                }
            }
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&json_out).unwrap_or_default()
                );
            }
            if let Some(out) = save_mapping {
                let m = ingest::mapping_with_marks(&store, &files[0], &opts)?;
                let text = serde_json::to_string_pretty(&m).unwrap_or_default();
                std::fs::write(&out, text).map_err(|e| Error::io(&out, e))?;
                if !json {
                    println!("Saved the column mapping to {}", out.display());
                }
            }
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Status { json } => {
            let store = open(cli.db)?;
            let s = store.status()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
            } else {
                println!("People           {}", s.people);
                println!("Pairings         {}", s.pairings);
                println!("Meetings         {}", s.meetings);
                if s.unmatched_meetings > 0 {
                    println!(
                        "Unmatched        {} meetings matched no pairing (fix the roster or pairings, then `mentorscope rematch`)",
                        s.unmatched_meetings
                    );
                }
                println!(
                    "Survey responses {} (waves: {})",
                    s.survey_responses,
                    if s.survey_waves.is_empty() {
                        "none".into()
                    } else {
                        s.survey_waves.join(", ")
                    }
                );
                println!("Milestones       {}", s.milestones);
                println!("Team-weeks       {}", s.team_metric_rows);
                println!();
                if s.imports.is_empty() {
                    println!(
                        "No imports yet. Start with: mentorscope import roster.csv pairings.csv …"
                    );
                } else {
                    println!("Imports:");
                    for i in &s.imports {
                        println!(
                            "  #{:<4} {}  {:<12} {:>7} rows imported, {} skipped  {}{}",
                            i.id,
                            i.imported_at,
                            i.kind,
                            i.rows_imported,
                            i.rows_skipped,
                            i.file_name,
                            i.sheet
                                .as_ref()
                                .map(|s| format!(" (sheet {s})"))
                                .unwrap_or_default()
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Undo { import_id } => {
            let mut store = open(cli.db)?;
            let r = store.undo(import_id)?;
            println!(
                "Removed import #{} ({}, {} rows).",
                r.id, r.file_name, r.rows_imported
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze { args, json } => {
            let store = open(cli.db)?;
            let a = analysis::analyze(&store, &args.options())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&a).unwrap_or_default());
            } else {
                print_analysis(&a);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { out, args, pack } => {
            let store = open(cli.db)?;
            let opts = report::ReportOptions {
                analysis: args.options(),
                skill_areas: pack.skill_areas.as_deref().map(report::parse_skill_areas),
                program_name: pack.name,
                redact_names: pack.redact_names,
            };
            write_pack(&store, &opts, &out)
        }
        Command::Demo { out } => {
            let mut store = Store::open_in_memory()?;
            mentorscope::sample::import_into(&mut store)?;
            let opts = report::ReportOptions {
                program_name: Some("Sample mentorship program (synthetic)".into()),
                ..Default::default()
            };
            write_pack(&store, &opts, &out)
        }
        Command::Filters { args, json } => {
            let store = open(cli.db)?;
            let data = analysis::frames::ProgramData::load(&store)?;
            let values = analysis::filter_values(&data, &args.options())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&values).unwrap_or_default()
                );
            } else {
                for v in &values {
                    match &v.reason {
                        None => println!("  {:<7} {}", v.dimension, v.value),
                        Some(why) => println!(
                            "  {:<7} {}  (survey figures hidden: {why})",
                            v.dimension, v.value
                        ),
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Items {
            item,
            reverse,
            not_reverse,
            scale,
            no_scale,
            json,
        } => {
            let mut store = open(cli.db)?;
            if let Some(text) = item {
                let req = api::ItemMarkRequest {
                    text,
                    reverse: (reverse || not_reverse).then_some(reverse),
                    scale: if no_scale { Some(String::new()) } else { scale },
                };
                if req.reverse.is_none() && req.scale.is_none() {
                    return Err(Error::InvalidArgument(
                        "say what to change: --reverse, --not-reverse, --scale MIN-MAX or --no-scale".into(),
                    ));
                }
                let changed = api::mark_item(&mut store, &req)?;
                if json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&changed).unwrap_or_default()
                    );
                } else {
                    print!("{}", api::items_text(std::slice::from_ref(&changed)));
                }
                return Ok(ExitCode::SUCCESS);
            }
            let items = api::survey_items(&store)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&items).unwrap_or_default()
                );
            } else {
                print!("{}", api::items_text(&items));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rematch { json } => {
            let mut store = open(cli.db)?;
            let r = ingest::meetups::rematch(&mut store)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
            } else {
                println!(
                    "{} unmatched meetings looked at: {} now match a pairing ({} meetings added), {} still unmatched.",
                    r.looked_at, r.matched, r.meetings_added, r.still_unmatched
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Problems { import_id, json } => {
            let store = open(cli.db)?;
            store.import(import_id)?;
            let problems = store.problems(import_id)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&problems).unwrap_or_default()
                );
            } else if problems.is_empty() {
                println!("Import #{import_id} had no problems.");
            } else {
                for p in &problems {
                    println!("{}", problem_line(p));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn problem_line(p: &ingest::Problem) -> String {
    let mut s = String::from("  ");
    if let Some(place) = &p.place {
        // A workbook: the cell as Excel names it, and the row number.
        s.push_str(place);
        if let Some(c) = &p.column {
            s.push_str(&format!(" ({c})"));
        }
        s.push_str(": ");
        s.push_str(&p.reason);
        if p.severity == Severity::Skipped {
            s.push_str(" [row skipped]");
        }
        return s;
    }
    match (p.line, &p.column) {
        (Some(l), Some(c)) => s.push_str(&format!("line {l}, column {c}: ")),
        (Some(l), None) => s.push_str(&format!("line {l}: ")),
        (None, Some(c)) => s.push_str(&format!("column {c}: ")),
        (None, None) => {}
    }
    s.push_str(&p.reason);
    if p.severity == Severity::Skipped {
        s.push_str(" [row skipped]");
    }
    s
}

const SHOWN_PROBLEMS: usize = 20;

fn print_report(r: &ImportReport) {
    let wave = r
        .wave
        .as_ref()
        .map(|w| format!(", wave {w}"))
        .unwrap_or_default();
    let sheet = r
        .sheet
        .as_ref()
        .map(|s| format!(", sheet “{s}”"))
        .unwrap_or_default();
    println!(
        "✓ {}{sheet} — {} ({}, {}, {}{})",
        r.file,
        r.kind.as_str(),
        r.shape_label,
        r.encoding,
        r.delimiter,
        wave
    );
    // The other sheets once, with the first sheet's report.
    if r.sheets
        .iter()
        .find(|n| n.skipped_because.is_none())
        .map(|n| &n.sheet)
        == r.sheet.as_ref()
    {
        for n in &r.sheets {
            if let Some(why) = &n.skipped_because {
                println!("  Sheet “{}” skipped: {why}", n.sheet);
            }
        }
    }
    if let Some(prev) = r.already_imported_as {
        println!("  Already imported as #{prev}; nothing changed.\n");
        return;
    }
    let verb = if r.dry_run {
        "would be imported"
    } else {
        "imported"
    };
    if r.source.is_some() {
        println!(
            "  {} meetings: {} matched to pairings{}, {} matched no pairing (kept as unmatched), {} already in the database{}",
            r.rows_total,
            r.rows_imported,
            if r.dry_run { " (dry run)" } else { "" },
            r.rows_unmatched,
            r.rows_duplicate,
            r.import_id
                .map(|i| format!(" (import #{i})"))
                .unwrap_or_default()
        );
    } else {
        println!(
            "  {} rows: {} {verb}, {} skipped, {} already in the database{}",
            r.rows_total,
            r.rows_imported,
            r.rows_skipped,
            r.rows_duplicate,
            r.import_id
                .map(|i| format!(" (import #{i})"))
                .unwrap_or_default()
        );
    }
    if let Some(n) = &r.rematched_note {
        println!("  Unmatched meetings: {n}.");
    }
    if r.dry_run {
        println!("  Dry run: nothing was written.");
    }
    for p in r.problems.iter().take(SHOWN_PROBLEMS) {
        println!("{}", problem_line(p));
    }
    let total = usize::try_from(r.problems_total).unwrap_or(usize::MAX);
    if total > SHOWN_PROBLEMS {
        println!(
            "  … and {} more problems{}",
            mentorscope::analysis::thousands(total - SHOWN_PROBLEMS),
            r.import_id
                .map(|i| format!(": see `mentorscope problems {i}`"))
                .unwrap_or_default()
        );
    }
    println!();
}

fn print_analysis(a: &Analysis) {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    println!(
        "Program as of {} (launch {}); survey groups under {} are suppressed.\n",
        date(a.as_of),
        date(a.launch),
        a.min_group_size
    );
    let sections = [
        ("Satisfaction", &a.verdicts.survey),
        ("Ramp-up", &a.verdicts.ramp_up),
        ("Retention", &a.verdicts.retention),
        ("Delivery", &a.verdicts.delivery),
        ("Engagement", &a.verdicts.engagement),
    ];
    for (title, v) in sections {
        let Some(v) = v else { continue };
        println!("{title}\n  {}", v.headline);
        for c in &v.caveats {
            println!("  · {c}");
        }
        println!();
    }
    println!("{}", report::plain::tables(a));
    let comments = report::comments::plain(&a.comments);
    if !comments.is_empty() {
        println!("{comments}");
    }
    if !a.data_quality.notes.is_empty() {
        println!("Data quality");
        for n in &a.data_quality.notes {
            println!("  · {n}");
        }
    }
    if !a.suppressions.is_empty() {
        println!(
            "\nHidden to protect respondents (minimum group size {}): {} survey or skill figures; `analyze --json` lists where and why.",
            a.min_group_size,
            a.suppressions.len()
        );
    }
}

fn write_pack(
    store: &Store,
    opts: &report::ReportOptions,
    out: &std::path::Path,
) -> Result<ExitCode, Error> {
    let pack = report::build(store, opts)?;
    let written = pack.write_to(out)?;
    println!(
        "Wrote the review pack ({} files) to {}",
        written.len(),
        out.display()
    );
    println!(
        "  Open {} to read it.",
        out.join(report::HTML_FILE).display()
    );
    println!(
        "  Slides: {}; the numbers for an analyst: {}",
        out.join(report::PPTX_FILE).display(),
        out.join(report::XLSX_FILE).display()
    );
    Ok(ExitCode::SUCCESS)
}
