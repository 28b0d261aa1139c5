//! History, undo and restore, built on the audit trail.
//!
//! Every user action is one change: the audit rows that share a `change_id`. Undo
//! reverses a whole change in one new change (itself audited, with
//! `reverts_change_id` naming what it reversed), so it can be undone in turn. "Undo"
//! without a choice steps back through the changes still in effect, newest first.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, Transaction, params, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::audit::{self, AuditEntry, ENTRY_COLUMNS, ENTRY_SOURCE, sql_value};
use crate::profile::technology;
use crate::schema::tables::{self, Table};
use crate::{Db, Error, Result, Source};

/// The value the audit trail writes in place of a secret.
const REDACTED: &str = "[redacted]";

fn entity(entity_type: &str) -> Result<&'static Table> {
    tables::by_entity(entity_type)
        .ok_or_else(|| Error::Conflict(format!("changes to {entity_type} cannot be undone")))
}

/// One user action and everything it wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Change {
    pub change_id: String,
    pub created_at: String,
    pub source: Source,
    /// A short sentence: "Deleted experience Programmer at Analytical Engines (and 2 linked rows)".
    pub summary: String,
    /// The change this one reversed, for an undo.
    pub reverts_change_id: Option<String>,
    /// Whether a later change (still in effect) reversed this one.
    pub undone: bool,
    /// The audit rows, in the order they were written.
    pub entries: Vec<AuditEntry>,
}

/// What an undo did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UndoReport {
    /// The change that was reversed.
    pub reverted_change_id: String,
    /// The new change that reversed it (undo it to redo).
    pub change_id: String,
    /// How many rows were put back, removed or restored.
    pub rows: u32,
    /// What happened, in words.
    pub summary: String,
}

/// The user's changes, newest first (builder autosaves left out), at most `limit`.
pub fn changes(conn: &Connection, user_id: &str, limit: usize) -> Result<Vec<Change>> {
    let chain = change_chain(conn, user_id)?;
    let undone = reverted_set(&chain);
    let mut found = Vec::new();
    for link in chain.iter().filter(|c| c.has_user_data).take(limit) {
        let entries = entries_of(conn, &link.change_id)?;
        found.push(build_change(
            conn,
            link.change_id.clone(),
            entries,
            undone.contains(&link.change_id),
        ));
    }
    Ok(found)
}

/// The history of one item (e.g. `EXPERIENCE`, its id), newest first.
pub fn of_entity(
    conn: &Connection,
    entity_type: &str,
    entity_id: &str,
    limit: usize,
) -> Result<Vec<AuditEntry>> {
    audit::history(
        conn,
        &audit::HistoryFilter {
            entity_type: Some(entity_type.to_owned()),
            entity_id: Some(entity_id.to_owned()),
            user_id: None,
            limit: Some(limit),
        },
    )
}

/// The change [`undo_last`] would undo: the user's most recent change that is still in
/// effect (not itself an undo, not Career Hub's own first-run setup), made by `source`
/// when one is given (the app undoes only its own changes, never another program's).
pub fn last_undoable(
    conn: &Connection,
    user_id: &str,
    source: Option<Source>,
) -> Result<Option<Change>> {
    let Some(id) = undoable(conn, user_id, source)?.into_iter().next() else {
        return Ok(None);
    };
    let entries = entries_of(conn, &id)?;
    Ok(Some(build_change(conn, id, entries, false)))
}

/// The user's changes still in effect that undo may take back, newest first.
fn undoable(conn: &Connection, user_id: &str, source: Option<Source>) -> Result<Vec<String>> {
    let chain = change_chain(conn, user_id)?;
    let undone = reverted_set(&chain);
    Ok(chain
        .into_iter()
        .filter(|c| {
            c.has_user_data
                && !c.by_career_hub
                && c.reverts.is_none()
                && !undone.contains(&c.change_id)
                && source.is_none_or(|s| c.source == s)
        })
        .map(|c| c.change_id)
        .collect())
}

/// Undoes the user's most recent change still in effect (see [`last_undoable`]). A
/// change whose effect is already gone (another program put things back) is passed
/// over for the one before it, so undo never reports success for nothing.
pub fn undo_last(db: &mut Db, user_id: &str, source: Option<Source>) -> Result<UndoReport> {
    for change_id in undoable(db.conn(), user_id, source)? {
        match undo_change(db, &change_id) {
            Err(Error::NothingToUndo(_)) => continue,
            other => return other,
        }
    }
    Err(Error::Conflict(match source {
        Some(Source::Ui) => "There is nothing of yours to undo in the app.".to_owned(),
        _ => "There is nothing to undo.".to_owned(),
    }))
}

/// What undoing a change would do: the change, and the later changes still in effect
/// that wrote the same fields of the same items (or deleted them). When there are any,
/// undoing the change alone would discard their edits, so [`undo_change`] refuses and
/// [`undo_with_later`] undoes them too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UndoPreview {
    pub change: Change,
    /// Newest first.
    pub later: Vec<Change>,
}

/// See [`UndoPreview`].
pub fn preview_undo(conn: &Connection, change_id: &str) -> Result<UndoPreview> {
    let entries = entries_of(conn, change_id)?;
    if entries.is_empty() {
        return Err(Error::not_found("change", change_id));
    }
    let in_effect = InEffect::read(conn)?;
    let later = conflicts(conn, change_id, &entries, &in_effect)?;
    let mut found = Vec::new();
    for id in later {
        let entries = entries_of(conn, &id)?;
        found.push(build_change(conn, id, entries, false));
    }
    let undone = in_effect.reverted.contains(change_id);
    Ok(UndoPreview {
        change: build_change(conn, change_id.to_owned(), entries, undone),
        later: found,
    })
}

/// Reverses what a change wrote, in one new change: the fields it set go back to what
/// they were, and nothing else. Undoing an undo redoes. A change whose fields a later
/// change (still in effect) wrote again is refused, naming that change: undoing it
/// alone would silently discard the later edit (see [`undo_with_later`]).
pub fn undo_change(db: &mut Db, change_id: &str) -> Result<UndoReport> {
    let preview = preview_undo(db.conn(), change_id)?;
    if let Some(first) = preview.later.first() {
        let more = match preview.later.len() {
            1 => String::new(),
            n => format!(" and {} other change(s)", n - 1),
        };
        let deleted = first.entries.iter().any(|later| {
            verb(later) == "DELETE"
                && preview.change.entries.iter().any(|own| {
                    own.entity_type == later.entity_type && own.entity_id == later.entity_id
                })
        });
        return Err(Error::Conflict(if deleted {
            format!(
                "what this change wrote was deleted after it, by \"{}\" (change {}){more}; \
                 undo that delete first, or undo both together.",
                first.summary, first.change_id
            )
        } else {
            format!(
                "a later change wrote the same fields again: \"{}\" (change {}){more}. \
                 Undoing this one alone would discard that edit; undo both together instead.",
                first.summary, first.change_id
            )
        }));
    }
    let mut reports = revert_changes(db, &[preview.change])?;
    Ok(reports.remove(0))
}

/// Undoes a change together with the later changes that wrote the same fields again
/// (newest first), all in one transaction; returns one report per change undone, the
/// change asked for last.
pub fn undo_with_later(db: &mut Db, change_id: &str) -> Result<Vec<UndoReport>> {
    let preview = preview_undo(db.conn(), change_id)?;
    let mut all = preview.later;
    all.push(preview.change);
    revert_changes(db, &all)
}

/// Reverses `changes` in order, in one transaction, each as a new change of its own.
fn revert_changes(db: &mut Db, changes: &[Change]) -> Result<Vec<UndoReport>> {
    let ids: Vec<&str> = changes.iter().map(|c| c.change_id.as_str()).collect();
    db.write_changes(&ids, |tx, index, new_change| {
        let change = &changes[index];
        let mut rows = 0;
        if replaced_a_profile(tx, change)? {
            // A sign-in replaced this device's profile by the account's: the profile
            // cannot come back beside it, so what it held is added back to this one.
            let merged = crate::sync::merge::bring_back(tx, &change.change_id)?;
            rows += merged.added.len() + merged.filled.len();
        } else {
            for entry in change.entries.iter().rev() {
                rows += revert(tx, entry)?;
            }
        }
        let recorded: i64 = tx.query_row(
            "SELECT count(*) FROM audit_log WHERE change_id = ?1",
            [new_change],
            |r| r.get(0),
        )?;
        if rows == 0 || recorded == 0 {
            return Err(Error::NothingToUndo(format!(
                "\"{}\" has nothing left to undo: what it changed is already as it was before it",
                change.summary
            )));
        }
        Ok(UndoReport {
            reverted_change_id: change.change_id.clone(),
            change_id: new_change.to_owned(),
            rows: u32::try_from(rows).unwrap_or(u32::MAX),
            summary: format!("Undid: {}", change.summary),
        })
    })
}

/// Whether `change` deleted a profile that another has taken the place of (signing in
/// to an account replaces this device's profile by the account's).
fn replaced_a_profile(tx: &Transaction<'_>, change: &Change) -> Result<bool> {
    let deleted = change
        .entries
        .iter()
        .any(|entry| entry.entity_type.as_deref() == Some("PROFILE") && verb(entry) == "DELETE");
    Ok(deleted
        && tx.query_row("SELECT EXISTS (SELECT 1 FROM profiles)", [], |row| {
            row.get(0)
        })?)
}

/// Undoes the change one audit row belongs to (a delete brings back what it cascaded to).
pub fn undo_entry(db: &mut Db, audit_id: &str) -> Result<UndoReport> {
    let change: Option<String> = db
        .conn()
        .query_row(
            "SELECT change_id FROM audit_log WHERE id = ?1",
            [audit_id],
            |row| row.get(0),
        )
        .map_err(|_| Error::not_found("history entry", audit_id))?;
    let change = change.ok_or_else(|| {
        Error::Conflict(
            "this history entry was written outside Career Hub and cannot be undone".to_owned(),
        )
    })?;
    undo_change(db, &change)
}

/// Brings back a deleted item with everything its delete removed (tags, links, …).
pub fn restore_deleted(db: &mut Db, entity_type: &str, entity_id: &str) -> Result<UndoReport> {
    let entity_type = entity_type.to_uppercase();
    let noun = entity(&entity_type)?.noun;
    let audit_id: String = db
        .conn()
        .query_row(
            "SELECT id FROM audit_log WHERE entity_type = ?1 AND entity_id = ?2 AND action LIKE 'DELETE\\_%' ESCAPE '\\'
             ORDER BY rowid DESC LIMIT 1",
            [&entity_type, entity_id],
            |row| row.get(0),
        )
        .map_err(|_| Error::Conflict(format!("no deleted {noun} {entity_id} was found in the history")))?;
    undo_entry(db, &audit_id)
}

struct ChainLink {
    change_id: String,
    reverts: Option<String>,
    has_user_data: bool,
    /// Written by Career Hub itself (first-run setup), not by the person.
    by_career_hub: bool,
    source: Source,
}

/// The user's changes, newest first.
fn change_chain(conn: &Connection, user_id: &str) -> Result<Vec<ChainLink>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.change_id, ch.reverts_change_id, max(a.entity_type NOT LIKE 'BUILDER\\_%' ESCAPE '\\'),
                COALESCE(ch.source, 'system') = 'system', max(a.rowid) AS last, COALESCE(ch.source, 'system')
         FROM audit_log a LEFT JOIN changes ch ON ch.id = a.change_id
         WHERE a.user_id = ?1 AND a.change_id IS NOT NULL
         GROUP BY a.change_id ORDER BY last DESC",
    )?;
    let rows = stmt.query_map([user_id], |row| {
        Ok(ChainLink {
            change_id: row.get(0)?,
            reverts: row.get(1)?,
            has_user_data: row.get(2)?,
            by_career_hub: row.get(3)?,
            source: row.get::<_, String>(5)?.parse().unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The changes reversed by a change that is itself still in effect.
fn reverted_set(chain: &[ChainLink]) -> HashSet<String> {
    let mut reverted = HashSet::new();
    for link in chain {
        if !reverted.contains(&link.change_id)
            && let Some(target) = &link.reverts
        {
            reverted.insert(target.clone());
        }
    }
    reverted
}

fn entries_of(conn: &Connection, change_id: &str) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM {ENTRY_SOURCE} WHERE a.change_id = ?1 ORDER BY a.rowid"
    ))?;
    let rows = stmt.query_map([change_id], audit::entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The main row of a change (the one that is not a link or tag) and a sentence for it.
fn build_change(
    conn: &Connection,
    change_id: String,
    entries: Vec<AuditEntry>,
    undone: bool,
) -> Change {
    let first = entries.first();
    let created_at = first.map(|e| e.created_at.clone()).unwrap_or_default();
    let source = first.map(|e| e.source).unwrap_or_default();
    let reverts_change_id = first.and_then(|e| e.reverts_change_id.clone());
    let main = entries
        .iter()
        .rev()
        .find(|e| entity(e.entity_type.as_deref().unwrap_or("")).is_ok_and(|x| x.key.len() == 1))
        .or(entries.last());
    let mut summary = main.map_or_else(|| "Empty change".to_owned(), |e| describe(conn, e));
    if entries.len() > 1 {
        summary.push_str(&format!(" (and {} related row(s))", entries.len() - 1));
    }
    if reverts_change_id.is_some() {
        summary = format!("Undo: {summary}");
    }
    Change {
        change_id,
        created_at,
        source,
        summary,
        reverts_change_id,
        undone,
        entries,
    }
}

/// "Updated experience Programmer at Analytical Engines", "Created skill Rust", …
fn describe(conn: &Connection, entry: &AuditEntry) -> String {
    let verb = match entry.action.split('_').next() {
        Some("CREATE") => "Added",
        Some("UPDATE") => "Changed",
        Some("DELETE") => "Deleted",
        _ => "Changed",
    };
    let noun = entity(entry.entity_type.as_deref().unwrap_or(""))
        .map(|e| e.noun)
        .unwrap_or("item");
    let row = entry.new_values.as_ref().or(entry.old_values.as_ref());
    let text = |key: &str| {
        row.and_then(|r| r.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let label = match (text("position"), text("company_name")) {
        (Some(position), Some(company)) => Some(format!("{position} at {company}")),
        _ => text("name")
            .or_else(|| text("title"))
            .or_else(|| text("institution"))
            .or_else(|| text("headline"))
            // A skill is named by its technology.
            .or_else(|| {
                let id = text("technology_id")?;
                conn.query_row("SELECT name FROM technologies WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .ok()
            }),
    };
    match label {
        Some(label) => format!("{verb} {noun} {label}"),
        None => format!("{verb} {noun}"),
    }
}

/// Whether a technology created along the way stays when its change is undone: while a
/// skill or tag uses it, or while the synced account shares it (see
/// [`technology::delete`]).
fn technology_stays(tx: &Transaction<'_>, row: &BTreeMap<String, Value>) -> Result<bool> {
    let id = row.get("id").and_then(Value::as_str).unwrap_or_default();
    Ok(technology::uses(tx, id)? > 0 || technology::shared_with_account(tx, id)?)
}

/// Which changes are still in effect: every change but those reversed by a change that
/// is itself still in effect.
struct InEffect {
    reverted: HashSet<String>,
}

impl InEffect {
    fn read(conn: &Connection) -> Result<Self> {
        let mut stmt = conn.prepare_cached(
            "SELECT id, reverts_change_id FROM changes
             WHERE reverts_change_id IS NOT NULL ORDER BY rowid DESC",
        )?;
        let mut reverted = HashSet::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let change: String = row.get(0)?;
            let target: Option<String> = row.get(1)?;
            if !reverted.contains(&change)
                && let Some(target) = target
            {
                reverted.insert(target);
            }
        }
        Ok(Self { reverted })
    }

    fn contains(&self, change_id: Option<&str>) -> bool {
        change_id.is_some_and(|id| !self.reverted.contains(id))
    }
}

/// The columns of a row's JSON that an UPDATE audit row really changed (derived
/// columns and `updated_at` left out).
fn changed_columns(entry: &AuditEntry) -> BTreeSet<String> {
    let (Some(Value::Object(old)), Some(Value::Object(new))) =
        (&entry.old_values, &entry.new_values)
    else {
        return BTreeSet::new();
    };
    old.iter()
        .filter(|(k, v)| {
            k.as_str() != "updated_at"
                && !tables::is_derived_column(k)
                && new.get(k.as_str()) != Some(v)
        })
        .map(|(k, _)| k.clone())
        .collect()
}

fn verb(entry: &AuditEntry) -> &str {
    entry.action.split('_').next().unwrap_or("")
}

/// The later changes still in effect that wrote again what `entries` (the rows of change
/// `change_id`) wrote: the same fields of the same rows, or the rows as a whole. Newest
/// first.
fn conflicts(
    conn: &Connection,
    change_id: &str,
    entries: &[AuditEntry],
    in_effect: &InEffect,
) -> Result<Vec<String>> {
    let mut later_rows = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM {ENTRY_SOURCE}
         WHERE a.entity_type = ?1 AND a.entity_id = ?2 AND a.change_id IS NOT NULL AND a.change_id <> ?3
           AND a.rowid > (SELECT rowid FROM audit_log WHERE id = ?4)
         ORDER BY a.rowid"
    ))?;
    let mut found: Vec<String> = Vec::new();
    for entry in entries {
        let (Some(entity_type), Some(entity_id)) = (&entry.entity_type, &entry.entity_id) else {
            continue;
        };
        let later: Vec<AuditEntry> = later_rows
            .query_map(
                params![entity_type, entity_id, change_id, entry.id],
                audit::entry_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        let written = changed_columns(entry);
        let mut undo_writers = Vec::new();
        let entry_rowid: i64 = conn.query_row(
            "SELECT rowid FROM audit_log WHERE id = ?1",
            [&entry.id],
            |r| r.get(0),
        )?;
        for row in later
            .into_iter()
            .filter(|r| in_effect.contains(r.change_id.as_deref()))
        {
            // The undo of a change made after this one cancels that change out: together
            // they wrote nothing this undo could discard.
            if let Some(reverted) = &row.reverts_change_id {
                let first: Option<i64> = conn.query_row(
                    "SELECT min(rowid) FROM audit_log WHERE change_id = ?1",
                    [reverted],
                    |r| r.get(0),
                )?;
                if first.is_some_and(|first| first > entry_rowid) {
                    continue;
                }
            }
            let clashes = match (verb(entry), verb(&row)) {
                // A later edit of a field this update set.
                ("UPDATE", "UPDATE") => !written.is_disjoint(&changed_columns(&row)),
                // Any later edit of a row this change created, or the row deleted or made
                // again since.
                _ => true,
            };
            if !clashes {
                continue;
            }
            if row.reverts_change_id.is_some() && verb(&row) == "UPDATE" {
                undo_writers.push(row);
            } else if let Some(id) = row.change_id {
                found.push(id);
            }
        }
        // An undo that put a field back to what this change wrote is no clash; one that
        // left it otherwise is.
        if !undo_writers.is_empty() && verb(entry) == "UPDATE" {
            let spec = entity(entity_type)?;
            let current = current_row(conn, spec, entry)?;
            let new = entry.new_values.as_ref().and_then(Value::as_object);
            let moved_on = match (current, new) {
                (Some(current), Some(new)) => written.iter().any(|k| current.get(k) != new.get(k)),
                _ => true,
            };
            if moved_on && let Some(last) = undo_writers.pop().and_then(|r| r.change_id) {
                found.push(last);
            }
        }
    }
    // Newest first, each once.
    found.sort_unstable();
    found.dedup();
    let mut last_rowid =
        conn.prepare_cached("SELECT max(rowid) FROM audit_log WHERE change_id = ?1")?;
    let mut keyed: Vec<(i64, String)> = Vec::new();
    for id in found {
        let rowid: i64 = last_rowid.query_row([&id], |r| r.get(0))?;
        keyed.push((rowid, id));
    }
    keyed.sort_by_key(|k| std::cmp::Reverse(k.0));
    Ok(keyed.into_iter().map(|(_, id)| id).collect())
}

/// The row an audit entry is about, as it is now, in the audit trail's JSON form
/// (JSON columns nested), or `None` when it no longer exists.
fn current_row(
    conn: &Connection,
    spec: &Table,
    entry: &AuditEntry,
) -> Result<Option<BTreeMap<String, Value>>> {
    let row = entry
        .new_values
        .as_ref()
        .or(entry.old_values.as_ref())
        .and_then(Value::as_object);
    let Some(row) = row else {
        return Ok(None);
    };
    let key_clause = spec
        .key
        .iter()
        .map(|k| format!("{k} = ?"))
        .collect::<Vec<_>>()
        .join(" AND ");
    let key: Vec<SqlValue> = spec
        .key
        .iter()
        .map(|k| sql_value(k, row.get(*k).unwrap_or(&Value::Null)))
        .collect();
    let mut stmt =
        conn.prepare_cached(&format!("SELECT * FROM {} WHERE {key_clause}", spec.name))?;
    let names: Vec<String> = stmt
        .column_names()
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    let mut rows = stmt.query(params_from_iter(key))?;
    let Some(found) = rows.next()? else {
        return Ok(None);
    };
    let mut current = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let value = match found.get::<_, SqlValue>(i)? {
            SqlValue::Null => Value::Null,
            SqlValue::Integer(n) => Value::from(n),
            SqlValue::Real(x) => Value::from(x),
            SqlValue::Text(text) if audit::is_json_column(name) => {
                serde_json::from_str(&text).unwrap_or(Value::String(text))
            }
            SqlValue::Text(text) => Value::String(text),
            SqlValue::Blob(_) => continue,
        };
        current.insert(name.clone(), value);
    }
    Ok(Some(current))
}

/// Reverses one audit row; returns how many rows it changed.
fn revert(tx: &Transaction<'_>, entry: &AuditEntry) -> Result<usize> {
    let spec = entity(entry.entity_type.as_deref().unwrap_or(""))?;
    let table_columns = crate::schema::triggers::columns(tx, spec.name)?;
    let values = |row: &Value| -> BTreeMap<String, Value> {
        row.as_object()
            .map(|object| {
                object
                    .iter()
                    .filter(|(k, _)| table_columns.contains(k) && !tables::is_derived_column(k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let key_of = |row: &BTreeMap<String, Value>| -> Vec<SqlValue> {
        spec.key
            .iter()
            .map(|k| sql_value(k, row.get(*k).unwrap_or(&Value::Null)))
            .collect()
    };
    let key_clause = spec
        .key
        .iter()
        .map(|k| format!("{k} = ?"))
        .collect::<Vec<_>>()
        .join(" AND ");
    let action = entry.action.split('_').next().unwrap_or("");
    match (action, &entry.old_values, &entry.new_values) {
        ("CREATE", _, Some(new)) => {
            let new = values(new);
            if spec.entity == "TECHNOLOGY" && technology_stays(tx, &new)? {
                // Created along the way and used since (or shared with the account): it
                // stays in the catalog.
                return Ok(0);
            }
            Ok(tx
                .prepare_cached(&format!("DELETE FROM {} WHERE {key_clause}", spec.name))?
                .execute(params_from_iter(key_of(&new)))?)
        }
        ("UPDATE", Some(old), Some(new)) => {
            let Some(current) = current_row(tx, spec, entry)? else {
                return Err(Error::Conflict(format!(
                    "the {} was deleted after this change; undo that delete first",
                    spec.noun
                )));
            };
            let written = changed_columns(entry);
            let old = values(old);
            let new = values(new);
            // Untouched since (every field still as this change left it): put the row
            // back exactly, its updated_at included. Otherwise only the fields this
            // change set go back, and the later edits of other fields stay.
            let untouched = new
                .iter()
                .all(|(k, v)| tables::is_derived_column(k) || current.get(k) == Some(v));
            let restore: BTreeMap<&String, &Value> = old
                .iter()
                .filter(|(k, v)| {
                    v.as_str() != Some(REDACTED)
                        && (written.contains(k.as_str())
                            || (untouched && k.as_str() == "updated_at"))
                })
                .collect();
            if restore
                .iter()
                .all(|(k, v)| current.get(k.as_str()) == Some(*v))
            {
                return Ok(0);
            }
            let assignments = restore
                .keys()
                .map(|k| format!("{k} = ?"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut params: Vec<SqlValue> = restore.iter().map(|(k, v)| sql_value(k, v)).collect();
            params.extend(key_of(&new));
            Ok(tx
                .prepare_cached(&format!(
                    "UPDATE {} SET {assignments} WHERE {key_clause}",
                    spec.name
                ))?
                .execute(params_from_iter(params))?)
        }
        ("DELETE", Some(old), _) => {
            let old = values(old);
            if old.values().any(|v| v.as_str() == Some(REDACTED)) {
                return Err(Error::Conflict(format!(
                    "a deleted {} cannot be brought back by undo",
                    spec.noun
                )));
            }
            let names = old.keys().cloned().collect::<Vec<_>>().join(", ");
            let marks = vec!["?"; old.len()].join(", ");
            tx.prepare_cached(&format!(
                "INSERT INTO {} ({names}) VALUES ({marks})",
                spec.name
            ))?
            .execute(params_from_iter(old.iter().map(|(k, v)| sql_value(k, v))))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    Error::Conflict(format!("the {} cannot be brought back: {e}", spec.noun))
                }
                _ => Error::Sqlite(e),
            })
        }
        _ => Err(Error::Conflict(format!(
            "the history entry {} cannot be undone",
            entry.id
        ))),
    }
}
