//! The Open Packaging Convention around the parts: `[Content_Types].xml`,
//! relationship parts, and the zip itself. Entries are written in the order
//! given, all stamped 1980-01-01 00:00 (the zip epoch) with fixed
//! permissions, so the same parts always give the same bytes. XML is
//! deflated; pictures (already compressed) are stored.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xml::esc;
use crate::error::{Error, Result};

pub const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One part of the package.
pub struct Part<'a> {
    /// Path inside the package, without the leading `/`.
    pub name: String,
    /// `None` for parts covered by a `Default` extension (PNG, rels).
    pub content_type: Option<&'static str>,
    pub bytes: PartBytes<'a>,
}

pub enum PartBytes<'a> {
    Xml(String),
    Binary(&'a [u8]),
}

/// One relationship of a `.rels` part.
pub struct Rel {
    pub id: String,
    /// The last path segment of the type URI (`slide`, `image`, …) or a
    /// full URI.
    pub kind: &'static str,
    pub target: String,
}

impl Rel {
    pub fn new(id: impl Into<String>, kind: &'static str, target: impl Into<String>) -> Rel {
        Rel {
            id: id.into(),
            kind,
            target: target.into(),
        }
    }
}

pub fn rels_xml(rels: &[Rel]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for r in rels {
        let kind = if r.kind.contains("://") {
            r.kind.to_string()
        } else {
            format!("{REL_NS}/{}", r.kind)
        };
        let _ = write!(
            s,
            "<Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"/>",
            esc(&r.id),
            esc(&kind),
            esc(&r.target)
        );
    }
    s.push_str("</Relationships>");
    s
}

/// The `.rels` part that belongs to `part` (`ppt/slides/slide1.xml` →
/// `ppt/slides/_rels/slide1.xml.rels`).
pub fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

fn content_types(parts: &[Part<'_>]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>",
    );
    for p in parts {
        if let Some(ct) = p.content_type {
            let _ = write!(
                s,
                "<Override PartName=\"/{}\" ContentType=\"{ct}\"/>",
                esc(&p.name)
            );
        }
    }
    s.push_str("</Types>");
    s
}

/// Zips the parts, `[Content_Types].xml` first.
pub fn zip(parts: &[Part<'_>]) -> Result<Vec<u8>> {
    let fail =
        |e: &dyn std::fmt::Display| Error::Analysis(format!("could not write the slides: {e}"));
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let deflated = base.compression_method(CompressionMethod::Deflated);
    let stored = base.compression_method(CompressionMethod::Stored);
    z.start_file("[Content_Types].xml", deflated)
        .map_err(|e| fail(&e))?;
    z.write_all(content_types(parts).as_bytes())
        .map_err(|e| fail(&e))?;
    for p in parts {
        match &p.bytes {
            PartBytes::Xml(x) => {
                z.start_file(p.name.as_str(), deflated)
                    .map_err(|e| fail(&e))?;
                z.write_all(x.as_bytes()).map_err(|e| fail(&e))?;
            }
            PartBytes::Binary(b) => {
                z.start_file(p.name.as_str(), stored)
                    .map_err(|e| fail(&e))?;
                z.write_all(b).map_err(|e| fail(&e))?;
            }
        }
    }
    Ok(z.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rels_live_beside_their_part() {
        assert_eq!(
            rels_name("ppt/slides/slide3.xml"),
            "ppt/slides/_rels/slide3.xml.rels"
        );
        assert_eq!(
            rels_name("ppt/presentation.xml"),
            "ppt/_rels/presentation.xml.rels"
        );
        assert_eq!(rels_name(""), "_rels/.rels");
    }
}
