//! Numbers → sentences. Each verdict says what changed, by how much, and
//! how sure we can be, in words a program manager can repeat to leadership;
//! caveats name what the data cannot support. Thresholds: p < 0.05 is
//! "unlikely to be chance", p < 0.001 "very unlikely"; anything else is "no
//! clear difference", never "no effect".

mod delivery;
mod engagement;
mod survey;
mod survival;

use super::frames::ProgramData;
use super::{Analysis, Verdict};

pub(super) fn chance(p: f64) -> String {
    if p < 0.001 {
        "a difference this large is very unlikely to be chance (p < 0.001)".into()
    } else if p < 0.05 {
        format!(
            "a difference this large is unlikely to be chance (p = {})",
            p_text(p)
        )
    } else {
        format!(
            "a difference this size could easily be chance (p = {})",
            p_text(p)
        )
    }
}

pub(super) fn p_text(p: f64) -> String {
    if p < 0.01 {
        format!("{p:.3}")
    } else {
        format!("{p:.2}")
    }
}

pub(super) fn signed(x: f64, decimals: usize) -> String {
    format!(
        "{}{:.*}",
        if x >= 0.0 { "+" } else { "−" },
        decimals,
        x.abs()
    )
}

pub(super) fn pct(x: f64) -> String {
    format!(
        "{}{:.0}%",
        if x >= 0.0 { "+" } else { "−" },
        (x * 100.0).abs()
    )
}

pub(super) fn outcome(p: Option<f64>, better: bool) -> String {
    match p {
        Some(p) if p < 0.05 => if better { "improved" } else { "worsened" }.into(),
        Some(_) => "no_clear_difference".into(),
        None => "too_few".into(),
    }
}

pub(super) fn verdict(
    outcome: impl Into<String>,
    headline: String,
    caveats: Vec<String>,
) -> Verdict {
    Verdict {
        outcome: outcome.into(),
        headline,
        caveats,
    }
}

pub(super) fn all(a: &Analysis, data: &ProgramData) -> super::Verdicts {
    super::Verdicts {
        survey: Some(survey::survey(a)),
        ramp_up: Some(survival::ramp_up(a, data)),
        retention: Some(survival::retention(a, data)),
        delivery: Some(delivery::delivery(a)),
        engagement: Some(engagement::engagement(a)),
    }
}

/// The first letter upper-cased, for a clause that starts a sentence.
pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// 1234567 → "1,234,567": counts in sentences read like the cards.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
