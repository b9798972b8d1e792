//! The desktop shell: holds the open program database and exposes the
//! library to the webview as commands. Each command is a few lines that call
//! `mentorscope` (mostly `mentorscope::api`); no logic lives here (if the
//! CLI could do it, it belongs in the library). Heavy work runs off the main
//! thread; errors cross as `{ code, message }` in plain words.

mod commands;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use mentorscope::api::{ChartPixels, ErrorView, MappingBook, Program};
use mentorscope::Store;

/// The program database the window works on, and what was read from it.
pub struct AppState {
    store: Mutex<Store>,
    /// The database file, so the program can be read on a connection of
    /// its own while the window keeps using `store`.
    db_path: Option<PathBuf>,
    /// The loaded program and the database's data version when it was
    /// read; `None` after an import or undo until a view asks for it again.
    program: Mutex<Option<(i64, Arc<Program>)>>,
    book: Mutex<MappingBook>,
    /// Set by "Cancel" while importing; checked between files.
    cancel: AtomicBool,
    /// Set once a dashboard has been answered: only the launch's may be the
    /// provisional one saved at an earlier launch. After a change made in
    /// this window the window waits for the new figures, as it always did.
    pub(crate) dashboard_answered: AtomicBool,
    /// Where test runs take their dialog answers from (debug builds only).
    dialog_script: Option<PathBuf>,
    /// How long test runs make reading the program take at least (debug
    /// builds only): the sample program reads in a blink, and the window's
    /// waiting for a large one is what they test.
    read_delay: Option<std::time::Duration>,
    /// How long test runs make the first preview asked again (after a
    /// change of kind, columns or sheet) take, once (debug builds only): the
    /// answers of two changes in quick succession can come back in either
    /// order, and the window must keep the later choice's.
    first_repreview_delay: Mutex<Option<std::time::Duration>>,
    /// Opened on the first copy and kept: on Linux the copied picture is
    /// served from this process for as long as the clipboard object lives.
    clipboard: Mutex<Option<arboard::Clipboard>>,
}

/// A delay test runs ask for in milliseconds through `var` (debug builds
/// only: a release build never reads it).
fn test_delay(var: &str) -> Option<std::time::Duration> {
    if cfg!(debug_assertions) {
        let ms = std::env::var(var).ok()?.parse().ok()?;
        Some(std::time::Duration::from_millis(ms))
    } else {
        None
    }
}

fn busy() -> ErrorView {
    ErrorView::new(
        "database",
        "Mentorscope's program database is unavailable after an earlier failure. Restart Mentorscope.",
    )
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        let book = MappingBook::beside(store.path());
        #[cfg(debug_assertions)]
        let dialog_script = std::env::var_os("MENTORSCOPE_E2E_DIALOG").map(PathBuf::from);
        #[cfg(not(debug_assertions))]
        let dialog_script = None;
        AppState {
            db_path: store.path().map(|p| p.to_path_buf()),
            store: Mutex::new(store),
            program: Mutex::new(None),
            book: Mutex::new(book),
            cancel: AtomicBool::new(false),
            dashboard_answered: AtomicBool::new(false),
            dialog_script,
            read_delay: test_delay("MENTORSCOPE_E2E_READ_DELAY_MS"),
            first_repreview_delay: Mutex::new(test_delay("MENTORSCOPE_E2E_REPREVIEW_DELAY_MS")),
            clipboard: Mutex::new(None),
        }
    }

    pub(crate) fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, ErrorView>,
    ) -> Result<T, ErrorView> {
        let mut store = self.store.lock().map_err(|_| busy())?;
        f(&mut store)
    }

    /// The loaded program, reading it from the database the first time and
    /// again whenever another process (the CLI, a second window) has
    /// changed the database since.
    pub(crate) fn program(&self) -> Result<Arc<Program>, ErrorView> {
        let mut slot = self.program.lock().map_err(|_| busy())?;
        let version = self.with_store(|s| s.data_version().map_err(ErrorView::from))?;
        if let Some((v, p)) = slot.as_ref() {
            if *v == version {
                return Ok(Arc::clone(p));
            }
        }
        // Reading a large program takes seconds: on its own connection, so
        // status and history stay answerable meanwhile.
        if let Some(d) = self.read_delay {
            std::thread::sleep(d);
        }
        let loaded = mentorscope::timing::timed("app: read the program", || match &self.db_path {
            Some(path) => Ok(Store::open(path).and_then(|s| Program::load(&s))),
            None => self.with_store(|s| Ok(Program::load(s))),
        })?;
        let p = Arc::new(loaded.map_err(ErrorView::from)?);
        *slot = Some((version, Arc::clone(&p)));
        Ok(p)
    }

    /// The program, if it has been read and the database has not changed
    /// since; never reads it, and does not wait while another thread is
    /// reading it (the launch's early read): `None` then.
    pub(crate) fn loaded_program(&self) -> Result<Option<Arc<Program>>, ErrorView> {
        let slot = match self.program.try_lock() {
            Ok(slot) => slot,
            Err(std::sync::TryLockError::WouldBlock) => return Ok(None),
            Err(std::sync::TryLockError::Poisoned(_)) => return Err(busy()),
        };
        let version = self.with_store(|s| s.data_version().map_err(ErrorView::from))?;
        Ok(slot
            .as_ref()
            .filter(|(v, _)| *v == version)
            .map(|(_, p)| Arc::clone(p)))
    }

    /// The dashboard computed from the program, kept for the next launch
    /// (a failure to keep it only costs the next launch its head start).
    pub(crate) fn fresh_dashboard(
        &self,
        program: &Program,
        controls: &mentorscope::api::Controls,
    ) -> Result<mentorscope::api::Dashboard, ErrorView> {
        let d = mentorscope::timing::timed("app: compute the dashboard", || {
            mentorscope::api::dashboard(program, controls)
        })
        .map_err(ErrorView::from)?;
        let _ = self.with_store(|s| {
            mentorscope::api::save_dashboard(s, program, controls, &d).map_err(ErrorView::from)
        });
        Ok(d)
    }

    /// Puts `pixels` on the system clipboard as an image.
    pub(crate) fn copy_image(&self, pixels: ChartPixels) -> Result<(), ErrorView> {
        let refused = |e: arboard::Error| {
            ErrorView::new(
                "clipboard",
                format!("This computer did not let Mentorscope put the picture on the clipboard ({e}). Use “Save as PNG” instead."),
            )
        };
        let mut slot = self.clipboard.lock().map_err(|_| busy())?;
        if slot.is_none() {
            *slot = Some(arboard::Clipboard::new().map_err(refused)?);
        }
        let Some(clipboard) = slot.as_mut() else {
            return Err(busy());
        };
        clipboard
            .set_image(arboard::ImageData {
                width: pixels.width as usize,
                height: pixels.height as usize,
                bytes: pixels.rgba.into(),
            })
            .map_err(refused)
    }

    /// The data changed: views read it again.
    pub(crate) fn forget_program(&self) {
        if let Ok(mut slot) = self.program.lock() {
            *slot = None;
        }
    }
}

/// Shared by the real app and the mock-runtime tests.
pub fn setup<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::program::status,
            commands::program::load_sample,
            commands::program::dashboard,
            commands::program::comparison,
            commands::program::people,
            commands::items::survey_items,
            commands::items::mark_survey_item,
            commands::imports::preview_files,
            commands::imports::preview_file,
            commands::imports::import_files,
            commands::imports::cancel_import,
            commands::imports::undo_import,
            commands::imports::import_problems,
            commands::imports::export_problems,
            commands::pack::export_pack,
            commands::pack::save_chart,
            commands::pack::copy_chart,
            commands::dialogs::pick_files,
            commands::dialogs::pick_folder,
            commands::dialogs::pick_save_path,
            commands::help::about,
            commands::help::definitions,
            commands::help::skill_frameworks,
            commands::help::save_skills_template,
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
        .manage(AppState::new(store))
        .setup(|app| {
            use tauri::Manager;
            // Start reading the program while the window opens; the
            // dashboard's first request then finds it loaded (or waits for
            // this read instead of starting another). Not when a launch
            // dashboard is saved, current or earlier: it is shown at once,
            // and the reading starts after it (the earlier one's `settle`),
            // leaving both cores to the window meanwhile.
            let saved = app
                .state::<AppState>()
                .with_store(|s| Ok(mentorscope::api::launch_dashboard_saved(s)))
                .unwrap_or(false);
            if !saved {
                let handle = app.handle().clone();
                std::thread::spawn(move || {
                    let _ = handle.state::<AppState>().program();
                });
            }
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Mentorscope stopped: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
