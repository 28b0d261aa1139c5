-- Reverses 0009: the insert triggers without the bulk flag, and no flag.
DROP TRIGGER audit_achievements_insert;
DROP TRIGGER audit_builder_sessions_insert;
DROP TRIGGER audit_builder_steps_insert;
DROP TRIGGER audit_certifications_insert;
DROP TRIGGER audit_cv_versions_insert;
DROP TRIGGER audit_education_insert;
DROP TRIGGER audit_experience_technologies_insert;
DROP TRIGGER audit_experiences_insert;
DROP TRIGGER audit_profiles_insert;
DROP TRIGGER audit_project_experiences_insert;
DROP TRIGGER audit_project_technologies_insert;
DROP TRIGGER audit_projects_insert;
DROP TRIGGER audit_skills_insert;
DROP TRIGGER audit_technologies_insert;
DROP TRIGGER audit_users_insert;
CREATE TRIGGER audit_achievements_insert AFTER INSERT ON achievements
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_builder_sessions_insert AFTER INSERT ON builder_sessions
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_builder_steps_insert AFTER INSERT ON builder_steps
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_certifications_insert AFTER INSERT ON certifications
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_cv_versions_insert AFTER INSERT ON cv_versions
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_education_insert AFTER INSERT ON education
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_experience_technologies_insert AFTER INSERT ON experience_technologies
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_experiences_insert AFTER INSERT ON experiences
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_profiles_insert AFTER INSERT ON profiles
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_project_experiences_insert AFTER INSERT ON project_experiences
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_project_technologies_insert AFTER INSERT ON project_technologies
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_projects_insert AFTER INSERT ON projects
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_skills_insert AFTER INSERT ON skills
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_technologies_insert AFTER INSERT ON technologies
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_users_insert AFTER INSERT ON users
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
DROP TRIGGER completeness_profiles_insert;
DROP TRIGGER completeness_experiences_insert;
DROP TRIGGER completeness_projects_insert;
DROP TRIGGER completeness_skills_insert;
DROP TRIGGER completeness_education_insert;
DROP TRIGGER experiences_fts_insert;
DROP TRIGGER projects_fts_insert;
DROP TRIGGER technologies_fts_insert;
CREATE TRIGGER completeness_profiles_insert AFTER INSERT ON profiles
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.id)
    WHERE id = NEW.id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.id);
END;
CREATE TRIGGER completeness_experiences_insert AFTER INSERT ON experiences
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;
CREATE TRIGGER completeness_projects_insert AFTER INSERT ON projects
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;
CREATE TRIGGER completeness_skills_insert AFTER INSERT ON skills
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;
CREATE TRIGGER completeness_education_insert AFTER INSERT ON education
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;
CREATE TRIGGER experiences_fts_insert AFTER INSERT ON experiences
BEGIN
    INSERT INTO experiences_fts (rowid, company_name, position, description, responsibilities) VALUES (NEW.rowid, NEW.company_name, NEW.position, NEW.description, NEW.responsibilities);
END;
CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects
BEGIN
    INSERT INTO projects_fts (rowid, name, description, achievements) VALUES (NEW.rowid, NEW.name, NEW.description, NEW.achievements);
END;
CREATE TRIGGER technologies_fts_insert AFTER INSERT ON technologies
BEGIN
    INSERT INTO technologies_fts (rowid, name) VALUES (NEW.rowid, NEW.name);
END;
ALTER TABLE audit_state DROP COLUMN bulk;
