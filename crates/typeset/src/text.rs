//! Text to positioned glyphs: font fallback per character, shaping, line breaking
//! (Unicode line-breaking rules) and right-to-left reordering (Unicode bidi).
//!
//! Plain runs (Latin, Greek, Cyrillic, CJK) map characters to glyphs through the
//! font's own tables. Runs in scripts that need shaping (Hebrew, Arabic and their
//! neighbours) and every right-to-left run go through rustybuzz, so Arabic letters
//! join and marks sit on their bases.

use unicode_bidi::BidiInfo;
use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::fonts::{FaceId, Style};

/// An sRGB colour, each channel 0–1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

impl Color {
    pub const BLACK: Color = Color(0.0, 0.0, 0.0);
}

/// How a span of text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    pub face: FaceId,
    pub style: Style,
    /// In points.
    pub size: f32,
}

/// A piece of text in one font, colour and (optionally) link.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub text: String,
    pub font: Font,
    pub color: Color,
    pub link: Option<String>,
}

/// One glyph as the PDF writer needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub gid: u16,
    /// Where the next glyph starts, in thousandths of an em.
    pub advance: f32,
    /// The glyph's own width minus `advance` (a `TJ` adjustment; 0 for most glyphs).
    pub adjust: f32,
    /// The characters this glyph stands for, for copy and paste and text extraction.
    pub text: String,
}

/// Glyphs in one face, size, colour and link, in visual order.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub face: FaceId,
    pub size: f32,
    pub color: Color,
    pub link: Option<String>,
    pub glyphs: Vec<Glyph>,
}

impl Run {
    /// Width in points.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum::<f32>() * self.size / 1000.0
    }
}

/// One laid-out line: runs left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub runs: Vec<Run>,
    /// Width in points, without trailing spaces.
    pub width: f32,
    /// The paragraph reads right to left, so the line aligns right.
    pub rtl: bool,
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

fn needs_shaping(c: char) -> bool {
    is_rtl_char(c) || matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF)
}

/// Splits `text` into pieces that each use one face: the first face of the chain
/// that has the character, keeping the current face for characters it has (spaces,
/// punctuation, marks) so runs stay long.
fn by_face(text: &str, font: Font) -> Vec<(FaceId, &str)> {
    let chain = font.face.fallbacks(font.style);
    let mut pieces: Vec<(FaceId, &str)> = Vec::new();
    let mut current: Option<(FaceId, usize)> = None;
    for (at, c) in text.char_indices() {
        let keep = current.filter(|(face, _)| c.is_whitespace() || face.glyph(c).is_some());
        if keep.is_some() {
            continue;
        }
        let face = chain
            .iter()
            .copied()
            .find(|f| f.glyph(c).is_some())
            .unwrap_or(font.face);
        match current {
            Some((same, _)) if same == face => {}
            Some((previous, start)) => {
                pieces.push((previous, &text[start..at]));
                current = Some((face, at));
            }
            None => current = Some((face, at)),
        }
    }
    if let Some((face, start)) = current {
        pieces.push((face, &text[start..]));
    }
    pieces
}

fn plain_glyphs(face: FaceId, text: &str, out: &mut Vec<Glyph>) {
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        let gid = face.glyph(c).unwrap_or(0);
        out.push(Glyph {
            gid,
            advance: face.advance(gid),
            adjust: 0.0,
            text: c.to_string(),
        });
    }
}

fn shaped_glyphs(face: FaceId, text: &str, rtl: bool, out: &mut Vec<Glyph>) {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    buffer.set_cluster_level(rustybuzz::BufferClusterLevel::Characters);
    let shaped = rustybuzz::shape(face.shaper(), &[], buffer);
    let scale = 1000.0 / face.units_per_em();
    let mut starts: Vec<usize> = shaped
        .glyph_infos()
        .iter()
        .map(|i| i.cluster as usize)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    // Glyphs of one cluster are adjacent; only the first carries its text.
    let mut previous: Option<usize> = None;
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        let gid = u16::try_from(info.glyph_id).unwrap_or(0);
        let start = info.cluster as usize;
        let end = starts
            .iter()
            .copied()
            .find(|s| *s > start)
            .unwrap_or(text.len());
        // Right-to-left glyphs stand in visual order, and text extraction reverses
        // them character by character; a ligature's characters are stored in visual
        // order too, so they come out as written.
        let first_of_cluster = previous != Some(start);
        previous = Some(start);
        let text = if first_of_cluster {
            let cluster = text
                .get(start..end)
                .unwrap_or_default()
                .replace(char::is_whitespace, " ");
            if rtl {
                cluster.chars().rev().collect()
            } else {
                cluster
            }
        } else {
            String::new()
        };
        let advance = pos.x_advance as f32 * scale;
        out.push(Glyph {
            gid,
            advance,
            adjust: face.advance(gid) - advance,
            text,
        });
    }
}

/// Shapes one span's text (or part of it) into runs, in visual order when `rtl`.
fn shape(text: &str, span: &Span, rtl: bool) -> Vec<Run> {
    let mut runs: Vec<Run> = by_face(text, span.font)
        .into_iter()
        .map(|(face, piece)| {
            let mut glyphs = Vec::with_capacity(piece.len());
            if rtl || piece.chars().any(needs_shaping) {
                shaped_glyphs(face, piece, rtl, &mut glyphs);
            } else {
                plain_glyphs(face, piece, &mut glyphs);
            }
            Run {
                face,
                size: span.font.size,
                color: span.color,
                link: span.link.clone(),
                glyphs,
            }
        })
        .collect();
    if rtl {
        runs.reverse();
    }
    runs
}

/// A stretch of one span inside the paragraph's text.
#[derive(Clone, Copy, Debug)]
struct Segment {
    span: usize,
    start: usize,
    end: usize,
}

/// Text between two break opportunities, measured.
struct Piece {
    segments: Vec<Segment>,
    runs: Vec<Run>,
    width: f32,
    /// Width of its trailing spaces, which may hang past the right margin.
    trailing: f32,
    mandatory: bool,
}

fn trailing_space_width(runs: &[Run]) -> f32 {
    let mut width = 0.0;
    for run in runs.iter().rev() {
        for glyph in run.glyphs.iter().rev() {
            if glyph.text != " " {
                return width;
            }
            width += glyph.advance * run.size / 1000.0;
        }
    }
    width
}

fn measure(full: &str, spans: &[Span], segments: Vec<Segment>, mandatory: bool) -> Piece {
    let runs: Vec<Run> = segments
        .iter()
        .flat_map(|s| shape(&full[s.start..s.end], &spans[s.span], false))
        .collect();
    let width = runs.iter().map(Run::width).sum();
    let trailing = trailing_space_width(&runs);
    Piece {
        segments,
        runs,
        width,
        trailing,
        mandatory,
    }
}

/// Splits a piece wider than a line at character boundaries.
fn split_long(full: &str, spans: &[Span], piece: Piece, max_width: f32) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut current: Vec<Segment> = Vec::new();
    let mut width = 0.0;
    for segment in &piece.segments {
        for (at, c) in full[segment.start..segment.end].char_indices() {
            let start = segment.start + at;
            let char_segment = Segment {
                span: segment.span,
                start,
                end: start + c.len_utf8(),
            };
            let w: f32 = shape(&full[start..char_segment.end], &spans[segment.span], false)
                .iter()
                .map(Run::width)
                .sum();
            if width + w > max_width && !current.is_empty() {
                out.push(measure(full, spans, std::mem::take(&mut current), false));
                width = 0.0;
            }
            match current.last_mut() {
                Some(last) if last.span == char_segment.span && last.end == start => {
                    last.end = char_segment.end;
                }
                _ => current.push(char_segment),
            }
            width += w;
        }
    }
    if !current.is_empty() {
        out.push(measure(full, spans, current, piece.mandatory));
    }
    out
}

fn merge_runs(runs: Vec<Run>) -> Vec<Run> {
    let mut merged: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        match merged.last_mut() {
            Some(last)
                if last.face == run.face
                    && last.size == run.size
                    && last.color == run.color
                    && last.link == run.link =>
            {
                last.glyphs.extend(run.glyphs);
            }
            _ => merged.push(run),
        }
    }
    merged
}

/// Drops the spaces at the end of a line.
fn trim_end(runs: &mut Vec<Run>) {
    while let Some(run) = runs.last_mut() {
        while run.glyphs.last().is_some_and(|g| g.text == " ") {
            run.glyphs.pop();
        }
        if run.glyphs.is_empty() {
            runs.pop();
        } else {
            break;
        }
    }
}

/// Reorders a line that holds right-to-left text into visual order and reshapes it.
fn visual_runs(full: &str, spans: &[Span], segments: &[Segment]) -> Vec<Run> {
    let start = segments.first().map_or(0, |s| s.start);
    let end = segments.last().map_or(0, |s| s.end);
    let line = &full[start..end];
    let bidi = BidiInfo::new(line, None);
    let Some(paragraph) = bidi.paragraphs.first() else {
        return Vec::new();
    };
    let (levels, ranges) = bidi.visual_runs(paragraph, paragraph.range.clone());
    let mut runs = Vec::new();
    for range in ranges {
        let rtl = levels[range.start].is_rtl();
        let mut pieces: Vec<Vec<Run>> = segments
            .iter()
            .filter_map(|s| {
                let from = (s.start - start).max(range.start);
                let to = (s.end - start).min(range.end);
                (from < to).then(|| shape(&line[from..to], &spans[s.span], rtl))
            })
            .collect();
        if rtl {
            pieces.reverse();
        }
        runs.extend(pieces.into_iter().flatten());
    }
    runs
}

/// Breaks a paragraph made of `spans` into lines no wider than `max_width` points.
pub fn wrap(spans: &[Span], max_width: f32) -> Vec<Line> {
    let mut full = String::new();
    let mut bounds = Vec::with_capacity(spans.len());
    for span in spans {
        let start = full.len();
        full.push_str(&span.text);
        bounds.push((start, full.len()));
    }
    if full.trim().is_empty() {
        return Vec::new();
    }
    let has_rtl = full.chars().any(is_rtl_char);
    let paragraph_rtl = has_rtl
        && BidiInfo::new(&full, None)
            .paragraphs
            .first()
            .is_some_and(|p| p.level.is_rtl());

    let mut pieces = Vec::new();
    let mut from = 0;
    for (to, opportunity) in linebreaks(&full) {
        let segments: Vec<Segment> = bounds
            .iter()
            .enumerate()
            .filter_map(|(span, &(s, e))| {
                let (start, end) = (s.max(from), e.min(to));
                (start < end).then_some(Segment { span, start, end })
            })
            .collect();
        let mandatory = opportunity == BreakOpportunity::Mandatory && to < full.len();
        let piece = measure(&full, spans, segments, mandatory);
        if piece.width - piece.trailing > max_width {
            pieces.extend(split_long(&full, spans, piece, max_width));
        } else {
            pieces.push(piece);
        }
        from = to;
    }

    let mut lines = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut width = 0.0;
    let mut trailing = 0.0;
    let mut flush = |segments: &mut Vec<Segment>, runs: &mut Vec<Run>, width: f32| {
        let line_has_rtl = has_rtl
            && segments
                .iter()
                .any(|s| full[s.start..s.end].chars().any(is_rtl_char));
        let mut line_runs = if line_has_rtl {
            visual_runs(&full, spans, segments)
        } else {
            std::mem::take(runs)
        };
        trim_end(&mut line_runs);
        if !line_runs.is_empty() {
            let measured = line_runs.iter().map(Run::width).sum::<f32>();
            lines.push(Line {
                runs: merge_runs(line_runs),
                width: if line_has_rtl { measured } else { width },
                rtl: paragraph_rtl,
            });
        }
        segments.clear();
        runs.clear();
    };
    for piece in pieces {
        if !segments.is_empty() && width + piece.width - piece.trailing > max_width {
            flush(&mut segments, &mut runs, width - trailing);
            width = 0.0;
        }
        width += piece.width;
        trailing = piece.trailing;
        segments.extend(piece.segments);
        runs.extend(piece.runs);
        if piece.mandatory {
            flush(&mut segments, &mut runs, width - trailing);
            width = 0.0;
        }
    }
    if !segments.is_empty() {
        flush(&mut segments, &mut runs, width - trailing);
    }
    lines
}
