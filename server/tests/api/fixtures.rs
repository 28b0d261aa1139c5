//! Changes as a device records them.

use career_hub_protocol::api::{Change, Op};
use career_hub_protocol::hlc::Hlc;
use serde_json::{Map, Value, json};

use crate::server::Server;

pub fn id() -> String {
    ulid::Ulid::generate().to_string()
}

pub fn stamp(device: &str, wall_ms: u64) -> Hlc {
    Hlc {
        wall_ms,
        counter: 0,
        node: device.to_owned(),
    }
}

/// Now, by the wall clock, plus `offset_ms`.
pub fn now(device: &str, offset_ms: i64) -> Hlc {
    stamp(
        device,
        (career_hub_protocol::hlc::now_ms() as i64 + offset_ms) as u64,
    )
}

pub fn upsert(table: &str, key: &[&str], columns: Value, hlc: Hlc) -> Change {
    let Value::Object(columns) = columns else {
        panic!("columns are an object")
    };
    Change {
        id: id(),
        table: table.into(),
        key: key.iter().map(|k| (*k).to_owned()).collect(),
        op: Op::Upsert,
        columns,
        hlc,
    }
}

pub fn delete(table: &str, key: &[&str], hlc: Hlc) -> Change {
    Change {
        id: id(),
        table: table.into(),
        key: key.iter().map(|k| (*k).to_owned()).collect(),
        op: Op::Delete,
        columns: Map::new(),
        hlc,
    }
}

/// A device's whole new profile row.
pub fn profile(profile_id: &str, hlc: Hlc) -> Change {
    upsert(
        "profiles",
        &[profile_id],
        json!({
            "headline": "Engineer",
            "summary": null,
            "visibility": "PRIVATE",
            "contact": {"name": "Ada Lovelace", "email": "ada@example.com"},
            "completeness_score": 10,
            "created_at": "2026-01-01T00:00:00.000Z",
            "updated_at": "2026-01-01T00:00:00.000Z"
        }),
        hlc,
    )
}

/// A job, as the desktop creates it.
pub fn job(job_id: &str, profile_id: &str, company: &str, hlc: Hlc) -> Change {
    upsert(
        "experiences",
        &[job_id],
        json!({
            "profile_id": profile_id,
            "company_name": company,
            "position": "Engineer",
            "start_date": "2020-01-01",
            "end_date": null,
            "is_current": 1,
            "description": "Built things.",
            "responsibilities": ["Led a team"],
            "technologies": null,
            "display_order": 0,
            "created_at": "2026-01-01T00:00:00.000Z",
            "updated_at": "2026-01-01T00:00:00.000Z"
        }),
        hlc,
    )
}

/// Every test account's password.
pub const PASSWORD: &str = "correct horse battery";

/// A signed-up account with its profile pushed: (token, user id, profile id).
pub fn account(server: &Server, email: &str) -> (String, String, String) {
    let api = server.api();
    let session = api.sign_up(email, PASSWORD, "Laptop");
    let profile_id = id();
    let reply = api.push(
        &session.token,
        vec![profile(&profile_id, now("laptop", -60_000))],
    );
    assert_eq!(reply.accepted.len(), 1, "{reply:?}");
    (session.token, session.user_id, profile_id)
}

pub fn second_device(server: &Server, email: &str) -> String {
    server
        .api()
        .sign_in(email, PASSWORD, "Desktop")
        .json::<career_hub_protocol::api::Session>()
        .token
}
