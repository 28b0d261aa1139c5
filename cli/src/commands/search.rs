//! `career-hub search`: find anything in the profile.

use std::path::Path;
use std::process::ExitCode;

use career_hub::search;

/// Search experiences, projects and skills; misspelled technology names are found too.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    query: String,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let (handle, local) = super::open_profile(db)?;
        let hits = search::search(handle.conn(), &local.profile_id, &self.query, self.limit)?;
        if self.json {
            super::print_json(&hits)?;
        } else if hits.is_empty() {
            outln!("Nothing matches \"{}\".", self.query);
        } else {
            for hit in &hits {
                let snippet: String = hit
                    .snippet
                    .iter()
                    .map(|s| {
                        if s.matched {
                            format!("[{}]", s.text)
                        } else {
                            s.text.clone()
                        }
                    })
                    .collect();
                outln!(
                    "{:<10} {}  {}  (matched {})\n           {snippet}",
                    format!("{:?}", hit.kind).to_lowercase(),
                    hit.id,
                    hit.title,
                    hit.matched_fields.join(", ")
                );
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
