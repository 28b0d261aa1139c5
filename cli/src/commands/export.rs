//! `career-hub export`: your data in other formats.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use career_hub::archive;
use career_hub::export::jsonresume;

/// Export your profile.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    format: Format,
}

#[derive(Debug, clap::Subcommand)]
enum Format {
    /// As a JSON Resume document (jsonresume.org, schema v1.0.0).
    Jsonresume {
        /// Only what this CV version selects (its name or id).
        #[arg(long, value_name = "NAME|ID")]
        version: Option<String>,
        /// Write to this file instead of printing.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the file if it already exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Everything (profile, sections, links, tags, CV versions, drafts, history) as a
    /// full backup for moving to another machine; `career-hub import all` restores it.
    All {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it already exists.
        #[arg(long)]
        force: bool,
    },
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let (handle, local) = super::open_profile(db)?;
        match self.format {
            Format::Jsonresume {
                version,
                out,
                force,
            } => {
                let version_id = version
                    .map(|wanted| super::find_version(&handle, &local.profile_id, &wanted))
                    .transpose()?
                    .map(|v| v.id);
                let document = jsonresume::json_resume(
                    handle.conn(),
                    &local.profile_id,
                    version_id.as_deref(),
                )?;
                match out {
                    Some(path) => {
                        career_hub::export::ensure_may_write(&path, force)?;
                        career_hub::export::write_document(handle.conn(), &path, &document)?;
                        errln!("Wrote {}.", path.display());
                    }
                    None => out!("{}", serde_json::to_string_pretty(&document)? + "\n"),
                }
            }
            Format::All { out, force } => {
                career_hub::export::ensure_may_write(&out, force)?;
                let text = archive::text(handle.conn())?;
                career_hub::export::write_file(handle.conn(), &out, text.as_bytes())?;
                outln!("Wrote a full backup to {}.", out.display());
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
