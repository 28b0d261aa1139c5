//! The fonts a CV is set in, embedded in the binary at build time from the Debian
//! packages the set-up installs (see `build.rs`): DejaVu Sans and DejaVu Serif for
//! Latin, Greek, Cyrillic, Hebrew and Arabic, and Droid Sans Fallback for Chinese,
//! Japanese and Korean. They are embedded Zstandard-compressed; each face is unpacked
//! and parsed once per process, on first use. A program may keep the unpacked files in
//! the user's cache folder ([`keep_unpacked_in`]), so that later runs map them instead
//! of unpacking them again.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU16, Ordering};

use rustybuzz::Face;
use rustybuzz::ttf_parser::Face as TtfFace;

/// The typeface family a template sets its text in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Sans,
    Serif,
}

/// Weight or slant of a piece of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
}

/// One embedded face.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaceId {
    Sans,
    SansBold,
    SansItalic,
    Serif,
    SerifBold,
    SerifItalic,
    Cjk,
}

struct FontFile {
    /// The PostScript name written into the PDF.
    name: &'static str,
    /// The font file, Zstandard-compressed.
    packed: &'static [u8],
    /// A hash of `packed`, naming the unpacked file kept between runs.
    id: &'static str,
}

const FILES: [FontFile; 7] = [
    FontFile {
        name: "DejaVuSans",
        packed: include_bytes!(env!("CAREER_HUB_FONT_SANS")),
        id: env!("CAREER_HUB_FONT_SANS_ID"),
    },
    FontFile {
        name: "DejaVuSans-Bold",
        packed: include_bytes!(env!("CAREER_HUB_FONT_SANS_BOLD")),
        id: env!("CAREER_HUB_FONT_SANS_BOLD_ID"),
    },
    FontFile {
        name: "DejaVuSans-Oblique",
        packed: include_bytes!(env!("CAREER_HUB_FONT_SANS_ITALIC")),
        id: env!("CAREER_HUB_FONT_SANS_ITALIC_ID"),
    },
    FontFile {
        name: "DejaVuSerif",
        packed: include_bytes!(env!("CAREER_HUB_FONT_SERIF")),
        id: env!("CAREER_HUB_FONT_SERIF_ID"),
    },
    FontFile {
        name: "DejaVuSerif-Bold",
        packed: include_bytes!(env!("CAREER_HUB_FONT_SERIF_BOLD")),
        id: env!("CAREER_HUB_FONT_SERIF_BOLD_ID"),
    },
    FontFile {
        name: "DejaVuSerif-Italic",
        packed: include_bytes!(env!("CAREER_HUB_FONT_SERIF_ITALIC")),
        id: env!("CAREER_HUB_FONT_SERIF_ITALIC_ID"),
    },
    FontFile {
        name: "DroidSansFallback",
        packed: include_bytes!(env!("CAREER_HUB_FONT_CJK")),
        id: env!("CAREER_HUB_FONT_CJK_ID"),
    },
];

/// Where the unpacked files are kept between runs, if anywhere.
static UNPACKED_DIR: OnceLock<PathBuf> = OnceLock::new();

/// Keeps each face's unpacked file in `dir` (a cache folder: `career-hub/fonts` in the
/// user's), mapped by later runs instead of unpacking the face again: about a quarter of
/// a one-page export's time, and only the parts of a face a CV uses are read. Best
/// effort: a folder that cannot be read or written only means unpacking, as without it.
/// Takes effect for faces not used yet; the first call wins.
pub fn keep_unpacked_in(dir: PathBuf) {
    let _ = UNPACKED_DIR.set(dir);
}

/// An unpacked font file.
enum Unpacked {
    /// The file kept in the cache folder, mapped: the pages the shaper and the
    /// subsetter touch are read, the rest never is.
    Mapped(memmap2::Mmap),
    /// Unpacked into memory.
    Owned(Vec<u8>),
}

impl Unpacked {
    fn bytes(&self) -> &[u8] {
        match self {
            Unpacked::Mapped(map) => map,
            Unpacked::Owned(bytes) => bytes,
        }
    }
}

/// The unpacked font files.
static BYTES: [OnceLock<Unpacked>; 7] = [const { OnceLock::new() }; 7];
/// The font tables (cheap to parse: only the table directory is read up front).
static FACES: [OnceLock<Option<TtfFace<'static>>>; 7] = [const { OnceLock::new() }; 7];
/// The shaper's view (parses the layout tables): only for text that needs shaping.
static SHAPERS: [OnceLock<Face<'static>>; 7] = [const { OnceLock::new() }; 7];

/// Characters below this are looked up in a face's cmap once and remembered.
const CACHED_CHARS: usize = 0x800;
/// Per face: 0 = not looked up yet, `NO_GLYPH` = the face lacks it, else glyph id + 1.
static GLYPHS: [[AtomicU16; CACHED_CHARS]; 7] =
    [const { [const { AtomicU16::new(0) }; CACHED_CHARS] }; 7];
const NO_GLYPH: u16 = u16::MAX;

impl FaceId {
    pub const ALL: [FaceId; 7] = [
        FaceId::Sans,
        FaceId::SansBold,
        FaceId::SansItalic,
        FaceId::Serif,
        FaceId::SerifBold,
        FaceId::SerifItalic,
        FaceId::Cjk,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The face of a family in a style.
    pub fn of(family: Family, style: Style) -> FaceId {
        match (family, style) {
            (Family::Sans, Style::Regular) => FaceId::Sans,
            (Family::Sans, Style::Bold) => FaceId::SansBold,
            (Family::Sans, Style::Italic) => FaceId::SansItalic,
            (Family::Serif, Style::Regular) => FaceId::Serif,
            (Family::Serif, Style::Bold) => FaceId::SerifBold,
            (Family::Serif, Style::Italic) => FaceId::SerifItalic,
        }
    }

    /// Where to look, in order, for a character this face may lack: the sans face of
    /// the same style (DejaVu Sans covers Hebrew and Arabic, DejaVu Serif does not),
    /// the regular sans face, then the CJK face.
    pub fn fallbacks(self, style: Style) -> [FaceId; 4] {
        [
            self,
            FaceId::of(Family::Sans, style),
            FaceId::Sans,
            FaceId::Cjk,
        ]
    }

    pub fn postscript_name(self) -> &'static str {
        FILES[self.index()].name
    }

    /// The font file. The build packed it and checked it unpacks; should a broken
    /// binary still fail to unpack it, the face is empty and [`FaceId::tables`] lets
    /// the regular sans face stand in.
    pub fn bytes(self) -> &'static [u8] {
        BYTES[self.index()]
            .get_or_init(|| {
                let file = &FILES[self.index()];
                // The build wrote each file's size into its frame: one allocation, no copies.
                let size = zstd::zstd_safe::get_frame_content_size(file.packed)
                    .ok()
                    .flatten()
                    .and_then(|size| usize::try_from(size).ok())
                    .unwrap_or(0);
                let unpack = || zstd::bulk::decompress(file.packed, size).unwrap_or_default();
                let Some(dir) = UNPACKED_DIR.get() else {
                    return Unpacked::Owned(unpack());
                };
                let kept = dir.join(format!("{}-{}.ttf", file.name, file.id));
                if let Some(map) = map_kept(&kept, size)
                    && TtfFace::parse(&map, 0).is_ok()
                {
                    return Unpacked::Mapped(map);
                }
                let bytes = unpack();
                if !bytes.is_empty() {
                    keep(dir, file.name, &kept, &bytes);
                }
                Unpacked::Owned(bytes)
            })
            .bytes()
    }

    /// The face's tables. The files are checked at build time, so parsing cannot
    /// fail unless a package shipped a broken font; then the regular sans face stands in.
    pub fn tables(self) -> &'static TtfFace<'static> {
        let parsed = FACES[self.index()].get_or_init(|| TtfFace::parse(self.bytes(), 0).ok());
        match parsed {
            Some(face) => face,
            None if self != FaceId::Sans => FaceId::Sans.tables(),
            None => panic!("the embedded DejaVu Sans font cannot be parsed"),
        }
    }

    /// The face ready for shaping.
    pub fn shaper(self) -> &'static Face<'static> {
        SHAPERS[self.index()].get_or_init(|| Face::from_face(self.tables().clone()))
    }

    pub fn units_per_em(self) -> f32 {
        f32::from(self.tables().units_per_em())
    }

    /// The glyph for `c`, if this face has one.
    pub fn glyph(self, c: char) -> Option<u16> {
        let lookup = || {
            self.tables()
                .glyph_index(c)
                .map(|g| g.0)
                .filter(|g| *g != 0)
        };
        let Some(slot) = GLYPHS[self.index()].get(c as usize) else {
            return lookup();
        };
        match slot.load(Ordering::Relaxed) {
            0 => {
                let found = lookup();
                let stored = match found {
                    Some(gid) if gid < NO_GLYPH - 1 => gid + 1,
                    Some(_) => return found,
                    None => NO_GLYPH,
                };
                slot.store(stored, Ordering::Relaxed);
                found
            }
            NO_GLYPH => None,
            stored => Some(stored - 1),
        }
    }

    /// A glyph's advance in thousandths of an em, rounded down exactly as the PDF
    /// writer rounds the `/W` widths, so measured and printed positions agree.
    pub fn advance(self, gid: u16) -> f32 {
        (f32::from(self.advance_units(gid)) * 1000.0 / self.units_per_em()).trunc()
    }

    /// A glyph's advance in font units, as the font's `hmtx` table gives it.
    pub fn advance_units(self, gid: u16) -> u16 {
        self.tables()
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
            .unwrap_or(0)
    }

    /// Ascender and descender (negative), in thousandths of an em.
    pub fn vertical_metrics(self) -> (f32, f32) {
        let face = self.tables();
        let scale = 1000.0 / f32::from(face.units_per_em());
        (
            f32::from(face.ascender()) * scale,
            f32::from(face.descender()) * scale,
        )
    }
}

/// The font file kept at `path`, mapped, if it is there and `size` bytes long.
#[allow(unsafe_code)]
fn map_kept(path: &Path, size: usize) -> Option<memmap2::Mmap> {
    let file = std::fs::File::open(path).ok()?;
    if usize::try_from(file.metadata().ok()?.len()).ok()? != size {
        return None;
    }
    // SAFETY: a mapped file must not change while it is mapped. Career Hub never writes
    // a kept font file in place: [`keep`] writes a new one under another name and renames
    // it over the old, and removes the files of other builds, which leaves the inode a
    // running process has mapped as it was. Only a person or program truncating the file
    // in the cache folder by hand could change it under a running export, which the
    // system then stops (SIGBUS) before it writes anything: exports write the PDF whole
    // once laid out.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    (map.len() == size).then_some(map)
}

/// Writes `bytes` to `path` in `dir` whole or not at all (under a temporary name, then
/// renamed), and removes the files other builds kept of the same face.
fn keep(dir: &Path, name: &str, path: &Path, bytes: &[u8]) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let partial = path.with_extension(format!("{}.partial", std::process::id()));
    if std::fs::write(&partial, bytes).is_err() || std::fs::rename(&partial, path).is_err() {
        let _ = std::fs::remove_file(&partial);
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let stale_prefix = format!("{name}-");
    let hash = |id: &str| id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit());
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        // `DejaVuSans-` also begins `DejaVuSans-Bold-…`: only a hash may follow.
        let Some(rest) = file_name.strip_prefix(&stale_prefix) else {
            continue;
        };
        let other_build = rest.strip_suffix(".ttf").is_some_and(hash);
        // What a run killed while writing left; a write takes milliseconds.
        let abandoned = rest
            .strip_suffix(".partial")
            .and_then(|rest| rest.split_once('.'))
            .is_some_and(|(id, pid)| hash(id) && pid.bytes().all(|b| b.is_ascii_digit()))
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age > ABANDONED_AFTER);
        if (other_build || abandoned) && entry.path() != path {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A partly written font file older than this was left by a run that was killed.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);
