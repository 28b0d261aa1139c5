//! Getting data out of Career Hub in other people's formats.

pub mod jsonresume;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{Error, Result};

/// Writes `document` as indented JSON to `path`, whole or not at all (see
/// [`write_file`]). Returns the number of bytes written.
pub fn write_document(conn: &Connection, path: &Path, document: &serde_json::Value) -> Result<u64> {
    let text = serde_json::to_string_pretty(document)? + "\n";
    write_file(conn, path, text.as_bytes())
}

/// Writes `bytes` to `path`, replacing it only once everything is on disk (a
/// `.partial` file is renamed over it), so a failed export never leaves a
/// half-written file. A path that is the open database `conn` (or its journal) is
/// refused before anything is written. Returns the number of bytes written.
pub fn write_file(conn: &Connection, path: &Path, bytes: &[u8]) -> Result<u64> {
    use std::io::Write;
    ensure_not_database(conn, path)?;
    let partial = crate::paths::with_suffix(path, ".partial");
    let written = (|| {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::io("write", path, e));
    }
    Ok(bytes.len() as u64)
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
    let protected =
        ["", "-wal", "-shm", "-journal"].map(|suffix| crate::paths::with_suffix(&db, suffix));
    if protected.contains(&dest_resolved) {
        return Err(Error::Conflict(format!(
            "{} is your Career Hub database (or a file SQLite keeps beside it); \
             writing there would destroy your data. Choose another file.",
            dest.display()
        )));
    }
    Ok(())
}

/// Refuses to replace an existing `dest` unless `overwrite` is set.
pub fn ensure_may_write(dest: &Path, overwrite: bool) -> Result<()> {
    if !overwrite && std::fs::symlink_metadata(dest).is_ok() {
        return Err(Error::Conflict(format!(
            "{} already exists; choose another file, or replace it on purpose (--force)",
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
