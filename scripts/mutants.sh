#!/usr/bin/env bash
# Mutation testing (issue 19, item 6): cargo-mutants changes one operator,
# constant or return value at a time in the statistics, the analysis and
# the chart scales, rebuilds, and runs the tests; a mutant the tests do not
# catch ("missed") is code that could be wrong without any test noticing.
#
# Not in CI: every mutant is a rebuild plus a test run, about a minute each
# on two cores, and there are ~940 in src/stats, ~1,330 in src/analysis and
# ~350 in src/charts/theme.rs. Run a part at a time:
#
#   scripts/mutants.sh                                  # all three (many hours)
#   scripts/mutants.sh src/stats/regression.rs          # one file
#   RE=ols scripts/mutants.sh src/stats/regression.rs   # only mutants matching a regex
#   TESTS="--lib --test=analysis_sample" scripts/mutants.sh src/analysis/survey.rs
#
# The report is cargo-mutants' own, in mutants.out/ (caught.txt, missed.txt,
# timeout.txt, unviable.txt, outcomes.json). It mutates a copy of the tree
# (or this tree with IN_PLACE=1, e.g. in a throwaway worktree) and builds in
# $CARGO_TARGET_DIR (default: a target dir of its own, so a run never
# replaces the binaries other tests use).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=27.1.0
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/mentorscope/target-mutants}
if ! cargo mutants --version 2>/dev/null | grep -q "$VERSION"; then
  cargo install --locked "cargo-mutants@$VERSION"
fi
files=("$@")
[ ${#files[@]} -gt 0 ] || files=('src/stats/*.rs' 'src/analysis/**/*.rs' src/charts/theme.rs)
# A mutant that makes a loop endless is a timeout (counted apart from caught).
args=(-p mentorscope --timeout "${TIMEOUT:-60}" --build-timeout 1200)
for f in "${files[@]}"; do args+=(-f "$f"); done
[ -n "${RE:-}" ] && args+=(-F "$RE")
[ -n "${IN_PLACE:-}" ] && args+=(--in-place)
# The statistics' and the analysis' checks: SciPy/lifelines/statsmodels
# goldens in the library's unit tests and in the analysis tests.
# They are cargo arguments (-C), so each mutant builds only these targets.
read -r -a tests <<< "${TESTS:---lib --test=analysis_sample --test=analysis_adjusted --test=charts_references --test=charts_geometry}"
for t in "${tests[@]}"; do args+=(-C "$t"); done
exec cargo mutants "${args[@]}"
