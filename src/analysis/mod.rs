//! The before/after comparisons of METRICS.md (M1–M5), computed with Polars
//! over frames built from the store, tested with `stats`, and turned into
//! plain result structs that serialise to the `analyze --json` contract,
//! each with a verdict in words a program manager can repeat.
//!
//! Definitions live in `docs/METRICS.md`; where this module makes a choice
//! the document leaves open, the comment says which and why. It never reads
//! files and never renders anything.
//!
//! One module per comparison (`survey`, `ramp_up`, `retention`, `delivery`,
//! `engagement`), so a reader finds any number's code by its name; `scope`
//! holds what the filters let in, `population` who enters M2/M3, `quality`
//! the data-quality notes, `verdict` the sentences.

mod adjusted;
mod cohorts;
pub mod comments;
mod delivery;
mod engagement;
mod filters;
pub mod frames;
mod population;
mod privacy;
mod quality;
mod ramp_up;
mod retention;
pub(crate) mod scope;
pub(crate) use scope::Scope;
pub(crate) mod skills;
mod survey;
mod trends;
mod verdict;

pub use adjusted::{
    AdjustedDifference, AdjustedHazard, Change, InterruptedTimeSeries, UnadjustedHazard,
};
pub use cohorts::CohortRow;
pub use delivery::{Delivery, DeliverySide, WeeklyDelivery};
pub use engagement::{Engagement, MonthCount, QuietPair};
pub use filters::{filter_values, FilterValue};
pub use quality::DataQuality;
pub use ramp_up::{RampUp, SurvivalGroup};
pub use retention::{Retention, RetentionGroup};
pub use skills::{wave_order as skill_wave_order, SkillRating, SkillRow};
pub use survey::{Enps, ItemDistribution, ItemMeans, ItemTest, SurveyPaired, SurveyUnpaired};
pub use trends::WaveSummary;
pub use verdict::thousands;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::Store;
use frames::{day_number, from_day_number, ProgramData};

/// How people are split into the two groups of M2 and M3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// Mentees of at least one pairing vs everyone else.
    #[default]
    Mentored,
    /// Hired before the launch date vs on or after it.
    HiredAfterLaunch,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct AnalysisOptions {
    pub launch: Option<NaiveDate>,
    pub as_of: Option<NaiveDate>,
    pub before_wave: Option<String>,
    pub after_wave: Option<String>,
    /// Skill-assessment waves to compare (M8); default the first and the
    /// last in time order.
    #[serde(default)]
    pub skill_before_wave: Option<String>,
    #[serde(default)]
    pub skill_after_wave: Option<String>,
    pub min_group_size: usize,
    pub cohort: Option<String>,
    pub team: Option<String>,
    pub level: Option<String>,
    /// Meetings, survey responses and team-weeks from this day on.
    pub date_from: Option<NaiveDate>,
    /// … up to and including this day.
    pub date_to: Option<NaiveDate>,
    pub milestone_kind: Option<String>,
    pub split: Split,
    /// The comment threshold of M9 (k_comments): a group's comments are
    /// analysed or quoted only when at least this many people wrote one.
    /// Never below the minimum group size.
    #[serde(default = "default_min_comments")]
    pub min_comments: usize,
    /// Disclosure control's rules, all on. Only tests of the statistics
    /// (which compare raw figures with SciPy) and of the rules themselves
    /// (which show that switching one off lets a reader recover answers)
    /// turn any off; no front door can.
    #[doc(hidden)]
    #[serde(skip)]
    pub disclosure: crate::disclosure::Switches,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            launch: None,
            as_of: None,
            before_wave: None,
            after_wave: None,
            skill_before_wave: None,
            skill_after_wave: None,
            min_group_size: 5,
            cohort: None,
            team: None,
            level: None,
            date_from: None,
            date_to: None,
            milestone_kind: None,
            split: Split::Mentored,
            min_comments: default_min_comments(),
            disclosure: Default::default(),
        }
    }
}

fn default_min_comments() -> usize {
    crate::disclosure::DEFAULT_K_COMMENTS
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Verdict {
    /// `improved`, `worsened`, `no_clear_difference`, `too_few`, `no_data`.
    pub outcome: String,
    pub headline: String,
    pub caveats: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Verdicts {
    pub survey: Option<Verdict>,
    pub ramp_up: Option<Verdict>,
    pub retention: Option<Verdict>,
    pub delivery: Option<Verdict>,
    pub engagement: Option<Verdict>,
}

/// The whole `analyze --json` object (METRICS.md), plus extra keys.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Analysis {
    pub as_of: Option<NaiveDate>,
    pub launch: Option<NaiveDate>,
    pub min_group_size: usize,
    pub survey_unpaired: SurveyUnpaired,
    pub survey_paired: SurveyPaired,
    pub item_means: ItemMeans,
    pub item_distributions: Vec<ItemDistribution>,
    pub enps: Enps,
    pub ramp_up: RampUp,
    pub retention: Retention,
    pub delivery: Delivery,
    pub engagement: Engagement,
    pub data_quality: DataQuality,
    pub verdicts: Verdicts,
    /// Per-item before/after tests with Holm-adjusted p (M6).
    pub item_tests: Vec<ItemTest>,
    /// Every survey wave in time order (M7).
    pub waves: Vec<WaveSummary>,
    /// Cohort over cohort (M7), and the Kruskal–Wallis p of the after-wave
    /// composite across the cohorts shown.
    pub cohorts: Vec<CohortRow>,
    pub cohorts_kruskal_p: Option<f64>,
    /// The same by program format, when the pairings carry one.
    pub formats: Option<Vec<CohortRow>>,
    pub formats_kruskal_p: Option<f64>,
    /// What people wrote (M9).
    pub comments: comments::Comments,
    /// Every survey figure hidden by disclosure control, where and why.
    pub suppressions: Vec<crate::disclosure::Suppression>,
    /// Skill growth per area and rater (M8).
    pub skills: Vec<SkillRow>,
}

impl Analysis {
    /// Whether the item figures were withheld because a filter is on: they
    /// are published for the whole program only (docs/PRIVACY.md rule 5),
    /// and the views and charts say so rather than "too few answers".
    pub fn items_whole_program_only(&self) -> bool {
        self.suppressions
            .iter()
            .any(|s| s.rule == crate::disclosure::Rule::WholeProgramOnly)
    }
}

use crate::timing::timed;

/// Runs every comparison.
pub fn analyze(store: &Store, opts: &AnalysisOptions) -> Result<Analysis> {
    let data = timed("load", || ProgramData::load(store))?;
    timed("analyze", || analyze_data(&data, opts))
}

/// Beyond this many survey responses the disclosure census is built after
/// the survey comparison rather than beside it, to bound the peak memory.
const CENSUS_BESIDE_SURVEY_MAX_RESPONSES: usize = 1_000_000;

pub fn analyze_data(data: &ProgramData, opts: &AnalysisOptions) -> Result<Analysis> {
    let census_waits = data.responses.len() > CENSUS_BESIDE_SURVEY_MAX_RESPONSES;
    analyze_data_in_order(data, opts, census_waits)
}

fn analyze_data_in_order(
    data: &ProgramData,
    opts: &AnalysisOptions,
    census_waits: bool,
) -> Result<Analysis> {
    crate::disclosure::check_min_group(opts.min_group_size)?;
    let k = opts.min_group_size;
    let as_of = opts.as_of.map(day_number).or_else(|| data.latest_date());
    let launch = opts
        .launch
        .map(day_number)
        .or_else(|| data.pairings.iter().filter_map(|p| p.start).min());

    let scope = Scope::new(data, opts);

    let k_comments = opts.min_comments.max(k);
    // The survey comparison and the disclosure census (which needs the data
    // only) are the largest pieces; they run beside the others, and beside
    // each other unless the program is very large: each holds every
    // response's answers, and at 2,000,000 responses the two together peak
    // at 4.0 GB against 3.1 GB one after the other (12.7 s against 16.3 s;
    // BENCHMARKS.md). Above a million responses the census waits.
    let (survey_finished, survey_done) = std::sync::mpsc::channel::<()>();
    let (survey_parts, rest, census) = std::thread::scope(|s| {
        let survey_scope = &scope;
        let survey_job = s.spawn(move || {
            let parts = timed("survey", || survey::survey(data, opts, survey_scope, k));
            // Dropped, not sent, if the survey panics: the census goes on.
            let _ = survey_finished.send(());
            parts
        });
        let census_job = opts.disclosure.enabled.then(|| {
            s.spawn(move || {
                if census_waits {
                    let _ = survey_done.recv();
                }
                timed("census", || {
                    crate::disclosure::Census::build(data, k, cohorts::row_name)
                        .with_switches(opts.disclosure)
                        .with_comment_threshold(k_comments)
                })
            })
        });
        let rest = (|| -> Result<_> {
            let pop = timed("population", || {
                as_of.map(|a| population::Population::build(data, opts, &scope, a, launch))
            });
            let survival_parts = match &pop {
                Some(pop) => {
                    let mut ramp = ramp_up::ramp_up(pop);
                    let mut ret = retention::retention(pop);
                    if pop.window_start.is_some() {
                        ramp.adjusted = timed("cox ramp-up", || {
                            adjusted::hazard(data, pop, adjusted::Outcome::RampUp)
                        });
                        ret.adjusted = timed("cox retention", || {
                            adjusted::hazard(data, pop, adjusted::Outcome::Retention)
                        });
                        ramp.unadjusted =
                            adjusted::unadjusted_hazard(pop, adjusted::Outcome::RampUp);
                        ret.unadjusted =
                            adjusted::unadjusted_hazard(pop, adjusted::Outcome::Retention);
                    }
                    (ramp, ret)
                }
                None => (RampUp::default(), Retention::default()),
            };
            let delivery = timed("delivery", || delivery::delivery(data, &scope, launch))?;
            let engagement = match as_of {
                Some(a) => engagement::engagement(data, &scope, a)?,
                None => Engagement::default(),
            };
            Ok((survival_parts, delivery, engagement, pop))
        })();
        let survey_parts = survey_job
            .join()
            .map_err(|_| Error::Analysis("the survey comparison failed".into()));
        let census = census_job.map(|job| {
            job.join()
                .map_err(|_| Error::Analysis("the disclosure census failed".into()))
        });
        (survey_parts, rest, census)
    });
    let parts = survey_parts??;
    let ((ramp_up, retention), delivery, engagement, pop) = rest?;
    let data_quality = timed("quality", || quality::quality(data, &scope, as_of));
    let waves = timed("waves", || trends::waves(data, &scope, k));
    let composites = trends::composites(data, &scope);
    let after = parts
        .unpaired
        .after_wave
        .as_ref()
        .and_then(|w| data.waves.iter().position(|x| x == w))
        .map(|i| composites[i].as_slice());
    let (cohorts, cohorts_kruskal_p) = timed("cohorts", || {
        cohorts::cohorts(data, &scope, pop.as_ref(), after, k)
    });
    let (formats, formats_kruskal_p) = match timed("formats", || {
        cohorts::formats(data, &scope, pop.as_ref(), after, k)
    }) {
        Some((rows, p)) => (Some(rows), p),
        None => (None, None),
    };

    let comments = timed("comments", || {
        comments::comments(
            data,
            &scope,
            parts.unpaired.before_wave.as_deref(),
            parts.unpaired.after_wave.as_deref(),
            k_comments,
        )
    });
    let mut a = Analysis {
        as_of: as_of.map(from_day_number),
        launch: launch.map(from_day_number),
        min_group_size: k,
        survey_unpaired: parts.unpaired,
        survey_paired: parts.paired,
        item_means: parts.item_means,
        item_distributions: parts.distributions,
        enps: parts.enps,
        ramp_up,
        retention,
        delivery,
        engagement,
        data_quality,
        verdicts: Verdicts::default(),
        item_tests: parts.item_tests,
        waves,
        cohorts,
        cohorts_kruskal_p,
        formats,
        formats_kruskal_p,
        comments,
        suppressions: Vec::new(),
        skills: Vec::new(),
    };
    if let Some(census) = census {
        let census = census?;
        a.suppressions = timed("disclosure", || privacy::protect(&mut a, opts, &census));
    }
    // An unknown skill wave is the user's mistake to hear about, not an
    // empty section.
    skills::chosen_waves(data, opts)?;
    let (skill_rows, skill_hidden) = timed("skills", || skills::skills(data, opts, &scope, k));
    a.skills = skill_rows;
    a.suppressions.extend(skill_hidden);
    a.verdicts = timed("verdicts", || verdict::all(&a, data));
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::AnalysisOptions;

    /// METRICS.md: comments are shown for groups of at least 10 who wrote
    /// one (`k_comments`, default 10), and survey figures for groups of at
    /// least 5 — whether the options come from `Default` or from JSON
    /// that leaves them out (the app's saved controls).
    #[test]
    fn the_documented_thresholds_are_the_defaults() {
        let d = AnalysisOptions::default();
        assert_eq!((d.min_group_size, d.min_comments), (5, 10));
        let mut v = serde_json::to_value(&d).unwrap();
        v.as_object_mut().unwrap().remove("min_comments");
        let o: AnalysisOptions = serde_json::from_value(v).unwrap();
        assert_eq!(o.min_comments, 10);
    }

    /// A very large program builds the disclosure census after the survey
    /// comparison instead of beside it; the figures and what is withheld
    /// must not depend on which.
    #[test]
    fn the_census_after_the_survey_gives_the_same_analysis() {
        let mut store = crate::Store::open_in_memory().unwrap();
        crate::sample::import_into(&mut store).unwrap();
        let data = super::ProgramData::load(&store).unwrap();
        let opts = AnalysisOptions::default();
        let beside = super::analyze_data_in_order(&data, &opts, false).unwrap();
        let after = super::analyze_data_in_order(&data, &opts, true).unwrap();
        assert!(
            !beside.suppressions.is_empty(),
            "the sample withholds something"
        );
        assert_eq!(
            serde_json::to_value(&beside).unwrap(),
            serde_json::to_value(&after).unwrap()
        );
    }
}
