//! The review pack's slides (`review.pptx`) and analyst's workbook
//! (`review.xlsx`) on the sample program, read back by independent readers:
//! the package structure part by part (every part well-formed, typed and
//! reachable), a snapshot of the slide XML, python-pptx (each slide's title
//! and notes), LibreOffice headless (renders the deck, a page per slide),
//! openpyxl (every number equals `analysis.json`); names full of markup and
//! non-Latin script stay text in both. The readers in the Python venv and
//! LibreOffice are skipped with one printed line when absent
//! (`MENTORSCOPE_REQUIRE_OFFICE=1`, set in CI, turns a skip into a failure).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use mentorscope::analysis::AnalysisOptions;
use mentorscope::charts::theme::p_text;
use mentorscope::charts::ChartKind;
use mentorscope::ingest::{self, ImportOptions};
use mentorscope::report::{self, ReportOptions, ReviewPack};
use mentorscope::Store;
use serde_json::Value;

use common::office;

fn sample_pack() -> ReviewPack {
    let mut store = Store::open_in_memory().unwrap();
    mentorscope::sample::import_into(&mut store).unwrap();
    report::build(&store, &ReportOptions::default()).unwrap()
}

fn bytes<'a>(p: &'a ReviewPack, name: &str) -> &'a [u8] {
    &p.file(name).unwrap_or_else(|| panic!("no {name}")).bytes
}

fn write(p: &ReviewPack, dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes(p, name)).unwrap();
    path
}

/// Definitions slides of the sample program: M1–M7's terms need three at
/// the list's readable size ("Definitions (1 of 3)" …).
const DEFINITION_SLIDES: usize = 3;

/// Cover, headlines, a slide per chart, data quality (one slide for the
/// sample program), definitions.
const SLIDES: usize = 2 + ChartKind::ALL.len() + 1 + DEFINITION_SLIDES;

#[test]
fn the_deck_is_a_complete_package_of_well_formed_parts() {
    let p = sample_pack();
    let parts = office::unzip(bytes(&p, report::PPTX_FILE));
    assert_eq!(parts[0].0, "[Content_Types].xml", "content types first");
    let names: BTreeSet<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), parts.len(), "a part is zipped twice");
    for required in [
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "ppt/presentation.xml",
        "ppt/_rels/presentation.xml.rels",
        "ppt/presProps.xml",
        "ppt/viewProps.xml",
        "ppt/tableStyles.xml",
        "ppt/theme/theme1.xml",
        "ppt/slideMasters/slideMaster1.xml",
        "ppt/notesMasters/notesMaster1.xml",
    ] {
        assert!(names.contains(required), "no {required}");
    }
    let slides = names
        .iter()
        .filter(|n| n.starts_with("ppt/slides/slide"))
        .count();
    let notes = names
        .iter()
        .filter(|n| n.starts_with("ppt/notesSlides/notesSlide"))
        .count();
    let media = names.iter().filter(|n| n.starts_with("ppt/media/")).count();
    assert_eq!(
        (slides, notes, media),
        (SLIDES, SLIDES, ChartKind::ALL.len())
    );

    let types = String::from_utf8(parts[0].1.clone()).unwrap();
    for (name, body) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            // Well-formed: the reader walks to the end without an error.
            office::xml_text(body);
        }
        // Every part has a content type: its own override or its
        // extension's default.
        if name != "[Content_Types].xml" {
            let ext = name.rsplit('.').next().unwrap();
            assert!(
                types.contains(&format!("PartName=\"/{name}\""))
                    || types.contains(&format!("Extension=\"{ext}\"")),
                "{name} has no content type"
            );
        }
        // Every relationship points at a part that is there.
        if let Some(rels) = name.strip_suffix(".rels") {
            let base = rels.replace("_rels/", "");
            let dir = Path::new(&base).parent().unwrap_or(Path::new(""));
            let text = String::from_utf8(body.clone()).unwrap();
            for target in text.split("Target=\"").skip(1) {
                let target = target.split('"').next().unwrap();
                let mut path = dir.to_path_buf();
                for seg in target.split('/') {
                    match seg {
                        ".." => {
                            path.pop();
                        }
                        s => path.push(s),
                    }
                }
                let resolved = path.to_string_lossy().replace('\\', "/");
                assert!(
                    names.contains(resolved.as_str()),
                    "{name} points at {resolved}, which is missing"
                );
            }
        }
    }
    // Fixed entry times: the bytes do not depend on when the deck was made.
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes(&p, report::PPTX_FILE))).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{:?}",
            f.name()
        );
    }
    let core = String::from_utf8(
        parts
            .iter()
            .find(|(n, _)| n == "docProps/core.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(
        core.contains("2026-06-30T00:00:00Z"),
        "the as-of date is the only date: {core}"
    );
}

/// The slides' and notes' XML, one element per line, for the snapshot.
fn slide_xml(p: &ReviewPack) -> String {
    let mut parts: Vec<(String, Vec<u8>)> = office::unzip(bytes(p, report::PPTX_FILE))
        .into_iter()
        .filter(|(n, _)| {
            (n.starts_with("ppt/slides/slide") || n.starts_with("ppt/notesSlides/"))
                && n.ends_with(".xml")
        })
        .collect();
    // slide2 before slide10.
    parts.sort_by_key(|(n, _)| {
        let num: String = n.chars().filter(char::is_ascii_digit).collect();
        (n.contains("notes"), num.parse::<u32>().unwrap_or(0))
    });
    let mut out = String::new();
    for (n, b) in parts {
        out.push_str(&format!("=== {n}\n"));
        out.push_str(&String::from_utf8(b).unwrap().replace("><", ">\n<"));
        out.push('\n');
    }
    out
}

#[test]
fn slide_xml_matches_its_snapshot() {
    let p = sample_pack();
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots/report");
    s.set_prepend_module_to_snapshot(false);
    s.bind(|| insta::assert_snapshot!("review-pptx-slides", slide_xml(&p)));
}

#[test]
fn python_pptx_finds_every_title_and_the_notes() {
    let Some(py) = office::python("python_pptx_finds_every_title_and_the_notes") else {
        return;
    };
    let p = sample_pack();
    let dir = tempfile::tempdir().unwrap();
    let deck = office::read_with(
        &py,
        "read_pptx.py",
        &write(&p, dir.path(), report::PPTX_FILE),
    );
    assert_eq!(
        (deck["width"].as_i64(), deck["height"].as_i64()),
        (Some(12_192_000), Some(6_858_000)),
        "16:9"
    );
    let slides = deck["slides"].as_array().unwrap();
    assert_eq!(slides.len(), SLIDES);
    let title = |i: usize| {
        slides[i]["title"]
            .as_str()
            .unwrap_or_else(|| panic!("slide {} has no title", i + 1))
    };
    let notes = |i: usize| {
        slides[i]["notes"]
            .as_str()
            .unwrap_or_else(|| panic!("slide {} has no notes", i + 1))
    };
    let a = &p.analysis;

    assert_eq!(title(0), "Mentorship program");
    assert_eq!(slides[0]["layout"], "Title Slide");
    let cover = slides[0]["texts"].to_string();
    assert!(cover.contains("as of 30 Jun 2026"), "{cover}");
    assert!(cover.contains("launched 6 Jan 2025"), "{cover}");

    assert_eq!(title(1), "The headlines");
    // The headline table is a native table: a header and a row per comparison.
    let table = &slides[1]["tables"][0];
    assert_eq!(
        table[0],
        serde_json::json!(["Comparison", "Outcome", "What the data says"])
    );
    let rows: Vec<&str> = table.as_array().unwrap()[1..]
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect();
    assert_eq!(
        rows,
        [
            "Satisfaction",
            "Ramp-up",
            "Retention",
            "Team delivery",
            "Engagement"
        ]
    );
    let survey = &a.verdicts.survey.as_ref().unwrap().headline;
    assert_eq!(table[1][2].as_str(), Some(survey.as_str()));
    // The cards are editable text holding the figures.
    let texts = slides[1]["texts"].to_string();
    let u = &a.survey_unpaired;
    let means = format!(
        "{:.2} → {:.2}",
        u.mean_before.unwrap(),
        u.mean_after.unwrap()
    );
    assert!(texts.contains(&means), "{means} not in {texts}");
    assert!(notes(1).contains(survey.as_str()));

    for (i, c) in p.charts.iter().enumerate() {
        let s = 2 + i;
        assert_eq!(title(s), c.title, "slide {}", s + 1);
        assert_eq!(slides[s]["layout"], "Chart with Reading");
        assert_eq!(
            slides[s]["placeholders"],
            serde_json::json!(["TITLE", "BODY"])
        );
        let pic = &slides[s]["pictures"][0];
        assert_eq!(pic["pixels"], serde_json::json!([3840, 2160]), "the 2x PNG");
        assert_eq!(pic["content_type"], "image/png");
        assert!(
            pic["descr"].as_str().unwrap().starts_with(c.title.as_str()),
            "alt text"
        );
        // The picture keeps the chart's 16:9 and fills most of the slide.
        let (w, h) = (
            pic["box"][2].as_f64().unwrap(),
            pic["box"][3].as_f64().unwrap(),
        );
        assert!(
            (w / h - 16.0 / 9.0).abs() < 0.01 && w > 0.7 * 12_192_000.0,
            "{pic}"
        );
        assert!(!notes(s).is_empty(), "slide {} has empty notes", s + 1);
    }
    // What the presenter reads: verdict, numbers, caveats.
    let items = notes(2);
    assert!(
        items.contains("Verdict") && items.contains(survey.as_str()),
        "{items}"
    );
    let (n, welch) = (
        format!("n = {} → {}", u.n_before, u.n_after),
        format!("Welch {}", p_text(u.welch_p.unwrap())),
    );
    assert!(
        items.contains(&n) && items.contains(&welch),
        "{n}, {welch} not in {items}"
    );
    for c in &a.verdicts.survey.as_ref().unwrap().caveats {
        assert!(items.contains(c.as_str()), "caveat missing: {c}");
    }
    let ramp_slide = ChartKind::ALL
        .iter()
        .position(|k| *k == ChartKind::RampUp)
        .unwrap();
    let ramp = notes(2 + ramp_slide);
    assert!(
        ramp.contains(&format!("n = {}", a.ramp_up.mentored.n)),
        "{ramp}"
    );
    let logrank = format!("Log-rank test: {}", p_text(a.ramp_up.logrank_p.unwrap()));
    assert!(ramp.contains(&logrank), "{logrank} not in {ramp}");

    let quality = SLIDES - DEFINITION_SLIDES - 1;
    assert_eq!(title(quality), "Data quality");
    for d in 0..DEFINITION_SLIDES {
        assert_eq!(
            title(quality + 1 + d),
            format!("Definitions ({} of {DEFINITION_SLIDES})", d + 1)
        );
    }
    let defs: String = (quality + 1..SLIDES)
        .map(|i| slides[i]["texts"].to_string())
        .collect();
    assert!(
        defs.contains("Minimum group size") && defs.contains("eNPS"),
        "{defs}"
    );
}

#[test]
fn libreoffice_renders_a_page_per_slide() {
    let Some(soffice) = office::soffice("libreoffice_renders_a_page_per_slide") else {
        return;
    };
    let p = sample_pack();
    let dir = tempfile::tempdir().unwrap();
    let pptx = write(&p, dir.path(), report::PPTX_FILE);
    let pdf = office::to_pdf(&soffice, &pptx, dir.path());
    let doc = lopdf::Document::load(&pdf).unwrap();
    assert_eq!(doc.get_pages().len(), SLIDES);
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    assert!(text.contains("The headlines"), "{text}");
}

/// Every number, boolean and date under `v`, as text keys for a multiset
/// (numbers by their exact bits).
fn leaves(v: &Value, out: &mut BTreeMap<String, usize>) {
    match v {
        Value::Number(n) => {
            *out.entry(format!("n:{:?}", n.as_f64().unwrap()))
                .or_default() += 1
        }
        Value::Bool(b) => *out.entry(format!("b:{b}")).or_default() += 1,
        Value::String(s)
            if s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() =>
        {
            *out.entry(format!("d:{s}")).or_default() += 1
        }
        Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
        Value::Object(o) => o.values().for_each(|x| leaves(x, out)),
        _ => {}
    }
}

fn sheet_leaves(sheet: &Value) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for c in sheet["cells"].as_array().unwrap() {
        let key = match c["kind"].as_str().unwrap() {
            "n" => format!("n:{:?}", c["value"].as_f64().unwrap()),
            "bool" => format!("b:{}", c["value"].as_bool().unwrap()),
            "date" => format!("d:{}", c["value"].as_str().unwrap()),
            _ => continue,
        };
        *out.entry(key).or_default() += 1;
    }
    out
}

#[test]
fn openpyxl_reads_the_same_numbers_as_analysis_json() {
    let Some(py) = office::python("openpyxl_reads_the_same_numbers_as_analysis_json") else {
        return;
    };
    let p = sample_pack();
    let dir = tempfile::tempdir().unwrap();
    let book = office::read_with(
        &py,
        "read_xlsx.py",
        &write(&p, dir.path(), report::XLSX_FILE),
    );
    let json: Value = serde_json::from_slice(bytes(&p, report::JSON_FILE)).unwrap();
    let sheets: BTreeMap<&str, &Value> = book["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s))
        .collect();
    let names: Vec<&str> = book["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"About"));
    assert_eq!(names.last(), Some(&"Definitions"));

    // Each part of analysis.json that is an object or a list of records has
    // its sheet, holding exactly its numbers, booleans and dates: the same
    // values, as many times, bit for bit.
    let mut about = BTreeMap::new();
    for (key, v) in json.as_object().unwrap() {
        let scalarish = !v.is_object()
            && v.as_array()
                .is_none_or(|a| a.iter().all(|x| !x.is_object() && !x.is_array()));
        if scalarish {
            leaves(v, &mut about);
            continue;
        }
        let sheet = sheets
            .get(key.as_str())
            .unwrap_or_else(|| panic!("no sheet for {key}"));
        let mut want = BTreeMap::new();
        leaves(v, &mut want);
        assert_eq!(sheet_leaves(sheet), want, "sheet {key}");
    }
    assert_eq!(sheet_leaves(sheets["About"]), about, "About");

    // And a few by place: the survey comparison's p-value beside its name,
    // a ramp-up curve point, dates formatted as dates.
    let cell_right_of = |sheet: &str, label: &str| -> Value {
        let cells = sheets[sheet]["cells"].as_array().unwrap();
        let at = cells
            .iter()
            .find(|c| c["value"] == label)
            .unwrap_or_else(|| panic!("{sheet}: no {label}"));
        cells
            .iter()
            .find(|c| {
                c["row"] == at["row"] && c["col"].as_i64() == at["col"].as_i64().map(|x| x + 1)
            })
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        cell_right_of("survey_unpaired", "welch_p")["value"],
        json["survey_unpaired"]["welch_p"]
    );
    assert_eq!(
        cell_right_of("survey_unpaired", "ci95 upper")["value"],
        json["survey_unpaired"]["ci95"][1]
    );
    assert_eq!(
        cell_right_of("ramp_up", "logrank_p")["value"],
        json["ramp_up"]["logrank_p"]
    );
    let as_of = cell_right_of("About", "as_of");
    assert_eq!(
        (
            as_of["kind"].as_str(),
            as_of["value"].as_str(),
            as_of["format"].as_str()
        ),
        (Some("date"), Some("2026-06-30"), Some("yyyy-mm-dd"))
    );
    assert_eq!(
        book["properties"]["created"], "2026-06-30T00:00:00",
        "the as-of date, not the clock"
    );
    let defs = sheets["Definitions"].to_string();
    assert!(defs.contains("Minimum group size"), "definitions sheet");
}

/// The sample program with hostile text where files carry text: a survey
/// question and a meeting topic full of markup, a formula and other
/// scripts, and a program name with a control character.
fn hostile_pack() -> ReviewPack {
    let mut store = Store::open_in_memory().unwrap();
    let item = "I feel supported in my role";
    let hostile_item = "<i>I feel supported</i> & دعم 支持";
    let topic = "Code review";
    let hostile_topic = "=1+2 <b>Code review</b> 代码审查 & co";
    for f in [
        "roster.csv",
        "pairings.csv",
        "meetings.csv",
        "milestones.csv",
        "survey-pre.csv",
        "survey-post.csv",
        "team-metrics.csv",
    ] {
        let raw = std::fs::read(common::sample(f)).unwrap();
        // team-metrics.csv is Windows-1252 and holds neither text.
        let bytes = match String::from_utf8(raw) {
            Ok(t) => t
                .replace(item, hostile_item)
                .replace(topic, hostile_topic)
                .into_bytes(),
            Err(e) => e.into_bytes(),
        };
        ingest::import_bytes(
            &mut store,
            Path::new(f),
            &bytes,
            &ImportOptions::default(),
            &mut |_| {},
        )
        .unwrap();
    }
    let opts = ReportOptions {
        analysis: AnalysisOptions::default(),
        skill_areas: None,
        program_name: Some("<script>alert(1)</script> Équipe\u{7} Données 数据".into()),
        redact_names: false,
    };
    report::build(&store, &opts).unwrap()
}

#[test]
fn markup_formulas_and_other_scripts_stay_text_in_the_deck_and_the_workbook() {
    let p = hostile_pack();
    let name = "<script>alert(1)</script> Équipe Données 数据";
    let hostile_item = "<i>I feel supported</i> & دعم 支持";
    let hostile_topic = "=1+2 <b>Code review</b> 代码审查 & co";

    // In the package: escaped in every part, never raw markup.
    let deck = office::unzip(bytes(&p, report::PPTX_FILE));
    let mut all_text = String::new();
    for (n, b) in &deck {
        if n.ends_with(".xml") {
            let raw = String::from_utf8_lossy(b);
            assert!(
                !raw.contains("<script") && !raw.contains("<i>") && !raw.contains("<b>"),
                "raw markup in {n}"
            );
            assert!(!raw.contains('\u{7}'), "a control character in {n}");
            all_text.push_str(&office::xml_text(b));
        }
    }
    assert!(all_text.contains(name), "the program name as text");
    assert!(
        all_text.contains(hostile_item),
        "the survey question as text (notes)"
    );
    assert!(
        all_text.contains(hostile_topic),
        "the topic as text (notes)"
    );

    if let Some(py) =
        office::python("markup_formulas_and_other_scripts_stay_text_in_the_deck_and_the_workbook")
    {
        let dir = tempfile::tempdir().unwrap();
        let deck = office::read_with(
            &py,
            "read_pptx.py",
            &write(&p, dir.path(), report::PPTX_FILE),
        );
        assert_eq!(deck["slides"][0]["title"], name);
        let book = office::read_with(
            &py,
            "read_xlsx.py",
            &write(&p, dir.path(), report::XLSX_FILE),
        );
        let cells: Vec<&Value> = book["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["cells"].as_array().unwrap())
            .collect();
        let about = &cells[0];
        assert_eq!(
            about["value"], name,
            "the name, its control character dropped or kept as text"
        );
        let item = cells
            .iter()
            .find(|c| c["value"] == hostile_item)
            .expect("the survey question in the workbook");
        assert_eq!(item["kind"], "s");
        let topic: Vec<&&Value> = cells
            .iter()
            .filter(|c| c["value"] == hostile_topic)
            .collect();
        assert!(!topic.is_empty(), "the topic in the workbook");
        for c in topic {
            assert_eq!(
                c["kind"], "s",
                "a formula-looking topic is a text cell: {c}"
            );
            assert_eq!(c["quote_prefix"], true, "and carries the quote prefix: {c}");
        }
        // No cell anywhere is a formula.
        assert!(cells.iter().all(|c| c["kind"] != "f"), "a formula cell");
    }
}

/// Two separate runs of the CLI (each process with its own hash seeds and
/// clock) write the same slides and workbook, byte for byte.
#[test]
fn two_cli_runs_write_the_same_slides_and_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &str| {
        let out = dir.path().join(out);
        assert_cmd::Command::new(env!("CARGO_BIN_EXE_mentorscope"))
            .arg("demo")
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        out
    };
    let (a, b) = (run("a"), run("b"));
    for f in [report::PPTX_FILE, report::XLSX_FILE] {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(x.len() > 10_000, "{f} is {} bytes", x.len());
        assert!(x == y, "{f} differs between two runs");
    }
}
