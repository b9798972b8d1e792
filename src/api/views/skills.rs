//! The Skills view (M8): each skill area's change from the first to the
//! last skill wave, per rater, on the 0–1 scale, with its 95% CI and Holm
//! p, mentored against not mentored, and how often the mentees' meetings
//! covered the area. Rows hidden by disclosure control keep their keys and
//! say why; nothing here computes a statistic.

use super::*;
use crate::analysis::SkillRow;
use crate::charts::theme::{pct, signed};

/// The view describes the areas that grew; the judgement per area is its
/// CI and Holm p in the table.
pub(super) fn verdict(a: &Analysis) -> Verdict {
    if a.skills.is_empty() {
        return Verdict {
            outcome: "no_data".into(),
            headline: "No skill assessments are imported. Import self or mentor ratings from two waves (mentorscope template skills writes a sheet to fill in).".into(),
            caveats: Vec::new(),
        };
    }
    Verdict {
        outcome: "descriptive".into(),
        headline: crate::report::findings::skills(a),
        caveats: vec![
            "Self-ratings can rise because people learn what the scale means; mentor ratings and the mentored vs not-mentored difference are the firmer evidence.".into(),
            format!(
                "Areas rated by fewer than {} people are hidden to protect them.",
                a.min_group_size
            ),
        ],
    }
}

pub(super) fn tables(a: &Analysis) -> Vec<StatTable> {
    let k = a.min_group_size;
    let mut raters: Vec<&str> = a.skills.iter().map(|r| r.rater.as_str()).collect();
    raters.dedup();
    raters
        .into_iter()
        .map(|rater| {
            let rows = a
                .skills
                .iter()
                .enumerate()
                .filter(|(_, r)| r.rater == rater)
                .map(|(i, r)| row_of(i, r, k))
                .collect();
            let waves = a
                .skills
                .iter()
                .find(|r| r.rater == rater)
                .map(|r| format!(", {} → {}", r.before_wave, r.after_wave))
                .unwrap_or_default();
            StatTable {
                caption: format!("Rated by: {rater}{waves} (0 = lowest, 1 = highest rating)"),
                columns: vec![
                    "Skill area".into(),
                    "People".into(),
                    "Change".into(),
                    "95% CI".into(),
                    "p (Holm)".into(),
                    "Mentored vs not".into(),
                    "Meetings covered it".into(),
                ],
                rows,
            }
        })
        .collect()
}

fn row_of(i: usize, r: &SkillRow, k: usize) -> StatRow {
    let key = |f: &str| format!("skills.{i}.{f}");
    let hide = |c: StatCell, why: &str| {
        if r.suppressed {
            hidden(k, c, why.to_string())
        } else {
            c
        }
    };
    let why = format!("fewer than {k} people rated, or a few left over in a wider group");
    let change = cell(
        r.mean_change
            .map(|d| signed(d, 2))
            .unwrap_or_else(|| "—".into()),
        r.mean_change,
        &key("mean_change"),
    );
    let split = cell(
        match (r.mean_change_mentored, r.mean_change_not_mentored) {
            (Some(m), Some(n)) => format!(
                "{} vs {}{}",
                signed(m, 2),
                signed(n, 2),
                r.mentored_vs_not_p
                    .map(|p| format!(" ({})", p_text(Some(p))))
                    .unwrap_or_default()
            ),
            _ => "—".into(),
        },
        r.mentored_vs_not_p,
        &key("mentored_vs_not_p"),
    );
    let split = if r.split_suppressed && !r.suppressed {
        hidden(k, split, format!("fewer than {k} people on one side"))
    } else {
        hide(split, &why)
    };
    row(
        &r.area,
        None,
        vec![
            count(r.n, &key("n")),
            hide(change, &why),
            hide(ci_cell(r.ci95, 2, &key("ci95")), &why),
            hide(p_cell(r.p_holm, &key("p_holm")), &why),
            split,
            hide(
                cell(
                    r.coverage.map(pct).unwrap_or_else(|| "—".into()),
                    r.coverage,
                    &key("coverage"),
                ),
                &why,
            ),
        ],
    )
}
