//! `career-hub init`: create the database, or bring an existing one up to date.

use std::path::Path;
use std::process::ExitCode;

/// Create the database (or upgrade an existing one) and say where it is.
#[derive(Debug, clap::Args)]
pub struct Cmd {}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let existed = db.is_file();
        let handle = super::open_or_create(db)?;
        let version = handle.schema_version()?;
        if existed {
            outln!(
                "Database {} is ready (schema version {version}).",
                db.display()
            );
        } else {
            outln!(
                "Created database {} (schema version {version}).",
                db.display()
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}
