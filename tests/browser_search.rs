//! What a reader does with search, in headless Chromium over the site served under a sub-path:
//! type a toneless Vietnamese word and get the toned text, walk the results with the keyboard,
//! search from the 404 page; and axe-core over a sample of every page type in every language.

mod common;

use std::time::Duration;

use common::browser::{Browser, StaticServer, available};
use common::build_bundled;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

/// Waits until the search results of the form matching `form` list at least one link, and
/// returns their texts.
async fn results(c: &Client, form: &str) -> Vec<String> {
    let selector = format!("{form} .search-results a");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let links = c.find_all(Locator::Css(&selector)).await.unwrap();
        if !links.is_empty() {
            let mut texts = Vec::new();
            for l in links {
                texts.push(l.text().await.unwrap());
            }
            return texts;
        }
        assert!(std::time::Instant::now() < deadline, "no search results appeared in {form}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn key(k: Key) -> String {
    char::from(k).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vietnamese_search_without_tones_finds_toned_text_and_works_from_the_keyboard() {
    if !available() {
        return;
    }
    let (out, report) = build_bundled(Some("https://user.github.io/repo/"));
    assert!(!report.failed());
    let server = StaticServer::start(&out.path().join("public"), "/repo/");
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&format!("{}vi/backend-nestjs-senior/phase-2/", server.url)).await.unwrap();
    // The index is not fetched until the box is used.
    let fetched: serde_json::Value = c
        .execute(
            "return performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')).length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fetched, serde_json::json!(0), "the search index was fetched before the box was used");

    // Keyboard only: Tab from the skip link until the search box has focus.
    let body = c.find(Locator::Css("body")).await.unwrap();
    let mut reached = false;
    for _ in 0..12 {
        body.send_keys(&key(Key::Tab)).await.unwrap();
        let id: serde_json::Value = c.execute("return document.activeElement.id", vec![]).await.unwrap();
        if id == "search-q" {
            reached = true;
            break;
        }
    }
    assert!(reached, "the search box cannot be reached with Tab");
    let input = c.find(Locator::Css("#search-q")).await.unwrap();
    input.send_keys("hoc").await.unwrap();
    let found = results(c, ".site-header form.search").await;
    assert!(found.iter().any(|t| t.contains("học")), "no result contains «học»: {found:?}");

    // ↓ moves into the results, Enter follows the link.
    input.send_keys(&key(Key::Down)).await.unwrap();
    let focused: serde_json::Value =
        c.execute("return document.activeElement.closest('.search-results') !== null", vec![]).await.unwrap();
    assert_eq!(focused, serde_json::json!(true), "↓ did not move focus into the results");
    let target: serde_json::Value = c.execute("return document.activeElement.href", vec![]).await.unwrap();
    c.active_element().await.unwrap().send_keys(&key(Key::Enter)).await.unwrap();
    let target = target.as_str().unwrap().to_owned();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while c.current_url().await.unwrap().as_str() != target {
        assert!(std::time::Instant::now() < deadline, "Enter on a result did not open {target}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // "duong" finds "đường"; a toned query ranks the exact tones first.
    c.goto(&format!("{}vi/search/?q=duong", server.url)).await.unwrap();
    let found = results(c, "main form.search").await;
    assert!(found.iter().any(|t| t.to_lowercase().contains("đường")), "{found:?}");

    // Russian: an inflected form finds the stem, ё = е.
    c.goto(&format!("{}ru/search/?q=микросервисами", server.url)).await.unwrap();
    let found = results(c, "main form.search").await;
    assert!(found.iter().any(|t| t.to_lowercase().contains("микросервис")), "{found:?}");

    // From the 404 page, in the reader's language: the Russian block comes first and searches.
    c.goto(&format!("{}ru/no-such-page/", server.url)).await.unwrap();
    let first_lang = c.find(Locator::Css(".not-found > li")).await.unwrap().attr("lang").await.unwrap();
    assert_eq!(first_lang.as_deref(), Some("ru"));
    let box404 = c.find(Locator::Css("#q-404-ru")).await.unwrap();
    box404.send_keys("курс").await.unwrap();
    let found = results(c, ".not-found li[lang=ru] form.search").await;
    assert!(!found.is_empty());
    // Results from the 404 page (served at any depth) lead to real pages.
    let href: serde_json::Value = c
        .execute("return document.querySelector('.not-found li[lang=ru] .search-results a').href", vec![])
        .await
        .unwrap();
    c.goto(href.as_str().unwrap()).await.unwrap();
    let title = c.title().await.unwrap();
    assert!(!title.starts_with("404"), "a 404 search result led to {href}");

    browser.close().await;
}

/// axe-core 4 from `node_modules` (installed by `npm ci`).
fn axe_source() -> Option<String> {
    let p = common::repo().join("node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(s),
        Err(_) if std::env::var_os("CI").is_some() => panic!("axe-core is missing: run `npm ci`"),
        Err(_) => {
            eprintln!("skipping axe: run `npm ci` to install axe-core");
            None
        }
    }
}

/// Runs axe-core on each page (and, with `open_search`, on every fourth page with the header
/// search's results open) and returns every violation and every request that left the site.
async fn axe_problems(c: &Client, base: &str, axe: &str, pages: &[String], open_search: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        c.goto(&format!("{base}{page}")).await.unwrap();
        if page.contains("search/") {
            results(c, "main form.search").await;
        } else if open_search && i % 4 == 0 {
            // The 404 page has no header box: its language blocks have their own.
            let (input, form) = match c.find(Locator::Css("#search-q")).await {
                Ok(input) => (input, ".site-header form.search"),
                Err(_) => (c.find(Locator::Css("#q-404-en")).await.unwrap(), ".not-found li[lang=en] form.search"),
            };
            input.send_keys("kafka").await.unwrap();
            results(c, form).await;
        }
        c.execute(axe, vec![]).await.unwrap();
        let violations: serde_json::Value = c
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v =>
                   v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))));",
                vec![],
            )
            .await
            .unwrap();
        for v in violations.as_array().unwrap() {
            problems.push(format!("{page}: {}", v.as_str().unwrap()));
        }
        // No request leaves the site: every resource the page loaded came from the server.
        let foreign: serde_json::Value = c
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))",
                vec![],
            )
            .await
            .unwrap();
        for f in foreign.as_array().unwrap() {
            problems.push(format!("{page}: request to another site: {f}"));
        }
    }
    problems
}

/// Every page type of the bundled site, in `lang`.
fn page_types(lang: &str) -> Vec<String> {
    [
        "",
        "backend-nestjs-senior/",
        "backend-zero-to-senior/",
        "backend-nestjs-senior/phase-2/",
        "backend-zero-to-senior/phase-3/",
        "backend-zero-to-senior/weeks/",
        "backend-nestjs-senior/print/",
        "resources/",
        "resources/designing-data-intensive-applications/",
        "topics/",
        "topics/kafka/",
        "careers/",
        "search/?q=kafka",
    ]
    .iter()
    .map(|p| format!("{lang}/{p}"))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violations_on_any_page_type_in_any_language_and_nothing_leaves_the_site() {
    if !available() {
        return;
    }
    let Some(axe) = axe_source() else {
        return;
    };
    let (out, report) = build_bundled(Some("https://user.github.io/repo/"));
    assert!(!report.failed());
    let server = StaticServer::start(&out.path().join("public"), "/repo/");

    let mut pages = vec![String::new(), "missing/page/".to_owned()];
    for lang in ["vi", "ru", "en"] {
        pages.extend(page_types(lang));
    }
    let browser = Browser::start().await;
    let mut problems = axe_problems(&browser.client, &server.url, &axe, &pages, true).await;
    browser.close().await;

    // Dark colour scheme: every page type once, languages taking turns.
    let dark: Vec<String> = ["vi", "ru", "en"]
        .iter()
        .flat_map(|l| page_types(l))
        .enumerate()
        .filter(|(i, _)| i % 3 == (i / 13) % 3)
        .map(|(_, p)| p)
        .chain(["missing/page/".to_owned()])
        .collect();
    let browser = Browser::start_with(&["--force-dark-mode"]).await;
    let scheme: serde_json::Value = {
        browser.client.goto(&server.url).await.unwrap();
        browser.client.execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![]).await.unwrap()
    };
    assert_eq!(scheme, serde_json::json!(true), "--force-dark-mode did not switch the colour scheme");
    let dark_problems = axe_problems(&browser.client, &server.url, &axe, &dark, true).await;
    browser.close().await;
    problems.extend(dark_problems.into_iter().map(|p| format!("dark: {p}")));
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
