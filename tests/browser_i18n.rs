//! A reader switching languages in headless Chromium: the switcher lands on the same phase (and
//! the same week, when the address names one) in Vietnamese, Russian and English; a phase the
//! reader's language lacks shows the source under a banner, with the switcher saying so; and an
//! outdated unit's notice leads to the same week in the source language.

mod common;

use common::browser::{Browser, StaticServer, available};
use common::{build, bundled_copy};
use fantoccini::{Client, Locator};

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|_| panic!("no {css}")).text().await.unwrap()
}

async fn switch_to(c: &Client, lang: &str) {
    c.find(Locator::Css(&format!(r#"a[data-lang-link="{lang}"]"#))).await.unwrap().click().await.unwrap();
}

async fn url(c: &Client) -> String {
    c.current_url().await.unwrap().to_string()
}

/// Whether the page was scrolled so that the element with this id is on screen (sub-pixel
/// layout can leave its top a fraction above the viewport).
async fn in_view(c: &Client, id: &str) -> bool {
    let js = "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return window.scrollY > 0 && r.top > -2 && r.top < window.innerHeight;";
    c.execute(js, vec![serde_json::json!(id)]).await.unwrap().as_bool().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_language_keeps_the_phase_and_week_and_outdated_notices_lead_to_the_source() {
    if !available() {
        return;
    }
    // The bundled site with one edited source week, so one translated week is outdated.
    let site = bundled_copy();
    let ru = site.path().join("content/roadmaps/backend-zero-to-senior/ru.md");
    let text_ru = std::fs::read_to_string(&ru).unwrap();
    std::fs::write(&ru, text_ru.replace("- **JSON**: Работа с данными\n", "- **JSON**: Работа с данными и схемами\n"))
        .unwrap();
    let report = build(site.path(), Some("https://user.github.io/repo/"));
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    let server = StaticServer::start(&site.path().join("public"), "/repo/");
    let browser = Browser::start().await;
    let c = &browser.client;

    // English → Vietnamese (the source) on a phase page, keeping the week in the address.
    c.goto(&format!("{}en/backend-nestjs-senior/phase-2/#weeks-13-14", server.url)).await.unwrap();
    assert!(text(c, "h1").await.contains("Months 3-4"));
    switch_to(c, "vi").await;
    let u = url(c).await;
    assert!(u.ends_with("/repo/vi/backend-nestjs-senior/phase-2/#weeks-13-14"), "{u}");
    assert!(text(c, "h1").await.contains("Tháng 3-4"));
    assert!(in_view(c, "weeks-13-14").await, "the week is scrolled into view");
    assert_eq!(c.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap().as_deref(), Some("vi"));

    // Vietnamese → Russian: the Russian edition stops after phase 1, so the phase is shown in
    // Vietnamese under a Russian banner, and the switcher says Russian is missing here.
    let ru_entry = text(c, r#"a[data-lang-link="ru"]"#).await;
    assert_eq!(ru_entry, "Русский chưa dịch");
    switch_to(c, "ru").await;
    let u = url(c).await;
    assert!(u.ends_with("/repo/ru/backend-nestjs-senior/phase-2/#weeks-13-14"), "{u}");
    assert!(text(c, ".notice-fallback").await.contains("ещё не переведена на русский"));
    let article = c.find(Locator::Css("article.phase")).await.unwrap();
    assert_eq!(article.attr("lang").await.unwrap().as_deref(), Some("vi"));
    assert_eq!(text(c, ".lang-switcher [aria-current]").await, "Русский нет перевода");
    assert!(in_view(c, "weeks-13-14").await);

    // Back to phase 1, which Russian has: complete, no banner.
    c.goto(&format!("{}vi/backend-nestjs-senior/phase-1/", server.url)).await.unwrap();
    assert_eq!(text(c, r#"a[data-lang-link="ru"]"#).await, "Русский");
    switch_to(c, "ru").await;
    assert!(url(c).await.ends_with("/repo/ru/backend-nestjs-senior/phase-1/"));
    assert!(c.find(Locator::Css(".notice-fallback")).await.is_err());
    assert!(text(c, "h1").await.contains("Месяцы 1-2"), "{}", text(c, "h1").await);

    // The partial Vietnamese edition of the Russian roadmap: phase 1 is translated, but its
    // weeks 9-10 changed in the source since. The notice links the Russian week.
    c.goto(&format!("{}vi/backend-zero-to-senior/phase-1/", server.url)).await.unwrap();
    assert!(text(c, "h1").await.contains("GIAI ĐOẠN 1"));
    let notices = c.find_all(Locator::Css(".notice-outdated")).await.unwrap();
    assert_eq!(notices.len(), 1);
    let note = text(c, "#weeks-9-10 ~ .notice-outdated").await;
    assert!(note.contains("Bản gốc của phần này đã thay đổi"), "{note}");
    c.find(Locator::Css(".notice-outdated a")).await.unwrap().click().await.unwrap();
    let u = url(c).await;
    assert!(u.ends_with("/repo/ru/backend-zero-to-senior/phase-1/#weeks-9-10"), "{u}");
    assert!(in_view(c, "weeks-9-10").await);
    assert!(text(c, "#weeks-9-10").await.contains("Неделя 9-10"));

    // From the Russian phase 2 to Vietnamese: no translation, the same phase in Russian.
    c.goto(&format!("{}ru/backend-zero-to-senior/phase-2/", server.url)).await.unwrap();
    switch_to(c, "vi").await;
    assert!(url(c).await.ends_with("/repo/vi/backend-zero-to-senior/phase-2/"));
    assert!(text(c, ".notice-fallback").await.contains("chưa được dịch sang tiếng Việt"));
    assert!(text(c, "h1").await.contains("ФАЗА 2"));
    switch_to(c, "en").await;
    assert!(url(c).await.ends_with("/repo/en/backend-zero-to-senior/phase-2/"));
    assert!(text(c, "h1").await.contains("PHASE 2"));

    browser.close().await;
}
