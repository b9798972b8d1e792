//! Survey item settings: the user's marks on an item, kept by the item's
//! text so one mark holds for every wave and for next month's re-import —
//! reverse-coded (flipped, 6 − x), and a declared scale for an item answered
//! with plain numbers (then it joins the composite, METRICS.md M1). They are
//! settings, not data: no import owns them and undo leaves them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Store;
use crate::error::{Error, Result};

/// How a survey item is known across waves and to its settings: its text
/// with runs of white space made one space, lower-cased.
pub fn item_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The scale a numeric item's answers are on, both ends included: `1–5`,
/// `1–7`, `0–10`. Written and read as text (`"0-10"`) in saved mappings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemScale {
    pub min: i64,
    pub max: i64,
}

impl ItemScale {
    /// A scale starts at 0 or 1 and has 3 to 11 points: the range of the
    /// rating questions the survey tools offer.
    pub fn new(min: i64, max: i64) -> Result<ItemScale> {
        if !(0..=1).contains(&min) || max < min + 2 || max > 10 {
            return Err(Error::InvalidArgument(format!(
                "{min}–{max} is not a rating scale Mentorscope can read: a scale starts at 0 or 1 \
                 and ends between 2 and 10 points above it (1-5, 1-7, 0-10)"
            )));
        }
        Ok(ItemScale { min, max })
    }

    /// Reads `1-5`, `0–10`, `1 to 7` (spaces and dash kinds aside).
    pub fn parse(text: &str) -> Result<ItemScale> {
        let t = text.trim().to_lowercase().replace(['–', '—'], "-");
        let parts: Vec<&str> = if t.contains(" to ") {
            t.split(" to ").collect()
        } else {
            t.split('-').collect()
        };
        match parts.as_slice() {
            [a, b] => match (a.trim().parse::<i64>(), b.trim().parse::<i64>()) {
                (Ok(a), Ok(b)) => ItemScale::new(a, b),
                _ => Err(Self::unreadable(text)),
            },
            _ => Err(Self::unreadable(text)),
        }
    }

    fn unreadable(text: &str) -> Error {
        Error::InvalidArgument(format!(
            "“{}” is not a scale: write its two ends, as 1-5, 1-7 or 0-10",
            text.chars().take(40).collect::<String>()
        ))
    }

    /// How many answer levels the scale has.
    pub fn points(&self) -> i64 {
        self.max - self.min + 1
    }

    /// The level (1 … points) of a numeric answer, or `None` when it is not
    /// a whole number on the scale.
    pub fn level(&self, x: f64) -> Option<f64> {
        (x.fract() == 0.0 && x >= self.min as f64 && x <= self.max as f64)
            .then_some(x - self.min as f64 + 1.0)
    }
}

impl fmt::Display for ItemScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.min, self.max)
    }
}

impl Serialize for ItemScale {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ItemScale {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ItemScale::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The marks a saved mapping carries for one item (by its column header).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ItemMarks {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<ItemScale>,
}

/// One survey item as the settings list shows it: what it is, where it was
/// asked and how it is marked. No answers or counts of answers: the list
/// is about the questions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SurveyItem {
    /// The text as the latest wave asked it.
    pub text: String,
    /// `likert` (a label set), `numeric` (whole numbers 1–5 or 1–7) or
    /// `zero_to_ten`.
    pub kind: String,
    /// The label set of a Likert item (`agreement`, `satisfaction` …).
    pub label_set: Option<String>,
    /// How many levels the answers were read on (a numeric item's scale as
    /// the importer guessed it).
    pub scale_points: Option<i64>,
    pub waves: Vec<String>,
    pub reverse: bool,
    /// The declared scale of a numeric item.
    pub scale: Option<ItemScale>,
    /// Whether the item counts in the satisfaction composite: every Likert
    /// item, and numeric items with a declared scale.
    pub in_composite: bool,
}

/// The rows of `survey_questions` that are one item, by key.
fn questions_of(conn: &Connection, key: &str) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT id, text, kind FROM survey_questions")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, text, kind) = row?;
        if item_key(&text) == key {
            out.push((id, kind));
        }
    }
    Ok(out)
}

fn key_of(item_text: &str) -> Result<String> {
    let key = item_key(item_text);
    if key.is_empty() {
        return Err(Error::InvalidArgument(
            "name the survey item to mark".into(),
        ));
    }
    Ok(key)
}

/// Marks an item reverse-coded or not, on any connection (the import's
/// transaction applies a saved mapping's marks with its rows).
pub(crate) fn set_reverse(conn: &Connection, item_text: &str, reverse: bool) -> Result<()> {
    let key = key_of(item_text)?;
    conn.execute(
        "INSERT INTO item_settings (item, reverse) VALUES (?1, ?2)
         ON CONFLICT(item) DO UPDATE SET reverse = excluded.reverse",
        params![key, i64::from(reverse)],
    )?;
    Ok(())
}

/// Declares (or, with `None`, withdraws) the scale of a numeric item. An
/// item that is not asked yet may be given one (a saved mapping sets it up
/// before the first import); one that is asked must be numeric, with every
/// answer a whole number on the scale, so nothing is silently left out.
pub(crate) fn set_scale(
    conn: &Connection,
    item_text: &str,
    scale: Option<ItemScale>,
) -> Result<()> {
    let key = key_of(item_text)?;
    if let Some(s) = scale {
        let questions = questions_of(conn, &key)?;
        if questions.iter().any(|(_, kind)| kind == "likert") {
            return Err(Error::InvalidArgument(
                "this item's answers are words on a known label set, already read on their own scale; \
                 a scale is declared only for items answered with numbers"
                    .into(),
            ));
        }
        if questions
            .iter()
            .any(|(_, kind)| kind != "numeric" && kind != "zero_to_ten")
        {
            return Err(Error::InvalidArgument(
                "this item was not answered with numbers in every wave, so it cannot be put on a scale"
                    .into(),
            ));
        }
        let mut outside = 0i64;
        for (id, _) in &questions {
            outside += conn.query_row(
                "SELECT COUNT(*) FROM survey_answers WHERE question_id = ?1 AND value_num IS NOT NULL
                   AND (value_num < ?2 OR value_num > ?3 OR value_num <> CAST(value_num AS INTEGER))",
                params![id, s.min, s.max],
                |r| r.get::<_, i64>(0),
            )?;
        }
        if outside > 0 {
            // No answers, no counts: only that the scale does not fit.
            return Err(Error::InvalidArgument(format!(
                "some answers to this item are not whole numbers from {} to {}; declare the scale the question was asked on",
                s.min, s.max
            )));
        }
    }
    let (lo, hi) = match scale {
        Some(s) => (Some(s.min), Some(s.max)),
        None => (None, None),
    };
    conn.execute(
        "INSERT INTO item_settings (item, scale_min, scale_max) VALUES (?1, ?2, ?3)
         ON CONFLICT(item) DO UPDATE SET scale_min = excluded.scale_min, scale_max = excluded.scale_max",
        params![key, lo, hi],
    )?;
    Ok(())
}

fn scales(conn: &Connection) -> Result<BTreeMap<String, ItemScale>> {
    let mut stmt = conn.prepare(
        "SELECT item, scale_min, scale_max FROM item_settings
         WHERE scale_min IS NOT NULL AND scale_max IS NOT NULL ORDER BY item",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (item, min, max) = row?;
        // A row written by hand outside the rules is ignored, not trusted.
        if let Ok(s) = ItemScale::new(min, max) {
            out.insert(item, s);
        }
    }
    Ok(out)
}

impl Store {
    /// Marks a survey item (by its text, in any wave) as reverse-coded or
    /// not. A program setting, kept across imports and undo.
    pub fn set_item_reverse(&mut self, item_text: &str, reverse: bool) -> Result<()> {
        set_reverse(&self.conn, item_text, reverse)
    }

    /// Declares the scale of a numeric survey item (`None` withdraws it).
    pub fn set_item_scale(&mut self, item_text: &str, scale: Option<ItemScale>) -> Result<()> {
        set_scale(&self.conn, item_text, scale)
    }

    /// The items marked reverse-coded, by [`item_key`].
    pub fn reverse_items(&self) -> Result<BTreeSet<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT item FROM item_settings WHERE reverse = 1 ORDER BY item")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The declared scales, by [`item_key`].
    pub fn item_scales(&self) -> Result<BTreeMap<String, ItemScale>> {
        scales(&self.conn)
    }

    /// The marks of one item, by its text: (reverse-coded, declared scale).
    pub fn item_marks(&self, item_text: &str) -> Result<(bool, Option<ItemScale>)> {
        let key = item_key(item_text);
        let reverse = self
            .conn
            .query_row(
                "SELECT reverse FROM item_settings WHERE item = ?1",
                [&key],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .unwrap_or(0)
            == 1;
        Ok((reverse, scales(&self.conn)?.get(&key).copied()))
    }

    /// Sets one item's marks, as the CLI and the app do: the item must be
    /// one the program's surveys asked (a typo is an error, not a new
    /// setting), `reverse`/`scale` change only what is given, and an item
    /// is flipped only when it is on a scale. All or nothing: a refused scale
    /// leaves the flip unchanged too.
    pub fn mark_item(
        &mut self,
        item_text: &str,
        reverse: Option<bool>,
        scale: Option<Option<ItemScale>>,
    ) -> Result<SurveyItem> {
        let key = key_of(item_text)?;
        let find = |store: &Store| -> Result<Option<SurveyItem>> {
            Ok(store
                .survey_items()?
                .into_iter()
                .find(|i| item_key(&i.text) == key))
        };
        let Some(item) = find(self)? else {
            return Err(Error::InvalidArgument(format!(
                "no survey item reads “{}”; `mentorscope items` lists them",
                item_text.chars().take(80).collect::<String>()
            )));
        };
        let will_have_scale = match scale {
            Some(s) => s.is_some(),
            None => item.scale.is_some(),
        };
        let will_flip = reverse.unwrap_or(item.reverse);
        if will_flip && item.kind != "likert" && !will_have_scale {
            return Err(Error::InvalidArgument(
                "only an item on a scale can be reverse-coded: declare the item's scale, or leave it unflipped".into(),
            ));
        }
        let tx = self.conn.unchecked_transaction()?;
        if let Some(scale) = scale {
            set_scale(&tx, item_text, scale)?;
        }
        if let Some(reverse) = reverse {
            set_reverse(&tx, item_text, reverse)?;
        }
        tx.commit()?;
        Ok(find(self)?.expect("the item was found above"))
    }

    /// Every survey item that can be marked (Likert, numeric and 0–10
    /// questions), in the order first asked, with its marks.
    pub fn survey_items(&self) -> Result<Vec<SurveyItem>> {
        let reverse = self.reverse_items()?;
        let scales = self.item_scales()?;
        let mut stmt = self.conn.prepare(
            "SELECT q.text, q.kind, q.label_set, q.scale_points, q.wave FROM survey_questions q
             JOIN imports i ON i.id = q.import_id
             WHERE q.kind IN ('likert', 'numeric', 'zero_to_ten')
             ORDER BY i.id, q.position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out: Vec<SurveyItem> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for row in rows {
            let (text, kind, label_set, points, wave) = row?;
            let key = item_key(&text);
            let i = *index.entry(key.clone()).or_insert_with(|| {
                out.push(SurveyItem {
                    text: text.clone(),
                    kind: kind.clone(),
                    label_set: None,
                    scale_points: None,
                    waves: Vec::new(),
                    reverse: reverse.contains(&key),
                    scale: scales.get(&key).copied(),
                    in_composite: false,
                });
                out.len() - 1
            });
            let item = &mut out[i];
            // The latest wave's wording and reading win.
            item.text = text;
            item.kind = kind;
            item.label_set = label_set;
            item.scale_points = points;
            if !item.waves.contains(&wave) {
                item.waves.push(wave);
            }
        }
        // Waves in survey order (first submission), as everywhere else.
        let order = self.survey_waves()?;
        for item in &mut out {
            item.in_composite = item.kind == "likert" || item.scale.is_some();
            item.waves
                .sort_by_key(|w| order.iter().position(|o| o == w).unwrap_or(usize::MAX));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_read_as_people_write_them() {
        assert_eq!(
            ItemScale::parse("0-10").unwrap(),
            ItemScale { min: 0, max: 10 }
        );
        assert_eq!(
            ItemScale::parse(" 1 – 7 ").unwrap(),
            ItemScale { min: 1, max: 7 }
        );
        assert_eq!(
            ItemScale::parse("1 to 5").unwrap(),
            ItemScale { min: 1, max: 5 }
        );
        for bad in ["", "5", "1-1", "1-2", "2-9", "0-11", "-1-5", "a-b", "1-5-7"] {
            assert!(ItemScale::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(ItemScale::new(0, 10).unwrap().to_string(), "0-10");
    }

    #[test]
    fn levels_count_from_one_and_refuse_what_is_off_the_scale() {
        let s = ItemScale::new(0, 10).unwrap();
        assert_eq!(s.points(), 11);
        assert_eq!(s.level(0.0), Some(1.0));
        assert_eq!(s.level(10.0), Some(11.0));
        assert_eq!(s.level(11.0), None);
        assert_eq!(s.level(-1.0), None);
        assert_eq!(s.level(2.5), None);
        let s = ItemScale::new(1, 5).unwrap();
        assert_eq!(s.level(1.0), Some(1.0));
        assert_eq!(s.level(0.0), None);
    }
}
