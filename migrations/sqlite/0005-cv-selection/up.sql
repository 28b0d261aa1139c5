-- 0005 CV selections follow deletes
--
-- Why: a CV version is a selection over the one profile (sections_config holds the ids
-- of the items it shows), never a copy. When an item is deleted, whoever deletes it
-- (the app, an import, sync, a cascade, a raw SQL statement), its id must leave every
-- version's selection in the same transaction, or a CV would point at nothing. These
-- triggers remove it, keeping the order of the rest; the cv_versions update is audited
-- with the delete's change, so undoing the delete puts the item back in the selections.
-- Items added to a profile later are not added to existing versions (the app offers
-- them); that needs no trigger.
--
-- The list is rebuilt from an ordered subquery rather than with ORDER BY inside the
-- aggregate, which SQLite only reads from 3.44 on: the database must stay readable by
-- older SQLite tools, such as Debian 12's sqlite3 (3.40).

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
