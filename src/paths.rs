//! Where Career Hub keeps its files by default.

use std::path::{Path, PathBuf};

/// File name of the database inside the data directory.
pub const DB_FILE_NAME: &str = "career-hub.db";

/// The default database path: `career-hub.db` in the OS data directory
/// (`$XDG_DATA_HOME/career-hub` on Linux). `None` when the OS reports no home directory.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("app", "Career Hub", "career-hub")
        .map(|dirs| dirs.data_dir().join(DB_FILE_NAME))
}

/// The folder for files Career Hub can make again, such as the CV fonts unpacked
/// (`$XDG_CACHE_HOME/career-hub` on Linux). `None` when the OS reports no home directory.
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("app", "Career Hub", "career-hub")
        .map(|dirs| dirs.cache_dir().to_path_buf())
}

/// `path` with `suffix` added to its file name (`a.db` → `a.db.partial`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
