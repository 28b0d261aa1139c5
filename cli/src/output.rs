//! Printing as a well-behaved Unix tool: text that came from the database cannot carry
//! terminal escape sequences, and a reader that goes away (`| head -1`) ends the program
//! quietly instead of with a panic.

use std::fmt;
use std::io::{self, Write};

/// Exit status of a program whose output pipe was closed (128 + SIGPIPE), as the shell
/// reports for any Unix tool that stops for that reason.
const BROKEN_PIPE_STATUS: i32 = 141;

/// Prints to stdout with control characters escaped; see [`escape_controls`].
pub fn stdout(args: fmt::Arguments<'_>) {
    let text = escape_controls(&args.to_string());
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(BROKEN_PIPE_STATUS);
        }
        // Nowhere left to report it but stderr, and nothing more to print.
        let _ = writeln!(io::stderr(), "error: could not write the output: {e}");
        std::process::exit(2);
    }
}

/// Prints to stderr with control characters escaped; a closed stderr is ignored.
pub fn stderr(args: fmt::Arguments<'_>) {
    let text = escape_controls(&args.to_string());
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// `text` with every control character except newline and tab written as a visible
/// escape (`\u{1b}`), so a name holding an escape sequence cannot move the cursor,
/// change colours or retitle the terminal.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    let mut clean = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            clean.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            clean.push(c);
        }
    }
    clean
}

fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `println!` through [`stdout`].
macro_rules! outln {
    () => { $crate::output::stdout(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` through [`stdout`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::stdout(format_args!($($arg)*)) };
}

/// `eprintln!` through [`stderr`].
macro_rules! errln {
    ($($arg:tt)*) => { $crate::output::stderr(format_args!("{}\n", format_args!($($arg)*))) };
}
