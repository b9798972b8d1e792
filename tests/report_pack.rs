//! The review pack on the sample program: the files it writes, the same
//! bytes every time, the HTML (snapshot, escaping, no script, nothing
//! loaded from outside), the PDF (parses, one page per chart), and the
//! `report` and `demo` subcommands.

use assert_cmd::Command;
use mentorscope::analysis::AnalysisOptions;
use mentorscope::charts::ChartKind;
use mentorscope::report::{self, ReportOptions, ReviewPack};
use mentorscope::Store;

fn sample_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    mentorscope::sample::import_into(&mut store).unwrap();
    store
}

fn pack(opts: &ReportOptions) -> ReviewPack {
    report::build(&sample_store(), opts).unwrap()
}

fn html(p: &ReviewPack) -> String {
    String::from_utf8(p.file(report::HTML_FILE).unwrap().bytes.clone()).unwrap()
}

/// The embedded fonts and the inline chart SVGs (snapshotted on their own
/// in charts_render) are cut out, leaving the report's own text.
fn normalise_html(h: &str) -> String {
    let mut out = String::new();
    let mut rest = h;
    loop {
        let font = rest.find("base64,");
        let svg = rest.find("<svg ");
        match (font, svg) {
            (Some(f), s) if s.is_none_or(|s| f < s) => {
                out.push_str(&rest[..f + 7]);
                out.push('…');
                let end = rest[f..].find(')').map(|e| f + e).unwrap_or(rest.len());
                rest = &rest[end..];
            }
            (_, Some(s)) => {
                out.push_str(&rest[..s]);
                let end = rest[s..]
                    .find("</svg>")
                    .map(|e| s + e + 6)
                    .unwrap_or(rest.len());
                let label = rest[s..end]
                    .split("aria-label=\"")
                    .nth(1)
                    .and_then(|l| l.split('"').next())
                    .unwrap_or("");
                out.push_str(&format!("<svg aria-label=\"{label}\">…</svg>"));
                rest = &rest[end..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_pack_has_every_chart_as_svg_and_png_plus_html_pdf_slides_workbook_and_json() {
    let p = pack(&ReportOptions::default());
    let mut names: Vec<&str> = p.files.iter().map(|f| f.name.as_str()).collect();
    names.sort();
    let mut expected = vec![
        report::HTML_FILE.to_string(),
        report::PDF_FILE.to_string(),
        report::PPTX_FILE.to_string(),
        report::XLSX_FILE.to_string(),
        report::JSON_FILE.to_string(),
    ];
    for k in ChartKind::ALL {
        let s = k.file_stem();
        expected.push(format!("charts/{s}.svg"));
        expected.push(format!("charts/{s}.png"));
        expected.push(format!("charts/{s}@2x.png"));
    }
    expected.sort();
    assert_eq!(names, expected);
    for f in &p.files {
        assert!(!f.bytes.is_empty(), "{} is empty", f.name);
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let a = pack(&ReportOptions::default());
    let b = pack(&ReportOptions::default());
    for (x, y) in a.files.iter().zip(&b.files) {
        assert_eq!(x.name, y.name);
        assert!(x.bytes == y.bytes, "{} differs between two runs", x.name);
    }
}

#[test]
fn html_report_matches_its_snapshot() {
    let p = pack(&ReportOptions::default());
    let h = html(&p);
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots/report");
    s.set_prepend_module_to_snapshot(false);
    s.bind(|| insta::assert_snapshot!("review-html", normalise_html(&h)));
}

#[test]
fn html_has_a_section_per_chart_with_its_reading_and_the_m6_m7_definitions() {
    let p = pack(&ReportOptions::default());
    let h = html(&p);
    for c in &p.charts {
        let id = format!("<section id=\"{}\">", c.kind.file_stem());
        assert!(h.contains(&id), "no section {id}");
        let reading = report::reading(c.kind, &p.analysis, &Default::default());
        // The reading's opening words (escaped as the HTML escapes it);
        // the rest may name figures the default extras do not carry.
        let first: String = reading.paragraph.chars().take(40).collect();
        let first = first.replace('\'', "&#39;").replace('"', "&quot;");
        assert!(h.contains(&first), "{:?}: reading missing: {first}", c.kind);
    }
    for term in [
        "Like for like",
        "Hazard ratio",
        "Smallest detectable effect",
        "Delivery trend at launch",
        "Survey waves over time",
        "Cohorts and formats",
    ] {
        assert!(
            h.contains(&format!("<dt>{term}</dt>")),
            "no definition of {term}"
        );
    }
}

#[test]
fn html_is_self_contained_and_escapes_every_name() {
    let opts = ReportOptions {
        analysis: AnalysisOptions {
            team: Some("R&D \"Labs\"".into()),
            min_group_size: 3,
            ..Default::default()
        },
        program_name: Some("<script>alert(1)</script> Équipe Données".into()),
        skill_areas: Some(vec![
            "Code review".into(),
            "<img src=x onerror=alert(1)>".into(),
        ]),
        redact_names: false,
    };
    let p = pack(&opts);
    let h = html(&p);
    assert!(!h.contains("<script"), "raw script tag in the HTML");
    assert!(!h.contains("<img"), "raw img tag in the HTML");
    assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt; Équipe Données"));
    assert!(h.contains("team R&amp;D &quot;Labs&quot;"));
    assert!(h.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Nothing is fetched: no external URL anywhere.
    for needle in ["http://", "https://", "src=\"", "href=\""] {
        let outside_svg_ns = h.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(!outside_svg_ns.contains(needle), "HTML references {needle}");
    }
}

#[test]
fn pdf_parses_with_one_page_per_chart() {
    let p = pack(&ReportOptions::default());
    let bytes = &p.file(report::PDF_FILE).unwrap().bytes;
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<String> = doc
        .get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).unwrap())
        .collect();
    // Every chart has one page, headed "k of N · LABEL", in pack order,
    // one after the other: a reading that spilled over would put a page
    // between two charts.
    let n = ChartKind::ALL.len();
    let heads: Vec<usize> = ChartKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let head = format!("{} of {n} · {}", i + 1, k.label().to_uppercase());
            let at: Vec<usize> = (0..pages.len())
                .filter(|&p| pages[p].contains(&head))
                .collect();
            assert_eq!(at.len(), 1, "{head} is on pages {at:?}");
            at[0]
        })
        .collect();
    for w in heads.windows(2) {
        assert_eq!(w[1], w[0] + 1, "a chart's page spilled over: {heads:?}");
    }
    // The summary comes first, then the charts, then quiet pairings, data
    // quality and definitions, which include the adjusted comparisons.
    assert!(heads[0] >= 1 && pages[0].contains("MENTORSHIP PROGRAM REVIEW"));
    let tail = pages[heads[n - 1] + 1..].join("\n");
    for section in [
        "Quiet pairings",
        "Data quality",
        "Definitions",
        "Like for like",
        "Hazard ratio",
        "Cohorts and formats",
    ] {
        assert!(tail.contains(section), "no {section} after the charts");
    }
    let raw = String::from_utf8_lossy(bytes);
    assert!(
        !raw.contains("/CreationDate"),
        "the PDF carries a timestamp"
    );
    assert!(raw.contains("Mentorscope"));
}

#[test]
fn report_and_demo_subcommands_write_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    Command::cargo_bin("mentorscope")
        .unwrap()
        .current_dir(dir.path())
        .args(["demo", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("Wrote the review pack"));
    assert!(out.join(report::HTML_FILE).is_file());
    assert!(out.join(report::PDF_FILE).is_file());
    assert!(out.join("charts/05-ramp-up@2x.png").is_file());

    let db = dir.path().join("p.db");
    let mut import = Command::cargo_bin("mentorscope").unwrap();
    import.arg("--db").arg(&db).arg("import");
    for (name, _) in mentorscope::sample::FILES {
        import.arg(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data")
                .join(name),
        );
    }
    import.assert().success();
    let out2 = dir.path().join("pack2");
    Command::cargo_bin("mentorscope")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .args([
            "report",
            "--cohort",
            "2025-Spring",
            "--skill-areas",
            "Code review; Security",
            "--out",
        ])
        .arg(&out2)
        .assert()
        .success();
    let h = std::fs::read_to_string(out2.join(report::HTML_FILE)).unwrap();
    assert!(h.contains("cohort 2025-Spring"));
    assert!(h.contains("Never discussed: Security."));
}
