//! The commands through Tauri's IPC on the mock runtime: no window, no
//! display, the same JSON the webview sends and receives.

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

use crate::{setup, AppState};

/// Every message a command sent through a channel: (channel id, index,
/// message), in the order sent.
type ChannelLog = Arc<Mutex<Vec<(u32, usize, Value)>>>;

struct App {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: WebviewWindow<tauri::test::MockRuntime>,
    channels: ChannelLog,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("program.db");
    app_on(dir, db)
}

/// An app started on `db` (in `dir`, kept as long as the app), as a
/// second launch on the same database would be.
fn app_on(dir: tempfile::TempDir, db: std::path::PathBuf) -> App {
    let store = mentorscope::Store::open(&db).unwrap();
    // The mock webview runs no script, so a channel's messages (which the
    // real window receives as script calls) are taken here instead: the
    // same bytes the window would get, per channel id.
    let channels: ChannelLog = Arc::default();
    let log = Arc::clone(&channels);
    let app = setup(mock_builder())
        .channel_interceptor(move |_, callback, index, body| {
            let message = match body {
                InvokeResponseBody::Json(text) => serde_json::from_str(text).unwrap(),
                InvokeResponseBody::Raw(bytes) => json!({ "raw_bytes": bytes.len() }),
            };
            log.lock().unwrap().push((callback.0, index, message));
            true
        })
        .manage(AppState::new(store))
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App {
        _dir: dir,
        db,
        _app: app,
        webview,
        channels,
    }
}

impl App {
    /// The messages sent on channel `id`, checked to arrive numbered 0, 1, 2 …
    fn channel(&self, id: u32) -> Vec<Value> {
        let log = self.channels.lock().unwrap();
        let mine: Vec<&(u32, usize, Value)> = log.iter().filter(|m| m.0 == id).collect();
        for (n, m) in mine.iter().enumerate() {
            assert_eq!(
                m.1, n,
                "channel {id}: message {n} arrived with index {}",
                m.1
            );
        }
        mine.into_iter().map(|m| m.2.clone()).collect()
    }

    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                // The app's own origin, which the IPC checks: Tauri serves
                // the UI as tauri://localhost, except on Windows (WebView2
                // has no custom schemes), where it is http://tauri.localhost.
                url: if cfg!(windows) {
                    "http://tauri.localhost"
                } else {
                    "tauri://localhost"
                }
                .parse()
                .unwrap(),
                body: InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|r| r.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, body: Value) -> Value {
        match self.call(cmd, body) {
            Ok(v) => v,
            Err(e) => panic!("{cmd} failed: {e}"),
        }
    }
}

fn controls() -> Value {
    json!({})
}

fn sample_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-data")
}

#[test]
fn a_new_database_is_empty_and_says_where_it_is() {
    let app = app();
    let s = app.ok("status", json!({}));
    assert_eq!(s["empty"], true);
    assert_eq!(s["db_path"], app.db.display().to_string());
    assert_eq!(
        s["charts"].as_array().unwrap().len(),
        mentorscope::charts::ChartKind::ALL.len()
    );
}

#[test]
fn the_dashboard_shows_the_numbers_the_cli_computes() {
    let app = app();
    let s = app.ok("load_sample", json!({}));
    assert_eq!(s["empty"], false);
    assert_eq!(
        s["imports"].as_array().unwrap().len(),
        mentorscope::sample::FILES.len()
    );

    let d = app.ok("dashboard", json!({ "controls": controls() }));
    let store = mentorscope::Store::open(&app.db).unwrap();
    let a = mentorscope::analysis::analyze(&store, &Default::default()).unwrap();
    let card = |id: &str| {
        d["cards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no card {id}"))
            .clone()
    };
    let close = |v: &Value, x: f64| (v.as_f64().unwrap() - x).abs() < 1e-9;
    assert!(close(
        &card("satisfaction_change")["value"],
        a.survey_unpaired.diff.unwrap()
    ));
    assert!(close(
        &card("active_pairings")["value"],
        a.engagement.active_pairs as f64
    ));
    let ramp =
        a.ramp_up.mentored.km_median_days.unwrap() - a.ramp_up.not_mentored.km_median_days.unwrap();
    assert!(close(&card("ramp_up_change")["value"], ramp));
    let ret =
        a.retention.mentored.retained_365.unwrap() - a.retention.not_mentored.retained_365.unwrap();
    assert!(close(&card("retention_change")["value"], ret));
    assert_eq!(d["as_of"], a.as_of.unwrap().to_string());
    assert_eq!(d["verdicts"].as_array().unwrap().len(), 5);
    assert!(!d["choices"]["cohorts"].as_array().unwrap().is_empty());
}

/// The id of the import in `status` whose `field` is `value`.
fn import_id(status: &Value, field: &str, value: &str) -> i64 {
    status["imports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i[field] == value)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn a_change_made_by_another_process_shows_on_the_next_view() {
    let app = app();
    let s = app.ok("load_sample", json!({}));
    let participants = |d: &Value| {
        d["cards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "participants")
            .unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    let before = participants(&app.ok("dashboard", json!({ "controls": controls() })));
    assert!(before > 0.0);
    // The command line, on its own connection, undoes the pairing sheet.
    let pairings = import_id(&s, "kind", "pairings");
    let mut cli = mentorscope::Store::open(&app.db).unwrap();
    cli.undo(pairings).unwrap();
    let after = participants(&app.ok("dashboard", json!({ "controls": controls() })));
    let fresh = mentorscope::analysis::analyze(&cli, &Default::default()).unwrap();
    assert_eq!(fresh.engagement.pairs, 0);
    assert!(
        after < before,
        "the window still shows {after} participants"
    );
}

/// A launch on a program whose dashboard was shown before, with no change
/// since, answers with the saved dashboard without reading the program
/// (here a doctored copy, so it can be told apart), reads the program in
/// the background and saves the dashboard it computes; the next request
/// gets the computed one.
#[test]
fn a_launch_shows_the_saved_dashboard_then_brings_it_up_to_date() {
    // The program is imported by the library, not the app: an app's
    // background save of the launch dashboard could land after the
    // doctored copy below and replace it.
    let first = app();
    let db = first.db.clone();
    let App { _dir: dir, .. } = first;
    let mut store = mentorscope::Store::open(&db).unwrap();
    mentorscope::sample::import_into(&mut store).unwrap();
    let computed = dashboard_from(&store);

    let program = mentorscope::api::Program::load(&store).unwrap();
    let mut doctored: mentorscope::api::Dashboard =
        serde_json::from_value(computed.clone()).unwrap();
    doctored.scope = "saved at the last launch".into();
    let none = mentorscope::api::Controls::default();
    mentorscope::api::save_dashboard(&store, &program, &none, &doctored).unwrap();
    drop(program);

    let second = app_on(dir, db);
    let shown = second.ok("dashboard", json!({ "controls": controls() }));
    assert_eq!(shown["scope"], "saved at the last launch");
    assert_eq!(shown["cards"], computed["cards"]);

    // The background reading replaces the saved copy with the real one.
    let t0 = std::time::Instant::now();
    while mentorscope::api::saved_dashboard(&store, &none).map(|d| d.scope)
        == Some("saved at the last launch".into())
    {
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(120),
            "the saved dashboard was never brought up to date"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let saved =
        serde_json::to_value(mentorscope::api::saved_dashboard(&store, &none).unwrap()).unwrap();
    assert_eq!(saved, computed);
    assert_eq!(
        second.ok("dashboard", json!({ "controls": controls() })),
        computed
    );

    // Other controls were never saved: computed, not taken from the save.
    let team = computed["choices"]["teams"][0]
        .as_str()
        .unwrap()
        .to_string();
    let one = second.ok("dashboard", json!({ "controls": { "team": team } }));
    assert!(one["scope"].as_str().unwrap().contains(&team));
}

/// A launch after the data changed outside the app shows the dashboard
/// saved at the last launch, marked provisional, at once; asked again with
/// `settle`, it answers the one worked out from the data as it is now,
/// which is saved for the next launch.
#[test]
fn a_launch_after_an_outside_change_shows_the_last_dashboard_marked_then_the_current_one() {
    let first = app();
    let s = first.ok("load_sample", json!({}));
    let before = first.ok("dashboard", json!({ "controls": controls() }));
    let db = first.db.clone();
    let App { _dir: dir, .. } = first;

    // The command line undoes the pairings while the app is closed.
    let pairings = import_id(&s, "kind", "pairings");
    let mut cli = mentorscope::Store::open(&db).unwrap();
    cli.undo(pairings).unwrap();
    let now = dashboard_from(&cli);
    assert_ne!(now["cards"], before["cards"]);

    let second = app_on(dir, db);
    let shown = second.ok("dashboard", json!({ "controls": controls() }));
    assert!(
        shown["provisional"]
            .as_str()
            .is_some_and(|why| why.contains("data has changed")),
        "{}",
        shown["provisional"]
    );
    assert_eq!(shown["cards"], before["cards"]);
    let settled = second.ok(
        "dashboard",
        json!({ "controls": controls(), "settle": true }),
    );
    assert_eq!(settled, now);
    assert_eq!(settled["provisional"], Value::Null);
    assert_eq!(saved_when_current(&cli), now);

    // Only the launch's first dashboard may be the earlier one: after a
    // change made in this window the dashboard is the new one.
    let s = second.ok("status", json!({}));
    let post = import_id(&s, "file_name", "survey-post.csv");
    second.ok("undo_import", json!({ "importId": post }));
    let after_undo = second.ok("dashboard", json!({ "controls": controls() }));
    assert_eq!(after_undo["provisional"], Value::Null);
    assert_eq!(after_undo, dashboard_from(&cli));
    assert_ne!(after_undo["cards"], now["cards"]);
}

/// The launch dashboard saved in the database once it is current again,
/// waiting for the app's background reading (a bound, not a timing).
fn saved_when_current(store: &mentorscope::Store) -> Value {
    let none = mentorscope::api::Controls::default();
    let t0 = std::time::Instant::now();
    loop {
        if let Some(d) = mentorscope::api::saved_dashboard(store, &none) {
            return serde_json::to_value(d).unwrap();
        }
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(120),
            "no launch dashboard was saved for the data as it is now"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The dashboard the library computes from the database as it is now.
fn dashboard_from(store: &mentorscope::Store) -> Value {
    let program = mentorscope::api::Program::load(store).unwrap();
    let d = mentorscope::api::dashboard(&program, &Default::default()).unwrap();
    serde_json::to_value(d).unwrap()
}

/// A change made in the app saves the launch dashboard behind it, so the
/// next launch shows it at once even when the dashboard is not opened
/// again before the app is closed.
#[test]
fn a_change_made_in_the_app_saves_the_launch_dashboard_for_the_next_launch() {
    let app = app();
    let store = mentorscope::Store::open(&app.db).unwrap();
    app.ok("load_sample", json!({}));
    let first = saved_when_current(&store);
    assert_eq!(first, dashboard_from(&store));

    // An item mark moves the satisfaction card: saved anew.
    let items = app.ok("survey_items", json!({}));
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["in_composite"] == true)
        .expect("an item in the satisfaction composite");
    app.ok(
        "mark_survey_item",
        json!({ "request": { "text": item["text"], "reverse": true } }),
    );
    let marked = saved_when_current(&store);
    assert_eq!(marked, dashboard_from(&store));
    assert_ne!(marked["cards"], first["cards"]);

    // An undo (of the sample's last import, which no card shows): saved
    // anew all the same, for the data's new generation (a saved dashboard
    // is only given back for the generation it was computed from).
    let before = store.generation().unwrap();
    let newest = app.ok("status", json!({}))["imports"][0]["id"]
        .as_i64()
        .unwrap();
    app.ok("undo_import", json!({ "importId": newest }));
    assert!(store.generation().unwrap() > before);
    let undone = saved_when_current(&store);
    assert_eq!(undone, dashboard_from(&store));
}

#[test]
fn a_filter_changes_the_dashboard() {
    let app = app();
    app.ok("load_sample", json!({}));
    let all = app.ok("dashboard", json!({ "controls": controls() }));
    let team = all["choices"]["teams"][0].as_str().unwrap().to_string();
    let one = app.ok("dashboard", json!({ "controls": { "team": team } }));
    assert_ne!(all["cards"][0]["value"], one["cards"][0]["value"]);
    assert!(one["scope"].as_str().unwrap().contains(&team));
}

#[test]
fn every_comparison_has_a_verdict_charts_and_keyed_numbers() {
    let app = app();
    app.ok("load_sample", json!({}));
    for kind in [
        "survey",
        "ramp_up",
        "retention",
        "delivery",
        "engagement",
        "trends",
        "cohorts",
    ] {
        let c = app.ok(
            "comparison",
            json!({ "controls": controls(), "kind": kind }),
        );
        assert_eq!(c["kind"], kind);
        assert!(!c["verdict"]["headline"].as_str().unwrap().is_empty());
        let charts = c["charts"].as_array().unwrap();
        assert!(!charts.is_empty(), "{kind}");
        for ch in charts {
            assert!(ch["svg"].as_str().unwrap().starts_with("<svg"), "{kind}");
            assert!(!ch["description"].as_str().unwrap().is_empty(), "{kind}");
        }
        let keyed = c["tables"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["rows"].as_array().unwrap().clone())
            .flat_map(|r| r["cells"].as_array().unwrap().clone())
            .filter(|c| c["key"].is_string())
            .count();
        assert!(keyed > 0, "{kind}");
    }
}

#[test]
fn a_bad_control_is_an_error_in_words() {
    let app = app();
    app.ok("load_sample", json!({}));
    let e = app
        .call(
            "dashboard",
            json!({ "controls": { "as_of": "next tuesday" } }),
        )
        .unwrap_err();
    assert_eq!(e["code"], "invalid_argument");
    assert!(e["message"].as_str().unwrap().contains("is not a date"));
}

#[test]
fn quiet_pairings_come_first_in_the_people_table() {
    let app = app();
    app.ok("load_sample", json!({}));
    let t = app.ok(
        "people",
        json!({ "controls": controls(), "query": { "search": "" } }),
    );
    let quiet = t["quiet_in_scope"].as_u64().unwrap();
    assert!(quiet > 0);
    assert_eq!(t["pairings"][0]["status"], "quiet");
    let only = app.ok(
        "people",
        json!({ "controls": controls(), "query": { "quiet_only": true } }),
    );
    assert_eq!(only["pairings_matching"].as_u64().unwrap(), quiet);
    let name = t["people"][0]["name"].as_str().unwrap().to_string();
    let found = app.ok(
        "people",
        json!({ "controls": controls(), "query": { "search": name.to_uppercase() } }),
    );
    assert!(found["people"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == name.as_str()));
}

#[test]
fn preview_then_import_with_progress_then_undo() {
    let app = app();
    let dir = sample_dir();
    let files: Vec<String> = ["pairings.csv", "roster.csv", "survey-pre.csv"]
        .iter()
        .map(|f| dir.join(f).display().to_string())
        .collect();
    let previews = app.ok("preview_files", json!({ "paths": files }));
    let previews = previews.as_array().unwrap();
    assert_eq!(previews[0]["kind"], "pairings");
    assert_eq!(previews[1]["kind"], "roster");
    assert_eq!(previews[1]["confident"], true);
    assert!(!previews[1]["sample_rows"].as_array().unwrap().is_empty());
    assert_eq!(previews[2]["is_survey"], true);
    assert_eq!(previews[2]["wave"], "pre");

    let requests: Vec<Value> = previews
        .iter()
        .map(|p| json!({ "path": p["path"], "kind": p["kind"], "wave": p["wave"] }))
        .collect();
    let out = app.ok(
        "import_files",
        json!({ "requests": requests, "onProgress": "__CHANNEL__:7" }),
    );
    let out = out.as_array().unwrap();
    // The roster goes first whatever the order chosen.
    assert_eq!(out[0]["file"], "roster.csv");
    for o in out {
        assert!(o["error"].is_null(), "{o}");
        assert!(o["report"]["import_id"].is_number());
    }

    // The progress bar's messages: for each file in import order, a start
    // at 0, steps that never go back, and an end at 1; every message knows
    // the file's place in the batch.
    let progress = app.channel(7);
    let order: Vec<&str> = out.iter().map(|o| o["file"].as_str().unwrap()).collect();
    let mut seen: Vec<&str> = Vec::new();
    let mut last_fraction = -1.0;
    for m in &progress {
        assert_eq!(m["file_count"], 3, "{m}");
        let file = m["file"].as_str().unwrap();
        let index = m["file_index"].as_u64().unwrap() as usize;
        let fraction = m["fraction"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&fraction), "{m}");
        if seen.last() != Some(&file) {
            assert!(
                !seen.contains(&file),
                "{file} came back after another file: {progress:?}"
            );
            assert_eq!(fraction, 0.0, "{file} starts at {fraction}");
            if let Some(prev) = seen.last() {
                assert_eq!(last_fraction, 1.0, "{prev} ended at {last_fraction}");
            }
            seen.push(file);
            last_fraction = 0.0;
        }
        assert_eq!(order[index], file, "message for {file} has index {index}");
        assert!(
            fraction >= last_fraction,
            "{file}: {fraction} after {last_fraction}"
        );
        last_fraction = fraction;
    }
    assert_eq!(seen, order, "files in the progress messages");
    assert_eq!(last_fraction, 1.0);
    // The roster (about 200 rows) moves the bar between its ends too.
    let roster_steps = progress
        .iter()
        .filter(|m| m["file"] == "roster.csv")
        .filter(|m| (0.0..1.0).contains(&m["fraction"].as_f64().unwrap()) && m["fraction"] != 0.0)
        .count();
    assert!(
        roster_steps > 0,
        "no step between 0 and 1 for the roster: {progress:?}"
    );
    let s = app.ok("status", json!({}));
    assert_eq!(s["imports"].as_array().unwrap().len(), 3);
    let newest = s["imports"][0]["id"].as_i64().unwrap();
    let s = app.ok("undo_import", json!({ "importId": newest }));
    assert_eq!(s["imports"].as_array().unwrap().len(), 2);
}

#[test]
fn markup_in_names_is_stored_and_returned_as_text() {
    let app = app();
    app.ok("load_sample", json!({}));
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("new-hires.csv");
    std::fs::write(
        &roster,
        "Employee ID,Full Name,Work Email,Department,Job Level,Hire Date\n\
         X1,<img src=x onerror=alert(1)>,x1@example.com,<script>alert(2)</script>,L1,2026-01-05\n",
    )
    .unwrap();
    let out = app.ok(
        "import_files",
        json!({ "requests": [{ "path": roster.display().to_string() }], "onProgress": "__CHANNEL__:3" }),
    );
    assert!(out[0]["error"].is_null(), "{}", out[0]);
    let t = app.ok(
        "people",
        json!({ "controls": controls(), "query": { "search": "onerror" } }),
    );
    assert_eq!(t["people"][0]["name"], "<img src=x onerror=alert(1)>");
    assert_eq!(t["people"][0]["team"], "<script>alert(2)</script>");
}

#[test]
fn an_unusable_file_is_refused_in_words_and_its_problems_export_safely() {
    let app = app();
    let bad = sample_dir().join("invalid/unknown-kind.csv");
    let out = app.ok(
        "import_files",
        json!({ "requests": [{ "path": bad.display().to_string() }], "onProgress": "__CHANNEL__:1" }),
    );
    let err = &out[0]["error"];
    assert_eq!(err["code"], "unknown_kind");
    assert!(err["message"].as_str().unwrap().contains("could not tell"));

    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("problems.csv");
    app.ok(
        "export_problems",
        json!({
            // A roster's problems keep their values (a survey's would not).
            "export": { "file": "x.csv", "kind": "roster", "problems": [{
                "line": 2, "column": "Name", "value": "=cmd|' /C calc'!A0",
                "reason": "bad", "severity": "skipped", "severity_label": "Row skipped" }] },
            "path": csv.display().to_string()
        }),
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("'=cmd|"), "{text}");
}

#[test]
fn the_review_pack_lands_in_the_chosen_folder() {
    let app = app();
    app.ok("load_sample", json!({}));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    let r = app.ok(
        "export_pack",
        json!({
            "controls": controls(),
            "request": { "charts": ["ramp_up", "retention"], "svg": true, "png": false,
                         "html": true, "pdf": false, "dir": out.display().to_string() },
            "onProgress": "__CHANNEL__:5"
        }),
    );
    let files: Vec<&str> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(files.contains(&"review.html"));
    assert!(files.contains(&"charts/05-ramp-up.svg"));
    assert!(!files
        .iter()
        .any(|f| f.ends_with(".png") || f.ends_with(".pdf")));
    assert!(!files.contains(&"charts/01-satisfaction-by-item.svg"));
    for f in &files {
        assert!(out.join(f).is_file(), "{f}");
    }
    // Its progress messages count up to the total, which stays the same.
    let progress = app.channel(5);
    assert!(!progress.is_empty());
    let total = progress[0]["total"].as_u64().unwrap();
    let mut done = 0;
    for m in &progress {
        assert_eq!(m["total"].as_u64(), Some(total), "{m}");
        let d = m["done"].as_u64().unwrap();
        assert!(d >= done && d <= total, "{m} after {done}");
        assert!(!m["step"].as_str().unwrap().is_empty(), "{m}");
        done = d;
    }
    assert_eq!(done, total, "the last message: {:?}", progress.last());
}

#[test]
fn slides_and_workbook_come_only_when_chosen() {
    let app = app();
    app.ok("load_sample", json!({}));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    let r = app.ok(
        "export_pack",
        json!({
            "controls": controls(),
            "request": { "pptx": true, "xlsx": false, "dir": out.display().to_string() },
            "onProgress": "__CHANNEL__:6"
        }),
    );
    let files: Vec<&str> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(files, ["review.pptx", "analysis.json"]);
    let deck = std::fs::read(out.join("review.pptx")).unwrap();
    assert!(deck.starts_with(b"PK\x03\x04"), "review.pptx is a zip");
    assert!(!out.join("review.xlsx").exists());
}

/// With a display the picture lands on the clipboard at the 2x size and
/// reads back; without one (a plain `cargo test`), the refusal is in words.
#[test]
fn a_chart_is_copied_to_the_clipboard_as_a_picture_or_refused_in_words() {
    let app = app();
    app.ok("load_sample", json!({}));
    let r = app.call(
        "copy_chart",
        json!({ "controls": controls(), "chart": "retention" }),
    );
    match arboard::Clipboard::new() {
        Ok(mut clipboard) => {
            assert!(r.is_ok(), "{r:?}");
            let img = clipboard.get_image().expect("an image on the clipboard");
            assert_eq!((img.width, img.height), (3840, 2160));
            // Opaque white where the chart has no ink (the top-left corner).
            assert_eq!(&img.bytes[..4], &[255, 255, 255, 255]);
        }
        Err(_) => {
            let e = r.expect_err("no clipboard, so an error");
            assert_eq!(e["code"], "clipboard", "{e}");
            assert!(
                e["message"].as_str().unwrap().contains("Save as PNG"),
                "{e}"
            );
        }
    }
    let e = app
        .call(
            "copy_chart",
            json!({ "controls": controls(), "chart": "nope" }),
        )
        .expect_err("unknown chart");
    assert_eq!(e["code"], "invalid_argument", "{e}");
}

#[test]
fn about_names_the_version_database_and_licences() {
    let app = app();
    let a = app.ok("about", json!({}));
    assert_eq!(a["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(a["database"], app.db.display().to_string());
    assert_eq!(a["licence"], "MIT");
    assert!(a["third_party_packages"].as_u64().unwrap() > 100);
    let d = app.ok("definitions", json!({}));
    assert_eq!(d["source"], "docs/METRICS.md");
    assert!(d["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["kind"] == "heading" && b["anchor"] == "privacy-rules"));
}

/// The satisfaction comparison's composite means and its list of questions.
fn satisfaction(app: &App) -> (f64, f64, Vec<String>, Value) {
    let c = app.ok(
        "comparison",
        json!({ "controls": controls(), "kind": "survey" }),
    );
    let tables = c["tables"].clone();
    let cell = |key: &str| {
        tables
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["rows"].as_array().unwrap().clone())
            .flat_map(|r| r["cells"].as_array().unwrap().clone())
            .find(|c| c["key"] == key)
            .unwrap_or_else(|| panic!("no cell {key}"))
    };
    let mean = |key: &str| {
        let c = cell(key);
        assert!(c["suppressed"].is_null(), "{c}");
        c["values"][0]
            .as_f64()
            .unwrap_or_else(|| panic!("{key}: {c}"))
    };
    let questions = tables
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["caption"].as_str().unwrap().starts_with("Each question"))
        .expect("the table of questions")["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap().to_string())
        .collect();
    (
        mean("survey_unpaired.mean_before"),
        mean("survey_unpaired.mean_after"),
        questions,
        tables,
    )
}

#[test]
fn item_marks_change_the_satisfaction_numbers_and_a_bad_mark_changes_nothing() {
    let app = app();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/program-scales");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    let previews = app.ok("preview_files", json!({ "paths": files }));
    let requests: Vec<Value> = previews
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!({ "path": p["path"], "kind": p["kind"], "wave": p["wave"] }))
        .collect();
    let out = app.ok(
        "import_files",
        json!({ "requests": requests, "onProgress": "__CHANNEL__:2" }),
    );
    for o in out.as_array().unwrap() {
        assert!(o["error"].is_null(), "{o}");
    }

    const FEEDBACK: &str = "How often do you get useful feedback?";
    const WORKLOAD: &str = "How manageable is your workload? (0-10)";
    let items = app.ok("survey_items", json!({}));
    let item = |items: &Value, text: &str| {
        items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["text"] == text)
            .unwrap_or_else(|| panic!("no item {text} in {items}"))
            .clone()
    };
    let feedback = item(&items, FEEDBACK);
    assert_eq!(feedback["kind"], "likert");
    assert_eq!(feedback["reverse"], false);
    assert_eq!(feedback["in_composite"], true);
    assert_eq!(feedback["can_declare_scale"], false);
    let workload = item(&items, WORKLOAD);
    assert_eq!(workload["kind"], "zero_to_ten");
    assert_eq!(workload["read_as"], "Numbers 0–10");
    assert_eq!(workload["scale"], Value::Null);
    assert_eq!(workload["in_composite"], false);
    assert_eq!(workload["can_declare_scale"], true);
    assert!(workload["scale_choices"]
        .as_array()
        .unwrap()
        .contains(&json!("0-10")));
    assert_eq!(workload["waves"].as_array().unwrap().len(), 3);

    let (before0, after0, questions0, tables0) = satisfaction(&app);
    assert!(!questions0.iter().any(|q| q == WORKLOAD), "{questions0:?}");

    // Refused in words, and nothing changes: flipping an item that is not
    // on a scale, a scale its answers do not fit, an item nobody asked.
    for (request, says) in [
        (
            json!({ "text": WORKLOAD, "reverse": true }),
            "only an item on a scale",
        ),
        (
            json!({ "text": WORKLOAD, "scale": "1-5" }),
            "not whole numbers from 1 to 5",
        ),
        (
            json!({ "text": WORKLOAD, "scale": "2-99" }),
            "not a rating scale",
        ),
        (
            json!({ "text": "Do you like Mondays?", "reverse": true }),
            "no survey item reads",
        ),
    ] {
        let e = app
            .call("mark_survey_item", json!({ "request": request }))
            .expect_err("a bad mark is refused");
        assert_eq!(e["code"], "invalid_argument", "{e}");
        let message = e["message"].as_str().unwrap();
        assert!(message.to_lowercase().contains(&says.to_lowercase()), "{e}");
        // A sentence for a person, not a debug dump.
        assert!(
            !message.contains("InvalidArgument") && !message.contains('{'),
            "{e}"
        );
    }
    assert_eq!(app.ok("survey_items", json!({})), items);
    assert_eq!(satisfaction(&app).3, tables0);

    // Reverse-coded: the same questions, the composite moves.
    let marked = app.ok(
        "mark_survey_item",
        json!({ "request": { "text": FEEDBACK, "reverse": true } }),
    );
    assert_eq!(marked["reverse"], true);
    let (before1, after1, questions1, _) = satisfaction(&app);
    assert_eq!(questions1, questions0);
    assert!(
        (before1 - before0).abs() > 1e-6 && (after1 - after0).abs() > 1e-6,
        "means {before0}, {after0} before the flip and {before1}, {after1} after"
    );

    // A declared scale: the 0–10 item joins the composite.
    let marked = app.ok(
        "mark_survey_item",
        json!({ "request": { "text": WORKLOAD, "scale": "0-10" } }),
    );
    assert_eq!(marked["scale"], "0-10");
    assert_eq!(marked["in_composite"], true);
    let (before2, after2, questions2, _) = satisfaction(&app);
    assert_eq!(questions2.len(), questions1.len() + 1, "{questions2:?}");
    assert!(questions2.iter().any(|q| q == WORKLOAD), "{questions2:?}");
    assert!(
        (before2 - before1).abs() > 1e-6 && (after2 - after1).abs() > 1e-6,
        "means {before1}, {after1} before the scale and {before2}, {after2} after"
    );
    // The same numbers as the library computes from the database.
    let store = mentorscope::Store::open(&app.db).unwrap();
    let a = mentorscope::analysis::analyze(&store, &Default::default()).unwrap();
    assert!((a.survey_unpaired.mean_before.unwrap() - before2).abs() < 1e-9);
    assert!((a.survey_unpaired.mean_after.unwrap() - after2).abs() < 1e-9);

    let items = app.ok("survey_items", json!({}));
    assert_eq!(item(&items, FEEDBACK)["reverse"], true);
    assert_eq!(item(&items, WORKLOAD)["scale"], "0-10");
    // Withdrawn: back out of the composite, and the numbers with it.
    app.ok(
        "mark_survey_item",
        json!({ "request": { "text": WORKLOAD, "scale": "" } }),
    );
    let (before3, after3, questions3, _) = satisfaction(&app);
    assert_eq!(questions3, questions1);
    assert!((before3 - before1).abs() < 1e-9 && (after3 - after1).abs() < 1e-9);
}
