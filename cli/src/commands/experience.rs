//! `career-hub experience`: jobs.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::experience::{self, Experience, ExperienceInput};

use super::section::{self, Action, Section, set_text};

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
    fn apply(self, input: &mut ExperienceInput) {
        if let Some(company) = self.company {
            input.company_name = company;
        }
        if let Some(position) = self.position {
            input.position = position;
        }
        if let Some(start) = self.start {
            input.start_date = start;
        }
        set_text(&mut input.end_date, self.end);
        if let Some(current) = self.current {
            input.is_current = current;
        }
        set_text(&mut input.description, self.description);
        if !self.responsibilities.is_empty() {
            input.responsibilities = self.responsibilities;
        }
        if !self.technologies.is_empty() {
            input.technologies = self.technologies;
        }
        set_text(&mut input.company_website, self.website);
        set_text(&mut input.company_location, self.location);
        set_text(&mut input.industry, self.industry);
        set_text(&mut input.employment_type, self.employment_type);
    }
}

fn input_of(e: Experience) -> ExperienceInput {
    ExperienceInput {
        company_name: e.company_name,
        company_website: e.company_website,
        company_size: e.company_size,
        industry: e.industry,
        company_location: e.company_location,
        position: e.position,
        employment_type: e.employment_type,
        start_date: e.start_date,
        end_date: e.end_date,
        is_current: e.is_current,
        description: e.description,
        responsibilities: e.responsibilities,
        technologies: e.technologies.into_iter().map(|t| t.name).collect(),
    }
}

struct Experiences;

impl Section for Experiences {
    type Fields = Fields;
    type Item = Experience;
    const NOUN: &'static str = "experience";

    fn add(db: &mut Db, profile_id: &str, fields: Fields) -> career_hub::Result<Experience> {
        let mut input = ExperienceInput::default();
        fields.apply(&mut input);
        experience::create(db, profile_id, input)
    }

    fn update(db: &mut Db, id: &str, fields: Fields) -> career_hub::Result<Experience> {
        let mut input = input_of(experience::get(db.conn(), id)?);
        fields.apply(&mut input);
        experience::update(db, id, input)
    }

    fn list(db: &Db, profile_id: &str) -> career_hub::Result<Vec<Experience>> {
        experience::list(db.conn(), profile_id)
    }

    fn remove(db: &mut Db, id: &str) -> career_hub::Result<()> {
        experience::delete(db, id)
    }

    fn reorder(db: &mut Db, profile_id: &str, ids: &[String]) -> career_hub::Result<()> {
        experience::reorder(db, profile_id, ids)
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
