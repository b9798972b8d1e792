//! The import wizard: previews, the import itself with progress and cancel,
//! the problems list (and its CSV), and undo from the history.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use mentorscope::api::{
    self, ErrorView, FilePreview, ImportOutcome, ImportProgress, ImportRequest, ProblemView,
    ProblemsExport, StatusView,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime};

use super::blocking;

#[tauri::command]
pub async fn preview_files<R: Runtime>(
    app: AppHandle<R>,
    paths: Vec<String>,
) -> Result<Vec<FilePreview>, ErrorView> {
    blocking(app, move |st| {
        let book = st.book.lock().map_err(|_| crate::busy())?;
        Ok(paths
            .iter()
            .map(|p| api::preview_file(Path::new(p), None, None, &book))
            .collect())
    })
    .await
}

/// The preview again after the user picked another kind, column or sheet.
#[tauri::command]
pub async fn preview_file<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    kind: Option<String>,
    columns: Option<BTreeMap<String, String>>,
    sheet: Option<String>,
) -> Result<FilePreview, ErrorView> {
    blocking(app, move |st| {
        let delay = st
            .first_repreview_delay
            .lock()
            .ok()
            .and_then(|mut d| d.take());
        if let Some(d) = delay {
            std::thread::sleep(d);
        }
        let book = st.book.lock().map_err(|_| crate::busy())?;
        Ok(api::preview_file_sheet(
            Path::new(&path),
            sheet.as_deref(),
            kind.as_deref(),
            columns.as_ref(),
            &book,
        ))
    })
    .await
}

#[tauri::command]
pub async fn import_files<R: Runtime>(
    app: AppHandle<R>,
    requests: Vec<ImportRequest>,
    on_progress: Channel<ImportProgress>,
) -> Result<Vec<ImportOutcome>, ErrorView> {
    let later = app.clone();
    let outcomes = blocking(app, move |st| {
        st.cancel.store(false, Ordering::SeqCst);
        let outcomes = st.with_store(|store| {
            let mut book = st.book.lock().map_err(|_| crate::busy())?;
            Ok(api::import_requests(
                store,
                &requests,
                &mut book,
                &mut |p| {
                    // A closed window is not an import failure.
                    let _ = on_progress.send(p);
                },
                &st.cancel,
            ))
        });
        st.forget_program();
        outcomes
    })
    .await;
    super::save_launch_dashboard_later(later, Default::default());
    outcomes
}

#[tauri::command]
pub fn cancel_import(state: tauri::State<'_, crate::AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
}

#[tauri::command]
pub async fn undo_import<R: Runtime>(
    app: AppHandle<R>,
    import_id: i64,
) -> Result<StatusView, ErrorView> {
    let later = app.clone();
    let status = blocking(app, move |st| {
        let status = st.with_store(|s| {
            s.undo(import_id)?;
            api::status_view(s).map_err(ErrorView::from)
        });
        st.forget_program();
        status
    })
    .await;
    super::save_launch_dashboard_later(later, Default::default());
    status
}

#[tauri::command]
pub async fn import_problems<R: Runtime>(
    app: AppHandle<R>,
    import_id: i64,
) -> Result<Vec<ProblemView>, ErrorView> {
    blocking(app, move |st| {
        st.with_store(|s| {
            s.import(import_id)?;
            Ok(s.problems(import_id)?
                .iter()
                .map(ProblemView::from)
                .collect())
        })
    })
    .await
}

/// Writes the problems CSV to `path` (chosen with `pick_save_path`).
#[tauri::command]
pub async fn export_problems<R: Runtime>(
    app: AppHandle<R>,
    export: ProblemsExport,
    path: String,
) -> Result<String, ErrorView> {
    blocking(app, move |st| {
        let text = st.with_store(|s| api::problems_csv(s, &export).map_err(ErrorView::from))?;
        let path = PathBuf::from(path);
        std::fs::write(&path, text)
            .map_err(|e| ErrorView::from(mentorscope::Error::io(&path, e)))?;
        Ok(path.display().to_string())
    })
    .await
}
