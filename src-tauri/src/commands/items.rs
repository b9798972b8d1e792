//! The survey item settings: the list of items and their marks
//! (reverse-coded, a numeric item's scale), and the one change the window
//! makes to them. A mark changes the analysis, so after one every view
//! reads the program again.

use mentorscope::api::{self, ErrorView, ItemMarkRequest, SurveyItemView};
use tauri::{AppHandle, Runtime};

use super::blocking;

#[tauri::command]
pub async fn survey_items<R: Runtime>(app: AppHandle<R>) -> Result<Vec<SurveyItemView>, ErrorView> {
    blocking(app, |st| {
        st.with_store(|s| api::survey_items(s).map_err(ErrorView::from))
    })
    .await
}

#[tauri::command]
pub async fn mark_survey_item<R: Runtime>(
    app: AppHandle<R>,
    request: ItemMarkRequest,
) -> Result<SurveyItemView, ErrorView> {
    let later = app.clone();
    let item = blocking(app, move |st| {
        let item = st.with_store(|s| api::mark_item(s, &request).map_err(ErrorView::from))?;
        st.forget_program();
        Ok(item)
    })
    .await;
    super::save_launch_dashboard_later(later, Default::default());
    item
}
