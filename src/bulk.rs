//! The bulk write path: many rows inserted in one transaction at a fraction of the
//! per-row cost, with every promise the triggers make kept.
//!
//! Row by row, each insert into user data runs three kinds of trigger: the audit
//! trigger (one `audit_log` row with the whole row as JSON), the full-text trigger (the
//! row indexed for search; FTS5 writes its pending terms to disk at every statement,
//! so each row becomes a small index segment) and the completeness trigger (the
//! profile's score recomputed). [`insert`] turns triggers off on its own connection
//! (`SQLITE_DBCONFIG_ENABLE_TRIGGER`; every other connection and program keeps them)
//! for the length of its work, turns them back on, and then does what those triggers
//! would have done, once for all the rows the work inserted: one `INSERT … SELECT` of
//! audit rows per table (generated from the same registry as the triggers, so their
//! content is the same), one score per profile, one insert into each full-text index.
//!
//! Which rows were inserted is told by SQLite's update hook, row by row, so a rowid
//! reused after a delete is counted too. The one rule for the work: it only inserts.
//! An update or delete of a table with triggers would go unaudited, so it fails the
//! whole write with [`Error::Internal`] instead of leaving a gap in the history.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::config::DbConfig;
use rusqlite::hooks::Action;
use rusqlite::{Connection, Transaction};

use crate::schema::{capture, tables, triggers};
use crate::{Error, Result};

/// The SQL function that makes an audit row's id in the bulk path (registered on every
/// connection by [`crate::db::configure`]).
pub(crate) const ULID_FUNCTION: &str = "career_hub_ulid";

/// Registers [`ULID_FUNCTION`] on `conn`.
pub(crate) fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        ULID_FUNCTION,
        0,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        |_| Ok(ulid::Ulid::generate().to_string()),
    )?;
    Ok(())
}

/// How the error of a bulk write that did more than insert begins.
const REFUSAL: &str = "a bulk write may only insert";

/// Whether `error` is [`insert`] refusing work that updated or deleted: the work can
/// run again outside the bulk path.
pub fn refused(error: &Error) -> bool {
    matches!(error, Error::Internal(message) if message.starts_with(REFUSAL))
}

/// What becomes of the audit rows of the rows a bulk write inserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audit {
    /// One per inserted row, with the change's id, as the insert triggers write them.
    Write,
    /// None: the caller replaces the whole history in the same transaction (a full
    /// backup's restore brings its own).
    Replaced,
}

/// The rows a bulk write inserted, by table, in the order they were inserted.
#[derive(Debug, Default)]
struct Inserted {
    rows: BTreeMap<String, Vec<i64>>,
    /// The first update or delete the work made of a table with triggers.
    refused: Option<(Action, String)>,
}

/// The temporary table whose presence makes [`insert`] write row by row on this
/// connection ([`set_enabled`]).
const ROW_BY_ROW: &str = "career_hub_row_by_row";

/// Turns the bulk path on or off for `conn` (it is on unless turned off): off, [`insert`]
/// runs its work with the triggers, row by row. For comparing the two and for
/// diagnosis; nothing else differs.
pub fn set_enabled(conn: &Connection, on: bool) -> Result<()> {
    if on {
        conn.execute_batch(&format!("DROP TABLE IF EXISTS temp.{ROW_BY_ROW}"))?;
    } else {
        conn.execute_batch(&format!("CREATE TEMP TABLE IF NOT EXISTS {ROW_BY_ROW} (x)"))?;
    }
    Ok(())
}

/// Turns the connection's triggers back on when dropped, whatever happened.
struct TriggersOff<'c>(&'c Connection);

impl<'c> TriggersOff<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
        Ok(Self(conn))
    }
}

impl Drop for TriggersOff<'_> {
    fn drop(&mut self) {
        if let Err(e) = self
            .0
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)
        {
            tracing::error!(%e, "could not turn triggers back on after a bulk write");
        }
    }
}

/// Runs `work` in `tx` on the bulk path: the connection's triggers are off while it
/// runs, and what they would have done for the rows it inserted is done at once when
/// it returns, even when it returns an error (so a caller that goes on after a
/// tolerated error never commits rows without their audit rows, search entries or
/// score).
///
/// Outside a change begun by [`crate::Db::write`] (or with [`set_enabled`] off),
/// `work` simply runs with the triggers.
pub fn insert<T>(
    tx: &Transaction<'_>,
    audit: Audit,
    work: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let (in_change, row_by_row): (bool, bool) = tx.query_row(
        &format!(
            "SELECT (SELECT change_id IS NOT NULL FROM audit_state WHERE id = 1),
                    EXISTS (SELECT 1 FROM temp.sqlite_schema WHERE name = '{ROW_BY_ROW}')"
        ),
        [],
        |row| Ok((row.get::<_, Option<bool>>(0)?.unwrap_or(false), row.get(1)?)),
    )?;
    if !in_change || row_by_row {
        return work(tx);
    }
    let triggered: BTreeSet<String> = tx
        .prepare_cached("SELECT DISTINCT tbl_name FROM sqlite_schema WHERE type = 'trigger'")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let inserted = Arc::new(Mutex::new(Inserted::default()));
    let seen = Arc::clone(&inserted);
    tx.update_hook(Some(move |action, _: &str, table: &str, rowid| {
        if !triggered.contains(table) {
            return;
        }
        let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
        if action == Action::SQLITE_INSERT {
            match seen.rows.get_mut(table) {
                Some(rows) => rows.push(rowid),
                None => {
                    seen.rows.insert(table.to_owned(), vec![rowid]);
                }
            }
        } else if seen.refused.is_none() {
            seen.refused = Some((action, table.to_owned()));
        }
    }))?;
    let outcome = TriggersOff::new(tx).and_then(|off| {
        let outcome = work(tx);
        drop(off);
        outcome
    });
    tx.update_hook(None::<fn(Action, &str, &str, i64)>)?;
    let inserted = std::mem::take(&mut *inserted.lock().unwrap_or_else(PoisonError::into_inner));
    if let Some((action, table)) = inserted.refused {
        let verb = if action == Action::SQLITE_DELETE {
            "deleted from"
        } else {
            "updated"
        };
        return Err(Error::Internal(format!(
            "{REFUSAL}, and it {verb} {table}; nothing was written"
        )));
    }
    finish(tx, audit, &inserted.rows)?;
    outcome
}

/// Does for the rows in `inserted` what the insert triggers would have done.
fn finish(tx: &Transaction<'_>, audit: Audit, inserted: &BTreeMap<String, Vec<i64>>) -> Result<()> {
    if inserted.is_empty() {
        return Ok(());
    }
    let rowids: BTreeMap<&str, String> = inserted
        .iter()
        .map(|(table, rows)| Ok((table.as_str(), serde_json::to_string(rows)?)))
        .collect::<Result<_>>()?;
    // The audit rows first: they hold each row as it was inserted, before the profile
    // it belongs to (or, for a new profile, the row itself) is scored.
    if audit == Audit::Write {
        // Registry order, parents first, as the rows were written: undoing the change
        // walks its audit rows backwards and so deletes children first.
        for table in tables::audited() {
            if let Some(rows) = rowids.get(table.name) {
                let sql = triggers::bulk_audit_insert(tx, table, ULID_FUNCTION)?;
                tx.prepare_cached(&sql)?.execute([rows])?;
            }
        }
    }
    capture_for_sync(tx, &rowids)?;
    score_profiles(tx, &rowids)?;
    index_for_search(tx, &rowids)
}

/// The capture triggers' work: while the device is signed in, every inserted row of a
/// synced table is recorded in the outbox with the next stamps of the device's clock
/// (unless sync itself is writing), parents first.
fn capture_for_sync(tx: &Transaction<'_>, rowids: &BTreeMap<&str, String>) -> Result<()> {
    let capturing: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
             AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'",
        [],
        |row| row.get(0),
    )?;
    if !capturing {
        return Ok(());
    }
    let rows = tables::synced().filter_map(|table| Some((table, rowids.get(table.name)?.clone())));
    capture::record_inserts(tx, rows)
}

/// The rows of a table whose rowids are in the JSON array `?N`.
fn listed(n: usize) -> String {
    format!("rowid IN (SELECT value FROM json_each(?{n}))")
}

/// The completeness triggers' work: every profile that gained a row (or was inserted)
/// is scored once.
fn score_profiles(tx: &Transaction<'_>, rowids: &BTreeMap<&str, String>) -> Result<()> {
    let mut scored = tx.prepare_cached(
        "SELECT tbl_name FROM sqlite_schema
         WHERE type = 'trigger' AND name = 'completeness_' || tbl_name || '_insert'
         ORDER BY tbl_name",
    )?;
    let tables: Vec<String> = scored
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut parts = Vec::new();
    let mut params = Vec::new();
    for table in &tables {
        if let Some(rows) = rowids.get(table.as_str()) {
            params.push(rows.as_str());
            let profile = if table == "profiles" {
                "id"
            } else {
                "profile_id"
            };
            parts.push(format!(
                "SELECT {profile} FROM {table} WHERE {}",
                listed(params.len())
            ));
        }
    }
    if parts.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE profiles
         SET completeness_score = (SELECT score FROM profile_completeness WHERE profile_id = profiles.id)
         WHERE id IN ({})
           AND completeness_score IS NOT (SELECT score FROM profile_completeness WHERE profile_id = profiles.id)",
        parts.join(" UNION ")
    );
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(params))?;
    Ok(())
}

/// The full-text triggers' work: each index gets the inserted rows in one statement
/// (one segment, instead of one per row).
fn index_for_search(tx: &Transaction<'_>, rowids: &BTreeMap<&str, String>) -> Result<()> {
    for (table, rows) in rowids {
        let index = format!("{table}_fts");
        let columns = triggers::columns(tx, &index)?;
        if columns.is_empty() {
            continue;
        }
        let columns = columns.join(", ");
        let sql = format!(
            "INSERT INTO {index} (rowid, {columns}) SELECT rowid, {columns} FROM {table} WHERE {} ORDER BY rowid",
            listed(1)
        );
        tx.prepare_cached(&sql)?.execute([rows])?;
    }
    Ok(())
}
