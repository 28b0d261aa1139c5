//! `career-hub`: the Career Hub core on the command line, for scripts and headless use.

#[macro_use]
mod output;
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
    Profile(commands::profile::Cmd),
    Experience(commands::experience::Cmd),
    Project(commands::project::Cmd),
    Skill(commands::skill::Cmd),
    Education(commands::education::Cmd),
    Certification(commands::certification::Cmd),
    Achievement(commands::achievement::Cmd),
    Cv(commands::cv::Cmd),
    Search(commands::search::Cmd),
    Suggest(commands::suggest::Cmd),
    Undo(commands::undo::Cmd),
    Export(commands::export::Cmd),
    Import(commands::import::Cmd),
    History(commands::history::Cmd),
    Doctor(commands::doctor::Cmd),
    Backup(commands::backup::Cmd),
    Restore(commands::restore::Cmd),
    Sync(commands::sync::Cmd),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(cache) = career_hub::paths::default_cache_dir() {
        career_hub::cv::fonts::keep_unpacked_in(cache.join("fonts"));
    }
    let result = cli.db_path().and_then(|db| match cli.command {
        Command::Init(cmd) => cmd.run(&db),
        Command::Profile(cmd) => cmd.run(&db),
        Command::Experience(cmd) => cmd.run(&db),
        Command::Project(cmd) => cmd.run(&db),
        Command::Skill(cmd) => cmd.run(&db),
        Command::Education(cmd) => cmd.run(&db),
        Command::Certification(cmd) => cmd.run(&db),
        Command::Achievement(cmd) => cmd.run(&db),
        Command::Cv(cmd) => cmd.run(&db),
        Command::Search(cmd) => cmd.run(&db),
        Command::Suggest(cmd) => cmd.run(&db),
        Command::Undo(cmd) => cmd.run(&db),
        Command::Export(cmd) => cmd.run(&db),
        Command::Import(cmd) => cmd.run(&db),
        Command::Doctor(cmd) => cmd.run(&db),
        Command::Backup(cmd) => cmd.run(&db),
        Command::Restore(cmd) => cmd.run(&db),
        Command::History(cmd) => cmd.run(&db),
        Command::Sync(cmd) => cmd.run(&db),
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            report(&error);
            ExitCode::from(2)
        }
    }
}

/// Prints an error to stderr; each invalid field on its own line.
fn report(error: &anyhow::Error) {
    match error.downcast_ref::<career_hub::Error>() {
        Some(career_hub::Error::Invalid(fields)) => {
            errln!("error: the input was not saved:");
            for field in fields {
                errln!("  {}: {}", field.field, field.message);
            }
        }
        _ => errln!("error: {error:#}"),
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
