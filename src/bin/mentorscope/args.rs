//! The command line's arguments: the commands, the analysis options they
//! share, and the review pack's. Clap reads the doc comments as `--help`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use mentorscope::analysis::{AnalysisOptions, Split};
use mentorscope::ingest::Kind;

#[derive(Parser)]
#[command(
    name = "mentorscope",
    version,
    about = "Turn a mentorship program's exports into evidence for leadership."
)]
pub(crate) struct Cli {
    /// Program database (default: the same one the desktop app opens).
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) db: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
pub(crate) struct AnalyzeArgs {
    /// Program launch date (default: the earliest pairing start).
    #[arg(long, value_name = "DATE")]
    pub(crate) launch: Option<NaiveDate>,
    /// The day to look from (default: the latest date in the data).
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<NaiveDate>,
    /// Survey wave to use as "before" (default: the earliest).
    #[arg(long, value_name = "WAVE")]
    pub(crate) before: Option<String>,
    /// Survey wave to use as "after" (default: the latest).
    #[arg(long, value_name = "WAVE")]
    pub(crate) after: Option<String>,
    /// Skill-assessment wave to use as "before" (default: the earliest).
    #[arg(long, value_name = "WAVE")]
    pub(crate) skill_before: Option<String>,
    /// Skill-assessment wave to use as "after" (default: the latest).
    #[arg(long, value_name = "WAVE")]
    pub(crate) skill_after: Option<String>,
    /// Survey results over fewer respondents than this are suppressed.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub(crate) min_group: usize,
    /// Comments (free-text answers) are analysed or quoted only for groups
    /// of at least this many people who wrote one (never below --min-group).
    #[arg(long, value_name = "N", default_value_t = mentorscope::disclosure::DEFAULT_K_COMMENTS)]
    pub(crate) min_comments: usize,
    #[arg(long)]
    pub(crate) cohort: Option<String>,
    #[arg(long)]
    pub(crate) team: Option<String>,
    #[arg(long)]
    pub(crate) level: Option<String>,
    /// Only meetings, survey responses and team-weeks from this day on.
    #[arg(long, value_name = "DATE")]
    pub(crate) from: Option<NaiveDate>,
    /// … up to and including this day.
    #[arg(long, value_name = "DATE")]
    pub(crate) to: Option<NaiveDate>,
    /// Milestone that marks "ramped up" (default: the most frequent).
    #[arg(long, value_name = "KIND")]
    pub(crate) milestone: Option<String>,
    /// Split ramp-up and retention by `mentored` or `hired-after-launch`.
    #[arg(long, value_enum, default_value = "mentored")]
    pub(crate) split: SplitArg,
}

#[derive(clap::Args, Clone)]
pub(crate) struct PackArgs {
    /// The program's skill areas, separated by `;` or `,`, for topic coverage
    /// (default: the topics found in the meeting logs).
    #[arg(long, value_name = "LIST")]
    pub(crate) skill_areas: Option<String>,
    /// Program name for the report's cover (default: "Mentorship program").
    #[arg(long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Replace people's names with stable pseudonyms (for packs sent beyond the program team).
    #[arg(long)]
    pub(crate) redact_names: bool,
}

#[derive(clap::ValueEnum, Clone, Copy)]
pub(crate) enum SplitArg {
    Mentored,
    HiredAfterLaunch,
}

impl AnalyzeArgs {
    pub(crate) fn options(&self) -> AnalysisOptions {
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

pub(crate) fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        format!("unknown kind `{s}`; use one of roster, pairings, meetings, survey, milestones, team_metrics")
    })
}
