//! Profile-builder sessions: steps, drafts that survive a crash, progress.

use career_hub::builder::{self, StepStatus, StepUpdate};
use career_hub::validation::{Code, FieldError};
use career_hub::{AuditContext, Db, Source, profile};
use serde_json::json;

#[test]
fn a_draft_survives_a_crash_and_the_same_step_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("career-hub.db");
    let session_id = {
        let mut db = Db::open(&path).unwrap();
        db.set_audit_context(AuditContext::new(Source::Ui));
        let local = profile::bootstrap(&mut db).unwrap();
        let session = builder::start(&mut db, &local).unwrap();
        assert_eq!(session.current_step, "basics");
        builder::save_draft(
            &mut db,
            &session.id,
            "experience",
            json!({"company_name": "Acm", "position": ""}),
        )
        .unwrap();
        // The connection is dropped mid-edit, as when the app is killed.
        session.id
    };
    let mut db = Db::open(&path).unwrap();
    let local = profile::bootstrap(&mut db).unwrap();
    let resumed = builder::start(&mut db, &local).unwrap();
    assert_eq!(resumed.id, session_id, "the open session is resumed");
    assert_eq!(resumed.current_step, "experience", "the same step opens");
    let step = resumed
        .steps
        .iter()
        .find(|s| s.step == "experience")
        .unwrap();
    assert_eq!(
        step.draft_data,
        Some(json!({"company_name": "Acm", "position": ""})),
        "the typed text is there"
    );
    assert_eq!(step.status, StepStatus::InProgress);
}

#[test]
fn steps_record_status_errors_and_progress() {
    let mut db = Db::open_in_memory().unwrap();
    let local = profile::bootstrap(&mut db).unwrap();
    let session = builder::start(&mut db, &local).unwrap();
    assert_eq!(session.steps.len(), builder::STEPS.len());
    let errors = vec![FieldError {
        code: Code::InvalidDate,
        field: "start_date".into(),
        message: "bad".into(),
    }];
    let updated = builder::update_step(
        &mut db,
        &session.id,
        "experience",
        StepUpdate {
            status: Some(StepStatus::InProgress),
            validation_errors: Some(errors.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    let step = updated
        .steps
        .iter()
        .find(|s| s.step == "experience")
        .unwrap();
    assert_eq!(step.validation_errors, errors);
    assert!(step.started_at.is_some());

    for step in ["basics", "experience"] {
        builder::update_step(
            &mut db,
            &session.id,
            step,
            StepUpdate {
                status: Some(StepStatus::Complete),
                validation_errors: Some(vec![]),
                draft_data: None,
                clear_draft: true,
                make_current: true,
            },
        )
        .unwrap();
    }
    let progress = builder::progress(db.conn(), &session.id).unwrap();
    assert_eq!(progress.completed_steps, ["basics", "experience"]);
    assert_eq!(progress.percent, 25);
    assert_eq!(progress.current_step, "experience");

    assert!(builder::update_step(&mut db, &session.id, "hobbies", StepUpdate::default()).is_err());
    let ended = builder::end(&mut db, &session.id).unwrap();
    assert!(ended.ended_at.is_some());
    assert!(
        builder::save_draft(&mut db, &session.id, "skills", json!({})).is_err(),
        "an ended session takes no drafts"
    );
    let next = builder::start(&mut db, &local).unwrap();
    assert_ne!(
        next.id, session.id,
        "a new session starts after the old one ended"
    );

    let audited: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log a JOIN changes c ON c.id = a.change_id
             WHERE a.entity_type = 'BUILDER_STEP' AND c.session_id = ?1",
            [&session.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        audited >= 8,
        "builder writes are audited with their session id ({audited})"
    );
}
