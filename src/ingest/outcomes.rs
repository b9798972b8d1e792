//! What the program is judged by, besides surveys: milestones (ramp-up,
//! M2) and weekly team delivery metrics (M4).

use std::collections::BTreeMap;

use rusqlite::params;

use super::cells::Cells;
use super::kinds::FieldColumns;
use super::rows::{
    cell, count_insert, for_each_record, header, is_known, read_date, read_number, resolve,
    roster_index, Context, Read,
};
use super::values::{self, DateOrder};
use super::Severity;
use crate::error::Result;

pub(super) fn milestones(
    ctx: &mut Context<'_, '_>,
    f: &FieldColumns,
    orders: &BTreeMap<&'static str, DateOrder>,
) -> Result<()> {
    let index = roster_index(ctx.tx)?;
    let roster_known = !index.is_empty();
    let tx = ctx.tx;
    let mut stmt = tx.prepare(
        "INSERT OR IGNORE INTO milestones (import_id, person, milestone, date, line) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let import_id = ctx.import_id;
    for_each_record(ctx, |ctx, line, rec| {
        let raw = cell(rec, f, "person");
        let col = header(ctx, f, "person").to_string();
        let Some(person) = resolve(&index, raw) else {
            ctx.problem(
                line,
                Some(&col),
                Some(raw),
                format!("{col} is empty; every milestone needs a person"),
                Severity::Skipped,
            );
            ctx.report.rows_skipped += 1;
            return Ok(());
        };
        if roster_known && !is_known(&index, raw) {
            ctx.problem(line, Some(&col), Some(raw), format!("{col} `{raw}` is not on the roster (the row was skipped); check the ID or add them to the roster"), Severity::Skipped);
            ctx.report.rows_skipped += 1;
            return Ok(());
        }
        let milestone = cell(rec, f, "milestone");
        if values::is_missing(milestone) {
            let col = header(ctx, f, "milestone").to_string();
            ctx.problem(
                line,
                Some(&col),
                Some(milestone),
                format!("{col} is empty; say which milestone was reached"),
                Severity::Skipped,
            );
            ctx.report.rows_skipped += 1;
            return Ok(());
        }
        let date = match read_date(ctx, line, rec, f, orders, "date", true) {
            Read::Value(d) => d.date(),
            _ => {
                ctx.report.rows_skipped += 1;
                return Ok(());
            }
        };
        let n = stmt.execute(params![
            import_id,
            person,
            milestone,
            date.to_string(),
            line as i64
        ])?;
        count_insert(ctx, n);
        Ok(())
    })
}

pub(super) fn team_metrics(
    ctx: &mut Context<'_, '_>,
    f: &FieldColumns,
    orders: &BTreeMap<&'static str, DateOrder>,
) -> Result<()> {
    let tx = ctx.tx;
    let mut stmt = tx.prepare(
        "INSERT OR IGNORE INTO team_metrics (import_id, team, period_start, deployments, incidents, mttr_hours, change_failure_rate, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let import_id = ctx.import_id;
    for_each_record(ctx, |ctx, line, rec| {
        let team = cell(rec, f, "team");
        if values::is_missing(team) {
            let col = header(ctx, f, "team").to_string();
            ctx.problem(
                line,
                Some(&col),
                Some(team),
                format!("{col} is empty; every row needs a team"),
                Severity::Skipped,
            );
            ctx.report.rows_skipped += 1;
            return Ok(());
        }
        let period = match read_date(ctx, line, rec, f, orders, "period_start", true) {
            Read::Value(d) => d.date(),
            _ => {
                ctx.report.rows_skipped += 1;
                return Ok(());
            }
        };
        let mut nums = [None; 4];
        for (k, field) in [
            "deployments",
            "incidents",
            "mttr_hours",
            "change_failure_rate",
        ]
        .iter()
        .enumerate()
        {
            let v = read_number(ctx, line, rec, f, field);
            nums[k] = match v {
                Some(x) if x < 0.0 => {
                    let col = header(ctx, f, field).to_string();
                    ctx.problem(
                        line,
                        Some(&col),
                        Some(cell(rec, f, field)),
                        format!("{col} cannot be negative (left empty)"),
                        Severity::Warning,
                    );
                    None
                }
                other => other,
            };
        }
        // A rate written as a percentage (12 or 12%) is stored as a fraction.
        if let Some(cfr) = nums[3] {
            if cfr > 1.0 || cell(rec, f, "change_failure_rate").ends_with('%') {
                nums[3] = Some(cfr / 100.0);
            }
        }
        let n = stmt.execute(params![
            import_id,
            team,
            period.to_string(),
            nums[0],
            nums[1],
            nums[2],
            nums[3],
            line as i64
        ])?;
        count_insert(ctx, n);
        Ok(())
    })
}
