//! Sync server figures on a private PostgreSQL cluster (as the tests start one):
//! push and pull throughput of a 100k-row profile, the time from one device's push
//! until another device's long-poll has it, sign-in time, and the time from an edit on
//! one device until it is in another device's database (both real devices: the core on
//! database files, over the HTTP client, as the desktop app's background sync runs).
//!
//! Run: `cargo bench --profile server -p career-hub-server --bench sync` (the profile
//! the server ships with).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/api/cluster.rs"]
mod cluster;
#[path = "../tests/api/db.rs"]
#[allow(dead_code)]
mod db;
#[path = "../tests/api/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;
#[path = "../tests/api/server.rs"]
#[allow(dead_code)]
mod server;

use std::time::{Duration, Instant};

use career_hub_protocol::api::Change;
use serde_json::json;

use fixtures::{id, job, now, profile, upsert};
use server::Server;

const PASSWORD: &str = "correct horse battery";

/// A realistic 100k-row profile: 10k technologies and as many skills, 30k jobs, 20k
/// projects, and 30k technology tags on them.
fn profile_rows(profile_id: &str) -> Vec<Change> {
    let mut rows = Vec::with_capacity(100_000);
    let technologies: Vec<String> = (0..10_000).map(|_| id()).collect();
    for (i, tech) in technologies.iter().enumerate() {
        rows.push(upsert(
            "technologies",
            &[tech],
            json!({"name": format!("Tech {i} {tech}"), "category": "Library", "layer": "Backend"}),
            now("laptop", -100_000),
        ));
        rows.push(upsert("skills", &[&id()], json!({"profile_id": profile_id, "technology_id": tech, "level": 3, "years_of_experience": 4, "is_primary": 0, "display_order": i}), now("laptop", -100_000)));
    }
    let mut jobs = Vec::new();
    for i in 0..30_000 {
        let job_id = id();
        rows.push(job(
            &job_id,
            profile_id,
            &format!("Company {i}"),
            now("laptop", -100_000),
        ));
        jobs.push(job_id);
    }
    for (i, job_id) in jobs.iter().enumerate().take(15_000) {
        rows.push(upsert(
            "experience_technologies",
            &[job_id, &technologies[i % 10_000]],
            json!({}),
            now("laptop", -100_000),
        ));
    }
    let mut projects = Vec::new();
    for i in 0..20_000 {
        let project_id = id();
        rows.push(upsert("projects", &[&project_id], json!({"profile_id": profile_id, "name": format!("Project {i}"), "description": "A ledger for a bank.", "achievements": ["Shipped"], "display_order": i}), now("laptop", -100_000)));
        projects.push(project_id);
    }
    for (i, project_id) in projects.iter().enumerate().take(15_000) {
        rows.push(upsert(
            "project_technologies",
            &[project_id, &technologies[(i * 7) % 10_000]],
            json!({}),
            now("laptop", -100_000),
        ));
    }
    rows
}

fn main() {
    let server = Server::start();
    let api = server.api();

    let mut sign_ins = Vec::new();
    api.sign_up("ada@example.com", PASSWORD, "Laptop");
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(
            api.sign_in("ada@example.com", PASSWORD, "Laptop").status,
            200
        );
        sign_ins.push(started.elapsed());
    }
    sign_ins.sort();
    println!("sign_in_median_ms={:.1}", sign_ins[10].as_secs_f64() * 1e3);

    let laptop = api.sign_up("bench@example.com", PASSWORD, "Laptop");
    let desktop: career_hub_protocol::api::Session =
        api.sign_in("bench@example.com", PASSWORD, "Desktop").json();
    let profile_id = id();
    api.push(
        &laptop.token,
        vec![profile(&profile_id, now("laptop", -200_000))],
    );
    let rows = profile_rows(&profile_id);
    let total = rows.len();
    let started = Instant::now();
    for batch in rows.chunks(1_000) {
        let reply = api.push(&laptop.token, batch.to_vec());
        assert_eq!(
            reply.accepted.len(),
            batch.len(),
            "{:?}",
            reply.rejected.first()
        );
    }
    let pushed = started.elapsed();
    println!(
        "push_rows={total} push_s={:.2} push_rows_per_s={:.0}",
        pushed.as_secs_f64(),
        total as f64 / pushed.as_secs_f64()
    );

    let started = Instant::now();
    let mut since = 0;
    let mut pulled = 0;
    loop {
        let page = api.pull(&desktop.token, since, 0);
        pulled += page.changes.len();
        since = page.next;
        if !page.more {
            break;
        }
    }
    let took = started.elapsed();
    println!(
        "pull_rows={pulled} pull_s={:.2} pull_rows_per_s={:.0}",
        took.as_secs_f64(),
        pulled as f64 / took.as_secs_f64()
    );

    // One edit on the laptop until the desktop's long-poll has it.
    let mut latencies = Vec::new();
    for i in 0..200 {
        let waiting = {
            let api = api.clone();
            let token = desktop.token.clone();
            std::thread::spawn(move || api.pull(&token, since, 30))
        };
        // Let the poll park on the server before the push (a benchmark's pause, not a test's).
        std::thread::sleep(Duration::from_millis(20));
        let started = Instant::now();
        api.push(
            &laptop.token,
            vec![upsert(
                "profiles",
                &[&profile_id],
                json!({"headline": format!("Edit {i}")}),
                now("laptop", 0),
            )],
        );
        let page = waiting.join().unwrap();
        latencies.push(started.elapsed());
        assert_eq!(page.changes.len(), 1);
        since = page.next;
    }
    latencies.sort();
    println!(
        "latency_p50_ms={:.1} latency_p99_ms={:.1}",
        latencies[100].as_secs_f64() * 1e3,
        latencies[198].as_secs_f64() * 1e3
    );

    edit_until_visible(&server);
}

/// A device of the bench: the core on a database file, signed in over HTTP.
fn device(
    dir: &std::path::Path,
    name: &str,
    server: &Server,
    sign_up: bool,
) -> (
    career_hub::Db,
    career_hub::profile::LocalProfile,
    career_hub_client::Client,
) {
    use career_hub::{AuditContext, Db, Source, profile, sync};
    let mut db = Db::open(dir.join(format!("{name}.db"))).unwrap();
    db.set_audit_context(AuditContext::new(Source::Ui));
    profile::bootstrap(&mut db).unwrap();
    let client = career_hub_client::Client::new(&server.url).unwrap();
    let session = if sign_up {
        client
            .sign_up("devices@example.com", PASSWORD, name)
            .unwrap()
    } else {
        client
            .sign_in("devices@example.com", PASSWORD, name)
            .unwrap()
    };
    let mut client = client.with_token(&session.token);
    let url = client.server().to_owned();
    sync::sign_in(
        &mut db,
        &mut client,
        &url,
        "devices@example.com",
        &session,
        None,
        &mut |_| {},
    )
    .unwrap();
    let local = profile::bootstrap(&mut db).unwrap();
    (db, local, client)
}

/// An edit of a job's title on the laptop until the desktop's database has it: the
/// laptop pushes right after the edit, the desktop long-polls and applies.
fn edit_until_visible(server: &Server) {
    use career_hub::profile::experience::{Experience, ExperienceInput};
    use career_hub::profile::{Changes, Section};
    use career_hub::sync::{self, Report};

    let dir = tempfile::tempdir().unwrap();
    let (mut laptop, local, mut laptop_client) = device(dir.path(), "laptop", server, true);
    let job = Experience::create(
        &mut laptop,
        &local.profile_id,
        ExperienceInput {
            company_name: "Initech".into(),
            position: "Engineer".into(),
            start_date: "2020-01-01".into(),
            ..ExperienceInput::default()
        },
    )
    .unwrap();
    sync::sync_now(&mut laptop, &mut laptop_client, &mut |_| {}).unwrap();
    let (mut desktop, _, mut desktop_client) = device(dir.path(), "desktop", server, false);

    // The desktop's receiver: long-polls, applies, and reports the job's title it now has.
    let (seen_tx, seen_rx) = std::sync::mpsc::channel::<(String, Instant)>();
    let job_id = job.id.clone();
    let receiver = std::thread::spawn(move || {
        loop {
            let mut report = Report::default();
            sync::pull(
                &mut desktop,
                &mut desktop_client,
                25,
                &mut |_| {},
                &mut report,
            )
            .unwrap();
            let title: String = desktop
                .conn()
                .query_row(
                    "SELECT position FROM experiences WHERE id = ?1",
                    [&job_id],
                    |r| r.get(0),
                )
                .unwrap();
            let stop = title == "stop";
            seen_tx.send((title, Instant::now())).unwrap();
            if stop {
                return;
            }
        }
    });

    // Retitles the job on the laptop and pushes at once, as the app's sender does.
    let mut retitle = |title: &str| {
        let changes = Changes(json!({ "position": title }).as_object().cloned().unwrap());
        Experience::edit(&mut laptop, &job.id, &changes).unwrap();
        let mut report = Report::default();
        sync::push(&mut laptop, &mut laptop_client, &mut |_| {}, &mut report).unwrap();
    };
    let mut latencies = Vec::new();
    for i in 0..200 {
        let title = format!("Engineer {i}");
        // The receiver is parked on the server by now (its last report is in); pause
        // so the next long-poll is parked too (a benchmark's pause, not a test's).
        std::thread::sleep(Duration::from_millis(20));
        let started = Instant::now();
        retitle(&title);
        loop {
            let (seen, at) = seen_rx.recv().unwrap();
            if seen == title {
                latencies.push(at - started);
                break;
            }
        }
    }
    retitle("stop");
    receiver.join().unwrap();
    latencies.sort();
    println!(
        "edit_visible_p50_ms={:.1} edit_visible_p99_ms={:.1}",
        latencies[100].as_secs_f64() * 1e3,
        latencies[198].as_secs_f64() * 1e3
    );
}
