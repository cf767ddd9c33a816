//! `gen check` as a maintainer runs it in CI: the bundled site passes; a site with a broken
//! anchor, a misspelt front matter key, a dirty encoding and a broken template link fails with
//! exit code 1 and names every problem at file:line:col, as text and as JSON.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn gen_check(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gen")).arg("check").arg("--root").arg(root).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bundled_site_passes_gen_check() {
    let (code, stdout, stderr) = gen_check(&repo(), &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains(": 0 error(s)"), "{stdout}");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn broken_site_fails_with_every_problem_located() {
    let site = fixture_site("site-mini");
    let root = site.path();
    let rm = root.join("content/roadmaps/mini");
    edit(&rm.join("vi.md"), "(#weeks-1-2)", "(#weeks-1-3)");
    edit(&rm.join("en.md"), "title = ", "descripton = \"x\"\ntitle = ");
    edit(
        &root.join("themes/default/templates/topic.html"),
        "<h1>{{ title }}</h1>",
        "<h1>{{ title }}</h1><a href=\"../nope/\">x</a>",
    );
    let ftl = root.join("i18n/ru.ftl");
    let crlf = std::fs::read_to_string(&ftl).unwrap().replace('\n', "\r\n");
    std::fs::write(&ftl, crlf).unwrap();

    let (code, stdout, stderr) = gen_check(root, &[]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    let anchor = stderr.split("\n\n").find(|d| d.contains("#weeks-1-3")).expect("the broken anchor is reported");
    assert!(anchor.starts_with("error: content/roadmaps/mini/vi.md:43:39: "), "{anchor}");
    assert_eq!(stderr.matches("#weeks-1-3`").count(), 1, "reported once: {stderr}");
    assert!(stderr.contains("did you mean `#weeks-1-2`?"), "{stderr}");
    assert!(stderr.contains("content/roadmaps/mini/en.md:2:1: invalid TOML: unknown field `descripton`"), "{stderr}");
    assert!(stderr.contains("did you mean `description`?"), "{stderr}");
    assert!(stderr.contains("themes/default/templates/topic.html:"), "{stderr}");
    assert!(stderr.contains("i18n/ru.ftl:1:"), "{stderr}");
    assert!(stderr.contains("CRLF"), "{stderr}");

    let (code, stdout, _) = gen_check(root, &["--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let d = v.as_array().unwrap();
    assert_eq!(d.iter().filter(|d| d["severity"] == "error").count(), 4, "{stdout}");
    let anchor = d.iter().find(|d| d["message"].as_str().unwrap().contains("#weeks-1-3")).unwrap();
    assert_eq!(anchor["file"], "content/roadmaps/mini/vi.md");
    assert_eq!((anchor["line"].as_u64(), anchor["col"].as_u64()), (Some(43), Some(39)));
    assert_eq!(anchor["severity"], "error");
}

#[test]
fn a_translation_may_link_to_an_anchor_only_the_source_has() {
    // The vi edition of the mini roadmap is the source; the en translation has no phase 2 and no
    // career section, which readers see from the source as fallback, so links to them work.
    let site = fixture_site("site-mini");
    let root = site.path();
    let en = root.join("content/roadmaps/mini/en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(
        &en,
        format!("{text}\nSee [week 9](#weeks-9-10), [careers](#con-đường-sự-nghiệp) and [nothing](#weeks-9-11).\n"),
    )
    .unwrap();
    let (code, stdout, stderr) = gen_check(root, &["--format", "json"]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let errors: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("#weeks-9-11"), "{errors:#?}");
}

/// `--external` against a server on loopback (the tests never reach the network): a gone page is
/// an error, a working one is not, a refusing HEAD falls back to GET, and one host is asked one
/// request at a time with a pause in between.
#[test]
fn external_links_are_checked_politely() {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    let server_log = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h == "\r\n" || h.is_empty() {
                    break;
                }
            }
            server_log.lock().unwrap().push((Instant::now(), line.trim().to_owned()));
            let status = match line.split_whitespace().take(2).collect::<Vec<_>>()[..] {
                [_, "/gone"] => "404 Not Found",
                ["HEAD", "/no-head"] => "405 Method Not Allowed",
                _ => "200 OK",
            };
            let mut s = stream;
            let _ = write!(s, "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    let urls: std::collections::BTreeMap<String, String> =
        ["ok", "gone", "no-head"].iter().map(|p| (format!("http://127.0.0.1:{port}/{p}"), "en/".to_owned())).collect();
    let diags = roadmap_gen::check::external::check(&urls);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
    assert_eq!(errors.len(), 1, "{diags:#?}");
    assert!(errors[0].contains("/gone answers 404"), "{errors:?}");
    assert!(diags.iter().all(|d| d.is_error()), "{diags:#?}");

    let log = log.lock().unwrap();
    let lines: Vec<&str> = log.iter().map(|(_, l)| l.as_str()).collect();
    assert!(lines.contains(&"GET /no-head HTTP/1.1"), "{lines:?}");
    // Three URLs on one host: at least the pause between each two of them.
    let first = log.iter().map(|(t, _)| *t).min().unwrap();
    let last = log.iter().map(|(t, _)| *t).max().unwrap();
    assert!(last - first >= roadmap_gen::check::external::PER_HOST_INTERVAL * 2, "{:?}", last - first);
}
