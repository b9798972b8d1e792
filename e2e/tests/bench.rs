//! A measurement, not a test: how long the real app takes from launch to
//! an interactive dashboard on a large program, and how much memory it
//! uses. Point it at a database:
//!
//!   MENTORSCOPE_BENCH_DB=/tmp/big/ms.db e2e/run.sh large_program
//!
//! (make one with `generate-scale --people 100000` and `mentorscope import`).
//! It changes no data; the app keeps the dashboard it shows in the
//! database's `view_cache`, so a second run measures a launch that finds
//! it saved (the usual case), the first on a new database one that does
//! not, and the first after a change made outside the app one that shows
//! the last launch's dashboard, marked, until the current one is ready.

use std::time::Instant;

use mentorscope_e2e::{App, Result};

#[tokio::test]
#[ignore = "a benchmark on a display: MENTORSCOPE_BENCH_DB=… e2e/run.sh large_program"]
async fn large_program_launch_to_dashboard() -> Result<()> {
    let db = std::env::var_os("MENTORSCOPE_BENCH_DB")
        .ok_or("set MENTORSCOPE_BENCH_DB to the database to measure")?;
    let work = tempfile::tempdir()?;
    let app = App::start(std::path::Path::new(&db), work.path()).await?;
    app.find("[data-card='participants']").await?;
    let shown = app.started.elapsed();
    // After a change made outside the app, the last launch's dashboard is
    // shown at once under a notice, and replaced when the program is read.
    let provisional = app
        .js(
            "return document.querySelector(\"[data-test='provisional']\") !== null",
            vec![],
        )
        .await?
        .as_bool()
        .unwrap_or(false);
    if provisional {
        app.screenshot("bench-dashboard-provisional").await?;
    }
    app.wait_view("dashboard").await?;
    let interactive = app.started.elapsed();
    if provisional {
        println!("launch to the last launch's dashboard, marked provisional: {shown:.2?}");
        println!("launch to the current dashboard: {interactive:.2?}");
    } else {
        println!("launch to interactive dashboard: {interactive:.2?}");
    }
    let mut total = 0.0;
    for (pid, name, mib) in app.processes() {
        println!("  {name} (pid {pid}): {mib:.0} MiB resident");
        if name != "WebKitWebDriver" {
            total += mib;
        }
    }
    println!("  app + WebKit processes: {total:.0} MiB");
    app.screenshot("bench-dashboard").await?;

    for (nav, view) in [
        ("nav-survey", "compare/survey"),
        ("nav-ramp_up", "compare/ramp_up"),
        ("nav-engagement", "compare/engagement"),
        ("nav-people", "people"),
        ("nav-dashboard", "dashboard"),
    ] {
        let t = Instant::now();
        app.nav(nav, view).await?;
        if view.starts_with("compare") {
            app.wait_images().await?;
        }
        println!("  open {view}: {:.2?}", t.elapsed());
    }
    let t = Instant::now();
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
    println!("  filter by one team: {:.2?}", t.elapsed());
    let mut peak = 0.0;
    for (pid, name, mib) in app.processes() {
        if name != "WebKitWebDriver" {
            println!("  after browsing, {name} (pid {pid}): {mib:.0} MiB resident");
            peak += mib;
        }
    }
    println!("  app + WebKit processes after browsing: {peak:.0} MiB");
    app.screenshot("bench-people").await.ok();
    app.close().await
}
