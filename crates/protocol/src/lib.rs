//! What Career Hub's sync client and server share, and nothing that either runs: the
//! table registry, the hybrid logical clock, and the API's requests and replies. It
//! depends on serde alone, so the desktop app pulls in no server crate and the server
//! no SQLite.

#![forbid(unsafe_code)]

pub mod api;
pub mod hlc;
pub mod tables;
