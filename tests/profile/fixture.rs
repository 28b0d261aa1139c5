//! A fresh profile, and inputs to fill it with.

use career_hub::profile::experience::ExperienceInput;
use career_hub::profile::project::ProjectInput;
use career_hub::profile::{self, LocalProfile};
use career_hub::{AuditContext, Db, Source};

/// A new in-memory database with the local user and profile bootstrapped.
pub fn profile() -> (Db, LocalProfile) {
    let mut db = Db::open_in_memory().unwrap();
    db.set_audit_context(AuditContext::new(Source::Ui));
    let local = profile::bootstrap(&mut db).unwrap();
    (db, local)
}

pub fn job(company: &str, position: &str, start: &str) -> ExperienceInput {
    ExperienceInput {
        company_name: company.to_owned(),
        position: position.to_owned(),
        start_date: start.to_owned(),
        ..ExperienceInput::default()
    }
}

pub fn project(name: &str) -> ProjectInput {
    ProjectInput {
        name: name.to_owned(),
        ..ProjectInput::default()
    }
}

pub fn count(db: &Db, table: &str) -> i64 {
    db.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Imports the JSON Resume `text` into the profile and counts SQLite's work on the way,
/// in thousands of virtual machine steps (counted, not timed, so the figure is the same
/// on any machine). Returns how many entries were added, and the count.
pub fn counted_import(db: &mut Db, local: &LocalProfile, text: &str) -> (usize, u64) {
    let steps = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = std::sync::Arc::clone(&steps);
    db.conn()
        .progress_handler(
            1000,
            Some(move || {
                counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                false
            }),
        )
        .unwrap();
    let report = career_hub::import::jsonresume::import(db, local, text, false).unwrap();
    db.conn()
        .progress_handler(1000, None::<fn() -> bool>)
        .unwrap();
    (
        report.added.len(),
        steps.load(std::sync::atomic::Ordering::Relaxed),
    )
}
