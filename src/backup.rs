//! Online backup and validated restore.
//!
//! Backups use SQLite's backup API, which copies a consistent snapshot even while another
//! connection is writing. A copy is first written to a `.partial` file and renamed into
//! place, so an interrupted backup never leaves a truncated file under the chosen name.
//! Restore checks the candidate completely before touching the live database, keeps the
//! replaced database aside, and writes the new content in one transaction.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::paths::with_suffix;
use crate::{Error, Result, db, doctor, migrations};

/// How long to wait before retrying a backup step that found the database locked.
const BUSY_PAUSE: Duration = Duration::from_millis(5);

/// What a restore did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestoreReport {
    /// The database that now holds the restored data.
    pub restored_into: PathBuf,
    /// Where the database that was replaced was kept, if there was one.
    pub previous_kept_at: Option<PathBuf>,
    /// Schema version of the restored file before it was brought up to date.
    pub restored_from_version: u32,
}

/// Copies the database behind `src` to `dest` as one consistent snapshot.
///
/// `dest` is replaced only once the copy is complete.
pub fn copy_database(src: &Connection, dest: &Path) -> Result<()> {
    crate::export::ensure_not_database(src, dest)?;
    let partial = with_suffix(dest, ".partial");
    remove_if_present(&partial)?;
    let result = (|| {
        let mut out = Connection::open(&partial)?;
        copy_all_pages(src, &mut out)?;
        // The copy must stand alone: fold any write-ahead log back into the file.
        let _mode: String =
            out.pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))?;
        out.close().map_err(|(_, e)| e)?;
        std::fs::rename(&partial, dest).map_err(|e| Error::io("write", dest, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Restores the database at `target` from the backup file `candidate`.
///
/// The candidate must be a Career Hub database no newer than this program, pass
/// `integrity_check`, and be healthy by [`doctor::check`] once brought up to date;
/// otherwise nothing changes. The database being replaced is copied aside first.
pub fn restore(target: &Path, candidate: &Path) -> Result<RestoreReport> {
    let source = open_read_only(candidate)?;
    let version = migrations::schema_version(&source)?;
    let latest = migrations::latest_version();
    let reject = |reason: String| Error::RestoreRejected {
        path: candidate.to_path_buf(),
        reasons: vec![reason],
    };
    if version > latest {
        return Err(reject(format!(
            "it has schema version {version}, newer than this Career Hub knows ({latest})"
        )));
    }
    if version == 0 {
        return Err(reject("it is not a Career Hub database".to_owned()));
    }
    let problems = doctor::integrity_problems(&source)?;
    if !problems.is_empty() {
        return Err(Error::RestoreRejected {
            path: candidate.to_path_buf(),
            reasons: problems,
        });
    }

    // Bring a private copy up to date and check it before anything live is touched.
    let _running = crate::file_lock::HeldLock::take(with_suffix(target, RESTORE_LOCK))?;
    let staging = with_suffix(target, RESTORE_STAGING);
    copy_database(&source, &staging)?;
    drop(source);
    let staged = (|| {
        let mut conn = Connection::open(&staging)?;
        db::configure(&conn)?;
        migrations::to_latest(&mut conn)?;
        let report = doctor::check(&conn)?;
        if !report.healthy {
            return Err(Error::RestoreRejected {
                path: candidate.to_path_buf(),
                reasons: report.findings.into_iter().map(|f| f.message).collect(),
            });
        }
        Ok(conn)
    })();
    let staged = match staged {
        Ok(conn) => conn,
        Err(e) => {
            remove_database_files(&staging);
            return Err(e);
        }
    };

    let result = (|| {
        let mut live = Connection::open(target)?;
        db::configure(&live)?;
        let previous_kept_at = if migrations::schema_version(&live)? > 0 {
            let aside = with_suffix(target, &format!(".replaced-{}", timestamp(&live)?));
            copy_database(&live, &aside)?;
            Some(aside)
        } else {
            None
        };
        // One destination transaction: readers see the old database or the new one.
        copy_all_pages(&staged, &mut live)?;
        Ok(RestoreReport {
            restored_into: target.to_path_buf(),
            previous_kept_at,
            restored_from_version: u32::try_from(version).unwrap_or(u32::MAX),
        })
    })();
    drop(staged);
    remove_database_files(&staging);
    result
}

const RESTORE_STAGING: &str = ".restore-staging";
const RESTORE_LOCK: &str = ".restore.lock";

/// Removes what a restore killed part-way left beside the database at `target` (its
/// staging copy), unless a restore is running right now. Returns whether it did.
pub(crate) fn remove_stale_restore(target: &Path) -> bool {
    let mut removed = false;
    for (staging, lock) in [
        (RESTORE_STAGING, RESTORE_LOCK),
        (
            crate::full_backup::BACKUP_STAGING,
            crate::full_backup::BACKUP_STAGING_LOCK,
        ),
    ] {
        let staging = with_suffix(target, staging);
        let lock = with_suffix(target, lock);
        if crate::file_lock::is_held(&lock) || !(staging.exists() || lock.exists()) {
            continue;
        }
        remove_database_files(&staging);
        remove_database_files(&with_suffix(&staging, ".partial"));
        let _ = std::fs::remove_file(&lock);
        removed = true;
    }
    removed
}

/// Copies every page of `src` into `dest` in a single backup step, so the copy is one
/// read snapshot of the source and one write transaction on the destination.
fn copy_all_pages(src: &Connection, dest: &mut Connection) -> Result<()> {
    let backup = Backup::new(src, dest)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Busy or Locked: another connection holds a lock; wait and try again.
            _ => std::thread::sleep(BUSY_PAUSE),
        }
    }
}

/// Where the automatic copy taken before migrating from `version` goes:
/// `<file>.v<version>-<UTC time>.bak` beside the database.
pub(crate) fn pre_migration_path(
    conn: &Connection,
    path: &Path,
    version: usize,
) -> Result<PathBuf> {
    Ok(with_suffix(
        path,
        &format!(".v{version}-{}.bak", timestamp(conn)?),
    ))
}

fn open_read_only(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::io(
            "read",
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    match migrations::schema_version(&conn) {
        Ok(_) => Ok(conn),
        Err(Error::Sqlite(e))
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) =>
        {
            Err(Error::NotADatabase {
                path: path.to_path_buf(),
            })
        }
        Err(e) => Err(e),
    }
}

/// UTC time as `YYYYMMDDTHHMMSSmmmZ`, from SQLite's clock.
fn timestamp(conn: &Connection) -> Result<String> {
    Ok(conn.query_row(
        "SELECT strftime('%Y%m%dT%H%M%S', 'now') || substr(strftime('%f', 'now'), 4) || 'Z'",
        [],
        |row| row.get(0),
    )?)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("remove", path, e)),
    }
}

/// Removes a database file and the files SQLite keeps beside it.
pub(crate) fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}
