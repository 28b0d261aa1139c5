//! What the app keeps between commands: the open database and the local profile.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Mutex, MutexGuard};

use career_hub::profile::{self, LocalProfile};
use career_hub::{AuditContext, Db, Source};

use crate::error::{CommandResult, IpcError};
use crate::sync::Wake;

/// The database the app opened at start-up, or why it could not.
#[derive(Debug)]
pub struct AppState {
    opened: Result<Opened, IpcError>,
    pub db_path: PathBuf,
    /// Told after every command that wrote (the background sync sends what it wrote).
    written: Mutex<Option<Sender<Wake>>>,
}

#[derive(Debug)]
struct Opened {
    session: Mutex<Session>,
}

#[derive(Debug)]
struct Session {
    db: Db,
    local: LocalProfile,
}

impl AppState {
    /// Opens (creating if needed) the database at `path` for the UI. A failure is kept
    /// and reported by every command, so the window can say what is wrong.
    pub fn open(path: PathBuf) -> Self {
        let opened = (|| {
            let mut db = Db::open(&path)?;
            db.set_audit_context(AuditContext::new(Source::Ui));
            let local = profile::bootstrap(&mut db)?;
            Ok(Opened {
                session: Mutex::new(Session { db, local }),
            })
        })()
        .map_err(|e: career_hub::Error| IpcError::from(e));
        if let Err(error) = &opened {
            tracing::error!(path = %path.display(), %error, "could not open the database");
        }
        Self {
            opened,
            db_path: path,
            written: Mutex::new(None),
        }
    }

    /// Sends on `written` after every command that wrote.
    pub fn tell_writes_to(&self, written: Sender<Wake>) {
        *self
            .written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(written);
    }

    fn wrote(&self) {
        let written = self
            .written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(written) = written.as_ref() {
            let _ = written.send(Wake::Changed);
        }
    }

    /// Runs `f` with the database and the local profile.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Db, &LocalProfile) -> career_hub::Result<T>,
    ) -> CommandResult<T> {
        let opened = self.opened.as_ref().map_err(Clone::clone)?;
        let mut session = lock(&opened.session);
        let Session { db, local } = &mut *session;
        let before = db.conn().total_changes();
        let done = f(db, local);
        let wrote = db.conn().total_changes() != before;
        drop(session);
        if wrote {
            self.wrote();
        }
        Ok(done?)
    }

    /// Runs `f`, which replaces the whole database (a restore), then finds the local
    /// profile again: the restored data may belong to another user id.
    pub fn replacing<T>(
        &self,
        f: impl FnOnce(&mut Db) -> career_hub::Result<T>,
    ) -> CommandResult<T> {
        let opened = self.opened.as_ref().map_err(Clone::clone)?;
        let mut session = lock(&opened.session);
        let done = f(&mut session.db);
        // Whatever happened, the profile is read again from what the file holds now.
        session.local = profile::bootstrap(&mut session.db)?;
        session.db.set_audit_context(AuditContext::new(Source::Ui));
        drop(session);
        self.wrote();
        Ok(done?)
    }
}

/// A poisoned lock only means an earlier command panicked; the connection is still usable.
fn lock(session: &Mutex<Session>) -> MutexGuard<'_, Session> {
    session
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
