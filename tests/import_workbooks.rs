//! Workbooks in: every kind and every cell case from workbooks made here
//! with `rust_xlsxwriter` (patched where it cannot write a case itself:
//! error cells, the 1904 date system, a formula with no saved result), the
//! sample program converted by LibreOffice (`tests/fixtures/workbooks/`),
//! and each bad workbook refused in words with the database unchanged.
//!
//! Expected values are the ones written into the workbook, not the
//! importer's output; dates in serial form are checked against Python's
//! `datetime(1899, 12, 30) + timedelta(days=n)` (1900 system) and
//! `datetime(1904, 1, 1) + timedelta(days=n)` (1904 system).

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use mentorscope::analysis::{self, AnalysisOptions};
use mentorscope::ingest::{self, ImportOptions, Kind, Shape};
use mentorscope::Store;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Rewrites parts of a zip (an `.xlsx`): `(part, from, to)` text edits.
fn patch_zip(bytes: &[u8], edits: &[(&str, &str, &str)], extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        for (part, from, to) in edits {
            if *part == name {
                let text = String::from_utf8(data.clone()).unwrap();
                assert!(text.contains(from), "{name} lacks {from}:\n{text}");
                data = text.replacen(from, to, 1).into_bytes();
            }
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    for (name, data) in extra {
        out.start_file(*name, opts).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn date(y: u16, m: u8, d: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(y, m, d).unwrap()
}

/// One workbook with a sheet of every kind, a hidden sheet and an empty one.
fn program_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let dfmt = Format::new().set_num_format("yyyy-mm-dd");
    {
        let ws = wb.add_worksheet().set_name("Pairings").unwrap();
        for (c, h) in ["Mentor Email", "Mentee Email", "Cohort", "Start Date"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "ana@example.com").unwrap();
        ws.write_string(1, 1, "bo@example.com").unwrap();
        ws.write_string(1, 2, "Spring").unwrap();
        ws.write_datetime_with_format(1, 3, date(2025, 1, 6), &dfmt)
            .unwrap();
        ws.write_string(2, 0, "cy@example.com").unwrap();
        ws.write_string(2, 1, "di@example.com").unwrap();
        ws.write_string(2, 2, "Spring").unwrap();
        ws.write_datetime_with_format(2, 3, date(2025, 1, 8), &dfmt)
            .unwrap();
    }
    {
        let ws = wb.add_worksheet().set_name("Roster").unwrap();
        for (c, h) in [
            "Employee ID",
            "Full Name",
            "Work Email",
            "Department",
            "Hire Date",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, (id, name, email, team)) in [
            ("E1", "Ana Silva", "ana@example.com", "Data"),
            ("E2", "Bo Chen", "bo@example.com", "Data"),
            ("E3", "Cy Diaz", "cy@example.com", "Web"),
            ("E4", "Di Eto", "di@example.com", "Web"),
        ]
        .iter()
        .enumerate()
        {
            let r = r as u32 + 1;
            ws.write_string(r, 0, *id).unwrap();
            ws.write_string(r, 1, *name).unwrap();
            ws.write_string(r, 2, *email).unwrap();
            ws.write_string(r, 3, *team).unwrap();
            ws.write_datetime_with_format(r, 4, date(2024, 1, 2 + r as u8), &dfmt)
                .unwrap();
        }
    }
    {
        let ws = wb.add_worksheet().set_name("Meetings").unwrap();
        for (c, h) in [
            "Meeting Date",
            "Mentor",
            "Mentee",
            "Duration (min)",
            "Topics",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let tfmt = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        for r in 1..=3u32 {
            let when = ExcelDateTime::from_ymd(2025, 2, r as u8)
                .unwrap()
                .and_hms(13, 15, 0)
                .unwrap();
            ws.write_datetime_with_format(r, 0, when, &tfmt).unwrap();
            ws.write_string(r, 1, "ana@example.com").unwrap();
            ws.write_string(r, 2, "bo@example.com").unwrap();
            ws.write_number(r, 3, 45.0).unwrap();
            ws.write_string(r, 4, "Career").unwrap();
        }
    }
    {
        let ws = wb.add_worksheet().set_name("Milestones").unwrap();
        for (c, h) in ["Employee ID", "Milestone", "Date"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "E2").unwrap();
        ws.write_string(1, 1, "first PR").unwrap();
        ws.write_datetime_with_format(1, 2, date(2025, 2, 10), &dfmt)
            .unwrap();
    }
    {
        let ws = wb.add_worksheet().set_name("Team metrics").unwrap();
        for (c, h) in [
            "Team",
            "Week Start",
            "Deployments",
            "Incidents",
            "MTTR (hours)",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..=2u32 {
            ws.write_string(r, 0, "Data").unwrap();
            ws.write_datetime_with_format(r, 1, date(2025, 1, 6 + 7 * (r as u8 - 1)), &dfmt)
                .unwrap();
            ws.write_number(r, 2, 10.0 + r as f64).unwrap();
            ws.write_number(r, 3, 1.0).unwrap();
            ws.write_number(r, 4, 2.5).unwrap();
        }
    }
    {
        // Microsoft Forms' own columns.
        let ws = wb.add_worksheet().set_name("Form1").unwrap();
        for (c, h) in [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "I feel supported by my mentor",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let tfmt = Format::new().set_num_format("m/d/yy h:mm:ss");
        for (r, answer) in ["Agree", "Strongly agree", "Neutral", "Agree", "Disagree"]
            .iter()
            .enumerate()
        {
            let r = r as u32 + 1;
            ws.write_number(r, 0, r as f64).unwrap();
            let t = ExcelDateTime::from_ymd(2025, 3, 3)
                .unwrap()
                .and_hms(9, r as u8, 0)
                .unwrap();
            ws.write_datetime_with_format(r, 1, &t, &tfmt).unwrap();
            ws.write_datetime_with_format(r, 2, &t, &tfmt).unwrap();
            ws.write_string(r, 3, format!("p{r}@example.com")).unwrap();
            ws.write_string(r, 4, "anonymous").unwrap();
            ws.write_string(r, 5, *answer).unwrap();
        }
    }
    {
        let ws = wb.add_worksheet().set_name("Old roster").unwrap();
        ws.write_string(0, 0, "Employee ID").unwrap();
        ws.write_string(0, 1, "Work Email").unwrap();
        ws.write_string(0, 2, "Full Name").unwrap();
        ws.write_string(1, 0, "E9").unwrap();
        ws.write_string(1, 1, "zed@example.com").unwrap();
        ws.write_string(1, 2, "Zed Ward").unwrap();
        ws.set_hidden(true);
    }
    wb.add_worksheet().set_name("Notes").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn every_kind_imports_from_one_workbook_sheet_by_sheet() {
    let db = common::temp_db();
    let path = write(db.dir.path(), "program-pre.xlsx", &program_workbook());
    let mut store = common::open(&db);
    let results =
        ingest::import_file_sheets(&mut store, &path, &ImportOptions::default(), &mut |_| {})
            .unwrap();
    let reports: Vec<_> = results.into_iter().map(|r| r.unwrap()).collect();
    let got: Vec<(String, Kind, u64)> = reports
        .iter()
        .map(|r| (r.sheet.clone().unwrap(), r.kind, r.rows_imported))
        .collect();
    // Roster first, whatever the sheet order, so the others resolve.
    assert_eq!(
        got,
        [
            ("Roster".to_string(), Kind::Roster, 4),
            ("Pairings".to_string(), Kind::Pairings, 2),
            ("Meetings".to_string(), Kind::Meetings, 3),
            ("Milestones".to_string(), Kind::Milestones, 1),
            ("Form1".to_string(), Kind::Survey, 5),
            ("Team metrics".to_string(), Kind::TeamMetrics, 2),
        ]
    );
    let survey = reports.iter().find(|r| r.kind == Kind::Survey).unwrap();
    assert_eq!(survey.shape, Shape::MicrosoftForms);
    assert_eq!(survey.wave.as_deref(), Some("pre"));
    // The hidden and the empty sheet are skipped, and said so.
    let why = |s: &str| {
        reports[0]
            .sheets
            .iter()
            .find(|n| n.sheet == s)
            .and_then(|n| n.skipped_because.clone())
            .unwrap_or_default()
    };
    assert_eq!(why("Old roster"), "it is hidden");
    assert_eq!(why("Notes"), "it is empty");
    for r in &reports {
        assert_eq!(r.problems_total, 0, "{:?}: {:?}", r.sheet, r.problems);
    }
    let status = store.status().unwrap();
    assert_eq!((status.people, status.pairings, status.meetings), (4, 2, 3));
    assert_eq!(status.imports.len(), 6);
    assert!(status.imports.iter().all(|i| i.sheet.is_some()));
    let stored: String = status.imports[2].sheet.clone().unwrap();
    assert_eq!(stored, "Meetings");

    // Same bytes again: every sheet says it was imported already.
    let again =
        ingest::import_file_sheets(&mut store, &path, &ImportOptions::default(), &mut |_| {})
            .unwrap();
    for r in again {
        assert!(r.unwrap().already_imported_as.is_some());
    }
    assert_eq!(store.status().unwrap(), status);

    // Undo of one sheet leaves the others.
    store.undo(status.imports[2].id).unwrap();
    assert_eq!(store.status().unwrap().meetings, 0);
    assert_eq!(store.status().unwrap().pairings, 2);
}

#[test]
fn one_sheet_is_chosen_by_name_and_an_unknown_name_lists_the_sheets() {
    let db = common::temp_db();
    let path = write(db.dir.path(), "program.xlsx", &program_workbook());
    let mut store = common::open(&db);
    let opts = ImportOptions {
        sheet: Some("Roster".into()),
        ..Default::default()
    };
    let r = ingest::import_file_sheets(&mut store, &path, &opts, &mut |_| {}).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].as_ref().unwrap().rows_imported, 4);
    // A hidden sheet chosen by name is imported.
    let opts = ImportOptions {
        sheet: Some("Old roster".into()),
        ..Default::default()
    };
    let r = ingest::import_file(&mut store, &path, &opts).unwrap();
    assert_eq!((r.kind, r.rows_imported), (Kind::Roster, 1));
    let opts = ImportOptions {
        sheet: Some("Nope".into()),
        ..Default::default()
    };
    let before = store.status().unwrap();
    let msg = ingest::import_file(&mut store, &path, &opts)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("no sheet named “Nope”") && msg.contains("Pairings, Roster, Meetings"),
        "{msg}"
    );
    assert_eq!(store.status().unwrap(), before);
}

/// A roster as HR systems export it, with every cell case of the issue.
fn awkward_roster() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("HR export").unwrap();
    // A title block above the header.
    ws.write_string(0, 0, "Headcount report").unwrap();
    ws.write_string(1, 0, "Generated 2025-03-01 by Workday")
        .unwrap();
    // Header on row 4, with "Department" merged over two columns.
    let headers = [
        "Employee ID",
        "Full Name",
        "Work Email",
        "Department",
        "",
        "Hire Date",
        "Active",
        "Salary band",
    ];
    for (c, h) in headers.iter().enumerate() {
        if !h.is_empty() {
            ws.write_string(3, c as u16, *h).unwrap();
        }
    }
    ws.merge_range(3, 3, 3, 4, "Department", &Format::new())
        .unwrap();
    let dfmt = Format::new().set_num_format("dd/mm/yyyy");
    // Row 5: numbers stored as text keep their zeros; a name with a line break.
    ws.write_string(4, 0, "00042").unwrap();
    ws.write_string(4, 1, "Ana\nSilva").unwrap();
    ws.write_string(4, 2, "ana@example.com").unwrap();
    ws.write_string(4, 3, "Data").unwrap();
    ws.write_string(4, 4, "Platform").unwrap();
    ws.write_datetime_with_format(4, 5, date(2024, 1, 31), &dfmt)
        .unwrap();
    ws.write_boolean(4, 6, true).unwrap();
    ws.write_number(4, 7, 3.0).unwrap();
    // Row 6: a date cell formatted as text; a formula with its cached value.
    ws.write_number(5, 0, 43.0).unwrap();
    ws.write_string(5, 1, "Bo Chen").unwrap();
    ws.write_formula(
        5,
        2,
        Formula::new("=LOWER(\"BO@EXAMPLE.COM\")").set_result("bo@example.com"),
    )
    .unwrap();
    ws.write_string(5, 3, "Web").unwrap();
    ws.write_string(5, 5, "2024-02-29").unwrap();
    ws.write_boolean(5, 6, false).unwrap();
    // Row 7: an error cell in Department (rust_xlsxwriter writes an error
    // result as Excel does, `t="e"`) and a formula with no saved result in
    // Salary band (its `<v>` removed below).
    ws.write_string(6, 0, "E44").unwrap();
    ws.write_string(6, 1, "Cy Diaz").unwrap();
    ws.write_string(6, 2, "cy@example.com").unwrap();
    ws.write_formula(6, 3, Formula::new("=NA()").set_result("#N/A"))
        .unwrap();
    ws.write_datetime_with_format(6, 5, date(2023, 12, 1), &dfmt)
        .unwrap();
    ws.write_formula(6, 7, Formula::new("=1+2").set_result("PLACEHOLDER"))
        .unwrap();
    // Trailing empty, formatted rows and columns.
    let blank = Format::new().set_bold();
    ws.write_blank(20, 12, &blank).unwrap();
    ws.write_blank(9, 0, &blank).unwrap();
    wb.save_to_buffer().unwrap()
}

fn patched_roster() -> Vec<u8> {
    let raw = awkward_roster();
    patch_zip(
        &raw,
        &[("xl/worksheets/sheet1.xml", "<v>PLACEHOLDER</v>", "")],
        &[],
    )
}

#[test]
fn cells_are_read_as_excel_shows_them_and_problems_name_their_cell() {
    let db = common::temp_db();
    let path = write(db.dir.path(), "hr.xlsx", &patched_roster());
    let mut store = common::open(&db);
    let r = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!(
        (r.kind, r.rows_total, r.rows_imported),
        (Kind::Roster, 3, 3)
    );
    let cols: Vec<&str> = r.columns.iter().map(|c| c.column.as_str()).collect();
    assert_eq!(
        cols,
        [
            "Employee ID",
            "Full Name",
            "Work Email",
            "Department",
            "Department (2)",
            "Hire Date",
            "Active",
            "Salary band"
        ]
    );
    type Person = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let people: Vec<Person> = {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        let mut s = conn
            .prepare("SELECT person_id, name, email, team, hire_date FROM people ORDER BY rowid")
            .unwrap();
        s.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(|x| x.unwrap())
        .collect()
    };
    assert_eq!(
        people,
        [
            (
                "00042".into(),
                Some("Ana\nSilva".into()),
                Some("ana@example.com".into()),
                Some("Data".into()),
                Some("2024-01-31".into())
            ),
            (
                "43".into(),
                Some("Bo Chen".into()),
                Some("bo@example.com".into()),
                Some("Web".into()),
                Some("2024-02-29".into())
            ),
            (
                "E44".into(),
                Some("Cy Diaz".into()),
                Some("cy@example.com".into()),
                None,
                Some("2023-12-01".into())
            ),
        ]
    );
    let places: Vec<(Option<String>, Option<u64>, String)> = store
        .problems(r.import_id.unwrap())
        .unwrap()
        .into_iter()
        .map(|p| (p.place, p.line, p.reason))
        .collect();
    assert_eq!(places.len(), 2, "{places:?}");
    assert_eq!(places[0].0.as_deref(), Some("'HR export'!D7"));
    assert_eq!(places[0].1, Some(7));
    assert!(places[0].2.contains("#N/A"), "{places:?}");
    assert_eq!(places[1].0.as_deref(), Some("'HR export'!H7"));
    assert!(places[1].2.contains("no saved result"), "{places:?}");
}

#[test]
fn the_1904_date_system_and_excels_29_february_1900() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Roster").unwrap();
    for (c, h) in ["Employee ID", "Work Email", "Hire Date"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let dfmt = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(1, 0, "E1").unwrap();
    ws.write_string(1, 1, "a@example.com").unwrap();
    // Serial 44196: 2020-12-31 in the 1900 system, 2025-01-01 in 1904.
    ws.write_number_with_format(1, 2, 44196.0, &dfmt).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let db = common::temp_db();
    let mut store = common::open(&db);
    let p1900 = write(db.dir.path(), "r1900.xlsx", &bytes);
    let p1904 = write(
        db.dir.path(),
        "r1904.xlsx",
        &patch_zip(
            &bytes,
            &[(
                "xl/workbook.xml",
                "<workbookPr",
                "<workbookPr date1904=\"1\"",
            )],
            &[],
        ),
    );
    let hire = |store: &Store| -> String {
        store.status().unwrap();
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.query_row(
            "SELECT hire_date FROM people ORDER BY rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    ingest::import_file(&mut store, &p1900, &ImportOptions::default()).unwrap();
    assert_eq!(hire(&store), "2020-12-31");
    ingest::import_file(&mut store, &p1904, &ImportOptions::default()).unwrap();
    assert_eq!(hire(&store), "2025-01-01");
    let (t, why) = ingest::workbook::serial_text(60.0, false);
    assert_eq!(t, "1900-02-29");
    assert!(why.is_some());
}

#[test]
fn the_sample_program_as_xlsx_xls_and_ods_gives_the_same_analysis_as_the_csvs() {
    let analyse = |files: Vec<PathBuf>| {
        let db = common::temp_db();
        let mut store = common::open(&db);
        for (p, r) in ingest::import_files(&mut store, &files, &ImportOptions::default()) {
            let r = r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            assert_eq!(r.rows_skipped, 0, "{}", p.display());
        }
        let a = analysis::analyze(&store, &AnalysisOptions::default()).unwrap();
        (serde_json::to_value(&a).unwrap(), store.status().unwrap())
    };
    let names = [
        "roster",
        "pairings",
        "meetings",
        "milestones",
        "survey-pre",
        "survey-3-month",
        "survey-post",
        "survey-12-month",
        "team-metrics",
    ];
    let (csv, csv_status) = analyse(
        names
            .iter()
            .map(|n| common::sample(&format!("{n}.csv")))
            .collect(),
    );
    for ext in ["xlsx", "xls", "ods"] {
        let dir = common::repo().join("tests/fixtures/workbooks").join(ext);
        let (book, status) = analyse(
            names
                .iter()
                .map(|n| dir.join(format!("{n}.{ext}")))
                .collect(),
        );
        assert_eq!(status.people, csv_status.people, "{ext}");
        assert_eq!(status.meetings, csv_status.meetings, "{ext}");
        assert_eq!(
            status.survey_responses, csv_status.survey_responses,
            "{ext}"
        );
        assert_eq!(
            book, csv,
            "analyze --json from the {ext} files differs from the CSVs'"
        );
    }
}

#[test]
fn surveymonkey_and_qualtrics_workbooks_keep_their_header_rows() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Sheet").unwrap();
    let row1 = [
        "Respondent ID",
        "Collector ID",
        "How much do you agree?",
        "",
        "Why?",
    ];
    let row2 = [
        "",
        "",
        "I feel supported",
        "I am growing",
        "Open-Ended Response",
    ];
    for (c, h) in row1.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.merge_range(0, 2, 0, 3, "How much do you agree?", &Format::new())
        .unwrap();
    for (c, h) in row2.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for r in 2..8u32 {
        ws.write_number(r, 0, 1000.0 + r as f64).unwrap();
        ws.write_number(r, 1, 7.0).unwrap();
        ws.write_string(r, 2, "Agree").unwrap();
        ws.write_string(r, 3, "Strongly agree").unwrap();
        ws.write_string(r, 4, "because\nreasons").unwrap();
    }
    let db = common::temp_db();
    let path = write(
        db.dir.path(),
        "pulse-post.xlsx",
        &wb.save_to_buffer().unwrap(),
    );
    let mut store = common::open(&db);
    let r = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!(
        (r.kind, r.shape, r.rows_imported),
        (Kind::Survey, Shape::SurveyMonkey, 6)
    );
    let likert: Vec<&str> = r
        .columns
        .iter()
        .filter(|c| c.used_as == "likert")
        .map(|c| c.column.as_str())
        .collect();
    assert_eq!(likert, ["I feel supported", "I am growing"]);
}

/// Each bad workbook: its message, and nothing written.
#[test]
fn bad_workbooks_are_refused_in_words_and_change_nothing() {
    let db = common::temp_db();
    let dir = db.dir.path();
    let good = program_workbook();
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    bomb.start_file("xl/workbook.xml", opts).unwrap();
    bomb.write_all(b"<workbook/>").unwrap();
    bomb.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..24 {
        bomb.write_all(&zeros).unwrap();
    }
    let bomb = bomb.finish().unwrap().into_inner();
    let fixtures = common::repo().join("tests/fixtures/workbooks/bad");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.xlsx", good[..good.len() / 2].to_vec(), "damaged or cut short"),
        ("bomb.xlsx", bomb, "zip bomb"),
        ("page.xlsx", b"<!DOCTYPE html><html><body><table><tr><td>Employee ID</td></tr></table></body></html>".to_vec(), "really a web page (HTML)"),
        ("page.xls", b"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><table><tr><td>x</td></tr></table></body></html>".to_vec(), "really a web page (HTML)"),
        ("xml2003.xls", b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"Sheet1\"><Table><Row><Cell><Data ss:Type=\"String\">Employee ID</Data></Cell></Row></Table></Worksheet></Workbook>".to_vec(), "XML Spreadsheet 2003"),
        ("archive.xlsx", {
            let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            z.start_file("notes.txt", opts).unwrap();
            z.write_all(b"hello").unwrap();
            z.finish().unwrap().into_inner()
        }, "zip archive, not a workbook"),
        ("encrypted.xlsx", std::fs::read(fixtures.join("encrypted.xlsx")).unwrap(), "protected with a password"),
        ("crosstab.xlsx", std::fs::read(fixtures.join("crosstab.xlsx")).unwrap(), "not one row per response"),
    ];
    let mut store = common::open(&db);
    ingest::import_bytes(
        &mut store,
        Path::new("roster.csv"),
        &std::fs::read(common::sample("roster.csv")).unwrap(),
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    let before = store.status().unwrap();
    for (name, bytes, expected) in cases {
        let path = write(dir, name, &bytes);
        let err = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(name), "{name}: {msg}");
        assert!(msg.contains(expected), "{name}: {msg}");
        assert_eq!(
            store.status().unwrap(),
            before,
            "{name} changed the database"
        );
    }
}

#[test]
fn a_csv_named_xlsx_is_read_as_the_csv_it_is_and_says_so() {
    let db = common::temp_db();
    let bytes = std::fs::read(common::sample("roster.csv")).unwrap();
    let path = write(db.dir.path(), "roster.xlsx", &bytes);
    let mut store = common::open(&db);
    let r = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!((r.kind, r.rows_imported), (Kind::Roster, 300));
    assert!(
        r.problems[0].reason.contains("CSV text inside"),
        "{:?}",
        r.problems
    );
}

#[test]
fn a_macro_enabled_workbook_gives_its_values_and_runs_nothing() {
    let db = common::temp_db();
    // A vbaProject part as Excel stores it (its content is never read).
    let bytes = patch_zip(
        &program_workbook(),
        &[],
        &[(
            "xl/vbaProject.bin",
            b"Attribute VB_Name = \"Module1\"\nSub Auto_Open()\nShell \"calc.exe\"\nEnd Sub\n",
        )],
    );
    let path = write(db.dir.path(), "program.xlsm", &bytes);
    let mut store = common::open(&db);
    let r = ingest::import_file_sheets(&mut store, &path, &ImportOptions::default(), &mut |_| {})
        .unwrap();
    assert_eq!(r.len(), 6);
    assert_eq!(store.status().unwrap().people, 4);
}
