//! `gen serve`: a live preview. Builds the site into memory ([`live::LiveSite`]), serves it over
//! HTTP under its base path ([`http`]), watches the sources ([`watch`]) and, on every change,
//! rebuilds only what depends on it, then tells the open pages over a WebSocket: pages whose
//! HTML changed reload, changed stylesheets are swapped in place, and errors show as an overlay
//! over the last good build, which stays served until the sources build again.
//!
//! Threads: the HTTP server runs on a small tokio runtime; one builder thread owns the watcher
//! and the [`live::LiveSite`] and publishes each good build into the shared [`http::Served`].

pub mod http;
pub mod live;
pub mod store;
pub mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::diagnostic::Diagnostic;
use crate::render::seo;
use http::{AppState, Entry, Event, Served};
use live::{LiveSite, Rebuild, Report};

/// Options of `gen serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root (the folder with site.toml).
    pub root: PathBuf,
    /// Address to listen on; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Overrides `base_url` of site.toml (its path is where the site is served).
    pub base_url: Option<String>,
    /// Scan for changes instead of relying on file system events.
    pub poll: bool,
    /// Open the site in a browser.
    pub open: bool,
}

/// Publishes good builds to the server and tells the pages; prints what happened.
pub struct Publisher {
    /// The served build.
    pub served: Arc<RwLock<Served>>,
    /// Events for the WebSockets.
    pub events: broadcast::Sender<Arc<Event>>,
    /// Site root, to print changed paths relative to it.
    pub root: PathBuf,
}

/// Output files that pages load besides stylesheets; when one changes every page reloads.
fn is_page_asset(file: &str) -> bool {
    let ext = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(
        ext.as_str(),
        "js" | "mjs" | "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" | "avif" | "ico" | "woff" | "woff2" | "ttf"
    )
}

impl Publisher {
    /// A publisher with nothing served yet.
    pub fn new(root: &Path) -> Publisher {
        let (events, _) = broadcast::channel(256);
        Publisher {
            served: Arc::new(RwLock::new(Served { prefix: "/".into(), ..Served::default() })),
            events,
            root: root.to_path_buf(),
        }
    }

    /// After a load or an update: publishes the build if the sources have no error, otherwise
    /// keeps the last good one and shows the errors. Returns the number of files that changed.
    pub fn publish(&self, live: &mut LiveSite, report: &Report, changed: &[PathBuf]) -> usize {
        self.print(report, changed);
        let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
        if let Some(base) = live.base_url() {
            served.prefix = seo::base_path(&base);
        }
        if live.failed() {
            let errors: Vec<Diagnostic> = live.diagnostics().into_iter().filter(Diagnostic::is_error).collect();
            for d in &errors {
                eprintln!("{d}\n");
            }
            eprintln!(
                "gen serve: {} error(s); {}",
                errors.len(),
                if served.ready {
                    "still serving the last good build"
                } else {
                    "nothing to serve until they are fixed"
                }
            );
            let msg: Arc<str> = serde_json::json!({ "type": "errors", "errors": errors }).to_string().into();
            served.overlay = Some(msg.clone());
            drop(served);
            let _ = self.events.send(Arc::new(Event::Failed(msg)));
            return 0;
        }
        served.generation += 1;
        let generation = served.generation;
        let (mut html, mut css, mut all) = (HashSet::new(), Vec::new(), false);
        let mut n = 0;
        for (file, content) in live.take_touched() {
            let changed = match content {
                Some(body) => {
                    if served.files.get(&file).is_some_and(|e| e.body == body) {
                        false
                    } else {
                        served.files.insert(file.clone(), Entry { body, version: generation });
                        true
                    }
                }
                None => served.files.remove(&file).is_some(),
            };
            if changed {
                n += 1;
                if file.ends_with(".html") {
                    html.insert(file);
                } else if file.ends_with(".css") {
                    css.push(file);
                } else if is_page_asset(&file) {
                    all = true;
                }
            }
        }
        let had_errors = served.overlay.take().is_some();
        served.ready = true;
        drop(served);
        // Files no page shows by itself (search indexes, sitemap) change without a message.
        if !html.is_empty() || !css.is_empty() || all || had_errors {
            let _ = self.events.send(Arc::new(Event::Published { html, css, all }));
        }
        if had_errors {
            outln!("gen serve: errors fixed");
        }
        n
    }

    fn print(&self, report: &Report, changed: &[PathBuf]) {
        for d in report.diagnostics.iter().filter(|d| !d.is_error()) {
            eprintln!("{d}\n");
        }
        let what = match &report.rebuild {
            Rebuild::Nothing => return,
            Rebuild::Full => "full build".to_owned(),
            Rebuild::Templates => "templates".to_owned(),
            Rebuild::Roadmaps(ids) => format!("roadmap {}", ids.join(", ")),
            Rebuild::Static => "static files".to_owned(),
            Rebuild::Search => {
                outln!("search indexes updated");
                return;
            }
        };
        let files: Vec<String> =
            changed.iter().take(3).map(|p| p.strip_prefix(&self.root).unwrap_or(p).display().to_string()).collect();
        let more = if changed.len() > 3 { format!(" and {} more", changed.len() - 3) } else { String::new() };
        let cause = if files.is_empty() { String::new() } else { format!("{}{more} changed: ", files.join(", ")) };
        outln!("{cause}{what}, {} page(s) rendered in {:.1} ms", report.rendered, report.millis);
    }
}

/// `gen serve`. Returns the exit code: 0 after Ctrl-C, 2 when it cannot start.
pub fn run(opts: ServeOptions) -> u8 {
    let root = opts.root.canonicalize().unwrap_or_else(|_| opts.root.clone());
    let (mut live, report) = LiveSite::load(&root, opts.base_url.clone());
    let publisher = Publisher::new(&root);
    publisher.publish(&mut live, &report, &[]);

    let mut watcher = match watch::SourceWatcher::start(&root, opts.poll) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("gen serve: cannot watch {}: {e}; try --poll", root.display());
            return 2;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("gen serve: cannot start: {e}");
            return 2;
        }
    };
    let code = runtime.block_on(async move {
        let addr = SocketAddr::new(opts.bind, opts.port);
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("gen serve: cannot listen on {addr}: {e}; choose another --port (0 picks a free one)");
                return 2;
            }
        };
        let local = listener.local_addr().unwrap_or(addr);
        let prefix = publisher.served.read().map(|s| s.prefix.clone()).unwrap_or_else(|_| "/".into());
        let url = format!("http://{local}{prefix}");
        if !opts.bind.is_loopback() {
            eprintln!("gen serve: listening on {local}, reachable from other machines on the network");
        }
        outln!("Serving the site at {url}");
        outln!(
            "Watching {} for changes{}. Press Ctrl-C to stop.",
            root.display(),
            if opts.poll { " (polling)" } else { "" }
        );
        if opts.open && open::that_detached(&url).is_err() {
            outln!("Open {url} in a browser.");
        }

        let (shutdown_tx, shutdown_rx) = tokio::sync::watch::channel(false);
        let state = AppState {
            served: Arc::clone(&publisher.served),
            events: publisher.events.clone(),
            shutdown: shutdown_rx.clone(),
        };
        std::thread::Builder::new()
            .name("gen-serve-builder".into())
            .spawn(move || {
                loop {
                    // Pages first. The search indexes are rebuilt on another thread once the
                    // sources have been quiet for a moment, and published when they are current.
                    let batch = if live.search_running() || (live.search_pending() && !live.failed()) {
                        match watcher.next_batch_within(Duration::from_millis(200)) {
                            Some(b) if b.is_empty() => {
                                live.start_search();
                                if let Some(report) = live.search_done() {
                                    publisher.publish(&mut live, &report, &[]);
                                }
                                continue;
                            }
                            other => other,
                        }
                    } else {
                        watcher.next_batch()
                    };
                    let Some(batch) = batch else { break };
                    let report = live.update(&batch);
                    publisher.publish(&mut live, &report, &batch);
                }
            })
            .ok();

        let server = axum::serve(listener, http::router(state)).with_graceful_shutdown(async move {
            stop_signal().await;
            outln!("\nStopping.");
            let _ = shutdown_tx.send(true);
        });
        let mut stopped = shutdown_rx;
        tokio::select! {
            r = server => {
                if let Err(e) = r {
                    eprintln!("gen serve: {e}");
                    return 2;
                }
            }
            // Connections that do not close in time are dropped.
            _ = async { let _ = stopped.wait_for(|s| *s).await; tokio::time::sleep(Duration::from_secs(3)).await } => {}
        }
        0
    });
    drop(runtime);
    code
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
