-- 0001 documented schema, reversed: drops everything 0001 created, children first.
DROP VIEW certifications_with_expiry;
DROP TABLE audit_log;
DROP TABLE responsibilities_library;
DROP TABLE import_history;
DROP TABLE cv_versions;
DROP TABLE achievements;
DROP TABLE certifications;
DROP TABLE education;
DROP TABLE experience_technologies;
DROP TABLE project_technologies;
DROP TABLE skills;
DROP TABLE technologies;
DROP TABLE project_experiences;
DROP TABLE projects;
DROP TABLE experiences;
DROP TABLE profiles;
DROP TABLE users;
