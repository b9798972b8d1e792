//! Dates and date-times in every spelling INPUTS.md lists, the day/month
//! order of a column decided from its values, and the one form the store
//! keeps.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::is_missing;

/// The order of day and month in a column of slash or dot dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 03/31/2025
    Mdy,
    /// 31/03/2025
    Dmy,
}

/// What the values of a column say about its date order.
#[derive(Debug, Default, Clone, Copy)]
pub struct DateOrderEvidence {
    /// Values whose first number can only be a day (> 12).
    pub day_first: usize,
    /// Values whose second number can only be a day (> 12).
    pub month_first: usize,
    /// Values with both numbers ≤ 12.
    pub ambiguous: usize,
}

impl DateOrderEvidence {
    pub fn observe(&mut self, s: &str) {
        if let Some((a, b, _)) = numeric_date_parts(s) {
            match (a > 12, b > 12) {
                (true, false) => self.day_first += 1,
                (false, true) => self.month_first += 1,
                (false, false) => self.ambiguous += 1,
                (true, true) => {}
            }
        }
    }

    /// Adds what another pass over the same column saw.
    pub fn add(&mut self, other: DateOrderEvidence) {
        self.day_first += other.day_first;
        self.month_first += other.month_first;
        self.ambiguous += other.ambiguous;
    }

    /// The decided order, and whether the data alone could not decide it.
    pub fn decide(&self, fallback: DateOrder) -> (DateOrder, bool) {
        match (self.day_first > 0, self.month_first > 0) {
            (true, false) => (DateOrder::Dmy, false),
            (false, true) => (DateOrder::Mdy, false),
            // Mixed columns are read by the majority; the minority rows then
            // fail to parse and are reported one by one.
            (true, true) => {
                if self.day_first >= self.month_first {
                    (DateOrder::Dmy, false)
                } else {
                    (DateOrder::Mdy, false)
                }
            }
            (false, false) => (fallback, self.ambiguous > 0),
        }
    }
}

/// `a/b/yyyy` or `a.b.yy` (time allowed after): the two leading numbers and
/// the year as written.
fn numeric_date_parts(s: &str) -> Option<(u32, u32, i32)> {
    let date = s.trim().split([' ', 'T']).next()?;
    let sep = if date.contains('/') {
        '/'
    } else if date.contains('.') {
        '.'
    } else if date.contains('-')
        && !date.starts_with(|c: char| c.is_ascii_digit() && date.find('-') == Some(4))
    {
        '-'
    } else {
        return None;
    };
    let mut it = date.split(sep);
    let a = it.next()?.parse::<u32>().ok()?;
    let b = it.next()?.parse::<u32>().ok()?;
    let y_str = it.next()?;
    if it.next().is_some() || y_str.len() > 4 || a == 0 || b == 0 {
        return None;
    }
    // A leading four-digit part is year-first (2025/01/31), not day or month.
    if a > 31 {
        return None;
    }
    let y = y_str.parse::<i32>().ok()?;
    Some((a, b, expand_year(y, y_str.len())))
}

fn expand_year(y: i32, digits: usize) -> i32 {
    if digits <= 2 {
        // Spreadsheet convention: 00–69 → 2000s, 70–99 → 1900s.
        if y < 70 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    }
}

/// Parses a date or date-time into a date-time (midnight when no time).
pub fn parse_datetime(s: &str, order: DateOrder) -> Result<Option<NaiveDateTime>, String> {
    let t = s.trim();
    if is_missing(t) {
        return Ok(None);
    }
    let expected = match order {
        DateOrder::Mdy => "expected a date like 2025-03-31 or 03/31/2025",
        DateOrder::Dmy => "expected a date like 2025-03-31 or 31/03/2025",
    };
    let fail = || format!("`{t}` is not a date; {expected}");

    // Spreadsheet serial numbers (days since 1899-12-30), e.g. 45658.
    if let Ok(serial) = t.parse::<f64>() {
        if (20000.0..=80000.0).contains(&serial) {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or_else(fail)?;
            let days = serial.trunc() as i64;
            let secs = ((serial - serial.trunc()) * 86400.0).round() as i64;
            return Ok(Some(
                base.and_time(NaiveTime::MIN) + Duration::days(days) + Duration::seconds(secs),
            ));
        }
        return Err(fail());
    }

    let (date_part, time_part) = split_date_time(t);
    let date = parse_date_part(date_part, order).ok_or_else(fail)?;
    let time = match time_part {
        None => NaiveTime::MIN,
        Some(tp) => parse_time_part(tp).ok_or_else(fail)?,
    };
    Ok(Some(date.and_time(time)))
}

pub fn parse_date(s: &str, order: DateOrder) -> Result<Option<NaiveDate>, String> {
    Ok(parse_datetime(s, order)?.map(|dt| dt.date()))
}

fn split_date_time(t: &str) -> (&str, Option<&str>) {
    // ISO `2025-01-31T09:00:00Z`
    if let Some(i) = t.find('T') {
        if i >= 8 && t[..i].chars().all(|c| c.is_ascii_digit() || c == '-') {
            return (&t[..i], Some(&t[i + 1..]));
        }
    }
    // Month names contain spaces ("Jan 5, 2025 10:00"): the time starts at
    // the first token containing ':'.
    if let Some((k, tok)) = t
        .split_whitespace()
        .enumerate()
        .find(|(_, tok)| tok.contains(':'))
    {
        if k > 0 {
            // The token's own place in `t`: the tokens before it have no
            // ':', so it is also where its text first occurs.
            let start = tok.as_ptr() as usize - t.as_ptr() as usize;
            return (t[..start].trim(), Some(t[start..].trim()));
        }
    }
    (t, None)
}

fn parse_date_part(d: &str, order: DateOrder) -> Option<NaiveDate> {
    let d = d.trim().trim_end_matches(',');
    // The common case, `2025-03-31`, without a format string.
    if let Some(v) = iso_date(d.as_bytes()) {
        return Some(v);
    }
    let year_first = d.len() >= 8 && d.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if year_first {
        for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"] {
            if let Ok(v) = NaiveDate::parse_from_str(d, fmt) {
                if fmt != "%Y%m%d" || d.len() == 8 {
                    return Some(v);
                }
            }
        }
    }
    if let Some((a, b, y)) = numeric_date_parts(d) {
        let (m, day) = match order {
            DateOrder::Mdy => (a, b),
            DateOrder::Dmy => (b, a),
        };
        return NaiveDate::from_ymd_opt(y, m, day);
    }
    for fmt in [
        "%b %d %Y",
        "%B %d %Y",
        "%d %b %Y",
        "%d %B %Y",
        "%d-%b-%Y",
        "%d-%b-%y",
        "%a %b %d %Y",
    ] {
        let cleaned = d.replace(',', "");
        if let Ok(v) = NaiveDate::parse_from_str(&cleaned, fmt) {
            return Some(v);
        }
    }
    None
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Exactly `YYYY-MM-DD`.
fn iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[..4])? as i32, digits(&b[5..7])?, digits(&b[8..])?)
}

/// Exactly `HH:MM` or `HH:MM:SS` on the 24-hour clock.
fn plain_time(b: &[u8]) -> Option<NaiveTime> {
    if !(b.len() == 5 || b.len() == 8) || b[2] != b':' {
        return None;
    }
    let sec = if b.len() == 8 {
        if b[5] != b':' {
            return None;
        }
        digits(&b[6..])?
    } else {
        0
    };
    NaiveTime::from_hms_opt(digits(&b[..2])?, digits(&b[3..5])?, sec)
}

fn parse_time_part(tp: &str) -> Option<NaiveTime> {
    if let Some(t) = plain_time(tp.trim().as_bytes()) {
        return Some(t);
    }
    let mut s = tp.trim().to_string();
    // Time-zone suffixes: keep the wall-clock time the file shows.
    for suffix in [
        " UTC", " GMT", "Z", " CET", " CEST", " EST", " EDT", " PST", " PDT",
    ] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.trim().to_string();
        }
    }
    if let Some(i) = s.rfind(['+', '-']) {
        let offset = &s[i + 1..];
        if i >= 4
            && offset.len() >= 2
            && offset.replace(':', "").chars().all(|c| c.is_ascii_digit())
        {
            s.truncate(i);
        }
    }
    if let Some(i) = s.find('.') {
        // Fractional seconds.
        if s[i + 1..].chars().all(|c| c.is_ascii_digit()) {
            s.truncate(i);
        }
    }
    let upper = s.to_ascii_uppercase();
    for fmt in [
        "%H:%M:%S",
        "%H:%M",
        "%I:%M:%S %p",
        "%I:%M %p",
        "%I:%M:%S%p",
        "%I:%M%p",
    ] {
        if let Ok(t) = NaiveTime::parse_from_str(&upper, fmt) {
            // A leap second (23:59:60) reads as 23:59:59: the store keeps
            // whole seconds, and what was read must be what is stored.
            return Some(chrono::Timelike::with_nanosecond(&t, 0).unwrap_or(t));
        }
    }
    None
}

/// A date is plausible for HR and program data if it is after 1970 and not
/// more than a year ahead of today; outside that it is almost surely a typo.
pub fn implausible_date(d: NaiveDate) -> Option<String> {
    // Asked once per date cell: read the clock (and time zone) once.
    static TODAY: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();
    let today = *TODAY.get_or_init(|| chrono::Local::now().date_naive());
    if d.year() < 1970 {
        Some(format!("{d} is before 1970; check the year"))
    } else if d > today + Duration::days(366) {
        Some(format!(
            "{d} is more than a year in the future; check the year"
        ))
    } else {
        None
    }
}

/// `2025-03-31T09:05:00`, the one form the store keeps. Written by hand:
/// it runs once per imported row, and a strftime pattern is re-read on
/// every call.
pub fn iso_stamp(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    let (y, mo, d) = (t.year(), t.month(), t.day());
    if !(0..=9999).contains(&y) {
        return t.format("%Y-%m-%dT%H:%M:%S").to_string();
    }
    let mut b = *b"0000-00-00T00:00:00";
    let mut put = |at: usize, width: usize, mut v: u32| {
        for i in (at..at + width).rev() {
            b[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, 4, y as u32);
    put(5, 2, mo);
    put(8, 2, d);
    put(11, 2, t.hour());
    put(14, 2, t.minute());
    put(17, 2, t.second());
    b.iter().map(|&c| c as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_agree_with_chrono() {
        for d in [
            "2025-03-31",
            "2024-02-29",
            "2025-02-30",
            "2025-13-01",
            "2025-3-31",
            "20250331",
        ] {
            assert_eq!(
                iso_date(d.as_bytes()),
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .ok()
                    .filter(|_| d.len() == 10),
                "{d}"
            );
        }
        for t in [
            "09:05", "23:59:59", "24:00", "9:05", "12:60", "07:30:61", "07-30-00",
        ] {
            let chrono_t = NaiveTime::parse_from_str(t, "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
                .ok()
                .filter(|_| t.len() == 5 || t.len() == 8);
            assert_eq!(plain_time(t.as_bytes()), chrono_t, "{t}");
        }
    }

    #[test]
    fn iso_stamp_matches_strftime() {
        for (y, mo, d, h, mi, se) in [
            (1970, 1, 1, 0, 0, 0),
            (2024, 2, 29, 23, 59, 59),
            (999, 12, 31, 9, 5, 7),
            (2026, 11, 22, 12, 0, 1),
        ] {
            let t = NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|d| d.and_hms_opt(h, mi, se))
                .expect("valid");
            assert_eq!(iso_stamp(t), t.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn parses_the_spellings_exports_use() {
        let m = DateOrder::Mdy;
        assert_eq!(
            parse_datetime("2025-03-31", m).unwrap(),
            Some(dt("2025-03-31 00:00:00"))
        );
        assert_eq!(
            parse_datetime("2025-03-31T09:15:00Z", m).unwrap(),
            Some(dt("2025-03-31 09:15:00"))
        );
        assert_eq!(
            parse_datetime("2025-03-31 09:15:00+02:00", m).unwrap(),
            Some(dt("2025-03-31 09:15:00"))
        );
        assert_eq!(
            parse_datetime("3/31/2025", m).unwrap(),
            Some(dt("2025-03-31 00:00:00"))
        );
        assert_eq!(
            parse_datetime("3/31/2025 2:05 PM", m).unwrap(),
            Some(dt("2025-03-31 14:05:00"))
        );
        assert_eq!(
            parse_datetime("03/31/2025 02:05:09 pm", m).unwrap(),
            Some(dt("2025-03-31 14:05:09"))
        );
        assert_eq!(
            parse_datetime("9/1/2024 11:27", m).unwrap(),
            Some(dt("2024-09-01 11:27:00"))
        );
        assert_eq!(
            parse_datetime("31/01/2025", DateOrder::Dmy).unwrap(),
            Some(dt("2025-01-31 00:00:00"))
        );
        assert_eq!(
            parse_datetime("31.01.25", DateOrder::Dmy).unwrap(),
            Some(dt("2025-01-31 00:00:00"))
        );
        assert_eq!(
            parse_datetime("45658", m).unwrap(),
            Some(dt("2025-01-01 00:00:00"))
        );
        assert_eq!(
            parse_datetime("Jan 5, 2025", m).unwrap(),
            Some(dt("2025-01-05 00:00:00"))
        );
        assert_eq!(parse_datetime("N/A", m).unwrap(), None);
    }

    #[test]
    fn rejects_impossible_dates_with_the_expected_form() {
        let e = parse_datetime("13/31/2025", DateOrder::Mdy).unwrap_err();
        assert!(e.contains("`13/31/2025` is not a date"), "{e}");
        assert!(e.contains("03/31/2025"), "{e}");
        assert!(parse_datetime("tomorrow", DateOrder::Mdy).is_err());
        assert!(parse_datetime("12", DateOrder::Mdy).is_err());
    }

    #[test]
    fn date_order_is_decided_by_the_column() {
        let mut ev = DateOrderEvidence::default();
        for v in ["02/01/2014", "31/12/2012"] {
            ev.observe(v);
        }
        assert_eq!(ev.decide(DateOrder::Mdy), (DateOrder::Dmy, false));
        let mut ev = DateOrderEvidence::default();
        ev.observe("02/01/2014");
        assert_eq!(ev.decide(DateOrder::Mdy), (DateOrder::Mdy, true));
    }
}
