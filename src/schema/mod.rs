//! What the schema holds, as data: the table registry (shared with the sync server,
//! in `career-hub-protocol`) and the SQL generated from it.

pub use career_hub_protocol::tables;
pub mod capture;
pub mod triggers;
