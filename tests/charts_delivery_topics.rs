//! The delivery and topic charts read back against the database, not
//! against the analysis: the team-delivery lines and the delivery-trend
//! dots against the weekly values of `team_metrics` (METRICS.md M4,
//! aggregated here in SQL), and the topic-coverage bars and counts against
//! the meetings per topic (METRICS.md M5's split, done here). Every mark is
//! turned back into a value through the scales the chart's own tick labels
//! state, so a line a week late, a panel's values swapped or a bar of the
//! wrong length fails here.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use mentorscope::charts::ChartKind;
use rusqlite::Connection;

mod common;
use common::svg::{
    chart, close, days, fit, marks, month_axis, panel_axes, program, same_colour, value_at, Rect,
    Text,
};

// ------------------------------------------------------------- delivery

const WEEKLY: &str = "#A7B3C2";

/// One week of `team_metrics` over all teams (METRICS.md M4, per week):
/// mean deployments per team, Σ incidents / Σ deployments over the rows
/// where both are known, and the median of the known MTTRs.
struct Week {
    day: NaiveDate,
    values: [Option<f64>; 3],
}

fn weeks(sql: &Connection) -> Vec<Week> {
    let mut stmt = sql
        .prepare(
            "SELECT substr(period_start, 1, 10), AVG(deployments),
                    SUM(CASE WHEN deployments IS NOT NULL AND incidents IS NOT NULL THEN incidents END),
                    SUM(CASE WHEN deployments IS NOT NULL AND incidents IS NOT NULL THEN deployments END)
             FROM team_metrics GROUP BY substr(period_start, 1, 10) ORDER BY 1",
        )
        .unwrap();
    let mut mttr: HashMap<String, Vec<f64>> = HashMap::new();
    let mut m = sql
        .prepare("SELECT substr(period_start, 1, 10), mttr_hours FROM team_metrics WHERE mttr_hours IS NOT NULL")
        .unwrap();
    for r in m
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))
        .unwrap()
    {
        let (d, v) = r.unwrap();
        mttr.entry(d).or_default().push(v);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        (n > 0).then(|| (v[(n - 1) / 2] + v[n / 2]) / 2.0)
    };
    stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<f64>>(1)?,
            r.get::<_, Option<f64>>(2)?,
            r.get::<_, Option<f64>>(3)?,
        ))
    })
    .unwrap()
    .map(|r| {
        let (d, deploys, inc, dep) = r.unwrap();
        let cfr = match (inc, dep) {
            (Some(i), Some(d)) if d > 0.0 => Some(i / d),
            _ => None,
        };
        Week {
            day: NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap(),
            values: [deploys, cfr, mttr.get_mut(&d).and_then(median)],
        }
    })
    // A week without deployments is no point of the weekly series.
    .filter(|w| w.values[0].is_some())
    .collect()
}

/// Drawn points (pixel) matched to weeks: each must lie on a week (its
/// middle, day + 3.5) and show that week's value; every week with a value
/// must be drawn. Returns how many were compared.
fn check_weekly(
    what: &str,
    points: &[(f64, f64)],
    weeks: &[Week],
    value: usize,
    x: (f64, f64),
    y: (f64, f64),
) -> usize {
    let mut seen = BTreeSet::new();
    for &(px, py) in points {
        let day = value_at(x, px) - 3.5;
        let w = weeks
            .iter()
            .min_by(|a, b| {
                (days(a.day) - day)
                    .abs()
                    .total_cmp(&(days(b.day) - day).abs())
            })
            .unwrap();
        close(
            &format!("{what}: the day of the point at x = {px}"),
            day,
            days(w.day),
            x.1,
            1.5,
        );
        let want = w.values[value]
            .unwrap_or_else(|| panic!("{what}: a point on {} which has no value", w.day));
        close(
            &format!("{what} in the week of {}", w.day),
            value_at(y, py),
            want,
            y.1,
            1.5,
        );
        assert!(seen.insert(w.day), "{what}: two points on {}", w.day);
    }
    let missing: Vec<NaiveDate> = weeks
        .iter()
        .filter(|w| w.values[value].is_some() && !seen.contains(&w.day))
        .map(|w| w.day)
        .collect();
    assert!(missing.is_empty(), "{what}: weeks not drawn: {missing:?}");
    seen.len()
}

#[test]
fn delivery_lines_are_the_weekly_values_of_team_metrics() {
    let p = program(&[]);
    let weeks = weeks(&p.sql);
    assert!(weeks.len() > 50, "{} weeks", weeks.len());
    let m = marks(&chart(&p, ChartKind::Delivery));
    let x = month_axis(&m);
    let panels = panel_axes(&m);
    assert_eq!(panels.len(), 3, "three panels: {panels:?}");
    for (i, (what, (y, top, zero))) in [
        "deploys per team-week",
        "change failure rate",
        "time to restore",
    ]
    .iter()
    .zip(&panels)
    .enumerate()
    {
        let points: Vec<(f64, f64)> = m
            .lines
            .iter()
            .filter(|l| same_colour(&l.stroke, WEEKLY) && l.points.len() >= 2)
            .filter(|l| {
                l.points
                    .iter()
                    .all(|p| p.1 >= top - 8.0 && p.1 <= zero + 1.0)
            })
            .flat_map(|l| l.points.iter().copied())
            .collect();
        let n = check_weekly(what, &points, &weeks, i, x, *y);
        assert!(n > 50, "{what}: only {n} weeks compared");
    }
}

#[test]
fn delivery_trend_dots_are_the_weekly_deploys_of_team_metrics() {
    let p = program(&[]);
    let weeks = weeks(&p.sql);
    let m = marks(&chart(&p, ChartKind::DeliveryTrend));
    let x = month_axis(&m);
    let panels = panel_axes(&m);
    assert_eq!(panels.len(), 1, "one value axis: {panels:?}");
    let (y, top, zero) = panels[0];
    let dots: Vec<(f64, f64)> = m
        .circles
        .iter()
        .filter(|c| same_colour(&c.fill, WEEKLY) && c.cy >= top - 8.0 && c.cy <= zero + 1.0)
        .map(|c| (c.cx, c.cy))
        .collect();
    let n = check_weekly("weekly deploys", &dots, &weeks, 0, x, y);
    assert!(n > 50, "only {n} weeks compared");
}

// ------------------------------------------------------------- topics

/// One topic's counts (split on `;`, `|` or line breaks, trimmed,
/// case-folded; METRICS.md M5).
#[derive(Default)]
struct TopicCount {
    /// Pairings with a meeting on it.
    pairings: BTreeSet<(String, String)>,
    /// Meetings of a pairing on it (the chart's basis: a meeting belongs
    /// to the pairing with the same mentor and mentee).
    paired_meetings: u64,
    /// Every meeting on it, paired or not (the analysis's `top_topics`).
    meetings: u64,
}

/// Per topic, and how many pairings met at all.
fn topic_counts(sql: &Connection) -> (HashMap<String, TopicCount>, usize) {
    let mut stmt = sql
        .prepare(
            "SELECT m.mentor, m.mentee, m.topics,
                    EXISTS (SELECT 1 FROM pairings p WHERE p.mentor = m.mentor AND p.mentee = m.mentee)
             FROM meetings m",
        )
        .unwrap();
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    let mut per: HashMap<String, TopicCount> = HashMap::new();
    for r in stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })
        .unwrap()
    {
        let (mentor, mentee, topics, paired) = r.unwrap();
        let key = (mentor, mentee);
        if paired {
            pairs.insert(key.clone());
        }
        let topics: BTreeSet<String> = topics
            .unwrap_or_default()
            .split([';', '|', '\n', '\r'])
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        for t in topics {
            let e = per.entry(t).or_default();
            e.meetings += 1;
            if paired {
                e.pairings.insert(key.clone());
                e.paired_meetings += 1;
            }
        }
    }
    (per, pairs.len())
}

#[test]
fn topic_bars_are_the_pairings_and_meetings_per_topic() {
    let p = program(&[]);
    let (want, pairings) = topic_counts(&p.sql);
    // The split above agrees with pandas' over every meeting (the
    // analysis golden's top topics).
    let g: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("tests/golden/analysis_sample.json")).unwrap(),
    )
    .unwrap();
    for (topic, n) in g["engagement"]["top_topics"].as_object().unwrap() {
        assert_eq!(
            want[&topic.to_lowercase()].meetings,
            n.as_u64().unwrap(),
            "{topic}: meetings"
        );
    }
    let m = marks(&chart(&p, ChartKind::TopicCoverage));
    let pct: Vec<(f64, f64)> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle")
        .filter_map(|t| {
            Some((
                t.content.strip_suffix('%')?.parse::<f64>().ok()? / 100.0,
                t.x,
            ))
        })
        .collect();
    let x = fit(&pct);
    let bars: Vec<&Rect> = m
        .rects
        .iter()
        .filter(|r| same_colour(&r.fill, "#0072B2") || same_colour(&r.fill, "#8A8F98"))
        .collect();
    assert!(bars.len() >= 8, "{} bars", bars.len());
    let per_pairing = x.1 / pairings as f64;
    for r in &bars {
        let cy = r.y + r.h / 2.0;
        let row: Vec<&Text> = m
            .texts
            .iter()
            .filter(|t| t.anchor == "end" && (t.y - cy).abs() <= 1.5)
            .collect();
        let label = row
            .iter()
            .find(|t| !t.content.contains(" pairings · "))
            .expect("a topic label level with the bar");
        let topic = label.content.to_lowercase();
        let t = want
            .get(&topic)
            .unwrap_or_else(|| panic!("{topic:?} is no topic of the meetings"));
        let (w_pairings, w_meetings) = (&t.pairings.len(), t.paired_meetings);
        close(
            &format!("{topic}: where the bar starts"),
            value_at(x, r.x),
            0.0,
            x.1,
            1.5,
        );
        close(
            &format!("{topic}: pairings that discussed it"),
            (value_at(x, r.x + r.w)) * pairings as f64,
            *w_pairings as f64,
            per_pairing,
            1.5,
        );
        let note = row
            .iter()
            .find(|t| t.content.contains(" pairings · "))
            .expect("the counts at the right");
        assert_eq!(
            note.content,
            format!("{w_pairings} pairings · {w_meetings} meetings"),
            "{topic}"
        );
    }
}
