//! The Comments view (M9): what people wrote in the surveys' open
//! questions — the most used terms per wave, the terms most distinctive of
//! after against before (weighted log-odds z-scores) and a few quotes that
//! pass the comment threshold, month only and never with a name. A wave
//! under the threshold says so; nothing here computes a statistic.

use super::*;
use crate::analysis::comments::{CommentWave, MeetingNotes};

pub(super) fn verdict(a: &Analysis) -> Verdict {
    let c = &a.comments;
    let waves = [c.before.as_ref(), c.after.as_ref()];
    if waves.iter().all(Option::is_none) {
        return Verdict {
            outcome: "no_data".into(),
            headline: "No free-text survey answers are imported.".into(),
            caveats: Vec::new(),
        };
    }
    let headline = match &c.distinctive {
        Some(d) if !d.after.is_empty() && !d.before.is_empty() => format!(
            "After the program people wrote more about {}; before, about {}.",
            terms(&d.after),
            terms(&d.before)
        ),
        Some(d) if !d.after.is_empty() => format!(
            "After the program people wrote more about {}.",
            terms(&d.after)
        ),
        Some(d) if !d.before.is_empty() => format!(
            "Before the program people wrote more about {}.",
            terms(&d.before)
        ),
        _ => format!(
            "Comments are shown for waves with at least {} comments.",
            c.min_comments
        ),
    };
    Verdict {
        outcome: "descriptive".into(),
        headline,
        caveats: vec![
            "Words, not opinions: a term's z-score says it was used more in one wave than the other, not whether what was said was positive.".into(),
            format!(
                "A wave's comments are analysed and quoted only when at least {} people wrote one; quotes carry a month, never a name.",
                c.min_comments
            ),
        ],
    }
}

fn terms(list: &[(String, f64)]) -> String {
    let t: Vec<String> = list.iter().take(3).map(|(t, _)| format!("“{t}”")).collect();
    t.join(", ")
}

pub(super) fn tables(a: &Analysis) -> Vec<StatTable> {
    let c = &a.comments;
    let mut out = Vec::new();
    for (side, w) in [("before", &c.before), ("after", &c.after)] {
        let Some(w) = w else { continue };
        out.push(wave_table(side, w, c.min_comments));
    }
    if let Some(d) = &c.distinctive {
        let rows = |side: &str, list: &[(String, f64)]| -> Vec<StatRow> {
            list.iter()
                .enumerate()
                .map(|(i, (t, z))| {
                    row(
                        t,
                        None,
                        vec![cell(
                            signed(*z, 2),
                            Some(*z),
                            &format!("comments.distinctive.{side}.{i}.1"),
                        )],
                    )
                })
                .collect()
        };
        out.push(StatTable {
            caption: "Terms most distinctive of after the program (z > 1.96 is beyond chance)"
                .into(),
            columns: vec!["Term".into(), "z".into()],
            rows: rows("after", &d.after),
        });
        out.push(StatTable {
            caption: "Terms most distinctive of before the program".into(),
            columns: vec!["Term".into(), "z".into()],
            rows: rows("before", &d.before),
        });
    }
    if let Some(n) = &c.meeting_notes {
        out.push(notes_table(n));
    }
    out
}

/// What mentoring meetings' notes talk about (whole program only).
fn notes_table(n: &MeetingNotes) -> StatTable {
    let key = |f: &str| format!("comments.meeting_notes.{f}");
    let mut rows = Vec::new();
    match (n.pairings, n.notes) {
        (Some(p), Some(m)) => {
            rows.push(row(
                "Pairings with notes",
                None,
                vec![count(p, &key("pairings"))],
            ));
            rows.push(row("Notes", None, vec![count(m, &key("notes"))]));
        }
        _ => rows.push(row(
            "Meeting notes",
            None,
            vec![plain(format!(
                "Not shown: {}",
                n.hidden_reason.as_deref().unwrap_or("hidden")
            ))],
        )),
    }
    for (i, (t, c)) in n.top_terms.iter().flatten().enumerate() {
        rows.push(row(
            t,
            Some("pairings using it"),
            vec![count(*c as usize, &key(&format!("top_terms.{i}.1")))],
        ));
    }
    if let Some(d) = &n.distinctive {
        for (side, label, list) in [
            ("after", "more typical later in a pairing", &d.after),
            ("before", "more typical in its first weeks", &d.before),
        ] {
            for (i, (t, z)) in list.iter().enumerate() {
                rows.push(row(
                    t,
                    Some(label),
                    vec![cell(
                        format!("z {}", signed(*z, 2)),
                        Some(*z),
                        &key(&format!("distinctive.{side}.{i}.1")),
                    )],
                ));
            }
        }
    }
    StatTable {
        caption: "Meeting notes, whole program (terms counted once per pairing; never quoted)"
            .into(),
        columns: vec![String::new(), String::new()],
        rows,
    }
}

fn wave_table(side: &str, w: &CommentWave, min: usize) -> StatTable {
    let key = |f: &str| format!("comments.{side}.{f}");
    let mut rows = vec![row(
        "People who wrote a comment",
        None,
        vec![match w.n {
            Some(n) => count(n, &key("n")),
            None => cell("—", None, &key("n")),
        }],
    )];
    if w.suppressed {
        rows.push(row(
            "Top terms",
            None,
            vec![hidden(
                min,
                plain(""),
                format!("fewer than {min} comments in this wave"),
            )],
        ));
    }
    for (i, (t, n)) in w.top_terms.iter().flatten().enumerate() {
        rows.push(row(
            t,
            Some("comments using it"),
            vec![count(*n as usize, &key(&format!("top_terms.{i}.1")))],
        ));
    }
    for q in &w.quotes {
        rows.push(row(
            "Quote",
            q.month.as_deref(),
            vec![plain(format!("“{}”", q.text))],
        ));
    }
    StatTable {
        caption: format!(
            "{}: {}",
            if side == "before" { "Before" } else { "After" },
            w.wave
        ),
        columns: vec![String::new(), String::new()],
        rows,
    }
}
