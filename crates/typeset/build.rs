//! Finds the fonts the PDF writer embeds (only with the `render` feature). They come from Debian packages that
//! `scripts/setup.sh` installs (fonts-dejavu-core, fonts-dejavu-extra,
//! fonts-droid-fallback), never from the repository. Each is compressed with
//! Zstandard into the build's output folder, and that file's path is handed to the
//! compiler as an environment variable that `src/fonts.rs` includes.
//!
//! `CAREER_HUB_FONT_DIRS` (paths separated by `:`) is searched first, for systems
//! that keep these fonts elsewhere.

use std::path::PathBuf;

/// (variable suffix, file name, the package that ships it)
const FONTS: [(&str, &str, &str); 7] = [
    ("SANS", "DejaVuSans.ttf", "fonts-dejavu-core"),
    ("SANS_BOLD", "DejaVuSans-Bold.ttf", "fonts-dejavu-core"),
    (
        "SANS_ITALIC",
        "DejaVuSans-Oblique.ttf",
        "fonts-dejavu-extra",
    ),
    ("SERIF", "DejaVuSerif.ttf", "fonts-dejavu-core"),
    ("SERIF_BOLD", "DejaVuSerif-Bold.ttf", "fonts-dejavu-core"),
    (
        "SERIF_ITALIC",
        "DejaVuSerif-Italic.ttf",
        "fonts-dejavu-extra",
    ),
    ("CJK", "DroidSansFallbackFull.ttf", "fonts-droid-fallback"),
];

const SYSTEM_DIRS: [&str; 4] = [
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/droid",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/google-droid",
];

fn main() {
    println!("cargo:rerun-if-env-changed=CAREER_HUB_FONT_DIRS");
    if std::env::var_os("CARGO_FEATURE_RENDER").is_none() {
        return;
    }
    let mut dirs: Vec<PathBuf> = std::env::var("CAREER_HUB_FONT_DIRS")
        .unwrap_or_default()
        .split(':')
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .collect();
    dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));

    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    // The smallest files for a release; quick ones while developing (level 19 takes
    // seconds, more with an unoptimised build script).
    let level = if std::env::var("PROFILE").as_deref() == Ok("release") {
        19
    } else {
        3
    };
    let mut missing = Vec::new();
    for (key, file, package) in FONTS {
        match dirs.iter().map(|d| d.join(file)).find(|p| p.is_file()) {
            Some(path) => {
                println!("cargo:rerun-if-changed={}", path.display());
                let packed = out.join(format!("{file}.zst"));
                if let Err(error) = compress(&path, &packed, level) {
                    eprintln!("error: cannot compress {}: {error}", path.display());
                    std::process::exit(1);
                }
                println!("cargo:rustc-env=CAREER_HUB_FONT_{key}={}", packed.display());
                match std::fs::read(&packed) {
                    // Names the unpacked file a program may keep between runs
                    // (`fonts::keep_unpacked_in`): another build's fonts get other names.
                    Ok(bytes) => println!(
                        "cargo:rustc-env=CAREER_HUB_FONT_{key}_ID={:016x}",
                        fnv1a(&bytes)
                    ),
                    Err(error) => {
                        eprintln!("error: cannot read {}: {error}", packed.display());
                        std::process::exit(1);
                    }
                }
            }
            None => missing.push(format!("{file} (Debian package {package})")),
        }
    }
    if !missing.is_empty() {
        eprintln!(
            "error: the CV fonts are not installed: {}.\n\
             Run `bash scripts/setup.sh`, or `apt-get install fonts-dejavu-core \
             fonts-dejavu-extra fonts-droid-fallback`, or point CAREER_HUB_FONT_DIRS \
             at the folders that hold them.",
            missing.join(", ")
        );
        std::process::exit(1);
    }
}

fn compress(from: &std::path::Path, to: &std::path::Path, level: i32) -> std::io::Result<()> {
    let font = std::fs::read(from)?;
    let packed = zstd::bulk::compress(&font, level)?;
    if zstd::bulk::decompress(&packed, font.len())? != font {
        return Err(std::io::Error::other(
            "the packed font does not unpack to itself",
        ));
    }
    std::fs::write(to, packed)
}

/// The 64-bit FNV-1a hash of `bytes`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
