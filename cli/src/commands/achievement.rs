//! `career-hub achievement`: awards, publications, talks.

use std::path::Path;
use std::process::ExitCode;

use career_hub::profile::Changes;
use career_hub::profile::achievement::Achievement;

use super::section::{self, Action, ChangeSet, CliSection};

/// Add, list, update, remove or reorder achievements.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action<Fields>,
}

#[derive(Debug, Default, clap::Args)]
pub struct Fields {
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    date: Option<String>,
    /// AWARD, PUBLICATION, SPEAKING or OTHER.
    #[arg(long)]
    category: Option<String>,
    #[arg(long)]
    url: Option<String>,
}

impl Fields {
    fn changes(self) -> Changes {
        ChangeSet::default()
            .value("title", self.title)
            .text("description", self.description)
            .text("date", self.date)
            .text("category", self.category.map(|c| c.to_uppercase()))
            .text("url", self.url)
            .done()
    }
}

struct Achievements;

impl CliSection for Achievements {
    type Item = Achievement;
    type Fields = Fields;

    fn changes(fields: Fields) -> Changes {
        fields.changes()
    }

    fn line(a: &Achievement) -> String {
        let category = a
            .category
            .as_deref()
            .map_or_else(String::new, |c| format!("  [{c}]"));
        format!("{}  {}{category}", a.id, a.title)
    }
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        section::run::<Achievements>(db, self.action)
    }
}
