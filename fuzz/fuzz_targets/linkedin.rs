//! Any LinkedIn export, well-formed or not, ends in a report or an error, never a
//! panic. The first byte chooses the form: a ZIP archive (the rest of the input is the
//! archive's bytes) or an extracted folder (the rest, split at NUL bytes, is the text of
//! the export's CSV files in turn). Each is imported as a dry run.

#![no_main]

use career_hub::import::linkedin;
use career_hub_fuzz::with_store;
use libfuzzer_sys::fuzz_target;

const FILES: [&str; 10] = [
    "Profile.csv",
    "Positions.csv",
    "Education.csv",
    "Skills.csv",
    "Certifications.csv",
    "Projects.csv",
    "Publications.csv",
    "Honors.csv",
    "Languages.csv",
    "Email Addresses.csv",
];

fuzz_target!(|data: &[u8]| {
    let Some((&form, rest)) = data.split_first() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = if form % 2 == 0 {
        let zip = dir.path().join("export.zip");
        std::fs::write(&zip, rest).expect("the archive is written");
        zip
    } else {
        for (name, text) in FILES.iter().zip(rest.split(|&b| b == 0)) {
            std::fs::write(dir.path().join(name), text).expect("a CSV file is written");
        }
        dir.path().to_path_buf()
    };
    with_store(|db, local| {
        let _ = linkedin::import(db, local, &path, true);
    });
});
