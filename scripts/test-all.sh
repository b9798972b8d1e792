#!/usr/bin/env bash
# Sets everything up and runs every test: unit, integration (importer on the
# sample program, the synthetic vendor exports and, when it is beside the
# clone, the real-export corpus in ../shared/fixtures), CLI, golden
# statistics, charts and review pack, the desktop app's command tests, and the
# end-to-end tests of the real app window under Xvfb through tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "Installing tauri-driver (WebDriver bridge for the end-to-end tests)"
  cargo install tauri-driver --locked --version '^2'
fi
export PATH="$HOME/.cargo/bin:$PATH"
scripts/lint-workflows.sh
cargo test --workspace --no-fail-fast
e2e/run.sh
