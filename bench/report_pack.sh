#!/usr/bin/env bash
# Times `mentorscope report` (analysis + every chart as SVG, 1× and 2× PNG,
# the HTML and the PDF) on generated programs, release build. Target: the
# full pack for 100,000 people in under 2 s.
#
#   bench/report_pack.sh                 # 100k people
#   SIZES="1000 100000" bench/report_pack.sh
#   RUNS=5 bench/report_pack.sh          # best and median of 5 runs
# Needs /usr/bin/time (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000"}
RUNS=${RUNS:-3}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build -q --release -p mentorscope --bin mentorscope --example generate-scale
BIN=$CARGO_TARGET_DIR/release/mentorscope
GEN=$CARGO_TARGET_DIR/release/examples/generate-scale
WORK=${WORK:-$(mktemp -d)}
trap 'rm -rf "$WORK"' EXIT

echo "| people | meetings | analyze (s) | full pack (s), best of $RUNS | median (s) | pack peak MB | pack size MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  d="$WORK/p$n"
  "$GEN" --people "$n" --out "$d" > /dev/null
  rows=$(($(wc -l < "$d/meetings.csv") - 1))
  "$BIN" --db "$d/ms.db" import "$d"/*.csv > /dev/null
  "$BIN" --db "$d/ms.db" analyze --json > /dev/null # warm the page cache
  /usr/bin/time -f "%e" -o "$WORK/t" "$BIN" --db "$d/ms.db" analyze --json > /dev/null
  an_s=$(cat "$WORK/t")
  times=()
  peak=0
  for _ in $(seq "$RUNS"); do
    rm -rf "$d/pack"
    /usr/bin/time -f "%e %M" -o "$WORK/t" "$BIN" --db "$d/ms.db" report --out "$d/pack" > /dev/null
    read -r s kb < "$WORK/t"
    times+=("$s")
    peak=$((kb > peak ? kb : peak))
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  best=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(((RUNS + 1) / 2))p")
  size=$(du -sm "$d/pack" | cut -f1)
  echo "| $n | $rows | $an_s | $best | $median | $((peak / 1024)) | $size |"
done
