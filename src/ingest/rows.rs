//! Rows → records, one kind at a time, inside the import's transaction:
//! the shared part (the context, each date column's day/month order,
//! identities) and the dispatch to each kind's module (`people`,
//! `meetings`, `outcomes`, `survey`, `skills`). Each kind validates a row
//! completely before it writes it, records a problem for every value it had
//! to drop or row it had to skip, and counts rows already present from an
//! earlier, overlapping export as duplicates. The pass over the records is
//! `pass`; reading one cell is `cells`.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Transaction;

use super::cells::Cells;
use super::kinds::{self, FieldColumns, Kind};
use super::source::Source;
use super::values::{DateOrder, DateOrderEvidence};
use super::{ColumnUse, ImportOptions, ImportReport, Problem, Severity};
use crate::error::{Error, Result};

pub(super) use super::cells::{
    cell, header, is_known, read_date, read_number, resolve, two_people, Read,
};
pub(super) use super::pass::{for_each_checked, for_each_record};

pub(crate) struct Context<'a, 'b> {
    pub tx: &'a Transaction<'b>,
    pub import_id: i64,
    pub src: &'a Source<'a>,
    pub opts: &'a ImportOptions,
    pub wave: Option<&'a str>,
    pub report: &'a mut ImportReport,
    pub progress: &'a mut dyn FnMut(f64),
    /// The first failure to store a problem (a full disk); the import
    /// stops with it once the rows are read.
    pub problem_write_error: Option<rusqlite::Error>,
    /// The date columns whose day/month order the rows are deciding as
    /// they are read; `None` when there are none.
    pub dates: Option<DateWatch>,
    /// The highest progress fraction reported, so that reading the rows
    /// again never moves a progress bar back.
    pub progress_shown: f64,
}

/// What the pass over the rows watches for `with_date_orders`.
pub(crate) struct DateWatch {
    /// Each column, and what the pass saw in it (`pass` adds to it).
    pub evidence: Vec<(usize, DateOrderEvidence)>,
    /// The order the columns are read in meanwhile.
    pub read_as: DateOrder,
    /// Set by `pass` when it stopped at a value that says the other order.
    pub contradicted: bool,
}

pub(crate) fn import_rows(kind: Kind, ctx: &mut Context<'_, '_>) -> Result<()> {
    if kind == Kind::Survey {
        return super::survey::survey(ctx);
    }
    if kind == Kind::Skills {
        return super::skills::skills(ctx);
    }
    let fields = kinds::map_fields(kind, ctx.columns(), ctx.opts.mapping.as_ref());
    require(kind, &fields, ctx)?;
    ctx.report.columns = ctx
        .columns()
        .iter()
        .enumerate()
        .map(|(i, c)| ColumnUse {
            column: c.name.clone(),
            used_as: fields
                .iter()
                .find(|(_, &j)| j == i)
                .map(|(f, _)| f.to_string())
                .unwrap_or_else(|| "ignored".into()),
        })
        .collect();
    with_date_orders(kind, &fields, ctx, |ctx, orders| match kind {
        Kind::Roster => super::people::roster(ctx, &fields, orders),
        Kind::Pairings => super::people::pairings(ctx, &fields, orders),
        Kind::Meetings => super::meetings::meetings(ctx, &fields, orders),
        Kind::Milestones => super::outcomes::milestones(ctx, &fields, orders),
        Kind::TeamMetrics => super::outcomes::team_metrics(ctx, &fields, orders),
        Kind::Survey | Kind::Skills => unreachable!("handled above"),
    })
}

fn require(kind: Kind, fields: &FieldColumns, ctx: &Context<'_, '_>) -> Result<()> {
    let found = || super::headers_for_message(ctx.columns(), usize::MAX);
    let missing = |field: &str, expected: String| Error::MissingColumn {
        file: ctx.src.file.clone(),
        line: ctx.src.layout.header_line,
        field: field.to_string(),
        expected,
        found: found(),
    };
    for field in kinds::fields(kind).iter().filter(|f| f.required) {
        if !fields.contains_key(field.name) {
            return Err(missing(field.name, field.synonyms.join(", ")));
        }
    }
    if kind == Kind::Roster && !fields.contains_key("person_id") && !fields.contains_key("email") {
        return Err(missing(
            "an employee ID or e-mail",
            "Employee ID, ID, Work Email, Email".into(),
        ));
    }
    Ok(())
}

/// Decides the day/month order of each date field from all of its values
/// (a saved mapping's answer wins). A column that the data cannot decide is
/// read month-first, or day-first in semicolon files (European Excel), and
/// the report says so.
///
/// The rows are read once, not once to decide and once to import: they are
/// read in the order a column would get if its values could not decide it,
/// and the pass notes what they say on the way. Should a value say the
/// other order (a comma file of 31/03/2025 dates with no saved mapping),
/// the pass stops there, what it read is rolled back, and the columns are
/// decided from all their values before the rows are read again.
fn with_date_orders(
    kind: Kind,
    fields: &FieldColumns,
    ctx: &mut Context<'_, '_>,
    mut rows: impl FnMut(&mut Context<'_, '_>, &BTreeMap<&'static str, DateOrder>) -> Result<()>,
) -> Result<()> {
    let dates = date_fields(kind, fields);
    let fallback = fallback_order(ctx);
    let mut orders = BTreeMap::new();
    let mut watched = Vec::new();
    for &(name, i) in &dates {
        let saved = saved_order(ctx, i);
        if saved.is_none() {
            watched.push((name, i));
        }
        orders.insert(name, saved.unwrap_or(fallback));
    }
    if watched.is_empty() {
        return rows(ctx, &orders);
    }
    let before = ctx.report.clone();
    ctx.tx.execute_batch("SAVEPOINT date_orders")?;
    // A column's warning that its values could not decide the order comes
    // before the rows' problems, as when the order was decided first: it is
    // stored now and taken back once the values have decided. The report
    // in memory takes it only then, where it would have been, so that it
    // keeps as many of the rows' problems as ever.
    let mut said = Vec::new();
    for &(_, i) in &watched {
        let at = ctx.report.problems.len();
        ctx.push_problem(undecided(ctx, i, fallback));
        let kept = (ctx.report.problems.len() > at)
            .then(|| ctx.report.problems.pop())
            .flatten()
            .map(|p| (at, p));
        said.push((ctx.tx.last_insert_rowid(), kept));
    }
    ctx.dates = Some(DateWatch {
        evidence: watched
            .iter()
            .map(|&(_, i)| (i, DateOrderEvidence::default()))
            .collect(),
        read_as: fallback,
        contradicted: false,
    });
    rows(ctx, &orders)?;
    let (evidence, contradicted) = ctx
        .dates
        .take()
        .map(|w| (w.evidence, w.contradicted))
        .unwrap_or_default();
    if ctx.problem_write_error.is_some() {
        // The import fails with it; nothing to take back.
        return Ok(());
    }
    if !contradicted {
        // Every value agreed with the order read (the pass stops at the
        // first that does not): only the warnings are left to settle.
        for ((_, ev), (id, kept)) in evidence.iter().zip(said).rev() {
            let (_, ambiguous) = ev.decide(fallback);
            if !ambiguous {
                ctx.tx
                    .execute("DELETE FROM import_problems WHERE id = ?1", [id])?;
                ctx.report.problems_total -= 1;
            } else if let Some((at, p)) = kept {
                ctx.report.problems.insert(at, p);
                ctx.report.problems.truncate(super::PROBLEMS_KEPT);
            }
        }
        ctx.tx.execute_batch("RELEASE date_orders")?;
        return Ok(());
    }
    // The values so far say the other order: what was read is taken back,
    // the columns are decided from all of their values, and the rows read
    // in the order decided.
    ctx.tx
        .execute_batch("ROLLBACK TO date_orders; RELEASE date_orders")?;
    *ctx.report = before;
    let decided = date_orders(kind, fields, ctx);
    rows(ctx, &decided)
}

/// The same decision from a pass over the values first: for the kinds that
/// read their rows more than once (skills), and for a file whose values
/// turned out to say the other order.
pub(super) fn date_orders(
    kind: Kind,
    fields: &FieldColumns,
    ctx: &mut Context<'_, '_>,
) -> BTreeMap<&'static str, DateOrder> {
    let dates = date_fields(kind, fields);
    let mut evidence = vec![DateOrderEvidence::default(); dates.len()];
    for (_, rec) in ctx.src.records().flatten() {
        for (k, (_, i)) in dates.iter().enumerate() {
            if let Some(v) = rec.get(*i) {
                evidence[k].observe(v);
            }
        }
    }
    let mut out = BTreeMap::new();
    for (&(name, i), ev) in dates.iter().zip(&evidence) {
        let order = match saved_order(ctx, i) {
            Some(o) => o,
            None => {
                let (o, ambiguous) = ev.decide(fallback_order(ctx));
                if ambiguous {
                    ctx.push_problem(undecided(ctx, i, o));
                }
                o
            }
        };
        out.insert(name, order);
    }
    out
}

fn date_fields(kind: Kind, fields: &FieldColumns) -> Vec<(&'static str, usize)> {
    kinds::fields(kind)
        .iter()
        .filter(|f| f.is_date)
        .filter_map(|f| fields.get(f.name).map(|&i| (f.name, i)))
        .collect()
}

fn saved_order(ctx: &Context<'_, '_>, column: usize) -> Option<DateOrder> {
    let header = &ctx.columns()[column].name;
    ctx.opts
        .mapping
        .as_ref()
        .and_then(|m| m.date_orders.get(header).copied())
}

fn fallback_order(ctx: &Context<'_, '_>) -> DateOrder {
    if ctx.decimal_comma() {
        DateOrder::Dmy
    } else {
        DateOrder::Mdy
    }
}

/// The warning for a date column whose values read the same either way
/// round, read as `order`.
fn undecided(ctx: &Context<'_, '_>, column: usize, order: DateOrder) -> Problem {
    let header = ctx.columns()[column].name.clone();
    let (read_as, other) = match order {
        DateOrder::Mdy => ("month/day/year", "dmy"),
        DateOrder::Dmy => ("day/month/year", "mdy"),
    };
    Problem {
        line: None,
        place: None,
        column: Some(header.clone()),
        value: None,
        reason: format!(
            "every date in this column would read the same either way round (day ≤ 12), so it was read as {read_as}; if that is wrong, import with a mapping that sets \"date_orders\": {{\"{header}\": \"{other}\"}}"
        ),
        severity: Severity::Warning,
    }
}

/// Roster identities: employee IDs and e-mails both lead to the person ID.
pub(crate) fn roster_index(tx: &Transaction<'_>) -> Result<HashMap<String, String>> {
    let mut map = HashMap::new();
    let mut stmt = tx.prepare("SELECT person_id, email FROM person")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    for row in rows {
        let (id, email) = row?;
        if let Some(e) = email {
            map.insert(e, id.clone());
        }
        map.insert(id.clone(), id);
    }
    Ok(map)
}

pub(super) fn count_insert(ctx: &mut Context<'_, '_>, changed: usize) {
    if changed == 0 {
        ctx.report.rows_duplicate += 1;
    } else {
        ctx.report.rows_imported += 1;
    }
}
