//! Search: by a word in a description, by prefix, technologies by a misspelling; the
//! closer match ranks first, and each hit says what matched.

use career_hub::profile::Section;
use career_hub::profile::experience::{self, ExperienceInput};
use career_hub::profile::project::{self, ProjectInput};
use career_hub::profile::skill::{self, SkillInput};
use career_hub::search::{self, HitKind};

use crate::fixture::{self, job};

fn searchable() -> (career_hub::Db, career_hub::profile::LocalProfile) {
    let (mut db, local) = fixture::profile();
    let p = local.profile_id.clone();
    experience::Experience::create(
        &mut db,
        &p,
        ExperienceInput {
            description: Some("Built the invoicing pipeline and reconciliation jobs.".into()),
            responsibilities: vec!["Mentored three engineers".into()],
            ..job("Acme Payments", "Backend Engineer", "2020-01-01")
        },
    )
    .unwrap();
    experience::Experience::create(
        &mut db,
        &p,
        job("Globex", "Frontend Developer", "2017-01-01"),
    )
    .unwrap();
    project::Project::create(
        &mut db,
        &p,
        ProjectInput {
            description: Some("Real-time invoicing dashboard".into()),
            achievements: vec!["Cut month-end close from 5 days to 1".into()],
            ..fixture::project("Ledger")
        },
    )
    .unwrap();
    for name in ["Kubernetes", "PostgreSQL", "Python"] {
        skill::Skill::create(
            &mut db,
            &p,
            SkillInput {
                technology: name.into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    (db, local)
}

#[test]
fn finds_a_word_in_a_description_and_says_where() {
    let (db, local) = searchable();
    let hits = search::search(db.conn(), &local.profile_id, "reconciliation", 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].kind, HitKind::Experience);
    assert_eq!(hits[0].title, "Backend Engineer at Acme Payments");
    assert_eq!(hits[0].matched_fields, ["description"]);
    assert!(
        hits[0]
            .snippet
            .iter()
            .any(|s| s.matched && s.text == "reconciliation"),
        "{:?}",
        hits[0].snippet
    );

    let mentored = search::search(db.conn(), &local.profile_id, "mentored", 10).unwrap();
    assert_eq!(
        mentored[0].matched_fields,
        ["responsibilities"],
        "responsibilities are searched"
    );
    let close = search::search(db.conn(), &local.profile_id, "month-end", 10).unwrap();
    assert_eq!(
        close[0].kind,
        HitKind::Project,
        "project achievements are searched"
    );
}

#[test]
fn finds_by_prefix_across_experiences_and_projects() {
    let (db, local) = searchable();
    let hits = search::search(db.conn(), &local.profile_id, "invoic", 10).unwrap();
    let kinds: Vec<HitKind> = hits.iter().map(|h| h.kind).collect();
    assert!(
        kinds.contains(&HitKind::Experience) && kinds.contains(&HitKind::Project),
        "{hits:#?}"
    );
    let front = search::search(db.conn(), &local.profile_id, "front", 10).unwrap();
    assert_eq!(front[0].title, "Frontend Developer at Globex");
    assert_eq!(front[0].matched_fields, ["position"]);
}

#[test]
fn finds_a_technology_and_a_skill_by_a_misspelling() {
    let (db, local) = searchable();
    let found = search::technologies(db.conn(), "Kubernetse", 5).unwrap();
    assert_eq!(found[0].technology.name, "Kubernetes", "{found:#?}");
    let skills = search::search(db.conn(), &local.profile_id, "postgress", 10).unwrap();
    assert_eq!(skills[0].kind, HitKind::Skill);
    assert_eq!(skills[0].title, "PostgreSQL");
}

#[test]
fn the_closer_match_ranks_first() {
    let (db, _) = searchable();
    let found = search::technologies(db.conn(), "pythn", 5).unwrap();
    assert_eq!(found[0].technology.name, "Python", "{found:#?}");
    let java = search::technologies(db.conn(), "java", 5).unwrap();
    let names: Vec<&str> = java.iter().map(|m| m.technology.name.as_str()).collect();
    assert_eq!(
        names[0], "Java",
        "an exact name beats a longer one that starts with it: {names:?}"
    );
    assert!(names.contains(&"JavaScript"), "{names:?}");
}

#[test]
fn a_position_match_outranks_a_description_match() {
    let (mut db, local) = fixture::profile();
    experience::Experience::create(
        &mut db,
        &local.profile_id,
        ExperienceInput {
            description: Some("Worked with a data engineer".into()),
            ..job("A", "Analyst", "2020-01-01")
        },
    )
    .unwrap();
    experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("B", "Data Engineer", "2019-01-01"),
    )
    .unwrap();
    let hits = search::search(db.conn(), &local.profile_id, "data engineer", 10).unwrap();
    assert_eq!(hits[0].title, "Data Engineer at B", "{hits:#?}");
    assert_eq!(hits.len(), 2);
}

#[test]
fn updates_and_deletes_keep_the_index_current() {
    let (mut db, local) = fixture::profile();
    let work = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Initech", "Tester", "2020-01-01"),
    )
    .unwrap();
    experience::Experience::update(&mut db, &work.id, job("Initrode", "Tester", "2020-01-01"))
        .unwrap();
    assert!(
        search::search(db.conn(), &local.profile_id, "initech", 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        search::search(db.conn(), &local.profile_id, "initrode", 10)
            .unwrap()
            .len(),
        1
    );
    experience::Experience::delete(&mut db, &work.id).unwrap();
    assert!(
        search::search(db.conn(), &local.profile_id, "initrode", 10)
            .unwrap()
            .is_empty()
    );
    assert!(
        search::search(db.conn(), &local.profile_id, "\"*()", 10)
            .unwrap()
            .is_empty(),
        "punctuation alone is no query"
    );
}
