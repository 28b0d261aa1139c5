//! What every profile section's subcommand can do: add, list, update, remove, reorder.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::LocalProfile;

/// The actions of a section; `F` are the section's fields as flags.
#[derive(Debug, clap::Subcommand)]
pub enum Action<F: clap::Args> {
    /// Add an item.
    Add(F),
    /// List the items, in display order.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change an item; fields not given keep their value.
    Update {
        id: String,
        #[command(flatten)]
        fields: F,
    },
    /// Delete an item (`career-hub undo` brings it back).
    Remove { id: String },
    /// Put the items in this order (every id, once).
    Reorder {
        #[arg(required = true)]
        ids: Vec<String>,
    },
}

/// How one section is read and written, for [`run`].
pub trait Section {
    type Fields: clap::Args;
    type Item: serde::Serialize;
    const NOUN: &'static str;
    fn add(db: &mut Db, profile_id: &str, fields: Self::Fields) -> career_hub::Result<Self::Item>;
    fn update(db: &mut Db, id: &str, fields: Self::Fields) -> career_hub::Result<Self::Item>;
    fn list(db: &Db, profile_id: &str) -> career_hub::Result<Vec<Self::Item>>;
    fn remove(db: &mut Db, id: &str) -> career_hub::Result<()>;
    fn reorder(db: &mut Db, profile_id: &str, ids: &[String]) -> career_hub::Result<()>;
    /// One line: id first.
    fn line(item: &Self::Item) -> String;
}

/// Runs a section action against the database at `path`.
pub fn run<S: Section>(path: &Path, action: Action<S::Fields>) -> anyhow::Result<ExitCode> {
    let (mut db, LocalProfile { profile_id, .. }) = super::open_profile(path)?;
    match action {
        Action::Add(fields) => {
            let item = S::add(&mut db, &profile_id, fields)?;
            outln!("Added {}: {}", S::NOUN, S::line(&item));
        }
        Action::List { json } => {
            let items = S::list(&db, &profile_id)?;
            if json {
                super::print_json(&items)?;
            } else if items.is_empty() {
                outln!(
                    "No {} yet; add one with `career-hub {} add`.",
                    S::NOUN,
                    S::NOUN
                );
            } else {
                for item in &items {
                    outln!("{}", S::line(item));
                }
            }
        }
        Action::Update { id, fields } => {
            let item = S::update(&mut db, &id, fields)?;
            outln!("Updated {}: {}", S::NOUN, S::line(&item));
        }
        Action::Remove { id } => {
            S::remove(&mut db, &id)?;
            outln!(
                "Removed {} {id}. `career-hub undo` brings it back.",
                S::NOUN
            );
        }
        Action::Reorder { ids } => {
            S::reorder(&mut db, &profile_id, &ids)?;
            outln!("Reordered {} {} items.", ids.len(), S::NOUN);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A new value for a text field: `Some("")` clears it.
pub fn set_text(target: &mut Option<String>, new: Option<String>) {
    if let Some(new) = new {
        *target = (!new.trim().is_empty()).then_some(new);
    }
}
