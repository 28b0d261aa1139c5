//! `career-hub education`: schools and degrees.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::education::{self, Education, EducationInput};

use super::section::{self, Action, Section, set_text};

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
    fn apply(self, input: &mut EducationInput) {
        if let Some(institution) = self.institution {
            input.institution = institution;
        }
        set_text(&mut input.degree, self.degree);
        set_text(&mut input.field_of_study, self.field);
        set_text(&mut input.start_date, self.start);
        set_text(&mut input.end_date, self.end);
        set_text(&mut input.grade, self.grade);
        set_text(&mut input.description, self.description);
    }
}

struct Schools;

impl Section for Schools {
    type Fields = Fields;
    type Item = Education;
    const NOUN: &'static str = "education";

    fn add(db: &mut Db, profile_id: &str, fields: Fields) -> career_hub::Result<Education> {
        let mut input = EducationInput::default();
        fields.apply(&mut input);
        education::create(db, profile_id, input)
    }

    fn update(db: &mut Db, id: &str, fields: Fields) -> career_hub::Result<Education> {
        let e = education::get(db.conn(), id)?;
        let mut input = EducationInput {
            institution: e.institution,
            degree: e.degree,
            field_of_study: e.field_of_study,
            start_date: e.start_date,
            end_date: e.end_date,
            grade: e.grade,
            description: e.description,
        };
        fields.apply(&mut input);
        education::update(db, id, input)
    }

    fn list(db: &Db, profile_id: &str) -> career_hub::Result<Vec<Education>> {
        education::list(db.conn(), profile_id)
    }

    fn remove(db: &mut Db, id: &str) -> career_hub::Result<()> {
        education::delete(db, id)
    }

    fn reorder(db: &mut Db, profile_id: &str, ids: &[String]) -> career_hub::Result<()> {
        education::reorder(db, profile_id, ids)
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
