//! Inputs that broke the front matter, model and import stages, found by the fuzz targets in
//! `fuzz/` (`fuzz/run.sh SECONDS`). Each is checked with the invariant its target asserts.
//! (The encoding stage's cases are in `tests/encoding_fuzz_regressions.rs`.)

use std::collections::HashSet;
use std::path::Path;

use roadmap_gen::encoding::normalize;
use roadmap_gen::import::import;
use roadmap_gen::model::{self, RoadmapMeta};
use roadmap_gen::parse::parse_document;

/// The `import` target's invariants: the output parses back without diagnostics from the parser,
/// every id it writes is unique, and its roadmap.toml parses.
fn check_import(data: &[u8], lang: &str) -> String {
    let text = normalize(data).text;
    let imported = import(&text, lang, &[], &[]);
    let path = Path::new("content/roadmaps/x").join(format!("{lang}.md"));
    let (doc, diags) = parse_document(&path, imported.markdown.clone())
        .unwrap_or_else(|d| panic!("unreadable import of {data:?}: {d}\n{}", imported.markdown));
    assert!(diags.is_empty(), "{diags:?}\n{}", imported.markdown);
    let (ed, _) = model::build_edition(lang, doc);
    let mut ids = HashSet::new();
    for u in ed.all_units() {
        if let Some(id) = u.heading.id() {
            assert!(ids.insert(id.to_owned()), "id {id} written twice\n{}", imported.markdown);
        }
    }
    RoadmapMeta::parse(Path::new("roadmap.toml"), &imported.roadmap_toml)
        .unwrap_or_else(|d| panic!("bad roadmap.toml: {d}\n{}", imported.roadmap_toml));
    imported.markdown
}

/// An author's `{#id}` written without a space before it was kept by the importer; Markdown reads
/// it as the heading's id all the same, so two such headings gave a document with a duplicate id
/// (found in a mutated copy of content/roadmaps/backend-nestjs-senior/en.md).
#[test]
fn an_old_id_block_without_a_space_is_stripped() {
    let md = check_import(b"# T\n\n## Courses{#courses}\n\n## Courses{#courses}\n", "en");
    assert!(md.contains("\n## Courses\n"), "{md}");
    assert!(!md.contains("{#courses}"), "{md}");
    let md = check_import(b"# T\n\n## A {#x} {.y}\n\n## A{#x}\n", "en");
    assert!(!md.contains("{#x}") && !md.contains("{.y}"), "{md}");
}

/// With old id blocks stripped, a title made only of one would be empty, which front matter
/// refuses.
#[test]
fn a_title_that_is_only_an_id_block_becomes_untitled() {
    let md = check_import(b"# {#a}\n\ntext\n", "vi");
    assert!(md.starts_with("+++\ntitle = \"Untitled roadmap\"\n"), "{md}");
}

/// Week and month numbers near `u32::MAX` overflowed the importer's arithmetic that makes week
/// numbers absolute (a panic in a debug build, a wrong id in a release one). Such a heading now
/// stays a plain heading, with a warning for the author.
#[test]
fn huge_week_numbers_stay_plain_headings() {
    let raw = "# T\n\n## Phase 1\n\n### Week 4294967295\n\n### Week 1\n";
    let imported = import(raw, "en", &[], &[]);
    // "Week 1" after week 4294967295 is counted on from it, past u32::MAX.
    assert!(imported.warnings.iter().any(|w| w.contains("`Week 1`")), "{:?}", imported.warnings);
    check_import(raw.as_bytes(), "en");
    check_import("# T\n\n## Tháng 4294967295\n\n### Tuần 1\n".as_bytes(), "vi");
}

/// A month or week beyond any plan made the timeline's arithmetic overflow; the model now
/// reports it at its heading and drops the span.
#[test]
fn spans_beyond_any_plan_are_reported() {
    let text =
        "+++\ntitle = \"T\"\n+++\n## P {#phase-1 .phase months=1-4294967295}\n### W {#weeks-1-4294967295 .week}\n- a\n";
    let (doc, _) = parse_document(Path::new("en.md"), text.to_owned()).unwrap();
    let (ed, diags) = model::build_edition("en", doc);
    let lines: Vec<usize> = diags.iter().filter(|d| d.message.contains("beyond the last")).map(|d| d.line).collect();
    assert_eq!(lines, [4, 5], "{diags:?}");
    assert!(ed.all_units().iter().all(|u| u.span.is_none()));
    assert!(roadmap_gen::render::timeline::build(&ed, |p| (p.heading.text().to_string(), "en".into())).is_none());
}
