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
