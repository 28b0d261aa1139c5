//! Projects: what was built, with achievements, technology tags and the jobs it belongs to.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use super::rows::{self, Column};
use super::section::Section;
use super::technology::{PROJECT_TAGS, TechnologyRef};
use crate::Result;
use crate::validation::{Checker, Code};

pub const STATUSES: [&str; 3] = ["Active", "Staging", "Archived"];
pub const CATEGORIES: [&str; 3] = ["Demo", "Internal", "Production"];
pub const VISIBILITIES: [&str; 2] = ["PUBLIC", "ANONYMOUS"];
pub const BUDGET_RANGES: [&str; 3] = ["small", "medium", "large"];

/// One project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Project {
    pub id: String,
    pub profile_id: String,
    pub name: String,
    pub description: Option<String>,
    pub role: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub is_ongoing: bool,
    pub is_anonymized: bool,
    pub anonymized_company: Option<String>,
    pub status: String,
    pub category: String,
    pub achievements: Vec<String>,
    pub challenges: Vec<String>,
    pub clients: Vec<String>,
    pub team_size: Option<i32>,
    pub duration_months: Option<i32>,
    pub users_count: Option<i32>,
    pub budget_range: Option<String>,
    pub demo_url: Option<String>,
    pub github_url: Option<String>,
    pub documentation_url: Option<String>,
    pub visibility: String,
    pub display_order: i32,
    pub technologies: Vec<TechnologyRef>,
    /// Jobs this project was part of.
    pub experience_ids: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person enters for a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ProjectInput {
    pub name: String,
    pub description: Option<String>,
    pub role: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub is_ongoing: bool,
    pub is_anonymized: bool,
    pub anonymized_company: Option<String>,
    pub status: String,
    pub category: String,
    pub achievements: Vec<String>,
    pub challenges: Vec<String>,
    pub clients: Vec<String>,
    pub team_size: Option<i32>,
    pub duration_months: Option<i32>,
    pub users_count: Option<i32>,
    pub budget_range: Option<String>,
    pub demo_url: Option<String>,
    pub github_url: Option<String>,
    pub documentation_url: Option<String>,
    pub visibility: String,
    pub technologies: Vec<String>,
    pub experience_ids: Vec<String>,
}

impl Default for ProjectInput {
    fn default() -> Self {
        Self {
            name: String::new(),
            description: None,
            role: None,
            start_date: None,
            end_date: None,
            is_ongoing: false,
            is_anonymized: false,
            anonymized_company: None,
            status: "Active".to_owned(),
            category: "Production".to_owned(),
            achievements: Vec::new(),
            challenges: Vec::new(),
            clients: Vec::new(),
            team_size: None,
            duration_months: None,
            users_count: None,
            budget_range: None,
            demo_url: None,
            github_url: None,
            documentation_url: None,
            visibility: "PUBLIC".to_owned(),
            technologies: Vec::new(),
            experience_ids: Vec::new(),
        }
    }
}

impl ProjectInput {
    fn cleaned(self) -> Self {
        Self {
            name: self.name.trim().to_owned(),
            description: rows::clean(self.description),
            role: rows::clean(self.role),
            start_date: rows::clean(self.start_date),
            end_date: rows::clean(self.end_date),
            anonymized_company: rows::clean(self.anonymized_company),
            status: self.status.trim().to_owned(),
            category: self.category.trim().to_owned(),
            achievements: rows::clean_list(self.achievements),
            challenges: rows::clean_list(self.challenges),
            clients: rows::clean_list(self.clients),
            budget_range: rows::clean(self.budget_range),
            demo_url: rows::clean(self.demo_url),
            github_url: rows::clean(self.github_url),
            documentation_url: rows::clean(self.documentation_url),
            visibility: self.visibility.trim().to_owned(),
            technologies: rows::clean_list(self.technologies),
            experience_ids: rows::clean_list(self.experience_ids),
            ..self
        }
    }

    /// Checks every rule; all problems are reported together.
    pub fn validate(&self) -> Result<()> {
        let mut check = Checker::new();
        check.required("name", "The project name", &self.name);
        check.max_chars("name", "The project name", Some(&self.name), 200);
        check.max_chars("role", "Your role", self.role.as_deref(), 100);
        let start = check.date("start_date", "The start date", self.start_date.as_deref());
        let end = check.date("end_date", "The end date", self.end_date.as_deref());
        check.date_order(start, end, "end_date", false);
        if self.is_ongoing && self.end_date.is_some() {
            check.push(
                Code::CurrentWithEndDate,
                "end_date",
                "An ongoing project has no end date: clear the end date or untick \"ongoing\".",
            );
        }
        if self.is_anonymized && self.anonymized_company.is_none() {
            check.push(
                Code::Required,
                "anonymized_company",
                "Say how the client should be described instead of its name (e.g. \"a Fortune 500 bank\").",
            );
        }
        check.max_chars(
            "anonymized_company",
            "The anonymized company",
            self.anonymized_company.as_deref(),
            200,
        );
        check.choice("status", "The status", Some(&self.status), &STATUSES);
        check.choice(
            "category",
            "The category",
            Some(&self.category),
            &CATEGORIES,
        );
        check.choice(
            "visibility",
            "The visibility",
            Some(&self.visibility),
            &VISIBILITIES,
        );
        check.choice(
            "budget_range",
            "The budget range",
            self.budget_range.as_deref(),
            &BUDGET_RANGES,
        );
        check.range(
            "team_size",
            "The team size",
            self.team_size.map(i64::from),
            1,
            1_000_000,
        );
        check.range(
            "duration_months",
            "The duration in months",
            self.duration_months.map(i64::from),
            0,
            1200,
        );
        check.range(
            "users_count",
            "The number of users",
            self.users_count.map(i64::from),
            0,
            i64::from(i32::MAX),
        );
        check.url(
            "demo_url",
            "The demo address",
            self.demo_url.as_deref(),
            500,
        );
        check.url(
            "github_url",
            "The source code address",
            self.github_url.as_deref(),
            500,
        );
        check.url(
            "documentation_url",
            "The documentation address",
            self.documentation_url.as_deref(),
            500,
        );
        check.finish()
    }
}

fn set_experiences(
    tx: &Transaction<'_>,
    profile_id: &str,
    project_id: &str,
    experience_ids: &[String],
) -> Result<()> {
    let mut check = Checker::new();
    for id in experience_ids {
        let owner: Option<String> = tx
            .query_row(
                "SELECT profile_id FROM experiences WHERE id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()?;
        if owner.as_deref() != Some(profile_id) {
            check.push(
                Code::UnknownReference,
                "experience_ids",
                format!("There is no job {id} in this profile."),
            );
        }
    }
    check.finish()?;
    let current: Vec<String> = tx
        .prepare("SELECT experience_id FROM project_experiences WHERE project_id = ?1")?
        .query_map([project_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for gone in current.iter().filter(|id| !experience_ids.contains(id)) {
        tx.prepare_cached(
            "DELETE FROM project_experiences WHERE project_id = ?1 AND experience_id = ?2",
        )?
        .execute(params![project_id, gone])?;
    }
    for added in experience_ids.iter().filter(|id| !current.contains(id)) {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO project_experiences (project_id, experience_id) VALUES (?1, ?2)",
        )?
        .execute(params![project_id, added])?;
    }
    Ok(())
}

/// The columns an input sets, on insert and update alike (`lists` holds the input's
/// achievements, challenges and clients as stored).
impl Section for Project {
    const TABLE: &'static str = "projects";
    const NOUN: &'static str = "project";
    const SELECT: &'static str = "SELECT id, profile_id, name, description, role, start_date, end_date, is_ongoing, \
         is_anonymized, anonymized_company, status, category, achievements, challenges, clients, team_size, \
         duration_months, users_count, budget_range, demo_url, github_url, documentation_url, visibility, \
         display_order, created_at, updated_at FROM projects";
    const ORDER: &'static str = "display_order, start_date DESC, rowid";
    type Input = ProjectInput;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Project {
            id: row.get(0)?,
            profile_id: row.get(1)?,
            name: row.get(2)?,
            description: row.get(3)?,
            role: row.get(4)?,
            start_date: row.get(5)?,
            end_date: row.get(6)?,
            is_ongoing: row.get::<_, Option<bool>>(7)?.unwrap_or(false),
            is_anonymized: row.get::<_, Option<bool>>(8)?.unwrap_or(false),
            anonymized_company: row.get(9)?,
            status: row
                .get::<_, Option<String>>(10)?
                .unwrap_or_else(|| "Active".to_owned()),
            category: row
                .get::<_, Option<String>>(11)?
                .unwrap_or_else(|| "Production".to_owned()),
            achievements: rows::list_from_json(row.get(12)?),
            challenges: rows::list_from_json(row.get(13)?),
            clients: rows::list_from_json(row.get(14)?),
            team_size: row.get(15)?,
            duration_months: row.get(16)?,
            users_count: row.get(17)?,
            budget_range: row.get(18)?,
            demo_url: row.get(19)?,
            github_url: row.get(20)?,
            documentation_url: row.get(21)?,
            visibility: row
                .get::<_, Option<String>>(22)?
                .unwrap_or_else(|| "PUBLIC".to_owned()),
            display_order: row.get::<_, Option<i32>>(23)?.unwrap_or(0),
            technologies: Vec::new(),
            experience_ids: Vec::new(),
            created_at: row.get(24)?,
            updated_at: row.get(25)?,
        })
    }

    fn with_links(mut self, conn: &Connection) -> Result<Self> {
        self.technologies = PROJECT_TAGS.of(conn, &self.id)?;
        self.experience_ids = conn
            .prepare_cached(
                "SELECT experience_id FROM project_experiences WHERE project_id = ?1 ORDER BY experience_id",
            )?
            .query_map([&self.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(self)
    }

    fn input(&self) -> ProjectInput {
        ProjectInput {
            name: self.name.clone(),
            description: self.description.clone(),
            role: self.role.clone(),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            is_ongoing: self.is_ongoing,
            is_anonymized: self.is_anonymized,
            anonymized_company: self.anonymized_company.clone(),
            status: self.status.clone(),
            category: self.category.clone(),
            achievements: self.achievements.clone(),
            challenges: self.challenges.clone(),
            clients: self.clients.clone(),
            team_size: self.team_size,
            duration_months: self.duration_months,
            users_count: self.users_count,
            budget_range: self.budget_range.clone(),
            demo_url: self.demo_url.clone(),
            github_url: self.github_url.clone(),
            documentation_url: self.documentation_url.clone(),
            visibility: self.visibility.clone(),
            experience_ids: self.experience_ids.clone(),
            technologies: self.technologies.iter().map(|t| t.name.clone()).collect(),
        }
    }

    fn checked(_: &Connection, input: ProjectInput) -> Result<ProjectInput> {
        let input = input.cleaned();
        input.validate()?;
        Ok(input)
    }

    fn columns<R>(
        _: &Transaction<'_>,
        _: &str,
        _: Option<&str>,
        input: &ProjectInput,
        write: impl FnOnce(&[Column<'_>]) -> Result<R>,
    ) -> Result<R> {
        let [achievements, challenges, clients] =
            [&input.achievements, &input.challenges, &input.clients].map(|l| rows::list_to_json(l));
        write(&[
            ("name", &input.name),
            ("description", &input.description),
            ("role", &input.role),
            ("start_date", &input.start_date),
            ("end_date", &input.end_date),
            ("is_ongoing", &input.is_ongoing),
            ("is_anonymized", &input.is_anonymized),
            ("anonymized_company", &input.anonymized_company),
            ("status", &input.status),
            ("category", &input.category),
            ("achievements", &achievements),
            ("challenges", &challenges),
            ("clients", &clients),
            ("team_size", &input.team_size),
            ("duration_months", &input.duration_months),
            ("users_count", &input.users_count),
            ("budget_range", &input.budget_range),
            ("demo_url", &input.demo_url),
            ("github_url", &input.github_url),
            ("documentation_url", &input.documentation_url),
            ("visibility", &input.visibility),
        ])
    }

    fn write_links(
        tx: &Transaction<'_>,
        profile_id: &str,
        id: &str,
        input: &ProjectInput,
    ) -> Result<()> {
        PROJECT_TAGS.set(tx, id, &input.technologies)?;
        set_experiences(tx, profile_id, id, &input.experience_ids)
    }
}
