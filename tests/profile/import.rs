//! JSON Resume import: every section lands somewhere, partial dates and both location
//! forms are read, re-importing adds nothing, a dry run writes nothing, and a bad file
//! is refused with a FAILED history row and nothing else written.

use career_hub::export::jsonresume::json_resume;
use career_hub::import::jsonresume::{import, import_file, level_of};
use career_hub::profile;

use crate::fixture::{self, count};

fn fixture_text(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jsonresume")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn history(db: &career_hub::Db) -> Vec<(String, String, i64, Option<String>)> {
    let mut stmt = db
        .conn()
        .prepare("SELECT source, status, items_imported, error_message FROM import_history ORDER BY rowid")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_full_resume_lands_in_every_section() {
    let (mut db, local) = fixture::profile();
    let report = import(&mut db, &local, &fixture_text("full.json"), false).unwrap();
    let full = profile::load(db.conn(), &local.profile_id).unwrap();
    let p = &full.profile;
    assert_eq!(p.contact.name.as_deref(), Some("Grace Hopper"));
    assert_eq!(
        p.headline.as_deref(),
        Some("Rear Admiral, Computer Scientist")
    );
    assert_eq!(p.location.as_deref(), Some("Arlington, Virginia, US"));
    assert_eq!(
        p.contact.linkedin.as_deref(),
        Some("https://www.linkedin.com/in/grace")
    );
    assert!(
        p.contact.other["profiles"].to_string().contains("ghopper"),
        "other profiles are kept in contact"
    );

    assert_eq!(full.experiences.len(), 3, "two jobs and the volunteering");
    let navy = full
        .experiences
        .iter()
        .find(|e| e.company_name == "US Navy")
        .unwrap();
    assert_eq!(
        navy.start_date, "1967-01-01",
        "a year alone is its first day"
    );
    assert!(navy.is_current, "no end date: the current job");
    let remington = full
        .experiences
        .iter()
        .find(|e| e.company_name == "Remington Rand")
        .unwrap();
    assert_eq!(remington.start_date, "1949-06-01");
    assert_eq!(
        remington.responsibilities.len(),
        2,
        "highlights become responsibilities"
    );
    let club = full
        .experiences
        .iter()
        .find(|e| e.company_name == "Computer History Club")
        .unwrap();
    assert_eq!(club.employment_type.as_deref(), Some("VOLUNTEER"));

    assert_eq!(full.projects[0].role.as_deref(), Some("Lead, Author"));
    assert_eq!(full.projects[0].category, "Internal");
    assert_eq!(
        full.projects[0].technologies[0].name, "Assembly",
        "keywords become technology tags"
    );
    assert_eq!(
        full.education[0].description.as_deref(),
        Some("Number theory\nAnalysis"),
        "courses are kept"
    );
    assert_eq!(
        full.certifications[0].issuing_organization.as_deref(),
        Some("US Navy")
    );
    let categories: Vec<&str> = full
        .achievements
        .iter()
        .filter_map(|a| a.category.as_deref())
        .collect();
    assert_eq!(categories, ["AWARD", "PUBLICATION", "SPEAKING"]);
    let skills: Vec<(&str, Option<i32>)> = full
        .skills
        .iter()
        .map(|s| (s.technology.name.as_str(), s.level))
        .collect();
    assert_eq!(
        skills,
        [
            ("COBOL", Some(5)),
            ("FLOW-MATIC", Some(5)),
            ("Assembly", Some(5)),
            ("Mathematics", Some(4))
        ],
        "named skills and their keywords, with word levels as numbers"
    );

    assert_eq!(
        report.preserved.len(),
        3,
        "languages, interests and references: {:?}",
        report.preserved
    );
    assert!(
        report
            .preserved
            .iter()
            .all(|p| p.contains("import_history.import_data"))
    );
    let rows = history(&db);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].0.as_str(), rows[0].1.as_str()),
        ("JSON_RESUME", "COMPLETED")
    );
    assert_eq!(rows[0].2, i64::from(report.items_imported()));
    let kept: String = db
        .conn()
        .query_row("SELECT import_data FROM import_history", [], |r| r.get(0))
        .unwrap();
    assert!(kept.contains("Howard Aiken"), "the raw document is kept");
    let sources: Vec<String> = db
        .conn()
        .prepare("SELECT DISTINCT c.source FROM changes c WHERE c.id IN (SELECT change_id FROM audit_log WHERE action = 'CREATE_EXPERIENCE')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        sources,
        ["import"],
        "the import's audit rows carry source import"
    );
}

#[test]
fn importing_the_same_file_again_adds_nothing() {
    let (mut db, local) = fixture::profile();
    let text = fixture_text("full.json");
    let first = import(&mut db, &local, &text, false).unwrap();
    let before = (
        count(&db, "experiences"),
        count(&db, "skills"),
        count(&db, "achievements"),
        count(&db, "audit_log"),
    );
    let second = import(&mut db, &local, &text, false).unwrap();
    assert!(
        second.added.is_empty() && second.updated.is_empty(),
        "{second:#?}"
    );
    assert_eq!(
        second.skipped.len(),
        first.added.len(),
        "everything is reported as already there: {second:#?}"
    );
    let after = (
        count(&db, "experiences"),
        count(&db, "skills"),
        count(&db, "achievements"),
        count(&db, "audit_log"),
    );
    assert_eq!(before, after, "no row was added");
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let (mut db, local) = fixture::profile();
    let audit = count(&db, "audit_log");
    let report = import(&mut db, &local, &fixture_text("full.json"), true).unwrap();
    assert!(report.dry_run);
    assert!(
        report
            .added
            .iter()
            .any(|a| a == "experience Rear Admiral at US Navy"),
        "{:?}",
        report.added
    );
    assert_eq!(count(&db, "experiences"), 0);
    assert_eq!(count(&db, "import_history"), 0);
    assert_eq!(count(&db, "audit_log"), audit);
}

#[test]
fn location_as_text_and_partial_dates() {
    let (mut db, local) = fixture::profile();
    import(&mut db, &local, &fixture_text("location-text.json"), false).unwrap();
    let full = profile::load(db.conn(), &local.profile_id).unwrap();
    assert_eq!(full.profile.location.as_deref(), Some("Hampton, Virginia"));
    assert_eq!(
        full.experiences[0].company_location.as_deref(),
        Some("Hampton")
    );
    assert_eq!(
        (
            full.experiences[0].start_date.as_str(),
            full.experiences[0].end_date.as_deref()
        ),
        // An end year alone means the end of that year.
        ("1953-06-01", Some("1986-12-31"))
    );
    assert_eq!(full.skills[0].level, Some(3));
    let minimal = import(&mut db, &local, &fixture_text("minimal.json"), false).unwrap();
    assert!(
        minimal.added.is_empty(),
        "the name is already set: {minimal:#?}"
    );
    assert_eq!(level_of("Beginner"), Some(1));
    assert_eq!(level_of("guru"), None);
}

#[test]
fn the_profile_survives_export_import_export() {
    let (mut db, local) = fixture::profile();
    import(&mut db, &local, &fixture_text("full.json"), false).unwrap();
    let mut exported = json_resume(db.conn(), &local.profile_id, None).unwrap();
    let (mut fresh, fresh_local) = fixture::profile();
    import(&mut fresh, &fresh_local, &exported.to_string(), false).unwrap();
    let mut again = json_resume(fresh.conn(), &fresh_local.profile_id, None).unwrap();
    for doc in [&mut exported, &mut again] {
        doc["meta"].as_object_mut().unwrap().remove("lastModified");
    }
    assert_eq!(again, exported, "import → export reproduces the document");
}

#[test]
fn bad_files_fail_cleanly_and_write_nothing_else() {
    let cases: [(&str, &str); 2] = [
        ("{\"basics\": {\"name\": \"Ada\"", "not valid JSON"),
        ("[1, 2, 3]", "JSON object"),
    ];
    for (text, expected) in cases {
        let (mut db, local) = fixture::profile();
        let audit = count(&db, "audit_log");
        let error = import(&mut db, &local, text, false).unwrap_err();
        assert!(error.to_string().contains(expected), "{text}: {error}");
        let rows = history(&db);
        assert_eq!(rows.len(), 1, "{text}: one history row");
        assert_eq!(rows[0].1, "FAILED", "{text}");
        assert!(
            rows[0].3.as_deref().unwrap_or_default().contains(expected),
            "{text}: the reason is recorded"
        );
        assert_eq!(count(&db, "experiences"), 0, "{text}: all or nothing");
        assert_eq!(
            count(&db, "audit_log"),
            audit,
            "{text}: no user data was written"
        );
    }
}

/// A file whose parts are wrong, rather than the whole: the wrong part is left out with
/// its reason, named in the report and the history; the rest imports.
#[test]
fn a_bad_entry_is_left_out_with_its_reason() {
    let cases: [(&str, &str, i64); 3] = [
        ("{\"work\": \"oops\"}", "work must be a list", 0),
        (
            "{\"work\": [{\"name\": \"Acme\", \"position\": \"Dev\", \"startDate\": \"2021-02-30\"}]}",
            "work[0].startDate",
            0,
        ),
        (
            "{\"work\": [{\"name\": \"Acme\", \"position\": \"Dev\", \"startDate\": \"2020\"}, {\"name\": \"\", \"position\": \"Dev\", \"startDate\": \"2021\"}]}",
            "work[1]",
            1,
        ),
    ];
    for (text, expected, imported) in cases {
        let (mut db, local) = fixture::profile();
        let report = import(&mut db, &local, text, false).unwrap();
        assert!(
            report.rejected.iter().any(|r| r.contains(expected)),
            "{text}: {:?}",
            report.rejected
        );
        let rows = history(&db);
        assert_eq!(rows[0].1, "COMPLETED", "{text}");
        assert!(
            rows[0].3.as_deref().unwrap_or_default().contains(expected),
            "{text}: what was left out is recorded"
        );
        assert_eq!(
            count(&db, "experiences"),
            imported,
            "{text}: the rest imported"
        );
    }
}

#[test]
fn a_huge_or_non_utf8_file_fails_cleanly_and_writes_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.json");
    // 200 MB, sparse: refused from its size, before a byte is read.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let latin1 = dir.path().join("latin1.json");
    std::fs::write(&latin1, b"{\"basics\": {\"name\": \"Ren\xe9e\"}}").unwrap();
    for (path, expected) in [
        (&huge, "is 200 MB; an import file is at most 20 MB"),
        (&latin1, "is not UTF-8 text (invalid byte at offset 24)"),
    ] {
        let (mut db, local) = fixture::profile();
        let audit = count(&db, "audit_log");
        let error = import_file(&mut db, &local, path, false).unwrap_err();
        assert!(error.to_string().contains(expected), "{error}");
        let rows = history(&db);
        assert_eq!(rows.len(), 1, "{}: one history row", path.display());
        assert_eq!(rows[0].1, "FAILED");
        assert!(rows[0].3.as_deref().unwrap().contains(expected));
        assert_eq!(count(&db, "audit_log"), audit, "no user data was written");

        let dry = import_file(&mut db, &local, path, true).unwrap_err();
        assert!(dry.to_string().contains(expected));
        assert_eq!(history(&db).len(), 1, "a dry run records nothing");
    }
}
