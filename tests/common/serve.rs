//! `gen serve` as a user runs it: the real binary on a free loopback port, with its output
//! collected so tests can wait for what it prints.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `gen serve`.
pub struct Serve {
    child: Child,
    /// Base URL of the site, e.g. `http://127.0.0.1:41234/repo/`.
    pub url: String,
    /// Everything printed so far, stdout and stderr interleaved by line.
    pub output: Arc<Mutex<Vec<String>>>,
}

impl Serve {
    /// Starts `gen serve --root ROOT --port 0 ARGS…` and waits until it prints its URL.
    pub fn start(root: &Path, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gen"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gen serve");
        let output = Arc::new(Mutex::new(Vec::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let output = Arc::clone(&output);
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    output.lock().unwrap().push(line);
                }
            });
        }
        let mut serve = Serve { child, url: String::new(), output };
        let line = serve.wait_for("Serving the site at ", Duration::from_secs(60));
        serve.url = line.split("Serving the site at ").nth(1).unwrap().trim().to_owned();
        serve
    }

    /// Waits until a printed line contains `needle` and returns it.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(l) = self.output.lock().unwrap().iter().find(|l| l.contains(needle)) {
                return l.clone();
            }
            assert!(Instant::now() < deadline, "gen serve never printed {needle:?}; it printed:\n{}", self.printed());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything printed so far.
    pub fn printed(&self) -> String {
        self.output.lock().unwrap().join("\n")
    }

    /// `host:port` of the server.
    pub fn authority(&self) -> String {
        self.url.trim_start_matches("http://").split('/').next().unwrap().to_owned()
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit code, or `None` if it did not stop in time.
    pub fn interrupt(&mut self, timeout: Duration) -> Option<i32> {
        let _ = Command::new("kill").arg("-INT").arg(self.child.id().to_string()).status();
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One raw HTTP/1.1 GET, exactly as written (clients normalise `..`; attackers do not).
/// Returns the status code, the headers and the body.
pub fn raw_get(authority: &str, target: &str) -> (u16, String, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(authority).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head, buf[split + 4..].to_vec())
}
