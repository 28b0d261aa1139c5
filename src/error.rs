//! The library's error type: each variant says what went wrong in words a person can act on.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Everything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks one or more rules; nothing was written.
    #[error("{}", describe_fields(.0))]
    Invalid(Vec<FieldError>),

    /// The item asked for does not exist (or no longer does).
    #[error("no {entity} with id {id}")]
    NotFound { entity: &'static str, id: String },

    /// The request makes sense but cannot be carried out now; the sentence says why.
    #[error("{0}")]
    Conflict(String),

    /// An undo found that what the change wrote is already as it was before it.
    #[error("{0}")]
    NothingToUndo(String),

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

    /// There is no database at the path (and the caller did not ask to create one).
    #[error("there is no database at {path}")]
    Missing { path: PathBuf },

    /// The path is a folder, not a database file.
    #[error("{path} is a folder, not a database file; give the path of the database file itself")]
    IsFolder { path: PathBuf },

    /// The database (or its folder) may be read but not written.
    #[error(
        "{path} is read-only ({reason}); it can be read, but nothing can be changed until it is writable"
    )]
    ReadOnly { path: PathBuf, reason: String },

    /// Another connection held the write lock for longer than the busy timeout.
    #[error(
        "another program has been writing to this database for {seconds} s; try again when it has finished"
    )]
    Busy { seconds: u64 },

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
    Migration(rusqlite_migration::Error),

    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),

    /// A PDF could not be produced (a font or the writer failed); nothing was written.
    #[error("the PDF could not be made: {0}")]
    Pdf(String),

    /// A value could not be turned into or read from JSON.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),

    /// Syncing with the account did not get an answer it could use.
    #[error(transparent)]
    Sync(TransportError),

    /// Career Hub itself went wrong: nobody's input caused it, and the sentence says
    /// what was expected.
    #[error("internal error: {0}")]
    Internal(String),
}

/// What rule a field of an input broke ([`crate::validation`] checks them). The names
/// are stable: the UI and scripts branch on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Code {
    Required,
    TooLong,
    InvalidDate,
    DateOrder,
    CurrentWithEndDate,
    InvalidUrl,
    InvalidEmail,
    InvalidSlug,
    OutOfRange,
    InvalidChoice,
    Duplicate,
    UnknownReference,
    /// An edit names a field the item does not have.
    UnknownField,
    /// An edit gives a field a value of the wrong kind (text for a number, …).
    WrongType,
}

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    pub code: Code,
    /// The input field, as named in the API (`start_date`, `contact.email`, …).
    pub field: String,
    /// A sentence a person understands.
    pub message: String,
}

/// A stable, machine-readable name for each kind of error, for the UI to branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Invalid,
    NotFound,
    Conflict,
    SchemaTooNew,
    NotCareerHub,
    NotADatabase,
    Missing,
    IsFolder,
    ReadOnly,
    Busy,
    RestoreRejected,
    Io,
    Pdf,
    /// SQLite or a migration failed.
    Database,
    /// A value could not be written as, or read from, JSON.
    Json,
    /// The sync server cannot be reached; changes wait and sync later.
    Offline,
    /// The account no longer accepts this device's sign-in; sign in again.
    SignedOut,
    /// The sync server refused a request.
    SyncRefused,
    /// The sync server answered something that is not the protocol.
    SyncGarbage,
    /// Career Hub itself went wrong; nobody's input caused it.
    Internal,
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Invalid(_) => ErrorCode::Invalid,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Conflict(_) | Self::NothingToUndo(_) => ErrorCode::Conflict,
            Self::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Self::NotCareerHub { .. } => ErrorCode::NotCareerHub,
            Self::NotADatabase { .. } => ErrorCode::NotADatabase,
            Self::Missing { .. } => ErrorCode::Missing,
            Self::IsFolder { .. } => ErrorCode::IsFolder,
            Self::ReadOnly { .. } => ErrorCode::ReadOnly,
            Self::Busy { .. } => ErrorCode::Busy,
            Self::RestoreRejected { .. } => ErrorCode::RestoreRejected,
            Self::Io { .. } => ErrorCode::Io,
            Self::Pdf(_) => ErrorCode::Pdf,
            Self::Migration(_) | Self::Sqlite(_) => ErrorCode::Database,
            Self::Json(_) => ErrorCode::Json,
            Self::Sync(error) => match error {
                TransportError::Offline { .. } => ErrorCode::Offline,
                TransportError::SignedOut { .. } => ErrorCode::SignedOut,
                TransportError::Refused { .. } => ErrorCode::SyncRefused,
                TransportError::Garbage { .. } => ErrorCode::SyncGarbage,
            },
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The field errors of an [`Error::Invalid`], empty for any other error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Invalid(fields) => fields,
            _ => &[],
        }
    }

    pub(crate) fn not_found(entity: &'static str, id: impl Into<String>) -> Self {
        Self::NotFound {
            entity,
            id: id.into(),
        }
    }
}

fn describe_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {}", f.field, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<rusqlite::Error> for Error {
    /// A write that waited out the busy timeout becomes [`Error::Busy`], one sentence a
    /// person can act on; every other SQLite error is kept as it is.
    fn from(error: rusqlite::Error) -> Self {
        if is_busy(&error) {
            Self::Busy {
                seconds: BUSY_TIMEOUT.as_secs(),
            }
        } else {
            Self::Sqlite(error)
        }
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(error: rusqlite_migration::Error) -> Self {
        match error {
            rusqlite_migration::Error::RusqliteError { err, .. } if is_busy(&err) => {
                Self::from(err)
            }
            other => Self::Migration(other),
        }
    }
}

/// How long a connection waits for another writer before giving up.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Whether SQLite gave up waiting for another connection's lock.
pub(crate) fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
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

impl From<career_hub_typeset::PdfError> for Error {
    fn from(error: career_hub_typeset::PdfError) -> Self {
        Self::Pdf(error.0)
    }
}

/// Why a call to the server did not give an answer the engine can use.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The server could not be reached (no network, refused, timed out). Nothing was
    /// lost: the changes wait in the outbox and the next sync sends them.
    #[error(
        "the sync server at {server} cannot be reached ({reason}); your changes are kept and sync when it can be reached"
    )]
    Offline { server: String, reason: String },
    /// The server did not accept this device's sign-in (expired, revoked, or the
    /// account was deleted).
    #[error(
        "this device is no longer signed in to the account ({reason}); sign in again — your unsynced changes are kept"
    )]
    SignedOut { reason: String },
    /// The server refused the request, with its reason.
    #[error("the sync server refused: {message}")]
    Refused { code: String, message: String },
    /// The server answered something that is not the sync protocol.
    #[error(
        "the sync server at {server} answered something that is not Career Hub's sync protocol ({detail})"
    )]
    Garbage { server: String, detail: String },
}

impl From<TransportError> for Error {
    fn from(error: TransportError) -> Self {
        Error::Sync(error)
    }
}
