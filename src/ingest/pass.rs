//! The one pass over a file's data records. CSV text is split into fields
//! on a second thread while the import's thread stores the rows: at a
//! million meetings the two halves take about as long as each other, and a
//! laptop has the cores. A kind that can check its rows away from the
//! transaction (the meeting log) checks them on the splitting thread too
//! ([`for_each_checked`]), so the storing thread only writes. The
//! splitting thread also notes what each undecided date column says about
//! its day/month order (`rows::with_date_orders`).

use std::borrow::Cow;

use super::cells::Cells;
use super::cells::Checker;
use super::rows::Context;
use super::source::{Body, Record};
use super::values::{DateOrder, DateOrderEvidence};
use super::{Problem, Severity};
use crate::error::Result;

/// A record on its way from the splitting thread to the storing one: the
/// record, the problems its check found, and what the check made of it.
type Step<'r, T> = std::result::Result<Checked<'r, T>, (u64, String)>;

struct Checked<'r, T> {
    line: u64,
    rec: Cow<'r, csv::StringRecord>,
    problems: Vec<Problem>,
    value: T,
}

/// Calls `each` for every data record; parse errors become skipped rows.
pub(crate) fn for_each_record(
    ctx: &mut Context<'_, '_>,
    mut each: impl FnMut(&mut Context<'_, '_>, u64, &csv::StringRecord) -> Result<()>,
) -> Result<()> {
    run(ctx, |_, _, _| (), |ctx, line, rec, _| each(ctx, line, rec))
}

/// Checks every data record with `check` on the splitting thread, then
/// stores it with `store` on this one, after the problems the check found
/// are recorded. A record `check` turns down (`None`) is a skipped row; it
/// has said why. Parse errors become skipped rows.
pub(crate) fn for_each_checked<T: Send>(
    ctx: &mut Context<'_, '_>,
    check: impl Fn(&mut Checker<'_>, u64, &csv::StringRecord) -> Option<T> + Sync,
    mut store: impl FnMut(&mut Context<'_, '_>, u64, &csv::StringRecord, &T) -> Result<()>,
) -> Result<()> {
    run(ctx, check, |ctx, line, rec, checked| match checked {
        Some(value) => store(ctx, line, rec, value),
        None => {
            ctx.report.rows_skipped += 1;
            Ok(())
        }
    })
}

/// The splitting half: a record read, its dates noted, checked.
fn split<'r, T>(
    check: &impl Fn(&mut Checker<'_>, u64, &csv::StringRecord) -> T,
    watched: &[usize],
    evidence: &mut [DateOrderEvidence],
    checker: &mut Checker<'_>,
    rec: Record<'r>,
) -> Step<'r, T> {
    let (line, rec) = rec?;
    for (ev, &i) in evidence.iter_mut().zip(watched) {
        if let Some(v) = rec.get(i) {
            ev.observe(v);
        }
    }
    let value = check(checker, line, &rec);
    Ok(Checked {
        line,
        rec,
        problems: std::mem::take(&mut checker.problems),
        value,
    })
}

fn run<T: Send>(
    ctx: &mut Context<'_, '_>,
    check: impl Fn(&mut Checker<'_>, u64, &csv::StringRecord) -> T + Sync,
    mut store: impl FnMut(&mut Context<'_, '_>, u64, &csv::StringRecord, &T) -> Result<()>,
) -> Result<()> {
    let src = ctx.src;
    let (watched, read_as): (Vec<usize>, Option<DateOrder>) = match &ctx.dates {
        Some(w) => (
            w.evidence.iter().map(|&(i, _)| i).collect(),
            Some(w.read_as),
        ),
        None => (Vec::new(), None),
    };
    // A value that says the other order stops the pass: what it read is
    // taken back (`rows::with_date_orders`), so reading on is wasted.
    let contradicted = |evidence: &[DateOrderEvidence]| {
        read_as.is_some_and(|o| evidence.iter().any(|ev| ev.decide(o).0 != o))
    };
    let split = |evidence: &mut [DateOrderEvidence], checker: &mut Checker<'_>, rec| {
        split(&check, &watched, evidence, checker, rec)
    };
    let mut n = 0usize;
    // The storing half, in file order.
    let mut one = |ctx: &mut Context<'_, '_>, step: &mut Step<'_, T>| -> Result<()> {
        ctx.report.rows_total += 1;
        match step {
            Ok(c) => {
                if n.is_multiple_of(10_000) {
                    let byte = c.rec.position().map(|p| p.byte()).unwrap_or(0);
                    show_progress(ctx, src.fraction(n, byte));
                }
                for p in std::mem::take(&mut c.problems) {
                    ctx.push_problem(p);
                }
                store(ctx, c.line, &c.rec, &c.value)?;
            }
            Err((line, why)) => {
                let line = *line;
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
    let mut evidence = vec![DateOrderEvidence::default(); watched.len()];
    match &src.body {
        // Batches keep the hand-over cheap; the bounded channel keeps at
        // most a few batches in flight. Should storing fail, the receiver
        // is dropped and the splitting thread stops at its next batch.
        Body::Text(_) => {
            evidence = std::thread::scope(|s| {
                // A batch is handed over at 1,024 records or 1 MiB of
                // fields, whichever comes first: rows with megabyte-long
                // notes must not make the records in flight a copy of the
                // file.
                const BATCH: usize = 1024;
                const BATCH_BYTES: usize = 1 << 20;
                let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Step<'_, T>>>(4);
                // Stored batches go back to be freed where they were
                // allocated: freeing another thread's memory costs the
                // storing thread more than the splitting one.
                let (give_back, given_back) = std::sync::mpsc::sync_channel::<Vec<Step<'_, T>>>(8);
                let split = &split;
                let contradicted = &contradicted;
                let splitter = s.spawn(move || {
                    let mut checker = Checker::new(src);
                    let mut batch = Vec::with_capacity(BATCH);
                    let mut bytes = 0usize;
                    for rec in src.records() {
                        bytes += match &rec {
                            Ok((_, r)) => r.as_slice().len(),
                            Err((_, why)) => why.len(),
                        };
                        batch.push(split(&mut evidence, &mut checker, rec));
                        if contradicted(&evidence) {
                            return evidence;
                        }
                        if batch.len() == BATCH || bytes >= BATCH_BYTES {
                            bytes = 0;
                            while let Ok(done) = given_back.try_recv() {
                                drop(done);
                            }
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            if send.send(full).is_err() {
                                return evidence;
                            }
                        }
                    }
                    if !batch.is_empty() {
                        let _ = send.send(batch);
                    }
                    evidence
                });
                let mut waiting = crate::timing::Tally::new("import: waiting for parsed rows");
                loop {
                    let t0 = waiting.start();
                    let Ok(batch) = receive.recv() else { break };
                    waiting.stop(t0);
                    let mut batch = batch;
                    for step in batch.iter_mut() {
                        one(ctx, step)?;
                    }
                    // Full means the splitting thread has finished: free here.
                    let _ = give_back.try_send(batch);
                }
                // A panic on the splitting thread is a bug; it is passed on
                // rather than taken for the end of the file.
                Ok::<_, crate::error::Error>(
                    splitter
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                )
            })?;
        }
        Body::Sheet(_) => {
            let mut checker = Checker::new(src);
            for rec in src.records() {
                let mut step = split(&mut evidence, &mut checker, rec);
                if contradicted(&evidence) {
                    break;
                }
                one(ctx, &mut step)?;
            }
        }
    }
    if let Some(w) = ctx.dates.as_mut() {
        if contradicted(&evidence) {
            w.contradicted = true;
            return Ok(());
        }
        for ((_, total), ev) in w.evidence.iter_mut().zip(evidence) {
            total.add(ev);
        }
    }
    show_progress(ctx, 1.0);
    Ok(())
}

/// Progress only ever rises: a file read again after its date order
/// turned out otherwise holds the bar where it was until it passes it.
fn show_progress(ctx: &mut Context<'_, '_>, fraction: f64) {
    let fraction = fraction.clamp(0.0, 1.0);
    if fraction >= ctx.progress_shown {
        ctx.progress_shown = fraction;
        (ctx.progress)(fraction);
    }
}
