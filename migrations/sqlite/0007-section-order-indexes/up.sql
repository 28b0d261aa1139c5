-- 0007 section order indexes
--
-- Why: a new item goes at the end of its section, at max(display_order) + 1 of the
-- profile's items. With only the documented profile_id indexes that maximum is a scan
-- of every item of the section, so adding the n-th item cost n steps and an import of
-- 50,000 skills took minutes. An index on (profile_id, display_order) answers it in one
-- step, and serves every list, which is read in that order. Additions are listed in
-- docs/schema.md.

CREATE INDEX idx_experiences_order ON experiences(profile_id, display_order);
CREATE INDEX idx_projects_order ON projects(profile_id, display_order);
CREATE INDEX idx_skills_order ON skills(profile_id, display_order);
CREATE INDEX idx_education_order ON education(profile_id, display_order);
CREATE INDEX idx_certifications_order ON certifications(profile_id, display_order);
CREATE INDEX idx_achievements_order ON achievements(profile_id, display_order);
