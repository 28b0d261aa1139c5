//! `career-hub skill`: skills.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::Changes;
use career_hub::profile::Section;
use career_hub::profile::section::patched;
use career_hub::profile::skill::{self, Skill, SkillInput};
use career_hub::profile::technology;

use super::section::{self, Action, ChangeSet, CliSection};

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
    fn changes(self) -> Changes {
        ChangeSet::default()
            .value("technology", self.technology)
            .value("level", self.level)
            .value("years_of_experience", self.years)
            .value("started_using_year", self.since)
            .value("is_primary", self.primary)
            .done()
    }
}

struct Skills;

impl CliSection for Skills {
    type Item = Skill;
    type Fields = Fields;

    fn changes(fields: Fields) -> Changes {
        fields.changes()
    }

    /// A technology new to the catalog is added to it; the person is told, with the
    /// names it may have been meant as.
    fn add(db: &mut Db, profile_id: &str, fields: Fields) -> career_hub::Result<Skill> {
        let input: SkillInput = patched(SkillInput::default(), &fields.changes())?;
        let known = technology::find_by_name(db.conn(), &input.technology)?.is_some();
        let close: Vec<String> = if known {
            Vec::new()
        } else {
            career_hub::search::technologies(db.conn(), &input.technology, 3)?
                .into_iter()
                .map(|m| m.technology.name)
                .collect()
        };
        let added = Skill::create(db, profile_id, input)?;
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
