//! Who is in the program: the roster (hires, levels, teams, invented names), attrition before
//! and after launch (juniors leave more, mentees less within a level), which juniors become
//! mentees and when, their program format, and the mentor pairings.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;
use rand_distr::Distribution;

use crate::model::{Pairing, Person};
use crate::util::*;
use crate::vocab::*;

fn hire_day(rng: &mut ChaCha8Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    let d = weekday_on_or_after(date_between(rng, lo, hi));
    if d > hi {
        weekday_on_or_before(hi)
    } else {
        d
    }
}

pub fn gen_people(seed: u64, n: usize) -> Vec<Person> {
    let mut rng = stream(seed, 1);
    let engagement = normal(0.0, 0.55);
    let n_post = (n as f64 * 0.4).round() as usize;
    let forced: [(&str, &str); 5] = [
        ("Aino", "Mäkinen"),
        ("Ana", "Silva"),
        ("Zoë", "Westerby"),
        ("José", "Núñez"),
        ("Łukasz", "Redfern"),
    ];
    let mut raw: Vec<(NaiveDate, usize, Person)> = Vec::with_capacity(n);
    for i in 0..n {
        let post = i >= n - n_post;
        // A growing company: hiring speeds up towards launch and after it.
        let mut hire = if post {
            hire_day(&mut rng, launch(), ymd(2025, 12, 31))
        } else {
            match weighted(&mut rng, &[25, 30, 45]) {
                0 => hire_day(&mut rng, ymd(2022, 1, 1), ymd(2022, 12, 31)),
                1 => hire_day(&mut rng, ymd(2023, 1, 1), ymd(2023, 12, 31)),
                _ => hire_day(&mut rng, ymd(2024, 1, 1), plus(launch(), -1)),
            }
        };
        let level_weights: &[u32] = if post {
            &[45, 35, 14, 5, 1]
        } else if hire >= ymd(2024, 1, 1) {
            &[30, 35, 20, 10, 5]
        } else {
            &[5, 20, 35, 25, 15]
        };
        let mut level = 1 + weighted(&mut rng, level_weights) as u8;
        let mut dept = weighted(&mut rng, &TEAM_WEIGHTS);
        let (first, last) = match forced.get(i) {
            Some((f, l)) => (f.to_string(), l.to_string()),
            None => {
                let firsts = if chance(&mut rng, 0.04) {
                    RARE_FIRST_NAMES
                } else {
                    FIRST_NAMES
                };
                let first = pick(&mut rng, firsts).to_string();
                let lasts = if chance(&mut rng, 0.04) {
                    RARE_LAST_NAMES
                } else {
                    LAST_NAMES
                };
                (first, pick(&mut rng, lasts).to_string())
            }
        };
        if i == 1 {
            // Ana Silva: long-tenured senior, a typical mentor.
            hire = ymd(2022, 3, 14);
            level = 4;
            dept = 1;
        }
        let person = Person {
            id: String::new(),
            first,
            last,
            email: String::new(),
            dept,
            level,
            hire,
            term: None,
            engagement: engagement.sample(&mut rng),
            eligible: false,
            mentee: false,
            first_start: None,
            format: None,
            answered: [false; 4],
        };
        raw.push((hire, i, person));
    }
    raw.sort_by_key(|(hire, i, _)| (*hire, *i));
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut people = Vec::with_capacity(n);
    for (k, (_, _, mut p)) in raw.into_iter().enumerate() {
        p.id = format!("E{:05}", k + 1);
        let local = format!("{}.{}", ascii_fold(&p.first), ascii_fold(&p.last));
        let count = seen.entry(local.clone()).or_insert(0);
        *count += 1;
        p.email = if *count == 1 {
            format!("{local}@example.com")
        } else {
            format!("{local}{count}@example.com")
        };
        people.push(p);
    }
    people
}

/// Attrition before launch (nobody is mentored yet): about 15% a year.
pub fn gen_prelaunch_terminations(seed: u64, people: &mut [Person]) {
    let mut rng = stream(seed, 2);
    for p in people.iter_mut().filter(|p| p.hire < launch()) {
        let span = days_from(p.hire, launch());
        let prob = (0.15 * span as f64 / 365.25).min(0.45);
        if chance(&mut rng, prob) && span > 45 {
            p.term = Some(plus(p.hire, int(&mut rng, 30, span - 1)));
        }
    }
}

/// Picks mentees (half of the eligible juniors, plus a few recent L3s) and their first starts.
pub fn gen_mentees(seed: u64, people: &mut [Person]) {
    let mut rng = stream(seed, 3);
    let mut eligible: Vec<usize> = (0..people.len())
        .filter(|&i| {
            let p = &people[i];
            p.level <= 2 && p.hire >= ymd(2023, 7, 1) && p.term.is_none()
        })
        .collect();
    for &i in &eligible {
        people[i].eligible = true;
    }
    shuffle(&mut rng, &mut eligible);
    let take = (eligible.len() as f64 * 0.5).round() as usize;
    let mut mentees: Vec<usize> = eligible[..take].to_vec();
    for (i, p) in people.iter().enumerate() {
        if p.level == 3 && p.hire >= ymd(2024, 1, 1) && p.term.is_none() && chance(&mut rng, 0.12) {
            mentees.push(i);
        }
    }
    mentees.sort_unstable();

    // People hired before launch join one of the three cohort intakes; later hires are paired
    // during onboarding, 3-21 days after their start.
    let mut before: Vec<usize> = mentees
        .iter()
        .copied()
        .filter(|&i| people[i].hire < launch())
        .collect();
    shuffle(&mut rng, &mut before);
    let n_spring = ((before.len() as f64) * 0.6).round().max(1.0) as usize;
    let n_fall = ((before.len() as f64) * 0.25).round() as usize;
    for (pos, &i) in before.iter().enumerate() {
        let start = if pos == 0 {
            launch()
        } else if pos < n_spring {
            weekday_on_or_after(date_between(&mut rng, plus(launch(), 1), ymd(2025, 3, 28)))
        } else if pos < n_spring + n_fall {
            weekday_on_or_after(date_between(&mut rng, ymd(2025, 9, 1), ymd(2025, 10, 17)))
        } else {
            weekday_on_or_after(date_between(&mut rng, ymd(2026, 1, 12), ymd(2026, 2, 27)))
        };
        people[i].first_start = Some(start);
    }
    for &i in &mentees {
        people[i].mentee = true;
    }
    for &i in &mentees {
        let p = &mut people[i];
        if p.first_start.is_none() {
            p.first_start = Some(weekday_on_or_after(plus(p.hire, int(&mut rng, 3, 21))));
        }
    }
}

/// Attrition from the retention index date on. Within 12 months exactly round(p * n) of each
/// (mentee, level) group leave, p = the level's planted share (times the mentee factor for
/// mentees), so juniors leave more and mentoring helps within a level; later leavers follow
/// at half that share.
pub fn gen_terminations(seed: u64, people: &mut [Person]) {
    let mut rng = stream(seed, 4);
    let end = horizon();
    for mentee in [true, false] {
        // `level` is a key of the groups as well as the tables' index.
        #[allow(clippy::needless_range_loop)]
        for level in 0..5 {
            for measurable in [true, false] {
                let mut group: Vec<usize> = (0..people.len())
                    .filter(|&i| {
                        let p = &people[i];
                        let t0 = p.retention_index();
                        p.mentee == mentee
                            && p.level_index() == level
                            && p.term.is_none()
                            && (plus(t0, 365) <= end) == measurable
                    })
                    .collect();
                shuffle(&mut rng, &mut group);
                let factor = if mentee { LEAVE_MENTEE_FACTOR } else { 1.0 };
                let p12 = LEAVE_12M_BY_LEVEL[level] * factor;
                let leavers = (group.len() as f64 * p12).round() as usize;
                for (pos, &i) in group.iter().enumerate() {
                    let t0 = people[i].retention_index();
                    let term = if pos < leavers {
                        Some(plus(t0, int(&mut rng, 20, 364)))
                    } else if chance(&mut rng, p12 / 2.0) {
                        Some(plus(t0, int(&mut rng, 366, 900)))
                    } else {
                        None
                    };
                    people[i].term = term.filter(|t| *t <= end);
                }
            }
        }
    }
}

/// The program format of each mentee (all their pairings share it): exactly
/// round(70%) of the mentees, in a random order, are in-house, the rest external.
pub fn gen_formats(seed: u64, people: &mut [Person]) {
    let mut rng = stream(seed, 14);
    let mut mentees: Vec<usize> = (0..people.len()).filter(|&i| people[i].mentee).collect();
    shuffle(&mut rng, &mut mentees);
    let in_house = (mentees.len() as f64 * IN_HOUSE_SHARE).round() as usize;
    for (pos, &i) in mentees.iter().enumerate() {
        people[i].format = Some(usize::from(pos >= in_house));
    }
}

pub fn overlapping(pairings: &[Pairing], mentor: usize, from: NaiveDate, to: NaiveDate) -> usize {
    pairings
        .iter()
        .filter(|p| p.mentor == mentor && p.start <= to && p.end.unwrap_or(horizon()) >= from)
        .count()
}

/// Assigns senior mentors (at most 3 overlapping mentees each), ends pairings, and re-pairs a
/// mentee whose mentor left.
pub fn gen_pairings(seed: u64, people: &[Person]) -> Vec<Pairing> {
    let mut rng = stream(seed, 5);
    let end = horizon();
    let seniors: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].level >= 3 && !people[i].mentee)
        .collect();
    let mut order: Vec<usize> = (0..people.len()).filter(|&i| people[i].mentee).collect();
    order.sort_by_key(|&i| (people[i].first_start, i));
    let mut pairings: Vec<Pairing> = Vec::new();
    for m in order {
        let mut start = people[m].first_start.expect("mentee has a start");
        for _ in 0..3 {
            let planned = if chance(&mut rng, 0.45) {
                Some(plus(start, int(&mut rng, 150, 270)))
            } else {
                None
            };
            let mut candidates: Vec<(usize, Option<NaiveDate>)> = Vec::new();
            for &s in &seniors {
                let mentor = &people[s];
                if mentor.hire > plus(start, -30)
                    || mentor.term.is_some_and(|t| t <= plus(start, 14))
                {
                    continue;
                }
                let stop = [planned, people[m].term, mentor.term]
                    .into_iter()
                    .flatten()
                    .min()
                    .filter(|d| *d <= end);
                if overlapping(&pairings, s, start, stop.unwrap_or(end)) < 3 {
                    candidates.push((s, stop));
                }
            }
            if candidates.is_empty() {
                break;
            }
            let same: Vec<(usize, Option<NaiveDate>)> = candidates
                .iter()
                .copied()
                .filter(|(s, _)| people[*s].dept == people[m].dept)
                .collect();
            let (mentor, stop) = if !same.is_empty() && chance(&mut rng, 0.6) {
                *pick(&mut rng, &same)
            } else {
                *pick(&mut rng, &candidates)
            };
            pairings.push(Pairing {
                mentor,
                mentee: m,
                start,
                end: stop,
                quiet: false,
            });
            let far = ymd(2100, 1, 1);
            let mentor_left = stop.is_some_and(|d| {
                people[mentor].term == Some(d)
                    && d < planned.unwrap_or(far)
                    && d < people[m].term.unwrap_or(far)
            });
            if !mentor_left {
                break;
            }
            let next = weekday_on_or_after(plus(stop.expect("ended"), int(&mut rng, 7, 21)));
            if next > plus(end, -45) || !people[m].employed_on(next) {
                break;
            }
            start = next;
        }
    }
    pairings.sort_by(|a, b| {
        (a.start, &people[a.mentee].email).cmp(&(b.start, &people[b.mentee].email))
    });
    pairings
}
