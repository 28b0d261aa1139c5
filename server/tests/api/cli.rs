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
    ok(
        &laptop,
        &[
            "experience",
            "add",
            "--company",
            "Analytical Engines",
            "--position",
            "Programmer",
            "--start",
            "2020-01-01",
        ],
        "",
    );
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
