//! M5: engagement — meetings, hours, meetings per pairing, active and
//! quiet pairings at as-of, topic counts and meetings per month.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt, HashSet};
use polars::prelude::*;
use serde::Serialize;

use super::frames::{self, from_day_number, Id, ProgramData};
use super::scope::Scope;
use crate::error::Result;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Engagement {
    pub meetings: usize,
    pub hours: f64,
    pub pairs: usize,
    pub meetings_per_pair: Option<f64>,
    pub active_pairs: usize,
    pub active_pairs_met_last_30d: usize,
    pub top_topics: BTreeMap<String, u64>,
    /// The same topics, most discussed first.
    pub topics_ranked: Vec<(String, u64)>,
    /// Active pairings with no meeting in the 30 days up to as-of.
    pub quiet_pairs: Vec<QuietPair>,
    pub meetings_per_month: Vec<MonthCount>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuietPair {
    pub mentor: String,
    pub mentee: String,
    pub last_meeting: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthCount {
    pub month: String,
    pub meetings: u64,
}

/// A (mentor, mentee) pair as one integer, which hashes in one step.
pub(crate) fn pair_key(mentor: Id, mentee: Id) -> u64 {
    u64::from(mentor) << 32 | u64::from(mentee)
}

pub(crate) fn engagement(data: &ProgramData, scope: &Scope, as_of: i32) -> Result<Engagement> {
    let pair_keys: HashSet<u64> = scope
        .pairings
        .iter()
        .map(|&i| pair_key(data.pairings[i].mentor, data.pairings[i].mentee))
        .collect();
    let filtered_pairs = scope.people.is_some() || scope.cohort_people.is_some();
    // A meeting counts when it is in the date range and, under a team,
    // level or cohort filter, belongs to a pairing that is in scope.
    let meetings: Vec<&frames::Meeting> = data
        .meetings
        .iter()
        .filter(|m| scope.day_in(m.day))
        .filter(|m| !filtered_pairs || pair_keys.contains(&pair_key(m.mentor, m.mentee)))
        .collect();
    let df = frames::frame(vec![
        Column::new(
            "day".into(),
            meetings.iter().map(|m| m.day).collect::<Vec<_>>(),
        ),
        Column::new(
            "duration".into(),
            meetings.iter().map(|m| m.duration_min).collect::<Vec<_>>(),
        ),
    ])?;
    let totals = df
        .clone()
        .lazy()
        .select([len().alias("n"), col("duration").sum().alias("minutes")])
        .collect()?;
    let n = frames::i64_values(&totals, "n")?
        .first()
        .copied()
        .flatten()
        .unwrap_or(0) as usize;
    let minutes = frames::f64_values(&totals, "minutes")?
        .first()
        .copied()
        .flatten()
        .unwrap_or(0.0);

    let mut last_meeting: HashMap<u64, i32> = HashMap::new();
    for m in &meetings {
        if m.day <= as_of {
            let e = last_meeting
                .entry(pair_key(m.mentor, m.mentee))
                .or_insert(m.day);
            *e = (*e).max(m.day);
        }
    }
    let mut active = 0;
    let mut met = 0;
    let mut quiet = Vec::new();
    for &i in &scope.pairings {
        let p = &data.pairings[i];
        let is_active = p.start.is_none_or(|s| s <= as_of) && p.end.is_none_or(|e| as_of <= e);
        if !is_active {
            continue;
        }
        active += 1;
        let last = last_meeting.get(&pair_key(p.mentor, p.mentee)).copied();
        // "The 30 days up to and including as-of": as_of − 29 … as_of.
        if last.is_some_and(|d| d > as_of - 30) {
            met += 1;
        } else {
            quiet.push(QuietPair {
                mentor: data.names[p.mentor as usize].clone(),
                mentee: data.names[p.mentee as usize].clone(),
                last_meeting: last.map(from_day_number),
            });
        }
    }
    quiet.sort_by(|a, b| {
        a.last_meeting
            .cmp(&b.last_meeting)
            .then(a.mentee.cmp(&b.mentee))
    });

    // Topics: counted per spelling with Polars, then folded case-insensitively
    // over the (small) vocabulary and shown in the most common spelling.
    let topic_ids: Vec<u32> = meetings
        .iter()
        .flat_map(|m| {
            data.meeting_topics[m.topics.0 as usize..m.topics.1 as usize]
                .iter()
                .copied()
        })
        .collect();
    let by_spelling = frames::frame(vec![Column::new("topic".into(), topic_ids)])?
        .lazy()
        .group_by([col("topic")])
        .agg([len().alias("n")])
        .collect()?;
    let ids = frames::i64_values(&by_spelling, "topic")?;
    let counts = frames::i64_values(&by_spelling, "n")?;
    // folded → (total, best spelling, its count)
    let mut per_topic: HashMap<String, (u64, &str, u64)> = HashMap::new();
    for (id, c) in ids.iter().zip(&counts) {
        let (Some(id), Some(c)) = (id, c) else {
            continue;
        };
        let spelling = data.topic_spellings[*id as usize].as_str();
        let c = *c as u64;
        let e = per_topic
            .entry(spelling.to_lowercase())
            .or_insert((0, spelling, 0));
        e.0 += c;
        if (c, std::cmp::Reverse(spelling)) > (e.2, std::cmp::Reverse(e.1)) {
            e.1 = spelling;
            e.2 = c;
        }
    }
    let mut ranked: Vec<(String, u64)> = per_topic
        .into_values()
        .map(|(n, s, _)| (s.to_string(), n))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let topics_ranked: Vec<(String, u64)> = ranked.into_iter().take(10).collect();
    let top_topics = topics_ranked.iter().cloned().collect();

    // Meetings per month: count per day with Polars, then roll the few
    // hundred distinct days up into months.
    let per_day = df
        .lazy()
        .group_by([col("day")])
        .agg([len().alias("n")])
        .collect()?;
    let days = frames::i64_values(&per_day, "day")?;
    let day_counts = frames::i64_values(&per_day, "n")?;
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    for (d, c) in days.iter().zip(&day_counts) {
        if let (Some(d), Some(c)) = (d, c) {
            *months
                .entry(from_day_number(*d as i32).format("%Y-%m").to_string())
                .or_insert(0) += *c as u64;
        }
    }
    let pairs = scope.pairings.len();
    Ok(Engagement {
        meetings: n,
        hours: minutes / 60.0,
        pairs,
        meetings_per_pair: (pairs > 0).then(|| n as f64 / pairs as f64),
        active_pairs: active,
        active_pairs_met_last_30d: met,
        top_topics,
        topics_ranked,
        quiet_pairs: quiet,
        meetings_per_month: months
            .into_iter()
            .map(|(month, meetings)| MonthCount { month, meetings })
            .collect(),
    })
}
