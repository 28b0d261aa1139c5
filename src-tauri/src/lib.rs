//! The Career Hub desktop shell: a thin Tauri 2 layer over the core. `main.rs` calls
//! [`run`]; commands only convert types and call the core.

pub mod commands;
pub mod cv;
pub mod error;
pub mod logging;
pub mod state;
pub mod sync;
pub mod tailor;
pub mod transfer;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use specta_typescript::Typescript;
use tauri_specta::{Builder, collect_commands};

/// Every command, for the invoke handler and the TypeScript bindings.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().commands(collect_commands![
        commands::app_info,
        commands::ui_ready::<tauri::Wry>,
        commands::get_profile,
        commands::update_profile,
        commands::create_experience,
        commands::update_experience,
        commands::delete_experience,
        commands::reorder_experiences,
        commands::create_project,
        commands::update_project,
        commands::delete_project,
        commands::reorder_projects,
        commands::create_skill,
        commands::update_skill,
        commands::delete_skill,
        commands::reorder_skills,
        commands::create_education,
        commands::update_education,
        commands::delete_education,
        commands::reorder_education,
        commands::create_certification,
        commands::update_certification,
        commands::delete_certification,
        commands::reorder_certifications,
        commands::create_achievement,
        commands::update_achievement,
        commands::delete_achievement,
        commands::reorder_achievements,
        commands::list_technologies,
        commands::search_technologies,
        commands::search_profile,
        commands::suggest_responsibilities,
        commands::use_responsibility,
        commands::profile_history,
        commands::item_history,
        commands::undo_last,
        commands::undo_change,
        commands::undo_preview,
        commands::undo_with_later,
        commands::builder_start,
        commands::builder_save_draft,
        commands::builder_update_step,
        commands::builder_progress,
        transfer::choose_file,
        transfer::import_file::<tauri::Wry>,
        transfer::import_history,
        transfer::export_file,
        transfer::preview_backup,
        transfer::restore_backup,
        transfer::restore_previous,
        cv::cv_list,
        cv::cv_create,
        cv::cv_update,
        cv::cv_duplicate,
        cv::cv_delete,
        cv::cv_offered,
        cv::cv_preview,
        cv::cv_export,
        cv::cv_check,
        cv::cv_export_docx,
        tailor::tailor_read_file,
        tailor::tailor_propose,
        tailor::tailor_coverage,
        tailor::tailor_save,
        sync::sync_status,
        sync::sync_sign_in::<tauri::Wry>,
        sync::sync_choose::<tauri::Wry>,
        sync::sync_now::<tauri::Wry>,
        sync::sync_sign_out::<tauri::Wry>,
        sync::sync_devices::<tauri::Wry>,
        sync::sync_revoke::<tauri::Wry>
    ])
}

/// How the bindings are written: ids and counts are plain numbers in TypeScript.
pub fn typescript() -> Typescript {
    Typescript::default().header("// Generated from the Rust types by tauri-specta; do not edit. `cargo test -p career-hub-desktop` checks it.\n")
}

/// The database the app uses: `$CAREER_HUB_DB`, else the OS data folder.
pub fn database_path() -> PathBuf {
    std::env::var_os("CAREER_HUB_DB")
        .map(PathBuf::from)
        .or_else(career_hub::paths::default_db_path)
        .unwrap_or_else(|| PathBuf::from(career_hub::paths::DB_FILE_NAME))
}

static STARTED: OnceLock<Instant> = OnceLock::new();

/// When the app started (for the start-up time the UI reports).
pub fn started() -> Instant {
    *STARTED.get_or_init(Instant::now)
}

/// Starts the app.
pub fn run() {
    started();
    disable_webkit_compositing();
    let _log_guard = logging::init();
    let path = database_path();
    tracing::info!(database = %path.display(), "starting Career Hub");
    if let Some(cache) = career_hub::paths::default_cache_dir() {
        career_hub::cv::fonts::keep_unpacked_in(cache.join("fonts"));
    }
    let builder = specta_builder();
    let result = tauri::Builder::default()
        .manage(state::AppState::open(path.clone()))
        .manage(sync::Background::new(path))
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            sync::Background::start(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "the app stopped with an error");
        eprintln!("Career Hub could not start: {error}");
        std::process::exit(1);
    }
}

/// WebKitGTK's accelerated compositing roughly doubles the web process's memory
/// (210 → 114 MiB measured, BENCHMARKS.md) and buys nothing for a forms app; on some
/// GPU drivers it also leaves the window blank. It can only be turned off through the
/// environment, before WebKit starts. A value the user set is kept.
fn disable_webkit_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: `run` calls this before logging, Tauri or WebKit start any thread, so
        // nothing else can be reading or writing the environment at the same time.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        }
    }
}
