//! Store benchmarks: audited insert throughput (through the triggers, through the bulk
//! write path, and without the audit triggers), creating + migrating a new database,
//! opening an existing one, and the doctor on 10k rows.
//!
//! Run: `cargo bench --bench store`

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Duration;

use career_hub::bulk::{self, Audit};
use career_hub::{AuditContext, Db, Source, doctor};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

const ROWS: usize = 10_000;
const USER: &str = "01JC0000000000000000000USR";
const PROFILE: &str = "01JC0000000000000000000PRF";

/// A file database with one user and profile, as the app runs it (WAL, synchronous=FULL).
fn database(dir: &tempfile::TempDir, audited: bool) -> Db {
    let mut db = Db::open(dir.path().join("bench.db")).unwrap();
    db.set_audit_context(AuditContext {
        source: Source::Ui,
        user_id: Some(USER.to_owned()),
        session_id: None,
    });
    db.write(|tx| {
        tx.execute_batch(&format!(
            "INSERT INTO users (id, email, password_hash) VALUES ('{USER}', 'bench@example.com', '');
             INSERT INTO profiles (id, user_id) VALUES ('{PROFILE}', '{USER}');"
        ))?;
        if !audited {
            tx.execute_batch("DROP TRIGGER audit_experiences_insert;")?;
        }
        Ok(())
    })
    .unwrap();
    db
}

/// How the rows are written.
#[derive(Clone, Copy)]
enum Way {
    /// Row by row, each insert running its triggers (as any SQL writer does).
    Triggers,
    /// Through [`bulk::insert`], as an import, a restore and a sync pull do.
    Bulk,
}

fn insert_experiences(db: &mut Db, rows: usize, way: Way) {
    db.write(|tx| match way {
        Way::Triggers => insert_rows(tx, rows),
        Way::Bulk => bulk::insert(tx, Audit::Write, |tx| insert_rows(tx, rows)),
    })
    .unwrap();
}

fn insert_rows(tx: &rusqlite::Transaction<'_>, rows: usize) -> career_hub::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO experiences (id, profile_id, company_name, position, start_date, description, responsibilities)
         VALUES (?1, ?2, ?3, 'Senior Engineer', '2020-01-01', 'Built and ran the billing platform.', '[\"Led a team of five\",\"Cut costs by 30%\"]')",
    )?;
    for i in 0..rows {
        let id = ulid::Ulid::generate().to_string();
        stmt.execute((id, PROFILE, format!("Company {i}")))?;
    }
    Ok(())
}

fn inserts(c: &mut Criterion) {
    let mut group = c.benchmark_group("insert_experiences_one_transaction");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    for (name, audited, way) in [
        ("audited", true, Way::Triggers),
        ("audited_bulk", true, Way::Bulk),
        ("without_audit_triggers", false, Way::Triggers),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let db = database(&dir, audited);
                    (dir, db)
                },
                |(dir, mut db)| {
                    insert_experiences(&mut db, ROWS, way);
                    (dir, db)
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

fn create_and_migrate(c: &mut Criterion) {
    c.bench_function("create_and_migrate_new_database", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let db = Db::open(dir.path().join("new.db")).unwrap();
                drop(db);
                dir
            },
            BatchSize::PerIteration,
        );
    });
}

/// Opening a database that is already current, as every program start does: SQLite
/// reads and parses the schema (every trigger), the migrations are checked, the
/// connection is configured, and the first query runs.
fn open_existing(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = database(&dir, true);
    insert_experiences(&mut db, 10, Way::Triggers);
    drop(db);
    let path = dir.path().join("bench.db");
    c.bench_function("open_existing_database", |b| {
        b.iter(|| {
            let db = Db::open(&path).unwrap();
            let count: i64 = db
                .conn()
                .query_row("SELECT count(*) FROM experiences", [], |row| row.get(0))
                .unwrap();
            assert_eq!(count, 10);
        });
    });
}

fn doctor_10k(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = database(&dir, true);
    insert_experiences(&mut db, ROWS, Way::Triggers);
    let report = doctor::check(db.conn()).unwrap();
    assert!(report.healthy, "{}", report.to_text());
    let mut group = c.benchmark_group("doctor");
    group.sample_size(20);
    group.bench_function("doctor_10k_rows", |b| {
        b.iter(|| doctor::check(db.conn()).unwrap())
    });
    group.finish();
}

criterion_group!(
    benches,
    inserts,
    create_and_migrate,
    open_existing,
    doctor_10k
);
criterion_main!(benches);
