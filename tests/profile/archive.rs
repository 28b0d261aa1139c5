//! The full backup: export → import into a new database reproduces every row.

use career_hub::archive;
use career_hub::builder;
use career_hub::import::jsonresume;
use career_hub::profile::Section;
use career_hub::profile::cv_version::{self, CvVersionInput};
use career_hub::profile::experience;
use career_hub::{Error, history};
use serde_json::json;

use crate::fixture;

/// Every row of every table a backup holds, and the audit log, in key order.
fn everything(db: &career_hub::Db) -> Vec<String> {
    let mut out = Vec::new();
    for table in archive::tables() {
        let mut stmt = db
            .conn()
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let found: Vec<String> = stmt
            .query_map([], |row| {
                let values: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", values.join(" | ")))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        out.extend(found);
    }
    out
}

fn rich() -> career_hub::Db {
    let (mut db, local) = fixture::profile();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/jsonresume/full.json"),
    )
    .unwrap();
    jsonresume::import(&mut db, &local, &text, false).unwrap();
    cv_version::create(
        &mut db,
        &local.profile_id,
        CvVersionInput {
            name: "General".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let session = builder::start(&mut db, &local).unwrap();
    builder::save_draft(
        &mut db,
        &session.id,
        "projects",
        json!({"values": {"name": "Half"}}),
    )
    .unwrap();
    let first = experience::Experience::list(db.conn(), &local.profile_id).unwrap()[0]
        .id
        .clone();
    experience::Experience::delete(&mut db, &first).unwrap();
    history::undo_last(&mut db, &local.user_id, None).unwrap();
    db
}

#[test]
fn a_backup_restores_every_row_into_a_new_database() {
    let db = rich();
    let document = archive::export(db.conn()).unwrap();
    let text = serde_json::to_string(&document).unwrap();

    let (mut fresh, _) = fixture::profile();
    let restored = archive::import(&mut fresh, &serde_json::from_str(&text).unwrap()).unwrap();
    assert!(restored.rows["experiences"] >= 3, "{restored:?}");
    assert_eq!(
        everything(&fresh),
        everything(&db),
        "every row, ids, timestamps and history included, is as it was"
    );

    // The restored history still works: undo the last change.
    let user: String = fresh
        .conn()
        .query_row("SELECT id FROM users", [], |r| r.get(0))
        .unwrap();
    history::undo_last(&mut fresh, &user, None).unwrap();
}

/// The backup file's text, written as the rows are read, is the document's text to
/// the byte, and restores the same rows.
#[test]
fn a_backup_file_is_the_document_written_out() {
    let db = rich();
    let text = archive::text(db.conn()).unwrap();
    let document = archive::export(db.conn()).unwrap();
    assert_eq!(
        text,
        serde_json::to_string_pretty(&document).unwrap() + "\n"
    );
    let (mut fresh, _) = fixture::profile();
    archive::import(&mut fresh, &serde_json::from_str(&text).unwrap()).unwrap();
    assert_eq!(everything(&fresh), everything(&db));
}

#[test]
fn a_backup_is_refused_over_existing_data_or_in_another_format() {
    let db = rich();
    let document = archive::export(db.conn()).unwrap();
    let mut busy = rich();
    let before = everything(&busy);
    let error = archive::import(&mut busy, &document).unwrap_err();
    assert!(
        matches!(&error, Error::Conflict(m) if m.contains("already holds")),
        "{error}"
    );
    assert_eq!(everything(&busy), before, "nothing changed");

    let (mut fresh, _) = fixture::profile();
    for (bad, expected) in [
        (json!({"basics": {}}), "not a Career Hub backup"),
        (
            json!({"format": "career-hub-backup", "version": 9, "tables": {}}),
            "layout version 9",
        ),
        (
            json!({"format": "career-hub-backup", "version": 1, "schema_version": 999, "tables": {}}),
            "newer Career Hub",
        ),
    ] {
        let error = archive::import(&mut fresh, &bad).unwrap_err();
        assert!(error.to_string().contains(expected), "{error}");
    }
}

/// The app's "Restore a full backup": the backup replaces everything, what was there is
/// kept aside, and restoring that undoes the restore.
#[test]
fn a_backup_replaces_a_database_with_data_and_the_replaced_one_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("career-hub.db");
    let mut db = career_hub::Db::open(&path).unwrap();
    db.set_audit_context(career_hub::AuditContext::new(career_hub::Source::Ui));
    let local = career_hub::profile::bootstrap(&mut db).unwrap();
    experience::Experience::create(
        &mut db,
        &local.profile_id,
        fixture::job("Mine", "Engineer", "2020-01-01"),
    )
    .unwrap();
    let mine = everything(&db);

    let document = archive::export(rich().conn()).unwrap();
    let summary = archive::summary(&document).unwrap();
    assert_eq!(summary.name.as_deref(), Some("Grace Hopper"), "{summary:?}");
    assert!(summary.rows["experiences"] > 0 && summary.history_entries > 0);
    assert_eq!(everything(&db), mine, "a preview changes nothing");

    let report = archive::replace(&mut db, &document).unwrap();
    // As the app does after a restore: find the profile again, and read it.
    let local = career_hub::profile::bootstrap(&mut db).unwrap();
    career_hub::profile::load(db.conn(), &local.profile_id).unwrap();
    let theirs = everything(&db);
    assert_ne!(theirs, mine);
    let restored = everything(&{
        let mut fresh = career_hub::Db::open_in_memory().unwrap();
        career_hub::profile::bootstrap(&mut fresh).unwrap();
        archive::import(&mut fresh, &document).unwrap();
        fresh
    });
    assert_eq!(
        theirs, restored,
        "the database now holds exactly the backup"
    );

    let kept = report
        .previous_kept_at
        .expect("what was there is kept aside");
    career_hub::backup::restore(&path, &kept).unwrap();
    assert_eq!(
        everything(&db),
        mine,
        "restoring the kept file undoes the restore"
    );
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("staging") || name.ends_with(".lock"))
        .collect();
    assert!(
        left.is_empty(),
        "no staging files or locks are left: {left:?}"
    );
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_before_anything_changes() {
    let (mut db, _) = fixture::profile();
    for document in [
        json!({"basics": {}}),
        json!({"format": "career-hub-backup", "version": 99}),
    ] {
        assert!(archive::summary(&document).is_err());
        assert!(archive::replace(&mut db, &document).is_err());
    }
}

/// A backup written before schema version 8 keeps each change's source, session and
/// reverted change on every audit row; restoring it rebuilds the changes from them.
#[test]
fn a_backup_from_before_the_changes_table_restores_its_history_whole() {
    let source = rich();
    let user: String = source
        .conn()
        .query_row("SELECT id FROM users", [], |r| r.get(0))
        .unwrap();
    let mut document = archive::export(source.conn()).unwrap();
    let tables = document["tables"].as_object_mut().unwrap();
    let changes: std::collections::HashMap<String, serde_json::Value> = tables["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), c.clone()))
        .collect();
    for row in tables["audit_log"].as_array_mut().unwrap() {
        let change = &changes[row["change_id"].as_str().unwrap()];
        for column in ["source", "session_id", "reverts_change_id"] {
            row[column] = change[column].clone();
        }
    }
    tables.remove("changes");
    document["schema_version"] = json!(7);

    let (mut restored, _) = fixture::profile();
    archive::import(&mut restored, &document).unwrap();
    assert_eq!(
        history::changes(source.conn(), &user, 100).unwrap(),
        history::changes(restored.conn(), &user, 100).unwrap(),
        "every change comes back with its source and what it undid"
    );
}
