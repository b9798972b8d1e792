-- Schema version 4. Forward-only: never edit a migration that has shipped;
-- add the next numbered file instead.

-- A change counter that lives in the file: every write that can change an
-- analysis touches one of the small tables below (an import or an undo
-- writes its `imports` row, a rematch moves `unmatched_meetings` rows, a
-- reverse-coded or scale mark writes `item_settings`), and a trigger there
-- adds one. `PRAGMA data_version` cannot serve: it is per connection and
-- starts again in every process. Triggers on the large tables would cost
-- the import a statement per row.
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 1);

CREATE TRIGGER generation_import_added AFTER INSERT ON imports
BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_import_changed AFTER UPDATE ON imports
BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_import_removed AFTER DELETE ON imports
BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_unmatched_added AFTER INSERT ON unmatched_meetings
BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_unmatched_changed AFTER UPDATE ON unmatched_meetings
BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_unmatched_removed AFTER DELETE ON unmatched_meetings
BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_item_added AFTER INSERT ON item_settings
BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_item_changed AFTER UPDATE ON item_settings
BEGIN UPDATE data_generation SET n = n + 1; END;
CREATE TRIGGER generation_item_removed AFTER DELETE ON item_settings
BEGIN UPDATE data_generation SET n = n + 1; END;

-- The last view of each kind the app showed, as the JSON it sent the
-- window, with the generation it was computed from and a key naming the
-- filters and the build. At launch the app shows it at once when both
-- still match, and reads the program behind it. It holds only what the
-- window showed: figures that passed disclosure control, never rows.
CREATE TABLE view_cache (
    view       TEXT PRIMARY KEY,
    key        TEXT NOT NULL,
    generation INTEGER NOT NULL,
    body       TEXT NOT NULL
);
