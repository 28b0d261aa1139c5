//! A profile section (jobs, projects, skills, education, certifications, achievements)
//! as one abstraction: each section says how its rows are read, checked and written;
//! creating, replacing, editing, deleting and reordering are written once, here.
//!
//! An edit is a patch: only the fields it names change, merged with the stored item
//! inside the write transaction. A client that shows some of the fields sends just
//! those, and every field it does not show (set from the CLI or by an import) keeps its
//! value, even when another program changed it a moment before.

use rusqlite::{Connection, Row, Transaction};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::rows::{self, Column};
use crate::validation::{Code, FieldError};
use crate::{Db, Error, Result};

/// The fields an edit changes, by their input names (`company_name`, `end_date`, …):
/// a JSON merge patch (RFC 7396) of the section's input. `null` clears a field; a
/// nested object (the profile's `contact`) is merged key by key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct Changes(
    #[cfg_attr(feature = "specta", specta(type = std::collections::BTreeMap<String, specta_typescript::Unknown>))]
    pub Map<String, Value>,
);

impl From<Map<String, Value>> for Changes {
    fn from(fields: Map<String, Value>) -> Self {
        Self(fields)
    }
}

impl std::ops::Deref for Changes {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// One section of a profile. A section says how its rows are read (`SELECT`, `ORDER`,
/// `from_row`, `with_links`), which columns an input sets (`columns`, `write_links`)
/// and how an input is tidied and checked (`checked`); everything else is written
/// once, here.
pub trait Section: Sized + Serialize {
    /// The table its items live in.
    const TABLE: &'static str;
    /// What a person calls one item ("experience", "education entry").
    const NOUN: &'static str;
    /// The query that reads items, up to its `WHERE`; `from_row` reads its columns.
    const SELECT: &'static str;
    /// How `SELECT` names the item's id and its profile (`s.id` where it joins).
    const ID_COLUMN: &'static str = "id";
    const PROFILE_COLUMN: &'static str = "profile_id";
    /// How a list is ordered: display order first, then a stable tie-break.
    const ORDER: &'static str;
    /// What a person enters for an item; every field they can set.
    type Input: Serialize + DeserializeOwned + Default;

    /// The item's id.
    fn id(&self) -> &str;
    /// An item from a row of `SELECT` (without what lives in other tables).
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
    /// The item with what lives in other tables (tags, links) read in.
    fn with_links(self, _conn: &Connection) -> Result<Self> {
        Ok(self)
    }
    /// The input that writes this item as it is: the one item → input mapping.
    fn input(&self) -> Self::Input;
    /// The input tidied (trimmed, blanks cleared) and checked against every rule.
    fn checked(conn: &Connection, input: Self::Input) -> Result<Self::Input>;
    /// Hands `write` the columns a checked input sets, on insert and update alike, for
    /// the item `id` of `profile_id` (`None` for a new one). A section whose columns
    /// need the database (a skill's technology) resolves them here and may refuse.
    fn columns<R>(
        tx: &Transaction<'_>,
        profile_id: &str,
        id: Option<&str>,
        input: &Self::Input,
        write: impl FnOnce(&[Column<'_>]) -> Result<R>,
    ) -> Result<R>;
    /// Writes what lives in other tables (tags, links) after the row.
    fn write_links(
        _tx: &Transaction<'_>,
        _profile_id: &str,
        _id: &str,
        _input: &Self::Input,
    ) -> Result<()> {
        Ok(())
    }

    /// One item by id.
    fn get(conn: &Connection, id: &str) -> Result<Self> {
        let sql = format!("{} WHERE {} = ?1", Self::SELECT, Self::ID_COLUMN);
        rows::get_one(conn, &sql, Self::NOUN, id, Self::from_row)?.with_links(conn)
    }

    /// The profile's items, in display order.
    fn list(conn: &Connection, profile_id: &str) -> Result<Vec<Self>> {
        let sql = format!(
            "{} WHERE {} = ?1 ORDER BY {}",
            Self::SELECT,
            Self::PROFILE_COLUMN,
            Self::ORDER
        );
        rows::get_all(conn, &sql, profile_id, Self::from_row)?
            .into_iter()
            .map(|item| item.with_links(conn))
            .collect()
    }

    /// Adds a checked input at the end of the profile's list inside `tx` (importers put
    /// many items in one transaction); returns the new id.
    fn insert(tx: &Transaction<'_>, profile_id: &str, input: &Self::Input) -> Result<String> {
        let id = Self::columns(tx, profile_id, None, input, |columns| {
            rows::insert_row(tx, Self::TABLE, profile_id, columns)
        })?;
        Self::write_links(tx, profile_id, &id, input)?;
        Ok(id)
    }

    /// Writes a checked input over the item `id` (its row and its links) inside `tx`.
    fn write(tx: &Transaction<'_>, id: &str, input: &Self::Input) -> Result<()> {
        let profile_id = rows::owner(tx, Self::TABLE, Self::NOUN, id)?;
        Self::columns(tx, &profile_id, Some(id), input, |columns| {
            rows::update_row(tx, Self::TABLE, id, columns)
        })?;
        Self::write_links(tx, &profile_id, id, input)
    }

    /// Adds an item to the end of the profile's list.
    fn create(db: &mut Db, profile_id: &str, input: Self::Input) -> Result<Self> {
        // Read back in the same transaction: another program may change it right after.
        db.write(|tx| {
            let input = Self::checked(tx, input)?;
            let id = Self::insert(tx, profile_id, &input)?;
            Self::get(tx, &id)
        })
    }

    /// Replaces every field of an item with `input`.
    fn update(db: &mut Db, id: &str, input: Self::Input) -> Result<Self> {
        db.write(|tx| {
            Self::get(tx, id)?;
            let input = Self::checked(tx, input)?;
            Self::write(tx, id, &input)?;
            Self::get(tx, id)
        })
    }

    /// Changes only the fields `changes` names; the others keep their stored value.
    fn edit(db: &mut Db, id: &str, changes: &Changes) -> Result<Self> {
        db.write(|tx| {
            let merged = patched(Self::get(tx, id)?.input(), changes)?;
            let input = Self::checked(tx, merged)?;
            Self::write(tx, id, &input)?;
            Self::get(tx, id)
        })
    }

    /// Deletes an item with its tags and links (undo brings them back).
    fn delete(db: &mut Db, id: &str) -> Result<()> {
        db.write(|tx| rows::delete(tx, Self::TABLE, Self::NOUN, id))
    }

    /// Puts the profile's items in the order of `ids` (every id, once).
    fn reorder(db: &mut Db, profile_id: &str, ids: &[String]) -> Result<()> {
        db.write(|tx| rows::reorder(tx, Self::TABLE, Self::NOUN, profile_id, ids))
    }
}

/// `input` with `changes` merged in (RFC 7396). A field the input does not have is
/// refused by name, and a value of the wrong type is refused with serde's reason.
pub fn patched<I: Serialize + DeserializeOwned>(input: I, changes: &Changes) -> Result<I> {
    let mut value = serde_json::to_value(input)?;
    let Value::Object(fields) = &mut value else {
        return Err(Error::Internal(
            "a section input is not a JSON object".into(),
        ));
    };
    let unknown: Vec<FieldError> = changes
        .keys()
        .filter(|name| !fields.contains_key(*name))
        .map(|name| FieldError {
            code: Code::UnknownField,
            field: name.clone(),
            message: format!("There is no field \"{name}\" to change here."),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Error::Invalid(unknown));
    }
    for (name, change) in changes.iter() {
        if let Some(field) = fields.get_mut(name) {
            merge(field, change);
        }
    }
    serde_json::from_value(value).map_err(|e| {
        Error::Invalid(vec![FieldError {
            code: Code::WrongType,
            field: String::new(),
            message: format!("A changed field has the wrong kind of value: {e}."),
        }])
    })
}

/// RFC 7396: objects merge key by key (`null` removes a key); anything else replaces.
fn merge(target: &mut Value, change: &Value) {
    match (target, change) {
        (Value::Object(target), Value::Object(change)) => {
            for (key, value) in change {
                if value.is_null() {
                    target.remove(key);
                } else {
                    merge(target.entry(key.clone()).or_insert(Value::Null), value);
                }
            }
        }
        (target, change) => *target = change.clone(),
    }
}
