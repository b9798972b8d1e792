//! The meeting log: one row per mentoring meeting, its two people resolved
//! through the roster, its date and duration checked. (Attendance reports
//! and calendars are `meetups`.)

use std::collections::BTreeMap;

use super::kinds::FieldColumns;
use super::meeting_store::{MeetingWriter, NewMeeting};
use super::rows::{
    cell, count_insert, for_each_record, header, read_date, read_number, roster_index, two_people,
    Context, Read,
};
use super::values::{self, DateOrder};
use super::Severity;
use crate::error::Result;

pub(super) fn meetings(
    ctx: &mut Context<'_, '_>,
    f: &FieldColumns,
    orders: &BTreeMap<&'static str, DateOrder>,
) -> Result<()> {
    let index = roster_index(ctx.tx)?;
    let roster_known = !index.is_empty();
    let mut writer = MeetingWriter::new(ctx.tx)?;
    let mut inserting = crate::timing::Tally::new("import: sqlite insert");
    let import_id = ctx.import_id;
    for_each_record(ctx, |ctx, line, rec| {
        let date = match read_date(ctx, line, rec, f, orders, "date", true) {
            Read::Value(d) => d,
            _ => {
                ctx.report.rows_skipped += 1;
                return Ok(());
            }
        };
        let Some((mentor, mentee)) =
            two_people(ctx, line, rec, f, &index, roster_known, Severity::Warning)
        else {
            ctx.report.rows_skipped += 1;
            return Ok(());
        };
        let mut duration = read_number(ctx, line, rec, f, "duration_min");
        if let Some(d) = duration {
            if !(0.0..=24.0 * 60.0).contains(&d) {
                let col = header(ctx, f, "duration_min").to_string();
                ctx.problem(
                    line,
                    Some(&col),
                    Some(cell(rec, f, "duration_min")),
                    format!("{col} must be between 0 and 1440 minutes (left empty)"),
                    Severity::Warning,
                );
                duration = None;
            }
        }
        let text = |field: &str| Some(cell(rec, f, field)).filter(|s| !s.is_empty());
        let t0 = inserting.start();
        let stored = writer.write(&NewMeeting {
            import_id,
            started_at: &values::iso_stamp(date),
            mentor: &mentor,
            mentee: &mentee,
            duration_min: duration,
            topics: text("topics"),
            notes: text("notes"),
            line: line as i64,
            source: None,
        })?;
        inserting.stop(t0);
        count_insert(ctx, usize::from(stored));
        Ok(())
    })
}
