//! How the sync engine reaches the account: a trait with the calls it makes, so the
//! engine runs the same over HTTP ([`super::http`]) and in memory ([`super::memory`]).

use career_hub_protocol::api::{Change, PullResponse, PushResponse};

pub use crate::error::TransportError;

/// The sync calls a device makes with its signed-in session.
pub trait Transport {
    /// Sends a batch of at most [`career_hub_protocol::api::MAX_PUSH_CHANGES`] changes.
    fn push(&mut self, changes: &[Change]) -> Result<PushResponse, TransportError>;
    /// The account's changes after sequence number `since`; with `wait_seconds`, waits
    /// that long for one when there is none yet.
    fn pull(&mut self, since: i64, wait_seconds: u64) -> Result<PullResponse, TransportError>;
}
