//! What an author sees in the browser while `gen serve` runs, in headless Chromium: an edit shows
//! up without touching the browser, a stylesheet edit applies without a reload, a broken front
//! matter brings up the overlay with file:line:col, and fixing it takes the overlay away.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::browser::{Browser, available};
use common::serve::Serve;
use fantoccini::{Client, Locator};

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Evaluates `js` until it returns `true`, or fails after `secs` seconds.
async fn until(c: &Client, js: &str, secs: u64, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Ok(v) = c.execute(js, vec![]).await
            && v == serde_json::Value::Bool(true)
        {
            return;
        }
        assert!(Instant::now() < deadline, "{what} did not happen within {secs}s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_author_edits_breaks_and_fixes_a_roadmap_while_the_page_is_open() {
    if !available() {
        return;
    }
    let site = common::fixture_site("site-mini");
    let root = site.path();
    let serve = Serve::start(root, &[]);
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&format!("{}en/mini/phase-1/", serve.url)).await.unwrap();
    let main = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(main.contains("Write code"), "{main}");
    // A marker that a reload would wipe.
    c.execute("window.__notReloaded = true; return true;", vec![]).await.unwrap();
    until(c, "return !!document.querySelector('script[data-gen-serve]');", 5, "the live-reload script").await;
    // Let the page's WebSocket connect before editing.
    tokio::time::sleep(Duration::from_millis(500)).await;

    // A stylesheet edit applies in place.
    let css = root.join("themes/default/static/style.css");
    let text = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{text}\nmain {{ outline: 7px solid rgb(1, 2, 3); }}\n")).unwrap();
    until(
        c,
        "return getComputedStyle(document.querySelector('main')).outlineWidth === '7px';",
        20,
        "the new stylesheet",
    )
    .await;
    let kept = c.execute("return window.__notReloaded === true;", vec![]).await.unwrap();
    assert_eq!(kept, serde_json::Value::Bool(true), "a stylesheet change reloaded the page");

    // An edit to the document shows up without touching the browser.
    let en = root.join("content/roadmaps/mini/en.md");
    edit(&en, "- Write code", "- Write tested code");
    until(c, "return document.querySelector('main').textContent.includes('Write tested code');", 20, "the edit").await;

    // Break the front matter: the overlay names the file, line and column; the page stays.
    edit(&en, "+++\ntitle", "++\ntitle");
    until(c, "return !!document.getElementById('gen-serve-overlay');", 20, "the error overlay").await;
    let overlay = c.find(Locator::Id("gen-serve-overlay")).await.unwrap().text().await.unwrap();
    assert!(overlay.contains("content/roadmaps/mini/en.md:1:1"), "{overlay}");
    assert!(overlay.contains("front matter"), "{overlay}");
    let main = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(main.contains("Write tested code"), "the last good page stays under the overlay");

    // Fix it: the overlay goes.
    edit(&en, "++\ntitle", "+++\ntitle");
    until(c, "return !document.getElementById('gen-serve-overlay');", 20, "the overlay going away").await;

    // A page opened while the sources are broken shows the overlay at once.
    edit(&en, "+++\ntitle", "++\ntitle");
    c.goto(&format!("{}vi/", serve.url)).await.unwrap();
    until(c, "return !!document.getElementById('gen-serve-overlay');", 20, "the overlay on a fresh page").await;
    edit(&en, "++\ntitle", "+++\ntitle");
    until(c, "return !document.getElementById('gen-serve-overlay');", 20, "the overlay going away").await;

    browser.close().await;
}
