//! Career Hub's typesetting: a CV [`document::Content`] laid out in pages by our own
//! engine and written as PDF, or drawn as SVG for a preview.
//!
//! `template` decides how the content looks, `layout` where each line goes (with `text`
//! shaping and wrapping, and `fonts` the embedded faces), `pdf` writes the bytes and
//! `preview` draws the same pages. Without the `render` feature the crate is only the
//! document model.

// Denied, not forbidden: `fonts` maps the font files it keeps in the cache folder, which
// takes one `unsafe` call (its safety argument is written there).
#![deny(unsafe_code)]

pub mod document;
#[cfg(feature = "render")]
pub mod fonts;
#[cfg(feature = "render")]
pub mod layout;
#[cfg(feature = "render")]
pub mod pdf;
#[cfg(feature = "render")]
pub mod preview;
#[cfg(feature = "render")]
pub mod template;
#[cfg(feature = "render")]
pub mod text;

pub use document::{Content, Paper, PdfError, Template};

/// The laid-out pages of `content` in `template` on `paper`.
#[cfg(feature = "render")]
pub fn pages(content: &Content, template: Template, paper: Paper) -> Vec<layout::Page> {
    let (blocks, frame) = template::compose(content, template, paper);
    layout::layout(&blocks, &frame)
}

/// The PDF of `content` in `template` on `paper`. The same input gives the same bytes.
#[cfg(feature = "render")]
pub fn pdf(content: &Content, template: Template, paper: Paper) -> Result<Vec<u8>, PdfError> {
    pdf::write(&pages(content, template, paper), &content.meta)
}
