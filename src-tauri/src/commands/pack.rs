//! The review pack, and one chart saved on its own or copied to the
//! clipboard as a picture.

use std::path::PathBuf;

use mentorscope::api::{
    self, ChartFormat, Controls, ErrorView, PackProgress, PackRequest, PackResult,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime};

use super::blocking;

#[tauri::command]
pub async fn export_pack<R: Runtime>(
    app: AppHandle<R>,
    controls: Controls,
    request: PackRequest,
    on_progress: Channel<PackProgress>,
) -> Result<PackResult, ErrorView> {
    blocking(app, move |st| {
        api::export_pack(&*st.program()?, &controls, &request, &mut |p| {
            let _ = on_progress.send(p);
        })
        .map_err(ErrorView::from)
    })
    .await
}

/// Writes one chart to `path` as SVG or PNG.
#[tauri::command]
pub async fn save_chart<R: Runtime>(
    app: AppHandle<R>,
    controls: Controls,
    chart: String,
    format: ChartFormat,
    path: String,
) -> Result<String, ErrorView> {
    blocking(app, move |st| {
        let (_, bytes) = api::chart_file(&*st.program()?, &controls, &chart, format)?;
        let path = PathBuf::from(path);
        std::fs::write(&path, bytes)
            .map_err(|e| ErrorView::from(mentorscope::Error::io(&path, e)))?;
        Ok(path.display().to_string())
    })
    .await
}

/// Puts one chart on the system clipboard as a picture (3840×2160), for
/// pasting into an existing deck. Written from Rust: the webview has no
/// clipboard permission.
#[tauri::command]
pub async fn copy_chart<R: Runtime>(
    app: AppHandle<R>,
    controls: Controls,
    chart: String,
) -> Result<(), ErrorView> {
    blocking(app, move |st| {
        let pixels = api::chart_pixels(&*st.program()?, &controls, &chart)?;
        st.copy_image(pixels)
    })
    .await
}
