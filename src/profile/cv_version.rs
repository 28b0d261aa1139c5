//! CV versions: named selections over the one profile (`sections_config`), never copies.

use rusqlite::{Connection, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use super::rows;
use crate::validation::{Checker, Code};
use crate::{Db, Error, Result};

/// The templates a version can use.
pub const TEMPLATES: [&str; 2] = ["modern", "classic"];

/// What a CV version shows, exactly as `sections_config` is documented.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SectionsConfig {
    pub include_photo: bool,
    pub include_summary: bool,
    pub experiences: Vec<String>,
    pub projects: Vec<String>,
    pub skills: Vec<String>,
    pub education: Vec<String>,
    pub certifications: Vec<String>,
    pub achievements: Vec<String>,
    /// Replaces the profile's summary on this CV.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_summary: Option<String>,
}

/// The section lists of a config with their tables, for checks and selection.
const SECTIONS: [(&str, &str); 6] = [
    ("experiences", "experiences"),
    ("projects", "projects"),
    ("skills", "skills"),
    ("education", "education"),
    ("certifications", "certifications"),
    ("achievements", "achievements"),
];

impl SectionsConfig {
    /// The ids one section list selects (`experiences`, `projects`, …).
    pub fn list(&self, section: &str) -> &[String] {
        match section {
            "experiences" => &self.experiences,
            "projects" => &self.projects,
            "skills" => &self.skills,
            "education" => &self.education,
            "certifications" => &self.certifications,
            _ => &self.achievements,
        }
    }

    /// The ids one section list selects, to change.
    pub fn list_mut(&mut self, section: &str) -> &mut Vec<String> {
        match section {
            "experiences" => &mut self.experiences,
            "projects" => &mut self.projects,
            "skills" => &mut self.skills,
            "education" => &mut self.education,
            "certifications" => &mut self.certifications,
            _ => &mut self.achievements,
        }
    }

    /// Everything the profile has, selected, in display order.
    pub fn everything(conn: &Connection, profile_id: &str) -> Result<Self> {
        let mut config = Self {
            include_photo: false,
            include_summary: true,
            ..Self::default()
        };
        for (section, table) in SECTIONS {
            *config.list_mut(section) = rows::get_all(
                conn,
                &format!(
                    "SELECT id FROM {table} WHERE profile_id = ?1 ORDER BY display_order, rowid"
                ),
                profile_id,
                |row| row.get(0),
            )?;
        }
        Ok(config)
    }
}

/// Keeps the items of `items` whose id the selection lists, in the selection's order;
/// everything when there is no selection.
pub fn selected<'a, T>(
    items: &'a [T],
    id: impl Fn(&T) -> &str,
    chosen: Option<&[String]>,
) -> Vec<&'a T> {
    match chosen {
        None => items.iter().collect(),
        Some(ids) => ids
            .iter()
            .filter_map(|wanted| items.iter().find(|i| id(i) == wanted))
            .collect(),
    }
}

/// One CV version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CvVersion {
    pub id: String,
    pub profile_id: String,
    pub name: String,
    pub template: String,
    pub sections_config: SectionsConfig,
    /// Where its PDF was last exported to.
    pub pdf_url: Option<String>,
    pub is_default: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person enters for a CV version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CvVersionInput {
    pub name: String,
    /// `modern` when empty.
    pub template: String,
    /// `None`: everything in the profile, selected.
    pub sections_config: Option<SectionsConfig>,
    pub is_default: bool,
}

const SELECT: &str = "SELECT id, profile_id, name, template, sections_config, pdf_url, is_default, created_at, updated_at FROM cv_versions";

fn from_row(row: &Row<'_>) -> rusqlite::Result<CvVersion> {
    let config: String = row.get(4)?;
    Ok(CvVersion {
        id: row.get(0)?,
        profile_id: row.get(1)?,
        name: row.get(2)?,
        template: row
            .get::<_, Option<String>>(3)?
            .unwrap_or_else(|| "modern".to_owned()),
        sections_config: serde_json::from_str(&config).unwrap_or_default(),
        pdf_url: row.get(5)?,
        is_default: row.get::<_, Option<bool>>(6)?.unwrap_or(false),
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

/// One version by id.
pub fn get(conn: &Connection, id: &str) -> Result<CvVersion> {
    rows::get_one(
        conn,
        &format!("{SELECT} WHERE id = ?1"),
        "CV version",
        id,
        from_row,
    )
}

/// The profile's versions, the default first, then by creation.
pub fn list(conn: &Connection, profile_id: &str) -> Result<Vec<CvVersion>> {
    let sql = format!("{SELECT} WHERE profile_id = ?1 ORDER BY is_default DESC, created_at, rowid");
    rows::get_all(conn, &sql, profile_id, from_row)
}

fn validate(
    conn: &Connection,
    profile_id: &str,
    input: &CvVersionInput,
    config: &SectionsConfig,
) -> Result<()> {
    let mut check = Checker::new();
    check.required("name", "The version name", &input.name);
    check.max_chars("name", "The version name", Some(&input.name), 100);
    check.choice(
        "template",
        "The template",
        Some(&input.template),
        &TEMPLATES,
    );
    for (section, table) in SECTIONS {
        for id in config.list(section) {
            let owned: bool = conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1 AND profile_id = ?2)"),
                params![id, profile_id],
                |row| row.get(0),
            )?;
            if !owned {
                check.push(
                    Code::UnknownReference,
                    &format!("sections_config.{section}"),
                    format!("The selection names {id}, which is not in this profile's {section}."),
                );
            }
        }
    }
    check.finish()
}

fn normalized(input: CvVersionInput) -> CvVersionInput {
    let template = input.template.trim().to_owned();
    CvVersionInput {
        name: input.name.trim().to_owned(),
        template: if template.is_empty() {
            "modern".to_owned()
        } else {
            template
        },
        ..input
    }
}

fn clear_default(tx: &Transaction<'_>, profile_id: &str, except: &str) -> Result<()> {
    tx.prepare_cached("UPDATE cv_versions SET is_default = 0 WHERE profile_id = ?1 AND is_default = 1 AND id != ?2")?.execute(params![profile_id, except])?;
    Ok(())
}

/// Creates a version; the first version of a profile becomes its default.
pub fn create(db: &mut Db, profile_id: &str, input: CvVersionInput) -> Result<CvVersion> {
    let input = normalized(input);
    let config = match &input.sections_config {
        Some(config) => config.clone(),
        None => SectionsConfig::everything(db.conn(), profile_id)?,
    };
    validate(db.conn(), profile_id, &input, &config)?;
    let id = rows::new_id();
    db.write(|tx| {
        let first: bool = tx.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM cv_versions WHERE profile_id = ?1)",
            [profile_id],
            |row| row.get(0),
        )?;
        let is_default = input.is_default || first;
        if is_default {
            clear_default(tx, profile_id, &id)?;
        }
        tx.prepare_cached("INSERT INTO cv_versions (id, profile_id, name, template, sections_config, is_default) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?.execute(params![id, profile_id, input.name, input.template, serde_json::to_string(&config)?, is_default])?;
        Ok(())
    })?;
    get(db.conn(), &id)
}

/// Renames a version, changes its template or selection, or makes it the default.
/// The default cannot be unset directly: make another version the default instead.
pub fn update(db: &mut Db, id: &str, input: CvVersionInput) -> Result<CvVersion> {
    let current = get(db.conn(), id)?;
    let input = normalized(input);
    let config = input
        .sections_config
        .clone()
        .unwrap_or(current.sections_config);
    validate(db.conn(), &current.profile_id, &input, &config)?;
    if current.is_default && !input.is_default {
        return Err(Error::Conflict(
            "a profile always has one default CV version: make another version the default instead"
                .to_owned(),
        ));
    }
    db.write(|tx| {
        if input.is_default {
            clear_default(tx, &current.profile_id, id)?;
        }
        tx.prepare_cached("UPDATE cv_versions SET name = ?2, template = ?3, sections_config = ?4, is_default = ?5 WHERE id = ?1")?.execute(params![id, input.name, input.template, serde_json::to_string(&config)?, input.is_default])?;
        Ok(())
    })?;
    get(db.conn(), id)
}

/// Makes this version the profile's default, and no other.
pub fn set_default(db: &mut Db, id: &str) -> Result<CvVersion> {
    let current = get(db.conn(), id)?;
    db.write(|tx| {
        clear_default(tx, &current.profile_id, id)?;
        tx.execute("UPDATE cv_versions SET is_default = 1 WHERE id = ?1", [id])?;
        Ok(())
    })?;
    get(db.conn(), id)
}

/// Deletes a version; when it was the default, the oldest remaining one becomes the default.
pub fn delete(db: &mut Db, id: &str) -> Result<()> {
    let current = get(db.conn(), id)?;
    db.write(|tx| {
        rows::delete(tx, "cv_versions", "CV version", id)?;
        if current.is_default {
            tx.execute(
                "UPDATE cv_versions SET is_default = 1
                 WHERE id = (SELECT id FROM cv_versions WHERE profile_id = ?1 ORDER BY created_at, rowid LIMIT 1)",
                [&current.profile_id],
            )?;
        }
        Ok(())
    })
}

/// A copy of a version's template and selection under a new name (never the default).
pub fn duplicate(db: &mut Db, id: &str, name: &str) -> Result<CvVersion> {
    let source = get(db.conn(), id)?;
    create(
        db,
        &source.profile_id,
        CvVersionInput {
            name: name.to_owned(),
            template: source.template,
            sections_config: Some(source.sections_config),
            is_default: false,
        },
    )
}
