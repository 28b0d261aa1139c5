//! Packs the schema migrations of `migrations/sqlite/` (`NNNN-name/up.sql` and
//! `down.sql`) into the core: their names as a Rust constant, their SQL as one
//! Zstandard frame. The 450 kB of SQL, most of it the triggers' repeated column lists,
//! packs into about 20 kB; `src/migrations.rs` unpacks it the first time a database is
//! created or upgraded.
//!
//! The frame holds, for each migration in order, its `up.sql` and then its `down.sql`,
//! each as a little-endian `u32` length followed by that many bytes of UTF-8.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const DIR: &str = "migrations/sqlite";

fn main() -> Result<(), String> {
    println!("cargo:rerun-if-changed={DIR}");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(DIR)
        .map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();

    let mut names = String::new();
    let mut sql = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let name = dir
            .file_name()
            .and_then(|name| name.to_str())
            .ok_or_else(|| format!("{} is not a UTF-8 name", dir.display()))?;
        let number: usize = name
            .split_once('-')
            .and_then(|(number, _)| number.parse().ok())
            .ok_or_else(|| format!("{DIR}/{name} is not named NNNN-name"))?;
        if number != i + 1 {
            return Err(format!("{DIR}/{name} should be numbered {:04}", i + 1));
        }
        for file in ["up.sql", "down.sql"] {
            let path = dir.join(file);
            println!("cargo:rerun-if-changed={}", path.display());
            let text = read(&path)?;
            let length = u32::try_from(text.len()).map_err(|e| e.to_string())?;
            sql.extend_from_slice(&length.to_le_bytes());
            sql.extend_from_slice(text.as_bytes());
        }
        let _ = write!(names, "{name:?}, ");
    }

    // The smallest frame for a release; a quick one while developing.
    let level = if std::env::var("PROFILE").as_deref() == Ok("release") {
        19
    } else {
        3
    };
    let packed = zstd::bulk::compress(&sql, level).map_err(|e| e.to_string())?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let frame = out.join("migrations.zst");
    std::fs::write(&frame, packed).map_err(|e| e.to_string())?;
    let code = format!(
        "/// The migrations' names, in order (`0001-documented-schema`, …).\n\
         pub(crate) const NAMES: [&str; {count}] = [{names}];\n\
         /// Their SQL, packed by `build.rs`.\n\
         static PACKED: &[u8] = include_bytes!({frame:?});\n\
         /// The length of the SQL unpacked.\n\
         const UNPACKED_LEN: usize = {len};\n",
        count = dirs.len(),
        len = sql.len(),
    );
    std::fs::write(out.join("migrations.rs"), code).map_err(|e| e.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
