//! The server's schema is the documented DDL: every table, column, constraint and index
//! of the Career Hub schema document (as `docs/schema.md` decides its defects), and the
//! completeness function scores a profile as the desktop's triggers do.

use std::collections::BTreeSet;

use crate::cluster::Cluster;
use crate::db;

/// The document's tables: each column as `name type` (with `NOT NULL` where it says so).
const DOCUMENT: &[(&str, &[&str])] = &[
    (
        "users",
        &[
            "id text NOT NULL",
            "email character varying(255) NOT NULL",
            "password_hash character varying(255) NOT NULL",
            "is_active boolean",
            "is_verified boolean",
            "verification_token text",
            "reset_token text",
            "reset_token_expires timestamp without time zone",
            "plan character varying(20)",
            "plan_expires_at timestamp without time zone",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
            "last_login_at timestamp without time zone",
        ],
    ),
    (
        "profiles",
        &[
            "id text NOT NULL",
            "user_id text NOT NULL",
            "slug character varying(100)",
            "headline character varying(200)",
            "summary text",
            "location character varying(100)",
            "visibility character varying(20)",
            "contact jsonb",
            "draft_data jsonb",
            "profile_photo_url text",
            "completeness_score integer",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
        ],
    ),
    (
        "experiences",
        &[
            "id text NOT NULL",
            "profile_id text NOT NULL",
            "company_name character varying(200) NOT NULL",
            "company_website character varying(500)",
            "company_size character varying(50)",
            "industry character varying(100)",
            "company_location character varying(100)",
            "position character varying(200) NOT NULL",
            "employment_type character varying(50)",
            "start_date date NOT NULL",
            "end_date date",
            "is_current boolean",
            "description text",
            "responsibilities jsonb",
            "technologies text[]",
            "display_order integer",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
        ],
    ),
    (
        "projects",
        &[
            "id text NOT NULL",
            "profile_id text NOT NULL",
            "name character varying(200) NOT NULL",
            "description text",
            "role character varying(100)",
            "start_date date",
            "end_date date",
            "is_ongoing boolean",
            "is_anonymized boolean",
            "anonymized_company character varying(200)",
            "status character varying(20)",
            "category character varying(20)",
            "achievements jsonb",
            "challenges jsonb",
            "clients jsonb",
            "team_size integer",
            "duration_months integer",
            "users_count integer",
            "budget_range character varying(20)",
            "demo_url character varying(500)",
            "github_url character varying(500)",
            "documentation_url character varying(500)",
            "visibility character varying(20)",
            "technologies text[]",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
            // Added for the profile API (docs/schema.md, 0004 on SQLite).
            "display_order integer",
        ],
    ),
    (
        "project_experiences",
        &["project_id text NOT NULL", "experience_id text NOT NULL"],
    ),
    (
        "technologies",
        &[
            "id text NOT NULL",
            "name character varying(100) NOT NULL",
            "category character varying(50) NOT NULL",
            "layer character varying(50) NOT NULL",
            "created_at timestamp without time zone",
        ],
    ),
    (
        "skills",
        &[
            "id text NOT NULL",
            "profile_id text NOT NULL",
            "technology_id text NOT NULL",
            "level integer",
            "years_of_experience integer",
            "started_using_year integer",
            "is_primary boolean",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
            "display_order integer",
        ],
    ),
    (
        "project_technologies",
        &["project_id text NOT NULL", "technology_id text NOT NULL"],
    ),
    (
        "experience_technologies",
        &["experience_id text NOT NULL", "technology_id text NOT NULL"],
    ),
    (
        "education",
        &[
            "id text NOT NULL",
            "profile_id text NOT NULL",
            "institution character varying(200) NOT NULL",
            "degree character varying(100)",
            "field_of_study character varying(200)",
            "start_date date",
            "end_date date",
            "grade character varying(50)",
            "description text",
            "display_order integer",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
        ],
    ),
    (
        "certifications",
        &[
            // No stored is_expired: docs/schema.md (1).
            "id text NOT NULL",
            "profile_id text NOT NULL",
            "name character varying(200) NOT NULL",
            "issuing_organization character varying(200)",
            "credential_id character varying(100)",
            "credential_url character varying(500)",
            "issue_date date",
            "expiry_date date",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
            "display_order integer",
        ],
    ),
    (
        "achievements",
        &[
            "id text NOT NULL",
            "profile_id text NOT NULL",
            "title character varying(200) NOT NULL",
            "description text",
            "date date",
            "category character varying(50)",
            "url character varying(500)",
            "display_order integer",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
        ],
    ),
    (
        "cv_versions",
        &[
            "id text NOT NULL",
            "profile_id text NOT NULL",
            "name character varying(100) NOT NULL",
            "template character varying(50)",
            "sections_config jsonb NOT NULL",
            "pdf_url text",
            "is_default boolean",
            "created_at timestamp without time zone",
            "updated_at timestamp without time zone",
        ],
    ),
    (
        "import_history",
        &[
            "id text NOT NULL",
            "user_id text NOT NULL",
            "source character varying(50) NOT NULL",
            "status character varying(50)",
            "items_imported integer",
            "error_message text",
            "import_data jsonb",
            "started_at timestamp without time zone",
            "completed_at timestamp without time zone",
        ],
    ),
    (
        "responsibilities_library",
        &[
            "id text NOT NULL",
            "role_category character varying(100)",
            "responsibility text NOT NULL",
            "seniority_level character varying(50)",
            "usage_count integer",
            "created_at timestamp without time zone",
        ],
    ),
    (
        "audit_log",
        &[
            "id text NOT NULL",
            "user_id text",
            "action character varying(100) NOT NULL",
            "entity_type character varying(50)",
            "entity_id text",
            "old_values jsonb",
            "new_values jsonb",
            "ip_address inet",
            "user_agent text",
            "created_at timestamp without time zone",
            // Added for sync (0003): what sync applied, from which device.
            "source character varying(20)",
            "device_id text",
            "change_id text",
        ],
    ),
];

/// Named constraints and indexes the document creates (indexes of § 2 and § 5, except
/// `idx_skills_search` on the nonexistent `skills.name`: docs/schema.md (2)).
const NAMED: &[&str] = &[
    "check_plan",
    "check_visibility",
    "check_dates",
    "check_status",
    "check_category",
    "check_budget",
    "check_layer",
    "unique_profile_technology",
    "idx_users_email",
    "idx_users_reset_token",
    "idx_profiles_user_id",
    "idx_profiles_slug",
    "idx_profiles_visibility",
    "idx_experiences_profile_id",
    "idx_experiences_dates",
    "idx_responsibilities_gin",
    "idx_projects_profile_id",
    "idx_projects_dates",
    "idx_project_exp_project",
    "idx_project_exp_experience",
    "idx_technologies_name",
    "idx_technologies_category",
    "idx_technologies_layer",
    "idx_skills_profile_id",
    "idx_skills_technology_id",
    "idx_skills_level",
    "idx_project_tech_project",
    "idx_project_tech_technology",
    "idx_exp_tech_experience",
    "idx_exp_tech_technology",
    "idx_education_profile_id",
    "idx_certifications_profile_id",
    "idx_certifications_expiry",
    "idx_achievements_profile_id",
    "idx_cv_versions_profile_id",
    "idx_cv_versions_default",
    "idx_import_history_user_id",
    "idx_import_history_status",
    "idx_resp_library_role",
    "idx_resp_library_usage",
    "idx_audit_log_user_id",
    "idx_audit_log_entity",
    "idx_audit_log_created",
    "idx_users_plan",
    "idx_profiles_completeness",
    "idx_experiences_search",
    "idx_projects_search",
    "idx_exp_profile_current",
    "idx_projects_profile_public",
    // Typo-tolerant skill search, the intent of idx_skills_search.
    "idx_technologies_name_trgm",
];

fn migrated() -> String {
    let cluster = Cluster::get();
    let url = cluster.url(&cluster.database());
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_career-hub-server"))
        .arg("migrate")
        .env("DATABASE_URL", &url)
        .status()
        .unwrap();
    assert!(status.success());
    url
}

#[test]
fn every_migration_applies_to_an_empty_database_and_gives_the_documented_tables() {
    let url = migrated();
    for (table, columns) in DOCUMENT {
        let found: Vec<String> = db::rows(
            &url,
            &format!(
                "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                 FROM pg_attribute a WHERE a.attrelid = '{table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum"
            ),
        )
        .unwrap()
        .into_iter()
        .map(|r| r[0].clone().unwrap())
        .collect();
        assert_eq!(found, *columns, "{table}");
        let rls = db::value(
            &url,
            &format!("SELECT relrowsecurity FROM pg_class WHERE oid = '{table}'::regclass"),
        );
        assert_eq!(rls, "t", "{table} has row-level security");
    }
    let names: BTreeSet<String> = db::rows(
        &url,
        "SELECT conname FROM pg_constraint UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public'",
    )
    .unwrap()
    .into_iter()
    .map(|r| r[0].clone().unwrap())
    .collect();
    for name in NAMED {
        assert!(names.contains(*name), "{name} is missing");
    }
    // Foreign keys as documented: cascades, and SET NULL for the audit trail's user.
    let cascades = db::value(
        &url,
        "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confdeltype = 'c'",
    );
    // The document's 16, and the 5 of the sync tables (devices, sync_*).
    assert_eq!(cascades, "21", "every documented ON DELETE CASCADE");
    assert_eq!(
        db::value(
            &url,
            "SELECT confdeltype FROM pg_constraint WHERE conrelid = 'audit_log'::regclass AND contype = 'f'"
        ),
        "n"
    );
    // The view computes is_expired as of today.
    assert_eq!(
        db::value(
            &url,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'certifications_with_expiry' AND column_name = 'is_expired'"
        ),
        "1"
    );
    // Migrating again does nothing.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_career-hub-server"))
        .arg("migrate")
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&again.stdout).trim(),
        "the database is up to date"
    );
}

/// One profile's content for the completeness cases.
struct Case {
    headline: Option<&'static str>,
    summary_chars: usize,
    jobs: usize,
    projects: usize,
    skills: usize,
    schools: usize,
}

fn sqlite_score(case: &Case) -> i64 {
    let mut db = career_hub::Db::open_in_memory().unwrap();
    let local = career_hub::profile::bootstrap(&mut db).unwrap();
    let p = &local.profile_id;
    let summary = "x".repeat(case.summary_chars);
    let mut sql = format!(
        "UPDATE profiles SET headline = {}, summary = '{summary}' WHERE id = '{p}';",
        case.headline
            .map_or("NULL".to_owned(), |h| format!("'{h}'"))
    );
    for i in 0..case.jobs {
        sql += &format!(
            "INSERT INTO experiences (id, profile_id, company_name, position, start_date) VALUES ('j{i}', '{p}', 'C', 'P', '2020-01-01');"
        );
    }
    for i in 0..case.projects {
        sql += &format!("INSERT INTO projects (id, profile_id, name) VALUES ('p{i}', '{p}', 'N');");
    }
    for i in 0..case.skills {
        sql += &format!(
            "INSERT INTO skills (id, profile_id, technology_id) SELECT 's{i}', '{p}', id FROM technologies ORDER BY id LIMIT 1 OFFSET {i};"
        );
    }
    for i in 0..case.schools {
        sql += &format!(
            "INSERT INTO education (id, profile_id, institution) VALUES ('e{i}', '{p}', 'U');"
        );
    }
    db.conn().execute_batch(&sql).unwrap();
    db.conn()
        .query_row(
            "SELECT completeness_score FROM profiles WHERE id = ?1",
            [p],
            |r| r.get(0),
        )
        .unwrap()
}

fn postgres_score(url: &str, n: usize, case: &Case) -> (String, String) {
    let (u, p) = (format!("u{n}"), format!("p{n}"));
    let summary = "x".repeat(case.summary_chars);
    let mut sql = format!(
        "INSERT INTO users (id, email, password_hash) VALUES ('{u}', '{u}@example.com', '');
         INSERT INTO profiles (id, user_id, headline, summary) VALUES ('{p}', '{u}', {}, '{summary}');",
        case.headline.map_or("NULL".to_owned(), |h| format!("'{h}'"))
    );
    for i in 0..case.jobs {
        sql += &format!(
            "INSERT INTO experiences (id, profile_id, company_name, position, start_date) VALUES ('{p}j{i}', '{p}', 'C', 'P', '2020-01-01');"
        );
    }
    for i in 0..case.projects {
        sql +=
            &format!("INSERT INTO projects (id, profile_id, name) VALUES ('{p}p{i}', '{p}', 'N');");
    }
    for i in 0..case.skills {
        sql += &format!(
            "INSERT INTO technologies (id, name, category, layer) VALUES ('{p}t{i}', '{p}t{i}', 'System', 'Tools');
             INSERT INTO skills (id, profile_id, technology_id) VALUES ('{p}s{i}', '{p}', '{p}t{i}');"
        );
    }
    for i in 0..case.schools {
        sql += &format!(
            "INSERT INTO education (id, profile_id, institution) VALUES ('{p}e{i}', '{p}', 'U');"
        );
    }
    db::rows(url, &sql).unwrap();
    let row = db::rows(url, &format!("SELECT completeness_score, calculate_profile_completeness('{p}') FROM profiles WHERE id = '{p}'")).unwrap();
    (row[0][0].clone().unwrap(), row[0][1].clone().unwrap())
}

#[test]
fn the_completeness_function_scores_a_profile_as_the_desktop_does() {
    let url = migrated();
    let cases = [
        Case {
            headline: None,
            summary_chars: 0,
            jobs: 0,
            projects: 0,
            skills: 0,
            schools: 0,
        },
        Case {
            headline: Some("Engineer"),
            summary_chars: 100,
            jobs: 1,
            projects: 1,
            skills: 1,
            schools: 0,
        },
        Case {
            headline: Some(""),
            summary_chars: 101,
            jobs: 2,
            projects: 3,
            skills: 5,
            schools: 1,
        },
        Case {
            headline: Some("Lead"),
            summary_chars: 400,
            jobs: 4,
            projects: 4,
            skills: 6,
            schools: 2,
        },
    ];
    for (n, case) in cases.iter().enumerate() {
        let desktop = sqlite_score(case);
        let (stored, computed) = postgres_score(&url, n, case);
        assert_eq!(stored, computed, "case {n}: the stored score is current");
        assert_eq!(stored, desktop.to_string(), "case {n}");
    }
    // Deleting keeps it current too.
    db::rows(&url, "DELETE FROM experiences WHERE profile_id = 'p3'").unwrap();
    let row = db::rows(&url, "SELECT completeness_score, calculate_profile_completeness('p3') FROM profiles WHERE id = 'p3'").unwrap();
    assert_eq!(row[0][0], row[0][1]);
}
