-- Schema version 1. Forward-only: never edit a migration that has shipped;
-- add the next numbered file instead.

CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    file_name       TEXT    NOT NULL,
    sha256          TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    shape           TEXT    NOT NULL,
    wave            TEXT,
    encoding        TEXT    NOT NULL,
    delimiter       TEXT    NOT NULL,
    rows_total      INTEGER NOT NULL,
    rows_imported   INTEGER NOT NULL,
    rows_skipped    INTEGER NOT NULL,
    rows_duplicate  INTEGER NOT NULL,
    imported_at     TEXT    NOT NULL
);
CREATE INDEX imports_sha256 ON imports(sha256);

CREATE TABLE import_problems (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    line        INTEGER,
    column_name TEXT,
    value       TEXT,
    reason      TEXT    NOT NULL,
    severity    TEXT    NOT NULL CHECK (severity IN ('skipped', 'warning'))
);
CREATE INDEX import_problems_import ON import_problems(import_id);

-- A roster row as one import saw it. Later roster imports supersede earlier
-- ones person by person (see the `person` view), so undoing a later roster
-- brings the earlier values back instead of losing them.
CREATE TABLE people (
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    person_id   TEXT    NOT NULL,
    name        TEXT,
    email       TEXT,
    team        TEXT,
    level       TEXT,
    hire_date   TEXT,
    exit_date   TEXT,
    PRIMARY KEY (person_id, import_id)
);
CREATE INDEX people_email ON people(email);

CREATE VIEW person AS
SELECT p.* FROM people p
WHERE p.import_id = (SELECT MAX(q.import_id) FROM people q WHERE q.person_id = p.person_id);

CREATE TABLE pairings (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    mentor      TEXT    NOT NULL,
    mentee      TEXT    NOT NULL,
    cohort      TEXT,
    start_date  TEXT,
    end_date    TEXT,
    line        INTEGER NOT NULL
);
CREATE UNIQUE INDEX pairings_key ON pairings(mentor, mentee, IFNULL(start_date, ''));

CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    import_id    INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    started_at   TEXT    NOT NULL,
    mentor       TEXT    NOT NULL,
    mentee       TEXT    NOT NULL,
    duration_min REAL,
    topics       TEXT,
    notes        TEXT,
    line         INTEGER NOT NULL
);
CREATE UNIQUE INDEX meetings_key ON meetings(mentor, mentee, started_at);

CREATE TABLE survey_questions (
    id           INTEGER PRIMARY KEY,
    import_id    INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    wave         TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    code         TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('likert', 'zero_to_ten', 'numeric', 'choice', 'text')),
    scale_points INTEGER,
    label_set    TEXT,
    reverse      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX survey_questions_import ON survey_questions(import_id);

CREATE TABLE survey_responses (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    wave          TEXT    NOT NULL,
    response_key  TEXT    NOT NULL,
    respondent    TEXT,
    submitted_at  TEXT,
    line          INTEGER NOT NULL
);
CREATE UNIQUE INDEX survey_responses_key ON survey_responses(wave, response_key);

CREATE TABLE survey_answers (
    response_id  INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    question_id  INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    value_text   TEXT,
    value_num    REAL,
    PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
CREATE INDEX survey_answers_question ON survey_answers(question_id);

CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    person      TEXT    NOT NULL,
    milestone   TEXT    NOT NULL,
    date        TEXT    NOT NULL,
    line        INTEGER NOT NULL
);
CREATE UNIQUE INDEX milestones_key ON milestones(person, milestone, date);

CREATE TABLE team_metrics (
    id                  INTEGER PRIMARY KEY,
    import_id           INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    team                TEXT    NOT NULL,
    period_start        TEXT    NOT NULL,
    deployments         REAL,
    incidents           REAL,
    mttr_hours          REAL,
    change_failure_rate REAL,
    line                INTEGER NOT NULL
);
CREATE UNIQUE INDEX team_metrics_key ON team_metrics(team, period_start);

-- Undo deletes by import; these keep that fast on million-row tables.
CREATE INDEX pairings_import ON pairings(import_id);
CREATE INDEX meetings_import ON meetings(import_id);
CREATE INDEX survey_responses_import ON survey_responses(import_id);
CREATE INDEX milestones_import ON milestones(import_id);
CREATE INDEX team_metrics_import ON team_metrics(import_id);
CREATE INDEX people_import ON people(import_id);
