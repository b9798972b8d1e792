//! The repository's own synthetic survey-tool exports
//! (`tests/fixtures/vendor/`, written by its `generate.py`) get every check
//! `tests/real_exports.rs` makes on the real-export corpus, so a clone with
//! no corpus beside it still tests each vendor shape, encoding, delimiter
//! and refusal. Always runs.
//!
//! The expectations come from `expected.json`, which `generate.py` writes:
//! response counts read back with Python's csv module, independently of
//! Mentorscope's reader; shapes, encodings and delimiters as each file was
//! written.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use mentorscope::ingest::{self, ImportOptions, Kind};
use serde_json::Value;

fn vendor_dir() -> PathBuf {
    common::repo().join("tests/fixtures/vendor")
}

/// Files that are not fixtures.
const NOT_FIXTURES: &[&str] = &["generate.py", "expected.json", "README.md"];

fn expected() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(vendor_dir().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(vendor_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !NOT_FIXTURES.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

fn as_json<T: serde::Serialize>(x: T) -> String {
    serde_json::to_value(x)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn str_of<'a>(e: &'a Value, key: &str) -> Option<&'a str> {
    e.get(key).and_then(Value::as_str)
}

#[test]
fn every_fixture_has_an_expectation_and_every_expectation_a_fixture() {
    let names = fixture_names();
    let listed: Vec<String> = expected().keys().cloned().collect();
    assert_eq!(names, listed, "run tests/fixtures/vendor/generate.py");
    // Every vendor shape the importer knows is represented.
    let exp = expected();
    let shapes: std::collections::BTreeSet<&str> =
        exp.values().filter_map(|e| str_of(e, "shape")).collect();
    for s in [
        "qualtrics",
        "qualtrics_legacy",
        "survey_monkey",
        "google_forms",
        "microsoft_forms",
        "plain",
    ] {
        assert!(shapes.contains(s), "no fixture of shape {s}");
    }
}

#[test]
fn every_vendor_file_imports_with_its_shape_or_is_refused_clearly() {
    let mut imported = 0;
    let mut refused = 0;
    for (name, e) in expected() {
        let path = vendor_dir().join(&name);
        let db = common::temp_db();
        let mut store = common::open(&db);
        let result = ingest::import_file(&mut store, &path, &ImportOptions::default());
        match str_of(&e, "refused") {
            None => {
                let report = result.unwrap_or_else(|err| panic!("{name} should import: {err}"));
                let rows = e["responses"].as_u64().unwrap();
                assert_eq!(report.kind, Kind::Survey, "{name}");
                assert_eq!(as_json(report.shape), e["shape"], "{name}");
                assert_eq!(report.encoding, e["encoding"], "{name}");
                assert_eq!(report.delimiter, e["delimiter"], "{name}");
                assert_eq!(
                    report.rows_imported,
                    rows,
                    "{name}: {:?}",
                    report.problems.first()
                );
                assert_eq!(report.rows_skipped, 0, "{name}: {:?}", report.problems);
                assert_eq!(
                    store.status().unwrap().survey_responses as u64,
                    rows,
                    "{name}"
                );
                // Importing the same file again changes nothing and says so.
                let again = ingest::import_file(&mut store, &path, &ImportOptions::default())
                    .unwrap_or_else(|err| panic!("{name} re-import: {err}"));
                assert_eq!(again.already_imported_as, report.import_id, "{name}");
                assert_eq!(
                    store.status().unwrap().survey_responses as u64,
                    rows,
                    "{name}"
                );
                imported += 1;
            }
            Some(code) => {
                let err = result
                    .err()
                    .unwrap_or_else(|| panic!("{name} should be refused"));
                let msg = err.to_string();
                assert_eq!(as_json(err.code()), code, "{name}: {msg}");
                assert!(
                    msg.contains(&name),
                    "{name}: message should name the file: {msg}"
                );
                assert!(
                    msg.len() > name.len() + 30,
                    "{name}: message should say why: {msg}"
                );
                let status = store.status().unwrap();
                assert!(
                    status.imports.is_empty() && status.survey_responses == 0,
                    "{name}: a refused file must leave nothing behind"
                );
                refused += 1;
            }
        }
    }
    // Nothing was left out: every fixture went through one of the arms above.
    assert_eq!(imported + refused, fixture_names().len());
    assert!(
        imported >= 10,
        "survey-shaped fixtures imported: {imported}"
    );
    assert!(
        refused >= 20,
        "edge cases and non-tables refused: {refused}"
    );
}

#[test]
fn encodings_and_delimiters_are_recognised_and_text_decodes() {
    for (name, e) in expected() {
        let (Some(enc), Some(delim)) = (str_of(&e, "encoding"), str_of(&e, "delimiter")) else {
            continue;
        };
        let pv = ingest::preview(&vendor_dir().join(&name))
            .unwrap_or_else(|err| panic!("{name}: preview: {err}"));
        assert_eq!(pv.encoding, enc, "{name}");
        assert_eq!(pv.delimiter, delim, "{name}");
        // Decoded, not merely named: no replacement characters in what the
        // preview shows.
        for row in &pv.sample_rows {
            for cell in row {
                assert!(!cell.contains('\u{FFFD}'), "{name}: garbled cell {cell:?}");
            }
        }
    }
    // Letters that only decode right in the right encoding.
    let cells = |name: &str| -> String {
        let pv = ingest::preview(&vendor_dir().join(name)).unwrap();
        let mut all = pv.columns.join("|");
        for r in pv.sample_rows {
            all.push('|');
            all.push_str(&r.join("|"));
        }
        all
    };
    let ms = cells("microsoft-forms-cp1252.csv");
    assert!(ms.contains("Zürich") && ms.contains("Montréal"), "{ms}");
    assert!(ms.contains("My mentor’s advice"), "{ms}");
    let sx = cells("surveyxact-semicolon-ansi.csv");
    assert!(
        sx.contains("Tromsø") && sx.contains("entreprenørskap"),
        "{sx}"
    );
    assert_eq!(sx, cells("surveyxact-tab-utf16le.csv"));
    assert!(cells("edge-latin1.csv").contains("© 2025"));
    assert!(cells("edge-utf16le-comma.csv").contains('é'));
}

#[test]
fn qualtrics_three_row_header_uses_the_localised_question_text() {
    let pv = ingest::preview(&vendor_dir().join("qualtrics-3row-localised.csv")).unwrap();
    assert_eq!(as_json(pv.shape), "qualtrics");
    assert!(
        pv.columns.iter().any(|c| c == "Antwort-ID"),
        "{:?}",
        pv.columns
    );
    assert!(
        pv.columns
            .iter()
            .any(|c| c == "Meine Mentorin hilft mir weiter - Ich lerne schneller"),
        "{:?}",
        pv.columns
    );
    // The ImportId row is a header, not a response.
    assert!(pv
        .sample_rows
        .iter()
        .all(|r| r.iter().all(|c| !c.contains("ImportId"))));
}

#[test]
fn plain_survey_exports_import_when_the_kind_is_given() {
    for (name, e) in expected() {
        if e.get("imports_as_survey").and_then(Value::as_bool) != Some(true) {
            continue;
        }
        let db = common::temp_db();
        let mut store = common::open(&db);
        let opts = ImportOptions {
            kind: Some(Kind::Survey),
            wave: Some("pre".into()),
            ..Default::default()
        };
        let r = ingest::import_file(&mut store, &vendor_dir().join(&name), &opts)
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(r.rows_imported, e["responses"].as_u64().unwrap(), "{name}");
        assert_eq!(r.rows_skipped, 0, "{name}");
        assert_eq!(r.wave.as_deref(), Some("pre"));
    }
}

/// The committed files are exactly what `generate.py` writes. Needs a
/// Python 3; without one the check is skipped with a line saying so.
#[test]
fn committed_fixtures_are_the_generators_output() {
    let python = ["python3", "python"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| {
                o.status.success() && String::from_utf8_lossy(&o.stdout).contains("Python 3")
            })
    });
    let Some(python) = python else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: committed_fixtures_are_the_generators_output: no Python 3 on PATH"
        );
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(python)
        .arg(vendor_dir().join("generate.py"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut compared = 0;
    for name in fixture_names()
        .iter()
        .map(String::as_str)
        .chain(["expected.json"])
    {
        let fresh = std::fs::read(out.path().join(name)).unwrap();
        let committed = std::fs::read(vendor_dir().join(name)).unwrap();
        assert!(
            fresh == committed,
            "{name} differs from generate.py's output (a checkout that rewrote line ends? see .gitattributes)"
        );
        compared += 1;
    }
    assert_eq!(compared, fixture_names().len() + 1);
    assert_eq!(
        common::files_under(out.path()).len(),
        compared,
        "generate.py writes a file that is not committed"
    );
}
