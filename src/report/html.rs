//! The self-contained HTML report: one file with the headline figures and
//! verdicts, every chart inline (its SVG) with its reading, the quiet
//! pairings, the data-quality notes and the definitions. The embedded font
//! travels inside the file, so it renders the same anywhere, offline.
//!
//! Every piece of text from the data (names, teams, topics, questions) goes
//! through [`escape`]; chart SVGs arrive already escaped by the SVG writer.
//! The file has no script and loads nothing.

use std::fmt::Write;

use base64::Engine;

use super::text::{definitions, headlines, outcome_label, reading, scope_line};
use crate::analysis::{Analysis, AnalysisOptions};
use crate::charts::theme::{BOLD_TTF, REGULAR_TTF};
use crate::charts::{date_long, Chart, ChartExtras};

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink:#1F2328; --muted:#4B5563; --subtle:#6B7280; --rule:#E5E7EB; --panel:#F6F7F9;
        --blue:#0072B2; --orange:#E69F00; --vermillion:#D55E00; --green:#009E73; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", Verdana, sans-serif; color: var(--ink); background: #fff; }
body { margin: 0; line-height: 1.5; font-size: 16px; }
main { max-width: 1120px; margin: 0 auto; padding: 48px 32px 64px; }
header.cover { border-bottom: 1px solid var(--rule); padding-bottom: 24px; margin-bottom: 32px; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 13px; color: var(--subtle); margin: 0; }
h1 { font-size: 34px; line-height: 1.2; margin: 6px 0 8px; }
h2 { font-size: 24px; line-height: 1.25; margin: 48px 0 12px; }
h3 { font-size: 17px; margin: 0 0 4px; }
.meta { color: var(--muted); margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
.card { border: 1px solid var(--rule); border-radius: 10px; padding: 18px 20px; background: #fff; }
.figure { font-size: 30px; font-weight: bold; margin: 2px 0 0; }
.figure-note { color: var(--subtle); font-size: 14px; margin: 0 0 10px; }
.badge { display: inline-block; font-size: 12px; font-weight: bold; padding: 2px 10px; border-radius: 999px;
         background: var(--panel); color: var(--muted); margin-bottom: 8px; }
.badge.improved { background: #E3F1FA; color: #005A8C; }
.badge.worsened { background: #FBE7DC; color: #A84A00; }
.card p.verdict { margin: 0 0 6px; }
.card ul { margin: 0; padding-left: 18px; color: var(--muted); font-size: 14px; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid var(--rule); border-radius: 8px; }
figcaption { margin-top: 12px; max-width: 860px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); }
th { color: var(--muted); font-weight: bold; }
dl { display: grid; grid-template-columns: 220px 1fr; gap: 8px 20px; }
dt { font-weight: bold; }
dd { margin: 0; }
footer { margin-top: 56px; color: var(--subtle); font-size: 13px; border-top: 1px solid var(--rule); padding-top: 16px; }
@media print { main { padding: 0; } h2 { break-before: page; } figure { break-inside: avoid; } }
"#;

fn font_face(weight: &str, bytes: &[u8]) -> String {
    format!(
        "@font-face {{ font-family: \"DejaVu Sans\"; font-weight: {weight}; font-style: normal; src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}\n",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The chart's SVG with an accessible name (its finding and figures in
/// words), ready to inline.
fn inline_svg(c: &Chart) -> String {
    let label = format!(
        "<svg role=\"img\" aria-label=\"{}\" ",
        escape(&c.description)
    );
    match c.svg.find("<svg ") {
        Some(i) => format!("{}{}{}", &c.svg[..i], label, &c.svg[i + 5..]),
        None => c.svg.clone(),
    }
}

pub fn render(
    name: &str,
    a: &Analysis,
    charts: &[Chart],
    x: &ChartExtras,
    o: &AnalysisOptions,
) -> String {
    let mut h = String::with_capacity(4 << 20);
    let as_of = a.as_of.map(date_long).unwrap_or_else(|| "—".into());
    let launch = a.launch.map(date_long).unwrap_or_else(|| "—".into());
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:\">\n<title>{} — review as of {}</title>\n<style>\n{}{}{}</style>\n</head>\n<body>\n<main>\n",
        escape(name),
        escape(&as_of),
        font_face("normal", REGULAR_TTF),
        font_face("bold", BOLD_TTF),
        STYLE
    );
    let _ = write!(
        h,
        "<header class=\"cover\">\n<p class=\"eyebrow\">Mentorship program review</p>\n<h1>{}</h1>\n<p class=\"meta\">As of {} · launched {}</p>\n<p class=\"meta\">{}</p>\n</header>\n",
        escape(name),
        escape(&as_of),
        escape(&launch),
        escape(&scope_line(a, o))
    );

    h.push_str("<section id=\"headlines\">\n<h2 style=\"margin-top:0\">The headlines</h2>\n<div class=\"cards\">\n");
    for c in headlines(a) {
        let _ = write!(
            h,
            "<article class=\"card\">\n<h3>{}</h3>\n<p class=\"figure\">{}</p>\n<p class=\"figure-note\">{}</p>\n<span class=\"badge {}\">{}</span>\n<p class=\"verdict\">{}</p>\n",
            escape(c.section),
            escape(&c.figure),
            escape(&c.figure_note),
            escape(&c.outcome),
            escape(outcome_label(&c.outcome)),
            escape(&c.verdict)
        );
        if !c.caveats.is_empty() {
            h.push_str("<ul>\n");
            for cv in &c.caveats {
                let _ = writeln!(h, "<li>{}</li>", escape(cv));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</article>\n");
    }
    h.push_str("</div>\n</section>\n");

    for c in charts {
        let r = reading(c.kind, a, x);
        let _ = write!(
            h,
            "<section id=\"{}\">\n<h2>{}</h2>\n<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n</section>\n",
            escape(c.kind.file_stem()),
            escape(&c.title),
            inline_svg(c).trim_end(),
            escape(&r.paragraph)
        );
    }

    let quiet = &a.engagement.quiet_pairs;
    h.push_str("<section id=\"quiet-pairings\">\n<h2>Quiet pairings</h2>\n");
    if quiet.is_empty() {
        h.push_str("<p>Every active pairing met in the last 30 days.</p>\n");
    } else {
        let _ = writeln!(
            h,
            "<p>Active pairings with no meeting in the 30 days up to {}, longest silence first.</p>",
            escape(&as_of)
        );
        h.push_str("<table>\n<thead><tr><th>Mentor</th><th>Mentee</th><th>Last meeting</th></tr></thead>\n<tbody>\n");
        for q in quiet.iter().take(super::QUIET_ROWS) {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&q.mentor),
                escape(&q.mentee),
                escape(
                    &q.last_meeting
                        .map(date_long)
                        .unwrap_or_else(|| "never".into())
                )
            );
        }
        h.push_str("</tbody>\n</table>\n");
        if quiet.len() > super::QUIET_ROWS {
            let _ = writeln!(
                h,
                "<p>… and {} more; every quiet pairing is listed in analysis.json (engagement.quiet_pairs).</p>",
                quiet.len() - super::QUIET_ROWS
            );
        }
    }
    h.push_str("</section>\n");

    h.push_str("<section id=\"data-quality\">\n<h2>Data quality</h2>\n");
    if a.data_quality.notes.is_empty() {
        h.push_str("<p>No problems found in how the files fit together.</p>\n");
    } else {
        h.push_str("<ul>\n");
        for n in &a.data_quality.notes {
            let _ = writeln!(h, "<li>{}</li>", escape(n));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<h3>Protecting respondents</h3>\n<ul>\n");
    for n in super::text::privacy_notes(a) {
        let _ = writeln!(h, "<li>{}</li>", escape(&n));
    }
    h.push_str("</ul>\n");
    h.push_str("</section>\n");

    h.push_str("<section id=\"definitions\">\n<h2>Definitions</h2>\n<dl>\n");
    for (term, def) in definitions(a) {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", escape(&term), escape(&def));
    }
    h.push_str("</dl>\n</section>\n");
    let _ = write!(
        h,
        "<footer>Made with Mentorscope from the program's own exports, as of {}. The same data and options always give this same file.</footer>\n</main>\n</body>\n</html>\n",
        escape(&as_of)
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"R&D "Labs" <script>alert('x')</script>"#),
            "R&amp;D &quot;Labs&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("Équipe Données"), "Équipe Données");
    }
}
