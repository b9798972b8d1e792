//! `template skills`: the sheet written for each built-in framework (CSV
//! and workbook, wide and long) has the roster's people as rows and the framework's areas
//! as columns, keeps formula-looking names as text, and, once filled in,
//! imports as skill assessments with no mapping by hand.

mod common;

use std::path::Path;

use calamine::{Data, Reader};
use mentorscope::ingest::{self, ImportOptions, Kind};
use mentorscope::skills::{frameworks, template};

const ROSTER: &str = "Employee ID,Full Name,Work Email,Department,Hire Date,Termination Date\n\
E1,Ana Silva,ana@example.com,Data,3/1/2024,\n\
E2,=HYPERLINK(\"http://x\"),bo@example.com,Data,4/1/2024,\n\
E3,Cy Diaz,cy@example.com,Web,5/1/2024,\n\
E4,Di Left,di@example.com,Web,5/1/2024,6/1/2025\n";

fn store_with_roster(db: &common::TempDb) -> mentorscope::Store {
    let mut store = common::open(db);
    let p = db.dir.path().join("roster.csv");
    std::fs::write(&p, ROSTER).unwrap();
    ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    store
}

/// The label a test user picks for person `r`, area `c`.
fn pick(labels: &[&str], r: usize, c: usize) -> String {
    labels[(r + c) % labels.len()].to_string()
}

fn assessments(db: &common::TempDb) -> Vec<(String, String, String, f64, i64)> {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let mut stmt = conn
        .prepare("SELECT person, area, rater, value, scale_points FROM skill_assessments ORDER BY person, area")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn a_filled_csv_template_imports_without_mapping() {
    for f in frameworks::all() {
        let db = common::temp_db();
        let mut store = store_with_roster(&db);
        let out = db.dir.path().join("skills-template.csv");
        let n = template::write(&store, &f, &template::TemplateOptions::default(), &out).unwrap();
        // E4 has left: not on the sheet.
        assert_eq!(n, 3, "{}", f.id);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with('\u{FEFF}'));
        // The formula-looking name is kept as text.
        assert!(text.contains("'=HYPERLINK"), "{text}");
        let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
        let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
        let areas: Vec<&str> = f.areas.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(&header[5..], &areas[..], "{}", f.id);
        let mut filled = csv::Writer::from_writer(Vec::new());
        filled.write_record(&header).unwrap();
        for (r, rec) in rdr.records().enumerate() {
            let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
            for (c, a) in f.areas.iter().enumerate() {
                rec[5 + c] = pick(a.family.labels(), r, c);
            }
            filled.write_record(&rec).unwrap();
        }
        let filled_path = db.dir.path().join("skills-filled.csv");
        std::fs::write(&filled_path, filled.into_inner().unwrap()).unwrap();
        let report =
            ingest::import_file(&mut store, &filled_path, &ImportOptions::default()).unwrap();
        assert_eq!(report.kind, Kind::Skills, "{}", f.id);
        assert_eq!(
            (report.rows_imported, report.rows_skipped),
            (3, 0),
            "{}: {:?}",
            f.id,
            report.problems
        );
        assert_eq!(report.problems_total, 0, "{}: {:?}", f.id, report.problems);
        let got = assessments(&db);
        assert_eq!(got.len(), 3 * f.areas.len(), "{}", f.id);
        assert!(got.iter().all(|x| x.2 == "self"));
        let k = f.areas[0].family.labels().len() as i64;
        assert!(got
            .iter()
            .all(|x| x.4 == k && x.3 >= 1.0 && x.3 <= k as f64));
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn read_sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect()
}

#[test]
fn a_filled_workbook_template_imports_without_mapping_and_its_legend_is_skipped() {
    let db = common::temp_db();
    let mut store = store_with_roster(&db);
    let f = frameworks::find("interview-calibration").unwrap();
    let out = db.dir.path().join("calibration.xlsx");
    let opts = template::TemplateOptions {
        wave: "post".into(),
        rater: "mentor".into(),
        long: false,
    };
    template::write(&store, &f, &opts, &out).unwrap();
    let skills = read_sheet(&out, "Skills");
    let legend = read_sheet(&out, "Rating legend");
    assert_eq!(skills.len(), 4);
    assert_eq!(skills[0].len(), 5 + 20);
    assert_eq!(
        skills[2][1], "=HYPERLINK(\"http://x\")",
        "a string cell, not a formula"
    );
    assert!(legend
        .iter()
        .any(|r| r.first().map(String::as_str) == Some("Mediocre")));
    // The unfilled template is recognised; every row says it has no rating.
    let blank = ingest::import_file(
        &mut store,
        &out,
        &ImportOptions {
            dry_run: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (blank.kind, blank.rows_imported, blank.rows_skipped),
        (Kind::Skills, 0, 3)
    );

    // As a user fills it in: the same sheets, a label in every rating cell.
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [("Skills", &skills), ("Rating legend", &legend)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let v = if name == "Skills" && r > 0 && c >= 5 {
                    pick(f.areas[c - 5].family.labels(), r, c)
                } else {
                    v.clone()
                };
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
    }
    let filled = db.dir.path().join("calibration-filled.xlsx");
    wb.save(&filled).unwrap();
    let reports =
        ingest::import_file_sheets(&mut store, &filled, &ImportOptions::default(), &mut |_| {})
            .unwrap();
    assert_eq!(reports.len(), 1, "only the Skills sheet imports");
    let r = reports.into_iter().next().unwrap().unwrap();
    assert_eq!(r.kind, Kind::Skills);
    assert_eq!(
        (r.rows_imported, r.problems_total),
        (3, 0),
        "{:?}",
        r.problems
    );
    let legend_note = r
        .sheets
        .iter()
        .find(|n| n.sheet == "Rating legend")
        .unwrap();
    assert!(legend_note.skipped_because.is_some());
    let got = assessments(&db);
    assert_eq!(got.len(), 60);
    assert!(got.iter().all(|x| x.2 == "mentor" && x.4 == 3));
    assert!(got
        .iter()
        .any(|x| x.1 == "How do you approach debugging a production issue?"));
}

#[test]
fn an_empty_roster_gets_a_clear_message_not_an_empty_sheet() {
    let db = common::temp_db();
    let store = common::open(&db);
    let f = frameworks::find("Senior backend").unwrap();
    let err = template::write(
        &store,
        &f,
        &Default::default(),
        &db.dir.path().join("t.csv"),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("import the HR roster first"),
        "{err}"
    );
}

#[test]
fn a_filled_long_template_imports_without_mapping_as_csv_and_workbook() {
    let f = frameworks::find("mentoring-craft").unwrap();
    let labels = f.areas[0].family.labels();
    for ext in ["csv", "xlsx"] {
        let db = common::temp_db();
        let mut store = store_with_roster(&db);
        let out = db.dir.path().join(format!("long.{ext}"));
        let opts = template::TemplateOptions {
            long: true,
            ..Default::default()
        };
        let n = template::write(&store, &f, &opts, &out).unwrap();
        assert_eq!(n, 3 * 5, "{ext}");
        let rows: Vec<Vec<String>> = if ext == "csv" {
            let text = std::fs::read_to_string(&out).unwrap();
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
            rdr.records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect()
        } else {
            read_sheet(&out, "Skills")
        };
        assert_eq!(
            rows[0],
            [
                "Employee ID",
                "Name",
                "Wave",
                "Date",
                "Rater",
                "Skill area",
                "Rating"
            ],
            "{ext}"
        );
        assert_eq!(rows.len(), 16, "{ext}");
        // Fill the Rating column, as a user would, and write it back in
        // the same format.
        let filled: Vec<Vec<String>> = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let mut row = row.clone();
                row.resize(7, String::new());
                if r > 0 {
                    row[6] = pick(labels, r, 0);
                }
                row
            })
            .collect();
        let done = db.dir.path().join(format!("long-filled.{ext}"));
        if ext == "csv" {
            let mut w = csv::Writer::from_writer(Vec::new());
            for r in &filled {
                w.write_record(r).unwrap();
            }
            std::fs::write(&done, w.into_inner().unwrap()).unwrap();
        } else {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name("Skills").unwrap();
            for (r, row) in filled.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if !v.is_empty() {
                        ws.write_string(r as u32, c as u16, v).unwrap();
                    }
                }
            }
            wb.save(&done).unwrap();
        }
        let report = ingest::import_file(&mut store, &done, &ImportOptions::default()).unwrap();
        assert_eq!(report.kind, Kind::Skills, "{ext}");
        assert_eq!(
            (report.rows_imported, report.problems_total),
            (15, 0),
            "{ext}: {:?}",
            report.problems
        );
        let got = assessments(&db);
        assert_eq!(got.len(), 15, "{ext}");
        assert!(got.iter().all(|x| x.2 == "self" && x.4 == 5), "{ext}");
        assert!(got.iter().any(|x| x.1 == "Cross-functional alignment"));
    }
}
