//! The audit triggers, generated from the table registry and the live columns.
//!
//! Every audited table has three triggers (`audit_<table>_insert|update|delete`) that
//! write one `audit_log` row per row written: the action, the entity and its key, the
//! whole row before and after as JSON (secrets redacted, JSON columns nested), the owner
//! found from the row, and the change id from the `audit_context` view. The per-change
//! facts (source, session, the change an undo reverses) live in one `changes` row that
//! Career Hub writes when a change begins; a write from another program has no such row
//! yet, so the trigger adds it, with source `external`.
//!
//! Released migrations are never edited. When the registry or a table's columns change,
//! the test `generated_triggers_equal_the_live_ones` fails; run it with
//! `UPDATE_MIGRATIONS=1` and it writes the next migration, which drops and recreates the
//! triggers that differ ([`next_migration`]).

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::tables::{self, Owner, Table};
use crate::Result;

/// A trigger's name and the full `CREATE TRIGGER` statement (without the final `;`).
pub type Triggers = BTreeMap<String, String>;

#[derive(Clone, Copy)]
enum Event {
    Insert,
    Update,
    Delete,
}

impl Event {
    const ALL: [Self; 3] = [Self::Insert, Self::Update, Self::Delete];

    fn name(self) -> &'static str {
        match self {
            Self::Insert => "insert",
            Self::Update => "update",
            Self::Delete => "delete",
        }
    }

    fn action(self) -> &'static str {
        match self {
            Self::Insert => "CREATE",
            Self::Update => "UPDATE",
            Self::Delete => "DELETE",
        }
    }

    /// The row the trigger's key and owner are read from.
    fn row(self) -> &'static str {
        match self {
            Self::Delete => "OLD",
            Self::Insert | Self::Update => "NEW",
        }
    }
}

/// The columns of `table` in the live schema, in order.
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |row| row.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// The audit triggers every audited table should have, for the columns it has in `conn`.
pub fn audit_triggers(conn: &Connection) -> Result<Triggers> {
    let mut triggers = Triggers::new();
    for table in tables::audited() {
        let columns = columns(conn, table.name)?;
        for event in Event::ALL {
            let name = format!("audit_{}_{}", table.name, event.name());
            let sql = trigger(table, &columns, event, &name);
            triggers.insert(name, sql);
        }
    }
    Ok(triggers)
}

/// The triggers `conn` has whose names start with `prefix` and `_` (`audit`, `sync`), by
/// name.
pub fn live_triggers(conn: &Connection, prefix: &str) -> Result<Triggers> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE ?1 || '\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([prefix], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn trigger(table: &Table, columns: &[String], event: Event, name: &str) -> String {
    let mut sql = match event {
        Event::Insert => format!("CREATE TRIGGER {name} AFTER INSERT ON {}\n", table.name),
        Event::Delete => format!("CREATE TRIGGER {name} AFTER DELETE ON {}\n", table.name),
        Event::Update => {
            let edited: Vec<String> = columns
                .iter()
                .filter(|c| c.as_str() != "updated_at" && !table.derived.contains(&c.as_str()))
                .map(|c| format!("NEW.{c} IS NOT OLD.{c}"))
                .collect();
            format!(
                "CREATE TRIGGER {name} AFTER UPDATE ON {}\nFOR EACH ROW WHEN\n    {}\n",
                table.name,
                edited.join("\n    OR ")
            )
        }
    };
    sql.push_str(&format!(
        "BEGIN
    INSERT OR IGNORE INTO changes (id, source)
    SELECT change_id, source FROM audit_context WHERE source = 'external';
    INSERT INTO audit_log ({AUDIT_COLUMNS})
    SELECT
{values}
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END",
        values = audit_values(table, columns, event, "(SELECT id FROM new_ulid)"),
    ));
    sql
}

const AUDIT_COLUMNS: &str =
    "id, user_id, action, entity_type, entity_id, old_values, new_values, change_id";

/// The values of the audit row of one write, in [`AUDIT_COLUMNS`] order: `id` is the
/// audit row's id and `c` the audit context.
fn audit_values(table: &Table, columns: &[String], event: Event, id: &str) -> String {
    let row = event.row();
    let old_values = match event {
        Event::Insert => "NULL".to_owned(),
        Event::Update | Event::Delete => row_json(table, columns, "OLD", false),
    };
    let new_values = match event {
        Event::Delete => "NULL".to_owned(),
        Event::Insert => row_json(table, columns, "NEW", false),
        Event::Update => row_json(table, columns, "NEW", table.stamps_updated_at),
    };
    let key: Vec<String> = table.key.iter().map(|k| format!("{row}.{k}")).collect();
    format!(
        "        {id},
        {owner},
        '{action}_{entity}',
        '{entity}',
        {key},
        {old_values},
        {new_values},
        c.change_id",
        owner = owner(table, event),
        action = event.action(),
        entity = table.entity,
        key = key.join(" || ':' || "),
    )
}

/// The statement that writes, at once, the audit rows the insert trigger of `table`
/// would have written for each row whose rowid is in `?1` (a JSON array), in rowid
/// order ([`crate::bulk`]). `ulid` names the SQL function
/// that makes the audit rows' ids (the trigger's `new_ulid` view is evaluated once per
/// statement, not once per row).
pub fn bulk_audit_insert(conn: &Connection, table: &Table, ulid: &str) -> Result<String> {
    let columns = columns(conn, table.name)?;
    Ok(format!(
        "INSERT INTO audit_log ({AUDIT_COLUMNS})
    SELECT
{values}
    FROM {name} AS NEW LEFT JOIN audit_context c ON c.id = 1
    WHERE NEW.rowid IN (SELECT value FROM json_each(?1))
    ORDER BY NEW.rowid",
        values = audit_values(table, &columns, Event::Insert, &format!("{ulid}()")),
        name = table.name,
    ))
}

/// The owner of the row: its user, looked up so that a row whose user is gone records
/// none (the audit row's foreign key stays valid).
fn owner(table: &Table, event: Event) -> String {
    let row = event.row();
    let found = match table.owner {
        Owner::Itself => {
            return match event {
                Event::Delete => "NULL".to_owned(),
                Event::Insert | Event::Update => format!("{row}.id"),
            };
        }
        Owner::UserColumn(column) => format!("{row}.{column}"),
        Owner::Profile(column) => {
            format!("(SELECT user_id FROM profiles WHERE id = {row}.{column})")
        }
        Owner::Via(parents) => {
            let lookups: Vec<String> = parents
                .iter()
                .map(|(parent, column)| {
                    format!(
                        "(SELECT p.user_id FROM {parent} j JOIN profiles p ON p.id = j.profile_id WHERE j.id = {row}.{column})"
                    )
                })
                .collect();
            match lookups.as_slice() {
                [one] => one.clone(),
                many => format!("COALESCE({})", many.join(", ")),
            }
        }
        Owner::Nobody => "NULL".to_owned(),
    };
    format!("(SELECT id FROM users WHERE id = COALESCE({found}, c.user_id))")
}

/// `json_object(...)` of the row: secrets redacted, JSON nested. `stamped` predicts the
/// `updated_at` the stamping trigger is about to write (it runs after this one).
fn row_json(table: &Table, columns: &[String], row: &str, stamped: bool) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|column| {
            let value = if table.secret.contains(&column.as_str()) {
                format!("CASE WHEN {row}.{column} IS NULL THEN NULL ELSE '[redacted]' END")
            } else if table.json.contains(&column.as_str()) {
                format!("json({row}.{column})")
            } else if stamped && column == "updated_at" {
                "CASE WHEN NEW.updated_at IS OLD.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NEW.updated_at END".to_owned()
            } else {
                format!("{row}.{column}")
            };
            format!("            '{column}', {value}")
        })
        .collect();
    format!("json_object(\n{}\n        )", pairs.join(",\n"))
}

/// The SQL of a migration that brings the live audit triggers of `conn` to the
/// generated ones: `(up, down)`, or `None` when they are equal already.
pub fn next_migration(conn: &Connection) -> Result<Option<(String, String)>> {
    Ok(migration(
        &live_triggers(conn, "audit")?,
        &audit_triggers(conn)?,
    ))
}

/// The `(up, down)` SQL of a migration that turns the trigger set `have` into `want`, or
/// `None` when they are equal already.
pub fn migration(have: &Triggers, want: &Triggers) -> Option<(String, String)> {
    if want == have {
        return None;
    }
    let up = diff(have, want);
    let down = diff(want, have);
    Some((up.drops + &up.creates, down.drops + &down.creates))
}

/// The statements that turn one trigger set into another.
#[derive(Debug, Default)]
pub struct Diff {
    /// `DROP TRIGGER` of every trigger that goes or changes.
    pub drops: String,
    /// `CREATE TRIGGER` of every trigger that comes or changes.
    pub creates: String,
}

/// What turns the trigger set `from` into `to`.
pub fn diff(from: &Triggers, to: &Triggers) -> Diff {
    let mut diff = Diff::default();
    for (name, old) in from {
        if to.get(name) != Some(old) {
            diff.drops.push_str(&format!("DROP TRIGGER {name};\n"));
        }
    }
    for (name, new) in to {
        if from.get(name) != Some(new) {
            diff.creates.push_str(new);
            diff.creates.push_str(";\n");
        }
    }
    diff
}
