//! `career-hub restore`: replace the database with a checked backup.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Replace the database with a backup, after checking the backup is sound.
/// The database being replaced is kept beside it.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    /// The backup file to restore.
    file: PathBuf,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let report = career_hub::backup::restore(db, &self.file)?;
        outln!("Restored {} from {}.", db.display(), self.file.display());
        if let Some(previous) = report.previous_kept_at {
            outln!("The previous database was kept as {}.", previous.display());
        }
        Ok(ExitCode::SUCCESS)
    }
}
