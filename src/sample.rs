//! The bundled synthetic sample program (`sample-data/`), embedded in the
//! binary so "Explore the sample program" and `mentorscope demo` work from
//! anywhere, with no file of the user's own. No real people are in it.

use std::path::Path;

use crate::error::Result;
use crate::ingest::{self, ImportOptions, ImportReport};
use crate::store::Store;

/// File name and contents, in import order.
pub const FILES: &[(&str, &[u8])] = &[
    ("roster.csv", include_bytes!("../sample-data/roster.csv")),
    (
        "pairings.csv",
        include_bytes!("../sample-data/pairings.csv"),
    ),
    (
        "meetings.csv",
        include_bytes!("../sample-data/meetings.csv"),
    ),
    (
        "milestones.csv",
        include_bytes!("../sample-data/milestones.csv"),
    ),
    (
        "survey-pre.csv",
        include_bytes!("../sample-data/survey-pre.csv"),
    ),
    (
        "survey-3-month.csv",
        include_bytes!("../sample-data/survey-3-month.csv"),
    ),
    (
        "survey-12-month.csv",
        include_bytes!("../sample-data/survey-12-month.csv"),
    ),
    (
        "survey-post.csv",
        include_bytes!("../sample-data/survey-post.csv"),
    ),
    (
        "team-metrics.csv",
        include_bytes!("../sample-data/team-metrics.csv"),
    ),
    ("skills.csv", include_bytes!("../sample-data/skills.csv")),
];

/// Imports every sample file into `store` (files already there are left as
/// they are, so this is safe to call twice).
pub fn import_into(store: &mut Store) -> Result<Vec<ImportReport>> {
    FILES
        .iter()
        .map(|(name, bytes)| {
            ingest::import_bytes(
                store,
                Path::new(name),
                bytes,
                &ImportOptions::default(),
                &mut |_| {},
            )
        })
        .collect()
}
