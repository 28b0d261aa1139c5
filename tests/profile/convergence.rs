//! Convergence property: three devices of one account edit offline at random (create,
//! edit, delete, reorder, tag, link, undo, import), then sync in random orders through
//! an account whose replies get lost, whose pushes arrive twice and whose pulls fail
//! halfway. Once every device has synced with nothing left to send, all hold the same
//! profile: the same rows in every synced table (completeness scores included), and no
//! row naming a row that is not there.
//!
//! The account is held in memory for breadth (`CONVERGENCE_CASES`, 4,000 unless set), and
//! is the real sync server for a smaller number of cases (`PROPTEST_REAL_CASES`): the
//! server runs in this process on a private PostgreSQL cluster, and the devices reach
//! it over the real HTTP client, each case with an account of its own. Failures are
//! shrunk and saved by proptest.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use career_hub::profile::LocalProfile;
use career_hub::sync::{self, Choice, Transport, TransportError};
use career_hub::{AuditContext, Db, Source};
use career_hub_protocol::api::{Change, PullResponse, PushResponse, Session};
use proptest::prelude::*;

use crate::property::{self, Op};
use crate::sync::assert_databases_converged;

#[path = "../../server/tests/api/cluster.rs"]
mod cluster;

const DEVICES: usize = 3;

/// What goes wrong during one sync.
#[derive(Clone, Copy, Debug)]
enum Fault {
    None,
    /// The account takes the first push, but its reply is lost.
    LostReply,
    /// The first push reaches the account twice.
    Duplicated,
    /// The pushes go through; the pull fails.
    PullFails,
    /// Nothing gets through.
    Offline,
}

#[derive(Clone, Debug)]
enum Step {
    Edit(usize, Op),
    /// A skill of a technology nobody else names (two skills of one technology in a
    /// profile break the documented unique key; how sync treats that is tested on its
    /// own, see docs/sync.md).
    Skill(usize, u8),
    /// A JSON Resume with two jobs.
    Import(usize, u8),
    Sync(usize, Fault),
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        4 => Just(Fault::None),
        1 => Just(Fault::LostReply),
        1 => Just(Fault::Duplicated),
        1 => Just(Fault::PullFails),
        1 => Just(Fault::Offline),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let device = 0..DEVICES;
    prop_oneof![
        6 => (device.clone(), property::op().prop_filter("no shared skills", |o| !matches!(o, Op::AddSkill(_))))
            .prop_map(|(d, o)| Step::Edit(d, o)),
        1 => (device.clone(), any::<u8>()).prop_map(|(d, n)| Step::Skill(d, n)),
        1 => (device.clone(), any::<u8>()).prop_map(|(d, n)| Step::Import(d, n)),
        3 => (device, fault()).prop_map(|(d, f)| Step::Sync(d, f)),
    ]
}

/// A device of the property: its database and profile, and its way to the account.
struct Device {
    db: Db,
    local: LocalProfile,
    transport: Box<dyn Transport>,
}

/// Where the devices' account is.
#[derive(Clone, Copy, Debug)]
enum Account {
    Memory,
    Real,
}

/// The real sync server of this test binary, started on first use: its address.
fn real_server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let cluster = cluster::Cluster::get();
        let database_url = cluster.url(&cluster.database());
        let (ready, address) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                career_hub_server::serve(
                    &database_url,
                    career_hub_server::Options::default(),
                    listener,
                    std::future::pending(),
                    |address| ready.send(address).unwrap(),
                )
                .await
                .unwrap();
            });
        });
        format!("http://{}", address.recv().unwrap())
    })
}

/// Signs in `count` new devices to a new account.
fn devices(account: Account, count: usize) -> Vec<Device> {
    match account {
        Account::Memory => memory_devices(count),
        Account::Real => {
            static ACCOUNTS: AtomicUsize = AtomicUsize::new(0);
            let url = real_server();
            let email = format!(
                "case{}@example.com",
                ACCOUNTS.fetch_add(1, Ordering::Relaxed)
            );
            (0..count)
                .map(|i| {
                    let client = career_hub_client::Client::new(url).unwrap();
                    let device = format!("device {i}");
                    let session = if i == 0 {
                        client.sign_up(&email, "correct horse battery", &device)
                    } else {
                        client.sign_in(&email, "correct horse battery", &device)
                    }
                    .unwrap();
                    let transport = Box::new(client.with_token(&session.token));
                    signed_in(url, &email, &session, transport)
                })
                .collect()
        }
    }
}

/// `count` devices signed in to a new account held in memory. Every case starts from
/// the same signed-in devices, so they are set up once per test thread and each case
/// gets copies of their databases and of the account.
fn memory_devices(count: usize) -> Vec<Device> {
    type Start = (sync::memory::MemoryServer, Vec<(Db, LocalProfile, Session)>);
    thread_local! {
        static START: std::cell::RefCell<Option<Start>> = const { std::cell::RefCell::new(None) };
    }
    START.with_borrow_mut(|start| {
        if start
            .as_ref()
            .is_none_or(|(_, devices)| devices.len() != count)
        {
            let server = sync::memory::MemoryServer::new();
            let devices = (0..count)
                .map(|_| {
                    let (session, transport) = server.sign_in();
                    let device =
                        signed_in("memory", "ada@example.com", &session, Box::new(transport));
                    (device.db, device.local, session)
                })
                .collect();
            *start = Some((server, devices));
        }
        let Some((server, devices)) = start.as_ref() else {
            unreachable!("set up above")
        };
        let server = server.fork();
        devices
            .iter()
            .map(|(db, local, session)| Device {
                db: db.copy_in_memory().unwrap(),
                local: local.clone(),
                transport: Box::new(server.transport(session)),
            })
            .collect()
    })
}

fn signed_in(
    server: &str,
    email: &str,
    session: &Session,
    mut transport: Box<dyn Transport>,
) -> Device {
    let mut db = Db::open_in_memory().unwrap();
    db.set_audit_context(AuditContext::new(Source::Ui));
    career_hub::profile::bootstrap(&mut db).unwrap();
    sync::sign_in(
        &mut db,
        transport.as_mut(),
        server,
        email,
        session,
        Some(Choice::Replace),
        &mut |_| {},
    )
    .unwrap();
    let local = career_hub::profile::bootstrap(&mut db).unwrap();
    Device {
        db,
        local,
        transport,
    }
}

/// A device's transport with one fault.
struct Faulty<'t> {
    inner: &'t mut dyn Transport,
    fault: Fault,
    pushes: usize,
}

fn lost() -> TransportError {
    TransportError::Offline {
        server: "memory".into(),
        reason: "the test dropped it".into(),
    }
}

impl Transport for Faulty<'_> {
    fn push(&mut self, changes: &[Change]) -> Result<PushResponse, TransportError> {
        self.pushes += 1;
        let first = self.pushes == 1;
        match self.fault {
            Fault::Offline => Err(lost()),
            Fault::LostReply if first => {
                self.inner.push(changes)?;
                Err(lost())
            }
            Fault::Duplicated if first => {
                self.inner.push(changes)?;
                self.inner.push(changes)
            }
            _ => self.inner.push(changes),
        }
    }

    fn pull(&mut self, since: i64, wait_seconds: u64) -> Result<PullResponse, TransportError> {
        match self.fault {
            Fault::Offline | Fault::PullFails => Err(lost()),
            _ => self.inner.pull(since, wait_seconds),
        }
    }
}

fn sync_with(device: &mut Device, fault: Fault) -> bool {
    let mut transport = Faulty {
        inner: device.transport.as_mut(),
        fault,
        pushes: 0,
    };
    match sync::sync_now(&mut device.db, &mut transport, &mut |_| {}) {
        Ok(report) => report.pushed > 0 || report.applied > 0,
        Err(error) => {
            assert_eq!(error.code(), career_hub::ErrorCode::Offline, "{error}");
            true
        }
    }
}

fn import(device: &mut Device, n: u8) {
    let text = serde_json::json!({
        "basics": {"name": format!("Ada {n}"), "label": "Engineer"},
        "work": [
            {"name": format!("Import {n}"), "position": "Developer", "startDate": "2018-01-01"},
            {"name": "Looms", "position": format!("Weaver {n}"), "startDate": "2015-06-01", "endDate": "2017-12-31"},
        ],
    })
    .to_string();
    career_hub::import::jsonresume::import(&mut device.db, &device.local, &text, false).unwrap();
}

fn skill(device: &mut Device, step: usize, n: u8) {
    use career_hub::profile::Section;
    use career_hub::profile::skill::{Skill, SkillInput};
    let input = SkillInput {
        technology: format!("Tool {step}"),
        level: Some(i32::from(n % 5) + 1),
        ..SkillInput::default()
    };
    Skill::create(&mut device.db, &device.local.profile_id, input).unwrap();
}

fn run(account: Account, steps: &[Step]) {
    let mut devices = devices(account, DEVICES);
    for (at, step) in steps.iter().enumerate() {
        match step {
            // Undo here takes back the person's own last edit; undoing what arrived
            // from another device is tested on its own (tests/profile/sync.rs).
            Step::Edit(d, Op::UndoLast) => {
                let device = &mut devices[*d];
                let user = device.local.user_id.clone();
                let _ = career_hub::history::undo_last(&mut device.db, &user, Some(Source::Ui));
            }
            Step::Edit(d, op) => {
                let device = &mut devices[*d];
                property::apply(&mut device.db, &device.local, op);
            }
            Step::Skill(d, n) => skill(&mut devices[*d], at, *n),
            Step::Import(d, n) => import(&mut devices[*d], *n),
            Step::Sync(d, fault) => {
                sync_with(&mut devices[*d], *fault);
            }
        }
    }
    // Everyone syncs until a whole round sends and changes nothing.
    let mut quiet = false;
    for _ in 0..6 {
        quiet = true;
        for device in &mut devices {
            quiet &= !sync_with(device, Fault::None);
        }
        if quiet {
            break;
        }
    }
    assert!(quiet, "syncing settles");
    let all: Vec<&Db> = devices.iter().map(|d| &d.db).collect();
    assert_databases_converged(&all);
}

fn cases(variable: &str, default: u32) -> u32 {
    std::env::var(variable)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The in-memory cases (`CONVERGENCE_CASES` in all) are shared by this many tests, which
/// the test harness runs side by side. (`PROPTEST_CASES`, when set, is proptest's own:
/// it overrides the count of every property test, each of these four included.)
const SHARES: u32 = 4;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases("CONVERGENCE_CASES", 4000).div_ceil(SHARES),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_device_ends_with_the_same_profile_1(steps in proptest::collection::vec(step(), 1..40)) {
        run(Account::Memory, &steps);
    }

    #[test]
    fn every_device_ends_with_the_same_profile_2(steps in proptest::collection::vec(step(), 1..40)) {
        run(Account::Memory, &steps);
    }

    #[test]
    fn every_device_ends_with_the_same_profile_3(steps in proptest::collection::vec(step(), 1..40)) {
        run(Account::Memory, &steps);
    }

    #[test]
    fn every_device_ends_with_the_same_profile_4(steps in proptest::collection::vec(step(), 1..40)) {
        run(Account::Memory, &steps);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases("PROPTEST_REAL_CASES", 16), ..ProptestConfig::default() })]

    #[test]
    fn every_device_ends_with_the_same_profile_through_the_real_server(
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        run(Account::Real, &steps);
    }
}

/// The catalog is shared by every account: a technology one account added first is the
/// one another account's devices end up naming, and each of its devices stores it.
#[test]
fn a_technology_another_account_added_first_reaches_every_device() {
    let mut other = devices(Account::Real, 1);
    let d = &mut other[0];
    property::apply(&mut d.db, &d.local, &Op::AddExperience(28));
    assert!(sync_with(d, Fault::None));
    let mut mine = devices(Account::Real, 2);
    let d = &mut mine[0];
    property::apply(&mut d.db, &d.local, &Op::AddExperience(28));
    sync::sync_now(&mut d.db, d.transport.as_mut(), &mut |_| {}).unwrap();
    let d = &mut mine[1];
    let report = sync::sync_now(&mut d.db, d.transport.as_mut(), &mut |_| {}).unwrap();
    assert_eq!(report.skipped, 0, "{report:?}");
    let all: Vec<&Db> = mine.iter().map(|d| &d.db).collect();
    assert_databases_converged(&all);
    let named: i64 = mine[1]
        .db
        .conn()
        .query_row(
            "SELECT count(*) FROM experience_technologies JOIN technologies ON technologies.id = technology_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(named, 1, "the job names the catalog's technology");
}
