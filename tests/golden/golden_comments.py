"""Independent reference for the comments of `mentorscope analyze --json`
(docs/METRICS.md M9): per-wave top terms and the weighted log-odds ratio
with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) of every
term, after vs before, as z-scores.

Reads a Mentorscope SQLite database directly (not through Mentorscope) and
tokenises with other implementations of the same standards: Unicode word
segmentation (UAX #29) from `uniseg`, the Snowball English stemmer from
`snowballstemmer` (the reference implementation `rust-stemmers` follows), and
the stop-word list in tests/golden/stopwords_en.txt (the `stop-words` crate's
English list, exported; a Rust test fails when the two differ).

Regenerate the checked-in values (from the repository root):
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install -r tests/golden/requirements-comments.txt
    cargo run -q -p mentorscope -- --db /tmp/golden.db import sample-data/*.csv
    /tmp/venv/bin/python tests/golden/golden_comments.py /tmp/golden.db > tests/golden/comments_sample.json

Choices METRICS.md leaves open, as Mentorscope makes them (see
src/analysis/comments.rs): a comment is one respondent's free text in a wave
(every text answer of their latest response with one); a term is a stem or
two neighbouring stems once stop words are gone, counted once per comment;
the prior is the counts over both waves' comments; a term is listed only when
at least 3 comments use it; a word of a roster name written with a capital
is not a word, nor is any space-separated piece with an @; a stem is shown as its most written form (ties:
the alphabetically first).
"""
import argparse
import json
import math
import os
import sqlite3
import sys
from collections import Counter, defaultdict

import snowballstemmer
from uniseg.wordbreak import words as uax29_words

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_TERM_COMMENTS = 3
TOP = 10
Z_LISTED = 1.959963984540054


def load_stop_words():
    with open(os.path.join(HERE, "stopwords_en.txt"), encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip()}


STOP = load_stop_words()
STEMMER = snowballstemmer.stemmer("english")


NAMES = set()


def is_name(w):
    """A roster name written with a capital ("Grace", not "grace")."""
    return w[:1].isupper() and w.lower() in NAMES


def kept_words(text):
    """(stem, surface) of each kept word, in order."""
    out = []
    # Space-separated pieces with an @ (e-mail addresses, @mentions) go.
    text = " ".join(t for t in text.split() if "@" not in t)
    for w in uax29_words(text):
        # UAX #29 also yields spaces and punctuation; a word has a letter or
        # digit, and a term needs a letter.
        if not any(ch.isalnum() for ch in w) or not any(ch.isalpha() for ch in w):
            continue
        if is_name(w):
            continue
        low = w.lower().replace("\u2019", "'").replace("\u2018", "'")
        if low in STOP:
            continue
        out.append((STEMMER.stemWord(low), low))
    return out


def terms_of(words):
    stems = [s for s, _ in words]
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:])]


def show(term, surfaces):
    def word(stem):
        forms = surfaces.get(stem)
        if not forms:
            return stem
        return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    return " ".join(word(s) for s in term.split(" "))


EARLY_DAYS = 90


def count_side(comments):
    """Each term's count of comments (lists of texts) using it, and the
    surface forms seen per stem."""
    counts = Counter()
    surfaces = defaultdict(Counter)
    for c in comments:
        seen = set()
        for t in c:
            ws = kept_words(t)
            for stem, surface in ws:
                surfaces[stem][surface] += 1
            seen.update(terms_of(ws))
        counts.update(seen)
    return counts, surfaces


def weighted_log_odds(yb, ya):
    """z of every term of the prior (yb + ya), after (ya) vs before (yb)."""
    prior = yb + ya
    n_b, n_a, a0 = sum(yb.values()), sum(ya.values()), sum(prior.values())
    out = {}
    for term, alpha in sorted(prior.items()):
        y1, y0 = ya.get(term, 0), yb.get(term, 0)
        delta = math.log((y1 + alpha) / (n_a + a0 - y1 - alpha)) - math.log(
            (y0 + alpha) / (n_b + a0 - y0 - alpha)
        )
        var = 1.0 / (y1 + alpha) + 1.0 / (y0 + alpha)
        out[term] = {"delta": delta, "z": delta / math.sqrt(var), "before": y0, "after": y1}
    return out


def meeting_notes(con, alias):
    """Meeting notes, one "comment" per pairing (mentor, mentee as the
    roster knows them): the top terms over all notes, and the log-odds of
    notes written later in a pairing vs within EARLY_DAYS of its first
    meeting (any meeting, with or without notes)."""
    from datetime import date

    rows = []
    for started, mentor, mentee, notes in con.execute(
        "SELECT started_at, mentor, mentee, notes FROM meetings ORDER BY id"
    ):
        try:
            day = date.fromisoformat(started[:10]).toordinal()
        except (TypeError, ValueError):
            continue
        rows.append((day, (alias.get(mentor, mentor), alias.get(mentee, mentee)), notes))
    first = {}
    for day, pair, _ in rows:
        first[pair] = min(first.get(pair, day), day)
    every, early, later = defaultdict(list), defaultdict(list), defaultdict(list)
    n_notes = 0
    for day, pair, notes in rows:
        if notes is None or notes.strip() == "":
            continue
        n_notes += 1
        every[pair].append(notes)
        (early if day - first[pair] < EARLY_DAYS else later)[pair].append(notes)
    counts, surfaces = count_side(list(every.values()))
    listed = sorted(
        ((t, n) for t, n in counts.items() if n >= MIN_TERM_COMMENTS),
        key=lambda x: (-x[1], x[0]),
    )[:TOP]
    ye, _ = count_side(list(early.values()))
    yl, _ = count_side(list(later.values()))
    return {
        "pairings": len(every),
        "notes": n_notes,
        "early_pairings": len(early),
        "later_pairings": len(later),
        "top_terms": [[show(t, surfaces), n] for t, n in listed],
        "log_odds": weighted_log_odds(ye, yl),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--before")
    ap.add_argument("--after")
    args = ap.parse_args()
    con = sqlite3.connect(args.db)

    # Identities: a person's ID and e-mail are the same person (latest
    # roster row per person).
    alias = {}
    for pid, email in con.execute(
        "SELECT person_id, email FROM people ORDER BY person_id, import_id"
    ):
        alias[pid] = pid
        if email:
            alias.setdefault(email, pid)

    for (name,) in con.execute("SELECT DISTINCT name FROM people WHERE name IS NOT NULL"):
        for w in uax29_words(name):
            if len(w) >= 2 and any(ch.isalnum() for ch in w):
                NAMES.add(w.lower())

    waves = [
        w
        for (w,) in con.execute(
            "SELECT wave FROM survey_responses GROUP BY wave "
            "ORDER BY MIN(IFNULL(submitted_at, '9999')), MIN(import_id)"
        )
    ]
    before = args.before or waves[0]
    after = args.after or waves[-1]

    texts = defaultdict(list)
    for rid, text in con.execute(
        "SELECT a.response_id, a.value_text FROM survey_answers a "
        "JOIN survey_questions q ON q.id = a.question_id "
        "WHERE q.kind = 'text' AND a.value_text IS NOT NULL "
        "ORDER BY a.response_id, q.position"
    ):
        if text.strip(" ") != "":
            texts[rid].append(text)

    def wave_comments(wave):
        latest = {}
        for rid, who, submitted in con.execute(
            "SELECT id, respondent, submitted_at FROM survey_responses WHERE wave = ?",
            (wave,),
        ):
            if rid not in texts:
                continue
            key = ("p", alias.get(who, who)) if who else ("anon", rid)
            rank = (submitted or "", rid)
            if key not in latest or rank > latest[key][0]:
                latest[key] = (rank, rid)
        return [texts[rid] for _, rid in latest.values()]

    def side(wave):
        comments = wave_comments(wave)
        counts, surfaces = count_side(comments)
        listed = sorted(
            ((t, n) for t, n in counts.items() if n >= MIN_TERM_COMMENTS),
            key=lambda x: (-x[1], x[0]),
        )[:TOP]
        return {
            "wave": wave,
            "n": len(comments),
            "counts": dict(sorted(counts.items())),
            "top_terms": [[show(t, surfaces), n] for t, n in listed],
        }, counts, surfaces

    b, yb, sb = side(before)
    a, ya, sa = side(after)
    prior = yb + ya
    log_odds = {
        t: {"delta": v["delta"], "z": v["z"]} for t, v in weighted_log_odds(yb, ya).items()
    }

    both = defaultdict(Counter)
    for s in (sb, sa):
        for stem, forms in s.items():
            both[stem].update(forms)
    listed = [
        (t, v["z"])
        for t, v in log_odds.items()
        if prior[t] >= MIN_TERM_COMMENTS and abs(v["z"]) >= Z_LISTED
    ]

    def pick(positive):
        v = sorted(
            (x for x in listed if (x[1] > 0) == positive), key=lambda x: (-abs(x[1]), x[0])
        )[:TOP]
        return [[show(t, both), z] for t, z in v]

    notes = meeting_notes(con, alias)
    json.dump(
        {
            "before": b,
            "after": a,
            "log_odds": log_odds,
            "distinctive": {"before": pick(False), "after": pick(True)},
            "meeting_notes": notes,
        },
        sys.stdout,
        indent=1,
        ensure_ascii=False,
        sort_keys=True,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
