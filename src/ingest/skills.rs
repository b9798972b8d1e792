//! Skill assessments (M8) → `skill_assessments`: the long shape (one row
//! per person, wave or date, skill area and rating, optionally a rater)
//! and the wide shape (one row per person and wave, one column per skill
//! area). Ratings are read with `crate::skills::scale`; each column (wide)
//! or area (long) is read on one scale, settled from all of its ratings
//! before anything is written.
//!
//! A rating Mentorscope does not know is a problem naming its place and the
//! label itself, never any other answer on the row.

use std::collections::{BTreeMap, HashMap};

use rusqlite::params;

use super::cells::Cells;
use super::kinds::{self, f, normalise_header, Field, FieldColumns, Kind};
use super::rows::{self, cell, header, read_date, roster_index, Context, Read};
use super::{values, ColumnUse, Problem, Severity, Source};
use crate::error::{Error, Result};
use crate::skills::scale::{self, Rating, Scale};

pub(crate) const FIELDS: &[Field] = &[
    f(
        "person",
        &[
            "employeeid",
            "empid",
            "personid",
            "id",
            "email",
            "workemail",
            "emailaddress",
            "person",
            "employee",
            "mentee",
            "participant",
            "assessee",
            "candidate",
        ],
        true,
        false,
    ),
    f(
        "area",
        &[
            "skillarea",
            "skill",
            "area",
            "competency",
            "competence",
            "question",
            "criterion",
            "dimension",
        ],
        true,
        false,
    ),
    f(
        "rating",
        &[
            "rating",
            "score",
            "proficiency",
            "level",
            "answer",
            "rubric",
            "grade",
            "assessment",
        ],
        true,
        false,
    ),
    f(
        "wave",
        &[
            "wave",
            "assessmentwave",
            "round",
            "cycle",
            "timepoint",
            "phase",
        ],
        false,
        false,
    ),
    f(
        "date",
        &[
            "date",
            "assessedon",
            "assessmentdate",
            "ratedon",
            "dateassessed",
        ],
        false,
        true,
    ),
    f(
        "rater",
        &[
            "rater",
            "ratedby",
            "assessor",
            "assessedby",
            "ratertype",
            "perspective",
        ],
        false,
        false,
    ),
    f("scale", &["scale", "outof", "scalepoints"], false, false),
];

/// Columns of a wide sheet that describe the person, not a skill area.
const NOT_AREAS: &[&str] = &[
    "name",
    "fullname",
    "employeename",
    "displayname",
    "firstname",
    "lastname",
    "team",
    "department",
    "level",
    "joblevel",
    "manager",
    "email",
    "workemail",
    "cohort",
    "mentor",
    "notes",
    "note",
    "comments",
    "comment",
    "timestamp",
    "submittedat",
];

/// The skill-area columns of a wide sheet, by index.
fn area_columns(src: &Source<'_>, fields: &FieldColumns) -> Vec<usize> {
    let used: Vec<usize> = fields.values().copied().collect();
    (0..src.layout.columns.len())
        .filter(|i| !used.contains(i))
        .filter(|&i| {
            let n = normalise_header(&src.layout.columns[i].name);
            !n.is_empty() && !NOT_AREAS.contains(&n.as_str())
        })
        .collect()
}

/// A wide skills sheet: a person, a wave or rater column, and every other
/// column (but the person's name, team …) holding ratings only. Reads the
/// first rows, so a survey (agreement labels) or a roster never passes.
pub(crate) fn looks_wide(src: &Source<'_>) -> bool {
    let fields = kinds::map_fields(Kind::Skills, &src.layout.columns, None);
    if !fields.contains_key("person")
        || !(fields.contains_key("wave") || fields.contains_key("rater"))
        || fields.contains_key("area")
        || fields.contains_key("rating")
    {
        return false;
    }
    let areas = area_columns(src, &fields);
    if areas.is_empty() {
        return false;
    }
    let decimal_comma = src.decimal_comma();
    let (mut seen, mut ratings) = (0usize, 0usize);
    for (_, rec) in src.records().take(200).flatten() {
        for &i in &areas {
            let v = rec.get(i).unwrap_or("").trim();
            if values::is_missing(v) {
                continue;
            }
            seen += 1;
            if scale::parse_rating(v, decimal_comma).is_some() {
                ratings += 1;
            }
        }
    }
    if seen == 0 {
        // A template not filled in yet: its areas are a framework's.
        let known: Vec<String> = crate::skills::frameworks::all()
            .iter()
            .flat_map(|f| f.areas.iter().map(|a| normalise_header(&a.name)))
            .collect();
        return areas
            .iter()
            .any(|&i| known.contains(&normalise_header(&src.layout.columns[i].name)));
    }
    // Mostly ratings: a few unknown labels are the user's typos, listed as
    // problems on import, not a reason to call the file something else.
    ratings > 0 && ratings * 4 >= seen * 3
}

/// The wave of a file without a wave column: the one the user named, else
/// the one its file (or sheet) name says.
fn file_wave(ctx: &Context<'_, '_>) -> Option<String> {
    let file = ctx
        .src
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ctx.opts
        .wave
        .clone()
        .or_else(|| ctx.opts.mapping.as_ref().and_then(|m| m.wave.clone()))
        .or_else(|| kinds::guess_wave(&file))
        .or_else(|| ctx.src.sheet().and_then(kinds::guess_wave))
}

/// `self`, `mentor`, `manager`, `peer`, or the rater as written, lower-case.
fn rater_of(raw: &str) -> String {
    let n = normalise_header(raw);
    match n.as_str() {
        "" | "na" => "self".into(),
        "self" | "selfassessment" | "selfrating" | "me" | "myself" | "mentee" => "self".into(),
        "mentor" | "mentorrating" | "mentorassessment" => "mentor".into(),
        "manager" | "linemanager" | "managerrating" => "manager".into(),
        "peer" | "peers" | "colleague" => "peer".into(),
        _ => raw.trim().to_lowercase(),
    }
}

/// A cell quoted in a message: a rating is a word or two, so anything
/// longer is someone's note typed into a rating cell, and the message
/// shows only its start (the problem's value keeps the cell, as for every
/// kind).
fn shorten(v: &str) -> String {
    const MAX: usize = 40;
    if v.chars().count() <= MAX {
        v.to_string()
    } else {
        format!("{}…", v.chars().take(MAX).collect::<String>())
    }
}

/// One rating waiting for its group's scale.
struct Pending {
    line: u64,
    /// Index into `people` for the row's person, wave, date and rater.
    row: usize,
    area: String,
    column: String,
    raw: String,
    rating: Rating,
}

struct RowKey {
    person: String,
    wave: String,
    date: Option<String>,
    rater: String,
}

pub(crate) fn skills(ctx: &mut Context<'_, '_>) -> Result<()> {
    let fields = kinds::map_fields(
        Kind::Skills,
        &ctx.src.layout.columns,
        ctx.opts.mapping.as_ref(),
    );
    let wide = !(fields.contains_key("area") && fields.contains_key("rating"));
    let areas = if wide {
        area_columns(ctx.src, &fields)
    } else {
        Vec::new()
    };
    let missing = |field: &str, expected: &str| Error::MissingColumn {
        file: ctx.src.file.clone(),
        line: ctx.src.layout.header_line,
        field: field.to_string(),
        expected: expected.to_string(),
        found: super::headers_for_message(&ctx.src.layout.columns, usize::MAX),
    };
    if !fields.contains_key("person") {
        return Err(missing(
            "a person (employee ID or e-mail)",
            "Employee ID, Email, Person",
        ));
    }
    if wide && areas.is_empty() {
        return Err(missing(
            "skill areas (a Skill area and a Rating column, or one column per skill area)",
            "Skill area, Rating",
        ));
    }
    let default_wave = file_wave(ctx);
    if !fields.contains_key("wave") && !fields.contains_key("date") && default_wave.is_none() {
        return Err(missing(
            "a wave or date (or a wave named on import, e.g. --wave pre)",
            "Wave, Date, Assessment date",
        ));
    }
    ctx.report.columns = ctx
        .src
        .layout
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| ColumnUse {
            column: c.name.clone(),
            used_as: fields
                .iter()
                .find(|(_, &j)| j == i)
                .map(|(f, _)| f.to_string())
                .or_else(|| areas.contains(&i).then(|| "skill_area".to_string()))
                .unwrap_or_else(|| "ignored".into()),
        })
        .collect();
    ctx.report.wave = default_wave.clone();
    let orders = rows::date_orders(Kind::Skills, &fields, ctx);
    let index = roster_index(ctx.tx)?;
    let roster_known = !index.is_empty();
    let decimal_comma = ctx.decimal_comma();

    // First pass: every row's person, wave and rater, and every rating read
    // (not yet placed on a scale).
    let mut keys: Vec<RowKey> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let columns: Vec<String> = ctx
        .src
        .layout
        .columns
        .iter()
        .map(|c| c.name.clone())
        .collect();
    rows::for_each_record(ctx, |ctx, line, rec| {
        let raw = cell(rec, &fields, "person");
        let col = header(ctx, &fields, "person").to_string();
        let skip = |ctx: &mut Context<'_, '_>, col: &str, value: &str, reason: String| {
            ctx.problem(line, Some(col), Some(value), reason, Severity::Skipped);
            ctx.report.rows_skipped += 1;
        };
        let Some(person) = rows::resolve(&index, raw) else {
            skip(
                ctx,
                &col,
                raw,
                format!("{col} is empty; every assessment needs a person"),
            );
            return Ok(());
        };
        if roster_known && !rows::is_known(&index, raw) {
            skip(ctx, &col, raw, format!("{col} `{raw}` is not on the roster (the row was skipped); check the ID or add them to the roster"));
            return Ok(());
        }
        let date = if fields.contains_key("date") {
            match read_date(ctx, line, rec, &fields, &orders, "date", false) {
                Read::Value(d) => Some(d.date()),
                // An unreadable date is left empty, as its problem says; the
                // row stands on its wave (or is skipped below for want of
                // one, saying so).
                Read::Missing | Read::Bad => None,
            }
        } else {
            None
        };
        let wave_cell = cell(rec, &fields, "wave");
        let wave = if !values::is_missing(wave_cell) {
            Some(wave_cell.to_string())
        } else {
            default_wave
                .clone()
                // No wave anywhere: the assessment's month stands for it.
                .or_else(|| date.map(|d| d.format("%Y-%m").to_string()))
        };
        let Some(wave) = wave else {
            let c = header(ctx, &fields, "wave").to_string();
            skip(ctx, &c, wave_cell, "this row has neither a wave nor a date, so it cannot be placed before or after; fill one in".into());
            return Ok(());
        };
        let rater = rater_of(cell(rec, &fields, "rater"));
        let row = keys.len();
        let mut any = false;
        let mut read_one = |ctx: &mut Context<'_, '_>,
                            area: String,
                            column: &str,
                            v: &str,
                            wide: bool| {
            match scale::parse_rating(v, decimal_comma) {
                Some(rating) => {
                    pending.push(Pending {
                        line,
                        row,
                        area,
                        column: column.to_string(),
                        raw: v.to_string(),
                        rating,
                    });
                    true
                }
                None => {
                    let what = if wide {
                        "left out"
                    } else {
                        "the row was skipped"
                    };
                    ctx.problem(line, Some(column), Some(v), format!("{column}: `{}` is not a rating Mentorscope knows ({what}); use Poor/Mediocre/Great, Poor/Fair/Good/Excellent, Novice/Beginner/Intermediate/Advanced/Expert or a number from 1", shorten(v)), if wide { Severity::Warning } else { Severity::Skipped });
                    false
                }
            }
        };
        if wide {
            for &i in &areas {
                let v = rec.get(i).unwrap_or("").trim();
                if values::is_missing(v) {
                    continue;
                }
                let name = scale::area_name(&columns[i]);
                any |= read_one(ctx, name, &columns[i], v, true);
            }
        } else {
            let area = cell(rec, &fields, "area");
            let rating = cell(rec, &fields, "rating");
            if values::is_missing(area) {
                let c = header(ctx, &fields, "area").to_string();
                skip(
                    ctx,
                    &c,
                    area,
                    format!("{c} is empty; say which skill area was rated"),
                );
                return Ok(());
            }
            if values::is_missing(rating) {
                let c = header(ctx, &fields, "rating").to_string();
                skip(
                    ctx,
                    &c,
                    rating,
                    format!("{c} is empty; the row has no rating"),
                );
                return Ok(());
            }
            let c = header(ctx, &fields, "rating").to_string();
            any = read_one(ctx, area.to_string(), &c, rating, false);
        }
        if !any {
            if !wide {
                ctx.report.rows_skipped += 1;
            } else {
                ctx.problem(
                    line,
                    None,
                    None,
                    "no skill area on this row has a rating (the row was skipped)".into(),
                    Severity::Skipped,
                );
                ctx.report.rows_skipped += 1;
            }
            return Ok(());
        }
        keys.push(RowKey {
            person,
            wave,
            date: date.map(|d| d.to_string()),
            rater,
        });
        Ok(())
    })?;

    // Second pass: each column (wide) or area (long) on one scale.
    let group_of = |p: &Pending| {
        if wide {
            p.column.clone()
        } else {
            p.area.clone()
        }
    };
    let mut groups: BTreeMap<String, Vec<Rating>> = BTreeMap::new();
    for p in &pending {
        groups.entry(group_of(p)).or_default().push(p.rating);
    }
    let declared_col = fields.get("scale").copied();
    let mut scales: HashMap<String, Scale> = HashMap::new();
    for (g, ratings) in &groups {
        let declared = if wide {
            scale::declared_in_header(g)
        } else {
            None
        };
        if let Some((s, inferred)) = scale::settle(ratings, declared) {
            if inferred && declared_col.is_none() {
                ctx.push_problem(Problem {
                    line: None,
                    place: None,
                    column: Some(if wide { g.clone() } else { header(ctx, &fields, "rating").to_string() }),
                    value: None,
                    reason: format!(
                        "the ratings of “{g}” are numbers without a stated scale; they were read as 1–{} because none is higher. If the scale is longer, write it in the header, e.g. “{} (1-{})”",
                        s.points,
                        scale::area_name(g),
                        s.points.max(5)
                    ),
                    severity: Severity::Warning,
                });
            }
            scales.insert(g.clone(), s);
        }
    }

    let tx = ctx.tx;
    let mut stmt = tx.prepare(
        "INSERT OR IGNORE INTO skill_assessments
            (import_id, person, wave, assessed_on, area, rater, rating_text, value, scale_points, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    // Per row: (inserted, already there).
    let mut outcome: Vec<(usize, usize)> = vec![(0, 0); keys.len()];
    let import_id = ctx.import_id;
    for p in &pending {
        let Some(s) = scales.get(&group_of(p)).copied() else {
            continue;
        };
        if !s.admits(&p.rating) {
            let severity = if wide {
                Severity::Warning
            } else {
                Severity::Skipped
            };
            let what = if wide {
                "left out"
            } else {
                "the row was skipped"
            };
            ctx.problem(
                p.line,
                Some(&p.column),
                Some(&p.raw),
                format!(
                    "{}: `{}` is not on the scale the other ratings of “{}” use ({}) ({what})",
                    p.column,
                    shorten(&p.raw),
                    p.area,
                    s.describe()
                ),
                severity,
            );
            continue;
        }
        let k = &keys[p.row];
        let n = stmt.execute(params![
            import_id,
            k.person,
            k.wave,
            k.date,
            p.area,
            k.rater,
            p.raw,
            p.rating.value,
            s.points as i64,
            p.line as i64
        ])?;
        if n > 0 {
            outcome[p.row].0 += 1;
        } else {
            outcome[p.row].1 += 1;
        }
    }
    for (ins, dup) in outcome {
        if ins > 0 {
            ctx.report.rows_imported += 1;
        } else if dup > 0 {
            ctx.report.rows_duplicate += 1;
        } else {
            ctx.report.rows_skipped += 1;
        }
    }
    Ok(())
}
