//! The library's one error type. Every variant carries enough context (file,
//! line, column, value) for the user to find and fix the problem, and renders
//! as a sentence a program manager can act on. It must never carry a row's
//! contents into logs: `value` is shown to the user who owns the file, and
//! only there.

use std::path::PathBuf;

/// A stable, machine-readable code the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Io,
    NotATable,
    UnknownKind,
    MissingColumn,
    Row,
    Database,
    Migration,
    NotFound,
    InvalidArgument,
    Analysis,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The file is not something we can read as a table at all.
    #[error("{}: {reason}", file.display())]
    NotATable { file: PathBuf, reason: String },

    /// A table, but not one of the kinds we know.
    #[error("{}: {reason}", file.display())]
    UnknownKind { file: PathBuf, reason: String },

    /// The kind is known (or was given) but a required column is absent.
    #[error(
        "{}: line {line}: no column for {field} (expected one of: {expected}). Columns found: {found}",
        file.display()
    )]
    MissingColumn {
        file: PathBuf,
        line: u64,
        field: String,
        expected: String,
        found: String,
    },

    /// One value of one row: used for whole-file refusals caused by a row.
    #[error("{}: line {line}, column {column}: {reason} (value `{value}`)", file.display())]
    Row {
        file: PathBuf,
        line: u64,
        column: String,
        value: String,
        reason: String,
    },

    #[error("database error: {}", db_reason(.0))]
    Db(#[from] rusqlite::Error),

    #[error("could not update the database to this version of Mentorscope: {0}")]
    Migration(String),

    #[error("{0}")]
    NotFound(String),

    #[error("{0}")]
    InvalidArgument(String),

    #[error("analysis failed: {0}")]
    Analysis(String),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Io { .. } => ErrorCode::Io,
            Error::NotATable { .. } => ErrorCode::NotATable,
            Error::UnknownKind { .. } => ErrorCode::UnknownKind,
            Error::MissingColumn { .. } => ErrorCode::MissingColumn,
            Error::Row { .. } => ErrorCode::Row,
            Error::Db(_) => ErrorCode::Database,
            Error::Migration(_) => ErrorCode::Migration,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InvalidArgument(_) => ErrorCode::InvalidArgument,
            Error::Analysis(_) => ErrorCode::Analysis,
        }
    }

    pub fn io(file: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            file: file.into(),
            source,
        }
    }
}

/// SQLite's own words, with what to do where the user can do something.
fn db_reason(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => {
            format!("the disk is full ({e}); free some space and try again")
        }
        Some(rusqlite::ErrorCode::SystemIoFailure) => format!(
            "could not write to the disk ({e}); check that it has free space and is still connected, then try again"
        ),
        _ => e.to_string(),
    }
}

impl From<polars::error::PolarsError> for Error {
    fn from(e: polars::error::PolarsError) -> Self {
        Error::Analysis(e.to_string())
    }
}

/// What crosses to the UI: `{ code, message }`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UiError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<&Error> for UiError {
    fn from(e: &Error) -> Self {
        UiError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
