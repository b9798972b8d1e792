//! The Trends view (M7): every survey wave in time order with n, the mean
//! composite and its 95% CI, and eNPS; a wave under the minimum group size
//! shows "hidden" and no figure.

use super::*;
use crate::charts::theme::signed;
use crate::report::findings;

/// The view describes rather than judges: the waves in one sentence.
pub(super) fn verdict(a: &Analysis) -> Verdict {
    let hidden = a.waves.iter().filter(|w| w.suppressed).count();
    let mut caveats = Vec::new();
    if hidden > 0 {
        caveats.push(format!(
            "{hidden} of {} waves have fewer than {} respondents and are not shown.",
            a.waves.len(),
            a.min_group_size
        ));
    }
    if a.waves.len() > 1 {
        caveats.push(
            "Different people may answer each wave; a change between waves shows what happened over time, not that the program caused it.".into(),
        );
    }
    Verdict {
        outcome: if a.waves.is_empty() {
            "no_data"
        } else {
            "descriptive"
        }
        .into(),
        headline: findings::trend(a),
        caveats,
    }
}

pub(super) fn tables(a: &Analysis) -> Vec<StatTable> {
    let k = a.min_group_size;
    let rows = a
        .waves
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let key = |f: &str| format!("waves.{i}.{f}");
            let shown = |c: StatCell| {
                if w.suppressed {
                    hidden(k, c, wave_reason(k))
                } else {
                    c
                }
            };
            row(
                &w.wave,
                w.median_date
                    .map(charts::date_long)
                    .map(|d| format!("answers around {d}"))
                    .as_deref(),
                vec![
                    count(w.n, &key("n")),
                    shown(opt_num(w.mean, 2, &key("mean"))),
                    shown(match w.ci95 {
                        Some([lo, hi]) => StatCell {
                            text: format!("{}–{}", num(lo, 2), num(hi, 2)),
                            values: vec![lo, hi],
                            key: Some(key("ci95")),
                            suppressed: None,
                        },
                        None => cell("—", None, &key("ci95")),
                    }),
                    shown(cell(
                        w.enps.map(|e| signed(e, 0)).unwrap_or_else(|| "—".into()),
                        w.enps,
                        &key("enps"),
                    )),
                ],
            )
        })
        .collect();
    vec![StatTable {
        caption: "Every survey wave, in time order".into(),
        columns: vec![
            "Wave".into(),
            "Responses".into(),
            "Mean (1–5)".into(),
            "95% CI".into(),
            "eNPS".into(),
        ],
        rows,
    }]
}
