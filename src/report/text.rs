//! The words of the review pack, shared by the HTML and the PDF: the
//! headline figures with their verdicts, one paragraph per chart saying how
//! to read it and what it shows, the scope line, and the definitions.
//! Everything here is plain text; the HTML writer escapes it.

use serde::Serialize;

use crate::analysis::{Analysis, AnalysisOptions, Split, Verdict};
use crate::charts::theme::{num, pct, signed, signed_pct, thousands};
use crate::charts::{date_long, ChartExtras, ChartKind};

use super::findings;

#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    pub kind: ChartKind,
    pub paragraph: String,
}

/// One headline card: a section, its figure, the verdict and caveats.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub section: &'static str,
    pub figure: String,
    pub figure_note: String,
    /// `improved`, `worsened`, `no_clear_difference`, `too_few`, `no_data`.
    pub outcome: String,
    pub verdict: String,
    pub caveats: Vec<String>,
}

pub fn outcome_label(outcome: &str) -> &'static str {
    match outcome {
        "improved" => "Improved",
        "worsened" => "Worsened",
        "no_clear_difference" => "No clear difference",
        "too_few" => "Too few to tell",
        "no_data" => "No data",
        "descriptive" => "Activity",
        _ => "See text",
    }
}

fn verdict_parts(v: &Option<Verdict>) -> (String, String, Vec<String>) {
    match v {
        Some(v) => (v.outcome.clone(), v.headline.clone(), v.caveats.clone()),
        None => ("no_data".into(), "Not enough data.".into(), Vec::new()),
    }
}

pub fn headlines(a: &Analysis) -> Vec<Headline> {
    let mut out = Vec::new();
    let u = &a.survey_unpaired;
    let (o, h, c) = verdict_parts(&a.verdicts.survey);
    let (figure, note) = match (u.mean_before, u.mean_after, u.suppressed) {
        (Some(b), Some(af), false) => (
            format!("{} → {}", num(b, 2), num(af, 2)),
            format!(
                "mean satisfaction out of 5 (n = {} → {})",
                u.n_before, u.n_after
            ),
        ),
        (_, _, true) => (
            "Hidden".into(),
            format!("fewer than {} respondents", a.min_group_size),
        ),
        _ => ("—".into(), "no before/after survey".into()),
    };
    out.push(Headline {
        section: "Satisfaction",
        figure,
        figure_note: note,
        outcome: o,
        verdict: h,
        caveats: c,
    });

    let r = &a.ramp_up;
    let (o, h, c) = verdict_parts(&a.verdicts.ramp_up);
    let days = |d: Option<f64>| d.map(|d| format!("{d:.0}")).unwrap_or_else(|| "—".into());
    out.push(Headline {
        section: "Ramp-up",
        figure: format!(
            "{} vs {} days",
            days(r.mentored.km_median_days),
            days(r.not_mentored.km_median_days)
        ),
        figure_note: format!(
            "median time to “{}”, {} vs {}",
            r.milestone_kind.as_deref().unwrap_or("milestone"),
            r.group_labels[0].to_lowercase(),
            r.group_labels[1].to_lowercase()
        ),
        outcome: o,
        verdict: h,
        caveats: c,
    });

    let t = &a.retention;
    let (o, h, c) = verdict_parts(&a.verdicts.retention);
    let p = |v: Option<f64>| v.map(pct).unwrap_or_else(|| "—".into());
    out.push(Headline {
        section: "Retention",
        figure: format!(
            "{} vs {}",
            p(t.mentored.retained_365),
            p(t.not_mentored.retained_365)
        ),
        figure_note: format!(
            "still employed 12 months after hire, {} vs {}",
            t.group_labels[0].to_lowercase(),
            t.group_labels[1].to_lowercase()
        ),
        outcome: o,
        verdict: h,
        caveats: c,
    });

    let d = &a.delivery;
    let (o, h, c) = verdict_parts(&a.verdicts.delivery);
    out.push(Headline {
        section: "Team delivery",
        figure: d
            .deploys_relative_change
            .map(signed_pct)
            .unwrap_or_else(|| "—".into()),
        figure_note: "deploys per team-week after launch vs before".into(),
        outcome: o,
        verdict: h,
        caveats: c,
    });

    let e = &a.engagement;
    let (o, h, c) = verdict_parts(&a.verdicts.engagement);
    out.push(Headline {
        section: "Engagement",
        figure: thousands(e.meetings as u64),
        figure_note: format!(
            "meetings; {} of {} active pairings met in the last 30 days",
            e.active_pairs_met_last_30d, e.active_pairs
        ),
        outcome: o,
        verdict: h,
        caveats: c,
    });
    out
}

fn with_caveats(headline: &str, caveats: &[String]) -> String {
    let mut s = headline.to_string();
    for c in caveats {
        s.push(' ');
        s.push_str(c);
    }
    s
}

/// How to read one chart, and what it shows, in one paragraph.
pub fn reading(kind: ChartKind, a: &Analysis, x: &ChartExtras) -> Reading {
    let k = a.min_group_size;
    let paragraph = match kind {
        ChartKind::SatisfactionItems => {
            let (_, h, c) = verdict_parts(&a.verdicts.survey);
            format!(
                "Each grey dot is the average answer to one question before the program, each blue dot the average after; the line through a dot is its 95% confidence interval. Where the two lines overlap a lot, that question alone cannot show a change. {}",
                with_caveats(&h, &c)
            )
        }
        ChartKind::SatisfactionDistribution => {
            let mut best: Option<(String, f64, f64)> = None;
            for d in &a.item_distributions {
                if let (Some(b), Some(af)) = (d.positive_before, d.positive_after) {
                    if best.as_ref().is_none_or(|x| af - b > x.2 - x.1) {
                        best = Some((d.item.clone(), b, af));
                    }
                }
            }
            let moved = best
                .map(|(item, b, af)| {
                    format!(
                        " The biggest shift was on “{item}”: {} positive before, {} after.",
                        pct(b),
                        pct(af)
                    )
                })
                .unwrap_or_default();
            format!(
                "The same questions, showing every answer rather than the average: each bar is split by answer level and centred on the middle answer, so the part right of centre is the share of positive answers and the part left of it the share of negative ones. Averages can hide a split team; this chart does not.{moved} Questions answered by fewer than {k} people are not shown."
            )
        }
        ChartKind::Enps => {
            let e = &a.enps;
            match (e.before, e.after) {
                (Some(b), Some(af)) => format!(
                    "eNPS is the share of promoters (9–10) minus the share of detractors (0–6), from −100 to +100. It moved from {} ({} answers) to {} ({} answers), {} points. eNPS has no significance test here and swings more than an average does, so read a change of a few points as noise.",
                    num(b, 0),
                    e.n_before,
                    num(af, 0),
                    e.n_after,
                    signed(af - b, 0)
                ),
                _ => format!(
                    "eNPS needs a 0–10 recommendation question in both survey waves, answered by at least {k} people each."
                ),
            }
        }
        ChartKind::RampUp => {
            let r = &a.ramp_up;
            let (_, h, c) = verdict_parts(&a.verdicts.ramp_up);
            let naive = match (r.mentored.naive_median_days, r.not_mentored.naive_median_days) {
                (Some(m), Some(n)) => format!(
                    " Counting only the people who already got there would give {m:.0} and {n:.0} days, which flatters whoever is slow to ramp up, so the chart does not use it."
                ),
                _ => String::new(),
            };
            format!(
                "Each curve rises as people reach “{}”, counted in days from their hire date; the further left a curve rises, the faster that group ramped up. People who have not got there yet, or who left first, still count until then (the ticks): this is the Kaplan–Meier estimate, and the dots mark each group's median. {}{naive}",
                r.milestone_kind.as_deref().unwrap_or("the milestone"),
                with_caveats(&h, &c)
            )
        }
        ChartKind::Retention => {
            let (_, h, c) = verdict_parts(&a.verdicts.retention);
            format!(
                "Each curve shows the share of a group still employed, by days since hire; it steps down when someone leaves. People still here at the as-of date count for as long as they have been here (the ticks). The dots read off each curve at 12 months. {}",
                with_caveats(&h, &c)
            )
        }
        ChartKind::SatisfactionTrend => format!(
            "Every survey wave, in the order its answers came in: the dot is the average answer (1 = most negative, 5 = most positive) and the line through it its 95% confidence interval; eNPS is below, where the wave asked the recommendation question. Two waves whose intervals overlap a lot cannot be told apart. Waves answered by fewer than {k} people are not shown. {}",
            findings::trend(a)
        ),
        ChartKind::AdjustedEffects => format!(
            "Each row is one estimate with its 95% confidence interval. “Raw” compares everyone, as the charts before this one do; “like for like” compares mentored people only with people of the same team and level, so a gap that comes from who was mentored (juniors more often than seniors, some teams more than others) drops out of it. For ramp-up and retention the figure is a hazard ratio: above 1, mentored people reach the milestone (or leave) sooner; 1 is no difference. For satisfaction it is the change in points on the 1–5 scale. Where the rows disagree, the like-for-like row is the one to repeat. {}",
            findings::like_for_like(a)
        ),
        ChartKind::DeliveryTrend => format!(
            "Each dot is one week's mean deployments per team. The grey line is the trend fitted to the weeks before launch, and the dashed grey line carries that trend on as if there had been no program; the blue line is fitted to the weeks after launch. The bracket at launch is the jump beyond the earlier trend: if its 95% confidence interval includes 0, the change after launch cannot be told apart from a trend that was already under way. {}",
            findings::delivery_trend(a)
        ),
        ChartKind::Cohorts => format!(
            "One row per cohort of the pairing sheet: how many mentees it had, how often its pairs met, how fast its mentees reached the milestone and how many were still here after 12 months, and how satisfied they were in the after wave (hidden for fewer than {k} respondents). Cohorts are not randomised, and a later cohort has had less time to ramp up or to leave, so compare ramp-up and retention between cohorts of a similar age. {}",
            findings::breakdown(&a.cohorts, a.cohorts_kruskal_p, "cohorts")
        ),
        ChartKind::Formats => match &a.formats {
            Some(rows) => format!(
                "The same table by program format instead of cohort. People choose, or are chosen for, a format, so a difference here may come from who joined it rather than from the format itself. {}",
                findings::breakdown(rows, a.formats_kruskal_p, "formats")
            ),
            None => "The pairing sheet has no format column, so formats cannot be compared. Add one (for example in-house / external, one-to-one / group) to see them side by side.".into(),
        },
        ChartKind::SkillGrowth => format!(
            "One row per skill area, one panel per rater: the grey dot is the area's mean rating in the first skill wave, the blue dot in the last, for the people rated in both; each area's scale is put on 0 (its bottom) to 1 (its top) so areas on different scales line up. A blue bar is growth the test calls clear once all of a rater's areas are tested together (Holm p < 0.05); a grey bar could be chance. Self-ratings can rise because people learn what the scale means, so mentor ratings are the firmer evidence. Areas rated for fewer than {k} people are hidden. {}",
            findings::skills(a)
        ),
        ChartKind::SkillCoverage => format!(
            "The same skill areas, most discussed first: the bar is the share of mentees whose mentoring meetings had the area as a topic (matched by name and synonyms), and beside it each rater's mean change with its 95% confidence interval. If growth follows coverage, the dots move left as the bars get shorter. Mentees chose their topics, so this shows where growth and mentoring met, not that one caused the other. {}",
            findings::skills(a)
        ),
        ChartKind::CommentTerms => {
            let c = &a.comments;
            format!(
                "What people wrote in the surveys' open questions. The bars are the share of a wave's comments that use a term (each comment counts a term once, so one long answer cannot outvote short ones). The right panel ranks terms by how much more typical they are of one wave than the other (weighted log-odds with an informative prior): beyond ±1.96 the difference is unlikely to be chance. A wave with fewer than {} comments is hidden, and no comment is quoted in the chart. {}",
                c.min_comments,
                findings::comment_lines(a).join(". ")
            )
        }
        ChartKind::Delivery => {
            let (_, h, c) = verdict_parts(&a.verdicts.delivery);
            format!(
                "Three views of team delivery, week by week across all teams: how often teams deploy, how often a deploy causes an incident, and how long it takes to restore service. The thick lines are the levels before and after launch that the comparison uses; the thin line shows how much weeks vary around them. {}",
                with_caveats(&h, &c)
            )
        }
        ChartKind::MeetingsPerMonth => {
            let (_, h, c) = verdict_parts(&a.verdicts.engagement);
            format!(
                "Mentoring meetings logged per calendar month. A program that is working keeps a steady rhythm; a falling bar is worth a look before the next review. {}",
                with_caveats(&h, &c)
            )
        }
        ChartKind::PairEngagement => {
            let quiet = &a.engagement.quiet_pairs;
            let longest = quiet
                .iter()
                .find(|q| q.last_meeting.is_some())
                .and_then(|q| q.last_meeting)
                .map(|d| format!(" The longest-quiet pairing last met on {}.", date_long(d)))
                .unwrap_or_default();
            let never = quiet.iter().filter(|q| q.last_meeting.is_none()).count();
            let never = if never > 0 {
                format!(" {never} active pairings have never met.")
            } else {
                String::new()
            };
            format!(
                "Every row is a pairing that is active on the as-of date, every dot a meeting. Pairings with no meeting in the last 30 days are drawn in vermillion and listed first: {} of {} active pairings.{longest}{never} A quiet pairing is not a failed one (holidays, a mentee who is doing fine), but it is the one to ask about.",
                quiet.len(),
                a.engagement.active_pairs
            )
        }
        ChartKind::TopicCoverage => {
            let basis = if x.skill_areas_given {
                "the program's skill areas"
            } else {
                "the topics found in the meeting logs (name the program's skill areas with --skill-areas to see gaps)"
            };
            let missing: Vec<&str> = x
                .topics
                .iter()
                .filter(|t| t.skill_area && t.pairings == 0)
                .map(|t| t.topic.as_str())
                .collect();
            let gap = if missing.is_empty() {
                String::new()
            } else {
                format!(" Never discussed: {}.", missing.join(", "))
            };
            format!(
                "For each of {basis}, the share of pairings (of the {} with at least one meeting) that discussed it at least once. A low bar means most mentees never talked about it with their mentor.{gap}",
                thousands(x.pairings_with_meetings as u64)
            )
        }
    };
    Reading { kind, paragraph }
}

/// "All people" or the filters in force, for the cover.
/// What the pack hid to protect respondents and why, in counts (never
/// which values): the data-quality section of every format.
pub fn privacy_notes(a: &Analysis) -> Vec<String> {
    use crate::disclosure::Rule;
    let k = a.min_group_size;
    let mut out = vec![format!(
        "Survey results over fewer than {k} respondents are hidden, and so is any figure that could be subtracted from another to reveal fewer than {k} people."
    )];
    if a.suppressions.is_empty() {
        out.push("Nothing in this pack had to be hidden.".into());
        return out;
    }
    let count = |r: Rule| a.suppressions.iter().filter(|s| s.rule == r).count();
    let parts: Vec<String> = [
        (Rule::MinimumGroup, "fewer than {k} respondents"),
        (
            Rule::Remainder,
            "a wider group would have left fewer than {k} outside",
        ),
        (Rule::Complementary, "to protect another hidden figure"),
        (
            Rule::Overlap,
            "another figure covered almost the same people",
        ),
        (Rule::CommentThreshold, "too few comments"),
        (
            Rule::WholeProgramOnly,
            "item figures are shown for the whole program only",
        ),
    ]
    .into_iter()
    .filter(|(r, _)| count(*r) > 0)
    .map(|(r, why)| format!("{} ({})", count(r), why.replace("{k}", &k.to_string())))
    .collect();
    out.push(format!(
        "In this pack {} survey figures were hidden: {}. analysis.json lists each one and the rule, never its value.",
        a.suppressions.len(),
        parts.join("; ")
    ));
    out
}

pub fn scope_line(a: &Analysis, o: &AnalysisOptions) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &o.cohort {
        parts.push(format!("cohort {c}"));
    }
    if let Some(t) = &o.team {
        parts.push(format!("team {t}"));
    }
    if let Some(l) = &o.level {
        parts.push(format!("level {l}"));
    }
    match (o.date_from, o.date_to) {
        (Some(f), Some(t)) => parts.push(format!("{} to {}", date_long(f), date_long(t))),
        (Some(f), None) => parts.push(format!("from {}", date_long(f))),
        (None, Some(t)) => parts.push(format!("up to {}", date_long(t))),
        (None, None) => {}
    }
    let scope = if parts.is_empty() {
        "everyone in the data".to_string()
    } else {
        parts.join(", ")
    };
    let waves = match (
        &a.survey_unpaired.before_wave,
        &a.survey_unpaired.after_wave,
    ) {
        (Some(b), Some(af)) => format!("; survey waves {b} (before) and {af} (after)"),
        _ => String::new(),
    };
    let split = match o.split {
        Split::Mentored => "",
        Split::HiredAfterLaunch => "; groups: hired before vs on or after launch",
    };
    format!("Scope: {scope}{waves}{split}.")
}

/// The definitions section: what every number means (METRICS.md, short).
pub fn definitions(a: &Analysis) -> Vec<(String, String)> {
    let k = a.min_group_size;
    let date = |d: Option<chrono::NaiveDate>| d.map(date_long).unwrap_or_else(|| "—".into());
    vec![
        ("As-of date".into(), format!("{}: the day the analysis looks from (by default the latest date in the data).", date(a.as_of))),
        ("Launch date".into(), format!("{}: the day the program started (by default the earliest pairing start).", date(a.launch))),
        ("Mentored".into(), "Anyone who is the mentee in at least one pairing.".into()),
        ("Minimum group size".into(), format!("{k}. A survey result over fewer than {k} people is never shown, because a small group can identify who said what. Ramp-up and retention are HR outcomes: always shown, always with their n.")),
        ("Satisfaction".into(), "Each Likert answer is put on a 1–5 scale; a person's score is the mean of their answered items. Before and after are compared with Welch's t-test (95% confidence interval of the difference) and the Mann–Whitney test; people who answered both waves are also compared with a paired t-test.".into()),
        ("eNPS".into(), "100 × (promoters − detractors) ÷ answers, on a 0–10 “how likely are you to recommend” question; promoters answer 9–10, detractors 0–6.".into()),
        ("Ramp-up".into(), format!("Days from hire to the first “{}” milestone. People who have not reached it are counted until the as-of date or their exit (censored), with the Kaplan–Meier estimator; the median is the first day on which half the group had reached it. Groups are compared with the log-rank test.", a.ramp_up.milestone_kind.as_deref().unwrap_or("chosen"))),
        ("Retention".into(), "Share still employed by days since hire (Kaplan–Meier); 12-month retention is the curve's value at day 365. Groups are compared with the log-rank test.".into()),
        ("Team delivery".into(), "Team-weeks before launch vs on or after it: mean deployments per team-week, change failure rate (incidents ÷ deployments), median time to restore (hours). Deployments are compared with the Mann–Whitney test.".into()),
        ("Like for like".into(), "A comparison made only between people of the same team and job level, so that a gap coming from who was mentored (juniors more than seniors, some teams more than others) does not count as the program's effect. Ramp-up and retention: a Cox model stratified by team × level; satisfaction: the before/after difference adjusted for level and team (least squares with robust errors). “Raw” is the same comparison across everyone.".into()),
        ("Hazard ratio".into(), "How much sooner one group reaches an event than the other at any moment: 1 is no difference; 1.5 means the mentored group gets there about one and a half times as fast (ramp-up) or leaves that much faster (retention). Its 95% confidence interval is the range the data support.".into()),
        ("Smallest detectable effect".into(), "The smallest difference a comparison of this size would find four times in five (80% power at p < 0.05). When nothing was found, a real difference smaller than this may still exist: “no clear difference” never means “no effect”.".into()),
        ("Delivery trend at launch".into(), "An interrupted time series: deployments per team-week are fitted with a straight line before launch and another after it (each team at its own level, errors clustered by team). The jump at launch is measured against the earlier trend carried on, so a rise that had already begun is not credited to the program.".into()),
        ("Several questions at once".into(), "When many survey questions are tested, some will look different by chance alone; the per-question p-values are Holm-adjusted for the number of questions.".into()),
        ("Survey waves over time".into(), "Every survey wave in the order of its answers' median date: the mean satisfaction with its 95% confidence interval and eNPS, each hidden under the minimum group size.".into()),
        ("Cohorts and formats".into(), "Pairings grouped by the pairing sheet's cohort (else the half-year they started) or by program format: mentees, meetings per pairing, ramp-up median and 12-month retention of the mentees, and their mean satisfaction in the after wave. The Kruskal–Wallis test asks whether satisfaction differs between the groups shown.".into()),
        ("Quiet pairing".into(), "A pairing active on the as-of date with no meeting in the 30 days up to it.".into()),
        ("p-value".into(), "How often a difference at least this large would appear by chance if there were no real difference. Below 0.05 we call a difference unlikely to be chance; above it, “no clear difference” — which is not the same as no effect.".into()),
    ]
}
