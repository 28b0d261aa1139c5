//! The CVs both engines render: JSON Resume's sample résumé (from the npm package
//! `resume-schema` that the set-up installs) and a ten-page CV, as Career Hub
//! content; and the same content as a forme-pdf document with the same fonts.

use career_hub::profile::Section;
use std::path::Path;

use base64::Engine;
use career_hub::cv::content::{Content, Entry};
use career_hub::cv::fonts::FaceId;
use career_hub::profile::{self, FullProfile, experience};
use career_hub::{AuditContext, Db, Source};
use serde_json::{Value, json};

/// A database holding the sample résumé, imported through the JSON Resume importer.
fn with_sample() -> (Db, profile::LocalProfile) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/node_modules/resume-schema/sample.resume.json");
    let mut db = Db::open_in_memory().expect("an in-memory database");
    db.set_audit_context(AuditContext::new(Source::Import));
    let local = profile::bootstrap(&mut db).expect("a profile");
    career_hub::import::jsonresume::import_file(&mut db, &local, &path, false)
        .expect("run `bash scripts/setup.sh` first: it installs ui/node_modules/resume-schema");
    (db, local)
}

/// The sample résumé.
pub fn sample() -> FullProfile {
    let (db, local) = with_sample();
    profile::load(db.conn(), &local.profile_id).expect("the profile")
}

/// The sample résumé plus enough jobs to fill ten A4 pages.
pub fn ten_pages() -> FullProfile {
    let (mut db, local) = with_sample();
    for i in 0..44 {
        experience::Experience::create(
            &mut db,
            &local.profile_id,
            experience::ExperienceInput {
                company_name: format!("Company {i}"),
                position: format!("Senior engineer {i}"),
                start_date: "2010-01-01".into(),
                end_date: Some("2012-06-01".into()),
                description: Some("Built and ran storage and search systems for a product used by millions of people, from the first prototype to a team of twelve.".into()),
                responsibilities: (0..6)
                    .map(|b| format!("Result {b}: cut the time to answer a query by half while the data grew tenfold"))
                    .collect(),
                ..experience::ExperienceInput::default()
            },
        )
        .expect("a job");
    }
    profile::load(db.conn(), &local.profile_id).expect("the profile")
}

fn font(face: FaceId, weight: u32, italic: bool) -> Value {
    let data = base64::engine::general_purpose::STANDARD.encode(face.bytes());
    json!({
        "family": "DejaVu Sans",
        "src": format!("data:font/ttf;base64,{data}"),
        "weight": weight,
        "italic": italic,
    })
}

fn text(content: &str, size: f64, weight: u32, italic: bool, color: [f64; 3]) -> Value {
    json!({
        "kind": { "type": "Text", "content": content },
        "style": {
            "fontSize": size,
            "fontWeight": weight,
            "fontStyle": if italic { "Italic" } else { "Normal" },
            "lineHeight": 1.3,
            "color": { "r": color[0], "g": color[1], "b": color[2], "a": 1.0 },
        },
        "children": [],
    })
}

const BLACK: [f64; 3] = [0.0, 0.0, 0.0];
const ACCENT: [f64; 3] = [0.09, 0.33, 0.58];
const MUTED: [f64; 3] = [0.38, 0.40, 0.44];

fn entry(e: &Entry) -> Value {
    let mut children = vec![json!({
        "kind": { "type": "View" },
        "style": { "flexDirection": "Row", "justifyContent": "SpaceBetween" },
        "children": [
            text(&e.title, 10.0, 700, false, BLACK),
            text(e.dates.as_deref().unwrap_or(""), 8.5, 400, false, MUTED),
        ],
    })];
    if let Some(subtitle) = &e.subtitle {
        children.push(text(subtitle, 9.5, 400, true, MUTED));
    }
    if let Some(body) = &e.text {
        children.push(text(body, 9.5, 400, false, BLACK));
    }
    for bullet in &e.bullets {
        children.push(text(&format!("• {bullet}"), 9.5, 400, false, BLACK));
    }
    if !e.tags.is_empty() {
        children.push(text(&e.tags.join(" · "), 8.5, 400, true, MUTED));
    }
    json!({
        "kind": { "type": "View" },
        "style": { "margin": { "top": 8, "right": 0, "bottom": 0, "left": 0 } },
        "children": children,
    })
}

/// `content` as a forme-pdf document: the same text, sizes, colours and fonts
/// (DejaVu Sans regular, bold and oblique) as Career Hub's modern template.
pub fn forme_document(content: &Content) -> Value {
    let mut children = vec![text(&content.name, 22.0, 700, false, ACCENT)];
    if let Some(headline) = &content.headline {
        children.push(text(headline, 11.5, 400, false, MUTED));
    }
    let contact: Vec<&str> = content.contact.iter().map(|c| c.text.as_str()).collect();
    children.push(text(&contact.join("  ·  "), 8.5, 400, false, BLACK));
    if let Some(summary) = &content.summary {
        children.push(text("SUMMARY", 11.0, 700, false, ACCENT));
        children.push(text(summary, 9.5, 400, false, BLACK));
    }
    for section in &content.sections {
        children.push(text(
            &section.title.to_uppercase(),
            11.0,
            700,
            false,
            ACCENT,
        ));
        if !section.inline.is_empty() {
            children.push(text(&section.inline.join("  ·  "), 9.5, 400, false, BLACK));
        }
        children.extend(section.entries.iter().map(entry));
    }
    json!({
        "children": [{
            "kind": { "type": "Page", "config": {
                "size": "A4",
                "margin": { "top": 48, "right": 48, "bottom": 36, "left": 48 },
                "wrap": true,
            } },
            "style": { "fontFamily": "DejaVu Sans" },
            "children": children,
        }],
        "metadata": { "title": content.meta.title, "author": content.meta.author },
        "fonts": [
            font(FaceId::Sans, 400, false),
            font(FaceId::SansBold, 700, false),
            font(FaceId::SansItalic, 400, true),
        ],
        "tagged": false,
    })
}
