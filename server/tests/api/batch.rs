//! A push applied as a whole batch gives exactly what applying it change by change
//! gives, as a property: random pushes from two devices (edits, deletes, links,
//! technologies old and new, refusals, replays) to a server that applies batches whole
//! and to one started with `--apply-one-by-one` leave the same replies, rows, merge
//! state, change log and audit trail.

use std::collections::BTreeMap;

use career_hub_protocol::api::{Change, PushResponse};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::json;

use crate::cluster::Cluster;
use crate::db;
use crate::fixtures::{PASSWORD, delete, id, job, now, profile, stamp, upsert};
use crate::server::Server;

const JOBS: usize = 3;
const PROJECTS: usize = 2;
const TECHNOLOGIES: usize = 3;
const SKILLS: usize = 2;
/// Names new technologies take: some the catalog will have, one in another case.
const NAMES: &[&str] = &["Rust", "rust", "Zig", "Elixir"];
const STATUSES: &[&str] = &["Active", "Staging", "Archived"];

#[derive(Clone, Debug)]
enum Step {
    /// A job: all of it, or some fields; `bad` gives it an end before its start.
    Job {
        job: usize,
        whole: bool,
        bad: bool,
    },
    Project {
        project: usize,
        status: usize,
    },
    /// A technology the device made, named `NAMES[name]`; `bad` gives it an unknown layer.
    Technology {
        tech: usize,
        name: usize,
        bad: bool,
    },
    /// A skill; a level of 7 is refused.
    Skill {
        skill: usize,
        tech: usize,
        level: i64,
    },
    JobTechnology {
        job: usize,
        tech: usize,
    },
    ProjectJob {
        project: usize,
        job: usize,
    },
    DeleteJob(usize),
    DeleteProject(usize),
    DeleteSkill(usize),
    DeleteJobTechnology {
        job: usize,
        tech: usize,
    },
    /// A column the table does not have.
    Unknown,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..JOBS, any::<bool>(), prop::bool::weighted(0.05))
            .prop_map(|(job, whole, bad)| Step::Job { job, whole, bad }),
        2 => (0..PROJECTS, 0..3usize).prop_map(|(project, status)| Step::Project { project, status }),
        2 => (0..TECHNOLOGIES, 0..NAMES.len(), prop::bool::weighted(0.05))
            .prop_map(|(tech, name, bad)| Step::Technology { tech, name, bad }),
        2 => (0..SKILLS, 0..TECHNOLOGIES, prop_oneof![Just(3i64), Just(5), Just(7)])
            .prop_map(|(skill, tech, level)| Step::Skill { skill, tech, level }),
        2 => (0..JOBS, 0..TECHNOLOGIES).prop_map(|(job, tech)| Step::JobTechnology { job, tech }),
        1 => (0..PROJECTS, 0..JOBS).prop_map(|(project, job)| Step::ProjectJob { project, job }),
        1 => (0..JOBS).prop_map(Step::DeleteJob),
        1 => (0..PROJECTS).prop_map(Step::DeleteProject),
        1 => (0..SKILLS).prop_map(Step::DeleteSkill),
        1 => (0..JOBS, 0..TECHNOLOGIES).prop_map(|(job, tech)| Step::DeleteJobTechnology { job, tech }),
        1 => Just(Step::Unknown),

    ]
}

/// A push: its steps, which device sends it, each step's clock offset, and whether the
/// device sends an earlier push again.
#[derive(Clone, Debug)]
struct Push {
    steps: Vec<(Step, i64)>,
    desktop: bool,
    replay: Option<usize>,
}

fn push() -> impl Strategy<Value = Push> {
    (
        proptest::collection::vec((step(), -3_000i64..3_000), 1..6),
        any::<bool>(),
        prop::option::weighted(0.15, 0..8usize),
    )
        .prop_map(|(steps, desktop, replay)| Push {
            steps,
            desktop,
            replay,
        })
}

/// A server that applies batches whole and one that applies them change by change,
/// each on a database of its own.
fn servers() -> (Server, Server) {
    let cluster = Cluster::get();
    let one_by_one = Server::with_env(
        cluster.url(&cluster.database()),
        &[("CAREER_HUB_APPLY_ONE_BY_ONE", "true")],
    );
    (Server::start(), one_by_one)
}

#[test]
fn a_batch_applied_whole_gives_what_applying_it_change_by_change_gives() {
    let (whole, one_by_one) = servers();
    let mut runner = TestRunner::new(Config {
        cases: 24,
        ..Config::default()
    });
    let applied_whole = std::cell::Cell::new(0);
    let result = runner.run(&proptest::collection::vec(push(), 1..12), |pushes| {
        applied_whole.set(applied_whole.get() + check(&whole, &one_by_one, pushes)?);
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    // The comparison means something only if batches were applied whole.
    let applied_whole = applied_whole.get();
    assert!(
        applied_whole > 24,
        "only {applied_whole} pushes applied whole"
    );
}

#[test]
fn a_link_to_a_deleted_job_brings_it_back_the_same_either_way() {
    let (whole, one_by_one) = servers();
    let push = |steps: Vec<Step>| Push {
        steps: steps.into_iter().map(|step| (step, 0)).collect(),
        desktop: false,
        replay: None,
    };
    let pushes = vec![
        push(vec![
            Step::Job {
                job: 0,
                whole: true,
                bad: false,
            },
            Step::Technology {
                tech: 0,
                name: 2,
                bad: false,
            },
            Step::JobTechnology { job: 0, tech: 0 },
        ]),
        push(vec![Step::DeleteJob(0)]),
        push(vec![
            Step::JobTechnology { job: 0, tech: 0 },
            Step::Technology {
                tech: 1,
                name: 0,
                bad: false,
            },
            Step::Technology {
                tech: 2,
                name: 1,
                bad: false,
            },
            Step::Skill {
                skill: 0,
                tech: 2,
                level: 5,
            },
        ]),
    ];
    // Every push of this case is applied whole.
    assert_eq!(check(&whole, &one_by_one, pushes).unwrap(), 4);
}

#[test]
fn a_link_to_a_job_the_account_only_knows_deleted_is_refused_the_same_either_way() {
    let (whole, one_by_one) = servers();
    let push = |steps: Vec<Step>| Push {
        steps: steps.into_iter().map(|step| (step, 0)).collect(),
        desktop: false,
        replay: None,
    };
    // The job's delete reaches the account before anything else of it; then a link to
    // it comes ahead of the job itself in one push.
    let pushes = vec![
        push(vec![
            Step::Project {
                project: 0,
                status: 0,
            },
            Step::DeleteJob(2),
        ]),
        push(vec![
            Step::ProjectJob { project: 0, job: 2 },
            Step::Job {
                job: 2,
                whole: true,
                bad: false,
            },
        ]),
    ];
    check(&whole, &one_by_one, pushes).unwrap();
}

/// The ids of one case's rows: the same on both servers.
struct Ids {
    profile: String,
    jobs: Vec<String>,
    projects: Vec<String>,
    technologies: Vec<String>,
    skills: Vec<String>,
}

impl Ids {
    fn new() -> Ids {
        let ids = |n| (0..n).map(|_| id()).collect();
        Ids {
            profile: id(),
            jobs: ids(JOBS),
            projects: ids(PROJECTS),
            technologies: ids(TECHNOLOGIES),
            skills: ids(SKILLS),
        }
    }

    fn change(&self, step: &Step, hlc: career_hub_protocol::hlc::Hlc) -> Change {
        let p = self.profile.as_str();
        match step {
            Step::Job { job: j, whole, bad } => {
                let mut change = if *whole {
                    job(&self.jobs[*j], p, &format!("Company {j}"), hlc)
                } else {
                    upsert(
                        "experiences",
                        &[&self.jobs[*j]],
                        json!({"position": format!("Role at {}", hlc.wall_ms % 1000)}),
                        hlc,
                    )
                };
                if *bad {
                    change
                        .columns
                        .insert("end_date".into(), json!("2019-01-01"));
                    change
                        .columns
                        .insert("start_date".into(), json!("2020-01-01"));
                }
                change
            }
            Step::Project { project, status } => upsert(
                "projects",
                &[&self.projects[*project]],
                json!({"profile_id": p, "name": format!("Project {project}"),
                       "status": STATUSES[*status]}),
                hlc,
            ),
            Step::Technology { tech, name, bad } => upsert(
                "technologies",
                &[&self.technologies[*tech]],
                json!({"name": NAMES[*name], "category": "Library",
                       "layer": if *bad { "Nowhere" } else { "Backend" }}),
                hlc,
            ),
            Step::Skill { skill, tech, level } => upsert(
                "skills",
                &[&self.skills[*skill]],
                json!({"profile_id": p, "technology_id": self.technologies[*tech], "level": level}),
                hlc,
            ),
            Step::JobTechnology { job, tech } => upsert(
                "experience_technologies",
                &[&self.jobs[*job], &self.technologies[*tech]],
                json!({}),
                hlc,
            ),
            Step::ProjectJob { project, job } => upsert(
                "project_experiences",
                &[&self.projects[*project], &self.jobs[*job]],
                json!({}),
                hlc,
            ),
            Step::DeleteJob(job) => delete("experiences", &[&self.jobs[*job]], hlc),
            Step::DeleteProject(project) => delete("projects", &[&self.projects[*project]], hlc),
            Step::DeleteSkill(skill) => delete("skills", &[&self.skills[*skill]], hlc),
            Step::DeleteJobTechnology { job, tech } => delete(
                "experience_technologies",
                &[&self.jobs[*job], &self.technologies[*tech]],
                hlc,
            ),
            Step::Unknown => upsert("experiences", &[&self.jobs[0]], json!({"salary": 1}), hlc),
        }
    }
}

/// One account on `server` with two devices: (laptop token, desktop token, user id).
fn account(server: &Server, email: &str) -> (String, String, String) {
    let api = server.api();
    let laptop = api.sign_up(email, PASSWORD, "Laptop");
    let desktop: career_hub_protocol::api::Session = api.sign_in(email, PASSWORD, "Desktop").json();
    (laptop.token, desktop.token, laptop.user_id)
}

/// Pushes the case to both servers; the number of pushes the first applied whole.
fn check(whole: &Server, one_by_one: &Server, pushes: Vec<Push>) -> Result<usize, TestCaseError> {
    let ids = Ids::new();
    let email = format!("{}@example.com", id().to_lowercase());
    let accounts = [account(whole, &email), account(one_by_one, &email)];
    let start = now("laptop", -600_000).wall_ms;
    // The changes, made once and sent to both servers alike.
    let mut batches: Vec<(bool, Vec<Change>)> =
        vec![(false, vec![profile(&ids.profile, stamp("laptop", start))])];
    for (n, push) in pushes.iter().enumerate() {
        let device = if push.desktop { "desktop" } else { "laptop" };
        let changes = push
            .steps
            .iter()
            .enumerate()
            .map(|(i, (step, offset))| {
                let wall = start as i64 + 10_000 * (n as i64 + 1) + 100 * i as i64 + offset;
                ids.change(step, stamp(device, wall as u64))
            })
            .collect();
        batches.push((push.desktop, changes));
        if let Some(earlier) = push.replay {
            let again = batches[earlier % batches.len()].clone();
            batches.push(again);
        }
    }
    let mut replies: [Vec<PushResponse>; 2] = [Vec::new(), Vec::new()];
    let mut applied_whole = 0;
    for (desktop, changes) in &batches {
        for (side, server) in [whole, one_by_one].into_iter().enumerate() {
            let (laptop, desktop_token, _) = &accounts[side];
            let token = if *desktop { desktop_token } else { laptop };
            let (reply, applied) = server.api().push_applied(token, changes.clone());
            if side == 0 && applied == "whole" {
                applied_whole += 1;
            }
            if side == 1 {
                prop_assert_eq!(applied.as_str(), "one-by-one");
            }
            replies[side].push(reply);
        }
    }
    for (n, (a, b)) in replies[0].iter().zip(&replies[1]).enumerate() {
        prop_assert_eq!(
            serde_json::to_value(a).unwrap(),
            serde_json::to_value(b).unwrap(),
            "reply to push {}: {:?}",
            n,
            batches[n]
        );
    }
    let state = [
        snapshot(whole, &accounts[0].2),
        snapshot(one_by_one, &accounts[1].2),
    ];
    for (what, rows) in &state[0] {
        prop_assert_eq!(
            rows,
            &state[1][what],
            "{} differs after {:?}",
            what,
            batches
        );
    }
    Ok(applied_whole)
}

/// Everything of the account a push can change, without what differs between two
/// servers anyway (generated ids, the account's and devices' ids, times of writing).
fn snapshot(server: &Server, user_id: &str) -> BTreeMap<&'static str, Vec<Vec<Option<String>>>> {
    let without = "- 'user_id' - 'created_at' - 'updated_at'";
    let mut queries: Vec<(&'static str, String)> = [
        "profiles",
        "experiences",
        "projects",
        "skills",
        "project_experiences",
        "experience_technologies",
    ]
    .into_iter()
    .map(|table| {
        (
            table,
            format!("SELECT (to_jsonb(t) {without})::text AS r FROM {table} t ORDER BY r"),
        )
    })
    .collect();
    queries.extend([
        (
            "technologies",
            format!("SELECT (to_jsonb(t) {without})::text AS r FROM technologies t ORDER BY r"),
        ),
        (
            "sync_changes",
            "SELECT seq, change_id, table_name, row_key::text, op, columns::text, hlc
             FROM sync_changes ORDER BY seq"
                .to_owned(),
        ),
        (
            "sync_rows",
            "SELECT table_name, row_key, data::text, clocks::text, deleted_hlc
             FROM sync_rows ORDER BY table_name, row_key"
                .to_owned(),
        ),
        (
            "audit_log",
            "SELECT change_id, action, entity_type, entity_id, old_values::text, new_values::text, source
             FROM audit_log ORDER BY change_id, action"
                .to_owned(),
        ),
        (
            "sync_aliases",
            "SELECT table_name, from_id, to_id FROM sync_aliases ORDER BY from_id".to_owned(),
        ),
        (
            "last_seq",
            "SELECT last_seq FROM sync_accounts".to_owned(),
        ),
    ]);
    queries
        .into_iter()
        .map(|(what, sql)| {
            let rows = db::as_account(&server.database_url, user_id, &sql).unwrap();
            // The first row is set_config's.
            (what, rows.into_iter().skip(1).collect())
        })
        .collect()
}
