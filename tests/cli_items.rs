//! Survey item marks from the outside: `mentorscope items` lists the
//! items, marks one reverse-coded or declares a numeric item's scale, and
//! refuses what would be wrong without changing anything; a declared item
//! joins the composite with the value METRICS.md M1 gives (checked against
//! the CSV's own answers, read here); a saved mapping carries the marks to
//! another program database.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

const WORKLOAD: &str = "How manageable is your workload? (0-10)";
const TOOLS: &str = "Rate our internal tools from 1 to 5";

fn cli(db: &common::TempDb) -> Command {
    let mut c = Command::cargo_bin("mentorscope").unwrap();
    c.arg("--db").arg(&db.path);
    c
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

fn json(c: &mut Command) -> Value {
    serde_json::from_str(&stdout(c)).unwrap()
}

/// The refusal's message (stderr), after checking the command failed.
fn refused(c: &mut Command) -> String {
    String::from_utf8(c.assert().failure().get_output().stderr.clone()).unwrap()
}

fn scales_dir() -> PathBuf {
    common::repo().join("tests/data/program-scales")
}

fn files(names: &[&str]) -> Vec<PathBuf> {
    names.iter().map(|n| scales_dir().join(n)).collect()
}

const NOT_SURVEYS: &[&str] = &[
    "roster.csv",
    "pairings.csv",
    "meetings.csv",
    "milestones.csv",
    "team-metrics.csv",
];
const SURVEYS: &[&str] = &["survey-pre.csv", "survey-6-month.csv", "survey-post.csv"];

fn imported() -> common::TempDb {
    let db = common::temp_db();
    cli(&db)
        .arg("import")
        .args(files(NOT_SURVEYS))
        .args(files(SURVEYS))
        .assert()
        .success();
    db
}

fn item<'a>(items: &'a Value, text: &str) -> &'a Value {
    items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["text"] == text)
        .unwrap_or_else(|| panic!("no item {text} in {items}"))
}

/// The mean of one column's whole-number answers in a survey file, put on
/// 1–5 from the scale [lo, hi] — from the CSV, not from the database.
fn csv_item_mean(file: &str, column: &str, lo: f64, hi: f64) -> (f64, usize) {
    let mut r = csv::Reader::from_path(scales_dir().join(file)).unwrap();
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap();
    let values: Vec<f64> = r
        .records()
        .map(Result::unwrap)
        .filter_map(|rec| rec.get(col).unwrap().trim().parse::<f64>().ok())
        .map(|x| 1.0 + 4.0 * (x - lo) / (hi - lo))
        .collect();
    (
        values.iter().sum::<f64>() / values.len() as f64,
        values.len(),
    )
}

#[test]
fn a_declared_scale_puts_a_numeric_item_into_the_composite_on_the_1_to_5_scale() {
    let db = imported();
    let items = json(cli(&db).args(["items", "--json"]));
    assert_eq!(items.as_array().unwrap().len(), 7, "{items}");
    let w = item(&items, WORKLOAD);
    assert_eq!(w["kind"], "zero_to_ten");
    assert_eq!(w["in_composite"], false);
    assert_eq!(w["can_declare_scale"], true);
    assert_eq!(
        item(&items, "I feel supported in my role")["read_as"],
        "Agreement, 7 levels"
    );
    // Waves in the order they were run, not the order of import.
    assert_eq!(w["waves"], serde_json::json!(["pre", "6-month", "post"]));

    let before = json(cli(&db).args(["analyze", "--json"]));
    let listed = |a: &Value| -> Vec<String> {
        a["item_means"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert!(!listed(&before).contains(&WORKLOAD.to_string()));

    let text = stdout(cli(&db).args(["items", "--item", WORKLOAD, "--scale", "0-10"]));
    assert!(text.contains("scale 0–10; in the composite"), "{text}");
    let after = json(cli(&db).args(["analyze", "--json"]));
    let names = listed(&after);
    let i = names
        .iter()
        .position(|n| n == WORKLOAD)
        .expect("the item joins");
    // Its mean per wave is 1 + 4·x/10 averaged over the file's answers.
    for (side, file) in [("before", "survey-pre.csv"), ("after", "survey-post.csv")] {
        let (want, n) = csv_item_mean(file, WORKLOAD, 0.0, 10.0);
        let got = after["item_means"][side][i].as_f64().unwrap();
        assert!(
            (got - want).abs() < 1e-9,
            "{side}: {got} vs {want} over {n} answers"
        );
        assert_eq!(after["item_means"][format!("n_{side}")][i], n);
    }
    // It is in the composite: the satisfaction means moved.
    assert_ne!(
        before["survey_unpaired"]["mean_before"],
        after["survey_unpaired"]["mean_before"]
    );
    // And its distribution has the scale's eleven levels.
    let dist = after["item_distributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["item"] == WORKLOAD)
        .unwrap();
    assert_eq!(dist["scale_points"], 11);

    // Reverse-coded on top: every answer flipped, 6 − value.
    stdout(cli(&db).args(["items", "--item", WORKLOAD, "--reverse"]));
    let flipped = json(cli(&db).args(["analyze", "--json"]));
    let (want, _) = csv_item_mean("survey-pre.csv", WORKLOAD, 0.0, 10.0);
    let got = flipped["item_means"]["before"][i].as_f64().unwrap();
    assert!((got - (6.0 - want)).abs() < 1e-9, "{got} vs 6 − {want}");

    // Withdrawn, the item leaves the composite and the numbers are as before.
    stdout(cli(&db).args(["items", "--item", WORKLOAD, "--not-reverse", "--no-scale"]));
    let back = json(cli(&db).args(["analyze", "--json"]));
    assert_eq!(back["survey_unpaired"], before["survey_unpaired"]);
    assert_eq!(back["item_means"], before["item_means"]);
}

#[test]
fn a_mark_that_would_be_wrong_is_refused_and_changes_nothing() {
    let db = imported();
    let items = json(cli(&db).args(["items", "--json"]));
    let analysis = stdout(cli(&db).args(["analyze", "--json"]));

    // A typo is not a new setting.
    let msg = refused(cli(&db).args([
        "items",
        "--item",
        "How manageable is your workload",
        "--reverse",
    ]));
    assert!(
        msg.contains("no survey item reads") && msg.contains("mentorscope items"),
        "{msg}"
    );
    // The tools rating has answers up to 5: a 1–3 scale does not fit them.
    let msg = refused(cli(&db).args(["items", "--item", TOOLS, "--scale", "1-3"]));
    assert!(msg.contains("not whole numbers from 1 to 3"), "{msg}");
    // A numeric item is flipped only on a scale, and "1-2" is no scale.
    let msg = refused(cli(&db).args(["items", "--item", TOOLS, "--reverse"]));
    assert!(
        msg.contains("only an item on a scale can be reverse-coded"),
        "{msg}"
    );
    let msg = refused(cli(&db).args(["items", "--item", TOOLS, "--scale", "1-2"]));
    assert!(msg.contains("not a rating scale"), "{msg}");
    // A label-set item keeps its own scale.
    let msg = refused(cli(&db).args([
        "items",
        "--item",
        "I feel supported in my role",
        "--scale",
        "1-5",
    ]));
    assert!(msg.contains("already read on their own scale"), "{msg}");
    // Nothing to change is said, not done.
    let msg = refused(cli(&db).args(["items", "--item", TOOLS]));
    assert!(msg.contains("say what to change"), "{msg}");

    assert_eq!(json(cli(&db).args(["items", "--json"])), items);
    assert_eq!(stdout(cli(&db).args(["analyze", "--json"])), analysis);
}

#[test]
fn a_saved_mapping_carries_the_item_marks_to_another_program() {
    let db = imported();
    stdout(cli(&db).args(["items", "--item", WORKLOAD, "--scale", "0-10"]));
    stdout(cli(&db).args(["items", "--item", TOOLS, "--scale", "1-5", "--reverse"]));
    stdout(cli(&db).args([
        "items",
        "--item",
        "How often do you get useful feedback?",
        "--reverse",
    ]));
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("survey-mapping.json");
    // The file is already imported (same bytes): the mapping is still written.
    cli(&db)
        .args(["import", "--save-mapping"])
        .arg(&mapping)
        .arg(scales_dir().join("survey-pre.csv"))
        .assert()
        .success();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&mapping).unwrap()).unwrap();
    assert_eq!(saved["kind"], "survey", "{saved}");
    assert_eq!(
        saved["items"][WORKLOAD],
        serde_json::json!({"scale": "0-10"})
    );
    assert_eq!(
        saved["items"][TOOLS],
        serde_json::json!({"reverse": true, "scale": "1-5"})
    );
    assert_eq!(
        saved["items"]["How often do you get useful feedback?"],
        serde_json::json!({"reverse": true})
    );

    // A new program: the surveys imported with the mapping read the same.
    let other = common::temp_db();
    cli(&other)
        .arg("import")
        .args(files(NOT_SURVEYS))
        .assert()
        .success();
    cli(&other)
        .arg("import")
        .arg("--mapping")
        .arg(&mapping)
        .args(files(SURVEYS))
        .assert()
        .success();
    assert_eq!(
        json(cli(&other).args(["items", "--json"])),
        json(cli(&db).args(["items", "--json"]))
    );
    assert_eq!(
        stdout(cli(&other).args(["analyze", "--json"])),
        stdout(cli(&db).args(["analyze", "--json"]))
    );
}

#[test]
fn a_mapping_mark_that_does_not_fit_is_a_problem_on_its_column_not_a_refused_file() {
    let db = common::temp_db();
    cli(&db)
        .arg("import")
        .args(files(NOT_SURVEYS))
        .assert()
        .success();
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("m.json");
    std::fs::write(
        &mapping,
        serde_json::json!({
            "kind": "survey",
            "items": { TOOLS: {"scale": "1-3", "reverse": true}, WORKLOAD: {"scale": "0-10"} }
        })
        .to_string(),
    )
    .unwrap();
    let out = json(
        cli(&db)
            .args(["import", "--json", "--mapping"])
            .arg(&mapping)
            .arg(scales_dir().join("survey-pre.csv")),
    );
    let report = &out.as_array().map(|a| &a[0]).unwrap_or(&out);
    assert_eq!(report["rows_imported"], 162, "{report}");
    let problems = report["problems"].as_array().unwrap();
    let tools: Vec<&Value> = problems.iter().filter(|p| p["column"] == TOOLS).collect();
    assert_eq!(
        tools.len(),
        2,
        "the scale and the flip, each said: {problems:?}"
    );
    assert!(tools.iter().all(|p| p["reason"]
        .as_str()
        .unwrap()
        .starts_with("the saved mapping's mark was not applied")));
    let items = json(cli(&db).args(["items", "--json"]));
    assert_eq!(item(&items, TOOLS)["scale"], Value::Null);
    assert_eq!(item(&items, TOOLS)["reverse"], false);
    assert_eq!(item(&items, WORKLOAD)["scale"], "0-10");
}
