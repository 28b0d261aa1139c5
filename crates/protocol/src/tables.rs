//! The one list of Career Hub's tables and what each means to the audit trail, undo,
//! backups and sync.
//!
//! Every other list of tables is a read of [`TABLES`]: the core's audit triggers, the
//! JSON columns the audit trail and backups nest ([`is_json_column`]), the entities undo
//! knows ([`audited`]), the tables a full backup holds ([`backed_up`]) and the tables
//! the sync server and client exchange ([`synced`]). The core's tests fail when a table
//! of the schema is missing here.

/// What part a table plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The person's data: audited by triggers, undoable, backed up.
    Audited,
    /// Kept and backed up, but not audited (the import log, the suggestion library).
    Unaudited,
    /// The audit trail itself: `audit_log` and `changes`. Backed up after everything else.
    History,
    /// Bookkeeping that is never backed up (the audit context of the running write).
    Internal,
    /// An FTS5 index over another table; SQLite keeps its shadow tables.
    SearchIndex,
}

/// How a row's owner (the `users.id` its audit rows carry) is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The row is the user.
    Itself,
    /// A column of the row holds the user's id.
    UserColumn(&'static str),
    /// A column of the row holds the id of a profile.
    Profile(&'static str),
    /// Columns of the row hold ids of rows in other tables that have a `profile_id`
    /// (`(table, column)`); the first that is found names the owner.
    Via(&'static [(&'static str, &'static str)]),
    /// Shared by everyone (the technology catalog): the writer's user, if known.
    Nobody,
}

/// What sync does with a table's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncRole {
    /// Never leaves the device (or, for `users`, belongs to the server: the account).
    Local,
    /// The account's data: pushed and pulled, merged per column.
    Account,
    /// A catalog shared by every account (`technologies`): a row is matched by its
    /// case-insensitive name, and nobody can change another's.
    Catalog,
}

/// One table.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    pub kind: Kind,
    /// The audit trail's name for a row of it: `EXPERIENCE`, `PROJECT_TECHNOLOGY`, ….
    pub entity: &'static str,
    /// The word a person reads in the history ("experience", "project link").
    pub noun: &'static str,
    /// The primary key; two columns for a junction table.
    pub key: &'static [&'static str],
    /// Columns holding JSON text, nested as JSON in audit rows and backups.
    pub json: &'static [&'static str],
    /// Columns never written to the audit trail (replaced by `"[redacted]"`).
    pub secret: &'static [&'static str],
    /// Columns the database derives: a change to them alone is not an edit, and undo
    /// never writes them.
    pub derived: &'static [&'static str],
    /// The table whose rows own this one's (deleting the parent deletes these).
    pub parent: Option<&'static str>,
    pub owner: Owner,
    /// Whether a trigger stamps `updated_at` on every real edit.
    pub stamps_updated_at: bool,
    pub sync: SyncRole,
}

const fn user_data(
    name: &'static str,
    entity: &'static str,
    noun: &'static str,
    parent: Option<&'static str>,
    owner: Owner,
) -> Table {
    Table {
        name,
        kind: Kind::Audited,
        entity,
        noun,
        key: &["id"],
        json: &[],
        secret: &[],
        derived: &[],
        parent,
        owner,
        stamps_updated_at: true,
        sync: SyncRole::Account,
    }
}

const fn other(name: &'static str, kind: Kind, parent: Option<&'static str>) -> Table {
    Table {
        name,
        kind,
        entity: "",
        noun: "",
        key: &["id"],
        json: &[],
        secret: &[],
        derived: &[],
        parent,
        owner: Owner::Nobody,
        stamps_updated_at: false,
        sync: SyncRole::Local,
    }
}

const fn junction(
    name: &'static str,
    entity: &'static str,
    noun: &'static str,
    key: &'static [&'static str],
    owner: Owner,
) -> Table {
    Table {
        key,
        stamps_updated_at: false,
        ..user_data(name, entity, noun, None, owner)
    }
}

const PROFILE: Owner = Owner::Profile("profile_id");

/// Every table, parents before children (the order a backup restores in).
pub const TABLES: &[Table] = &[
    Table {
        secret: &["password_hash", "verification_token", "reset_token"],
        sync: SyncRole::Local,
        ..user_data("users", "USER", "account", None, Owner::Itself)
    },
    Table {
        json: &["contact", "draft_data"],
        derived: &["completeness_score"],
        ..user_data(
            "profiles",
            "PROFILE",
            "profile",
            Some("users"),
            Owner::UserColumn("user_id"),
        )
    },
    Table {
        stamps_updated_at: false,
        sync: SyncRole::Catalog,
        ..user_data(
            "technologies",
            "TECHNOLOGY",
            "technology",
            None,
            Owner::Nobody,
        )
    },
    Table {
        json: &["responsibilities", "technologies"],
        ..user_data(
            "experiences",
            "EXPERIENCE",
            "experience",
            Some("profiles"),
            PROFILE,
        )
    },
    Table {
        json: &["achievements", "challenges", "clients", "technologies"],
        ..user_data("projects", "PROJECT", "project", Some("profiles"), PROFILE)
    },
    Table {
        parent: Some("projects"),
        ..junction(
            "project_experiences",
            "PROJECT_EXPERIENCE",
            "project link",
            &["project_id", "experience_id"],
            Owner::Via(&[("projects", "project_id"), ("experiences", "experience_id")]),
        )
    },
    user_data("skills", "SKILL", "skill", Some("profiles"), PROFILE),
    Table {
        parent: Some("projects"),
        ..junction(
            "project_technologies",
            "PROJECT_TECHNOLOGY",
            "project technology",
            &["project_id", "technology_id"],
            Owner::Via(&[("projects", "project_id")]),
        )
    },
    Table {
        parent: Some("experiences"),
        ..junction(
            "experience_technologies",
            "EXPERIENCE_TECHNOLOGY",
            "experience technology",
            &["experience_id", "technology_id"],
            Owner::Via(&[("experiences", "experience_id")]),
        )
    },
    user_data(
        "education",
        "EDUCATION",
        "education entry",
        Some("profiles"),
        PROFILE,
    ),
    user_data(
        "certifications",
        "CERTIFICATION",
        "certification",
        Some("profiles"),
        PROFILE,
    ),
    user_data(
        "achievements",
        "ACHIEVEMENT",
        "achievement",
        Some("profiles"),
        PROFILE,
    ),
    Table {
        json: &["sections_config"],
        ..user_data(
            "cv_versions",
            "CV_VERSION",
            "CV version",
            Some("profiles"),
            PROFILE,
        )
    },
    // The wizard's progress is this device's, like a window position.
    Table {
        sync: SyncRole::Local,
        ..user_data(
            "builder_sessions",
            "BUILDER_SESSION",
            "builder session",
            Some("profiles"),
            PROFILE,
        )
    },
    Table {
        sync: SyncRole::Local,
        key: &["session_id", "step"],
        json: &["validation_errors", "draft_data"],
        ..user_data(
            "builder_steps",
            "BUILDER_STEP",
            "builder step",
            Some("builder_sessions"),
            Owner::Via(&[("builder_sessions", "session_id")]),
        )
    },
    other("responsibilities_library", Kind::Unaudited, None),
    Table {
        json: &["import_data"],
        ..other("import_history", Kind::Unaudited, Some("users"))
    },
    other("changes", Kind::History, None),
    Table {
        json: &["old_values", "new_values"],
        ..other("audit_log", Kind::History, None)
    },
    other("audit_state", Kind::Internal, None),
    // A device's sync bookkeeping: its clock and account, changes not yet
    // acknowledged, and the merge state of rows. Never backed up (a restored backup
    // belongs to no account until it signs in).
    other("sync_state", Kind::Internal, None),
    Table {
        key: &["seq"],
        ..other("sync_outbox", Kind::Internal, None)
    },
    Table {
        key: &["table_name", "row_key"],
        ..other("sync_rows", Kind::Internal, None)
    },
    other("experiences_fts", Kind::SearchIndex, Some("experiences")),
    other("projects_fts", Kind::SearchIndex, Some("projects")),
    other("technologies_fts", Kind::SearchIndex, Some("technologies")),
];

/// The table called `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|table| table.name == name)
}

/// The audited table whose rows the audit trail calls `entity` (`EXPERIENCE`, …).
pub fn by_entity(entity: &str) -> Option<&'static Table> {
    audited().find(|table| table.entity == entity)
}

/// The audited tables, parents first.
pub fn audited() -> impl Iterator<Item = &'static Table> {
    TABLES.iter().filter(|table| table.kind == Kind::Audited)
}

/// The tables a full backup holds, in restore order (history last).
pub fn backed_up() -> impl Iterator<Item = &'static Table> {
    let data = TABLES
        .iter()
        .filter(|table| matches!(table.kind, Kind::Audited | Kind::Unaudited));
    let history = TABLES.iter().filter(|table| table.kind == Kind::History);
    data.chain(history)
}

/// The tables sync exchanges, parents first (the order a device applies a pull in).
pub fn synced() -> impl Iterator<Item = &'static Table> {
    TABLES.iter().filter(|table| table.sync != SyncRole::Local)
}

/// Whether `column` holds JSON in any table (the audit trail and backups nest it).
pub fn is_json_column(column: &str) -> bool {
    TABLES.iter().any(|table| table.json.contains(&column))
}

/// Whether `column` is derived by the database in any table.
pub fn is_derived_column(column: &str) -> bool {
    TABLES.iter().any(|table| table.derived.contains(&column))
}
