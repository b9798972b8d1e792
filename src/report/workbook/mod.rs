//! `review.xlsx`, the analyst's copy: every number of `analysis.json` in a
//! workbook, written with `rust_xlsxwriter`. A first sheet says what the
//! workbook is (program, scope, as-of date, the top-level values), then
//! one sheet per part of `analysis.json` named by its key, laid out by
//! [`flatten`] from the JSON's shape alone (so a key the analysis gains
//! gets its sheet without code here), then the definitions.
//!
//! Numbers are numbers and dates are dates. Text is always a text cell;
//! text that a spreadsheet could take for a formula (`=`, `+`, `-`, `@`,
//! tab or CR first) also gets Excel's quote prefix, so editing the cell or
//! copying it elsewhere keeps it text. A value the analysis suppressed is
//! `null` in the JSON and an empty cell here, with a note saying why. The
//! file's properties carry the as-of date as their only date, so the same
//! analysis gives the same bytes.

mod flatten;
mod json;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Note, Workbook, Worksheet,
};

use crate::analysis::{Analysis, AnalysisOptions};
use crate::charts::date_long;
use crate::error::{Error, Result};
use flatten::{blocks, Block, Cell};
use json::Json;

/// Excel's limit on the text of one cell.
const MAX_TEXT: usize = 32_767;

fn fail(e: impl std::fmt::Display) -> Error {
    Error::Analysis(format!("could not write the workbook: {e}"))
}

/// True for text a spreadsheet might read as a formula.
pub fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

struct Formats {
    title: Format,
    heading: Format,
    header: Format,
    text: Format,
    quoted: Format,
    date: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            heading: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_background_color("F3F4F6")
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new(),
            quoted: Format::new().set_quote_prefix(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            wrap: Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
        }
    }
}

fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, f: &Formats, base: &Format) -> Result<()> {
    // Control characters other than tab and line breaks cannot stand in
    // XML; the writer would keep them as `_x0007_` escapes that readers
    // other than Excel show literally, so they are dropped (as in the deck).
    let s: String = s
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r') || (*c as u32) >= 0x7F)
        .take(MAX_TEXT)
        .collect();
    let fmt = if formula_like(&s) { &f.quoted } else { base };
    ws.write_string_with_format(row, col, &s, fmt)
        .map_err(fail)?;
    Ok(())
}

fn cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    c: &Cell,
    f: &Formats,
    hidden_note: &str,
) -> Result<()> {
    match c {
        Cell::Empty => {}
        Cell::Hidden => {
            let note = Note::new(hidden_note)
                .set_author("Mentorscope")
                .add_author_prefix(false);
            ws.insert_note(row, col, &note).map_err(fail)?;
        }
        Cell::Number(n) => {
            ws.write_number(row, col, *n).map_err(fail)?;
        }
        Cell::Bool(b) => {
            ws.write_boolean(row, col, *b).map_err(fail)?;
        }
        Cell::Date(d) => {
            use chrono::Datelike;
            let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                .map_err(fail)?;
            ws.write_datetime_with_format(row, col, &x, &f.date)
                .map_err(fail)?;
        }
        Cell::Text(s) => text(ws, row, col, s, f, &f.text)?,
    }
    Ok(())
}

/// Writes `blocks` one under another from `row`; returns the next free row.
fn write_blocks(
    ws: &mut Worksheet,
    mut row: u32,
    blocks: &[Block],
    f: &Formats,
    note: &str,
) -> Result<u32> {
    for b in blocks {
        text(ws, row, 0, &b.title, f, &f.heading)?;
        row += 1;
        for (c, h) in b.header.iter().enumerate() {
            text(ws, row, c as u16, h, f, &f.header)?;
        }
        row += 1;
        for r in &b.rows {
            for (c, v) in r.iter().enumerate() {
                cell(ws, row, c as u16, v, f, note)?;
            }
            row += 1;
        }
        row += 1;
    }
    Ok(row)
}

/// A sheet name Excel accepts, unique among `taken`.
fn sheet_name(key: &str, taken: &mut Vec<String>) -> String {
    let clean: String = key
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    let mut name = if clean.is_empty() {
        "sheet".to_string()
    } else {
        clean
    };
    let mut i = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{} {i}", name.chars().take(26).collect::<String>());
        i += 1;
    }
    taken.push(name.clone());
    name
}

/// Writes the workbook from `analysis_json` (the bytes of
/// `analysis.json`), with the cover and definitions from `a`.
pub fn render(
    name: &str,
    analysis_json: &[u8],
    a: &Analysis,
    o: &AnalysisOptions,
) -> Result<Vec<u8>> {
    let root: Json = serde_json::from_slice(analysis_json).map_err(fail)?;
    let Json::Obj(top) = root else {
        return Err(fail("analysis.json is not an object"));
    };
    let k = a.min_group_size;
    let note = format!("hidden: fewer than {k} respondents");
    let f = Formats::new();
    let mut wb = Workbook::new();
    let date = a.as_of.and_then(|d| {
        use chrono::Datelike;
        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
    });
    let date = match date {
        Some(d) => d,
        None => ExcelDateTime::from_ymd(2000, 1, 1).map_err(fail)?,
    };
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{name} — numbers behind the review"))
            .set_author("Mentorscope")
            .set_creation_datetime(&date),
    );
    let mut taken = Vec::new();

    // The cover: what this is, and the top-level values.
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("About", &mut taken)).map_err(fail)?;
    // The sentences run on over the empty cells to their right; column B
    // stays narrow so the values sit beside their names.
    ws.set_column_width(0, 34).map_err(fail)?;
    ws.set_column_width(1, 16).map_err(fail)?;
    text(ws, 0, 0, name, &f, &f.title)?;
    let as_of = a.as_of.map(date_long).unwrap_or_else(|| "—".into());
    let about = [
        format!("The numbers behind the review as of {as_of}: the same values as analysis.json, one sheet per part of it."),
        super::text::scope_line(a, o),
        format!("Empty cells with a note were hidden: survey results over fewer than {k} respondents are never shown."),
        "Dates are dates; p-values, estimates and confidence intervals are full-precision numbers.".into(),
    ];
    for (i, line) in about.iter().enumerate() {
        text(ws, 1 + i as u32, 0, line, &f, &f.text)?;
    }
    let scalars: Vec<(String, Json)> = top
        .iter()
        .filter(|(_, v)| {
            v.is_scalar() || matches!(v, Json::Arr(a) if a.iter().all(Json::is_scalar))
        })
        .cloned()
        .collect();
    let cover = blocks("analysis.json", &Json::Obj(scalars), k);
    write_blocks(ws, 2 + about.len() as u32, &cover, &f, &note)?;

    for (key, v) in &top {
        if v.is_scalar() || matches!(v, Json::Arr(a) if a.iter().all(Json::is_scalar)) {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(key, &mut taken)).map_err(fail)?;
        ws.set_column_width(0, 34).map_err(fail)?;
        for c in 1..12u16 {
            ws.set_column_width(c, 16).map_err(fail)?;
        }
        // Comments (M9) are hidden by their own threshold, not k.
        let comment_note = format!(
            "hidden: fewer than {} people wrote a comment in this group",
            a.comments.min_comments
        );
        let note = if key == "comments" {
            &comment_note
        } else {
            &note
        };
        write_blocks(ws, 0, &blocks(key, v, k), &f, note)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Definitions", &mut taken))
        .map_err(fail)?;
    ws.set_column_width(0, 24).map_err(fail)?;
    ws.set_column_width(1, 110).map_err(fail)?;
    text(ws, 0, 0, "term", &f, &f.header)?;
    text(ws, 0, 1, "definition", &f, &f.header)?;
    for (i, (term, def)) in super::text::definitions(a).iter().enumerate() {
        let r = 1 + i as u32;
        text(ws, r, 0, term, &f, &f.wrap)?;
        text(ws, r, 1, def, &f, &f.wrap)?;
    }
    wb.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_recognised() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(formula_like(s), "{s:?}");
        }
        for s in ["Ada", "1-2", " =x", "Équipe"] {
            assert!(!formula_like(s), "{s:?}");
        }
    }

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("survey_unpaired", &mut taken), "survey_unpaired");
        assert_eq!(sheet_name("a/b:c", &mut taken), "a_b_c");
        assert_eq!(
            sheet_name("SURVEY_UNPAIRED", &mut taken),
            "SURVEY_UNPAIRED 2"
        );
        let long = sheet_name(&"x".repeat(40), &mut taken);
        assert!(long.chars().count() <= 31);
    }
}
