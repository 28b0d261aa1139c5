//! The files of a database: consistent copies of it, the copy kept before a migration,
//! and the staging files Career Hub keeps beside it while it restores, and their
//! clean-up. Below everything that opens, backs up or checks a database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::paths::with_suffix;
use crate::{Error, Result};

/// Where a file restore (`backup::restore`) stages the new database, and the lock it
/// holds meanwhile.
pub(crate) const RESTORE_STAGING: &str = ".restore-staging";
pub(crate) const RESTORE_LOCK: &str = ".restore.lock";
/// Where restoring a JSON archive (`archive::replace`) builds the new database, and the
/// lock it holds meanwhile.
pub(crate) const ARCHIVE_STAGING: &str = ".backup-staging";
pub(crate) const ARCHIVE_STAGING_LOCK: &str = ".backup-staging.lock";

/// How long to wait before retrying a backup step that found the database locked.
const BUSY_PAUSE: Duration = Duration::from_millis(5);

/// Copies the database behind `src` to `dest` as one consistent snapshot.
///
/// `dest` is replaced only once the copy is complete.
pub fn copy_database(src: &Connection, dest: &Path) -> Result<()> {
    ensure_not_database(src, dest)?;
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

/// Removes what a restore killed part-way left beside the database at `target` (its
/// staging copy), unless a restore is running right now. Returns whether it did.
pub(crate) fn remove_stale_restore(target: &Path) -> bool {
    let mut removed = false;
    for (staging, lock) in [
        (RESTORE_STAGING, RESTORE_LOCK),
        (ARCHIVE_STAGING, ARCHIVE_STAGING_LOCK),
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
pub(crate) fn copy_all_pages(src: &Connection, dest: &mut Connection) -> Result<()> {
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

/// UTC time as `YYYYMMDDTHHMMSSmmmZ`, from SQLite's clock.
pub(crate) fn timestamp(conn: &Connection) -> Result<String> {
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

/// Refuses `dest` when it is the database open on `conn`, or one of the files SQLite
/// keeps beside it (`-wal`, `-shm`, `-journal`): writing there would destroy the data.
/// Symbolic links and relative paths are followed to where they lead.
pub fn ensure_not_database(conn: &Connection, dest: &Path) -> Result<()> {
    let Some(db) = conn.path().filter(|p| !p.is_empty()).map(PathBuf::from) else {
        return Ok(());
    };
    let Some(db) = resolved(&db) else {
        return Ok(());
    };
    let Some(dest_resolved) = resolved(dest) else {
        return Ok(());
    };
    let protected = ["", "-wal", "-shm", "-journal"].map(|suffix| with_suffix(&db, suffix));
    if protected.contains(&dest_resolved) {
        return Err(Error::Conflict(format!(
            "{} is your Career Hub database (or a file SQLite keeps beside it); \
             writing there would destroy your data. Choose another file.",
            dest.display()
        )));
    }
    Ok(())
}

/// `path` made absolute with its links followed; for a file that does not exist yet,
/// its folder resolved and its name kept.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let absolute = std::path::absolute(path).ok()?;
    let name = absolute.file_name()?;
    let folder = absolute.parent()?;
    Some(std::fs::canonicalize(folder).ok()?.join(name))
}
