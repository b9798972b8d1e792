"""Independent reference values for the M6/M7 estimators in `src/stats/`:
stratified Cox PH with Efron ties and its proportional-hazards test
(lifelines), OLS with HC3 and cluster-robust errors (statsmodels), Holm
(statsmodels), Kruskal–Wallis (SciPy) and the minimum detectable effects
(the METRICS.md formulas, in NumPy).

Every case carries its inputs, so the Rust tests feed the same numbers to
the code under test. Cases include the degenerate ones the code must answer
with `null` (a reason), never a number: no stratum with both groups, perfect
separation, a single cluster, collinear covariates, a row with leverage 1.

Regenerate (from the repository root):
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install -r tests/golden/requirements.txt
    /tmp/venv/bin/python tests/golden/golden_stats_m6.py tests/golden/stats_m6_golden.json
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm
from lifelines import CoxPHFitter
from lifelines.statistics import proportional_hazard_test
from scipy import stats
from statsmodels.stats.multitest import multipletests

Z975 = 1.959963984540054
Z80 = 0.8416212335729143


def num(x):
    if x is None:
        return None
    x = float(x)
    return x if np.isfinite(x) else None


# ---------------------------------------------------------------- Cox


def cox_case(name, time, event, x, team, level):
    df = pd.DataFrame({"T": np.asarray(time, float), "E": np.asarray(event, int),
                       "mentored": np.asarray(x, float), "team": team, "level": level})
    case = {"name": name, "time": [float(t) for t in time], "event": [bool(e) for e in event],
            "x": [float(v) for v in x], "team": list(team), "level": list(level)}
    result = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a ConvergenceWarning means no finite estimate
            cph = CoxPHFitter()
            cph.fit(df, duration_col="T", event_col="E", strata=["team", "level"],
                    fit_options={"precision": 1e-13, "r_precision": 1e-16, "max_steps": 1000})
            beta = float(cph.params_["mentored"])
            se = float(cph.standard_errors_["mentored"])
            if not np.isfinite(se) or se > 1e3 or abs(beta) > 30:
                raise ValueError("no finite estimate")
            ph = proportional_hazard_test(cph, df, time_transform="rank")
            result = {
                "beta": beta,
                "se": se,
                "hazard_ratio": float(np.exp(beta)),
                "ci_low": float(np.exp(beta - Z975 * se)),
                "ci_high": float(np.exp(beta + Z975 * se)),
                "p": float(cph.summary.loc["mentored", "p"]),
                "ph_test_p": num(np.asarray(ph.p_value).ravel()[0]),
            }
    except Exception as e:  # noqa: BLE001 — every failure is a null here
        result = None
        case["lifelines_says"] = type(e).__name__
    case["expected"] = result
    return case


def cox_cases(rng):
    out = []
    # Ordinary: six strata, integer days (ties), a real effect.
    n = 300
    team = rng.choice(["Data", "Mobile", "Platform"], n)
    level = rng.choice(["L1", "L2"], n)
    x = rng.integers(0, 2, n)
    base = np.where(level == "L1", 90.0, 50.0)
    t = np.ceil(rng.exponential(base / np.exp(0.4 * x)))
    c = np.ceil(rng.uniform(20, 200, n))
    out.append(cox_case("ordinary", np.minimum(t, c), t <= c, x, team, level))
    # Heavy ties: times from 1..8 only.
    n = 200
    team = rng.choice(["A", "B"], n)
    level = rng.choice(["L1", "L2", "L3"], n)
    x = rng.integers(0, 2, n)
    t = rng.integers(1, 9, n).astype(float)
    e = rng.random(n) < 0.6
    out.append(cox_case("heavy ties", t, e, x, team, level))
    # All event times tied: everyone who has an event has it on day 30.
    n = 60
    team = np.array(["A"] * n)
    level = rng.choice(["L1", "L2"], n)
    x = rng.integers(0, 2, n)
    e = rng.random(n) < 0.5
    t = np.where(e, 30.0, rng.integers(31, 90, n).astype(float))
    out.append(cox_case("all event times tied", t, e, x, team, level))
    # A level with no events at all, and a stratum where everyone is mentored.
    n = 240
    team = rng.choice(["A", "B"], n)
    level = rng.choice(["L1", "L2", "L3"], n)
    x = rng.integers(0, 2, n)
    x[(team == "B") & (level == "L1")] = 1
    t = np.ceil(rng.exponential(60, n))
    e = (rng.random(n) < 0.7) & (level != "L3")
    out.append(cox_case("a level without events and a one-group stratum", t, e, x, team, level))
    # A single team, levels only; a missing level is its own value.
    n = 150
    team = np.array(["Only"] * n)
    level = rng.choice(["L1", "L2", "(none)"], n)
    x = rng.integers(0, 2, n)
    t = np.ceil(rng.exponential(np.where(x == 1, 40, 60)))
    e = rng.random(n) < 0.8
    out.append(cox_case("single team", t, e, x, team, level))
    # Perfect separation: in every stratum the mentored have all the events.
    n = 80
    team = rng.choice(["A", "B"], n)
    level = np.array(["L1"] * n)
    x = np.array([1, 0] * (n // 2))
    e = x == 1
    t = np.where(e, rng.integers(1, 20, n), rng.integers(50, 90, n)).astype(float)
    out.append(cox_case("perfect separation", t, e, x, team, level))
    # No information: every stratum holds one group only.
    n = 50
    team = np.array(["A"] * 25 + ["B"] * 25)
    level = np.array(["L1"] * n)
    x = np.array([1] * 25 + [0] * 25)
    t = np.ceil(rng.exponential(30, n))
    e = rng.random(n) < 0.7
    out.append(cox_case("no stratum with both groups", t, e, x, team, level))
    # A larger, realistic case with a protective effect.
    n = 2000
    team = rng.choice(["Data", "Mobile", "Payments", "Platform", "Web"], n)
    level = rng.choice(["L1", "L2", "L3", "L4"], n, p=[0.35, 0.3, 0.2, 0.15])
    x = (rng.random(n) < np.where(np.isin(level, ["L1", "L2"]), 0.6, 0.15)).astype(int)
    hazard = np.exp(np.where(np.isin(level, ["L1", "L2"]), 0.5, 0.0) - 0.3 * x) / 365
    t = np.ceil(rng.exponential(1 / hazard))
    c = np.ceil(rng.uniform(30, 900, n))
    out.append(cox_case("realistic", np.minimum(t, c), t <= c, x, team, level))
    return out


# ---------------------------------------------------------------- OLS


def ols_case(name, y, X, cov, groups=None):
    y = np.asarray(y, float)
    X = np.asarray(X, float)
    case = {"name": name, "y": y.tolist(), "x": X.ravel().tolist(), "p": X.shape[1], "cov": cov}
    if groups is not None:
        case["groups"] = [int(g) for g in groups]
    expected = None
    try:
        rank = np.linalg.matrix_rank(X)
        if rank < X.shape[1]:
            raise ValueError("collinear")
        resid = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
        if resid @ resid <= 1e-20 * max(1.0, y @ y):
            raise ValueError("perfect fit")
        model = sm.OLS(y, X)
        if cov == "hc3":
            h = np.einsum("ij,jk,ik->i", X, np.linalg.inv(X.T @ X), X)
            if np.any(1 - h <= 1e-10):
                raise ValueError("leverage one")
            fit = model.fit(cov_type="HC3")
        else:
            if len(set(groups)) < 2:
                raise ValueError("one cluster")
            fit = model.fit(cov_type="cluster", cov_kwds={"groups": np.asarray(groups)})
        ci = fit.conf_int()
        expected = {
            "coefficients": fit.params.tolist(),
            "se": fit.bse.tolist(),
            "p": fit.pvalues.tolist(),
            "ci_low": ci[:, 0].tolist(),
            "ci_high": ci[:, 1].tolist(),
        }
    except ValueError as e:
        case["statsmodels_says"] = str(e)
    case["expected"] = expected
    return case


def ols_cases(rng):
    out = []
    # Survey-like: composite ~ after + level + team dummies.
    n = 240
    after = rng.integers(0, 2, n)
    level = rng.integers(0, 3, n)
    team = rng.integers(0, 4, n)
    X = np.column_stack([np.ones(n), after, level == 1, level == 2, team == 1, team == 2, team == 3])
    y = 3.2 + 0.3 * after + 0.2 * (level == 2) + rng.normal(0, 0.7 * (1 + after), n)
    out.append(ols_case("survey hc3", y, X, "hc3"))
    # Interrupted time series: deployments ~ after + weeks + after·weeks + teams, by team.
    teams, weeks = 6, 60
    rows = []
    for g in range(teams):
        for w in range(-30, 30):
            a = 1.0 if w >= 0 else 0.0
            rows.append((g, a, float(w)))
    g = np.array([r[0] for r in rows])
    a = np.array([r[1] for r in rows])
    w = np.array([r[2] for r in rows])
    X = np.column_stack([np.ones(len(rows)), a, w, a * w] + [(g == j).astype(float) for j in range(1, teams)])
    y = 10 + 0.05 * w + 1.5 * a + 0.02 * a * w + 2 * g + rng.normal(0, 2 + 0.3 * g, len(rows))
    out.append(ols_case("its cluster", y, X, "cluster", g))
    # A trend already rising before launch and no jump: level change ~ 0.
    y2 = 10 + 0.1 * w + 2 * g + rng.normal(0, 1, len(rows))
    out.append(ols_case("its no jump", y2, X, "cluster", g))
    # One team only: the cluster sandwich needs two clusters.
    mask = g == 0
    X1 = np.column_stack([np.ones(mask.sum()), a[mask], w[mask], (a * w)[mask]])
    out.append(ols_case("its single team", y[mask], X1, "cluster", g[mask]))
    # Collinear: every team has one level, so level and team dummies coincide.
    n = 100
    team = rng.integers(0, 3, n)
    X = np.column_stack([np.ones(n), rng.integers(0, 2, n), team == 1, team == 2, team == 1])
    out.append(ols_case("collinear", rng.normal(3, 1, n), X, "hc3"))
    # A category with a single row: its dummy has leverage 1.
    n = 50
    cat = np.zeros(n)
    cat[7] = 1
    X = np.column_stack([np.ones(n), rng.integers(0, 2, n), cat])
    out.append(ols_case("leverage one", rng.normal(3, 1, n), X, "hc3"))
    # Everyone gave the same answer: no variation to judge the estimate by.
    n = 40
    X = np.column_stack([np.ones(n), rng.integers(0, 2, n), rng.integers(0, 2, n)])
    out.append(ols_case("perfect fit", np.full(n, 4.0), X, "hc3"))
    return out


# ---------------------------------------------------------------- Holm, Kruskal, MDE


def holm_cases(rng):
    cases = []
    for name, p in [
        ("ordinary", rng.uniform(0, 0.2, 8).tolist()),
        ("ties and ones", [0.01, 0.01, 0.5, 1.0, 0.04, 0.04]),
        ("with missing", [0.03, None, 0.002, None, 0.2]),
        ("tiny", [1e-300, 1e-20, 3e-15, 0.9]),
    ]:
        present = [v for v in p if v is not None]
        adj = multipletests(present, method="holm")[1].tolist() if present else []
        it = iter(adj)
        cases.append({"name": name, "p": p, "expected": [None if v is None else next(it) for v in p]})
    return cases


def kruskal_cases(rng):
    cases = []
    for name, groups in [
        ("three groups", [rng.normal(3, 1, 20).round(1).tolist(), rng.normal(3.4, 1, 25).round(1).tolist(),
                          rng.normal(2.8, 1, 15).round(1).tolist()]),
        ("likert ties", [rng.integers(1, 6, 30).astype(float).tolist() for _ in range(4)]),
        ("two groups", [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0]]),
        ("all equal", [[2.0, 2.0], [2.0, 2.0, 2.0]]),
    ]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = stats.kruskal(*groups)
            exp = {"h": num(r.statistic), "p": num(r.pvalue)}
            if exp["h"] is None:
                exp = None
        except ValueError:
            exp = None
        cases.append({"name": name, "groups": groups, "expected": exp})
    return cases


def mde_cases():
    cases = []
    for sdb, nb, sda, na in [(0.8, 120, 0.9, 110), (1.1, 12, 0.7, 9), (0.5, 1000, 0.5, 1000)]:
        cases.append({"kind": "means", "sd_before": sdb, "n_before": nb, "sd_after": sda, "n_after": na,
                      "expected": (Z975 + Z80) * np.sqrt(sdb**2 / nb + sda**2 / na)})
    for events, q in [(40, 0.3), (400, 0.5), (7, 0.1)]:
        cases.append({"kind": "hazard", "events": events, "share": q,
                      "expected": float(np.exp((Z975 + Z80) / np.sqrt(events * q * (1 - q))))})
    return cases


def main():
    rng = np.random.default_rng(20261202)
    out = {
        "cox": cox_cases(rng),
        "ols": ols_cases(rng),
        "holm": holm_cases(rng),
        "kruskal": kruskal_cases(rng),
        "mde": mde_cases(),
        "versions": {"numpy": np.__version__, "pandas": pd.__version__,
                     "statsmodels": sm.__version__, "scipy": __import__("scipy").__version__,
                     "lifelines": __import__("lifelines").__version__},
    }
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
