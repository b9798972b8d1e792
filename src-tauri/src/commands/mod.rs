//! The commands the window calls, one file per group. Each is a few lines:
//! take the state, call `mentorscope::api`, return plain data or an
//! `ErrorView`. Anything that reads the whole program, imports or renders
//! runs on a blocking thread so the window never freezes.

pub mod dialogs;
pub mod help;
pub mod imports;
pub mod items;
pub mod pack;
pub mod program;

use mentorscope::api::ErrorView;
use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

/// Runs `f` with the app state on a blocking thread.
pub(crate) async fn blocking<R, T, F>(app: AppHandle<R>, f: F) -> Result<T, ErrorView>
where
    R: Runtime,
    T: Send + 'static,
    F: FnOnce(&AppState) -> Result<T, ErrorView> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || f(&app.state::<AppState>()))
        .await
        .map_err(|_| {
            ErrorView::new(
                "internal",
                "Mentorscope ran into an internal problem while working on this. Try again; if it happens again, restart Mentorscope.",
            )
        })?
}
