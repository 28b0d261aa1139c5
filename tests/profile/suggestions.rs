//! Responsibility suggestions by position and seniority, popular first.

use career_hub::profile::responsibility::{self, ResponsibilityInput};

use crate::fixture;

#[test]
fn suggestions_fit_the_position_and_seniority() {
    let (db, _) = fixture::profile();
    let found = responsibility::suggest(db.conn(), "Senior Backend Developer", None, 5).unwrap();
    assert!(!found.is_empty());
    assert_eq!(
        found[0].item.role_category.as_deref(),
        Some("Backend Engineer"),
        "{found:#?}"
    );
    assert_eq!(
        found[0].item.seniority_level.as_deref(),
        Some("SENIOR"),
        "seniority read from the title"
    );
    let junior =
        responsibility::suggest(db.conn(), "Software Engineer", Some("junior"), 3).unwrap();
    assert!(
        junior
            .iter()
            .all(|s| s.item.seniority_level.as_deref() == Some("JUNIOR")),
        "{junior:#?}"
    );
    assert!(
        responsibility::suggest(db.conn(), "Astronaut", None, 5)
            .unwrap()
            .is_empty(),
        "no fit, no noise"
    );
}

#[test]
fn using_a_suggestion_ranks_it_higher() {
    let (mut db, _) = fixture::profile();
    let before =
        responsibility::suggest(db.conn(), "Software Engineer", Some("SENIOR"), 10).unwrap();
    let last = before.last().unwrap().item.clone();
    for _ in 0..20 {
        responsibility::record_use(&mut db, &last.id).unwrap();
    }
    let after =
        responsibility::suggest(db.conn(), "Software Engineer", Some("SENIOR"), 10).unwrap();
    assert_eq!(
        after[0].item.id, last.id,
        "the most used comes first among equals"
    );
    assert_eq!(after[0].item.usage_count, 20);
}

#[test]
fn the_library_can_be_edited() {
    let (mut db, _) = fixture::profile();
    let mine = responsibility::add(
        &mut db,
        ResponsibilityInput {
            role_category: Some("Astronaut".into()),
            responsibility: "Flew to orbit".into(),
            seniority_level: Some("senior".into()),
        },
    )
    .unwrap();
    assert_eq!(mine.seniority_level.as_deref(), Some("SENIOR"));
    assert_eq!(
        responsibility::list(db.conn(), Some("Astronaut")).unwrap(),
        std::slice::from_ref(&mine)
    );
    assert_eq!(
        responsibility::suggest(db.conn(), "Astronaut", None, 5).unwrap()[0]
            .item
            .id,
        mine.id
    );
    let edited = responsibility::update(
        &mut db,
        &mine.id,
        ResponsibilityInput {
            responsibility: "Flew to the Moon".into(),
            ..ResponsibilityInput::default()
        },
    )
    .unwrap();
    assert_eq!(edited.responsibility, "Flew to the Moon");
    let bad = responsibility::update(
        &mut db,
        &mine.id,
        ResponsibilityInput {
            seniority_level: Some("GURU".into()),
            ..edited_input()
        },
    );
    assert!(bad.is_err());
    responsibility::delete(&mut db, &mine.id).unwrap();
    assert!(responsibility::get(db.conn(), &mine.id).is_err());
}

fn edited_input() -> ResponsibilityInput {
    ResponsibilityInput {
        responsibility: "x".into(),
        ..Default::default()
    }
}
