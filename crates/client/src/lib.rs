//! Career Hub's sync client over HTTP: signing up and in, the account's devices, and the
//! sync transport ([`career_hub::sync::Transport`]) that the core's engine pushes and
//! pulls through. The API is `docs/sync.md`; the types are `career-hub-protocol`'s.
//!
//! TLS is rustls with the Mozilla root certificates built in. Plain `http://` is
//! accepted only for this machine (`localhost`, `127.0.0.1`, `[::1]`): a token sent in
//! the clear over a network could be read by anyone on the way.

use std::time::Duration;

use career_hub::sync::{Transport, TransportError};
use career_hub_protocol::api::{
    Change, ChangePassword, DeleteAccount, Device, ErrorBody, MAX_WAIT_SECONDS, PullResponse,
    PushRequest, PushResponse, Session, SignIn, SignUp, VERSION,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// How long to wait for a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long any call may take, beyond a long-poll's own wait.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// A server address that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadServer(pub String);

impl std::fmt::Display for BadServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadServer {}

/// Checks a server address and gives it in the form the client uses (no trailing `/`).
pub fn server_url(text: &str) -> Result<String, BadServer> {
    let text = text.trim().trim_end_matches('/');
    let (scheme, rest) = text.split_once("://").ok_or_else(|| {
        BadServer(format!(
            "\"{text}\" is not a server address; give one like https://sync.example.com"
        ))
    })?;
    let host = rest.split('/').next().unwrap_or_default();
    let host_name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    if host_name.is_empty() {
        return Err(BadServer(format!("\"{text}\" names no server")));
    }
    match scheme {
        "https" => Ok(text.to_owned()),
        "http" if matches!(host_name, "localhost" | "127.0.0.1" | "::1") => Ok(text.to_owned()),
        "http" => Err(BadServer(format!(
            "{text} is plain http: your password and sign-in would cross the network unencrypted; use https:// (plain http is only for a server on this machine)"
        ))),
        other => Err(BadServer(format!(
            "\"{other}\" is not a scheme the sync server speaks; use https://"
        ))),
    }
}

/// What the account calls this computer unless told otherwise: its host name.
pub fn machine_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "This computer".to_owned())
}

/// A client calling as this device, from the account it is signed in to and its kept
/// token; `None` when it is not signed in. A device signed in whose token is gone must
/// sign in again ([`TransportError::SignedOut`]); its unsent changes are kept.
pub fn device_client(db: &career_hub::Db) -> career_hub::Result<Option<Client>> {
    let status = career_hub::sync::status(db.conn())?;
    let Some(server) = status.server.filter(|_| status.signed_in) else {
        return Ok(None);
    };
    let token = career_hub::sync::load_token(db)?.ok_or_else(|| TransportError::SignedOut {
        reason: "this device's sign-in is missing".into(),
    })?;
    let client = Client::new(&server)
        .map_err(|e| career_hub::Error::Internal(format!("the saved server address: {e}")))?;
    Ok(Some(client.with_token(&token)))
}

/// A connection to one sync server, with or without a signed-in device.
#[derive(Clone)]
pub struct Client {
    base: String,
    token: Option<String>,
    agent: ureq::Agent,
}

// Never printed with the device's token.
impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("server", &self.base)
            .field("signed_in", &self.token.is_some())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for the server at `server` (checked with [`server_url`]).
    pub fn new(server: &str) -> Result<Self, BadServer> {
        let base = server_url(server)?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(CALL_TIMEOUT + Duration::from_secs(MAX_WAIT_SECONDS)))
            .user_agent(concat!("career-hub/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Client {
            base,
            token: None,
            agent,
        })
    }

    /// The same server, calling as the device signed in with `token`.
    pub fn with_token(mut self, token: &str) -> Self {
        self.token = Some(token.to_owned());
        self
    }

    pub fn server(&self) -> &str {
        &self.base
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{VERSION}{path}", self.base)
    }

    fn authorized<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.token {
            Some(token) => request.header("authorization", &format!("Bearer {token}")),
            None => request,
        }
    }

    fn offline(&self, error: &ureq::Error) -> TransportError {
        TransportError::Offline {
            server: self.base.clone(),
            reason: match error {
                ureq::Error::Timeout(_) => "it did not answer in time".to_owned(),
                ureq::Error::HostNotFound => "no such host".to_owned(),
                ureq::Error::ConnectionFailed => "the connection was refused".to_owned(),
                ureq::Error::Io(io) => io.to_string(),
                other => other.to_string(),
            },
        }
    }

    fn garbage(&self, detail: impl Into<String>) -> TransportError {
        TransportError::Garbage {
            server: self.base.clone(),
            detail: detail.into(),
        }
    }

    /// Reads a reply: its JSON on success, the server's error otherwise.
    fn answer<T: DeserializeOwned>(
        &self,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T, TransportError> {
        let mut response = result.map_err(|e| self.offline(&e))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| self.offline(&e))?;
        if (200..300).contains(&status) {
            let text = if text.is_empty() { "null" } else { &text };
            return serde_json::from_str(text).map_err(|e| {
                self.garbage(format!(
                    "a {status} reply that is not the expected JSON: {e}"
                ))
            });
        }
        let error: ErrorBody = serde_json::from_str(&text).map_err(|_| {
            self.garbage(format!(
                "HTTP {status} with a body that is not a Career Hub error: {}",
                text.chars().take(80).collect::<String>()
            ))
        })?;
        Err(match status {
            401 if self.token.is_some() => TransportError::SignedOut {
                reason: error.message,
            },
            502..=504 => TransportError::Offline {
                server: self.base.clone(),
                reason: error.message,
            },
            _ => TransportError::Refused {
                code: error.code,
                message: error.message,
            },
        })
    }

    fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, TransportError> {
        let request = self.authorized(self.agent.post(self.url(path)));
        self.answer(request.send_json(body))
    }

    /// Creates an account and signs this device in to it.
    pub fn sign_up(
        &self,
        email: &str,
        password: &str,
        device_name: &str,
    ) -> Result<Session, TransportError> {
        let body = SignUp {
            email: email.to_owned(),
            password: password.to_owned(),
            device_name: device_name.to_owned(),
        };
        self.post("/accounts", &body)
    }

    /// Signs this device in to an existing account.
    pub fn sign_in(
        &self,
        email: &str,
        password: &str,
        device_name: &str,
    ) -> Result<Session, TransportError> {
        let body = SignIn {
            email: email.to_owned(),
            password: password.to_owned(),
            device_name: device_name.to_owned(),
        };
        self.post("/sessions", &body)
    }

    /// Signs this device out on the server (its token stops working).
    pub fn sign_out(&self) -> Result<(), TransportError> {
        let request = self.authorized(self.agent.delete(self.url("/sessions/current")));
        self.answer::<Value>(request.call()).map(drop)
    }

    /// The account's signed-in devices.
    pub fn devices(&self) -> Result<Vec<Device>, TransportError> {
        let request = self.authorized(self.agent.get(self.url("/devices")));
        self.answer(request.call())
    }

    /// Signs another device of the account out.
    pub fn revoke(&self, device_id: &str) -> Result<(), TransportError> {
        let request = self.authorized(
            self.agent
                .delete(self.url(&format!("/devices/{device_id}"))),
        );
        self.answer::<Value>(request.call()).map(drop)
    }

    /// Changes the account's password; every other device is signed out.
    pub fn change_password(&self, current: &str, new: &str) -> Result<(), TransportError> {
        let request = self.authorized(self.agent.put(self.url("/account/password")));
        self.answer::<Value>(request.send_json(&ChangePassword {
            current_password: current.to_owned(),
            new_password: new.to_owned(),
        }))
        .map(drop)
    }

    /// Deletes the account and everything of it on the server.
    pub fn delete_account(&self, password: &str) -> Result<(), TransportError> {
        let request = self
            .authorized(self.agent.delete(self.url("/account")))
            .force_send_body();
        self.answer::<Value>(request.send_json(&DeleteAccount {
            password: password.to_owned(),
        }))
        .map(drop)
    }
}

impl Transport for Client {
    fn push(&mut self, changes: &[Change]) -> Result<PushResponse, TransportError> {
        self.post(
            "/changes",
            &PushRequest {
                changes: changes.to_vec(),
            },
        )
    }

    fn pull(&mut self, since: i64, wait_seconds: u64) -> Result<PullResponse, TransportError> {
        let request = self
            .authorized(self.agent.get(self.url("/changes")))
            .query("since", since.to_string())
            .query("wait", wait_seconds.min(MAX_WAIT_SECONDS).to_string());
        self.answer(request.call())
    }
}
