//! `career-hub undo`: take back the last change (or a chosen one).

use std::path::Path;
use std::process::ExitCode;

use career_hub::history;

/// Undo the last change still in effect; run again to step further back.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    /// Undo this change instead (ids from `career-hub history --json`); undoing an undo redoes.
    #[arg(long, value_name = "CHANGE_ID")]
    change: Option<String>,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let (mut handle, local) = super::open_profile(db)?;
        let report = match self.change {
            Some(change) => history::undo_change(&mut handle, &change)?,
            None => history::undo_last(&mut handle, &local.user_id)?,
        };
        println!("{}", report.summary);
        println!("(to redo: career-hub undo --change {})", report.change_id);
        Ok(ExitCode::SUCCESS)
    }
}
