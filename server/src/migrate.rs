//! The server's schema: the SQL files of `migrations/postgres/`, applied in order, each
//! in its own transaction, recorded in `schema_migrations`. Instances starting at once
//! take turns through an advisory lock, so each file is applied exactly once.

use include_dir::{Dir, include_dir};
use tokio_postgres::Client;

static MIGRATIONS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../migrations/postgres");

/// Any number the instances agree on: the key of the advisory lock they take turns with.
const LOCK_KEY: i64 = 0x4361_7265_6572_4875; // "CareerHu"

/// One migration file.
#[derive(Debug, Clone)]
pub struct Migration {
    pub version: i32,
    pub name: String,
    pub sql: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("migration {name} failed: {source}")]
    Failed {
        name: String,
        #[source]
        source: tokio_postgres::Error,
    },
    #[error(
        "the database has schema version {found}, newer than this server knows ({known}); run a newer career-hub-server"
    )]
    TooNew { found: i32, known: i32 },
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// Every migration, in order.
pub fn migrations() -> Vec<Migration> {
    let mut all: Vec<Migration> = MIGRATIONS
        .files()
        .filter_map(|file| {
            let name = file.path().file_stem()?.to_str()?.to_owned();
            let version = name.split('-').next()?.parse().ok()?;
            Some(Migration {
                version,
                name,
                sql: file.contents_utf8()?,
            })
        })
        .collect();
    all.sort_by_key(|m| m.version);
    all
}

/// The version the newest migration brings the database to.
pub fn latest() -> i32 {
    migrations().last().map_or(0, |m| m.version)
}

/// The database's schema version (0 when nothing has been applied).
pub async fn current(client: &Client) -> Result<i32, tokio_postgres::Error> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_migrations') IS NOT NULL", &[])
        .await?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let row = client
        .query_one(
            "SELECT COALESCE(max(version), 0) FROM schema_migrations",
            &[],
        )
        .await?;
    Ok(row.get(0))
}

/// Applies every migration the database has not had. Returns the names applied.
pub async fn run(client: &mut Client) -> Result<Vec<String>, MigrateError> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version INTEGER PRIMARY KEY,
                 name TEXT NOT NULL,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
             )",
        )
        .await
        .or_else(|e| {
            // Two instances creating the table at once: the loser sees it exists.
            if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) {
                Ok(())
            } else {
                Err(e)
            }
        })?;
    client
        .execute("SELECT pg_advisory_lock($1)", &[&LOCK_KEY])
        .await?;
    let result = apply_pending(client).await;
    client
        .execute("SELECT pg_advisory_unlock($1)", &[&LOCK_KEY])
        .await?;
    result
}

async fn apply_pending(client: &mut Client) -> Result<Vec<String>, MigrateError> {
    let found = current(client).await?;
    let known = latest();
    if found > known {
        return Err(MigrateError::TooNew { found, known });
    }
    let mut applied = Vec::new();
    for migration in migrations().into_iter().filter(|m| m.version > found) {
        let failed = |source| MigrateError::Failed {
            name: migration.name.clone(),
            source,
        };
        let tx = client.transaction().await?;
        tx.batch_execute(migration.sql).await.map_err(failed)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[&migration.version, &migration.name],
        )
        .await
        .map_err(failed)?;
        tx.commit().await.map_err(failed)?;
        tracing::info!(migration = %migration.name, "applied");
        applied.push(migration.name);
    }
    Ok(applied)
}
