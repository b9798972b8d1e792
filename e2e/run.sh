#!/usr/bin/env bash
# End-to-end tests: builds the UI, the desktop app and the CLI (debug), then
# drives the real app in a virtual X display through tauri-driver and
# Debian's WebKitWebDriver. Screenshots land in e2e/screenshots/.
#
# Needs: xvfb (xvfb-run), webkit2gtk-driver, and
#   cargo install tauri-driver --locked --version '^2'
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "tauri-driver is not installed: cargo install tauri-driver --locked --version '^2'" >&2
  exit 1
fi
command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver is missing: apt-get install webkit2gtk-driver" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: apt-get install xvfb xauth" >&2; exit 1; }

if [ ! -d ui/dist ] || [ -n "$(find ui/src ui/index.html -newer ui/dist -print -quit 2>/dev/null)" ]; then
  (cd ui && npm run --silent build >/dev/null)
fi
cargo build -p mentorscope-app -p mentorscope
cargo test -p mentorscope-e2e --no-run

# One app at a time: each test starts its own app on its own database.
# With MENTORSCOPE_BENCH_DB set, the launch benchmark runs instead of the tests.
if [ -n "${MENTORSCOPE_BENCH_DB:-}" ]; then targets=(--test bench); else targets=(--test app --test a11y); fi
xvfb-run -a -s '-screen 0 1280x800x24' \
  cargo test -p mentorscope-e2e --no-fail-fast "${targets[@]}" -- --ignored --test-threads=1 --nocapture "$@"
