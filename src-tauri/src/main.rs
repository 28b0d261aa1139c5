//! The Career Hub desktop app.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some(career_hub_desktop::transfer::FILE_DIALOG_ARG) {
        // One file dialog, in a process of its own (see `transfer::choose_file`).
        let spec = args.next().unwrap_or_default();
        std::process::exit(career_hub_desktop::transfer::file_dialog_helper(&spec));
    }
    career_hub_desktop::run();
}
