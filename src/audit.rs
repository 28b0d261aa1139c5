//! The audit trail: who changed what, read back from `audit_log`.
//!
//! Triggers (generated from the table registry, [`crate::schema::triggers`]) write one
//! `audit_log` row per insert, update and delete of user data, naming the change it
//! belongs to. A change is one `changes` row (source, session, the change an undo
//! reverses) that [`crate::Db::write`] writes from the connection's [`AuditContext`] at
//! the start of each transaction, publishing its id to the triggers through the
//! `audit_state` row, which it clears before commit. A write made while that row is
//! clear comes from outside Career Hub: the `audit_context` view gives it one change id
//! per statement, and the first trigger to fire records that change with source
//! `external` (migrations 0006 and 0008).

use std::fmt;
use std::str::FromStr;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, Row, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Result;

/// Where a change came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The desktop app.
    Ui,
    /// The `career-hub` command line.
    Cli,
    /// An importer (JSON Resume, LinkedIn, full backup).
    Import,
    /// Changes pulled from another device.
    Sync,
    /// Career Hub itself (first-run setup).
    #[default]
    System,
    /// Another program writing to the database file (any SQLite tool or script).
    External,
}

impl Source {
    /// All sources, in the order the schema's CHECK lists them.
    pub const ALL: [Self; 6] = [
        Self::Ui,
        Self::Cli,
        Self::Import,
        Self::Sync,
        Self::System,
        Self::External,
    ];

    /// The value stored in `audit_log.source`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ui => "ui",
            Self::Cli => "cli",
            Self::Import => "import",
            Self::Sync => "sync",
            Self::System => "system",
            Self::External => "external",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Source {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|source| source.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown change source {s:?} (expected ui, cli, import, sync, system or external)"
                )
            })
    }
}

/// Who is writing through a connection: recorded on every audit row it causes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditContext {
    /// Where the changes come from.
    pub source: Source,
    /// The user acting, for rows whose owner cannot be found from the row itself.
    pub user_id: Option<String>,
    /// An optional session the changes belong to (e.g. a profile-builder session).
    pub session_id: Option<String>,
}

impl AuditContext {
    /// A context with just a source.
    pub fn new(source: Source) -> Self {
        Self {
            source,
            ..Self::default()
        }
    }

    /// Begins a change in the transaction `tx`: one `changes` row with this context's
    /// source and session (and `reverts`, the change an undo reverses), published to
    /// the audit triggers through `audit_state`. Returns the new change id.
    pub(crate) fn begin(&self, tx: &Transaction<'_>, reverts: Option<&str>) -> Result<String> {
        Self::forget_if_empty(tx)?;
        let change_id = ulid::Ulid::generate().to_string();
        tx.prepare_cached(
            "INSERT INTO changes (id, source, session_id, reverts_change_id)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            change_id,
            self.source.as_str(),
            self.session_id,
            reverts
        ])?;
        tx.prepare_cached(
            "UPDATE audit_state SET user_id = ?1, source = ?2, session_id = ?3, change_id = ?4,
                 reverts_change_id = ?5 WHERE id = 1",
        )?
        .execute(params![
            self.user_id,
            self.source.as_str(),
            self.session_id,
            change_id,
            reverts
        ])?;
        Ok(change_id)
    }

    /// Names the user of the change being written in `tx`, once it is known.
    pub(crate) fn set_user(tx: &Transaction<'_>, user_id: &str) -> Result<()> {
        tx.prepare_cached("UPDATE audit_state SET user_id = ?1 WHERE id = 1")?
            .execute([user_id])?;
        Ok(())
    }

    /// Ends the change being written in `tx` (dropping its `changes` row if it wrote
    /// nothing) and puts the shared context row back to "unknown writer" before commit.
    pub(crate) fn end(tx: &Transaction<'_>) -> Result<()> {
        Self::forget_if_empty(tx)?;
        tx.prepare_cached(
            "UPDATE audit_state SET user_id = NULL, source = 'system', session_id = NULL,
                 change_id = NULL, reverts_change_id = NULL WHERE id = 1",
        )?
        .execute([])?;
        Ok(())
    }

    /// Removes the current change's row when no audit row names it.
    fn forget_if_empty(tx: &Transaction<'_>) -> Result<()> {
        tx.prepare_cached(
            "DELETE FROM changes WHERE id = (SELECT change_id FROM audit_state WHERE id = 1)
                 AND NOT EXISTS (SELECT 1 FROM audit_log WHERE change_id = changes.id)",
        )?
        .execute([])?;
        Ok(())
    }
}

/// One row of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditEntry {
    pub id: String,
    pub user_id: Option<String>,
    /// `CREATE_EXPERIENCE`, `UPDATE_PROFILE`, `DELETE_SKILL`, …
    pub action: String,
    /// `EXPERIENCE`, `PROFILE`, `PROJECT_TECHNOLOGY`, …
    pub entity_type: Option<String>,
    /// The row's id; for a junction row its two keys joined by `:`.
    pub entity_id: Option<String>,
    /// The whole row before the change (`None` for a create).
    #[cfg_attr(feature = "specta", specta(type = Option<specta_typescript::Unknown>))]
    pub old_values: Option<Value>,
    /// The whole row after the change (`None` for a delete).
    #[cfg_attr(feature = "specta", specta(type = Option<specta_typescript::Unknown>))]
    pub new_values: Option<Value>,
    pub source: Source,
    pub session_id: Option<String>,
    /// Shared by every row one user action wrote.
    pub change_id: Option<String>,
    /// For the rows of an undo: the change it reversed.
    pub reverts_change_id: Option<String>,
    pub created_at: String,
}

/// Which audit rows to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// Entity type, e.g. `EXPERIENCE` (case-insensitive).
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub user_id: Option<String>,
    /// At most this many rows.
    pub limit: Option<usize>,
}

/// The columns [`entry_from_row`] reads, in its order, from [`ENTRY_SOURCE`].
pub(crate) const ENTRY_COLUMNS: &str = "a.id, a.user_id, a.action, a.entity_type, a.entity_id, \
     a.old_values, a.new_values, COALESCE(ch.source, 'system'), ch.session_id, a.change_id, a.created_at, \
     ch.reverts_change_id";

/// Audit rows (`a`) with the change each belongs to (`ch`; none for a row written by
/// hand into `audit_log`, which counts as Career Hub's own).
pub(crate) const ENTRY_SOURCE: &str = "audit_log a LEFT JOIN changes ch ON ch.id = a.change_id";

/// Audit rows matching `filter`, newest first.
pub fn history(conn: &Connection, filter: &HistoryFilter) -> Result<Vec<AuditEntry>> {
    let entity_type = filter.entity_type.as_deref().map(str::to_uppercase);
    let limit = filter
        .limit
        .map_or(-1, |limit| i64::try_from(limit).unwrap_or(i64::MAX));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS}
         FROM {ENTRY_SOURCE}
         WHERE (?1 IS NULL OR a.entity_type = ?1)
           AND (?2 IS NULL OR a.entity_id = ?2)
           AND (?3 IS NULL OR a.user_id = ?3)
         ORDER BY a.created_at DESC, a.rowid DESC
         LIMIT ?4"
    ))?;
    let rows = stmt.query_map(
        params![entity_type, filter.entity_id, filter.user_id, limit],
        entry_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    let json = |index: usize| -> rusqlite::Result<Option<Value>> {
        row.get::<_, Option<String>>(index)?
            .map(|text| {
                serde_json::from_str(&text).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        index,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })
            })
            .transpose()
    };
    let source: String = row.get(7)?;
    Ok(AuditEntry {
        id: row.get(0)?,
        user_id: row.get(1)?,
        action: row.get(2)?,
        entity_type: row.get(3)?,
        entity_id: row.get(4)?,
        old_values: json(5)?,
        new_values: json(6)?,
        source: source.parse().unwrap_or_default(),
        session_id: row.get(8)?,
        change_id: row.get(9)?,
        created_at: row.get(10)?,
        reverts_change_id: row.get(11)?,
    })
}

pub(crate) use crate::schema::tables::is_json_column;

/// A value of a row's JSON (as the audit trail and backups write it) as what SQLite
/// stores in `column`: JSON columns as JSON text.
pub(crate) fn sql_value(column: &str, value: &Value) -> SqlValue {
    sql_value_as(value, is_json_column(column))
}

/// [`sql_value`] for a column known to hold JSON (`json`) or not.
pub(crate) fn sql_value_as(value: &Value, json: bool) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map_or_else(
            || SqlValue::Real(n.as_f64().unwrap_or(0.0)),
            SqlValue::Integer,
        ),
        Value::String(s) if json => SqlValue::Text(Value::String(s.clone()).to_string()),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}
