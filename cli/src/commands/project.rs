//! `career-hub project`: projects.

use std::path::Path;
use std::process::ExitCode;

use career_hub::profile::Changes;
use career_hub::profile::project::Project;

use super::section::{self, Action, ChangeSet, CliSection};

/// Add, list, update, remove or reorder projects.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action<Fields>,
}

#[derive(Debug, Default, clap::Args)]
pub struct Fields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// Your role in it.
    #[arg(long)]
    role: Option<String>,
    #[arg(long)]
    start: Option<String>,
    #[arg(long)]
    end: Option<String>,
    #[arg(long)]
    ongoing: Option<bool>,
    /// An achievement (repeat for several; replaces the list).
    #[arg(long = "achievement")]
    achievements: Vec<String>,
    /// A technology used (repeat; replaces the tags).
    #[arg(long = "tech")]
    technologies: Vec<String>,
    /// The id of a job this project was part of (repeat; replaces the links).
    #[arg(long = "experience")]
    experience_ids: Vec<String>,
    /// Describe the client instead of naming it, e.g. "a Fortune 500 bank".
    #[arg(long)]
    anonymize_as: Option<String>,
    #[arg(long)]
    demo_url: Option<String>,
    #[arg(long)]
    github_url: Option<String>,
    /// Active, Staging or Archived.
    #[arg(long)]
    status: Option<String>,
    /// Demo, Internal or Production.
    #[arg(long)]
    category: Option<String>,
}

impl Fields {
    fn changes(self) -> Changes {
        // `--anonymize-as ""` shows the project under its own company again.
        let anonymized = self
            .anonymize_as
            .as_ref()
            .map(|company| Some(company).filter(|c| !c.trim().is_empty()));
        ChangeSet::default()
            .value("name", self.name)
            .text("description", self.description)
            .text("role", self.role)
            .text("start_date", self.start)
            .text("end_date", self.end)
            .value("is_ongoing", self.ongoing)
            .list("achievements", self.achievements)
            .list("technologies", self.technologies)
            .list("experience_ids", self.experience_ids)
            .value(
                "is_anonymized",
                anonymized.as_ref().map(|company| company.is_some()),
            )
            .value(
                "visibility",
                anonymized.as_ref().map(|company| {
                    if company.is_some() {
                        "ANONYMOUS"
                    } else {
                        "PUBLIC"
                    }
                }),
            )
            .text("anonymized_company", self.anonymize_as)
            .text("demo_url", self.demo_url)
            .text("github_url", self.github_url)
            .value("status", self.status)
            .value("category", self.category)
            .done()
    }
}

struct Projects;

impl CliSection for Projects {
    type Item = Project;
    type Fields = Fields;

    fn changes(fields: Fields) -> Changes {
        fields.changes()
    }

    fn line(p: &Project) -> String {
        let period = super::period(p.start_date.as_deref(), p.end_date.as_deref(), p.is_ongoing);
        format!("{}  {}  {period}", p.id, p.name)
    }
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        section::run::<Projects>(db, self.action)
    }
}
