//! What the command line prints for people: an import's report with its
//! problems, the analysis summary, and the review pack it wrote.

use std::process::ExitCode;

use chrono::NaiveDate;
use mentorscope::analysis::Analysis;
use mentorscope::ingest::{self, ImportReport, Severity};
use mentorscope::{report, Error, Store};

pub(crate) fn problem_line(p: &ingest::Problem) -> String {
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

pub(crate) fn print_report(r: &ImportReport) {
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

pub(crate) fn print_analysis(a: &Analysis) {
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

pub(crate) fn write_pack(
    store: &Store,
    opts: &report::ReportOptions,
    out: &std::path::Path,
) -> Result<ExitCode, Error> {
    let pack = report::build(store, opts)?;
    let written = mentorscope::timing::timed("report: write files", || pack.write_to(out))?;
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
