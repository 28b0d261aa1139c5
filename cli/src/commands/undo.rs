//! `career-hub undo`: take back the last change (or a chosen one), after naming it.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use career_hub::history::{self, Change};

/// Undo the last change still in effect; run again to step further back.
///
/// Another program (the desktop app, a script) may have written since you last looked,
/// so undo first names the change it will take back and asks; `--yes` skips the
/// question for scripts.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    /// Undo this change instead (ids from `career-hub history --json`); undoing an undo redoes.
    #[arg(long, value_name = "CHANGE_ID")]
    change: Option<String>,

    /// Undo without asking (for scripts).
    #[arg(long, short = 'y')]
    yes: bool,

    /// When later changes wrote the same fields again, undo them too (newest first)
    /// instead of refusing.
    #[arg(long)]
    with_later: bool,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let (mut handle, local) = super::open_profile(db)?;
        let change_id = match self.change {
            Some(change) => change,
            None => history::last_undoable(handle.conn(), &local.user_id, None)?
                .map(|c| c.change_id)
                .ok_or_else(|| anyhow::anyhow!("there is nothing to undo"))?,
        };
        let preview = history::preview_undo(handle.conn(), &change_id)?;
        if !preview.later.is_empty() && !self.with_later {
            errln!(
                "Later changes wrote the same fields again; undoing \"{}\" alone would discard them:",
                preview.change.summary
            );
            for later in &preview.later {
                errln!("  {}", describe(later));
            }
            anyhow::bail!("nothing was undone; run again with --with-later to undo them together");
        }
        let mut plan = preview.later.clone();
        plan.push(preview.change.clone());
        if !self.yes && !confirm(&plan)? {
            outln!("Nothing was undone.");
            return Ok(ExitCode::SUCCESS);
        }
        let reports = if preview.later.is_empty() {
            vec![history::undo_change(&mut handle, &change_id)?]
        } else {
            history::undo_with_later(&mut handle, &change_id)?
        };
        for report in reports {
            outln!("{}", report.summary);
            outln!(
                "(to redo: career-hub undo --yes --change {})",
                report.change_id
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// "Changed experience Engineer at Acme — from the desktop app, 2026-12-02T10:00:00Z (change 01…)".
fn describe(change: &Change) -> String {
    let by = match change.source {
        career_hub::Source::Ui => "the desktop app",
        career_hub::Source::Cli => "the command line",
        career_hub::Source::Import => "an import",
        career_hub::Source::Sync => "another device",
        career_hub::Source::System => "Career Hub",
        career_hub::Source::External => "another program",
    };
    format!(
        "{} — from {by}, {} (change {})",
        change.summary, change.created_at, change.change_id
    )
}

/// Names what will be undone and asks on the terminal; without a terminal to ask on,
/// refuses and says how to confirm.
fn confirm(plan: &[Change]) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        for change in plan {
            errln!("would undo: {}", describe(change));
        }
        anyhow::bail!("undo asks before it changes anything; pass --yes to confirm from a script");
    }
    for change in plan {
        outln!("Undo: {}", describe(change));
    }
    out!("Go ahead? [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}
