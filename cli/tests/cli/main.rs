//! The real `career-hub` binary, run in a temp dir as a user would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use career_hub::{AuditContext, Db, Source};
use predicates::prelude::*;
use rusqlite::Connection;
use serde_json::Value;

mod faults;
mod many_writers;
mod tailor;
mod unix_tool;

fn career_hub(db: &Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("career-hub");
    cmd.env("CAREER_HUB_DB", db)
        .env_remove("XDG_DATA_HOME")
        .env("XDG_CACHE_HOME", cache_home(db));
    cmd
}

/// The cache folder of a test's runs: beside its database, in the test's own folder.
fn cache_home(db: &Path) -> std::path::PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("cache")
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

/// The path of the built `career-hub` binary, for tests that start it themselves.
fn binary() -> std::path::PathBuf {
    std::path::PathBuf::from(assert_cmd::cargo::cargo_bin!("career-hub"))
}

/// A new database at `path`, made as a person would: `career-hub init`.
fn init(path: &Path) {
    career_hub(path).arg("init").assert().success();
}

fn run_ok(db: &Path, args: &[&str]) -> String {
    let output = career_hub(db)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).unwrap()
}

fn first_id(db: &Path, section: &str) -> String {
    let list: Vec<Value> = serde_json::from_str(&run_ok(db, &[section, "list", "--json"])).unwrap();
    list[0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn a_whole_profile_built_by_script_shows_in_profile_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("career-hub.db");
    init(&db);
    let summary = "Engineer who builds reliable data systems, from the database schema up to the dashboards people read every morning.";
    run_ok(
        &db,
        &[
            "profile",
            "set",
            "--name",
            "Ada Lovelace",
            "--headline",
            "Staff Engineer",
            "--summary",
            summary,
            "--email",
            "ada@example.com",
            "--linkedin",
            "https://www.linkedin.com/in/ada",
            "--slug",
            "ada-lovelace",
        ],
    );
    run_ok(
        &db,
        &[
            "experience",
            "add",
            "--company",
            "Analytical Engines",
            "--position",
            "Staff Engineer",
            "--start",
            "2021-03-01",
            "--current",
            "true",
            "--tech",
            "Rust",
            "--tech",
            "PostgreSQL",
            "--responsibility",
            "Led the storage team",
        ],
    );
    run_ok(
        &db,
        &[
            "experience",
            "add",
            "--company",
            "Navy",
            "--position",
            "Engineer",
            "--start",
            "2017-01-01",
            "--end",
            "2021-02-28",
        ],
    );
    let job = first_id(&db, "experience");
    run_ok(
        &db,
        &[
            "project",
            "add",
            "--name",
            "Ledger",
            "--experience",
            &job,
            "--tech",
            "Rust",
            "--achievement",
            "Closed books in 1 day",
        ],
    );
    run_ok(
        &db,
        &[
            "skill",
            "add",
            "--tech",
            "Rust",
            "--level",
            "5",
            "--years",
            "6",
            "--primary",
            "true",
        ],
    );
    run_ok(&db, &["skill", "add", "--tech", "SQL", "--level", "4"]);
    run_ok(
        &db,
        &[
            "education",
            "add",
            "--institution",
            "University of London",
            "--degree",
            "BSc",
        ],
    );
    run_ok(
        &db,
        &[
            "certification",
            "add",
            "--name",
            "AWS Solutions Architect",
            "--issued",
            "2022-05-01",
            "--expires",
            "2025-05-01",
        ],
    );
    run_ok(
        &db,
        &[
            "achievement",
            "add",
            "--title",
            "Best paper",
            "--category",
            "publication",
        ],
    );

    let shown: Value = serde_json::from_str(&run_ok(&db, &["profile", "show", "--json"])).unwrap();
    assert_eq!(shown["profile"]["contact"]["name"], "Ada Lovelace");
    assert_eq!(shown["profile"]["slug"], "ada-lovelace");
    assert_eq!(shown["experiences"].as_array().unwrap().len(), 2);
    assert_eq!(shown["experiences"][0]["is_current"], true);
    assert_eq!(
        shown["projects"][0]["experience_ids"][0],
        job.as_str(),
        "the project is linked to the job"
    );
    assert_eq!(shown["skills"][0]["technology"]["name"], "Rust");
    assert_eq!(
        shown["certifications"][0]["is_expired"], true,
        "expired in 2025"
    );
    assert_eq!(shown["achievements"][0]["category"], "PUBLICATION");
    // headline 10 + summary 20 + 2 experiences 20 + 1 project 5 + 2 skills 6 + education 10
    assert_eq!(shown["profile"]["completeness_score"], 71);
    assert!(
        shown["next_actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["code"] == "add_experience")
    );

    let text = run_ok(&db, &["profile", "show"]);
    assert!(
        text.contains("Completeness: 71%") && text.contains("Staff Engineer at Analytical Engines"),
        "{text}"
    );

    let found = run_ok(&db, &["search", "storage"]);
    assert!(
        found.contains("Staff Engineer at Analytical Engines")
            && found.contains("responsibilities"),
        "{found}"
    );
    let suggestions = run_ok(&db, &["suggest", "--position", "Senior Backend Developer"]);
    assert!(suggestions.lines().count() >= 3, "{suggestions}");

    run_ok(&db, &["skill", "remove", &first_id(&db, "skill")]);
    // Without a terminal to ask on, undo names the change and waits for --yes.
    career_hub(&db).arg("undo").assert().code(2).stderr(
        predicate::str::contains("would undo: Deleted skill")
            .and(predicate::str::contains("--yes")),
    );
    let undone = run_ok(&db, &["undo", "--yes"]);
    assert!(undone.starts_with("Undid: "), "{undone}");
    let skills: Vec<Value> =
        serde_json::from_str(&run_ok(&db, &["skill", "list", "--json"])).unwrap();
    assert_eq!(skills.len(), 2, "undo brought the skill back");
}

#[test]
fn bad_input_lists_every_problem_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("career-hub.db");
    init(&db);
    career_hub(&db)
        .args([
            "experience",
            "add",
            "--company",
            "Acme",
            "--start",
            "2021-02-29",
            "--website",
            "acme.com",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("position: The position is required.")
                .and(predicate::str::contains(
                    "start_date: The start date must be a real date",
                ))
                .and(predicate::str::contains("did you mean https://acme.com?")),
        );
    let list = run_ok(&db, &["experience", "list"]);
    assert!(list.contains("No experience yet"), "{list}");
}

#[test]
fn export_jsonresume_prints_or_writes_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("career-hub.db");
    init(&db);
    run_ok(
        &db,
        &[
            "profile",
            "set",
            "--name",
            "Ada Lovelace",
            "--headline",
            "Engineer",
        ],
    );
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
    let printed: Value = serde_json::from_str(&run_ok(&db, &["export", "jsonresume"])).unwrap();
    assert_eq!(printed["basics"]["name"], "Ada Lovelace");
    assert_eq!(printed["work"][0]["name"], "Acme");

    let out = dir.path().join("resume.json");
    career_hub(&db)
        .args(["export", "jsonresume", "--out"])
        .arg(&out)
        .assert()
        .success();
    let written: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written, printed, "the file holds the same document");

    career_hub(&db)
        .args(["export", "jsonresume", "--version", "Nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no CV version called \"Nope\""));
}

#[test]
fn import_jsonresume_previews_then_imports_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("career-hub.db");
    init(&db);
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/jsonresume/full.json");
    let path = file.display().to_string();
    let preview = run_ok(&db, &["import", "jsonresume", "--dry-run", &path]);
    assert!(
        preview.contains("Would add") && preview.contains("Nothing was changed"),
        "{preview}"
    );
    let listed = run_ok(&db, &["experience", "list"]);
    assert!(
        listed.contains("No experience yet"),
        "the dry run wrote nothing: {listed}"
    );

    let imported = run_ok(&db, &["import", "jsonresume", &path]);
    assert!(
        imported.contains("+ experience Rear Admiral at US Navy")
            && imported.contains("! languages"),
        "{imported}"
    );
    let again = run_ok(&db, &["import", "jsonresume", &path]);
    assert!(
        again.starts_with("Added 0 item(s)"),
        "re-import adds nothing: {again}"
    );

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"work\": [").unwrap();
    career_hub(&db)
        .args(["import", "jsonresume"])
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid JSON"));
    let binary = dir.path().join("photo.json");
    std::fs::write(&binary, [0xff_u8, 0xfe, 0x00, 0x41]).unwrap();
    career_hub(&db)
        .args(["import", "jsonresume"])
        .arg(&binary)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
}

#[test]
fn export_all_then_import_all_moves_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    init(&old);
    run_ok(
        &old,
        &[
            "profile",
            "set",
            "--name",
            "Ada Lovelace",
            "--headline",
            "Engineer",
        ],
    );
    run_ok(
        &old,
        &[
            "experience",
            "add",
            "--company",
            "Acme",
            "--position",
            "Engineer",
            "--start",
            "2020-01-01",
            "--tech",
            "Rust",
        ],
    );
    let backup = dir.path().join("backup.json");
    run_ok(
        &old,
        &["export", "all", "--out", &backup.display().to_string()],
    );

    let new = dir.path().join("new.db");
    let restored = run_ok(&new, &["import", "all", &backup.display().to_string()]);
    assert!(restored.starts_with("Restored"), "{restored}");
    let shown: Value = serde_json::from_str(&run_ok(&new, &["profile", "show", "--json"])).unwrap();
    assert_eq!(shown["profile"]["contact"]["name"], "Ada Lovelace");
    assert_eq!(shown["experiences"][0]["technologies"][0]["name"], "Rust");
    let history = run_ok(&new, &["history", "--entity-type", "experience"]);
    assert!(
        history.contains("CREATE_EXPERIENCE"),
        "the history moved too: {history}"
    );

    career_hub(&new)
        .args(["import", "all"])
        .arg(&backup)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "already holds a profile with data",
        ));
}

#[test]
fn import_linkedin_from_the_export_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("career-hub.db");
    init(&db);
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/linkedin/full")
        .display()
        .to_string();
    let preview = run_ok(&db, &["import", "linkedin", "--dry-run", &folder]);
    assert!(
        preview.contains("Would add") && preview.contains("Nothing was changed"),
        "{preview}"
    );
    let imported = run_ok(&db, &["import", "linkedin", &folder]);
    assert!(
        imported.contains("+ experience Founder at Hamilton Technologies"),
        "{imported}"
    );
    let shown: Value = serde_json::from_str(&run_ok(&db, &["profile", "show", "--json"])).unwrap();
    assert_eq!(shown["profile"]["contact"]["name"], "Margaret Hamilton");
    career_hub(&db)
        .args(["import", "linkedin"])
        .arg(dir.path().join("nope.zip"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("could not open"));
}

/// `update` changes only the flags given: a field set earlier, by a flag or by another
/// program (an import, a SQL tool), keeps its value.
#[test]
fn an_update_keeps_every_field_it_does_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("career-hub.db");
    init(&db);
    let sql = |statement: &str| {
        Connection::open(&db)
            .unwrap()
            .execute(statement, [])
            .unwrap();
    };
    let value = |query: &str| -> String {
        Connection::open(&db)
            .unwrap()
            .query_row(query, [], |r| r.get(0))
            .unwrap()
    };

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
            "2021-01-01",
            "--industry",
            "Retail",
        ],
    );
    sql("UPDATE experiences SET company_size = '51-200'");
    let id = first_id(&db, "experience");
    run_ok(
        &db,
        &["experience", "update", &id, "--position", "Lead engineer"],
    );
    assert_eq!(
        value("SELECT position || '|' || industry || '|' || company_size FROM experiences"),
        "Lead engineer|Retail|51-200"
    );

    run_ok(
        &db,
        &["project", "add", "--name", "Ledger", "--role", "Lead"],
    );
    sql("UPDATE projects SET clients = '[\"A bank\"]', team_size = 5");
    let id = first_id(&db, "project");
    run_ok(&db, &["project", "update", &id, "--name", "Ledger 2"]);
    assert_eq!(
        value("SELECT name || '|' || role || '|' || clients || '|' || team_size FROM projects"),
        "Ledger 2|Lead|[\"A bank\"]|5"
    );

    run_ok(
        &db,
        &[
            "skill", "add", "--tech", "Rust", "--level", "3", "--years", "6", "--since", "2018",
        ],
    );
    let id = first_id(&db, "skill");
    run_ok(&db, &["skill", "update", &id, "--level", "4"]);
    assert_eq!(
        value(
            "SELECT level || '|' || years_of_experience || '|' || started_using_year FROM skills"
        ),
        "4|6|2018"
    );

    run_ok(
        &db,
        &["education", "add", "--institution", "MIT", "--grade", "A"],
    );
    let id = first_id(&db, "education");
    run_ok(&db, &["education", "update", &id, "--degree", "BSc"]);
    assert_eq!(
        value("SELECT degree || '|' || grade FROM education"),
        "BSc|A"
    );

    run_ok(
        &db,
        &["certification", "add", "--name", "CKA", "--issuer", "CNCF"],
    );
    let id = first_id(&db, "certification");
    run_ok(&db, &["certification", "update", &id, "--name", "CKAD"]);
    assert_eq!(
        value("SELECT name || '|' || issuing_organization FROM certifications"),
        "CKAD|CNCF"
    );

    run_ok(
        &db,
        &[
            "achievement",
            "add",
            "--title",
            "Medal",
            "--url",
            "https://medal.example",
        ],
    );
    let id = first_id(&db, "achievement");
    run_ok(
        &db,
        &["achievement", "update", &id, "--title", "Gold medal"],
    );
    assert_eq!(
        value("SELECT title || '|' || url FROM achievements"),
        "Gold medal|https://medal.example"
    );

    run_ok(
        &db,
        &[
            "profile",
            "set",
            "--name",
            "Ada",
            "--phone",
            "+44 20 7946 0000",
        ],
    );
    sql("UPDATE profiles SET contact = json_set(contact, '$.mastodon', '@ada@example.social')");
    run_ok(
        &db,
        &[
            "profile",
            "set",
            "--headline",
            "Engineer",
            "--name",
            "Ada Lovelace",
        ],
    );
    assert_eq!(
        value(
            "SELECT headline || '|' || (contact ->> 'name') || '|' || (contact ->> 'phone') || '|' || (contact ->> 'mastodon') FROM profiles"
        ),
        "Engineer|Ada Lovelace|+44 20 7946 0000|@ada@example.social"
    );
}

/// A CV export keeps the fonts it unpacked in the user's cache folder for the next
/// one; a damaged or cut-short kept file is unpacked again, and the PDF stays the same.
#[test]
fn cv_export_keeps_its_unpacked_fonts_and_replaces_a_damaged_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    add_profile(&db);
    let first = dir.path().join("first.pdf");
    run_ok(&db, &["cv", "export", "--out", first.to_str().unwrap()]);
    let fonts = cache_home(&db).join("career-hub/fonts");
    let kept: Vec<std::path::PathBuf> = std::fs::read_dir(&fonts)
        .expect("the export keeps its fonts in the cache folder")
        .map(|entry| entry.unwrap().path())
        .collect();
    let sans = kept
        .iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("DejaVuSans-")
        })
        .expect("the regular sans face is kept")
        .clone();
    let size = std::fs::metadata(&sans).unwrap().len();
    assert!(size > 100_000, "the kept face is the whole font file");
    assert!(
        kept.iter()
            .all(|p| p.extension().is_some_and(|e| e == "ttf")),
        "nothing half-written is left: {kept:?}"
    );

    // Read, not unpacked, by the next export: the same PDF.
    let second = dir.path().join("second.pdf");
    run_ok(&db, &["cv", "export", "--out", second.to_str().unwrap()]);
    let expected = std::fs::read(&first).unwrap();
    assert_eq!(std::fs::read(&second).unwrap(), expected);

    // What another build kept, and what a run killed while writing left an hour ago,
    // go when the face is written again; a file being written just now stays.
    let other_build = fonts.join("DejaVuSans-0123456789abcdef.ttf");
    let abandoned = fonts.join("DejaVuSans-0123456789abcdef.4242.partial");
    let in_progress = fonts.join("DejaVuSans-0123456789abcdef.4343.partial");
    for file in [&other_build, &abandoned, &in_progress] {
        std::fs::write(file, b"old").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&abandoned)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();

    // Cut short, then overwritten with garbage of the right length: unpacked again.
    for damage in [vec![0u8; 100], vec![0u8; usize::try_from(size).unwrap()]] {
        std::fs::write(&sans, damage).unwrap();
        let again = dir.path().join("again.pdf");
        run_ok(
            &db,
            &["cv", "export", "--force", "--out", again.to_str().unwrap()],
        );
        assert_eq!(
            std::fs::read(&again).unwrap(),
            expected,
            "the PDF does not change"
        );
        let restored = std::fs::read(&sans).unwrap();
        assert_eq!(
            restored.len() as u64,
            size,
            "the damaged file is written again"
        );
        assert_ne!(restored[..4], [0, 0, 0, 0], "with the font in it");
    }
    assert!(
        !other_build.exists(),
        "another build's copy of the face is removed"
    );
    assert!(!abandoned.exists(), "a write abandoned long ago is removed");
    assert!(
        in_progress.exists(),
        "a write that may still be going on is left alone"
    );
    assert!(sans.exists(), "this build's copy stays");
}
