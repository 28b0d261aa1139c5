//! A CV as a Word document (`.docx`), from the same content as its PDF: the name as
//! the title, real headings (Word's "Heading 1" and "Heading 2", which tracking systems
//! and screen readers take as structure), bullets as a real list, links as links.
//! Like the PDF, the same CV always gives the same bytes.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, Docx, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc, LevelText,
    NumberFormat, Numbering, NumberingId, Paragraph, Run, Start, Style, StyleType,
};

use crate::cv::content::Content;
use crate::{Error, Result};

/// The list numbering the bullets use (the writer keeps number 1 for its own default
/// decimal list).
const BULLETS: usize = 2;

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .size(size)
            .bold()
    };
    docx.add_style(heading("Title", "Title", 40))
        .add_style(heading("Heading1", "Heading 1", 26))
        .add_style(heading("Heading2", "Heading 2", 22))
        .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

fn text(words: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(words))
}

fn link(words: &str, uri: &str) -> Hyperlink {
    Hyperlink::new(uri, HyperlinkType::External)
        .add_run(Run::new().add_text(words).underline("single"))
}

/// The `.docx` of `content`.
pub fn docx_of(content: &Content) -> Result<Vec<u8>> {
    // The writer numbers paragraphs from counters kept per thread: on a thread of its
    // own each document starts from one, so the same CV gives the same bytes.
    std::thread::scope(|scope| {
        scope.spawn(|| write(content)).join().unwrap_or_else(|_| {
            Err(Error::Internal(
                "the Word document could not be written".into(),
            ))
        })
    })
}

fn write(content: &Content) -> Result<Vec<u8>> {
    let mut docx = styles(Docx::new())
        .created_at(&content.meta.date)
        .add_paragraph(text(&content.name).style("Title"));
    if let Some(headline) = &content.headline {
        docx = docx.add_paragraph(text(headline));
    }
    if !content.contact.is_empty() {
        let mut line = Paragraph::new();
        for (i, item) in content.contact.iter().enumerate() {
            if i > 0 {
                line = line.add_run(Run::new().add_text("  ·  "));
            }
            line = match &item.uri {
                Some(uri) => line.add_hyperlink(link(&item.text, uri)),
                None => line.add_run(Run::new().add_text(&item.text)),
            };
        }
        docx = docx.add_paragraph(line);
    }
    if let Some(summary) = &content.summary {
        docx = docx
            .add_paragraph(text("Summary").style("Heading1"))
            .add_paragraph(text(summary));
    }
    for section in &content.sections {
        docx = docx.add_paragraph(text(section.title).style("Heading1"));
        for entry in &section.entries {
            let mut title = Paragraph::new()
                .style("Heading2")
                .add_run(Run::new().add_text(&entry.title));
            if let Some(dates) = &entry.dates {
                title = title.add_run(Run::new().add_text(format!("  ({dates})")));
            }
            docx = docx.add_paragraph(title);
            if let Some(subtitle) = &entry.subtitle {
                docx = docx.add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text(subtitle).italic()),
                );
            }
            if let Some(body) = &entry.text {
                docx = docx.add_paragraph(text(body));
            }
            for bullet in &entry.bullets {
                docx = docx.add_paragraph(
                    text(bullet).numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
                );
            }
            if !entry.tags.is_empty() {
                docx = docx.add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text(entry.tags.join(", ")).italic()),
                );
            }
            if let Some(uri) = &entry.link {
                docx = docx.add_paragraph(Paragraph::new().add_hyperlink(link(uri, uri)));
            }
        }
        if !section.inline.is_empty() {
            docx = docx.add_paragraph(text(&section.inline.join("  ·  ")));
        }
    }
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(failed)?;
    settle(&bytes.into_inner())
}

fn failed(error: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the Word document could not be written: {error}"))
}

/// The writer names links from a counter shared by the whole process and lists them
/// in hash order: the package is rewritten with the links numbered in the order the
/// document uses them and its relationships sorted, each part stored as it was, with
/// the archive's fixed times.
fn settle(package: &[u8]) -> Result<Vec<u8>> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(package)).map_err(failed)?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(failed)?;
        let mut data = Vec::new();
        file.read_to_end(&mut data).map_err(failed)?;
        parts.push((file.name().map_err(failed)?.into_owned(), data));
    }
    let document = parts
        .iter()
        .find(|(name, _)| name == "word/document.xml")
        .map(|(_, data)| String::from_utf8_lossy(data).into_owned())
        .unwrap_or_default();
    let mut order: Vec<String> = Vec::new();
    for id in link_ids(&document) {
        if !order.contains(&id) {
            order.push(id);
        }
    }
    let renamed = |text: &str| {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find(LINK_ID) {
            out.push_str(&rest[..at]);
            let id = link_id_at(rest, at);
            match order.iter().position(|o| *o == id) {
                Some(n) => out.push_str(&format!("{LINK_ID}{}", n + 1)),
                None => out.push_str(&id),
            }
            rest = &rest[at + id.len()..];
        }
        out.push_str(rest);
        out
    };
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        if name.ends_with('/') {
            out.add_directory(name, zip::write::SimpleFileOptions::default())
                .map_err(failed)?;
            continue;
        }
        let data = match name.as_str() {
            "word/document.xml" => renamed(&String::from_utf8_lossy(&data)).into_bytes(),
            "word/_rels/document.xml.rels" => {
                sorted_relationships(&renamed(&String::from_utf8_lossy(&data))).into_bytes()
            }
            _ => data,
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(0o644);
        out.start_file(name, options).map_err(failed)?;
        out.write_all(&data).map_err(failed)?;
    }
    Ok(out.finish().map_err(failed)?.into_inner())
}

const LINK_ID: &str = "rIdHyperlink";

/// The link id that starts at byte `at` of `text`.
fn link_id_at(text: &str, at: usize) -> String {
    let digits: String = text[at + LINK_ID.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    format!("{LINK_ID}{digits}")
}

/// The link ids `text` names, in order.
fn link_ids(text: &str) -> Vec<String> {
    text.match_indices(LINK_ID)
        .map(|(at, _)| link_id_at(text, at))
        .collect()
}

/// The relationships part with its `<Relationship …/>` elements in a fixed order.
fn sorted_relationships(xml: &str) -> String {
    let (Some(first), Some(end)) = (xml.find("<Relationship "), xml.rfind("</Relationships>"))
    else {
        return xml.to_owned();
    };
    let mut elements: Vec<&str> = xml[first..end]
        .split_inclusive("/>")
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    elements.sort_by_key(|e| {
        let id = e
            .split("Id=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("");
        let digits: String = id.chars().filter(char::is_ascii_digit).collect();
        (
            id.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned(),
            digits.parse::<u64>().unwrap_or(0),
        )
    });
    format!("{}{}{}", &xml[..first], elements.concat(), &xml[end..])
}
