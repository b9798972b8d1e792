//! Workbooks → tables. Recognises a workbook by its bytes (a zip holding
//! `xl/workbook.xml`, `xl/workbook.bin` or an OpenDocument `content.xml`;
//! an OLE container holding `Workbook`), refuses in words what cannot be
//! read (encrypted files, corrupt zips, zip bombs, other zips), and turns one
//! sheet into rows of cell text with their sheet row numbers, so the same
//! header detection and row code run on a sheet as on a CSV.
//!
//! Cells become the text a user would see: dates as ISO (1900 system with
//! its 29 February 1900, and 1904), times, cached formula results, booleans,
//! numbers without Excel's float noise; error cells become empty and are
//! listed. Nothing in a workbook is ever run: macros and formulas are
//! ignored, only stored values are read. It must not guess a kind or write
//! anything: that is the rest of `ingest`.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, SheetType, SheetVisible};
use chrono::{Duration, NaiveDate};

/// Bounds that keep a hostile or broken workbook from taking the machine:
/// no part may inflate past this, nor all parts together past the total,
/// nor any sizeable part by more than the ratio (real sheets compress about
/// 5–30×; zip bombs by thousands).
const MAX_PART_BYTES: u64 = 512 << 20;
const MAX_TOTAL_BYTES: u64 = 1 << 30;
const MAX_RATIO: u64 = 250;
const MAX_PARTS: usize = 10_000;
/// Cells read per sheet (a million rows of 50 columns).
const MAX_CELLS: u64 = 50_000_000;

/// What kind of workbook the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel workbook (.xlsx)",
            Format::Xlsb => "Excel binary workbook (.xlsb)",
            Format::Xls => "Excel 97–2003 workbook (.xls)",
            Format::Ods => "OpenDocument spreadsheet (.ods)",
        }
    }
}

/// True when the bytes are a zip or OLE container, i.e. not text.
pub fn is_container(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// True when the name says workbook (the bytes may say otherwise).
pub fn has_workbook_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xltx", ".xltm"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// A text file with a workbook's name: what it really is, when that can be
/// told, so the refusal or the warning says so.
pub fn text_pretending(text: &str) -> Option<&'static str> {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start();
    if head.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        Some("xml2003")
    } else if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<table")
        || (head.starts_with('<') && head.contains("<html"))
    {
        Some("html")
    } else {
        None
    }
}

/// One cell's problem found while reading a sheet (an error value, a formula
/// without a saved result, Excel's 29 February 1900).
#[derive(Debug, Clone)]
pub struct CellNote {
    /// 1-based sheet row.
    pub row: u64,
    /// 0-based sheet column.
    pub col: u32,
    pub value: String,
    pub reason: String,
}

/// One sheet as rows of cell text, blank rows left out (as a CSV reader
/// skips blank lines), each with its 1-based sheet row number.
pub struct SheetTable {
    pub name: String,
    /// 0-based sheet column of the first cell of every row.
    pub first_col: u32,
    pub rows: Vec<(u64, csv::StringRecord)>,
    pub notes: Vec<CellNote>,
    /// How many notes there were beyond those kept.
    pub notes_dropped: u64,
    /// Merged areas: (first row, first col, last row, last col), 0-based.
    pub merges: Vec<(u32, u32, u32, u32)>,
}

/// Why a sheet is not offered for import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetState {
    Visible,
    Hidden,
    Chart,
}

pub struct Workbook<'a> {
    pub format: Format,
    book: calamine::Sheets<Cursor<&'a [u8]>>,
    /// False when no sheet of an `.xlsx` holds a formula (seen while its
    /// parts were measured), so the sheets need not be read a second time
    /// for formulas without a saved result.
    has_formulas: bool,
    /// Likewise for merged cells: calamine finds a sheet's merges by
    /// parsing the whole sheet again, which only a sheet with some needs.
    has_merges: bool,
}

/// What the sheets' XML holds, noted while every part is measured.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    formulas: bool,
    merges: bool,
}

/// Counts what passes through and notes whether a formula element (`<f`)
/// or a merged cell (`mergeCell`) does, across write boundaries.
struct PartScan {
    bytes: u64,
    seen: Seen,
    /// The last bytes of the previous write, for a marker split in two.
    tail: Vec<u8>,
}

impl PartScan {
    const FORMULA: &'static [u8] = b"<f";
    const MERGE: &'static [u8] = b"mergeCell";

    fn new() -> PartScan {
        PartScan {
            bytes: 0,
            seen: Seen::default(),
            tail: Vec::with_capacity(2 * Self::MERGE.len()),
        }
    }

    fn note(&mut self, hay: &[u8]) {
        self.seen.formulas |= memchr::memmem::find(hay, Self::FORMULA).is_some();
        self.seen.merges |= memchr::memmem::find(hay, Self::MERGE).is_some();
    }
}

impl std::io::Write for PartScan {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !(self.seen.formulas && self.seen.merges) {
            let keep = Self::MERGE.len() - 1;
            let mut seam = std::mem::take(&mut self.tail);
            seam.extend_from_slice(&buf[..buf.len().min(keep)]);
            self.note(&seam);
            self.note(buf);
            // The next seam starts with the last `keep` bytes seen so far
            // (a short write leaves part of the previous tail in it).
            if buf.len() >= keep {
                seam.clear();
                seam.extend_from_slice(&buf[buf.len() - keep..]);
            } else {
                let drop = seam.len().saturating_sub(keep);
                seam.drain(..drop);
            }
            self.tail = seam;
        }
        self.bytes += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn refuse(reason: impl Into<String>) -> String {
    reason.into()
}

/// Opens a workbook after checking it is one we can read safely. The error
/// is the sentence the user reads.
pub fn open(bytes: &[u8]) -> Result<Workbook<'_>, String> {
    let (format, seen) = if bytes.starts_with(b"PK") {
        check_zip(bytes)?
    } else {
        let everything = Seen {
            formulas: true,
            merges: true,
        };
        (check_ole(bytes)?, everything)
    };
    let cursor = Cursor::new(bytes);
    let book = match format {
        Format::Xlsx => calamine::open_workbook_from_rs(cursor)
            .map(calamine::Sheets::Xlsx)
            .map_err(|e| read_error(&e.to_string())),
        Format::Xlsb => calamine::open_workbook_from_rs(cursor)
            .map(calamine::Sheets::Xlsb)
            .map_err(|e| read_error(&e.to_string())),
        Format::Xls => calamine::open_workbook_from_rs(cursor)
            .map(calamine::Sheets::Xls)
            .map_err(|e| match e {
                calamine::XlsError::Password => encrypted(),
                other => read_error(&other.to_string()),
            }),
        Format::Ods => calamine::open_workbook_from_rs(cursor)
            .map(calamine::Sheets::Ods)
            .map_err(|e| match e {
                calamine::OdsError::Password => encrypted(),
                other => read_error(&other.to_string()),
            }),
    }?;
    Ok(Workbook {
        format,
        book,
        has_formulas: seen.formulas,
        has_merges: seen.merges,
    })
}

fn encrypted() -> String {
    refuse("this workbook is protected with a password (encrypted), so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it again, or save a copy as CSV UTF-8")
}

fn read_error(detail: &str) -> String {
    // calamine's words are for developers; the user gets what to do, and
    // the detail (no cell contents in it) for a bug report.
    format!("this workbook could not be read ({detail}); it may be damaged. Open it in Excel or LibreOffice and save it again, or save it as CSV UTF-8")
}

/// Checks a zip's central directory and actual inflated sizes before any
/// reader inflates anything, and says which workbook it holds and whether
/// any sheet holds a formula.
fn check_zip(bytes: &[u8]) -> Result<(Format, Seen), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        refuse("this file starts like a zip (as .xlsx and .ods workbooks do) but its contents are damaged or cut short. Download or copy it again, or open it in Excel and save it again")
    })?;
    if zip.len() > MAX_PARTS {
        return Err(bomb());
    }
    let names: Vec<String> = zip
        .file_names_raw()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let format = if has("xl/workbook.xml") {
        Format::Xlsx
    } else if has("xl/workbook.bin") {
        Format::Xlsb
    } else if has("content.xml") && has("mimetype") {
        Format::Ods
    } else if has("word/document.xml") {
        return Err(refuse("this is a Word document, not a spreadsheet or CSV"));
    } else if has("ppt/presentation.xml") {
        return Err(refuse(
            "this is a PowerPoint presentation, not a spreadsheet or CSV",
        ));
    } else {
        return Err(refuse(
            "this is a zip archive, not a workbook or CSV. Unzip it and import the files inside",
        ));
    };
    // Declared sizes first (cheap), then the real ones: a zip can lie about
    // its sizes, so every part is inflated into nothing, with a cap, before
    // calamine inflates it for real.
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|_| damaged())?;
        if f.encrypted() {
            return Err(encrypted());
        }
        declared = declared.saturating_add(f.size());
        if f.size() > MAX_PART_BYTES
            || declared > MAX_TOTAL_BYTES
            || (f.size() > (1 << 20) && f.size() / f.compressed_size().max(1) > MAX_RATIO)
        {
            return Err(bomb());
        }
    }
    let mut total = 0u64;
    // Only an .xlsx's sheets are scanned; other formats are read in full.
    let mut seen = Seen {
        formulas: format != Format::Xlsx,
        merges: format != Format::Xlsx,
    };
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|_| damaged())?;
        let compressed = f.compressed_size().max(1);
        let sheet = f.name().is_ok_and(|n| n.starts_with("xl/worksheets/"));
        let mut scan = PartScan::new();
        std::io::copy(&mut (&mut f).take(MAX_PART_BYTES + 1), &mut scan).map_err(|_| damaged())?;
        if sheet {
            seen.formulas |= scan.seen.formulas;
            seen.merges |= scan.seen.merges;
        }
        let n = scan.bytes;
        total += n;
        if n > MAX_PART_BYTES
            || total > MAX_TOTAL_BYTES
            || (n > (1 << 20) && n / compressed > MAX_RATIO)
        {
            return Err(bomb());
        }
    }
    Ok((format, seen))
}

fn damaged() -> String {
    refuse("this workbook's zip container is damaged (a part cannot be read). Download or copy it again, or open it in Excel and save it again")
}

fn bomb() -> String {
    refuse("this file inflates to far more data than any real workbook (a \"zip bomb\" or a damaged file), so it was not opened. If it is a real export, save it from Excel as CSV UTF-8")
}

/// An OLE (compound) file: an old `.xls`, or an encrypted new workbook,
/// which Office wraps in OLE with an `EncryptedPackage` stream.
fn check_ole(bytes: &[u8]) -> Result<Format, String> {
    let wide = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if contains(&wide("EncryptedPackage")) {
        return Err(encrypted());
    }
    if contains(&wide("Workbook")) || contains(&wide("Book")) {
        return Ok(Format::Xls);
    }
    if contains(&wide("WordDocument")) {
        return Err(refuse(
            "this is a Word document (.doc), not a spreadsheet or CSV",
        ));
    }
    Err(refuse("this is an Office file of a kind Mentorscope cannot read (no workbook inside). Open it in Excel and save it as .xlsx or CSV UTF-8"))
}

impl Workbook<'_> {
    /// Sheets in workbook order, with whether they may be offered.
    pub fn sheets(&self) -> Vec<(String, SheetState)> {
        self.book
            .sheets_metadata()
            .iter()
            .map(|s| {
                let state = if s.typ == SheetType::ChartSheet
                    || s.typ == SheetType::Vba
                    || s.typ == SheetType::DialogSheet
                    || s.typ == SheetType::MacroSheet
                {
                    SheetState::Chart
                } else if s.visible != SheetVisible::Visible {
                    SheetState::Hidden
                } else {
                    SheetState::Visible
                };
                (s.name.clone(), state)
            })
            .collect()
    }

    /// Reads one sheet's cells as text. `max_rows` bounds a preview.
    pub fn read_sheet(
        &mut self,
        name: &str,
        max_rows: Option<usize>,
    ) -> Result<SheetTable, String> {
        let range = self
            .book
            .worksheet_range(name)
            .map_err(|e| read_error(&e.to_string()))?;
        let formulas = if max_rows.is_none() && self.has_formulas {
            self.book.worksheet_formula(name).ok()
        } else {
            None
        };
        let merges = match &mut self.book {
            _ if !self.has_merges => Vec::new(),
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            _ => Vec::new(),
        }
        .into_iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
        let mut table = SheetTable {
            name: name.to_string(),
            first_col: 0,
            rows: Vec::new(),
            notes: Vec::new(),
            notes_dropped: 0,
            merges,
        };
        let Some((r0, c0)) = range.start() else {
            return Ok(table);
        };
        let (h, w) = range.get_size();
        if (h as u64).saturating_mul(w as u64) > MAX_CELLS {
            return Err(refuse(format!("this sheet has {h} rows × {w} columns, more than Mentorscope reads from one sheet; save the rows you need as CSV")));
        }
        // Trailing empty columns (formatted but unused) are not columns.
        let mut last_col = 0usize;
        for row in range.rows() {
            if let Some(i) = row.iter().rposition(|c| !matches!(c, Data::Empty)) {
                last_col = last_col.max(i + 1);
            }
        }
        table.first_col = c0;
        let note = |t: &mut SheetTable, row: u64, col: u32, value: String, reason: String| {
            if t.notes.len() < 10_000 {
                t.notes.push(CellNote {
                    row,
                    col,
                    value,
                    reason,
                });
            } else {
                t.notes_dropped += 1;
            }
        };
        for (i, row) in range.rows().enumerate() {
            if max_rows.is_some_and(|m| table.rows.len() >= m) {
                break;
            }
            let sheet_row = u64::from(r0) + i as u64 + 1;
            let mut rec = csv::StringRecord::with_capacity(64, last_col);
            let mut any = false;
            for (j, cell) in row.iter().take(last_col).enumerate() {
                let col = c0 + j as u32;
                let (text, problem) = cell_text(cell);
                if let Some(reason) = problem {
                    note(&mut table, sheet_row, col, text.clone(), reason);
                }
                let text = if matches!(cell, Data::Error(_)) {
                    String::new()
                } else {
                    text
                };
                if matches!(cell, Data::Empty) {
                    if let Some(f) = formulas
                        .as_ref()
                        .and_then(|f| f.get_value((r0 + i as u32, col)))
                        .filter(|f| !f.is_empty())
                    {
                        note(&mut table, sheet_row, col, format!("={f}"), "this formula has no saved result (the program that wrote the file did not calculate it), so the cell was read as empty; open the file in Excel or LibreOffice and save it again".into());
                    }
                }
                any |= !text.trim().is_empty();
                rec.push_field(&text);
            }
            if any {
                table.rows.push((sheet_row, rec));
            }
        }
        Ok(table)
    }
}

/// The text of one cell, and the problem with it if it has one.
pub fn cell_text(cell: &Data) -> (String, Option<String>) {
    match cell {
        Data::Empty => (String::new(), None),
        Data::String(s) => (s.clone(), None),
        Data::Int(i) => (i.to_string(), None),
        Data::Float(f) => (number_text(*f), None),
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).to_string(), None),
        Data::DateTimeIso(s) => (s.replace('T', " "), None),
        Data::DurationIso(s) => (iso_duration_text(s).unwrap_or_else(|| s.clone()), None),
        Data::Error(e) => {
            let shown = e.to_string();
            let why = format!("the cell holds the spreadsheet error {shown}, so it was read as empty; fix the formula in the workbook if the value matters");
            (shown, Some(why))
        }
        Data::DateTime(dt) => {
            if dt.is_duration() {
                return (duration_text(dt.as_f64()), None);
            }
            serial_text(dt.as_f64(), dt_is_1904(dt))
        }
    }
}

fn dt_is_1904(dt: &calamine::ExcelDateTime) -> bool {
    // calamine keeps the flag private; its 1904 conversion is the only way to
    // see it: a 1904 value converts 1,462 days later than the same number in
    // the 1900 system.
    let probe =
        calamine::ExcelDateTime::new(dt.as_f64(), calamine::ExcelDateTimeType::DateTime, false);
    dt.to_ymd_hms_milli() != probe.to_ymd_hms_milli()
}

/// A serial date-time as ISO text. 1900 system: day 1 is 1900-01-01 and
/// day 60 is Excel's 29 February 1900, which never was; 1904 system: day 0
/// is 1904-01-01. A value below one day is a time of day.
pub fn serial_text(serial: f64, is_1904: bool) -> (String, Option<String>) {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return (
            number_text(serial),
            Some("this date cell holds a number outside Excel's dates (years 1900–9999), so it was read as that number".into()),
        );
    }
    let ms = (serial * 86_400_000.0).round() as i64;
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    if days == 0 && !is_1904 {
        return (time_text(ms_of_day), None);
    }
    let base = if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)
    } else if days >= 61 {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    };
    if !is_1904 && days == 60 {
        return (
            "1900-02-29".into(),
            Some("Excel shows 29 February 1900, a day that never existed (a bug Excel keeps for old files); the date was left empty".into()),
        );
    }
    let Some(date) = base.and_then(|b| b.checked_add_signed(Duration::days(days))) else {
        return (number_text(serial), None);
    };
    if ms_of_day == 0 {
        (date.to_string(), None)
    } else {
        (format!("{date} {}", time_text(ms_of_day)), None)
    }
}

/// Whole seconds: Google Sheets keeps milliseconds (`12:02:31.994`) that
/// its own CSV download rounds to `12:02:32`; the workbook reads the same.
fn time_text(ms_of_day: i64) -> String {
    let secs = ((ms_of_day as f64) / 1000.0).round() as u32;
    // Written out rather than through chrono's `format`, which parses its
    // pattern for every cell of a date column.
    let secs = secs.min(86_399);
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

fn duration_text(days: f64) -> String {
    let total = (days * 86_400.0).round() as i64;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    format!("{h}:{m:02}:{s:02}")
}

/// `PT1H30M0S` (OpenDocument durations) as `1:30:00`.
fn iso_duration_text(s: &str) -> Option<String> {
    let rest = s.strip_prefix("PT")?;
    let (mut h, mut m, mut sec, mut num) = (0f64, 0f64, 0f64, String::new());
    for c in rest.chars() {
        match c {
            'H' => h = num.parse().ok()?,
            'M' => m = num.parse().ok()?,
            'S' => sec = num.parse().ok()?,
            _ => {
                num.push(c);
                continue;
            }
        }
        num.clear();
    }
    Some(duration_text((h * 3600.0 + m * 60.0 + sec) / 86_400.0))
}

/// Numbers as Excel's General format would show them, without binary noise:
/// `45` not `45.0`, `0.1` not `0.1000000000000000055`, IDs in full.
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    // Fifteen significant digits is what Excel stores and shows.
    let s = format!("{:.*e}", 14, f);
    let v: f64 = s.parse().unwrap_or(f);
    format!("{v}")
}

/// `C` for column 2 (0-based), `AA` for 26.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_scan_sees_markers_split_across_writes() {
        use std::io::Write;
        let scan = |parts: &[&[u8]]| {
            let mut s = PartScan::new();
            for p in parts {
                s.write_all(p).unwrap();
            }
            (s.seen.formulas, s.seen.merges, s.bytes)
        };
        assert_eq!(scan(&[b"<c><v>1</v></c>"]), (false, false, 15));
        assert_eq!(scan(&[b"<c><", b"f>A1</f>"]), (true, false, 12));
        assert_eq!(
            scan(&[b"<merge", b"C", b"ells count=\"1\">"]),
            (false, true, 22)
        );
        assert!(scan(&[b"<x:mergeCell ref=\"A1:B1\"/>"]).1);
        assert_eq!(scan(&[b"<sheetData>", b"</sheetData>"]), (false, false, 23));
    }

    #[test]
    fn column_letters_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn serials_in_both_date_systems() {
        // Reference values from Excel's documentation and Python's
        // `datetime(1899,12,30) + timedelta(days=n)` (1900 system, n ≥ 61).
        assert_eq!(serial_text(45658.0, false).0, "2025-01-01");
        assert_eq!(serial_text(45658.375, false).0, "2025-01-01 09:00:00");
        assert_eq!(serial_text(1.0, false).0, "1900-01-01");
        assert_eq!(serial_text(59.0, false).0, "1900-02-28");
        assert_eq!(serial_text(61.0, false).0, "1900-03-01");
        let (t, why) = serial_text(60.0, false);
        assert_eq!(t, "1900-02-29");
        assert!(why.unwrap().contains("never existed"));
        // 1904 system: day 0 = 1904-01-01; 44196 = 2025-01-01.
        assert_eq!(serial_text(44196.0, true).0, "2025-01-01");
        assert_eq!(serial_text(0.0, true).0, "1904-01-01");
        assert_eq!(serial_text(0.5, false).0, "12:00:00");
    }

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(45.0), "45");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(118874000000.0), "118874000000");
        assert_eq!(number_text(-2.5), "-2.5");
    }

    #[test]
    fn durations() {
        assert_eq!(duration_text(0.75 / 24.0), "0:45:00");
        assert_eq!(iso_duration_text("PT1H30M0S").as_deref(), Some("1:30:00"));
    }
}
