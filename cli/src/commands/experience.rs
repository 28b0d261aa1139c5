//! `career-hub experience`: jobs.

use std::path::Path;
use std::process::ExitCode;

use career_hub::profile::Changes;
use career_hub::profile::experience::Experience;

use super::section::{self, Action, ChangeSet, CliSection};

/// Add, list, update, remove or reorder jobs.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action<Fields>,
}

#[derive(Debug, Default, clap::Args)]
pub struct Fields {
    #[arg(long)]
    company: Option<String>,
    #[arg(long)]
    position: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long)]
    start: Option<String>,
    /// YYYY-MM-DD; "" clears it.
    #[arg(long)]
    end: Option<String>,
    /// I work here now.
    #[arg(long)]
    current: Option<bool>,
    #[arg(long)]
    description: Option<String>,
    /// A responsibility (repeat for several; replaces the list).
    #[arg(long = "responsibility")]
    responsibilities: Vec<String>,
    /// A technology used (repeat for several; replaces the tags).
    #[arg(long = "tech")]
    technologies: Vec<String>,
    #[arg(long)]
    website: Option<String>,
    #[arg(long)]
    location: Option<String>,
    #[arg(long)]
    industry: Option<String>,
    /// FULL_TIME, PART_TIME, CONTRACT, FREELANCE, INTERNSHIP, TEMPORARY, VOLUNTEER, SELF_EMPLOYED.
    #[arg(long)]
    employment_type: Option<String>,
}

impl Fields {
    fn changes(self) -> Changes {
        ChangeSet::default()
            .value("company_name", self.company)
            .value("position", self.position)
            .value("start_date", self.start)
            .text("end_date", self.end)
            .value("is_current", self.current)
            .text("description", self.description)
            .list("responsibilities", self.responsibilities)
            .list("technologies", self.technologies)
            .text("company_website", self.website)
            .text("company_location", self.location)
            .text("industry", self.industry)
            .text("employment_type", self.employment_type)
            .done()
    }
}

struct Experiences;

impl CliSection for Experiences {
    type Item = Experience;
    type Fields = Fields;

    fn changes(fields: Fields) -> Changes {
        fields.changes()
    }

    fn line(e: &Experience) -> String {
        let period = super::period(Some(&e.start_date), e.end_date.as_deref(), e.is_current);
        format!("{}  {} at {}  {period}", e.id, e.position, e.company_name)
    }
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        section::run::<Experiences>(db, self.action)
    }
}
