-- 0004 profile domain
--
-- Why: the profile API (issue "Profile domain") needs what the documented schema does
-- not give. Everything here is additive and listed in docs/schema.md ("Additions"):
--   * display_order on projects, skills and certifications, so that every section of
--     a profile has the user's own order, as experiences, education and achievements
--     already do; their updated_at and audit triggers are recreated to cover it;
--   * technology names unique without regard to case (idx_technologies_name_nocase);
--   * at most one default CV version per profile (idx_cv_versions_one_default);
--   * full-text search, the SQLite form of the documented idx_experiences_search and
--     idx_projects_search (FTS5, kept current by triggers), and the typo-tolerant
--     search that idx_skills_search meant (FTS5 trigram over technology names, which
--     is where skill names live);
--   * profile-builder sessions (builder_sessions, builder_steps): which wizard step a
--     person is on, each step's status and validation errors, and the autosaved draft
--     of a half-filled form; audited like the rest.

ALTER TABLE projects ADD COLUMN display_order INTEGER DEFAULT 0;
ALTER TABLE skills ADD COLUMN display_order INTEGER DEFAULT 0;
ALTER TABLE certifications ADD COLUMN display_order INTEGER DEFAULT 0;

CREATE UNIQUE INDEX idx_technologies_name_nocase ON technologies(name COLLATE NOCASE);
CREATE UNIQUE INDEX idx_cv_versions_one_default ON cv_versions(profile_id) WHERE is_default = 1;

CREATE TABLE builder_sessions (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    current_step TEXT NOT NULL DEFAULT 'basics' CHECK (current_step IN ('basics', 'experience', 'projects', 'skills', 'education', 'certifications', 'achievements', 'review')),
    started_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (started_at IS strftime('%Y-%m-%dT%H:%M:%fZ', started_at)),
    ended_at TEXT CHECK (ended_at IS strftime('%Y-%m-%dT%H:%M:%fZ', ended_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE INDEX idx_builder_sessions_profile ON builder_sessions(profile_id, started_at DESC);
CREATE UNIQUE INDEX idx_builder_sessions_one_open ON builder_sessions(profile_id) WHERE ended_at IS NULL;

CREATE TABLE builder_steps (
    session_id TEXT NOT NULL REFERENCES builder_sessions(id) ON DELETE CASCADE,
    step TEXT NOT NULL CHECK (step IN ('basics', 'experience', 'projects', 'skills', 'education', 'certifications', 'achievements', 'review')),
    status TEXT NOT NULL DEFAULT 'NOT_STARTED' CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETE')),
    validation_errors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(validation_errors) AND json_type(validation_errors) = 'array'),
    draft_data TEXT CHECK (json_valid(draft_data)),
    started_at TEXT CHECK (started_at IS strftime('%Y-%m-%dT%H:%M:%fZ', started_at)),
    completed_at TEXT CHECK (completed_at IS strftime('%Y-%m-%dT%H:%M:%fZ', completed_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    PRIMARY KEY (session_id, step)
) STRICT;

-- The recreated triggers of the three tables that gained display_order.
DROP TRIGGER update_projects_updated_at;
DROP TRIGGER audit_projects_insert;
DROP TRIGGER audit_projects_update;
DROP TRIGGER audit_projects_delete;
DROP TRIGGER update_skills_updated_at;
DROP TRIGGER audit_skills_insert;
DROP TRIGGER audit_skills_update;
DROP TRIGGER audit_skills_delete;
DROP TRIGGER update_certifications_updated_at;
DROP TRIGGER audit_certifications_insert;
DROP TRIGGER audit_certifications_update;
DROP TRIGGER audit_certifications_delete;

CREATE TRIGGER update_projects_updated_at AFTER UPDATE ON projects
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.name IS NOT OLD.name
    OR NEW.description IS NOT OLD.description
    OR NEW.role IS NOT OLD.role
    OR NEW.start_date IS NOT OLD.start_date
    OR NEW.end_date IS NOT OLD.end_date
    OR NEW.is_ongoing IS NOT OLD.is_ongoing
    OR NEW.is_anonymized IS NOT OLD.is_anonymized
    OR NEW.anonymized_company IS NOT OLD.anonymized_company
    OR NEW.status IS NOT OLD.status
    OR NEW.category IS NOT OLD.category
    OR NEW.achievements IS NOT OLD.achievements
    OR NEW.challenges IS NOT OLD.challenges
    OR NEW.clients IS NOT OLD.clients
    OR NEW.team_size IS NOT OLD.team_size
    OR NEW.duration_months IS NOT OLD.duration_months
    OR NEW.users_count IS NOT OLD.users_count
    OR NEW.budget_range IS NOT OLD.budget_range
    OR NEW.demo_url IS NOT OLD.demo_url
    OR NEW.github_url IS NOT OLD.github_url
    OR NEW.documentation_url IS NOT OLD.documentation_url
    OR NEW.visibility IS NOT OLD.visibility
    OR NEW.technologies IS NOT OLD.technologies
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.display_order IS NOT OLD.display_order
)
BEGIN
    UPDATE projects SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER update_skills_updated_at AFTER UPDATE ON skills
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.technology_id IS NOT OLD.technology_id
    OR NEW.level IS NOT OLD.level
    OR NEW.years_of_experience IS NOT OLD.years_of_experience
    OR NEW.started_using_year IS NOT OLD.started_using_year
    OR NEW.is_primary IS NOT OLD.is_primary
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.display_order IS NOT OLD.display_order
)
BEGIN
    UPDATE skills SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER update_certifications_updated_at AFTER UPDATE ON certifications
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.name IS NOT OLD.name
    OR NEW.issuing_organization IS NOT OLD.issuing_organization
    OR NEW.credential_id IS NOT OLD.credential_id
    OR NEW.credential_url IS NOT OLD.credential_url
    OR NEW.issue_date IS NOT OLD.issue_date
    OR NEW.expiry_date IS NOT OLD.expiry_date
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.display_order IS NOT OLD.display_order
)
BEGIN
    UPDATE certifications SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER update_builder_sessions_updated_at AFTER UPDATE ON builder_sessions
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.current_step IS NOT OLD.current_step
    OR NEW.started_at IS NOT OLD.started_at
    OR NEW.ended_at IS NOT OLD.ended_at
)
BEGIN
    UPDATE builder_sessions SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER update_builder_steps_updated_at AFTER UPDATE ON builder_steps
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
    NEW.session_id IS NOT OLD.session_id
    OR NEW.step IS NOT OLD.step
    OR NEW.status IS NOT OLD.status
    OR NEW.validation_errors IS NOT OLD.validation_errors
    OR NEW.draft_data IS NOT OLD.draft_data
    OR NEW.started_at IS NOT OLD.started_at
    OR NEW.completed_at IS NOT OLD.completed_at
)
BEGIN
    UPDATE builder_steps SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;


CREATE TRIGGER audit_projects_insert AFTER INSERT ON projects
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'CREATE_PROJECT',
        'PROJECT',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'name', NEW.name,
            'description', NEW.description,
            'role', NEW.role,
            'start_date', NEW.start_date,
            'end_date', NEW.end_date,
            'is_ongoing', NEW.is_ongoing,
            'is_anonymized', NEW.is_anonymized,
            'anonymized_company', NEW.anonymized_company,
            'status', NEW.status,
            'category', NEW.category,
            'achievements', json(NEW.achievements),
            'challenges', json(NEW.challenges),
            'clients', json(NEW.clients),
            'team_size', NEW.team_size,
            'duration_months', NEW.duration_months,
            'users_count', NEW.users_count,
            'budget_range', NEW.budget_range,
            'demo_url', NEW.demo_url,
            'github_url', NEW.github_url,
            'documentation_url', NEW.documentation_url,
            'visibility', NEW.visibility,
            'technologies', json(NEW.technologies),
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at,
            'display_order', NEW.display_order
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_projects_update AFTER UPDATE ON projects
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.name IS NOT OLD.name
    OR NEW.description IS NOT OLD.description
    OR NEW.role IS NOT OLD.role
    OR NEW.start_date IS NOT OLD.start_date
    OR NEW.end_date IS NOT OLD.end_date
    OR NEW.is_ongoing IS NOT OLD.is_ongoing
    OR NEW.is_anonymized IS NOT OLD.is_anonymized
    OR NEW.anonymized_company IS NOT OLD.anonymized_company
    OR NEW.status IS NOT OLD.status
    OR NEW.category IS NOT OLD.category
    OR NEW.achievements IS NOT OLD.achievements
    OR NEW.challenges IS NOT OLD.challenges
    OR NEW.clients IS NOT OLD.clients
    OR NEW.team_size IS NOT OLD.team_size
    OR NEW.duration_months IS NOT OLD.duration_months
    OR NEW.users_count IS NOT OLD.users_count
    OR NEW.budget_range IS NOT OLD.budget_range
    OR NEW.demo_url IS NOT OLD.demo_url
    OR NEW.github_url IS NOT OLD.github_url
    OR NEW.documentation_url IS NOT OLD.documentation_url
    OR NEW.visibility IS NOT OLD.visibility
    OR NEW.technologies IS NOT OLD.technologies
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.display_order IS NOT OLD.display_order
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'UPDATE_PROJECT',
        'PROJECT',
        NEW.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'name', OLD.name,
            'description', OLD.description,
            'role', OLD.role,
            'start_date', OLD.start_date,
            'end_date', OLD.end_date,
            'is_ongoing', OLD.is_ongoing,
            'is_anonymized', OLD.is_anonymized,
            'anonymized_company', OLD.anonymized_company,
            'status', OLD.status,
            'category', OLD.category,
            'achievements', json(OLD.achievements),
            'challenges', json(OLD.challenges),
            'clients', json(OLD.clients),
            'team_size', OLD.team_size,
            'duration_months', OLD.duration_months,
            'users_count', OLD.users_count,
            'budget_range', OLD.budget_range,
            'demo_url', OLD.demo_url,
            'github_url', OLD.github_url,
            'documentation_url', OLD.documentation_url,
            'visibility', OLD.visibility,
            'technologies', json(OLD.technologies),
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at,
            'display_order', OLD.display_order
        ),
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'name', NEW.name,
            'description', NEW.description,
            'role', NEW.role,
            'start_date', NEW.start_date,
            'end_date', NEW.end_date,
            'is_ongoing', NEW.is_ongoing,
            'is_anonymized', NEW.is_anonymized,
            'anonymized_company', NEW.anonymized_company,
            'status', NEW.status,
            'category', NEW.category,
            'achievements', json(NEW.achievements),
            'challenges', json(NEW.challenges),
            'clients', json(NEW.clients),
            'team_size', NEW.team_size,
            'duration_months', NEW.duration_months,
            'users_count', NEW.users_count,
            'budget_range', NEW.budget_range,
            'demo_url', NEW.demo_url,
            'github_url', NEW.github_url,
            'documentation_url', NEW.documentation_url,
            'visibility', NEW.visibility,
            'technologies', json(NEW.technologies),
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END,
            'display_order', NEW.display_order
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_projects_delete AFTER DELETE ON projects
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = OLD.profile_id), c.user_id)),
        'DELETE_PROJECT',
        'PROJECT',
        OLD.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'name', OLD.name,
            'description', OLD.description,
            'role', OLD.role,
            'start_date', OLD.start_date,
            'end_date', OLD.end_date,
            'is_ongoing', OLD.is_ongoing,
            'is_anonymized', OLD.is_anonymized,
            'anonymized_company', OLD.anonymized_company,
            'status', OLD.status,
            'category', OLD.category,
            'achievements', json(OLD.achievements),
            'challenges', json(OLD.challenges),
            'clients', json(OLD.clients),
            'team_size', OLD.team_size,
            'duration_months', OLD.duration_months,
            'users_count', OLD.users_count,
            'budget_range', OLD.budget_range,
            'demo_url', OLD.demo_url,
            'github_url', OLD.github_url,
            'documentation_url', OLD.documentation_url,
            'visibility', OLD.visibility,
            'technologies', json(OLD.technologies),
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at,
            'display_order', OLD.display_order
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_skills_insert AFTER INSERT ON skills
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'CREATE_SKILL',
        'SKILL',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'technology_id', NEW.technology_id,
            'level', NEW.level,
            'years_of_experience', NEW.years_of_experience,
            'started_using_year', NEW.started_using_year,
            'is_primary', NEW.is_primary,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at,
            'display_order', NEW.display_order
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_skills_update AFTER UPDATE ON skills
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.technology_id IS NOT OLD.technology_id
    OR NEW.level IS NOT OLD.level
    OR NEW.years_of_experience IS NOT OLD.years_of_experience
    OR NEW.started_using_year IS NOT OLD.started_using_year
    OR NEW.is_primary IS NOT OLD.is_primary
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.display_order IS NOT OLD.display_order
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'UPDATE_SKILL',
        'SKILL',
        NEW.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'technology_id', OLD.technology_id,
            'level', OLD.level,
            'years_of_experience', OLD.years_of_experience,
            'started_using_year', OLD.started_using_year,
            'is_primary', OLD.is_primary,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at,
            'display_order', OLD.display_order
        ),
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'technology_id', NEW.technology_id,
            'level', NEW.level,
            'years_of_experience', NEW.years_of_experience,
            'started_using_year', NEW.started_using_year,
            'is_primary', NEW.is_primary,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END,
            'display_order', NEW.display_order
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_skills_delete AFTER DELETE ON skills
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = OLD.profile_id), c.user_id)),
        'DELETE_SKILL',
        'SKILL',
        OLD.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'technology_id', OLD.technology_id,
            'level', OLD.level,
            'years_of_experience', OLD.years_of_experience,
            'started_using_year', OLD.started_using_year,
            'is_primary', OLD.is_primary,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at,
            'display_order', OLD.display_order
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_certifications_insert AFTER INSERT ON certifications
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'CREATE_CERTIFICATION',
        'CERTIFICATION',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'name', NEW.name,
            'issuing_organization', NEW.issuing_organization,
            'credential_id', NEW.credential_id,
            'credential_url', NEW.credential_url,
            'issue_date', NEW.issue_date,
            'expiry_date', NEW.expiry_date,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at,
            'display_order', NEW.display_order
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_certifications_update AFTER UPDATE ON certifications
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.name IS NOT OLD.name
    OR NEW.issuing_organization IS NOT OLD.issuing_organization
    OR NEW.credential_id IS NOT OLD.credential_id
    OR NEW.credential_url IS NOT OLD.credential_url
    OR NEW.issue_date IS NOT OLD.issue_date
    OR NEW.expiry_date IS NOT OLD.expiry_date
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.display_order IS NOT OLD.display_order
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'UPDATE_CERTIFICATION',
        'CERTIFICATION',
        NEW.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'name', OLD.name,
            'issuing_organization', OLD.issuing_organization,
            'credential_id', OLD.credential_id,
            'credential_url', OLD.credential_url,
            'issue_date', OLD.issue_date,
            'expiry_date', OLD.expiry_date,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at,
            'display_order', OLD.display_order
        ),
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'name', NEW.name,
            'issuing_organization', NEW.issuing_organization,
            'credential_id', NEW.credential_id,
            'credential_url', NEW.credential_url,
            'issue_date', NEW.issue_date,
            'expiry_date', NEW.expiry_date,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END,
            'display_order', NEW.display_order
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_certifications_delete AFTER DELETE ON certifications
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = OLD.profile_id), c.user_id)),
        'DELETE_CERTIFICATION',
        'CERTIFICATION',
        OLD.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'name', OLD.name,
            'issuing_organization', OLD.issuing_organization,
            'credential_id', OLD.credential_id,
            'credential_url', OLD.credential_url,
            'issue_date', OLD.issue_date,
            'expiry_date', OLD.expiry_date,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at,
            'display_order', OLD.display_order
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_builder_sessions_insert AFTER INSERT ON builder_sessions
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'CREATE_BUILDER_SESSION',
        'BUILDER_SESSION',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'current_step', NEW.current_step,
            'started_at', NEW.started_at,
            'ended_at', NEW.ended_at,
            'updated_at', NEW.updated_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_builder_sessions_update AFTER UPDATE ON builder_sessions
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.current_step IS NOT OLD.current_step
    OR NEW.started_at IS NOT OLD.started_at
    OR NEW.ended_at IS NOT OLD.ended_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'UPDATE_BUILDER_SESSION',
        'BUILDER_SESSION',
        NEW.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'current_step', OLD.current_step,
            'started_at', OLD.started_at,
            'ended_at', OLD.ended_at,
            'updated_at', OLD.updated_at
        ),
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'current_step', NEW.current_step,
            'started_at', NEW.started_at,
            'ended_at', NEW.ended_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_builder_sessions_delete AFTER DELETE ON builder_sessions
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = OLD.profile_id), c.user_id)),
        'DELETE_BUILDER_SESSION',
        'BUILDER_SESSION',
        OLD.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'current_step', OLD.current_step,
            'started_at', OLD.started_at,
            'ended_at', OLD.ended_at,
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_builder_steps_insert AFTER INSERT ON builder_steps
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM builder_sessions j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.session_id), c.user_id)),
        'CREATE_BUILDER_STEP',
        'BUILDER_STEP',
        NEW.session_id || ':' || NEW.step,
        NULL,
        json_object(
            'session_id', NEW.session_id,
            'step', NEW.step,
            'status', NEW.status,
            'validation_errors', json(NEW.validation_errors),
            'draft_data', json(NEW.draft_data),
            'started_at', NEW.started_at,
            'completed_at', NEW.completed_at,
            'updated_at', NEW.updated_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_builder_steps_update AFTER UPDATE ON builder_steps
FOR EACH ROW WHEN
    NEW.session_id IS NOT OLD.session_id
    OR NEW.step IS NOT OLD.step
    OR NEW.status IS NOT OLD.status
    OR NEW.validation_errors IS NOT OLD.validation_errors
    OR NEW.draft_data IS NOT OLD.draft_data
    OR NEW.started_at IS NOT OLD.started_at
    OR NEW.completed_at IS NOT OLD.completed_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM builder_sessions j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.session_id), c.user_id)),
        'UPDATE_BUILDER_STEP',
        'BUILDER_STEP',
        NEW.session_id || ':' || NEW.step,
        json_object(
            'session_id', OLD.session_id,
            'step', OLD.step,
            'status', OLD.status,
            'validation_errors', json(OLD.validation_errors),
            'draft_data', json(OLD.draft_data),
            'started_at', OLD.started_at,
            'completed_at', OLD.completed_at,
            'updated_at', OLD.updated_at
        ),
        json_object(
            'session_id', NEW.session_id,
            'step', NEW.step,
            'status', NEW.status,
            'validation_errors', json(NEW.validation_errors),
            'draft_data', json(NEW.draft_data),
            'started_at', NEW.started_at,
            'completed_at', NEW.completed_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

CREATE TRIGGER audit_builder_steps_delete AFTER DELETE ON builder_steps
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM builder_sessions j JOIN profiles p ON p.id = j.profile_id WHERE j.id = OLD.session_id), c.user_id)),
        'DELETE_BUILDER_STEP',
        'BUILDER_STEP',
        OLD.session_id || ':' || OLD.step,
        json_object(
            'session_id', OLD.session_id,
            'step', OLD.step,
            'status', OLD.status,
            'validation_errors', json(OLD.validation_errors),
            'draft_data', json(OLD.draft_data),
            'started_at', OLD.started_at,
            'completed_at', OLD.completed_at,
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;


-- Search.

CREATE VIRTUAL TABLE experiences_fts USING fts5(
    company_name, position, description, responsibilities,
    content = 'experiences',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER experiences_fts_insert AFTER INSERT ON experiences
BEGIN
    INSERT INTO experiences_fts (rowid, company_name, position, description, responsibilities) VALUES (NEW.rowid, NEW.company_name, NEW.position, NEW.description, NEW.responsibilities);
END;

CREATE TRIGGER experiences_fts_delete AFTER DELETE ON experiences
BEGIN
    INSERT INTO experiences_fts (experiences_fts, rowid, company_name, position, description, responsibilities) VALUES ('delete', OLD.rowid, OLD.company_name, OLD.position, OLD.description, OLD.responsibilities);
END;

CREATE TRIGGER experiences_fts_update AFTER UPDATE OF company_name, position, description, responsibilities ON experiences
BEGIN
    INSERT INTO experiences_fts (experiences_fts, rowid, company_name, position, description, responsibilities) VALUES ('delete', OLD.rowid, OLD.company_name, OLD.position, OLD.description, OLD.responsibilities);
    INSERT INTO experiences_fts (rowid, company_name, position, description, responsibilities) VALUES (NEW.rowid, NEW.company_name, NEW.position, NEW.description, NEW.responsibilities);
END;

INSERT INTO experiences_fts (experiences_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE projects_fts USING fts5(
    name, description, achievements,
    content = 'projects',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects
BEGIN
    INSERT INTO projects_fts (rowid, name, description, achievements) VALUES (NEW.rowid, NEW.name, NEW.description, NEW.achievements);
END;

CREATE TRIGGER projects_fts_delete AFTER DELETE ON projects
BEGIN
    INSERT INTO projects_fts (projects_fts, rowid, name, description, achievements) VALUES ('delete', OLD.rowid, OLD.name, OLD.description, OLD.achievements);
END;

CREATE TRIGGER projects_fts_update AFTER UPDATE OF name, description, achievements ON projects
BEGIN
    INSERT INTO projects_fts (projects_fts, rowid, name, description, achievements) VALUES ('delete', OLD.rowid, OLD.name, OLD.description, OLD.achievements);
    INSERT INTO projects_fts (rowid, name, description, achievements) VALUES (NEW.rowid, NEW.name, NEW.description, NEW.achievements);
END;

INSERT INTO projects_fts (projects_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE technologies_fts USING fts5(
    name,
    content = 'technologies',
    content_rowid = 'rowid',
    tokenize = 'trigram'
);

CREATE TRIGGER technologies_fts_insert AFTER INSERT ON technologies
BEGIN
    INSERT INTO technologies_fts (rowid, name) VALUES (NEW.rowid, NEW.name);
END;

CREATE TRIGGER technologies_fts_delete AFTER DELETE ON technologies
BEGIN
    INSERT INTO technologies_fts (technologies_fts, rowid, name) VALUES ('delete', OLD.rowid, OLD.name);
END;

CREATE TRIGGER technologies_fts_update AFTER UPDATE OF name ON technologies
BEGIN
    INSERT INTO technologies_fts (technologies_fts, rowid, name) VALUES ('delete', OLD.rowid, OLD.name);
    INSERT INTO technologies_fts (rowid, name) VALUES (NEW.rowid, NEW.name);
END;

INSERT INTO technologies_fts (technologies_fts) VALUES ('rebuild');
