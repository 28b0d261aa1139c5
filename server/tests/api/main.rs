//! The sync server end to end: the real binary on a private PostgreSQL cluster.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod batch;
mod cli;
mod cluster;
mod db;
mod devices;
mod fixtures;
mod isolation;
mod robustness;
mod schema;
mod server;
mod sync;
