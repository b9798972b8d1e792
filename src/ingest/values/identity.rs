//! How files spell the people they name.

use std::borrow::Cow;

use super::is_missing;

/// A person reference as files spell it: e-mails trimmed and lower-cased,
/// IDs trimmed (case kept; `E001` and `e001` are the same person only if HR
/// says so).
pub fn normalise_identity(s: &str) -> Option<Cow<'_, str>> {
    let t = s.trim().trim_matches(|c| c == '<' || c == '>').trim();
    if is_missing(t) {
        return None;
    }
    // Borrowed unless lower-casing changes it: a million rows name two
    // people each.
    let lower_already = t.is_ascii() && !t.bytes().any(|b| b.is_ascii_uppercase());
    if t.contains('@') && !lower_already {
        Some(Cow::Owned(t.to_lowercase()))
    } else {
        Some(Cow::Borrowed(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_trimmed_and_emails_lowercased() {
        assert_eq!(
            normalise_identity("  Ana.Silva@Example.COM "),
            Some("ana.silva@example.com".into())
        );
        assert_eq!(normalise_identity(" E001 "), Some("E001".into()));
        assert_eq!(normalise_identity(""), None);
    }
}
