//! The page layout engine: blocks of paragraphs in, positioned pages out.
//!
//! Pages are described in points with the origin at the top left; the PDF writer
//! and the preview both draw from this description. Page breaking keeps a block
//! marked `keep_together` (one job, one project, one degree) on one page whenever it
//! fits on one, never leaves a heading (`keep_with_next`) alone at the bottom of a
//! page, and breaks a block taller than a page between lines, never leaving its first
//! line alone at the bottom.

pub use crate::document::Paper;

use crate::text::{self, Color, Line, Run, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// A paragraph: text that wraps, with an optional bullet and an optional
/// right-aligned part on its first line (dates).
#[derive(Clone, Debug)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    pub align: Align,
    /// Left indent in points.
    pub indent: f32,
    /// Drawn in the indent, on the first line.
    pub bullet: Option<Span>,
    /// Right-aligned on the first line; the text wraps short of it.
    pub right: Option<Span>,
    /// Line height as a multiple of the font size.
    pub leading: f32,
    /// Space above, in points.
    pub space_before: f32,
}

/// A horizontal rule under (or over) a block's text.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub thickness: f32,
    pub color: Color,
    pub space_before: f32,
    pub space_after: f32,
}

/// What page breaking moves as one.
#[derive(Clone, Debug)]
pub struct Block {
    pub paragraphs: Vec<Paragraph>,
    pub rule_above: Option<Rule>,
    pub rule_below: Option<Rule>,
    pub keep_together: bool,
    pub keep_with_next: bool,
    pub space_before: f32,
}

/// The page frame: paper, margins and the footer's font.
#[derive(Clone, Debug)]
pub struct Frame {
    pub paper: Paper,
    /// Top, right, bottom, left, in points.
    pub margins: [f32; 4],
    /// The footer ("Page 2 of 3"), set on every page when there is more than one.
    pub footer: Span,
}

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A run of glyphs whose baseline starts at (x, y).
    Text { x: f32, y: f32, run: Run },
    /// A line from (x, y) to (x + width, y).
    Rule {
        x: f32,
        y: f32,
        width: f32,
        thickness: f32,
        color: Color,
    },
    /// A clickable area (top-left corner, size) opening `uri`.
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        uri: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// One line of a block, measured, ready to place.
#[derive(Debug)]
struct Row {
    space_before: f32,
    height: f32,
    /// From the top of the row.
    baseline: f32,
    /// (x from the left margin, line)
    texts: Vec<(f32, Line)>,
    rule: Option<Rule>,
}

impl Row {
    fn rule(rule: Rule) -> Row {
        Row {
            space_before: rule.space_before,
            height: rule.thickness + rule.space_after,
            baseline: 0.0,
            texts: Vec::new(),
            rule: Some(rule),
        }
    }

    fn total(&self, at_top: bool) -> f32 {
        if at_top {
            self.height
        } else {
            self.space_before + self.height
        }
    }
}

fn line_metrics(line: &Line, leading: f32, fallback_size: f32) -> (f32, f32) {
    let size = line
        .runs
        .iter()
        .map(|r| r.size)
        .fold(fallback_size, f32::max);
    let ascent = line
        .runs
        .iter()
        .map(|r| r.face.vertical_metrics().0 * r.size / 1000.0)
        .fold(size * 0.76, f32::max);
    let height = size * leading;
    // Half the extra leading above the ascent, as CSS does.
    let baseline = (height - size) / 2.0 + ascent.min(height);
    (height, baseline)
}

/// Where a line starts. A right-to-left paragraph starts at the right, its indent
/// (and bullet) on that side.
fn aligned_x(line: &Line, align: Align, indent: f32, width: f32) -> f32 {
    match align {
        Align::Center => ((width - line.width) / 2.0).max(0.0),
        Align::Left if line.rtl => (width - indent - line.width).max(0.0),
        Align::Left => indent,
    }
}

fn rows_of(block: &Block, width: f32) -> Vec<Row> {
    let mut rows = Vec::new();
    if let Some(rule) = block.rule_above {
        rows.push(Row::rule(rule));
    }
    for paragraph in &block.paragraphs {
        let right = paragraph.right.as_ref().and_then(|span| {
            text::wrap(std::slice::from_ref(span), width)
                .into_iter()
                .next()
        });
        let right_width = right.as_ref().map_or(0.0, |r| r.width + 12.0);
        let size = paragraph.spans.first().map_or(10.0, |s| s.font.size);
        let mut lines = text::wrap(&paragraph.spans, width - paragraph.indent - right_width);
        if lines.is_empty() && right.is_some() {
            lines.push(Line {
                runs: Vec::new(),
                width: 0.0,
                rtl: false,
            });
        }
        let mut right = right;
        for (i, line) in lines.into_iter().enumerate() {
            let (height, baseline) = line_metrics(&line, paragraph.leading, size);
            let mut texts = Vec::with_capacity(2);
            let mark = (i == 0)
                .then_some(paragraph.bullet.as_ref())
                .flatten()
                .and_then(|bullet| {
                    text::wrap(std::slice::from_ref(bullet), width)
                        .into_iter()
                        .next()
                });
            if let Some(mark) = mark {
                let x = if line.rtl {
                    width - right_width - paragraph.indent + 4.0
                } else {
                    (paragraph.indent - mark.width - 4.0).max(0.0)
                };
                texts.push((x, mark));
            }
            let x = aligned_x(
                &line,
                paragraph.align,
                paragraph.indent,
                width - right_width,
            );
            texts.push((x, line));
            if let Some(r) = right.take() {
                texts.push((width - r.width, r));
            }
            rows.push(Row {
                space_before: if i == 0 { paragraph.space_before } else { 0.0 },
                height,
                baseline,
                texts,
                rule: None,
            });
        }
    }
    if let Some(rule) = block.rule_below {
        rows.push(Row::rule(rule));
    }
    if let Some(first) = rows.first_mut() {
        first.space_before += block.space_before;
    }
    rows
}

fn height_of(rows: &[Row], at_top: bool) -> f32 {
    rows.iter()
        .enumerate()
        .map(|(i, r)| r.total(at_top && i == 0))
        .sum()
}

struct Pager<'a> {
    frame: &'a Frame,
    pages: Vec<Page>,
    /// From the top of the content area.
    y: f32,
    available: f32,
    content_width: f32,
}

impl Pager<'_> {
    fn new_page(&mut self) {
        let (width, height) = self.frame.paper.size();
        self.pages.push(Page {
            width,
            height,
            items: Vec::new(),
        });
        self.y = 0.0;
    }

    fn at_top(&self) -> bool {
        self.y == 0.0
    }

    fn room(&self) -> f32 {
        self.available - self.y
    }

    fn place(&mut self, row: Row) {
        let [top, _, _, left] = self.frame.margins;
        if !self.at_top() {
            self.y += row.space_before;
        }
        let y = top + self.y;
        let width = self.content_width;
        let Some(page) = self.pages.last_mut() else {
            return;
        };
        if let Some(rule) = row.rule {
            page.items.push(Item::Rule {
                x: left,
                y: y + rule.thickness / 2.0,
                width,
                thickness: rule.thickness,
                color: rule.color,
            });
        }
        for (x, line) in row.texts {
            let mut pen = left + x;
            let baseline = y + row.baseline;
            for run in line.runs {
                let run_width = run.width();
                if let Some(uri) = &run.link {
                    let (ascent, descent) = run.face.vertical_metrics();
                    page.items.push(Item::Link {
                        x: pen,
                        y: baseline - ascent * run.size / 1000.0,
                        width: run_width,
                        height: (ascent - descent) * run.size / 1000.0,
                        uri: uri.clone(),
                    });
                }
                page.items.push(Item::Text {
                    x: pen,
                    y: baseline,
                    run,
                });
                pen += run_width;
            }
        }
        self.y += row.height;
    }
}

/// Lays `blocks` out on pages of `frame`.
pub fn layout(blocks: &[Block], frame: &Frame) -> Vec<Page> {
    let (page_width, page_height) = frame.paper.size();
    let [top, right, bottom, left] = frame.margins;
    let content_width = page_width - left - right;
    let footer_room = frame.footer.font.size * 2.0;
    let mut pager = Pager {
        frame,
        pages: Vec::new(),
        y: 0.0,
        available: page_height - top - bottom - footer_room,
        content_width,
    };
    pager.new_page();

    let measured: Vec<Vec<Row>> = blocks.iter().map(|b| rows_of(b, content_width)).collect();
    let mut queue = blocks.iter().zip(measured).peekable();
    while let Some((block, rows)) = queue.next() {
        if rows.is_empty() {
            continue;
        }
        let whole = height_of(&rows, pager.at_top());
        let fits_a_page = height_of(&rows, true) <= pager.available;
        // What must come along: the next block when it fits a page, else its first
        // two lines.
        let with_next = match (block.keep_with_next, queue.peek()) {
            (true, Some((next_block, next))) => {
                if next_block.keep_together && height_of(next, true) <= pager.available {
                    height_of(next, false)
                } else {
                    height_of(&next[..next.len().min(2)], false)
                }
            }
            _ => 0.0,
        };
        if block.keep_together && fits_a_page {
            if !pager.at_top() && whole + with_next > pager.room() {
                pager.new_page();
            }
            for row in rows {
                pager.place(row);
            }
            continue;
        }
        // Too tall for one page, or free to break: line by line, never leaving the
        // first line alone at the bottom.
        let opening = height_of(&rows[..rows.len().min(2)], pager.at_top());
        if !pager.at_top() && opening > pager.room() {
            pager.new_page();
        }
        for row in rows {
            if !pager.at_top() && row.total(false) > pager.room() {
                pager.new_page();
            }
            pager.place(row);
        }
    }

    let mut pages = pager.pages;
    let count = pages.len();
    if count > 1 {
        for (i, page) in pages.iter_mut().enumerate() {
            let mut footer = frame.footer.clone();
            footer.text = format!("Page {} of {count}", i + 1);
            if let Some(line) = text::wrap(&[footer], content_width).into_iter().next() {
                let x = left + (content_width - line.width) / 2.0;
                let y = page_height - bottom - frame.footer.font.size * 0.4;
                let mut pen = x;
                for run in line.runs {
                    let w = run.width();
                    page.items.push(Item::Text { x: pen, y, run });
                    pen += w;
                }
            }
        }
    }
    pages
}
