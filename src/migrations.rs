//! The schema migrations in `migrations/sqlite/`, embedded in the binary (packed by
//! `build.rs`, unpacked the first time a database is created or upgraded).
//!
//! They are append-only: a released migration is never edited; a change to the schema is
//! a new directory. `PRAGMA user_version` holds the number of migrations applied.

use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::Result;

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// Each migration's `up.sql` and `down.sql`, in order.
static SQL: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    // The frame is made by build.rs from files it read and is checked by the
    // `migrations_validate` test, so a failure here is a build defect, not user input.
    #[allow(clippy::expect_used)]
    let sql = zstd::bulk::decompress(PACKED, UNPACKED_LEN).expect("build.rs packs a whole frame");
    let mut rest = sql.as_slice();
    let mut next = || {
        let (length, tail) = rest.split_first_chunk::<4>()?;
        let (text, tail) =
            tail.split_at_checked(usize::try_from(u32::from_le_bytes(*length)).ok()?)?;
        rest = tail;
        String::from_utf8(text.to_vec()).ok()
    };
    #[allow(clippy::expect_used)]
    NAMES
        .iter()
        .map(|_| {
            let up = next().expect("build.rs packs each up.sql");
            let down = next().expect("build.rs packs each down.sql");
            (up, down)
        })
        .collect()
});

/// The migrations, in order.
pub static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(SQL.iter().map(|(up, down)| M::up(up).down(down)).collect()));

/// The schema version this program writes: the number of migrations it carries.
pub fn latest_version() -> usize {
    NAMES.len()
}

/// The names of the migrations, in order (`0001-documented-schema`, …).
pub fn names() -> Vec<&'static str> {
    NAMES.to_vec()
}

/// The schema version recorded in a database (`PRAGMA user_version`).
pub fn schema_version(conn: &Connection) -> Result<usize> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok(usize::try_from(version).unwrap_or(usize::MAX))
}

/// Brings a database up to the latest version, atomically. A database already there
/// is left as it is without unpacking the migrations (every open of a current database
/// comes here).
pub fn to_latest(conn: &mut Connection) -> Result<()> {
    if schema_version(conn)? == latest_version() {
        return Ok(());
    }
    MIGRATIONS.to_latest(conn)?;
    Ok(())
}

/// Moves a database to exactly `version` (up or down), atomically.
pub fn to_version(conn: &mut Connection, version: usize) -> Result<()> {
    MIGRATIONS.to_version(conn, version)?;
    Ok(())
}
