//! Getting data out of Career Hub in other people's formats.

pub mod jsonresume;

use std::path::Path;

use rusqlite::Connection;

use crate::{Error, Result};

pub use crate::db::files::ensure_not_database;

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
