-- 0007 section order indexes, reversed: drops them.
DROP INDEX idx_experiences_order;
DROP INDEX idx_projects_order;
DROP INDEX idx_skills_order;
DROP INDEX idx_education_order;
DROP INDEX idx_certifications_order;
DROP INDEX idx_achievements_order;
