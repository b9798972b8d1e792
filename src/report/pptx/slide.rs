//! One slide's XML per kind of content (cover, summary, chart, text list)
//! and its notes page. Titles and running text go into the layout's
//! placeholders, so a manager can retitle, restyle and rearrange; the
//! summary's cards are text boxes and its table a native table, so both
//! can be edited. Sizes that depend on the text (a long finding, a card's
//! figure, table rows) are measured with the charts' font metrics.

use std::fmt::Write;

use super::geom::*;
use super::master::{xfrm, DECL, NS, SP_TREE_START};
use super::xml::{esc, paragraph, Para, Style};
use super::{Card, Item, NoteLine, Table};
use crate::charts::theme::wrap;

const INK: &str = "1F2328";
const MUTED: &str = "4B5563";
const SUBTLE: &str = "6B7280";
const RULE: &str = "E5E7EB";
const PANEL: &str = "F3F4F6";

fn open() -> String {
    format!("{DECL}<p:sld {NS}><p:cSld>{SP_TREE_START}")
}

fn close(mut s: String) -> String {
    s.push_str("</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>");
    s
}

/// Lines `text` takes at `size_pt` in a box `width` EMU wide (insets off).
fn lines(text: &str, size_pt: f64, bold: bool, width: i64) -> usize {
    let w = pt(width - 2 * INSET_X);
    wrap(text, size_pt, bold, w).len().max(1)
}

/// A placeholder shape holding paragraphs; `ph` is its `<p:ph …/>`.
fn ph_shape(s: &mut String, id: u32, name: &str, ph: &str, body_pr: &str, paras: &str) {
    let _ = write!(
        s,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody>{body_pr}<a:lstStyle/>{paras}</p:txBody></p:sp>"
    );
}

/// The title placeholder, its size stepped down for a finding too long
/// for two lines at the master's 26 pt.
fn title(s: &mut String, text: &str, ph: &str) {
    let size = [26u32, 22, 18]
        .into_iter()
        .find(|sz| lines(text, *sz as f64, true, TITLE.w) <= 2)
        .unwrap_or(16);
    let st = if size == 26 {
        Style::default()
    } else {
        Style::sized(size)
    };
    let mut p = String::new();
    paragraph(&mut p, &[(text, st)], Para::default());
    ph_shape(s, 2, "Title 1", ph, "<a:bodyPr/>", &p);
}

pub fn cover(heading: &str, lines_below: &[String]) -> String {
    let mut s = open();
    let mut p = String::new();
    paragraph(&mut p, &[(heading, Style::default())], Para::default());
    ph_shape(
        &mut s,
        2,
        "Title 1",
        "<p:ph type=\"ctrTitle\"/>",
        "<a:bodyPr/>",
        &p,
    );
    let mut p = String::new();
    for (i, l) in lines_below.iter().enumerate() {
        let st = if i == 0 {
            Style::default()
        } else {
            Style::sized(14)
        };
        let para = Para {
            space_before_pt: if i == 0 { 0 } else { 6 },
            ..Para::default()
        };
        paragraph(&mut p, &[(l, st)], para);
    }
    ph_shape(
        &mut s,
        3,
        "Subtitle 2",
        "<p:ph type=\"subTitle\" idx=\"1\"/>",
        "<a:bodyPr/>",
        &p,
    );
    close(s)
}

/// Title and a text list (data quality, definitions): each item a
/// paragraph, its term in bold. `size_pt` is chosen by the caller so the
/// list fits (see [`list_height`]).
pub fn list(heading: &str, items: &[Item], size_pt: u32) -> String {
    let mut s = open();
    title(&mut s, heading, "<p:ph type=\"title\"/>");
    let mut p = String::new();
    for it in items {
        let st = Style::sized(size_pt);
        let term = it.term.as_deref().map(|t| format!("{t}  "));
        let mut runs = Vec::new();
        if let Some(t) = &term {
            runs.push((t.as_str(), st.bold()));
        }
        runs.push((it.text.as_str(), st));
        paragraph(
            &mut p,
            &runs,
            Para {
                bullet: it.bullet,
                space_before_pt: 8,
                ..Para::default()
            },
        );
    }
    ph_shape(
        &mut s,
        3,
        "Content Placeholder 2",
        "<p:ph idx=\"1\"/>",
        "<a:bodyPr><a:normAutofit/></a:bodyPr>",
        &p,
    );
    close(s)
}

/// The height (EMU) `items` take in the body placeholder at `size_pt`.
pub fn list_height(items: &[Item], size_pt: u32) -> i64 {
    let size = size_pt as f64;
    let mut h = 2 * INSET_Y;
    for it in items {
        let text = match &it.term {
            Some(t) => format!("{t}  {}", it.text),
            None => it.text.clone(),
        };
        let indent = if it.bullet { 285_750 } else { 0 };
        let n = lines(&text, size, false, BODY.w - indent);
        h += ((n as f64 * size * 1.2 + 8.0) * EMU_PER_PT as f64) as i64;
    }
    h
}

fn card(s: &mut String, id: u32, at: Rect, c: &Card) {
    let inner = at.w - 2 * INSET_X - 2 * 45_720;
    let figure_pt = [26u32, 22, 18, 16, 14]
        .into_iter()
        .find(|sz| lines(&c.figure, *sz as f64, true, inner + 2 * INSET_X) <= 1)
        .unwrap_or(12);
    let mut p = String::new();
    paragraph(
        &mut p,
        &[(&c.heading, Style::sized(12).bold().colour(MUTED))],
        Para::default(),
    );
    paragraph(
        &mut p,
        &[(&c.figure, Style::sized(figure_pt).bold().colour(INK))],
        Para {
            space_before_pt: 4,
            ..Para::default()
        },
    );
    paragraph(
        &mut p,
        &[(&c.note, Style::sized(11).colour(SUBTLE))],
        Para {
            space_before_pt: 4,
            ..Para::default()
        },
    );
    paragraph(
        &mut p,
        &[(&c.outcome, Style::sized(11).bold().colour(c.accent))],
        Para {
            space_before_pt: 6,
            ..Para::default()
        },
    );
    let _ = write!(
        s,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{} card\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val=\"{PANEL}\"/></a:solidFill><a:ln w=\"38100\"><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr wrap=\"square\" lIns=\"137160\" tIns=\"91440\" rIns=\"137160\" bIns=\"91440\" anchor=\"t\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{p}</p:txBody></p:sp>",
        esc(&c.heading),
        xfrm(at)
    );
    // The outcome's colour as a bar along the card's top edge.
    let bar = Rect { h: 38_100, ..at };
    let _ = write!(
        s,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{}\" name=\"{} accent\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        id + 1,
        esc(&c.heading),
        xfrm(bar),
        c.accent
    );
}

fn cell(s: &mut String, text: &str, st: Style, fill: &str, top_rule: bool) {
    let mut p = String::new();
    paragraph(&mut p, &[(text, st)], Para::default());
    let none = |side: &str| format!("<a:{side} w=\"0\"><a:noFill/></a:{side}>");
    let rule = |side: &str| {
        format!("<a:{side} w=\"12700\"><a:solidFill><a:srgbClr val=\"{RULE}\"/></a:solidFill></a:{side}>")
    };
    let _ = write!(
        s,
        "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{p}</a:txBody><a:tcPr marL=\"91440\" marR=\"91440\" marT=\"64008\" marB=\"64008\">{}{}{}{}<a:solidFill><a:srgbClr val=\"{fill}\"/></a:solidFill></a:tcPr></a:tc>",
        none("lnL"),
        none("lnR"),
        if top_rule { rule("lnT") } else { none("lnT") },
        rule("lnB"),
    );
}

/// Row heights (EMU) of `t` at `size_pt`, header first.
fn row_heights(t: &Table, widths: &[i64], size_pt: u32) -> Vec<i64> {
    let size = size_pt as f64;
    std::iter::once(&t.header)
        .chain(&t.rows)
        .map(|row| {
            let n = row
                .iter()
                .zip(widths)
                .map(|(c, w)| lines(c, size, true, *w))
                .max()
                .unwrap_or(1);
            ((n as f64 * size * 1.2) * EMU_PER_PT as f64) as i64 + 2 * 64_008 + 12_700
        })
        .collect()
}

pub fn summary(heading: &str, cards: &[Card], table: &Table) -> String {
    let mut s = open();
    title(&mut s, heading, "<p:ph type=\"title\"/>");
    let gap = 137_160;
    let n = cards.len().max(1) as i64;
    let w = (CONTENT_W - gap * (n - 1)) / n;
    let top = BODY.y - 91_440;
    let card_h = 1_600_200;
    for (i, c) in cards.iter().enumerate() {
        let at = Rect {
            x: MARGIN + i as i64 * (w + gap),
            y: top,
            w,
            h: card_h,
        };
        card(&mut s, 10 + 2 * i as u32, at, c);
    }

    let total: u32 = table.widths.iter().sum::<u32>().max(1);
    let widths: Vec<i64> = table
        .widths
        .iter()
        .map(|p| CONTENT_W * *p as i64 / total as i64)
        .collect();
    let y = top + card_h + 228_600;
    let room = SLIDE_H - 228_600 - y;
    let size = [12u32, 11, 10, 9]
        .into_iter()
        .find(|sz| row_heights(table, &widths, *sz).iter().sum::<i64>() <= room)
        .unwrap_or(8);
    let heights = row_heights(table, &widths, size);
    let h: i64 = heights.iter().sum();
    let grid_w: i64 = widths.iter().sum();
    let _ = write!(
        s,
        "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"40\" name=\"Headline table\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"{MARGIN}\" y=\"{y}\"/><a:ext cx=\"{grid_w}\" cy=\"{h}\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\"/><a:tblGrid>"
    );
    for w in &widths {
        let _ = write!(s, "<a:gridCol w=\"{w}\"/>");
    }
    s.push_str("</a:tblGrid>");
    let _ = write!(s, "<a:tr h=\"{}\">", heights[0]);
    for c in &table.header {
        cell(
            &mut s,
            c,
            Style::sized(size).bold().colour(MUTED),
            PANEL,
            false,
        );
    }
    s.push_str("</a:tr>");
    for (r, row) in table.rows.iter().enumerate() {
        let _ = write!(s, "<a:tr h=\"{}\">", heights[r + 1]);
        for (i, c) in row.iter().enumerate() {
            let mut st = Style::sized(size).colour(INK);
            if i == 0 {
                st = st.bold();
            }
            if let Some(colour) = table.emphasis.get(r).and_then(|e| e.filter(|_| i == 1)) {
                st = st.bold().colour(colour);
            }
            cell(&mut s, c, st, "FFFFFF", r == 0);
        }
        s.push_str("</a:tr>");
    }
    s.push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
    close(s)
}

/// A chart: the finding as title, the picture (relationship `rId3`) as
/// large as fits, and the one-line reading under it.
pub fn chart(heading: &str, alt: &str, reading: &str) -> String {
    let mut s = open();
    title(&mut s, heading, "<p:ph type=\"title\"/>");
    let _ = write!(
        s,
        "<p:pic><p:nvPicPr><p:cNvPr id=\"3\" name=\"Chart\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"rId3\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        esc(alt),
        xfrm(CHART)
    );
    let size = [14u32, 12, 11]
        .into_iter()
        .find(|sz| lines(reading, *sz as f64, false, READING.w) <= 2)
        .unwrap_or(10);
    let st = if size == 14 {
        Style::default()
    } else {
        Style::sized(size)
    };
    let mut p = String::new();
    paragraph(&mut p, &[(reading, st)], Para::default());
    ph_shape(
        &mut s,
        4,
        "Reading 2",
        "<p:ph type=\"body\" sz=\"quarter\" idx=\"13\"/>",
        "<a:bodyPr/>",
        &p,
    );
    close(s)
}

/// The speaker notes page of one slide.
pub fn notes(lines: &[NoteLine]) -> String {
    let mut s = format!("{DECL}<p:notes {NS}><p:cSld>{SP_TREE_START}");
    s.push_str("<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>");
    let mut p = String::new();
    for l in lines {
        let st = if l.heading {
            Style::default().bold()
        } else {
            Style::default()
        };
        let para = Para {
            space_before_pt: if l.heading { 6 } else { 0 },
            ..Para::default()
        };
        paragraph(&mut p, &[(&l.text, st)], para);
    }
    if lines.is_empty() {
        paragraph(&mut p, &[], Para::default());
    }
    ph_shape(
        &mut s,
        3,
        "Notes Placeholder 2",
        "<p:ph type=\"body\" idx=\"1\"/>",
        "<a:bodyPr/>",
        &p,
    );
    s.push_str("</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>");
    s
}
