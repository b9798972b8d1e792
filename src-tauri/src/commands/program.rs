//! What the database holds, the sample program, and the views that read
//! the program: dashboard, comparisons, people and pairings.

use mentorscope::api::{
    self, Comparison, ComparisonKind, Controls, Dashboard, ErrorView, PeopleQuery, PeopleTable,
    StatusView,
};
use std::sync::atomic::Ordering;

use tauri::{AppHandle, Runtime};

use super::{blocking, save_launch_dashboard_later};

#[tauri::command]
pub async fn status<R: Runtime>(app: AppHandle<R>) -> Result<StatusView, ErrorView> {
    blocking(app, |st| {
        st.with_store(|s| api::status_view(s).map_err(ErrorView::from))
    })
    .await
}

#[tauri::command]
pub async fn load_sample<R: Runtime>(app: AppHandle<R>) -> Result<StatusView, ErrorView> {
    let later = app.clone();
    let status = blocking(app, |st| {
        let status = st.with_store(|s| {
            mentorscope::sample::import_into(s)?;
            api::status_view(s).map_err(ErrorView::from)
        });
        st.forget_program();
        status
    })
    .await;
    save_launch_dashboard_later(later, Controls::default());
    status
}

/// The dashboard. At launch, before the program has been read, the one
/// saved for these controls (by the last launch, or in the background
/// after the last change made in the app) is shown at once if the data has
/// not changed since (reading and analysing a large program takes seconds);
/// the program is then read in the background, for the next view, and the
/// saved dashboard brought up to date.
///
/// When the saved one is from other data or another build, the launch's
/// first dashboard is that one marked `provisional`, unless `settle`: the
/// window shows it with a notice and asks again with `settle`, which waits
/// for the program (being read since launch) and answers the dashboard
/// worked out from it.
#[tauri::command]
pub async fn dashboard<R: Runtime>(
    app: AppHandle<R>,
    controls: Controls,
    settle: Option<bool>,
) -> Result<Dashboard, ErrorView> {
    let background = app.clone();
    blocking(app, move |st| {
        let launch = !st.dashboard_answered.swap(true, Ordering::Relaxed);
        if st.loaded_program()?.is_none() {
            if let Some(saved) = st.with_store(|s| Ok(api::saved_dashboard(s, &controls)))? {
                save_launch_dashboard_later(background, controls);
                return Ok(saved);
            }
            if launch && !settle.unwrap_or(false) {
                if let Some(earlier) =
                    st.with_store(|s| Ok(api::provisional_dashboard(s, &controls)))?
                {
                    return Ok(earlier);
                }
            }
        }
        st.fresh_dashboard(&*st.program()?, &controls)
    })
    .await
}

#[tauri::command]
pub async fn comparison<R: Runtime>(
    app: AppHandle<R>,
    controls: Controls,
    kind: ComparisonKind,
) -> Result<Comparison, ErrorView> {
    blocking(app, move |st| {
        api::comparison(&*st.program()?, &controls, kind).map_err(ErrorView::from)
    })
    .await
}

#[tauri::command]
pub async fn people<R: Runtime>(
    app: AppHandle<R>,
    controls: Controls,
    query: PeopleQuery,
) -> Result<PeopleTable, ErrorView> {
    blocking(app, move |st| {
        api::people(&*st.program()?, &controls, &query).map_err(ErrorView::from)
    })
    .await
}
