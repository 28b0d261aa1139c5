//! What a device does with the server's answers: acknowledging pushed changes, and
//! applying pulled ones by the merge rules of `docs/sync.md` (per column, the later
//! clock stamp wins; a delete is a tombstone that loses to a later edit; an edit after a
//! delete brings the row back, parents first; the catalog is matched by name).
//!
//! A device's view of a column's stamp is the later of two: the stamp the server has
//! acknowledged or sent (`sync_rows`) and the stamp of a change of its own still in the
//! outbox. So an edit made here and not yet pushed is not overwritten by an older edit
//! from elsewhere, exactly as the server will decide when it arrives there.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use career_hub_protocol::api::{Change, Op, PushResponse};
use career_hub_protocol::hlc::Hlc;
use career_hub_protocol::tables::{self, SyncRole, Table};
use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};
use serde_json::{Map, Value};

use super::Report;
use crate::Result;
use crate::schema::capture;

/// How `sync_rows` and the outbox name a row: its key as a JSON array.
pub(super) fn row_key(key: &[String]) -> String {
    Value::from(key.to_vec()).to_string()
}

/// The clock every upsert of a row sets besides its columns': when the row was last
/// written at all (a link has no columns of its own, and its writes count too).
const ROW_CLOCK: &str = "";

/// The merge state of one row, as this device sees it.
#[derive(Debug, Default)]
struct RowState {
    /// Stamps the server acknowledged or sent, by column.
    clocks: BTreeMap<String, Hlc>,
    deleted: Option<Hlc>,
    /// Values edits from elsewhere gave the row while it was deleted here.
    data: Map<String, Value>,
    /// Stamps of this device's changes not yet acknowledged, by column.
    pending: BTreeMap<String, Hlc>,
    pending_delete: Option<Hlc>,
    /// Whether sync has seen the row at all (it may have values to come back with).
    known: bool,
}

impl RowState {
    fn load(tx: &Transaction<'_>, table: &str, key: &str) -> Result<Self> {
        let mut state = RowState::default();
        let stored: Option<(String, Option<String>, Option<String>)> = tx
            .prepare_cached(
                "SELECT clocks, deleted_hlc, data FROM sync_rows WHERE table_name = ?1 AND row_key = ?2",
            )?
            .query_row(params![table, key], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()?;
        if let Some((clocks, deleted, data)) = stored {
            state.known = true;
            if let Some(data) = data {
                state.data = serde_json::from_str(&data)?;
            }
            // Each stamp with the columns it is the stamp of (migration 0011).
            let clocks: BTreeMap<String, Vec<String>> = serde_json::from_str(&clocks)?;
            for (stamp, columns) in clocks {
                if let Ok(stamp) = stamp.parse::<Hlc>() {
                    for column in columns {
                        state.clocks.insert(column, stamp.clone());
                    }
                }
            }
            state.deleted = deleted.and_then(|d| d.parse().ok());
        }
        let mut pending = tx.prepare_cached(
            "SELECT op, columns, hlc FROM sync_outbox WHERE table_name = ?1 AND row_key = ?2",
        )?;
        let rows = pending.query_map(params![table, key], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (op, columns, stamp) = row?;
            let Ok(stamp) = stamp.parse::<Hlc>() else {
                continue;
            };
            state.known = true;
            if op == "delete" {
                state.pending_delete = state.pending_delete.max(Some(stamp));
            } else {
                let columns: Map<String, Value> = serde_json::from_str(&columns)?;
                let touched = std::iter::once(ROW_CLOCK.to_owned());
                for column in touched.chain(columns.into_iter().map(|(c, _)| c)) {
                    let slot = state.pending.entry(column).or_insert_with(|| stamp.clone());
                    if *slot < stamp {
                        *slot = stamp.clone();
                    }
                }
            }
        }
        Ok(state)
    }

    /// The stamp of the last edit of `column` this device knows of.
    fn clock(&self, column: &str) -> Option<&Hlc> {
        self.clocks
            .get(column)
            .into_iter()
            .chain(self.pending.get(column))
            .max()
    }

    /// The stamp of the row's latest edit.
    fn newest_edit(&self) -> Option<&Hlc> {
        self.clocks.values().chain(self.pending.values()).max()
    }

    /// The stamp of the latest delete of the row, whether or not an edit came after it
    /// (a row hanging from this one and last changed before it went with it).
    fn delete_stamp(&self) -> Option<&Hlc> {
        self.deleted.iter().chain(&self.pending_delete).max()
    }

    /// The stamp of the delete that holds the row deleted: the latest delete, unless an
    /// edit was made after it (add wins).
    fn deleted(&self) -> Option<&Hlc> {
        let deleted = self.deleted.iter().chain(&self.pending_delete).max()?;
        match self.newest_edit() {
            Some(edit) if edit >= deleted => None,
            _ => Some(deleted),
        }
    }
}

/// What a page of changes looks up again and again, read once: the columns of the
/// live schema a change may carry and the foreign keys of each table, the latest
/// delete stamp above each row (until a delete in the page), and which rows the page
/// brings are new here.
#[derive(Default)]
pub(super) struct Columns {
    carried: HashMap<&'static str, Rc<[String]>>,
    foreign_keys: HashMap<String, Vec<(String, String)>>,
    floors: HashMap<(&'static str, String), Option<Hlc>>,
    /// Rows (`row_key`s by table) the page upserts that this device had no trace of
    /// when the page began (not in their table, in `sync_rows` or in the outbox) and
    /// that nothing in the page has touched since: their merge state is empty and they
    /// do not exist, without looking. A change that touches a row takes it out; a
    /// delete or a catalog match, which can touch many, empties it.
    fresh: HashMap<&'static str, HashSet<String>>,
    /// Rows the page's new rows hang from that were here and not deleted when the page
    /// began, with the rows they hang from: their floor is the latest of those, without
    /// looking them up one by one. Emptied with `floors`.
    standing: HashMap<(&'static str, String), Vec<(&'static Table, String)>>,
    /// Rows known to be here: those in `standing`, and those the page inserted. Emptied
    /// with `floors`.
    present: HashSet<(&'static str, String)>,
}

impl Columns {
    /// Finds which of the rows `changes` upsert are new to this device, with one
    /// statement per table.
    pub(super) fn survey<'c>(
        &mut self,
        tx: &Transaction<'_>,
        changes: impl Iterator<Item = &'c Change>,
    ) -> Result<()> {
        let mut named: BTreeMap<&'static str, (&'static Table, Vec<String>)> = BTreeMap::new();
        let mut parents: BTreeMap<&'static str, (&'static Table, BTreeSet<String>)> =
            BTreeMap::new();
        for change in changes.filter(|c| c.op == Op::Upsert) {
            let Some(table) = tables::table(&change.table).filter(|t| t.sync != SyncRole::Local)
            else {
                continue;
            };
            if change.key.len() == table.key.len() {
                let keys = &mut named.entry(table.name).or_insert((table, Vec::new())).1;
                keys.push(row_key(&change.key));
                for (parent, id) in parents_of(tx, self, table, &change.key, &change.columns)? {
                    if parent.key.len() == 1 {
                        let ids = &mut parents
                            .entry(parent.name)
                            .or_insert((parent, BTreeSet::new()))
                            .1;
                        ids.insert(id);
                    }
                }
            }
        }
        for (parent, ids) in parents.into_values() {
            self.survey_parents(tx, parent, ids)?;
        }
        for (table, keys) in named.into_values() {
            let in_table: Vec<String> = table
                .key
                .iter()
                .enumerate()
                .map(|(i, k)| format!("\"{k}\" = j.value ->> {i}"))
                .collect();
            let sql = format!(
                "SELECT j.value FROM json_each(?2) j
                 WHERE NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.table_name = ?1 AND s.row_key = j.value)
                   AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.table_name = ?1 AND o.row_key = j.value)
                   AND NOT EXISTS (SELECT 1 FROM \"{}\" WHERE {})",
                table.name,
                in_table.join(" AND ")
            );
            let mut stmt = tx.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(params![table.name, Value::from(keys).to_string()], |row| {
                    row.get::<_, String>(0)
                })?;
            let fresh = self.fresh.entry(table.name).or_default();
            for row in rows {
                fresh.insert(row?);
            }
        }
        Ok(())
    }

    /// Finds which of the rows `ids` of `table` are here and not deleted, and what they
    /// hang from (`standing`).
    fn survey_parents(
        &mut self,
        tx: &Transaction<'_>,
        table: &'static Table,
        ids: BTreeSet<String>,
    ) -> Result<()> {
        let above: Vec<(String, &'static Table)> = self
            .foreign_keys(tx, table.name)?
            .iter()
            .filter_map(|(column, parent)| {
                let parent = tables::table(parent).filter(|t| t.sync == SyncRole::Account)?;
                Some((column.clone(), parent))
            })
            .collect();
        let key = table.key[0];
        let selected: Vec<String> = std::iter::once(key)
            .chain(above.iter().map(|(column, _)| column.as_str()))
            .map(|column| format!("p.\"{column}\""))
            .collect();
        let sql = format!(
            "SELECT {} FROM \"{}\" p WHERE p.\"{key}\" IN (SELECT value FROM json_each(?2))
               AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.table_name = ?1
                   AND s.row_key = json_array(p.\"{key}\") AND s.deleted_hlc IS NOT NULL)
               AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.table_name = ?1
                   AND o.row_key = json_array(p.\"{key}\") AND o.op = 'delete')",
            selected.join(", "),
            table.name
        );
        let ids = Value::from(ids.into_iter().collect::<Vec<_>>()).to_string();
        let mut stmt = tx.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![table.name, ids])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let mut hangs_from = Vec::new();
            for (i, (_, parent)) in above.iter().enumerate() {
                if let Some(parent_id) = row.get::<_, Option<String>>(i + 1)? {
                    hangs_from.push((*parent, parent_id));
                }
            }
            self.present.insert((table.name, id.clone()));
            self.standing.insert((table.name, id), hangs_from);
        }
        Ok(())
    }

    /// Forgets what is known of delete stamps above rows: a delete, or a row moved to
    /// other parents, may have changed them.
    fn forget_floors(&mut self) {
        self.floors.clear();
        self.standing.clear();
        self.present.clear();
    }

    /// Whether the row `key` of `table` is new here and untouched by the page so far;
    /// either way, it is touched from now on.
    fn take_fresh(&mut self, table: &Table, key: &str) -> bool {
        self.fresh
            .get_mut(table.name)
            .is_some_and(|fresh| fresh.remove(key))
    }

    fn of(&mut self, tx: &Transaction<'_>, table: &'static Table) -> Result<Rc<[String]>> {
        if let Some(carried) = self.carried.get(table.name) {
            return Ok(Rc::clone(carried));
        }
        let carried: Rc<[String]> = capture::carried_columns(tx, table)?.into();
        self.carried.insert(table.name, Rc::clone(&carried));
        Ok(carried)
    }

    /// `(column, parent table)` of each foreign key of `table`.
    fn foreign_keys(&mut self, tx: &Transaction<'_>, table: &str) -> Result<&[(String, String)]> {
        if !self.foreign_keys.contains_key(table) {
            let mut stmt = tx.prepare_cached(
                "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1) ORDER BY id",
            )?;
            let keys = stmt
                .query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            self.foreign_keys.insert(table.to_owned(), keys);
        }
        Ok(self.foreign_keys.get(table).map_or(&[], Vec::as_slice))
    }
}

/// A JSON value as SQLite stores it: JSON columns as JSON text, booleans as 0 or 1.
fn sql_value(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .or_else(|| n.as_f64().map(SqlValue::Real))
            .unwrap_or(SqlValue::Null),
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => SqlValue::Text(value.to_string()),
    }
}

fn key_condition(table: &Table) -> String {
    table
        .key
        .iter()
        .enumerate()
        .map(|(i, k)| format!("\"{k}\" = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn row_exists(tx: &Transaction<'_>, table: &Table, key: &[String]) -> Result<bool> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM \"{}\" WHERE {})",
        table.name,
        key_condition(table)
    );
    Ok(tx
        .prepare_cached(&sql)?
        .query_row(params_from_iter(key), |row| row.get(0))?)
}

/// The row's values when it was last deleted here, from the audit trail (which keeps
/// every deleted row whole, cascades included), as columns a change carries.
fn last_values(
    tx: &Transaction<'_>,
    table: &Table,
    key: &[String],
    carried: &[String],
) -> Result<Map<String, Value>> {
    let old: Option<String> = tx
        .prepare_cached(
            "SELECT old_values FROM audit_log WHERE entity_type = ?1 AND entity_id = ?2
                 AND action LIKE 'DELETE\\_%' ESCAPE '\\' ORDER BY rowid DESC LIMIT 1",
        )?
        .query_row(params![table.entity, key.join(":")], |row| row.get(0))
        .optional()?;
    let mut values: Map<String, Value> = match old {
        Some(text) => serde_json::from_str(&text)?,
        None => Map::new(),
    };
    values.retain(|column, _| carried.iter().any(|c| c == column));
    Ok(values)
}

/// The local user, who owns the profile on this device (`profiles.user_id` is the
/// account on the server).
fn local_user(tx: &Transaction<'_>) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT id FROM users ORDER BY created_at, rowid LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?)
}

fn insert_row(
    tx: &Transaction<'_>,
    table: &Table,
    key: &[String],
    values: &Map<String, Value>,
) -> Result<()> {
    let mut names: Vec<String> = table.key.iter().map(|k| (*k).to_owned()).collect();
    let mut bound: Vec<SqlValue> = key.iter().map(|k| SqlValue::Text(k.clone())).collect();
    for (column, value) in values {
        names.push(column.clone());
        bound.push(sql_value(value));
    }
    if table.name == "profiles" {
        names.push("user_id".into());
        bound.push(local_user(tx)?.map_or(SqlValue::Null, SqlValue::Text));
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO \"{}\" ({}) VALUES ({})",
        table.name,
        quoted.join(", "),
        marks.join(", ")
    );
    tx.prepare_cached(&sql)?.execute(params_from_iter(bound))?;
    Ok(())
}

fn update_row(
    tx: &Transaction<'_>,
    table: &Table,
    key: &[String],
    values: &[(&String, &Value)],
) -> Result<()> {
    let sets: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, (column, _))| format!("\"{column}\" = ?{}", i + 1 + key.len()))
        .collect();
    let sql = format!(
        "UPDATE \"{}\" SET {} WHERE {}",
        table.name,
        sets.join(", "),
        key_condition(table)
    );
    let bound: Vec<SqlValue> = key
        .iter()
        .map(|k| SqlValue::Text(k.clone()))
        .chain(values.iter().map(|(_, v)| sql_value(v)))
        .collect();
    tx.prepare_cached(&sql)?.execute(params_from_iter(bound))?;
    Ok(())
}

fn save_clocks(
    tx: &Transaction<'_>,
    table: &str,
    key: &str,
    stamps: &BTreeMap<String, Hlc>,
    deleted: Option<&Hlc>,
    data: Option<&Map<String, Value>>,
) -> Result<()> {
    // Grouped by stamp: a row written by one change has one stamp for all its columns.
    let mut clocks: BTreeMap<&Hlc, Vec<&str>> = BTreeMap::new();
    for (column, stamp) in stamps {
        clocks.entry(stamp).or_default().push(column);
    }
    let clocks: Map<String, Value> = clocks
        .into_iter()
        .map(|(stamp, columns)| (stamp.to_string(), Value::from(columns)))
        .collect();
    let data = data
        .filter(|d| !d.is_empty())
        .map(|d| Value::Object(d.clone()).to_string());
    tx.prepare_cached(
        "INSERT INTO sync_rows (table_name, row_key, clocks, deleted_hlc, data) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (table_name, row_key) DO UPDATE SET clocks = excluded.clocks,
             deleted_hlc = excluded.deleted_hlc, data = excluded.data",
    )?
    .execute(params![
        table,
        key,
        Value::Object(clocks).to_string(),
        deleted.map(ToString::to_string),
        data
    ])?;
    Ok(())
}

/// The parents a row names (`(table, id)`): the synced rows of the account it hangs from.
fn parents_of(
    tx: &Transaction<'_>,
    cache: &mut Columns,
    table: &Table,
    key: &[String],
    values: &Map<String, Value>,
) -> Result<Vec<(&'static Table, String)>> {
    let mut parents = Vec::new();
    for (column, parent) in cache.foreign_keys(tx, table.name)? {
        // The catalog counts too: a technology deleted here that the account has comes
        // back when something refers to it (the account never removes one).
        let Some(parent) = tables::table(parent).filter(|t| t.sync != SyncRole::Local) else {
            continue;
        };
        let value = match table.key.iter().position(|k| k == column) {
            Some(i) => key.get(i).cloned(),
            None => values
                .get(column)
                .and_then(Value::as_str)
                .map(str::to_owned),
        };
        if let Some(value) = value {
            parents.push((parent, value));
        }
    }
    Ok(parents)
}

/// What the rows a row hangs from say about a change of it stamped `hlc`.
enum Above {
    /// A row above was deleted at this stamp, at or after `hlc`: a change made before
    /// its parent was deleted does not bring the parent back; the cascade took the row
    /// too.
    DeletedWith(Hlc),
    /// Nothing above was deleted after `hlc`; the latest delete stamp above, if any.
    Floor(Option<Hlc>),
}

fn above(
    tx: &Transaction<'_>,
    cache: &mut Columns,
    table: &Table,
    key: &[String],
    values: &Map<String, Value>,
    hlc: &Hlc,
) -> Result<Above> {
    let mut latest = None;
    for (parent, id) in parents_of(tx, cache, table, key, values)? {
        if parent.sync == SyncRole::Catalog {
            continue;
        }
        let floor = floor(tx, cache, parent, id)?;
        if let Some(deleted) = floor.as_ref().filter(|deleted| *deleted >= hlc) {
            return Ok(Above::DeletedWith(deleted.clone()));
        }
        latest = latest.max(floor);
    }
    Ok(Above::Floor(latest))
}

/// The latest delete stamp of the row `id` of `table` and of every row above it.
fn floor(
    tx: &Transaction<'_>,
    cache: &mut Columns,
    table: &'static Table,
    id: String,
) -> Result<Option<Hlc>> {
    if let Some(known) = cache.floors.get(&(table.name, id.clone())) {
        return Ok(known.clone());
    }
    if let Some(hangs_from) = cache.standing.remove(&(table.name, id.clone())) {
        // Here and not deleted: only what it hangs from can hold it deleted.
        let mut latest = None;
        for (parent, parent_id) in hangs_from {
            latest = latest.max(floor(tx, cache, parent, parent_id)?);
        }
        cache.floors.insert((table.name, id), latest.clone());
        return Ok(latest);
    }
    let key = vec![id.clone()];
    let state = RowState::load(tx, table.name, &row_key(&key))?;
    let mut latest = state.delete_stamp().cloned();
    let values = if row_exists(tx, table, &key)? {
        Some(current_values(tx, table, &key)?)
    } else if state.known {
        let carried = cache.of(tx, table)?;
        let mut last = last_values(tx, table, &key, &carried)?;
        last.extend(state.data.clone());
        Some(last)
    } else {
        None
    };
    if let Some(values) = values {
        for (parent, parent_id) in parents_of(tx, cache, table, &key, &values)? {
            if parent.sync != SyncRole::Catalog {
                latest = latest.max(floor(tx, cache, parent, parent_id)?);
            }
        }
    }
    cache.floors.insert((table.name, id), latest.clone());
    Ok(latest)
}

/// The row's text columns as they are now (what names its parents).
fn current_values(
    tx: &Transaction<'_>,
    table: &Table,
    key: &[String],
) -> Result<Map<String, Value>> {
    let sql = format!(
        "SELECT * FROM \"{}\" WHERE {}",
        table.name,
        key_condition(table)
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let names: Vec<String> = stmt
        .column_names()
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    let values = stmt
        .query_row(params_from_iter(key), |row| {
            let mut values = Map::new();
            for (i, name) in names.iter().enumerate() {
                if let Ok(text) = row.get::<_, String>(i) {
                    values.insert(name.clone(), Value::String(text));
                }
            }
            Ok(values)
        })
        .optional()?;
    Ok(values.unwrap_or_default())
}

/// Brings back the deleted rows that a row hangs from, parents first (add wins).
fn resurrect_parents(
    tx: &Transaction<'_>,
    columns: &mut Columns,
    table: &Table,
    key: &[String],
    values: &Map<String, Value>,
    report: &mut Report,
) -> Result<()> {
    for (parent, id) in parents_of(tx, columns, table, key, values)? {
        let known = (parent.name, id);
        if columns.present.contains(&known) {
            continue;
        }
        let parent_key = vec![known.1];
        if row_exists(tx, parent, &parent_key)? {
            continue;
        }
        let state = RowState::load(tx, parent.name, &row_key(&parent_key))?;
        if !state.known {
            continue;
        }
        let carried = columns.of(tx, parent)?;
        let mut last = last_values(tx, parent, &parent_key, &carried)?;
        last.extend(state.data.clone());
        resurrect_parents(tx, columns, parent, &parent_key, &last, report)?;
        insert_row(tx, parent, &parent_key, &last)?;
        columns.present.insert((parent.name, parent_key[0].clone()));
        let parent_row = row_key(&parent_key);
        save_clocks(
            tx,
            parent.name,
            &parent_row,
            &state.clocks,
            state.deleted.as_ref(),
            None,
        )?;
        report.resurrected.push(super::Row {
            table: parent.name.to_owned(),
            key: parent_key,
        });
    }
    Ok(())
}

/// Applies one pulled change to an account table by the merge rules.
pub(super) fn apply(
    tx: &Transaction<'_>,
    columns: &mut Columns,
    change: &Change,
    report: &mut Report,
) -> Result<()> {
    let Some(table) = tables::table(&change.table).filter(|t| t.sync != SyncRole::Local) else {
        report.skipped += 1;
        return Ok(());
    };
    if change.key.len() != table.key.len() {
        report.skipped += 1;
        return Ok(());
    }
    match (table.sync, change.op) {
        (SyncRole::Catalog, Op::Upsert) => catalog_upsert(tx, columns, table, change, report),
        // Nobody changes or removes a catalog row.
        (SyncRole::Catalog, Op::Delete) => Ok(()),
        (_, Op::Upsert) => upsert(tx, columns, table, change, report),
        (_, Op::Delete) => {
            columns.forget_floors();
            columns.fresh.clear();
            delete(tx, table, change, report)
        }
    }
}

fn upsert(
    tx: &Transaction<'_>,
    columns: &mut Columns,
    table: &'static Table,
    change: &Change,
    report: &mut Report,
) -> Result<()> {
    let key = row_key(&change.key);
    let fresh = columns.take_fresh(table, &key);
    let state = if fresh {
        RowState::default()
    } else {
        RowState::load(tx, table.name, &key)?
    };
    let hlc = &change.hlc;
    let carried = columns.of(tx, table)?;
    let winners: Vec<(&String, &Value)> = change
        .columns
        .iter()
        .filter(|(column, _)| carried.iter().any(|c| c == *column))
        .filter(|(column, _)| state.clock(column).is_none_or(|seen| seen < hlc))
        .collect();
    let mut stamps = state.clocks.clone();
    let exists = !fresh && row_exists(tx, table, &change.key)?;
    // A row kept here by something written after its delete is not deleted, whatever
    // its own stamps say.
    if !exists && state.deleted().is_some_and(|deleted| deleted >= hlc) {
        // The row stays deleted, but its columns still take the later values: should
        // an edit made after the delete bring it back, every replica brings back the
        // same row, whatever order the changes arrived in.
        if !winners.is_empty() {
            let mut data = state.data.clone();
            for (column, value) in &winners {
                data.insert((*column).clone(), (*value).clone());
                stamps.insert((*column).clone(), hlc.clone());
            }
            save_clocks(
                tx,
                table.name,
                &key,
                &stamps,
                state.deleted.as_ref(),
                Some(&data),
            )?;
        }
        return Ok(());
    }
    if exists {
        if winners.is_empty() {
            // Nothing to write, but the row was written to at this stamp.
            if stamps.get(ROW_CLOCK).is_none_or(|seen| seen < hlc) {
                stamps.insert(ROW_CLOCK.to_owned(), hlc.clone());
                save_clocks(tx, table.name, &key, &stamps, state.deleted.as_ref(), None)?;
            }
            return Ok(());
        }
        let moved = {
            let keys = columns.foreign_keys(tx, table.name)?;
            winners
                .iter()
                .any(|(column, _)| keys.iter().any(|(from, _)| from == *column))
        };
        if moved {
            // The row hangs from other rows now, and so does what hangs from it.
            columns.forget_floors();
        }
        update_row(tx, table, &change.key, &winners)?;
    } else {
        // A new row, or one deleted here coming back because this edit is later.
        let mut values = if state.known {
            let mut last = last_values(tx, table, &change.key, &carried)?;
            last.extend(state.data.clone());
            last
        } else {
            Map::new()
        };
        for (column, value) in &winners {
            values.insert((*column).clone(), (*value).clone());
        }
        let floor_above = match above(tx, columns, table, &change.key, &values, hlc)? {
            Above::DeletedWith(deleted) => {
                // Deleted with its parent: kept deleted, with the values it would have.
                let mut data = state.data.clone();
                for (column, value) in &winners {
                    data.insert((*column).clone(), (*value).clone());
                    stamps.insert((*column).clone(), hlc.clone());
                }
                return save_clocks(tx, table.name, &key, &stamps, Some(&deleted), Some(&data));
            }
            Above::Floor(floor) => floor,
        };
        resurrect_parents(tx, columns, table, &change.key, &values, report)?;
        insert_row(tx, table, &change.key, &values)?;
        if let [id] = change.key.as_slice() {
            // What `floor` would read back for the row, known already: rows hanging from
            // it later in the page need not look it up.
            let floor = state.delete_stamp().cloned().max(floor_above);
            columns.floors.insert((table.name, id.clone()), floor);
            columns.present.insert((table.name, id.clone()));
        }
        if state.known {
            report.resurrected.push(super::Row {
                table: table.name.to_owned(),
                key: change.key.clone(),
            });
        }
    }
    for (column, _) in &winners {
        stamps.insert((*column).clone(), hlc.clone());
    }
    if stamps.get(ROW_CLOCK).is_none_or(|seen| seen < hlc) {
        stamps.insert(ROW_CLOCK.to_owned(), hlc.clone());
    }
    save_clocks(tx, table.name, &key, &stamps, state.deleted.as_ref(), None)?;
    report.applied += 1;
    Ok(())
}

fn delete(tx: &Transaction<'_>, table: &Table, change: &Change, report: &mut Report) -> Result<()> {
    let key = row_key(&change.key);
    let state = RowState::load(tx, table.name, &key)?;
    let hlc = &change.hlc;
    if state.deleted.as_ref().is_some_and(|deleted| deleted >= hlc) {
        return Ok(());
    }
    if !row_exists(tx, table, &change.key)? {
        // Gone here already (deleted with a parent, or never seen): the tombstone stays,
        // so that an older edit arriving later does not bring it back.
        if state.newest_edit().is_none_or(|edit| edit < hlc) {
            save_clocks(
                tx,
                table.name,
                &key,
                &state.clocks,
                Some(hlc),
                Some(&state.data),
            )?;
        }
        return Ok(());
    }
    let deleted = settle(tx, table, &change.key, hlc)?;
    report.applied += u64::from(deleted > 0);
    Ok(())
}

/// A delete stamped `hlc` of the row `key` of `table`, as of that stamp: every row of
/// it and of what hangs from it goes unless it, or something hanging from it, was
/// edited after the delete (add wins: such an edit would have brought it back).
/// Returns how many rows went; the row itself stays when that is less than all.
fn settle(tx: &Transaction<'_>, table: &Table, key: &[String], hlc: &Hlc) -> Result<usize> {
    let mut deleted = 0;
    let mut kept_child = false;
    for (child, child_key) in children_of(tx, table, key)? {
        let gone = settle(tx, child, &child_key, hlc)?;
        deleted += gone;
        kept_child |= row_exists(tx, child, &child_key)?;
    }
    let row = row_key(key);
    let state = RowState::load(tx, table.name, &row)?;
    let stamp = state.deleted.iter().chain([hlc]).max().cloned();
    let kept = kept_child
        || state.newest_edit().is_some_and(|edit| edit > hlc)
        || newest_link_edit(tx, table, key)?.is_some_and(|edit| edit > *hlc);
    if !kept {
        let sql = format!(
            "DELETE FROM \"{}\" WHERE {}",
            table.name,
            key_condition(table)
        );
        tx.prepare_cached(&sql)?.execute(params_from_iter(key))?;
    }
    // Kept or not, the delete is remembered: what hangs from the row and was changed
    // before it is gone, wherever it arrives later.
    save_clocks(
        tx,
        table.name,
        &row,
        &state.clocks,
        stamp.as_ref(),
        Some(&state.data),
    )?;
    Ok(if kept { deleted } else { deleted + 1 })
}

/// The latest write of any link that names the row `key` of `table`, including links
/// deleted since: a link written after a delete brought the row back wherever it
/// arrived first, so it keeps the row wherever the delete arrives after it.
fn newest_link_edit(tx: &Transaction<'_>, table: &Table, key: &[String]) -> Result<Option<Hlc>> {
    let [id] = key else {
        return Ok(None);
    };
    let mut newest: Option<Hlc> = None;
    for link in tables::synced().filter(|t| t.sync == SyncRole::Account && t.key.len() > 1) {
        let columns: Vec<String> = tx
            .prepare_cached(
                "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE \"table\" = ?2",
            )?
            .query_map([link.name, table.name], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for column in columns {
            let Some(at) = link.key.iter().position(|k| *k == column) else {
                continue;
            };
            let path = format!("$[{at}]");
            let stamps: Vec<String> = tx
                .prepare_cached(
                    "SELECT key FROM sync_rows, json_each(sync_rows.clocks)
                     WHERE table_name = ?1 AND json_extract(row_key, ?2) = ?3
                     UNION ALL SELECT hlc FROM sync_outbox
                     WHERE table_name = ?1 AND op = 'upsert' AND json_extract(row_key, ?2) = ?3",
                )?
                .query_map(params![link.name, path, id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for stamp in stamps {
                if let Ok(stamp) = stamp.parse::<Hlc>() {
                    newest = newest.max(Some(stamp));
                }
            }
        }
    }
    Ok(newest)
}

/// The synced rows that hang from the row `key` of `table` (by their foreign keys).
fn children_of(
    tx: &Transaction<'_>,
    table: &Table,
    key: &[String],
) -> Result<Vec<(&'static Table, Vec<String>)>> {
    let [id] = key else {
        return Ok(Vec::new());
    };
    let mut children = Vec::new();
    for child in tables::synced().filter(|t| t.sync == SyncRole::Account) {
        let columns: Vec<String> = tx
            .prepare_cached(
                "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE \"table\" = ?2",
            )?
            .query_map([child.name, table.name], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for column in columns {
            let keys: Vec<String> = child.key.iter().map(|k| format!("\"{k}\"")).collect();
            let sql = format!(
                "SELECT {} FROM \"{}\" WHERE \"{column}\" = ?1",
                keys.join(", "),
                child.name
            );
            let mut stmt = tx.prepare_cached(&sql)?;
            let rows = stmt.query_map([id], |row| {
                (0..child.key.len())
                    .map(|i| row.get::<_, String>(i))
                    .collect::<rusqlite::Result<Vec<String>>>()
            })?;
            for row in rows {
                children.push((child, row?));
            }
        }
    }
    Ok(children)
}

/// A catalog row another device of the account added (or the server's own under the
/// name this device used): added, unless this device has the name under another id, which
/// then becomes the server's.
fn catalog_upsert(
    tx: &Transaction<'_>,
    columns: &mut Columns,
    table: &Table,
    change: &Change,
    report: &mut Report,
) -> Result<()> {
    let id = &change.key[0];
    let fresh = columns.take_fresh(table, &row_key(&change.key));
    let name = change.columns.get("name").and_then(Value::as_str);
    let local: Option<String> = match name {
        Some(name) => tx
            .prepare_cached(
                "SELECT id FROM technologies WHERE name = ?1 COLLATE NOCASE ORDER BY id = ?2 DESC",
            )?
            .query_row([name, id], |row| row.get(0))
            .optional()?,
        None => None,
    };
    let mut values = change.columns.clone();
    values.retain(|column, _| capture::carried(table, column));
    // The account has the row: it is never sent from here.
    save_clocks(
        tx,
        table.name,
        &row_key(&change.key),
        &BTreeMap::new(),
        None,
        None,
    )?;
    match local {
        Some(local) => {
            // The local row goes or takes the account's id, and what names it follows.
            columns.fresh.clear();
            columns.forget_floors();
            remap_catalog(tx, [(local.as_str(), id.as_str())])?;
        }
        None if !fresh && row_exists(tx, table, &change.key)? => {}
        None => {
            insert_row(tx, table, &change.key, &values)?;
            columns.present.insert((table.name, id.clone()));
            report.applied += 1;
            return Ok(());
        }
    }
    // The row is the account's now: it reads as the catalog has it.
    values.remove("created_at");
    let differs: Vec<(&String, &Value)> = values.iter().collect();
    if !differs.is_empty() {
        let sets: Vec<String> = differs
            .iter()
            .enumerate()
            .map(|(i, (column, _))| format!("\"{column}\" = ?{}", i + 2))
            .collect();
        let unchanged: Vec<String> = differs
            .iter()
            .enumerate()
            .map(|(i, (column, _))| format!("\"{column}\" IS ?{}", i + 2))
            .collect();
        let sql = format!(
            "UPDATE technologies SET {} WHERE id = ?1 AND NOT ({})",
            sets.join(", "),
            unchanged.join(" AND ")
        );
        let bound: Vec<SqlValue> = std::iter::once(SqlValue::Text(id.clone()))
            .chain(differs.iter().map(|(_, v)| sql_value(v)))
            .collect();
        if tx.prepare_cached(&sql)?.execute(params_from_iter(bound))? > 0 {
            report.applied += 1;
        }
    }
    Ok(())
}

/// Makes each catalog row `from` (this device's id) the server's `to`, with every
/// reference to it.
fn remap_catalog<'a>(
    tx: &Transaction<'_>,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<()> {
    let pairs: Vec<(&str, &str)> = pairs.into_iter().filter(|(from, to)| from != to).collect();
    if pairs.is_empty() {
        return Ok(());
    }
    // The references point at `to` only once it is the row's id; checked at commit.
    // Switching this expires every prepared statement of the connection, so it is
    // switched once for all the rows.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    for (from, to) in pairs {
        remap_one(tx, from, to)?;
    }
    // Consistent again: later statements of the transaction are checked as they run, so
    // that a pulled change naming a row that is not here fails alone (and is skipped)
    // instead of failing the whole page at commit.
    tx.execute_batch("PRAGMA defer_foreign_keys = OFF")?;
    Ok(())
}

/// [`remap_catalog`] of one row, foreign keys deferred.
fn remap_one(tx: &Transaction<'_>, from: &str, to: &str) -> Result<()> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM technologies WHERE id = ?1)",
        [to],
        |row| row.get(0),
    )?;
    if taken {
        // Both ids are here already: the references move and `from` goes.
        repoint_references(tx, from, to)?;
        tx.prepare_cached("DELETE FROM technologies WHERE id = ?1")?
            .execute([from])?;
    } else {
        tx.prepare_cached("UPDATE technologies SET id = ?2 WHERE id = ?1")?
            .execute([from, to])?;
        repoint_references(tx, from, to)?;
    }
    let (from_json, to_json) = (Value::from(from).to_string(), Value::from(to).to_string());
    tx.prepare_cached(
        "UPDATE sync_rows SET row_key = replace(row_key, ?1, ?2)
         WHERE instr(row_key, ?1) AND NOT EXISTS (
             SELECT 1 FROM sync_rows other
             WHERE other.table_name = sync_rows.table_name
               AND other.row_key = replace(sync_rows.row_key, ?1, ?2))",
    )?
    .execute([&from_json, &to_json])?;
    Ok(())
}

/// Every column of a synced table that names a catalog row now names `to` instead of
/// `from`; where a row naming `to` already exists, the one naming `from` goes.
fn repoint_references(tx: &Transaction<'_>, from: &str, to: &str) -> Result<()> {
    let references: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = 'technologies' ORDER BY m.name",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, column) in references {
        // The row's other identifying columns: what makes two rows the same one.
        let others: Vec<String> = match tables::table(&table) {
            Some(t) if t.key.contains(&column.as_str()) => t
                .key
                .iter()
                .filter(|k| **k != column)
                .map(|k| (*k).to_owned())
                .collect(),
            _ if table == "skills" => vec!["profile_id".to_owned()],
            _ => Vec::new(),
        };
        if !others.is_empty() {
            let same: Vec<String> = others
                .iter()
                .map(|c| format!("kept.\"{c}\" = \"{table}\".\"{c}\""))
                .collect();
            tx.prepare_cached(&format!(
                "DELETE FROM \"{table}\" WHERE \"{column}\" = ?1 AND EXISTS (
                     SELECT 1 FROM \"{table}\" kept WHERE kept.\"{column}\" = ?2 AND {})",
                same.join(" AND ")
            ))?
            .execute([from, to])?;
        }
        tx.prepare_cached(&format!(
            "UPDATE \"{table}\" SET \"{column}\" = ?2 WHERE \"{column}\" = ?1"
        ))?
        .execute([from, to])?;
    }
    Ok(())
}

/// Takes the server's reply to a pushed batch: acknowledged changes leave the outbox
/// and their stamps become the rows' merge state; rejected ones stay with the reason;
/// catalog rows the server knew under another id take its id.
pub(super) fn acknowledge(
    tx: &Transaction<'_>,
    batch: &[(i64, Change)],
    reply: &PushResponse,
    report: &mut Report,
) -> Result<usize> {
    let done: HashSet<&str> = reply
        .accepted
        .iter()
        .map(|a| a.id.as_str())
        .chain(reply.duplicates.iter().map(String::as_str))
        .collect();
    let rejected: HashMap<&str, (&str, &str)> = reply
        .rejected
        .iter()
        .map(|r| (r.id.as_str(), (r.code.as_str(), r.message.as_str())))
        .collect();
    let mut answered = 0;
    for (seq, change) in batch {
        if done.contains(change.id.as_str()) {
            answered += 1;
            record_acknowledged(tx, change)?;
            tx.prepare_cached("DELETE FROM sync_outbox WHERE seq = ?1")?
                .execute([seq])?;
        } else if let Some((code, message)) = rejected.get(change.id.as_str()) {
            answered += 1;
            tx.prepare_cached(
                "UPDATE sync_outbox SET rejected_code = ?2, rejected_message = ?3 WHERE seq = ?1",
            )?
            .execute(params![seq, code, message])?;
            report.rejected.push(super::RejectedChange {
                table: change.table.clone(),
                key: change.key.clone(),
                code: (*code).to_owned(),
                message: (*message).to_owned(),
            });
        }
    }
    let catalog = reply
        .mapped
        .iter()
        .filter(|mapped| tables::table(&mapped.table).is_some_and(|t| t.sync == SyncRole::Catalog))
        .map(|mapped| (mapped.from.as_str(), mapped.to.as_str()));
    remap_catalog(tx, catalog)?;
    report
        .resurrected
        .extend(reply.resurrected.iter().map(|r| super::Row {
            table: r.table.clone(),
            key: r.key.clone(),
        }));
    Ok(answered)
}

fn record_acknowledged(tx: &Transaction<'_>, change: &Change) -> Result<()> {
    let Some(table) = tables::table(&change.table) else {
        return Ok(());
    };
    let key = row_key(&change.key);
    if table.sync == SyncRole::Catalog {
        // The account knows the row now; its merge state is the catalog's own.
        return save_clocks(tx, table.name, &key, &BTreeMap::new(), None, None);
    }
    let state = RowState::load(tx, table.name, &key)?;
    let mut stamps = state.clocks;
    match change.op {
        Op::Upsert => {
            for column in
                std::iter::once(ROW_CLOCK).chain(change.columns.keys().map(String::as_str))
            {
                let slot = stamps
                    .entry(column.to_owned())
                    .or_insert_with(|| change.hlc.clone());
                if *slot < change.hlc {
                    *slot = change.hlc.clone();
                }
            }
            // The row lives again if it was deleted before this edit; the delete's stamp
            // stays (what hung from it and was changed before it stays gone).
            let data = state
                .deleted
                .as_ref()
                .filter(|d| **d > change.hlc)
                .map(|_| &state.data);
            save_clocks(tx, table.name, &key, &stamps, state.deleted.as_ref(), data)
        }
        Op::Delete => {
            let deleted = state.deleted.into_iter().chain([change.hlc.clone()]).max();
            save_clocks(
                tx,
                table.name,
                &key,
                &stamps,
                deleted.as_ref(),
                Some(&state.data),
            )
        }
    }
}
