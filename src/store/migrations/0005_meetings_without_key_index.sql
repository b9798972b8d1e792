-- Schema version 5. Forward-only: never edit a migration that has shipped;
-- add the next numbered file instead.

-- Each meeting is stored once by the importer (src/ingest/meeting_store.rs
-- says how), no longer by a unique index on three text columns: at a million
-- meetings that index cost the import more than the rest of SQLite's work.
-- The index on import_id goes too: an undo scans the table once, which at a
-- million meetings is a fraction of a second, while the index cost every
-- import a quarter of its inserting time.
DROP INDEX meetings_key;
DROP INDEX meetings_import;
