# Regenerate (from the repository root; writes tests/golden/stats_golden.json):
#     python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy==2.4.6 scipy==1.17.1 pandas==2.3.3 lifelines==0.30.3
#     /tmp/venv/bin/python tests/golden/golden_stats.py tests/golden/stats_golden.json
# Versions used for the committed JSON: Python 3.11.7, numpy 2.4.6, scipy 1.17.1,
# pandas 2.3.3, lifelines 0.30.3 (also recorded in the JSON under "versions").
"""Golden values for src/stats/mod.rs, computed by SciPy and lifelines.

Every case carries its inputs and the reference outputs, so the Rust tests
need nothing but the JSON. The data are drawn from a seeded numpy Generator,
so a rerun with the same package versions writes the same file.

Where SciPy or lifelines answer with a number that the Rust module answers
with `None` (a test that is undefined: too few values, zero variance, no
events), the result is written as null and SciPy's or lifelines' own answer
is kept beside it as a string under "reference_raw", so the difference is
visible rather than hidden.
"""
import json
import math
import sys

import numpy as np
import pandas
import scipy
import lifelines
from scipy import stats
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test

SEED = 20260417
rng = np.random.default_rng(SEED)


def num(x):
    """A finite float for JSON, or None for nan/inf (JSON has neither)."""
    x = float(x)
    return x if math.isfinite(x) else None


def floats(xs):
    return [float(v) for v in xs]


# ---------------------------------------------------------------- two-sample


def welch(before, after):
    if len(before) < 2 or len(after) < 2:
        return None, "n < 2"
    se2 = np.var(before, ddof=1) / len(before) + np.var(after, ddof=1) / len(after)
    r = stats.ttest_ind(after, before, equal_var=False)
    raw = f"t={float(r.statistic)!r} df={float(r.df)!r} p={float(r.pvalue)!r}"
    if not se2 > 0:
        return None, raw
    ci = r.confidence_interval(confidence_level=0.95)
    out = {
        "diff": float(np.mean(after) - np.mean(before)),
        "t": num(r.statistic),
        "df": num(r.df),
        "p": num(r.pvalue),
        "ci": [num(ci.low), num(ci.high)],
    }
    return out, None


def cohens_d(before, after):
    nb, na = len(before), len(after)
    if nb < 2 or na < 2:
        return None
    pooled = math.sqrt(
        ((nb - 1) * np.var(before, ddof=1) + (na - 1) * np.var(after, ddof=1)) / (nb + na - 2)
    )
    if not pooled > 0:
        return None
    return float((np.mean(after) - np.mean(before)) / pooled)


def mwu(x, y):
    if len(x) == 0 or len(y) == 0:
        return None, "empty"
    r = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
    raw = f"U={float(r.statistic)!r} p={float(r.pvalue)!r}"
    # All values tied: the tie-corrected variance is 0 and the normal
    # approximation is undefined. SciPy divides by zero and clips the result
    # to p = 1.0; the Rust module answers None.
    if len(set(list(x) + list(y))) == 1:
        return None, raw
    return {"u": num(r.statistic), "p": num(r.pvalue)}, None


def two_sample(name, before, after):
    before, after = floats(before), floats(after)
    w, w_raw = welch(before, after)
    m, m_raw = mwu(before, after)
    s_b = summary(before)
    s_a = summary(after)
    case = {
        "name": name,
        "before": before,
        "after": after,
        "summary_before": s_b,
        "summary_after": s_a,
        "welch": w,
        "cohens_d": cohens_d(before, after),
        "mann_whitney": m,
    }
    raw = {k: v for k, v in (("welch", w_raw), ("mann_whitney", m_raw)) if v is not None}
    if raw:
        case["reference_raw"] = raw
    return case


def summary(x):
    if len(x) == 0:
        return None
    return {
        "n": len(x),
        "mean": float(np.mean(x)),
        "sd": num(np.std(x, ddof=1)) if len(x) >= 2 else None,
    }


# ------------------------------------------------------------------- paired


def paired(name, before, after):
    before, after = np.asarray(floats(before)), np.asarray(floats(after))
    diffs = after - before
    case = {"name": name, "before": floats(before), "after": floats(after), "diffs": floats(diffs)}
    if len(diffs) < 2 or not np.std(diffs, ddof=1) > 0:
        r = stats.ttest_rel(after, before) if len(diffs) >= 1 else None
        case["result"] = None
        if r is not None:
            case["reference_raw"] = {"ttest_rel": f"t={float(r.statistic)!r} p={float(r.pvalue)!r}"}
        return case
    r = stats.ttest_rel(after, before)
    one = stats.ttest_1samp(diffs, 0.0)
    # ttest_rel and ttest_1samp on the differences are the same test; a
    # mismatch would mean the reference itself is in doubt.
    assert math.isclose(float(r.statistic), float(one.statistic), rel_tol=1e-12)
    ci = r.confidence_interval(confidence_level=0.95)
    case["result"] = {
        "n": int(len(diffs)),
        "mean_diff": float(np.mean(diffs)),
        "t": num(r.statistic),
        "df": num(r.df),
        "p": num(r.pvalue),
        "ci": [num(ci.low), num(ci.high)],
    }
    return case


# ----------------------------------------------------------------- survival


def km(durations, observed):
    durations, observed = floats(durations), [bool(e) for e in observed]
    k = KaplanMeierFitter().fit(durations, event_observed=observed)
    table = k.event_table
    # lifelines adds a row at time 0 (or the earliest entry) with nobody
    # leaving; the Rust table has one row per time someone actually left.
    table = table[table["removed"] > 0]
    times = [float(t) for t in table.index]
    sf = k.survival_function_.iloc[:, 0]
    ci = k.confidence_interval_
    median = float(k.median_survival_time_)
    queries = sorted(set([0.0, 1.0, 364.0, 364.5, 365.0, 365.5, 366.0, max(durations) + 1.0] + times))
    queries = [q for q in queries if q >= 0.0]
    predicted = k.predict(queries)
    return {
        "t": durations,
        "e": observed,
        "times": times,
        "at_risk": [int(v) for v in table["at_risk"]],
        "events": [int(v) for v in table["observed"]],
        "censored": [int(v) for v in table["censored"]],
        "survival": [float(sf.loc[t]) for t in times],
        "lower": [float(ci.iloc[:, 0].loc[t]) for t in times],
        "upper": [float(ci.iloc[:, 1].loc[t]) for t in times],
        "median": median if math.isfinite(median) else None,
        "s365": float(k.predict(365.0)),
        "survival_at": [[float(q), float(s)] for q, s in zip(queries, predicted)],
    }


def logrank_variance(ta, ea, tb, eb):
    """Hypergeometric variance of O - E for group a, summed over event times.

    Only used to decide when the Rust module answers None (variance 0);
    the numbers themselves come from lifelines.
    """
    ta, ea, tb, eb = map(np.asarray, (ta, ea, tb, eb))
    v = 0.0
    for t in np.unique(np.concatenate([ta, tb])):
        na, nb = np.sum(ta >= t), np.sum(tb >= t)
        n = na + nb
        d = np.sum((ta == t) & ea) + np.sum((tb == t) & eb)
        if d > 0 and n > 1:
            v += d * (na / n) * (nb / n) * (n - d) / (n - 1)
    return v


def survival(name, ta, ea, tb, eb):
    case = {"name": name, "a": km(ta, ea), "b": km(tb, eb)}
    r = logrank_test(floats(ta), floats(tb), event_observed_A=list(ea), event_observed_B=list(eb))
    if logrank_variance(ta, ea, tb, eb) > 0:
        case["logrank"] = {"chi2": num(r.test_statistic), "p": num(r.p_value)}
    else:
        case["logrank"] = None
        case["reference_raw"] = {
            "logrank": f"chi2={float(r.test_statistic)!r} p={float(r.p_value)!r}"
        }
    return case


# -------------------------------------------------------------------- cases


def main():
    two = []
    two.append(two_sample("normal 30 vs 30", rng.normal(50, 10, 30), rng.normal(55, 10, 30)))
    two.append(two_sample("normal 12 vs 40 unequal sd", rng.normal(3, 0.5, 12), rng.normal(3.4, 1.8, 40)))
    two.append(two_sample("normal 200 vs 150", rng.normal(0, 1, 200), rng.normal(0.1, 1.2, 150)))
    two.append(two_sample("normal 5 vs 8", rng.normal(10, 2, 5), rng.normal(12, 3, 8)))
    two.append(two_sample("normal on a large offset", rng.normal(1e4, 1, 25), rng.normal(1e4 + 0.5, 1, 25)))
    two.append(two_sample("after lower than before", rng.normal(8, 2, 20), rng.normal(6, 2, 22)))
    two.append(two_sample("likert 40 vs 35 heavy ties", rng.integers(1, 6, 40), rng.integers(2, 6, 35)))
    two.append(two_sample("likert 10 vs 10", rng.integers(1, 6, 10), rng.integers(1, 6, 10)))
    two.append(two_sample("likert 3-level 60 vs 60", rng.integers(3, 6, 60), rng.integers(3, 6, 60)))
    two.append(two_sample("equal means, same values", [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]))
    two.append(two_sample("equal means, different spread", [2, 4, 6, 8], [4, 5, 5, 6]))
    two.append(two_sample("n 2 vs 2", [1.0, 2.0], [3.0, 5.0]))
    two.append(two_sample("n 2 vs 3", [1.5, 2.5], [2.0, 4.0, 9.0]))
    two.append(two_sample("n 3 vs 3", [4.0, 5.0, 7.0], [6.0, 8.0, 8.5]))
    two.append(two_sample("n 1 vs 4", [3.0], [1.0, 2.0, 4.0, 5.0]))
    two.append(two_sample("one group constant", [3.0, 3.0, 3.0], [1.0, 4.0, 6.0, 2.0]))
    two.append(two_sample("both constant, different", [2.0, 2.0, 2.0], [5.0, 5.0, 5.0, 5.0]))
    two.append(two_sample("all tied", [3.0, 3.0, 3.0], [3.0, 3.0]))
    two.append(two_sample("complete separation", [1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12, 13]))

    pairs = []
    for n in (2, 3, 10, 50):
        b = rng.normal(60, 12, n)
        pairs.append(paired(f"normal n={n}", b, b + rng.normal(3, 6, n)))
    b = rng.integers(1, 6, 30)
    pairs.append(paired("likert n=30 heavy ties", b, np.clip(b + rng.integers(-1, 3, 30), 1, 5)))
    pairs.append(paired("mean difference zero", [1, 2, 3, 4], [2, 1, 5, 2]))
    pairs.append(paired("negative shift", [10, 12, 11, 15, 14], [8, 9, 11, 12, 10]))
    pairs.append(paired("constant difference", [1, 2, 3], [2, 3, 4]))
    pairs.append(paired("single pair", [1.0], [2.0]))

    surv = []
    # Integer days: ties in times within and across groups.
    ta = np.ceil(rng.exponential(300, 40))
    ca = np.ceil(rng.uniform(30, 600, 40))
    tb = np.ceil(rng.exponential(450, 35))
    cb = np.ceil(rng.uniform(30, 600, 35))
    surv.append(survival("exponential days with censoring", np.minimum(ta, ca), ta <= ca, np.minimum(tb, cb), tb <= cb))
    # Continuous times: no ties.
    ta = rng.weibull(1.5, 25) * 400
    tb = rng.weibull(1.5, 30) * 550
    ca = rng.uniform(100, 700, 25)
    cb = rng.uniform(100, 700, 30)
    surv.append(survival("continuous weibull", np.minimum(ta, ca), ta <= ca, np.minimum(tb, cb), tb <= cb))
    # Coarse months: many ties, and events at the same times in both groups.
    ta = rng.integers(1, 13, 30) * 30.0
    tb = rng.integers(1, 13, 30) * 30.0
    surv.append(survival("monthly ties in both groups", ta, rng.random(30) < 0.7, tb, rng.random(30) < 0.5))
    surv.append(
        survival(
            "same event times in both groups",
            [30, 60, 60, 90, 120, 120, 180],
            [True, True, True, False, True, True, False],
            [30, 30, 60, 90, 90, 120, 200, 250],
            [True, False, True, True, True, True, False, True],
        )
    )
    surv.append(
        survival(
            "all censored in one group",
            [40, 100, 150, 200, 365, 400, 500],
            [True, True, False, True, True, False, True],
            [50, 120, 300, 365, 420],
            [False, False, False, False, False],
        )
    )
    surv.append(
        survival(
            "event at exactly 365",
            [100, 200, 365, 365, 400, 500, 730],
            [True, False, True, True, False, True, False],
            [365, 365, 366, 700],
            [True, False, True, False],
        )
    )
    surv.append(
        survival(
            "last time is an event: S reaches 0",
            [10, 20, 20, 35, 50],
            [True, False, True, True, True],
            [5, 15, 25, 60],
            [True, True, False, True],
        )
    )
    surv.append(
        survival(
            "event and censoring at the same time",
            [10, 10, 10, 20, 30, 30, 40],
            [True, False, True, False, True, False, True],
            [10, 25, 30, 30, 45],
            [False, True, True, True, False],
        )
    )
    surv.append(survival("one subject per group", [100], [True], [200], [True]))
    # S = 31/62 = 1/2 exactly in truth, a hair off in floating point.
    t62 = list(range(1, 63))
    surv.append(survival("median at exactly one half", t62, [i <= 40 for i in t62], [5, 50, 70], [True, True, False]))
    surv.append(survival("no events at all", [10, 20, 30], [False] * 3, [15, 25], [False] * 2))
    surv.append(survival("all events tied, nobody left", [10, 10], [True, True], [10], [True]))

    out = {
        "generator": "tests/golden/golden_stats.py",
        "seed": SEED,
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pandas.__version__,
            "lifelines": lifelines.__version__,
        },
        "two_sample": two,
        "paired": pairs,
        "survival": surv,
    }
    text = json.dumps(out, indent=1, allow_nan=False) + "\n"
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
