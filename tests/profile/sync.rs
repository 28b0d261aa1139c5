//! Sync between devices through an account held in memory: capture, push, pull and the
//! merge rules, as a person with two machines would notice them.

use career_hub::profile::experience::Experience;
use career_hub::profile::{Changes, LocalProfile, Section};
use career_hub::sync::memory::{MemoryServer, MemoryTransport};
use career_hub::sync::{self, Choice, Start};
use career_hub::{Db, Source, history};
use serde_json::{Value, json};

use crate::fixture;

/// A device: its database, its profile and its connection to the account.
pub(crate) struct Device {
    pub(crate) db: Db,
    pub(crate) local: LocalProfile,
    pub(crate) transport: MemoryTransport,
}

impl Device {
    /// A new device with a fresh profile, signed in to `server`; the profile goes up
    /// (when the account is empty) or is replaced by the account's.
    pub(crate) fn signed_in(server: &MemoryServer) -> Self {
        let (mut db, local) = fixture::profile();
        let (session, mut transport) = server.sign_in();
        sign_in(&mut db, &mut transport, &session, Some(Choice::Replace)).unwrap();
        let local = career_hub::profile::bootstrap(&mut db).unwrap_or(local);
        Device {
            db,
            local,
            transport,
        }
    }

    fn sync(&mut self) -> sync::Report {
        sync::sync_now(&mut self.db, &mut self.transport, &mut |_| {}).unwrap()
    }

    fn add_job(&mut self, company: &str, position: &str) -> Experience {
        Experience::create(
            &mut self.db,
            &self.local.profile_id,
            fixture::job(company, position, "2020-01-01"),
        )
        .unwrap()
    }

    fn edit_job(&mut self, id: &str, edit: Value) {
        Experience::edit(
            &mut self.db,
            id,
            &Changes(edit.as_object().cloned().unwrap()),
        )
        .unwrap();
    }

    fn jobs(&self) -> Vec<Experience> {
        Experience::list(self.db.conn(), &self.local.profile_id).unwrap()
    }

    fn pending(&self) -> u64 {
        sync::status(self.db.conn()).unwrap().pending
    }
}

/// Every synced table's rows, as comparable text: without `updated_at` (each replica's
/// own "last changed here"), `profiles.user_id` (the local user of each device) and
/// when a device first had a catalog row; of the catalog, the rows the profile uses.
fn synced_rows(db: &Db) -> Vec<String> {
    let mut all = Vec::new();
    for table in career_hub::schema::tables::synced() {
        // The catalog is everyone's dictionary: what the profile uses of it must agree.
        let sql = if table.name == "technologies" {
            "SELECT * FROM technologies WHERE id IN (SELECT technology_id FROM skills
                 UNION SELECT technology_id FROM experience_technologies
                 UNION SELECT technology_id FROM project_technologies)"
                .to_owned()
        } else {
            format!("SELECT * FROM \"{}\"", table.name)
        };
        let mut stmt = db.conn().prepare(&sql).unwrap();
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let rows = stmt
            .query_map([], |row| {
                let mut values = serde_json::Map::new();
                for (i, name) in names.iter().enumerate() {
                    if name == "updated_at"
                        || (table.name == "profiles" && name == "user_id")
                        || (table.name == "technologies" && name == "created_at")
                    {
                        continue;
                    }
                    let value: rusqlite::types::Value = row.get(i)?;
                    values.insert(name.clone(), json!(format!("{value:?}")));
                }
                Ok(format!("{} {}", table.name, Value::Object(values)))
            })
            .unwrap();
        all.extend(rows.map(Result::unwrap));
    }
    all.sort();
    all
}

pub(crate) fn assert_converged(devices: &[&Device]) {
    let dbs: Vec<&Db> = devices.iter().map(|d| &d.db).collect();
    assert_databases_converged(&dbs);
}

/// [`assert_converged`] for the databases of any devices.
pub(crate) fn assert_databases_converged(dbs: &[&Db]) {
    let first = synced_rows(dbs[0]);
    for other in &dbs[1..] {
        let rows = synced_rows(other);
        let only_first: Vec<&String> = first.iter().filter(|r| !rows.contains(r)).collect();
        let only_other: Vec<&String> = rows.iter().filter(|r| !first.contains(r)).collect();
        assert!(
            only_first.is_empty() && only_other.is_empty(),
            "every device holds the same profile; only on the first: {only_first:#?}\nonly on another: {only_other:#?}"
        );
    }
    for db in dbs {
        let problems: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(problems, 0, "no row names a row that is not there");
    }
}

#[test]
fn nothing_is_captured_before_signing_in_and_everything_after() {
    let (mut db, local) = fixture::profile();
    Experience::create(
        &mut db,
        &local.profile_id,
        fixture::job("A", "Dev", "2020-01-01"),
    )
    .unwrap();
    assert_eq!(fixture::count(&db, "sync_outbox"), 0);

    let server = MemoryServer::new();
    let (session, mut transport) = server.sign_in();
    assert_eq!(
        sync::survey(&db, &mut transport, &session.user_id).unwrap(),
        Start::Upload
    );
    let signed_in = sync::sign_in(
        &mut db,
        &mut transport,
        "memory",
        "a@example.com",
        &session,
        None,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(signed_in.start, Start::Upload);
    assert_eq!(
        sync::status(db.conn()).unwrap().pending,
        0,
        "the upload was taken"
    );
    let uploaded = server.log().len();
    assert!(uploaded >= 2, "the profile and the job went up: {uploaded}");

    // Career Hub's edits, and another program's SQL, are captured alike.
    Experience::create(
        &mut db,
        &local.profile_id,
        fixture::job("B", "Lead", "2021-01-01"),
    )
    .unwrap();
    let before = fixture::count(&db, "sync_outbox");
    assert!(before >= 1);
    db.conn()
        .execute(
            "UPDATE experiences SET position = 'Chief' WHERE company_name = 'B'",
            [],
        )
        .unwrap();
    let (op, columns): (String, String) = db
        .conn()
        .query_row(
            "SELECT op, columns FROM sync_outbox ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(op, "upsert");
    assert_eq!(
        serde_json::from_str::<Value>(&columns).unwrap(),
        json!({"position": "Chief"}),
        "an update carries only what it changed"
    );

    // Signed out, nothing more is captured; the waiting changes are kept.
    let waiting = sync::sign_out(&mut db).unwrap();
    assert_eq!(waiting, u64::try_from(before + 1).unwrap());
    db.conn()
        .execute(
            "UPDATE experiences SET position = 'CEO' WHERE company_name = 'B'",
            [],
        )
        .unwrap();
    assert_eq!(fixture::count(&db, "sync_outbox"), before + 1);
}

#[test]
fn a_job_added_on_one_device_appears_on_the_other() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let job = laptop.add_job("Analytical Engines", "Programmer");
    laptop.sync();

    let desktop = Device::signed_in(&server);
    let jobs = desktop.jobs();
    assert_eq!(jobs.len(), 1, "the new device downloaded the account");
    assert_eq!(jobs[0].id, job.id);
    assert_eq!(jobs[0].position, "Programmer");
    assert_converged(&[&laptop, &desktop]);

    // A change pulled from elsewhere is in the history with source sync.
    let changes = history::changes(desktop.db.conn(), &desktop.local.user_id, 10).unwrap();
    assert!(
        changes.iter().any(|c| c.source == Source::Sync),
        "{changes:?}"
    );
}

#[test]
fn offline_edits_of_different_fields_of_one_job_both_survive() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let job = laptop.add_job("Engines", "Programmer");
    laptop.sync();
    let mut desktop = Device::signed_in(&server);

    laptop.edit_job(&job.id, json!({"position": "Lead programmer"}));
    desktop.edit_job(&job.id, json!({"company_location": "London"}));
    desktop.sync();
    laptop.sync();
    desktop.sync();

    for device in [&laptop, &desktop] {
        let jobs = device.jobs();
        assert_eq!(jobs[0].position, "Lead programmer");
        assert_eq!(jobs[0].company_location.as_deref(), Some("London"));
    }
    assert_converged(&[&laptop, &desktop]);
}

#[test]
fn the_same_field_edited_on_two_devices_ends_with_the_later_edit_everywhere() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let job = laptop.add_job("Engines", "Programmer");
    laptop.sync();
    let mut desktop = Device::signed_in(&server);

    laptop.edit_job(&job.id, json!({"position": "Earlier"}));
    std::thread::sleep(std::time::Duration::from_millis(2));
    desktop.edit_job(&job.id, json!({"position": "Later"}));
    // The later edit arrives at the account first; the earlier one still loses.
    desktop.sync();
    laptop.sync();
    desktop.sync();
    assert_eq!(laptop.jobs()[0].position, "Later");
    assert_eq!(desktop.jobs()[0].position, "Later");
    assert_converged(&[&laptop, &desktop]);
}

#[test]
fn a_job_deleted_on_one_device_and_tagged_on_the_other_comes_back_on_both() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let job = laptop.add_job("Engines", "Programmer");
    laptop.sync();
    let mut desktop = Device::signed_in(&server);

    Experience::delete(&mut laptop.db, &job.id).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    desktop.edit_job(&job.id, json!({"technologies": ["Rust"]}));
    laptop.sync();
    let told = desktop.sync();
    let told_laptop = laptop.sync();
    desktop.sync();

    for device in [&laptop, &desktop] {
        let jobs = device.jobs();
        assert_eq!(jobs.len(), 1, "the job is back");
        let tags: Vec<&str> = jobs[0]
            .technologies
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(tags, ["Rust"]);
    }
    assert!(
        told.resurrected
            .iter()
            .chain(&told_laptop.resurrected)
            .any(|r| r.key == [job.id.clone()]),
        "the person is told: {told:?} {told_laptop:?}"
    );
    assert_converged(&[&laptop, &desktop]);
}

#[test]
fn a_technology_both_devices_added_offline_becomes_one() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let mut desktop = Device::signed_in(&server);
    let a = laptop.add_job("Engines", "Programmer");
    let b = desktop.add_job("Looms", "Weaver");
    laptop.edit_job(&a.id, json!({"technologies": ["Brainfudge"]}));
    desktop.edit_job(&b.id, json!({"technologies": ["brainfudge"]}));
    laptop.sync();
    desktop.sync();
    laptop.sync();

    let ids = |device: &Device| -> Vec<String> {
        let mut stmt = device
            .db
            .conn()
            .prepare("SELECT id FROM technologies WHERE lower(name) = 'brainfudge'")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(ids(&laptop).len(), 1);
    assert_eq!(
        ids(&laptop),
        ids(&desktop),
        "one id for the name everywhere"
    );
    assert_eq!(laptop.jobs().len(), 2);
    assert_converged(&[&laptop, &desktop]);
}

#[test]
fn a_lost_reply_is_sent_again_and_nothing_is_doubled() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    laptop.add_job("Engines", "Programmer");
    // The account takes the push, but the reply never arrives.
    let batch: Vec<_> = {
        let mut probe = laptop.transport.clone();
        let conn = laptop.db.conn();
        conn.execute(
            "UPDATE sync_outbox SET change_id = career_hub_ulid() WHERE change_id IS NULL",
            [],
        )
        .unwrap();
        let mut stmt = conn
            .prepare("SELECT change_id, table_name, row_key, op, columns, hlc FROM sync_outbox ORDER BY seq")
            .unwrap();
        let changes: Vec<career_hub_protocol::api::Change> = stmt
            .query_map([], |r| {
                let key: String = r.get(2)?;
                let columns: String = r.get(4)?;
                let op: String = r.get(3)?;
                let hlc: String = r.get(5)?;
                Ok(career_hub_protocol::api::Change {
                    id: r.get(0)?,
                    table: r.get(1)?,
                    key: serde_json::from_str(&key).unwrap(),
                    op: serde_json::from_value(json!(op)).unwrap(),
                    columns: serde_json::from_str(&columns).unwrap(),
                    hlc: hlc.parse().unwrap(),
                })
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        use career_hub::sync::Transport;
        probe.push(&changes).unwrap();
        changes
    };
    let logged = server.log().len();
    let report = laptop.sync();
    assert_eq!(server.log().len(), logged, "nothing was taken twice");
    assert_eq!(report.pushed, u64::try_from(batch.len()).unwrap());
    assert_eq!(laptop.pending(), 0);

    let desktop = Device::signed_in(&server);
    assert_eq!(desktop.jobs().len(), 1);
    assert_converged(&[&laptop, &desktop]);
}

/// A technology the synced account shares stays in the catalog: deleting it is refused
/// even when nothing here uses it any more, since other devices' rows may name it.
#[test]
fn a_technology_the_account_shares_is_not_deleted() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let job = laptop.add_job("Engines", "Programmer");
    laptop.edit_job(&job.id, json!({"technologies": ["Nimble"]}));
    laptop.sync();
    laptop.edit_job(&job.id, json!({"technologies": []}));
    let nimble = laptop
        .db
        .conn()
        .query_row(
            "SELECT id FROM technologies WHERE name = 'Nimble'",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap();

    let refused = career_hub::profile::technology::delete(&mut laptop.db, &nimble);
    assert!(
        matches!(&refused, Err(career_hub::Error::Conflict(m)) if m.contains("Nimble")),
        "{refused:?}"
    );
    assert!(career_hub::profile::technology::get(laptop.db.conn(), &nimble).is_ok());
}

#[test]
fn undoing_a_change_that_came_from_another_device_syncs_too() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let job = laptop.add_job("Engines", "Programmer");
    laptop.sync();
    let mut desktop = Device::signed_in(&server);
    laptop.edit_job(&job.id, json!({"position": "Lead"}));
    laptop.sync();
    desktop.sync();
    assert_eq!(desktop.jobs()[0].position, "Lead");

    history::undo_last(&mut desktop.db, &desktop.local.user_id, None).unwrap();
    assert_eq!(desktop.jobs()[0].position, "Programmer");
    desktop.sync();
    laptop.sync();
    assert_eq!(laptop.jobs()[0].position, "Programmer");
    assert_converged(&[&laptop, &desktop]);
}

#[test]
fn an_offline_account_keeps_every_change_for_later() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    laptop.transport.offline = true;
    laptop.add_job("Engines", "Programmer");
    let error = sync::sync_now(&mut laptop.db, &mut laptop.transport, &mut |_| {}).unwrap_err();
    assert_eq!(error.code(), career_hub::ErrorCode::Offline);
    assert!(error.to_string().contains("kept"), "{error}");
    assert!(laptop.pending() > 0);
    laptop.transport.offline = false;
    laptop.sync();
    assert_eq!(laptop.pending(), 0);
    let desktop = Device::signed_in(&server);
    assert_eq!(desktop.jobs().len(), 1);
}

#[test]
fn a_device_whose_sign_in_ended_signs_in_again_and_sends_what_waited() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let job = laptop.add_job("Engines", "Programmer");
    laptop.sync();
    let mut desktop = Device::signed_in(&server);
    // The laptop's sign-in ends (expired, or ended from the desktop) while it keeps
    // working: its edits are captured all the same.
    laptop.edit_job(&job.id, json!({"position": "Lead"}));
    desktop.add_job("Looms", "Weaver");
    desktop.sync();
    let waiting = laptop.pending();
    assert!(waiting > 0);

    // Signing in again to the same account is no choice between two profiles: the
    // laptop carries on where it stopped.
    let (session, mut transport) = server.sign_in();
    assert_eq!(
        sync::survey(&laptop.db, &mut transport, &session.user_id).unwrap(),
        Start::Resume
    );
    let history_before = fixture::count(&laptop.db, "audit_log");
    let signed_in = sync::sign_in(
        &mut laptop.db,
        &mut transport,
        "memory",
        "ada@example.com",
        &session,
        None,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(signed_in.start, Start::Resume);
    assert_eq!(signed_in.report.pushed, waiting);
    assert_eq!(laptop.pending(), 0);
    let mut titles: Vec<String> = laptop.jobs().into_iter().map(|j| j.position).collect();
    titles.sort();
    assert_eq!(
        titles,
        ["Lead", "Weaver"],
        "nothing of the laptop's was replaced"
    );
    assert!(fixture::count(&laptop.db, "audit_log") > history_before);
    desktop.sync();
    let mut titles: Vec<String> = desktop.jobs().into_iter().map(|j| j.position).collect();
    titles.sort();
    assert_eq!(titles, ["Lead", "Weaver"]);
}

/// A transport that, the first time it is asked for changes, lets another connection
/// of the same device pull everything first: two pulls of one device racing (the app
/// pulls in the background and on "Sync now").
struct Overtaken {
    transport: MemoryTransport,
    other: Option<(Db, MemoryTransport)>,
}

impl sync::Transport for Overtaken {
    fn push(
        &mut self,
        changes: &[career_hub_protocol::api::Change],
    ) -> Result<career_hub_protocol::api::PushResponse, sync::TransportError> {
        self.transport.push(changes)
    }

    fn pull(
        &mut self,
        since: i64,
        wait_seconds: u64,
    ) -> Result<career_hub_protocol::api::PullResponse, sync::TransportError> {
        let page = self.transport.pull(since, wait_seconds)?;
        if let Some((mut db, mut transport)) = self.other.take() {
            sync::sync_now(&mut db, &mut transport, &mut |_| {}).unwrap();
        }
        Ok(page)
    }
}

#[test]
fn two_pulls_of_one_device_at_once_apply_each_change_once() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desktop.db");
    let (mut desktop, transport) = {
        let mut db = Db::open(&path).unwrap();
        career_hub::profile::bootstrap(&mut db).unwrap();
        let (session, mut transport) = server.sign_in();
        sign_in(&mut db, &mut transport, &session, None).unwrap();
        (db, transport)
    };
    for company in ["Engines", "Looms", "Mills"] {
        laptop.add_job(company, "Engineer");
    }
    laptop.sync();
    let end = server.log().last().unwrap().seq;

    // The page this connection asked for arrives after the other connection applied it.
    let mut other = Db::open(&path).unwrap();
    other.set_audit_context(career_hub::AuditContext::new(Source::Ui));
    let (_, other_transport) = server.sign_in();
    let mut racing = Overtaken {
        transport,
        other: Some((other, other_transport)),
    };
    let history_before = fixture::count(&desktop, "changes");
    let mut report = sync::Report::default();
    sync::pull(&mut desktop, &mut racing, 0, &mut |_| {}, &mut report).unwrap();

    assert_eq!(
        report.applied, 0,
        "the other pull applied it all: {report:?}"
    );
    let next: i64 = desktop
        .conn()
        .query_row("SELECT pull_next FROM sync_state", [], |r| r.get(0))
        .unwrap();
    assert_eq!(next, end);
    assert_eq!(
        fixture::count(&desktop, "changes"),
        history_before + 1,
        "one change of history for what arrived, not two"
    );
    let local = career_hub::profile::bootstrap(&mut desktop).unwrap();
    assert_eq!(
        Experience::list(desktop.conn(), &local.profile_id)
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn a_pulled_change_naming_a_missing_row_is_skipped_alone_after_a_catalog_match() {
    use career_hub::profile::experience::ExperienceInput;
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let mut desktop = Device::signed_in(&server);
    let tagged = |company: &str| ExperienceInput {
        technologies: vec!["Zig".into()],
        ..fixture::job(company, "Engineer", "2020-01-01")
    };
    // Both add "Zig" offline; the laptop's reaches the account first.
    Experience::create(&mut desktop.db, &desktop.local.profile_id, tagged("Looms")).unwrap();
    Experience::create(&mut laptop.db, &laptop.local.profile_id, tagged("Engines")).unwrap();
    laptop.sync();
    // In the same page, a change naming a job that no device has.
    let zig: String = laptop
        .db
        .conn()
        .query_row("SELECT id FROM technologies WHERE name = 'Zig'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let stray = career_hub_protocol::api::Change {
        id: "01JSTRAYCHANGE0000000000000".into(),
        table: "experience_technologies".into(),
        key: vec!["01JNOSUCHJOB00000000000000".into(), zig],
        op: career_hub_protocol::api::Op::Upsert,
        columns: serde_json::Map::new(),
        hlc: career_hub_protocol::hlc::Hlc {
            wall_ms: career_hub_protocol::hlc::now_ms(),
            counter: 0,
            node: "device-1".into(),
        },
    };
    sync::Transport::push(&mut laptop.transport, &[stray]).unwrap();

    // The desktop's "Zig" becomes the account's, and the stray change is skipped alone:
    // the page applies and the sync does not stop there.
    let mut report = sync::Report::default();
    sync::pull(
        &mut desktop.db,
        &mut desktop.transport,
        0,
        &mut |_| {},
        &mut report,
    )
    .unwrap();
    assert_eq!(report.skipped, 1, "{report:?}");
    let companies: Vec<String> = desktop.jobs().into_iter().map(|j| j.company_name).collect();
    assert!(companies.contains(&"Engines".to_owned()), "{companies:?}");
    assert_eq!(
        fixture::count(&desktop.db, "technologies WHERE name = 'Zig'"),
        1
    );
}

#[test]
fn an_import_while_signed_in_sends_every_row_it_wrote() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/jsonresume/full.json"
    ))
    .unwrap();
    career_hub::import::jsonresume::import(&mut laptop.db, &laptop.local, &text, false).unwrap();
    laptop.sync();
    let desktop = Device::signed_in(&server);
    assert!(desktop.jobs().len() >= 2);
    assert_converged(&[&laptop, &desktop]);
}

/// Signs `db` in to the account in memory as ada@example.com.
fn sign_in(
    db: &mut Db,
    transport: &mut dyn sync::Transport,
    session: &career_hub_protocol::api::Session,
    choice: Option<Choice>,
) -> career_hub::Result<sync::SignedIn> {
    sync::sign_in(
        db,
        transport,
        "memory",
        "ada@example.com",
        session,
        choice,
        &mut |_| {},
    )
}

/// A device that holds a profile of its own before it signs in.
fn device_with_data(jobs: &[(&str, &str)]) -> (Db, LocalProfile) {
    let (mut db, local) = fixture::profile();
    for (company, position) in jobs {
        Experience::create(
            &mut db,
            &local.profile_id,
            fixture::job(company, position, "2020-01-01"),
        )
        .unwrap();
    }
    (db, local)
}

fn companies(db: &Db) -> Vec<String> {
    let mut names: Vec<String> = db
        .conn()
        .prepare("SELECT company_name FROM experiences")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names.sort();
    names
}

/// What a device's database holds that a person could lose: every change recorded.
fn changes_recorded(db: &Db) -> i64 {
    fixture::count(db, "changes") + fixture::count(db, "audit_log")
}

#[test]
fn signing_in_with_a_profile_on_both_sides_previews_then_merges_the_union_and_one_undo_takes_it_back()
 {
    use career_hub::profile::cv_version::{self, CvVersionInput, SectionsConfig};
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    laptop.add_job("Acme", "Engineer");
    laptop.add_job("Looms", "Weaver");
    laptop.sync();

    let (mut db, local) = device_with_data(&[("acme ", "Engineer"), ("Engines", "Programmer")]);
    career_hub::profile::edit(
        &mut db,
        &local.profile_id,
        &Changes(json!({"headline": "Analyst"}).as_object().cloned().unwrap()),
    )
    .unwrap();
    let mine = Experience::list(db.conn(), &local.profile_id).unwrap();
    let cv = cv_version::create(
        &mut db,
        &local.profile_id,
        CvVersionInput {
            name: "Both jobs".into(),
            sections_config: Some(SectionsConfig {
                experiences: mine.iter().map(|j| j.id.clone()).collect(),
                ..SectionsConfig::default()
            }),
            ..CvVersionInput::default()
        },
    )
    .unwrap();
    let (session, mut transport) = server.sign_in();

    // Before choosing: what would happen, in words, and nothing written.
    let before = changes_recorded(&db);
    assert_eq!(
        sync::survey(&db, &mut transport, &session.user_id).unwrap(),
        Start::Both
    );
    let preview = sync::merge_preview(&db, &mut transport).unwrap();
    assert_eq!(preview.matched, ["experience Engineer at acme"]);
    assert_eq!(
        preview.from_device,
        ["experience Programmer at Engines", "CV version Both jobs"]
    );
    assert_eq!(preview.from_account, ["experience Weaver at Looms"]);
    let refused = sign_in(&mut db, &mut transport, &session, None);
    assert!(refused.is_err(), "no choice, no change");
    assert_eq!(changes_recorded(&db), before, "the preview writes nothing");
    assert!(!sync::status(db.conn()).unwrap().signed_in);

    let signed = sign_in(&mut db, &mut transport, &session, Some(Choice::Merge)).unwrap();
    let merged = signed.report.merged.expect("the merge finished");
    assert_eq!(
        merged.added,
        ["experience Programmer at Engines", "CV version Both jobs"]
    );
    assert_eq!(merged.matched, ["experience Engineer at acme"]);
    assert_eq!(merged.filled, ["headline"]);
    let mut desktop = Device {
        local: career_hub::profile::bootstrap(&mut db).unwrap(),
        db,
        transport,
    };
    // The union, each job once, on both devices.
    assert_eq!(companies(&desktop.db), ["Acme", "Engines", "Looms"]);
    laptop.sync();
    assert_eq!(companies(&laptop.db), ["Acme", "Engines", "Looms"]);
    assert_converged(&[&laptop, &desktop]);
    let headline: Option<String> = laptop
        .db
        .conn()
        .query_row("SELECT headline FROM profiles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(headline.as_deref(), Some("Analyst"));
    // The CV version selects the account's copy of the job both had.
    let version = cv_version::list(laptop.db.conn(), &laptop.local.profile_id).unwrap();
    assert_eq!(version.len(), 1);
    assert_eq!(version[0].id, cv.id, "the device's CV version, as it was");
    let selected: Vec<String> = version[0]
        .sections_config
        .experiences
        .iter()
        .map(|id| {
            laptop
                .db
                .conn()
                .query_row(
                    "SELECT company_name FROM experiences WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .unwrap()
        })
        .collect();
    assert_eq!(selected, ["Acme", "Engines"]);

    // One undo takes the merge's additions back, everywhere.
    let user = desktop.local.user_id.clone();
    history::undo_last(&mut desktop.db, &user, None).unwrap();
    assert_eq!(companies(&desktop.db), ["Acme", "Looms"]);
    desktop.sync();
    laptop.sync();
    assert_eq!(companies(&laptop.db), ["Acme", "Looms"]);
    assert_converged(&[&laptop, &desktop]);
}

#[test]
fn replacing_a_device_profile_at_sign_in_gives_the_account_profile_and_undo_brings_it_back() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    laptop.add_job("Acme", "Engineer");
    laptop.sync();
    let (mut db, _) = device_with_data(&[("Engines", "Programmer")]);
    let (session, mut transport) = server.sign_in();
    let signed = sign_in(&mut db, &mut transport, &session, Some(Choice::Replace)).unwrap();
    assert_eq!(signed.start, Start::Both);
    assert_eq!(signed.report.merged, None);
    assert_eq!(companies(&db), ["Acme"]);
    // The replaced profile is in the history: undoing the replacement brings it back.
    let replaced: String = db
        .conn()
        .query_row(
            "SELECT change_id FROM audit_log WHERE action = 'DELETE_EXPERIENCE'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Undoing the replacement brings the device's items back, into the account's
    // profile (a device holds one profile), and they go up to the account.
    history::undo_change(&mut db, &replaced).unwrap();
    assert_eq!(companies(&db), ["Acme", "Engines"]);
    assert_eq!(fixture::count(&db, "profiles"), 1);
    let mut desktop = Device {
        local: career_hub::profile::bootstrap(&mut db).unwrap(),
        db,
        transport,
    };
    desktop.sync();
    laptop.sync();
    assert_eq!(companies(&laptop.db), ["Acme", "Engines"]);
    assert_converged(&[&laptop, &desktop]);
}

/// A transport whose pulls fail from the `fail_from`-th on, until told otherwise.
struct PullsFail {
    inner: MemoryTransport,
    pulls: usize,
    fail_from: usize,
}

impl sync::Transport for PullsFail {
    fn push(
        &mut self,
        changes: &[career_hub_protocol::api::Change],
    ) -> Result<career_hub_protocol::api::PushResponse, sync::TransportError> {
        self.inner.push(changes)
    }

    fn pull(
        &mut self,
        since: i64,
        wait_seconds: u64,
    ) -> Result<career_hub_protocol::api::PullResponse, sync::TransportError> {
        self.pulls += 1;
        if self.pulls >= self.fail_from {
            return Err(sync::TransportError::Offline {
                server: "memory".into(),
                reason: "the network went away".into(),
            });
        }
        self.inner.pull(since, wait_seconds)
    }
}

#[test]
fn a_merge_cut_off_by_the_network_is_finished_by_the_next_sync_once() {
    let server = MemoryServer::new();
    let mut laptop = Device::signed_in(&server);
    laptop.add_job("Acme", "Engineer");
    laptop.sync();
    let (mut db, _) = device_with_data(&[("Engines", "Programmer")]);
    let (session, transport) = server.sign_in();
    // The survey's pull gets through; the download's does not.
    let mut flaky = PullsFail {
        inner: transport,
        pulls: 0,
        fail_from: 2,
    };
    let cut = sign_in(&mut db, &mut flaky, &session, Some(Choice::Merge));
    assert!(cut.is_err());
    assert!(
        sync::status(db.conn()).unwrap().signed_in,
        "signed in all the same"
    );
    flaky.fail_from = usize::MAX;
    let report = sync::sync_now(&mut db, &mut flaky, &mut |_| {}).unwrap();
    assert_eq!(
        report.merged.map(|m| m.added),
        Some(vec!["experience Programmer at Engines".to_owned()])
    );
    assert_eq!(companies(&db), ["Acme", "Engines"]);
    // Once: the next sync merges nothing again.
    let again = sync::sync_now(&mut db, &mut flaky, &mut |_| {}).unwrap();
    assert_eq!(again.merged, None);
    assert_eq!(companies(&db), ["Acme", "Engines"]);
    laptop.sync();
    assert_eq!(companies(&laptop.db), ["Acme", "Engines"]);
}
