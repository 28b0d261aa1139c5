//! `career-hub backup`: a consistent copy of the database, safe while the app is running.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

/// Write a consistent copy of the database to a file.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    /// Where to write the backup.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,

    /// Replace the file if it already exists.
    #[arg(long)]
    force: bool,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let handle = super::open(db)?;
        career_hub::export::ensure_may_write(&self.out, self.force)?;
        career_hub::backup::copy_database(handle.conn(), &self.out)
            .with_context(|| format!("backup to {} failed", self.out.display()))?;
        let size = std::fs::metadata(&self.out).map(|m| m.len()).unwrap_or(0);
        outln!(
            "Backed up {} to {} ({size} bytes).",
            db.display(),
            self.out.display()
        );
        Ok(ExitCode::SUCCESS)
    }
}
