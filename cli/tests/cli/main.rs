//! The real `career-hub` binary, run in a temp dir as a user would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use career_hub::{AuditContext, Db, Source};
use predicates::prelude::*;
use serde_json::Value;

fn career_hub(db: &Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("career-hub");
    cmd.env("CAREER_HUB_DB", db).env_remove("XDG_DATA_HOME");
    cmd
}

/// Adds a user, a profile and an experience through the core, as the desktop app would.
fn add_profile(db: &Path) {
    let mut handle = Db::open(db).unwrap();
    handle.set_audit_context(AuditContext::new(Source::Ui));
    handle
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO users (id, email, password_hash) VALUES ('U1', 'ada@example.com', '');
                 INSERT INTO profiles (id, user_id, headline) VALUES ('P1', 'U1', 'Engineer');
                 INSERT INTO experiences (id, profile_id, company_name, position, start_date)
                     VALUES ('E1', 'P1', 'Analytical Engines', 'Programmer', '2020-01-01');",
            )?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn init_doctor_backup_restore_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("career-hub.db");

    career_hub(&db).arg("init").assert().success().stdout(
        predicate::str::contains("Created database").and(predicate::str::contains(format!(
            "schema version {}",
            career_hub::migrations::latest_version()
        ))),
    );
    assert!(db.is_file(), "init creates the file, and its folder");
    career_hub(&db)
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("is ready"));

    career_hub(&db)
        .arg("doctor")
        .assert()
        .success()
        .stdout(predicate::str::contains("healthy"));
    let output = career_hub(&db)
        .args(["doctor", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(report["healthy"], true);

    add_profile(&db);
    let backup = dir.path().join("backup.db");
    career_hub(&db)
        .args(["backup", "--out"])
        .arg(&backup)
        .assert()
        .success()
        .stdout(predicate::str::contains("Backed up"));
    career_hub(&db)
        .args(["backup", "--out"])
        .arg(&backup)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));

    // Lose the experience, then get it back from the backup.
    {
        let mut handle = Db::open(&db).unwrap();
        handle.set_audit_context(AuditContext::new(Source::Cli));
        handle
            .write(|tx| Ok(tx.execute("DELETE FROM experiences", [])?))
            .unwrap();
    }
    career_hub(&db)
        .arg("restore")
        .arg(&backup)
        .assert()
        .success()
        .stdout(predicate::str::contains("Restored").and(predicate::str::contains("kept as")));
    let restored = Db::open(&db).unwrap();
    let experiences: i64 = restored
        .conn()
        .query_row("SELECT count(*) FROM experiences", [], |r| r.get(0))
        .unwrap();
    assert_eq!(experiences, 1, "the restore brought the experience back");
    drop(restored);

    career_hub(&db)
        .args(["history", "--entity-type", "experience"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("CREATE_EXPERIENCE").and(predicate::str::contains("[ui]")),
        );
    let output = career_hub(&db)
        .args(["history", "--json", "--limit", "2"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let entries: Vec<Value> = serde_json::from_slice(&output).unwrap();
    assert_eq!(entries.len(), 2, "--limit is honoured");
    assert_eq!(entries[0]["action"], "CREATE_EXPERIENCE", "newest first");
    assert_eq!(entries[0]["source"], "ui");
}

#[test]
fn doctor_exits_non_zero_and_names_the_fault() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("career-hub.db");
    career_hub(&db).arg("init").assert().success();
    {
        let handle = Db::open(&db).unwrap();
        handle
            .conn()
            .execute_batch("DROP INDEX idx_skills_level")
            .unwrap();
    }
    career_hub(&db)
        .arg("doctor")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "index idx_skills_level is missing",
        ));
    let output = career_hub(&db)
        .args(["doctor", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(report["findings"][0]["kind"], "missing_index");
    assert_eq!(report["findings"][0]["object"], "idx_skills_level");
}

#[test]
fn errors_are_words_on_stderr_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.db");
    career_hub(&db).arg("doctor").assert().code(2).stderr(
        predicate::str::contains("no database at").and(predicate::str::contains("career-hub init")),
    );
    assert!(!db.exists(), "doctor does not create a database");

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello ".repeat(50)).unwrap();
    career_hub(&text)
        .arg("history")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a Career Hub database"));

    let db = dir.path().join("career-hub.db");
    career_hub(&db).arg("init").assert().success();
    career_hub(&db)
        .args(["restore"])
        .arg(&text)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a Career Hub database"));
}

#[test]
fn the_db_flag_overrides_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let env_db = dir.path().join("env.db");
    let flag_db = dir.path().join("flag.db");
    career_hub(&env_db)
        .arg("--db")
        .arg(&flag_db)
        .arg("init")
        .assert()
        .success();
    assert!(flag_db.is_file() && !env_db.exists());
}
