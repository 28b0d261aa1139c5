//! The Import/Export screen's commands: native file dialogs (rfd, GTK 3 backend), a
//! preview and a run of an import with its progress, the import history, and exports.
//! Each calls the core; the dialogs are the only thing done here.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

use career_hub::archive::{self, ArchiveSummary};
use career_hub::backup::{self, RestoreReport};
use career_hub::export::{self, jsonresume as export_jsonresume};
use career_hub::import::{self, ImportRecord, ImportReport, jsonresume, linkedin};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime};
use tracing::instrument;

use crate::error::{CommandResult, IpcError};
use crate::state::AppState;

/// What a file dialog is asked to choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FileChoice {
    /// A JSON Resume file to import.
    JsonResume,
    /// The ZIP of a LinkedIn "Download your data" export.
    LinkedinZip,
    /// The folder a LinkedIn export was unpacked to.
    LinkedinFolder,
    /// Where to save a JSON Resume export.
    SaveJsonResume,
    /// Where to save a full backup.
    SaveBackup,
    /// Where to save a CV as PDF.
    SavePdf,
    /// A full backup to restore.
    OpenBackup,
    /// A job posting to tailor a CV to.
    OpenPosting,
}

/// A format Career Hub imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    JsonResume,
    Linkedin,
}

/// A format Career Hub exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// The profile as a JSON Resume document.
    JsonResume,
    /// Everything, as a full backup for another machine.
    Backup,
}

/// How far an import has got, sent while it runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportProgress {
    /// 0 to 100.
    pub percent: u32,
    /// What is happening, in words.
    pub message: String,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct ExportSummary {
    pub path: String,
    pub bytes: u32,
}

impl ExportSummary {
    pub fn new(path: &Path, bytes: u64) -> Self {
        ExportSummary {
            path: path.display().to_string(),
            bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
        }
    }
}

type Pending = Pin<Box<dyn Future<Output = Option<rfd::FileHandle>> + Send>>;

/// Opens the native dialog for `choice` over the app's window; `None` when the person
/// cancels.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app, window), err)]
pub async fn choose_file<R: Runtime>(
    app: AppHandle<R>,
    window: tauri::Window<R>,
    choice: FileChoice,
) -> CommandResult<Option<String>> {
    let (sender, receiver) = std::sync::mpsc::channel::<Pending>();
    // GTK dialogs are created on the main thread; the answer is awaited here.
    app.run_on_main_thread(move || {
        let dialog = rfd::AsyncFileDialog::new().set_parent(&window);
        let pending: Pending = match choice {
            FileChoice::JsonResume => Box::pin(
                dialog
                    .set_title("Import a JSON Resume")
                    .add_filter("JSON Resume", &["json"])
                    .pick_file(),
            ),
            FileChoice::LinkedinZip => Box::pin(
                dialog
                    .set_title("Import a LinkedIn data export")
                    .add_filter("LinkedIn export (ZIP)", &["zip"])
                    .pick_file(),
            ),
            FileChoice::LinkedinFolder => Box::pin(
                dialog
                    .set_title("Choose the unpacked LinkedIn export folder")
                    .pick_folder(),
            ),
            FileChoice::SaveJsonResume => Box::pin(
                dialog
                    .set_title("Export as JSON Resume")
                    .set_file_name("resume.json")
                    .add_filter("JSON Resume", &["json"])
                    .save_file(),
            ),
            FileChoice::SaveBackup => Box::pin(
                dialog
                    .set_title("Save a full backup")
                    .set_file_name("career-hub-backup.json")
                    .add_filter("Career Hub backup", &["json"])
                    .save_file(),
            ),
            FileChoice::OpenBackup => Box::pin(
                dialog
                    .set_title("Restore a full backup")
                    .add_filter("Career Hub backup", &["json"])
                    .pick_file(),
            ),
            FileChoice::OpenPosting => Box::pin(
                dialog
                    .set_title("Open a job posting")
                    .add_filter("Job posting", &["txt", "md", "html", "htm"])
                    .pick_file(),
            ),
            FileChoice::SavePdf => Box::pin(
                dialog
                    .set_title("Export the CV as PDF")
                    .set_file_name("cv.pdf")
                    .add_filter("PDF", &["pdf"])
                    .save_file(),
            ),
        };
        let _ = sender.send(pending);
    })
    .map_err(|e| shell_error(format!("the file dialog could not be opened: {e}")))?;
    let pending = tauri::async_runtime::spawn_blocking(move || receiver.recv())
        .await
        .map_err(|e| shell_error(format!("the file dialog failed: {e}")))?
        .map_err(|_| shell_error("the file dialog could not be opened".to_owned()))?;
    Ok(pending.await.map(|file| file.path().display().to_string()))
}

/// Imports the file or folder at `path`; with `dry_run`, only reports what would
/// change (the preview). Progress is sent on `progress` as the import runs.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app, progress), err)]
pub async fn import_file<R: Runtime>(
    app: AppHandle<R>,
    format: ImportFormat,
    path: String,
    dry_run: bool,
    progress: Channel<ImportProgress>,
) -> CommandResult<ImportReport> {
    let step = move |percent: u32, message: String| {
        let _ = progress.send(ImportProgress { percent, message });
    };
    tauri::async_runtime::spawn_blocking(move || {
        let path = PathBuf::from(path);
        let name = file_name(&path);
        let state = app.state::<AppState>();
        step(
            5,
            format!("Waiting for the profile to be free to import {name}…"),
        );
        let report = state.with(|db, local| {
            step(
                25,
                if dry_run {
                    format!("Reading and checking {name}…")
                } else {
                    format!("Reading {name} and writing it to your profile…")
                },
            );
            match format {
                ImportFormat::JsonResume => jsonresume::import_file(db, local, &path, dry_run),
                ImportFormat::Linkedin => linkedin::import(db, local, &path, dry_run),
            }
        });
        match &report {
            Ok(report) if dry_run => step(100, format!("{name}: {} to add.", report.added.len())),
            Ok(report) => step(
                100,
                format!("Imported {} item(s) from {name}.", report.items_imported()),
            ),
            Err(_) => step(100, format!("{name} could not be imported.")),
        }
        report
    })
    .await
    .map_err(|e| shell_error(format!("the import stopped unexpectedly: {e}")))?
}

/// The imports made so far, newest first.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn import_history(
    state: tauri::State<'_, AppState>,
    limit: u32,
) -> CommandResult<Vec<ImportRecord>> {
    state.with(|db, local| import::history(db.conn(), &local.user_id, limit))
}

/// Writes the profile (or everything, for a backup) to `path`.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn export_file(
    state: tauri::State<'_, AppState>,
    format: ExportFormat,
    path: String,
) -> CommandResult<ExportSummary> {
    let path = PathBuf::from(path);
    state.with(|db, local| {
        let document = match format {
            ExportFormat::JsonResume => {
                export_jsonresume::json_resume(db.conn(), &local.profile_id, None)?
            }
            ExportFormat::Backup => archive::export(db.conn())?,
        };
        let bytes = export::write_document(db.conn(), &path, &document)?;
        Ok(ExportSummary::new(&path, bytes))
    })
}

/// The largest backup file read: a backup holds the whole history, so it may be big.
const MAX_BACKUP_BYTES: u64 = 512 * 1024 * 1024;

fn read_backup(path: &Path) -> career_hub::Result<serde_json::Value> {
    let text = import::read_text(path, MAX_BACKUP_BYTES)?;
    serde_json::from_str(&text).map_err(|e| {
        career_hub::Error::Conflict(format!(
            "{} is not a Career Hub backup (it is not valid JSON: {e})",
            file_name(path)
        ))
    })
}

/// What the backup at `path` holds, before anything is restored.
#[tauri::command]
#[specta::specta]
#[instrument(err)]
pub fn preview_backup(path: String) -> CommandResult<ArchiveSummary> {
    Ok(archive::summary(&read_backup(Path::new(&path))?)?)
}

/// Replaces everything with the backup at `path`; the replaced database is kept aside
/// (`previous_kept_at`), and [`restore_previous`] on it undoes this.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub async fn restore_backup(
    state: tauri::State<'_, AppState>,
    path: String,
) -> CommandResult<RestoreReport> {
    let document = read_backup(Path::new(&path))?;
    state.replacing(|db| archive::replace(db, &document))
}

/// Puts back a database that a restore kept aside (undoing that restore); what it
/// replaces is kept aside in turn.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub async fn restore_previous(
    state: tauri::State<'_, AppState>,
    path: String,
) -> CommandResult<RestoreReport> {
    let live = state.db_path.clone();
    state.replacing(|_| backup::restore(&live, Path::new(&path)))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// A failure of the desktop around the app (the file dialog, a worker thread): nobody's
/// input caused it.
fn shell_error(message: String) -> IpcError {
    IpcError::from(career_hub::Error::Internal(message))
}
