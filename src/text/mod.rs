//! Free text → terms, for the comment analysis (M9): Unicode word segments
//! (UAX #29, `unicode-segmentation`), lower-cased, English stop words
//! removed (NLTK's list from the `stop-words` crate), Snowball-stemmed
//! (`rust-stemmers`, the English "Porter2" algorithm); unigrams and the
//! bigrams of neighbouring kept words. A stem is shown as the word form
//! most often written for it.
//!
//! It owns tokenisation only: it never decides what may be published (that
//! is `disclosure`), never logs a comment, and never downloads a model.
//! Everything is a pure function of the text, so the same comments give
//! the same terms on every machine.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// The English stop words, as the `stop-words` crate ships them (NLTK).
pub fn stop_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        stop_words::lookup("en")
            .unwrap_or_default()
            .iter()
            .copied()
            .collect()
    })
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// One kept word: its stem and the lower-cased form it was written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub stem: String,
    pub surface: String,
}

/// The kept words of one text, in order. A word segment is kept when it
/// holds a letter (numbers, emoji and punctuation are not terms) and is not
/// a stop word; typographic apostrophes count as `'`, as in the stop list.
pub fn words(text: &str) -> Vec<Word> {
    words_without_names(text, &HashSet::new())
}

/// Whether a word as written is one of `names` (lower-case words of the
/// roster's names): written with a capital, so "Grace" goes but "by God's
/// grace" stays.
pub fn is_name(word: &str, names: &HashSet<String>) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && names.contains(&word.to_lowercase())
}

/// As [`words`], leaving out the words that are people's names, so a term
/// is never a name.
pub fn words_without_names(text: &str, names: &HashSet<String>) -> Vec<Word> {
    let stops = stop_words();
    // An e-mail address or an @mention names someone: the whole
    // space-separated piece goes.
    let text = without_addresses(text);
    text.unicode_words()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !is_name(w, names))
        .map(|w| w.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'"))
        .filter(|w| !stops.contains(w.as_str()))
        .map(|w| Word {
            stem: stemmer().stem(&w).into_owned(),
            surface: w,
        })
        .collect()
}

/// The text without its space-separated pieces that hold an `@` (e-mail
/// addresses, @mentions), pieces joined by single spaces.
pub fn without_addresses(text: &str) -> String {
    text.split_whitespace()
        .filter(|t| !t.contains('@'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A term: one stem, or two neighbouring stems joined by a space.
pub type Term = String;

/// The terms of one text: every unigram and every bigram of neighbouring
/// kept words (neighbouring once stop words are gone, so "review of the
/// code" gives "review code").
pub fn terms(words: &[Word]) -> Vec<Term> {
    let mut out: Vec<Term> = words.iter().map(|w| w.stem.clone()).collect();
    out.extend(
        words
            .windows(2)
            .map(|p| format!("{} {}", p[0].stem, p[1].stem)),
    );
    out
}

/// How each stem was written, to show a stem as its most common surface
/// form ("meetings" and "meeting" → whichever people wrote more; ties go to
/// the alphabetically first, so the choice does not depend on order).
#[derive(Debug, Default, Clone)]
pub struct Surfaces {
    seen: HashMap<String, BTreeMap<String, u64>>,
}

impl Surfaces {
    pub fn add(&mut self, words: &[Word]) {
        for w in words {
            *self
                .seen
                .entry(w.stem.clone())
                .or_default()
                .entry(w.surface.clone())
                .or_default() += 1;
        }
    }

    /// Adds what another set of comments wrote.
    pub fn extend(&mut self, other: &Surfaces) {
        for (stem, forms) in &other.seen {
            let mine = self.seen.entry(stem.clone()).or_default();
            for (f, n) in forms {
                *mine.entry(f.clone()).or_default() += n;
            }
        }
    }

    fn word(&self, stem: &str) -> String {
        self.seen
            .get(stem)
            .and_then(|forms| {
                // BTreeMap iterates alphabetically; max_by_key keeps the
                // last maximum, so compare on (count, reverse order).
                forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(f, _)| f.clone())
            })
            .unwrap_or_else(|| stem.to_string())
    }

    /// A term as people wrote it: each stem's most common form.
    pub fn show(&self, term: &str) -> String {
        term.split(' ')
            .map(|s| self.word(s))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_segmented_lowered_filtered_and_stemmed() {
        let w = words("The Meetings were GREAT, and I’ve learned 3 things: caching & queues! 🎉");
        let stems: Vec<&str> = w.iter().map(|w| w.stem.as_str()).collect();
        // "the", "were", "and", "i've" are stop words; "3" and the emoji
        // are not words.
        assert_eq!(stems, ["meet", "great", "learn", "thing", "cach", "queue"]);
        assert_eq!(w[0].surface, "meetings");
    }

    #[test]
    fn capitalised_names_are_not_words() {
        let names: HashSet<String> = ["grace".to_string()].into();
        let w = words_without_names("Grace helped, by grace", &names);
        let s: Vec<&str> = w.iter().map(|w| w.surface.as_str()).collect();
        assert_eq!(s, ["helped", "grace"]);
        let w = words("write to priya.kestrel@example.com or @priya, thanks");
        let s: Vec<&str> = w.iter().map(|w| w.surface.as_str()).collect();
        assert_eq!(s, ["write", "thanks"]);
    }

    #[test]
    fn bigrams_join_neighbouring_kept_words() {
        let w = words("review of the code");
        assert_eq!(terms(&w), ["review", "code", "review code"]);
    }

    #[test]
    fn a_stem_is_shown_as_its_most_common_form() {
        let mut s = Surfaces::default();
        s.add(&words("meetings meeting meetings"));
        s.add(&words("code reviews"));
        assert_eq!(s.show("meet"), "meetings");
        assert_eq!(s.show("code review"), "code reviews");
        // Ties: the alphabetically first form.
        let mut t = Surfaces::default();
        t.add(&words("learned learning"));
        assert_eq!(t.show("learn"), "learned");
    }

    #[test]
    fn the_stop_list_is_nltks_english() {
        let s = stop_words();
        assert!(s.len() > 150, "{}", s.len());
        for w in ["the", "and", "don't", "i've", "ourselves"] {
            assert!(s.contains(w), "{w}");
        }
        for w in ["mentor", "great", "help"] {
            assert!(!s.contains(w), "{w}");
        }
    }
}
