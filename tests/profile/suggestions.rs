//! Responsibility suggestions by position and seniority, popular first.

use career_hub::profile::responsibility;

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
