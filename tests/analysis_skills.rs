//! M8 skill growth on the sample program: every `skills` value equals the
//! independent SciPy + statsmodels computation in
//! `tests/golden/golden_skills.py` (1e-9 relative), unfiltered and filtered
//! to a team and to a cohort; the growth planted by the generator (more where mentees'
//! meetings went) is recovered; and the minimum group size and the
//! remainder rule hold under filters.

mod common;

use mentorscope::analysis::{analyze, AnalysisOptions, SkillRow};
use mentorscope::ingest::{self, ImportOptions};
use serde_json::Value;

fn sample_store() -> (common::TempDb, mentorscope::Store) {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let files: Vec<_> = std::fs::read_dir(common::repo().join("sample-data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    for (p, r) in ingest::import_files(&mut store, &files, &ImportOptions::default()) {
        r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    (db, store)
}

fn assert_matches(path: &str, golden: &Value, ours: &Value, checked: &mut usize) {
    match golden {
        Value::Object(m) => {
            for (k, g) in m {
                let o = ours
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k} is missing from our output"));
                assert_matches(&format!("{path}.{k}"), g, o, checked);
            }
        }
        Value::Array(a) => {
            let o = ours
                .as_array()
                .unwrap_or_else(|| panic!("{path}: expected an array, got {ours}"));
            assert_eq!(a.len(), o.len(), "{path}: length");
            for (i, (g, x)) in a.iter().zip(o).enumerate() {
                assert_matches(&format!("{path}[{i}]"), g, x, checked);
            }
        }
        Value::Number(g) => {
            let g = g.as_f64().unwrap();
            let x = ours
                .as_f64()
                .unwrap_or_else(|| panic!("{path}: expected {g}, got {ours}"));
            let tol = (1e-9 * g.abs()).max(1e-12);
            assert!((g - x).abs() <= tol, "{path}: golden {g}, ours {x}");
            *checked += 1;
        }
        _ => {
            assert_eq!(golden, ours, "{path}");
            *checked += 1;
        }
    }
}

fn check_golden(file: &str, opts: AnalysisOptions) {
    let (_db, store) = sample_store();
    check_golden_in(&store, file, opts);
}

fn check_golden_in(store: &mentorscope::Store, file: &str, opts: AnalysisOptions) {
    let golden: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("tests/golden").join(file)).unwrap(),
    )
    .unwrap();
    let mut opts = opts;
    opts.disclosure.enabled = false;
    let ours = serde_json::to_value(analyze(store, &opts).unwrap()).unwrap();
    let mut checked = 0;
    assert_matches("", &golden, &ours, &mut checked);
    assert!(checked > 200, "only {checked} values compared");
}

#[test]
fn skill_growth_matches_scipy_on_the_sample_program() {
    check_golden("skills_sample.json", AnalysisOptions::default());
}

#[test]
fn skill_growth_matches_scipy_filtered_to_one_team() {
    check_golden(
        "skills_sample_team.json",
        AnalysisOptions {
            team: Some("Platform".into()),
            ..Default::default()
        },
    );
}

#[test]
fn skill_growth_matches_scipy_filtered_to_one_cohort() {
    check_golden(
        "skills_sample_cohort.json",
        AnalysisOptions {
            cohort: Some("2025-Spring".into()),
            ..Default::default()
        },
    );
}

/// A third wave between the sample's two (tests/data/skills-mid-wave.csv):
/// the chosen waves are compared, the others left alone, and a wave that
/// was never imported is a clear error.
#[test]
fn skill_growth_from_a_chosen_wave_matches_scipy() {
    let (_db, mut store) = sample_store();
    let mid = common::repo().join("tests/data/skills-mid-wave.csv");
    for (p, r) in ingest::import_files(&mut store, &[mid], &ImportOptions::default()) {
        r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    check_golden_in(
        &store,
        "skills_mid_wave.json",
        AnalysisOptions {
            skill_before_wave: Some("6-month".into()),
            ..Default::default()
        },
    );
    // By default the first and the last wave are still compared.
    let a = analyze(&store, &AnalysisOptions::default()).unwrap();
    assert!(a
        .skills
        .iter()
        .all(|r| r.before_wave == "pre" && r.after_wave == "post"));
    let err = analyze(
        &store,
        &AnalysisOptions {
            skill_after_wave: Some("9-month".into()),
            ..Default::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("9-month") && err.contains("pre, 6-month, post"),
        "{err}"
    );
}

fn row<'a>(rows: &'a [SkillRow], rater: &str, area: &str) -> &'a SkillRow {
    rows.iter()
        .find(|r| r.rater == rater && r.area == area)
        .unwrap_or_else(|| panic!("no row {rater} {area}"))
}

#[test]
fn the_planted_growth_is_recovered() {
    let (_db, store) = sample_store();
    let a = analyze(&store, &AnalysisOptions::default()).unwrap();
    // The generator plants extra growth for mentees in proportion to how
    // often their meetings named the area; API design and incident
    // response are the skill areas meetings name most.
    for rater in ["self", "mentor"] {
        for area in ["API design", "Incident response"] {
            let r = row(&a.skills, rater, area);
            assert!(!r.suppressed);
            assert!(r.mean_change.unwrap() > 0.0, "{rater} {area}");
            assert!(r.p_holm.unwrap() < 0.05, "{rater} {area}: {:?}", r.p_holm);
        }
        // Areas meetings covered grew more than areas no meeting named.
        let rows: Vec<&SkillRow> = a.skills.iter().filter(|r| r.rater == rater).collect();
        assert_eq!(rows.len(), 11, "{rater}");
        let avg = |covered: bool| {
            let v: Vec<f64> = rows
                .iter()
                .filter(|r| (r.coverage.unwrap() > 0.5) == covered)
                .map(|r| {
                    if rater == "self" {
                        r.mean_change_mentored.unwrap()
                    } else {
                        r.mean_change.unwrap()
                    }
                })
                .collect();
            assert!(v.len() >= 4, "{rater} covered={covered}: {}", v.len());
            v.iter().sum::<f64>() / v.len() as f64
        };
        let (covered, not) = (avg(true), avg(false));
        assert!(covered - not > 0.04, "{rater}: {covered} vs {not}");
    }
    // Mentees grew more than the comparison group where meetings went.
    let api = row(&a.skills, "self", "API design");
    assert!(api.mean_change_mentored.unwrap() > api.mean_change_not_mentored.unwrap());
    assert!(api.mentored_vs_not_p.unwrap() < 0.01);
    // Mentor ratings exist only for mentees: no comparison group, nothing
    // to hide, no split published.
    let m = row(&a.skills, "mentor", "API design");
    assert_eq!((m.n_not_mentored, m.mentored_vs_not_p), (Some(0), None));
    assert!(!m.split_suppressed);
}

#[test]
fn small_groups_and_remainders_are_hidden_under_every_filter() {
    let (_db, store) = sample_store();
    let k = 5;
    let whole = analyze(&store, &AnalysisOptions::default()).unwrap();
    let data = mentorscope::analysis::frames::ProgramData::load(&store).unwrap();
    let teams: Vec<String> =
        mentorscope::analysis::filter_values(&data, &AnalysisOptions::default())
            .unwrap()
            .into_iter()
            .filter(|f| f.dimension == "team")
            .map(|f| f.value)
            .collect();
    assert!(teams.len() >= 3, "{teams:?}");
    let mut hidden_seen = 0;
    for team in &teams {
        for level in [None, Some("L1"), Some("L2"), Some("L3")] {
            let opts = AnalysisOptions {
                team: Some(team.clone()),
                level: level.map(str::to_string),
                ..Default::default()
            };
            let a = analyze(&store, &opts).unwrap();
            for r in &a.skills {
                if r.n < k {
                    assert!(r.suppressed && r.mean_change.is_none() && r.p.is_none());
                }
                // The remainder rule: the whole program's row minus this one
                // must not be 1..k−1 people.
                let w = row(&whole.skills, &r.rater, &r.area);
                if (1..k).contains(&(w.n - r.n)) {
                    assert!(r.suppressed, "{team} {level:?} {} {}", r.rater, r.area);
                }
                if r.suppressed {
                    hidden_seen += 1;
                    assert!(
                        r.mean_before.is_none()
                            && r.mean_after.is_none()
                            && r.ci95.is_none()
                            && r.coverage.is_none()
                            && r.mean_change_mentored.is_none()
                    );
                    assert!(a
                        .suppressions
                        .iter()
                        .any(|s| s.place == format!("skills · {} · rated by {}", r.area, r.rater)));
                }
                if !r.split_suppressed && !r.suppressed {
                    for side in [r.n_mentored.unwrap(), r.n_not_mentored.unwrap()] {
                        assert!(side == 0 || side >= k, "{team} {level:?} split of {side}");
                    }
                }
            }
        }
    }
    assert!(
        hidden_seen > 0,
        "no filter hid anything: the test proves nothing"
    );
}

#[test]
fn the_whole_minus_the_published_teams_or_levels_never_isolates_a_few() {
    // The attack complementary suppression stops: the whole program's row
    // (n × mean) minus every published team's (or level's) row gives the
    // sum over everyone left; that must cover 0 or at least k people.
    let (_db, store) = sample_store();
    let k = 5;
    let whole = analyze(&store, &AnalysisOptions::default()).unwrap();
    let data = mentorscope::analysis::frames::ProgramData::load(&store).unwrap();
    let values = mentorscope::analysis::filter_values(&data, &AnalysisOptions::default()).unwrap();
    let mut checked = 0;
    for dim in ["team", "level"] {
        let views: Vec<Vec<SkillRow>> = values
            .iter()
            .filter(|v| v.dimension == dim)
            .map(|v| {
                let opts = AnalysisOptions {
                    team: (dim == "team").then(|| v.value.clone()),
                    level: (dim == "level").then(|| v.value.clone()),
                    ..Default::default()
                };
                analyze(&store, &opts).unwrap().skills
            })
            .collect();
        for w in whole.skills.iter().filter(|w| !w.suppressed) {
            let published: usize = views
                .iter()
                .flat_map(|rows| rows.iter())
                .filter(|r| r.area == w.area && r.rater == w.rater && !r.suppressed)
                .map(|r| r.n)
                .sum();
            let rest = w.n - published;
            assert!(
                rest == 0 || rest >= k,
                "{dim}: {} / {}: {rest} people left over",
                w.area,
                w.rater
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 44);
}

/// The overlap rule, checked from outside: from a view's row and the same
/// row in any one-filter view (a team, a level, a cohort), both published,
/// the people in one and not the other — counted here from the analysis of
/// the two filters together — must be 0 or at least k (the rule hides the
/// smaller row). Returns how many published pairs were compared and how
/// many of them were within 2k of each other.
fn assert_no_view_overlaps_by_a_few(store: &mentorscope::Store) -> (usize, usize) {
    let k = 5;
    let data = mentorscope::analysis::frames::ProgramData::load(store).unwrap();
    let values = mentorscope::analysis::filter_values(&data, &AnalysisOptions::default()).unwrap();
    let of = |dim: &str| -> Vec<String> {
        values
            .iter()
            .filter(|v| v.dimension == dim)
            .map(|v| v.value.clone())
            .collect()
    };
    let (teams, levels, cohorts) = (of("team"), of("level"), of("cohort"));
    assert!(!teams.is_empty() && !levels.is_empty() && !cohorts.is_empty());
    let opts = |t: Option<&String>, l: Option<&String>, c: Option<&String>| AnalysisOptions {
        team: t.cloned(),
        level: l.cloned(),
        cohort: c.cloned(),
        ..Default::default()
    };
    type Selection = (Option<String>, Option<String>, Option<String>);
    let mut memo: std::collections::HashMap<Selection, Vec<SkillRow>> = Default::default();
    let mut rows = |o: &AnalysisOptions| -> Vec<SkillRow> {
        memo.entry((o.team.clone(), o.level.clone(), o.cohort.clone()))
            .or_insert_with(|| analyze(store, o).unwrap().skills)
            .clone()
    };
    // The selections this test looks from: the whole program and every
    // one-filter view, and every team × level cell.
    let mut from: Vec<AnalysisOptions> = vec![AnalysisOptions::default()];
    from.extend(teams.iter().map(|t| opts(Some(t), None, None)));
    from.extend(levels.iter().map(|l| opts(None, Some(l), None)));
    from.extend(cohorts.iter().map(|c| opts(None, None, Some(c))));
    for t in &teams {
        for l in &levels {
            from.push(opts(Some(t), Some(l), None));
        }
    }
    let (mut pairs, mut close) = (0, 0);
    for s in &from {
        let mine = rows(s);
        let mut views: Vec<(AnalysisOptions, AnalysisOptions)> = Vec::new();
        if s.team.is_none() {
            for t in &teams {
                views.push((
                    opts(Some(t), None, None),
                    AnalysisOptions {
                        team: Some(t.clone()),
                        ..s.clone()
                    },
                ));
            }
        }
        if s.level.is_none() {
            for l in &levels {
                views.push((
                    opts(None, Some(l), None),
                    AnalysisOptions {
                        level: Some(l.clone()),
                        ..s.clone()
                    },
                ));
            }
        }
        if s.cohort.is_none() {
            for c in &cohorts {
                views.push((
                    opts(None, None, Some(c)),
                    AnalysisOptions {
                        cohort: Some(c.clone()),
                        ..s.clone()
                    },
                ));
            }
        }
        for (view, both) in views {
            let theirs = rows(&view);
            let shared = rows(&both);
            for r in mine.iter().filter(|r| !r.suppressed) {
                let Some(v) = theirs
                    .iter()
                    .find(|v| v.area == r.area && v.rater == r.rater && !v.suppressed)
                else {
                    continue;
                };
                // A two-filter cell is held to the rule where the view is
                // at least as large (the view's own output cannot see the
                // cell); one-filter views check each other both ways.
                let two_filters = s.team.is_some() && s.level.is_some();
                if two_filters && v.n < r.n {
                    continue;
                }
                let both_n = shared
                    .iter()
                    .find(|x| x.area == r.area && x.rater == r.rater)
                    .map_or(0, |x| x.n);
                let apart = (r.n - both_n) + (v.n - both_n);
                pairs += 1;
                if apart > 0 && apart < 2 * k {
                    close += 1;
                }
                assert!(
                    apart == 0 || apart >= k,
                    "{s:?} and {view:?}: {} / {} published over {} and {} people who differ by {apart}",
                    r.area,
                    r.rater,
                    r.n,
                    v.n
                );
            }
        }
    }
    (pairs, close)
}

#[test]
fn a_skill_row_never_differs_from_a_view_a_reader_can_open_by_a_few() {
    let (_db, store) = sample_store();
    let (pairs, close) = assert_no_view_overlaps_by_a_few(&store);
    println!("sample: {pairs} published row pairs compared, {close} within 2k of each other");
    assert!(pairs > 100, "only {pairs} pairs compared");
}

#[test]
fn a_team_row_inside_a_slightly_larger_level_is_hidden() {
    // Built so the overlap rule is what stands between the reader and two
    // people: "Incident response" is rated for 6 Mobile L3 people, 2
    // Platform L3 and 4 Platform L2, and 6 Payments L2 (none of them in a
    // pairing, so no cohort sees them). Team Mobile (6) lies inside level
    // L3 (8): L3's sum minus Mobile's is the 2 Platform L3 people's. Every
    // row passes the minimum group, remainder and complementary rules.
    let db = common::temp_db();
    let mut store = common::open(&db);
    let dir = tempfile::tempdir().unwrap();
    let sample = common::repo().join("sample-data");
    let mut files: Vec<std::path::PathBuf> = ["roster.csv", "pairings.csv"]
        .iter()
        .map(|f| sample.join(f))
        .collect();
    for (p, r) in ingest::import_files(&mut store, &files, &ImportOptions::default()) {
        r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    let data = mentorscope::analysis::frames::ProgramData::load(&store).unwrap();
    let paired: std::collections::HashSet<_> = data
        .pairings
        .iter()
        .flat_map(|p| [p.mentor, p.mentee])
        .collect();
    let pick = |team: &str, level: &str, n: usize| -> Vec<String> {
        let found: Vec<String> = data
            .people
            .iter()
            .filter(|p| !paired.contains(&p.id))
            .filter(|p| p.team.as_deref() == Some(team) && p.level.as_deref() == Some(level))
            .take(n)
            .map(|p| data.names[p.id as usize].clone())
            .collect();
        assert_eq!(found.len(), n, "{team} {level}");
        found
    };
    let groups = [
        pick("Mobile", "L3", 6),
        pick("Platform", "L3", 2),
        pick("Platform", "L2", 4),
        pick("Payments", "L2", 6),
    ];
    let mut csv = String::from("Employee ID,Wave,Assessment Date,Skill Area,Rating,Rater\n");
    let levels = ["Beginner", "Intermediate", "Advanced"];
    for (i, id) in groups.iter().flatten().enumerate() {
        csv += &format!(
            "{id},pre,2025-01-20,Incident response,{},Self\n",
            levels[i % 2]
        );
        csv += &format!(
            "{id},post,2026-06-10,Incident response,{},Self\n",
            levels[1 + i % 2]
        );
    }
    let skills = dir.path().join("skills.csv");
    std::fs::write(&skills, csv).unwrap();
    files = vec![skills];
    for (p, r) in ingest::import_files(&mut store, &files, &ImportOptions::default()) {
        r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    let mobile = analyze(
        &store,
        &AnalysisOptions {
            team: Some("Mobile".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let r = mobile
        .skills
        .iter()
        .find(|r| r.area == "Incident response")
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                mobile
                    .skills
                    .iter()
                    .map(|r| (&r.area, &r.rater))
                    .collect::<Vec<_>>()
            )
        });
    assert_eq!(r.n, 6);
    assert!(r.suppressed && r.mean_change.is_none(), "{r:?}");
    assert!(
        mobile
            .suppressions
            .iter()
            .any(|s| s.rule == mentorscope::disclosure::Rule::Overlap
                && s.place.contains("Incident response")),
        "{:?}",
        mobile.suppressions
    );
    let (pairs, close) = assert_no_view_overlaps_by_a_few(&store);
    assert!(
        pairs > 0 && close > 0,
        "{pairs} pairs, {close} close: the case was not built"
    );
}
