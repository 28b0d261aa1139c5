//! `career-hub project`: projects.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::project::{self, Project, ProjectInput};

use super::section::{self, Action, Section, set_text};

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
    fn apply(self, input: &mut ProjectInput) {
        if let Some(name) = self.name {
            input.name = name;
        }
        set_text(&mut input.description, self.description);
        set_text(&mut input.role, self.role);
        set_text(&mut input.start_date, self.start);
        set_text(&mut input.end_date, self.end);
        if let Some(ongoing) = self.ongoing {
            input.is_ongoing = ongoing;
        }
        if !self.achievements.is_empty() {
            input.achievements = self.achievements;
        }
        if !self.technologies.is_empty() {
            input.technologies = self.technologies;
        }
        if !self.experience_ids.is_empty() {
            input.experience_ids = self.experience_ids;
        }
        if let Some(description) = self.anonymize_as {
            input.is_anonymized = !description.trim().is_empty();
            input.visibility = if input.is_anonymized {
                "ANONYMOUS"
            } else {
                "PUBLIC"
            }
            .to_owned();
            set_text(&mut input.anonymized_company, Some(description));
        }
        set_text(&mut input.demo_url, self.demo_url);
        set_text(&mut input.github_url, self.github_url);
        if let Some(status) = self.status {
            input.status = status;
        }
        if let Some(category) = self.category {
            input.category = category;
        }
    }
}

fn input_of(p: Project) -> ProjectInput {
    ProjectInput {
        name: p.name,
        description: p.description,
        role: p.role,
        start_date: p.start_date,
        end_date: p.end_date,
        is_ongoing: p.is_ongoing,
        is_anonymized: p.is_anonymized,
        anonymized_company: p.anonymized_company,
        status: p.status,
        category: p.category,
        achievements: p.achievements,
        challenges: p.challenges,
        clients: p.clients,
        team_size: p.team_size,
        duration_months: p.duration_months,
        users_count: p.users_count,
        budget_range: p.budget_range,
        demo_url: p.demo_url,
        github_url: p.github_url,
        documentation_url: p.documentation_url,
        visibility: p.visibility,
        technologies: p.technologies.into_iter().map(|t| t.name).collect(),
        experience_ids: p.experience_ids,
    }
}

struct Projects;

impl Section for Projects {
    type Fields = Fields;
    type Item = Project;
    const NOUN: &'static str = "project";

    fn add(db: &mut Db, profile_id: &str, fields: Fields) -> career_hub::Result<Project> {
        let mut input = ProjectInput::default();
        fields.apply(&mut input);
        project::create(db, profile_id, input)
    }

    fn update(db: &mut Db, id: &str, fields: Fields) -> career_hub::Result<Project> {
        let mut input = input_of(project::get(db.conn(), id)?);
        fields.apply(&mut input);
        project::update(db, id, input)
    }

    fn list(db: &Db, profile_id: &str) -> career_hub::Result<Vec<Project>> {
        project::list(db.conn(), profile_id)
    }

    fn remove(db: &mut Db, id: &str) -> career_hub::Result<()> {
        project::delete(db, id)
    }

    fn reorder(db: &mut Db, profile_id: &str, ids: &[String]) -> career_hub::Result<()> {
        project::reorder(db, profile_id, ids)
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
