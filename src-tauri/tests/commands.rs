//! Every command body, called directly on Tauri's mock runtime: no window, no webview,
//! the same core underneath.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use career_hub::ErrorCode;
use career_hub::builder::{StepStatus, StepUpdate};
use career_hub::profile::Changes;
use career_hub::profile::achievement::AchievementInput;
use career_hub::profile::certification::CertificationInput;
use career_hub::profile::education::EducationInput;
use career_hub::profile::experience::ExperienceInput;
use career_hub::profile::project::ProjectInput;
use career_hub::profile::skill::SkillInput;
use career_hub_desktop::commands as c;
use career_hub_desktop::state::AppState;
use common::app;
use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::{mock_builder, mock_context, noop_assets};

/// An edit, as the UI sends it.
fn changes(value: Value) -> Changes {
    Changes(value.as_object().cloned().unwrap())
}

fn job(company: &str, start: &str) -> ExperienceInput {
    ExperienceInput {
        company_name: company.into(),
        position: "Engineer".into(),
        start_date: start.into(),
        technologies: vec!["Rust".into()],
        ..Default::default()
    }
}

#[test]
fn profile_and_every_section_through_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let s = || app.state::<AppState>();

    let info = c::app_info(s()).unwrap();
    assert!(info.database.ends_with("career-hub.db"));
    let empty = c::get_profile(s()).unwrap();
    assert_eq!(empty.profile.completeness_score, 0);

    let profile = c::update_profile(
        s(),
        changes(json!({"headline": "Engineer", "contact": {"name": "Ada"}})),
    )
    .unwrap();
    assert_eq!(profile.contact.name.as_deref(), Some("Ada"));

    let first = c::create_experience(s(), job("Acme", "2021-01-01")).unwrap();
    let second = c::create_experience(s(), job("Globex", "2019-01-01")).unwrap();
    let updated = c::update_experience(
        s(),
        first.id.clone(),
        changes(json!({"company_name": "Acme Corp"})),
    )
    .unwrap();
    assert_eq!(updated.company_name, "Acme Corp");
    c::reorder_experiences(s(), vec![second.id.clone(), first.id.clone()]).unwrap();
    assert_eq!(c::get_profile(s()).unwrap().experiences[0].id, second.id);

    let project = c::create_project(
        s(),
        ProjectInput {
            name: "Ledger".into(),
            experience_ids: vec![first.id.clone()],
            ..Default::default()
        },
    )
    .unwrap();
    let project = c::update_project(
        s(),
        project.id.clone(),
        changes(json!({"name": "Ledger 2"})),
    )
    .unwrap();
    c::reorder_projects(s(), vec![project.id.clone()]).unwrap();

    let skill = c::create_skill(
        s(),
        SkillInput {
            technology: "Go".into(),
            level: Some(3),
            ..Default::default()
        },
    )
    .unwrap();
    let skill = c::update_skill(s(), skill.id.clone(), changes(json!({"level": 4}))).unwrap();
    assert_eq!(skill.level, Some(4));
    c::reorder_skills(s(), vec![skill.id.clone()]).unwrap();

    let school = c::create_education(
        s(),
        EducationInput {
            institution: "MIT".into(),
            ..Default::default()
        },
    )
    .unwrap();
    c::update_education(s(), school.id.clone(), changes(json!({"degree": "BSc"}))).unwrap();
    c::reorder_education(s(), vec![school.id.clone()]).unwrap();

    let cert = c::create_certification(
        s(),
        CertificationInput {
            name: "CKA".into(),
            ..Default::default()
        },
    )
    .unwrap();
    c::update_certification(s(), cert.id.clone(), changes(json!({"name": "CKAD"}))).unwrap();
    c::reorder_certifications(s(), vec![cert.id.clone()]).unwrap();

    let award = c::create_achievement(
        s(),
        AchievementInput {
            title: "Medal".into(),
            ..Default::default()
        },
    )
    .unwrap();
    c::update_achievement(
        s(),
        award.id.clone(),
        changes(json!({"title": "Gold medal"})),
    )
    .unwrap();
    c::reorder_achievements(s(), vec![award.id.clone()]).unwrap();

    let full = c::get_profile(s()).unwrap();
    assert_eq!(full.profile.completeness_score, 10 + 20 + 5 + 3 + 10);
    assert_eq!(full.certifications[0].name, "CKAD");
    assert_eq!(full.achievements[0].title, "Gold medal");

    c::delete_achievement(s(), award.id).unwrap();
    c::delete_certification(s(), cert.id).unwrap();
    c::delete_education(s(), school.id).unwrap();
    c::delete_skill(s(), skill.id).unwrap();
    c::delete_project(s(), project.id).unwrap();
    c::delete_experience(s(), second.id).unwrap();
    assert_eq!(c::get_profile(s()).unwrap().experiences.len(), 1);
}

#[test]
fn errors_come_back_with_code_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let s = || app.state::<AppState>();
    let error = c::create_experience(s(), job("Acme", "2021-02-30")).unwrap_err();
    assert_eq!(error.code, ErrorCode::Invalid);
    assert_eq!(error.field.as_deref(), Some("start_date"));
    assert!(error.message.contains("real date"), "{}", error.message);
    let missing = c::delete_skill(s(), "nope".into()).unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
    let nothing = c::undo_last(s()).unwrap_err();
    assert_eq!(nothing.code, ErrorCode::Conflict);
}

#[test]
fn search_suggestions_history_undo_and_the_builder() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let s = || app.state::<AppState>();
    let work = c::create_experience(s(), job("Initech", "2020-01-01")).unwrap();

    assert!(c::list_technologies(s()).unwrap().len() > 80);
    assert_eq!(
        c::search_technologies(s(), "Kubernetse".into()).unwrap()[0]
            .technology
            .name,
        "Kubernetes"
    );
    assert_eq!(
        c::search_profile(s(), "initech".into()).unwrap()[0].id,
        work.id
    );
    let suggestions =
        c::suggest_responsibilities(s(), "Backend Developer".into(), Some("SENIOR".into()))
            .unwrap();
    c::use_responsibility(s(), suggestions[0].item.id.clone()).unwrap();

    c::delete_experience(s(), work.id.clone()).unwrap();
    let history = c::profile_history(s(), 10).unwrap();
    assert!(
        history[0].summary.starts_with("Deleted experience"),
        "{}",
        history[0].summary
    );
    let undone = c::undo_last(s()).unwrap();
    assert_eq!(c::get_profile(s()).unwrap().experiences.len(), 1);
    c::undo_change(s(), undone.change_id).unwrap();
    assert!(
        c::get_profile(s()).unwrap().experiences.is_empty(),
        "redo deleted it again"
    );
    let item = c::item_history(s(), "EXPERIENCE".into(), work.id).unwrap();
    assert_eq!(item.len(), 4, "create, delete, restore, delete");

    let session = c::builder_start(s()).unwrap();
    let session = c::builder_save_draft(
        s(),
        session.id.clone(),
        "skills".into(),
        r#"{"values":{"technology":"Zi"}}"#.into(),
    )
    .unwrap();
    assert_eq!(session.current_step, "skills");
    let bad_json =
        c::builder_save_draft(s(), session.id.clone(), "skills".into(), "{not json".into())
            .unwrap_err();
    assert_eq!(bad_json.code, ErrorCode::Json); // a JSON error is not a database error
    let session = c::builder_update_step(
        s(),
        session.id.clone(),
        "basics".into(),
        StepUpdate {
            status: Some(StepStatus::Complete),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        c::builder_progress(s(), session.id)
            .unwrap()
            .completed_steps,
        ["basics"]
    );
}

#[test]
fn a_database_that_cannot_be_opened_is_reported_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("career-hub.db");
    std::fs::write(&path, "not a database, just text ".repeat(40)).unwrap();
    let app = mock_builder()
        .manage(AppState::open(path))
        .build(mock_context(noop_assets()))
        .unwrap();
    let error = c::get_profile(app.state::<AppState>()).unwrap_err();
    assert_eq!(error.code, ErrorCode::NotADatabase);
    assert!(
        error.message.contains("not a Career Hub database"),
        "{}",
        error.message
    );
}

#[test]
fn the_ui_reports_its_first_paint() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    assert!(
        !c::app_info(app.state::<AppState>()).unwrap().measure,
        "not measuring unless asked"
    );
    c::ui_ready(app.handle().clone(), Some(0.2)).unwrap();
}

/// The forms send only the fields they show; what an import or the CLI set in the
/// others survives a save from the app.
#[test]
fn saving_a_form_keeps_the_fields_it_does_not_show() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let s = || app.state::<AppState>();

    let job = c::create_experience(
        s(),
        ExperienceInput {
            industry: Some("Retail".into()),
            company_size: Some("51-200".into()),
            ..job("Acme", "2021-01-01")
        },
    )
    .unwrap();
    let saved = c::update_experience(
        s(),
        job.id,
        changes(
            json!({"company_name": "Acme Corp", "position": "Lead", "start_date": "2021-01-01",
                       "end_date": null, "is_current": true, "description": null,
                       "company_location": null, "company_website": null, "employment_type": null,
                       "responsibilities": [], "technologies": ["Rust"]}),
        ),
    )
    .unwrap();
    assert_eq!(
        (saved.industry.as_deref(), saved.company_size.as_deref()),
        (Some("Retail"), Some("51-200"))
    );

    let project = c::create_project(
        s(),
        ProjectInput {
            name: "Ledger".into(),
            clients: vec!["A bank".into()],
            team_size: Some(5),
            ..Default::default()
        },
    )
    .unwrap();
    let saved = c::update_project(s(), project.id, changes(json!({"name": "Ledger 2"}))).unwrap();
    assert_eq!(
        (saved.clients, saved.team_size),
        (vec!["A bank".to_owned()], Some(5))
    );

    c::update_profile(
        s(),
        changes(json!({"contact": {"name": "Ada", "mastodon": "@ada@example.social"}})),
    )
    .unwrap();
    let saved = c::update_profile(
        s(),
        changes(
            json!({"headline": "Engineer", "contact": {"name": "Ada Lovelace", "email": null}}),
        ),
    )
    .unwrap();
    assert_eq!(
        saved.contact.other.get("mastodon"),
        Some(&json!("@ada@example.social")),
        "a profile imported from JSON Resume keeps its other contact keys"
    );

    let skill = c::create_skill(
        s(),
        SkillInput {
            technology: "Go".into(),
            years_of_experience: Some(4),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        c::update_skill(s(), skill.id, changes(json!({"level": 2})))
            .unwrap()
            .years_of_experience,
        Some(4)
    );
    let school = c::create_education(
        s(),
        EducationInput {
            institution: "MIT".into(),
            grade: Some("A".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        c::update_education(s(), school.id, changes(json!({"degree": "BSc"})))
            .unwrap()
            .grade
            .as_deref(),
        Some("A")
    );
    let cert = c::create_certification(
        s(),
        CertificationInput {
            name: "CKA".into(),
            credential_id: Some("ABC-123".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        c::update_certification(s(), cert.id, changes(json!({"name": "CKAD"})))
            .unwrap()
            .credential_id
            .as_deref(),
        Some("ABC-123")
    );
    let award = c::create_achievement(
        s(),
        AchievementInput {
            title: "Medal".into(),
            url: Some("https://medal.example".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        c::update_achievement(s(), award.id, changes(json!({"title": "Gold"})))
            .unwrap()
            .url
            .as_deref(),
        Some("https://medal.example")
    );
}
