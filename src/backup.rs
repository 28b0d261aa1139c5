//! Online backup and validated restore.
//!
//! Backups use SQLite's backup API, which copies a consistent snapshot even while another
//! connection is writing. A copy is first written to a `.partial` file and renamed into
//! place, so an interrupted backup never leaves a truncated file under the chosen name.
//! Restore checks the candidate completely before touching the live database, keeps the
//! replaced database aside, and writes the new content in one transaction.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::db::files::{
    RESTORE_LOCK, RESTORE_STAGING, copy_all_pages, remove_database_files, timestamp,
};
use crate::paths::with_suffix;
use crate::{Error, Result, db, doctor, migrations};

pub use crate::db::files::copy_database;

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
