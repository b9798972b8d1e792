#!/usr/bin/env bash
# Sets everything up and runs every test: unit, integration (importer on the
# sample program and on the real exports in ../shared/fixtures), CLI, golden
# statistics, and the desktop app's command tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --workspace --no-fail-fast
