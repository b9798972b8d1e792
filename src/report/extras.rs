//! The few inputs the charts need that `Analysis` does not carry yet: each
//! active pairing's meeting days (pair engagement) and how many pairings
//! discussed each topic (topic coverage). Computed from the same loaded
//! `ProgramData` the analysis read, with the same filters (cohort, team,
//! level, date range) and the same as-of date, so the charts agree with the
//! numbers beside them.

use std::collections::{HashMap, HashSet};

use crate::analysis::frames::{day_number, from_day_number, Id, ProgramData};
use crate::analysis::{Analysis, AnalysisOptions};
use crate::charts::{ChartExtras, PairTimeline, TopicCoverage};

pub fn compute(
    data: &ProgramData,
    a: &Analysis,
    opts: &AnalysisOptions,
    skill_areas: Option<&[String]>,
) -> ChartExtras {
    // The analysis's own rule for which pairings the filters let in.
    let pairings = crate::analysis::Scope::new(data, opts).pairings;
    let from = opts.date_from.map(day_number);
    let to = opts.date_to.map(day_number);
    let as_of = a.as_of.map(day_number);
    let day_in = |d: i32| {
        from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t) && as_of.is_none_or(|a| d <= a)
    };

    // The (mentor, mentee) keys in scope, numbered, and the topic
    // spellings folded once: the loop over a million meetings then works on
    // integers only.
    let mut key_index: HashMap<(Id, Id), usize> = HashMap::new();
    for &i in &pairings {
        let n = key_index.len();
        key_index
            .entry((data.pairings[i].mentor, data.pairings[i].mentee))
            .or_insert(n);
    }
    let n_keys = key_index.len();
    let mut folded_index: HashMap<String, usize> = HashMap::new();
    let folded_of: Vec<usize> = data
        .topic_spellings
        .iter()
        .map(|s| {
            let n = folded_index.len();
            *folded_index.entry(s.to_lowercase()).or_insert(n)
        })
        .collect();
    let n_topics = folded_index.len();
    let mut days: Vec<Vec<i32>> = vec![Vec::new(); n_keys];
    let mut discussed: HashSet<(usize, usize)> = HashSet::new();
    let mut topic_meetings = vec![0u64; n_topics];
    let mut spelling_meetings = vec![0u64; data.topic_spellings.len()];
    let mut seen: Vec<usize> = Vec::new();
    for m in &data.meetings {
        if !day_in(m.day) {
            continue;
        }
        let Some(&k) = key_index.get(&(m.mentor, m.mentee)) else {
            continue;
        };
        days[k].push(m.day);
        seen.clear();
        for &t in &data.meeting_topics[m.topics.0 as usize..m.topics.1 as usize] {
            let f = folded_of[t as usize];
            if seen.contains(&f) {
                continue;
            }
            seen.push(f);
            topic_meetings[f] += 1;
            spelling_meetings[t as usize] += 1;
            discussed.insert((f, k));
        }
    }
    let mut topic_pairs = vec![0usize; n_topics];
    for (f, _) in &discussed {
        topic_pairs[*f] += 1;
    }
    // Each folded topic shows in its most used spelling (ties: the first
    // in alphabetical order).
    let mut best: Vec<Option<usize>> = vec![None; n_topics];
    for (t, &f) in folded_of.iter().enumerate() {
        let better = match best[f] {
            None => true,
            Some(b) => {
                (
                    spelling_meetings[t],
                    std::cmp::Reverse(&data.topic_spellings[t]),
                ) > (
                    spelling_meetings[b],
                    std::cmp::Reverse(&data.topic_spellings[b]),
                )
            }
        };
        if better {
            best[f] = Some(t);
        }
    }
    let pairings_with_meetings = days.iter().filter(|d| !d.is_empty()).count();

    let mut active_pairs = Vec::new();
    if let Some(as_of) = as_of {
        for &i in &pairings {
            let p = &data.pairings[i];
            let active = p.start.is_none_or(|s| s <= as_of) && p.end.is_none_or(|e| as_of <= e);
            if !active {
                continue;
            }
            let mut d = key_index
                .get(&(p.mentor, p.mentee))
                .map(|&k| days[k].clone())
                .unwrap_or_default();
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

    let mut coverage: Vec<TopicCoverage> = (0..n_topics)
        .filter(|f| topic_meetings[*f] > 0)
        .map(|f| TopicCoverage {
            topic: best[f]
                .map(|t| data.topic_spellings[t].clone())
                .unwrap_or_default(),
            pairings: topic_pairs[f],
            meetings: topic_meetings[f],
            skill_area: skill_areas.is_none(),
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
        pairings_with_meetings,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::frames::{Meeting, Pairing};

    #[test]
    fn topics_fold_case_count_pairings_once_and_list_missing_skill_areas() {
        let mut d = ProgramData {
            names: vec!["m".into(), "a".into(), "b".into()],
            topic_spellings: vec!["Code review".into(), "code review".into(), "On-call".into()],
            ..Default::default()
        };
        for mentee in [1, 2] {
            d.pairings.push(Pairing {
                mentor: 0,
                mentee,
                cohort: None,
                format: None,
                start: Some(0),
                end: None,
            });
        }
        // a: three meetings on code review (two spellings, one meeting with
        // both); b: one on on-call.
        d.meeting_topics = vec![0, 1, 0, 1, 2];
        for (mentee, day, topics) in [
            (1, 10, (0, 2)),
            (1, 20, (2, 3)),
            (1, 30, (3, 4)),
            (2, 40, (4, 5)),
        ] {
            d.meetings.push(Meeting {
                day,
                mentor: 0,
                mentee,
                duration_min: None,
                topics,
            });
        }
        let a = crate::analysis::analyze_data(&d, &AnalysisOptions::default()).unwrap();
        let areas = vec!["Code Review".to_string(), "Security".to_string()];
        let x = compute(&d, &a, &AnalysisOptions::default(), Some(&areas));
        assert_eq!(x.pairings_with_meetings, 2);
        let review = x.topics.iter().find(|t| t.topic == "Code review").unwrap();
        assert_eq!(
            (review.pairings, review.meetings, review.skill_area),
            (1, 3, true)
        );
        let security = x.topics.iter().find(|t| t.topic == "Security").unwrap();
        assert_eq!((security.pairings, security.skill_area), (0, true));
        let oncall = x.topics.iter().find(|t| t.topic == "On-call").unwrap();
        assert!(!oncall.skill_area);
        assert_eq!(x.active_pairs.len(), 2);
    }
}
