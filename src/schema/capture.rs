//! The sync capture triggers, generated from the table registry and the live columns.
//!
//! While a device is signed in to an account (`sync_state.capturing`), every insert,
//! update and delete of a synced table is recorded in `sync_outbox` in the transaction
//! that makes it, whoever makes it: Career Hub, an import, an undo, or another program's
//! SQL. Each recorded change gets the next stamp of the device's hybrid logical clock,
//! kept in `sync_state` and ticked in SQL (the clock of `career_hub_protocol::hlc`:
//! milliseconds, then a counter, then the device), so that a writer without Career
//! Hub's code is stamped the same way. Changes that sync itself applies (the audit
//! context's source is `sync`) are not recorded again.
//!
//! What a change carries ([`carried_columns`]): the row's columns except its key (the
//! key names the row), the derived ones (each replica computes them), `updated_at`
//! (each replica's own "last changed here", stamped by its own trigger) and
//! `profiles.user_id` (the account on the server, the local user on a device). An
//! insert carries all of them, an update those it changed, a delete none.
//!
//! Released migrations are never edited: when the registry or a table's columns
//! change, the test `generated_capture_triggers_equal_the_live_ones` fails and, with
//! `UPDATE_MIGRATIONS=1`, writes the migration that recreates the triggers that differ.

use career_hub_protocol::hlc;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::tables::{self, Table};
use super::triggers::{Triggers, columns};
use crate::{Error, Result};

/// The condition under which a write is captured.
const CAPTURING: &str = "EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capturing = 1)
    AND (SELECT source FROM audit_state WHERE id = 1) IS NOT 'sync'";

/// The statement that moves the device's clock on by one stamp.
const TICK: &str = "UPDATE sync_state SET
        clock_wall_ms = CASE WHEN clock_now.now > clock_wall_ms THEN clock_now.now
            WHEN clock_counter >= 99999 THEN clock_wall_ms + 1 ELSE clock_wall_ms END,
        clock_counter = CASE WHEN clock_now.now > clock_wall_ms OR clock_counter >= 99999 THEN 0
            ELSE clock_counter + 1 END
    FROM (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now) AS clock_now
    WHERE id = 1";

/// The clock's current stamp, as text, read from `sync_state`.
pub const STAMP: &str = "printf('%016d-%05d-%s', clock_wall_ms, clock_counter, device_id)";

/// The columns a change of `table` carries, in the table's order.
pub fn carried_columns(conn: &Connection, table: &Table) -> Result<Vec<String>> {
    Ok(columns(conn, table.name)?
        .into_iter()
        .filter(|c| carried(table, c))
        .collect())
}

/// Whether a change of `table` carries `column`.
pub fn carried(table: &Table, column: &str) -> bool {
    let replica_own = column == "updated_at" || table.derived.contains(&column);
    let server_owned = table.name == "profiles" && column == "user_id";
    !(table.key.contains(&column) || replica_own || server_owned)
}

/// The capture triggers every synced table should have, for the columns it has in `conn`.
pub fn capture_triggers(conn: &Connection) -> Result<Triggers> {
    let mut triggers = Triggers::new();
    for table in tables::synced() {
        let carried = carried_columns(conn, table)?;
        for (event, sql) in [
            ("insert", insert_trigger(table, &carried)),
            ("update", update_trigger(table, &carried)),
            ("delete", delete_trigger(table)),
        ] {
            let name = format!("sync_{}_{event}", table.name);
            triggers.insert(name.clone(), sql.replace("{name}", &name));
        }
    }
    Ok(triggers)
}

/// The SQL of a migration that brings the live capture triggers of `conn` to the
/// generated ones: `(up, down)`, or `None` when they are equal already.
pub fn next_migration(conn: &Connection) -> Result<Option<(String, String)>> {
    Ok(super::triggers::migration(
        &super::triggers::live_triggers(conn, "sync")?,
        &capture_triggers(conn)?,
    ))
}

/// `json_array(ROW.k, …)`: the row's key as the protocol names it.
pub fn key_json(table: &Table, row: &str) -> String {
    let parts: Vec<String> = table.key.iter().map(|k| format!("{row}.{k}")).collect();
    format!("json_array({})", parts.join(", "))
}

/// `json_object(…)` of `columns` of the row: JSON columns nested as JSON.
pub fn values_json(table: &Table, columns: &[String], row: &str) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|column| {
            if table.json.contains(&column.as_str()) {
                format!("'{column}', json({row}.{column})")
            } else {
                format!("'{column}', {row}.{column}")
            }
        })
        .collect();
    format!("json_object({})", pairs.join(", "))
}

fn outbox_insert(table: &Table, key: &str, op: &str, columns: &str) -> String {
    format!(
        "INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT '{table}', {key}, '{op}', {columns}, {STAMP} FROM sync_state WHERE id = 1;",
        table = table.name,
    )
}

/// A capture trigger: on `event` of `table`, when `when` holds and the write is
/// captured, the clock ticks and `body` records the change.
fn capture_trigger(table: &Table, event: &str, when: Option<&str>, body: &str) -> String {
    let when = when.map_or_else(String::new, |w| format!("({w}) AND "));
    format!(
        "CREATE TRIGGER {{name}} AFTER {event} ON {table}
FOR EACH ROW WHEN {when}{CAPTURING}
BEGIN
    {TICK};
    {body}
END",
        table = table.name,
    )
}

fn insert_trigger(table: &Table, carried: &[String]) -> String {
    let body = outbox_insert(
        table,
        &key_json(table, "NEW"),
        "upsert",
        &values_json(table, carried, "NEW"),
    );
    capture_trigger(table, "INSERT", None, &body)
}

/// An update that changes the key is the old row's delete and the new row's insert;
/// any other carries the columns it changed.
fn update_trigger(table: &Table, carried: &[String]) -> String {
    let rekeyed: Vec<String> = table
        .key
        .iter()
        .map(|k| format!("NEW.{k} IS NOT OLD.{k}"))
        .collect();
    let rekeyed = rekeyed.join(" OR ");
    let changed: Vec<String> = carried
        .iter()
        .map(|c| format!("NEW.{c} IS NOT OLD.{c}"))
        .collect();
    let unchanged_paths: Vec<String> = carried
        .iter()
        .map(|c| format!("CASE WHEN NEW.{c} IS OLD.{c} THEN '$.{c}' ELSE '$.\"\"' END"))
        .collect();
    let all = values_json(table, carried, "NEW");
    let columns = if carried.is_empty() {
        all.clone()
    } else {
        format!(
            "CASE WHEN {rekeyed} THEN {all} ELSE json_remove({all}, {}) END",
            unchanged_paths.join(", ")
        )
    };
    let mut delete_old = outbox_insert(table, &key_json(table, "OLD"), "delete", "'{}'");
    delete_old = delete_old.replace("WHERE id = 1;", &format!("WHERE id = 1 AND ({rekeyed});"));
    let when = if changed.is_empty() {
        rekeyed.clone()
    } else {
        format!("{rekeyed} OR {}", changed.join(" OR "))
    };
    let upsert = outbox_insert(table, &key_json(table, "NEW"), "upsert", &columns);
    capture_trigger(
        table,
        "UPDATE",
        Some(&when),
        &format!("{delete_old}\n    {upsert}"),
    )
}

/// A delete carries no columns (the audit trail keeps the deleted row, should an edit
/// from another device bring it back).
fn delete_trigger(table: &Table) -> String {
    let body = outbox_insert(table, &key_json(table, "OLD"), "delete", "'{}'");
    capture_trigger(table, "DELETE", None, &body)
}

/// The statement that records, at once, the changes the insert trigger of `table`
/// would have recorded for each row whose rowid is in `?1` (a JSON array), in rowid
/// order ([`crate::bulk`]). The rows get consecutive clock stamps from `?2` (the first
/// stamp as `milliseconds * 100000 + counter`) for device `?3`.
fn bulk_outbox_insert(conn: &Connection, table: &Table) -> Result<String> {
    let carried = carried_columns(conn, table)?;
    let stamp = "(?2 + row_number() OVER (ORDER BY NEW.rowid) - 1)";
    Ok(format!(
        "INSERT INTO sync_outbox (table_name, row_key, op, columns, hlc)
    SELECT '{name}', {key}, 'upsert', {values},
        printf('%016d-%05d-%s', {stamp} / 100000, {stamp} % 100000, ?3)
    FROM {name} AS NEW
    WHERE NEW.rowid IN (SELECT value FROM json_each(?1))
    ORDER BY NEW.rowid",
        name = table.name,
        key = key_json(table, "NEW"),
        values = values_json(table, &carried, "NEW"),
    ))
}

/// Records in the outbox, as the insert triggers would have, the rows of each table
/// whose rowids are listed (a JSON array), parents first, with the next stamps of the
/// device's clock. Fails unless the device is signed in.
pub fn record_inserts<'t>(
    tx: &Transaction<'_>,
    rows: impl Iterator<Item = (&'t Table, String)>,
) -> Result<()> {
    let (wall_ms, counter, device): (i64, i64, String) = tx
        .query_row(
            "SELECT clock_wall_ms, clock_counter, device_id FROM sync_state
             WHERE id = 1 AND device_id IS NOT NULL",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| {
            Error::Internal(
                "changes were recorded for sync on a device that is not signed in".into(),
            )
        })?;
    let now = i64::try_from(hlc::now_ms()).unwrap_or(i64::MAX / 200_000);
    // Stamps as one number, milliseconds then counter, as the triggers' clock ticks.
    let mut next = (now * 100_000).max(wall_ms * 100_000 + counter + 1);
    let first = next;
    for (table, rowids) in rows {
        let sql = bulk_outbox_insert(tx, table)?;
        let recorded = tx
            .prepare_cached(&sql)?
            .execute(params![rowids, next, device])?;
        next += i64::try_from(recorded).unwrap_or(0);
    }
    if next > first {
        let last = next - 1;
        tx.execute(
            "UPDATE sync_state SET clock_wall_ms = ?1, clock_counter = ?2 WHERE id = 1",
            params![last / 100_000, last % 100_000],
        )?;
    }
    Ok(())
}
