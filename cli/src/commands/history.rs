//! `career-hub history`: what changed, newest first.

use std::path::Path;
use std::process::ExitCode;

use career_hub::AuditEntry;
use career_hub::audit::{self, HistoryFilter};
use serde_json::Value;

/// Show the change history, newest first.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    /// Only changes to this kind of item (experience, project, skill, …).
    #[arg(long, value_name = "TYPE")]
    entity_type: Option<String>,

    /// Only changes to the item with this id.
    #[arg(long, value_name = "ID")]
    entity_id: Option<String>,

    /// Show at most this many changes.
    #[arg(long, value_name = "N", default_value_t = 50)]
    limit: usize,

    /// Print the entries as JSON.
    #[arg(long)]
    json: bool,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let handle = super::open(db)?;
        let filter = HistoryFilter {
            entity_type: self.entity_type,
            entity_id: self.entity_id,
            user_id: None,
            limit: Some(self.limit),
        };
        let entries = audit::history(handle.conn(), &filter)?;
        if self.json {
            outln!("{}", serde_json::to_string_pretty(&entries)?);
        } else if entries.is_empty() {
            outln!("No changes recorded yet.");
        } else {
            for entry in &entries {
                outln!("{}", describe(entry));
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// One line: when, what, which, from where, and the fields that changed.
fn describe(entry: &AuditEntry) -> String {
    let mut line = format!(
        "{}  {:<28} {}  [{}]",
        entry.created_at,
        entry.action,
        entry.entity_id.as_deref().unwrap_or("-"),
        entry.source
    );
    if let (Some(Value::Object(old)), Some(Value::Object(new))) =
        (&entry.old_values, &entry.new_values)
    {
        let changes: Vec<String> = new
            .iter()
            .filter(|(field, value)| *field != "updated_at" && old.get(*field) != Some(*value))
            .map(|(field, value)| {
                let before = old.get(field).map_or_else(String::new, short);
                format!("{field}: {before} → {}", short(value))
            })
            .collect();
        if !changes.is_empty() {
            line.push_str("  ");
            line.push_str(&changes.join("; "));
        }
    }
    line
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(39).collect::<String>())
    } else {
        text
    }
}
