//! The TypeScript bindings in ui/src/lib/bindings.ts must be exactly what the Rust
//! types and commands generate. Run with UPDATE_BINDINGS=1 to regenerate them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

#[test]
fn typescript_bindings_match_the_rust_types() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("bindings.ts");
    career_hub_desktop::specta_builder()
        .export(career_hub_desktop::typescript(), &generated)
        .expect("the bindings can be generated");
    let fresh = std::fs::read_to_string(&generated).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh).unwrap();
    }
    let current = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        current == fresh,
        "ui/src/lib/bindings.ts is out of date with the Rust commands and types; \
         regenerate it with `UPDATE_BINDINGS=1 cargo test -p career-hub-desktop --test bindings`"
    );
}
