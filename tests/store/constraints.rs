//! One case per documented constraint: a valid row is accepted, an invalid one is
//! rejected with an error naming the constraint or the field.

use career_hub::Db;
use rstest::rstest;

use crate::fixture::{self, error_of};

/// A valid new row for each table, as (column, SQL literal) pairs; parents come from the seed.
fn valid_row(table: &str) -> Vec<(&'static str, String)> {
    let q = |s: &str| format!("'{s}'");
    let pairs: Vec<(&str, String)> = match table {
        "users" => vec![
            ("id", q("U3")),
            ("email", q("x@example.com")),
            ("password_hash", q("")),
        ],
        "profiles" => {
            return vec![]; // the one profile per user is tested on a second user below
        }
        "experiences" => vec![
            ("id", q("E3")),
            ("profile_id", q(fixture::PROFILE)),
            ("company_name", q("Navy")),
            ("position", q("Officer")),
            ("start_date", q("2019-01-31")),
            ("end_date", q("2019-02-01")),
        ],
        "projects" => vec![
            ("id", q("P3")),
            ("profile_id", q(fixture::PROFILE)),
            ("name", q("COBOL")),
        ],
        "project_experiences" => vec![
            ("project_id", q("P2")),
            ("experience_id", q(fixture::EXPERIENCE)),
        ],
        "technologies" => vec![
            ("id", q("T3")),
            ("name", q("Go")),
            ("category", q("Library")),
            ("layer", q("Database")),
        ],
        "skills" => vec![
            ("id", q("S2")),
            ("profile_id", q(fixture::PROFILE)),
            ("technology_id", q("T2")),
            ("level", "5".to_owned()),
        ],
        "project_technologies" => vec![
            ("project_id", q(fixture::PROJECT)),
            ("technology_id", q("T2")),
        ],
        "experience_technologies" => vec![
            ("experience_id", q(fixture::EXPERIENCE)),
            ("technology_id", q("T2")),
        ],
        "education" => vec![
            ("id", q("ED2")),
            ("profile_id", q(fixture::PROFILE)),
            ("institution", q("Yale")),
        ],
        "certifications" => vec![
            ("id", q("C2")),
            ("profile_id", q(fixture::PROFILE)),
            ("name", q("PhD")),
        ],
        "achievements" => vec![
            ("id", q("A2")),
            ("profile_id", q(fixture::PROFILE)),
            ("title", q("Medal")),
        ],
        "cv_versions" => vec![
            ("id", q("V2")),
            ("profile_id", q(fixture::PROFILE)),
            ("name", q("Short")),
            ("sections_config", q("{}")),
        ],
        "import_history" => vec![
            ("id", q("I2")),
            ("user_id", q(fixture::USER)),
            ("source", q("LINKEDIN")),
        ],
        "responsibilities_library" => vec![("id", q("R2")), ("responsibility", q("Led a team"))],
        "audit_log" => vec![("id", q("L2")), ("action", q("LOGIN"))],
        "changes" => vec![("id", q("CH2")), ("source", q("cli"))],
        other => panic!("no valid row for {other}"),
    };
    pairs
}

fn insert_sql(table: &str, row: &[(&str, String)]) -> String {
    let columns: Vec<&str> = row.iter().map(|(c, _)| *c).collect();
    let values: Vec<&str> = row.iter().map(|(_, v)| v.as_str()).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        values.join(", ")
    )
}

/// A seeded database in which the valid rows of the parent tables exist too.
fn database() -> Db {
    let mut db = fixture::seeded();
    db.write(|tx| {
        tx.execute_batch(&format!(
            "INSERT INTO users (id, email, password_hash) VALUES ('U2', 'grace@example.com', '');
             INSERT INTO experiences (id, profile_id, company_name, position, start_date)
                 VALUES ('E2', '{profile}', 'Navy', 'Officer', '2019-01-01');
             INSERT INTO projects (id, profile_id, name) VALUES ('P2', '{profile}', 'COBOL');
             INSERT INTO technologies (id, name, category, layer) VALUES ('T2', 'SQLite', 'Library', 'Database');",
            profile = fixture::PROFILE
        ))?;
        Ok(())
    })
    .unwrap();
    db
}

/// Inserts the valid row of `table` with `column` set to `value`.
fn insert_with(db: &mut Db, table: &str, column: &str, value: &str) -> String {
    let mut row = valid_row(table);
    match row.iter_mut().find(|(c, _)| *c == column) {
        Some((_, v)) => *v = value.to_owned(),
        None => row.push((leak(column), value.to_owned())),
    }
    let sql = insert_sql(table, &row);
    let result = db.write(|tx| Ok(tx.execute(&sql, [])?));
    match result {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

#[rstest]
// users
#[case::plan("users", "plan", "'PRO'", "'GOLD'", "check_plan")]
#[case::email_not_null("users", "email", "'y@example.com'", "NULL", "users.email")]
#[case::email_unique(
    "users",
    "email",
    "'x@example.com'",
    "'ada@example.com'",
    "UNIQUE constraint failed: users.email"
)]
#[case::email_length(
    "users",
    "email",
    "'x@example.com'",
    "printf('%.256c', 'a')",
    "length(email) <= 255"
)]
#[case::password_not_null("users", "password_hash", "''", "NULL", "users.password_hash")]
#[case::is_active_boolean("users", "is_active", "0", "2", "is_active IN (0, 1)")]
#[case::timestamp_shape(
    "users",
    "last_login_at",
    "'2024-05-01T10:00:00.000Z'",
    "'yesterday'",
    "last_login_at"
)]
#[case::strict_types(
    "users",
    "is_verified",
    "1",
    "'yes'",
    "cannot store TEXT value in INTEGER column users.is_verified"
)]
// experiences
#[case::dates_ordered(
    "experiences",
    "end_date",
    "'2019-02-01'",
    "'2019-01-30'",
    "check_dates"
)]
#[case::dates_not_equal("experiences", "end_date", "NULL", "'2019-01-31'", "check_dates")]
#[case::real_calendar_date(
    "experiences",
    "start_date",
    "'2016-02-29'",
    "'2017-02-29'",
    "start_date IS date(start_date)"
)]
#[case::company_not_null(
    "experiences",
    "company_name",
    "'Navy'",
    "NULL",
    "experiences.company_name"
)]
#[case::position_not_null("experiences", "position", "'Officer'", "NULL", "experiences.position")]
#[case::start_not_null(
    "experiences",
    "start_date",
    "'2019-01-01'",
    "NULL",
    "experiences.start_date"
)]
#[case::profile_fk("experiences", "profile_id", &format!("'{}'", fixture::PROFILE), "'ghost'", "FOREIGN KEY constraint failed")]
#[case::responsibilities_array(
    "experiences",
    "responsibilities",
    "'[\"a\"]'",
    "'{}'",
    "json_type(responsibilities) = 'array'"
)]
#[case::technologies_array(
    "experiences",
    "technologies",
    "'[\"Rust\"]'",
    "'Rust'",
    "json_valid(technologies)"
)]
#[case::position_length(
    "experiences",
    "position",
    "printf('%.200c', 'é')",
    "printf('%.201c', 'é')",
    "length(position) <= 200"
)]
// projects
#[case::project_visibility(
    "projects",
    "visibility",
    "'ANONYMOUS'",
    "'HIDDEN'",
    "check_visibility"
)]
#[case::project_status("projects", "status", "'Archived'", "'Done'", "check_status")]
#[case::project_category("projects", "category", "'Demo'", "'Toy'", "check_category")]
#[case::project_budget("projects", "budget_range", "'large'", "'huge'", "check_budget")]
#[case::project_name("projects", "name", "'X'", "NULL", "projects.name")]
#[case::project_profile_fk("projects", "profile_id", &format!("'{}'", fixture::PROFILE), "'ghost'", "FOREIGN KEY constraint failed")]
// project_experiences
#[case::project_exp_pk("project_experiences", "project_id", "'P2'", &format!("'{}'", fixture::PROJECT), "UNIQUE constraint failed: project_experiences.project_id, project_experiences.experience_id")]
#[case::project_exp_fk(
    "project_experiences",
    "experience_id",
    "'E2'",
    "'ghost'",
    "FOREIGN KEY constraint failed"
)]
#[case::project_exp_not_null(
    "project_experiences",
    "project_id",
    "'P2'",
    "NULL",
    "project_experiences.project_id"
)]
// technologies
#[case::technology_name_unique(
    "technologies",
    "name",
    "'Go'",
    "'Rust'",
    "UNIQUE constraint failed: technologies.name"
)]
#[case::technology_category("technologies", "category", "'Service'", "'Toy'", "check_category")]
#[case::technology_layer("technologies", "layer", "'Tools'", "'Moon'", "check_layer")]
#[case::technology_layer_not_null("technologies", "layer", "'Tools'", "NULL", "technologies.layer")]
// skills
#[case::skill_level_low("skills", "level", "1", "0", "level >= 1 AND level <= 5")]
#[case::skill_level_high("skills", "level", "5", "6", "level >= 1 AND level <= 5")]
#[case::skill_unique("skills", "technology_id", "'T2'", &format!("'{}'", fixture::TECHNOLOGY), "UNIQUE constraint failed: skills.profile_id, skills.technology_id")]
#[case::skill_technology_fk(
    "skills",
    "technology_id",
    "'T2'",
    "'ghost'",
    "FOREIGN KEY constraint failed"
)]
#[case::skill_technology_not_null(
    "skills",
    "technology_id",
    "'T2'",
    "NULL",
    "skills.technology_id"
)]
// junctions with technologies
#[case::project_tech_pk("project_technologies", "technology_id", "'T2'", &format!("'{}'", fixture::TECHNOLOGY), "UNIQUE constraint failed: project_technologies.project_id, project_technologies.technology_id")]
#[case::project_tech_fk(
    "project_technologies",
    "technology_id",
    "'T2'",
    "'ghost'",
    "FOREIGN KEY constraint failed"
)]
#[case::exp_tech_pk("experience_technologies", "technology_id", "'T2'", &format!("'{}'", fixture::TECHNOLOGY), "UNIQUE constraint failed: experience_technologies.experience_id, experience_technologies.technology_id")]
#[case::exp_tech_fk("experience_technologies", "experience_id", &format!("'{}'", fixture::EXPERIENCE), "'ghost'", "FOREIGN KEY constraint failed")]
// the other sections
#[case::education_institution(
    "education",
    "institution",
    "'Yale'",
    "NULL",
    "education.institution"
)]
#[case::education_date(
    "education",
    "end_date",
    "'2020-12-31'",
    "'2020-13-01'",
    "end_date IS date(end_date)"
)]
#[case::certification_name("certifications", "name", "'PhD'", "NULL", "certifications.name")]
#[case::certification_expiry(
    "certifications",
    "expiry_date",
    "'2030-01-01'",
    "'soon'",
    "expiry_date IS date(expiry_date)"
)]
#[case::achievement_title("achievements", "title", "'Medal'", "NULL", "achievements.title")]
#[case::cv_sections_not_null(
    "cv_versions",
    "sections_config",
    "'{}'",
    "NULL",
    "cv_versions.sections_config"
)]
#[case::cv_sections_object(
    "cv_versions",
    "sections_config",
    "'{}'",
    "'[]'",
    "json_type(sections_config) = 'object'"
)]
#[case::cv_name("cv_versions", "name", "'Short'", "NULL", "cv_versions.name")]
#[case::import_source(
    "import_history",
    "source",
    "'LINKEDIN'",
    "NULL",
    "import_history.source"
)]
#[case::import_user_fk("import_history", "user_id", &format!("'{}'", fixture::USER), "'ghost'", "FOREIGN KEY constraint failed")]
#[case::import_data_json(
    "import_history",
    "import_data",
    "'{\"a\":1}'",
    "'{a:1}'",
    "json_valid(import_data)"
)]
#[case::responsibility_text(
    "responsibilities_library",
    "responsibility",
    "'Led'",
    "NULL",
    "responsibilities_library.responsibility"
)]
#[case::audit_action("audit_log", "action", "'LOGIN'", "NULL", "audit_log.action")]
#[case::change_source(
    "changes",
    "source",
    "'ui'",
    "'web'",
    "source IN ('ui', 'cli', 'import', 'sync', 'system', 'external')"
)]
#[case::audit_user_fk("audit_log", "user_id", &format!("'{}'", fixture::USER), "'ghost'", "FOREIGN KEY constraint failed")]
// the remaining NOT NULL columns, foreign keys and primary keys
#[case::experience_profile_not_null("experiences", "profile_id", &format!("'{}'", fixture::PROFILE), "NULL", "experiences.profile_id")]
#[case::project_profile_not_null("projects", "profile_id", &format!("'{}'", fixture::PROFILE), "NULL", "projects.profile_id")]
#[case::project_exp_project_fk(
    "project_experiences",
    "project_id",
    "'P2'",
    "'ghost'",
    "FOREIGN KEY constraint failed"
)]
#[case::project_exp_experience_not_null("project_experiences", "experience_id", &format!("'{}'", fixture::EXPERIENCE), "NULL", "project_experiences.experience_id")]
#[case::technology_name_not_null("technologies", "name", "'Go'", "NULL", "technologies.name")]
#[case::technology_category_not_null(
    "technologies",
    "category",
    "'Library'",
    "NULL",
    "technologies.category"
)]
#[case::skill_profile_not_null("skills", "profile_id", &format!("'{}'", fixture::PROFILE), "NULL", "skills.profile_id")]
#[case::skill_profile_fk("skills", "profile_id", &format!("'{}'", fixture::PROFILE), "'ghost'", "FOREIGN KEY constraint failed")]
#[case::project_tech_project_fk("project_technologies", "project_id", &format!("'{}'", fixture::PROJECT), "'ghost'", "FOREIGN KEY constraint failed")]
#[case::project_tech_not_null(
    "project_technologies",
    "technology_id",
    "'T2'",
    "NULL",
    "project_technologies.technology_id"
)]
#[case::exp_tech_technology_fk(
    "experience_technologies",
    "technology_id",
    "'T2'",
    "'ghost'",
    "FOREIGN KEY constraint failed"
)]
#[case::exp_tech_not_null("experience_technologies", "experience_id", &format!("'{}'", fixture::EXPERIENCE), "NULL", "experience_technologies.experience_id")]
#[case::education_profile_fk("education", "profile_id", &format!("'{}'", fixture::PROFILE), "'ghost'", "FOREIGN KEY constraint failed")]
#[case::education_profile_not_null("education", "profile_id", &format!("'{}'", fixture::PROFILE), "NULL", "education.profile_id")]
#[case::certification_profile_fk("certifications", "profile_id", &format!("'{}'", fixture::PROFILE), "'ghost'", "FOREIGN KEY constraint failed")]
#[case::achievement_profile_fk("achievements", "profile_id", &format!("'{}'", fixture::PROFILE), "'ghost'", "FOREIGN KEY constraint failed")]
#[case::cv_profile_fk("cv_versions", "profile_id", &format!("'{}'", fixture::PROFILE), "'ghost'", "FOREIGN KEY constraint failed")]
#[case::import_user_not_null("import_history", "user_id", &format!("'{}'", fixture::USER), "NULL", "import_history.user_id")]
#[case::id_primary_key(
    "education",
    "id",
    "'ED2'",
    "'01JC0000000000000000000EDU'",
    "UNIQUE constraint failed: education.id"
)]
#[case::id_not_null("achievements", "id", "'A2'", "NULL", "achievements.id")]
fn constraint_accepts_valid_and_rejects_invalid(
    #[case] table: &str,
    #[case] column: &str,
    #[case] good: &str,
    #[case] bad: &str,
    #[case] named: &str,
) {
    let mut db = database();
    let rejected = insert_with(&mut db, table, column, bad);
    assert!(
        rejected.contains(named),
        "{table}.{column} = {bad} is rejected naming {named:?}; got {rejected:?}"
    );
    let accepted = insert_with(&mut db, table, column, good);
    assert_eq!(accepted, "", "{table}.{column} = {good} is accepted");
}

#[rstest]
#[case::visibility("visibility", "'PUBLIC'", "'SECRET'", "check_visibility")]
#[case::one_profile_per_user("user_id", "'U2'", &format!("'{}'", fixture::USER), "UNIQUE constraint failed: profiles.user_id")]
#[case::user_fk("user_id", "'U2'", "'ghost'", "FOREIGN KEY constraint failed")]
#[case::user_not_null("user_id", "'U2'", "NULL", "profiles.user_id")]
#[case::slug_unique("slug", "'grace'", "'ada'", "UNIQUE constraint failed: profiles.slug")]
#[case::contact_object(
    "contact",
    "'{\"name\":\"Grace\"}'",
    "'[\"Grace\"]'",
    "json_type(contact) = 'object'"
)]
#[case::contact_json("contact", "'{}'", "'name: Grace'", "json_valid(contact)")]
#[case::headline_length(
    "headline",
    "printf('%.200c', 'x')",
    "printf('%.201c', 'x')",
    "length(headline) <= 200"
)]
fn profile_constraints(
    #[case] column: &str,
    #[case] good: &str,
    #[case] bad: &str,
    #[case] named: &str,
) {
    let mut db = database();
    let sql = |value: &str| {
        let mut values = vec![("id", "'PR2'".to_owned()), ("user_id", "'U2'".to_owned())];
        match values.iter_mut().find(|(c, _)| *c == column) {
            Some((_, v)) => *v = value.to_owned(),
            None => values.push((leak(column), value.to_owned())),
        }
        insert_sql("profiles", &values)
    };
    let bad_sql = sql(bad);
    let rejected = error_of(
        db.write(|tx| Ok(tx.execute(&bad_sql, [])?))
            .map_err(|e| match e {
                career_hub::Error::Sqlite(e) => e,
                other => panic!("{other}"),
            }),
    );
    assert!(
        rejected.contains(named),
        "profiles.{column} = {bad} names {named:?}; got {rejected:?}"
    );
    let good_sql = sql(good);
    db.write(|tx| Ok(tx.execute(&good_sql, [])?))
        .unwrap_or_else(|e| panic!("profiles.{column} = {good} is accepted: {e}"));
}

#[test]
fn defaults_are_the_documented_ones() {
    let db = fixture::seeded();
    let (plan, active, verified): (String, i64, i64) = db
        .conn()
        .query_row("SELECT plan, is_active, is_verified FROM users", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((plan.as_str(), active, verified), ("FREE", 1, 0));
    let (visibility, contact): (String, String) = db
        .conn()
        .query_row("SELECT visibility, contact FROM profiles", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(visibility, "PRIVATE");
    assert!(contact.contains("Ada Lovelace"));
    let (status, category, visibility, challenges): (String, String, String, String) = db
        .conn()
        .query_row(
            "SELECT status, category, visibility, challenges FROM projects",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (
            status.as_str(),
            category.as_str(),
            visibility.as_str(),
            challenges.as_str()
        ),
        ("Active", "Production", "PUBLIC", "[]")
    );
    let template: String = db
        .conn()
        .query_row("SELECT template FROM cv_versions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(template, "modern");
    let created: String = db
        .conn()
        .query_row("SELECT created_at FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        created.len(),
        "2026-01-01T00:00:00.000Z".len(),
        "timestamps are ISO 8601 UTC: {created}"
    );
}

#[test]
fn is_expired_is_computed_as_of_today() {
    let db = fixture::seeded();
    db.conn()
        .execute_batch(
            "PRAGMA foreign_keys = ON;
             INSERT INTO audit_state (id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM audit_state);",
        )
        .unwrap();
    let expired: Option<i64> = db
        .conn()
        .query_row(
            "SELECT is_expired FROM certifications_with_expiry",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        expired,
        Some(1),
        "a certification that expired in 2020 reads as expired"
    );
}
