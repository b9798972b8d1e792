//! What the database holds, the sample program, and the views that read
//! the program: dashboard, comparisons, people and pairings.

use mentorscope::api::{
    self, Comparison, ComparisonKind, Controls, Dashboard, ErrorView, PeopleQuery, PeopleTable,
    StatusView,
};
use tauri::{AppHandle, Runtime};

use super::blocking;

#[tauri::command]
pub async fn status<R: Runtime>(app: AppHandle<R>) -> Result<StatusView, ErrorView> {
    blocking(app, |st| {
        st.with_store(|s| api::status_view(s).map_err(ErrorView::from))
    })
    .await
}

#[tauri::command]
pub async fn load_sample<R: Runtime>(app: AppHandle<R>) -> Result<StatusView, ErrorView> {
    blocking(app, |st| {
        let status = st.with_store(|s| {
            mentorscope::sample::import_into(s)?;
            api::status_view(s).map_err(ErrorView::from)
        });
        st.forget_program();
        status
    })
    .await
}

#[tauri::command]
pub async fn dashboard<R: Runtime>(
    app: AppHandle<R>,
    controls: Controls,
) -> Result<Dashboard, ErrorView> {
    blocking(app, move |st| {
        api::dashboard(&*st.program()?, &controls).map_err(ErrorView::from)
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
