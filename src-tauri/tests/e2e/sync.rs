//! Two computers of one person, each the real app with its own data folder, syncing
//! through a sync server the test starts on a private PostgreSQL cluster.

use std::time::Duration;

use career_hub::Db;

use crate::harness::{Harness, TestResult, click, fill, find, wait_until};

#[path = "../../../server/tests/api/cluster.rs"]
mod cluster;

const PASSWORD: &str = "correct horse battery";

/// A sync server on a new database of the private cluster; stopped when the sender is
/// dropped.
async fn start_server() -> TestResult<(String, tokio::sync::oneshot::Sender<()>)> {
    let database_url = tokio::task::spawn_blocking(|| {
        let cluster = cluster::Cluster::get();
        cluster.url(&cluster.database())
    })
    .await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (ready, address) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let served = career_hub_server::serve(
            &database_url,
            career_hub_server::Options::default(),
            listener,
            async {
                let _ = stopped.await;
            },
            |address| {
                let _ = ready.send(address);
            },
        )
        .await;
        if let Err(error) = served {
            eprintln!("the sync server stopped: {error}");
        }
    });
    let address = tokio::time::timeout(Duration::from_secs(60), address)
        .await
        .map_err(|_| "the sync server did not start within 60 s")??;
    Ok((format!("http://{address}"), stop))
}

/// Signs the app in on its Account & sync screen, creating the account with `create`.
async fn sign_in(app: &fantoccini::Client, server: &str, device: &str, create: bool) -> TestResult {
    click(app, "[data-testid=account-toggle]").await?;
    find(app, "[data-testid=sync-sign-in]").await?;
    if create {
        click(app, "[data-testid=sync-toggle-create]").await?;
    }
    fill(app, "[data-testid=sync-server]", server).await?;
    fill(app, "[data-testid=sync-email-input]", "ada@example.com").await?;
    fill(app, "[data-testid=sync-password]", PASSWORD).await?;
    fill(app, "[data-testid=sync-device-name]", device).await?;
    click(app, "[data-testid=sync-submit]").await?;
    wait_until(
        app,
        "signed in and up to date",
        "document.querySelector('[data-testid=sync-activity]')?.textContent.includes('Up to date')",
    )
    .await
}

/// Waits until the app at `database` has sent every change it made.
async fn all_sent(database: &std::path::Path) -> TestResult {
    let deadline = tokio::time::Instant::now() + crate::harness::WAIT;
    loop {
        let db = Db::open_existing(database)?;
        let waiting: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM sync_outbox", [], |row| row.get(0))?;
        if waiting == 0 {
            return Ok(());
        }
        if tokio::time::Instant::now() > deadline {
            return Err(format!("{waiting} change(s) were still not sent").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn scenario() -> TestResult {
    let (server, _stop_server) = start_server().await?;

    // The laptop creates the account and adds a job.
    let mut laptop = Harness::start("sync-laptop").await?;
    let first = laptop.launch().await?;
    find(&first, "[data-testid=basics-form]").await?;
    sign_in(&first, &server, "Laptop", true).await?;
    laptop.screenshot_display("laptop-signed-in").await?;
    click(&first, "[data-testid=nav-experience]").await?;
    click(&first, "[data-testid=experience-add]").await?;
    fill(&first, "#exp-company", "Analytical Engines").await?;
    fill(&first, "#exp-position", "Staff Engineer").await?;
    fill(&first, "#exp-start", "2021-03-01").await?;
    click(&first, "[data-testid=experience-save]").await?;
    wait_until(
        &first,
        "the job in the list",
        "document.querySelectorAll('[data-testid=experience-item]').length === 1",
    )
    .await?;
    all_sent(&laptop.database()).await?;

    // A second computer signs in and shows the job.
    let mut desktop = laptop.another("sync-desktop").await?;
    let second = desktop.launch().await?;
    find(&second, "[data-testid=basics-form]").await?;
    sign_in(&second, &server, "Desktop", false).await?;
    desktop.screenshot_display("desktop-signed-in").await?;
    click(&second, "[data-testid=nav-experience]").await?;
    wait_until(
        &second,
        "the laptop's job on the desktop",
        "[...document.querySelectorAll('[data-testid=experience-item]')].some(i => i.textContent.includes('Analytical Engines'))",
    )
    .await?;
    desktop.screenshot_display("desktop-has-the-job").await?;

    // Edited there, the edit shows on the laptop, which stays open all along.
    click(&second, "[data-testid=edit]").await?;
    fill(&second, "#exp-position", "Principal Engineer").await?;
    click(&second, "[data-testid=experience-save]").await?;
    wait_until(
        &second,
        "the edit saved on the desktop",
        "[...document.querySelectorAll('[data-testid=experience-item]')].some(i => i.textContent.includes('Principal Engineer'))",
    )
    .await?;
    wait_until(
        &first,
        "the desktop's edit on the laptop, without a restart",
        "[...document.querySelectorAll('[data-testid=experience-item]')].some(i => i.textContent.includes('Principal Engineer'))",
    )
    .await?;
    laptop.screenshot_display("laptop-shows-the-edit").await?;

    // Both devices are listed on the account screen, this one marked.
    click(&first, "[data-testid=account-toggle]").await?;
    wait_until(
        &first,
        "two devices",
        "document.querySelectorAll('[data-testid=sync-devices] li').length === 2",
    )
    .await?;
    let listed = find(&first, "[data-testid=sync-devices]")
        .await?
        .text()
        .await?;
    assert!(
        listed.contains("Laptop (this device)") && listed.contains("Desktop"),
        "{listed}"
    );
    laptop.screenshot_display("laptop-devices").await?;

    second.close().await?;
    desktop.stop().await;
    first.close().await?;
    laptop.stop().await;
    Ok(())
}
