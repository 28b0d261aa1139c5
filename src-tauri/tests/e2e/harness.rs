//! Runs the real app under a virtual display, driven through WebDriver: its own Xvfb,
//! its own tauri-driver on free ports, its own data folder, and screenshots kept in
//! target/tmp/e2e-screenshots.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use tokio::process::{Child, Command};

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// How long any one element may take to appear.
pub const WAIT: Duration = Duration::from_secs(20);

/// One scenario at a time: two apps, drivers and displays starting together trip
/// over each other (WebKitWebDriver fails the second session).
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
static ONE_AT_A_TIME_SECOND: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub struct Harness {
    _turn: tokio::sync::MutexGuard<'static, ()>,
    xvfb: Child,
    driver: Child,
    pub port: u16,
    /// The X display the app runs on (":93").
    pub display: String,
    pub home: tempfile::TempDir,
    shots: PathBuf,
    shot_count: usize,
}

fn free_port() -> TestResult<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn free_display() -> u32 {
    (90..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .unwrap_or(199)
}

async fn wait_for_port(port: u16) -> TestResult {
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("nothing listens on port {port}").into())
}

impl Harness {
    pub async fn start(name: &str) -> TestResult<Self> {
        let turn = ONE_AT_A_TIME.lock().await;
        Self::start_with(name, turn).await
    }

    /// A second computer beside this one, for scenarios of two: its own display, driver
    /// and data folder, started only once this one's app is up (started together, the
    /// two drivers trip over each other).
    pub async fn another(&self, name: &str) -> TestResult<Self> {
        let turn = ONE_AT_A_TIME_SECOND.lock().await;
        Self::start_with(name, turn).await
    }

    async fn start_with(
        name: &str,
        turn: tokio::sync::MutexGuard<'static, ()>,
    ) -> TestResult<Self> {
        let n = free_display();
        let display = format!(":{n}");
        let xvfb = Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("Xvfb is needed for the end-to-end tests (bash scripts/setup.sh installs it): {e}"))?;
        for _ in 0..50 {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let home = tempfile::tempdir()?;
        let port = free_port()?;
        let native = free_port()?;
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DISPLAY", &display)
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env_remove("CAREER_HUB_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("tauri-driver is needed for the end-to-end tests (bash scripts/setup.sh installs it): {e}"))?;
        wait_for_port(port).await?;
        let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("e2e-screenshots")
            .join(name);
        std::fs::create_dir_all(&shots)?;
        Ok(Self {
            _turn: turn,
            xvfb,
            driver,
            port,
            display,
            home,
            shots,
            shot_count: 0,
        })
    }

    /// Launches the app and returns a WebDriver session on its window.
    pub async fn launch(&self) -> TestResult<Client> {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": env!("CARGO_BIN_EXE_career-hub-desktop") }),
        );
        let client = tokio::time::timeout(
            Duration::from_secs(60),
            ClientBuilder::native()
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{}", self.port)),
        )
        .await
        .map_err(|_| "the app did not start within 60 s")??;
        Ok(client)
    }

    /// The database the app writes to.
    pub fn database(&self) -> PathBuf {
        self.home.path().join("data/career-hub/career-hub.db")
    }

    /// The file of the next screenshot: named after the step, numbered in order.
    fn next_shot(&mut self, name: &str) -> PathBuf {
        self.shot_count += 1;
        self.shots
            .join(format!("{:02}-{name}.png", self.shot_count))
    }

    /// Saves a screenshot named after the step, numbered in order.
    pub async fn screenshot(&mut self, client: &Client, name: &str) -> TestResult {
        let png = client.screenshot().await?;
        std::fs::write(self.next_shot(name), png)?;
        Ok(())
    }

    /// Saves a screenshot of the whole display, native dialogs included (WebDriver's
    /// only shows the page, and WebKitWebDriver's can stall on some pages).
    pub async fn screenshot_display(&mut self, name: &str) -> TestResult {
        let file = self.next_shot(name);
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&file)
            .env("DISPLAY", &self.display)
            .status()
            .await
            .map_err(|e| format!("ImageMagick's import is needed for the end-to-end tests (bash scripts/setup.sh installs it): {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("import could not capture the display for {name}").into())
        }
    }

    /// Answers the native file dialog titled `title` with `path`, as a person would by
    /// typing it: focus the dialog, open its location field (Ctrl+L), select what is
    /// there, type, Enter.
    pub async fn answer_file_dialog(&self, title: &str, path: &Path) -> TestResult {
        let xdotool = |args: Vec<String>| {
            let display = self.display.clone();
            async move {
                // Its searches print the windows they find: not wanted in the output.
                let status = Command::new("xdotool")
                    .args(&args)
                    .env("DISPLAY", display)
                    .stdout(Stdio::null())
                    .status()
                    .await
                    .map_err(|e| format!("xdotool is needed for the end-to-end tests (bash scripts/setup.sh installs it): {e}"))?;
                if status.success() {
                    Ok::<_, Box<dyn std::error::Error>>(())
                } else {
                    Err(format!("xdotool {args:?} failed").into())
                }
            }
        };
        // Focus fails while the dialog exists but is not mapped yet (X reports BadMatch):
        // look again, for visible windows only, until it is or the wait is over.
        let search: Vec<String> = [
            "search",
            "--onlyvisible",
            "--name",
            title,
            "windowfocus",
            "--sync",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        let open: Vec<String> = ["search", "--onlyvisible", "--name", title]
            .iter()
            .map(ToString::to_string)
            .collect();
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let attempt = tokio::time::timeout_at(deadline, xdotool(search.clone())).await;
            match attempt {
                Ok(Ok(())) => {}
                Ok(Err(_)) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                _ => {
                    return Err(format!("no file dialog titled {title:?} could be focused").into());
                }
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
            xdotool(vec!["key".into(), "ctrl+l".into()]).await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            // A save dialog's field already holds a suggested name: replace it.
            xdotool(vec!["key".into(), "ctrl+a".into()]).await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
            xdotool(vec![
                "type".into(),
                "--delay".into(),
                "10".into(),
                path.display().to_string(),
            ])
            .await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            xdotool(vec!["key".into(), "Return".into()]).await?;
            // Answered once the dialog is gone; a dialog still drawing itself when the
            // keys came may have missed them: then it is answered again.
            let answered = tokio::time::Instant::now() + Duration::from_secs(3);
            while tokio::time::Instant::now() < answered {
                if xdotool(open.clone()).await.is_err() {
                    return Ok(());
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            if tokio::time::Instant::now() > deadline {
                return Err(format!("the file dialog {title:?} did not take the path").into());
            }
        }
    }

    pub async fn stop(mut self) {
        let _ = self.driver.kill().await;
        let _ = self.xvfb.kill().await;
    }
}

fn tauri_driver() -> PathBuf {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// Finds an element, waiting for it to appear.
pub async fn find(client: &Client, css: &str) -> TestResult<fantoccini::elements::Element> {
    match client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => Ok(element),
        Err(e) => Err(format!("{css}: {e}; the page showed: {}", page_text(client).await).into()),
    }
}

/// What the page shows, for a failure message: its text and its form fields' values.
async fn page_text(client: &Client) -> String {
    let script = "return document.body.innerText.slice(0, 3000) + '\\n[fields] ' + \
        [...document.querySelectorAll('input, textarea')].map(i => i.id + '=' + JSON.stringify(i.value)).join(' ');";
    match client.execute(script, vec![]).await {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(e) => format!("(unreadable: {e})"),
    }
}

/// Types into the input `css` (replacing what it holds).
pub async fn fill(client: &Client, css: &str, text: &str) -> TestResult {
    let input = find(client, css).await?;
    input.clear().await?;
    input.send_keys(text).await?;
    Ok(())
}

pub async fn click(client: &Client, css: &str) -> TestResult {
    find(client, css).await?.click().await?;
    Ok(())
}

/// Waits until `script` (a JS expression) is true in the page.
pub async fn wait_until(client: &Client, what: &str, script: &str) -> TestResult {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let value = client
            .execute(&format!("return !!({script});"), vec![])
            .await?;
        if value.as_bool() == Some(true) {
            return Ok(());
        }
        if tokio::time::Instant::now() > deadline {
            return Err(format!(
                "timed out waiting for {what}; the page showed: {}",
                page_text(client).await
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The number of elements matching `css`.
pub async fn count(client: &Client, css: &str) -> TestResult<usize> {
    Ok(client.find_all(Locator::Css(css)).await?.len())
}
