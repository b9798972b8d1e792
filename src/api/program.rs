//! One loaded program: the analysis frames, the roster's display names, the
//! chart footers' sources, and the last analysis (memoised by its options,
//! so switching views with the same filters does not recompute).

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analysis::frames::{from_day_number, Id, ProgramData};
use crate::analysis::{analyze_data, Analysis, AnalysisOptions};
use crate::charts::ChartContext;
use crate::error::Result;
use crate::store::Store;

/// The roster fields the analysis frames do not keep.
#[derive(Debug, Clone)]
pub(crate) struct RosterEntry {
    pub person_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

pub struct Program {
    pub data: ProgramData,
    /// The store's data generation when the program was read (read first,
    /// so a change made while reading leaves it older, never newer).
    pub generation: i64,
    pub ctx: ChartContext,
    pub(crate) roster: Vec<RosterEntry>,
    /// person_id → index into `roster`.
    roster_index: HashMap<String, usize>,
    memo: Mutex<Option<(String, Arc<Analysis>)>>,
}

/// What the filters can be set to, from the data.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
pub struct FilterChoices {
    pub cohorts: Vec<String>,
    pub teams: Vec<String>,
    pub levels: Vec<String>,
    /// Survey waves in time order.
    pub waves: Vec<String>,
    /// Skill-assessment waves in time order (M8).
    pub skill_waves: Vec<String>,
    pub milestone_kinds: Vec<String>,
    /// The earliest and latest dates in the data (bounds for date pickers).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Filter values that, with the other filters as chosen, would leave
    /// survey figures hidden to protect respondents: the window greys them
    /// out on the survey views, with the reason.
    pub survey_hidden: Vec<HiddenFilter>,
}

/// One filter value under which survey figures would be hidden.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct HiddenFilter {
    /// `cohort`, `team` or `level`.
    pub dimension: String,
    pub value: String,
    /// Why, in one line ("fewer than 5 survey respondents with this filter").
    pub reason: String,
}

impl Program {
    /// Reads everything the views need from the store.
    pub fn load(store: &Store) -> Result<Program> {
        let generation = store.generation()?;
        let data = ProgramData::load(store)?;
        let ctx = ChartContext {
            sources: crate::report::sources(store)?,
        };
        let mut roster = Vec::new();
        {
            let mut stmt = store.conn().prepare(
                "SELECT p.person_id, p.name, p.email
                 FROM people p JOIN (SELECT person_id, MAX(import_id) AS latest FROM people GROUP BY person_id) l
                   ON l.person_id = p.person_id AND l.latest = p.import_id
                 ORDER BY p.person_id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(RosterEntry {
                    person_id: r.get(0)?,
                    name: r.get(1)?,
                    email: r.get(2)?,
                })
            })?;
            for r in rows {
                roster.push(r?);
            }
        }
        let roster_index = roster
            .iter()
            .enumerate()
            .map(|(i, r)| (r.person_id.clone(), i))
            .collect();
        Ok(Program {
            data,
            generation,
            ctx,
            roster,
            roster_index,
            memo: Mutex::new(None),
        })
    }

    /// The analysis for these options, computed once per distinct options.
    pub fn analysis(&self, opts: &AnalysisOptions) -> Result<Arc<Analysis>> {
        let key = serde_json::to_string(opts).unwrap_or_default();
        if let Ok(memo) = self.memo.lock() {
            if let Some((k, a)) = memo.as_ref() {
                if *k == key {
                    return Ok(Arc::clone(a));
                }
            }
        }
        let a = Arc::new(analyze_data(&self.data, opts)?);
        if let Ok(mut memo) = self.memo.lock() {
            *memo = Some((key, Arc::clone(&a)));
        }
        Ok(a)
    }

    pub(crate) fn roster_entry(&self, id: Id) -> Option<&RosterEntry> {
        let ident = self.data.names.get(id as usize)?;
        self.roster_index.get(ident).map(|&i| &self.roster[i])
    }

    /// The name a person is shown by: the roster's name, else their ID or
    /// e-mail as the files spelled it.
    pub(crate) fn display_name(&self, id: Id) -> String {
        match self.roster_entry(id) {
            Some(RosterEntry { name: Some(n), .. }) if !n.trim().is_empty() => n.clone(),
            _ => self
                .data
                .names
                .get(id as usize)
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// What the filters can be set to; `opts` are the filters as chosen,
    /// against which each other value is checked for disclosure.
    pub fn choices(&self, opts: &AnalysisOptions) -> FilterChoices {
        let d = &self.data;
        let sorted = |it: &mut dyn Iterator<Item = &Option<String>>| -> Vec<String> {
            it.flatten()
                .filter(|s| !s.trim().is_empty())
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let mut first = None;
        let mut last = d.latest_date();
        for day in d
            .people
            .iter()
            .filter_map(|p| p.hire)
            .chain(d.pairings.iter().filter_map(|p| p.start))
            .chain(d.meetings.iter().map(|m| m.day))
            .chain(d.team_weeks.iter().map(|t| t.day))
        {
            first = Some(first.map_or(day, |f: i32| f.min(day)));
        }
        if first.is_some() && last.is_none() {
            last = first;
        }
        FilterChoices {
            cohorts: sorted(&mut d.pairings.iter().map(|p| &p.cohort)),
            teams: sorted(&mut d.people.iter().map(|p| &p.team)),
            levels: sorted(&mut d.people.iter().map(|p| &p.level)),
            waves: d.waves.clone(),
            skill_waves: crate::analysis::skill_wave_order(&d.skills),
            milestone_kinds: d
                .milestones
                .iter()
                .map(|m| m.kind.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            first_date: first.map(|f| from_day_number(f).to_string()),
            last_date: last.map(|l| from_day_number(l).to_string()),
            survey_hidden: crate::analysis::filter_values(d, opts)
                .unwrap_or_default()
                .into_iter()
                .filter(|f| !f.available)
                .map(|f| HiddenFilter {
                    dimension: f.dimension,
                    value: f.value,
                    reason: f.reason.unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// Pairings (indexes into `data.pairings`) that the cohort, team and
    /// level filters let in. The same rule as the analysis's scope: the
    /// cohort must match, and team and level are the mentee's.
    pub(crate) fn pairings_in_scope(&self, opts: &AnalysisOptions) -> Vec<usize> {
        crate::analysis::Scope::new(&self.data, opts).pairings
    }
}
