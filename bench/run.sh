#!/usr/bin/env bash
# Benchmarks Mentorscope against the tools the work is otherwise done with,
# each ratio taken in the same run, on generated programs of 1k, 10k and 100k
# people (bench/generate_scale.rs; 100k people → ~1.05M meetings, 200k survey
# responses), and prints Markdown tables:
#
#   import:   `mentorscope import meetings.csv` vs the sqlite3 shell's `.import`
#             of the same file into an empty table (ours validates and
#             normalises every row, theirs stores the text as it is)
#   report:   `mentorscope report --out DIR` (analysis + 17 charts as SVG,
#             PNG and @2x PNG + HTML + PDF + slides + workbook) vs
#             bench/reference_report.py (pandas + SciPy + lifelines +
#             statsmodels + matplotlib + python-pptx + XlsxWriter doing the
#             same), with a check that both computed the same METRICS.md numbers
#   analysis: `mentorscope analyze --json` vs tests/golden/golden_analysis.py
#             and vs `reference_report.py --numbers-only`
#   scaling:  Mentorscope's time and peak memory per size, with the growth
#             factor from the previous size (10× more people each step)
#
# Times are wall-clock seconds and peak memory is maximum resident set size,
# both from /usr/bin/time -f "%e %M" (the report table adds CPU seconds, user
# + system, from %U %S); each figure is the median of $RUNS runs (peak: the
# largest), the two sides interleaved, with the input files read into the
# page cache before every run of either side. The load average before each
# size is printed too: other work on the machine skews the figures.
#
#   bench/run.sh                       # 1k, 10k, 100k people, 3 runs each
#   SIZES="10000" RUNS=1 bench/run.sh  # one size, one run
#   KEEP=/tmp/b bench/run.sh           # keep the generated data and packs
#
# From a fresh clone it builds the release CLI and the generator, installs
# sqlite3, GNU time and python3-venv with apt if missing (sudo unless root),
# and creates a venv with bench/requirements.txt in $BENCH_VENV (default
# $HOME/.cache/mentorscope/bench-venv; reinstalled when the file changes).
# Python: $PYTHON (default python3, >= 3.11).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-3}
PYTHON=${PYTHON:-python3}
VENV=${BENCH_VENV:-$HOME/.cache/mentorscope/bench-venv}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

log() { echo "$*" >&2; }

# ---------------------------------------------------------------- tools
missing=()
command -v sqlite3 > /dev/null || missing+=(sqlite3)
[ -x /usr/bin/time ] || missing+=(time)
"$PYTHON" -c "import venv, ensurepip" 2> /dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
  command -v apt-get > /dev/null || { log "Missing: ${missing[*]}; install them and run this again."; exit 1; }
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" > /dev/null
fi

stamp="$VENV/.requirements.sha256"
want=$(sha256sum bench/requirements.txt | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2> /dev/null)" != "$want" ]; then
  log "Creating the Python venv in $VENV (pip install -r bench/requirements.txt)…"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r bench/requirements.txt
  echo "$want" > "$stamp"
fi
PY="$VENV/bin/python"
# First import builds matplotlib's font cache and byte-compiles: not timed.
MPLBACKEND=Agg "$PY" -c "import pandas, scipy.stats, lifelines, matplotlib.pyplot, statsmodels.api, pptx, xlsxwriter, snowballstemmer" 2> /dev/null

log "Building the release CLI and the generator…"
cargo build -q --release -p mentorscope --bin mentorscope --example generate-scale
BIN=$CARGO_TARGET_DIR/release/mentorscope
GEN=$CARGO_TARGET_DIR/release/examples/generate-scale

if [ -n "${KEEP:-}" ]; then
  WORK=$KEEP
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi

# ---------------------------------------------------------------- helpers
# measure NAME CMD...: runs CMD, appends "seconds peak_kb user_s sys_s" to $WORK/NAME.t;
# stdout and stderr go to $WORK/NAME.log, shown if CMD fails.
measure() {
  local name=$1
  shift
  if ! /usr/bin/time -f "%e %M %U %S" -o "$WORK/$name.one" "$@" > "$WORK/$name.log" 2>&1; then
    log "FAILED: $*"
    tail -20 "$WORK/$name.log" >&2
    exit 1
  fi
  tail -1 "$WORK/$name.one" >> "$WORK/$name.t"
}
median_s() { cut -d' ' -f1 "$WORK/$1.t" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cpu_s() { awk '{print $3 + $4}' "$WORK/$1.t" | sort -g | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'; }
peak_mb() { cut -d' ' -f2 "$WORK/$1.t" | sort -g | tail -1 | awk '{printf "%d", $1/1024 + 0.5}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else { r = a / b; printf (r >= 10 ? "%.0f×" : "%.1f×"), r } }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s == 0) print "n/a"; else printf "%d", n / s + 0.5 }' | thousands; }
# growth CURRENT PREVIOUS: "(×F)" from the previous size, empty at the first.
growth() { [ -z "$2" ] && return; awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf " (×%.1f)", a / b }'; }
warm() { cat "$@" > /dev/null 2>&1 || true; }
# thousands [N]: 1234567 → 1,234,567 (N, or stdin).
thousands() { if [ $# -gt 0 ]; then echo "$1"; else cat; fi | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
export LC_ALL=C

commit=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
git diff --quiet HEAD -- src Cargo.toml Cargo.lock 2> /dev/null || commit="$commit (with uncommitted changes in src/)"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

imp_rows=() pack_rows=() an_rows=() scale_rows=() agree_notes=() loads=()
prev_imp="" prev_rep="" prev_an="" prev_all="" prev_repmb=""
for n in $SIZES; do
  d="$WORK/p$n"
  log "== $n people: generating…"
  [ -f "$d/meetings.csv" ] || "$GEN" --people "$n" --out "$d" > /dev/null
  rows=$(($(wc -l < "$d/meetings.csv") - 1))
  rm -f "$WORK"/*.t
  loads+=("$(thousands "$n") people: $(cut -d' ' -f1 /proc/loadavg)")

  # -------------------------------------------------------------- import
  log "   import ×$RUNS: mentorscope vs sqlite3 .import ($rows meetings)…"
  for _ in $(seq "$RUNS"); do
    rm -f "$d"/imp.db* "$d"/plain.db*
    warm "$d/meetings.csv" "$BIN"
    measure imp_ours "$BIN" --db "$d/imp.db" import "$d/meetings.csv"
    warm "$d/meetings.csv" "$(command -v sqlite3)"
    measure imp_sqlite sqlite3 "$d/plain.db" ".mode csv" ".import $d/meetings.csv meetings"
  done
  got=$(sqlite3 "$d/plain.db" "SELECT count(*) FROM meetings")
  [ "$got" = "$rows" ] || { log "sqlite3 .import stored $got rows, expected $rows"; exit 1; }
  got=$("$PY" -c "import json,sys; print(json.load(sys.stdin)['meetings'])" < <("$BIN" --db "$d/imp.db" status --json))
  [ "$got" = "$rows" ] || { log "mentorscope import stored $got rows, expected $rows"; exit 1; }
  io_s=$(median_s imp_ours) sq_s=$(median_s imp_sqlite)
  imp_rows+=("| $(thousands "$n") | $(thousands "$rows") | $io_s | $(rate "$rows" "$io_s") | $(peak_mb imp_ours) | $sq_s | $(rate "$rows" "$sq_s") | $(peak_mb imp_sqlite) | $(ratio "$sq_s" "$io_s") |")

  # -------------------------------------------------------------- the program database
  log "   importing every file…"
  rm -f "$d"/ms.db*
  warm "$d"/*.csv
  measure all_ours "$BIN" --db "$d/ms.db" import "$d"/roster.csv "$d"/pairings.csv "$d"/meetings.csv \
    "$d"/milestones.csv "$d"/survey-*.csv "$d"/team-metrics.csv
  responses=$("$PY" -c "import json,sys; print(json.load(sys.stdin)['survey_responses'])" < <("$BIN" --db "$d/ms.db" status --json))

  # -------------------------------------------------------------- report
  log "   report ×$RUNS: mentorscope vs reference_report.py…"
  for _ in $(seq "$RUNS"); do
    rm -rf "$d/pack" "$d/refpack"
    warm "$d"/ms.db* "$BIN"
    measure rep_ours "$BIN" --db "$d/ms.db" report --out "$d/pack"
    warm "$d"/ms.db* bench/reference_report.py
    measure rep_ref "$PY" bench/reference_report.py "$d/ms.db" --out "$d/refpack"
  done
  files_ours=$(find "$d/pack" -type f | wc -l) files_ref=$(find "$d/refpack" -type f | wc -l)
  # A disagreement (or nothing compared) is recorded, the run finishes its
  # tables, and the script then exits non-zero: a fast wrong answer is not a
  # benchmark result.
  agree_rc=0
  agree=$("$PY" bench/compare_numbers.py "$d/refpack/analysis.json" "$d/pack/analysis.json") || agree_rc=$?
  summary=$(head -1 <<< "$agree")
  ((agree_rc)) && agree_notes+=("$(thousands "$n") people: $agree")
  ro_s=$(median_s rep_ours) rr_s=$(median_s rep_ref)
  pack_rows+=("| $(thousands "$n") | $ro_s | $(cpu_s rep_ours) | $(peak_mb rep_ours) | $files_ours | $rr_s | $(cpu_s rep_ref) | $(peak_mb rep_ref) | $files_ref | $(ratio "$rr_s" "$ro_s") | $summary |")

  # -------------------------------------------------------------- analysis alone
  log "   analyze ×$RUNS: mentorscope vs golden_analysis.py vs reference --numbers-only…"
  for _ in $(seq "$RUNS"); do
    warm "$d"/ms.db* "$BIN"
    measure an_ours "$BIN" --db "$d/ms.db" analyze --json
    warm "$d"/ms.db* tests/golden/golden_analysis.py
    measure an_golden "$PY" tests/golden/golden_analysis.py "$d/ms.db"
    warm "$d"/ms.db* bench/reference_report.py
    measure an_ref "$PY" bench/reference_report.py "$d/ms.db" --numbers-only
  done
  ao_s=$(median_s an_ours) ag_s=$(median_s an_golden) ar_s=$(median_s an_ref)
  an_rows+=("| $(thousands "$n") | $ao_s | $(peak_mb an_ours) | $ag_s | $(peak_mb an_golden) | $(ratio "$ag_s" "$ao_s") | $ar_s | $(peak_mb an_ref) | $(ratio "$ar_s" "$ao_s") |")

  all_s=$(median_s all_ours) rep_mb=$(peak_mb rep_ours)
  scale_rows+=("| $(thousands "$n") | $(thousands "$rows") | $(thousands "$responses") | ${all_s}$(growth "$all_s" "$prev_all") | $(peak_mb all_ours) | ${io_s}$(growth "$io_s" "$prev_imp") | ${ao_s}$(growth "$ao_s" "$prev_an") | ${ro_s}$(growth "$ro_s" "$prev_rep") | ${rep_mb}$(growth "$rep_mb" "$prev_repmb") |")
  prev_all=$all_s prev_imp=$io_s prev_an=$ao_s prev_rep=$ro_s prev_repmb=$rep_mb
  [ -n "${KEEP:-}" ] || rm -rf "$d"
done

# ---------------------------------------------------------------- the tables
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
ram=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1024 / 1024}' /proc/meminfo)
# shellcheck disable=SC1091
os=$(. /etc/os-release 2> /dev/null && echo "$PRETTY_NAME")
pyver=$("$PY" -c "import sys, numpy, scipy, pandas, lifelines, matplotlib as m; print(f'Python {sys.version.split()[0]}, numpy {numpy.__version__}, scipy {scipy.__version__}, pandas {pandas.__version__}, lifelines {lifelines.__version__}, matplotlib {m.__version__}')")
cat << EOF
Run $(date -u '+%Y-%m-%d %H:%M UTC') at commit $commit; median of $RUNS runs (peak memory: the largest).
Machine: $(nproc) cores, $cpu, $ram RAM, $os; $(rustc --version); sqlite3 $(sqlite3 --version | cut -d' ' -f1); $pyver.
Load average (1, 5, 15 min) at start: $load_start; at end: $(cut -d' ' -f1-3 /proc/loadavg); 1-min load before each size: $(printf '%s; ' "${loads[@]}" | sed 's/; $//').

### Import of meetings.csv: \`mentorscope import\` vs \`sqlite3\` \`.import\` into an empty table

| people | meetings | mentorscope (s) | rows/s | peak MB | sqlite3 .import (s) | rows/s | peak MB | ratio |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${imp_rows[@]}")

Ratio = sqlite3 time ÷ Mentorscope time: above 1× Mentorscope is faster (target: ≥ 1×).

### Analysis + full review pack: \`mentorscope report\` vs \`bench/reference_report.py\` (pandas + SciPy + lifelines + matplotlib)

| people | mentorscope report (s) | CPU s | peak MB | files | reference (s) | CPU s | peak MB | files | speed-up | same numbers? |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
$(printf '%s\n' "${pack_rows[@]}")

Speed-up = reference wall time ÷ Mentorscope wall time (target: ≥ 20×); CPU s = user + system seconds. "Same numbers" compares every METRICS.md value of the two analysis.json files (bench/compare_numbers.py, 1e-9 relative).

### Analysis alone: \`mentorscope analyze --json\` vs \`tests/golden/golden_analysis.py\` and \`reference_report.py --numbers-only\`

| people | mentorscope analyze (s) | peak MB | golden_analysis.py (s) | peak MB | speed-up | reference --numbers-only (s) | peak MB | speed-up |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${an_rows[@]}")

### Scaling (Mentorscope): time in s and peak memory in MB, (×growth) from the previous size

| people | meetings | survey responses | import all files (s) | peak MB | import meetings.csv (s) | analyze (s) | report (s) | report peak MB |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${scale_rows[@]}")
EOF
if ((${#agree_notes[@]})); then
  echo
  echo "Values that differ between reference_report.py and Mentorscope:"
  printf '%s\n' "${agree_notes[@]}" | sed 's/^/    /'
fi

echo
PY="$PY" RUNS="$RUNS" bench/workbook.sh
if ((${#agree_notes[@]})); then
  echo "FAILED: Mentorscope and reference_report.py disagree (above)." >&2
  exit 1
fi
