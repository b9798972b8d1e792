//! Reading one cell of a row as a value (a date, a number, a person),
//! with a problem recorded for every value that had to be dropped. The
//! readers run wherever a row is checked: on the thread that stores it, or
//! (for the meeting log) on the thread that splits the file, whose problems
//! are handed over with the row ([`Checker`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::kinds::FieldColumns;
use super::rows::Context;
use super::source::Source;
use super::table::Column;
use super::values::{self, DateOrder};
use super::{Problem, Severity};

/// Where a reader finds the file's columns and puts its problems.
pub(super) trait Cells {
    fn source(&self) -> &Source<'_>;

    /// Records a problem (or keeps it to be recorded with its row).
    fn push_problem(&mut self, problem: Problem);

    fn columns(&self) -> &[Column] {
        &self.source().layout.columns
    }

    fn decimal_comma(&self) -> bool {
        self.source().decimal_comma()
    }

    /// A problem with a row's value.
    fn problem(
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
}

impl Cells for Context<'_, '_> {
    fn source(&self) -> &Source<'_> {
        self.src
    }

    fn push_problem(&mut self, mut problem: Problem) {
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
}

/// Checks rows away from the import's transaction: it keeps each row's
/// problems until the storing thread records them with the row, so that
/// they are stored in file order.
pub(super) struct Checker<'a> {
    src: &'a Source<'a>,
    pub(super) problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(src: &'a Source<'a>) -> Self {
        Checker {
            src,
            problems: Vec::new(),
        }
    }
}

impl Cells for Checker<'_> {
    fn source(&self) -> &Source<'_> {
        self.src
    }

    fn push_problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }
}

pub(super) fn cell<'r>(rec: &'r csv::StringRecord, fields: &FieldColumns, field: &str) -> &'r str {
    cell_at(rec, fields.get(field).copied())
}

/// The cell of a column found beforehand, trimmed; empty when there is no
/// such column. For a loop over a million rows, which should not look the
/// field up on each.
pub(super) fn cell_at(rec: &csv::StringRecord, column: Option<usize>) -> &str {
    column.and_then(|i| rec.get(i)).unwrap_or("").trim()
}

pub(super) fn header<'c>(ctx: &'c impl Cells, fields: &FieldColumns, field: &'c str) -> &'c str {
    fields
        .get(field)
        .map(|&i| ctx.columns()[i].name.as_str())
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
    ctx: &mut impl Cells,
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
    ctx: &mut impl Cells,
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

pub(super) fn resolve(index: &HashMap<String, String>, raw: &str) -> Option<String> {
    values::normalise_identity(raw).map(|n| person_id(index, n))
}

/// The person ID a normalised identity leads to: the roster's, or itself
/// when the roster does not know it.
fn person_id(index: &HashMap<String, String>, normal: Cow<'_, str>) -> String {
    index
        .get(normal.as_ref())
        .cloned()
        .unwrap_or_else(|| normal.into_owned())
}

pub(super) fn is_known(index: &HashMap<String, String>, raw: &str) -> bool {
    values::normalise_identity(raw).is_some_and(|n| index.contains_key(n.as_ref()))
}

/// Reads and checks the mentor and mentee of a row. With a roster imported,
/// an unknown person is a problem of `unknown_severity`.
pub(super) fn two_people(
    ctx: &mut impl Cells,
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
        let known = normal
            .as_ref()
            .is_some_and(|n| index.contains_key(n.as_ref()));
        match normal.map(|n| person_id(index, n)) {
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
