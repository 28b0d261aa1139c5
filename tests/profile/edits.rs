//! Edits change only what they name: every other field of the item keeps its value,
//! including the ones no form shows (set from the CLI or by an import).

use std::fmt::Debug;

use career_hub::Error;
use career_hub::profile::achievement::Achievement;
use career_hub::profile::certification::Certification;
use career_hub::profile::education::Education;
use career_hub::profile::experience::Experience;
use career_hub::profile::project::Project;
use career_hub::profile::section::patched;
use career_hub::profile::skill::Skill;
use career_hub::profile::{self, Changes, Section};
use career_hub::validation::Code;
use serde_json::{Value, json};

use crate::fixture;

fn changes(value: Value) -> Changes {
    Changes(value.as_object().cloned().unwrap())
}

/// Creates an item from `full` (every field set), edits it with `edit`, and checks that
/// the item now holds `full` with exactly the edited fields changed.
fn only_the_edited_fields_change<S: Section>(full: Value, edit: Value)
where
    S::Input: Debug,
{
    let (mut db, local) = fixture::profile();
    let input: S::Input = serde_json::from_value(full.clone()).unwrap();
    let created = S::create(&mut db, &local.profile_id, input).unwrap();
    let as_created = serde_json::to_value(created.input()).unwrap();
    for (field, value) in full.as_object().unwrap() {
        assert_eq!(
            &as_created[field],
            value,
            "{}: {field} is stored as given",
            S::NOUN
        );
    }

    let edited = S::edit(&mut db, created.id(), &changes(edit.clone())).unwrap();
    let expected = patched(created.input(), &changes(edit)).unwrap();
    assert_eq!(
        serde_json::to_value(edited.input()).unwrap(),
        serde_json::to_value(expected).unwrap(),
        "{}: every field the edit did not name keeps its value",
        S::NOUN
    );
}

#[test]
fn editing_a_job_keeps_its_industry_and_company_size() {
    only_the_edited_fields_change::<Experience>(
        json!({
            "company_name": "Analytical Engines", "company_website": "https://engines.example",
            "company_size": "11-50", "industry": "Computing", "company_location": "London",
            "position": "Programmer", "employment_type": "FULL_TIME", "start_date": "2020-01-01",
            "end_date": "2022-06-30", "is_current": false, "description": "The first program.",
            "responsibilities": ["Wrote the notes"], "technologies": ["Rust"]
        }),
        json!({"position": "Lead programmer", "description": null}),
    );
}

#[test]
fn editing_a_project_keeps_its_clients_team_and_budget() {
    only_the_edited_fields_change::<Project>(
        json!({
            "name": "Ledger", "description": "Double entry.", "role": "Lead", "start_date": "2021-01-01",
            "end_date": "2021-12-31", "is_ongoing": false, "is_anonymized": false, "anonymized_company": null,
            "status": "Archived", "category": "Internal", "achievements": ["Shipped"], "challenges": ["Scale"],
            "clients": ["A bank"], "team_size": 5, "duration_months": 12, "users_count": 300,
            "budget_range": "small", "demo_url": "https://demo.example", "github_url": "https://github.com/a/b",
            "documentation_url": "https://docs.example", "visibility": "PUBLIC", "technologies": ["Go"],
            "experience_ids": []
        }),
        json!({"name": "Ledger 2"}),
    );
}

#[test]
fn editing_a_skill_keeps_its_years_and_since() {
    only_the_edited_fields_change::<Skill>(
        json!({"technology": "Rust", "level": 4, "years_of_experience": 6, "started_using_year": 2018, "is_primary": true}),
        json!({"level": 5}),
    );
}

#[test]
fn editing_an_education_entry_keeps_its_grade() {
    only_the_edited_fields_change::<Education>(
        json!({
            "institution": "University of London", "degree": "BSc", "field_of_study": "Mathematics",
            "start_date": "2015-09-01", "end_date": "2018-06-30", "grade": "First", "description": "Analysis."
        }),
        json!({"degree": "MSc"}),
    );
}

#[test]
fn editing_a_certification_keeps_its_credential() {
    only_the_edited_fields_change::<Certification>(
        json!({
            "name": "CKA", "issuing_organization": "CNCF", "credential_id": "ABC-123",
            "credential_url": "https://cncf.example/abc", "issue_date": "2022-01-01", "expiry_date": "2031-01-01"
        }),
        json!({"name": "CKAD"}),
    );
}

#[test]
fn editing_an_achievement_keeps_its_link() {
    only_the_edited_fields_change::<Achievement>(
        json!({"title": "Medal", "description": "For service.", "date": "2020-05-01", "category": "AWARD", "url": "https://medal.example"}),
        json!({"title": "Gold medal"}),
    );
}

#[test]
fn editing_the_basics_keeps_the_contact_keys_the_form_does_not_show() {
    let (mut db, local) = fixture::profile();
    profile::edit(
        &mut db,
        &local.profile_id,
        &changes(json!({
            "headline": "Engineer",
            "contact": {"name": "Ada", "phone": "+44 20 7946 0000", "mastodon": "@ada@example.social"}
        })),
    )
    .unwrap();
    let edited = profile::edit(
        &mut db,
        &local.profile_id,
        &changes(
            json!({"headline": "Programmer", "contact": {"name": "Ada Lovelace", "phone": null}}),
        ),
    )
    .unwrap();
    assert_eq!(edited.headline.as_deref(), Some("Programmer"));
    assert_eq!(edited.contact.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(edited.contact.phone, None, "null clears a contact key");
    assert_eq!(
        edited.contact.other.get("mastodon"),
        Some(&json!("@ada@example.social")),
        "a contact key the edit did not name is kept"
    );
}

#[test]
fn an_edit_naming_an_unknown_field_or_a_wrong_value_changes_nothing() {
    let (mut db, local) = fixture::profile();
    let job = Experience::create(
        &mut db,
        &local.profile_id,
        fixture::job("Acme", "Engineer", "2021-01-01"),
    )
    .unwrap();
    let Err(Error::Invalid(fields)) = Experience::edit(
        &mut db,
        &job.id,
        &changes(json!({"position": "Lead", "salary": 100})),
    ) else {
        panic!("an unknown field is refused");
    };
    assert_eq!(
        (fields[0].code, fields[0].field.as_str()),
        (Code::UnknownField, "salary")
    );
    let Err(Error::Invalid(fields)) =
        Experience::edit(&mut db, &job.id, &changes(json!({"is_current": "yes"})))
    else {
        panic!("a wrong kind of value is refused");
    };
    assert_eq!(fields[0].code, Code::WrongType);
    assert_eq!(
        Experience::get(db.conn(), &job.id).unwrap(),
        job,
        "nothing changed"
    );
}
