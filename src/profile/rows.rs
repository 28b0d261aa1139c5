//! Helpers shared by the section modules: ids, JSON columns, display order, ownership.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::{Error, Result};

/// A new id for a row Career Hub creates.
pub(crate) fn new_id() -> String {
    ulid::Ulid::generate().to_string()
}

/// Trims a text field; an empty one becomes `None`.
pub(crate) fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Trims each entry of a list and drops the empty ones.
pub(crate) fn clean_list(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// A JSON array of strings, as stored in the JSON columns.
pub(crate) fn list_to_json(values: &[String]) -> String {
    serde_json::Value::from(values.to_vec()).to_string()
}

/// Reads a JSON array of strings; anything else reads as an empty list.
pub(crate) fn list_from_json(text: Option<String>) -> Vec<String> {
    text.and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
        .unwrap_or_default()
}

/// The display order for a new item: after every existing one.
pub(crate) fn next_display_order(
    tx: &Transaction<'_>,
    table: &str,
    profile_id: &str,
) -> Result<i64> {
    Ok(tx.query_row(
        &format!("SELECT coalesce(max(display_order), -1) + 1 FROM {table} WHERE profile_id = ?1"),
        [profile_id],
        |row| row.get(0),
    )?)
}

/// Gives the items of one profile the order of `ids`, which must name each exactly once.
pub(crate) fn reorder(
    tx: &Transaction<'_>,
    table: &str,
    entity: &'static str,
    profile_id: &str,
    ids: &[String],
) -> Result<()> {
    let mut current: Vec<String> = tx
        .prepare(&format!("SELECT id FROM {table} WHERE profile_id = ?1"))?
        .query_map([profile_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut wanted = ids.to_vec();
    current.sort_unstable();
    wanted.sort_unstable();
    if current != wanted {
        return Err(Error::Conflict(format!(
            "the new order must list every {entity} of the profile exactly once ({} listed, {} exist)",
            ids.len(),
            current.len()
        )));
    }
    let mut update = tx.prepare(&format!(
        "UPDATE {table} SET display_order = ?1 WHERE id = ?2"
    ))?;
    for (position, id) in ids.iter().enumerate() {
        update.execute(params![i64::try_from(position).unwrap_or(i64::MAX), id])?;
    }
    Ok(())
}

/// The profile an item belongs to, or `NotFound`.
pub(crate) fn owner(
    conn: &Connection,
    table: &str,
    entity: &'static str,
    id: &str,
) -> Result<String> {
    conn.query_row(
        &format!("SELECT profile_id FROM {table} WHERE id = ?1"),
        [id],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found(entity, id))
}

/// Deletes one item by id, or reports that it does not exist.
pub(crate) fn delete(
    tx: &Transaction<'_>,
    table: &str,
    entity: &'static str,
    id: &str,
) -> Result<()> {
    match tx
        .prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
        .execute([id])?
    {
        0 => Err(Error::not_found(entity, id)),
        _ => Ok(()),
    }
}

/// Reads the one row `sql` selects for `id` (`?1`), or `NotFound`.
pub(crate) fn get_one<T>(
    conn: &Connection,
    sql: &str,
    entity: &'static str,
    id: &str,
    from_row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<T> {
    conn.prepare_cached(sql)?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found(entity, id))
}

/// Reads every row `sql` selects for `key` (`?1`).
pub(crate) fn get_all<T>(
    conn: &Connection,
    sql: &str,
    key: &str,
    from_row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([key], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A column an input sets, with its value.
pub(crate) type Column<'a> = (&'static str, &'a dyn rusqlite::ToSql);

/// Sets `columns` of the row `id` of `table`, inside `tx`.
pub(crate) fn update_row(
    tx: &Transaction<'_>,
    table: &str,
    id: &str,
    columns: &[Column<'_>],
) -> Result<()> {
    let sets: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (column, _))| format!("{column} = ?{}", i + 2))
        .collect();
    let sql = format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "));
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&id];
    values.extend(columns.iter().map(|(_, value)| *value));
    tx.prepare_cached(&sql)?.execute(values.as_slice())?;
    Ok(())
}

/// Adds a row to `table` at the end of a profile's list, inside `tx`: a new id, the
/// `columns` given and the next display order. Returns the new id.
pub(crate) fn insert_row(
    tx: &Transaction<'_>,
    table: &str,
    profile_id: &str,
    columns: &[Column<'_>],
) -> Result<String> {
    let id = new_id();
    let names: Vec<&str> = columns.iter().map(|(column, _)| *column).collect();
    let sql = format!(
        "INSERT INTO {table} (id, profile_id, display_order, {}) VALUES (?1, ?2, ?3, {})",
        names.join(", "),
        (4..4 + names.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let order = next_display_order(tx, table, profile_id)?;
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&id, &profile_id, &order];
    values.extend(columns.iter().map(|(_, value)| *value));
    tx.prepare_cached(&sql)?.execute(values.as_slice())?;
    Ok(id)
}
