//! `career-hub achievement`: awards, publications, talks.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::achievement::{self, Achievement, AchievementInput};

use super::section::{self, Action, Section, set_text};

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
    fn apply(self, input: &mut AchievementInput) {
        if let Some(title) = self.title {
            input.title = title;
        }
        set_text(&mut input.description, self.description);
        set_text(&mut input.date, self.date);
        set_text(&mut input.category, self.category.map(|c| c.to_uppercase()));
        set_text(&mut input.url, self.url);
    }
}

struct Achievements;

impl Section for Achievements {
    type Fields = Fields;
    type Item = Achievement;
    const NOUN: &'static str = "achievement";

    fn add(db: &mut Db, profile_id: &str, fields: Fields) -> career_hub::Result<Achievement> {
        let mut input = AchievementInput::default();
        fields.apply(&mut input);
        achievement::create(db, profile_id, input)
    }

    fn update(db: &mut Db, id: &str, fields: Fields) -> career_hub::Result<Achievement> {
        let a = achievement::get(db.conn(), id)?;
        let mut input = AchievementInput {
            title: a.title,
            description: a.description,
            date: a.date,
            category: a.category,
            url: a.url,
        };
        fields.apply(&mut input);
        achievement::update(db, id, input)
    }

    fn list(db: &Db, profile_id: &str) -> career_hub::Result<Vec<Achievement>> {
        achievement::list(db.conn(), profile_id)
    }

    fn remove(db: &mut Db, id: &str) -> career_hub::Result<()> {
        achievement::delete(db, id)
    }

    fn reorder(db: &mut Db, profile_id: &str, ids: &[String]) -> career_hub::Result<()> {
        achievement::reorder(db, profile_id, ids)
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
