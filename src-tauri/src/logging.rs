//! Logs to daily files in the OS log folder, keeping the last two weeks.

use std::path::PathBuf;

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// Log files kept before the oldest is deleted.
const RETAINED_FILES: usize = 14;

/// The folder logs go to: `$XDG_STATE_HOME/career-hub/logs` on Linux.
pub fn log_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("app", "Career Hub", "career-hub")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .join("logs"),
    )
}

/// Sets up logging. A failure (no folder, read-only disk) is reported on stderr and the
/// app runs on without file logs: logging must never stop someone from using the app.
/// The returned guard flushes the log on drop; keep it for the life of the app.
pub fn init() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = log_dir()?;
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "career-hub: cannot create the log folder {} ({error}); continuing without a log file",
            dir.display()
        );
        return None;
    }
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("career-hub")
        .filename_suffix("log")
        .max_log_files(RETAINED_FILES)
        .build(&dir);
    let appender = match appender {
        Ok(appender) => appender,
        Err(error) => {
            eprintln!(
                "career-hub: logging to {} is not possible ({error}); continuing without a log file",
                dir.display()
            );
            return None;
        }
    };
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_env("CAREER_HUB_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    installed.ok().map(|()| guard)
}
