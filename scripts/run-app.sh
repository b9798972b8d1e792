#!/usr/bin/env bash
# Sets everything up, builds the desktop app and opens it. On a program
# database with no data yet, the bundled synthetic sample program is imported
# so there is something to explore at once.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build -p mentorscope-app
exec "${CARGO_TARGET_DIR:-target}/debug/mentorscope-app" --with-sample "$@"
