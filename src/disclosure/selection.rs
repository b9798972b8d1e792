//! Which respondents a figure covers, as constraints a reader can set or
//! drop: a team, a level, a cohort filter (its mentors and mentees), and
//! the breakdown rows (mentees of a cohort, of a format). Values are
//! interned numbers; the census names them.

/// A conjunction of constraints; the empty selection is the whole program.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Selection {
    pub team: Option<u32>,
    pub level: Option<u32>,
    /// Mentor or mentee in a pairing of each of these cohorts (the cohort
    /// filter).
    pub cohorts: Vec<u32>,
    /// Mentee of a pairing of each of these cohorts (a cohort row).
    pub mentee_cohorts: Vec<u32>,
    /// Mentee of a pairing of each of these formats (a format row).
    pub mentee_formats: Vec<u32>,
}

/// A unit's place in every dimension: what the selections test.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Signature {
    /// Anonymous responses can be placed in no team or cohort: any
    /// constraint leaves them out, as the analysis does.
    pub anonymous: bool,
    pub team: Option<u32>,
    pub level: Option<u32>,
    pub cohorts: Vec<u32>,
    pub mentee_cohorts: Vec<u32>,
    pub mentee_formats: Vec<u32>,
}

/// One constraint, for listing and dropping them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Constraint {
    Team(u32),
    Level(u32),
    Cohort(u32),
    MenteeCohort(u32),
    MenteeFormat(u32),
}

impl Selection {
    pub fn is_whole_program(&self) -> bool {
        self.constraints().is_empty()
    }

    pub(crate) fn constraints(&self) -> Vec<Constraint> {
        let mut out = Vec::new();
        out.extend(self.team.map(Constraint::Team));
        out.extend(self.level.map(Constraint::Level));
        out.extend(self.cohorts.iter().map(|c| Constraint::Cohort(*c)));
        out.extend(
            self.mentee_cohorts
                .iter()
                .map(|c| Constraint::MenteeCohort(*c)),
        );
        out.extend(
            self.mentee_formats
                .iter()
                .map(|c| Constraint::MenteeFormat(*c)),
        );
        out
    }

    fn from_constraints(cs: &[Constraint]) -> Selection {
        let mut s = Selection::default();
        for c in cs {
            match *c {
                Constraint::Team(v) => s.team = Some(v),
                Constraint::Level(v) => s.level = Some(v),
                Constraint::Cohort(v) => s.cohorts.push(v),
                Constraint::MenteeCohort(v) => s.mentee_cohorts.push(v),
                Constraint::MenteeFormat(v) => s.mentee_formats.push(v),
            }
        }
        s.normalise();
        s
    }

    fn normalise(&mut self) {
        for v in [
            &mut self.cohorts,
            &mut self.mentee_cohorts,
            &mut self.mentee_formats,
        ] {
            v.sort_unstable();
            v.dedup();
        }
    }

    /// Every wider selection a reader can open by dropping one or more of
    /// this one's constraints, the whole program included; not itself.
    pub(crate) fn ancestors(&self) -> Vec<Selection> {
        let cs = self.constraints();
        let n = cs.len();
        // Constraints are few (a filter per dimension and a breakdown row),
        // so the 2ⁿ − 1 proper subsets are few too.
        (0..(1u32 << n) - 1)
            .map(|mask| {
                let kept: Vec<Constraint> = (0..n)
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| cs[i])
                    .collect();
                Selection::from_constraints(&kept)
            })
            .collect()
    }

    /// The dimensions this selection constrains, with their values (one
    /// value per dimension; a conjunction of two cohorts has no table).
    pub(crate) fn dims(&self) -> Option<Vec<(Dimension, u32)>> {
        let mut out = Vec::new();
        out.extend(self.team.map(|v| (Dimension::Team, v)));
        out.extend(self.level.map(|v| (Dimension::Level, v)));
        for (dim, vals) in [
            (Dimension::Cohort, &self.cohorts),
            (Dimension::MenteeCohort, &self.mentee_cohorts),
            (Dimension::MenteeFormat, &self.mentee_formats),
        ] {
            match vals.as_slice() {
                [] => {}
                [v] => out.push((dim, *v)),
                _ => return None,
            }
        }
        Some(out)
    }

    /// The selection with `dim` set to `value` (or dropped with `None`).
    pub(crate) fn with(&self, dim: Dimension, value: Option<u32>) -> Selection {
        let mut s = self.clone();
        match dim {
            Dimension::Team => s.team = value,
            Dimension::Level => s.level = value,
            Dimension::Cohort => s.cohorts = value.into_iter().collect(),
            Dimension::MenteeCohort => s.mentee_cohorts = value.into_iter().collect(),
            Dimension::MenteeFormat => s.mentee_formats = value.into_iter().collect(),
        }
        s
    }

    /// Both selections at once, or `None` when they exclude each other
    /// (two different teams).
    pub(crate) fn and(&self, other: &Selection) -> Option<Selection> {
        let one = |a: Option<u32>, b: Option<u32>| -> Option<Option<u32>> {
            match (a, b) {
                (Some(x), Some(y)) if x != y => None,
                (x, y) => Some(x.or(y)),
            }
        };
        let mut s = Selection {
            team: one(self.team, other.team)?,
            level: one(self.level, other.level)?,
            cohorts: [self.cohorts.clone(), other.cohorts.clone()].concat(),
            mentee_cohorts: [self.mentee_cohorts.clone(), other.mentee_cohorts.clone()].concat(),
            mentee_formats: [self.mentee_formats.clone(), other.mentee_formats.clone()].concat(),
        };
        s.normalise();
        Some(s)
    }

    pub(crate) fn matches(&self, sig: &Signature) -> bool {
        if self.is_whole_program() {
            return true;
        }
        if sig.anonymous {
            return false;
        }
        let all_in =
            |need: &[u32], have: &[u32]| need.iter().all(|v| have.binary_search(v).is_ok());
        self.team.is_none_or(|t| sig.team == Some(t))
            && self.level.is_none_or(|l| sig.level == Some(l))
            && all_in(&self.cohorts, &sig.cohorts)
            && all_in(&self.mentee_cohorts, &sig.mentee_cohorts)
            && all_in(&self.mentee_formats, &sig.mentee_formats)
    }
}

/// The dimensions a selection can constrain. Team and level split every
/// group into disjoint parts; a person can be in several cohorts (as mentor
/// and mentee, or re-paired), so cohorts overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Dimension {
    Team,
    Level,
    Cohort,
    MenteeCohort,
    MenteeFormat,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_drop_every_subset_of_constraints() {
        let s = Selection {
            team: Some(1),
            level: Some(2),
            mentee_cohorts: vec![4],
            ..Default::default()
        };
        let a = s.ancestors();
        assert_eq!(a.len(), 7);
        assert!(a.contains(&Selection::default()));
        assert!(a.contains(&Selection {
            team: Some(1),
            level: Some(2),
            ..Default::default()
        }));
        assert!(!a.contains(&s));
    }

    #[test]
    fn two_teams_exclude_each_other() {
        let a = Selection {
            team: Some(1),
            ..Default::default()
        };
        let b = Selection {
            team: Some(2),
            ..Default::default()
        };
        assert_eq!(a.and(&b), None);
        let c = Selection {
            level: Some(3),
            ..Default::default()
        };
        assert_eq!(
            a.and(&c),
            Some(Selection {
                team: Some(1),
                level: Some(3),
                ..Default::default()
            })
        );
    }

    #[test]
    fn anonymous_units_are_only_in_the_whole_program() {
        let anon = Signature {
            anonymous: true,
            ..Default::default()
        };
        assert!(Selection::default().matches(&anon));
        assert!(!Selection {
            level: Some(1),
            ..Default::default()
        }
        .matches(&anon));
    }
}
