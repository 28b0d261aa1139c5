//! The bulk write path: many rows inserted in one transaction at a fraction of the
//! per-row cost, with every promise the triggers make kept.
//!
//! Row by row, each insert into user data runs three kinds of trigger: the audit
//! trigger (one `audit_log` row with the whole row as JSON), the full-text trigger (the
//! row indexed for search; FTS5 writes its pending terms to disk at every statement,
//! so each row becomes a small index segment), and the completeness trigger (the
//! profile's score recomputed). [`insert`] sets the `bulk` flag of `audit_state` for
//! the length of its work; those insert triggers stand aside while it is set
//! ([`triggers::UNLESS_BULK`]), and when the work is done the same three things are
//! done once for all the rows it inserted: one `INSERT … SELECT` of audit rows per
//! table (generated from the same registry as the triggers, so their content is the
//! same), one insert into each full-text index, one update of each profile's score.
//!
//! What stays row by row: updates and deletes (their triggers never stand aside), and
//! every write from another program or another connection (the flag is set only inside
//! Career Hub's own write transaction and cleared before it commits, so no other
//! writer ever sees it set). Which rows were inserted is told by SQLite's update hook,
//! row by row, cascades and triggers included, so a rowid the work reuses after a
//! delete is counted too.
//!
//! The one rule for the work: it inserts rows and does not update or delete a row it
//! inserted itself (the update and delete triggers would audit and unindex a row that
//! is not audited or indexed yet). Breaking it fails the whole write with
//! [`Error::Internal`] instead of leaving a wrong audit trail or search index.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::hooks::Action;
use rusqlite::{Connection, Transaction};

use crate::schema::{tables, triggers};
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
    /// The first inserted row that the work then updated or deleted.
    rewritten: Option<(String, i64)>,
}

/// Runs `work` in `tx` on the bulk path: the insert triggers of user data stand aside
/// while it runs, and what they would have done for the rows it inserted is done at
/// once when it returns, even when it returns an error (so a caller that goes on
/// after a tolerated error never commits rows without their audit rows, search
/// entries or score).
///
/// Outside a change begun by [`crate::Db::write`] the flag cannot be set, and `work`
/// simply runs with the triggers.
pub fn insert<T>(
    tx: &Transaction<'_>,
    audit: Audit,
    work: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let started = tx.execute(
        "UPDATE audit_state SET bulk = 1 WHERE id = 1 AND change_id IS NOT NULL",
        [],
    )? == 1;
    if !started {
        return work(tx);
    }
    let inserted = Arc::new(Mutex::new(Inserted::default()));
    let seen = Arc::clone(&inserted);
    tx.update_hook(Some(move |action, _: &str, table: &str, rowid| {
        if !is_user_data(table) {
            return;
        }
        let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
        match action {
            Action::SQLITE_INSERT => seen.rows.entry(table.to_owned()).or_default().push(rowid),
            Action::SQLITE_UPDATE | Action::SQLITE_DELETE => {
                let ours = seen
                    .rows
                    .get(table)
                    .is_some_and(|rows| rows.contains(&rowid));
                if ours && seen.rewritten.is_none() {
                    seen.rewritten = Some((table.to_owned(), rowid));
                }
            }
            _ => {}
        }
    }))?;
    let outcome = work(tx);
    tx.update_hook(None::<fn(Action, &str, &str, i64)>)?;
    tx.execute("UPDATE audit_state SET bulk = 0 WHERE id = 1", [])?;
    let inserted = std::mem::take(&mut *inserted.lock().unwrap_or_else(PoisonError::into_inner));
    if let Some((table, rowid)) = inserted.rewritten {
        return Err(Error::Internal(format!(
            "a bulk write changed a row it had inserted ({table} rowid {rowid}); \
             nothing was written"
        )));
    }
    finish(tx, audit, &inserted.rows)?;
    outcome
}

fn is_user_data(table: &str) -> bool {
    tables::audited().any(|t| t.name == table)
}

/// Does for the rows in `inserted` what the insert triggers stood aside from.
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
    score_profiles(tx, &rowids)?;
    index_for_search(tx, &rowids)
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
        let mut columns =
            tx.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let columns: Vec<String> = columns
            .query_map([&index], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
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
