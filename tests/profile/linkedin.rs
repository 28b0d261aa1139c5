//! LinkedIn export import: a folder or its ZIP, tolerant of missing files and columns,
//! reordered columns, BOMs and multi-line fields; clear errors for a wrong layout or a
//! ZIP bomb, with a FAILED history row and nothing else written.

use std::io::Write;
use std::path::{Path, PathBuf};

use career_hub::import::linkedin::{date, import};
use career_hub::profile;

use crate::fixture::{self, count};

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/linkedin")
        .join(name)
}

/// The folder's files as a ZIP inside `dir` (as LinkedIn sends them: in a subfolder).
fn zipped(folder: &Path, dir: &Path) -> PathBuf {
    let path = dir.join("Basic_LinkedInDataExport.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for entry in std::fs::read_dir(folder).unwrap() {
        let entry = entry.unwrap();
        zip.start_file(
            format!("export/{}", entry.file_name().to_string_lossy()),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(&std::fs::read(entry.path()).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    path
}

#[test]
fn linkedin_dates_are_read() {
    assert_eq!(date("Jan 2020").as_deref(), Some("2020-01"));
    assert_eq!(date("September 2019").as_deref(), Some("2019-09"));
    assert_eq!(date("2020").as_deref(), Some("2020"));
    assert_eq!(date("2020-03-15").as_deref(), Some("2020-03-15"));
    assert_eq!(date("Mar 5, 2021").as_deref(), Some("2021-03-05"));
    assert_eq!(date("someday"), None);
}

#[test]
fn a_full_export_lands_in_every_section() {
    let (mut db, local) = fixture::profile();
    let report = import(&mut db, &local, &fixture_dir("full"), false).unwrap();
    let full = profile::load(db.conn(), &local.profile_id).unwrap();
    assert_eq!(
        full.profile.contact.name.as_deref(),
        Some("Margaret Hamilton")
    );
    assert_eq!(
        full.profile.contact.email.as_deref(),
        Some("margaret@example.com"),
        "the primary address"
    );
    assert_eq!(
        full.profile.contact.website.as_deref(),
        Some("https://hamilton.example.com")
    );
    assert_eq!(
        full.profile.location.as_deref(),
        Some("Boston, Massachusetts")
    );
    let mit = full
        .experiences
        .iter()
        .find(|e| e.company_name.starts_with("MIT"))
        .unwrap();
    assert_eq!(
        (mit.start_date.as_str(), mit.end_date.as_deref()),
        // "Dec 1976" as an end: the last day of that month.
        ("1961-08-01", Some("1976-12-31"))
    );
    assert!(
        mit.description
            .as_deref()
            .unwrap()
            .contains("\nWrote the error-detection"),
        "multi-line text is kept"
    );
    let founder = full
        .experiences
        .iter()
        .find(|e| e.company_name == "Hamilton Technologies")
        .unwrap();
    assert!(founder.is_current, "no end date: current");
    assert_eq!(full.education[0].degree.as_deref(), Some("BA"));
    assert_eq!(full.skills.len(), 2);
    assert_eq!(
        full.certifications[0].issue_date.as_deref(),
        Some("2016-11-01")
    );
    assert_eq!(full.projects[0].name, "Apollo Guidance Computer Software");
    assert_eq!(full.achievements.len(), 2, "a publication and an honor");
    assert!(
        report.preserved.iter().any(|p| p.starts_with("languages")),
        "{:?}",
        report.preserved
    );
    let status: String = db
        .conn()
        .query_row(
            "SELECT source || ' ' || status FROM import_history",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "LINKEDIN COMPLETED");
}

#[test]
fn the_zip_imports_the_same_and_a_second_import_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = zipped(&fixture_dir("full"), dir.path());
    let (mut db, local) = fixture::profile();
    let first = import(&mut db, &local, &archive, false).unwrap();
    assert_eq!(count(&db, "experiences"), 2);
    let second = import(&mut db, &local, &archive, false).unwrap();
    assert!(second.added.is_empty(), "{second:#?}");
    assert_eq!(second.skipped.len(), first.added.len());
    assert_eq!(count(&db, "experiences"), 2);
}

#[test]
fn partial_reordered_and_bom_exports() {
    let (mut db, local) = fixture::profile();
    import(&mut db, &local, &fixture_dir("positions-only"), false).unwrap();
    assert_eq!(count(&db, "experiences"), 2, "only Positions.csv is enough");

    let (mut db, local) = fixture::profile();
    import(&mut db, &local, &fixture_dir("reordered"), false).unwrap();
    let jobs = profile::load(db.conn(), &local.profile_id)
        .unwrap()
        .experiences;
    let intern = jobs.iter().find(|e| e.position == "Intern").unwrap();
    assert_eq!(
        (intern.company_name.as_str(), intern.start_date.as_str()),
        ("Globex", "2018-06-01")
    );
    assert_eq!(intern.end_date.as_deref(), Some("2019-02-28"));

    let (mut db, local) = fixture::profile();
    import(&mut db, &local, &fixture_dir("bom"), false).unwrap();
    let job = &profile::load(db.conn(), &local.profile_id)
        .unwrap()
        .experiences[0];
    assert_eq!(
        job.company_name, "Acme, Inc.",
        "the BOM is not part of the first column"
    );
    assert_eq!(
        job.description.as_deref(),
        Some("First line\r\nSecond line with \"quotes\"")
    );
}

#[test]
fn a_wrong_layout_or_a_zip_bomb_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("wrong");
    std::fs::create_dir(&wrong).unwrap();
    std::fs::write(wrong.join("Positions.csv"), "Firma,Titel\nAcme,Dev\n").unwrap();

    let latin1 = dir.path().join("latin1");
    std::fs::create_dir(&latin1).unwrap();
    std::fs::write(
        latin1.join("Positions.csv"),
        b"Company Name,Title,Started On\nCaf\xe9 Ren\xe9,Dev,Jan 2020\n",
    )
    .unwrap();

    let bomb = dir.path().join("bomb.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        zip.start_file("Positions.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"Company Name,Title,Started On\n").unwrap();
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..30 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(
        std::fs::metadata(&bomb).unwrap().len() < 1024 * 1024,
        "the archive is small, its content is not"
    );

    for (path, expected) in [
        (
            wrong.clone(),
            "Positions.csv has no \"Company Name\" column",
        ),
        (bomb.clone(), "more than 20 MB"),
        (latin1.clone(), "Positions.csv is not UTF-8 text"),
        (dir.path().join("missing.zip"), "could not open"),
    ] {
        let (mut db, local) = fixture::profile();
        let error = import(&mut db, &local, &path, false).unwrap_err();
        assert!(
            error.to_string().contains(expected),
            "{}: {error}",
            path.display()
        );
        let status: String = db
            .conn()
            .query_row("SELECT status FROM import_history", [], |r| r.get(0))
            .unwrap();
        assert_eq!(status, "FAILED");
        assert_eq!(count(&db, "experiences"), 0);
    }
}

#[test]
fn a_dry_run_writes_nothing() {
    let (mut db, local) = fixture::profile();
    let report = import(&mut db, &local, &fixture_dir("full"), true).unwrap();
    assert_eq!(report.source, "LINKEDIN");
    assert!(!report.added.is_empty());
    assert_eq!(count(&db, "experiences"), 0);
    assert_eq!(count(&db, "import_history"), 0);
}
