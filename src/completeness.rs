//! Profile completeness: the documented `calculate_profile_completeness` rules.
//!
//! The database keeps `profiles.completeness_score` current by itself (migration 0003,
//! view `profile_completeness`); [`score`] is the same rules in Rust, used to check the
//! database and to tell a person what would raise their score.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::Result;

/// What the score is computed from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Inputs {
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub experiences: usize,
    pub projects: usize,
    pub skills: usize,
    pub education: usize,
}

/// Points for a headline that is present and not empty.
pub const HEADLINE_POINTS: u32 = 10;
/// Points for a summary longer than [`SUMMARY_MIN_CHARS`] characters.
pub const SUMMARY_POINTS: u32 = 20;
/// A summary must be longer than this many characters to count.
pub const SUMMARY_MIN_CHARS: usize = 100;
/// Points per experience, and the most experiences can give.
pub const EXPERIENCE_POINTS: (u32, u32) = (10, 30);
/// Points per project, and the most projects can give.
pub const PROJECT_POINTS: (u32, u32) = (5, 15);
/// Points per skill, and the most skills can give.
pub const SKILL_POINTS: (u32, u32) = (3, 15);
/// Points for having any education.
pub const EDUCATION_POINTS: u32 = 10;

/// The score, 0–100, for `inputs`.
pub fn score(inputs: &Inputs) -> u32 {
    let capped = |count: usize, (each, cap): (u32, u32)| {
        u32::try_from(count)
            .unwrap_or(u32::MAX)
            .saturating_mul(each)
            .min(cap)
    };
    let headline = inputs.headline.as_deref().is_some_and(|h| !h.is_empty());
    let summary = inputs
        .summary
        .as_deref()
        .is_some_and(|s| s.chars().count() > SUMMARY_MIN_CHARS);
    u32::from(headline) * HEADLINE_POINTS
        + u32::from(summary) * SUMMARY_POINTS
        + capped(inputs.experiences, EXPERIENCE_POINTS)
        + capped(inputs.projects, PROJECT_POINTS)
        + capped(inputs.skills, SKILL_POINTS)
        + if inputs.education > 0 {
            EDUCATION_POINTS
        } else {
            0
        }
}

/// Reads the inputs of one profile from the database (`None` if there is no such profile).
pub fn inputs(conn: &Connection, profile_id: &str) -> Result<Option<Inputs>> {
    let count = |table: &str| -> Result<usize> {
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE profile_id = ?1"),
            [profile_id],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    };
    let Some((headline, summary)) = conn
        .query_row(
            "SELECT headline, summary FROM profiles WHERE id = ?1",
            [profile_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
    else {
        return Ok(None);
    };
    Ok(Some(Inputs {
        headline,
        summary,
        experiences: count("experiences")?,
        projects: count("projects")?,
        skills: count("skills")?,
        education: count("education")?,
    }))
}

/// The score stored in `profiles.completeness_score`.
pub fn stored_score(conn: &Connection, profile_id: &str) -> Result<Option<u32>> {
    Ok(conn
        .query_row(
            "SELECT completeness_score FROM profiles WHERE id = ?1",
            [profile_id],
            |row| row.get(0),
        )
        .optional()?)
}

/// Profiles whose stored score differs from the rules, with (stored, expected).
pub fn stale_scores(conn: &Connection) -> Result<Vec<(String, Option<i64>, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.completeness_score, c.score
         FROM profiles p JOIN profile_completeness c ON c.profile_id = p.id
         WHERE p.completeness_score IS NOT c.score
         ORDER BY p.id",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Something the person can add to raise their score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NextAction {
    /// Stable name: `add_headline`, `write_summary`, `add_experience`, `add_project`,
    /// `add_skill`, `add_education`.
    pub code: String,
    /// What to do, in words.
    pub message: String,
    /// How many points doing it once adds.
    pub points: u32,
}

/// The additions that would raise the score, the biggest gain first.
pub fn next_actions(inputs: &Inputs) -> Vec<NextAction> {
    let mut actions = Vec::new();
    let mut add = |code: &str, message: String, points: u32| {
        actions.push(NextAction {
            code: code.to_owned(),
            message,
            points,
        });
    };
    if inputs.headline.as_deref().is_none_or(str::is_empty) {
        add(
            "add_headline",
            format!("Add a headline: +{HEADLINE_POINTS}"),
            HEADLINE_POINTS,
        );
    }
    let summary_chars = inputs.summary.as_deref().map_or(0, |s| s.chars().count());
    if summary_chars <= SUMMARY_MIN_CHARS {
        let message = if summary_chars == 0 {
            format!("Add a summary over {SUMMARY_MIN_CHARS} characters: +{SUMMARY_POINTS}")
        } else {
            format!(
                "Lengthen your summary to over {SUMMARY_MIN_CHARS} characters (it has {summary_chars}): +{SUMMARY_POINTS}"
            )
        };
        add("write_summary", message, SUMMARY_POINTS);
    }
    let mut per_item = |code: &str, noun: &str, count: usize, (each, cap): (u32, u32)| {
        let have = u32::try_from(count)
            .unwrap_or(u32::MAX)
            .saturating_mul(each);
        if have < cap {
            let remaining = (cap - have).div_ceil(each);
            let more = if remaining > 1 {
                format!(" ({remaining} more will count)")
            } else {
                String::new()
            };
            add(code, format!("Add {noun}: +{each}{more}"), each);
        }
    };
    per_item(
        "add_experience",
        "an experience",
        inputs.experiences,
        EXPERIENCE_POINTS,
    );
    per_item("add_project", "a project", inputs.projects, PROJECT_POINTS);
    per_item("add_skill", "a skill", inputs.skills, SKILL_POINTS);
    if inputs.education == 0 {
        add(
            "add_education",
            format!("Add your education: +{EDUCATION_POINTS}"),
            EDUCATION_POINTS,
        );
    }
    actions.sort_by_key(|action| std::cmp::Reverse(action.points));
    actions
}
