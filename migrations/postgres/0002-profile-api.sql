-- 0002 profile API: what the desktop's schema added to the document, so that every
-- column a device syncs has a home here
--
-- Why: the desktop's SQLite migrations 0004 and 0007 gave projects, skills and
-- certifications a display order (every wizard section can be reordered), made
-- technology names unique regardless of case ("Rust" and "rust" are one technology),
-- allowed one default CV version per profile, and indexed each section's order.
-- The same here, in PostgreSQL's terms.

ALTER TABLE projects ADD COLUMN display_order INTEGER DEFAULT 0;
ALTER TABLE skills ADD COLUMN display_order INTEGER DEFAULT 0;
ALTER TABLE certifications ADD COLUMN display_order INTEGER DEFAULT 0;

-- The view lists certifications' columns as they were when it was made.
DROP VIEW certifications_with_expiry;
CREATE VIEW certifications_with_expiry AS
SELECT certifications.*, (expiry_date < CURRENT_DATE) AS is_expired
FROM certifications;

CREATE UNIQUE INDEX idx_technologies_name_lower ON technologies (lower(name));
CREATE UNIQUE INDEX idx_cv_versions_one_default ON cv_versions(profile_id) WHERE is_default = true;

CREATE INDEX idx_experiences_order ON experiences(profile_id, display_order);
CREATE INDEX idx_projects_order ON projects(profile_id, display_order);
CREATE INDEX idx_skills_order ON skills(profile_id, display_order);
CREATE INDEX idx_education_order ON education(profile_id, display_order);
CREATE INDEX idx_certifications_order ON certifications(profile_id, display_order);
CREATE INDEX idx_achievements_order ON achievements(profile_id, display_order);
