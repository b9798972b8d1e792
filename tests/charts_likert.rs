//! The survey-answers chart read back against the database, not against
//! the analysis: every Likert segment's width, through the share scale
//! the chart's own tick labels state, against the answers per level
//! counted here in SQL over `survey_answers` / `survey_questions` /
//! `survey_responses` (reverse coding from `item_settings`), and the
//! outlined hidden block against the levels it hides. A level drawn with
//! another's width, an item in the wrong row or a reverse-coded item left
//! unflipped fails here.

use std::collections::{BTreeMap, BTreeSet};

use mentorscope::charts::ChartKind;
use rusqlite::Connection;

mod common;
use common::svg::{
    chart, close, fit, marks, program, same_colour, value_at, Marks, Program, Rect, Text,
};

fn norm(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

// ------------------------------------------------------------- Likert

/// Answers per level of every Likert item in the first and the last wave
/// (METRICS.md M1: waves in order of their first submission), reverse-
/// coded items flipped so the last level is the favourable one: item text
/// → [before counts, after counts].
/// Answers per level of one item: [before, after].
type Counts = [Vec<u64>; 2];

fn likert_counts(sql: &Connection) -> (Vec<String>, Vec<(String, Counts)>) {
    let mut stmt = sql
        .prepare(
            "SELECT wave FROM survey_responses GROUP BY wave
             ORDER BY MIN(IFNULL(submitted_at, '9999')), MIN(import_id)",
        )
        .unwrap();
    let waves: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (bw, aw) = (waves[0].clone(), waves[waves.len() - 1].clone());
    let reverse: BTreeSet<String> = sql
        .prepare("SELECT item FROM item_settings WHERE reverse = 1")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|r| norm(&r.unwrap()))
        .collect();
    let mut stmt = sql
        .prepare(
            "SELECT q.text, q.scale_points, r.wave, CAST(a.value_num AS INTEGER), COUNT(*)
             FROM survey_answers a
             JOIN survey_questions q ON q.id = a.question_id
             JOIN survey_responses r ON r.id = a.response_id
             WHERE q.kind = 'likert' AND a.value_num IS NOT NULL AND r.wave IN (?1, ?2)
             GROUP BY q.text, q.scale_points, r.wave, CAST(a.value_num AS INTEGER)",
        )
        .unwrap();
    let rows = stmt
        .query_map([&bw, &aw], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)? as usize,
                r.get::<_, i64>(4)? as u64,
            ))
        })
        .unwrap();
    let mut out: BTreeMap<String, [Vec<u64>; 2]> = BTreeMap::new();
    for row in rows {
        let (text, points, wave, level, n) = row.unwrap();
        assert!((1..=points).contains(&level), "{text}: level {level}");
        let level = if reverse.contains(&norm(&text)) {
            points + 1 - level
        } else {
            level
        };
        let e = out
            .entry(norm(&text))
            .or_insert_with(|| [vec![0; points], vec![0; points]]);
        e[usize::from(wave == aw)][level - 1] += n;
    }
    // Items in the order the before wave, then the after wave, asks them.
    let mut order: Vec<String> = Vec::new();
    for w in [&bw, &aw] {
        let mut stmt = sql
            .prepare(
                "SELECT text FROM survey_questions WHERE wave = ?1 AND kind = 'likert' ORDER BY position",
            )
            .unwrap();
        for t in stmt.query_map([w], |r| r.get::<_, String>(0)).unwrap() {
            let t = norm(&t.unwrap());
            if !order.contains(&t) {
                order.push(t);
            }
        }
    }
    let items = order
        .into_iter()
        .map(|k| {
            let v = out.remove(&k).expect("answers for every item");
            (k, v)
        })
        .collect();
    (vec![bw, aw], items)
}

/// The level colours from the legend: the swatch whose centre holds the
/// label "1" is level 1, and so on.
fn level_colours(m: &Marks, legend_y: f64) -> Vec<String> {
    let mut out: Vec<(usize, String)> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle" && (t.y - legend_y).abs() < 20.0)
        .filter_map(|t| {
            let l: usize = t.content.parse().ok()?;
            let r = m.rects.iter().find(|r| {
                r.w < 80.0 && t.x > r.x && t.x < r.x + r.w && t.y > r.y && t.y < r.y + r.h
            })?;
            Some((l, r.fill.clone()))
        })
        .collect();
    out.sort();
    out.dedup();
    assert!(out.len() >= 5, "no legend of levels: {out:?}");
    assert!(out.iter().enumerate().all(|(i, (l, _))| *l == i + 1));
    out.into_iter().map(|(_, c)| c).collect()
}

/// The share axis: "50%" left of "0%" is −0.5.
fn share_axis(m: &Marks) -> (f64, f64) {
    let pct: Vec<&Text> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "middle" && t.content.ends_with('%'))
        .collect();
    let zero = pct.iter().find(|t| t.content == "0%").expect("a 0% tick").x;
    let ticks: Vec<(f64, f64)> = pct
        .iter()
        .filter_map(|t| {
            let v = t.content.strip_suffix('%')?.parse::<f64>().ok()? / 100.0;
            Some((if t.x < zero { -v } else { v }, t.x))
        })
        .collect();
    fit(&ticks)
}

fn check_likert(p: &Program) -> usize {
    let (waves, counts) = likert_counts(&p.sql);
    let m = marks(&chart(p, ChartKind::SatisfactionDistribution));
    let legend_bottom = m
        .texts
        .iter()
        .filter(|t| t.content.starts_with("Answer level"))
        .map(|t| t.y)
        .fold(f64::NEG_INFINITY, f64::max);
    let colours = level_colours(&m, legend_bottom);
    let scale = share_axis(&m);
    // Each bar is named by its wave label (right-aligned, level with the
    // bar's middle); the i-th label of a wave from the top is the i-th
    // item, whose own label (left, wrapped) sits between its two bars.
    let item_lines: Vec<&Text> = m
        .texts
        .iter()
        .filter(|t| t.anchor == "start" && t.x < 200.0 && t.y > legend_bottom + 20.0)
        .collect();
    let wave_labels = |wave: &str| -> Vec<f64> {
        let mut ys: Vec<f64> = m
            .texts
            .iter()
            .filter(|t| t.anchor == "end" && t.content == wave)
            .map(|t| t.y)
            .collect();
        ys.sort_by(f64::total_cmp);
        assert_eq!(ys.len(), counts.len(), "{wave}: one bar per item");
        ys
    };
    let (before_y, after_y) = (wave_labels(&waves[0]), wave_labels(&waves[1]));
    let mut checked = 0;
    for (i, (key, sides)) in counts.iter().enumerate() {
        let mid = (before_y[i] + after_y[i]) / 2.0;
        let shown: Vec<&str> = item_lines
            .iter()
            .filter(|t| (t.y + t.size / 2.0 - mid).abs() < 60.0)
            .map(|t| t.content.as_str())
            .collect();
        let shown = norm(&shown.join(" "));
        let shown = shown.trim_end_matches('…').trim_end();
        assert!(
            !shown.is_empty() && key.starts_with(shown),
            "row {i} is labelled {shown:?}, the survey's item {i} is {key:?}"
        );
        for (side, wave) in waves.iter().enumerate() {
            let label_y = [before_y[i], after_y[i]][side];
            let want = &sides[side];
            let n: u64 = want.iter().sum();
            // The bar's rectangles: level with the label.
            let bar: Vec<&Rect> = m
                .rects
                .iter()
                .filter(|r| (r.y + r.h / 2.0 - label_y).abs() <= 1.0 && r.h > 10.0 && r.w < 1500.0)
                .collect();
            let per_answer = scale.1 / n as f64;
            let mut hidden = 0.0;
            let mut drawn = vec![false; want.len()];
            for r in &bar {
                if same_colour(&r.fill, "#FFFFFF") {
                    hidden += r.w / per_answer;
                    continue;
                }
                let l = colours
                    .iter()
                    .position(|c| same_colour(c, &r.fill))
                    .unwrap_or_else(|| panic!("{key} {wave}: a segment in {}", r.fill));
                drawn[l] = true;
                close(
                    &format!("{key} {wave}: answers at level {}", l + 1),
                    r.w / per_answer,
                    want[l] as f64,
                    per_answer,
                    1.5,
                );
                checked += 1;
            }
            // Levels drawn as no segment are either empty or hidden in the
            // outlined block, which holds exactly their answers.
            let undrawn: u64 = (0..want.len())
                .filter(|l| !drawn[*l])
                .map(|l| want[l])
                .sum();
            close(
                &format!("{key} {wave}: answers in hidden levels"),
                hidden,
                undrawn as f64,
                per_answer,
                1.5,
            );
            // Centred on the middle answer: the bar starts at minus the
            // share below the middle (half the middle level when odd).
            if hidden == 0.0 {
                let k = want.len();
                let below: f64 = want[..k / 2].iter().sum::<u64>() as f64
                    + if k % 2 == 1 {
                        want[k / 2] as f64 / 2.0
                    } else {
                        0.0
                    };
                let start = bar.iter().map(|r| r.x).fold(f64::INFINITY, f64::min);
                close(
                    &format!("{key} {wave}: where the bar starts"),
                    value_at(scale, start),
                    -below / n as f64,
                    scale.1,
                    1.5,
                );
            }
        }
    }
    checked
}

#[test]
fn likert_segments_are_the_answers_per_level_from_the_database() {
    let p = program(&[]);
    let n = check_likert(&p);
    assert!(n >= 25, "only {n} segments checked");
}

#[test]
fn likert_segments_of_a_reverse_coded_item_are_flipped() {
    let item: String = program(&[])
        .sql
        .query_row(
            "SELECT text FROM survey_questions WHERE kind = 'likert' ORDER BY wave, position LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let p = program(&[&item]);
    let n = check_likert(&p);
    assert!(n >= 25, "only {n} segments checked");
}

/// A numeric item declared on 0–10 joins the chart with 11 levels beside
/// the 5-level items: each scale has its own legend row with its own
/// colours (a single 11-swatch row would not match the 5-level bars), and
/// the mixed legend does not number the answers "1 to 11" (the 0–10
/// item's first level is the answer 0).
#[test]
fn each_scale_of_a_mixed_chart_has_its_own_legend_row() {
    let mut p = program(&[]);
    let item: String = p
        .sql
        .query_row(
            "SELECT text FROM survey_questions WHERE kind IN ('zero_to_ten', 'numeric') ORDER BY wave, position LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let rows = |m: &Marks| -> Vec<Text> {
        m.texts
            .iter()
            .filter(|t| t.content.starts_with("Answer level"))
            .cloned()
            .collect()
    };
    let before = marks(&chart(&p, ChartKind::SatisfactionDistribution));
    let r = rows(&before);
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].content,
        "Answer level, from 1 (most negative) to 5 (most positive)"
    );
    let five = level_colours(&before, r[0].y);
    assert_eq!(five.len(), 5);

    p.store
        .mark_item(
            &item,
            None,
            Some(Some(mentorscope::store::ItemScale::new(0, 10).unwrap())),
        )
        .unwrap();
    let after = marks(&chart(&p, ChartKind::SatisfactionDistribution));
    let r = rows(&after);
    let texts: Vec<&str> = r.iter().map(|t| t.content.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Answer level of the questions on 5 levels, from most negative to most positive",
            "Answer level of the questions on 11 levels, from most negative to most positive",
        ]
    );
    assert!(
        r[1].y > r[0].y + 20.0,
        "the rows overlap: {:?}",
        (r[0].y, r[1].y)
    );
    assert_eq!(
        level_colours(&after, r[0].y),
        five,
        "the 5-level row keeps its colours"
    );
    let eleven = level_colours(&after, r[1].y);
    assert_eq!(eleven.len(), 11);
    // The declared item's bars are drawn in the 11-level colours, the
    // others in the 5-level ones.
    let bars = |colours: &[String]| {
        after
            .rects
            .iter()
            .filter(|b| b.y > r[1].y + 20.0 && colours.iter().any(|c| same_colour(c, &b.fill)))
            .count()
    };
    let only_eleven: Vec<String> = eleven
        .iter()
        .filter(|c| !five.contains(c))
        .cloned()
        .collect();
    assert!(bars(&only_eleven) >= 2, "no bar in the 11-level colours");
    assert!(bars(&five) >= 10, "the 5-level bars lost their colours");
}
