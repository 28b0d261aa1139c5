//! Any text given to the JSON Resume importer ends in a report or an error, never a
//! panic. Each input is imported as a dry run into one in-memory profile, so the
//! whole mapping (sections, dates, levels, de-duplication) runs and nothing is kept.

#![no_main]

use career_hub::import::jsonresume;
use career_hub_fuzz::with_store;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    with_store(|db, local| {
        let _ = jsonresume::import(db, local, text, true);
    });
});
