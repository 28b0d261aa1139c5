//! The schema migrations in `migrations/sqlite/`, embedded in the binary.
//!
//! They are append-only: a released migration is never edited; a change to the schema is
//! a new directory. `PRAGMA user_version` holds the number of migrations applied.

use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use rusqlite::Connection;
use rusqlite_migration::Migrations;

use crate::Result;

static MIGRATIONS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/migrations/sqlite");

/// The migrations, in order.
pub static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    // The directory is embedded at compile time and its layout is checked by the
    // `migrations_validate` test, so a failure here is a build defect, not user input.
    #[allow(clippy::expect_used)]
    Migrations::from_directory(&MIGRATIONS_DIR)
        .expect("migrations/sqlite is laid out as NNNN-name/{up,down}.sql")
});

/// The schema version this program writes: the number of migrations it carries.
pub fn latest_version() -> usize {
    MIGRATIONS_DIR.dirs().count()
}

/// The names of the migrations, in order (`0001-documented-schema`, …).
pub fn names() -> Vec<&'static str> {
    let mut names: Vec<&str> = MIGRATIONS_DIR
        .dirs()
        .filter_map(|dir| dir.path().file_name().and_then(|name| name.to_str()))
        .collect();
    names.sort_unstable();
    names
}

/// The schema version recorded in a database (`PRAGMA user_version`).
pub fn schema_version(conn: &Connection) -> Result<usize> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok(usize::try_from(version).unwrap_or(usize::MAX))
}

/// Brings a database up to the latest version, atomically.
pub fn to_latest(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn)?;
    Ok(())
}

/// Moves a database to exactly `version` (up or down), atomically.
pub fn to_version(conn: &mut Connection, version: usize) -> Result<()> {
    MIGRATIONS.to_version(conn, version)?;
    Ok(())
}
