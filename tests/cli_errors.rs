//! The `gen` binary on broken sites: every problem named with file:line:col and the line,
//! exit codes 0 / 1 / 2, and a failed build never touches the previous site.

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

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn a_good_site_builds_with_exit_code_0() {
    let site = fixture_site("site-mini");
    let (code, stdout, stderr) = run_gen(site.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Built "), "{stdout}");
    assert!(site.path().join("public/vi/mini/index.html").is_file());
}

#[test]
fn bad_front_matter_names_file_line_col_and_keeps_the_old_site() {
    let site = fixture_site("site-mini");
    assert_eq!(run_gen(site.path(), &["build"]).0, 0);
    let before = std::fs::read_to_string(site.path().join("public/en/mini/index.html")).unwrap();
    write(site.path(), "content/roadmaps/mini/en.md", "+++\ntitle = \"Test\"\nlevel = = 3\n+++\n# x\n");
    let (code, _, stderr) = run_gen(site.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/roadmaps/mini/en.md:3:"), "{stderr}");
    assert!(stderr.contains("level = = 3"), "{stderr}");
    let after = std::fs::read_to_string(site.path().join("public/en/mini/index.html")).unwrap();
    assert_eq!(before, after, "a failed build must leave the previous site untouched");
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let site = fixture_site("site-mini");
    write(site.path(), "content/roadmaps/mini/vn.md", "+++\ntitle = \"x\"\n+++\n");
    write(site.path(), "content/roadmaps/mini/ru.md", "+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n");
    write(site.path(), "content/roadmaps/other/roadmap.toml", "source_lang = \"en\"\n");
    write(
        site.path(),
        "content/roadmaps/other/en.md",
        "+++\ntitle = \"O\"\n+++\n## A {#phase-1 .phase}\n## B {#phase-1 .phase}\n### W {.week}\n",
    );
    let (code, _, stderr) = run_gen(site.path(), &["build"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("unknown language code `vn` (Vietnamese is `vi`)"), "{stderr}");
    assert!(stderr.contains("ru.md:3:1"), "{stderr}");
    assert!(stderr.contains("did you mean `title`?"), "{stderr}");
    assert!(stderr.contains("other/en.md:5:1: duplicate id `phase-1`"), "{stderr}");
    assert!(stderr.contains("other/en.md:6:1: a .week heading needs an explicit id"), "{stderr}");
}

#[test]
fn missing_site_toml_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_gen(dir.path(), &["build"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("site.toml"), "{stderr}");
    assert!(stderr.contains("--root"), "{stderr}");
}

#[test]
fn missing_template_and_unknown_source_edition_are_errors() {
    let site = fixture_site("site-mini");
    std::fs::remove_file(site.path().join("themes/default/templates/phase.html")).unwrap();
    write(site.path(), "content/roadmaps/mini/roadmap.toml", "source_lang = \"ru\"\n");
    let (code, _, stderr) = run_gen(site.path(), &["build"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("source edition `ru.md` is missing"), "{stderr}");
    let (code, _, stderr) = run_gen(site.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("themes/default/templates/phase.html: missing template"), "{stderr}");
}

#[test]
fn mojibake_and_damaged_sources_are_reported_with_positions() {
    let site = fixture_site("site-mini");
    let mut bytes = b"+++\ntitle = \"Test\"\n+++\n## Assessment {#assessment}\n\nline ".to_vec();
    bytes.extend_from_slice(&[0xC4, b' ', b'x', b'\n']);
    std::fs::write(site.path().join("content/roadmaps/mini/en.md"), bytes).unwrap();
    let (_, _, stderr) = run_gen(site.path(), &["build"]);
    assert!(stderr.contains("content/roadmaps/mini/en.md:6:"), "{stderr}");
}
