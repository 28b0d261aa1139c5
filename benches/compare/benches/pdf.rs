//! One CV, two engines, same content and fonts: Career Hub's layout engine and
//! printpdf writer against forme-pdf. Prints the ratio of the medians at the end.
//!
//! cargo bench --manifest-path benches/compare/Cargo.toml

use std::hint::black_box;
use std::time::{Duration, Instant};

use career_hub::cv::{self, PdfOptions};
use career_hub_pdf_compare::{forme_document, sample, ten_pages};
use criterion::{Criterion, criterion_group, criterion_main};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn benches(c: &mut Criterion) {
    let options = PdfOptions::default();
    let full = sample();
    let content = cv::content::build(&full, None);
    let forme: forme::Document =
        serde_json::from_value(forme_document(&content)).expect("a forme document");
    let long = ten_pages();
    let long_pages = cv::pages_of(&long, None, &options).len();

    let mut group = c.benchmark_group("cv_pdf");
    group.bench_function("career_hub/sample", |b| {
        b.iter(|| black_box(cv::pdf_of(&full, None, &options).expect("a PDF")))
    });
    group.bench_function("forme/sample", |b| {
        b.iter(|| black_box(forme::render(&forme).expect("a PDF")))
    });
    group.bench_function(format!("career_hub/{long_pages}_pages"), |b| {
        b.iter(|| black_box(cv::pdf_of(&long, None, &options).expect("a PDF")))
    });
    group.finish();

    let ours = time(200, || {
        black_box(cv::pdf_of(&full, None, &options).expect("a PDF"));
    });
    let theirs = time(200, || {
        black_box(forme::render(&forme).expect("a PDF"));
    });
    let ours_bytes = cv::pdf_of(&full, None, &options).expect("a PDF").len();
    let theirs_bytes = forme::render(&forme).expect("a PDF").len();
    println!(
        "sample résumé, medians of 200: Career Hub {ours:?} ({ours_bytes} bytes), forme-pdf {theirs:?} ({theirs_bytes} bytes): Career Hub is {:.1}x faster",
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}

criterion_group! {
    name = pdf;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(pdf);
