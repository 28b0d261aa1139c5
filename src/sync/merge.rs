//! Merging this device's profile into the account's, when a device that holds a
//! profile signs in to an account that holds one too and the person chooses to merge.
//!
//! Items are the same one by the import's rules (a job by company, position and start
//! date; a project, certification or CV version by name; an education entry by
//! institution and degree; an achievement by title; a skill by its technology), or by
//! id when both sides already share it. The merge happens in two steps:
//!
//! 1. signing in replaces the device's profile by the account's, in one change whose
//!    audit rows keep every row of the device's profile as it was, and notes that
//!    change in `sync_state.merge_from_change`;
//! 2. once a pull has received everything the account holds, [`finish`] adds back, in
//!    one change of the person's (so it syncs, and one undo takes it back), what of the
//!    device's profile the account lacks: its items, the links between them, and the
//!    profile's own fields the account's leaves empty. An item both have stays as the
//!    account has it, and what named the device's copy names the account's.
//!
//! A pull cut off before the end leaves step 2 waiting; the next pull to reach the end
//! does it, once.

use std::collections::{BTreeMap, HashMap, HashSet};

use career_hub_protocol::tables::{self, SyncRole, Table};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Transaction, params_from_iter};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Transport;
use crate::audit::sql_value;
use crate::import::natural_key;
use crate::{Db, Result};

/// The items of a profile a person recognises, with the columns that make two of
/// them the same one.
const ITEMS: [(&str, &[&str]); 7] = [
    ("experiences", &["company_name", "position", "start_date"]),
    ("projects", &["name"]),
    ("skills", &["technology_id"]),
    ("education", &["institution", "degree"]),
    ("certifications", &["name"]),
    ("achievements", &["title"]),
    ("cv_versions", &["name"]),
];

/// The profile's own fields a merge fills in when the account's profile leaves them
/// empty (`contact` is merged key by key). The public `slug` is the account's to keep.
const BASICS: [&str; 4] = ["headline", "summary", "location", "profile_photo_url"];

/// What merging would do, in words ("experience Engineer at Acme"), for a person to
/// read before choosing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergePreview {
    /// Items both hold: kept once, as the account has them.
    pub matched: Vec<String>,
    /// Items only this device holds: added to the account.
    pub from_device: Vec<String>,
    /// Items only the account holds: added to this device.
    pub from_account: Vec<String>,
    /// How many items each side holds, per table ([`super::item_counts`]).
    pub here: BTreeMap<String, u32>,
    pub account: BTreeMap<String, u32>,
}

/// What finishing a merge added to the account's profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Merged {
    /// Items of this device's profile added, in words.
    pub added: Vec<String>,
    /// Items the account already had.
    pub matched: Vec<String>,
    /// The profile's own fields filled in from this device's.
    pub filled: Vec<String>,
}

/// One item of a profile.
struct Item {
    id: String,
    key: String,
    label: String,
}

/// How a person names an item of `table` whose natural key is `parts`.
fn label(table: &str, parts: &[String]) -> String {
    let part = |i: usize| parts.get(i).map_or("", String::as_str);
    match table {
        "experiences" => format!("experience {} at {}", part(1), part(0)),
        "projects" => format!("project {}", part(0)),
        "skills" => format!("skill {}", part(0)),
        "education" => format!("education {}", part(0)),
        "certifications" => format!("certification {}", part(0)),
        "achievements" => format!("achievement {}", part(0)),
        _ => format!("CV version {}", part(0)),
    }
}

/// The natural key's parts of a row of `table` (a skill's technology by its name).
fn parts_of(conn: &Connection, columns: &[&str], row: &Map<String, Value>) -> Result<Vec<String>> {
    let mut parts = Vec::with_capacity(columns.len());
    for column in columns {
        let value = row.get(*column).and_then(Value::as_str).unwrap_or("");
        let part = if *column == "technology_id" {
            technology_name(conn, value)?.unwrap_or_default()
        } else {
            value.to_owned()
        };
        parts.push(part);
    }
    Ok(parts)
}

/// The name of the technology `id`: from the catalog, or, when the catalog row has
/// since been matched to the account's under another id, from the audit trail.
fn technology_name(conn: &Connection, id: &str) -> Result<Option<String>> {
    let here = conn
        .prepare_cached("SELECT name FROM technologies WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?;
    if here.is_some() {
        return Ok(here);
    }
    Ok(conn
        .prepare_cached(
            "SELECT json_extract(coalesce(new_values, old_values), '$.name') FROM audit_log
             WHERE entity_type = 'TECHNOLOGY' AND entity_id = ?1 ORDER BY rowid DESC LIMIT 1",
        )?
        .query_row([id], |row| row.get(0))
        .optional()?
        .flatten())
}

/// The technology here that `id` of the device's profile stands for.
fn technology_here(conn: &Connection, id: &str) -> Result<Option<String>> {
    let Some(name) = technology_name(conn, id)? else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached("SELECT id FROM technologies WHERE name = ?1 COLLATE NOCASE")?
        .query_row([name], |row| row.get(0))
        .optional()?)
}

/// Every row of `table`, as JSON objects by column.
fn rows(conn: &Connection, table: &str) -> Result<Vec<Map<String, Value>>> {
    Ok(crate::archive::rows(conn, table)?
        .into_iter()
        .filter_map(|row| match row {
            Value::Object(object) => Some(object),
            _ => None,
        })
        .collect())
}

/// A row of the device's profile as `table` here takes it: its columns, without the
/// ones the database derives.
fn insertable(row: &Map<String, Value>, columns: &[String]) -> BTreeMap<String, Value> {
    row.iter()
        .filter(|(column, _)| columns.contains(column) && !tables::is_derived_column(column))
        .map(|(column, value)| (column.clone(), value.clone()))
        .collect()
}

fn items(conn: &Connection, table: &str, columns: &[&str]) -> Result<Vec<Item>> {
    rows(conn, table)?
        .iter()
        .map(|row| {
            let parts = parts_of(conn, columns, row)?;
            let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
            Ok(Item {
                id: row
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                key: natural_key(&refs),
                label: label(table, &parts),
            })
        })
        .collect()
}

/// What merging this device's profile with the account's would do; reads only (the
/// account's profile is read into a database in memory).
pub fn preview(db: &Db, transport: &mut dyn Transport) -> Result<MergePreview> {
    let account = super::account_copy(transport)?;
    let mut preview = MergePreview {
        here: super::item_counts(db.conn())?,
        account: super::item_counts(account.conn())?,
        ..MergePreview::default()
    };
    for (table, columns) in ITEMS {
        let here = items(db.conn(), table, columns)?;
        let there = items(account.conn(), table, columns)?;
        let same = |a: &Item, b: &Item| a.id == b.id || a.key == b.key;
        for item in &here {
            if there.iter().any(|other| same(item, other)) {
                preview.matched.push(item.label.clone());
            } else {
                preview.from_device.push(item.label.clone());
            }
        }
        for item in &there {
            if !here.iter().any(|other| same(item, other)) {
                preview.from_account.push(item.label.clone());
            }
        }
    }
    Ok(preview)
}

/// The rows the change `change_id` deleted, as they were before it, by table, in the
/// order it met them.
fn deleted_by(
    tx: &Transaction<'_>,
    change_id: &str,
) -> Result<HashMap<&'static str, Vec<Map<String, Value>>>> {
    let mut stmt = tx.prepare_cached(
        "SELECT entity_type, action, old_values FROM audit_log WHERE change_id = ?1 ORDER BY rowid",
    )?;
    let entries = stmt.query_map([change_id], |row| {
        Ok((
            row.get::<_, Option<String>>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
        ))
    })?;
    // A row's first audit entry in the change holds it as it was before (a CV
    // version loses its deleted items from its selection before it goes itself).
    let mut first: HashMap<(&'static str, Vec<String>), Map<String, Value>> = HashMap::new();
    let mut order = Vec::new();
    let mut deleted = HashSet::new();
    for entry in entries {
        let (entity, action, old) = entry?;
        let Some(table) = entity.as_deref().and_then(tables::by_entity) else {
            continue;
        };
        let Some(Value::Object(old)) = old.map(|o| serde_json::from_str(&o)).transpose()? else {
            continue;
        };
        let key: Vec<String> = table
            .key
            .iter()
            .map(|k| old.get(*k).and_then(Value::as_str).unwrap_or("").to_owned())
            .collect();
        let id = (table.name, key);
        if action.starts_with("DELETE_") {
            deleted.insert(id.clone());
        }
        if let std::collections::hash_map::Entry::Vacant(slot) = first.entry(id.clone()) {
            order.push(id);
            slot.insert(old);
        }
    }
    let mut by_table: HashMap<&'static str, Vec<Map<String, Value>>> = HashMap::new();
    for id in order {
        if deleted.contains(&id)
            && let Some(row) = first.remove(&id)
        {
            by_table.entry(id.0).or_default().push(row);
        }
    }
    Ok(by_table)
}

/// Finishes a merge that waits (see the module's documentation): in `tx`, a change of
/// the person's. Returns what it added, or `None` when no merge waited.
pub(super) fn finish(tx: &Transaction<'_>) -> Result<Option<Merged>> {
    let waiting: Option<String> = tx.query_row(
        "SELECT merge_from_change FROM sync_state WHERE id = 1",
        [],
        |row| row.get(0),
    )?;
    let Some(change_id) = waiting else {
        return Ok(None);
    };
    tx.execute(
        "UPDATE sync_state SET merge_from_change = NULL WHERE id = 1",
        [],
    )?;
    bring_back(tx, &change_id).map(Some)
}

/// Adds back to the profile here what of the profile the change `change_id` deleted
/// it lacks (a sign-in's replacement of this device's profile by the account's): the
/// second step of a merge, and what undoing a replacement does.
pub(crate) fn bring_back(tx: &Transaction<'_>, change_id: &str) -> Result<Merged> {
    let deleted = deleted_by(tx, change_id)?;
    let mut merged = Merged::default();
    let profile: Option<String> = tx
        .query_row(
            "SELECT id FROM profiles ORDER BY rowid LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let Some(profile) = profile else {
        // The account holds no profile after all: nothing to merge into.
        tracing::warn!("a merge waited, but the account has no profile; nothing merged");
        return Ok(merged);
    };
    // The device's ids and what they stand for here.
    let mut here: HashMap<String, String> = HashMap::new();
    for table in tables::synced().filter(|t| t.sync == SyncRole::Account) {
        let Some(rows) = deleted.get(table.name) else {
            continue;
        };
        if table.name == "profiles" {
            for row in rows {
                if let Some(id) = row.get("id").and_then(Value::as_str) {
                    here.insert(id.to_owned(), profile.clone());
                }
                fill_basics(tx, &profile, row, &mut merged)?;
            }
        } else if let Some((_, columns)) = ITEMS.iter().find(|(name, _)| *name == table.name) {
            merge_items(tx, table, columns, rows, &profile, &mut here, &mut merged)?;
        } else {
            merge_links(tx, table, rows, &here)?;
        }
    }
    Ok(merged)
}

/// Fills the fields of the account's profile that are empty from the device's.
fn fill_basics(
    tx: &Transaction<'_>,
    profile: &str,
    device: &Map<String, Value>,
    merged: &mut Merged,
) -> Result<()> {
    let current = rows(tx, "profiles")?
        .into_iter()
        .find(|row| row.get("id").and_then(Value::as_str) == Some(profile))
        .unwrap_or_default();
    let empty = |value: Option<&Value>| match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        _ => false,
    };
    let mut sets: Vec<(String, SqlValue)> = Vec::new();
    for column in BASICS {
        if empty(current.get(column)) && !empty(device.get(column)) {
            sets.push((column.to_owned(), sql_value(column, &device[column])));
            merged.filled.push(column.replace('_', " "));
        }
    }
    // Contact details: every kind the account's profile lacks.
    let contact_of = |row: &Map<String, Value>| match row.get("contact") {
        Some(Value::Object(map)) => map.clone(),
        Some(Value::String(text)) => serde_json::from_str(text).unwrap_or_default(),
        _ => Map::new(),
    };
    let mut contact = contact_of(&current);
    let before = contact.len();
    for (kind, value) in contact_of(device) {
        if !empty(Some(&value)) && empty(contact.get(&kind)) {
            contact.insert(kind.clone(), value);
            merged.filled.push(format!("contact {kind}"));
        }
    }
    if contact.len() != before {
        sets.push((
            "contact".to_owned(),
            SqlValue::Text(Value::Object(contact).to_string()),
        ));
    }
    if sets.is_empty() {
        return Ok(());
    }
    let assignments: Vec<String> = sets
        .iter()
        .enumerate()
        .map(|(i, (column, _))| format!("\"{column}\" = ?{}", i + 2))
        .collect();
    let sql = format!(
        "UPDATE profiles SET {} WHERE id = ?1",
        assignments.join(", ")
    );
    let bound =
        std::iter::once(SqlValue::Text(profile.to_owned())).chain(sets.into_iter().map(|(_, v)| v));
    tx.prepare_cached(&sql)?.execute(params_from_iter(bound))?;
    Ok(())
}

/// Adds the device's items of `table` that the account's profile lacks, after its own
/// (in the device's order); records in `here` what every device item stands for.
fn merge_items(
    tx: &Transaction<'_>,
    table: &Table,
    columns: &[&str],
    rows: &[Map<String, Value>],
    profile: &str,
    here: &mut HashMap<String, String>,
    merged: &mut Merged,
) -> Result<()> {
    let existing = items(tx, table.name, columns)?;
    let by_key: HashMap<&str, &str> = existing
        .iter()
        .map(|item| (item.key.as_str(), item.id.as_str()))
        .collect();
    let ids: HashSet<&str> = existing.iter().map(|item| item.id.as_str()).collect();
    let mut device_rows: Vec<&Map<String, Value>> = rows.iter().collect();
    device_rows.sort_by_key(|row| row.get("display_order").and_then(Value::as_i64));
    let mut next_order: i64 = if table.name == "cv_versions" {
        0
    } else {
        tx.query_row(
            &format!(
                "SELECT coalesce(max(display_order) + 1, 0) FROM \"{}\" WHERE profile_id = ?1",
                table.name
            ),
            [profile],
            |row| row.get(0),
        )?
    };
    let table_columns = crate::schema::triggers::columns(tx, table.name)?;
    for row in device_rows {
        let id = row
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let parts = parts_of(tx, columns, row)?;
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let key = natural_key(&refs);
        let item = label(table.name, &parts);
        if let Some(same) = ids
            .get(id.as_str())
            .copied()
            .or_else(|| by_key.get(key.as_str()).copied())
        {
            here.insert(id, same.to_owned());
            merged.matched.push(item);
            continue;
        }
        let mut values = insertable(row, &table_columns);
        values.insert("profile_id".into(), Value::String(profile.to_owned()));
        if values.contains_key("display_order") {
            values.insert("display_order".into(), Value::from(next_order));
            next_order += 1;
        }
        if let Some(Value::String(technology)) = values.get("technology_id").cloned() {
            let Some(technology) = technology_here(tx, &technology)? else {
                tracing::warn!(%item, "left out of a merge: its technology is not in the catalog");
                continue;
            };
            values.insert("technology_id".into(), Value::String(technology));
        }
        if table.name == "cv_versions" {
            merge_cv_version(tx, profile, &mut values, here)?;
        }
        insert(tx, table.name, &values)?;
        here.insert(id.clone(), id);
        merged.added.push(item);
    }
    Ok(())
}

/// A CV version of the device, made to fit the account's profile: its selection names
/// the account's copy of each item both have, and it is the default only if the
/// account's profile has none.
fn merge_cv_version(
    tx: &Transaction<'_>,
    profile: &str,
    values: &mut BTreeMap<String, Value>,
    here: &HashMap<String, String>,
) -> Result<()> {
    if let Some(config) = values.get("sections_config").cloned() {
        let mut text = if let Value::String(text) = &config {
            text.clone()
        } else {
            config.to_string()
        };
        for (from, to) in here {
            if from != to {
                text = text.replace(&format!("\"{from}\""), &format!("\"{to}\""));
            }
        }
        values.insert("sections_config".into(), serde_json::from_str(&text)?);
    }
    let has_default: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM cv_versions WHERE profile_id = ?1 AND is_default = 1)",
        [profile],
        |row| row.get(0),
    )?;
    if has_default {
        values.insert("is_default".into(), Value::from(0));
    }
    Ok(())
}

/// Adds the device's links (a job's technologies, a project's jobs, …) that the
/// account's profile lacks, between what the device's items stand for here.
fn merge_links(
    tx: &Transaction<'_>,
    table: &Table,
    rows: &[Map<String, Value>],
    here: &HashMap<String, String>,
) -> Result<()> {
    let table_columns = crate::schema::triggers::columns(tx, table.name)?;
    for row in rows {
        let mut values = insertable(row, &table_columns);
        let mut complete = true;
        for column in table.key {
            let id = values
                .get(*column)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let mapped = if *column == "technology_id" {
                technology_here(tx, &id)?
            } else {
                here.get(&id).cloned()
            };
            match mapped {
                Some(mapped) => {
                    values.insert((*column).to_owned(), Value::String(mapped));
                }
                None => complete = false,
            }
        }
        if !complete {
            continue;
        }
        let condition: Vec<String> = table
            .key
            .iter()
            .enumerate()
            .map(|(i, column)| format!("\"{column}\" = ?{}", i + 1))
            .collect();
        let key: Vec<SqlValue> = table
            .key
            .iter()
            .map(|column| sql_value(column, &values[*column]))
            .collect();
        let present: bool = tx.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM \"{}\" WHERE {})",
                table.name,
                condition.join(" AND ")
            ),
            params_from_iter(key),
            |row| row.get(0),
        )?;
        if !present {
            insert(tx, table.name, &values)?;
        }
    }
    Ok(())
}

fn insert(tx: &Transaction<'_>, table: &str, values: &BTreeMap<String, Value>) -> Result<()> {
    let names: Vec<String> = values.keys().map(|n| format!("\"{n}\"")).collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO \"{table}\" ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    tx.prepare_cached(&sql)?.execute(params_from_iter(
        values
            .iter()
            .map(|(column, value)| sql_value(column, value)),
    ))?;
    Ok(())
}
