//! Many writers, one file: programs starting on a new database at once, a writer held
//! up by another, and a database that can be read but not written.

use std::process::{Command, Stdio};

use predicates::prelude::*;
use rusqlite::Connection;

use crate::{binary, career_hub, init, run_ok};

#[test]
fn programs_making_the_first_write_at_once_set_the_database_up_once() {
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        // Four programs start on a path where there is no database yet: each inits,
        // then each makes its first write.
        let inits: Vec<_> = (0..4)
            .map(|_| {
                Command::new(binary())
                    .env("CAREER_HUB_DB", &db)
                    .arg("init")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in inits {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: init alongside others succeeds: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let writers: Vec<_> = (0..4)
            .map(|i| {
                Command::new(binary())
                    .env("CAREER_HUB_DB", &db)
                    .args(["skill", "add", "--tech", &format!("Skill {i}")])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in writers {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: a first write alongside others succeeds: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let conn = Connection::open(&db).unwrap();
        let (users, profiles, skills): (i64, i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM profiles), (SELECT count(*) FROM skills)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (users, profiles, skills),
            (1, 1, 4),
            "one person, one profile, every skill"
        );
    }
}

#[test]
fn a_writer_held_up_too_long_gets_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    init(&db);
    run_ok(&db, &["profile", "set", "--headline", "Engineer"]);
    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = career_hub(&db)
        .args(["profile", "set", "--headline", "Lead"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    other.execute_batch("ROLLBACK").unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        stderr.trim(),
        "error: another program has been writing to this database for 5 s; try again when it has finished",
        "one clear sentence, said once"
    );
    let shown = run_ok(&db, &["profile", "show"]);
    assert!(
        shown.contains("Engineer"),
        "nothing was half-written: {shown}"
    );
}

/// Runs the binary as a user without write access (as root, which may write anything,
/// through `runuser -u nobody`); returns (exit code, stdout, stderr).
fn run_unprivileged(db: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    // nobody cannot reach the build folder, so it runs a copy of the binary, in a folder
    // of its own that is removed when the run ends.
    let copy_dir = tempfile::tempdir().unwrap();
    let mut command = if is_root {
        chmod(copy_dir.path(), 0o755);
        let copy = copy_dir.path().join("career-hub");
        std::fs::copy(binary(), &copy).unwrap();
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--"]).arg(copy);
        c
    } else {
        Command::new(binary())
    };
    let out = command
        .env("CAREER_HUB_DB", db)
        .env("HOME", "/nonexistent")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_database_can_be_read_and_says_why_it_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let db = dir.path().join("p.db");
    init(&db);
    run_ok(
        &db,
        &[
            "experience",
            "add",
            "--company",
            "Acme",
            "--position",
            "Engineer",
            "--start",
            "2020-01-01",
        ],
    );
    // A file that is not writable, in a folder that is.
    chmod(&db, 0o444);
    let (code, listed, _) = run_unprivileged(&db, &["experience", "list"]);
    assert_eq!(code, 0, "a read-only database can be read");
    assert!(listed.contains("Engineer at Acme"), "{listed}");
    let (code, _, stderr) = run_unprivileged(&db, &["profile", "set", "--headline", "Lead"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is read-only (the file is not writable)") && stderr.lines().count() == 1,
        "one sentence: {stderr}"
    );

    // A writable file in a folder that is not (SQLite needs the folder for its journal).
    chmod(&db, 0o666);
    chmod(dir.path(), 0o555);
    let (code, listed, _) = run_unprivileged(&db, &["experience", "list"]);
    assert_eq!(code, 0, "it can still be read");
    assert!(listed.contains("Engineer at Acme"), "{listed}");
    let (code, _, stderr) = run_unprivileged(&db, &["skill", "add", "--tech", "Rust"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is read-only (its folder") && stderr.lines().count() == 1,
        "one sentence: {stderr}"
    );
    chmod(dir.path(), 0o755);
}

#[test]
fn a_folder_given_as_the_database_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    career_hub(dir.path())
        .arg("history")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder, not a database file"));
}

/// Three programs writing and one undoing, all at once: every write lands, and every
/// undo takes back exactly the change it named, whoever wrote it.
#[test]
fn three_writers_and_an_undoer_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    init(&db);
    run_ok(&db, &["profile", "set", "--headline", "Start"]);
    const EDITS: usize = 12;
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                for k in 0..EDITS {
                    let out = Command::new(binary())
                        .env("CAREER_HUB_DB", &db)
                        .args(["skill", "add", "--tech", &format!("Writer{w} Tech{k}")])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "writer {w} edit {k}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    let undoer = {
        let db = db.clone();
        std::thread::spawn(move || {
            let mut undone = Vec::new();
            for _ in 0..6 {
                let out = Command::new(binary())
                    .env("CAREER_HUB_DB", &db)
                    .args(["undo", "--yes"])
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&out.stdout).into_owned();
                if out.status.success() {
                    undone.push(text);
                }
            }
            undone
        })
    };
    for writer in writers {
        writer.join().unwrap();
    }
    let undone = undoer.join().unwrap();
    assert!(!undone.is_empty(), "there was always something to undo");

    let conn = Connection::open(&db).unwrap();
    let mut taken_back = Vec::new();
    for text in &undone {
        // "Undid: Added skill Writer1 Tech3" and "(to redo: career-hub undo --yes --change ID)".
        let named = text
            .lines()
            .find_map(|l| l.strip_prefix("Undid: "))
            .unwrap()
            .to_owned();
        let undo_id = text
            .lines()
            .find_map(|l| l.split("--change ").nth(1))
            .unwrap()
            .trim_end_matches(')')
            .to_owned();
        let (reverted, technology): (String, Option<String>) = conn
            .query_row(
                "SELECT u.reverts_change_id,
                        (SELECT json_extract(t.new_values, '$.name')
                         FROM audit_log a JOIN audit_log t
                           ON t.entity_type = 'TECHNOLOGY' AND t.action = 'CREATE_TECHNOLOGY'
                          AND t.entity_id = json_extract(a.new_values, '$.technology_id')
                         WHERE a.change_id = u.reverts_change_id AND a.action = 'CREATE_SKILL')
                 FROM changes u WHERE u.id = ?1",
                [&undo_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(!reverted.is_empty());
        if let Some(technology) = technology {
            assert!(
                named.contains(&technology),
                "the undo named {named:?} and took back the change that added {technology}"
            );
            taken_back.push(technology);
        }
    }
    let skills: Vec<String> = conn
        .prepare("SELECT t.name FROM skills s JOIN technologies t ON t.id = s.technology_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for w in 0..3 {
        for k in 0..EDITS {
            let name = format!("Writer{w} Tech{k}");
            assert_eq!(
                skills.contains(&name),
                !taken_back.contains(&name),
                "{name} is there unless an undo named it and took it back"
            );
        }
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}
