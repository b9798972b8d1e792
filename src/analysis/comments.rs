//! M9, comments: what people wrote in the surveys' free-text questions,
//! before vs after. Per wave, the terms most people used; between the
//! waves, the terms most distinctive of each by the weighted log-odds ratio
//! with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008),
//! as z-scores; and a few quotes.
//!
//! Choices docs/METRICS.md leaves open, as made here:
//! - a *comment* is one respondent's free text in a wave: every text answer
//!   of their latest response that has one (a person who answered twice
//!   counts once, as everywhere else); anonymous responses are each their
//!   own respondent and, as in M1, fall out under any team, level or
//!   cohort filter;
//! - a term counts once per comment (how many comments use it), so one
//!   10,000-character answer cannot outvote nine short ones, and both the
//!   top terms and the log-odds use these counts;
//! - the prior is the counts over the comments of both waves compared
//!   (α_w = y_w,before + y_w,after, α₀ = Σ α_w);
//! - a term is listed only when at least [`MIN_TERM_COMMENTS`] comments use
//!   it, so a word only one person wrote (a name, a project) is not shown.
//!
//! Whether a wave's comments may be published is decided by `disclosure`
//! (the comment threshold with the lattice rules), through
//! `analysis::privacy`; this module computes, `privacy` blanks. It never
//! logs a comment, and quotes carry no name and only the month.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use sha2::Digest;
use unicode_segmentation::UnicodeSegmentation;

use super::frames::{from_day_number, Id, ProgramData};
use super::scope::Scope;
use crate::text::{self, Surfaces, Term};

/// A term is listed only when at least this many comments use it.
pub const MIN_TERM_COMMENTS: u64 = 3;
/// How many terms each list holds.
const TOP: usize = 10;
/// Quotes per wave.
const QUOTES: usize = 3;
/// A quote longer than this many characters is cut (at a character
/// boundary) and ends with "…".
const QUOTE_CHARS: usize = 300;
/// |z| a distinctive term must reach (two-sided 5%).
const Z_LISTED: f64 = 1.959_963_984_540_054;

/// One wave's comments.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct CommentWave {
    pub wave: String,
    /// How many people's comments are analysed; `null` when hidden.
    pub n: Option<usize>,
    /// `[term, comments using it]`, most used first.
    pub top_terms: Option<Vec<(String, u64)>>,
    /// A few comments, in a seeded random order, with their month only.
    pub quotes: Vec<Quote>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quote {
    pub text: String,
    /// `YYYY-MM`, or `null` when the export had no submission date.
    pub month: Option<String>,
}

/// The terms most distinctive of each wave: `[term, z]`, where z > 0 means
/// more typical of the after wave; before's list has the most negative z
/// first.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Distinctive {
    pub before: Vec<(String, f64)>,
    pub after: Vec<(String, f64)>,
}

/// M9 in `analyze --json` (`comments`).
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Comments {
    /// The comment threshold used (k_comments).
    pub min_comments: usize,
    pub before: Option<CommentWave>,
    pub after: Option<CommentWave>,
    /// Shown only when both waves are.
    pub distinctive: Option<Distinctive>,
    /// What mentoring meetings' notes talk about; `null` when no meeting
    /// has notes.
    pub meeting_notes: Option<MeetingNotes>,
    /// True when anything above is hidden by the comment threshold or the
    /// other disclosure rules.
    pub suppressed: bool,
}

/// M9 for meeting notes. A pairing is the unit (as a respondent is for
/// survey comments): a term counts once per pairing that used it in any
/// note, so one talkative pair cannot outvote the rest. `distinctive`
/// compares notes written later in a pairing with those of its first
/// [`EARLY_DAYS`] days (from its first meeting): `after` holds the terms
/// more typical later, `before` those more typical early on.
///
/// Shown for the whole program only: notes are not anonymous the way
/// survey answers are, and a team's or cohort's notes next to the whole
/// program's would let a reader subtract a few pairings' words. Never
/// quoted.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct MeetingNotes {
    /// Pairings with at least one note; `null` when hidden.
    pub pairings: Option<usize>,
    /// Notes analysed; `null` when hidden.
    pub notes: Option<usize>,
    /// `[term, pairings using it]`, most used first.
    pub top_terms: Option<Vec<(String, u64)>>,
    /// Later in a pairing vs its first weeks; needs both sides to pass the
    /// comment threshold.
    pub distinctive: Option<Distinctive>,
    /// Why nothing is shown, when it is not.
    pub hidden_reason: Option<String>,
}

/// A note written within this many days of a pairing's first meeting
/// counts as early in the pairing.
pub const EARLY_DAYS: i32 = 90;

/// One term's weighted log-odds (after vs before).
#[derive(Debug, Clone, PartialEq)]
pub struct LogOdds {
    pub term: Term,
    /// Comments using the term, before and after.
    pub before: u64,
    pub after: u64,
    pub delta: f64,
    pub z: f64,
}

/// The weighted log-odds ratio with an informative Dirichlet prior
/// (Monroe, Colaresi & Quinn 2008, eq. 16 and 19 with α_w = `prior`):
/// δ_w = log((y_a + α_w)/(n_a + α₀ − y_a − α_w)) − log((y_b + α_w)/(n_b + α₀ − y_b − α_w)),
/// σ² ≈ 1/(y_a + α_w) + 1/(y_b + α_w), z = δ/σ. Terms in key order.
pub fn weighted_log_odds(
    before: &BTreeMap<Term, u64>,
    after: &BTreeMap<Term, u64>,
    prior: &BTreeMap<Term, u64>,
) -> Vec<LogOdds> {
    let n_b: f64 = before.values().sum::<u64>() as f64;
    let n_a: f64 = after.values().sum::<u64>() as f64;
    let a0: f64 = prior.values().sum::<u64>() as f64;
    prior
        .iter()
        .filter(|(_, &a)| a > 0)
        .map(|(term, &alpha)| {
            let alpha = alpha as f64;
            let y_b = before.get(term).copied().unwrap_or(0) as f64;
            let y_a = after.get(term).copied().unwrap_or(0) as f64;
            let lo = |y: f64, n: f64| ((y + alpha) / (n + a0 - y - alpha)).ln();
            let delta = lo(y_a, n_a) - lo(y_b, n_b);
            let var = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha);
            LogOdds {
                term: term.clone(),
                before: y_b as u64,
                after: y_a as u64,
                delta,
                z: delta / var.sqrt(),
            }
        })
        .collect()
}

/// One respondent's comment in one wave.
struct Comment {
    texts: Vec<String>,
    day: Option<i32>,
    /// For the quotes' seeded order: stable for the same database.
    key: i64,
}

/// The comments of one wave in scope: one per respondent (their latest
/// response with any free text).
fn wave_comments(data: &ProgramData, scope: &Scope, wave: &str) -> Vec<Comment> {
    if !scope.wave_in(data, wave) {
        return Vec::new();
    }
    let mut texts: HashMap<i64, Vec<String>> = HashMap::new();
    for c in &data.comments {
        texts.entry(c.response_id).or_default().push(c.text.clone());
    }
    // respondent (or the anonymous response) → (submitted, response id)
    let mut latest: BTreeMap<(Option<Id>, i64), (i64, i64)> = BTreeMap::new();
    for r in data.responses.iter().filter(|r| r.wave == wave) {
        if !texts.contains_key(&r.id) {
            continue;
        }
        let inside = match r.respondent {
            Some(p) => scope.person_in(p),
            None => scope.people.is_none() && scope.cohort_people.is_none(),
        };
        if !inside {
            continue;
        }
        let who = match r.respondent {
            Some(p) => (Some(p), 0),
            None => (None, r.id),
        };
        let stamp = r.submitted.unwrap_or(i64::MIN);
        let e = latest.entry(who).or_insert((stamp, r.id));
        if (stamp, r.id) > *e {
            *e = (stamp, r.id);
        }
    }
    let submitted: HashMap<i64, Option<i64>> =
        data.responses.iter().map(|r| (r.id, r.submitted)).collect();
    latest
        .values()
        .map(|&(_, id)| Comment {
            texts: texts.remove(&id).unwrap_or_default(),
            day: submitted
                .get(&id)
                .copied()
                .flatten()
                .map(|s| s.div_euclid(86_400) as i32),
            key: id,
        })
        .collect()
}

/// Each term's count of comments using it, with the words seen.
fn count_terms(
    comments: &[Comment],
    names: &HashSet<String>,
    surfaces: &mut Surfaces,
) -> BTreeMap<Term, u64> {
    let mut counts: BTreeMap<Term, u64> = BTreeMap::new();
    for c in comments {
        let mut seen: Vec<Term> = Vec::new();
        for t in &c.texts {
            let words = text::words_without_names(t, names);
            surfaces.add(&words);
            seen.extend(text::terms(&words));
        }
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *counts.entry(t).or_default() += 1;
        }
    }
    counts
}

fn top_terms(counts: &BTreeMap<Term, u64>, surfaces: &Surfaces) -> Vec<(String, u64)> {
    let mut v: Vec<(&Term, u64)> = counts
        .iter()
        .filter(|(_, &n)| n >= MIN_TERM_COMMENTS)
        .map(|(t, &n)| (t, n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter()
        .take(TOP)
        .map(|(t, n)| (surfaces.show(t), n))
        .collect()
}

/// Characters that steer how text is laid out rather than being text:
/// controls (a terminal would obey an escape sequence) and the bidi
/// embeddings, overrides and isolates (which can make a line read in
/// another order than it is stored). Right-to-left letters themselves stay.
fn is_steering(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A quote with every capitalised roster name, and every space-separated
/// piece with an `@` (an e-mail address, an @mention), replaced by
/// "[name]".
fn redact(text: &str, names: &HashSet<String>) -> String {
    text.split_whitespace()
        .map(|piece| {
            if piece.contains('@') {
                return "[name]".to_string();
            }
            piece
                .split_word_bounds()
                .map(|seg| {
                    if text::is_name(seg, names) {
                        "[name]"
                    } else {
                        seg
                    }
                })
                .collect()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A quote as shown: one line (steering characters and line breaks become
/// spaces, runs of spaces one), cut at a grapheme boundary. Never markup:
/// every output writes it as text.
fn quote_text(texts: &[String]) -> String {
    let joined: String = texts
        .join(" / ")
        .chars()
        .map(|c| if is_steering(c) { ' ' } else { c })
        .collect();
    let trimmed = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    let graphemes: Vec<&str> = trimmed.graphemes(true).collect();
    if graphemes.len() <= QUOTE_CHARS {
        return trimmed;
    }
    let mut out: String = graphemes[..QUOTE_CHARS].concat();
    out.push('…');
    out
}

/// A seeded pseudo-random order (the same database gives the same quotes):
/// by the SHA-256 of a fixed seed, the wave and the response's key.
fn quotes(comments: &[Comment], wave: &str, names: &HashSet<String>) -> Vec<Quote> {
    let mut order: Vec<([u8; 32], &Comment)> = comments
        .iter()
        // A quote says something: at least three words that are not stop
        // words.
        .filter(|c| {
            c.texts
                .iter()
                .map(|t| text::words_without_names(t, names).len())
                .sum::<usize>()
                >= 3
        })
        .map(|c| {
            let h =
                sha2::Sha256::digest(format!("mentorscope-quotes-v1\u{1f}{wave}\u{1f}{}", c.key));
            (h.into(), c)
        })
        .collect();
    order.sort_by_key(|a| a.0);
    order
        .into_iter()
        .take(QUOTES)
        .map(|(_, c)| Quote {
            text: quote_text(&c.texts.iter().map(|t| redact(t, names)).collect::<Vec<_>>()),
            month: c
                .day
                .map(|d| from_day_number(d).format("%Y-%m").to_string()),
        })
        .collect()
}

/// The notes as "comments" (one per pairing): all of them, and those of
/// the first [`EARLY_DAYS`] of each pairing and after.
struct NoteSides {
    all: Vec<Comment>,
    early: Vec<Comment>,
    later: Vec<Comment>,
}

fn note_sides(data: &ProgramData) -> NoteSides {
    let key = |m: &super::frames::Meeting| super::engagement::pair_key(m.mentor, m.mentee);
    let mut first: HashMap<u64, i32> = HashMap::new();
    for m in &data.meetings {
        let e = first.entry(key(m)).or_insert(m.day);
        *e = (*e).min(m.day);
    }
    type ByPair = BTreeMap<u64, Vec<String>>;
    let (mut all, mut early, mut later): (ByPair, ByPair, ByPair) = Default::default();
    for (i, text) in &data.meeting_notes {
        let Some(m) = data.meetings.get(*i as usize) else {
            continue;
        };
        let k = key(m);
        all.entry(k).or_default().push(text.clone());
        let start = first.get(&k).copied().unwrap_or(m.day);
        let side = if m.day - start < EARLY_DAYS {
            &mut early
        } else {
            &mut later
        };
        side.entry(k).or_default().push(text.clone());
    }
    let as_comments = |by: ByPair| -> Vec<Comment> {
        by.into_iter()
            .map(|(k, texts)| Comment {
                texts,
                day: None,
                key: k as i64,
            })
            .collect()
    };
    NoteSides {
        all: as_comments(all),
        early: as_comments(early),
        later: as_comments(later),
    }
}

/// The whole table behind the meeting notes' `distinctive` (later in a
/// pairing vs its first weeks), every term with its counts: for checking
/// against an independent computation. No threshold; no front door calls
/// it.
pub fn notes_log_odds_table(data: &ProgramData) -> Vec<LogOdds> {
    let NoteSides { early, later, .. } = note_sides(data);
    let mut s = Surfaces::default();
    let e = count_terms(&early, &data.name_words, &mut s);
    let l = count_terms(&later, &data.name_words, &mut s);
    let mut prior = e.clone();
    for (t, n) in &l {
        *prior.entry(t.clone()).or_default() += n;
    }
    weighted_log_odds(&e, &l, &prior)
}

/// M9 for meeting notes (see [`MeetingNotes`]).
fn meeting_notes(data: &ProgramData, scope: &Scope, min_comments: usize) -> Option<MeetingNotes> {
    if data.meeting_notes.is_empty() {
        return None;
    }
    let filtered = scope.people.is_some()
        || scope.cohort_people.is_some()
        || scope.from.is_some()
        || scope.to.is_some();
    if filtered {
        return Some(MeetingNotes {
            hidden_reason: Some(
                "meeting notes are analysed for the whole program only, so no filter can be subtracted from it".into(),
            ),
            ..Default::default()
        });
    }
    let NoteSides { all, early, later } = note_sides(data);
    let notes = data.meeting_notes.len();
    if all.len() < min_comments {
        return Some(MeetingNotes {
            hidden_reason: Some(format!(
                "fewer than {min_comments} pairings wrote meeting notes"
            )),
            ..Default::default()
        });
    }
    let names = &data.name_words;
    let mut surfaces = Surfaces::default();
    let counts = count_terms(&all, names, &mut surfaces);
    let distinctive = (early.len() >= min_comments && later.len() >= min_comments).then(|| {
        let mut s = Surfaces::default();
        let e = count_terms(&early, names, &mut s);
        let l = count_terms(&later, names, &mut s);
        let mut prior = e.clone();
        for (t, n) in &l {
            *prior.entry(t.clone()).or_default() += n;
        }
        distinctive(&e, &l, &prior, &s)
    });
    Some(MeetingNotes {
        pairings: Some(all.len()),
        notes: Some(notes),
        top_terms: Some(top_terms(&counts, &surfaces)),
        distinctive,
        hidden_reason: None,
    })
}

/// M9 for the waves compared (the survey's before and after waves).
pub(crate) fn comments(
    data: &ProgramData,
    scope: &Scope,
    before_wave: Option<&str>,
    after_wave: Option<&str>,
    min_comments: usize,
) -> Comments {
    // A program whose surveys have no free text has no comments section
    // (saying "hidden" there would suggest there was something to hide).
    let notes = meeting_notes(data, scope, min_comments);
    if data.comments.is_empty() {
        return Comments {
            min_comments,
            meeting_notes: notes,
            ..Default::default()
        };
    }
    // Each wave's terms are shown as that wave wrote them, so a hidden
    // wave's spelling cannot surface in the other's list.
    let side = |wave: Option<&str>| {
        wave.map(|w| {
            let cs = wave_comments(data, scope, w);
            let mut surfaces = Surfaces::default();
            let counts = count_terms(&cs, &data.name_words, &mut surfaces);
            (w.to_string(), cs, counts, surfaces)
        })
    };
    let before = side(before_wave);
    let after = side(after_wave);
    type Side = Option<(String, Vec<Comment>, BTreeMap<Term, u64>, Surfaces)>;
    let wave_out = |s: &Side| {
        s.as_ref().map(|(w, cs, counts, surfaces)| CommentWave {
            wave: w.clone(),
            n: Some(cs.len()),
            top_terms: Some(top_terms(counts, surfaces)),
            quotes: quotes(cs, w, &data.name_words),
            suppressed: false,
        })
    };
    let mut out = Comments {
        min_comments,
        before: wave_out(&before),
        after: wave_out(&after),
        distinctive: None,
        meeting_notes: notes,
        suppressed: false,
    };
    if let (Some((bw, bc, b, bs)), Some((aw, ac, a, as_))) = (&before, &after) {
        if bw != aw && !bc.is_empty() && !ac.is_empty() {
            let mut prior = b.clone();
            for (t, n) in a {
                *prior.entry(t.clone()).or_default() += n;
            }
            let mut surfaces = bs.clone();
            surfaces.extend(as_);
            out.distinctive = Some(distinctive(b, a, &prior, &surfaces));
        }
    }
    // A wave's own threshold is applied here too, so the figures are right
    // even where disclosure control is switched off for a statistics test;
    // `privacy` adds the rules that weigh other figures.
    for w in [&mut out.before, &mut out.after].into_iter().flatten() {
        if w.n.is_some_and(|n| n < min_comments) {
            hide(w);
            out.suppressed = true;
        }
    }
    if out.suppressed {
        out.distinctive = None;
    }
    out
}

fn distinctive(
    before: &BTreeMap<Term, u64>,
    after: &BTreeMap<Term, u64>,
    prior: &BTreeMap<Term, u64>,
    surfaces: &Surfaces,
) -> Distinctive {
    let listed: Vec<LogOdds> = weighted_log_odds(before, after, prior)
        .into_iter()
        .filter(|l| prior.get(&l.term).copied().unwrap_or(0) >= MIN_TERM_COMMENTS)
        .filter(|l| l.z.abs() >= Z_LISTED)
        .collect();
    let pick = |positive: bool| {
        let mut v: Vec<&LogOdds> = listed.iter().filter(|l| (l.z > 0.0) == positive).collect();
        v.sort_by(|a, b| {
            b.z.abs()
                .total_cmp(&a.z.abs())
                .then_with(|| a.term.cmp(&b.term))
        });
        v.into_iter()
            .take(TOP)
            .map(|l| (surfaces.show(&l.term), l.z))
            .collect()
    };
    Distinctive {
        before: pick(false),
        after: pick(true),
    }
}

/// The whole table behind `distinctive` for the options' waves and
/// filters, every term with its counts: for checking the statistic against
/// an independent computation. No threshold is applied, so it is never an
/// output of its own: no front door calls it.
pub fn log_odds_table(
    data: &ProgramData,
    opts: &super::AnalysisOptions,
    before_wave: &str,
    after_wave: &str,
) -> Vec<LogOdds> {
    let scope = Scope::new(data, opts);
    let mut surfaces = Surfaces::default();
    let names = &data.name_words;
    let b = count_terms(
        &wave_comments(data, &scope, before_wave),
        names,
        &mut surfaces,
    );
    let a = count_terms(
        &wave_comments(data, &scope, after_wave),
        names,
        &mut surfaces,
    );
    let mut prior = b.clone();
    for (t, n) in &a {
        *prior.entry(t.clone()).or_default() += n;
    }
    weighted_log_odds(&b, &a, &prior)
}

/// Blanks one wave's comments (disclosure control decided to hide them).
pub(crate) fn hide(w: &mut CommentWave) {
    w.suppressed = true;
    w.n = None;
    w.top_terms = None;
    w.quotes.clear();
}
