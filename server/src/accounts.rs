//! Accounts and devices: sign-up, sign-in (one token per device), sign-out, change
//! password, delete account, and the devices list.
//!
//! Passwords are hashed with argon2id at OWASP's recommended minimum (19 MiB, two
//! passes, one lane: the `argon2` crate's defaults). A token is 32 random bytes; only
//! its SHA-256 is stored. Failed sign-ins are counted per e-mail and per address and,
//! after five, slowed down (1 s, doubling, at most 15 min); the reply is the same
//! whether or not the e-mail has an account.

use std::net::SocketAddr;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::Json;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use career_hub_protocol::api::{ChangePassword, DeleteAccount, Device, Session, SignIn, SignUp};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};
use crate::{App, Body, Tx, begin, parse};

/// `to_char` format of a UTC time as RFC 3339 (`2026-12-03T08:16:58Z`).
const RFC3339: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

/// How long a device stays signed in without signing in again.
const SESSION_DAYS: i32 = 90;
const MIN_PASSWORD_CHARS: usize = 10;
const MAX_PASSWORD_CHARS: usize = 1024;

/// The account and device a request comes from.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: String,
    pub device_id: String,
}

fn random_bytes<const N: usize>() -> ApiResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(bytes)
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

async fn hash_password(password: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&random_bytes::<16>()?).map_err(ApiError::internal)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(ApiError::internal)
    })
    .await
    .map_err(ApiError::internal)?
}

/// Whether `password` matches `hash`. An unknown account is checked against a hash of
/// nothing, so that the reply takes as long either way.
async fn verify_password(password: String, hash: Option<String>) -> ApiResult<bool> {
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| {
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3bG4wKy0cB6V2sQfWf3pYpJ3h1CzWQ0pQ0k5o3P1Y9c"
                .to_owned()
        });
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return Ok(false);
        };
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
    .map_err(ApiError::internal)?
}

fn check_email(email: &str) -> ApiResult<String> {
    let email = email.trim();
    let valid = email.len() <= 255
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !valid {
        return Err(ApiError::bad_request(
            "invalid_email",
            "Enter an e-mail address such as ada@example.com.",
        ));
    }
    Ok(email.to_owned())
}

fn check_password(password: &str) -> ApiResult<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(ApiError::bad_request(
            "weak_password",
            format!("Choose a password of at least {MIN_PASSWORD_CHARS} characters."),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(ApiError::bad_request(
            "invalid_password",
            format!("A password can have at most {MAX_PASSWORD_CHARS} characters."),
        ));
    }
    Ok(())
}

fn check_device_name(name: &str) -> ApiResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "invalid_device_name",
            "Name this device in 1 to 100 characters (\"Work laptop\").",
        ));
    }
    Ok(name.to_owned())
}

/// Acts as `user_id` for the rest of the transaction.
pub async fn act_as(tx: &Tx<'_>, user_id: &str) -> ApiResult<()> {
    tx.execute(
        "SELECT set_config('app.current_user_id', $1, true)",
        &[&user_id],
    )
    .await?;
    Ok(())
}

/// The caller of a request, from its bearer token, acting as their account for the
/// rest of the transaction.
pub async fn authenticate(tx: &Tx<'_>, headers: &HeaderMap) -> ApiResult<Caller> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(ApiError::unauthorized)?;
    let row = tx
        .query_opt(
            "SELECT device_id, user_id FROM auth_device($1)",
            &[&token_hash(token)],
        )
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let caller = Caller {
        device_id: row.get(0),
        user_id: row.get(1),
    };
    act_as(tx, &caller.user_id).await?;
    Ok(caller)
}

/// A new device of `user_id`, with its token.
async fn new_session(tx: &Tx<'_>, user_id: &str, device_name: &str) -> ApiResult<Session> {
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>()?);
    let device_id = ulid::Ulid::generate().to_string();
    let row = tx
        .query_one(
            &format!(
                "INSERT INTO devices (id, user_id, name, token_hash, expires_at)
                 VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))
                 RETURNING to_char(expires_at AT TIME ZONE 'UTC', {RFC3339})"
            ),
            &[
                &device_id,
                &user_id,
                &device_name,
                &token_hash(&token),
                &SESSION_DAYS,
            ],
        )
        .await?;
    Ok(Session {
        token,
        user_id: user_id.to_owned(),
        device_id,
        expires_at: row.get(0),
    })
}

pub async fn sign_up(State(app): State<App>, body: Body) -> ApiResult<(StatusCode, Json<Session>)> {
    let request: SignUp = parse(body)?;
    let email = check_email(&request.email)?;
    check_password(&request.password)?;
    let device_name = check_device_name(&request.device_name)?;
    let hash = hash_password(request.password).await?;
    let mut client = app.pool.get().await?;
    let tx = begin(&mut client).await?;
    let user_id = ulid::Ulid::generate().to_string();
    act_as(&tx, &user_id).await?;
    let inserted = tx
        .execute(
            "INSERT INTO users (id, email, password_hash, last_login_at) VALUES ($1, $2, $3, CURRENT_TIMESTAMP)",
            &[&user_id, &email, &hash],
        )
        .await;
    if let Err(error) = inserted {
        if error.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "email_taken",
                "This e-mail already has an account: sign in instead.",
            ));
        }
        return Err(error.into());
    }
    tx.execute(
        "INSERT INTO sync_accounts (user_id) VALUES ($1)",
        &[&user_id],
    )
    .await?;
    let session = new_session(&tx, &user_id, &device_name).await?;
    tx.commit().await?;
    tracing::info!(user_id = %user_id, device_id = %session.device_id, "account created");
    Ok((StatusCode::CREATED, Json(session)))
}

/// The client's address: the peer's, or the one a trusted load balancer reports (the
/// last entry of its header, which the balancer itself appended).
fn client_address(app: &App, peer: SocketAddr, headers: &HeaderMap) -> String {
    app.options
        .client_ip_header
        .as_deref()
        .and_then(|name| headers.get(name))
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .map(str::trim)
        .filter(|ip| ip.parse::<std::net::IpAddr>().is_ok())
        .map_or_else(|| peer.ip().to_string(), str::to_owned)
}

pub async fn sign_in(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<Session>> {
    let request: SignIn = parse(body)?;
    let device_name = check_device_name(&request.device_name)?;
    let email = request.email.trim().to_owned();
    let address = client_address(&app, peer, &headers);
    let mut client = app.pool.get().await?;
    let tx = begin(&mut client).await?;
    let wait: i32 = tx
        .query_one("SELECT sign_in_wait($1, $2)", &[&email, &address])
        .await?
        .get(0);
    if wait > 0 {
        let mut error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "slow_down",
            format!("Too many failed sign-ins: try again in {wait} s."),
        );
        error.retry_after = Some(wait as u64);
        return Err(error);
    }
    let account = tx
        .query_opt(
            "SELECT id, password_hash, is_active FROM auth_account($1)",
            &[&email],
        )
        .await?;
    let (user_id, hash) = match &account {
        Some(row) if row.get::<_, Option<bool>>(2) != Some(false) => {
            (Some(row.get::<_, String>(0)), Some(row.get::<_, String>(1)))
        }
        _ => (None, None),
    };
    let user_id = match (verify_password(request.password, hash).await?, user_id) {
        (true, Some(user_id)) => user_id,
        _ => {
            tx.execute("SELECT sign_in_failed($1, $2)", &[&email, &address])
                .await?;
            tx.commit().await?;
            tracing::info!(address = %address, "failed sign-in");
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "wrong_credentials",
                "The e-mail or the password is wrong.",
            ));
        }
    };
    tx.execute("SELECT sign_in_succeeded($1)", &[&email])
        .await?;
    act_as(&tx, &user_id).await?;
    tx.execute(
        "UPDATE users SET last_login_at = CURRENT_TIMESTAMP WHERE id = $1",
        &[&user_id],
    )
    .await?;
    let session = new_session(&tx, &user_id, &device_name).await?;
    tx.commit().await?;
    tracing::info!(user_id = %user_id, device_id = %session.device_id, "signed in");
    Ok(Json(session))
}

pub async fn sign_out(State(app): State<App>, headers: HeaderMap) -> ApiResult<StatusCode> {
    let mut client = app.pool.get().await?;
    let tx = begin(&mut client).await?;
    let caller = authenticate(&tx, &headers).await?;
    tx.execute(
        "UPDATE devices SET revoked_at = now() WHERE id = $1",
        &[&caller.device_id],
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn devices(State(app): State<App>, headers: HeaderMap) -> ApiResult<Json<Vec<Device>>> {
    let mut client = app.pool.get().await?;
    let tx = begin(&mut client).await?;
    let caller = authenticate(&tx, &headers).await?;
    let rows = tx
        .query(
            &format!(
                "SELECT id, name, to_char(created_at AT TIME ZONE 'UTC', {RFC3339}),
                        to_char(last_used_at AT TIME ZONE 'UTC', {RFC3339}),
                        to_char(expires_at AT TIME ZONE 'UTC', {RFC3339})
                 FROM devices WHERE revoked_at IS NULL AND expires_at > now()
                 ORDER BY created_at, id"
            ),
            &[],
        )
        .await?;
    tx.commit().await?;
    Ok(Json(
        rows.iter()
            .map(|row| Device {
                id: row.get(0),
                name: row.get(1),
                created_at: row.get(2),
                last_used_at: row.get(3),
                expires_at: row.get(4),
                current: row.get::<_, String>(0) == caller.device_id,
            })
            .collect(),
    ))
}

pub async fn revoke_device(
    State(app): State<App>,
    headers: HeaderMap,
    Path(device_id): Path<String>,
) -> ApiResult<StatusCode> {
    let mut client = app.pool.get().await?;
    let tx = begin(&mut client).await?;
    authenticate(&tx, &headers).await?;
    let revoked = tx
        .execute(
            "UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
            &[&device_id],
        )
        .await?;
    tx.commit().await?;
    if revoked == 0 {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no_such_device",
            "This account has no signed-in device with that id.",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's password hash, checked against `password`.
async fn check_current_password(tx: &Tx<'_>, caller: &Caller, password: String) -> ApiResult<()> {
    let hash: String = tx
        .query_one(
            "SELECT password_hash FROM users WHERE id = $1",
            &[&caller.user_id],
        )
        .await?
        .get(0);
    if !verify_password(password, Some(hash)).await? {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "wrong_password",
            "The current password is wrong.",
        ));
    }
    Ok(())
}

/// Changes the password and signs out every other device.
pub async fn change_password(
    State(app): State<App>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<StatusCode> {
    let request: ChangePassword = parse(body)?;
    check_password(&request.new_password)?;
    let mut client = app.pool.get().await?;
    let tx = begin(&mut client).await?;
    let caller = authenticate(&tx, &headers).await?;
    check_current_password(&tx, &caller, request.current_password).await?;
    let hash = hash_password(request.new_password).await?;
    tx.execute(
        "UPDATE users SET password_hash = $2 WHERE id = $1",
        &[&caller.user_id, &hash],
    )
    .await?;
    tx.execute(
        "UPDATE devices SET revoked_at = now() WHERE id <> $1 AND revoked_at IS NULL",
        &[&caller.device_id],
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user_id = %caller.user_id, "password changed; other devices signed out");
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes the account and everything of it: profile, history, devices, sync state.
/// Technologies it added to the shared catalog stay (others may use them).
pub async fn delete_account(
    State(app): State<App>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<StatusCode> {
    let request: DeleteAccount = parse(body)?;
    let mut client = app.pool.get().await?;
    let tx = begin(&mut client).await?;
    let caller = authenticate(&tx, &headers).await?;
    check_current_password(&tx, &caller, request.password).await?;
    tx.execute(
        "DELETE FROM audit_log WHERE user_id = $1",
        &[&caller.user_id],
    )
    .await?;
    tx.execute("DELETE FROM users WHERE id = $1", &[&caller.user_id])
        .await?;
    tx.commit().await?;
    tracing::info!(user_id = %caller.user_id, "account deleted");
    Ok(StatusCode::NO_CONTENT)
}
