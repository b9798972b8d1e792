//! Likert answer scales: which known set of labels a column's answers
//! come from, and each label's score.

/// A known answer scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelSet {
    pub name: &'static str,
    /// Labels in scale order (lowest first), normalised. Synonyms share a
    /// position through `aliases`.
    pub labels: &'static [&'static str],
    pub aliases: &'static [(&'static str, usize)],
}

pub const LABEL_SETS: &[LabelSet] = &[
    LabelSet {
        name: "agreement-5",
        labels: &[
            "strongly disagree",
            "disagree",
            "neither agree nor disagree",
            "agree",
            "strongly agree",
        ],
        aliases: &[
            ("neutral", 3),
            ("neither disagree nor agree", 3),
            ("somewhat disagree", 2),
            ("somewhat agree", 4),
            ("undecided", 3),
        ],
    },
    LabelSet {
        name: "agreement-7",
        labels: &[
            "strongly disagree",
            "disagree",
            "somewhat disagree",
            "neither agree nor disagree",
            "somewhat agree",
            "agree",
            "strongly agree",
        ],
        aliases: &[
            ("slightly disagree", 3),
            ("slightly agree", 5),
            ("neutral", 4),
            ("moderately disagree", 2),
            ("moderately agree", 6),
        ],
    },
    LabelSet {
        name: "satisfaction-5",
        labels: &[
            "very dissatisfied",
            "dissatisfied",
            "neither satisfied nor dissatisfied",
            "satisfied",
            "very satisfied",
        ],
        aliases: &[
            ("neutral", 3),
            ("neither dissatisfied nor satisfied", 3),
            ("somewhat dissatisfied", 2),
            ("somewhat satisfied", 4),
            ("extremely dissatisfied", 1),
            ("extremely satisfied", 5),
        ],
    },
    LabelSet {
        name: "satisfaction-7",
        labels: &[
            "extremely dissatisfied",
            "moderately dissatisfied",
            "slightly dissatisfied",
            "neither satisfied nor dissatisfied",
            "slightly satisfied",
            "moderately satisfied",
            "extremely satisfied",
        ],
        aliases: &[
            ("very dissatisfied", 1),
            ("very satisfied", 7),
            ("neutral", 4),
            ("somewhat dissatisfied", 3),
            ("somewhat satisfied", 5),
        ],
    },
    LabelSet {
        name: "frequency-5",
        labels: &["never", "rarely", "sometimes", "often", "always"],
        aliases: &[("very often", 4), ("occasionally", 3), ("usually", 4)],
    },
    LabelSet {
        name: "likelihood-5",
        labels: &[
            "very unlikely",
            "unlikely",
            "neither likely nor unlikely",
            "likely",
            "very likely",
        ],
        aliases: &[
            ("extremely unlikely", 1),
            ("extremely likely", 5),
            ("neutral", 3),
            ("somewhat unlikely", 2),
            ("somewhat likely", 4),
        ],
    },
    // Qualtrics' and SurveyMonkey's quality scale; the other common one
    // starts at "very poor" and has no "very good" (below), so "good" is
    // 3 in this one and 4 in that: which one a column is follows from the
    // labels it uses, and a column using only the shared ones reads as this.
    LabelSet {
        name: "quality-5",
        labels: &["poor", "fair", "good", "very good", "excellent"],
        aliases: &[],
    },
    LabelSet {
        name: "quality-5-from-very-poor",
        labels: &["very poor", "poor", "fair", "good", "excellent"],
        aliases: &[("average", 3)],
    },
    LabelSet {
        name: "importance-5",
        labels: &[
            "not at all important",
            "slightly important",
            "moderately important",
            "very important",
            "extremely important",
        ],
        aliases: &[("not important", 1), ("somewhat important", 3)],
    },
];

pub fn norm_label(s: &str) -> String {
    // "5 - Strongly agree" and "Strongly agree (5)" carry the label too.
    let lower = s.trim().to_lowercase();
    let stripped = lower
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || c == ' ' || c == '-' || c == '=' || c == '.' || c == ')'
        })
        .to_string();
    let stripped = match stripped.find('(') {
        Some(i) if i > 0 => stripped[..i].to_string(),
        _ => stripped,
    };
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl LabelSet {
    pub fn points(&self) -> usize {
        self.labels.len()
    }

    /// 1-based position of a label on this scale.
    pub fn value_of(&self, answer: &str) -> Option<usize> {
        let n = norm_label(answer);
        if let Some(i) = self.labels.iter().position(|l| *l == n) {
            return Some(i + 1);
        }
        self.aliases.iter().find(|(a, _)| *a == n).map(|(_, v)| *v)
    }
}

/// The label set that explains all of a column's distinct answers, preferring
/// the smallest scale (a 5-point column is also a subset of the 7-point one).
/// Returns the set and how many distinct answers it does not know.
pub fn best_label_set<'a>(
    distinct: impl Iterator<Item = &'a str> + Clone,
) -> Option<(LabelSet, usize)> {
    // Ranked by: fewest unknown answers, then most answers that are the
    // set's own labels (not aliases: "Agree" beside "Somewhat agree" means a
    // 7-point scale), then the smaller scale.
    type Rank = (usize, std::cmp::Reverse<usize>, usize);
    let mut best: Option<(LabelSet, Rank)> = None;
    for set in LABEL_SETS {
        let (mut known, mut direct, mut unknown) = (0usize, 0usize, 0usize);
        for a in distinct.clone() {
            let n = norm_label(a);
            if set.labels.contains(&n.as_str()) {
                direct += 1;
                known += 1;
            } else if set.value_of(a).is_some() {
                known += 1;
            } else {
                unknown += 1;
            }
        }
        // Most of the distinct answers must be labels of the set. A column
        // where everyone gave the same answer is still a scale if that
        // answer is one of its labels.
        if (known >= 2 && known > unknown * 2) || (known == 1 && unknown == 0) {
            let key = (unknown, std::cmp::Reverse(direct), set.points());
            if best.as_ref().is_none_or(|(_, k)| key < *k) {
                best = Some((*set, key));
            }
        }
    }
    best.map(|(s, (u, _, _))| (s, u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likert_labels_pick_the_smallest_scale_that_fits() {
        let answers = [
            "Strongly agree",
            "Agree",
            "disagree ",
            "Neither agree nor disagree",
        ];
        let (set, unknown) = best_label_set(answers.iter().copied()).unwrap();
        assert_eq!(set.name, "agreement-5");
        assert_eq!(unknown, 0);
        assert_eq!(set.value_of("strongly AGREE"), Some(5));
        let seven = [
            "Somewhat agree",
            "Agree",
            "Strongly disagree",
            "Somewhat disagree",
        ];
        assert_eq!(
            best_label_set(seven.iter().copied()).unwrap().0.name,
            "agreement-7"
        );
        assert!(best_label_set(["Yes", "No"].iter().copied()).is_none());
        assert_eq!(
            best_label_set(["Agree"].iter().copied()).unwrap().0.name,
            "agreement-5"
        );
    }

    /// "Good" is level 3 of Qualtrics' quality scale and level 4 of the one
    /// that starts at "very poor": the column's own labels decide.

    #[test]
    fn quality_and_importance_answers_are_read_on_their_own_scales() {
        let pick = |a: &[&str]| best_label_set(a.iter().copied()).unwrap().0;
        let q = pick(&["Excellent", "Very good", "Good", "Fair", "Poor"]);
        assert_eq!(q.name, "quality-5");
        assert_eq!(q.value_of("Good"), Some(3));
        assert_eq!(q.value_of("very good"), Some(4));
        let q = pick(&["Very poor", "Poor", "Good", "Excellent"]);
        assert_eq!(q.name, "quality-5-from-very-poor");
        assert_eq!(q.value_of("Good"), Some(4));
        assert_eq!(q.value_of("Very poor"), Some(1));
        assert_eq!(pick(&["Poor", "Fair", "Good"]).name, "quality-5");
        let i = pick(&[
            "Not at all important",
            "Very important",
            "Extremely important",
        ]);
        assert_eq!(i.name, "importance-5");
        assert_eq!(i.value_of("Moderately important"), Some(3));
        assert_eq!(i.value_of("Not important"), Some(1));
    }
}
