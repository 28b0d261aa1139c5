//! Certifications, with `is_expired` computed as of today whenever they are read.

use rusqlite::{Connection, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::rows::{self, Column};
use super::section::Section;
use crate::Result;
use crate::validation::Checker;

/// One certification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Certification {
    pub id: String,
    pub profile_id: String,
    pub name: String,
    pub issuing_organization: Option<String>,
    pub credential_id: Option<String>,
    pub credential_url: Option<String>,
    pub issue_date: Option<String>,
    pub expiry_date: Option<String>,
    /// Whether the expiry date is before today (false when there is none).
    pub is_expired: bool,
    pub display_order: i32,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person enters for a certification.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CertificationInput {
    pub name: String,
    pub issuing_organization: Option<String>,
    pub credential_id: Option<String>,
    pub credential_url: Option<String>,
    pub issue_date: Option<String>,
    pub expiry_date: Option<String>,
}

impl CertificationInput {
    fn cleaned(self) -> Self {
        Self {
            name: self.name.trim().to_owned(),
            issuing_organization: rows::clean(self.issuing_organization),
            credential_id: rows::clean(self.credential_id),
            credential_url: rows::clean(self.credential_url),
            issue_date: rows::clean(self.issue_date),
            expiry_date: rows::clean(self.expiry_date),
        }
    }

    /// Checks every rule; all problems are reported together.
    pub fn validate(&self) -> Result<()> {
        let mut check = Checker::new();
        check.required("name", "The certification name", &self.name);
        check.max_chars("name", "The certification name", Some(&self.name), 200);
        check.max_chars(
            "issuing_organization",
            "The issuing organization",
            self.issuing_organization.as_deref(),
            200,
        );
        check.max_chars(
            "credential_id",
            "The credential id",
            self.credential_id.as_deref(),
            100,
        );
        check.url(
            "credential_url",
            "The credential address",
            self.credential_url.as_deref(),
            500,
        );
        let issued = check.date("issue_date", "The issue date", self.issue_date.as_deref());
        let expires = check.date(
            "expiry_date",
            "The expiry date",
            self.expiry_date.as_deref(),
        );
        check.date_order(issued, expires, "expiry_date", false);
        check.finish()
    }
}

impl Section for Certification {
    const TABLE: &'static str = "certifications";
    const NOUN: &'static str = "certification";
    // Read through the view, which adds `is_expired` as of today.
    const SELECT: &'static str = "SELECT id, profile_id, name, issuing_organization, credential_id, credential_url, \
         issue_date, expiry_date, coalesce(is_expired, 0), display_order, created_at, updated_at \
         FROM certifications_with_expiry";
    const ORDER: &'static str = "display_order, issue_date DESC, created_at, id";
    type Input = CertificationInput;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Certification {
            id: row.get(0)?,
            profile_id: row.get(1)?,
            name: row.get(2)?,
            issuing_organization: row.get(3)?,
            credential_id: row.get(4)?,
            credential_url: row.get(5)?,
            issue_date: row.get(6)?,
            expiry_date: row.get(7)?,
            is_expired: row.get(8)?,
            display_order: row.get::<_, Option<i32>>(9)?.unwrap_or(0),
            created_at: row.get(10)?,
            updated_at: row.get(11)?,
        })
    }

    fn input(&self) -> CertificationInput {
        CertificationInput {
            name: self.name.clone(),
            issuing_organization: self.issuing_organization.clone(),
            credential_id: self.credential_id.clone(),
            credential_url: self.credential_url.clone(),
            issue_date: self.issue_date.clone(),
            expiry_date: self.expiry_date.clone(),
        }
    }

    fn checked(_: &Connection, input: CertificationInput) -> Result<CertificationInput> {
        let input = input.cleaned();
        input.validate()?;
        Ok(input)
    }

    fn columns<R>(
        _: &Transaction<'_>,
        _: &str,
        _: Option<&str>,
        input: &CertificationInput,
        write: impl FnOnce(&[Column<'_>]) -> Result<R>,
    ) -> Result<R> {
        write(&[
            ("name", &input.name),
            ("issuing_organization", &input.issuing_organization),
            ("credential_id", &input.credential_id),
            ("credential_url", &input.credential_url),
            ("issue_date", &input.issue_date),
            ("expiry_date", &input.expiry_date),
        ])
    }
}
