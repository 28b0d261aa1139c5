//! Lock files beside the database that say "a long operation is running here": an
//! import, a restore. The OS file lock goes with the process that holds it, so after a
//! `kill -9` the file is there but nobody holds it, and the next program to open the
//! database knows the operation died and can clean up after it.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// A lock file held for as long as this value lives; removed when it is dropped.
#[derive(Debug)]
pub(crate) struct HeldLock {
    path: PathBuf,
    _file: File,
}

impl HeldLock {
    /// Creates `path` and takes its lock, waiting for a holder to let go.
    pub(crate) fn take(path: PathBuf) -> Result<Self> {
        let file = File::create(&path).map_err(|e| Error::io("create", &path, e))?;
        file.lock().map_err(|e| Error::io("lock", &path, e))?;
        Ok(Self { path, _file: file })
    }
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a live process holds the lock file at `path` (false when there is none).
pub(crate) fn is_held(path: &Path) -> bool {
    match File::open(path) {
        Ok(file) => matches!(file.try_lock(), Err(TryLockError::WouldBlock)),
        Err(_) => false,
    }
}
