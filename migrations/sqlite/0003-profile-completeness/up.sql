-- 0003 profile completeness
--
-- Why: profiles.completeness_score must always equal the document's
-- calculate_profile_completeness(), whoever writes (the app, an import, sync, a raw SQL
-- statement), in the same transaction as the write, deletes and cascades included.
-- The database keeps it itself: the view profile_completeness is the documented
-- function, and triggers on every table it reads store its value.
--
-- The rules, as documented: headline present and not empty 10; summary longer than 100
-- characters 20; 10 per experience up to 30; 5 per project up to 15; 3 per skill up to
-- 15; 10 for any education. SQLite's length() counts characters of TEXT, as
-- PostgreSQL's LENGTH does. Each count stops at the number that reaches its cap, so
-- keeping the score costs the same for the 4th experience as for the 400th, and the
-- profile row is only rewritten when its score actually changes.

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

CREATE TRIGGER completeness_profiles_insert AFTER INSERT ON profiles
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.id)
    WHERE id = NEW.id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.id);
END;

CREATE TRIGGER completeness_profiles_update AFTER UPDATE OF headline, summary ON profiles
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

CREATE TRIGGER completeness_experiences_delete AFTER DELETE ON experiences
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
END;

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

CREATE TRIGGER completeness_projects_insert AFTER INSERT ON projects
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

CREATE TRIGGER completeness_projects_delete AFTER DELETE ON projects
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
END;

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

CREATE TRIGGER completeness_skills_insert AFTER INSERT ON skills
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

CREATE TRIGGER completeness_skills_delete AFTER DELETE ON skills
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
END;

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

CREATE TRIGGER completeness_education_insert AFTER INSERT ON education
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id)
    WHERE id = NEW.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = NEW.profile_id);
END;

CREATE TRIGGER completeness_education_delete AFTER DELETE ON education
BEGIN
    UPDATE profiles
    SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id)
    WHERE id = OLD.profile_id
      AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = OLD.profile_id);
END;

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

-- Bring every existing profile up to date.
UPDATE profiles
SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = profiles.id);
