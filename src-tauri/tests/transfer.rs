//! The Import/Export screen's commands on Tauri's mock runtime: a preview writes
//! nothing, an import reports its progress and lands in the history, a bad file is a
//! FAILED history row, and exports write files the core can read back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use career_hub_desktop::commands as c;
use career_hub_desktop::state::AppState;
use career_hub_desktop::transfer::{self as t, ExportFormat, ImportFormat, ImportProgress};
use common::app;
use tauri::Manager;
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::test::MockRuntime;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// A channel that keeps every progress message it is sent.
fn progress() -> (Channel<ImportProgress>, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&seen);
    let channel = Channel::new(move |body| {
        if let InvokeResponseBody::Json(json) = body {
            kept.lock().unwrap().push(json);
        }
        Ok(())
    });
    (channel, seen)
}

fn import(
    app: &tauri::App<MockRuntime>,
    format: ImportFormat,
    path: &str,
    dry_run: bool,
) -> (
    Result<career_hub::import::ImportReport, career_hub_desktop::error::IpcError>,
    Vec<String>,
) {
    let (channel, seen) = progress();
    let report = tauri::async_runtime::block_on(t::import_file(
        app.handle().clone(),
        format,
        path.to_owned(),
        dry_run,
        channel,
    ));
    let messages = seen.lock().unwrap().clone();
    (report, messages)
}

#[test]
fn preview_then_import_with_progress_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let s = || app.state::<AppState>();
    let file = fixture("jsonresume/full.json");

    let (preview, _) = import(&app, ImportFormat::JsonResume, &file, true);
    let preview = preview.unwrap();
    assert!(preview.dry_run);
    assert!(preview.added.len() > 5, "{preview:?}");
    assert!(
        c::get_profile(s()).unwrap().experiences.is_empty(),
        "a preview writes nothing"
    );
    assert!(
        t::import_history(s(), 10).unwrap().is_empty(),
        "nor a history row"
    );

    let (report, messages) = import(&app, ImportFormat::JsonResume, &file, false);
    let report = report.unwrap();
    assert_eq!(
        report.added, preview.added,
        "the import does what the preview said"
    );
    let percents: Vec<u32> = messages
        .iter()
        .map(|m| {
            serde_json::from_str::<serde_json::Value>(m).unwrap()["percent"]
                .as_u64()
                .unwrap() as u32
        })
        .collect();
    assert!(percents.windows(2).all(|w| w[0] <= w[1]), "{percents:?}");
    assert_eq!(percents.last(), Some(&100));
    assert!(
        messages.last().unwrap().contains("Imported"),
        "{messages:?}"
    );
    assert!(!c::get_profile(s()).unwrap().experiences.is_empty());

    let history = t::import_history(s(), 10).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status, "COMPLETED");
    assert_eq!(history[0].source, "JSON_RESUME");
    assert_eq!(history[0].items_imported, report.items_imported());

    // The same file again: nothing to add.
    let (again, _) = import(&app, ImportFormat::JsonResume, &file, true);
    assert!(again.unwrap().added.is_empty());
}

#[test]
fn a_bad_file_is_a_failed_history_row_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let s = || app.state::<AppState>();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"basics\": ").unwrap();

    let (error, messages) = import(
        &app,
        ImportFormat::JsonResume,
        &broken.display().to_string(),
        false,
    );
    let error = error.unwrap_err();
    assert!(error.message.contains("not valid JSON"), "{error:?}");
    assert!(messages.last().unwrap().contains("could not be imported"));
    let history = t::import_history(s(), 10).unwrap();
    assert_eq!(history[0].status, "FAILED");
    assert!(
        history[0]
            .error_message
            .as_deref()
            .unwrap()
            .contains("not valid JSON")
    );

    let (linkedin, _) = import(
        &app,
        ImportFormat::Linkedin,
        &fixture("linkedin/full"),
        false,
    );
    assert!(linkedin.unwrap().items_imported() > 0);
    let history = t::import_history(s(), 10).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].source, "LINKEDIN", "newest first");
}

#[test]
fn exports_write_files_the_core_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let s = || app.state::<AppState>();
    let (report, _) = import(
        &app,
        ImportFormat::JsonResume,
        &fixture("jsonresume/full.json"),
        false,
    );
    report.unwrap();

    let resume = dir.path().join("resume.json");
    let summary =
        t::export_file(s(), ExportFormat::JsonResume, resume.display().to_string()).unwrap();
    assert_eq!(
        summary.bytes as u64,
        std::fs::metadata(&resume).unwrap().len()
    );
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&resume).unwrap()).unwrap();
    assert!(document["work"].as_array().is_some_and(|w| !w.is_empty()));

    let backup = dir.path().join("backup.json");
    t::export_file(s(), ExportFormat::Backup, backup.display().to_string()).unwrap();
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&backup).unwrap()).unwrap();
    assert_eq!(document["format"], "career-hub-backup");

    let missing = dir.path().join("no-such-folder/backup.json");
    let error =
        t::export_file(s(), ExportFormat::Backup, missing.display().to_string()).unwrap_err();
    assert!(error.message.contains("could not write"), "{error:?}");
    assert!(!missing.exists());
}
