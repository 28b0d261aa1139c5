//! Tailoring benchmark: a profile of 50 jobs, 50 projects and 200 skills, tailored to
//! a posting of 1,000 words (reading the posting, ranking every item, the selection).
//!
//! Run: `cargo bench --bench tailor`

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use career_hub::profile::{self, LocalProfile};
use career_hub::{AuditContext, Db, Source};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

/// Catalog technologies the profile and the posting name.
const TECHNOLOGIES: [&str; 20] = [
    "Rust",
    "Python",
    "TypeScript",
    "React",
    "PostgreSQL",
    "Kubernetes",
    "Docker",
    "Kafka",
    "Redis",
    "GraphQL",
    "Terraform",
    "AWS",
    "Django",
    "Node.js",
    "Java",
    "Kotlin",
    "Go",
    "MongoDB",
    "Airflow",
    "Pandas",
];

fn profile() -> (Db, LocalProfile) {
    let mut db = Db::open_in_memory().unwrap();
    db.set_audit_context(AuditContext::new(Source::Import));
    let local = profile::bootstrap(&mut db).unwrap();
    let work: Vec<_> = (0..50)
        .map(|i| {
            let tech = TECHNOLOGIES[i % TECHNOLOGIES.len()];
            json!({"name": format!("Company {i}"), "position": if i % 3 == 0 { "Backend Engineer" } else { "Data Analyst" },
                   "startDate": format!("{}-01-01", 1975 + i), "endDate": format!("{}-12-31", 1975 + i),
                   "summary": format!("Built payment services in {tech} for shops."),
                   "highlights": [format!("Ran {tech} in production"), "Mentored two engineers", "Cut costs by a third"]})
        })
        .collect();
    let projects: Vec<_> = (0..50)
        .map(|i| json!({"name": format!("Project {i}"), "description": "A ledger, a queue and reports.",
                        "keywords": [TECHNOLOGIES[i % TECHNOLOGIES.len()], TECHNOLOGIES[(i + 7) % TECHNOLOGIES.len()]]}))
        .collect();
    let skills: Vec<_> = (0..200)
        .map(|i| match TECHNOLOGIES.get(i) {
            Some(name) => json!({"name": name}),
            None => json!({"name": format!("Skill {i}")}),
        })
        .collect();
    let resume = json!({"basics": {"name": "Bench Person"}, "work": work, "projects": projects, "skills": skills});
    career_hub::import::jsonresume::import(&mut db, &local, &resume.to_string(), false).unwrap();
    (db, local)
}

/// A posting of 1,000 words: a title, sections, and sentences naming technologies.
fn posting() -> String {
    let mut text = String::from("Senior Backend Engineer\n\nAbout the role\n");
    let filler = "we build reliable payment services for small shops and their customers every day";
    let mut words = 3;
    let mut line = 0;
    while words < 1000 {
        if line == 10 {
            text.push_str("\nRequirements\n");
        }
        if line == 30 {
            text.push_str("\nNice to have\n");
        }
        let tech = TECHNOLOGIES[line % TECHNOLOGIES.len()];
        let sentence = format!("- {filler} with {tech} and 5+ years of experience\n");
        words += sentence.split_whitespace().count();
        text.push_str(&sentence);
        line += 1;
    }
    text
}

fn tailor(c: &mut Criterion) {
    let (db, local) = profile();
    let text = posting();
    assert!(text.split_whitespace().count() >= 1000);
    c.bench_function(
        "tailor/50_jobs_50_projects_200_skills_1000_word_posting",
        |b| {
            b.iter(|| {
                let proposal =
                    career_hub::tailor::propose(db.conn(), &local.profile_id, &text).unwrap();
                assert!(!proposal.selection.experiences.is_empty());
                proposal
            });
        },
    );
}

criterion_group!(benches, tailor);
criterion_main!(benches);
