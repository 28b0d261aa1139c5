-- 0005 CV selections follow deletes, reversed: drops the triggers; selections stay as they are.
DROP TRIGGER cv_selection_experiences_delete;
DROP TRIGGER cv_selection_projects_delete;
DROP TRIGGER cv_selection_skills_delete;
DROP TRIGGER cv_selection_education_delete;
DROP TRIGGER cv_selection_certifications_delete;
DROP TRIGGER cv_selection_achievements_delete;
