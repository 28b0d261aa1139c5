//! Tailoring a CV version to a job posting: read it (pasted, or from a file), see the
//! proposed selection with the terms each item matched, measure coverage while ticking
//! items in and out, and save the selection as a version.

use career_hub::profile::cv_version::{CvVersion, SectionsConfig};
use career_hub::tailor::{self, Coverage, Proposal};
use serde::Serialize;
use tauri::State;
use tracing::instrument;

use crate::error::CommandResult;
use crate::state::AppState;

/// A posting read from a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct PostingFile {
    pub text: String,
}

/// The text of the posting at `path` (`.txt`, `.md`, or an HTML page read as its text).
#[tauri::command]
#[specta::specta]
#[instrument(err)]
pub fn tailor_read_file(path: String) -> CommandResult<PostingFile> {
    let text = tailor::read_posting_file(std::path::Path::new(&path))?;
    Ok(PostingFile { text })
}

/// A proposal, with the name a version for it would get.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
pub struct TailorProposal {
    pub proposal: Proposal,
    pub name: String,
}

/// What the posting `text` asks for and the proposed selection; writes nothing.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state, text), err)]
pub fn tailor_propose(state: State<'_, AppState>, text: String) -> CommandResult<TailorProposal> {
    state.with(|db, local| {
        let proposal = tailor::propose(db.conn(), &local.profile_id, &text)?;
        let name = tailor::default_version_name(&proposal.posting);
        Ok(TailorProposal { proposal, name })
    })
}

/// How much of the posting `selection` covers.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state, text, selection), err)]
pub fn tailor_coverage(
    state: State<'_, AppState>,
    text: String,
    selection: SectionsConfig,
) -> CommandResult<Coverage> {
    state.with(|db, local| tailor::coverage(db.conn(), &local.profile_id, Some(&selection), &text))
}

/// Saves `selection` as the version `name` (created, or updated when one has that
/// name): one undoable change.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state, selection), err)]
pub fn tailor_save(
    state: State<'_, AppState>,
    name: String,
    selection: SectionsConfig,
) -> CommandResult<CvVersion> {
    state.with(|db, local| tailor::save(db, &local.profile_id, &name, selection))
}
