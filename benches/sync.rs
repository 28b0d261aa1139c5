//! Sync client figures, on database files as the app keeps them, through an account
//! held in memory (`sync::memory`, so the figures are the device's own work):
//! - what capture adds to an ordinary edit and to the 1,000-entry import;
//! - the initial sync of a 100k-row profile onto a new device, every row audited;
//! - applying one change from another device to a 500k-row database;
//! - a first push whose 300 technologies the account already has by name.
//!
//! Run: `cargo bench --bench sync` (`-- quick` for a smaller profile, `-- initial` for
//! the initial sync alone, `-- matches` for the catalog matches alone).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::time::{Duration, Instant};

use career_hub::import::jsonresume;
use career_hub::profile::experience::{Experience, ExperienceInput};
use career_hub::profile::{self, Changes, LocalProfile, Section};
use career_hub::sync::memory::{MemoryServer, MemoryTransport};
use career_hub::sync::{self, Transport};
use career_hub::{AuditContext, Db, Source};
use career_hub_protocol::api::{Change, Op};
use career_hub_protocol::hlc::{Clock, now_ms};
use serde_json::{Value, json};

use common::big_resume;

fn open(dir: &tempfile::TempDir, name: &str) -> (Db, LocalProfile) {
    let mut db = Db::open(dir.path().join(name)).unwrap();
    db.set_audit_context(AuditContext::new(Source::Ui));
    let local = profile::bootstrap(&mut db).unwrap();
    (db, local)
}

fn sign_in(db: &mut Db, server: &MemoryServer) -> MemoryTransport {
    let (session, mut transport) = server.sign_in();
    sync::sign_in(
        db,
        &mut transport,
        "memory",
        "bench@example.com",
        &session,
        None,
        &mut |_| {},
    )
    .unwrap();
    transport
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

/// Edits of one job's position, signed in (capturing) and not, interleaved.
fn capture_cost_of_an_edit(dir: &tempfile::TempDir) {
    let server = MemoryServer::new();
    let (mut plain, plain_local) = open(dir, "plain.db");
    let (mut signed, signed_local) = open(dir, "signed.db");
    let _transport = sign_in(&mut signed, &server);
    let job = |db: &mut Db, local: &LocalProfile| {
        let input = ExperienceInput {
            company_name: "Engines".into(),
            position: "Engineer".into(),
            start_date: "2020-01-01".into(),
            ..ExperienceInput::default()
        };
        Experience::create(db, &local.profile_id, input).unwrap().id
    };
    let plain_job = job(&mut plain, &plain_local);
    let signed_job = job(&mut signed, &signed_local);
    let (mut without, mut with) = (Vec::new(), Vec::new());
    for i in 0..400 {
        let edit = Changes(
            json!({"position": format!("Engineer {i}")})
                .as_object()
                .cloned()
                .unwrap(),
        );
        let started = Instant::now();
        Experience::edit(&mut plain, &plain_job, &edit).unwrap();
        without.push(started.elapsed());
        let started = Instant::now();
        Experience::edit(&mut signed, &signed_job, &edit).unwrap();
        with.push(started.elapsed());
    }
    let (a, b) = (median(without), median(with));
    println!(
        "edit_ms_without_capture={a:.3} edit_ms_with_capture={b:.3} capture_cost_pct={:.1}",
        (b / a - 1.0) * 100.0
    );
}

/// The 1,000-entry import into a new database, signed in and not, interleaved.
fn capture_cost_of_an_import(dir: &tempfile::TempDir) {
    let text = big_resume();
    let (mut without, mut with) = (Vec::new(), Vec::new());
    for run in 0..9 {
        let (mut plain, plain_local) = open(dir, &format!("import-plain-{run}.db"));
        let started = Instant::now();
        jsonresume::import(&mut plain, &plain_local, &text, false).unwrap();
        without.push(started.elapsed());

        let server = MemoryServer::new();
        let (mut signed, signed_local) = open(dir, &format!("import-signed-{run}.db"));
        let _transport = sign_in(&mut signed, &server);
        let started = Instant::now();
        jsonresume::import(&mut signed, &signed_local, &text, false).unwrap();
        with.push(started.elapsed());
    }
    let (a, b) = (median(without), median(with));
    println!(
        "import_ms_without_capture={a:.1} import_ms_with_capture={b:.1} capture_cost_pct={:.1}",
        (b / a - 1.0) * 100.0
    );
}

/// A profile of `jobs * 10 / 3` rows as another device's changes: technologies and as
/// many skills (a tenth each), jobs (three tenths), projects (a fifth) and tags.
fn profile_changes(profile_id: &str, jobs: usize, clock: &mut Clock) -> Vec<Change> {
    let mut stamp = || clock.tick(now_ms() - 60_000);
    let change = |table: &str, key: Vec<String>, columns: Value, hlc| Change {
        id: ulid::Ulid::generate().to_string(),
        table: table.into(),
        key,
        op: Op::Upsert,
        columns: columns.as_object().cloned().unwrap(),
        hlc,
    };
    let id = || ulid::Ulid::generate().to_string();
    let mut rows = vec![change(
        "profiles",
        vec![profile_id.into()],
        json!({"headline": "Engineer", "contact": {}}),
        stamp(),
    )];
    let technologies: Vec<String> = (0..jobs / 3).map(|_| id()).collect();
    for (i, tech) in technologies.iter().enumerate() {
        rows.push(change(
            "technologies",
            vec![tech.clone()],
            json!({"name": format!("Tech {i}"), "category": "Library", "layer": "Backend"}),
            stamp(),
        ));
        rows.push(change("skills", vec![id()], json!({"profile_id": profile_id, "technology_id": tech, "level": 3, "display_order": i}), stamp()));
    }
    let mut job_ids = Vec::new();
    for i in 0..jobs {
        let job = id();
        rows.push(change("experiences", vec![job.clone()], json!({"profile_id": profile_id, "company_name": format!("Company {i}"), "position": "Engineer", "start_date": "2020-01-01", "is_current": 0, "responsibilities": ["Built things"], "display_order": i}), stamp()));
        job_ids.push(job);
    }
    for (i, job) in job_ids.iter().enumerate().take(jobs / 2) {
        rows.push(change(
            "experience_technologies",
            vec![job.clone(), technologies[i % technologies.len()].clone()],
            json!({}),
            stamp(),
        ));
    }
    let mut project_ids = Vec::new();
    for i in 0..jobs * 2 / 3 {
        let project = id();
        rows.push(change("projects", vec![project.clone()], json!({"profile_id": profile_id, "name": format!("Project {i}"), "description": "A ledger for a bank.", "achievements": ["Shipped"], "display_order": i}), stamp()));
        project_ids.push(project);
    }
    for (i, project) in project_ids.iter().enumerate().take(jobs / 2) {
        rows.push(change(
            "project_technologies",
            vec![
                project.clone(),
                technologies[(i * 7) % technologies.len()].clone(),
            ],
            json!({}),
            stamp(),
        ));
    }
    rows
}

/// An account holding a profile of about `rows` rows, pushed by another device.
fn account_with(rows: usize) -> (MemoryServer, String, Clock) {
    let server = MemoryServer::new();
    let (session, mut laptop) = server.sign_in();
    let profile_id = ulid::Ulid::generate().to_string();
    let mut clock = Clock::new(&session.device_id, None);
    let changes = profile_changes(&profile_id, rows * 3 / 10, &mut clock);
    for batch in changes.chunks(1_000) {
        laptop.push(batch).unwrap();
    }
    (server, profile_id, clock)
}

/// A new device signing in to an account that holds `rows` rows; returns it.
fn initial_sync(
    dir: &tempfile::TempDir,
    name: &str,
    server: &MemoryServer,
) -> (Db, MemoryTransport) {
    let rows = server.log().len();
    let (mut db, _) = open(dir, name);
    let started = Instant::now();
    let transport = sign_in(&mut db, server);
    let took = started.elapsed().as_secs_f64();
    let audited: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    println!(
        "initial_sync_rows={rows} initial_sync_s={took:.2} initial_sync_rows_per_s={:.0} audit_rows={audited}",
        rows as f64 / took
    );
    (db, transport)
}

/// A device's first push of 300 skills whose technologies another device of the
/// account already added under the same names: the account maps each to its own row,
/// and the device takes the account's ids wherever its own were used.
fn catalog_matches(dir: &tempfile::TempDir) {
    let mut times = Vec::new();
    for run in 0..5 {
        let server = MemoryServer::new();
        let (mut laptop, _) = open(dir, &format!("matches-laptop-{run}.db"));
        let (mut desktop, _) = open(dir, &format!("matches-desktop-{run}.db"));
        let mut laptop_transport = sign_in(&mut laptop, &server);
        let mut desktop_transport = sign_in(&mut desktop, &server);
        // The second device took the account's profile in place of its blank one.
        let laptop_local = profile::bootstrap(&mut laptop).unwrap();
        let desktop_local = profile::bootstrap(&mut desktop).unwrap();
        let skills = |db: &mut Db, local: &LocalProfile| {
            for i in 0..300 {
                let input = profile::skill::SkillInput {
                    technology: format!("Tech {i}"),
                    level: Some(3),
                    ..Default::default()
                };
                profile::skill::Skill::create(db, &local.profile_id, input).unwrap();
            }
        };
        skills(&mut laptop, &laptop_local);
        sync::sync_now(&mut laptop, &mut laptop_transport, &mut |_| {}).unwrap();
        skills(&mut desktop, &desktop_local);
        let started = Instant::now();
        sync::sync_now(&mut desktop, &mut desktop_transport, &mut |_| {}).unwrap();
        times.push(started.elapsed());
        let ids = |db: &Db| -> Vec<String> {
            let mut stmt = db
                .conn()
                .prepare("SELECT id FROM technologies WHERE name LIKE 'Tech %' ORDER BY id")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(ids(&desktop).len(), 300);
        assert_eq!(
            ids(&desktop),
            ids(&laptop),
            "each name matched to the account's row"
        );
    }
    println!("catalog_matches_300_median_ms={:.1}", median(times));
}

/// One edit from another device, applied to a database of `rows` rows, many times.
fn apply_one_change(dir: &tempfile::TempDir, rows: usize) {
    let (server, profile_id, mut clock) = account_with(rows);
    let (mut db, mut transport) = initial_sync(dir, "big.db", &server);
    let job: String = db
        .conn()
        .query_row(
            "SELECT id FROM experiences WHERE profile_id = ?1 LIMIT 1",
            [&profile_id],
            |r| r.get(0),
        )
        .unwrap();
    let (_, mut laptop) = server.sign_in();
    let mut times = Vec::new();
    for i in 0..60 {
        let edit = Change {
            id: ulid::Ulid::generate().to_string(),
            table: "experiences".into(),
            key: vec![job.clone()],
            op: Op::Upsert,
            columns: json!({"position": format!("Lead {i}")})
                .as_object()
                .cloned()
                .unwrap(),
            hlc: clock.tick(now_ms()),
        };
        laptop.push(&[edit]).unwrap();
        let started = Instant::now();
        let report = sync::sync_now(&mut db, &mut transport, &mut |_| {}).unwrap();
        times.push(started.elapsed());
        assert_eq!(report.applied, 1);
    }
    let total: i64 = db
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM experiences) + (SELECT count(*) FROM projects) + (SELECT count(*) FROM skills)
                  + (SELECT count(*) FROM technologies) + (SELECT count(*) FROM experience_technologies)
                  + (SELECT count(*) FROM project_technologies)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    println!(
        "apply_one_change_rows={total} apply_one_change_median_ms={:.2}",
        median(times)
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let only_initial = std::env::args().any(|a| a == "initial");
    let dir = tempfile::tempdir().unwrap();
    if std::env::args().any(|a| a == "matches") {
        catalog_matches(&dir);
        return;
    }
    if !only_initial {
        capture_cost_of_an_edit(&dir);
        capture_cost_of_an_import(&dir);
    }
    let (server, _, _) = account_with(if quick { 10_000 } else { 100_000 });
    initial_sync(&dir, "new-device.db", &server);
    if only_initial {
        return;
    }
    catalog_matches(&dir);
    apply_one_change(&dir, if quick { 50_000 } else { 500_000 });
}
