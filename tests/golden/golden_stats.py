"""Golden values for src/stats, computed independently with SciPy and lifelines.

Regenerate (from the repository root):
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy scipy pandas lifelines
    /tmp/venv/bin/python tests/golden/golden_stats.py > tests/golden/stats_golden.json

Each case holds its inputs and the reference outputs; `src/stats/mod.rs`
tests assert every value to 1e-9 relative.
"""
import json
import math
import sys

import numpy as np
import scipy
import lifelines
from scipy import stats
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test

rng = np.random.default_rng(20251122)


def num(x):
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x


def two_sample(name, before, after):
    before = [float(v) for v in before]
    after = [float(v) for v in after]
    out = {"name": name, "before": before, "after": after}
    r = stats.ttest_ind(after, before, equal_var=False)
    ci = r.confidence_interval(0.95)
    out["welch"] = {"t": num(r.statistic), "df": num(r.df), "p": num(r.pvalue), "ci": [num(ci.low), num(ci.high)]}
    nb, na = len(before), len(after)
    pooled = math.sqrt(((nb - 1) * np.var(before, ddof=1) + (na - 1) * np.var(after, ddof=1)) / (nb + na - 2))
    out["cohens_d"] = num((np.mean(after) - np.mean(before)) / pooled) if pooled > 0 else None
    m = stats.mannwhitneyu(before, after, alternative="two-sided", method="asymptotic", use_continuity=True)
    out["mann_whitney"] = {"u": num(m.statistic), "p": num(m.pvalue)}
    return out


def paired(name, diffs):
    diffs = [float(v) for v in diffs]
    r = stats.ttest_1samp(diffs, 0.0)
    ci = r.confidence_interval(0.95)
    return {"name": name, "diffs": diffs, "t": num(r.statistic), "df": num(r.df), "p": num(r.pvalue),
            "ci": [num(ci.low), num(ci.high)], "mean": float(np.mean(diffs))}


def survival(name, ta, ea, tb, eb):
    out = {"name": name, "a": {"t": [float(x) for x in ta], "e": [bool(x) for x in ea]},
           "b": {"t": [float(x) for x in tb], "e": [bool(x) for x in eb]}}
    for key, t, e in (("a", ta, ea), ("b", tb, eb)):
        kmf = KaplanMeierFitter().fit(t, e)
        sf = kmf.survival_function_["KM_estimate"]
        ci = kmf.confidence_interval_
        times = sorted(set(float(x) for x in t))
        out[key]["times"] = times
        out[key]["survival"] = [float(sf.loc[x]) for x in times]
        out[key]["lower"] = [float(ci.iloc[:, 0].loc[x]) if "lower" in ci.columns[0] else float(ci.iloc[:, 1].loc[x]) for x in times]
        out[key]["upper"] = [float(ci.iloc[:, 1].loc[x]) if "upper" in ci.columns[1] else float(ci.iloc[:, 0].loc[x]) for x in times]
        out[key]["median"] = num(kmf.median_survival_time_)
        out[key]["s365"] = float(kmf.survival_function_at_times(365.0).iloc[0])
    r = logrank_test(ta, tb, event_observed_A=ea, event_observed_B=eb)
    out["logrank"] = {"chi2": num(r.test_statistic), "p": num(r.p_value)}
    return out


cases = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__, "lifelines": lifelines.__version__},
         "two_sample": [], "paired": [], "survival": []}
for n1, n2, shift in [(30, 40, 0.5), (8, 5, 0.0), (200, 150, 0.2), (3, 2, 1.0)]:
    cases["two_sample"].append(two_sample(f"normal {n1}/{n2}", rng.normal(3, 1, n1).round(6), rng.normal(3 + shift, 1.3, n2).round(6)))
for n1, n2 in [(50, 60), (12, 9)]:
    cases["two_sample"].append(two_sample(f"likert ties {n1}/{n2}", rng.integers(1, 6, n1), rng.integers(2, 6, n2)))
cases["two_sample"].append(two_sample("equal means", [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]))
for n in [2, 3, 25, 120]:
    cases["paired"].append(paired(f"paired n={n}", rng.normal(0.3, 0.8, n).round(6)))
cases["paired"].append(paired("likert paired ties", (rng.integers(1, 6, 40) - rng.integers(1, 6, 40)) / 4.0))

def surv(n, scale, censor_p):
    t = rng.exponential(scale, n).round(0)
    e = rng.random(n) > censor_p
    return t, e

ta, ea = surv(60, 60, 0.3)
tb, eb = surv(80, 90, 0.4)
cases["survival"].append(survival("exponential with censoring", ta, ea, tb, eb))
ta, ea = surv(15, 300, 0.2)
tb, eb = surv(12, 500, 0.1)
ta[0], ea[0] = 365.0, True
tb[0], eb[0] = 365.0, True
cases["survival"].append(survival("events at exactly 365 and heavy ties", ta, ea, tb, eb))
cases["survival"].append(survival("one group all censored", [10, 20, 30, 40], [False] * 4, [5, 15, 25, 35, 45], [True, True, False, True, True]))
cases["survival"].append(survival("same times both groups", [1, 1, 2, 2, 3, 3], [True] * 6, [1, 2, 2, 3, 3, 4], [True, False, True, True, False, True]))
json.dump(cases, sys.stdout, indent=1)
print()
