//! `career-hub doctor`: check the database without changing it.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

/// Check the schema against the migrations, file integrity and orphan rows.
/// Exits 0 when healthy, 1 when problems were found.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        super::require_existing(db)?;
        let report = career_hub::doctor::check_file(db)
            .with_context(|| format!("cannot check {}", db.display()))?;
        if self.json {
            outln!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            out!("{}", report.to_text());
        }
        Ok(if report.healthy {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        })
    }
}
