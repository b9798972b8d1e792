//! One table to import, whatever it came from: decoded CSV text, or one
//! sheet of a workbook as rows of cell text. Both give the same records
//! (line or sheet row, fields) to the same header detection and row code,
//! and a problem's place as the user reads it (`line 14`, `Sheet1!C14`).
//!
//! It owns choosing the sheets of a workbook (hidden, empty and unrecognised
//! ones are skipped and said so); it does not write anything.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::workbook::{self, SheetState, SheetTable};
use super::{encoding, hex, table};
use crate::error::{Error, Result};

pub(crate) enum Body<'a> {
    Text(Cow<'a, str>),
    Sheet(SheetTable),
}

pub(crate) struct Source<'a> {
    pub file: PathBuf,
    /// The import's identity for "already imported": the file's SHA-256, or
    /// for a sheet, the SHA-256 of the file's hash and the sheet's name.
    pub sha256: String,
    pub body: Body<'a>,
    pub encoding: String,
    pub replaced: usize,
    pub layout: table::Layout,
    /// Set when the text is a workbook-named file that is really CSV.
    pub pretending: Option<&'static str>,
}

pub(crate) type Record<'r> = Result<(u64, Cow<'r, csv::StringRecord>), (u64, String)>;

impl Source<'_> {
    pub fn sheet(&self) -> Option<&str> {
        match &self.body {
            Body::Sheet(s) => Some(&s.name),
            Body::Text(_) => None,
        }
    }

    /// At least as many as the data records: the text's lines, or the
    /// sheet's rows.
    pub fn records_at_most(&self) -> usize {
        match &self.body {
            Body::Text(t) => memchr::memchr_iter(b'\n', t.as_bytes()).count() + 1,
            Body::Sheet(s) => s.rows.len(),
        }
    }

    /// Semicolon files come from European Excel, whose numbers are written
    /// with a decimal comma.
    pub fn decimal_comma(&self) -> bool {
        self.layout.delimiter == b';'
    }

    /// The data records (header rows and blank rows left out).
    pub fn records(&self) -> Box<dyn Iterator<Item = Record<'_>> + '_> {
        match &self.body {
            Body::Text(t) => Box::new(
                table::data_records(t, &self.layout)
                    .map(|r| r.map(|(l, rec)| (l, Cow::Owned(rec)))),
            ),
            Body::Sheet(s) => Box::new(
                s.rows
                    .iter()
                    .skip(self.layout.data_start)
                    .map(|(l, r)| Ok((*l, Cow::Borrowed(r)))),
            ),
        }
    }

    /// How far through the file record `n` (at byte `byte` of a text) is.
    pub fn fraction(&self, n: usize, byte: u64) -> f64 {
        match &self.body {
            Body::Text(t) => byte as f64 / t.len().max(1) as f64,
            Body::Sheet(s) => n as f64 / s.rows.len().max(1) as f64,
        }
    }

    /// A problem's place as a spreadsheet user reads it: `Sheet1!C14` (or
    /// `Sheet1 row 14` without a column); `None` for CSV, whose line and
    /// column already say it.
    pub fn place(&self, line: Option<u64>, column: Option<&str>) -> Option<String> {
        let Body::Sheet(s) = &self.body else {
            return None;
        };
        let sheet = quote_sheet(&s.name);
        let Some(line) = line else {
            return Some(sheet);
        };
        let col = column.and_then(|c| self.layout.columns.iter().position(|x| x.name == c));
        Some(match col {
            Some(i) => format!(
                "{sheet}!{}{line}",
                workbook::column_letters(s.first_col + i as u32)
            ),
            None => format!("{sheet} row {line}"),
        })
    }
}

/// Excel quotes sheet names with spaces or punctuation: `'Form Responses 1'!B2`.
pub fn quote_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

fn not_a_table(path: &Path, reason: impl Into<String>) -> Error {
    Error::NotATable {
        file: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Decoded CSV text → a source.
pub(crate) fn text_source<'a>(path: &Path, bytes: &'a [u8]) -> Result<Source<'a>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(not_a_table(
            path,
            "the file is empty: it has no header row and no data",
        ));
    }
    if let Some(why) = encoding::refuse_binary(bytes) {
        return Err(not_a_table(path, why));
    }
    let decoded = encoding::decode(bytes).map_err(|r| not_a_table(path, r))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut pretending = None;
    if workbook::has_workbook_extension(&name) {
        match workbook::text_pretending(&decoded.text) {
            Some("html") => return Err(not_a_table(path, "this file has a workbook's name but is really a web page (HTML), as some tools write \"Excel\" exports. Open it in Excel, then File > Save As > Excel Workbook (.xlsx) or CSV UTF-8, and import that file")),
            Some(_) => return Err(not_a_table(path, "this file has a workbook's name but is really an \"XML Spreadsheet 2003\" file. Open it in Excel, then File > Save As > Excel Workbook (.xlsx) or CSV UTF-8, and import that file")),
            None => pretending = Some("csv"),
        }
    }
    let delimiter = table::sniff_delimiter(&decoded.text);
    let layout = table::layout(&decoded.text, delimiter).map_err(|r| not_a_table(path, r))?;
    if layout.columns.len() < 2 {
        return Err(not_a_table(path,
            "only one column was found, so this does not look like a table; check that the file is a CSV export (comma, semicolon or tab separated)",
        ));
    }
    Ok(Source {
        file: path.to_path_buf(),
        sha256: hex(&Sha256::digest(bytes)),
        encoding: decoded.encoding.to_string(),
        replaced: decoded.replaced,
        body: Body::Text(decoded.text),
        layout,
        pretending,
    })
}

/// One sheet → a source, or why the sheet is not a table.
pub(crate) fn sheet_source(
    path: &Path,
    file_sha: &str,
    format: workbook::Format,
    mut table: SheetTable,
) -> std::result::Result<Source<'static>, String> {
    if table.rows.is_empty() {
        return Err("it is empty".into());
    }
    let mut layout = table::sheet_layout(&table.rows)?;
    if layout.columns.len() < 2 {
        return Err("it has only one column, so it is not a table".into());
    }
    fill_merged_headers(&mut layout, &table);
    // Trim the rows to the header's width plus what data reaches: a sheet
    // with a stray note far to the right keeps its cells, named by column.
    let sha256 = hex(&Sha256::digest(
        format!("{file_sha}\0{}", table.name).as_bytes(),
    ));
    table.rows.shrink_to_fit();
    Ok(Source {
        file: path.to_path_buf(),
        sha256,
        encoding: format.label().to_string(),
        replaced: 0,
        body: Body::Sheet(table),
        layout,
        pretending: None,
    })
}

/// A header cell inside a merged area, other than its first, shows the
/// merge's value in Excel; a CSV would have it blank. Plain tables take the
/// value (survey-tool shapes read blanks as "continues the question").
fn fill_merged_headers(layout: &mut table::Layout, t: &SheetTable) {
    if layout.shape.is_survey_tool() {
        return;
    }
    let header_row = layout.header_line as u32 - 1;
    let Some((_, rec)) = t.rows.iter().find(|(l, _)| *l == layout.header_line) else {
        return;
    };
    let mut seen = std::collections::HashSet::new();
    for c in &layout.columns {
        seen.insert(c.name.clone());
    }
    for (i, col) in layout.columns.iter_mut().enumerate() {
        if !rec.get(i).is_some_and(|v| v.trim().is_empty()) {
            continue;
        }
        let abs = t.first_col + i as u32;
        let Some(&(r0, c0, _, _)) = t.merges.iter().find(|(r0, c0, r1, c1)| {
            *r0 <= header_row && header_row <= *r1 && *c0 <= abs && abs <= *c1
        }) else {
            continue;
        };
        let value = t
            .rows
            .iter()
            .find(|(l, _)| *l == u64::from(r0) + 1)
            .and_then(|(_, r)| r.get((c0 - t.first_col) as usize))
            .map(str::trim)
            .unwrap_or("");
        if value.is_empty() {
            continue;
        }
        let mut name = value.to_string();
        let mut k = 2;
        while seen.contains(&name) {
            name = format!("{value} ({k})");
            k += 1;
        }
        seen.insert(name.clone());
        col.name = name.clone();
        col.code = name;
    }
}

/// A sheet the workbook has, and what will be done with it.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct SheetNote {
    pub sheet: String,
    /// Why it is not imported; `None` when it is.
    pub skipped_because: Option<String>,
}

/// A SurveyMonkey or SPSS crosstab: a summary table of percentages with
/// `Unweighted n` / `Total` rows, not one row per response.
pub(crate) fn looks_like_crosstab(t: &SheetTable) -> bool {
    let mut marks = 0;
    for (_, r) in t.rows.iter().take(200) {
        for c in r.iter().take(3) {
            let n: String = c
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            if matches!(
                n.as_str(),
                "unweightedn"
                    | "weightedn"
                    | "unweightedbase"
                    | "weightedbase"
                    | "base"
                    | "columnn"
                    | "totalrespondents"
            ) {
                marks += 1;
            }
        }
    }
    marks >= 1
}

pub(crate) fn sheet_state_reason(state: SheetState) -> Option<&'static str> {
    match state {
        SheetState::Visible => None,
        SheetState::Hidden => Some("it is hidden"),
        SheetState::Chart => Some("it is a chart or macro sheet, not a table"),
    }
}
