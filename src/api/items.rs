//! The survey items as the window's item settings list shows them, and the
//! one change it makes: mark an item reverse-coded, or declare the scale
//! of an item answered with plain numbers (METRICS.md M1). The CLI's
//! `items` command prints the same list.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::store::{ItemScale, Store, SurveyItem};

/// Scales a numeric item can be declared on, as the window offers them.
pub const SCALE_CHOICES: &[&str] = &["1-5", "1-7", "0-10", "1-10"];

/// One survey item with its marks.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct SurveyItemView {
    pub text: String,
    /// `likert`, `numeric` or `zero_to_ten`.
    pub kind: String,
    /// How the answers are read, for people: "Agreement, 5 levels",
    /// "Numbers 0–10", "Numbers 1–5".
    pub read_as: String,
    /// The survey waves that asked it, in import order.
    pub waves: Vec<String>,
    pub reverse: bool,
    /// The declared scale of a numeric item (`"0-10"`), if any.
    pub scale: Option<String>,
    /// Whether it counts in the satisfaction composite.
    pub in_composite: bool,
    /// Whether a scale can be declared (numeric and 0–10 items).
    pub can_declare_scale: bool,
    /// The scales the window offers for it.
    pub scale_choices: Vec<String>,
}

/// A change to one item's marks; a field left out is left as it is.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ItemMarkRequest {
    pub text: String,
    #[ts(optional)]
    pub reverse: Option<bool>,
    /// `"0-10"` declares a scale, `""` withdraws it; left out, unchanged.
    #[ts(optional)]
    pub scale: Option<String>,
}

fn dash(scale: &str) -> String {
    scale.replace('-', "–")
}

fn view(item: SurveyItem) -> SurveyItemView {
    let numeric = item.kind != "likert";
    let read_as = match (&item.label_set, item.kind.as_str()) {
        (Some(set), "likert") => {
            // `agreement-7` → "Agreement"; the level count follows.
            let mut name = set.split('-').next().unwrap_or(set).to_string();
            if let Some(first) = name.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{name}, {} levels", item.scale_points.unwrap_or(5))
        }
        (_, "zero_to_ten") => "Numbers 0–10".into(),
        _ => format!("Numbers 1–{}", item.scale_points.unwrap_or(5)),
    };
    SurveyItemView {
        text: item.text,
        kind: item.kind,
        read_as,
        waves: item.waves,
        reverse: item.reverse,
        scale: item.scale.map(|s| s.to_string()),
        in_composite: item.in_composite,
        can_declare_scale: numeric,
        scale_choices: if numeric {
            SCALE_CHOICES.iter().map(|s| s.to_string()).collect()
        } else {
            Vec::new()
        },
    }
}

/// Every survey item that can be marked, in the order first asked.
pub fn survey_items(store: &Store) -> Result<Vec<SurveyItemView>> {
    Ok(store.survey_items()?.into_iter().map(view).collect())
}

/// Applies a change and returns the item as it now is.
pub fn mark_item(store: &mut Store, req: &ItemMarkRequest) -> Result<SurveyItemView> {
    let scale = match req.scale.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(text) => Some(Some(ItemScale::parse(text)?)),
    };
    Ok(view(store.mark_item(&req.text, req.reverse, scale)?))
}

/// The list as the CLI prints it: one line per item, its marks after it.
pub fn items_text(items: &[SurveyItemView]) -> String {
    if items.is_empty() {
        return "No survey items yet: import a survey first.\n".into();
    }
    let mut out = String::new();
    for i in items {
        let mut marks = Vec::new();
        if let Some(s) = &i.scale {
            marks.push(format!("scale {}", dash(s)));
        }
        if i.reverse {
            marks.push("reverse-coded".to_string());
        }
        marks.push(if i.in_composite {
            "in the composite".to_string()
        } else {
            "not in the composite (declare its scale to count it)".to_string()
        });
        out.push_str(&format!(
            "  {}\n      {}; waves {}; {}\n",
            i.text,
            i.read_as,
            i.waves.join(", "),
            marks.join("; ")
        ));
    }
    out
}
