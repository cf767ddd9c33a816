//! `gen check` as a maintainer runs it in CI: the bundled site passes; a site with a broken
//! anchor, a misspelt front matter key, a dirty encoding and a broken template link fails with
//! exit code 1 and names every problem at file:line:col, as text and as JSON.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn gen_check(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gen")).arg("check").arg("--root").arg(root).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bundled_site_passes_gen_check() {
    let (code, stdout, stderr) = gen_check(&repo(), &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains(": 0 error(s)"), "{stdout}");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn broken_site_fails_with_every_problem_located() {
    let site = fixture_site("site-mini");
    let root = site.path();
    let rm = root.join("content/roadmaps/mini");
    edit(&rm.join("vi.md"), "(#weeks-1-2)", "(#weeks-1-3)");
    edit(&rm.join("en.md"), "title = ", "descripton = \"x\"\ntitle = ");
    edit(
        &root.join("themes/default/templates/topic.html"),
        "<h1>{{ title }}</h1>",
        "<h1>{{ title }}</h1><a href=\"../nope/\">x</a>",
    );
    let ftl = root.join("i18n/ru.ftl");
    let crlf = std::fs::read_to_string(&ftl).unwrap().replace('\n', "\r\n");
    std::fs::write(&ftl, crlf).unwrap();

    let (code, stdout, stderr) = gen_check(root, &[]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(stderr.contains("content/roadmaps/mini/vi.md:43:39: link `#weeks-1-3` leads to no anchor"), "{stderr}");
    assert!(stderr.contains("did you mean `#weeks-1-2`?"), "{stderr}");
    assert!(stderr.contains("content/roadmaps/mini/en.md:2:1: invalid TOML: unknown field `descripton`"), "{stderr}");
    assert!(stderr.contains("did you mean `description`?"), "{stderr}");
    assert!(stderr.contains("themes/default/templates/topic.html:"), "{stderr}");
    assert!(stderr.contains("i18n/ru.ftl:1:"), "{stderr}");
    assert!(stderr.contains("CRLF"), "{stderr}");

    let (code, stdout, _) = gen_check(root, &["--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["errors"], 4, "{stdout}");
    let d = v["diagnostics"].as_array().unwrap();
    let anchor = d.iter().find(|d| d["message"].as_str().unwrap().contains("#weeks-1-3")).unwrap();
    assert_eq!(anchor["file"], "content/roadmaps/mini/vi.md");
    assert_eq!((anchor["line"].as_u64(), anchor["col"].as_u64()), (Some(43), Some(39)));
    assert_eq!(anchor["severity"], "error");
}

#[test]
fn a_translation_may_link_to_an_anchor_only_the_source_has() {
    // The vi edition of the mini roadmap is the source; the en translation has no phase 2 and no
    // career section, which readers see from the source as fallback, so links to them work.
    let site = fixture_site("site-mini");
    let root = site.path();
    let en = root.join("content/roadmaps/mini/en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(
        &en,
        format!("{text}\nSee [week 9](#weeks-9-10), [careers](#con-đường-sự-nghiệp) and [nothing](#weeks-9-11).\n"),
    )
    .unwrap();
    let (code, stdout, stderr) = gen_check(root, &["--format", "json"]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let errors: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("#weeks-9-11"), "{errors:#?}");
}
