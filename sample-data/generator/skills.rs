//! Skill assessments (M8): a long-shape export (`Employee ID, Wave, Assessment Date, Skill Area,
//! Rating, Rater`) of the eleven *Senior backend* areas, rated on the proficiency labels
//! Novice … Expert by the person (`Self`) and, for mentees, by their mentor (`Mentor`), in two
//! waves: `pre` (January 2025, or within two weeks of a later pairing start) and `post` (June
//! 2026). Planted growth: everyone's latent skill rises by 0.1 of a level; a mentee's rises in
//! addition by 3 × the share of their meetings whose topics named the area, scaled by the
//! months they were paired before the post wave (up to 12), so growth follows what mentees'
//! meetings covered most (API design and incident response; caching hardly at all).

use std::collections::HashMap;

use chrono::NaiveDate;
use rand_distr::Distribution;

use crate::model::World;
use crate::util::*;

/// The Senior backend framework's areas (src/skills/frameworks/senior-backend.csv).
pub const AREAS: [&str; 11] = [
    "API design",
    "Database modeling",
    "Transaction boundaries",
    "Caching",
    "Queues and async processing",
    "Reliability patterns",
    "Observability",
    "Incident response",
    "Migrations",
    "Security basics",
    "Performance analysis",
];

const LABELS: [&str; 5] = ["Novice", "Beginner", "Intermediate", "Advanced", "Expert"];

/// Extra latent growth per unit of meeting share (see the module doc).
pub const GROWTH_PER_SHARE: f64 = 3.0;
pub const BASE_GROWTH: f64 = 0.1;

fn label(x: f64) -> &'static str {
    LABELS[(x.round().clamp(1.0, 5.0) as usize) - 1]
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn skill_rows(seed: u64, w: &World) -> Vec<Vec<String>> {
    let mut rng = stream(seed, 31);
    let post_from = day(2026, 6, 1);
    let post_to = day(2026, 6, 26);
    let last_pre = day(2025, 12, 31);
    // Per mentee: meetings, and meetings naming each area.
    let by_email: HashMap<String, usize> = w
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.email.to_lowercase(), i))
        .collect();
    let mut meetings: HashMap<usize, (usize, [usize; 11])> = HashMap::new();
    for m in &w.meetings {
        let Some(&i) = by_email.get(&m.mentee.to_lowercase()) else {
            continue;
        };
        let e = meetings.entry(i).or_insert((0, [0; 11]));
        e.0 += 1;
        let topics = m.topics.to_lowercase();
        for (a, area) in AREAS.iter().enumerate() {
            if topics.split("; ").any(|t| t == area.to_lowercase()) {
                e.1[a] += 1;
            }
        }
    }
    let mentor_of: HashMap<usize, usize> =
        w.pairings.iter().map(|p| (p.mentee, p.mentor)).collect();
    let mut rows = vec![[
        "Employee ID",
        "Wave",
        "Assessment Date",
        "Skill Area",
        "Rating",
        "Rater",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    for (i, p) in w.people.iter().enumerate() {
        let mentee = p.mentee && p.first_start.is_some();
        if !mentee && p.level > 3 {
            continue;
        }
        let pre = match (mentee, p.first_start) {
            (true, Some(s)) if s > launch() => plus(s, int(&mut rng, 0, 14)),
            _ => plus(launch().max(plus(p.hire, 14)), int(&mut rng, 0, 20)),
        };
        let post = date_between(&mut rng, post_from, post_to);
        if pre > last_pre || p.hire > pre || !p.employed_on(post) {
            continue;
        }
        let months = if mentee {
            let s = p.first_start.unwrap_or(pre);
            (days_from(s, post) as f64 / 30.4).clamp(0.0, 12.0) / 12.0
        } else {
            0.0
        };
        let (n_meet, per_area) = meetings.get(&i).copied().unwrap_or((0, [0; 11]));
        let person_level = 1.4 + 0.45 * p.level as f64 + normal(0.0, 0.45).sample(&mut rng);
        let mentor = mentor_of.get(&i).copied();
        for (a, area) in AREAS.iter().enumerate() {
            let base = person_level + normal(0.0, 0.35).sample(&mut rng);
            let share = if n_meet > 0 {
                per_area[a] as f64 / n_meet as f64
            } else {
                0.0
            };
            let growth = BASE_GROWTH
                + if mentee {
                    GROWTH_PER_SHARE * share * months
                } else {
                    0.0
                };
            for (wave, date, latent) in [("pre", pre, base), ("post", post, base + growth)] {
                // Self-ratings run a little high and vary more than a mentor's.
                let own = latent + 0.25 + normal(0.0, 0.45).sample(&mut rng);
                rows.push(vec![
                    p.id.clone(),
                    wave.to_string(),
                    iso(date),
                    area.to_string(),
                    label(own).to_string(),
                    "Self".to_string(),
                ]);
                if mentee && mentor.is_some() {
                    let theirs = latent + normal(0.0, 0.35).sample(&mut rng);
                    rows.push(vec![
                        p.id.clone(),
                        wave.to_string(),
                        iso(date),
                        area.to_string(),
                        label(theirs).to_string(),
                        "Mentor".to_string(),
                    ]);
                }
            }
        }
    }
    rows
}
