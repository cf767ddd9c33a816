//! Builds the bundled site and a small fixture site, and checks what a reader and a search
//! engine get: languages, alternates, links that resolve, clean text, the seeds' headings.

mod common;

use common::*;

#[test]
fn bundled_site_builds_with_every_page_and_no_errors() {
    let (out, report) = build_bundled(Some("https://user.github.io/repo/"));
    let errors: Vec<String> = report.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let site = out.path().join("public");
    for page in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "assets/style.css",
        "assets/syntax.css",
        "vi/index.html",
        "ru/index.html",
        "en/index.html",
        "vi/backend-nestjs-senior/index.html",
        "vi/backend-nestjs-senior/phase-1/index.html",
        "vi/backend-nestjs-senior/phase-4/index.html",
        "vi/backend-nestjs-senior/weeks/index.html",
        "ru/backend-zero-to-senior/phase-4/index.html",
        "en/backend-zero-to-senior/weeks/index.html",
        "en/resources/designing-data-intensive-applications/index.html",
        "ru/careers/index.html",
    ] {
        assert!(site.join(page).is_file(), "missing {page}");
    }
    assert!(report.pages > 50, "only {} pages", report.pages);
}

#[test]
fn bundled_site_links_and_anchors_all_resolve() {
    let (out, _) = build_bundled(Some("https://user.github.io/repo/"));
    let broken = broken_links(&out.path().join("public"));
    assert!(broken.is_empty(), "{} broken links:\n{}", broken.len(), broken.join("\n"));
}

#[test]
fn bundled_site_has_no_replacement_characters_or_mojibake() {
    let (out, _) = build_bundled(None);
    for (page, html) in html_files(&out.path().join("public")) {
        assert!(!html.contains('\u{FFFD}'), "{page} contains U+FFFD");
        for moji in ["Ã©", "Ã¡", "â€", "á»", "Ð¾", "ðŸ", "–ö–æ"] {
            assert!(!html.contains(moji), "{page} contains mojibake {moji:?}");
        }
    }
}

#[test]
fn seed_headings_reach_the_pages() {
    let (out, _) = build_bundled(None);
    let site = out.path().join("public");
    let read = |p: &str| std::fs::read_to_string(site.join(p)).unwrap();
    let vi = read("vi/backend-nestjs-senior/index.html");
    for h in
        ["Đánh giá hiện trạng", "5 Chủ đề cốt lõi để phát triển", "Skills Matrix và đánh giá", "Kết luận và Next Steps"]
    {
        assert!(vi.contains(h), "vi overview lacks {h}");
    }
    assert!(read("vi/backend-nestjs-senior/phase-1/index.html").contains("Tháng 1-2: Microservices Mastery"));
    let ru = read("ru/backend-zero-to-senior/phase-1/index.html");
    assert!(ru.contains("ФАЗА 1: ОСНОВЫ ПРОГРАММИРОВАНИЯ"));
    assert!(ru.contains("Неделя 1-2: Системные основы"));
    assert!(read("ru/backend-zero-to-senior/index.html").contains("КАРЬЕРНЫЕ ТРАЕКТОРИИ"));
}

#[test]
fn pages_declare_language_alternates_and_canonical() {
    let (out, _) = build_bundled(Some("https://user.github.io/repo/"));
    let site = out.path().join("public");
    let html = std::fs::read_to_string(site.join("ru/backend-zero-to-senior/phase-2/index.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"));
    assert!(
        html.contains(
            r#"<link rel="canonical" href="https://user.github.io/repo/ru/backend-zero-to-senior/phase-2/">"#
        )
    );
    for l in ["vi", "ru", "en"] {
        assert!(
            html.contains(&format!(
                r#"<link rel="alternate" hreflang="{l}" href="https://user.github.io/repo/{l}/backend-zero-to-senior/phase-2/">"#
            )),
            "no hreflang {l}"
        );
    }
    assert!(html.contains(r#"hreflang="x-default" href="https://user.github.io/repo/""#));
    assert!(html.contains(r#"<meta property="og:locale" content="ru_RU">"#));
    // Switcher lands on the same phase in the other language.
    assert!(html.contains(r#"href="../../../en/backend-zero-to-senior/phase-2/""#));
}

#[test]
fn missing_edition_falls_back_to_the_source_with_a_notice() {
    let (out, _) = build_bundled(None);
    let site = out.path().join("public");
    // The Vietnamese edition of the Russian roadmap covers phase 1 only.
    let p2 = std::fs::read_to_string(site.join("vi/backend-zero-to-senior/phase-2/index.html")).unwrap();
    assert!(p2.contains("<html lang=\"vi\">"));
    assert!(p2.contains("class=\"notice notice-fallback\""));
    assert!(p2.contains("<article class=\"phase\" lang=\"ru\""), "fallback content must carry lang=ru");
    let p1 = std::fs::read_to_string(site.join("vi/backend-zero-to-senior/phase-1/index.html")).unwrap();
    assert!(!p1.contains("notice-fallback"));
}

#[test]
fn github_style_anchors_from_the_seed_keep_working() {
    let (out, _) = build_bundled(None);
    let html = std::fs::read_to_string(out.path().join("public/vi/backend-nestjs-senior/index.html")).unwrap();
    // pulldown-cmark percent-encodes the href; browsers decode it before matching the id.
    assert!(html.contains(r##"href="#%C4%91%C3%A1nh-gi%C3%A1-hi%E1%BB%87n-tr%E1%BA%A1ng""##), "{html}");
    assert!(html.contains(r#"id="đánh-giá-hiện-trạng""#));
    assert!(html.contains(r#"id="5-chủ-đề-cốt-lõi-để-phát-triển""#));
}

#[test]
fn mini_site_renders_units_tasks_and_ratings() {
    let site = fixture_site("site-mini");
    let report = build(site.path(), None);
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    let out = site.path().join("public");
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let phase = std::fs::read_to_string(out.join("vi/mini/phase-1/index.html")).unwrap();
    insta::assert_snapshot!("mini_vi_phase_1_main", main_of(&phase));
    let overview = std::fs::read_to_string(out.join("en/mini/index.html")).unwrap();
    insta::assert_snapshot!("mini_en_overview_main", main_of(&overview));
    // A link to an anchor that now lives on a phase page is sent there.
    let p2 = std::fs::read_to_string(out.join("vi/mini/phase-2/index.html")).unwrap();
    assert!(p2.contains(r#"href="../phase-1/#weeks-1-2""#), "{}", main_of(&p2));
    assert!(p2.contains(r#"href="../#assessment""#));
}

/// The `<main>` element of a page (the part that depends on content, not on the theme chrome).
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    html[start..end].to_owned()
}
