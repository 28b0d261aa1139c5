//! Integration tests of the profile domain API: every user action, without any UI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod archive;
mod builder;
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
mod tolerant_import;
mod validation;
