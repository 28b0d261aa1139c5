//! CV versions on paper: the profile, narrowed to one version's selection
//! ([`content`]), typeset by the `career-hub-typeset` crate and written as PDF.
//!
//! The typesetting (templates, layout, fonts, the PDF writer and the preview) comes
//! with the `pdf` feature, which the CLI and the desktop app turn on; without it the
//! core builds the content and needs no fonts or PDF crates.

#[cfg(feature = "pdf")]
pub mod check;
pub mod content;
#[cfg(feature = "pdf")]
pub mod docx;

#[cfg(feature = "pdf")]
use std::path::Path;

use rusqlite::Connection;
#[cfg(feature = "pdf")]
use rusqlite::params;
use serde::{Deserialize, Serialize};

pub use career_hub_typeset::{Paper, Template};
#[cfg(feature = "pdf")]
pub use career_hub_typeset::{fonts, layout, layout::Page, preview};

#[cfg(feature = "pdf")]
use crate::Db;
use crate::Result;
use crate::profile::cv_version::{self, CvVersion, SectionsConfig};
#[cfg(feature = "pdf")]
use crate::profile::{self, FullProfile};

/// How to print a CV. `template: None` uses the version's own template.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PdfOptions {
    pub template: Option<Template>,
    pub paper: Paper,
}

/// The version to print: the one asked for, else the profile's default, else none
/// (the whole profile).
pub fn resolve_version(
    conn: &Connection,
    profile_id: &str,
    version_id: Option<&str>,
) -> Result<Option<CvVersion>> {
    match version_id {
        Some(id) => cv_version::get(conn, id).map(Some),
        None => Ok(cv_version::list(conn, profile_id)?
            .into_iter()
            .find(|v| v.is_default)),
    }
}

#[cfg(feature = "pdf")]
fn template_of(version: Option<&CvVersion>, options: &PdfOptions) -> Template {
    options
        .template
        .or_else(|| version.and_then(|v| Template::parse(&v.template)))
        .unwrap_or_default()
}

/// The laid-out pages of a CV, from data already loaded.
#[cfg(feature = "pdf")]
pub fn pages_of(
    full: &FullProfile,
    version: Option<&CvVersion>,
    options: &PdfOptions,
) -> Vec<Page> {
    let content = content::build(full, version);
    career_hub_typeset::pages(&content, template_of(version, options), options.paper)
}

/// The PDF of a CV, from data already loaded.
#[cfg(feature = "pdf")]
pub fn pdf_of(
    full: &FullProfile,
    version: Option<&CvVersion>,
    options: &PdfOptions,
) -> Result<Vec<u8>> {
    let content = content::build(full, version);
    Ok(career_hub_typeset::pdf(
        &content,
        template_of(version, options),
        options.paper,
    )?)
}

/// The ATS check ([`check`]) of a version (or of the whole profile) as it exports
/// with `options`, or, given `pdf`, of that file read against what the version says.
#[cfg(feature = "pdf")]
pub fn check_pdf(
    conn: &Connection,
    profile_id: &str,
    version_id: Option<&str>,
    options: &PdfOptions,
    pdf: Option<&[u8]>,
) -> Result<check::AtsReport> {
    let (full, version) = load(conn, profile_id, version_id)?;
    let content = content::build(&full, version.as_ref());
    let report = match pdf {
        Some(bytes) => check::check(bytes, &content),
        None => {
            let bytes = career_hub_typeset::pdf(
                &content,
                template_of(version.as_ref(), options),
                options.paper,
            )?;
            check::check(&bytes, &content)
        }
    };
    Ok(report)
}

/// A version (or the whole profile) as a Word document, from the same content as its
/// PDF; the same CV always gives the same bytes.
#[cfg(feature = "pdf")]
pub fn export_docx(
    conn: &Connection,
    profile_id: &str,
    version_id: Option<&str>,
) -> Result<Vec<u8>> {
    let (full, version) = load(conn, profile_id, version_id)?;
    docx::docx_of(&content::build(&full, version.as_ref()))
}

/// Writes the Word document to `path` (whole or not at all). Returns the bytes written.
#[cfg(feature = "pdf")]
pub fn export_docx_file(
    conn: &Connection,
    profile_id: &str,
    version_id: Option<&str>,
    path: &Path,
) -> Result<u64> {
    let bytes = export_docx(conn, profile_id, version_id)?;
    crate::export::write_file(conn, path, &bytes)
}

/// The bytes of an exported PDF, to check with [`check_pdf`].
#[cfg(feature = "pdf")]
pub fn read_pdf(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| crate::Error::io("read", path, e))
}

/// The profile and the version to print (see [`resolve_version`]).
#[cfg(feature = "pdf")]
fn load(
    conn: &Connection,
    profile_id: &str,
    version_id: Option<&str>,
) -> Result<(FullProfile, Option<CvVersion>)> {
    Ok((
        profile::load(conn, profile_id)?,
        resolve_version(conn, profile_id, version_id)?,
    ))
}

/// The PDF of CV version `version_id` (or of the default version, or of the whole
/// profile when there is none). The same data and options give the same bytes.
#[cfg(feature = "pdf")]
pub fn export_pdf(
    conn: &Connection,
    profile_id: &str,
    version_id: Option<&str>,
    options: &PdfOptions,
) -> Result<Vec<u8>> {
    let (full, version) = load(conn, profile_id, version_id)?;
    pdf_of(&full, version.as_ref(), options)
}

/// The pages of a CV, for a preview.
#[cfg(feature = "pdf")]
pub fn preview_pages(
    conn: &Connection,
    profile_id: &str,
    version_id: Option<&str>,
    options: &PdfOptions,
) -> Result<Vec<Page>> {
    let (full, version) = load(conn, profile_id, version_id)?;
    Ok(pages_of(&full, version.as_ref(), options))
}

/// Writes the PDF to `path` (whole or not at all) and, for a version, remembers the
/// path in its `pdf_url`. Returns the number of bytes written.
#[cfg(feature = "pdf")]
pub fn export_pdf_file(
    db: &mut Db,
    profile_id: &str,
    version_id: Option<&str>,
    options: &PdfOptions,
    path: &Path,
) -> Result<u64> {
    let (full, version) = load(db.conn(), profile_id, version_id)?;
    let bytes = pdf_of(&full, version.as_ref(), options)?;
    let written = crate::export::write_file(db.conn(), path, &bytes)?;
    if let Some(version) = version {
        let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let shown = shown.display().to_string();
        if version.pdf_url.as_deref() == Some(shown.as_str()) {
            // Exported to the same file again: nothing to record.
            return Ok(written);
        }
        db.write(|tx| {
            tx.execute(
                "UPDATE cv_versions SET pdf_url = ?2 WHERE id = ?1",
                params![version.id, shown],
            )?;
            Ok(())
        })?;
    }
    Ok(written)
}

/// An item of the profile that a version does not show yet and that was added
/// after the version was last changed: offered to the person, never added silently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OfferedItem {
    /// The `sections_config` list it would join (`experiences`, `projects`, …).
    pub section: String,
    pub id: String,
    pub label: String,
}

/// What `version_id` could add: items created after the version was last changed
/// and not in its selection, in display order.
pub fn offered(conn: &Connection, version_id: &str) -> Result<Vec<OfferedItem>> {
    const SQL: &str = "
        SELECT 'experiences', 1, id, position || ' at ' || company_name, display_order, created_at
          FROM experiences WHERE profile_id = ?1
        UNION ALL SELECT 'projects', 2, id, name, display_order, created_at
          FROM projects WHERE profile_id = ?1
        UNION ALL SELECT 'skills', 3, s.id, t.name, s.display_order, s.created_at
          FROM skills s JOIN technologies t ON t.id = s.technology_id WHERE s.profile_id = ?1
        UNION ALL SELECT 'education', 4, id, institution, display_order, created_at
          FROM education WHERE profile_id = ?1
        UNION ALL SELECT 'certifications', 5, id, name, display_order, created_at
          FROM certifications WHERE profile_id = ?1
        UNION ALL SELECT 'achievements', 6, id, title, display_order, created_at
          FROM achievements WHERE profile_id = ?1
        ORDER BY 2, 5, 6";
    let version = cv_version::get(conn, version_id)?;
    let config: &SectionsConfig = &version.sections_config;
    let mut statement = conn.prepare_cached(SQL)?;
    let rows = statement.query_map([&version.profile_id], |row| {
        Ok((
            OfferedItem {
                section: row.get(0)?,
                id: row.get(2)?,
                label: row.get(3)?,
            },
            row.get::<_, String>(5)?,
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let (item, created_at) = row?;
        if created_at > version.updated_at && !config.list(&item.section).contains(&item.id) {
            items.push(item);
        }
    }
    Ok(items)
}
