//! Survey responses, from any survey tool's shape: which columns are
//! response details (IDs, times, e-mails) and which are questions, each
//! question's kind from its answers (Likert label sets, 0–10, numbers,
//! choices, text), then one response per row, matched to earlier exports by
//! response ID, else respondent and time, else the row's content.
//!
//! The other kinds' rows are in `rows`, whose context and record loop this
//! uses; it never writes outside the import's transaction.

use std::collections::{HashMap, HashSet};

use rusqlite::params;
use sha2::Digest;

use super::cells::Cells;
use super::kinds;
use super::rows::{for_each_record, Context};
use super::table::Column;
use super::values::{self, DateOrder, DateOrderEvidence, LabelSet};
use super::{ColumnUse, Severity, Source};
use crate::error::{Error, Result};
use crate::store::items;

/// Survey-tool columns that describe the response, not answers.
const META: &[&str] = &[
    "startdate",
    "enddate",
    "status",
    "ipaddress",
    "progress",
    "duration",
    "durationinseconds",
    "finished",
    "recordeddate",
    "responseid",
    "responseset",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
    "responsetype",
    "respondentid",
    "collectorid",
    "emailaddress",
    "firstname",
    "lastname",
    "customdata",
    "customdata1",
    "timestamp",
    "id",
    "starttime",
    "completiontime",
    "email",
    "name",
    "lastmodifiedtime",
    "username",
    "employeeid",
    "personid",
    "submittedat",
    "submitdate",
    "networkid",
    "token",
    "lastpage",
    "startlanguage",
    "seed",
    "datestamp",
    "ipaddress",
    "referrer",
    "v1",
    "v2",
    "v3",
    "v4",
    "v5",
    "v6",
    "v7",
    "v8",
    "v9",
    "v10",
    "zeitstempel",
    "respondent",
    "submissiondate",
    "date",
];

const RESPONSE_ID: &[&str] = &[
    "responseid",
    "respondentid",
    "id",
    "responsenumber",
    "submissionid",
];
const IDENTITY: &[&str] = &[
    "employeeid",
    "personid",
    "recipientemail",
    "emailaddress",
    "email",
    "workemail",
    "username",
    "externalreference",
    "externaldatareference",
];
const SUBMITTED: &[&str] = &[
    "enddate",
    "recordeddate",
    "completiontime",
    "timestamp",
    "submittedat",
    "submitdate",
    "datestamp",
    "starttime",
    "startdate",
    "date",
    "submissiondate",
];

#[derive(Debug, Clone)]
enum QKind {
    Likert(LabelSet),
    Numeric { max: f64 },
    ZeroToTen,
    Choice,
    Text,
}

impl QKind {
    fn name(&self) -> &'static str {
        match self {
            QKind::Likert(_) => "likert",
            QKind::Numeric { .. } => "numeric",
            QKind::ZeroToTen => "zero_to_ten",
            QKind::Choice => "choice",
            QKind::Text => "text",
        }
    }
}

fn find_col(columns: &[Column], names: &[&str]) -> Option<usize> {
    let norm: Vec<(String, String)> = columns
        .iter()
        .map(|c| {
            (
                kinds::normalise_header(&c.code),
                kinds::normalise_header(&c.name),
            )
        })
        .collect();
    names
        .iter()
        .find_map(|n| norm.iter().position(|(c, m)| c == n || m == n))
}

fn is_meta(c: &Column) -> bool {
    let code = kinds::normalise_header(&c.code);
    let name = kinds::normalise_header(&c.name);
    META.contains(&code.as_str()) || META.contains(&name.as_str())
}

const DISTINCT_CAP: usize = 60;

/// Reads the first rows to see whether any column holds Likert labels:
/// how a plain one-header survey export (Typeform, LimeSurvey) is recognised.
pub(crate) fn has_likert_column(src: &Source<'_>) -> bool {
    let n = src.layout.columns.len();
    let mut distinct: Vec<HashSet<String>> = vec![HashSet::new(); n];
    for (_, rec) in src.records().take(500).flatten() {
        for (i, v) in rec.iter().enumerate().take(n) {
            if !values::is_missing(v) && distinct[i].len() < DISTINCT_CAP {
                distinct[i].insert(v.trim().to_string());
            }
        }
    }
    distinct.iter().any(|d| {
        values::best_label_set(d.iter().map(String::as_str))
            .is_some_and(|(_, unknown)| unknown == 0)
    })
}

fn classify(header: &Column, distinct: &HashSet<String>, overflow: bool) -> QKind {
    if distinct.is_empty() {
        return QKind::Text;
    }
    if !overflow {
        if let Some((set, _)) = values::best_label_set(distinct.iter().map(String::as_str)) {
            return QKind::Likert(set);
        }
    }
    let nums: Vec<f64> = distinct
        .iter()
        .filter_map(|v| v.trim().parse::<f64>().ok())
        .collect();
    if !overflow && nums.len() == distinct.len() && nums.iter().all(|x| x.fract() == 0.0) {
        let min = nums.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = nums.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let h = header.name.to_lowercase();
        if min >= 0.0
            && max <= 10.0
            && (h.contains("recommend")
                || h.contains("0-10")
                || h.contains("0 to 10")
                || h.contains("nps")
                || max > 7.0)
        {
            return QKind::ZeroToTen;
        }
        if min >= 1.0 && max <= 7.0 {
            return QKind::Numeric {
                max: if max <= 5.0 { 5.0 } else { 7.0 },
            };
        }
    }
    if !overflow && distinct.len() <= 12 && !looks_like_free_text(header, distinct) {
        QKind::Choice
    } else {
        QKind::Text
    }
}

/// Few distinct answers usually mean a choice question, but a small survey's
/// "anything else?" has few answers too: an open question by its wording, or
/// answers longer than any choice label, is free text (M9's comments).
fn looks_like_free_text(header: &Column, distinct: &HashSet<String>) -> bool {
    const OPEN: &[&str] = &[
        "comment",
        "anything else",
        "feedback",
        "suggest",
        "why",
        "describe",
        "explain",
        "please specify",
        "what would",
        "what could",
        "open-ended",
        "open ended",
        "remarks",
        "in your own words",
    ];
    let h = format!("{} {}", header.name, header.code).to_lowercase();
    OPEN.iter().any(|w| h.contains(w))
        || distinct
            .iter()
            .any(|v| v.chars().count() > 60 || v.split_whitespace().count() > 8)
}

pub(super) fn survey(ctx: &mut Context<'_, '_>) -> Result<()> {
    let wave = ctx.wave.unwrap_or("survey").to_string();
    let columns = ctx.columns().to_vec();
    let n = columns.len();
    let id_col = find_col(&columns, RESPONSE_ID);
    let who_col = {
        let m = ctx
            .opts
            .mapping
            .as_ref()
            .and_then(|m| m.columns.get("respondent"));
        m.and_then(|h| {
            let h = kinds::normalise_header(h);
            columns
                .iter()
                .position(|c| kinds::normalise_header(&c.name) == h)
        })
        .or_else(|| find_col(&columns, IDENTITY))
    };
    let when_col = find_col(&columns, SUBMITTED);

    // First pass: what each question column holds.
    let mut distinct: Vec<HashSet<String>> = vec![HashSet::new(); n];
    let mut overflow = vec![false; n];
    let mut when_evidence = DateOrderEvidence::default();
    for (_, rec) in ctx.src.records().flatten() {
        for (i, v) in rec.iter().enumerate().take(n) {
            if values::is_missing(v) || overflow[i] {
                continue;
            }
            if distinct[i].len() >= DISTINCT_CAP {
                overflow[i] = true;
            } else if distinct[i].len() < DISTINCT_CAP {
                distinct[i].insert(v.trim().to_string());
            }
        }
        if let Some(v) = when_col.and_then(|i| rec.get(i)) {
            when_evidence.observe(v);
        }
    }
    let when_order = when_evidence.decide(DateOrder::Mdy).0;

    let mut questions: Vec<(usize, i64, QKind)> = Vec::new();
    let mut uses = Vec::new();
    {
        let tx = ctx.tx;
        let mut qstmt = tx.prepare(
            "INSERT INTO survey_questions (import_id, wave, position, code, text, kind, scale_points, label_set)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, c) in columns.iter().enumerate() {
            let role = if Some(i) == id_col {
                Some("response_id")
            } else if Some(i) == who_col {
                Some("respondent")
            } else if Some(i) == when_col {
                Some("submitted_at")
            } else if is_meta(c) || kinds::normalise_header(&c.name).is_empty() {
                Some("ignored")
            } else {
                None
            };
            if let Some(r) = role {
                uses.push(ColumnUse {
                    column: c.name.clone(),
                    used_as: r.into(),
                });
                continue;
            }
            let kind = classify(c, &distinct[i], overflow[i]);
            let (points, set) = match &kind {
                QKind::Likert(s) => (Some(s.points() as i64), Some(s.name)),
                QKind::Numeric { max, .. } => (Some(*max as i64), None),
                QKind::ZeroToTen => (Some(11), None),
                _ => (None, None),
            };
            qstmt.execute(params![
                ctx.import_id,
                wave,
                i as i64,
                c.code,
                c.name,
                kind.name(),
                points,
                set
            ])?;
            uses.push(ColumnUse {
                column: c.name.clone(),
                used_as: kind.name().into(),
            });
            questions.push((i, ctx.tx.last_insert_rowid(), kind));
        }
    }
    ctx.report.columns = uses;
    if questions.is_empty() {
        return Err(Error::UnknownKind {
            file: ctx.src.file.clone(),
            reason:
                "this survey has no question columns, only response details (dates, IDs, e-mails)"
                    .into(),
        });
    }

    let tx = ctx.tx;
    let mut rstmt = tx.prepare(
        "INSERT OR IGNORE INTO survey_responses (import_id, wave, response_key, respondent, submitted_at, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut astmt = tx.prepare(
        "INSERT INTO survey_answers (response_id, question_id, value_text, value_num) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let import_id = ctx.import_id;
    let mut keys_in_file: HashMap<String, u64> = HashMap::new();
    for_each_record(ctx, |ctx, line, rec| {
        let get = |i: Option<usize>| {
            i.and_then(|i| rec.get(i))
                .map(str::trim)
                .filter(|s| !values::is_missing(s))
        };
        let respondent = get(who_col).and_then(|r| {
            let n = values::normalise_identity(r)?.into_owned();
            (n != "anonymous").then_some(n)
        });
        let submitted = match get(when_col).map(|v| values::parse_datetime(v, when_order)) {
            // A 2099 or 1965 submission is a typo; kept, it would decide
            // which of someone's answers is the latest and fall outside
            // every date filter.
            Some(Ok(Some(d))) if values::implausible_date(d.date()).is_some() => {
                let col = columns[when_col.unwrap_or(0)].name.clone();
                let why = values::implausible_date(d.date()).unwrap_or_default();
                ctx.problem(
                    line,
                    Some(&col),
                    get(when_col),
                    format!("{col} {why} (left empty)"),
                    Severity::Warning,
                );
                None
            }
            Some(Ok(d)) => d,
            Some(Err(why)) => {
                let col = columns[when_col.unwrap_or(0)].name.clone();
                ctx.problem(
                    line,
                    Some(&col),
                    get(when_col),
                    format!("{col} {why} (left empty)"),
                    Severity::Warning,
                );
                None
            }
            None => None,
        };
        let submitted_s = submitted.map(values::iso_stamp);
        // Overlapping exports are matched by response ID, else by
        // respondent + time, else by the whole row's content.
        let key = match (get(id_col), &respondent, &submitted_s) {
            (Some(id), _, _) => format!("id:{id}"),
            (None, Some(r), Some(t)) => format!("who:{r}@{t}"),
            _ => {
                let joined: Vec<&str> = rec.iter().collect();
                let digest = sha2::Sha256::digest(joined.join("\u{1f}").as_bytes());
                format!("row:{}", super::hex(&digest[..16]))
            }
        };
        if let Some(first) = keys_in_file.get(&key) {
            ctx.problem(
                line,
                id_col.map(|i| columns[i].name.as_str()),
                get(id_col),
                format!("the same response appears on line {first}; the first was kept"),
                Severity::Skipped,
            );
            ctx.report.rows_skipped += 1;
            return Ok(());
        }
        keys_in_file.insert(key.clone(), line);
        let changed = rstmt.execute(params![
            import_id,
            wave,
            key,
            respondent,
            submitted_s,
            line as i64
        ])?;
        if changed == 0 {
            ctx.report.rows_duplicate += 1;
            return Ok(());
        }
        let response_id = ctx.tx.last_insert_rowid();
        for (i, qid, kind) in &questions {
            let Some(v) = get(Some(*i)) else { continue };
            let num = match kind {
                QKind::Likert(set) => {
                    let x = set.value_of(v);
                    if x.is_none() {
                        let col = columns[*i].name.clone();
                        ctx.problem(line, Some(&col), Some(v), format!("the answer is not on the {} scale (kept as text, left out of scores)", set.name), Severity::Warning);
                    }
                    x.map(|x| x as f64)
                }
                QKind::Numeric { .. } | QKind::ZeroToTen => v.parse::<f64>().ok(),
                QKind::Choice | QKind::Text => None,
            };
            astmt.execute(params![response_id, qid, v, num])?;
        }
        ctx.report.rows_imported += 1;
        Ok(())
    })?;
    drop((rstmt, astmt));
    apply_item_marks(ctx, &columns, &questions);
    Ok(())
}

/// A saved mapping's marks on this file's items (reverse-coded, a declared
/// scale), set with the import's rows so the scale is checked against
/// every answer, this file's included. A scale that does not fit is a
/// problem on its column, not a refused import: the rows are still good.
fn apply_item_marks(
    ctx: &mut Context<'_, '_>,
    columns: &[Column],
    questions: &[(usize, i64, QKind)],
) {
    let Some(marks) = ctx.opts.mapping.as_ref().map(|m| m.items.clone()) else {
        return;
    };
    for (header, mark) in &marks {
        let h = kinds::normalise_header(header);
        let Some((i, _, kind)) = questions
            .iter()
            .find(|(i, _, _)| kinds::normalise_header(&columns[*i].name) == h)
        else {
            continue;
        };
        let text = columns[*i].name.clone();
        let mut failed = Vec::new();
        let mut on_scale = matches!(kind, QKind::Likert(_));
        if let Some(scale) = mark.scale {
            match items::set_scale(ctx.tx, &text, Some(scale)) {
                Ok(()) => on_scale = true,
                Err(e) => failed.push(format!("scale {scale}: {e}")),
            }
        }
        if mark.reverse {
            if !on_scale {
                failed.push("reverse-coded: only an item on a scale (a label set or a declared scale) can be flipped".into());
            } else if let Err(e) = items::set_reverse(ctx.tx, &text, true) {
                failed.push(format!("reverse-coded: {e}"));
            }
        }
        for why in failed {
            ctx.push_problem(super::Problem {
                line: None,
                place: None,
                column: Some(text.clone()),
                value: None,
                reason: format!("the saved mapping's mark was not applied ({why})"),
                severity: Severity::Warning,
            });
        }
    }
}
