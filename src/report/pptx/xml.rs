//! Text into Open XML: escaping for element content and attribute values,
//! and the DrawingML paragraphs and runs every part uses. Everything from
//! the data passes through [`esc`], which also drops the characters XML 1.0
//! cannot carry at all (NUL, most C0 controls, lone surrogates cannot occur
//! in a Rust `str`, U+FFFE/U+FFFF): a name holding one would otherwise make
//! the whole part unreadable and PowerPoint would offer to "repair" the deck.

use std::fmt::Write;

/// Escapes `s` for XML element content and double-quoted attribute values.
/// Line breaks and tabs become spaces: a run is one line, and paragraphs
/// are split by the caller.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How one run of text looks. `None` fields inherit from the placeholder,
/// the layout and the master, so a manager's theme change still applies.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Hundredths of a point.
    pub size: Option<u32>,
    pub bold: bool,
    /// `RRGGBB`.
    pub colour: Option<&'static str>,
}

impl Style {
    pub fn sized(size_pt: u32) -> Style {
        Style {
            size: Some(size_pt * 100),
            ..Style::default()
        }
    }
    pub fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub fn colour(self, rgb: &'static str) -> Style {
        Style {
            colour: Some(rgb),
            ..self
        }
    }
}

/// `<a:rPr …>` (or `<a:endParaRPr …>` when `end`).
fn run_props(out: &mut String, st: Style, end: bool) {
    let tag = if end { "a:endParaRPr" } else { "a:rPr" };
    let _ = write!(out, "<{tag} lang=\"en-GB\"");
    if let Some(sz) = st.size {
        let _ = write!(out, " sz=\"{sz}\"");
    }
    if st.bold {
        out.push_str(" b=\"1\"");
    }
    out.push_str(" dirty=\"0\"");
    match st.colour {
        Some(c) => {
            let _ = write!(
                out,
                "><a:solidFill><a:srgbClr val=\"{c}\"/></a:solidFill></{tag}>"
            );
        }
        None => out.push_str("/>"),
    }
}

/// One run: `<a:r>` with its properties and escaped text.
pub fn run(out: &mut String, text: &str, st: Style) {
    out.push_str("<a:r>");
    run_props(out, st, false);
    let _ = write!(out, "<a:t>{}</a:t></a:r>", esc(text));
}

/// Paragraph properties: bullet or none, space before (points).
#[derive(Debug, Clone, Copy, Default)]
pub struct Para {
    /// Use the master's bullet for this level (body text); `false` = none.
    pub bullet: bool,
    pub space_before_pt: u32,
    pub align_centre: bool,
}

/// A paragraph of runs. An empty paragraph still carries its end-of-
/// paragraph properties so the empty line has the right height.
pub fn paragraph(out: &mut String, runs: &[(&str, Style)], p: Para) {
    out.push_str("<a:p>");
    let mut attrs = String::new();
    if !p.bullet {
        attrs.push_str(" marL=\"0\" indent=\"0\"");
    }
    if p.align_centre {
        attrs.push_str(" algn=\"ctr\"");
    }
    let spc = if p.space_before_pt > 0 {
        format!(
            "<a:spcBef><a:spcPts val=\"{}\"/></a:spcBef>",
            p.space_before_pt * 100
        )
    } else {
        String::new()
    };
    let bu = if p.bullet { "" } else { "<a:buNone/>" };
    if !attrs.is_empty() || !spc.is_empty() || !bu.is_empty() {
        let _ = write!(out, "<a:pPr{attrs}>{spc}{bu}</a:pPr>");
    }
    let mut last = Style::default();
    for (text, st) in runs.iter().filter(|(t, _)| !t.is_empty()) {
        run(out, text, *st);
        last = *st;
    }
    if let Some((_, st)) = runs.last() {
        last = *st;
    }
    run_props(out, last, true);
    out.push_str("</a:p>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_characters_xml_cannot_hold() {
        assert_eq!(
            esc("<b>R&D</b> \"x\" 'y'"),
            "&lt;b&gt;R&amp;D&lt;/b&gt; &quot;x&quot; &apos;y&apos;"
        );
        assert_eq!(esc("a\u{0}b\u{7}c\u{1F}d\u{FFFE}"), "abcd");
        assert_eq!(esc("two\nlines\tand\rtab"), "two lines and tab");
        assert_eq!(esc("Équipe 数据 فريق"), "Équipe 数据 فريق");
    }

    #[test]
    fn a_paragraph_is_runs_then_its_end_properties() {
        let mut s = String::new();
        paragraph(
            &mut s,
            &[
                ("Hi ", Style::sized(12).bold()),
                ("<there>", Style::sized(12)),
            ],
            Para::default(),
        );
        assert_eq!(
            s,
            "<a:p><a:pPr marL=\"0\" indent=\"0\"><a:buNone/></a:pPr>\
             <a:r><a:rPr lang=\"en-GB\" sz=\"1200\" b=\"1\" dirty=\"0\"/><a:t>Hi </a:t></a:r>\
             <a:r><a:rPr lang=\"en-GB\" sz=\"1200\" dirty=\"0\"/><a:t>&lt;there&gt;</a:t></a:r>\
             <a:endParaRPr lang=\"en-GB\" sz=\"1200\" dirty=\"0\"/></a:p>"
        );
    }
}
