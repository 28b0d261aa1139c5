//! The library's error type: each variant says what went wrong in words a person can act on.

use std::path::PathBuf;

/// Everything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file was written by a newer Career Hub; it is left exactly as it was.
    #[error(
        "{path} has schema version {found}, but this Career Hub only knows versions up to {supported}. \
         Update Career Hub to open it; the file was not changed."
    )]
    SchemaTooNew {
        path: PathBuf,
        found: usize,
        supported: usize,
    },

    /// The file is a SQLite database, but not one Career Hub created.
    #[error(
        "{path} is a SQLite database that Career Hub did not create (it has tables but no Career Hub schema version); it was not changed"
    )]
    NotCareerHub { path: PathBuf },

    /// The file is not a SQLite database at all.
    #[error("{path} is not a Career Hub database (it is not a SQLite file)")]
    NotADatabase { path: PathBuf },

    /// A restore candidate failed validation; nothing was replaced.
    #[error("{path} cannot be restored: {}", reasons.join("; "))]
    RestoreRejected { path: PathBuf, reasons: Vec<String> },

    /// A file-system operation failed.
    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Applying the schema migrations failed; the database is left at its previous version.
    #[error("upgrading the database schema failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A value could not be turned into or read from JSON.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        Self::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
