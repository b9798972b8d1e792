//! Rows → records, one kind at a time, inside the import's transaction:
//! the shared part (the context, the record loop, cell readers, identities)
//! and the dispatch to each kind's module (`people`, `meetings`,
//! `outcomes`, `survey`, `skills`). Each kind validates a row completely before it writes it, records a
//! problem for every value it had to drop or row it had to skip, and counts
//! rows already present from an earlier, overlapping export as duplicates.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Transaction;

use super::kinds::{self, FieldColumns, Kind};
use super::source::{Body, Record};
use super::table::Column;
use super::values::{self, DateOrder, DateOrderEvidence};
use super::{ColumnUse, ImportOptions, ImportReport, Problem, Severity, Source};
use crate::error::{Error, Result};

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
}

impl Context<'_, '_> {
    pub(super) fn problem(
        &mut self,
        line: u64,
        column: Option<&str>,
        value: Option<&str>,
        reason: String,
        severity: Severity,
    ) {
        self.push_problem(Problem {
            line: Some(line),
            place: None,
            column: column.map(str::to_string),
            value: value.map(str::to_string),
            reason,
            severity,
        });
    }

    pub(super) fn push_problem(&mut self, mut problem: Problem) {
        if self.problem_write_error.is_some() {
            return;
        }
        if problem.place.is_none() {
            problem.place = self.src.place(problem.line, problem.column.as_deref());
        }
        if let Err(e) = super::record_problem(self.tx, self.import_id, self.report, problem) {
            self.problem_write_error = Some(e);
        }
    }

    pub(super) fn columns(&self) -> &[Column] {
        &self.src.layout.columns
    }

    pub(super) fn decimal_comma(&self) -> bool {
        self.src.layout.delimiter == b';'
    }
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
    let orders = date_orders(kind, &fields, ctx);
    match kind {
        Kind::Roster => super::people::roster(ctx, &fields, &orders),
        Kind::Pairings => super::people::pairings(ctx, &fields, &orders),
        Kind::Meetings => super::meetings::meetings(ctx, &fields, &orders),
        Kind::Milestones => super::outcomes::milestones(ctx, &fields, &orders),
        Kind::TeamMetrics => super::outcomes::team_metrics(ctx, &fields, &orders),
        Kind::Survey | Kind::Skills => unreachable!("handled above"),
    }
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
pub(super) fn date_orders(
    kind: Kind,
    fields: &FieldColumns,
    ctx: &mut Context<'_, '_>,
) -> BTreeMap<&'static str, DateOrder> {
    let date_fields: Vec<(&'static str, usize)> = kinds::fields(kind)
        .iter()
        .filter(|f| f.is_date)
        .filter_map(|f| fields.get(f.name).map(|&i| (f.name, i)))
        .collect();
    let mut evidence: Vec<DateOrderEvidence> =
        vec![DateOrderEvidence::default(); date_fields.len()];
    for (_, rec) in ctx.src.records().flatten() {
        for (k, (_, i)) in date_fields.iter().enumerate() {
            if let Some(v) = rec.get(*i) {
                evidence[k].observe(v);
            }
        }
    }
    let fallback = if ctx.decimal_comma() {
        DateOrder::Dmy
    } else {
        DateOrder::Mdy
    };
    let mut out = BTreeMap::new();
    for ((name, i), ev) in date_fields.iter().zip(evidence) {
        let header = ctx.columns()[*i].name.clone();
        let saved = ctx
            .opts
            .mapping
            .as_ref()
            .and_then(|m| m.date_orders.get(&header).copied());
        let order = match saved {
            Some(o) => o,
            None => {
                let (o, ambiguous) = ev.decide(fallback);
                if ambiguous {
                    ctx.push_problem(Problem {
                        line: None,
                        place: None,
                        column: Some(header.clone()),
                        value: None,
                        reason: format!(
                            "every date in this column would read the same either way round (day ≤ 12), so it was read as {}; if that is wrong, import with a mapping that sets \"date_orders\": {{\"{header}\": \"{}\"}}",
                            if o == DateOrder::Mdy { "month/day/year" } else { "day/month/year" },
                            if o == DateOrder::Mdy { "dmy" } else { "mdy" },
                        ),
                        severity: Severity::Warning,
                    });
                }
                o
            }
        };
        out.insert(*name, order);
    }
    out
}

/// Calls `each` for every data record; parse errors become skipped rows.
pub(super) fn for_each_record(
    ctx: &mut Context<'_, '_>,
    mut each: impl FnMut(&mut Context<'_, '_>, u64, &csv::StringRecord) -> Result<()>,
) -> Result<()> {
    let src = ctx.src;
    let mut n = 0usize;
    let mut one = |ctx: &mut Context<'_, '_>, rec: Record<'_>| -> Result<()> {
        ctx.report.rows_total += 1;
        match rec {
            Ok((line, r)) => {
                if n.is_multiple_of(10_000) {
                    let byte = r.position().map(|p| p.byte()).unwrap_or(0);
                    (ctx.progress)(src.fraction(n, byte).min(1.0));
                }
                each(ctx, line, &r)?;
            }
            Err((line, why)) => {
                ctx.report.rows_skipped += 1;
                ctx.problem(
                    line,
                    None,
                    None,
                    format!("this line could not be read as CSV ({why})"),
                    Severity::Skipped,
                );
            }
        }
        n += 1;
        Ok(())
    };
    match &src.body {
        // CSV text is split into fields on a second thread while this one
        // checks the rows and stores them: the two halves of an import
        // take about as long as each other, and a laptop has the cores.
        // Batches keep the hand-over cheap; the bounded channel keeps at
        // most a few batches in flight. Should storing fail, the
        // receiver is dropped and the splitting thread stops at its next
        // batch.
        Body::Text(_) => std::thread::scope(|s| {
            // A batch is handed over at 1,024 records or 1 MiB of fields,
            // whichever comes first: rows with megabyte-long notes must not
            // make the records in flight a copy of the file.
            const BATCH: usize = 1024;
            const BATCH_BYTES: usize = 1 << 20;
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Record<'_>>>(4);
            s.spawn(move || {
                let mut batch = Vec::with_capacity(BATCH);
                let mut bytes = 0usize;
                for rec in src.records() {
                    bytes += match &rec {
                        Ok((_, r)) => r.as_slice().len(),
                        Err((_, why)) => why.len(),
                    };
                    batch.push(rec);
                    if batch.len() == BATCH || bytes >= BATCH_BYTES {
                        bytes = 0;
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if send.send(full).is_err() {
                            return;
                        }
                    }
                }
                if !batch.is_empty() {
                    let _ = send.send(batch);
                }
            });
            let mut waiting = crate::timing::Tally::new("import: waiting for parsed rows");
            loop {
                let t0 = waiting.start();
                let Ok(batch) = receive.recv() else { break };
                waiting.stop(t0);
                for rec in batch {
                    one(ctx, rec)?;
                }
            }
            Ok::<(), crate::error::Error>(())
        })?,
        Body::Sheet(_) => {
            for rec in src.records() {
                one(ctx, rec)?;
            }
        }
    }
    (ctx.progress)(1.0);
    Ok(())
}

pub(super) fn cell<'r>(rec: &'r csv::StringRecord, fields: &FieldColumns, field: &str) -> &'r str {
    fields
        .get(field)
        .and_then(|&i| rec.get(i))
        .unwrap_or("")
        .trim()
}

pub(super) fn header<'c>(
    ctx: &'c Context<'_, '_>,
    fields: &FieldColumns,
    field: &'c str,
) -> &'c str {
    fields
        .get(field)
        .map(|&i| ctx.src.layout.columns[i].name.as_str())
        .unwrap_or(field)
}

/// Outcome of reading one optional or required value.
pub(super) enum Read<T> {
    Value(T),
    Missing,
    /// Unreadable: the problem is already recorded.
    Bad,
}

pub(super) fn read_date(
    ctx: &mut Context<'_, '_>,
    line: u64,
    rec: &csv::StringRecord,
    fields: &FieldColumns,
    orders: &BTreeMap<&'static str, DateOrder>,
    field: &str,
    required: bool,
) -> Read<chrono::NaiveDateTime> {
    let v = cell(rec, fields, field);
    let order = orders.get(field).copied().unwrap_or(DateOrder::Mdy);
    // Named only when there is a problem to say: most rows have none.
    let col = || header(ctx, fields, field).to_string();
    match values::parse_datetime(v, order) {
        Ok(Some(d)) => {
            if let Some(why) = values::implausible_date(d.date()) {
                let col = col();
                let severity = if required {
                    Severity::Skipped
                } else {
                    Severity::Warning
                };
                ctx.problem(line, Some(&col), Some(v), format!("{col} {why}"), severity);
                return Read::Bad;
            }
            Read::Value(d)
        }
        Ok(None) => {
            if required {
                let col = col();
                ctx.problem(
                    line,
                    Some(&col),
                    Some(v),
                    format!("{col} is empty; every row needs one"),
                    Severity::Skipped,
                );
                Read::Bad
            } else {
                Read::Missing
            }
        }
        Err(why) => {
            let col = col();
            let severity = if required {
                Severity::Skipped
            } else {
                Severity::Warning
            };
            let what = if required {
                "the row was skipped"
            } else {
                "left empty"
            };
            ctx.problem(
                line,
                Some(&col),
                Some(v),
                format!("{col} {why} ({what})"),
                severity,
            );
            Read::Bad
        }
    }
}

pub(super) fn read_number(
    ctx: &mut Context<'_, '_>,
    line: u64,
    rec: &csv::StringRecord,
    fields: &FieldColumns,
    field: &str,
) -> Option<f64> {
    let v = cell(rec, fields, field);
    match values::parse_number(v, ctx.decimal_comma()) {
        Ok(n) => n,
        Err(why) => {
            let col = header(ctx, fields, field).to_string();
            ctx.problem(
                line,
                Some(&col),
                Some(v),
                format!("{col}: {why} (left empty)"),
                Severity::Warning,
            );
            None
        }
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

pub(super) fn resolve(index: &HashMap<String, String>, raw: &str) -> Option<String> {
    let n = values::normalise_identity(raw)?;
    Some(index.get(&n).cloned().unwrap_or(n))
}

pub(super) fn is_known(index: &HashMap<String, String>, raw: &str) -> bool {
    values::normalise_identity(raw).is_some_and(|n| index.contains_key(&n))
}

pub(super) fn count_insert(ctx: &mut Context<'_, '_>, changed: usize) {
    if changed == 0 {
        ctx.report.rows_duplicate += 1;
    } else {
        ctx.report.rows_imported += 1;
    }
}

/// Reads and checks the mentor and mentee of a row. With a roster imported,
/// an unknown person is a problem of `unknown_severity`.
pub(super) fn two_people(
    ctx: &mut Context<'_, '_>,
    line: u64,
    rec: &csv::StringRecord,
    f: &FieldColumns,
    index: &HashMap<String, String>,
    roster_known: bool,
    unknown_severity: Severity,
) -> Option<(String, String)> {
    let mut out = Vec::with_capacity(2);
    let mut ok = true;
    for field in ["mentor", "mentee"] {
        let raw = cell(rec, f, field);
        let col = || header(ctx, f, field).to_string();
        // One normalisation per cell: whether the roster knows it, and the
        // person ID it leads to.
        let normal = values::normalise_identity(raw);
        let known = normal.as_ref().is_some_and(|n| index.contains_key(n));
        match normal.map(|n| index.get(&n).cloned().unwrap_or(n)) {
            None => {
                let col = col();
                ctx.problem(
                    line,
                    Some(&col),
                    Some(raw),
                    format!("{col} is empty; every row needs a {field}"),
                    Severity::Skipped,
                );
                ok = false;
            }
            Some(id) => {
                if roster_known && !known {
                    let col = col();
                    let what = if unknown_severity == Severity::Skipped {
                        "the row was skipped"
                    } else {
                        "kept, and listed under data quality"
                    };
                    ctx.problem(line, Some(&col), Some(raw), format!("{col} `{raw}` is not on the roster ({what}); check the spelling or add them to the roster"), unknown_severity);
                    if unknown_severity == Severity::Skipped {
                        ok = false;
                    }
                }
                out.push(id);
            }
        }
    }
    if !ok || out.len() != 2 {
        return None;
    }
    if out[0] == out[1] {
        ctx.problem(
            line,
            None,
            Some(cell(rec, f, "mentor")),
            "the mentor and the mentee are the same person".into(),
            Severity::Skipped,
        );
        return None;
    }
    let mentee = out.pop()?;
    let mentor = out.pop()?;
    Some((mentor, mentee))
}
