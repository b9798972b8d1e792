//! The import wizard's side of the library: a preview per file (kind and
//! shape detected, how sure we are, the column for each field, the first
//! rows, a workbook's sheets), and importing several files (each sheet of a
//! workbook its own import) with progress and cancel. The report views are
//! in `import_report`, remembered mappings in `mapping_book`, the problems
//! CSV in `problems`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::import_report::{ImportReportView, MeetingView, ProblemView};
pub use super::mapping_book::MappingBook;
pub use super::problems::{problems_csv, ProblemsExport};
use super::views::kind_label;
use super::ErrorView;
use crate::error::{Error, Result};
use crate::ingest::kinds;
use crate::ingest::table::Column;
use crate::ingest::{self, ImportOptions, Kind, Mapping};
use crate::store::Store;

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct KindChoice {
    pub kind: String,
    pub label: String,
}

/// One field of the chosen kind and the file's column for it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FieldChoice {
    pub field: String,
    pub label: String,
    pub required: bool,
    pub column: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FilePreview {
    pub path: String,
    pub file: String,
    /// The kind detected (or chosen, or remembered); `null` when unknown.
    pub kind: Option<String>,
    pub kind_label: String,
    pub kinds: Vec<KindChoice>,
    /// False when the user should check the kind or the columns.
    pub confident: bool,
    /// What needs the user's attention, in words.
    pub attention: Vec<String>,
    pub shape_label: String,
    pub encoding: String,
    pub delimiter: String,
    pub columns: Vec<String>,
    pub fields: Vec<FieldChoice>,
    pub is_survey: bool,
    /// The survey wave guessed from the file name or remembered.
    pub wave: Option<String>,
    /// The first rows, as text (shown with textContent only).
    pub sample_rows: Vec<Vec<String>>,
    /// True when a mapping saved for files with these headers was applied.
    pub remembered: bool,
    /// Set when the file cannot be read at all; the rest is empty then.
    pub error: Option<ErrorView>,
    /// The sheet shown, for a workbook.
    pub sheet: Option<String>,
    /// A workbook's sheets, to switch the preview between.
    pub sheets: Vec<SheetChoice>,
    /// True for an attendance report or calendar: meetings, not rows.
    pub is_meetings_source: bool,
}

/// One sheet of a workbook in the wizard.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct SheetChoice {
    pub name: String,
    /// False for hidden, empty and unrecognised sheets.
    pub importable: bool,
    /// Why it would not be imported; empty when it would.
    pub note: String,
}

fn field_label(field: &str) -> String {
    match field {
        "person_id" => "Employee ID",
        "name" => "Name",
        "email" => "E-mail",
        "team" => "Team",
        "level" => "Level",
        "hire_date" => "Hire date",
        "exit_date" => "Exit date",
        "mentor" => "Mentor",
        "mentee" => "Mentee",
        "cohort" => "Cohort",
        "format" => "Program format",
        "start" => "Start date",
        "end" => "End date",
        "date" => "Date",
        "duration_min" => "Duration (minutes)",
        "topics" => "Topics",
        "notes" => "Notes",
        "person" => "Person",
        "milestone" => "Milestone",
        "period_start" => "Week starting",
        "deployments" => "Deployments",
        "incidents" => "Incidents",
        "mttr_hours" => "Time to restore (hours)",
        "change_failure_rate" => "Change failure rate",
        "area" => "Skill area",
        "rating" => "Rating",
        "wave" => "Wave",
        "rater" => "Rater",
        "scale" => "Scale",
        other => other,
    }
    .to_string()
}

fn kinds_list() -> Vec<KindChoice> {
    Kind::ALL
        .into_iter()
        .map(|k| KindChoice {
            kind: k.as_str().into(),
            label: kind_label(k.as_str()),
        })
        .collect()
}

fn failed_preview(path: &Path, e: &Error) -> FilePreview {
    FilePreview {
        path: path.display().to_string(),
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        kind: None,
        kind_label: "Cannot be read".into(),
        kinds: kinds_list(),
        confident: false,
        attention: Vec::new(),
        shape_label: String::new(),
        encoding: String::new(),
        delimiter: String::new(),
        columns: Vec::new(),
        fields: Vec::new(),
        is_survey: false,
        wave: None,
        sample_rows: Vec::new(),
        remembered: false,
        error: Some(ErrorView::from(e)),
        sheet: None,
        sheets: Vec::new(),
        is_meetings_source: false,
    }
}

/// What the wizard shows for one file. `kind` overrides the detected kind
/// (the user picked another in the dropdown); `columns` overrides the
/// column for some fields.
pub fn preview_file(
    path: &Path,
    kind: Option<&str>,
    columns: Option<&BTreeMap<String, String>>,
    book: &MappingBook,
) -> FilePreview {
    preview_file_sheet(path, None, kind, columns, book)
}

/// As [`preview_file`], of one sheet of a workbook (`None`: the first
/// that would be imported).
pub fn preview_file_sheet(
    path: &Path,
    sheet: Option<&str>,
    kind: Option<&str>,
    columns: Option<&BTreeMap<String, String>>,
    book: &MappingBook,
) -> FilePreview {
    let p = match ingest::preview_sheet(path, sheet) {
        Ok(p) => p,
        Err(e) => return failed_preview(path, &e),
    };
    let remembered_mapping = book.lookup(&p.columns).cloned();
    let chosen = kind.and_then(Kind::parse);
    let detected = p.kind;
    let effective = chosen
        .or(remembered_mapping.as_ref().and_then(|m| m.kind))
        .or(detected);
    let cols: Vec<Column> = p
        .columns
        .iter()
        .map(|c| Column {
            name: c.clone(),
            code: c.clone(),
        })
        .collect();
    let mut attention = Vec::new();
    let mut fields = Vec::new();
    let remembered = remembered_mapping.is_some() && chosen.is_none() && columns.is_none();
    if let Some(k) = effective {
        let mut mapping = remembered_mapping
            .clone()
            .filter(|m| m.kind == Some(k))
            .unwrap_or_default();
        if let Some(overrides) = columns {
            for (f, c) in overrides {
                if c.is_empty() {
                    mapping.columns.remove(f);
                } else {
                    mapping.columns.insert(f.clone(), c.clone());
                }
            }
        }
        let mapped = kinds::map_fields(k, &cols, Some(&mapping));
        // A wide skills sheet has one column per skill area: no Skill area
        // or Rating column to choose.
        let wide_skills =
            k == Kind::Skills && !mapped.contains_key("area") && !mapped.contains_key("rating");
        for f in kinds::fields(k) {
            // An explicit "not in this file" choice stays empty.
            let cleared = columns
                .and_then(|o| o.get(f.name))
                .is_some_and(|c| c.is_empty());
            let column = if cleared {
                None
            } else {
                mapped.get(f.name).map(|&i| p.columns[i].clone())
            };
            if f.required
                && column.is_none()
                && !(wide_skills && matches!(f.name, "area" | "rating"))
            {
                attention.push(format!(
                    "Choose the column that holds {}.",
                    field_label(f.name).to_lowercase()
                ));
            }
            fields.push(FieldChoice {
                field: f.name.into(),
                label: field_label(f.name),
                required: f.required,
                column,
            });
        }
        if k == Kind::Roster
            && !fields
                .iter()
                .any(|f| (f.field == "person_id" || f.field == "email") && f.column.is_some())
        {
            attention.push("Choose the column with the employee ID or the e-mail.".into());
        }
    } else {
        attention
            .push("Mentorscope could not tell what kind of file this is. Choose its kind.".into());
    }
    // A second kind that also explains the headers makes the guess weak.
    if chosen.is_none() && !remembered && effective != Some(Kind::Survey) {
        let fitting = Kind::ALL
            .into_iter()
            .filter(|k| kinds::score(*k, &cols).is_some())
            .count();
        if fitting > 1 {
            attention.push(
                "These headers fit more than one kind of file; check the kind is right.".into(),
            );
        }
    }
    let is_meetings_source = p.shape.source().is_some();
    if is_meetings_source {
        // Meetings of an attendance report or calendar have no columns to
        // choose: the fields come from the tool's own layout.
        fields.clear();
        attention.clear();
    }
    let is_survey = effective == Some(Kind::Survey);
    let wave = if is_survey {
        remembered_mapping
            .as_ref()
            .and_then(|m| m.wave.clone())
            .or(p.wave_guess.clone())
    } else {
        None
    };
    if is_survey && wave.is_none() {
        attention.push(
            "Name the survey wave (for example pre or post) so before and after can be compared."
                .into(),
        );
    }
    FilePreview {
        path: path.display().to_string(),
        file: p.file,
        kind: effective.map(|k| k.as_str().to_string()),
        kind_label: effective
            .map(|k| kind_label(k.as_str()))
            .unwrap_or_else(|| "Unknown".into()),
        kinds: kinds_list(),
        confident: attention.is_empty(),
        attention,
        shape_label: p.shape_label,
        encoding: p.encoding,
        delimiter: p.delimiter,
        columns: p.columns,
        fields,
        is_survey,
        wave,
        sample_rows: p.sample_rows.into_iter().take(5).collect(),
        remembered,
        error: None,
        sheet: p.sheet,
        sheets: p
            .sheets
            .into_iter()
            .map(|n| SheetChoice {
                importable: n.skipped_because.is_none(),
                note: n.skipped_because.unwrap_or_default(),
                name: n.sheet,
            })
            .collect(),
        is_meetings_source,
    }
}

/// One file to import with the user's choices.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct ImportRequest {
    pub path: String,
    pub kind: Option<String>,
    /// field → the file's header for it (only the fields the user set).
    pub columns: BTreeMap<String, String>,
    pub wave: Option<String>,
    /// Save the kind, columns and wave for files with the same headers.
    pub remember: bool,
    /// The one sheet of a workbook to import (`null`: every recognised sheet).
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportProgress {
    /// 0-based index of the file being imported.
    pub file_index: u32,
    pub file_count: u32,
    pub file: String,
    /// 0.0–1.0 through this file.
    pub fraction: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportOutcome {
    pub path: String,
    pub file: String,
    /// The workbook sheet (one outcome per imported sheet).
    pub sheet: Option<String>,
    pub report: Option<ImportReportView>,
    pub error: Option<ErrorView>,
    /// True when the user cancelled before this file started.
    pub cancelled: bool,
}

fn options_for(req: &ImportRequest) -> Result<ImportOptions> {
    let kind = match req.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(Kind::parse(k).ok_or_else(|| {
            Error::InvalidArgument(format!("“{k}” is not a kind of file Mentorscope knows"))
        })?),
        None => None,
    };
    let columns: BTreeMap<String, String> = req
        .columns
        .iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(f, c)| (f.clone(), c.clone()))
        .collect();
    let wave = req
        .wave
        .as_ref()
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty());
    Ok(ImportOptions {
        kind,
        sheet: req.sheet.clone().filter(|s| !s.is_empty()),
        as_of: None,
        wave: wave.clone(),
        mapping: (!columns.is_empty()).then(|| Mapping {
            kind,
            columns,
            date_orders: BTreeMap::new(),
            wave,
            items: BTreeMap::new(),
        }),
        dry_run: false,
    })
}

/// Imports the files (roster first, so identities resolve), each in its own
/// transaction. `cancel` is checked between files: a file that has started
/// finishes or rolls back as a whole.
pub fn import_requests(
    store: &mut Store,
    requests: &[ImportRequest],
    book: &mut MappingBook,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Vec<ImportOutcome> {
    let mut order: Vec<(u8, usize)> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let rank = r
                .kind
                .as_deref()
                .and_then(Kind::parse)
                .or_else(|| {
                    ingest::preview(Path::new(&r.path))
                        .ok()
                        .and_then(|p| p.kind)
                })
                .map(Kind::import_rank)
                .unwrap_or(u8::MAX);
            (rank, i)
        })
        .collect();
    order.sort();
    let count = requests.len() as u32;
    let mut out = Vec::new();
    for (n, (_, i)) in order.into_iter().enumerate() {
        let req = &requests[i];
        let path = PathBuf::from(&req.path);
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| req.path.clone());
        let mut outcome = ImportOutcome {
            path: req.path.clone(),
            file: file.clone(),
            sheet: None,
            report: None,
            error: None,
            cancelled: false,
        };
        if cancel.load(Ordering::SeqCst) {
            outcome.cancelled = true;
            out.push(outcome);
            continue;
        }
        progress(ImportProgress {
            file_index: n as u32,
            file_count: count,
            file: file.clone(),
            fraction: 0.0,
        });
        let result = options_for(req).and_then(|opts| {
            let mut last = -1.0f64;
            let reports = ingest::import_file_sheets(store, &path, &opts, &mut |f| {
                // A few hundred updates per file are plenty for a bar.
                if f - last >= 0.005 || f >= 1.0 {
                    last = f;
                    progress(ImportProgress {
                        file_index: n as u32,
                        file_count: count,
                        file: file.clone(),
                        fraction: f,
                    });
                }
            })?;
            let any = reports
                .iter()
                .any(|r| r.as_ref().is_ok_and(|r| r.import_id.is_some()));
            if req.remember && any {
                let m = ingest::mapping_for(&path, &opts)?;
                let headers = ingest::preview_sheet(&path, opts.sheet.as_deref())?.columns;
                book.remember(&headers, m)?;
            }
            Ok(reports)
        });
        match result {
            Ok(reports) => {
                let many = reports.len() > 1;
                for r in reports {
                    let mut o = outcome.clone();
                    match r {
                        Ok(r) => {
                            o.sheet = r.sheet.clone();
                            o.report = Some(ImportReportView::from(&r));
                        }
                        Err(e) => o.error = Some(ErrorView::from(&e)),
                    }
                    if many {
                        out.push(o);
                    } else {
                        outcome = o;
                    }
                }
                if many {
                    progress(ImportProgress {
                        file_index: n as u32,
                        file_count: count,
                        file: file.clone(),
                        fraction: 1.0,
                    });
                    continue;
                }
            }
            Err(e) => outcome.error = Some(ErrorView::from(&e)),
        }
        progress(ImportProgress {
            file_index: n as u32,
            file_count: count,
            file,
            fraction: 1.0,
        });
        out.push(outcome);
    }
    out
}
