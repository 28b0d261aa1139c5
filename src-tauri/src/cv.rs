//! The CV step's commands: versions (create, rename, duplicate, select items), what
//! they could add, a live preview of the actual pages, and the PDF export.

use std::path::PathBuf;

use career_hub::cv::check::AtsReport;
use career_hub::cv::{self, OfferedItem, PdfOptions, preview};
use career_hub::profile::cv_version::{self, CvVersion, CvVersionInput};
use serde::Serialize;
use tauri::State;
use tracing::instrument;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::transfer::ExportSummary;

/// The profile's CV versions, the default first.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn cv_list(state: State<'_, AppState>) -> CommandResult<Vec<CvVersion>> {
    state.with(|db, local| cv_version::list(db.conn(), &local.profile_id))
}

/// A new version; without a selection, everything in the profile is selected.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state, input), err)]
pub fn cv_create(state: State<'_, AppState>, input: CvVersionInput) -> CommandResult<CvVersion> {
    state.with(|db, local| cv_version::create(db, &local.profile_id, input))
}

/// Renames a version, changes its template or selection, or makes it the default.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state, input), err)]
pub fn cv_update(
    state: State<'_, AppState>,
    id: String,
    input: CvVersionInput,
) -> CommandResult<CvVersion> {
    state.with(|db, _| cv_version::update(db, &id, input))
}

/// A copy of a version under a new name.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn cv_duplicate(
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> CommandResult<CvVersion> {
    state.with(|db, _| cv_version::duplicate(db, &id, &name))
}

/// Deletes a version (the oldest remaining one becomes the default if it was).
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn cv_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with(|db, _| cv_version::delete(db, &id))
}

/// Items added to the profile since the version was last changed, not on it.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn cv_offered(state: State<'_, AppState>, id: String) -> CommandResult<Vec<OfferedItem>> {
    state.with(|db, _| cv::offered(db.conn(), &id))
}

/// The pages as they will print, one SVG document each.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
pub struct CvPreview {
    pub pages: Vec<String>,
}

/// The pages of a version (or of the whole profile) as they will print.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn cv_preview(
    state: State<'_, AppState>,
    version_id: Option<String>,
    options: PdfOptions,
) -> CommandResult<CvPreview> {
    state.with(|db, local| {
        let pages = cv::preview_pages(
            db.conn(),
            &local.profile_id,
            version_id.as_deref(),
            &options,
        )?;
        Ok(CvPreview {
            pages: pages.iter().map(preview::svg).collect(),
        })
    })
}

/// Writes the PDF to `path` and remembers it as the version's `pdf_url`.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn cv_export(
    state: State<'_, AppState>,
    version_id: Option<String>,
    options: PdfOptions,
    path: String,
) -> CommandResult<ExportSummary> {
    let path = PathBuf::from(path);
    state.with(|db, local| {
        let bytes = cv::export_pdf_file(
            db,
            &local.profile_id,
            version_id.as_deref(),
            &options,
            &path,
        )?;
        Ok(ExportSummary::new(&path, bytes))
    })
}

/// Reads the version's PDF back as an applicant-tracking system would: the file at
/// `path` (an export), or the PDF as it would export now.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn cv_check(
    state: State<'_, AppState>,
    version_id: Option<String>,
    options: PdfOptions,
    path: Option<String>,
) -> CommandResult<AtsReport> {
    let bytes = path
        .map(|path| cv::read_pdf(std::path::Path::new(&path)))
        .transpose()?;
    state.with(|db, local| {
        cv::check_pdf(
            db.conn(),
            &local.profile_id,
            version_id.as_deref(),
            &options,
            bytes.as_deref(),
        )
    })
}

/// Writes the version (or the whole profile) as a Word document to `path`.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn cv_export_docx(
    state: State<'_, AppState>,
    version_id: Option<String>,
    path: String,
) -> CommandResult<ExportSummary> {
    let path = PathBuf::from(path);
    state.with(|db, local| {
        let bytes =
            cv::export_docx_file(db.conn(), &local.profile_id, version_id.as_deref(), &path)?;
        Ok(ExportSummary::new(&path, bytes))
    })
}
