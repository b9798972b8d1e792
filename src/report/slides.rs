//! What `review.pptx` says, slide by slide: a cover (program, period,
//! as-of date), the headlines (cards and a table), one slide per chart the
//! pack renders (its finding as title, the picture, the first sentence of
//! its reading; verdict, numbers, caveats and the whole reading in the
//! speaker notes), data quality and definitions. All words come from
//! `text` and `notes`, as in the HTML and PDF; this module only arranges
//! them into a [`Deck`], which `pptx` writes.

use super::notes::{chart_notes, first_sentence};
use super::pptx::{self, Card, Content, Deck, Item, NoteLine, Slide, Table};
use super::text::{definitions, headlines, outcome_label, scope_line};
use crate::analysis::{Analysis, AnalysisOptions};
use crate::charts::theme::thousands;
use crate::charts::{date_long, Chart, ChartExtras};

fn accent(outcome: &str) -> &'static str {
    match outcome {
        "improved" => "0072B2",
        "worsened" => "D55E00",
        _ => "6B7280",
    }
}

/// Builds the deck; `pngs[i]` is chart `i` at 2× (3840×2160).
pub fn deck<'a>(
    name: &str,
    a: &Analysis,
    charts: &[Chart],
    pngs: &[&'a [u8]],
    x: &ChartExtras,
    o: &AnalysisOptions,
) -> Deck<'a> {
    let mut slides = Vec::new();
    let date = |d: Option<chrono::NaiveDate>| d.map(date_long).unwrap_or_else(|| "—".into());

    slides.push(Slide {
        content: Content::Cover {
            title: name.to_string(),
            lines: vec![
                format!("Mentorship program review · as of {}", date(a.as_of)),
                format!(
                    "Program period: launched {}, reviewed up to {}",
                    date(a.launch),
                    date(a.as_of)
                ),
                scope_line(a, o),
            ],
        },
        notes: vec![
            NoteLine::text(
                "Made with Mentorscope from the program's own exports. Every number is in the analyst's workbook (review.xlsx) and analysis.json; the same data and options always give this same deck.",
            ),
            NoteLine::text(format!(
                "Survey results over fewer than {} people are hidden everywhere, including these notes.",
                a.min_group_size
            )),
        ],
    });

    let heads = headlines(a);
    let mut notes = Vec::new();
    for h in &heads {
        notes.push(NoteLine::heading(format!(
            "{}: {} ({})",
            h.section,
            outcome_label(&h.outcome),
            h.figure
        )));
        notes.push(NoteLine::text(h.verdict.clone()));
        for c in &h.caveats {
            notes.push(NoteLine::text(format!("Caveat: {c}")));
        }
    }
    slides.push(Slide {
        content: Content::Summary {
            title: "The headlines".into(),
            cards: heads
                .iter()
                .map(|h| Card {
                    heading: h.section.to_string(),
                    figure: h.figure.clone(),
                    note: h.figure_note.clone(),
                    outcome: outcome_label(&h.outcome).to_string(),
                    accent: accent(&h.outcome),
                })
                .collect(),
            table: Table {
                header: vec![
                    "Comparison".into(),
                    "Outcome".into(),
                    "What the data says".into(),
                ],
                rows: heads
                    .iter()
                    .map(|h| {
                        vec![
                            h.section.to_string(),
                            outcome_label(&h.outcome).to_string(),
                            h.verdict.clone(),
                        ]
                    })
                    .collect(),
                widths: vec![16, 15, 69],
                emphasis: heads.iter().map(|h| Some(accent(&h.outcome))).collect(),
            },
        },
        notes,
    });

    for (c, png) in charts.iter().zip(pngs) {
        let n = chart_notes(c.kind, a, x);
        let mut notes = Vec::new();
        if let Some(v) = &n.verdict {
            notes.push(NoteLine::heading("Verdict"));
            notes.push(NoteLine::text(v.clone()));
        }
        if !n.numbers.is_empty() {
            notes.push(NoteLine::heading("Numbers"));
            notes.extend(n.numbers.iter().map(|l| NoteLine::text(l.clone())));
        }
        if !n.caveats.is_empty() {
            notes.push(NoteLine::heading("Caveats"));
            notes.extend(n.caveats.iter().map(|l| NoteLine::text(l.clone())));
        }
        notes.push(NoteLine::heading("How to read it"));
        notes.push(NoteLine::text(n.how_to_read.clone()));
        slides.push(Slide {
            content: Content::Chart {
                title: c.title.clone(),
                png,
                alt: format!("{}. {}", c.title, c.subtitle),
                reading: first_sentence(&n.how_to_read).to_string(),
            },
            notes,
        });
    }

    let dq = &a.data_quality;
    let mut quality: Vec<Item> = dq
        .notes
        .iter()
        .map(|n| Item {
            term: None,
            text: n.clone(),
            bullet: true,
        })
        .collect();
    if quality.is_empty() {
        quality.push(Item {
            term: None,
            text: "No problems found in how the files fit together.".into(),
            bullet: false,
        });
    }
    for (term, n, what) in [
        (
            "Not on the roster",
            dq.identities_not_on_roster,
            "people in meetings, pairings or surveys",
        ),
        (
            "Pairings without meetings",
            dq.pairings_without_meetings,
            "pairings with no meeting logged",
        ),
        (
            "Anonymous survey answers",
            dq.survey_responses_without_identity,
            "survey responses that name no one",
        ),
        (
            "After the as-of date",
            dq.dates_after_as_of,
            "dates later than the day the analysis looks from",
        ),
    ] {
        quality.push(Item {
            term: Some(format!("{term}:")),
            text: format!("{} {what}", thousands(n as u64)),
            bullet: false,
        });
    }
    let counts = vec![NoteLine::text(
        "Problems with single rows (bad dates, unknown people) are listed per import in Mentorscope's import history; these are the ones about how the files fit together.",
    )];
    paginate(&mut slides, "Data quality", quality, 16, &counts);

    let defs: Vec<Item> = definitions(a)
        .into_iter()
        .map(|(term, text)| Item {
            term: Some(term),
            text,
            bullet: false,
        })
        .collect();
    paginate(
        &mut slides,
        "Definitions",
        defs,
        14,
        &[NoteLine::text(
            "The full definitions, with the statistics each number uses, are in Mentorscope's METRICS documentation; the workbook has the same list.",
        )],
    );

    Deck {
        title: format!("{name} — review as of {}", date(a.as_of)),
        date: a.as_of,
        slides,
    }
}

/// Spreads `items` over as many list slides as they need at `size_pt`
/// ("Definitions (2 of 2)"); one item too long for a slide on its own gets
/// a smaller size.
fn paginate(
    slides: &mut Vec<Slide<'_>>,
    title: &str,
    items: Vec<Item>,
    size_pt: u32,
    notes: &[NoteLine],
) {
    // One slide at a slightly smaller size reads better than a second
    // slide holding one item.
    let pages: Vec<(Vec<Item>, u32)> =
        match (12..=size_pt).rev().find(|s| pptx::list_fits(&items, *s)) {
            Some(size) => vec![(items, size)],
            None => {
                let mut pages: Vec<Vec<Item>> = vec![Vec::new()];
                for it in items {
                    let last = pages.len() - 1;
                    pages[last].push(it);
                    if pages[last].len() > 1 && !pptx::list_fits(&pages[last], size_pt) {
                        let moved = pages[last].pop();
                        pages.push(moved.into_iter().collect());
                    }
                }
                pages
                    .into_iter()
                    .map(|p| {
                        // An item too long for a slide on its own gets smaller.
                        let size = [size_pt, 12, 10]
                            .into_iter()
                            .find(|s| pptx::list_fits(&p, *s))
                            .unwrap_or(9);
                        (p, size)
                    })
                    .collect()
            }
        };
    let n = pages.len();
    for (i, (page, size)) in pages.into_iter().enumerate() {
        let title = if n > 1 {
            format!("{title} ({} of {n})", i + 1)
        } else {
            title.to_string()
        };
        slides.push(Slide {
            content: Content::List {
                title,
                items: page,
                size_pt: size,
            },
            notes: notes
                .iter()
                .map(|l| NoteLine {
                    text: l.text.clone(),
                    heading: l.heading,
                })
                .collect(),
        });
    }
}
