//! M9, comments: the terms and log-odds z-scores equal an independent
//! Python computation (tests/golden/golden_comments.py: `uniseg`,
//! `snowballstemmer`, the exported stop list) to 1e-9; the comment
//! threshold holds under every team, level and cohort filter and their
//! pairs, including against subtraction from a wider selection; hostile
//! text (markup, formulas, escape sequences, bidi overrides, 10,000
//! characters, emoji, right-to-left scripts) stays text in `analyze --json`
//! and the CLI's words.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use mentorscope::analysis::comments::{log_odds_table, CommentWave};
use mentorscope::analysis::frames::ProgramData;
use mentorscope::analysis::{analyze_data, Analysis, AnalysisOptions};
use mentorscope::disclosure::Rule;
use mentorscope::ingest::{self, ImportOptions};
use serde_json::Value;

fn import_all(db: &common::TempDb, files: &[std::path::PathBuf]) -> Vec<ingest::ImportReport> {
    let mut store = common::open(db);
    ingest::import_files(&mut store, files, &ImportOptions::default())
        .into_iter()
        .map(|(p, r)| r.unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

fn sample_data() -> (common::TempDb, ProgramData) {
    let db = common::temp_db();
    let files: Vec<_> = [
        "roster.csv",
        "pairings.csv",
        "meetings.csv",
        "survey-pre.csv",
        "survey-3-month.csv",
        "survey-post.csv",
        "survey-12-month.csv",
        "milestones.csv",
        "team-metrics.csv",
    ]
    .iter()
    .map(|f| common::sample(f))
    .collect();
    import_all(&db, &files);
    let data = ProgramData::load(&common::open(&db)).expect("load");
    (db, data)
}

fn close(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{what}: {a} vs {b}"
    );
}

#[test]
fn the_exported_stop_list_is_the_crates() {
    let path = common::repo().join("tests/golden/stopwords_en.txt");
    let mut words: Vec<&str> = mentorscope::text::stop_words().iter().copied().collect();
    words.sort_unstable();
    let want = words.join("\n") + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &want).expect("write stop list");
    }
    let got = std::fs::read_to_string(&path).expect("tests/golden/stopwords_en.txt");
    assert_eq!(
        got, want,
        "the stop list changed: UPDATE_GOLDEN=1 cargo test --test comments, then regenerate comments_sample.json (golden_comments.py)"
    );
}

/// tests/golden/comments_sample.json, written by golden_comments.py.
fn golden() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("tests/golden/comments_sample.json"))
            .expect("golden file"),
    )
    .expect("golden json")
}

/// A golden `[[term, count], …]` list.
fn term_counts(v: &Value) -> Vec<(String, u64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| (x[0].as_str().unwrap().to_string(), x[1].as_u64().unwrap()))
        .collect()
}

#[test]
fn terms_and_log_odds_equal_the_independent_computation() {
    let golden = golden();
    let (_db, data) = sample_data();
    let a = analyze_data(&data, &AnalysisOptions::default()).expect("analyze");
    let c = &a.comments;
    assert!(!c.suppressed, "the sample's comments pass the threshold");
    for (side, w) in [("before", &c.before), ("after", &c.after)] {
        let w = w.as_ref().expect("a wave");
        let g = &golden[side];
        assert_eq!(w.wave, g["wave"].as_str().unwrap(), "{side} wave");
        assert_eq!(w.n, g["n"].as_u64().map(|n| n as usize), "{side} n");
        let got: Vec<(String, u64)> = w.top_terms.clone().expect("top terms");
        let want = term_counts(&g["top_terms"]);
        assert_eq!(got, want, "{side} top terms");
        assert!(!got.is_empty());
    }
    // Every term's counts and z, not only the listed ones.
    let table = log_odds_table(
        &data,
        &AnalysisOptions::default(),
        golden["before"]["wave"].as_str().unwrap(),
        golden["after"]["wave"].as_str().unwrap(),
    );
    let g = golden["log_odds"].as_object().unwrap();
    assert_eq!(table.len(), g.len(), "the same vocabulary");
    assert!(table.len() > 100, "{}", table.len());
    for l in &table {
        let want = g
            .get(&l.term)
            .unwrap_or_else(|| panic!("term {:?} not in the Python vocabulary", l.term));
        close(
            l.z,
            want["z"].as_f64().unwrap(),
            &format!("z of {}", l.term),
        );
        close(
            l.delta,
            want["delta"].as_f64().unwrap(),
            &format!("delta of {}", l.term),
        );
        let count = |side: &str| golden[side]["counts"][&l.term].as_u64().unwrap_or(0);
        assert_eq!(
            (l.before, l.after),
            (count("before"), count("after")),
            "{}",
            l.term
        );
    }
    let d = c.distinctive.as_ref().expect("distinctive terms");
    for (side, got) in [("before", &d.before), ("after", &d.after)] {
        let want = golden["distinctive"][side].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{side}: {got:?} vs {want:?}");
        for (x, y) in got.iter().zip(want) {
            assert_eq!(x.0, y[0].as_str().unwrap());
            close(x.1, y[1].as_f64().unwrap(), &x.0);
        }
    }
    // The planted shift: mentees write about their mentor after.
    assert!(
        d.after.iter().any(|(t, z)| t == "mentor" && *z > 1.96),
        "{d:?}"
    );
}

#[test]
fn meeting_notes_equal_the_independent_computation() {
    let golden = golden();
    let g = &golden["meeting_notes"];
    let (_db, data) = sample_data();
    let a = analyze_data(&data, &AnalysisOptions::default()).expect("analyze");
    let n = a
        .comments
        .meeting_notes
        .as_ref()
        .expect("the sample has notes");
    assert_eq!(n.pairings, g["pairings"].as_u64().map(|x| x as usize));
    assert_eq!(n.notes, g["notes"].as_u64().map(|x| x as usize));
    let want = term_counts(&g["top_terms"]);
    assert!(want.len() >= 5);
    assert_eq!(n.top_terms.as_ref().expect("top terms"), &want);
    // Later in a pairing vs its first weeks: every term's counts and z.
    let table = mentorscope::analysis::comments::notes_log_odds_table(&data);
    let g = g["log_odds"].as_object().unwrap();
    assert_eq!(table.len(), g.len(), "the same vocabulary");
    assert!(table.len() > 50, "{}", table.len());
    for l in &table {
        let want = g
            .get(&l.term)
            .unwrap_or_else(|| panic!("term {:?} not in the Python vocabulary", l.term));
        close(
            l.z,
            want["z"].as_f64().unwrap(),
            &format!("z of {}", l.term),
        );
        assert_eq!(
            (l.before, l.after),
            (
                want["before"].as_u64().unwrap(),
                want["after"].as_u64().unwrap()
            ),
            "{}",
            l.term
        );
    }
    // Listed only where a term clears |z| 1.96 (none does on the sample).
    let listed = table
        .iter()
        .filter(|l| l.z.abs() >= 1.959_963_984_540_054 && l.before + l.after >= 3)
        .count();
    let d = n
        .distinctive
        .as_ref()
        .expect("both sides pass the threshold");
    assert_eq!(d.before.len() + d.after.len(), listed.min(20));
    // Under any filter the notes are not shown at all: a team's notes next
    // to the whole program's could be subtracted.
    let team = data.people.iter().find_map(|p| p.team.clone()).unwrap();
    let f = analyze_data(
        &data,
        &AnalysisOptions {
            team: Some(team),
            ..Default::default()
        },
    )
    .expect("analyze");
    let fnotes = f.comments.meeting_notes.as_ref().expect("notes exist");
    assert!(
        fnotes.top_terms.is_none() && fnotes.pairings.is_none() && fnotes.distinctive.is_none()
    );
    assert!(fnotes
        .hidden_reason
        .as_deref()
        .unwrap()
        .contains("whole program"));
}

/// Every selection a reader can make with up to two filters.
fn selections(data: &ProgramData) -> Vec<AnalysisOptions> {
    let mut teams: Vec<String> = data.people.iter().filter_map(|p| p.team.clone()).collect();
    let mut levels: Vec<String> = data.people.iter().filter_map(|p| p.level.clone()).collect();
    let mut cohorts: Vec<String> = data
        .pairings
        .iter()
        .filter_map(|p| p.cohort.clone())
        .collect();
    for v in [&mut teams, &mut levels, &mut cohorts] {
        v.sort();
        v.dedup();
    }
    let mut out = vec![AnalysisOptions::default()];
    let opt = |t: Option<&String>, l: Option<&String>, c: Option<&String>| AnalysisOptions {
        team: t.cloned(),
        level: l.cloned(),
        cohort: c.cloned(),
        ..Default::default()
    };
    for t in &teams {
        out.push(opt(Some(t), None, None));
        for l in &levels {
            out.push(opt(Some(t), Some(l), None));
        }
        for c in &cohorts {
            out.push(opt(Some(t), None, Some(c)));
        }
    }
    for l in &levels {
        out.push(opt(None, Some(l), None));
        for c in &cohorts {
            out.push(opt(None, Some(l), Some(c)));
        }
    }
    for c in &cohorts {
        out.push(opt(None, None, Some(c)));
    }
    out
}

/// The wider selections a reader can open from `o`: each filter dropped.
fn wider(o: &AnalysisOptions) -> Vec<AnalysisOptions> {
    let mut out = Vec::new();
    if o.team.is_some() {
        out.push(AnalysisOptions {
            team: None,
            ..o.clone()
        });
    }
    if o.level.is_some() {
        out.push(AnalysisOptions {
            level: None,
            ..o.clone()
        });
    }
    if o.cohort.is_some() {
        out.push(AnalysisOptions {
            cohort: None,
            ..o.clone()
        });
    }
    out
}

fn key(o: &AnalysisOptions) -> (Option<String>, Option<String>, Option<String>) {
    (o.team.clone(), o.level.clone(), o.cohort.clone())
}

fn shown(w: &Option<CommentWave>) -> Option<&CommentWave> {
    w.as_ref().filter(|w| !w.suppressed)
}

fn assert_blank(w: &CommentWave, what: &str) {
    assert!(
        w.n.is_none() && w.top_terms.is_none() && w.quotes.is_empty(),
        "{what}: a hidden wave carries figures"
    );
}

/// A selection: team, level, cohort.
type Sel = (Option<String>, Option<String>, Option<String>);

/// The number of comments each selection holds, as a reader would learn it
/// with every rule off and the threshold at its floor (k = 3): what the
/// rules must keep from being subtracted.
fn raw_counts(data: &ProgramData, sels: &[AnalysisOptions]) -> BTreeMap<Sel, [Option<usize>; 2]> {
    sels.iter()
        .map(|o| {
            let raw = AnalysisOptions {
                min_group_size: 3,
                min_comments: 3,
                disclosure: mentorscope::disclosure::Switches {
                    enabled: false,
                    ..Default::default()
                },
                ..o.clone()
            };
            let a = analyze_data(data, &raw).expect("analyze");
            (
                key(o),
                [
                    a.comments.before.and_then(|w| w.n),
                    a.comments.after.and_then(|w| w.n),
                ],
            )
        })
        .collect()
}

/// Checks one analysis per selection; returns how many waves were hidden
/// by each rule.
fn attack(
    data: &ProgramData,
    sels: &[AnalysisOptions],
    switches: mentorscope::disclosure::Switches,
) -> (BTreeMap<Rule, usize>, Vec<String>) {
    let raw = raw_counts(data, sels);
    let mut hidden: BTreeMap<Rule, usize> = BTreeMap::new();
    let mut leaks = Vec::new();
    for o in sels {
        let a: Analysis = analyze_data(
            data,
            &AnalysisOptions {
                disclosure: switches,
                ..o.clone()
            },
        )
        .expect("analyze");
        let c = &a.comments;
        for s in &a.suppressions {
            if s.place.contains("comments") {
                *hidden.entry(s.rule).or_default() += 1;
            }
        }
        for (i, w) in [&c.before, &c.after].into_iter().enumerate() {
            let Some(w) = w else { continue };
            if w.suppressed {
                assert_blank(w, &format!("{:?}", key(o)));
                continue;
            }
            let n = w.n.expect("a shown wave has n");
            if n < 10 {
                leaks.push(format!("{:?}: {n} comments shown", key(o)));
            }
            for wd in wider(o) {
                let nw = raw[&key(&wd)][i].unwrap_or(0);
                if nw > n && nw - n < 10 {
                    leaks.push(format!(
                        "{:?}: {n} comments shown, {nw} in {:?}: {} people's terms by subtraction",
                        key(o),
                        key(&wd),
                        nw - n
                    ));
                }
            }
        }
        if c.distinctive.is_some() {
            assert!(
                shown(&c.before).is_some() && shown(&c.after).is_some(),
                "distinctive terms with a hidden wave"
            );
        }
    }
    (hidden, leaks)
}

#[test]
fn the_comment_threshold_holds_under_every_filter() {
    let (_db, data) = sample_data();
    let sels = selections(&data);
    assert!(sels.len() > 20, "{}", sels.len());
    let (hidden, leaks) = attack(&data, &sels, Default::default());
    assert!(leaks.is_empty(), "{leaks:#?}");
    // The filters do reach groups under the threshold.
    assert!(
        hidden.get(&Rule::CommentThreshold).copied().unwrap_or(0) > 0,
        "{hidden:?}"
    );
}

/// A program built so that subtraction works: two teams of 14 and 12
/// commenters, levels of 21 and 5, team × level cells of 11, 3, 10 and 2,
/// a cohort of 10 (mentors and mentees).
fn subtraction_program(dir: &Path) -> Vec<std::path::PathBuf> {
    let groups = [
        ("Platform", "L2", 11),
        ("Platform", "L3", 3),
        ("Payments", "L2", 10),
        ("Payments", "L3", 2),
    ];
    let mut people: Vec<(String, &str, &str)> = Vec::new();
    for (team, level, n) in groups {
        for i in 0..n {
            people.push((
                format!(
                    "{}.{}.{i}@example.com",
                    team.to_lowercase(),
                    level.to_lowercase()
                ),
                team,
                level,
            ));
        }
    }
    let mut roster = csv::Writer::from_path(dir.join("roster.csv")).expect("roster");
    roster
        .write_record([
            "Employee ID",
            "Work Email",
            "Department",
            "Job Level",
            "Hire Date",
        ])
        .expect("row");
    for (i, (email, team, level)) in people.iter().enumerate() {
        roster
            .write_record([&format!("E{i:03}"), email, *team, *level, "2024-01-15"])
            .expect("row");
    }
    roster.flush().expect("flush");
    let mut pairings = csv::Writer::from_path(dir.join("pairings.csv")).expect("pairings");
    pairings
        .write_record(["Mentor Email", "Mentee Email", "Cohort", "Start Date"])
        .expect("row");
    let by = |team: &str, level: &str| -> Vec<String> {
        people
            .iter()
            .filter(|p| p.1 == team && p.2 == level)
            .map(|p| p.0.clone())
            .collect()
    };
    for (team, n) in [("Platform", 3), ("Payments", 2)] {
        for (mentor, mentee) in by(team, "L3").iter().zip(by(team, "L2")).take(n) {
            pairings
                .write_record([
                    mentor.as_str(),
                    mentee.as_str(),
                    "2025-Spring",
                    "2025-02-01",
                ])
                .expect("row");
        }
    }
    pairings.flush().expect("flush");
    let mut files = vec![dir.join("roster.csv"), dir.join("pairings.csv")];
    let pool = [
        [
            "unclear growth path and slow feedback",
            "my mentor helped with code review",
        ],
        [
            "hard to find time for learning",
            "the mentor sessions gave me time for learning",
        ],
        [
            "nobody to ask about the codebase",
            "code review with my mentor every week",
        ],
    ];
    for (w, (wave, month)) in [("pre", "2025-01"), ("post", "2025-09")]
        .into_iter()
        .enumerate()
    {
        let path = dir.join(format!("survey-{wave}.csv"));
        let mut out = csv::Writer::from_path(&path).expect("survey");
        out.write_record([
            "Timestamp",
            "Email Address",
            "I feel supported in my role",
            "Any other comments?",
        ])
        .expect("row");
        for (i, (email, _, _)) in people.iter().enumerate() {
            out.write_record([
                format!("{month}-10 09:{:02}:00", i % 60),
                email.clone(),
                "Agree".into(),
                format!("{} ({i})", pool[i % 3][w]),
            ])
            .expect("row");
        }
        out.flush().expect("flush");
        files.push(path);
    }
    files
}

#[test]
fn the_comment_threshold_holds_where_subtraction_would_reveal_a_few() {
    let db = common::temp_db();
    let files = subtraction_program(db.dir.path());
    import_all(&db, &files);
    let data = ProgramData::load(&common::open(&db)).expect("load");
    let sels = selections(&data);
    let (hidden, leaks) = attack(&data, &sels, Default::default());
    assert!(leaks.is_empty(), "{leaks:#?}");
    assert!(
        hidden.get(&Rule::CommentThreshold).copied().unwrap_or(0) > 0,
        "{hidden:?}"
    );
    assert!(
        hidden.get(&Rule::Remainder).copied().unwrap_or(0) > 0,
        "{hidden:?}"
    );
    // Something is shown at all: the whole program, a team.
    let a = analyze_data(&data, &AnalysisOptions::default()).expect("analyze");
    assert_eq!(a.comments.after.as_ref().and_then(|w| w.n), Some(26));
    // Without the remainder rule the level of 21 is shown beside the whole
    // program of 26: five people's terms by subtraction. The attack sees it.
    let (_, leaks_off) = attack(
        &data,
        &sels,
        mentorscope::disclosure::Switches {
            remainder: false,
            complementary: false,
            ..Default::default()
        },
    );
    assert!(!leaks_off.is_empty(), "no selection tested the subtraction");
}

#[test]
fn the_threshold_is_configurable_but_never_below_k() {
    let (_db, data) = sample_data();
    let a = analyze_data(
        &data,
        &AnalysisOptions {
            min_group_size: 7,
            min_comments: 4,
            ..Default::default()
        },
    )
    .expect("analyze");
    assert_eq!(a.comments.min_comments, 7);
    let n_after = a.comments.after.as_ref().and_then(|w| w.n).expect("shown");
    let a = analyze_data(
        &data,
        &AnalysisOptions {
            min_comments: n_after + 1,
            ..Default::default()
        },
    )
    .expect("analyze");
    let after = a.comments.after.as_ref().expect("after wave");
    assert!(after.suppressed);
    assert_blank(after, "after");
    assert!(a.comments.distinctive.is_none());
    assert!(a
        .suppressions
        .iter()
        .any(|s| s.rule == Rule::CommentThreshold && s.place.contains("comments")));
}

const HOSTILE: &[&str] = &[
    "<script>alert('mentor')</script> my mentor helped with code review",
    "=HYPERLINK(\"http://example.com\",\"mentor\") code review was great",
    "+cmd|' /C calc'!A0 mentor code review sessions",
    "\u{1b}[31mred mentor\u{1b}[0m code review terminal escape",
    "mentor \u{202e}weiver edoc\u{202c} code review override",
    "🎉🎉 mentor 1:1s were great 👩🏽‍💻 code review",
    "المرشد ساعدني كثيرا mentor code review",
    "המנטור עזר לי mentor code review",
    "<b>bold</b> &amp; <img src=x onerror=alert(1)> mentor code review",
    "mentor code review\r\nsecond line\tand a tab",
    "@SUM(1+1) mentor code review",
    "-2+3 mentor code review",
];

fn hostile_program(dir: &Path) -> Vec<std::path::PathBuf> {
    program_with_comments(dir, HOSTILE)
}

fn program_with_comments(dir: &Path, comments: &[&str]) -> Vec<std::path::PathBuf> {
    let mut roster = csv::Writer::from_path(dir.join("roster.csv")).expect("roster");
    roster
        .write_record([
            "Employee ID",
            "Full Name",
            "Work Email",
            "Department",
            "Job Level",
            "Hire Date",
        ])
        .expect("row");
    let n = comments.len().max(1) + 1;
    for i in 0..n {
        roster
            .write_record([
                format!("E{i:03}"),
                if i == 0 {
                    "Priya Kestrel".to_string()
                } else {
                    format!("Person{i} Example")
                },
                format!("p{i}@example.com"),
                "Platform".into(),
                "L2".into(),
                "2024-01-15".into(),
            ])
            .expect("row");
    }
    roster.flush().expect("flush");
    let mut files = vec![dir.join("roster.csv")];
    for (wave, month) in [("pre", "2025-01"), ("post", "2025-09")] {
        let path = dir.join(format!("survey-{wave}.csv"));
        let mut w = csv::Writer::from_path(&path).expect("survey");
        w.write_record([
            "Timestamp",
            "Email Address",
            "I feel supported in my role",
            "Any other comments?",
        ])
        .expect("row");
        for i in 0..n {
            let comment = if i < comments.len() {
                let mut c = comments[i].to_string();
                if wave == "post" && i == 0 {
                    // A 10,000-character answer.
                    c.push(' ');
                    c.push_str(&"mentor review ".repeat(10_000 / 14));
                }
                c
            } else {
                String::new()
            };
            w.write_record([
                format!("{month}-10 09:{i:02}:00"),
                format!("p{i}@example.com"),
                "Agree".into(),
                comment,
            ])
            .expect("row");
        }
        w.flush().expect("flush");
        files.push(path);
    }
    files
}

#[test]
fn hostile_comments_stay_text_in_json_and_cli() {
    let db = common::temp_db();
    let files = hostile_program(db.dir.path());
    let reports = import_all(&db, &files);
    // Twelve short answers are still free text, not a choice question.
    for r in reports.iter().filter(|r| r.file.contains("survey")) {
        let used = r
            .columns
            .iter()
            .find(|c| c.column == "Any other comments?")
            .map(|c| c.used_as.as_str());
        assert_eq!(used, Some("text"), "{:?}", r.columns);
    }

    let run = |args: &[&str]| -> String {
        let out = Command::cargo_bin("mentorscope")
            .expect("binary")
            .arg("--db")
            .arg(&db.path)
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let json: Value = serde_json::from_str(&run(&["analyze", "--json"])).expect("json");
    let c = &json["comments"];
    assert_eq!(c["suppressed"], Value::Bool(false), "{c}");
    for side in ["before", "after"] {
        assert_eq!(c[side]["n"].as_u64(), Some(HOSTILE.len() as u64));
        let quotes = c[side]["quotes"].as_array().expect("quotes");
        assert_eq!(quotes.len(), 3);
        for q in quotes {
            let t = q["text"].as_str().expect("text");
            assert!(
                !t.chars().any(|ch| ch.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&ch)
                    || ('\u{2066}'..='\u{2069}').contains(&ch)),
                "{t:?}"
            );
            assert!(t.chars().count() <= 301, "{}", t.chars().count());
            // Month only, never a day, never a name.
            let m = q["month"].as_str().expect("month");
            assert_eq!(m.len(), 7, "{m}");
            assert_eq!(q.as_object().unwrap().len(), 2, "{q}");
        }
    }
    // Every hostile answer, quoted or not, is one of the originals made
    // one line: the markup and formulas are there as characters.
    let all_quotes: Vec<String> = ["before", "after"]
        .iter()
        .flat_map(|s| c[*s]["quotes"].as_array().unwrap().clone())
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect();
    for q in &all_quotes {
        let base = q.trim_end_matches('…');
        assert!(
            HOSTILE.iter().any(|h| {
                let flat: String = h
                    .chars()
                    .map(|ch| {
                        if ch.is_control() || ('\u{202a}'..='\u{202e}').contains(&ch) {
                            ' '
                        } else {
                            ch
                        }
                    })
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                flat.starts_with(base) || base.starts_with(&flat)
            }),
            "{q:?}"
        );
    }
    // Terms are words: no markup, no formula signs, no emoji.
    for side in ["before", "after"] {
        for t in c[side]["top_terms"].as_array().unwrap() {
            let term = t[0].as_str().unwrap();
            assert!(
                term.chars()
                    .all(|ch| ch.is_alphanumeric() || " '_.:".contains(ch)),
                "{term:?}"
            );
        }
    }
    let top: Vec<&str> = c["after"]["top_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t[0].as_str().unwrap())
        .collect();
    assert!(
        top.contains(&"mentor") && top.contains(&"code review"),
        "{top:?}"
    );
    // The long answer counts once, like any other comment.
    let mentor = c["after"]["top_terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t[0] == "mentor")
        .and_then(|t| t[1].as_u64());
    assert_eq!(mentor, Some(HOSTILE.len() as u64));

    let text = run(&["analyze"]);
    assert!(text.contains("Comments (free-text answers)"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "an escape sequence reached the terminal"
    );
    assert!(
        !text.contains('\u{202e}'),
        "a bidi override reached the terminal"
    );
    assert!(text.contains("most used: "), "{text}");

    // The review pack: the HTML and the charts escape every term, the
    // workbook keeps every quote as text (never a formula), the slides'
    // XML holds no raw markup from a comment.
    let out = db.dir.path().join("pack");
    run(&["report", "--out", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(out.join("review.html")).expect("html");
    for raw in ["<script>alert('mentor')", "<img src=x", "<b>bold</b>"] {
        assert!(!html.contains(raw), "review.html holds raw {raw}");
    }
    let svg = std::fs::read_to_string(out.join("charts/17-comments.svg")).expect("svg");
    mentorscope::charts::parse_svg(&svg).expect("the comments chart is well-formed");
    assert!(!svg.contains("<script") && !svg.contains("<img"));
    let parts = common::office::unzip(&std::fs::read(out.join("review.xlsx")).expect("xlsx"));
    let mut formulas = 0;
    let mut hostile_cells = 0;
    for (name, bytes) in &parts {
        let xml = String::from_utf8_lossy(bytes);
        if name.starts_with("xl/worksheets/") {
            formulas += xml.matches("<f>").count() + xml.matches("<f ").count();
        }
        if name.starts_with("xl/") && name.ends_with(".xml") {
            hostile_cells += [
                "=HYPERLINK",
                "+cmd|",
                "@SUM(",
                "-2+3",
                "&lt;script&gt;",
                "&lt;b&gt;",
            ]
            .iter()
            .map(|h| xml.matches(h).count())
            .sum::<usize>();
            assert!(!xml.contains('\u{1b}'), "an escape character in {name}");
        }
    }
    assert_eq!(formulas, 0, "a comment became a formula in review.xlsx");
    assert!(hostile_cells > 0, "the workbook holds the quotes as text");
    for (name, bytes) in
        common::office::unzip(&std::fs::read(out.join("review.pptx")).expect("pptx"))
    {
        if name.ends_with(".xml") {
            let xml = String::from_utf8_lossy(&bytes);
            assert!(!xml.contains("<script") && !xml.contains("<img"), "{name}");
        }
    }
}

#[test]
fn a_program_without_free_text_has_no_comments_section() {
    let db = common::temp_db();
    let files = program_with_comments(db.dir.path(), &[]);
    import_all(&db, &files);
    let data = ProgramData::load(&common::open(&db)).expect("load");
    assert!(data.comments.is_empty());
    let a = analyze_data(&data, &AnalysisOptions::default()).expect("analyze");
    assert!(a.comments.before.is_none() && a.comments.after.is_none());
    assert!(!a.comments.suppressed);
    assert!(a.suppressions.iter().all(|s| !s.place.contains("comments")));
    assert_eq!(mentorscope::report::comments::plain(&a.comments), "");
}

#[test]
fn quotes_and_terms_never_carry_a_name() {
    let named: Vec<String> = (0..11)
        .map(|i| {
            format!(
                "Priya Kestrel was a great mentor, code review every week ({i}); write to priya.kestrel@example.com"
            )
        })
        .collect();
    let refs: Vec<&str> = named.iter().map(String::as_str).collect();
    let db = common::temp_db();
    let files = program_with_comments(db.dir.path(), &refs);
    import_all(&db, &files);
    let data = ProgramData::load(&common::open(&db)).expect("load");
    let a = analyze_data(&data, &AnalysisOptions::default()).expect("analyze");
    for w in [&a.comments.before, &a.comments.after] {
        let w = w.as_ref().expect("wave");
        assert_eq!(w.n, Some(11));
        assert_eq!(w.quotes.len(), 3);
        for q in &w.quotes {
            assert!(
                q.text.starts_with("[name] [name] was a great mentor"),
                "{q:?}"
            );
            assert!(
                !q.text.to_lowercase().contains("priya")
                    && !q.text.contains('@')
                    && q.text.contains("write to [name]"),
                "{q:?}"
            );
        }
        let terms = w.top_terms.as_ref().expect("terms");
        assert!(terms.iter().any(|(t, _)| t == "mentor"), "{terms:?}");
        for (t, _) in terms {
            assert!(!t.contains("priya") && !t.contains("kestrel"), "{t}");
        }
    }
}
