//! A table of bad inputs per field, each with the expected code and field; nothing is
//! written when validation fails.

use career_hub::profile::Section;
use career_hub::profile::achievement::{self, AchievementInput};
use career_hub::profile::certification::{self, CertificationInput};
use career_hub::profile::education::{self, EducationInput};
use career_hub::profile::experience::{self, ExperienceInput};
use career_hub::profile::project::{self, ProjectInput};
use career_hub::profile::skill::{self, SkillInput};
use career_hub::profile::{self, Contact, ProfileInput};
use career_hub::validation::Code;
use rstest::rstest;

use crate::fixture::{self, job};

fn audit_rows(db: &career_hub::Db) -> i64 {
    fixture::count(db, "audit_log")
}

fn assert_rejected(result: career_hub::Result<()>, code: Code, field: &str) {
    let error = result.expect_err("the input is rejected");
    let found = error.field_errors();
    assert!(
        found
            .iter()
            .any(|f| f.code == code && f.field == field && !f.message.is_empty()),
        "expected {code:?} on {field}; got {found:?}"
    );
}

#[rstest]
#[case::company_required(ExperienceInput { company_name: " ".into(), ..job("x", "Dev", "2020-01-01") }, Code::Required, "company_name")]
#[case::position_required(job("Acme", "", "2020-01-01"), Code::Required, "position")]
#[case::start_required(job("Acme", "Dev", ""), Code::Required, "start_date")]
#[case::start_not_a_date(job("Acme", "Dev", "2020-02-30"), Code::InvalidDate, "start_date")]
#[case::start_wrong_shape(job("Acme", "Dev", "01/02/2020"), Code::InvalidDate, "start_date")]
#[case::end_before_start(ExperienceInput { end_date: Some("2019-12-31".into()), ..job("Acme", "Dev", "2020-01-01") }, Code::DateOrder, "end_date")]
#[case::end_same_day(ExperienceInput { end_date: Some("2020-01-01".into()), ..job("Acme", "Dev", "2020-01-01") }, Code::DateOrder, "end_date")]
#[case::current_with_end(ExperienceInput { is_current: true, end_date: Some("2021-01-01".into()), ..job("Acme", "Dev", "2020-01-01") }, Code::CurrentWithEndDate, "end_date")]
#[case::company_too_long(job(&"é".repeat(201), "Dev", "2020-01-01"), Code::TooLong, "company_name")]
#[case::website_not_a_url(ExperienceInput { company_website: Some("acme dot com".into()), ..job("Acme", "Dev", "2020-01-01") }, Code::InvalidUrl, "company_website")]
#[case::website_no_scheme(ExperienceInput { company_website: Some("acme.com".into()), ..job("Acme", "Dev", "2020-01-01") }, Code::InvalidUrl, "company_website")]
#[case::employment_type(ExperienceInput { employment_type: Some("GIG".into()), ..job("Acme", "Dev", "2020-01-01") }, Code::InvalidChoice, "employment_type")]
fn experience_inputs(#[case] input: ExperienceInput, #[case] code: Code, #[case] field: &str) {
    let (mut db, local) = fixture::profile();
    let before = audit_rows(&db);
    assert_rejected(
        experience::Experience::create(&mut db, &local.profile_id, input).map(drop),
        code,
        field,
    );
    assert_eq!(audit_rows(&db), before, "nothing was written");
    assert_eq!(fixture::count(&db, "experiences"), 0);
}

#[rstest]
#[case::name(ProjectInput { name: String::new(), ..ProjectInput::default() }, Code::Required, "name")]
#[case::status(ProjectInput { status: "Done".into(), ..fixture::project("p") }, Code::InvalidChoice, "status")]
#[case::category(ProjectInput { category: "Toy".into(), ..fixture::project("p") }, Code::InvalidChoice, "category")]
#[case::visibility(ProjectInput { visibility: "HIDDEN".into(), ..fixture::project("p") }, Code::InvalidChoice, "visibility")]
#[case::budget(ProjectInput { budget_range: Some("huge".into()), ..fixture::project("p") }, Code::InvalidChoice, "budget_range")]
#[case::team_size(ProjectInput { team_size: Some(0), ..fixture::project("p") }, Code::OutOfRange, "team_size")]
#[case::anonymized_needs_a_description(ProjectInput { is_anonymized: true, ..fixture::project("p") }, Code::Required, "anonymized_company")]
#[case::ongoing_with_end(ProjectInput { is_ongoing: true, end_date: Some("2020-01-01".into()), ..fixture::project("p") }, Code::CurrentWithEndDate, "end_date")]
#[case::dates(ProjectInput { start_date: Some("2021-01-01".into()), end_date: Some("2020-01-01".into()), ..fixture::project("p") }, Code::DateOrder, "end_date")]
#[case::github_url(ProjectInput { github_url: Some("ftp://example.com/x".into()), ..fixture::project("p") }, Code::InvalidUrl, "github_url")]
#[case::unknown_experience(ProjectInput { experience_ids: vec!["nope".into()], ..fixture::project("p") }, Code::UnknownReference, "experience_ids")]
fn project_inputs(#[case] input: ProjectInput, #[case] code: Code, #[case] field: &str) {
    let (mut db, local) = fixture::profile();
    let before = audit_rows(&db);
    assert_rejected(
        project::Project::create(&mut db, &local.profile_id, input).map(drop),
        code,
        field,
    );
    assert_eq!(audit_rows(&db), before, "nothing was written");
}

#[rstest]
#[case::level_low(SkillInput { technology: "Rust".into(), level: Some(0), ..Default::default() }, Code::OutOfRange, "level")]
#[case::level_high(SkillInput { technology: "Rust".into(), level: Some(6), ..Default::default() }, Code::OutOfRange, "level")]
#[case::technology(SkillInput { technology: "  ".into(), ..Default::default() }, Code::Required, "technology")]
#[case::future_year(SkillInput { technology: "Rust".into(), started_using_year: Some(3000), ..Default::default() }, Code::OutOfRange, "started_using_year")]
#[case::years_exceed(SkillInput { technology: "Rust".into(), started_using_year: Some(2020), years_of_experience: Some(40), ..Default::default() }, Code::OutOfRange, "years_of_experience")]
fn skill_inputs(#[case] input: SkillInput, #[case] code: Code, #[case] field: &str) {
    let (mut db, local) = fixture::profile();
    let before = audit_rows(&db);
    assert_rejected(
        skill::Skill::create(&mut db, &local.profile_id, input).map(drop),
        code,
        field,
    );
    assert_eq!(audit_rows(&db), before, "nothing was written");
}

#[rstest]
#[case::slug_upper(ProfileInput { slug: Some("Ada".into()), ..Default::default() }, Code::InvalidSlug, "slug")]
#[case::slug_double_hyphen(ProfileInput { slug: Some("ada--l".into()), ..Default::default() }, Code::InvalidSlug, "slug")]
#[case::slug_trailing_hyphen(ProfileInput { slug: Some("ada-".into()), ..Default::default() }, Code::InvalidSlug, "slug")]
#[case::visibility(ProfileInput { visibility: "SECRET".into(), ..Default::default() }, Code::InvalidChoice, "visibility")]
#[case::email(ProfileInput { contact: Contact { email: Some("ada.example.com".into()), ..Default::default() }, ..Default::default() }, Code::InvalidEmail, "contact.email")]
#[case::email_two_ats(ProfileInput { contact: Contact { email: Some("a@b@c.com".into()), ..Default::default() }, ..Default::default() }, Code::InvalidEmail, "contact.email")]
#[case::linkedin(ProfileInput { contact: Contact { linkedin: Some("linkedin/ada".into()), ..Default::default() }, ..Default::default() }, Code::InvalidUrl, "contact.linkedin")]
#[case::phone(ProfileInput { contact: Contact { phone: Some("call me".into()), ..Default::default() }, ..Default::default() }, Code::InvalidChoice, "contact.phone")]
#[case::headline(ProfileInput { headline: Some("h".repeat(201)), ..Default::default() }, Code::TooLong, "headline")]
fn profile_inputs(#[case] input: ProfileInput, #[case] code: Code, #[case] field: &str) {
    let (mut db, local) = fixture::profile();
    let before = audit_rows(&db);
    assert_rejected(
        profile::update(&mut db, &local.profile_id, input).map(drop),
        code,
        field,
    );
    assert_eq!(audit_rows(&db), before, "nothing was written");
}

#[test]
fn other_sections_validate_too() {
    let (mut db, local) = fixture::profile();
    let p = local.profile_id.as_str();
    assert_rejected(
        education::Education::create(
            &mut db,
            p,
            EducationInput {
                institution: "U".into(),
                start_date: Some("2020-05-01".into()),
                end_date: Some("2020-04-01".into()),
                ..Default::default()
            },
        )
        .map(drop),
        Code::DateOrder,
        "end_date",
    );
    assert_rejected(
        certification::Certification::create(
            &mut db,
            p,
            CertificationInput {
                name: "C".into(),
                credential_url: Some("not a url".into()),
                ..Default::default()
            },
        )
        .map(drop),
        Code::InvalidUrl,
        "credential_url",
    );
    assert_rejected(
        achievement::Achievement::create(
            &mut db,
            p,
            AchievementInput {
                title: String::new(),
                ..Default::default()
            },
        )
        .map(drop),
        Code::Required,
        "title",
    );
}

#[test]
fn several_problems_come_back_together() {
    let (mut db, local) = fixture::profile();
    let error = experience::Experience::create(
        &mut db,
        &local.profile_id,
        ExperienceInput {
            company_website: Some("nope".into()),
            ..job("", "", "2020-13-01")
        },
    )
    .unwrap_err();
    let mut fields: Vec<&str> = error
        .field_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["company_name", "company_website", "position", "start_date"]
    );
    let json = serde_json::to_value(&error.field_errors()[0]).unwrap();
    assert_eq!(
        json["code"], "required",
        "codes are stable snake_case strings: {json}"
    );
    assert!(
        error
            .to_string()
            .contains("company_name: The company name is required."),
        "{error}"
    );
}
