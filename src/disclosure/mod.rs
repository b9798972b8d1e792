//! Disclosure control: the one place that decides which survey, skill and
//! comment figures may be published. Respondents were promised
//! confidentiality, and a figure is not safe just because it covers k
//! people: a reader can subtract one published figure from another (the
//! whole program minus one team, a team minus the same team at one level)
//! or combine a composite with its items to isolate a few people. Every
//! such figure passes through [`Disclosure::decide`] before it reaches
//! `analyze --json`, a chart, the review pack, the slides, the workbook or
//! the app, so a new view cannot forget the rules.
//!
//! The rules (docs/PRIVACY.md):
//! - **Minimum group size**: a figure over fewer than k distinct
//!   respondents is suppressed.
//! - **Remainder rule**: a figure for a selection (a filter, a breakdown
//!   row) is suppressed when any wider selection the reader can open — the
//!   same filters with one or more dropped, up to the whole program — holds
//!   between 1 and k − 1 respondents more, and when one holding exactly
//!   the same respondents is itself suppressed.
//! - **Complementary suppression**: within a partition (a parent split by
//!   team or by level) the children that are hidden, together with the
//!   people who have no value, must not add up to between 1 and k − 1
//!   respondents, or the parent minus the published children reveals them;
//!   the smallest published children are hidden until they do not.
//! - **Overlap rule**: two figures of the same wave and quantity published
//!   in the same output whose respondent sets differ by between 1 and
//!   k − 1 people: the smaller one is suppressed.
//! - **Composite and items**: a composite (the mean of each response's
//!   answered items) minus its items reveals the answers of the people who
//!   skipped an item; a selection's item figures are shown only where that
//!   group passes every rule above (as `Measure::Partial`).
//!
//! Decisions use counts only (how many respondents of each kind answered),
//! never values, so a hidden value cannot leak through this module; the
//! record of each suppression says where and which rule, never the value.
//! The census is built from the whole program, not the current filter, so
//! every view makes the same decision about the same figure.

mod census;
mod rules;
mod selection;
pub(crate) mod skills;

use serde::Serialize;

pub use census::{Census, Measure, Unit};
pub use rules::{Decisions, Figure};
pub use selection::Selection;

/// The smallest minimum group size any output may use: every survey tool a
/// program manager knows refuses to go below it.
pub const MIN_K: usize = 3;

/// The comment threshold's default (M9): a group's comments are analysed
/// or quoted only when at least this many people wrote one. Free text
/// identifies people far more easily than a mean, hence more than k.
pub const DEFAULT_K_COMMENTS: usize = 10;

/// Why a figure is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    MinimumGroup,
    Remainder,
    Complementary,
    Overlap,
    CommentThreshold,
    /// Shown for the whole program only (a composite's items: beside the
    /// composite of a filtered group they single out the few who skipped
    /// an item, across the team and level partitions).
    WholeProgramOnly,
}

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Rule::MinimumGroup => "fewer respondents than the minimum group size",
            Rule::Remainder => {
                "the rest of a wider group would be fewer than the minimum, so subtracting would reveal them"
            }
            Rule::Complementary => {
                "hidden so that another hidden group cannot be worked out from the totals"
            }
            Rule::Overlap => {
                "another figure covers almost the same people, so the difference would reveal a few"
            }
            Rule::CommentThreshold => "fewer comments than the comment threshold",
            Rule::WholeProgramOnly => {
                "shown for the whole program only, so no filter can be subtracted from it"
            }
        }
    }
}

/// One hidden figure, for the data-quality part of every output: where and
/// why, never the value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Suppression {
    /// The figure, in words (`post wave · satisfaction composite · team
    /// Platform`).
    #[serde(rename = "where")]
    pub place: String,
    pub rule: Rule,
}

/// Which rules run. Everything on by default; tests of the statistics turn
/// the whole layer off to compare raw figures, and tests of the rules turn
/// one off to show what it protects against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switches {
    pub enabled: bool,
    pub remainder: bool,
    pub complementary: bool,
    pub overlap: bool,
}

impl Default for Switches {
    fn default() -> Self {
        Switches {
            enabled: true,
            remainder: true,
            complementary: true,
            overlap: true,
        }
    }
}

/// Refuses a minimum group size below [`MIN_K`].
pub fn check_min_group(k: usize) -> crate::Result<()> {
    if k < MIN_K {
        return Err(crate::Error::InvalidArgument(format!(
            "the minimum group size must be at least {MIN_K} (it was {k}); smaller groups let a reader work out individual answers"
        )));
    }
    Ok(())
}
