//! The meeting log: one row per mentoring meeting, its two people resolved
//! through the roster, its date and duration checked. (Attendance reports
//! and calendars are `meetups`.) At a million rows the checks are half the
//! work, so they run on the thread that splits the file
//! ([`for_each_checked`]) and this one only stores.

use std::collections::BTreeMap;

use super::cells::{cell_at, Cells, Checker};
use super::kinds::FieldColumns;
use super::meeting_store::{MeetingWriter, NewMeeting};
use super::rows::{
    cell, count_insert, for_each_checked, header, read_date, read_number, roster_index, two_people,
    Context, Read,
};
use super::values::{self, DateOrder};
use super::Severity;
use crate::error::Result;

/// A row that passed its checks.
struct Meeting {
    started_at: String,
    mentor: String,
    mentee: String,
    duration_min: Option<f64>,
    /// Its key for "already stored", hashed here rather than on the storing
    /// thread.
    key: u64,
}

pub(super) fn meetings(
    ctx: &mut Context<'_, '_>,
    f: &FieldColumns,
    orders: &BTreeMap<&'static str, DateOrder>,
) -> Result<()> {
    let index = roster_index(ctx.tx)?;
    let roster_known = !index.is_empty();
    let mut writer = MeetingWriter::new(ctx.tx)?;
    writer.expect(ctx.src.records_at_most());
    let keys = writer.keys();
    let check = |c: &mut Checker<'_>, line: u64, rec: &csv::StringRecord| -> Option<Meeting> {
        let date = match read_date(c, line, rec, f, orders, "date", true) {
            Read::Value(d) => d,
            _ => return None,
        };
        let (mentor, mentee) =
            two_people(c, line, rec, f, &index, roster_known, Severity::Warning)?;
        let mut duration_min = read_number(c, line, rec, f, "duration_min");
        if let Some(d) = duration_min {
            if !(0.0..=24.0 * 60.0).contains(&d) {
                let col = header(c, f, "duration_min").to_string();
                c.problem(
                    line,
                    Some(&col),
                    Some(cell(rec, f, "duration_min")),
                    format!("{col} must be between 0 and 1440 minutes (left empty)"),
                    Severity::Warning,
                );
                duration_min = None;
            }
        }
        let started_at = values::iso_stamp(date);
        Some(Meeting {
            key: keys.key(&mentor, &mentee, &started_at),
            started_at,
            mentor,
            mentee,
            duration_min,
        })
    };
    let mut inserting = crate::timing::Tally::new("import: sqlite insert");
    let import_id = ctx.import_id;
    // Looked up once, not per row and field.
    let (topics, notes) = (f.get("topics").copied(), f.get("notes").copied());
    for_each_checked(ctx, check, |ctx, line, rec, m: &Meeting| {
        let text = |i| Some(cell_at(rec, i)).filter(|v| !v.is_empty());
        let t0 = inserting.start();
        let new = NewMeeting {
            import_id,
            started_at: &m.started_at,
            mentor: &m.mentor,
            mentee: &m.mentee,
            duration_min: m.duration_min,
            topics: text(topics),
            notes: text(notes),
            line: line as i64,
            source: None,
        };
        let stored = writer.write_keyed(&new, m.key)?;
        inserting.stop(t0);
        count_insert(ctx, usize::from(stored));
        Ok(())
    })?;
    writer.finish()
}
