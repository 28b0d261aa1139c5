-- 0003 profile completeness, reversed: drops the view and its triggers; stored scores stay as they are.
DROP TRIGGER completeness_profiles_insert;
DROP TRIGGER completeness_profiles_update;
DROP TRIGGER completeness_experiences_insert;
DROP TRIGGER completeness_experiences_delete;
DROP TRIGGER completeness_experiences_move;
DROP TRIGGER completeness_projects_insert;
DROP TRIGGER completeness_projects_delete;
DROP TRIGGER completeness_projects_move;
DROP TRIGGER completeness_skills_insert;
DROP TRIGGER completeness_skills_delete;
DROP TRIGGER completeness_skills_move;
DROP TRIGGER completeness_education_insert;
DROP TRIGGER completeness_education_delete;
DROP TRIGGER completeness_education_move;
DROP VIEW profile_completeness;
