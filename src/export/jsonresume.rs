//! The profile, or one CV version's selection of it, as a JSON Resume document
//! (<https://jsonresume.org/schema>, v1.0.0).
//!
//! Mapping (docs/schema.md has the full table): basics ← profile and contact; work ←
//! experiences; projects ← projects (an anonymized project names only its
//! anonymized description, never the client); education ← education (description lines
//! become courses); certificates ← certifications; awards ← AWARD and OTHER
//! achievements; publications ← PUBLICATION and SPEAKING achievements; skills ← skills.
//! Empty values are left out rather than written as null, as the schema asks.

use rusqlite::Connection;
use serde_json::{Map, Value, json};

use crate::Result;
use crate::profile::cv_version::{self, SectionsConfig, selected};
use crate::profile::{self, FullProfile, skill};

/// Adds `key` when `value` holds something (not null, not an empty string or list).
fn put(object: &mut Map<String, Value>, key: &str, value: impl Into<Value>) {
    let value = value.into();
    let empty = match &value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    if !empty {
        object.insert(key.to_owned(), value);
    }
}

fn object(pairs: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        put(&mut map, key, value);
    }
    Value::Object(map)
}

/// The JSON Resume document of a profile; with `version_id`, only what that CV version
/// selects (and its summary choice).
pub fn json_resume(conn: &Connection, profile_id: &str, version_id: Option<&str>) -> Result<Value> {
    let full: FullProfile = profile::load(conn, profile_id)?;
    let config: Option<SectionsConfig> = version_id
        .map(|id| cv_version::get(conn, id).map(|v| v.sections_config))
        .transpose()?;
    let pick =
        |list: fn(&SectionsConfig) -> &Vec<String>| config.as_ref().map(|c| list(c).as_slice());
    let p = &full.profile;

    let summary = match &config {
        Some(c) if !c.include_summary => None,
        Some(c) if c.custom_summary.is_some() => c.custom_summary.clone(),
        _ => p.summary.clone(),
    };
    let mut profiles = Vec::new();
    if let Some(url) = &p.contact.linkedin {
        profiles.push(object(vec![
            ("network", json!("LinkedIn")),
            ("url", json!(url)),
            (
                "username",
                json!(url.trim_end_matches('/').rsplit('/').next()),
            ),
        ]));
    }
    let basics = object(vec![
        ("name", json!(p.contact.name)),
        ("label", json!(p.headline)),
        ("email", json!(p.contact.email)),
        ("phone", json!(p.contact.phone)),
        ("url", json!(p.contact.website)),
        ("summary", json!(summary)),
        ("location", object(vec![("city", json!(p.location))])),
        ("profiles", Value::Array(profiles)),
    ]);

    let work: Vec<Value> = selected(&full.experiences, |e| &e.id, pick(|c| &c.experiences))
        .into_iter()
        .map(|e| {
            object(vec![
                ("name", json!(e.company_name)),
                ("position", json!(e.position)),
                ("url", json!(e.company_website)),
                ("location", json!(e.company_location)),
                ("startDate", json!(e.start_date)),
                ("endDate", json!(e.end_date)),
                ("summary", json!(e.description)),
                ("highlights", json!(e.responsibilities)),
            ])
        })
        .collect();

    let projects: Vec<Value> = selected(&full.projects, |p| &p.id, pick(|c| &c.projects))
        .into_iter()
        .map(|p| {
            let entity = if p.is_anonymized {
                p.anonymized_company.clone()
            } else {
                p.clients.first().cloned()
            };
            object(vec![
                ("name", json!(p.name)),
                ("description", json!(p.description)),
                ("highlights", json!(p.achievements)),
                (
                    "keywords",
                    json!(p.technologies.iter().map(|t| &t.name).collect::<Vec<_>>()),
                ),
                ("startDate", json!(p.start_date)),
                ("endDate", json!(p.end_date)),
                (
                    "url",
                    json!(
                        p.demo_url
                            .as_ref()
                            .or(p.github_url.as_ref())
                            .or(p.documentation_url.as_ref())
                    ),
                ),
                ("roles", json!(p.role.iter().collect::<Vec<_>>())),
                ("entity", json!(entity)),
                ("type", json!(p.category.to_lowercase())),
            ])
        })
        .collect();

    let education: Vec<Value> = selected(&full.education, |e| &e.id, pick(|c| &c.education))
        .into_iter()
        .map(|e| {
            let courses: Vec<&str> = e
                .description
                .as_deref()
                .map(|d| d.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
                .unwrap_or_default();
            object(vec![
                ("institution", json!(e.institution)),
                ("area", json!(e.field_of_study)),
                ("studyType", json!(e.degree)),
                ("startDate", json!(e.start_date)),
                ("endDate", json!(e.end_date)),
                ("score", json!(e.grade)),
                ("courses", json!(courses)),
            ])
        })
        .collect();

    let certificates: Vec<Value> =
        selected(&full.certifications, |c| &c.id, pick(|c| &c.certifications))
            .into_iter()
            .map(|c| {
                object(vec![
                    ("name", json!(c.name)),
                    ("date", json!(c.issue_date)),
                    ("url", json!(c.credential_url)),
                    ("issuer", json!(c.issuing_organization)),
                ])
            })
            .collect();

    let mut awards = Vec::new();
    let mut publications = Vec::new();
    for a in selected(&full.achievements, |a| &a.id, pick(|c| &c.achievements)) {
        match a.category.as_deref() {
            Some("PUBLICATION") | Some("SPEAKING") => publications.push(object(vec![
                ("name", json!(a.title)),
                ("releaseDate", json!(a.date)),
                ("url", json!(a.url)),
                ("summary", json!(a.description)),
                (
                    "publisher",
                    json!((a.category.as_deref() == Some("SPEAKING")).then_some("Talk")),
                ),
            ])),
            _ => awards.push(object(vec![
                ("title", json!(a.title)),
                ("date", json!(a.date)),
                ("summary", json!(a.description)),
            ])),
        }
    }

    let skills: Vec<Value> = selected(&full.skills, |s| &s.id, pick(|c| &c.skills))
        .into_iter()
        .map(|s| {
            let level = s
                .level
                .and_then(|l| usize::try_from(l - 1).ok())
                .and_then(|i| skill::LEVELS.get(i));
            object(vec![
                ("name", json!(s.technology.name)),
                ("level", json!(level)),
            ])
        })
        .collect();

    let mut document = Map::new();
    put(&mut document, "basics", basics);
    put(&mut document, "work", work);
    put(&mut document, "projects", projects);
    put(&mut document, "education", education);
    put(&mut document, "certificates", certificates);
    put(&mut document, "awards", awards);
    put(&mut document, "publications", publications);
    put(&mut document, "skills", skills);
    put(
        &mut document,
        "meta",
        object(vec![
            ("version", json!("v1.0.0")),
            ("lastModified", json!(p.updated_at)),
        ]),
    );
    Ok(Value::Object(document))
}
