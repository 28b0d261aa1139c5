//! What the schema holds, as data: the table registry and the SQL generated from it.

pub mod tables;
pub mod triggers;
