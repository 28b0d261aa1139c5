//! A database with one row in every table, written through the core's write path.

use career_hub::{AuditContext, Db, Source};
use rusqlite::Connection;

pub const USER: &str = "01JC0000000000000000000USR";
pub const PROFILE: &str = "01JC0000000000000000000PRF";
pub const EXPERIENCE: &str = "01JC0000000000000000000EXP";
pub const PROJECT: &str = "01JC0000000000000000000PRJ";
pub const TECHNOLOGY: &str = "01JC0000000000000000000TEC";

/// SQL that puts one row in every table (audit_log is filled by the triggers, or
/// directly when they do not exist yet).
pub const SEED_SQL: &str = r#"
INSERT INTO users (id, email, password_hash) VALUES ('01JC0000000000000000000USR', 'ada@example.com', '');
INSERT INTO profiles (id, user_id, slug, headline, summary, location, contact)
    VALUES ('01JC0000000000000000000PRF', '01JC0000000000000000000USR', 'ada', 'Engineer', 'Builds things.', 'London',
            '{"name":"Ada Lovelace","email":"ada@example.com"}');
INSERT INTO experiences (id, profile_id, company_name, position, start_date, end_date, responsibilities)
    VALUES ('01JC0000000000000000000EXP', '01JC0000000000000000000PRF', 'Analytical Engines', 'Programmer', '2020-01-01', '2022-06-30',
            '["Wrote the first program"]');
INSERT INTO projects (id, profile_id, name, achievements) VALUES ('01JC0000000000000000000PRJ', '01JC0000000000000000000PRF', 'Bernoulli numbers', '["Published"]');
INSERT INTO project_experiences (project_id, experience_id) VALUES ('01JC0000000000000000000PRJ', '01JC0000000000000000000EXP');
INSERT INTO technologies (id, name, category, layer) VALUES ('01JC0000000000000000000TEC', 'Rust', 'System', 'Language');
INSERT INTO skills (id, profile_id, technology_id, level, years_of_experience) VALUES ('01JC0000000000000000000SKL', '01JC0000000000000000000PRF', '01JC0000000000000000000TEC', 4, 6);
INSERT INTO project_technologies (project_id, technology_id) VALUES ('01JC0000000000000000000PRJ', '01JC0000000000000000000TEC');
INSERT INTO experience_technologies (experience_id, technology_id) VALUES ('01JC0000000000000000000EXP', '01JC0000000000000000000TEC');
INSERT INTO education (id, profile_id, institution, degree) VALUES ('01JC0000000000000000000EDU', '01JC0000000000000000000PRF', 'University of London', 'BSc');
INSERT INTO certifications (id, profile_id, name, expiry_date) VALUES ('01JC0000000000000000000CRT', '01JC0000000000000000000PRF', 'Certified Engine Operator', '2020-01-01');
INSERT INTO achievements (id, profile_id, title, category) VALUES ('01JC0000000000000000000ACH', '01JC0000000000000000000PRF', 'First program', 'AWARD');
INSERT INTO cv_versions (id, profile_id, name, sections_config, is_default) VALUES ('01JC0000000000000000000CVV', '01JC0000000000000000000PRF', 'Default', '{"include_summary":true}', 1);
INSERT INTO import_history (id, user_id, source, status) VALUES ('01JC0000000000000000000IMP', '01JC0000000000000000000USR', 'LINKEDIN', 'COMPLETED');
INSERT INTO responsibilities_library (id, role_category, responsibility, seniority_level) VALUES ('01JC0000000000000000000RSP', 'Software Engineer', 'Reviewed code', 'SENIOR');
"#;

/// A manual audit_log row, for versions before the audit triggers exist.
pub const MANUAL_AUDIT_SQL: &str = "INSERT INTO audit_log (id, user_id, action, entity_type, entity_id) \
     VALUES ('01JC0000000000000000000AUD', '01JC0000000000000000000USR', 'LOGIN', 'USER', '01JC0000000000000000000USR');";

/// A fresh in-memory database holding the seed rows, written with source `cli`.
pub fn seeded() -> Db {
    let mut db = Db::open_in_memory().expect("open in memory");
    db.set_audit_context(AuditContext {
        source: Source::Cli,
        user_id: Some(USER.to_owned()),
        session_id: None,
    });
    db.write(|tx| Ok(tx.execute_batch(SEED_SQL)?))
        .expect("seed");
    db
}

/// Every table of the documented schema.
pub const TABLES: [&str; 16] = [
    "users",
    "profiles",
    "experiences",
    "projects",
    "project_experiences",
    "technologies",
    "skills",
    "project_technologies",
    "experience_technologies",
    "education",
    "certifications",
    "achievements",
    "cv_versions",
    "import_history",
    "responsibilities_library",
    "audit_log",
];

pub fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// The error text of a failed statement, or "" when it succeeded.
pub fn error_of(result: rusqlite::Result<usize>) -> String {
    match result {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}
