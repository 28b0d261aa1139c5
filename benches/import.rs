//! Import benchmarks: a JSON Resume with 1,000 entries, and a full backup of a profile
//! with 10,000 rows exported and imported into a new database.
//!
//! Run: `cargo bench --bench import`

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::time::Duration;

use career_hub::import::jsonresume;
use career_hub::profile::{self, LocalProfile};
use career_hub::{AuditContext, Db, Source, archive};
use common::big_resume;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn fresh(dir: &tempfile::TempDir, name: &str) -> (Db, LocalProfile) {
    let mut db = Db::open(dir.path().join(name)).unwrap();
    db.set_audit_context(AuditContext::new(Source::Import));
    let local = profile::bootstrap(&mut db).unwrap();
    (db, local)
}

fn json_resume_import(c: &mut Criterion) {
    let text = big_resume();
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("json_resume_1000_entries", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let (db, local) = fresh(&dir, "bench.db");
                (dir, db, local)
            },
            |(dir, mut db, local)| {
                let report = jsonresume::import(&mut db, &local, &text, false).unwrap();
                assert_eq!(report.added.len(), 1000);
                (dir, db)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn archive_round_trip(c: &mut Criterion) {
    // A profile with 10,000 rows: 2,500 each of experiences, projects, education and achievements.
    let dir = tempfile::tempdir().unwrap();
    let (mut db, local) = fresh(&dir, "source.db");
    db.write(|tx| {
        for (table, column) in [("experiences", None), ("projects", Some("name")), ("education", Some("institution")), ("achievements", Some("title"))] {
            for i in 0..2_500 {
                let id = ulid::Ulid::generate().to_string();
                match column {
                    None => tx.execute(
                        "INSERT INTO experiences (id, profile_id, company_name, position, start_date) VALUES (?1, ?2, ?3, 'Engineer', '2020-01-01')",
                        (id, &local.profile_id, format!("Company {i}")),
                    )?,
                    Some(column) => tx.execute(
                        &format!("INSERT INTO {table} (id, profile_id, {column}) VALUES (?1, ?2, ?3)"),
                        (id, &local.profile_id, format!("{table} {i}")),
                    )?,
                };
            }
        }
        Ok(())
    })
    .unwrap();
    // A new database to restore into, in a folder of its own.
    let new_target = || {
        let target = tempfile::tempdir().unwrap();
        let (fresh_db, _) = fresh(&target, "target.db");
        (target, fresh_db)
    };
    let mut group = c.benchmark_group("archive");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("export_and_import_10k_rows", |b| {
        b.iter_batched(
            new_target,
            |(target, mut fresh_db)| {
                // As `export all` and the app's full backup write it.
                let text = archive::text(db.conn()).unwrap();
                let restored =
                    archive::import(&mut fresh_db, &serde_json::from_str(&text).unwrap()).unwrap();
                assert!(restored.rows["experiences"] == 2_500);
                (target, fresh_db)
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("export_10k_rows_tree_only", |b| {
        b.iter(|| archive::export(db.conn()).unwrap());
    });
    group.bench_function("export_10k_rows", |b| {
        b.iter(|| serde_json::to_string(&archive::export(db.conn()).unwrap()).unwrap());
    });
    group.bench_function("text_10k_rows", |b| {
        b.iter(|| archive::text(db.conn()).unwrap());
    });
    let document = archive::export(db.conn()).unwrap();
    group.bench_function("import_10k_rows", |b| {
        b.iter_batched(
            new_target,
            |(target, mut fresh_db)| {
                let restored = archive::import(&mut fresh_db, &document).unwrap();
                assert!(restored.rows["experiences"] == 2_500);
                (target, fresh_db)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, json_resume_import, archive_round_trip);
criterion_main!(benches);
