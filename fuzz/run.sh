#!/bin/sh
# The long fuzz runs (nightly + cargo-fuzz): each target for SECONDS
# (default 900), one after the other, on one core each. New inputs go to
# corpus/<target>/ (not committed); a crash is saved in artifacts/<target>/
# and stops that run. Copy it to tests/fixtures/fuzz/<target>/ once fixed,
# so the smoke run in `cargo test` keeps checking it.
#
#   fuzz/run.sh [SECONDS]
set -eu
cd "$(dirname "$0")"
secs=${1:-900}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p corpus/import corpus/values ../tests/fixtures/fuzz/import ../tests/fixtures/fuzz/values
real=../../shared/fixtures/real
[ -d "$real" ] || real=
# -s none: the code under test is safe Rust, so AddressSanitizer would halve
# the speed for nothing; -a keeps overflow checks and debug assertions on.
cargo +nightly fuzz run -O -a -s none import corpus/import seeds/import \
  ../sample-data/invalid ../sample-data ../tests/fixtures/vendor ../tests/fixtures/fuzz/import $real -- \
  -max_len=16384 -timeout=10 -rss_limit_mb=2048 -max_total_time="$secs" -print_final_stats=1
cargo +nightly fuzz run -O -a -s none values corpus/values seeds/values \
  ../tests/fixtures/fuzz/values -- \
  -max_len=256 -timeout=10 -max_total_time="$secs" -print_final_stats=1
