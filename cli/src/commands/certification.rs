//! `career-hub certification`: certifications.

use std::path::Path;
use std::process::ExitCode;

use career_hub::profile::Changes;
use career_hub::profile::certification::Certification;

use super::section::{self, Action, ChangeSet, CliSection};

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
    fn changes(self) -> Changes {
        ChangeSet::default()
            .value("name", self.name)
            .text("issuing_organization", self.issuer)
            .text("credential_id", self.credential_id)
            .text("credential_url", self.credential_url)
            .text("issue_date", self.issued)
            .text("expiry_date", self.expires)
            .done()
    }
}

struct Certifications;

impl CliSection for Certifications {
    type Item = Certification;
    type Fields = Fields;

    fn changes(fields: Fields) -> Changes {
        fields.changes()
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
