//! Profile benchmarks: loading a full profile, searching 10k items, undoing a large delete.
//!
//! Run: `cargo bench --bench profile`

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use career_hub::profile::Section;
use std::time::{Duration, Instant};

use career_hub::profile::experience::{self, ExperienceInput};
use career_hub::profile::project::{self, ProjectInput};
use career_hub::profile::skill::{self, SkillInput};
use career_hub::profile::{self, LocalProfile};
use career_hub::{AuditContext, Db, Source, history, search};
use criterion::{Criterion, criterion_group, criterion_main};

const WORDS: [&str; 16] = [
    "billing",
    "platform",
    "latency",
    "migration",
    "kubernetes",
    "pipeline",
    "analytics",
    "payments",
    "reliability",
    "dashboard",
    "compiler",
    "storage",
    "streaming",
    "onboarding",
    "search",
    "mobile",
];

fn database(dir: &tempfile::TempDir) -> (Db, LocalProfile) {
    let mut db = Db::open(dir.path().join("bench.db")).unwrap();
    db.set_audit_context(AuditContext::new(Source::Ui));
    let local = profile::bootstrap(&mut db).unwrap();
    (db, local)
}

fn job(i: usize) -> ExperienceInput {
    ExperienceInput {
        company_name: format!("Company {i}"),
        position: format!("Engineer {}", WORDS[i % 16]),
        start_date: format!("{}-01-01", 1990 + i % 30),
        description: Some(format!(
            "Worked on the {} {} and the {} team, improving {}.",
            WORDS[i % 16],
            WORDS[(i * 7) % 16],
            WORDS[(i * 3) % 16],
            WORDS[(i * 5) % 16]
        )),
        responsibilities: vec![format!(
            "Owned {} for {} customers",
            WORDS[(i * 11) % 16],
            i
        )],
        technologies: vec![format!("Tech {}", i % 40), "Rust".to_owned()],
        ..ExperienceInput::default()
    }
}

fn full_profile(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, local) = database(&dir);
    let mut jobs = Vec::new();
    for i in 0..50 {
        jobs.push(
            experience::Experience::create(&mut db, &local.profile_id, job(i))
                .unwrap()
                .id,
        );
    }
    for i in 0..50 {
        let input = ProjectInput {
            name: format!("Project {i}"),
            description: Some(format!("A {} project", WORDS[i % 16])),
            technologies: vec![format!("Tech {}", i % 40), "PostgreSQL".to_owned()],
            experience_ids: vec![jobs[i].clone()],
            ..ProjectInput::default()
        };
        project::Project::create(&mut db, &local.profile_id, input).unwrap();
    }
    for i in 0..200 {
        skill::Skill::create(
            &mut db,
            &local.profile_id,
            SkillInput {
                technology: format!("Skill {i}"),
                level: Some(3),
                ..SkillInput::default()
            },
        )
        .unwrap();
    }
    let loaded = profile::load(db.conn(), &local.profile_id).unwrap();
    assert_eq!(
        (
            loaded.experiences.len(),
            loaded.projects.len(),
            loaded.skills.len()
        ),
        (50, 50, 200)
    );
    c.bench_function("load_full_profile_50_50_200", |b| {
        b.iter(|| profile::load(db.conn(), &local.profile_id).unwrap());
    });
}

fn search_10k(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, local) = database(&dir);
    db.write(|tx| {
        let mut exp = tx.prepare(
            "INSERT INTO experiences (id, profile_id, company_name, position, start_date, description, responsibilities)
             VALUES (?1, ?2, ?3, ?4, '2020-01-01', ?5, ?6)",
        )?;
        let mut proj = tx.prepare(
            "INSERT INTO projects (id, profile_id, name, description, achievements) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for i in 0..5_000 {
            let e = job(i);
            exp.execute((
                ulid::Ulid::generate().to_string(),
                &local.profile_id,
                e.company_name,
                e.position,
                e.description,
                serde_json::to_string(&e.responsibilities).unwrap(),
            ))?;
            proj.execute((
                ulid::Ulid::generate().to_string(),
                &local.profile_id,
                format!("Project {} {}", WORDS[i % 16], i),
                format!("Rebuilt the {} {} for scale", WORDS[(i * 5) % 16], WORDS[(i * 9) % 16]),
                format!("[\"Cut {} costs by {}%\"]", WORDS[(i * 13) % 16], i % 90),
            ))?;
        }
        Ok(())
    })
    .unwrap();
    let mut group = c.benchmark_group("search_10k_experiences_and_projects");
    for (name, query) in [
        ("word", "reliability"),
        ("prefix", "migra"),
        ("two_words", "platform pipeline"),
        ("misspelled_skill", "kubernetse"),
    ] {
        assert!(
            !search::search(db.conn(), &local.profile_id, query, 20)
                .unwrap()
                .is_empty()
                || name == "misspelled_skill"
        );
        group.bench_function(name, |b| {
            b.iter(|| search::search(db.conn(), &local.profile_id, query, 20).unwrap())
        });
    }
    group.finish();
}

fn undo_large_delete(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, local) = database(&dir);
    // One job with 59 technology tags and 40 linked projects: deleting it removes 100 rows.
    let mut input = job(0);
    input.technologies = (0..59).map(|i| format!("Tag {i}")).collect();
    let work = experience::Experience::create(&mut db, &local.profile_id, input).unwrap();
    for i in 0..40 {
        let linked = ProjectInput {
            name: format!("Linked {i}"),
            experience_ids: vec![work.id.clone()],
            ..ProjectInput::default()
        };
        project::Project::create(&mut db, &local.profile_id, linked).unwrap();
    }
    let mut group = c.benchmark_group("undo");
    group.sample_size(30);
    group.bench_function("undo_delete_cascading_to_100_rows", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                experience::Experience::delete(&mut db, &work.id).unwrap();
                let change: String = db
                    .conn()
                    .query_row(
                        "SELECT change_id FROM audit_log ORDER BY rowid DESC LIMIT 1",
                        [],
                        |r| r.get(0),
                    )
                    .unwrap();
                let start = Instant::now();
                let report = history::undo_change(&mut db, &change).unwrap();
                total += start.elapsed();
                assert_eq!(report.rows, 100);
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, full_profile, search_10k, undo_large_delete);
criterion_main!(benches);
