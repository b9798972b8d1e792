//! Commands: each one locks the store, calls the library, and returns plain
//! data or a `{ code, message }` error.

use std::path::PathBuf;

use mentorscope::error::{ErrorCode, UiError};
use mentorscope::ingest::{self, ImportOptions, ImportReport};
use mentorscope::store::Status;
use serde::Serialize;
use tauri::State;

use crate::AppState;

fn ui(e: mentorscope::Error) -> UiError {
    UiError::from(&e)
}

fn poisoned() -> UiError {
    UiError {
        code: ErrorCode::Database,
        message: "the program database is busy after an earlier failure; restart Mentorscope"
            .into(),
    }
}

#[tauri::command]
pub fn status(state: State<'_, AppState>) -> Result<Status, UiError> {
    let store = state.store.lock().map_err(|_| poisoned())?;
    store.status().map_err(ui)
}

/// One file's outcome: its report, or why it was refused.
#[derive(Debug, Serialize)]
pub struct FileOutcome {
    pub file: String,
    pub report: Option<ImportReport>,
    pub error: Option<UiError>,
}

#[tauri::command]
pub async fn import_files(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
) -> Result<Vec<FileOutcome>, UiError> {
    let mut store = state.store.lock().map_err(|_| poisoned())?;
    let results = ingest::import_files(&mut store, &paths, &ImportOptions::default());
    Ok(results
        .into_iter()
        .map(|(p, r)| {
            let file = p.display().to_string();
            match r {
                Ok(report) => FileOutcome {
                    file,
                    report: Some(report),
                    error: None,
                },
                Err(e) => FileOutcome {
                    file,
                    report: None,
                    error: Some(ui(e)),
                },
            }
        })
        .collect())
}

#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> Result<Status, UiError> {
    let mut store = state.store.lock().map_err(|_| poisoned())?;
    mentorscope::sample::import_into(&mut store).map_err(ui)?;
    store.status().map_err(ui)
}

#[tauri::command]
pub fn undo_import(state: State<'_, AppState>, import_id: i64) -> Result<Status, UiError> {
    let mut store = state.store.lock().map_err(|_| poisoned())?;
    store.undo(import_id).map_err(ui)?;
    store.status().map_err(ui)
}
