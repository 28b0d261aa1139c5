-- 0006 outside writers, and every SQLite from 3.37 on
--
-- Why: the database is a file the person owns, and any SQLite tool may write to it.
-- Until now a write from outside Career Hub was audited with source 'system' (the
-- source Career Hub uses for its own first-run setup) and no change id, so it could
-- not be undone, and undo could get stuck behind it. And the schema only worked on
-- SQLite 3.42 and later: Debian 12's sqlite3 (3.40) could not write at all
-- (unixepoch('subsec') is NULL there, so audit rows got no id), and its
-- integrity_check failed the JSON CHECKs of every NULL value (json_valid(NULL) is 0
-- there, NULL from 3.45 on).
--
-- What changes (docs/schema.md, "Additions" and "Outside writers"):
--   * a new change source, 'external': a write that did not come through Career Hub;
--   * every such write gets a change id: one per statement (outside_change_id), so
--     undo, redo, history and restore-deleted work for it as for any change;
--   * audit_context becomes a view over the new table audit_state, which Career Hub
--     fills at the start of each write transaction and clears before commit. When it
--     is clear, the view reports source 'external' and the statement's change id.
--     The audit triggers read the view, so none of them is recreated;
--   * rows already written without a change id are given one (per millisecond of
--     created_at) and source 'external';
--   * new_ulid takes the time from julianday('now'), which every SQLite has;
--   * the JSON CHECKs of nullable columns say "NULL, or valid JSON of this shape"
--     explicitly, which is what they meant on every SQLite version.
--
-- The CHECK clauses and the source list are loosened in place through
-- writable_schema, the procedure SQLite documents for removing or loosening a CHECK
-- (https://www.sqlite.org/lang_altertable.html, "making other kinds of table schema
-- changes"): no row can fail the new clauses that passed the old ones, so no table is
-- rebuilt. The views created below change the schema cookie, so every other
-- connection reloads the schema.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(replace(sql,
        'CHECK (json_valid(contact) AND',
        'CHECK (contact IS NULL OR json_valid(contact) AND'),
        'CHECK (json_valid(draft_data))',
        'CHECK (draft_data IS NULL OR json_valid(draft_data))')
WHERE type = 'table' AND name = 'profiles';

UPDATE sqlite_schema SET sql = replace(replace(sql,
        'CHECK (json_valid(responsibilities) AND',
        'CHECK (responsibilities IS NULL OR json_valid(responsibilities) AND'),
        'CHECK (json_valid(technologies) AND',
        'CHECK (technologies IS NULL OR json_valid(technologies) AND')
WHERE type = 'table' AND name = 'experiences';

UPDATE sqlite_schema SET sql = replace(replace(replace(replace(sql,
        'CHECK (json_valid(achievements) AND',
        'CHECK (achievements IS NULL OR json_valid(achievements) AND'),
        'CHECK (json_valid(challenges) AND',
        'CHECK (challenges IS NULL OR json_valid(challenges) AND'),
        'CHECK (json_valid(clients) AND',
        'CHECK (clients IS NULL OR json_valid(clients) AND'),
        'CHECK (json_valid(technologies) AND',
        'CHECK (technologies IS NULL OR json_valid(technologies) AND')
WHERE type = 'table' AND name = 'projects';

UPDATE sqlite_schema SET sql = replace(sql,
        'CHECK (json_valid(import_data))',
        'CHECK (import_data IS NULL OR json_valid(import_data))')
WHERE type = 'table' AND name = 'import_history';

UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
        'CHECK (json_valid(old_values))',
        'CHECK (old_values IS NULL OR json_valid(old_values))'),
        'CHECK (json_valid(new_values))',
        'CHECK (new_values IS NULL OR json_valid(new_values))'),
        'CHECK (source IN (''ui'', ''cli'', ''import'', ''sync'', ''system''))',
        'CHECK (source IN (''ui'', ''cli'', ''import'', ''sync'', ''system'', ''external''))')
WHERE type = 'table' AND name = 'audit_log';

UPDATE sqlite_schema SET sql = replace(sql,
        'CHECK (json_valid(draft_data))',
        'CHECK (draft_data IS NULL OR json_valid(draft_data))')
WHERE type = 'table' AND name = 'builder_steps';

PRAGMA writable_schema = RESET;

CREATE TABLE audit_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user_id TEXT,
    source TEXT NOT NULL DEFAULT 'system' CHECK (source IN ('ui', 'cli', 'import', 'sync', 'system', 'external')),
    session_id TEXT,
    change_id TEXT,
    reverts_change_id TEXT
) STRICT;

INSERT INTO audit_state (id, user_id, source, session_id, change_id, reverts_change_id)
SELECT id, user_id, source, session_id, change_id, reverts_change_id FROM audit_context;
INSERT INTO audit_state (id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM audit_state);

DROP TABLE audit_context;

-- The change id of an outside writer's statement: the statement's time (SQLite gives
-- every use of 'now' within one statement the same millisecond) with a zero random part,
-- so every row one statement writes, cascades and triggers included, shares one change.
CREATE VIEW outside_change_id AS
SELECT
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 45) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 40) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 35) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 30) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 25) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 20) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 15) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 10) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 5) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 0) & 31) + 1, 1)
    || '0000000000000000'
    AS id
FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS t);

-- What the audit triggers record a write with: Career Hub's context while one of its
-- write transactions runs, else an outside writer's.
CREATE VIEW audit_context AS
SELECT
    s.id,
    s.user_id,
    CASE WHEN s.change_id IS NULL THEN 'external' ELSE s.source END AS source,
    s.session_id,
    COALESCE(s.change_id, (SELECT id FROM outside_change_id)) AS change_id,
    s.reverts_change_id
FROM audit_state s;

DROP VIEW new_ulid;

CREATE VIEW new_ulid AS
SELECT
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 45) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 40) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 35) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 30) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 25) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 20) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 15) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 10) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 5) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 0) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
    AS id
FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS t);

-- Earlier outside writes (rows the triggers wrote, with the row before or after, but no
-- change id): one change per millisecond in which they were written.
UPDATE audit_log
SET source = 'external',
    change_id = (
        SELECT
            substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 45) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 40) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 35) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 30) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 25) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 20) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 15) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 10) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 5) & 31) + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 0) & 31) + 1, 1)
            || '0000000000000000'
        FROM (SELECT CAST(round((julianday(created_at) - 2440587.5) * 86400000.0) AS INTEGER) AS ms))
WHERE change_id IS NULL AND (old_values IS NOT NULL OR new_values IS NOT NULL);
