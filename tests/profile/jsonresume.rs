//! JSON Resume export: valid against the official schema (npm `resume-schema`, installed
//! by the set-up), complete, and faithful to a CV version's selection.

use career_hub::export::jsonresume::json_resume;
use career_hub::profile::Section;
use career_hub::profile::achievement::{self, AchievementInput};
use career_hub::profile::certification::{self, CertificationInput};
use career_hub::profile::cv_version::{self, CvVersionInput, SectionsConfig};
use career_hub::profile::education::{self, EducationInput};
use career_hub::profile::experience::{self, ExperienceInput};
use career_hub::profile::project::{self, ProjectInput};
use career_hub::profile::skill::{self, SkillInput};
use career_hub::profile::{self, Contact, ProfileInput};
use serde_json::{Value, json};

use crate::fixture::{self, job};

fn schema() -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/node_modules/resume-schema/schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}); `bash scripts/setup.sh` installs it",
            path.display()
        )
    });
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(document: &Value) {
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the export breaks the JSON Resume schema: {errors:#?}\n{document:#}"
    );
}

fn full() -> (career_hub::Db, profile::LocalProfile, Vec<String>) {
    let (mut db, local) = fixture::profile();
    let p = local.profile_id.clone();
    profile::update(
        &mut db,
        &p,
        ProfileInput {
            headline: Some("Staff Engineer".into()),
            summary: Some("Builds reliable data systems.".into()),
            location: Some("London".into()),
            contact: Contact {
                name: Some("Ada Lovelace".into()),
                email: Some("ada@example.com".into()),
                phone: Some("+44 20 7946 0000".into()),
                linkedin: Some("https://www.linkedin.com/in/ada".into()),
                website: Some("https://ada.example.com".into()),
                other: Default::default(),
            },
            ..Default::default()
        },
    )
    .unwrap();
    let current = experience::Experience::create(
        &mut db,
        &p,
        ExperienceInput {
            is_current: true,
            responsibilities: vec!["Led the storage team".into()],
            company_website: Some("https://engines.example.com".into()),
            ..job("Analytical Engines", "Staff Engineer", "2021-03-01")
        },
    )
    .unwrap();
    let old = experience::Experience::create(
        &mut db,
        &p,
        ExperienceInput {
            end_date: Some("2021-02-28".into()),
            ..job("Royal Navy", "Engineer", "2017-01-01")
        },
    )
    .unwrap();
    project::Project::create(
        &mut db,
        &p,
        ProjectInput {
            role: Some("Lead".into()),
            achievements: vec!["Closed the books in one day".into()],
            technologies: vec!["Rust".into()],
            is_anonymized: true,
            anonymized_company: Some("a Fortune 500 bank".into()),
            clients: vec!["Megabank plc".into()],
            demo_url: Some("https://ledger.example.com".into()),
            ..fixture::project("Ledger")
        },
    )
    .unwrap();
    skill::Skill::create(
        &mut db,
        &p,
        SkillInput {
            technology: "Rust".into(),
            level: Some(5),
            ..Default::default()
        },
    )
    .unwrap();
    education::Education::create(
        &mut db,
        &p,
        EducationInput {
            institution: "University of London".into(),
            degree: Some("BSc".into()),
            field_of_study: Some("Mathematics".into()),
            description: Some("Analysis\nNumber theory".into()),
            start_date: Some("2012-09-01".into()),
            end_date: Some("2015-06-30".into()),
            ..Default::default()
        },
    )
    .unwrap();
    certification::Certification::create(
        &mut db,
        &p,
        CertificationInput {
            name: "AWS Solutions Architect".into(),
            issuing_organization: Some("Amazon".into()),
            issue_date: Some("2022-05-01".into()),
            credential_url: Some("https://aws.example.com/cert/1".into()),
            ..Default::default()
        },
    )
    .unwrap();
    for (title, category) in [
        ("Best paper", "PUBLICATION"),
        ("Keynote at RustConf", "SPEAKING"),
        ("Medal", "AWARD"),
    ] {
        achievement::Achievement::create(
            &mut db,
            &p,
            AchievementInput {
                title: title.into(),
                category: Some(category.into()),
                date: Some("2023-01-01".into()),
                ..Default::default()
            },
        )
        .unwrap();
    }
    (db, local, vec![current.id, old.id])
}

#[test]
fn the_export_of_a_full_profile_validates_against_the_official_schema() {
    let (db, local, _) = full();
    let document = json_resume(db.conn(), &local.profile_id, None).unwrap();
    assert_valid(&document);
    assert_eq!(document["basics"]["name"], "Ada Lovelace");
    assert_eq!(document["basics"]["label"], "Staff Engineer");
    assert_eq!(document["basics"]["location"]["city"], "London");
    assert_eq!(document["basics"]["profiles"][0]["network"], "LinkedIn");
    assert_eq!(document["work"][0]["name"], "Analytical Engines");
    assert!(
        document["work"][0].get("endDate").is_none(),
        "a current job has no end date"
    );
    assert_eq!(
        document["work"][0]["highlights"],
        json!(["Led the storage team"])
    );
    assert_eq!(
        document["education"][0]["courses"],
        json!(["Analysis", "Number theory"])
    );
    assert_eq!(
        document["skills"][0],
        json!({"name": "Rust", "level": "Master"})
    );
    assert_eq!(document["certificates"][0]["issuer"], "Amazon");
    assert_eq!(document["awards"].as_array().unwrap().len(), 1);
    assert_eq!(
        document["publications"].as_array().unwrap().len(),
        2,
        "a publication and a talk"
    );
    assert_eq!(document["projects"][0]["keywords"], json!(["Rust"]));
    assert_eq!(document["projects"][0]["roles"], json!(["Lead"]));
}

#[test]
fn an_anonymized_project_never_names_the_client() {
    let (db, local, _) = full();
    let document = json_resume(db.conn(), &local.profile_id, None).unwrap();
    assert_eq!(document["projects"][0]["entity"], "a Fortune 500 bank");
    assert!(
        !document.to_string().contains("Megabank"),
        "the real client appears nowhere"
    );
}

#[test]
fn a_cv_version_exports_only_its_selection() {
    let (mut db, local, jobs) = full();
    let version = cv_version::create(
        &mut db,
        &local.profile_id,
        CvVersionInput {
            name: "Short".into(),
            sections_config: Some(SectionsConfig {
                include_summary: true,
                custom_summary: Some("Data systems engineer.".into()),
                experiences: vec![jobs[1].clone()],
                ..Default::default()
            }),
            ..Default::default()
        },
    )
    .unwrap();
    let document = json_resume(db.conn(), &local.profile_id, Some(&version.id)).unwrap();
    assert_valid(&document);
    assert_eq!(
        document["basics"]["summary"], "Data systems engineer.",
        "the version's own summary"
    );
    let companies: Vec<&str> = document["work"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(companies, ["Royal Navy"], "only the selected job");
    assert!(
        document.get("skills").is_none() && document.get("projects").is_none(),
        "unselected sections are left out"
    );
}

#[test]
fn an_empty_profile_exports_a_valid_document() {
    let (db, local) = fixture::profile();
    let document = json_resume(db.conn(), &local.profile_id, None).unwrap();
    assert_valid(&document);
    assert!(document.get("work").is_none());
    let validator = schema();
    assert!(
        !validator.is_valid(&json!({"hobbies": []})),
        "the schema refuses unknown sections"
    );
    assert!(
        !validator.is_valid(&json!({"basics": {"email": "not an e-mail"}})),
        "and checks formats"
    );
}
