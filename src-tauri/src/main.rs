//! The Career Hub desktop app.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    disable_webkit_compositing();
    career_hub_desktop::run();
}

/// WebKitGTK's accelerated compositing roughly doubles the web process's memory
/// (210 → 114 MiB measured, BENCHMARKS.md) and buys nothing for a forms app; on some
/// GPU drivers it also leaves the window blank. It can only be turned off through the
/// environment, before WebKit starts. A value the user set is kept.
fn disable_webkit_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: called first thing in main, before any thread exists, so nothing else
        // can be reading or writing the environment at the same time.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        }
    }
}
