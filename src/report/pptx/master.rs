//! The parts every deck has whatever its slides: the theme (Okabe–Ito
//! colours as the charts use, Arial named as the font), the slide master
//! with its text styles, the four layouts (title, title and content, title
//! only, chart), the notes master, and the small presentation-level parts
//! (`presProps`, `viewProps`, `tableStyles`, document properties).
//! Positions live here and in [`super::geom`], so a layout and the slides
//! that use it agree.

use std::fmt::Write;

use super::geom::*;
use super::xml::esc;

pub const NS: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";
pub const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The font every text uses: on every Windows and Mac, and metric-
/// compatible Liberation Sans stands in for it in LibreOffice. (The charts
/// carry DejaVu Sans inside their pictures.)
pub const FONT: &str = "Arial";

/// The four layouts, in master order: (file number, name, `type`).
pub const LAYOUTS: [(usize, &str, &str); 4] = [
    (1, "Title Slide", "title"),
    (2, "Title and Content", "obj"),
    (3, "Title Only", "titleOnly"),
    (4, "Chart with Reading", "cust"),
];
pub const LAYOUT_TITLE: usize = 1;
pub const LAYOUT_CONTENT: usize = 2;
pub const LAYOUT_TITLE_ONLY: usize = 3;
pub const LAYOUT_CHART: usize = 4;

pub fn theme(name: &str) -> String {
    let colours = [
        ("dk1", "1F2328"),
        ("lt1", "FFFFFF"),
        ("dk2", "4B5563"),
        ("lt2", "F3F4F6"),
        ("accent1", "0072B2"),
        ("accent2", "E69F00"),
        ("accent3", "009E73"),
        ("accent4", "D55E00"),
        ("accent5", "56B4E9"),
        ("accent6", "CC79A7"),
        ("hlink", "0072B2"),
        ("folHlink", "CC79A7"),
    ];
    let mut clr = String::new();
    for (n, v) in colours {
        let _ = write!(clr, "<a:{n}><a:srgbClr val=\"{v}\"/></a:{n}>");
    }
    // Scripts Arial lacks fall back to the usual system font of each.
    let scripts = "<a:font script=\"Jpan\" typeface=\"Yu Gothic\"/><a:font script=\"Hang\" typeface=\"Malgun Gothic\"/><a:font script=\"Hans\" typeface=\"DengXian\"/><a:font script=\"Hant\" typeface=\"Microsoft JhengHei\"/><a:font script=\"Arab\" typeface=\"Arial\"/><a:font script=\"Hebr\" typeface=\"Arial\"/><a:font script=\"Thai\" typeface=\"Tahoma\"/><a:font script=\"Deva\" typeface=\"Mangal\"/>";
    let font = |tag: &str| {
        format!("<a:{tag}><a:latin typeface=\"{FONT}\" panose=\"020B0604020202020204\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>{scripts}</a:{tag}>")
    };
    let solid = |c: &str| format!("<a:solidFill><a:schemeClr val=\"{c}\"/></a:solidFill>");
    let line = |w: u32| {
        format!("<a:ln w=\"{w}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>")
    };
    format!(
        "{DECL}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"{}\"><a:themeElements><a:clrScheme name=\"Mentorscope\">{clr}</a:clrScheme><a:fontScheme name=\"Mentorscope\">{}{}</a:fontScheme><a:fmtScheme name=\"Mentorscope\"><a:fillStyleLst>{}{}{}</a:fillStyleLst><a:lnStyleLst>{}{}{}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{}{}{}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        esc(name),
        font("majorFont"),
        font("minorFont"),
        solid("phClr"),
        solid("phClr"),
        solid("phClr"),
        line(6350),
        line(12700),
        line(19050),
        solid("phClr"),
        solid("phClr"),
        solid("phClr"),
    )
}

const CLR_MAP: &str = "bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"";

pub const SP_TREE_START: &str = "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

pub fn xfrm(r: Rect) -> String {
    format!(
        "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
        r.x, r.y, r.w, r.h
    )
}

/// A placeholder as the master and layouts declare it: position, how its
/// text sits, and a prompt (PowerPoint shows it only in an empty one).
#[allow(clippy::too_many_arguments)]
fn placeholder(
    out: &mut String,
    id: u32,
    name: &str,
    ph: &str,
    at: Option<Rect>,
    anchor: &str,
    lst_style: &str,
    prompt: &str,
) {
    let sp_pr = match at {
        Some(r) => format!("<p:spPr>{}</p:spPr>", xfrm(r)),
        None => "<p:spPr/>".into(),
    };
    let _ = write!(
        out,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>{sp_pr}<p:txBody><a:bodyPr anchor=\"{anchor}\"><a:normAutofit/></a:bodyPr><a:lstStyle>{lst_style}</a:lstStyle><a:p><a:r><a:rPr lang=\"en-GB\"/><a:t>{prompt}</a:t></a:r></a:p></p:txBody></p:sp>"
    );
}

fn level(lvl: u8, size_pt: u32, bullet: bool, colour: &str, extra: &str) -> String {
    let indent = 285750 * lvl as i64;
    let (mar, bu) = if bullet {
        (
            format!(" marL=\"{indent}\" indent=\"-285750\""),
            "<a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/>".to_string(),
        )
    } else {
        (
            " marL=\"0\" indent=\"0\"".to_string(),
            "<a:buNone/>".to_string(),
        )
    };
    format!(
        "<a:lvl{lvl}pPr{mar} algn=\"l\" defTabSz=\"914400\" rtl=\"0\" eaLnBrk=\"1\" latinLnBrk=\"0\" hangingPunct=\"1\"><a:lnSpc><a:spcPct val=\"100000\"/></a:lnSpc><a:spcBef><a:spcPts val=\"{}\"/></a:spcBef>{bu}<a:defRPr sz=\"{}\" kern=\"1200\"{extra}><a:solidFill><a:schemeClr val=\"{colour}\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/></a:defRPr></a:lvl{lvl}pPr>",
        if lvl == 1 { 600 } else { 300 },
        size_pt * 100
    )
}

pub fn slide_master() -> String {
    let mut s = format!("{DECL}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>{SP_TREE_START}");
    placeholder(
        &mut s,
        2,
        "Title Placeholder 1",
        "<p:ph type=\"title\"/>",
        Some(TITLE),
        "b",
        "",
        "Click to edit the title",
    );
    placeholder(
        &mut s,
        3,
        "Text Placeholder 2",
        "<p:ph type=\"body\" idx=\"1\"/>",
        Some(BODY),
        "t",
        "",
        "Click to edit the text",
    );
    s.push_str("</p:spTree></p:cSld>");
    let _ = write!(s, "<p:clrMap {CLR_MAP}/><p:sldLayoutIdLst>");
    for (i, (n, _, _)) in LAYOUTS.iter().enumerate() {
        let _ = write!(
            s,
            "<p:sldLayoutId id=\"{}\" r:id=\"rId{n}\"/>",
            2147483649u64 + i as u64
        );
    }
    s.push_str("</p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr algn=\"l\" defTabSz=\"914400\" rtl=\"0\" eaLnBrk=\"1\" latinLnBrk=\"0\" hangingPunct=\"1\"><a:lnSpc><a:spcPct val=\"95000\"/></a:lnSpc><a:spcBef><a:spcPct val=\"0\"/></a:spcBef><a:buNone/><a:defRPr sz=\"2600\" b=\"1\" kern=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mj-lt\"/><a:ea typeface=\"+mj-ea\"/><a:cs typeface=\"+mj-cs\"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle>");
    s.push_str(&level(1, 18, true, "tx1", ""));
    s.push_str(&level(2, 16, true, "tx1", ""));
    s.push_str(&level(3, 14, true, "tx2", ""));
    s.push_str("</p:bodyStyle><p:otherStyle><a:defPPr><a:defRPr lang=\"en-GB\"/></a:defPPr>");
    s.push_str(&level(1, 18, false, "tx1", ""));
    s.push_str("</p:otherStyle></p:txStyles></p:sldMaster>");
    s
}

pub fn slide_layout(n: usize) -> String {
    let (_, name, kind) = LAYOUTS[n - 1];
    let mut s = format!("{DECL}<p:sldLayout {NS} type=\"{kind}\" preserve=\"1\"><p:cSld name=\"{name}\">{SP_TREE_START}");
    match n {
        LAYOUT_TITLE => {
            // A short bar in the charts' blue above the program name.
            let _ = write!(
                s,
                "<p:sp><p:nvSpPr><p:cNvPr id=\"4\" name=\"Accent bar\"/><p:cNvSpPr/><p:nvPr userDrawn=\"1\"/></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val=\"accent1\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-GB\"/></a:p></p:txBody></p:sp>",
                xfrm(COVER_BAR)
            );
            placeholder(
                &mut s,
                2,
                "Title 1",
                "<p:ph type=\"ctrTitle\"/>",
                Some(COVER_TITLE),
                "b",
                "<a:lvl1pPr><a:defRPr sz=\"4000\"/></a:lvl1pPr>",
                "Program name",
            );
            placeholder(&mut s, 3, "Subtitle 2", "<p:ph type=\"subTitle\" idx=\"1\"/>", Some(COVER_SUB), "t", "<a:lvl1pPr marL=\"0\" indent=\"0\"><a:buNone/><a:defRPr sz=\"2000\"><a:solidFill><a:schemeClr val=\"tx2\"/></a:solidFill></a:defRPr></a:lvl1pPr>", "Period and as-of date");
        }
        LAYOUT_CONTENT => {
            placeholder(
                &mut s,
                2,
                "Title 1",
                "<p:ph type=\"title\"/>",
                None,
                "b",
                "",
                "Click to edit the title",
            );
            placeholder(
                &mut s,
                3,
                "Content Placeholder 2",
                "<p:ph idx=\"1\"/>",
                None,
                "t",
                "",
                "Click to edit the text",
            );
        }
        LAYOUT_TITLE_ONLY => {
            placeholder(
                &mut s,
                2,
                "Title 1",
                "<p:ph type=\"title\"/>",
                None,
                "b",
                "",
                "Click to edit the title",
            );
        }
        _ => {
            placeholder(
                &mut s,
                2,
                "Title 1",
                "<p:ph type=\"title\"/>",
                None,
                "b",
                "",
                "The finding",
            );
            placeholder(&mut s, 3, "Reading 2", "<p:ph type=\"body\" sz=\"quarter\" idx=\"13\"/>", Some(READING), "t", "<a:lvl1pPr marL=\"0\" indent=\"0\"><a:buNone/><a:defRPr sz=\"1400\"><a:solidFill><a:schemeClr val=\"tx2\"/></a:solidFill></a:defRPr></a:lvl1pPr>", "How to read the chart");
        }
    }
    s.push_str(
        "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>",
    );
    s
}

pub fn notes_master() -> String {
    let mut s = format!("{DECL}<p:notesMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>{SP_TREE_START}");
    let _ = write!(
        s,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"12700\"><a:solidFill><a:prstClr val=\"black\"/></a:solidFill></a:ln></p:spPr></p:sp>",
        xfrm(NOTES_IMAGE)
    );
    placeholder(
        &mut s,
        3,
        "Notes Placeholder 2",
        "<p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/>",
        Some(NOTES_BODY),
        "t",
        "",
        "Click to edit the notes",
    );
    let _ = write!(s, "</p:spTree></p:cSld><p:clrMap {CLR_MAP}/><p:notesStyle>");
    for lvl in 1..=2u8 {
        let _ = write!(
            s,
            "<a:lvl{lvl}pPr marL=\"{}\" algn=\"l\" defTabSz=\"914400\" rtl=\"0\" eaLnBrk=\"1\" latinLnBrk=\"0\" hangingPunct=\"1\"><a:defRPr sz=\"1200\" kern=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/></a:defRPr></a:lvl{lvl}pPr>",
            (lvl as u32 - 1) * 457200
        );
    }
    s.push_str("</p:notesStyle></p:notesMaster>");
    s
}

pub fn presentation(slides: usize) -> String {
    let mut s = format!("{DECL}<p:presentation {NS} saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst><p:sldIdLst>");
    for i in 0..slides {
        let _ = write!(s, "<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 256 + i, 3 + i);
    }
    let _ = write!(
        s,
        "</p:sldIdLst><p:sldSz cx=\"{SLIDE_W}\" cy=\"{SLIDE_H}\"/><p:notesSz cx=\"{NOTES_W}\" cy=\"{NOTES_H}\"/><p:defaultTextStyle><a:defPPr><a:defRPr lang=\"en-GB\"/></a:defPPr>"
    );
    s.push_str(&level(1, 18, false, "tx1", ""));
    s.push_str("</p:defaultTextStyle></p:presentation>");
    s
}

pub const PRES_PROPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:presentationPr xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>";

pub const VIEW_PROPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:viewPr xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"80000\"/></p:normalViewPr><p:slideViewPr><p:cSldViewPr snapToGrid=\"0\"><p:cViewPr varScale=\"1\"><p:scale><a:sx n=\"100\" d=\"100\"/><a:sy n=\"100\" d=\"100\"/></p:scale><p:origin x=\"0\" y=\"0\"/></p:cViewPr><p:guideLst/></p:cSldViewPr></p:slideViewPr><p:notesTextViewPr><p:cViewPr><p:scale><a:sx n=\"1\" d=\"1\"/><a:sy n=\"1\" d=\"1\"/></p:scale><p:origin x=\"0\" y=\"0\"/></p:cViewPr></p:notesTextViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>";

/// No table style of our own: the one table formats its cells directly,
/// so it looks the same in PowerPoint, Keynote and LibreOffice. The default
/// named is PowerPoint's built-in "Medium Style 2 – Accent 1".
pub const TABLE_STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>";

/// Core properties: the title, Mentorscope as author, and the as-of date as
/// the only date (so the bytes do not depend on when the deck was made).
pub fn core_props(title: &str, date: Option<chrono::NaiveDate>) -> String {
    let dates = date
        .map(|d| {
            let d = d.format("%Y-%m-%dT00:00:00Z");
            format!("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:modified>")
        })
        .unwrap_or_default();
    format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>Mentorscope</dc:creator><cp:lastModifiedBy>Mentorscope</cp:lastModifiedBy>{dates}</cp:coreProperties>",
        esc(title)
    )
}

pub fn app_props(slides: usize) -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>Mentorscope</Application><PresentationFormat>Widescreen</PresentationFormat><Slides>{slides}</Slides><Notes>{slides}</Notes><HiddenSlides>0</HiddenSlides></Properties>"
    )
}
