//! Numbers as spreadsheets write them, and IDs a spreadsheet has turned
//! into numbers.

use std::borrow::Cow;

use super::is_missing;

/// Numbers as spreadsheets write them. `decimal_comma` is true for files
/// whose delimiter is `;`, where `1,5` means one and a half.
pub fn parse_number(s: &str, decimal_comma: bool) -> Result<Option<f64>, String> {
    let t = s.trim();
    if is_missing(t) {
        return Ok(None);
    }
    let t = t.trim_end_matches('%');
    let separators: &[char] = if decimal_comma {
        &['.', ' ', '\u{a0}', ',']
    } else {
        &[',', ' ', '\u{a0}']
    };
    // Most numbers have no separators to take out: no copy for them.
    let cleaned: Cow<'_, str> = if !t.contains(separators) {
        Cow::Borrowed(t)
    } else if decimal_comma {
        Cow::Owned(t.replace(['.', ' ', '\u{a0}'], "").replace(',', "."))
    } else {
        Cow::Owned(t.replace([',', ' ', '\u{a0}'], ""))
    };
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!("`{}` is not a number", s.trim())),
    }
}

/// An employee ID that Excel turned into `1.18874E+11` has lost digits for
/// good; say so instead of storing a wrong ID.
pub fn looks_excel_mangled(id: &str) -> bool {
    let t = id.trim();
    t.contains(['E', 'e'])
        && t.contains('+')
        && t.replace(['E', 'e', '+', '.', '-'], "")
            .chars()
            .all(|c| c.is_ascii_digit())
        && t.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_decimal_commas_and_missing_markers() {
        assert_eq!(parse_number("1,5", true).unwrap(), Some(1.5));
        assert_eq!(parse_number("1.234,5", true).unwrap(), Some(1234.5));
        assert_eq!(parse_number("1,234.5", false).unwrap(), Some(1234.5));
        assert_eq!(parse_number("N/A", false).unwrap(), None);
        assert_eq!(parse_number(" - ", false).unwrap(), None);
        assert!(parse_number("abc", false).is_err());
    }

    #[test]
    fn excel_scientific_ids_are_spotted() {
        assert!(looks_excel_mangled("1.18874E+11"));
        assert!(!looks_excel_mangled("E00012"));
    }
}
