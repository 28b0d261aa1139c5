//! Imports a killed program left PENDING or PROCESSING, marked FAILED when the database
//! is next opened, once no live process holds their lock (a restore's staging copy is
//! tidied by [`super::files::remove_stale_restore`] the same way).

use crate::{AuditContext, Db, Result, Source};

/// The lock an import holds while it runs: `<db>.import-<id>.lock`.
pub(crate) fn import_lock_path(db: &std::path::Path, import_id: &str) -> std::path::PathBuf {
    crate::paths::with_suffix(db, &format!(".import-{import_id}.lock"))
}

/// Marks the imports that were killed part-way (PENDING or PROCESSING, with no live
/// process holding their lock) as FAILED, "interrupted", and lets go of the file they
/// held. Run when a database is opened; one small read when there are none.
pub(crate) fn interrupted_imports(db: &mut Db) -> Result<usize> {
    let Some(path) = db.path().map(std::path::Path::to_path_buf) else {
        return Ok(0);
    };
    let mut stmt = db.conn().prepare_cached(
        "SELECT id FROM import_history WHERE status IN ('PENDING', 'PROCESSING')",
    )?;
    let open: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    let mut dead = Vec::new();
    for id in open {
        let lock = import_lock_path(&path, &id);
        if !crate::file_lock::is_held(&lock) {
            let _ = std::fs::remove_file(&lock);
            dead.push(id);
        }
    }
    if dead.is_empty() {
        return Ok(0);
    }
    let person = db.audit_context().clone();
    db.set_audit_context(AuditContext {
        source: Source::System,
        ..person.clone()
    });
    let marked = db.write(|tx| {
        let mut update = tx.prepare_cached(
            "UPDATE import_history SET status = 'FAILED',
                 error_message = 'interrupted: the program importing this file stopped before it finished, so none of its items were added',
                 completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1 AND status IN ('PENDING', 'PROCESSING')",
        )?;
        let mut n = 0;
        for id in &dead {
            n += update.execute([id])?;
        }
        Ok(n)
    });
    db.set_audit_context(person);
    marked
}
