//! Helpers for the end-to-end tests in `tests/`: start `tauri-driver` on a
//! free port, open a WebDriver session on the desktop app, and wait for the
//! page the way a person would (the app answers asynchronously).
