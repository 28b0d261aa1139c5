//! The desktop app end to end, as a person uses it: the real binary under Xvfb, driven
//! through WebDriver (tauri-driver + WebKitWebDriver), each run with a fresh data folder.
//! Screenshots of every step are kept in target/tmp/e2e-screenshots.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;
mod sync;

use std::time::Duration;

use career_hub::Db;
use harness::{Harness, TestResult, click, count, fill, find, wait_until};

const SUMMARY: &str = "Engineer who builds reliable data systems, from the database schema up to the dashboards people read every morning.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_user_builds_a_profile_in_the_wizard() -> TestResult {
    let scenario = tokio::time::timeout(Duration::from_secs(420), scenario()).await;
    match scenario {
        Ok(result) => result,
        Err(_) => Err("the end-to-end scenario did not finish within 7 minutes".into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_on_one_computer_shows_on_the_other_without_a_restart() -> TestResult {
    let scenario = tokio::time::timeout(Duration::from_secs(300), sync::scenario()).await;
    match scenario {
        Ok(result) => result,
        Err(_) => Err("the sync scenario did not finish within 5 minutes".into()),
    }
}

async fn scenario() -> TestResult {
    let mut h = Harness::start("wizard").await?;
    let app = h.launch().await?;

    // Basics.
    find(&app, "[data-testid=basics-form]").await?;
    h.screenshot(&app, "basics-empty").await?;
    fill(&app, "#basics-name", "Ada Lovelace").await?;
    fill(&app, "#basics-headline", "Staff Engineer").await?;
    fill(&app, "#basics-summary", SUMMARY).await?;
    fill(&app, "#basics-email", "ada@example.com").await?;
    fill(&app, "#basics-linkedin", "https://www.linkedin.com/in/ada").await?;
    h.screenshot(&app, "basics-filled").await?;
    click(&app, "[data-testid=basics-save]").await?;

    // Experience: first a bad date, whose error must sit next to the date field.
    click(&app, "[data-testid=experience-add]").await?;
    fill(&app, "#exp-company", "Analytical Engines").await?;
    fill(&app, "#exp-position", "Staff Engineer").await?;
    fill(&app, "#exp-start", "2021-02-30").await?;
    click(&app, "[data-testid=experience-save]").await?;
    let error = find(&app, "[data-testid=exp-start-error]").await?;
    let text = error.text().await?;
    assert!(
        text.contains("real date"),
        "the date error explains the rule: {text}"
    );
    wait_until(
        &app,
        "the error beside the start date",
        "document.getElementById('exp-start-error').closest('.field').querySelector('#exp-start') !== null",
    )
    .await?;
    h.screenshot(&app, "experience-bad-date").await?;
    fill(&app, "#exp-start", "2021-03-01").await?;
    fill(&app, "#exp-tech", "Rust").await?;
    find(&app, "#exp-tech").await?.send_keys("\u{E007}").await?; // Enter adds the tag
    click(&app, "[data-testid=experience-save]").await?;
    wait_until(
        &app,
        "the first job in the list",
        "document.querySelectorAll('[data-testid=experience-item]').length === 1",
    )
    .await?;

    click(&app, "[data-testid=experience-add]").await?;
    fill(&app, "#exp-company", "Royal Navy").await?;
    fill(&app, "#exp-position", "Engineer").await?;
    fill(&app, "#exp-start", "2017-01-01").await?;
    fill(&app, "#exp-end", "2021-02-28").await?;
    click(&app, "[data-testid=experience-save]").await?;
    wait_until(
        &app,
        "two jobs",
        "document.querySelectorAll('[data-testid=experience-item]').length === 2",
    )
    .await?;
    h.screenshot(&app, "experience").await?;
    click(&app, "[data-testid=experience-continue]").await?;

    // Projects: one, linked to the first job.
    click(&app, "[data-testid=projects-add]").await?;
    fill(&app, "#proj-name", "Ledger").await?;
    fill(
        &app,
        "#proj-description",
        "Real-time invoicing for the whole company.",
    )
    .await?;
    click(&app, "[data-testid=proj-link]").await?;
    click(&app, "[data-testid=projects-save]").await?;
    wait_until(
        &app,
        "the project",
        "document.querySelectorAll('[data-testid=projects-item]').length === 1",
    )
    .await?;
    h.screenshot(&app, "projects").await?;
    click(&app, "[data-testid=projects-continue]").await?;

    // Skills: one typed, one picked from the catalog by a misspelling.
    click(&app, "[data-testid=skills-add]").await?;
    fill(&app, "#skill-tech", "Python").await?;
    click(&app, "[data-testid=skills-save]").await?;
    wait_until(
        &app,
        "the first skill",
        "document.querySelectorAll('[data-testid=skills-item]').length === 1",
    )
    .await?;
    click(&app, "[data-testid=skills-add]").await?;
    fill(&app, "#skill-tech", "Kubernetse").await?;
    wait_until(&app, "a catalog match", "[...document.querySelectorAll('.options button')].some(b => b.textContent.includes('Kubernetes'))").await?;
    h.screenshot(&app, "skills-typo").await?;
    app.execute(
        "[...document.querySelectorAll('.options button')].find(b => b.textContent.includes('Kubernetes')).click()",
        vec![],
    )
    .await?;
    click(&app, "[data-testid=skills-save]").await?;
    wait_until(
        &app,
        "Kubernetes in the skills",
        "[...document.querySelectorAll('[data-testid=skills-item]')].some(i => i.textContent.includes('Kubernetes'))",
    )
    .await?;
    click(&app, "[data-testid=skills-continue]").await?;

    // Education, a certification, an achievement.
    click(&app, "[data-testid=education-add]").await?;
    fill(&app, "#edu-institution", "University of London").await?;
    fill(&app, "#edu-degree", "BSc").await?;
    click(&app, "[data-testid=education-save]").await?;
    wait_until(
        &app,
        "the school",
        "document.querySelectorAll('[data-testid=education-item]').length === 1",
    )
    .await?;
    click(&app, "[data-testid=education-continue]").await?;
    click(&app, "[data-testid=certifications-add]").await?;
    fill(&app, "#cert-name", "AWS Solutions Architect").await?;
    click(&app, "[data-testid=certifications-save]").await?;
    wait_until(
        &app,
        "the certification",
        "document.querySelectorAll('[data-testid=certifications-item]').length === 1",
    )
    .await?;
    click(&app, "[data-testid=certifications-continue]").await?;
    click(&app, "[data-testid=achievements-add]").await?;
    fill(&app, "#ach-title", "Best paper").await?;
    click(&app, "[data-testid=achievements-save]").await?;
    wait_until(
        &app,
        "the achievement",
        "document.querySelectorAll('[data-testid=achievements-item]').length === 1",
    )
    .await?;
    click(&app, "[data-testid=achievements-continue]").await?;
    find(&app, "#review-title").await?;
    h.screenshot(&app, "review").await?;

    // The gauge shows the score the core computes.
    let gauge = find(&app, "[data-testid=completeness-gauge]").await?;
    let shown: u32 = gauge
        .attr("data-score")
        .await?
        .unwrap_or_default()
        .parse()?;
    let core = {
        let db = Db::open(h.database())?;
        let local = career_hub::profile::bootstrap(&mut Db::open(h.database())?)?;
        career_hub::profile::load(db.conn(), &local.profile_id)?
            .profile
            .completeness_score
    };
    assert_eq!(shown, core, "the gauge shows the core's score");
    // headline 10 + summary 20 + 2 jobs 20 + 1 project 5 + 2 skills 6 + education 10
    assert_eq!(core, 71);
    let number = find(&app, "[data-testid=completeness-number]")
        .await?
        .text()
        .await?;
    assert_eq!(number, "71%");

    // Deleting a job and undoing brings it back with its links.
    click(&app, "[data-testid=nav-experience]").await?;
    wait_until(
        &app,
        "the jobs",
        "document.querySelectorAll('[data-testid=experience-item]').length === 2",
    )
    .await?;
    app.execute(
        "[...document.querySelectorAll('[data-testid=experience-item]')].find(i => i.textContent.includes('Analytical Engines')).querySelector('[data-testid=delete]').click()",
        vec![],
    )
    .await?;
    wait_until(
        &app,
        "one job left",
        "document.querySelectorAll('[data-testid=experience-item]').length === 1",
    )
    .await?;
    h.screenshot(&app, "experience-deleted").await?;
    click(&app, "[data-testid=undo]").await?;
    wait_until(
        &app,
        "the job back",
        "document.querySelectorAll('[data-testid=experience-item]').length === 2",
    )
    .await?;
    h.screenshot(&app, "experience-undone").await?;
    {
        let db = Db::open(h.database())?;
        let (links, tags): (i64, i64) = db.conn().query_row(
            "SELECT (SELECT count(*) FROM project_experiences), (SELECT count(*) FROM experience_technologies)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        assert_eq!(
            (links, tags),
            (1, 1),
            "the project link and the Rust tag came back with the job"
        );
    }

    // Half-typed, then the app is closed: the text and the step come back.
    click(&app, "[data-testid=nav-education]").await?;
    click(&app, "[data-testid=education-add]").await?;
    fill(&app, "#edu-institution", "Half-typed Instit").await?;
    tokio::time::sleep(Duration::from_millis(1200)).await; // the autosave runs 0.4 s after typing stops
    h.screenshot(&app, "half-typed").await?;
    app.close().await?;

    let app = h.launch().await?;
    let field = find(&app, "#edu-institution").await?;
    assert_eq!(
        field.prop("value").await?.as_deref(),
        Some("Half-typed Instit"),
        "the draft survived the restart"
    );
    assert_eq!(
        count(&app, "#education-title").await?,
        1,
        "the same step opened"
    );
    h.screenshot(&app, "relaunched").await?;
    app.close().await?;
    h.stop().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_json_resume_is_imported_through_the_file_dialog() -> TestResult {
    let scenario = tokio::time::timeout(Duration::from_secs(240), import_scenario()).await;
    match scenario {
        Ok(result) => result,
        Err(_) => Err("the import scenario did not finish within 4 minutes".into()),
    }
}

async fn import_scenario() -> TestResult {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/jsonresume/full.json")
        .canonicalize()?;
    let mut h = Harness::start("import").await?;
    let app = h.launch().await?;

    click(&app, "[data-testid=transfer-toggle]").await?;
    find(&app, "[data-testid=import-history-empty]").await?;
    h.screenshot_display("transfer-empty").await?;

    click(&app, "[data-testid=choose-import]").await?;
    h.answer_file_dialog("Import a JSON Resume", &fixture)
        .await?;
    let preview = find(&app, "[data-testid=import-preview]").await?;
    let text = preview.text().await?;
    assert!(
        text.contains("to add"),
        "the preview says what will be added: {text}"
    );
    assert!(
        text.contains("experience"),
        "the preview lists the jobs: {text}"
    );
    h.screenshot_display("transfer-preview").await?;
    let audit_before: i64 =
        Db::open(h.database())?
            .conn()
            .query_row("SELECT count(*) FROM experiences", [], |r| r.get(0))?;
    assert_eq!(audit_before, 0, "the preview wrote nothing");

    click(&app, "[data-testid=run-import]").await?;
    let result = find(&app, "[data-testid=import-result]").await?;
    assert!(result.text().await?.contains("Imported"));
    wait_until(
        &app,
        "the import in the history",
        "[...document.querySelectorAll('[data-testid=import-history] tbody tr')].some(r => r.textContent.includes('Imported'))",
    )
    .await?;
    wait_until(
        &app,
        "the progress bar full",
        "document.querySelector('[data-testid=import-progress] progress').value === 100",
    )
    .await?;
    h.screenshot_display("transfer-imported").await?;

    click(&app, "[data-testid=nav-experience]").await?;
    wait_until(
        &app,
        "the imported jobs in the wizard",
        "document.querySelectorAll('[data-testid=experience-item]').length > 0",
    )
    .await?;
    h.screenshot_display("imported-experience").await?;

    // Restore a full backup over it: preview, confirm, then undo the restore.
    let backup = h.home.path().join("other-machine-backup.json");
    {
        let mut other = Db::open_in_memory()?;
        let local = career_hub::profile::bootstrap(&mut other)?;
        let mut job = career_hub::profile::experience::ExperienceInput {
            company_name: "Restored Ltd".into(),
            position: "Archivist".into(),
            start_date: "2019-01-01".into(),
            ..Default::default()
        };
        job.description = Some("From the backup.".into());
        <career_hub::profile::experience::Experience as career_hub::profile::Section>::create(
            &mut other,
            &local.profile_id,
            job,
        )?;
        std::fs::write(
            &backup,
            career_hub::archive::export(other.conn())?.to_string(),
        )?;
    }
    let jobs = |db: &std::path::Path| -> TestResult<Vec<String>> {
        let db = Db::open(db)?;
        let mut stmt = db
            .conn()
            .prepare("SELECT company_name FROM experiences ORDER BY 1")?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(names)
    };
    let imported = jobs(&h.database())?;
    click(&app, "[data-testid=transfer-toggle]").await?;
    click(&app, "[data-testid=choose-backup]").await?;
    h.answer_file_dialog("Restore a full backup", &backup)
        .await?;
    let preview = find(&app, "[data-testid=backup-preview]").await?;
    let text = preview.text().await?;
    assert!(
        text.contains("1 job"),
        "the preview says what the backup holds: {text}"
    );
    assert_eq!(
        jobs(&h.database())?,
        imported,
        "the preview changed nothing"
    );
    h.screenshot_display("restore-preview").await?;
    click(&app, "[data-testid=confirm-restore]").await?;
    wait_until(
        &app,
        "the restore's notice",
        "document.querySelector('[data-testid=toast]')?.textContent.includes('Restored the backup')",
    )
    .await?;
    assert_eq!(
        jobs(&h.database())?,
        ["Restored Ltd"],
        "the backup replaced the data"
    );
    h.screenshot_display("restored").await?;
    // The notice's own button: the action is read before the notice closes.
    click(&app, "[data-testid=toast-action]").await?;
    wait_until(
        &app,
        "the undo of the restore",
        "document.querySelector('[data-testid=toast]')?.textContent.includes('Put back what you had')",
    )
    .await?;
    assert_eq!(
        jobs(&h.database())?,
        imported,
        "undoing the restore brings the data back"
    );
    app.close().await?;
    h.stop().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cv_version_is_tailored_and_exported_as_pdf() -> TestResult {
    let scenario = tokio::time::timeout(Duration::from_secs(240), cv_scenario()).await;
    match scenario {
        Ok(result) => result,
        Err(_) => Err("the CV scenario did not finish within 4 minutes".into()),
    }
}

async fn cv_scenario() -> TestResult {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/jsonresume/full.json")
        .canonicalize()?;
    let mut h = Harness::start("cv").await?;
    // A profile to tailor, entered before the app starts.
    let dropped = {
        std::fs::create_dir_all(h.database().parent().ok_or("a data folder")?)?;
        let mut db = Db::open(h.database())?;
        let local = career_hub::profile::bootstrap(&mut db)?;
        career_hub::import::jsonresume::import_file(&mut db, &local, &fixture, false)?;
        let full = career_hub::profile::load(db.conn(), &local.profile_id)?;
        full.experiences
            .iter()
            .find(|e| e.position == "Speaker")
            .map(|e| e.id.clone())
            .ok_or("the fixture has a Speaker job")?
    };
    let app = h.launch().await?;

    click(&app, "[data-testid=nav-cv]").await?;
    find(&app, "[data-testid=cv-none]").await?;
    fill(&app, "[data-testid=cv-new-name]", "Engineering roles").await?;
    click(&app, "[data-testid=cv-create]").await?;
    wait_until(
        &app,
        "the new version's preview",
        "document.querySelectorAll('[data-testid=cv-page] svg').length > 0 && document.querySelector('[data-testid=cv-version]') !== null",
    )
    .await?;
    assert!(count(&app, &format!("[data-testid=cv-item-{dropped}]:checked")).await? == 1);
    h.screenshot_display("cv-created").await?;

    // Untick a job: the selection is saved and the preview redrawn.
    click(&app, &format!("[data-testid=cv-item-{dropped}]")).await?;
    let database = h.database();
    let mut saved = false;
    for _ in 0..50 {
        let config: String = Db::open(&database)?.conn().query_row(
            "SELECT sections_config FROM cv_versions WHERE name = 'Engineering roles'",
            [],
            |r| r.get(0),
        )?;
        if !config.contains(&dropped) {
            saved = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        saved,
        "unticking the job did not change the version's selection"
    );
    h.screenshot_display("cv-unticked").await?;

    // Export through the native save dialog.
    // Saved beside the database on purpose: the dialog lists the database's folder and
    // sniffs its files, which must not cost the app its locks on the database (the
    // tailored version below, written after, is read back by another process).
    let out = h.database().with_file_name("engineering.pdf");
    // Clicked from script: the "Created" toast may sit over the button.
    app.execute(
        "document.querySelector('[data-testid=cv-export]').click()",
        vec![],
    )
    .await?;
    h.answer_file_dialog("Export the CV as PDF", &out).await?;
    wait_until(
        &app,
        "the export's confirmation",
        "(document.querySelector('[data-testid=toast]')?.textContent ?? '').includes('Exported the CV')",
    )
    .await?;
    // The exported file is read back as a tracking system would, beside the preview.
    wait_until(
        &app,
        "the exported PDF's ATS check",
        "(document.querySelector('[data-testid=cv-ats]')?.textContent ?? '').includes('No findings')",
    )
    .await?;
    h.screenshot_display("cv-exported").await?;
    let text = std::process::Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()?;
    let text = String::from_utf8(text.stdout)?;
    assert!(
        text.starts_with("Grace Hopper"),
        "the PDF starts with the name: {text}"
    );
    assert!(
        text.contains("Senior Mathematician"),
        "a selected job is printed"
    );
    assert!(
        !text.lines().any(|l| l.trim() == "Speaker"),
        "the unticked job is printed:\n{text}"
    );
    let pdf_url: Option<String> = Db::open(&database)?.conn().query_row(
        "SELECT pdf_url FROM cv_versions WHERE name = 'Engineering roles'",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(
        pdf_url.as_deref(),
        Some(out.to_str().ok_or("a UTF-8 path")?)
    );

    // The same version as a Word document, through the save dialog.
    let word = h.database().with_file_name("engineering.docx");
    app.execute(
        "document.querySelector('[data-testid=cv-export-docx]').click()",
        vec![],
    )
    .await?;
    h.answer_file_dialog("Export the CV as a Word document", &word)
        .await?;
    wait_until(
        &app,
        "the Word export's confirmation",
        "(document.querySelector('[data-testid=toast]')?.textContent ?? '').includes('as a Word document')",
    )
    .await?;
    let docx = std::fs::read(&word)?;
    assert!(docx.starts_with(b"PK"), "a Word document is a ZIP package");
    assert_eq!(
        docx,
        career_hub::cv::export_docx(
            Db::open(&database)?.conn(),
            &Db::open(&database)?
                .conn()
                .query_row("SELECT id FROM profiles", [], |r| r.get::<_, String>(0))?,
            None
        )?,
        "the file is the version's Word document, byte for byte"
    );

    // Tailored to a pasted posting: the proposal shows what each item matched and how
    // much is covered; accepted, it is a version of its own.
    click(&app, "[data-testid=cv-tailor]").await?;
    // Pasted: the text arrives whole, line breaks and all.
    app.execute(
        "const posting = document.querySelector('[data-testid=tailor-posting]');
         posting.value = arguments[0];
         posting.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::json!(
            "Senior Mathematician\n\nRequirements\n- COBOL and Assembly\n- Kafka\n"
        )],
    )
    .await?;
    click(&app, "[data-testid=tailor-read]").await?;
    wait_until(
        &app,
        "the proposal with its coverage",
        "document.querySelector('[data-testid=tailor-coverage]') !== null && [...document.querySelectorAll('[data-testid=tailor] label.check')].some(l => l.textContent.includes('skill COBOL') && l.querySelector('input').checked && l.querySelector('mark')?.textContent === 'COBOL')",
    )
    .await?;
    let missing = find(&app, "[data-testid=tailor-missing]")
        .await?
        .text()
        .await?;
    assert!(missing.contains("Kafka"), "{missing}");
    h.screenshot_display("cv-tailor-proposal").await?;
    click(&app, "[data-testid=tailor-save]").await?;
    wait_until(
        &app,
        "the tailored version saved and shown",
        "(document.querySelector('[data-testid=toast]')?.textContent ?? '').includes('Tailored: Senior Mathematician')",
    )
    .await?;
    h.screenshot_display("cv-tailored").await?;
    // Read as another program would, once the app has written it.
    let mut skills = None;
    for _ in 0..100 {
        skills = Db::open(&database)?
            .conn()
            .query_row(
                "SELECT json_extract(sections_config, '$.skills') FROM cv_versions WHERE name = 'Tailored: Senior Mathematician'",
                [],
                |r| r.get::<_, String>(0),
            )
            .ok();
        if skills.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let skills = skills.ok_or("the tailored version was not saved to the database")?;
    let cobol: String = Db::open(&database)?.conn().query_row(
        "SELECT s.id FROM skills s JOIN technologies t ON t.id = s.technology_id WHERE t.name = 'COBOL'",
        [],
        |r| r.get(0),
    )?;
    assert!(skills.contains(&cobol), "{skills}");
    app.close().await?;
    h.stop().await;
    Ok(())
}
