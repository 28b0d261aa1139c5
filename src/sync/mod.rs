//! Sync: this device and the person's other devices, through their hosted account.
//!
//! While the device is signed in, the capture triggers (`src/schema/capture.rs`) put
//! every change of a synced table in the outbox, stamped by the device's clock. A sync
//! ([`sync_now`]) pushes the outbox in batches and takes each reply in one transaction
//! with the outbox's acknowledgement, then pulls the account's changes from where the
//! last pull ended and applies each page in one transaction with the new starting point.
//! A sync killed at any instant therefore resumes without losing or repeating anything:
//! a change the server took but whose reply was lost is pushed again under the same id
//! and acknowledged as a duplicate, and a page applied twice changes nothing the second
//! time (the merge rules compare clock stamps).
//!
//! Changes pulled from other devices are written as one change per page with source
//! `sync`: they show in the history and can be undone like any other (the undo is an
//! edit of this device, and syncs too). The protocol is `docs/sync.md`.

mod apply;
pub mod memory;
pub(crate) mod merge;
pub mod transport;

use career_hub_protocol::api::{Change, MAX_PUSH_CHANGES, Op, PullResponse, Session};
use career_hub_protocol::hlc::{self, Hlc};
use career_hub_protocol::tables;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::{Map, Value};

pub use merge::{MergePreview, Merged, preview as merge_preview};
pub use transport::{Transport, TransportError};

use crate::schema::capture;
use crate::{AuditContext, Db, Error, Result, Source};

/// A change of this device the server refused: it stays, with the reason, and is not
/// pushed again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RejectedChange {
    pub table: String,
    pub key: Vec<String>,
    pub code: String,
    pub message: String,
}

/// This device's sync, as a person sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Status {
    pub signed_in: bool,
    pub server: Option<String>,
    pub email: Option<String>,
    pub account_id: Option<String>,
    pub device_id: Option<String>,
    /// When the last sync ended (UTC, ISO 8601).
    pub last_synced_at: Option<String>,
    /// Changes made here that the account does not have yet.
    pub pending: u64,
    /// Changes the server refused.
    pub rejected: Vec<RejectedChange>,
}

/// The device's sync state.
pub fn status(conn: &Connection) -> Result<Status> {
    let (capturing, server, email, account_id, device_id, last_synced_at) = conn
        .prepare_cached(
            "SELECT capturing, server_url, email, account_id, device_id, last_synced_at
             FROM sync_state WHERE id = 1",
        )?
        .query_row([], |row| {
            Ok((
                row.get::<_, bool>(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })?;
    let pending = waiting(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT table_name, row_key, rejected_code, rejected_message FROM sync_outbox
         WHERE rejected_code IS NOT NULL ORDER BY seq",
    )?;
    let rejected = stmt
        .query_map([], |row| {
            let key: String = row.get(1)?;
            Ok(RejectedChange {
                table: row.get(0)?,
                key: serde_json::from_str(&key).unwrap_or_default(),
                code: row.get(2)?,
                message: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Status {
        signed_in: capturing,
        server,
        email,
        account_id,
        device_id,
        last_synced_at,
        pending,
        rejected,
    })
}

/// How many changes wait to be pushed.
fn waiting(conn: &Connection) -> Result<u64> {
    let count: i64 = conn
        .prepare_cached("SELECT count(*) FROM sync_outbox WHERE rejected_code IS NULL")?
        .query_row([], |row| row.get(0))?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Report {
    /// Changes of this device the account took.
    pub pushed: u64,
    /// Changes of the account this device received.
    pub pulled: u64,
    /// Received changes that changed something here.
    pub applied: u64,
    /// Received changes this device could not use (a table it does not know, or a
    /// row that breaks its constraints); they are logged.
    pub skipped: u64,
    pub rejected: Vec<RejectedChange>,
    /// Deleted rows that came back because another device changed them (or something
    /// of theirs) after the delete.
    pub resurrected: Vec<Row>,
    /// What merging this device's profile into the account's added, when this sync
    /// finished a merge chosen at sign-in.
    pub merged: Option<Merged>,
}

/// A row of a synced table, by table and key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Row {
    pub table: String,
    pub key: Vec<String>,
}

/// How far a sync is, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum Progress {
    /// `sent` of the `total` changes waiting here have been sent.
    Pushing { sent: u64, total: u64 },
    /// `received` changes of the account have arrived so far.
    Pulling { received: u64 },
}

/// The most changes one push carries.
const BATCH: i64 = MAX_PUSH_CHANGES as i64;

fn not_signed_in() -> Error {
    Error::Conflict("this device is not signed in to a Career Hub account; sign in first".into())
}

/// Pushes every waiting change, then pulls until the account has nothing new.
pub fn sync_now(
    db: &mut Db,
    transport: &mut dyn Transport,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report> {
    db.ensure_writable()?;
    if !status(db.conn())?.signed_in {
        return Err(not_signed_in());
    }
    let mut report = Report::default();
    push(db, transport, progress, &mut report)?;
    pull(db, transport, 0, progress, &mut report)?;
    if report.merged.is_some() {
        // What the merge added goes up now.
        push(db, transport, progress, &mut report)?;
    }
    mark_synced(db.conn())?;
    Ok(report)
}

/// Records that a sync ended now (what [`Status::last_synced_at`] shows).
pub fn mark_synced(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE sync_state SET last_synced_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1",
        [],
    )?;
    Ok(())
}

/// Pushes the outbox, a batch at a time, until nothing waits (the server's refusals
/// stay, marked, and are not sent again).
pub fn push(
    db: &mut Db,
    transport: &mut dyn Transport,
    progress: &mut dyn FnMut(Progress),
    report: &mut Report,
) -> Result<()> {
    let total = waiting(db.conn())?;
    let mut sent = 0;
    db.write_as(Source::Sync, send_catalog_first)?;
    loop {
        // Ids are given, and kept, before a batch is sent: a batch sent again after a
        // lost reply carries the same ids, which the server answers as duplicates.
        db.conn()
            .prepare_cached(&format!(
                "UPDATE sync_outbox SET change_id = {}() WHERE change_id IS NULL AND seq IN (
                     SELECT seq FROM sync_outbox WHERE rejected_code IS NULL ORDER BY seq LIMIT ?1)",
                crate::bulk::ULID_FUNCTION
            ))?
            .execute([BATCH])?;
        let batch = outbox_batch(db.conn())?;
        if batch.is_empty() {
            return Ok(());
        }
        let changes: Vec<Change> = batch.iter().map(|(_, c)| c.clone()).collect();
        let reply = transport.push(&changes)?;
        let answered = db.write_as(Source::Sync, |tx| {
            apply::acknowledge(tx, &batch, &reply, report)
        })?;
        if answered == 0 {
            return Err(TransportError::Garbage {
                server: server_of(db.conn())?,
                detail: "a push was answered without a word on any of its changes".into(),
            }
            .into());
        }
        let accepted = u64::try_from(reply.accepted.len() + reply.duplicates.len()).unwrap_or(0);
        report.pushed += accepted;
        sent += u64::try_from(answered).unwrap_or(0);
        progress(Progress::Pushing {
            sent: sent.min(total),
            total,
        });
    }
}

fn server_of(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT server_url FROM sync_state WHERE id = 1",
            [],
            |row| row.get::<_, Option<String>>(0),
        )?
        .unwrap_or_default())
}

/// The next batch of the outbox, oldest first.
fn outbox_batch(conn: &Connection) -> Result<Vec<(i64, Change)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, change_id, table_name, row_key, op, columns, hlc FROM sync_outbox
         WHERE rejected_code IS NULL ORDER BY seq LIMIT ?1",
    )?;
    let rows = stmt.query_map([BATCH], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, String>(6)?,
        ))
    })?;
    let mut batch = Vec::new();
    for row in rows {
        let (seq, id, table, key, op, columns, stamp) = row?;
        let op = if op == "delete" {
            Op::Delete
        } else {
            Op::Upsert
        };
        let columns: Map<String, Value> = match op {
            // The outbox keeps a deleted row's values here; a delete carries none.
            Op::Delete => Map::new(),
            Op::Upsert => serde_json::from_str(&columns)?,
        };
        let hlc: Hlc = stamp
            .parse()
            .map_err(|e| Error::Internal(format!("the outbox holds a bad clock stamp: {e}")))?;
        batch.push((
            seq,
            Change {
                id: id.ok_or_else(|| Error::Internal("an outbox change has no id".into()))?,
                table,
                key: serde_json::from_str(&key)?,
                op,
                columns,
                hlc,
            },
        ));
    }
    Ok(batch)
}

/// Pulls until the account has nothing new (waiting up to `wait_seconds` for the first
/// page when it has nothing yet); returns whether anything arrived.
pub fn pull(
    db: &mut Db,
    transport: &mut dyn Transport,
    wait_seconds: u64,
    progress: &mut dyn FnMut(Progress),
    report: &mut Report,
) -> Result<bool> {
    let mut wait = wait_seconds;
    let mut received = 0;
    loop {
        let since: i64 =
            db.conn()
                .query_row("SELECT pull_next FROM sync_state WHERE id = 1", [], |row| {
                    row.get(0)
                })?;
        let page = transport.pull(since, wait)?;
        wait = 0;
        if page.next < since
            || page
                .changes
                .iter()
                .any(|c| c.seq <= since || c.seq > page.next)
        {
            return Err(TransportError::Garbage {
                server: server_of(db.conn())?,
                detail: format!("a pull from {since} answered sequence numbers out of order"),
            }
            .into());
        }
        received += u64::try_from(page.changes.len()).unwrap_or(0);
        apply_page(db, since, &page, report)?;
        if !page.changes.is_empty() {
            progress(Progress::Pulling { received });
        }
        if !page.more {
            finish_merge(db, report)?;
            return Ok(received > 0);
        }
    }
}

/// Finishes a merge chosen at sign-in, once this device holds everything the account
/// does (see [`merge`]).
fn finish_merge(db: &mut Db, report: &mut Report) -> Result<()> {
    let waiting: Option<Option<String>> = db
        .conn()
        .query_row(
            "SELECT merge_source FROM sync_state WHERE id = 1 AND merge_from_change IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let Some(source) = waiting else {
        return Ok(());
    };
    // The person's change, whichever program's sync finishes it.
    let source = source
        .and_then(|s| s.parse().ok())
        .filter(|s| *s != Source::Sync)
        .unwrap_or(Source::System);
    if let Some(merged) = db.write_as(source, merge::finish)? {
        report.merged = Some(merged);
    }
    Ok(())
}

/// Applies one page of pulled changes (asked for from `since`) and records where the
/// next pull starts, in one transaction.
fn apply_page(db: &mut Db, since: i64, page: &PullResponse, report: &mut Report) -> Result<()> {
    // A large page (a new device's first sync) is mostly new rows: the bulk write path
    // takes them at a fraction of the per-row cost, audited all the same. A page that
    // also updates or deletes is refused there as a whole, and applied row by row.
    let mut bulk = page.changes.len() >= BULK_PAGE;
    // A change this device's schema refuses is skipped alone, which takes a savepoint
    // around every change; a page is first tried without them, and only a page that
    // meets such a change is applied again with them.
    let mut careful = false;
    loop {
        let mut attempt = report.clone();
        let applied = db.write_as(Source::Sync, |tx| {
            let mut work =
                |tx: &Transaction<'_>| apply_changes(tx, since, page, careful, &mut attempt);
            if bulk {
                crate::bulk::insert(tx, crate::bulk::Audit::Write, work)
            } else {
                work(tx)
            }
        });
        match applied {
            Ok(()) => {
                *report = attempt;
                return Ok(());
            }
            Err(error) if bulk && crate::bulk::refused(&error) => bulk = false,
            Err(Error::Sqlite(_)) if !careful => careful = true,
            Err(error) => return Err(error),
        }
    }
}

/// Pages at least this long are tried on the bulk write path first.
const BULK_PAGE: usize = 64;

/// Applies the page's changes; `careful`, each in a savepoint of its own, so that one
/// the schema refuses is skipped and the rest apply.
fn apply_changes(
    tx: &Transaction<'_>,
    since: i64,
    page: &PullResponse,
    careful: bool,
    report: &mut Report,
) -> Result<()> {
    // Another connection of this device may have pulled meanwhile (the app pulls in the
    // background and on "Sync now"): what it applied is not applied again, and a page
    // asked for before the device's account changed is not applied at all.
    let next: i64 = tx.query_row("SELECT pull_next FROM sync_state WHERE id = 1", [], |row| {
        row.get(0)
    })?;
    if next < since || next >= page.next {
        return Ok(());
    }
    let now = hlc::now_ms();
    let mut columns = apply::Columns::default();
    let pulled = || page.changes.iter().filter(|c| c.seq > next);
    columns.survey(tx, pulled().map(|c| &c.change))?;
    let mut clock = read_clock(tx)?;
    for pulled in pulled() {
        report.pulled += 1;
        let change = &pulled.change;
        if let Some(clock) = clock.as_mut()
            && clock.observe(&change.hlc, now).is_err()
        {
            // The server refuses such stamps; one that got through is not believed.
            tracing::warn!(change = %change.id, "a pulled change is stamped too far ahead; skipped");
            report.skipped += 1;
            continue;
        }
        if !careful {
            apply::apply(tx, &mut columns, change, report)?;
            continue;
        }
        tx.execute_batch("SAVEPOINT pulled_change")?;
        match apply::apply(tx, &mut columns, change, report) {
            Ok(()) => tx.execute_batch("RELEASE pulled_change")?,
            Err(Error::Sqlite(error)) => {
                // A row this device's schema refuses: the rest of the page still applies.
                tx.execute_batch("ROLLBACK TO pulled_change; RELEASE pulled_change")?;
                // What the page knew may have been about rows the rollback took away.
                columns = apply::Columns::default();
                tracing::warn!(change = %change.id, table = %change.table, %error, "a pulled change could not be applied; skipped");
                report.skipped += 1;
            }
            Err(other) => return Err(other),
        }
    }
    if let Some(clock) = clock {
        write_clock(tx, clock.last())?;
    }
    tx.execute(
        "UPDATE sync_state SET pull_next = ?1 WHERE id = 1",
        [page.next],
    )?;
    Ok(())
}

fn read_clock(tx: &Transaction<'_>) -> Result<Option<hlc::Clock>> {
    let row: Option<(i64, i64, String)> = tx
        .query_row(
            "SELECT clock_wall_ms, clock_counter, device_id FROM sync_state
             WHERE id = 1 AND device_id IS NOT NULL",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    Ok(row.map(|(wall, counter, device)| {
        let last = Hlc {
            wall_ms: u64::try_from(wall).unwrap_or(0),
            counter: u32::try_from(counter).unwrap_or(0),
            node: device.clone(),
        };
        hlc::Clock::new(&device, Some(last))
    }))
}

fn write_clock(tx: &Transaction<'_>, last: &Hlc) -> Result<()> {
    tx.execute(
        "UPDATE sync_state SET clock_wall_ms = ?1, clock_counter = ?2 WHERE id = 1",
        params![
            i64::try_from(last.wall_ms).unwrap_or(i64::MAX),
            i64::from(last.counter)
        ],
    )?;
    Ok(())
}

/// What signing in finds on each side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// The account is empty: this device's profile is uploaded.
    Upload,
    /// This device is empty: the account's profile is downloaded.
    Download,
    /// Both hold a profile: the person chooses ([`Choice`]).
    Both,
    /// Neither holds anything yet.
    Empty,
    /// This device was signed in to the same account and kept capturing its changes
    /// (its sign-in expired or was ended from another device): it carries on where it
    /// stopped, and what waited is sent.
    Resume,
}

/// What to do when both the device and the account hold a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// This device's profile is replaced by the account's (undoable on this device).
    Replace,
    /// This device's items that the account lacks are added to the account's profile,
    /// matched by the import's rules ([`merge_preview`] shows what happens); one undo
    /// takes the additions back.
    Merge,
}

/// Whether this device holds a profile worth keeping: anything in a section, or any
/// of the profile's own fields filled in.
pub fn device_has_data(conn: &Connection) -> Result<bool> {
    let mut sections = Vec::new();
    for table in tables::synced() {
        if table.name != "profiles" && table.sync == tables::SyncRole::Account {
            sections.push(format!("EXISTS (SELECT 1 FROM \"{}\")", table.name));
        }
    }
    let sql = format!(
        "SELECT {} OR EXISTS (SELECT 1 FROM profiles WHERE coalesce(headline, '') <> ''
             OR coalesce(summary, '') <> '' OR coalesce(location, '') <> ''
             OR coalesce(contact, '{{}}') NOT IN ('{{}}', '') OR coalesce(profile_photo_url, '') <> '')",
        sections.join(" OR ")
    );
    Ok(conn.query_row(&sql, [], |row| row.get(0))?)
}

/// What signing in to the account `account_id` would find on each side; reads only.
pub fn survey(db: &Db, transport: &mut dyn Transport, account_id: &str) -> Result<Start> {
    let resumes: bool = db.conn().query_row(
        "SELECT capturing = 1 AND account_id IS ?1 FROM sync_state WHERE id = 1",
        [account_id],
        |row| row.get(0),
    )?;
    if resumes {
        return Ok(Start::Resume);
    }
    let account_has_data = !transport.pull(0, 0)?.changes.is_empty();
    let device_has_data = device_has_data(db.conn())?;
    Ok(match (device_has_data, account_has_data) {
        (true, false) => Start::Upload,
        (false, true) => Start::Download,
        (true, true) => Start::Both,
        (false, false) => Start::Empty,
    })
}

/// How many items (jobs, projects, … per table of [`crate::archive::ITEM_TABLES`]) a
/// profile holds: what a person compares before choosing between two.
pub fn item_counts(conn: &Connection) -> Result<std::collections::BTreeMap<String, u32>> {
    let mut counts = std::collections::BTreeMap::new();
    for table in crate::archive::ITEM_TABLES {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |row| {
            row.get(0)
        })?;
        counts.insert(table.to_owned(), u32::try_from(n).unwrap_or(u32::MAX));
    }
    Ok(counts)
}

/// How many items the account's profile holds, read by downloading it into a database
/// in memory (nothing of this device is touched): the preview before the person
/// chooses between this device's profile and the account's.
pub fn account_item_counts(
    transport: &mut dyn Transport,
) -> Result<std::collections::BTreeMap<String, u32>> {
    item_counts(account_copy(transport)?.conn())
}

/// The account's profile, downloaded into a database in memory.
fn account_copy(transport: &mut dyn Transport) -> Result<Db> {
    let mut preview = Db::open_in_memory()?;
    crate::profile::bootstrap(&mut preview)?;
    preview.write_as(Source::Sync, |tx| {
        // Not capturing: the account's profile takes the blank one's place.
        tx.execute("DELETE FROM profiles", [])?;
        Ok(())
    })?;
    pull(
        &mut preview,
        transport,
        0,
        &mut |_| {},
        &mut Report::default(),
    )?;
    Ok(preview)
}

/// What signing in did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SignedIn {
    pub start: Start,
    pub report: Report,
}

/// Signs this device in to an account (`session`, from signing up or in at `server`):
/// stores the account, starts capture, brings the two sides together and syncs. This
/// device's profile goes up into an empty account; an empty device takes the
/// account's; when both hold one, `choice` says what happens, and without one nothing
/// is changed and the answer says so.
pub fn sign_in(
    db: &mut Db,
    transport: &mut dyn Transport,
    server: &str,
    email: &str,
    session: &Session,
    choice: Option<Choice>,
    progress: &mut dyn FnMut(Progress),
) -> Result<SignedIn> {
    db.ensure_writable()?;
    let start = survey(db, transport, &session.user_id)?;
    if start == Start::Both && choice.is_none() {
        return Err(Error::Conflict(
            "both this device and the account hold a profile; choose whether to merge them or to replace this device's with the account's".into(),
        ));
    }
    let chooser = match db.audit_context().source {
        Source::Sync => Source::System,
        person => person,
    };
    db.write_as(Source::Sync, |tx| {
        // What was waiting for another account is not this one's.
        tx.execute(
            "DELETE FROM sync_outbox WHERE (SELECT account_id FROM sync_state WHERE id = 1) IS NOT ?1",
            [&session.user_id],
        )?;
        tx.execute(
            "DELETE FROM sync_rows WHERE (SELECT account_id FROM sync_state WHERE id = 1) IS NOT ?1",
            [&session.user_id],
        )?;
        if start == Start::Resume {
            // The same account: the pull goes on from where it was, the outbox is sent.
            tx.execute(
                "UPDATE sync_state SET device_id = ?1, server_url = ?2, email = ?3 WHERE id = 1",
                params![session.device_id, server, email],
            )?;
            return Ok(());
        }
        tx.execute(
            "UPDATE sync_state SET capturing = 1, device_id = ?1, account_id = ?2, server_url = ?3,
                 email = ?4, pull_next = 0, last_synced_at = NULL, merge_from_change = NULL,
                 merge_source = NULL
             WHERE id = 1",
            params![session.device_id, session.user_id, server, email],
        )?;
        match start {
            // The profile goes up with the catalog rows it uses, first (the account
            // matches them by name).
            Start::Upload | Start::Empty => enqueue(tx, tables::synced()),
            Start::Resume => Ok(()),
            // The account's profile takes this device's place; the old one stays in
            // the history (undoing this change adds its items back into the account's
            // profile, see `merge::bring_back`, and that syncs as an edit).
            Start::Download | Start::Both => {
                tx.execute("DELETE FROM profiles", [])?;
                if start == Start::Both && choice == Some(Choice::Merge) {
                    // The audit rows of this change keep the device's profile, to be
                    // merged into the account's once that is here, as a change of the
                    // person's (which syncs).
                    tx.execute(
                        "UPDATE sync_state SET merge_from_change =
                             (SELECT change_id FROM audit_state WHERE id = 1),
                             merge_source = ?1 WHERE id = 1",
                        [chooser.as_str()],
                    )?;
                }
                Ok(())
            }
        }
    })?;
    let report = sync_now(db, transport, progress)?;
    Ok(SignedIn { start, report })
}

/// Puts every row of `synced` tables in the outbox, parents first, with fresh stamps:
/// what uploading this device's profile into an empty account sends.
fn enqueue<'t>(
    tx: &Transaction<'_>,
    synced: impl Iterator<Item = &'t tables::Table>,
) -> Result<()> {
    let mut rows = Vec::new();
    for table in synced {
        let wanted = match table.sync {
            tables::SyncRole::Catalog => format!("WHERE id IN ({})", used_catalog_ids(tx, table)?),
            _ => String::new(),
        };
        let rowids: String = tx.query_row(
            &format!(
                "SELECT json_group_array(rowid) FROM (SELECT rowid FROM \"{}\" {wanted} ORDER BY rowid)",
                table.name
            ),
            [],
            |row| row.get(0),
        )?;
        rows.push((table, rowids));
    }
    capture::record_inserts(tx, rows.into_iter())
}

/// Puts, ahead of everything waiting, the catalog rows that waiting changes refer to
/// and that the account has neither been sent nor sent here (a technology this device
/// had before it signed in, first used now): the account must know a technology before
/// it takes a row that names it.
fn send_catalog_first(tx: &Transaction<'_>) -> Result<()> {
    for catalog in tables::synced().filter(|t| t.sync == tables::SyncRole::Catalog) {
        let mut named = Vec::new();
        for table in tables::synced().filter(|t| t.sync == tables::SyncRole::Account) {
            let mut stmt = tx.prepare_cached(
                "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE \"table\" = ?2",
            )?;
            let columns =
                stmt.query_map([table.name, catalog.name], |row| row.get::<_, String>(0))?;
            for column in columns {
                let column = column?;
                let value = match table.key.iter().position(|k| *k == column) {
                    Some(i) => format!("json_extract(row_key, '$[{i}]')"),
                    None => format!("json_extract(columns, '$.{column}')"),
                };
                named.push(format!(
                    "SELECT {value} FROM sync_outbox WHERE table_name = '{}' AND op = 'upsert'",
                    table.name
                ));
            }
        }
        if named.is_empty() {
            continue;
        }
        let rowids: String = tx
            .prepare_cached(&format!(
                "SELECT json_group_array(rowid) FROM (SELECT c.rowid FROM \"{name}\" c
                 WHERE c.id IN ({named})
                   AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.table_name = '{name}' AND s.row_key = json_array(c.id))
                   AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.table_name = '{name}' AND o.row_key = json_array(c.id))
                 ORDER BY c.rowid)",
                name = catalog.name,
                named = named.join(" UNION "),
            ))?
            .query_row([], |row| row.get(0))?;
        if rowids == "[]" {
            continue;
        }
        let (first, last): (i64, i64) = tx.query_row(
            "SELECT coalesce(min(seq), 1), coalesce(max(seq), 0) FROM sync_outbox",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        capture::record_inserts(tx, std::iter::once((catalog, rowids)))?;
        // Renumbered to come before every change already waiting.
        let added: i64 = tx.query_row(
            "SELECT count(*) FROM sync_outbox WHERE seq > ?1",
            [last],
            |row| row.get(0),
        )?;
        tx.execute(
            "UPDATE sync_outbox SET seq = seq - ?1 + ?2 - ?3 - 1 WHERE seq > ?1",
            params![last, first, added],
        )?;
    }
    Ok(())
}

/// A query of the ids of `catalog` that the account's rows refer to: of the catalog,
/// only what the profile uses goes up with it.
fn used_catalog_ids(tx: &Transaction<'_>, catalog: &tables::Table) -> Result<String> {
    let mut uses = vec!["SELECT NULL".to_owned()];
    for table in tables::synced().filter(|t| t.sync == tables::SyncRole::Account) {
        let mut stmt = tx.prepare_cached(
            "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE \"table\" = ?2",
        )?;
        let columns = stmt.query_map([table.name, catalog.name], |row| row.get::<_, String>(0))?;
        for column in columns {
            uses.push(format!("SELECT \"{}\" FROM \"{}\"", column?, table.name));
        }
    }
    Ok(uses.join(" UNION "))
}

/// Signs this device out: capture stops and the account's details are forgotten. The
/// profile stays. Changes that were not synced stay in the outbox and are sent if the
/// device signs in to the same account again; returns how many there are.
pub fn sign_out(db: &mut Db) -> Result<u64> {
    db.ensure_writable()?;
    let pending = status(db.conn())?.pending;
    db.conn().execute(
        "UPDATE sync_state SET capturing = 0, last_synced_at = NULL WHERE id = 1",
        [],
    )?;
    Ok(pending)
}

impl Db {
    /// [`Db::write`] with `source` as the change's source (the rest of the context kept).
    pub(crate) fn write_as<T>(
        &mut self,
        source: Source,
        change: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let before = self.audit_context().clone();
        self.set_audit_context(AuditContext {
            source,
            session_id: None,
            ..before.clone()
        });
        let outcome = self.write(change);
        self.set_audit_context(before);
        outcome
    }
}

/// Where this device's sign-in token is kept: a file beside the database, readable and
/// writable by its owner only (never in the database, which backups copy). `None` for
/// a database in memory.
pub fn token_path(db: &Db) -> Option<std::path::PathBuf> {
    let path = db.path()?;
    let mut name = path.file_name()?.to_os_string();
    name.push(".sync-token");
    Some(path.with_file_name(name))
}

fn io_error(action: &'static str, path: &std::path::Path, source: std::io::Error) -> Error {
    Error::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// Keeps the token of this device's session (replacing any before it).
pub fn save_token(db: &Db, token: &str) -> Result<()> {
    use std::io::Write;
    let Some(path) = token_path(db) else {
        return Ok(());
    };
    let mut partial = path.clone().into_os_string();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&partial).and_then(|mut file| {
        file.write_all(token.as_bytes())?;
        file.sync_all()
    });
    written.map_err(|e| io_error("write the sign-in token to", &partial, e))?;
    std::fs::rename(&partial, &path).map_err(|e| io_error("keep the sign-in token in", &path, e))
}

/// The token of this device's session, if it has one.
pub fn load_token(db: &Db) -> Result<Option<String>> {
    let Some(path) = token_path(db) else {
        return Ok(None);
    };
    match std::fs::read_to_string(&path) {
        Ok(token) => Ok(Some(token.trim().to_owned()).filter(|t| !t.is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error("read the sign-in token from", &path, e)),
    }
}

/// Removes the token of this device's session.
pub fn forget_token(db: &Db) -> Result<()> {
    let Some(path) = token_path(db) else {
        return Ok(());
    };
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(io_error("remove the sign-in token", &path, e))
        }
        _ => Ok(()),
    }
}
