//! The comments of M9 in words, for the CLI's `analyze` and any plain-text
//! output: each wave's top terms and quotes, the distinctive terms of each
//! side with their z-scores, or why they are hidden. It only lays out what
//! `analysis::comments` computed and `disclosure` let through; quotes are
//! already free of control characters, so printing them cannot drive a
//! terminal.

use crate::analysis::comments::{CommentWave, Comments, MeetingNotes};

fn wave(out: &mut String, label: &str, w: &CommentWave, k: usize) {
    match (w.n, &w.top_terms) {
        (Some(n), Some(terms)) => {
            out.push_str(&format!(
                "  {label} ({}): {n} {} analysed\n",
                w.wave,
                if n == 1 { "comment" } else { "comments" }
            ));
            if terms.is_empty() {
                out.push_str("    no term is used in enough comments to list\n");
            } else {
                let list: Vec<String> = terms.iter().map(|(t, n)| format!("{t} ({n})")).collect();
                out.push_str(&format!("    most used: {}\n", list.join(", ")));
            }
            for q in &w.quotes {
                out.push_str(&format!(
                    "    \u{201c}{}\u{201d} ({})\n",
                    q.text,
                    q.month.as_deref().unwrap_or("undated")
                ));
            }
        }
        _ => out.push_str(&format!(
            "  {label} ({}): hidden — fewer than {k} people wrote a comment in this selection, or a wider selection differs from it by fewer\n",
            w.wave
        )),
    }
}

/// The Comments section: empty when no survey had a free-text question.
pub fn plain(c: &Comments) -> String {
    if c.before.is_none() && c.after.is_none() {
        return c.meeting_notes.as_ref().map(notes).unwrap_or_default();
    }
    let mut out = String::from("Comments (free-text answers)\n");
    if let Some(w) = &c.before {
        wave(&mut out, "Before", w, c.min_comments);
    }
    if let Some(w) = &c.after {
        if c.before.as_ref().is_none_or(|b| b.wave != w.wave) {
            wave(&mut out, "After", w, c.min_comments);
        }
    }
    if let Some(d) = &c.distinctive {
        out.push_str(&format!("  More typical after: {}\n", z_list(&d.after)));
        out.push_str(&format!("  More typical before: {}\n", z_list(&d.before)));
    }
    if let Some(n) = &c.meeting_notes {
        out.push_str(&notes(n));
    }
    out
}

fn z_list(v: &[(String, f64)]) -> String {
    if v.is_empty() {
        "none clearly (|z| < 1.96)".to_string()
    } else {
        v.iter()
            .map(|(t, z)| format!("{t} (z {z:+.1})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The meeting-notes part: whole program only, never quoted.
fn notes(n: &MeetingNotes) -> String {
    let mut out = String::from("Meeting notes (whole program)\n");
    match (n.pairings, n.notes, &n.top_terms) {
        (Some(p), Some(m), Some(terms)) => {
            out.push_str(&format!("  {m} notes from {p} pairings\n"));
            if !terms.is_empty() {
                let list: Vec<String> = terms.iter().map(|(t, n)| format!("{t} ({n})")).collect();
                out.push_str(&format!("    most used: {}\n", list.join(", ")));
            }
            if let Some(d) = &n.distinctive {
                out.push_str(&format!(
                    "  More typical later in a pairing: {}\n  More typical in its first {} days: {}\n",
                    z_list(&d.after),
                    crate::analysis::comments::EARLY_DAYS,
                    z_list(&d.before)
                ));
            }
        }
        _ => out.push_str(&format!(
            "  not shown: {}\n",
            n.hidden_reason.as_deref().unwrap_or("hidden")
        )),
    }
    out
}
