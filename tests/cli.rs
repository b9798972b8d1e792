//! The `mentorscope` command line as a user meets it: JSON shapes, plain
//! error messages with a non-zero exit (never a panic or backtrace), and a
//! README that documents every subcommand.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn cli(db: &common::TempDb) -> Command {
    let mut c = Command::cargo_bin("mentorscope").unwrap();
    c.arg("--db").arg(&db.path);
    c
}

#[test]
fn status_json_has_the_documented_keys() {
    let db = common::temp_db();
    let out = cli(&db)
        .args(["status", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for key in [
        "people",
        "pairings",
        "meetings",
        "survey_responses",
        "milestones",
        "team_metric_rows",
        "imports",
    ] {
        assert!(v.get(key).is_some(), "status --json lacks `{key}`: {v}");
    }
    assert!(v["imports"].is_array());
}

#[test]
fn import_then_status_then_undo() {
    let db = common::temp_db();
    let roster = db.dir.path().join("roster.csv");
    std::fs::write(&roster, "Employee ID,Work Email,Hire Date\nE1,a@example.com,2024-01-02\nE2,b@example.com,2024-02-03\n").unwrap();
    cli(&db)
        .arg("import")
        .arg(&roster)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 rows: 2 imported, 0 skipped"));
    let out = cli(&db)
        .args(["status", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["people"], 2);
    let id = v["imports"][0]["id"].as_i64().unwrap();
    cli(&db).args(["undo", &id.to_string()]).assert().success();
    let out = cli(&db)
        .args(["status", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["people"], 0);
}

#[test]
fn errors_are_sentences_with_a_nonzero_exit() {
    let db = common::temp_db();
    let missing = db.dir.path().join("nope.csv");
    cli(&db)
        .arg("import")
        .arg(&missing)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("nope.csv").and(predicate::str::contains("panicked").not()),
        );
    cli(&db)
        .args(["undo", "99"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("there is no import #99"));
    cli(&db)
        .args(["import", "--kind", "spreadsheet", "x.csv"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown kind `spreadsheet`"));
}

#[test]
fn refused_file_in_a_batch_does_not_stop_the_others() {
    let db = common::temp_db();
    let good = db.dir.path().join("roster.csv");
    std::fs::write(
        &good,
        "Employee ID,Work Email,Hire Date\nE1,a@example.com,2024-01-02\n",
    )
    .unwrap();
    let bad = db.dir.path().join("photo.csv");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n").unwrap();
    cli(&db)
        .arg("import")
        .arg(&bad)
        .arg(&good)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1 rows: 1 imported"))
        .stderr(predicate::str::contains("photo.csv: this is a PNG image"));
}

#[test]
fn readme_documents_every_subcommand() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let help = Command::cargo_bin("mentorscope")
        .unwrap()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(help).unwrap();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 4, "{help}");
    for c in commands {
        assert!(
            readme.contains(&format!("mentorscope {c}")),
            "README does not document `mentorscope {c}`"
        );
    }
}

/// `mentorscope status --json | head -c 0`: the reader is gone before the
/// first byte is written. The command must end without a panic message
/// (Rust's default is to panic in `println!` on a closed pipe), the way
/// other command-line tools do, and the database must be left usable.
#[cfg(unix)]
#[test]
fn a_closed_output_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;

    let db = common::temp_db();
    for args in [
        vec!["status", "--json"],
        vec!["status"],
        vec!["import", "--dry-run", "sample-data/roster.csv"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("mentorscope"))
            .arg("--db")
            .arg(&db.path)
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?} on a closed pipe printed: {stderr}"
        );
        // Ended by SIGPIPE (as `cat` or `grep` are), or finished cleanly.
        assert!(
            out.status.signal() == Some(13) || out.status.success(),
            "{args:?} on a closed pipe: {:?}",
            out.status
        );
    }
    cli(&db).args(["status", "--json"]).assert().success();
}

/// Two decimals as the CLI writes them (a true minus sign).
fn two(x: f64) -> String {
    let s = format!("{:.2}", x.abs());
    if x < 0.0 {
        format!("−{s}")
    } else {
        s
    }
}

#[test]
fn analyze_prints_raw_beside_like_for_like_the_waves_in_order_and_the_cohorts() {
    let db = common::temp_db();
    let mut import = cli(&db);
    import.arg("import");
    for (name, _) in mentorscope::sample::FILES {
        import.arg(common::repo().join("sample-data").join(name));
    }
    import.assert().success();
    let json: serde_json::Value = serde_json::from_slice(
        &cli(&db)
            .args(["analyze", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let text = String::from_utf8(
        cli(&db)
            .arg("analyze")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    // Each hazard ratio on one line: raw first, then like for like.
    for (label, key) in [
        ("Ramp-up (hazard ratio)", "ramp_up"),
        ("Retention (hazard ratio)", "retention"),
    ] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in:\n{text}"));
        let raw = two(json[key]["unadjusted"]["hazard_ratio"].as_f64().unwrap());
        let adj = two(json[key]["adjusted"]["hazard_ratio"].as_f64().unwrap());
        let (r, a) = (line.find(&raw), line.rfind(&adj));
        assert!(
            matches!((r, a), (Some(r), Some(a)) if r < a),
            "{label}: raw {raw} then adjusted {adj} in {line:?}"
        );
    }
    // Waves in time order, each with its mean.
    let waves = json["waves"].as_array().unwrap();
    let mut at = 0;
    for w in waves {
        let name = w["wave"].as_str().unwrap();
        let line = text[at..]
            .lines()
            .find(|l| {
                l.trim_start().starts_with(name) && l.contains(w["median_date"].as_str().unwrap())
            })
            .unwrap_or_else(|| panic!("wave {name} missing or out of order"));
        if let Some(m) = w["mean"].as_f64() {
            assert!(line.contains(&two(m)), "{line}");
        }
        at = text.find(line).unwrap() + line.len();
    }
    // Every cohort with its mentees, its satisfaction or "hidden", and the
    // Kruskal–Wallis p where the analysis has one (two shown rows).
    match json["cohorts_kruskal_p"].as_f64() {
        Some(_) => assert!(text.contains("Cohorts (Kruskal–Wallis"), "{text}"),
        None => assert!(text.contains("\nCohorts\n"), "{text}"),
    }
    for c in json["cohorts"].as_array().unwrap() {
        let name = c["cohort"].as_str().unwrap();
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no cohort {name}"));
        assert!(line.contains(&c["mentees"].to_string()), "{line}");
        match c["after_mean"].as_f64() {
            Some(m) => assert!(line.contains(&two(m)), "{line}"),
            None => assert!(line.contains("hidden"), "{line}"),
        }
    }
}
