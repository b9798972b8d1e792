//! The window's *Definitions* and *About* views: `docs/METRICS.md` cut into
//! plain blocks of text (headings, paragraphs, lists, tables, code) that the
//! UI lays out with `textContent`, and the version, database, licence and
//! third-party licences of this build.
//!
//! The Markdown is never handed to the webview as markup: this module reads
//! the few constructs METRICS.md uses and returns them as data, so nothing
//! in a document can become HTML. It owns no numbers; it only describes.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::about;

/// A run of text in one style. `target` is set on a link to a heading of
/// the same document (the anchor of that heading).
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct DocSpan {
    pub text: String,
    /// `plain`, `code`, `strong` or `em`.
    pub style: String,
    pub target: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct DocListItem {
    /// 0 for a top-level item, 1 for an item under it.
    pub level: u8,
    pub spans: Vec<DocSpan>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocBlock {
    Heading {
        level: u8,
        text: String,
        /// GitHub's anchor for the heading, so links written for the
        /// repository's page work here too.
        anchor: String,
    },
    Paragraph {
        spans: Vec<DocSpan>,
    },
    List {
        items: Vec<DocListItem>,
    },
    Code {
        text: String,
    },
    Table {
        header: Vec<Vec<DocSpan>>,
        rows: Vec<Vec<Vec<DocSpan>>>,
    },
}

/// A document, ready to lay out as text.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct DocView {
    pub title: String,
    /// Where the document lives in the repository, for people who read it there.
    pub source: String,
    pub blocks: Vec<DocBlock>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct LicenceView {
    pub name: String,
    pub id: String,
    pub packages: Vec<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct AboutView {
    pub name: String,
    pub version: String,
    /// SPDX expression of Mentorscope's own licence.
    pub licence: String,
    pub licence_text: String,
    /// The program database this window works on (`None` in memory).
    pub database: Option<String>,
    pub schema_version: i64,
    /// Operating system and processor this build is for, e.g. `linux x86_64`.
    pub platform: String,
    pub third_party_packages: usize,
    /// One entry per licence, most used first.
    pub third_party: Vec<LicenceView>,
}

/// What the *About* view shows.
pub fn about_view(database: Option<&Path>) -> AboutView {
    let mut groups = about::third_party();
    groups.sort_by(|a, b| {
        b.packages
            .len()
            .cmp(&a.packages.len())
            .then(a.name.cmp(&b.name))
    });
    AboutView {
        name: about::NAME.into(),
        version: about::VERSION.into(),
        licence: about::LICENCE.into(),
        licence_text: about::LICENCE_TEXT.trim().into(),
        database: database.map(|p| p.display().to_string()),
        schema_version: crate::store::SCHEMA_VERSION,
        platform: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        third_party_packages: about::third_party_packages().len(),
        third_party: groups
            .into_iter()
            .map(|g| LicenceView {
                name: g.name,
                id: g.id,
                packages: g.packages,
                text: g.text,
            })
            .collect(),
    }
}

/// `docs/METRICS.md` as the *Definitions* view shows it.
pub fn definitions() -> DocView {
    let blocks = parse_markdown(about::METRICS_MD);
    let title = blocks
        .iter()
        .find_map(|b| match b {
            DocBlock::Heading { level: 1, text, .. } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "Definitions".into());
    DocView {
        title,
        source: "docs/METRICS.md".into(),
        blocks: blocks
            .into_iter()
            .filter(|b| !matches!(b, DocBlock::Heading { level: 1, .. }))
            .collect(),
    }
}

/// GitHub's heading anchor: lower case, punctuation other than `-` and `_`
/// dropped, each space a `-` (so "M1 — Survey" gives `m1--survey`).
pub fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The Markdown METRICS.md is written in: ATX headings, paragraphs, `-`
/// lists (two levels), fenced code, pipe tables; inline code, bold,
/// italics and links. Anything else stays as plain text.
fn parse_markdown(md: &str) -> Vec<DocBlock> {
    let lines: Vec<&str> = md.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            i += 1;
        } else if trimmed.starts_with("```") {
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                body.push(lines[i]);
                i += 1;
            }
            i += 1;
            blocks.push(DocBlock::Code {
                text: body.join("\n"),
            });
        } else if let Some((level, text)) = heading(trimmed) {
            blocks.push(DocBlock::Heading {
                level,
                anchor: anchor(&plain(text)),
                text: plain(text),
            });
            i += 1;
        } else if trimmed.starts_with('|') {
            let mut rows: Vec<Vec<Vec<DocSpan>>> = Vec::new();
            while i < lines.len() && lines[i].trim().starts_with('|') {
                let cells = table_cells(lines[i].trim());
                let is_rule = cells
                    .iter()
                    .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')));
                if !is_rule {
                    rows.push(cells.iter().map(|c| spans(c)).collect());
                }
                i += 1;
            }
            let header = if rows.is_empty() {
                Vec::new()
            } else {
                rows.remove(0)
            };
            blocks.push(DocBlock::Table { header, rows });
        } else if trimmed.starts_with("- ") {
            let mut items: Vec<(u8, String)> = Vec::new();
            while i < lines.len() && !lines[i].trim().is_empty() {
                let l = lines[i];
                let indent = l.len() - l.trim_start().len();
                let t = l.trim_start();
                if let Some(rest) = t.strip_prefix("- ") {
                    items.push((u8::from(indent >= 2), rest.to_string()));
                } else if let Some(last) = items.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(t);
                }
                i += 1;
            }
            blocks.push(DocBlock::List {
                items: items
                    .into_iter()
                    .map(|(level, text)| DocListItem {
                        level,
                        spans: spans(&text),
                    })
                    .collect(),
            });
        } else {
            let mut text = String::new();
            while i < lines.len() {
                let t = lines[i].trim();
                if t.is_empty()
                    || t.starts_with("```")
                    || t.starts_with('|')
                    || heading(t).is_some()
                {
                    break;
                }
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(t);
                i += 1;
            }
            blocks.push(DocBlock::Paragraph {
                spans: spans(&text),
            });
        }
    }
    blocks
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some((hashes as u8, line[hashes..].trim()))
    } else {
        None
    }
}

fn table_cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    // A `|` inside inline code belongs to the cell.
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut in_code = false;
    for c in inner.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                cur.push(c);
            }
            '|' if !in_code => cells.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    cells.push(cur.trim().to_string());
    cells
}

/// The text without its inline markup.
fn plain(text: &str) -> String {
    spans(text).into_iter().map(|s| s.text).collect()
}

/// Inline markup → styled runs: `code`, **strong**, *em*, [text](#anchor)
/// (a link elsewhere keeps its text and drops the address).
fn spans(text: &str) -> Vec<DocSpan> {
    let mut out: Vec<DocSpan> = Vec::new();
    let mut push = |text: &str, style: &str, target: Option<String>| {
        if text.is_empty() {
            return;
        }
        if let Some(last) = out.last_mut() {
            if last.style == style && last.target.is_none() && target.is_none() {
                last.text.push_str(text);
                return;
            }
        }
        out.push(DocSpan {
            text: text.to_string(),
            style: style.to_string(),
            target,
        });
    };
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                push(&after[..end], "code", None);
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                for s in spans(&after[..end]) {
                    let style = if s.style == "plain" {
                        "strong"
                    } else {
                        &s.style
                    };
                    push(&s.text, style, s.target);
                }
                rest = &after[end + 2..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('*') {
            if let Some(end) = after.find('*') {
                if end > 0 && !after.starts_with(' ') {
                    push(&after[..end], "em", None);
                    rest = &after[end + 1..];
                    continue;
                }
            }
        }
        if let Some(after) = rest.strip_prefix('[') {
            if let Some(close) = after.find("](") {
                if let Some(end) = after[close + 2..].find(')') {
                    let label = &after[..close];
                    let href = &after[close + 2..close + 2 + end];
                    let target = href.strip_prefix('#').map(str::to_string);
                    let label_text = plain(label);
                    push(&label_text, "plain", target);
                    rest = &after[close + 2 + end + 1..];
                    continue;
                }
            }
        }
        // Plain text up to the next character that may open markup.
        let next = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| matches!(c, '`' | '*' | '['))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        push(&rest[..next], "plain", None);
        rest = &rest[next..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, style: &str) -> DocSpan {
        DocSpan {
            text: text.into(),
            style: style.into(),
            target: None,
        }
    }

    #[test]
    fn inline_markup_becomes_styled_text_never_markup() {
        assert_eq!(
            spans("a `b|c` **d `e`** *f* [g](#h) [i](https://x.test) <script>"),
            vec![
                span("a ", "plain"),
                span("b|c", "code"),
                span(" ", "plain"),
                span("d ", "strong"),
                span("e", "code"),
                span(" ", "plain"),
                span("f", "em"),
                span(" ", "plain"),
                DocSpan {
                    text: "g".into(),
                    style: "plain".into(),
                    target: Some("h".into())
                },
                span(" i <script>", "plain"),
            ]
        );
        // A lone star (as in `1 + 4·x`) is text.
        assert_eq!(spans("2 * 3"), vec![span("2 * 3", "plain")]);
    }

    #[test]
    fn blocks_of_each_kind() {
        let md = "# Title\n\nPara one\ncontinues.\n\n## M1 — Survey, before\n\n- item\n  more\n  - nested\n- two\n\n| a | `b|c` |\n|---|---|\n| 1 | 2 |\n\n```text\nx: {y}\n```\n";
        let b = parse_markdown(md);
        assert_eq!(b.len(), 6, "{b:?}");
        assert_eq!(
            b[1],
            DocBlock::Paragraph {
                spans: vec![span("Para one continues.", "plain")]
            }
        );
        assert_eq!(
            b[2],
            DocBlock::Heading {
                level: 2,
                text: "M1 — Survey, before".into(),
                anchor: "m1--survey-before".into()
            }
        );
        let DocBlock::List { items } = &b[3] else {
            panic!("{:?}", b[3])
        };
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].spans, vec![span("item more", "plain")]);
        assert_eq!((items[1].level, items[2].level), (1, 0));
        let DocBlock::Table { header, rows } = &b[4] else {
            panic!("{:?}", b[4])
        };
        assert_eq!(header[1], vec![span("b|c", "code")]);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            b[5],
            DocBlock::Code {
                text: "x: {y}".into()
            }
        );
    }

    #[test]
    fn definitions_are_metrics_md_and_every_link_in_it_resolves() {
        let d = definitions();
        assert_eq!(d.title, "What every number means");
        let anchors: Vec<&str> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                DocBlock::Heading { anchor, .. } => Some(anchor.as_str()),
                _ => None,
            })
            .collect();
        for m in 1..=9 {
            assert!(
                anchors.iter().any(|a| a.starts_with(&format!("m{m}--"))),
                "no section for M{m}: {anchors:?}"
            );
        }
        assert!(anchors.contains(&"privacy-rules"));
        let mut links = 0;
        let mut check = |s: &DocSpan| {
            if let Some(t) = &s.target {
                links += 1;
                assert!(anchors.contains(&t.as_str()), "broken link #{t}");
            }
        };
        for b in &d.blocks {
            match b {
                DocBlock::Paragraph { spans } => spans.iter().for_each(&mut check),
                DocBlock::List { items } => {
                    items.iter().flat_map(|i| &i.spans).for_each(&mut check)
                }
                DocBlock::Table { header, rows } => header
                    .iter()
                    .chain(rows.iter().flatten())
                    .flatten()
                    .for_each(&mut check),
                _ => {}
            }
        }
        assert!(links >= 10, "{links} links");
    }

    #[test]
    fn about_names_this_build() {
        let a = about_view(Some(Path::new("/x/mentorscope.db")));
        assert_eq!(a.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(a.licence, "MIT");
        assert_eq!(a.database.as_deref(), Some("/x/mentorscope.db"));
        assert_eq!(a.schema_version, crate::store::SCHEMA_VERSION);
        assert!(a.third_party_packages > 100, "{}", a.third_party_packages);
        let listed: usize = a.third_party.iter().map(|g| g.packages.len()).sum();
        assert!(listed >= a.third_party_packages);
        assert!(a
            .third_party
            .windows(2)
            .all(|w| w[0].packages.len() >= w[1].packages.len()));
    }
}
