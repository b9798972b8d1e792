"""Independent reference for the `skills` rows of `mentorscope analyze --json`
(docs/METRICS.md M8), computed with SciPy and statsmodels from the SQLite
database directly (not through Mentorscope).

Regenerate the checked-in values (from the repository root):
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install -r tests/golden/requirements.txt
    cargo run -q -p mentorscope -- --db /tmp/golden.db import sample-data/*.csv
    /tmp/venv/bin/python tests/golden/golden_skills.py /tmp/golden.db > tests/golden/skills_sample.json
    /tmp/venv/bin/python tests/golden/golden_skills.py /tmp/golden.db --team Platform > tests/golden/skills_sample_team.json
    /tmp/venv/bin/python tests/golden/golden_skills.py /tmp/golden.db --cohort 2025-Spring > tests/golden/skills_sample_cohort.json
    cargo run -q -p mentorscope -- --db /tmp/golden.db import tests/data/skills-mid-wave.csv
    /tmp/venv/bin/python tests/golden/golden_skills.py /tmp/golden.db --before 6-month > tests/golden/skills_mid_wave.json

Choices METRICS.md leaves open, as Mentorscope makes them: skill waves are in
time order by the middle assessment day of each wave (the upper middle for an
even count) when every wave has dates; before = the first wave, after = the
last; the latest assessment per person, wave, area and rater counts (by date,
then by file order); Holm runs over the areas of one rater; "mentored" = the
mentee of a pairing in scope; coverage = the share of the row's mentees with a
meeting (as mentee) whose topic, lower-cased with everything but letters and
digits removed (and text in parentheses), equals the area's name or one of its
synonyms in src/skills/frameworks/*.csv. Values are the statistics before
disclosure control (the Rust test turns it off as for the other goldens).
"""
import argparse
import csv
import glob
import json
import math
import os
import re
import sqlite3
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))
FRAMEWORKS = os.path.join(HERE, "..", "..", "src", "skills", "frameworks")


def num(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def norm(s):
    """Header/topic normalisation: drop text in parentheses, keep lower-case
    letters and digits."""
    out, depth = [], 0
    for c in s:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and c.isalnum():
            out.append(c.lower())
    if not out:
        return "".join(c.lower() for c in s if c.isalnum())
    return "".join(out)


def topic_names(area):
    key = norm(area)
    names = {key}
    for path in glob.glob(os.path.join(FRAMEWORKS, "*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if norm(row["area"]) == key:
                    names.update(norm(s) for s in row["synonyms"].split(";") if s.strip())
    return names


def day(s):
    if not s:
        return None
    return np.datetime64(s[:10], "D").astype(int)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--team")
    ap.add_argument("--level")
    ap.add_argument("--cohort")
    ap.add_argument("--before", help="skill wave compared as before (default: the first)")
    ap.add_argument("--after", help="skill wave compared as after (default: the last)")
    args = ap.parse_args()
    con = sqlite3.connect(args.db)

    people = {r[0]: (r[1], r[2]) for r in con.execute("SELECT person_id, team, level FROM person")}
    filtered = args.team is not None or args.level is not None
    allowed = None
    if filtered:
        allowed = {
            p for p, (t, l) in people.items()
            if (args.team is None or t == args.team) and (args.level is None or l == args.level)
        }
    pairings = con.execute("SELECT mentor, mentee, cohort FROM pairings").fetchall()
    in_scope = [
        (m, e) for (m, e, c) in pairings
        if (args.cohort is None or c == args.cohort) and (allowed is None or e in allowed)
    ]
    mentees = {e for _, e in in_scope}
    cohort_people = None
    if args.cohort is not None:
        cohort_people = {x for pair in in_scope for x in pair}

    def person_in(p):
        if p not in people:
            return allowed is None and cohort_people is None
        return (allowed is None or p in allowed) and (cohort_people is None or p in cohort_people)

    topics = {}
    for mentee, t in con.execute("SELECT mentee, topics FROM meetings"):
        if not t:
            continue
        s = topics.setdefault(mentee, set())
        for part in re.split(r"[;|\n\r]", t):
            if part.strip():
                s.add(norm(part.strip()))

    rows = con.execute(
        "SELECT id, person, wave, assessed_on, area, rater, value, scale_points FROM skill_assessments ORDER BY id"
    ).fetchall()
    wave_days = {}
    waves = set()
    for (_, _, w, d, *_rest) in rows:
        waves.add(w)
        if d:
            wave_days.setdefault(w, []).append(day(d))
    if len(waves) < 2:
        json.dump({"skills": []}, sys.stdout, indent=1)
        return
    if all(w in wave_days for w in waves):
        def key(w):
            v = sorted(wave_days[w])
            return (int(v[len(v) // 2]), w)
        order = sorted(waves, key=key)
    else:
        raise SystemExit("undated skill waves are not covered by this reference")
    before = args.before or order[0]
    after = args.after or order[-1]

    latest = {}
    for (rid, person, w, d, area, rater, value, k) in rows:
        if w not in (before, after) or not person_in(person):
            continue
        rank = (day(d) if d else -(2**31), rid)
        unit = (value - 1.0) / (k - 1.0) if k > 1 else 0.0
        kk = (area, rater, person, w)
        if kk not in latest or latest[kk][0] < rank:
            latest[kk] = (rank, unit)
    groups = {}
    for (area, rater, person, w), (_, unit) in latest.items():
        if w != before:
            continue
        a = latest.get((area, rater, person, after))
        if a is not None:
            groups.setdefault((area, rater), {})[person] = (unit, a[1])

    out = []
    for (area, rater), ppl in groups.items():
        persons = sorted(ppl)
        b = np.array([ppl[p][0] for p in persons])
        a = np.array([ppl[p][1] for p in persons])
        d = a - b
        n = len(d)
        mean_change = float(d.mean())
        if n >= 2 and np.std(d, ddof=1) > 0:
            t = stats.ttest_1samp(d, 0.0)
            ci = t.confidence_interval(0.95)
            p, ci95 = float(t.pvalue), [float(ci.low), float(ci.high)]
        else:
            p, ci95 = None, None
        names = topic_names(area)
        mentored = [ppl[x][1] - ppl[x][0] for x in persons if x in mentees]
        not_m = [ppl[x][1] - ppl[x][0] for x in persons if x not in mentees]
        covered = sum(1 for x in persons if x in mentees and topics.get(x, set()) & names)
        welch = None
        if len(mentored) >= 2 and len(not_m) >= 2:
            welch = num(stats.ttest_ind(mentored, not_m, equal_var=False).pvalue)
        rank = {"self": 0, "mentor": 1, "manager": 2, "peer": 3}.get(rater, 4)
        out.append({
            "_sort": (rank, rater, area),
            "area": area,
            "rater": rater,
            "before_wave": before,
            "after_wave": after,
            "n": n,
            "mean_before": float(b.mean()),
            "mean_after": float(a.mean()),
            "mean_change": mean_change,
            "ci95": ci95,
            "p": p,
            "n_mentored": len(mentored),
            "n_not_mentored": len(not_m),
            "mean_change_mentored": float(np.mean(mentored)) if mentored else None,
            "mean_change_not_mentored": float(np.mean(not_m)) if not_m else None,
            "mentored_vs_not_p": welch,
            "coverage": covered / len(mentored) if mentored else None,
        })
    out.sort(key=lambda r: r["_sort"])
    for rater in sorted({r["rater"] for r in out}):
        idx = [i for i, r in enumerate(out) if r["rater"] == rater and r["p"] is not None]
        adj = multipletests([out[i]["p"] for i in idx], method="holm")[1] if idx else []
        for i in range(len(out)):
            if out[i]["rater"] == rater:
                out[i]["p_holm"] = None
        for i, v in zip(idx, adj):
            out[i]["p_holm"] = float(v)
    for r in out:
        del r["_sort"]
    json.dump({"skills": out}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
