//! What ships: the version every front door reports, the installers'
//! bundle configuration (icons, desktop entry, the CLI inside the Linux
//! packages, licence), the release workflows, and the third-party licence
//! list against `Cargo.lock`. The installers themselves are built and
//! installed by `scripts/package.sh` and `scripts/test-install.sh` (release
//! builds, so not part of this test run).

mod common;

use std::collections::BTreeSet;

use assert_cmd::Command;
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

fn read(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn tauri_conf() -> Value {
    serde_json::from_str(&read("src-tauri/tauri.conf.json")).unwrap()
}

#[test]
fn version_flag_prints_the_cargo_version() {
    let out = Command::cargo_bin("mentorscope")
        .unwrap()
        .arg("--version")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let version = manifest["workspace"]["package"]["version"]
        .as_str()
        .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap().trim(),
        format!("mentorscope {version}")
    );
}

#[test]
fn about_names_the_database_without_creating_it() {
    let db = common::temp_db();
    let out = Command::cargo_bin("mentorscope")
        .unwrap()
        .arg("--db")
        .arg(&db.path)
        .args(["about", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let a: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(a["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(a["database"], db.path.display().to_string());
    assert_eq!(a["licence"], "MIT");
    assert!(!db.path.exists(), "about must not create a database");
    let text = Command::cargo_bin("mentorscope")
        .unwrap()
        .arg("--db")
        .arg(&db.path)
        .args(["about", "--licences"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(text).unwrap(),
        read("THIRD-PARTY-LICENSES.txt")
    );
}

#[test]
fn the_bundle_takes_its_version_and_licence_from_cargo() {
    let conf = tauri_conf();
    // No version of its own: the bundler then uses the Cargo version.
    assert!(
        conf.get("version").is_none(),
        "tauri.conf.json must not pin a version"
    );
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let licence = manifest["workspace"]["package"]["license"]
        .as_str()
        .unwrap();
    let b = &conf["bundle"];
    assert_eq!(b["active"], true);
    assert_eq!(b["license"], licence);
    assert!(common::repo()
        .join("src-tauri")
        .join(b["licenseFile"].as_str().unwrap())
        .is_file());
    assert!(b["shortDescription"].as_str().unwrap().len() > 20);
    assert!(b["longDescription"].as_str().unwrap().len() > 100);
    assert_eq!(conf["identifier"], mentorscope::store::APP_IDENTIFIER);
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

#[test]
fn every_bundle_icon_exists_in_its_size() {
    let conf = tauri_conf();
    let icons: Vec<&str> = conf["bundle"]["icon"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for ext in [
        ".ico",
        ".icns",
        "32x32.png",
        "128x128.png",
        "128x128@2x.png",
    ] {
        assert!(icons.iter().any(|i| i.ends_with(ext)), "no {ext} icon");
    }
    for icon in &icons {
        let bytes = std::fs::read(common::repo().join("src-tauri").join(icon))
            .unwrap_or_else(|e| panic!("{icon}: {e}"));
        let name = icon.rsplit('/').next().unwrap();
        if let Some(stem) = name.strip_suffix(".png") {
            let (w, h) = png_size(&bytes);
            assert_eq!(w, h, "{icon} is not square");
            // RGBA (colour type 6): tauri-build refuses anything else.
            assert_eq!(bytes[25], 6, "{icon} is not RGBA");
            if let Some((size, scale)) = stem.split_once('x').map(|(a, rest)| {
                let (b, at) = rest.split_once('@').unwrap_or((rest, "1x"));
                assert_eq!(a, b);
                (
                    a.parse::<u32>().unwrap(),
                    at.trim_end_matches('x').parse::<u32>().unwrap(),
                )
            }) {
                assert_eq!(w, size * scale, "{icon}");
            } else {
                assert!(w >= 256, "{icon}: the main icon should be large, is {w}");
            }
        } else if name.ends_with(".ico") {
            assert_eq!(&bytes[..4], b"\x00\x00\x01\x00", "{icon}");
        } else if name.ends_with(".icns") {
            assert_eq!(&bytes[..4], b"icns", "{icon}");
        }
    }
}

#[test]
fn linux_packages_carry_the_cli_the_licences_and_the_desktop_entry() {
    let conf = tauri_conf();
    for kind in ["deb", "rpm"] {
        let p = &conf["bundle"]["linux"][kind];
        let files = p["files"].as_object().unwrap();
        assert_eq!(files["/usr/bin/mentorscope"], "bin/mentorscope", "{kind}");
        for (dest, src) in files {
            if dest != "/usr/bin/mentorscope" {
                let src = common::repo().join("src-tauri").join(src.as_str().unwrap());
                assert!(
                    src.is_file(),
                    "{kind}: {dest} from missing {}",
                    src.display()
                );
            }
        }
        let template = p["desktopTemplate"].as_str().unwrap();
        let desktop = read(&format!("src-tauri/{template}"));
        let line = |key: &str| {
            desktop
                .lines()
                .find(|l| l.starts_with(&format!("{key}=")))
                .unwrap_or_else(|| panic!("{kind}: no {key}= in the desktop entry"))
                .to_string()
        };
        assert_eq!(line("Categories"), "Categories=Office;Education;");
        assert_eq!(line("Type"), "Type=Application");
        assert_eq!(line("Exec"), "Exec={{exec}}");
        assert_eq!(line("Icon"), "Icon={{icon}}");
        assert!(line("Comment").contains("{{comment}}"));
    }
    // package.sh puts the CLI where the bundler looks for it.
    let package = read("scripts/package.sh");
    assert!(package.contains("src-tauri/bin/mentorscope"), "{package}");
    assert!(package.contains("--bundles deb,rpm"), "{package}");
}

#[test]
fn the_bundler_is_a_pinned_tauri_cli_2_from_its_lockfile() {
    // package.sh runs the bundler from scripts/tauri-cli; a range there
    // would let a new tauri-cli change the installers without a commit.
    let manifest: Value = serde_json::from_str(&read("scripts/tauri-cli/package.json")).unwrap();
    let pinned = manifest["devDependencies"]["@tauri-apps/cli"]
        .as_str()
        .expect("scripts/tauri-cli/package.json pins @tauri-apps/cli");
    assert!(
        pinned.starts_with("2.") && pinned.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "tauri-cli must be an exact 2.x version, not {pinned}"
    );
    let lock: Value = serde_json::from_str(&read("scripts/tauri-cli/package-lock.json")).unwrap();
    let packages = &lock["packages"];
    assert_eq!(packages["node_modules/@tauri-apps/cli"]["version"], pinned);
    // The prebuilt binary for the machine that builds the Linux packages is
    // in the lockfile at the same version (npm ci installs nothing else).
    assert_eq!(
        packages["node_modules/@tauri-apps/cli-linux-x64-gnu"]["version"],
        pinned
    );
    let package = read("scripts/package.sh");
    assert!(
        package.contains("scripts/tauri-cli/node_modules/.bin/tauri build"),
        "{package}"
    );
    let setup = read("scripts/setup-packaging.sh");
    assert!(setup.contains("cd scripts/tauri-cli && npm ci"), "{setup}");
    // The release workflow bundles with the same pinned tauri-cli.
    let job = &workflow("release.yml")["jobs"]["installers"];
    let install = steps(job)
        .into_iter()
        .find(|s| s["working-directory"].as_str() == Some("scripts/tauri-cli"))
        .expect("release.yml installs scripts/tauri-cli");
    assert!(install["run"].as_str().unwrap().contains("npm ci"));
    let action = steps(job)
        .into_iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("tauri-apps/tauri-action@"))
        })
        .expect("the Tauri action");
    assert_eq!(
        action["with"]["tauriScript"].as_str(),
        Some("node scripts/tauri-cli/node_modules/@tauri-apps/cli/tauri.js")
    );
}

#[test]
fn release_builds_are_stripped() {
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    assert_eq!(
        manifest["profile"]["release"]["strip"].as_bool(),
        Some(true)
    );
}

fn workflow(name: &str) -> Yaml {
    let text = read(&format!(".github/workflows/{name}"));
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(docs.len(), 1, "{name}");
    docs.remove(0)
}

fn steps(job: &Yaml) -> Vec<&Yaml> {
    job["steps"].as_vec().unwrap().iter().collect()
}

fn uses(job: &Yaml) -> Vec<&str> {
    steps(job)
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect()
}

fn runs(job: &Yaml) -> String {
    steps(job)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn ci_workflow_tests_the_package_on_three_systems() {
    let ci = workflow("ci.yml");
    assert!(!ci["on"]["pull_request"].is_badvalue());
    let lib = &ci["jobs"]["library"];
    let oses: BTreeSet<&str> = lib["strategy"]["matrix"]["os"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert_eq!(
        oses,
        BTreeSet::from(["ubuntu-latest", "windows-latest", "macos-latest"])
    );
    assert_eq!(lib["runs-on"].as_str(), Some("${{ matrix.os }}"));
    assert!(uses(lib).iter().any(|u| u.starts_with("actions/checkout@")));
    assert!(runs(lib).contains("cargo test -p mentorscope --locked"));
    let app = &ci["jobs"]["app"];
    assert!(runs(app).contains("npm run build"));
    assert!(runs(app).contains("cargo test -p mentorscope-app --locked"));
}

#[test]
fn release_workflow_builds_every_installer_into_a_draft_release() {
    let rel = workflow("release.yml");
    let tags: Vec<&str> = rel["on"]["push"]["tags"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(tags, ["v*"]);
    assert_eq!(rel["permissions"]["contents"].as_str(), Some("write"));
    let job = &rel["jobs"]["installers"];
    let include = job["strategy"]["matrix"]["include"].as_vec().unwrap();
    let built: BTreeSet<(String, String)> = include
        .iter()
        .flat_map(|m| {
            let target = m["target"].as_str().unwrap().to_string();
            m["bundles"]
                .as_str()
                .unwrap()
                .split(',')
                .map(move |b| (target.clone(), b.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    for (target, bundle) in [
        ("x86_64-pc-windows-msvc", "msi"),
        ("x86_64-pc-windows-msvc", "nsis"),
        ("aarch64-apple-darwin", "dmg"),
        ("aarch64-apple-darwin", "app"),
        ("x86_64-apple-darwin", "dmg"),
        ("x86_64-apple-darwin", "app"),
        ("x86_64-unknown-linux-gnu", "deb"),
        ("x86_64-unknown-linux-gnu", "rpm"),
        ("x86_64-unknown-linux-gnu", "appimage"),
    ] {
        assert!(
            built.contains(&(target.to_string(), bundle.to_string())),
            "release.yml does not build {bundle} for {target}"
        );
    }
    let action = steps(job)
        .into_iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("tauri-apps/tauri-action@"))
        })
        .expect("the Tauri action");
    assert_eq!(action["with"]["releaseDraft"].as_bool(), Some(true));
    assert!(action["with"]["args"]
        .as_str()
        .unwrap()
        .contains("--bundles ${{ matrix.bundles }}"));
    assert_eq!(
        action["env"]["GITHUB_TOKEN"].as_str(),
        Some("${{ secrets.GITHUB_TOKEN }}")
    );
    // The Linux packages carry the CLI: it is built and put in place first.
    assert!(runs(job).contains("src-tauri/bin/mentorscope"));
}

/// `name version` of every package in `cargo tree` of `mentorscope-app`
/// (which depends on `mentorscope`, so the CLI's crates are in it) over
/// normal dependencies for every platform, as Cargo resolves features for
/// building the app; `edges` adds e.g. `no-proc-macro`.
fn tree(edges: &str) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args([
            "tree",
            "-p",
            "mentorscope-app",
            "--target",
            "all",
            "--locked",
        ])
        .args(["-e", edges, "--prefix", "none", "-f", "{p}"])
        .current_dir(common::repo())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        // `name v1.2.3 (path or "(*)")` → `name 1.2.3`
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let name = parts.next()?;
            let version = parts.next()?.strip_prefix('v')?;
            Some(format!("{name} {version}"))
        })
        .filter(|p| !p.starts_with("mentorscope ") && !p.starts_with("mentorscope-app "))
        .collect()
}

#[test]
fn third_party_licences_list_what_cargo_lock_ships() {
    let listed: BTreeSet<String> = mentorscope::about::third_party_packages()
        .into_iter()
        .filter(|p| !p.starts_with("mentorscope ") && !p.starts_with("mentorscope-app "))
        .collect();
    let all = tree("normal");
    // Crates that only run inside the compiler, behind a proc-macro: their
    // code is not in the binaries, and Cargo resolves their features for the
    // host, which cargo-about and `cargo tree` count slightly differently.
    let in_binaries = tree("normal,no-proc-macro");
    let stale: Vec<&String> = listed.difference(&all).collect();
    let missing: Vec<&String> = in_binaries.difference(&listed).collect();
    assert!(
        stale.is_empty() && missing.is_empty(),
        "THIRD-PARTY-LICENSES.txt no longer matches Cargo.lock; run scripts/licences.sh.\nlisted but not built: {stale:?}\nbuilt in but not listed: {missing:?}"
    );
    assert!(in_binaries.len() > 300, "{}", in_binaries.len());
}
