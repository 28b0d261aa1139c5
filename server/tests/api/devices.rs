//! Real devices against the real server: the desktop's core with its sync engine, over
//! the HTTP client (`career-hub-client`), on databases of their own.

use career_hub::profile::experience::{Experience, ExperienceInput};
use career_hub::profile::{self, Changes, LocalProfile, Section};
use career_hub::sync::{self, Choice, Start, TransportError};
use career_hub::{AuditContext, Db, ErrorCode, Source};
use career_hub_client::Client;
use serde_json::json;

use crate::db;
use crate::server::Server;

const PASSWORD: &str = "correct horse battery";

struct Device {
    db: Db,
    local: LocalProfile,
    client: Client,
}

impl Device {
    fn fresh() -> (Db, LocalProfile) {
        let mut db = Db::open_in_memory().unwrap();
        db.set_audit_context(AuditContext::new(Source::Ui));
        let local = profile::bootstrap(&mut db).unwrap();
        (db, local)
    }

    /// A device that creates the account `email` with its profile.
    fn sign_up(server: &Server, email: &str) -> Device {
        let (db, local) = Device::fresh();
        let client = Client::new(&server.url).unwrap();
        let session = client.sign_up(email, PASSWORD, "laptop").unwrap();
        Device::signed_in(db, local, client, email, &session, None)
    }

    /// A new device signing in to `email`.
    fn sign_in(server: &Server, email: &str) -> Device {
        let (db, local) = Device::fresh();
        let client = Client::new(&server.url).unwrap();
        let session = client.sign_in(email, PASSWORD, "desktop").unwrap();
        Device::signed_in(db, local, client, email, &session, None)
    }

    fn signed_in(
        mut db: Db,
        local: LocalProfile,
        client: Client,
        email: &str,
        session: &career_hub_protocol::api::Session,
        choice: Option<Choice>,
    ) -> Device {
        let mut client = client.with_token(&session.token);
        let server = client.server().to_owned();
        sync::sign_in(
            &mut db,
            &mut client,
            &server,
            email,
            session,
            choice,
            &mut |_| {},
        )
        .unwrap();
        let local = profile::bootstrap(&mut db).unwrap_or(local);
        Device { db, local, client }
    }

    fn sync(&mut self) -> sync::Report {
        sync::sync_now(&mut self.db, &mut self.client, &mut |_| {}).unwrap()
    }

    fn add_job(&mut self, company: &str) -> Experience {
        let input = ExperienceInput {
            company_name: company.into(),
            position: "Engineer".into(),
            start_date: "2020-01-01".into(),
            technologies: vec!["Rust".into()],
            ..ExperienceInput::default()
        };
        Experience::create(&mut self.db, &self.local.profile_id, input).unwrap()
    }

    fn jobs(&self) -> Vec<(String, String, Option<String>)> {
        Experience::list(self.db.conn(), &self.local.profile_id)
            .unwrap()
            .into_iter()
            .map(|e| (e.id, e.position, e.industry))
            .collect()
    }
}

#[test]
fn a_job_added_on_one_device_reaches_the_other_and_the_server_tables() {
    let server = Server::start();
    let mut laptop = Device::sign_up(&server, "ada@example.com");
    let job = laptop.add_job("Analytical Engines");
    laptop.sync();

    let mut desktop = Device::sign_in(&server, "ada@example.com");
    assert_eq!(desktop.jobs(), laptop.jobs(), "the account was downloaded");

    // Offline, each edits another field of the job; both edits end up everywhere.
    let edit = |device: &mut Device, field: serde_json::Value| {
        let changes = Changes(field.as_object().cloned().unwrap());
        Experience::edit(&mut device.db, &job.id, &changes).unwrap();
    };
    edit(&mut laptop, json!({"position": "Lead engineer"}));
    edit(&mut desktop, json!({"industry": "Computing"}));
    desktop.sync();
    laptop.sync();
    desktop.sync();
    let expected = vec![(
        job.id.clone(),
        "Lead engineer".to_owned(),
        Some("Computing".to_owned()),
    )];
    assert_eq!(laptop.jobs(), expected);
    assert_eq!(desktop.jobs(), expected);

    // The server's documented tables hold the same job, with its technology.
    let rows = db::rows(
        &server.database_url,
        &format!(
            "SELECT e.position, e.industry, t.name FROM experiences e
             JOIN experience_technologies et ON et.experience_id = e.id
             JOIN technologies t ON t.id = et.technology_id WHERE e.id = '{}'",
            job.id
        ),
    )
    .unwrap();
    assert_eq!(
        rows,
        [[
            Some("Lead engineer".into()),
            Some("Computing".into()),
            Some("Rust".into())
        ]]
    );
    for device in [&laptop, &desktop] {
        let status = sync::status(device.db.conn()).unwrap();
        assert_eq!(status.pending, 0);
        assert!(status.rejected.is_empty(), "{:?}", status.rejected);
    }
}

#[test]
fn a_device_with_its_own_profile_chooses_before_anything_changes() {
    let server = Server::start();
    let mut laptop = Device::sign_up(&server, "ada@example.com");
    laptop.add_job("Engines");
    laptop.sync();

    let (mut db, local) = Device::fresh();
    Experience::create(
        &mut db,
        &local.profile_id,
        ExperienceInput {
            company_name: "Looms".into(),
            position: "Weaver".into(),
            start_date: "2019-01-01".into(),
            ..ExperienceInput::default()
        },
    )
    .unwrap();
    let client = Client::new(&server.url).unwrap();
    let session = client
        .sign_in("ada@example.com", PASSWORD, "desktop")
        .unwrap();
    let mut client = client.with_token(&session.token);
    assert_eq!(
        sync::survey(&db, &mut client, &session.user_id).unwrap(),
        Start::Both
    );
    // What each side holds is shown before the choice; reading the account's writes
    // nothing here.
    laptop.add_job("Mills");
    laptop.sync();
    let account = sync::account_item_counts(&mut client).unwrap();
    assert_eq!(account["experiences"], 2, "{account:?}");
    assert_eq!(sync::item_counts(db.conn()).unwrap()["experiences"], 1);
    assert_eq!(outbox_len(&db), 0);
    let error = sync::sign_in(
        &mut db,
        &mut client,
        &server.url,
        "ada@example.com",
        &session,
        None,
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Conflict);
    assert!(
        !sync::status(db.conn()).unwrap().signed_in,
        "nothing changed"
    );
    assert_eq!(
        Experience::list(db.conn(), &local.profile_id)
            .unwrap()
            .len(),
        1
    );

    let server_url = server.url.clone();
    sync::sign_in(
        &mut db,
        &mut client,
        &server_url,
        "ada@example.com",
        &session,
        Some(Choice::Replace),
        &mut |_| {},
    )
    .unwrap();
    let desktop_profile = profile::bootstrap(&mut db).unwrap();
    let jobs = Experience::list(db.conn(), &desktop_profile.profile_id).unwrap();
    let mut companies: Vec<&str> = jobs.iter().map(|j| j.company_name.as_str()).collect();
    companies.sort_unstable();
    assert_eq!(companies, ["Engines", "Mills"]);
}

fn outbox_len(db: &Db) -> i64 {
    db.conn()
        .query_row("SELECT count(*) FROM sync_outbox", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn wrong_passwords_unreachable_servers_and_revoked_devices_say_so_and_lose_nothing() {
    let server = Server::start();
    let mut laptop = Device::sign_up(&server, "ada@example.com");

    let client = Client::new(&server.url).unwrap();
    let wrong = client
        .sign_in("ada@example.com", "not the password", "x")
        .unwrap_err();
    assert!(
        matches!(&wrong, TransportError::Refused { code, .. } if code == "wrong_credentials"),
        "{wrong:?}"
    );

    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let mut nowhere = Client::new(&format!("http://{address}"))
        .unwrap()
        .with_token("t");
    laptop.add_job("Engines");
    let error = sync::sync_now(&mut laptop.db, &mut nowhere, &mut |_| {}).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Offline, "{error}");
    assert!(sync::status(laptop.db.conn()).unwrap().pending > 0, "kept");

    // Signed out from another device: this one is told to sign in again, and keeps
    // what it has not sent.
    let other = Device::sign_in(&server, "ada@example.com");
    let devices = other.client.devices().unwrap();
    let laptop_id = devices
        .iter()
        .find(|d| d.name == "laptop")
        .unwrap()
        .id
        .clone();
    other.client.revoke(&laptop_id).unwrap();
    let error = sync::sync_now(&mut laptop.db, &mut laptop.client, &mut |_| {}).unwrap_err();
    assert_eq!(error.code(), ErrorCode::SignedOut, "{error}");
    assert!(error.to_string().contains("sign in again"), "{error}");
    assert!(sync::status(laptop.db.conn()).unwrap().pending > 0, "kept");

    // Plain http to another machine is refused before anything is sent.
    assert!(Client::new("http://sync.example.com").is_err());
    assert!(Client::new("https://sync.example.com").is_ok());
}

#[test]
fn a_server_that_answers_garbage_is_named_as_such() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let answering = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0_u8; 4096];
        let _ = stream.read(&mut request);
        let body = "<html>Welcome to nginx!</html>";
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
    });
    let client = Client::new(&format!("http://{address}")).unwrap();
    let error = client
        .sign_in("ada@example.com", PASSWORD, "x")
        .unwrap_err();
    answering.join().unwrap();
    assert!(matches!(error, TransportError::Garbage { .. }), "{error:?}");
    assert!(error.to_string().contains("not Career Hub's sync protocol"));
}
