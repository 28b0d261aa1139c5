//! Profile-builder sessions: where a person is in the wizard, each step's status and
//! validation errors, and the autosaved draft of a half-filled form, so that closing
//! the app (or a crash) loses no typed input and reopening resumes the same step.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::profile::LocalProfile;
use crate::validation::FieldError;
use crate::{AuditContext, Db, Error, Result};

/// The wizard's steps, in order.
pub const STEPS: [&str; 8] = [
    "basics",
    "experience",
    "projects",
    "skills",
    "education",
    "certifications",
    "achievements",
    "review",
];

/// How far a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Complete,
}

impl StepStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "NOT_STARTED",
            Self::InProgress => "IN_PROGRESS",
            Self::Complete => "COMPLETE",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "IN_PROGRESS" => Self::InProgress,
            "COMPLETE" => Self::Complete,
            _ => Self::NotStarted,
        }
    }
}

/// One step of a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Step {
    pub step: String,
    pub status: StepStatus,
    /// The problems last reported for the step's form.
    pub validation_errors: Vec<FieldError>,
    /// The half-filled form, as the UI last saved it.
    #[cfg_attr(feature = "specta", specta(type = Option<specta_typescript::Unknown>))]
    pub draft_data: Option<serde_json::Value>,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
    pub updated_at: String,
}

/// A builder session with its steps, in wizard order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Session {
    pub id: String,
    pub profile_id: String,
    pub current_step: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub steps: Vec<Step>,
}

/// Which steps are done, and how much of the wizard that is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Progress {
    pub session_id: String,
    pub current_step: String,
    pub completed_steps: Vec<String>,
    pub total_steps: u32,
    /// Completed steps as a whole percentage.
    pub percent: u32,
}

/// A change to one step; fields left `None` stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct StepUpdate {
    pub status: Option<StepStatus>,
    pub validation_errors: Option<Vec<FieldError>>,
    /// A new draft of the step's form.
    #[cfg_attr(feature = "specta", specta(type = Option<specta_typescript::Unknown>))]
    pub draft_data: Option<serde_json::Value>,
    /// Drop the draft (once the form has been saved for real).
    pub clear_draft: bool,
    /// Make this the step the wizard shows.
    pub make_current: bool,
}

fn check_step(step: &str) -> Result<()> {
    if STEPS.contains(&step) {
        Ok(())
    } else {
        Err(Error::Conflict(format!(
            "there is no wizard step \"{step}\" (the steps are {})",
            STEPS.join(", ")
        )))
    }
}

fn step_from_row(row: &Row<'_>) -> rusqlite::Result<Step> {
    let errors: String = row.get(2)?;
    let draft: Option<String> = row.get(3)?;
    Ok(Step {
        step: row.get(0)?,
        status: StepStatus::parse(&row.get::<_, String>(1)?),
        validation_errors: serde_json::from_str(&errors).unwrap_or_default(),
        draft_data: draft.and_then(|d| serde_json::from_str(&d).ok()),
        started_at: row.get(4)?,
        completed_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

/// Runs a write recorded as part of the session (its audit rows carry the session id).
fn in_session<T>(
    db: &mut Db,
    session_id: &str,
    change: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let previous = db.audit_context().clone();
    db.set_audit_context(AuditContext {
        session_id: Some(session_id.to_owned()),
        ..previous.clone()
    });
    let result = db.write(change);
    db.set_audit_context(previous);
    result
}

/// A session by id, with its steps.
pub fn get(conn: &Connection, session_id: &str) -> Result<Session> {
    let mut session = conn
        .query_row(
            "SELECT id, profile_id, current_step, started_at, ended_at FROM builder_sessions WHERE id = ?1",
            [session_id],
            |row| {
                Ok(Session {
                    id: row.get(0)?,
                    profile_id: row.get(1)?,
                    current_step: row.get(2)?,
                    started_at: row.get(3)?,
                    ended_at: row.get(4)?,
                    steps: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("builder session", session_id))?;
    let mut stmt = conn.prepare_cached(
        "SELECT step, status, validation_errors, draft_data, started_at, completed_at, updated_at
         FROM builder_steps WHERE session_id = ?1",
    )?;
    let mut steps: Vec<Step> = stmt
        .query_map([session_id], step_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    steps.sort_by_key(|s| STEPS.iter().position(|name| *name == s.step));
    session.steps = steps;
    Ok(session)
}

/// The profile's open session, if there is one.
pub fn current(conn: &Connection, profile_id: &str) -> Result<Option<Session>> {
    let id: Option<String> = conn
        .query_row(
            "SELECT id FROM builder_sessions WHERE profile_id = ?1 AND ended_at IS NULL",
            [profile_id],
            |row| row.get(0),
        )
        .optional()?;
    id.map(|id| get(conn, &id)).transpose()
}

/// Resumes the profile's open session, or starts one at the first step.
pub fn start(db: &mut Db, local: &LocalProfile) -> Result<Session> {
    if let Some(open) = current(db.conn(), &local.profile_id)? {
        return Ok(open);
    }
    let id = ulid::Ulid::generate().to_string();
    in_session(db, &id, |tx| {
        tx.execute(
            "INSERT INTO builder_sessions (id, profile_id) VALUES (?1, ?2)",
            params![id, local.profile_id],
        )?;
        for step in STEPS {
            tx.execute(
                "INSERT INTO builder_steps (session_id, step) VALUES (?1, ?2)",
                params![id, step],
            )?;
        }
        Ok(())
    })?;
    get(db.conn(), &id)
}

/// Changes one step: its status, its validation errors, its draft, or which step is current.
pub fn update_step(
    db: &mut Db,
    session_id: &str,
    step: &str,
    update: StepUpdate,
) -> Result<Session> {
    check_step(step)?;
    let session = get(db.conn(), session_id)?;
    if session.ended_at.is_some() {
        return Err(Error::Conflict(
            "this builder session has ended; start a new one".to_owned(),
        ));
    }
    in_session(db, session_id, |tx| {
        if let Some(status) = update.status {
            tx.execute(
                "UPDATE builder_steps SET status = ?3,
                     started_at = CASE WHEN ?3 != 'NOT_STARTED' THEN coalesce(started_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) END,
                     completed_at = CASE WHEN ?3 = 'COMPLETE' THEN coalesce(completed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) END
                 WHERE session_id = ?1 AND step = ?2",
                params![session_id, step, status.as_str()],
            )?;
        }
        if let Some(errors) = &update.validation_errors {
            tx.execute(
                "UPDATE builder_steps SET validation_errors = ?3 WHERE session_id = ?1 AND step = ?2",
                params![session_id, step, serde_json::to_string(errors)?],
            )?;
        }
        let draft = match (&update.draft_data, update.clear_draft) {
            (_, true) => Some(None),
            (Some(draft), false) => Some(Some(serde_json::to_string(draft)?)),
            (None, false) => None,
        };
        if let Some(text) = draft {
            tx.execute(
                "UPDATE builder_steps SET draft_data = ?3,
                     status = CASE WHEN status = 'NOT_STARTED' AND ?3 IS NOT NULL THEN 'IN_PROGRESS' ELSE status END,
                     started_at = coalesce(started_at, CASE WHEN ?3 IS NOT NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END)
                 WHERE session_id = ?1 AND step = ?2",
                params![session_id, step, text],
            )?;
        }
        if update.make_current {
            tx.execute(
                "UPDATE builder_sessions SET current_step = ?2 WHERE id = ?1",
                params![session_id, step],
            )?;
        }
        Ok(())
    })?;
    get(db.conn(), session_id)
}

/// Autosaves the half-filled form of `step` and makes it the current step.
pub fn save_draft(
    db: &mut Db,
    session_id: &str,
    step: &str,
    draft: serde_json::Value,
) -> Result<Session> {
    update_step(
        db,
        session_id,
        step,
        StepUpdate {
            draft_data: Some(draft),
            make_current: true,
            ..StepUpdate::default()
        },
    )
}

/// Ends a session (the wizard was finished or abandoned); its record stays.
pub fn end(db: &mut Db, session_id: &str) -> Result<Session> {
    get(db.conn(), session_id)?;
    in_session(db, session_id, |tx| {
        tx.execute(
            "UPDATE builder_sessions SET ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1 AND ended_at IS NULL",
            [session_id],
        )?;
        Ok(())
    })?;
    get(db.conn(), session_id)
}

/// Which steps are complete, and what percentage of the wizard that is.
pub fn progress(conn: &Connection, session_id: &str) -> Result<Progress> {
    let session = get(conn, session_id)?;
    let completed_steps: Vec<String> = session
        .steps
        .iter()
        .filter(|s| s.status == StepStatus::Complete)
        .map(|s| s.step.clone())
        .collect();
    let total_steps = STEPS.len();
    let percent = u32::try_from(completed_steps.len() * 100 / total_steps).unwrap_or(100);
    let total_steps = u32::try_from(total_steps).unwrap_or(u32::MAX);
    Ok(Progress {
        session_id: session.id,
        current_step: session.current_step,
        completed_steps,
        total_steps,
        percent,
    })
}
