-- Schema version 2. Forward-only: never edit a migration that has shipped;
-- add the next numbered file instead.
--
-- Sections by what they are for, so the parts can be read (and reviewed)
-- one at a time.

-- Workbooks: which sheet an import came from, and each problem's place as
-- a spreadsheet user reads it (`Sheet1!C14`). CSV imports leave both empty.
ALTER TABLE imports ADD COLUMN sheet TEXT;
ALTER TABLE import_problems ADD COLUMN place TEXT;

-- Meetings from attendance reports and calendars: where each meeting came
-- from (`log`, `teams`, `zoom`, `meet`, `calendar`; empty = a meeting log),
-- and the meetings of a file that matched no pairing, kept so the manager
-- can fix the pairing sheet and re-match instead of losing them.
ALTER TABLE meetings ADD COLUMN source TEXT;
CREATE TABLE unmatched_meetings (
    id           INTEGER PRIMARY KEY,
    import_id    INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    started_at   TEXT    NOT NULL,
    title        TEXT,
    duration_min REAL,
    -- Attendees' identities as the file gave them, one per line.
    attendees    TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    line         INTEGER NOT NULL
);
CREATE INDEX unmatched_meetings_import ON unmatched_meetings(import_id);

-- Program formats (M7): a pairing's format where the sheet carries one
-- (in-house / external / hybrid; one-to-one / group).
ALTER TABLE pairings ADD COLUMN format TEXT;

-- Reverse-coded survey items (M1), by the item's normalised text so a mark
-- holds for every wave and for next month's re-import. A user setting, not
-- part of any import: undo leaves it.
CREATE TABLE item_settings (
    item    TEXT    PRIMARY KEY,
    reverse INTEGER NOT NULL DEFAULT 0 CHECK (reverse IN (0, 1))
);

-- Skill assessments (M8): one rating of one person on one skill area at a
-- wave (or date), by a rater. `value` is on the rating's own 1..k scale.
CREATE TABLE skill_assessments (
    id           INTEGER PRIMARY KEY,
    import_id    INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    person       TEXT    NOT NULL,
    wave         TEXT    NOT NULL,
    assessed_on  TEXT,
    area         TEXT    NOT NULL,
    rater        TEXT    NOT NULL DEFAULT 'self',
    rating_text  TEXT,
    value        REAL    NOT NULL,
    scale_points INTEGER NOT NULL,
    line         INTEGER NOT NULL
);
CREATE UNIQUE INDEX skill_assessments_key
    ON skill_assessments(person, wave, IFNULL(assessed_on, ''), area, rater);
CREATE INDEX skill_assessments_import ON skill_assessments(import_id);
