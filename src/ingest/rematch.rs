//! Unmatched meetings tried again: an attendance report's or calendar's
//! meeting that matched no pairing when it was imported is kept in
//! `unmatched_meetings`; after a new roster or pairing sheet (or `mentorscope
//! rematch`) each is matched again and, when it now matches, moves to the
//! meetings under the import it came from.

use rusqlite::params;
use serde::Serialize;

use super::attendance::FoundMeeting;
use super::meeting_store::{MeetingWriter, NewMeeting};
use super::meetups::{attendees_from_text, match_meeting, People};
use super::values;
use crate::error::Result;
use crate::store::Store;

/// What [`rematch`] did.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct RematchReport {
    /// Unmatched meetings looked at.
    pub looked_at: u64,
    /// Of those, now matched to a pairing (and moved to the meetings).
    pub matched: u64,
    /// Meeting rows added (a meeting can count for more than one pairing).
    pub meetings_added: u64,
    pub still_unmatched: u64,
}

/// One row of `unmatched_meetings`, with its import's shape.
struct Unmatched {
    id: i64,
    import_id: i64,
    started: String,
    title: Option<String>,
    length: Option<f64>,
    attendees: String,
    line: i64,
    shape: String,
}

/// Tries every unmatched meeting again against today's roster and pairings,
/// in one transaction. A meeting that now matches moves to the meetings,
/// under the import it came from (so undoing that import removes it).
pub fn rematch(store: &mut Store) -> Result<RematchReport> {
    let tx = store.transaction()?;
    let people = People::load(&tx)?;
    let mut meet = MeetingWriter::new(&tx)?;
    let rows: Vec<Unmatched> = {
        let mut stmt = tx.prepare(
            "SELECT u.id, u.import_id, u.started_at, u.title, u.duration_min, u.attendees, u.line, i.shape
             FROM unmatched_meetings u JOIN imports i ON i.id = u.import_id ORDER BY u.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Unmatched {
                id: r.get(0)?,
                import_id: r.get(1)?,
                started: r.get(2)?,
                title: r.get(3)?,
                length: r.get(4)?,
                attendees: r.get(5)?,
                line: r.get(6)?,
                shape: r.get(7)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = RematchReport::default();
    for Unmatched {
        id,
        import_id,
        started,
        title,
        length,
        attendees,
        line,
        shape,
    } in rows
    {
        out.looked_at += 1;
        let Some(start) = values::parse_datetime(&started, values::DateOrder::Mdy)
            .ok()
            .flatten()
        else {
            out.still_unmatched += 1;
            continue;
        };
        let whole_event = shape.contains("calendar") || shape.contains("Calendar");
        let m = FoundMeeting {
            line: line as u64,
            title: title.clone(),
            start,
            end: length.map(|l| start + chrono::Duration::seconds((l * 60.0).round() as i64)),
            attendees: attendees_from_text(&attendees),
        };
        match match_meeting(&people, &m, whole_event, &mut Vec::new()) {
            Ok(pairs) => {
                let source = super::table::Shape::source_of_label(&shape);
                for (mentor, mentee, minutes) in pairs {
                    out.meetings_added += u64::from(meet.write(&NewMeeting {
                        import_id,
                        started_at: &started,
                        mentor: &mentor,
                        mentee: &mentee,
                        duration_min: minutes,
                        topics: title.as_deref(),
                        notes: None,
                        line,
                        source,
                    })?);
                }
                tx.execute("DELETE FROM unmatched_meetings WHERE id = ?1", params![id])?;
                out.matched += 1;
            }
            Err(why) => {
                tx.execute(
                    "UPDATE unmatched_meetings SET reason = ?2 WHERE id = ?1",
                    params![id, why],
                )?;
                out.still_unmatched += 1;
            }
        }
    }
    meet.finish()?;
    tx.commit()?;
    Ok(out)
}
