//! The real desktop app in a real window (Xvfb), driven through WebDriver:
//! first run, the sample program, the dashboard against the CLI, every
//! comparison and the Trends and Cohorts views against the CLI, a filter, people and pairings, the review
//! pack, and a CSV full of markup that must stay text. Each main view is
//! saved as a screenshot in `e2e/screenshots/`.
//!
//! Run with `e2e/run.sh` (they need a display and tauri-driver, so a plain
//! `cargo test` skips them).

use std::time::Duration;

use mentorscope_e2e::{cli_json, json_path, App, Result};
use serde_json::Value;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every number in the view that carries an `analyze --json` key must equal
/// the CLI's value for the same database and options.
async fn check_keyed_numbers(app: &App, cli: &Value, view: &str) -> Result<usize> {
    let cells = app
        .js(
            "return [...document.querySelectorAll('[data-key]')].map(e => [e.dataset.key, JSON.parse(e.dataset.values), e.textContent])",
            vec![],
        )
        .await?;
    let cells = cells.as_array().cloned().unwrap_or_default();
    let mut checked = 0;
    for c in &cells {
        let key = c[0].as_str().unwrap_or_default();
        let shown: Vec<f64> = c[1]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        let want = json_path(cli, key)
            .ok_or_else(|| format!("{view}: `{key}` is not in analyze --json"))?;
        let want: Vec<f64> = match want {
            Value::Null => vec![],
            Value::Array(a) => a.iter().filter_map(Value::as_f64).collect(),
            v => v.as_f64().into_iter().collect(),
        };
        if shown.len() != want.len() || shown.iter().zip(&want).any(|(a, b)| !close(*a, *b)) {
            // A suppressed group shows no number (and says why): fine.
            let text = c[2].as_str().unwrap_or_default();
            if !(shown.is_empty() && text.starts_with("hidden")) {
                return Err(
                    format!("{view}: `{key}` shows {shown:?} ({text}), CLI says {want:?}").into(),
                );
            }
        }
        checked += 1;
    }
    Ok(checked)
}

fn card_value(cards: &Value, id: &str) -> Option<f64> {
    cards
        .as_array()?
        .iter()
        .find(|c| c[0] == id)
        .and_then(|c| c[1].as_str())
        .and_then(|s| s.parse().ok())
}

async fn cards(app: &App) -> Result<Value> {
    app.js(
        "return [...document.querySelectorAll('[data-card]')].map(e => [e.dataset.card, e.dataset.value])",
        vec![],
    )
    .await
}

fn check_cards(cards: &Value, cli: &Value) -> Result<()> {
    let f = |p: &str| json_path(cli, p).and_then(Value::as_f64);
    let pairs = [
        ("satisfaction_change", f("survey_unpaired.diff")),
        ("active_pairings", f("engagement.active_pairs")),
        (
            "ramp_up_change",
            f("ramp_up.mentored.km_median_days")
                .zip(f("ramp_up.not_mentored.km_median_days"))
                .map(|(a, b)| a - b),
        ),
        (
            "retention_change",
            f("retention.mentored.retained_365")
                .zip(f("retention.not_mentored.retained_365"))
                .map(|(a, b)| a - b),
        ),
    ];
    for (id, want) in pairs {
        let shown = card_value(cards, id);
        match (shown, want) {
            (Some(s), Some(w)) if close(s, w) => {}
            (None, None) => {}
            _ => return Err(format!("card {id}: window {shown:?}, CLI {want:?}").into()),
        }
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn sample_program_dashboard_comparisons_filter_people_and_pack() -> Result<()> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let app = App::start(&db, work.path()).await?;

    // First run: the empty state offers the sample program.
    app.find("[data-test='load-sample']").await?;
    app.wait_view("welcome").await?;
    println!("launch to interactive (empty): {:?}", app.started.elapsed());
    app.screenshot("01-welcome").await?;

    app.click("[data-test='load-sample']").await?;
    app.wait_view("dashboard").await?;
    app.screenshot("02-dashboard").await?;

    let cli = cli_json(&db, &["analyze", "--json"])?;
    check_cards(&cards(&app).await?, &cli)?;

    for (nav, kind) in [
        ("nav-survey", "survey"),
        ("nav-ramp_up", "ramp_up"),
        ("nav-retention", "retention"),
        ("nav-delivery", "delivery"),
        ("nav-engagement", "engagement"),
        ("nav-trends", "trends"),
        ("nav-cohorts", "cohorts"),
    ] {
        app.nav(nav, &format!("compare/{kind}")).await?;
        app.wait_images().await?;
        let n = check_keyed_numbers(&app, &cli, kind).await?;
        assert!(n >= 3, "{kind}: only {n} numbers checked");
        app.screenshot(&format!("03-compare-{kind}")).await?;
        app.js(
            "document.querySelector('.numbers').scrollIntoView()",
            vec![],
        )
        .await?;
        app.screenshot(&format!("03-compare-{kind}-numbers"))
            .await?;
    }

    // A control of one comparison: the "after" wave and the group size.
    app.nav("nav-survey", "compare/survey").await?;
    let min_group = app.find("[data-test='control-min-group']").await?;
    min_group.clear().await?;
    min_group.send_keys("1000\u{E007}").await?;
    app.wait_js(
        "suppressed survey",
        "return document.querySelector('[data-test=verdict]')?.dataset.outcome || ''",
        |v| v == "too_few" || v == "no_data",
    )
    .await?;
    let cli_k = cli_json(&db, &["analyze", "--json", "--min-group", "1000"])?;
    check_keyed_numbers(&app, &cli_k, "survey, k = 1000").await?;
    let min_group = app.find("[data-test='control-min-group']").await?;
    min_group.clear().await?;
    min_group.send_keys("5\u{E007}").await?;
    app.wait_js(
        "survey back",
        "return document.querySelector('[data-test=verdict]')?.dataset.outcome || ''",
        |v| v == "improved",
    )
    .await?;

    // A filter applies everywhere: dashboard and comparison both follow it.
    app.nav("nav-dashboard", "dashboard").await?;
    let team: String = app
        .js(
            "return document.querySelector(\"[data-test='filter-team'] option:nth-child(2)\").value",
            vec![],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string();
    app.find("[data-test='filter-team']")
        .await?
        .select_by_value(&team)
        .await?;
    app.wait_js(
        "team scope",
        "return document.querySelector('[data-test=scope]')?.textContent || ''",
        |v| v.as_str().is_some_and(|s| s.contains("team ")),
    )
    .await?;
    app.wait_view("dashboard").await?;
    let cli_team = cli_json(&db, &["analyze", "--json", "--team", &team])?;
    check_cards(&cards(&app).await?, &cli_team)?;
    app.screenshot("04-dashboard-filtered").await?;
    app.nav("nav-retention", "compare/retention").await?;
    check_keyed_numbers(&app, &cli_team, "retention, one team").await?;

    // "Copy picture" puts the chart on the system clipboard (drawn in Rust;
    // the webview has no clipboard permission): read it back from here.
    app.js(
        "document.querySelector('figure.chart button[aria-label^=\"Copy the\"]').click()",
        vec![],
    )
    .await?;
    app.wait_js(
        "copied toast",
        "return document.getElementById('toasts')?.textContent || ''",
        |v| v.as_str().is_some_and(|s| s.contains("Copied the")),
    )
    .await?;
    let picture = arboard::Clipboard::new()?.get_image()?;
    assert_eq!((picture.width, picture.height), (3840, 2160));
    app.click("[data-test='filter-reset']").await?;
    app.wait_js(
        "filters cleared",
        "return document.querySelector(\"[data-test='filter-team']\").value",
        |v| v == "",
    )
    .await?;

    // People and pairings: quiet pairings first and marked.
    app.nav("nav-people", "people").await?;
    app.find("[data-test='pairings-table']").await?;
    let first = app
        .js(
            "return document.querySelector('[data-test=pairings-table] tbody tr').dataset.status",
            vec![],
        )
        .await?;
    assert_eq!(first, "quiet");
    let quiet_cli = json_path(&cli, "engagement.quiet_pairs")
        .and_then(Value::as_array)
        .map(Vec::len)
        .unwrap_or(0);
    let quiet_rows = app
        .js(
            "return document.querySelectorAll('tr.row-quiet').length",
            vec![],
        )
        .await?;
    assert_eq!(quiet_rows.as_u64(), Some(quiet_cli as u64));
    app.screenshot("05-people").await?;
    app.click("[data-test='tab-people']").await?;
    app.find("[data-test='people-table']").await?;
    app.screenshot("05-people-roster").await?;
    app.click("[data-test='tab-pairings']").await?;
    app.find("[data-test='pairings-table']").await?;
    let search = app.find("[data-test='people-search']").await?;
    search.send_keys("zzzz-nobody").await?;
    app.wait_js(
        "empty search",
        "return document.querySelector('[data-test=pairings-count]')?.textContent || ''",
        |v| v == "0 pairings",
    )
    .await?;

    // The review pack, into a folder "chosen" in the dialog.
    let out = work.path().join("pack");
    app.nav("nav-pack", "pack").await?;
    app.screenshot("06-review-pack").await?;
    app.answer_dialogs_with(&[&out])?;
    app.click("[data-test='export-pack']").await?;
    app.client
        .wait()
        .at_most(Duration::from_secs(300))
        .for_element(fantoccini::Locator::Css("[data-test='pack-result']"))
        .await?;
    for f in [
        "review.html",
        "review.pdf",
        "review.pptx",
        "review.xlsx",
        "analysis.json",
        "charts/05-ramp-up.png",
        "charts/05-ramp-up.svg",
        "charts/07-raw-vs-like-for-like.png",
        "charts/12-topic-coverage.png",
        "charts/13-cohorts.svg",
    ] {
        assert!(out.join(f).is_file(), "the pack has no {f}");
    }
    app.screenshot("07-review-pack-exported").await?;

    app.nav("nav-history", "history").await?;
    app.screenshot("08-history").await?;

    // About names this build and this database, as `mentorscope about` does;
    // Definitions is docs/METRICS.md.
    app.nav("nav-about", "about").await?;
    let about = cli_json(&db, &["about", "--json"])?;
    let version = app
        .find("[data-test='about-version']")
        .await?
        .text()
        .await?;
    assert_eq!(Some(version.as_str()), about["version"].as_str());
    let shown_db = app
        .find("[data-test='about-database']")
        .await?
        .text()
        .await?;
    assert_eq!(shown_db, db.display().to_string());
    let licences = app
        .js(
            "return document.querySelectorAll(\"[data-test='about-licences'] > li\").length",
            vec![],
        )
        .await?;
    assert!(licences.as_u64().unwrap_or(0) >= 5, "{licences}");
    app.screenshot("09-about").await?;
    app.nav("nav-definitions", "definitions").await?;
    app.find("[data-test='definitions'] [data-anchor='privacy-rules']")
        .await?;
    app.screenshot("10-definitions").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn markup_in_a_csv_is_imported_and_shown_as_text() -> Result<()> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let files = work.path().join("exports");
    std::fs::create_dir_all(&files)?;
    let roster = files.join("roster-march.csv");
    let img = "<img src=x onerror=alert(1)>";
    let script = "<script>alert(2)</script>";
    std::fs::write(
        &roster,
        format!(
            "Employee ID,Full Name,Work Email,Department,Job Level,Hire Date\n\
             X1,{img},x1@example.com,{script},L1,2026-01-05\n\
             X2,{script},x2@example.com,Platform,L2,2026-01-06\n\
             X3,Ada Lovelace,x3@example.com,Platform,L2,13/31/2025\n"
        ),
    )?;
    let pairings = files.join("pairings.csv");
    std::fs::write(
        &pairings,
        "Mentor Email,Mentee Email,Cohort,Start Date\n\
         x2@example.com,x1@example.com,<b>bold</b>,2026-01-10\n",
    )?;

    let app = App::start(&db, work.path()).await?;
    app.find("[data-test='start-import']").await?;
    app.click("[data-test='start-import']").await?;
    app.wait_view("import").await?;
    app.screenshot("09-import-empty").await?;

    app.answer_dialogs_with(&[&pairings, &roster])?;
    app.click("[data-test='choose-files']").await?;
    app.find("[data-file='roster-march.csv']").await?;
    app.find("[data-file='pairings.csv']").await?;
    app.wait_view("import").await?;
    app.screenshot("10-import-preview").await?;

    // The preview shows the names as text.
    let cells = app
        .js(
            "return [...document.querySelectorAll('table.preview td')].map(td => td.textContent)",
            vec![],
        )
        .await?;
    let cells: Vec<&str> = cells
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(cells.contains(&img) && cells.contains(&script), "{cells:?}");

    app.click("[data-test='run-import']").await?;
    app.find("[data-test='to-dashboard']").await?;
    app.wait_view("import").await?;
    app.screenshot("11-import-report").await?;

    // The impossible date is reported with its line, column and fix, and the
    // problems can be saved as CSV.
    let report = app
        .js("return document.querySelector(\"[data-file='roster-march.csv'] .problems-table\")?.textContent || ''", vec![])
        .await?;
    let report = report.as_str().unwrap_or_default();
    assert!(report.contains("13/31/2025"), "{report}");
    let csv_dir = work.path().join("problems");
    std::fs::create_dir_all(&csv_dir)?;
    app.answer_dialogs_with(&[&csv_dir])?;
    app.click("[data-file='roster-march.csv'] [data-test='export-problems']")
        .await?;
    let csv = csv_dir.join("roster-march-problems.csv");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !csv.exists() && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let text = std::fs::read_to_string(&csv)?;
    assert!(text.contains("13/31/2025"), "{text}");

    app.click("[data-test='to-dashboard']").await?;
    app.wait_view("dashboard").await?;
    app.nav("nav-people", "people").await?;
    app.click("[data-test='tab-people']").await?;
    app.find("[data-test='people-table']").await?;
    app.screenshot("12-people-markup").await?;
    let names = app
        .js("return [...document.querySelectorAll('[data-test=people-table] .person')].map(e => e.textContent)", vec![])
        .await?;
    let names: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(names.contains(&img), "{names:?}");
    assert!(names.contains(&script), "{names:?}");
    // Nothing became markup: no image but the charts, no injected script,
    // and the team filter lists the team name as text.
    let injected = app
        .js(
            "return { imgs: document.querySelectorAll('img:not(.chart-img)').length, \
                      scripts: [...document.scripts].filter(s => !s.src).length, \
                      bold: document.querySelectorAll('main b').length, \
                      team: [...document.querySelectorAll(\"[data-test='filter-team'] option\")].map(o => o.textContent) }",
            vec![],
        )
        .await?;
    assert_eq!(injected["imgs"], 0, "{injected}");
    assert_eq!(injected["scripts"], 0, "{injected}");
    assert_eq!(injected["bold"], 0, "{injected}");
    assert!(
        injected["team"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == script),
        "{injected}"
    );
    app.click("[data-test='tab-pairings']").await?;
    let cohort = app
        .js("return document.querySelector('[data-test=pairings-table] tbody tr td:nth-child(4)')?.textContent", vec![])
        .await?;
    assert_eq!(cohort, "<b>bold</b>");
    app.close().await
}

/// A workbook with several sheets and a Teams attendance report through the
/// wizard: the workbook's sheets are listed (hidden and empty ones said so)
/// and the preview switches sheet; the report lists which meetings matched
/// a pairing and which were kept as unmatched.
#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn a_workbook_and_a_teams_report_through_the_wizard() -> Result<()> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let book = mentorscope_e2e::repo_root().join("tests/fixtures/workbooks/program.xlsx");
    // The first sample pairing meets; a second meeting has only strangers.
    let report = work
        .path()
        .join("Mentoring check-in - Attendance report.csv");
    let pairings =
        std::fs::read_to_string(mentorscope_e2e::repo_root().join("sample-data/pairings.csv"))?;
    let first: Vec<&str> = pairings
        .lines()
        .nth(1)
        .unwrap_or_default()
        .split(',')
        .collect();
    let (mentor, mentee) = (first[0], first[1]);
    std::fs::write(
        &report,
        format!(
            "1. Summary\nMeeting title,Mentoring check-in\nStart time,\"2/3/25, 9:00:00 AM\"\n\n2. Participants\n\
             Name,First join,Last leave,In-meeting duration,Email,Participant ID (UPN),Role\n\
             Mentor,\"2/3/25, 9:00:00 AM\",\"2/3/25, 9:40:00 AM\",40m 0s,{mentor},{mentor},Organizer\n\
             Mentee,\"2/3/25, 9:05:00 AM\",\"2/3/25, 9:35:00 AM\",30m 0s,{mentee},{mentee},Presenter\n\n\
             3. In-Meeting activities\n"
        ),
    )?;
    let stranger = work.path().join("participants_42.csv");
    std::fs::write(
        &stranger,
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\n\
         42,Book club,02/04/2025 05:00:00 PM,02/04/2025 06:00:00 PM,guest@elsewhere.org,60,2,\n\n\
         Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n\
         Guest One,guest@elsewhere.org,02/04/2025 05:00:00 PM,02/04/2025 06:00:00 PM,60\n\
         Guest Two,guest2@elsewhere.org,02/04/2025 05:01:00 PM,02/04/2025 05:59:00 PM,58\n",
    )?;

    let app = App::start(&db, work.path()).await?;
    app.click("[data-test='start-import']").await?;
    app.wait_view("import").await?;
    app.answer_dialogs_with(&[&book, &report, &stranger])?;
    app.click("[data-test='choose-files']").await?;
    app.find("[data-file='program.xlsx'] [data-test='sheet-select']")
        .await?;
    app.wait_view("import").await?;
    let summary = app
        .js("return document.querySelector(\"[data-file='program.xlsx'] [data-test='sheet-summary']\").textContent", vec![])
        .await?;
    let summary = summary.as_str().unwrap_or_default();
    assert!(
        summary.contains("2 of 4 sheets")
            && summary.contains("Old roster (it is hidden)")
            && summary.contains("Notes (it is empty)"),
        "{summary}"
    );
    app.screenshot("13-import-workbook-preview").await?;

    // Switch the preview to the Pairings sheet.
    app.js(
        "const s = document.querySelector(\"[data-file='program.xlsx'] [data-test='sheet-select']\"); s.value = 'Pairings'; s.dispatchEvent(new Event('change', {bubbles: true})); return true",
        vec![],
    )
    .await?;
    app.wait_js(
        "the Pairings sheet's preview",
        "return [...document.querySelectorAll(\"[data-file='program.xlsx'] table.preview th\")].map(t => t.textContent).join('|')",
        |v| v.as_str().unwrap_or_default().starts_with("Mentor Email|Mentee Email"),
    )
    .await?;
    app.screenshot("14-import-workbook-sheet").await?;

    app.click("[data-test='run-import']").await?;
    app.find("[data-test='to-dashboard']").await?;
    app.wait_view("import").await?;
    let sheets = app
        .js("return [...document.querySelectorAll(\"article.report[data-file='program.xlsx']\")].map(a => a.dataset.sheet + ':' + a.dataset.outcome)", vec![])
        .await?;
    assert_eq!(
        sheets,
        serde_json::json!(["Roster:imported", "Pairings:imported"])
    );
    let matched = app
        .js("return [...document.querySelectorAll('[data-test=meetings-table] tbody tr')].map(r => r.dataset.matched)", vec![])
        .await?;
    assert_eq!(
        matched,
        serde_json::json!(["yes", "no"]),
        "one matched and one unmatched meeting"
    );
    app.js(
        "document.querySelectorAll('[data-test=meetings-table]')[0].scrollIntoView({block: 'start'}); return true",
        vec![],
    )
    .await?;
    app.screenshot("15-import-attendance-report").await?;
    app.js(
        "document.querySelectorAll('[data-test=meetings-table]')[1].scrollIntoView({block: 'start'}); return true",
        vec![],
    )
    .await?;
    app.screenshot("16-import-unmatched-meetings").await?;
    let status = cli_json(&db, &["status", "--json"])?;
    assert_eq!(json_path(&status, "meetings"), Some(&Value::from(1)));
    assert_eq!(
        json_path(&status, "unmatched_meetings"),
        Some(&Value::from(1))
    );
    app.close().await
}
