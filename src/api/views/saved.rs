//! The dashboard as it was last shown, kept in the program database so
//! that a large program opens on its dashboard at once: reading 100,000
//! people's meetings and surveys and analysing them takes seconds, and the
//! figures have not changed unless the data has (the store's generation)
//! or the build has (the key names the version and schema).

use super::super::program::Program;
use super::super::Controls;
use super::dashboard::Dashboard;
use crate::error::{Error, Result};
use crate::store::{Store, SCHEMA_VERSION};

const DASHBOARD: &str = "dashboard";

/// The controls a launch opens with (the window does not keep filters
/// from one session to the next), blanks counting as not set. Only the
/// dashboard for these is kept: it is the one a launch asks for, and one
/// row cannot grow with every filter a user tries.
fn at_launch(controls: &Controls) -> bool {
    let set = |s: &Option<String>| super::super::non_empty(s).is_some();
    let c = controls;
    ![
        &c.cohort,
        &c.team,
        &c.level,
        &c.date_from,
        &c.date_to,
        &c.launch,
        &c.as_of,
        &c.before_wave,
        &c.after_wave,
        &c.skill_before_wave,
        &c.skill_after_wave,
        &c.milestone_kind,
    ]
    .into_iter()
    .any(set)
        && c.split == Default::default()
        && c.min_group_size.is_none()
}

/// What a saved dashboard must have been computed with: the same build
/// (a newer one may compute or word a figure differently).
fn key() -> String {
    format!(
        "mentorscope {} schema {SCHEMA_VERSION}",
        env!("CARGO_PKG_VERSION")
    )
}

/// The launch dashboard as last shown, if `controls` are the launch's and
/// the data has not changed since. Anything unreadable counts as nothing
/// saved: the caller then computes it.
pub fn saved_dashboard(store: &Store, controls: &Controls) -> Option<Dashboard> {
    if !at_launch(controls) {
        return None;
    }
    let body = store.cached_view(DASHBOARD, &key()).ok()??;
    serde_json::from_str(&body).ok()
}

/// Keeps `dashboard`, computed from `program` with `controls`, for the
/// next launch, when `controls` are the launch's (else nothing to do).
pub fn save_dashboard(
    store: &Store,
    program: &Program,
    controls: &Controls,
    dashboard: &Dashboard,
) -> Result<()> {
    if !at_launch(controls) {
        return Ok(());
    }
    let body = serde_json::to_string(dashboard)
        .map_err(|e| Error::Analysis(format!("could not write the dashboard: {e}")))?;
    store.save_view(DASHBOARD, &key(), program.generation, &body)
}
