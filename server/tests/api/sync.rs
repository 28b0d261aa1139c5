//! Push and pull: per-column merge by clock stamp, tombstones, add-wins, the catalog,
//! idempotence, refusals, long-polls, several instances, and a server killed mid-push.

use career_hub_protocol::api::{Op, PushResponse, RowRef};
use serde_json::json;

use crate::db;
use crate::fixtures::{account, id, job, now, second_device, upsert};
use crate::server::Server;

#[test]
fn two_devices_editing_different_fields_of_one_row_both_survive() {
    let server = Server::start();
    let api = server.api();
    let (laptop, _, profile_id) = account(&server, "ada@example.com");
    let desktop = second_device(&server, "ada@example.com");
    let job_id = id();
    api.push(
        &laptop,
        vec![job(&job_id, &profile_id, "Acme", now("laptop", -50_000))],
    );

    // Offline, each edits one field; the desktop's clock is an hour behind.
    let from_laptop = upsert(
        "experiences",
        &[&job_id],
        json!({"position": "Lead engineer"}),
        now("laptop", -10_000),
    );
    let from_desktop = upsert(
        "experiences",
        &[&job_id],
        json!({"industry": "Retail"}),
        now("desktop", -3_600_000),
    );
    api.push(&desktop, vec![from_desktop]);
    api.push(&laptop, vec![from_laptop]);

    let row = db::rows(
        &server.database_url,
        &format!("SELECT position, industry, company_name FROM experiences WHERE id = '{job_id}'"),
    )
    .unwrap();
    assert_eq!(
        row[0],
        [
            Some("Lead engineer".into()),
            Some("Retail".into()),
            Some("Acme".into())
        ]
    );

    // Every device pulls every change, in order.
    let pulled = api.pull(&desktop, 0, 0);
    let seqs: Vec<i64> = pulled.changes.iter().map(|c| c.seq).collect();
    assert_eq!(seqs, (1..=4).collect::<Vec<_>>());
    assert!(!pulled.more);
    assert_eq!(pulled.next, 4);
}

#[test]
fn the_same_field_is_won_by_the_later_stamp_whatever_order_it_arrives_in() {
    let server = Server::start();
    let api = server.api();
    let (laptop, _, profile_id) = account(&server, "ada@example.com");
    let desktop = second_device(&server, "ada@example.com");
    let job_id = id();
    api.push(
        &laptop,
        vec![job(&job_id, &profile_id, "Acme", now("laptop", -50_000))],
    );
    let later = upsert(
        "experiences",
        &[&job_id],
        json!({"position": "Later"}),
        now("laptop", -1_000),
    );
    let earlier = upsert(
        "experiences",
        &[&job_id],
        json!({"position": "Earlier"}),
        now("desktop", -2_000),
    );
    api.push(&laptop, vec![later]);
    let reply = api.push(&desktop, vec![earlier]);
    assert_eq!(
        reply.accepted.len(),
        1,
        "an older edit is accepted and loses: {reply:?}"
    );
    assert_eq!(
        db::value(
            &server.database_url,
            &format!("SELECT position FROM experiences WHERE id = '{job_id}'")
        ),
        "Later"
    );
}

#[test]
fn a_delete_beats_an_older_edit_and_a_newer_edit_brings_the_row_back() {
    let server = Server::start();
    let api = server.api();
    let (laptop, _, profile_id) = account(&server, "ada@example.com");
    let job_id = id();
    let project_id = id();
    api.push(
        &laptop,
        vec![
            job(&job_id, &profile_id, "Acme", now("laptop", -50_000)),
            upsert(
                "projects",
                &[&project_id],
                json!({"profile_id": profile_id, "name": "Ledger", "display_order": 0}),
                now("laptop", -49_000),
            ),
            upsert(
                "project_experiences",
                &[&project_id, &job_id],
                json!({}),
                now("laptop", -48_000),
            ),
        ],
    );
    let url = &server.database_url;
    api.push(
        &laptop,
        vec![crate::fixtures::delete(
            "experiences",
            &[&job_id],
            now("laptop", -20_000),
        )],
    );
    assert_eq!(
        db::value(
            url,
            &format!("SELECT count(*) FROM experiences WHERE id = '{job_id}'")
        ),
        "0"
    );
    assert_eq!(
        db::value(url, "SELECT count(*) FROM project_experiences"),
        "0",
        "the link went with it"
    );

    // An edit made before the delete (on a device that was offline) loses.
    let older = upsert(
        "experiences",
        &[&job_id],
        json!({"position": "Stale"}),
        now("desktop", -30_000),
    );
    let reply = api.push(&laptop, vec![older]);
    assert!(reply.resurrected.is_empty());
    assert_eq!(
        db::value(
            url,
            &format!("SELECT count(*) FROM experiences WHERE id = '{job_id}'")
        ),
        "0"
    );

    // A link added after the delete brings the job back, and the reply says so.
    let link = upsert(
        "project_experiences",
        &[&project_id, &job_id],
        json!({}),
        now("desktop", -5_000),
    );
    let reply: PushResponse = api.push(&laptop, vec![link]);
    assert_eq!(
        reply.resurrected,
        [RowRef {
            table: "experiences".into(),
            key: vec![job_id.clone()]
        }]
    );
    assert_eq!(
        db::value(
            url,
            &format!("SELECT company_name FROM experiences WHERE id = '{job_id}'")
        ),
        "Acme"
    );
    assert_eq!(
        db::value(url, "SELECT count(*) FROM project_experiences"),
        "1"
    );
}

#[test]
fn a_replayed_batch_changes_nothing() {
    let server = Server::start();
    let api = server.api();
    let (laptop, user_id, profile_id) = account(&server, "ada@example.com");
    let batch = vec![
        job(&id(), &profile_id, "Acme", now("laptop", -5_000)),
        job(&id(), &profile_id, "Globex", now("laptop", -4_000)),
    ];
    let first = api.push(&laptop, batch.clone());
    assert_eq!(first.accepted.len(), 2);
    let url = &server.database_url;
    let before = db::rows(url, "SELECT count(*), max(seq) FROM sync_changes").unwrap();
    let audit_before = db::value(
        url,
        &format!("SELECT count(*) FROM audit_log WHERE user_id = '{user_id}'"),
    );
    let again = api.push(&laptop, batch.clone());
    assert!(again.accepted.is_empty());
    assert_eq!(
        again.duplicates,
        batch.iter().map(|c| c.id.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        db::rows(url, "SELECT count(*), max(seq) FROM sync_changes").unwrap(),
        before
    );
    assert_eq!(
        db::value(
            url,
            &format!("SELECT count(*) FROM audit_log WHERE user_id = '{user_id}'")
        ),
        audit_before
    );
    assert_eq!(db::value(url, "SELECT count(*) FROM experiences"), "2");
}

#[test]
fn invalid_changes_are_refused_one_by_one_with_reasons_and_the_rest_applies() {
    let server = Server::start();
    let api = server.api();
    let (laptop, _, profile_id) = account(&server, "ada@example.com");
    let good = job(&id(), &profile_id, "Acme", now("laptop", -5_000));
    let mut bad_date = job(&id(), &profile_id, "Bad", now("laptop", -4_000));
    bad_date
        .columns
        .insert("start_date".into(), json!("2021-02-30"));
    let mut ends_first = job(&id(), &profile_id, "Backwards", now("laptop", -4_000));
    ends_first
        .columns
        .insert("end_date".into(), json!("2019-01-01"));
    let unknown_table = upsert(
        "salaries",
        &[&id()],
        json!({"amount": 1}),
        now("laptop", -3_000),
    );
    let unknown_column = upsert(
        "experiences",
        &[&id()],
        json!({"salary": 1}),
        now("laptop", -3_000),
    );
    let future = job(
        &id(),
        &profile_id,
        "Future",
        now("laptop", 3 * 24 * 3_600_000),
    );
    let local_only = upsert(
        "builder_sessions",
        &[&id()],
        json!({}),
        now("laptop", -3_000),
    );
    let reply = api.push(
        &laptop,
        vec![
            bad_date.clone(),
            good.clone(),
            ends_first.clone(),
            unknown_table.clone(),
            unknown_column.clone(),
            future.clone(),
            local_only.clone(),
        ],
    );
    assert_eq!(
        reply
            .accepted
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        [good.id.as_str()]
    );
    let codes: Vec<(String, String)> = reply
        .rejected
        .iter()
        .map(|r| (r.id.clone(), r.code.clone()))
        .collect();
    assert_eq!(
        codes,
        [
            (bad_date.id, "invalid_value".to_owned()),
            (ends_first.id, "check_violation".to_owned()),
            (unknown_table.id, "unknown_table".to_owned()),
            (unknown_column.id, "unknown_column".to_owned()),
            (future.id, "clock_ahead".to_owned()),
            (local_only.id, "unknown_table".to_owned()),
        ]
    );
    assert!(reply.rejected.iter().all(|r| !r.message.is_empty()));
    let url = &server.database_url;
    assert_eq!(
        db::value(url, "SELECT string_agg(company_name, ',') FROM experiences"),
        "Acme"
    );
    assert_eq!(
        db::value(url, "SELECT count(*) FROM sync_changes"),
        "2",
        "the profile and the good job"
    );
}

#[test]
fn another_accounts_row_cannot_be_written_or_named() {
    let server = Server::start();
    let api = server.api();
    let (ada, _, ada_profile) = account(&server, "ada@example.com");
    let (bob, _, _) = account(&server, "bob@example.com");
    let ada_job = id();
    api.push(
        &ada,
        vec![job(&ada_job, &ada_profile, "Acme", now("ada", -5_000))],
    );
    // Bob writes a job into Ada's profile, and edits Ada's job.
    let into_hers = job(&id(), &ada_profile, "Evil", now("bob", -1_000));
    let edit_hers = upsert(
        "experiences",
        &[&ada_job],
        json!({"position": "Hacked"}),
        now("bob", -1_000),
    );
    let reply = api.push(&bob, vec![into_hers, edit_hers]);
    assert!(reply.accepted.is_empty(), "{reply:?}");
    assert_eq!(reply.rejected.len(), 2);
    assert_eq!(
        db::value(
            &server.database_url,
            &format!("SELECT position FROM experiences WHERE id = '{ada_job}'")
        ),
        "Engineer"
    );
}

#[test]
fn the_catalog_is_shared_by_name_and_references_follow_the_servers_id() {
    let server = Server::start();
    let api = server.api();
    let (ada, _, ada_profile) = account(&server, "ada@example.com");
    let (bob, _, bob_profile) = account(&server, "bob@example.com");
    let zig = |tech_id: &str, name: &str| {
        upsert(
            "technologies",
            &[tech_id],
            json!({"name": name, "category": "System", "layer": "Language"}),
            now("x", -5_000),
        )
    };
    let ada_zig = id();
    let bob_zig = id();
    api.push(&ada, vec![zig(&ada_zig, "Zig")]);
    let skill_id = id();
    let reply = api.push(
        &bob,
        vec![
            zig(&bob_zig, "zig"),
            upsert(
                "skills",
                &[&skill_id],
                json!({"profile_id": bob_profile, "technology_id": bob_zig, "level": 3}),
                now("bob", -4_000),
            ),
        ],
    );
    assert_eq!(reply.mapped.len(), 1, "{reply:?}");
    assert_eq!(
        (reply.mapped[0].from.as_str(), reply.mapped[0].to.as_str()),
        (bob_zig.as_str(), ada_zig.as_str())
    );
    let url = &server.database_url;
    assert_eq!(
        db::value(
            url,
            "SELECT count(*) FROM technologies WHERE lower(name) = 'zig'"
        ),
        "1"
    );
    assert_eq!(
        db::value(
            url,
            &format!("SELECT technology_id FROM skills WHERE id = '{skill_id}'")
        ),
        ada_zig
    );
    // Bob's other devices learn the server's id.
    let pulled = api.pull(&bob, 0, 0);
    let technology = pulled
        .changes
        .iter()
        .find(|c| c.change.table == "technologies")
        .unwrap();
    assert_eq!(technology.change.key, std::slice::from_ref(&ada_zig));
    // Nobody renames it for the other.
    let rename = upsert(
        "technologies",
        &[&ada_zig],
        json!({"name": "Zag"}),
        now("bob", -1_000),
    );
    api.push(&bob, vec![rename]);
    assert_eq!(
        db::value(
            url,
            &format!("SELECT name FROM technologies WHERE id = '{ada_zig}'")
        ),
        "Zig"
    );
    let _ = ada_profile;
}

#[test]
fn a_long_poll_returns_as_soon_as_another_device_pushes() {
    let server = Server::start();
    let api = server.api();
    let (laptop, _, profile_id) = account(&server, "ada@example.com");
    let desktop = second_device(&server, "ada@example.com");
    let since = api.pull(&desktop, 0, 0).next;
    let waiting = {
        let api = api.clone();
        let desktop = desktop.clone();
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            (api.pull(&desktop, since, 30), started.elapsed())
        })
    };
    let job_id = id();
    api.push(
        &laptop,
        vec![job(&job_id, &profile_id, "Acme", now("laptop", -1_000))],
    );
    let (pulled, waited) = waiting.join().unwrap();
    assert_eq!(pulled.changes.len(), 1, "{pulled:?}");
    assert_eq!(pulled.changes[0].change.key, [job_id]);
    assert!(
        waited < std::time::Duration::from_secs(30),
        "it did not wait for the timeout"
    );
}

#[test]
fn devices_on_two_server_instances_over_one_database_converge() {
    let one = Server::start();
    let two = Server::on(one.database_url.clone());
    let (laptop, _, profile_id) = account(&one, "ada@example.com");
    let desktop = second_device(&two, "ada@example.com");
    let job_id = id();
    // A long-poll on instance two wakes for a push on instance one.
    let waiting = {
        let api = two.api();
        let desktop = desktop.clone();
        std::thread::spawn(move || api.pull(&desktop, 1, 30))
    };
    one.api().push(
        &laptop,
        vec![job(&job_id, &profile_id, "Acme", now("laptop", -9_000))],
    );
    let pulled = waiting.join().unwrap();
    assert_eq!(pulled.changes.len(), 1);
    two.api().push(
        &desktop,
        vec![upsert(
            "experiences",
            &[&job_id],
            json!({"industry": "Retail"}),
            now("desktop", -1_000),
        )],
    );
    one.api().push(
        &laptop,
        vec![upsert(
            "experiences",
            &[&job_id],
            json!({"position": "Lead"}),
            now("laptop", -500),
        )],
    );
    let from_one = one.api().pull(&laptop, 0, 0);
    let from_two = two.api().pull(&desktop, 0, 0);
    assert_eq!(from_one, from_two, "both instances serve the same log");
    assert_eq!(
        db::rows(
            &one.database_url,
            &format!("SELECT position, industry FROM experiences WHERE id = '{job_id}'")
        )
        .unwrap()[0],
        [Some("Lead".into()), Some("Retail".into())]
    );
    assert!(from_one.changes.iter().all(|c| c.change.op == Op::Upsert));
}
