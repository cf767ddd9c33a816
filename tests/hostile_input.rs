//! Broken and hostile files in `content/`: each gets a located error (or warning), the build
//! reports all of them, nothing hangs or exhausts memory, and a failed build keeps the old site.

mod common;

use std::path::Path;

use common::{build, fixture_site};

fn messages(root: &Path) -> Vec<String> {
    build(root, None).diagnostics.iter().map(ToString::to_string).collect()
}

fn has(msgs: &[String], needle: &str) -> bool {
    msgs.iter().any(|m| m.contains(needle))
}

#[test]
fn binary_file_is_refused_not_parsed() {
    let site = fixture_site("site-mini");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 1000));
    std::fs::write(site.path().join("content/roadmaps/mini/en.md"), png).unwrap();
    let m = messages(site.path());
    assert!(has(&m, "content/roadmaps/mini/en.md: is a binary file, not text"), "{m:#?}");
}

#[test]
fn utf16_with_bom_is_not_mistaken_for_binary() {
    let site = fixture_site("site-mini");
    let text = std::fs::read_to_string(site.path().join("content/roadmaps/mini/en.md")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(site.path().join("content/roadmaps/mini/en.md"), bytes).unwrap();
    let m = messages(site.path());
    assert!(!has(&m, "binary"), "{m:#?}");
}

#[test]
fn huge_file_is_refused_without_reading_it() {
    let site = fixture_site("site-mini");
    // A sparse 500 MB file: costs no disk, would cost 500 MB of memory if read.
    let f = std::fs::File::create(site.path().join("content/roadmaps/mini/ru.md")).unwrap();
    f.set_len(500 * 1024 * 1024).unwrap();
    let m = messages(site.path());
    assert!(has(&m, "content/roadmaps/mini/ru.md: is 524288000 bytes; sources may be at most"), "{m:#?}");
}

#[cfg(unix)]
#[test]
fn fifo_and_symlinks_out_of_the_site_are_refused() {
    let site = fixture_site("site-mini");
    let fifo = site.path().join("content/roadmaps/mini/ru.md");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/etc/hostname", site.path().join("content/topics.toml")).unwrap_or_else(|_| {
        std::fs::remove_file(site.path().join("content/topics.toml")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", site.path().join("content/topics.toml")).unwrap();
    });
    std::os::unix::fs::symlink(site.path().join("content/roadmaps"), site.path().join("content/roadmaps/loop"))
        .unwrap();
    let m = messages(site.path());
    assert!(has(&m, "content/roadmaps/mini/ru.md: is not a regular file"), "{m:#?}");
    assert!(has(&m, "content/topics.toml: is a symbolic link that leads outside the site"), "{m:#?}");
    assert!(has(&m, "content/roadmaps/loop: symbolic links to roadmap folders are not followed"), "{m:#?}");
}

#[test]
fn output_inside_content_is_refused() {
    let site = fixture_site("site-mini");
    let report = roadmap_gen::pipeline::build(&roadmap_gen::pipeline::BuildOptions {
        root: site.path().to_path_buf(),
        output: "content/out".into(),
        base_url: None,
    });
    assert!(report.failed());
    assert!(report.diagnostics.iter().any(|d| d.message.contains("inside content/")));
    assert!(!site.path().join("content/out").exists());
}

#[test]
fn unknown_keys_wrong_types_and_missing_source_are_all_reported() {
    let site = fixture_site("site-mini");
    let root = site.path();
    std::fs::write(root.join("content/roadmaps/mini/roadmap.toml"), "source_lang = \"vi\"\norder = \"first\"\n")
        .unwrap();
    std::fs::create_dir_all(root.join("content/roadmaps/nosrc")).unwrap();
    std::fs::write(root.join("content/roadmaps/nosrc/roadmap.toml"), "source_lang = \"ru\"\nlevle = \"junior\"\n")
        .unwrap();
    std::fs::write(root.join("content/roadmaps/nosrc/en.md"), "+++\ntitle = \"x\"\n+++\n").unwrap();
    std::fs::write(root.join("content/resources.toml"), "[[resource]]\nid = \"x\"\nkind = \"book\"\ntitel = \"X\"\n")
        .unwrap();
    let m = messages(root);
    assert!(has(&m, "content/roadmaps/mini/roadmap.toml:2:"), "{m:#?}");
    assert!(has(&m, "content/roadmaps/nosrc/roadmap.toml:2:1: invalid TOML: unknown field `levle`"), "{m:#?}");
    assert!(has(&m, "did you mean `level`?"), "{m:#?}");
    assert!(has(&m, "content/resources.toml:4:1"), "{m:#?}");
}
