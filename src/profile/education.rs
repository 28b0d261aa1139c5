//! Education: schools, degrees, courses.

use rusqlite::{Connection, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::rows::{self, Column};
use super::section::Section;
use crate::Result;
use crate::validation::Checker;

/// One school or course of study.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Education {
    pub id: String,
    pub profile_id: String,
    pub institution: String,
    pub degree: Option<String>,
    pub field_of_study: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub grade: Option<String>,
    pub description: Option<String>,
    pub display_order: i32,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person enters for a school.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct EducationInput {
    pub institution: String,
    pub degree: Option<String>,
    pub field_of_study: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub grade: Option<String>,
    pub description: Option<String>,
}

impl EducationInput {
    fn cleaned(self) -> Self {
        Self {
            institution: self.institution.trim().to_owned(),
            degree: rows::clean(self.degree),
            field_of_study: rows::clean(self.field_of_study),
            start_date: rows::clean(self.start_date),
            end_date: rows::clean(self.end_date),
            grade: rows::clean(self.grade),
            description: rows::clean(self.description),
        }
    }

    /// Checks every rule; all problems are reported together.
    pub fn validate(&self) -> Result<()> {
        let mut check = Checker::new();
        check.required(
            "institution",
            "The school or institution",
            &self.institution,
        );
        check.max_chars(
            "institution",
            "The school or institution",
            Some(&self.institution),
            200,
        );
        check.max_chars("degree", "The degree", self.degree.as_deref(), 100);
        check.max_chars(
            "field_of_study",
            "The field of study",
            self.field_of_study.as_deref(),
            200,
        );
        check.max_chars("grade", "The grade", self.grade.as_deref(), 50);
        let start = check.date("start_date", "The start date", self.start_date.as_deref());
        let end = check.date("end_date", "The end date", self.end_date.as_deref());
        check.date_order(start, end, "end_date", false);
        check.finish()
    }
}

impl Section for Education {
    const TABLE: &'static str = "education";
    const NOUN: &'static str = "education entry";
    const SELECT: &'static str = "SELECT id, profile_id, institution, degree, field_of_study, start_date, end_date, \
         grade, description, display_order, created_at, updated_at FROM education";
    const ORDER: &'static str = "display_order, start_date DESC, rowid";
    type Input = EducationInput;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Education {
            id: row.get(0)?,
            profile_id: row.get(1)?,
            institution: row.get(2)?,
            degree: row.get(3)?,
            field_of_study: row.get(4)?,
            start_date: row.get(5)?,
            end_date: row.get(6)?,
            grade: row.get(7)?,
            description: row.get(8)?,
            display_order: row.get::<_, Option<i32>>(9)?.unwrap_or(0),
            created_at: row.get(10)?,
            updated_at: row.get(11)?,
        })
    }

    fn input(&self) -> EducationInput {
        EducationInput {
            institution: self.institution.clone(),
            degree: self.degree.clone(),
            field_of_study: self.field_of_study.clone(),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            grade: self.grade.clone(),
            description: self.description.clone(),
        }
    }

    fn checked(_: &Connection, input: EducationInput) -> Result<EducationInput> {
        let input = input.cleaned();
        input.validate()?;
        Ok(input)
    }

    fn columns<R>(
        _: &Transaction<'_>,
        _: &str,
        _: Option<&str>,
        input: &EducationInput,
        write: impl FnOnce(&[Column<'_>]) -> Result<R>,
    ) -> Result<R> {
        write(&[
            ("institution", &input.institution),
            ("degree", &input.degree),
            ("field_of_study", &input.field_of_study),
            ("start_date", &input.start_date),
            ("end_date", &input.end_date),
            ("grade", &input.grade),
            ("description", &input.description),
        ])
    }
}
