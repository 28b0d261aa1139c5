//! Career Hub core: the career profile store and everything a user can do with it, as
//! plain Rust over a [`Db`] handle. The desktop shell, the CLI and the tests call these
//! same functions; nothing here knows about Tauri, clap or HTTP.

#![forbid(unsafe_code)]

pub mod archive;
pub mod audit;
pub mod backup;
pub mod builder;
pub mod bulk;
pub mod completeness;
pub mod cv;
pub mod db;
pub mod doctor;
mod error;
pub mod export;
mod file_lock;
pub mod history;
pub mod import;
pub mod migrations;
pub mod paths;
pub mod profile;
pub mod schema;
pub mod search;
mod sql_text;
pub mod sync;
pub mod tailor;
pub mod validation;

pub use audit::{AuditContext, AuditEntry, HistoryFilter, Source};
pub use db::Db;
pub use error::{Error, ErrorCode, Result};
