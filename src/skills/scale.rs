//! Rating scales of skill assessments (METRICS.md M8): the interview rubric
//! Poor / Mediocre / Great, the four-point Poor / Fair / Good / Excellent,
//! proficiency labels Novice … Expert, and plain numbers on 1–k. A rating
//! is read into its place on its own scale; `Scale` puts it on 0–1.
//!
//! Nothing here knows about files or people: it reads one label at a time,
//! and a column's (or area's) scale is settled from all of its labels.

use serde::Serialize;

/// Which set of labels a rating came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Poor / Mediocre / Great → 1–3.
    Rubric3,
    /// Poor / Fair / Good / Excellent → 1–4.
    Rubric4,
    /// Novice / Beginner / Intermediate / Advanced / Expert → 1–5.
    Proficiency,
    /// A number on 1–k.
    Number,
}

impl Family {
    /// The labels in order, for a legend and for messages.
    pub fn labels(self) -> &'static [&'static str] {
        match self {
            Family::Rubric3 => &["Poor", "Mediocre", "Great"],
            Family::Rubric4 => &["Poor", "Fair", "Good", "Excellent"],
            Family::Proficiency => &["Novice", "Beginner", "Intermediate", "Advanced", "Expert"],
            Family::Number => &[],
        }
    }

    pub fn parse(s: &str) -> Option<Family> {
        match s
            .trim()
            .to_lowercase()
            .replace(['-', ' ', '_'], "")
            .as_str()
        {
            "rubric" | "rubric3" | "poormediocregreat" => Some(Family::Rubric3),
            "rubric4" | "poorfairgoodexcellent" => Some(Family::Rubric4),
            "proficiency" | "novicetoexpert" => Some(Family::Proficiency),
            "number" | "numbers" => Some(Family::Number),
            _ => None,
        }
    }
}

/// One rating as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rating {
    /// 1-based place on its scale.
    pub value: f64,
    /// `None` for a bare "Poor", which both rubrics share.
    pub family: Option<Family>,
    /// A number written with its scale (`3/5`, `3 of 5`).
    pub declared_points: Option<u32>,
}

/// The usual lengths of a numeric scale; an undeclared one is read as the
/// shortest of these that holds every rating of the column.
const USUAL_POINTS: [u32; 5] = [3, 4, 5, 7, 10];

fn label_value(word: &str) -> Option<(f64, Option<Family>)> {
    let w: String = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    let w = w.trim();
    // "Great answer", "Poor answer": the rubric's own wording.
    let w = w.strip_suffix(" answer").unwrap_or(w).trim();
    Some(match w {
        "poor" => (1.0, None),
        "mediocre" => (2.0, Some(Family::Rubric3)),
        "great" => (3.0, Some(Family::Rubric3)),
        "fair" => (2.0, Some(Family::Rubric4)),
        "good" => (3.0, Some(Family::Rubric4)),
        "excellent" => (4.0, Some(Family::Rubric4)),
        "novice" => (1.0, Some(Family::Proficiency)),
        "beginner" => (2.0, Some(Family::Proficiency)),
        "intermediate" => (3.0, Some(Family::Proficiency)),
        "advanced" => (4.0, Some(Family::Proficiency)),
        "expert" => (5.0, Some(Family::Proficiency)),
        _ => return None,
    })
}

fn number(s: &str, decimal_comma: bool) -> Option<f64> {
    let s = s.trim();
    let s = if decimal_comma {
        s.replace(',', ".")
    } else {
        s.to_string()
    };
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Reads one rating; `None` when it is not one Mentorscope knows.
pub fn parse_rating(raw: &str, decimal_comma: bool) -> Option<Rating> {
    let s = raw.trim();
    if let Some((v, family)) = label_value(s) {
        return Some(Rating {
            value: v,
            family,
            declared_points: None,
        });
    }
    if let Some(x) = number(s, decimal_comma) {
        return (x >= 1.0).then_some(Rating {
            value: x,
            family: Some(Family::Number),
            declared_points: None,
        });
    }
    let lower = s.to_lowercase();
    // "3/5", "3 of 5", "3 out of 5".
    for sep in ["/", " out of ", " of "] {
        if let Some((a, b)) = lower.split_once(sep) {
            let (Some(x), Some(k)) = (number(a, decimal_comma), number(b, false)) else {
                continue;
            };
            if k.fract() == 0.0 && (2.0..=100.0).contains(&k) && (1.0..=k).contains(&x) {
                return Some(Rating {
                    value: x,
                    family: Some(Family::Number),
                    declared_points: Some(k as u32),
                });
            }
        }
    }
    // "4 - Advanced", "3. Good": a form's numbered option; the label decides.
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < s.len() {
        let rest = rest.trim_start_matches(|c: char| {
            c == '-' || c == '.' || c == ')' || c == ':' || c.is_whitespace()
        });
        if let Some((v, family)) = label_value(rest) {
            return Some(Rating {
                value: v,
                family,
                declared_points: None,
            });
        }
    }
    None
}

/// A scale declared in a header: `API design (1-5)`, `(1–5)`, `[1 to 5]`,
/// `(out of 5)`.
pub fn declared_in_header(header: &str) -> Option<u32> {
    let open = header.rfind(['(', '['])?;
    let inner: String = header[open + 1..]
        .trim_end_matches([')', ']', ' '])
        .to_lowercase();
    let inner = inner.trim();
    let k = if let Some(rest) = inner.strip_prefix("out of") {
        rest.trim().parse::<u32>().ok()?
    } else {
        let parts: Vec<&str> = inner
            .split(['-', '–', '—'])
            .flat_map(|p| p.split(" to "))
            .map(str::trim)
            .collect();
        match parts.as_slice() {
            [a, b] if *a == "1" => b.parse::<u32>().ok()?,
            _ => return None,
        }
    };
    (2..=100).contains(&k).then_some(k)
}

/// The area's name without a declared scale: `API design (1-5)` → `API design`.
pub fn area_name(header: &str) -> String {
    match (header.rfind(['(', '[']), declared_in_header(header)) {
        (Some(i), Some(_)) => header[..i].trim().to_string(),
        _ => header.trim().to_string(),
    }
}

/// The scale every rating of one column (wide) or one area (long) is read on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub family: Family,
    pub points: u32,
}

impl Scale {
    /// `(x − 1)/(k − 1)`: the rating on 0–1 (METRICS.md M8).
    pub fn unit(self, value: f64) -> f64 {
        (value - 1.0) / (self.points as f64 - 1.0)
    }

    pub fn describe(self) -> String {
        match self.family {
            Family::Number => format!("numbers 1–{}", self.points),
            f => f.labels().join(" / "),
        }
    }

    /// Whether `r` belongs on this scale.
    pub fn admits(self, r: &Rating) -> bool {
        match (self.family, r.family) {
            (Family::Rubric3 | Family::Rubric4, None) => true,
            (f, Some(g)) if f == g => {
                f != Family::Number
                    || (r.value <= self.points as f64
                        && r.declared_points.is_none_or(|k| k == self.points))
            }
            _ => false,
        }
    }
}

/// Settles the scale of a group of ratings: the family of the first label
/// that says which (a lone "Poor" is the three-point rubric's), and for
/// numbers the declared length, else the shortest usual one holding the
/// largest rating. The second value says the length was inferred.
pub fn settle(ratings: &[Rating], declared: Option<u32>) -> Option<(Scale, bool)> {
    if ratings.is_empty() {
        return None;
    }
    let family = ratings
        .iter()
        .find_map(|r| r.family)
        .unwrap_or(Family::Rubric3);
    let points = match family {
        Family::Number => {
            let declared = declared.or_else(|| ratings.iter().find_map(|r| r.declared_points));
            if let Some(k) = declared {
                return Some((Scale { family, points: k }, false));
            }
            let max = ratings
                .iter()
                .filter(|r| r.family == Some(Family::Number))
                .map(|r| r.value)
                .fold(1.0f64, f64::max);
            let k = USUAL_POINTS
                .into_iter()
                .find(|&k| max <= k as f64)
                .unwrap_or(max.ceil() as u32);
            return Some((Scale { family, points: k }, true));
        }
        f => f.labels().len() as u32,
    };
    Some((Scale { family, points }, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Rating {
        parse_rating(s, false).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn labels_of_every_scale_are_read() {
        assert_eq!(r("Great").value, 3.0);
        assert_eq!(r("great answer").family, Some(Family::Rubric3));
        assert_eq!(r(" Mediocre ").value, 2.0);
        assert_eq!(r("Excellent").value, 4.0);
        assert_eq!(r("Fair").family, Some(Family::Rubric4));
        assert_eq!(r("Poor").family, None);
        assert_eq!(r("Intermediate").value, 3.0);
        assert_eq!(r("EXPERT").value, 5.0);
        assert_eq!(r("4 - Advanced").value, 4.0);
        assert_eq!(r("3").value, 3.0);
        assert_eq!(parse_rating("3,5", true).unwrap().value, 3.5);
        let x = r("4/7");
        assert_eq!((x.value, x.declared_points), (4.0, Some(7)));
        assert_eq!(r("2 out of 4").declared_points, Some(4));
        for bad in ["Meh", "0", "-1", "", "6/5", "Agree"] {
            assert_eq!(parse_rating(bad, false), None, "{bad}");
        }
    }

    #[test]
    fn scales_are_settled_per_group_and_put_on_zero_to_one() {
        let (s, inferred) = settle(&[r("Poor"), r("Good")], None).unwrap();
        assert_eq!((s.family, s.points, inferred), (Family::Rubric4, 4, false));
        assert!((s.unit(3.0) - 2.0 / 3.0).abs() < 1e-15);
        let (s, _) = settle(&[r("Poor")], None).unwrap();
        assert_eq!(s.points, 3);
        assert!(!s.admits(&r("Excellent")));
        let (s, inferred) = settle(&[r("2"), r("4")], None).unwrap();
        assert_eq!((s.points, inferred), (4, true));
        let (s, _) = settle(&[r("2"), r("6")], None).unwrap();
        assert_eq!(s.points, 7);
        let (s, inferred) = settle(&[r("2")], Some(5)).unwrap();
        assert_eq!((s.points, inferred), (5, false));
        assert!(!s.admits(&r("Great")));
        assert!(!s.admits(&r("6")));
    }

    #[test]
    fn a_scale_in_the_header_is_read_and_left_out_of_the_name() {
        assert_eq!(declared_in_header("API design (1-5)"), Some(5));
        assert_eq!(declared_in_header("Caching [1 to 4]"), Some(4));
        assert_eq!(declared_in_header("Queues (out of 10)"), Some(10));
        assert_eq!(declared_in_header("Observability (logs)"), None);
        assert_eq!(area_name("API design (1–5)"), "API design");
        assert_eq!(area_name("Observability (logs)"), "Observability (logs)");
    }
}
