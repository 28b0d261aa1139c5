//! Bad input, a server killed in the middle of a push, and a graceful stop.

use std::time::{Duration, Instant};

use career_hub_protocol::api::{Change, PushRequest};
use serde_json::json;

use crate::db;
use crate::fixtures::{PASSWORD, account, id, job, now, upsert};
use crate::server::Server;

#[test]
fn bad_requests_get_a_clear_error_and_write_nothing() {
    let server = Server::start();
    let api = server.api();
    let (token, _, profile_id) = account(&server, "ada@example.com");
    let url = &server.database_url;
    let changes_before = db::value(url, "SELECT count(*) FROM sync_changes");

    let malformed = api.post_raw("/v1/changes", Some(&token), b"{\"changes\": [");
    assert_eq!(
        (malformed.status, malformed.error().code.as_str()),
        (400, "malformed_json")
    );
    let unknown_field = api.post(
        "/v1/changes",
        Some(&token),
        &json!({"changes": [], "force": true}),
    );
    assert_eq!(
        (unknown_field.status, unknown_field.error().code.as_str()),
        (400, "malformed_json")
    );
    let oversized = declared_too_large(&server, &token);
    assert!(oversized.starts_with("HTTP/1.1 413"), "{oversized}");
    assert!(oversized.contains("\"code\":\"too_large\""), "{oversized}");
    let many: Vec<Change> = (0..1_001)
        .map(|_| job(&id(), &profile_id, "Acme", now("laptop", -1_000)))
        .collect();
    let too_many = api.post("/v1/changes", Some(&token), &PushRequest { changes: many });
    assert_eq!(
        (too_many.status, too_many.error().code.as_str()),
        (413, "too_many_changes")
    );
    let version = api.post("/v2/changes", Some(&token), &json!({"changes": []}));
    assert_eq!(
        (version.status, version.error().code.as_str()),
        (404, "not_found")
    );
    let query = api.get("/v1/changes?since=yesterday", Some(&token));
    assert_eq!(
        (query.status, query.error().code.as_str()),
        (400, "invalid_query")
    );
    let bad_stamp = api.post(
        "/v1/changes",
        Some(&token),
        &json!({"changes": [{"id": id(), "table": "experiences", "key": [id()], "op": "upsert", "columns": {}, "hlc": "tomorrow"}]}),
    );
    assert_eq!(bad_stamp.status, 400);
    assert_eq!(
        db::value(url, "SELECT count(*) FROM sync_changes"),
        changes_before
    );

    // SQL in every field is data, or refused by name: never run.
    let sql = "x'); DROP TABLE users; --";
    let quoted = "\"; DELETE FROM experiences; --";
    let job_id = sql.to_owned();
    let mut hostile = job(&job_id, &profile_id, sql, now("laptop", -1_000));
    hostile.columns.insert("description".into(), json!(quoted));
    let reply = api.push(
        &token,
        vec![
            hostile,
            upsert(sql, &[&id()], json!({}), now("laptop", -900)),
            upsert(
                "experiences",
                &[&id()],
                json!({quoted: 1}),
                now("laptop", -900),
            ),
        ],
    );
    assert_eq!(reply.accepted.len(), 1, "{reply:?}");
    assert_eq!(
        reply
            .rejected
            .iter()
            .map(|r| r.code.as_str())
            .collect::<Vec<_>>(),
        ["unknown_table", "unknown_column"]
    );
    let stored = db::rows(url, "SELECT id, company_name, description FROM experiences").unwrap();
    assert_eq!(
        stored,
        [vec![
            Some(job_id.clone()),
            Some(sql.to_owned()),
            Some(quoted.to_owned())
        ]]
    );
    assert_eq!(db::value(url, "SELECT count(*) FROM users"), "1");
    let signup = api.post(
        "/v1/accounts",
        None,
        &json!({"email": sql, "password": PASSWORD, "device_name": quoted}),
    );
    assert_eq!(
        (signup.status, signup.error().code.as_str()),
        (400, "invalid_email")
    );
}

/// The reply to a push with a 5 MiB body. The server answers once it has read past its
/// limit and closes the connection, so the body is written from another thread and its
/// failure to finish is expected.
fn declared_too_large(server: &Server, token: &str) -> String {
    use std::io::{Read, Write};
    let address = server.url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "POST /v1/changes HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        5 * 1024 * 1024
    )
    .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let writing = std::thread::spawn(move || {
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..80 {
            if writer.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    // The reply's head, then as many bytes as it says its body has.
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
        bytes.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&bytes).to_string();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).unwrap();
    let _ = stream.shutdown(std::net::Shutdown::Both);
    writing.join().unwrap();
    head + &String::from_utf8_lossy(&body)
}

fn thousand_jobs(profile_id: &str) -> Vec<Change> {
    (0..1_000)
        .map(|i| {
            job(
                &id(),
                profile_id,
                &format!("Company {i}"),
                now("laptop", -1_000),
            )
        })
        .collect()
}

/// Waits until the server's push transaction is writing (or has committed).
fn wait_for_push_in_flight(url: &str, pushed: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let writing = db::value(
            url,
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()
               AND state <> 'idle' AND query ILIKE '%sync_%'",
        );
        let committed: usize = db::value(url, "SELECT count(*) FROM sync_changes")
            .parse()
            .unwrap();
        if writing != "0" || committed >= pushed {
            return;
        }
        assert!(Instant::now() < deadline, "the push never started");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_server_killed_mid_push_applies_the_batch_whole_or_not_at_all_and_a_retry_completes_it() {
    let mut server = Server::start();
    let (token, _, profile_id) = account(&server, "ada@example.com");
    let url = server.database_url.clone();
    let batch = thousand_jobs(&profile_id);
    let pushing = {
        let api = server.api();
        let token = token.clone();
        let batch = batch.clone();
        std::thread::spawn(move || {
            api.try_post("/v1/changes", Some(&token), &PushRequest { changes: batch })
        })
    };
    wait_for_push_in_flight(&url, 1_001);
    let status = std::process::Command::new("kill")
        .args(["-9", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    server.wait();
    let _ = pushing.join().unwrap();

    // PostgreSQL rolls back what the dead connection left open: wait until it has.
    let deadline = Instant::now() + Duration::from_secs(30);
    while db::value(
        &url,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL",
    ) != "0"
    {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(5));
    }
    let applied: usize = db::value(&url, "SELECT count(*) FROM experiences")
        .parse()
        .unwrap();
    assert!(applied == 0 || applied == 1_000, "half a batch: {applied}");
    assert_eq!(
        db::value(&url, "SELECT count(*) FROM sync_changes")
            .parse::<usize>()
            .unwrap(),
        applied + 1
    );

    let again = Server::on(url.clone());
    let reply = again.api().push(&token, batch);
    assert_eq!(reply.accepted.len() + reply.duplicates.len(), 1_000);
    assert_eq!(reply.duplicates.len(), applied);
    assert_eq!(db::value(&url, "SELECT count(*) FROM experiences"), "1000");
    assert_eq!(
        db::value(&url, "SELECT count(DISTINCT change_id) FROM sync_changes"),
        "1001"
    );
    assert_eq!(db::value(&url, "SELECT max(seq) FROM sync_changes"), "1001");
}

#[test]
fn sigterm_lets_the_push_in_flight_finish_then_the_server_exits() {
    let mut server = Server::start();
    let (token, _, profile_id) = account(&server, "ada@example.com");
    let url = server.database_url.clone();
    let batch = thousand_jobs(&profile_id);
    let pushing = {
        let api = server.api();
        std::thread::spawn(move || {
            api.try_post("/v1/changes", Some(&token), &PushRequest { changes: batch })
        })
    };
    wait_for_push_in_flight(&url, 1_001);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let reply = pushing
        .join()
        .unwrap()
        .expect("the push in flight was answered");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(server.wait().success(), "a clean exit");
    assert_eq!(db::value(&url, "SELECT count(*) FROM experiences"), "1000");
}
