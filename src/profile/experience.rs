//! Work experience: jobs, with responsibilities, technology tags and linked projects.

use rusqlite::{Connection, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::rows::{self, Column};
use super::section::Section;
use super::technology::{EXPERIENCE_TAGS, TechnologyRef};
use crate::Result;
use crate::validation::{Checker, Code};

/// The employment types offered (the document lists "FULL_TIME, PART_TIME, CONTRACT, etc.").
pub const EMPLOYMENT_TYPES: [&str; 8] = [
    "FULL_TIME",
    "PART_TIME",
    "CONTRACT",
    "FREELANCE",
    "INTERNSHIP",
    "TEMPORARY",
    "VOLUNTEER",
    "SELF_EMPLOYED",
];

/// One job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Experience {
    pub id: String,
    pub profile_id: String,
    pub company_name: String,
    pub company_website: Option<String>,
    pub company_size: Option<String>,
    pub industry: Option<String>,
    pub company_location: Option<String>,
    pub position: String,
    pub employment_type: Option<String>,
    pub start_date: String,
    pub end_date: Option<String>,
    pub is_current: bool,
    pub description: Option<String>,
    pub responsibilities: Vec<String>,
    pub display_order: i32,
    /// Technologies used in this job.
    pub technologies: Vec<TechnologyRef>,
    /// Projects linked to this job.
    pub project_ids: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person enters for a job.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ExperienceInput {
    pub company_name: String,
    pub company_website: Option<String>,
    pub company_size: Option<String>,
    pub industry: Option<String>,
    pub company_location: Option<String>,
    pub position: String,
    pub employment_type: Option<String>,
    pub start_date: String,
    pub end_date: Option<String>,
    pub is_current: bool,
    pub description: Option<String>,
    pub responsibilities: Vec<String>,
    /// Technology names; unknown ones are added to the catalog.
    pub technologies: Vec<String>,
}

impl ExperienceInput {
    fn cleaned(self) -> Self {
        Self {
            company_name: self.company_name.trim().to_owned(),
            company_website: rows::clean(self.company_website),
            company_size: rows::clean(self.company_size),
            industry: rows::clean(self.industry),
            company_location: rows::clean(self.company_location),
            position: self.position.trim().to_owned(),
            employment_type: rows::clean(self.employment_type),
            start_date: self.start_date.trim().to_owned(),
            end_date: rows::clean(self.end_date),
            is_current: self.is_current,
            description: rows::clean(self.description),
            responsibilities: rows::clean_list(self.responsibilities),
            technologies: rows::clean_list(self.technologies),
        }
    }

    /// Checks every rule; all problems are reported together.
    pub fn validate(&self) -> Result<()> {
        let mut check = Checker::new();
        check.required("company_name", "The company name", &self.company_name);
        check.max_chars(
            "company_name",
            "The company name",
            Some(&self.company_name),
            200,
        );
        check.url(
            "company_website",
            "The company website",
            self.company_website.as_deref(),
            500,
        );
        check.max_chars(
            "company_size",
            "The company size",
            self.company_size.as_deref(),
            50,
        );
        check.max_chars("industry", "The industry", self.industry.as_deref(), 100);
        check.max_chars(
            "company_location",
            "The company location",
            self.company_location.as_deref(),
            100,
        );
        check.required("position", "The position", &self.position);
        check.max_chars("position", "The position", Some(&self.position), 200);
        check.choice(
            "employment_type",
            "The employment type",
            self.employment_type.as_deref(),
            &EMPLOYMENT_TYPES,
        );
        let start = if self.start_date.is_empty() {
            check.push(Code::Required, "start_date", "The start date is required.");
            None
        } else {
            check.date("start_date", "The start date", Some(&self.start_date))
        };
        let end = check.date("end_date", "The end date", self.end_date.as_deref());
        check.date_order(start, end, "end_date", true);
        if self.is_current && self.end_date.is_some() {
            check.push(
                Code::CurrentWithEndDate,
                "end_date",
                "A current job has no end date: clear the end date or untick \"I work here now\".",
            );
        }
        check.finish()
    }
}

impl Section for Experience {
    const TABLE: &'static str = "experiences";
    const NOUN: &'static str = "experience";
    const SELECT: &'static str = "SELECT id, profile_id, company_name, company_website, company_size, industry, \
         company_location, position, employment_type, start_date, end_date, is_current, description, \
         responsibilities, display_order, created_at, updated_at FROM experiences";
    /// Newest start first among equals.
    const ORDER: &'static str = "display_order, start_date DESC, rowid";
    type Input = ExperienceInput;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Experience {
            id: row.get(0)?,
            profile_id: row.get(1)?,
            company_name: row.get(2)?,
            company_website: row.get(3)?,
            company_size: row.get(4)?,
            industry: row.get(5)?,
            company_location: row.get(6)?,
            position: row.get(7)?,
            employment_type: row.get(8)?,
            start_date: row.get(9)?,
            end_date: row.get(10)?,
            is_current: row.get::<_, Option<bool>>(11)?.unwrap_or(false),
            description: row.get(12)?,
            responsibilities: rows::list_from_json(row.get(13)?),
            display_order: row.get::<_, Option<i32>>(14)?.unwrap_or(0),
            technologies: Vec::new(),
            project_ids: Vec::new(),
            created_at: row.get(15)?,
            updated_at: row.get(16)?,
        })
    }

    fn with_links(mut self, conn: &Connection) -> Result<Self> {
        self.technologies = EXPERIENCE_TAGS.of(conn, &self.id)?;
        self.project_ids = conn
            .prepare_cached(
                "SELECT project_id FROM project_experiences WHERE experience_id = ?1 ORDER BY project_id",
            )?
            .query_map([&self.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(self)
    }

    fn input(&self) -> ExperienceInput {
        ExperienceInput {
            company_name: self.company_name.clone(),
            company_website: self.company_website.clone(),
            company_size: self.company_size.clone(),
            industry: self.industry.clone(),
            company_location: self.company_location.clone(),
            position: self.position.clone(),
            employment_type: self.employment_type.clone(),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            is_current: self.is_current,
            description: self.description.clone(),
            responsibilities: self.responsibilities.clone(),
            technologies: self.technologies.iter().map(|t| t.name.clone()).collect(),
        }
    }

    fn checked(_: &Connection, input: ExperienceInput) -> Result<ExperienceInput> {
        let input = input.cleaned();
        input.validate()?;
        Ok(input)
    }

    fn columns<R>(
        _: &Transaction<'_>,
        _: &str,
        _: Option<&str>,
        input: &ExperienceInput,
        write: impl FnOnce(&[Column<'_>]) -> Result<R>,
    ) -> Result<R> {
        let responsibilities = rows::list_to_json(&input.responsibilities);
        write(&[
            ("company_name", &input.company_name),
            ("company_website", &input.company_website),
            ("company_size", &input.company_size),
            ("industry", &input.industry),
            ("company_location", &input.company_location),
            ("position", &input.position),
            ("employment_type", &input.employment_type),
            ("start_date", &input.start_date),
            ("end_date", &input.end_date),
            ("is_current", &input.is_current),
            ("description", &input.description),
            ("responsibilities", &responsibilities),
        ])
    }

    fn write_links(tx: &Transaction<'_>, _: &str, id: &str, input: &ExperienceInput) -> Result<()> {
        EXPERIENCE_TAGS.set(tx, id, &input.technologies)
    }
}
