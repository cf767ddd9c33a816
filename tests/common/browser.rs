//! Headless Chromium for browser tests, driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`), and a small static file server on loopback that serves a built site under
//! a sub-path, as GitHub project pages do.
//!
//! Locally, a machine without chromedriver skips browser tests with a message; in CI (`CI` set)
//! a missing browser is a failure, since `.ci/run` installs it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A static file server for a folder, mounted under `prefix` (e.g. `/repo/`).
pub struct StaticServer {
    /// Base URL, e.g. `http://127.0.0.1:41234/repo/`.
    pub url: String,
}

impl StaticServer {
    /// Serves `root` under `prefix` on a free loopback port, in a background thread.
    pub fn start(root: &Path, prefix: &str) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let root = root.to_path_buf();
        let prefix = prefix.to_owned();
        let url = format!("http://127.0.0.1:{port}{prefix}");
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let prefix = prefix.clone();
                std::thread::spawn(move || serve_one(stream, &root, &prefix));
            }
        });
        StaticServer { url }
    }
}

fn serve_one(mut stream: TcpStream, root: &Path, prefix: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h == "\r\n" || h.is_empty() {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let decoded = super::percent_decode(path);
    let file: Option<PathBuf> = decoded.strip_prefix(prefix).and_then(|rel| {
        if rel.split('/').any(|s| s == "..") {
            return None;
        }
        let mut p = root.join(rel);
        if p.is_dir() {
            p = p.join("index.html");
        }
        p.is_file().then_some(p)
    });
    let (status, body, ctype) = match file {
        Some(p) => ("200 OK", std::fs::read(&p).unwrap_or_default(), content_type(&p)),
        None => ("404 Not Found", std::fs::read(root.join("404.html")).unwrap_or_default(), "text/html; charset=utf-8"),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A running chromedriver and a WebDriver session in headless Chromium.
pub struct Browser {
    /// The WebDriver client.
    pub client: fantoccini::Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

/// Whether browser tests can run here. In CI a missing browser panics (CI must install it).
pub fn available() -> bool {
    let ok = Path::new("/usr/bin/chromedriver").exists() && Path::new("/usr/bin/chromium").exists();
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("chromium and chromium-driver are required in CI (apt-get install chromium chromium-driver)");
        }
        eprintln!("skipping browser test: install Debian's chromium and chromium-driver to run it");
    }
    ok
}

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium session.
    pub async fn start() -> Browser {
        Browser::start_with(&[]).await
    }

    /// Like [`Browser::start`], with extra Chromium flags (e.g. `--force-dark-mode`).
    pub async fn start_with(extra_args: &[&str]) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let mut args = serde_json::json!([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            format!("--user-data-dir={}", profile.path().display()),
        ]);
        if let Some(list) = args.as_array_mut() {
            list.extend(extra_args.iter().map(|a| serde_json::Value::from(*a)));
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), serde_json::json!({ "binary": "/usr/bin/chromium", "args": args }));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = fantoccini::ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("connect to chromedriver");
        Browser { client, driver, _profile: profile }
    }

    /// Ends the session and stops chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
