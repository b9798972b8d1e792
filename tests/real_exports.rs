//! Every file in `../shared/fixtures/real/` (real exports from real survey
//! tools and CSV edge cases) either imports with its shape recognised, or is
//! refused with a clear message naming the file, and leaves the database as
//! it was. Nothing panics.

mod common;

use mentorscope::error::ErrorCode;
use mentorscope::ingest::{self, ImportOptions, Kind, Shape};

/// (path under fixtures/real, expected shape, expected responses). Response
/// counts are the data rows below the header rows, counted independently
/// with Python's csv module:
/// `python3 -c "import csv,sys; print(sum(1 for r in csv.reader(open(sys.argv[1], encoding=sys.argv[2], newline='')) if any(c.strip() for c in r)) - int(sys.argv[3]))" FILE ENCODING HEADER_ROWS`
const RECOGNISED: &[(&str, Shape, u64)] = &[
    ("qualtrics-qualtRics/sample.csv", Shape::Qualtrics, 1),
    ("qualtrics-qualtRics/sample_legacy.csv", Shape::QualtricsLegacy, 1),
    ("qualtrics-QualtricsTools/Long_Exhaustive_Sample_Survey.csv", Shape::Qualtrics, 31),
    ("qualtrics-QualtricsTools/Multiple_Answer_Matrix_Questions (Insights).csv", Shape::Qualtrics, 5),
    ("qualtrics-QualtricsTools/No_Basis_for_Evaluation (Legacy).csv", Shape::QualtricsLegacy, 15),
    ("qualtrics-QualtricsTools/Questions_with_Text_Entry_Components.csv", Shape::Qualtrics, 15),
    ("qualtrics-QualtricsTools/SidebySide_Questions (Insights).csv", Shape::Qualtrics, 25),
    ("surveymonkey-fivethirtyeight/StarWars.csv", Shape::SurveyMonkey, 1186),
    ("surveymonkey-fivethirtyeight/steak-risk-survey.csv", Shape::SurveyMonkey, 550),
    ("surveymonkey-fivethirtyeight/thanksgiving-2015-poll-data.csv", Shape::Plain, 1058),
    ("google-forms-uvads-ds4002/DS4002-F25-SurveyResults.csv", Shape::GoogleForms, 207),
    (
        "google-forms-uvads-ds4002/Hot Dog Classification Survey_ Is it a Sandwich_  (Responses) - Form Responses 1.csv",
        Shape::GoogleForms,
        91,
    ),
    ("google-forms-uvads-ds4002/Is hotdog a sandwich_ (Responses).csv", Shape::GoogleForms, 207),
    ("google-forms-uvads-ds4002/hot_dog_survey_spring25.xlsx - Form Responses 1.csv", Shape::GoogleForms, 64),
    ("msforms-uvads-ds4002/Hot-Dog-Form-Fa24.csv", Shape::MicrosoftForms, 187),
];

#[test]
fn every_real_export_imports_or_is_refused_clearly() {
    let Some(root) = common::fixtures("every_real_export_imports_or_is_refused_clearly") else {
        return;
    };
    let mut recognised = 0;
    let mut refused = 0;
    for path in common::files_under(&root) {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "SOURCES.md" {
            continue;
        }
        let db = common::temp_db();
        let mut store = common::open(&db);
        let result = ingest::import_file(&mut store, &path, &ImportOptions::default());
        match RECOGNISED.iter().find(|(p, _, _)| *p == rel) {
            Some((_, shape, rows)) => {
                let report = result.unwrap_or_else(|e| panic!("{rel} should import: {e}"));
                assert_eq!(report.kind, Kind::Survey, "{rel}");
                assert_eq!(report.shape, *shape, "{rel}");
                assert_eq!(
                    report.rows_imported,
                    *rows,
                    "{rel}: {:?}",
                    report.problems.first()
                );
                assert_eq!(report.rows_skipped, 0, "{rel}");
                let status = store.status().unwrap();
                assert_eq!(status.survey_responses as u64, *rows, "{rel}");
                recognised += 1;
            }
            None => {
                let err = result
                    .err()
                    .unwrap_or_else(|| panic!("{rel} should be refused"));
                let msg = err.to_string();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                assert!(
                    msg.contains(&name),
                    "{rel}: message should name the file: {msg}"
                );
                assert!(
                    matches!(err.code(), ErrorCode::UnknownKind | ErrorCode::NotATable),
                    "{rel}: {msg}"
                );
                assert!(
                    msg.len() > name.len() + 40,
                    "{rel}: message should say why: {msg}"
                );
                let status = store.status().unwrap();
                assert!(
                    status.imports.is_empty(),
                    "{rel}: a refused file must leave nothing behind"
                );
                refused += 1;
            }
        }
    }
    assert_eq!(
        recognised,
        RECOGNISED.len(),
        "every recognised fixture was found"
    );
    assert!(
        refused >= 20,
        "the CSV edge cases are refused as unknown kinds ({refused})"
    );
}

#[test]
fn workbook_is_refused_with_the_fix() {
    let Some(root) = common::fixtures("workbook_is_refused_with_the_fix") else {
        return;
    };
    let path = root.join("google-forms-uvads-ds4002/Hot Dog Classification Survey_ Is it a Sandwich_  (Responses).xlsx");
    let db = common::temp_db();
    let mut store = common::open(&db);
    let err = ingest::import_file(&mut store, &path, &ImportOptions::default()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("Excel workbook"), "{msg}");
    assert!(msg.contains("Save As > CSV"), "{msg}");
}

#[test]
fn qualtrics_three_row_header_uses_question_text_and_ids() {
    let Some(root) = common::fixtures("qualtrics_three_row_header_uses_question_text_and_ids") else {
        return;
    };
    let path = root.join("qualtrics-qualtRics/sample.csv");
    let pv = ingest::preview(&path).unwrap();
    assert_eq!(pv.shape, Shape::Qualtrics);
    // Row 2 of this export is German question text.
    assert!(
        pv.columns.iter().any(|c| c == "Antwort-ID"),
        "{:?}",
        pv.columns
    );
}

#[test]
fn utf16_and_windows_1252_exports_decode() {
    let Some(root) = common::fixtures("utf16_and_windows_1252_exports_decode") else {
        return;
    };
    let pv =
        ingest::preview(&root.join("surveyxact-readSX/ex_survey2_tab_utf16/dataset.csv")).unwrap();
    assert_eq!(pv.encoding, "UTF-16LE");
    assert_eq!(pv.delimiter, "tab");
    let pv = ingest::preview(&root.join("surveyxact-readSX/ex_survey2_semicolon_ansi/dataset.csv"))
        .unwrap();
    assert_eq!(pv.delimiter, "semicolon");
    let pv = ingest::preview(&root.join("msforms-uvads-ds4002/Hot-Dog-Form-Fa24.csv")).unwrap();
    assert_eq!(pv.encoding, "windows-1252");
    let pv = ingest::preview(&root.join("csvkit-examples/test_utf16_big.csv")).unwrap();
    assert_eq!(pv.encoding, "UTF-16BE");
}

#[test]
fn plain_survey_export_imports_when_the_kind_is_given() {
    // SurveyXact's one-row header of codes is not recognisable as a survey
    // by itself; choosing the kind imports it.
    let Some(root) = common::fixtures("plain_survey_export_imports_when_the_kind_is_given") else {
        return;
    };
    let path = root.join("surveyxact-readSX/ex_survey2_semicolon_ansi/dataset.csv");
    let db = common::temp_db();
    let mut store = common::open(&db);
    let opts = ImportOptions {
        kind: Some(Kind::Survey),
        wave: Some("pre".into()),
        ..Default::default()
    };
    let r = ingest::import_file(&mut store, &path, &opts).unwrap();
    assert!(r.rows_imported > 0);
    assert_eq!(r.wave.as_deref(), Some("pre"));
}
