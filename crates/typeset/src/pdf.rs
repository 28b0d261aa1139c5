//! Pages to PDF bytes, through printpdf.
//!
//! The layout engine has already shaped and placed every glyph, so this writer only
//! subsets the faces to the glyphs used (typst's `subsetter`), hands printpdf the
//! subset fonts with their widths and the text each glyph stands for (its
//! `/ToUnicode` map, which makes the text extractable), and writes the pages.
//! Everything that could vary between runs is fixed: font resource names, subset
//! tags, the dates (from the data) and the document `/ID` (a hash of the content).

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Codepoint, FontId, LinkAnnotation, Op, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Pt, Rect, TextItem, TextMatrix,
};

use crate::document::Meta;
use crate::document::PdfError;
use crate::fonts::FaceId;
use crate::layout::{Item, Page};
use crate::text::Color;

type Result<T> = std::result::Result<T, PdfError>;

/// The producer named in every PDF.
const PRODUCER: &str = concat!("Career Hub ", env!("CARGO_PKG_VERSION"));

/// FNV-1a: a small, stable hash for subset tags and the document id.
fn fnv(bytes: &[u8], mut hash: u64) -> u64 {
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x100_0000_01b3);
    }
    hash
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Six capital letters derived from the glyph set, as PDF subset names require.
fn subset_tag(face: FaceId, glyphs: &BTreeMap<u16, String>) -> String {
    let mut hash = fnv(face.postscript_name().as_bytes(), FNV_START);
    for gid in glyphs.keys() {
        hash = fnv(&gid.to_le_bytes(), hash);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
        .collect()
}

fn font_id(face: FaceId) -> FontId {
    FontId(format!("F{}", face as usize + 1))
}

/// The glyphs each face draws, with the text of each (the first non-empty one seen).
fn used_glyphs(pages: &[Page]) -> BTreeMap<FaceId, BTreeMap<u16, String>> {
    let mut used: BTreeMap<FaceId, BTreeMap<u16, String>> = BTreeMap::new();
    for page in pages {
        for item in &page.items {
            if let Item::Text { run, .. } = item {
                let glyphs = used.entry(run.face).or_default();
                for glyph in &run.glyphs {
                    let text = glyphs.entry(glyph.gid).or_default();
                    if text.is_empty() {
                        text.clone_from(&glyph.text);
                    }
                }
            }
        }
    }
    used
}

/// A subset of `face` holding `glyphs` (and .notdef), with the old-to-new glyph ids.
fn subset(
    face: FaceId,
    glyphs: &BTreeMap<u16, String>,
) -> Result<(printpdf::ParsedFont, BTreeMap<u16, u16>)> {
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut mapping = BTreeMap::new();
    for gid in glyphs.keys() {
        mapping.insert(*gid, remapper.remap(*gid));
    }
    let bytes = subsetter::subset(face.bytes(), 0, &remapper).map_err(|e| {
        PdfError(format!(
            "the font {} cannot be subset: {e:?}",
            face.postscript_name()
        ))
    })?;
    let parsed = face.tables();
    let units_per_em = parsed.units_per_em();
    // printpdf scales these to the /W widths exactly as `FaceId::advance` measures.
    let glyph_widths = mapping
        .iter()
        .map(|(old, new)| (*new, face.advance_units(*old)))
        .collect();
    let bbox = parsed.global_bounding_box();
    let font = printpdf::ParsedFont {
        original_bytes: bytes,
        font_index: 0,
        font_name: Some(format!(
            "{}+{}",
            subset_tag(face, glyphs),
            face.postscript_name()
        )),
        codepoint_to_glyph: BTreeMap::new(),
        glyph_widths,
        units_per_em,
        font_metrics: printpdf::FontMetrics {
            ascent: parsed.ascender(),
            descent: parsed.descender(),
        },
        font_type: printpdf::FontType::TrueType,
        pdf_font_metrics: printpdf::PdfFontMetricsStub {
            units_per_em,
            x_min: bbox.x_min,
            y_min: bbox.y_min,
            x_max: bbox.x_max,
            y_max: bbox.y_max,
            caret_slope_rise: 1,
            caret_slope_run: 0,
            us_weight_class: parsed.weight().to_number(),
        },
    };
    Ok((font, mapping))
}

fn rgb(color: Color) -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb {
        r: color.0,
        g: color.1,
        b: color.2,
        icc_profile: None,
    })
}

fn page_ops(page: &Page, remaps: &BTreeMap<FaceId, BTreeMap<u16, u16>>) -> Vec<Op> {
    let mut ops = Vec::new();
    let flip = |y: f32| Pt(page.height - y);
    for item in &page.items {
        match item {
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![
                            printpdf::LinePoint {
                                p: printpdf::Point {
                                    x: Pt(*x),
                                    y: flip(*y),
                                },
                                bezier: false,
                            },
                            printpdf::LinePoint {
                                p: printpdf::Point {
                                    x: Pt(x + width),
                                    y: flip(*y),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Link {
                x,
                y,
                width,
                height,
                uri,
            } => ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect {
                        x: Pt(*x),
                        y: flip(y + height),
                        width: Pt(*width),
                        height: Pt(*height),
                        mode: None,
                        winding_order: None,
                    },
                    Actions::Uri(uri.clone()),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    None,
                    None,
                ),
            }),
            Item::Text { .. } => {}
        }
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(FaceId, f32)> = None;
    let mut color: Option<Color> = None;
    for item in &page.items {
        let Item::Text { x, y, run } = item else {
            continue;
        };
        if font != Some((run.face, run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face)),
                size: Pt(run.size),
            });
            font = Some((run.face, run.size));
        }
        if color != Some(run.color) {
            ops.push(Op::SetFillColor {
                col: rgb(run.color),
            });
            color = Some(run.color);
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(*x), flip(*y)),
        });
        let remap = remaps.get(&run.face);
        let glyphs = run
            .glyphs
            .iter()
            .map(|g| {
                let gid = remap.and_then(|m| m.get(&g.gid)).copied().unwrap_or(0);
                Codepoint::with_cid(gid, g.adjust, g.text.clone())
            })
            .collect();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// "2026-11-22T10:04:05.123Z" as a PDF date; the epoch when it cannot be read.
fn pdf_date(text: &str) -> printpdf::OffsetDateTime {
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .and_then(|t| t.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let month = match number(5..7) {
        m @ 1..=12 => m,
        _ => 1,
    };
    printpdf::OffsetDateTime {
        date: printpdf::Date {
            year: i32::try_from(number(0..4)).unwrap_or(1970).max(1970),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(number(8..10).clamp(1, 31)).unwrap_or(1),
        },
        time: printpdf::Time {
            hour: u8::try_from(number(11..13).min(23)).unwrap_or(0),
            minute: u8::try_from(number(14..16).min(59)).unwrap_or(0),
            second: u8::try_from(number(17..19).min(59)).unwrap_or(0),
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// Deflates every stream that may be compressed and is not yet.
fn compress(document: &mut lopdf::Document) -> Result<()> {
    use std::io::Write;
    for object in document.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            flate2::Compression::new(COMPRESSION_LEVEL),
        );
        encoder
            .write_all(&stream.content)
            .map_err(|e| PdfError(format!("compressing failed: {e}")))?;
        let compressed = encoder
            .finish()
            .map_err(|e| PdfError(format!("compressing failed: {e}")))?;
        if compressed.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
    Ok(())
}

const COMPRESSION_LEVEL: u32 = 1;

/// A hash of everything drawn and the document information: the document id.
fn content_hash(pages: &[Page], meta: &Meta) -> u64 {
    let mut hash = FNV_START;
    for text in [&meta.title, &meta.author, &meta.subject, &meta.date] {
        hash = fnv(text.as_bytes(), hash);
    }
    for page in pages {
        for item in &page.items {
            match item {
                Item::Text { x, y, run } => {
                    hash = fnv(&x.to_bits().to_le_bytes(), hash);
                    hash = fnv(&y.to_bits().to_le_bytes(), hash);
                    hash = fnv(&[run.face as u8], hash);
                    for glyph in &run.glyphs {
                        hash = fnv(&glyph.gid.to_le_bytes(), hash);
                    }
                }
                Item::Rule { x, y, width, .. } => {
                    for v in [x, y, width] {
                        hash = fnv(&v.to_bits().to_le_bytes(), hash);
                    }
                }
                Item::Link { uri, .. } => hash = fnv(uri.as_bytes(), hash),
            }
        }
    }
    hash
}

/// The PDF of `pages`, with `meta` as its document information.
pub fn write(pages: &[Page], meta: &Meta) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(&meta.title);
    let mut remaps = BTreeMap::new();
    for (face, glyphs) in used_glyphs(pages) {
        let (font, mapping) = subset(face, &glyphs)?;
        doc.resources
            .fonts
            .map
            .insert(font_id(face), printpdf::PdfFont::new(font));
        remaps.insert(face, mapping);
    }
    let date = pdf_date(&meta.date);
    let info = &mut doc.metadata.info;
    info.document_title.clone_from(&meta.title);
    info.author.clone_from(&meta.author);
    info.subject.clone_from(&meta.subject);
    info.keywords.clone_from(&meta.keywords);
    info.creator = PRODUCER.to_owned();
    info.producer = PRODUCER.to_owned();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let pdf_pages = pages
        .iter()
        .map(|page| {
            let media = Rect::from_wh(Pt(page.width), Pt(page.height));
            PdfPage {
                media_box: media.clone(),
                trim_box: media.clone(),
                crop_box: media,
                ops: page_ops(page, &remaps),
            }
        })
        .collect();
    doc.with_pages(pdf_pages);

    // Streams are compressed here, at a fast level: printpdf's own pass uses
    // lopdf's best (slowest) level, which took most of the time for a 1% smaller file.
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut document = printpdf::serialize::to_lopdf_doc(&doc, &options, &mut warnings);
    compress(&mut document)?;
    // A document id from the content instead of printpdf's random one, so the same
    // CV gives the same bytes.
    let id = format!("{:016x}", content_hash(pages, meta));
    document.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Literal),
            lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Literal),
        ]),
    );
    let mut bytes = Vec::with_capacity(64 * 1024);
    document
        .save_to(&mut bytes)
        .map_err(|e| PdfError(format!("writing failed: {e}")))?;
    Ok(bytes)
}
