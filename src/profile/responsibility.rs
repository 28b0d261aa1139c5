//! The responsibilities library: ready-made sentences to describe a job, suggested by
//! position and seniority, the most used first.

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use super::rows;
use crate::validation::Checker;
use crate::{Db, Error, Result};

/// The documented seniority levels.
pub const SENIORITY_LEVELS: [&str; 5] = ["JUNIOR", "MID", "SENIOR", "LEAD", "EXECUTIVE"];

/// One sentence of the library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Responsibility {
    pub id: String,
    pub role_category: Option<String>,
    pub responsibility: String,
    pub seniority_level: Option<String>,
    pub usage_count: i32,
}

/// A suggestion, with how well it fits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Suggestion {
    #[serde(flatten)]
    pub item: Responsibility,
    /// Higher is better: role fit first, then seniority, then popularity.
    pub score: f64,
    /// How much of the role category the position title names, 0–1.
    pub fit: f64,
}

/// Words that mean the same thing in job titles.
pub(crate) fn canonical(word: &str) -> &str {
    match word {
        "developer" | "programmer" | "dev" | "swe" | "coder" => "engineer",
        "front" | "frontend" | "ui" | "web" => "frontend",
        "back" | "backend" | "server" | "api" => "backend",
        "devops" | "sre" | "reliability" | "platform" | "infrastructure" | "ops" | "cloud" => {
            "devops"
        }
        "data" | "analytics" | "analyst" | "ml" | "scientist" => "data",
        "qa" | "test" | "tester" | "quality" => "qa",
        "product" | "pm" | "owner" => "product",
        "manager" | "head" | "director" | "lead" => "manager",
        "design" | "designer" | "ux" => "designer",
        other => other,
    }
}

fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| canonical(w).to_owned())
        .collect()
}

/// The seniority a position title implies ("Senior Backend Developer" → SENIOR).
pub fn seniority_of(position: &str) -> Option<&'static str> {
    let words: BTreeSet<String> = position
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_owned)
        .collect();
    let has = |w: &str| words.contains(w);
    if has("cto") || has("vp") || has("chief") || has("director") || has("head") {
        Some("EXECUTIVE")
    } else if has("lead") || has("principal") || has("staff") || has("manager") {
        Some("LEAD")
    } else if has("senior") || has("sr") {
        Some("SENIOR")
    } else if has("junior") || has("jr") || has("intern") || has("graduate") || has("trainee") {
        Some("JUNIOR")
    } else {
        None
    }
}

/// Suggestions for a position title, at a seniority (given, or read from the title),
/// ranked by how well the role fits, then seniority, then how often each was used.
pub fn suggest(
    conn: &Connection,
    position: &str,
    seniority: Option<&str>,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let seniority = seniority
        .map(str::to_uppercase)
        .or_else(|| seniority_of(position).map(str::to_owned));
    let wanted = words(position);
    let all = list(conn, None)?;
    let mut scored: Vec<Suggestion> = all
        .into_iter()
        .filter_map(|item| {
            let role = words(item.role_category.as_deref().unwrap_or(""));
            let shared = role.intersection(&wanted).count();
            if shared == 0 && !wanted.is_empty() {
                return None;
            }
            let fit = if role.is_empty() {
                0.0
            } else {
                shared as f64 / role.len() as f64
            };
            let level = match (&seniority, &item.seniority_level) {
                (Some(want), Some(have)) if want == have => 1.0,
                (Some(_), Some(_)) => 0.0,
                _ => 0.5,
            };
            let popularity = (item.usage_count as f64 + 1.0).ln();
            Some(Suggestion {
                score: fit * 10.0 + level * 3.0 + popularity,
                fit,
                item,
            })
        })
        .collect();
    // Only the roles that fit best: a backend title gets backend sentences, not every
    // engineering role's.
    let best_fit = scored.iter().map(|s| s.fit).fold(0.0_f64, f64::max);
    scored.retain(|s| s.fit >= best_fit);
    scored.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.item.responsibility.cmp(&b.item.responsibility))
    });
    scored.truncate(limit);
    Ok(scored)
}

/// Records that a suggestion was used, so that it ranks higher next time.
pub fn record_use(db: &mut Db, id: &str) -> Result<()> {
    db.write(|tx| match tx.execute(
        "UPDATE responsibilities_library SET usage_count = coalesce(usage_count, 0) + 1 WHERE id = ?1",
        [id],
    )? {
        0 => Err(Error::not_found("responsibility", id)),
        _ => Ok(()),
    })
}

/// What a person enters for a library sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ResponsibilityInput {
    pub role_category: Option<String>,
    pub responsibility: String,
    pub seniority_level: Option<String>,
}

impl ResponsibilityInput {
    fn cleaned(self) -> Self {
        Self {
            role_category: rows::clean(self.role_category),
            responsibility: self.responsibility.trim().to_owned(),
            seniority_level: rows::clean(self.seniority_level).map(|s| s.to_uppercase()),
        }
    }

    fn validate(&self) -> Result<()> {
        let mut check = Checker::new();
        check.required("responsibility", "The responsibility", &self.responsibility);
        check.max_chars(
            "role_category",
            "The role",
            self.role_category.as_deref(),
            100,
        );
        check.choice(
            "seniority_level",
            "The seniority",
            self.seniority_level.as_deref(),
            &SENIORITY_LEVELS,
        );
        check.finish()
    }
}

const SELECT: &str = "SELECT id, role_category, responsibility, seniority_level, coalesce(usage_count, 0) FROM responsibilities_library";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Responsibility> {
    Ok(Responsibility {
        id: row.get(0)?,
        role_category: row.get(1)?,
        responsibility: row.get(2)?,
        seniority_level: row.get(3)?,
        usage_count: row.get(4)?,
    })
}

/// One sentence by id.
pub fn get(conn: &Connection, id: &str) -> Result<Responsibility> {
    rows::get_one(
        conn,
        &format!("{SELECT} WHERE id = ?1"),
        "responsibility",
        id,
        from_row,
    )
}

/// The sentences of one role category (all of them with `None`), most used first.
pub fn list(conn: &Connection, role_category: Option<&str>) -> Result<Vec<Responsibility>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE ?1 IS NULL OR role_category = ?1 ORDER BY usage_count DESC, role_category, responsibility"
    ))?;
    let rows = stmt.query_map([role_category], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a sentence of one's own to the library.
pub fn add(db: &mut Db, input: ResponsibilityInput) -> Result<Responsibility> {
    let input = input.cleaned();
    input.validate()?;
    let id = rows::new_id();
    db.write(|tx| {
        tx.prepare_cached("INSERT INTO responsibilities_library (id, role_category, responsibility, seniority_level) VALUES (?1, ?2, ?3, ?4)")?.execute(params![id, input.role_category, input.responsibility, input.seniority_level])?;
        Ok(())
    })?;
    get(db.conn(), &id)
}

/// Rewords or recategorizes a sentence.
pub fn update(db: &mut Db, id: &str, input: ResponsibilityInput) -> Result<Responsibility> {
    get(db.conn(), id)?;
    let input = input.cleaned();
    input.validate()?;
    db.write(|tx| {
        tx.prepare_cached("UPDATE responsibilities_library SET role_category = ?2, responsibility = ?3, seniority_level = ?4 WHERE id = ?1")?.execute(params![id, input.role_category, input.responsibility, input.seniority_level])?;
        Ok(())
    })?;
    get(db.conn(), id)
}

/// Removes a sentence from the library (jobs that used it keep their text).
pub fn delete(db: &mut Db, id: &str) -> Result<()> {
    db.write(
        |tx| match tx.execute("DELETE FROM responsibilities_library WHERE id = ?1", [id])? {
            0 => Err(Error::not_found("responsibility", id)),
            _ => Ok(()),
        },
    )
}

/// The starter library: (role category, seniority, sentence).
const STARTER_LIBRARY: &[(&str, &str, &str)] = &[
    (
        "Software Engineer",
        "JUNIOR",
        "Implemented features and bug fixes under the guidance of senior engineers",
    ),
    (
        "Software Engineer",
        "JUNIOR",
        "Wrote unit and integration tests to keep the codebase reliable",
    ),
    (
        "Software Engineer",
        "JUNIOR",
        "Took part in code reviews and applied feedback to improve code quality",
    ),
    (
        "Software Engineer",
        "MID",
        "Designed and delivered features end to end, from specification to production",
    ),
    (
        "Software Engineer",
        "MID",
        "Improved performance of critical code paths, measured with benchmarks",
    ),
    (
        "Software Engineer",
        "MID",
        "Reviewed teammates' code and maintained shared libraries",
    ),
    (
        "Software Engineer",
        "SENIOR",
        "Led the technical design of major features and wrote the design documents",
    ),
    (
        "Software Engineer",
        "SENIOR",
        "Mentored junior and mid-level engineers through pairing and code review",
    ),
    (
        "Software Engineer",
        "SENIOR",
        "Reduced production incidents by introducing automated testing and monitoring",
    ),
    (
        "Software Engineer",
        "LEAD",
        "Set the technical direction for a team and owned its architecture decisions",
    ),
    (
        "Software Engineer",
        "LEAD",
        "Coordinated delivery across teams and removed technical blockers",
    ),
    (
        "Software Engineer",
        "LEAD",
        "Defined engineering standards for code quality, testing and releases",
    ),
    (
        "Frontend Engineer",
        "JUNIOR",
        "Built responsive user interface components from design mock-ups",
    ),
    (
        "Frontend Engineer",
        "MID",
        "Developed accessible, responsive web interfaces used by thousands of customers",
    ),
    (
        "Frontend Engineer",
        "MID",
        "Improved page load times by optimizing bundles and rendering",
    ),
    (
        "Frontend Engineer",
        "SENIOR",
        "Architected a component library shared across product teams",
    ),
    (
        "Frontend Engineer",
        "SENIOR",
        "Drove accessibility compliance (WCAG) across the web application",
    ),
    (
        "Frontend Engineer",
        "LEAD",
        "Led the frontend platform and its migration to a modern framework",
    ),
    (
        "Backend Engineer",
        "JUNIOR",
        "Implemented REST API endpoints with validation and tests",
    ),
    (
        "Backend Engineer",
        "MID",
        "Designed database schemas and wrote efficient queries for high-traffic services",
    ),
    (
        "Backend Engineer",
        "MID",
        "Built and maintained APIs consumed by web and mobile clients",
    ),
    (
        "Backend Engineer",
        "SENIOR",
        "Designed scalable services handling millions of requests per day",
    ),
    (
        "Backend Engineer",
        "SENIOR",
        "Led the migration of a monolith to well-defined services",
    ),
    (
        "Backend Engineer",
        "LEAD",
        "Owned the reliability and capacity planning of the backend platform",
    ),
    (
        "DevOps Engineer",
        "JUNIOR",
        "Maintained CI/CD pipelines and automated routine operational tasks",
    ),
    (
        "DevOps Engineer",
        "MID",
        "Managed cloud infrastructure as code with Terraform",
    ),
    (
        "DevOps Engineer",
        "MID",
        "Set up monitoring, alerting and dashboards for production services",
    ),
    (
        "DevOps Engineer",
        "SENIOR",
        "Designed highly available infrastructure across multiple regions",
    ),
    (
        "DevOps Engineer",
        "SENIOR",
        "Cut deployment time from hours to minutes with automated release pipelines",
    ),
    (
        "DevOps Engineer",
        "LEAD",
        "Led incident response and the blameless post-mortem process",
    ),
    (
        "Data Scientist",
        "JUNIOR",
        "Cleaned and analyzed datasets to answer business questions",
    ),
    (
        "Data Scientist",
        "MID",
        "Built and evaluated predictive models that informed product decisions",
    ),
    (
        "Data Scientist",
        "MID",
        "Designed A/B tests and reported on their results",
    ),
    (
        "Data Scientist",
        "SENIOR",
        "Deployed machine-learning models to production and monitored their quality",
    ),
    (
        "Data Scientist",
        "LEAD",
        "Defined the data strategy and led a team of data scientists",
    ),
    (
        "QA Engineer",
        "JUNIOR",
        "Wrote and executed test plans for new features",
    ),
    (
        "QA Engineer",
        "MID",
        "Automated end-to-end tests that run on every change",
    ),
    (
        "QA Engineer",
        "SENIOR",
        "Designed the test strategy and quality gates for releases",
    ),
    (
        "Product Manager",
        "MID",
        "Gathered customer needs and turned them into prioritized requirements",
    ),
    (
        "Product Manager",
        "MID",
        "Defined success metrics and tracked feature adoption",
    ),
    (
        "Product Manager",
        "SENIOR",
        "Owned the product roadmap and aligned stakeholders around it",
    ),
    (
        "Product Manager",
        "LEAD",
        "Led product strategy for a portfolio of products",
    ),
    (
        "Engineering Manager",
        "LEAD",
        "Hired, coached and grew a team of engineers",
    ),
    (
        "Engineering Manager",
        "LEAD",
        "Ran planning and delivery processes so the team shipped predictably",
    ),
    (
        "Engineering Manager",
        "EXECUTIVE",
        "Built the engineering organization and its culture",
    ),
    (
        "Engineering Manager",
        "EXECUTIVE",
        "Set the technology strategy and managed the engineering budget",
    ),
    (
        "Designer",
        "MID",
        "Designed user flows, wireframes and high-fidelity prototypes",
    ),
    (
        "Designer",
        "SENIOR",
        "Ran user research and usability tests that shaped the product",
    ),
];

/// Adds the starter library's sentences that the library does not have yet.
pub(crate) fn ensure_starter_library(tx: &Transaction<'_>) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO responsibilities_library (id, role_category, responsibility, seniority_level)
         SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS
             (SELECT 1 FROM responsibilities_library WHERE responsibility = ?3 AND role_category IS ?2)",
    )?;
    for (role, seniority, sentence) in STARTER_LIBRARY {
        insert.execute(params![rows::new_id(), role, sentence, seniority])?;
    }
    Ok(())
}
