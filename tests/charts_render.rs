//! Charts on the sample program: an SVG snapshot of every chart (geometry
//! normalised, so the snapshot reviews text, colours and structure rather
//! than pixel positions), PNG sizes, determinism, and the edge cases: hostile
//! and non-ASCII names, suppressed survey groups, and an empty program.
//!
//! Set `MENTORSCOPE_CHART_DIR=/some/dir` to also write every PNG there for
//! looking at.

use mentorscope::analysis::frames::ProgramData;
use mentorscope::analysis::{analyze_data, Analysis, AnalysisOptions};
use mentorscope::charts::{self, Chart, ChartContext, ChartExtras, ChartKind};
use mentorscope::report::{self, ReportOptions};
use mentorscope::Store;

mod common;
use common::svg;

struct Program {
    data: ProgramData,
    ctx: ChartContext,
}

fn sample() -> Program {
    let mut store = Store::open_in_memory().unwrap();
    mentorscope::sample::import_into(&mut store).unwrap();
    Program {
        data: ProgramData::load(&store).unwrap(),
        ctx: ChartContext {
            sources: report::sources(&store).unwrap(),
        },
    }
}

fn analyse(p: &Program, opts: &AnalysisOptions) -> (Analysis, ChartExtras) {
    let a = analyze_data(&p.data, opts).unwrap();
    let x = report::chart_extras(
        &p.data,
        &a,
        &ReportOptions {
            analysis: opts.clone(),
            ..Default::default()
        },
    );
    (a, x)
}

/// Geometry attributes become `_`, and runs of identical lines collapse to
/// one line with a count.
fn normalise(svg: &str) -> String {
    const GEOMETRY: [&str; 13] = [
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "width",
        "height",
        "points",
        "transform",
    ];
    let mut out = String::new();
    let mut rest = svg;
    while let Some(i) = rest.find("=\"") {
        let (before, after) = rest.split_at(i);
        let name_start = before.rfind(' ').map(|p| p + 1).unwrap_or(0);
        let name = &before[name_start..];
        let Some(end) = after[2..].find('"') else {
            break;
        };
        out.push_str(before);
        if GEOMETRY.contains(&name) && !before.trim_start().starts_with("<svg") {
            out.push_str("=\"_\"");
        } else {
            out.push_str(&after[..end + 3]);
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    let mut lines: Vec<(String, usize)> = Vec::new();
    for l in out.lines() {
        match lines.last_mut() {
            Some((prev, n)) if prev == l => *n += 1,
            _ => lines.push((l.to_string(), 1)),
        }
    }
    lines
        .into_iter()
        .map(|(l, n)| if n > 1 { format!("{l}  ×{n}") } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

fn snapshot(name: &str, value: &str) {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots/charts");
    s.set_prepend_module_to_snapshot(false);
    s.bind(|| insta::assert_snapshot!(name, value));
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    (w, h)
}

fn maybe_write(prefix: &str, c: &Chart) {
    if let Ok(dir) = std::env::var("MENTORSCOPE_CHART_DIR") {
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        let png = charts::png(&c.svg, 1).unwrap();
        std::fs::write(dir.join(format!("{prefix}{}.png", c.kind.file_stem())), png).unwrap();
    }
}

#[test]
fn every_chart_of_the_sample_program_matches_its_snapshot() {
    let p = sample();
    let (a, x) = analyse(&p, &AnalysisOptions::default());
    let all = charts::render_all(&a, &x, &p.ctx).unwrap();
    assert_eq!(all.len(), ChartKind::ALL.len());
    for c in &all {
        // The sample's pairing sheet may carry no formats; that chart then
        // says so instead of drawing.
        assert!(
            c.has_data || (c.kind == ChartKind::Formats && a.formats.is_none()),
            "{:?} drew no data",
            c.kind
        );
        maybe_write("", c);
        snapshot(c.kind.file_stem(), &normalise(&c.svg));
    }
}

#[test]
fn pngs_are_slide_sized_and_rendering_is_deterministic() {
    let p = sample();
    let (a, x) = analyse(&p, &AnalysisOptions::default());
    let c = charts::render(ChartKind::RampUp, &a, &x, &p.ctx).unwrap();
    let again = charts::render(ChartKind::RampUp, &a, &x, &p.ctx).unwrap();
    assert_eq!(c.svg, again.svg);
    let one = charts::png(&c.svg, 1).unwrap();
    assert_eq!(png_size(&one), (1920, 1080));
    assert_eq!(one, charts::png(&again.svg, 1).unwrap());
    assert_eq!(png_size(&charts::png(&c.svg, 2).unwrap()), (3840, 2160));
}

const HOSTILE: &str = "R&D \"Labs\" <script>alert(1)</script> — Équipe Données, Łukasz Søndergaard-Mäkinen's very long question about whether anyone ever reads this far";

#[test]
fn hostile_long_and_non_ascii_names_stay_text_and_inside_the_canvas() {
    let mut p = sample();
    p.ctx.sources.insert(
        "survey".into(),
        vec!["R&D \"Labs\" <export> Équipe.csv".into()],
    );
    let (mut a, mut x) = analyse(&p, &AnalysisOptions::default());
    a.item_means.items[0] = HOSTILE.into();
    a.item_distributions[0].item = HOSTILE.into();
    a.enps.item = Some(HOSTILE.into());
    a.ramp_up.milestone_kind = Some("Première <b>PR</b> fusionnée".into());
    a.ramp_up.group_labels = [
        "Équipe Données & friends".into(),
        "R&D \"Labs\" <script>".into(),
    ];
    a.retention.group_labels = a.ramp_up.group_labels.clone();
    a.waves[0].wave = HOSTILE.into();
    a.cohorts[0].cohort = HOSTILE.into();
    let mut formats = a.cohorts.clone();
    formats[0].cohort = "Équipe <script>alert(1)</script> & co".into();
    a.formats = Some(formats);
    x.topics[0].topic = HOSTILE.into();
    a.skills[0].area = HOSTILE.into();
    a.skills[0].rater = "R&D <lead>".into();
    let after = a.comments.after.as_mut().unwrap();
    after.top_terms.as_mut().unwrap()[0].0 = "<script>alert(1)</script> & co".into();
    a.comments.distinctive.as_mut().unwrap().after[0].0 = "Équipe <b>R&D</b>".into();
    x.active_pairs[0].mentor = "zoë.núñez-søndergaard@example.com".into();
    x.active_pairs[0].mentee = "<img src=x onerror=alert(1)>".into();
    for c in charts::render_all(&a, &x, &p.ctx).unwrap() {
        maybe_write("hostile-", &c);
        for raw in ["<script", "<img", "<b>", "<export>"] {
            assert!(!c.svg.contains(raw), "{:?} has raw {raw}", c.kind);
        }
        // Well-formed XML that the rasteriser accepts.
        charts::parse_svg(&c.svg).unwrap();
        // Inside the canvas: every mark's coordinates, and every text as
        // the rasteriser lays it out (a long name must be cut or wrapped,
        // not run off the edge).
        let off = svg::marks_outside_canvas(&c.svg);
        assert!(
            off.is_empty(),
            "{:?}: marks off the canvas: {off:#?}",
            c.kind
        );
        let off = svg::texts_outside_canvas(&c.svg);
        assert!(
            off.is_empty(),
            "{:?}: text off the canvas: {off:#?}",
            c.kind
        );
        let shows_names = !matches!(
            c.kind,
            ChartKind::Delivery | ChartKind::DeliveryTrend | ChartKind::MeetingsPerMonth
        );
        if shows_names {
            // The hostile names themselves, escaped (not any entity
            // anywhere): the chart drew them and they stayed text.
            assert!(
                [
                    "R&amp;D",
                    "&lt;script&gt;",
                    "&lt;img",
                    "Première &lt;b&gt;",
                    "&lt;lead&gt;",
                    "&lt;b&gt;R&amp;D"
                ]
                .iter()
                .any(|s| c.svg.contains(s)),
                "{:?} shows none of the hostile names, escaped",
                c.kind
            );
        }
    }
}

#[test]
fn suppressed_survey_groups_are_never_drawn() {
    let p = sample();
    // The figures a k = 1000 analysis must hide, from the same data at the
    // default k: none of them may reach a chart.
    let (open, _) = analyse(&p, &AnalysisOptions::default());
    let u = &open.survey_unpaired;
    let mut secrets: Vec<String> = [u.mean_before, u.mean_after, u.diff, u.adjusted.diff]
        .into_iter()
        .flatten()
        .map(|v| format!("{:.2}", v.abs()))
        .collect();
    secrets.extend(
        open.waves
            .iter()
            .filter_map(|w| w.mean)
            .map(|m| format!("{m:.2}")),
    );
    secrets.extend(
        open.cohorts
            .iter()
            .filter_map(|c| c.after_mean)
            .map(|m| format!("{m:.2}")),
    );
    assert!(!secrets.is_empty());
    let opts = AnalysisOptions {
        min_group_size: 1000,
        ..Default::default()
    };
    let (a, x) = analyse(&p, &opts);
    for kind in [
        ChartKind::SatisfactionItems,
        ChartKind::SatisfactionDistribution,
        ChartKind::Enps,
        ChartKind::SatisfactionTrend,
        ChartKind::SkillGrowth,
        ChartKind::SkillCoverage,
        ChartKind::CommentTerms,
    ] {
        let c = charts::render(kind, &a, &x, &p.ctx).unwrap();
        maybe_write("suppressed-", &c);
        assert!(!c.has_data, "{kind:?}");
        assert!(
            c.svg.contains("fewer than 1000") || c.svg.contains("Fewer than 1000"),
            "{kind:?} does not say why"
        );
    }
    // Charts that mix HR outcomes (shown) with survey figures (hidden).
    for kind in [ChartKind::AdjustedEffects, ChartKind::Cohorts] {
        let c = charts::render(kind, &a, &x, &p.ctx).unwrap();
        maybe_write("suppressed-", &c);
        assert!(c.has_data, "{kind:?}");
        assert!(
            c.svg.contains("fewer than 1000"),
            "{kind:?} does not say why"
        );
    }
    for c in charts::render_all(&a, &x, &p.ctx).unwrap() {
        for s in &secrets {
            // Survey figures are written with two decimals; a hazard
            // ratio or a day count that happens to share the digits is
            // not a leak, so only survey-bearing charts are checked.
            if matches!(
                c.kind,
                ChartKind::SatisfactionItems
                    | ChartKind::SatisfactionDistribution
                    | ChartKind::Enps
                    | ChartKind::SatisfactionTrend
                    | ChartKind::Cohorts
                    | ChartKind::Formats
            ) {
                assert!(!c.svg.contains(s.as_str()), "{:?} shows {s}", c.kind);
            }
        }
    }
    // The forest plot's survey rows: no difference, raw, paired or
    // adjusted, in the signed form the chart writes them.
    let forest = charts::render(ChartKind::AdjustedEffects, &a, &x, &p.ctx).unwrap();
    for d in [u.diff, open.survey_paired.mean_diff, u.adjusted.diff]
        .into_iter()
        .flatten()
    {
        let shown = format!("{}{:.2}", if d < 0.0 { '−' } else { '+' }, d.abs());
        assert!(
            !forest.svg.contains(&shown),
            "the forest plot shows {shown}"
        );
    }
    // HR outcomes are not suppressed.
    let r = charts::render(ChartKind::RampUp, &a, &x, &p.ctx).unwrap();
    assert!(r.has_data);
}

#[test]
fn an_empty_program_renders_every_chart_with_a_reason() {
    let data = ProgramData::default();
    let a = analyze_data(&data, &AnalysisOptions::default()).unwrap();
    let x = report::chart_extras(&data, &a, &ReportOptions::default());
    for c in charts::render_all(&a, &x, &ChartContext::default()).unwrap() {
        maybe_write("empty-", &c);
        assert!(!c.has_data, "{:?}", c.kind);
        assert!(
            c.svg.contains("Not enough data")
                || c.svg.contains("No active")
                || c.svg.contains("No formats in the pairing sheet"),
            "{:?}",
            c.kind
        );
        assert_eq!(png_size(&charts::png(&c.svg, 1).unwrap()), (1920, 1080));
    }
}
