-- Reverses 0008: the per-change facts go back onto every audit row, the changes table
-- is dropped and the audit triggers of 0004/0006 come back.
DROP TRIGGER audit_achievements_delete;
DROP TRIGGER audit_achievements_insert;
DROP TRIGGER audit_achievements_update;
DROP TRIGGER audit_builder_sessions_delete;
DROP TRIGGER audit_builder_sessions_insert;
DROP TRIGGER audit_builder_sessions_update;
DROP TRIGGER audit_builder_steps_delete;
DROP TRIGGER audit_builder_steps_insert;
DROP TRIGGER audit_builder_steps_update;
DROP TRIGGER audit_certifications_delete;
DROP TRIGGER audit_certifications_insert;
DROP TRIGGER audit_certifications_update;
DROP TRIGGER audit_cv_versions_delete;
DROP TRIGGER audit_cv_versions_insert;
DROP TRIGGER audit_cv_versions_update;
DROP TRIGGER audit_education_delete;
DROP TRIGGER audit_education_insert;
DROP TRIGGER audit_education_update;
DROP TRIGGER audit_experience_technologies_delete;
DROP TRIGGER audit_experience_technologies_insert;
DROP TRIGGER audit_experience_technologies_update;
DROP TRIGGER audit_experiences_delete;
DROP TRIGGER audit_experiences_insert;
DROP TRIGGER audit_experiences_update;
DROP TRIGGER audit_profiles_delete;
DROP TRIGGER audit_profiles_insert;
DROP TRIGGER audit_profiles_update;
DROP TRIGGER audit_project_experiences_delete;
DROP TRIGGER audit_project_experiences_insert;
DROP TRIGGER audit_project_experiences_update;
DROP TRIGGER audit_project_technologies_delete;
DROP TRIGGER audit_project_technologies_insert;
DROP TRIGGER audit_project_technologies_update;
DROP TRIGGER audit_projects_delete;
DROP TRIGGER audit_projects_insert;
DROP TRIGGER audit_projects_update;
DROP TRIGGER audit_skills_delete;
DROP TRIGGER audit_skills_insert;
DROP TRIGGER audit_skills_update;
DROP TRIGGER audit_technologies_delete;
DROP TRIGGER audit_technologies_insert;
DROP TRIGGER audit_technologies_update;
DROP TRIGGER audit_users_delete;
DROP TRIGGER audit_users_insert;
DROP TRIGGER audit_users_update;
ALTER TABLE audit_log ADD COLUMN source TEXT NOT NULL DEFAULT 'system'
    CHECK (source IN ('ui', 'cli', 'import', 'sync', 'system', 'external'));
ALTER TABLE audit_log ADD COLUMN session_id TEXT;
ALTER TABLE audit_log ADD COLUMN reverts_change_id TEXT;
UPDATE audit_log
SET (source, session_id, reverts_change_id) = (
    SELECT c.source, c.session_id, c.reverts_change_id FROM changes c WHERE c.id = audit_log.change_id
)
WHERE change_id IN (SELECT id FROM changes);
DROP TABLE changes;
CREATE TRIGGER audit_achievements_delete AFTER DELETE ON achievements
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = OLD.profile_id), c.user_id)),
        'DELETE_ACHIEVEMENT',
        'ACHIEVEMENT',
        OLD.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'title', OLD.title,
            'description', OLD.description,
            'date', OLD.date,
            'category', OLD.category,
            'url', OLD.url,
            'display_order', OLD.display_order,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_achievements_insert AFTER INSERT ON achievements
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'CREATE_ACHIEVEMENT',
        'ACHIEVEMENT',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'title', NEW.title,
            'description', NEW.description,
            'date', NEW.date,
            'category', NEW.category,
            'url', NEW.url,
            'display_order', NEW.display_order,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_achievements_update AFTER UPDATE ON achievements
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.title IS NOT OLD.title
    OR NEW.description IS NOT OLD.description
    OR NEW.date IS NOT OLD.date
    OR NEW.category IS NOT OLD.category
    OR NEW.url IS NOT OLD.url
    OR NEW.display_order IS NOT OLD.display_order
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'UPDATE_ACHIEVEMENT',
        'ACHIEVEMENT',
        NEW.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'title', OLD.title,
            'description', OLD.description,
            'date', OLD.date,
            'category', OLD.category,
            'url', OLD.url,
            'display_order', OLD.display_order,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'title', NEW.title,
            'description', NEW.description,
            'date', NEW.date,
            'category', NEW.category,
            'url', NEW.url,
            'display_order', NEW.display_order,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_builder_sessions_delete AFTER DELETE ON builder_sessions
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_builder_sessions_insert AFTER INSERT ON builder_sessions
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
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
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_builder_steps_delete AFTER DELETE ON builder_steps
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_builder_steps_insert AFTER INSERT ON builder_steps
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
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
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_certifications_delete AFTER DELETE ON certifications
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_certifications_insert AFTER INSERT ON certifications
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
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
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_cv_versions_delete AFTER DELETE ON cv_versions
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = OLD.profile_id), c.user_id)),
        'DELETE_CV_VERSION',
        'CV_VERSION',
        OLD.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'name', OLD.name,
            'template', OLD.template,
            'sections_config', json(OLD.sections_config),
            'pdf_url', OLD.pdf_url,
            'is_default', OLD.is_default,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_cv_versions_insert AFTER INSERT ON cv_versions
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'CREATE_CV_VERSION',
        'CV_VERSION',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'name', NEW.name,
            'template', NEW.template,
            'sections_config', json(NEW.sections_config),
            'pdf_url', NEW.pdf_url,
            'is_default', NEW.is_default,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_cv_versions_update AFTER UPDATE ON cv_versions
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.name IS NOT OLD.name
    OR NEW.template IS NOT OLD.template
    OR NEW.sections_config IS NOT OLD.sections_config
    OR NEW.pdf_url IS NOT OLD.pdf_url
    OR NEW.is_default IS NOT OLD.is_default
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'UPDATE_CV_VERSION',
        'CV_VERSION',
        NEW.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'name', OLD.name,
            'template', OLD.template,
            'sections_config', json(OLD.sections_config),
            'pdf_url', OLD.pdf_url,
            'is_default', OLD.is_default,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'name', NEW.name,
            'template', NEW.template,
            'sections_config', json(NEW.sections_config),
            'pdf_url', NEW.pdf_url,
            'is_default', NEW.is_default,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_education_delete AFTER DELETE ON education
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = OLD.profile_id), c.user_id)),
        'DELETE_EDUCATION',
        'EDUCATION',
        OLD.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'institution', OLD.institution,
            'degree', OLD.degree,
            'field_of_study', OLD.field_of_study,
            'start_date', OLD.start_date,
            'end_date', OLD.end_date,
            'grade', OLD.grade,
            'description', OLD.description,
            'display_order', OLD.display_order,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_education_insert AFTER INSERT ON education
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'CREATE_EDUCATION',
        'EDUCATION',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'institution', NEW.institution,
            'degree', NEW.degree,
            'field_of_study', NEW.field_of_study,
            'start_date', NEW.start_date,
            'end_date', NEW.end_date,
            'grade', NEW.grade,
            'description', NEW.description,
            'display_order', NEW.display_order,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_education_update AFTER UPDATE ON education
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.institution IS NOT OLD.institution
    OR NEW.degree IS NOT OLD.degree
    OR NEW.field_of_study IS NOT OLD.field_of_study
    OR NEW.start_date IS NOT OLD.start_date
    OR NEW.end_date IS NOT OLD.end_date
    OR NEW.grade IS NOT OLD.grade
    OR NEW.description IS NOT OLD.description
    OR NEW.display_order IS NOT OLD.display_order
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'UPDATE_EDUCATION',
        'EDUCATION',
        NEW.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'institution', OLD.institution,
            'degree', OLD.degree,
            'field_of_study', OLD.field_of_study,
            'start_date', OLD.start_date,
            'end_date', OLD.end_date,
            'grade', OLD.grade,
            'description', OLD.description,
            'display_order', OLD.display_order,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'institution', NEW.institution,
            'degree', NEW.degree,
            'field_of_study', NEW.field_of_study,
            'start_date', NEW.start_date,
            'end_date', NEW.end_date,
            'grade', NEW.grade,
            'description', NEW.description,
            'display_order', NEW.display_order,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_experience_technologies_delete AFTER DELETE ON experience_technologies
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM experiences j JOIN profiles p ON p.id = j.profile_id WHERE j.id = OLD.experience_id), c.user_id)),
        'DELETE_EXPERIENCE_TECHNOLOGY',
        'EXPERIENCE_TECHNOLOGY',
        OLD.experience_id || ':' || OLD.technology_id,
        json_object(
            'experience_id', OLD.experience_id,
            'technology_id', OLD.technology_id
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_experience_technologies_insert AFTER INSERT ON experience_technologies
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM experiences j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.experience_id), c.user_id)),
        'CREATE_EXPERIENCE_TECHNOLOGY',
        'EXPERIENCE_TECHNOLOGY',
        NEW.experience_id || ':' || NEW.technology_id,
        NULL,
        json_object(
            'experience_id', NEW.experience_id,
            'technology_id', NEW.technology_id
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_experience_technologies_update AFTER UPDATE ON experience_technologies
FOR EACH ROW WHEN
    NEW.experience_id IS NOT OLD.experience_id
    OR NEW.technology_id IS NOT OLD.technology_id
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM experiences j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.experience_id), c.user_id)),
        'UPDATE_EXPERIENCE_TECHNOLOGY',
        'EXPERIENCE_TECHNOLOGY',
        NEW.experience_id || ':' || NEW.technology_id,
        json_object(
            'experience_id', OLD.experience_id,
            'technology_id', OLD.technology_id
        ),
        json_object(
            'experience_id', NEW.experience_id,
            'technology_id', NEW.technology_id
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_experiences_delete AFTER DELETE ON experiences
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = OLD.profile_id), c.user_id)),
        'DELETE_EXPERIENCE',
        'EXPERIENCE',
        OLD.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'company_name', OLD.company_name,
            'company_website', OLD.company_website,
            'company_size', OLD.company_size,
            'industry', OLD.industry,
            'company_location', OLD.company_location,
            'position', OLD.position,
            'employment_type', OLD.employment_type,
            'start_date', OLD.start_date,
            'end_date', OLD.end_date,
            'is_current', OLD.is_current,
            'description', OLD.description,
            'responsibilities', json(OLD.responsibilities),
            'technologies', json(OLD.technologies),
            'display_order', OLD.display_order,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_experiences_insert AFTER INSERT ON experiences
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'CREATE_EXPERIENCE',
        'EXPERIENCE',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'company_name', NEW.company_name,
            'company_website', NEW.company_website,
            'company_size', NEW.company_size,
            'industry', NEW.industry,
            'company_location', NEW.company_location,
            'position', NEW.position,
            'employment_type', NEW.employment_type,
            'start_date', NEW.start_date,
            'end_date', NEW.end_date,
            'is_current', NEW.is_current,
            'description', NEW.description,
            'responsibilities', json(NEW.responsibilities),
            'technologies', json(NEW.technologies),
            'display_order', NEW.display_order,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_experiences_update AFTER UPDATE ON experiences
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.company_name IS NOT OLD.company_name
    OR NEW.company_website IS NOT OLD.company_website
    OR NEW.company_size IS NOT OLD.company_size
    OR NEW.industry IS NOT OLD.industry
    OR NEW.company_location IS NOT OLD.company_location
    OR NEW.position IS NOT OLD.position
    OR NEW.employment_type IS NOT OLD.employment_type
    OR NEW.start_date IS NOT OLD.start_date
    OR NEW.end_date IS NOT OLD.end_date
    OR NEW.is_current IS NOT OLD.is_current
    OR NEW.description IS NOT OLD.description
    OR NEW.responsibilities IS NOT OLD.responsibilities
    OR NEW.technologies IS NOT OLD.technologies
    OR NEW.display_order IS NOT OLD.display_order
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT user_id FROM profiles WHERE id = NEW.profile_id), c.user_id)),
        'UPDATE_EXPERIENCE',
        'EXPERIENCE',
        NEW.id,
        json_object(
            'id', OLD.id,
            'profile_id', OLD.profile_id,
            'company_name', OLD.company_name,
            'company_website', OLD.company_website,
            'company_size', OLD.company_size,
            'industry', OLD.industry,
            'company_location', OLD.company_location,
            'position', OLD.position,
            'employment_type', OLD.employment_type,
            'start_date', OLD.start_date,
            'end_date', OLD.end_date,
            'is_current', OLD.is_current,
            'description', OLD.description,
            'responsibilities', json(OLD.responsibilities),
            'technologies', json(OLD.technologies),
            'display_order', OLD.display_order,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        json_object(
            'id', NEW.id,
            'profile_id', NEW.profile_id,
            'company_name', NEW.company_name,
            'company_website', NEW.company_website,
            'company_size', NEW.company_size,
            'industry', NEW.industry,
            'company_location', NEW.company_location,
            'position', NEW.position,
            'employment_type', NEW.employment_type,
            'start_date', NEW.start_date,
            'end_date', NEW.end_date,
            'is_current', NEW.is_current,
            'description', NEW.description,
            'responsibilities', json(NEW.responsibilities),
            'technologies', json(NEW.technologies),
            'display_order', NEW.display_order,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_profiles_delete AFTER DELETE ON profiles
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(OLD.user_id, c.user_id)),
        'DELETE_PROFILE',
        'PROFILE',
        OLD.id,
        json_object(
            'id', OLD.id,
            'user_id', OLD.user_id,
            'slug', OLD.slug,
            'headline', OLD.headline,
            'summary', OLD.summary,
            'location', OLD.location,
            'visibility', OLD.visibility,
            'contact', json(OLD.contact),
            'draft_data', json(OLD.draft_data),
            'profile_photo_url', OLD.profile_photo_url,
            'completeness_score', OLD.completeness_score,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_profiles_insert AFTER INSERT ON profiles
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(NEW.user_id, c.user_id)),
        'CREATE_PROFILE',
        'PROFILE',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'user_id', NEW.user_id,
            'slug', NEW.slug,
            'headline', NEW.headline,
            'summary', NEW.summary,
            'location', NEW.location,
            'visibility', NEW.visibility,
            'contact', json(NEW.contact),
            'draft_data', json(NEW.draft_data),
            'profile_photo_url', NEW.profile_photo_url,
            'completeness_score', NEW.completeness_score,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_profiles_update AFTER UPDATE ON profiles
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.user_id IS NOT OLD.user_id
    OR NEW.slug IS NOT OLD.slug
    OR NEW.headline IS NOT OLD.headline
    OR NEW.summary IS NOT OLD.summary
    OR NEW.location IS NOT OLD.location
    OR NEW.visibility IS NOT OLD.visibility
    OR NEW.contact IS NOT OLD.contact
    OR NEW.draft_data IS NOT OLD.draft_data
    OR NEW.profile_photo_url IS NOT OLD.profile_photo_url
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(NEW.user_id, c.user_id)),
        'UPDATE_PROFILE',
        'PROFILE',
        NEW.id,
        json_object(
            'id', OLD.id,
            'user_id', OLD.user_id,
            'slug', OLD.slug,
            'headline', OLD.headline,
            'summary', OLD.summary,
            'location', OLD.location,
            'visibility', OLD.visibility,
            'contact', json(OLD.contact),
            'draft_data', json(OLD.draft_data),
            'profile_photo_url', OLD.profile_photo_url,
            'completeness_score', OLD.completeness_score,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at
        ),
        json_object(
            'id', NEW.id,
            'user_id', NEW.user_id,
            'slug', NEW.slug,
            'headline', NEW.headline,
            'summary', NEW.summary,
            'location', NEW.location,
            'visibility', NEW.visibility,
            'contact', json(NEW.contact),
            'draft_data', json(NEW.draft_data),
            'profile_photo_url', NEW.profile_photo_url,
            'completeness_score', NEW.completeness_score,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_project_experiences_delete AFTER DELETE ON project_experiences
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(COALESCE((SELECT p.user_id FROM projects j JOIN profiles p ON p.id = j.profile_id WHERE j.id = OLD.project_id), (SELECT p.user_id FROM experiences j JOIN profiles p ON p.id = j.profile_id WHERE j.id = OLD.experience_id)), c.user_id)),
        'DELETE_PROJECT_EXPERIENCE',
        'PROJECT_EXPERIENCE',
        OLD.project_id || ':' || OLD.experience_id,
        json_object(
            'project_id', OLD.project_id,
            'experience_id', OLD.experience_id
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_project_experiences_insert AFTER INSERT ON project_experiences
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(COALESCE((SELECT p.user_id FROM projects j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.project_id), (SELECT p.user_id FROM experiences j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.experience_id)), c.user_id)),
        'CREATE_PROJECT_EXPERIENCE',
        'PROJECT_EXPERIENCE',
        NEW.project_id || ':' || NEW.experience_id,
        NULL,
        json_object(
            'project_id', NEW.project_id,
            'experience_id', NEW.experience_id
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_project_experiences_update AFTER UPDATE ON project_experiences
FOR EACH ROW WHEN
    NEW.project_id IS NOT OLD.project_id
    OR NEW.experience_id IS NOT OLD.experience_id
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(COALESCE((SELECT p.user_id FROM projects j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.project_id), (SELECT p.user_id FROM experiences j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.experience_id)), c.user_id)),
        'UPDATE_PROJECT_EXPERIENCE',
        'PROJECT_EXPERIENCE',
        NEW.project_id || ':' || NEW.experience_id,
        json_object(
            'project_id', OLD.project_id,
            'experience_id', OLD.experience_id
        ),
        json_object(
            'project_id', NEW.project_id,
            'experience_id', NEW.experience_id
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_project_technologies_delete AFTER DELETE ON project_technologies
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM projects j JOIN profiles p ON p.id = j.profile_id WHERE j.id = OLD.project_id), c.user_id)),
        'DELETE_PROJECT_TECHNOLOGY',
        'PROJECT_TECHNOLOGY',
        OLD.project_id || ':' || OLD.technology_id,
        json_object(
            'project_id', OLD.project_id,
            'technology_id', OLD.technology_id
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_project_technologies_insert AFTER INSERT ON project_technologies
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM projects j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.project_id), c.user_id)),
        'CREATE_PROJECT_TECHNOLOGY',
        'PROJECT_TECHNOLOGY',
        NEW.project_id || ':' || NEW.technology_id,
        NULL,
        json_object(
            'project_id', NEW.project_id,
            'technology_id', NEW.technology_id
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_project_technologies_update AFTER UPDATE ON project_technologies
FOR EACH ROW WHEN
    NEW.project_id IS NOT OLD.project_id
    OR NEW.technology_id IS NOT OLD.technology_id
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE((SELECT p.user_id FROM projects j JOIN profiles p ON p.id = j.profile_id WHERE j.id = NEW.project_id), c.user_id)),
        'UPDATE_PROJECT_TECHNOLOGY',
        'PROJECT_TECHNOLOGY',
        NEW.project_id || ':' || NEW.technology_id,
        json_object(
            'project_id', OLD.project_id,
            'technology_id', OLD.technology_id
        ),
        json_object(
            'project_id', NEW.project_id,
            'technology_id', NEW.technology_id
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_projects_delete AFTER DELETE ON projects
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_projects_insert AFTER INSERT ON projects
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
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
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_skills_delete AFTER DELETE ON skills
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_skills_insert AFTER INSERT ON skills
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
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
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
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
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_technologies_delete AFTER DELETE ON technologies
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(NULL, c.user_id)),
        'DELETE_TECHNOLOGY',
        'TECHNOLOGY',
        OLD.id,
        json_object(
            'id', OLD.id,
            'name', OLD.name,
            'category', OLD.category,
            'layer', OLD.layer,
            'created_at', OLD.created_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_technologies_insert AFTER INSERT ON technologies
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(NULL, c.user_id)),
        'CREATE_TECHNOLOGY',
        'TECHNOLOGY',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'name', NEW.name,
            'category', NEW.category,
            'layer', NEW.layer,
            'created_at', NEW.created_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_technologies_update AFTER UPDATE ON technologies
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.name IS NOT OLD.name
    OR NEW.category IS NOT OLD.category
    OR NEW.layer IS NOT OLD.layer
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        (SELECT id FROM users WHERE id = COALESCE(NULL, c.user_id)),
        'UPDATE_TECHNOLOGY',
        'TECHNOLOGY',
        NEW.id,
        json_object(
            'id', OLD.id,
            'name', OLD.name,
            'category', OLD.category,
            'layer', OLD.layer,
            'created_at', OLD.created_at
        ),
        json_object(
            'id', NEW.id,
            'name', NEW.name,
            'category', NEW.category,
            'layer', NEW.layer,
            'created_at', NEW.created_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_users_delete AFTER DELETE ON users
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        NULL,
        'DELETE_USER',
        'USER',
        OLD.id,
        json_object(
            'id', OLD.id,
            'email', OLD.email,
            'password_hash', CASE WHEN OLD.password_hash IS NULL THEN NULL ELSE '[redacted]' END,
            'is_active', OLD.is_active,
            'is_verified', OLD.is_verified,
            'verification_token', CASE WHEN OLD.verification_token IS NULL THEN NULL ELSE '[redacted]' END,
            'reset_token', CASE WHEN OLD.reset_token IS NULL THEN NULL ELSE '[redacted]' END,
            'reset_token_expires', OLD.reset_token_expires,
            'plan', OLD.plan,
            'plan_expires_at', OLD.plan_expires_at,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at,
            'last_login_at', OLD.last_login_at
        ),
        NULL,
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_users_insert AFTER INSERT ON users
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        NEW.id,
        'CREATE_USER',
        'USER',
        NEW.id,
        NULL,
        json_object(
            'id', NEW.id,
            'email', NEW.email,
            'password_hash', CASE WHEN NEW.password_hash IS NULL THEN NULL ELSE '[redacted]' END,
            'is_active', NEW.is_active,
            'is_verified', NEW.is_verified,
            'verification_token', CASE WHEN NEW.verification_token IS NULL THEN NULL ELSE '[redacted]' END,
            'reset_token', CASE WHEN NEW.reset_token IS NULL THEN NULL ELSE '[redacted]' END,
            'reset_token_expires', NEW.reset_token_expires,
            'plan', NEW.plan,
            'plan_expires_at', NEW.plan_expires_at,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at,
            'last_login_at', NEW.last_login_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_users_update AFTER UPDATE ON users
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.email IS NOT OLD.email
    OR NEW.password_hash IS NOT OLD.password_hash
    OR NEW.is_active IS NOT OLD.is_active
    OR NEW.is_verified IS NOT OLD.is_verified
    OR NEW.verification_token IS NOT OLD.verification_token
    OR NEW.reset_token IS NOT OLD.reset_token
    OR NEW.reset_token_expires IS NOT OLD.reset_token_expires
    OR NEW.plan IS NOT OLD.plan
    OR NEW.plan_expires_at IS NOT OLD.plan_expires_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.last_login_at IS NOT OLD.last_login_at
BEGIN
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, session_id, change_id, reverts_change_id)
    SELECT
        (SELECT id FROM new_ulid),
        NEW.id,
        'UPDATE_USER',
        'USER',
        NEW.id,
        json_object(
            'id', OLD.id,
            'email', OLD.email,
            'password_hash', CASE WHEN OLD.password_hash IS NULL THEN NULL ELSE '[redacted]' END,
            'is_active', OLD.is_active,
            'is_verified', OLD.is_verified,
            'verification_token', CASE WHEN OLD.verification_token IS NULL THEN NULL ELSE '[redacted]' END,
            'reset_token', CASE WHEN OLD.reset_token IS NULL THEN NULL ELSE '[redacted]' END,
            'reset_token_expires', OLD.reset_token_expires,
            'plan', OLD.plan,
            'plan_expires_at', OLD.plan_expires_at,
            'created_at', OLD.created_at,
            'updated_at', OLD.updated_at,
            'last_login_at', OLD.last_login_at
        ),
        json_object(
            'id', NEW.id,
            'email', NEW.email,
            'password_hash', CASE WHEN NEW.password_hash IS NULL THEN NULL ELSE '[redacted]' END,
            'is_active', NEW.is_active,
            'is_verified', NEW.is_verified,
            'verification_token', CASE WHEN NEW.verification_token IS NULL THEN NULL ELSE '[redacted]' END,
            'reset_token', CASE WHEN NEW.reset_token IS NULL THEN NULL ELSE '[redacted]' END,
            'reset_token_expires', NEW.reset_token_expires,
            'plan', NEW.plan,
            'plan_expires_at', NEW.plan_expires_at,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END,
            'last_login_at', NEW.last_login_at
        ),
        COALESCE(c.source, 'system'),
        c.session_id,
        c.change_id,
        c.reverts_change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
