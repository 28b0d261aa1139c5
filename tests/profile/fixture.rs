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
