//! `career-hub`: the Career Hub core on the command line, for scripts and headless use.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "career-hub",
    version,
    about = "Your career profile, kept on your own machine."
)]
struct Cli {
    /// The database file. Default: career-hub.db in your data folder.
    #[arg(long, global = true, env = "CAREER_HUB_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Init(commands::init::Cmd),
    Doctor(commands::doctor::Cmd),
    Backup(commands::backup::Cmd),
    Restore(commands::restore::Cmd),
    History(commands::history::Cmd),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = cli.db_path().and_then(|db| match cli.command {
        Command::Init(cmd) => cmd.run(&db),
        Command::Doctor(cmd) => cmd.run(&db),
        Command::Backup(cmd) => cmd.run(&db),
        Command::Restore(cmd) => cmd.run(&db),
        Command::History(cmd) => cmd.run(&db),
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

impl Cli {
    fn db_path(&self) -> anyhow::Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => career_hub::paths::default_db_path()
                .context("no home folder was found for the default database; pass --db PATH"),
        }
    }
}
