#!/usr/bin/env python3
"""The review pack the way an analyst would build it without Mentorscope.

The "equivalent script" of the benchmark (issues 6 and 17): pandas + SciPy +
lifelines + statsmodels + matplotlib + python-pptx + XlsxWriter doing what `mentorscope report --out DIR` does, from
the same SQLite database:

  * every METRICS.md number (M1–M5), written to DIR/analysis.json with the
    keys of the `mentorscope analyze --json` contract, so bench/run.sh can
    check that both computed the same thing (it is a second opinion on the
    numbers, to 1e-9 relative);
  * the seventeen charts of the pack, with the stems of its charts/ folder
    (satisfaction per item with 95% CIs, Likert diverging bars, eNPS,
    satisfaction over every wave with t intervals and eNPS, ramp-up
    Kaplan–Meier curves with bands, retention Kaplan–Meier, raw vs like for
    like forest plot, team delivery before/after, the delivery trend at
    launch, meetings per month, pair engagement, topic coverage, cohorts,
    formats, skill growth, skill coverage vs growth, comment terms), each as
    SVG and as PNG at 1920×1080 and 3840×2160 (@2x), in DIR/charts/; where
    the program has no data for one (no formats, no skill assessments, no
    comments) a "not enough data" panel, as the pack draws;
  * what those charts need beyond M1–M5 (METRICS.md M6–M9): Cox hazard
    ratios raw and stratified by team × level (lifelines CoxPHFitter), the
    survey difference adjusted for level and team (statsmodels OLS, HC3),
    the delivery interrupted time series (OLS, errors clustered by team),
    per-item Welch tests with Holm, every wave's composite and eNPS, cohorts
    and formats with Kaplan–Meier and Kruskal–Wallis, skill growth per area
    and rater with coverage by meeting topics, and comment terms (Snowball
    stems and pairs, the weighted log-odds z);
  * DIR/review.html (the charts' SVGs inline, headline figures, quiet
    pairings) and DIR/review.pdf (matplotlib's PdfPages: a summary page, one
    page per chart, the quiet pairings);
  * DIR/review.pptx (python-pptx): a cover, the headlines (cards and a
    table), one slide per chart with its @2x PNG, title, reading and speaker
    notes, data quality and definitions, as the pack's deck;
  * DIR/review.xlsx (XlsxWriter): an About sheet, one sheet per part of the
    analysis (its fields, then each list as a table: curves, weekly values,
    waves, cohorts, skills, comment terms …) and the definitions, as the
    pack's workbook.

Only analysis.json's keys are compared with Mentorscope (M1–M5, unchanged);
the M6–M9 figures go into the charts, slides and workbook.

It is written the way a competent analyst would write it: vectorised pandas
(no row-by-row loops over meetings or people), SciPy and lifelines for the
statistics, one matplotlib figure per chart saved in each format. It is not
deliberately slow and not padded; its text is simpler than Mentorscope's
(titles and headline figures, no caveat engine), which if anything favours it.

The computations follow tests/golden/golden_analysis.py (the repository's
independent reference for the numbers, written for clarity rather than speed,
with per-row Python loops); choices METRICS.md leaves open are made the same
way and are listed there. Only the default scope is supported (no team or
cohort filter), as `mentorscope report` without options.

    python bench/reference_report.py PROGRAM.db --out DIR
    python bench/reference_report.py PROGRAM.db --numbers-only   # JSON to stdout
    python bench/reference_report.py PROGRAM.db --out DIR --timings  # phases to stderr

Requirements: bench/requirements.txt (bench/run.sh installs them in a venv).
"""
import argparse
import html
import json
import math
import re
import sqlite3
import sys
import textwrap
import time
from pathlib import Path

T0 = time.perf_counter()

import numpy as np
import pandas as pd
from scipy import stats
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test

ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
ap.add_argument("db")
ap.add_argument("--out", help="folder for the review pack")
ap.add_argument("--numbers-only", action="store_true", help="print the analysis JSON and stop")
ap.add_argument("--min-group", type=int, default=5)
ap.add_argument("--timings", action="store_true", help="print the time of each phase to stderr")
args = ap.parse_args()
if not args.numbers_only and not args.out:
    ap.error("give --out DIR (or --numbers-only)")
K = args.min_group

_last = [T0]


def phase(name):
    if args.timings:
        now = time.perf_counter()
        print(f"  {name:<22} {now - _last[0]:7.2f} s", file=sys.stderr)
        _last[0] = now


phase("imports")

# ---------------------------------------------------------------- load
con = sqlite3.connect(args.db)
q = lambda sql: pd.read_sql_query(sql, con)
people = q("SELECT person_id, email, team, hire_date, exit_date FROM person")
pairings = q("SELECT mentor, mentee, start_date, end_date FROM pairings ORDER BY id")
meetings = q("SELECT started_at, mentor, mentee, duration_min, topics FROM meetings ORDER BY id")
questions = q("SELECT id, wave, position, text, kind, scale_points FROM survey_questions")
responses = q("SELECT id, wave, respondent, submitted_at, import_id FROM survey_responses")
answers = q("SELECT response_id, question_id, value_num FROM survey_answers WHERE value_num IS NOT NULL")
milestones = q("SELECT person, milestone, date FROM milestones ORDER BY id")
team_metrics = q("SELECT team, period_start, deployments, incidents, mttr_hours FROM team_metrics")
imports = q("SELECT kind, file_name FROM imports ORDER BY id")
con.close()
phase("load (read_sql_query)")

# Identities: the employee ID, else the e-mail matched against the roster.
alias = pd.concat([pd.Series(people.person_id.values, index=people.person_id.values),
                   pd.Series(people.person_id.values, index=people.email.values)])
alias = alias[alias.index.notna()]
alias = alias[~alias.index.duplicated(keep="first")]


def resolve(s):
    m = s.map(alias)
    return m.where(m.notna(), s)


for frame, cols in ((pairings, ("mentor", "mentee")), (meetings, ("mentor", "mentee")),
                    (responses, ("respondent",)), (milestones, ("person",))):
    for c in cols:
        frame[c] = resolve(frame[c])


def day(s):
    return pd.to_datetime(s.astype("string").str.slice(0, 10), format="%Y-%m-%d")


people["hire_date"] = day(people.hire_date)
people["exit_date"] = day(people.exit_date)
pairings["start_date"] = day(pairings.start_date)
pairings["end_date"] = day(pairings.end_date)
meetings["day"] = day(meetings.started_at)
milestones["day"] = day(milestones.date)
team_metrics["day"] = day(team_metrics.period_start)
responses["day"] = day(responses.submitted_at)

as_of = max(s.max() for s in (people.hire_date, people.exit_date, pairings.start_date, pairings.end_date,
                              meetings.day, milestones.day, team_metrics.day, responses.day) if s.notna().any())
launch = pairings.start_date.min()
phase("identities and dates")


def num(x):
    if x is None:
        return None
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x


# ---------------------------------------------------------------- M1 survey
waves = (responses.assign(sub=responses.submitted_at.fillna("9999"))
         .groupby("wave").agg(first=("sub", "min"), imp=("import_id", "min"))
         .sort_values(["first", "imp"]).index.tolist())
bw, aw = waves[0], waves[-1]
norm = lambda t: " ".join(t.split()).lower()
order, label = [], {}
for w in (bw, aw):
    for qq in questions[(questions.wave == w) & (questions.kind == "likert")].sort_values("position").itertuples():
        if norm(qq.text) not in order:
            order.append(norm(qq.text))
            label[norm(qq.text)] = qq.text
lik = questions[(questions.kind == "likert") & questions.wave.isin([bw, aw])].copy()
lik["item"] = lik.text.map(lambda t: order.index(norm(t)))
resp = responses[responses.wave.isin([bw, aw])]
a = (answers.merge(lik[["id", "item", "scale_points"]], left_on="question_id", right_on="id")
     .merge(resp[["id", "wave", "respondent", "submitted_at"]], left_on="response_id", right_on="id",
            suffixes=("", "_r")))
a["value"] = 1 + 4 * (a.value_num - 1) / (a.scale_points - 1)
comp = a.groupby("response_id").agg(composite=("value", "mean"), wave=("wave", "first"),
                                    respondent=("respondent", "first"),
                                    submitted=("submitted_at", "first")).reset_index()
before = comp.composite[comp.wave == bw].to_numpy()
after = comp.composite[comp.wave == aw].to_numpy()


def distinct(wave):
    c = comp.respondent[comp.wave == wave]
    return c.nunique() + c.isna().sum()


suppressed = bool(distinct(bw) < K or distinct(aw) < K)
su = {"n_before": len(before), "n_after": len(after), "suppressed": suppressed}
if suppressed:
    su.update(mean_before=None, mean_after=None, diff=None, ci95=None, welch_t=None, welch_df=None,
              welch_p=None, cohens_d=None, mann_whitney_p=None)
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
          .sort_values(["sub", "response_id"]).groupby(["wave", "respondent"]).composite.last())
paired = pd.concat([latest.xs(bw, level="wave").rename("b"), latest.xs(aw, level="wave").rename("a")],
                   axis=1, join="inner").sort_index()
diffs = (paired.a - paired.b).to_numpy()
sp = {"n_pairs": len(diffs), "suppressed": bool(len(diffs) < K)}
if sp["suppressed"]:
    sp.update(mean_diff=None, ci95=None, t=None, df=None, p=None)
else:
    t = stats.ttest_1samp(diffs, 0.0)
    ci = t.confidence_interval(0.95)
    sp.update(mean_diff=diffs.mean(), ci95=[ci.low, ci.high], t=t.statistic, df=t.df, p=t.pvalue)

item_stats = a.groupby(["wave", "item"]).value.agg(["mean", "std", "count"])
im = {}
for side, wave in (("before", bw), ("after", aw)):
    im[side] = [item_stats.loc[(wave, i), "mean"] if (wave, i) in item_stats.index
                and item_stats.loc[(wave, i), "count"] >= K else None for i in range(len(order))]
levels = a.groupby(["item", "wave", "value_num"]).size()
points = lik.groupby("item").scale_points.max()

nps_q = questions[(questions.kind == "zero_to_ten") & questions.wave.isin([bw, aw])]
nps_text = None
for qq in questions[(questions.wave == bw) & (questions.kind == "zero_to_ten")].sort_values("position").itertuples():
    if "recommend" in qq.text.lower() or "nps" in qq.text.lower():
        nps_text, nps_label = norm(qq.text), qq.text
        break
enps, enps_n = {"before": None, "after": None}, {"before": 0, "after": 0}
if nps_text is not None:
    ids = nps_q[nps_q.text.map(norm) == nps_text][["id"]]
    e = (answers.merge(ids, left_on="question_id", right_on="id")
         .merge(resp[["id", "wave"]], left_on="response_id", right_on="id", suffixes=("", "_r")))
    for side, wave in (("before", bw), ("after", aw)):
        v = e.value_num[e.wave == wave]
        enps_n[side] = len(v)
        if len(v) >= K:
            enps[side] = 100 * ((v >= 9).sum() - (v <= 6).sum()) / len(v)
phase("M1 survey")

# ---------------------------------------------------------------- M2, M3
counts = milestones.milestone.value_counts()
kind = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
hire = people.set_index("person_id").hire_date
ms = milestones[milestones.milestone == kind]
ms = ms.assign(h=ms.person.map(hire))
ms = ms[ms.h.notna() & (ms.day >= ms.h)]
first = ms.groupby("person").day.min()
window_start = hire[first.index].min()
pop = people[people.hire_date.notna() & (people.hire_date >= window_start) & (people.hire_date <= as_of)]
h, ex = pop.hire_date, pop.exit_date
f = pop.person_id.map(first)
ramp_event = (f.notna() & (f <= as_of)).to_numpy()
ramp_end = ex.where(ex.notna() & (ex < as_of), as_of)
ramp_t = np.where(ramp_event, (f - h).dt.days, (ramp_end - h).dt.days).astype(float)
ret_event = (ex.notna() & (ex <= as_of)).to_numpy()
ret_t = np.where(ret_event, (ex - h).dt.days, (as_of - h).dt.days).astype(float)
mentored = pop.person_id.isin(set(pairings.mentee)).to_numpy()
GROUPS = (("mentored", "Mentored", mentored), ("not_mentored", "Not mentored", ~mentored))
ramp, ret, km_ramp, km_ret = {"window_start": window_start.date().isoformat()}, {}, {}, {}
for key, name, g in GROUPS:
    km_ramp[key] = KaplanMeierFitter(label=name).fit(ramp_t[g], ramp_event[g])
    km_ret[key] = KaplanMeierFitter(label=name).fit(ret_t[g], ret_event[g])
    ramp[key] = {"n": int(g.sum()), "events": int(ramp_event[g].sum()),
                 "km_median_days": num(km_ramp[key].median_survival_time_)}
    ret[key] = {"n": int(g.sum()), "exits": int(ret_event[g].sum()),
                "retained_365": float(km_ret[key].survival_function_at_times(365.0).iloc[0])}
m, n = mentored, ~mentored
ramp["logrank_p"] = num(logrank_test(ramp_t[m], ramp_t[n], ramp_event[m], ramp_event[n]).p_value)
ret["logrank_p"] = num(logrank_test(ret_t[m], ret_t[n], ret_event[m], ret_event[n]).p_value)
phase("M2 M3 Kaplan-Meier")

# ---------------------------------------------------------------- M4 delivery
tm = team_metrics
delivery, sides = {}, {}
for side, rows in (("before", tm[tm.day < launch]), ("after", tm[tm.day >= launch])):
    both_known = rows.dropna(subset=["deployments", "incidents"])
    dep = both_known.deployments.sum()
    sides[side] = rows.deployments.dropna().to_numpy()
    delivery[side] = {"deploys_per_team_week": num(rows.deployments.mean()),
                      "change_failure_rate": num(both_known.incidents.sum() / dep) if dep > 0 else None,
                      "mttr_hours_median": num(rows.mttr_hours.dropna().median()),
                      "team_weeks": len(rows)}
delivery["deploys_mann_whitney_p"] = num(stats.mannwhitneyu(sides["before"], sides["after"], alternative="two-sided",
                                                            method="asymptotic", use_continuity=True).pvalue)
known = tm.dropna(subset=["deployments", "incidents"])
weekly = pd.DataFrame({
    "deploys": tm.groupby("day").deployments.mean(),
    "cfr": known.groupby("day").incidents.sum() / known.groupby("day").deployments.sum().replace(0, np.nan),
    "mttr": tm.groupby("day").mttr_hours.median(),
}).sort_index()
phase("M4 delivery")

# ---------------------------------------------------------------- M5 engagement
mt = meetings
active = pairings[(pairings.start_date.isna() | (pairings.start_date <= as_of)) &
                  (pairings.end_date.isna() | (pairings.end_date >= as_of))]
recent = mt[(mt.day <= as_of) & (mt.day > as_of - pd.Timedelta(days=30))]
recent_keys = pd.MultiIndex.from_frame(recent[["mentor", "mentee"]]).unique()
met = int(pd.MultiIndex.from_frame(active[["mentor", "mentee"]]).isin(recent_keys).sum())
parts = (mt.topics.dropna().str.replace(r"[|\r\n]", ";", regex=True).str.split(";").explode().str.strip())
parts = parts[parts.notna() & (parts != "")]
spell_code, spell_names = pd.factorize(parts)
spell = pd.Series(np.bincount(spell_code), index=spell_names)


def spelling_key(s, c):  # most frequent spelling; ties as golden_analysis.py breaks them
    return (c, [-ord(ch) for ch in s])


folded = {}
for s, c in spell.items():
    fo = folded.setdefault(s.lower(), [0, None, 0])
    fo[0] += c
    if fo[1] is None or spelling_key(s, c) > spelling_key(fo[1], fo[2]):
        fo[1], fo[2] = s, c
ranked = sorted(((v[1], v[0]) for v in folded.values()), key=lambda kv: (-kv[1], kv[0]))[:10]
engagement = {"meetings": len(mt), "hours": mt.duration_min.dropna().sum() / 60.0,
              "meetings_per_pair": len(mt) / len(pairings) if len(pairings) else None,
              "active_pairs": len(active), "active_pairs_met_last_30d": met,
              "top_topics": {k: v for k, v in ranked}}
phase("M5 engagement")


out = {"as_of": as_of.date().isoformat(), "launch": launch.date().isoformat(), "min_group_size": K,
       "survey_unpaired": su, "survey_paired": sp, "item_means": im, "enps": enps,
       "ramp_up": ramp, "retention": ret, "delivery": delivery, "engagement": engagement}


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


if args.numbers_only:
    json.dump(clean(out), sys.stdout, indent=1)
    print()
    sys.exit(0)

# ---------------------------------------------------------------- chart inputs
# Meetings per month, the active pairings' meeting days, and how many
# pairings discussed each topic (once per meeting and pairing). Pairings are
# numbered once, so the passes over a million meetings work on integers.
mt_pair = mt.groupby(["mentor", "mentee"], sort=False).ngroup().to_numpy()
pair_code = (mt[["mentor", "mentee"]].assign(code=mt_pair).drop_duplicates("code")
             .set_index(["mentor", "mentee"]).code)
upto = (mt.day <= as_of).to_numpy()
per_month = mt.day[upto].dt.to_period("M").value_counts().sort_index()
if len(per_month):
    per_month = per_month.reindex(pd.period_range(per_month.index.min(), per_month.index.max(), freq="M"),
                                  fill_value=0)
in_scope = upto & np.isin(mt_pair, pairings.join(pair_code, on=["mentor", "mentee"]).code.dropna().to_numpy())
codes_in, days_in = mt_pair[in_scope], mt.day.to_numpy()[in_scope]
pairs_with_meetings = len(np.unique(codes_in))
last_met = pd.Series(days_in).groupby(codes_in).max()
act = active[["mentor", "mentee"]].join(pair_code, on=["mentor", "mentee"])
act["last"] = act.code.map(last_met)
act["quiet"] = act["last"].isna() | (act["last"] <= as_of - pd.Timedelta(days=30))
quiet_rows = act[act.quiet].sort_values("last", na_position="first")
shown = pd.concat([quiet_rows, act[~act.quiet].sort_values(["last", "mentor", "mentee"])]).head(30)
row_of = {c: i for i, c in enumerate(shown.code) if not pd.isna(c)}
dots = in_scope & (mt.day > as_of - pd.Timedelta(days=365)).to_numpy() & np.isin(mt_pair, list(row_of))
shown_days = pd.DataFrame({"day": mt.day[dots].to_numpy(), "row": [row_of[c] for c in mt_pair[dots]]})
phase("pair timelines")
at = parts.index.to_numpy()
keep = in_scope[at]
fold_code, topic_names = pd.factorize(spell_names.str.lower())
topic_code = fold_code[spell_code[keep]]
tr = pd.DataFrame({"meeting": at[keep], "topic": topic_code, "pair": mt_pair[at[keep]]})
coverage = pd.DataFrame({
    "pairings": tr.drop_duplicates(["topic", "pair"]).topic.value_counts(),
    "meetings": tr.drop_duplicates(["meeting", "topic"]).topic.value_counts(),
})
coverage["name"] = [folded[topic_names[t]][1] for t in coverage.index]
coverage = coverage.sort_values(["pairings", "meetings", "name"], ascending=[False, False, True])
phase("chart inputs")

# ---------------------------------------------------------------- M6–M9 for the pack
# What the pack shows beyond the contract numbers above: the like-for-like
# comparisons (M6), waves, cohorts and formats (M7), skill growth (M8) and
# comment terms (M9). Read only now, so --numbers-only stays what it was.
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests
from lifelines import CoxPHFitter
import warnings

con = sqlite3.connect(args.db)
roster = q("SELECT person_id, name, level FROM person")
pair_extra = q("SELECT cohort, format FROM pairings ORDER BY id")
reverse_items = set(q("SELECT item FROM item_settings WHERE reverse = 1").item)
texts = q("SELECT a.response_id, a.value_text FROM survey_answers a JOIN survey_questions s ON s.id = a.question_id "
          "WHERE s.kind = 'text' AND a.value_text IS NOT NULL AND trim(a.value_text) <> ''")
skills_raw = q("SELECT id, person, wave, assessed_on, area, rater, value, scale_points FROM skill_assessments ORDER BY id")
con.close()
skills_raw["person"] = resolve(skills_raw.person)
pairings[["cohort", "format"]] = pair_extra
Z975, Z80 = 1.959963984540054, 0.8416212335729143
NONE = "(none)"
team_of = people.set_index("person_id").team.fillna(NONE)
level_of = roster.set_index("person_id").level.fillna(NONE)


def dummies(values):
    """One-hot columns; the reference is the most frequent value (ties: alphabetically first)."""
    v = pd.Series(values, dtype="object").fillna(NONE).reset_index(drop=True)
    c = v.value_counts()
    ref = sorted(c[c == c.max()].index)[0]
    d = pd.get_dummies(v, dtype=float)
    return d.drop(columns=ref)[sorted(x for x in d.columns if x != ref)].to_numpy()


# M6 — Cox: raw (no strata) and like for like (strata team × level).
cox_df = pd.DataFrame({"mentored": mentored.astype(float), "team": pop.person_id.map(team_of).fillna(NONE).to_numpy(),
                       "level": pop.person_id.map(level_of).fillna(NONE).to_numpy()})


def cox(t, e, strata):
    df = cox_df.assign(T=t, E=e.astype(int))
    if not strata:
        df = df.drop(columns=["team", "level"])
    res = {"n": len(df), "events": int(df.E.sum())}
    if strata:
        g = df.groupby(["team", "level"]).agg(m=("mentored", "min"), M=("mentored", "max"), e=("E", "sum"))
        res.update(strata=len(g), strata_used=int(((g.m < g.M) & (g.e > 0)).sum()))
        q_ = df.mentored.mean()
        info = res["events"] * q_ * (1 - q_)
        res["mde_hr_80"] = math.exp((Z975 + Z80) / math.sqrt(info)) if info > 0 else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            cph = CoxPHFitter().fit(df, duration_col="T", event_col="E", strata=["team", "level"] if strata else None)
        b, se = float(cph.params_["mentored"]), float(cph.standard_errors_["mentored"])
        res.update(hazard_ratio=math.exp(b), ci95=[math.exp(b - Z975 * se), math.exp(b + Z975 * se)],
                   p=float(cph.summary.loc["mentored", "p"]), reason=None)
    except Exception as why:  # noqa: BLE001
        res.update(hazard_ratio=None, ci95=None, p=None, reason=f"the model could not be fitted ({type(why).__name__})")
    return res


adj_ramp = {"unadjusted": cox(ramp_t, ramp_event, False), "adjusted": cox(ramp_t, ramp_event, True)}
adj_ret = {"unadjusted": cox(ret_t, ret_event, False), "adjusted": cox(ret_t, ret_event, True)}

# M6 — survey: composite ~ after + level + team, OLS with HC3 errors.
on_roster = comp[comp.respondent.isin(set(people.person_id))]
adj_survey = {"n": len(on_roster), "n_excluded": len(comp) - len(on_roster)}
# Hidden, as in the pack, when a team-and-level group in the model (or the
# few respondents left out of it) is under k: the estimate would tell on them.
cells = on_roster.groupby([on_roster.respondent.map(team_of), on_roster.respondent.map(level_of)]).respondent.nunique()
if (suppressed or on_roster[on_roster.wave == bw].respondent.nunique() < K
        or on_roster[on_roster.wave == aw].respondent.nunique() < K
        or (cells < K).any() or 0 < adj_survey["n_excluded"] < K):
    adj_survey.update(suppressed=True, diff=None, ci95=None, p=None)
else:
    X = np.column_stack([np.ones(len(on_roster)), (on_roster.wave == aw).to_numpy(float),
                         dummies(on_roster.respondent.map(level_of)), dummies(on_roster.respondent.map(team_of))])
    fit = sm.OLS(on_roster.composite.to_numpy(), X).fit(cov_type="HC3")
    ci = fit.conf_int()
    adj_survey.update(suppressed=False, diff=fit.params[1], ci95=[ci[1, 0], ci[1, 1]], p=fit.pvalues[1])
if not suppressed:
    su_mde = (Z975 + Z80) * math.sqrt(before.var(ddof=1) / len(before) + after.var(ddof=1) / len(after))

# M6 — delivery: deployments ~ after + weeks + after·weeks + team, errors clustered by team.
its_rows = tm.dropna(subset=["deployments"])
wk = ((its_rows.day - launch).dt.days / 7.0).to_numpy()
aft = (wk >= 0).astype(float)
its = {"team_weeks": len(its_rows), "teams": int(its_rows.team.nunique()), "pre_intercept": None, "pre_slope": None,
       "level_change": {"estimate": None, "ci95": None, "p": None},
       "slope_change": {"estimate": None, "ci95": None, "p": None}}
if its_rows.team.nunique() >= 2 and aft.min() != aft.max():
    D = dummies(its_rows.team)
    fit = sm.OLS(its_rows.deployments.to_numpy(), np.column_stack([np.ones(len(its_rows)), aft, wk, aft * wk, D])
                 ).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(its_rows.team, sort=True)[0]})
    ci = fit.conf_int()
    its.update(level_change={"estimate": fit.params[1], "ci95": [ci[1, 0], ci[1, 1]], "p": fit.pvalues[1]},
               slope_change={"estimate": fit.params[3], "ci95": [ci[3, 0], ci[3, 1]], "p": fit.pvalues[3]},
               # The pre-launch line for the average team: the reference team's
               # intercept shifted by the row-weighted mean of the team effects.
               pre_intercept=fit.params[0] + (D.mean(axis=0) @ fit.params[4:] if D.shape[1] else 0.0),
               pre_slope=fit.params[2])

# Per-item Welch tests with Holm across items.
item_tests = []
for i in range(len(order)):
    vb = a.value[(a.wave == bw) & (a.item == i)].to_numpy()
    va = a.value[(a.wave == aw) & (a.item == i)].to_numpy()
    sup = bool(len(vb) < K or len(va) < K)
    item_tests.append({"item": label[order[i]], "diff": None if sup else va.mean() - vb.mean(),
                       "welch_p": None if sup else stats.ttest_ind(va, vb, equal_var=False).pvalue, "suppressed": sup})
present = [t["welch_p"] for t in item_tests if t["welch_p"] is not None]
holm = iter(multipletests(present, method="holm")[1] if present else [])
for t in item_tests:
    t["p_holm"] = None if t["welch_p"] is None else next(holm)
phase("M6 adjusted")

# M7 — every wave in time order: composite over all Likert items (reverse-coded flipped), t interval, eNPS.
all_lik = questions[questions.kind == "likert"][["id", "text", "scale_points"]]
all_lik = all_lik.assign(rev=all_lik.text.map(norm).isin(reverse_items))
aa = answers.merge(all_lik, left_on="question_id", right_on="id").merge(
    responses[["id", "wave", "respondent"]], left_on="response_id", right_on="id", suffixes=("", "_r"))
aa["value"] = 1 + 4 * (aa.value_num - 1) / (aa.scale_points - 1)
aa["value"] = np.where(aa.rev, 6 - aa.value, aa.value)
comp_all = aa.groupby("response_id").agg(composite=("value", "mean"), wave=("wave", "first"),
                                         respondent=("respondent", "first"))
sec = pd.to_datetime(responses.submitted_at, errors="coerce")
med = responses.assign(sec=sec).dropna(subset=["sec"]).groupby("wave").sec.median().dt.floor("D")
wstat = comp_all.groupby("wave").composite.agg(["mean", "std", "count"])
wdistinct = comp_all.groupby("wave").respondent.agg(lambda s: s.nunique() + s.isna().sum())
rec = questions[(questions.kind == "zero_to_ten") & questions.text.str.lower().str.contains("recommend|nps")]
rec = rec.sort_values("position").drop_duplicates("wave")
ev = answers.merge(rec[["id", "wave"]], left_on="question_id", right_on="id")
ev_g = ev.groupby("wave").value_num
enps_w = 100 * (ev_g.apply(lambda v: (v >= 9).sum() - (v <= 6).sum()) / ev_g.size())
waves_out = []
for w in responses.wave.unique():
    n_w = int(wstat["count"].get(w, 0))
    row = {"wave": w, "median_date": med.get(w), "n": n_w, "suppressed": bool(wdistinct.get(w, 0) < K)}
    if row["suppressed"] or n_w == 0:
        row.update(mean=None, ci95=None, enps=None)
    else:
        m_, s_ = wstat.loc[w, "mean"], wstat.loc[w, "std"]
        half = stats.t.ppf(0.975, n_w - 1) * s_ / math.sqrt(n_w) if n_w > 1 else 0.0
        row.update(mean=m_, ci95=[m_ - half, m_ + half],
                   enps=enps_w.get(w) if ev_g.size().get(w, 0) >= K else None)
    waves_out.append(row)
waves_out.sort(key=lambda r: (r["median_date"] is None, r["median_date"] or pd.Timestamp.max))

# M7 — cohorts and formats: mentees, meetings per pairing, KM ramp-up median and
# 12-month retention of their mentees, after-wave composite, Kruskal–Wallis.
pair_meetings = mt.groupby(["mentor", "mentee"]).size().rename("meetings")
pp = pairings.join(pair_meetings, on=["mentor", "mentee"]).fillna({"meetings": 0})
entrant = pd.DataFrame({"rt": ramp_t, "re": ramp_event, "st": ret_t, "se": ret_event}, index=pop.person_id.to_numpy())
after_comp = comp_all[comp_all.wave == aw].dropna(subset=["respondent"])


def km_median(km):
    sf = km.survival_function_.iloc[:, 0]
    hit = sf[sf <= 0.5 + 1e-12]
    return None if hit.empty else float(hit.index[0])


def breakdown(key):
    g_all = pp.assign(key=key).dropna(subset=["key"])
    rows, tested = [], []
    for name, g in g_all.groupby("key", sort=True):
        ms_ = set(g.mentee)
        e_ = entrant[entrant.index.isin(ms_)]
        row = {"cohort": name, "pairings": len(g), "mentees": len(ms_), "meetings_per_pair": g.meetings.sum() / len(g),
               "ramp_km_median_days": None, "retained_365": None}
        if len(e_):
            row["ramp_km_median_days"] = km_median(KaplanMeierFitter().fit(e_.rt, e_.re))
            row["retained_365"] = float(KaplanMeierFitter().fit(e_.st, e_.se).survival_function_at_times(365.0).iloc[0])
        c = after_comp[after_comp.respondent.isin(ms_)]
        row["after_n"] = int(c.respondent.nunique())
        row["suppressed"] = row["after_n"] < K
        row["after_mean"] = None if row["suppressed"] else c.composite.mean()
        if not row["suppressed"]:
            tested.append(np.round(c.composite.to_numpy(), 10))
        rows.append(row)
    # As the pack: when the hidden rows hold 1 … k − 1 people, the smallest
    # shown row is hidden too, or the whole minus the shown rows would tell.
    shown_rows = sorted((r for r in rows if not r["suppressed"]), key=lambda r: r["after_n"])
    if shown_rows and 0 < sum(r["after_n"] for r in rows if r["suppressed"]) < K:
        r = shown_rows[0]
        r.update(suppressed=True, after_mean=None)
        tested = [np.round(after_comp.composite[after_comp.respondent.isin(set(g_all.mentee[g_all.key == x["cohort"]]))]
                           .to_numpy(), 10) for x in rows if not x["suppressed"]]
    p = None
    if len(tested) >= 2:
        try:
            p = num(stats.kruskal(*tested).pvalue)
        except ValueError:
            p = None
    return rows, p


half_year = pairings.start_date.dt.year.astype("Int64").astype(str) + "-H" + np.where(
    pairings.start_date.dt.month <= 6, "1", "2")
half_year = half_year.where(pairings.start_date.notna(), NONE)
coh = pairings.cohort.str.strip()
cohorts_out, cohorts_p = breakdown(coh.where(coh.notna() & (coh != ""), half_year).to_numpy())
fmt_ = pairings.format.str.strip()
formats_out, formats_p = (breakdown(fmt_.where(fmt_ != "").to_numpy()) if fmt_.replace("", np.nan).notna().any()
                          else (None, None))
phase("M7 waves cohorts")

# M8 — skill growth per area and rater, before (first skill wave by middle
# assessment day) vs after (the last), on 0–1; coverage by meeting topics.
skills_out, skill_waves = [], []
sk = skills_raw.assign(d=pd.to_datetime(skills_raw.assessed_on.str.slice(0, 10), errors="coerce"))
if sk.wave.nunique() >= 2:
    mid = sk.groupby("wave").d.agg(lambda s: s.dropna().sort_values().iloc[len(s.dropna()) // 2]
                                   if s.notna().any() else pd.NaT)
    skill_waves = sorted(mid.index, key=lambda w: (pd.isna(mid[w]), mid[w] if not pd.isna(mid[w]) else 0, w))
    sbw, saw = skill_waves[0], skill_waves[-1]
    sk = sk[sk.wave.isin([sbw, saw])].assign(
        unit=lambda d: np.where(d.scale_points > 1, (d.value - 1) / (d.scale_points - 1), 0.0),
        dd=lambda d: d.d.fillna(pd.Timestamp.min))
    last = sk.sort_values(["dd", "id"]).groupby(["area", "rater", "person", "wave"]).unit.last().unstack("wave")
    both = last.dropna(subset=[sbw, saw]).reset_index()
    both["change"] = both[saw] - both[sbw]
    both["mentee"] = both.person.isin(set(pairings.mentee))

    def tnorm(s):
        s = re.sub(r"[\(\[][^\)\]]*[\)\]]", "", s)
        return "".join(ch for ch in s.lower() if ch.isalnum())

    synonyms = {}
    for path in (Path(__file__).resolve().parent.parent / "src" / "skills" / "frameworks").glob("*.csv"):
        fw = pd.read_csv(path, dtype=str).fillna("")
        for r in fw.itertuples():
            synonyms.setdefault(tnorm(r.area), set()).update(tnorm(s) for s in r.synonyms.split(";") if s.strip())
    mtop = (mt[["mentee", "topics"]].dropna().assign(t=lambda d: d.topics.str.split(r"[;|\r\n]")).explode("t"))
    mtop = mtop[mtop.t.str.strip() != ""]
    mtop = mtop.assign(t=mtop.t.str.strip())
    mtop["t"] = mtop.t.map({u: tnorm(u) for u in mtop.t.unique()})  # each distinct topic normalised once
    rank = {"self": 0, "mentor": 1, "manager": 2, "peer": 3}
    for (area, rater), g in sorted(both.groupby(["area", "rater"]), key=lambda kv: (rank.get(kv[0][1], 4), kv[0][1], kv[0][0])):
        d_ = g.change.to_numpy()
        row = {"area": area, "rater": rater, "before_wave": sbw, "after_wave": saw, "n": len(g),
               "mean_before": g[sbw].mean(), "mean_after": g[saw].mean(), "mean_change": d_.mean(),
               "ci95": None, "p": None, "suppressed": len(g) < K}
        if len(d_) >= 2 and d_.std(ddof=1) > 0:
            t = stats.ttest_1samp(d_, 0.0)
            ci = t.confidence_interval(0.95)
            row.update(ci95=[ci.low, ci.high], p=t.pvalue)
        dm, dn = g.change[g.mentee], g.change[~g.mentee]
        names_ = {tnorm(area)} | synonyms.get(tnorm(area), set())
        cov = int(g.person[g.mentee].isin(set(mtop.mentee[mtop.t.isin(names_)])).sum())
        row.update(n_mentored=len(dm), n_not_mentored=len(dn),
                   mean_change_mentored=dm.mean() if len(dm) else None,
                   mean_change_not_mentored=dn.mean() if len(dn) else None,
                   mentored_vs_not_p=stats.ttest_ind(dm, dn, equal_var=False).pvalue if len(dm) >= 2 and len(dn) >= 2 else None,
                   coverage=cov / len(dm) if len(dm) >= K else None)
        if row["suppressed"]:
            row.update({k_: None for k_ in ("mean_before", "mean_after", "mean_change", "ci95", "p", "mean_change_mentored",
                                            "mean_change_not_mentored", "mentored_vs_not_p", "coverage")})
        skills_out.append(row)
    for rater in {r["rater"] for r in skills_out}:
        idx = [i for i, r in enumerate(skills_out) if r["rater"] == rater and r["p"] is not None]
        adj_p = multipletests([skills_out[i]["p"] for i in idx], method="holm")[1] if idx else []
        for r in skills_out:
            if r["rater"] == rater:
                r["p_holm"] = None
        for i, v in zip(idx, adj_p):
            skills_out[i]["p_holm"] = v
phase("M8 skills")

# M9 — comment terms: per wave, each respondent's latest response's free text;
# words (letters), no stop words, no capitalised roster names, no @pieces;
# Snowball stems and neighbouring pairs; a term counts once per comment and is
# listed from 3 comments; distinctive terms by the weighted log-odds z.
import snowballstemmer

K_COMMENTS = max(10, K)
STOP = set((Path(__file__).resolve().parent.parent / "tests" / "golden" / "stopwords_en.txt")
           .read_text(encoding="utf-8").split())
NAMES = set(roster.name.dropna().str.lower().str.findall(r"\w+").explode().dropna().loc[lambda w: w.str.len() >= 2])
stem = snowballstemmer.stemmer("english").stemWord
cm = texts.merge(responses[["id", "wave", "respondent", "submitted_at"]], left_on="response_id", right_on="id")
cm = cm[cm.wave.isin([bw, aw])]
latest_resp = (cm.assign(who=cm.respondent.fillna("#" + cm.response_id.astype(str)), s=cm.submitted_at.fillna(""))
               .sort_values(["s", "response_id"]).groupby(["wave", "who"]).response_id.last())
cm = cm[cm.response_id.isin(set(latest_resp))]
docs = cm.groupby(["wave", "response_id"]).value_text.agg(list).reset_index()
WORD = re.compile(r"\w+(?:['’]\w+)*")


def terms_of(answers_):
    """(stem, word) pairs kept and the set of terms of one comment (a
    respondent's open answers; neighbouring pairs within one answer)."""
    toks, terms = [], set()
    for text in answers_:
        stems = []
        for w in WORD.findall(" ".join(p for p in text.split() if "@" not in p)):
            if not any(ch.isalpha() for ch in w) or (w[:1].isupper() and w.lower() in NAMES):
                continue
            low = w.lower().replace("’", "'")
            if low not in STOP:
                toks.append((stem(low), low))
                stems.append(toks[-1][0])
        terms |= set(stems) | {f"{x} {y}" for x, y in zip(stems, stems[1:])}
    return toks, terms


parsed = docs.value_text.map(terms_of)
docs["terms"] = parsed.str[1]
surface_counts = pd.Series([w for toks, _ in parsed for w in toks], dtype=object).value_counts()
surface = {}
for (s, w), c in sorted(surface_counts.items(), key=lambda kv: (-kv[1], kv[0][1])):
    surface.setdefault(s, w)
show = lambda t: " ".join(surface.get(s, s) for s in t.split(" "))
comments_out = {"min_comments": K_COMMENTS, "before": None, "after": None, "distinctive": None}
tc = docs[["wave", "terms"]].explode("terms").dropna().groupby(["wave", "terms"]).size()
for side, w in (("before", bw), ("after", aw)):
    n_w = int((docs.wave == w).sum())
    if n_w == 0:
        continue
    if n_w < K_COMMENTS:
        comments_out[side] = {"wave": w, "n": n_w, "suppressed": True, "top_terms": []}
        continue
    c = tc.xs(w, level="wave") if w in tc.index.get_level_values(0) else pd.Series(dtype=int)
    c = c[c >= 3]
    top = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    comments_out[side] = {"wave": w, "n": n_w, "suppressed": False, "top_terms": [[show(t), int(v)] for t, v in top]}
if all(comments_out[s] and not comments_out[s]["suppressed"] for s in ("before", "after")):
    y = tc.unstack("wave", fill_value=0).reindex(columns=[bw, aw], fill_value=0)
    ya, yb = y[aw], y[bw]
    alpha = ya + yb
    na_, nb_, a0 = ya.sum(), yb.sum(), alpha.sum()  # over all terms; only those of 3+ comments are listed
    delta = (np.log((ya + alpha) / (na_ + a0 - ya - alpha)) - np.log((yb + alpha) / (nb_ + a0 - yb - alpha)))
    z = delta / np.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))
    z = z[(z.abs() >= Z975) & (alpha >= 3)]
    comments_out["distinctive"] = {
        "after": [[show(t), v] for t, v in z[z > 0].sort_values(ascending=False).head(10).items()],
        "before": [[show(t), v] for t, v in z[z < 0].sort_values().head(10).items()]}
phase("M9 comments")

# ---------------------------------------------------------------- charts
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages

phase("import matplotlib")

BLUE, ORANGE, VERMILLION, SKY, GREY = "#0072B2", "#E69F00", "#D55E00", "#56B4E9", "#8A8F98"
INK, MUTED = "#1F2328", "#4B5563"
LIKERT5 = ["#D55E00", "#E69F00", "#D0D3D8", "#56B4E9", "#0072B2"]
plt.rcParams.update({"font.size": 15, "axes.spines.top": False, "axes.spines.right": False,
                     "axes.edgecolor": MUTED, "axes.labelcolor": MUTED, "xtick.color": MUTED,
                     "ytick.color": MUTED, "axes.grid": True, "grid.color": "#E5E7EB",
                     "svg.hashsalt": "mentorscope-reference"})
AS_OF = f"{as_of.day} {as_of:%b %Y}"
sources = imports.assign(file=imports.file_name.str.split("/").str[-1]).groupby("kind").file.agg(
    lambda s: sorted(set(s)))


def footer(*kinds):
    files = [f for k in kinds if k in sources.index for f in sources[k]]
    return f"Source: {', '.join(files) or 'imported program data'} · As of {AS_OF} · reference (pandas + matplotlib)"


def p_text(p):
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def chart(title, subtitle, foot):
    fig = plt.figure(figsize=(19.2, 10.8), dpi=100)
    lines = textwrap.wrap(title, 78)  # a long finding takes two lines, as in the pack
    fig.text(0.05, 0.955, "\n".join(lines[:2]), fontsize=28 if len(lines) == 1 else 24, weight="bold", color=INK,
             va="top")
    fig.text(0.05, 0.895 if len(lines) == 1 else 0.86, textwrap.fill(subtitle, 150), fontsize=16, color=MUTED,
             va="top")
    fig.text(0.05, 0.025, foot, fontsize=11, color=MUTED)
    return fig


def hidden(fig, headline, detail):
    fig.text(0.5, 0.5, headline, fontsize=24, weight="bold", ha="center", color=MUTED)
    fig.text(0.5, 0.44, textwrap.fill(detail, 110), fontsize=16, ha="center", va="top", color=MUTED)


def t_ci(mean, sd, n):
    if n < 2 or not np.isfinite(sd):
        return mean, mean
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    return mean - half, mean + half


charts = []  # (stem, title, subtitle, figure)


def sat_items():
    title_w = f"{bw} (n = {len(before):,}) vs {aw} (n = {len(after):,})"
    if suppressed:
        fig = chart("Satisfaction: hidden to protect respondents", f"Survey waves {bw} and {aw}.", footer("survey"))
        hidden(fig, "Too few respondents to show", f"Fewer than {K} people answered in at least one wave.")
        return fig, "Satisfaction: hidden", ""
    lo, hi = su["ci95"]
    word = "rose" if lo > 0 else "fell" if hi < 0 else "did not clearly change"
    title = f"Satisfaction {word} after the program, from {su['mean_before']:.1f} to {su['mean_after']:.1f} out of 5"
    sub = (f"Mean answer on a 1–5 scale, {title_w}; whiskers are 95% confidence intervals; overall "
           f"{su['diff']:+.2f} (95% CI {lo:+.2f} to {hi:+.2f}, {p_text(su['welch_p'])}).")
    fig = chart(title, sub, footer("survey"))
    ax = fig.add_axes([0.3, 0.12, 0.65, 0.68])
    rows = [("All items (average per person)", (before.mean(), before.std(ddof=1), len(before)),
             (after.mean(), after.std(ddof=1), len(after)))]
    for i, it in enumerate(order):
        side = lambda w: tuple(item_stats.loc[(w, i)]) if (w, i) in item_stats.index and item_stats.loc[(w, i), "count"] >= K else None
        rows.append((label[it], side(bw), side(aw)))
    for r, (name, b, af) in enumerate(rows):
        y = len(rows) - 1 - r
        for off, s, colour, wname in ((0.15, b, GREY, bw), (-0.15, af, BLUE, aw)):
            if s is None:
                continue
            mean, sd, cnt = s
            l, h_ = t_ci(mean, sd, int(cnt))
            ax.errorbar(mean, y + off, xerr=[[mean - l], [h_ - mean]], fmt="o", color=colour, ms=10, capsize=6,
                        lw=2.5, label=wname if r == 0 else None)
        if b is not None and af is not None:
            ax.plot([b[0], af[0]], [y + 0.15, y - 0.15], color="#D0D3D8", lw=2, zorder=0)
    ax.set_yticks(range(len(rows)), [textwrap.fill(r[0], 40) for r in reversed(rows)])
    ax.set_xlabel("Mean answer (1 = most negative, 5 = most positive)")
    ax.legend(loc="upper right", frameon=False)
    return fig, title, sub


def sat_distribution():
    if suppressed:
        fig = chart("Survey answers: hidden to protect respondents", f"Survey waves {bw} and {aw}.", footer("survey"))
        hidden(fig, "Too few respondents to show", f"Fewer than {K} people answered in at least one wave.")
        return fig, "Survey answers: hidden", ""
    shares = {}
    for i in range(len(order)):
        k = int(points[i])
        for w in (bw, aw):
            c = np.array([levels.get((i, w, float(l)), 0) for l in range(1, k + 1)], dtype=float)
            shares[(i, w)] = 100 * c / c.sum() if c.sum() >= K else None
    pos = lambda s: s[(len(s) + 1) // 2:].sum() if len(s) % 2 else s[len(s) // 2:].sum()
    more = sum(1 for i in range(len(order)) if shares[(i, bw)] is not None and shares[(i, aw)] is not None
               and pos(shares[(i, aw)]) > pos(shares[(i, bw)]))
    title = f"More positive answers on {more} of {len(order)} questions after the program"
    sub = (f"Share of answers per level, centred on the middle answer; {bw}: n = {len(before):,}, "
           f"{aw}: n = {len(after):,} responses.")
    fig = chart(title, sub, footer("survey"))
    ax = fig.add_axes([0.3, 0.12, 0.62, 0.66])
    yt, yl = [], []
    for i in range(len(order)):
        for j, w in enumerate((bw, aw)):
            y = -(i * 3 + j)
            s = shares[(i, w)]
            yt.append(y)
            yl.append(f"{textwrap.shorten(label[order[i]], 45)} — {w}" if j == 0 else w)
            if s is None:
                continue
            k = len(s)
            colours = LIKERT5 if k == 5 else plt.cm.RdBu(np.linspace(0.1, 0.9, k))
            start = -(s[: k // 2].sum() + (s[k // 2] / 2 if k % 2 else 0))
            for lvl in range(k):
                ax.barh(y, s[lvl], left=start, color=colours[lvl], height=0.8,
                        label=str(lvl + 1) if (i, j) == (0, 0) else None)
                if s[lvl] >= 5:
                    ax.text(start + s[lvl] / 2, y, f"{s[lvl]:.0f}", ha="center", va="center", fontsize=13)
                start += s[lvl]
            ax.text(start + 1, y, f"{pos(s):.0f}% positive", va="center", fontsize=13,
                    weight="bold" if j else "normal", color=BLUE if j else MUTED)
    ax.set_yticks(yt, yl)
    ax.axvline(0, color=MUTED, lw=1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{abs(v):.0f}%")
    ax.set_xlabel("← more negative · share of answers (%) · more positive →")
    ax.legend(title="Answer level", ncols=5, loc="upper center", bbox_to_anchor=(0.5, 1.12), frameon=False)
    return fig, title, sub


def enps_chart():
    if nps_text is None:
        fig = chart("eNPS: no recommendation question to compare", "", footer("survey"))
        hidden(fig, "Not enough data", "eNPS needs a 0–10 recommendation question asked in two waves.")
        return fig, "eNPS: no question", ""
    b, af = enps["before"], enps["after"]
    if b is None or af is None:
        fig = chart("eNPS: hidden to protect respondents", f"Question: “{nps_label}”", footer("survey"))
        hidden(fig, "Too few respondents to show", f"Fewer than {K} answers in at least one wave.")
        return fig, "eNPS: hidden", ""
    word = "rose" if af > b else "fell" if af < b else "did not change"
    title = f"eNPS {word} by {abs(af - b):.0f} points, from {b:.0f} to {af:.0f}"
    sub = ("Employee Net Promoter Score, −100 to +100: % promoters (9–10) minus % detractors (0–6). "
           f"Question: “{nps_label}”")
    fig = chart(title, sub, footer("survey"))
    ax = fig.add_axes([0.08, 0.12, 0.87, 0.66])
    bars = ax.bar([0, 1], [b, af], color=[GREY, BLUE], width=0.35)
    for x, v in zip((0, 1), (b, af)):
        ax.text(x, v + (3 if v >= 0 else -3), f"{v:.0f}", ha="center", va="bottom" if v >= 0 else "top",
                fontsize=26, weight="bold", color=bars[x].get_facecolor())
    ax.annotate(f"{af - b:+.0f} points", xy=(0.5, af), xytext=(0.5, b), ha="center", fontsize=18, weight="bold",
                arrowprops={"arrowstyle": "->", "lw": 2})
    ax.axhline(0, color=MUTED, lw=1)
    ax.set_xticks([0, 1], [f"Before ({bw})\nn = {enps_n['before']:,} answers",
                           f"After ({aw})\nn = {enps_n['after']:,} answers"])
    ax.set_ylim(-100 if min(b, af) < -60 else min(b, af, 0) - 30, max(b, af, 0) + 30)
    ax.set_ylabel("eNPS (points)")
    return fig, title, sub


def km_axes(fig, kms, flip, y_label):
    ax = fig.add_axes([0.07, 0.12, 0.88, 0.66])
    for (key, km), colour in zip(kms.items(), (BLUE, ORANGE)):
        sf = km.survival_function_.iloc[:, 0]
        ci = km.confidence_interval_
        lo, hi = ci.iloc[:, 0], ci.iloc[:, 1]
        if flip:
            sf, lo, hi = 1 - sf, 1 - hi, 1 - lo
        g = ramp[key] if flip else ret[key]
        what = f"{g['events']:,} reached it" if flip else f"{g['exits']:,} left"
        ax.step(sf.index, sf.values, where="post", color=colour, lw=3,
                label=f"{km._label}: n = {g['n']:,}, {what}")
        ax.fill_between(sf.index, lo.values, hi.values, step="post", color=colour, alpha=0.16, lw=0)
        cens = km.event_table[km.event_table.censored > 0].index
        if len(cens) <= 150:  # ticks would merge into a smear beyond this
            ax.plot(cens, np.interp(cens, sf.index, sf.values), "|", color=colour, ms=12)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("Days since hire")
    ax.set_ylabel(y_label)
    ax.set_xlim(left=0)
    ax.legend(loc="upper left", bbox_to_anchor=(0, 1.12), ncols=2, frameon=False)
    return ax


def ramp_chart():
    mm, nm = ramp["mentored"]["km_median_days"], ramp["not_mentored"]["km_median_days"]
    fmt = lambda v: "not reached" if v is None else f"{v:.0f} days"
    if mm is not None and nm is not None and ramp["logrank_p"] is not None and ramp["logrank_p"] < 0.05:
        title = (f"Mentored people reached “{kind}” {abs(nm - mm):.0f} days "
                 f"{'sooner' if mm < nm else 'later'}: {mm:.0f} vs {nm:.0f} days")
    else:
        title = f"No clear difference in time to “{kind}”: {fmt(mm)} vs {fmt(nm)}"
    sub = (f"Share who reached “{kind}”, by days since hire (Kaplan–Meier). Shaded: 95% confidence band; "
           f"ticks: people still on the way at the as-of date or who left first. Log-rank {p_text(ramp['logrank_p'])}.")
    fig = chart(title, sub, footer("roster", "milestones", "pairings"))
    ax = km_axes(fig, km_ramp, True, f"Reached “{kind}”")
    ax.axhline(0.5, color=MUTED, ls="--", lw=1)
    for v, colour in ((mm, BLUE), (nm, ORANGE)):
        if v is not None:
            ax.plot([v, v], [0, 0.5], ls="--", color=colour, lw=1.5)
            ax.plot(v, 0.5, "o", color=colour, ms=10)
            ax.annotate(f"Median {v:.0f} days", (v, 0.5), xytext=(8, 8), textcoords="offset points",
                        color=colour, weight="bold")
    ax.set_ylim(0, 1.02)
    return fig, title, sub


def retention_chart():
    rm, rn = ret["mentored"]["retained_365"], ret["not_mentored"]["retained_365"]
    p = ret["logrank_p"]
    if p is not None and p < 0.05:
        title = f"12-month retention: {rm:.0%} of mentored people vs {rn:.0%} of people not mentored"
    else:
        title = f"No clear difference in 12-month retention: {rm:.0%} vs {rn:.0%}"
    sub = (f"Share still employed, by days since hire (Kaplan–Meier). Shaded: 95% confidence band. "
           f"Log-rank {p_text(p)}." if p is not None else "")
    fig = chart(title, sub, footer("roster", "pairings"))
    ax = km_axes(fig, km_ret, False, "Still employed")
    ax.axvline(365, color=INK, ls="--", lw=1.5)
    for v, colour in ((rm, BLUE), (rn, ORANGE)):
        ax.plot(365, v, "o", color=colour, ms=10)
        ax.annotate(f"{v:.0%} at 12 months", (365, v), xytext=(12, 0), textcoords="offset points",
                    color=colour, weight="bold", va="center")
    lo = min(km.confidence_interval_.iloc[:, 0].min() for km in km_ret.values())
    ax.set_ylim(max(0, lo - 0.05), 1.01)
    return fig, title, sub


def delivery_chart():
    b, af = delivery["before"], delivery["after"]
    rel = lambda x, y: None if x in (None, 0) or y is None else y / x - 1
    specs = [("Deploys per team-week", "deploys", "deploys_per_team_week", False),
             ("Change failure rate", "cfr", "change_failure_rate", True),
             ("Time to restore (median, h)", "mttr", "mttr_hours_median", False)]
    words = [f"{w} {rel(b[k], af[k]):+.0%}" for (w, k) in
             (("deploys", "deploys_per_team_week"), ("failures", "change_failure_rate"),
              ("time to restore", "mttr_hours_median")) if rel(b[k], af[k]) is not None]
    title = "After launch: " + ", ".join(words) if words else "Team delivery before and after launch"
    sub = (f"Weekly values across all teams (thin) and the before/after levels (thick): {b['team_weeks']:,} "
           f"team-weeks before launch, {af['team_weeks']:,} after. Deploys before vs after: Mann–Whitney "
           f"{p_text(delivery['deploys_mann_whitney_p'])}.")
    fig = chart(title, sub, footer("team_metrics"))
    axes = fig.subplots(3, 1, sharex=True, gridspec_kw={"left": 0.25, "right": 0.96, "top": 0.8, "bottom": 0.1,
                                                         "hspace": 0.25})
    for ax, (name, col, key, pct) in zip(axes, specs):
        ax.plot(weekly.index, weekly[col], color=GREY, lw=1)
        ax.axvline(launch, color=INK, lw=1.5)
        for lo_, hi_, v, colour in ((weekly.index.min(), launch, b[key], GREY),
                                    (launch, weekly.index.max(), af[key], BLUE)):
            if v is not None:
                ax.plot([lo_, hi_], [v, v], color=colour, lw=4)
        f_ = (lambda v: f"{v:.0%}") if pct else (lambda v: f"{v:.1f}")
        ax.text(-0.3, 0.5, f"{name}\n{f_(b[key]) if b[key] is not None else '—'} → "
                f"{f_(af[key]) if af[key] is not None else '—'}", transform=ax.transAxes, fontsize=16,
                weight="bold", va="center")
        if pct:
            ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.set_ylim(bottom=0)
    axes[0].text(launch, axes[0].get_ylim()[1], f" Launch {launch.day} {launch:%b %Y}", va="top", weight="bold",
                 fontsize=12)
    return fig, title, sub


def per_month_chart():
    full = per_month
    if len(per_month) and as_of != (as_of + pd.offsets.MonthEnd(0)):
        full = per_month.iloc[:-1]  # the as-of month is partial
    avg = full.mean() if len(full) else 0
    title = f"{engagement['meetings']:,} mentoring meetings over {len(per_month)} months, about {avg:.0f} a month"
    sub = (f"Meetings logged per calendar month, {engagement['hours']:,.0f} hours in all across {len(pairings):,} "
           f"pairings; {met:,} of {len(active):,} active pairings met in the last 30 days.")
    fig = chart(title, sub, footer("meetings"))
    ax = fig.add_axes([0.07, 0.12, 0.88, 0.68])
    ax.bar(per_month.index.to_timestamp(), per_month.values, width=25, color=BLUE, align="edge")
    ax.set_ylabel("Meetings per month")
    ax.grid(axis="x", visible=False)
    return fig, title, sub


def pairs_chart():
    nq, na_ = int(act.quiet.sum()), len(act)
    title = (f"All {na_:,} active pairings met in the last 30 days" if nq == 0 else
             f"{nq:,} of {na_:,} active pairings have not met in the last 30 days")
    more = f" {na_ - len(shown):,} more are not shown." if na_ > len(shown) else ""
    sub = (f"Each row is a pairing active on {AS_OF} (mentor → mentee), each dot a meeting in the 12 months "
           f"before. Quiet pairings in vermillion, longest silence first.{more}")
    fig = chart(title, sub, footer("pairings", "meetings"))
    if shown.empty:
        hidden(fig, "No active pairings", "No pairing has started and not ended by the as-of date.")
        return fig, title, sub
    ax = fig.add_axes([0.17, 0.1, 0.72, 0.7])
    y = shown_days.row.to_numpy()
    colour = np.where(shown.quiet.to_numpy()[y], VERMILLION, BLUE)
    ax.axvspan(as_of - pd.Timedelta(days=29), as_of, color="#F1F2F4", zorder=0)
    ax.scatter(shown_days.day, y, s=40, c=colour, zorder=2)
    ax.set_yticks(range(len(shown)), [f"{a_} → {b_}" for a_, b_ in zip(shown.mentor, shown.mentee)], fontsize=11)
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlim(as_of - pd.Timedelta(days=365), as_of + pd.Timedelta(days=2))
    for i, last in enumerate(shown["last"]):
        txt = "never met" if pd.isna(last) else f"{(as_of - last).days} days"
        ax.text(1.01, i, txt, transform=ax.get_yaxis_transform(), va="center", fontsize=11, color=MUTED)
    ax.text(1.01, -1, "Since last meeting", transform=ax.get_yaxis_transform(), fontsize=12, weight="bold")
    return fig, title, sub


def topics_chart():
    if coverage.empty:
        fig = chart("Topic coverage: no meeting topics recorded", "", footer("meetings"))
        hidden(fig, "Not enough data", "Import a meeting log with topics.")
        return fig, "Topic coverage: none", ""
    share = coverage.pairings / pairs_with_meetings
    title = (f"{coverage.name.iloc[0]} reached the most pairings ({share.iloc[0]:.0%}), "
             f"{coverage.name.iloc[-1]} the fewest ({share.iloc[-1]:.0%})")
    sub = (f"Share of the {pairs_with_meetings:,} pairings with at least one meeting that discussed each topic "
           f"found in the meeting logs at least once; meetings on the topic at the right.")
    fig = chart(title, sub, footer("meetings"))
    ax = fig.add_axes([0.17, 0.1, 0.6, 0.7])
    top = coverage.head(25)
    ys = np.arange(len(top))
    ax.barh(ys, share.head(25).values, color=BLUE, height=0.6)
    ax.set_yticks(ys, top.name.values)
    ax.set_ylim(len(top) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("Share of pairings that discussed it")
    for yv, (s, r) in enumerate(zip(share.head(25), top.itertuples())):
        ax.text(1.01, yv, f"{s:.0%} · {r.pairings:,} pairings · {r.meetings:,} meetings",
                transform=ax.get_yaxis_transform(), va="center", fontsize=12, color=MUTED)
    return fig, title, sub


GREEN = "#009E73"


def placeholder(title, sub, foot, headline, detail):
    fig = chart(title, sub, foot)
    hidden(fig, headline, detail)
    return fig, title, sub


def trend_chart():
    foot = footer("survey")
    if not waves_out:
        return placeholder("Satisfaction over time: no survey imported",
                           "This chart follows the average answer across every survey wave, in time order.", foot,
                           "Not enough data", "Import the survey exports of each wave (e.g. pre, 3-month, 6-month, "
                           "exit) to see satisfaction over time.")
    shown_w = [(i, w) for i, w in enumerate(waves_out) if not w["suppressed"] and w["mean"] is not None]
    if not shown_w:
        return placeholder("Satisfaction over time: hidden to protect respondents", f"{len(waves_out)} survey waves.",
                           foot, "Too few respondents to show", f"Every wave has fewer than {K} respondents.")
    (fi, f_), (li, l_) = shown_w[0], shown_w[-1]
    nw = len(waves_out)
    if len(shown_w) == 1:
        title = f"Satisfaction: one survey wave to show so far, {f_['mean']:.1f} out of 5 ({f_['wave']})"
    else:
        verb = ("rose" if l_["ci95"][0] > f_["ci95"][1] else "fell" if l_["ci95"][1] < f_["ci95"][0] else None)
        title = (f"Satisfaction {verb} over {nw} survey waves, from {f_['mean']:.1f} ({f_['wave']}) to "
                 f"{l_['mean']:.1f} ({l_['wave']}) out of 5" if verb else
                 f"Satisfaction over {nw} survey waves: {f_['mean']:.1f} ({f_['wave']}) to {l_['mean']:.1f} "
                 f"({l_['wave']}) out of 5")
    nh = sum(w["suppressed"] for w in waves_out)
    hid = "" if nh == 0 else f" {nh} wave(s) with fewer than {K} respondents are not shown."
    sub = ("Every survey wave in time order (by median answer date): the average of each person's answers, and "
           f"eNPS where the wave asked the recommendation question.{hid}")
    fig = chart(title, sub, foot)
    has_enps = any(w["enps"] is not None for w in waves_out)
    dated = all(w["median_date"] is not None for w in waves_out) and nw > 1
    xs = ([(w["median_date"] - waves_out[0]["median_date"]).days for w in waves_out] if dated else list(range(nw)))
    if dated and min(np.diff(xs), default=1) < (xs[-1] - xs[0]) / 12:
        xs = list(range(nw))  # too close by date: evenly spaced
    axes = fig.subplots(2 if has_enps else 1, 1, sharex=True, squeeze=False, gridspec_kw={
        "left": 0.08, "right": 0.95, "top": 0.72, "bottom": 0.16, "hspace": 0.25,
        "height_ratios": [0.55, 0.45] if has_enps else [1]})[:, 0]
    ax = axes[0]
    xi = [xs[i] for i, _ in shown_w]
    means = [w["mean"] for _, w in shown_w]
    lo = [w["mean"] - w["ci95"][0] for _, w in shown_w]
    hi = [w["ci95"][1] - w["mean"] for _, w in shown_w]
    ax.plot(xi, means, color=SKY, lw=3, zorder=1)
    ax.errorbar(xi, means, yerr=[lo, hi], fmt="o", color=BLUE, ms=11, capsize=10, lw=4, zorder=2,
                label="Mean satisfaction (1–5) with its 95% confidence interval")
    for x_, w in zip(xi, (w for _, w in shown_w)):
        ax.annotate(f"{w['mean']:.2f}", (x_, w["ci95"][1]), xytext=(0, 8), textcoords="offset points", ha="center",
                    weight="bold", color=BLUE)
        ax.annotate(f"95% CI {w['ci95'][0]:.2f}–{w['ci95'][1]:.2f}", (x_, w["ci95"][0]), xytext=(0, -10),
                    textcoords="offset points", ha="center", va="top", fontsize=12, color=MUTED)
    for i, w in enumerate(waves_out):
        if w["suppressed"] or w["mean"] is None:
            ax.text(xs[i], np.mean(ax.get_ylim()), f"Hidden: fewer than {K}" if w["suppressed"] else "No answers",
                    ha="center", color=MUTED, fontsize=12)
    lo_all = min(w["ci95"][0] for _, w in shown_w)
    hi_all = max(w["ci95"][1] for _, w in shown_w)
    d0, d1 = math.floor((lo_all - 0.1) * 2) / 2, math.ceil((hi_all + 0.2) * 2) / 2
    while d1 - d0 < 1:
        d0, d1 = d0 - 0.5, d1 + 0.5
    ax.set_ylim(max(d0, 1), min(d1, 5))
    ax.set_ylabel("Mean satisfaction (1–5)")
    ax.legend(loc="upper left", bbox_to_anchor=(0, 1.22), frameon=False, ncols=2)
    if has_enps:
        ax2 = axes[1]
        pts = [(xs[i], w["enps"]) for i, w in enumerate(waves_out) if w["enps"] is not None]
        ax2.plot(*zip(*pts), "-o", color=GREEN, lw=3, ms=10, label="eNPS (−100 to +100)")
        for x_, e in pts:
            ax2.annotate(f"{e:+.0f}", (x_, e), xytext=(0, 10), textcoords="offset points", ha="center",
                         weight="bold", color=GREEN)
        vals = [e for _, e in pts]
        ax2.set_ylim(max(-100, min(vals + [0]) - 15), min(100, max(vals + [0]) + 15))
        ax2.axhline(0, color=MUTED, lw=1)
        ax2.set_ylabel("eNPS")
        ax2.legend(loc="upper right", frameon=False)
    axes[-1].set_xticks(xs, [f"{w['wave']}\n{'no dates' if w['median_date'] is None else w['median_date'].strftime('%-d %b %Y')}"
                             f"\nn = {w['n']:,}" for w in waves_out])
    return fig, title, sub


def forest_chart():
    foot = footer("roster", "milestones", "pairings", "survey")
    hr_sections = []
    if ramp.get("window_start"):
        for head, hint, res, what in ((f"Ramp-up to “{kind}”", "above 1: mentored people get there sooner", adj_ramp,
                                       "reached it"),
                                      ("Retention", "above 1: mentored people leave sooner", adj_ret, "left")):
            raw, adj = res["unadjusted"], res["adjusted"]
            hr_sections.append((head, hint, [
                ("Raw: everyone", GREY, raw, f"n = {adj['n']:,}, {adj['events']:,} {what}"),
                ("Like for like (same team and level)", BLUE, adj,
                 f"{adj['strata_used']:,} of {adj['strata']:,} team-and-level groups can be compared")]))
    srows = [("Raw: everyone who answered", GREY, None if suppressed else {"hazard_ratio": su["diff"], "ci95": su["ci95"], "p": su["welch_p"]},
              f"n = {su['n_before']:,} → {su['n_after']:,} responses"),
             ("Same people in both waves", SKY, None if (suppressed or sp["suppressed"]) else
              {"hazard_ratio": sp["mean_diff"], "ci95": sp["ci95"], "p": sp["p"]}, f"n = {sp['n_pairs']:,} people"),
             ("Like for like (same team and level)", BLUE, None if adj_survey["suppressed"] else
              {"hazard_ratio": adj_survey["diff"], "ci95": adj_survey["ci95"], "p": adj_survey["p"]},
              f"n = {adj_survey['n']:,} responses on the roster")]
    drawn = [r for s in hr_sections for r in s[2] if r[2]["hazard_ratio"] is not None] + [r for r in srows if r[2]]
    if not drawn:
        return placeholder("Raw vs like for like: nothing to compare yet",
                           "This chart sets each raw comparison beside the same comparison made only between people "
                           "of the same team and level.", foot, "Not enough data",
                           "Import a roster with teams, levels and hire dates, a pairing sheet and milestones (or "
                           "two survey waves) to compare like for like.")

    def finding(ci, ref, above, below):
        return None if ci is None else above if ci[0] > ref else below if ci[1] < ref else False

    f_r = finding(adj_ramp["adjusted"]["ci95"], 1, f"reach “{kind}” sooner", f"reach “{kind}” later")
    f_t = finding(adj_ret["adjusted"]["ci95"], 1, "leave sooner", "stay longer")
    f_s = finding(None if adj_survey["suppressed"] else adj_survey["ci95"], 0, "satisfaction rose", "satisfaction fell")
    verbs = [v for v in (f_r, f_t) if v]
    unclear = [n for v, n in ((f_r, "ramp-up"), (f_t, "retention"), (f_s, "satisfaction")) if v is False]
    parts = ([f"mentored people {' and '.join(verbs)}"] if verbs else []) + ([f_s] if f_s else [])
    if unclear:
        parts.append("no clear difference in " + (unclear[0] if len(unclear) == 1 else
                                                  ", ".join(unclear[:-1]) + " or " + unclear[-1]))
    title = "Like for like (same team and level): " + "; ".join(parts) if parts else "Raw comparisons"
    sub = ("Dots are estimates, lines their 95% confidence intervals. Raw compares everyone; like for like, only "
           "people of the same team and level.")
    fig = chart(title, sub, foot)
    n_hr = sum(len(s[2]) + 1 for s in hr_sections)
    heights = ([n_hr] if hr_sections else []) + [len(srows) + 1]
    axes = fig.subplots(len(heights), 1, squeeze=False, gridspec_kw={
        "left": 0.3, "right": 0.72, "top": 0.8, "bottom": 0.1, "hspace": 0.35, "height_ratios": heights})[:, 0]

    def draw(ax, sections, log):
        y = 0
        ticks = []
        for head, hint, rows in sections:
            ax.text(-0.52, y, head, transform=ax.get_yaxis_transform(), fontsize=18, weight="bold", va="center")
            ax.text(-0.52, y + 0.45, hint, transform=ax.get_yaxis_transform(), fontsize=12, color=MUTED, va="center")
            y += 1
            for name, colour, res, detail in rows:
                ax.text(-0.5, y, name, transform=ax.get_yaxis_transform(), va="center", fontsize=14)
                est = None if res is None else res["hazard_ratio"]
                if est is not None:
                    lo_, hi_ = res["ci95"]
                    ax.plot([lo_, hi_], [y, y], color=colour, lw=5)
                    ax.plot(est, y, "o", color=colour, ms=12)
                    fig_txt = (f"{est:.2f} ({lo_:.2f}–{hi_:.2f})" if log else f"{est:+.2f} ({lo_:+.2f} to {hi_:+.2f})")
                    fig_txt += f", {p_text(res['p'])}" if res.get("p") is not None else ""
                else:
                    fig_txt = "hidden" if not log else "could not be estimated"
                    detail = (f"fewer than {K} respondents in a wave" if not log else
                              (res or {}).get("reason") or "not enough data")
                ax.text(1.03, y - 0.15, fig_txt, transform=ax.get_yaxis_transform(), fontsize=14, weight="bold",
                        color=INK if est is not None else MUTED, va="center")
                ax.text(1.03, y + 0.22, detail, transform=ax.get_yaxis_transform(), fontsize=11, color=MUTED,
                        va="center")
                ticks.append(y)
                y += 1
        ax.set_ylim(y - 0.5, -0.7)
        ax.set_yticks([])
        ax.axvline(1 if log else 0, color=INK, lw=2)
        ax.grid(axis="y", visible=False)

    if hr_sections:
        ax = axes[0]
        ax.set_xscale("log")
        draw(ax, hr_sections, True)
        ends = [v for s in hr_sections for r in s[2] if r[2]["ci95"] for v in r[2]["ci95"]] + [1.0]
        ax.set_xlim(min(max(min(ends) / 1.15, 1 / 16), 0.8), max(min(max(ends) * 1.15, 16), 1.25))
        lo_x, hi_x = ax.get_xlim()
        ax.xaxis.set_major_locator(matplotlib.ticker.FixedLocator(
            [v for v in (0.0625, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16) if lo_x <= v <= hi_x]))
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:g}")
        ax.set_xlabel("Hazard ratio (log scale; 1 = no difference)")
    ax = axes[-1]
    draw(ax, [(f"Satisfaction: {aw} vs {bw}", "above 0: higher after the program", srows)], False)
    ax.set_xlabel("Difference in mean satisfaction, after − before (0 = no change)")
    ends = [v for r in srows if r[2] for v in r[2]["ci95"]] + [0.0]
    pad = max(0.05, (max(ends) - min(ends)) * 0.15)
    ax.set_xlim(min(ends) - pad, max(ends) + pad)
    return fig, title, sub


def delivery_trend_chart():
    foot = footer("team_metrics")
    lc = its["level_change"]
    if its["pre_intercept"] is None or lc["estimate"] is None:
        return placeholder("Delivery trend: no trend to compare",
                           "This chart compares the delivery trend before launch with what happened after it.", foot,
                           "Not enough data", "The trend could not be fitted. It needs weekly team metrics from both "
                           "before and after the launch date.")
    a0, b0, level, slope = its["pre_intercept"], its["pre_slope"], lc["estimate"], its["slope_change"]["estimate"] or 0
    lo_, hi_ = lc["ci95"]
    title = (f"Deploys jumped at launch by {level:.1f} per team-week beyond the trend before it" if lo_ > 0 else
             f"Deploys dropped at launch by {-level:.1f} per team-week below the trend before it" if hi_ < 0 else
             f"No clear jump in deploys at launch beyond the trend before it ({level:+.1f} per team-week)")
    sc = its["slope_change"]
    slope_part = (f" Change in the weekly trend after launch: {sc['estimate']:+.3f} per week (95% CI "
                  f"{sc['ci95'][0]:+.3f} to {sc['ci95'][1]:+.3f}, {p_text(sc['p'])})." if sc["estimate"] is not None else "")
    sub = (f"Mean deployments per team-week, {its['team_weeks']:,} team-weeks of {its['teams']:,} teams. Lines fitted "
           f"before and after launch (team effects, errors clustered by team).{slope_part}")
    fig = chart(title, sub, foot)
    ax = fig.add_axes([0.07, 0.1, 0.9, 0.62])
    wks = ((weekly.index - launch).days / 7.0).to_numpy()
    w0, w1 = min(wks.min(), 0), max(wks.max(), 0) + 1
    at = lambda w: launch + pd.to_timedelta(np.asarray(w) * 7, unit="D")
    ax.plot(at(wks + 0.5), weekly.deploys.to_numpy(), "o", color=GREY, ms=6, label="Each week, mean over teams")
    pre = lambda w: a0 + b0 * w
    post = lambda w: a0 + level + (b0 + slope) * w
    ax.plot(at([w0, 0]), [pre(w0), pre(0)], color=GREY, lw=5, label="Trend before launch")
    ax.plot(at([0, w1]), [pre(0), pre(w1)], color=GREY, lw=4, ls=(0, (3, 2)), label="That trend carried on")
    ax.plot(at([0, w1]), [post(0), post(w1)], color=BLUE, lw=5, label="Fitted after launch")
    ax.axvline(launch, color=INK, lw=2)
    ax.text(launch, 1.0, f"  Launch {launch.day} {launch:%b %Y}", transform=ax.get_xaxis_transform(), va="top",
            weight="bold", fontsize=13)
    bx = at(0.6)
    ax.plot([bx, bx], [pre(0), post(0)], color=INK, lw=3)
    ax.annotate(f"Jump at launch, per team-week:\n{level:+.2f} (95% CI {lo_:+.2f} to {hi_:+.2f}, {p_text(lc['p'])})",
                (bx, (pre(0) + post(0)) / 2), xytext=(20, 60), textcoords="offset points", fontsize=15,
                bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": "none"})
    ymax = max(weekly.deploys.max(), pre(w0), pre(w1), post(0), post(w1))
    ax.set_ylim(0, ymax * 1.08)
    ax.set_ylabel("Deploys per team-week")
    ax.legend(loc="upper left", bbox_to_anchor=(0, 1.1), ncols=4, frameon=False)
    return fig, title, sub


def breakdown_chart(rows, p, noun, plural):
    foot = footer("pairings", "meetings", "roster", "milestones", "survey")
    shown_r = [r for r in rows if not r["suppressed"] and r["after_mean"] is not None]
    if p is not None and shown_r:
        l_ = min(shown_r, key=lambda r: r["after_mean"])
        h_ = max(shown_r, key=lambda r: r["after_mean"])
        title = (f"Satisfaction after the program ({aw}) differs between {plural}: from {l_['after_mean']:.1f} "
                 f"({l_['cohort']}) to {h_['after_mean']:.1f} ({h_['cohort']}), Kruskal–Wallis {p_text(p)}" if p < 0.05
                 else f"No clear difference in satisfaction after the program between {plural}: "
                      f"{l_['after_mean']:.1f} to {h_['after_mean']:.1f} out of 5 (Kruskal–Wallis {p_text(p)})")
    else:
        title = f"{len(rows)} {plural} side by side: mentees, meetings, ramp-up, retention"
    more = len(rows) - 16
    sub = (f"Per {noun}: mentees; meetings per pairing; median days to “{kind}” (Kaplan–Meier) and 12-month retention "
           f"of its mentees; their mean satisfaction in the {aw} wave (hidden under {K} respondents)."
           + (f" The first 16 {plural} are shown; {more} more are in the workbook." if more > 0 else ""))
    fig = chart(title, sub, foot)
    rows = rows[:16]
    axes = fig.subplots(1, 5, sharey=True, gridspec_kw={"left": 0.16, "right": 0.95, "top": 0.72, "bottom": 0.06,
                                                        "wspace": 0.35})
    ys = np.arange(len(rows))
    heads = [("Mentees", "people", "mentees", lambda v: f"{v:,.0f}"),
             ("Meetings per pairing", "mean", "meetings_per_pair", lambda v: f"{v:.1f}"),
             ("Ramp-up", "median days", "ramp_km_median_days", lambda v: f"{v:.0f}"),
             ("12-month retention", "of mentees", "retained_365", lambda v: f"{v:.0%}")]
    for ax, (h, unit, key, f_) in zip(axes, heads):
        vals = np.array([np.nan if r[key] is None else r[key] for r in rows], dtype=float)
        ax.barh(ys, np.nan_to_num(vals), color=SKY, height=0.5)
        top = np.nanmax(vals) if np.isfinite(vals).any() else 1
        for y_, v in zip(ys, vals):
            ax.text((0 if np.isnan(v) else v) + top * 0.03, y_, "—" if np.isnan(v) else f_(v), va="center",
                    fontsize=13, weight="bold")
        ax.set_xlim(0, (top or 1) * 1.45)
        ax.set_title(f"{h}\n", loc="left", fontsize=16, weight="bold")
        ax.text(0, 1.02, unit, transform=ax.transAxes, fontsize=12, color=MUTED)
        ax.set_xticks([])
        ax.grid(False)
    ax = axes[4]
    for y_, r in zip(ys, rows):
        if r["suppressed"] or r["after_mean"] is None:
            ax.text(1.05, y_, f"hidden (fewer than {K})" if r["suppressed"] else "no answers", va="center",
                    fontsize=12, color=MUTED)
        else:
            ax.plot([1, 5], [y_, y_], color="#E5E7EB", lw=3)
            ax.plot(r["after_mean"], y_, "o", color=BLUE, ms=11)
            ax.text(5.1, y_, f"{r['after_mean']:.2f} (n = {r['after_n']:,})", va="center", fontsize=12, weight="bold")
    ax.set_xlim(1, 7.2)
    ax.set_xticks([1, 3, 5])
    ax.set_title("Satisfaction\n", loc="left", fontsize=16, weight="bold")
    ax.text(0, 1.02, "mean of 1–5, with n", transform=ax.transAxes, fontsize=12, color=MUTED)
    axes[0].set_yticks(ys, [f"{r['cohort']}\n{r['pairings']:,} pairings" for r in rows])
    axes[0].set_ylim(len(rows) - 0.5, -0.5)
    return fig, title, sub


def cohorts_chart():
    if not cohorts_out:
        return placeholder("Cohorts: no pairings to group", "Cohort over cohort: mentees, meetings, ramp-up, retention "
                           "and satisfaction per cohort of the pairing sheet.", footer("pairings"), "Not enough data",
                           "Import a pairing sheet (with a Cohort column, or start dates to group pairings by "
                           "half-year) to compare cohorts.")
    return breakdown_chart(cohorts_out, cohorts_p, "cohort", "cohorts")


def formats_chart():
    if not formats_out:
        return placeholder("Program formats: none in the pairing sheet",
                           "The same comparison as for cohorts, by program format (in-house / external / hybrid, "
                           "one-to-one / group).", footer("pairings"), "No formats in the pairing sheet",
                           "Add a Format column (or Program type, Track) to the pairing sheet to compare formats side "
                           "by side.")
    return breakdown_chart(formats_out, formats_p, "format", "formats")


RATER = {"self": "Self-assessment", "mentor": "Mentor's rating", "manager": "Manager's rating", "peer": "Peer rating"}
clear_of = lambda r: (None if r["p_holm"] is None or r["p_holm"] >= 0.05 else bool(r["mean_change"] > 0))


def skill_growth_chart():
    foot = footer("skills")
    if not skills_out:
        return placeholder("Skill growth: no skill assessments with two waves",
                           "Each skill area's mean rating in the first and the last assessment wave.", foot,
                           "Not enough data", "Import skill assessments from at least two waves (mentorscope "
                           "template skills writes a sheet to fill in).")
    shown_s = [r for r in skills_out if not r["suppressed"]]
    if not shown_s:
        return placeholder("Skill growth: hidden to protect the people rated",
                           "Each skill area's mean rating in the first and the last assessment wave.", foot,
                           "Not shown to protect the people rated",
                           f"Every skill area was rated for fewer than {K} people in both waves.")
    sbw, saw = skills_out[0]["before_wave"], skills_out[0]["after_wave"]
    grew = [r for r in shown_s if clear_of(r) is True]
    fell = sum(clear_of(r) is False for r in shown_s)
    fell_note = f"; {fell} fell clearly" if fell else ""
    if grew:
        m_ = max(grew, key=lambda r: r["mean_change"])
        title = (f"{len(grew)} of {len(shown_s)} skill ratings grew clearly from {sbw} to {saw}, most in {m_['area']} "
                 f"({m_['mean_change']:+.2f} on a 0–1 scale, {RATER.get(m_['rater'], 'rated by ' + m_['rater']).lower()}){fell_note}")
    else:
        title = f"No skill area grew clearly from {sbw} to {saw} ({len(shown_s)} ratings compared){fell_note}"
    sub = (f"Mean rating per skill area of the people rated in both {sbw} and {saw}, each area's scale put on 0 (its "
           f"bottom) to 1 (its top). Clear: Holm-adjusted p < 0.05 across one rater's areas. Areas rated for fewer "
           f"than {K} people are hidden.")
    fig = chart(title, sub, foot)
    raters = list(dict.fromkeys(r["rater"] for r in skills_out))[:3]
    areas = list(dict.fromkeys(r["area"] for r in skills_out))[:20]
    axes = fig.subplots(1, len(raters), sharey=True, squeeze=False, gridspec_kw={
        "left": 0.2, "right": 0.97, "top": 0.72, "bottom": 0.1, "wspace": 0.12})[0]
    by = {(r["area"], r["rater"]): r for r in skills_out}
    for ax, rater in zip(axes, raters):
        for y_, area in enumerate(areas):
            r = by.get((area, rater))
            if r is None:
                continue
            if r["suppressed"]:
                ax.text(0.02, y_, f"hidden (fewer than {K})", va="center", fontsize=11, color=MUTED)
                continue
            c = clear_of(r)
            ax.plot([r["mean_before"], r["mean_after"]], [y_, y_], lw=6,
                    color=BLUE if c is True else VERMILLION if c is False else "#D0D3D8", zorder=1)
            ax.plot(r["mean_before"], y_, "o", color=GREY, ms=10, zorder=2)
            ax.plot(r["mean_after"], y_, "o", color=BLUE, ms=10, zorder=2)
        ns = [by[(a_, rater)]["n"] for a_ in areas if (a_, rater) in by]
        ax.set_title(f"{RATER.get(rater, 'Rated by ' + rater)} · n = {min(ns):,}" +
                     (f"–{max(ns):,}" if max(ns) != min(ns) else ""), loc="left", fontsize=15, weight="bold")
        ax.set_xlim(0, 1)
        ax.set_xlabel("Mean rating: 0 = bottom of the area's scale, 1 = top")
    axes[0].set_yticks(range(len(areas)), areas)
    axes[0].set_ylim(len(areas) - 0.5, -0.5)
    axes[0].plot([], [], "o", color=GREY, label=f"{sbw} (before)")
    axes[0].plot([], [], "o", color=BLUE, label=f"{saw} (after)")
    axes[0].legend(loc="lower left", bbox_to_anchor=(0, 1.06), ncols=2, frameon=False)
    return fig, title, sub


def skill_coverage_chart():
    foot = footer("skills", "meetings")
    rows = [r for r in skills_out if not r["suppressed"] and r["coverage"] is not None][:20]
    if not rows:
        return placeholder("Coverage vs growth: not enough data",
                           "How often mentoring meetings covered each skill area, beside that area's growth.", foot,
                           "Not enough data", "Import skill assessments from at least two waves and a meeting log "
                           "with a topics column." if not skills_out else
                           f"No skill area has at least {K} mentees rated in both waves, or the meeting log has no "
                           "topics column.")
    best = max(rows, key=lambda r: r["coverage"])
    never = sorted({r["area"] for r in rows if r["coverage"] == 0})
    n_areas = len({r["area"] for r in rows})
    title = (f"Mentoring meetings covered {best['area']} most ({best['coverage']:.0%} of mentees); {len(never)} of "
             f"{n_areas} skill areas never came up" if never else
             f"Every skill area came up in mentoring meetings; {best['area']} most often ({best['coverage']:.0%} of mentees)")
    sub = ("Left: share of the mentees rated in both waves whose mentoring meetings had the area as a topic. Right: the "
           "area's mean change on its 0–1 scale, with its 95% confidence interval. Areas and splits under "
           f"{K} people are hidden.")
    fig = chart(title, sub, foot)
    axl, axr = fig.subplots(1, 2, sharey=True, gridspec_kw={"left": 0.25, "right": 0.95, "top": 0.72, "bottom": 0.1,
                                                            "wspace": 0.1})
    ys = np.arange(len(rows))
    cov = [r["coverage"] for r in rows]
    axl.barh(ys, cov, color=SKY, height=0.6)
    for y_, v in zip(ys, cov):
        axl.text(v + 0.01, y_, f"{v:.0%}", va="center", fontsize=12, weight="bold")
    axl.set_xlim(0, 1.15)
    axl.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    axl.set_title("Covered in meetings", loc="left", fontsize=16, weight="bold")
    for y_, r in zip(ys, rows):
        if r["ci95"]:
            axr.plot(r["ci95"], [y_, y_], color=BLUE, lw=4)
        axr.plot(r["mean_change"], y_, "o", color=BLUE, ms=10)
    axr.axvline(0, color=INK, lw=2)
    axr.set_title("Change, 0–1 scale", loc="left", fontsize=16, weight="bold")
    axl.set_yticks(ys, [f"{r['area']} · {RATER.get(r['rater'], r['rater'])}" for r in rows], fontsize=12)
    axl.set_ylim(len(rows) - 0.5, -0.5)
    return fig, title, sub


def comments_chart():
    foot = footer("survey")
    b_, a_ = comments_out["before"], comments_out["after"]
    if b_ is None and a_ is None:
        return placeholder("Comments: no free-text answers",
                           "The terms people used in the surveys' open questions, before and after.", foot,
                           "Not enough data", "Import survey exports with an open question (e.g. “What would help you "
                           "most to grow here?”) to see what people wrote.")
    if all(s is None or s["suppressed"] for s in (b_, a_)):
        return placeholder("Comments: hidden to protect the people who wrote them",
                           "The terms people used in the surveys' open questions, before and after.", foot,
                           "Too few comments to show", f"Fewer than {K_COMMENTS} people wrote a comment in each wave.")
    dist = comments_out["distinctive"]
    if dist and (dist["after"] or dist["before"]):
        q3 = lambda L: ", ".join(f"“{t}” (z {z:+.1f})" for t, z in L[:3])
        title = ("Comments after the program: more " + q3(dist["after"]) if dist["after"] else
                 "Comments after the program: less " + q3(dist["before"]))
    else:
        top = (a_ or b_)["top_terms"]
        title = (f"Comments: the most used term was “{top[0][0]}”; no term moved clearly between the waves"
                 if top else "Comments: no term used by 3 or more people")
    sub = ("Bars: the share of a wave's comments that use the term. Distinctive: weighted log-odds z, after vs before; "
           f"beyond ±1.96 unlikely to be chance. Waves with fewer than {K_COMMENTS} comments are hidden; no comment is "
           "quoted here.")
    fig = chart(title, sub, foot)
    axes = fig.subplots(1, 3, gridspec_kw={"left": 0.1, "right": 0.97, "top": 0.72, "bottom": 0.08, "wspace": 0.55})
    for ax, s, colour in ((axes[0], b_, GREY), (axes[1], a_, BLUE)):
        ax.grid(False)
        if s is None or s["suppressed"]:
            ax.text(0.5, 0.5, "Hidden: too few comments" if s else "No comments", ha="center", color=MUTED,
                    transform=ax.transAxes)
            ax.set_axis_off()
            continue
        terms = s["top_terms"][:10]
        ys = np.arange(len(terms))
        shares = [c / s["n"] for _, c in terms]
        ax.barh(ys, shares, color=colour, height=0.6)
        for y_, v in zip(ys, shares):
            ax.text(v, y_, f" {v:.0%}", va="center", fontsize=12)
        ax.set_yticks(ys, [t for t, _ in terms])
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.set_xlim(0, max(shares + [0.01]) * 1.3)
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.set_title(f"{s['wave']}: n = {s['n']:,} comments", loc="left", fontsize=15, weight="bold")
    ax = axes[2]
    ax.grid(False)
    ax.set_title("Distinctive, after vs before (z)", loc="left", fontsize=15, weight="bold")
    items = ((dist or {}).get("after", []) + (dist or {}).get("before", [])) if dist else []
    if not items:
        ax.text(0.5, 0.5, "No term moved clearly" if dist else "Needs both waves shown", ha="center", color=MUTED,
                transform=ax.transAxes)
        ax.set_axis_off()
    else:
        ys = np.arange(len(items))
        zs = [z for _, z in items]
        ax.barh(ys, zs, color=[BLUE if z > 0 else GREY for z in zs], height=0.6)
        ax.set_yticks(ys, [t for t, _ in items])
        ax.set_ylim(len(items) - 0.5, -0.5)
        ax.axvline(0, color=INK, lw=1.5)
    return fig, title, sub



out_dir = Path(args.out)
(out_dir / "charts").mkdir(parents=True, exist_ok=True)
summary_lines = [
    f"Survey ({bw} → {aw}): " + ("suppressed" if suppressed else
                                  f"{su['mean_before']:.2f} → {su['mean_after']:.2f} out of 5, diff {su['diff']:+.2f} "
                                  f"(95% CI {su['ci95'][0]:+.2f} to {su['ci95'][1]:+.2f}), Welch {p_text(su['welch_p'])}"),
    f"eNPS: {enps['before']} → {enps['after']}",
    f"Ramp-up to “{kind}”, KM median: mentored {ramp['mentored']['km_median_days']} days "
    f"(n = {ramp['mentored']['n']:,}) vs not mentored {ramp['not_mentored']['km_median_days']} days "
    f"(n = {ramp['not_mentored']['n']:,}), log-rank {p_text(ramp['logrank_p'])}",
    f"12-month retention: mentored {ret['mentored']['retained_365']:.1%} vs not mentored "
    f"{ret['not_mentored']['retained_365']:.1%}, log-rank {p_text(ret['logrank_p'])}",
    f"Deploys per team-week: {delivery['before']['deploys_per_team_week']:.2f} → "
    f"{delivery['after']['deploys_per_team_week']:.2f}; change failure rate "
    f"{delivery['before']['change_failure_rate']:.1%} → {delivery['after']['change_failure_rate']:.1%}",
    f"Meetings: {engagement['meetings']:,} ({engagement['hours']:,.0f} hours); active pairings "
    f"{engagement['active_pairs']:,}, of which {met:,} met in the last 30 days",
]
stems = ["01-satisfaction-by-item", "02-satisfaction-answers", "03-enps", "04-satisfaction-over-time", "05-ramp-up",
         "06-retention", "07-raw-vs-like-for-like", "08-team-delivery", "09-delivery-trend", "10-meetings-per-month",
         "11-pair-engagement", "12-topic-coverage", "13-cohorts", "14-formats", "15-skill-growth",
         "16-skill-coverage", "17-comments"]
makers = [sat_items, sat_distribution, enps_chart, trend_chart, ramp_chart, retention_chart, forest_chart,
          delivery_chart, delivery_trend_chart, per_month_chart, pairs_chart, topics_chart, cohorts_chart,
          formats_chart, skill_growth_chart, skill_coverage_chart, comments_chart]
sections = []
with PdfPages(out_dir / "review.pdf", metadata={"Title": "Mentorship program review", "CreationDate": None}) as pdf:
    cover = plt.figure(figsize=(11.69, 8.27))
    cover.text(0.06, 0.9, "Mentorship program review", fontsize=26, weight="bold")
    cover.text(0.06, 0.85, f"As of {AS_OF} · launch {launch.day} {launch:%b %Y}", fontsize=14, color=MUTED)
    for i, line in enumerate(summary_lines):
        cover.text(0.06, 0.76 - 0.08 * i, textwrap.fill(line, 110), fontsize=13, va="top")
    pdf.savefig(cover)
    plt.close(cover)
    for stem, make in zip(stems, makers):
        fig, title, sub = make()
        fig.savefig(out_dir / "charts" / f"{stem}.svg")
        fig.savefig(out_dir / "charts" / f"{stem}.png", dpi=100)
        fig.savefig(out_dir / "charts" / f"{stem}@2x.png", dpi=200)
        pdf.savefig(fig)
        plt.close(fig)
        sections.append((stem, title, sub))
        phase(f"chart {stem[:2]}")
    quiet_list = quiet_rows.head(100)
    page = plt.figure(figsize=(11.69, 8.27))
    page.text(0.06, 0.93, f"Quiet pairings ({len(quiet_rows):,}; first {len(quiet_list)} shown)", fontsize=18,
              weight="bold")
    for i, r in enumerate(quiet_list.head(40).itertuples()):
        last = "never met" if pd.isna(r.last) else f"last met {r.last.date()}"
        page.text(0.06 + 0.45 * (i // 20), 0.86 - 0.04 * (i % 20), f"{r.mentor} → {r.mentee}: {last}", fontsize=11)
    pdf.savefig(page)
    plt.close(page)
phase("PDF pages")

svg_inline = lambda stem: (out_dir / "charts" / f"{stem}.svg").read_text(encoding="utf-8").split("?>", 1)[-1].split("-->", 1)[-1]
body = [f"<h1>Mentorship program review</h1><p>As of {AS_OF}</p><ul>"]
body += [f"<li>{html.escape(line)}</li>" for line in summary_lines] + ["</ul>"]
for stem, title, sub in sections:
    body.append(f"<section><h2>{html.escape(title)}</h2><figure>{svg_inline(stem)}"
                f"<figcaption>{html.escape(sub)}</figcaption></figure></section>")
body.append("<h2>Quiet pairings</h2><table><tr><th>Mentor</th><th>Mentee</th><th>Last meeting</th></tr>")
body += [f"<tr><td>{html.escape(str(r.mentor))}</td><td>{html.escape(str(r.mentee))}</td>"
         f"<td>{'never' if pd.isna(r.last) else r.last.date()}</td></tr>" for r in quiet_list.itertuples()]
body.append("</table>")
(out_dir / "review.html").write_text(
    "<!doctype html><html lang=en><meta charset=utf-8><title>Mentorship program review</title>"
    "<style>body{font-family:'DejaVu Sans',sans-serif;max-width:1120px;margin:auto;padding:32px}"
    "svg{width:100%;height:auto}td,th{padding:4px 10px;text-align:left}</style><body>"
    + "\n".join(body) + "</body></html>\n", encoding="utf-8")
(out_dir / "analysis.json").write_text(json.dumps(clean(out), indent=1) + "\n", encoding="utf-8")
phase("HTML and JSON")

# ---------------------------------------------------------------- slides (python-pptx)
# As the Rust deck: a cover, the headlines (cards and a table), one slide per
# chart (finding as title, the @2x PNG, the first sentence of its reading,
# the rest in the speaker notes), data quality and definitions.
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

rgb = lambda h: RGBColor.from_string(h.lstrip("#"))
outcome = lambda p, better: "Too few to tell" if p is None else (
    ("Improved" if better else "Worsened") if p < 0.05 else "No clear difference")
ACCENT = {"Improved": "0072B2", "Worsened": "D55E00"}
mm_, nm_ = ramp["mentored"]["km_median_days"], ramp["not_mentored"]["km_median_days"]
fmt_days = lambda v: "not reached" if v is None else f"{v:.0f} days"
headlines = [
    ("Satisfaction", "hidden" if suppressed else f"{su['diff']:+.2f}", f"out of 5, {bw} → {aw}",
     outcome(None if suppressed else su["welch_p"], not suppressed and su["diff"] > 0), summary_lines[0]),
    ("eNPS", "—" if enps["before"] is None or enps["after"] is None else f"{enps['after'] - enps['before']:+.0f}",
     "points", "Too few to tell" if enps["before"] is None or enps["after"] is None else
     ("Improved" if enps["after"] > enps["before"] else "No clear difference"), summary_lines[1]),
    ("Ramp-up", f"{fmt_days(mm_)} vs {fmt_days(nm_)}", f"median to “{kind}”",
     outcome(ramp["logrank_p"], mm_ is not None and (nm_ is None or mm_ < nm_)), summary_lines[2]),
    ("Retention", f"{ret['mentored']['retained_365']:.0%} vs {ret['not_mentored']['retained_365']:.0%}",
     "still employed at 12 months", outcome(ret["logrank_p"], ret["mentored"]["retained_365"] >
                                            ret["not_mentored"]["retained_365"]), summary_lines[3]),
    ("Team delivery", f"{delivery['before']['deploys_per_team_week']:.1f} → "
     f"{delivery['after']['deploys_per_team_week']:.1f}", "deploys per team-week",
     outcome(delivery["deploys_mann_whitney_p"], delivery["after"]["deploys_per_team_week"] >
             delivery["before"]["deploys_per_team_week"]), summary_lines[4]),
    ("Engagement", f"{met:,} of {len(active):,}", "active pairings met in the last 30 days", "No clear difference",
     summary_lines[5]),
]
not_on_roster = len((set(pairings.mentor) | set(pairings.mentee) | set(mt.mentor) | set(mt.mentee)
                     | set(responses.respondent.dropna())) - set(people.person_id))
data_quality = {"identities_not_on_roster": not_on_roster,
                "pairings_without_meetings": int(len(pairings) - pairings.join(pair_meetings, on=["mentor", "mentee"])
                                                 .meetings.notna().sum()),
                "survey_responses_without_identity": int(responses.respondent.isna().sum()),
                "dates_after_as_of": 0}
definitions = [
    ("Composite", "A respondent's mean answer over the Likert items of a wave, each item put on 1–5."),
    ("Welch's t-test", "Compares the composite of the two waves without assuming equal variances."),
    ("eNPS", "% promoters (9–10) minus % detractors (0–6) on the recommendation question, −100 to +100."),
    ("Ramp-up", f"Days from hire to the first “{kind}”, Kaplan–Meier with people still on the way censored."),
    ("Retention", "Kaplan–Meier share still employed by days since hire; 12-month retention is its value at 365."),
    ("Log-rank test", "Compares two Kaplan–Meier curves as a whole."),
    ("Like for like", "Cox hazard ratio stratified by team × level; survey difference from OLS with level and "
                      "team, HC3 errors."),
    ("Interrupted time series", "deployments ~ after + weeks + after·weeks + team, errors clustered by team."),
    ("Change failure rate", "Incidents divided by deployments over the team-weeks with both."),
    ("Active pairing", "A pairing that has started and not ended on the as-of date."),
    ("Cohort", "The pairing sheet's cohort, else the half-year of the pairing's start."),
    ("Skill change", "A rating on 1–k counts as (x − 1)/(k − 1); change is after − before for people rated twice."),
    ("Comment terms", "Snowball stems and neighbouring pairs, once per comment, listed from 3 comments."),
    ("Minimum group size", f"Figures over fewer than {K} people are hidden."),
]

f2 = lambda v, d=2: "—" if v is None else f"{v:.{d}f}"
hr_line = lambda name, r: (f"{name}: hazard ratio {f2(r['hazard_ratio'])} (95% CI {f2(r['ci95'] and r['ci95'][0])}–"
                           f"{f2(r['ci95'] and r['ci95'][1])}), {p_text(r['p']) if r['p'] is not None else 'no p'}")
chart_numbers = {  # the speaker notes' numbers per chart, as the deck's "Numbers" section
    "01": [summary_lines[0]] + [f"{label[o]}: {f2(im['before'][i])} → {f2(im['after'][i])}" for i, o in enumerate(order)],
    "02": [f"{t['item']}: {f2(t['diff'])} (Holm p {f2(t['p_holm'], 3)})" for t in item_tests],
    "03": [summary_lines[1], f"n = {enps_n['before']:,} → {enps_n['after']:,} answers"],
    "04": [f"{w['wave']}: n = {w['n']:,}, mean {f2(w['mean'])}, eNPS {f2(w['enps'], 0)}" for w in waves_out],
    "05": [summary_lines[2]],
    "06": [summary_lines[3]],
    "07": [hr_line("Ramp-up, like for like", adj_ramp["adjusted"]), hr_line("Retention, like for like", adj_ret["adjusted"]),
           f"Satisfaction, like for like: {f2(adj_survey['diff'])}" + (" (hidden)" if adj_survey["suppressed"] else "")],
    "08": [summary_lines[4]],
    "09": [f"Jump at launch: {f2(its['level_change']['estimate'])} per team-week; change in trend "
           f"{f2(its['slope_change']['estimate'], 3)} per week"],
    "10": [summary_lines[5]],
    "11": [f"{len(act):,} active pairings; {met:,} met in the last 30 days; {int(act.quiet.sum()):,} quiet"],
    "12": [f"{r.name}: {r.pairings:,} of {pairs_with_meetings:,} pairings, {r.meetings:,} meetings"
           for r in coverage.head(10).itertuples()],
    "13": [f"{r['cohort']}: {r['mentees']:,} mentees, {f2(r['meetings_per_pair'], 1)} meetings per pairing, "
           f"satisfaction {f2(r['after_mean'])}" for r in cohorts_out],
    "14": [f"{r['cohort']}: {r['mentees']:,} mentees, satisfaction {f2(r['after_mean'])}" for r in formats_out or []],
    "15": [f"{r['area']} ({r['rater']}): {f2(r['mean_change'])} (Holm p {f2(r['p_holm'], 3)})" for r in skills_out],
    "16": [f"{r['area']} ({r['rater']}): covered for {f2(r['coverage'])} of mentees" for r in skills_out],
    "17": [f"{side}: {comments_out[side]['n']:,} comments; most used "
           + ", ".join(t for t, _ in comments_out[side]["top_terms"][:3]) for side in ("before", "after")
           if comments_out[side] and not comments_out[side]["suppressed"]],
}
prs = Presentation()
prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
BLANK = prs.slide_layouts[6]
SW, SH = prs.slide_width, prs.slide_height


def box(slide, x, y, w, h, text, size, bold=False, colour=INK):
    tf = slide.shapes.add_textbox(x, y, w, h).text_frame
    tf.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        para.text = line
        para.font.size, para.font.bold, para.font.color.rgb = Pt(size), bold, rgb(colour)
    return tf


def notes(slide, lines):
    tf = slide.notes_slide.notes_text_frame
    tf.text = lines[0]
    for line in lines[1:]:
        tf.add_paragraph().text = line


s = prs.slides.add_slide(BLANK)
box(s, Inches(0.8), Inches(2.4), Inches(11.7), Inches(1.2), "Mentorship program", 40, True)
box(s, Inches(0.8), Inches(3.7), Inches(11.7), Inches(1.6),
    f"Mentorship program review · as of {AS_OF}\nProgram period: launched {launch.day} {launch:%b %Y}, reviewed up "
    f"to {AS_OF}\nWhole program", 18, colour=MUTED)
notes(s, ["Made with pandas, SciPy, lifelines, statsmodels and matplotlib from the program's own exports. Every "
          "number is in review.xlsx and analysis.json.",
          f"Survey results over fewer than {K} people are hidden everywhere, including these notes."])
s = prs.slides.add_slide(BLANK)
box(s, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.8), "The headlines", 28, True)
cw = (SW - Inches(1.0)) // len(headlines)
for i, (sec, figure, note, oc, _) in enumerate(headlines):
    x = Inches(0.5) + cw * i
    box(s, x, Inches(1.2), cw - Inches(0.1), Inches(0.4), sec, 14, True, MUTED)
    box(s, x, Inches(1.6), cw - Inches(0.1), Inches(0.6), figure, 20, True, ACCENT.get(oc, "6B7280"))
    box(s, x, Inches(2.2), cw - Inches(0.1), Inches(0.6), f"{note}\n{oc}", 11, colour=MUTED)
tbl = s.shapes.add_table(len(headlines) + 1, 3, Inches(0.5), Inches(3.2), SW - Inches(1.0), Inches(3.8)).table
for j, (h, w) in enumerate((("Comparison", 16), ("Outcome", 15), ("What the data says", 69))):
    tbl.columns[j].width = Emu(int((SW - Inches(1.0)) * w / 100))
    tbl.cell(0, j).text = h
for i, (sec, _, _, oc, verdict) in enumerate(headlines, start=1):
    for j, t in enumerate((sec, oc, verdict)):
        tbl.cell(i, j).text = t
        tbl.cell(i, j).text_frame.paragraphs[0].font.size = Pt(11)
notes(s, [f"{sec}: {oc} ({figure})\n{verdict}" for sec, figure, _, oc, verdict in headlines])
for stem, title, sub in sections:
    s = prs.slides.add_slide(BLANK)
    box(s, Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.9), title, 22, True)
    ph = Inches(5.6)
    pw = int(ph * 16 / 9)
    pic = s.shapes.add_picture(str(out_dir / "charts" / f"{stem}@2x.png"), (SW - pw) // 2, Inches(1.15), pw, ph)
    pic._element.nvPicPr.cNvPr.set("descr", f"{title}. {sub}")
    box(s, Inches(0.4), Inches(6.85), Inches(12.5), Inches(0.5), sub.split(". ")[0].rstrip(".") + ".", 13,
        colour=MUTED)
    notes(s, ["Verdict", title, "Numbers", *chart_numbers.get(stem[:2], []), "How to read it", sub])
s = prs.slides.add_slide(BLANK)
box(s, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.8), "Data quality", 28, True)
box(s, Inches(0.5), Inches(1.3), Inches(12.3), Inches(5.5), "\n".join([
    f"Not on the roster: {data_quality['identities_not_on_roster']:,} people in meetings, pairings or surveys",
    f"Pairings without meetings: {data_quality['pairings_without_meetings']:,} pairings with no meeting logged",
    f"Anonymous survey answers: {data_quality['survey_responses_without_identity']:,} survey responses that name no one",
    f"After the as-of date: {data_quality['dates_after_as_of']:,} dates later than the day the analysis looks from"]), 16)
notes(s, ["Problems with single rows are not listed here; these are the ones about how the files fit together."])
pages = [definitions[i:i + 5] for i in range(0, len(definitions), 5)]
for i, page in enumerate(pages, start=1):
    s = prs.slides.add_slide(BLANK)
    box(s, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.8), f"Definitions ({i} of {len(pages)})", 28, True)
    box(s, Inches(0.5), Inches(1.2), Inches(12.3), Inches(6.0), "\n\n".join(f"{t}: {d}" for t, d in page), 16)
    notes(s, ["The full definitions are in docs/METRICS.md; the workbook has the same list."])
prs.core_properties.title = f"Mentorship program — review as of {AS_OF}"
prs.save(out_dir / "review.pptx")
phase("slides (python-pptx)")

# ---------------------------------------------------------------- workbook (XlsxWriter)
# As the Rust workbook: an About sheet, one sheet per part of the analysis
# (fields and values, then each list as a table), then the definitions.
import xlsxwriter


def km_curve(km):
    sf, ci = km.survival_function_.iloc[:, 0], km.confidence_interval_
    return np.column_stack([sf.index.to_numpy(), sf.to_numpy(), ci.iloc[:, 0].to_numpy(), ci.iloc[:, 1].to_numpy()])


def item_ci(w, i):
    if (w, i) not in item_stats.index or item_stats.loc[(w, i), "count"] < K:
        return None
    m_, s_, c_ = item_stats.loc[(w, i)]
    return list(t_ci(m_, s_, int(c_)))


dist_rows = []
for i in range(len(order)):
    for w in (bw, aw):
        c = {f"level {l}": int(levels.get((i, w, float(l)), 0)) for l in range(1, int(points[i]) + 1)}
        hid = sum(c.values()) < K
        dist_rows.append({"item": label[order[i]], "wave": w, "suppressed": hid,
                          **{k_: None if hid else v for k_, v in c.items()}})
CURVE = ["day", "share", "ci low", "ci high"]
book = {
    "survey_unpaired": {"before_wave": bw, "after_wave": aw, **su, "mde_80": None if suppressed else su_mde,
                        "adjusted": adj_survey},
    "survey_paired": sp,
    "item_means": {"rows": [{"item": label[o], "before": im["before"][i], "after": im["after"][i],
                             "ci_before": item_ci(bw, i), "ci_after": item_ci(aw, i)} for i, o in enumerate(order)]},
    "item_distributions": {"rows": dist_rows},
    "enps": {**enps, "n_before": enps_n["before"], "n_after": enps_n["after"],
             "question": None if nps_text is None else nps_label},
    "ramp_up": {"milestone_kind": kind, **ramp, **adj_ramp,
                **{f"{k_}.curve": km_curve(v) for k_, v in km_ramp.items()}},
    "retention": {**ret, **adj_ret, **{f"{k_}.curve": km_curve(v) for k_, v in km_ret.items()}},
    "delivery": {**delivery, "its": its, "weekly": weekly.reset_index().rename(columns={"day": "week"})},
    "engagement": {**{k_: v for k_, v in engagement.items() if k_ != "top_topics"},
                   "topics_ranked": coverage[["name", "pairings", "meetings"]].rename(columns={"name": "topic"}),
                   "meetings_per_month": per_month.rename_axis("month").rename("meetings").reset_index()
                   .assign(month=lambda d: d.month.astype(str)),
                   "quiet_pairs": quiet_rows[["mentor", "mentee", "last"]].rename(columns={"last": "last_meeting"})},
    "data_quality": data_quality,
    "verdicts": {sec.lower().replace(" ", "_"): {"outcome": oc, "verdict": v} for sec, _, _, oc, v in headlines},
    "item_tests": {"rows": item_tests},
    "waves": {"rows": waves_out},
    "cohorts": {"kruskal_p": cohorts_p, "rows": cohorts_out},
}
if formats_out:
    book["formats"] = {"kruskal_p": formats_p, "rows": formats_out}
book["comments"] = {"min_comments": K_COMMENTS,
                    **{f"{side}.{k_}": v for side in ("before", "after") if comments_out[side]
                       for k_, v in comments_out[side].items() if k_ != "top_terms"},
                    **{f"{side}.top_terms": pd.DataFrame(comments_out[side]["top_terms"], columns=["term", "comments"])
                       for side in ("before", "after") if comments_out[side]},
                    **{f"distinctive.{side}": pd.DataFrame(v, columns=["term", "z"])
                       for side, v in (comments_out["distinctive"] or {}).items()}}
suppressions = ([f"survey · fewer than {K} respondents in a wave"] if suppressed else []) + [
    f"skills · {r['area']} · rated by {r['rater']}" for r in skills_out if r["suppressed"]] + [
    f"cohorts · {r['cohort']}" for r in cohorts_out if r["suppressed"]]
if suppressions:
    book["suppressions"] = {"rows": [{"where": x} for x in suppressions]}
if skills_out:
    book["skills"] = {"rows": skills_out}

wb = xlsxwriter.Workbook(str(out_dir / "review.xlsx"), {"nan_inf_to_errors": True})
wb.set_properties({"title": "Mentorship program review", "created": as_of.to_pydatetime()})
F_TITLE = wb.add_format({"bold": True, "font_size": 14})
F_HEAD = wb.add_format({"bold": True, "bg_color": "#F3F4F6", "bottom": 1})
F_BOLD = wb.add_format({"bold": True})
F_DATE = wb.add_format({"num_format": "yyyy-mm-dd"})
F_QUOTE = wb.add_format({"quote_prefix": True})
HIDDEN = f"Hidden: fewer than {K} people (or it would reveal a few)."


def put(ws, r, c, v, hidden=False):
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
        if hidden:
            ws.write_comment(r, c, HIDDEN)
    elif isinstance(v, (bool, np.bool_)):
        ws.write_boolean(r, c, bool(v))
    elif isinstance(v, (pd.Timestamp, np.datetime64)):
        ws.write_datetime(r, c, pd.Timestamp(v).to_pydatetime(), F_DATE)
    elif isinstance(v, (int, float, np.integer, np.floating)):
        ws.write_number(r, c, float(v))
    elif isinstance(v, (list, tuple, dict)):
        ws.write_string(r, c, json.dumps(clean(v), default=str))
    else:
        s_ = str(v)
        ws.write_string(r, c, s_, F_QUOTE if s_[:1] in "=+-@\t\r" else None)


def table(ws, r, name, frame):
    if isinstance(frame, np.ndarray):
        frame = pd.DataFrame(frame, columns=CURVE[:frame.shape[1]])
    elif isinstance(frame, list):
        frame = pd.DataFrame(frame)
    for col in [c_ for c_ in frame.columns if any(isinstance(x, list) and len(x) == 2 for x in frame[c_])]:
        pair = frame[col].map(lambda x: x if isinstance(x, list) else [None, None])
        i = frame.columns.get_loc(col)
        frame = frame.drop(columns=col)
        frame.insert(i, f"{col} high", pair.str[1])
        frame.insert(i, f"{col} low", pair.str[0])
    ws.write(r, 0, name, F_BOLD)
    ws.write_row(r + 1, 0, list(map(str, frame.columns)), F_HEAD)
    hid = frame["suppressed"].to_numpy() if "suppressed" in frame else np.zeros(len(frame), bool)
    for i, row in enumerate(frame.itertuples(index=False), start=r + 2):
        for j, v in enumerate(row):
            put(ws, i, j, v, bool(hid[i - r - 2]))
    return r + len(frame) + 3


def sheet(key, part):
    ws = wb.add_worksheet(key[:31])
    ws.write(0, 0, key, F_TITLE)
    fields, tables = [], []

    def walk(prefix, v):
        for k_, x in v.items():
            name = f"{prefix}.{k_}" if prefix else k_
            if isinstance(x, dict):
                walk(name, x)
            elif isinstance(x, (pd.DataFrame, np.ndarray)) or (isinstance(x, list) and x and isinstance(x[0], dict)):
                tables.append((f"{key}.{name}", x))
            elif isinstance(x, list) and len(x) == 2 and "ci" in k_:
                fields.extend([(f"{name} low", x[0]), (f"{name} high", x[1])])
            else:
                fields.append((name, x))

    walk("", part)
    r = 2
    hid = bool(part.get("suppressed"))
    if fields:
        ws.write_row(r, 0, ["field", "value"], F_HEAD)
        for i, (f_, v) in enumerate(fields, start=r + 1):
            ws.write_string(i, 0, f_)
            put(ws, i, 1, v, hid)
        r += len(fields) + 2
    for name, frame in tables:
        r = table(ws, r, name, frame)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 20, 14)


about = wb.add_worksheet("About")
about.write(0, 0, "Mentorship program", F_TITLE)
for i, (f_, v) in enumerate((("As of", as_of), ("Launch", launch), ("Scope", "Whole program"),
                             ("Minimum group size", K), ("Made with", "pandas, SciPy, lifelines, statsmodels, "
                                                         "matplotlib, python-pptx, XlsxWriter")), start=2):
    about.write_string(i, 0, f_)
    put(about, i, 1, v)
about.set_column(0, 1, 28)
for key, part in book.items():
    sheet(key, part)
defs = wb.add_worksheet("Definitions")
defs.write_row(0, 0, ["term", "definition"], F_HEAD)
for i, (t, d) in enumerate(definitions, start=1):
    defs.write_row(i, 0, [t, d])
defs.set_column(0, 0, 26)
defs.set_column(1, 1, 110)
wb.close()
phase("workbook (XlsxWriter)")
