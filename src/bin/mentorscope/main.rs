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

use clap::Parser;
use mentorscope::analysis;
use mentorscope::ingest::{self, ImportOptions, Mapping};
use mentorscope::{api, report, Error, Store};

mod args;
mod print;

use args::{Cli, Command};
use print::{print_analysis, print_report, problem_line, write_pack};

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
