//! `gen serve` over the wire, as the real binary on loopback: the site under its base path with
//! the right content types and nothing else, the live-reload WebSocket's messages for edits,
//! stylesheet changes, errors and their fixes, and a clean stop on Ctrl-C.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::serve::{Serve, raw_get};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

/// The served body without the live-reload script.
fn without_script(body: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(body).into_owned();
    let Some(start) = s.find("<script data-gen-serve>") else {
        return body.to_vec();
    };
    let end = start + s[start..].find("</script>\n").expect("script end") + "</script>\n".len();
    format!("{}{}", &s[..start], &s[end..]).into_bytes()
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
fn serves_the_site_under_its_base_path_and_nothing_else() {
    let site = common::fixture_site("site-mini");
    let root = site.path();
    // A secret beside the site, and a symlink to it inside static/.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/hello.txt"), "hello").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("static/leak.txt")).unwrap();

    let built = tempfile::tempdir().unwrap();
    let report = roadmap_gen::pipeline::build(&roadmap_gen::pipeline::BuildOptions {
        root: root.to_path_buf(),
        output: built.path().join("public"),
        base_url: None,
    });
    assert!(!report.failed());
    let built = built.path().join("public");

    let mut serve = Serve::start(root, &[]);
    assert!(serve.url.ends_with("/repo/"), "served under the base path of site.toml: {}", serve.url);
    let auth = serve.authority();

    // Pages: HTML with the script, otherwise exactly what gen build writes.
    for (target, file) in [
        ("/repo/", "index.html"),
        ("/repo/vi/mini/phase-1/", "vi/mini/phase-1/index.html"),
        ("/repo/en/", "en/index.html"),
    ] {
        let (status, head, body) = raw_get(&auth, target);
        assert_eq!(status, 200, "{target}");
        assert_eq!(header(&head, "content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(header(&head, "cache-control"), Some("no-store"));
        let text = String::from_utf8_lossy(&body);
        assert_eq!(text.matches("<script data-gen-serve>").count(), 1, "{target}");
        assert!(without_script(&body) == std::fs::read(built.join(file)).unwrap(), "{target} differs from the build");
    }
    // The build itself has no live-reload script.
    for e in walkdir::WalkDir::new(&built) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            assert!(!String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).contains("data-gen-serve"));
        }
    }
    for (target, ctype) in [
        ("/repo/assets/style.css", "text/css; charset=utf-8"),
        ("/repo/assets/gen.js", "text/javascript; charset=utf-8"),
        ("/repo/sitemap.xml", "text/xml; charset=utf-8"),
        ("/repo/robots.txt", "text/plain; charset=utf-8"),
        ("/repo/hello.txt", "text/plain; charset=utf-8"),
    ] {
        let (status, head, body) = raw_get(&auth, target);
        assert_eq!((status, header(&head, "content-type")), (200, Some(ctype)), "{target}");
        let file = target.trim_start_matches("/repo/");
        assert_eq!(body, std::fs::read(built.join(file)).unwrap(), "{target}");
    }
    // Folders without their slash redirect; the server root goes to the base path.
    let (status, head, _) = raw_get(&auth, "/repo/vi");
    assert_eq!((status, header(&head, "location")), (301, Some("/repo/vi/")));
    let (status, head, _) = raw_get(&auth, "/");
    assert_eq!((status, header(&head, "location")), (301, Some("/repo/")));

    // Outside the site: 404 with the site's 404 page, never a file from elsewhere.
    for target in [
        "/repo/../site.toml",
        "/repo/%2e%2e/site.toml",
        "/repo/vi/%2E%2E/%2e%2e/site.toml",
        "/repo/..%2fsite.toml",
        "/repo//etc/passwd",
        "/repo/%2fetc%2fpasswd",
        "/repo/..%5csite.toml",
        "/etc/passwd",
        "/repo/content/roadmaps/mini/en.md",
        "/repo/leak.txt",
        "/repo/assets/",
        "/repo/vi/nothing/",
    ] {
        let (status, _, body) = raw_get(&auth, target);
        assert_eq!(status, 404, "{target}");
        let body = String::from_utf8_lossy(&body);
        assert!(!body.contains("secret") && !body.contains("languages = ["), "{target} leaked: {body}");
    }
    assert!(!built.join("leak.txt").exists(), "gen build does not publish symlinks either");

    // Only GET and HEAD.
    let (status, head, body) = {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&auth).unwrap();
        write!(s, "HEAD /repo/en/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut buf = String::new();
        s.read_to_string(&mut buf).unwrap();
        let (h, b) = buf.split_once("\r\n\r\n").unwrap();
        (h.split_whitespace().nth(1).unwrap().to_owned(), h.to_owned(), b.to_owned())
    };
    assert_eq!(status, "200", "{head}");
    assert!(body.is_empty());
    let post = {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&auth).unwrap();
        write!(s, "POST /repo/en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
        let mut buf = String::new();
        s.read_to_string(&mut buf).unwrap();
        buf
    };
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");

    assert_eq!(serve.interrupt(Duration::from_secs(15)), Some(0), "Ctrl-C stops cleanly:\n{}", serve.printed());
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens the live-reload socket as the page `path` at `version` would.
async fn connect(serve: &Serve, path: &str, version: u64) -> Ws {
    let url = format!("ws://{}/repo/__gen/ws", serve.authority());
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.expect("websocket");
    let hello = serde_json::json!({ "path": path, "version": version }).to_string();
    ws.send(Message::Text(hello.into())).await.unwrap();
    ws
}

/// The next message, as JSON.
async fn next(ws: &mut Ws, secs: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => return serde_json::from_str(t.as_str()).unwrap(),
            Ok(Some(Ok(_))) => continue,
            other => panic!("no message within {secs}s: {other:?}"),
        }
    }
}

/// Nothing arrives for a while.
async fn silent(ws: &mut Ws, millis: u64) -> bool {
    tokio::time::timeout(Duration::from_millis(millis), ws.next()).await.is_err()
}

/// The version the server gave a page, read from its injected script.
fn version_of(serve: &Serve, target: &str) -> u64 {
    let (_, _, body) = raw_get(&serve.authority(), target);
    let body = String::from_utf8_lossy(&body);
    let at = body.rfind("\"version\":").expect("script config") + "\"version\":".len();
    body[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    // As many editors do: write a temporary file, rename it over the document.
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_hear_about_their_changes_errors_and_fixes() {
    let site = common::fixture_site("site-mini");
    let root = site.path();
    let serve = Serve::start(root, &[]);
    let page = "en/mini/phase-1/index.html";
    let v = version_of(&serve, "/repo/en/mini/phase-1/");
    assert!(v > 0);

    // A page that loaded an old version reloads at once.
    let mut stale = connect(&serve, page, v - 1).await;
    assert_eq!(next(&mut stale, 10).await["type"], "reload");

    let mut phase = connect(&serve, page, v).await;
    let mut topics = connect(&serve, "en/topics/index.html", version_of(&serve, "/repo/en/topics/")).await;
    assert!(silent(&mut phase, 300).await, "an up-to-date page hears nothing");

    // Editing the phase reloads the pages showing it; other pages only hear that all is well.
    let en = root.join("content/roadmaps/mini/en.md");
    edit(&en, "Write code", "Write some code");
    assert_eq!(next(&mut phase, 20).await["type"], "reload");
    assert_eq!(next(&mut topics, 20).await["type"], "ok");
    let (_, _, body) = raw_get(&serve.authority(), "/repo/en/mini/phase-1/");
    assert!(String::from_utf8_lossy(&body).contains("Write some code"));
    // The search index follows shortly after the pages.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, _, index) = raw_get(&serve.authority(), "/repo/search/en.json");
        assert_eq!(status, 200);
        if String::from_utf8_lossy(&index).contains("\"some\"") {
            break;
        }
        assert!(Instant::now() < deadline, "the search index never caught up with the edit");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A stylesheet change is swapped in place, not reloaded.
    let mut phase = connect(&serve, page, version_of(&serve, "/repo/en/mini/phase-1/")).await;
    let css = root.join("themes/default/static/style.css");
    let text = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{text}\nbody {{ outline: 1px solid red; }}\n")).unwrap();
    let m = next(&mut phase, 20).await;
    assert_eq!(m["type"], "css", "{m}");
    assert_eq!(m["paths"], serde_json::json!(["assets/style.css"]));

    // A broken front matter: every page gets the errors, with file:line:col; the last good
    // build stays served.
    edit(&en, "+++\ntitle", "++\ntitle");
    let m = next(&mut phase, 20).await;
    assert_eq!(m["type"], "errors", "{m}");
    let e = &m["errors"][0];
    assert_eq!(e["file"], "content/roadmaps/mini/en.md");
    assert_eq!((e["line"].as_u64(), e["col"].as_u64()), (Some(1), Some(1)), "{e}");
    assert!(e["message"].as_str().unwrap().contains("front matter"), "{e}");
    let (status, _, body) = raw_get(&serve.authority(), "/repo/en/mini/phase-1/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("Write some code"), "the last good page is still served");
    // A page opened now gets the errors on connecting.
    let mut late = connect(&serve, "en/index.html", version_of(&serve, "/repo/en/")).await;
    assert_eq!(next(&mut late, 10).await["type"], "errors");

    // Fixed: pages whose HTML changed reload, the others drop the overlay.
    edit(&en, "++\ntitle", "+++\ntitle");
    let m = next(&mut phase, 20).await;
    assert!(m["type"] == "ok" || m["type"] == "reload", "{m}");
    assert_eq!(next(&mut late, 20).await["type"], "ok");
    serve.wait_for("errors fixed", Duration::from_secs(10));
}
