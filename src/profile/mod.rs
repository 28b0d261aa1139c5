//! The profile domain: the local user and their one profile, and every section of it.
//! Each user action is one function here; the desktop app, the CLI and importers call
//! the same ones.

pub mod achievement;
pub mod certification;
pub mod cv_version;
pub mod education;
pub mod experience;
pub mod project;
pub mod responsibility;
mod rows;
pub mod section;
pub mod skill;
pub mod technology;

pub use section::{Changes, Section};

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::completeness::{self, NextAction};
use crate::validation::{Checker, Code};
use crate::{AuditContext, Db, Error, Result};

/// E-mail address of the local user until they sign up for sync. `.invalid` is a
/// reserved top-level domain, so it can never be a real address.
pub const LOCAL_USER_EMAIL: &str = "local@career-hub.invalid";

/// The visibilities a profile can have.
pub const VISIBILITIES: [&str; 3] = ["PRIVATE", "FRIENDS", "PUBLIC"];

/// The ids of the person using this database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LocalProfile {
    pub user_id: String,
    pub profile_id: String,
}

/// Finds the local user and their profile, creating both on first run (a user with no
/// password, plan FREE), with the starter technology catalog and responsibilities
/// library. Sets the handle's audit context to this user.
pub fn bootstrap(db: &mut Db) -> Result<LocalProfile> {
    if let Some((user_id, Some(profile_id))) = find_local(db.conn())? {
        db.set_audit_context(AuditContext {
            user_id: Some(user_id.clone()),
            ..db.audit_context().clone()
        });
        return Ok(LocalProfile {
            user_id,
            profile_id,
        });
    }
    // Career Hub's own setup, recorded as `system`: undo never takes it back. It looks
    // again inside the write transaction, so that two programs making the first write
    // to a new database at once set it up once.
    let person = db.audit_context().clone();
    db.set_audit_context(AuditContext {
        source: crate::Source::System,
        ..person.clone()
    });
    let created = db.write(|tx| {
        let existing = find_local(tx)?;
        let new_user = existing.is_none();
        let user_id = existing
            .as_ref()
            .map_or_else(rows::new_id, |(user, _)| user.clone());
        if let Some((_, Some(profile_id))) = existing {
            return Ok(LocalProfile {
                user_id,
                profile_id,
            });
        }
        AuditContext::set_user(tx, &user_id)?;
        let profile_id = rows::new_id();
        if new_user {
            tx.prepare_cached("INSERT INTO users (id, email, password_hash) VALUES (?1, ?2, '')")?
                .execute(params![user_id, LOCAL_USER_EMAIL])?;
        }
        tx.prepare_cached("INSERT INTO profiles (id, user_id) VALUES (?1, ?2)")?
            .execute(params![profile_id, user_id])?;
        technology::ensure_starter_catalog(tx)?;
        responsibility::ensure_starter_library(tx)?;
        Ok(LocalProfile {
            user_id,
            profile_id,
        })
    });
    db.set_audit_context(person);
    let local = created?;
    db.set_audit_context(AuditContext {
        user_id: Some(local.user_id.clone()),
        ..db.audit_context().clone()
    });
    Ok(local)
}

/// The first user and their profile, if there are any.
fn find_local(conn: &Connection) -> Result<Option<(String, Option<String>)>> {
    Ok(conn
        .query_row(
            "SELECT u.id, p.id FROM users u LEFT JOIN profiles p ON p.user_id = u.id ORDER BY u.created_at, u.rowid LIMIT 1",
            [],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?)),
        )
        .optional()?)
}

/// How to reach the person. The documented schema has no name column: the name lives here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linkedin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Other keys (kept as they are, e.g. from an import).
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(type = BTreeMap<String, specta_typescript::Unknown>))]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The profile's own fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Profile {
    pub id: String,
    pub user_id: String,
    /// For a public address.
    pub slug: Option<String>,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub visibility: String,
    pub contact: Contact,
    pub profile_photo_url: Option<String>,
    pub completeness_score: u32,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person enters on the Basics step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ProfileInput {
    pub slug: Option<String>,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub location: Option<String>,
    /// `PRIVATE` when empty.
    pub visibility: String,
    pub contact: Contact,
    pub profile_photo_url: Option<String>,
}

impl ProfileInput {
    fn cleaned(self) -> Self {
        let visibility = self.visibility.trim().to_uppercase();
        Self {
            slug: rows::clean(self.slug),
            headline: rows::clean(self.headline),
            summary: rows::clean(self.summary),
            location: rows::clean(self.location),
            visibility: if visibility.is_empty() {
                "PRIVATE".to_owned()
            } else {
                visibility
            },
            contact: Contact {
                name: rows::clean(self.contact.name),
                email: rows::clean(self.contact.email),
                phone: rows::clean(self.contact.phone),
                linkedin: rows::clean(self.contact.linkedin),
                website: rows::clean(self.contact.website),
                other: self.contact.other,
            },
            profile_photo_url: rows::clean(self.profile_photo_url),
        }
    }

    /// Checks every rule; all problems are reported together.
    pub fn validate(&self) -> Result<()> {
        let mut check = Checker::new();
        check.slug("slug", self.slug.as_deref());
        check.max_chars("headline", "The headline", self.headline.as_deref(), 200);
        check.max_chars("location", "The location", self.location.as_deref(), 100);
        check.choice(
            "visibility",
            "The visibility",
            Some(&self.visibility),
            &VISIBILITIES,
        );
        check.max_chars(
            "contact.name",
            "Your name",
            self.contact.name.as_deref(),
            200,
        );
        check.email(
            "contact.email",
            "The e-mail address",
            self.contact.email.as_deref(),
        );
        if let Some(phone) = &self.contact.phone {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let allowed = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if !allowed || !(5..=20).contains(&digits) {
                check.push(
                    Code::InvalidChoice,
                    "contact.phone",
                    "The phone number may contain digits, spaces, +, -, ( ) and dots, with 5 to 20 digits.",
                );
            }
        }
        check.url(
            "contact.linkedin",
            "The LinkedIn address",
            self.contact.linkedin.as_deref(),
            500,
        );
        check.url(
            "contact.website",
            "The website",
            self.contact.website.as_deref(),
            500,
        );
        check.url(
            "profile_photo_url",
            "The photo address",
            self.profile_photo_url.as_deref(),
            2000,
        );
        check.finish()
    }
}

const SELECT: &str = "SELECT id, user_id, slug, headline, summary, location, visibility, contact, profile_photo_url, \
     completeness_score, created_at, updated_at FROM profiles";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Profile> {
    let contact: Option<String> = row.get(7)?;
    Ok(Profile {
        id: row.get(0)?,
        user_id: row.get(1)?,
        slug: row.get(2)?,
        headline: row.get(3)?,
        summary: row.get(4)?,
        location: row.get(5)?,
        visibility: row
            .get::<_, Option<String>>(6)?
            .unwrap_or_else(|| "PRIVATE".to_owned()),
        contact: contact
            .and_then(|c| serde_json::from_str(&c).ok())
            .unwrap_or_default(),
        profile_photo_url: row.get(8)?,
        completeness_score: row.get::<_, Option<u32>>(9)?.unwrap_or(0),
        created_at: row.get(10)?,
        updated_at: row.get(11)?,
    })
}

/// The profile's own fields.
pub fn get(conn: &Connection, profile_id: &str) -> Result<Profile> {
    rows::get_one(
        conn,
        &format!("{SELECT} WHERE id = ?1"),
        "profile",
        profile_id,
        from_row,
    )
}

impl Profile {
    /// The input that writes the Basics as they are (every key of `contact` included).
    pub fn input(&self) -> ProfileInput {
        ProfileInput {
            slug: self.slug.clone(),
            headline: self.headline.clone(),
            summary: self.summary.clone(),
            location: self.location.clone(),
            visibility: self.visibility.clone(),
            contact: self.contact.clone(),
            profile_photo_url: self.profile_photo_url.clone(),
        }
    }
}

/// Replaces the Basics: headline, summary, location, contact, visibility, slug, photo.
pub fn update(db: &mut Db, profile_id: &str, input: ProfileInput) -> Result<Profile> {
    write_basics(db, profile_id, |_| Ok(input))
}

/// Changes only the Basics `changes` names (a merge patch of [`ProfileInput`]; the keys
/// of `contact` merge one by one, so a contact key the edit does not name is kept).
pub fn edit(db: &mut Db, profile_id: &str, changes: &Changes) -> Result<Profile> {
    write_basics(db, profile_id, |current| {
        section::patched(current.input(), changes)
    })
}

/// Writes the Basics that `next` makes of the stored ones, in one transaction.
fn write_basics(
    db: &mut Db,
    profile_id: &str,
    next: impl FnOnce(&Profile) -> Result<ProfileInput>,
) -> Result<Profile> {
    db.write(|tx| {
        let input = next(&get(tx, profile_id)?)?.cleaned();
        input.validate()?;
        if let Some(slug) = &input.slug {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM profiles WHERE slug = ?1 AND id != ?2)",
                params![slug, profile_id],
                |row| row.get(0),
            )?;
            if taken {
                return Err(Error::Invalid(vec![crate::validation::FieldError {
                    code: Code::Duplicate,
                    field: "slug".to_owned(),
                    message: format!("The address {slug} is already taken."),
                }]));
            }
        }
        tx.prepare_cached(
            "UPDATE profiles SET slug = ?2, headline = ?3, summary = ?4, location = ?5, visibility = ?6,
                 contact = ?7, profile_photo_url = ?8 WHERE id = ?1",
        )?
        .execute(params![
            profile_id,
            input.slug,
            input.headline,
            input.summary,
            input.location,
            input.visibility,
            serde_json::to_string(&input.contact)?,
            input.profile_photo_url
        ])?;
        get(tx, profile_id)
    })
}

/// Everything in a profile, each list in display order, with what would raise the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FullProfile {
    pub profile: Profile,
    pub experiences: Vec<experience::Experience>,
    pub projects: Vec<project::Project>,
    pub skills: Vec<skill::Skill>,
    pub education: Vec<education::Education>,
    pub certifications: Vec<certification::Certification>,
    pub achievements: Vec<achievement::Achievement>,
    pub cv_versions: Vec<cv_version::CvVersion>,
    pub next_actions: Vec<NextAction>,
}

/// Reads the whole profile in one read transaction (or in the caller's transaction),
/// so the parts agree with each other.
pub fn load(conn: &Connection, profile_id: &str) -> Result<FullProfile> {
    if !conn.is_autocommit() {
        return load_in(conn, profile_id);
    }
    let tx = conn.unchecked_transaction()?;
    let full = load_in(&tx, profile_id)?;
    tx.finish()?;
    Ok(full)
}

fn load_in(tx: &Connection, profile_id: &str) -> Result<FullProfile> {
    let profile = get(tx, profile_id)?;
    let experiences = experience::Experience::list(tx, profile_id)?;
    let projects = project::Project::list(tx, profile_id)?;
    let skills = skill::Skill::list(tx, profile_id)?;
    let education = education::Education::list(tx, profile_id)?;
    let certifications = certification::Certification::list(tx, profile_id)?;
    let achievements = achievement::Achievement::list(tx, profile_id)?;
    let cv_versions = cv_version::list(tx, profile_id)?;
    let next_actions = completeness::next_actions(&completeness::Inputs {
        headline: profile.headline.clone(),
        summary: profile.summary.clone(),
        experiences: experiences.len(),
        projects: projects.len(),
        skills: skills.len(),
        education: education.len(),
    });
    Ok(FullProfile {
        profile,
        experiences,
        projects,
        skills,
        education,
        certifications,
        achievements,
        cv_versions,
        next_actions,
    })
}
