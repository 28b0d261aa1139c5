//! History, undo and restore.

use career_hub::history;
use career_hub::profile::Section;
use career_hub::profile::experience::{self, ExperienceInput};
use career_hub::profile::project;
use career_hub::profile::{self, ProfileInput};
use career_hub::{Error, completeness};

use crate::fixture::{self, count, job};

#[test]
fn restoring_a_deleted_experience_brings_back_its_tags_and_project_links() {
    let (mut db, local) = fixture::profile();
    let mut input = job("Acme", "Engineer", "2021-01-01");
    input.technologies = vec!["Rust".into(), "Kafka".into()];
    let work = experience::Experience::create(&mut db, &local.profile_id, input).unwrap();
    let mut linked = fixture::project("Billing");
    linked.experience_ids = vec![work.id.clone()];
    let billing = project::Project::create(&mut db, &local.profile_id, linked).unwrap();
    let before = experience::Experience::get(db.conn(), &work.id).unwrap();

    experience::Experience::delete(&mut db, &work.id).unwrap();
    assert_eq!(count(&db, "experience_technologies"), 0);
    assert!(
        project::Project::get(db.conn(), &billing.id)
            .unwrap()
            .experience_ids
            .is_empty()
    );
    assert_eq!(
        completeness::stored_score(db.conn(), &local.profile_id).unwrap(),
        Some(5)
    );

    let report = history::restore_deleted(&mut db, "experience", &work.id).unwrap();
    assert_eq!(
        report.rows, 4,
        "the experience, two tags and one project link"
    );
    let after = experience::Experience::get(db.conn(), &work.id).unwrap();
    assert_eq!(
        after, before,
        "the experience is back exactly as it was, tags and links included"
    );
    assert_eq!(
        project::Project::get(db.conn(), &billing.id)
            .unwrap()
            .experience_ids,
        std::slice::from_ref(&work.id)
    );
    assert_eq!(
        completeness::stored_score(db.conn(), &local.profile_id).unwrap(),
        Some(15)
    );
}

#[test]
fn undo_steps_back_and_undoing_an_undo_redoes() {
    let (mut db, local) = fixture::profile();
    let set = |db: &mut career_hub::Db, headline: &str| {
        profile::update(
            db,
            &local.profile_id,
            ProfileInput {
                headline: Some(headline.into()),
                ..Default::default()
            },
        )
        .unwrap();
    };
    let headline =
        |db: &career_hub::Db| profile::get(db.conn(), &local.profile_id).unwrap().headline;
    set(&mut db, "One");
    set(&mut db, "Two");
    set(&mut db, "Three");

    history::undo_last(&mut db, &local.user_id, None).unwrap();
    assert_eq!(headline(&db).as_deref(), Some("Two"));
    let second = history::undo_last(&mut db, &local.user_id, None).unwrap();
    assert_eq!(
        headline(&db).as_deref(),
        Some("One"),
        "a second undo steps further back"
    );
    assert!(
        second.summary.starts_with("Undid: Changed profile"),
        "{}",
        second.summary
    );

    history::undo_change(&mut db, &second.change_id).unwrap();
    assert_eq!(
        headline(&db).as_deref(),
        Some("Two"),
        "undoing the undo redoes it"
    );

    let changes = history::changes(db.conn(), &local.user_id, 10).unwrap();
    assert!(
        changes[0].summary.starts_with("Undo:"),
        "{}",
        changes[0].summary
    );
    assert!(
        changes.iter().any(|c| c.undone),
        "undone changes are marked"
    );
}

#[test]
fn undo_of_a_create_removes_it_and_the_technologies_it_added() {
    let (mut db, local) = fixture::profile();
    let technologies = count(&db, "technologies");
    let mut input = job("Acme", "Engineer", "2021-01-01");
    input.technologies = vec!["Brand New Tech".into()];
    experience::Experience::create(&mut db, &local.profile_id, input).unwrap();
    history::undo_last(&mut db, &local.user_id, None).unwrap();
    assert_eq!(count(&db, "experiences"), 0);
    assert_eq!(
        count(&db, "technologies"),
        technologies,
        "the technology it created is gone too"
    );
    assert_eq!(
        completeness::stored_score(db.conn(), &local.profile_id).unwrap(),
        Some(0)
    );
}

#[test]
fn undo_restores_the_exact_previous_row() {
    let (mut db, local) = fixture::profile();
    let work = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2021-01-01"),
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(3));
    experience::Experience::update(
        &mut db,
        &work.id,
        ExperienceInput {
            description: Some("Changed".into()),
            ..job("Acme", "Lead", "2021-01-01")
        },
    )
    .unwrap();
    history::undo_last(&mut db, &local.user_id, None).unwrap();
    assert_eq!(
        experience::Experience::get(db.conn(), &work.id).unwrap(),
        work,
        "updated_at included"
    );
}

#[test]
fn nothing_to_undo_and_conflicts_are_explained() {
    let (mut db, local) = fixture::profile();
    let error = history::undo_last(&mut db, &local.user_id, None).unwrap_err();
    assert!(
        matches!(&error, Error::Conflict(m) if m.contains("nothing to undo")),
        "{error}"
    );

    let work = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2021-01-01"),
    )
    .unwrap();
    experience::Experience::update(&mut db, &work.id, job("Acme", "Lead", "2021-01-01")).unwrap();
    let edit = history::changes(db.conn(), &local.user_id, 1).unwrap()[0]
        .change_id
        .clone();
    experience::Experience::delete(&mut db, &work.id).unwrap();
    let error = history::undo_change(&mut db, &edit).unwrap_err();
    assert!(
        error.to_string().contains("undo that delete first"),
        "{error}"
    );
}

#[test]
fn history_of_one_item_and_of_the_profile() {
    let (mut db, local) = fixture::profile();
    let work = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2021-01-01"),
    )
    .unwrap();
    experience::Experience::update(&mut db, &work.id, job("Acme", "Lead", "2021-01-01")).unwrap();
    let item = history::of_entity(db.conn(), "EXPERIENCE", &work.id, 10).unwrap();
    let actions: Vec<&str> = item.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["UPDATE_EXPERIENCE", "CREATE_EXPERIENCE"],
        "newest first"
    );

    let changes = history::changes(db.conn(), &local.user_id, 10).unwrap();
    assert_eq!(changes[0].summary, "Changed experience Lead at Acme");
    assert_eq!(changes[1].summary, "Added experience Engineer at Acme");
}

/// The reported case: add a job, change its position, then change its company and
/// description; undoing the position change must keep the later edits.
#[test]
fn undoing_an_older_change_keeps_later_edits_of_other_fields() {
    let (mut db, local) = fixture::profile();
    let work = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2020-01-01"),
    )
    .unwrap();
    let mut promoted = job("Acme", "Senior Engineer", "2020-01-01");
    experience::Experience::update(&mut db, &work.id, promoted.clone()).unwrap();
    let position_change = history::changes(db.conn(), &local.user_id, 1).unwrap()[0]
        .change_id
        .clone();
    promoted.company_name = "Acme Robotics".into();
    promoted.description = Some("Built the robots.".into());
    experience::Experience::update(&mut db, &work.id, promoted).unwrap();

    let report = history::undo_change(&mut db, &position_change).unwrap();
    assert!(report.summary.starts_with("Undid:"), "{}", report.summary);
    let now = experience::Experience::get(db.conn(), &work.id).unwrap();
    assert_eq!(
        now.position, "Engineer",
        "the undone change's field goes back"
    );
    assert_eq!(
        now.company_name, "Acme Robotics",
        "a later edit of another field stays"
    );
    assert_eq!(now.description.as_deref(), Some("Built the robots."));

    // Redo puts the position back, and again nothing else moves.
    history::undo_change(&mut db, &report.change_id).unwrap();
    let redone = experience::Experience::get(db.conn(), &work.id).unwrap();
    assert_eq!(redone.position, "Senior Engineer");
    assert_eq!(redone.company_name, "Acme Robotics");
}

#[test]
fn undoing_a_change_whose_field_was_edited_again_names_the_later_change() {
    let (mut db, local) = fixture::profile();
    let work = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2020-01-01"),
    )
    .unwrap();
    experience::Experience::update(
        &mut db,
        &work.id,
        job("Acme", "Senior Engineer", "2020-01-01"),
    )
    .unwrap();
    let first = history::changes(db.conn(), &local.user_id, 1).unwrap()[0]
        .change_id
        .clone();
    experience::Experience::update(
        &mut db,
        &work.id,
        job("Acme", "Staff Engineer", "2020-01-01"),
    )
    .unwrap();
    let second = history::changes(db.conn(), &local.user_id, 1).unwrap()[0]
        .change_id
        .clone();

    let preview = history::preview_undo(db.conn(), &first).unwrap();
    assert_eq!(
        preview
            .later
            .iter()
            .map(|c| c.change_id.as_str())
            .collect::<Vec<_>>(),
        [second.as_str()],
        "the preview names the later change that wrote the same field"
    );
    let error = history::undo_change(&mut db, &first).unwrap_err();
    assert!(
        matches!(&error, Error::Conflict(message) if message.contains(&second)),
        "undo refuses, naming the later change: {error}"
    );
    assert_eq!(
        experience::Experience::get(db.conn(), &work.id)
            .unwrap()
            .position,
        "Staff Engineer",
        "and changes nothing"
    );

    let reports = history::undo_with_later(&mut db, &first).unwrap();
    assert_eq!(reports.len(), 2, "both changes undone, the later first");
    assert_eq!(reports[0].reverted_change_id, second);
    assert_eq!(reports[1].reverted_change_id, first);
    assert_eq!(
        experience::Experience::get(db.conn(), &work.id)
            .unwrap()
            .position,
        "Engineer"
    );
}

/// The app and a script write at once: the app's undo takes back the app's own last
/// change, never the script's that came after it.
#[test]
fn the_apps_undo_takes_back_its_own_change_not_another_programs() {
    let (mut db, local) = fixture::profile();
    let mine = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Acme", "Engineer", "2020-01-01"),
    )
    .unwrap();
    db.set_audit_context(career_hub::AuditContext {
        user_id: Some(local.user_id.clone()),
        ..career_hub::AuditContext::new(career_hub::Source::Cli)
    });
    let theirs = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Globex", "Lead", "2021-01-01"),
    )
    .unwrap();
    db.set_audit_context(career_hub::AuditContext {
        user_id: Some(local.user_id.clone()),
        ..career_hub::AuditContext::new(career_hub::Source::Ui)
    });

    let named = history::last_undoable(db.conn(), &local.user_id, Some(career_hub::Source::Ui))
        .unwrap()
        .unwrap();
    assert!(named.summary.contains("Acme"), "{}", named.summary);
    history::undo_last(&mut db, &local.user_id, Some(career_hub::Source::Ui)).unwrap();
    assert!(
        experience::Experience::get(db.conn(), &mine.id).is_err(),
        "the app's own job is undone"
    );
    assert!(
        experience::Experience::get(db.conn(), &theirs.id).is_ok(),
        "the script's later job is left alone"
    );
    let error =
        history::undo_last(&mut db, &local.user_id, Some(career_hub::Source::Ui)).unwrap_err();
    assert!(error.to_string().contains("nothing of yours"), "{error}");
}
