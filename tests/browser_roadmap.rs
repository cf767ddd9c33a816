//! A reader following a roadmap in headless Chromium: open a phase from the overview's timeline,
//! tick a week, reload and find the tick; follow a book to its resource page and from there to
//! the other roadmap that cites it.

mod common;

use common::browser::{Browser, StaticServer, available};
use common::build_bundled;
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tick_a_week_then_follow_a_book_to_the_other_roadmap() {
    if !available() {
        return;
    }
    let (out, report) = build_bundled(Some("https://user.github.io/repo/"));
    assert!(!report.failed());
    let server = StaticServer::start(&out.path().join("public"), "/repo/");
    let browser = Browser::start().await;
    let c = &browser.client;

    // The overview's timeline table leads to the phase.
    c.goto(&format!("{}vi/backend-nestjs-senior/", server.url)).await.unwrap();
    c.find(Locator::Css(".timeline-table a[href$='/phase-1/']")).await.unwrap().click().await.unwrap();
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/repo/vi/backend-nestjs-senior/phase-1/"), "{url}");

    // Tick the whole week 1-2, reload: still ticked.
    let week = r#"input.week-done[data-key="backend-nestjs-senior:weeks-1-2"]"#;
    let b = c.find(Locator::Css(week)).await.unwrap();
    assert!(!b.is_selected().await.unwrap());
    b.click().await.unwrap();
    c.refresh().await.unwrap();
    assert!(
        c.find(Locator::Css(week)).await.unwrap().is_selected().await.unwrap(),
        "the week tick did not survive a reload"
    );
    // The weekly plan of the same roadmap shows the same tick.
    c.goto(&format!("{}vi/backend-nestjs-senior/weeks/", server.url)).await.unwrap();
    assert!(c.find(Locator::Css(week)).await.unwrap().is_selected().await.unwrap());
    c.back().await.unwrap();

    // Week 1-2 reads "Building Microservices": the mention is a link to the book's page.
    let book = c.find(Locator::Css("div.unit-week:has(> #weeks-1-2) a.ref-resource")).await.unwrap();
    assert_eq!(book.text().await.unwrap(), "Building Microservices");
    book.click().await.unwrap();
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/repo/vi/resources/building-microservices/"), "{url}");
    assert_eq!(c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "Building Microservices");

    // The book page lists the other roadmap; follow it to the place that cites the book.
    let other = c
        .find(Locator::Css(r#"section.cited-roadmap[data-roadmap="backend-zero-to-senior"] .cited-places a"#))
        .await
        .unwrap();
    other.click().await.unwrap();
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/repo/vi/backend-zero-to-senior/#books"), "{url}");
    // The target exists and cites the book (shown from the Russian source, marked as such).
    let books = c.find(Locator::Css("#books")).await.unwrap();
    assert!(books.text().await.unwrap().contains("Книги по фазам"));
    let link =
        c.find(Locator::Css(r#".unit-section a.ref-resource[href$="/vi/resources/building-microservices/"]"#)).await;
    assert!(link.is_ok(), "the other roadmap links the same book back");

    browser.close().await;
}
