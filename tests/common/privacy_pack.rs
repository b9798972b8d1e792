//! The review pack of the privacy robustness tests, read back as text: the
//! HTML, the PDF (lopdf's page text, and poppler's text of the whole
//! document, charts included, where installed), the slides and the
//! workbook (every XML part), every SVG chart, the workbook's numbers and
//! analysis.json.

use std::path::Path;

use serde_json::Value;

use super::privacy_program::{cli, Program};

/// The review pack for one filter, as text: the HTML, the PDF's text (as
/// lopdf reads its pages, and as poppler's pdftotext reads it, charts
/// included, where installed), the slides' and notes' text (every XML part
/// of the deck, alt text and properties included), every SVG chart, the
/// workbook's text (every XML part: shared strings, notes, properties) and
/// its numbers, and analysis.json.
pub struct Pack {
    pub html: String,
    pub pdf: String,
    /// Whether `pdf` holds the charts' labels too (pdftotext was found).
    pub pdf_charts: bool,
    pub pptx: String,
    pub svg: String,
    pub xlsx: String,
    /// (sheet, number) of every numeric cell on the survey sheets.
    pub xlsx_survey_numbers: Vec<(String, f64)>,
    /// (sheet, number) of every numeric cell of every sheet.
    pub xlsx_numbers: Vec<(String, f64)>,
    pub json: Value,
}

impl Pack {
    /// The first three show the figures when the group is large enough.
    pub fn texts(&self) -> [(&'static str, &str); 5] {
        [
            ("review.html", &self.html),
            ("review.pdf", &self.pdf),
            ("review.pptx", &self.pptx),
            ("charts/*.svg", &self.svg),
            ("review.xlsx", &self.xlsx),
        ]
    }
}

/// The text of every XML part of an Office file.
pub fn office_text(path: &Path) -> String {
    let parts = super::office::unzip(&std::fs::read(path).unwrap());
    let mut out = String::new();
    for (name, bytes) in parts {
        if name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml") {
            out.push_str(&super::office::xml_text(&bytes));
            out.push('\n');
        }
    }
    out
}

/// The survey's parts of analysis.json, as the workbook names its sheets.
pub const SURVEY_SHEETS: [&str; 5] = [
    "survey_unpaired",
    "survey_paired",
    "item_means",
    "item_distributions",
    "enps",
];

/// Every numeric cell (`<c>` without a `t` type) of the workbook's sheets
/// whose names `keep` accepts.
pub fn sheet_numbers(path: &Path, keep: &dyn Fn(&str) -> bool) -> Vec<(String, f64)> {
    use quick_xml::events::Event;
    let parts = super::office::unzip(&std::fs::read(path).unwrap());
    let part = |n: &str| parts.iter().find(|(p, _)| p == n).map(|(_, b)| b.clone());
    // Sheet names in workbook order; rust_xlsxwriter writes sheet i as
    // xl/worksheets/sheet{i}.xml.
    let book = String::from_utf8(part("xl/workbook.xml").unwrap()).unwrap();
    let names: Vec<String> = book
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect();
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if !keep(name) {
            continue;
        }
        let xml = part(&format!("xl/worksheets/sheet{}.xml", i + 1)).unwrap();
        let mut r = quick_xml::Reader::from_reader(xml.as_slice());
        let (mut numeric, mut in_v) = (false, false);
        let mut buf = Vec::new();
        loop {
            match r.read_event_into(&mut buf).unwrap() {
                Event::Eof => break,
                Event::Start(e) if e.name().as_ref() == "c" => {
                    numeric = !e
                        .attributes()
                        .any(|a| a.is_ok_and(|a| a.key.as_ref() == "t"));
                }
                Event::Start(e) if e.name().as_ref() == "v" => in_v = true,
                Event::End(e) if e.name().as_ref() == "v" => in_v = false,
                Event::Text(t) if in_v && numeric => {
                    let v = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                    out.push((name.clone(), v.parse::<f64>().unwrap()));
                }
                _ => {}
            }
            buf.clear();
        }
    }
    out
}

/// Writes the review pack with these `report` arguments and reads it back.
pub fn pack(p: &Program, extra: &[&str]) -> Pack {
    let out_dir = p.db.with_file_name(format!("pack{}", extra.join("_")));
    let mut args = vec![
        "report".to_string(),
        "--out".into(),
        out_dir.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = cli(&p.db, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = lopdf::Document::load(out_dir.join("review.pdf")).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut svg = String::new();
    for f in super::files_under(&out_dir.join("charts")) {
        if f.extension().is_some_and(|e| e == "svg") {
            svg.push_str(&std::fs::read_to_string(f).unwrap());
        }
    }
    assert!(svg.len() > 1000, "the pack has SVG charts");
    let xlsx = out_dir.join("review.xlsx");
    let mut pdf = doc.extract_text(&pages).expect("the PDF's text");
    let charts = super::office::pdftotext("privacy pack", &out_dir.join("review.pdf"));
    let pdf_charts = charts.is_some();
    pdf.push('\n');
    pdf.push_str(&charts.unwrap_or_default());
    Pack {
        html: std::fs::read_to_string(out_dir.join("review.html")).unwrap(),
        pdf,
        pdf_charts,
        pptx: office_text(&out_dir.join("review.pptx")),
        svg,
        xlsx: office_text(&xlsx),
        xlsx_survey_numbers: sheet_numbers(&xlsx, &|n| SURVEY_SHEETS.contains(&n)),
        xlsx_numbers: sheet_numbers(&xlsx, &|_| true),
        json: serde_json::from_slice(&std::fs::read(out_dir.join("analysis.json")).unwrap())
            .unwrap(),
    }
}
