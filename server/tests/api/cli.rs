//! `career-hub sync` as a person runs it, against the real server: two machines (two
//! database files), one account.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::server::Server;

/// The `career-hub` binary, built beside the server's by `cargo test --workspace`.
fn cli() -> PathBuf {
    let server = Path::new(env!("CARGO_BIN_EXE_career-hub-server"));
    let cli = server.with_file_name("career-hub");
    assert!(
        cli.exists(),
        "{} is not built; run `cargo build -p career-hub-cli` (cargo test --workspace builds it)",
        cli.display()
    );
    cli
}

fn run(db: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(cli())
        .env("CAREER_HUB_DB", db)
        .env_remove("CAREER_HUB_SERVER")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// `sync signup|login` of ada@example.com at `server` as `device`, password on stdin.
fn sign_in<'a>(verb: &'a str, server: &'a str, device: &'a str) -> [&'a str; 9] {
    [
        "sync",
        verb,
        "--server",
        server,
        "--email",
        "ada@example.com",
        "--password-stdin",
        "--device-name",
        device,
    ]
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn ok(db: &Path, args: &[&str], stdin: &str) -> String {
    let output = run(db, args, stdin);
    assert!(output.status.success(), "{args:?}: {}", text(&output));
    text(&output)
}

#[test]
fn two_machines_sync_through_the_command_line() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.db");
    let desktop = dir.path().join("desktop.db");
    let password = "correct horse battery\n";

    ok(&laptop, &["init"], "");
    add_job(&laptop, "Analytical Engines", "Programmer");
    let said = ok(&laptop, &sign_in("signup", &server.url, "Laptop"), password);
    assert!(said.contains("uploaded"), "{said}");

    // The token is kept beside the database, for its owner only, and never printed.
    let token = laptop.with_file_name("laptop.db.sync-token");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&token).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    let secret = std::fs::read_to_string(&token).unwrap();
    assert!(!said.contains(secret.trim()));

    let said = ok(
        &desktop,
        &sign_in("login", &server.url, "Desktop"),
        password,
    );
    assert!(said.contains("downloaded"), "{said}");
    let listed = ok(&desktop, &["experience", "list"], "");
    assert!(listed.contains("Analytical Engines"), "{listed}");

    // An edit on the desktop reaches the laptop.
    let id: String = {
        let json = ok(&desktop, &["experience", "list", "--json"], "");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value[0]["id"].as_str().unwrap().to_owned()
    };
    ok(
        &desktop,
        &["experience", "update", &id, "--position", "Lead programmer"],
        "",
    );
    let status = ok(&desktop, &["sync", "status", "--json"], "");
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["signed_in"], true);
    assert!(status["pending"].as_u64().unwrap() >= 1, "{status}");
    let report = ok(&desktop, &["sync", "now", "--json"], "");
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert!(report["pushed"].as_u64().unwrap() >= 1, "{report}");
    ok(&laptop, &["sync", "now"], "");
    let listed = ok(&laptop, &["experience", "list"], "");
    assert!(listed.contains("Lead programmer"), "{listed}");

    let devices = ok(&laptop, &["sync", "devices"], "");
    assert!(
        devices.contains("Laptop (this device)") && devices.contains("Desktop"),
        "{devices}"
    );

    // Signed out: the profile stays, the token goes, a sync says how to sign in.
    let said = ok(&laptop, &["sync", "logout"], "");
    assert!(said.contains("Signed out"), "{said}");
    assert!(!token.exists());
    let refused = run(&laptop, &["sync", "now"], "");
    assert!(!refused.status.success());
    assert!(text(&refused).contains("sync login"), "{}", text(&refused));
    let listed = ok(&laptop, &["experience", "list"], "");
    assert!(listed.contains("Lead programmer"), "{listed}");
}

fn add_job(db: &Path, company: &str, position: &str) {
    ok(
        db,
        &[
            "experience",
            "add",
            "--company",
            company,
            "--position",
            position,
            "--start",
            "2020-01-01",
        ],
        "",
    );
}

#[test]
fn a_machine_with_its_own_profile_sees_what_a_merge_does_then_merges_and_undoes_it() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.db");
    let desktop = dir.path().join("desktop.db");
    let password = "correct horse battery\n";
    ok(&laptop, &["init"], "");
    add_job(&laptop, "Analytical Engines", "Programmer");
    add_job(&laptop, "Looms", "Weaver");
    ok(&laptop, &sign_in("signup", &server.url, "Laptop"), password);

    ok(&desktop, &["init"], "");
    add_job(&desktop, "Analytical Engines", "Programmer");
    add_job(&desktop, "Difference Engines", "Analyst");
    let history = ok(&desktop, &["history"], "");

    // Without a choice: what each would do, in words, and nothing changed.
    let asked = run(
        &desktop,
        &sign_in("login", &server.url, "Desktop"),
        password,
    );
    assert!(!asked.status.success());
    let said = text(&asked);
    for line in [
        "In both (kept once, as the account has it):\n  experience Programmer at Analytical Engines",
        "Only on this device (a merge adds it to the account):\n  experience Analyst at Difference Engines",
        "Only in the account (added to this device):\n  experience Weaver at Looms",
        "--merge",
        "--replace",
    ] {
        assert!(said.contains(line), "{line:?} in {said}");
    }
    assert_eq!(
        ok(&desktop, &["history"], ""),
        history,
        "nothing was written"
    );
    let status = ok(&desktop, &["sync", "status", "--json"], "");
    assert!(status.contains("\"signed_in\": false"), "{status}");

    let mut args = sign_in("login", &server.url, "Desktop").to_vec();
    args.push("--merge");
    let said = ok(&desktop, &args, password);
    assert!(said.contains("merged into the account's"), "{said}");
    assert!(
        said.contains("Merged into the account: experience Analyst at Difference Engines."),
        "{said}"
    );
    ok(&laptop, &["sync", "now"], "");
    for db in [&laptop, &desktop] {
        let listed = ok(db, &["experience", "list"], "");
        for company in ["Analytical Engines", "Looms", "Difference Engines"] {
            assert_eq!(
                listed.matches(company).count(),
                1,
                "{company} once in {listed}"
            );
        }
    }

    // One undo takes the merge back, on both machines.
    let undone = ok(&desktop, &["undo", "--yes"], "");
    assert!(undone.contains("Difference Engines"), "{undone}");
    ok(&desktop, &["sync", "now"], "");
    ok(&laptop, &["sync", "now"], "");
    for db in [&laptop, &desktop] {
        let listed = ok(db, &["experience", "list"], "");
        assert!(!listed.contains("Difference Engines"), "{listed}");
        assert!(
            listed.contains("Looms") && listed.contains("Analytical Engines"),
            "{listed}"
        );
    }
}

#[test]
fn a_wrong_password_and_a_plain_http_server_are_refused_with_a_reason() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    ok(&db, &["init"], "");
    ok(
        &db,
        &sign_in("signup", &server.url, "This machine"),
        "correct horse battery\n",
    );
    let other = dir.path().join("other.db");
    let wrong = run(
        &other,
        &sign_in("login", &server.url, "This machine"),
        "not it\n",
    );
    assert!(!wrong.status.success());
    assert!(
        text(&wrong).to_lowercase().contains("password"),
        "{}",
        text(&wrong)
    );

    let plain = run(
        &other,
        &[
            "sync",
            "login",
            "--server",
            "http://sync.example.com",
            "--email",
            "a@example.com",
            "--password-stdin",
        ],
        "x\n",
    );
    assert!(!plain.status.success());
    assert!(text(&plain).contains("https://"), "{}", text(&plain));
}

/// A JSON Resume of `jobs` jobs (with two highlights each) and as many projects,
/// distinct for each `batch`.
fn resume(batch: usize, jobs: usize) -> String {
    let work: Vec<serde_json::Value> = (0..jobs)
        .map(|i| serde_json::json!({"name": format!("Company {batch}-{i}"), "position": "Engineer",
            "startDate": format!("{}-01-01", 1980 + i % 40), "highlights": ["Led a team", "Cut costs"]}))
        .collect();
    let projects: Vec<serde_json::Value> = (0..jobs)
        .map(|i| serde_json::json!({"name": format!("Project {batch}-{i}"), "description": "A ledger."}))
        .collect();
    serde_json::json!({"basics": {"name": "Ada Lovelace"}, "work": work, "projects": projects})
        .to_string()
}

/// What a read-only look at the database says (`sqlite3`, as another program reads it).
fn peek(db: &Path, sql: &str) -> i64 {
    let output = Command::new("sqlite3")
        .args(["-readonly", "-cmd", ".timeout 5000"])
        .arg(db)
        .arg(sql)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or(-1)
}

/// Starts `sync now` and kills it (SIGKILL) as soon as `progress` says it has committed
/// more than before; returns whether it ended by itself first.
fn kill_after_progress(db: &Path, progress: &dyn Fn() -> i64) -> bool {
    let before = progress();
    let mut child = Command::new(cli())
        .env("CAREER_HUB_DB", db)
        .args(["sync", "now"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "an uninterrupted sync succeeds");
            return true;
        }
        if progress() != before {
            child.kill().unwrap();
            child.wait().unwrap();
            return false;
        }
    }
}

fn counts(db: &Path) -> Vec<i64> {
    [
        "experiences",
        "projects",
        "technologies",
        "experience_technologies",
        "sync_outbox",
    ]
    .iter()
    .map(|table| peek(db, &format!("SELECT count(*) FROM {table}")))
    .collect()
}

#[test]
fn a_sync_killed_again_and_again_resumes_without_losing_or_doubling_anything() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.db");
    let desktop = dir.path().join("desktop.db");
    let password = "correct horse battery\n";
    ok(&laptop, &["init"], "");
    ok(&laptop, &sign_in("signup", &server.url, "Laptop"), password);
    ok(&desktop, &["init"], "");
    ok(
        &desktop,
        &sign_in("login", &server.url, "Desktop"),
        password,
    );

    // Thousands of changes wait on the laptop: more than ten batches of 1,000.
    for batch in 0..6 {
        let file = dir.path().join(format!("resume-{batch}.json"));
        std::fs::write(&file, resume(batch, 1_000)).unwrap();
        ok(
            &laptop,
            &["import", "jsonresume", file.to_str().unwrap()],
            "",
        );
    }
    let waiting = peek(&laptop, "SELECT count(*) FROM sync_outbox");
    assert!(waiting > 10_000, "{waiting}");

    // Killed after each batch the account acknowledges, as it sends the next.
    let mut kills = 0;
    while !kill_after_progress(&laptop, &|| {
        peek(&laptop, "SELECT count(*) FROM sync_outbox")
    }) {
        kills += 1;
    }
    // Killed after each page the desktop applies, as it applies the next.
    while !kill_after_progress(&desktop, &|| {
        peek(&desktop, "SELECT pull_next FROM sync_state")
    }) {
        kills += 1;
    }
    assert!(kills >= 20, "killed {kills} times");

    ok(&laptop, &["sync", "now"], "");
    ok(&desktop, &["sync", "now"], "");
    let (on_laptop, on_desktop) = (counts(&laptop), counts(&desktop));
    assert_eq!(
        on_laptop[..2],
        on_desktop[..2],
        "every job and project, once"
    );
    assert_eq!(on_laptop[0], 6_000);
    assert_eq!(on_laptop[4], 0, "nothing left to send");
    assert_eq!(on_desktop[4], 0);
    for db in [&laptop, &desktop] {
        let doctor = run(db, &["doctor"], "");
        assert!(doctor.status.success(), "{}", text(&doctor));
    }
}
