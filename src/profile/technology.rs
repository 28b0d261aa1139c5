//! The global technologies catalog (shared by every profile), and the technology tags
//! on experiences and projects.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use super::rows;
use crate::validation::{Checker, Code};
use crate::{Db, Error, Result};

/// The documented `check_category` values.
pub const CATEGORIES: [&str; 5] = ["Framework", "Library", "Platform", "Service", "System"];
/// The documented `check_layer` values.
pub const LAYERS: [&str; 6] = [
    "Backend", "Database", "DevOps", "Frontend", "Language", "Tools",
];
/// Category and layer given to a technology created just by naming it.
pub const DEFAULT_CATEGORY: &str = "Library";
pub const DEFAULT_LAYER: &str = "Tools";

/// One technology of the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Technology {
    pub id: String,
    pub name: String,
    pub category: String,
    pub layer: String,
    pub created_at: String,
}

/// A technology as a tag: its id and name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnologyRef {
    pub id: String,
    pub name: String,
}

/// What a person enters for a technology.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnologyInput {
    pub name: String,
    pub category: String,
    pub layer: String,
}

const COLUMNS: &str = "id, name, category, layer, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Technology> {
    Ok(Technology {
        id: row.get(0)?,
        name: row.get(1)?,
        category: row.get(2)?,
        layer: row.get(3)?,
        created_at: row.get(4)?,
    })
}

/// The whole catalog, by name.
pub fn list(conn: &Connection) -> Result<Vec<Technology>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM technologies ORDER BY name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One technology by id.
pub fn get(conn: &Connection, id: &str) -> Result<Technology> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM technologies WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("technology", id))
}

/// The technology with this name, ignoring case (in any script).
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Technology>> {
    let name = name.trim();
    let exact = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM technologies WHERE name = ?1 COLLATE NOCASE"),
            [name],
            from_row,
        )
        .optional()?;
    if exact.is_some() || name.is_ascii() {
        return Ok(exact);
    }
    // SQLite's NOCASE folds ASCII only; fold other scripts here.
    let folded = name.to_lowercase();
    Ok(list(conn)?
        .into_iter()
        .find(|t| t.name.to_lowercase() == folded))
}

fn validate(conn: &Connection, input: &TechnologyInput, existing_id: Option<&str>) -> Result<()> {
    let mut check = Checker::new();
    check.required("name", "The technology name", &input.name);
    check.max_chars("name", "The technology name", Some(&input.name), 100);
    check.choice(
        "category",
        "The category",
        Some(&input.category),
        &CATEGORIES,
    );
    check.choice("layer", "The layer", Some(&input.layer), &LAYERS);
    if let Some(other) = find_by_name(conn, &input.name)?
        && Some(other.id.as_str()) != existing_id
    {
        check.push(
            Code::Duplicate,
            "name",
            format!(
                "The catalog already has {} (names are compared without regard to case).",
                other.name
            ),
        );
    }
    check.finish()
}

/// Adds a technology to the catalog.
pub fn create(db: &mut Db, input: TechnologyInput) -> Result<Technology> {
    let input = TechnologyInput {
        name: input.name.trim().to_owned(),
        ..input
    };
    validate(db.conn(), &input, None)?;
    let id = rows::new_id();
    db.write(|tx| {
        tx.prepare_cached(
            "INSERT INTO technologies (id, name, category, layer) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, input.name, input.category, input.layer])?;
        Ok(())
    })?;
    get(db.conn(), &id)
}

/// Renames or reclassifies a technology.
pub fn update(db: &mut Db, id: &str, input: TechnologyInput) -> Result<Technology> {
    get(db.conn(), id)?;
    let input = TechnologyInput {
        name: input.name.trim().to_owned(),
        ..input
    };
    validate(db.conn(), &input, Some(id))?;
    db.write(|tx| {
        tx.prepare_cached(
            "UPDATE technologies SET name = ?2, category = ?3, layer = ?4 WHERE id = ?1",
        )?
        .execute(params![id, input.name, input.category, input.layer])?;
        Ok(())
    })?;
    get(db.conn(), id)
}

/// Removes a technology nobody uses. One in use by a skill or tag is refused, because
/// the documented cascade would silently delete those skills and tags with it; so is one
/// the synced account shares, because the account never takes a catalog row back and
/// other devices' skills and tags naming it would find nothing here.
pub fn delete(db: &mut Db, id: &str) -> Result<()> {
    let technology = get(db.conn(), id)?;
    let uses = uses(db.conn(), id)?;
    if uses > 0 {
        return Err(Error::Conflict(format!(
            "{} is used by {uses} skill(s) or tag(s); remove those first",
            technology.name
        )));
    }
    if shared_with_account(db.conn(), id)? {
        return Err(Error::Conflict(format!(
            "{} is in the catalog your synced account shares with your other devices, \
             so it stays",
            technology.name
        )));
    }
    db.write(|tx| rows::delete(tx, "technologies", "technology", id))
}

/// How many skills and tags name the technology `id`.
pub(crate) fn uses(conn: &Connection, id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM skills WHERE technology_id = ?1)
                  + (SELECT count(*) FROM experience_technologies WHERE technology_id = ?1)
                  + (SELECT count(*) FROM project_technologies WHERE technology_id = ?1)",
        )?
        .query_row([id], |row| row.get(0))?)
}

/// Whether the synced account knows the technology `id` (it has merge state here).
pub(crate) fn shared_with_account(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sync_rows
                            WHERE table_name = 'technologies' AND row_key = json_array(?1))",
        )?
        .query_row([id], |row| row.get(0))?)
}

/// The id of the technology called `name`, creating it (with the default category and
/// layer) when the catalog has no such name.
pub(crate) fn find_or_create(tx: &Transaction<'_>, name: &str) -> Result<String> {
    let name = name.trim();
    if let Some(found) = find_by_name(tx, name)? {
        return Ok(found.id);
    }
    let mut check = Checker::new();
    check.required("technologies", "A technology name", name);
    check.max_chars("technologies", "A technology name", Some(name), 100);
    check.finish()?;
    let id = rows::new_id();
    tx.prepare_cached(
        "INSERT INTO technologies (id, name, category, layer) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, name, DEFAULT_CATEGORY, DEFAULT_LAYER])?;
    Ok(id)
}

/// A junction table between an item and technologies.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tags {
    pub table: &'static str,
    pub owner_column: &'static str,
}

pub(crate) const EXPERIENCE_TAGS: Tags = Tags {
    table: "experience_technologies",
    owner_column: "experience_id",
};
pub(crate) const PROJECT_TAGS: Tags = Tags {
    table: "project_technologies",
    owner_column: "project_id",
};

impl Tags {
    /// Makes the item's tags exactly `names`, creating unknown technologies; only the
    /// differences are written, so the audit trail shows what really changed.
    pub(crate) fn set(self, tx: &Transaction<'_>, owner_id: &str, names: &[String]) -> Result<()> {
        let mut wanted = BTreeSet::new();
        for name in names {
            wanted.insert(find_or_create(tx, name)?);
        }
        let current: BTreeSet<String> = tx
            .prepare(&format!(
                "SELECT technology_id FROM {} WHERE {} = ?1",
                self.table, self.owner_column
            ))?
            .query_map([owner_id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for gone in current.difference(&wanted) {
            tx.prepare_cached(&format!(
                "DELETE FROM {} WHERE {} = ?1 AND technology_id = ?2",
                self.table, self.owner_column
            ))?
            .execute(params![owner_id, gone])?;
        }
        for added in wanted.difference(&current) {
            tx.prepare_cached(&format!(
                "INSERT INTO {} ({}, technology_id) VALUES (?1, ?2)",
                self.table, self.owner_column
            ))?
            .execute(params![owner_id, added])?;
        }
        Ok(())
    }

    /// The item's tags, by name.
    pub(crate) fn of(self, conn: &Connection, owner_id: &str) -> Result<Vec<TechnologyRef>> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT t.id, t.name FROM {} j JOIN technologies t ON t.id = j.technology_id
             WHERE j.{} = ?1 ORDER BY t.name COLLATE NOCASE",
            self.table, self.owner_column
        ))?;
        let rows = stmt.query_map([owner_id], |row| {
            Ok(TechnologyRef {
                id: row.get(0)?,
                name: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The starter catalog: common technologies, so that most skills are a pick, not typing.
const STARTER_CATALOG: &[(&str, &str, &str)] = &[
    ("Rust", "System", "Language"),
    ("Python", "System", "Language"),
    ("JavaScript", "System", "Language"),
    ("TypeScript", "System", "Language"),
    ("Java", "System", "Language"),
    ("Kotlin", "System", "Language"),
    ("Go", "System", "Language"),
    ("C", "System", "Language"),
    ("C++", "System", "Language"),
    ("C#", "System", "Language"),
    ("Ruby", "System", "Language"),
    ("PHP", "System", "Language"),
    ("Swift", "System", "Language"),
    ("Scala", "System", "Language"),
    ("Elixir", "System", "Language"),
    ("Haskell", "System", "Language"),
    ("SQL", "System", "Language"),
    ("Bash", "System", "Language"),
    ("R", "System", "Language"),
    ("Dart", "System", "Language"),
    ("React", "Library", "Frontend"),
    ("Vue.js", "Framework", "Frontend"),
    ("Angular", "Framework", "Frontend"),
    ("Svelte", "Framework", "Frontend"),
    ("Next.js", "Framework", "Frontend"),
    ("HTML", "System", "Frontend"),
    ("CSS", "System", "Frontend"),
    ("Tailwind CSS", "Framework", "Frontend"),
    ("Redux", "Library", "Frontend"),
    ("Flutter", "Framework", "Frontend"),
    ("React Native", "Framework", "Frontend"),
    ("Node.js", "Platform", "Backend"),
    ("Express", "Framework", "Backend"),
    ("Django", "Framework", "Backend"),
    ("Flask", "Framework", "Backend"),
    ("FastAPI", "Framework", "Backend"),
    ("Spring Boot", "Framework", "Backend"),
    ("Ruby on Rails", "Framework", "Backend"),
    ("Laravel", "Framework", "Backend"),
    (".NET", "Platform", "Backend"),
    ("ASP.NET Core", "Framework", "Backend"),
    ("Tokio", "Library", "Backend"),
    ("Axum", "Framework", "Backend"),
    ("GraphQL", "System", "Backend"),
    ("gRPC", "Framework", "Backend"),
    ("Kafka", "Platform", "Backend"),
    ("RabbitMQ", "Service", "Backend"),
    ("PostgreSQL", "System", "Database"),
    ("MySQL", "System", "Database"),
    ("SQLite", "Library", "Database"),
    ("MongoDB", "System", "Database"),
    ("Redis", "System", "Database"),
    ("Elasticsearch", "System", "Database"),
    ("Cassandra", "System", "Database"),
    ("DynamoDB", "Service", "Database"),
    ("Oracle Database", "System", "Database"),
    ("Microsoft SQL Server", "System", "Database"),
    ("Snowflake", "Service", "Database"),
    ("Docker", "Platform", "DevOps"),
    ("Kubernetes", "Platform", "DevOps"),
    ("Terraform", "System", "DevOps"),
    ("Ansible", "System", "DevOps"),
    ("AWS", "Platform", "DevOps"),
    ("Google Cloud", "Platform", "DevOps"),
    ("Microsoft Azure", "Platform", "DevOps"),
    ("GitHub Actions", "Service", "DevOps"),
    ("GitLab CI", "Service", "DevOps"),
    ("Jenkins", "System", "DevOps"),
    ("Prometheus", "System", "DevOps"),
    ("Grafana", "Platform", "DevOps"),
    ("Nginx", "System", "DevOps"),
    ("Linux", "System", "DevOps"),
    ("Helm", "System", "DevOps"),
    ("Git", "System", "Tools"),
    ("Jira", "Service", "Tools"),
    ("Figma", "Service", "Tools"),
    ("Webpack", "System", "Tools"),
    ("Vite", "System", "Tools"),
    ("Jest", "Framework", "Tools"),
    ("Pytest", "Framework", "Tools"),
    ("Playwright", "Framework", "Tools"),
    ("Cypress", "Framework", "Tools"),
    ("Pandas", "Library", "Tools"),
    ("NumPy", "Library", "Tools"),
    ("PyTorch", "Framework", "Tools"),
    ("TensorFlow", "Framework", "Tools"),
    ("scikit-learn", "Library", "Tools"),
    ("Apache Spark", "Platform", "Tools"),
    ("Airflow", "Platform", "Tools"),
    ("Tableau", "Service", "Tools"),
    ("Power BI", "Service", "Tools"),
];

/// Adds the starter catalog's technologies that the catalog does not have yet.
pub(crate) fn ensure_starter_catalog(tx: &Transaction<'_>) -> Result<()> {
    for (name, category, layer) in STARTER_CATALOG {
        if find_by_name(tx, name)?.is_none() {
            tx.prepare_cached(
                "INSERT INTO technologies (id, name, category, layer) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![rows::new_id(), name, category, layer])?;
        }
    }
    Ok(())
}
