//! The satisfaction verdict (M1), led by the like-for-like difference (M6)
//! when it disagrees with the raw one in direction or significance, with
//! what could have been detected when nothing was, and which single items
//! changed once the items are tested together (Holm).

use super::{capitalise, chance, outcome, p_text, signed, thousands, verdict};
use crate::analysis::{Analysis, Verdict};

pub(super) fn survey(a: &Analysis) -> Verdict {
    let u = &a.survey_unpaired;
    if a.waves.len() < 2 {
        return verdict(
            "no_data",
            "Import a survey from before and one from after the program to compare satisfaction."
                .into(),
            vec![],
        );
    }
    if u.suppressed {
        return verdict(
            "too_few",
            format!(
                "Too few responses to say: each wave needs at least {} respondents to protect their confidentiality ({} before, {} after).",
                a.min_group_size,
                thousands(u.n_before),
                thousands(u.n_after)
            ),
            vec![],
        );
    }
    let (Some(b), Some(af), Some(d)) = (u.mean_before, u.mean_after, u.diff) else {
        return verdict(
            "too_few",
            "Too few answered the satisfaction questions to say.".into(),
            vec![],
        );
    };
    let mut caveats = Vec::new();
    let ci = u
        .ci95
        .map(|[lo, hi]| format!(", 95% CI {} to {}", signed(lo, 2), signed(hi, 2)))
        .unwrap_or_default();
    let change = if d.abs() < 0.005 {
        format!("Satisfaction stayed at {b:.1} out of 5")
    } else {
        format!(
            "Satisfaction {} from {b:.1} to {af:.1} out of 5 ({}{ci})",
            if d > 0.0 { "rose" } else { "fell" },
            signed(d, 2)
        )
    };
    let tail = match u.welch_p {
        Some(p) => chance(p),
        None => "the answers do not vary enough to test the difference".into(),
    };
    if !a.survey_paired.suppressed {
        if let (Some(md), Some(p)) = (a.survey_paired.mean_diff, a.survey_paired.p) {
            caveats.push(format!(
                "Among the {} people who answered both surveys, the average change was {}; {}.",
                thousands(a.survey_paired.n_pairs),
                signed(md, 2),
                chance(p)
            ));
        }
    } else if a.survey_paired.n_pairs > 0 {
        caveats.push(format!(
            "Only {} people answered both surveys, too few for a same-person comparison.",
            thousands(a.survey_paired.n_pairs)
        ));
    }
    let ratio = u.n_before.max(u.n_after) as f64 / u.n_before.min(u.n_after).max(1) as f64;
    if ratio > 2.0 {
        caveats.push(format!(
            "The waves have very different numbers of responses ({} vs {}); who chose to answer may differ.",
            thousands(u.n_before),
            thousands(u.n_after)
        ));
    }
    items_caveat(a, &mut caveats);
    caveats.push("A before/after survey shows change over the program's time, not that the program caused it.".into());
    let adj = &u.adjusted;
    let adj_text = |diff: f64| {
        let ci = adj
            .ci95
            .map(|[lo, hi]| format!(", 95% CI {} to {}", signed(lo, 2), signed(hi, 2)))
            .unwrap_or_default();
        format!(
            "compared like for like (respondents of the same level and team), satisfaction changed by {}{ci}",
            signed(diff, 2)
        )
    };
    let raw_sig = u.welch_p.is_some_and(|p| p < 0.05);
    if let (Some(ad), Some(ap)) = (adj.diff, adj.p) {
        let adj_sig = ap < 0.05;
        let direction_differs = (raw_sig || adj_sig) && (ad > 0.0) != (d > 0.0);
        if adj_sig != raw_sig || direction_differs {
            let why = if raw_sig {
                "; much of the raw change reflects who answered each wave (their levels and teams)"
            } else {
                "; the raw comparison hides it because different people answered each wave"
            };
            caveats.insert(0, format!("Without that adjustment: {change}; {tail}."));
            if !adj_sig {
                caveats.extend(mde(u));
            }
            return verdict(
                outcome(Some(ap), ad > 0.0),
                format!("{}; {}{why}.", capitalise(&adj_text(ad)), chance(ap)),
                caveats,
            );
        }
        caveats.insert(
            0,
            format!(
                "{}: consistent with the raw comparison; {}.",
                capitalise(&adj_text(ad)),
                chance(ap)
            ),
        );
    } else if let Some(reason) = &adj.reason {
        caveats.push(format!(
            "A like-for-like comparison (same level and team) could not be made: {reason}."
        ));
    }
    if !raw_sig {
        caveats.extend(mde(u));
    }
    verdict(
        outcome(u.welch_p, d > 0.0),
        format!("{change}; {tail}."),
        caveats,
    )
}

/// What could have been seen: the minimum detectable difference.
fn mde(u: &crate::analysis::SurveyUnpaired) -> Option<String> {
    u.mde_80.map(|m| {
        format!(
            "With these numbers of responses, no change smaller than {m:.2} points (out of 5) could have been detected reliably; a smaller real change may exist."
        )
    })
}

/// Single items, judged with Holm's adjustment across the items.
fn items_caveat(a: &Analysis, caveats: &mut Vec<String>) {
    let tested: Vec<_> = a.item_tests.iter().filter(|t| t.p_holm.is_some()).collect();
    if tested.len() < 2 {
        return;
    }
    let clear: Vec<String> = tested
        .iter()
        .filter(|t| t.p_holm.is_some_and(|p| p < 0.05))
        .map(|t| {
            format!(
                "\u{201c}{}\u{201d} ({}, p = {} after adjustment)",
                t.item,
                t.diff.map(|d| signed(d, 2)).unwrap_or_default(),
                p_text(t.p_holm.unwrap_or(1.0))
            )
        })
        .collect();
    caveats.push(if clear.is_empty() {
        format!(
            "No single item changed clearly once all {} items are tested together (Holm's adjustment).",
            tested.len()
        )
    } else {
        format!(
            "Of {} items, {} changed clearly once all are tested together (Holm's adjustment): {}.",
            tested.len(),
            clear.len(),
            clear.join("; ")
        )
    });
}
