//! Column mappings the user confirmed in the import wizard, remembered for
//! the next file with the same headers, in a small JSON file beside the
//! program database. It stores choices only; it never reads a data file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ingest::kinds::normalise_header;
use crate::ingest::Mapping;

/// Column mappings the user confirmed, keyed by the file's headers, kept in
/// a small JSON file beside the program database.
pub struct MappingBook {
    path: Option<PathBuf>,
    entries: BTreeMap<String, Mapping>,
}

#[derive(Serialize, Deserialize, Default)]
struct BookFile {
    #[serde(default)]
    mappings: BTreeMap<String, Mapping>,
}

impl MappingBook {
    /// The book that lives next to `db` (`saved-mappings.json`).
    pub fn beside(db: Option<&Path>) -> MappingBook {
        let path = db
            .and_then(|d| d.parent())
            .map(|p| p.join("saved-mappings.json"));
        let entries = path
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|b| serde_json::from_slice::<BookFile>(&b).ok())
            .map(|f| f.mappings)
            .unwrap_or_default();
        MappingBook { path, entries }
    }

    fn signature(columns: &[String]) -> String {
        columns
            .iter()
            .map(|c| normalise_header(c))
            .collect::<Vec<_>>()
            .join("|")
    }

    pub fn lookup(&self, columns: &[String]) -> Option<&Mapping> {
        self.entries.get(&Self::signature(columns))
    }

    pub fn remember(&mut self, columns: &[String], mapping: Mapping) -> Result<()> {
        self.entries.insert(Self::signature(columns), mapping);
        let Some(path) = &self.path else {
            return Ok(());
        };
        let bytes = serde_json::to_vec_pretty(&BookFile {
            mappings: self.entries.clone(),
        })
        .map_err(|e| Error::InvalidArgument(format!("could not save the column mapping: {e}")))?;
        let tmp = path.with_extension("json.partial");
        std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Kind;

    #[test]
    fn a_confirmed_mapping_is_remembered_for_the_same_headers() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        let mut book = MappingBook::beside(Some(&db));
        let headers = vec!["Staff No".to_string(), "Joined (date)".to_string()];
        let m = Mapping {
            kind: Some(Kind::Roster),
            ..Mapping::default()
        };
        book.remember(&headers, m.clone()).unwrap();
        let again = MappingBook::beside(Some(&db));
        let same_shape = vec!["staff no".to_string(), "Joined".to_string()];
        assert_eq!(again.lookup(&same_shape), Some(&m));
        assert_eq!(again.lookup(&["Other".to_string()]), None);
    }
}
