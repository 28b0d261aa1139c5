//! The fonts a CV is set in, embedded in the binary at build time from the Debian
//! packages the set-up installs (see `build.rs`): DejaVu Sans and DejaVu Serif for
//! Latin, Greek, Cyrillic, Hebrew and Arabic, and Droid Sans Fallback for Chinese,
//! Japanese and Korean. Each face is parsed once per process, on first use.

use std::sync::OnceLock;

use rustybuzz::Face;

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
    bytes: &'static [u8],
}

const FILES: [FontFile; 7] = [
    FontFile {
        name: "DejaVuSans",
        bytes: include_bytes!(env!("CAREER_HUB_FONT_SANS")),
    },
    FontFile {
        name: "DejaVuSans-Bold",
        bytes: include_bytes!(env!("CAREER_HUB_FONT_SANS_BOLD")),
    },
    FontFile {
        name: "DejaVuSans-Oblique",
        bytes: include_bytes!(env!("CAREER_HUB_FONT_SANS_ITALIC")),
    },
    FontFile {
        name: "DejaVuSerif",
        bytes: include_bytes!(env!("CAREER_HUB_FONT_SERIF")),
    },
    FontFile {
        name: "DejaVuSerif-Bold",
        bytes: include_bytes!(env!("CAREER_HUB_FONT_SERIF_BOLD")),
    },
    FontFile {
        name: "DejaVuSerif-Italic",
        bytes: include_bytes!(env!("CAREER_HUB_FONT_SERIF_ITALIC")),
    },
    FontFile {
        name: "DroidSansFallback",
        bytes: include_bytes!(env!("CAREER_HUB_FONT_CJK")),
    },
];

static FACES: [OnceLock<Option<Face<'static>>>; 7] = [const { OnceLock::new() }; 7];

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

    pub fn bytes(self) -> &'static [u8] {
        FILES[self.index()].bytes
    }

    /// The parsed face. The files are checked at build time, so parsing cannot fail
    /// unless a package shipped a broken font; then the regular sans face stands in.
    pub fn face(self) -> &'static Face<'static> {
        let parsed = FACES[self.index()].get_or_init(|| Face::from_slice(self.bytes(), 0));
        match parsed {
            Some(face) => face,
            None if self != FaceId::Sans => FaceId::Sans.face(),
            None => panic!("the embedded DejaVu Sans font cannot be parsed"),
        }
    }

    /// The face's own tables (font units), without the shaper around them.
    pub fn tables(self) -> &'static rustybuzz::ttf_parser::Face<'static> {
        self.face()
    }

    pub fn units_per_em(self) -> f32 {
        f32::from(self.tables().units_per_em())
    }

    /// The glyph for `c`, if this face has one.
    pub fn glyph(self, c: char) -> Option<u16> {
        self.face().glyph_index(c).map(|g| g.0).filter(|g| *g != 0)
    }

    /// A glyph's advance in thousandths of an em, rounded down exactly as the PDF
    /// writer rounds the `/W` widths, so measured and printed positions agree.
    pub fn advance(self, gid: u16) -> f32 {
        let face = self.tables();
        let units = face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        (f32::from(units) * 1000.0 / f32::from(face.units_per_em())).trunc()
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
