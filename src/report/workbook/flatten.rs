//! One part of `analysis.json` → tables a spreadsheet can hold, by the
//! shape of the JSON alone, so keys added to the analysis later get their
//! place without code here:
//!
//! - scalars of an object, and of the objects inside it, are rows of a
//!   *field | value* block (`mentored.km_median_days`); an interval
//!   (`ci95: [lo, hi]`) is two rows, *lower* and *upper*; a short list is
//!   numbered rows;
//! - lists of the same length side by side in one object (`item_means`'s
//!   `items`, `before`, `n_before` …) are the columns of one table;
//! - a list of records (`weekly`, `quiet_pairs`) is a table with a column
//!   per field (nested fields dotted, lists inside numbered);
//! - a list of tuples (`curve: [[day, S, lower, upper]]`) is a table with
//!   named columns where the name is known, numbered otherwise;
//! - a long list of values (`censored_times`) is a one-column table.
//!
//! A `null` is *hidden* when its object or record says `suppressed: true`,
//! or when the count beside it (`n_before` for `before` or `mean_before`,
//! `n` in a record) is between 1 and k − 1; the writer leaves it empty with
//! a note saying so. Nothing else is ever looked at, and no value is made
//! up: every cell is a value of the JSON.

use chrono::NaiveDate;

use super::json::Json;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Left empty: suppressed under the minimum group size.
    Hidden,
    Number(f64),
    Text(String),
    Date(NaiveDate),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The JSON path of the table (`ramp_up.mentored.curve`).
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Lists up to this long inside an object are numbered rows of its
/// field | value block; longer ones get a table of their own.
const SHORT_LIST: usize = 6;

fn join(prefix: &str, name: &str) -> String {
    if name.is_empty() {
        prefix.to_string()
    } else if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn is_interval(name: &str, v: &[Json]) -> bool {
    (name == "ci95" || name == "ci" || name.ends_with("_ci95") || name.ends_with("_ci"))
        && v.len() == 2
        && v.iter().all(|x| matches!(x, Json::Num(_) | Json::Null))
}

/// Column names of a list of tuples, by the list's name.
fn tuple_columns(name: &str, width: usize) -> Vec<String> {
    let known: &[&str] = match name {
        "curve" => &["day", "estimate", "95% CI lower", "95% CI upper"],
        "topics_ranked" => &["topic", "meetings"],
        "top_terms" => &["term", "count"],
        "before" | "after" if width == 2 => &["term", "z"],
        _ => &[],
    };
    (0..width)
        .map(|i| {
            known
                .get(i)
                .map(|s| s.to_string())
                .unwrap_or_else(|| format!("{name} {}", i + 1))
        })
        .collect()
}

fn scalar(v: &Json, hidden: bool) -> Cell {
    match v {
        Json::Null if hidden => Cell::Hidden,
        Json::Null => Cell::Empty,
        Json::Bool(b) => Cell::Bool(*b),
        Json::Num(n) => Cell::Number(*n),
        Json::Str(s) => match date(s) {
            Some(d) => Cell::Date(d),
            None => Cell::Text(s.clone()),
        },
        // Never reached for scalars; a nested value kept whole is its JSON.
        other => Cell::Text(compact(other)),
    }
}

/// `YYYY-MM-DD` exactly (the JSON's dates), as a date.
fn date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    } else {
        None
    }
}

fn compact(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Num(n) => n.to_string(),
        Json::Str(s) => format!("{s:?}"),
        Json::Arr(a) => format!("[{}]", a.iter().map(compact).collect::<Vec<_>>().join(", ")),
        Json::Obj(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{k:?}: {}", compact(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The count that says how many people stand behind field `name` of an
/// object: `n_{name}`, `n_{last word of name}` (`n_before` for
/// `mean_before`), or `n`.
fn count_for<'a>(name: &str, lookup: impl Fn(&str) -> Option<&'a Json>) -> Option<f64> {
    let last = name.rsplit('_').next().unwrap_or(name);
    [format!("n_{name}"), format!("n_{last}"), "n".to_string()]
        .iter()
        .find_map(|k| match lookup(k) {
            Some(Json::Num(n)) => Some(*n),
            _ => None,
        })
}

fn under_k(n: Option<f64>, k: usize) -> bool {
    n.is_some_and(|n| n >= 1.0 && n < k as f64)
}

fn suppressed(fields: &[(String, Json)]) -> bool {
    fields
        .iter()
        .any(|(k, v)| k == "suppressed" && *v == Json::Bool(true))
}

/// The blocks of one top-level key: its field | value block (if any) and
/// its tables.
pub fn blocks(key: &str, v: &Json, k: usize) -> Vec<Block> {
    let mut kv = Vec::new();
    let mut tables = Vec::new();
    match v {
        Json::Obj(fields) => {
            object("", fields, false, k, &mut kv, &mut tables);
            // Titles inside an object are relative to it.
            for t in &mut tables {
                t.title = join(key, &t.title);
            }
        }
        Json::Arr(items) => list(key, key, items, false, k, &mut kv, &mut tables),
        s => kv.push(vec![Cell::Text(key.to_string()), scalar(s, false)]),
    }
    let mut out = Vec::new();
    if !kv.is_empty() {
        out.push(Block {
            title: key.to_string(),
            header: vec!["field".into(), "value".into()],
            rows: kv,
        });
    }
    out.extend(tables);
    out
}

fn object(
    prefix: &str,
    fields: &[(String, Json)],
    hidden: bool,
    k: usize,
    kv: &mut Vec<Vec<Cell>>,
    tables: &mut Vec<Block>,
) {
    let hidden = hidden || suppressed(fields);
    let lookup = |key: &str| fields.iter().find(|(n, _)| n == key).map(|(_, v)| v);
    // Lists of values that share a length with another such list are the
    // columns of one table.
    let values_list = |v: &Json, name: &str| match v {
        Json::Arr(a) => !a.is_empty() && a.iter().all(Json::is_scalar) && !is_interval(name, a),
        _ => false,
    };
    let len_of = |v: &Json| match v {
        Json::Arr(a) => a.len(),
        _ => 0,
    };
    let parallel = |name: &str, v: &Json| {
        values_list(v, name)
            && fields
                .iter()
                .filter(|(n, w)| values_list(w, n) && len_of(w) == len_of(v))
                .count()
                >= 2
    };
    let mut done_lengths: Vec<usize> = Vec::new();
    for (name, v) in fields {
        let path = join(prefix, name);
        match v {
            Json::Obj(inner) => object(&path, inner, hidden, k, kv, tables),
            Json::Arr(a) if is_interval(name, a) => {
                for (i, side) in ["lower", "upper"].iter().enumerate() {
                    kv.push(vec![
                        Cell::Text(format!("{path} {side}")),
                        scalar(&a[i], hidden),
                    ]);
                }
            }
            Json::Arr(a) if parallel(name, v) => {
                if done_lengths.contains(&a.len()) {
                    continue;
                }
                done_lengths.push(a.len());
                let cols: Vec<(&String, &Vec<Json>)> = fields
                    .iter()
                    .filter(|(n, w)| parallel(n, w) && len_of(w) == a.len())
                    .filter_map(|(n, w)| match w {
                        Json::Arr(x) => Some((n, x)),
                        _ => None,
                    })
                    .collect();
                let col_lookup = |key: &str, i: usize| {
                    cols.iter()
                        .find(|(n, _)| n.as_str() == key)
                        .and_then(|(_, x)| x.get(i))
                };
                let rows = (0..a.len())
                    .map(|i| {
                        cols.iter()
                            .map(|(n, x)| {
                                let cell = &x[i];
                                let h = hidden
                                    || (*cell == Json::Null
                                        && under_k(count_for(n, |key| col_lookup(key, i)), k));
                                scalar(cell, h)
                            })
                            .collect()
                    })
                    .collect();
                tables.push(Block {
                    title: prefix.to_string(),
                    header: cols.iter().map(|(n, _)| n.to_string()).collect(),
                    rows,
                });
            }
            Json::Arr(a) if a.is_empty() => {
                kv.push(vec![Cell::Text(path), Cell::Text("(none)".into())])
            }
            Json::Arr(a) if a.iter().all(Json::is_scalar) && a.len() <= SHORT_LIST => {
                for (i, x) in a.iter().enumerate() {
                    kv.push(vec![
                        Cell::Text(format!("{path} {}", i + 1)),
                        scalar(x, hidden),
                    ]);
                }
            }
            Json::Arr(a) => list(&path, name, a, hidden, k, kv, tables),
            s => {
                let h = hidden || (*s == Json::Null && under_k(count_for(name, lookup), k));
                kv.push(vec![Cell::Text(path), scalar(s, h)]);
            }
        }
    }
}

/// A list that is not part of a field | value block: records, tuples or
/// values, as a table titled with its path.
#[allow(clippy::too_many_arguments)]
fn list(
    path: &str,
    name: &str,
    items: &[Json],
    hidden: bool,
    k: usize,
    kv: &mut Vec<Vec<Cell>>,
    tables: &mut Vec<Block>,
) {
    if items.is_empty() {
        kv.push(vec![
            Cell::Text(path.to_string()),
            Cell::Text("(none)".into()),
        ]);
        return;
    }
    if items.iter().all(|x| matches!(x, Json::Obj(_) | Json::Null)) {
        tables.push(records(path, items, hidden, k));
    } else if items.iter().all(|x| matches!(x, Json::Arr(_))) {
        let width = items
            .iter()
            .map(|x| match x {
                Json::Arr(a) => a.len(),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        let rows = items
            .iter()
            .map(|x| {
                let a = match x {
                    Json::Arr(a) => a.as_slice(),
                    _ => &[],
                };
                (0..width)
                    .map(|i| a.get(i).map(|c| scalar(c, hidden)).unwrap_or(Cell::Empty))
                    .collect()
            })
            .collect();
        tables.push(Block {
            title: path.to_string(),
            header: tuple_columns(name, width),
            rows,
        });
    } else {
        tables.push(Block {
            title: path.to_string(),
            header: vec![name.to_string()],
            rows: items.iter().map(|x| vec![scalar(x, hidden)]).collect(),
        });
    }
}

/// One record's cells by column name: nested objects dotted, intervals as
/// lower/upper, value lists numbered (`before 1` … `before 5`, as wide as
/// the widest record), anything deeper as its JSON text.
fn record_cells(
    prefix: &str,
    fields: &[(String, Json)],
    shape: &Shape,
    hidden: bool,
    k: usize,
    out: &mut Vec<(String, Cell)>,
) {
    let hidden = hidden || suppressed(fields);
    let lookup = |key: &str| fields.iter().find(|(n, _)| n == key).map(|(_, v)| v);
    for (name, v) in fields {
        let path = join(prefix, name);
        let width = shape
            .lists
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, w)| *w);
        let interval = shape.intervals.contains(&path);
        let h = hidden || (*v == Json::Null && under_k(count_for(name, lookup), k));
        match (v, width) {
            (Json::Obj(inner), _) => record_cells(&path, inner, shape, hidden, k, out),
            (Json::Arr(a), _) if is_interval(name, a) => {
                out.push((format!("{path} lower"), scalar(&a[0], h)));
                out.push((format!("{path} upper"), scalar(&a[1], h)));
            }
            (Json::Null, _) if interval => {
                out.push((format!("{path} lower"), scalar(v, h)));
                out.push((format!("{path} upper"), scalar(v, h)));
            }
            (Json::Arr(a), Some(w)) if a.iter().all(Json::is_scalar) => {
                for i in 0..w {
                    let c = a.get(i).map(|x| scalar(x, h)).unwrap_or(Cell::Empty);
                    out.push((format!("{path} {}", i + 1), c));
                }
            }
            (Json::Null, Some(w)) => {
                for i in 0..w {
                    out.push((format!("{path} {}", i + 1), scalar(v, h)));
                }
            }
            (Json::Arr(_), _) => out.push((path, Cell::Text(compact(v)))),
            (s, _) => out.push((path, scalar(s, h))),
        }
    }
}

/// What the records of one list hold, over all of them: the widest value
/// list per dotted field, and the fields that are intervals somewhere (a
/// `null` interval in another record still takes two columns).
#[derive(Default)]
struct Shape {
    lists: Vec<(String, usize)>,
    intervals: Vec<String>,
}

fn shape_of(prefix: &str, v: &Json, out: &mut Shape) {
    if let Json::Obj(fields) = v {
        for (name, x) in fields {
            let path = join(prefix, name);
            match x {
                Json::Obj(_) => shape_of(&path, x, out),
                Json::Arr(a) if is_interval(name, a) && !out.intervals.contains(&path) => {
                    out.intervals.push(path);
                }
                Json::Arr(a) if is_interval(name, a) => {}
                Json::Arr(a) if a.iter().all(Json::is_scalar) => {
                    match out.lists.iter_mut().find(|(p, _)| *p == path) {
                        Some((_, w)) => *w = (*w).max(a.len()),
                        None => out.lists.push((path, a.len())),
                    }
                }
                _ => {}
            }
        }
    }
}

fn records(path: &str, items: &[Json], hidden: bool, k: usize) -> Block {
    let mut shape = Shape::default();
    for it in items {
        shape_of("", it, &mut shape);
    }
    let per_row: Vec<Vec<(String, Cell)>> = items
        .iter()
        .map(|it| {
            let mut out = Vec::new();
            if let Json::Obj(fields) = it {
                record_cells("", fields, &shape, hidden, k, &mut out);
            }
            out
        })
        .collect();
    let mut header: Vec<String> = Vec::new();
    for row in &per_row {
        for (c, _) in row {
            if !header.contains(c) {
                header.push(c.clone());
            }
        }
    }
    let rows = per_row
        .into_iter()
        .map(|row| {
            header
                .iter()
                .map(|h| {
                    row.iter()
                        .find(|(c, _)| c == h)
                        .map(|(_, v)| v.clone())
                        .unwrap_or(Cell::Empty)
                })
                .collect()
        })
        .collect();
    Block {
        title: path.to_string(),
        header,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> Json {
        serde_json::from_str(s).unwrap()
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn an_object_is_a_field_value_block_with_intervals_and_hidden_nulls() {
        let b = blocks(
            "survey_unpaired",
            &json(
                r#"{"n_before": 3, "mean_before": null, "ci95": null, "when": "2025-01-31", "suppressed": true}"#,
            ),
            5,
        );
        assert_eq!(b.len(), 1);
        assert_eq!(
            b[0].rows,
            vec![
                vec![t("n_before"), Cell::Number(3.0)],
                vec![t("mean_before"), Cell::Hidden],
                vec![t("ci95"), Cell::Hidden],
                vec![
                    t("when"),
                    Cell::Date(NaiveDate::from_ymd_opt(2025, 1, 31).unwrap())
                ],
                vec![t("suppressed"), Cell::Bool(true)],
            ]
        );
        let shown = blocks(
            "s",
            &json(r#"{"diff": null, "ci95": [0.5, 1.5], "p": 0.01}"#),
            5,
        );
        assert_eq!(
            shown[0].rows,
            vec![
                vec![t("diff"), Cell::Empty],
                vec![t("ci95 lower"), Cell::Number(0.5)],
                vec![t("ci95 upper"), Cell::Number(1.5)],
                vec![t("p"), Cell::Number(0.01)],
            ]
        );
    }

    #[test]
    fn lists_side_by_side_are_one_table_and_a_null_under_k_is_hidden() {
        let b = blocks(
            "item_means",
            &json(r#"{"items": ["a", "b"], "before": [3.5, null], "n_before": [9, 2]}"#),
            5,
        );
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].title, "item_means");
        assert_eq!(b[0].header, ["items", "before", "n_before"]);
        assert_eq!(
            b[0].rows,
            vec![
                vec![t("a"), Cell::Number(3.5), Cell::Number(9.0)],
                vec![t("b"), Cell::Hidden, Cell::Number(2.0)],
            ]
        );
    }

    #[test]
    fn records_tuples_and_long_lists_are_tables() {
        let b = blocks(
            "ramp_up",
            &json(
                r#"{"logrank_p": 0.2, "group_labels": ["M", "N"],
                      "mentored": {"n": 3, "curve": [[0, 1, 1, 1], [10, 0.5, 0.2, 0.8]], "censored_times": [1,2,3,4,5,6,7]},
                      "rows": [{"item": "x", "before": [1, 2], "ci95": [0, 1], "suppressed": false},
                               {"item": "y", "before": null, "ci95": null, "suppressed": true}]}"#,
            ),
            5,
        );
        let titles: Vec<&str> = b.iter().map(|b| b.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "ramp_up",
                "ramp_up.mentored.curve",
                "ramp_up.mentored.censored_times",
                "ramp_up.rows"
            ]
        );
        assert_eq!(
            b[0].rows,
            vec![
                vec![t("logrank_p"), Cell::Number(0.2)],
                vec![t("group_labels 1"), t("M")],
                vec![t("group_labels 2"), t("N")],
                vec![t("mentored.n"), Cell::Number(3.0)],
            ]
        );
        assert_eq!(
            b[1].header,
            ["day", "estimate", "95% CI lower", "95% CI upper"]
        );
        assert_eq!(b[1].rows[1][1], Cell::Number(0.5));
        assert_eq!(b[2].rows.len(), 7);
        assert_eq!(
            b[3].header,
            [
                "item",
                "before 1",
                "before 2",
                "ci95 lower",
                "ci95 upper",
                "suppressed"
            ]
        );
        assert_eq!(
            b[3].rows[1],
            vec![
                t("y"),
                Cell::Hidden,
                Cell::Hidden,
                Cell::Hidden,
                Cell::Hidden,
                Cell::Bool(true)
            ]
        );
    }
}
