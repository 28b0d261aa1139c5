//! Doctor: a healthy database passes; each injected fault is named and makes it unhealthy.

use career_hub::Db;
use career_hub::doctor::{self, FindingKind, Report};

use crate::fixture;

fn check(db: &Db) -> Report {
    doctor::check(db.conn()).unwrap()
}

fn assert_found(report: &Report, kind: FindingKind, object: &str) {
    assert!(!report.healthy, "the fault makes the database unhealthy");
    assert!(
        report.findings.iter().any(|f| f.kind == kind
            && f.object == object
            && f.message.contains(object.rsplit(':').next().unwrap())),
        "expected a {kind:?} finding naming {object}; got {:#?}",
        report.findings
    );
}

#[test]
fn a_healthy_database_passes() {
    let report = check(&fixture::seeded());
    assert!(report.healthy, "{}", report.to_text());
    assert!(report.to_text().contains("healthy"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["healthy"], true);
    assert_eq!(json["findings"], serde_json::json!([]));
}

#[test]
fn a_dropped_index_is_reported() {
    let db = fixture::seeded();
    db.conn()
        .execute_batch("DROP INDEX idx_experiences_dates")
        .unwrap();
    let report = check(&db);
    assert_found(&report, FindingKind::MissingIndex, "idx_experiences_dates");
    assert!(
        report
            .to_text()
            .contains("index idx_experiences_dates is missing"),
        "{}",
        report.to_text()
    );
}

#[test]
fn an_extra_column_is_reported() {
    let db = fixture::seeded();
    db.conn()
        .execute_batch("ALTER TABLE experiences ADD COLUMN salary INTEGER")
        .unwrap();
    assert_found(&check(&db), FindingKind::ExtraColumn, "experiences.salary");
}

#[test]
fn a_changed_column_is_reported() {
    let db = fixture::seeded();
    rebuild(
        &db,
        "education",
        "institution TEXT NOT NULL CHECK",
        "institution TEXT CHECK",
    );
    let report = check(&db);
    assert_found(&report, FindingKind::ColumnDiffers, "education.institution");
    let finding = report
        .findings
        .iter()
        .find(|f| f.object == "education.institution")
        .unwrap();
    assert!(
        finding.message.contains("nullable") && finding.message.contains("NOT NULL"),
        "{}",
        finding.message
    );
}

#[test]
fn a_table_rebuilt_without_a_check_is_reported() {
    let db = fixture::seeded();
    rebuild(
        &db,
        "projects",
        ",\n    CONSTRAINT check_status CHECK (status IN ('Active', 'Staging', 'Archived'))",
        "",
    );
    let report = check(&db);
    assert_found(&report, FindingKind::MissingCheck, "projects");
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.message.contains("check_status")),
        "the missing constraint is named: {:#?}",
        report.findings
    );
}

#[test]
fn a_dropped_trigger_is_reported() {
    let db = fixture::seeded();
    db.conn()
        .execute_batch("DROP TRIGGER audit_skills_delete")
        .unwrap();
    assert_found(
        &check(&db),
        FindingKind::MissingTrigger,
        "audit_skills_delete",
    );
}

#[test]
fn an_orphan_row_is_reported() {
    let db = fixture::seeded();
    db.conn()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO experiences (id, profile_id, company_name, position, start_date)
                 VALUES ('ORPHAN', 'ghost-profile', 'Nowhere', 'Nobody', '2020-01-01');
             PRAGMA foreign_keys = ON;",
        )
        .unwrap();
    let report = check(&db);
    assert_found(&report, FindingKind::OrphanRow, "experiences:ORPHAN");
    assert!(
        report.to_text().contains("profiles"),
        "names the missing parent: {}",
        report.to_text()
    );
}

#[test]
fn extra_objects_and_stale_scores_are_reported() {
    let db = fixture::seeded();
    db.conn()
        .execute_batch(
            "CREATE TABLE scratch (x INTEGER);
             CREATE INDEX idx_scratch ON scratch(x);
             DROP TRIGGER completeness_skills_insert;",
        )
        .unwrap();
    db.conn()
        .execute("UPDATE profiles SET completeness_score = 3", [])
        .unwrap();
    let report = check(&db);
    assert_found(&report, FindingKind::ExtraTable, "scratch");
    assert_found(&report, FindingKind::ExtraIndex, "idx_scratch");
    assert_found(
        &report,
        FindingKind::MissingTrigger,
        "completeness_skills_insert",
    );
    assert_found(
        &report,
        FindingKind::StaleCompleteness,
        &format!("profiles:{}", fixture::PROFILE),
    );
}

/// Rebuilds `table` the way SQLite documents for schema changes (create, copy, drop,
/// rename, recreate its indexes and triggers), with `from` replaced by `to` in its SQL.
fn rebuild(db: &Db, table: &str, from: &str, to: &str) {
    let conn = db.conn();
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains(from), "{from:?} is in {sql}");
    let rebuilt = sql.replacen(from, to, 1).replacen(
        &format!("CREATE TABLE {table}"),
        &format!("CREATE TABLE {table}_new"),
        1,
    );
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = ?1 AND type IN ('index', 'trigger') AND sql IS NOT NULL")
        .unwrap();
    let dependents: Vec<String> = stmt
        .query_map([table], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;
         BEGIN;
         {rebuilt};
         INSERT INTO {table}_new SELECT * FROM {table};
         DROP TABLE {table};
         ALTER TABLE {table}_new RENAME TO {table};
         {};
         COMMIT;
         PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON;",
        dependents.join(";\n")
    ))
    .unwrap();
}
