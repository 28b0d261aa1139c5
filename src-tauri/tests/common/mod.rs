//! The app on Tauri's mock runtime over a new database in `dir`, for command tests.

use career_hub_desktop::state::AppState;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};

pub fn app(dir: &tempfile::TempDir) -> tauri::App<MockRuntime> {
    mock_builder()
        .manage(AppState::open(dir.path().join("career-hub.db")))
        .build(mock_context(noop_assets()))
        .unwrap()
}
