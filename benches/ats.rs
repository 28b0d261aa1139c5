//! What the CV step does after printing: the ATS check of a three-page CV (read back
//! and compared with what it says), and the Word export of the sample résumé
//! (tests/fixtures/jsonresume/full.json).
//!
//! Run: `cargo bench --bench ats --features pdf`

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use career_hub::cv::{self, PdfOptions};
use career_hub::profile::experience::{Experience, ExperienceInput};
use career_hub::profile::{self, Section};
use career_hub::{AuditContext, Db, Source};
use criterion::{Criterion, criterion_group, criterion_main};

fn ats_check(c: &mut Criterion) {
    let mut db = Db::open_in_memory().unwrap();
    db.set_audit_context(AuditContext::new(Source::Ui));
    let local = profile::bootstrap(&mut db).unwrap();
    let options = PdfOptions::default();
    // Jobs are added until the CV fills three pages.
    let mut bytes = Vec::new();
    for i in 0..200 {
        let input = ExperienceInput {
            company_name: format!("Company {i}"),
            position: "Backend Engineer".into(),
            start_date: format!("{}-03-01", 1980 + i % 40),
            description: Some("Built and ran the payment services of small shops.".into()),
            responsibilities: vec![
                "Designed the ledger and its reports".into(),
                "Ran the services on Kubernetes".into(),
                "Mentored two engineers".into(),
            ],
            ..ExperienceInput::default()
        };
        let job = Experience::create(&mut db, &local.profile_id, input).unwrap();
        let next = cv::export_pdf(db.conn(), &local.profile_id, None, &options).unwrap();
        let report =
            cv::check_pdf(db.conn(), &local.profile_id, None, &options, Some(&next)).unwrap();
        if report.pages > 3 {
            Experience::delete(&mut db, &job.id).unwrap();
            break;
        }
        bytes = next;
    }
    let report = cv::check_pdf(db.conn(), &local.profile_id, None, &options, Some(&bytes)).unwrap();
    assert_eq!(report.pages, 3);
    c.bench_function("ats_check/3_page_cv", |b| {
        b.iter(|| {
            let report =
                cv::check_pdf(db.conn(), &local.profile_id, None, &options, Some(&bytes)).unwrap();
            assert!(report.findings.is_empty(), "{:?}", report.findings);
            report
        });
    });
}

fn docx_export(c: &mut Criterion) {
    let mut db = Db::open_in_memory().unwrap();
    db.set_audit_context(AuditContext::new(Source::Import));
    let local = profile::bootstrap(&mut db).unwrap();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jsonresume/full.json");
    career_hub::import::jsonresume::import_file(&mut db, &local, &sample, false).unwrap();
    c.bench_function("docx_export/sample_resume", |b| {
        b.iter(|| cv::export_docx(db.conn(), &local.profile_id, None).unwrap());
    });
}

criterion_group!(benches, ats_check, docx_export);
criterion_main!(benches);
