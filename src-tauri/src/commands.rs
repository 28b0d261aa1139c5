//! The commands the UI calls: each converts its arguments, calls one core function,
//! and converts the result. No logic lives here.

use career_hub::builder::{self, Progress, Session, StepUpdate};
use career_hub::history::{self, Change, UndoPreview, UndoReport};
use career_hub::profile::responsibility::{self, Suggestion};
use career_hub::profile::technology::{self, Technology};
use career_hub::profile::{self, Changes, FullProfile, Profile, Section};
use career_hub::search::{self, SearchHit, TechnologyMatch};
use career_hub::{AuditEntry, Source};
use serde::Serialize;
use tauri::State;
use tracing::instrument;

use crate::error::CommandResult;
use crate::state::AppState;
use career_hub::profile::achievement::{Achievement, AchievementInput};
use career_hub::profile::certification::{Certification, CertificationInput};
use career_hub::profile::education::{Education, EducationInput};
use career_hub::profile::experience::{Experience, ExperienceInput};
use career_hub::profile::project::{Project, ProjectInput};
use career_hub::profile::skill::{Skill, SkillInput};

/// About the running app, for the status bar (and a cheap round trip).
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct AppInfo {
    pub version: String,
    pub database: String,
    /// `CAREER_HUB_MEASURE` is set: the UI times itself and reports through `ui_ready`.
    pub measure: bool,
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    state.with(|_, _| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            database: state.db_path.display().to_string(),
            measure: std::env::var_os("CAREER_HUB_MEASURE").is_some(),
        })
    })
}

/// The UI has painted its first interactive screen (first call), or has timed its
/// command round trips (a later call with `ipc_round_trip_ms`). Logged; when measuring,
/// printed to stdout for a benchmark, and with `CAREER_HUB_EXIT_AFTER_READY` the app
/// quits once the round trips are in.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app), err)]
pub fn ui_ready<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    ipc_round_trip_ms: Option<f64>,
) -> CommandResult<()> {
    static READY_MS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    let mut first = false;
    let ready_ms = *READY_MS.get_or_init(|| {
        first = true;
        crate::started().elapsed().as_secs_f64() * 1000.0
    });
    if first {
        tracing::info!(ready_ms, "first interactive paint");
    }
    if let Some(ms) = ipc_round_trip_ms {
        tracing::info!(ipc_round_trip_ms = ms, "command round trip from the UI");
    }
    if std::env::var_os("CAREER_HUB_MEASURE").is_some() {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        if first {
            let _ = writeln!(out, "ready_ms={ready_ms:.1}");
        }
        if let Some(ms) = ipc_round_trip_ms {
            let _ = writeln!(out, "ipc_round_trip_ms={ms:.3}");
        }
        let _ = out.flush();
        if ipc_round_trip_ms.is_some() && std::env::var_os("CAREER_HUB_EXIT_AFTER_READY").is_some()
        {
            app.exit(0);
        }
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn get_profile(state: State<'_, AppState>) -> CommandResult<FullProfile> {
    state.with(|db, local| profile::load(db.conn(), &local.profile_id))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state, changes), err)]
pub fn update_profile(state: State<'_, AppState>, changes: Changes) -> CommandResult<Profile> {
    state.with(|db, local| profile::edit(db, &local.profile_id, &changes))
}

/// A section's four commands: add an item, change the fields the form names, delete
/// one, and put them in a new order. All of it is the core's `Section` trait; only
/// the names and types differ from section to section.
macro_rules! section_commands {
    ($section:ident, $input:ident, $create:ident, $update:ident, $delete:ident, $reorder:ident) => {
        #[tauri::command]
        #[specta::specta]
        #[instrument(skip(state, input), err)]
        pub fn $create(state: State<'_, AppState>, input: $input) -> CommandResult<$section> {
            state.with(|db, local| $section::create(db, &local.profile_id, input))
        }

        #[tauri::command]
        #[specta::specta]
        #[instrument(skip(state, changes), err)]
        pub fn $update(
            state: State<'_, AppState>,
            id: String,
            changes: Changes,
        ) -> CommandResult<$section> {
            state.with(|db, _| $section::edit(db, &id, &changes))
        }

        #[tauri::command]
        #[specta::specta]
        #[instrument(skip(state), err)]
        pub fn $delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
            state.with(|db, _| $section::delete(db, &id))
        }

        #[tauri::command]
        #[specta::specta]
        #[instrument(skip(state), err)]
        pub fn $reorder(state: State<'_, AppState>, ids: Vec<String>) -> CommandResult<()> {
            state.with(|db, local| $section::reorder(db, &local.profile_id, &ids))
        }
    };
}

section_commands!(
    Experience,
    ExperienceInput,
    create_experience,
    update_experience,
    delete_experience,
    reorder_experiences
);
section_commands!(
    Project,
    ProjectInput,
    create_project,
    update_project,
    delete_project,
    reorder_projects
);
section_commands!(
    Skill,
    SkillInput,
    create_skill,
    update_skill,
    delete_skill,
    reorder_skills
);
section_commands!(
    Education,
    EducationInput,
    create_education,
    update_education,
    delete_education,
    reorder_education
);
section_commands!(
    Certification,
    CertificationInput,
    create_certification,
    update_certification,
    delete_certification,
    reorder_certifications
);
section_commands!(
    Achievement,
    AchievementInput,
    create_achievement,
    update_achievement,
    delete_achievement,
    reorder_achievements
);

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn list_technologies(state: State<'_, AppState>) -> CommandResult<Vec<Technology>> {
    state.with(|db, _| technology::list(db.conn()))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn search_technologies(
    state: State<'_, AppState>,
    query: String,
) -> CommandResult<Vec<TechnologyMatch>> {
    state.with(|db, _| search::technologies(db.conn(), &query, 8))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn search_profile(state: State<'_, AppState>, query: String) -> CommandResult<Vec<SearchHit>> {
    state.with(|db, local| search::search(db.conn(), &local.profile_id, &query, 20))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn suggest_responsibilities(
    state: State<'_, AppState>,
    position: String,
    seniority: Option<String>,
) -> CommandResult<Vec<Suggestion>> {
    state.with(|db, _| responsibility::suggest(db.conn(), &position, seniority.as_deref(), 6))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn use_responsibility(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with(|db, _| responsibility::record_use(db, &id))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn profile_history(state: State<'_, AppState>, limit: u32) -> CommandResult<Vec<Change>> {
    state.with(|db, local| history::changes(db.conn(), &local.user_id, limit as usize))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn item_history(
    state: State<'_, AppState>,
    entity_type: String,
    entity_id: String,
) -> CommandResult<Vec<AuditEntry>> {
    state.with(|db, _| history::of_entity(db.conn(), &entity_type, &entity_id, 50))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn undo_last(state: State<'_, AppState>) -> CommandResult<UndoReport> {
    // The app's undo takes back the app's own changes, never another program's.
    state.with(|db, local| history::undo_last(db, &local.user_id, Some(Source::Ui)))
}

/// What undoing a change would do, and the later changes it would take with it.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn undo_preview(state: State<'_, AppState>, change_id: String) -> CommandResult<UndoPreview> {
    state.with(|db, _| history::preview_undo(db.conn(), &change_id))
}

/// Undoes a change and the later changes that wrote the same fields again.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn undo_with_later(
    state: State<'_, AppState>,
    change_id: String,
) -> CommandResult<Vec<UndoReport>> {
    state.with(|db, _| history::undo_with_later(db, &change_id))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn undo_change(state: State<'_, AppState>, change_id: String) -> CommandResult<UndoReport> {
    state.with(|db, _| history::undo_change(db, &change_id))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn builder_start(state: State<'_, AppState>) -> CommandResult<Session> {
    state.with(builder::start)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state, draft_json), err)]
pub fn builder_save_draft(
    state: State<'_, AppState>,
    session_id: String,
    step: String,
    draft_json: String,
) -> CommandResult<Session> {
    state.with(|db, _| {
        let draft = serde_json::from_str(&draft_json).map_err(career_hub::Error::Json)?;
        builder::save_draft(db, &session_id, &step, draft)
    })
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state, update), err)]
pub fn builder_update_step(
    state: State<'_, AppState>,
    session_id: String,
    step: String,
    update: StepUpdate,
) -> CommandResult<Session> {
    state.with(|db, _| builder::update_step(db, &session_id, &step, update))
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub fn builder_progress(state: State<'_, AppState>, session_id: String) -> CommandResult<Progress> {
    state.with(|db, _| builder::progress(db.conn(), &session_id))
}
