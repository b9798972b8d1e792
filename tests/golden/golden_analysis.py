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

Choices METRICS.md leaves open, as Mentorscope makes them: the minimum group
size counts distinct respondents (anonymous responses each count as one);
"the 30 days up to and including as-of" is as_of − 29 … as_of; change
failure rate sums only team-weeks where deployments and incidents are both
known; eNPS uses the first 0–10 item whose text mentions "recommend".
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
ap.add_argument("--km-out", help="also write lifelines' Kaplan–Meier curves S(t) of M2 and M3 to this file (for the chart geometry tests)")
args = ap.parse_args()
K = args.min_group

con = sqlite3.connect(args.db)
q = lambda sql: pd.read_sql_query(sql, con)
# Person-ID order: the Cox model's tied rows keep this order, as Mentorscope's.
people = q("SELECT person_id, email, team, level, hire_date, exit_date FROM person ORDER BY person_id")
pairings = q("SELECT mentor, mentee, cohort, start_date, end_date, format FROM pairings ORDER BY id")
meetings = q("SELECT started_at, mentor, mentee, duration_min, topics FROM meetings ORDER BY id")
questions = q("SELECT id, wave, position, text, kind, scale_points FROM survey_questions")
reverse_items = set(q("SELECT item FROM item_settings WHERE reverse = 1").item)
responses = q("SELECT id, wave, respondent, submitted_at, import_id FROM survey_responses")
answers = q("SELECT response_id, question_id, value_num FROM survey_answers WHERE value_num IS NOT NULL")
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
as_of = all_days.max()
launch = pairings.start_date.dropna().min()

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


def num(x):
    if x is None:
        return None
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x

# ---------------------------------------------------------------- M1
waves = (responses.assign(sub=responses.submitted_at.fillna("9999"))
         .groupby("wave").agg(first=("sub", "min"), imp=("import_id", "min"))
         .sort_values(["first", "imp"]).index.tolist())
bw, aw = waves[0], waves[-1]
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
a = answers.merge(lik[["id", "item", "scale_points"]], left_on="question_id", right_on="id").merge(
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
su = {"n_before": len(before), "n_after": len(after), "suppressed": suppressed}
if suppressed:
    su.update(mean_before=None, mean_after=None, diff=None, ci95=None, welch_t=None, welch_df=None, welch_p=None,
              cohens_d=None, mann_whitney_p=None)
else:
    w = stats.ttest_ind(after, before, equal_var=False)
    ci = w.confidence_interval(0.95)
    nb, na = len(before), len(after)
    pooled = math.sqrt(((nb - 1) * before.var(ddof=1) + (na - 1) * after.var(ddof=1)) / (nb + na - 2))
    su.update(mean_before=before.mean(), mean_after=after.mean(), diff=after.mean() - before.mean(),
              ci95=[ci.low, ci.high], welch_t=w.statistic, welch_df=w.df, welch_p=w.pvalue,
              cohens_d=(after.mean() - before.mean()) / pooled,
              mann_whitney_p=stats.mannwhitneyu(before, after, alternative="two-sided", method="asymptotic",
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
kind = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
hire = dict(zip(people.person_id, people.hire_date))
first = {}
for r in milestones[milestones.milestone == kind].itertuples():
    h = hire.get(r.person)
    if h is not None and not pd.isna(h) and r.day >= h:
        first[r.person] = min(first.get(r.person, r.day), r.day)
window_start = min(hire[p] for p in first)
groups = {"mentored": ([], [], [], []), "not_mentored": ([], [], [], [])}
for r in people.itertuples():
    h = r.hire_date
    if h is None or pd.isna(h) or h < window_start or h > as_of or not person_in(r.person_id):
        continue
    g = groups["mentored" if r.person_id in mentees else "not_mentored"]
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
ramp = {"window_start": window_start.date().isoformat()}
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
    delivery[side] = {"deploys_per_team_week": num(rows.deployments.mean()),
                      "change_failure_rate": num(both_known.incidents.sum() / dep) if dep > 0 else None,
                      "mttr_hours_median": num(rows.mttr_hours.dropna().median())}
delivery["deploys_mann_whitney_p"] = num(stats.mannwhitneyu(sides["before"], sides["after"], alternative="two-sided",
                                                            method="asymptotic", use_continuity=True).pvalue)

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
engagement = {"meetings": len(mt), "hours": mt.duration_min.dropna().sum() / 60.0,
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
    row = {"p": r.person_id, "g": "mentored" if r.person_id in mentees else "not_mentored"}
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
if its_rows.team.nunique() < 2:
    # One cluster: the sandwich is undefined (statsmodels divides by zero).
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
aa = answers.merge(all_lik[["id", "scale_points", "rev"]], left_on="question_id", right_on="id").merge(
    in_scope[["id", "wave", "respondent"]], left_on="response_id", right_on="id", suffixes=("", "_r"))
aa["value"] = 1 + 4 * (aa.value_num - 1) / (aa.scale_points - 1)
aa["value"] = np.where(aa.rev, 6 - aa.value, aa.value)
comp_all = aa.groupby("response_id").agg(composite=("value", "mean"), wave=("wave", "first"),
                                         respondent=("respondent", "first")).reset_index()
stamps = responses.dropna(subset=["submitted_at"]).copy()
stamps["sec"] = pd.to_datetime(stamps.submitted_at).astype("int64") // 10**9
wave_rows = []
for w in responses.wave.unique():
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
            p = num(stats.kruskal(*tested).pvalue)
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
       "formats": formats_out, "formats_kruskal_p": formats_p}


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
