-- Reverses 0010: no merge waiting to finish.
ALTER TABLE sync_state DROP COLUMN merge_source;
ALTER TABLE sync_state DROP COLUMN merge_from_change;
