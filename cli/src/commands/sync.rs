//! `career-hub sync`: sign this device in to a hosted account and sync with it.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use career_hub::sync::{self, Choice, Progress, Report, Start};
use career_hub_client::Client;

/// Sync this profile with a hosted account and your other devices.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Create an account on a sync server and sign this device in to it.
    Signup(SignInArgs),
    /// Sign this device in to an existing account.
    Login(SignInArgs),
    /// Send this device's changes and receive the account's, until both are done.
    Now {
        /// Print what the sync did as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The account this device is signed in to, its last sync and what waits to be sent.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Sign this device out (the profile stays here; unsent changes are kept).
    Logout,
    /// The devices signed in to the account.
    Devices {
        #[arg(long)]
        json: bool,
    },
    /// Sign another device out of the account.
    Revoke {
        /// Its id, from `career-hub sync devices`.
        device: String,
    },
}

#[derive(Debug, clap::Args)]
struct SignInArgs {
    /// The sync server, e.g. https://sync.example.com (http:// only for this machine).
    #[arg(long, env = "CAREER_HUB_SERVER", value_name = "URL")]
    server: String,
    #[arg(long, value_name = "EMAIL")]
    email: String,
    /// Read the password from the first line of standard input instead of asking.
    #[arg(long)]
    password_stdin: bool,
    /// What the account calls this device. Default: this machine's name.
    #[arg(long, value_name = "NAME")]
    device_name: Option<String>,
    /// When both this device and the account hold a profile, replace this device's with
    /// the account's (undoable here with `career-hub undo`, which adds this device's
    /// items back).
    #[arg(long, conflicts_with = "merge")]
    replace: bool,
    /// When both this device and the account hold a profile, add this device's items
    /// that the account lacks to the account's profile (items both have are kept once;
    /// undoable with `career-hub undo`).
    #[arg(long)]
    merge: bool,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        match self.action {
            Action::Signup(args) => sign_in(db, &args, true),
            Action::Login(args) => sign_in(db, &args, false),
            Action::Now { json } => now(db, json),
            Action::Status { json } => status(db, json),
            Action::Logout => logout(db),
            Action::Devices { json } => devices(db, json),
            Action::Revoke { device } => {
                let (_, client) = signed_in(db)?;
                client.revoke(&device)?;
                outln!("Signed device {device} out of the account.");
                Ok(ExitCode::SUCCESS)
            }
        }
    }
}

fn password(args: &SignInArgs) -> anyhow::Result<String> {
    let password = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    } else if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password: ")?
    } else {
        anyhow::bail!("no password: pass --password-stdin and write it to standard input");
    };
    anyhow::ensure!(!password.is_empty(), "the password is empty");
    Ok(password)
}

/// Shows a sync's progress on a terminal, on one line of standard error.
fn progress_line() -> impl FnMut(Progress) {
    let shown = std::io::stderr().is_terminal();
    move |progress| {
        if !shown {
            return;
        }
        let line = match progress {
            Progress::Pushing { sent, total } => format!("Sending changes: {sent} of {total}"),
            Progress::Pulling { received } => format!("Receiving changes: {received}"),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }
}

fn end_progress_line() {
    if std::io::stderr().is_terminal() {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

fn sign_in(db: &Path, args: &SignInArgs, new_account: bool) -> anyhow::Result<ExitCode> {
    let mut handle = super::open_or_create(db)?;
    career_hub::profile::bootstrap(&mut handle)?;
    let client = Client::new(&args.server)?;
    let password = password(args)?;
    let device_name = args
        .device_name
        .clone()
        .unwrap_or_else(career_hub_client::machine_name);
    let session = if new_account {
        client.sign_up(&args.email, &password, &device_name)?
    } else {
        client.sign_in(&args.email, &password, &device_name)?
    };
    let mut transport = client.clone().with_token(&session.token);
    let choice = if args.merge {
        Some(Choice::Merge)
    } else {
        args.replace.then_some(Choice::Replace)
    };
    let start = sync::survey(&handle, &mut transport, &session.user_id)?;
    if start == Start::Both && choice.is_none() {
        // Nothing changes before the person chooses: this session ends here.
        let preview = sync::merge_preview(&handle, &mut transport);
        let _ = transport.sign_out();
        let preview = preview?;
        errln!(
            "Both this device and the account {} hold a profile.",
            args.email
        );
        for (heading, items) in [
            (
                "In both (kept once, as the account has it)",
                &preview.matched,
            ),
            (
                "Only on this device (a merge adds it to the account)",
                &preview.from_device,
            ),
            (
                "Only in the account (added to this device)",
                &preview.from_account,
            ),
        ] {
            if !items.is_empty() {
                errln!("{heading}:");
                for item in items {
                    errln!("  {item}");
                }
            }
        }
        errln!(
            "Nothing was changed. Run again with --merge to bring both together, or with --replace to replace this device's profile with the account's."
        );
        return Ok(ExitCode::from(1));
    }
    sync::save_token(&handle, &session.token)?;
    let mut progress = progress_line();
    let signed = sync::sign_in(
        &mut handle,
        &mut transport,
        client.server(),
        &args.email,
        &session,
        choice,
        &mut progress,
    );
    end_progress_line();
    let signed = signed?;
    let what = match signed.start {
        Start::Upload => "this device's profile was uploaded to the account",
        Start::Download => "the account's profile was downloaded",
        Start::Both if args.merge => "this device's profile was merged into the account's",
        Start::Both => "this device's profile was replaced by the account's",
        Start::Empty => "the account starts with this device's (empty) profile",
        Start::Resume => "signed in again; what waited here is sent",
    };
    outln!(
        "Signed in to {} at {} as \"{device_name}\": {what}.",
        args.email,
        client.server()
    );
    describe(&signed.report);
    Ok(ExitCode::SUCCESS)
}

/// The database and a client signed in as this device.
fn signed_in(db: &Path) -> anyhow::Result<(career_hub::Db, Client)> {
    let handle = super::open(db)?;
    let client = career_hub_client::device_client(&handle)?
        .context("this device is not signed in to an account; run `career-hub sync login`")?;
    Ok((handle, client))
}

fn now(db: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let (mut handle, mut client) = signed_in(db)?;
    let mut progress = progress_line();
    let report = sync::sync_now(&mut handle, &mut client, &mut progress);
    end_progress_line();
    let report = report?;
    if json {
        super::print_json(&report)?;
    } else {
        describe(&report);
    }
    Ok(if report.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn describe(report: &Report) {
    outln!(
        "Sent {} change{}, received {} ({} changed something here).",
        report.pushed,
        if report.pushed == 1 { "" } else { "s" },
        report.pulled,
        report.applied
    );
    for row in &report.resurrected {
        outln!(
            "Came back: a deleted {} ({}) was changed on another device after it was deleted, so it was kept.",
            row.table,
            row.key.join(", ")
        );
    }
    if let Some(merged) = &report.merged {
        for item in &merged.added {
            outln!("Merged into the account: {item}.");
        }
        if !merged.matched.is_empty() {
            outln!(
                "Already in the account, kept once: {}.",
                merged.matched.join(", ")
            );
        }
        if !merged.filled.is_empty() {
            outln!("Filled in from this device: {}.", merged.filled.join(", "));
        }
    }
    for rejected in &report.rejected {
        errln!("{}", refused(rejected));
    }
    if report.skipped > 0 {
        errln!(
            "{} received change(s) could not be used on this device and were skipped.",
            report.skipped
        );
    }
}

fn refused(rejected: &sync::RejectedChange) -> String {
    format!(
        "Refused by the account: a change of {} ({}): {}",
        rejected.table,
        rejected.key.join(", "),
        rejected.message
    )
}

fn status(db: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let handle = super::open(db)?;
    let status = sync::status(handle.conn())?;
    if json {
        super::print_json(&status)?;
        return Ok(ExitCode::SUCCESS);
    }
    if !status.signed_in {
        outln!("Not signed in to an account.");
        if status.pending > 0 {
            outln!(
                "{} change(s) wait from an earlier sign-in; they are sent when this device signs in to that account again.",
                status.pending
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "Signed in to {} at {}.",
        status.email.as_deref().unwrap_or("an account"),
        status.server.as_deref().unwrap_or("?")
    );
    outln!(
        "Last synced: {}.",
        status.last_synced_at.as_deref().unwrap_or("never")
    );
    outln!("Changes waiting to be sent: {}.", status.pending);
    for rejected in &status.rejected {
        outln!("{}", refused(rejected));
    }
    Ok(ExitCode::SUCCESS)
}

fn logout(db: &Path) -> anyhow::Result<ExitCode> {
    let mut handle = super::open(db)?;
    if let Some(token) = sync::load_token(&handle)? {
        let server = sync::status(handle.conn())?.server;
        if let Some(server) = server {
            // Best effort: signed out here whether or not the server hears of it.
            if let Err(error) = Client::new(&server)?.with_token(&token).sign_out() {
                errln!("The server was not told ({error}); this device is signed out anyway.");
            }
        }
    }
    let pending = sync::sign_out(&mut handle)?;
    sync::forget_token(&handle)?;
    outln!("Signed out. Your profile stays on this device.");
    if pending > 0 {
        outln!(
            "{pending} change(s) were not sent; they go with your next sign-in to this account."
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn devices(db: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let (_, client) = signed_in(db)?;
    let devices = client.devices()?;
    if json {
        super::print_json(&devices)?;
        return Ok(ExitCode::SUCCESS);
    }
    for device in &devices {
        outln!(
            "{}  {}{}  last used {}",
            device.id,
            device.name,
            if device.current { " (this device)" } else { "" },
            device.last_used_at
        );
    }
    Ok(ExitCode::SUCCESS)
}
