//! What the rules of docs/PRIVACY.md say each skill row and each wave's
//! comments must be, computed from the privacy tests' program
//! (`privacy_program`) alone — who is in a row or wrote a comment under a
//! filter, and which rule, if any, must hide it; nothing here asks the code
//! under test — and the checks of one `analyze --json` against it.

use serde_json::Value;

use super::privacy_program::{
    comments, rated, token, tokens, unit, Filter, ANONYMOUS, AREAS, RATERS, RESPONDENTS,
};

// ---------------------------------------------------------------------
// Skills.

pub const TEAMS: [&str; 3] = ["Data", "Web", "Ops"];
pub const LEVELS: [&str; 3] = ["L1", "L2", "L3"];
pub const COHORTS: [&str; 2] = ["Spring", "Fall"];

/// The people of a skill row (area, rater) under a filter: rated in both
/// waves and in scope (0–19 mentees, 20–29 the Ops people in no pairing).
pub fn skill_people(f: &Filter, area: usize, rater: usize) -> Vec<usize> {
    (0..30)
        .filter(|&i| f.admits(i) && rated(i, area, rater))
        .collect()
}

/// The size of a skill row under a filter.
pub fn skill_n(f: &Filter, area: usize, rater: usize) -> usize {
    skill_people(f, area, rater).len()
}

/// Rule 3 of docs/PRIVACY.md for a skill row: within the team (level)
/// partition of the filter's parent, the parts with 1 to k − 1 people are
/// hidden, and with the people who have no team (level) they must not add
/// up to 1 to k − 1 people; the smallest published parts are hidden until
/// they do not. Whether this filter's part is among the hidden ones.
pub fn complementary(f: &Filter, area: usize, rater: usize, k: usize) -> bool {
    type Dim = (
        fn(&Filter) -> Option<&'static str>,
        fn(&Filter, Option<&'static str>) -> Filter,
        [&'static str; 3],
    );
    let dims: [Dim; 2] = [
        (|f| f.team, |f, v| Filter { team: v, ..*f }, TEAMS),
        (|f| f.level, |f, v| Filter { level: v, ..*f }, LEVELS),
    ];
    for (get, set, values) in dims {
        let Some(mine) = get(f) else { continue };
        let total = skill_n(&set(f, None), area, rater);
        let parts: Vec<(usize, &str)> = values
            .iter()
            .map(|v| (skill_n(&set(f, Some(v)), area, rater), *v))
            .collect();
        let known: usize = parts.iter().map(|p| p.0).sum();
        let mut gap = total - known;
        let mut hidden: Vec<&str> = Vec::new();
        for &(n, v) in &parts {
            if n > 0 && n < k {
                gap += n;
                hidden.push(v);
            }
        }
        let mut published: Vec<(usize, &str)> = parts
            .iter()
            .copied()
            .filter(|(n, v)| *n >= k && !hidden.contains(v))
            .collect();
        published.sort();
        let mut next = published.into_iter();
        while gap > 0 && gap < k {
            let Some((n, v)) = next.next() else { break };
            gap += n;
            hidden.push(v);
        }
        if hidden.contains(&mine) {
            return true;
        }
    }
    false
}

/// Rule 4 across views: the reader can open any one-filter view (a team,
/// a level, a cohort) the filter does not already set; where the row of
/// that view is at least as large and the two differ by 1 to k − 1 people
/// in all, this row is hidden.
pub fn overlap(f: &Filter, area: usize, rater: usize, k: usize) -> bool {
    let n = skill_n(f, area, rater);
    let one = |team, level, cohort| Filter {
        team,
        level,
        cohort,
    };
    let mut views: Vec<Filter> = Vec::new();
    if f.team.is_none() {
        views.extend(TEAMS.map(|t| one(Some(t), None, None)));
    }
    if f.level.is_none() {
        views.extend(LEVELS.map(|l| one(None, Some(l), None)));
    }
    if f.cohort.is_none() {
        views.extend(COHORTS.map(|c| one(None, None, Some(c))));
    }
    views.into_iter().any(|view| {
        // Those in both: this filter and the view's.
        let both = one(
            f.team.or(view.team),
            f.level.or(view.level),
            f.cohort.or(view.cohort),
        );
        let nv = skill_n(&view, area, rater);
        let shared = skill_n(&both, area, rater);
        let apart = (n - shared) + (nv - shared);
        n > 0 && nv >= n && apart > 0 && apart < k
    })
}

/// The rule that must hide a skill row, in the order docs/PRIVACY.md
/// lists them; `None` when it may be shown.
pub fn skill_rule(f: &Filter, area: usize, rater: usize, k: usize) -> Option<&'static str> {
    let n = skill_n(f, area, rater);
    if n < k {
        return Some("minimum_group");
    }
    let remainder = f.wider().iter().any(|w| {
        let m = skill_n(w, area, rater);
        m > n && m - n < k
    });
    if remainder {
        Some("remainder")
    } else if complementary(f, area, rater, k) {
        Some("complementary")
    } else if overlap(f, area, rater, k) {
        Some("overlap")
    } else {
        None
    }
}

/// The mean of some values; `None` for none.
pub fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// A figure of the output equals the one computed here (to 1e-9), or is
/// `null` where there is nothing to compute.
pub fn close(got: &Value, want: Option<f64>, what: &str) {
    match want {
        Some(w) => {
            let g = got.as_f64().unwrap_or(f64::NAN);
            assert!((g - w).abs() < 1e-9, "{what}: {g} ≠ {w}");
        }
        None => assert!(got.is_null(), "{what}: {got} shown, nothing to show"),
    }
}

/// Every figure a skill row carries besides its n, area, rater and waves.
const SKILL_FIGURES: [&str; 12] = [
    "mean_before",
    "mean_after",
    "mean_change",
    "ci95",
    "p",
    "p_holm",
    "n_mentored",
    "n_not_mentored",
    "mean_change_mentored",
    "mean_change_not_mentored",
    "mentored_vs_not_p",
    "coverage",
];
/// The mentored / not-mentored figures of a skill row.
const SPLIT_FIGURES: [&str; 3] = [
    "mean_change_mentored",
    "mean_change_not_mentored",
    "mentored_vs_not_p",
];

/// The rules the output's suppression list names for one place.
pub fn listed(a: &Value, place: &str) -> Vec<String> {
    a["suppressions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["where"] == place)
        .map(|s| s["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Checks the skill rows of one `analyze --json` against the data; returns
/// (row size, the rule that hid it) for each row.
pub fn check_skills(a: &Value, f: &Filter, k: usize) -> Vec<(usize, Option<&'static str>)> {
    let rows = a["skills"].as_array().unwrap();
    let mut seen = Vec::new();
    for (area, area_name) in AREAS.iter().enumerate() {
        for (rater, rater_name) in RATERS.iter().enumerate() {
            let ctx = format!("{f:?}, k = {k}, {area_name} by {rater_name}");
            let people = skill_people(f, area, rater);
            let n = people.len();
            let row = rows
                .iter()
                .find(|r| r["area"] == *area_name && r["rater"] == *rater_name);
            let Some(row) = row else {
                assert_eq!(n, 0, "{ctx}: no row for {n} people");
                continue;
            };
            assert_eq!(row["n"], n, "{ctx}: {row}");
            assert_eq!(row["before_wave"], "pre", "{ctx}");
            assert_eq!(row["after_wave"], "post", "{ctx}");
            let place = format!("skills · {area_name} · rated by {rater_name}");
            let rule = skill_rule(f, area, rater, k);
            seen.push((n, rule));
            assert_eq!(
                row["suppressed"] == true,
                rule.is_some(),
                "{ctx}: {n} people, the rules say {rule:?}: {row}; suppressions {}",
                a["suppressions"]
            );
            if let Some(rule) = rule {
                for key in SKILL_FIGURES {
                    assert!(row[key].is_null(), "{ctx}: {key} shown while hidden: {row}");
                }
                assert_eq!(
                    listed(a, &place),
                    [rule],
                    "{ctx}: the hidden row is listed with its rule"
                );
                continue;
            }
            // Shown: over at least k people, with the figures of exactly
            // these people.
            assert!(n >= k, "{ctx}: shown over {n} people");
            assert!(listed(a, &place).is_empty(), "{ctx}: shown but listed");
            let values = |post: bool| -> Vec<f64> {
                people.iter().map(|&i| unit(i, area, rater, post)).collect()
            };
            let change = |who: &[usize]| -> Vec<f64> {
                who.iter()
                    .map(|&i| unit(i, area, rater, true) - unit(i, area, rater, false))
                    .collect()
            };
            close(&row["mean_before"], mean(&values(false)), &ctx);
            close(&row["mean_after"], mean(&values(true)), &ctx);
            close(&row["mean_change"], mean(&change(&people)), &ctx);
            let (mentored, not): (Vec<usize>, Vec<usize>) =
                people.iter().partition(|&&i| i < RESPONDENTS);
            assert_eq!(row["n_mentored"], mentored.len(), "{ctx}");
            assert_eq!(row["n_not_mentored"], not.len(), "{ctx}");
            // The mentored / not-mentored figures: shown only when each
            // side holds none or at least k people.
            let small = |m: usize| m > 0 && m < k;
            let split_place = format!("{place} · mentored vs not");
            if small(mentored.len()) || small(not.len()) {
                assert_eq!(row["split_suppressed"], true, "{ctx}: {row}");
                for key in SPLIT_FIGURES {
                    assert!(row[key].is_null(), "{ctx}: {key} shown: {row}");
                }
                if mentored.len() < k {
                    assert!(row["coverage"].is_null(), "{ctx}: coverage shown: {row}");
                }
                assert_eq!(listed(a, &split_place), ["minimum_group"], "{ctx}");
            } else {
                assert_eq!(row["split_suppressed"], false, "{ctx}: {row}");
                close(
                    &row["mean_change_mentored"],
                    mean(&change(&mentored)),
                    &format!("{ctx}: mentored"),
                );
                close(
                    &row["mean_change_not_mentored"],
                    mean(&change(&not)),
                    &format!("{ctx}: not mentored"),
                );
                assert!(listed(a, &split_place).is_empty(), "{ctx}");
            }
        }
    }
    seen
}

// ---------------------------------------------------------------------
// Comments.

/// The survey rows in scope that wrote a comment in a wave.
pub fn commenters(f: &Filter, post: bool) -> Vec<usize> {
    (0..RESPONDENTS + ANONYMOUS)
        .filter(|&r| f.admits_row(r) && comments(r, post))
        .collect()
}

/// Every comment token (of both waves) found in `text`: (row, after wave).
pub fn tokens_in(text: &str) -> Vec<(usize, bool)> {
    [false, true]
        .into_iter()
        .flat_map(|post| tokens(post).into_iter().map(move |(r, t)| (r, post, t)))
        .filter(|(_, _, t)| text.contains(t.as_str()))
        .map(|(r, post, _)| (r, post))
        .collect()
}

/// Checks the comments of one `analyze --json` (parsed `a`, printed
/// `text`) against the data; returns (commenters, shown) per wave.
pub fn check_comments(
    a: &Value,
    text: &str,
    f: &Filter,
    kc: usize,
    k: usize,
) -> Vec<(usize, bool)> {
    let c = &a["comments"];
    let ctx = format!("{f:?}, k = {k}, k_comments = {kc}");
    assert_eq!(c["min_comments"], kc, "{ctx}");
    let mut out = Vec::new();
    let mut shown_waves = Vec::new();
    for (side, wave, post) in [("before", "pre", false), ("after", "post", true)] {
        let w = &c[side];
        assert_eq!(w["wave"], wave, "{ctx}");
        let who = commenters(f, post);
        let n = who.len();
        let place = format!("{wave} wave · comments · ");
        let rules: Vec<String> = a["suppressions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["where"].as_str().unwrap().starts_with(&place))
            .map(|s| s["rule"].as_str().unwrap().to_string())
            .collect();
        let remainder = f.wider().iter().any(|x| {
            let m = commenters(x, post).len();
            m > n && m - n < kc
        });
        let hidden = w["suppressed"] == true;
        out.push((n, !hidden));
        if n < kc {
            assert!(hidden, "{ctx}: {wave}: {n} commenters, shown: {w}");
            assert_eq!(rules, ["comment_threshold"], "{ctx}: {wave}");
        } else if remainder {
            assert!(hidden, "{ctx}: {wave}: the remainder rule applies: {w}");
            assert_eq!(rules, ["remainder"], "{ctx}: {wave}");
        } else if hidden {
            // Another rule (complementary, overlap, an identical wider
            // group hidden): named.
            assert_eq!(rules.len(), 1, "{ctx}: {wave}: hidden with {rules:?}");
            assert_ne!(rules[0], "comment_threshold", "{ctx}: {wave}: {n} ≥ {kc}");
        }
        if hidden {
            // No count, no terms, no quotes.
            assert!(w["n"].is_null(), "{ctx}: {wave}: n shown: {w}");
            assert!(w["top_terms"].is_null(), "{ctx}: {wave}: terms: {w}");
            assert_eq!(w["quotes"].as_array().unwrap().len(), 0, "{ctx}: {w}");
            assert_eq!(c["suppressed"], true, "{ctx}");
            continue;
        }
        shown_waves.push(post);
        assert!(
            rules.is_empty(),
            "{ctx}: {wave}: shown but listed {rules:?}"
        );
        assert_eq!(w["n"], n, "{ctx}: {wave}");
        assert!(n >= kc, "{ctx}: {wave}: shown over {n} commenters");
        // Every comment has "Mauvewhistle": its count is everyone's, and no
        // term is counted over more comments than the wave has.
        let terms = w["top_terms"].as_array().unwrap();
        assert!(
            terms
                .iter()
                .any(|t| t[0].as_str().unwrap().eq_ignore_ascii_case("mauvewhistle") && t[1] == n),
            "{ctx}: {wave}: {terms:?}"
        );
        for t in terms {
            assert!(t[1].as_u64().unwrap() <= n as u64, "{ctx}: {t}");
        }
        let quotes = w["quotes"].as_array().unwrap();
        assert!(!quotes.is_empty() && quotes.len() <= 3, "{ctx}: {quotes:?}");
        for q in quotes {
            let text = q["text"].as_str().unwrap();
            let found = tokens_in(text);
            assert_eq!(found.len(), 1, "{ctx}: one comment per quote: {text}");
            let (row, in_after) = found[0];
            assert_eq!(in_after, post, "{ctx}: {wave} quotes another wave: {text}");
            assert!(who.contains(&row), "{ctx}: {wave} quotes row {row}: {text}");
            assert!(
                !text.contains("Quorvath"),
                "{ctx}: a name in a quote: {text}"
            );
        }
    }
    if shown_waves.len() < 2 {
        assert!(c["distinctive"].is_null(), "{ctx}: {}", c["distinctive"]);
    }
    // Anywhere in the output: only the words of the waves shown, and only
    // of the people in scope who wrote one.
    for (row, post) in tokens_in(text) {
        assert!(
            shown_waves.contains(&post) && commenters(f, post).contains(&row),
            "{ctx}: {} (row {row}) in the output",
            token(row, post)
        );
    }
    out
}
