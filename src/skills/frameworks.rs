//! The built-in skill frameworks a manager can start from: *Senior
//! backend*, *Mentoring craft* and *Interview calibration*. Each is a CSV
//! file in `src/skills/frameworks/` (`area, scale, synonyms, description`),
//! compiled in, so a framework is extended by editing data, not code. The
//! synonyms match meeting topics to skill areas for coverage vs growth.

use super::scale::Family;
use crate::error::{Error, Result};

/// One skill area (or calibration question) of a framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub name: String,
    pub family: Family,
    pub synonyms: Vec<String>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    /// The name to ask for (`senior-backend`).
    pub id: &'static str,
    pub title: &'static str,
    pub areas: Vec<Area>,
}

const FILES: [(&str, &str, &str); 3] = [
    (
        "senior-backend",
        "Senior backend",
        include_str!("frameworks/senior-backend.csv"),
    ),
    (
        "mentoring-craft",
        "Mentoring craft",
        include_str!("frameworks/mentoring-craft.csv"),
    ),
    (
        "interview-calibration",
        "Interview calibration",
        include_str!("frameworks/interview-calibration.csv"),
    ),
];

fn parse(id: &'static str, title: &'static str, text: &str) -> Result<Framework> {
    let bad = |why: String| Error::InvalidArgument(format!("skill framework {id}: {why}"));
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut areas = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| bad(e.to_string()))?;
        let get = |j: usize| rec.get(j).unwrap_or("").trim().to_string();
        let family =
            Family::parse(&get(1)).ok_or_else(|| bad(format!("row {}: unknown scale", i + 2)))?;
        areas.push(Area {
            name: get(0),
            family,
            synonyms: get(2)
                .split(';')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            description: get(3),
        });
    }
    Ok(Framework { id, title, areas })
}

/// Every built-in framework.
pub fn all() -> Vec<Framework> {
    FILES
        .iter()
        // The files are part of the build and tested below: one that does
        // not parse is left out rather than stopping the analysis.
        .filter_map(|(id, title, text)| parse(id, title, text).ok())
        .collect()
}

/// A framework by its id or title, ignoring case and punctuation.
pub fn find(name: &str) -> Result<Framework> {
    let want = crate::ingest::kinds::normalise_header(name);
    all()
        .into_iter()
        .find(|f| {
            crate::ingest::kinds::normalise_header(f.id) == want
                || crate::ingest::kinds::normalise_header(f.title) == want
        })
        .ok_or_else(|| {
            let names: Vec<&str> = FILES.iter().map(|f| f.0).collect();
            Error::InvalidArgument(format!(
                "there is no skill framework called “{name}”; the built-in ones are {}",
                names.join(", ")
            ))
        })
}

/// Normalised names a meeting topic may carry for each area name of every
/// framework: the area's own name and its synonyms.
pub fn topic_names(area: &str) -> Vec<String> {
    let key = crate::ingest::kinds::normalise_header(area);
    let mut out = vec![key.clone()];
    for f in all() {
        for a in f.areas {
            if crate::ingest::kinds::normalise_header(&a.name) == key {
                out.extend(
                    a.synonyms
                        .iter()
                        .map(|s| crate::ingest::kinds::normalise_header(s)),
                );
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_framework_file_parses_with_the_areas_the_issue_names() {
        for (id, title, text) in FILES {
            parse(id, title, text).unwrap_or_else(|e| panic!("{id}: {e}"));
        }
        let sizes: Vec<(&str, usize)> = all().iter().map(|f| (f.id, f.areas.len())).collect();
        assert_eq!(
            sizes,
            [
                ("senior-backend", 11),
                ("mentoring-craft", 5),
                ("interview-calibration", 20)
            ]
        );
        let calibration = find("Interview calibration").unwrap();
        assert!(calibration
            .areas
            .iter()
            .all(|a| a.family == Family::Rubric3));
        assert!(calibration
            .areas
            .iter()
            .any(|a| a.name == "How do you approach debugging a production issue?"));
        assert!(find("nonsense").is_err());
    }

    #[test]
    fn topics_match_areas_by_name_and_synonym() {
        let names = topic_names("Database modeling");
        assert!(names.contains(&"databasemodeling".to_string()));
        assert!(names.contains(&"schemadesign".to_string()));
        // An area of no framework still matches its own name.
        assert_eq!(topic_names("Rust"), vec!["rust".to_string()]);
    }
}
