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
    // A Teams attendance log: one meeting (SOURCES.md: day-first, 2020-12-11).
    ("msteams-attendance-dominikhoebert/meetingAttendanceList.csv", Shape::TeamsAttendance, 1),
    // A Google Sheets workbook (openpyxl: 92 non-empty rows, one header).
    (
        "google-forms-uvads-ds4002/Hot Dog Classification Survey_ Is it a Sandwich_  (Responses).xlsx",
        Shape::GoogleForms,
        91,
    ),
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
                assert_eq!(report.shape, *shape, "{rel}");
                if *shape == Shape::TeamsAttendance {
                    // Its people are on no roster here: kept as unmatched.
                    assert_eq!(report.kind, Kind::Meetings, "{rel}");
                    assert_eq!((report.rows_total, report.rows_unmatched), (*rows, *rows));
                    assert!(
                        report.meetings[0].started_at.starts_with("2020-12-11"),
                        "{rel}: {:?}",
                        report.meetings[0]
                    );
                    recognised += 1;
                    continue;
                }
                assert_eq!(report.kind, Kind::Survey, "{rel}");
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
fn a_google_sheets_workbook_imports_as_its_csv_download_does() {
    let Some(root) = common::fixtures("a_google_sheets_workbook_imports_as_its_csv_download_does")
    else {
        return;
    };
    let dir = root.join("google-forms-uvads-ds4002");
    let answers = |file: &str| -> Vec<(i64, String)> {
        let db = common::temp_db();
        let mut store = common::open(&db);
        let r =
            ingest::import_file(&mut store, &dir.join(file), &ImportOptions::default()).unwrap();
        assert_eq!(
            (r.kind, r.shape, r.rows_imported),
            (Kind::Survey, Shape::GoogleForms, 91),
            "{file}"
        );
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        let mut s = conn
            .prepare("SELECT q.position, a.value_text FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id ORDER BY a.response_id, q.position")
            .unwrap();
        s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|x| x.unwrap())
            .collect()
    };
    assert_eq!(
        answers("Hot Dog Classification Survey_ Is it a Sandwich_  (Responses).xlsx"),
        answers(
            "Hot Dog Classification Survey_ Is it a Sandwich_  (Responses) - Form Responses 1.csv"
        )
    );
}

#[test]
fn qualtrics_three_row_header_uses_question_text_and_ids() {
    let Some(root) = common::fixtures("qualtrics_three_row_header_uses_question_text_and_ids")
    else {
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

/// The second collection (`../shared/fixtures/real-2`, see its SOURCES.md):
/// workbooks, attendance reports, calendars and more survey exports. Each
/// file imports with its kind, shape and counts, or is refused in words
/// with the database unchanged. Counts were taken independently: CSV rows
/// with Python's csv module (as above), workbook rows with openpyxl
/// (non-empty rows less the header), calendar occurrences by counting
/// weekdays with Python's `datetime` between each series' start and its
/// UNTIL or the as-of day 2016-12-31 (`x_location`: 46 weekdays from
/// 2016-10-28; `issue_165`: 14 weekdays 2015-07-03..22, UNTIL 08:00Z being
/// 10:00 at the file's own +02:00), and one meeting per Zoom, Teams and Meet
/// report.
const RECOGNISED_2: &[(&str, Kind, Shape, u64)] = &[
    (
        "qualtrics-projoint/mummolo_nall_replication.csv",
        Kind::Survey,
        Shape::Qualtrics,
        518,
    ),
    (
        "surveymonkey-fivethirtyeight-more/SOUTH.csv",
        Kind::Survey,
        Shape::SurveyMonkey,
        2528,
    ),
    (
        "surveymonkey-fivethirtyeight-more/flying-etiquette.csv",
        Kind::Survey,
        Shape::Plain,
        1040,
    ),
    (
        "surveymonkey-fivethirtyeight-more/food-world-cup-data.csv",
        Kind::Survey,
        Shape::Plain,
        1373,
    ),
    (
        "googleforms-rstudio-r-community-survey/2019 English R Community Survey Responses.csv",
        Kind::Survey,
        Shape::GoogleForms,
        1838,
    ),
    (
        "googleforms-rstudio-r-community-survey/2019 Spanish R Community Survey Responses.tsv",
        Kind::Survey,
        Shape::GoogleForms,
        338,
    ),
    (
        "googleforms-rstudio-r-community-survey/2019 Spanish R Community Survey Responses.xlsx",
        Kind::Survey,
        Shape::GoogleForms,
        338,
    ),
    (
        "googleforms-uvads-ds4002-fa22/DS-4002-fa22-survey-results.xlsx",
        Kind::Survey,
        Shape::GoogleForms,
        194,
    ),
    (
        "googleforms-mentoring-veganmentor/Vegan_mentor_test_01.csv",
        Kind::Survey,
        Shape::GoogleForms,
        9,
    ),
    (
        "msforms-quizevaluator/Hans Mustermann_ Topic of Talk(1-10).xlsx",
        Kind::Survey,
        Shape::MicrosoftForms,
        10,
    ),
    (
        "hr-ibm-attrition-sayamalt/WA_Fn-UseC_-HR-Employee-Attrition.csv",
        Kind::Roster,
        Shape::Plain,
        1470,
    ),
    (
        "zoom-zoomcsv/participants_123456789.csv",
        Kind::Meetings,
        Shape::ZoomParticipants,
        1,
    ),
    (
        "msteams-attendance-report-dvaneynde/IDL-14-11-22.csv",
        Kind::Meetings,
        Shape::TeamsAttendance,
        1,
    ),
    (
        "googlemeet-attendance-extension-al-caughey/Class List (2020-09-07).csv",
        Kind::Meetings,
        Shape::MeetAttendance,
        1,
    ),
    (
        "calendar-ics-icalendar/x_location.ics",
        Kind::Meetings,
        Shape::Calendar,
        46,
    ),
    (
        "calendar-ics-icalendar/issue_165_missing_event.ics",
        Kind::Meetings,
        Shape::Calendar,
        14,
    ),
    // Two biweekly all-day series (their second Monday an EXDATE) and one event.
    (
        "calendar-ics-icalendar/alarm_outlook_in_future.ics",
        Kind::Meetings,
        Shape::Calendar,
        3,
    ),
];

#[test]
fn every_export_of_the_second_collection_imports_or_is_refused_in_words() {
    let Some(root) =
        common::fixtures_2("every_export_of_the_second_collection_imports_or_is_refused_in_words")
    else {
        return;
    };
    let opts = ImportOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2016, 12, 31),
        ..Default::default()
    };
    let (mut recognised, mut refused) = (0, Vec::new());
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
        let result = ingest::import_file(&mut store, &path, &opts);
        match RECOGNISED_2.iter().find(|(p, ..)| *p == rel) {
            Some((_, kind, shape, rows)) => {
                let r = result.unwrap_or_else(|e| panic!("{rel} should import: {e}"));
                assert_eq!((r.kind, r.shape), (*kind, *shape), "{rel}");
                assert_eq!(r.rows_total, *rows, "{rel}");
                assert_eq!(
                    r.rows_total,
                    r.rows_imported + r.rows_skipped + r.rows_duplicate + r.rows_unmatched,
                    "{rel}"
                );
                if *kind == Kind::Meetings {
                    // Nobody of these reports is on a roster here.
                    assert_eq!(r.rows_unmatched, *rows, "{rel}");
                    assert_eq!(
                        store.status().unwrap().unmatched_meetings as u64,
                        *rows,
                        "{rel}"
                    );
                } else {
                    // Only exact repeats of a submission are skipped.
                    for p in r
                        .problems
                        .iter()
                        .filter(|p| p.severity == ingest::Severity::Skipped)
                    {
                        assert!(
                            p.reason.contains("the same response appears on line"),
                            "{rel}: {p:?}"
                        );
                    }
                    assert!(r.rows_imported + 3 >= *rows, "{rel}: {}", r.rows_imported);
                }
                assert!(r.import_id.is_some(), "{rel}");
                recognised += 1;
            }
            None => {
                let err = result
                    .err()
                    .unwrap_or_else(|| panic!("{rel} should be refused"));
                let msg = err.to_string();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                assert!(
                    msg.contains(&name) && msg.len() > name.len() + 40,
                    "{rel}: {msg}"
                );
                assert!(
                    matches!(err.code(), ErrorCode::UnknownKind | ErrorCode::NotATable),
                    "{rel}: {msg}"
                );
                assert!(store.status().unwrap().imports.is_empty(), "{rel}");
                refused.push(rel);
            }
        }
    }
    assert_eq!(recognised, RECOGNISED_2.len());
    refused.sort();
    assert_eq!(
        refused,
        [
            "limesurvey-cikm2018/third.csv",
            "redcap-REDCapR/survey-data.csv",
            "redcap-agbarnett-badge/BMJOpenBadges_DATA_2019-05-24_1042_anonymous.csv",
            "surveymonkey-crosstab-spss-fivethirtyeight/march_2017_responses.xlsx",
            "surveymonkey-fivethirtyeight-more/religion-survey-results.csv",
            "surveymonkey-fivethirtyeight-more/sleeping-alone-data.csv",
        ]
    );
}

#[test]
fn a_crosstab_workbook_is_refused_as_a_summary_not_responses() {
    let Some(root) =
        common::fixtures_2("a_crosstab_workbook_is_refused_as_a_summary_not_responses")
    else {
        return;
    };
    let path = root.join("surveymonkey-crosstab-spss-fivethirtyeight/march_2017_responses.xlsx");
    let db = common::temp_db();
    let mut store = common::open(&db);
    let msg = ingest::import_file(&mut store, &path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("summary table") && msg.contains("not one row per response"),
        "{msg}"
    );
}

#[test]
fn google_sheets_timestamps_read_the_same_from_the_xlsx_and_the_tsv() {
    let Some(root) =
        common::fixtures_2("google_sheets_timestamps_read_the_same_from_the_xlsx_and_the_tsv")
    else {
        return;
    };
    let dir = root.join("googleforms-rstudio-r-community-survey");
    let stamps = |file: &str| -> Vec<Option<String>> {
        let db = common::temp_db();
        let mut store = common::open(&db);
        ingest::import_file(&mut store, &dir.join(file), &ImportOptions::default()).unwrap();
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        let mut s = conn
            .prepare("SELECT submitted_at FROM survey_responses ORDER BY line")
            .unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .map(|x| x.unwrap())
            .collect()
    };
    let xlsx = stamps("2019 Spanish R Community Survey Responses.xlsx");
    let tsv = stamps("2019 Spanish R Community Survey Responses.tsv");
    assert_eq!(xlsx.len(), 338);
    // The TSV shows `12/13/2019 12:02:32` where the workbook stores
    // 12:02:31.994: both read as the same second.
    assert_eq!(xlsx, tsv);
}
