//! Resources and topics as a reader meets them: mentions in every roadmap and language link to
//! the registry pages, and those pages link back to every place that cites them.

mod common;

use std::collections::HashSet;

use common::*;

/// The bundled site, built once for all tests of this file (they only read it), into cargo's
/// scratch folder for integration tests (replaced atomically on every run).
fn built() -> std::path::PathBuf {
    static SITE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let output = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cross_links/public");
        let report = roadmap_gen::pipeline::build(&roadmap_gen::pipeline::BuildOptions {
            root: repo(),
            output: output.clone(),
            base_url: None,
        });
        assert!(!report.failed(), "{:#?}", report.diagnostics);
        output
    })
    .clone()
}

const SHARED_BOOKS: [&str; 4] = [
    "building-microservices",
    "designing-data-intensive-applications",
    "clean-architecture",
    "site-reliability-engineering",
];

fn read(out: &std::path::Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    &html[html.find("<main").unwrap()..html.find("</main>").unwrap()]
}

#[test]
fn the_books_both_seeds_share_list_both_roadmaps_in_every_language() {
    let site = built();
    for lang in ["vi", "ru", "en"] {
        for book in SHARED_BOOKS {
            let html = read(&site, &format!("{lang}/resources/{book}/index.html"));
            for rm in ["backend-nestjs-senior", "backend-zero-to-senior"] {
                assert!(
                    html.contains(&format!("class=\"cited-roadmap\" data-roadmap=\"{rm}\"")),
                    "{lang}/resources/{book} does not list {rm}"
                );
            }
        }
    }
    // Each backlink goes to the exact unit: Building Microservices is read in weeks 1-2 of the
    // NestJS roadmap, listed in its books, and in the books by phase of the Russian one.
    let html = read(&site, "en/resources/building-microservices/index.html");
    let hrefs = attr_values(main_of(&html), "href");
    for expected in [
        "../../backend-nestjs-senior/phase-1/#weeks-1-2",
        "../../backend-nestjs-senior/#books",
        "../../backend-zero-to-senior/#books",
    ] {
        assert!(hrefs.iter().any(|h| h == expected), "missing backlink {expected} in {hrefs:?}");
    }
}

#[test]
fn mentions_link_to_the_registry_longest_match_first() {
    let site = built();
    let ru = read(&site, "ru/backend-zero-to-senior/index.html");
    // "Grokking the System Design Interview" is the course, not the shorter book title inside it.
    assert!(ru.contains(
        r#"<a class="ref ref-resource" href="../../ru/resources/grokking-the-system-design-interview/">Grokking the System Design Interview</a>"#
    ));
    assert!(!ru.contains("resources/system-design-interview/"));
    // Books quoted in the Russian list link to their pages, in the reader's language.
    assert!(ru.contains(
        r#"href="../../ru/resources/designing-data-intensive-applications/">Designing Data-Intensive Applications</a>"#
    ));
    // The same roadmap read in Vietnamese (fallback to Russian text) links to Vietnamese pages.
    let vi = read(&site, "vi/backend-zero-to-senior/index.html");
    assert!(vi.contains(r#"href="../../vi/resources/designing-data-intensive-applications/""#));
    // The Vietnamese week that reads Building Microservices links the book.
    let p1 = read(&site, "vi/backend-nestjs-senior/phase-1/index.html");
    assert!(p1.contains(r#"Đọc "<a class="ref ref-resource" href="../../../vi/resources/building-microservices/">Building Microservices</a>" by Sam Newman"#));
}

#[test]
fn a_topic_is_linked_once_per_page_and_never_in_headings_or_code() {
    let site = built();
    for (page, html) in html_files(&site) {
        let Some(start) = html.find("<main") else { continue };
        let main = &html[start..];
        let mut seen = HashSet::new();
        let mut rest = main;
        while let Some(i) = rest.find(r#"<a class="ref ref-topic" href=""#) {
            rest = &rest[i + 31..];
            let href = &rest[..rest.find('"').unwrap()];
            assert!(seen.insert(href.to_owned()), "{page}: topic {href} linked twice");
        }
        for h in ["<h1", "<h2", "<h3", "<h4", "<h5", "<h6"] {
            for part in main.split(h).skip(1) {
                let heading = &part[..part.find("</h").unwrap_or(part.len())];
                assert!(!heading.contains("class=\"ref "), "{page}: mention linked inside a heading: {heading}");
            }
        }
        for part in main.split("<code").skip(1) {
            let code = &part[..part.find("</code>").unwrap_or(part.len())];
            assert!(!code.contains("class=\"ref "), "{page}: mention linked inside code");
        }
    }
}

#[test]
fn topic_pages_list_places_across_roadmaps_and_languages() {
    let site = built();
    let kafka = read(&site, "ru/topics/kafka/index.html");
    for rm in ["backend-nestjs-senior", "backend-zero-to-senior"] {
        assert!(kafka.contains(&format!("data-roadmap=\"{rm}\"")), "kafka topic page lacks {rm}");
    }
    // The Russian week on message queues cites Kafka, in Russian and English editions.
    assert!(kafka.contains(r#"href="../../backend-zero-to-senior/phase-2/#weeks-27-28""#), "{}", main_of(&kafka));
    // Places inside a phase are listed under it: the week's item sits in a list nested in the
    // phase's item, which names the phase once.
    let main = main_of(&kafka);
    let week = main.find(r#"href="../../backend-zero-to-senior/phase-2/#weeks-27-28""#).unwrap();
    let phase =
        main[..week].rfind(r#"href="../../backend-zero-to-senior/phase-2/#phase-2""#).expect("phase heads its places");
    assert!(main[phase..week].contains("<ul>") && !main[phase..week].contains("</ul>"), "{}", &main[phase..week]);
    // Every list opened is closed, in order.
    assert_eq!(main.matches("<ul").count(), main.matches("</ul>").count());
    assert_eq!(main.matches("<li").count(), main.matches("</li>").count());
}

#[test]
fn anchor_pages_finds_what_anchor_page_finds_one_by_one() {
    use roadmap_gen::link::{anchor_page, anchor_pages};
    let mut checked = 0;
    for root in [repo(), repo().join("tests/fixtures/site-mini")] {
        let (site, _) = roadmap_gen::pipeline::load_site(&root);
        let site = site.expect("the site loads");
        for rm in &site.roadmaps {
            // Every unit's id and slug, its tasks' anchors, and names no unit has.
            let mut names: Vec<String> = vec![String::new(), "no-such-anchor".into(), "task-nothing-1".into()];
            for ed in rm.editions.values() {
                for u in ed.all_units() {
                    names.push(u.id().to_owned());
                    names.push(u.heading.slug().to_owned());
                    names.extend((1..=u.task_count()).map(|n| u.task_anchor(n)));
                }
            }
            names.sort();
            names.dedup();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            for lang in site.config.languages.iter().chain(["xx".to_owned()].iter()) {
                let one_by_one: Vec<_> = names.iter().map(|n| anchor_page(rm, lang, n)).collect();
                assert_eq!(anchor_pages(rm, lang, &names), one_by_one, "{} {lang}", rm.id);
                checked += names.len();
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}
