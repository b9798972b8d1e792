//! Mentorscope: turns a mentorship program's exports (HR roster, pairing
//! sheet, meeting logs, survey-tool exports, milestones, team delivery
//! metrics) into the before/after evidence leadership asks for.
//!
//! One library does all the work — `ingest` reads files into the `store`,
//! `analysis` computes the metrics of METRICS.md with `stats` — and two thin
//! front doors call it: the `mentorscope` CLI and the desktop app in
//! `src-tauri/`. Nothing here prints or knows about windows.

pub mod about;
pub mod analysis;
pub mod api;
pub mod charts;
pub mod disclosure;
pub mod error;
pub mod ingest;
pub mod report;
pub mod sample;
pub mod skills;
pub mod stats;
pub mod store;
pub mod text;
pub mod timing;

pub use error::{Error, Result};
pub use ingest::{import_file, import_files, ImportOptions, ImportReport, Kind, Mapping};
pub use store::{default_db_path, Store};
