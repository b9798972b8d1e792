//! What the program does over time: mentoring meetings (cadence by program format, topics by
//! the planted coverage pattern, free-text notes with their hostile cases) and ramp-up
//! milestones (slower for juniors, faster for hires mentored during onboarding).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use rand_chacha::ChaCha8Rng;
use rand_distr::Distribution;

use crate::model::{is_mentored_hire, Meeting, Milestone, Pairing, Person};
use crate::util::*;
use crate::vocab::*;

/// One to three topics, drawn without replacement by the planted coverage weights.
fn topics(rng: &mut ChaCha8Rng) -> String {
    let k = 1 + weighted(rng, &[45, 40, 15]);
    let mut weights = TOPIC_WEIGHTS;
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < k {
        let t = weighted(rng, &weights);
        weights[t] = 0;
        chosen.push(t);
    }
    chosen
        .iter()
        .map(|&t| {
            if chance(rng, 0.12) {
                TOPICS[t].to_lowercase()
            } else {
                TOPICS[t].to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn meeting_at(rng: &mut ChaCha8Rng, d: NaiveDate) -> NaiveDateTime {
    let hour = int(rng, 9, 16) as u32;
    let minute = [0, 0, 0, 30, 30, 15, 45][below(rng, 7)];
    at(d, hour, minute, 0)
}

pub fn gen_meetings(seed: u64, people: &[Person], pairings: &mut [Pairing]) -> Vec<Meeting> {
    let mut rng = stream(seed, 6);
    let end = horizon();
    let mut meetings = Vec::new();
    for p in pairings.iter_mut() {
        let mut window_end = p.end.unwrap_or(end).min(end);
        if p.end.is_none() && p.start <= plus(end, -150) && chance(&mut rng, 0.2) {
            p.quiet = true;
            let stop = plus(end, -int(&mut rng, 61, 150));
            window_end = window_end.min(stop.max(plus(p.start, 30)));
        }
        let mut d = plus(p.start, int(&mut rng, 0, 10));
        let mut cancelled_last = false;
        while d <= window_end {
            // Weekends move back to the Wednesday, Thursday or Friday before.
            let day = match d.weekday() {
                Weekday::Sat => plus(d, -1 - int(&mut rng, 0, 2)),
                Weekday::Sun => plus(d, -2 - int(&mut rng, 0, 2)),
                _ => d,
            };
            let cancel = !cancelled_last && chance(&mut rng, 0.05);
            if !cancel && day >= p.start && day <= window_end {
                let minutes = [30, 45, 60, 20, 25, 90][weighted(&mut rng, &[40, 25, 25, 4, 3, 3])];
                let notes = if chance(&mut rng, 0.3) {
                    String::new()
                } else {
                    pick(&mut rng, NOTES).to_string()
                };
                meetings.push(Meeting {
                    at: meeting_at(&mut rng, day),
                    mentor: people[p.mentor].email.clone(),
                    mentee: people[p.mentee].email.clone(),
                    minutes,
                    topics: topics(&mut rng),
                    notes,
                });
            }
            cancelled_last = cancel;
            let (lo, hi) = MEETING_GAP_DAYS[people[p.mentee].format.unwrap_or(0)];
            d = plus(d, int(&mut rng, lo, hi));
            if chance(&mut rng, 0.08) {
                d = plus(d, int(&mut rng, 7, 14)); // holiday gap
            }
        }
    }
    // Two meetings with a mentee who is not on the roster.
    for (k, day) in [ymd(2025, 5, 14), ymd(2025, 10, 8)].into_iter().enumerate() {
        let pairing = &pairings[(k * pairings.len() / 2).min(pairings.len() - 1)];
        meetings.push(Meeting {
            at: at(day, 10 + 4 * k as u32, 30 * k as u32, 0),
            mentor: people[pairing.mentor].email.clone(),
            mentee: GHOST_MENTEE.to_string(),
            minutes: 30,
            topics: "Career growth".to_string(),
            notes: "Intro chat, will set up a proper pairing".to_string(),
        });
    }
    meetings.sort_by(|a, b| (a.at, &a.mentor, &a.mentee).cmp(&(b.at, &b.mentor, &b.mentee)));
    let n = meetings.len();
    meetings[n / 3].notes = SPECIAL_NOTE_SCRIPT.to_string();
    meetings[2 * n / 3].notes = SPECIAL_NOTE_FORMULA.to_string();
    meetings
}

/// `First PR merged` for hires since 2024 (log-normal delay; 4% never get there) and, for some,
/// `First on-call shift` later. Events after the horizon or after leaving are censored. Delays
/// are drawn per (mentored during onboarding, level) group and rescaled so each group's drawn
/// median is exactly the planted one: the level's median, times the mentoring factor for
/// mentored hires.
pub fn gen_milestones(seed: u64, people: &[Person]) -> Vec<Milestone> {
    let mut rng = stream(seed, 7);
    let shape = lognormal(1.0, 0.35);
    let oncall = lognormal(70.0, 0.5);
    struct Draft {
        person: usize,
        group: (bool, usize),
        delay: f64,
        never: bool,
        oncall: Option<f64>,
    }
    let mut drafts = Vec::new();
    for (i, p) in people.iter().enumerate() {
        if p.hire < ymd(2024, 1, 1) {
            continue;
        }
        let delay = shape.sample(&mut rng);
        let never = chance(&mut rng, 0.04);
        let wants_oncall = p.level <= 3 && chance(&mut rng, 0.55);
        let oc = oncall.sample(&mut rng);
        drafts.push(Draft {
            person: i,
            group: (is_mentored_hire(p), p.level_index()),
            delay,
            never,
            oncall: wants_oncall.then_some(oc),
        });
    }
    let mut scale: BTreeMap<(bool, usize), f64> = BTreeMap::new();
    for mentored in [true, false] {
        // `level` is a key of the groups as well as the tables' index.
        #[allow(clippy::needless_range_loop)]
        for level in 0..5 {
            let raw: Vec<f64> = drafts
                .iter()
                .filter(|d| d.group == (mentored, level))
                .map(|d| d.delay)
                .collect();
            let factor = if mentored { RAMP_MENTORED_FACTOR } else { 1.0 };
            if let Some(m) = median_f64(&raw) {
                scale.insert((mentored, level), RAMP_MEDIAN_BY_LEVEL[level] * factor / m);
            }
        }
    }
    let mut out = Vec::new();
    for d in &drafts {
        let p = &people[d.person];
        let observable = |x: NaiveDate| x <= horizon() && p.term.is_none_or(|t| x < t);
        let days = d.delay * scale.get(&d.group).copied().unwrap_or(1.0);
        let pr = plus(p.hire, (days.round() as i64).max(5));
        if d.never || !observable(pr) {
            continue;
        }
        out.push(Milestone {
            person: d.person,
            kind: "First PR merged",
            date: pr,
        });
        if let Some(extra) = d.oncall {
            let oc = plus(pr, (extra.round() as i64).max(7));
            if observable(oc) {
                out.push(Milestone {
                    person: d.person,
                    kind: "First on-call shift",
                    date: oc,
                });
            }
        }
    }
    out
}
