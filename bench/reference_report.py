#!/usr/bin/env python3
"""The review pack the way an analyst would build it without Mentorscope.

The "equivalent script" of the benchmark (issue 6): pandas + SciPy +
lifelines + matplotlib doing what `mentorscope report --out DIR` does, from
the same SQLite database:

  * every METRICS.md number (M1–M5), written to DIR/analysis.json with the
    keys of the `mentorscope analyze --json` contract, so bench/run.sh can
    check that both computed the same thing (it is a second opinion on the
    numbers, to 1e-9 relative);
  * the nine charts of the pack (satisfaction per item with 95% CIs, Likert
    diverging bars, eNPS, ramp-up Kaplan–Meier curves with bands, retention
    Kaplan–Meier, team delivery over time, meetings per month, pair
    engagement, topic coverage), each as SVG and as PNG at 1920×1080 and
    3840×2160 (@2x), in DIR/charts/;
  * DIR/review.html (the charts' SVGs inline, headline figures, quiet
    pairings) and DIR/review.pdf (matplotlib's PdfPages: a summary page, one
    page per chart, the quiet pairings).

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
    fig.text(0.05, 0.955, title, fontsize=28, weight="bold", color=INK, va="top")
    fig.text(0.05, 0.895, textwrap.fill(subtitle, 150), fontsize=16, color=MUTED, va="top")
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
stems = ["01-satisfaction-by-item", "02-satisfaction-answers", "03-enps", "04-ramp-up", "05-retention",
         "06-team-delivery", "07-meetings-per-month", "08-pair-engagement", "09-topic-coverage"]
makers = [sat_items, sat_distribution, enps_chart, ramp_chart, retention_chart, delivery_chart,
          per_month_chart, pairs_chart, topics_chart]
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
