//! `career-hub import`: bring data in from other formats.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use career_hub::archive;
use career_hub::import::{ImportReport, jsonresume, linkedin, read_text};

/// Import data into your profile. Items you already have are skipped, never overwritten.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    format: Format,
}

#[derive(Debug, clap::Subcommand)]
enum Format {
    /// A JSON Resume document (jsonresume.org).
    Jsonresume {
        file: PathBuf,
        /// Say what would change, without changing anything.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A LinkedIn "Download your data" export: the ZIP, or the folder it unpacks to.
    Linkedin {
        path: PathBuf,
        /// Say what would change, without changing anything.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A full backup made by `career-hub export all`, into a new database.
    All { file: PathBuf },
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        match self.format {
            Format::Jsonresume {
                file,
                dry_run,
                json,
            } => {
                let (mut handle, local) = super::open_profile(db)?;
                let report = jsonresume::import_file(&mut handle, &local, &file, dry_run)?;
                if json {
                    super::print_json(&report)?;
                } else {
                    print_report(&report);
                }
            }
            Format::Linkedin {
                path,
                dry_run,
                json,
            } => {
                let (mut handle, local) = super::open_profile(db)?;
                let report = linkedin::import(&mut handle, &local, &path, dry_run)?;
                if json {
                    super::print_json(&report)?;
                } else {
                    print_report(&report);
                }
            }
            Format::All { file } => {
                let text = read_text(&file, u64::MAX)?;
                let document: serde_json::Value = serde_json::from_str(&text)
                    .with_context(|| format!("{} is not valid JSON", file.display()))?;
                // A full backup is restored into a new database: the one command besides
                // `init` that creates the file.
                let mut handle = super::open_or_create(db)?;
                career_hub::profile::bootstrap(&mut handle)?;
                let restored = archive::import(&mut handle, &document)?;
                let total: usize = restored.rows.values().sum();
                outln!("Restored {total} rows from {}.", file.display());
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn print_report(report: &ImportReport) {
    let verb = if report.dry_run { "Would add" } else { "Added" };
    outln!(
        "{verb} {} item(s), updated {}, skipped {} already there.",
        report.added.len(),
        report.updated.len(),
        report.skipped.len()
    );
    for (label, items) in [
        ("+", &report.added),
        ("~", &report.updated),
        ("=", &report.skipped),
    ] {
        for item in items {
            outln!("  {label} {item}");
        }
    }
    for note in &report.preserved {
        outln!("  ! {note}");
    }
    if !report.rejected.is_empty() {
        outln!(
            "Left out {} entr{} that cannot be imported:",
            report.rejected.len(),
            if report.rejected.len() == 1 {
                "y"
            } else {
                "ies"
            }
        );
        for reason in &report.rejected {
            outln!("  x {reason}");
        }
    }
    if report.dry_run {
        outln!("Nothing was changed (dry run).");
    }
}
