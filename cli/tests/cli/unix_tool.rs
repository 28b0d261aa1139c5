//! The command line as a careful Unix tool: it never writes over the database, never
//! creates one by mistake, survives a closed pipe, and prints no terminal escapes.

use std::io::Read;
use std::process::{Command, Stdio};

use predicates::prelude::*;

use crate::{career_hub, init, run_ok};

#[test]
fn an_export_never_writes_over_the_database_or_its_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    init(&db);
    run_ok(&db, &["profile", "set", "--name", "Ada Lovelace"]);
    let before = std::fs::read(&db).unwrap();
    let wal = db.with_extension("db-wal");
    for out in [db.clone(), wal.clone(), dir.path().join("./p.db")] {
        for args in [
            vec!["export", "jsonresume", "--force", "--out"],
            vec!["export", "all", "--force", "--out"],
            vec!["cv", "export", "--force", "--out"],
            vec!["backup", "--force", "--out"],
        ] {
            career_hub(&db)
                .args(&args)
                .arg(&out)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("is your Career Hub database"));
        }
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database file is untouched"
    );
    let shown = run_ok(&db, &["profile", "show"]);
    assert!(shown.contains("Ada Lovelace"), "and still opens: {shown}");
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    init(&db);
    let out = dir.path().join("resume.json");
    std::fs::write(&out, "my notes").unwrap();
    for args in [
        vec!["export", "jsonresume", "--out"],
        vec!["export", "all", "--out"],
        vec!["cv", "export", "--out"],
        vec!["backup", "--out"],
    ] {
        career_hub(&db)
            .args(&args)
            .arg(&out)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("already exists").and(predicate::str::contains("--force")),
            );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "my notes");
    }
    career_hub(&db)
        .args(["export", "jsonresume", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&out).unwrap().contains("\"meta\""),
        "--force replaced the file with the export"
    );
}

#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    init(&db);
    for i in 0..40 {
        run_ok(
            &db,
            &["skill", "add", "--tech", &format!("Skill number {i}")],
        );
    }
    for args in [
        vec!["history"],
        vec!["skill", "list"],
        vec!["export", "jsonresume"],
    ] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("career-hub"))
            .env("CAREER_HUB_DB", &db)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then hang up, as `| head -c1` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut byte = [0u8; 1];
        stdout.read_exact(&mut byte).unwrap();
        drop(stdout);
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_ne!(
            status.code(),
            Some(101),
            "{args:?} does not panic: {stderr}"
        );
        assert!(
            stderr.is_empty(),
            "{args:?} ends without a word on stderr: {stderr:?}"
        );
    }
}

#[test]
fn text_from_the_database_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    init(&db);
    let evil = "Acme\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";
    run_ok(
        &db,
        &[
            "experience",
            "add",
            "--company",
            evil,
            "--position",
            "Engineer",
            "--start",
            "2020-01-01",
        ],
    );
    for args in [
        vec!["experience", "list"],
        vec!["profile", "show"],
        vec!["history"],
        vec!["search", "Engineer"],
    ] {
        let shown = run_ok(&db, &args);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}') && !shown.contains('\u{9b}'),
            "{args:?} prints no control characters: {shown:?}"
        );
        if args[0] == "experience" || args[0] == "profile" {
            assert!(
                shown.contains("Acme\\u{1b}]0;pwned"),
                "{args:?} shows the escape as text: {shown:?}"
            );
        }
    }
}

#[test]
fn only_init_creates_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("carer-hub.db");
    for args in [
        vec!["experience", "list"],
        vec!["profile", "show"],
        vec!["undo", "--yes"],
        vec!["search", "rust"],
        vec!["export", "jsonresume"],
    ] {
        career_hub(&typo).args(&args).assert().code(2).stderr(
            predicate::str::contains("there is no database at")
                .and(predicate::str::contains("career-hub init")),
        );
        assert!(!typo.exists(), "{args:?} did not create {}", typo.display());
    }

    career_hub(dir.path())
        .args(["experience", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder, not a database file"));
}
