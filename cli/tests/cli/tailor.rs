//! `career-hub cv tailor` and `cv coverage` with the postings written for the tests.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use crate::{career_hub, init, run_ok};

fn posting(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/postings")
        .join(name)
}

/// A database with a backend job, a frontend job and the skills of both.
fn profile(dir: &Path) -> PathBuf {
    let db = dir.join("career-hub.db");
    init(&db);
    let resume = dir.join("resume.json");
    std::fs::write(
        &resume,
        r#"{"basics": {"name": "Ada Lovelace"},
            "work": [
              {"name": "Ledgerly", "position": "Senior Backend Engineer", "startDate": "2019-03-01",
               "highlights": ["Services in Rust on PostgreSQL, run on Kubernetes"]},
              {"name": "Pixelworks", "position": "Frontend Developer", "startDate": "2016-01-01", "endDate": "2019-02-28",
               "highlights": ["React and TypeScript apps"]}
            ],
            "skills": [{"name": "Rust"}, {"name": "React"}]}"#,
    )
    .unwrap();
    run_ok(&db, &["import", "jsonresume", resume.to_str().unwrap()]);
    db
}

#[test]
fn tailor_saves_a_version_with_the_reasons_and_coverage_measures_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = profile(dir.path());
    let backend = posting("backend.txt");
    let said = run_ok(
        &db,
        &["cv", "tailor", "--posting", backend.to_str().unwrap()],
    );
    assert!(
        said.contains("experience Senior Backend Engineer at Ledgerly")
            && said.contains("Rust")
            && said.contains("Saved as CV version \"Tailored: Senior Backend Engineer (Rust)\""),
        "{said}"
    );
    assert!(!said.contains("skill React"), "{said}");
    let listed = run_ok(&db, &["cv", "list"]);
    assert!(
        listed.contains("Tailored: Senior Backend Engineer (Rust)"),
        "{listed}"
    );

    let json = run_ok(
        &db,
        &[
            "cv",
            "coverage",
            "--posting",
            backend.to_str().unwrap(),
            "--version",
            "Tailored: Senior Backend Engineer (Rust)",
            "--json",
        ],
    );
    let answer: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        answer["version"],
        "Tailored: Senior Backend Engineer (Rust)"
    );
    let coverage = &answer["coverage"];
    let (covered, terms) = (
        coverage["covered"].as_u64().unwrap(),
        coverage["terms"].as_u64().unwrap(),
    );
    assert_eq!(
        coverage["percent"].as_u64().unwrap(),
        (covered * 100 + terms / 2) / terms
    );
    let kafka = coverage["details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["term"]["text"] == "Kafka")
        .unwrap();
    assert_eq!(kafka["covered"], "missing");

    // One undo takes the tailored version back.
    run_ok(&db, &["undo", "--yes"]);
    let listed = run_ok(&db, &["cv", "list"]);
    assert!(!listed.contains("Tailored"), "{listed}");

    // Tailored again and exported, the CV reads back as it says, on both templates.
    run_ok(
        &db,
        &["cv", "tailor", "--posting", backend.to_str().unwrap()],
    );
    for template in ["modern", "classic"] {
        let out = dir.path().join(format!("{template}.pdf"));
        run_ok(
            &db,
            &[
                "cv",
                "export",
                "--version",
                "Tailored: Senior Backend Engineer (Rust)",
                "--template",
                template,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let said = run_ok(
            &db,
            &[
                "cv",
                "check",
                "--version",
                "Tailored: Senior Backend Engineer (Rust)",
                "--pdf",
                out.to_str().unwrap(),
            ],
        );
        assert!(said.contains("No findings"), "{template}: {said}");
    }
    let not_pdf = dir.path().join("not.pdf");
    std::fs::write(&not_pdf, "a text file").unwrap();
    career_hub(&db)
        .args(["cv", "check", "--pdf", not_pdf.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("cannot be read as a PDF"));
}

#[test]
fn a_dry_run_saves_nothing_and_a_missing_posting_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = profile(dir.path());
    let said = run_ok(
        &db,
        &[
            "cv",
            "tailor",
            "--dry-run",
            "--posting",
            posting("pastry.txt").to_str().unwrap(),
        ],
    );
    assert!(
        said.contains("basics only") && said.contains("Nothing saved"),
        "{said}"
    );
    assert!(run_ok(&db, &["cv", "list"]).contains("No CV versions yet"));
    career_hub(&db)
        .args(["cv", "tailor", "--posting", "no-such-posting.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no-such-posting.txt"));
}
