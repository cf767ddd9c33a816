//! `gen check` on cross-links: registry references to ids the registries lack are errors with
//! file:line:col, the line and a hint, reported once beside the anchor check of the rendered
//! pages; a plain Markdown roadmap still builds, and check says what structure it lacks.

mod common;

use std::path::Path;
use std::process::Command;

use common::fixture_site;

fn run_gen(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gen")).args(args).arg("--root").arg(root).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn append(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str(text);
    std::fs::write(p, s).unwrap();
}

#[test]
fn the_fixture_site_checks_clean() {
    let site = fixture_site("site-mini");
    let (code, stdout, stderr) = run_gen(site.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("0 error(s)"), "{stdout}");
}

#[test]
fn unknown_anchors_and_registry_ids_are_errors_at_their_line() {
    let site = fixture_site("site-mini");
    let rel = "content/roadmaps/mini/vi.md";
    let lines = std::fs::read_to_string(site.path().join(rel)).unwrap().lines().count();
    append(
        site.path(),
        rel,
        "\nĐọc [sách](resource:building-microservice) và [chủ đề](topic:microservice), xem [tuần](#weeks-1-3).\n",
    );
    let line = lines + 2;
    let (code, _, stderr) = run_gen(site.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    for (col, msg, hint) in [
        (5, "unknown resource `building-microservice`", "did you mean `resource:building-microservices`?"),
        (47, "unknown topic `microservice`", "did you mean `topic:microservices`?"),
        (81, "link `#weeks-1-3` leads to no anchor", "did you mean `#weeks-1-2`?"),
    ] {
        let at = format!("error: {rel}:{line}:{col}: ");
        let d = stderr.split("\n\n").find(|d| d.contains(msg)).unwrap_or_else(|| panic!("no `{msg}` in:\n{stderr}"));
        assert!(d.starts_with(&at), "{d}");
        assert!(d.contains(hint), "{d}");
        assert!(d.contains("Đọc [sách](resource:building-microservice)"), "the line is quoted: {d}");
    }
    // JSON for tools carries the same locations, each problem once.
    let (_, json, _) = run_gen(site.path(), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // `gen check --format json` prints the array of diagnostics.
    let all = v.as_array().or_else(|| v["diagnostics"].as_array()).expect("a JSON array of diagnostics");
    let found: Vec<_> = all.iter().filter(|d| d["line"] == line).collect();
    assert_eq!(found.len(), 3, "{json}");
}

#[test]
fn a_plain_markdown_roadmap_builds_and_check_says_what_structure_it_lacks() {
    let site = fixture_site("site-mini");
    let dir = site.path().join("content/roadmaps/plain");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("roadmap.toml"), "source_lang = \"en\"\n").unwrap();
    std::fs::write(
        dir.join("en.md"),
        "+++\ntitle = \"Plain\"\n+++\n# Learn things\n\n## First\n\n- read\n\n## Then\n\n- write\n",
    )
    .unwrap();
    let (code, _, stderr) = run_gen(site.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site.path().join("public/en/plain/index.html").is_file());
    let (code, _, stderr) = run_gen(site.path(), &["check"]);
    assert_eq!(code, 0, "warnings only: {stderr}");
    assert!(stderr.contains("warning: content/roadmaps/plain/en.md: this roadmap has no .phase headings"), "{stderr}");
    assert!(stderr.contains("gen import"), "{stderr}");
}

#[test]
fn resource_and_topic_references_link_to_their_pages() {
    let site = fixture_site("site-mini");
    append(site.path(), "content/roadmaps/mini/vi.md", "\nXem [cuốn này](resource:building-microservices).\n");
    let (code, _, stderr) = run_gen(site.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(site.path().join("public/vi/mini/index.html")).unwrap();
    assert!(html.contains(r#"<a href="../../vi/resources/building-microservices/">cuốn này</a>"#), "{html}");
    let page =
        std::fs::read_to_string(site.path().join("public/en/resources/building-microservices/index.html")).unwrap();
    assert!(page.contains("\"../../mini/#career\""), "the explicit reference is cited: {page}");
}
