//! Each chart in words: the numbers it plots, as sentences a screen reader
//! can read and a person who cannot see the picture can check. The window
//! shows them under the chart ("The chart in words") and links them to the
//! image as its description; the chart's title and subtitle come first, so
//! together they state the finding and the numbers.
//!
//! Built from the same `Analysis` and `ChartExtras` the drawing reads, and
//! hiding exactly what the drawing hides: nothing from a suppressed wave, no
//! item under the minimum group size. It words numbers that are already
//! there; it must not compute a statistic of its own.

use chrono::NaiveDate;

use super::delivery::month_starts;
use super::engagement::{is_quiet, QUIET_DAYS};
use super::theme::{num, pct, signed, thousands};
use super::{date_long, ChartExtras, ChartKind};
use crate::analysis::Analysis;
use crate::report::findings;

/// The numbers behind a chart that drew data, in sentences.
pub(super) fn numbers(kind: ChartKind, a: &Analysis, x: &ChartExtras) -> String {
    match kind {
        ChartKind::SatisfactionItems => items(a),
        ChartKind::SatisfactionDistribution => distribution(a),
        ChartKind::Enps => enps(a),
        ChartKind::RampUp => ramp_up(a),
        ChartKind::Retention => retention(a),
        ChartKind::Delivery => delivery(a),
        ChartKind::MeetingsPerMonth => per_month(a),
        ChartKind::PairEngagement => pairs(a, x),
        ChartKind::TopicCoverage => topics(x),
        // The adjusted and over-time charts say what their findings say.
        ChartKind::SatisfactionTrend => findings::trend(a),
        ChartKind::AdjustedEffects => findings::like_for_like(a),
        ChartKind::DeliveryTrend => findings::delivery_trend(a),
        ChartKind::Cohorts => findings::breakdown(&a.cohorts, a.cohorts_kruskal_p, "cohorts"),
        ChartKind::Formats => a
            .formats
            .as_ref()
            .map(|rows| findings::breakdown(rows, a.formats_kruskal_p, "formats"))
            .unwrap_or_default(),
        ChartKind::SkillGrowth | ChartKind::SkillCoverage => {
            let mut s = findings::skills(a);
            for l in findings::skill_lines(a) {
                s.push(' ');
                s.push_str(&l);
                s.push('.');
            }
            s
        }
        ChartKind::CommentTerms => findings::comment_lines(a)
            .iter()
            .map(|l| format!("{l}."))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Why a chart drew no data, as its panel says it: a survey withheld for
/// the respondents' sake names the minimum group size; anything else is
/// "not enough data" (the title and subtitle say what the chart needs).
pub(super) fn no_data(kind: ChartKind, a: &Analysis) -> String {
    let k = a.min_group_size;
    let u = &a.survey_unpaired;
    let (bw, aw) = waves(a);
    let two_waves = a.waves.len() >= 2;
    match kind {
        ChartKind::SatisfactionItems | ChartKind::SatisfactionDistribution
            if two_waves && u.suppressed =>
        {
            format!(
                "Not shown to protect respondents: fewer than {k} people answered in at least one wave ({bw}: {}, {aw}: {}).",
                thousands(u.n_before as u64),
                thousands(u.n_after as u64)
            )
        }
        ChartKind::Enps if two_waves && a.enps.item.is_some() => format!(
            "Not shown to protect respondents: fewer than {k} people answered in each wave ({bw}: {}, {aw}: {}).",
            thousands(a.enps.n_before as u64),
            thousands(a.enps.n_after as u64)
        ),
        _ => "Not enough data to draw this chart yet.".into(),
    }
}

/// Title, subtitle and numbers as one text: the chart's full description.
pub(super) fn full(title: &str, subtitle: &str, numbers: &str) -> String {
    [title, subtitle, numbers]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(sentence)
        .collect::<Vec<_>>()
        .join(" ")
}

fn sentence(s: &str) -> String {
    if s.ends_with(['.', '!', '?', '…']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

fn waves(a: &Analysis) -> (String, String) {
    let u = &a.survey_unpaired;
    (
        u.before_wave.clone().unwrap_or_else(|| "before".into()),
        u.after_wave.clone().unwrap_or_else(|| "after".into()),
    )
}

fn items(a: &Analysis) -> String {
    let im = &a.item_means;
    let k = a.min_group_size;
    let (bw, aw) = waves(a);
    let mut parts = Vec::new();
    for (i, item) in im.items.iter().enumerate() {
        let b = im.before.get(i).copied().flatten();
        let af = im.after.get(i).copied().flatten();
        let nb = im.n_before.get(i).copied().unwrap_or(0);
        let na = im.n_after.get(i).copied().unwrap_or(0);
        parts.push(match (b, af) {
            (Some(b), Some(af)) => format!(
                "“{item}”: {} in {bw} (n = {}), {} in {aw} (n = {}), a change of {}",
                num(b, 2),
                thousands(nb as u64),
                num(af, 2),
                thousands(na as u64),
                signed(af - b, 2)
            ),
            _ => format!("“{item}”: hidden, fewer than {k} answers in a wave"),
        });
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(
        "Average answer per question, out of 5. {}.",
        parts.join("; ")
    )
}

/// Shares of negative, middle and positive answers from counts per level
/// (the levels below the middle, the middle one on an odd scale, above it):
/// the same split the diverging bars are drawn around.
fn split(c: &[u64]) -> Option<(f64, Option<f64>, f64)> {
    let n: u64 = c.iter().sum();
    if n == 0 {
        return None;
    }
    let k = c.len();
    let share = |s: &[u64]| s.iter().sum::<u64>() as f64 / n as f64;
    let middle = (k % 2 == 1).then(|| c[k / 2] as f64 / n as f64);
    Some((share(&c[..k / 2]), middle, share(&c[k.div_ceil(2)..])))
}

fn distribution(a: &Analysis) -> String {
    let k = a.min_group_size;
    let (bw, aw) = waves(a);
    // A level hidden by disclosure control leaves the negative and middle
    // shares unknown; the positive share is said only where it is shown.
    let side = |wave: &str, c: Option<&Vec<Option<u64>>>, positive: Option<f64>| {
        let Some(c) = c else {
            return format!("{wave}: hidden, fewer than {k} answers");
        };
        let all: Option<Vec<u64>> = c.iter().copied().collect();
        match (all.as_deref().and_then(split), positive) {
            (Some((neg, mid, pos)), _) => {
                let mid = mid
                    .map(|m| format!(", {} in the middle", pct(m)))
                    .unwrap_or_default();
                format!("{wave}: {} positive, {} negative{mid}", pct(pos), pct(neg))
            }
            (None, Some(pos)) => format!(
                "{wave}: {} positive; levels with fewer than {k} answers hidden",
                pct(pos)
            ),
            (None, None) => format!("{wave}: hidden, fewer than {k} answers in some levels"),
        }
    };
    let parts: Vec<String> = a
        .item_distributions
        .iter()
        .map(|d| {
            format!(
                "“{}”: {}; {}",
                d.item,
                side(&bw, d.before.as_ref(), d.positive_before),
                side(&aw, d.after.as_ref(), d.positive_after)
            )
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!("Answers per question. {}.", parts.join(". "))
}

fn enps(a: &Analysis) -> String {
    let e = &a.enps;
    let k = a.min_group_size;
    let (bw, aw) = waves(a);
    let side = |wave: &str, v: Option<f64>, n: usize| match v {
        Some(v) => format!(
            "{wave}: {} from {} answers",
            signed(v, 0),
            thousands(n as u64)
        ),
        None => format!("{wave}: hidden, fewer than {k} answers"),
    };
    format!(
        "eNPS {}; {}.",
        side(&bw, e.before, e.n_before),
        side(&aw, e.after, e.n_after)
    )
}

fn days(d: Option<f64>) -> String {
    d.map(|d| format!("{d:.0} days"))
        .unwrap_or_else(|| "not reached by half the group".into())
}

fn ramp_up(a: &Analysis) -> String {
    let r = &a.ramp_up;
    let kind = r.milestone_kind.as_deref().unwrap_or("the milestone");
    let group = |label: &str, g: &crate::analysis::SurvivalGroup| {
        format!(
            "{label}: {} people, {} reached “{kind}”, median {} (Kaplan–Meier)",
            thousands(g.n as u64),
            thousands(g.events as u64),
            days(g.km_median_days)
        )
    };
    format!(
        "{}; {}.",
        group(&r.group_labels[0], &r.mentored),
        group(&r.group_labels[1], &r.not_mentored)
    )
}

fn retention(a: &Analysis) -> String {
    let t = &a.retention;
    let group = |label: &str, g: &crate::analysis::RetentionGroup| {
        format!(
            "{label}: {} people, {} left, {} still employed 12 months after hire",
            thousands(g.n as u64),
            thousands(g.exits as u64),
            g.retained_365
                .map(pct)
                .unwrap_or_else(|| "not known".into())
        )
    };
    format!(
        "{}; {}.",
        group(&t.group_labels[0], &t.mentored),
        group(&t.group_labels[1], &t.not_mentored)
    )
}

fn delivery(a: &Analysis) -> String {
    let d = &a.delivery;
    let or_dash = |x: Option<String>| x.unwrap_or_else(|| "not known".into());
    format!(
        "Before launch ({} team-weeks) vs after ({} team-weeks): deployments per team-week {} vs {}; change failure rate {} vs {}; median time to restore {} vs {} hours.",
        thousands(d.before.team_weeks as u64),
        thousands(d.after.team_weeks as u64),
        or_dash(d.before.deploys_per_team_week.map(|x| num(x, 1))),
        or_dash(d.after.deploys_per_team_week.map(|x| num(x, 1))),
        or_dash(d.before.change_failure_rate.map(pct)),
        or_dash(d.after.change_failure_rate.map(pct)),
        or_dash(d.before.mttr_hours_median.map(|x| num(x, 1))),
        or_dash(d.after.mttr_hours_median.map(|x| num(x, 1))),
    )
}

fn per_month(a: &Analysis) -> String {
    let counts: Vec<(NaiveDate, u64)> = a
        .engagement
        .meetings_per_month
        .iter()
        .filter_map(|m| {
            NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d")
                .ok()
                .map(|d| (d, m.meetings))
        })
        .collect();
    let (Some(first), Some(last)) = (
        counts.iter().map(|c| c.0).min(),
        counts.iter().map(|c| c.0).max(),
    ) else {
        return String::new();
    };
    // Every month from the first to the last, as the bars are drawn: a
    // month without meetings is a bar of zero, and says so.
    let parts: Vec<String> = month_starts(first, last)
        .into_iter()
        .map(|m| {
            let n: u64 = counts.iter().filter(|c| c.0 == m).map(|c| c.1).sum();
            format!("{} {}", m.format("%b %Y"), thousands(n))
        })
        .collect();
    format!("Meetings per month: {}.", parts.join(", "))
}

fn pairs(a: &Analysis, x: &ChartExtras) -> String {
    let Some(as_of) = a.as_of else {
        return String::new();
    };
    let quiet: Vec<_> = x
        .active_pairs
        .iter()
        .filter(|p| is_quiet(p, as_of))
        .collect();
    let never = quiet.iter().filter(|p| p.meetings.is_empty()).count();
    let mut s = format!(
        "{} active pairings on {}; {} met in the last {QUIET_DAYS} days and {} did not",
        thousands(x.active_pairs.len() as u64),
        date_long(as_of),
        thousands((x.active_pairs.len() - quiet.len()) as u64),
        thousands(quiet.len() as u64),
    );
    if never > 0 {
        s.push_str(&format!(", {} of them never met", thousands(never as u64)));
    }
    s.push('.');
    if !quiet.is_empty() {
        const LISTED: usize = 30;
        let names: Vec<String> = quiet
            .iter()
            .take(LISTED)
            .map(|p| {
                let last = p
                    .meetings
                    .last()
                    .map(|d| format!("last met {}", date_long(*d)))
                    .unwrap_or_else(|| "never met".into());
                format!("{} → {} ({last})", p.mentor, p.mentee)
            })
            .collect();
        let more = quiet.len().saturating_sub(LISTED);
        let more = if more > 0 {
            format!(", and {} more", thousands(more as u64))
        } else {
            String::new()
        };
        s.push_str(&format!(
            " Quiet pairings (mentor → mentee): {}{more}.",
            names.join("; ")
        ));
    }
    s
}

fn topics(x: &ChartExtras) -> String {
    let denom = x.pairings_with_meetings;
    if denom == 0 || x.topics.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = x
        .topics
        .iter()
        .map(|t| {
            format!(
                "{}: {} of pairings ({} of {}), {} meetings",
                t.topic,
                pct(t.pairings as f64 / denom as f64),
                thousands(t.pairings as u64),
                thousands(denom as u64),
                thousands(t.meetings)
            )
        })
        .collect();
    format!("By topic: {}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_puts_the_middle_level_on_its_own() {
        // 5 levels: 1+2 negative, 3 middle, 4+5 positive.
        let (neg, mid, pos) = split(&[1, 1, 2, 3, 3]).unwrap();
        assert_eq!((neg, mid, pos), (0.2, Some(0.2), 0.6));
        // 4 levels: no middle.
        let (neg, mid, pos) = split(&[1, 3, 4, 2]).unwrap();
        assert_eq!((neg, mid, pos), (0.4, None, 0.6));
        assert!(split(&[0, 0, 0]).is_none());
    }

    /// The sample program's charts, described, at minimum group size `k`.
    fn described(k: usize) -> (Analysis, Vec<super::super::Chart>) {
        let mut store = crate::Store::open_in_memory().unwrap();
        crate::sample::import_into(&mut store).unwrap();
        let data = crate::analysis::frames::ProgramData::load(&store).unwrap();
        let opts = crate::report::ReportOptions {
            analysis: crate::analysis::AnalysisOptions {
                min_group_size: k,
                ..Default::default()
            },
            ..Default::default()
        };
        let a = crate::analysis::analyze_data(&data, &opts.analysis).unwrap();
        let x = crate::report::chart_extras(&data, &a, &opts);
        let charts =
            super::super::render_all(&a, &x, &super::super::ChartContext::default()).unwrap();
        (a, charts)
    }

    #[test]
    fn every_chart_states_its_numbers() {
        let (a, charts) = described(5);
        let text = |k: ChartKind| {
            charts
                .iter()
                .find(|c| c.kind == k)
                .map(|c| c.description.clone())
                .unwrap()
        };
        // Each description starts with the chart's finding (its title).
        for c in &charts {
            assert!(c.has_data, "{:?}", c.kind);
            assert!(c.description.starts_with(&c.title), "{:?}", c.kind);
        }
        let items = text(ChartKind::SatisfactionItems);
        for (i, q) in a.item_means.items.iter().enumerate() {
            let b = format!("{:.2}", a.item_means.before[i].unwrap());
            let af = format!("{:.2}", a.item_means.after[i].unwrap());
            assert!(
                items.contains(&format!("“{q}”: {b} in pre")),
                "{q} {b}: {items}"
            );
            assert!(
                items.contains(&format!("{af} in post")),
                "{q} {af}: {items}"
            );
        }
        let ramp = text(ChartKind::RampUp);
        for g in [&a.ramp_up.mentored, &a.ramp_up.not_mentored] {
            let m = format!("median {:.0} days", g.km_median_days.unwrap());
            assert!(ramp.contains(&m), "{m}: {ramp}");
        }
        let months = text(ChartKind::MeetingsPerMonth);
        for m in &a.engagement.meetings_per_month {
            let d =
                chrono::NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d").unwrap();
            let want = format!("{} {}", d.format("%b %Y"), m.meetings);
            assert!(months.contains(&want), "{want}: {months}");
        }
        let pairs = text(ChartKind::PairEngagement);
        assert!(
            pairs.contains(&format!("{} did not", a.engagement.quiet_pairs.len())),
            "{pairs}"
        );
        let topics = text(ChartKind::TopicCoverage);
        for (t, _) in &a.engagement.topics_ranked {
            assert!(topics.contains(&format!("{t}: ")), "{t}: {topics}");
        }
    }

    #[test]
    fn a_withheld_survey_is_described_without_its_numbers() {
        let (a, charts) = described(1000);
        assert!(a.survey_unpaired.suppressed);
        let (open, _) = described(5);
        let means: Vec<String> = open
            .item_means
            .before
            .iter()
            .chain(&open.item_means.after)
            .flatten()
            .map(|m| format!("{m:.2}"))
            .collect();
        for c in charts.iter().filter(|c| {
            matches!(
                c.kind,
                ChartKind::SatisfactionItems
                    | ChartKind::SatisfactionDistribution
                    | ChartKind::Enps
            )
        }) {
            for m in &means {
                assert!(
                    !c.description.contains(m.as_str()),
                    "{:?} gives {m}: {}",
                    c.kind,
                    c.description
                );
            }
            assert!(
                c.description.contains("1000"),
                "{:?}: {}",
                c.kind,
                c.description
            );
        }
    }

    #[test]
    fn sentences_end_once() {
        assert_eq!(full("A title", "A subtitle.", ""), "A title. A subtitle.");
        assert_eq!(full("Q?", "", "n = 3"), "Q? n = 3.");
    }
}
