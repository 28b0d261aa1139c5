//! The typesetting crate on its own: a document built by hand, with no profile and no
//! database, laid out and written. The printed result of real profiles is tested in
//! the core's `tests/profile/cv.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use career_hub_typeset::document::{ContactItem, Content, Entry, Meta, Section};
use career_hub_typeset::layout::Item;
use career_hub_typeset::{Paper, Template, pages, pdf, preview};

fn job(n: usize) -> Entry {
    Entry {
        title: format!("Engineer {n}"),
        subtitle: Some("Example Ltd".into()),
        dates: Some("Mar 2019 – Present".into()),
        text: Some("Built the things that mattered.".into()),
        bullets: (0..4).map(|b| format!("Achievement {n}.{b}")).collect(),
        tags: vec!["Rust".into(), "SQLite".into()],
        link: None,
    }
}

fn document(jobs: usize) -> Content {
    Content {
        name: "Ada Lovelace".into(),
        headline: Some("Analyst".into()),
        contact: vec![ContactItem {
            text: "ada@example.com".into(),
            uri: Some("mailto:ada@example.com".into()),
        }],
        summary: Some("Writes the first programs.".into()),
        sections: vec![Section {
            title: "Experience",
            entries: (0..jobs).map(job).collect(),
            inline: Vec::new(),
        }],
        meta: Meta {
            title: "Ada Lovelace — CV".into(),
            author: "Ada Lovelace".into(),
            subject: "Curriculum vitae".into(),
            keywords: vec!["Rust".into()],
            date: "2026-01-01T00:00:00Z".into(),
        },
    }
}

fn text_of(page: &career_hub_typeset::layout::Page) -> String {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Text { run, .. } => Some(
                run.glyphs
                    .iter()
                    .map(|g| g.text.as_str())
                    .collect::<String>(),
            ),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_document_is_laid_out_on_the_paper_asked_for_and_every_entry_is_placed() {
    for template in Template::ALL {
        for paper in [Paper::A4, Paper::Letter] {
            let laid = pages(&document(30), template, paper);
            assert!(laid.len() > 1, "thirty jobs fill more than one page");
            let (width, height) = paper.size();
            let all: String = laid.iter().map(text_of).collect::<Vec<_>>().join(" ");
            for page in &laid {
                assert_eq!((page.width, page.height), (width, height));
            }
            for n in 0..30 {
                assert!(all.contains(&format!("Engineer {n}")), "job {n} is printed");
            }
            assert!(all.contains("Ada Lovelace"));
        }
    }
}

#[test]
fn the_same_document_gives_the_same_pdf_bytes_and_preview() {
    let content = document(3);
    let first = pdf(&content, Template::Modern, Paper::A4).unwrap();
    let second = pdf(&content, Template::Modern, Paper::A4).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    assert_eq!(first, second);
    let page = &pages(&content, Template::Classic, Paper::A4)[0];
    let svg = preview::svg(page);
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
    assert_eq!(svg, preview::svg(page));
}
