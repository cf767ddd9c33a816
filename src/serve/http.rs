//! The HTTP side of `gen serve` (axum on tokio): the last good build from memory under the site's
//! base path, the live-reload WebSocket, and the script injected into served HTML.
//!
//! Files are looked up by name in the in-memory output, never on disk, so no request can reach a
//! file the build did not produce; [`resolve`] additionally refuses `..`, `.`, empty segments,
//! backslashes and NUL after percent-decoding, so `..`, `%2e%2e` and `//etc/passwd` get a 404
//! rather than being normalised to something else. There are no directory listings: a folder is
//! served only through its `index.html`.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::{broadcast, watch};

/// Path of the live-reload WebSocket under the base path. Site files cannot use it: roadmap
/// ids and language codes have no `_`.
pub const WS_PATH: &str = "__gen/ws";

/// The live-reload client, completed with its settings for each page.
const SCRIPT: &str = include_str!("livereload.js");

/// One output file as served.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its content, as kept in memory.
    pub body: crate::serve::store::Body,
    /// The publish generation that last changed it; pages tell it back on connecting, so one
    /// that changed between loading and connecting reloads.
    pub version: u64,
}

/// What the server serves: the last good build and the current state of the sources.
#[derive(Debug, Default)]
pub struct Served {
    /// Base path of the site, `/` or `/repo/`.
    pub prefix: String,
    /// Output files by site-relative path (`vi/index.html`).
    pub files: HashMap<String, Entry>,
    /// Number of publishes so far.
    pub generation: u64,
    /// The `errors` message while the sources have errors.
    pub overlay: Option<Arc<str>>,
    /// Whether a build was ever published (until then every request gets the error page).
    pub ready: bool,
}

/// What changed, sent to every open page.
#[derive(Debug)]
pub enum Event {
    /// A build was published.
    Published {
        /// HTML files whose content changed or that appeared or went away.
        html: HashSet<String>,
        /// Stylesheets that changed: swapped in place.
        css: Vec<String>,
        /// A script or another asset changed: every page reloads.
        all: bool,
    },
    /// The sources have errors; the payload is the `errors` message.
    Failed(Arc<str>),
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    /// The served build.
    pub served: Arc<RwLock<Served>>,
    /// Publishes, for the WebSockets.
    pub events: broadcast::Sender<Arc<Event>>,
    /// Becomes true on Ctrl-C: WebSockets close so the server can stop.
    pub shutdown: watch::Receiver<bool>,
}

/// The router: everything goes through [`handle`].
pub fn router(state: AppState) -> Router {
    Router::new().fallback(handle).with_state(state)
}

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// This output file.
    File(String),
    /// Redirect here (a folder without its trailing slash, or the server root to the base path).
    Redirect(String),
    /// Nothing; carries the output file asked for when the path is a well-formed one inside the
    /// site (a page showing the 404 reloads when that file appears).
    NotFound(Option<String>),
}

/// Maps a raw (still percent-encoded) request path to an output file. `exists` says whether the
/// build has a file. Pure, so it is tested on its own, by property.
pub fn resolve(prefix: &str, raw_path: &str, exists: impl Fn(&str) -> bool) -> Target {
    let Some(rest) = raw_path.strip_prefix(prefix) else {
        if raw_path == "/" || format!("{raw_path}/") == prefix {
            return Target::Redirect(prefix.to_owned());
        }
        return Target::NotFound(None);
    };
    let Ok(decoded) = percent_encoding::percent_decode_str(rest).decode_utf8() else {
        return Target::NotFound(None);
    };
    if decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Target::NotFound(None);
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    if segments.iter().enumerate().any(|(i, s)| *s == "." || *s == ".." || (s.is_empty() && i != last)) {
        return Target::NotFound(None);
    }
    let key =
        if decoded.is_empty() || decoded.ends_with('/') { format!("{decoded}index.html") } else { decoded.to_string() };
    if exists(&key) {
        return Target::File(key);
    }
    if !decoded.is_empty() && !decoded.ends_with('/') && exists(&format!("{decoded}/index.html")) {
        return Target::Redirect(format!("{raw_path}/"));
    }
    Target::NotFound(Some(key))
}

/// The Content-Type of an output file.
pub fn content_type(file: &str) -> String {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
        || mime.suffix().is_some_and(|s| s == mime_guess::mime::XML || s == mime_guess::mime::JSON);
    if textual { format!("{mime}; charset=utf-8") } else { mime.to_string() }
}

/// Settings of the live-reload script for one response.
#[derive(Debug, serde::Serialize)]
struct ScriptConfig<'a> {
    /// The WebSocket, relative to the page.
    ws: String,
    /// The site root, relative to the page.
    root: String,
    /// The output file shown, `None` for the error page.
    path: Option<&'a str>,
    /// Its version (0 when it does not exist).
    version: u64,
}

impl ScriptConfig<'_> {
    /// Links relative to the page at `raw_path`, so they survive any proxy prefix.
    fn links(prefix: &str, raw_path: &str) -> (String, String) {
        match raw_path.strip_prefix(prefix) {
            Some(rest) => {
                let depth = rest.matches('/').count();
                let root = if depth == 0 { "./".to_owned() } else { "../".repeat(depth) };
                (format!("{root}{WS_PATH}"), root)
            }
            None => (format!("{prefix}{WS_PATH}"), prefix.to_owned()),
        }
    }
}

/// `body` with the live-reload script before its last `</body>` (or at the end).
fn inject(body: &[u8], cfg: &ScriptConfig<'_>) -> Bytes {
    // `</` cannot appear inside the script element's JSON.
    let json = serde_json::to_string(cfg).unwrap_or_default().replace("</", "<\\/");
    let script = format!("<script data-gen-serve>{}({json});</script>\n", SCRIPT.trim_end());
    let at = find_last_ci(body, b"</body>").unwrap_or(body.len());
    let mut out = Vec::with_capacity(body.len() + script.len());
    out.extend_from_slice(&body[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&body[at..]);
    Bytes::from(out)
}

fn find_last_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?).rev().find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn response(status: StatusCode, file: &str, body: Bytes) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type(file)) {
        h.insert(header::CONTENT_TYPE, v);
    }
    // A preview must never show a cached old version.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

/// Every request: the WebSocket, or a file of the last good build.
async fn handle(State(state): State<AppState>, req: Request) -> Response {
    let raw = req.uri().path().to_owned();
    let prefix = state.served.read().map(|s| s.prefix.clone()).unwrap_or_default();
    if raw == format!("{prefix}{WS_PATH}") {
        let (mut parts, _) = req.into_parts();
        return match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
            Ok(ws) => ws.on_upgrade(move |socket| connection(socket, state)).into_response(),
            Err(rejection) => rejection.into_response(),
        };
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut res = (StatusCode::METHOD_NOT_ALLOWED, "gen serve only answers GET and HEAD\n").into_response();
        res.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return res;
    }
    let Ok(served) = state.served.read() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if !served.ready {
        let cfg = ScriptConfig { path: None, version: 0, ..script_links(&served.prefix, &raw) };
        let page = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>gen serve: the site has errors</title></head><body><p>The site has errors and has not been built yet; they are listed above and in the terminal. This page reloads when they are fixed.</p></body></html>";
        return response(StatusCode::SERVICE_UNAVAILABLE, "error.html", inject(page, &cfg));
    }
    match resolve(&served.prefix, &raw, |k| served.files.contains_key(k)) {
        Target::File(key) => {
            let entry = &served.files[&key];
            let body = if key.ends_with(".html") {
                let cfg =
                    ScriptConfig { path: Some(&key), version: entry.version, ..script_links(&served.prefix, &raw) };
                inject(&entry.body.content(), &cfg)
            } else {
                entry.body.content()
            };
            response(StatusCode::OK, &key, body)
        }
        Target::Redirect(to) => {
            let mut res = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Target::NotFound(key) => {
            let (path, version) = match &key {
                Some(k) => (Some(k.as_str()), 0),
                None => (Some("404.html"), served.files.get("404.html").map_or(0, |e| e.version)),
            };
            let cfg = ScriptConfig { path, version, ..script_links(&served.prefix, &raw) };
            match served.files.get("404.html") {
                Some(e) => response(StatusCode::NOT_FOUND, "404.html", inject(&e.body.content(), &cfg)),
                None => response(StatusCode::NOT_FOUND, "404.txt", Bytes::from_static(b"404 Not Found\n")),
            }
        }
    }
}

fn script_links(prefix: &str, raw: &str) -> ScriptConfig<'static> {
    let (ws, root) = ScriptConfig::links(prefix, raw);
    ScriptConfig { ws, root, path: None, version: 0 }
}

/// What a page says when its WebSocket opens.
#[derive(Debug, Deserialize)]
struct Hello {
    path: Option<String>,
    #[serde(default)]
    version: u64,
}

const RELOAD: &str = r#"{"type":"reload"}"#;
const OK: &str = r#"{"type":"ok"}"#;

/// The message for one page after an event, if any.
fn message_for(event: &Event, hello: &Hello) -> String {
    match event {
        Event::Published { html, css, all } => {
            if *all || hello.path.as_ref().is_none_or(|p| html.contains(p)) {
                RELOAD.to_owned()
            } else if !css.is_empty() {
                serde_json::json!({ "type": "css", "paths": css }).to_string()
            } else {
                OK.to_owned()
            }
        }
        Event::Failed(msg) => msg.to_string(),
    }
}

/// One page's live-reload connection.
async fn connection(mut socket: WebSocket, state: AppState) {
    // Subscribe before reading the state, so no publish falls between the two.
    let mut events = state.events.subscribe();
    let mut shutdown = state.shutdown.clone();
    let hello = match tokio::time::timeout(Duration::from_secs(10), socket.recv()).await {
        Ok(Some(Ok(Message::Text(t)))) => serde_json::from_str::<Hello>(t.as_str()).ok(),
        _ => None,
    };
    let Some(hello) = hello else {
        return;
    };
    let first = match state.served.read() {
        Ok(s) => {
            let stale = match &hello.path {
                None => s.ready,
                Some(p) => s.files.get(p).map_or(0, |e| e.version) != hello.version,
            };
            if stale { Some(RELOAD.to_owned()) } else { s.overlay.as_ref().map(|o| o.to_string()) }
        }
        Err(_) => None,
    };
    if let Some(m) = first
        && socket.send(Message::Text(m.into())).await.is_err()
    {
        return;
    }
    if *shutdown.borrow() {
        let _ = socket.send(Message::Close(None)).await;
        return;
    }
    loop {
        tokio::select! {
            ev = events.recv() => {
                let msg = match ev {
                    Ok(ev) => message_for(&ev, &hello),
                    // Missed events: reloading is always right.
                    Err(broadcast::error::RecvError::Lagged(_)) => RELOAD.to_owned(),
                    Err(broadcast::error::RecvError::Closed) => break,
                };
                if socket.send(Message::Text(msg.into())).await.is_err() {
                    break;
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            _ = shutdown.changed() => {
                let _ = socket.send(Message::Close(None)).await;
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn site() -> HashSet<String> {
        ["index.html", "vi/index.html", "vi/rm/phase-1/index.html", "assets/style.css", "404.html", "sitemap.xml"]
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn r(prefix: &str, path: &str) -> Target {
        let files = site();
        resolve(prefix, path, |k| files.contains(k))
    }

    #[test]
    fn serves_files_and_folders_under_the_base_path() {
        assert_eq!(r("/repo/", "/repo/"), Target::File("index.html".into()));
        assert_eq!(r("/repo/", "/repo/vi/"), Target::File("vi/index.html".into()));
        assert_eq!(r("/repo/", "/repo/assets/style.css"), Target::File("assets/style.css".into()));
        assert_eq!(r("/", "/vi/rm/phase-1/"), Target::File("vi/rm/phase-1/index.html".into()));
        assert_eq!(r("/repo/", "/repo/vi"), Target::Redirect("/repo/vi/".into()));
        assert_eq!(r("/repo/", "/repo"), Target::Redirect("/repo/".into()));
        assert_eq!(r("/repo/", "/"), Target::Redirect("/repo/".into()));
        assert_eq!(r("/repo/", "/vi/"), Target::NotFound(None));
        assert_eq!(r("/repo/", "/repo/vi/x/"), Target::NotFound(Some("vi/x/index.html".into())));
    }

    #[test]
    fn refuses_traversal_and_listings() {
        for p in [
            "/repo/../Cargo.toml",
            "/repo/vi/../index.html",
            "/repo/vi/%2e%2e/index.html",
            "/repo/%2E%2E/%2e%2e/etc/passwd",
            "/repo/vi/%2e%2e%2findex.html",
            "/repo/./index.html",
            "/repo//etc/passwd",
            "/repo/%2fetc/passwd",
            "/repo/vi%5c..%5cindex.html",
            "/repo/index.html%00.css",
            "/repo/%ff",
        ] {
            assert_eq!(r("/repo/", p), Target::NotFound(None), "{p}");
        }
        // Folders without index.html are not listed.
        assert!(matches!(r("/repo/", "/repo/assets/"), Target::NotFound(_)));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("vi/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("assets/gen.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("CNAME"), "application/octet-stream");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let cfg =
            ScriptConfig { ws: "../__gen/ws".into(), root: "../".into(), path: Some("vi/index.html"), version: 3 };
        let out = inject(b"<html><body><p>x</p></BODY></html>", &cfg);
        let s = std::str::from_utf8(&out).unwrap();
        assert!(s.starts_with("<html><body><p>x</p><script data-gen-serve>"), "{s}");
        assert!(s.ends_with("</script>\n</BODY></html>"));
        assert!(s.contains(r#"{"ws":"../__gen/ws","root":"../","path":"vi/index.html","version":3}"#));
        // A hostile file name cannot close the script element.
        let cfg = ScriptConfig { ws: String::new(), root: String::new(), path: Some("</script><b>"), version: 0 };
        let s = String::from_utf8(inject(b"", &cfg).to_vec()).unwrap();
        assert_eq!(s.matches("</script>").count(), 1, "{s}");
    }

    #[test]
    fn script_links_are_relative_to_the_page() {
        assert_eq!(ScriptConfig::links("/repo/", "/repo/"), ("./__gen/ws".into(), "./".into()));
        assert_eq!(ScriptConfig::links("/repo/", "/repo/vi/rm/"), ("../../__gen/ws".into(), "../../".into()));
        assert_eq!(ScriptConfig::links("/repo/", "/elsewhere"), ("/repo/__gen/ws".into(), "/repo/".into()));
    }

    /// Pieces attackers and browsers put in paths.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "/",
            "..",
            ".",
            "%2e",
            "%2E",
            "%2f",
            "%2F",
            "%5c",
            "\\",
            "%00",
            "%",
            "%2",
            "%25",
            "vi",
            "rm",
            "phase-1",
            "index.html",
            "assets",
            "style.css",
            "404.html",
            "etc",
            "passwd",
            "~",
            "%ff",
            "%c0%ae",
            "repo",
            "?",
            ";",
            "%2e%2e",
            "..%2f",
            "%252e",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Whatever the path, a file is served only when the decoded path names it exactly
        /// (no normalisation), it is a file of the site, and it has no `.`/`..`/empty segment.
        #[test]
        fn never_leaves_the_site(prefix in prop::sample::select(vec!["/", "/repo/"]), pieces in prop::collection::vec(piece(), 0..10)) {
            let raw = format!("/{}", pieces.concat());
            let files = site();
            match resolve(prefix, &raw, |k| files.contains(k)) {
                Target::File(key) => {
                    prop_assert!(files.contains(&key));
                    prop_assert!(!key.starts_with('/'));
                    prop_assert!(key.split('/').all(|s| !s.is_empty() && s != "." && s != ".."));
                    let rest = raw.strip_prefix(prefix).unwrap();
                    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().unwrap();
                    prop_assert!(decoded == key || format!("{decoded}index.html") == key, "{raw} -> {key}");
                }
                Target::Redirect(to) => {
                    // Only ever to the base path, or to the same path with a slash added.
                    prop_assert!(to == prefix || to == format!("{raw}/"), "{raw} -> {to}");
                }
                Target::NotFound(_) => {}
            }
        }

        /// A decoded `..` segment is never served or redirected, wherever it is.
        #[test]
        fn dot_dot_is_always_not_found(before in prop::collection::vec(piece(), 0..4), dots in prop::sample::select(vec!["..", "%2e%2e", "%2E%2e", ".%2e", "%2e."]), after in prop::collection::vec(piece(), 0..4)) {
            let raw = format!("/repo/{}/{dots}/{}", before.concat(), after.concat());
            let files = site();
            prop_assert!(matches!(resolve("/repo/", &raw, |k| files.contains(k)), Target::NotFound(_)), "{raw}");
        }
    }
}
