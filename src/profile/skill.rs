//! Skills: the person's relationship with a technology (level, years, since when).

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use super::rows::Column;
use super::section::Section;
use super::technology::{self, TechnologyRef};
use crate::validation::{Checker, Code};
use crate::{Error, Result};

/// Names of the levels 1–5, as documented.
pub const LEVELS: [&str; 5] = ["Basic", "Intermediate", "Advanced", "Expert", "Master"];

/// One skill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Skill {
    pub id: String,
    pub profile_id: String,
    pub technology: TechnologyRef,
    /// 1 = Basic … 5 = Master.
    pub level: Option<i32>,
    pub years_of_experience: Option<i32>,
    pub started_using_year: Option<i32>,
    pub is_primary: bool,
    pub display_order: i32,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person enters for a skill: the technology by name (added to the catalog if new).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SkillInput {
    pub technology: String,
    pub level: Option<i32>,
    pub years_of_experience: Option<i32>,
    pub started_using_year: Option<i32>,
    pub is_primary: bool,
}

/// The current year, from SQLite's clock.
fn this_year(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT CAST(strftime('%Y', 'now') AS INTEGER)", [], |row| {
            row.get(0)
        })?,
    )
}

impl SkillInput {
    fn validate(&self, year: i64) -> Result<()> {
        let mut check = Checker::new();
        check.required("technology", "The technology", &self.technology);
        check.max_chars("technology", "The technology", Some(&self.technology), 100);
        check.range("level", "The level", self.level.map(i64::from), 1, 5);
        check.range(
            "years_of_experience",
            "Years of experience",
            self.years_of_experience.map(i64::from),
            0,
            80,
        );
        check.range(
            "started_using_year",
            "The year you started",
            self.started_using_year.map(i64::from),
            1940,
            year,
        );
        if let (Some(years), Some(since)) = (self.years_of_experience, self.started_using_year)
            && i64::from(years) > year - i64::from(since) + 1
        {
            check.push(
                Code::OutOfRange,
                "years_of_experience",
                format!("{years} years is more than the time since {since}."),
            );
        }
        check.finish()
    }
}

fn duplicate(
    conn: &Connection,
    profile_id: &str,
    technology_id: &str,
    except: Option<&str>,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM skills WHERE profile_id = ?1 AND technology_id = ?2 AND id IS NOT ?3",
            params![profile_id, technology_id, except],
            |row| row.get(0),
        )
        .optional()?)
}

fn duplicate_error(name: &str) -> Error {
    Error::Invalid(vec![crate::validation::FieldError {
        code: Code::Duplicate,
        field: "technology".to_owned(),
        message: format!("{name} is already one of your skills."),
    }])
}

/// Checks a skill's input (for writers that insert with [`Section::insert`]).
pub(crate) fn check(conn: &Connection, input: &SkillInput) -> Result<()> {
    input.validate(this_year(conn)?)
}

impl Section for Skill {
    const TABLE: &'static str = "skills";
    const NOUN: &'static str = "skill";
    const SELECT: &'static str = "SELECT s.id, s.profile_id, t.id, t.name, s.level, s.years_of_experience, \
         s.started_using_year, s.is_primary, s.display_order, s.created_at, s.updated_at \
         FROM skills s JOIN technologies t ON t.id = s.technology_id";
    const ID_COLUMN: &'static str = "s.id";
    const PROFILE_COLUMN: &'static str = "s.profile_id";
    const ORDER: &'static str = "s.display_order, s.is_primary DESC, s.level DESC, s.rowid";
    type Input = SkillInput;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Skill {
            id: row.get(0)?,
            profile_id: row.get(1)?,
            technology: TechnologyRef {
                id: row.get(2)?,
                name: row.get(3)?,
            },
            level: row.get(4)?,
            years_of_experience: row.get(5)?,
            started_using_year: row.get(6)?,
            is_primary: row.get::<_, Option<bool>>(7)?.unwrap_or(false),
            display_order: row.get::<_, Option<i32>>(8)?.unwrap_or(0),
            created_at: row.get(9)?,
            updated_at: row.get(10)?,
        })
    }

    fn input(&self) -> SkillInput {
        SkillInput {
            technology: self.technology.name.clone(),
            level: self.level,
            years_of_experience: self.years_of_experience,
            started_using_year: self.started_using_year,
            is_primary: self.is_primary,
        }
    }

    fn checked(conn: &Connection, input: SkillInput) -> Result<SkillInput> {
        check(conn, &input)?;
        Ok(input)
    }

    /// The technology is found in the catalog by name (added if new); a profile has
    /// one skill per technology.
    fn columns<R>(
        tx: &Transaction<'_>,
        profile_id: &str,
        id: Option<&str>,
        input: &SkillInput,
        write: impl FnOnce(&[Column<'_>]) -> Result<R>,
    ) -> Result<R> {
        let technology_id = technology::find_or_create(tx, &input.technology)?;
        if duplicate(tx, profile_id, &technology_id, id)?.is_some() {
            return Err(duplicate_error(input.technology.trim()));
        }
        write(&[
            ("technology_id", &technology_id),
            ("level", &input.level),
            ("years_of_experience", &input.years_of_experience),
            ("started_using_year", &input.started_using_year),
            ("is_primary", &input.is_primary),
        ])
    }
}
