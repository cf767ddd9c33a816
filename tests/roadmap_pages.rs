//! The pages a reader follows a roadmap with: the overview's timeline, the career paths of both
//! roadmaps with the milestones that lead there, and the whole roadmap on one page for print.

mod common;

use std::collections::HashSet;

use common::*;

/// The bundled site, built once for all tests of this file (they only read it), into cargo's
/// scratch folder for integration tests (replaced atomically on every run).
fn built() -> std::path::PathBuf {
    static SITE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let output = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("roadmap_pages/public");
        let report = roadmap_gen::pipeline::build(&roadmap_gen::pipeline::BuildOptions {
            root: repo(),
            output: output.clone(),
            base_url: Some("https://user.github.io/repo/".to_owned()),
        });
        assert!(!report.failed(), "{:#?}", report.diagnostics);
        output
    })
    .clone()
}

fn read(site: &std::path::Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn the_overview_draws_the_timeline_with_a_text_alternative() {
    let site = built();
    let html = read(&site, "ru/backend-zero-to-senior/index.html");
    for drawing in ["timeline-wide", "timeline-narrow"] {
        assert!(html.contains(&format!(r#"<svg class="timeline {drawing}" viewBox="#)));
        assert!(html.contains(&format!(r#"role="img" aria-labelledby="{drawing}-title {drawing}-desc""#)));
        assert!(html.contains(&format!(r#"<title id="{drawing}-title">Временная шкала</title>"#)));
    }
    assert!(html.contains("4 фазы за 18 месяцев (72 недели)."), "the description states the span");
    // One bar per phase and one segment per weekly plan, in each drawing.
    assert_eq!(html.matches(r#"class="tl-bar""#).count(), 2 * 4);
    assert_eq!(html.matches(r#"class="tl-week""#).count(), 2 * 36);
    assert_eq!(html.matches(r#"class="tl-band"#).count(), 2 * 18);
    // The table says the same in text, with links to the phases.
    assert!(html.contains(r#"<tr><th scope="row" lang="ru"><a href="../../ru/backend-zero-to-senior/phase-3/">ФАЗА 3: РАСПРЕДЕЛЕННЫЕ СИСТЕМЫ (Месяцы 9-14)</a></th><td>Месяцы 9–14</td><td>недели 33–56</td><td>48 задач</td></tr>"#), "{html}");
    // The Vietnamese roadmap's weeks restart every two months in the text but not on the axis.
    let vi = read(&site, "en/backend-nestjs-senior/index.html");
    assert!(vi.contains("<td>Months 3–4</td><td>weeks 9–16</td><td>16 tasks</td>"), "{vi}");
}

#[test]
fn career_paths_of_both_roadmaps_link_back_to_their_milestones() {
    let site = built();
    let html = read(&site, "en/careers/index.html");
    for rm in ["backend-nestjs-senior", "backend-zero-to-senior"] {
        assert!(html.contains(&format!(r#"<section class="career-source" id="{rm}""#)), "{rm}");
    }
    let hrefs = attr_values(&html, "href");
    for expected in [
        "../../en/backend-zero-to-senior/phase-1/#milestone-1",
        "../../en/backend-zero-to-senior/phase-4/#milestone-4",
        "../../en/backend-nestjs-senior/phase-1/#phase-1-deliverables",
        "../../en/backend-nestjs-senior/phase-4/#phase-4-deliverables",
    ] {
        assert!(hrefs.iter().any(|h| h == expected), "no link to {expected}");
    }
    // Roles and tracks of both roadmaps are on the page.
    for role in ["Solutions Architect", "Staff Engineer", "Distinguished Engineer", "Site Reliability Engineer"] {
        assert!(html.contains(role), "{role}");
    }
    // Both roadmaps have a `career` unit; ids stay unique on the page.
    let ids = attr_values(&html, "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids on the careers page");
}

#[test]
fn the_whole_roadmap_prints_from_one_page() {
    let site = built();
    let html = read(&site, "vi/backend-zero-to-senior/print/index.html");
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    let ids: HashSet<String> = attr_values(&html, "id").into_iter().collect();
    for n in 1..=4 {
        assert!(ids.contains(&format!("phase-{n}")), "phase-{n}");
        assert!(ids.contains(&format!("milestone-{n}")), "milestone-{n}");
    }
    for w in (1..=71).step_by(2) {
        assert!(ids.contains(&format!("weeks-{w}-{}", w + 1)), "weeks-{w}-{}", w + 1);
    }
    assert_eq!(html.matches(r#"class="progress week-done""#).count(), 36);
    assert!(html.contains(r#"<section class="print-resources""#));
    assert!(html.contains("https://dataintensive.net/"), "addresses print beside the titles");
    let overview = read(&site, "vi/backend-zero-to-senior/index.html");
    assert!(overview.contains(r#"href="../../vi/backend-zero-to-senior/print/""#));
    let sitemap = read(&site, "sitemap.xml");
    assert!(!sitemap.contains("/print/"), "the print view is not a page to index");
}
