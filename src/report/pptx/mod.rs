//! `review.pptx`: a deck (plain data: [`Deck`]) written as an Office Open
//! XML presentation with `zip`, part by part: package and relationships
//! (`package`), theme, master, layouts and the presentation-level parts
//! (`master`), slides and notes pages (`slide`), text and escaping
//! (`xml`), positions (`geom`).
//!
//! This module knows nothing of the analysis: what each slide says is
//! decided in `report::slides`. It writes no clock time, no random id and
//! no machine name, and zips its parts in a fixed order with fixed entry
//! times, so the same deck gives the same bytes. No Rust crate on the
//! registry writes decks that are known to open in PowerPoint without a
//! repair prompt (the candidates are young single releases), so the parts
//! are written here, the way python-pptx's own template lays them out.

mod geom;
mod master;
mod package;
mod slide;
mod xml;

use chrono::NaiveDate;

use crate::error::Result;
use master::{LAYOUTS, LAYOUT_CHART, LAYOUT_CONTENT, LAYOUT_TITLE, LAYOUT_TITLE_ONLY};
use package::{rels_name, rels_xml, Part, PartBytes, Rel};

/// The whole deck, in slide order.
pub struct Deck<'a> {
    /// The document title (file properties).
    pub title: String,
    /// The only date in the file's properties (the as-of date).
    pub date: Option<NaiveDate>,
    pub slides: Vec<Slide<'a>>,
}

pub struct Slide<'a> {
    pub content: Content<'a>,
    /// The speaker notes, one paragraph each.
    pub notes: Vec<NoteLine>,
}

pub enum Content<'a> {
    Cover {
        title: String,
        lines: Vec<String>,
    },
    Summary {
        title: String,
        cards: Vec<Card>,
        table: Table,
    },
    Chart {
        title: String,
        /// The chart as PNG (16:9).
        png: &'a [u8],
        /// Alternative text for screen readers.
        alt: String,
        reading: String,
    },
    List {
        title: String,
        items: Vec<Item>,
        /// Font size, chosen so the items fit (see [`list_fits`]).
        size_pt: u32,
    },
}

/// A headline card of the summary slide.
pub struct Card {
    pub heading: String,
    pub figure: String,
    pub note: String,
    pub outcome: String,
    /// `RRGGBB` of the outcome.
    pub accent: &'static str,
}

pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Relative column widths.
    pub widths: Vec<u32>,
    /// Per row, the colour of its second cell (the outcome), if any.
    pub emphasis: Vec<Option<&'static str>>,
}

/// One paragraph of a list slide.
pub struct Item {
    pub term: Option<String>,
    pub text: String,
    pub bullet: bool,
}

/// One paragraph of speaker notes; headings are bold.
pub struct NoteLine {
    pub text: String,
    pub heading: bool,
}

impl NoteLine {
    pub fn heading(t: impl Into<String>) -> NoteLine {
        NoteLine {
            text: t.into(),
            heading: true,
        }
    }
    pub fn text(t: impl Into<String>) -> NoteLine {
        NoteLine {
            text: t.into(),
            heading: false,
        }
    }
}

/// True when `items` fit one content slide at `size_pt`.
pub fn list_fits(items: &[Item], size_pt: u32) -> bool {
    slide::list_height(items, size_pt) <= geom::BODY.h
}

/// Writes the deck as `.pptx` bytes.
pub fn write(deck: &Deck<'_>) -> Result<Vec<u8>> {
    let n = deck.slides.len();
    let mut parts: Vec<Part<'_>> = Vec::new();
    let xml = |name: &str, ct: Option<&'static str>, body: String| Part {
        name: name.to_string(),
        content_type: ct,
        bytes: PartBytes::Xml(body),
    };
    let rels = |part: &str, rels: Vec<Rel>| Part {
        name: rels_name(part),
        content_type: None,
        bytes: PartBytes::Xml(rels_xml(&rels)),
    };

    parts.push(rels(
        "",
        vec![
            Rel::new("rId1", "officeDocument", "ppt/presentation.xml"),
            Rel::new(
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
            Rel::new("rId3", "extended-properties", "docProps/app.xml"),
        ],
    ));
    parts.push(xml(
        "docProps/core.xml",
        Some("application/vnd.openxmlformats-package.core-properties+xml"),
        master::core_props(&deck.title, deck.date),
    ));
    parts.push(xml(
        "docProps/app.xml",
        Some("application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        master::app_props(n),
    ));

    let ct_main =
        Some("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");
    parts.push(xml(
        "ppt/presentation.xml",
        ct_main,
        master::presentation(n),
    ));
    let mut pres_rels = vec![
        Rel::new("rId1", "slideMaster", "slideMasters/slideMaster1.xml"),
        Rel::new("rId2", "notesMaster", "notesMasters/notesMaster1.xml"),
    ];
    for i in 0..n {
        pres_rels.push(Rel::new(
            format!("rId{}", 3 + i),
            "slide",
            format!("slides/slide{}.xml", i + 1),
        ));
    }
    for (j, (kind, target)) in [
        ("presProps", "presProps.xml"),
        ("viewProps", "viewProps.xml"),
        ("theme", "theme/theme1.xml"),
        ("tableStyles", "tableStyles.xml"),
    ]
    .into_iter()
    .enumerate()
    {
        pres_rels.push(Rel::new(format!("rId{}", 3 + n + j), kind, target));
    }
    parts.push(rels("ppt/presentation.xml", pres_rels));
    parts.push(xml(
        "ppt/presProps.xml",
        Some("application/vnd.openxmlformats-officedocument.presentationml.presProps+xml"),
        master::PRES_PROPS.into(),
    ));
    parts.push(xml(
        "ppt/viewProps.xml",
        Some("application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"),
        master::VIEW_PROPS.into(),
    ));
    parts.push(xml(
        "ppt/tableStyles.xml",
        Some("application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml"),
        master::TABLE_STYLES.into(),
    ));
    let ct_theme = Some("application/vnd.openxmlformats-officedocument.theme+xml");
    parts.push(xml(
        "ppt/theme/theme1.xml",
        ct_theme,
        master::theme("Mentorscope"),
    ));
    parts.push(xml(
        "ppt/theme/theme2.xml",
        ct_theme,
        master::theme("Mentorscope notes"),
    ));

    parts.push(xml(
        "ppt/slideMasters/slideMaster1.xml",
        Some("application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"),
        master::slide_master(),
    ));
    let mut master_rels: Vec<Rel> = LAYOUTS
        .iter()
        .map(|(i, _, _)| {
            Rel::new(
                format!("rId{i}"),
                "slideLayout",
                format!("../slideLayouts/slideLayout{i}.xml"),
            )
        })
        .collect();
    master_rels.push(Rel::new(
        format!("rId{}", LAYOUTS.len() + 1),
        "theme",
        "../theme/theme1.xml",
    ));
    parts.push(rels("ppt/slideMasters/slideMaster1.xml", master_rels));
    for (i, _, _) in LAYOUTS {
        let name = format!("ppt/slideLayouts/slideLayout{i}.xml");
        parts.push(xml(
            &name,
            Some("application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"),
            master::slide_layout(i),
        ));
        parts.push(rels(
            &name,
            vec![Rel::new(
                "rId1",
                "slideMaster",
                "../slideMasters/slideMaster1.xml",
            )],
        ));
    }
    parts.push(xml(
        "ppt/notesMasters/notesMaster1.xml",
        Some("application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"),
        master::notes_master(),
    ));
    parts.push(rels(
        "ppt/notesMasters/notesMaster1.xml",
        vec![Rel::new("rId1", "theme", "../theme/theme2.xml")],
    ));

    let mut images = 0;
    for (i, s) in deck.slides.iter().enumerate() {
        let k = i + 1;
        let (layout, body, png) = match &s.content {
            Content::Cover { title, lines } => (LAYOUT_TITLE, slide::cover(title, lines), None),
            Content::Summary {
                title,
                cards,
                table,
            } => (LAYOUT_TITLE_ONLY, slide::summary(title, cards, table), None),
            Content::Chart {
                title,
                png,
                alt,
                reading,
            } => (LAYOUT_CHART, slide::chart(title, alt, reading), Some(*png)),
            Content::List {
                title,
                items,
                size_pt,
            } => (LAYOUT_CONTENT, slide::list(title, items, *size_pt), None),
        };
        let name = format!("ppt/slides/slide{k}.xml");
        parts.push(xml(
            &name,
            Some("application/vnd.openxmlformats-officedocument.presentationml.slide+xml"),
            body,
        ));
        let mut slide_rels = vec![
            Rel::new(
                "rId1",
                "slideLayout",
                format!("../slideLayouts/slideLayout{layout}.xml"),
            ),
            Rel::new(
                "rId2",
                "notesSlide",
                format!("../notesSlides/notesSlide{k}.xml"),
            ),
        ];
        if let Some(bytes) = png {
            images += 1;
            let media = format!("ppt/media/image{images}.png");
            slide_rels.push(Rel::new(
                "rId3",
                "image",
                format!("../media/image{images}.png"),
            ));
            parts.push(Part {
                name: media,
                content_type: None,
                bytes: PartBytes::Binary(bytes),
            });
        }
        parts.push(rels(&name, slide_rels));
        let notes = format!("ppt/notesSlides/notesSlide{k}.xml");
        parts.push(xml(
            &notes,
            Some("application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"),
            slide::notes(&s.notes),
        ));
        parts.push(rels(
            &notes,
            vec![
                Rel::new("rId1", "notesMaster", "../notesMasters/notesMaster1.xml"),
                Rel::new("rId2", "slide", format!("../slides/slide{k}.xml")),
            ],
        ));
    }
    package::zip(&parts)
}
