//! Bringing data into Career Hub from other formats, safely: each import is one
//! `import_history` row (PENDING → PROCESSING → COMPLETED or FAILED); its writes are one
//! transaction recorded with source `import`; importing the same data twice adds
//! nothing; a dry run reports what would change and writes nothing.

pub mod jsonresume;
pub mod linkedin;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::profile::LocalProfile;
use crate::{AuditContext, Db, Error, Result, Source};

/// What an import did, or (dry run) would do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    /// `JSON_RESUME`, `LINKEDIN`, …
    pub source: String,
    pub dry_run: bool,
    /// The `import_history` row (none for a dry run).
    pub import_id: Option<String>,
    /// New items, in words ("experience Engineer at Acme").
    pub added: Vec<String>,
    /// Existing items whose fields the import changed.
    pub updated: Vec<String>,
    /// Items already present exactly as imported.
    pub skipped: Vec<String>,
    /// Parts with no place in the schema, and where they were kept.
    pub preserved: Vec<String>,
    /// Entries left out because they break a rule, each with its reason
    /// ("work[3]: the end date is before the start date."); the rest imported.
    #[serde(default)]
    pub rejected: Vec<String>,
}

impl ImportReport {
    /// How many items were added or updated.
    pub fn items_imported(&self) -> u32 {
        u32::try_from(self.added.len() + self.updated.len()).unwrap_or(u32::MAX)
    }
}

/// What makes two items the same one for an import (and for merging two profiles):
/// their natural key's parts, trimmed and compared without case.
pub(crate) fn natural_key(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// One import, as `import_history` records it (without its raw data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportRecord {
    pub id: String,
    /// `JSON_RESUME`, `LINKEDIN`, …
    pub source: String,
    /// PENDING, PROCESSING, COMPLETED or FAILED.
    pub status: String,
    pub items_imported: u32,
    pub error_message: Option<String>,
    pub started_at: String,
    pub completed_at: Option<String>,
}

/// The user's imports, newest first, at most `limit` of them.
pub fn history(
    conn: &rusqlite::Connection,
    user_id: &str,
    limit: u32,
) -> Result<Vec<ImportRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, source, COALESCE(status, 'PENDING'), COALESCE(items_imported, 0), error_message,
                COALESCE(started_at, ''), completed_at
         FROM import_history WHERE user_id = ?1
         ORDER BY started_at DESC, id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![user_id, limit], |r| {
        Ok(ImportRecord {
            id: r.get(0)?,
            source: r.get(1)?,
            status: r.get(2)?,
            items_imported: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
            error_message: r.get(4)?,
            started_at: r.get(5)?,
            completed_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Largest file an importer reads, so that a huge or hostile file is refused up front.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

/// Runs `work` as an import: an `import_history` row that ends COMPLETED (with the
/// items count) in the same transaction as the writes, or FAILED (with the message, and
/// nothing else written). `raw` is kept as the row's `import_data`.
pub(crate) fn run(
    db: &mut Db,
    local: &LocalProfile,
    source: &str,
    raw: &serde_json::Value,
    work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<ImportReport>,
) -> Result<ImportReport> {
    let id = ulid::Ulid::generate().to_string();
    let person = db.audit_context().clone();
    db.set_audit_context(AuditContext {
        source: Source::Import,
        ..person.clone()
    });
    let raw_text = serde_json::to_string(raw)?;
    // Held while the import runs, so that another program opening the database can
    // tell this import from one that was killed (see `recover_interrupted`).
    let _running = db
        .path()
        .map(|path| {
            crate::file_lock::HeldLock::take(crate::db::recover::import_lock_path(path, &id))
        })
        .transpose()?;
    let result = (|| {
        db.write(|tx| {
            tx.execute(
                "INSERT INTO import_history (id, user_id, source, status, import_data) VALUES (?1, ?2, ?3, 'PENDING', ?4)",
                params![id, local.user_id, source, raw_text],
            )?;
            Ok(())
        })?;
        db.write(|tx| {
            tx.execute(
                "UPDATE import_history SET status = 'PROCESSING' WHERE id = ?1",
                [&id],
            )?;
            let mut report = work(tx)?;
            report.import_id = Some(id.clone());
            let left_out = (!report.rejected.is_empty()).then(|| {
                format!(
                    "Left out {} entr{} that could not be imported: {}",
                    report.rejected.len(),
                    if report.rejected.len() == 1 { "y" } else { "ies" },
                    report.rejected.join("; ")
                )
            });
            tx.execute(
                "UPDATE import_history SET status = 'COMPLETED', items_imported = ?2, error_message = ?3,
                     completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                params![id, report.items_imported(), left_out],
            )?;
            Ok(report)
        })
    })();
    if let Err(error) = &result {
        let message = error.to_string();
        let recorded = db.write(|tx| {
            tx.execute(
                "INSERT INTO import_history (id, user_id, source, status, import_data) VALUES (?1, ?2, ?3, 'FAILED', ?4)
                 ON CONFLICT(id) DO NOTHING",
                params![id, local.user_id, source, raw_text],
            )?;
            tx.execute(
                "UPDATE import_history SET status = 'FAILED', error_message = ?2,
                     completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                params![id, message],
            )?;
            Ok(())
        });
        if let Err(e) = recorded {
            tracing::error!(%e, "could not record the failed import");
        }
    }
    db.set_audit_context(person);
    result
}

/// The text of the file at `path`, read for an import: a file over `limit` bytes is
/// refused before it is read, and one that is not UTF-8 is refused naming where.
pub fn read_text(path: &std::path::Path, limit: u64) -> Result<String> {
    use std::io::Read;
    let io = |action: &'static str, e: std::io::Error| Error::io(action, path, e);
    let file = std::fs::File::open(path).map_err(|e| io("open", e))?;
    let size = file.metadata().map_err(|e| io("read", e))?.len();
    if size > limit {
        return Err(too_large(path, size, limit));
    }
    let mut bytes = Vec::new();
    // Read at most one byte past the limit, in case the file grows while it is read.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io("read", e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    // A UTF-8 byte-order mark (Windows Notepad writes one) is not part of the text.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        invalid(
            "file",
            format!(
                "{} is not UTF-8 text (invalid byte at offset {}), so it cannot be imported.",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn too_large(path: &std::path::Path, size: u64, limit: u64) -> Error {
    const MB: u64 = 1024 * 1024;
    invalid(
        "file",
        format!(
            "{} is {} MB; an import file is at most {} MB, so it was not read.",
            path.display(),
            size.div_ceil(MB),
            limit / MB
        ),
    )
}

/// Records `error` as a FAILED import of `raw` (the history row and nothing else;
/// nothing at all for a dry run) and gives the error back.
pub(crate) fn fail(
    db: &mut Db,
    local: &LocalProfile,
    source: &str,
    raw: &serde_json::Value,
    error: Error,
    dry_run: bool,
) -> Error {
    if dry_run {
        return error;
    }
    match run(db, local, source, raw, |_| Err(error)) {
        Err(error) => error,
        Ok(_) => unreachable!("an import whose work fails cannot succeed"),
    }
}

/// The `import_data` kept for an import that failed before its file could be read.
pub(crate) fn path_record(path: &std::path::Path) -> serde_json::Value {
    serde_json::json!({ "path": path.display().to_string() })
}

/// A failed import's reason, naming where in the input the problem is.
pub(crate) fn invalid(at: &str, message: impl Into<String>) -> Error {
    Error::Invalid(vec![crate::validation::FieldError {
        code: crate::validation::Code::InvalidChoice,
        field: at.to_owned(),
        message: message.into(),
    }])
}
