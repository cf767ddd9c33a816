//! What a reader does, in headless Chromium: open the site under a sub-path, follow the language
//! switcher, tick a task, reload, and find the tick still there.

mod common;

use common::browser::{Browser, StaticServer, available};
use common::build_bundled;
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_survives_a_reload_and_the_switcher_keeps_the_phase() {
    if !available() {
        return;
    }
    let (out, report) = build_bundled(Some("https://user.github.io/repo/"));
    assert!(!report.failed());
    let server = StaticServer::start(&out.path().join("public"), "/repo/");
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&format!("{}ru/backend-zero-to-senior/phase-1/", server.url)).await.unwrap();
    let h1 = c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert!(h1.contains("ФАЗА 1"), "{h1}");

    // Tick the first task of weeks 1-2, reload, still ticked.
    let selector = r#"input[data-key="backend-zero-to-senior:weeks-1-2.1"]"#;
    let box1 = c.find(Locator::Css(selector)).await.unwrap();
    assert!(!box1.is_selected().await.unwrap());
    box1.click().await.unwrap();
    c.refresh().await.unwrap();
    let box1 = c.find(Locator::Css(selector)).await.unwrap();
    assert!(box1.is_selected().await.unwrap(), "the tick did not survive a reload");

    // The same task in the English edition shares the key, so it is ticked there too.
    c.find(Locator::Css(r#"a[data-lang-link="en"]"#)).await.unwrap().click().await.unwrap();
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/repo/en/backend-zero-to-senior/phase-1/"), "{url}");
    let h1 = c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert!(h1.contains("PHASE 1"), "{h1}");
    assert!(c.find(Locator::Css(selector)).await.unwrap().is_selected().await.unwrap());

    browser.close().await;
}
