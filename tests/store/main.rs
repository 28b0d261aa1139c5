//! Integration tests of the core store: schema, migrations, constraints, audit trail,

#![allow(clippy::unwrap_used, clippy::expect_used)]
//! completeness, doctor, backup and restore.

mod audit;
mod backup;
mod cascades;
mod completeness;
mod constraints;
mod doctor;
mod fixture;
mod layers;
mod migrations;
mod outside_tools;
mod registry;
