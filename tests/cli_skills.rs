//! The skills commands from the outside: `import` recognises the sample's
//! skill assessments, `analyze` prints a Skills section with the rows
//! `analyze --json` holds, and `template skills` writes a sheet that
//! `import` takes back with no options.

mod common;

use assert_cmd::Command;

fn cli(db: &common::TempDb) -> Command {
    let mut c = Command::cargo_bin("mentorscope").unwrap();
    c.arg("--db").arg(&db.path);
    c
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn analyze_prints_a_skills_section_matching_the_json() {
    let db = common::temp_db();
    let sample = common::repo().join("sample-data");
    let files: Vec<_> = ["roster.csv", "pairings.csv", "meetings.csv", "skills.csv"]
        .iter()
        .map(|f| sample.join(f))
        .collect();
    let out = stdout(cli(&db).arg("import").args(&files));
    assert!(out.contains("skills.csv — skills"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["analyze", "--json"]))).unwrap();
    let rows = json["skills"].as_array().unwrap();
    assert_eq!(rows.len(), 22);
    let text = stdout(cli(&db).arg("analyze"));
    let section = text
        .split("\nSkills (pre → post")
        .nth(1)
        .unwrap_or_else(|| panic!("no Skills section:\n{text}"));
    // Each row's area, rater and n appear on one line of the section.
    for r in rows {
        let (area, rater, n) = (
            r["area"].as_str().unwrap(),
            r["rater"].as_str().unwrap(),
            r["n"].as_u64().unwrap(),
        );
        assert!(
            section.lines().any(|l| {
                let cells: Vec<&str> = l
                    .split("  ")
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect();
                cells.len() >= 3
                    && cells[0] == area
                    && cells[1] == rater
                    && cells[2] == n.to_string()
            }),
            "{area} / {rater} / {n} not in\n{section}"
        );
    }
}

#[test]
fn template_skills_writes_a_sheet_import_takes_back() {
    let db = common::temp_db();
    let roster = common::repo().join("sample-data/roster.csv");
    stdout(cli(&db).arg("import").arg(&roster));
    let out = db.dir.path().join("mentoring.csv");
    let said = stdout(
        cli(&db)
            .args([
                "template",
                "skills",
                "--framework",
                "Mentoring craft",
                "--out",
            ])
            .arg(&out),
    );
    assert!(said.contains("5 areas of Mentoring craft"), "{said}");
    // Fill it in as a user would: a rating in every area cell.
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    let mut filled = vec![header];
    let mut people = 0;
    for l in lines {
        let person = l.strip_suffix(",,,,,").unwrap_or_else(|| panic!("{l}"));
        filled.push(format!(
            "{person},Novice,Beginner,Intermediate,Advanced,Expert"
        ));
        people += 1;
    }
    let done = db.dir.path().join("mentoring-filled.csv");
    std::fs::write(&done, filled.join("\n") + "\n").unwrap();
    let report = stdout(cli(&db).args(["import", "--json"]).arg(&done));
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    let r = if v.is_array() { &v[0] } else { &v };
    assert_eq!(r["kind"], "skills", "{report}");
    assert_eq!(
        r["rows_imported"].as_u64().unwrap(),
        people as u64,
        "{report}"
    );
    assert_eq!(r["problems_total"].as_u64().unwrap(), 0, "{report}");
    cli(&db)
        .args(["template", "nothing", "--framework", "x", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicates::str::contains("there is no template"));
}
