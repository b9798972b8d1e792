//! The curious reader. For a program, everything `analyze --json` publishes
//! under every filter and every combination of two filters (cohort, team,
//! level) is gathered — survey composites per wave, item means, the paired
//! change, the regression-adjusted difference, the cohort rows, the answer
//! counts per level — and turned into linear systems over every
//! respondent's answers, as a reader who knows the org chart (who is in
//! which team, level and cohort, who answered which wave and which items)
//! would build them. The test then asks whether any single answer, any one
//! person's composite, or the sum (so the mean) over any group of fewer
//! than k people can be solved for: every small group the filters can
//! describe, the rest of every wider group, the few in a group who skipped
//! an item. It must not, on 200 seeded random programs built to be awkward
//! (a team of k + 1, a level of k − 1, a cohort of exactly k, an after wave
//! with a respondent more than the one before); and it must, on some of
//! them, once the rules against subtraction are switched off — the proof
//! that the test can see a leak at all. The same reader on the sample
//! program through the CLI is `privacy_attack_sample.rs`; the exact algebra
//! both use is `common/attack.rs`.

mod common;

use common::attack::{self, frac, Row, Space};

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use mentorscope::analysis::frames::ProgramData;
use mentorscope::analysis::{analyze_data, Analysis, AnalysisOptions};
use mentorscope::ingest::{self, ImportOptions};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const K: usize = 5;
const ITEMS: usize = 4;
const LIKERT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];

// ------------------------------------------------------------------ programs

#[derive(Debug, Clone)]
struct Person {
    email: String,
    team: String,
    level: String,
}

#[derive(Debug, Clone)]
struct Response {
    /// `None`: anonymous.
    person: Option<usize>,
    post: bool,
    answers: [Option<u8>; ITEMS],
}

struct World {
    people: Vec<Person>,
    /// (mentor, mentee, cohort)
    pairings: Vec<(usize, usize, String)>,
    responses: Vec<Response>,
}

impl World {
    fn teams(&self) -> BTreeSet<String> {
        self.people.iter().map(|p| p.team.clone()).collect()
    }
    fn levels(&self) -> BTreeSet<String> {
        self.people.iter().map(|p| p.level.clone()).collect()
    }
    fn cohorts(&self) -> BTreeSet<String> {
        self.pairings.iter().map(|p| p.2.clone()).collect()
    }
    /// Mentor or mentee in a pairing of the cohort: the cohort filter.
    fn in_cohort(&self, person: usize, cohort: &str) -> bool {
        self.pairings
            .iter()
            .any(|(m, e, c)| c == cohort && (*m == person || *e == person))
    }
    fn mentee_of(&self, person: usize, cohort: &str) -> bool {
        self.pairings
            .iter()
            .any(|(_, e, c)| c == cohort && *e == person)
    }
}

/// A small program built to sit on the edges of the rules.
fn generate(seed: u64) -> World {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n_teams: usize = rng.random_range(2..=4);
    let n: usize = rng.random_range(24..=48);
    let mut people: Vec<Person> = (0..n)
        .map(|i| Person {
            email: format!("p{i:03}@corp.example"),
            team: format!("Team{}", rng.random_range(0..n_teams)),
            level: format!("L{}", 1 + rng.random_range(0..3)),
        })
        .collect();
    // Awkward on purpose, by seed: a team of exactly k + 1, a level of
    // k − 1, a cohort of exactly k mentees, one more respondent after.
    if seed.is_multiple_of(2) {
        for p in people.iter_mut().take(K + 1) {
            p.team = "Small".into();
        }
    }
    if seed.is_multiple_of(3) {
        let mut seen = 0;
        for p in people.iter_mut() {
            if p.level == "L3" {
                seen += 1;
                if seen >= K {
                    p.level = "L2".into();
                }
            }
        }
    }
    let mut pairings = Vec::new();
    let mentees: Vec<usize> = (0..n).filter(|_| rng.random_bool(0.4)).collect();
    for (j, &m) in mentees.iter().enumerate() {
        let cohort = if seed.is_multiple_of(5) {
            if j < K {
                "Spring"
            } else {
                "Fall"
            }
        } else if rng.random_bool(0.5) {
            "Spring"
        } else {
            "Fall"
        };
        let mut mentor = rng.random_range(0..n);
        while mentor == m {
            mentor = rng.random_range(0..n);
        }
        pairings.push((mentor, m, cohort.to_string()));
    }
    let mut responses = Vec::new();
    let mut pre_count = 0;
    for post in [false, true] {
        let mut count = 0;
        for i in 0..n {
            let p = if post { 0.8 } else { 0.7 };
            let extra = post && seed.is_multiple_of(7) && count == pre_count;
            if rng.random_bool(p) || extra {
                count += 1;
                let mut a = [None; ITEMS];
                for x in a.iter_mut() {
                    if !rng.random_bool(0.08) {
                        *x = Some(rng.random_range(1..=5u8));
                    }
                }
                if a.iter().all(Option::is_none) {
                    a[0] = Some(3);
                }
                responses.push(Response {
                    person: Some(i),
                    post,
                    answers: a,
                });
            }
        }
        for _ in 0..rng.random_range(0..3) {
            let v = rng.random_range(1..=5u8);
            responses.push(Response {
                person: None,
                post,
                answers: [Some(v); ITEMS],
            });
        }
        if !post {
            pre_count = count;
        }
    }
    World {
        people,
        pairings,
        responses,
    }
}

/// Writes the program as exports and imports them.
fn import(world: &World, dir: &Path) -> mentorscope::Store {
    let mut roster =
        String::from("Employee ID,Full Name,Work Email,Department,Job Level,Hire Date\n");
    for (i, p) in world.people.iter().enumerate() {
        let _ = writeln!(
            roster,
            "E{i:04},Person {i},{},{},{},2023-03-01",
            p.email, p.team, p.level
        );
    }
    let mut pairings = String::from("Mentor Email,Mentee Email,Cohort,Start Date\n");
    for (k, (m, e, c)) in world.pairings.iter().enumerate() {
        let _ = writeln!(
            pairings,
            "{},{},{c},2025-02-{:02}",
            world.people[*m].email,
            world.people[*e].email,
            1 + k % 27
        );
    }
    let survey = |post: bool| {
        let mut s = String::from("Response ID,Timestamp,Email");
        for j in 0..ITEMS {
            let _ = write!(s, ",Statement number {j}");
        }
        s.push('\n');
        for (r, resp) in world.responses.iter().enumerate() {
            if resp.post != post {
                continue;
            }
            let _ = write!(
                s,
                "R{r},2025-{}-10 10:00,{}",
                if post { "09" } else { "01" },
                resp.person
                    .map(|i| world.people[i].email.clone())
                    .unwrap_or_default()
            );
            for a in resp.answers {
                let _ = write!(s, ",{}", a.map(|x| LIKERT[x as usize - 1]).unwrap_or(""));
            }
            s.push('\n');
        }
        s
    };
    let files = [
        ("roster.csv", roster),
        ("pairings.csv", pairings),
        ("pulse-pre.csv", survey(false)),
        ("pulse-post.csv", survey(true)),
    ];
    let paths: Vec<_> = files
        .iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    let mut store = mentorscope::Store::open(&dir.join("p.db")).unwrap();
    for (p, r) in ingest::import_files(&mut store, &paths, &ImportOptions::default()) {
        r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    store
}

// ------------------------------------------------------------------ the reader

/// A filter as the reader sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct Filter {
    cohort: Option<String>,
    team: Option<String>,
    level: Option<String>,
}

impl Filter {
    /// No filter, each value of each filter, each pair of two filters.
    fn all(world: &World) -> Vec<Filter> {
        let teams: Vec<Option<String>> = std::iter::once(None)
            .chain(world.teams().into_iter().map(Some))
            .collect();
        let levels: Vec<Option<String>> = std::iter::once(None)
            .chain(world.levels().into_iter().map(Some))
            .collect();
        let cohorts: Vec<Option<String>> = std::iter::once(None)
            .chain(world.cohorts().into_iter().map(Some))
            .collect();
        let mut out = Vec::new();
        for c in &cohorts {
            for t in &teams {
                for l in &levels {
                    let f = Filter {
                        cohort: c.clone(),
                        team: t.clone(),
                        level: l.clone(),
                    };
                    if f.count() <= 2 {
                        out.push(f);
                    }
                }
            }
        }
        out
    }

    fn count(&self) -> usize {
        [&self.cohort, &self.team, &self.level]
            .iter()
            .filter(|x| x.is_some())
            .count()
    }

    fn lets_in(&self, world: &World, r: &Response) -> bool {
        let Some(i) = r.person else {
            return self.count() == 0;
        };
        let p = &world.people[i];
        self.team.as_ref().is_none_or(|t| *t == p.team)
            && self.level.as_ref().is_none_or(|l| *l == p.level)
            && self.cohort.as_ref().is_none_or(|c| world.in_cohort(i, c))
    }

    fn options(&self) -> AnalysisOptions {
        AnalysisOptions {
            cohort: self.cohort.clone(),
            team: self.team.clone(),
            level: self.level.clone(),
            before_wave: Some("pre".into()),
            after_wave: Some("post".into()),
            min_group_size: K,
            ..Default::default()
        }
    }
}

/// Unknowns: one per (response, item answered).
struct Unknowns {
    index: HashMap<(usize, usize), usize>,
}

impl Unknowns {
    fn of(world: &World) -> Unknowns {
        let mut index = HashMap::new();
        for (r, resp) in world.responses.iter().enumerate() {
            for (j, a) in resp.answers.iter().enumerate() {
                if a.is_some() {
                    let n = index.len();
                    index.insert((r, j), n);
                }
            }
        }
        Unknowns { index }
    }

    fn len(&self) -> usize {
        self.index.len()
    }

    /// A response's composite: the mean of its answered items.
    fn composite(&self, world: &World, r: usize, weight: u64, row: &mut [u64]) {
        let answered: Vec<usize> = (0..ITEMS)
            .filter(|j| world.responses[r].answers[*j].is_some())
            .collect();
        for j in &answered {
            let x = self.index[&(r, *j)];
            row[x] = attack::add(row[x], attack::mul(weight, frac(1, answered.len() as i64)));
        }
    }
}

/// A dense row over the field as the sparse row `common::attack` takes.
fn sparse(v: &[u64]) -> Row {
    v.iter()
        .enumerate()
        .filter(|(_, c)| **c != 0)
        .map(|(i, c)| (i, *c))
        .collect()
}

/// Everything one analysis publishes about survey answers, as rows.
fn published_rows(
    world: &World,
    u: &Unknowns,
    f: &Filter,
    a: &Analysis,
    rows: &mut Vec<(String, Vec<u64>)>,
) {
    let n = u.len();
    let in_wave = |post: bool| -> Vec<usize> {
        (0..world.responses.len())
            .filter(|&r| world.responses[r].post == post && f.lets_in(world, &world.responses[r]))
            .collect()
    };
    let composite_row = |rs: &[usize]| {
        let mut row = vec![0u64; n];
        for &r in rs {
            u.composite(world, r, 1, &mut row);
        }
        row
    };
    let sides = [
        (false, a.survey_unpaired.mean_before),
        (true, a.survey_unpaired.mean_after),
    ];
    for (post, mean) in sides {
        if mean.is_some() {
            rows.push((
                format!("{f:?} composite post={post}"),
                composite_row(&in_wave(post)),
            ));
        }
    }
    for w in &a.waves {
        if w.mean.is_some() {
            rows.push((
                format!("{f:?} wave {}", w.wave),
                composite_row(&in_wave(w.wave == "post")),
            ));
        }
    }
    // Items, in question order (`Statement number j`).
    for (post, means) in [(false, &a.item_means.before), (true, &a.item_means.after)] {
        for (j, m) in means.iter().enumerate() {
            if m.is_some() {
                let mut row = vec![0u64; n];
                for r in in_wave(post) {
                    if let Some(&x) = u.index.get(&(r, j)) {
                        row[x] = 1;
                    }
                }
                rows.push((format!("{f:?} item {j} post={post}"), row));
            }
        }
    }
    // The paired change: each person in both waves, after minus before.
    if a.survey_paired.mean_diff.is_some() {
        let mut row = vec![0u64; n];
        let pre: HashMap<usize, usize> = in_wave(false)
            .into_iter()
            .filter_map(|r| world.responses[r].person.map(|p| (p, r)))
            .collect();
        for r in in_wave(true) {
            if let Some(p) = world.responses[r].person {
                if let Some(&b) = pre.get(&p) {
                    u.composite(world, r, 1, &mut row);
                    u.composite(world, b, attack::neg(1), &mut row);
                }
            }
        }
        rows.push((format!("{f:?} paired"), row));
    }
    // Cohort rows: mentees of the cohort, in the after wave.
    for c in &a.cohorts {
        if c.after_mean.is_some() {
            let rs: Vec<usize> = in_wave(true)
                .into_iter()
                .filter(|&r| {
                    world.responses[r]
                        .person
                        .is_some_and(|p| world.mentee_of(p, &c.cohort))
                })
                .collect();
            rows.push((format!("{f:?} cohort row {}", c.cohort), composite_row(&rs)));
        }
    }
    // The adjusted difference is a fixed linear combination of the
    // composites in the model (on the roster, both waves): OLS of the
    // composite on after + level + team dummies; its `after` row of
    // (X'X)⁻¹X' is known to a reader who knows the org chart.
    if a.survey_unpaired.adjusted.diff.is_some() {
        if let Some(row) = adjusted_row(world, u, f) {
            rows.push((format!("{f:?} adjusted"), row));
        }
    }
}

/// The weights of the adjusted difference on each composite: the `after`
/// row of (X'X)⁻¹X' for X = intercept, after, level and team dummies,
/// exactly (the coefficient does not depend on which value is each
/// factor's reference).
fn adjusted_row(world: &World, u: &Unknowns, f: &Filter) -> Option<Vec<u64>> {
    let rs: Vec<usize> = (0..world.responses.len())
        .filter(|&r| world.responses[r].person.is_some() && f.lets_in(world, &world.responses[r]))
        .collect();
    let person = |r: usize| &world.people[world.responses[r].person.unwrap_or(0)];
    let levels: BTreeSet<&String> = rs.iter().map(|&r| &person(r).level).collect();
    let teams: BTreeSet<&String> = rs.iter().map(|&r| &person(r).team).collect();
    let x: Vec<Vec<i64>> = rs
        .iter()
        .map(|&r| {
            let mut row = vec![1, i64::from(world.responses[r].post)];
            row.extend(
                levels
                    .iter()
                    .skip(1)
                    .map(|l| i64::from(**l == person(r).level)),
            );
            row.extend(
                teams
                    .iter()
                    .skip(1)
                    .map(|t| i64::from(**t == person(r).team)),
            );
            row
        })
        .collect();
    let w = attack::ols_weights(&x, 1)?;
    let mut row = vec![0u64; u.len()];
    for (i, &r) in rs.iter().enumerate() {
        u.composite(world, r, w[i], &mut row);
    }
    Some(row)
}

/// What the reader must never solve for: single answers, single
/// composites, and the composite sum of every small group the filters can
/// describe (a cell, the rest of a wider group, those who skipped).
fn targets(world: &World, u: &Unknowns) -> Vec<(String, Vec<u64>)> {
    let n = u.len();
    let mut out = Vec::new();
    for (&(r, j), &x) in &u.index {
        let mut row = vec![0u64; n];
        row[x] = 1;
        out.push((format!("response {r}, item {j}"), row));
    }
    for r in 0..world.responses.len() {
        let mut row = vec![0u64; n];
        u.composite(world, r, 1, &mut row);
        out.push((format!("response {r}'s composite"), row));
    }
    // Every selection the filters (up to all three) and the cohort rows
    // can describe, per wave; and the differences of nested ones.
    let mut filters = Vec::new();
    for c in std::iter::once(None).chain(world.cohorts().into_iter().map(Some)) {
        for t in std::iter::once(None).chain(world.teams().into_iter().map(Some)) {
            for l in std::iter::once(None).chain(world.levels().into_iter().map(Some)) {
                filters.push(Filter {
                    cohort: c.clone(),
                    team: t.clone(),
                    level: l.clone(),
                });
            }
        }
    }
    let people = |rs: &[usize]| -> usize {
        let mut who: HashSet<Option<usize>> = HashSet::new();
        let mut anon = 0;
        for &r in rs {
            match world.responses[r].person {
                Some(p) => {
                    who.insert(Some(p));
                }
                None => anon += 1,
            }
        }
        who.len() + anon
    };
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for post in [false, true] {
        let sets: Vec<(String, Vec<usize>)> = filters
            .iter()
            .map(|f| {
                let rs: Vec<usize> = (0..world.responses.len())
                    .filter(|&r| {
                        world.responses[r].post == post && f.lets_in(world, &world.responses[r])
                    })
                    .collect();
                (format!("{f:?} post={post}"), rs)
            })
            .collect();
        for (name, rs) in &sets {
            groups.push((name.clone(), rs.clone()));
            // Those who skipped an item.
            let partial: Vec<usize> = rs
                .iter()
                .copied()
                .filter(|&r| world.responses[r].answers.iter().any(Option::is_none))
                .collect();
            groups.push((format!("{name}, skipped an item"), partial));
            for c in world.cohorts() {
                let rows: Vec<usize> = rs
                    .iter()
                    .copied()
                    .filter(|&r| {
                        world.responses[r]
                            .person
                            .is_some_and(|p| world.mentee_of(p, &c))
                    })
                    .collect();
                groups.push((format!("{name}, mentees of {c}"), rows));
            }
        }
        for (a_name, a_set) in &sets {
            for (b_name, b_set) in &sets {
                let b: HashSet<usize> = b_set.iter().copied().collect();
                if a_set.len() > b_set.len() && b_set.iter().all(|r| a_set.contains(r)) {
                    let rest: Vec<usize> =
                        a_set.iter().copied().filter(|r| !b.contains(r)).collect();
                    groups.push((format!("{a_name} minus {b_name}"), rest));
                }
            }
        }
    }
    let mut seen: HashSet<Vec<usize>> = HashSet::new();
    for (name, mut rs) in groups {
        rs.sort_unstable();
        let size = people(&rs);
        if size == 0 || size >= K || !seen.insert(rs.clone()) {
            continue;
        }
        let mut row = vec![0u64; n];
        for &r in &rs {
            u.composite(world, r, 1, &mut row);
        }
        out.push((format!("composite sum of {size} people: {name}"), row));
        for j in 0..ITEMS {
            let mut row = vec![0u64; n];
            for &r in &rs {
                if let Some(&x) = u.index.get(&(r, j)) {
                    row[x] = 1;
                }
            }
            if row.iter().any(|x| *x != 0) {
                out.push((format!("item {j} sum of {size} people: {name}"), row));
            }
        }
    }
    out
}

/// The answer counts per level are a second system: one unknown per
/// (response, item, level), 0 or 1, and the reader knows each answered
/// item has exactly one level.
fn count_leaks(world: &World, published: &[(Filter, Analysis)]) -> Vec<String> {
    let mut index: HashMap<(usize, usize, usize), usize> = HashMap::new();
    for (r, resp) in world.responses.iter().enumerate() {
        for (j, a) in resp.answers.iter().enumerate() {
            if a.is_some() {
                for l in 0..5 {
                    let n = index.len();
                    index.insert((r, j, l), n);
                }
            }
        }
    }
    let n = index.len();
    let mut space = Space::new(n);
    for (r, resp) in world.responses.iter().enumerate() {
        for (j, a) in resp.answers.iter().enumerate() {
            if a.is_some() {
                let mut row = vec![0u64; n];
                for l in 0..5 {
                    row[index[&(r, j, l)]] = 1;
                }
                space.add(&sparse(&row));
            }
        }
    }
    for (f, a) in published {
        for d in &a.item_distributions {
            let j = a
                .item_means
                .items
                .iter()
                .position(|x| *x == d.item)
                .unwrap_or(0);
            for (post, side) in [(false, &d.before), (true, &d.after)] {
                let Some(levels) = side else { continue };
                for (l, c) in levels.iter().enumerate() {
                    if c.is_none() {
                        continue;
                    }
                    let mut row = vec![0u64; n];
                    for (r, resp) in world.responses.iter().enumerate() {
                        if resp.post == post && f.lets_in(world, resp) {
                            if let Some(&x) = index.get(&(r, j, l)) {
                                row[x] = 1;
                            }
                        }
                    }
                    space.add(&sparse(&row));
                }
            }
        }
    }
    space.close();
    // A single answer is recovered when its level indicators are all
    // determined.
    let mut leaks = Vec::new();
    for (r, resp) in world.responses.iter().enumerate() {
        for j in 0..ITEMS {
            if resp.answers[j].is_none() {
                continue;
            }
            let known = (0..5).all(|l| space.contains(&[(index[&(r, j, l)], 1)]));
            if known {
                leaks.push(format!(
                    "response {r}'s answer to item {j} (from the counts per level)"
                ));
            }
        }
    }
    leaks
}

/// Runs the reader on one program; returns what it recovered.
fn attack(
    world: &World,
    data: &ProgramData,
    opts_of: impl Fn(&Filter) -> AnalysisOptions,
) -> Vec<String> {
    let u = Unknowns::of(world);
    let mut rows = Vec::new();
    let mut published = Vec::new();
    let debug = std::env::var("ATTACK_DEBUG").is_ok();
    for f in Filter::all(world) {
        let a = analyze_data(data, &opts_of(&f)).expect("analysis runs");
        let before = rows.len();
        published_rows(world, &u, &f, &a, &mut rows);
        if debug && rows.len() > before {
            eprintln!(
                "{f:?}: {} rows; before {:?} after {:?} paired {:?} items {:?}/{:?} cohorts {:?} adjusted {:?}",
                rows.len() - before,
                a.survey_unpaired.n_before,
                a.survey_unpaired.n_after,
                a.survey_paired.mean_diff.is_some(),
                a.item_means.before.iter().map(Option::is_some).collect::<Vec<_>>(),
                a.item_means.after.iter().map(Option::is_some).collect::<Vec<_>>(),
                a.cohorts.iter().map(|c| (c.cohort.clone(), c.after_n, c.after_mean.is_some())).collect::<Vec<_>>(),
                a.survey_unpaired.adjusted.diff.is_some(),
            );
        }
        published.push((f, a));
    }
    // Identical rows say nothing new.
    let mut unique: HashSet<Vec<u64>> = HashSet::new();
    let mut space = Space::new(u.len());
    let mut labelled: Vec<(String, Vec<u64>)> = Vec::new();
    for (label, row) in rows {
        if unique.insert(row.clone()) {
            space.add(&sparse(&row));
            if debug {
                labelled.push((label, row));
            }
        }
    }
    space.close();
    let found: Vec<(String, Vec<u64>)> = targets(world, &u)
        .into_iter()
        .filter(|(_, t)| space.contains(&sparse(t)))
        .collect();
    if debug {
        if let Some((name, t)) = found.first() {
            explain(name, t, &labelled);
        }
    }
    let mut leaks: Vec<String> = found.into_iter().map(|(name, _)| name).collect();
    leaks.extend(count_leaks(world, &published));
    leaks
}

fn program(seed: u64) -> (World, tempfile::TempDir, ProgramData) {
    let world = generate(seed);
    let dir = tempfile::tempdir().unwrap();
    let store = import(&world, dir.path());
    let data = ProgramData::load(&store).unwrap();
    (world, dir, data)
}

/// Programs in which the reader still recovers a small group's sum, if
/// any: listed so the suite guards everything else; a seed here that stops
/// leaking fails the test too, so the list can only shrink. Empty since
/// items are published for the whole program only and the overlap rule
/// runs across views (seeds 60, 97, 168 and 187 leaked before).
const KNOWN_LEAKS: &[u64] = &[];

/// Seeds `from..to`, in one test each so the two cores share them. Every
/// seed is tried, and the failure lists each one that leaked.
fn seeds(from: u64, to: u64) {
    let mut failed = Vec::new();
    for seed in from..to {
        let (world, _dir, data) = program(seed);
        let leaks = attack(&world, &data, Filter::options);
        let known = KNOWN_LEAKS.contains(&seed);
        if known && leaks.is_empty() {
            failed.push(format!(
                "seed {seed} no longer leaks: take it out of KNOWN_LEAKS"
            ));
        } else if known {
            eprintln!(
                "known leak (docs/PRIVACY.md): seed {seed}: {} thing(s), e.g. {:?}",
                leaks.len(),
                &leaks[..leaks.len().min(2)]
            );
        } else if !leaks.is_empty() {
            failed.push(format!(
                "seed {seed}: {} thing(s), e.g. {:?}",
                leaks.len(),
                &leaks[..leaks.len().min(3)]
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "the reader recovered answers in {} of {} programs:\n{}",
        failed.len(),
        to - from,
        failed.join("\n")
    );
}

/// `ATTACK_SEED=33` or `ATTACK_SEED=33,34,60` (with `ATTACK_DEBUG=1` to
/// print how the first leak of each was found).
#[test]
#[ignore]
fn one_seed_from_the_environment() {
    let list = std::env::var("ATTACK_SEED").unwrap_or_else(|_| "0".into());
    for seed in list.split(',').filter_map(|s| s.trim().parse::<u64>().ok()) {
        seeds(seed, seed + 1);
    }
}

#[test]
fn nothing_is_recovered_on_random_programs_0_to_50() {
    seeds(0, 50);
}

#[test]
fn nothing_is_recovered_on_random_programs_50_to_100() {
    seeds(50, 100);
}

#[test]
fn nothing_is_recovered_on_random_programs_100_to_150() {
    seeds(100, 150);
}

#[test]
fn nothing_is_recovered_on_random_programs_150_to_200() {
    seeds(150, 200);
}

#[test]
fn without_the_subtraction_rules_the_reader_recovers_answers() {
    let mut found = 0;
    for seed in 0..20 {
        let (world, _dir, data) = program(seed);
        // The three rules against subtraction off, the minimum group size
        // on. (With only the remainder rule off, or the remainder and
        // overlap rules, the reader finds nothing in these seeds: the
        // overlap rule across views and complementary suppression also
        // catch the remainders it would.)
        let leaks = attack(&world, &data, |f| {
            let mut o = f.options();
            o.disclosure.remainder = false;
            o.disclosure.overlap = false;
            o.disclosure.complementary = false;
            o
        });
        if !leaks.is_empty() {
            found += 1;
        }
    }
    // With the rules on, these twenty programs give the reader nothing
    // (nothing_is_recovered_on_random_programs_0_to_50): any leak here is
    // those rules' doing.
    assert!(
        found >= 1,
        "without the remainder, overlap and complementary rules the reader found no leak in 20 programs"
    );
}

/// Which published rows a recovered target shares respondents' answers
/// with (debugging aid: the combination itself is over the prime field
/// of `common::attack` and would not read as fractions).
fn explain(name: &str, target: &[u64], rows: &[(String, Vec<u64>)]) {
    eprintln!("recovered {name}; published rows touching it:");
    for (label, row) in rows {
        if row.iter().zip(target).any(|(a, b)| *a != 0 && *b != 0) {
            eprintln!("  {label}");
        }
    }
}
