//! The skills template from the window: the built-in frameworks to choose
//! from, and the ready-to-fill sheet written where the user saved it —
//! the same sheet `mentorscope template skills` writes (`skills::template`
//! owns its shape; this module only carries the choice across).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::skills::{frameworks, template};
use crate::store::Store;

/// One built-in skill framework, as the window offers it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FrameworkChoice {
    pub id: String,
    pub title: String,
    /// How many skill areas (or questions) it rates.
    pub areas: usize,
}

/// What to write: the framework, the wave and rater to fill in, and the
/// shape (one column per area, or one row per person and area).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct TemplateRequest {
    pub framework: String,
    pub wave: String,
    pub rater: String,
    pub long: bool,
}

/// What was written.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct TemplateWritten {
    pub path: String,
    /// Rows to fill in: people, or people × areas in the long shape.
    pub rows: usize,
    pub areas: usize,
    pub framework: String,
}

pub fn skill_frameworks() -> Vec<FrameworkChoice> {
    frameworks::all()
        .into_iter()
        .map(|f| FrameworkChoice {
            areas: f.areas.len(),
            id: f.id.to_string(),
            title: f.title.to_string(),
        })
        .collect()
}

/// Writes the template to `path` (`.xlsx` a workbook, else CSV), people
/// from the roster in `store`.
pub fn write_skills_template(
    store: &Store,
    req: &TemplateRequest,
    path: &Path,
) -> Result<TemplateWritten> {
    let f = frameworks::find(&req.framework)?;
    let wave = req.wave.trim();
    let rater = req.rater.trim();
    let opts = template::TemplateOptions {
        wave: if wave.is_empty() {
            "pre".into()
        } else {
            wave.into()
        },
        rater: if rater.is_empty() {
            "self".into()
        } else {
            rater.into()
        },
        long: req.long,
    };
    let rows = template::write(store, &f, &opts, path)?;
    Ok(TemplateWritten {
        path: path.display().to_string(),
        rows,
        areas: f.areas.len(),
        framework: f.title.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_writes_the_sheet_the_cli_writes() {
        let mut store = Store::open_in_memory().unwrap();
        crate::sample::import_into(&mut store).unwrap();
        let choices = skill_frameworks();
        assert!(choices.len() >= 3, "{choices:?}");
        let backend = choices
            .iter()
            .find(|c| c.title.to_lowercase().contains("backend"))
            .expect("the senior backend framework");
        assert_eq!(backend.areas, 11);
        let dir = tempfile::tempdir().unwrap();
        let req = TemplateRequest {
            framework: backend.id.clone(),
            wave: "pre".into(),
            rater: "self".into(),
            long: false,
        };
        let ours = dir.path().join("window.csv");
        let got = write_skills_template(&store, &req, &ours).unwrap();
        assert_eq!(got.areas, 11);
        assert!(got.rows > 100, "{got:?}");
        let cli = dir.path().join("cli.csv");
        let f = frameworks::find(&backend.id).unwrap();
        template::write(&store, &f, &template::TemplateOptions::default(), &cli).unwrap();
        assert_eq!(std::fs::read(&ours).unwrap(), std::fs::read(&cli).unwrap());
        let err = write_skills_template(
            &store,
            &TemplateRequest {
                framework: "no such framework".into(),
                ..req
            },
            &dir.path().join("x.csv"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("no such framework"), "{err}");
    }
}
