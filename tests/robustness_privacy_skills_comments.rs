//! Privacy of skill ratings (M8) and comments (M9): through every
//! combination of the cohort, team and level filters, a skill row is
//! published only over at least k people and is hidden exactly when the
//! rules of docs/PRIVACY.md say it must be; a wave's comments (terms,
//! quotes, counts) are published only where at least k_comments people
//! wrote one; a hidden group's words never reach `analyze --json` or the
//! review pack (HTML, PDF, slides, workbook, charts); and what the CLI
//! writes to stderr never holds a comment's words or a rating row.
//!
//! Every expectation is computed from the generated program
//! (`tests/common/privacy_program.rs`) by `tests/common/privacy_expected.rs`:
//! who is rated in which area by which rater, who wrote a comment in which
//! wave, and which rule must hide a row or a wave, are known from the data,
//! not from the code under test.

mod common;

use std::collections::BTreeMap;
use std::process::Output;

use serde_json::Value;

use common::privacy_expected::{
    check_comments, check_skills, commenters, mean, skill_people, skill_rule, tokens_in,
};
use common::privacy_pack::{pack, Pack};
use common::privacy_program::{
    analyze_json, cli, email, imported, name, token, tokens, unit, write_program, Filter, AREAS,
};

// ---------------------------------------------------------------------
// Skills.

#[test]
fn skill_rows_are_shown_over_k_people_and_hidden_exactly_where_the_rules_say() {
    let p = imported();
    // (k, row size) → (shown, hidden) over every run; the rules that hid
    // a row of at least k people.
    let mut tally: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for k in [3usize, 5] {
        for f in Filter::all() {
            let mut args = f.args();
            args.extend(["--min-group".to_string(), k.to_string()]);
            let a = analyze_json(&p, &args);
            assert_eq!(a["min_group_size"], k);
            for (n, rule) in check_skills(&a, &f, k) {
                let t = tally.entry((k, n)).or_default();
                if rule.is_some() {
                    t.1 += 1;
                } else {
                    t.0 += 1;
                }
                if let Some(r) = rule.filter(|_| n >= k) {
                    *by_rule.entry(r).or_default() += 1;
                }
            }
        }
    }
    // Both sides of the threshold were exercised at each k: rows of k − 1
    // people (hidden), and rows of k and k + 1 people that were shown.
    for k in [3usize, 5] {
        let at = |n: usize| tally.get(&(k, n)).copied().unwrap_or_default();
        assert!(
            at(k - 1).1 > 0,
            "k = {k}: no row of k − 1 people: {tally:?}"
        );
        assert!(at(k).0 > 0, "k = {k}: no row of k people shown: {tally:?}");
        assert!(at(k + 1).0 > 0, "k = {k}: no row of k + 1 shown: {tally:?}");
    }
    // And the rules beyond the minimum group hid some rows of k or more.
    for rule in ["remainder", "complementary", "overlap"] {
        assert!(
            by_rule.get(rule).is_some_and(|&n| n > 0),
            "no row hidden by {rule}: {by_rule:?}"
        );
    }
}

// ---------------------------------------------------------------------
// Comments.

#[test]
fn comments_are_published_only_where_k_comments_people_wrote_one() {
    let p = imported();
    let mut tally: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
    // (k, --min-comments): the threshold is the larger of the two, 10 by
    // default; --min-comments 4 with k = 5 gives 5.
    for (k, min_comments) in [
        (3, None),
        (5, None),
        (3, Some(7)),
        (5, Some(7)),
        (5, Some(4)),
        (5, Some(12)),
    ] {
        let kc = min_comments.unwrap_or(10).max(k);
        for f in Filter::all() {
            let mut args = vec!["analyze".to_string(), "--json".into()];
            args.extend(f.args());
            args.extend(["--min-group".to_string(), k.to_string()]);
            if let Some(m) = min_comments {
                args.extend(["--min-comments".to_string(), m.to_string()]);
            }
            let out = cli(&p.db, &args);
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).unwrap();
            let a: Value = serde_json::from_str(&text).unwrap();
            for (n, shown) in check_comments(&a, &text, &f, kc, k) {
                let t = tally.entry((kc, n)).or_default();
                if shown {
                    t.0 += 1;
                } else {
                    t.1 += 1;
                }
            }
        }
    }
    // At the default threshold: groups of 9 (hidden), 10 (shown) and 11
    // writers. At 7: groups of 6 (hidden), and groups of 7 to 9 shown,
    // which the default hides.
    let at = |kc: usize, n: usize| tally.get(&(kc, n)).copied().unwrap_or_default();
    assert!(at(10, 9).1 > 0, "no group of 9 hidden at 10: {tally:?}");
    assert!(at(10, 10).0 > 0, "no group of 10 shown at 10: {tally:?}");
    assert!(at(10, 11) != (0, 0), "no group of 11: {tally:?}");
    assert!(at(7, 6).1 > 0, "no group of 6 hidden at 7: {tally:?}");
    assert!(
        (7..10).any(|n| at(7, n).0 > 0),
        "no group of 7 to 9 shown at 7: {tally:?}"
    );
}

#[test]
fn a_hidden_groups_comments_never_reach_the_review_pack() {
    let p = imported();
    let spring = Filter {
        cohort: Some("Spring"),
        ..Filter::NONE
    };
    // Cohort Spring at the default threshold (10): its after-wave comments
    // (10 writers) are shown — their terms in the HTML, the PDF, the
    // slides and the workbook, their quotes in the workbook (the pack
    // quotes no comment elsewhere) — so the searches can find them. Its
    // before wave (10 writers too) is hidden: the rest of the cohort
    // partition (Fall, 9 writers, and 4 anonymous ones) is hidden, so this
    // one is (complementary suppression). No word of a before-wave comment,
    // nor of anyone outside the cohort, is anywhere in the pack.
    let shown = pack(&p, &["--cohort", "Spring"]);
    for (what, text) in shown.texts() {
        if what != "charts/*.svg" {
            assert!(
                text.to_lowercase().contains("mauvewhistle"),
                "{what} should list the after wave's terms"
            );
        }
        // "clearer" is a word of the before wave's comments only.
        assert!(
            !text.to_lowercase().contains("clearer"),
            "{what} lists a term of the hidden before wave"
        );
    }
    let c = &shown.json["comments"];
    assert_eq!(c["after"]["n"], 10, "{c}");
    assert_eq!(c["before"]["suppressed"], true, "{c}");
    assert_eq!(commenters(&spring, false).len(), 10);
    let quoted: Vec<String> = c["after"]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|q| tokens_in(q["text"].as_str().unwrap()))
        .map(|(r, post)| token(r, post))
        .collect();
    assert!(!quoted.is_empty());
    for t in &quoted {
        assert!(
            shown.xlsx.contains(t.as_str()),
            "review.xlsx should quote {t}"
        );
    }
    for (what, text) in shown.texts() {
        for (row, post) in tokens_in(text) {
            assert!(
                post && commenters(&spring, true).contains(&row),
                "{what} holds {} (row {row}), not a shown comment of cohort Spring",
                token(row, post)
            );
        }
    }

    // Hidden in both waves: cohort Spring with the threshold at 12 (10
    // writers in each wave), and team Data at the default (9 in each). No
    // word of anyone's comment anywhere in the pack, or in `analyze`'s
    // text, and no term of them either.
    for args in [
        vec!["--cohort", "Spring", "--min-comments", "12"],
        vec!["--team", "Data"],
    ] {
        let hidden = pack(&p, &args);
        for (what, text) in hidden.texts() {
            let found = tokens_in(text);
            assert!(
                found.is_empty(),
                "{args:?}: {what} holds the comments of rows {found:?}"
            );
            assert!(
                !text.to_lowercase().contains("mauvewhistle"),
                "{args:?}: {what} lists a term of the hidden comments"
            );
        }
        let c = &hidden.json["comments"];
        assert_eq!(c["before"]["suppressed"], true, "{args:?}");
        assert_eq!(c["after"]["suppressed"], true, "{args:?}");
        let mut a = vec!["analyze".to_string()];
        a.extend(args.iter().map(|s| s.to_string()));
        let out = cli(&p.db, &a);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success());
        assert!(text.contains("Comments"), "{text}");
        assert!(
            tokens_in(&text).is_empty(),
            "{args:?}: analyze prints a comment"
        );
        assert!(!text.contains("Mauvewhistle"), "{args:?}: {text}");
    }
}

#[test]
fn a_hidden_skill_rows_figures_never_reach_the_review_pack() {
    let p = imported();
    let f = Filter {
        cohort: None,
        team: Some("Data"),
        level: Some("L1"),
    };
    // Quindle design rated by self: people 0–2, shown at k = 3, hidden at
    // k = 5. Its mean change (+0.42, which no other row of the group has)
    // and its 95% CI are found in the pack at k = 3 — the search can find
    // them — and nowhere at k = 5.
    assert_eq!(skill_people(&f, 0, 0), [0, 1, 2]);
    assert_eq!(skill_rule(&f, 0, 0, 3), None);
    assert_eq!(skill_rule(&f, 0, 0, 5), Some("minimum_group"));
    let change = mean(&[0, 1, 2].map(|i| unit(i, 0, 0, true) - unit(i, 0, 0, false))).unwrap();
    assert!((change - 5.0 / 12.0).abs() < 1e-12);
    let row = |pk: &Pack| -> Value {
        pk.json["skills"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["area"] == AREAS[0] && r["rater"] == "self")
            .cloned()
            .unwrap()
    };
    let shown = pack(&p, &["--team", "Data", "--level", "L1", "--min-group", "3"]);
    let ci: Vec<f64> = row(&shown)["ci95"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let exact = [change, ci[0], ci[1]];
    // As the pack writes a change: signed, two decimals.
    let text = format!("+{change:.2}");
    assert_eq!(text, "+0.42");
    let holds = |pk: &Pack, x: f64| pk.xlsx_numbers.iter().any(|(_, v)| (v - x).abs() < 1e-12);
    for x in exact {
        assert!(holds(&shown, x), "with k = 3 the workbook should hold {x}");
    }
    // The PDF shows a change only in its chart, which lopdf cannot read:
    // searched there where pdftotext is installed.
    for (what, t) in &shown.texts()[..3] {
        if *what == "review.pdf" && !shown.pdf_charts {
            continue;
        }
        assert!(
            t.contains(text.as_str()),
            "with k = 3 {what} should show {text}"
        );
    }

    // At k = 5: nowhere in the pack; and analysis.json hides the row and
    // lists it.
    let hidden = pack(&p, &["--team", "Data", "--level", "L1"]);
    for x in exact {
        assert!(!holds(&hidden, x), "the workbook holds the hidden {x}");
    }
    for (what, t) in hidden.texts() {
        assert!(!t.contains(text.as_str()), "{what} shows the hidden {text}");
    }
    assert_eq!(row(&hidden)["suppressed"], true);
    check_skills(&hidden.json, &f, 5);
    check_skills(&shown.json, &f, 3);
}

// ---------------------------------------------------------------------
// stderr.

#[test]
fn stderr_never_holds_a_comment_or_a_rating_row() {
    let p = write_program();
    let dir = p.db.parent().unwrap();
    // Skill rows with problems (someone not on the roster, a rating no
    // scale knows, an empty rating) and a file refused for want of a
    // rating column, besides the good files.
    let bad = dir.join("skills-bad.csv");
    std::fs::write(
        &bad,
        format!(
            "Email,Wave,Assessment Date,Skill Area,Rating,Rater\n\
             zq98@quorvath.example,pre,2025-01-20,Quindle design,Novice,self\n\
             {e},pre,2025-01-20,Borogove triage,Gloomfrabble,self\n\
             {e},post,2025-09-20,Jubjub wrangling,,mentor\n",
            e = email(29)
        ),
    )
    .unwrap();
    let refused = dir.join("skills-refused.csv");
    std::fs::write(
        &refused,
        format!(
            "Email,Wave,Skill Area\n{},pre,Jubjub wrangling\n",
            email(28)
        ),
    )
    .unwrap();

    let mut runs: Vec<(String, Output)> = Vec::new();
    let mut import = vec!["import".to_string()];
    import.extend(p.files.iter().map(|f| f.display().to_string()));
    import.push(bad.display().to_string());
    runs.push(("import".into(), cli(&p.db, &import)));
    runs.push((
        "import refused".into(),
        cli(
            &p.db,
            &[
                "import".into(),
                "--kind".into(),
                "skills".into(),
                refused.display().to_string(),
            ],
        ),
    ));
    let views: Vec<Vec<String>> = [
        &[][..],
        &["--min-group", "3", "--min-comments", "3"],
        &["--team", "Data", "--min-comments", "7"],
        &["--cohort", "Spring", "--min-comments", "7"],
        &["--skill-before", "pre", "--skill-after", "post"],
    ]
    .iter()
    .map(|v| v.iter().map(|s| s.to_string()).collect())
    .collect();
    for v in &views {
        let mut a = vec!["analyze".to_string()];
        a.extend(v.clone());
        runs.push((format!("analyze {v:?}"), cli(&p.db, &a)));
        a.push("--json".into());
        runs.push((format!("analyze --json {v:?}"), cli(&p.db, &a)));
    }
    // The pack at the defaults, and with k = 3 and k_comments = 3 (the
    // most it can show: quotes in the workbook, every skill row).
    for (i, v) in views[..2].iter().enumerate() {
        let out_dir = dir.join(format!("pack{i}"));
        let mut a = vec![
            "report".into(),
            "--out".into(),
            out_dir.display().to_string(),
        ];
        a.extend(v.clone());
        runs.push((format!("report {v:?}"), cli(&p.db, &a)));
    }
    // The refused file was refused, the problems were reported (on stdout,
    // where the user reads them), and the runs did show comments and
    // skill rows, or this proves nothing.
    assert_eq!(runs[1].1.status.code(), Some(1), "the file is refused");
    assert!(
        String::from_utf8_lossy(&runs[1].1.stderr).contains("no column for skill areas"),
        "{}",
        String::from_utf8_lossy(&runs[1].1.stderr)
    );
    let imported = String::from_utf8_lossy(&runs[0].1.stdout);
    assert!(
        imported.contains("3 rows: 0 imported, 3 skipped"),
        "{imported}"
    );
    let wide = String::from_utf8_lossy(&runs[4].1.stdout);
    assert!(
        wide.contains("snarkwid") && wide.contains("Quindle design"),
        "with k = 3 the whole program's comments and skills are shown: {wide}"
    );
    for (what, out) in &runs[2..] {
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let mut needles: Vec<String> = (0..40)
        .flat_map(|i| [name(i), email(i)])
        .chain(
            [
                "Quorvath",
                "quorvath",
                "Mauvewhistle",
                "mauvewhistle",
                "snarkwid",
                "zq98",
                "Quindle",
                "Borogove",
                "Jubjub",
                "Gloomfrabble",
                "pairing goals",
                "weekly pairing",
            ]
            .map(String::from),
        )
        .collect();
    needles.extend(
        tokens(false)
            .into_iter()
            .chain(tokens(true))
            .map(|(_, t)| t),
    );
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
