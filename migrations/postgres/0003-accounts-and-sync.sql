-- 0003 accounts and sync: devices and their tokens, slowed-down sign-ins, the sync
-- log and merge state, and row-level security on every table
--
-- Why: the hosted account (docs/sync.md). A device signs in and gets an opaque token,
-- of which only the SHA-256 is kept. Every change a device pushes is kept once, in
-- order, with the account's sequence number (sync_changes); the merge state of each row
-- (its latest values and each column's clock, and its tombstone) is sync_rows; a
-- catalog row a device created under another id is remembered in sync_aliases. The
-- server runs every request as career_hub_app, a role that owns nothing and cannot
-- bypass row-level security, inside a transaction that sets app.current_user_id (the
-- document's § 10 name): a query that forgot its WHERE still sees one account.

CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX idx_devices_user_id ON devices(user_id);

-- Failed sign-ins per account (kind 'email') and per address (kind 'address').
CREATE TABLE sign_in_failures (
    kind TEXT NOT NULL CHECK (kind IN ('email', 'address')),
    subject TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last_failure_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, subject)
);

CREATE TABLE sync_accounts (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    last_seq BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE sync_changes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    change_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_key TEXT[] NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    columns JSONB NOT NULL,
    hlc TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, seq),
    UNIQUE (user_id, change_id)
);

CREATE TABLE sync_rows (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    -- The key as a JSON array (["<id>"]). Text, not TEXT[]: under row-level security
    -- only leakproof operators may use an index, and array equality is not one.
    row_key TEXT NOT NULL,
    -- The row's latest values, kept through a delete so that add-wins can bring it back.
    data JSONB NOT NULL DEFAULT '{}',
    -- Each column's clock stamp: {"column": "<hlc>"}.
    clocks JSONB NOT NULL DEFAULT '{}',
    -- The delete's stamp while the row is deleted.
    deleted_hlc TEXT,
    PRIMARY KEY (user_id, table_name, row_key)
);

CREATE TABLE sync_aliases (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    PRIMARY KEY (user_id, table_name, from_id)
);

-- E-mail addresses are one account regardless of case.
CREATE UNIQUE INDEX idx_users_email_lower ON users (lower(email));

-- What sync applied is audited with its source and device.
ALTER TABLE audit_log ADD COLUMN source VARCHAR(20);
ALTER TABLE audit_log ADD COLUMN device_id TEXT;
ALTER TABLE audit_log ADD COLUMN change_id TEXT;

-- Roles belong to the whole cluster: another database of it may have made the role
-- already, or be making it at this moment.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'career_hub_app') THEN
        CREATE ROLE career_hub_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
-- The migrating role may act as career_hub_app (the server's connections do).
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'career_hub_app', 'MEMBER') THEN
        EXECUTE format('GRANT career_hub_app TO %I', current_user);
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO career_hub_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON
    users, profiles, experiences, projects, project_experiences, skills,
    project_technologies, experience_technologies, education, certifications,
    achievements, cv_versions, import_history, devices,
    sync_accounts, sync_changes, sync_rows, sync_aliases
TO career_hub_app;
GRANT SELECT, INSERT ON audit_log TO career_hub_app;
GRANT DELETE ON audit_log TO career_hub_app;
GRANT SELECT, INSERT ON technologies TO career_hub_app;
GRANT SELECT ON responsibilities_library, certifications_with_expiry TO career_hub_app;

-- Row-level security: one policy per table, keyed on the request's account.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_owner ON users
    USING (id = current_setting('app.current_user_id', true));

ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY profiles_owner_policy ON profiles
    USING (user_id = current_setting('app.current_user_id', true));

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['experiences', 'projects', 'skills', 'education',
                             'certifications', 'achievements', 'cv_versions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I USING (profile_id IN (SELECT id FROM profiles
                 WHERE user_id = current_setting(''app.current_user_id'', true)))',
            t || '_owner', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['import_history', 'audit_log', 'devices', 'sync_accounts',
                             'sync_changes', 'sync_rows', 'sync_aliases'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I USING (user_id = current_setting(''app.current_user_id'', true))',
            t || '_owner', t);
    END LOOP;
END
$$;

-- A link is the account's when the row it hangs from is (that row's policy decides).
-- Correlated EXISTS, not IN: a lookup of one row, not a list of all the account's rows
-- built for every statement.
ALTER TABLE project_experiences ENABLE ROW LEVEL SECURITY;
CREATE POLICY project_experiences_owner ON project_experiences
    USING (EXISTS (SELECT 1 FROM projects p WHERE p.id = project_id)
           AND EXISTS (SELECT 1 FROM experiences e WHERE e.id = experience_id));
ALTER TABLE project_technologies ENABLE ROW LEVEL SECURITY;
CREATE POLICY project_technologies_owner ON project_technologies
    USING (EXISTS (SELECT 1 FROM projects p WHERE p.id = project_id));
ALTER TABLE experience_technologies ENABLE ROW LEVEL SECURITY;
CREATE POLICY experience_technologies_owner ON experience_technologies
    USING (EXISTS (SELECT 1 FROM experiences e WHERE e.id = experience_id));

-- The catalogs: everyone reads them; a technology can be added, never changed or
-- removed by an account (no UPDATE or DELETE policy, no grant).
ALTER TABLE technologies ENABLE ROW LEVEL SECURITY;
CREATE POLICY technologies_read ON technologies FOR SELECT USING (true);
CREATE POLICY technologies_add ON technologies FOR INSERT WITH CHECK (true);
ALTER TABLE responsibilities_library ENABLE ROW LEVEL SECURITY;
CREATE POLICY responsibilities_read ON responsibilities_library FOR SELECT USING (true);

-- What must work before the request's account is known, as narrow functions that run
-- as the owner: find an account by e-mail for sign-in, a device by its token's hash,
-- and count failed sign-ins.
CREATE FUNCTION auth_account(p_email TEXT)
RETURNS TABLE (id TEXT, password_hash TEXT, is_active BOOLEAN)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id, password_hash, is_active FROM users WHERE lower(email) = lower(p_email)
$$;

CREATE FUNCTION auth_device(p_token_hash BYTEA)
RETURNS TABLE (device_id TEXT, user_id TEXT)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE devices SET last_used_at = now()
    WHERE token_hash = p_token_hash AND revoked_at IS NULL AND expires_at > now()
    RETURNING id, user_id
$$;

-- Seconds to wait before the next sign-in attempt for these subjects: none for the
-- first five failures, then doubling from 1 s, at most 15 minutes.
CREATE FUNCTION sign_in_wait(p_email TEXT, p_address TEXT)
RETURNS INTEGER
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT COALESCE(max(GREATEST(0, ceil(extract(epoch FROM
               last_failure_at + make_interval(secs => LEAST(900, power(2, failures - 5)))
               - now())))::INTEGER), 0)
    FROM sign_in_failures
    WHERE failures >= 5
      AND ((kind = 'email' AND subject = lower(p_email))
           OR (kind = 'address' AND subject = p_address))
$$;

CREATE FUNCTION sign_in_failed(p_email TEXT, p_address TEXT)
RETURNS VOID
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO sign_in_failures (kind, subject, failures, last_failure_at)
    VALUES ('email', lower(p_email), 1, now()), ('address', p_address, 1, now())
    ON CONFLICT (kind, subject) DO UPDATE
        SET failures = sign_in_failures.failures + 1, last_failure_at = now()
$$;

CREATE FUNCTION sign_in_succeeded(p_email TEXT)
RETURNS VOID
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM sign_in_failures WHERE kind = 'email' AND subject = lower(p_email)
$$;

REVOKE ALL ON FUNCTION auth_account(TEXT), auth_device(BYTEA), sign_in_wait(TEXT, TEXT),
    sign_in_failed(TEXT, TEXT), sign_in_succeeded(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_account(TEXT), auth_device(BYTEA), sign_in_wait(TEXT, TEXT),
    sign_in_failed(TEXT, TEXT), sign_in_succeeded(TEXT) TO career_hub_app;
