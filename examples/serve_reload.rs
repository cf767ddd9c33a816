//! Benchmark of `gen serve`: the time from saving one document to the reload message on the
//! page's WebSocket, end to end (file system event, batching, re-parse, re-render, publish,
//! message). Run it through `bench/serve_reload.sh`, which builds a release binary and a corpus.
//!
//! ```sh
//! cargo run --release --example serve_reload -- --gen target/release/gen --root /tmp/corpus --edits 40
//! ```
//!
//! For each edit: load the phase page of one roadmap in one language (its version), open its
//! WebSocket as the page does, wait until the server is idle (the previous edit's background
//! search rebuild done), then write the document (in place,
//! or `--rename` as editors that save by renaming do) and time until `{"type":"reload"}` arrives.
//! Prints every sample, then min / median / p90 / max. Talks to 127.0.0.1 only.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

fn get(authority: &str, target: &str) -> String {
    let mut s = std::net::TcpStream::connect(authority).expect("connect");
    write!(s, "GET {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    String::from_utf8_lossy(&buf).into_owned()
}

fn version_in(page: &str) -> u64 {
    let at = page.rfind("\"version\":").expect("a page served by gen serve") + "\"version\":".len();
    page[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut gen_bin = PathBuf::from("target/release/gen");
    let mut root: Option<PathBuf> = None;
    let mut edits = 40;
    let mut rename = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gen" => gen_bin = args.next().map(PathBuf::from).expect("--gen PATH"),
            "--root" => root = args.next().map(PathBuf::from),
            "--edits" => edits = args.next().and_then(|v| v.parse().ok()).expect("--edits N"),
            "--rename" => rename = true,
            _ => {
                eprintln!("usage: serve_reload --root DIR [--gen PATH] [--edits N] [--rename]");
                std::process::exit(2);
            }
        }
    }
    let root = root.expect("--root DIR (a site, e.g. written by gen-corpus)");
    let mut ids: Vec<String> = std::fs::read_dir(root.join("content/roadmaps"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();

    let started = Instant::now();
    let mut child = Command::new(&gen_bin)
        .args(["serve", "--port", "0", "--base-url", "/", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start gen serve");
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    {
        let out = child.stdout.take().unwrap();
        let lines = Arc::clone(&lines);
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(l);
            }
        });
    }
    let url = loop {
        if let Some(l) = lines.lock().unwrap().iter().find(|l| l.starts_with("Serving the site at ")) {
            break l.trim_start_matches("Serving the site at ").to_owned();
        }
        assert!(started.elapsed() < Duration::from_secs(600), "gen serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    };
    let first = lines.lock().unwrap()[0].clone();
    println!("startup: {first} (ready after {:.1} s)", started.elapsed().as_secs_f64());
    let authority = url.trim_start_matches("http://").trim_end_matches('/').to_owned();
    let pid = child.id();

    let mut samples = Vec::new();
    for i in 0..edits {
        let id = &ids[(i * 7919) % ids.len()];
        let lang = ["vi", "ru", "en"][i % 3];
        let doc = root.join(format!("content/roadmaps/{id}/{lang}.md"));
        let page = format!("{lang}/{id}/phase-1/index.html");
        let version = version_in(&get(&authority, &format!("/{lang}/{id}/phase-1/")));
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{authority}/__gen/ws")).await.expect("ws");
        let hello = format!("{{\"path\":\"{page}\",\"version\":{version}}}");
        ws.send(Message::Text(hello.into())).await.unwrap();
        // Idle: the previous edit's background search rebuild has finished (the server says so)
        // and nothing is arriving on the socket.
        let searched = |lines: &Mutex<Vec<String>>| {
            lines.lock().unwrap().iter().filter(|l| l.contains("search indexes updated")).count()
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        while searched(&lines) < i && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        while let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(300), ws.next()).await {}

        let text = std::fs::read_to_string(&doc).unwrap();
        // Change the first task of phase 1, which that page shows.
        let phase = text.find("{#phase-1").unwrap_or(0);
        let at = phase + text[phase..].find("\n- ").expect("a task in phase 1") + 3;
        let new = format!("{}edit {i} {}", &text[..at], &text[at..]);
        let t0 = Instant::now();
        if rename {
            let tmp = doc.with_extension("md.swp");
            std::fs::write(&tmp, &new).unwrap();
            std::fs::rename(&tmp, &doc).unwrap();
        } else {
            std::fs::write(&doc, &new).unwrap();
        }
        let reloaded = loop {
            match tokio::time::timeout(Duration::from_secs(30), ws.next()).await {
                Ok(Some(Ok(Message::Text(t)))) if t.as_str().contains("\"reload\"") => break true,
                Ok(Some(Ok(_))) => continue,
                _ => break false,
            }
        };
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        assert!(reloaded, "no reload for {}", doc.display());
        let _ = ws.close(None).await;
        let server_line =
            lines.lock().unwrap().iter().rev().find(|l| l.contains("changed")).cloned().unwrap_or_default();
        println!("edit {i:3} {id}/{lang}.md: {ms:7.1} ms   [{server_line}]");
        samples.push(ms);
    }
    samples.sort_by(f64::total_cmp);
    let rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_owned())
        })
        .unwrap_or_else(|| "?".into());
    println!(
        "save → reload message over {} edits ({}): min {:.1} ms, median {:.1} ms, p90 {:.1} ms, max {:.1} ms; server peak RSS {} kB",
        samples.len(),
        if rename { "save by rename" } else { "write in place" },
        samples[0],
        percentile(&samples, 0.5),
        percentile(&samples, 0.9),
        samples[samples.len() - 1],
        rss
    );
    let _ = Command::new("kill").arg("-INT").arg(pid.to_string()).status();
    let _ = child.wait();
    let _: &Path = &root;
}
