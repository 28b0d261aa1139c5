//! The laid-out pages drawn as SVG, for the app's live preview: the same glyphs at
//! the same positions as in the PDF, drawn from the fonts' own outlines, so what the
//! person sees is what will print.

use std::collections::BTreeMap;
use std::fmt::Write;

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};

use crate::fonts::FaceId;
use crate::layout::{Item, Page};
use crate::text::Color;

struct PathData(String);

impl OutlineBuilder for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

fn css(color: Color) -> String {
    let channel = |c: f32| (c.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        channel(color.0),
        channel(color.1),
        channel(color.2)
    )
}

/// One page as a standalone SVG document (units: points).
pub fn svg(page: &Page) -> String {
    let mut glyphs: BTreeMap<(FaceId, u16), Option<String>> = BTreeMap::new();
    let mut body = String::new();
    for item in &page.items {
        match item {
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                let _ = write!(
                    body,
                    r#"<line x1="{x}" y1="{y}" x2="{}" y2="{y}" stroke="{}" stroke-width="{thickness}"/>"#,
                    x + width,
                    css(*color)
                );
            }
            Item::Text { x, y, run } => {
                let scale = run.size / run.face.units_per_em();
                let _ = write!(body, r#"<g fill="{}">"#, css(run.color));
                let mut pen = *x;
                for glyph in &run.glyphs {
                    let id = glyphs.entry((run.face, glyph.gid)).or_insert_with(|| {
                        let mut path = PathData(String::new());
                        run.face
                            .tables()
                            .outline_glyph(GlyphId(glyph.gid), &mut path)
                            .map(|_| path.0)
                    });
                    if id.is_some() {
                        let _ = write!(
                            body,
                            "<use href=\"#g{}-{}\" transform=\"translate({pen:.2} {y:.2}) scale({scale:.5} {:.5})\"/>",
                            run.face as usize, glyph.gid, -scale
                        );
                    }
                    pen += glyph.advance * run.size / 1000.0;
                }
                body.push_str("</g>");
            }
            Item::Link { .. } => {}
        }
    }
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}"><rect width="{w}" height="{h}" fill="white"/><defs>"#,
        w = page.width,
        h = page.height
    );
    for ((face, gid), path) in &glyphs {
        if let Some(d) = path {
            let _ = write!(svg, r#"<path id="g{}-{gid}" d="{d}"/>"#, *face as usize);
        }
    }
    svg.push_str("</defs>");
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}
