//! The desktop shell: holds the open program database and exposes the
//! library to the webview as commands. Each command is a few lines that call
//! `mentorscope`; no logic lives here (if the CLI could do it, it belongs in
//! the library). Errors cross as `{ code, message }`.

mod commands;

use std::sync::Mutex;

use mentorscope::Store;

/// The program database the window works on.
pub struct AppState {
    pub store: Mutex<Store>,
}

/// Shared by the real app and the mock-runtime tests.
pub fn setup<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::status,
        commands::import_files,
        commands::load_sample,
        commands::undo_import,
    ])
}

pub fn run() {
    let path = match mentorscope::default_db_path() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("Mentorscope could not start: {e}");
            std::process::exit(1);
        }
    };
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "Mentorscope could not open its database at {}: {e}",
                path.display()
            );
            std::process::exit(1);
        }
    };
    // `--with-sample` (the README's run command) fills an empty database with
    // the synthetic sample program so a first look needs no files.
    if std::env::args().any(|a| a == "--with-sample") {
        let empty = store
            .status()
            .map(|s| s.imports.is_empty())
            .unwrap_or(false);
        if empty {
            if let Err(e) = mentorscope::sample::import_into(&mut store) {
                eprintln!("Mentorscope could not import the sample program: {e}");
            }
        }
    }
    let result = setup(tauri::Builder::default())
        .manage(AppState {
            store: Mutex::new(store),
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Mentorscope stopped: {e}");
        std::process::exit(1);
    }
}
