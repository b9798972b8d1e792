//! Helpers for the tests of the review pack's Office files: the independent
//! readers (python-pptx and openpyxl in the test venv, LibreOffice
//! headless), found or skipped with one printed line like the real-export
//! corpus, and the parts of a zip package read as text.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn skip(test: &str, what: &str, env: &str) {
    if std::env::var_os(env).is_some() {
        panic!("{test}: {what}, and {env} is set");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {what}");
}

/// The test venv's Python (`$MENTORSCOPE_TEST_VENV`, default
/// `~/.cache/mentorscope/test-venv`, made by `scripts/setup.sh` from
/// `tests/python/requirements.txt`) if it has python-pptx and openpyxl.
pub fn python(test: &str) -> Option<PathBuf> {
    let venv = std::env::var_os("MENTORSCOPE_TEST_VENV")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/mentorscope/test-venv"))
        })?;
    let py = venv.join("bin/python");
    let ok = Command::new(&py)
        .args(["-c", "import pptx, openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        Some(py)
    } else {
        skip(
            test,
            &format!(
                "no test venv with python-pptx and openpyxl at {} (scripts/setup.sh makes it)",
                venv.display()
            ),
            "MENTORSCOPE_REQUIRE_OFFICE",
        );
        None
    }
}

/// Runs `tests/python/<script>` on `file` and parses what it prints.
pub fn read_with(py: &Path, script: &str, file: &Path) -> serde_json::Value {
    let out = Command::new(py)
        .arg(super::repo().join("tests/python").join(script))
        .arg(file)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{script} failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the reader")
}

/// LibreOffice's `soffice`, if installed.
pub fn soffice(test: &str) -> Option<PathBuf> {
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        let p = Path::new(dir).join("soffice");
        if p.is_file() {
            return Some(p);
        }
    }
    skip(
        test,
        "LibreOffice (soffice) is not installed (scripts/setup.sh installs it)",
        "MENTORSCOPE_REQUIRE_OFFICE",
    );
    None
}

/// The text of a PDF as poppler's `pdftotext` reads it — the charts'
/// labels included, which are drawn in form XObjects that
/// `lopdf::Document::extract_text` does not enter — or `None` (after one
/// printed line) where poppler-utils is not installed
/// (`scripts/setup.sh` installs it with the office packages).
pub fn pdftotext(test: &str, pdf: &Path) -> Option<String> {
    match Command::new("pdftotext").arg(pdf).arg("-").output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => panic!(
            "pdftotext could not read {}: {}",
            pdf.display(),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => {
            skip(
                test,
                "pdftotext (poppler-utils) is not installed (scripts/setup.sh installs it); the PDF's charts are not searched",
                "MENTORSCOPE_REQUIRE_OFFICE",
            );
            None
        }
    }
}

/// Converts `file` to PDF with LibreOffice headless in `out_dir` (its own
/// profile, so tests can run at once) and returns the PDF's path.
pub fn to_pdf(soffice: &Path, file: &Path, out_dir: &Path) -> PathBuf {
    let profile = out_dir.join("lo-profile");
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(file)
        .output()
        .expect("run soffice");
    let pdf = out_dir.join(file.with_extension("pdf").file_name().unwrap());
    assert!(
        out.status.success() && pdf.is_file(),
        "LibreOffice could not convert {}: {}{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// Every entry of a zip package: (name, bytes), in the archive's order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().expect("entry name").to_string(), b)
        })
        .collect()
}

/// The text a reader sees in an Office XML part: the content of every
/// element and the value of every attribute, unescaped; a space after each
/// attribute and each element's end.
pub fn xml_text(xml: &[u8]) -> String {
    use quick_xml::events::Event;
    use quick_xml::XmlVersion::Implicit1_0 as V10;
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf).expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    out.push_str(&a.normalized_value(V10).expect("attribute value"));
                    out.push(' ');
                }
            }
            Event::Text(t) => {
                out.push_str(&t.xml_content(V10));
            }
            // Text runs split at references; words split at elements.
            Event::End(_) => out.push(' '),
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().expect("character reference") {
                    Some(c) => c.to_string(),
                    None => match g.xml_content(V10).as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("an undeclared entity &{other};"),
                    },
                };
                out.push_str(&c);
            }
            _ => {}
        }
        buf.clear();
    }
    out
}
