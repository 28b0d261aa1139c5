//! The Import/Export screen's commands: native file dialogs (rfd, GTK 3 backend), a
//! preview and a run of an import with its progress, the import history, and exports.
//! Each calls the core; the dialogs are the only thing done here.

use std::path::{Path, PathBuf};

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
    /// Where to save a CV as a Word document.
    SaveDocx,
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

/// What a file dialog shows: its title, whether it opens a file, a folder or saves
/// one, the suggested name, and the kinds of file it lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogSpec {
    pub title: String,
    pub action: DialogAction,
    pub file_name: Option<String>,
    /// A name for the kind of file, and its extensions.
    pub filter: Option<(String, Vec<String>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DialogAction {
    Open,
    OpenFolder,
    Save,
}

impl FileChoice {
    fn dialog(self) -> DialogSpec {
        let spec =
            |title: &str, action, file_name: Option<&str>, filter: Option<(&str, &[&str])>| {
                DialogSpec {
                    title: title.to_owned(),
                    action,
                    file_name: file_name.map(str::to_owned),
                    filter: filter.map(|(name, extensions)| {
                        (
                            name.to_owned(),
                            extensions.iter().map(|e| (*e).to_owned()).collect(),
                        )
                    }),
                }
            };
        use DialogAction::{Open, OpenFolder, Save};
        match self {
            FileChoice::JsonResume => spec(
                "Import a JSON Resume",
                Open,
                None,
                Some(("JSON Resume", &["json"])),
            ),
            FileChoice::LinkedinZip => spec(
                "Import a LinkedIn data export",
                Open,
                None,
                Some(("LinkedIn export (ZIP)", &["zip"])),
            ),
            FileChoice::LinkedinFolder => spec(
                "Choose the unpacked LinkedIn export folder",
                OpenFolder,
                None,
                None,
            ),
            FileChoice::SaveJsonResume => spec(
                "Export as JSON Resume",
                Save,
                Some("resume.json"),
                Some(("JSON Resume", &["json"])),
            ),
            FileChoice::SaveBackup => spec(
                "Save a full backup",
                Save,
                Some("career-hub-backup.json"),
                Some(("Career Hub backup", &["json"])),
            ),
            FileChoice::OpenBackup => spec(
                "Restore a full backup",
                Open,
                None,
                Some(("Career Hub backup", &["json"])),
            ),
            FileChoice::OpenPosting => spec(
                "Open a job posting",
                Open,
                None,
                Some(("Job posting", &["txt", "md", "html", "htm"])),
            ),
            FileChoice::SavePdf => spec(
                "Export the CV as PDF",
                Save,
                Some("cv.pdf"),
                Some(("PDF", &["pdf"])),
            ),
            FileChoice::SaveDocx => spec(
                "Export the CV as a Word document",
                Save,
                Some("cv.docx"),
                Some(("Word document", &["docx"])),
            ),
        }
    }
}

/// The argument that makes the app's binary show one file dialog and exit
/// ([`file_dialog_helper`]).
pub const FILE_DIALOG_ARG: &str = "--file-dialog";

/// Opens the native dialog for `choice`; `None` when the person cancels.
///
/// The dialog runs in a process of its own (this binary, started with
/// [`FILE_DIALOG_ARG`]): a GTK file dialog opens and closes every file of the folder
/// it shows to sniff its type, and closing a file drops all of a process's POSIX
/// locks on it — in the app's process, the locks that keep other programs from
/// deleting the database's write-ahead log while the app writes to it.
#[tauri::command]
#[specta::specta]
#[instrument(err)]
pub async fn choose_file(choice: FileChoice) -> CommandResult<Option<String>> {
    let spec = serde_json::to_string(&choice.dialog())
        .map_err(|e| shell_error(format!("the file dialog could not be described: {e}")))?;
    let program = std::env::current_exe()
        .map_err(|e| shell_error(format!("the file dialog could not be started: {e}")))?;
    let output = tauri::async_runtime::spawn_blocking(move || {
        std::process::Command::new(program)
            .arg(FILE_DIALOG_ARG)
            .arg(spec)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::inherit())
            .output()
    })
    .await
    .map_err(|e| shell_error(format!("the file dialog failed: {e}")))?
    .map_err(|e| shell_error(format!("the file dialog could not be started: {e}")))?;
    if !output.status.success() {
        return Err(shell_error(
            "the file dialog closed unexpectedly; try again".to_owned(),
        ));
    }
    let chosen = String::from_utf8_lossy(&output.stdout)
        .trim_end_matches('\n')
        .to_owned();
    Ok((!chosen.is_empty()).then_some(chosen))
}

/// Shows the file dialog `spec` (JSON of a [`DialogSpec`]) and writes the chosen path
/// on standard output (nothing when the person cancels); what `main` runs when started
/// with [`FILE_DIALOG_ARG`]. Returns the exit code.
pub fn file_dialog_helper(spec: &str) -> i32 {
    let Ok(spec) = serde_json::from_str::<DialogSpec>(spec) else {
        eprintln!("career-hub-desktop: {FILE_DIALOG_ARG} takes a dialog description");
        return 2;
    };
    let mut dialog = rfd::FileDialog::new().set_title(&spec.title);
    if let Some(name) = &spec.file_name {
        dialog = dialog.set_file_name(name);
    }
    if let Some((name, extensions)) = &spec.filter {
        dialog = dialog.add_filter(name, extensions);
    }
    let chosen = match spec.action {
        DialogAction::Open => dialog.pick_file(),
        DialogAction::OpenFolder => dialog.pick_folder(),
        DialogAction::Save => dialog.save_file(),
    };
    if let Some(path) = chosen {
        println!("{}", path.display());
    }
    0
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
        let bytes = match format {
            ExportFormat::JsonResume => {
                let document = export_jsonresume::json_resume(db.conn(), &local.profile_id, None)?;
                export::write_document(db.conn(), &path, &document)?
            }
            ExportFormat::Backup => {
                export::write_file(db.conn(), &path, archive::text(db.conn())?.as_bytes())?
            }
        };
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
