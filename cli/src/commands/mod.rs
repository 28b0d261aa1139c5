//! One module per subcommand, each a `Cmd` with a `run`.

pub mod backup;
pub mod doctor;
pub mod history;
pub mod init;
pub mod restore;

use std::path::Path;

use anyhow::Context;
use career_hub::{AuditContext, Db, Source};

/// Opens the database for a command that reads or writes it, recording writes as `cli`.
pub fn open(db: &Path) -> anyhow::Result<Db> {
    let mut handle = Db::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    handle.set_audit_context(AuditContext::new(Source::Cli));
    Ok(handle)
}

/// Fails with a hint when there is no database yet, instead of silently creating one.
pub fn require_existing(db: &Path) -> anyhow::Result<()> {
    if db.is_file() {
        Ok(())
    } else {
        anyhow::bail!(
            "there is no database at {}; create it with `career-hub init`",
            db.display()
        )
    }
}
