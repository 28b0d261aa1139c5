//! The templates: how a CV's content becomes blocks for the layout engine. Both are
//! single-column with real text in reading order, which applicant-tracking systems
//! read best.

pub use crate::document::Template;

use crate::document::{Content, Entry};
use crate::fonts::{FaceId, Family, Style};
use crate::layout::{Align, Block, Frame, Paper, Paragraph, Rule};
use crate::text::{Color, Font, Span};

struct Look {
    family: Family,
    accent: Color,
    muted: Color,
    name_size: f32,
    heading_size: f32,
    body_size: f32,
    small_size: f32,
    centred_header: bool,
    heading_rule_above: bool,
    uppercase_headings: bool,
    margin: f32,
}

impl Look {
    fn of(template: Template) -> Look {
        match template {
            Template::Modern => Look {
                family: Family::Sans,
                accent: Color(0.09, 0.33, 0.58),
                muted: Color(0.38, 0.40, 0.44),
                name_size: 22.0,
                heading_size: 11.0,
                body_size: 9.5,
                small_size: 8.5,
                centred_header: false,
                heading_rule_above: false,
                uppercase_headings: true,
                margin: 48.0,
            },
            Template::Classic => Look {
                family: Family::Serif,
                accent: Color::BLACK,
                muted: Color(0.30, 0.30, 0.30),
                name_size: 20.0,
                heading_size: 12.0,
                body_size: 10.0,
                small_size: 9.0,
                centred_header: true,
                heading_rule_above: true,
                uppercase_headings: false,
                margin: 56.0,
            },
        }
    }

    fn span(&self, text: &str, style: Style, size: f32, color: Color) -> Span {
        Span {
            text: text.to_owned(),
            font: Font {
                face: FaceId::of(self.family, style),
                style,
                size,
            },
            color,
            link: None,
        }
    }

    fn paragraph(&self, spans: Vec<Span>, space_before: f32) -> Paragraph {
        Paragraph {
            spans,
            align: Align::Left,
            indent: 0.0,
            bullet: None,
            right: None,
            leading: 1.3,
            space_before,
        }
    }

    fn block(&self, paragraphs: Vec<Paragraph>, space_before: f32) -> Block {
        Block {
            paragraphs,
            rule_above: None,
            rule_below: None,
            keep_together: true,
            keep_with_next: false,
            space_before,
        }
    }
}

fn header(look: &Look, content: &Content) -> Block {
    let align = if look.centred_header {
        Align::Center
    } else {
        Align::Left
    };
    let mut paragraphs = vec![Paragraph {
        align,
        leading: 1.2,
        ..look.paragraph(
            vec![look.span(&content.name, Style::Bold, look.name_size, look.accent)],
            0.0,
        )
    }];
    if let Some(headline) = &content.headline {
        paragraphs.push(Paragraph {
            align,
            ..look.paragraph(
                vec![look.span(headline, Style::Regular, look.body_size + 2.0, look.muted)],
                2.0,
            )
        });
    }
    if !content.contact.is_empty() {
        let mut spans = Vec::new();
        for (i, item) in content.contact.iter().enumerate() {
            if i > 0 {
                spans.push(look.span("  ·  ", Style::Regular, look.small_size, look.muted));
            }
            let mut span = look.span(&item.text, Style::Regular, look.small_size, Color::BLACK);
            span.link = item.uri.clone();
            spans.push(span);
        }
        paragraphs.push(Paragraph {
            align,
            ..look.paragraph(spans, 4.0)
        });
    }
    look.block(paragraphs, 0.0)
}

fn heading(look: &Look, title: &str) -> Block {
    let text = if look.uppercase_headings {
        title.to_uppercase()
    } else {
        title.to_owned()
    };
    let rule = Rule {
        thickness: 0.6,
        color: look.accent,
        space_before: 2.0,
        space_after: 3.0,
    };
    Block {
        rule_above: look.heading_rule_above.then_some(rule),
        rule_below: (!look.heading_rule_above).then_some(rule),
        keep_with_next: true,
        ..look.block(
            vec![look.paragraph(
                vec![look.span(&text, Style::Bold, look.heading_size, look.accent)],
                0.0,
            )],
            14.0,
        )
    }
}

fn entry(look: &Look, entry: &Entry) -> Block {
    let mut title = look.span(
        &entry.title,
        Style::Bold,
        look.body_size + 0.5,
        Color::BLACK,
    );
    title.link = entry.link.clone();
    let mut paragraphs = vec![Paragraph {
        right: entry
            .dates
            .as_ref()
            .map(|d| look.span(d, Style::Regular, look.small_size, look.muted)),
        ..look.paragraph(vec![title], 0.0)
    }];
    if let Some(subtitle) = &entry.subtitle {
        paragraphs.push(look.paragraph(
            vec![look.span(subtitle, Style::Italic, look.body_size, look.muted)],
            0.0,
        ));
    }
    if let Some(text) = &entry.text {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            paragraphs.push(look.paragraph(
                vec![look.span(line, Style::Regular, look.body_size, Color::BLACK)],
                2.0,
            ));
        }
    }
    for (i, bullet) in entry.bullets.iter().enumerate() {
        paragraphs.push(Paragraph {
            indent: 12.0,
            bullet: Some(look.span("•", Style::Regular, look.body_size, look.accent)),
            ..look.paragraph(
                vec![look.span(bullet, Style::Regular, look.body_size, Color::BLACK)],
                if i == 0 { 2.0 } else { 1.0 },
            )
        });
    }
    if !entry.tags.is_empty() {
        paragraphs.push(look.paragraph(
            vec![look.span(
                &entry.tags.join(" · "),
                Style::Italic,
                look.small_size,
                look.muted,
            )],
            2.0,
        ));
    }
    look.block(paragraphs, 8.0)
}

/// The blocks and page frame of `content` in `template` on `paper`.
pub fn compose(content: &Content, template: Template, paper: Paper) -> (Vec<Block>, Frame) {
    let look = Look::of(template);
    let mut blocks = vec![header(&look, content)];
    if let Some(summary) = &content.summary {
        blocks.push(heading(&look, "Summary"));
        let paragraphs = summary
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                look.paragraph(
                    vec![look.span(line, Style::Regular, look.body_size, Color::BLACK)],
                    2.0,
                )
            })
            .collect();
        blocks.push(Block {
            keep_together: false,
            ..look.block(paragraphs, 2.0)
        });
    }
    for section in &content.sections {
        blocks.push(heading(&look, section.title));
        if !section.inline.is_empty() {
            blocks.push(Block {
                keep_together: false,
                ..look.block(
                    vec![look.paragraph(
                        vec![look.span(
                            &section.inline.join("  ·  "),
                            Style::Regular,
                            look.body_size,
                            Color::BLACK,
                        )],
                        0.0,
                    )],
                    4.0,
                )
            });
        }
        for (i, item) in section.entries.iter().enumerate() {
            let mut block = entry(&look, item);
            if i == 0 {
                block.space_before = 4.0;
            }
            blocks.push(block);
        }
    }
    let frame = Frame {
        paper,
        margins: [look.margin, look.margin, look.margin * 0.75, look.margin],
        footer: look.span("", Style::Regular, look.small_size, look.muted),
    };
    (blocks, frame)
}
