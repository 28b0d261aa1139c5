-- 0001 documented schema: the 16 tables of the Career Hub schema document, as written
--
-- Why: the hosted account holds the same relational data as the desktop's SQLite
-- file, in the document's own DDL. Applied unchanged except where docs/schema.md
-- ("Where the document is wrong") decides otherwise for both engines:
--   (1) certifications has no stored is_expired (it cannot be generated: not
--       immutable); the view certifications_with_expiry computes it as of today;
--   (2) idx_skills_search would index a nonexistent skills.name; typo-tolerant skill
--       search is a trigram index on technologies.name instead;
--   (3) the partitioning example is not applied (docs/sync.md says when it would be);
--   (7) every table with updated_at gets the trigger, and an UPDATE that changes
--       nothing, or only derived columns, leaves updated_at alone, as on SQLite;
--   (9) junction key columns are NOT NULL (they are, through the primary key).
-- The columns the desktop added for the profile API (display_order on projects,
-- skills and certifications; one default CV version per profile; case-insensitive
-- technology names) come in 0002, as they did on SQLite in its 0004.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email VARCHAR(255) UNIQUE NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    is_active BOOLEAN DEFAULT true,
    is_verified BOOLEAN DEFAULT false,
    verification_token TEXT,
    reset_token TEXT,
    reset_token_expires TIMESTAMP,
    plan VARCHAR(20) DEFAULT 'FREE',
    plan_expires_at TIMESTAMP,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    last_login_at TIMESTAMP,
    CONSTRAINT check_plan CHECK (plan IN ('FREE', 'PRO', 'EXPERT'))
);
CREATE INDEX idx_users_email ON users(email);
CREATE INDEX idx_users_reset_token ON users(reset_token) WHERE reset_token IS NOT NULL;

CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    user_id TEXT UNIQUE NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    slug VARCHAR(100) UNIQUE,
    headline VARCHAR(200),
    summary TEXT,
    location VARCHAR(100),
    visibility VARCHAR(20) DEFAULT 'PRIVATE',
    contact JSONB DEFAULT '{}',
    draft_data JSONB,
    profile_photo_url TEXT,
    completeness_score INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT check_visibility CHECK (visibility IN ('PRIVATE', 'FRIENDS', 'PUBLIC'))
);
CREATE INDEX idx_profiles_user_id ON profiles(user_id);
CREATE INDEX idx_profiles_slug ON profiles(slug) WHERE slug IS NOT NULL;
CREATE INDEX idx_profiles_visibility ON profiles(visibility) WHERE visibility = 'PUBLIC';

CREATE TABLE experiences (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    company_name VARCHAR(200) NOT NULL,
    company_website VARCHAR(500),
    company_size VARCHAR(50),
    industry VARCHAR(100),
    company_location VARCHAR(100),
    position VARCHAR(200) NOT NULL,
    employment_type VARCHAR(50),
    start_date DATE NOT NULL,
    end_date DATE,
    is_current BOOLEAN DEFAULT false,
    description TEXT,
    responsibilities JSONB DEFAULT '[]',
    technologies TEXT[],
    display_order INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT check_dates CHECK (end_date IS NULL OR end_date > start_date)
);
CREATE INDEX idx_experiences_profile_id ON experiences(profile_id);
CREATE INDEX idx_experiences_dates ON experiences(profile_id, start_date DESC);
CREATE INDEX idx_responsibilities_gin ON experiences USING gin(responsibilities);

CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    description TEXT,
    role VARCHAR(100),
    start_date DATE,
    end_date DATE,
    is_ongoing BOOLEAN DEFAULT false,
    is_anonymized BOOLEAN DEFAULT false,
    anonymized_company VARCHAR(200),
    status VARCHAR(20) DEFAULT 'Active',
    category VARCHAR(20) DEFAULT 'Production',
    achievements JSONB DEFAULT '[]',
    challenges JSONB DEFAULT '[]',
    clients JSONB DEFAULT '[]',
    team_size INTEGER,
    duration_months INTEGER,
    users_count INTEGER,
    budget_range VARCHAR(20),
    demo_url VARCHAR(500),
    github_url VARCHAR(500),
    documentation_url VARCHAR(500),
    visibility VARCHAR(20) DEFAULT 'PUBLIC',
    technologies TEXT[],
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT check_visibility CHECK (visibility IN ('PUBLIC', 'ANONYMOUS')),
    CONSTRAINT check_status CHECK (status IN ('Active', 'Staging', 'Archived')),
    CONSTRAINT check_category CHECK (category IN ('Demo', 'Internal', 'Production')),
    CONSTRAINT check_budget CHECK (budget_range IS NULL OR budget_range IN ('small', 'medium', 'large'))
);
CREATE INDEX idx_projects_profile_id ON projects(profile_id);
CREATE INDEX idx_projects_dates ON projects(start_date DESC);

CREATE TABLE project_experiences (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    experience_id TEXT NOT NULL REFERENCES experiences(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, experience_id)
);
CREATE INDEX idx_project_exp_project ON project_experiences(project_id);
CREATE INDEX idx_project_exp_experience ON project_experiences(experience_id);

CREATE TABLE technologies (
    id TEXT PRIMARY KEY,
    name VARCHAR(100) UNIQUE NOT NULL,
    category VARCHAR(50) NOT NULL,
    layer VARCHAR(50) NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT check_category CHECK (category IN ('Framework', 'Library', 'Platform', 'Service', 'System')),
    CONSTRAINT check_layer CHECK (layer IN ('Backend', 'Database', 'DevOps', 'Frontend', 'Language', 'Tools'))
);
CREATE INDEX idx_technologies_name ON technologies(name);
CREATE INDEX idx_technologies_category ON technologies(category);
CREATE INDEX idx_technologies_layer ON technologies(layer);

CREATE TABLE skills (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    level INTEGER CHECK (level >= 1 AND level <= 5),
    years_of_experience INTEGER,
    started_using_year INTEGER,
    is_primary BOOLEAN DEFAULT false,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT unique_profile_technology UNIQUE (profile_id, technology_id)
);
CREATE INDEX idx_skills_profile_id ON skills(profile_id);
CREATE INDEX idx_skills_technology_id ON skills(technology_id);
CREATE INDEX idx_skills_level ON skills(profile_id, level DESC);

CREATE TABLE project_technologies (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, technology_id)
);
CREATE INDEX idx_project_tech_project ON project_technologies(project_id);
CREATE INDEX idx_project_tech_technology ON project_technologies(technology_id);

CREATE TABLE experience_technologies (
    experience_id TEXT NOT NULL REFERENCES experiences(id) ON DELETE CASCADE,
    technology_id TEXT NOT NULL REFERENCES technologies(id) ON DELETE CASCADE,
    PRIMARY KEY (experience_id, technology_id)
);
CREATE INDEX idx_exp_tech_experience ON experience_technologies(experience_id);
CREATE INDEX idx_exp_tech_technology ON experience_technologies(technology_id);

CREATE TABLE education (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    institution VARCHAR(200) NOT NULL,
    degree VARCHAR(100),
    field_of_study VARCHAR(200),
    start_date DATE,
    end_date DATE,
    grade VARCHAR(50),
    description TEXT,
    display_order INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_education_profile_id ON education(profile_id);

-- (1): no is_expired column; certifications_with_expiry below.
CREATE TABLE certifications (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    issuing_organization VARCHAR(200),
    credential_id VARCHAR(100),
    credential_url VARCHAR(500),
    issue_date DATE,
    expiry_date DATE,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_certifications_profile_id ON certifications(profile_id);
CREATE INDEX idx_certifications_expiry ON certifications(expiry_date)
    WHERE expiry_date IS NOT NULL;

CREATE TABLE achievements (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    title VARCHAR(200) NOT NULL,
    description TEXT,
    date DATE,
    category VARCHAR(50),
    url VARCHAR(500),
    display_order INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_achievements_profile_id ON achievements(profile_id);

CREATE TABLE cv_versions (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    template VARCHAR(50) DEFAULT 'modern',
    sections_config JSONB NOT NULL,
    pdf_url TEXT,
    is_default BOOLEAN DEFAULT false,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_cv_versions_profile_id ON cv_versions(profile_id);
CREATE INDEX idx_cv_versions_default ON cv_versions(profile_id, is_default)
    WHERE is_default = true;

CREATE TABLE import_history (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source VARCHAR(50) NOT NULL,
    status VARCHAR(50) DEFAULT 'PENDING',
    items_imported INTEGER DEFAULT 0,
    error_message TEXT,
    import_data JSONB,
    started_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMP
);
CREATE INDEX idx_import_history_user_id ON import_history(user_id);
CREATE INDEX idx_import_history_status ON import_history(status);

CREATE TABLE responsibilities_library (
    id TEXT PRIMARY KEY,
    role_category VARCHAR(100),
    responsibility TEXT NOT NULL,
    seniority_level VARCHAR(50),
    usage_count INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_resp_library_role ON responsibilities_library(role_category);
CREATE INDEX idx_resp_library_usage ON responsibilities_library(usage_count DESC);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    action VARCHAR(100) NOT NULL,
    entity_type VARCHAR(50),
    entity_id TEXT,
    old_values JSONB,
    new_values JSONB,
    ip_address INET,
    user_agent TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_audit_log_user_id ON audit_log(user_id);
CREATE INDEX idx_audit_log_entity ON audit_log(entity_type, entity_id);
CREATE INDEX idx_audit_log_created ON audit_log(created_at DESC);

-- § 4, (7): updated_at on a real edit, on every table that has the column. A writer
-- that sets updated_at itself (sync applying a device's edit) keeps its value.
CREATE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at
       AND (to_jsonb(NEW) - 'updated_at' - 'completeness_score')
           IS DISTINCT FROM (to_jsonb(OLD) - 'updated_at' - 'completeness_score') THEN
        NEW.updated_at = CURRENT_TIMESTAMP;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_profiles_updated_at BEFORE UPDATE ON profiles
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_experiences_updated_at BEFORE UPDATE ON experiences
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_projects_updated_at BEFORE UPDATE ON projects
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_skills_updated_at BEFORE UPDATE ON skills
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_education_updated_at BEFORE UPDATE ON education
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_certifications_updated_at BEFORE UPDATE ON certifications
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_achievements_updated_at BEFORE UPDATE ON achievements
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_cv_versions_updated_at BEFORE UPDATE ON cv_versions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- § 4, as documented.
CREATE FUNCTION calculate_profile_completeness(p_profile_id TEXT)
RETURNS INTEGER AS $$
DECLARE
    completeness INTEGER := 0;
    has_headline BOOLEAN;
    has_summary BOOLEAN;
    experience_count INTEGER;
    project_count INTEGER;
    skill_count INTEGER;
    education_count INTEGER;
BEGIN
    SELECT
        (headline IS NOT NULL AND headline != ''),
        (summary IS NOT NULL AND LENGTH(summary) > 100)
    INTO has_headline, has_summary
    FROM profiles WHERE id = p_profile_id;

    IF has_headline THEN completeness := completeness + 10; END IF;
    IF has_summary THEN completeness := completeness + 20; END IF;

    SELECT COUNT(*) INTO experience_count
    FROM experiences WHERE profile_id = p_profile_id;
    completeness := completeness + LEAST(experience_count * 10, 30);

    SELECT COUNT(*) INTO project_count
    FROM projects WHERE profile_id = p_profile_id;
    completeness := completeness + LEAST(project_count * 5, 15);

    SELECT COUNT(*) INTO skill_count
    FROM skills WHERE profile_id = p_profile_id;
    completeness := completeness + LEAST(skill_count * 3, 15);

    SELECT COUNT(*) INTO education_count
    FROM education WHERE profile_id = p_profile_id;
    completeness := completeness + LEAST(education_count * 10, 10);

    RETURN completeness;
END;
$$ LANGUAGE plpgsql;

-- (12): the score is stored, kept current by triggers, as on SQLite. The triggers use
-- the same rules with each count stopped at its cap (3 jobs, 3 projects, 5 skills, 1
-- school score in full): the documented function counts every row, which would make
-- each insert cost as much as the section is long. A test checks the stored score
-- equals calculate_profile_completeness.
-- PL/pgSQL, not SQL: PostgreSQL 15 plans a SQL function's query again on every call.
CREATE FUNCTION profile_completeness_capped(p_profile_id TEXT)
RETURNS INTEGER AS $$
BEGIN
    RETURN (
        SELECT CASE WHEN headline IS NOT NULL AND headline != '' THEN 10 ELSE 0 END
             + CASE WHEN summary IS NOT NULL AND LENGTH(summary) > 100 THEN 20 ELSE 0 END
             + 10 * (SELECT count(*) FROM (SELECT 1 FROM experiences WHERE profile_id = p_profile_id LIMIT 3) e)
             + 5 * (SELECT count(*) FROM (SELECT 1 FROM projects WHERE profile_id = p_profile_id LIMIT 3) p)
             + 3 * (SELECT count(*) FROM (SELECT 1 FROM skills WHERE profile_id = p_profile_id LIMIT 5) s)
             + 10 * (SELECT count(*) FROM (SELECT 1 FROM education WHERE profile_id = p_profile_id LIMIT 1) d)
        FROM profiles WHERE id = p_profile_id
    );
END;
$$ LANGUAGE plpgsql STABLE;

CREATE FUNCTION store_profile_completeness()
RETURNS TRIGGER AS $$
DECLARE
    key TEXT := CASE WHEN TG_TABLE_NAME = 'profiles' THEN 'id' ELSE 'profile_id' END;
    affected TEXT;
    score INTEGER;
BEGIN
    -- OLD is null on INSERT and NEW on DELETE; a move between profiles rescores both.
    FOREACH affected IN ARRAY ARRAY[to_jsonb(OLD) ->> key, to_jsonb(NEW) ->> key] LOOP
        IF affected IS NOT NULL THEN
            score := profile_completeness_capped(affected);
            UPDATE profiles SET completeness_score = score
            WHERE id = affected AND completeness_score IS DISTINCT FROM score;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER profiles_completeness AFTER INSERT OR UPDATE OF headline, summary ON profiles
    FOR EACH ROW EXECUTE FUNCTION store_profile_completeness();
CREATE TRIGGER experiences_completeness AFTER INSERT OR DELETE OR UPDATE OF profile_id ON experiences
    FOR EACH ROW EXECUTE FUNCTION store_profile_completeness();
CREATE TRIGGER projects_completeness AFTER INSERT OR DELETE OR UPDATE OF profile_id ON projects
    FOR EACH ROW EXECUTE FUNCTION store_profile_completeness();
CREATE TRIGGER skills_completeness AFTER INSERT OR DELETE OR UPDATE OF profile_id ON skills
    FOR EACH ROW EXECUTE FUNCTION store_profile_completeness();
CREATE TRIGGER education_completeness AFTER INSERT OR DELETE OR UPDATE OF profile_id ON education
    FOR EACH ROW EXECUTE FUNCTION store_profile_completeness();

-- § 5, except (2) and (3).
CREATE INDEX idx_users_plan ON users(plan) WHERE plan != 'FREE';
CREATE INDEX idx_profiles_completeness ON profiles(completeness_score);
CREATE INDEX idx_experiences_search ON experiences
    USING gin(to_tsvector('english', company_name || ' ' || position));
CREATE INDEX idx_projects_search ON projects
    USING gin(to_tsvector('english', name || ' ' || COALESCE(description, '')));
CREATE INDEX idx_technologies_name_trgm ON technologies USING gin(name gin_trgm_ops);
CREATE INDEX idx_exp_profile_current ON experiences(profile_id, is_current)
    WHERE is_current = true;
CREATE INDEX idx_projects_profile_public ON projects(profile_id, visibility)
    WHERE visibility = 'PUBLIC';

-- (1)
CREATE VIEW certifications_with_expiry AS
SELECT certifications.*, (expiry_date < CURRENT_DATE) AS is_expired
FROM certifications;
