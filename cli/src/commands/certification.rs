//! `career-hub certification`: certifications.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::certification::{self, Certification, CertificationInput};

use super::section::{self, Action, Section, set_text};

/// Add, list, update, remove or reorder certifications.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action<Fields>,
}

#[derive(Debug, Default, clap::Args)]
pub struct Fields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    issuer: Option<String>,
    #[arg(long)]
    credential_id: Option<String>,
    #[arg(long)]
    credential_url: Option<String>,
    #[arg(long)]
    issued: Option<String>,
    #[arg(long)]
    expires: Option<String>,
}

impl Fields {
    fn apply(self, input: &mut CertificationInput) {
        if let Some(name) = self.name {
            input.name = name;
        }
        set_text(&mut input.issuing_organization, self.issuer);
        set_text(&mut input.credential_id, self.credential_id);
        set_text(&mut input.credential_url, self.credential_url);
        set_text(&mut input.issue_date, self.issued);
        set_text(&mut input.expiry_date, self.expires);
    }
}

struct Certifications;

impl Section for Certifications {
    type Fields = Fields;
    type Item = Certification;
    const NOUN: &'static str = "certification";

    fn add(db: &mut Db, profile_id: &str, fields: Fields) -> career_hub::Result<Certification> {
        let mut input = CertificationInput::default();
        fields.apply(&mut input);
        certification::create(db, profile_id, input)
    }

    fn update(db: &mut Db, id: &str, fields: Fields) -> career_hub::Result<Certification> {
        let c = certification::get(db.conn(), id)?;
        let mut input = CertificationInput {
            name: c.name,
            issuing_organization: c.issuing_organization,
            credential_id: c.credential_id,
            credential_url: c.credential_url,
            issue_date: c.issue_date,
            expiry_date: c.expiry_date,
        };
        fields.apply(&mut input);
        certification::update(db, id, input)
    }

    fn list(db: &Db, profile_id: &str) -> career_hub::Result<Vec<Certification>> {
        certification::list(db.conn(), profile_id)
    }

    fn remove(db: &mut Db, id: &str) -> career_hub::Result<()> {
        certification::delete(db, id)
    }

    fn reorder(db: &mut Db, profile_id: &str, ids: &[String]) -> career_hub::Result<()> {
        certification::reorder(db, profile_id, ids)
    }

    fn line(c: &Certification) -> String {
        let expired = if c.is_expired { "  (expired)" } else { "" };
        format!("{}  {}{expired}", c.id, c.name)
    }
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        section::run::<Certifications>(db, self.action)
    }
}
