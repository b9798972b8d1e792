//! `report --redact-names`: a pack for readers beyond the program team,
//! with every person named in it (quiet pairings, the pair-engagement
//! chart) replaced by a pseudonym. Pseudonyms are `Person A`, `Person B`, …
//! in the order of the people's identities, so the same data always gives
//! the same pseudonyms, and they carry nothing that could be looked up
//! (no hash of an e-mail address a reader could recompute).

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::Analysis;
use crate::charts::ChartExtras;

/// `A`, `B`, … `Z`, `AA`, `AB` …
fn letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Replaces every person's name in the analysis and the chart inputs.
pub(super) fn apply(a: &mut Analysis, extras: &mut ChartExtras) {
    let mut people: BTreeSet<String> = BTreeSet::new();
    for q in &a.engagement.quiet_pairs {
        people.insert(q.mentor.clone());
        people.insert(q.mentee.clone());
    }
    for p in &extras.active_pairs {
        people.insert(p.mentor.clone());
        people.insert(p.mentee.clone());
    }
    let alias: BTreeMap<String, String> = people
        .into_iter()
        .enumerate()
        .map(|(i, p)| (p, format!("Person {}", letters(i))))
        .collect();
    let rename = |s: &mut String| {
        if let Some(n) = alias.get(s.as_str()) {
            *s = n.clone();
        }
    };
    for q in &mut a.engagement.quiet_pairs {
        rename(&mut q.mentor);
        rename(&mut q.mentee);
    }
    for p in &mut extras.active_pairs {
        rename(&mut p.mentor);
        rename(&mut p.mentee);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_run_on_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(26 + 26 * 26), "AAA");
    }
}
