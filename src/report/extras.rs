//! The few inputs the charts need that `Analysis` does not carry yet: each
//! active pairing's meeting days (pair engagement) and how many pairings
//! discussed each topic (topic coverage). Computed from the same loaded
//! `ProgramData` the analysis read, with the same filters (cohort, team,
//! level, date range) and the same as-of date, so the charts agree with the
//! numbers beside them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::analysis::frames::{day_number, from_day_number, Id, ProgramData};
use crate::analysis::{Analysis, AnalysisOptions};
use crate::charts::{ChartExtras, PairTimeline, TopicCoverage};

/// Per folded topic: the pairings that discussed it, its meetings, and how
/// often each spelling was used.
type TopicTally = (HashSet<(Id, Id)>, u64, BTreeMap<String, u64>);

pub fn compute(
    data: &ProgramData,
    a: &Analysis,
    opts: &AnalysisOptions,
    skill_areas: Option<&[String]>,
) -> ChartExtras {
    let people: Option<HashSet<Id>> = (opts.team.is_some() || opts.level.is_some()).then(|| {
        data.people
            .iter()
            .filter(|p| {
                opts.team
                    .as_ref()
                    .is_none_or(|t| p.team.as_ref() == Some(t))
            })
            .filter(|p| {
                opts.level
                    .as_ref()
                    .is_none_or(|l| p.level.as_ref() == Some(l))
            })
            .map(|p| p.id)
            .collect()
    });
    let pairings: Vec<usize> = data
        .pairings
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            opts.cohort
                .as_ref()
                .is_none_or(|c| p.cohort.as_ref() == Some(c))
        })
        .filter(|(_, p)| people.as_ref().is_none_or(|s| s.contains(&p.mentee)))
        .map(|(i, _)| i)
        .collect();
    let from = opts.date_from.map(day_number);
    let to = opts.date_to.map(day_number);
    let as_of = a.as_of.map(day_number);
    let day_in = |d: i32| {
        from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t) && as_of.is_none_or(|a| d <= a)
    };

    // Meetings per (mentor, mentee), in scope.
    let keys: HashMap<(Id, Id), usize> = pairings
        .iter()
        .map(|&i| ((data.pairings[i].mentor, data.pairings[i].mentee), i))
        .collect();
    let mut days: HashMap<(Id, Id), Vec<i32>> = HashMap::new();
    // folded topic → (pairings that discussed it, meetings, spelling counts)
    let mut topics: HashMap<String, TopicTally> = HashMap::new();
    let mut met: HashSet<(Id, Id)> = HashSet::new();
    for m in &data.meetings {
        let key = (m.mentor, m.mentee);
        if !day_in(m.day) || !keys.contains_key(&key) {
            continue;
        }
        met.insert(key);
        days.entry(key).or_default().push(m.day);
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for &t in &data.meeting_topics[m.topics.0 as usize..m.topics.1 as usize] {
            let spelling = &data.topic_spellings[t as usize];
            let folded = spelling.to_lowercase();
            if !seen.insert(folded.clone()) {
                continue;
            }
            let e = topics.entry(folded).or_default();
            e.0.insert(key);
            e.1 += 1;
            *e.2.entry(spelling.clone()).or_insert(0) += 1;
        }
    }

    let mut active_pairs = Vec::new();
    if let Some(as_of) = as_of {
        for &i in &pairings {
            let p = &data.pairings[i];
            let active = p.start.is_none_or(|s| s <= as_of) && p.end.is_none_or(|e| as_of <= e);
            if !active {
                continue;
            }
            let mut d = days.get(&(p.mentor, p.mentee)).cloned().unwrap_or_default();
            d.sort_unstable();
            d.dedup();
            active_pairs.push(PairTimeline {
                mentor: data.names[p.mentor as usize].clone(),
                mentee: data.names[p.mentee as usize].clone(),
                start: p.start.map(from_day_number),
                end: p.end.map(from_day_number),
                meetings: d.into_iter().map(from_day_number).collect(),
            });
        }
    }
    active_pairs.sort_by(|a, b| {
        (a.meetings.last(), &a.mentor, &a.mentee).cmp(&(b.meetings.last(), &b.mentor, &b.mentee))
    });

    let mut coverage: Vec<TopicCoverage> = topics
        .into_values()
        .map(|(pairs, meetings, spellings)| {
            let topic = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            TopicCoverage {
                topic,
                pairings: pairs.len(),
                meetings,
                skill_area: skill_areas.is_none(),
            }
        })
        .collect();
    if let Some(areas) = skill_areas {
        for area in areas {
            let folded = area.trim().to_lowercase();
            if folded.is_empty() {
                continue;
            }
            match coverage
                .iter_mut()
                .find(|c| c.topic.to_lowercase() == folded)
            {
                Some(c) => c.skill_area = true,
                None => coverage.push(TopicCoverage {
                    topic: area.trim().to_string(),
                    pairings: 0,
                    meetings: 0,
                    skill_area: true,
                }),
            }
        }
    }
    coverage.sort_by(|a, b| {
        b.skill_area
            .cmp(&a.skill_area)
            .then(b.pairings.cmp(&a.pairings))
            .then(b.meetings.cmp(&a.meetings))
            .then(a.topic.cmp(&b.topic))
    });

    ChartExtras {
        active_pairs,
        pairings_with_meetings: met.len(),
        topics: coverage,
        skill_areas_given: skill_areas.is_some(),
    }
}

/// Splits a `--skill-areas` value ("Code review; On-call, Testing").
pub fn parse_skill_areas(s: &str) -> Vec<String> {
    s.split([';', ',', '|', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}
