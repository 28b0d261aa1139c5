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

const SELECT: &str = "SELECT id, profile_id, institution, degree, field_of_study, start_date, end_date, grade, \
     description, display_order, created_at, updated_at FROM education";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Education> {
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

/// One entry by id.
pub fn get(conn: &Connection, id: &str) -> Result<Education> {
    rows::get_one(
        conn,
        &format!("{SELECT} WHERE id = ?1"),
        "education entry",
        id,
        from_row,
    )
}

/// The profile's education, in display order.
pub fn list(conn: &Connection, profile_id: &str) -> Result<Vec<Education>> {
    let sql =
        format!("{SELECT} WHERE profile_id = ?1 ORDER BY display_order, start_date DESC, rowid");
    rows::get_all(conn, &sql, profile_id, from_row)
}

/// The columns an input sets, on insert and update alike.
fn columns(input: &EducationInput) -> [Column<'_>; 7] {
    [
        ("institution", &input.institution),
        ("degree", &input.degree),
        ("field_of_study", &input.field_of_study),
        ("start_date", &input.start_date),
        ("end_date", &input.end_date),
        ("grade", &input.grade),
        ("description", &input.description),
    ]
}

/// Adds a checked input to the end of the profile's list inside `tx` (for writers that
/// put several items in one transaction, such as importers). Returns the new id.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    profile_id: &str,
    input: &EducationInput,
) -> Result<String> {
    rows::create_item(tx, "education", profile_id, &columns(input), |_| Ok(()))
}

impl Section for Education {
    const TABLE: &'static str = "education";
    const NOUN: &'static str = "education entry";
    type Input = EducationInput;

    fn id(&self) -> &str {
        &self.id
    }

    fn get(conn: &Connection, id: &str) -> Result<Self> {
        get(conn, id)
    }

    fn list(conn: &Connection, profile_id: &str) -> Result<Vec<Self>> {
        list(conn, profile_id)
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

    fn insert(tx: &Transaction<'_>, profile_id: &str, input: &EducationInput) -> Result<String> {
        insert(tx, profile_id, input)
    }

    fn write(tx: &Transaction<'_>, id: &str, input: &EducationInput) -> Result<()> {
        rows::update_item(tx, "education", id, &columns(input))
    }
}
