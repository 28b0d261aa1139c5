-- 0010 sync merge: a sign-in that merges this device's profile into the account's
--
-- Why: when both a signing-in device and its account hold a profile, the person may
-- choose to merge them. The device's profile makes way for the account's (one change,
-- whose audit rows keep every deleted row as it was), the account's profile is
-- downloaded, and then the device's items that the account lacks are added back to
-- it (docs/sync.md, "Signing in"). A download can be cut off; this column remembers
-- the change that holds what is still to be merged, so that the next sync that
-- reaches the end of the account's changes finishes the merge, once; and who chose it
-- (the app or the command line), whose change the merge is, whichever program's
-- sync finishes it.
ALTER TABLE sync_state ADD COLUMN merge_from_change TEXT;
ALTER TABLE sync_state ADD COLUMN merge_source TEXT
    CHECK (merge_source IS NULL OR merge_source IN ('ui', 'cli', 'import', 'system', 'external'));
