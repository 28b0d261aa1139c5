-- 0004 profile domain, reversed: drops search, builder sessions and the added indexes
-- and columns, and puts back the triggers 0001 and 0002 gave projects, skills and
-- certifications.
DROP TRIGGER experiences_fts_insert;
DROP TRIGGER experiences_fts_delete;
DROP TRIGGER experiences_fts_update;
DROP TABLE experiences_fts;
DROP TRIGGER projects_fts_insert;
DROP TRIGGER projects_fts_delete;
DROP TRIGGER projects_fts_update;
DROP TABLE projects_fts;
DROP TRIGGER technologies_fts_insert;
DROP TRIGGER technologies_fts_delete;
DROP TRIGGER technologies_fts_update;
DROP TABLE technologies_fts;
DROP TRIGGER update_projects_updated_at;
DROP TRIGGER update_skills_updated_at;
DROP TRIGGER update_certifications_updated_at;
DROP TRIGGER update_builder_sessions_updated_at;
DROP TRIGGER update_builder_steps_updated_at;
DROP TRIGGER audit_projects_insert;
DROP TRIGGER audit_projects_update;
DROP TRIGGER audit_projects_delete;
DROP TRIGGER audit_skills_insert;
DROP TRIGGER audit_skills_update;
DROP TRIGGER audit_skills_delete;
DROP TRIGGER audit_certifications_insert;
DROP TRIGGER audit_certifications_update;
DROP TRIGGER audit_certifications_delete;
DROP TRIGGER audit_builder_sessions_insert;
DROP TRIGGER audit_builder_sessions_update;
DROP TRIGGER audit_builder_sessions_delete;
DROP TRIGGER audit_builder_steps_insert;
DROP TRIGGER audit_builder_steps_update;
DROP TRIGGER audit_builder_steps_delete;
DROP TABLE builder_steps;
DROP TABLE builder_sessions;
DROP INDEX idx_cv_versions_one_default;
DROP INDEX idx_technologies_name_nocase;
ALTER TABLE certifications DROP COLUMN display_order;
ALTER TABLE skills DROP COLUMN display_order;
ALTER TABLE projects DROP COLUMN display_order;

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
)
BEGIN
    UPDATE projects SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
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
            'updated_at', NEW.updated_at
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
            'updated_at', OLD.updated_at
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
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
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
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
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
)
BEGIN
    UPDATE skills SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
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
            'updated_at', NEW.updated_at
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
            'updated_at', OLD.updated_at
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
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
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
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
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
)
BEGIN
    UPDATE certifications SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
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
            'updated_at', NEW.updated_at
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
            'updated_at', OLD.updated_at
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
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
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
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
