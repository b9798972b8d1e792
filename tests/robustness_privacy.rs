//! Privacy: survey results over fewer than k respondents never appear, in
//! `analyze --json` or in the review pack (HTML, PDF, charts, slides and
//! their notes, workbook), through every combination of the
//! cohort, team and level filters; and what the CLI writes to stderr while
//! importing, analysing and reporting never holds a row's contents.
//!
//! The program (`tests/common/privacy_program.rs`) is built so the size of
//! every filtered group, and the mean it would show, is known from the data
//! itself (not from the code under test): 20 identified respondents in four
//! team × level groups of 3, 6, 7 and 4, split over two cohorts, and 6
//! anonymous ones, each answering both waves. Its skill assessments and
//! free-text answers are checked in `tests/robustness_privacy_skills_comments.rs`.

mod common;

use std::process::Output;

use serde_json::Value;

use common::privacy_pack::{pack, Pack};
use common::privacy_program::{cli, email, imported, name, write_program, Filter};

const UNPAIRED_NUMBERS: &[&str] = &[
    "mean_before",
    "mean_after",
    "sd_before",
    "sd_after",
    "diff",
    "ci95",
    "welch_t",
    "welch_df",
    "welch_p",
    "cohens_d",
    "mann_whitney_p",
];
const PAIRED_NUMBERS: &[&str] = &["mean_diff", "ci95", "t", "df", "p"];

fn check(a: &Value, f: &Filter, k: usize) {
    let ctx = format!("{f:?}, k = {k}");
    let n = f.scope().len();
    let paired = f.scope().iter().filter(|i| i.is_some()).count();
    let u = &a["survey_unpaired"];
    assert_eq!(u["n_before"], n, "{ctx}");
    // Under k the figure is always hidden; at k or more it may still be
    // hidden by another rule of disclosure control (a remainder, an
    // overlap), which the list of suppressions then names.
    if n < k {
        assert_eq!(u["suppressed"], true, "{ctx}");
    }
    let hidden = u["suppressed"] == true;
    if hidden && n >= k {
        assert!(
            !a["suppressions"].as_array().unwrap().is_empty(),
            "{ctx}: hidden with no rule named"
        );
    }
    for key in UNPAIRED_NUMBERS {
        if hidden {
            assert!(
                u[key].is_null(),
                "{ctx}: {key} shown while hidden ({n} respondents): {u}"
            );
        }
    }
    if !hidden {
        for (key, post) in [("mean_before", false), ("mean_after", true)] {
            let want = f.mean(post).unwrap();
            let got = u[key].as_f64().unwrap_or(f64::NAN);
            assert!((got - want).abs() < 1e-9, "{ctx}: {key} {got} ≠ {want}");
        }
    }
    let p = &a["survey_paired"];
    if paired < k {
        assert_eq!(p["suppressed"], true, "{ctx}");
    }
    let paired_hidden = p["suppressed"] == true;
    for key in PAIRED_NUMBERS {
        if paired_hidden {
            assert!(
                p[key].is_null(),
                "{ctx}: paired {key} shown while hidden ({paired}): {p}"
            );
        }
    }
    if !paired_hidden {
        assert!(p["mean_diff"].is_number(), "{ctx}: {p}");
    }
    // Per item, per distribution, eNPS: the same rule on their own counts.
    let items = &a["item_means"];
    for side in ["before", "after"] {
        let means = items[side].as_array().unwrap();
        let ns = items[&format!("n_{side}")].as_array().unwrap();
        assert_eq!(means.len(), 2, "{ctx}");
        for (m, c) in means.iter().zip(ns) {
            assert_eq!(c, n, "{ctx}: every respondent answered every item");
            if n < k {
                assert!(m.is_null(), "{ctx}: item mean {side} {m}");
            }
        }
        for d in a["item_distributions"].as_array().unwrap() {
            if n < k {
                assert!(d[side].is_null(), "{ctx}: distribution {side} {d}");
            } else if let Some(levels) = d[side].as_array() {
                // A level shown holds at least k answers.
                for c in levels.iter().filter_map(|c| c.as_u64()) {
                    assert!(c == 0 || c >= k as u64, "{ctx}: a level of {c} shown: {d}");
                }
            }
        }
        if n < k {
            assert!(a["enps"][side].is_null(), "{ctx}: eNPS {side}");
        }
    }
    // The verdict says why, and never the hidden figure.
    if hidden {
        let v = &a["verdicts"]["survey"];
        let text = format!("{} {}", v["headline"], v["caveats"]);
        for post in [false, true] {
            if let Some(m) = f.mean(post) {
                for shown in [format!("{m:.1}"), format!("{m:.2}")] {
                    assert!(
                        !text.contains(&shown),
                        "{ctx}: verdict shows {shown}: {text}"
                    );
                }
            }
        }
    }
}

#[test]
fn min_group_size_holds_through_every_filter_combination_in_analyze_json() {
    let p = imported();
    let (mut hidden, mut shown) = (0, 0);
    for k in [4usize, 5, 7] {
        for f in Filter::all() {
            let mut args = vec!["analyze".to_string(), "--json".into()];
            args.extend(f.args());
            if k != 5 {
                args.extend(["--min-group".to_string(), k.to_string()]);
            }
            let out = cli(&p.db, &args);
            assert!(
                out.status.success(),
                "{f:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let a: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(a["min_group_size"], k);
            check(&a, &f, k);
            if a["survey_unpaired"]["suppressed"] == true {
                hidden += 1;
            } else {
                shown += 1;
            }
        }
    }
    // Both sides of the rule were exercised, at each boundary (3 vs 4 at
    // k = 4, 4 vs 5 at k = 5, 6 vs 7 at k = 7).
    assert!(
        hidden >= 30 && shown >= 20,
        "{hidden} hidden, {shown} shown"
    );
}

#[test]
fn a_group_filtered_below_k_shows_no_mean_in_the_review_pack() {
    let p = imported();
    let f = Filter {
        cohort: None,
        team: Some("Data"),
        level: Some("L1"),
    };
    assert_eq!(f.scope().len(), 3);
    // The figures this group would show: 1.83 → 4.17, items 1.67/2.00 → 4.00/4.33.
    let secrets: Vec<String> = [f.mean(false).unwrap(), f.mean(true).unwrap()]
        .iter()
        .map(|m| format!("{m:.2}"))
        .collect();
    assert_eq!(secrets, ["1.83", "4.17"]);

    // Control: with k = 3 the group is shown, and its figures can be found
    // in the HTML and the PDF (charts may round them differently).
    let shown = pack(&p, &["--team", "Data", "--level", "L1", "--min-group", "3"]);
    check(&shown.json, &f, 3);
    for s in &secrets {
        for (what, text) in &shown.texts()[..3] {
            assert!(
                text.contains(s.as_str()),
                "with k = 3 {what} should show {s}; hidden: {}",
                shown.json["suppressions"]
            );
        }
    }

    // At the default k = 5: suppressed, said so, and no trace of the figures
    // in the HTML, the PDF or any chart.
    let hidden = pack(&p, &["--team", "Data", "--level", "L1"]);
    check(&hidden.json, &f, 5);
    // Its item means (1.67 and 4.33 for the items that are not whole) too.
    let items = ["1.67", "4.33"];
    for s in secrets.iter().map(String::as_str).chain(items) {
        for (what, text) in hidden.texts() {
            assert!(!text.contains(s), "{what} shows the hidden mean {s}");
        }
    }
    assert!(
        hidden.html.contains("Hidden"),
        "the pack says the survey result is hidden"
    );
    assert!(
        hidden.pdf.contains("Hidden"),
        "the PDF says the survey result is hidden"
    );
    assert!(
        hidden.pptx.contains("Hidden") && hidden.pptx.contains("hidden (fewer than 5 respondents"),
        "the slides and their notes say the survey result is hidden"
    );
    assert!(
        hidden.xlsx.contains("hidden: fewer than 5 respondents"),
        "the workbook's empty cells carry the note"
    );

    // The workbook holds full-precision numbers, so it is checked against
    // the exact means: present on the survey sheets with k = 3 (the check
    // can fail), absent at k = 5.
    let exact = [f.mean(false).unwrap(), f.mean(true).unwrap()];
    let holds = |p: &Pack, x: f64| {
        p.xlsx_survey_numbers
            .iter()
            .any(|(_, v)| (v - x).abs() < 1e-9)
    };
    // Item means (over 3 people they are thirds) are for the whole program
    // only: under this filter not even k = 3 shows them.
    for x in [5.0 / 3.0, 13.0 / 3.0] {
        assert!(
            !holds(&shown, x),
            "a filtered workbook shows the item mean {x}"
        );
    }
    assert!(
        shown.json["suppressions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["rule"] == "whole_program_only"),
        "the filtered items are listed as hidden, whole program only"
    );
    for x in exact {
        assert!(holds(&shown, x), "with k = 3 the workbook should hold {x}");
        assert!(
            !holds(&hidden, x),
            "the workbook shows the hidden value {x}: {:?}",
            hidden
                .xlsx_survey_numbers
                .iter()
                .filter(|(_, v)| (v - x).abs() < 1e-9)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn stderr_never_holds_row_contents() {
    let p = write_program();
    // A file with problems in it, and one refused, besides the good ones.
    let dir = p.db.parent().unwrap();
    let bad_rows = dir.join("meetings.csv");
    std::fs::write(
        &bad_rows,
        format!(
            "Meeting Date,Mentor,Mentee,Duration (min),Notes\n\
             not a date,{m},{e},30,Mauvewhistle notes\n\
             2025-03-01,{m},zq99@quorvath.example,-5,Mauvewhistle notes\n\
             2025-03-02,{m},{e},45,Mauvewhistle notes\n",
            m = email(30),
            e = email(0)
        ),
    )
    .unwrap();
    let refused = dir.join("meetings-refused.csv");
    std::fs::write(
        &refused,
        format!(
            "Meeting Date,Mentor,Notes\n2025-03-01,{},Mauvewhistle\n",
            email(31)
        ),
    )
    .unwrap();

    // Exported without its header row: the first person becomes "headers".
    let headerless = dir.join("roster-no-header.csv");
    std::fs::write(
        &headerless,
        format!(
            "Q100,{},{},Data,L1,2023-01-15\nQ101,{},{},Web,L2,2023-02-15\n",
            name(0),
            email(0),
            name(1),
            email(1)
        ),
    )
    .unwrap();

    let mut runs: Vec<(String, Output)> = Vec::new();
    let mut import = vec!["import".to_string()];
    import.extend(p.files.iter().map(|f| f.display().to_string()));
    import.push(bad_rows.display().to_string());
    runs.push(("import".into(), cli(&p.db, &import)));
    runs.push((
        "import refused".into(),
        cli(
            &p.db,
            &[
                "import".into(),
                "--kind".into(),
                "meetings".into(),
                refused.display().to_string(),
            ],
        ),
    ));
    for kind in [None, Some("roster")] {
        let mut a = vec!["import".to_string()];
        if let Some(k) = kind {
            a.extend(["--kind".to_string(), k.to_string()]);
        }
        a.push(headerless.display().to_string());
        let out = cli(&p.db, &a);
        assert_eq!(out.status.code(), Some(1), "a headerless file is refused");
        runs.push((format!("import headerless {kind:?}"), out));
    }
    runs.push(("status".into(), cli(&p.db, &["status".into()])));
    for f in [
        vec![],
        vec!["--team".to_string(), "Data".into()],
        vec![
            "--cohort".into(),
            "Spring".into(),
            "--level".into(),
            "L1".into(),
        ],
    ] {
        let mut a = vec!["analyze".to_string()];
        a.extend(f.clone());
        runs.push((format!("analyze {f:?}"), cli(&p.db, &a)));
        a.push("--json".into());
        runs.push((format!("analyze --json {f:?}"), cli(&p.db, &a)));
    }
    let out_dir = dir.join("pack");
    runs.push((
        "report".into(),
        cli(
            &p.db,
            &[
                "report".into(),
                "--out".into(),
                out_dir.display().to_string(),
            ],
        ),
    ));
    // The refused file must have said something, or this proves nothing.
    assert!(
        String::from_utf8_lossy(&runs[1].1.stderr).contains("no column for mentee"),
        "{}",
        String::from_utf8_lossy(&runs[1].1.stderr)
    );
    // The problems are the user's report, on stdout, where they belong.
    assert!(String::from_utf8_lossy(&runs[0].1.stdout).contains("zq99@quorvath.example"));

    let needles: Vec<String> = (0..40)
        .flat_map(|i| [name(i), email(i)])
        .chain([
            "Quorvath".into(),
            "quorvath".into(),
            "Mauvewhistle".into(),
            "zq99".into(),
        ])
        .collect();
    for (what, out) in &runs {
        let stderr = String::from_utf8_lossy(&out.stderr);
        for n in &needles {
            assert!(
                !stderr.contains(n.as_str()),
                "`{what}` wrote `{n}` to stderr:\n{stderr}"
            );
        }
    }
}
