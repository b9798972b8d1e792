//! Each bad file in `sample-data/invalid/` gets the message `EXPECTED.tsv`
//! states for it, naming the line and column where there is one; a refused
//! file leaves the database unchanged, and a file with bad rows still
//! imports its good ones.

mod common;

use mentorscope::ingest::{self, ImportOptions, Kind, Severity};

#[test]
fn every_invalid_file_gets_its_stated_message() {
    let dir = common::repo().join("sample-data/invalid");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let mut checked = 0;
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "malformed EXPECTED.tsv line: {line}");
        let (file, kind, at_line, column, message) = (cols[0], cols[1], cols[2], cols[3], cols[4]);
        let db = common::temp_db();
        let mut store = common::open(&db);
        ingest::import_file(
            &mut store,
            &common::sample("roster.csv"),
            &ImportOptions::default(),
        )
        .unwrap();
        let before = store.status().unwrap();
        let opts = ImportOptions {
            kind: (kind != "-").then(|| Kind::parse(kind).unwrap()),
            wave: Some("pre".into()),
            ..Default::default()
        };
        let path = dir.join(file);
        match ingest::import_file(&mut store, &path, &opts) {
            Err(e) => {
                let msg = e.to_string();
                assert!(
                    msg.contains(message),
                    "{file}: expected `{message}` in `{msg}`"
                );
                assert!(
                    msg.contains(file),
                    "{file}: the message must name the file: {msg}"
                );
                if at_line != "-" {
                    assert!(
                        msg.contains(&format!("line {at_line}")),
                        "{file}: expected line {at_line} in `{msg}`"
                    );
                }
                assert_eq!(
                    store.status().unwrap(),
                    before,
                    "{file}: a refused file must change nothing"
                );
            }
            Ok(report) => {
                let p = report
                    .problems
                    .iter()
                    .find(|p| p.reason.contains(message))
                    .unwrap_or_else(|| {
                        panic!("{file}: no problem says `{message}`: {:?}", report.problems)
                    });
                assert_eq!(
                    p.line.map(|l| l.to_string()).as_deref(),
                    Some(at_line),
                    "{file}: {p:?}"
                );
                if column != "-" {
                    assert_eq!(p.column.as_deref(), Some(column), "{file}: {p:?}");
                }
                // Skipped rows are counted and listed; the rest imported.
                let skipped = report
                    .problems
                    .iter()
                    .filter(|p| p.severity == Severity::Skipped)
                    .count() as u64;
                assert_eq!(report.rows_skipped, skipped, "{file}");
                assert_eq!(
                    report.rows_total,
                    report.rows_imported + report.rows_skipped + report.rows_duplicate,
                    "{file}"
                );
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 14);
}

#[test]
fn a_bad_row_does_not_stop_the_good_ones() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let path = common::repo().join("sample-data/invalid/roster-bad-dates.csv");
    let r = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    // The bad hire date is left empty and reported; both people are kept.
    assert_eq!(r.rows_imported, 2);
    assert_eq!(store.status().unwrap().people, 2);
}
