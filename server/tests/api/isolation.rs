//! Tenant isolation, as a property: whatever several accounts push, no account's pull,
//! and no SQL run as the server's role for another account (a `SELECT *` without a
//! WHERE included), returns a row of another account.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::json;

use crate::db;
use crate::fixtures::{account, id, job, now, upsert};
use crate::server::Server;

/// What one account does: add a job, add a project, or edit one of its jobs.
#[derive(Clone, Debug)]
enum Action {
    Job,
    Project,
    Edit(usize),
}

fn action() -> impl Strategy<Value = (usize, Action)> {
    (
        0..3usize,
        prop_oneof![
            Just(Action::Job),
            Just(Action::Project),
            (0..5usize).prop_map(Action::Edit)
        ],
    )
}

/// The tables to read without a WHERE, and the column that names an account's rows.
const TABLES: &[(&str, &str)] = &[
    ("users", "id"),
    ("profiles", "id"),
    ("experiences", "id"),
    ("projects", "id"),
    ("devices", "user_id"),
    ("audit_log", "user_id"),
    ("sync_changes", "user_id"),
    ("sync_rows", "user_id"),
    ("sync_accounts", "user_id"),
];

#[test]
fn no_account_ever_sees_another_accounts_rows() {
    // One server for every case, stopped when the test ends.
    let server = Server::start();
    let mut runner = TestRunner::new(Config {
        cases: 8,
        ..Config::default()
    });
    let actions = proptest::collection::vec(action(), 1..16);
    let result = runner.run(&actions, |actions| check(&server, actions));
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

fn check(server: &Server, actions: Vec<(usize, Action)>) -> Result<(), TestCaseError> {
    {
        let api = server.api();
        let url = &server.database_url;
        // Three new accounts, each with a profile.
        let accounts: Vec<(String, String, String)> = (0..3)
            .map(|_| account(server, &format!("{}@example.com", id().to_lowercase())))
            .collect();
        let mut owned: BTreeMap<usize, BTreeSet<String>> = (0..3)
            .map(|a| {
                (
                    a,
                    BTreeSet::from([accounts[a].1.clone(), accounts[a].2.clone()]),
                )
            })
            .collect();
        let mut jobs: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (who, action) in actions {
            let (token, _, profile_id) = &accounts[who];
            let change = match action {
                Action::Job => {
                    let job_id = id();
                    jobs.entry(who).or_default().push(job_id.clone());
                    job(&job_id, profile_id, "Acme", now("d", -1_000))
                }
                Action::Project => {
                    let project_id = id();
                    owned.get_mut(&who).unwrap().insert(project_id.clone());
                    upsert(
                        "projects",
                        &[&project_id],
                        json!({"profile_id": profile_id, "name": "P"}),
                        now("d", -1_000),
                    )
                }
                Action::Edit(n) => {
                    // An edit of a job, possibly another account's (which must be refused).
                    let all: Vec<String> = jobs.values().flatten().cloned().collect();
                    if all.is_empty() {
                        continue;
                    }
                    let target = &all[n % all.len()];
                    upsert(
                        "experiences",
                        &[target],
                        json!({"position": format!("edited by {who}")}),
                        now("d", -500),
                    )
                }
            };
            api.push(token, vec![change]);
        }
        for (who, ids) in &jobs {
            owned.get_mut(who).unwrap().extend(ids.iter().cloned());
        }
        for (who, (token, user_id, _)) in accounts.iter().enumerate() {
            let mine = &owned[&who];
            // Its pulls name only its rows.
            for pulled in api.pull(token, 0, 0).changes {
                prop_assert!(mine.contains(&pulled.change.key[0]), "{:?}", pulled.change);
            }
            // Its edits never landed on another account's job.
            for (other, ids) in &jobs {
                if *other == who {
                    continue;
                }
                for job_id in ids {
                    let position = db::value(
                        url,
                        &format!("SELECT position FROM experiences WHERE id = '{job_id}'"),
                    );
                    let mark = format!("edited by {who}");
                    prop_assert!(
                        !position.starts_with(&mark),
                        "{} was edited by {}",
                        job_id,
                        who
                    );
                }
            }
            // Plain SQL as the server's role, with no WHERE, sees this account only.
            for (table, column) in TABLES {
                let rows =
                    db::as_account(url, user_id, &format!("SELECT {column}::text FROM {table}"))
                        .unwrap();
                for row in rows.into_iter().skip(1) {
                    let value = row[0].clone().unwrap();
                    let allowed = if *column == "user_id" {
                        value == *user_id
                    } else {
                        mine.contains(&value)
                    };
                    prop_assert!(allowed, "{table}: {value} is not account {who}'s");
                }
            }
        }
        // With no account set, the server's role sees nothing.
        for (table, _) in TABLES {
            let count = db::rows(
                url,
                &format!(
                    "BEGIN; SET LOCAL ROLE career_hub_app; SELECT count(*) FROM {table}; COMMIT;"
                ),
            )
            .unwrap();
            prop_assert_eq!(count[0][0].as_deref(), Some("0"), "{}", table);
        }
    }
    Ok(())
}
