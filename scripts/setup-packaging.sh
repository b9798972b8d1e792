#!/usr/bin/env bash
# Installs the tools that only building installers and regenerating the
# third-party licence list need (not running or testing Mentorscope):
# tauri-cli (the bundler) and cargo-about, each pinned, each built from
# crates.io once (tauri-cli takes about 9 minutes on two cores). Safe to
# run again: a tool already at the right version is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TAURI_CLI_VERSION='^2'        # the bundler of Tauri v2, as the app's tauri = "2"
CARGO_ABOUT_VERSION='=0.9.3'  # THIRD-PARTY-LICENSES.txt was generated with it

if ! cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
  echo "Installing tauri-cli ${TAURI_CLI_VERSION} (about 9 minutes)"
  cargo install tauri-cli --version "$TAURI_CLI_VERSION" --locked
fi
if ! cargo about --version 2>/dev/null | grep -q "${CARGO_ABOUT_VERSION#=}"; then
  echo "Installing cargo-about ${CARGO_ABOUT_VERSION}"
  cargo install cargo-about --version "$CARGO_ABOUT_VERSION" --features cli --locked
fi
