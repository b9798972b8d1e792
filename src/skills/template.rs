//! The ready-to-fill skill assessment sheet: `mentorscope template skills
//! --framework NAME --out FILE.csv|.xlsx [--long]`. Wide shape — one row per
//! person on the roster (those without an exit date), one column per area
//! of the framework — or long (`--long`): one row per person and area with
//! an empty Rating. Either has the headers the importer recognises, so the
//! filled-in sheet imports with no mapping by hand. A workbook also gets a *Rating
//! legend* sheet (the scale's labels, what each area means) and a drop-down
//! of the labels on every rating cell.
//!
//! Every value from the roster is written as text: a name that looks like
//! a formula stays text (CSV: an apostrophe in front; workbook: a string
//! cell), so opening the template runs nothing.

use std::path::Path;

use super::frameworks::Framework;
use crate::error::{Error, Result};
use crate::store::Store;

/// The columns before the areas; `Name` is there for the person filling it
/// in and is ignored on import.
pub const LEAD_COLUMNS: [&str; 5] = ["Employee ID", "Name", "Wave", "Date", "Rater"];

/// The long shape's columns after [`LEAD_COLUMNS`].
pub const LONG_COLUMNS: [&str; 2] = ["Skill area", "Rating"];

/// What goes in the Wave and Rater columns of every row.
#[derive(Debug, Clone)]
pub struct TemplateOptions {
    pub wave: String,
    pub rater: String,
    /// One row per person and area (Skill area, Rating columns) instead of
    /// one column per area.
    pub long: bool,
}

impl Default for TemplateOptions {
    fn default() -> Self {
        TemplateOptions {
            wave: "pre".into(),
            rater: "self".into(),
            long: false,
        }
    }
}

/// The sheet as rows of text, header first.
pub fn rows(
    store: &Store,
    framework: &Framework,
    opts: &TemplateOptions,
) -> Result<Vec<Vec<String>>> {
    let mut header: Vec<String> = LEAD_COLUMNS.iter().map(|s| s.to_string()).collect();
    if opts.long {
        header.extend(LONG_COLUMNS.iter().map(|s| s.to_string()));
    } else {
        header.extend(framework.areas.iter().map(|a| a.name.clone()));
    }
    let mut out = vec![header];
    let mut stmt = store.conn().prepare(
        "SELECT person_id, COALESCE(name, '') FROM person WHERE exit_date IS NULL ORDER BY person_id",
    )?;
    let people = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for p in people {
        let (id, name) = p?;
        let lead = vec![
            id,
            name,
            opts.wave.clone(),
            String::new(),
            opts.rater.clone(),
        ];
        if opts.long {
            for a in &framework.areas {
                let mut row = lead.clone();
                row.extend([a.name.clone(), String::new()]);
                out.push(row);
            }
        } else {
            let mut row = lead;
            row.extend(framework.areas.iter().map(|_| String::new()));
            out.push(row);
        }
    }
    if out.len() == 1 {
        return Err(Error::InvalidArgument(
            "the roster is empty, so the template would have no one to rate; import the HR roster first".into(),
        ));
    }
    Ok(out)
}

/// A spreadsheet runs a cell starting with `=`, `+`, `-` or `@`; an
/// apostrophe keeps it text.
fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Writes the template to `out`: `.xlsx` as a workbook, anything else as
/// CSV (UTF-8 with BOM, so Excel reads accents). Returns the number of
/// rows to fill in (people, or people × areas in the long shape).
pub fn write(
    store: &Store,
    framework: &Framework,
    opts: &TemplateOptions,
    out: &Path,
) -> Result<usize> {
    let rows = rows(store, framework, opts)?;
    let is_xlsx = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        write_xlsx(&rows, framework, opts.long, out)?;
    } else {
        let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        for r in &rows {
            let cells: Vec<String> = r.iter().map(|c| neutralise(c)).collect();
            w.write_record(&cells)
                .map_err(|e| Error::InvalidArgument(format!("writing the template: {e}")))?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| Error::InvalidArgument(format!("writing the template: {e}")))?;
        std::fs::write(out, bytes).map_err(|e| Error::io(out, e))?;
    }
    Ok(rows.len() - 1)
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::InvalidArgument(format!("writing the template workbook: {e}"))
}

fn write_xlsx(rows: &[Vec<String>], framework: &Framework, long: bool, out: &Path) -> Result<()> {
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = wb.add_worksheet();
    sheet.set_name("Skills").map_err(xlsx_err)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if r == 0 {
                sheet
                    .write_string_with_format(0, c as u16, v, &bold)
                    .map_err(xlsx_err)?;
            } else if !v.is_empty() {
                sheet
                    .write_string(r as u32, c as u16, v)
                    .map_err(xlsx_err)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 2).map_err(xlsx_err)?;
    let first_area = LEAD_COLUMNS.len() as u16;
    // (column, labels) of every rating column: each area's own, or the one
    // Rating column of the long shape (a framework uses one scale).
    let rating_columns: Vec<(u16, &[&str])> = if long {
        sheet.set_column_width(first_area, 40).map_err(xlsx_err)?;
        framework
            .areas
            .first()
            .map(|a| vec![(first_area + 1, a.family.labels())])
            .unwrap_or_default()
    } else {
        framework
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (first_area + i as u16, a.family.labels()))
            .collect()
    };
    for (col, labels) in rating_columns {
        sheet.set_column_width(col, 18).map_err(xlsx_err)?;
        if !labels.is_empty() && rows.len() > 1 {
            let v = DataValidation::new()
                .allow_list_strings(labels)
                .map_err(xlsx_err)?
                .ignore_blank(true);
            sheet
                .add_data_validation(1, col, (rows.len() - 1) as u32, col, &v)
                .map_err(xlsx_err)?;
        }
    }
    let legend = wb.add_worksheet();
    legend.set_name("Rating legend").map_err(xlsx_err)?;
    legend
        .write_string_with_format(0, 0, format!("{} — how to rate", framework.title), &bold)
        .map_err(xlsx_err)?;
    let mut r = 2u32;
    let mut families: Vec<super::scale::Family> =
        framework.areas.iter().map(|a| a.family).collect();
    families.dedup();
    for f in families {
        for (i, label) in f.labels().iter().enumerate() {
            legend.write_string(r, 0, *label).map_err(xlsx_err)?;
            legend
                .write_string(r, 1, format!("{} of {}", i + 1, f.labels().len()))
                .map_err(xlsx_err)?;
            r += 1;
        }
        r += 1;
    }
    for a in &framework.areas {
        legend.write_string(r, 0, &a.name).map_err(xlsx_err)?;
        legend
            .write_string(r, 1, &a.description)
            .map_err(xlsx_err)?;
        r += 1;
    }
    legend.set_column_width(0, 40).map_err(xlsx_err)?;
    legend.set_column_width(1, 70).map_err(xlsx_err)?;
    wb.save(out).map_err(xlsx_err)?;
    Ok(())
}
