//! Two computers of one person, each the real app with its own data folder, syncing
//! through a sync server the test starts on a private PostgreSQL cluster.

use std::time::Duration;

use career_hub::Db;

use crate::harness::{Harness, TestResult, click, fill, find, wait_until};

#[path = "../../../server/tests/api/cluster.rs"]
mod cluster;

const PASSWORD: &str = "correct horse battery";

/// A sync server on a database of the private cluster, run in this process; it can
/// be stopped and started again on the same address and database.
struct TestServer {
    url: String,
    database_url: String,
    address: std::net::SocketAddr,
    running: Option<(
        tokio::sync::oneshot::Sender<()>,
        tokio::task::JoinHandle<()>,
    )>,
}

impl TestServer {
    /// A server on a new database.
    async fn start() -> TestResult<Self> {
        let database_url = tokio::task::spawn_blocking(|| {
            let cluster = cluster::Cluster::get();
            cluster.url(&cluster.database())
        })
        .await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let mut server = TestServer {
            url: format!("http://{address}"),
            database_url,
            address,
            running: None,
        };
        server.serve(listener).await?;
        Ok(server)
    }

    async fn serve(&mut self, listener: tokio::net::TcpListener) -> TestResult {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, address) = tokio::sync::oneshot::channel();
        let database_url = self.database_url.clone();
        let task = tokio::spawn(async move {
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
        tokio::time::timeout(Duration::from_secs(60), address)
            .await
            .map_err(|_| "the sync server did not start within 60 s")??;
        self.running = Some((stop, task));
        Ok(())
    }

    /// Stops the server (the requests in flight finish, long-polls end) and waits until
    /// it is gone.
    async fn stop(&mut self) -> TestResult {
        if let Some((stop, task)) = self.running.take() {
            let _ = stop.send(());
            tokio::time::timeout(Duration::from_secs(60), task)
                .await
                .map_err(|_| "the sync server did not stop within 60 s")??;
        }
        Ok(())
    }

    /// Starts it again where it was.
    async fn start_again(&mut self) -> TestResult {
        let listener = tokio::net::TcpListener::bind(self.address).await?;
        self.serve(listener).await
    }
}

/// Signs the app in on its Account & sync screen, creating the account with `create`.
async fn sign_in(app: &fantoccini::Client, server: &str, device: &str, create: bool) -> TestResult {
    submit_sign_in(app, server, device, create).await?;
    wait_until(
        app,
        "signed in and up to date",
        "document.querySelector('[data-testid=sync-activity]')?.textContent.includes('Up to date')",
    )
    .await
}

/// Fills in and sends the Account & sync screen's sign-in form.
async fn submit_sign_in(
    app: &fantoccini::Client,
    server: &str,
    device: &str,
    create: bool,
) -> TestResult {
    click(app, "[data-testid=account-toggle]").await?;
    find(app, "[data-testid=sync-sign-in]").await?;
    if create {
        click(app, "[data-testid=sync-toggle-create]").await?;
    }
    fill(app, "[data-testid=sync-server]", server).await?;
    fill(app, "[data-testid=sync-email-input]", "ada@example.com").await?;
    fill(app, "[data-testid=sync-password]", PASSWORD).await?;
    fill(app, "[data-testid=sync-device-name]", device).await?;
    click(app, "[data-testid=sync-submit]").await
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
    let mut sync_server = TestServer::start().await?;
    let server = sync_server.url.clone();

    // The laptop creates the account and adds a job.
    let mut laptop = Harness::start("sync-laptop").await?;
    let first = laptop.launch().await?;
    find(&first, "[data-testid=basics-form]").await?;
    sign_in(&first, &server, "Laptop", true).await?;
    laptop.screenshot_display("laptop-signed-in").await?;
    add_first_job(&first, "Analytical Engines", "Staff Engineer", "2021-03-01").await?;
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
    retitle(&second, "Principal Engineer").await?;
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

    // The server goes away: the laptop keeps working, says it is offline, and sends
    // what was made meanwhile once the server is back, without being asked.
    sync_server.stop().await?;
    retitle(&first, "Distinguished Engineer").await?;
    click(&first, "[data-testid=account-toggle]").await?;
    wait_until(
        &first,
        "the laptop saying it is offline",
        "document.querySelector('[data-testid=sync-activity]')?.textContent.includes('Offline')",
    )
    .await?;
    let pending = find(&first, "[data-testid=sync-pending]")
        .await?
        .text()
        .await?;
    assert!(pending.contains("wait"), "the edit waits: {pending}");
    laptop.screenshot_display("laptop-offline").await?;
    sync_server.start_again().await?;
    wait_until(
        &second,
        "the edit made offline on the desktop, once the server is back",
        "[...document.querySelectorAll('[data-testid=experience-item]')].some(i => i.textContent.includes('Distinguished Engineer'))",
    )
    .await?;
    wait_until(
        &first,
        "the laptop up to date again",
        "document.querySelector('[data-testid=sync-activity]')?.textContent.includes('Up to date')",
    )
    .await?;

    // Signed out from the desktop, the laptop asks to sign in again and keeps its edit
    // until it has.
    click(&second, "[data-testid=account-toggle]").await?;
    click(&second, "[data-testid=sync-revoke]").await?;
    wait_until(
        &second,
        "one device left",
        "document.querySelectorAll('[data-testid=sync-devices] li').length === 1",
    )
    .await?;
    click(&second, "[data-testid=account-toggle]").await?;
    retitle(&first, "Chief Engineer").await?;
    click(&first, "[data-testid=account-toggle]").await?;
    wait_until(
        &first,
        "the laptop asking to sign in again",
        "document.querySelector('[data-testid=sync-sign-in]')?.textContent.includes('no longer accepted')",
    )
    .await?;
    laptop.screenshot_display("laptop-sign-in-again").await?;
    fill(&first, "[data-testid=sync-password]", PASSWORD).await?;
    click(&first, "[data-testid=sync-submit]").await?;
    wait_until(
        &first,
        "the laptop signed in again, with no choice to make",
        "document.querySelector('[data-testid=sync-done]')?.textContent.includes('Signed in again')",
    )
    .await?;
    wait_until(
        &second,
        "the laptop's kept edit on the desktop after its new sign-in",
        "[...document.querySelectorAll('[data-testid=experience-item]')].some(i => i.textContent.includes('Chief Engineer'))",
    )
    .await?;
    desktop
        .screenshot_display("desktop-has-the-kept-edit")
        .await?;

    second.close().await?;
    desktop.stop().await;

    // A third computer with a profile of its own: before anything changes it shows
    // what a merge would do; merged, both computers hold every job once.
    let mut tablet = laptop.another("sync-tablet").await?;
    let third = tablet.launch().await?;
    find(&third, "[data-testid=basics-form]").await?;
    add_first_job(&third, "Difference Engines", "Analyst", "2019-05-01").await?;
    submit_sign_in(&third, &server, "Tablet", false).await?;
    let only_here = find(&third, "[data-testid=sync-merge-from-device]")
        .await?
        .text()
        .await?;
    assert!(
        only_here.contains("experience Analyst at Difference Engines"),
        "{only_here}"
    );
    let only_there = find(&third, "[data-testid=sync-merge-from-account]")
        .await?
        .text()
        .await?;
    assert!(
        only_there.contains("experience Chief Engineer at Analytical Engines"),
        "{only_there}"
    );
    tablet.screenshot_display("tablet-merge-preview").await?;
    click(&third, "[data-testid=sync-merge]").await?;
    wait_until(
        &third,
        "the merge done",
        "document.querySelector('[data-testid=sync-done]')?.textContent.includes('merged into the account')",
    )
    .await?;
    tablet.screenshot_display("tablet-merged").await?;
    for (app, who) in [(&third, "the tablet"), (&first, "the laptop")] {
        click(app, "[data-testid=nav-experience]").await?;
        wait_until(
            app,
            &format!("both jobs on {who}"),
            "(() => { const items = [...document.querySelectorAll('[data-testid=experience-item]')].map(i => i.textContent); \
             return items.length === 2 && items.some(t => t.includes('Difference Engines')) && items.some(t => t.includes('Analytical Engines')); })()",
        )
        .await?;
    }

    third.close().await?;
    tablet.stop().await;
    first.close().await?;
    laptop.stop().await;
    sync_server.stop().await
}

/// Adds the profile's first job on the Experience step.
async fn add_first_job(
    app: &fantoccini::Client,
    company: &str,
    position: &str,
    start: &str,
) -> TestResult {
    click(app, "[data-testid=nav-experience]").await?;
    click(app, "[data-testid=experience-add]").await?;
    fill(app, "#exp-company", company).await?;
    fill(app, "#exp-position", position).await?;
    fill(app, "#exp-start", start).await?;
    click(app, "[data-testid=experience-save]").await?;
    wait_until(
        app,
        "the job in the list",
        "document.querySelectorAll('[data-testid=experience-item]').length === 1",
    )
    .await
}

/// Gives the only job a new title on the Experience step (and leaves the app there).
async fn retitle(app: &fantoccini::Client, title: &str) -> TestResult {
    click(app, "[data-testid=nav-experience]").await?;
    click(app, "[data-testid=edit]").await?;
    fill(app, "#exp-position", title).await?;
    click(app, "[data-testid=experience-save]").await?;
    wait_until(
        app,
        "the new title saved",
        &format!(
            "[...document.querySelectorAll('[data-testid=experience-item]')].some(i => i.textContent.includes('{title}'))"
        ),
    )
    .await
}
