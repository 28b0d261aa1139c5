//! Sign-up, sign-in, devices and their tokens, password change, account deletion.

use serde_json::json;

use crate::db;
use crate::fixtures::{PASSWORD, job, now, profile};
use crate::server::Server;

#[test]
fn a_person_signs_up_and_signs_in_and_a_wrong_password_is_refused_in_words() {
    let server = Server::start();
    let api = server.api();
    let first = api.sign_up("ada@example.com", PASSWORD, "Laptop");
    assert!(first.token.len() >= 40);

    let again = api.sign_in("ADA@example.com", PASSWORD, "Desktop");
    assert_eq!(again.status, 200, "{}", again.body);
    let second: career_hub_protocol::api::Session = again.json();
    assert_eq!(second.user_id, first.user_id);
    assert_ne!(second.token, first.token);

    let wrong = api.sign_in("ada@example.com", "not the password", "Desktop");
    let unknown = api.sign_in("nobody@example.com", "not the password", "Desktop");
    assert_eq!((wrong.status, unknown.status), (401, 401));
    assert_eq!(
        wrong.body, unknown.body,
        "the reply never says whether the e-mail exists"
    );
    assert_eq!(wrong.error().code, "wrong_credentials");

    let taken = api.post(
        "/v1/accounts",
        None,
        &json!({"email": "Ada@Example.com", "password": PASSWORD, "device_name": "X"}),
    );
    assert_eq!(taken.status, 409);
    let weak = api.post(
        "/v1/accounts",
        None,
        &json!({"email": "bob@example.com", "password": "short", "device_name": "X"}),
    );
    assert_eq!(
        (weak.status, weak.error().code.as_str()),
        (400, "weak_password")
    );

    // Only the token's hash is kept.
    let url = &server.database_url;
    let token = &first.token;
    assert_eq!(
        db::value(
            url,
            &format!("SELECT count(*) FROM devices WHERE token_hash = sha256('{token}'::bytea)")
        ),
        "1"
    );
    assert_eq!(
        db::value(
            url,
            &format!("SELECT count(*) FROM devices d WHERE to_jsonb(d)::text LIKE '%{token}%'")
        ),
        "0"
    );
    let hash = db::value(&server.database_url, "SELECT password_hash FROM users");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

#[test]
fn failed_sign_ins_are_slowed_down_for_the_account_and_the_address() {
    let server = Server::start();
    let api = server.api();
    api.sign_up("ada@example.com", PASSWORD, "Laptop");
    for _ in 0..5 {
        assert_eq!(
            api.sign_in("ada@example.com", "wrong password", "X").status,
            401
        );
    }
    let slowed = api.sign_in("ada@example.com", PASSWORD, "X");
    assert_eq!(slowed.status, 429, "{}", slowed.body);
    assert_eq!(slowed.error().code, "slow_down");
    // The address is slowed down too, whichever e-mail it tries next.
    assert_eq!(api.sign_in("other@example.com", PASSWORD, "X").status, 429);
}

#[test]
fn behind_a_load_balancer_failed_sign_ins_are_counted_per_client() {
    let cluster = crate::cluster::Cluster::get();
    let server = Server::with_env(
        cluster.url(&cluster.database()),
        &[("CAREER_HUB_CLIENT_IP_HEADER", "X-Forwarded-For")],
    );
    let api = server.api();
    api.sign_up("ada@example.com", PASSWORD, "Laptop");
    api.sign_up("bob@example.com", PASSWORD, "Laptop");
    for _ in 0..5 {
        assert_eq!(
            api.sign_in_from("10.0.0.1", "ada@example.com", "wrong password")
                .status,
            401
        );
    }
    // That client is slowed down, even for another account…
    assert_eq!(
        api.sign_in_from("10.0.0.1", "bob@example.com", PASSWORD)
            .status,
        429
    );
    // …but another client behind the same balancer is not.
    assert_eq!(
        api.sign_in_from("10.0.0.2", "bob@example.com", PASSWORD)
            .status,
        200
    );
}

#[test]
fn a_device_is_signed_out_by_expiry_by_itself_or_from_another_device() {
    let server = Server::start();
    let api = server.api();
    let laptop = api.sign_up("ada@example.com", PASSWORD, "Laptop");
    let desktop: career_hub_protocol::api::Session =
        api.sign_in("ada@example.com", PASSWORD, "Desktop").json();
    let phone: career_hub_protocol::api::Session =
        api.sign_in("ada@example.com", PASSWORD, "Phone").json();

    let devices: Vec<career_hub_protocol::api::Device> =
        api.get("/v1/devices", Some(&laptop.token)).json();
    assert_eq!(
        devices
            .iter()
            .map(|d| (d.name.as_str(), d.current))
            .collect::<Vec<_>>(),
        [("Laptop", true), ("Desktop", false), ("Phone", false)]
    );

    // Signed out from the laptop.
    let revoked = api.delete(
        &format!("/v1/devices/{}", desktop.device_id),
        Some(&laptop.token),
        None,
    );
    assert_eq!(revoked.status, 204);
    assert_eq!(api.get("/v1/devices", Some(&desktop.token)).status, 401);

    // Signed out by itself.
    assert_eq!(
        api.delete("/v1/sessions/current", Some(&phone.token), None)
            .status,
        204
    );
    assert_eq!(api.get("/v1/devices", Some(&phone.token)).status, 401);

    // Expired.
    db::rows(
        &server.database_url,
        "UPDATE devices SET expires_at = now() - interval '1 second'",
    )
    .unwrap();
    let expired = api.get("/v1/devices", Some(&laptop.token));
    assert_eq!(
        (expired.status, expired.error().code.as_str()),
        (401, "unauthorized")
    );
    assert_eq!(api.get("/v1/devices", None).status, 401);
    assert_eq!(api.get("/v1/devices", Some("made-up")).status, 401);
}

#[test]
fn changing_the_password_signs_out_every_other_device() {
    let server = Server::start();
    let api = server.api();
    let laptop = api.sign_up("ada@example.com", PASSWORD, "Laptop");
    let desktop: career_hub_protocol::api::Session =
        api.sign_in("ada@example.com", PASSWORD, "Desktop").json();
    let wrong = api.put(
        "/v1/account/password",
        Some(&laptop.token),
        &json!({"current_password": "nope nope nope", "new_password": "a new long password"}),
    );
    assert_eq!(wrong.status, 403);
    let changed = api.put(
        "/v1/account/password",
        Some(&laptop.token),
        &json!({"current_password": PASSWORD, "new_password": "a new long password"}),
    );
    assert_eq!(changed.status, 204, "{}", changed.body);
    assert_eq!(api.get("/v1/devices", Some(&laptop.token)).status, 200);
    assert_eq!(api.get("/v1/devices", Some(&desktop.token)).status, 401);
    assert_eq!(api.sign_in("ada@example.com", PASSWORD, "X").status, 401);
    assert_eq!(
        api.sign_in("ada@example.com", "a new long password", "X")
            .status,
        200
    );
}

#[test]
fn deleting_an_account_removes_every_row_of_it_and_no_other() {
    let server = Server::start();
    let api = server.api();
    let ada = api.sign_up("ada@example.com", PASSWORD, "Laptop");
    let bob = api.sign_up("bob@example.com", PASSWORD, "Laptop");
    for (session, name) in [(&ada, "Ada"), (&bob, "Bob")] {
        let profile_id = crate::fixtures::id();
        let reply = api.push(
            &session.token,
            vec![
                profile(&profile_id, now(name, 0)),
                job(&crate::fixtures::id(), &profile_id, name, now(name, 1)),
            ],
        );
        assert_eq!(reply.accepted.len(), 2, "{reply:?}");
    }
    let count = |user: &str| {
        db::value(
            &server.database_url,
            &format!(
                "SELECT (SELECT count(*) FROM users WHERE id = '{user}')
                      + (SELECT count(*) FROM profiles WHERE user_id = '{user}')
                      + (SELECT count(*) FROM experiences e JOIN profiles p ON p.id = e.profile_id WHERE p.user_id = '{user}')
                      + (SELECT count(*) FROM devices WHERE user_id = '{user}')
                      + (SELECT count(*) FROM audit_log WHERE user_id = '{user}')
                      + (SELECT count(*) FROM sync_changes WHERE user_id = '{user}')
                      + (SELECT count(*) FROM sync_rows WHERE user_id = '{user}')
                      + (SELECT count(*) FROM sync_accounts WHERE user_id = '{user}')"
            ),
        )
    };
    let bob_before = count(&bob.user_id);
    assert_ne!(count(&ada.user_id), "0");
    let refused = api.delete(
        "/v1/account",
        Some(&ada.token),
        Some(&json!({"password": "wrong password"})),
    );
    assert_eq!(refused.status, 403);
    let deleted = api.delete(
        "/v1/account",
        Some(&ada.token),
        Some(&json!({"password": PASSWORD})),
    );
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    assert_eq!(count(&ada.user_id), "0");
    assert_eq!(
        db::value(
            &server.database_url,
            "SELECT count(*) FROM audit_log WHERE user_id IS NULL"
        ),
        "0",
        "no history is left behind without an owner"
    );
    assert_eq!(count(&bob.user_id), bob_before);
    assert_eq!(api.get("/v1/devices", Some(&ada.token)).status, 401);
}
