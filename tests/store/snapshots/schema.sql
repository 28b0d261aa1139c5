-- index idx_achievements_order on achievements
CREATE INDEX idx_achievements_order ON achievements(profile_id, display_order);

-- index idx_achievements_profile_id on achievements
CREATE INDEX idx_achievements_profile_id ON achievements(profile_id);

-- index idx_audit_log_change on audit_log
CREATE INDEX idx_audit_log_change ON audit_log(change_id) WHERE change_id IS NOT NULL;

-- index idx_audit_log_created on audit_log
CREATE INDEX idx_audit_log_created ON audit_log(created_at DESC);

-- index idx_audit_log_entity on audit_log
CREATE INDEX idx_audit_log_entity ON audit_log(entity_type, entity_id);

-- index idx_audit_log_user_id on audit_log
CREATE INDEX idx_audit_log_user_id ON audit_log(user_id);

-- index idx_builder_sessions_one_open on builder_sessions
CREATE UNIQUE INDEX idx_builder_sessions_one_open ON builder_sessions(profile_id) WHERE ended_at IS NULL;

-- index idx_builder_sessions_profile on builder_sessions
CREATE INDEX idx_builder_sessions_profile ON builder_sessions(profile_id, started_at DESC);

-- index idx_certifications_expiry on certifications
CREATE INDEX idx_certifications_expiry ON certifications(expiry_date) WHERE expiry_date IS NOT NULL;

-- index idx_certifications_order on certifications
CREATE INDEX idx_certifications_order ON certifications(profile_id, display_order);

-- index idx_certifications_profile_id on certifications
CREATE INDEX idx_certifications_profile_id ON certifications(profile_id);

-- index idx_changes_reverts on changes
CREATE INDEX idx_changes_reverts ON changes(reverts_change_id) WHERE reverts_change_id IS NOT NULL;

-- index idx_cv_versions_default on cv_versions
CREATE INDEX idx_cv_versions_default ON cv_versions(profile_id, is_default) WHERE is_default = 1;

-- index idx_cv_versions_one_default on cv_versions
CREATE UNIQUE INDEX idx_cv_versions_one_default ON cv_versions(profile_id) WHERE is_default = 1;

-- index idx_cv_versions_profile_id on cv_versions
CREATE INDEX idx_cv_versions_profile_id ON cv_versions(profile_id);

-- index idx_education_order on education
CREATE INDEX idx_education_order ON education(profile_id, display_order);

-- index idx_education_profile_id on education
CREATE INDEX idx_education_profile_id ON education(profile_id);

-- index idx_exp_profile_current on experiences
CREATE INDEX idx_exp_profile_current ON experiences(profile_id, is_current) WHERE is_current = 1;

-- index idx_exp_tech_experience on experience_technologies
CREATE INDEX idx_exp_tech_experience ON experience_technologies(experience_id);

-- index idx_exp_tech_technology on experience_technologies
CREATE INDEX idx_exp_tech_technology ON experience_technologies(technology_id);

-- index idx_experiences_dates on experiences
CREATE INDEX idx_experiences_dates ON experiences(profile_id, start_date DESC);

-- index idx_experiences_order on experiences
CREATE INDEX idx_experiences_order ON experiences(profile_id, display_order);

-- index idx_experiences_profile_id on experiences
CREATE INDEX idx_experiences_profile_id ON experiences(profile_id);

-- index idx_import_history_status on import_history
CREATE INDEX idx_import_history_status ON import_history(status);

-- index idx_import_history_user_id on import_history
CREATE INDEX idx_import_history_user_id ON import_history(user_id);

-- index idx_profiles_completeness on profiles
CREATE INDEX idx_profiles_completeness ON profiles(completeness_score);

-- index idx_profiles_slug on profiles
CREATE INDEX idx_profiles_slug ON profiles(slug) WHERE slug IS NOT NULL;

-- index idx_profiles_user_id on profiles
CREATE INDEX idx_profiles_user_id ON profiles(user_id);

-- index idx_profiles_visibility on profiles
CREATE INDEX idx_profiles_visibility ON profiles(visibility) WHERE visibility = 'PUBLIC';

-- index idx_project_exp_experience on project_experiences
CREATE INDEX idx_project_exp_experience ON project_experiences(experience_id);

-- index idx_project_exp_project on project_experiences
CREATE INDEX idx_project_exp_project ON project_experiences(project_id);

-- index idx_project_tech_project on project_technologies
CREATE INDEX idx_project_tech_project ON project_technologies(project_id);

-- index idx_project_tech_technology on project_technologies
CREATE INDEX idx_project_tech_technology ON project_technologies(technology_id);

-- index idx_projects_dates on projects
CREATE INDEX idx_projects_dates ON projects(start_date DESC);

-- index idx_projects_order on projects
CREATE INDEX idx_projects_order ON projects(profile_id, display_order);

-- index idx_projects_profile_id on projects
CREATE INDEX idx_projects_profile_id ON projects(profile_id);

-- index idx_projects_profile_public on projects
CREATE INDEX idx_projects_profile_public ON projects(profile_id, visibility) WHERE visibility = 'PUBLIC';

-- index idx_resp_library_role on responsibilities_library
CREATE INDEX idx_resp_library_role ON responsibilities_library(role_category);

-- index idx_resp_library_usage on responsibilities_library
CREATE INDEX idx_resp_library_usage ON responsibilities_library(usage_count DESC);

-- index idx_skills_level on skills
CREATE INDEX idx_skills_level ON skills(profile_id, level DESC);

-- index idx_skills_order on skills
CREATE INDEX idx_skills_order ON skills(profile_id, display_order);

-- index idx_skills_profile_id on skills
CREATE INDEX idx_skills_profile_id ON skills(profile_id);

-- index idx_skills_technology_id on skills
CREATE INDEX idx_skills_technology_id ON skills(technology_id);

-- index idx_sync_outbox_row on sync_outbox
CREATE INDEX idx_sync_outbox_row ON sync_outbox(table_name, row_key);

-- index idx_technologies_category on technologies
CREATE INDEX idx_technologies_category ON technologies(category);

-- index idx_technologies_layer on technologies
CREATE INDEX idx_technologies_layer ON technologies(layer);

-- index idx_technologies_name on technologies
CREATE INDEX idx_technologies_name ON technologies(name);

-- index idx_technologies_name_nocase on technologies
CREATE UNIQUE INDEX idx_technologies_name_nocase ON technologies(name COLLATE NOCASE);

-- index idx_users_email on users
CREATE INDEX idx_users_email ON users(email);

-- index idx_users_plan on users
CREATE INDEX idx_users_plan ON users(plan) WHERE plan != 'FREE';

-- index idx_users_reset_token on users
CREATE INDEX idx_users_reset_token ON users(reset_token) WHERE reset_token IS NOT NULL;

-- index sqlite_autoindex_achievements_1 on achievements
(automatic);

-- index sqlite_autoindex_audit_log_1 on audit_log
(automatic);

-- index sqlite_autoindex_builder_sessions_1 on builder_sessions
(automatic);

-- index sqlite_autoindex_builder_steps_1 on builder_steps
(automatic);

-- index sqlite_autoindex_certifications_1 on certifications
(automatic);

-- index sqlite_autoindex_changes_1 on changes
(automatic);

-- index sqlite_autoindex_cv_versions_1 on cv_versions
(automatic);

-- index sqlite_autoindex_education_1 on education
(automatic);

-- index sqlite_autoindex_experience_technologies_1 on experience_technologies
(automatic);

-- index sqlite_autoindex_experiences_1 on experiences
(automatic);

-- index sqlite_autoindex_import_history_1 on import_history
(automatic);

-- index sqlite_autoindex_profiles_1 on profiles
(automatic);

-- index sqlite_autoindex_profiles_2 on profiles
(automatic);

-- index sqlite_autoindex_profiles_3 on profiles
(automatic);

-- index sqlite_autoindex_project_experiences_1 on project_experiences
(automatic);

-- index sqlite_autoindex_project_technologies_1 on project_technologies
(automatic);

-- index sqlite_autoindex_projects_1 on projects
(automatic);

-- index sqlite_autoindex_responsibilities_library_1 on responsibilities_library
(automatic);

-- index sqlite_autoindex_skills_1 on skills
(automatic);

-- index sqlite_autoindex_skills_2 on skills
(automatic);

-- index sqlite_autoindex_sync_outbox_1 on sync_outbox
(automatic);

-- index sqlite_autoindex_technologies_1 on technologies
(automatic);

-- index sqlite_autoindex_technologies_2 on technologies
(automatic);

-- index sqlite_autoindex_users_1 on users
(automatic);

-- index sqlite_autoindex_users_2 on users
(automatic);

-- table achievements on achievements
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

-- table audit_log on audit_log
CREATE TABLE audit_log (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL CHECK (length(action) <= 100),
    entity_type TEXT CHECK (length(entity_type) <= 50),
    entity_id TEXT,
    old_values TEXT CHECK (old_values IS NULL OR json_valid(old_values)),
    new_values TEXT CHECK (new_values IS NULL OR json_valid(new_values)),
    ip_address TEXT,
    user_agent TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    change_id TEXT
) STRICT;

-- table audit_state on audit_state
CREATE TABLE audit_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user_id TEXT,
    source TEXT NOT NULL DEFAULT 'system' CHECK (source IN ('ui', 'cli', 'import', 'sync', 'system', 'external')),
    session_id TEXT,
    change_id TEXT,
    reverts_change_id TEXT
) STRICT;

-- table builder_sessions on builder_sessions
CREATE TABLE builder_sessions (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    current_step TEXT NOT NULL DEFAULT 'basics' CHECK (current_step IN ('basics', 'experience', 'projects', 'skills', 'education', 'certifications', 'achievements', 'review')),
    started_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (started_at IS strftime('%Y-%m-%dT%H:%M:%fZ', started_at)),
    ended_at TEXT CHECK (ended_at IS strftime('%Y-%m-%dT%H:%M:%fZ', ended_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

-- table builder_steps on builder_steps
CREATE TABLE builder_steps (
    session_id TEXT NOT NULL REFERENCES builder_sessions(id) ON DELETE CASCADE,
    step TEXT NOT NULL CHECK (step IN ('basics', 'experience', 'projects', 'skills', 'education', 'certifications', 'achievements', 'review')),
    status TEXT NOT NULL DEFAULT 'NOT_STARTED' CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETE')),
    validation_errors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(validation_errors) AND json_type(validation_errors) = 'array'),
    draft_data TEXT CHECK (draft_data IS NULL OR json_valid(draft_data)),
    started_at TEXT CHECK (started_at IS strftime('%Y-%m-%dT%H:%M:%fZ', started_at)),
    completed_at TEXT CHECK (completed_at IS strftime('%Y-%m-%dT%H:%M:%fZ', completed_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    PRIMARY KEY (session_id, step)
) STRICT;

-- table certifications on certifications
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
, display_order INTEGER DEFAULT 0) STRICT;

-- table changes on changes
CREATE TABLE changes (
    id TEXT NOT NULL PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('ui', 'cli', 'import', 'sync', 'system', 'external')),
    session_id TEXT,
    reverts_change_id TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

-- table cv_versions on cv_versions
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

-- table education on education
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

-- table experience_technologies on experience_technologies
CREATE TABLE experience_technologies (
    experience_id TEXT NOT NULL REFERENCES experiences(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    PRIMARY KEY (experience_id, technology_id)
) STRICT;

-- table experiences on experiences
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
    responsibilities TEXT DEFAULT '[]' CHECK (responsibilities IS NULL OR json_valid(responsibilities) AND json_type(responsibilities) = 'array'),
    technologies TEXT CHECK (technologies IS NULL OR json_valid(technologies) AND json_type(technologies) = 'array'),
    display_order INTEGER DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    CONSTRAINT check_dates CHECK (end_date IS NULL OR end_date > start_date)
) STRICT;

-- table experiences_fts on experiences_fts
CREATE VIRTUAL TABLE experiences_fts USING fts5(
    company_name, position, description, responsibilities,
    content = 'experiences',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- table experiences_fts_config on experiences_fts_config
CREATE TABLE 'experiences_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table experiences_fts_data on experiences_fts_data
CREATE TABLE 'experiences_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table experiences_fts_docsize on experiences_fts_docsize
CREATE TABLE 'experiences_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table experiences_fts_idx on experiences_fts_idx
CREATE TABLE 'experiences_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table import_history on import_history
CREATE TABLE import_history (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (length(source) <= 50),
    status TEXT DEFAULT 'PENDING' CHECK (length(status) <= 50),
    items_imported INTEGER DEFAULT 0,
    error_message TEXT,
    import_data TEXT CHECK (import_data IS NULL OR json_valid(import_data)),
    started_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (started_at IS strftime('%Y-%m-%dT%H:%M:%fZ', started_at)),
    completed_at TEXT CHECK (completed_at IS strftime('%Y-%m-%dT%H:%M:%fZ', completed_at))
) STRICT;

-- table profiles on profiles
CREATE TABLE profiles (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    slug TEXT UNIQUE CHECK (length(slug) <= 100),
    headline TEXT CHECK (length(headline) <= 200),
    summary TEXT,
    location TEXT CHECK (length(location) <= 100),
    visibility TEXT DEFAULT 'PRIVATE' CHECK (length(visibility) <= 20),
    contact TEXT DEFAULT '{}' CHECK (contact IS NULL OR json_valid(contact) AND json_type(contact) = 'object'),
    draft_data TEXT CHECK (draft_data IS NULL OR json_valid(draft_data)),
    profile_photo_url TEXT,
    completeness_score INTEGER DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
    CONSTRAINT check_visibility CHECK (visibility IN ('PRIVATE', 'FRIENDS', 'PUBLIC'))
) STRICT;

-- table project_experiences on project_experiences
CREATE TABLE project_experiences (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    experience_id TEXT NOT NULL REFERENCES experiences(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, experience_id)
) STRICT;

-- table project_technologies on project_technologies
CREATE TABLE project_technologies (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, technology_id)
) STRICT;

-- table projects on projects
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
    achievements TEXT DEFAULT '[]' CHECK (achievements IS NULL OR json_valid(achievements) AND json_type(achievements) = 'array'),
    challenges TEXT DEFAULT '[]' CHECK (challenges IS NULL OR json_valid(challenges) AND json_type(challenges) = 'array'),
    clients TEXT DEFAULT '[]' CHECK (clients IS NULL OR json_valid(clients) AND json_type(clients) = 'array'),
    team_size INTEGER,
    duration_months INTEGER,
    users_count INTEGER,
    budget_range TEXT CHECK (length(budget_range) <= 20),
    demo_url TEXT CHECK (length(demo_url) <= 500),
    github_url TEXT CHECK (length(github_url) <= 500),
    documentation_url TEXT CHECK (length(documentation_url) <= 500),
    visibility TEXT DEFAULT 'PUBLIC' CHECK (length(visibility) <= 20),
    technologies TEXT CHECK (technologies IS NULL OR json_valid(technologies) AND json_type(technologies) = 'array'),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)), display_order INTEGER DEFAULT 0,
    CONSTRAINT check_visibility CHECK (visibility IN ('PUBLIC', 'ANONYMOUS')),
    CONSTRAINT check_status CHECK (status IN ('Active', 'Staging', 'Archived')),
    CONSTRAINT check_category CHECK (category IN ('Demo', 'Internal', 'Production')),
    CONSTRAINT check_budget CHECK (budget_range IS NULL OR budget_range IN ('small', 'medium', 'large'))
) STRICT;

-- table projects_fts on projects_fts
CREATE VIRTUAL TABLE projects_fts USING fts5(
    name, description, achievements,
    content = 'projects',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- table projects_fts_config on projects_fts_config
CREATE TABLE 'projects_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table projects_fts_data on projects_fts_data
CREATE TABLE 'projects_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table projects_fts_docsize on projects_fts_docsize
CREATE TABLE 'projects_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table projects_fts_idx on projects_fts_idx
CREATE TABLE 'projects_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table responsibilities_library on responsibilities_library
CREATE TABLE responsibilities_library (
    id TEXT NOT NULL PRIMARY KEY,
    role_category TEXT CHECK (length(role_category) <= 100),
    responsibility TEXT NOT NULL,
    seniority_level TEXT CHECK (length(seniority_level) <= 50),
    usage_count INTEGER DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

-- table skills on skills
CREATE TABLE skills (
    id TEXT NOT NULL PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    level INTEGER CHECK (level >= 1 AND level <= 5),
    years_of_experience INTEGER,
    started_using_year INTEGER,
    is_primary INTEGER DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)), display_order INTEGER DEFAULT 0,
    CONSTRAINT unique_profile_technology UNIQUE (profile_id, technology_id)
) STRICT;

-- table sync_outbox on sync_outbox
CREATE TABLE sync_outbox (
    seq INTEGER PRIMARY KEY,
    change_id TEXT UNIQUE,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL CHECK (json_valid(row_key)),
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    columns TEXT NOT NULL CHECK (json_valid(columns)),
    hlc TEXT NOT NULL,
    rejected_code TEXT,
    rejected_message TEXT
) STRICT;

-- table sync_rows on sync_rows
CREATE TABLE sync_rows (
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    clocks TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(clocks)),
    deleted_hlc TEXT,
    data TEXT CHECK (data IS NULL OR json_valid(data)),
    PRIMARY KEY (table_name, row_key)
) STRICT, WITHOUT ROWID;

-- table sync_state on sync_state
CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    capturing INTEGER NOT NULL DEFAULT 0 CHECK (capturing IN (0, 1)),
    device_id TEXT CHECK (device_id IS NULL OR (length(device_id) BETWEEN 1 AND 64 AND device_id NOT GLOB '*[^A-Za-z0-9_-]*')),
    clock_wall_ms INTEGER NOT NULL DEFAULT 0 CHECK (clock_wall_ms >= 0),
    clock_counter INTEGER NOT NULL DEFAULT 0 CHECK (clock_counter BETWEEN 0 AND 99999),
    server_url TEXT,
    account_id TEXT,
    email TEXT,
    pull_next INTEGER NOT NULL DEFAULT 0 CHECK (pull_next >= 0),
    last_synced_at TEXT, merge_from_change TEXT, merge_source TEXT
    CHECK (merge_source IS NULL OR merge_source IN ('ui', 'cli', 'import', 'system', 'external')),
    CHECK (capturing = 0 OR device_id IS NOT NULL)
) STRICT;

-- table technologies on technologies
CREATE TABLE technologies (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) <= 100),
    category TEXT NOT NULL CHECK (length(category) <= 50),
    layer TEXT NOT NULL CHECK (length(layer) <= 50),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
    CONSTRAINT check_category CHECK (category IN ('Framework', 'Library', 'Platform', 'Service', 'System')),
    CONSTRAINT check_layer CHECK (layer IN ('Backend', 'Database', 'DevOps', 'Frontend', 'Language', 'Tools'))
) STRICT;

-- table technologies_fts on technologies_fts
CREATE VIRTUAL TABLE technologies_fts USING fts5(
    name,
    content = 'technologies',
    content_rowid = 'rowid',
    tokenize = 'trigram'
);

-- table technologies_fts_config on technologies_fts_config
CREATE TABLE 'technologies_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table technologies_fts_data on technologies_fts_data
CREATE TABLE 'technologies_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table technologies_fts_docsize on technologies_fts_docsize
CREATE TABLE 'technologies_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table technologies_fts_idx on technologies_fts_idx
CREATE TABLE 'technologies_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table users on users
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

-- trigger audit_achievements_delete on achievements
CREATE TRIGGER audit_achievements_delete AFTER DELETE ON achievements
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_achievements_insert on achievements
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

-- trigger audit_achievements_update on achievements
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_builder_sessions_delete on builder_sessions
CREATE TRIGGER audit_builder_sessions_delete AFTER DELETE ON builder_sessions
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_builder_sessions_insert on builder_sessions
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

-- trigger audit_builder_sessions_update on builder_sessions
CREATE TRIGGER audit_builder_sessions_update AFTER UPDATE ON builder_sessions
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.profile_id IS NOT OLD.profile_id
    OR NEW.current_step IS NOT OLD.current_step
    OR NEW.started_at IS NOT OLD.started_at
    OR NEW.ended_at IS NOT OLD.ended_at
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_builder_steps_delete on builder_steps
CREATE TRIGGER audit_builder_steps_delete AFTER DELETE ON builder_steps
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_builder_steps_insert on builder_steps
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

-- trigger audit_builder_steps_update on builder_steps
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_certifications_delete on certifications
CREATE TRIGGER audit_certifications_delete AFTER DELETE ON certifications
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_certifications_insert on certifications
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

-- trigger audit_certifications_update on certifications
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_cv_versions_delete on cv_versions
CREATE TRIGGER audit_cv_versions_delete AFTER DELETE ON cv_versions
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_cv_versions_insert on cv_versions
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

-- trigger audit_cv_versions_update on cv_versions
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_education_delete on education
CREATE TRIGGER audit_education_delete AFTER DELETE ON education
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_education_insert on education
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

-- trigger audit_education_update on education
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_experience_technologies_delete on experience_technologies
CREATE TRIGGER audit_experience_technologies_delete AFTER DELETE ON experience_technologies
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_experience_technologies_insert on experience_technologies
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

-- trigger audit_experience_technologies_update on experience_technologies
CREATE TRIGGER audit_experience_technologies_update AFTER UPDATE ON experience_technologies
FOR EACH ROW WHEN
    NEW.experience_id IS NOT OLD.experience_id
    OR NEW.technology_id IS NOT OLD.technology_id
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_experiences_delete on experiences
CREATE TRIGGER audit_experiences_delete AFTER DELETE ON experiences
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_experiences_insert on experiences
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

-- trigger audit_experiences_update on experiences
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_profiles_delete on profiles
CREATE TRIGGER audit_profiles_delete AFTER DELETE ON profiles
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_profiles_insert on profiles
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

-- trigger audit_profiles_update on profiles
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_project_experiences_delete on project_experiences
CREATE TRIGGER audit_project_experiences_delete AFTER DELETE ON project_experiences
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_project_experiences_insert on project_experiences
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

-- trigger audit_project_experiences_update on project_experiences
CREATE TRIGGER audit_project_experiences_update AFTER UPDATE ON project_experiences
FOR EACH ROW WHEN
    NEW.project_id IS NOT OLD.project_id
    OR NEW.experience_id IS NOT OLD.experience_id
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_project_technologies_delete on project_technologies
CREATE TRIGGER audit_project_technologies_delete AFTER DELETE ON project_technologies
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_project_technologies_insert on project_technologies
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

-- trigger audit_project_technologies_update on project_technologies
CREATE TRIGGER audit_project_technologies_update AFTER UPDATE ON project_technologies
FOR EACH ROW WHEN
    NEW.project_id IS NOT OLD.project_id
    OR NEW.technology_id IS NOT OLD.technology_id
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_projects_delete on projects
CREATE TRIGGER audit_projects_delete AFTER DELETE ON projects
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_projects_insert on projects
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

-- trigger audit_projects_update on projects
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_skills_delete on skills
CREATE TRIGGER audit_skills_delete AFTER DELETE ON skills
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_skills_insert on skills
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

-- trigger audit_skills_update on skills
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_technologies_delete on technologies
CREATE TRIGGER audit_technologies_delete AFTER DELETE ON technologies
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_technologies_insert on technologies
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

-- trigger audit_technologies_update on technologies
CREATE TRIGGER audit_technologies_update AFTER UPDATE ON technologies
FOR EACH ROW WHEN
    NEW.id IS NOT OLD.id
    OR NEW.name IS NOT OLD.name
    OR NEW.category IS NOT OLD.category
    OR NEW.layer IS NOT OLD.layer
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_users_delete on users
CREATE TRIGGER audit_users_delete AFTER DELETE ON users
BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger audit_users_insert on users
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

-- trigger audit_users_update on users
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
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, change_id)
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
        c.change_id
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- trigger completeness_education_delete on education
CREATE TRIGGER completeness_education_delete AFTER DELETE ON education
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
END;

-- trigger completeness_education_insert on education
CREATE TRIGGER completeness_education_insert AFTER INSERT ON education
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

-- trigger completeness_education_move on education
CREATE TRIGGER completeness_education_move AFTER UPDATE OF profile_id ON education
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

-- trigger completeness_experiences_delete on experiences
CREATE TRIGGER completeness_experiences_delete AFTER DELETE ON experiences
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
END;

-- trigger completeness_experiences_insert on experiences
CREATE TRIGGER completeness_experiences_insert AFTER INSERT ON experiences
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

-- trigger completeness_experiences_move on experiences
CREATE TRIGGER completeness_experiences_move AFTER UPDATE OF profile_id ON experiences
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

-- trigger completeness_profiles_insert on profiles
CREATE TRIGGER completeness_profiles_insert AFTER INSERT ON profiles
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.id)
    WHERE id = NEW.id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.id);
END;

-- trigger completeness_profiles_update on profiles
CREATE TRIGGER completeness_profiles_update AFTER UPDATE OF headline, summary ON profiles
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.id)
    WHERE id = NEW.id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.id);
END;

-- trigger completeness_projects_delete on projects
CREATE TRIGGER completeness_projects_delete AFTER DELETE ON projects
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
END;

-- trigger completeness_projects_insert on projects
CREATE TRIGGER completeness_projects_insert AFTER INSERT ON projects
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

-- trigger completeness_projects_move on projects
CREATE TRIGGER completeness_projects_move AFTER UPDATE OF profile_id ON projects
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

-- trigger completeness_skills_delete on skills
CREATE TRIGGER completeness_skills_delete AFTER DELETE ON skills
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
END;

-- trigger completeness_skills_insert on skills
CREATE TRIGGER completeness_skills_insert AFTER INSERT ON skills
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

-- trigger completeness_skills_move on skills
CREATE TRIGGER completeness_skills_move AFTER UPDATE OF profile_id ON skills
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

-- trigger cv_selection_achievements_delete on achievements
CREATE TRIGGER cv_selection_achievements_delete AFTER DELETE ON achievements
BEGIN
    UPDATE cv_versions
    SET sections_config = json_set(
        sections_config,
        '$.achievements',
        json((SELECT json_group_array(value) FROM (
                  SELECT value FROM json_each(cv_versions.sections_config, '$.achievements')
                  WHERE value IS NOT OLD.id ORDER BY key))))
    WHERE profile_id = OLD.profile_id
      AND EXISTS (SELECT 1 FROM json_each(cv_versions.sections_config, '$.achievements') WHERE value = OLD.id);
END;

-- trigger cv_selection_certifications_delete on certifications
CREATE TRIGGER cv_selection_certifications_delete AFTER DELETE ON certifications
BEGIN
    UPDATE cv_versions
    SET sections_config = json_set(
        sections_config,
        '$.certifications',
        json((SELECT json_group_array(value) FROM (
                  SELECT value FROM json_each(cv_versions.sections_config, '$.certifications')
                  WHERE value IS NOT OLD.id ORDER BY key))))
    WHERE profile_id = OLD.profile_id
      AND EXISTS (SELECT 1 FROM json_each(cv_versions.sections_config, '$.certifications') WHERE value = OLD.id);
END;

-- trigger cv_selection_education_delete on education
CREATE TRIGGER cv_selection_education_delete AFTER DELETE ON education
BEGIN
    UPDATE cv_versions
    SET sections_config = json_set(
        sections_config,
        '$.education',
        json((SELECT json_group_array(value) FROM (
                  SELECT value FROM json_each(cv_versions.sections_config, '$.education')
                  WHERE value IS NOT OLD.id ORDER BY key))))
    WHERE profile_id = OLD.profile_id
      AND EXISTS (SELECT 1 FROM json_each(cv_versions.sections_config, '$.education') WHERE value = OLD.id);
END;

-- trigger cv_selection_experiences_delete on experiences
CREATE TRIGGER cv_selection_experiences_delete AFTER DELETE ON experiences
BEGIN
    UPDATE cv_versions
    SET sections_config = json_set(
        sections_config,
        '$.experiences',
        json((SELECT json_group_array(value) FROM (
                  SELECT value FROM json_each(cv_versions.sections_config, '$.experiences')
                  WHERE value IS NOT OLD.id ORDER BY key))))
    WHERE profile_id = OLD.profile_id
      AND EXISTS (SELECT 1 FROM json_each(cv_versions.sections_config, '$.experiences') WHERE value = OLD.id);
END;

-- trigger cv_selection_projects_delete on projects
CREATE TRIGGER cv_selection_projects_delete AFTER DELETE ON projects
BEGIN
    UPDATE cv_versions
    SET sections_config = json_set(
        sections_config,
        '$.projects',
        json((SELECT json_group_array(value) FROM (
                  SELECT value FROM json_each(cv_versions.sections_config, '$.projects')
                  WHERE value IS NOT OLD.id ORDER BY key))))
    WHERE profile_id = OLD.profile_id
      AND EXISTS (SELECT 1 FROM json_each(cv_versions.sections_config, '$.projects') WHERE value = OLD.id);
END;

-- trigger cv_selection_skills_delete on skills
CREATE TRIGGER cv_selection_skills_delete AFTER DELETE ON skills
BEGIN
    UPDATE cv_versions
    SET sections_config = json_set(
        sections_config,
        '$.skills',
        json((SELECT json_group_array(value) FROM (
                  SELECT value FROM json_each(cv_versions.sections_config, '$.skills')
                  WHERE value IS NOT OLD.id ORDER BY key))))
    WHERE profile_id = OLD.profile_id
      AND EXISTS (SELECT 1 FROM json_each(cv_versions.sections_config, '$.skills') WHERE value = OLD.id);
END;

-- trigger experiences_fts_delete on experiences
CREATE TRIGGER experiences_fts_delete AFTER DELETE ON experiences
BEGIN
    INSERT INTO experiences_fts (experiences_fts, rowid, company_name, position, description, responsibilities) VALUES ('delete', OLD.rowid, OLD.company_name, OLD.position, OLD.description, OLD.responsibilities);
END;

-- trigger experiences_fts_insert on experiences
CREATE TRIGGER experiences_fts_insert AFTER INSERT ON experiences
BEGIN
    INSERT INTO experiences_fts (rowid, company_name, position, description, responsibilities) VALUES (NEW.rowid, NEW.company_name, NEW.position, NEW.description, NEW.responsibilities);
END;

-- trigger experiences_fts_update on experiences
CREATE TRIGGER experiences_fts_update AFTER UPDATE OF company_name, position, description, responsibilities ON experiences
BEGIN
    INSERT INTO experiences_fts (experiences_fts, rowid, company_name, position, description, responsibilities) VALUES ('delete', OLD.rowid, OLD.company_name, OLD.position, OLD.description, OLD.responsibilities);
    INSERT INTO experiences_fts (rowid, company_name, position, description, responsibilities) VALUES (NEW.rowid, NEW.company_name, NEW.position, NEW.description, NEW.responsibilities);
END;

-- trigger projects_fts_delete on projects
CREATE TRIGGER projects_fts_delete AFTER DELETE ON projects
BEGIN
    INSERT INTO projects_fts (projects_fts, rowid, name, description, achievements) VALUES ('delete', OLD.rowid, OLD.name, OLD.description, OLD.achievements);
END;

-- trigger projects_fts_insert on projects
CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects
BEGIN
    INSERT INTO projects_fts (rowid, name, description, achievements) VALUES (NEW.rowid, NEW.name, NEW.description, NEW.achievements);
END;

-- trigger projects_fts_update on projects
CREATE TRIGGER projects_fts_update AFTER UPDATE OF name, description, achievements ON projects
BEGIN
    INSERT INTO projects_fts (projects_fts, rowid, name, description, achievements) VALUES ('delete', OLD.rowid, OLD.name, OLD.description, OLD.achievements);
    INSERT INTO projects_fts (rowid, name, description, achievements) VALUES (NEW.rowid, NEW.name, NEW.description, NEW.achievements);
END;

-- trigger sync_achievements_delete on achievements
CREATE TRIGGER sync_achievements_delete AFTER DELETE ON achievements
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'achievements', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_achievements_insert on achievements
CREATE TRIGGER sync_achievements_insert AFTER INSERT ON achievements
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'achievements', json_array(NEW.id), 'upsert', json_object('profile_id', NEW.profile_id, 'title', NEW.title, 'description', NEW.description, 'date', NEW.date, 'category', NEW.category, 'url', NEW.url, 'display_order', NEW.display_order, 'created_at', NEW.created_at), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_achievements_update on achievements
CREATE TRIGGER sync_achievements_update AFTER UPDATE ON achievements
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.title IS NOT OLD.title OR NEW.description IS NOT OLD.description OR NEW.date IS NOT OLD.date OR NEW.category IS NOT OLD.category OR NEW.url IS NOT OLD.url OR NEW.display_order IS NOT OLD.display_order OR NEW.created_at IS NOT OLD.created_at) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'achievements', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'achievements', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('profile_id', NEW.profile_id, 'title', NEW.title, 'description', NEW.description, 'date', NEW.date, 'category', NEW.category, 'url', NEW.url, 'display_order', NEW.display_order, 'created_at', NEW.created_at) ELSE json_remove(json_object('profile_id', NEW.profile_id, 'title', NEW.title, 'description', NEW.description, 'date', NEW.date, 'category', NEW.category, 'url', NEW.url, 'display_order', NEW.display_order, 'created_at', NEW.created_at), CASE WHEN NEW.profile_id IS OLD.profile_id THEN '$.profile_id' ELSE '$.""' END, CASE WHEN NEW.title IS OLD.title THEN '$.title' ELSE '$.""' END, CASE WHEN NEW.description IS OLD.description THEN '$.description' ELSE '$.""' END, CASE WHEN NEW.date IS OLD.date THEN '$.date' ELSE '$.""' END, CASE WHEN NEW.category IS OLD.category THEN '$.category' ELSE '$.""' END, CASE WHEN NEW.url IS OLD.url THEN '$.url' ELSE '$.""' END, CASE WHEN NEW.display_order IS OLD.display_order THEN '$.display_order' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_certifications_delete on certifications
CREATE TRIGGER sync_certifications_delete AFTER DELETE ON certifications
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'certifications', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_certifications_insert on certifications
CREATE TRIGGER sync_certifications_insert AFTER INSERT ON certifications
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'certifications', json_array(NEW.id), 'upsert', json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'issuing_organization', NEW.issuing_organization, 'credential_id', NEW.credential_id, 'credential_url', NEW.credential_url, 'issue_date', NEW.issue_date, 'expiry_date', NEW.expiry_date, 'created_at', NEW.created_at, 'display_order', NEW.display_order), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_certifications_update on certifications
CREATE TRIGGER sync_certifications_update AFTER UPDATE ON certifications
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.name IS NOT OLD.name OR NEW.issuing_organization IS NOT OLD.issuing_organization OR NEW.credential_id IS NOT OLD.credential_id OR NEW.credential_url IS NOT OLD.credential_url OR NEW.issue_date IS NOT OLD.issue_date OR NEW.expiry_date IS NOT OLD.expiry_date OR NEW.created_at IS NOT OLD.created_at OR NEW.display_order IS NOT OLD.display_order) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'certifications', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'certifications', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'issuing_organization', NEW.issuing_organization, 'credential_id', NEW.credential_id, 'credential_url', NEW.credential_url, 'issue_date', NEW.issue_date, 'expiry_date', NEW.expiry_date, 'created_at', NEW.created_at, 'display_order', NEW.display_order) ELSE json_remove(json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'issuing_organization', NEW.issuing_organization, 'credential_id', NEW.credential_id, 'credential_url', NEW.credential_url, 'issue_date', NEW.issue_date, 'expiry_date', NEW.expiry_date, 'created_at', NEW.created_at, 'display_order', NEW.display_order), CASE WHEN NEW.profile_id IS OLD.profile_id THEN '$.profile_id' ELSE '$.""' END, CASE WHEN NEW.name IS OLD.name THEN '$.name' ELSE '$.""' END, CASE WHEN NEW.issuing_organization IS OLD.issuing_organization THEN '$.issuing_organization' ELSE '$.""' END, CASE WHEN NEW.credential_id IS OLD.credential_id THEN '$.credential_id' ELSE '$.""' END, CASE WHEN NEW.credential_url IS OLD.credential_url THEN '$.credential_url' ELSE '$.""' END, CASE WHEN NEW.issue_date IS OLD.issue_date THEN '$.issue_date' ELSE '$.""' END, CASE WHEN NEW.expiry_date IS OLD.expiry_date THEN '$.expiry_date' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END, CASE WHEN NEW.display_order IS OLD.display_order THEN '$.display_order' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_cv_versions_delete on cv_versions
CREATE TRIGGER sync_cv_versions_delete AFTER DELETE ON cv_versions
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'cv_versions', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_cv_versions_insert on cv_versions
CREATE TRIGGER sync_cv_versions_insert AFTER INSERT ON cv_versions
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'cv_versions', json_array(NEW.id), 'upsert', json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'template', NEW.template, 'sections_config', json(NEW.sections_config), 'pdf_url', NEW.pdf_url, 'is_default', NEW.is_default, 'created_at', NEW.created_at), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_cv_versions_update on cv_versions
CREATE TRIGGER sync_cv_versions_update AFTER UPDATE ON cv_versions
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.name IS NOT OLD.name OR NEW.template IS NOT OLD.template OR NEW.sections_config IS NOT OLD.sections_config OR NEW.pdf_url IS NOT OLD.pdf_url OR NEW.is_default IS NOT OLD.is_default OR NEW.created_at IS NOT OLD.created_at) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'cv_versions', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'cv_versions', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'template', NEW.template, 'sections_config', json(NEW.sections_config), 'pdf_url', NEW.pdf_url, 'is_default', NEW.is_default, 'created_at', NEW.created_at) ELSE json_remove(json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'template', NEW.template, 'sections_config', json(NEW.sections_config), 'pdf_url', NEW.pdf_url, 'is_default', NEW.is_default, 'created_at', NEW.created_at), CASE WHEN NEW.profile_id IS OLD.profile_id THEN '$.profile_id' ELSE '$.""' END, CASE WHEN NEW.name IS OLD.name THEN '$.name' ELSE '$.""' END, CASE WHEN NEW.template IS OLD.template THEN '$.template' ELSE '$.""' END, CASE WHEN NEW.sections_config IS OLD.sections_config THEN '$.sections_config' ELSE '$.""' END, CASE WHEN NEW.pdf_url IS OLD.pdf_url THEN '$.pdf_url' ELSE '$.""' END, CASE WHEN NEW.is_default IS OLD.is_default THEN '$.is_default' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_education_delete on education
CREATE TRIGGER sync_education_delete AFTER DELETE ON education
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'education', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_education_insert on education
CREATE TRIGGER sync_education_insert AFTER INSERT ON education
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'education', json_array(NEW.id), 'upsert', json_object('profile_id', NEW.profile_id, 'institution', NEW.institution, 'degree', NEW.degree, 'field_of_study', NEW.field_of_study, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'grade', NEW.grade, 'description', NEW.description, 'display_order', NEW.display_order, 'created_at', NEW.created_at), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_education_update on education
CREATE TRIGGER sync_education_update AFTER UPDATE ON education
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.institution IS NOT OLD.institution OR NEW.degree IS NOT OLD.degree OR NEW.field_of_study IS NOT OLD.field_of_study OR NEW.start_date IS NOT OLD.start_date OR NEW.end_date IS NOT OLD.end_date OR NEW.grade IS NOT OLD.grade OR NEW.description IS NOT OLD.description OR NEW.display_order IS NOT OLD.display_order OR NEW.created_at IS NOT OLD.created_at) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'education', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'education', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('profile_id', NEW.profile_id, 'institution', NEW.institution, 'degree', NEW.degree, 'field_of_study', NEW.field_of_study, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'grade', NEW.grade, 'description', NEW.description, 'display_order', NEW.display_order, 'created_at', NEW.created_at) ELSE json_remove(json_object('profile_id', NEW.profile_id, 'institution', NEW.institution, 'degree', NEW.degree, 'field_of_study', NEW.field_of_study, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'grade', NEW.grade, 'description', NEW.description, 'display_order', NEW.display_order, 'created_at', NEW.created_at), CASE WHEN NEW.profile_id IS OLD.profile_id THEN '$.profile_id' ELSE '$.""' END, CASE WHEN NEW.institution IS OLD.institution THEN '$.institution' ELSE '$.""' END, CASE WHEN NEW.degree IS OLD.degree THEN '$.degree' ELSE '$.""' END, CASE WHEN NEW.field_of_study IS OLD.field_of_study THEN '$.field_of_study' ELSE '$.""' END, CASE WHEN NEW.start_date IS OLD.start_date THEN '$.start_date' ELSE '$.""' END, CASE WHEN NEW.end_date IS OLD.end_date THEN '$.end_date' ELSE '$.""' END, CASE WHEN NEW.grade IS OLD.grade THEN '$.grade' ELSE '$.""' END, CASE WHEN NEW.description IS OLD.description THEN '$.description' ELSE '$.""' END, CASE WHEN NEW.display_order IS OLD.display_order THEN '$.display_order' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_experience_technologies_delete on experience_technologies
CREATE TRIGGER sync_experience_technologies_delete AFTER DELETE ON experience_technologies
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'experience_technologies', json_array(OLD.experience_id, OLD.technology_id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_experience_technologies_insert on experience_technologies
CREATE TRIGGER sync_experience_technologies_insert AFTER INSERT ON experience_technologies
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'experience_technologies', json_array(NEW.experience_id, NEW.technology_id), 'upsert', json_object(), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_experience_technologies_update on experience_technologies
CREATE TRIGGER sync_experience_technologies_update AFTER UPDATE ON experience_technologies
FOR EACH ROW WHEN (NEW.experience_id IS NOT OLD.experience_id OR NEW.technology_id IS NOT OLD.technology_id) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'experience_technologies', json_array(OLD.experience_id, OLD.technology_id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.experience_id IS NOT OLD.experience_id OR NEW.technology_id IS NOT OLD.technology_id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'experience_technologies', json_array(NEW.experience_id, NEW.technology_id), 'upsert', json_object(), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_experiences_delete on experiences
CREATE TRIGGER sync_experiences_delete AFTER DELETE ON experiences
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'experiences', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_experiences_insert on experiences
CREATE TRIGGER sync_experiences_insert AFTER INSERT ON experiences
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'experiences', json_array(NEW.id), 'upsert', json_object('profile_id', NEW.profile_id, 'company_name', NEW.company_name, 'company_website', NEW.company_website, 'company_size', NEW.company_size, 'industry', NEW.industry, 'company_location', NEW.company_location, 'position', NEW.position, 'employment_type', NEW.employment_type, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'is_current', NEW.is_current, 'description', NEW.description, 'responsibilities', json(NEW.responsibilities), 'technologies', json(NEW.technologies), 'display_order', NEW.display_order, 'created_at', NEW.created_at), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_experiences_update on experiences
CREATE TRIGGER sync_experiences_update AFTER UPDATE ON experiences
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.company_name IS NOT OLD.company_name OR NEW.company_website IS NOT OLD.company_website OR NEW.company_size IS NOT OLD.company_size OR NEW.industry IS NOT OLD.industry OR NEW.company_location IS NOT OLD.company_location OR NEW.position IS NOT OLD.position OR NEW.employment_type IS NOT OLD.employment_type OR NEW.start_date IS NOT OLD.start_date OR NEW.end_date IS NOT OLD.end_date OR NEW.is_current IS NOT OLD.is_current OR NEW.description IS NOT OLD.description OR NEW.responsibilities IS NOT OLD.responsibilities OR NEW.technologies IS NOT OLD.technologies OR NEW.display_order IS NOT OLD.display_order OR NEW.created_at IS NOT OLD.created_at) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'experiences', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'experiences', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('profile_id', NEW.profile_id, 'company_name', NEW.company_name, 'company_website', NEW.company_website, 'company_size', NEW.company_size, 'industry', NEW.industry, 'company_location', NEW.company_location, 'position', NEW.position, 'employment_type', NEW.employment_type, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'is_current', NEW.is_current, 'description', NEW.description, 'responsibilities', json(NEW.responsibilities), 'technologies', json(NEW.technologies), 'display_order', NEW.display_order, 'created_at', NEW.created_at) ELSE json_remove(json_object('profile_id', NEW.profile_id, 'company_name', NEW.company_name, 'company_website', NEW.company_website, 'company_size', NEW.company_size, 'industry', NEW.industry, 'company_location', NEW.company_location, 'position', NEW.position, 'employment_type', NEW.employment_type, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'is_current', NEW.is_current, 'description', NEW.description, 'responsibilities', json(NEW.responsibilities), 'technologies', json(NEW.technologies), 'display_order', NEW.display_order, 'created_at', NEW.created_at), CASE WHEN NEW.profile_id IS OLD.profile_id THEN '$.profile_id' ELSE '$.""' END, CASE WHEN NEW.company_name IS OLD.company_name THEN '$.company_name' ELSE '$.""' END, CASE WHEN NEW.company_website IS OLD.company_website THEN '$.company_website' ELSE '$.""' END, CASE WHEN NEW.company_size IS OLD.company_size THEN '$.company_size' ELSE '$.""' END, CASE WHEN NEW.industry IS OLD.industry THEN '$.industry' ELSE '$.""' END, CASE WHEN NEW.company_location IS OLD.company_location THEN '$.company_location' ELSE '$.""' END, CASE WHEN NEW.position IS OLD.position THEN '$.position' ELSE '$.""' END, CASE WHEN NEW.employment_type IS OLD.employment_type THEN '$.employment_type' ELSE '$.""' END, CASE WHEN NEW.start_date IS OLD.start_date THEN '$.start_date' ELSE '$.""' END, CASE WHEN NEW.end_date IS OLD.end_date THEN '$.end_date' ELSE '$.""' END, CASE WHEN NEW.is_current IS OLD.is_current THEN '$.is_current' ELSE '$.""' END, CASE WHEN NEW.description IS OLD.description THEN '$.description' ELSE '$.""' END, CASE WHEN NEW.responsibilities IS OLD.responsibilities THEN '$.responsibilities' ELSE '$.""' END, CASE WHEN NEW.technologies IS OLD.technologies THEN '$.technologies' ELSE '$.""' END, CASE WHEN NEW.display_order IS OLD.display_order THEN '$.display_order' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_profiles_delete on profiles
CREATE TRIGGER sync_profiles_delete AFTER DELETE ON profiles
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'profiles', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_profiles_insert on profiles
CREATE TRIGGER sync_profiles_insert AFTER INSERT ON profiles
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'profiles', json_array(NEW.id), 'upsert', json_object('slug', NEW.slug, 'headline', NEW.headline, 'summary', NEW.summary, 'location', NEW.location, 'visibility', NEW.visibility, 'contact', json(NEW.contact), 'draft_data', json(NEW.draft_data), 'profile_photo_url', NEW.profile_photo_url, 'created_at', NEW.created_at), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_profiles_update on profiles
CREATE TRIGGER sync_profiles_update AFTER UPDATE ON profiles
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.slug IS NOT OLD.slug OR NEW.headline IS NOT OLD.headline OR NEW.summary IS NOT OLD.summary OR NEW.location IS NOT OLD.location OR NEW.visibility IS NOT OLD.visibility OR NEW.contact IS NOT OLD.contact OR NEW.draft_data IS NOT OLD.draft_data OR NEW.profile_photo_url IS NOT OLD.profile_photo_url OR NEW.created_at IS NOT OLD.created_at) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'profiles', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'profiles', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('slug', NEW.slug, 'headline', NEW.headline, 'summary', NEW.summary, 'location', NEW.location, 'visibility', NEW.visibility, 'contact', json(NEW.contact), 'draft_data', json(NEW.draft_data), 'profile_photo_url', NEW.profile_photo_url, 'created_at', NEW.created_at) ELSE json_remove(json_object('slug', NEW.slug, 'headline', NEW.headline, 'summary', NEW.summary, 'location', NEW.location, 'visibility', NEW.visibility, 'contact', json(NEW.contact), 'draft_data', json(NEW.draft_data), 'profile_photo_url', NEW.profile_photo_url, 'created_at', NEW.created_at), CASE WHEN NEW.slug IS OLD.slug THEN '$.slug' ELSE '$.""' END, CASE WHEN NEW.headline IS OLD.headline THEN '$.headline' ELSE '$.""' END, CASE WHEN NEW.summary IS OLD.summary THEN '$.summary' ELSE '$.""' END, CASE WHEN NEW.location IS OLD.location THEN '$.location' ELSE '$.""' END, CASE WHEN NEW.visibility IS OLD.visibility THEN '$.visibility' ELSE '$.""' END, CASE WHEN NEW.contact IS OLD.contact THEN '$.contact' ELSE '$.""' END, CASE WHEN NEW.draft_data IS OLD.draft_data THEN '$.draft_data' ELSE '$.""' END, CASE WHEN NEW.profile_photo_url IS OLD.profile_photo_url THEN '$.profile_photo_url' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_project_experiences_delete on project_experiences
CREATE TRIGGER sync_project_experiences_delete AFTER DELETE ON project_experiences
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'project_experiences', json_array(OLD.project_id, OLD.experience_id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_project_experiences_insert on project_experiences
CREATE TRIGGER sync_project_experiences_insert AFTER INSERT ON project_experiences
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'project_experiences', json_array(NEW.project_id, NEW.experience_id), 'upsert', json_object(), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_project_experiences_update on project_experiences
CREATE TRIGGER sync_project_experiences_update AFTER UPDATE ON project_experiences
FOR EACH ROW WHEN (NEW.project_id IS NOT OLD.project_id OR NEW.experience_id IS NOT OLD.experience_id) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'project_experiences', json_array(OLD.project_id, OLD.experience_id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.project_id IS NOT OLD.project_id OR NEW.experience_id IS NOT OLD.experience_id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'project_experiences', json_array(NEW.project_id, NEW.experience_id), 'upsert', json_object(), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_project_technologies_delete on project_technologies
CREATE TRIGGER sync_project_technologies_delete AFTER DELETE ON project_technologies
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'project_technologies', json_array(OLD.project_id, OLD.technology_id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_project_technologies_insert on project_technologies
CREATE TRIGGER sync_project_technologies_insert AFTER INSERT ON project_technologies
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'project_technologies', json_array(NEW.project_id, NEW.technology_id), 'upsert', json_object(), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_project_technologies_update on project_technologies
CREATE TRIGGER sync_project_technologies_update AFTER UPDATE ON project_technologies
FOR EACH ROW WHEN (NEW.project_id IS NOT OLD.project_id OR NEW.technology_id IS NOT OLD.technology_id) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'project_technologies', json_array(OLD.project_id, OLD.technology_id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.project_id IS NOT OLD.project_id OR NEW.technology_id IS NOT OLD.technology_id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'project_technologies', json_array(NEW.project_id, NEW.technology_id), 'upsert', json_object(), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_projects_delete on projects
CREATE TRIGGER sync_projects_delete AFTER DELETE ON projects
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'projects', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_projects_insert on projects
CREATE TRIGGER sync_projects_insert AFTER INSERT ON projects
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'projects', json_array(NEW.id), 'upsert', json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'description', NEW.description, 'role', NEW.role, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'is_ongoing', NEW.is_ongoing, 'is_anonymized', NEW.is_anonymized, 'anonymized_company', NEW.anonymized_company, 'status', NEW.status, 'category', NEW.category, 'achievements', json(NEW.achievements), 'challenges', json(NEW.challenges), 'clients', json(NEW.clients), 'team_size', NEW.team_size, 'duration_months', NEW.duration_months, 'users_count', NEW.users_count, 'budget_range', NEW.budget_range, 'demo_url', NEW.demo_url, 'github_url', NEW.github_url, 'documentation_url', NEW.documentation_url, 'visibility', NEW.visibility, 'technologies', json(NEW.technologies), 'created_at', NEW.created_at, 'display_order', NEW.display_order), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_projects_update on projects
CREATE TRIGGER sync_projects_update AFTER UPDATE ON projects
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.name IS NOT OLD.name OR NEW.description IS NOT OLD.description OR NEW.role IS NOT OLD.role OR NEW.start_date IS NOT OLD.start_date OR NEW.end_date IS NOT OLD.end_date OR NEW.is_ongoing IS NOT OLD.is_ongoing OR NEW.is_anonymized IS NOT OLD.is_anonymized OR NEW.anonymized_company IS NOT OLD.anonymized_company OR NEW.status IS NOT OLD.status OR NEW.category IS NOT OLD.category OR NEW.achievements IS NOT OLD.achievements OR NEW.challenges IS NOT OLD.challenges OR NEW.clients IS NOT OLD.clients OR NEW.team_size IS NOT OLD.team_size OR NEW.duration_months IS NOT OLD.duration_months OR NEW.users_count IS NOT OLD.users_count OR NEW.budget_range IS NOT OLD.budget_range OR NEW.demo_url IS NOT OLD.demo_url OR NEW.github_url IS NOT OLD.github_url OR NEW.documentation_url IS NOT OLD.documentation_url OR NEW.visibility IS NOT OLD.visibility OR NEW.technologies IS NOT OLD.technologies OR NEW.created_at IS NOT OLD.created_at OR NEW.display_order IS NOT OLD.display_order) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'projects', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'projects', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'description', NEW.description, 'role', NEW.role, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'is_ongoing', NEW.is_ongoing, 'is_anonymized', NEW.is_anonymized, 'anonymized_company', NEW.anonymized_company, 'status', NEW.status, 'category', NEW.category, 'achievements', json(NEW.achievements), 'challenges', json(NEW.challenges), 'clients', json(NEW.clients), 'team_size', NEW.team_size, 'duration_months', NEW.duration_months, 'users_count', NEW.users_count, 'budget_range', NEW.budget_range, 'demo_url', NEW.demo_url, 'github_url', NEW.github_url, 'documentation_url', NEW.documentation_url, 'visibility', NEW.visibility, 'technologies', json(NEW.technologies), 'created_at', NEW.created_at, 'display_order', NEW.display_order) ELSE json_remove(json_object('profile_id', NEW.profile_id, 'name', NEW.name, 'description', NEW.description, 'role', NEW.role, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'is_ongoing', NEW.is_ongoing, 'is_anonymized', NEW.is_anonymized, 'anonymized_company', NEW.anonymized_company, 'status', NEW.status, 'category', NEW.category, 'achievements', json(NEW.achievements), 'challenges', json(NEW.challenges), 'clients', json(NEW.clients), 'team_size', NEW.team_size, 'duration_months', NEW.duration_months, 'users_count', NEW.users_count, 'budget_range', NEW.budget_range, 'demo_url', NEW.demo_url, 'github_url', NEW.github_url, 'documentation_url', NEW.documentation_url, 'visibility', NEW.visibility, 'technologies', json(NEW.technologies), 'created_at', NEW.created_at, 'display_order', NEW.display_order), CASE WHEN NEW.profile_id IS OLD.profile_id THEN '$.profile_id' ELSE '$.""' END, CASE WHEN NEW.name IS OLD.name THEN '$.name' ELSE '$.""' END, CASE WHEN NEW.description IS OLD.description THEN '$.description' ELSE '$.""' END, CASE WHEN NEW.role IS OLD.role THEN '$.role' ELSE '$.""' END, CASE WHEN NEW.start_date IS OLD.start_date THEN '$.start_date' ELSE '$.""' END, CASE WHEN NEW.end_date IS OLD.end_date THEN '$.end_date' ELSE '$.""' END, CASE WHEN NEW.is_ongoing IS OLD.is_ongoing THEN '$.is_ongoing' ELSE '$.""' END, CASE WHEN NEW.is_anonymized IS OLD.is_anonymized THEN '$.is_anonymized' ELSE '$.""' END, CASE WHEN NEW.anonymized_company IS OLD.anonymized_company THEN '$.anonymized_company' ELSE '$.""' END, CASE WHEN NEW.status IS OLD.status THEN '$.status' ELSE '$.""' END, CASE WHEN NEW.category IS OLD.category THEN '$.category' ELSE '$.""' END, CASE WHEN NEW.achievements IS OLD.achievements THEN '$.achievements' ELSE '$.""' END, CASE WHEN NEW.challenges IS OLD.challenges THEN '$.challenges' ELSE '$.""' END, CASE WHEN NEW.clients IS OLD.clients THEN '$.clients' ELSE '$.""' END, CASE WHEN NEW.team_size IS OLD.team_size THEN '$.team_size' ELSE '$.""' END, CASE WHEN NEW.duration_months IS OLD.duration_months THEN '$.duration_months' ELSE '$.""' END, CASE WHEN NEW.users_count IS OLD.users_count THEN '$.users_count' ELSE '$.""' END, CASE WHEN NEW.budget_range IS OLD.budget_range THEN '$.budget_range' ELSE '$.""' END, CASE WHEN NEW.demo_url IS OLD.demo_url THEN '$.demo_url' ELSE '$.""' END, CASE WHEN NEW.github_url IS OLD.github_url THEN '$.github_url' ELSE '$.""' END, CASE WHEN NEW.documentation_url IS OLD.documentation_url THEN '$.documentation_url' ELSE '$.""' END, CASE WHEN NEW.visibility IS OLD.visibility THEN '$.visibility' ELSE '$.""' END, CASE WHEN NEW.technologies IS OLD.technologies THEN '$.technologies' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END, CASE WHEN NEW.display_order IS OLD.display_order THEN '$.display_order' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_skills_delete on skills
CREATE TRIGGER sync_skills_delete AFTER DELETE ON skills
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'skills', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_skills_insert on skills
CREATE TRIGGER sync_skills_insert AFTER INSERT ON skills
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'skills', json_array(NEW.id), 'upsert', json_object('profile_id', NEW.profile_id, 'technology_id', NEW.technology_id, 'level', NEW.level, 'years_of_experience', NEW.years_of_experience, 'started_using_year', NEW.started_using_year, 'is_primary', NEW.is_primary, 'created_at', NEW.created_at, 'display_order', NEW.display_order), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_skills_update on skills
CREATE TRIGGER sync_skills_update AFTER UPDATE ON skills
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.technology_id IS NOT OLD.technology_id OR NEW.level IS NOT OLD.level OR NEW.years_of_experience IS NOT OLD.years_of_experience OR NEW.started_using_year IS NOT OLD.started_using_year OR NEW.is_primary IS NOT OLD.is_primary OR NEW.created_at IS NOT OLD.created_at OR NEW.display_order IS NOT OLD.display_order) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'skills', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'skills', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('profile_id', NEW.profile_id, 'technology_id', NEW.technology_id, 'level', NEW.level, 'years_of_experience', NEW.years_of_experience, 'started_using_year', NEW.started_using_year, 'is_primary', NEW.is_primary, 'created_at', NEW.created_at, 'display_order', NEW.display_order) ELSE json_remove(json_object('profile_id', NEW.profile_id, 'technology_id', NEW.technology_id, 'level', NEW.level, 'years_of_experience', NEW.years_of_experience, 'started_using_year', NEW.started_using_year, 'is_primary', NEW.is_primary, 'created_at', NEW.created_at, 'display_order', NEW.display_order), CASE WHEN NEW.profile_id IS OLD.profile_id THEN '$.profile_id' ELSE '$.""' END, CASE WHEN NEW.technology_id IS OLD.technology_id THEN '$.technology_id' ELSE '$.""' END, CASE WHEN NEW.level IS OLD.level THEN '$.level' ELSE '$.""' END, CASE WHEN NEW.years_of_experience IS OLD.years_of_experience THEN '$.years_of_experience' ELSE '$.""' END, CASE WHEN NEW.started_using_year IS OLD.started_using_year THEN '$.started_using_year' ELSE '$.""' END, CASE WHEN NEW.is_primary IS OLD.is_primary THEN '$.is_primary' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END, CASE WHEN NEW.display_order IS OLD.display_order THEN '$.display_order' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_technologies_delete on technologies
CREATE TRIGGER sync_technologies_delete AFTER DELETE ON technologies
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'technologies', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_technologies_insert on technologies
CREATE TRIGGER sync_technologies_insert AFTER INSERT ON technologies
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'technologies', json_array(NEW.id), 'upsert', json_object('name', NEW.name, 'category', NEW.category, 'layer', NEW.layer, 'created_at', NEW.created_at), printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger sync_technologies_update on technologies
CREATE TRIGGER sync_technologies_update AFTER UPDATE ON technologies
FOR EACH ROW WHEN (NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.category IS NOT OLD.category OR NEW.layer IS NOT OLD.layer OR NEW.created_at IS NOT OLD.created_at) AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'
BEGIN
    UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1;
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'technologies', json_array(OLD.id), 'delete', '{}', printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1 AND (NEW.id IS NOT OLD.id);
    INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT 'technologies', json_array(NEW.id), 'upsert', CASE WHEN NEW.id IS NOT OLD.id THEN json_object('name', NEW.name, 'category', NEW.category, 'layer', NEW.layer, 'created_at', NEW.created_at) ELSE json_remove(json_object('name', NEW.name, 'category', NEW.category, 'layer', NEW.layer, 'created_at', NEW.created_at), CASE WHEN NEW.name IS OLD.name THEN '$.name' ELSE '$.""' END, CASE WHEN NEW.category IS OLD.category THEN '$.category' ELSE '$.""' END, CASE WHEN NEW.layer IS OLD.layer THEN '$.layer' ELSE '$.""' END, CASE WHEN NEW.created_at IS OLD.created_at THEN '$.created_at' ELSE '$.""' END) END, printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id) FROM sync_state WHERE id = 1;
END;

-- trigger technologies_fts_delete on technologies
CREATE TRIGGER technologies_fts_delete AFTER DELETE ON technologies
BEGIN
    INSERT INTO technologies_fts (technologies_fts, rowid, name) VALUES ('delete', OLD.rowid, OLD.name);
END;

-- trigger technologies_fts_insert on technologies
CREATE TRIGGER technologies_fts_insert AFTER INSERT ON technologies
BEGIN
    INSERT INTO technologies_fts (rowid, name) VALUES (NEW.rowid, NEW.name);
END;

-- trigger technologies_fts_update on technologies
CREATE TRIGGER technologies_fts_update AFTER UPDATE OF name ON technologies
BEGIN
    INSERT INTO technologies_fts (technologies_fts, rowid, name) VALUES ('delete', OLD.rowid, OLD.name);
    INSERT INTO technologies_fts (rowid, name) VALUES (NEW.rowid, NEW.name);
END;

-- trigger update_achievements_updated_at on achievements
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

-- trigger update_builder_sessions_updated_at on builder_sessions
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

-- trigger update_builder_steps_updated_at on builder_steps
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

-- trigger update_certifications_updated_at on certifications
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

-- trigger update_cv_versions_updated_at on cv_versions
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

-- trigger update_education_updated_at on education
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

-- trigger update_experiences_updated_at on experiences
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

-- trigger update_profiles_updated_at on profiles
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

-- trigger update_projects_updated_at on projects
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

-- trigger update_skills_updated_at on skills
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

-- trigger update_users_updated_at on users
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

-- view audit_context on audit_context
CREATE VIEW audit_context AS
SELECT
    s.id,
    s.user_id,
    CASE WHEN s.change_id IS NULL THEN 'external' ELSE s.source END AS source,
    s.session_id,
    COALESCE(s.change_id, (SELECT id FROM outside_change_id)) AS change_id,
    s.reverts_change_id
FROM audit_state s;

-- view certifications_with_expiry on certifications_with_expiry
CREATE VIEW certifications_with_expiry AS
SELECT certifications.*, (expiry_date < date('now')) AS is_expired
FROM certifications;

-- view new_ulid on new_ulid
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

-- view outside_change_id on outside_change_id
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

-- view profile_completeness on profile_completeness
CREATE VIEW profile_completeness AS
SELECT
    p.id AS profile_id,
    (CASE WHEN p.headline IS NOT NULL AND p.headline != '' THEN 10 ELSE 0 END)
    + (CASE WHEN p.summary IS NOT NULL AND length(p.summary) > 100 THEN 20 ELSE 0 END)
    + 10 * (SELECT count(*) FROM (SELECT 1 FROM experiences WHERE profile_id = p.id LIMIT 3))
    + 5 * (SELECT count(*) FROM (SELECT 1 FROM projects WHERE profile_id = p.id LIMIT 3))
    + 3 * (SELECT count(*) FROM (SELECT 1 FROM skills WHERE profile_id = p.id LIMIT 5))
    + 10 * (SELECT count(*) FROM (SELECT 1 FROM education WHERE profile_id = p.id LIMIT 1))
    AS score
FROM profiles p;
