//! Native file dialogs, opened from Rust so the webview needs no dialog or
//! file-system permission at all: it only ever receives the paths the user
//! chose.
//!
//! End-to-end tests cannot click in a GTK dialog, so a debug build started
//! with `MENTORSCOPE_E2E_DIALOG=FILE` answers every dialog from FILE
//! instead (one path per line; an empty file is "Cancel"). Release builds
//! ignore the variable.

use std::path::PathBuf;

use mentorscope::api::ErrorView;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use super::blocking;
use crate::AppState;

fn scripted(st: &AppState) -> Option<Vec<String>> {
    let file = st.dialog_script.as_ref()?;
    let text = std::fs::read_to_string(file).unwrap_or_default();
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

fn dialog<R: Runtime>(app: &AppHandle<R>, title: &str) -> FileDialogBuilder<R> {
    let mut d = app.dialog().file().set_title(title);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    d
}

fn path_text(p: FilePath) -> Option<String> {
    p.into_path().ok().map(|p: PathBuf| p.display().to_string())
}

/// Lets the user choose CSV exports; empty when they cancel.
#[tauri::command]
pub async fn pick_files<R: Runtime>(app: AppHandle<R>) -> Result<Vec<String>, ErrorView> {
    let handle = app.clone();
    blocking(app, move |st| {
        if let Some(answer) = scripted(st) {
            return Ok(answer);
        }
        Ok(dialog(&handle, "Choose the files to import")
            .add_filter(
                "Exports (CSV, workbooks, attendance reports, calendars)",
                &[
                    "csv", "tsv", "txt", "xlsx", "xlsm", "xlsb", "xls", "ods", "ics",
                ],
            )
            .add_filter("All files", &["*"])
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(path_text)
            .collect())
    })
    .await
}

/// Lets the user choose a folder; `null` when they cancel.
#[tauri::command]
pub async fn pick_folder<R: Runtime>(
    app: AppHandle<R>,
    title: String,
) -> Result<Option<String>, ErrorView> {
    let handle = app.clone();
    blocking(app, move |st| {
        if let Some(answer) = scripted(st) {
            return Ok(answer.into_iter().next());
        }
        Ok(dialog(&handle, &title)
            .blocking_pick_folder()
            .and_then(path_text))
    })
    .await
}

/// Lets the user choose where to save a file; `null` when they cancel.
#[tauri::command]
pub async fn pick_save_path<R: Runtime>(
    app: AppHandle<R>,
    title: String,
    file_name: String,
    extension: String,
) -> Result<Option<String>, ErrorView> {
    let handle = app.clone();
    blocking(app, move |st| {
        if let Some(answer) = scripted(st) {
            return Ok(answer
                .into_iter()
                .next()
                .map(|dir| PathBuf::from(dir).join(&file_name).display().to_string()));
        }
        Ok(dialog(&handle, &title)
            .set_file_name(&file_name)
            .add_filter(extension.to_uppercase(), &[extension.as_str()])
            .blocking_save_file()
            .and_then(path_text))
    })
    .await
}
