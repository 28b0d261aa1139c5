//! What every profile section's subcommand can do: add, list, update, remove, reorder.

use std::path::Path;
use std::process::ExitCode;

use career_hub::Db;
use career_hub::profile::LocalProfile;
use career_hub::profile::section::{self, Changes, Section};
use serde_json::{Map, Value};

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

/// What the command line adds to a core [`Section`]: its flags, read as an edit, and
/// the one line an item prints as.
pub trait CliSection {
    type Item: Section;
    type Fields: clap::Args;
    /// The flags given, as the fields they change.
    fn changes(fields: Self::Fields) -> Changes;
    /// One line: id first.
    fn line(item: &Self::Item) -> String;
    /// Adds an item made of the flags given (the rest default).
    fn add(db: &mut Db, profile_id: &str, fields: Self::Fields) -> career_hub::Result<Self::Item> {
        let input = section::patched(Default::default(), &Self::changes(fields))?;
        Self::Item::create(db, profile_id, input)
    }
}

/// Runs a section action against the database at `path`.
pub fn run<S: CliSection>(path: &Path, action: Action<S::Fields>) -> anyhow::Result<ExitCode> {
    let noun = S::Item::NOUN;
    let (mut db, LocalProfile { profile_id, .. }) = super::open_profile(path)?;
    match action {
        Action::Add(fields) => {
            let item = S::add(&mut db, &profile_id, fields)?;
            outln!("Added {noun}: {}", S::line(&item));
        }
        Action::List { json } => {
            let items = S::Item::list(db.conn(), &profile_id)?;
            if json {
                super::print_json(&items)?;
            } else if items.is_empty() {
                outln!("No {noun} yet; add one with `career-hub {noun} add`.");
            } else {
                for item in &items {
                    outln!("{}", S::line(item));
                }
            }
        }
        Action::Update { id, fields } => {
            let item = S::Item::edit(&mut db, &id, &S::changes(fields))?;
            outln!("Updated {noun}: {}", S::line(&item));
        }
        Action::Remove { id } => {
            S::Item::delete(&mut db, &id)?;
            outln!("Removed {noun} {id}. `career-hub undo` brings it back.");
        }
        Action::Reorder { ids } => {
            S::Item::reorder(&mut db, &profile_id, &ids)?;
            outln!("Reordered {} {noun} items.", ids.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Flags turned into an edit: a flag not given changes nothing.
#[derive(Debug, Default)]
pub struct ChangeSet(Map<String, Value>);

impl ChangeSet {
    /// A text field: `Some("")` clears it.
    pub fn text(&mut self, field: &str, value: Option<String>) -> &mut Self {
        if let Some(value) = value {
            let value = if value.trim().is_empty() {
                Value::Null
            } else {
                Value::String(value)
            };
            self.0.insert(field.to_owned(), value);
        }
        self
    }

    /// Any other field given.
    pub fn value(&mut self, field: &str, value: Option<impl Into<Value>>) -> &mut Self {
        if let Some(value) = value {
            self.0.insert(field.to_owned(), value.into());
        }
        self
    }

    /// A list, replaced when any entry is given.
    pub fn list(&mut self, field: &str, values: Vec<String>) -> &mut Self {
        if !values.is_empty() {
            self.0.insert(field.to_owned(), values.into());
        }
        self
    }

    pub fn done(&mut self) -> Changes {
        Changes(std::mem::take(&mut self.0))
    }
}
