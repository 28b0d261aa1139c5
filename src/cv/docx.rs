//! A CV as a Word document (`.docx`), from the same content as its PDF: the name as
//! the title, real headings (Word's "Heading 1" and "Heading 2", which tracking systems
//! and screen readers take as structure), bullets as a real list, links as links.
//! Like the PDF, the same CV always gives the same bytes.
//!
//! The package is the handful of WordprocessingML parts a document of paragraphs needs
//! (ECMA-376 part 1): content types, relationships, document properties, styles, one
//! bullet list and the body, written directly into a ZIP archive with fixed times.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use crate::cv::content::{Content, Meta};
use crate::{Error, Result};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The numbering instance the bullets use.
const BULLETS: u32 = 1;

/// The `.docx` of `content`.
pub fn docx_of(content: &Content) -> Result<Vec<u8>> {
    let mut body = Body::default();
    body.paragraph(Some("Title"), |p| p.text(&content.name, Look::Plain));
    if let Some(headline) = &content.headline {
        body.paragraph(None, |p| p.text(headline, Look::Plain));
    }
    if !content.contact.is_empty() {
        body.paragraph(None, |p| {
            for (i, item) in content.contact.iter().enumerate() {
                if i > 0 {
                    p.text("  ·  ", Look::Plain);
                }
                match &item.uri {
                    Some(uri) => p.link(&item.text, uri),
                    None => p.text(&item.text, Look::Plain),
                }
            }
        });
    }
    if let Some(summary) = &content.summary {
        body.paragraph(Some("Heading1"), |p| p.text("Summary", Look::Plain));
        body.paragraph(None, |p| p.text(summary, Look::Plain));
    }
    for section in &content.sections {
        body.paragraph(Some("Heading1"), |p| p.text(section.title, Look::Plain));
        for entry in &section.entries {
            body.paragraph(Some("Heading2"), |p| {
                p.text(&entry.title, Look::Plain);
                if let Some(dates) = &entry.dates {
                    p.text(&format!("  ({dates})"), Look::Plain);
                }
            });
            if let Some(subtitle) = &entry.subtitle {
                body.paragraph(None, |p| p.text(subtitle, Look::Italic));
            }
            if let Some(text) = &entry.text {
                body.paragraph(None, |p| p.text(text, Look::Plain));
            }
            for bullet in &entry.bullets {
                body.bullet(bullet);
            }
            if !entry.tags.is_empty() {
                body.paragraph(None, |p| p.text(&entry.tags.join(", "), Look::Italic));
            }
            if let Some(uri) = &entry.link {
                body.paragraph(None, |p| p.link(uri, uri));
            }
        }
        if !section.inline.is_empty() {
            body.paragraph(None, |p| p.text(&section.inline.join("  ·  "), Look::Plain));
        }
    }
    package(&content.meta, &body)
}

/// The document's paragraphs as WordprocessingML, and the links they point to.
#[derive(Default)]
struct Body {
    xml: String,
    /// Link targets, in the order the text first uses them; link `n` is `rIdLink{n+1}`.
    links: Vec<String>,
}

/// One paragraph being written.
struct Paragraph<'a> {
    xml: &'a mut String,
    links: &'a mut Vec<String>,
}

#[derive(Clone, Copy)]
enum Look {
    Plain,
    Italic,
    Link,
}

impl Body {
    /// A paragraph in `style` (Normal when `None`).
    fn paragraph(&mut self, style: Option<&str>, runs: impl FnOnce(&mut Paragraph)) {
        let properties = style
            .map(|style| format!(r#"<w:pStyle w:val="{style}"/>"#))
            .unwrap_or_default();
        self.paragraph_with(&properties, runs);
    }

    /// An item of the bullet list.
    fn bullet(&mut self, text: &str) {
        let properties = format!(
            r#"<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{BULLETS}"/></w:numPr>"#
        );
        self.paragraph_with(&properties, |p| p.text(text, Look::Plain));
    }

    /// A paragraph with the paragraph properties `properties` (WordprocessingML inside
    /// `<w:pPr>`, none when empty).
    fn paragraph_with(&mut self, properties: &str, runs: impl FnOnce(&mut Paragraph)) {
        self.xml.push_str("<w:p>");
        if !properties.is_empty() {
            let _ = write!(self.xml, "<w:pPr>{properties}</w:pPr>");
        }
        runs(&mut Paragraph {
            xml: &mut self.xml,
            links: &mut self.links,
        });
        self.xml.push_str("</w:p>");
    }
}

impl Paragraph<'_> {
    /// A run of `text`; its line breaks stay line breaks.
    fn text(&mut self, text: &str, look: Look) {
        self.xml.push_str("<w:r>");
        match look {
            Look::Plain => {}
            Look::Italic => self.xml.push_str("<w:rPr><w:i/></w:rPr>"),
            Look::Link => self
                .xml
                .push_str(r#"<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>"#),
        }
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                self.xml.push_str("<w:br/>");
            }
            self.xml.push_str(r#"<w:t xml:space="preserve">"#);
            escape_into(self.xml, &line.replace('\t', " "));
            self.xml.push_str("</w:t>");
        }
        self.xml.push_str("</w:r>");
    }

    /// `text` as a link to `uri`.
    fn link(&mut self, text: &str, uri: &str) {
        let n = match self.links.iter().position(|l| l == uri) {
            Some(at) => at + 1,
            None => {
                self.links.push(uri.to_owned());
                self.links.len()
            }
        };
        let _ = write!(self.xml, r#"<w:hyperlink r:id="rIdLink{n}" w:history="1">"#);
        self.text(text, Look::Link);
        self.xml.push_str("</w:hyperlink>");
    }
}

/// Appends `text` to `out` as XML character data (also fit for an attribute value),
/// leaving out the control characters XML cannot carry.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// The package: every part, in a fixed order, with fixed times.
fn package(meta: &Meta, body: &Body) -> Result<Vec<u8>> {
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_relationships()),
        ("docProps/core.xml", core_properties(meta)),
        ("docProps/app.xml", app_properties()),
        ("word/document.xml", document(body)),
        ("word/_rels/document.xml.rels", document_relationships(body)),
        ("word/styles.xml", styles()),
        ("word/numbering.xml", numbering()),
    ];
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in parts {
        archive.start_file(name, options).map_err(failed)?;
        archive.write_all(xml.as_bytes()).map_err(failed)?;
    }
    Ok(archive.finish().map_err(failed)?.into_inner())
}

fn failed(error: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the Word document could not be written: {error}"))
}

fn content_types() -> String {
    const TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
    const OFFICE: &str = "application/vnd.openxmlformats-officedocument";
    format!(
        r#"{XML_DECLARATION}<Types xmlns="{TYPES}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{OFFICE}.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{OFFICE}.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="{OFFICE}.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="{OFFICE}.extended-properties+xml"/></Types>"#
    )
}

fn package_relationships() -> String {
    format!(
        r#"{XML_DECLARATION}<Relationships xmlns="{REL}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="{REL}/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

/// Title, author, subject, keywords and date, as the PDF's document information has them.
fn core_properties(meta: &Meta) -> String {
    let mut xml = format!(
        r#"{XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords>"#,
        escaped(&meta.title),
        escaped(&meta.subject),
        escaped(&meta.author),
        escaped(&meta.keywords.join(", ")),
    );
    if !meta.date.is_empty() {
        let date = escaped(&meta.date);
        let _ = write!(
            xml,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#
        );
    }
    xml.push_str("</cp:coreProperties>");
    xml
}

fn app_properties() -> String {
    format!(
        r#"{XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Career Hub</Application></Properties>"#
    )
}

/// The body on A4 with 2 cm margins, as the PDF's default paper.
fn document(body: &Body) -> String {
    format!(
        r#"{XML_DECLARATION}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        body.xml
    )
}

fn document_relationships(body: &Body) -> String {
    let mut xml = format!(
        r#"{XML_DECLARATION}<Relationships xmlns="{REL}"><Relationship Id="rIdStyles" Type="{R}/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="{R}/numbering" Target="numbering.xml"/>"#
    );
    for (i, uri) in body.links.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<Relationship Id="rIdLink{}" Type="{R}/hyperlink" Target="{}" TargetMode="External"/>"#,
            i + 1,
            escaped(uri)
        );
    }
    xml.push_str("</Relationships>");
    xml
}

/// Normal text, the title, two heading levels (outline levels, so Word's navigation
/// pane and tracking systems see the structure), list paragraphs and links.
fn styles() -> String {
    let heading = |id: &str, name: &str, size: u32, level: u32, before: u32| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="{before}" w:after="80"/><w:outlineLvl w:val="{level}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>"#
        )
    };
    format!(
        r#"{XML_DECLARATION}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style>{}{}<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="40"/><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>"#,
        heading("Heading1", "heading 1", 26, 0, 240),
        heading("Heading2", "heading 2", 22, 1, 160),
    )
}

/// One list: a bullet at the first level.
fn numbering() -> String {
    format!(
        r#"{XML_DECLARATION}<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    )
}
