//! `career-hub education`: schools and degrees.

use std::path::Path;
use std::process::ExitCode;

use career_hub::profile::Changes;
use career_hub::profile::education::Education;

use super::section::{self, Action, ChangeSet, CliSection};

/// Add, list, update, remove or reorder education.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action<Fields>,
}

#[derive(Debug, Default, clap::Args)]
pub struct Fields {
    #[arg(long)]
    institution: Option<String>,
    #[arg(long)]
    degree: Option<String>,
    #[arg(long)]
    field: Option<String>,
    #[arg(long)]
    start: Option<String>,
    #[arg(long)]
    end: Option<String>,
    #[arg(long)]
    grade: Option<String>,
    #[arg(long)]
    description: Option<String>,
}

impl Fields {
    fn changes(self) -> Changes {
        ChangeSet::default()
            .value("institution", self.institution)
            .text("degree", self.degree)
            .text("field_of_study", self.field)
            .text("start_date", self.start)
            .text("end_date", self.end)
            .text("grade", self.grade)
            .text("description", self.description)
            .done()
    }
}

struct Schools;

impl CliSection for Schools {
    type Item = Education;
    type Fields = Fields;

    fn changes(fields: Fields) -> Changes {
        fields.changes()
    }

    fn line(e: &Education) -> String {
        let degree = e
            .degree
            .as_deref()
            .map_or_else(String::new, |d| format!("{d}, "));
        format!("{}  {degree}{}", e.id, e.institution)
    }
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        section::run::<Schools>(db, self.action)
    }
}
