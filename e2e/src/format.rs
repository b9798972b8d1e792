//! How the window writes numbers for people, restated from the product's
//! documentation rather than taken from the library's formatters, so the
//! end-to-end tests can check the *visible* text of a number against the
//! value `analyze --json` gives for it:
//!
//! - counts are whole numbers with a comma every three digits (1,234);
//! - other numbers have a fixed number of decimals; a negative number
//!   that does not round to zero starts with a minus sign (U+2212 "−"),
//!   never a hyphen;
//! - a change carries its sign ("+0.25", "−12"), and a change that rounds
//!   to zero has none;
//! - shares are whole percentages ("93%"), changes in shares signed ("+15%");
//! - p-values: "p < 0.001", then three decimals below 0.01, else two;
//! - a missing number is "—".
//!
//! `rule_for` says which rule each `analyze --json` key is shown with.

use serde_json::Value;

pub const DASH: &str = "—";
const MINUS: char = '\u{2212}';

fn rounds_to_zero(s: &str) -> bool {
    !s.chars().any(|c| c.is_ascii_digit() && c != '0')
}

/// `x` with `decimals` decimals; "−" for a negative that does not round to 0.
pub fn fixed(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    if x < 0.0 && !rounds_to_zero(&s) {
        format!("{MINUS}{s}")
    } else {
        s
    }
}

/// A change: "+" or "−" unless it rounds to zero.
pub fn signed(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    if rounds_to_zero(&s) {
        s
    } else if x < 0.0 {
        format!("{MINUS}{s}")
    } else {
        format!("+{s}")
    }
}

/// A whole number with thousands separated by commas.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share (0–1) as a whole percentage.
pub fn percent(x: f64) -> String {
    format!("{}%", fixed(x * 100.0, 0))
}

/// A change in a share, signed.
pub fn signed_percent(x: f64) -> String {
    format!("{}%", signed(x * 100.0, 0))
}

pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else if p < 0.01 {
        format!("p = {p:.3}")
    } else {
        format!("p = {p:.2}")
    }
}

/// How one kind of number is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    Count,
    /// A count of something that is not whole (hours), rounded.
    RoundedCount,
    Fixed(usize),
    Signed(usize),
    Percent,
    SignedPercent,
    P,
    /// A 95% interval: "+0.07 to +0.42".
    Interval(usize),
    /// Days: "54 days", or "not reached" when half the group has not got
    /// there.
    Days,
    /// A survey item's mean with its n: "3.27 (n = 90)".
    ItemMean,
    /// Welch's t with its degrees of freedom: "t = 2.79, df = 199.6".
    WelchT,
}

/// The rule for an `analyze --json` key (dotted path), or None for a key
/// this restatement does not know (a new number: add its rule here).
pub fn rule_for(key: &str) -> Option<Rule> {
    let last = key.rsplit('.').next().unwrap_or(key);
    let parts: Vec<&str> = key.split('.').collect();
    Some(match (parts.as_slice(), last) {
        (["item_means", "before" | "after", _], _) => Rule::ItemMean,
        (["engagement", "top_topics", ..], _) => Rule::Count,
        (["enps", "before" | "after"], _) => Rule::Signed(0),
        (["engagement", "hours"], _) => Rule::RoundedCount,
        (["survey_unpaired", "welch_t"], _) => Rule::WelchT,
        (_, "ci95") => Rule::Interval(2),
        (_, "diff" | "mean_diff") => Rule::Signed(2),
        (_, "mean_before" | "mean_after" | "sd_before" | "sd_after" | "cohens_d") => Rule::Fixed(2),
        (_, "welch_p" | "mann_whitney_p" | "p" | "logrank_p" | "deploys_mann_whitney_p") => Rule::P,
        (_, "km_median_days" | "naive_median_days") => Rule::Days,
        (_, "retained_365" | "change_failure_rate") => Rule::Percent,
        (_, s) if s.ends_with("_relative_change") => Rule::SignedPercent,
        (_, "deploys_per_team_week" | "mttr_hours_median" | "meetings_per_pair") => Rule::Fixed(1),
        (
            _,
            "n"
            | "n_before"
            | "n_after"
            | "n_pairs"
            | "events"
            | "exits"
            | "team_weeks"
            | "meetings"
            | "pairs"
            | "active_pairs"
            | "active_pairs_met_last_30d",
        ) => Rule::Count,
        _ => return None,
    })
}

/// What a person should read for `key`, whose value in `analyze --json` is
/// `v`; `json` is the whole output (for the n beside an item mean, the df
/// beside t). None when the rule needs a number `v` is not.
pub fn expected_text(key: &str, v: &Value, json: &Value) -> Option<String> {
    let rule = rule_for(key)?;
    let sibling = |name: &str| -> Option<&Value> {
        let (parent, _) = key.rsplit_once('.')?;
        crate::json_path(json, &format!("{parent}.{name}"))
    };
    if v.is_null() {
        return Some(
            match rule {
                Rule::Days => "not reached",
                Rule::P => "not available",
                _ => DASH,
            }
            .into(),
        );
    }
    let x = v.as_f64();
    Some(match rule {
        Rule::Count => grouped(v.as_u64()?),
        Rule::RoundedCount => grouped(x?.round() as u64),
        Rule::Fixed(d) => fixed(x?, d),
        Rule::Signed(d) => signed(x?, d),
        Rule::Percent => percent(x?),
        Rule::SignedPercent => signed_percent(x?),
        Rule::P => p_value(x?),
        Rule::Interval(d) => {
            let a = v.as_array()?;
            format!(
                "{} to {}",
                signed(a.first()?.as_f64()?, d),
                signed(a.get(1)?.as_f64()?, d)
            )
        }
        Rule::Days => format!("{} days", fixed(x?, 0)),
        Rule::ItemMean => {
            // item_means.before.3 → item_means.n_before.3
            let mut parts: Vec<&str> = key.split('.').collect();
            let side = format!("n_{}", parts.get(1)?);
            parts[1] = &side;
            let n = crate::json_path(json, &parts.join("."))?.as_u64()?;
            format!("{} (n = {})", fixed(x?, 2), grouped(n))
        }
        Rule::WelchT => {
            let df = sibling("welch_df")?.as_f64()?;
            format!("t = {}, df = {}", fixed(x?, 2), fixed(df, 1))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_written_as_documented() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(fixed(-0.004, 2), "0.00");
        assert_eq!(fixed(-1.26, 1), "\u{2212}1.3");
        assert_eq!(signed(0.246, 2), "+0.25");
        assert_eq!(signed(-22.0, 0), "\u{2212}22");
        assert_eq!(signed(0.004, 2), "0.00");
        assert_eq!(percent(0.9266), "93%");
        assert_eq!(signed_percent(-0.332), "\u{2212}33%");
        assert_eq!(p_value(0.0004), "p < 0.001");
        assert_eq!(p_value(0.00584), "p = 0.006");
        assert_eq!(p_value(0.0407), "p = 0.04");
    }

    #[test]
    fn every_key_kind_has_a_rule_and_unknown_keys_have_none() {
        let j = json!({
            "survey_unpaired": {"welch_t": 2.786, "welch_df": 199.62, "ci95": [0.072, 0.4205]},
            "item_means": {"before": [3.2667], "n_before": [90]},
            "ramp_up": {"mentored": {"km_median_days": 54.0}},
        });
        let t = |k: &str| expected_text(k, crate::json_path(&j, k).unwrap(), &j).unwrap();
        assert_eq!(t("survey_unpaired.welch_t"), "t = 2.79, df = 199.6");
        assert_eq!(t("survey_unpaired.ci95"), "+0.07 to +0.42");
        assert_eq!(t("item_means.before.0"), "3.27 (n = 90)");
        assert_eq!(t("ramp_up.mentored.km_median_days"), "54 days");
        assert_eq!(
            expected_text("ramp_up.not_mentored.km_median_days", &Value::Null, &j).as_deref(),
            Some("not reached")
        );
        assert_eq!(rule_for("engagement.top_topics.On-call"), Some(Rule::Count));
        assert_eq!(
            rule_for("delivery.mttr_relative_change"),
            Some(Rule::SignedPercent)
        );
        assert_eq!(rule_for("something.new"), None);
    }
}
