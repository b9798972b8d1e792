//! Anyone can operate the app: axe-core (WCAG 2.2 A/AA and best practice)
//! on every view the sidebar offers, in the light and the dark theme, plus
//! the import wizard's steps, an open dialog and the charts in words; and
//! one whole flow (import → dashboard → a comparison → export → undo)
//! driven with the keyboard alone. Screenshots of every view in both
//! themes land in `e2e/screenshots/`.
//!
//! Run with `e2e/run.sh` (they need a display and tauri-driver).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use fantoccini::key::Key;
use mentorscope_e2e::{cli_json, repo_root, App, AxeReport, Result, Theme, VISIBLE_TEXT_JS};
use serde_json::Value;

fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join("sample-data"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    files
}

/// The routes the sidebar offers right now, as `#/…` addresses, read from
/// the page (a view added later is scanned without touching this test).
async fn sidebar_routes(app: &App) -> Result<Vec<String>> {
    let v = app
        .js(
            "return [...document.querySelectorAll('nav.sidebar a[href^=\"#/\"]')].map(a => a.getAttribute('href'))",
            vec![],
        )
        .await?;
    Ok(v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h.as_str().map(str::to_string))
        .collect())
}

/// Goes to `route` the way the sidebar does and waits for it to be drawn.
async fn visit(app: &App, route: &str) -> Result<String> {
    let key = route.trim_start_matches("#/").to_string();
    app.click(&format!("nav.sidebar a[href='{route}']")).await?;
    app.wait_view(&key).await?;
    app.wait_images().await?;
    Ok(key)
}

/// The findings of one scan, kept per page state.
#[derive(Default)]
struct Scans {
    blocking: Vec<String>,
    summary: BTreeMap<String, (usize, usize, usize)>,
}

impl Scans {
    async fn scan(&mut self, app: &App, theme: Theme, state: &str) -> Result<AxeReport> {
        // Let a toast or a transition settle: axe reads computed colours.
        tokio::time::sleep(Duration::from_millis(150)).await;
        let r = app.axe().await?;
        let blocking: Vec<_> = r.violations.iter().filter(|v| v.blocking()).collect();
        let other = r.violations.len() - blocking.len();
        for v in &blocking {
            self.blocking
                .push(format!("[{} · {state}] {v}", theme.name()));
        }
        for v in r.violations.iter().filter(|v| !v.blocking()) {
            println!("  note [{} · {state}] {v}", theme.name());
        }
        self.summary.insert(
            format!("{} · {state}", theme.name()),
            (r.passes, blocking.len(), other),
        );
        Ok(r)
    }
}

async fn scan_every_view(theme: Theme, scans: &mut Scans) -> Result<usize> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let app = App::start_themed(&db, work.path(), theme).await?;
    let t = theme.name();

    // The app really is in the theme asked for (the OS setting reaches the
    // page through prefers-color-scheme).
    app.wait_view("welcome").await?;
    let dark = app
        .js(
            "return matchMedia('(prefers-color-scheme: dark)').matches",
            vec![],
        )
        .await?;
    assert_eq!(
        dark,
        Value::Bool(theme == Theme::Dark),
        "prefers-color-scheme under {t}"
    );
    let bg = app
        .js(
            "return getComputedStyle(document.body).backgroundColor",
            vec![],
        )
        .await?;
    println!("{t}: page background {bg}");

    // First run, nothing imported.
    for route in sidebar_routes(&app).await? {
        let key = visit(&app, &route).await?;
        scans.scan(&app, theme, &format!("{key} (empty)")).await?;
        app.screenshot(&format!("{t}-empty-{}", key.replace('/', "-")))
            .await?;
    }
    app.click("nav.sidebar a[href='#/welcome']").await?;
    app.wait_view("welcome").await?;
    app.click("[data-test='load-sample']").await?;
    app.wait_view("dashboard").await?;

    // Every view the sidebar offers once there is data.
    let routes = sidebar_routes(&app).await?;
    assert!(routes.len() >= 9, "the sidebar offers only {routes:?}");
    for route in &routes {
        let key = visit(&app, route).await?;
        scans.scan(&app, theme, &key).await?;
        let shot = format!("{t}-{}", key.replace('/', "-"));
        app.screenshot(&shot).await?;
        // The numbers below the charts, too.
        let below = app
            .js(
                "const n = document.querySelector('main .numbers'); if (n) n.scrollIntoView(); return !!n",
                vec![],
            )
            .await?;
        if below == true {
            app.screenshot(&format!("{shot}-numbers")).await?;
        }
    }

    // States inside views: the second tab of People, the charts in words,
    // the import wizard's review and report steps, an open dialog.
    visit(&app, "#/people").await?;
    app.click("[data-test='tab-people']").await?;
    app.find("[data-test='people-table']").await?;
    scans.scan(&app, theme, "people (people tab)").await?;

    visit(&app, "#/compare/survey").await?;
    app.js(
        "document.querySelectorAll('details.chart-words').forEach(d => d.open = true); \
         document.querySelector('details.chart-words').scrollIntoView()",
        vec![],
    )
    .await?;
    scans
        .scan(&app, theme, "compare/survey (charts in words)")
        .await?;
    app.screenshot(&format!("{t}-compare-survey-in-words"))
        .await?;

    visit(&app, "#/import").await?;
    let files = sample_files();
    let two: Vec<&std::path::Path> = files.iter().take(2).map(|p| p.as_path()).collect();
    app.answer_dialogs_with(&two)?;
    app.click("[data-test='choose-files']").await?;
    app.find("[data-test='run-import']").await?;
    scans.scan(&app, theme, "import (review)").await?;
    app.screenshot(&format!("{t}-import-review")).await?;
    app.click("[data-test='run-import']").await?;
    app.find("[data-test='reports-h']").await?;
    scans.scan(&app, theme, "import (report)").await?;
    app.screenshot(&format!("{t}-import-report")).await?;

    visit(&app, "#/history").await?;
    app.click("[data-test^='undo-']").await?;
    app.find("dialog[open]").await?;
    scans.scan(&app, theme, "history (undo dialog)").await?;
    app.screenshot(&format!("{t}-history-undo-dialog")).await?;
    app.press(Key::Escape).await?;

    app.close().await?;
    Ok(routes.len())
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn axe_finds_nothing_serious_on_any_view_in_light_or_dark() -> Result<()> {
    let mut scans = Scans::default();
    let mut views = 0;
    for theme in [Theme::Light, Theme::Dark] {
        views += scan_every_view(theme, &mut scans).await?;
    }
    println!("axe-core, per page state (rules passed, serious/critical, moderate/minor):");
    for (state, (passes, blocking, other)) in &scans.summary {
        println!("  {state}: {passes} passed, {blocking} serious/critical, {other} moderate/minor");
    }
    println!(
        "{} page states scanned ({views} sidebar views across both themes), {} serious/critical violations",
        scans.summary.len(),
        scans.blocking.len()
    );
    assert!(
        scans.blocking.is_empty(),
        "serious or critical accessibility violations:\n{}",
        scans.blocking.join("\n")
    );
    Ok(())
}

/// Text of the element matching `css`, as seen.
async fn seen(app: &App, css: &str) -> Result<String> {
    let v = app
        .js(
            &format!("{VISIBLE_TEXT_JS}\nreturn visibleText(document.querySelector(arguments[0]))"),
            vec![Value::String(css.into())],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn keyboard_alone_imports_compares_exports_and_undoes() -> Result<()> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    // The answer to the first change of kind below comes back after the
    // answer to the second, as it can on a busy machine.
    let late = Duration::from_millis(1500);
    let late_ms = late.as_millis().to_string();
    let env = [("MENTORSCOPE_E2E_REPREVIEW_DELAY_MS", late_ms.as_str())];
    let app = App::start_with(&db, work.path(), Theme::Light, &env).await?;
    app.wait_view("welcome").await?;

    // A new view puts focus on its heading. Backwards from there, past
    // the sidebar, the first stop of the window is the skip link, which
    // takes focus to the content.
    app.wait_focus("h1").await?;
    let back = app.tab_to(".skip-link", true, 20).await?;
    println!("welcome: the skip link is {back} Shift+Tabs before the heading");
    app.press(Key::Enter).await?;
    app.wait_focus("main").await?;

    // Welcome → import.
    let presses = app.tab_to("[data-test='start-import']", false, 30).await?;
    println!("welcome: {presses} Tabs to “Import your files”");
    app.press(Key::Enter).await?;
    app.wait_view("import").await?;
    app.wait_focus("h1").await?;

    // Choose every sample file (the file dialog answers from the test).
    let files = sample_files();
    let refs: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    app.answer_dialogs_with(&refs)?;
    app.tab_to("[data-test='choose-files']", false, 30).await?;
    app.press(Key::Enter).await?;
    app.find("[data-test='run-import']").await?;

    // Change a file's kind and back with the arrow keys: the redraw keeps
    // focus on the same control of the same file, and the kind shown, and
    // imported, is the last one chosen even though the first choice's
    // answer arrives last.
    let card = "[data-file='roster.csv'] [data-test='kind-select']";
    app.tab_to(card, false, 60).await?;
    let before = app
        .js(
            &format!("return document.querySelector(\"{card}\").value"),
            vec![],
        )
        .await?;
    app.press(Key::Down).await?;
    app.wait_js(
        "kind changed",
        &format!("return document.querySelector(\"{card}\").value"),
        |v| v != &before,
    )
    .await?;
    app.wait_focus(card).await?;
    app.press(Key::Up).await?;
    app.wait_js(
        "kind back",
        &format!("return document.querySelector(\"{card}\").value"),
        |v| v == &before,
    )
    .await?;
    app.wait_focus(card).await?;
    tokio::time::sleep(late + Duration::from_secs(1)).await;
    let shown = app
        .js(
            &format!("return document.querySelector(\"{card}\").value"),
            vec![],
        )
        .await?;
    assert_eq!(
        shown, before,
        "the late answer to the first change of kind replaced the second"
    );
    app.wait_focus(card).await?;

    // Import: focus follows the wizard to its report.
    let presses = app.tab_to("[data-test='run-import']", false, 200).await?;
    println!("import: {presses} Tabs from the roster's kind to “Import”");
    app.press(Key::Enter).await?;
    app.wait_focus("[data-test='reports-h']").await?;
    let report = seen(&app, "[data-test='reports-h']").await?;
    assert_eq!(
        report,
        format!("Import report: {0} of {0} files imported", files.len())
    );

    // Report → dashboard.
    app.tab_to("[data-test='to-dashboard']", false, 200).await?;
    app.press(Key::Enter).await?;
    app.wait_view("dashboard").await?;
    app.wait_focus("h1").await?;

    // A filter, with the arrow keys: focus stays on it while the view
    // redraws, and the dashboard follows it.
    app.tab_to("[data-test='filter-team']", true, 40).await?;
    app.press(Key::Down).await?;
    app.wait_js(
        "team scope",
        "return document.querySelector('[data-test=scope]')?.textContent || ''",
        |v| v.as_str().is_some_and(|s| s.contains("team ")),
    )
    .await?;
    app.wait_focus("[data-test='filter-team']").await?;
    app.press(Key::Up).await?;
    app.wait_js(
        "everyone again",
        "return document.querySelector('[data-test=scope]')?.textContent || ''",
        |v| v == "Everyone in the data",
    )
    .await?;
    app.wait_focus("[data-test='filter-team']").await?;

    // Dashboard → the satisfaction comparison through its card.
    app.tab_to("[data-card='satisfaction_change'] .card-link", false, 60)
        .await?;
    app.press(Key::Enter).await?;
    app.wait_view("compare/survey").await?;
    app.wait_focus("h1").await?;
    app.wait_images().await?;

    // A setting of the comparison, typed: the verdict follows and focus
    // stays in the box.
    let min = "[data-test='control-min-group']";
    app.tab_to(min, false, 30).await?;
    app.press(Key::End).await?;
    for _ in 0..6 {
        app.press(Key::Backspace).await?;
    }
    app.type_text("1000").await?;
    app.press(Key::Enter).await?;
    app.wait_js(
        "suppressed",
        "return document.querySelector('[data-test=verdict]')?.dataset.outcome || ''",
        |v| v == "too_few" || v == "no_data",
    )
    .await?;
    app.wait_focus(min).await?;
    app.press(Key::End).await?;
    for _ in 0..6 {
        app.press(Key::Backspace).await?;
    }
    app.type_text("5").await?;
    app.press(Key::Enter).await?;
    app.wait_js(
        "shown again",
        "return document.querySelector('[data-test=verdict]')?.dataset.outcome || ''",
        |v| v == "improved",
    )
    .await?;

    // The first chart in words: Enter opens it and it states the numbers.
    app.tab_to("details.chart-words summary", false, 40).await?;
    app.press(Key::Enter).await?;
    app.wait_js(
        "details open",
        "return document.querySelector('details.chart-words').open",
        |v| v == true,
    )
    .await?;
    let words = seen(&app, "[data-test='chart-description']").await?;
    let cli = cli_json(&db, &["analyze", "--json"])?;
    let before = mentorscope_e2e::format::fixed(
        cli["item_means"]["before"][0].as_f64().unwrap_or(f64::NAN),
        2,
    );
    assert!(
        words.contains(&before),
        "the chart in words does not give {before}: {words}"
    );

    // To the review pack through the sidebar, backwards.
    app.tab_to("nav.sidebar [data-test='nav-pack']", true, 80)
        .await?;
    app.press(Key::Enter).await?;
    app.wait_view("pack").await?;
    app.wait_focus("h1").await?;
    let out = work.path().join("pack");
    app.answer_dialogs_with(&[&out])?;
    app.tab_to("[data-test='export-pack']", false, 40).await?;
    app.press(Key::Enter).await?;
    app.client
        .wait()
        .at_most(Duration::from_secs(300))
        .for_element(fantoccini::Locator::Css("[data-test='pack-result']"))
        .await?;
    app.wait_focus("[data-test='pack-result-h']").await?;
    for f in [
        "review.html",
        "review.pdf",
        "analysis.json",
        "charts/05-ramp-up.png",
    ] {
        assert!(out.join(f).is_file(), "the pack has no {f}");
    }

    // Undo the newest import: the dialog takes focus, Escape closes it and
    // gives focus back, Enter on "Remove" undoes.
    let status = cli_json(&db, &["status", "--json"])?;
    let imports = status["imports"].as_array().map(Vec::len).unwrap_or(0);
    let newest = status["imports"]
        .as_array()
        .and_then(|a| a.iter().filter_map(|i| i["id"].as_i64()).max())
        .ok_or("no imports")?;
    app.tab_to("nav.sidebar [data-test='nav-history']", true, 80)
        .await?;
    app.press(Key::Enter).await?;
    app.wait_view("history").await?;
    let undo = format!("[data-test='undo-{newest}']");
    app.tab_to(&undo, false, 60).await?;
    app.press(Key::Enter).await?;
    app.wait_focus("dialog[open] [data-dialog='cancel']")
        .await?;
    // Tab stays inside the open dialog.
    app.press(Key::Tab).await?;
    let f = app.focused("dialog[open] [data-dialog='confirm']").await?;
    assert_eq!(f["hit"], true, "Tab left the dialog: {}", f["desc"]);
    app.press(Key::Escape).await?;
    app.wait_js(
        "dialog closed",
        "return !document.querySelector('dialog[open]')",
        |v| v == true,
    )
    .await?;
    app.wait_focus(&undo).await?;
    assert_eq!(
        cli_json(&db, &["status", "--json"])?["imports"]
            .as_array()
            .map(Vec::len),
        Some(imports)
    );
    app.press(Key::Enter).await?;
    app.wait_focus("dialog[open] [data-dialog='cancel']")
        .await?;
    app.press(Key::Tab).await?;
    app.press(Key::Enter).await?;
    app.wait_js(
        "import gone",
        &format!("return !document.querySelector(\"[data-import='{newest}']\")"),
        |v| v == true,
    )
    .await?;
    // Focus is not lost with the row: it is back at the view's heading.
    app.wait_focus("h1").await?;
    let toast = seen(&app, ".toast-text").await?;
    assert!(toast.starts_with("Removed "), "{toast}");
    assert_eq!(
        cli_json(&db, &["status", "--json"])?["imports"]
            .as_array()
            .map(Vec::len),
        Some(imports - 1)
    );
    app.screenshot("keyboard-after-undo").await?;
    app.close().await
}
