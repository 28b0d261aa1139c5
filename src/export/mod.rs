//! Getting data out of Career Hub in other people's formats.

pub mod jsonresume;

use std::path::Path;

use crate::{Error, Result};

/// Writes `document` as indented JSON to `path`, replacing it only once the whole text
/// is on disk (a `.partial` file is renamed over it), so a failed export never leaves a
/// half-written file. Returns the number of bytes written.
pub fn write_document(path: &Path, document: &serde_json::Value) -> Result<u64> {
    use std::io::Write;
    let text = serde_json::to_string_pretty(document)? + "\n";
    let partial = crate::paths::with_suffix(path, ".partial");
    let written = (|| {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::io("write", path, e));
    }
    Ok(text.len() as u64)
}
