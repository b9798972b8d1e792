//! Bytes → text. Recognises what a file is before anything tries to read it
//! as a table (workbooks, images, PDFs are refused with the fix), finds the
//! encoding (BOMs, UTF-16 without BOM, UTF-8 with a few stray bytes, legacy
//! single-byte encodings via `chardetng`) and decodes.
//!
//! It never guesses silently: what it decided is returned so the import
//! report can say it.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Human name, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`.
    pub encoding: &'static str,
    /// Bytes that could not be decoded and were replaced with `�`.
    pub replaced: usize,
}

/// Why a file cannot be read as text at all; the message is the fix.
pub fn refuse_binary(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"PK\x03\x04",
            "this is an Excel workbook or other zip file, not a CSV. In Excel use File > Save As > CSV UTF-8 and import that file",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "this is an old Excel (.xls) workbook, not a CSV. In Excel use File > Save As > CSV UTF-8 and import that file",
        ),
        (b"\x89PNG", "this is a PNG image, not a CSV file"),
        (b"\xFF\xD8\xFF", "this is a JPEG image, not a CSV file"),
        (b"GIF8", "this is a GIF image, not a CSV file"),
        (b"%PDF", "this is a PDF document, not a CSV file. Export the data as CSV from the tool that made it"),
        (b"SQLite format 3\0", "this is a database file, not a CSV file"),
    ];
    for (sig, why) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Some(why);
        }
    }
    None
}

pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, &'static str> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            replaced: if had_errors {
                count_replacements(&text)
            } else {
                0
            },
            text,
            encoding: enc.name(),
        });
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            replaced: count_replacements(&text),
            text,
            encoding: enc.name(),
        });
    }
    // NUL and other control bytes in a file that is not UTF-16 mean binary
    // data (a compressed or packed file), not text. Text has tabs, line
    // breaks, form feeds, FileMaker's vertical tabs and DOS's final Ctrl-Z.
    let controls = bytes
        .iter()
        .take(64 * 1024)
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1a))
        .count();
    if controls > 0 && controls * 100 >= bytes.len().min(64 * 1024) {
        return Err(
            "this file contains binary data, not text; export it as CSV and import that file",
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: Cow::Borrowed(s),
            encoding: "UTF-8",
            replaced: 0,
        }),
        Err(_) => {
            let (valid_multibyte, invalid) = utf8_census(bytes);
            // A file that is mostly good UTF-8 with a few stray bytes (a
            // copy-paste accident) keeps its UTF-8 text; re-reading it all as
            // Windows-1252 would garble every accented letter in it.
            if valid_multibyte > 0 && invalid <= valid_multibyte.max(4) {
                let (text, _) = UTF_8.decode_without_bom_handling(bytes);
                return Ok(Decoded {
                    replaced: count_replacements(&text),
                    text,
                    encoding: "UTF-8",
                });
            }
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            let enc = det.guess(None, chardetng::Utf8Detection::Allow);
            let (text, _) = enc.decode_without_bom_handling(bytes);
            Ok(Decoded {
                replaced: count_replacements(&text),
                text,
                encoding: enc.name(),
            })
        }
    }
}

fn count_replacements(text: &str) -> usize {
    text.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// UTF-16 from Excel's "Unicode text" sometimes loses its BOM on the way.
/// ASCII-heavy UTF-16 has a NUL in every other byte, on one side.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Counts well-formed multi-byte UTF-8 sequences and invalid bytes.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                if let Ok(s) = std::str::from_utf8(&rest[..good]) {
                    valid += s.chars().filter(|c| !c.is_ascii()).count();
                }
                let bad = e.error_len().unwrap_or(rest.len() - good);
                invalid += bad.max(1);
                rest = &rest[(good + bad.max(1)).min(rest.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    (valid, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFa,b\n").unwrap();
        assert_eq!(d.text, "a,b\n");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16le_with_and_without_bom() {
        let body: Vec<u8> = "Name\tTeam\nZoë\tData\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&body);
        assert_eq!(decode(&with_bom).unwrap().text, "Name\tTeam\nZoë\tData\n");
        let d = decode(&body).unwrap();
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "Name\tTeam\nZoë\tData\n");
    }

    #[test]
    fn windows_1252_is_recognised() {
        let d = decode(b"Team;Name\n\xC9quipe Donn\xE9es;Ren\xE9e\n").unwrap();
        assert_eq!(d.text, "Team;Name\nÉquipe Données;Renée\n");
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_stays_utf8() {
        let mut bytes = "Zoë,José,Łukasz,éé\n".as_bytes().to_vec();
        bytes.push(0x8C);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("Zoë,José,Łukasz"));
    }

    #[test]
    fn refuses_workbooks_and_images() {
        assert!(refuse_binary(b"PK\x03\x04rest").unwrap().contains("Excel"));
        assert!(refuse_binary(b"\x89PNG\r\n").unwrap().contains("PNG"));
        assert!(refuse_binary(b"a,b\n").is_none());
    }
}
