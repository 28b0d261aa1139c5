//! Create, read, update, delete and reorder for the profile and every section.

use career_hub::profile::Section;
use career_hub::profile::achievement::{self, AchievementInput};
use career_hub::profile::certification::{self, CertificationInput};
use career_hub::profile::cv_version::{self, CvVersionInput};
use career_hub::profile::education::{self, EducationInput};
use career_hub::profile::experience;
use career_hub::profile::project;
use career_hub::profile::skill::{self, SkillInput};
use career_hub::profile::technology::{self, TechnologyInput};
use career_hub::profile::{self, Contact, ProfileInput};
use career_hub::{Error, completeness};

use crate::fixture::{self, count, job};

#[test]
fn first_run_creates_the_local_user_profile_and_starter_data() {
    let (mut db, local) = fixture::profile();
    let (password, plan, email): (String, String, String) = db
        .conn()
        .query_row("SELECT password_hash, plan, email FROM users", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (password.as_str(), plan.as_str()),
        ("", "FREE"),
        "a local user has no password, plan FREE"
    );
    assert!(email.ends_with(".invalid"), "{email}");
    assert!(
        count(&db, "technologies") >= 80,
        "a starter catalog of common technologies"
    );
    assert!(
        count(&db, "responsibilities_library") >= 40,
        "a starter responsibilities library"
    );

    let again = profile::bootstrap(&mut db).unwrap();
    assert_eq!(
        again, local,
        "the second run finds the same user and profile"
    );
    assert_eq!(count(&db, "users"), 1);
    assert_eq!(count(&db, "profiles"), 1);
}

#[test]
fn basics_keep_the_name_in_contact() {
    let (mut db, local) = fixture::profile();
    let updated = profile::update(
        &mut db,
        &local.profile_id,
        ProfileInput {
            slug: Some("ada-lovelace".to_owned()),
            headline: Some("  Analyst  ".to_owned()),
            summary: Some("Wrote the first program.".to_owned()),
            location: Some("London".to_owned()),
            visibility: "public".to_owned(),
            contact: Contact {
                name: Some("Ada Lovelace".to_owned()),
                email: Some("ada@example.com".to_owned()),
                phone: Some("+44 20 7946 0000".to_owned()),
                linkedin: Some("https://www.linkedin.com/in/ada".to_owned()),
                website: None,
                other: Default::default(),
            },
            profile_photo_url: None,
        },
    )
    .unwrap();
    assert_eq!(
        updated.headline.as_deref(),
        Some("Analyst"),
        "text is trimmed"
    );
    assert_eq!(updated.visibility, "PUBLIC");
    assert_eq!(
        updated.completeness_score, 10,
        "a headline scores; a short summary does not"
    );
    let contact: String = db
        .conn()
        .query_row("SELECT contact FROM profiles", [], |r| r.get(0))
        .unwrap();
    let contact: serde_json::Value = serde_json::from_str(&contact).unwrap();
    assert_eq!(
        contact["name"], "Ada Lovelace",
        "the name lives in profiles.contact.name"
    );
}

#[test]
fn experiences_round_trip_with_tags_in_display_order() {
    let (mut db, local) = fixture::profile();
    let mut input = job("Analytical Engines", "Programmer", "2020-01-15");
    input.responsibilities = vec!["Wrote programs".to_owned(), "  ".to_owned()];
    input.technologies = vec!["Rust".to_owned(), "Difference Engine".to_owned()];
    input.is_current = true;
    let first = experience::Experience::create(&mut db, &local.profile_id, input).unwrap();
    assert_eq!(
        first.responsibilities,
        ["Wrote programs"],
        "blank lines are dropped"
    );
    let names: Vec<&str> = first.technologies.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["Difference Engine", "Rust"],
        "tags, the unknown one added to the catalog"
    );
    assert!(
        technology::find_by_name(db.conn(), "difference engine")
            .unwrap()
            .is_some()
    );

    let second = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Navy", "Officer", "2018-01-01"),
    )
    .unwrap();
    let third = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Harvard", "Researcher", "2015-01-01"),
    )
    .unwrap();
    let ids = |db: &career_hub::Db| -> Vec<String> {
        experience::Experience::list(db.conn(), &local.profile_id)
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(
        ids(&db),
        [first.id.clone(), second.id.clone(), third.id.clone()],
        "in the order added"
    );

    experience::Experience::reorder(
        &mut db,
        &local.profile_id,
        &[third.id.clone(), first.id.clone(), second.id.clone()],
    )
    .unwrap();
    assert_eq!(
        ids(&db),
        [third.id.clone(), first.id.clone(), second.id.clone()],
        "reordered in one call"
    );
    let partial = experience::Experience::reorder(
        &mut db,
        &local.profile_id,
        std::slice::from_ref(&first.id),
    );
    assert!(
        matches!(partial, Err(Error::Conflict(_))),
        "a reorder must name every item"
    );

    let mut edit = job("Analytical Engines", "Lead Programmer", "2020-01-15");
    edit.technologies = vec!["rust".to_owned()];
    edit.end_date = Some("2021-06-30".to_owned());
    let edited = experience::Experience::update(&mut db, &first.id, edit).unwrap();
    assert_eq!(edited.position, "Lead Programmer");
    assert!(!edited.is_current, "a job with an end date is not current");
    assert_eq!(
        edited.technologies.len(),
        1,
        "tags replaced; 'rust' matched Rust without regard to case"
    );
    assert_eq!(edited.technologies[0].name, "Rust");

    experience::Experience::delete(&mut db, &second.id).unwrap();
    assert!(matches!(
        experience::Experience::get(db.conn(), &second.id),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        experience::Experience::delete(&mut db, &second.id),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        completeness::stored_score(db.conn(), &local.profile_id).unwrap(),
        Some(20)
    );
}

#[test]
fn projects_link_to_experiences_of_the_same_profile() {
    let (mut db, local) = fixture::profile();
    let work = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2021-01-01"),
    )
    .unwrap();
    let mut input = fixture::project("Billing platform");
    input.experience_ids = vec![work.id.clone()];
    input.technologies = vec!["PostgreSQL".to_owned(), "Kafka".to_owned()];
    input.achievements = vec!["Cut invoice time by 80%".to_owned()];
    let created = project::Project::create(&mut db, &local.profile_id, input.clone()).unwrap();
    assert_eq!(created.experience_ids, std::slice::from_ref(&work.id));
    assert_eq!(created.technologies.len(), 2);
    assert_eq!(
        experience::Experience::get(db.conn(), &work.id)
            .unwrap()
            .project_ids,
        std::slice::from_ref(&created.id)
    );

    input.experience_ids = vec!["01NOTAJOB".to_owned()];
    let error = project::Project::update(&mut db, &created.id, input).unwrap_err();
    assert_eq!(error.field_errors()[0].field, "experience_ids", "{error}");
    assert_eq!(
        project::Project::get(db.conn(), &created.id)
            .unwrap()
            .experience_ids,
        [work.id],
        "a failed update writes nothing"
    );
}

#[test]
fn skills_create_unknown_technologies_and_refuse_duplicates() {
    let (mut db, local) = fixture::profile();
    let before = count(&db, "technologies");
    let skill = skill::Skill::create(
        &mut db,
        &local.profile_id,
        SkillInput {
            technology: "Zig".to_owned(),
            level: Some(3),
            years_of_experience: Some(2),
            started_using_year: Some(2022),
            is_primary: true,
        },
    )
    .unwrap();
    assert_eq!(skill.technology.name, "Zig");
    assert_eq!(
        count(&db, "technologies"),
        before + 1,
        "the technology was added to the catalog"
    );
    let again = skill::Skill::create(
        &mut db,
        &local.profile_id,
        SkillInput {
            technology: "ZIG".to_owned(),
            ..SkillInput::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        again.field_errors()[0].code,
        career_hub::validation::Code::Duplicate,
        "{again}"
    );
    let rust = skill::Skill::create(
        &mut db,
        &local.profile_id,
        SkillInput {
            technology: "rust".to_owned(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(rust.technology.name, "Rust", "picked from the catalog");
    let listed: Vec<String> = skill::Skill::list(db.conn(), &local.profile_id)
        .unwrap()
        .into_iter()
        .map(|s| s.technology.name)
        .collect();
    assert_eq!(listed, ["Zig", "Rust"], "display order");
}

#[test]
fn the_catalog_is_unique_without_regard_to_case_and_guards_its_users() {
    let (mut db, local) = fixture::profile();
    let dup = technology::create(
        &mut db,
        TechnologyInput {
            name: "postgresql".to_owned(),
            category: "System".to_owned(),
            layer: "Database".to_owned(),
        },
    )
    .unwrap_err();
    assert!(dup.to_string().contains("PostgreSQL"), "{dup}");
    let elixir = technology::create(
        &mut db,
        TechnologyInput {
            name: "Élan".to_owned(),
            category: "Library".to_owned(),
            layer: "Tools".to_owned(),
        },
    )
    .unwrap();
    assert!(
        technology::create(
            &mut db,
            TechnologyInput {
                name: "élan".to_owned(),
                category: "Library".to_owned(),
                layer: "Tools".to_owned()
            },
        )
        .is_err(),
        "case folding beyond ASCII"
    );
    skill::Skill::create(
        &mut db,
        &local.profile_id,
        SkillInput {
            technology: "Élan".to_owned(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        matches!(
            technology::delete(&mut db, &elixir.id),
            Err(Error::Conflict(_))
        ),
        "in use by a skill"
    );
}

#[test]
fn education_certifications_and_achievements() {
    let (mut db, local) = fixture::profile();
    let degree = education::Education::create(
        &mut db,
        &local.profile_id,
        EducationInput {
            institution: "University of London".to_owned(),
            degree: Some("BSc".to_owned()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        education::Education::list(db.conn(), &local.profile_id).unwrap(),
        std::slice::from_ref(&degree)
    );
    assert_eq!(
        completeness::stored_score(db.conn(), &local.profile_id).unwrap(),
        Some(10)
    );

    let expired = certification::Certification::create(
        &mut db,
        &local.profile_id,
        CertificationInput {
            name: "Old cert".to_owned(),
            issue_date: Some("2015-01-01".to_owned()),
            expiry_date: Some("2018-01-01".to_owned()),
            ..Default::default()
        },
    )
    .unwrap();
    let valid = certification::Certification::create(
        &mut db,
        &local.profile_id,
        CertificationInput {
            name: "Forever cert".to_owned(),
            expiry_date: Some("2999-01-01".to_owned()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(expired.is_expired, "expired as of today");
    assert!(!valid.is_expired);

    let award = achievement::Achievement::create(
        &mut db,
        &local.profile_id,
        AchievementInput {
            title: "Medal".to_owned(),
            category: Some("AWARD".to_owned()),
            ..Default::default()
        },
    )
    .unwrap();
    let wrong = achievement::Achievement::update(
        &mut db,
        &award.id,
        AchievementInput {
            title: "Medal".to_owned(),
            category: Some("TROPHY".to_owned()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(wrong.field_errors()[0].field, "category");
    achievement::Achievement::delete(&mut db, &award.id).unwrap();
    education::Education::delete(&mut db, &degree.id).unwrap();
    assert_eq!(
        completeness::stored_score(db.conn(), &local.profile_id).unwrap(),
        Some(0)
    );
}

#[test]
fn exactly_one_default_cv_version() {
    let (mut db, local) = fixture::profile();
    let work = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2021-01-01"),
    )
    .unwrap();
    let first = cv_version::create(
        &mut db,
        &local.profile_id,
        CvVersionInput {
            name: "General".to_owned(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(first.is_default, "the first version is the default");
    assert_eq!(first.template, "modern");
    assert_eq!(
        first.sections_config.experiences,
        std::slice::from_ref(&work.id),
        "a new version starts with everything selected"
    );

    let second = cv_version::create(
        &mut db,
        &local.profile_id,
        CvVersionInput {
            name: "Short".to_owned(),
            template: "classic".to_owned(),
            is_default: true,
            ..Default::default()
        },
    )
    .unwrap();
    let defaults = |db: &career_hub::Db| -> Vec<String> {
        cv_version::list(db.conn(), &local.profile_id)
            .unwrap()
            .into_iter()
            .filter(|v| v.is_default)
            .map(|v| v.id)
            .collect()
    };
    assert_eq!(
        defaults(&db),
        std::slice::from_ref(&second.id),
        "making one the default unsets the other"
    );
    cv_version::set_default(&mut db, &first.id).unwrap();
    assert_eq!(defaults(&db), std::slice::from_ref(&first.id));
    cv_version::delete(&mut db, &first.id).unwrap();
    assert_eq!(
        defaults(&db),
        std::slice::from_ref(&second.id),
        "deleting the default promotes another"
    );
    let unset = cv_version::update(
        &mut db,
        &second.id,
        CvVersionInput {
            name: "Short".to_owned(),
            ..Default::default()
        },
    );
    assert!(
        matches!(unset, Err(Error::Conflict(_))),
        "the default cannot simply be unset"
    );
}

#[test]
fn a_full_profile_loads_with_next_actions() {
    let (mut db, local) = fixture::profile();
    experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2021-01-01"),
    )
    .unwrap();
    let full = profile::load(db.conn(), &local.profile_id).unwrap();
    assert_eq!(full.experiences.len(), 1);
    assert_eq!(full.profile.completeness_score, 10);
    let first = &full.next_actions[0];
    assert_eq!(first.code, "write_summary");
    assert_eq!(first.message, "Add a summary over 100 characters: +20");
    assert!(
        full.next_actions
            .iter()
            .any(|a| a.code == "add_experience" && a.points == 10)
    );
    let total: u32 = full.next_actions.iter().map(|a| a.points).sum();
    assert!(total > 0);
}

#[test]
fn a_deleted_item_leaves_every_cv_selection_and_undo_brings_it_back() {
    let (mut db, local) = fixture::profile();
    let p = &local.profile_id;
    let jobs: Vec<String> = ["Acme", "Globex", "Initech"]
        .iter()
        .map(|company| {
            experience::Experience::create(&mut db, p, job(company, "Engineer", "2021-01-01"))
                .unwrap()
                .id
        })
        .collect();
    let cert = certification::Certification::create(
        &mut db,
        p,
        CertificationInput {
            name: "CKA".to_owned(),
            ..Default::default()
        },
    )
    .unwrap();
    let version = |name: &str| CvVersionInput {
        name: name.to_owned(),
        ..Default::default()
    };
    let general = cv_version::create(&mut db, p, version("General")).unwrap();
    let short = cv_version::create(&mut db, p, version("Short")).unwrap();
    assert_eq!(general.sections_config.experiences, jobs);

    experience::Experience::delete(&mut db, &jobs[1]).unwrap();
    certification::Certification::delete(&mut db, &cert.id).unwrap();
    for id in [&general.id, &short.id] {
        let config = cv_version::get(db.conn(), id).unwrap().sections_config;
        assert_eq!(
            config.experiences,
            [jobs[0].clone(), jobs[2].clone()],
            "the deleted job left the selection, the order of the rest kept"
        );
        assert!(config.certifications.is_empty());
    }

    career_hub::history::undo_last(&mut db, &local.user_id, None).unwrap();
    career_hub::history::undo_last(&mut db, &local.user_id, None).unwrap();
    let config = cv_version::get(db.conn(), &general.id)
        .unwrap()
        .sections_config;
    assert_eq!(
        config.experiences, jobs,
        "undoing the delete restores the selection"
    );
    assert_eq!(config.certifications, [cert.id]);

    let later =
        experience::Experience::create(&mut db, p, job("Hooli", "Engineer", "2023-01-01")).unwrap();
    let config = cv_version::get(db.conn(), &general.id)
        .unwrap()
        .sections_config;
    assert!(
        !config.experiences.contains(&later.id),
        "an item added later is not silently added to an existing version"
    );
}
