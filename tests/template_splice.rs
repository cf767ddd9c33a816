//! A page's content is spliced into the rendered page rather than given to Tera when every
//! template prints it only as `{{ content | safe }}` (`src/render/splice.rs`). These tests hold
//! the pages to what Tera alone makes: a theme that uses `content` some other way is rendered
//! the ordinary way, and a theme whose page shows its marker twice falls back to it.

mod common;

use std::path::Path;

use common::{build, bundled_copy, html_files};
use roadmap_gen::render::splice::SafeVars;

/// Rewrites `themes/default/templates/phase.html` of the site at `root` with `edit`.
fn edit_phase_template(root: &Path, edit: impl Fn(&str) -> String) {
    let path = root.join("themes/default/templates/phase.html");
    let source = std::fs::read_to_string(&path).unwrap();
    let edited = edit(&source);
    assert_ne!(edited, source, "the edit must change the template");
    std::fs::write(path, edited).unwrap();
}

#[test]
fn the_default_theme_prints_content_only_as_safe() {
    let dir = common::repo().join("themes/default/templates");
    let sources: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    // Were this to fail, pages would still be right, only built the slower way.
    assert!(SafeVars::of(sources.iter().map(String::as_str)).contains("content"));
}

#[test]
fn spliced_pages_are_the_pages_tera_renders() {
    let spliced = bundled_copy();
    assert!(!build(spliced.path(), None).failed());
    // `content` in a condition: no longer spliced anywhere, rendered by Tera.
    let plain = bundled_copy();
    edit_phase_template(plain.path(), |s| {
        s.replace("{{ content | safe }}", "{% if content %}{{ content | safe }}{% endif %}")
    });
    assert!(!build(plain.path(), None).failed());
    let (a, b) = (html_files(&spliced.path().join("public")), html_files(&plain.path().join("public")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let phases: Vec<&String> = a.keys().filter(|p| p.contains("/phase-")).collect();
    assert!(!phases.is_empty());
    for (path, html) in &a {
        assert_eq!(html, &b[path], "{path}");
        assert!(!html.contains('\u{F8FF}'), "a marker was left in {path}");
    }
}

#[test]
fn a_page_that_prints_content_twice_is_rendered_by_tera() {
    let site = bundled_copy();
    edit_phase_template(site.path(), |s| {
        s.replace("{{ content | safe }}", "{{ content | safe }}<hr class=\"twice\">{{ content | safe }}")
    });
    assert!(!build(site.path(), None).failed());
    let pages = html_files(&site.path().join("public"));
    let mut phases = 0;
    for (path, html) in pages.iter().filter(|(p, _)| p.contains("/phase-")) {
        phases += 1;
        assert!(!html.contains('\u{F8FF}'), "a marker was left in {path}");
        let (first, second) = html.split_once("<hr class=\"twice\">").unwrap();
        let before = first.rsplit_once("<div class=\"content\">\n").unwrap().1;
        assert!(before.len() > 100 && second.starts_with(before), "{path}: the content is not shown twice");
    }
    assert!(phases > 0);
}
