#!/usr/bin/env bash
# Installs the tools that only building installers and regenerating the
# third-party licence list need (not running or testing Mentorscope), each
# pinned:
# - tauri-cli, the bundler, as the prebuilt binary npm serves for this
#   system (scripts/tauri-cli/package.json, @tauri-apps/cli): seconds,
#   where `cargo install tauri-cli` compiles for 10+ minutes on two cores
#   (and twice did not finish on the project's shared machine);
# - cargo-about, built from crates.io once.
# Safe to run again: a tool already at the right version is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_ABOUT_VERSION='=0.9.3'  # THIRD-PARTY-LICENSES.txt was generated with it

# tauri-cli's version is pinned in scripts/tauri-cli/package.json (a v2,
# as the app's tauri = "2"); scripts/package.sh runs it from there.
if [ ! -d scripts/tauri-cli/node_modules ] || [ scripts/tauri-cli/package-lock.json -nt scripts/tauri-cli/node_modules ]; then
  echo "Installing tauri-cli (npm, prebuilt)"
  (cd scripts/tauri-cli && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! cargo about --version 2>/dev/null | grep -q "${CARGO_ABOUT_VERSION#=}"; then
  echo "Installing cargo-about ${CARGO_ABOUT_VERSION}"
  cargo install cargo-about --version "$CARGO_ABOUT_VERSION" --features cli --locked
fi
