#!/usr/bin/env bash
# Workbook vs CSV import: the same ~100,000 meetings (a generated program of
# 10,000 people) imported by `mentorscope import` from meetings.csv and from
# meetings.xlsx (bench/csv_to_xlsx.py: dates as date cells, numbers as
# numbers), each into a new database; wall seconds and peak memory from
# /usr/bin/time, median of $RUNS runs, the two interleaved, both files in the
# page cache. Target (issue 13): the workbook in ≤ 3× the CSV's time.
#
#   bench/workbook.sh                  # 10,000 people, 3 runs
#   PEOPLE=1000 RUNS=1 bench/workbook.sh
#
# Called by bench/run.sh; needs the release CLI and generator, and a Python
# with openpyxl ($PY, default: bench/run.sh's venv).
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-10000}
RUNS=${RUNS:-3}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
PY=${PY:-${BENCH_VENV:-$HOME/.cache/mentorscope/bench-venv}/bin/python}
BIN=$CARGO_TARGET_DIR/release/mentorscope
GEN=$CARGO_TARGET_DIR/release/examples/generate-scale
[ -x "$BIN" ] && [ -x "$GEN" ] || cargo build -q --release -p mentorscope --bin mentorscope --example generate-scale
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$GEN" --people "$PEOPLE" --out "$WORK" > /dev/null
"$PY" bench/csv_to_xlsx.py "$WORK/meetings.csv" "$WORK/meetings.xlsx"
rows=$(($(wc -l < "$WORK/meetings.csv") - 1))
for _ in $(seq "$RUNS"); do
  for f in csv xlsx; do
    rm -f "$WORK"/$f.db*
    cat "$WORK/meetings.$f" "$BIN" > /dev/null
    /usr/bin/time -f "%e %M" -a -o "$WORK/$f.t" "$BIN" --db "$WORK/$f.db" import "$WORK/meetings.$f" > "$WORK/$f.log" 2>&1 ||
      { tail "$WORK/$f.log" >&2; exit 1; }
  done
done
for f in csv xlsx; do
  got=$("$BIN" --db "$WORK/$f.db" status --json | "$PY" -c "import json,sys; print(json.load(sys.stdin)['meetings'])")
  [ "$got" = "$rows" ] || { echo "$f: stored $got meetings, expected $rows" >&2; exit 1; }
done
med() { cut -d' ' -f1 "$WORK/$1.t" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
peak() { cut -d' ' -f2 "$WORK/$1.t" | sort -g | tail -1 | awk '{printf "%d", $1/1024 + 0.5}'; }
c=$(med csv) x=$(med xlsx)
echo "### Import of the same meetings from a workbook and from CSV (issue 13)"
echo
echo "| meetings | meetings.csv (s) | peak MB | meetings.xlsx (s) | peak MB | xlsx size | ratio (target ≤ 3×) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
echo "| $rows | $c | $(peak csv) | $x | $(peak xlsx) | $(du -k "$WORK/meetings.xlsx" | cut -f1) KB | $(awk -v a="$x" -v b="$c" 'BEGIN {printf "%.1f×", a / b}') |"
