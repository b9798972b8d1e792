//! The engagement summary (M5): descriptive, no test.

use super::{thousands, verdict};
use crate::analysis::{Analysis, Verdict};

pub(super) fn engagement(a: &Analysis) -> Verdict {
    let e = &a.engagement;
    if e.pairs == 0 && e.meetings == 0 {
        return verdict(
            "no_data",
            "Import the pairing sheet and meeting log to see engagement.".into(),
            vec![],
        );
    }
    let mut caveats = Vec::new();
    let quiet = e.active_pairs.saturating_sub(e.active_pairs_met_last_30d);
    if quiet > 0 {
        caveats.push(format!(
            "{} active pairings have not met in the last 30 days; they may need a nudge.",
            thousands(quiet)
        ));
    }
    let headline = format!(
        "{} meetings ({} hours) across {} pairings, {} per pairing; {} of {} active pairings met in the last 30 days.",
        thousands(e.meetings),
        thousands(e.hours.round() as usize),
        thousands(e.pairs),
        e.meetings_per_pair.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into()),
        thousands(e.active_pairs_met_last_30d),
        thousands(e.active_pairs)
    );
    verdict("descriptive", headline, caveats)
}
