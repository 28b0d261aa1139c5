//! The database handle: one SQLite connection configured for durability, reads through
//! [`Db::conn`], writes through [`Db::write`] so that every change is one audited,
//! all-or-nothing transaction.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::audit::AuditContext;
use crate::{Error, Result, backup, migrations};

/// How long a connection waits for another writer before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open Career Hub database at the latest schema version.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    audit: AuditContext,
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A file whose schema is newer than this program, or that is not a Career Hub
    /// database, is refused without being touched. Before migrations run on an existing
    /// file, a backup copy is written next to it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let existing = std::fs::metadata(path).is_ok_and(|meta| meta.len() > 0);
        if existing {
            preflight(path)?;
        } else if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
        }

        let mut conn = Connection::open(path).map_err(|e| classify_open_error(e, path))?;
        configure(&conn)?;
        let version = migrations::schema_version(&conn)?;
        if existing && version < migrations::latest_version() {
            let copy = backup::pre_migration_path(&conn, path, version)?;
            backup::copy_database(&conn, &copy)?;
            tracing::info!(backup = %copy.display(), from = version, "backed up before migrating");
        }
        migrations::to_latest(&mut conn)?;
        Ok(Self {
            conn,
            path: Some(path.to_path_buf()),
            audit: AuditContext::default(),
        })
    }

    /// Opens a fresh database in memory, at the latest schema version (for tests and previews).
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::to_latest(&mut conn)?;
        Ok(Self {
            conn,
            path: None,
            audit: AuditContext::default(),
        })
    }

    /// The file this database lives in, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The audit context that every write through this handle is recorded with.
    pub fn audit_context(&self) -> &AuditContext {
        &self.audit
    }

    /// Sets who is writing (source, user, session) for the writes that follow.
    pub fn set_audit_context(&mut self, audit: AuditContext) {
        self.audit = audit;
    }

    /// Runs `change` in one immediate transaction, audited with this handle's context and
    /// a fresh change id shared by every audit row it produces. Nothing is kept unless
    /// `change` returns `Ok`.
    pub fn write<T>(&mut self, change: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write_change(None, |tx, _| change(tx))
    }

    /// [`Db::write`], telling `change` its change id, and recording that it reverts
    /// the change `reverts` (for undo).
    pub(crate) fn write_change<T>(
        &mut self,
        reverts: Option<&str>,
        change: impl FnOnce(&Transaction<'_>, &str) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let change_id = self.audit.begin(&tx, reverts)?;
        let value = change(&tx, &change_id)?;
        AuditContext::end(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<usize> {
        migrations::schema_version(&self.conn)
    }
}

/// Settings every Career Hub connection runs with.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // In memory the journal mode stays "memory"; on disk it becomes "wal".
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    // FULL: a committed write survives a power cut, not just a crash of the program.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Statements that fire triggers keep their statement journal in memory.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// Checks an existing file read-only, so that a file we refuse is never modified.
pub(crate) fn preflight(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(e, path))?;
    let found = migrations::schema_version(&conn).map_err(|e| match e {
        Error::Sqlite(e) => classify_open_error(e, path),
        other => other,
    })?;
    let supported = migrations::latest_version();
    if found > supported {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    if found == 0 {
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
        if objects > 0 {
            return Err(Error::NotCareerHub {
                path: path.to_path_buf(),
            });
        }
    }
    Ok(())
}

pub(crate) fn classify_open_error(error: rusqlite::Error, path: &Path) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => Error::Sqlite(error),
    }
}
