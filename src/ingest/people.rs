//! The roster and the pairing sheet: who is in the program, and who
//! mentors whom. Rows are validated in full before they are written; every
//! dropped value or skipped row is a problem on its line.

use std::collections::{BTreeMap, HashMap};

use rusqlite::params;

use super::cells::Cells;
use super::kinds::FieldColumns;
use super::rows::{
    cell, count_insert, for_each_record, header, read_date, roster_index, two_people, Context, Read,
};
use super::values::{self, DateOrder};
use super::Severity;
use crate::error::Result;

pub(super) fn roster(
    ctx: &mut Context<'_, '_>,
    f: &FieldColumns,
    orders: &BTreeMap<&'static str, DateOrder>,
) -> Result<()> {
    let tx = ctx.tx;
    let mut stmt = tx.prepare(
        "INSERT INTO people (import_id, person_id, name, email, team, level, hire_date, exit_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let import_id = ctx.import_id;
    for_each_record(ctx, |ctx, line, rec| {
        let id_raw = cell(rec, f, "person_id");
        let email_raw = cell(rec, f, "email");
        if !id_raw.is_empty() && values::looks_excel_mangled(id_raw) {
            let col = header(ctx, f, "person_id").to_string();
            ctx.problem(line, Some(&col), Some(id_raw), format!("{col} looks like Excel turned it into scientific notation, which loses digits; re-export with the column formatted as Text"), Severity::Skipped);
            ctx.report.rows_skipped += 1;
            return Ok(());
        }
        let email = values::normalise_identity(email_raw)
            .map(|e| e.into_owned())
            .filter(|e| e.contains('@'));
        if !email_raw.is_empty() && email.is_none() && !values::is_missing(email_raw) {
            let col = header(ctx, f, "email").to_string();
            ctx.problem(
                line,
                Some(&col),
                Some(email_raw),
                format!("{col} is not an e-mail address (left empty)"),
                Severity::Warning,
            );
        }
        let Some(person_id) = values::normalise_identity(id_raw)
            .map(|p| p.into_owned())
            .or_else(|| email.clone())
        else {
            ctx.problem(
                line,
                None,
                None,
                "no employee ID or e-mail on this row, so it cannot be matched to anything".into(),
                Severity::Skipped,
            );
            ctx.report.rows_skipped += 1;
            return Ok(());
        };
        if let Some(first) = seen.get(&person_id) {
            let reason =
                format!("this person already appears on line {first}; the first row was kept");
            ctx.problem(
                line,
                Some(header(ctx, f, "person_id").to_string().as_str()),
                Some(&person_id),
                reason,
                Severity::Skipped,
            );
            ctx.report.rows_skipped += 1;
            return Ok(());
        }
        let hire = match read_date(ctx, line, rec, f, orders, "hire_date", false) {
            Read::Value(d) => Some(d.date()),
            _ => None,
        };
        let mut exit = match read_date(ctx, line, rec, f, orders, "exit_date", false) {
            Read::Value(d) => Some(d.date()),
            _ => None,
        };
        if let (Some(h), Some(e)) = (hire, exit) {
            if e < h {
                let col = header(ctx, f, "exit_date").to_string();
                ctx.problem(
                    line,
                    Some(&col),
                    Some(&e.to_string()),
                    format!("{col} is before the hire date {h} (left empty)"),
                    Severity::Warning,
                );
                exit = None;
            }
        }
        let opt = |s: &str| (!values::is_missing(s)).then(|| s.to_string());
        stmt.execute(params![
            import_id,
            person_id,
            opt(cell(rec, f, "name")),
            email,
            opt(cell(rec, f, "team")),
            opt(cell(rec, f, "level")),
            hire.map(|d| d.to_string()),
            exit.map(|d| d.to_string()),
        ])?;
        seen.insert(person_id, line);
        ctx.report.rows_imported += 1;
        Ok(())
    })
}

pub(super) fn pairings(
    ctx: &mut Context<'_, '_>,
    f: &FieldColumns,
    orders: &BTreeMap<&'static str, DateOrder>,
) -> Result<()> {
    let index = roster_index(ctx.tx)?;
    let roster_known = !index.is_empty();
    let tx = ctx.tx;
    let mut stmt = tx.prepare(
        "INSERT OR IGNORE INTO pairings (import_id, mentor, mentee, cohort, start_date, end_date, line, format)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let import_id = ctx.import_id;
    for_each_record(ctx, |ctx, line, rec| {
        let Some((mentor, mentee)) =
            two_people(ctx, line, rec, f, &index, roster_known, Severity::Skipped)
        else {
            ctx.report.rows_skipped += 1;
            return Ok(());
        };
        let start = match read_date(ctx, line, rec, f, orders, "start", false) {
            Read::Value(d) => Some(d.date()),
            _ => None,
        };
        let mut end = match read_date(ctx, line, rec, f, orders, "end", false) {
            Read::Value(d) => Some(d.date()),
            _ => None,
        };
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                let col = header(ctx, f, "end").to_string();
                ctx.problem(
                    line,
                    Some(&col),
                    Some(&e.to_string()),
                    format!("{col} is before the start date {s} (left empty)"),
                    Severity::Warning,
                );
                end = None;
            }
        }
        let cohort = Some(cell(rec, f, "cohort")).filter(|s| !values::is_missing(s));
        let format = Some(cell(rec, f, "format")).filter(|s| !values::is_missing(s));
        let n = stmt.execute(params![
            import_id,
            mentor,
            mentee,
            cohort,
            start.map(|d| d.to_string()),
            end.map(|d| d.to_string()),
            line as i64,
            format
        ])?;
        count_insert(ctx, n);
        Ok(())
    })
}
