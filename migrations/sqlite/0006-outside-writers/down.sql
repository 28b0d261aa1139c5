-- 0006 outside writers, reversed: audit_context is a table again, outside writes are
-- recorded as 'system' without a change id (as before), new_ulid uses unixepoch, and
-- the JSON CHECKs and the source list are as they were.

UPDATE audit_log SET source = 'system', change_id = NULL WHERE source = 'external';

DROP VIEW audit_context;
DROP VIEW outside_change_id;

CREATE TABLE audit_context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user_id TEXT,
    source TEXT NOT NULL DEFAULT 'system' CHECK (source IN ('ui', 'cli', 'import', 'sync', 'system')),
    session_id TEXT,
    change_id TEXT
, reverts_change_id TEXT) STRICT;

INSERT INTO audit_context (id, user_id, source, session_id, change_id, reverts_change_id)
SELECT id, user_id, CASE WHEN source = 'external' THEN 'system' ELSE source END, session_id, change_id, reverts_change_id
FROM audit_state;

DROP TABLE audit_state;

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
FROM (SELECT CAST(round(unixepoch('subsec') * 1000) AS INTEGER) AS t);

PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(replace(sql,
        'CHECK (contact IS NULL OR json_valid(contact) AND',
        'CHECK (json_valid(contact) AND'),
        'CHECK (draft_data IS NULL OR json_valid(draft_data))',
        'CHECK (json_valid(draft_data))')
WHERE type = 'table' AND name = 'profiles';

UPDATE sqlite_schema SET sql = replace(replace(sql,
        'CHECK (responsibilities IS NULL OR json_valid(responsibilities) AND',
        'CHECK (json_valid(responsibilities) AND'),
        'CHECK (technologies IS NULL OR json_valid(technologies) AND',
        'CHECK (json_valid(technologies) AND')
WHERE type = 'table' AND name = 'experiences';

UPDATE sqlite_schema SET sql = replace(replace(replace(replace(sql,
        'CHECK (achievements IS NULL OR json_valid(achievements) AND',
        'CHECK (json_valid(achievements) AND'),
        'CHECK (challenges IS NULL OR json_valid(challenges) AND',
        'CHECK (json_valid(challenges) AND'),
        'CHECK (clients IS NULL OR json_valid(clients) AND',
        'CHECK (json_valid(clients) AND'),
        'CHECK (technologies IS NULL OR json_valid(technologies) AND',
        'CHECK (json_valid(technologies) AND')
WHERE type = 'table' AND name = 'projects';

UPDATE sqlite_schema SET sql = replace(sql,
        'CHECK (import_data IS NULL OR json_valid(import_data))',
        'CHECK (json_valid(import_data))')
WHERE type = 'table' AND name = 'import_history';

UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
        'CHECK (old_values IS NULL OR json_valid(old_values))',
        'CHECK (json_valid(old_values))'),
        'CHECK (new_values IS NULL OR json_valid(new_values))',
        'CHECK (json_valid(new_values))'),
        'CHECK (source IN (''ui'', ''cli'', ''import'', ''sync'', ''system'', ''external''))',
        'CHECK (source IN (''ui'', ''cli'', ''import'', ''sync'', ''system''))')
WHERE type = 'table' AND name = 'audit_log';

UPDATE sqlite_schema SET sql = replace(sql,
        'CHECK (draft_data IS NULL OR json_valid(draft_data))',
        'CHECK (json_valid(draft_data))')
WHERE type = 'table' AND name = 'builder_steps';

PRAGMA writable_schema = RESET;
