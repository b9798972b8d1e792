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
    tauri::async_runtime::spawn_blocking(move || {
        let out = f(&app.state::<AppState>());
        release_memory();
        out
    })
    .await
        .map_err(|_| {
            ErrorView::new(
                "internal",
                "Mentorscope ran into an internal problem while working on this. Try again; if it happens again, restart Mentorscope.",
            )
        })?
}

/// Hands the memory the command freed back to the system. mimalloc keeps
/// freed pages for reuse and purges them only later, as it allocates
/// again; after reading and analysing a 100,000-person program (several
/// hundred MiB of frames that live for one command) that left the app
/// resident at twice what it holds (432 MiB against 259 MiB measured by
/// hand). A forced collection takes a millisecond or two.
pub(crate) fn release_memory() {
    // SAFETY: mi_collect takes no pointers and may be called from any
    // thread at any time; when mimalloc is not the global allocator (the
    // command tests) it only tidies mimalloc's own, unused heap.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Reads the program and saves the dashboard for `controls` (the launch's,
/// unfiltered) on a background thread: after a change made in the app, so
/// the next launch shows it at once even when the dashboard was not opened
/// again before the app was closed; and after a launch that showed the
/// saved one, to bring it up to date. The view that asks next finds the
/// program read, or waits for this reading rather than starting another.
pub(crate) fn save_launch_dashboard_later<R: Runtime>(
    app: AppHandle<R>,
    controls: mentorscope::api::Controls,
) {
    tauri::async_runtime::spawn_blocking(move || {
        let st = app.state::<AppState>();
        if let Ok(p) = st.program() {
            let _ = st.fresh_dashboard(&p, &controls);
        }
        release_memory();
    });
}
