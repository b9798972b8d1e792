#!/usr/bin/env bash
# Builds the Linux installers: a .deb and an .rpm of the desktop app, each
# with the `mentorscope` command-line tool inside (/usr/bin/mentorscope),
# the app icon in every size, a desktop entry, the licence and the
# third-party licences. Release builds, stripped.
#
#   scripts/package.sh            # → <target>/release/bundle/{deb,rpm}/
#
# An AppImage is not built: Tauri's AppImage bundler downloads its AppRun
# and tools from GitHub while bundling, which fails without internet. The
# release workflow (.github/workflows/release.yml) builds it, and the
# Windows and macOS installers, on GitHub's machines.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/setup-packaging.sh
export PATH="$HOME/.cargo/bin:$PATH"
target="${CARGO_TARGET_DIR:-$PWD/target}"

# The CLI travels in the same package: the bundler copies bin/mentorscope
# (bundle.linux.deb.files / rpm.files in src-tauri/tauri.conf.json).
# Both packages are named so that the dependencies' features are those of
# the app's build and the two share one set of compiled dependencies; only
# the CLI's binary is built here, because `tauri build` builds the app
# itself (on this machine it recompiled the app right after a plain cargo
# build of it, so building it here too only cost a minute).
cargo build --release --locked -p mentorscope -p mentorscope-app --features mentorscope-app/custom-protocol --bin mentorscope
mkdir -p src-tauri/bin
cp "$target/release/mentorscope" src-tauri/bin/mentorscope

(cd src-tauri && ../scripts/tauri-cli/node_modules/.bin/tauri build --bundles deb,rpm -- --locked)

for f in "$target"/release/bundle/deb/*.deb "$target"/release/bundle/rpm/*.rpm; do
  printf '%s\t%s\n' "$(du -h "$f" | cut -f1)" "$f"
done
