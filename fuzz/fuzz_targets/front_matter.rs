//! Front matter and the TOML files of a site: any text given to the front matter splitter, to
//! `roadmap.toml`, `site.toml` and the registries never panics; an error points at a line and
//! column that exist in the text and quotes that line; accepted front matter survives a round
//! trip through TOML.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use roadmap_gen::config::SiteConfig;
use roadmap_gen::diagnostic::Diagnostic;
use roadmap_gen::model::RoadmapMeta;
use roadmap_gen::model::registry::{parse_resources, parse_topics};
use roadmap_gen::parse::front_matter;

/// A located diagnostic points inside `text`: its line exists (a text ending in a newline has an
/// empty last line), its column is at most one past the line's last character, and the quoted
/// line is that line.
fn check_position(text: &str, d: &Diagnostic) {
    if d.line == 0 {
        assert_eq!(d.col, 0, "column without a line: {d:?}");
        return;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(d.line <= lines.len(), "line {} of {}: {d:?}", d.line, lines.len());
    let line = lines[d.line - 1];
    assert!(d.col >= 1 && d.col <= line.chars().count() + 1, "column {} on {line:?}: {d:?}", d.col);
    assert_eq!(d.source_line.as_deref(), text.lines().nth(d.line - 1), "quoted line: {d:?}");
    // The message renders (the caret is drawn from the quoted line).
    let _ = d.to_string();
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = Path::new("content/roadmaps/x/en.md");

    if let Some(r) = front_matter::toml_range(&text) {
        assert!(r.start <= r.end && r.end <= text.len(), "{r:?} outside {} bytes", text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    match front_matter::split(path, &text) {
        Ok((front, body_start)) => {
            assert!(body_start <= text.len() && text.is_char_boundary(body_start));
            assert!(!front.title.trim().is_empty(), "empty title accepted");
            assert!(front_matter::toml_range(&text).is_some(), "accepted without a closed block");
            // What gen accepted, written back as front matter, reads the same.
            let toml = toml::to_string(&front).expect("front matter serialises");
            let again = format!("+++\n{toml}+++\n");
            let (back, _) = front_matter::split(path, &again).expect("round trip parses");
            assert_eq!(back, front, "round trip changed the front matter");
        }
        Err(d) => {
            assert!(d.is_error());
            check_position(&text, &d);
        }
    }

    let meta_path = Path::new("content/roadmaps/x/roadmap.toml");
    if let Err(d) = RoadmapMeta::parse(meta_path, &text) {
        check_position(&text, &d);
    }
    if let Err(ds) = SiteConfig::parse(Path::new("site.toml"), &text) {
        assert!(!ds.is_empty());
        for d in &ds {
            check_position(&text, d);
        }
    }
    let (_, ds) = parse_resources(Path::new("content/resources.toml"), &text);
    for d in &ds {
        check_position(&text, d);
    }
    let (_, ds) = parse_topics(Path::new("content/topics.toml"), &text);
    for d in &ds {
        check_position(&text, d);
    }
});
