//! Tailoring a CV version to job postings written for these tests, against one
//! profile with a backend, a frontend, a data and a management past.

use std::path::Path;

use career_hub::profile::LocalProfile;
use career_hub::profile::cv_version::{self, CvVersionInput, SectionsConfig};
use career_hub::tailor::{self, Covered, Proposal, TermKind};
use career_hub::{Db, history};

use crate::fixture;

const PROFILE: &str = r#"{
  "basics": {"name": "Ada Lovelace", "label": "Software person"},
  "work": [
    {"name": "Ledgerly", "position": "Senior Backend Engineer", "startDate": "2019-03-01",
     "highlights": ["Designed the ledger's services in Rust on PostgreSQL", "Ran them on Kubernetes"]},
    {"name": "Pixelworks", "position": "Frontend Developer", "startDate": "2016-01-01", "endDate": "2019-02-28",
     "highlights": ["Built single-page apps in React and TypeScript", "Made the checkout accessible"]},
    {"name": "Numbers Inc", "position": "Data Analyst", "startDate": "2014-01-01", "endDate": "2015-12-31",
     "highlights": ["Weekly SQL reports", "Sales forecasts in Python"]},
    {"name": "Teamwork GmbH", "position": "Engineering Manager", "startDate": "2012-01-01", "endDate": "2013-12-31",
     "highlights": ["Managed eight engineers", "Hiring and mentoring"]}
  ],
  "projects": [
    {"name": "Ledger sync engine", "description": "Double-entry sync between shops", "keywords": ["Rust", "PostgreSQL"]},
    {"name": "Design system", "description": "Components for every screen", "keywords": ["React", "TypeScript"]},
    {"name": "Churn model", "description": "Which customers leave, and why", "keywords": ["Python", "Pandas"]}
  ],
  "skills": [
    {"name": "Rust"}, {"name": "PostgreSQL"}, {"name": "Kubernetes"},
    {"name": "React"}, {"name": "TypeScript"}, {"name": "Python"}
  ],
  "education": [
    {"institution": "TU Berlin", "studyType": "Master of Science", "area": "Computer Science", "startDate": "2008-10-01", "endDate": "2011-09-30"}
  ],
  "certificates": [
    {"name": "AWS Certified Solutions Architect", "issuer": "Amazon Web Services"}
  ],
  "awards": [
    {"title": "Speaker at RustConf", "summary": "A talk on ledgers in Rust"}
  ]
}"#;

fn profile() -> (Db, LocalProfile) {
    let (mut db, local) = fixture::profile();
    career_hub::import::jsonresume::import(&mut db, &local, PROFILE, false).unwrap();
    (db, local)
}

fn posting(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/postings")
        .join(name);
    tailor::read_posting_file(&path).unwrap()
}

fn propose(db: &Db, local: &LocalProfile, name: &str) -> Proposal {
    tailor::propose(db.conn(), &local.profile_id, &posting(name)).unwrap()
}

/// The labels the proposal selects in `section`, best first as ranked.
fn selected(proposal: &Proposal, section: &str) -> Vec<String> {
    proposal
        .items
        .iter()
        .filter(|i| i.section == section && i.selected)
        .map(|i| i.label.clone())
        .collect()
}

/// The rank of `label` among the proposal's items of its section.
fn rank(proposal: &Proposal, label: &str) -> usize {
    let item = proposal
        .items
        .iter()
        .find(|i| i.label == label)
        .unwrap_or_else(|| panic!("{label} is not in the proposal"));
    proposal
        .items
        .iter()
        .filter(|i| i.section == item.section)
        .position(|i| i.label == label)
        .unwrap()
}

fn terms(proposal: &Proposal, kind: TermKind) -> Vec<String> {
    proposal
        .posting
        .terms
        .iter()
        .filter(|t| t.kind == kind)
        .map(|t| t.text.clone())
        .collect()
}

#[test]
fn a_backend_posting_proposes_the_backend_past_first() {
    let (db, local) = profile();
    let proposal = propose(&db, &local, "backend.txt");
    let mut technologies = terms(&proposal, TermKind::Technology);
    technologies.sort();
    assert_eq!(
        technologies,
        // AWS from the certification the posting names.
        ["AWS", "Kafka", "Kubernetes", "PostgreSQL", "Rust"],
        "{:#?}",
        proposal.posting
    );
    assert_eq!(terms(&proposal, TermKind::Years), ["5+ years"]);
    assert_eq!(
        terms(&proposal, TermKind::Degree),
        ["bachelor"],
        "one degree, not two"
    );
    assert_eq!(
        terms(&proposal, TermKind::Certification),
        ["AWS Certified Solutions Architect"]
    );
    assert_eq!(proposal.posting.seniority.as_deref(), Some("SENIOR"));
    // Rust is asked for in the requirements, Kafka only as a nice-to-have.
    let weight = |text: &str| {
        proposal
            .posting
            .terms
            .iter()
            .find(|t| t.text == text)
            .unwrap()
            .weight
    };
    assert!(weight("Rust") > weight("Kafka"));

    assert_eq!(
        rank(&proposal, "experience Senior Backend Engineer at Ledgerly"),
        0
    );
    assert_eq!(rank(&proposal, "project Ledger sync engine"), 0);
    let job = proposal
        .items
        .iter()
        .find(|i| i.label == "experience Senior Backend Engineer at Ledgerly")
        .unwrap();
    for term in ["Rust", "PostgreSQL", "Kubernetes", "backend", "engineer"] {
        assert!(
            job.matched.contains(&term.to_owned()),
            "{term} in {:?}",
            job.matched
        );
    }
    let mut skills = selected(&proposal, "skills");
    skills.sort();
    assert_eq!(
        skills,
        ["skill Kubernetes", "skill PostgreSQL", "skill Rust"]
    );
    assert_eq!(
        selected(&proposal, "certifications"),
        ["certification AWS Certified Solutions Architect"]
    );
    assert_eq!(selected(&proposal, "education"), ["education TU Berlin"]);
    assert!(!selected(&proposal, "projects").contains(&"project Design system".to_owned()));
    assert_eq!(proposal.note, None);
}

#[test]
fn a_frontend_posting_in_markdown_proposes_the_frontend_past_first() {
    let (db, local) = profile();
    let proposal = propose(&db, &local, "frontend.md");
    assert_eq!(
        proposal.posting.title.as_deref(),
        Some("Frontend Developer")
    );
    assert_eq!(
        rank(&proposal, "experience Frontend Developer at Pixelworks"),
        0
    );
    assert_eq!(rank(&proposal, "project Design system"), 0);
    let mut skills = selected(&proposal, "skills");
    skills.sort();
    assert_eq!(skills, ["skill React", "skill TypeScript"]);
    assert!(!selected(&proposal, "projects").contains(&"project Churn model".to_owned()));
}

#[test]
fn a_data_posting_in_html_is_read_without_its_markup_scripts_or_styles() {
    let (db, local) = profile();
    let proposal = propose(&db, &local, "data.html");
    assert_eq!(proposal.posting.title.as_deref(), Some("Data Analyst"));
    let technologies = terms(&proposal, TermKind::Technology);
    assert!(
        !technologies.contains(&"Kubernetes".to_owned()),
        "a script's text is not the posting's: {technologies:?}"
    );
    assert!(
        technologies.contains(&"Pandas".to_owned()) && technologies.contains(&"SQL".to_owned())
    );
    assert_eq!(rank(&proposal, "experience Data Analyst at Numbers Inc"), 0);
    assert_eq!(rank(&proposal, "project Churn model"), 0);
    for term in &proposal.posting.terms {
        assert!(
            !term.text.contains('<') && !term.text.contains("amp"),
            "{term:?}"
        );
    }
}

#[test]
fn a_management_posting_proposes_the_management_job() {
    let (db, local) = profile();
    let proposal = propose(&db, &local, "management.txt");
    assert_eq!(
        rank(&proposal, "experience Engineering Manager at Teamwork GmbH"),
        0
    );
    let job = proposal
        .items
        .iter()
        .find(|i| i.label == "experience Engineering Manager at Teamwork GmbH")
        .unwrap();
    for term in ["manager", "hiring", "mentoring"] {
        assert!(
            job.matched.contains(&term.to_owned()),
            "{term} in {:?}",
            job.matched
        );
    }
}

#[test]
fn a_german_posting_is_read_with_its_sections_and_years() {
    let (db, local) = profile();
    let proposal = propose(&db, &local, "german.txt");
    assert_eq!(terms(&proposal, TermKind::Years), ["4+ years"]);
    assert_eq!(terms(&proposal, TermKind::Degree), ["degree"]);
    let strength = |text: &str| {
        proposal
            .posting
            .terms
            .iter()
            .find(|t| t.text == text)
            .map(|t| t.strength)
    };
    assert_eq!(strength("PostgreSQL"), Some(tailor::Strength::Required));
    assert_eq!(strength("Kafka"), Some(tailor::Strength::NiceToHave));
    assert_eq!(
        rank(&proposal, "experience Senior Backend Engineer at Ledgerly"),
        0
    );
    assert!(
        !terms(&proposal, TermKind::Keyword)
            .iter()
            .any(|k| ["mit", "und", "der", "erfahrung"].contains(&k.as_str())),
        "{:?}",
        terms(&proposal, TermKind::Keyword)
    );
}

#[test]
fn a_posting_that_names_nothing_of_the_profile_proposes_only_the_basics_and_says_so() {
    let (db, local) = profile();
    let proposal = propose(&db, &local, "pastry.txt");
    assert!(
        proposal.items.iter().all(|i| !i.selected),
        "{:#?}",
        proposal.items
    );
    assert_eq!(proposal.selection, SectionsConfig::default());
    assert!(proposal.note.unwrap().contains("basics only"));
}

#[test]
fn misspelled_and_other_names_of_technologies_are_recognised() {
    let (db, local) = profile();
    let text = "Platform Engineer\nRequirements\n- Kubernets and k8s operators\n- Postgres tuning\n- golang\n- Pyhton scripts\n- Reactive systems by a mathematician\n";
    let proposal = tailor::propose(db.conn(), &local.profile_id, text).unwrap();
    let mut technologies = terms(&proposal, TermKind::Technology);
    technologies.sort();
    // Misspelled (Kubernets, Pyhton) and other names (k8s, Postgres, golang); not
    // words merely near a name (reactive, mathematician).
    assert_eq!(technologies, ["Go", "Kubernetes", "PostgreSQL", "Python"]);
    let kubernetes = proposal
        .posting
        .terms
        .iter()
        .find(|t| t.text == "Kubernetes")
        .unwrap();
    assert_eq!(kubernetes.count, 2, "misspelled once, k8s once");
    assert_eq!(kubernetes.line, 3);
    // "go" as an everyday word is not the language.
    let plain = "Backend Engineer\nWe go far for our customers.\n";
    let proposal = tailor::propose(db.conn(), &local.profile_id, plain).unwrap();
    assert!(terms(&proposal, TermKind::Technology).is_empty());
}

#[test]
fn accepting_a_proposal_saves_one_version_in_one_undoable_change() {
    let (mut db, local) = profile();
    let proposal = propose(&db, &local, "backend.txt");
    let name = tailor::default_version_name(&proposal.posting);
    assert_eq!(name, "Tailored: Senior Backend Engineer (Rust)");
    let before = fixture::count(&db, "changes");
    let version = tailor::save(
        &mut db,
        &local.profile_id,
        &name,
        proposal.selection.clone(),
    )
    .unwrap();
    assert_eq!(fixture::count(&db, "changes"), before + 1);
    assert_eq!(version.sections_config, proposal.selection);
    // Jobs newest first.
    let companies: Vec<String> = version
        .sections_config
        .experiences
        .iter()
        .map(|id| {
            db.conn()
                .query_row(
                    "SELECT company_name FROM experiences WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .unwrap()
        })
        .collect();
    assert_eq!(companies.first().map(String::as_str), Some("Ledgerly"));
    // Tailoring again to another posting under the same name updates that version.
    let again = propose(&db, &local, "frontend.md");
    let updated = tailor::save(&mut db, &local.profile_id, &name, again.selection.clone()).unwrap();
    assert_eq!(updated.id, version.id);
    assert_eq!(
        cv_version::list(db.conn(), &local.profile_id)
            .unwrap()
            .len(),
        1
    );
    history::undo_last(&mut db, &local.user_id, None).unwrap();
    let back = cv_version::get(db.conn(), &version.id).unwrap();
    assert_eq!(back.sections_config, proposal.selection);
}

/// The coverage of `text` by `version`'s selection.
fn measure(
    db: &Db,
    local: &LocalProfile,
    version: &cv_version::CvVersion,
    text: &str,
) -> tailor::Coverage {
    tailor::coverage(
        db.conn(),
        &local.profile_id,
        Some(&version.sections_config),
        text,
    )
    .unwrap()
}

/// What the coverage says of the term `text`.
fn detail<'c>(coverage: &'c tailor::Coverage, text: &str) -> &'c tailor::TermCoverage {
    coverage
        .details
        .iter()
        .find(|d| d.term.text == text)
        .unwrap_or_else(|| panic!("{text} is not a term: {coverage:#?}"))
}

#[test]
fn coverage_counts_the_terms_a_version_covers_leaves_out_and_lacks() {
    let (mut db, local) = profile();
    let text = "Backend Engineer\nRequirements\n- Rust\n- Kafka\n- PostgreSQL\n";
    let ledgerly: String = db
        .conn()
        .query_row(
            "SELECT id FROM experiences WHERE company_name = 'Ledgerly'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let pixelworks: String = db
        .conn()
        .query_row(
            "SELECT id FROM experiences WHERE company_name = 'Pixelworks'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let version = |db: &mut Db, name: &str, job: &str| {
        cv_version::create(
            db,
            &local.profile_id,
            CvVersionInput {
                name: name.into(),
                sections_config: Some(SectionsConfig {
                    experiences: vec![job.to_owned()],
                    ..SectionsConfig::default()
                }),
                ..CvVersionInput::default()
            },
        )
        .unwrap()
    };
    // Terms: Rust, Kafka, PostgreSQL (technologies), backend and engineer (the title).
    let backend = version(&mut db, "Backend", &ledgerly);
    let measured = measure(&db, &local, &backend, text);
    assert_eq!(
        (measured.covered, measured.terms, measured.percent),
        (4, 5, 80)
    );
    let kafka = detail(&measured, "Kafka");
    assert_eq!(kafka.covered, Covered::Missing);

    // The frontend job is a developer's (an engineer's) but names none of the rest,
    // which the profile has elsewhere: left out, with what would cover it.
    let frontend = version(&mut db, "Frontend", &pixelworks);
    let measured = measure(&db, &local, &frontend, text);
    assert_eq!(
        (measured.covered, measured.terms, measured.percent),
        (1, 5, 20)
    );
    let rust = detail(&measured, "Rust");
    assert_eq!(rust.covered, Covered::LeftOut);
    assert!(rust.add.iter().any(|r| r.id == ledgerly), "{rust:?}");
    assert!(rust.by.contains(&"skill Rust".to_owned()), "{rust:?}");

    // Years: the selected jobs together, overlaps once.
    let years = "Engineer\nRequirements\n- 6+ years\n";
    let measured = measure(&db, &local, &frontend, years);
    let wanted = detail(&measured, "6+ years");
    assert_eq!(wanted.term.kind, TermKind::Years);
    assert_eq!(wanted.covered, Covered::LeftOut, "{wanted:?}");
    let measured = measure(&db, &local, &backend, years);
    let wanted = detail(&measured, "6+ years");
    assert_eq!(wanted.term.kind, TermKind::Years);
    assert_eq!(wanted.covered, Covered::Yes, "{wanted:?}");
}
