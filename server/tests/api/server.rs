//! The real server binary, started on a database of the test cluster, and a client
//! that speaks its API.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use career_hub_protocol::api::{
    Change, ErrorBody, PullResponse, PushRequest, PushResponse, Session, SignIn, SignUp,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::cluster::Cluster;

/// A running `career-hub-server`, stopped (killed) when dropped.
pub struct Server {
    pub url: String,
    pub database_url: String,
    child: Child,
}

impl Server {
    /// A server on a new database.
    pub fn start() -> Server {
        let cluster = Cluster::get();
        Server::on(cluster.url(&cluster.database()))
    }

    /// Another server on the same database.
    pub fn on(database_url: String) -> Server {
        Server::with_env(database_url, &[])
    }

    /// A server on `database_url` with more environment variables.
    pub fn with_env(database_url: String, env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_career-hub-server"))
            .args(["--listen", "127.0.0.1:0"])
            .env("DATABASE_URL", &database_url)
            .envs(env.iter().copied())
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the server did not start: {line:?}"))
            .to_owned();
        Server {
            url,
            database_url,
            child,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the process to end (after a signal); its exit status.
    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().unwrap()
    }

    pub fn api(&self) -> Api {
        Api {
            base: self.url.clone(),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A reply: its status and JSON body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("{e}: {} {}", self.status, self.body))
    }

    pub fn error(&self) -> ErrorBody {
        self.json()
    }
}

#[derive(Debug, Clone)]
pub struct Api {
    pub base: String,
    agent: ureq::Agent,
}

impl Api {
    fn reply(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
        let mut response = result.unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        Reply {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
        }
    }

    fn with_token<B>(
        request: ureq::RequestBuilder<B>,
        token: Option<&str>,
    ) -> ureq::RequestBuilder<B> {
        match token {
            Some(token) => request.header("authorization", &format!("Bearer {token}")),
            None => request,
        }
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &impl Serialize) -> Reply {
        let request = Self::with_token(self.agent.post(format!("{}{path}", self.base)), token);
        Self::reply(request.send_json(body))
    }

    /// A POST whose connection may fail (the server killed under it).
    pub fn try_post(
        &self,
        path: &str,
        token: Option<&str>,
        body: &impl Serialize,
    ) -> Option<Reply> {
        let request = Self::with_token(self.agent.post(format!("{}{path}", self.base)), token);
        let result = request.send_json(body);
        result.is_ok().then(|| Self::reply(result))
    }

    pub fn post_raw(&self, path: &str, token: Option<&str>, body: &[u8]) -> Reply {
        let request = Self::with_token(self.agent.post(format!("{}{path}", self.base)), token)
            .header("content-type", "application/json");
        Self::reply(request.send(body))
    }

    pub fn put(&self, path: &str, token: Option<&str>, body: &impl Serialize) -> Reply {
        let request = Self::with_token(self.agent.put(format!("{}{path}", self.base)), token);
        Self::reply(request.send_json(body))
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let request = Self::with_token(self.agent.get(format!("{}{path}", self.base)), token);
        Self::reply(request.call())
    }

    pub fn delete(&self, path: &str, token: Option<&str>, body: Option<&Value>) -> Reply {
        let request = Self::with_token(self.agent.delete(format!("{}{path}", self.base)), token);
        match body {
            Some(body) => Self::reply(request.force_send_body().send_json(body)),
            None => Self::reply(request.call()),
        }
    }

    pub fn sign_up(&self, email: &str, password: &str, device: &str) -> Session {
        let reply = self.post(
            "/v1/accounts",
            None,
            &SignUp {
                email: email.into(),
                password: password.into(),
                device_name: device.into(),
            },
        );
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply.json()
    }

    /// A sign-in that a load balancer forwarded for `address`.
    pub fn sign_in_from(&self, address: &str, email: &str, password: &str) -> Reply {
        let request = self
            .agent
            .post(format!("{}/v1/sessions", self.base))
            .header("x-forwarded-for", &format!("203.0.113.9, {address}"));
        Self::reply(request.send_json(SignIn {
            email: email.into(),
            password: password.into(),
            device_name: "Laptop".into(),
        }))
    }

    pub fn sign_in(&self, email: &str, password: &str, device: &str) -> Reply {
        self.post(
            "/v1/sessions",
            None,
            &SignIn {
                email: email.into(),
                password: password.into(),
                device_name: device.into(),
            },
        )
    }

    pub fn push(&self, token: &str, changes: Vec<Change>) -> PushResponse {
        let reply = self.post("/v1/changes", Some(token), &PushRequest { changes });
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()
    }

    /// A push, and how the server says it applied it (`whole` or `one-by-one`).
    pub fn push_applied(&self, token: &str, changes: Vec<Change>) -> (PushResponse, String) {
        let response = Self::with_token(
            self.agent.post(format!("{}/v1/changes", self.base)),
            Some(token),
        )
        .send_json(PushRequest { changes })
        .unwrap();
        let applied = response
            .headers()
            .get("career-hub-applied")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let reply = Self::reply(Ok(response));
        assert_eq!(reply.status, 200, "{}", reply.body);
        (reply.json(), applied)
    }

    pub fn pull(&self, token: &str, since: i64, wait: u64) -> PullResponse {
        // Parsed straight from the text, as a client would (not through a JSON value).
        let url = format!("{}/v1/changes?since={since}&wait={wait}", self.base);
        let mut response = Self::with_token(self.agent.get(url), Some(token))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap()
    }
}
