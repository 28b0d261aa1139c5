//! The ATS check: an exported CV read back as an applicant-tracking system reads it —
//! by a PDF text extractor that knows nothing of how Career Hub wrote the file (lopdf's,
//! through each font's ToUnicode map) — and compared with what the CV was meant to
//! say. Each finding says what a tracking system would trip on and how to fix it.
//!
//! Text is compared with runs of white space made one space and without case, since
//! extractors differ in where they break lines; contact details and links without any
//! white space, since a line break inside a long link is not the reader's problem.

use serde::Serialize;

use crate::cv::content::Content;

/// One thing a tracking system would trip on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Finding {
    /// `unreadable`, `no_text`, `garbled`, `name_not_first`, `contact_missing`,
    /// `heading_missing`, `heading_unusual`, `date_missing`, `date_unparseable`,
    /// `item_missing`, `item_order`, `too_large`, `too_long`.
    pub code: String,
    /// What is wrong, in words.
    pub problem: String,
    /// How to fix it.
    pub fix: String,
}

/// What the check found in one PDF.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AtsReport {
    pub pages: u32,
    pub bytes: u32,
    /// Characters of text the extractor read.
    pub characters: u32,
    /// Empty when a tracking system should read the CV as meant.
    pub findings: Vec<Finding>,
}

/// Section headings tracking systems recognise, lower case.
const STANDARD_HEADINGS: &[&str] = &[
    "summary",
    "profile",
    "experience",
    "work experience",
    "employment",
    "projects",
    "skills",
    "education",
    "certifications",
    "licenses & certifications",
    "achievements",
    "awards",
    "publications",
];

/// Most pages before the length is a finding.
const MAX_PAGES: u32 = 3;
/// Most bytes before the size is a finding (many systems refuse uploads over 2 MB).
const MAX_BYTES: u32 = 2 * 1024 * 1024;
/// Most bytes a page's content may inflate to while reading (a decompression bomb is
/// a finding, not a hang).
const MAX_PAGE_CONTENT: usize = 16 * 1024 * 1024;

fn finding(code: &str, problem: String, fix: &str) -> Finding {
    Finding {
        code: code.to_owned(),
        problem,
        fix: fix.to_owned(),
    }
}

/// Lower case, each run of white space one space.
fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Lower case, without any white space.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Characters that extract as something no reader can use: private-use code points
/// (a glyph without a Unicode meaning), the replacement character, control
/// characters, and ligatures (which searches for "fi" or "fl" miss).
fn garbled(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{FFFD}' | '\u{FB00}'..='\u{FB06}')
        || (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Whether `hay` (normalised) holds `needle` (normalised). Right-to-left text comes
/// out of a PDF in the order it is drawn, which is reversed: an Arabic or Hebrew
/// string is found either way round.
fn holds(hay: &str, needle: &str) -> bool {
    if hay.contains(needle) {
        return true;
    }
    let rtl = needle
        .chars()
        .any(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'));
    rtl && hay.contains(&needle.chars().rev().collect::<String>())
}

/// Where `needle` ends, found in `hay` at or after byte `from` (either way round,
/// as [`holds`] finds it).
fn find_after(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let rest = &hay[from..];
    if let Some(at) = rest.find(needle) {
        return Some(from + at + needle.len());
    }
    let reversed: String = needle.chars().rev().collect();
    holds(rest, needle)
        .then(|| rest.find(&reversed).map(|at| from + at + reversed.len()))
        .flatten()
}

/// The fonts of the document whose glyphs have no map back to letters: composite
/// fonts (glyph ids, not characters) without a `/ToUnicode` map read as garbage.
fn unmapped_fonts(document: &lopdf::Document) -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    for page in document.get_pages().values() {
        let Ok(fonts) = document.get_page_fonts(*page) else {
            continue;
        };
        for font in fonts.values() {
            let composite = font
                .get(b"Subtype")
                .and_then(lopdf::Object::as_name)
                .is_ok_and(|s| s == b"Type0");
            if composite && !font.has(b"ToUnicode") {
                let name = font
                    .get(b"BaseFont")
                    .and_then(lopdf::Object::as_name)
                    .map_or_else(
                        |_| "a font".to_owned(),
                        |n| String::from_utf8_lossy(n).into_owned(),
                    );
                names.insert(name);
            }
        }
    }
    names.into_iter().collect()
}

/// Whether `date` reads as a tracking system expects: "Mon YYYY", "YYYY", "YYYY-MM",
/// "MM/YYYY" or "Present", alone or as a range with "–" or "-".
fn parseable_date(dates: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let year = |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
    dates
        .split(['–', '—'])
        .flat_map(|part| part.split(" - "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .all(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            match words.as_slice() {
                [w] if w.eq_ignore_ascii_case("present") || year(w) => true,
                [w] => {
                    let (a, b) = w.split_once(['-', '/']).unwrap_or(("", ""));
                    (year(a) && b.len() == 2) || (year(b) && a.len() == 2)
                }
                [month, y] => {
                    let m = month.trim_end_matches('.').to_lowercase();
                    MONTHS.iter().any(|x| m.starts_with(x)) && year(y)
                }
                _ => false,
            }
        })
}

/// Reads `pdf` back and checks it against `content`, what it was meant to say.
pub fn check(pdf: &[u8], content: &Content) -> AtsReport {
    let bytes = u32::try_from(pdf.len()).unwrap_or(u32::MAX);
    let document = match lopdf::Document::load_mem(pdf) {
        Ok(document) => document,
        Err(error) => {
            return AtsReport {
                pages: 0,
                bytes,
                characters: 0,
                findings: vec![finding(
                    "unreadable",
                    format!("The file cannot be read as a PDF ({error})."),
                    "Export the CV again from Career Hub.",
                )],
            };
        }
    };
    let numbers: Vec<u32> = document.get_pages().keys().copied().collect();
    let pages = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
    let mut findings = Vec::new();
    let mut texts = Vec::new();
    for number in &numbers {
        match document.extract_text_with_limit(&[*number], MAX_PAGE_CONTENT) {
            Ok(text) => texts.push(text),
            Err(error) => {
                findings.push(finding(
                    "garbled",
                    format!("The text of page {number} cannot be read ({error})."),
                    "Export the CV again from Career Hub; a PDF edited by another program may have lost what maps its glyphs to letters.",
                ));
                texts.push(String::new());
            }
        }
    }
    let text = texts.join("\n");
    let unmapped = unmapped_fonts(&document);
    if !unmapped.is_empty() {
        findings.push(finding(
            "garbled",
            format!(
                "Text in {} has no map from its glyphs to letters (no ToUnicode): systems read it as garbage.",
                unmapped.join(", ")
            ),
            "Export the CV from Career Hub again; a PDF re-saved by another program may have lost the maps.",
        ));
    }
    let characters =
        u32::try_from(text.chars().filter(|c| !c.is_whitespace()).count()).unwrap_or(u32::MAX);
    if bytes > MAX_BYTES {
        findings.push(finding(
            "too_large",
            format!(
                "The file is {:.1} MB; many systems refuse uploads over 2 MB.",
                bytes as f64 / 1_048_576.0
            ),
            "Leave out a photo or attachments, or export again.",
        ));
    }
    if pages > MAX_PAGES {
        findings.push(finding(
            "too_long",
            format!(
                "The CV runs to {pages} pages; readers and some systems stop after two or three."
            ),
            "Select fewer items for this version (Tailor to a job proposes the ones that matter).",
        ));
    }
    if characters < 20 {
        findings.push(finding(
            "no_text",
            "No text can be read from the PDF: to a tracking system it is empty (text drawn as images, or fonts without a map from glyphs to letters).".to_owned(),
            "Export the CV from Career Hub, whose PDFs carry their text; do not scan or print it to an image.",
        ));
        return AtsReport {
            pages,
            bytes,
            characters,
            findings,
        };
    }
    let odd: Vec<char> = text.chars().filter(|c| garbled(*c)).collect();
    if !odd.is_empty() {
        let shown: String = odd
            .iter()
            .take(5)
            .map(|c| format!("U+{:04X} ", u32::from(*c)))
            .collect();
        findings.push(finding(
            "garbled",
            format!(
                "{} character(s) read as something no system can use ({}): private-use glyphs, ligatures or control characters.",
                odd.len(),
                shown.trim()
            ),
            "Export the CV from Career Hub again; if the text was pasted from another program, retype the affected words.",
        ));
    }
    let all = normal(&text);
    let first_page = normal(texts.first().map_or("", String::as_str));
    // The name first: within the first words of the first page.
    let name = normal(&content.name);
    let head: String = first_page.chars().take(name.chars().count() + 40).collect();
    if !name.is_empty() && !holds(&head, &name) {
        findings.push(finding(
            "name_not_first",
            format!("Your name (\"{}\") is not the first thing the first page says; systems take the first line for the name.", content.name),
            "Fill in your name in Basics; a name only in an image or a header graphic cannot be read.",
        ));
    }
    let top: String = compact(&first_page).chars().take(600).collect();
    for item in &content.contact {
        if !top.contains(&compact(&item.text)) {
            findings.push(finding(
                "contact_missing",
                format!("\"{}\" is not near the top of the first page, where systems look for contact details.", item.text),
                "Keep contact details in Basics, plain text, at the top.",
            ));
        }
    }
    // Headings, standard and present, in order; then every item of each, in order.
    let mut at = 0;
    for section in &content.sections {
        let heading = normal(section.title);
        if !STANDARD_HEADINGS.contains(&heading.as_str()) {
            findings.push(finding(
                "heading_unusual",
                format!("The heading \"{}\" is not one tracking systems know.", section.title),
                "Use the usual headings: Experience, Projects, Skills, Education, Certifications, Achievements.",
            ));
        }
        match find_after(&all, at, &heading) {
            Some(end) => at = end,
            None => {
                findings.push(finding(
                    "heading_missing",
                    format!("The heading \"{}\" cannot be read where it should be.", section.title),
                    "Export the CV again; if it persists, report it: the PDF is not read as written.",
                ));
                continue;
            }
        }
        for entry in &section.entries {
            let title = normal(&entry.title);
            match find_after(&all, at, &title) {
                Some(end) => at = end,
                None if holds(&all, &title) => findings.push(finding(
                    "item_order",
                    format!("\"{}\" is read out of order: a system would file it under the wrong heading or job.", entry.title),
                    "Export the CV again; a layout with columns or text boxes reads out of order.",
                )),
                None => findings.push(finding(
                    "item_missing",
                    format!("\"{}\" is on the CV but cannot be read.", entry.title),
                    "Export the CV again from Career Hub.",
                )),
            }
            if let Some(dates) = &entry.dates {
                if !parseable_date(dates) {
                    findings.push(finding(
                        "date_unparseable",
                        format!("The dates \"{dates}\" of \"{}\" are not in a form systems parse.", entry.title),
                        "Give dates as month and year (Career Hub prints them as \"Mar 2019 – Present\").",
                    ));
                } else if !holds(&all, &normal(dates)) {
                    findings.push(finding(
                        "date_missing",
                        format!("The dates of \"{}\" cannot be read.", entry.title),
                        "Export the CV again from Career Hub.",
                    ));
                }
            }
        }
        for item in &section.inline {
            if !holds(&all, &normal(item)) {
                findings.push(finding(
                    "item_missing",
                    format!("\"{item}\" is on the CV but cannot be read."),
                    "Export the CV again from Career Hub.",
                ));
            }
        }
    }
    AtsReport {
        pages,
        bytes,
        characters,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::parseable_date;

    #[test]
    fn the_date_forms_systems_parse_are_told_from_others() {
        for good in [
            "Mar 2019 – Present",
            "Jan 1930 – Dec 1934",
            "2019",
            "2019-03 - 2020-01",
            "03/2019",
            "Dec 1943",
        ] {
            assert!(parseable_date(good), "{good}");
        }
        for bad in ["Spring 2019", "last year", "19 – 20", "March the 3rd"] {
            assert!(!parseable_date(bad), "{bad}");
        }
    }
}
