//! Achievements: awards, publications, talks and other things worth telling.

use rusqlite::{Connection, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::rows::{self, Column};
use super::section::Section;
use crate::Result;
use crate::validation::Checker;

/// The documented achievement categories.
pub const CATEGORIES: [&str; 4] = ["AWARD", "PUBLICATION", "SPEAKING", "OTHER"];

/// One achievement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Achievement {
    pub id: String,
    pub profile_id: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub url: Option<String>,
    pub display_order: i32,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person enters for an achievement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct AchievementInput {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub url: Option<String>,
}

impl AchievementInput {
    fn cleaned(self) -> Self {
        Self {
            title: self.title.trim().to_owned(),
            description: rows::clean(self.description),
            date: rows::clean(self.date),
            category: rows::clean(self.category),
            url: rows::clean(self.url),
        }
    }

    /// Checks every rule; all problems are reported together.
    pub fn validate(&self) -> Result<()> {
        let mut check = Checker::new();
        check.required("title", "The title", &self.title);
        check.max_chars("title", "The title", Some(&self.title), 200);
        check.date("date", "The date", self.date.as_deref());
        check.choice(
            "category",
            "The category",
            self.category.as_deref(),
            &CATEGORIES,
        );
        check.url("url", "The link", self.url.as_deref(), 500);
        check.finish()
    }
}

impl Section for Achievement {
    const TABLE: &'static str = "achievements";
    const NOUN: &'static str = "achievement";
    const SELECT: &'static str = "SELECT id, profile_id, title, description, date, category, url, display_order, \
         created_at, updated_at FROM achievements";
    const ORDER: &'static str = "display_order, date DESC, rowid";
    type Input = AchievementInput;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Achievement {
            id: row.get(0)?,
            profile_id: row.get(1)?,
            title: row.get(2)?,
            description: row.get(3)?,
            date: row.get(4)?,
            category: row.get(5)?,
            url: row.get(6)?,
            display_order: row.get::<_, Option<i32>>(7)?.unwrap_or(0),
            created_at: row.get(8)?,
            updated_at: row.get(9)?,
        })
    }

    fn input(&self) -> AchievementInput {
        AchievementInput {
            title: self.title.clone(),
            description: self.description.clone(),
            date: self.date.clone(),
            category: self.category.clone(),
            url: self.url.clone(),
        }
    }

    fn checked(_: &Connection, input: AchievementInput) -> Result<AchievementInput> {
        let input = input.cleaned();
        input.validate()?;
        Ok(input)
    }

    fn columns<R>(
        _: &Transaction<'_>,
        _: &str,
        _: Option<&str>,
        input: &AchievementInput,
        write: impl FnOnce(&[Column<'_>]) -> Result<R>,
    ) -> Result<R> {
        write(&[
            ("title", &input.title),
            ("description", &input.description),
            ("date", &input.date),
            ("category", &input.category),
            ("url", &input.url),
        ])
    }
}
