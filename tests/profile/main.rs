//! Integration tests of the profile domain API: every user action, without any UI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod archive;
mod builder;
mod bulk;
mod convergence;
// Printing needs the typesetting engine (the `pdf` feature, which the CLI and the
// desktop app turn on); `cargo test --workspace` builds the core with it.
#[cfg(feature = "pdf")]
mod cv;
mod edits;
mod entities;
mod fixture;
mod history;
mod import;
mod jsonresume;
mod linkedin;
mod property;
mod search;
mod suggestions;
mod sync;
mod tailor;
mod tolerant_import;
mod validation;
