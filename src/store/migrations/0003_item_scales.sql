-- Schema version 3. Forward-only: never edit a migration that has shipped;
-- add the next numbered file instead.

-- A declared scale for a survey item answered with plain numbers (1–5,
-- 1–7, 0–10): with one, the item joins the satisfaction composite, its
-- answers put on the 1–5 scale as 1 + 4·(x − min)/(max − min) (METRICS.md
-- M1). Both ends or neither: an item without a declared scale keeps out of
-- the composite. A user setting like `reverse`, kept across imports and undo.
ALTER TABLE item_settings ADD COLUMN scale_min INTEGER;
ALTER TABLE item_settings ADD COLUMN scale_max INTEGER;
