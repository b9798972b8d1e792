//! The *About* and *Definitions* views: what this build is, and what every
//! number means. Both are compiled into the library; nothing is read from
//! disk or the network.

use mentorscope::api::{self, AboutView, DocView};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub fn about(state: State<'_, AppState>) -> AboutView {
    api::about_view(state.db_path.as_deref())
}

#[tauri::command]
pub fn definitions() -> DocView {
    api::definitions()
}

/// The built-in skill frameworks a template can be made from.
#[tauri::command]
pub fn skill_frameworks() -> Vec<api::FrameworkChoice> {
    api::skill_frameworks()
}

/// Writes the ready-to-fill skills sheet to `path` (chosen with
/// `pick_save_path`), people from the roster.
#[tauri::command]
pub async fn save_skills_template<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    request: api::TemplateRequest,
    path: String,
) -> Result<api::TemplateWritten, api::ErrorView> {
    super::blocking(app, move |st| {
        st.with_store(|s| {
            api::write_skills_template(s, &request, std::path::Path::new(&path))
                .map_err(api::ErrorView::from)
        })
    })
    .await
}
