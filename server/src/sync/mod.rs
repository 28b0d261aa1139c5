//! The sync API: push a batch of changes, pull changes since a sequence number (with a
//! long-poll form). The rules — per-column last writer wins by clock stamp, tombstones,
//! add-wins resurrection, the shared catalog, idempotent change ids — are written down
//! in `docs/sync.md`; this is their implementation.

use std::time::Duration;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use career_hub_protocol::api::{
    Accepted, Change, MAX_PULL_CHANGES, MAX_PUSH_CHANGES, MAX_WAIT_SECONDS, Mapped, Op,
    PushRequest, PushResponse, Rejected, RowRef,
};
use career_hub_protocol::hlc::{self, Hlc};
use career_hub_protocol::tables::{self, SyncRole, Table};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::accounts::{Caller, authenticate};
use crate::error::{ApiError, ApiResult};
use crate::{App, Body, Tx, begin, parse};

mod batch;

/// The channel pushes announce new changes on: the payload is the account's id.
pub const CHANNEL: &str = "career_hub_changes";

/// The push reply's header that says how the batch was applied: `whole` (a few
/// statements for the batch) or `one-by-one` (a savepoint per change, when a change
/// could not be applied or the server runs with `--apply-one-by-one`).
pub const APPLIED_HEADER: &str = "career-hub-applied";

/// A technology row `t` as devices store it: `created_at` written the way SQLite's
/// `strftime('%Y-%m-%dT%H:%M:%fZ')` writes it (which the column's CHECK requires), not
/// the way `to_jsonb` writes a PostgreSQL timestamp.
const CATALOG_ROW: &str = r#"(to_jsonb(t) || jsonb_build_object('created_at', to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))"#;

/// Why one change was refused; nothing of it was applied.
struct Refusal {
    code: &'static str,
    message: String,
}

fn refuse(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: message.into(),
    }
}

impl From<tokio_postgres::Error> for Refusal {
    fn from(error: tokio_postgres::Error) -> Self {
        use tokio_postgres::error::SqlState;
        let Some(db) = error.as_db_error() else {
            return refuse("internal", "The server could not apply this change.");
        };
        let code = match *db.code() {
            SqlState::CHECK_VIOLATION => "check_violation",
            SqlState::NOT_NULL_VIOLATION => "missing_value",
            SqlState::FOREIGN_KEY_VIOLATION => "unknown_reference",
            SqlState::UNIQUE_VIOLATION => "duplicate",
            SqlState::INSUFFICIENT_PRIVILEGE => "not_yours",
            SqlState::STRING_DATA_RIGHT_TRUNCATION => "too_long",
            SqlState::INVALID_DATETIME_FORMAT | SqlState::DATETIME_FIELD_OVERFLOW => {
                "invalid_value"
            }
            SqlState::INVALID_TEXT_REPRESENTATION
            | SqlState::NUMERIC_VALUE_OUT_OF_RANGE
            | SqlState::INVALID_PARAMETER_VALUE => "invalid_value",
            _ => "rejected",
        };
        let message = match code {
            "not_yours" => "This row belongs to another account.".to_owned(),
            _ => db.message().to_owned(),
        };
        refuse(code, message)
    }
}

/// What one push did so far.
#[derive(Default)]
struct Outcome {
    response: PushResponse,
    /// The account's last sequence number, as this push has taken it so far.
    last_seq: i64,
    /// Whether any change was accepted.
    accepted_any: bool,
}

pub async fn push(
    State(app): State<App>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<([(&'static str, &'static str); 1], Json<PushResponse>)> {
    let request: PushRequest = parse(body)?;
    if request.changes.len() > MAX_PUSH_CHANGES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_changes",
            format!(
                "A push carries at most {MAX_PUSH_CHANGES} changes; this one has {}. Send them in batches.",
                request.changes.len()
            ),
        ));
    }
    let mut client = app.pool.get().await?;
    let mut tx = begin(&mut client).await?;
    let caller = authenticate(&tx, &headers).await?;
    // The account's pushes take turns here, so its sequence numbers have no gaps. The
    // counter is written back once, at the end: updating one row a thousand times in a
    // transaction makes each update walk the versions before it.
    let last_seq: i64 = tx
        .query_one(
            &tx.prepare_cached("SELECT last_seq FROM sync_accounts WHERE user_id = $1 FOR UPDATE")
                .await?,
            &[&caller.user_id],
        )
        .await?
        .get(0);
    let mut outcome = Outcome {
        last_seq,
        ..Outcome::default()
    };
    let now = hlc::now_ms();
    let ids: Vec<&str> = request.changes.iter().map(|c| c.id.as_str()).collect();
    let mut seen: std::collections::HashSet<String> = tx
        .query(
            &tx.prepare_cached(
                "SELECT change_id FROM sync_changes WHERE user_id = $1 AND change_id = ANY($2)",
            )
            .await?,
            &[&caller.user_id, &ids],
        )
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let mut fresh = Vec::with_capacity(request.changes.len());
    for change in request.changes {
        // Seen before, or earlier in this push.
        if seen.insert(change.id.clone()) {
            fresh.push(change);
        } else {
            outcome.response.duplicates.push(change.id);
        }
    }
    let whole = !app.options.one_by_one
        && match batch::apply(&app, &mut tx, &caller, &fresh, now, &mut outcome).await? {
            batch::Applied::Whole => true,
            batch::Applied::Not(reason) => {
                tracing::debug!(reason, "push applied change by change");
                false
            }
        };
    if !whole {
        apply_one_by_one(&app, &mut tx, &caller, fresh, now, &mut outcome).await?;
    }
    if outcome.accepted_any {
        tx.execute(
            &tx.prepare_cached("UPDATE sync_accounts SET last_seq = $2 WHERE user_id = $1")
                .await?,
            &[&caller.user_id, &outcome.last_seq],
        )
        .await?;
        tx.execute(
            &tx.prepare_cached("SELECT pg_notify($1, $2)").await?,
            &[&CHANNEL, &caller.user_id],
        )
        .await?;
        tracing::debug!(user_id = %caller.user_id, seq = outcome.last_seq, "pushed");
    }
    tx.commit().await?;
    outcome.response.resurrected.sort();
    outcome.response.resurrected.dedup();
    let applied = if whole { "whole" } else { "one-by-one" };
    Ok(([(APPLIED_HEADER, applied)], Json(outcome.response)))
}

/// Applies each change in a savepoint of its own, so that one that cannot be applied is
/// refused alone.
async fn apply_one_by_one(
    app: &App,
    tx: &mut Tx<'_>,
    caller: &Caller,
    changes: Vec<Change>,
    now: u64,
    outcome: &mut Outcome,
) -> Result<(), tokio_postgres::Error> {
    for change in changes {
        let id = change.id.clone();
        let savepoint = tx.transaction().await?;
        let before = outcome.last_seq;
        match apply(app, &savepoint, caller, change, now, outcome).await {
            Ok(()) => savepoint.commit().await?,
            Err(refusal) => {
                savepoint.rollback().await?;
                outcome.last_seq = before;
                outcome.refuse(id, refusal);
            }
        }
    }
    Ok(())
}

impl Outcome {
    fn refuse(&mut self, id: String, refusal: Refusal) {
        tracing::info!(change = %id, code = refusal.code, reason = %refusal.message, "change refused");
        self.response.rejected.push(Rejected {
            id,
            code: refusal.code.to_owned(),
            message: refusal.message,
        });
    }
}

fn check_shape(app: &App, change: &Change, now: u64) -> Result<&'static Table, Refusal> {
    if ulid::Ulid::from_string(&change.id).is_err() {
        return Err(refuse("invalid_id", "A change id is a ULID."));
    }
    let table = tables::synced()
        .find(|t| t.name == change.table)
        .ok_or_else(|| {
            refuse(
                "unknown_table",
                format!("\"{}\" is not a table that syncs.", truncate(&change.table)),
            )
        })?;
    if change.key.len() != table.key.len()
        || change
            .key
            .iter()
            .any(|k| k.is_empty() || k.len() > 64 || k.chars().any(char::is_control))
    {
        return Err(refuse(
            "invalid_key",
            format!(
                "A row of {} is named by {}.",
                table.name,
                table.key.join(" and ")
            ),
        ));
    }
    let known = app.columns_of(table.name);
    for column in change.columns.keys() {
        if !known.iter().any(|c| c == column) {
            return Err(refuse(
                "unknown_column",
                format!("{} has no column \"{}\".", table.name, truncate(column)),
            ));
        }
    }
    for (name, value) in table.key.iter().zip(&change.key) {
        if let Some(given) = change.columns.get(*name)
            && given.as_str() != Some(value)
        {
            return Err(refuse(
                "invalid_key",
                format!("The change's {name} differs from its key."),
            ));
        }
    }
    if change.op == Op::Delete && !change.columns.is_empty() {
        return Err(refuse("invalid_change", "A delete carries no columns."));
    }
    change
        .hlc
        .check_not_ahead_of(now)
        .map_err(|e| refuse("clock_ahead", e.to_string()))?;
    Ok(table)
}

fn truncate(text: &str) -> String {
    text.chars().take(60).collect()
}

/// Applies one change inside its own savepoint.
async fn apply(
    app: &App,
    tx: &Tx<'_>,
    caller: &Caller,
    mut change: Change,
    now: u64,
    outcome: &mut Outcome,
) -> Result<(), Refusal> {
    let table = check_shape(app, &change, now)?;
    map_aliases(tx, caller, table, &mut change).await?;
    match table.sync {
        SyncRole::Catalog => apply_catalog(tx, caller, table, &mut change, outcome).await?,
        _ => match change.op {
            Op::Upsert => {
                upsert(app, tx, caller, table, &mut change, outcome).await?;
            }
            Op::Delete => delete(tx, caller, table, &change).await?,
        },
    }
    let seq = outcome.last_seq + 1;
    let op = match change.op {
        Op::Upsert => "upsert",
        Op::Delete => "delete",
    };
    tx.execute(
        &tx.prepare_cached("INSERT INTO sync_changes (user_id, seq, change_id, device_id, table_name, row_key, op, columns, hlc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)").await?,
        &[
            &caller.user_id,
            &seq,
            &change.id,
            &caller.device_id,
            &change.table,
            &change.key,
            &op,
            &Value::Object(change.columns.clone()),
            &change.hlc.to_string(),
        ],
    )
    .await?;
    outcome
        .response
        .accepted
        .push(Accepted { id: change.id, seq });
    outcome.last_seq = seq;
    outcome.accepted_any = true;
    Ok(())
}

/// Replaces catalog ids the account's devices created under another id than the
/// server's, wherever the change names them.
async fn map_aliases(
    tx: &Tx<'_>,
    caller: &Caller,
    table: &Table,
    change: &mut Change,
) -> Result<(), Refusal> {
    let columns: Vec<&str> = app_reference_columns(table).collect();
    for column in columns {
        let position = table.key.iter().position(|k| *k == column);
        let current = match position {
            Some(i) => Some(change.key[i].clone()),
            None => change
                .columns
                .get(column)
                .and_then(Value::as_str)
                .map(str::to_owned),
        };
        let Some(current) = current else { continue };
        let mapped: Option<String> = tx
            .query_opt(
                "SELECT to_id FROM sync_aliases WHERE user_id = $1 AND table_name = 'technologies' AND from_id = $2",
                &[&caller.user_id, &current],
            )
            .await?
            .map(|row| row.get(0));
        if let Some(to) = mapped {
            if let Some(i) = position {
                change.key[i] = to.clone();
            }
            if change.columns.contains_key(column) {
                change.columns.insert(column.to_owned(), Value::String(to));
            }
        }
    }
    Ok(())
}

/// The columns of `table` that name a catalog row.
fn app_reference_columns(table: &Table) -> impl Iterator<Item = &'static str> {
    let names: &[&'static str] = match table.name {
        "technologies" => &["id"],
        "skills" | "project_technologies" | "experience_technologies" => &["technology_id"],
        _ => &[],
    };
    names.iter().copied()
}

/// A technology: matched to the catalog by case-insensitive name; an existing row is
/// never changed by an account, and a delete changes nothing on the server.
async fn apply_catalog(
    tx: &Tx<'_>,
    caller: &Caller,
    table: &Table,
    change: &mut Change,
    outcome: &mut Outcome,
) -> Result<(), Refusal> {
    if change.op == Op::Delete {
        return Ok(());
    }
    let id = change.key[0].clone();
    let by_id = tx
        .query_opt(
            &format!("SELECT {CATALOG_ROW} FROM technologies t WHERE id = $1"),
            &[&id],
        )
        .await?;
    let stored: Value = match by_id {
        Some(row) => row.get(0),
        None => {
            let name = change
                .columns
                .get("name")
                .and_then(Value::as_str)
                .map(str::trim)
                .unwrap_or("");
            let by_name = tx
                .query_opt(
                    &format!(
                        "SELECT {CATALOG_ROW} FROM technologies t WHERE lower(name) = lower($1)"
                    ),
                    &[&name],
                )
                .await?;
            match by_name {
                Some(row) => {
                    let existing: Value = row.get(0);
                    let to = existing["id"].as_str().unwrap_or_default().to_owned();
                    tx.execute(
                        &tx.prepare_cached("INSERT INTO sync_aliases (user_id, table_name, from_id, to_id) VALUES ($1, 'technologies', $2, $3)
                         ON CONFLICT (user_id, table_name, from_id) DO UPDATE SET to_id = EXCLUDED.to_id").await?,
                        &[&caller.user_id, &id, &to],
                    )
                    .await?;
                    outcome.response.mapped.push(Mapped {
                        table: table.name.to_owned(),
                        from: id,
                        to: to.clone(),
                    });
                    change.key = vec![to];
                    existing
                }
                None => {
                    let mut row = change.columns.clone();
                    row.insert("id".into(), Value::String(id.clone()));
                    tx.execute(
                        &tx.prepare_cached("INSERT INTO technologies SELECT * FROM jsonb_populate_record(NULL::technologies, $1)").await?,
                        &[&Value::Object(row)],
                    )
                    .await?;
                    tx.query_one(
                        &tx.prepare_cached(&format!(
                            "SELECT {CATALOG_ROW} FROM technologies t WHERE id = $1"
                        ))
                        .await?,
                        &[&id],
                    )
                    .await?
                    .get(0)
                }
            }
        }
    };
    // Every device of the account gets the catalog's row as it is.
    if let Value::Object(mut row) = stored {
        row.retain(|k, _| k != "id");
        change.columns = row;
    }
    Ok(())
}

/// The merge state of one row.
struct RowState {
    data: Map<String, Value>,
    clocks: Map<String, Value>,
    deleted: Option<Hlc>,
    known: bool,
}

/// What an edit did to a row's merge state.
struct Merged {
    /// The columns whose stamp it beat, now holding its values.
    winners: Vec<String>,
    /// The row's values before it.
    old: Value,
    /// Whether it brought back a deleted row.
    was_deleted: bool,
}

impl RowState {
    /// Merges an edit of `columns` stamped `hlc`, column by column (the later stamp
    /// wins). `Err(changed)` when the row was deleted after the edit was made: the
    /// tombstone wins and the row stays deleted, but its columns still take the later
    /// values (`changed` says whether any did), so that an edit made after the delete
    /// brings back the same row on every replica whatever order changes arrive in.
    fn merge(&mut self, columns: &Map<String, Value>, hlc: &Hlc) -> Result<Merged, bool> {
        let winners: Vec<String> = columns
            .keys()
            .filter(|c| clock_of(&self.clocks, c).is_none_or(|seen| seen < *hlc))
            .cloned()
            .collect();
        let old = Value::Object(self.data.clone());
        for column in &winners {
            self.data.insert(column.clone(), columns[column].clone());
            self.clocks
                .insert(column.clone(), Value::String(hlc.to_string()));
        }
        if self.deleted.as_ref().is_some_and(|deleted| deleted >= hlc) {
            return Err(!winners.is_empty());
        }
        let was_deleted = self.deleted.take().is_some();
        Ok(Merged {
            winners,
            old,
            was_deleted,
        })
    }

    /// Whether a delete stamped `hlc` takes effect: not when an edit was made after it
    /// (add wins) or the row was deleted later already.
    fn delete_wins(&self, hlc: &Hlc) -> bool {
        let newest_edit = self
            .clocks
            .values()
            .filter_map(|stamp| stamp.as_str()?.parse::<Hlc>().ok())
            .max();
        !(newest_edit.is_some_and(|edit| edit > *hlc)
            || self.deleted.as_ref().is_some_and(|d| d >= hlc))
    }
}

async fn row_state(
    tx: &Tx<'_>,
    caller: &Caller,
    table: &str,
    key: &[String],
) -> Result<RowState, Refusal> {
    let row = tx
        .query_opt(
            "SELECT data, clocks, deleted_hlc FROM sync_rows
             WHERE user_id = $1 AND table_name = $2 AND row_key = $3 FOR UPDATE",
            &[&caller.user_id, &table, &row_key(key)],
        )
        .await?;
    Ok(match row {
        None => RowState {
            data: Map::new(),
            clocks: Map::new(),
            deleted: None,
            known: false,
        },
        Some(row) => RowState {
            data: as_object(row.get(0)),
            clocks: as_object(row.get(1)),
            deleted: row.get::<_, Option<String>>(2).and_then(|s| s.parse().ok()),
            known: true,
        },
    })
}

/// A row's key values as statement parameters.
fn key_params(key: &[String]) -> Vec<&(dyn tokio_postgres::types::ToSql + Sync)> {
    key.iter()
        .map(|k| k as &(dyn tokio_postgres::types::ToSql + Sync))
        .collect()
}

/// How `sync_rows` names a row: its key as a JSON array.
fn row_key(key: &[String]) -> String {
    Value::from(key.to_vec()).to_string()
}

fn as_object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn clock_of(clocks: &Map<String, Value>, column: &str) -> Option<Hlc> {
    clocks.get(column)?.as_str()?.parse().ok()
}

/// `"key" = $n AND …` for the table's key columns, numbered from `first_param`, each
/// prefixed with `qualifier` (`"experiences".`) where the statement needs it.
fn key_condition(table: &Table, first_param: usize, qualifier: &str) -> String {
    table
        .key
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{qualifier}\"{k}\" = ${}", first_param + i))
        .collect::<Vec<_>>()
        .join(" AND ")
}

async fn row_exists(tx: &Tx<'_>, table: &Table, key: &[String]) -> Result<bool, Refusal> {
    let sql = format!(
        "SELECT 1 FROM \"{}\" WHERE {}",
        table.name,
        key_condition(table, 1, "")
    );
    let params = key_params(key);
    Ok(tx
        .query_opt(&tx.prepare_cached(&sql).await?, &params)
        .await?
        .is_some())
}

async fn save_state(
    tx: &Tx<'_>,
    caller: &Caller,
    table: &str,
    key: &[String],
    state: &RowState,
) -> Result<(), Refusal> {
    tx.execute(
        &tx.prepare_cached("INSERT INTO sync_rows (user_id, table_name, row_key, data, clocks, deleted_hlc)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, table_name, row_key)
         DO UPDATE SET data = EXCLUDED.data, clocks = EXCLUDED.clocks, deleted_hlc = EXCLUDED.deleted_hlc").await?,
        &[
            &caller.user_id,
            &table,
            &row_key(key),
            &Value::Object(state.data.clone()),
            &Value::Object(state.clocks.clone()),
            &state.deleted.as_ref().map(ToString::to_string),
        ],
    )
    .await?;
    Ok(())
}

/// The parents a row of `table` names: (parent table, key) for each of its references
/// to another synced row of the account.
fn parents_of(
    table: &Table,
    data: &Map<String, Value>,
    key: &[String],
) -> Vec<(&'static str, String)> {
    let references: &[(&str, &'static str)] = &[
        ("profile_id", "profiles"),
        ("project_id", "projects"),
        ("experience_id", "experiences"),
    ];
    references
        .iter()
        .filter_map(|(column, parent)| {
            let value = match table.key.iter().position(|k| k == column) {
                Some(i) => Some(key[i].clone()),
                None => data.get(*column).and_then(Value::as_str).map(str::to_owned),
            }?;
            Some((*parent, value))
        })
        .collect()
}

/// Brings back a deleted row of the account (and, first, its deleted parents): add wins.
fn resurrect<'a>(
    app: &'a App,
    tx: &'a Tx<'_>,
    caller: &'a Caller,
    table: &'static Table,
    key: Vec<String>,
    outcome: &'a mut Outcome,
) -> std::pin::Pin<Box<dyn Future<Output = Result<(), Refusal>> + Send + 'a>> {
    Box::pin(async move {
        if row_exists(tx, table, &key).await? {
            return Ok(());
        }
        let mut state = row_state(tx, caller, table.name, &key).await?;
        if !state.known {
            return Ok(());
        }
        resurrect_parents(app, tx, caller, table, &key, &state.data, outcome).await?;
        insert_row(app, tx, caller, table, &key, &state.data).await?;
        state.deleted = None;
        save_state(tx, caller, table.name, &key, &state).await?;
        outcome.response.resurrected.push(RowRef {
            table: table.name.to_owned(),
            key,
        });
        Ok(())
    })
}

/// Brings back the deleted rows that a row of `table` with `data` hangs from.
async fn resurrect_parents(
    app: &App,
    tx: &Tx<'_>,
    caller: &Caller,
    table: &Table,
    key: &[String],
    data: &Map<String, Value>,
    outcome: &mut Outcome,
) -> Result<(), Refusal> {
    for (parent, parent_id) in parents_of(table, data, key) {
        if let Some(parent_table) = tables::table(parent) {
            resurrect(app, tx, caller, parent_table, vec![parent_id], outcome).await?;
        }
    }
    Ok(())
}

/// The row's values as the documented table takes them: its key, and the account for
/// `profiles.user_id` whatever a device sent.
fn full_row(caller: &Caller, table: &Table, key: &[String], data: &Map<String, Value>) -> Value {
    let mut row = data.clone();
    for (name, value) in table.key.iter().zip(key) {
        row.insert((*name).to_owned(), Value::String(value.clone()));
    }
    if table.name == "profiles" {
        row.insert("user_id".into(), Value::String(caller.user_id.clone()));
    }
    Value::Object(row)
}

async fn insert_row(
    app: &App,
    tx: &Tx<'_>,
    caller: &Caller,
    table: &Table,
    key: &[String],
    data: &Map<String, Value>,
) -> Result<(), Refusal> {
    let row = full_row(caller, table, key, data);
    let columns = present_columns(app, table, &row);
    insert_rows(tx, table, &columns, vec![row]).await?;
    Ok(())
}

/// The columns of `table` that `row` has values for: an insert names only these, so
/// that the others take their defaults.
fn present_columns(app: &App, table: &Table, row: &Value) -> Vec<String> {
    app.columns_of(table.name)
        .iter()
        .filter(|c| row.get(c.as_str()).is_some())
        .cloned()
        .collect()
}

/// Inserts `rows` (objects of the table's values, each with exactly `columns`) with one
/// statement.
async fn insert_rows(
    tx: &Tx<'_>,
    table: &Table,
    columns: &[String],
    rows: Vec<Value>,
) -> Result<(), tokio_postgres::Error> {
    let list = quoted(columns);
    let sql = format!(
        "INSERT INTO \"{t}\" ({list}) SELECT {list} FROM jsonb_populate_recordset(NULL::\"{t}\", $1)",
        t = table.name
    );
    tx.execute(&tx.prepare_cached(&sql).await?, &[&Value::Array(rows)])
        .await?;
    Ok(())
}

/// Sets `columns` of the rows named by the keys in `rows` (objects of the table's
/// values) to the values there, with one statement.
async fn update_rows(
    tx: &Tx<'_>,
    table: &Table,
    columns: &[String],
    rows: Vec<Value>,
) -> Result<(), tokio_postgres::Error> {
    let sets = columns
        .iter()
        .map(|c| format!("\"{c}\" = r.\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let on = table
        .key
        .iter()
        .map(|k| format!("\"{t}\".\"{k}\" = r.\"{k}\"", t = table.name))
        .collect::<Vec<_>>()
        .join(" AND ");
    let sql = format!(
        "UPDATE \"{t}\" SET {sets} FROM jsonb_populate_recordset(NULL::\"{t}\", $1) AS r WHERE {on}",
        t = table.name
    );
    tx.execute(&tx.prepare_cached(&sql).await?, &[&Value::Array(rows)])
        .await?;
    Ok(())
}

/// `"a", "b"` for a list of column names.
fn quoted(columns: &[impl AsRef<str>]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{}\"", c.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Derived columns are the database's, and the account owns its profile.
fn server_owned(table: &Table, column: &str) -> bool {
    table.derived.contains(&column) || (table.name == "profiles" && column == "user_id")
}

async fn upsert(
    app: &App,
    tx: &Tx<'_>,
    caller: &Caller,
    table: &'static Table,
    change: &mut Change,
    outcome: &mut Outcome,
) -> Result<(), Refusal> {
    change.columns.retain(|c, _| !server_owned(table, c));
    let mut state = row_state(tx, caller, table.name, &change.key).await?;
    let Merged {
        winners,
        old,
        was_deleted,
    } = match state.merge(&change.columns, &change.hlc) {
        Ok(merged) => merged,
        Err(changed) => {
            if changed {
                save_state(tx, caller, table.name, &change.key, &state).await?;
            }
            return Ok(());
        }
    };
    resurrect_parents(app, tx, caller, table, &change.key, &state.data, outcome).await?;
    let exists = row_exists(tx, table, &change.key).await?;
    if exists {
        if !winners.is_empty() {
            let row = full_row(caller, table, &change.key, &state.data);
            update_rows(tx, table, &winners, vec![row]).await?;
        }
    } else {
        insert_row(app, tx, caller, table, &change.key, &state.data).await?;
        if was_deleted {
            outcome.response.resurrected.push(RowRef {
                table: table.name.to_owned(),
                key: change.key.clone(),
            });
        }
    }
    if exists && winners.is_empty() {
        // Every column it sets was set later by another change: nothing to record.
        return Ok(());
    }
    save_state(tx, caller, table.name, &change.key, &state).await?;
    let (verb, old) = audit_verb(exists, was_deleted, old);
    audit(
        tx,
        caller,
        table,
        change,
        verb,
        old,
        Some(Value::Object(state.data.clone())),
    )
    .await
}

async fn delete(
    tx: &Tx<'_>,
    caller: &Caller,
    table: &Table,
    change: &Change,
) -> Result<(), Refusal> {
    let mut state = row_state(tx, caller, table.name, &change.key).await?;
    if !state.delete_wins(&change.hlc) {
        return Ok(());
    }
    let sql = format!(
        "DELETE FROM \"{}\" WHERE {}",
        table.name,
        key_condition(table, 1, "")
    );
    tx.execute(&sql, &key_params(&change.key)).await?;
    state.deleted = Some(change.hlc.clone());
    save_state(tx, caller, table.name, &change.key, &state).await?;
    audit(
        tx,
        caller,
        table,
        change,
        "DELETE",
        Some(Value::Object(state.data.clone())),
        None,
    )
    .await
}

/// How the audit trail names an applied edit, and the row before it: an update of a
/// row that was there (or came back), the creation of one that was not.
fn audit_verb(exists: bool, was_deleted: bool, old: Value) -> (&'static str, Option<Value>) {
    if exists || was_deleted {
        ("UPDATE", Some(old))
    } else {
        ("CREATE", None)
    }
}

/// A row's values as the audit trail keeps them: its secret columns redacted.
fn redacted(table: &Table, value: Option<Value>) -> Option<Value> {
    value.map(|mut v| {
        if let Value::Object(map) = &mut v {
            for column in table.secret {
                if map.contains_key(*column) {
                    map.insert((*column).to_owned(), Value::String("[redacted]".into()));
                }
            }
        }
        v
    })
}

/// The account's audit trail records what sync applied, with the device.
async fn audit(
    tx: &Tx<'_>,
    caller: &Caller,
    table: &Table,
    change: &Change,
    verb: &str,
    old: Option<Value>,
    new: Option<Value>,
) -> Result<(), Refusal> {
    tx.execute(
        &tx.prepare_cached("INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, source, device_id, change_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'sync', $8, $9)").await?,
        &[
            &ulid::Ulid::generate().to_string(),
            &caller.user_id,
            &format!("{verb}_{}", table.entity),
            &table.entity,
            &change.key.join(":"),
            &redacted(table, old),
            &redacted(table, new),
            &caller.device_id,
            &change.id,
        ],
    )
    .await?;
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullQuery {
    #[serde(default)]
    since: i64,
    limit: Option<usize>,
    /// Seconds to wait for a change when there is none yet.
    #[serde(default)]
    wait: u64,
}

pub async fn pull(
    State(app): State<App>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Page>> {
    let Query(query) = query.map_err(|e| ApiError::bad_request("invalid_query", e.body_text()))?;
    let limit = query
        .limit
        .unwrap_or(MAX_PULL_CHANGES)
        .clamp(1, MAX_PULL_CHANGES);
    let wait = Duration::from_secs(query.wait.min(MAX_WAIT_SECONDS));
    // Subscribe before looking, so that a push between the look and the wait is seen.
    let mut announcements = app.announcements.subscribe();
    let mut shutdown = app.shutdown.clone();
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let (caller, response) = read_changes(&app, &headers, query.since, limit).await?;
        if !response.changes.is_empty() || tokio::time::Instant::now() >= deadline {
            return Ok(Json(response));
        }
        let announced = async {
            loop {
                match announcements.recv().await {
                    Ok(user) if user == caller.user_id => return,
                    Ok(_) => {}
                    // Missed some: look again to be sure.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                        std::future::pending::<()>().await
                    }
                }
            }
        };
        tokio::select! {
            () = announced => {}
            () = tokio::time::sleep_until(deadline) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            let (_, response) = read_changes(&app, &headers, query.since, limit).await?;
            return Ok(Json(response));
        }
    }
}

async fn read_changes(
    app: &App,
    headers: &HeaderMap,
    since: i64,
    limit: usize,
) -> ApiResult<(Caller, Page)> {
    // Within reach of the range below without overflowing it.
    let since = since.clamp(0, i64::MAX / 2);
    let mut client = app.pool.get().await?;
    let tx = begin(&mut client).await?;
    let caller = authenticate(&tx, headers).await?;
    let rows = tx
        .query(
            // Sequence numbers have no gaps: the page is a range of the primary key, which
            // the planner reads in order whatever it guesses of `since`.
            "SELECT seq, device_id, change_id, table_name, row_key, op, columns::text, hlc
             FROM sync_changes WHERE user_id = $1 AND seq > $2 AND seq <= $2 + $3
             ORDER BY seq",
            &[&caller.user_id, &since, &(limit as i64 + 1)],
        )
        .await?;
    tx.commit().await?;
    let more = rows.len() > limit;
    let mut changes = Vec::with_capacity(rows.len().min(limit));
    for row in rows.iter().take(limit) {
        let columns: String = row.get(6);
        changes.push(PageChange {
            seq: row.get(0),
            device_id: row.get(1),
            change: StoredChange {
                id: row.get(2),
                table: row.get(3),
                key: row.get(4),
                op: row.get(5),
                columns: serde_json::value::RawValue::from_string(columns)
                    .map_err(ApiError::internal)?,
                hlc: row.get(7),
            },
        });
    }
    let next = changes.last().map_or(since, |c| c.seq);
    Ok((
        caller,
        Page {
            changes,
            next,
            more,
        },
    ))
}

/// A pull's reply as the server writes it: the shape of
/// [`career_hub_protocol::api::PullResponse`] (which devices
/// read it as), with each change's columns passed on as PostgreSQL keeps them instead
/// of parsed and written again.
#[derive(Debug, Serialize)]
pub struct Page {
    changes: Vec<PageChange>,
    next: i64,
    more: bool,
}

/// [`career_hub_protocol::api::PulledChange`], as stored.
#[derive(Debug, Serialize)]
struct PageChange {
    seq: i64,
    device_id: String,
    change: StoredChange,
}

/// [`Change`], as stored.
#[derive(Debug, Serialize)]
struct StoredChange {
    id: String,
    table: String,
    key: Vec<String>,
    op: String,
    columns: Box<serde_json::value::RawValue>,
    hlc: String,
}

/// Keeps `announcements` fed with the accounts that have new changes, from PostgreSQL's
/// notifications, so that a long-poll on any instance wakes when a push on any other
/// commits. Reconnects when the connection drops.
pub async fn listen(database_url: String, announcements: tokio::sync::broadcast::Sender<String>) {
    use futures_util::StreamExt;
    loop {
        match tokio_postgres::connect(&database_url, tokio_postgres::NoTls).await {
            Ok((client, mut connection)) => {
                let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
                let messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
                let driver = tokio::spawn(async move {
                    let mut messages = std::pin::pin!(messages);
                    while let Some(message) = messages.next().await {
                        match message {
                            Ok(tokio_postgres::AsyncMessage::Notification(n)) => {
                                let _ = sender.send(n.payload().to_owned());
                            }
                            Ok(_) => {}
                            Err(error) => {
                                tracing::warn!(%error, "notification connection failed");
                                break;
                            }
                        }
                    }
                });
                if let Err(error) = client.batch_execute(&format!("LISTEN {CHANNEL}")).await {
                    tracing::warn!(%error, "could not listen for changes");
                } else {
                    tracing::debug!("listening for changes");
                    while let Some(user) = receiver.recv().await {
                        let _ = announcements.send(user);
                    }
                }
                driver.abort();
            }
            Err(error) => tracing::warn!(%error, "could not connect to listen for changes"),
        }
        // Long-polls still end at their timeout meanwhile.
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
