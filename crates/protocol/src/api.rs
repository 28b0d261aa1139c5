//! The sync API's requests and replies (JSON over HTTP, under `/v1`). The protocol
//! itself — what each field means and what the server promises — is `docs/sync.md`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::hlc::Hlc;

/// The API version, the first segment of every path.
pub const VERSION: &str = "v1";
/// The most changes one push may carry.
pub const MAX_PUSH_CHANGES: usize = 1_000;
/// The largest request body the server reads, in bytes.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The most changes one pull returns.
pub const MAX_PULL_CHANGES: usize = 1_000;
/// The longest a pull may wait for new changes, in seconds.
pub const MAX_WAIT_SECONDS: u64 = 60;

/// What a change does to its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// Sets the columns given (creating the row if it does not exist).
    Upsert,
    /// Removes the row (a tombstone with the change's stamp).
    Delete,
}

/// One change to one row, as a device recorded it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Made by the device (a ULID), unique across all devices: applying a change twice
    /// changes nothing.
    pub id: String,
    /// A synced table of the registry.
    pub table: String,
    /// The row's key, in the registry's key order (`[id]`, or both ids of a link).
    pub key: Vec<String>,
    pub op: Op,
    /// For an upsert, the columns it sets and their values (JSON columns as JSON).
    #[serde(default)]
    pub columns: Map<String, Value>,
    pub hlc: Hlc,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub changes: Vec<Change>,
}

/// A change the server took, with the account's sequence number it was given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub id: String,
    pub seq: i64,
}

/// A change the server refused, and why. Nothing of it was applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub id: String,
    pub code: String,
    pub message: String,
}

/// A row, by table and key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RowRef {
    pub table: String,
    pub key: Vec<String>,
}

/// A catalog row the device created that the server already had under another id: the
/// device should use `to` wherever it used `from`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapped {
    pub table: String,
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub accepted: Vec<Accepted>,
    /// Changes seen before: acknowledged, nothing changed.
    pub duplicates: Vec<String>,
    pub rejected: Vec<Rejected>,
    /// Deleted rows that came back because a change in this push wrote to them or to a
    /// row that belongs to them (add wins).
    pub resurrected: Vec<RowRef>,
    pub mapped: Vec<Mapped>,
}

/// A change as a pull returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PulledChange {
    pub seq: i64,
    /// The device that pushed it.
    pub device_id: String,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<PulledChange>,
    /// Pull from here next time.
    pub next: i64,
    /// More changes are waiting: pull again at once.
    pub more: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    /// What the person calls this device ("Work laptop").
    pub device_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub email: String,
    pub password: String,
    pub device_name: String,
}

/// A signed-in device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Sent as `Authorization: Bearer <token>`. Shown once; the server keeps only its hash.
    pub token: String,
    pub user_id: String,
    pub device_id: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteAccount {
    pub password: String,
}

/// A device signed in to the account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: String,
    pub expires_at: String,
    /// The device making the request.
    pub current: bool,
}

/// Every error reply's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}
