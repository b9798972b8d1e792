//! The satisfaction view's numbers (M1, with the like-for-like difference
//! and the smallest detectable change of M6).

use super::*;
use crate::charts::theme::signed;

pub(super) fn tables(a: &Analysis) -> Vec<StatTable> {
    let u = &a.survey_unpaired;
    let k = a.min_group_size;
    let before = u.before_wave.clone().unwrap_or_else(|| "before".into());
    let after = u.after_wave.clone().unwrap_or_else(|| "after".into());
    let sup = u.suppressed;
    let or_hidden = |c: StatCell| if sup { hidden(k, c, wave_reason(k)) } else { c };
    let mut tables = vec![
        StatTable {
            caption: "All responses, before vs after".into(),
            columns: vec![
                String::new(),
                format!("Before ({before})"),
                format!("After ({after})"),
                "Change".into(),
            ],
            rows: vec![
                row(
                    "Responses",
                    None,
                    vec![
                        count(u.n_before, "survey_unpaired.n_before"),
                        count(u.n_after, "survey_unpaired.n_after"),
                        plain(""),
                    ],
                ),
                row(
                    "Average satisfaction",
                    Some("mean of each person's answers, on a 1–5 scale"),
                    vec![
                        or_hidden(opt_num(u.mean_before, 2, "survey_unpaired.mean_before")),
                        or_hidden(opt_num(u.mean_after, 2, "survey_unpaired.mean_after")),
                        or_hidden(cell(
                            u.diff.map(|d| signed(d, 2)).unwrap_or_else(|| "—".into()),
                            u.diff,
                            "survey_unpaired.diff",
                        )),
                    ],
                ),
                row(
                    "Spread (standard deviation)",
                    None,
                    vec![
                        or_hidden(opt_num(u.sd_before, 2, "survey_unpaired.sd_before")),
                        or_hidden(opt_num(u.sd_after, 2, "survey_unpaired.sd_after")),
                        plain(""),
                    ],
                ),
            ],
        },
        StatTable {
            caption: "Is the change more than chance?".into(),
            columns: vec!["Test".into(), "Result".into(), "p-value".into()],
            rows: vec![
                row(
                    "95% confidence interval of the change",
                    Some("the range the true change most likely lies in"),
                    vec![
                        or_hidden(ci_cell(u.ci95, 2, "survey_unpaired.ci95")),
                        plain(""),
                    ],
                ),
                row(
                    "Welch's t-test",
                    None,
                    vec![
                        or_hidden(cell(
                            match (u.welch_t, u.welch_df) {
                                (Some(t), Some(df)) => {
                                    format!("t = {}, df = {}", num(t, 2), num(df, 1))
                                }
                                _ => "—".into(),
                            },
                            u.welch_t,
                            "survey_unpaired.welch_t",
                        )),
                        or_hidden(p_cell(u.welch_p, "survey_unpaired.welch_p")),
                    ],
                ),
                row(
                    "Mann–Whitney U test",
                    Some("does not assume answers are evenly spaced"),
                    vec![
                        plain(""),
                        or_hidden(p_cell(u.mann_whitney_p, "survey_unpaired.mann_whitney_p")),
                    ],
                ),
                row(
                    "Effect size (Cohen's d)",
                    Some("0.2 small, 0.5 medium, 0.8 large"),
                    vec![
                        or_hidden(opt_num(u.cohens_d, 2, "survey_unpaired.cohens_d")),
                        plain(""),
                    ],
                ),
                row(
                    "Smallest change this survey could detect",
                    Some("with 80% power; a smaller real change may exist"),
                    vec![
                        or_hidden(opt_num(u.mde_80, 2, "survey_unpaired.mde_80")),
                        plain(""),
                    ],
                ),
            ],
        },
        like_for_like(a),
    ];
    let p = &a.survey_paired;
    let psup = p.suppressed;
    let por = |c: StatCell| {
        if psup {
            hidden(
                k,
                c,
                format!(
                    "fewer than {k} people answered both surveys, or a filter is chosen (this figure is shown for the whole program only)"
                ),
            )
        } else {
            c
        }
    };
    tables.push(StatTable {
        caption: "People who answered both surveys".into(),
        columns: vec![String::new(), "Result".into(), "p-value".into()],
        rows: vec![
            row(
                "People",
                None,
                vec![count(p.n_pairs, "survey_paired.n_pairs"), plain("")],
            ),
            row(
                "Average change per person",
                None,
                vec![
                    por(cell(
                        p.mean_diff
                            .map(|d| signed(d, 2))
                            .unwrap_or_else(|| "—".into()),
                        p.mean_diff,
                        "survey_paired.mean_diff",
                    )),
                    por(p_cell(p.p, "survey_paired.p")),
                ],
            ),
            row(
                "95% confidence interval",
                None,
                vec![por(ci_cell(p.ci95, 2, "survey_paired.ci95")), plain("")],
            ),
        ],
    });
    let im = &a.item_means;
    let whole_only = a.items_whole_program_only();
    tables.push(StatTable {
        caption: "Each question (average, 1–5)".into(),
        columns: vec![
            "Question".into(),
            format!("Before ({before})"),
            format!("After ({after})"),
            "p (Holm)".into(),
        ],
        rows: im
            .items
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let b = im.before.get(i).copied().flatten();
                let af = im.after.get(i).copied().flatten();
                let nb = im.n_before.get(i).copied().unwrap_or(0);
                let na = im.n_after.get(i).copied().unwrap_or(0);
                // An item answered by fewer than k people is withheld (the
                // analysis leaves its mean out); one nobody answered is "—";
                // under a filter items are for the whole program only.
                let side = |m: Option<f64>, n: usize, key: String| {
                    let c = opt_num(m, 2, &key);
                    match m {
                        Some(_) => StatCell {
                            text: format!("{} (n = {})", c.text, thousands(n as u64)),
                            ..c
                        },
                        None if n > 0 && whole_only => whole_program_only(c),
                        None if n > 0 => hidden(
                            k,
                            c,
                            format!("fewer than {k} people answered this question"),
                        ),
                        None => c,
                    }
                };
                let cb = side(b, nb, format!("item_means.before.{i}"));
                let ca = side(af, na, format!("item_means.after.{i}"));
                // The item's test, with p adjusted for testing every item.
                let holm = a
                    .item_tests
                    .iter()
                    .position(|t| &t.item == q)
                    .map(|j| {
                        let t = &a.item_tests[j];
                        let c = p_cell(t.p_holm, &format!("item_tests.{j}.p_holm"));
                        if t.suppressed && whole_only {
                            whole_program_only(c)
                        } else if t.suppressed {
                            hidden(
                                k,
                                c,
                                format!("fewer than {k} people answered this question"),
                            )
                        } else {
                            c
                        }
                    })
                    .unwrap_or_else(|| plain(""));
                row(q, None, vec![cb, ca, holm])
            })
            .collect(),
    });
    let en = &a.enps;
    if en.item.is_some() {
        tables.push(StatTable {
            caption: "Employee Net Promoter Score (−100 to +100)".into(),
            columns: vec![
                String::new(),
                format!("Before ({before})"),
                format!("After ({after})"),
            ],
            rows: vec![row(
                "eNPS",
                en.item.as_deref(),
                vec![
                    enps_cell(en.before, en.n_before, k, "enps.before"),
                    enps_cell(en.after, en.n_after, k, "enps.after"),
                ],
            )],
        });
    }
    tables
}

/// One wave's eNPS; a wave with answers but under the minimum group size
/// is withheld, one with no answers is "—".
fn enps_cell(score: Option<f64>, n: usize, k: usize, key: &str) -> StatCell {
    let c = cell(
        score.map(|x| signed(x, 0)).unwrap_or_else(|| "—".into()),
        score,
        key,
    );
    if score.is_none() && n > 0 {
        hidden(
            k,
            c,
            format!("fewer than {k} people answered this question"),
        )
    } else {
        c
    }
}

/// The before/after difference with level and team held fixed (M6).
fn like_for_like(a: &Analysis) -> StatTable {
    let u = &a.survey_unpaired;
    let adj = &u.adjusted;
    let k = a.min_group_size;
    let sup = u.suppressed || adj.suppressed;
    let or_hidden = |c: StatCell| {
        if sup {
            hidden(
                k,
                c,
                format!("a group of fewer than {k} respondents behind the comparison"),
            )
        } else {
            c
        }
    };
    let raw = |c: StatCell| {
        if u.suppressed {
            hidden(k, c, wave_reason(k))
        } else {
            c
        }
    };
    let mut rows = vec![
        // The raw change repeats the table above (where it carries its
        // key), and is hidden only when the raw comparison is.
        row(
            "Change, raw",
            Some("everyone who answered, as above"),
            vec![
                raw(plain(
                    u.diff.map(|d| signed(d, 2)).unwrap_or_else(|| "—".into()),
                )),
                raw(plain(p_text(u.welch_p))),
            ],
        ),
        row(
            "Change, like for like",
            Some("respondents of the same level and team compared (least squares, robust errors)"),
            vec![
                or_hidden(cell(
                    adj.diff.map(|d| signed(d, 2)).unwrap_or_else(|| "—".into()),
                    adj.diff,
                    "survey_unpaired.adjusted.diff",
                )),
                or_hidden(p_cell(adj.p, "survey_unpaired.adjusted.p")),
            ],
        ),
        row(
            "95% confidence interval, like for like",
            None,
            vec![
                or_hidden(ci_cell(adj.ci95, 2, "survey_unpaired.adjusted.ci95")),
                plain(""),
            ],
        ),
        row(
            "Responses in the model",
            Some("respondents not on the roster have no level or team and are left out"),
            vec![
                count(adj.n, "survey_unpaired.adjusted.n"),
                cell(
                    format!("{} left out", thousands(adj.n_excluded as u64)),
                    Some(adj.n_excluded as f64),
                    "survey_unpaired.adjusted.n_excluded",
                ),
            ],
        ),
    ];
    if let (Some(why), false) = (&adj.reason, sup) {
        rows.push(row(
            "Why there is no estimate",
            None,
            vec![plain(why.clone()), plain("")],
        ));
    }
    StatTable {
        caption: "Raw vs like for like (same level and team)".into(),
        columns: vec![String::new(), "Result".into(), "p-value".into()],
        rows,
    }
}
