#!/usr/bin/env bash
# Regenerates THIRD-PARTY-LICENSES.txt: every crate the app and the CLI are
# built from (all platforms, not dev-only crates), grouped by licence, with
# the licence texts — what the About view shows and the packages ship.
# Run after changing dependencies; tests/packaging.rs fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-packaging.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo about generate --locked --offline -m src-tauri/Cargo.toml -c about.toml about.hbs -o THIRD-PARTY-LICENSES.txt
echo "THIRD-PARTY-LICENSES.txt: $(grep -c '^Licence: ' THIRD-PARTY-LICENSES.txt) licences"
