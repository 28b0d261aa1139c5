//! `career-hub cv`: CV versions (named selections over the profile) and their PDFs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use career_hub::cv::{self, Paper, PdfOptions, Template};
use career_hub::profile::cv_version::{self, CvVersionInput};
use career_hub::profile::{self};

/// Tailored CVs from your one profile, and their PDFs.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Lists your CV versions, the default first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Creates a version with everything in your profile selected.
    Create {
        name: String,
        /// modern or classic.
        #[arg(long, default_value = "modern")]
        template: String,
        /// Make it the default version.
        #[arg(long)]
        default: bool,
    },
    /// Shows what a version selects, and what it could add.
    Show {
        /// Its name or id; the default version when left out.
        version: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Writes a version as PDF (the default version, or the whole profile when there
    /// are no versions).
    Export {
        /// Its name or id.
        #[arg(long, value_name = "NAME|ID")]
        version: Option<String>,
        /// modern or classic; the version's own template when left out.
        #[arg(long)]
        template: Option<String>,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it already exists.
        #[arg(long)]
        force: bool,
    },
}

fn template(name: &str) -> anyhow::Result<Template> {
    Template::parse(name)
        .with_context(|| format!("there is no template called {name:?}; choose modern or classic"))
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let (mut handle, local) = super::open_profile(db)?;
        let profile_id = local.profile_id.as_str();
        match self.action {
            Action::List { json } => {
                let versions = cv_version::list(handle.conn(), profile_id)?;
                if json {
                    return super::print_json(&versions).map(|()| ExitCode::SUCCESS);
                }
                if versions.is_empty() {
                    outln!("No CV versions yet. Create one with `career-hub cv create NAME`.");
                }
                for v in versions {
                    let c = &v.sections_config;
                    let count = c.experiences.len()
                        + c.projects.len()
                        + c.skills.len()
                        + c.education.len()
                        + c.certifications.len()
                        + c.achievements.len();
                    outln!(
                        "{}{}  [{}]  {count} item(s)  {}",
                        if v.is_default { "* " } else { "  " },
                        v.name,
                        v.template,
                        v.id
                    );
                }
            }
            Action::Create {
                name,
                template: chosen,
                default,
            } => {
                let version = cv_version::create(
                    &mut handle,
                    profile_id,
                    CvVersionInput {
                        name,
                        template: template(&chosen)?.name().to_owned(),
                        sections_config: None,
                        is_default: default,
                    },
                )?;
                outln!("Created CV version {:?} ({}).", version.name, version.id);
            }
            Action::Show { version, json } => {
                let version = match version {
                    Some(wanted) => super::find_version(&handle, profile_id, &wanted)?,
                    None => cv::resolve_version(handle.conn(), profile_id, None)?.context(
                        "there are no CV versions yet; create one with `career-hub cv create NAME`",
                    )?,
                };
                let offered = cv::offered(handle.conn(), &version.id)?;
                if json {
                    return super::print_json(&serde_json::json!({
                        "version": version,
                        "offered": offered,
                    }))
                    .map(|()| ExitCode::SUCCESS);
                }
                let full = profile::load(handle.conn(), profile_id)?;
                let content = cv::content::build(&full, Some(&version));
                outln!(
                    "{}{} [{}]",
                    version.name,
                    if version.is_default { " (default)" } else { "" },
                    version.template
                );
                if let Some(path) = &version.pdf_url {
                    outln!("Last exported to {path}");
                }
                if content.summary.is_some() {
                    outln!("Summary");
                }
                for section in &content.sections {
                    outln!("{}", section.title);
                    for entry in &section.entries {
                        outln!("  {}", entry.title);
                    }
                    for item in &section.inline {
                        outln!("  {item}");
                    }
                }
                if !offered.is_empty() {
                    outln!("Added to your profile since, not on this CV:");
                    for item in offered {
                        outln!("  + {} ({})", item.label, item.section);
                    }
                }
            }
            Action::Export {
                version,
                template: chosen,
                paper,
                out,
                force,
            } => {
                career_hub::export::ensure_may_write(&out, force)?;
                let version_id = version
                    .map(|wanted| super::find_version(&handle, profile_id, &wanted))
                    .transpose()?
                    .map(|v| v.id);
                let options = PdfOptions {
                    template: chosen.as_deref().map(template).transpose()?,
                    paper: Paper::parse(&paper).with_context(|| {
                        format!("there is no paper size called {paper:?}; choose a4 or letter")
                    })?,
                };
                let written = cv::export_pdf_file(
                    &mut handle,
                    profile_id,
                    version_id.as_deref(),
                    &options,
                    &out,
                )?;
                errln!("Wrote {} ({written} bytes).", out.display());
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
