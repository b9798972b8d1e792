//! Helpers for the end-to-end tests in `tests/`: start `tauri-driver` on a
//! free port with the app's environment (its own program database and the
//! file that answers its dialogs), open a WebDriver session on the real
//! desktop app, and wait for the page the way a person would (the app
//! answers asynchronously, so every check polls until a deadline).
//!
//! Needs a display (run under `xvfb-run`, see `e2e/run.sh`), `tauri-driver`
//! on PATH or in `~/.cargo/bin`, and Debian's `WebKitWebDriver`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub mod format;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The operating system's appearance the app starts under. WebKitGTK takes
/// `prefers-color-scheme` from the GTK theme, so `Dark` runs the app with
/// `GTK_THEME=Adwaita:dark`, as a user who chose the dark theme would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn gtk_theme(self) -> &'static str {
        match self {
            Theme::Light => "Adwaita",
            Theme::Dark => "Adwaita:dark",
        }
    }
}

/// The workspace's target dir (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    }
}

/// The debug app binary, or `MENTORSCOPE_APP`.
pub fn app_binary() -> PathBuf {
    std::env::var_os("MENTORSCOPE_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/mentorscope-app"))
}

/// The CLI built beside it.
pub fn cli_binary() -> PathBuf {
    target_dir().join("debug/mentorscope")
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn screenshot_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&d).ok();
    d
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let cargo_bin = home.join(".cargo/bin/tauri-driver");
    if cargo_bin.exists() {
        cargo_bin
    } else {
        PathBuf::from("tauri-driver")
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Runs the CLI on `db` and returns its stdout as JSON.
pub fn cli_json(db: &Path, args: &[&str]) -> Result<Value> {
    Ok(serde_json::from_slice(&cli(db, args)?)?)
}

/// Runs the CLI on `db` and gives back what it printed; an error, with what
/// it said, when it fails.
pub fn cli(db: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new(cli_binary())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "mentorscope {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(out.stdout)
}

/// One running app with its WebDriver session.
pub struct App {
    pub client: Client,
    driver: Child,
    pub db: PathBuf,
    /// The app reads its dialog answers from here (one path per line).
    pub dialog_file: PathBuf,
    pub started: Instant,
}

impl App {
    /// Starts the app on the program database `db`, in the light theme.
    pub async fn start(db: &Path, work: &Path) -> Result<App> {
        App::start_themed(db, work, Theme::Light).await
    }

    /// Starts the app on `db` with the operating system in `theme`.
    pub async fn start_themed(db: &Path, work: &Path, theme: Theme) -> Result<App> {
        App::start_with(db, work, theme, &[]).await
    }

    /// Starts the app on `db` with `env` set for it as well (the debug
    /// build's test settings).
    pub async fn start_with(
        db: &Path,
        work: &Path,
        theme: Theme,
        env: &[(&str, &str)],
    ) -> Result<App> {
        let dialog_file = work.join("dialog-answer.txt");
        std::fs::write(&dialog_file, "")?;
        let port = free_port()?;
        let native = free_port()?;
        let started = Instant::now();
        let mut cmd = Command::new(tauri_driver());
        let driver = cmd
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("MENTORSCOPE_DB", db)
            .env("MENTORSCOPE_E2E_DIALOG", &dialog_file)
            .env("XDG_DATA_HOME", work.join("xdg-data"))
            .env("GTK_THEME", theme.gtk_theme())
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("could not start tauri-driver ({e}); install it with `cargo install tauri-driver --locked --version '^2'`"))?;
        let url = format!("http://127.0.0.1:{port}");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app_binary().display().to_string() }),
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => return Err(format!("no WebDriver session: {e}").into()),
            }
        };
        Ok(App {
            client,
            driver,
            db: db.to_path_buf(),
            dialog_file,
            started,
        })
    }

    /// The next dialog answers with these paths.
    pub fn answer_dialogs_with(&self, paths: &[&Path]) -> Result<()> {
        let text: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        std::fs::write(&self.dialog_file, text.join("\n"))?;
        Ok(())
    }

    pub async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute(script, args).await?)
    }

    /// Polls `script` (which returns a value) until `ok` accepts it.
    pub async fn wait_js(
        &self,
        what: &str,
        script: &str,
        ok: impl Fn(&Value) -> bool,
    ) -> Result<Value> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let v = self.js(script, vec![]).await?;
            if ok(&v) {
                return Ok(v);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what} (last: {v})").into());
            }
            tokio::time::sleep(Duration::from_millis(80)).await;
        }
    }

    /// Waits until the view `key` (e.g. `dashboard`, `compare/survey`) has
    /// finished drawing.
    pub async fn wait_view(&self, key: &str) -> Result<()> {
        self.wait_js(
            &format!("view {key}"),
            "return document.body.dataset.ready || ''",
            |v| v == key,
        )
        .await?;
        Ok(())
    }

    pub async fn find(&self, css: &str) -> Result<Element> {
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css(css))
            .await?)
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        self.find(css).await?.click().await?;
        Ok(())
    }

    /// Goes to a view through the sidebar, as a person would.
    pub async fn nav(&self, test_id: &str, view: &str) -> Result<()> {
        self.click(&format!("[data-test='{test_id}']")).await?;
        self.wait_view(view).await
    }

    /// Waits for every chart image on the page to have loaded.
    pub async fn wait_images(&self) -> Result<()> {
        self.wait_js(
            "chart images",
            "return [...document.querySelectorAll('img.chart-img')].every(i => i.complete && i.naturalWidth > 0)",
            |v| v == &Value::Bool(true),
        )
        .await?;
        Ok(())
    }

    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    pub async fn close(mut self) -> Result<()> {
        let r = self.client.clone().close().await;
        stop(&mut self.driver);
        r?;
        Ok(())
    }
}

/// Process ids whose parent is `pid` (from /proc).
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|c| {
            std::fs::read_to_string(format!("/proc/{c}/stat"))
                .ok()
                .and_then(|s| {
                    // pid (comm) state ppid …; comm may hold spaces.
                    let after = s.rsplit_once(')')?.1.to_string();
                    after.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(pid)
        })
        .collect()
}

fn stop(driver: &mut Child) {
    // tauri-driver starts WebKitWebDriver, which starts the app: stop the
    // whole tree, children first.
    let mut tree = vec![driver.id()];
    let mut i = 0;
    while i < tree.len() {
        let kids = children(tree[i]);
        tree.extend(kids);
        i += 1;
    }
    for pid in tree.iter().skip(1).rev() {
        let _ = Command::new("kill")
            .arg(pid.to_string())
            .stderr(std::process::Stdio::null())
            .status();
    }
    let _ = driver.kill();
    let _ = driver.wait();
}

impl App {
    /// Every process under tauri-driver (WebKitWebDriver, the app, WebKit's
    /// web and network processes) with its name and resident memory in MiB.
    pub fn processes(&self) -> Vec<(u32, String, f64)> {
        let mut tree = vec![self.driver.id()];
        let mut i = 0;
        while i < tree.len() {
            let kids = children(tree[i]);
            tree.extend(kids);
            i += 1;
        }
        tree.into_iter()
            .skip(1)
            .filter_map(|pid| {
                let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
                let field = |k: &str| {
                    status
                        .lines()
                        .find(|l| l.starts_with(k))
                        .map(|l| l[k.len()..].trim().to_string())
                };
                let name = field("Name:")?;
                let kb: f64 = field("VmRSS:")?
                    .trim_end_matches(" kB")
                    .trim()
                    .parse()
                    .ok()?;
                Some((pid, name, kb / 1024.0))
            })
            .collect()
    }
}

/// `visibleText(el)`: the text of `el` a sighted person reads — text
/// nodes that are laid out, visible, and not clipped away (screen-reader-
/// only text is not "seen"), with runs of space collapsed. Prepend to a
/// script that uses it.
pub const VISIBLE_TEXT_JS: &str = r##"
const visibleText = (el) => {
  if (!el) return null;
  const clipped = (node) => {
    for (let p = node.parentElement; p && p !== document.body; p = p.parentElement) {
      const st = getComputedStyle(p);
      if (st.visibility !== "visible" || st.opacity === "0") return true;
      const r = p.getBoundingClientRect();
      const cut = st.overflow !== "visible" || st.clip !== "auto" || (st.clipPath && st.clipPath !== "none");
      if (cut && (r.width <= 1 || r.height <= 1)) return true;
    }
    return false;
  };
  const out = [];
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    range.selectNodeContents(n);
    const laidOut = [...range.getClientRects()].some((r) => r.width > 0 && r.height > 0);
    if (!laidOut || clipped(n)) continue;
    out.push(n.textContent);
  }
  return out.join("").replace(/\s+/g, " ").trim();
};
"##;

/// What the focused element is, in a line for error messages, and whether
/// it shows a focus ring. Runs in the page with the selector as argument.
const FOCUS_PROBE: &str = r##"
const el = document.activeElement;
const sel = arguments[0];
if (!el || el === document.body) return { hit: false, desc: "(nothing: the page body)", ring: true, inDialog: false };
const name = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\s+/g, " ").slice(0, 60);
const test = el.dataset.test ? `[data-test=${el.dataset.test}]` : "";
const desc = `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${test}> ${name}`;
const st = getComputedStyle(el);
const r = el.getBoundingClientRect();
// A ring: an outline of at least 2px that is drawn (every control's focus
// style is one, see a11y.css), on an element that is on screen.
const outline = st.outlineStyle !== "none" && parseFloat(st.outlineWidth) >= 2;
const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
const why = `outline ${st.outlineStyle} ${st.outlineWidth}, box ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${innerWidth}×${innerHeight}`;
return { hit: sel ? el.matches(sel) : false, desc, why, ring: outline && onScreen, inDialog: !!el.closest("dialog[open]") };
"##;

impl App {
    /// Presses one key (down and up) on whatever has focus, as a keyboard
    /// would; no element is targeted.
    pub async fn press(&self, key: Key) -> Result<()> {
        self.press_keys(&[], key).await
    }

    /// Presses `key` while holding `modifiers` (e.g. Shift for Shift+Tab).
    pub async fn press_keys(&self, modifiers: &[Key], key: Key) -> Result<()> {
        let mut seq = KeyActions::new("keyboard".into());
        for m in modifiers {
            seq = seq.then(KeyAction::Down {
                value: char::from(*m),
            });
        }
        seq = seq
            .then(KeyAction::Down {
                value: char::from(key),
            })
            .then(KeyAction::Up {
                value: char::from(key),
            });
        for m in modifiers.iter().rev() {
            seq = seq.then(KeyAction::Up {
                value: char::from(*m),
            });
        }
        self.client.perform_actions(seq).await?;
        Ok(())
    }

    /// Types `text` character by character into whatever has focus.
    pub async fn type_text(&self, text: &str) -> Result<()> {
        let mut seq = KeyActions::new("keyboard".into());
        for c in text.chars() {
            seq = seq
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(seq).await?;
        Ok(())
    }

    /// The focused element: `{hit, desc, ring, inDialog}` where `hit` says
    /// whether it matches the CSS selector `css`.
    pub async fn focused(&self, css: &str) -> Result<Value> {
        self.js(FOCUS_PROBE, vec![json!(css)]).await
    }

    /// Waits until the focused element matches `css` (focus moves after an
    /// asynchronous redraw).
    pub async fn wait_focus(&self, css: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let f = self.focused(css).await?;
            if f["hit"] == true {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("focus never reached {css}; it is on {}", f["desc"]).into());
            }
            tokio::time::sleep(Duration::from_millis(80)).await;
        }
    }

    /// Presses Tab (Shift+Tab when `backwards`) until the focused element
    /// matches `css`, at most `max` times. Every element Tab stops on must
    /// show a focus ring and be on screen. Returns the number of presses.
    pub async fn tab_to(&self, css: &str, backwards: bool, max: usize) -> Result<usize> {
        let mut trail = Vec::new();
        for n in 1..=max {
            if backwards {
                self.press_keys(&[Key::Shift], Key::Tab).await?;
            } else {
                self.press(Key::Tab).await?;
            }
            let mut f = self.focused(css).await?;
            // Scrolling the focused control into view may take a frame.
            for _ in 0..5 {
                if f["ring"] == true {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                f = self.focused(css).await?;
            }
            let desc = f["desc"].as_str().unwrap_or_default().to_string();
            if f["ring"] != true {
                return Err(format!(
                    "Tab stopped on {desc} with no visible focus ring ({}), looking for {css} after {}",
                    f["why"],
                    trail.join(" → ")
                )
                .into());
            }
            if f["hit"] == true {
                return Ok(n);
            }
            trail.push(desc);
        }
        Err(format!(
            "{css} not reached with {max} {}: {}",
            if backwards { "Shift+Tabs" } else { "Tabs" },
            trail.join(" → ")
        )
        .into())
    }

    /// Runs axe-core (the pinned copy in `ui/node_modules`, injected through
    /// WebDriver, which the page's CSP does not govern) on the whole page
    /// against WCAG 2.2 A/AA and best practice.
    pub async fn axe(&self) -> Result<AxeReport> {
        let loaded = self.js("return typeof window.axe", vec![]).await?;
        if loaded != "object" {
            let path = repo_root().join("ui/node_modules/axe-core/axe.min.js");
            let src = std::fs::read_to_string(&path).map_err(|e| {
                format!(
                    "{}: {e} (run `npm ci` in ui/: axe-core is a pinned dev dependency)",
                    path.display()
                )
            })?;
            self.js(&format!("{src}\nreturn typeof window.axe;"), vec![])
                .await?;
        }
        let r = self
            .client
            .execute_async(
                r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  resultTypes: ["violations"],
}).then((r) => done({
  version: axe.version,
  passes: r.passes.length,
  violations: r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 240)),
  })),
})).catch((e) => done({ error: String(e) }));
"#,
                vec![],
            )
            .await?;
        if let Some(e) = r.get("error") {
            return Err(format!("axe-core failed: {e}").into());
        }
        Ok(AxeReport {
            version: r["version"].as_str().unwrap_or_default().to_string(),
            passes: r["passes"].as_u64().unwrap_or(0) as usize,
            violations: r["violations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|v| AxeViolation {
                    id: v["id"].as_str().unwrap_or_default().to_string(),
                    impact: v["impact"].as_str().unwrap_or("unknown").to_string(),
                    help: v["help"].as_str().unwrap_or_default().to_string(),
                    count: v["count"].as_u64().unwrap_or(0) as usize,
                    nodes: v["nodes"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|n| n.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
        })
    }
}

/// One axe-core run.
#[derive(Debug, Clone)]
pub struct AxeReport {
    pub version: String,
    /// Rules that passed.
    pub passes: usize,
    pub violations: Vec<AxeViolation>,
}

#[derive(Debug, Clone)]
pub struct AxeViolation {
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    pub help: String,
    /// How many elements break the rule.
    pub count: usize,
    /// The first few, with what to fix.
    pub nodes: Vec<String>,
}

impl AxeViolation {
    pub fn blocking(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

impl std::fmt::Display for AxeViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}, {} element{}): {}",
            self.id,
            self.impact,
            self.count,
            if self.count == 1 { "" } else { "s" },
            self.help
        )?;
        for n in &self.nodes {
            write!(f, "\n      {n}")?;
        }
        Ok(())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

/// Looks up a dotted path (`ramp_up.mentored.n`, `item_means.before.2`,
/// `engagement.top_topics.Career growth`) in the `analyze --json` output.
pub fn json_path<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = root;
    let mut rest = path;
    while !rest.is_empty() {
        // Keys may contain dots (topic names): take the longest key that
        // exists at this level.
        let next = match cur {
            Value::Object(m) => {
                let mut found = None;
                for (i, _) in rest.char_indices().chain([(rest.len(), ' ')]) {
                    if i == rest.len() || rest.as_bytes()[i] == b'.' {
                        if let Some(v) = m.get(&rest[..i]) {
                            found = Some((v, i));
                        }
                    }
                }
                found
            }
            Value::Array(a) => {
                let i = rest.find('.').unwrap_or(rest.len());
                rest[..i]
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| a.get(n))
                    .map(|v| (v, i))
            }
            _ => None,
        };
        let (v, i) = next?;
        cur = v;
        rest = rest.get(i + 1..).unwrap_or("");
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths_find_nested_values_and_keys_with_dots() {
        let v = json!({"a": {"b": [1, 2, {"c.d": 3}]}});
        assert_eq!(json_path(&v, "a.b.1"), Some(&json!(2)));
        assert_eq!(json_path(&v, "a.b.2.c.d"), Some(&json!(3)));
        assert_eq!(json_path(&v, "a.x"), None);
    }
}
