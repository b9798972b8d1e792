//! The real desktop app in a real window (Xvfb), driven through WebDriver:
//! first run, the sample program, the dashboard against the CLI, every
//! comparison and the Trends and Cohorts views against the CLI, a filter, people and pairings, the review
//! pack, a reverse-coded survey item that moves the satisfaction numbers,
//! and a CSV full of markup that must stay text. Each main view is
//! saved as a screenshot in `e2e/screenshots/`.
//!
//! Run with `e2e/run.sh` (they need a display and tauri-driver, so a plain
//! `cargo test` skips them).

use std::collections::BTreeSet;
use std::time::Duration;

use mentorscope_e2e::format::{expected_text, fixed, grouped, percent, rule_for, signed};
use mentorscope_e2e::{cli_json, json_path, App, Result, VISIBLE_TEXT_JS};
use serde_json::Value;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn min_group(cli: &Value) -> u64 {
    cli["min_group_size"].as_u64().unwrap_or(5)
}

/// Whether `analyze --json` itself withholds the number at `key`: it has
/// no value there, and an enclosing result is marked `suppressed` or the
/// item or eNPS wave was answered by someone but by fewer than the minimum
/// group size. (Counts stay visible when the estimates are withheld.)
fn withheld_by_analysis(cli: &Value, key: &str) -> bool {
    let k = min_group(cli);
    if !json_path(cli, key).is_some_and(Value::is_null) {
        return false;
    }
    let parts: Vec<&str> = key.split('.').collect();
    for i in 1..parts.len() {
        if json_path(cli, &format!("{}.suppressed", parts[..i].join(".")))
            == Some(&Value::Bool(true))
        {
            return true;
        }
    }
    let n = match parts.as_slice() {
        ["item_means", side, i] => json_path(cli, &format!("item_means.n_{side}.{i}")),
        ["enps", side] => json_path(cli, &format!("enps.n_{side}")),
        _ => None,
    };
    n.and_then(Value::as_u64).is_some_and(|n| n > 0 && n < k)
}

/// The keys of every number a comparison shows, from the shape of
/// `analyze --json` (so an item, a topic or an eNPS question the data has
/// must be on screen, and nothing else may be).
fn expected_keys(kind: &str, cli: &Value) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut add = |prefix: &str, names: &[&str]| {
        for n in names {
            keys.insert(format!("{prefix}{n}"));
        }
    };
    match kind {
        "survey" => {
            add(
                "survey_unpaired.",
                &[
                    "n_before",
                    "n_after",
                    "mean_before",
                    "mean_after",
                    "diff",
                    "sd_before",
                    "sd_after",
                    "ci95",
                    "welch_t",
                    "welch_p",
                    "mann_whitney_p",
                    "cohens_d",
                ],
            );
            add("survey_paired.", &["n_pairs", "mean_diff", "p", "ci95"]);
            let items = cli["item_means"]["items"]
                .as_array()
                .map(Vec::len)
                .unwrap_or(0);
            for i in 0..items {
                add(
                    "item_means.",
                    &[&format!("before.{i}"), &format!("after.{i}")],
                );
            }
            if !cli["enps"]["item"].is_null() {
                add("enps.", &["before", "after"]);
            }
        }
        "ramp_up" | "retention" => {
            let names: &[&str] = if kind == "ramp_up" {
                &["n", "events", "km_median_days", "naive_median_days"]
            } else {
                &["n", "exits", "retained_365"]
            };
            add(&format!("{kind}.mentored."), names);
            add(&format!("{kind}.not_mentored."), names);
            add(&format!("{kind}."), &["logrank_p"]);
        }
        "delivery" => {
            for side in ["before", "after"] {
                add(
                    &format!("delivery.{side}."),
                    &[
                        "team_weeks",
                        "deploys_per_team_week",
                        "change_failure_rate",
                        "mttr_hours_median",
                    ],
                );
            }
            add(
                "delivery.",
                &[
                    "deploys_relative_change",
                    "change_failure_rate_relative_change",
                    "mttr_relative_change",
                    "deploys_mann_whitney_p",
                ],
            );
        }
        "engagement" => {
            add(
                "engagement.",
                &[
                    "meetings",
                    "hours",
                    "pairs",
                    "meetings_per_pair",
                    "active_pairs",
                    "active_pairs_met_last_30d",
                ],
            );
            for t in cli["engagement"]["top_topics"]
                .as_object()
                .into_iter()
                .flatten()
            {
                keys.insert(format!("engagement.top_topics.{}", t.0));
            }
        }
        _ => {}
    }
    keys
}

/// Every number of a comparison, read as a person reads it: the visible
/// text of each keyed cell equals `analyze --json`'s value written by the
/// rules in `format`; a number the window withholds says so (marked, with
/// its reason) and the analysis withholds it too; a number the analysis
/// withholds is never shown as a plain "—". The keys on screen are exactly
/// the ones the analysis has. Returns (cells checked, of them withheld).
async fn check_numbers(app: &App, cli: &Value, kind: &str, view: &str) -> Result<(usize, usize)> {
    let cells = app
        .js(
            &format!(
                "{VISIBLE_TEXT_JS}\nreturn [...document.querySelectorAll('main [data-key]')].map(e => \
                 ({{ key: e.dataset.key, values: JSON.parse(e.dataset.values || '[]'), \
                    suppressed: e.dataset.suppressed ?? null, text: visibleText(e) }}))"
            ),
            vec![],
        )
        .await?;
    // The numbers this restatement knows how to write; the views' other
    // keyed numbers (like for like, Holm, trends, cohorts, skills …) are
    // held to analyze --json value by value in tests/app_views.rs.
    let expected = expected_keys(kind, cli);
    let cells: Vec<Value> = cells
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|c| expected.contains(c["key"].as_str().unwrap_or_default()))
        .collect();
    let k = min_group(cli);
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    let mut withheld = 0;
    for c in &cells {
        let key = c["key"].as_str().unwrap_or_default();
        let text = c["text"].as_str().unwrap_or_default();
        if !seen.insert(key.to_string()) {
            errors.push(format!("`{key}` is shown twice"));
        }
        let Some(want) = json_path(cli, key) else {
            errors.push(format!("`{key}` is not in analyze --json"));
            continue;
        };
        if rule_for(key).is_none() {
            errors.push(format!(
                "`{key}`: no formatting rule in e2e/src/format.rs (add one)"
            ));
            continue;
        }
        let by_analysis = withheld_by_analysis(cli, key);
        match c["suppressed"].as_str() {
            Some(reason) => {
                withheld += 1;
                if text != format!("hidden (fewer than {k})") {
                    errors.push(format!("`{key}` is marked withheld but reads “{text}”"));
                }
                if !reason.contains(&k.to_string()) {
                    errors.push(format!("`{key}` is withheld for “{reason}”, which does not name the minimum of {k}"));
                }
                if !by_analysis {
                    errors.push(format!("`{key}` is hidden in the window, but analyze --json does not withhold it ({want})"));
                }
                if !want.is_null() {
                    errors.push(format!(
                        "`{key}` is withheld, yet analyze --json has its value {want}"
                    ));
                }
            }
            None => {
                if by_analysis {
                    errors.push(format!("`{key}` reads “{text}”: analyze --json withholds it, the window must say so"));
                }
                let expect = expected_text(key, want, cli)
                    .unwrap_or_else(|| format!("(cannot write {want})"));
                if text != expect {
                    errors.push(format!(
                        "`{key}` reads “{text}”; analyze --json {want} is “{expect}”"
                    ));
                }
                // The machine-readable copy agrees too.
                let shown: Vec<f64> = c["values"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_f64)
                    .collect();
                let want_v: Vec<f64> = match want {
                    Value::Array(a) => a.iter().filter_map(Value::as_f64).collect(),
                    v => v.as_f64().into_iter().collect(),
                };
                if shown.len() != want_v.len()
                    || shown.iter().zip(&want_v).any(|(a, b)| !close(*a, *b))
                {
                    errors.push(format!(
                        "`{key}` carries {shown:?}, analyze --json {want_v:?}"
                    ));
                }
            }
        }
    }
    let missing: Vec<_> = expected.difference(&seen).collect();
    let extra: Vec<_> = seen.difference(&expected).collect();
    if !missing.is_empty() {
        errors.push(format!("not on screen: {missing:?}"));
    }
    if !extra.is_empty() {
        errors.push(format!("on screen but not expected: {extra:?}"));
    }
    if !errors.is_empty() {
        return Err(format!("{view}:\n  {}", errors.join("\n  ")).into());
    }
    assert_eq!(cells.len(), expected.len(), "{view}: cells checked");
    println!(
        "{view}: {} numbers read and checked ({withheld} withheld)",
        cells.len()
    );
    Ok((cells.len(), withheld))
}

/// The verdict of a comparison, word for word.
async fn check_verdict(app: &App, cli: &Value, kind: &str) -> Result<()> {
    let shown = app
        .js(
            &format!(
                "{VISIBLE_TEXT_JS}\nconst v = document.querySelector('[data-test=verdict]'); \
                 return {{ headline: visibleText(v.querySelector('.verdict-headline')), \
                 caveats: [...v.querySelectorAll('.caveats li')].map(visibleText) }}"
            ),
            vec![],
        )
        .await?;
    // Trends and Cohorts describe rather than judge: their words come from
    // report::findings (tests/app_views.rs holds them to the analysis).
    if matches!(kind, "trends" | "cohorts") {
        return Ok(());
    }
    let v = &cli["verdicts"][kind];
    let headline = v["headline"]
        .as_str()
        .unwrap_or("There is not enough data for this comparison yet.");
    assert_eq!(shown["headline"], headline, "{kind}: verdict");
    let caveats = v["caveats"].as_array().cloned().unwrap_or_default();
    assert_eq!(shown["caveats"], Value::Array(caveats), "{kind}: caveats");
    Ok(())
}

fn outcome_label(outcome: &str) -> &'static str {
    match outcome {
        "improved" => "Improved",
        "worsened" => "Worsened",
        "no_clear_difference" => "No clear difference",
        "too_few" => "Too few to tell",
        "no_data" => "No data yet",
        "descriptive" => "Activity",
        _ => "See details",
    }
}

/// The card's closing line: the verdict's last clause, capitalised.
fn how_sure(headline: &str) -> String {
    match headline.rsplit_once("; ") {
        Some((_, tail)) if tail.len() > 12 => {
            let mut c = tail.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        _ => headline.to_string(),
    }
}

/// People in the pairing sheet, counted from the file itself: (everyone,
/// mentors, mentees), by e-mail as the file writes them.
fn participants_in(pairings_csv: &std::path::Path) -> Result<(usize, usize, usize)> {
    let text = std::fs::read_to_string(pairings_csv)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or(format!("no {name} column"))
    };
    let (m, e) = (col("Mentor Email")?, col("Mentee Email")?);
    let (mut mentors, mut mentees) = (BTreeSet::new(), BTreeSet::new());
    for l in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = l.split(',').collect();
        mentors.insert(f[m].trim().to_lowercase());
        mentees.insert(f[e].trim().to_lowercase());
    }
    let everyone = mentors.union(&mentees).count();
    Ok((everyone, mentors.len(), mentees.len()))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The six headline cards, as a person reads them, against `analyze --json`
/// (and the participant count against the pairing sheet when `people` is
/// given). Returns the number of texts compared.
async fn check_cards(
    app: &App,
    cli: &Value,
    people: Option<(usize, usize, usize)>,
) -> Result<usize> {
    let shown = app
        .js(
            &format!(
                "{VISIBLE_TEXT_JS}\nreturn Object.fromEntries([...document.querySelectorAll('[data-card]')].map(e => \
                 [e.dataset.card, {{ figure: visibleText(e.querySelector('.card-figure')), \
                   detail: visibleText(e.querySelector('.card-detail')), pill: visibleText(e.querySelector('.pill')), \
                   verdict: visibleText(e.querySelector('.card-verdict')), suppressed: e.dataset.suppressed ?? null }}]))"
            ),
            vec![],
        )
        .await?;
    let f = |p: &str| json_path(cli, p).and_then(Value::as_f64);
    let n = |p: &str| json_path(cli, p).and_then(Value::as_u64).unwrap_or(0);
    let s = |p: &str| {
        json_path(cli, p)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let k = min_group(cli);
    let mut want: Vec<(&str, &str, String)> = Vec::new();

    let pairs = n("engagement.pairs");
    match people {
        Some((everyone, mentors, mentees)) => {
            want.push(("participants", "figure", grouped(everyone as u64)));
            want.push((
                "participants",
                "detail",
                format!(
                    "{} mentees and {} mentors in {} pairings",
                    grouped(mentees as u64),
                    grouped(mentors as u64),
                    grouped(pairs)
                ),
            ));
        }
        None => {
            let detail = shown["participants"]["detail"].as_str().unwrap_or_default();
            let tail = format!(" in {} pairings", grouped(pairs));
            if !detail.ends_with(&tail) {
                return Err(format!("participants: “{detail}” does not end “{tail}”").into());
            }
        }
    }

    let quiet = cli["engagement"]["quiet_pairs"]
        .as_array()
        .map(Vec::len)
        .unwrap_or(0) as u64;
    let met = n("engagement.active_pairs_met_last_30d");
    want.push((
        "active_pairings",
        "figure",
        grouped(n("engagement.active_pairs")),
    ));
    want.push((
        "active_pairings",
        "detail",
        if quiet == 0 {
            format!("all {} met in the last 30 days", grouped(met))
        } else {
            format!(
                "{} met in the last 30 days; {} quiet",
                grouped(met),
                grouped(quiet)
            )
        },
    ));
    want.push((
        "active_pairings",
        "pill",
        if quiet > 0 {
            "Some need a nudge"
        } else {
            "Activity"
        }
        .into(),
    ));

    let as_of = s("as_of");
    let (y, m, d): (i32, usize, u32) = (
        as_of[..4].parse()?,
        as_of[5..7].parse()?,
        as_of[8..10].parse()?,
    );
    let this_month = cli["engagement"]["meetings_per_month"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|x| x["month"] == format!("{y:04}-{m:02}"))
        .and_then(|x| x["meetings"].as_u64())
        .unwrap_or(0);
    want.push(("meetings_this_month", "figure", grouped(this_month)));
    want.push((
        "meetings_this_month",
        "detail",
        format!("in {} {y} (1–{d} {})", MONTHS[m - 1], &MONTHS[m - 1][..3]),
    ));

    let survey_hidden = cli["survey_unpaired"]["suppressed"] == true;
    if survey_hidden {
        want.push(("satisfaction_change", "figure", "Hidden".into()));
        want.push((
            "satisfaction_change",
            "detail",
            format!("fewer than {k} respondents in a wave, so results are not shown"),
        ));
    } else if let (Some(diff), Some(b), Some(a)) = (
        f("survey_unpaired.diff"),
        f("survey_unpaired.mean_before"),
        f("survey_unpaired.mean_after"),
    ) {
        want.push(("satisfaction_change", "figure", signed(diff, 2)));
        want.push((
            "satisfaction_change",
            "detail",
            format!(
                "{} → {} out of 5 ({} → {} responses)",
                fixed(b, 2),
                fixed(a, 2),
                grouped(n("survey_unpaired.n_before")),
                grouped(n("survey_unpaired.n_after"))
            ),
        ));
    }
    let marked = shown["satisfaction_change"]["suppressed"].as_str();
    if survey_hidden != marked.is_some_and(|r| r.contains(&k.to_string())) {
        return Err(format!(
            "satisfaction card: analyze --json suppressed = {survey_hidden}, the card is marked {marked:?}"
        )
        .into());
    }

    let labels = |kind: &str, i: usize| s(&format!("{kind}.group_labels.{i}")).to_lowercase();
    let days = |x: Option<f64>| {
        x.map(|x| format!("{} days", fixed(x, 0)))
            .unwrap_or_else(|| "not reached".into())
    };
    let (rm, rn) = (
        f("ramp_up.mentored.km_median_days"),
        f("ramp_up.not_mentored.km_median_days"),
    );
    if let (Some(a), Some(b)) = (rm, rn) {
        want.push((
            "ramp_up_change",
            "figure",
            format!("{} days", signed(a - b, 0)),
        ));
    }
    // The like-for-like hazard ratio follows the raw figures when there is
    // one: "; like for like, hazard ratio 1.24 (0.85–1.80)".
    let like_for_like = |root: &str| match (
        f(&format!("{root}.adjusted.hazard_ratio")),
        f(&format!("{root}.adjusted.ci95.0")),
        f(&format!("{root}.adjusted.ci95.1")),
    ) {
        (Some(h), Some(lo), Some(hi)) => {
            format!("; like for like, hazard ratio {h:.2} ({lo:.2}–{hi:.2})")
        }
        _ => String::new(),
    };
    want.push((
        "ramp_up_change",
        "detail",
        format!(
            "median {} ({}) vs {} ({}){}",
            days(rm),
            labels("ramp_up", 0),
            days(rn),
            labels("ramp_up", 1),
            like_for_like("ramp_up")
        ),
    ));
    let (tm, tn) = (
        f("retention.mentored.retained_365"),
        f("retention.not_mentored.retained_365"),
    );
    if let (Some(a), Some(b)) = (tm, tn) {
        want.push((
            "retention_change",
            "figure",
            format!("{} pts", signed((a - b) * 100.0, 0)),
        ));
    }
    let share = |x: Option<f64>| x.map(percent).unwrap_or_else(|| "—".into());
    want.push((
        "retention_change",
        "detail",
        format!(
            "{} ({}) vs {} ({}) still here after a year{}",
            share(tm),
            labels("retention", 0),
            share(tn),
            labels("retention", 1),
            like_for_like("retention")
        ),
    ));
    for (card, kind) in [
        ("satisfaction_change", "survey"),
        ("ramp_up_change", "ramp_up"),
        ("retention_change", "retention"),
    ] {
        let v = &cli["verdicts"][kind];
        want.push((
            card,
            "pill",
            outcome_label(v["outcome"].as_str().unwrap_or("no_data")).into(),
        ));
        want.push((
            card,
            "verdict",
            how_sure(v["headline"].as_str().unwrap_or_default()),
        ));
    }

    let cards = shown.as_object().map(|o| o.len()).unwrap_or(0);
    if cards != 6 {
        return Err(format!("{cards} cards on the dashboard, not 6: {shown}").into());
    }
    let mut errors = Vec::new();
    for (card, part, text) in &want {
        let got = shown[*card][*part].as_str().unwrap_or("(missing)");
        if got != text {
            errors.push(format!(
                "card {card} {part}: reads “{got}”, expected “{text}”"
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\n").into());
    }

    // The verdict list under the cards, word for word.
    let verdicts = app
        .js(
            &format!(
                "{VISIBLE_TEXT_JS}\nreturn Object.fromEntries([...document.querySelectorAll('[data-verdict]')].map(e => \
                 [e.dataset.verdict, {{ headline: visibleText(e.querySelector('.verdict-headline')), \
                   caveats: [...e.querySelectorAll('.caveats li')].map(visibleText) }}]))"
            ),
            vec![],
        )
        .await?;
    for kind in ["survey", "ramp_up", "retention", "delivery", "engagement"] {
        let v = &cli["verdicts"][kind];
        assert_eq!(
            verdicts[kind]["headline"], v["headline"],
            "dashboard verdict {kind}"
        );
        assert_eq!(
            verdicts[kind]["caveats"], v["caveats"],
            "dashboard caveats {kind}"
        );
    }
    println!(
        "dashboard: {} card texts and 5 verdicts read and checked",
        want.len()
    );
    Ok(want.len())
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn sample_program_dashboard_comparisons_filter_people_and_pack() -> Result<()> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let app = App::start(&db, work.path()).await?;

    // First run: the empty state offers the sample program.
    app.find("[data-test='load-sample']").await?;
    app.wait_view("welcome").await?;
    println!("launch to interactive (empty): {:?}", app.started.elapsed());
    app.screenshot("01-welcome").await?;

    app.click("[data-test='load-sample']").await?;
    app.wait_view("dashboard").await?;
    app.screenshot("02-dashboard").await?;

    let cli = cli_json(&db, &["analyze", "--json"])?;
    let sample = mentorscope_e2e::repo_root().join("sample-data/pairings.csv");
    let people = participants_in(&sample)?;
    let card_texts = check_cards(&app, &cli, Some(people)).await?;
    assert_eq!(card_texts, 19, "card texts checked");

    let mut total = 0;
    for (nav, kind) in [
        ("nav-survey", "survey"),
        ("nav-ramp_up", "ramp_up"),
        ("nav-retention", "retention"),
        ("nav-delivery", "delivery"),
        ("nav-engagement", "engagement"),
        ("nav-trends", "trends"),
        ("nav-cohorts", "cohorts"),
    ] {
        app.nav(nav, &format!("compare/{kind}")).await?;
        app.wait_images().await?;
        check_verdict(&app, &cli, kind).await?;
        let (n, withheld) = check_numbers(&app, &cli, kind, kind).await?;
        assert_eq!(
            withheld, 0,
            "{kind}: nothing is withheld at the default group size"
        );
        total += n;
        app.screenshot(&format!("03-compare-{kind}")).await?;
        app.js(
            "document.querySelector('.numbers').scrollIntoView()",
            vec![],
        )
        .await?;
        app.screenshot(&format!("03-compare-{kind}-numbers"))
            .await?;
    }
    // Skills and comments are tables so far (no charts): each view opens on
    // the sample program with its tables.
    for kind in ["skills", "comments"] {
        app.nav(&format!("nav-{kind}"), &format!("compare/{kind}"))
            .await?;
        app.wait_js(
            &format!("{kind} tables"),
            "return document.querySelectorAll('.numbers table').length",
            |v| v.as_u64().unwrap_or(0) > 0,
        )
        .await?;
        app.screenshot(&format!("03-compare-{kind}")).await?;
    }
    // The sample program: 28 survey numbers (16 + 5 questions × 2 + eNPS × 2),
    // 9 ramp-up, 7 retention, 12 delivery, 16 engagement (6 + 10 topics).
    assert_eq!(total, 72, "numbers checked across the comparisons");

    // A control of one comparison: the "after" wave and the group size.
    app.nav("nav-survey", "compare/survey").await?;
    let min_group = app.find("[data-test='control-min-group']").await?;
    min_group.clear().await?;
    min_group.send_keys("1000\u{E007}").await?;
    app.wait_js(
        "suppressed survey",
        "return document.querySelector('[data-test=verdict]')?.dataset.outcome || ''",
        |v| v == "too_few" || v == "no_data",
    )
    .await?;
    let cli_k = cli_json(&db, &["analyze", "--json", "--min-group", "1000"])?;
    check_verdict(&app, &cli_k, "survey").await?;
    let (n, withheld) = check_numbers(&app, &cli_k, "survey", "survey, k = 1000").await?;
    // Only the two response counts stay: every estimate is withheld.
    assert_eq!((n, withheld), (28, 25), "survey, k = 1000");
    // The dashboard says the same, without a number.
    app.nav("nav-dashboard", "dashboard").await?;
    check_cards(&app, &cli_k, Some(people)).await?;
    app.nav("nav-survey", "compare/survey").await?;
    let min_group = app.find("[data-test='control-min-group']").await?;
    min_group.clear().await?;
    min_group.send_keys("5\u{E007}").await?;
    app.wait_js(
        "survey back",
        "return document.querySelector('[data-test=verdict]')?.dataset.outcome || ''",
        |v| v == "improved",
    )
    .await?;

    // A filter value that would leave survey figures hidden is greyed out
    // on the survey view, with its reason, as `mentorscope filters` says.
    let listed = cli_json(&db, &["filters", "--json"])?;
    let hidden_levels: Vec<String> = listed
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["dimension"] == "level" && f["available"] == false)
        .filter_map(|f| f["value"].as_str().map(str::to_string))
        .collect();
    assert!(
        !hidden_levels.is_empty(),
        "the sample has a level to grey out: {listed}"
    );
    let disabled = app
        .js(
            "return [...document.querySelectorAll(\"[data-test='filter-level'] option\")].filter(o => o.disabled).map(o => o.value)",
            vec![],
        )
        .await?;
    let disabled: Vec<String> = disabled
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(disabled, hidden_levels, "greyed-out levels");
    let note = app
        .js(
            "return document.querySelector('[data-test=filter-note]')?.textContent || ''",
            vec![],
        )
        .await?;
    let note = note.as_str().unwrap_or_default();
    assert!(
        hidden_levels.iter().all(|l| note.contains(l.as_str())) && note.contains("protect"),
        "{note}"
    );
    app.screenshot("03-compare-survey-filters-greyed").await?;

    // A filter applies everywhere: dashboard and comparison both follow it.
    app.nav("nav-dashboard", "dashboard").await?;
    let team: String = app
        .js(
            "return document.querySelector(\"[data-test='filter-team'] option:nth-child(2)\").value",
            vec![],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string();
    app.find("[data-test='filter-team']")
        .await?
        .select_by_value(&team)
        .await?;
    app.wait_js(
        "team scope",
        "return document.querySelector('[data-test=scope]')?.textContent || ''",
        |v| v.as_str().is_some_and(|s| s.contains("team ")),
    )
    .await?;
    app.wait_view("dashboard").await?;
    let cli_team = cli_json(&db, &["analyze", "--json", "--team", &team])?;
    check_cards(&app, &cli_team, None).await?;
    app.screenshot("04-dashboard-filtered").await?;
    app.nav("nav-retention", "compare/retention").await?;
    check_verdict(&app, &cli_team, "retention").await?;
    check_numbers(&app, &cli_team, "retention", "retention, one team").await?;

    // "Copy picture" puts the chart on the system clipboard (drawn in Rust;
    // the webview has no clipboard permission): read it back from here.
    app.js(
        "document.querySelector('figure.chart button[data-test=\"copy-picture\"]').click()",
        vec![],
    )
    .await?;
    app.wait_js(
        "copied toast",
        "return document.getElementById('toasts')?.textContent || ''",
        |v| v.as_str().is_some_and(|s| s.contains("Copied the")),
    )
    .await?;
    let picture = arboard::Clipboard::new()?.get_image()?;
    assert_eq!((picture.width, picture.height), (3840, 2160));
    app.click("[data-test='filter-reset']").await?;
    app.wait_js(
        "filters cleared",
        "return document.querySelector(\"[data-test='filter-team']\").value",
        |v| v == "",
    )
    .await?;

    // People and pairings: quiet pairings first and marked.
    app.nav("nav-people", "people").await?;
    app.find("[data-test='pairings-table']").await?;
    let first = app
        .js(
            "return document.querySelector('[data-test=pairings-table] tbody tr').dataset.status",
            vec![],
        )
        .await?;
    assert_eq!(first, "quiet");
    let quiet_cli = json_path(&cli, "engagement.quiet_pairs")
        .and_then(Value::as_array)
        .map(Vec::len)
        .unwrap_or(0);
    let quiet_rows = app
        .js(
            "return document.querySelectorAll('tr.row-quiet').length",
            vec![],
        )
        .await?;
    assert_eq!(quiet_rows.as_u64(), Some(quiet_cli as u64));
    app.screenshot("05-people").await?;
    app.click("[data-test='tab-people']").await?;
    app.find("[data-test='people-table']").await?;
    app.screenshot("05-people-roster").await?;
    app.click("[data-test='tab-pairings']").await?;
    app.find("[data-test='pairings-table']").await?;
    let search = app.find("[data-test='people-search']").await?;
    search.send_keys("zzzz-nobody").await?;
    app.wait_js(
        "empty search",
        "return document.querySelector('[data-test=pairings-count]')?.textContent || ''",
        |v| v == "0 pairings",
    )
    .await?;

    // The review pack, into a folder "chosen" in the dialog.
    let out = work.path().join("pack");
    app.nav("nav-pack", "pack").await?;
    app.screenshot("06-review-pack").await?;
    app.answer_dialogs_with(&[&out])?;
    app.click("[data-test='export-pack']").await?;
    app.client
        .wait()
        .at_most(Duration::from_secs(300))
        .for_element(fantoccini::Locator::Css("[data-test='pack-result']"))
        .await?;
    for f in [
        "review.html",
        "review.pdf",
        "review.pptx",
        "review.xlsx",
        "analysis.json",
        "charts/05-ramp-up.png",
        "charts/05-ramp-up.svg",
        "charts/07-raw-vs-like-for-like.png",
        "charts/12-topic-coverage.png",
        "charts/13-cohorts.svg",
    ] {
        assert!(out.join(f).is_file(), "the pack has no {f}");
    }
    app.screenshot("07-review-pack-exported").await?;

    app.nav("nav-history", "history").await?;
    app.screenshot("08-history").await?;

    // About names this build and this database, as `mentorscope about` does;
    // Definitions is docs/METRICS.md.
    app.nav("nav-about", "about").await?;
    let about = cli_json(&db, &["about", "--json"])?;
    let version = app
        .find("[data-test='about-version']")
        .await?
        .text()
        .await?;
    assert_eq!(Some(version.as_str()), about["version"].as_str());
    let shown_db = app
        .find("[data-test='about-database']")
        .await?
        .text()
        .await?;
    assert_eq!(shown_db, db.display().to_string());
    let licences = app
        .js(
            "return document.querySelectorAll(\"[data-test='about-licences'] > li\").length",
            vec![],
        )
        .await?;
    assert!(licences.as_u64().unwrap_or(0) >= 5, "{licences}");
    app.screenshot("09-about").await?;
    app.nav("nav-definitions", "definitions").await?;
    app.find("[data-test='definitions'] [data-anchor='privacy-rules']")
        .await?;
    app.screenshot("10-definitions").await?;
    app.close().await
}

/// The first launch after the command line changed the data: the window
/// may show the last launch's dashboard for a moment, marked as out of
/// date, and settles on the dashboard of the data as it is now, with the
/// notice gone.
#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn a_launch_after_a_change_outside_the_app_settles_on_the_current_dashboard() -> Result<()> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let app = App::start(&db, work.path()).await?;
    app.find("[data-test='load-sample']").await?;
    app.click("[data-test='load-sample']").await?;
    app.wait_view("dashboard").await?;
    let before = cli_json(&db, &["analyze", "--json"])?;
    app.close().await?;

    // The command line takes the follow-up survey away: the satisfaction
    // card the last launch saved no longer holds.
    let status = cli_json(&db, &["status", "--json"])?;
    let post = status["imports"]
        .as_array()
        .and_then(|all| all.iter().find(|i| i["file_name"] == "survey-post.csv"))
        .and_then(|i| i["id"].as_i64())
        .ok_or("no survey-post.csv import in the sample")?;
    mentorscope_e2e::cli(&db, &["undo", &post.to_string()])?;
    let now = cli_json(&db, &["analyze", "--json"])?;
    assert_ne!(
        before["survey_unpaired"]["n_after"], now["survey_unpaired"]["n_after"],
        "the undo must change what the dashboard shows"
    );

    // Reading the program made to take seconds, as a large one does.
    let app = App::start_with(
        &db,
        work.path(),
        mentorscope_e2e::Theme::Light,
        &[("MENTORSCOPE_E2E_READ_DELAY_MS", "3000")],
    )
    .await?;
    let notice = app.find("[data-test='provisional']").await?;
    let why = notice.text().await?;
    assert!(why.contains("data has changed"), "{why}");
    app.screenshot("17-dashboard-provisional").await?;
    app.wait_view("dashboard").await?;
    let left = app
        .js(
            "return document.querySelectorAll(\"[data-test='provisional'], .provisional\").length",
            vec![],
        )
        .await?;
    assert_eq!(
        left.as_u64(),
        Some(0),
        "the out-of-date notice is still shown"
    );
    let sample = mentorscope_e2e::repo_root().join("sample-data/pairings.csv");
    check_cards(&app, &now, Some(participants_in(&sample)?)).await?;
    app.close().await?;
    Ok(())
}

/// The satisfaction view's composite means as shown (the values behind
/// the "Average satisfaction" cells).
async fn shown_means(app: &App) -> Result<Value> {
    app.js(
        "const v = k => JSON.parse(document.querySelector(`[data-key='${k}']`)?.dataset.values || '[]')[0] ?? null; \
         return [v('survey_unpaired.mean_before'), v('survey_unpaired.mean_after')]",
        vec![],
    )
    .await
}

/// The survey items section: a reverse-coded mark flips an item and every
/// satisfaction number follows (as `analyze --json` computes it from the
/// same database); a scale the answers do not fit is refused in words and
/// the control goes back; the mark undone brings the numbers back. The
/// section is screenshotted and scanned with axe in both themes.
#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn a_reverse_coded_item_changes_the_satisfaction_numbers() -> Result<()> {
    const SUPPORTED: &str = "I feel supported in my role";
    const ENPS: &str = "How likely are you to recommend this team as a place to work? (0-10)";
    let reverse = format!("[data-test='item-reverse'][aria-label='Reverse-coded: {SUPPORTED}']");
    let enps_scale = format!("[data-test='item-scale'][aria-label='Scale: {ENPS}']");
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let app = App::start(&db, work.path()).await?;
    app.click("[data-test='load-sample']").await?;
    app.wait_view("dashboard").await?;
    app.nav("nav-survey", "compare/survey").await?;
    app.find("[data-test='survey-items']").await?;
    app.wait_images().await?;

    // Every item with how it is read; the 0–10 item cannot be flipped
    // before its scale is declared, and says why.
    let rows = app
        .js(
            "return [...document.querySelectorAll('[data-test=survey-items] tbody tr')].map(r => \
               ({ text: r.querySelector('th').textContent, cells: [...r.querySelectorAll('td')].map(td => td.textContent), \
                  flip: !r.querySelector('[data-test=item-reverse]').disabled, \
                  why: r.querySelector('[data-test=item-reverse]').getAttribute('aria-describedby'), \
                  scale: r.querySelector('[data-test=item-scale]') ? [...r.querySelectorAll('[data-test=item-scale] option')].map(o => o.textContent) : null }))",
            vec![],
        )
        .await?;
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 6, "5 agreement items and eNPS: {rows:?}");
    let row = |text: &str| {
        rows.iter()
            .find(|r| r["text"] == text)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        row(SUPPORTED)["cells"][0],
        "Agreement, 5 levels",
        "{rows:?}"
    );
    assert_eq!(row(SUPPORTED)["flip"], true);
    assert_eq!(row(ENPS)["cells"][0], "Numbers 0–10", "{rows:?}");
    assert_eq!(row(ENPS)["flip"], false);
    assert!(row(ENPS)["why"].is_string(), "{rows:?}");
    assert_eq!(
        row(ENPS)["scale"],
        serde_json::json!(["Not counted", "1–5", "1–7", "0–10", "1–10"])
    );
    app.js(
        "document.querySelector('[data-test=survey-items]').scrollIntoView()",
        vec![],
    )
    .await?;
    app.screenshot("03-compare-survey-items").await?;

    let before = shown_means(&app).await?;
    let cli = cli_json(&db, &["analyze", "--json"])?;
    assert!(close(
        before[0].as_f64().unwrap(),
        cli["survey_unpaired"]["mean_before"].as_f64().unwrap()
    ));

    // Flip it: the view is drawn again with new numbers, the box ticked and
    // still focused.
    app.click(&reverse).await?;
    let after = app
        .wait_js("the numbers after the flip", &format!(
            "const b = document.querySelector(\"{}\"); const m = (k) => JSON.parse(document.querySelector(`[data-key='${{k}}']`)?.dataset.values || '[]')[0] ?? null; \
             return b && b.checked ? [m('survey_unpaired.mean_before'), m('survey_unpaired.mean_after')] : null",
            reverse.replace('"', "\\\"")
        ), |v| v.is_array() && v != &before)
        .await?;
    app.wait_focus(&reverse).await?;
    let said = app
        .find("[data-toast='ok'] .toast-text")
        .await?
        .text()
        .await?;
    assert!(said.contains("is reverse-coded"), "{said}");
    let cli_flipped = cli_json(&db, &["analyze", "--json"])?;
    for (i, side) in ["mean_before", "mean_after"].iter().enumerate() {
        let want = cli_flipped["survey_unpaired"][side].as_f64().unwrap();
        assert!(
            close(after[i].as_f64().unwrap(), want),
            "{side}: {after} vs {want}"
        );
        assert!(
            !close(want, cli["survey_unpaired"][side].as_f64().unwrap()),
            "{side} did not move"
        );
    }
    let (n, withheld) = check_numbers(&app, &cli_flipped, "survey", "survey, flipped").await?;
    assert_eq!((n, withheld), (28, 0), "survey numbers after the flip");

    // A scale the eNPS answers (0–10) do not fit: refused in words, the
    // choice goes back, nothing changes. (The confirmation is dismissed
    // first: it sits over the scale column.)
    app.click("[data-toast='ok'] .toast-close").await?;
    app.find(&enps_scale).await?.select_by_value("1-5").await?;
    let toast = app
        .find("[data-toast='error'] .toast-text")
        .await?
        .text()
        .await?;
    assert!(toast.contains("not whole numbers from 1 to 5"), "{toast}");
    let value = app
        .wait_js(
            "the scale back",
            &format!(
                "return document.querySelector(\"{}\").value",
                enps_scale.replace('"', "\\\"")
            ),
            |v| v == "",
        )
        .await?;
    assert_eq!(value, "");
    assert_eq!(shown_means(&app).await?, after);
    app.screenshot("03-compare-survey-items-refused").await?;

    // Light and dark: nothing serious for axe in the section.
    let axe = app.axe().await?;
    let blocking: Vec<String> = axe
        .violations
        .iter()
        .filter(|v| v.blocking())
        .map(|v| v.to_string())
        .collect();
    assert!(blocking.is_empty(), "light: {}", blocking.join("\n"));

    // Undone: the numbers come back.
    app.click(&reverse).await?;
    app.wait_js("the numbers back", "return [document.querySelector(\"[data-key='survey_unpaired.mean_before']\")?.dataset.values, document.querySelector(\"[data-key='survey_unpaired.mean_after']\")?.dataset.values].map(v => JSON.parse(v || '[]')[0] ?? null)", |v| v == &before)
        .await?;
    app.close().await?;

    let dark = App::start_themed(&db, work.path(), mentorscope_e2e::Theme::Dark).await?;
    dark.wait_view("dashboard").await?;
    dark.nav("nav-survey", "compare/survey").await?;
    dark.find("[data-test='survey-items']").await?;
    // The section drawn before the click is marked, so the wait is for the
    // redrawn one (the old box is ticked at once).
    dark.js(
        "document.querySelector('[data-test=survey-items]').dataset.old = '1'",
        vec![],
    )
    .await?;
    dark.click(&reverse).await?;
    dark.wait_js(
        "ticked after the redraw",
        &format!(
            "const s = document.querySelector('[data-test=survey-items]'); \
             return !!s && !s.dataset.old && !!s.querySelector(\"{}\")?.checked",
            reverse.replace('"', "\\\"")
        ),
        |v| v == true,
    )
    .await?;
    dark.wait_images().await?;
    dark.click("[data-toast='ok'] .toast-close").await?;
    dark.js(
        "document.querySelector('[data-test=survey-items]').scrollIntoView()",
        vec![],
    )
    .await?;
    // A frame drawn after the scroll (an earlier one still shows the toast).
    tokio::time::sleep(Duration::from_millis(700)).await;
    dark.screenshot("03-compare-survey-items-dark").await?;
    let axe = dark.axe().await?;
    let blocking: Vec<String> = axe
        .violations
        .iter()
        .filter(|v| v.blocking())
        .map(|v| v.to_string())
        .collect();
    assert!(blocking.is_empty(), "dark: {}", blocking.join("\n"));
    dark.close().await
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn markup_in_a_csv_is_imported_and_shown_as_text() -> Result<()> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let files = work.path().join("exports");
    std::fs::create_dir_all(&files)?;
    let roster = files.join("roster-march.csv");
    let img = "<img src=x onerror=alert(1)>";
    let script = "<script>alert(2)</script>";
    std::fs::write(
        &roster,
        format!(
            "Employee ID,Full Name,Work Email,Department,Job Level,Hire Date\n\
             X1,{img},x1@example.com,{script},L1,2026-01-05\n\
             X2,{script},x2@example.com,Platform,L2,2026-01-06\n\
             X3,Ada Lovelace,x3@example.com,Platform,L2,13/31/2025\n"
        ),
    )?;
    let pairings = files.join("pairings.csv");
    std::fs::write(
        &pairings,
        "Mentor Email,Mentee Email,Cohort,Start Date\n\
         x2@example.com,x1@example.com,<b>bold</b>,2026-01-10\n",
    )?;

    let app = App::start(&db, work.path()).await?;
    app.find("[data-test='start-import']").await?;
    app.click("[data-test='start-import']").await?;
    app.wait_view("import").await?;
    app.screenshot("09-import-empty").await?;

    app.answer_dialogs_with(&[&pairings, &roster])?;
    app.click("[data-test='choose-files']").await?;
    app.find("[data-file='roster-march.csv']").await?;
    app.find("[data-file='pairings.csv']").await?;
    app.wait_view("import").await?;
    app.screenshot("10-import-preview").await?;

    // The preview shows the names as text.
    let cells = app
        .js(
            "return [...document.querySelectorAll('table.preview td')].map(td => td.textContent)",
            vec![],
        )
        .await?;
    let cells: Vec<&str> = cells
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(cells.contains(&img) && cells.contains(&script), "{cells:?}");

    app.click("[data-test='run-import']").await?;
    app.find("[data-test='to-dashboard']").await?;
    app.wait_view("import").await?;
    app.screenshot("11-import-report").await?;

    // The impossible date is reported with its line, column and fix, and the
    // problems can be saved as CSV.
    let report = app
        .js("return document.querySelector(\"[data-file='roster-march.csv'] .problems-table\")?.textContent || ''", vec![])
        .await?;
    let report = report.as_str().unwrap_or_default();
    assert!(report.contains("13/31/2025"), "{report}");
    let csv_dir = work.path().join("problems");
    std::fs::create_dir_all(&csv_dir)?;
    app.answer_dialogs_with(&[&csv_dir])?;
    app.click("[data-file='roster-march.csv'] [data-test='export-problems']")
        .await?;
    let csv = csv_dir.join("roster-march-problems.csv");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !csv.exists() && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let text = std::fs::read_to_string(&csv)?;
    assert!(text.contains("13/31/2025"), "{text}");

    app.click("[data-test='to-dashboard']").await?;
    app.wait_view("dashboard").await?;
    app.nav("nav-people", "people").await?;
    app.click("[data-test='tab-people']").await?;
    app.find("[data-test='people-table']").await?;
    app.screenshot("12-people-markup").await?;
    let names = app
        .js("return [...document.querySelectorAll('[data-test=people-table] .person')].map(e => e.textContent)", vec![])
        .await?;
    let names: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(names.contains(&img), "{names:?}");
    assert!(names.contains(&script), "{names:?}");
    // Nothing became markup: no image but the charts, no injected script,
    // and the team filter lists the team name as text.
    let injected = app
        .js(
            "return { imgs: document.querySelectorAll('img:not(.chart-img)').length, \
                      scripts: [...document.scripts].filter(s => !s.src).length, \
                      bold: document.querySelectorAll('main b').length, \
                      team: [...document.querySelectorAll(\"[data-test='filter-team'] option\")].map(o => o.textContent) }",
            vec![],
        )
        .await?;
    assert_eq!(injected["imgs"], 0, "{injected}");
    assert_eq!(injected["scripts"], 0, "{injected}");
    assert_eq!(injected["bold"], 0, "{injected}");
    assert!(
        injected["team"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == script),
        "{injected}"
    );
    app.click("[data-test='tab-pairings']").await?;
    app.find("[data-test='pairings-table']").await?;
    let cohort = app
        .js("return document.querySelector('[data-test=pairings-table] tbody tr td:nth-child(4)')?.textContent", vec![])
        .await?;
    assert_eq!(cohort, "<b>bold</b>");
    app.close().await
}

/// A workbook with several sheets and a Teams attendance report through the
/// wizard: the workbook's sheets are listed (hidden and empty ones said so)
/// and the preview switches sheet; the report lists which meetings matched
/// a pairing and which were kept as unmatched.
#[tokio::test]
#[ignore = "needs a display and tauri-driver: run e2e/run.sh"]
async fn a_workbook_and_a_teams_report_through_the_wizard() -> Result<()> {
    let work = tempfile::tempdir()?;
    let db = work.path().join("program.db");
    let book = mentorscope_e2e::repo_root().join("tests/fixtures/workbooks/program.xlsx");
    // The first sample pairing meets; a second meeting has only strangers.
    let report = work
        .path()
        .join("Mentoring check-in - Attendance report.csv");
    let pairings =
        std::fs::read_to_string(mentorscope_e2e::repo_root().join("sample-data/pairings.csv"))?;
    let first: Vec<&str> = pairings
        .lines()
        .nth(1)
        .unwrap_or_default()
        .split(',')
        .collect();
    let (mentor, mentee) = (first[0], first[1]);
    std::fs::write(
        &report,
        format!(
            "1. Summary\nMeeting title,Mentoring check-in\nStart time,\"2/3/25, 9:00:00 AM\"\n\n2. Participants\n\
             Name,First join,Last leave,In-meeting duration,Email,Participant ID (UPN),Role\n\
             Mentor,\"2/3/25, 9:00:00 AM\",\"2/3/25, 9:40:00 AM\",40m 0s,{mentor},{mentor},Organizer\n\
             Mentee,\"2/3/25, 9:05:00 AM\",\"2/3/25, 9:35:00 AM\",30m 0s,{mentee},{mentee},Presenter\n\n\
             3. In-Meeting activities\n"
        ),
    )?;
    let stranger = work.path().join("participants_42.csv");
    std::fs::write(
        &stranger,
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\n\
         42,Book club,02/04/2025 05:00:00 PM,02/04/2025 06:00:00 PM,guest@elsewhere.org,60,2,\n\n\
         Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n\
         Guest One,guest@elsewhere.org,02/04/2025 05:00:00 PM,02/04/2025 06:00:00 PM,60\n\
         Guest Two,guest2@elsewhere.org,02/04/2025 05:01:00 PM,02/04/2025 05:59:00 PM,58\n",
    )?;

    let app = App::start(&db, work.path()).await?;
    app.click("[data-test='start-import']").await?;
    app.wait_view("import").await?;
    app.answer_dialogs_with(&[&book, &report, &stranger])?;
    app.click("[data-test='choose-files']").await?;
    app.find("[data-file='program.xlsx'] [data-test='sheet-select']")
        .await?;
    app.wait_view("import").await?;
    let summary = app
        .js("return document.querySelector(\"[data-file='program.xlsx'] [data-test='sheet-summary']\").textContent", vec![])
        .await?;
    let summary = summary.as_str().unwrap_or_default();
    assert!(
        summary.contains("2 of 4 sheets")
            && summary.contains("Old roster (it is hidden)")
            && summary.contains("Notes (it is empty)"),
        "{summary}"
    );
    app.screenshot("13-import-workbook-preview").await?;

    // Switch the preview to the Pairings sheet.
    app.js(
        "const s = document.querySelector(\"[data-file='program.xlsx'] [data-test='sheet-select']\"); s.value = 'Pairings'; s.dispatchEvent(new Event('change', {bubbles: true})); return true",
        vec![],
    )
    .await?;
    app.wait_js(
        "the Pairings sheet's preview",
        "return [...document.querySelectorAll(\"[data-file='program.xlsx'] table.preview th\")].map(t => t.textContent).join('|')",
        |v| v.as_str().unwrap_or_default().starts_with("Mentor Email|Mentee Email"),
    )
    .await?;
    app.screenshot("14-import-workbook-sheet").await?;

    app.click("[data-test='run-import']").await?;
    app.find("[data-test='to-dashboard']").await?;
    app.wait_view("import").await?;
    let sheets = app
        .js("return [...document.querySelectorAll(\"article.report[data-file='program.xlsx']\")].map(a => a.dataset.sheet + ':' + a.dataset.outcome)", vec![])
        .await?;
    assert_eq!(
        sheets,
        serde_json::json!(["Roster:imported", "Pairings:imported"])
    );
    let matched = app
        .js("return [...document.querySelectorAll('[data-test=meetings-table] tbody tr')].map(r => r.dataset.matched)", vec![])
        .await?;
    assert_eq!(
        matched,
        serde_json::json!(["yes", "no"]),
        "one matched and one unmatched meeting"
    );
    app.js(
        "document.querySelectorAll('[data-test=meetings-table]')[0].scrollIntoView({block: 'start'}); return true",
        vec![],
    )
    .await?;
    app.screenshot("15-import-attendance-report").await?;
    app.js(
        "document.querySelectorAll('[data-test=meetings-table]')[1].scrollIntoView({block: 'start'}); return true",
        vec![],
    )
    .await?;
    app.screenshot("16-import-unmatched-meetings").await?;
    let status = cli_json(&db, &["status", "--json"])?;
    assert_eq!(json_path(&status, "meetings"), Some(&Value::from(1)));
    assert_eq!(
        json_path(&status, "unmatched_meetings"),
        Some(&Value::from(1))
    );
    app.close().await
}
