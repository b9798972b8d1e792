//! What the filters (cohort, team, level, date range) let into every
//! comparison: the people, the pairings, the mentees and the days. Built
//! once per analysis and read by each comparison, so they all agree on
//! who is in scope.

use foldhash::HashSet;

use super::frames::{day_number, Id, ProgramData};
use super::AnalysisOptions;

/// Who and what the filters let in.
pub(crate) struct Scope {
    /// People allowed by team/level (None = everyone, incl. people not on
    /// the roster).
    pub(crate) people: Option<HashSet<Id>>,
    /// Pairings (indexes) allowed by cohort and people.
    pub(crate) pairings: Vec<usize>,
    /// With a cohort filter, only people in a pairing of that cohort count.
    pub(crate) cohort_people: Option<HashSet<Id>>,
    pub(crate) mentees: HashSet<Id>,
    pub(crate) from: Option<i32>,
    pub(crate) to: Option<i32>,
}

impl Scope {
    pub(crate) fn new(data: &ProgramData, opts: &AnalysisOptions) -> Scope {
        let people = (opts.team.is_some() || opts.level.is_some()).then(|| {
            data.people
                .iter()
                .filter(|p| {
                    opts.team
                        .as_ref()
                        .is_none_or(|t| p.team.as_ref() == Some(t))
                })
                .filter(|p| {
                    opts.level
                        .as_ref()
                        .is_none_or(|l| p.level.as_ref() == Some(l))
                })
                .map(|p| p.id)
                .collect::<HashSet<_>>()
        });
        let pairings: Vec<usize> = data
            .pairings
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                opts.cohort
                    .as_ref()
                    .is_none_or(|c| p.cohort.as_ref() == Some(c))
            })
            .filter(|(_, p)| people.as_ref().is_none_or(|s| s.contains(&p.mentee)))
            .map(|(i, _)| i)
            .collect();
        let cohort_people = opts.cohort.as_ref().map(|_| {
            pairings
                .iter()
                .flat_map(|&i| [data.pairings[i].mentor, data.pairings[i].mentee])
                .collect()
        });
        let mentees = pairings.iter().map(|&i| data.pairings[i].mentee).collect();
        Scope {
            people,
            pairings,
            cohort_people,
            mentees,
            from: opts.date_from.map(day_number),
            to: opts.date_to.map(day_number),
        }
    }

    pub(crate) fn person_in(&self, id: Id) -> bool {
        self.people.as_ref().is_none_or(|s| s.contains(&id))
            && self.cohort_people.as_ref().is_none_or(|s| s.contains(&id))
    }

    /// Whether a survey wave is in the date range: whole waves only, by
    /// their median submission day (a wave without dates is always in).
    pub(crate) fn wave_in(&self, data: &ProgramData, wave: &str) -> bool {
        data.waves
            .iter()
            .position(|w| w == wave)
            .and_then(|i| data.wave_median_day.get(i).copied().flatten())
            .is_none_or(|d| self.day_in(d))
    }

    /// The default before and after survey waves: the first and the last
    /// wave in time order that the date range lets in (METRICS.md, Survey
    /// waves). A range that leaves out the first or last wave moves the
    /// default inward rather than comparing a wave with no responses.
    pub(crate) fn default_waves(&self, data: &ProgramData) -> (Option<String>, Option<String>) {
        let mut inside = data.waves.iter().filter(|w| self.wave_in(data, w));
        let first = inside.next().cloned();
        let last = inside.next_back().cloned().or_else(|| first.clone());
        (first, last)
    }

    pub(crate) fn day_in(&self, day: i32) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}
