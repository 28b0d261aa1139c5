//! `career-hub skill`: skills.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::skill::{self, Skill, SkillInput};
use career_hub::profile::technology;

use super::section::{self, Action, Section};

/// Add, list, update, remove or reorder skills.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action<Fields>,
}

#[derive(Debug, Default, clap::Args)]
pub struct Fields {
    /// The technology, by name; a new name is added to the catalog.
    #[arg(long = "tech")]
    technology: Option<String>,
    /// 1 Basic, 2 Intermediate, 3 Advanced, 4 Expert, 5 Master.
    #[arg(long)]
    level: Option<i32>,
    #[arg(long)]
    years: Option<i32>,
    /// The year you started using it.
    #[arg(long)]
    since: Option<i32>,
    /// One of your main skills.
    #[arg(long)]
    primary: Option<bool>,
}

impl Fields {
    fn apply(self, input: &mut SkillInput) {
        if let Some(technology) = self.technology {
            input.technology = technology;
        }
        input.level = self.level.or(input.level);
        input.years_of_experience = self.years.or(input.years_of_experience);
        input.started_using_year = self.since.or(input.started_using_year);
        input.is_primary = self.primary.unwrap_or(input.is_primary);
    }
}

struct Skills;

impl Section for Skills {
    type Fields = Fields;
    type Item = Skill;
    const NOUN: &'static str = "skill";

    fn add(db: &mut Db, profile_id: &str, fields: Fields) -> career_hub::Result<Skill> {
        let mut input = SkillInput::default();
        fields.apply(&mut input);
        let known = technology::find_by_name(db.conn(), &input.technology)?.is_some();
        let close: Vec<String> = if known {
            Vec::new()
        } else {
            career_hub::search::technologies(db.conn(), &input.technology, 3)?
                .into_iter()
                .map(|m| m.technology.name)
                .collect()
        };
        let added = skill::create(db, profile_id, input)?;
        if !known {
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!(
                    " Did you mean {}? (`career-hub skill update {} --tech NAME` changes it)",
                    close.join(" or "),
                    added.id
                )
            };
            outln!(
                "{} is new to the technology catalog and was added to it.{hint}",
                added.technology.name
            );
        }
        Ok(added)
    }

    fn update(db: &mut Db, id: &str, fields: Fields) -> career_hub::Result<Skill> {
        let current = skill::get(db.conn(), id)?;
        let mut input = SkillInput {
            technology: current.technology.name,
            level: current.level,
            years_of_experience: current.years_of_experience,
            started_using_year: current.started_using_year,
            is_primary: current.is_primary,
        };
        fields.apply(&mut input);
        skill::update(db, id, input)
    }

    fn list(db: &Db, profile_id: &str) -> career_hub::Result<Vec<Skill>> {
        skill::list(db.conn(), profile_id)
    }

    fn remove(db: &mut Db, id: &str) -> career_hub::Result<()> {
        skill::delete(db, id)
    }

    fn reorder(db: &mut Db, profile_id: &str, ids: &[String]) -> career_hub::Result<()> {
        skill::reorder(db, profile_id, ids)
    }

    fn line(s: &Skill) -> String {
        let level = s
            .level
            .and_then(|l| usize::try_from(l - 1).ok())
            .and_then(|i| skill::LEVELS.get(i))
            .map_or_else(String::new, |name| format!("  {name}"));
        format!("{}  {}{level}", s.id, s.technology.name)
    }
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        section::run::<Skills>(db, self.action)
    }
}
