//! The engagement view's numbers (M5): meetings, topics, quiet pairings.

use std::collections::BTreeMap;

use super::*;

pub(super) fn tables(a: &Analysis, program: &Program) -> Vec<StatTable> {
    let e = &a.engagement;
    let mut tables = vec![StatTable {
        caption: "Meetings".into(),
        columns: vec![String::new(), "Value".into()],
        rows: vec![
            row(
                "Meetings",
                None,
                vec![count(e.meetings, "engagement.meetings")],
            ),
            row(
                "Hours together",
                None,
                vec![cell(
                    thousands(e.hours.round() as u64),
                    Some(e.hours),
                    "engagement.hours",
                )],
            ),
            row("Pairings", None, vec![count(e.pairs, "engagement.pairs")]),
            row(
                "Meetings per pairing",
                None,
                vec![opt_num(
                    e.meetings_per_pair,
                    1,
                    "engagement.meetings_per_pair",
                )],
            ),
            row(
                "Active pairings",
                Some("started and not ended on the as-of date"),
                vec![count(e.active_pairs, "engagement.active_pairs")],
            ),
            row(
                "… that met in the last 30 days",
                None,
                vec![count(
                    e.active_pairs_met_last_30d,
                    "engagement.active_pairs_met_last_30d",
                )],
            ),
        ],
    }];
    let top: Vec<StatRow> = e
        .topics_ranked
        .iter()
        .map(|(t, n)| {
            row(
                t,
                None,
                vec![cell(
                    thousands(*n),
                    Some(*n as f64),
                    &format!("engagement.top_topics.{t}"),
                )],
            )
        })
        .collect();
    if !top.is_empty() {
        tables.push(StatTable {
            caption: "Most discussed topics".into(),
            columns: vec!["Topic".into(), "Meetings".into()],
            rows: top,
        });
    }
    if !e.quiet_pairs.is_empty() {
        // Names from the roster where there is one; the analysis names
        // people by ID.
        let by_ident: BTreeMap<&str, u32> = program
            .data
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i as u32))
            .collect();
        let name = |ident: &str| match by_ident.get(ident) {
            Some(&id) => program.display_name(id),
            None => ident.to_string(),
        };
        const SHOWN: usize = 25;
        let mut rows: Vec<StatRow> = e
            .quiet_pairs
            .iter()
            .take(SHOWN)
            .map(|q| {
                row(
                    &format!("{} → {}", name(&q.mentor), name(&q.mentee)),
                    None,
                    vec![plain(
                        q.last_meeting
                            .map(charts::date_long)
                            .unwrap_or_else(|| "never met".into()),
                    )],
                )
            })
            .collect();
        if e.quiet_pairs.len() > SHOWN {
            rows.push(row(
                &format!(
                    "… and {} more (see People & pairings)",
                    thousands((e.quiet_pairs.len() - SHOWN) as u64)
                ),
                None,
                vec![plain("")],
            ));
        }
        tables.push(StatTable {
            caption: format!(
                "Quiet pairings: active, but no meeting in the last 30 days ({})",
                thousands(e.quiet_pairs.len() as u64)
            ),
            columns: vec!["Mentor → mentee".into(), "Last meeting".into()],
            rows,
        });
    }
    tables
}
