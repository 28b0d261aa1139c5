//! `career-hub suggest`: responsibilities to describe a job.

use std::path::Path;
use std::process::ExitCode;

use career_hub::profile::responsibility;

/// Suggest responsibilities for a position, the best fitting and most used first.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    /// The job title, e.g. "Senior Backend Developer".
    #[arg(long)]
    position: String,
    /// JUNIOR, MID, SENIOR, LEAD or EXECUTIVE (read from the title when not given).
    #[arg(long)]
    seniority: Option<String>,
    #[arg(long, default_value_t = 8)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let (handle, _) = super::open_profile(db)?;
        let found = responsibility::suggest(
            handle.conn(),
            &self.position,
            self.seniority.as_deref(),
            self.limit,
        )?;
        if self.json {
            super::print_json(&found)?;
        } else if found.is_empty() {
            outln!("No suggestions for \"{}\" yet.", self.position);
        } else {
            for suggestion in &found {
                outln!("- {}", suggestion.item.responsibility);
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
