//! CV versions printed as PDF, checked with the tools a person (or an applicant-
//! tracking system) would use: pdftotext, pdffonts, pdfinfo, qpdf and pdftoppm.

use career_hub::profile::Section;
use std::path::{Path, PathBuf};
use std::process::Command;

use career_hub::cv::{self, Paper, PdfOptions, Template};
use career_hub::profile::cv_version::{self, CvVersionInput};
use career_hub::profile::{experience, project, skill};
use career_hub::{Db, import, profile::LocalProfile};

use crate::fixture::{self, job, project as new_project};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jsonresume")
        .join(name)
}

/// Runs a poppler or qpdf tool on `pdf` and returns what it printed.
fn tool(program: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cv.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(program)
        .args(args)
        .arg(&path)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is not installed (scripts/setup.sh installs it): {e}")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn text(pdf: &[u8]) -> String {
    tool("pdftotext", &[], pdf)
}

fn page_text(pdf: &[u8], page: usize) -> String {
    let page = page.to_string();
    tool("pdftotext", &["-layout", "-f", &page, "-l", &page], pdf)
}

fn page_count(pdf: &[u8]) -> usize {
    tool("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn imported(name: &str) -> (Db, LocalProfile) {
    let (mut db, local) = fixture::profile();
    import::jsonresume::import_file(&mut db, &local, &fixture(name), false).unwrap();
    (db, local)
}

fn pdf(db: &Db, local: &LocalProfile, version: Option<&str>, options: &PdfOptions) -> Vec<u8> {
    cv::export_pdf(db.conn(), &local.profile_id, version, options).unwrap()
}

/// A version named `name` with everything selected.
fn new_version(db: &mut Db, local: &LocalProfile, name: &str) -> cv_version::CvVersion {
    cv_version::create(
        db,
        &local.profile_id,
        CvVersionInput {
            name: name.into(),
            ..CvVersionInput::default()
        },
    )
    .unwrap()
}

/// Where `needle` first appears in `haystack`, failing with both when it does not.
fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is missing from the PDF text:\n{haystack}"))
}

#[test]
fn a_version_prints_what_it_selects_and_nothing_else_in_reading_order() {
    let (mut db, local) = imported("full.json");
    let everything = new_version(&mut db, &local, "Backend");
    let full = career_hub::profile::load(db.conn(), &local.profile_id).unwrap();
    assert!(full.experiences.len() >= 2 && full.skills.len() >= 2);
    let dropped_job = &full.experiences[1];
    let dropped_skill = &full.skills[0];
    let mut config = everything.sections_config.clone();
    config.experiences.retain(|id| id != &dropped_job.id);
    config.skills.retain(|id| id != &dropped_skill.id);
    let version = cv_version::update(
        &mut db,
        &everything.id,
        CvVersionInput {
            name: "Backend".into(),
            template: "modern".into(),
            sections_config: Some(config),
            is_default: true,
        },
    )
    .unwrap();

    let bytes = pdf(&db, &local, Some(&version.id), &PdfOptions::default());
    let text = text(&bytes);
    let name = full.profile.contact.name.clone().unwrap();
    assert_eq!(
        text.lines().next(),
        Some(name.as_str()),
        "the name comes first"
    );

    // Every selected item, section by section, in the version's order.
    let mut expected: Vec<String> = vec!["EXPERIENCE".into()];
    expected.extend(
        full.experiences
            .iter()
            .filter(|e| e.id != dropped_job.id)
            .map(|e| e.position.clone()),
    );
    expected.push("PROJECTS".into());
    expected.extend(full.projects.iter().map(|p| p.name.clone()));
    expected.push("SKILLS".into());
    expected.extend(
        full.skills
            .iter()
            .filter(|s| s.id != dropped_skill.id)
            .map(|s| s.technology.name.clone()),
    );
    expected.push("EDUCATION".into());
    expected.extend(full.education.iter().map(|e| e.institution.clone()));
    let mut at = 0;
    for item in &expected {
        let found = position(&text[at..], item);
        at += found + item.len();
    }

    assert!(
        !text.lines().any(|l| l.trim() == dropped_job.position),
        "an unselected job is printed:\n{text}"
    );
    assert!(
        !text.contains(&format!("{} (", dropped_skill.technology.name))
            && !text.contains(&format!("· {}", dropped_skill.technology.name)),
        "an unselected skill is printed:\n{text}"
    );
}

#[test]
fn every_font_is_embedded_the_file_is_valid_and_the_metadata_is_set() {
    let (db, local) = imported("full.json");
    for paper in [Paper::A4, Paper::Letter] {
        let bytes = pdf(
            &db,
            &local,
            None,
            &PdfOptions {
                template: None,
                paper,
            },
        );
        let fonts = tool("pdffonts", &[], &bytes);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "no fonts:\n{fonts}");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            // name type encoding emb sub uni object id
            let flags = &columns[columns.len() - 5..columns.len() - 2];
            assert_eq!(
                flags,
                ["yes", "yes", "yes"],
                "not embedded, subset and mapped: {row}"
            );
        }
        let check = tool("qpdf", &["--check"], &bytes);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );

        let info = tool("pdfinfo", &[], &bytes);
        let field = |name: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(str::trim)
                .unwrap_or_default()
                .to_owned()
        };
        let full = career_hub::profile::load(db.conn(), &local.profile_id).unwrap();
        let name = full.profile.contact.name.unwrap();
        assert_eq!(field("Title:"), format!("{name} — CV"));
        assert_eq!(field("Author:"), name);
        assert_eq!(field("Subject:"), full.profile.headline.unwrap());
        assert!(field("Keywords:").contains(&full.skills[0].technology.name));
        assert!(field("Producer:").starts_with("Career Hub"));
        // The date comes from the data, not the clock.
        let year = &full.profile.updated_at[..4];
        assert!(field("CreationDate:").contains(year), "{info}");
        let size = match paper {
            Paper::A4 => "595.28 x 841.89 pts (A4)",
            Paper::Letter => "612 x 792 pts (letter)",
        };
        assert_eq!(field("Page size:"), size);
    }
}

#[test]
fn links_are_clickable_without_a_border() {
    let (db, local) = imported("full.json");
    let full = career_hub::profile::load(db.conn(), &local.profile_id).unwrap();
    let bytes = pdf(&db, &local, None, &PdfOptions::default());
    let raw = String::from_utf8_lossy(&bytes);
    let email = full.profile.contact.email.unwrap();
    assert!(raw.contains(&format!("(mailto:{email})")), "no e-mail link");
    let website = full.profile.contact.website.unwrap();
    assert!(raw.contains(&format!("({website}")), "no website link");
    assert!(
        raw.replace("/Border [", "/Border[")
            .contains("/Border[0 0 0]"),
        "links would draw a box"
    );
}

#[test]
fn the_same_version_gives_the_same_bytes() {
    let (db, local) = imported("full.json");
    for template in Template::ALL {
        let options = PdfOptions {
            template: Some(template),
            paper: Paper::A4,
        };
        let first = pdf(&db, &local, None, &options);
        let second = pdf(&db, &local, None, &options);
        assert!(first == second, "two exports of {template:?} differ");
    }
}

fn long_profile(jobs: usize, bullets: usize) -> (Db, LocalProfile) {
    let (mut db, local) = fixture::profile();
    for i in 0..jobs {
        experience::Experience::create(
            &mut db,
            &local.profile_id,
            experience::ExperienceInput {
                description: Some(format!(
                    "Job {i} description: a team building storage and search systems used by many people every day."
                )),
                responsibilities: (0..bullets)
                    .map(|b| format!("Job {i} bullet {b}: shipped a change that made the product measurably better"))
                    .collect(),
                ..job(&format!("Company {i}"), &format!("Position {i}"), "2015-01-01")
            },
        )
        .unwrap();
    }
    for i in 0..6 {
        project::Project::create(
            &mut db,
            &local.profile_id,
            project::ProjectInput {
                description: Some(format!(
                    "Project {i} description that takes a line or two of text on the page."
                )),
                achievements: (0..4).map(|b| format!("Project {i} result {b}")).collect(),
                ..new_project(&format!("Project {i}"))
            },
        )
        .unwrap();
    }
    (db, local)
}

/// The page each line containing `needle` is on.
fn page_of(pages: &[String], needle: &str) -> usize {
    pages
        .iter()
        .position(|p| p.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is on no page"))
}

#[test]
fn three_pages_never_split_an_entry_or_strand_a_heading() {
    let (db, local) = long_profile(12, 6);
    for template in Template::ALL {
        let bytes = pdf(
            &db,
            &local,
            None,
            &PdfOptions {
                template: Some(template),
                paper: Paper::A4,
            },
        );
        let count = page_count(&bytes);
        assert!(
            count >= 3,
            "{template:?}: expected at least three pages, got {count}"
        );
        let pages: Vec<String> = (1..=count).map(|p| page_text(&bytes, p)).collect();
        for (n, page) in pages.iter().enumerate() {
            assert!(
                page.contains(&format!("Page {} of {count}", n + 1)),
                "no page number on page {}",
                n + 1
            );
            // The last line of text before the footer is never a heading.
            let last = page
                .lines()
                .map(str::trim)
                .rfind(|l| !l.is_empty() && !l.starts_with("Page "))
                .unwrap();
            for heading in ["EXPERIENCE", "PROJECTS", "Experience", "Projects"] {
                assert_ne!(
                    last,
                    heading,
                    "{template:?}: heading alone at the bottom of page {}",
                    n + 1
                );
            }
        }
        for i in 0..12 {
            let first = page_of(&pages, &format!("Position {i} "));
            let last = page_of(&pages, &format!("Job {i} bullet 5:"));
            assert_eq!(first, last, "{template:?}: job {i} is split across pages");
        }
        for i in 0..6 {
            assert_eq!(
                page_of(&pages, &format!("Project {i} description")),
                page_of(&pages, &format!("Project {i} result 3")),
                "{template:?}: project {i} is split across pages"
            );
        }
    }
}

#[test]
fn an_entry_longer_than_a_page_breaks_between_lines_and_loses_nothing() {
    let (db, local) = long_profile(1, 90);
    let bytes = pdf(&db, &local, None, &PdfOptions::default());
    let count = page_count(&bytes);
    assert!(count >= 2, "90 bullets should not fit on one page");
    let all: String = (1..=count).map(|p| page_text(&bytes, p)).collect();
    let mut at = 0;
    for b in 0..90 {
        let needle = format!("Job 0 bullet {b}:");
        assert_eq!(
            all.matches(&needle).count(),
            1,
            "{needle} printed other than once"
        );
        let found = position(&all[at..], &needle);
        at += found;
    }
    // The job's title is not left alone at the bottom of the first page.
    let first = page_text(&bytes, 1);
    assert!(first.contains("Position 0") && first.contains("Job 0 bullet 0:"));
}

#[test]
fn names_and_text_in_six_scripts_print_as_written() {
    let (db, local) = imported("scripts.json");
    let strings = [
        "Zoë Ångström-Núñez",
        "Zürich",
        "Μηχανικός λογισμικού",
        "Θεμελίωσε την ομάδα αποθήκευσης",
        "Разработчик систем хранения данных.",
        "Яндекс",
        "软件工程师",
        "构建了分布式索引",
        "我喜欢编写可靠的软件。",
        "مهندس برمجيات",
        "شركة البيانات",
        "طور نظام النسخ الاحتياطي",
        "בנה את מערכת הגיבוי",
        "עברית",
    ];
    for template in Template::ALL {
        let options = PdfOptions {
            template: Some(template),
            paper: Paper::A4,
        };
        let bytes = pdf(&db, &local, None, &options);
        let text = text(&bytes);
        for s in strings {
            assert!(
                text.contains(s),
                "{template:?}: {s:?} is not in the text:\n{text}"
            );
        }
        // Every character found a glyph: none is drawn as the empty box (.notdef).
        let pages = cv::preview_pages(db.conn(), &local.profile_id, None, &options).unwrap();
        for page in &pages {
            for item in &page.items {
                if let cv::layout::Item::Text { run, .. } = item {
                    for glyph in &run.glyphs {
                        assert_ne!(glyph.gid, 0, "{template:?}: {:?} has no glyph", glyph.text);
                    }
                }
            }
        }
        let fonts = tool("pdffonts", &[], &bytes);
        assert!(
            fonts.contains("DroidSansFallback"),
            "no CJK face embedded:\n{fonts}"
        );
    }
}

#[test]
fn an_anonymized_project_never_names_its_client() {
    let (mut db, local) = fixture::profile();
    project::Project::create(
        &mut db,
        &local.profile_id,
        project::ProjectInput {
            is_anonymized: true,
            anonymized_company: Some("A European retail bank".into()),
            clients: vec!["Acme Bank".into()],
            demo_url: Some("https://acme-bank.example.com/app".into()),
            role: Some("Lead engineer".into()),
            ..new_project("Payments platform")
        },
    )
    .unwrap();
    project::Project::create(
        &mut db,
        &local.profile_id,
        project::ProjectInput {
            visibility: "ANONYMOUS".into(),
            clients: vec!["Globex Insurance".into()],
            ..new_project("Claims portal")
        },
    )
    .unwrap();
    for template in Template::ALL {
        let bytes = pdf(
            &db,
            &local,
            None,
            &PdfOptions {
                template: Some(template),
                paper: Paper::A4,
            },
        );
        let text = text(&bytes);
        assert!(text.contains("A European retail bank"), "{text}");
        assert!(text.contains("Payments platform") && text.contains("Claims portal"));
        assert!(text.contains("Confidential client"), "{text}");
        let raw = String::from_utf8_lossy(&bytes);
        for secret in ["Acme", "acme-bank", "Globex"] {
            assert!(
                !text.contains(secret),
                "{template:?} leaks {secret}:\n{text}"
            );
            assert!(
                !raw.contains(secret),
                "{template:?} leaks {secret} in the file"
            );
        }
    }
}

#[test]
fn items_added_later_are_offered_not_added() {
    let (mut db, local) = fixture::profile();
    experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Initech", "Engineer", "2018-01-01"),
    )
    .unwrap();
    let version = new_version(&mut db, &local, "General");
    assert!(cv::offered(db.conn(), &version.id).unwrap().is_empty());
    std::thread::sleep(std::time::Duration::from_millis(5));
    let later = experience::Experience::create(
        &mut db,
        &local.profile_id,
        job("Hooli", "Staff engineer", "2022-01-01"),
    )
    .unwrap();
    skill::Skill::create(
        &mut db,
        &local.profile_id,
        skill::SkillInput {
            technology: "Rust".into(),
            ..skill::SkillInput::default()
        },
    )
    .unwrap();

    let offered = cv::offered(db.conn(), &version.id).unwrap();
    let labels: Vec<(&str, &str)> = offered
        .iter()
        .map(|o| (o.section.as_str(), o.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("experiences", "Staff engineer at Hooli"),
            ("skills", "Rust")
        ]
    );
    assert_eq!(offered[0].id, later.id);
    // Not silently added: the version and its PDF are as they were.
    let unchanged = cv_version::get(db.conn(), &version.id).unwrap();
    assert_eq!(unchanged.sections_config, version.sections_config);
    let text = text(&pdf(&db, &local, Some(&version.id), &PdfOptions::default()));
    assert!(
        text.contains("Initech") && !text.contains("Hooli"),
        "{text}"
    );
}

#[test]
fn exporting_to_a_file_records_where_it_went() {
    let (mut db, local) = imported("minimal.json");
    let version = new_version(&mut db, &local, "Short");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short.pdf");
    let written = cv::export_pdf_file(
        &mut db,
        &local.profile_id,
        None,
        &PdfOptions::default(),
        &path,
    )
    .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().len(), written);
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    let stored = cv_version::get(db.conn(), &version.id).unwrap();
    assert_eq!(stored.pdf_url.as_deref(), Some(path.to_str().unwrap()));

    // A destination that cannot be written leaves no file and no record.
    let bad = dir.path().join("missing-folder/short.pdf");
    assert!(
        cv::export_pdf_file(
            &mut db,
            &local.profile_id,
            None,
            &PdfOptions::default(),
            &bad
        )
        .is_err()
    );
    assert!(!bad.exists());
}

/// Renders page 1 of each template to `target/tmp/cv-templates/<template>.png`, the
/// artifact to look at, and checks it is a real picture with ink on it.
#[test]
fn each_template_renders_to_a_picture() {
    let (db, local) = imported("full.json");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cv-templates");
    std::fs::create_dir_all(&out).unwrap();
    for template in Template::ALL {
        let bytes = pdf(
            &db,
            &local,
            None,
            &PdfOptions {
                template: Some(template),
                paper: Paper::A4,
            },
        );
        let pdf_path = out.join(format!("{}.pdf", template.name()));
        std::fs::write(&pdf_path, &bytes).unwrap();
        let prefix = out.join(template.name());
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf_path)
            .arg(&prefix)
            .status()
            .unwrap();
        assert!(status.success());
        let png = std::fs::read(prefix.with_extension("png")).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        // A blank A4 page at 60 dpi compresses to well under 2 kB.
        assert!(
            png.len() > 10_000,
            "{template:?} page looks blank ({} bytes)",
            png.len()
        );
    }
}

#[test]
fn the_ats_check_passes_on_both_templates_and_in_every_script() {
    for fixture in ["full.json", "scripts.json"] {
        let (db, local) = imported(fixture);
        for template in Template::ALL {
            let options = PdfOptions {
                template: Some(template),
                paper: Paper::A4,
            };
            let report = cv::check_pdf(db.conn(), &local.profile_id, None, &options, None).unwrap();
            assert!(
                report.findings.is_empty(),
                "{fixture} {template:?}: {:#?}",
                report.findings
            );
            assert!(report.characters > 200 && report.pages >= 1);
        }
    }
}

/// The CV of `full.json` as exported, changed by `edit` as another program might.
fn broken(edit: impl FnOnce(&mut lopdf::Document)) -> (Db, LocalProfile, Vec<u8>) {
    let (db, local) = imported("full.json");
    let bytes = pdf(&db, &local, None, &PdfOptions::default());
    let mut document = lopdf::Document::load_mem(&bytes).unwrap();
    edit(&mut document);
    let mut out = Vec::new();
    document.save_to(&mut out).unwrap();
    (db, local, out)
}

fn codes(db: &Db, local: &LocalProfile, pdf: &[u8]) -> Vec<String> {
    let report = cv::check_pdf(
        db.conn(),
        &local.profile_id,
        None,
        &PdfOptions::default(),
        Some(pdf),
    )
    .unwrap();
    let mut codes: Vec<String> = report.findings.iter().map(|f| f.code.clone()).collect();
    codes.dedup();
    codes
}

#[test]
fn text_drawn_without_a_map_to_letters_fails_the_ats_check() {
    let (db, local, pdf) = broken(|document| {
        for object in document.objects.values_mut() {
            if let Ok(dictionary) = object.as_dict_mut() {
                dictionary.remove(b"ToUnicode");
            }
        }
    });
    // Said first, as the cause; what a system then misses follows from it.
    let codes = codes(&db, &local, &pdf);
    assert_eq!(
        codes.first().map(String::as_str),
        Some("garbled"),
        "{codes:?}"
    );
    for missed in ["name_not_first", "heading_missing"] {
        assert!(codes.iter().any(|c| c == missed), "{missed} in {codes:?}");
    }
}

#[test]
fn a_name_that_is_not_text_fails_the_ats_check_with_that_finding_alone() {
    // The first text drawn on the first page is the name: drawn some other way (as an
    // image would be), only the name is missing to a reader.
    let (db, local, pdf) = broken(|document| {
        let page = *document.get_pages().values().next().unwrap();
        let mut content = document.get_and_decode_page_content(page).unwrap();
        let first = content
            .operations
            .iter()
            .position(|op| op.operator == "Tj" || op.operator == "TJ")
            .unwrap();
        content.operations.remove(first);
        document
            .change_page_content(page, content.encode().unwrap())
            .unwrap();
    });
    assert_eq!(codes(&db, &local, &pdf), ["name_not_first"]);
}

#[test]
fn a_file_that_is_not_a_pdf_is_said_to_be_unreadable() {
    let (db, local) = imported("full.json");
    assert_eq!(
        codes(&db, &local, b"%PDF-1.7 this is not a PDF"),
        ["unreadable"]
    );
}

/// The XML of a Word document's body.
fn docx_body(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The text of a Word document's body, paragraph by paragraph.
fn docx_paragraphs(bytes: &[u8]) -> Vec<String> {
    docx_body(bytes)
        .split("</w:p>")
        .map(|paragraph| {
            let mut text = String::new();
            for piece in paragraph.split("<w:t").skip(1) {
                let inner = piece.split_once('>').map_or("", |(_, rest)| rest);
                text.push_str(inner.split("</w:t>").next().unwrap_or(""));
            }
            text.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn the_word_export_says_what_the_pdf_says_in_order_and_the_same_bytes_twice() {
    let (db, local) = imported("full.json");
    let first = cv::export_docx(db.conn(), &local.profile_id, None).unwrap();
    let second = cv::export_docx(db.conn(), &local.profile_id, None).unwrap();
    assert!(first == second, "the same CV gives the same bytes");
    let paragraphs = docx_paragraphs(&first);
    assert_eq!(paragraphs[0], "Grace Hopper");
    // Every line of the PDF's content in the same order.
    let pdf_text = text(&pdf(&db, &local, None, &PdfOptions::default()));
    let mut at = 0;
    for needle in [
        "Summary",
        "Experience",
        "Senior Mathematician",
        "Wrote the first compiler",
        "Rear Admiral",
        "Projects",
        "A-0 System",
        "Skills",
        "COBOL",
        "Education",
        "PhD, Mathematics",
        "Certifications",
        "Achievements",
        "National Medal of Technology",
    ] {
        let joined = paragraphs.join("\n");
        let found = joined[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} after {at} in {joined}"));
        at += found + needle.len();
        assert!(
            pdf_text.to_lowercase().contains(&needle.to_lowercase()),
            "{needle} in the PDF too"
        );
    }
    // Headings are Word's own, so structure survives.
    let xml = docx_body(&first);
    assert!(
        xml.contains(r#"<w:pStyle w:val="Heading1" />"#)
            || xml.contains(r#"<w:pStyle w:val="Heading1"/>"#),
        "headings are styled as headings"
    );
    assert!(xml.contains("<w:numPr>"), "bullets are a list");
    assert!(xml.contains("w:hyperlink"), "links are links");
}

#[test]
fn the_word_export_keeps_markup_characters_and_line_breaks_as_written() {
    let (mut db, local) = fixture::profile();
    experience::Experience::create(
        &mut db,
        &local.profile_id,
        experience::ExperienceInput {
            description: Some("Ran R&D for <Lead> \"tools\"\nSecond line".into()),
            responsibilities: vec!["Cut build times 5 -> 2 min\u{1}".into()],
            ..job("AT&T", "Engineer <II>", "2018-01-01")
        },
    )
    .unwrap();
    let bytes = cv::export_docx(db.conn(), &local.profile_id, None).unwrap();
    let paragraphs = docx_paragraphs(&bytes);
    for said in [
        "Engineer <II>  (Jan 2018)",
        "AT&T",
        "Ran R&D for <Lead> &quot;tools&quot;Second line",
        "Cut build times 5 -> 2 min",
    ] {
        assert!(
            paragraphs.iter().any(|p| p == said),
            "{said:?} in {paragraphs:?}"
        );
    }
    let xml = docx_body(&bytes);
    assert!(
        xml.contains("tools&quot;</w:t><w:br/><w:t"),
        "a line break in the text is a line break in Word"
    );
    assert!(
        !xml.contains('\u{1}'),
        "control characters XML cannot carry are left out"
    );
}

#[test]
fn the_word_export_opens_in_libreoffice_and_reads_in_the_order_of_the_pdf() {
    let (db, local) = imported("full.json");
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("cv.docx");
    std::fs::write(
        &docx,
        cv::export_docx(db.conn(), &local.profile_id, None).unwrap(),
    )
    .unwrap();
    // A private LibreOffice profile, so that nothing else running interferes.
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        dir.path().display()
    );
    let output = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap_or_else(|e| {
            panic!("LibreOffice is not installed (scripts/setup.sh installs it): {e}")
        });
    let converted = dir.path().join("cv.pdf");
    assert!(
        output.status.success() && converted.exists(),
        "LibreOffice could not open the document: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_word = text(&std::fs::read(&converted).unwrap());
    assert!(
        from_word.contains('•') && !from_word.contains("1. Wrote"),
        "bullets read as bullets, not numbers:\n{from_word}"
    );
    let from_pdf = text(&pdf(&db, &local, None, &PdfOptions::default()));
    // Everything the CV says, in the same order in both.
    let said = [
        "Grace Hopper",
        "grace@example.com",
        "Pioneer of machine-independent",
        "Senior Mathematician",
        "Jun 1949",
        "Remington Rand",
        "Wrote the first compiler",
        "Rear Admiral",
        "Standardized Navy programming languages",
        "A-0 System",
        "Turned math notation into machine code",
        "COBOL (Master)",
        "PhD, Mathematics",
        "Yale University",
        "Naval Reserve Commission",
        "National Medal of Technology",
    ];
    for (name, text) in [("Word", &from_word), ("PDF", &from_pdf)] {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut at = 0;
        for needle in said {
            let found = flat[at..]
                .find(needle)
                .unwrap_or_else(|| panic!("{name}: {needle:?} after byte {at} of:\n{flat}"));
            at += found + needle.len();
        }
    }
}
