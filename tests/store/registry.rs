//! The table registry: it covers the schema, the live audit triggers are exactly what
//! it generates, and moving the per-change facts into `changes` (0008) left the audit
//! content of every write the same.

use std::collections::BTreeSet;

use career_hub::schema::tables::{self, Kind};
use career_hub::schema::triggers;
use career_hub::{Db, migrations};
use rusqlite::Connection;
use serde_json::Value;

use crate::audit::CASES;
use crate::fixture::{SEED_SQL, USER};

#[test]
fn every_table_of_the_schema_is_in_the_registry() {
    let db = Db::open_in_memory().unwrap();
    let mut stmt = db
        .conn()
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        .unwrap();
    let live: BTreeSet<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let indexes: Vec<&str> = tables::TABLES
        .iter()
        .filter(|t| t.kind == Kind::SearchIndex)
        .map(|t| t.name)
        .collect();
    // FTS5 keeps its own shadow tables (`<index>_data`, `_idx`, `_config`, `_docsize`).
    let shadow = |name: &str| {
        indexes
            .iter()
            .any(|index| name.starts_with(&format!("{index}_")))
    };
    let missing: Vec<&String> = live
        .iter()
        .filter(|name| !shadow(name) && tables::table(name).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "tables missing from crates/protocol/src/tables.rs: {missing:?}"
    );
    let gone: Vec<&str> = tables::TABLES
        .iter()
        .map(|t| t.name)
        .filter(|name| !live.contains(*name))
        .collect();
    assert!(
        gone.is_empty(),
        "the registry names tables the schema lacks: {gone:?}"
    );

    for table in tables::TABLES {
        let columns: BTreeSet<String> = db
            .conn()
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([table.name], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for column in table
            .key
            .iter()
            .chain(table.json)
            .chain(table.secret)
            .chain(table.derived)
        {
            if table.kind != Kind::SearchIndex {
                assert!(
                    columns.contains(*column),
                    "{}.{column} is not a column",
                    table.name
                );
            }
        }
        if let Some(parent) = table.parent {
            assert!(
                tables::table(parent).is_some(),
                "{}: parent {parent} is registered",
                table.name
            );
        }
    }
}

#[test]
fn every_audited_table_is_backed_up_after_its_parent() {
    let order: Vec<&str> = tables::backed_up().map(|t| t.name).collect();
    for table in tables::audited() {
        let at = order.iter().position(|t| *t == table.name);
        assert!(at.is_some(), "{} is backed up", table.name);
        if let Some(parent) = table.parent {
            let parent_at = order.iter().position(|t| *t == parent);
            assert!(parent_at < at, "{parent} is restored before {}", table.name);
        }
    }
    assert_eq!(
        order[order.len() - 2..],
        ["changes", "audit_log"],
        "history comes last"
    );
}

/// Fails when the registry or a table's columns changed without a migration that
/// recreates the audit triggers. `UPDATE_MIGRATIONS=1` writes that migration.
#[test]
fn generated_triggers_equal_the_live_ones() {
    let db = Db::open_in_memory().unwrap();
    let needed = triggers::next_migration(db.conn()).unwrap();
    no_migration_needed(needed, "audit-triggers", "audit", "src/schema/triggers.rs");
}

/// The same for the sync capture triggers.
#[test]
fn generated_capture_triggers_equal_the_live_ones() {
    let db = Db::open_in_memory().unwrap();
    let needed = career_hub::schema::capture::next_migration(db.conn()).unwrap();
    no_migration_needed(
        needed,
        "capture-triggers",
        "capture",
        "src/schema/capture.rs",
    );
}

/// Panics with the migration `needed` (`(up, down)`) that would bring the live `kind`
/// triggers to what `generator` makes; with `UPDATE_MIGRATIONS` set, writes it first.
fn no_migration_needed(needed: Option<(String, String)>, slug: &str, kind: &str, generator: &str) {
    let Some((up, down)) = needed else {
        return;
    };
    if std::env::var_os("UPDATE_MIGRATIONS").is_some() {
        let next = migrations::latest_version() + 1;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("migrations/sqlite/{next:04}-{slug}"));
        std::fs::create_dir_all(&dir).unwrap();
        let header = format!(
            "-- The {kind} triggers, regenerated from crates/protocol/src/tables.rs\n--\n\
             -- Why: the table registry or a table's columns changed (say which here).\n"
        );
        std::fs::write(dir.join("up.sql"), format!("{header}{up}")).unwrap();
        std::fs::write(
            dir.join("down.sql"),
            format!("-- Reverses {next:04}: the {kind} triggers as they were.\n{down}"),
        )
        .unwrap();
        panic!(
            "wrote {}: review it, say why in its header, and run the tests again",
            dir.display()
        );
    }
    panic!(
        "the live {kind} triggers differ from what {generator} generates; \
         run this test with UPDATE_MIGRATIONS=1 to write the migration that recreates them:\n{up}"
    );
}

#[test]
fn the_doctor_catches_an_edited_generated_trigger() {
    let db = Db::open_in_memory().unwrap();
    db.conn()
        .execute_batch(
            "DROP TRIGGER audit_skills_update;
             CREATE TRIGGER audit_skills_update AFTER UPDATE ON skills BEGIN SELECT 1; END;",
        )
        .unwrap();
    let report = career_hub::doctor::check(db.conn()).unwrap();
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.object == "audit_skills_update"),
        "{report:?}"
    );
}

/// One audit row as a person sees it: everything but its id and the times.
fn content(conn: &Connection, version: usize) -> Vec<String> {
    let per_change = if version < 8 {
        "a.source, a.session_id, a.reverts_change_id FROM audit_log a"
    } else {
        "c.source, c.session_id, c.reverts_change_id FROM audit_log a LEFT JOIN changes c ON c.id = a.change_id"
    };
    let mut stmt = conn
        .prepare(&format!(
            "SELECT a.user_id, a.action, a.entity_type, a.entity_id, a.old_values, a.new_values, a.change_id IS NULL, {per_change} ORDER BY a.rowid"
        ))
        .unwrap();
    let untimed = |text: Option<String>| {
        text.map(|t| {
            let mut value: Value = serde_json::from_str(&t).unwrap();
            if let Some(map) = value.as_object_mut() {
                for key in ["created_at", "updated_at", "started_at"] {
                    if map.contains_key(key) {
                        map.insert(key.to_owned(), Value::from("<time>"));
                    }
                }
            }
            value.to_string()
        })
    };
    stmt.query_map([], |r| {
        Ok(format!(
            "{:?} {} {:?} {:?} {:?} {:?} no-change:{} {:?} {:?} {:?}",
            r.get::<_, Option<String>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            untimed(r.get(4)?),
            untimed(r.get(5)?),
            r.get::<_, bool>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Every case of the audit tests, written once by Career Hub (source `ui`, a session,
/// an undo's reverted change) and once by an outside tool, at `version`.
fn workload(version: usize) -> Vec<String> {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    migrations::to_version(&mut conn, version).unwrap();
    conn.execute_batch(SEED_SQL).unwrap();
    conn.execute_batch("DELETE FROM audit_log").unwrap();
    for (n, case) in CASES.iter().enumerate() {
        for by_career_hub in [true, false] {
            let change = format!("CHANGE{n:02}{by_career_hub}");
            if by_career_hub {
                if version >= 8 {
                    conn.execute(
                        "INSERT INTO changes (id, source, session_id, reverts_change_id) VALUES (?1, 'ui', 'S1', 'EARLIER')",
                        [&change],
                    )
                    .unwrap();
                }
                conn.execute(
                    "UPDATE audit_state SET user_id = ?1, source = 'ui', session_id = 'S1', change_id = ?2, reverts_change_id = 'EARLIER'",
                    [USER, &change],
                )
                .unwrap();
            } else {
                conn.execute(
                    "UPDATE audit_state SET user_id = NULL, source = 'system', session_id = NULL, change_id = NULL, reverts_change_id = NULL",
                    [],
                )
                .unwrap();
            }
            for sql in [case.setup, case.insert, case.update, case.noop, case.delete] {
                conn.execute_batch(sql).unwrap();
            }
            // The setup rows go too, so the next round starts from the seed again.
            conn.execute_batch(
                "DELETE FROM builder_sessions WHERE id = 'B9';
                 DELETE FROM technologies WHERE id IN ('T9', 'T10');
                 DELETE FROM experiences WHERE id IN ('E9', 'E10');
                 DELETE FROM users WHERE id = 'U9';",
            )
            .unwrap();
        }
    }
    content(&conn, version)
}

#[test]
fn every_write_is_audited_as_it_was_before_changes_moved_out_of_the_audit_rows() {
    let before = workload(7);
    let after = workload(8);
    assert!(
        before.len() > 100,
        "the workload writes every audited table"
    );
    // Outside writes get a change id from the statement's time; only its presence counts.
    for (i, (old, new)) in before.iter().zip(&after).enumerate() {
        assert_eq!(old, new, "audit row {i}");
    }
    assert_eq!(before.len(), after.len());
}

/// Every trigger that runs on an insert is one of the four kinds the bulk writer does
/// the work of at the end (audit rows, sync capture, full-text index, completeness), since on its
/// path the connection's triggers are off: a new kind of insert trigger must be taught
/// to `src/bulk.rs` before it can exist.
#[test]
fn every_insert_trigger_is_one_the_bulk_writer_replays() {
    let db = Db::open_in_memory().unwrap();
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name",
        )
        .unwrap();
    let found: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut checked = 0;
    for (name, table, sql) in found {
        let head = sql.split("BEGIN").next().unwrap().to_uppercase();
        if !head.contains(" INSERT ON ") {
            continue;
        }
        let replayed = [
            format!("audit_{table}_insert"),
            format!("sync_{table}_insert"),
            format!("{table}_fts_insert"),
            format!("completeness_{table}_insert"),
        ];
        assert!(
            replayed.contains(&name),
            "{name} runs on inserts into {table}, and the bulk writer does not know it"
        );
        assert!(head.contains(&format!("AFTER INSERT ON {}", table.to_uppercase())));
        checked += 1;
    }
    // 15 audited tables, 12 synced ones, 3 full-text indexes, 5 tables the score reads.
    assert_eq!(checked, 15 + 12 + 3 + 5);
}
