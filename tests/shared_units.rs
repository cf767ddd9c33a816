//! A roadmap's pages in one language share each unit's rendering (`render::markdown::Fragment`):
//! the unit is rendered once, with the places that depend on the page (relative links, anchors
//! on this page or another, topics linked only at their first mention on the page) left as
//! holes that each page fills in. Every page must come out byte for byte as if it were rendered
//! on its own.

mod common;

use std::path::Path;

use common::*;
use roadmap_gen::{link, pipeline, render};

/// Renders every page of the site at `root` both ways and compares them; returns the pages.
fn same_both_ways(root: &Path) -> Vec<render::Page> {
    let (site, diags) = pipeline::load_site(root);
    let site = site.unwrap_or_else(|| panic!("{diags:#?}"));
    let links = link::link(&site);
    let (theme, diags) = pipeline::load_theme(root, &site.config);
    let theme = theme.unwrap_or_else(|| panic!("{diags:#?}"));
    let translations = roadmap_gen::translation::SiteStatus::of(&site);
    let renderer = theme.renderer(&site, &links, &translations);
    let jobs = render::plan(&site);
    let shared = renderer.render_each(&jobs);
    assert_eq!(shared.len(), jobs.len());
    let mut pages = Vec::new();
    for (job, page) in jobs.iter().zip(shared) {
        let page = page.unwrap_or_else(|d| panic!("{job:?}: {d:?}"));
        let alone = renderer.render_alone(job).unwrap_or_else(|d| panic!("{job:?}: {d:?}"));
        assert_eq!(page.path, alone.path);
        if page.body != alone.body {
            let (a, b) = (String::from_utf8_lossy(&alone.body), String::from_utf8_lossy(&page.body));
            let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
            let from = at.saturating_sub(200);
            panic!(
                "{} differs when rendered with its roadmap's other pages, at byte {at}:\nalone:  {}\nshared: {}",
                page.path,
                &a[from..(at + 200).min(a.len())],
                &b[from..(at + 200).min(b.len())]
            );
        }
        pages.push(page);
    }
    pages
}

fn page<'a>(pages: &'a [render::Page], path: &str) -> &'a str {
    let p = pages.iter().find(|p| p.path == path).unwrap_or_else(|| panic!("no page {path}"));
    std::str::from_utf8(&p.body).unwrap()
}

#[test]
fn the_bundled_site_is_the_same_rendered_shared_or_alone() {
    let pages = same_both_ways(&repo());
    assert!(pages.len() > 400, "{} pages", pages.len());
}

/// Every kind of hole, and the inputs that must fall back to rendering for the page alone: the
/// mark character in the text, a link inside an image's alt text, raw HTML.
#[test]
fn every_kind_of_hole_and_fallback_is_the_same_shared_or_alone() {
    let dir = fixture_site("site-mini");
    let en = dir.path().join("content/roadmaps/mini/en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    let text = text.replace(
        "- 📖 Read \"Building Microservices\"",
        "\u{F8FF}0\u{F8FF} Microservices first, then microservices again: [the assessment](#assessment), [this week](#weeks-1-2), \
         [the plan](vi.md#plan), [the book](resource:building-microservices), [the topic](topic:microservices) \
         and [nowhere](#nowhere).\n\n- 📖 Read \"Building Microservices\"",
    );
    let text = text.replace(
        "- Write code",
        "- Write code about microservices, with [a link \"titled\"](#phase-1 \"To the phase\")\n\n\
         ![see [microservices](#assessment) here](pic.png)\n",
    );
    let text = text.replace(
        "- ✅ A running project",
        "- ✅ A running project for microservices, see [weeks](#weeks-3-4)\n\n\
         Some <b>raw</b> microservices [back](#weeks-1-2).",
    );
    std::fs::write(&en, text).unwrap();
    let pages = same_both_ways(dir.path());
    // The holes were there to fill: the same unit links a week on the phase page in place, and
    // from the print view to the phase page; a topic is linked once per page.
    let print = page(&pages, "en/mini/print/");
    let phase = page(&pages, "en/mini/phase-1/");
    assert!(phase.contains("href=\"#weeks-1-2\""), "{phase}");
    assert!(print.contains("href=\"../phase-1/#weeks-1-2\""), "{print}");
    assert!(phase.contains("href=\"../#assessment\""), "{phase}");
    assert!(phase.contains("href=\"../../../vi/mini/#plan\""), "{phase}");
    assert!(phase.contains("title=\"To the phase\""), "{phase}");
    for p in [print, phase] {
        let main = &p[p.find("<main").unwrap()..];
        assert_eq!(main.matches("class=\"ref ref-topic\"").count(), 1, "{main}");
        assert!(main.contains('\u{F8FF}'), "the mark character in the text is kept");
    }
}
