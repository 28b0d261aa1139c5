//! What a CV says, as a document to typeset: plain sections and entries in reading
//! order, with the look (template) and paper chosen. Built by whoever knows the
//! content (Career Hub's core builds it from a profile); this crate knows nothing of
//! where it came from.

use serde::{Deserialize, Serialize};

/// A link or a piece of contact information in the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactItem {
    pub text: String,
    pub uri: Option<String>,
}

/// One job, project, degree, certificate or achievement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub subtitle: Option<String>,
    /// Already formatted ("Mar 2019 – Present").
    pub dates: Option<String>,
    pub text: Option<String>,
    pub bullets: Vec<String>,
    /// Technologies and similar, one line.
    pub tags: Vec<String>,
    pub link: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    pub entries: Vec<Entry>,
    /// Short items printed together (skills), instead of entries.
    pub inline: Vec<String>,
}

/// Document information for the PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// The newest `updated_at` of what the CV shows (RFC 3339, UTC).
    pub date: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content {
    pub name: String,
    pub headline: Option<String>,
    pub contact: Vec<ContactItem>,
    pub summary: Option<String>,
    pub sections: Vec<Section>,
    pub meta: Meta,
}

/// A CV's look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// Sans-serif, name on the left, coloured headings over a thin rule.
    #[default]
    Modern,
    /// Serif, centred name and contact line, headings between full-width rules.
    Classic,
}

impl Template {
    pub const ALL: [Template; 2] = [Template::Modern, Template::Classic];

    pub fn name(self) -> &'static str {
        match self {
            Template::Modern => "modern",
            Template::Classic => "classic",
        }
    }

    pub fn parse(text: &str) -> Option<Template> {
        Template::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// Paper sizes, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" | "us-letter" | "usletter" => Some(Paper::Letter),
            _ => None,
        }
    }
}

/// Why a PDF could not be made (a font or the writer failed); nothing was written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PdfError(pub String);
