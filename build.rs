//! Rebuilds the core when a migration is added, removed or edited: `include_dir!` embeds
//! `migrations/sqlite` at compile time, but Cargo does not know to look at it.

fn main() {
    println!("cargo:rerun-if-changed=migrations/sqlite");
}
