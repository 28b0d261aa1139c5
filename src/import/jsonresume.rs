//! JSON Resume import (<https://jsonresume.org/schema>): v1.x documents, with
//! `location` as an object or as text, partial dates (`2020`, `2020-03`) and textual
//! skill levels ("Master"). Every section lands somewhere: sections with no place in the
//! schema (languages, interests, references, …) stay in `import_history.import_data`
//! and the report names them.
//!
//! Items already in the profile (same natural key: company + position + start date,
//! project name, institution + degree, certification name, achievement title,
//! technology) are skipped, and the profile's own basics are never overwritten (only
//! empty ones are filled): importing the same file twice adds nothing, and an import
//! never undoes the person's edits.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::Transaction;
use serde_json::Value;

use super::{ImportReport, MAX_IMPORT_BYTES, fail, invalid, natural_key as key, path_record, run};
use crate::profile::achievement::{self, AchievementInput};
use crate::profile::certification::{self, CertificationInput};
use crate::profile::education::{self, EducationInput};
use crate::profile::experience::{self, ExperienceInput};
use crate::profile::project::{self, ProjectInput};
use crate::profile::skill::{self, SkillInput};
use crate::profile::{self, LocalProfile, ProfileInput, Section};
use crate::validation::Date;
use crate::{Db, Error, Result};

/// The `import_history.source` of these imports.
pub const SOURCE: &str = "JSON_RESUME";

const KNOWN: [&str; 14] = [
    "$schema",
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
];

/// Imports the JSON Resume document in the file at `path`; with `dry_run`, only
/// reports. A file too large or not UTF-8 fails like a malformed one: a FAILED history
/// row and nothing else written.
pub fn import_file(
    db: &mut Db,
    local: &LocalProfile,
    path: &Path,
    dry_run: bool,
) -> Result<ImportReport> {
    match super::read_text(path, MAX_IMPORT_BYTES) {
        Ok(text) => import(db, local, &text, dry_run),
        Err(error) => Err(fail(db, local, SOURCE, &path_record(path), error, dry_run)),
    }
}

/// Imports a JSON Resume document; with `dry_run`, only reports what would change.
pub fn import(
    db: &mut Db,
    local: &LocalProfile,
    text: &str,
    dry_run: bool,
) -> Result<ImportReport> {
    // Windows Notepad saves UTF-8 with a byte-order mark; JSON does not allow one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(document) => import_document(db, local, SOURCE, &document, dry_run),
        Err(e) => {
            let error = invalid("document", format!("The file is not valid JSON: {e}."));
            // The failure keeps the start of what was read.
            let head: String = text.chars().take(2000).collect();
            Err(fail(
                db,
                local,
                SOURCE,
                &Value::String(head),
                error,
                dry_run,
            ))
        }
    }
}

/// Imports a parsed JSON Resume document, recorded under `source` (importers of other
/// formats translate into JSON Resume and come through here).
pub(crate) fn import_document(
    db: &mut Db,
    local: &LocalProfile,
    source: &str,
    document: &Value,
    dry_run: bool,
) -> Result<ImportReport> {
    if dry_run {
        let tx = db.conn().unchecked_transaction()?;
        let report = apply(&tx, local, source, document, true);
        tx.rollback()?;
        return report;
    }
    run(db, local, source, document, |tx| {
        apply(tx, local, source, document, false)
    })
}

/// Text at `key`: strings trimmed (empty is none), numbers as written; anything else is
/// an error naming where it is.
fn text(value: &Value, key: &str, at: &str) -> Result<Option<String>> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(_) => Err(invalid(
            &format!("{at}.{key}"),
            format!("{at}.{key} must be text."),
        )),
    }
}

/// A web address at `key`. Many résumés (JSON Resume's own sample among them) give
/// bare domains such as `example.com`; those get `https://` so they validate and link.
fn web(value: &Value, key: &str, at: &str) -> Result<Option<String>> {
    Ok(text(value, key, at)?.map(|url| {
        let bare = !url.contains("://") && !url.contains(char::is_whitespace) && url.contains('.');
        if bare { format!("https://{url}") } else { url }
    }))
}

/// The list at `key` (missing is empty); anything but a list is an error.
fn list<'a>(value: &'a Value, key: &str, at: &str) -> Result<&'a [Value]> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(invalid(
            &format!("{at}{key}"),
            format!("{at}{key} must be a list."),
        )),
    }
}

/// A list of texts at `key`.
fn texts(value: &Value, key: &str, at: &str) -> Result<Vec<String>> {
    list(value, key, &format!("{at}."))?
        .iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::String(s) => Ok(s.trim().to_owned()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err(invalid(
                &format!("{at}.{key}[{i}]"),
                format!("{at}.{key}[{i}] must be text."),
            )),
        })
        .filter(|t| t.as_ref().map_or(true, |t| !t.is_empty()))
        .collect()
}

/// A start date at `key`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time after it is
/// ignored), as `YYYY-MM-DD`: the first day of the year or month when only those are
/// given.
fn date(value: &Value, key: &str, at: &str) -> Result<Option<String>> {
    partial_date(value, key, at, false)
}

/// An end date at `key`, as [`date`], but a year or month alone means its last day: a
/// job "2016 – 2016" or "Mar 2021 – Mar 2021" ends when that period ends.
fn end_date(value: &Value, key: &str, at: &str) -> Result<Option<String>> {
    partial_date(value, key, at, true)
}

fn partial_date(value: &Value, key: &str, at: &str, end: bool) -> Result<Option<String>> {
    let Some(raw) = text(value, key, at)? else {
        return Ok(None);
    };
    let day = raw.get(..10).unwrap_or(&raw);
    let full = match (day.len(), end) {
        (4, false) => format!("{day}-01-01"),
        (4, true) => format!("{day}-12-31"),
        (7, false) => format!("{day}-01"),
        (7, true) => last_day_of_month(day).unwrap_or_else(|| format!("{day}-01")),
        _ => day.to_owned(),
    };
    match Date::parse(&full) {
        Some(_) => Ok(Some(full)),
        None => Err(invalid(
            &format!("{at}.{key}"),
            format!(
                "{at}.{key} is \"{raw}\", which is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)."
            ),
        )),
    }
}

/// `YYYY-MM` as the date of that month's last day.
fn last_day_of_month(month: &str) -> Option<String> {
    let (year, m) = month.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let last = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    Some(format!("{month}-{last:02}"))
}

/// A skill level written in words or as a number, as 1–5.
pub fn level_of(word: &str) -> Option<i32> {
    let w = word.trim().to_lowercase();
    if let Ok(n) = w.parse::<i32>() {
        return (1..=5).contains(&n).then_some(n);
    }
    match w.as_str() {
        "basic" | "beginner" | "novice" | "elementary" | "familiar" => Some(1),
        "intermediate" | "competent" | "working" => Some(2),
        "advanced" | "proficient" | "strong" => Some(3),
        "expert" | "fluent" => Some(4),
        "master" | "native" => Some(5),
        _ => None,
    }
}

/// Turns an input's validation problems into an error naming the entry.
fn checked(at: &str, result: Result<()>) -> Result<()> {
    result.map_err(|e| match e {
        Error::Invalid(fields) => Error::Invalid(
            fields
                .into_iter()
                .map(|mut f| {
                    f.message = format!("{at}: {}", f.message);
                    f.field = format!("{at}.{}", f.field);
                    f
                })
                .collect(),
        ),
        other => other,
    })
}

fn apply(
    tx: &Transaction<'_>,
    local: &LocalProfile,
    source: &str,
    doc: &Value,
    dry_run: bool,
) -> Result<ImportReport> {
    let Value::Object(root) = doc else {
        return Err(invalid(
            "document",
            "A JSON Resume is a JSON object with sections such as basics and work.",
        ));
    };
    let mut report = ImportReport {
        source: source.to_owned(),
        dry_run,
        ..ImportReport::default()
    };
    let p = &local.profile_id;
    let existing = profile::load(tx, p)?;

    // Basics fill what the profile does not have yet.
    if let Some(basics) = root.get("basics") {
        let outcome = import_basics(tx, p, basics, &existing, &mut report);
        tolerate(&mut report, "basics", outcome)?;
    }

    // The sections only add rows: on the bulk path, audited, scored and indexed at once.
    crate::bulk::insert(tx, crate::bulk::Audit::Write, |tx| {
        sections(tx, p, doc, root, &existing, report)
    })
}

/// Adds the entries of every section the profile does not have yet.
fn sections(
    tx: &Transaction<'_>,
    p: &str,
    doc: &Value,
    root: &serde_json::Map<String, Value>,
    existing: &profile::FullProfile,
    mut report: ImportReport,
) -> Result<ImportReport> {
    // Work and volunteering → experiences.
    let mut jobs: HashSet<String> = existing
        .experiences
        .iter()
        .map(|e| key(&[&e.company_name, &e.position, &e.start_date]))
        .collect();
    for (section, volunteer) in [("work", false), ("volunteer", true)] {
        for_each(&mut report, doc, section, |report, at, entry| {
            let company = text(entry, "name", at)?.or(text(entry, "organization", at)?);
            let position = text(entry, "position", at)?;
            let Some(start) = date(entry, "startDate", at)? else {
                report.preserved.push(format!("{at} has no start date, which an experience needs; it is kept in import_history.import_data"));
                return Ok(());
            };
            let location = match entry.get("location") {
                Some(Value::Object(_)) => location_text(entry.get("location")),
                _ => text(entry, "location", at)?,
            };
            let input = ExperienceInput {
                company_name: company.unwrap_or_default(),
                position: position.unwrap_or_else(|| {
                    if volunteer {
                        "Volunteer".to_owned()
                    } else {
                        String::new()
                    }
                }),
                start_date: start,
                end_date: end_date(entry, "endDate", at)?,
                // JSON Resume marks a current job by leaving out its end date.
                is_current: !volunteer && entry.get("endDate").is_none_or(Value::is_null),
                company_website: web(entry, "url", at)?,
                company_location: location,
                description: text(entry, "summary", at)?.or(text(entry, "description", at)?),
                responsibilities: texts(entry, "highlights", at)?,
                employment_type: volunteer.then(|| "VOLUNTEER".to_owned()),
                ..ExperienceInput::default()
            };
            checked(at, input.validate())?;
            let label = format!("experience {} at {}", input.position, input.company_name);
            if jobs.insert(key(&[
                &input.company_name,
                &input.position,
                &input.start_date,
            ])) {
                experience::Experience::insert(tx, p, &input)?;
                report.added.push(label);
            } else {
                report.skipped.push(label);
            }
            Ok(())
        })?;
    }

    let mut names: HashSet<String> = existing.projects.iter().map(|x| key(&[&x.name])).collect();
    for_each(&mut report, doc, "projects", |report, at, entry| {
        let input = ProjectInput {
            name: text(entry, "name", at)?.unwrap_or_default(),
            description: text(entry, "description", at)?,
            achievements: texts(entry, "highlights", at)?,
            technologies: texts(entry, "keywords", at)?,
            role: Some(texts(entry, "roles", at)?.join(", ")).filter(|r| !r.is_empty()),
            start_date: date(entry, "startDate", at)?,
            end_date: end_date(entry, "endDate", at)?,
            demo_url: web(entry, "url", at)?,
            clients: text(entry, "entity", at)?.into_iter().collect(),
            category: match text(entry, "type", at)?
                .map(|t| t.to_lowercase())
                .as_deref()
            {
                Some("demo") => "Demo".to_owned(),
                Some("internal") => "Internal".to_owned(),
                _ => "Production".to_owned(),
            },
            ..ProjectInput::default()
        };
        checked(at, input.validate())?;
        let label = format!("project {}", input.name);
        if names.insert(key(&[&input.name])) {
            project::Project::insert(tx, p, &input)?;
            report.added.push(label);
        } else {
            report.skipped.push(label);
        }
        Ok(())
    })?;

    let mut schools: HashSet<String> = existing
        .education
        .iter()
        .map(|e| key(&[&e.institution, e.degree.as_deref().unwrap_or("")]))
        .collect();
    for_each(&mut report, doc, "education", |report, at, entry| {
        let courses = texts(entry, "courses", at)?;
        let input = EducationInput {
            institution: text(entry, "institution", at)?.unwrap_or_default(),
            degree: text(entry, "studyType", at)?,
            field_of_study: text(entry, "area", at)?,
            start_date: date(entry, "startDate", at)?,
            end_date: end_date(entry, "endDate", at)?,
            grade: text(entry, "score", at)?,
            description: (!courses.is_empty()).then(|| courses.join("\n")),
        };
        checked(at, input.validate())?;
        let label = format!("education {}", input.institution);
        if schools.insert(key(&[
            &input.institution,
            input.degree.as_deref().unwrap_or(""),
        ])) {
            education::Education::insert(tx, p, &input)?;
            report.added.push(label);
        } else {
            report.skipped.push(label);
        }
        Ok(())
    })?;

    let mut certs: HashSet<String> = existing
        .certifications
        .iter()
        .map(|c| key(&[&c.name]))
        .collect();
    for_each(&mut report, doc, "certificates", |report, at, entry| {
        let input = CertificationInput {
            name: text(entry, "name", at)?.unwrap_or_default(),
            issuing_organization: text(entry, "issuer", at)?,
            issue_date: date(entry, "date", at)?,
            credential_url: web(entry, "url", at)?,
            ..CertificationInput::default()
        };
        checked(at, input.validate())?;
        let label = format!("certification {}", input.name);
        if certs.insert(key(&[&input.name])) {
            certification::Certification::insert(tx, p, &input)?;
            report.added.push(label);
        } else {
            report.skipped.push(label);
        }
        Ok(())
    })?;

    let mut titles: HashSet<String> = existing
        .achievements
        .iter()
        .map(|a| key(&[&a.title]))
        .collect();
    for (section, title_key, date_key) in [
        ("awards", "title", "date"),
        ("publications", "name", "releaseDate"),
    ] {
        for_each(&mut report, doc, section, |report, at, entry| {
            let category = match section {
                "awards" => "AWARD",
                _ if text(entry, "publisher", at)?.as_deref() == Some("Talk") => "SPEAKING",
                _ => "PUBLICATION",
            };
            let input = AchievementInput {
                title: text(entry, title_key, at)?.unwrap_or_default(),
                description: text(entry, "summary", at)?,
                date: date(entry, date_key, at)?,
                category: Some(category.to_owned()),
                url: web(entry, "url", at)?,
            };
            checked(at, input.validate())?;
            let label = format!("achievement {}", input.title);
            if titles.insert(key(&[&input.title])) {
                achievement::Achievement::insert(tx, p, &input)?;
                report.added.push(label);
            } else {
                report.skipped.push(label);
            }
            Ok(())
        })?;
    }

    // Skills: each named skill, and each of its keywords, is a technology the person knows.
    let mut known: HashSet<String> = existing
        .skills
        .iter()
        .map(|s| key(&[&s.technology.name]))
        .collect();
    for_each(&mut report, doc, "skills", |report, at, entry| {
        let level = text(entry, "level", at)?.as_deref().and_then(level_of);
        let mut technologies: Vec<String> = text(entry, "name", at)?.into_iter().collect();
        technologies.extend(texts(entry, "keywords", at)?);
        for name in technologies {
            let input = SkillInput {
                technology: name,
                level,
                ..SkillInput::default()
            };
            let label = format!("skill {}", input.technology);
            if known.contains(&key(&[&input.technology])) {
                report.skipped.push(label);
                continue;
            }
            // One keyword that cannot be a skill does not cost the others theirs.
            let outcome = checked(at, skill::check(tx, &input));
            if tolerate(report, &format!("{at} ({})", input.technology), outcome)? {
                known.insert(key(&[&input.technology]));
                skill::Skill::insert(tx, p, &input)?;
                report.added.push(label);
            }
        }
        Ok(())
    })?;

    for section in ["languages", "interests", "references"] {
        let entries = list(doc, section, "").map_or(0, <[Value]>::len);
        if entries > 0 {
            report.preserved.push(format!(
                "{section} ({entries} entries) have no place in a Career Hub profile; they are kept in import_history.import_data"
            ));
        }
    }
    for key in root.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        report.preserved.push(format!(
            "\"{key}\" is not a JSON Resume section; it is kept in import_history.import_data"
        ));
    }
    Ok(report)
}

/// Runs `import` for each entry of the list `section`. An entry whose data cannot be
/// represented (a date that is no date, a name too long, text where a list belongs) is
/// left out and listed in the report with its reason; the rest of the file imports.
fn for_each(
    report: &mut ImportReport,
    doc: &Value,
    section: &str,
    mut import: impl FnMut(&mut ImportReport, &str, &Value) -> Result<()>,
) -> Result<()> {
    let entries = match list(doc, section, "") {
        Ok(entries) => entries,
        Err(error) => {
            tolerate(report, section, Err(error))?;
            return Ok(());
        }
    };
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("{section}[{i}]");
        let outcome = import(report, &at, entry);
        tolerate(report, &at, outcome)?;
    }
    Ok(())
}

/// Keeps going past an entry that breaks a rule, listing it in `report.rejected` with
/// the reason (`true` when there was nothing to reject); any other failure (the
/// database's) still stops the import.
fn tolerate(report: &mut ImportReport, at: &str, outcome: Result<()>) -> Result<bool> {
    match outcome {
        Ok(()) => Ok(true),
        Err(Error::Invalid(fields)) => {
            let reasons: Vec<String> = fields.into_iter().map(|f| f.message).collect();
            report.rejected.push(format!("{at}: {}", reasons.join(" ")));
            Ok(false)
        }
        Err(other) => Err(other),
    }
}

/// A location object (`address`, `city`, `region`, `countryCode`, …) as one line.
fn location_text(location: Option<&Value>) -> Option<String> {
    match location? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Object(fields) => {
            let parts: Vec<&str> = ["city", "region", "countryCode"]
                .iter()
                .filter_map(|k| fields.get(*k).and_then(Value::as_str))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let line = if parts.is_empty() {
                fields
                    .get("address")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .unwrap_or_default()
                    .to_owned()
            } else {
                parts.join(", ")
            };
            Some(line).filter(|l| !l.is_empty())
        }
        _ => None,
    }
}

fn import_basics(
    tx: &Transaction<'_>,
    profile_id: &str,
    basics: &Value,
    existing: &profile::FullProfile,
    report: &mut ImportReport,
) -> Result<()> {
    if !basics.is_object() {
        return Err(invalid("basics", "basics must be an object."));
    }
    let current = &existing.profile;
    let mut input = ProfileInput {
        slug: current.slug.clone(),
        headline: current.headline.clone(),
        summary: current.summary.clone(),
        location: current.location.clone(),
        visibility: current.visibility.clone(),
        contact: current.contact.clone(),
        profile_photo_url: current.profile_photo_url.clone(),
    };
    let mut filled = Vec::new();
    let mut differing = Vec::new();
    let mut fill = |label: &str, target: &mut Option<String>, value: Option<String>| match (
        target.as_deref(),
        value,
    ) {
        (_, None) => {}
        (None, Some(v)) => {
            *target = Some(v);
            filled.push(label.to_owned());
        }
        (Some(have), Some(v)) if have != v => differing.push(label.to_owned()),
        _ => {}
    };
    fill(
        "name",
        &mut input.contact.name,
        text(basics, "name", "basics")?,
    );
    fill(
        "headline",
        &mut input.headline,
        text(basics, "label", "basics")?,
    );
    fill(
        "e-mail",
        &mut input.contact.email,
        text(basics, "email", "basics")?,
    );
    fill(
        "phone",
        &mut input.contact.phone,
        text(basics, "phone", "basics")?,
    );
    fill(
        "website",
        &mut input.contact.website,
        web(basics, "url", "basics")?.or(web(basics, "website", "basics")?),
    );
    fill(
        "summary",
        &mut input.summary,
        text(basics, "summary", "basics")?,
    );
    fill(
        "location",
        &mut input.location,
        location_text(basics.get("location")),
    );
    let mut others = Vec::new();
    for (i, entry) in list(basics, "profiles", "basics.")?.iter().enumerate() {
        let at = format!("basics.profiles[{i}]");
        let network = text(entry, "network", &at)?.unwrap_or_default();
        if network.eq_ignore_ascii_case("linkedin") {
            fill(
                "LinkedIn",
                &mut input.contact.linkedin,
                web(entry, "url", &at)?,
            );
        } else {
            others.push(entry.clone());
        }
    }
    if !others.is_empty() && !input.contact.other.contains_key("profiles") {
        input
            .contact
            .other
            .insert("profiles".to_owned(), Value::Array(others));
        filled.push("other profiles".to_owned());
    }
    if !filled.is_empty() {
        checked("basics", input.validate())?;
        tx.execute(
            "UPDATE profiles SET headline = ?2, summary = ?3, location = ?4, contact = ?5 WHERE id = ?1",
            rusqlite::params![
                profile_id,
                input.headline,
                input.summary,
                input.location,
                serde_json::to_string(&input.contact)?
            ],
        )?;
        report
            .updated
            .push(format!("profile {}", filled.join(", ")));
    }
    if !differing.is_empty() {
        report.skipped.push(format!(
            "profile {} (yours kept; the file's differ)",
            differing.join(", ")
        ));
    }
    Ok(())
}
