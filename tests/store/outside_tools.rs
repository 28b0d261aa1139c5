//! Any SQLite tool, as documented: the system's own `sqlite3` (Debian 12 ships 3.40, the
//! oldest a supported system has) reads a Career Hub database with a clean
//! `integrity_check`, writes to every table, and each of its writes is audited as an
//! outside change that Career Hub can undo.

use std::path::Path;
use std::process::Command;

use career_hub::history;

use crate::fixture::{self, SEED_SQL, TABLES};

/// Runs `sql` through the system's `sqlite3` on `db`; returns what it printed.
fn sqlite3(db: &Path, sql: &str) -> String {
    let output = Command::new("sqlite3")
        .arg("-bail")
        .arg(db)
        .arg(sql)
        .output()
        .expect("the sqlite3 command line (Debian package sqlite3, installed by scripts/setup.sh)");
    assert!(
        output.status.success(),
        "sqlite3 ran {sql:?} without error; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn system_sqlite_version() -> (u32, u32) {
    let output = Command::new("sqlite3")
        .arg("--version")
        .output()
        .expect("the sqlite3 command line (Debian package sqlite3, installed by scripts/setup.sh)");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut parts = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[test]
fn the_systems_sqlite3_writes_every_table_and_finds_the_file_sound() {
    let version = system_sqlite_version();
    assert!(
        version >= (3, 37),
        "the system sqlite3 is {version:?}; Career Hub needs 3.37 (STRICT tables) or later"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("career-hub.db");
    // A database as Career Hub leaves it: with NULLs in its nullable JSON columns.
    drop(career_hub::Db::open(&path).unwrap());

    assert_eq!(
        sqlite3(&path, "PRAGMA integrity_check;"),
        "ok",
        "a new database is sound to sqlite3 {version:?}"
    );
    // Foreign keys as Career Hub uses them; every table written from outside.
    sqlite3(&path, &format!("PRAGMA foreign_keys = ON; {SEED_SQL}"));
    sqlite3(
        &path,
        "PRAGMA foreign_keys = ON;
         UPDATE profiles SET draft_data = NULL, headline = 'Engineer and writer';
         UPDATE experiences SET technologies = NULL, position = 'Lead programmer';
         INSERT INTO builder_sessions (id, profile_id) VALUES ('01JC0000000000000000000BSS', '01JC0000000000000000000PRF');
         INSERT INTO builder_steps (session_id, step, draft_data) VALUES ('01JC0000000000000000000BSS', 'basics', NULL);
         DELETE FROM achievements;",
    );
    let db = career_hub::Db::open(&path).unwrap();
    let conn = db.conn();
    for table in TABLES {
        assert!(
            fixture::count(conn, table) > 0 || table == "achievements",
            "{table} was written by sqlite3"
        );
    }
    assert_eq!(
        sqlite3(&path, "PRAGMA integrity_check;"),
        "ok",
        "after writing every table, sqlite3 {version:?} finds no false CHECK failures"
    );
    assert_eq!(sqlite3(&path, "PRAGMA foreign_key_check;"), "");
    let unlabelled: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log a LEFT JOIN changes c ON c.id = a.change_id
             WHERE a.change_id IS NULL OR c.source IS NOT 'external' OR a.id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        unlabelled, 0,
        "every row sqlite3 wrote is audited as an outside change with a change id"
    );
    let report = career_hub::doctor::check(conn).unwrap();
    assert!(
        report.healthy,
        "the doctor finds the file healthy: {report:?}"
    );
}

#[test]
fn a_delete_from_another_tool_is_undone_like_any_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("career-hub.db");
    {
        let mut db = career_hub::Db::open(&path).unwrap();
        let local = career_hub::profile::bootstrap(&mut db).unwrap();
        db.set_audit_context(career_hub::AuditContext::new(career_hub::Source::Cli));
        let input = career_hub::profile::experience::ExperienceInput {
            company_name: "Acme".to_owned(),
            position: "Engineer".to_owned(),
            start_date: "2020-01-01".to_owned(),
            ..Default::default()
        };
        <career_hub::profile::experience::Experience as career_hub::profile::Section>::create(
            &mut db,
            &local.profile_id,
            input,
        )
        .unwrap();
    }
    sqlite3(&path, "PRAGMA foreign_keys = ON; DELETE FROM experiences;");

    let mut db = career_hub::Db::open(&path).unwrap();
    let local = career_hub::profile::bootstrap(&mut db).unwrap();
    let changes = history::changes(db.conn(), &local.user_id, 5).unwrap();
    assert_eq!(
        changes[0].source,
        career_hub::Source::External,
        "the outside delete is the newest change in the history, named as outside"
    );
    let report = history::undo_last(&mut db, &local.user_id, None).unwrap();
    assert_eq!(report.reverted_change_id, changes[0].change_id);
    assert_eq!(
        fixture::count(db.conn(), "experiences"),
        1,
        "undo brings the job back"
    );
    // And again: the next undo takes back the creation, then there is nothing left.
    history::undo_last(&mut db, &local.user_id, None).unwrap();
    assert_eq!(fixture::count(db.conn(), "experiences"), 0);
    assert!(
        history::undo_last(&mut db, &local.user_id, None).is_err(),
        "undo does not repeat itself forever: there is nothing left to undo"
    );
}
