//! The database handle: one SQLite connection configured for durability, reads through
//! [`Db::conn`], writes through [`Db::write`] so that every change is one audited,
//! all-or-nothing transaction.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags, Transaction, TransactionBehavior};

use crate::audit::AuditContext;
use crate::error::BUSY_TIMEOUT;
use crate::{Error, Result, migrations};

pub mod files;
pub(crate) mod recover;

/// An open Career Hub database at the latest schema version.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    audit: AuditContext,
    /// Why this database can only be read, when it can.
    read_only: Option<String>,
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A file whose schema is newer than this program, or that is not a Career Hub
    /// database, is refused without being touched. Before migrations run on an existing
    /// file, a backup copy is written next to it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        // Programs starting on the same new file at once see each other's set-up half
        // done (a journal being switched to WAL, a log being recovered); SQLite reports
        // that as busy or read-only for a moment, and trying again succeeds.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match Self::open_once(path) {
                Err(e) if is_transient(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Self> {
        let existing = std::fs::metadata(path).is_ok_and(|meta| meta.len() > 0);
        if existing {
            preflight(path)?;
        } else if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
        }

        let mut conn = Connection::open(path).map_err(|e| classify_open_error(e, path))?;
        configure(&conn)?;
        let version = migrations::schema_version(&conn)?;
        // A file at version 0 holds nothing yet (preflight refused it otherwise): another
        // program is setting it up right now, or its set-up was cut short. There is
        // nothing to back up, and programs starting together would race for one copy.
        if existing && version > 0 && version < migrations::latest_version() {
            let copy = files::pre_migration_path(&conn, path, version)?;
            files::copy_database(&conn, &copy)?;
            tracing::info!(backup = %copy.display(), from = version, "backed up before migrating");
        }
        migrate(&mut conn)?;
        let mut db = Self {
            conn,
            path: Some(path.to_path_buf()),
            audit: AuditContext::default(),
            read_only: None,
        };
        db.recover()?;
        Ok(db)
    }

    /// Tidies after a program that was killed while working on this database: an
    /// import left PENDING becomes FAILED ("interrupted"), and a restore's staging copy
    /// is removed, each only when no live process is still at it.
    fn recover(&mut self) -> Result<()> {
        if let Some(path) = self.path.clone()
            && files::remove_stale_restore(&path)
        {
            tracing::info!(database = %path.display(), "removed what an interrupted restore left");
        }
        let interrupted = recover::interrupted_imports(self)?;
        if interrupted > 0 {
            tracing::info!(interrupted, "marked interrupted imports as failed");
        }
        Ok(())
    }

    /// Opens the database at `path`, which must already exist: a mistyped path is an
    /// error, never a new empty database. A file (or folder) that cannot be written is
    /// opened for reading, and every write through the handle says why it cannot be made.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Missing {
                    path: path.to_path_buf(),
                });
            }
            Err(e) => return Err(Error::io("open", path, e)),
        };
        if meta.is_dir() {
            return Err(Error::IsFolder {
                path: path.to_path_buf(),
            });
        }
        if meta.len() == 0 {
            return Err(Error::Missing {
                path: path.to_path_buf(),
            });
        }
        match read_only_reason(path) {
            None => Self::open(path),
            Some(reason) => Self::open_read_only(path, reason),
        }
    }

    fn open_read_only(path: &Path, reason: String) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(e, path))?;
        let readable = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        });
        if readable.is_err_and(|e| e.sqlite_error_code() == Some(ErrorCode::ReadOnly)) {
            // A write-ahead-log database in a folder nobody may write to: SQLite cannot
            // make the shared index it reads through, so it reads the file as
            // unchanging, which it is while no one has the right to write it.
            conn = Connection::open_with_flags(
                immutable_uri(path),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )
            .map_err(|e| classify_open_error(e, path))?;
        }
        preflight_conn(&conn, path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        let version = migrations::schema_version(&conn)?;
        if version < migrations::latest_version() {
            return Err(Error::ReadOnly {
                path: path.to_path_buf(),
                reason: format!(
                    "{reason}, and its schema (version {version}) needs upgrading before this Career Hub can use it"
                ),
            });
        }
        Ok(Self {
            conn,
            path: Some(path.to_path_buf()),
            audit: AuditContext::default(),
            read_only: Some(reason),
        })
    }

    /// Opens a fresh database in memory, at the latest schema version (for tests and previews).
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        let template = migrated_template()?;
        conn.deserialize_read_exact(MAIN_DB, template, template.len(), false)?;
        Ok(Self {
            conn,
            path: None,
            audit: AuditContext::default(),
            read_only: None,
        })
    }

    /// A copy of this database in memory as it is now, written with the same audit
    /// context; what is written to either afterwards stays its own (for tests and
    /// previews).
    pub fn copy_in_memory(&self) -> Result<Self> {
        let bytes = self.conn.serialize(MAIN_DB)?;
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        conn.deserialize_read_exact(MAIN_DB, &bytes[..], bytes.len(), false)?;
        Ok(Self {
            conn,
            path: None,
            audit: self.audit.clone(),
            read_only: None,
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
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let change_id = self.audit.begin(&tx, reverts)?;
        let value = change(&tx, &change_id)?;
        AuditContext::end(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Fails with [`Error::ReadOnly`] when this database can only be read.
    pub fn ensure_writable(&self) -> Result<()> {
        match (&self.read_only, &self.path) {
            (Some(reason), Some(path)) => Err(Error::ReadOnly {
                path: path.clone(),
                reason: reason.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// Several changes in one transaction, each under its own change id recording that
    /// it reverts the change at the same index of `reverts` (undoing a change together
    /// with the later changes it clashes with). All are kept, or none.
    pub(crate) fn write_changes<T>(
        &mut self,
        reverts: &[&str],
        mut change: impl FnMut(&Transaction<'_>, usize, &str) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut done = Vec::with_capacity(reverts.len());
        for (index, target) in reverts.iter().enumerate() {
            let change_id = self.audit.begin(&tx, Some(target))?;
            done.push(change(&tx, index, &change_id)?);
        }
        AuditContext::end(&tx)?;
        tx.commit()?;
        Ok(done)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<usize> {
        migrations::schema_version(&self.conn)
    }
}

/// Brings the schema up to date. When another program is migrating the same file at
/// the same moment, its work is accepted instead of failing: the migrations run in one
/// transaction, so a failure after which the file is at the latest version means the
/// other program finished them.
fn migrate(conn: &mut Connection) -> Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match migrations::to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(e) => {
                if migrations::schema_version(conn)? == migrations::latest_version() {
                    return Ok(());
                }
                if matches!(e, Error::Busy { .. }) && std::time::Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                return Err(e);
            }
        }
    }
}

/// Whether an error opening a writable file is another program's set-up in progress.
fn is_transient(error: &Error) -> bool {
    let sqlite = match error {
        Error::Busy { .. } => return true,
        Error::Sqlite(e) => e,
        Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => err,
        _ => return false,
    };
    sqlite.sqlite_error_code() == Some(ErrorCode::ReadOnly)
}

/// Why the database file at `path` (or the folder SQLite keeps its journal in) cannot be
/// written, or `None` when it can.
fn read_only_reason(path: &Path) -> Option<String> {
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path);
    if opened.is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied) {
        return Some("the file is not writable".to_owned());
    }
    let folder = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = folder.join(format!(".career-hub-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Some(format!("its folder {} is not writable", folder.display()))
        }
        Err(_) => None,
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
    crate::bulk::register(conn)?;
    // The write paths keep more statements prepared than rusqlite's default 16 (sync's
    // apply alone has a few per synced table); a statement compiled again carries every
    // trigger of its table with it.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// Statements kept prepared per connection.
const STATEMENT_CACHE: usize = 256;

/// The bytes of an empty database at the latest schema version, migrated once per
/// process: every database opened in memory starts as a copy of it, so it pays for
/// reading the schema, not for running every migration again.
fn migrated_template() -> Result<&'static [u8]> {
    static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
    if let Some(template) = TEMPLATE.get() {
        return Ok(template);
    }
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrations::to_latest(&mut conn)?;
    let bytes = conn.serialize(MAIN_DB)?.to_vec();
    Ok(TEMPLATE.get_or_init(|| bytes))
}

/// `file:` URI of `path`, opened read-only as a file that does not change.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let escaped = absolute
        .to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23");
    format!("file:{escaped}?mode=ro&immutable=1")
}

/// Checks an existing file read-only, so that a file we refuse is never modified.
pub(crate) fn preflight(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(e, path))?;
    preflight_conn(&conn, path)
}

/// Refuses a database newer than this program, or one Career Hub did not make.
fn preflight_conn(conn: &Connection, path: &Path) -> Result<()> {
    let found = migrations::schema_version(conn).map_err(|e| match e {
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
