//! The Account & sync screen's commands, and the sync that runs in the background while
//! this device is signed in.
//!
//! Two threads, each with its own connection to the database, so that the wizard's
//! commands never wait on the network: the *sender* pushes the outbox soon after each
//! change (every command that wrote nudges it), and the *receiver* long-polls the account and
//! applies what other devices changed, then tells the window to show it. When the
//! server cannot be reached both try again with a growing pause; when the account no
//! longer accepts this device they stop until the person signs in again. Everything
//! waiting stays in the outbox meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use career_hub::sync::{
    self, Choice, MergePreview, Merged, Progress, RejectedChange, Report, Start, TransportError,
};
use career_hub::validation::{Code, FieldError};
use career_hub::{AuditContext, Db, Error, Source};
use career_hub_client::{Client, device_client};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tracing::instrument;

use crate::error::{CommandResult, IpcError};
use crate::state::AppState;

/// How long one long-poll of the account waits for a change.
const LONG_POLL_SECONDS: u64 = 25;
/// How often the sender looks at the outbox when nothing nudges it (a raw SQL writer
/// or another program may have changed the database).
const SENDER_RECHECK: Duration = Duration::from_secs(30);
/// The first and the longest pause before trying an unreachable server again.
const FIRST_RETRY: Duration = Duration::from_secs(2);
const LONGEST_RETRY: Duration = Duration::from_secs(120);

/// The window is told of these.
pub const ACTIVITY_EVENT: &str = "sync-activity";
pub const CHANGED_EVENT: &str = "sync-changed";

/// What the background sync is doing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Activity {
    /// Not signed in.
    Off,
    /// Everything sent and received, as far as it knows.
    UpToDate,
    /// Sending or receiving now.
    Syncing,
    /// The server cannot be reached; it tries again by itself.
    Offline {
        reason: String,
        retry_in_seconds: u32,
    },
    /// The account no longer accepts this device (its sign-in expired or was ended from
    /// another device): sign in again; unsent changes are kept.
    SignInAgain { reason: String },
    /// The server refused or answered something unusable.
    Failed { message: String },
}

/// The Account & sync screen's view of this device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct SyncView {
    pub signed_in: bool,
    pub server: Option<String>,
    pub email: Option<String>,
    /// When the last sync ended (UTC, ISO 8601).
    pub last_synced_at: Option<String>,
    /// Changes made here that the account does not have yet.
    pub pending: u32,
    pub rejected: Vec<RejectedChange>,
    pub activity: Activity,
    /// What a new sign-in calls this device unless told otherwise.
    pub device_name: String,
}

/// How far a sync is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct SyncProgress {
    /// 0 to 100, or none while the total is unknown (receiving).
    pub percent: Option<u32>,
    pub message: String,
}

/// What a sync did, in a person's terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct SyncSummary {
    pub sent: u32,
    pub received: u32,
    /// Received changes that changed something here.
    pub applied: u32,
    /// Deleted items that came back because another device changed them after the
    /// delete, in words.
    pub came_back: Vec<String>,
    pub refused: Vec<RejectedChange>,
    /// What merging this device's profile into the account's added, when this sync
    /// finished a merge chosen at sign-in.
    pub merged: Option<Merged>,
}

/// What signing in did, or what the person must choose first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SignInOutcome {
    /// Signed in and synced; `start` says which side's profile went where.
    SignedIn { start: Start, summary: SyncSummary },
    /// Both this device and the account hold a profile: nothing has changed; the person
    /// chooses with [`sync_choose`], having seen what each side holds (items per table)
    /// and what a merge would do, item by item.
    Choose { email: String, merge: MergePreview },
}

/// The answer to [`SignInOutcome::Choose`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SignInChoice {
    /// Add this device's items the account lacks to the account's profile (undoable).
    Merge,
    /// Replace this device's profile with the account's (undoable here).
    Replace,
    /// Do not sign in; nothing changes.
    Cancel,
}

/// A device signed in to the account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct DeviceView {
    pub id: String,
    pub name: String,
    pub last_used_at: String,
    pub current: bool,
}

/// A sign-in whose session is open on the server while the person chooses.
struct Waiting {
    client: Client,
    email: String,
    session: career_hub_protocol::api::Session,
}

// Never printed with its token.
impl std::fmt::Debug for Waiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Waiting")
            .field("server", &self.client.server())
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// The background sync and what the screen needs of it.
#[derive(Debug)]
pub struct Background {
    path: PathBuf,
    activity: Mutex<Activity>,
    wake_sender: Mutex<Option<Sender<Wake>>>,
    wake_receiver: Mutex<Option<Sender<Wake>>>,
    /// Held while pushing: the sender, a "Sync now" and a sign-in take turns. Pulls
    /// need no turn: each page is applied in a transaction that skips what another
    /// pull of this device applied meanwhile (`sync::pull`).
    pushing: Mutex<()>,
    waiting: Mutex<Option<Waiting>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Background {
    /// The background sync of the database at `path`, not yet started.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            activity: Mutex::new(Activity::Off),
            wake_sender: Mutex::new(None),
            wake_receiver: Mutex::new(None),
            pushing: Mutex::new(()),
            waiting: Mutex::new(None),
        }
    }

    /// Starts the sender and the receiver threads of the app's background sync.
    pub fn start<R: Runtime>(app: &AppHandle<R>) {
        let background = app.state::<Background>();
        let (sender_tx, sender_rx) = mpsc::channel();
        let (receiver_tx, receiver_rx) = mpsc::channel();
        app.state::<AppState>().tell_writes_to(sender_tx.clone());
        *lock(&background.wake_sender) = Some(sender_tx);
        *lock(&background.wake_receiver) = Some(receiver_tx);
        let handle = app.clone();
        let _ = std::thread::Builder::new()
            .name("sync-sender".into())
            .spawn(move || sender(&handle, &sender_rx));
        let handle = app.clone();
        let _ = std::thread::Builder::new()
            .name("sync-receiver".into())
            .spawn(move || receiver(&handle, &receiver_rx));
    }

    /// Tells the sender that something may have changed.
    pub fn nudge(&self) {
        if let Some(wake) = lock(&self.wake_sender).as_ref() {
            let _ = wake.send(Wake::Changed);
        }
    }

    /// Wakes both threads now, through any pause (after signing in, or a sync that
    /// reached the server).
    fn wake_all(&self) {
        for wake in [&self.wake_sender, &self.wake_receiver] {
            if let Some(wake) = lock(wake).as_ref() {
                let _ = wake.send(Wake::Now);
            }
        }
    }

    fn activity(&self) -> Activity {
        lock(&self.activity).clone()
    }

    fn set_activity<R: Runtime>(&self, app: &AppHandle<R>, activity: Activity) {
        let mut current = lock(&self.activity);
        if *current != activity {
            *current = activity.clone();
            drop(current);
            let _ = app.emit(ACTIVITY_EVENT, activity);
        }
    }

    /// A connection of its own, so that a sync never holds the wizard's.
    fn open(&self) -> career_hub::Result<Db> {
        let mut db = Db::open(&self.path)?;
        db.set_audit_context(AuditContext::new(Source::Sync));
        Ok(db)
    }
}

/// What a failed sync means for the background threads: how long to pause before the
/// next try.
fn after_failure<R: Runtime>(
    app: &AppHandle<R>,
    background: &Background,
    error: &Error,
    retry: &mut Duration,
) -> Pause {
    match error {
        Error::Sync(TransportError::Offline { reason, .. }) => {
            let wait = *retry;
            *retry = (*retry * 2).min(LONGEST_RETRY);
            background.set_activity(
                app,
                Activity::Offline {
                    reason: reason.clone(),
                    retry_in_seconds: u32::try_from(wait.as_secs()).unwrap_or(u32::MAX),
                },
            );
            Pause::Retry(wait)
        }
        Error::Sync(TransportError::SignedOut { reason }) => {
            background.set_activity(
                app,
                Activity::SignInAgain {
                    reason: reason.clone(),
                },
            );
            Pause::UntilTold
        }
        other => {
            tracing::warn!(error = %other, "background sync failed");
            let wait = *retry;
            *retry = (*retry * 2).min(LONGEST_RETRY);
            background.set_activity(
                app,
                Activity::Failed {
                    message: other.to_string(),
                },
            );
            Pause::Retry(wait)
        }
    }
}

/// Why a background thread is woken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// Something was written: worth a push, but not worth cutting a pause short.
    Changed,
    /// Try now, whatever the pause.
    Now,
}

/// How a background thread waits for its next round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pause {
    /// Until woken.
    UntilWoken,
    /// Until told to try now (a new sign-in): nothing else can succeed before.
    UntilTold,
    /// Until woken, or this long at most.
    AtMost(Duration),
    /// The server could not be reached: this long, unless told to try now.
    Retry(Duration),
}

/// Waits as `pause` says; false when the app is closing.
fn wait_for(wake: &Receiver<Wake>, pause: Pause) -> bool {
    let woken = match pause {
        Pause::UntilWoken => wake.recv().is_ok(),
        Pause::UntilTold => loop {
            match wake.recv() {
                Ok(Wake::Now) => break true,
                Ok(Wake::Changed) => {}
                Err(_) => break false,
            }
        },
        Pause::AtMost(timeout) => !matches!(
            wake.recv_timeout(timeout),
            Err(RecvTimeoutError::Disconnected)
        ),
        Pause::Retry(pause) => {
            let until = std::time::Instant::now() + pause;
            loop {
                let left = until.saturating_duration_since(std::time::Instant::now());
                match wake.recv_timeout(left) {
                    Ok(Wake::Now) | Err(RecvTimeoutError::Timeout) => break true,
                    Ok(Wake::Changed) => {}
                    Err(RecvTimeoutError::Disconnected) => break false,
                }
            }
        }
    };
    // Wakes that came meanwhile are answered by the same round.
    while wake.try_recv().is_ok() {}
    woken
}

/// The sender thread: pushes the outbox whenever it is nudged.
fn sender<R: Runtime>(app: &AppHandle<R>, wake: &Receiver<Wake>) {
    let mut retry = FIRST_RETRY;
    let mut pause = Pause::AtMost(Duration::ZERO);
    while wait_for(wake, pause) {
        let background = app.state::<Background>();
        pause = match push_waiting(app, &background) {
            Ok(()) => {
                retry = FIRST_RETRY;
                Pause::AtMost(SENDER_RECHECK)
            }
            Err(error) => after_failure(app, &background, &error, &mut retry),
        };
    }
}

/// Pushes what waits, if this device is signed in and anything does.
fn push_waiting<R: Runtime>(app: &AppHandle<R>, background: &Background) -> career_hub::Result<()> {
    let mut db = background.open()?;
    let status = sync::status(db.conn())?;
    if !status.signed_in {
        background.set_activity(app, Activity::Off);
        return Ok(());
    }
    if status.pending == 0 {
        return Ok(());
    }
    let Some(mut client) = device_client(&db)? else {
        return Ok(());
    };
    let _turn = lock(&background.pushing);
    // Offline or failed, the state stays until a push gets through.
    if background.activity() == Activity::UpToDate {
        background.set_activity(app, Activity::Syncing);
    }
    let mut report = Report::default();
    sync::push(&mut db, &mut client, &mut |_| {}, &mut report)?;
    sync::mark_synced(db.conn())?;
    background.set_activity(app, Activity::UpToDate);
    if !report.rejected.is_empty() {
        let _ = app.emit(CHANGED_EVENT, summary(db.conn(), &report));
    }
    Ok(())
}

/// The receiver thread: long-polls the account and applies what arrives.
fn receiver<R: Runtime>(app: &AppHandle<R>, wake: &Receiver<Wake>) {
    let mut retry = FIRST_RETRY;
    // The first look, and the first after a failure, does not wait: the screen learns
    // at once whether the account is reachable.
    let mut wait_seconds = 0;
    loop {
        let background = app.state::<Background>();
        let pause = match receive(app, &background, wait_seconds) {
            Ok(true) => {
                retry = FIRST_RETRY;
                wait_seconds = LONG_POLL_SECONDS;
                // The long-poll was the wait; poll again at once.
                continue;
            }
            // Not signed in: nothing to do until the person signs in.
            Ok(false) => Pause::UntilWoken,
            Err(error) => {
                wait_seconds = 0;
                after_failure(app, &background, &error, &mut retry)
            }
        };
        if !wait_for(wake, pause) {
            return;
        }
    }
}

/// One pull (a long-poll of `wait_seconds`) and what it brought; false when this device
/// is not signed in.
fn receive<R: Runtime>(
    app: &AppHandle<R>,
    background: &Background,
    wait_seconds: u64,
) -> career_hub::Result<bool> {
    let mut db = background.open()?;
    if !sync::status(db.conn())?.signed_in {
        background.set_activity(app, Activity::Off);
        return Ok(false);
    }
    let Some(mut client) = device_client(&db)? else {
        return Ok(false);
    };
    let mut report = Report::default();
    sync::pull(&mut db, &mut client, wait_seconds, &mut |_| {}, &mut report)?;
    sync::mark_synced(db.conn())?;
    if report.applied > 0 || !report.resurrected.is_empty() {
        let _ = app.emit(CHANGED_EVENT, summary(db.conn(), &report));
    }
    if sync::status(db.conn())?.pending == 0 {
        background.set_activity(app, Activity::UpToDate);
    } else {
        // The server is back: what waits goes now.
        background.nudge();
    }
    Ok(true)
}

fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What a deleted item that came back was, in words.
fn came_back(conn: &rusqlite::Connection, row: &sync::Row) -> Option<String> {
    let (noun, label) = match row.table.as_str() {
        "experiences" => ("job", "position || ' at ' || company_name"),
        "projects" => ("project", "name"),
        "education" => ("education entry", "institution"),
        "certifications" => ("certification", "name"),
        "achievements" => ("achievement", "title"),
        "skills" => (
            "skill",
            "(SELECT name FROM technologies WHERE id = technology_id)",
        ),
        _ => return None,
    };
    let id = row.key.first()?;
    let name: Option<String> = conn
        .query_row(
            &format!("SELECT {label} FROM \"{}\" WHERE id = ?1", row.table),
            [id],
            |r| r.get(0),
        )
        .ok()
        .flatten();
    let name = name.map(|n| format!(" “{n}”")).unwrap_or_default();
    Some(format!(
        "The {noun}{name} you deleted came back: another device changed it after the delete."
    ))
}

fn summary(conn: &rusqlite::Connection, report: &Report) -> SyncSummary {
    SyncSummary {
        sent: count(report.pushed),
        received: count(report.pulled),
        applied: count(report.applied),
        came_back: report
            .resurrected
            .iter()
            .filter_map(|row| came_back(conn, row))
            .collect(),
        refused: report.rejected.clone(),
        merged: report.merged.clone(),
    }
}

fn progress_message(progress: Progress) -> SyncProgress {
    match progress {
        Progress::Pushing { sent, total } => SyncProgress {
            percent: Some(count((sent * 100).checked_div(total).unwrap_or(100))),
            message: format!("Sending changes: {sent} of {total}"),
        },
        Progress::Pulling { received } => SyncProgress {
            percent: None,
            message: format!("Receiving changes: {received}"),
        },
    }
}

fn view(conn: &rusqlite::Connection, activity: Activity) -> career_hub::Result<SyncView> {
    let status = sync::status(conn)?;
    Ok(SyncView {
        signed_in: status.signed_in,
        server: status.server,
        email: status.email,
        last_synced_at: status.last_synced_at,
        pending: count(status.pending),
        rejected: status.rejected,
        activity: match (status.signed_in, activity) {
            (false, _) => Activity::Off,
            // Signed in, and the background sync has not been heard from yet.
            (true, Activity::Off) => Activity::Syncing,
            (true, activity) => activity,
        },
        device_name: career_hub_client::machine_name(),
    })
}

fn blocking_error(error: impl std::fmt::Display) -> IpcError {
    IpcError::from(Error::Internal(format!("the sync task stopped: {error}")))
}

/// This device's account, its last sync and what the background sync is doing.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state, background), err)]
pub fn sync_status(
    state: State<'_, AppState>,
    background: State<'_, Background>,
) -> CommandResult<SyncView> {
    let activity = background.activity();
    state.with(|db, _| view(db.conn(), activity))
}

/// Signs this device in to an account at `server` (creating it with `create`). When
/// both this device and the account hold a profile, nothing changes: the answer asks
/// the person to choose ([`sync_choose`]).
#[tauri::command]
#[specta::specta]
#[instrument(skip(app, password, progress), err)]
pub async fn sync_sign_in<R: Runtime>(
    app: AppHandle<R>,
    server: String,
    email: String,
    password: String,
    device_name: String,
    create: bool,
    progress: Channel<SyncProgress>,
) -> CommandResult<SignInOutcome> {
    tauri::async_runtime::spawn_blocking(move || {
        let client = Client::new(&server).map_err(|e| {
            Error::Invalid(vec![FieldError {
                code: Code::InvalidUrl,
                field: "server".into(),
                message: e.to_string(),
            }])
        })?;
        let email = email.trim().to_owned();
        let device_name = match device_name.trim() {
            "" => career_hub_client::machine_name(),
            name => name.to_owned(),
        };
        let session = if create {
            client.sign_up(&email, &password, &device_name)?
        } else {
            client.sign_in(&email, &password, &device_name)?
        };
        let waiting = Waiting {
            client: client.clone().with_token(&session.token),
            email,
            session,
        };
        finish_sign_in(&app, waiting, None, &progress)
    })
    .await
    .map_err(blocking_error)?
}

/// Brings the two sides together for a signed-in session, or keeps it waiting for the
/// person's choice.
fn finish_sign_in<R: Runtime>(
    app: &AppHandle<R>,
    waiting: Waiting,
    choice: Option<Choice>,
    progress: &Channel<SyncProgress>,
) -> CommandResult<SignInOutcome> {
    let state = app.state::<AppState>();
    let background = app.state::<Background>();
    let Waiting {
        mut client,
        email,
        session,
    } = waiting;
    let outcome = state.replacing(|db| {
        if choice.is_none() && sync::survey(db, &mut client, &session.user_id)? == Start::Both {
            let merge = sync::merge_preview(db, &mut client)?;
            return Ok(Err(merge));
        }
        sync::save_token(db, &session.token)?;
        let server = client.server().to_owned();
        let _push = lock(&background.pushing);
        let signed = sync::sign_in(
            db,
            &mut client,
            &server,
            &email,
            &session,
            choice,
            &mut |p| {
                let _ = progress.send(progress_message(p));
            },
        );
        let signed = signed?;
        Ok(Ok((signed.start, summary(db.conn(), &signed.report))))
    });
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(error) => {
            // A sign-in cut off after the device joined the account stays signed in:
            // the background sync sends and receives the rest (the outbox and the pull
            // cursor say where it stopped).
            background.wake_all();
            return Err(error);
        }
    };
    match outcome {
        Ok((start, summary)) => {
            background.set_activity(app, Activity::UpToDate);
            background.wake_all();
            let _ = app.emit(CHANGED_EVENT, summary.clone());
            Ok(SignInOutcome::SignedIn { start, summary })
        }
        Err(merge) => {
            let email = email.clone();
            *lock(&background.waiting) = Some(Waiting {
                client,
                email: email.clone(),
                session,
            });
            Ok(SignInOutcome::Choose { email, merge })
        }
    }
}

/// The person's answer when both this device and the account hold a profile.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app, progress), err)]
pub async fn sync_choose<R: Runtime>(
    app: AppHandle<R>,
    choice: SignInChoice,
    progress: Channel<SyncProgress>,
) -> CommandResult<Option<SignInOutcome>> {
    tauri::async_runtime::spawn_blocking(move || {
        let background = app.state::<Background>();
        let Some(waiting) = lock(&background.waiting).take() else {
            return Err(IpcError::from(Error::Conflict(
                "there is no sign-in waiting for a choice; sign in again".into(),
            )));
        };
        match choice {
            SignInChoice::Cancel => {
                // The session opened for the choice is ended; nothing else changed.
                let _ = waiting.client.sign_out();
                Ok(None)
            }
            SignInChoice::Merge => {
                finish_sign_in(&app, waiting, Some(Choice::Merge), &progress).map(Some)
            }
            SignInChoice::Replace => {
                finish_sign_in(&app, waiting, Some(Choice::Replace), &progress).map(Some)
            }
        }
    })
    .await
    .map_err(blocking_error)?
}

/// Sends this device's changes and receives the account's now.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app, progress), err)]
pub async fn sync_now<R: Runtime>(
    app: AppHandle<R>,
    progress: Channel<SyncProgress>,
) -> CommandResult<SyncSummary> {
    tauri::async_runtime::spawn_blocking(move || {
        let background = app.state::<Background>();
        let mut db = background.open()?;
        let Some(mut client) = device_client(&db)? else {
            return Err(Error::Conflict(
                "this device is not signed in to an account; sign in first".into(),
            ));
        };
        let mut send = |p| {
            let _ = progress.send(progress_message(p));
        };
        let mut report = Report::default();
        background.set_activity(&app, Activity::Syncing);
        let done = (|| {
            {
                let _turn = lock(&background.pushing);
                sync::push(&mut db, &mut client, &mut send, &mut report)?;
            }
            sync::pull(&mut db, &mut client, 0, &mut send, &mut report)?;
            sync::mark_synced(db.conn())
        })();
        let mut retry = FIRST_RETRY;
        if let Err(error) = done {
            after_failure(&app, &background, &error, &mut retry);
            return Err(error);
        }
        background.set_activity(&app, Activity::UpToDate);
        // An offline receiver tries again now rather than after its pause.
        background.wake_all();
        let summary = summary(db.conn(), &report);
        if summary.applied > 0 || !summary.came_back.is_empty() {
            let _ = app.emit(CHANGED_EVENT, summary.clone());
        }
        Ok(summary)
    })
    .await
    .map_err(blocking_error)?
    .map_err(IpcError::from)
}

/// Signs this device out: the profile stays, unsent changes wait for the next sign-in
/// to the same account. Returns how many wait.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app), err)]
pub async fn sync_sign_out<R: Runtime>(app: AppHandle<R>) -> CommandResult<u32> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let background = app.state::<Background>();
        let client = state.with(|db, _| device_client(db).or(Ok(None)))?;
        if let Some(client) = client {
            // Best effort: signed out here whether or not the server hears of it.
            if let Err(error) = client.sign_out() {
                tracing::info!(%error, "the server was not told of the sign-out");
            }
        }
        let pending = state.with(|db, _| {
            let pending = sync::sign_out(db)?;
            sync::forget_token(db)?;
            Ok(pending)
        })?;
        background.set_activity(&app, Activity::Off);
        Ok(count(pending))
    })
    .await
    .map_err(blocking_error)?
}

/// The devices signed in to the account.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app), err)]
pub async fn sync_devices<R: Runtime>(app: AppHandle<R>) -> CommandResult<Vec<DeviceView>> {
    tauri::async_runtime::spawn_blocking(move || {
        let client = signed_in_client(&app)?;
        let devices = client.devices()?;
        Ok(devices
            .into_iter()
            .map(|d| DeviceView {
                id: d.id,
                name: d.name,
                last_used_at: d.last_used_at,
                current: d.current,
            })
            .collect())
    })
    .await
    .map_err(blocking_error)?
    .map_err(|e: Error| IpcError::from(e))
}

/// Signs another device out of the account.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app), err)]
pub async fn sync_revoke<R: Runtime>(app: AppHandle<R>, device_id: String) -> CommandResult<()> {
    tauri::async_runtime::spawn_blocking(move || {
        let client = signed_in_client(&app)?;
        client.revoke(&device_id)?;
        Ok(())
    })
    .await
    .map_err(blocking_error)?
    .map_err(|e: Error| IpcError::from(e))
}

fn signed_in_client<R: Runtime>(app: &AppHandle<R>) -> career_hub::Result<Client> {
    let db = app.state::<Background>().open()?;
    device_client(&db)?.ok_or_else(|| {
        Error::Conflict("this device is not signed in to an account; sign in first".into())
    })
}
