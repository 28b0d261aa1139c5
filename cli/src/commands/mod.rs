//! One module per subcommand, each a `Cmd` with a `run`.

pub mod achievement;
pub mod backup;
pub mod certification;
pub mod cv;
pub mod doctor;
pub mod education;
pub mod experience;
pub mod export;
pub mod history;
pub mod import;
pub mod init;
pub mod profile;
pub mod project;
pub mod restore;
pub mod search;
pub mod section;
pub mod skill;
pub mod suggest;
pub mod sync;
pub mod undo;

use std::path::Path;

use anyhow::Context;
use career_hub::{AuditContext, Db, Source};

/// Opens the existing database for a command that reads or writes it, recording
/// writes as `cli`. A missing file is an error with a hint, never a new database.
pub fn open(db: &Path) -> anyhow::Result<Db> {
    let mut handle = Db::open_existing(db).map_err(|e| explain_open_error(e, db))?;
    handle.set_audit_context(AuditContext::new(Source::Cli));
    Ok(handle)
}

/// Opens the database, creating it when there is none (`init`, `import all`).
pub fn open_or_create(db: &Path) -> anyhow::Result<Db> {
    let mut handle = Db::open(db).map_err(|e| explain_open_error(e, db))?;
    handle.set_audit_context(AuditContext::new(Source::Cli));
    Ok(handle)
}

fn explain_open_error(error: career_hub::Error, db: &Path) -> anyhow::Error {
    match error {
        career_hub::Error::Missing { .. } => anyhow::anyhow!(
            "{error}; create one with `career-hub init --db {}`, or check the path",
            db.display()
        ),
        error @ (career_hub::Error::IsFolder { .. }
        | career_hub::Error::ReadOnly { .. }
        | career_hub::Error::Busy { .. }
        | career_hub::Error::SchemaTooNew { .. }
        | career_hub::Error::NotCareerHub { .. }
        | career_hub::Error::NotADatabase { .. }) => error.into(),
        error => anyhow::Error::from(error).context(format!("cannot open {}", db.display())),
    }
}

/// Opens the database and the local profile (created on first use).
pub fn open_profile(db: &Path) -> anyhow::Result<(Db, career_hub::profile::LocalProfile)> {
    let mut handle = open(db)?;
    let local = career_hub::profile::bootstrap(&mut handle)?;
    Ok((handle, local))
}

/// The CV version called `wanted` (by id, or by name in any case).
pub fn find_version(
    db: &Db,
    profile_id: &str,
    wanted: &str,
) -> anyhow::Result<career_hub::profile::cv_version::CvVersion> {
    career_hub::profile::cv_version::list(db.conn(), profile_id)?
        .into_iter()
        .find(|v| v.id == wanted || v.name.eq_ignore_ascii_case(wanted))
        .with_context(|| format!("there is no CV version called {wanted:?}"))
}

/// Prints `value` as pretty JSON.
pub fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// `2020-01-15 – 2022-06-30`, `2020-01-15 – now`, or nothing.
pub fn period(start: Option<&str>, end: Option<&str>, ongoing: bool) -> String {
    match (start, end) {
        (Some(start), Some(end)) => format!("{start} – {end}"),
        (Some(start), None) if ongoing => format!("{start} – now"),
        (Some(start), None) => start.to_owned(),
        (None, Some(end)) => format!("until {end}"),
        (None, None) => String::new(),
    }
}

/// Fails with a hint when there is no database yet, instead of silently creating one.
pub fn require_existing(db: &Path) -> anyhow::Result<()> {
    if db.is_dir() {
        return Err(career_hub::Error::IsFolder {
            path: db.to_path_buf(),
        }
        .into());
    }
    if db.is_file() {
        Ok(())
    } else {
        anyhow::bail!(
            "there is no database at {}; create one with `career-hub init --db {}`, or check the path",
            db.display(),
            db.display()
        )
    }
}
