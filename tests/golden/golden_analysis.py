"""Independent reference for `mentorscope analyze --json` (docs/METRICS.md
M1–M7).

Reads a Mentorscope SQLite database directly (not through Mentorscope) and
computes the contract's values with pandas, SciPy, lifelines and statsmodels
(the adjusted comparisons of M6: Cox PH stratified by team × level with its
proportional-hazards test, and the same Cox model without strata for the raw
hazard ratio, OLS with HC3 and with team-clustered errors, Holm;
M7: waves in time order, cohorts and formats with Kruskal–Wallis).

Regenerate the checked-in values (from the repository root):
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install -r tests/golden/requirements.txt
    cargo run -q -p mentorscope -- --db /tmp/golden.db import sample-data/*.csv
    /tmp/venv/bin/python tests/golden/golden_analysis.py /tmp/golden.db --km-out tests/golden/km_sample.json > tests/golden/analysis_sample.json
    /tmp/venv/bin/python tests/golden/golden_analysis.py /tmp/golden.db --team Platform > tests/golden/analysis_sample_team.json
    /tmp/venv/bin/python tests/golden/golden_analysis.py /tmp/golden.db --cohort 2025-Spring > tests/golden/analysis_sample_cohort.json
    cargo run -q -p mentorscope -- --db /tmp/b.db import tests/data/program-b/*.csv
    /tmp/venv/bin/python tests/golden/golden_analysis.py /tmp/b.db > tests/golden/analysis_program_b.json
  each analysis option on the sample (tests/analysis_sample.rs, one golden per option set):
    G="/tmp/venv/bin/python tests/golden/golden_analysis.py /tmp/golden.db"
    $G --split hired-after-launch > tests/golden/analysis_sample_split_hired.json
    $G --milestone "First on-call shift" > tests/golden/analysis_sample_milestone_oncall.json
    $G --before 3-month --after 12-month > tests/golden/analysis_sample_waves_3m_12m.json
    $G --before pre --after 12-month > tests/golden/analysis_sample_waves_pre_12m.json
    $G --from 2024-10-01 --to 2026-01-31 > tests/golden/analysis_sample_range.json
    $G --launch 2025-04-01 --as-of 2026-03-31 > tests/golden/analysis_sample_launch_asof.json
  every label set (7-point agreement, satisfaction, frequency; tests/data/program-scales,
  written by its generate.py):
    cargo run -q -p mentorscope -- --db /tmp/scales.db import tests/data/program-scales/*.csv
    /tmp/venv/bin/python tests/golden/golden_analysis.py /tmp/scales.db > tests/golden/analysis_program_scales.json
  the same with "How often do you get useful feedback?" marked reverse-coded:
    sqlite3 /tmp/scales.db "INSERT INTO item_settings (item, reverse) VALUES ('how often do you get useful feedback?', 1)"
    /tmp/venv/bin/python tests/golden/golden_analysis.py /tmp/scales.db > tests/golden/analysis_program_scales_reverse.json
  and then with the two numeric items' scales declared (the 1–5 tools rating
  reverse-coded as well):
    M="cargo run -q -p mentorscope -- --db /tmp/scales.db items --item"
    $M "How manageable is your workload? (0-10)" --scale 0-10
    $M "Rate our internal tools from 1 to 5" --scale 1-5 --reverse
    /tmp/venv/bin/python tests/golden/golden_analysis.py /tmp/scales.db > tests/golden/analysis_program_scales_declared.json
The script refuses to run with package versions other than requirements.txt's
(other versions can move the last digits); --allow-other-versions overrides.

Survey answers are scored here from their text (value_text) with this
script's own label sets, not from the number Mentorscope's importer stored,
so a wrong scale mapping in the importer shows as a difference.

Choices METRICS.md leaves open, as Mentorscope makes them: the minimum group
size counts distinct respondents (anonymous responses each count as one);
"the 30 days up to and including as-of" is as_of − 29 … as_of; change
failure rate sums only team-weeks where deployments and incidents are both
known; eNPS uses the first 0–10 item whose text mentions "recommend"; quiet
pairings with the same last meeting are listed by mentee identity; the group
labels of `--split hired-after-launch` are capitalised as the app shows them;
under a date range every imported wave is still listed in `waves` (its n
counting the responses in the range) at the median date of all its responses.
"""
import argparse
import json
import math
import sqlite3
import sys
from collections import Counter

import numpy as np
import pandas as pd
from scipy import stats
import statsmodels.api as sm
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import logrank_test, proportional_hazard_test
from statsmodels.stats.multitest import multipletests

ap = argparse.ArgumentParser()
ap.add_argument("db")
ap.add_argument("--team")
ap.add_argument("--cohort")
ap.add_argument("--min-group", type=int, default=5)
ap.add_argument("--launch", help="launch date (default: the earliest pairing start)")
ap.add_argument("--as-of", help="as-of date (default: the latest date in the data)")
ap.add_argument("--before", help="survey wave used as before (default: the first in time order)")
ap.add_argument("--after", help="survey wave used as after (default: the last in time order)")
ap.add_argument("--from", dest="date_from", help="keep meetings, survey responses and team-weeks from this day on")
ap.add_argument("--to", dest="date_to", help="… up to and including this day")
ap.add_argument("--milestone", help="milestone kind of M2 (default: the most frequent)")
ap.add_argument("--split", choices=["mentored", "hired-after-launch"], default="mentored")
ap.add_argument("--km-out", help="also write lifelines' Kaplan–Meier curves S(t) of M2 and M3 to this file (for the chart geometry tests)")
ap.add_argument("--allow-other-versions", action="store_true")
args = ap.parse_args()
K = args.min_group


def check_versions():
    """The installed packages must be requirements.txt's pins."""
    from importlib.metadata import version, PackageNotFoundError
    import os
    req = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.txt")
    wrong = []
    for line in open(req, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if "==" not in line:
            continue
        name, want = line.split("==")
        try:
            have = version(name)
        except PackageNotFoundError:
            have = None
        if have != want:
            wrong.append(f"{name} {have} (pinned {want})")
    if wrong and not args.allow_other_versions:
        sys.exit("golden_analysis.py: package versions differ from requirements.txt: " + ", ".join(wrong))


check_versions()

con = sqlite3.connect(args.db)
q = lambda sql: pd.read_sql_query(sql, con)
# Person-ID order: the Cox model's tied rows keep this order, as Mentorscope's.
people = q("SELECT person_id, email, team, level, hire_date, exit_date FROM person ORDER BY person_id")
pairings = q("SELECT mentor, mentee, cohort, start_date, end_date, format FROM pairings ORDER BY id")
meetings = q("SELECT started_at, mentor, mentee, duration_min, topics FROM meetings ORDER BY id")
questions = q("SELECT id, wave, position, text, kind, scale_points FROM survey_questions")
reverse_items = set(q("SELECT item FROM item_settings WHERE reverse = 1").item)
responses = q("SELECT id, wave, respondent, submitted_at, import_id FROM survey_responses")
all_answers = q("SELECT response_id, question_id, value_text, value_num FROM survey_answers")
answers = all_answers[all_answers.value_num.notna()][["response_id", "question_id", "value_num"]]
milestones = q("SELECT person, milestone, date FROM milestones ORDER BY id")
team_metrics = q("SELECT team, period_start, deployments, incidents, mttr_hours FROM team_metrics")

alias = {}
for r in people.itertuples():
    alias[r.person_id] = r.person_id
for r in people.itertuples():
    if r.email is not None and r.email not in alias:
        alias[r.email] = r.person_id
res = lambda x: None if x is None else alias.get(x, x)
pairings["mentor"] = pairings.mentor.map(res)
pairings["mentee"] = pairings.mentee.map(res)
meetings["mentor"] = meetings.mentor.map(res)
meetings["mentee"] = meetings.mentee.map(res)
responses["respondent"] = responses.respondent.map(res)
milestones["person"] = milestones.person.map(res)

day = lambda s: None if s is None or (isinstance(s, float) and math.isnan(s)) else pd.Timestamp(str(s)[:10])
for col in ("hire_date", "exit_date"):
    people[col] = people[col].map(day)
for col in ("start_date", "end_date"):
    pairings[col] = pairings[col].map(day)
meetings["day"] = meetings.started_at.map(day)
milestones["day"] = milestones.date.map(day)
team_metrics["day"] = team_metrics.period_start.map(day)
responses["day"] = responses.submitted_at.map(day)

all_days = pd.concat([people.hire_date, people.exit_date, pairings.start_date, pairings.end_date,
                      meetings.day, milestones.day, team_metrics.day, responses.day]).dropna()
as_of = pd.Timestamp(args.as_of) if args.as_of else all_days.max()
launch = pd.Timestamp(args.launch) if args.launch else pairings.start_date.dropna().min()

# Date range (METRICS.md, Terms: Filters): meetings by day, survey responses by
# submission day (a response without a time is always kept), team-weeks by
# week start; both ends included.
lo = pd.Timestamp(args.date_from) if args.date_from else None
hi = pd.Timestamp(args.date_to) if args.date_to else None
in_range = lambda d: (lo is None or d >= lo) and (hi is None or d <= hi)
meetings = meetings[[in_range(d) for d in meetings.day]].reset_index(drop=True)
team_metrics = team_metrics[[in_range(d) for d in team_metrics.day]].reset_index(drop=True)
all_responses = responses
responses = responses[[d is None or pd.isna(d) or in_range(d) for d in responses.day]].reset_index(drop=True)

# Likert items, independently of Mentorscope's importer: the label sets of
# METRICS.md M1 (agreement, satisfaction, frequency; 5 and 7 points), matched
# after trimming, ignoring case and runs of spaces. A question is on the
# smallest set that knows at least two thirds of its distinct answers; an
# answer its set does not know is not a score.
LABEL_SETS = {
    "agreement-5": ["strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree"],
    "agreement-7": ["strongly disagree", "disagree", "somewhat disagree", "neither agree nor disagree",
                    "somewhat agree", "agree", "strongly agree"],
    "satisfaction-5": ["very dissatisfied", "dissatisfied", "neither satisfied nor dissatisfied", "satisfied",
                       "very satisfied"],
    "satisfaction-7": ["extremely dissatisfied", "moderately dissatisfied", "slightly dissatisfied",
                       "neither satisfied nor dissatisfied", "slightly satisfied", "moderately satisfied",
                       "extremely satisfied"],
    "frequency-5": ["never", "rarely", "sometimes", "often", "always"],
    "likelihood-5": ["very unlikely", "unlikely", "neither likely nor unlikely", "likely", "very likely"],
    "quality-5": ["poor", "fair", "good", "very good", "excellent"],
    "quality-5-from-very-poor": ["very poor", "poor", "fair", "good", "excellent"],
    "importance-5": ["not at all important", "slightly important", "moderately important", "very important",
                     "extremely important"],
}
SYNONYMS = {"agreement-5": {"neutral": 3}, "satisfaction-5": {"neutral": 3}}
lab = lambda t: " ".join(str(t).split()).lower()


def scale_of(texts):
    distinct = {lab(t) for t in texts if isinstance(t, str) and t.strip()}
    best = None
    for name, labels in LABEL_SETS.items():
        known = {l: i + 1 for i, l in enumerate(labels)} | SYNONYMS.get(name, {})
        hit = sum(1 for d in distinct if d in known)
        if distinct and 3 * hit >= 2 * len(distinct):
            key = (-hit, len(labels))
            if best is None or key < best[0]:
                best = (key, known, len(labels))
    return None if best is None else (best[1], best[2])


scored = {}
for qid, g in all_answers.groupby("question_id"):
    sc = scale_of(g.value_text)
    if sc is not None:
        scored[qid] = sc
# A numeric item whose scale the user declared (item_settings.scale_min/max,
# schema 3) counts as a Likert item on that scale: its level is the answer
# (read here from the answer's text) minus the scale's start plus one; an
# answer that is not a whole number on the scale is left out.
try:
    declared = {r.item: (int(r.scale_min), int(r.scale_max)) for r in q(
        "SELECT item, scale_min, scale_max FROM item_settings WHERE scale_min IS NOT NULL AND scale_max IS NOT NULL").itertuples()}
except Exception:  # a database written before schema 3
    declared = {}
declared_q = {}
for qq in questions.itertuples():
    d = declared.get(" ".join(qq.text.split()).lower())
    if d is not None and qq.id not in scored and qq.kind in ("numeric", "zero_to_ten"):
        declared_q[qq.id] = d


def declared_level(text, lo, hi):
    try:
        x = float(str(text).strip())
    except ValueError:
        return None
    return x - lo + 1 if (x.is_integer() and lo <= x <= hi) else None


questions["kind"] = [("likert" if (i in scored or i in declared_q) else ("zero_to_ten" if k == "zero_to_ten" else "other"))
                     for i, k in zip(questions.id, questions.kind)]
questions["scale_points"] = [scored[i][1] if i in scored else (declared_q[i][1] - declared_q[i][0] + 1 if i in declared_q else None)
                             for i in questions.id]
likert_values = []
for r in all_answers.itertuples():
    sc = scored.get(r.question_id)
    if sc is not None and isinstance(r.value_text, str) and lab(r.value_text) in sc[0]:
        likert_values.append((r.response_id, r.question_id, float(sc[0][lab(r.value_text)])))
    d = declared_q.get(r.question_id)
    if d is not None and isinstance(r.value_text, str):
        level = declared_level(r.value_text, *d)
        if level is not None:
            likert_values.append((r.response_id, r.question_id, float(level)))
likert_answers = pd.DataFrame(likert_values, columns=["response_id", "question_id", "value_num"])

# Scope (filters).
in_people = None
if args.team:
    in_people = set(people[people.team == args.team].person_id)
scope_pairs = pairings.copy()
if args.cohort:
    scope_pairs = scope_pairs[scope_pairs.cohort == args.cohort]
if in_people is not None:
    scope_pairs = scope_pairs[scope_pairs.mentee.isin(in_people)]
cohort_people = None
if args.cohort:
    cohort_people = set(scope_pairs.mentor) | set(scope_pairs.mentee)
mentees = set(scope_pairs.mentee)
def person_in(p):
    return (in_people is None or p in in_people) and (cohort_people is None or p in cohort_people)


def tie(values):
    """Composites for the rank tests: equal composites are ties. A composite
    is a mean of 1–5 values (sixths for 7-point items, 6 − x when reverse-coded)
    and pandas' summation leaves equal ones a bit apart; rounded to 10 decimals
    they are equal again (different composites differ by far more)."""
    return np.round(np.asarray(values, dtype=float), 10)


def num(x):
    if x is None:
        return None
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x

# ---------------------------------------------------------------- M1
waves = (responses.assign(sub=responses.submitted_at.fillna("9999"))
         .groupby("wave").agg(first=("sub", "min"), imp=("import_id", "min"))
         .sort_values(["first", "imp"]).index.tolist())
bw = args.before or waves[0]
aw = args.after or waves[-1]
norm = lambda t: " ".join(t.split()).lower()
order = []
for w in (bw, aw):
    for qq in questions[(questions.wave == w) & (questions.kind == "likert")].sort_values("position").itertuples():
        if norm(qq.text) not in order:
            order.append(norm(qq.text))
lik = questions[(questions.kind == "likert") & questions.wave.isin([bw, aw])].copy()
lik["item"] = lik.text.map(lambda t: order.index(norm(t)))
resp = responses[responses.wave.isin([bw, aw])].copy()
resp = resp[resp.respondent.map(lambda p: person_in(p) if p is not None else (in_people is None and cohort_people is None))]
a = likert_answers.merge(lik[["id", "item", "scale_points"]], left_on="question_id", right_on="id").merge(
    resp[["id", "wave", "respondent", "submitted_at"]], left_on="response_id", right_on="id", suffixes=("", "_r"))
a["value"] = 1 + 4 * (a.value_num - 1) / (a.scale_points - 1)
a["value"] = np.where(a.item.map(lambda i: order[i] in reverse_items), 6 - a.value, a.value)
comp = a.groupby("response_id").agg(composite=("value", "mean"), wave=("wave", "first"),
                                    respondent=("respondent", "first"), submitted=("submitted_at", "first")).reset_index()
before = comp[comp.wave == bw].composite.to_numpy()
after = comp[comp.wave == aw].composite.to_numpy()
def distinct(wave):
    c = comp[comp.wave == wave]
    return c.respondent.dropna().nunique() + c.respondent.isna().sum()
suppressed = bool(distinct(bw) < K or distinct(aw) < K)
su = {"before_wave": bw, "after_wave": aw, "n_before": len(before), "n_after": len(after), "suppressed": suppressed}
if suppressed:
    su.update(mean_before=None, mean_after=None, sd_before=None, sd_after=None, diff=None, ci95=None, welch_t=None, welch_df=None, welch_p=None,
              cohens_d=None, mann_whitney_p=None)
else:
    w = stats.ttest_ind(after, before, equal_var=False)
    ci = w.confidence_interval(0.95)
    nb, na = len(before), len(after)
    pooled = math.sqrt(((nb - 1) * before.var(ddof=1) + (na - 1) * after.var(ddof=1)) / (nb + na - 2))
    su.update(mean_before=before.mean(), mean_after=after.mean(), diff=after.mean() - before.mean(),
              sd_before=float(np.std(before, ddof=1)), sd_after=float(np.std(after, ddof=1)),
              ci95=[ci.low, ci.high], welch_t=w.statistic, welch_df=w.df, welch_p=w.pvalue,
              cohens_d=(after.mean() - before.mean()) / pooled,
              mann_whitney_p=stats.mannwhitneyu(tie(before), tie(after), alternative="two-sided", method="asymptotic",
                                                use_continuity=True).pvalue)
latest = (comp.dropna(subset=["respondent"]).assign(sub=lambda d: d.submitted.fillna(""))
          .sort_values(["sub", "response_id"]).groupby(["wave", "respondent"]).last().reset_index())
pb = latest[latest.wave == bw].set_index("respondent").composite
pa = latest[latest.wave == aw].set_index("respondent").composite
both = sorted(set(pb.index) & set(pa.index))
diffs = np.array([pa[p] - pb[p] for p in both])
sp = {"n_pairs": len(diffs), "suppressed": bool(len(diffs) < K)}
if sp["suppressed"]:
    sp.update(mean_diff=None, ci95=None, t=None, df=None, p=None)
else:
    t = stats.ttest_1samp(diffs, 0.0)
    ci = t.confidence_interval(0.95)
    sp.update(mean_diff=diffs.mean(), ci95=[ci.low, ci.high], t=t.statistic, df=t.df, p=t.pvalue)
im = {}
for side, wave in (("before", bw), ("after", aw)):
    vals = []
    for i in range(len(order)):
        v = a[(a.wave == wave) & (a.item == i)].value
        vals.append(v.mean() if len(v) >= K else None)
    im[side] = vals
# Distribution of each item per wave on its own scale (counts of level 1..k;
# a reverse-coded item's levels flipped so the last is the favourable end),
# hidden for a wave where fewer than k answered the item.
item_dist = []
for i in range(len(order)):
    qs_i = lik[lik.item == i].merge(pd.DataFrame({"wave": [bw, aw], "o": [0, 1]}), on="wave").sort_values("o")
    k_pts = int(qs_i.scale_points.iloc[0])
    row = {"scale_points": k_pts}
    for side, wave in (("before", bw), ("after", aw)):
        v = a[(a.wave == wave) & (a.item == i)].value_num.astype(int)
        if order[i] in reverse_items:
            v = k_pts + 1 - v
        row[side] = None if len(v) < K else [int((v == lvl).sum()) for lvl in range(1, k_pts + 1)]
    item_dist.append(row)
nps_q = questions[(questions.kind == "zero_to_ten") & questions.wave.isin([bw, aw])]
nps_text = None
for qq in questions[(questions.wave == bw) & (questions.kind == "zero_to_ten")].sort_values("position").itertuples():
    if "recommend" in qq.text.lower() or "nps" in qq.text.lower():
        nps_text = norm(qq.text)
        break
enps = {"before": None, "after": None}
if nps_text is not None:
    ids = nps_q[nps_q.text.map(norm) == nps_text][["id"]]
    e = answers.merge(ids, left_on="question_id", right_on="id").merge(resp[["id", "wave"]], left_on="response_id", right_on="id", suffixes=("", "_r"))
    for side, wave in (("before", bw), ("after", aw)):
        v = e[e.wave == wave].value_num
        if len(v) >= K:
            enps[side] = 100 * ((v >= 9).sum() - (v <= 6).sum()) / len(v)

# ---------------------------------------------------------------- M2, M3
def km_median(kmf):
    """METRICS.md's median: the smallest t with S(t) <= 0.5, None when never reached.
    Not lifelines' median_survival_time_: its exact search misses a curve that is 1/2 in
    truth (3/6) but lands an ulp above it in floating point (5/6 * 4/5 * 3/4 =
    0.5000000000000001) and reports the next event time instead."""
    sf = kmf.survival_function_.iloc[:, 0]
    hit = sf[sf <= 0.5 + 1e-12]
    return None if hit.empty else float(hit.index[0])


counts = Counter(milestones.milestone)
kind = args.milestone or sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
hire = dict(zip(people.person_id, people.hire_date))
first = {}
for r in milestones[milestones.milestone == kind].itertuples():
    h = hire.get(r.person)
    if h is not None and not pd.isna(h) and r.day >= h:
        first[r.person] = min(first.get(r.person, r.day), r.day)
window_start = min(hire[p] for p in first)
groups = {"mentored": ([], [], [], []), "not_mentored": ([], [], [], [])}


def group_of(r):
    """M2 Groups: mentored vs not (default); with --split hired-after-launch, hired
    on or after the launch date (the first group) vs before it."""
    if args.split == "hired-after-launch":
        return "mentored" if r.hire_date >= launch else "not_mentored"
    return "mentored" if r.person_id in mentees else "not_mentored"
for r in people.itertuples():
    h = r.hire_date
    if h is None or pd.isna(h) or h < window_start or h > as_of or not person_in(r.person_id):
        continue
    g = groups[group_of(r)]
    ex = r.exit_date if (r.exit_date is not None and not pd.isna(r.exit_date)) else None
    f = first.get(r.person_id)
    if f is not None and f <= as_of:
        g[0].append((f - h).days); g[1].append(True)
    else:
        end = ex if (ex is not None and ex < as_of) else as_of
        g[0].append((end - h).days); g[1].append(False)
    if ex is not None and ex <= as_of:
        g[2].append((ex - h).days); g[3].append(True)
    else:
        g[2].append((as_of - h).days); g[3].append(False)
ramp = {"window_start": window_start.date().isoformat(), "milestone_kind": kind}
ret = {}
for name, (rt, re_, st, se) in groups.items():
    kmf = KaplanMeierFitter().fit(rt, re_)
    ramp[name] = {"n": len(rt), "events": int(sum(re_)), "km_median_days": km_median(kmf)}
    kms = KaplanMeierFitter().fit(st, se)
    ret[name] = {"n": len(st), "exits": int(sum(se)), "retained_365": float(kms.survival_function_at_times(365.0).iloc[0])}
if args.km_out:
    curves = {"ramp_up": {}, "retention": {}}
    for name, (rt, re_, st, se) in groups.items():
        for key, (t, e) in (("ramp_up", (rt, re_)), ("retention", (st, se))):
            sf = KaplanMeierFitter().fit(t, e).survival_function_.iloc[:, 0]
            curves[key][name] = [[float(x), float(y)] for x, y in sf.items()]
    with open(args.km_out, "w") as f:
        json.dump(curves, f, indent=1)
m, n = groups["mentored"], groups["not_mentored"]
ramp["logrank_p"] = num(logrank_test(m[0], n[0], event_observed_A=m[1], event_observed_B=n[1]).p_value)
ret["logrank_p"] = num(logrank_test(m[2], n[2], event_observed_A=m[3], event_observed_B=n[3]).p_value)

# ---------------------------------------------------------------- M4
tm = team_metrics
if in_people is not None:
    teams = set(people[people.person_id.isin(in_people)].team.dropna())
    tm = tm[tm.team.isin(teams)]
delivery = {}
sides = {}
for side, rows in (("before", tm[tm.day < launch]), ("after", tm[tm.day >= launch])):
    both_known = rows.dropna(subset=["deployments", "incidents"])
    dep = both_known.deployments.sum()
    sides[side] = rows.deployments.dropna().to_numpy()
    delivery[side] = {"team_weeks": len(rows), "deploys_per_team_week": num(rows.deployments.mean()),
                      "change_failure_rate": num(both_known.incidents.sum() / dep) if dep > 0 else None,
                      "mttr_hours_median": num(rows.mttr_hours.dropna().median())}
delivery["deploys_mann_whitney_p"] = num(stats.mannwhitneyu(sides["before"], sides["after"], alternative="two-sided",
                                                            method="asymptotic", use_continuity=True).pvalue)
# METRICS.md M4: …_relative_change = after / before − 1 (no figure when before is 0).
for key, field in (("deploys_relative_change", "deploys_per_team_week"),
                   ("change_failure_rate_relative_change", "change_failure_rate"),
                   ("mttr_relative_change", "mttr_hours_median")):
    b_, a_ = delivery["before"][field], delivery["after"][field]
    delivery[key] = None if (b_ is None or a_ is None or b_ == 0) else (a_ - b_) / b_

# ---------------------------------------------------------------- M5
mt = meetings
if in_people is not None or cohort_people is not None:
    keys = set(zip(scope_pairs.mentor, scope_pairs.mentee))
    mt = mt[[k in keys for k in zip(mt.mentor, mt.mentee)]]
active = scope_pairs[(scope_pairs.start_date.isna() | (scope_pairs.start_date <= as_of)) &
                     (scope_pairs.end_date.isna() | (scope_pairs.end_date >= as_of))]
recent = mt[(mt.day <= as_of) & (mt.day > as_of - pd.Timedelta(days=30))]
recent_keys = set(zip(recent.mentor, recent.mentee))
met = sum(1 for k in zip(active.mentor, active.mentee) if k in recent_keys)
spell = Counter()
for t in mt.topics.dropna():
    for part in t.replace("|", ";").replace("\r", ";").replace("\n", ";").split(";"):
        p = part.strip()
        if p:
            spell[p] += 1
folded = {}
for s, c in spell.items():
    f = folded.setdefault(s.lower(), [0, None, 0])
    f[0] += c
    if f[1] is None or (c, [-ord(ch) for ch in s]) > (f[2], [-ord(ch) for ch in f[1]]):
        f[1], f[2] = s, c
ranked = sorted(((v[1], v[0]) for v in folded.values()), key=lambda kv: (-kv[1], kv[0]))[:10]
# Quiet pairings: active at as-of with no meeting in as-of − 29 … as-of, the
# oldest last meeting first (never met: first of all; ties by mentee).
last_met = mt[mt.day <= as_of].groupby(["mentor", "mentee"]).day.max().to_dict()
quiet = []
for r in active.itertuples():
    if (r.mentor, r.mentee) not in recent_keys:
        lm = last_met.get((r.mentor, r.mentee))
        quiet.append({"mentor": r.mentor, "mentee": r.mentee,
                      "last_meeting": None if lm is None else lm.date().isoformat()})
quiet.sort(key=lambda x: (x["last_meeting"] is not None, x["last_meeting"] or "", x["mentee"]))
engagement = {"meetings": len(mt), "hours": mt.duration_min.dropna().sum() / 60.0,
              "pairs": len(scope_pairs), "quiet_pairs": quiet,
              "meetings_per_pair": len(mt) / len(scope_pairs) if len(scope_pairs) else None,
              "active_pairs": len(active), "active_pairs_met_last_30d": met,
              "top_topics": {k: v for k, v in ranked}}

# ---------------------------------------------------------------- M6
Z975, Z80 = 1.959963984540054, 0.8416212335729143
NONE = "(none)"
tl = {r.person_id: (r.team if isinstance(r.team, str) else NONE, r.level if isinstance(r.level, str) else NONE)
      for r in people.itertuples()}


def reference(values):
    """Most frequent value; ties: alphabetically first."""
    c = Counter(values)
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def dummies(values):
    ref = reference(values)
    kept = sorted(v for v in set(values) if v != ref)
    return np.column_stack([[1.0 if v == k else 0.0 for v in values] for k in kept]) if kept else np.empty((len(values), 0))


# Items: Welch per item, Holm across the items.
item_tests = []
for i in range(len(order)):
    vb = a[(a.wave == bw) & (a.item == i)].value.to_numpy()
    va = a[(a.wave == aw) & (a.item == i)].value.to_numpy()
    sup = bool(len(vb) < K or len(va) < K)
    item_tests.append({"diff": None if sup else va.mean() - vb.mean(),
                       "welch_p": None if sup else stats.ttest_ind(va, vb, equal_var=False).pvalue,
                       "suppressed": sup})
present = [t["welch_p"] for t in item_tests if t["welch_p"] is not None]
holm = iter(multipletests(present, method="holm")[1]) if present else iter([])
for t in item_tests:
    t["p_holm"] = None if t["welch_p"] is None else next(holm)

if not suppressed:
    su["mde_80"] = (Z975 + Z80) * math.sqrt(before.var(ddof=1) / len(before) + after.var(ddof=1) / len(after))
# Survey, adjusted: composite ~ after + level + team, HC3, respondents on the roster.
on_roster = comp[comp.respondent.isin(set(people.person_id))]
adj = {"n": len(on_roster), "n_excluded": len(comp) - len(on_roster)}
if on_roster[on_roster.wave == bw].respondent.nunique() < K or on_roster[on_roster.wave == aw].respondent.nunique() < K:
    adj.update(suppressed=True, diff=None, ci95=None, p=None)
else:
    teams_ = [tl[p][0] for p in on_roster.respondent]
    levels_ = [tl[p][1] for p in on_roster.respondent]
    X = np.column_stack([np.ones(len(on_roster)), (on_roster.wave == aw).astype(float), dummies(levels_), dummies(teams_)])
    fit = sm.OLS(on_roster.composite.to_numpy(), X).fit(cov_type="HC3")
    ci = fit.conf_int()
    adj.update(suppressed=False, diff=fit.params[1], ci95=[ci[1, 0], ci[1, 1]], p=fit.pvalues[1])
su["adjusted"] = adj
out_item_tests = item_tests


def cox(rows, time_key, event_key):
    """Cox PH on mentored, strata team × level, Efron; None with a reason on failure."""
    df = pd.DataFrame({"T": [r[time_key] for r in rows], "E": [int(r[event_key]) for r in rows],
                       "mentored": [1.0 if r["g"] == "mentored" else 0.0 for r in rows],
                       "team": [tl[r["p"]][0] for r in rows], "level": [tl[r["p"]][1] for r in rows]})
    res = {"n": len(df), "events": int(df.E.sum())}
    qshare = df.mentored.mean()
    info = res["events"] * qshare * (1 - qshare)
    res["mde_hr_80"] = float(np.exp((Z975 + Z80) / math.sqrt(info))) if info > 0 else None
    import warnings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            cph = CoxPHFitter().fit(df, duration_col="T", event_col="E", strata=["team", "level"],
                                    fit_options={"precision": 1e-13, "r_precision": 1e-16, "max_steps": 1000})
        b, se = float(cph.params_["mentored"]), float(cph.standard_errors_["mentored"])
        ph = proportional_hazard_test(cph, df, time_transform="rank")
        res.update(hazard_ratio=math.exp(b), ci95=[math.exp(b - Z975 * se), math.exp(b + Z975 * se)],
                   p=float(cph.summary.loc["mentored", "p"]), ph_test_p=float(np.asarray(ph.p_value).ravel()[0]))
    except Exception:  # noqa: BLE001
        res.update(hazard_ratio=None, ci95=None, p=None, ph_test_p=None)
    return res


cox_rows = []
for r in people.itertuples():
    h = r.hire_date
    if h is None or pd.isna(h) or h < window_start or h > as_of or not person_in(r.person_id):
        continue
    ex = r.exit_date if (r.exit_date is not None and not pd.isna(r.exit_date)) else None
    f = first.get(r.person_id)
    row = {"p": r.person_id, "g": group_of(r)}
    if f is not None and f <= as_of:
        row.update(rt=(f - h).days, re=True)
    else:
        end = ex if (ex is not None and ex < as_of) else as_of
        row.update(rt=(end - h).days, re=False)
    if ex is not None and ex <= as_of:
        row.update(st=(ex - h).days, se=True)
    else:
        row.update(st=(as_of - h).days, se=False)
    cox_rows.append(row)
ramp["adjusted"] = cox(cox_rows, "rt", "re")
ret["adjusted"] = cox(cox_rows, "st", "se")


def cox_raw(rows, time_key, event_key):
    """The same Cox model without strata: the raw hazard ratio of mentored."""
    df = pd.DataFrame({"T": [r[time_key] for r in rows], "E": [int(r[event_key]) for r in rows],
                       "mentored": [1.0 if r["g"] == "mentored" else 0.0 for r in rows]})
    import warnings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            cph = CoxPHFitter().fit(df, duration_col="T", event_col="E",
                                    fit_options={"precision": 1e-13, "r_precision": 1e-16, "max_steps": 1000})
        b, se = float(cph.params_["mentored"]), float(cph.standard_errors_["mentored"])
        return {"hazard_ratio": math.exp(b), "ci95": [math.exp(b - Z975 * se), math.exp(b + Z975 * se)],
                "p": float(cph.summary.loc["mentored", "p"])}
    except Exception:  # noqa: BLE001
        return {"hazard_ratio": None, "ci95": None, "p": None}


ramp["unadjusted"] = cox_raw(cox_rows, "rt", "re")
ret["unadjusted"] = cox_raw(cox_rows, "st", "se")

# Delivery: deployments ~ after + weeks + after·weeks + team dummies, clustered by team.
its_rows = tm.dropna(subset=["deployments"])
weeks = ((its_rows.day - launch).dt.days / 7.0).to_numpy()
aft = (weeks >= 0).astype(float)
X = np.column_stack([np.ones(len(its_rows)), aft, weeks, aft * weeks, dummies(list(its_rows.team))])
groups_ = pd.factorize(its_rows.team, sort=True)[0]
delivery["its"] = {"team_weeks": len(its_rows), "teams": int(its_rows.team.nunique())}
if its_rows.team.nunique() < 2 or aft.min() == aft.max():
    # One cluster: the sandwich is undefined (statsmodels divides by zero).
    # No team-week on one side of launch: `after` is collinear with the
    # intercept and the level change is not defined.
    nothing = {"estimate": None, "ci95": None, "p": None}
    delivery["its"].update(level_change=nothing, slope_change=nothing)
else:
    fit = sm.OLS(its_rows.deployments.to_numpy(), X).fit(cov_type="cluster", cov_kwds={"groups": groups_})
    ci = fit.conf_int()
    delivery["its"].update(
        level_change={"estimate": fit.params[1], "ci95": [ci[1, 0], ci[1, 1]], "p": fit.pvalues[1]},
        slope_change={"estimate": fit.params[3], "ci95": [ci[3, 0], ci[3, 1]], "p": fit.pvalues[3]})

# ---------------------------------------------------------------- M7
in_scope = responses[responses.respondent.map(
    lambda p: person_in(p) if p is not None else (in_people is None and cohort_people is None))]
all_lik = questions[questions.kind == "likert"].copy()
all_lik["rev"] = all_lik.text.map(lambda t: norm(t) in reverse_items)
aa = likert_answers.merge(all_lik[["id", "scale_points", "rev"]], left_on="question_id", right_on="id").merge(
    in_scope[["id", "wave", "respondent"]], left_on="response_id", right_on="id", suffixes=("", "_r"))
aa["value"] = 1 + 4 * (aa.value_num - 1) / (aa.scale_points - 1)
aa["value"] = np.where(aa.rev, 6 - aa.value, aa.value)
comp_all = aa.groupby("response_id").agg(composite=("value", "mean"), wave=("wave", "first"),
                                         respondent=("respondent", "first")).reset_index()
stamps = all_responses.dropna(subset=["submitted_at"]).copy()
stamps["sec"] = pd.to_datetime(stamps.submitted_at).astype("int64") // 10**9
wave_rows = []
for w in all_responses.wave.unique():
    sec = stamps[stamps.wave == w].sec
    med = pd.Timestamp(math.floor(sec.median() / 86400) * 86400, unit="s").date().isoformat() if len(sec) else None
    c = comp_all[comp_all.wave == w]
    distinct_w = c.respondent.dropna().nunique() + c.respondent.isna().sum()
    row = {"wave": w, "median_date": med, "n": len(c), "suppressed": bool(distinct_w < K)}
    if row["suppressed"]:
        row.update(mean=None, ci95=None, enps=None)
    else:
        v = c.composite.to_numpy()
        half = stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / math.sqrt(len(v))
        row.update(mean=v.mean(), ci95=[v.mean() - half, v.mean() + half])
        eq = questions[(questions.wave == w) & (questions.kind == "zero_to_ten") &
                       questions.text.str.lower().str.contains("recommend|nps")].sort_values("position")
        row["enps"] = None
        if len(eq):
            ev = answers[answers.question_id == eq.iloc[0].id].merge(in_scope[["id"]], left_on="response_id", right_on="id")
            if len(ev) >= K and ev.response_id.nunique() >= K:
                vals = ev.value_num
                row["enps"] = 100 * ((vals >= 9).sum() - (vals <= 6).sum()) / len(vals)
    wave_rows.append((med is None, med or "", row))
waves_out = [r for _, _, r in sorted(wave_rows, key=lambda t: (t[0], t[1]))]

entrants = {r["p"]: r for r in cox_rows}
after_comp = comp_all[comp_all.wave == aw]


def breakdown(key):
    sp = scope_pairs.copy()
    sp["key"] = [key(r) for r in sp.itertuples()]
    sp = sp[sp.key.notna()]
    mkeys = Counter(zip(mt_all.mentor, mt_all.mentee))
    rows, tested = [], []
    for name in sorted(sp.key.unique()):
        g = sp[sp.key == name]
        ms = set(g.mentee)
        pair_keys = set(zip(g.mentor, g.mentee))
        row = {"cohort": name, "pairings": len(g), "mentees": len(ms),
               "meetings_per_pair": sum(mkeys[k] for k in pair_keys) / len(g)}
        ids = sorted(p for p in ms if p in entrants)
        if ids:
            k1 = KaplanMeierFitter().fit([entrants[p]["rt"] for p in ids], [entrants[p]["re"] for p in ids])
            k2 = KaplanMeierFitter().fit([entrants[p]["st"] for p in ids], [entrants[p]["se"] for p in ids])
            row["ramp_km_median_days"] = km_median(k1)
            row["retained_365"] = float(k2.survival_function_at_times(365.0).iloc[0])
        else:
            row["ramp_km_median_days"] = None
            row["retained_365"] = None
        c = after_comp[after_comp.respondent.isin(ms)]
        row["after_n"] = int(c.respondent.nunique())
        row["suppressed"] = bool(row["after_n"] < K)
        row["after_mean"] = None if row["suppressed"] else c.composite.mean()
        if not row["suppressed"]:
            tested.append(c.composite.to_numpy())
        rows.append(row)
    p = None
    if len(tested) >= 2:
        try:
            p = num(stats.kruskal(*[tie(t) for t in tested]).pvalue)
        except ValueError:
            p = None
    return rows, p


mt_all = meetings
if args.team is None and args.cohort is None:
    pass
half = lambda d: f"{d.year}-H{1 if d.month <= 6 else 2}" if d is not None and not pd.isna(d) else NONE
cohorts_out, cohorts_p = breakdown(lambda r: r.cohort if isinstance(r.cohort, str) and r.cohort.strip() else half(r.start_date))
if pairings.format.notna().any():
    formats_out, formats_p = breakdown(lambda r: r.format.strip() if isinstance(r.format, str) and r.format.strip() else None)
else:
    formats_out, formats_p = None, None

out = {"as_of": as_of.date().isoformat(), "launch": launch.date().isoformat(), "min_group_size": K,
       "survey_unpaired": su, "survey_paired": sp, "item_means": im, "enps": enps,
       "ramp_up": ramp, "retention": ret, "delivery": delivery, "engagement": engagement,
       "item_tests": out_item_tests, "waves": waves_out, "cohorts": cohorts_out, "cohorts_kruskal_p": cohorts_p,
       "formats": formats_out, "formats_kruskal_p": formats_p, "item_distributions": item_dist}
if args.split == "hired-after-launch":
    ramp["group_labels"] = ret["group_labels"] = ["Hired on/after launch", "Hired before launch"]


def outcome(p, better):
    """METRICS.md, How a verdict is worded: improved / worsened at p < 0.05 in the
    direction better for the metric, else no_clear_difference; too_few without a test."""
    if p is None:
        return "too_few"
    if p < 0.05:
        return "improved" if better else "worsened"
    return "no_clear_difference"


# A verdict leads with the adjusted estimate when it disagrees with the raw one (M6).
verdicts = {}
if not su["suppressed"]:
    raw = outcome(su["welch_p"], su["diff"] > 0)
    ad = su["adjusted"]
    if not ad["suppressed"] and (ad["p"] < 0.05) != (su["welch_p"] < 0.05):
        raw = outcome(ad["p"], ad["diff"] > 0)
    verdicts["survey"] = {"outcome": raw}
if delivery["deploys_mann_whitney_p"] is not None:
    lc = delivery["its"]["level_change"]
    if lc["p"] is not None and delivery["deploys_mann_whitney_p"] < 0.05 and lc["p"] >= 0.05:
        verdicts["delivery"] = {"outcome": outcome(lc["p"], lc["estimate"] > 0)}
    else:
        verdicts["delivery"] = {"outcome": outcome(delivery["deploys_mann_whitney_p"],
                                                   (delivery["deploys_relative_change"] or 0) > 0)}
out["verdicts"] = verdicts


def clean(v):
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return num(v)
    return v


json.dump(clean(out), sys.stdout, indent=1)
print()
