//! The archive: everything in a profile's database as one versioned JSON document of
//! our own (`export all` / `import all`; "full backup" in the app), for moving to
//! another machine. Lossless: every row of every table, with its ids, timestamps and
//! history, comes back exactly. Not to be confused with [`crate::backup`], which copies
//! the SQLite file itself.
//!
//! ```json
//! { "format": "career-hub-backup", "version": 1, "schema_version": 8,
//!   "tables": { "users": [ { "id": "…", … } ], "profiles": [ … ], … } }
//! ```

use std::collections::BTreeMap;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, params_from_iter};
use serde_json::{Map, Value, json};

use crate::audit::{is_json_column, sql_value_as};
use crate::db::files::{ARCHIVE_STAGING, ARCHIVE_STAGING_LOCK};
use crate::schema::tables::{Kind, Table};
use crate::{Db, Error, Result, migrations};

/// The document's `format` field.
pub const FORMAT: &str = "career-hub-backup";
/// The version of the document's layout this program writes and reads.
pub const VERSION: u64 = 1;

/// The tables a backup holds, parents before children, the history last
/// (`changes`, then `audit_log`): the registry's backed-up tables.
pub fn tables() -> impl Iterator<Item = &'static str> {
    crate::schema::tables::backed_up().map(|table| table.name)
}

/// What a backup made before schema version 8 keeps on each audit row and a newer one
/// keeps once per change, in `changes`.
const PER_CHANGE_COLUMNS: [&str; 3] = ["source", "session_id", "reverts_change_id"];

/// The statement reading every row of `table`, oldest first, and its columns with
/// whether each holds JSON (looked up once rather than for every value).
fn select_all<'c>(
    conn: &'c Connection,
    table: &str,
) -> rusqlite::Result<(rusqlite::Statement<'c>, Vec<(String, bool)>)> {
    let stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let columns = stmt
        .column_names()
        .iter()
        .map(|c| (c.to_string(), is_json_column(c)))
        .collect();
    Ok((stmt, columns))
}

/// Every row of `table`, oldest first, as JSON objects (JSON columns nested), as
/// [`text`] writes them.
pub(crate) fn rows(conn: &Connection, table: &str) -> Result<Vec<Value>> {
    let (mut stmt, columns) = select_all(conn, table)?;
    let mut rows = stmt.query([])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let columns = columns.as_slice();
        found.push(serde_json::to_value(RowObject { row, columns })?);
    }
    Ok(found)
}

/// Everything in the database as a backup document.
pub fn export(conn: &Connection) -> Result<Value> {
    let tx = conn.unchecked_transaction()?;
    let mut tables = Map::new();
    for table in self::tables() {
        tables.insert(table.to_owned(), Value::Array(rows(&tx, table)?));
    }
    tx.finish()?;
    // Built by hand: `json!` would copy the whole table tree once more.
    let mut document = Map::with_capacity(4);
    document.insert("format".to_owned(), json!(FORMAT));
    document.insert("version".to_owned(), json!(VERSION));
    document.insert(
        "schema_version".to_owned(),
        json!(migrations::schema_version(conn)?),
    );
    document.insert("tables".to_owned(), Value::Object(tables));
    Ok(Value::Object(document))
}

/// Everything in the database as a backup file's text: exactly
/// `serde_json::to_string_pretty(&export(conn)?) + "\n"`, written as the rows are read,
/// without the tree of values in between.
pub fn text(conn: &Connection) -> Result<String> {
    let tx = conn.unchecked_transaction()?;
    let document = Document {
        conn: &tx,
        schema_version: migrations::schema_version(conn)?,
    };
    let mut text = Vec::with_capacity(1 << 16);
    serde::Serialize::serialize(&document, &mut serde_json::Serializer::pretty(&mut text))?;
    tx.finish()?;
    text.push(b'\n');
    String::from_utf8(text)
        .map_err(|e| Error::Internal(format!("a backup's text is not UTF-8: {e}")))
}

/// The backup document of [`text`].
struct Document<'c> {
    conn: &'c Connection,
    schema_version: usize,
}

fn unreadable<E: serde::ser::Error>(error: &rusqlite::Error) -> E {
    E::custom(format!("cannot read the database: {error}"))
}

impl serde::Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut document = serializer.serialize_map(Some(4))?;
        document.serialize_entry("format", FORMAT)?;
        document.serialize_entry("version", &VERSION)?;
        document.serialize_entry("schema_version", &self.schema_version)?;
        document.serialize_entry("tables", &Tables(self.conn))?;
        document.end()
    }
}

/// Every backed-up table, each as the array of its rows.
struct Tables<'c>(&'c Connection);

impl serde::Serialize for Tables<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut tables = serializer.serialize_map(None)?;
        for table in self::tables() {
            let (mut stmt, columns) =
                select_all(self.0, table).map_err(|e| unreadable::<S::Error>(&e))?;
            let rows = stmt.query([]).map_err(|e| unreadable::<S::Error>(&e))?;
            let rows = TableRows {
                rows: std::cell::RefCell::new(rows),
                columns: &columns,
            };
            tables.serialize_entry(table, &rows)?;
        }
        tables.end()
    }
}

/// A table's rows, each written as it is read.
struct TableRows<'s, 'c> {
    rows: std::cell::RefCell<rusqlite::Rows<'s>>,
    columns: &'c [(String, bool)],
}

impl serde::Serialize for TableRows<'_, '_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut rows = self.rows.borrow_mut();
        let mut array = serializer.serialize_seq(None)?;
        while let Some(row) = rows.next().map_err(|e| unreadable::<S::Error>(&e))? {
            array.serialize_element(&RowObject {
                row,
                columns: self.columns,
            })?;
        }
        array.end()
    }
}

/// One row as a JSON object: JSON columns nested, text as text, blobs as arrays of
/// bytes.
struct RowObject<'r, 's, 'c> {
    row: &'r rusqlite::Row<'s>,
    columns: &'c [(String, bool)],
}

impl serde::Serialize for RowObject<'_, '_, '_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut object = serializer.serialize_map(Some(self.columns.len()))?;
        for (i, (column, json)) in self.columns.iter().enumerate() {
            match self
                .row
                .get_ref(i)
                .map_err(|e| unreadable::<S::Error>(&e))?
            {
                ValueRef::Null => object.serialize_entry(column, &())?,
                ValueRef::Integer(n) => object.serialize_entry(column, &n)?,
                ValueRef::Real(x) => object.serialize_entry(column, &json!(x))?,
                ValueRef::Text(t) if *json => match serde_json::from_slice::<Value>(t) {
                    Ok(value) => object.serialize_entry(column, &value)?,
                    Err(_) => object.serialize_entry(column, &String::from_utf8_lossy(t))?,
                },
                ValueRef::Text(t) => object.serialize_entry(column, &String::from_utf8_lossy(t))?,
                ValueRef::Blob(b) => object.serialize_entry(column, &json!(b))?,
            }
        }
        object.end()
    }
}

/// What a restore of a backup document brought in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Restored {
    /// Rows per table.
    pub rows: BTreeMap<String, usize>,
}

/// What a backup document holds, for a person deciding whether to restore it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArchiveSummary {
    /// The name in the backed-up profile, if it has one.
    pub name: Option<String>,
    pub headline: Option<String>,
    /// The schema version of the database it was made from.
    pub schema_version: u32,
    /// Rows per table, for the tables a person knows (experiences, projects, …).
    pub rows: BTreeMap<String, u32>,
    /// How many changes its history holds.
    pub history_entries: u32,
}

/// Reads what a backup document holds, after checking it is one this program can
/// restore (the same checks as [`import`]).
pub fn summary(document: &Value) -> Result<ArchiveSummary> {
    let tables = checked_tables(document)?;
    let count = |table: &str| {
        tables
            .get(table)
            .and_then(Value::as_array)
            .map_or(0, |rows| u32::try_from(rows.len()).unwrap_or(u32::MAX))
    };
    let profile = tables
        .get("profiles")
        .and_then(Value::as_array)
        .and_then(|rows| rows.first());
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    Ok(ArchiveSummary {
        name: text(
            profile
                .and_then(|p| p.get("contact"))
                .and_then(|c| c.get("name")),
        ),
        headline: text(profile.and_then(|p| p.get("headline"))),
        schema_version: document
            .get("schema_version")
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0),
        rows: ITEM_TABLES
            .into_iter()
            .map(|table| (table.to_owned(), count(table)))
            .collect(),
        history_entries: count("audit_log"),
    })
}

/// The tables whose rows a person counts as the items of their profile: the wizard's
/// sections and the CV versions.
pub const ITEM_TABLES: [&str; 7] = [
    "experiences",
    "projects",
    "skills",
    "education",
    "certifications",
    "achievements",
    "cv_versions",
];

/// Replaces everything in the database `db` with a backup document: the backup is
/// restored into a new database beside it, checked, and then copied over the live one
/// in one transaction ([`crate::backup::restore`]), which keeps the replaced database
/// aside as `<file>.replaced-<time>`: restoring that file undoes this.
pub fn replace(db: &mut Db, document: &Value) -> Result<crate::backup::RestoreReport> {
    checked_tables(document)?;
    db.ensure_writable()?;
    let live = db
        .path()
        .map(std::path::Path::to_path_buf)
        .ok_or_else(|| Error::Conflict("a database in memory cannot be replaced".to_owned()))?;
    let staging = crate::paths::with_suffix(&live, ARCHIVE_STAGING);
    let _running =
        crate::file_lock::HeldLock::take(crate::paths::with_suffix(&live, ARCHIVE_STAGING_LOCK))?;
    crate::db::files::remove_database_files(&staging);
    let result = (|| {
        let mut fresh = Db::open(&staging)?;
        fresh.set_audit_context(crate::AuditContext {
            source: crate::Source::Import,
            ..db.audit_context().clone()
        });
        crate::profile::bootstrap(&mut fresh)?;
        import(&mut fresh, document)?;
        drop(fresh);
        crate::backup::restore(&live, &staging)
    })();
    crate::db::files::remove_database_files(&staging);
    result
}

/// The document's tables, once it is known to be a backup this program can read.
fn checked_tables(document: &Value) -> Result<&Map<String, Value>> {
    let refuse = |why: String| Error::Conflict(why);
    if document.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(refuse(
            "this file is not a Career Hub backup (its \"format\" is not career-hub-backup)".into(),
        ));
    }
    let version = document.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version != VERSION {
        return Err(refuse(format!(
            "this backup has layout version {version}; this Career Hub reads version {VERSION}"
        )));
    }
    let schema = document
        .get("schema_version")
        .and_then(Value::as_u64)
        .unwrap_or(u64::MAX);
    if usize::try_from(schema).unwrap_or(usize::MAX) > migrations::latest_version() {
        return Err(refuse(format!(
            "this backup comes from a newer Career Hub (schema version {schema}); update Career Hub to restore it"
        )));
    }
    document
        .get("tables")
        .and_then(Value::as_object)
        .ok_or_else(|| refuse("the backup has no \"tables\"".into()))
}

/// Restores a backup document into a database whose profile holds nothing yet (a new
/// installation), replacing its first-run setup. Refused, with nothing changed, when
/// the database already holds someone's data, or the document is not a backup this
/// program can read.
pub fn import(db: &mut Db, document: &Value) -> Result<Restored> {
    let refuse = |why: String| Error::Conflict(why);
    let tables = checked_tables(document)?;
    let holds_data: i64 = db.conn().query_row(
        "SELECT (SELECT count(*) FROM experiences) + (SELECT count(*) FROM projects) + (SELECT count(*) FROM skills)
              + (SELECT count(*) FROM education) + (SELECT count(*) FROM certifications) + (SELECT count(*) FROM achievements)
              + (SELECT count(*) FROM cv_versions)
              + (SELECT count(*) FROM profiles WHERE headline IS NOT NULL OR summary IS NOT NULL)",
        [],
        |r| r.get(0),
    )?;
    if holds_data > 0 {
        return Err(refuse(
            "this database already holds a profile with data; restore a full backup into a new database".into(),
        ));
    }

    let mut restored = BTreeMap::new();
    db.write(|tx| {
        let order: Vec<&Table> = crate::schema::tables::backed_up().collect();
        for table in order.iter().rev() {
            delete_all(tx, table.name)?;
        }
        let (history, data): (Vec<&Table>, Vec<&Table>) = order
            .into_iter()
            .partition(|table| table.kind == Kind::History);
        // The backup brings its own history, so the rows are not audited again.
        crate::bulk::insert(tx, crate::bulk::Audit::Replaced, |tx| {
            for table in data {
                restored.insert(table.name.to_owned(), restore_rows(tx, tables, table.name)?);
            }
            Ok(())
        })?;
        // The history the deletes above wrote is replaced by the backup's.
        for table in history.iter().rev() {
            delete_all(tx, table.name)?;
        }
        for table in history {
            restored.insert(table.name.to_owned(), restore_rows(tx, tables, table.name)?);
        }
        Ok(())
    })?;
    Ok(Restored { rows: restored })
}

/// Deletes every row of `table`. Preparing a `DELETE` compiles the table's triggers,
/// so a table with nothing in it (most of them, in a new database) is left alone.
fn delete_all(tx: &rusqlite::Transaction<'_>, table: &str) -> Result<()> {
    let any: bool = tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
        r.get(0)
    })?;
    if any {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

/// Inserts the rows the backup holds for `table`; returns how many.
fn restore_rows(
    tx: &rusqlite::Transaction<'_>,
    tables: &Map<String, Value>,
    table: &str,
) -> Result<usize> {
    let entries = tables
        .get(table)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    // Rows of one table mostly have the same columns: the statement and which columns
    // hold JSON are worked out again only when they change.
    let mut shape: Vec<String> = Vec::new();
    let mut json: Vec<bool> = Vec::new();
    let mut sql = String::new();
    let history = table == "audit_log";
    let restored = |column: &String| {
        column != "completeness_score"
            && !(history && PER_CHANGE_COLUMNS.contains(&column.as_str()))
    };
    for (i, row) in entries.iter().enumerate() {
        let object = row.as_object().ok_or_else(|| {
            crate::import::invalid(
                &format!("{table}[{i}]"),
                format!("{table}[{i}] is not a row"),
            )
        })?;
        if history {
            restore_change_of(tx, object)?;
        }
        // The row's restored columns in its order, which is the statement's order.
        let columns = object.iter().filter(|(column, _)| restored(column));
        if sql.is_empty() || !columns.clone().map(|(column, _)| column).eq(shape.iter()) {
            shape = columns.clone().map(|(column, _)| column.clone()).collect();
            json = shape.iter().map(|c| is_json_column(c)).collect();
            sql = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                shape.join(", "),
                vec!["?"; shape.len()].join(", ")
            );
        }
        let values = columns.zip(&json).map(|((_, value), json)| match value {
            // Bound as it is, not copied.
            Value::String(text) if !json => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            other => ToSqlOutput::Owned(sql_value_as(other, *json)),
        });
        tx.prepare_cached(&sql)?
            .execute(params_from_iter(values))
            .map_err(|e| {
                crate::import::invalid(
                    &format!("{table}[{i}]"),
                    format!("{table}[{i}] cannot be restored: {e}"),
                )
            })?;
    }
    Ok(entries.len())
}

/// Records the change an audit row of an older backup belongs to, from the per-change
/// facts that row still carries (a newer backup holds them in its `changes` table).
fn restore_change_of(tx: &rusqlite::Transaction<'_>, row: &Map<String, Value>) -> Result<()> {
    let (Some(change_id), Some(source)) = (
        row.get("change_id").and_then(Value::as_str),
        row.get("source").and_then(Value::as_str),
    ) else {
        return Ok(());
    };
    let text = |column: &str| row.get(column).and_then(Value::as_str);
    tx.prepare_cached(
        "INSERT OR IGNORE INTO changes (id, source, session_id, reverts_change_id, created_at)
         VALUES (?1, ?2, ?3, ?4, COALESCE(?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
    )?
    .execute(rusqlite::params![
        change_id,
        source,
        text("session_id"),
        text("reverts_change_id"),
        text("created_at")
    ])?;
    Ok(())
}
