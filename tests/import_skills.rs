//! Skill assessments (M8) as an import kind: recognised from headers in the
//! long and wide shapes, as CSV and as a workbook; every rating scale read
//! onto its own 1..k; unknown labels listed with their place (and never
//! another answer of the row); re-importing changes nothing; undo removes
//! what an import added.

mod common;

use std::path::{Path, PathBuf};

use mentorscope::ingest::{self, ImportOptions, Kind};
use mentorscope::Store;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const ROSTER: &str = "Employee ID,Full Name,Work Email,Department,Hire Date\n\
E1,Ana Silva,ana@example.com,Data,3/1/2024\n\
E2,Bo Chen,bo@example.com,Data,4/1/2024\n\
E3,Cy Diaz,cy@example.com,Web,5/1/2024\n";

/// (person, wave, date, area, rater, rating_text, value, scale_points)
type Row = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    f64,
    i64,
);

fn rows(db: &common::TempDb) -> Vec<Row> {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT person, wave, assessed_on, area, rater, rating_text, value, scale_points
             FROM skill_assessments ORDER BY person, wave, area, rater",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn with_roster() -> (common::TempDb, Store) {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let roster = write(db.dir.path(), "roster.csv", ROSTER);
    ingest::import_file(&mut store, &roster, &ImportOptions::default()).unwrap();
    (db, store)
}

#[test]
fn the_long_shape_is_recognised_and_every_scale_read() {
    let (db, mut store) = with_roster();
    let f = write(
        db.dir.path(),
        "skills.csv",
        "Employee ID,Wave,Skill area,Rating,Rater\n\
         E1,pre,API design,Poor,self\n\
         E1,post,API design,Great,self\n\
         E2,pre,API design,Mediocre,Mentor\n\
         E1,pre,Caching,Novice,self\n\
         E1,post,Caching,Advanced,self\n\
         ana@example.com,pre,Queues,2,self\n\
         E2,pre,Queues,4,\n\
         E3,pre,Feedback loops,Fair,manager\n\
         E3,post,Feedback loops,Excellent,manager\n",
    );
    let pv = ingest::preview(&f).unwrap();
    assert_eq!(pv.kind, Some(Kind::Skills));
    let r = ingest::import_file(&mut store, &f, &ImportOptions::default()).unwrap();
    assert_eq!(r.kind, Kind::Skills);
    assert_eq!((r.rows_total, r.rows_imported, r.rows_skipped), (9, 9, 0));
    let got = rows(&db);
    let find = |p: &str, w: &str, a: &str| {
        got.iter()
            .find(|x| x.0 == p && x.1 == w && x.3 == a)
            .unwrap_or_else(|| panic!("{p} {w} {a}: {got:?}"))
    };
    assert_eq!(
        (
            find("E1", "pre", "API design").6,
            find("E1", "pre", "API design").7
        ),
        (1.0, 3)
    );
    assert_eq!(find("E1", "post", "API design").6, 3.0);
    let e2 = find("E2", "pre", "API design");
    assert_eq!((e2.4.as_str(), e2.6), ("mentor", 2.0));
    assert_eq!(
        (
            find("E1", "post", "Caching").6,
            find("E1", "post", "Caching").7
        ),
        (4.0, 5)
    );
    // The e-mail resolved to the roster's ID; an empty rater is `self`.
    let q = find("E1", "pre", "Queues");
    assert_eq!((q.6, q.7), (2.0, 4));
    assert_eq!(find("E2", "pre", "Queues").4, "self");
    let fl = find("E3", "post", "Feedback loops");
    assert_eq!((fl.4.as_str(), fl.6, fl.7), ("manager", 4.0, 4));
    // Numbers with no stated scale: read as 1–4 (the largest is 4), and said.
    assert!(
        r.problems
            .iter()
            .any(|p| p.reason.contains("without a stated scale") && p.reason.contains("1–4")),
        "{:?}",
        r.problems
    );
}

#[test]
fn the_wide_shape_is_recognised_with_one_column_per_area() {
    let (db, mut store) = with_roster();
    let f = write(
        db.dir.path(),
        "skills-wide.csv",
        "Employee ID,Name,Wave,Rater,API design,Database modeling (1-5),Caching\n\
         E1,Ana Silva,pre,self,Poor,2,Novice\n\
         E1,Ana Silva,post,self,Great,4,\n\
         E2,Bo Chen,pre,mentor,Mediocre,5,Expert\n",
    );
    let r = ingest::import_file(&mut store, &f, &ImportOptions::default()).unwrap();
    assert_eq!(r.kind, Kind::Skills, "{:?}", r.problems);
    assert_eq!((r.rows_imported, r.rows_skipped), (3, 0));
    let used: Vec<(&str, &str)> = r
        .columns
        .iter()
        .map(|c| (c.column.as_str(), c.used_as.as_str()))
        .collect();
    assert!(used.contains(&("Name", "ignored")), "{used:?}");
    assert!(used.contains(&("Caching", "skill_area")), "{used:?}");
    let got = rows(&db);
    assert_eq!(got.len(), 8, "{got:?}");
    // The declared scale is read from the header and left out of the name.
    let db_model: Vec<&Row> = got.iter().filter(|x| x.3 == "Database modeling").collect();
    assert_eq!(db_model.len(), 3);
    assert!(db_model.iter().all(|x| x.7 == 5));
    assert!(!r.problems.iter().any(|p| p.reason.contains("stated scale")));
    assert!(got
        .iter()
        .any(|x| x.0 == "E2" && x.4 == "mentor" && x.3 == "Caching" && x.6 == 5.0));
}

#[test]
fn an_unknown_label_is_listed_with_its_place_and_only_itself() {
    let (db, mut store) = with_roster();
    let f = write(
        db.dir.path(),
        "skills-wide.csv",
        "Employee ID,Wave,API design,Caching,Queues\n\
         E1,pre,Poor,Meh,Great\n\
         E2,pre,Splendid,Great,Poor\n\
         E3,pre,Great,Good,Mediocre\n",
    );
    let r = ingest::import_file(&mut store, &f, &ImportOptions::default()).unwrap();
    assert_eq!(r.kind, Kind::Skills);
    let meh = r
        .problems
        .iter()
        .find(|p| p.value.as_deref() == Some("Meh"))
        .unwrap_or_else(|| panic!("{:?}", r.problems));
    assert_eq!(
        (meh.line, meh.column.as_deref()),
        (Some(2), Some("Caching"))
    );
    // The message quotes the label and the legend of known labels, nothing
    // else of the row (not the person, not the other ratings).
    const KNOWN: &str = "use Poor/Mediocre/Great, Poor/Fair/Good/Excellent, Novice/Beginner/Intermediate/Advanced/Expert or a number from 1";
    assert_eq!(
        meh.reason,
        format!("Caching: `Meh` is not a rating Mentorscope knows (left out); {KNOWN}")
    );
    let splendid = r
        .problems
        .iter()
        .find(|p| p.value.as_deref() == Some("Splendid"))
        .unwrap();
    assert_eq!(splendid.line, Some(3));
    assert_eq!(
        splendid.reason,
        format!("API design: `Splendid` is not a rating Mentorscope knows (left out); {KNOWN}")
    );
    // "Good" belongs to the four-point rubric, the column to the three-point.
    let good = r
        .problems
        .iter()
        .find(|p| p.value.as_deref() == Some("Good"))
        .unwrap_or_else(|| panic!("{:?}", r.problems));
    assert!(
        good.reason.contains("Poor / Mediocre / Great"),
        "{}",
        good.reason
    );
    // Every usable rating is in: E1 API, E2 Caching, E3 API, and Queues.
    assert_eq!(rows(&db).len(), 6);
    assert_eq!(r.rows_imported, 3);
}

#[test]
fn the_long_shape_skips_a_row_with_an_unknown_label() {
    let (db, mut store) = with_roster();
    let f = write(
        db.dir.path(),
        "assess.csv",
        "Email,Date,Competency,Score\n\
         ana@example.com,2025-01-10,API design,Great\n\
         bo@example.com,2025-01-11,API design,So-so\n\
         zed@example.com,2025-01-11,API design,Poor\n",
    );
    let r = ingest::import_file(&mut store, &f, &ImportOptions::default()).unwrap();
    assert_eq!(r.kind, Kind::Skills);
    assert_eq!((r.rows_imported, r.rows_skipped), (1, 2));
    let bad = r
        .problems
        .iter()
        .find(|p| p.value.as_deref() == Some("So-so"))
        .unwrap();
    assert_eq!((bad.line, bad.column.as_deref()), (Some(3), Some("Score")));
    // No wave column: the assessment's month stands for the wave.
    let got = rows(&db);
    assert_eq!(got[0].1, "2025-01");
    assert_eq!(got[0].2.as_deref(), Some("2025-01-10"));
}

#[test]
fn reimport_changes_nothing_and_undo_removes_everything_it_added() {
    let (db, mut store) = with_roster();
    let f = write(
        db.dir.path(),
        "skills.csv",
        "Employee ID,Wave,Skill area,Rating\nE1,pre,API design,Poor\nE2,pre,API design,Great\n",
    );
    let first = ingest::import_file(&mut store, &f, &ImportOptions::default()).unwrap();
    let again = ingest::import_file(&mut store, &f, &ImportOptions::default()).unwrap();
    assert_eq!(again.already_imported_as, first.import_id);
    // A later, overlapping export adds only what is new.
    let g = write(
        db.dir.path(),
        "skills-later.csv",
        "Employee ID,Wave,Skill area,Rating\nE1,pre,API design,Poor\nE2,pre,API design,Great\nE3,pre,API design,Mediocre\n",
    );
    let later = ingest::import_file(&mut store, &g, &ImportOptions::default()).unwrap();
    assert_eq!((later.rows_imported, later.rows_duplicate), (1, 2));
    assert_eq!(rows(&db).len(), 3);
    store.undo(later.import_id.unwrap()).unwrap();
    assert_eq!(rows(&db).len(), 2);
    store.undo(first.import_id.unwrap()).unwrap();
    assert!(rows(&db).is_empty());
}

#[test]
fn a_workbook_sheet_of_skills_imports_with_cell_places() {
    let (db, mut store) = with_roster();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Skills").unwrap();
    let table = [
        ["Employee ID", "Wave", "Rater", "API design", "Caching"],
        ["E1", "pre", "self", "Poor", "Novice"],
        ["E2", "pre", "mentor", "Great", "Meh"],
    ];
    for (r, row) in table.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let p = db.dir.path().join("skills.xlsx");
    wb.save(&p).unwrap();
    let r = ingest::import_file(&mut store, &p, &ImportOptions::default()).unwrap();
    assert_eq!(r.kind, Kind::Skills);
    assert_eq!(rows(&db).len(), 3);
    let meh = r
        .problems
        .iter()
        .find(|p| p.value.as_deref() == Some("Meh"))
        .unwrap();
    assert_eq!(meh.place.as_deref(), Some("Skills!E3"));
}

#[test]
fn a_survey_and_a_roster_are_not_taken_for_wide_skills() {
    let db = common::temp_db();
    let roster = write(db.dir.path(), "roster.csv", ROSTER);
    assert_eq!(ingest::preview(&roster).unwrap().kind, Some(Kind::Roster));
    let survey = write(
        db.dir.path(),
        "pulse.csv",
        "Email,Wave,I feel supported in my role\nana@example.com,pre,Agree\nbo@example.com,pre,Strongly agree\n",
    );
    assert_eq!(ingest::preview(&survey).unwrap().kind, Some(Kind::Survey));
}

#[test]
fn the_import_wizard_is_confident_about_long_and_wide_skills_sheets() {
    let (db, _store) = with_roster();
    let book = mentorscope::api::MappingBook::beside(Some(&db.path));
    let wide = write(
        db.dir.path(),
        "skills-wide.csv",
        "Employee ID,Name,Wave,Rater,API design,Caching\nE1,Ana Silva,pre,self,Poor,Novice\nE2,Bo Chen,pre,self,Great,Expert\n",
    );
    let long = write(
        db.dir.path(),
        "skills-long.csv",
        "Employee ID,Wave,Skill area,Rating\nE1,pre,API design,Poor\nE2,pre,API design,Great\n",
    );
    for p in [&wide, &long] {
        let v = mentorscope::api::preview_file(p, None, None, &book);
        assert_eq!(v.kind.as_deref(), Some("skills"), "{}", p.display());
        assert_eq!(v.kind_label, "Skill assessments");
        assert!(v.attention.is_empty(), "{}: {:?}", p.display(), v.attention);
        assert!(v.confident);
    }
    // The long sheet still asks for its rating column when it has none.
    let no_rating = write(
        db.dir.path(),
        "skills-bad.csv",
        "Employee ID,Wave,Skill area,Notes\nE1,pre,API design,x\n",
    );
    let v = mentorscope::api::preview_file(&no_rating, Some("skills"), None, &book);
    assert!(!v.attention.is_empty());
}

#[test]
fn hostile_text_in_a_skills_sheet_stays_text_and_long_notes_are_not_quoted_in_full() {
    let (db, mut store) = with_roster();
    let note = "Good overall, but ".to_string() + &"x".repeat(10_000);
    let f = write(
        db.dir.path(),
        "skills.csv",
        &format!(
            "Employee ID,Wave,Skill area,Rating\n\
             E1,pre,<script>alert(1)</script>,Great\n\
             E2,pre,=SUM(A1:A2),Poor\n\
             E3,pre,تصميم واجهات 🚀,Mediocre\n\
             E1,post,API design,\"{note}\"\n"
        ),
    );
    let r = ingest::import_file(&mut store, &f, &ImportOptions::default()).unwrap();
    assert_eq!((r.rows_imported, r.rows_skipped), (3, 1));
    let areas: Vec<String> = rows(&db).into_iter().map(|x| x.3).collect();
    assert!(areas.contains(&"<script>alert(1)</script>".to_string()));
    assert!(areas.contains(&"=SUM(A1:A2)".to_string()));
    assert!(areas.contains(&"تصميم واجهات 🚀".to_string()));
    let p = r.problems.iter().find(|p| p.line == Some(5)).unwrap();
    assert!(
        p.reason.chars().count() < 300,
        "{} chars",
        p.reason.chars().count()
    );
    assert!(
        p.reason
            .contains("`Good overall, but xxxxxxxxxxxxxxxxxxxxxx…`"),
        "{}",
        p.reason
    );
}

/// An unreadable assessment date is left empty, as its problem says, and
/// the rating kept on its wave; a row with neither a readable date nor a
/// wave is skipped, saying why. (It used to skip the first kind too while
/// saying "left empty".)
#[test]
fn an_unreadable_date_is_left_empty_and_the_rating_kept() {
    let (db, mut store) = with_roster();
    let f = write(
        db.dir.path(),
        "skills.csv",
        "Employee ID,Wave,Assessed on,Skill area,Rating,Rater\n\
         E1,pre,not a date,API design,2,self\n\
         E1,post,2025-06-01,API design,4,self\n\
         E2,,not a date,API design,3,self\n",
    );
    let r = ingest::import_file(&mut store, &f, &ImportOptions::default()).unwrap();
    assert_eq!(
        (r.rows_total, r.rows_imported, r.rows_skipped),
        (3, 2, 1),
        "{:?}",
        r.problems
    );
    let got = rows(&db);
    let pre = got
        .iter()
        .find(|x| x.0 == "E1" && x.1 == "pre")
        .unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!((pre.2.as_deref(), pre.6), (None, 2.0));
    let on_line = |line: u64| -> Vec<&str> {
        r.problems
            .iter()
            .filter(|p| p.line == Some(line))
            .map(|p| p.reason.as_str())
            .collect()
    };
    assert!(
        on_line(2).iter().any(|p| p.contains("left empty")),
        "{:?}",
        r.problems
    );
    assert!(
        on_line(4)
            .iter()
            .any(|p| p.contains("neither a wave nor a date")),
        "{:?}",
        r.problems
    );
}
