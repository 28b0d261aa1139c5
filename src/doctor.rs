//! Health check: is this database what the migrations say it should be, intact, and
//! free of orphans?
//!
//! The live schema is compared with a reference built by running the same migrations
//! on an empty in-memory database: tables, columns (declared type, NOT NULL, default,
//! primary key), CHECK, UNIQUE and foreign-key clauses, indexes, views and triggers.
//! Then `integrity_check`, `foreign_key_check`, the stored completeness scores and the
//! audit context are checked. Each finding is a sentence and a machine-readable kind.

use std::collections::{BTreeMap, BTreeSet};

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::sql_text::{self, Check};
use crate::{Error, Result, completeness, db, migrations};

/// What kind of problem a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    SchemaVersion,
    MissingTable,
    ExtraTable,
    MissingColumn,
    ExtraColumn,
    ColumnDiffers,
    MissingCheck,
    ExtraCheck,
    MissingConstraint,
    ExtraConstraint,
    TableDiffers,
    MissingIndex,
    ExtraIndex,
    IndexDiffers,
    MissingView,
    ExtraView,
    ViewDiffers,
    MissingTrigger,
    ExtraTrigger,
    TriggerDiffers,
    Integrity,
    OrphanRow,
    StaleCompleteness,
    AuditContext,
}

/// One problem, in words and as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The table, index, trigger or row concerned (`experiences`, `idx_users_email`, …).
    pub object: String,
    /// A sentence a person can act on.
    pub message: String,
}

/// The result of a health check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub healthy: bool,
    pub schema_version: usize,
    pub latest_version: usize,
    pub findings: Vec<Finding>,
}

impl Report {
    /// The report as lines of text for a terminal.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "schema version {} (latest {})\n",
            self.schema_version, self.latest_version
        );
        if self.healthy {
            out.push_str("healthy: schema matches the migrations, integrity ok, no orphan rows\n");
        } else {
            out.push_str(&format!("unhealthy: {} problem(s)\n", self.findings.len()));
            for finding in &self.findings {
                out.push_str(&format!("- {}\n", finding.message));
            }
        }
        out
    }
}

/// Checks the database file at `path` without changing it: it is opened read-only and
/// not migrated, so an out-of-date schema is reported rather than upgraded.
pub fn check_file(path: &Path) -> Result<Report> {
    if !path.is_file() {
        return Err(Error::io(
            "read",
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    db::preflight(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| db::classify_open_error(e, path))?;
    check(&conn)
}

/// Checks the database behind `conn`.
pub fn check(conn: &Connection) -> Result<Report> {
    let schema_version = migrations::schema_version(conn)?;
    let latest_version = migrations::latest_version();
    let mut findings = Vec::new();
    let push = |findings: &mut Vec<Finding>, kind, object: &str, message: String| {
        findings.push(Finding {
            kind,
            object: object.to_owned(),
            message,
        });
    };

    if schema_version != latest_version {
        push(
            &mut findings,
            FindingKind::SchemaVersion,
            "user_version",
            format!(
                "schema version is {schema_version}, but this Career Hub expects {latest_version}"
            ),
        );
    }

    let mut reference = Connection::open_in_memory()?;
    migrations::to_version(&mut reference, schema_version.min(latest_version))?;
    compare_schema(&reference, conn, &mut findings)?;

    for problem in integrity_problems(conn)? {
        push(
            &mut findings,
            FindingKind::Integrity,
            "integrity_check",
            problem,
        );
    }
    for (table, id, parent) in orphans(conn)? {
        push(
            &mut findings,
            FindingKind::OrphanRow,
            &format!("{table}:{id}"),
            format!("orphan row: {table} {id} points to a {parent} row that does not exist"),
        );
    }
    if schema_version == latest_version {
        for (profile, stored, expected) in completeness::stale_scores(conn)? {
            let stored = stored.map_or_else(|| "empty".to_owned(), |s| s.to_string());
            push(
                &mut findings,
                FindingKind::StaleCompleteness,
                &format!("profiles:{profile}"),
                format!(
                    "profiles row {profile} has completeness_score {stored}, but its data gives {expected}"
                ),
            );
        }
        let rows: i64 =
            conn.query_row("SELECT count(*) FROM audit_context WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        if rows != 1 {
            push(
                &mut findings,
                FindingKind::AuditContext,
                "audit_context",
                "the audit_context row is missing, so changes are recorded without their source"
                    .to_owned(),
            );
        }
    }

    Ok(Report {
        healthy: findings.is_empty(),
        schema_version,
        latest_version,
        findings,
    })
}

/// What `PRAGMA integrity_check` reports, empty when the file is intact.
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    let problems: Vec<String> = rows
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|line| line != "ok")
        .map(|line| format!("integrity check: {line}"))
        .collect();
    Ok(problems)
}

/// Rows whose foreign key points nowhere: (table, row id, parent table).
fn orphans(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<i64>>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (table, rowid, parent) = row?;
        // Name the row by its primary key where it has a single `id`, else by rowid.
        let id = match rowid {
            Some(rowid) => conn
                .query_row(
                    &format!("SELECT id FROM \"{table}\" WHERE rowid = ?1"),
                    [rowid],
                    |r| r.get::<_, String>(0),
                )
                .unwrap_or_else(|_| format!("rowid {rowid}")),
            None => "(no rowid)".to_owned(),
        };
        found.push((table, id, parent));
    }
    Ok(found)
}

#[derive(Debug)]
struct SchemaObject {
    sql: Option<String>,
}

fn schema_objects(conn: &Connection) -> Result<BTreeMap<(String, String), SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            (row.get::<_, String>(0)?, row.get::<_, String>(1)?),
            SchemaObject {
                sql: row
                    .get::<_, Option<String>>(2)?
                    .map(|s| sql_text::normalize(&s)),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn compare_schema(
    reference: &Connection,
    live: &Connection,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let expected = schema_objects(reference)?;
    let actual = schema_objects(live)?;
    let mut add = |kind, object: &str, message: String| {
        findings.push(Finding {
            kind,
            object: object.to_owned(),
            message,
        });
    };

    for ((kind, name), want) in &expected {
        let (missing, differs, noun) = match kind.as_str() {
            "table" => (
                FindingKind::MissingTable,
                FindingKind::TableDiffers,
                "table",
            ),
            "index" => (
                FindingKind::MissingIndex,
                FindingKind::IndexDiffers,
                "index",
            ),
            "view" => (FindingKind::MissingView, FindingKind::ViewDiffers, "view"),
            _ => (
                FindingKind::MissingTrigger,
                FindingKind::TriggerDiffers,
                "trigger",
            ),
        };
        let Some(have) = actual.get(&(kind.clone(), name.clone())) else {
            add(missing, name, format!("{noun} {name} is missing"));
            continue;
        };
        if kind == "table" {
            let table_findings = table_findings(reference, live, name, want, have)?;
            let explained = !table_findings.is_empty();
            for finding in table_findings {
                add(finding.kind, &finding.object, finding.message);
            }
            if !explained && want.sql != have.sql {
                add(
                    differs,
                    name,
                    format!("table {name} is defined differently from the migrations"),
                );
            }
        } else if want.sql != have.sql {
            add(
                differs,
                name,
                format!("{noun} {name} is defined differently from the migrations"),
            );
        }
    }
    for (kind, name) in actual.keys() {
        if !expected.contains_key(&(kind.clone(), name.clone())) {
            let (extra, noun) = match kind.as_str() {
                "table" => (FindingKind::ExtraTable, "table"),
                "index" => (FindingKind::ExtraIndex, "index"),
                "view" => (FindingKind::ExtraView, "view"),
                _ => (FindingKind::ExtraTrigger, "trigger"),
            };
            add(
                extra,
                name,
                format!("{noun} {name} is not part of the Career Hub schema"),
            );
        }
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
struct Column {
    declared_type: String,
    not_null: bool,
    default: Option<String>,
    primary_key_position: i64,
}

fn columns(conn: &Connection, table: &str) -> Result<BTreeMap<String, Column>> {
    let mut stmt =
        conn.prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?1)")?;
    let rows = stmt.query_map([table], |row| {
        Ok((
            row.get::<_, String>(0)?,
            Column {
                declared_type: row.get(1)?,
                not_null: row.get(2)?,
                default: row.get(3)?,
                primary_key_position: row.get(4)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// UNIQUE and PRIMARY KEY clauses (as column lists) and foreign keys, as comparable text.
fn key_constraints(conn: &Connection, table: &str) -> Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    let mut indexes =
        conn.prepare("SELECT name, origin FROM pragma_index_list(?1) WHERE origin IN ('u', 'pk')")?;
    let rows = indexes.query_map([table], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (index, origin) = row?;
        let mut cols = conn.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
        let names: Vec<String> = cols
            .query_map([&index], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let label = if origin == "pk" {
            "PRIMARY KEY"
        } else {
            "UNIQUE"
        };
        found.insert(format!("{label} ({})", names.join(", ")));
    }
    let mut fks = conn.prepare(
        "SELECT id, group_concat(\"from\", ', '), \"table\", group_concat(\"to\", ', '), on_update, on_delete
         FROM (SELECT * FROM pragma_foreign_key_list(?1) ORDER BY id, seq) GROUP BY id",
    )?;
    let rows = fks.query_map([table], |row| {
        Ok(format!(
            "FOREIGN KEY ({}) REFERENCES {}({}) ON UPDATE {} ON DELETE {}",
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, Option<String>>(3)?.unwrap_or_default(),
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        found.insert(row?);
    }
    Ok(found)
}

fn describe_column(column: &Column) -> String {
    let mut words = vec![if column.declared_type.is_empty() {
        "no declared type".to_owned()
    } else {
        column.declared_type.clone()
    }];
    words.push(
        if column.not_null {
            "NOT NULL"
        } else {
            "nullable"
        }
        .to_owned(),
    );
    words.push(match &column.default {
        Some(default) => format!("DEFAULT {default}"),
        None => "no default".to_owned(),
    });
    if column.primary_key_position > 0 {
        words.push("PRIMARY KEY".to_owned());
    }
    words.join(", ")
}

fn table_findings(
    reference: &Connection,
    live: &Connection,
    table: &str,
    want: &SchemaObject,
    have: &SchemaObject,
) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let mut add = |kind, object: String, message: String| {
        findings.push(Finding {
            kind,
            object,
            message,
        })
    };

    let want_cols = columns(reference, table)?;
    let have_cols = columns(live, table)?;
    for (name, col) in &want_cols {
        match have_cols.get(name) {
            None => add(
                FindingKind::MissingColumn,
                format!("{table}.{name}"),
                format!("column {table}.{name} is missing"),
            ),
            Some(have) if have != col => add(
                FindingKind::ColumnDiffers,
                format!("{table}.{name}"),
                format!(
                    "column {table}.{name} is {} but the migrations make it {}",
                    describe_column(have),
                    describe_column(col)
                ),
            ),
            Some(_) => {}
        }
    }
    for name in have_cols
        .keys()
        .filter(|name| !want_cols.contains_key(*name))
    {
        add(
            FindingKind::ExtraColumn,
            format!("{table}.{name}"),
            format!("column {table}.{name} is not part of the Career Hub schema"),
        );
    }

    let want_checks: BTreeSet<Check> = want
        .sql
        .as_deref()
        .map(sql_text::checks)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let have_checks: BTreeSet<Check> = have
        .sql
        .as_deref()
        .map(sql_text::checks)
        .unwrap_or_default()
        .into_iter()
        .collect();
    for check in want_checks.difference(&have_checks) {
        add(
            FindingKind::MissingCheck,
            table.to_owned(),
            format!(
                "table {table} is missing its constraint {}",
                check.describe()
            ),
        );
    }
    for check in have_checks.difference(&want_checks) {
        add(
            FindingKind::ExtraCheck,
            table.to_owned(),
            format!(
                "table {table} has a constraint the migrations do not: {}",
                check.describe()
            ),
        );
    }

    let want_keys = key_constraints(reference, table)?;
    let have_keys = key_constraints(live, table)?;
    for key in want_keys.difference(&have_keys) {
        add(
            FindingKind::MissingConstraint,
            table.to_owned(),
            format!("table {table} is missing its constraint {key}"),
        );
    }
    for key in have_keys.difference(&want_keys) {
        add(
            FindingKind::ExtraConstraint,
            table.to_owned(),
            format!("table {table} has a constraint the migrations do not: {key}"),
        );
    }
    Ok(findings)
}
