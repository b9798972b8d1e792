//! Text → table. Finds the delimiter (quote-aware, so commas inside quoted
//! timestamps do not fool it), the header row or rows, and the survey-tool
//! shape those header rows betray; then hands out data records one at a time
//! with their line numbers, so a million-row file is never held as records.

use serde::Serialize;

/// How the header of a file is laid out; decides where data starts and how
/// column names are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One header row (possibly after blank or title lines).
    Plain,
    /// Qualtrics: column IDs, question text, `{"ImportId": …}` rows.
    Qualtrics,
    /// Qualtrics legacy: `V1..Vn` row, then labels; trailing commas.
    QualtricsLegacy,
    /// SurveyMonkey: question row (blank cells continue the question to the
    /// left), then sub-answer row.
    SurveyMonkey,
    /// Google Forms via Sheets: `Timestamp` first.
    GoogleForms,
    /// Microsoft Forms via Excel: `ID, Start time, Completion time, Email, Name`.
    MicrosoftForms,
    /// A Microsoft Teams attendance report (2021 table or 2022+ sections).
    TeamsAttendance,
    /// A Zoom participant report.
    ZoomParticipants,
    /// A Google Meet attendance export.
    MeetAttendance,
    /// An iCalendar (`.ics`) file.
    Calendar,
    /// Outlook's CSV export of a calendar.
    OutlookCalendar,
}

impl Shape {
    pub fn label(self) -> &'static str {
        match self {
            Shape::Plain => "plain table",
            Shape::Qualtrics => "Qualtrics (3 header rows)",
            Shape::QualtricsLegacy => "Qualtrics legacy (2 header rows)",
            Shape::SurveyMonkey => "SurveyMonkey (2 header rows)",
            Shape::GoogleForms => "Google Forms",
            Shape::MicrosoftForms => "Microsoft Forms",
            Shape::TeamsAttendance => "Teams attendance report",
            Shape::ZoomParticipants => "Zoom participant report",
            Shape::MeetAttendance => "Google Meet attendance",
            Shape::Calendar => "calendar (.ics)",
            Shape::OutlookCalendar => "Outlook calendar (CSV)",
        }
    }

    pub fn is_survey_tool(self) -> bool {
        matches!(
            self,
            Shape::Qualtrics
                | Shape::QualtricsLegacy
                | Shape::SurveyMonkey
                | Shape::GoogleForms
                | Shape::MicrosoftForms
        )
    }

    /// `meetings.source` for meetings read from a file of this shape
    /// (`None`: a meeting log).
    pub fn source(self) -> Option<&'static str> {
        match self {
            Shape::TeamsAttendance => Some("teams"),
            Shape::ZoomParticipants => Some("zoom"),
            Shape::MeetAttendance => Some("meet"),
            Shape::Calendar | Shape::OutlookCalendar => Some("calendar"),
            _ => None,
        }
    }

    /// The source of an import recorded with this shape label.
    pub fn source_of_label(label: &str) -> Option<&'static str> {
        [
            Shape::TeamsAttendance,
            Shape::ZoomParticipants,
            Shape::MeetAttendance,
            Shape::Calendar,
            Shape::OutlookCalendar,
        ]
        .into_iter()
        .find(|s| s.label() == label)
        .and_then(Shape::source)
    }
}

/// One header column as the user will recognise it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Column {
    /// The name to show and to match on (question text for surveys).
    pub name: String,
    /// A stable code where the tool gives one (`Q1`, `V7`), else the name.
    pub code: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub delimiter: u8,
    pub shape: Shape,
    pub columns: Vec<Column>,
    /// Index (0-based, in records) of the first data record.
    pub data_start: usize,
    /// 1-based line of the (last) header row, for messages.
    pub header_line: u64,
}

const CANDIDATES: &[u8] = b",;\t|";
const SNIFF_RECORDS: usize = 60;

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Turns byte offsets into 1-based line numbers (LF, CRLF or lone CR), moving
/// forward only, so a whole file costs one pass. The csv crate's own line
/// numbers do not count blank lines, which would point users at the wrong row.
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    pub fn line_at(&mut self, byte: usize) -> u64 {
        // A record's position can be the start of blank lines the parser
        // then skipped; the record itself starts after them.
        let mut end = byte.min(self.bytes.len());
        while end < self.bytes.len() && matches!(self.bytes[end], b'\n' | b'\r') {
            end += 1;
        }
        while self.pos < end {
            match self.bytes[self.pos] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(self.pos + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.pos += 1;
        }
        self.line
    }
}

/// Reads up to `n` records, with their 1-based start lines. Stops quietly at
/// the first malformed record: sniffing only needs a representative start.
fn first_records(text: &str, delimiter: u8, n: usize) -> Vec<(u64, Vec<String>)> {
    let mut out = Vec::new();
    let mut lines = LineCounter::new(text);
    for rec in reader(text, delimiter).into_records().take(n) {
        match rec {
            Ok(r) => {
                let line = lines.line_at(r.position().map(|p| p.byte() as usize).unwrap_or(0));
                out.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(_) => break,
        }
    }
    out
}

fn is_blank_row(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// The delimiter whose split gives the most columns, most consistently.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (b',', 0.0f64);
    for &d in CANDIDATES {
        let rows: Vec<usize> = first_records(text, d, SNIFF_RECORDS)
            .into_iter()
            .filter(|(_, r)| !is_blank_row(r))
            .map(|(_, r)| r.len())
            .collect();
        if rows.is_empty() {
            continue;
        }
        let mode = mode(&rows);
        if mode < 2 {
            continue;
        }
        let consistent = rows.iter().filter(|&&n| n == mode).count() as f64 / rows.len() as f64;
        // Consistency matters most; width breaks ties (a tab file split on
        // commas is consistent only by accident and narrower).
        let score = consistent * 1000.0 + (mode as f64).min(999.0);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn mode(xs: &[usize]) -> usize {
    let mut counts = std::collections::HashMap::new();
    for &x in xs {
        *counts.entry(x).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(n, c)| (c, n))
        .map(|(n, _)| n)
        .unwrap_or(0)
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn looks_like_import_id(cell: &str) -> bool {
    let c = cell.trim();
    c.starts_with('{') && c.contains("ImportId")
}

/// Works out the layout from the first records.
pub fn layout(text: &str, delimiter: u8) -> Result<Layout, String> {
    layout_of(&first_records(text, delimiter, SNIFF_RECORDS), delimiter)
}

/// The layout of a sheet, from its first rows (sheet row numbers as lines).
pub fn sheet_layout(rows: &[(u64, csv::StringRecord)]) -> Result<Layout, String> {
    let recs: Vec<(u64, Vec<String>)> = rows
        .iter()
        .take(SNIFF_RECORDS)
        .map(|(l, r)| (*l, r.iter().map(str::to_string).collect()))
        .collect();
    layout_of(&recs, b',')
}

fn layout_of(recs: &[(u64, Vec<String>)], delimiter: u8) -> Result<Layout, String> {
    let first = recs
        .iter()
        .position(|(_, r)| !is_blank_row(r))
        .ok_or_else(|| "the file is empty: it has no header row and no data".to_string())?;
    let row = |i: usize| -> Option<&Vec<String>> { recs.get(i).map(|(_, r)| r) };
    let line = |i: usize| -> u64 { recs.get(i).map(|(l, _)| *l).unwrap_or(1) };

    // Title lines above the header ("Report generated …") have one or two
    // filled cells; the header is the first row about as wide as the data.
    let widths: Vec<usize> = recs
        .iter()
        .skip(first)
        .map(|(_, r)| r.iter().filter(|c| !c.trim().is_empty()).count())
        .collect();
    // Title lines have one or two cells; the table's width is the commonest
    // among the wider rows (a two-line title above a short table must not
    // set it).
    let wide: Vec<usize> = widths.iter().copied().filter(|&w| w >= 3).collect();
    let typical = if wide.len() >= 2 {
        mode(&wide)
    } else {
        mode(&widths)
    };
    let mut h = first;
    for (i, (_, r)) in recs.iter().enumerate().skip(first) {
        let filled = r.iter().filter(|c| !c.trim().is_empty()).count();
        if filled * 2 >= typical.max(1) || filled >= 3 || i > first + 10 {
            h = i;
            break;
        }
    }
    let header = row(h).cloned().unwrap_or_default();
    let header_norm: Vec<String> = header.iter().map(|c| norm(c)).collect();
    let has = |name: &str| header_norm.iter().any(|c| c == name);

    let second = row(h + 1);
    let third = row(h + 2);

    // Qualtrics: column IDs, question text, ImportId JSON (or Python-dict) row.
    if has("responseid")
        && third.is_some_and(|r| {
            r.iter().filter(|c| looks_like_import_id(c)).count() * 2 >= r.len().max(1)
        })
    {
        let texts = second.cloned().unwrap_or_default();
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let text = texts.get(i).map(|s| s.trim()).unwrap_or("");
                Column {
                    name: if text.is_empty() {
                        code.trim().to_string()
                    } else {
                        text.to_string()
                    },
                    code: code.trim().to_string(),
                }
            })
            .collect();
        return Ok(Layout {
            delimiter,
            shape: Shape::Qualtrics,
            columns,
            data_start: h + 3,
            header_line: line(h + 2),
        });
    }

    // Qualtrics legacy: V1, V2, … then labels with ResponseID.
    if header_norm.first().map(String::as_str) == Some("v1")
        && header_norm.get(1).map(String::as_str) == Some("v2")
        && second.is_some_and(|r| r.iter().any(|c| norm(c) == "responseid"))
    {
        let labels = second.cloned().unwrap_or_default();
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let label = labels.get(i).map(|s| s.trim()).unwrap_or("");
                Column {
                    name: if label.is_empty() {
                        code.trim().to_string()
                    } else {
                        label.to_string()
                    },
                    code: code.trim().to_string(),
                }
            })
            .collect();
        return Ok(Layout {
            delimiter,
            shape: Shape::QualtricsLegacy,
            columns,
            data_start: h + 2,
            header_line: line(h + 1),
        });
    }

    // SurveyMonkey: Respondent ID up front and a sub-answer second row.
    if (has("respondentid") || has("collectorid"))
        && second.is_some_and(|r| {
            r.iter().any(|c| {
                let n = norm(c);
                n == "response" || n == "openendedresponse"
            }) || r.iter().take(3).all(|c| c.trim().is_empty())
        })
    {
        let subs = second.cloned().unwrap_or_default();
        let mut current = String::new();
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let q = q.trim();
                if !q.is_empty() {
                    current = q.to_string();
                }
                let sub = subs.get(i).map(|s| s.trim()).unwrap_or("");
                let sub_n = norm(sub);
                let name = if sub.is_empty() || sub_n == "response" || sub_n == "openendedresponse"
                {
                    current.clone()
                } else if q.is_empty() || header.get(i + 1).is_some_and(|n| n.trim().is_empty()) {
                    // A matrix: the statement is the item, the prompt is shared.
                    sub.to_string()
                } else {
                    format!("{current} - {sub}")
                };
                Column {
                    code: format!("C{}", i + 1),
                    name,
                }
            })
            .collect();
        return Ok(Layout {
            delimiter,
            shape: Shape::SurveyMonkey,
            columns,
            data_start: h + 2,
            header_line: line(h + 1),
        });
    }

    let shape = if matches!(
        header_norm.first().map(String::as_str),
        Some("timestamp" | "zeitstempel" | "marcatemporale" | "horodateur")
    ) {
        Shape::GoogleForms
    } else if header_norm.first().map(String::as_str) == Some("id")
        && has("starttime")
        && has("completiontime")
    {
        Shape::MicrosoftForms
    } else {
        Shape::Plain
    };
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let columns = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut name = name.trim().to_string();
            if name.is_empty() {
                name = format!("Column {}", i + 1);
            }
            // Duplicate headers keep both columns, told apart by position.
            let n = seen.entry(name.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                name = format!("{name} ({})", *n);
            }
            Column {
                code: name.clone(),
                name,
            }
        })
        .collect();
    Ok(Layout {
        delimiter,
        shape,
        columns,
        data_start: h + 1,
        header_line: line(h),
    })
}

/// Streams the data records of a file, skipping the header rows and fully
/// blank lines. Each item is (line, fields) or a parse error at a line.
pub fn data_records<'a>(
    text: &'a str,
    layout: &Layout,
) -> impl Iterator<Item = Result<(u64, csv::StringRecord), (u64, String)>> + 'a {
    let mut lines = LineCounter::new(text);
    reader(text, layout.delimiter)
        .into_records()
        .skip(layout.data_start)
        .filter_map(move |rec| match rec {
            Ok(r) => {
                if r.iter().all(|c| c.trim().is_empty()) {
                    None
                } else {
                    let line = lines.line_at(r.position().map(|p| p.byte() as usize).unwrap_or(0));
                    Some(Ok((line, r)))
                }
            }
            Err(e) => {
                let line = lines.line_at(e.position().map(|p| p.byte() as usize).unwrap_or(0));
                Some(Err((line, e.to_string())))
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_inside_quoted_timestamps_do_not_fool_the_sniffer() {
        let text = "Date;Team;Note\n\"Jan 5, 2025\";Data;\"a, b, c\"\n\"Feb 2, 2025\";Web;x\n";
        assert_eq!(sniff_delimiter(text), b';');
    }

    #[test]
    fn tab_separated_file_named_csv() {
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
    }

    #[test]
    fn blank_lines_above_header_are_skipped() {
        let l = layout("\n\n\na,b,c\n1,2,3\n", b',').unwrap();
        assert_eq!(l.columns[0].name, "a");
        assert_eq!(l.header_line, 4);
    }

    #[test]
    fn surveymonkey_blank_header_cells_continue_the_question() {
        let text = "Respondent ID,Collector ID,How much do you agree?,,Why?\n,,I feel supported,I am growing,Open-Ended Response\n1,2,Agree,Disagree,x\n";
        let l = layout(text, b',').unwrap();
        assert_eq!(l.shape, Shape::SurveyMonkey);
        let names: Vec<_> = l.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Respondent ID",
                "Collector ID",
                "I feel supported",
                "I am growing",
                "Why?"
            ]
        );
        assert_eq!(l.data_start, 2);
    }

    #[test]
    fn qualtrics_three_rows() {
        let text = "StartDate,ResponseId,Q1\nStart Date,Response ID,I feel supported\n\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n2025-01-01,R_1,Agree\n";
        let l = layout(text, b',').unwrap();
        assert_eq!(l.shape, Shape::Qualtrics);
        assert_eq!(l.columns[2].name, "I feel supported");
        assert_eq!(l.columns[2].code, "Q1");
        assert_eq!(l.data_start, 3);
    }
}
