//! Getting data out of Career Hub in other people's formats.

pub mod jsonresume;

use std::path::Path;

use crate::{Error, Result};

/// Writes `document` as indented JSON to `path`, whole or not at all (see
/// [`write_file`]). Returns the number of bytes written.
pub fn write_document(path: &Path, document: &serde_json::Value) -> Result<u64> {
    let text = serde_json::to_string_pretty(document)? + "\n";
    write_file(path, text.as_bytes())
}

/// Writes `bytes` to `path`, replacing it only once everything is on disk (a
/// `.partial` file is renamed over it), so a failed export never leaves a
/// half-written file. Returns the number of bytes written.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<u64> {
    use std::io::Write;
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
