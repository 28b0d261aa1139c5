//! A push applied as a whole: a few statements per table for the batch instead of
//! several per change.
//!
//! It loads the merge state of every row the batch names (and of the rows those hang
//! from), follows the rules of [`super::apply`] change by change in memory, and then
//! writes what they decided: the deletes, inserts and updates of each table, the merge
//! state, the audit rows and the account's change log, one statement each. All of it
//! runs in a savepoint. When the outcome is not certain without the database's word —
//! a statement fails (a CHECK, a row of another account), a change names a row or a
//! technology the batch cannot see, a delete cascades under a later change of the same
//! batch — the savepoint is rolled back and the push is applied change by change, which
//! refuses the bad change alone. Both ways give the same result.

use std::collections::{BTreeSet, HashMap, HashSet};

use career_hub_protocol::api::{Accepted, Change, Mapped, Op, RowRef};
use career_hub_protocol::tables::{self, SyncRole, Table};
use serde_json::{Map, Value, json};

use super::{
    CATALOG_ROW, Merged, Outcome, RowState, app_reference_columns, as_object, audit_verb,
    check_shape, full_row, insert_rows, parents_of, present_columns, quoted, redacted, row_key,
    server_owned, update_rows,
};
use crate::accounts::Caller;
use crate::{App, Tx};

/// What became of the batch.
pub enum Applied {
    /// Every change was applied or refused; the outcome says which.
    Whole,
    /// Nothing was written; apply the changes one by one (the reason, for the log).
    Not(&'static str),
}

/// Why the batch cannot be applied as a whole.
type Fallback = &'static str;

/// A row of an account table: `(table, key)`.
type RowId = (&'static str, Vec<String>);

/// A row of an account table as the batch sees it.
struct Row {
    state: RowState,
    /// In the table before the batch.
    existed: bool,
    /// In the table as the changes so far have left it.
    exists: bool,
    /// Deleted from the table by a change of the batch.
    deleted: bool,
    /// Its merge state changed.
    dirty: bool,
    /// The columns changes wrote to it while it stayed in the table.
    written: BTreeSet<String>,
}

/// What the changes decided, to be written.
#[derive(Default)]
struct Writes {
    rows: HashMap<RowId, Row>,
    audits: Vec<Value>,
    log: Vec<Value>,
    aliases: Vec<(String, String)>,
}

/// The technology catalog as far as the batch needs it.
#[derive(Default)]
struct Catalog {
    /// A technology's row by id, with the position from which the batch may name it (0:
    /// before the batch; `i + 1`: added by change `i`).
    by_id: HashMap<String, (Value, usize)>,
    /// The id of each lower-cased name.
    by_name: HashMap<String, String>,
    /// A device's id for a technology the catalog has under another, from the position
    /// on which it holds.
    aliases: HashMap<String, (String, usize)>,
}

impl Catalog {
    /// The catalog's id for `id` as change `position` sees it.
    fn resolve(&self, id: &str, position: usize) -> Result<String, Fallback> {
        match self.aliases.get(id) {
            Some((_, from)) if *from > position => {
                Err("a change names a technology before the change that adds it")
            }
            Some((to, _)) => Ok(to.clone()),
            None => Ok(id.to_owned()),
        }
    }

    /// Whether change `position` can name technology `id`.
    fn has(&self, id: &str, position: usize) -> bool {
        self.by_id
            .get(id)
            .is_some_and(|(_, from)| *from <= position)
    }
}

/// Applies `changes` (none seen before) as a whole, adding to `outcome`; or, when it
/// cannot, writes nothing and says why.
pub async fn apply(
    app: &App,
    tx: &mut Tx<'_>,
    caller: &Caller,
    changes: &[Change],
    now: u64,
    outcome: &mut Outcome,
) -> Result<Applied, tokio_postgres::Error> {
    let savepoint = tx.transaction().await?;
    // Each statement planned for its arrays: a plan cached while the account's tables
    // were small scans every row of them once they are not.
    savepoint
        .batch_execute("SET LOCAL plan_cache_mode = force_custom_plan")
        .await?;
    let mut attempt = Outcome {
        last_seq: outcome.last_seq,
        ..Outcome::default()
    };
    let result = run(app, &savepoint, caller, changes, now, &mut attempt).await;
    match result {
        Ok(Ok(())) => {
            savepoint.commit().await?;
            let response = &mut outcome.response;
            response.accepted.extend(attempt.response.accepted);
            response.rejected.extend(attempt.response.rejected);
            response.resurrected.extend(attempt.response.resurrected);
            response.mapped.extend(attempt.response.mapped);
            outcome.last_seq = attempt.last_seq;
            outcome.accepted_any |= attempt.accepted_any;
            Ok(Applied::Whole)
        }
        Ok(Err(reason)) => {
            savepoint.rollback().await?;
            Ok(Applied::Not(reason))
        }
        Err(error) => {
            savepoint.rollback().await?;
            tracing::debug!(%error, "a statement of the batch failed");
            Ok(Applied::Not("a statement failed"))
        }
    }
}

async fn run(
    app: &App,
    tx: &Tx<'_>,
    caller: &Caller,
    changes: &[Change],
    now: u64,
    outcome: &mut Outcome,
) -> Result<Result<(), Fallback>, tokio_postgres::Error> {
    let mut valid: Vec<(&'static Table, Change)> = Vec::with_capacity(changes.len());
    for change in changes {
        match check_shape(app, change, now) {
            Ok(table) => valid.push((table, change.clone())),
            Err(refusal) => outcome.refuse(change.id.clone(), refusal),
        }
    }
    let mut catalog = load_catalog(tx, caller, &valid).await?;
    if let Err(reason) = add_technologies(tx, &mut catalog, &mut valid, outcome).await? {
        return Ok(Err(reason));
    }
    // Every other reference to a device's id for a catalog row names the catalog's.
    for (position, (table, change)) in valid.iter_mut().enumerate() {
        if table.sync == SyncRole::Catalog && change.op == Op::Upsert {
            continue;
        }
        for column in app_reference_columns(table) {
            if let Some(i) = table.key.iter().position(|k| *k == column) {
                match catalog.resolve(&change.key[i], position) {
                    Ok(id) => change.key[i] = id,
                    Err(reason) => return Ok(Err(reason)),
                }
            }
            if let Some(Value::String(id)) = change.columns.get(column) {
                match catalog.resolve(id, position) {
                    Ok(id) => {
                        change.columns.insert(column.to_owned(), Value::String(id));
                    }
                    Err(reason) => return Ok(Err(reason)),
                }
            }
        }
    }
    let mut writes = Writes {
        rows: load_rows(tx, caller, &valid).await?,
        ..Writes::default()
    };
    if let Err(reason) = decide(&catalog, valid, &mut writes, outcome) {
        return Ok(Err(reason));
    }
    writes.aliases = catalog
        .aliases
        .iter()
        .filter(|(_, (_, added))| *added > 0)
        .map(|(from, (to, _))| (from.clone(), to.clone()))
        .collect();
    write(app, tx, caller, writes).await?;
    Ok(Ok(()))
}

/// The technologies and aliases the batch names.
async fn load_catalog(
    tx: &Tx<'_>,
    caller: &Caller,
    valid: &[(&'static Table, Change)],
) -> Result<Catalog, tokio_postgres::Error> {
    let mut named: Vec<String> = Vec::new();
    for (table, change) in valid {
        for column in app_reference_columns(table) {
            match table.key.iter().position(|k| *k == column) {
                Some(i) => named.push(change.key[i].clone()),
                None => {
                    if let Some(Value::String(id)) = change.columns.get(column) {
                        named.push(id.clone());
                    }
                }
            }
        }
    }
    let mut catalog = Catalog::default();
    for row in tx
        .query(
            &tx.prepare_cached(
                "SELECT from_id, to_id FROM sync_aliases
                 WHERE user_id = $1 AND table_name = 'technologies' AND from_id = ANY($2)",
            )
            .await?,
            &[&caller.user_id, &named],
        )
        .await?
    {
        let to: String = row.get(1);
        named.push(to.clone());
        catalog.aliases.insert(row.get(0), (to, 0));
    }
    let names: Vec<String> = valid
        .iter()
        .filter(|(table, change)| table.sync == SyncRole::Catalog && change.op == Op::Upsert)
        .map(|(_, change)| technology_name(change).to_owned())
        .collect();
    for row in tx
        .query(
            &tx.prepare_cached(&format!(
                "SELECT id, lower(name), {CATALOG_ROW} FROM technologies t WHERE id = ANY($1)
                     UNION
                     SELECT id, lower(name), {CATALOG_ROW} FROM technologies t
                     WHERE lower(name) = ANY(ARRAY(SELECT lower(n) FROM unnest($2::text[]) n))"
            ))
            .await?,
            &[&named, &names],
        )
        .await?
    {
        let id: String = row.get(0);
        catalog.by_name.insert(row.get(1), id.clone());
        catalog.by_id.insert(id, (row.get(2), 0));
    }
    Ok(catalog)
}

fn technology_name(change: &Change) -> &str {
    change
        .columns
        .get("name")
        .and_then(Value::as_str)
        .map_or("", str::trim)
}

/// The batch's technologies, as [`super::apply_catalog`] takes them: an id the catalog
/// has keeps its row; a name it has (in any case) maps the device's id to the catalog's;
/// a new name is added (all in one statement). Each change then carries the catalog's
/// row.
async fn add_technologies(
    tx: &Tx<'_>,
    catalog: &mut Catalog,
    valid: &mut [(&'static Table, Change)],
    outcome: &mut Outcome,
) -> Result<Result<(), Fallback>, tokio_postgres::Error> {
    let upserts: Vec<usize> = (0..valid.len())
        .filter(|&i| valid[i].0.sync == SyncRole::Catalog && valid[i].1.op == Op::Upsert)
        .collect();
    if upserts.is_empty() {
        return Ok(Ok(()));
    }
    let names: Vec<String> = upserts
        .iter()
        .map(|&i| technology_name(&valid[i].1).to_owned())
        .collect();
    // The names as the database lower-cases them, which is how its unique index compares.
    let lowered: Vec<String> = tx
        .query(
            &tx.prepare_cached(
                "SELECT lower(n) FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i",
            )
            .await?,
            &[&names],
        )
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let mut new_rows = Vec::new();
    for (&i, lower) in upserts.iter().zip(lowered) {
        let change = &mut valid[i].1;
        let id = match catalog.resolve(&change.key[0], i) {
            Ok(id) => id,
            Err(reason) => return Ok(Err(reason)),
        };
        change.key = vec![id.clone()];
        if catalog.by_id.contains_key(&id) {
            continue;
        }
        if let Some(to) = catalog.by_name.get(&lower).cloned() {
            catalog.aliases.insert(id.clone(), (to.clone(), i + 1));
            outcome.response.mapped.push(Mapped {
                table: "technologies".to_owned(),
                from: id,
                to: to.clone(),
            });
            change.key = vec![to];
            continue;
        }
        let mut row = change.columns.clone();
        row.insert("id".into(), Value::String(id.clone()));
        new_rows.push(Value::Object(row));
        catalog.by_name.insert(lower, id.clone());
        catalog.by_id.insert(id, (Value::Null, i + 1));
    }
    if !new_rows.is_empty() {
        for row in tx
            .query(
                &tx.prepare_cached(
                &format!(
                    "INSERT INTO technologies AS t SELECT * FROM jsonb_populate_recordset(NULL::technologies, $1)
                     RETURNING id, {CATALOG_ROW}"
                ),
                )
                .await?,
                &[&Value::Array(new_rows)],
            )
            .await?
        {
            let id: String = row.get(0);
            if let Some(entry) = catalog.by_id.get_mut(&id) {
                entry.0 = row.get(1);
            }
        }
    }
    // Every device of the account gets the catalog's row as it is.
    for &i in &upserts {
        let change = &mut valid[i].1;
        if let Some((Value::Object(stored), _)) = catalog.by_id.get(&change.key[0]) {
            let mut columns = stored.clone();
            columns.retain(|k, _| k != "id");
            change.columns = columns;
        }
    }
    Ok(Ok(()))
}

/// The merge state and presence of every row the batch names, and of every row those
/// hang from (their parents, their parents' parents).
async fn load_rows(
    tx: &Tx<'_>,
    caller: &Caller,
    valid: &[(&'static Table, Change)],
) -> Result<HashMap<RowId, Row>, tokio_postgres::Error> {
    let mut rows: HashMap<RowId, Row> = HashMap::new();
    let mut wanted: Vec<RowId> = Vec::new();
    let mut asked: HashSet<RowId> = HashSet::new();
    for (table, change) in valid {
        if table.sync == SyncRole::Account {
            let id = (table.name, change.key.clone());
            if asked.insert(id.clone()) {
                wanted.push(id);
            }
        }
    }
    let mut first = true;
    while !wanted.is_empty() {
        load_some(tx, caller, &wanted, &mut rows).await?;
        let mut next = Vec::new();
        let mut parents = |table: &Table, data: &Map<String, Value>, key: &[String]| {
            for (parent, id) in parents_of(table, data, key) {
                let id = (parent, vec![id]);
                if asked.insert(id.clone()) {
                    next.push(id);
                }
            }
        };
        for (name, key) in &wanted {
            if let Some(table) = tables::table(name) {
                parents(table, &rows[&(table.name, key.clone())].state.data, key);
            }
        }
        if first {
            // The rows the changes move their rows to.
            for (table, change) in valid {
                if table.sync == SyncRole::Account {
                    parents(table, &change.columns, &change.key);
                }
            }
            first = false;
        }
        wanted = next;
    }
    Ok(rows)
}

async fn load_some(
    tx: &Tx<'_>,
    caller: &Caller,
    wanted: &[RowId],
    rows: &mut HashMap<RowId, Row>,
) -> Result<(), tokio_postgres::Error> {
    let table_names: Vec<&str> = wanted.iter().map(|(t, _)| *t).collect();
    let keys: Vec<String> = wanted.iter().map(|(_, k)| row_key(k)).collect();
    let mut states: HashMap<(String, String), RowState> = HashMap::new();
    for row in tx
        .query(
            &tx.prepare_cached(
                // One primary-key lookup per row (OFFSET 0 keeps the planner from turning
                // them into a scan of all the account's rows). No row lock: the account's
                // pushes take turns on its sync_accounts row.
                "SELECT s.table_name, s.row_key, s.data, s.clocks, s.deleted_hlc
                 FROM unnest($2::text[], $3::text[]) AS u(table_name, row_key),
                 LATERAL (SELECT * FROM sync_rows r WHERE r.user_id = $1
                          AND r.table_name = u.table_name AND r.row_key = u.row_key OFFSET 0) s",
            )
            .await?,
            &[&caller.user_id, &table_names, &keys],
        )
        .await?
    {
        states.insert(
            (row.get(0), row.get(1)),
            RowState {
                data: as_object(row.get(2)),
                clocks: as_object(row.get(3)),
                deleted: row.get::<_, Option<String>>(4).and_then(|s| s.parse().ok()),
                known: true,
            },
        );
    }
    let mut present: HashSet<RowId> = HashSet::new();
    let mut by_table: HashMap<&'static str, Vec<&Vec<String>>> = HashMap::new();
    for (table, key) in wanted {
        by_table.entry(table).or_default().push(key);
    }
    for (name, keys) in by_table {
        let Some(table) = tables::table(name) else {
            continue;
        };
        let columns: Vec<Vec<&str>> = (0..table.key.len())
            .map(|i| keys.iter().map(|k| k[i].as_str()).collect())
            .collect();
        let list = table
            .key
            .iter()
            .map(|k| format!("t.\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {list} FROM \"{name}\" t JOIN unnest({arrays}) AS u({names}) ON {on}",
            arrays = (1..=table.key.len())
                .map(|i| format!("${i}::text[]"))
                .collect::<Vec<_>>()
                .join(", "),
            names = (0..table.key.len())
                .map(|i| format!("k{i}"))
                .collect::<Vec<_>>()
                .join(", "),
            on = table
                .key
                .iter()
                .enumerate()
                .map(|(i, k)| format!("t.\"{k}\" = u.k{i}"))
                .collect::<Vec<_>>()
                .join(" AND "),
        );
        let params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = columns
            .iter()
            .map(|c| c as &(dyn tokio_postgres::types::ToSql + Sync))
            .collect();
        for row in tx.query(&tx.prepare_cached(&sql).await?, &params).await? {
            let key: Vec<String> = (0..table.key.len()).map(|i| row.get(i)).collect();
            present.insert((name, key));
        }
    }
    for id in wanted {
        let state = states
            .remove(&(id.0.to_owned(), row_key(&id.1)))
            .unwrap_or(RowState {
                data: Map::new(),
                clocks: Map::new(),
                deleted: None,
                known: false,
            });
        let exists = present.contains(id);
        rows.insert(
            id.clone(),
            Row {
                state,
                existed: exists,
                exists,
                deleted: false,
                dirty: false,
                written: BTreeSet::new(),
            },
        );
    }
    Ok(())
}

/// Tables whose rows others hang from: deleting one of them cascades.
fn has_children(table: &Table) -> bool {
    matches!(table.name, "profiles" | "projects" | "experiences")
}

/// Follows the rules of [`super::apply`] for each change, in order, on the rows in
/// memory.
fn decide(
    catalog: &Catalog,
    valid: Vec<(&'static Table, Change)>,
    writes: &mut Writes,
    outcome: &mut Outcome,
) -> Result<(), Fallback> {
    // A delete that cascaded: the rows hanging from it are gone from the table, which
    // the rows in memory do not know.
    let mut cascaded = false;
    // The batch deletes before it inserts or updates; a delete after an edit of the same
    // table could free a unique value (a skill's technology) the edit needed.
    let mut edited: HashSet<&str> = HashSet::new();
    // The database checks a row's constraints on what the batch leaves, but change by
    // change each state in between is checked too: a row changed twice could pass one
    // way and not the other.
    let mut touched: HashSet<RowId> = HashSet::new();
    for (position, (table, mut change)) in valid.into_iter().enumerate() {
        if table.sync == SyncRole::Account && !touched.insert((table.name, change.key.clone())) {
            return Err("a row is changed twice in the batch");
        }
        match (table.sync, change.op) {
            (SyncRole::Catalog, _) => {}
            (_, Op::Upsert) => {
                if cascaded {
                    return Err("an edit follows a delete that cascades");
                }
                edited.insert(table.name);
                upsert(catalog, position, table, &mut change, writes, outcome)?;
            }
            (_, Op::Delete) => {
                if edited.contains(table.name) {
                    return Err("a delete follows an edit of the same table");
                }
                if delete(table, &change, writes)? && has_children(table) {
                    cascaded = true;
                }
            }
        }
        let seq = outcome.last_seq + 1;
        writes.log.push(json!({
            "seq": seq,
            "change_id": change.id,
            "table_name": change.table,
            "row_key": change.key,
            "op": match change.op { Op::Upsert => "upsert", Op::Delete => "delete" },
            "columns": change.columns,
            "hlc": change.hlc.to_string(),
        }));
        outcome
            .response
            .accepted
            .push(Accepted { id: change.id, seq });
        outcome.last_seq = seq;
        outcome.accepted_any = true;
    }
    Ok(())
}

fn row_mut<'a>(
    rows: &'a mut HashMap<RowId, Row>,
    table: &'static str,
    key: &[String],
) -> Result<&'a mut Row, Fallback> {
    rows.get_mut(&(table, key.to_vec()))
        .ok_or("a change names a row the batch did not load")
}

fn upsert(
    catalog: &Catalog,
    position: usize,
    table: &'static Table,
    change: &mut Change,
    writes: &mut Writes,
    outcome: &mut Outcome,
) -> Result<(), Fallback> {
    change.columns.retain(|c, _| !server_owned(table, c));
    let row = row_mut(&mut writes.rows, table.name, &change.key)?;
    let Merged {
        winners,
        old,
        was_deleted,
    } = match row.state.merge(&change.columns, &change.hlc) {
        Ok(merged) => merged,
        Err(changed) => {
            row.dirty |= changed;
            return Ok(());
        }
    };
    let data = row.state.data.clone();
    let exists = row.exists;
    resurrect_parents(table, &change.key, &data, &mut writes.rows, outcome)?;
    references_exist(catalog, position, table, &change.key, &data, &writes.rows)?;
    let row = row_mut(&mut writes.rows, table.name, &change.key)?;
    if exists {
        row.written.extend(winners.iter().cloned());
    } else {
        row.exists = true;
        if was_deleted {
            outcome.response.resurrected.push(RowRef {
                table: table.name.to_owned(),
                key: change.key.clone(),
            });
        }
    }
    if exists && winners.is_empty() {
        return Ok(());
    }
    row.dirty = true;
    let (verb, old) = audit_verb(exists, was_deleted, old);
    writes.audits.push(audit_row(
        table,
        change,
        verb,
        old,
        Some(Value::Object(data)),
    ));
    Ok(())
}

/// Whether the rows and technologies a row of `table` with `data` names exist by now;
/// if not, the database would refuse it, and applying change by change says why.
fn references_exist(
    catalog: &Catalog,
    position: usize,
    table: &Table,
    key: &[String],
    data: &Map<String, Value>,
    rows: &HashMap<RowId, Row>,
) -> Result<(), Fallback> {
    for (parent, id) in parents_of(table, data, key) {
        if !rows.get(&(parent, vec![id])).is_some_and(|r| r.exists) {
            return Err("a change names a row the account does not have");
        }
    }
    if let Some(i) = table.key.iter().position(|k| *k == "technology_id") {
        if !catalog.has(&key[i], position) {
            return Err("a change names a technology the catalog does not have");
        }
    } else if let Some(Value::String(id)) = data.get("technology_id")
        && !catalog.has(id, position)
    {
        return Err("a change names a technology the catalog does not have");
    }
    Ok(())
}

/// Brings back the deleted rows a row hangs from, parents first (add wins), as
/// [`super::resurrect`] does.
fn resurrect_parents(
    table: &Table,
    key: &[String],
    data: &Map<String, Value>,
    rows: &mut HashMap<RowId, Row>,
    outcome: &mut Outcome,
) -> Result<(), Fallback> {
    for (parent, id) in parents_of(table, data, key) {
        let Some(parent_table) = tables::table(parent) else {
            continue;
        };
        let key = vec![id];
        let Some(row) = rows.get(&(parent_table.name, key.clone())) else {
            return Err("a change names a row the batch did not load");
        };
        if row.exists || !row.state.known {
            continue;
        }
        if row.state.data.is_empty() {
            // Only its delete ever reached the account: change by change, the row cannot
            // come back from values nobody sent, and a later change of the batch may not
            // be counted on to bring them.
            return Err("a change brings back a row the account never had the values of");
        }
        let data = row.state.data.clone();
        resurrect_parents(parent_table, &key, &data, rows, outcome)?;
        let row = row_mut(rows, parent_table.name, &key)?;
        row.exists = true;
        row.state.deleted = None;
        row.dirty = true;
        outcome.response.resurrected.push(RowRef {
            table: parent_table.name.to_owned(),
            key,
        });
    }
    Ok(())
}

/// Returns whether the row was deleted from its table (its children with it).
fn delete(table: &'static Table, change: &Change, writes: &mut Writes) -> Result<bool, Fallback> {
    let row = row_mut(&mut writes.rows, table.name, &change.key)?;
    if !row.state.delete_wins(&change.hlc) {
        return Ok(false);
    }
    let was_there = row.exists;
    if was_there {
        row.exists = false;
        row.deleted = true;
    }
    row.state.deleted = Some(change.hlc.clone());
    row.dirty = true;
    let old = Value::Object(row.state.data.clone());
    writes
        .audits
        .push(audit_row(table, change, "DELETE", Some(old), None));
    Ok(was_there)
}

/// One `audit_log` row, as [`super::audit`] writes it.
fn audit_row(
    table: &Table,
    change: &Change,
    verb: &str,
    old: Option<Value>,
    new: Option<Value>,
) -> Value {
    json!({
        "id": ulid::Ulid::generate().to_string(),
        "action": format!("{verb}_{}", table.entity),
        "entity_type": table.entity,
        "entity_id": change.key.join(":"),
        "old_values": redacted(table, old),
        "new_values": redacted(table, new),
        "change_id": change.id,
    })
}

/// Writes what the changes decided.
async fn write(
    app: &App,
    tx: &Tx<'_>,
    caller: &Caller,
    writes: Writes,
) -> Result<(), tokio_postgres::Error> {
    let order: Vec<&'static Table> = tables::synced()
        .filter(|t| t.sync == SyncRole::Account)
        .collect();
    // Children before parents, as a cascade would.
    for table in order.iter().rev() {
        let gone: Vec<&Vec<String>> = writes
            .rows
            .iter()
            .filter(|((t, _), row)| *t == table.name && row.existed && (row.deleted || !row.exists))
            .map(|((_, key), _)| key)
            .collect();
        if gone.is_empty() {
            continue;
        }
        let keys: Vec<Value> = gone.iter().map(|k| json!(k)).collect();
        let sql = format!(
            "DELETE FROM \"{t}\" WHERE ({cols}) IN (SELECT {picks} FROM jsonb_array_elements($1) AS k)",
            t = table.name,
            cols = quoted(table.key),
            picks = (0..table.key.len())
                .map(|i| format!("k ->> {i}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        tx.execute(&tx.prepare_cached(&sql).await?, &[&Value::Array(keys)])
            .await?;
    }
    // Parents before children.
    for table in &order {
        let mut inserts: HashMap<Vec<String>, Vec<Value>> = HashMap::new();
        let mut updates: HashMap<Vec<String>, Vec<Value>> = HashMap::new();
        for ((t, key), row) in &writes.rows {
            if *t != table.name || !row.exists {
                continue;
            }
            let values = full_row(caller, table, key, &row.state.data);
            if !row.existed || row.deleted {
                let columns = present_columns(app, table, &values);
                inserts.entry(columns).or_default().push(values);
            } else if !row.written.is_empty() {
                let columns: Vec<String> = row.written.iter().cloned().collect();
                updates.entry(columns).or_default().push(values);
            }
        }
        for (columns, values) in inserts {
            insert_rows(tx, table, &columns, values).await?;
        }
        for (columns, values) in updates {
            update_rows(tx, table, &columns, values).await?;
        }
    }
    let states: Vec<Value> = writes
        .rows
        .iter()
        .filter(|(_, row)| row.dirty)
        .map(|((table, key), row)| {
            json!({
                "table_name": table,
                "row_key": row_key(key),
                "data": row.state.data,
                "clocks": row.state.clocks,
                "deleted_hlc": row.state.deleted.as_ref().map(ToString::to_string),
            })
        })
        .collect();
    if !states.is_empty() {
        tx.execute(
            &tx.prepare_cached(
                "INSERT INTO sync_rows (user_id, table_name, row_key, data, clocks, deleted_hlc)
                 SELECT $1, r.table_name, r.row_key, r.data, r.clocks, r.deleted_hlc
                 FROM jsonb_to_recordset($2) AS r(table_name TEXT, row_key TEXT, data JSONB, clocks JSONB, deleted_hlc TEXT)
                 ON CONFLICT (user_id, table_name, row_key)
                 DO UPDATE SET data = EXCLUDED.data, clocks = EXCLUDED.clocks, deleted_hlc = EXCLUDED.deleted_hlc",
            )
            .await?,
            &[&caller.user_id, &Value::Array(states)],
        )
        .await?;
    }
    if !writes.audits.is_empty() {
        tx.execute(
            &tx.prepare_cached(
                "INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, device_id, change_id)
                 SELECT r.id, $1, r.action, r.entity_type, r.entity_id, r.old_values, r.new_values, 'sync', $2, r.change_id
                 FROM jsonb_to_recordset($3) AS r(id TEXT, action TEXT, entity_type TEXT, entity_id TEXT,
                                                  old_values JSONB, new_values JSONB, change_id TEXT)",
            )
            .await?,
            &[&caller.user_id, &caller.device_id, &Value::Array(writes.audits)],
        )
        .await?;
    }
    if !writes.aliases.is_empty() {
        let aliases: Vec<Value> = writes
            .aliases
            .iter()
            .map(|(from, to)| json!({"from_id": from, "to_id": to}))
            .collect();
        tx.execute(
            &tx.prepare_cached(
                "INSERT INTO sync_aliases (user_id, table_name, from_id, to_id)
                 SELECT $1, 'technologies', r.from_id, r.to_id FROM jsonb_to_recordset($2) AS r(from_id TEXT, to_id TEXT)
                 ON CONFLICT (user_id, table_name, from_id) DO UPDATE SET to_id = EXCLUDED.to_id",
            )
            .await?,
            &[&caller.user_id, &Value::Array(aliases)],
        )
        .await?;
    }
    if !writes.log.is_empty() {
        tx.execute(
            &tx.prepare_cached(
                "INSERT INTO sync_changes (user_id, seq, change_id, device_id, table_name, row_key, op, columns, hlc)
                 SELECT $1, r.seq, r.change_id, $2, r.table_name, r.row_key, r.op, r.columns, r.hlc
                 FROM jsonb_to_recordset($3) AS r(seq BIGINT, change_id TEXT, table_name TEXT, row_key TEXT[],
                                                  op TEXT, columns JSONB, hlc TEXT)",
            )
            .await?,
            &[&caller.user_id, &caller.device_id, &Value::Array(writes.log)],
        )
        .await?;
    }
    Ok(())
}
