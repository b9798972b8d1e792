#!/usr/bin/env bash
# Benchmarks Mentorscope against the tools the work is otherwise done with,
# in the same run, on generated programs of 1k, 10k and 100k people:
#   import:   `mentorscope import meetings.csv` vs the sqlite3 shell's `.import`
#             of the same file into an empty table (ours validates, theirs doesn't)
#   analysis: `mentorscope analyze --json` vs tests/golden/golden_analysis.py
#             (pandas + SciPy + lifelines computing the same METRICS.md numbers)
# Prints a Markdown table of wall times, peak memory and ratios.
#
#   bench/run.sh                 # all sizes
#   SIZES="10000" bench/run.sh   # one size
# Needs: sqlite3 and /usr/bin/time (scripts/setup.sh installs them), and a
# Python with pandas, scipy and lifelines in $PYTHON (default: python3).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000"}
PYTHON=${PYTHON:-python3}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build -q --release -p mentorscope --bin mentorscope --example generate-scale
BIN=$CARGO_TARGET_DIR/release/mentorscope
GEN=$CARGO_TARGET_DIR/release/examples/generate-scale
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Runs a command, prints "seconds peak_kb".
measure() { /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" > /dev/null 2>&1; cat "$WORK/t"; }

echo "| people | meetings | import ours (s) | sqlite3 .import (s) | import ratio | import peak MB | analyze ours (s) | pandas+SciPy+lifelines (s) | analysis speed-up | analyze peak MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  d="$WORK/p$n"
  "$GEN" --people "$n" --out "$d" > /dev/null
  rows=$(($(wc -l < "$d/meetings.csv") - 1))
  read -r ours_s ours_kb < <(measure "$BIN" --db "$d/ms.db" import "$d/meetings.csv")
  read -r sq_s _ < <(measure sqlite3 "$d/plain.db" ".mode csv" ".import $d/meetings.csv meetings")
  "$BIN" --db "$d/ms.db" import "$d"/roster.csv "$d"/pairings.csv "$d"/milestones.csv "$d"/survey-*.csv "$d"/team-metrics.csv > /dev/null
  "$BIN" --db "$d/ms.db" analyze --json > /dev/null   # warm the page cache for both
  read -r an_s an_kb < <(measure "$BIN" --db "$d/ms.db" analyze --json)
  if "$PYTHON" -c "import pandas, scipy, lifelines" 2> /dev/null; then
    read -r py_s _ < <(measure "$PYTHON" tests/golden/golden_analysis.py "$d/ms.db")
    speedup=$(awk "BEGIN{printf \"%.1f×\", $py_s/$an_s}")
  else
    py_s="n/a"; speedup="n/a"
  fi
  ratio=$(awk "BEGIN{printf \"%.2f×\", $sq_s/$ours_s}")
  echo "| $n | $rows | $ours_s | $sq_s | $ratio | $((ours_kb / 1024)) | $an_s | $py_s | $speedup | $((an_kb / 1024)) |"
done
echo
echo "import ratio = sqlite3 time / our time (above 1× means faster than the plain shell import)."
