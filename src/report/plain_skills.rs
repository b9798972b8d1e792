//! The *Skills* section of `mentorscope analyze` (M8) as plain text: per
//! rater and skill area, the change from the first to the last skill wave
//! on the 0–1 scale with its 95% CI and Holm p, mentored vs not, and how
//! many of the row's mentees' meetings covered the area. It formats what
//! the analysis computed (hidden rows say so) and computes nothing.

use super::plain::table;
use crate::analysis::Analysis;
use crate::charts::theme::{num, p_text, pct, signed};

/// The Skills section, or an empty string when no skill waves were imported.
pub fn skills(a: &Analysis) -> String {
    let Some(first) = a.skills.first() else {
        return String::new();
    };
    let k = a.min_group_size;
    let body: Vec<Vec<String>> = a
        .skills
        .iter()
        .map(|r| {
            if r.suppressed {
                return vec![
                    r.area.clone(),
                    r.rater.clone(),
                    r.n.to_string(),
                    format!("hidden (< {k} or would reveal a few)"),
                ];
            }
            let change = match (r.mean_change, r.ci95) {
                (Some(d), Some([lo, hi])) => {
                    format!("{} ({} to {})", signed(d, 2), signed(lo, 2), signed(hi, 2))
                }
                (Some(d), None) => signed(d, 2),
                _ => "—".into(),
            };
            let split = if r.split_suppressed {
                "hidden".to_string()
            } else {
                match (
                    r.mean_change_mentored,
                    r.mean_change_not_mentored,
                    r.mentored_vs_not_p,
                ) {
                    (Some(m), Some(o), p) => format!(
                        "{} vs {}{}",
                        signed(m, 2),
                        signed(o, 2),
                        p.map(|p| format!(", {}", p_text(p))).unwrap_or_default()
                    ),
                    _ => "—".into(),
                }
            };
            vec![
                r.area.clone(),
                r.rater.clone(),
                r.n.to_string(),
                r.mean_before
                    .map(|x| num(x, 2))
                    .unwrap_or_else(|| "—".into()),
                r.mean_after
                    .map(|x| num(x, 2))
                    .unwrap_or_else(|| "—".into()),
                change,
                r.p_holm.map(p_text).unwrap_or_else(|| "—".into()),
                split,
                r.coverage.map(pct).unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let grew = a
        .skills
        .iter()
        .filter(|r| r.p_holm.is_some_and(|p| p < 0.05) && r.mean_change.is_some_and(|d| d > 0.0))
        .count();
    format!(
        "Skills ({} → {}, 0 = bottom of the scale, 1 = top; {} of {} area ratings grew clearly, Holm p < 0.05)\n{}",
        first.before_wave,
        first.after_wave,
        grew,
        a.skills.len(),
        table(
            &[
                "area",
                "rater",
                "n",
                "before",
                "after",
                "change (95% CI)",
                "Holm p",
                "mentored vs not",
                "meetings covered",
            ],
            &body
        )
    )
}
