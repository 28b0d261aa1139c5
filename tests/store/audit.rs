//! The audit trail: every insert, update and delete on every audited table yields
//! exactly the expected audit_log row; no-op and derived-only updates yield none.

use career_hub::audit::{self, HistoryFilter};
use career_hub::schema::tables;
use career_hub::{AuditContext, AuditEntry, Db, Source};
use rusqlite::types::ValueRef;
use serde_json::{Map, Value, json};

use crate::fixture::{self, EXPERIENCE, PROFILE, PROJECT, USER, count};

const JSON_COLUMNS: [&str; 10] = [
    "contact",
    "draft_data",
    "validation_errors",
    "responsibilities",
    "technologies",
    "achievements",
    "challenges",
    "clients",
    "sections_config",
    "import_data",
];
const SECRET_COLUMNS: [&str; 3] = ["password_hash", "verification_token", "reset_token"];

/// The row as the audit trail should record it, read independently of the triggers.
fn row_json(db: &Db, table: &str, where_clause: &str) -> Value {
    let mut stmt = db
        .conn()
        .prepare(&format!("SELECT * FROM {table} WHERE {where_clause}"))
        .unwrap();
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    stmt.query_row([], |row| {
        let mut map = Map::new();
        for (i, column) in columns.iter().enumerate() {
            let value = match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => json!(n),
                ValueRef::Real(x) => json!(x),
                ValueRef::Text(t) => {
                    let text = String::from_utf8(t.to_vec()).unwrap();
                    if table == "users" && SECRET_COLUMNS.contains(&column.as_str()) {
                        json!("[redacted]")
                    } else if JSON_COLUMNS.contains(&column.as_str()) {
                        serde_json::from_str(&text).unwrap()
                    } else {
                        json!(text)
                    }
                }
                ValueRef::Blob(_) => panic!("no blobs in the schema"),
            };
            map.insert(column.clone(), value);
        }
        Ok(Value::Object(map))
    })
    .unwrap()
}

pub(crate) struct Case {
    pub(crate) table: &'static str,
    pub(crate) entity: &'static str,
    pub(crate) setup: &'static str,
    pub(crate) insert: &'static str,
    pub(crate) key: &'static str,
    pub(crate) row: &'static str,
    pub(crate) update: &'static str,
    pub(crate) updated_key: &'static str,
    pub(crate) updated_row: &'static str,
    pub(crate) noop: &'static str,
    pub(crate) delete: &'static str,
}

pub(crate) const CASES: &[Case] = &[
    Case {
        table: "users",
        entity: "USER",
        setup: "",
        insert: "INSERT INTO users (id, email, password_hash, reset_token) VALUES ('U9', 'u9@example.com', 'secret-hash', 'tok')",
        key: "U9",
        row: "id = 'U9'",
        update: "UPDATE users SET email = 'u9@example.org' WHERE id = 'U9'",
        updated_key: "U9",
        updated_row: "id = 'U9'",
        noop: "UPDATE users SET email = email WHERE id = 'U9'",
        delete: "DELETE FROM users WHERE id = 'U9'",
    },
    Case {
        table: "profiles",
        entity: "PROFILE",
        setup: "INSERT INTO users (id, email, password_hash) VALUES ('U9', 'u9@example.com', '')",
        insert: "INSERT INTO profiles (id, user_id, headline, contact) VALUES ('PR9', 'U9', 'Analyst', '{\"name\":\"Grace\"}')",
        key: "PR9",
        row: "id = 'PR9'",
        update: "UPDATE profiles SET headline = 'Admiral', contact = '{\"name\":\"Grace Hopper\"}' WHERE id = 'PR9'",
        updated_key: "PR9",
        updated_row: "id = 'PR9'",
        noop: "UPDATE profiles SET headline = headline WHERE id = 'PR9'",
        delete: "DELETE FROM profiles WHERE id = 'PR9'",
    },
    Case {
        table: "experiences",
        entity: "EXPERIENCE",
        setup: "",
        insert: "INSERT INTO experiences (id, profile_id, company_name, position, start_date, responsibilities) VALUES ('E9', '01JC0000000000000000000PRF', 'Navy', 'Officer', '2019-01-01', '[\"Led\"]')",
        key: "E9",
        row: "id = 'E9'",
        update: "UPDATE experiences SET position = 'Rear Admiral', is_current = 1 WHERE id = 'E9'",
        updated_key: "E9",
        updated_row: "id = 'E9'",
        noop: "UPDATE experiences SET position = position, responsibilities = responsibilities WHERE id = 'E9'",
        delete: "DELETE FROM experiences WHERE id = 'E9'",
    },
    Case {
        table: "projects",
        entity: "PROJECT",
        setup: "",
        insert: "INSERT INTO projects (id, profile_id, name, clients) VALUES ('P9', '01JC0000000000000000000PRF', 'Compiler', '[\"Remington Rand\"]')",
        key: "P9",
        row: "id = 'P9'",
        update: "UPDATE projects SET name = 'A-0 compiler', is_anonymized = 1, anonymized_company = 'A typewriter maker' WHERE id = 'P9'",
        updated_key: "P9",
        updated_row: "id = 'P9'",
        noop: "UPDATE projects SET name = name WHERE id = 'P9'",
        delete: "DELETE FROM projects WHERE id = 'P9'",
    },
    Case {
        table: "project_experiences",
        entity: "PROJECT_EXPERIENCE",
        setup: "INSERT INTO experiences (id, profile_id, company_name, position, start_date) VALUES ('E9', '01JC0000000000000000000PRF', 'Navy', 'Officer', '2019-01-01'), ('E10', '01JC0000000000000000000PRF', 'Harvard', 'Researcher', '2018-01-01')",
        insert: "INSERT INTO project_experiences (project_id, experience_id) VALUES ('01JC0000000000000000000PRJ', 'E9')",
        key: "01JC0000000000000000000PRJ:E9",
        row: "experience_id = 'E9'",
        update: "UPDATE project_experiences SET experience_id = 'E10' WHERE experience_id = 'E9'",
        updated_key: "01JC0000000000000000000PRJ:E10",
        updated_row: "experience_id = 'E10'",
        noop: "UPDATE project_experiences SET experience_id = experience_id WHERE experience_id = 'E10'",
        delete: "DELETE FROM project_experiences WHERE experience_id = 'E10'",
    },
    Case {
        table: "technologies",
        entity: "TECHNOLOGY",
        setup: "",
        insert: "INSERT INTO technologies (id, name, category, layer) VALUES ('T9', 'Zig', 'System', 'Language')",
        key: "T9",
        row: "id = 'T9'",
        update: "UPDATE technologies SET name = 'Zig lang' WHERE id = 'T9'",
        updated_key: "T9",
        updated_row: "id = 'T9'",
        noop: "UPDATE technologies SET name = name WHERE id = 'T9'",
        delete: "DELETE FROM technologies WHERE id = 'T9'",
    },
    Case {
        table: "skills",
        entity: "SKILL",
        setup: "INSERT INTO technologies (id, name, category, layer) VALUES ('T9', 'Zig', 'System', 'Language')",
        insert: "INSERT INTO skills (id, profile_id, technology_id, level) VALUES ('S9', '01JC0000000000000000000PRF', 'T9', 2)",
        key: "S9",
        row: "id = 'S9'",
        update: "UPDATE skills SET level = 3, is_primary = 1 WHERE id = 'S9'",
        updated_key: "S9",
        updated_row: "id = 'S9'",
        noop: "UPDATE skills SET level = level WHERE id = 'S9'",
        delete: "DELETE FROM skills WHERE id = 'S9'",
    },
    Case {
        table: "project_technologies",
        entity: "PROJECT_TECHNOLOGY",
        setup: "INSERT INTO technologies (id, name, category, layer) VALUES ('T9', 'Zig', 'System', 'Language'), ('T10', 'Odin', 'System', 'Language')",
        insert: "INSERT INTO project_technologies (project_id, technology_id) VALUES ('01JC0000000000000000000PRJ', 'T9')",
        key: "01JC0000000000000000000PRJ:T9",
        row: "technology_id = 'T9'",
        update: "UPDATE project_technologies SET technology_id = 'T10' WHERE technology_id = 'T9'",
        updated_key: "01JC0000000000000000000PRJ:T10",
        updated_row: "technology_id = 'T10'",
        noop: "UPDATE project_technologies SET technology_id = technology_id WHERE technology_id = 'T10'",
        delete: "DELETE FROM project_technologies WHERE technology_id = 'T10'",
    },
    Case {
        table: "experience_technologies",
        entity: "EXPERIENCE_TECHNOLOGY",
        setup: "INSERT INTO technologies (id, name, category, layer) VALUES ('T9', 'Zig', 'System', 'Language'), ('T10', 'Odin', 'System', 'Language')",
        insert: "INSERT INTO experience_technologies (experience_id, technology_id) VALUES ('01JC0000000000000000000EXP', 'T9')",
        key: "01JC0000000000000000000EXP:T9",
        row: "technology_id = 'T9'",
        update: "UPDATE experience_technologies SET technology_id = 'T10' WHERE technology_id = 'T9'",
        updated_key: "01JC0000000000000000000EXP:T10",
        updated_row: "technology_id = 'T10'",
        noop: "UPDATE experience_technologies SET technology_id = technology_id WHERE technology_id = 'T10'",
        delete: "DELETE FROM experience_technologies WHERE technology_id = 'T10'",
    },
    Case {
        table: "education",
        entity: "EDUCATION",
        setup: "",
        insert: "INSERT INTO education (id, profile_id, institution) VALUES ('ED9', '01JC0000000000000000000PRF', 'Yale')",
        key: "ED9",
        row: "id = 'ED9'",
        update: "UPDATE education SET degree = 'PhD', grade = 'Distinction' WHERE id = 'ED9'",
        updated_key: "ED9",
        updated_row: "id = 'ED9'",
        noop: "UPDATE education SET degree = degree WHERE id = 'ED9'",
        delete: "DELETE FROM education WHERE id = 'ED9'",
    },
    Case {
        table: "certifications",
        entity: "CERTIFICATION",
        setup: "",
        insert: "INSERT INTO certifications (id, profile_id, name) VALUES ('C9', '01JC0000000000000000000PRF', 'Navy Reserve')",
        key: "C9",
        row: "id = 'C9'",
        update: "UPDATE certifications SET expiry_date = '2031-12-31' WHERE id = 'C9'",
        updated_key: "C9",
        updated_row: "id = 'C9'",
        noop: "UPDATE certifications SET name = name WHERE id = 'C9'",
        delete: "DELETE FROM certifications WHERE id = 'C9'",
    },
    Case {
        table: "achievements",
        entity: "ACHIEVEMENT",
        setup: "",
        insert: "INSERT INTO achievements (id, profile_id, title, category) VALUES ('A9', '01JC0000000000000000000PRF', 'Medal', 'AWARD')",
        key: "A9",
        row: "id = 'A9'",
        update: "UPDATE achievements SET title = 'Medal of Freedom', display_order = 2 WHERE id = 'A9'",
        updated_key: "A9",
        updated_row: "id = 'A9'",
        noop: "UPDATE achievements SET title = title WHERE id = 'A9'",
        delete: "DELETE FROM achievements WHERE id = 'A9'",
    },
    Case {
        table: "cv_versions",
        entity: "CV_VERSION",
        setup: "",
        insert: "INSERT INTO cv_versions (id, profile_id, name, sections_config) VALUES ('V9', '01JC0000000000000000000PRF', 'Research', '{\"include_photo\":false}')",
        key: "V9",
        row: "id = 'V9'",
        update: "UPDATE cv_versions SET sections_config = '{\"include_photo\":true}' WHERE id = 'V9'",
        updated_key: "V9",
        updated_row: "id = 'V9'",
        noop: "UPDATE cv_versions SET sections_config = sections_config WHERE id = 'V9'",
        delete: "DELETE FROM cv_versions WHERE id = 'V9'",
    },
    Case {
        table: "builder_sessions",
        entity: "BUILDER_SESSION",
        setup: "",
        insert: "INSERT INTO builder_sessions (id, profile_id) VALUES ('B9', '01JC0000000000000000000PRF')",
        key: "B9",
        row: "id = 'B9'",
        update: "UPDATE builder_sessions SET current_step = 'skills' WHERE id = 'B9'",
        updated_key: "B9",
        updated_row: "id = 'B9'",
        noop: "UPDATE builder_sessions SET current_step = current_step WHERE id = 'B9'",
        delete: "DELETE FROM builder_sessions WHERE id = 'B9'",
    },
    Case {
        table: "builder_steps",
        entity: "BUILDER_STEP",
        setup: "INSERT INTO builder_sessions (id, profile_id) VALUES ('B9', '01JC0000000000000000000PRF')",
        insert: "INSERT INTO builder_steps (session_id, step, draft_data) VALUES ('B9', 'basics', '{\"headline\":\"Admiral\"}')",
        key: "B9:basics",
        row: "session_id = 'B9' AND step = 'basics'",
        update: "UPDATE builder_steps SET step = 'skills', status = 'COMPLETE', validation_errors = '[\"too short\"]' WHERE session_id = 'B9'",
        updated_key: "B9:skills",
        updated_row: "session_id = 'B9' AND step = 'skills'",
        noop: "UPDATE builder_steps SET status = status WHERE session_id = 'B9'",
        delete: "DELETE FROM builder_steps WHERE session_id = 'B9'",
    },
];

/// The row without `completeness_score`, which the database recomputes after the audited
/// write (that recomputation is derived, so it is not audited).
fn user_columns(value: Option<&Value>) -> Option<Value> {
    value.cloned().map(|mut v| {
        if let Some(map) = v.as_object_mut() {
            map.remove("completeness_score");
        }
        v
    })
}

/// Runs `sql` through the write path and returns the audit rows it produced, oldest first.
fn audited(db: &mut Db, sql: &str) -> Vec<AuditEntry> {
    let before = count(db.conn(), "audit_log");
    db.write(|tx| Ok(tx.execute_batch(sql)?))
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let produced = usize::try_from(count(db.conn(), "audit_log") - before).unwrap();
    let mut entries = audit::history(
        db.conn(),
        &HistoryFilter {
            limit: Some(produced),
            ..HistoryFilter::default()
        },
    )
    .unwrap();
    entries.reverse();
    entries
}

fn ui_context() -> AuditContext {
    AuditContext {
        source: Source::Ui,
        user_id: Some(USER.to_owned()),
        session_id: Some("SESSION-1".to_owned()),
    }
}

#[test]
fn every_write_on_every_audited_table_is_recorded_exactly() {
    let covered: Vec<&str> = CASES.iter().map(|case| case.table).collect();
    let registered: Vec<&str> = tables::audited().map(|table| table.name).collect();
    let mut missing: Vec<&&str> = registered.iter().filter(|t| !covered.contains(t)).collect();
    missing.sort();
    assert!(
        missing.is_empty(),
        "every audited table has a case; missing: {missing:?}"
    );
    for case in CASES {
        let mut db = fixture::seeded();
        db.set_audit_context(ui_context());
        if !case.setup.is_empty() {
            db.write(|tx| Ok(tx.execute_batch(case.setup)?)).unwrap();
        }
        let owner = if case.table == "profiles" { "U9" } else { USER };
        let owner = if case.table == "users" { "U9" } else { owner };
        let t = case.table;

        let created = audited(&mut db, case.insert);
        assert_eq!(created.len(), 1, "{t}: one audit row per insert");
        let row = row_json(&db, t, case.row);
        let entry = &created[0];
        assert_eq!(
            entry.action,
            format!("CREATE_{}", case.entity),
            "{t}: action"
        );
        assert_eq!(
            entry.entity_type.as_deref(),
            Some(case.entity),
            "{t}: entity_type"
        );
        assert_eq!(entry.entity_id.as_deref(), Some(case.key), "{t}: entity_id");
        assert_eq!(entry.old_values, None, "{t}: a create has no old values");
        assert_eq!(
            user_columns(entry.new_values.as_ref()),
            user_columns(Some(&row)),
            "{t}: new_values is the whole row"
        );
        assert_eq!(
            entry
                .new_values
                .as_ref()
                .map(|v| v.as_object().unwrap().len()),
            Some(row.as_object().unwrap().len()),
            "{t}: every column is recorded"
        );
        assert_eq!(
            entry.source,
            Source::Ui,
            "{t}: source from the audit context"
        );
        assert_eq!(
            entry.session_id.as_deref(),
            Some("SESSION-1"),
            "{t}: session from the audit context"
        );
        assert_eq!(
            entry.user_id.as_deref(),
            Some(owner),
            "{t}: the owning user"
        );
        assert_eq!(entry.id.len(), 26, "{t}: audit ids are ULIDs: {}", entry.id);
        assert!(entry.change_id.is_some(), "{t}: the change is grouped");

        let updated = audited(&mut db, case.update);
        assert_eq!(updated.len(), 1, "{t}: one audit row per update");
        let new_row = row_json(&db, t, case.updated_row);
        let entry = &updated[0];
        assert_eq!(
            entry.action,
            format!("UPDATE_{}", case.entity),
            "{t}: action"
        );
        assert_eq!(
            entry.entity_id.as_deref(),
            Some(case.updated_key),
            "{t}: entity_id"
        );
        assert_eq!(
            entry.old_values.as_ref(),
            Some(&row),
            "{t}: old_values is the row before"
        );
        assert_eq!(
            user_columns(entry.new_values.as_ref()),
            user_columns(Some(&new_row)),
            "{t}: new_values is the row after, updated_at included"
        );
        assert_eq!(
            entry.user_id.as_deref(),
            Some(owner),
            "{t}: the owning user"
        );

        assert!(
            audited(&mut db, case.noop).is_empty(),
            "{t}: an update that changes nothing is not recorded"
        );

        let deleted = audited(&mut db, case.delete);
        assert_eq!(deleted.len(), 1, "{t}: one audit row per delete");
        let entry = &deleted[0];
        assert_eq!(
            entry.action,
            format!("DELETE_{}", case.entity),
            "{t}: action"
        );
        assert_eq!(
            entry.entity_id.as_deref(),
            Some(case.updated_key),
            "{t}: entity_id"
        );
        assert_eq!(
            entry.old_values.as_ref(),
            Some(&new_row),
            "{t}: old_values is the deleted row"
        );
        assert_eq!(entry.new_values, None, "{t}: a delete has no new values");
        let expected_owner = if case.table == "users" {
            None
        } else {
            Some(owner)
        };
        assert_eq!(
            entry.user_id.as_deref(),
            expected_owner,
            "{t}: owner of a deleted row"
        );
    }
}

#[test]
fn user_secrets_never_reach_the_audit_log() {
    let mut db = fixture::seeded();
    audited(
        &mut db,
        "INSERT INTO users (id, email, password_hash, verification_token) VALUES ('U9', 'u9@example.com', '$argon2id$secret', 'verify-me')",
    );
    let text: String = db
        .conn()
        .query_row("SELECT group_concat(new_values) FROM audit_log", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        !text.contains("argon2id") && !text.contains("verify-me"),
        "{text}"
    );
}

#[test]
fn derived_only_changes_are_not_user_edits() {
    let mut db = fixture::seeded();
    let updated_at = |db: &Db| -> String {
        db.conn()
            .query_row("SELECT updated_at FROM profiles", [], |r| r.get(0))
            .unwrap()
    };
    let before = updated_at(&db);
    assert!(
        audited(&mut db, "UPDATE profiles SET completeness_score = 99").is_empty(),
        "completeness_score only"
    );
    assert_eq!(
        updated_at(&db),
        before,
        "a derived-only change does not touch updated_at"
    );
    assert!(
        audited(
            &mut db,
            "UPDATE experiences SET updated_at = '2030-01-01T00:00:00.000Z'"
        )
        .is_empty(),
        "updated_at only"
    );
}

#[test]
fn updated_at_moves_on_real_edits_only() {
    let mut db = fixture::seeded();
    let old = "2000-01-01T00:00:00.000Z";
    db.write(|tx| Ok(tx.execute("UPDATE experiences SET updated_at = ?1", [old])?))
        .unwrap();
    db.write(|tx| Ok(tx.execute("UPDATE experiences SET position = position", [])?))
        .unwrap();
    let after_noop: String = db
        .conn()
        .query_row("SELECT updated_at FROM experiences", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after_noop, old, "a no-op update leaves updated_at alone");

    let entries = audited(&mut db, "UPDATE experiences SET position = 'Analyst'");
    let stored: String = db
        .conn()
        .query_row("SELECT updated_at FROM experiences", [], |r| r.get(0))
        .unwrap();
    assert!(
        stored.as_str() > old,
        "a real edit moves updated_at: {stored}"
    );
    assert_eq!(
        entries[0].new_values.as_ref().unwrap()["updated_at"],
        json!(stored),
        "the audit row records the updated_at that was stored"
    );
}

#[test]
fn cascaded_deletes_are_audited_as_one_change() {
    let mut db = fixture::seeded();
    db.set_audit_context(ui_context());
    let entries = audited(
        &mut db,
        &format!("DELETE FROM experiences WHERE id = '{EXPERIENCE}'"),
    );
    let mut actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    actions.sort_unstable();
    assert_eq!(
        actions,
        [
            "DELETE_EXPERIENCE",
            "DELETE_EXPERIENCE_TECHNOLOGY",
            "DELETE_PROJECT_EXPERIENCE"
        ],
        "the experience and the links its delete cascaded to"
    );
    let change = entries[0].change_id.clone();
    assert!(
        entries.iter().all(|e| e.change_id == change),
        "one change id for the whole delete"
    );
    assert!(
        entries.iter().all(|e| e.user_id.as_deref() == Some(USER)),
        "cascaded rows keep their owner although their parent is already gone"
    );
    let link = entries
        .iter()
        .find(|e| e.action == "DELETE_PROJECT_EXPERIENCE")
        .unwrap();
    assert_eq!(
        link.entity_id.as_deref(),
        Some(format!("{PROJECT}:{EXPERIENCE}").as_str())
    );
}

#[test]
fn each_source_is_recorded_and_the_context_does_not_leak() {
    let mut db = fixture::seeded();
    for (i, source) in Source::ALL.into_iter().enumerate() {
        db.set_audit_context(AuditContext::new(source));
        let entries = audited(
            &mut db,
            &format!("UPDATE profiles SET location = 'City {i}' WHERE id = '{PROFILE}'"),
        );
        assert_eq!(entries[0].source, source);
    }
    db.set_audit_context(ui_context());
    audited(&mut db, "UPDATE profiles SET location = 'Paris'");
    // A statement outside the write path, after the transaction, is not attributed to the UI.
    db.conn()
        .execute("UPDATE profiles SET location = 'Rome'", [])
        .unwrap();
    let last = &audit::history(
        db.conn(),
        &HistoryFilter {
            limit: Some(1),
            ..Default::default()
        },
    )
    .unwrap()[0];
    assert_eq!(
        last.source,
        Source::External,
        "a writer that never set a context is recorded as an outside writer, not as Career Hub"
    );
    assert_eq!(last.session_id, None);
    assert!(
        last.change_id.is_some(),
        "an outside writer's statement is a change of its own, so it can be undone"
    );
}

#[test]
fn history_filters_and_orders_newest_first() {
    let mut db = fixture::seeded();
    for position in ["Analyst", "Lead", "Director"] {
        audited(
            &mut db,
            &format!("UPDATE experiences SET position = '{position}'"),
        );
    }
    let entries = audit::history(
        db.conn(),
        &HistoryFilter {
            entity_type: Some("experience".to_owned()),
            entity_id: Some(EXPERIENCE.to_owned()),
            limit: Some(2),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(entries.len(), 2, "the limit is applied");
    let positions: Vec<&Value> = entries
        .iter()
        .map(|e| &e.new_values.as_ref().unwrap()["position"])
        .collect();
    assert_eq!(
        positions,
        [&json!("Director"), &json!("Lead")],
        "newest first"
    );
}
