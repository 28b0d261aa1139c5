-- 0001 documented schema
--
-- Why: Career Hub mirrors the documented Career Hub schema (docs/schema.md) table for
-- table and column for column. This migration is that document, expressed in SQLite:
-- all 16 tables, their constraints and foreign-key actions, every index the document
-- lists that SQLite can build, and the documented updated_at triggers.
--
-- Type mapping (the reasons are in docs/schema.md):
--   * every table is STRICT, so SQLite enforces the declared storage class;
--   * VARCHAR(n)  -> TEXT with CHECK (length(col) <= n), counted in characters;
--   * BOOLEAN     -> INTEGER with CHECK (col IN (0, 1));
--   * DATE        -> TEXT 'YYYY-MM-DD', CHECK that it is a real calendar date;
--   * TIMESTAMP   -> TEXT 'YYYY-MM-DDTHH:MM:SS.SSSZ' (UTC), CHECK on that shape;
--   * JSONB       -> TEXT with CHECK (json_valid(col)) and the documented JSON shape;
--   * TEXT[]      -> TEXT holding a JSON array;
--   * INET        -> TEXT;
--   * certifications.is_expired (a generated column over CURRENT_DATE, which neither
--     PostgreSQL nor SQLite accepts) -> the view certifications_with_expiry;
--   * GIN / tsvector / trigram indexes -> FTS5 tables in a later migration.

CREATE TABLE users (
    id TEXT NOT NULL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE CHECK (length(email) <= 255),
    password_hash TEXT NOT NULL CHECK (length(password_hash) <= 255),
    is_active INTEGER DEFAULT 1 CHECK (is_active IN (0, 1)),
    is_verified INTEGER DEFAULT 0 CHECK (is_verified IN (0, 1)),
    verification_token TEXT,
    reset_token TEXT,
    reset_token_expires TEXT CHECK (reset_token_expires IS strftime('%Y-%m-%dT%H:%M:%fZ', reset_token_expires)),
    plan TEXT DEFAULT 'FREE' CHECK (length(plan) <= 20),
    plan_expires_at TEXT CHECK (plan_expires_at IS strftime('%Y-%m-%dT%H:%M:%fZ', plan_expires_at)),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    last_login_at TEXT CHECK (last_login_at IS strftime('%Y-%m-%dT%H:%M:%fZ', last_login_at)),
    CONSTRAINT check_plan CHECK (plan IN ('FREE', 'PRO', 'EXPERT'))
) STRICT;

CREATE INDEX idx_users_email ON users(email);
CREATE INDEX idx_users_reset_token ON users(reset_token) WHERE reset_token IS NOT NULL;
CREATE INDEX idx_users_plan ON users(plan) WHERE plan != 'FREE';

CREATE TABLE profiles (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    slug TEXT UNIQUE CHECK (length(slug) <= 100),
    headline TEXT CHECK (length(headline) <= 200),
    summary TEXT,
    location TEXT CHECK (length(location) <= 100),
    visibility TEXT DEFAULT 'PRIVATE' CHECK (length(visibility) <= 20),
    contact TEXT DEFAULT '{}' CHECK (json_valid(contact) AND json_type(contact) = 'object'),
    draft_data TEXT CHECK (json_valid(draft_data)),
    profile_photo_url TEXT,
    completeness_score INTEGER DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    CONSTRAINT check_visibility CHECK (visibility IN ('PRIVATE', 'FRIENDS', 'PUBLIC'))
) STRICT;

CREATE INDEX idx_profiles_user_id ON profiles(user_id);
CREATE INDEX idx_profiles_slug ON profiles(slug) WHERE slug IS NOT NULL;
CREATE INDEX idx_profiles_visibility ON profiles(visibility) WHERE visibility = 'PUBLIC';
CREATE INDEX idx_profiles_completeness ON profiles(completeness_score);

CREATE TABLE experiences (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    company_name TEXT NOT NULL CHECK (length(company_name) <= 200),
    company_website TEXT CHECK (length(company_website) <= 500),
    company_size TEXT CHECK (length(company_size) <= 50),
    industry TEXT CHECK (length(industry) <= 100),
    company_location TEXT CHECK (length(company_location) <= 100),
    position TEXT NOT NULL CHECK (length(position) <= 200),
    employment_type TEXT CHECK (length(employment_type) <= 50),
    start_date TEXT NOT NULL CHECK (start_date IS date(start_date)),
    end_date TEXT CHECK (end_date IS date(end_date)),
    is_current INTEGER DEFAULT 0 CHECK (is_current IN (0, 1)),
    description TEXT,
    responsibilities TEXT DEFAULT '[]' CHECK (json_valid(responsibilities) AND json_type(responsibilities) = 'array'),
    technologies TEXT CHECK (json_valid(technologies) AND json_type(technologies) = 'array'),
    display_order INTEGER DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    CONSTRAINT check_dates CHECK (end_date IS NULL OR end_date > start_date)
) STRICT;

CREATE INDEX idx_experiences_profile_id ON experiences(profile_id);
CREATE INDEX idx_experiences_dates ON experiences(profile_id, start_date DESC);
CREATE INDEX idx_exp_profile_current ON experiences(profile_id, is_current) WHERE is_current = 1;

CREATE TABLE projects (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) <= 200),
    description TEXT,
    role TEXT CHECK (length(role) <= 100),
    start_date TEXT CHECK (start_date IS date(start_date)),
    end_date TEXT CHECK (end_date IS date(end_date)),
    is_ongoing INTEGER DEFAULT 0 CHECK (is_ongoing IN (0, 1)),
    is_anonymized INTEGER DEFAULT 0 CHECK (is_anonymized IN (0, 1)),
    anonymized_company TEXT CHECK (length(anonymized_company) <= 200),
    status TEXT DEFAULT 'Active' CHECK (length(status) <= 20),
    category TEXT DEFAULT 'Production' CHECK (length(category) <= 20),
    achievements TEXT DEFAULT '[]' CHECK (json_valid(achievements) AND json_type(achievements) = 'array'),
    challenges TEXT DEFAULT '[]' CHECK (json_valid(challenges) AND json_type(challenges) = 'array'),
    clients TEXT DEFAULT '[]' CHECK (json_valid(clients) AND json_type(clients) = 'array'),
    team_size INTEGER,
    duration_months INTEGER,
    users_count INTEGER,
    budget_range TEXT CHECK (length(budget_range) <= 20),
    demo_url TEXT CHECK (length(demo_url) <= 500),
    github_url TEXT CHECK (length(github_url) <= 500),
    documentation_url TEXT CHECK (length(documentation_url) <= 500),
    visibility TEXT DEFAULT 'PUBLIC' CHECK (length(visibility) <= 20),
    technologies TEXT CHECK (json_valid(technologies) AND json_type(technologies) = 'array'),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    CONSTRAINT check_visibility CHECK (visibility IN ('PUBLIC', 'ANONYMOUS')),
    CONSTRAINT check_status CHECK (status IN ('Active', 'Staging', 'Archived')),
    CONSTRAINT check_category CHECK (category IN ('Demo', 'Internal', 'Production')),
    CONSTRAINT check_budget CHECK (budget_range IS NULL OR budget_range IN ('small', 'medium', 'large'))
) STRICT;

CREATE INDEX idx_projects_profile_id ON projects(profile_id);
CREATE INDEX idx_projects_dates ON projects(start_date DESC);
CREATE INDEX idx_projects_profile_public ON projects(profile_id, visibility) WHERE visibility = 'PUBLIC';

CREATE TABLE project_experiences (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    experience_id TEXT NOT NULL REFERENCES experiences(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, experience_id)
) STRICT;

CREATE INDEX idx_project_exp_project ON project_experiences(project_id);
CREATE INDEX idx_project_exp_experience ON project_experiences(experience_id);

CREATE TABLE technologies (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) <= 100),
    category TEXT NOT NULL CHECK (length(category) <= 50),
    layer TEXT NOT NULL CHECK (length(layer) <= 50),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    CONSTRAINT check_category CHECK (category IN ('Framework', 'Library', 'Platform', 'Service', 'System')),
    CONSTRAINT check_layer CHECK (layer IN ('Backend', 'Database', 'DevOps', 'Frontend', 'Language', 'Tools'))
) STRICT;

CREATE INDEX idx_technologies_name ON technologies(name);
CREATE INDEX idx_technologies_category ON technologies(category);
CREATE INDEX idx_technologies_layer ON technologies(layer);

CREATE TABLE skills (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    level INTEGER CHECK (level >= 1 AND level <= 5),
    years_of_experience INTEGER,
    started_using_year INTEGER,
    is_primary INTEGER DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    CONSTRAINT unique_profile_technology UNIQUE (profile_id, technology_id)
) STRICT;

CREATE INDEX idx_skills_profile_id ON skills(profile_id);
CREATE INDEX idx_skills_technology_id ON skills(technology_id);
CREATE INDEX idx_skills_level ON skills(profile_id, level DESC);

CREATE TABLE project_technologies (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, technology_id)
) STRICT;

CREATE INDEX idx_project_tech_project ON project_technologies(project_id);
CREATE INDEX idx_project_tech_technology ON project_technologies(technology_id);

CREATE TABLE experience_technologies (
    experience_id TEXT NOT NULL REFERENCES experiences(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    PRIMARY KEY (experience_id, technology_id)
) STRICT;

CREATE INDEX idx_exp_tech_experience ON experience_technologies(experience_id);
CREATE INDEX idx_exp_tech_technology ON experience_technologies(technology_id);

CREATE TABLE education (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    institution TEXT NOT NULL CHECK (length(institution) <= 200),
    degree TEXT CHECK (length(degree) <= 100),
    field_of_study TEXT CHECK (length(field_of_study) <= 200),
    start_date TEXT CHECK (start_date IS date(start_date)),
    end_date TEXT CHECK (end_date IS date(end_date)),
    grade TEXT CHECK (length(grade) <= 50),
    description TEXT,
    display_order INTEGER DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE INDEX idx_education_profile_id ON education(profile_id);

CREATE TABLE certifications (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) <= 200),
    issuing_organization TEXT CHECK (length(issuing_organization) <= 200),
    credential_id TEXT CHECK (length(credential_id) <= 100),
    credential_url TEXT CHECK (length(credential_url) <= 500),
    issue_date TEXT CHECK (issue_date IS date(issue_date)),
    expiry_date TEXT CHECK (expiry_date IS date(expiry_date)),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE INDEX idx_certifications_profile_id ON certifications(profile_id);
CREATE INDEX idx_certifications_expiry ON certifications(expiry_date) WHERE expiry_date IS NOT NULL;

-- is_expired cannot be a stored generated column (its value changes with the calendar,
-- not with the row); it is computed as of today whenever it is read.
CREATE VIEW certifications_with_expiry AS
SELECT certifications.*, (expiry_date < date('now')) AS is_expired
FROM certifications;

CREATE TABLE achievements (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(title) <= 200),
    description TEXT,
    date TEXT CHECK (date IS date(date)),
    category TEXT CHECK (length(category) <= 50),
    url TEXT CHECK (length(url) <= 500),
    display_order INTEGER DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE INDEX idx_achievements_profile_id ON achievements(profile_id);

CREATE TABLE cv_versions (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) <= 100),
    template TEXT DEFAULT 'modern' CHECK (length(template) <= 50),
    sections_config TEXT NOT NULL CHECK (json_valid(sections_config) AND json_type(sections_config) = 'object'),
    pdf_url TEXT,
    is_default INTEGER DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE INDEX idx_cv_versions_profile_id ON cv_versions(profile_id);
CREATE INDEX idx_cv_versions_default ON cv_versions(profile_id, is_default) WHERE is_default = 1;

CREATE TABLE import_history (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (length(source) <= 50),
    status TEXT DEFAULT 'PENDING' CHECK (length(status) <= 50),
    items_imported INTEGER DEFAULT 0,
    error_message TEXT,
    import_data TEXT CHECK (json_valid(import_data)),
    started_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (started_at IS strftime('%Y-%m-%dT%H:%M:%fZ', started_at)),
    completed_at TEXT CHECK (completed_at IS strftime('%Y-%m-%dT%H:%M:%fZ', completed_at))
) STRICT;

CREATE INDEX idx_import_history_user_id ON import_history(user_id);
CREATE INDEX idx_import_history_status ON import_history(status);

CREATE TABLE responsibilities_library (
    id TEXT NOT NULL PRIMARY KEY,
    role_category TEXT CHECK (length(role_category) <= 100),
    responsibility TEXT NOT NULL,
    seniority_level TEXT CHECK (length(seniority_level) <= 50),
    usage_count INTEGER DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE INDEX idx_resp_library_role ON responsibilities_library(role_category);
CREATE INDEX idx_resp_library_usage ON responsibilities_library(usage_count DESC);

CREATE TABLE audit_log (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL CHECK (length(action) <= 100),
    entity_type TEXT CHECK (length(entity_type) <= 50),
    entity_id TEXT,
    old_values TEXT CHECK (json_valid(old_values)),
    new_values TEXT CHECK (json_valid(new_values)),
    ip_address TEXT,
    user_agent TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE INDEX idx_audit_log_user_id ON audit_log(user_id);
CREATE INDEX idx_audit_log_entity ON audit_log(entity_type, entity_id);
CREATE INDEX idx_audit_log_created ON audit_log(created_at DESC);

-- updated_at is kept by triggers, as the document's update_updated_at_column() does.
-- It records the last edit of a user-visible column: an UPDATE that changes nothing, or
-- that changes only derived columns (updated_at itself, profiles.completeness_score),
-- leaves it alone.

CREATE TRIGGER update_users_updated_at AFTER UPDATE ON users
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
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
)
BEGIN
    UPDATE users SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER update_profiles_updated_at AFTER UPDATE ON profiles
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
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
)
BEGIN
    UPDATE profiles SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER update_experiences_updated_at AFTER UPDATE ON experiences
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
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
)
BEGIN
    UPDATE experiences SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

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

CREATE TRIGGER update_education_updated_at AFTER UPDATE ON education
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
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
)
BEGIN
    UPDATE education SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
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

CREATE TRIGGER update_achievements_updated_at AFTER UPDATE ON achievements
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.title IS NOT OLD.title
    OR NEW.description IS NOT OLD.description
    OR NEW.date IS NOT OLD.date
    OR NEW.category IS NOT OLD.category
    OR NEW.url IS NOT OLD.url
    OR NEW.display_order IS NOT OLD.display_order
    OR NEW.created_at IS NOT OLD.created_at
)
BEGIN
    UPDATE achievements SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER update_cv_versions_updated_at AFTER UPDATE ON cv_versions
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at AND (
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.name IS NOT OLD.name
    OR NEW.template IS NOT OLD.template
    OR NEW.sections_config IS NOT OLD.sections_config
    OR NEW.pdf_url IS NOT OLD.pdf_url
    OR NEW.is_default IS NOT OLD.is_default
    OR NEW.created_at IS NOT OLD.created_at
)
BEGIN
    UPDATE cv_versions SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

