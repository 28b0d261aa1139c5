//! The bulk write path against the triggers: the same input, written once through each,
//! leaves the same rows in every table, the same history (apart from the ids and times
//! generated on the way), the same search results, and a change that undoes the same.
//!
//! The trigger path is chosen with [`bulk::set_enabled`], which makes [`bulk::insert`]
//! run its work with the row-by-row triggers, as it does outside a change.

use std::collections::HashMap;
use std::path::Path;

use career_hub::bulk::{self, Audit};
use career_hub::import::{jsonresume, linkedin};
use career_hub::profile::experience::Experience;
use career_hub::profile::{LocalProfile, Section};
use career_hub::{Db, Error, archive, history, search};
use rusqlite::params;

use crate::fixture;

/// Which way the rows are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Bulk,
    Triggers,
}

fn fresh(way: Way) -> (Db, LocalProfile) {
    let (db, local) = fixture::profile();
    bulk::set_enabled(db.conn(), way == Way::Bulk).unwrap();
    (db, local)
}

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

/// Replaces what differs between two runs of the same writes (generated ids, which
/// are numbered in the order they first appear, and timestamps) with stable marks.
#[derive(Default)]
struct Normal {
    ids: HashMap<String, usize>,
}

impl Normal {
    /// `text` with every ULID and timestamp replaced; a ULID not met before gets the
    /// next number when `learn`, else `#?`.
    fn text(&mut self, text: &str, learn: bool) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let boundary = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
            if boundary && let Some(len) = timestamp_at(&chars[i..]) {
                out.push_str("<time>");
                i += len;
                continue;
            }
            let ulid = boundary
                && chars.len() >= i + 26
                && chars[i..i + 26]
                    .iter()
                    .all(|c| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(*c))
                && chars.get(i + 26).is_none_or(|c| !c.is_ascii_alphanumeric());
            if ulid {
                let id: String = chars[i..i + 26].iter().collect();
                let next = self.ids.len();
                let mark = match self.ids.get(&id) {
                    Some(n) => format!("#{n}"),
                    None if learn => {
                        self.ids.insert(id, next);
                        format!("#{next}")
                    }
                    None => "#?".to_owned(),
                };
                out.push_str(&mark);
                i += 26;
                continue;
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    }
}

/// The length of an ISO timestamp (`2026-12-03T12:00:00.000Z`) at the start of `chars`.
fn timestamp_at(chars: &[char]) -> Option<usize> {
    let pattern = "dddd-dd-ddTdd:dd:dd";
    if chars.len() < pattern.len() {
        return None;
    }
    let fits = pattern.chars().zip(chars).all(|(p, c)| match p {
        'd' => c.is_ascii_digit(),
        p => p == *c,
    });
    if !fits {
        return None;
    }
    let mut len = pattern.len();
    if chars.get(len) == Some(&'.') {
        len += 1;
        while chars.get(len).is_some_and(char::is_ascii_digit) {
            len += 1;
        }
    }
    (chars.get(len) == Some(&'Z')).then_some(len + 1)
}

/// Everything a person could tell apart: every row of every table a backup holds (the
/// data in rowid order; the audit rows, whose order within a change is not part of
/// what they say, sorted), and what searches find.
fn state(db: &Db, local: &LocalProfile) -> Vec<String> {
    let conn = db.conn();
    let mut normal = Normal::default();
    let mut out = Vec::new();
    for table in archive::tables() {
        let audit = table == "audit_log";
        let columns = if audit {
            "user_id, action, entity_type, entity_id, old_values, new_values, change_id"
        } else {
            "*"
        };
        let mut stmt = conn
            .prepare(&format!("SELECT {columns} FROM {table} ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |row| {
                let values: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(values.join(" | "))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut rows: Vec<String> = rows
            .iter()
            .map(|row| format!("{table}: {}", normal.text(row, !audit)))
            .collect();
        if audit {
            rows.sort();
        }
        out.extend(rows);
    }
    for index in ["experiences_fts", "projects_fts", "technologies_fts"] {
        conn.execute(
            &format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"),
            [],
        )
        .unwrap_or_else(|e| panic!("{index} does not match its table: {e}"));
    }
    for query in [
        "COBOL",
        "compil",
        "navy",
        "mathematics",
        "assembly",
        "teaching",
        "data processing",
        "engineer",
        "pythn",
        "rust",
        "postgres",
        "leadership",
    ] {
        for hit in search::search(conn, &local.profile_id, query, 50).unwrap() {
            out.push(normal.text(
                &format!(
                    "search {query}: {:?} {} {:?} {:?} {:.9}",
                    hit.kind, hit.id, hit.title, hit.matched_fields, hit.score
                ),
                false,
            ));
        }
    }
    out
}

/// Runs `write` on a fresh profile through each path, and checks both end alike: after
/// the write, and again after it is undone.
fn alike(write: impl Fn(&mut Db, &LocalProfile)) -> Vec<String> {
    let mut ends = Vec::new();
    for path in [Way::Bulk, Way::Triggers] {
        let (mut db, local) = fresh(path);
        write(&mut db, &local);
        let written = state(&db, &local);
        history::undo_last(&mut db, &local.user_id, None).unwrap();
        ends.push((written, state(&db, &local)));
    }
    let (bulk, triggers) = (&ends[0], &ends[1]);
    assert_same(&bulk.0, &triggers.0, "after the write");
    assert_same(&bulk.1, &triggers.1, "after undoing it");
    ends.swap_remove(0).0
}

fn assert_same(bulk: &[String], triggers: &[String], when: &str) {
    if bulk != triggers {
        let only_bulk: Vec<&String> = bulk.iter().filter(|l| !triggers.contains(l)).collect();
        let only_triggers: Vec<&String> = triggers.iter().filter(|l| !bulk.contains(l)).collect();
        panic!(
            "{when}, the bulk path and the triggers differ\nonly bulk:\n{only_bulk:#?}\nonly triggers:\n{only_triggers:#?}"
        );
    }
}

#[test]
fn every_json_resume_fixture_imports_alike_both_ways() {
    for name in ["full", "minimal", "scripts", "location-text"] {
        let file = fixtures().join(format!("jsonresume/{name}.json"));
        let text = std::fs::read_to_string(&file).unwrap();
        let state = alike(|db, local| {
            jsonresume::import(db, local, &text, false).unwrap();
        });
        assert!(
            state.iter().any(|l| l.contains("CREATE_")),
            "{name} wrote no audit rows"
        );
    }
}

#[test]
fn a_second_import_over_existing_data_and_linkedin_exports_import_alike() {
    let text = std::fs::read_to_string(fixtures().join("jsonresume/full.json")).unwrap();
    alike(|db, local| {
        jsonresume::import(db, local, &text, false).unwrap();
        linkedin::import(db, local, &fixtures().join("linkedin/full"), false).unwrap();
    });
    for name in ["full", "positions-only", "reordered", "bom"] {
        alike(|db, local| {
            linkedin::import(
                db,
                local,
                &fixtures().join(format!("linkedin/{name}")),
                false,
            )
            .unwrap();
        });
    }
}

#[test]
fn the_search_index_and_score_follow_a_bulk_import() {
    let text = std::fs::read_to_string(fixtures().join("jsonresume/full.json")).unwrap();
    let (mut db, local) = fresh(Way::Bulk);
    jsonresume::import(&mut db, &local, &text, false).unwrap();
    let hits = search::search(db.conn(), &local.profile_id, "compiler", 10).unwrap();
    assert!(!hits.is_empty(), "the imported projects are searchable");
    let score: i64 = db
        .conn()
        .query_row(
            "SELECT completeness_score FROM profiles WHERE id = ?1",
            [&local.profile_id],
            |r| r.get(0),
        )
        .unwrap();
    let expected: i64 = db
        .conn()
        .query_row(
            "SELECT score FROM profile_completeness WHERE profile_id = ?1",
            [&local.profile_id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(score > 0);
    assert_eq!(score, expected);
}

#[test]
fn a_full_backup_restores_alike_both_ways() {
    let text = std::fs::read_to_string(fixtures().join("jsonresume/full.json")).unwrap();
    let (mut source, local) = fixture::profile();
    jsonresume::import(&mut source, &local, &text, false).unwrap();
    linkedin::import(
        &mut source,
        &local,
        &fixtures().join("linkedin/full"),
        false,
    )
    .unwrap();
    let document = archive::export(source.conn()).unwrap();
    let mut ends = Vec::new();
    for path in [Way::Bulk, Way::Triggers] {
        let (mut db, _) = fresh(path);
        archive::import(&mut db, &document).unwrap();
        // The restored database holds the backup's user and profile.
        ends.push(state(&db, &local));
    }
    assert_same(&ends[0], &ends[1], "after the restore");
    assert_eq!(
        ends[0],
        state(&source, &local),
        "the restore is the source, exactly"
    );
}

/// Rows arriving with their own ids, parents and children, as a sync pull brings them:
/// a new account and profile (scored at once, its password redacted in the history),
/// its jobs, a technology and the tags between them.
#[test]
fn rows_with_their_own_ids_insert_alike_both_ways() {
    let state = alike(|db, _| {
        db.write(|tx| {
            bulk::insert(tx, Audit::Write, |tx| {
                tx.execute(
                    "INSERT INTO users (id, email, password_hash) VALUES ('01JD0000000000000000000USR', 'ada@example.com', 'secret')",
                    [],
                )?;
                tx.execute(
                    "INSERT INTO profiles (id, user_id, headline, summary) VALUES ('01JD0000000000000000000PRF', '01JD0000000000000000000USR', 'Engineer', ?1)",
                    ["x".repeat(120)],
                )?;
                tx.execute(
                    "INSERT INTO technologies (id, name, category, layer) VALUES ('01JD00000000000000000TECH1', 'Zig', 'System', 'Language')",
                    [],
                )?;
                for i in 0..7 {
                    let id = format!("01JD000000000000000000EXP{i}");
                    tx.execute(
                        "INSERT INTO experiences (id, profile_id, company_name, position, start_date, description, responsibilities)
                         VALUES (?1, '01JD0000000000000000000PRF', ?2, 'Engineer', '2020-01-01', 'Wrote a Zig compiler.', '[\"Led\"]')",
                        params![id, format!("Company {i}")],
                    )?;
                    tx.execute(
                        "INSERT INTO experience_technologies (experience_id, technology_id) VALUES (?1, '01JD00000000000000000TECH1')",
                        [&id],
                    )?;
                }
                Ok(())
            })
        })
        .unwrap();
    });
    let profile = state
        .iter()
        .find(|l| l.starts_with("profiles: ") && l.contains("Engineer"))
        .unwrap();
    assert!(profile.contains("Integer(60)"), "{profile}");
    let history: Vec<&String> = state
        .iter()
        .filter(|l| l.starts_with("audit_log"))
        .collect();
    assert!(history.iter().any(|l| l.contains("[redacted]")));
    assert!(!history.iter().any(|l| l.contains("secret")));
}

fn experiences_audited(db: &Db) -> i64 {
    db.conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'CREATE_EXPERIENCE'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// An update or delete on the bulk path would go unaudited (the connection's triggers
/// are off), so the whole write is refused; and the triggers are on again afterwards.
#[test]
fn a_bulk_write_that_updates_or_deletes_is_refused_whole() {
    let (mut db, local) = fresh(Way::Bulk);
    let job = fixture::job("Initech", "Engineer", "2021-01-01");
    let kept = Experience::create(&mut db, &local.profile_id, job).unwrap();
    let before = state(&db, &local);
    let edits = [
        "UPDATE experiences SET position = 'Lead' WHERE id = '01JD000000000000000000EXP0'",
        "UPDATE profiles SET headline = 'Lead'",
        "DELETE FROM experiences WHERE company_name = 'Initech'",
    ];
    for edit in edits {
        let error = db
            .write(|tx| {
                bulk::insert(tx, Audit::Write, |tx| {
                    tx.execute(
                        "INSERT INTO experiences (id, profile_id, company_name, position, start_date)
                         VALUES ('01JD000000000000000000EXP0', ?1, 'Acme', 'Engineer', '2020-01-01')",
                        [&local.profile_id],
                    )?;
                    tx.execute(edit, [])?;
                    Ok(())
                })
            })
            .unwrap_err();
        assert!(matches!(error, Error::Internal(_)), "{edit}: {error}");
        assert_eq!(state(&db, &local), before, "{edit}: nothing was written");
    }
    // The triggers are back: an ordinary write is audited and searchable.
    let job = fixture::job("Hooli", "Kernel hacker", "2022-01-01");
    Experience::create(&mut db, &local.profile_id, job).unwrap();
    assert_eq!(experiences_audited(&db), 2);
    let hits = search::search(db.conn(), &local.profile_id, "kernel", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(Experience::get(db.conn(), &kept.id).is_ok());
}

/// The triggers are off only on Career Hub's own connection and only while the bulk
/// work runs: another program writing the same file after a bulk import, and the next
/// change on the same connection after a bulk write that failed, are audited.
#[test]
fn triggers_stay_on_for_every_other_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("career-hub.db");
    let mut db = Db::open(&path).unwrap();
    let local = career_hub::profile::bootstrap(&mut db).unwrap();
    let text = std::fs::read_to_string(fixtures().join("jsonresume/full.json")).unwrap();
    jsonresume::import(&mut db, &local, &text, false).unwrap();
    let imported = experiences_audited(&db);

    let outside = rusqlite::Connection::open(&path).unwrap();
    outside
        .execute(
            "INSERT INTO experiences (id, profile_id, company_name, position, start_date, description)
             VALUES ('01JD000000000000000000EXP0', ?1, 'Acme', 'Engineer', '2020-01-01', 'kernel hacking')",
            [&local.profile_id],
        )
        .unwrap();
    assert_eq!(experiences_audited(&db), imported + 1);

    let failed = db.write(|tx| {
        bulk::insert(tx, Audit::Write, |_| -> career_hub::Result<()> {
            Err(Error::Conflict("stop".into()))
        })
    });
    assert!(failed.is_err());
    let job = fixture::job("Initech", "Engineer", "2021-01-01");
    Experience::create(&mut db, &local.profile_id, job).unwrap();
    assert_eq!(experiences_audited(&db), imported + 2);
    let hits = search::search(db.conn(), &local.profile_id, "kernel", 10).unwrap();
    assert_eq!(hits.len(), 1);
}

/// SQLite's work for importing `jobs` jobs and as many projects
/// ([`fixture::counted_import`]).
fn import_steps(way: Way, jobs: usize) -> u64 {
    let work: Vec<serde_json::Value> = (0..jobs)
        .map(|i| serde_json::json!({"name": format!("Company {i}"), "position": "Engineer", "startDate": "2020-01-01", "summary": "Built the billing platform.", "highlights": ["Led a team", "Cut costs"]}))
        .collect();
    let projects: Vec<serde_json::Value> = (0..jobs)
        .map(|i| serde_json::json!({"name": format!("Project {i}"), "description": "A compiler for a small language."}))
        .collect();
    let text = serde_json::json!({ "work": work, "projects": projects }).to_string();
    let (mut db, local) = fresh(way);
    let (added, steps) = fixture::counted_import(&mut db, &local, &text);
    assert_eq!(added, 2 * jobs);
    steps
}

/// The import really takes the bulk path (were it to fall back to the triggers
/// unnoticed, every test above would still pass).
#[test]
fn an_import_on_the_bulk_path_does_a_fraction_of_the_triggers_work() {
    let bulk = import_steps(Way::Bulk, 300);
    let triggers = import_steps(Way::Triggers, 300);
    assert!(
        bulk * 2 < triggers,
        "the bulk path took {bulk} thousand steps, the triggers {triggers} thousand"
    );
}
