//! The desktop app's webview is locked down, and stays so: the CSP in
//! `src-tauri/tauri.conf.json` allows only the app's own code and the IPC
//! channel (no remote origin, no eval, no inline script or style), the
//! capability files grant only the event permissions the UI uses, the UI
//! imports no Tauri plugin and writes no markup strings, and nothing in the
//! app or the library can open a network connection. Read from the files
//! themselves, so a change to any of them is checked here.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

fn read(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn conf() -> Value {
    serde_json::from_str(&read("src-tauri/tauri.conf.json")).unwrap()
}

fn csp_of(v: &Value) -> BTreeMap<String, Vec<String>> {
    let csp = v.as_str().expect("the CSP is one string");
    let mut out = BTreeMap::new();
    for d in csp.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        let mut parts = d.split_whitespace();
        let name = parts.next().unwrap().to_ascii_lowercase();
        assert!(
            out.insert(name.clone(), parts.map(str::to_string).collect())
                .is_none(),
            "directive {name} given twice"
        );
    }
    out
}

/// Sources that stay on this machine: the app's own assets, inline data the
/// app makes itself (`data:`/`blob:` images), and Tauri's IPC and asset
/// protocols (custom schemes, or `http://ipc.localhost` where the platform
/// maps them to a localhost name).
const LOCAL: &[&str] = &[
    "'self'",
    "'none'",
    "data:",
    "blob:",
    "ipc:",
    "http://ipc.localhost",
    "asset:",
    "http://asset.localhost",
];

#[test]
fn csp_allows_no_remote_origin_no_eval_and_no_inline_code() {
    let conf = conf();
    let security = &conf["app"]["security"];
    let csp = csp_of(&security["csp"]);
    assert_eq!(
        csp.get("default-src").map(Vec::as_slice),
        Some(&["'self'".to_string()][..])
    );
    for (directive, sources) in &csp {
        for s in sources {
            assert!(
                LOCAL.contains(&s.as_str()),
                "{directive} allows `{s}`, which is not local (remote origins, wildcards and \
                 http:/https: schemes would let the webview reach the network)"
            );
        }
    }
    // Every way scripts could run or be smuggled in is shut.
    for d in [
        "script-src",
        "style-src",
        "object-src",
        "base-uri",
        "form-action",
        "frame-ancestors",
    ] {
        assert!(csp.contains_key(d), "the CSP lacks {d}");
    }
    for d in ["object-src", "base-uri", "form-action", "frame-ancestors"] {
        assert_eq!(csp[d], ["'none'"], "{d}");
    }
    assert_eq!(csp["script-src"], ["'self'"]);
    // With no connect-src the default applies; with one, only IPC.
    if let Some(c) = csp.get("connect-src") {
        assert!(
            c.iter().all(|s| s == "ipc:" || s == "http://ipc.localhost"),
            "{c:?}"
        );
    }
    // The keywords above are all in LOCAL's complement, but say it plainly.
    let all = security["csp"].as_str().unwrap();
    for banned in [
        "unsafe-eval",
        "unsafe-inline",
        "unsafe-hashes",
        "wasm-unsafe-eval",
        "*",
    ] {
        assert!(!all.contains(banned), "the CSP contains {banned}");
    }

    // Tauri's switches that would weaken it are off or absent.
    for key in [
        "dangerousDisableAssetCspModification",
        "devCsp",
        "dangerousRemoteDomainIpcAccess",
    ] {
        assert!(security.get(key).is_none(), "app.security.{key} is set");
    }
    if let Some(asset) = security.get("assetProtocol") {
        assert_ne!(
            asset["enable"], true,
            "the asset protocol is enabled: {asset}"
        );
    }
    assert_eq!(
        conf["app"]["withGlobalTauri"], false,
        "window.__TAURI__ is exposed"
    );
    for w in conf["app"]["windows"].as_array().unwrap() {
        if let Some(url) = w.get("url").and_then(Value::as_str) {
            assert!(!url.contains("://"), "a window loads {url}");
        }
    }
    if let Some(dev) = conf["build"].get("devUrl").and_then(Value::as_str) {
        assert!(dev.starts_with("http://localhost"), "devUrl {dev}");
    }
}

/// Permissions the UI needs, and the code that needs each.
const NEEDED: &[(&str, &str)] = &[
    // `getCurrentWebview().onDragDropEvent` (files dropped on the window)
    // and import progress listen for events and stop listening.
    ("core:event:allow-listen", "onDragDropEvent("),
    ("core:event:allow-unlisten", "onDragDropEvent("),
];

#[test]
fn capabilities_grant_only_the_event_permissions_the_ui_uses() {
    let dir = common::repo().join("src-tauri/capabilities");
    let files: Vec<PathBuf> = common::files_under(&dir);
    assert!(!files.is_empty(), "no capability file");
    let ui = ui_sources();
    let mut granted = BTreeSet::new();
    for f in &files {
        let cap: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.display();
        assert!(
            cap.get("remote").is_none(),
            "{name} lets remote pages call the app"
        );
        assert_eq!(
            cap["windows"],
            serde_json::json!(["main"]),
            "{name}: windows"
        );
        if let Some(p) = cap.get("platforms") {
            assert!(p.is_array(), "{name}: platforms");
        }
        for p in cap["permissions"].as_array().expect("permissions") {
            // A permission with a scope is an object with an `identifier`.
            let id = p
                .as_str()
                .or_else(|| p["identifier"].as_str())
                .unwrap_or_else(|| panic!("{name}: {p}"))
                .to_string();
            granted.insert(id);
        }
    }
    for id in &granted {
        let (_, used_by) = NEEDED.iter().find(|(n, _)| n == id).unwrap_or_else(|| {
            panic!(
                "the webview is granted `{id}`, which the UI does not need; file system, \
                     shell, dialog, HTTP and window-creation rights stay in Rust"
            )
        });
        assert!(
            ui.iter().any(|(_, src)| src.contains(used_by)),
            "`{id}` is granted for `{used_by}`, which the UI no longer calls: remove it"
        );
    }
    // And the UI does get what it calls (or drag-and-drop would fail).
    for (id, used_by) in NEEDED {
        if ui.iter().any(|(_, src)| src.contains(used_by)) {
            assert!(
                granted.contains(*id),
                "the UI calls {used_by} but `{id}` is not granted"
            );
        }
    }
}

/// The UI's own TypeScript (not generated bindings, not node_modules).
fn ui_sources() -> Vec<(String, String)> {
    let dir = common::repo().join("ui/src");
    let files: Vec<(String, String)> = common::files_under(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ts"))
        .filter(|p| !p.components().any(|c| c.as_os_str() == "generated"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    assert!(
        files.len() >= 3,
        "ui/src has {} TypeScript files",
        files.len()
    );
    files
}

#[test]
fn the_ui_imports_no_plugin_writes_no_markup_and_opens_no_connection() {
    let mut invoke_callers = Vec::new();
    for (name, src) in ui_sources() {
        for line in src.lines() {
            let code = line.split("//").next().unwrap_or("");
            if let Some(i) = code.find("from \"@tauri-apps/") {
                let module = &code[i + 6..];
                assert!(
                    module.starts_with("@tauri-apps/api/"),
                    "{name} imports a Tauri plugin into the webview: {line}"
                );
            }
            for banned in [
                ".innerHTML",
                ".outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
                "new Function",
                "fetch(",
                "XMLHttpRequest",
                "WebSocket",
                "EventSource",
                "sendBeacon",
            ] {
                assert!(!code.contains(banned), "{name}: `{banned}` in: {line}");
            }
        }
        if src.contains("invoke(") || src.contains("invoke<") {
            invoke_callers.push(name);
        }
    }
    // ARCHITECTURE.md: the only file that calls `invoke` is ui/src/api.ts.
    assert_eq!(invoke_callers.len(), 1, "{invoke_callers:?}");
    assert!(invoke_callers[0].ends_with("api.ts"), "{invoke_callers:?}");

    // The page itself loads nothing from elsewhere and runs no inline script.
    let html = read("ui/index.html");
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("").to_ascii_lowercase();
        assert!(
            !tag.contains("http://") && !tag.contains("https://"),
            "ui/index.html: <{tag}>"
        );
        if tag.starts_with("script") {
            assert!(
                tag.contains("src="),
                "ui/index.html has an inline script: <{tag}>"
            );
        }
    }
}

#[test]
fn no_code_of_the_app_or_the_library_can_reach_the_network() {
    // Polars can read from clouds and URLs only with these features.
    let manifest = read("Cargo.toml");
    let polars = manifest
        .lines()
        .find(|l| l.starts_with("polars ="))
        .expect("polars in [workspace.dependencies]");
    assert!(polars.contains("default-features = false"), "{polars}");
    for f in [
        "cloud",
        "http",
        "aws",
        "azure",
        "gcp",
        "async",
        "ipc_streaming",
    ] {
        assert!(
            !polars.contains(&format!("\"{f}\"")),
            "polars feature {f}: {polars}"
        );
    }
    // No network client or socket in our own Rust.
    let mut sources = common::files_under(&common::repo().join("src"));
    sources.extend(common::files_under(&common::repo().join("src-tauri/src")));
    let banned = [
        "reqwest",
        "ureq",
        "hyper::",
        "TcpStream",
        "UdpSocket",
        "tauri_plugin_http",
        "tauri_plugin_shell",
        "open::that",
    ];
    let mut checked = 0;
    for p in sources
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let src = std::fs::read_to_string(p).unwrap();
        for b in banned {
            assert!(!src.contains(b), "{} uses {b}", p.display());
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} Rust files found");
    // And the app's manifest pulls in no plugin beyond the dialog (run from Rust).
    let app = read("src-tauri/Cargo.toml");
    let plugins: Vec<&str> = app
        .lines()
        .filter(|l| l.trim_start().starts_with("tauri-plugin-"))
        .collect();
    assert_eq!(
        plugins,
        ["tauri-plugin-dialog.workspace = true"],
        "{plugins:?}"
    );
}
