//! `gen check --external`: asks every external link's server whether the page is still there.
//!
//! Politely: one request at a time per host with a pause between two requests to the same host,
//! a few hosts in parallel, `HEAD` first and `GET` only when a server refuses `HEAD`. A page
//! that is gone (404, 410) is an error; anything that may pass (timeouts, 5xx, 429, refused
//! connections) is a warning. Never run by the tests: they have no network.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crate::diagnostic::Diagnostic;

/// Pause between two requests to the same host.
pub const PER_HOST_INTERVAL: Duration = Duration::from_millis(1000);
/// Hosts asked at the same time.
pub const PARALLEL_HOSTS: usize = 6;
/// How long one request may take.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The host part of an http(s) URL.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    (!host.is_empty()).then_some(host)
}

/// What one URL's check found.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// 2xx or 3xx.
    Ok,
    /// The page is gone (404, 410).
    Gone(u16),
    /// May pass later: another status, a timeout, a refused connection.
    Doubtful(String),
}

/// Checks every URL (URL → the page that links to it) and reports the ones that fail.
pub fn check(urls: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().worker_threads(2).build() {
        Ok(rt) => rt,
        Err(e) => return vec![Diagnostic::error("--external", format!("cannot start the HTTP client: {e}"))],
    };
    let outcomes = rt.block_on(check_all(urls.keys().cloned().collect()));
    let mut diags = Vec::new();
    for (url, outcome) in outcomes {
        let page = urls.get(&url).map_or("", String::as_str);
        let page = if page.is_empty() { "/" } else { page };
        match outcome {
            Outcome::Ok => {}
            Outcome::Gone(status) => diags.push(
                Diagnostic::error("--external", format!("{url} answers {status} (linked from page {page})"))
                    .with_help("the page is gone: update or remove the link"),
            ),
            Outcome::Doubtful(why) => diags.push(Diagnostic::warning(
                "--external",
                format!("{url} could not be confirmed: {why} (linked from page {page})"),
            )),
        }
    }
    diags
}

async fn check_all(urls: Vec<String>) -> Vec<(String, Outcome)> {
    let client = match reqwest::Client::builder()
        .timeout(TIMEOUT)
        .user_agent(concat!("gen-check/", env!("CARGO_PKG_VERSION"), " (link checker)"))
        .redirect(reqwest::redirect::Policy::limited(8))
        .build()
    {
        Ok(c) => c,
        Err(e) => return urls.into_iter().map(|u| (u, Outcome::Doubtful(e.to_string()))).collect(),
    };
    let mut by_host: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for u in urls {
        let host = host_of(&u).unwrap_or_default().to_owned();
        by_host.entry(host).or_default().push(u);
    }
    let gate = Arc::new(tokio::sync::Semaphore::new(PARALLEL_HOSTS));
    let mut tasks = Vec::new();
    for (_, host_urls) in by_host {
        let client = client.clone();
        let gate = Arc::clone(&gate);
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await;
            let mut out = Vec::new();
            for (i, u) in host_urls.into_iter().enumerate() {
                if i > 0 {
                    tokio::time::sleep(PER_HOST_INTERVAL).await;
                }
                let outcome = check_one(&client, &u).await;
                out.push((u, outcome));
            }
            out
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        if let Ok(r) = t.await {
            all.extend(r);
        }
    }
    all
}

async fn check_one(client: &reqwest::Client, url: &str) -> Outcome {
    let status = match client.head(url).send().await {
        Ok(r) if matches!(r.status().as_u16(), 403 | 405 | 501) => client.get(url).send().await.map(|r| r.status()),
        Ok(r) => Ok(r.status()),
        Err(e) => Err(e),
    };
    match status {
        Ok(s) if s.is_success() || s.is_redirection() => Outcome::Ok,
        Ok(s) if matches!(s.as_u16(), 404 | 410) => Outcome::Gone(s.as_u16()),
        Ok(s) => Outcome::Doubtful(format!("HTTP {}", s.as_u16())),
        Err(e) if e.is_timeout() => Outcome::Doubtful("timed out".into()),
        Err(e) => Outcome::Doubtful(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_group_urls() {
        assert_eq!(host_of("https://docs.nestjs.com/microservices"), Some("docs.nestjs.com"));
        assert_eq!(host_of("http://x.org:8080?q"), Some("x.org:8080"));
        assert_eq!(host_of("mailto:a@b"), None);
    }
}
