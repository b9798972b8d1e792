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

/// The launch dashboard last saved, if `controls` are the launch's, with
/// why it may be out of date (`None`: saved from the data as it is now by
/// this build). Anything unreadable counts as nothing saved.
fn last_launch_dashboard(
    store: &Store,
    controls: &Controls,
) -> Option<(Dashboard, Option<&'static str>)> {
    if !at_launch(controls) {
        return None;
    }
    let (saved_by, generation, body) = store.last_view(DASHBOARD).ok()??;
    let data_changed = generation != store.generation().ok()?;
    let build_changed = saved_by != key();
    let why = match (data_changed, build_changed) {
        (false, false) => None,
        (true, _) => Some("These are the figures from the last time this program was opened here; the data has changed since (an import or undo made outside this window). Updating them…"),
        (false, true) => Some("These are the figures worked out by the earlier version of Mentorscope. Checking them with this version…"),
    };
    Some((serde_json::from_str(&body).ok()?, why))
}

/// The launch dashboard as last shown, if `controls` are the launch's and
/// neither the data nor the build has changed since. Anything unreadable
/// counts as nothing saved: the caller then computes it.
pub fn saved_dashboard(store: &Store, controls: &Controls) -> Option<Dashboard> {
    match last_launch_dashboard(store, controls)? {
        (d, None) => Some(d),
        (_, Some(_)) => None,
    }
}

/// The launch dashboard saved from other data or by another build, to show
/// (marked as such) while the current one is worked out: reading and
/// analysing a large program takes seconds, and a window with the last
/// figures and a notice is more use than a spinner. `None` when there is
/// none, when it is current ([`saved_dashboard`] then), or when this build
/// cannot read it.
pub fn provisional_dashboard(store: &Store, controls: &Controls) -> Option<Dashboard> {
    let (mut d, why) = last_launch_dashboard(store, controls)?;
    d.provisional = Some(why?.into());
    Some(d)
}

/// Whether a launch dashboard is saved that this build can show at once,
/// current ([`saved_dashboard`]) or earlier ([`provisional_dashboard`]).
pub fn launch_dashboard_saved(store: &Store) -> bool {
    last_launch_dashboard(store, &Controls::default()).is_some()
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
    debug_assert!(
        dashboard.provisional.is_none(),
        "only a computed dashboard is saved"
    );
    let body = serde_json::to_string(dashboard)
        .map_err(|e| Error::Analysis(format!("could not write the dashboard: {e}")))?;
    store.save_view(DASHBOARD, &key(), program.generation, &body)
}
