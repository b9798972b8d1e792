//! Cell → typed value: missing markers (here), numbers (decimal commas,
//! Excel's scientific-notation IDs), dates in every spelling INPUTS.md lists
//! with the day/month order decided per column, identities, and Likert
//! labels, a module each.
//!
//! Parsing returns `Err(reason)` with a fix the user can act on; it never
//! panics on any input.

mod dates;
mod identity;
mod likert;
mod numbers;

pub use dates::{
    implausible_date, iso_stamp, parse_date, parse_datetime, DateOrder, DateOrderEvidence,
};
pub use identity::normalise_identity;
pub use likert::{best_label_set, norm_label, LabelSet, LABEL_SETS};
pub use numbers::{looks_excel_mangled, parse_number};

/// `N/A`, `-`, blanks and friends: the cell has no value.
pub fn is_missing(s: &str) -> bool {
    // Compared without lower-casing into a new string: this runs for every
    // cell read.
    const MISSING: [&str; 11] = [
        "", "na", "n/a", "#n/a", "-", "--", "null", "none", "nan", ".", "(blank)",
    ];
    let t = s.trim();
    t.len() <= 7 && MISSING.iter().any(|m| t.eq_ignore_ascii_case(m))
}
