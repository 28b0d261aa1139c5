//! Property: random sequences of operations keep the stored completeness equal to an
//! independent recomputation, keep `foreign_key_check` empty, and undo of any single
//! operation restores the exact prior rows (and undoing that undo restores the after).

use career_hub::profile::Section;
use career_hub::profile::education::{self, EducationInput};
use career_hub::profile::experience;
use career_hub::profile::project;
use career_hub::profile::skill::{self, SkillInput};
use career_hub::profile::{self, LocalProfile, ProfileInput};
use career_hub::{Db, completeness, history};
use proptest::prelude::*;

use crate::fixture::{self, job};

#[derive(Clone, Debug)]
pub(crate) enum Op {
    AddExperience(u8),
    AddProject { linked_to: Option<usize> },
    AddSkill(u8),
    AddEducation,
    SetHeadline(Option<String>),
    SetSummary(usize),
    EditExperience(usize, u8),
    DeleteExperience(usize),
    DeleteProject(usize),
    DeleteSkill(usize),
    DeleteEducation(usize),
    ReverseExperiences,
    UndoLast,
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any::<u8>().prop_map(Op::AddExperience),
        2 => proptest::option::of(0..4usize).prop_map(|linked_to| Op::AddProject { linked_to }),
        2 => (0..12u8).prop_map(Op::AddSkill),
        1 => Just(Op::AddEducation),
        1 => proptest::option::of("[A-Za-z ]{0,12}").prop_map(Op::SetHeadline),
        1 => (0..140usize).prop_map(Op::SetSummary),
        2 => (0..4usize, any::<u8>()).prop_map(|(i, n)| Op::EditExperience(i, n)),
        2 => (0..4usize).prop_map(Op::DeleteExperience),
        1 => (0..4usize).prop_map(Op::DeleteProject),
        1 => (0..6usize).prop_map(Op::DeleteSkill),
        1 => (0..2usize).prop_map(Op::DeleteEducation),
        1 => Just(Op::ReverseExperiences),
        1 => Just(Op::UndoLast),
    ]
}

const TECHNOLOGIES: [&str; 12] = [
    "Rust",
    "Go",
    "Python",
    "Kotlin",
    "Zig",
    "Nim",
    "Odin",
    "Gleam",
    "PostgreSQL",
    "Redis",
    "Elm",
    "Crystal",
];

fn nth_id(db: &Db, table: &str, profile_id: &str, n: usize) -> Option<String> {
    let ids: Vec<String> = db
        .conn()
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE profile_id = ?1 ORDER BY id"
        ))
        .unwrap()
        .query_map([profile_id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (!ids.is_empty()).then(|| ids[n % ids.len()].clone())
}

/// Applies an operation; input the API rejects is simply not applied.
pub(crate) fn apply(db: &mut Db, local: &LocalProfile, op: &Op) {
    let p = local.profile_id.as_str();
    let _ = match op {
        Op::AddExperience(n) => {
            let mut input = job(
                &format!("Company {n}"),
                "Engineer",
                &format!("20{:02}-01-01", n % 25),
            );
            input.technologies = vec![TECHNOLOGIES[usize::from(*n) % 12].to_owned()];
            experience::Experience::create(db, p, input).map(drop)
        }
        Op::AddProject { linked_to } => {
            let mut input = fixture::project("Project");
            if let Some(i) = linked_to {
                input.experience_ids = nth_id(db, "experiences", p, *i).into_iter().collect();
            }
            input.technologies = vec!["Rust".to_owned()];
            project::Project::create(db, p, input).map(drop)
        }
        Op::AddSkill(n) => skill::Skill::create(
            db,
            p,
            SkillInput {
                technology: TECHNOLOGIES[usize::from(*n)].to_owned(),
                level: Some(3),
                ..Default::default()
            },
        )
        .map(drop),
        Op::AddEducation => education::Education::create(
            db,
            p,
            EducationInput {
                institution: "School".into(),
                ..Default::default()
            },
        )
        .map(drop),
        Op::SetHeadline(headline) => {
            let current = profile::get(db.conn(), p).unwrap();
            profile::update(
                db,
                p,
                ProfileInput {
                    headline: headline.clone(),
                    summary: current.summary,
                    ..Default::default()
                },
            )
            .map(drop)
        }
        Op::SetSummary(len) => {
            let current = profile::get(db.conn(), p).unwrap();
            profile::update(
                db,
                p,
                ProfileInput {
                    headline: current.headline,
                    summary: Some("é".repeat(*len)),
                    ..Default::default()
                },
            )
            .map(drop)
        }
        Op::EditExperience(i, n) => match nth_id(db, "experiences", p, *i) {
            Some(id) => {
                let mut input = job("Edited", &format!("Role {n}"), "2010-01-01");
                input.technologies = vec![
                    TECHNOLOGIES[usize::from(*n) % 12].to_owned(),
                    "Rust".to_owned(),
                ];
                experience::Experience::update(db, &id, input).map(drop)
            }
            None => Ok(()),
        },
        Op::DeleteExperience(i) => nth_id(db, "experiences", p, *i)
            .map_or(Ok(()), |id| experience::Experience::delete(db, &id)),
        Op::DeleteProject(i) => {
            nth_id(db, "projects", p, *i).map_or(Ok(()), |id| project::Project::delete(db, &id))
        }
        Op::DeleteSkill(i) => {
            nth_id(db, "skills", p, *i).map_or(Ok(()), |id| skill::Skill::delete(db, &id))
        }
        Op::DeleteEducation(i) => nth_id(db, "education", p, *i)
            .map_or(Ok(()), |id| education::Education::delete(db, &id)),
        Op::ReverseExperiences => {
            let mut ids: Vec<String> = experience::Experience::list(db.conn(), p)
                .unwrap()
                .into_iter()
                .map(|e| e.id)
                .collect();
            ids.reverse();
            experience::Experience::reorder(db, p, &ids)
        }
        Op::UndoLast => history::undo_last(db, &local.user_id, None).map(drop),
    };
}

const USER_TABLES: [&str; 12] = [
    "users",
    "profiles",
    "experiences",
    "projects",
    "project_experiences",
    "technologies",
    "skills",
    "project_technologies",
    "experience_technologies",
    "education",
    "certifications",
    "achievements",
];

/// Every row of every user-data table, in key order.
fn rows(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    for table in USER_TABLES {
        let mut stmt = db
            .conn()
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let found = stmt
            .query_map([], |row| {
                let values: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", values.join(" | ")))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        out.extend(found);
    }
    out
}

fn last_audit_rowid(db: &Db) -> i64 {
    db.conn()
        .query_row("SELECT coalesce(max(rowid), 0) FROM audit_log", [], |r| {
            r.get(0)
        })
        .unwrap()
}

fn check_invariants(db: &Db, local: &LocalProfile) {
    let inputs = completeness::inputs(db.conn(), &local.profile_id)
        .unwrap()
        .unwrap();
    assert_eq!(
        completeness::stored_score(db.conn(), &local.profile_id).unwrap(),
        Some(completeness::score(&inputs)),
        "the stored score equals the rules recomputed in Rust"
    );
    let orphans: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(orphans, 0, "no orphan rows");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn operations_keep_the_invariants_and_undo_is_exact(ops in proptest::collection::vec(op(), 1..14)) {
        let (mut db, local) = fixture::profile();
        for op in &ops {
            let before = rows(&db);
            let audit_before = last_audit_rowid(&db);
            apply(&mut db, &local, op);
            check_invariants(&db, &local);
            if last_audit_rowid(&db) == audit_before {
                continue; // rejected, or changed nothing: there is nothing of it to undo
            }
            let after = rows(&db);
            let change: String = db.conn().query_row(
                "SELECT change_id FROM audit_log ORDER BY rowid DESC LIMIT 1", [], |r| r.get(0)).unwrap();
            let undo = history::undo_change(&mut db, &change).unwrap();
            prop_assert_eq!(&rows(&db), &before, "undo of {:?} restores the exact prior rows", op);
            check_invariants(&db, &local);
            history::undo_change(&mut db, &undo.change_id).unwrap();
            prop_assert_eq!(&rows(&db), &after, "undoing the undo of {:?} restores the rows after it", op);
            check_invariants(&db, &local);
        }
    }
}

/// Every row of the experiences, projects, skills, education and profiles tables by
/// id, column by column (derived columns and `updated_at` left out).
fn cells(db: &Db) -> std::collections::BTreeMap<(String, String), Vec<(String, String)>> {
    let mut out = std::collections::BTreeMap::new();
    for table in ["profiles", "experiences", "projects", "skills", "education"] {
        let mut stmt = db
            .conn()
            .prepare(&format!("SELECT * FROM {table}"))
            .unwrap();
        let names: Vec<String> = stmt
            .column_names()
            .iter()
            .map(|c| (*c).to_owned())
            .collect();
        let rows = stmt
            .query_map([], |row| {
                let mut values = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    if name == "updated_at" || name == "completeness_score" {
                        continue;
                    }
                    let value = format!("{:?}", row.get::<_, rusqlite::types::Value>(i)?);
                    values.push((name.clone(), value));
                }
                Ok(values)
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        for values in rows {
            let id = values[0].1.clone();
            out.insert((table.to_owned(), id), values);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Undoing an earlier change puts back only what it wrote: every later edit to
    /// other fields stays. When a later change wrote the same fields, undo refuses
    /// and changes nothing, naming that change.
    #[test]
    fn undo_of_an_earlier_change_keeps_every_later_edit(
        ops in proptest::collection::vec(op(), 2..14),
        pick in any::<prop::sample::Index>(),
    ) {
        let (mut db, local) = fixture::profile();
        for op in &ops {
            apply(&mut db, &local, op);
        }
        let changes = history::changes(db.conn(), &local.user_id, 100).unwrap();
        let candidates: Vec<_> = changes
            .iter()
            .filter(|c| !c.undone && c.reverts_change_id.is_none() && c.source != career_hub::Source::System)
            .collect();
        prop_assume!(!candidates.is_empty());
        let target = candidates[pick.index(candidates.len())];
        let before = cells(&db);
        let rows_before = rows(&db);
        // The cells this change wrote, by table and id.
        let mut written = std::collections::BTreeSet::new();
        let mut touched = std::collections::BTreeSet::new();
        for entry in &target.entries {
            let table = match entry.entity_type.as_deref() {
                Some("PROFILE") => "profiles",
                Some("EXPERIENCE") => "experiences",
                Some("PROJECT") => "projects",
                Some("SKILL") => "skills",
                Some("EDUCATION") => "education",
                _ => continue,
            };
            let id = format!("{:?}", rusqlite::types::Value::Text(entry.entity_id.clone().unwrap()));
            touched.insert((table.to_owned(), id.clone()));
            if let (Some(old), Some(new)) = (entry.old_values.as_ref().and_then(|v| v.as_object()), entry.new_values.as_ref().and_then(|v| v.as_object())) {
                for (k, v) in old {
                    if new.get(k) != Some(v) {
                        written.insert((table.to_owned(), id.clone(), k.clone()));
                    }
                }
            }
        }
        match history::undo_change(&mut db, &target.change_id) {
            Ok(_) => {
                let after = cells(&db);
                for (key, values) in &after {
                    let Some(old_values) = before.get(key) else { continue };
                    if !touched.contains(key) {
                        prop_assert_eq!(values, old_values, "{:?} was not part of the undone change", key);
                        continue;
                    }
                    for ((column, value), (_, old_value)) in values.iter().zip(old_values) {
                        if !written.contains(&(key.0.clone(), key.1.clone(), column.clone())) {
                            prop_assert_eq!(value, old_value, "{:?}.{} was not written by the undone change, so a later edit of it stays", key, column);
                        }
                    }
                }
                check_invariants(&db, &local);
            }
            Err(career_hub::Error::Conflict(message)) => {
                prop_assert_eq!(rows(&db), rows_before, "a refused undo changes nothing");
                // Refused with a reason: a later change in the way, or a row that
                // cannot come back (the same skill added again since).
                prop_assert!(
                    message.contains("change") || message.contains("cannot be brought back"),
                    "{}",
                    message
                );
            }
            Err(career_hub::Error::NothingToUndo(_)) => {
                prop_assert_eq!(rows(&db), rows_before, "an undo with nothing to do changes nothing");
            }
            Err(other) => prop_assert!(false, "undo failed: {other}"),
        }
    }
}
