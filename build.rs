//! The migrations are embedded with `include_dir!`, which cargo does not track:
//! rebuild the library whenever anything under migrations/sqlite changes.

fn main() {
    println!("cargo:rerun-if-changed=migrations/sqlite");
}
