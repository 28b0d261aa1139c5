//! Backup during concurrent writes, and restore that validates before replacing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use career_hub::{Db, Error, backup, doctor, migrations};
use rusqlite::Connection;

use crate::fixture::{self, SEED_SQL, count};

const BATCH: usize = 10;

fn seeded_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("career-hub.db");
    let mut db = Db::open(&path).unwrap();
    db.write(|tx| Ok(tx.execute_batch(SEED_SQL)?)).unwrap();
    path
}

#[test]
fn a_backup_taken_during_writes_restores_to_a_consistent_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded_file(dir.path());

    // A writer adds experiences in transactions of BATCH rows, as fast as it can.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let path = path.clone();
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut db = Db::open(&path).unwrap();
            let mut batches = 0usize;
            while !stop.load(Ordering::Relaxed) {
                db.write(|tx| {
                    for i in 0..BATCH {
                        tx.execute(
                            "INSERT INTO experiences (id, profile_id, company_name, position, start_date)
                             VALUES (?1, ?2, 'Busy Corp', 'Writer', '2021-01-01')",
                            (format!("W{batches}-{i}"), fixture::PROFILE),
                        )?;
                    }
                    Ok(())
                })
                .unwrap();
                batches += 1;
            }
            batches
        })
    };

    let reader = Db::open(&path).unwrap();
    let mut copies = Vec::new();
    for n in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let out = dir.path().join(format!("backup-{n}.db"));
        backup::copy_database(reader.conn(), &out).unwrap();
        copies.push(out);
    }
    stop.store(true, Ordering::Relaxed);
    let batches = writer.join().unwrap();
    assert!(batches > 0, "the writer was running during the backups");

    let mut sizes = Vec::new();
    for (n, copy) in copies.iter().enumerate() {
        let target = dir.path().join(format!("restored-{n}.db"));
        backup::restore(&target, copy).unwrap();
        let db = Db::open(&target).unwrap();
        let report = doctor::check(db.conn()).unwrap();
        assert!(
            report.healthy,
            "restored backup {n} is doctor-clean: {}",
            report.to_text()
        );
        let experiences = usize::try_from(count(db.conn(), "experiences")).unwrap();
        assert_eq!(
            (experiences - 1) % BATCH,
            0,
            "backup {n} holds whole transactions only ({experiences})"
        );
        let audited: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'CREATE_EXPERIENCE'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            usize::try_from(audited).unwrap(),
            experiences,
            "backup {n}: every row has its audit row"
        );
        sizes.push(experiences);
    }
    assert!(
        sizes.windows(2).all(|w| w[0] <= w[1]),
        "later backups hold at least as much: {sizes:?}"
    );
}

#[test]
fn restore_replaces_the_database_and_keeps_the_old_one_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded_file(dir.path());
    let saved = dir.path().join("saved.db");
    backup::copy_database(Db::open(&path).unwrap().conn(), &saved).unwrap();

    let mut db = Db::open(&path).unwrap();
    db.write(|tx| Ok(tx.execute("DELETE FROM experiences", [])?))
        .unwrap();
    drop(db);

    let report = backup::restore(&path, &saved).unwrap();
    let db = Db::open(&path).unwrap();
    assert_eq!(
        count(db.conn(), "experiences"),
        1,
        "the deleted experience is back"
    );
    let aside = report
        .previous_kept_at
        .expect("the replaced database is kept");
    let old = Connection::open(&aside).unwrap();
    assert_eq!(
        count(&old, "experiences"),
        0,
        "the kept copy is the database as it was before the restore"
    );
    assert!(
        !dir.path().join("career-hub.db.restore-staging").exists(),
        "no staging file is left behind"
    );
}

#[test]
fn restore_brings_an_older_backup_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&old).unwrap();
        migrations::to_version(&mut conn, 1).unwrap();
        conn.execute_batch(SEED_SQL).unwrap();
    }
    let target = dir.path().join("career-hub.db");
    let report = backup::restore(&target, &old).unwrap();
    assert_eq!(report.restored_from_version, 1);
    let db = Db::open(&target).unwrap();
    assert_eq!(db.schema_version().unwrap(), migrations::latest_version());
    assert!(doctor::check(db.conn()).unwrap().healthy);
}

fn assert_rejected_untouched(candidate: &std::path::Path, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded_file(dir.path());
    let before = count(Db::open(&path).unwrap().conn(), "audit_log");
    let error = backup::restore(&path, candidate).expect_err("the candidate is refused");
    assert!(error.to_string().contains(expect), "{error}");
    let db = Db::open(&path).unwrap();
    assert_eq!(
        count(db.conn(), "audit_log"),
        before,
        "the live database is unchanged"
    );
    assert_eq!(count(db.conn(), "experiences"), 1);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("staging") || n.contains("replaced") || n.contains("partial"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "nothing half-done is left: {leftovers:?}"
    );
}

#[test]
fn restore_refuses_a_bad_candidate_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database ".repeat(100)).unwrap();
    assert_rejected_untouched(&text, "not a Career Hub database");

    let future = dir.path().join("future.db");
    {
        let db = Db::open(&future).unwrap();
        db.conn().pragma_update(None, "user_version", 999).unwrap();
    }
    assert_rejected_untouched(&future, "newer");

    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    assert_rejected_untouched(&foreign, "not a Career Hub database");

    let broken = dir.path().join("broken.db");
    {
        let db = Db::open(&broken).unwrap();
        db.conn()
            .execute_batch("DROP INDEX idx_users_email; PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    assert_rejected_untouched(&broken, "idx_users_email");

    assert!(matches!(
        backup::restore(&dir.path().join("x.db"), &dir.path().join("missing.db")),
        Err(Error::Io { .. })
    ));
}
